/*
 * test_case_no.c - unit tests of src/domain/case_no.c: format, parse, and the MOD 97-10 check
 * catching every single mistyped character and every adjacent transposition.
 *
 * Known values: the check digits of "SY2025101500042" were computed independently in Python
 * (98 - int("2834" "2025101500042" "00") % 97 = 32, S=28, Y=34); the IBAN example of ISO 13616
 * (GB82 WEST 1234 5698 7654 32) checks "WEST12345698765432GB" -> 82 with the same algorithm.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/case_no.h"

#include "base/banned.h"

static int32_t
day_of(const char *s)
{
    int32_t day = 0;

    assert_int_equal(yc_date_parse(s, strlen(s), &day), 0);
    return day;
}

static void
test_format_and_parse(void **state)
{
    char out[YC_CASE_NO_SIZE];
    char cc[3];
    struct yc_case_no no;

    (void)state;
    assert_int_equal(yc_case_no_format("SY", day_of("2025-10-15"), 42, out), 0);
    assert_string_equal(out, "SY20251015-00042-32");
    assert_int_equal(yc_case_no_check_digits("WEST12345698765432GB", 20, cc), 0);
    assert_string_equal(cc, "82");
    assert_int_equal(yc_case_no_parse(out, strlen(out), &no), 0);
    assert_string_equal(no.prefix, "SY");
    assert_int_equal(no.day, day_of("2025-10-15"));
    assert_int_equal(no.seq, 42);
    assert_string_equal(no.text, "SY20251015-00042-32");
    /* The longest and the extremes. */
    assert_int_equal(yc_case_no_format("ABCD", day_of("2199-12-31"), 99999, out), 0);
    assert_int_equal(strlen(out), YC_CASE_NO_MAX_LEN);
    assert_int_equal(yc_case_no_parse(out, strlen(out), NULL), 0);
    assert_int_equal(yc_case_no_format("AB", day_of("1900-01-01"), 1, out), 0);
    assert_int_equal(strlen(out), YC_CASE_NO_MIN_LEN);
    assert_int_equal(yc_case_no_parse(out, strlen(out), &no), 0);
    assert_int_equal(no.seq, 1);
    /* Lower-case prefix letters are accepted and canonicalised. */
    assert_int_equal(yc_case_no_parse("sy20251015-00042-32", 19, &no), 0);
    assert_string_equal(no.text, "SY20251015-00042-32");
    assert_string_equal(no.prefix, "SY");
    /* Not NUL-terminated input. */
    assert_int_equal(yc_case_no_parse("SY20251015-00042-32XYZ", 19, &no), 0);
}

static void
test_format_refuses(void **state)
{
    char out[YC_CASE_NO_SIZE];
    int32_t d = day_of("2025-10-15");

    (void)state;
    assert_int_equal(yc_case_no_format("S", d, 1, out), YC_CASE_NO_EINVAL);
    assert_string_equal(out, "");
    assert_int_equal(yc_case_no_format("SYABC", d, 1, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("sy", d, 1, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("S1", d, 1, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format(NULL, d, 1, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("SY", d, 0, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("SY", d, 100000, out), YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("SY", yc_date_from_ymd(2200, 1, 1), 1, out),
                     YC_CASE_NO_EINVAL);
    assert_int_equal(yc_case_no_format("SY", yc_date_from_ymd(1899, 12, 31), 1, out),
                     YC_CASE_NO_EINVAL);
}

static void
test_parse_refuses(void **state)
{
    static const struct {
        const char *s;
        int rc;
    } cases[] = {
        {"", YC_CASE_NO_EFORMAT},
        {"SY20251015-00042-3", YC_CASE_NO_EFORMAT},     /* one check digit */
        {"SY20251015-00042-320", YC_CASE_NO_EFORMAT},   /* three */
        {"SY2025101500042-32", YC_CASE_NO_EFORMAT},     /* a dash missing */
        {"SY20251015 00042-32", YC_CASE_NO_EFORMAT},    /* a space for a dash */
        {" SY20251015-00042-32", YC_CASE_NO_EFORMAT},   /* leading space */
        {"SY20251015-00042-32 ", YC_CASE_NO_EFORMAT},   /* trailing space */
        {"S20251015-00042-32", YC_CASE_NO_EFORMAT},     /* 1-letter prefix */
        {"SYABC20251015-00042-32", YC_CASE_NO_EFORMAT}, /* 5-letter prefix (and too long) */
        {"SY2025101O-00042-32", YC_CASE_NO_EFORMAT},    /* letter O for a zero */
        {"SY20251015-0004Z-32", YC_CASE_NO_EFORMAT},
        {"SY20251015-00042-3A", YC_CASE_NO_EFORMAT},
        {"SY20251015-000420-32", YC_CASE_NO_EFORMAT},
        {"SY20251332-00042-32", YC_CASE_NO_EDATE}, /* month 13 */
        {"SY20250229-00042-32", YC_CASE_NO_EDATE}, /* not a leap year */
        {"SY18991231-00042-32", YC_CASE_NO_EDATE},
        {"SY20251015-00000-32", YC_CASE_NO_EDATE},  /* sequence 0 */
        {"SY20251015-00042-23", YC_CASE_NO_ECHECK}, /* check digits swapped */
        {"SY20251015-00024-32", YC_CASE_NO_ECHECK}, /* sequence digits swapped */
        {"SY20251051-00042-32", YC_CASE_NO_EDATE},  /* date digits swapped: day 51 */
        {"SY20251105-00042-32", YC_CASE_NO_ECHECK}, /* a real date, digits mistyped */
        {"SX20251015-00042-32", YC_CASE_NO_ECHECK}, /* prefix letter mistyped */
        {"YS20251015-00042-32", YC_CASE_NO_ECHECK}, /* prefix letters swapped */
    };
    struct yc_case_no no;
    size_t i;

    (void)state;
    memset(&no, 0x5a, sizeof(no));
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = yc_case_no_parse(cases[i].s, strlen(cases[i].s), &no);

        if (rc != cases[i].rc) {
            fail_msg("'%s': %d, expected %d", cases[i].s, rc, cases[i].rc);
        }
    }
    assert_int_equal(no.seq, 0x5a5a5a5a); /* unchanged */
    assert_int_equal(yc_case_no_parse(NULL, 0, &no), YC_CASE_NO_EFORMAT);
    assert_string_equal(yc_case_no_error_code(YC_CASE_NO_ECHECK), "case_no_check");
    assert_string_equal(yc_case_no_error_message(YC_CASE_NO_ECHECK),
                        "办件编号校验失败，请核对后重新输入");
    assert_string_equal(yc_case_no_error_code(0), "ok");
    assert_string_equal(yc_case_no_error_code(-99), "unknown");
    {
        char cc[3];

        assert_int_equal(yc_case_no_check_digits("SY-1", 4, cc), YC_CASE_NO_EINVAL);
        assert_int_equal(yc_case_no_check_digits("sy", 2, cc), YC_CASE_NO_EINVAL);
        assert_int_equal(yc_case_no_check_digits("", 0, cc), YC_CASE_NO_EINVAL);
    }
}

/* The MOD 37,36 counter-example of case_no.h: under MOD 97-10 the two numbers differ. */
static void
test_mod37_counterexample(void **state)
{
    char a[3];
    char b[3];

    (void)state;
    assert_int_equal(yc_case_no_check_digits("SY2025101500067", 15, a), 0);
    assert_int_equal(yc_case_no_check_digits("SY2025101500076", 15, b), 0);
    assert_string_not_equal(a, b);
}

/* 1 if t differs from canon only by the case of prefix letters. */
static int
same_but_case(const char *t, const char *canon, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = t[i];

        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 'a' + 'A');
        }
        if (c != canon[i]) {
            return 0;
        }
    }
    return 1;
}

/*
 * For many numbers: every single substitution by any printable ASCII character, and every
 * adjacent transposition of two different characters, is rejected (except a prefix letter typed
 * in lower case, which is the same number).
 */
static void
test_catches_every_single_error(void **state)
{
    static const char *const prefixes[] = {"SY", "AB", "ZZ", "QXW", "ABCD"};
    static const char *const days[] = {"2019-01-01", "2025-09-30", "2025-10-15", "2026-02-14",
                                       "2026-12-31", "2099-07-19", "1900-01-01", "2199-12-31"};
    long numbers = 0;
    long subs = 0;
    long swaps = 0;
    size_t p;
    size_t d;
    uint32_t seq;

    (void)state;
    for (p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++) {
        for (d = 0; d < sizeof(days) / sizeof(days[0]); d++) {
            for (seq = 1; seq <= YC_CASE_NO_SEQ_MAX; seq += (seq < 200 ? 1 : 997)) {
                char no[YC_CASE_NO_SIZE];
                char t[YC_CASE_NO_SIZE];
                size_t len;
                size_t i;
                int c;

                assert_int_equal(yc_case_no_format(prefixes[p], day_of(days[d]), seq, no), 0);
                len = strlen(no);
                assert_int_equal(yc_case_no_parse(no, len, NULL), 0);
                numbers++;
                for (i = 0; i < len; i++) {
                    for (c = 0x20; c < 0x7f; c++) {
                        if (c == no[i]) {
                            continue;
                        }
                        memcpy(t, no, len + 1);
                        t[i] = (char)c;
                        if (same_but_case(t, no, len)) {
                            assert_int_equal(yc_case_no_parse(t, len, NULL), 0);
                            continue;
                        }
                        if (yc_case_no_parse(t, len, NULL) == 0) {
                            fail_msg("substitution accepted: %s -> %s", no, t);
                        }
                        subs++;
                    }
                    if (i + 1 < len && no[i] != no[i + 1]) {
                        memcpy(t, no, len + 1);
                        t[i] = no[i + 1];
                        t[i + 1] = no[i];
                        if (yc_case_no_parse(t, len, NULL) == 0) {
                            fail_msg("transposition accepted: %s -> %s", no, t);
                        }
                        swaps++;
                    }
                }
            }
        }
    }
    /* 5 prefixes x 8 days x 300 sequences. */
    assert_int_equal(numbers, 5 * 8 * 300);
    assert_true(subs > 1000000);
    assert_true(swaps > 100000);
    print_message("%ld numbers, %ld substitutions, %ld transpositions rejected\n", numbers, subs,
                  swaps);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_and_parse),
        cmocka_unit_test(test_format_refuses),
        cmocka_unit_test(test_parse_refuses),
        cmocka_unit_test(test_mod37_counterexample),
        cmocka_unit_test(test_catches_every_single_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
