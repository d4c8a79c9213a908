/*
 * test_xlsx.c - unit tests of src/base/xlsx.c (the first worksheet of an .xlsx as rows of strings).
 *
 * Workbooks come from two producers: libxlsxwriter (shared strings, numbers, booleans, as Excel
 * writes them) and packages assembled here with libzip, to reach what other producers write
 * (inline strings, namespace prefixes, a sheet found through the relationships, rich text with
 * phonetic runs) and what must be refused (not a ZIP, no workbook, broken XML, a DOCTYPE, a bad
 * cell reference).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/xlsx.h"

#include "base/banned.h"

struct file {
    char *data;
    size_t len;
};

static struct file
slurp(const char *path)
{
    struct file f = {NULL, 0};
    FILE *fp = fopen(path, "rb");
    long n;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f.data = malloc((size_t)n + 1);
    f.len = fread(f.data, 1, (size_t)n, fp);
    fclose(fp);
    unlink(path);
    return f;
}

static void
temp_path(char *path, size_t n)
{
    int fd;

    snprintf(path, n, "/tmp/yc-test-xlsx-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
}

/* A package of the parts given (name, content pairs, NULL-terminated). */
static struct file
package(const char *first, ...)
{
    char path[64];
    va_list ap;
    zip_t *z;
    int err;

    temp_path(path, sizeof(path));
    z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *text = va_arg(ap, const char *);
        zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
        assert_true(zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    va_end(ap);
    assert_int_equal(zip_close(z), 0);
    return slurp(path);
}

static void
assert_cell(const struct yc_xlsx *x, size_t row, size_t col, const char *want)
{
    assert_true(row < x->nrows);
    assert_true(col < x->rows[row].ncells);
    assert_string_equal(x->rows[row].cells[col], want);
}

static void
test_libxlsxwriter_workbook(void **state)
{
    char path[64];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    struct file f;
    struct yc_xlsx x;
    char detail[128];

    (void)state;
    temp_path(path, sizeof(path));
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, "事项");
    worksheet_write_string(ws, 0, 0, "code", NULL);
    worksheet_write_string(ws, 0, 1, "name", NULL);
    worksheet_write_string(ws, 0, 3, "days", NULL);
    worksheet_write_string(ws, 1, 0, "11430500MB1534170G4000112345000", NULL);
    worksheet_write_string(ws, 1, 1, "食品经营许可\n第二行", NULL);
    worksheet_write_number(ws, 1, 3, 20, NULL);
    worksheet_write_number(ws, 1, 4, 2.5, NULL);
    worksheet_write_boolean(ws, 1, 5, 1, NULL);
    worksheet_write_string(ws, 3, 1, "食品经营许可\n第二行", NULL); /* a shared string again */
    workbook_add_worksheet(wb, "second"); /* only the first sheet is read */
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    f = slurp(path);

    assert_int_equal(yc_xlsx_read(f.data, f.len, &x, detail, sizeof(detail)), 0);
    assert_int_equal(x.nrows, 3);
    assert_int_equal(x.rows[0].number, 1);
    assert_int_equal(x.rows[0].ncells, 4);
    assert_cell(&x, 0, 0, "code");
    assert_cell(&x, 0, 2, ""); /* a gap */
    assert_cell(&x, 0, 3, "days");
    assert_cell(&x, 1, 0, "11430500MB1534170G4000112345000");
    assert_cell(&x, 1, 1, "食品经营许可\n第二行");
    assert_cell(&x, 1, 3, "20"); /* integral numbers as typed */
    assert_cell(&x, 1, 4, "2.5");
    assert_cell(&x, 1, 5, "1");
    assert_int_equal(x.rows[2].number, 4); /* row 3 is absent */
    assert_cell(&x, 2, 0, "");
    assert_cell(&x, 2, 1, "食品经营许可\n第二行");
    yc_xlsx_release(&x);
    free(f.data);
}

static const char WB[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId9\"/><sheet name=\"b\" sheetId=\"2\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"/xl/worksheets/first.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"strings.xml\"/></Relationships>";
static const char SST[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\">"
    "<si><t>名称</t></si>"
    "<si><r><t>住房</t></r><r><rPr><b/></rPr><t>公积金</t></r><rPh sb=\"0\" eb=\"1\"><t>ジュウ</t>"
    "</rPh></si></sst>";

static void
test_other_producers(void **state)
{
    /* the sheet through the relationships (an absolute target), strings in another part, a
     * namespace prefix, inline strings, cells without references, rich text and phonetic runs */
    static const char SHEET[] =
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
        "<x:c t=\"inlineStr\"><x:is><x:t>别名</x:t></x:is></x:c></x:row>"
        "<x:row><x:c r=\"B2\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"AA2\" t=\"str\"><x:f>A1</x:f>"
        "<x:v>公式结果</x:v></x:c><x:c r=\"C2\" t=\"b\"><x:v>0</x:v></x:c></x:row>"
        "</x:sheetData></x:worksheet>";
    struct file f =
        package("xl/workbook.xml", WB, "xl/_rels/workbook.xml.rels", RELS, "xl/strings.xml", SST,
                "xl/worksheets/first.xml", SHEET, "xl/worksheets/sheet1.xml", "<worksheet/>", NULL);
    struct yc_xlsx x;

    (void)state;
    assert_int_equal(yc_xlsx_read(f.data, f.len, &x, NULL, 0), 0);
    assert_int_equal(x.nrows, 2);
    assert_cell(&x, 0, 0, "名称");
    assert_cell(&x, 0, 1, "别名");
    assert_int_equal(x.rows[1].number, 2);
    assert_cell(&x, 1, 0, "");
    assert_cell(&x, 1, 1, "住房公积金");
    assert_int_equal(x.rows[1].ncells, 27);
    assert_cell(&x, 1, 26, "公式结果");
    assert_cell(&x, 1, 2, "0");
    yc_xlsx_release(&x);
    free(f.data);
}

static void
expect_error(struct file f, int code, const char *detail_part)
{
    struct yc_xlsx x;
    char detail[256];

    assert_int_equal(yc_xlsx_read(f.data, f.len, &x, detail, sizeof(detail)), code);
    assert_non_null(strstr(detail, detail_part));
    assert_non_null(yc_xlsx_strerror(code));
    free(f.data);
}

static void
test_refused(void **state)
{
    struct file text = {strdup("code,name\n1,2\n"), 14};
    struct file empty = {strdup(""), 0};

    (void)state;
    expect_error(text, YC_XLSX_ENOTZIP, "");
    expect_error(empty, YC_XLSX_ENOTZIP, "empty");
    expect_error(package("word/document.xml", "<document/>", NULL), YC_XLSX_ENOTWORKBOOK,
                 "workbook.xml");
    expect_error(package("xl/workbook.xml", WB, NULL), YC_XLSX_ENOTWORKBOOK, "sheet1.xml");
    expect_error(package("xl/workbook.xml", "<workbook><sheets>", NULL), YC_XLSX_EXML,
                 "workbook.xml");
    expect_error(package("xl/workbook.xml",
                         "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><workbook>&a;</workbook>", NULL),
                 YC_XLSX_EXML, "DOCTYPE");
    expect_error(package("xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml",
                         "<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData>"
                         "</worksheet>",
                         NULL),
                 YC_XLSX_ELIMIT, "sheet1.xml");
    expect_error(package("xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml",
                         "<worksheet><sheetData><row><c r=\"A1\" t=\"s\"><v>7</v></c></row>"
                         "</sheetData></worksheet>",
                         NULL),
                 YC_XLSX_EXML, "sheet1.xml"); /* a shared string that does not exist */
    assert_string_equal(yc_xlsx_errcode(YC_XLSX_ENOTWORKBOOK), "xlsx_not_workbook");
    assert_string_equal(yc_xlsx_errcode(0), "ok");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libxlsxwriter_workbook),
        cmocka_unit_test(test_other_producers),
        cmocka_unit_test(test_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
