/*
 * report.c - tables of the reform dashboard as data: a row of cells per line, headline figures,
 * and two views of the same table: JSON for the UI and an XLSX workbook (libxlsxwriter) for
 * download. libxlsxwriter writes only to a file, so the workbook goes through a private temporary
 * file that is read back into the arena and removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "domain/reform.h"
#include "svc/svc.h"
#include "base/banned.h"

#define MAX_XLSX_BYTES (64u << 20)

struct yc_cell
yc_cell_int(int64_t i)
{
    struct yc_cell c = {YC_CELL_INT, i, NULL};
    return c;
}

struct yc_cell
yc_cell_text(const char *s)
{
    struct yc_cell c = {YC_CELL_TEXT, 0, s ? s : ""};
    return c;
}

struct yc_cell
yc_cell_permille(int64_t permille)
{
    struct yc_cell c = {YC_CELL_PERMILLE, permille, NULL};
    return c;
}

struct yc_cell *
yc_report_row(struct yc_arena *a, struct yc_report *r)
{
    if (r->nrows == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        struct yc_cell *bigger = yc_arena_alloc(a, cap * r->ncols * sizeof(*bigger));
        if (r->nrows) {
            memcpy(bigger, r->cells, r->nrows * r->ncols * sizeof(*bigger));
        }
        r->cells = bigger;
        r->cap = cap;
    }
    return &r->cells[r->nrows++ * r->ncols];
}

void
yc_report_fig(struct yc_report *r, const char *key, const char *label, struct yc_cell v)
{
    if (r->nfigs < sizeof(r->figs) / sizeof(r->figs[0])) {
        r->figs[r->nfigs].key = key;
        r->figs[r->nfigs].label = label;
        r->figs[r->nfigs].value = v;
        r->nfigs++;
    }
}

static json_t *
cell_json(const struct yc_cell *c)
{
    char pct[32];

    switch (c->kind) {
    case YC_CELL_INT:
        return json_integer(c->i);
    case YC_CELL_TEXT:
        return json_string(c->s);
    case YC_CELL_PERMILLE:
        yc_reform_permille_text(c->i, pct);
        return json_string(pct);
    default:
        return json_null();
    }
}

json_t *
yc_report_json(const struct yc_report *r)
{
    json_t *cols = json_array();
    json_t *rows = json_array();
    json_t *summary = json_object();
    json_t *figs = json_array();

    for (size_t c = 0; c < r->ncols; c++) {
        json_array_append_new(
            cols, json_pack("{s:s, s:s}", "key", r->cols[c].key, "title", r->cols[c].title));
    }
    for (size_t i = 0; i < r->nrows; i++) {
        json_t *row = json_object();
        for (size_t c = 0; c < r->ncols; c++) {
            json_object_set_new(row, r->cols[c].key, cell_json(&r->cells[i * r->ncols + c]));
        }
        json_array_append_new(rows, row);
    }
    for (size_t i = 0; i < r->nfigs; i++) {
        const struct yc_report_fig *f = &r->figs[i];
        json_object_set_new(summary, f->key, cell_json(&f->value));
        if (f->value.kind == YC_CELL_PERMILLE) {
            char key[64];
            snprintf(key, sizeof(key), "%s_permille", f->key);
            json_object_set_new(summary, key, json_integer(f->value.i));
        }
        json_array_append_new(figs, json_pack("{s:s, s:s, s:o}", "key", f->key, "label", f->label,
                                              "value", cell_json(&f->value)));
    }
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "key", r->key, "title", r->title, "columns",
                     cols, "rows", rows, "summary", summary, "figures", figs);
}

/* ---- XLSX ---- */

struct xfmt {
    lxw_format *title, *head, *num, *text, *pct, *label;
};

static void
xlsx_cell(lxw_worksheet *ws, int row, int col, const struct yc_cell *c, const struct xfmt *f)
{
    switch (c->kind) {
    case YC_CELL_INT:
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)c->i, f->num);
        break;
    case YC_CELL_TEXT:
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, c->s, f->text);
        break;
    case YC_CELL_PERMILLE:
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)c->i / 1000.0, f->pct);
        break;
    default:
        worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f->text);
        break;
    }
}

static void
xlsx_sheet(lxw_workbook *wb, const struct yc_report *r, const struct xfmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, r->sheet);
    int row = 2;

    if (r->ncols > 1) {
        worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(r->ncols - 1), r->title, f->title);
    } else {
        worksheet_write_string(ws, 0, 0, r->title, f->title);
    }
    worksheet_set_row(ws, 1, 32, NULL);
    for (size_t c = 0; c < r->ncols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             r->cols[c].width ? r->cols[c].width : 10, NULL);
        worksheet_write_string(ws, 1, (lxw_col_t)c, r->cols[c].title, f->head);
    }
    worksheet_freeze_panes(ws, 2, 0);
    for (size_t i = 0; i < r->nrows; i++, row++) {
        for (size_t c = 0; c < r->ncols; c++) {
            xlsx_cell(ws, row, (int)c, &r->cells[i * r->ncols + c], f);
        }
    }
    row++;
    for (size_t i = 0; i < r->nfigs; i++, row++) {
        worksheet_write_string(ws, (lxw_row_t)row, 0, r->figs[i].label, f->label);
        xlsx_cell(ws, row, 1, &r->figs[i].value, f);
    }
}

static lxw_format *
fmt(lxw_workbook *wb, int bold, int border, const char *num_format)
{
    lxw_format *x = workbook_add_format(wb);

    format_set_font_name(x, "宋体");
    format_set_font_size(x, 10);
    format_set_text_wrap(x);
    format_set_align(x, LXW_ALIGN_VERTICAL_CENTER);
    if (bold) {
        format_set_bold(x);
    }
    if (border) {
        format_set_border(x, LXW_BORDER_THIN);
    }
    if (num_format) {
        format_set_num_format(x, num_format);
    }
    return x;
}

/* Read the whole file into the arena. */
static int
slurp(struct yc_arena *a, const char *path, const char **data, size_t *len, struct yc_err *err)
{
    FILE *fp = fopen(path, "rb");
    long size;
    char *buf;

    if (!fp) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法读取生成的 XLSX 文件：%s",
                       strerror(errno));
    }
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || size > (long)MAX_XLSX_BYTES ||
        fseek(fp, 0, SEEK_SET) != 0) {
        fclose(fp);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "生成的 XLSX 文件无法读取或过大");
    }
    buf = yc_arena_alloc(a, (size_t)size + 1);
    if (fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        fclose(fp);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "读取生成的 XLSX 文件失败");
    }
    fclose(fp);
    *data = buf;
    *len = (size_t)size;
    return 0;
}

int
yc_report_xlsx(struct yc_arena *a, struct yc_report *const *reports, size_t n, const char **data,
               size_t *len, struct yc_err *err)
{
    const char *dir = getenv("TMPDIR");
    char *path = yc_arena_printf(a, "%s/yichuang-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    lxw_workbook *wb;
    lxw_error e;
    struct xfmt f;
    int fd = mkstemp(path);
    int rc;

    if (fd < 0) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法创建临时文件：%s",
                       strerror(errno));
    }
    close(fd);
    wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法创建 XLSX 工作簿");
    }
    f.title = fmt(wb, 1, 0, NULL);
    format_set_font_size(f.title, 14);
    f.head = fmt(wb, 1, 1, NULL);
    format_set_align(f.head, LXW_ALIGN_CENTER);
    format_set_bg_color(f.head, 0xDDEBF7);
    f.num = fmt(wb, 0, 1, "0");
    f.text = fmt(wb, 0, 1, NULL);
    f.pct = fmt(wb, 0, 1, "0.0%");
    f.label = fmt(wb, 1, 0, NULL);
    for (size_t i = 0; i < n; i++) {
        xlsx_sheet(wb, reports[i], &f);
    }
    e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        unlink(path);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "生成 XLSX 失败：%s", lxw_strerror(e));
    }
    rc = slurp(a, path, data, len, err);
    unlink(path);
    return rc;
}
