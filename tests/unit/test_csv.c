/*
 * test_csv.c - unit tests of src/base/csv.c (strict RFC 4180 reader).
 *
 * Expected rows follow RFC 4180 §2 (fields, quoting, doubled quotes, CRLF) and the reader's
 * documented extensions in csv.h (LF accepted, empty lines skipped, BOM / bad UTF-8 / NUL / bare CR
 * rejected). Byte sequences for invalid UTF-8 are those of Unicode §3.9, table 3-7.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/csv.h"

#include "base/banned.h"

/* Assert that field i of row equals the NUL-terminated string s (which may not hold NUL). */
static void
assert_field(const struct yc_csv_row *row, size_t i, const char *s)
{
    assert_true(i < row->nfields);
    assert_int_equal(row->fields[i].len, strlen(s));
    if (strlen(s) > 0) {
        assert_memory_equal(row->fields[i].ptr, s, strlen(s));
    }
}

/* Read a buffer that must fail with code on line/field after `rows_before` good rows. */
static void
expect_error(const char *buf, size_t len, int rows_before, int code, long line, size_t field)
{
    struct yc_csv_row row;
    struct yc_csv r;
    int i;

    yc_csv_init(&r, buf, len);
    for (i = 0; i < rows_before; i++) {
        assert_int_equal(yc_csv_next_row(&r, &row), 1);
    }
    assert_int_equal(yc_csv_next_row(&r, &row), code);
    assert_int_equal(r.err, code);
    assert_int_equal(r.err_line, line);
    assert_int_equal(r.err_field, field);
    /* sticky */
    assert_int_equal(yc_csv_next_row(&r, &row), code);
    yc_csv_release(&r);
}

static void
test_simple_rows(void **state)
{
    static const char buf[] = "date,kind,name\n2025-10-01,off,国庆节\n";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "date");
    assert_field(&row, 1, "kind");
    assert_field(&row, 2, "name");
    assert_ptr_equal(row.fields[0].ptr, buf); /* a slice of the buffer, no copy */
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 2);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "2025-10-01");
    assert_field(&row, 1, "off");
    assert_field(&row, 2, "国庆节");
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_no_final_newline_and_empty_fields(void **state)
{
    static const char buf[] = "a,,c\n,\n,x,\n\"\"\nlast";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "a");
    assert_field(&row, 1, "");
    assert_field(&row, 2, "c");
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 2); /* "," is two empty fields */
    assert_field(&row, 0, "");
    assert_field(&row, 1, "");
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 3); /* a trailing comma ends with an empty field */
    assert_field(&row, 2, "");
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 1); /* "" is one empty field, not an empty line */
    assert_field(&row, 0, "");
    assert_int_equal(row.line, 4);
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 1);
    assert_field(&row, 0, "last");
    assert_int_equal(row.line, 5);
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_quoting(void **state)
{
    static const char buf[] = "\"a,b\",\"line1\nline2\",plain\nnext,\"\"\n";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "a,b");
    assert_field(&row, 1, "line1\nline2");
    assert_field(&row, 2, "plain");
    assert_ptr_equal(row.fields[0].ptr, buf + 1); /* no doubled quote: still a slice */
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 3); /* the quoted newline moved the line count on */
    assert_int_equal(row.nfields, 2);
    assert_field(&row, 0, "next");
    assert_field(&row, 1, "");
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_doubled_quotes(void **state)
{
    static const char buf[] = "\"He said \"\"hi\"\"\",x,\"\"\"\"\n\"a\"\"b\",\"\"\"\"\"\"\n";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "He said \"hi\"");
    assert_field(&row, 1, "x");
    assert_field(&row, 2, "\""); /* """" is one quote */
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 2);
    assert_field(&row, 0, "a\"b");
    assert_field(&row, 1, "\"\""); /* """""" is two quotes */
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_doubled_quotes_scratch_grows(void **state)
{
    /* Row: "q""1",<plain>,"<600 bytes with a doubled quote>" - the scratch buffer starts at 256
     * bytes, so it moves while the row is read; the first field must still be right. */
    char buf[1024];
    char expect[700];
    struct yc_csv_row row;
    struct yc_csv r;
    size_t n = 0;
    size_t i;

    (void)state;
    memcpy(buf, "\"q\"\"1\",plain,\"", 14);
    n = 14;
    for (i = 0; i < 600; i++) {
        buf[n++] = (char)('a' + i % 26);
        expect[i] = (char)('a' + i % 26);
    }
    memcpy(buf + n, "\"\"end\"\n", 7);
    n += 7;
    memcpy(expect + 600, "\"end", 5);

    yc_csv_init(&r, buf, n);
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 3);
    assert_field(&row, 0, "q\"1");
    assert_field(&row, 1, "plain");
    assert_field(&row, 2, expect);
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_crlf(void **state)
{
    static const char buf[] = "a,b\r\n\"x\r\ny\",\"q\"\r\nlast,row\r\n";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 2);
    assert_field(&row, 0, "a");
    assert_field(&row, 1, "b"); /* no CR left on the last field */
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 2);
    assert_field(&row, 0, "x\r\ny"); /* inside quotes CRLF is data */
    assert_field(&row, 1, "q");
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 4);
    assert_field(&row, 0, "last");
    assert_field(&row, 1, "row");
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_empty_lines_skipped(void **state)
{
    static const char buf[] = "\n\r\na\n\n\r\nb\n\n";
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    yc_csv_init(&r, buf, strlen(buf));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 3);
    assert_field(&row, 0, "a");
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.line, 6);
    assert_field(&row, 0, "b");
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);

    yc_csv_init(&r, NULL, 0);
    assert_int_equal(yc_csv_next_row(&r, &row), 0);
    yc_csv_release(&r);
}

static void
test_bom(void **state)
{
    static const char buf[] = "\xEF\xBB\xBF"
                              "date,kind,name\n";

    (void)state;
    expect_error(buf, strlen(buf), 0, YC_CSV_EBOM, 1, 1);
    assert_string_equal(yc_csv_errcode(YC_CSV_EBOM), "csv_bom");
    assert_non_null(strstr(yc_csv_strerror(YC_CSV_EBOM), "不带 BOM"));
    assert_non_null(strstr(yc_csv_strerror(YC_CSV_EBOM), "另存为"));
    /* a BOM later in the file is just a character (U+FEFF is valid UTF-8) */
    {
        static const char later[] = "a\n\xEF\xBB\xBF"
                                    "b\n";
        struct yc_csv_row row;
        struct yc_csv r;

        yc_csv_init(&r, later, strlen(later));
        assert_int_equal(yc_csv_next_row(&r, &row), 1);
        assert_int_equal(yc_csv_next_row(&r, &row), 1);
        assert_int_equal(row.fields[0].len, 4);
        yc_csv_release(&r);
    }
}

static void
test_quote_in_unquoted_field(void **state)
{
    static const char buf1[] = "ab\"c,d\n";
    static const char buf2[] = "x,y\nz,a\"b\n";
    static const char after[] = "\"ab\"c,d\n";
    static const char after_sp[] = "a,\"b\" ,c\n";

    (void)state;
    expect_error(buf1, strlen(buf1), 0, YC_CSV_EQUOTE, 1, 1);
    expect_error(buf2, strlen(buf2), 1, YC_CSV_EQUOTE, 2, 2);
    expect_error(after, strlen(after), 0, YC_CSV_EAFTERQUOTE, 1, 1);
    expect_error(after_sp, strlen(after_sp), 0, YC_CSV_EAFTERQUOTE, 1, 2);
    assert_string_equal(yc_csv_errcode(YC_CSV_EQUOTE), "csv_quote_in_field");
    assert_string_equal(yc_csv_errcode(YC_CSV_EAFTERQUOTE), "csv_text_after_quote");
}

static void
test_unterminated_quote(void **state)
{
    /* The quoted field opens on line 3 and runs to the end of the buffer across two lines. */
    static const char buf[] = "h1,h2\nok,row\nx,\"open\nmore\nstuff";

    (void)state;
    expect_error(buf, strlen(buf), 2, YC_CSV_EUNTERMINATED, 3, 2);
    expect_error("\"", 1, 0, YC_CSV_EUNTERMINATED, 1, 1);
    /* a doubled quote at the very end does not close the field */
    expect_error("\"ab\"\"", 5, 0, YC_CSV_EUNTERMINATED, 1, 1);
    assert_string_equal(yc_csv_errcode(YC_CSV_EUNTERMINATED), "csv_unterminated_quote");
    assert_string_equal(yc_csv_strerror(YC_CSV_EUNTERMINATED), "引号字段缺少结束引号");
}

static void
test_bad_utf8(void **state)
{
    static const char lone_cont[] = "ok\n中文,\xC3\x28\n"; /* C3 needs a continuation byte */
    static const char overlong[] = "a\xC0\xAF";            /* overlong '/' */
    static const char overlong3[] = "\xE0\x80\xAF";        /* overlong, 3 bytes */
    static const char surrogate[] = "\xED\xA0\x80";        /* U+D800 */
    static const char too_big[] = "\xF4\x90\x80\x80";      /* U+110000 */
    static const char f5[] = "\xF5\x80\x80\x80";
    static const char truncated[] = "x,\xE4\xB8";     /* first 2 bytes of 中 (E4 B8 AD) */
    static const char latin1[] = "a\nb\nc,caf\xE9\n"; /* GBK or Latin-1 text, not UTF-8 */
    static const char in_quotes[] = "\"a\nb\xFF\"\n";
    static const char good[] = "\xF0\x9F\x98\x80,\xEF\xBF\xBD,\xF4\x8F\xBF\xBF\n"; /* U+1F600 ... */
    struct yc_csv_row row;
    struct yc_csv r;

    (void)state;
    expect_error(lone_cont, strlen(lone_cont), 1, YC_CSV_EUTF8, 2, 2);
    expect_error(overlong, strlen(overlong), 0, YC_CSV_EUTF8, 1, 1);
    expect_error(overlong3, strlen(overlong3), 0, YC_CSV_EUTF8, 1, 1);
    expect_error(surrogate, strlen(surrogate), 0, YC_CSV_EUTF8, 1, 1);
    expect_error(too_big, strlen(too_big), 0, YC_CSV_EUTF8, 1, 1);
    expect_error(f5, strlen(f5), 0, YC_CSV_EUTF8, 1, 1);
    expect_error(truncated, strlen(truncated), 0, YC_CSV_EUTF8, 1, 2);
    expect_error(latin1, strlen(latin1), 2, YC_CSV_EUTF8, 3, 2);
    expect_error(in_quotes, strlen(in_quotes), 0, YC_CSV_EUTF8, 2, 1);
    assert_string_equal(yc_csv_errcode(YC_CSV_EUTF8), "csv_bad_utf8");

    yc_csv_init(&r, good, strlen(good));
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, 3);
    assert_int_equal(row.fields[0].len, 4);
    assert_int_equal(row.fields[1].len, 3);
    assert_int_equal(row.fields[2].len, 4);
    yc_csv_release(&r);
}

static void
test_nul_and_bare_cr(void **state)
{
    static const char nul[] = {'a', ',', 'b', '\0', 'c', '\n'};
    static const char cr[] = "a,b\rc,d\n";
    static const char cr_end[] = "a,b\r";
    static const char cr_quoted[] = "\"a\"\rb\n";

    (void)state;
    expect_error(nul, sizeof(nul), 0, YC_CSV_ENUL, 1, 2);
    expect_error(cr, strlen(cr), 0, YC_CSV_ECR, 1, 2);
    expect_error(cr_end, strlen(cr_end), 0, YC_CSV_ECR, 1, 2);
    expect_error(cr_quoted, strlen(cr_quoted), 0, YC_CSV_ECR, 1, 1);
    assert_string_equal(yc_csv_errcode(YC_CSV_ENUL), "csv_nul_byte");
    assert_string_equal(yc_csv_errcode(YC_CSV_ECR), "csv_bare_cr");
}

static void
test_limits(void **state)
{
    char *buf = malloc(YC_CSV_MAX_FIELD_BYTES + 16);
    struct yc_csv_row row;
    struct yc_csv r;
    size_t i;

    (void)state;
    assert_non_null(buf);
    /* YC_CSV_MAX_FIELDS fields: fine; one more: error on the field after the limit */
    memset(buf, ',', YC_CSV_MAX_FIELDS - 1);
    yc_csv_init(&r, buf, YC_CSV_MAX_FIELDS - 1);
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.nfields, YC_CSV_MAX_FIELDS);
    yc_csv_release(&r);
    memset(buf, ',', YC_CSV_MAX_FIELDS);
    expect_error(buf, YC_CSV_MAX_FIELDS, 0, YC_CSV_ETOOMANYFIELDS, 1, YC_CSV_MAX_FIELDS + 1);

    /* a field of exactly YC_CSV_MAX_FIELD_BYTES: fine; one byte more: error */
    memset(buf, 'x', YC_CSV_MAX_FIELD_BYTES + 1);
    yc_csv_init(&r, buf, YC_CSV_MAX_FIELD_BYTES);
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.fields[0].len, YC_CSV_MAX_FIELD_BYTES);
    yc_csv_release(&r);
    expect_error(buf, YC_CSV_MAX_FIELD_BYTES + 1, 0, YC_CSV_EFIELDTOOLONG, 1, 1);
    /* same for a quoted field unquoted into scratch: "" then MAX x's gives MAX + 1 bytes */
    buf[0] = '"';
    buf[1] = '"';
    buf[2] = '"';
    for (i = 3; i < YC_CSV_MAX_FIELD_BYTES + 3; i++) {
        buf[i] = 'x';
    }
    buf[YC_CSV_MAX_FIELD_BYTES + 3] = '"';
    expect_error(buf, YC_CSV_MAX_FIELD_BYTES + 4, 0, YC_CSV_EFIELDTOOLONG, 1, 1);
    /* one x fewer: exactly MAX bytes, accepted */
    buf[YC_CSV_MAX_FIELD_BYTES + 2] = '"';
    yc_csv_init(&r, buf, YC_CSV_MAX_FIELD_BYTES + 3);
    assert_int_equal(yc_csv_next_row(&r, &row), 1);
    assert_int_equal(row.fields[0].len, YC_CSV_MAX_FIELD_BYTES);
    assert_int_equal(row.fields[0].ptr[0], '"');
    yc_csv_release(&r);
    free(buf);
    assert_string_equal(yc_csv_errcode(YC_CSV_ETOOMANYFIELDS), "csv_too_many_fields");
    assert_string_equal(yc_csv_errcode(YC_CSV_EFIELDTOOLONG), "csv_field_too_long");
}

static void
test_strerror_unknown(void **state)
{
    (void)state;
    assert_string_equal(yc_csv_errcode(0), "ok");
    assert_string_equal(yc_csv_errcode(1), "ok");
    assert_string_equal(yc_csv_errcode(-100), "csv_unknown");
    assert_string_equal(yc_csv_strerror(-100), "未知的 CSV 错误");
    assert_string_equal(yc_csv_strerror(0), "成功");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_rows),
        cmocka_unit_test(test_no_final_newline_and_empty_fields),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_doubled_quotes),
        cmocka_unit_test(test_doubled_quotes_scratch_grows),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_empty_lines_skipped),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_quote_in_unquoted_field),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_nul_and_bare_cr),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_strerror_unknown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
