/* test_base.c - the base layer: buffer limits, bounded parsing, UTF-8, log scrubbing, JSON field
 * tables, the audit hash chain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"
#include "domain/audit_chain.h"

static void
test_buf_limit_is_sticky(void **state)
{
    struct yc_buf b = YC_BUF_INIT(8);

    (void)state;
    yc_buf_adds(&b, "12345");
    assert_int_equal(b.overflow, 0);
    yc_buf_adds(&b, "6789"); /* 9 > 8 */
    assert_int_equal(b.overflow, 1);
    yc_buf_adds(&b, "a"); /* would fit, but the error is sticky */
    assert_int_equal(b.len, 5);
    assert_string_equal(yc_buf_cstr(&b), "12345");
    yc_buf_reset(&b);
    yc_buf_printf(&b, "%d-%s", 42, "ok");
    assert_string_equal(yc_buf_cstr(&b), "42-ok");
    yc_buf_release(&b);
}

static void
test_parse_i64_bounds(void **state)
{
    int64_t v = 0;

    (void)state;
    assert_int_equal(yc_parse_i64(yc_str_c("3650"), 0, 3650, &v), 0);
    assert_int_equal(v, 3650);
    assert_int_equal(yc_parse_i64(yc_str_c("3651"), 0, 3650, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c("-1"), 0, 3650, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c("-9223372036854775808"), INT64_MIN, 0, &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(yc_parse_i64(yc_str_c("9223372036854775808"), 0, INT64_MAX, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c("12a"), 0, 100, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c(" 1"), 0, 100, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c(""), 0, 100, &v), -1);
    assert_int_equal(yc_parse_i64(yc_str_c("-"), -5, 100, &v), -1);
}

static void
test_utf8(void **state)
{
    (void)state;
    assert_true(yc_utf8_valid("一窗受理", strlen("一窗受理")));
    assert_int_equal(yc_utf8_len("一窗受理", strlen("一窗受理")), 4);
    assert_false(yc_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(yc_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
    assert_false(yc_utf8_valid("\xE4\xB8", 2));         /* truncated */
    assert_false(yc_utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    assert_true(yc_utf8_valid("\xF0\x9F\x98\x80", 4));  /* U+1F600 */
    {
        char s[] = "窗口\xE5\x8F"; /* cut inside 受 */
        yc_utf8_trim_tail(s);
        assert_string_equal(s, "窗口");
    }
}

static void
test_log_scrub_masks_personal_numbers(void **state)
{
    char line[] = "id=11010519491231002X phone 13812345678 case 2025 seq=123456 X110105194912310021";

    (void)state;
    yc_log_scrub(line);
    assert_null(strstr(line, "11010519491231002X"));
    assert_non_null(strstr(line, "**************002X"));
    assert_non_null(strstr(line, "*******5678"));
    /* short numbers and numbers glued to letters are not personal numbers */
    assert_non_null(strstr(line, "case 2025"));
    assert_non_null(strstr(line, "seq=123456"));
    assert_non_null(strstr(line, "X110105194912310021"));
}

static void
test_json_field_table(void **state)
{
    static const struct yc_field fields[] = {
        {"username", YC_F_STR, 1, 3, 8},
        {"roles", YC_F_STR_ARRAY, 0, 1, 2},
        {"n", YC_F_INT, 0, 0, 10},
    };
    struct yc_err err;
    json_t *o;

    (void)state;
    assert_int_equal(yc_json_parse_object("[1]", 3, &o, &err), YC_EINVAL);
    assert_string_equal(err.code, "bad_json");
    assert_int_equal(yc_json_parse_object("{\"a\":1,\"a\":2}", 13, &o, &err), YC_EINVAL);
    assert_string_equal(err.code, "bad_json");
    assert_int_equal(yc_json_parse_object("{\"a\":\"\xff\"}", 9, &o, &err), YC_EINVAL);
    assert_string_equal(err.code, "bad_utf8");

#define CHECK(text, want_rc, want_code, want_field)                                               \
    do {                                                                                           \
        assert_int_equal(yc_json_parse_object(text, strlen(text), &o, &err), 0);                  \
        assert_int_equal(YC_JSON_CHECK(o, fields, &err), want_rc);                                 \
        if (want_rc) {                                                                             \
            assert_string_equal(err.code, want_code);                                              \
            assert_string_equal(err.field, want_field);                                            \
        }                                                                                          \
        json_decref(o);                                                                            \
    } while (0)

    CHECK("{\"username\":\"王小明\"}", 0, "", "");
    CHECK("{}", YC_EINVAL, "field_required", "username");
    CHECK("{\"username\":\"ab\"}", YC_EUNPROC, "field_invalid", "username");
    CHECK("{\"username\":\"abcdefghi\"}", YC_EUNPROC, "field_invalid", "username");
    CHECK("{\"username\":12}", YC_EINVAL, "field_type", "username");
    CHECK("{\"username\":\"abc\",\"x\":1}", YC_EINVAL, "field_unknown", "x");
    CHECK("{\"username\":\"abc\",\"roles\":[1]}", YC_EINVAL, "field_type", "roles");
    CHECK("{\"username\":\"abc\",\"roles\":[\"a\",\"b\",\"c\"]}", YC_EUNPROC, "field_invalid", "roles");
    CHECK("{\"username\":\"abc\",\"n\":11}", YC_EUNPROC, "field_invalid", "n");
    CHECK("{\"username\":\"abc\",\"n\":1.5}", YC_EINVAL, "field_type", "n");
#undef CHECK
}

static void
test_audit_chain_detects_changes(void **state)
{
    char h1[65], h2[65];
    const char *reason = NULL;
    struct yc_audit_entry e1 = {1, 1700000000000, "admin", "user.create", "qiantai", "新增用户",
                                YC_AUDIT_GENESIS, h1};
    struct yc_audit_entry e2 = {2, 1700000000500, "admin", "user.update", "qiantai", "停用",
                                h1, h2};

    (void)state;
    yc_audit_hash(&e1, h1);
    yc_audit_hash(&e2, h2);
    assert_int_equal(strlen(h1), 64);
    assert_string_not_equal(h1, h2);
    assert_int_equal(yc_audit_check(&e1, YC_AUDIT_GENESIS, 1, &reason), 0);
    assert_int_equal(yc_audit_check(&e2, h1, 2, &reason), 0);
    e2.summary = "启用"; /* tampered */
    assert_int_equal(yc_audit_check(&e2, h1, 2, &reason), -3);
    e2.summary = "停用";
    assert_int_equal(yc_audit_check(&e2, h1, 3, &reason), -1); /* a gap: entry removed */
    assert_int_equal(yc_audit_check(&e2, YC_AUDIT_GENESIS, 2, &reason), -2);
    assert_non_null(reason);
}

static void
test_arena(void **state)
{
    struct yc_arena a;
    char *big;
    char *s;

    (void)state;
    yc_arena_init(&a);
    s = yc_arena_printf(&a, "%s-%d", "窗口", 3);
    assert_string_equal(s, "窗口-3");
    big = yc_arena_alloc(&a, 100000); /* larger than a block */
    big[99999] = 'x';
    assert_int_equal(((uintptr_t)yc_arena_alloc(&a, 3)) % 16, 0);
    yc_arena_release(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_limit_is_sticky),
        cmocka_unit_test(test_parse_i64_bounds),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_log_scrub_masks_personal_numbers),
        cmocka_unit_test(test_json_field_table),
        cmocka_unit_test(test_audit_chain_detects_changes),
        cmocka_unit_test(test_arena),
    };

    if (sodium_init() < 0) {
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
