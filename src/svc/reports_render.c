/*
 * reports_render.c - a report's JSON document as people read it: the text of a cell by its
 * column's kind, the download's file name, and the XLSX workbook (one sheet with the summary, one
 * per table), written through report.c's libxlsxwriter writer with Chinese headers and number
 * formats (0, 0.0%). The PDF is report_pdf.c; the command line's table and CSV use the same cell
 * text.
 */
#include <stdio.h>
#include <string.h>

#include "domain/reform.h"
#include "svc/svc.h"
#include "base/banned.h"

const char *
yc_report_cell_text(struct yc_arena *a, const json_t *column, const json_t *value)
{
    const char *kind = json_string_value(json_object_get(column, "kind"));
    char t[32];

    if (json_is_string(value)) {
        return json_string_value(value);
    }
    if (!json_is_integer(value)) {
        return "—";
    }
    if (kind && strcmp(kind, "permille") == 0) {
        yc_reform_permille_text(json_integer_value(value), t);
        return yc_arena_strdup(a, t);
    }
    if (kind && strcmp(kind, "change") == 0) {
        return yc_arena_printf(a, "%s%lld%%", json_integer_value(value) > 0 ? "+" : "",
                               (long long)json_integer_value(value));
    }
    if (kind && strcmp(kind, "rank") == 0 && json_integer_value(value) == 0) {
        return "—";
    }
    return yc_arena_printf(a, "%lld", (long long)json_integer_value(value));
}

const char *
yc_report_file_name(struct yc_arena *a, const json_t *report, const char *ext)
{
    const char *kind = json_string_value(json_object_get(report, "report"));
    const char *id = json_string_value(json_object_get(json_object_get(report, "period"), "id"));
    char name[64];
    size_t n = 0;

    /* "half_monthly" -> "half-monthly"; a range id "A..B" -> "A_B" */
    for (const char *s = kind ? kind : "report"; *s && n < sizeof(name) - 1; s++) {
        name[n++] = *s == '_' ? '-' : *s;
    }
    name[n] = '\0';
    return yc_arena_printf(a, "%s-%s.%s", name, id ? id : "", ext);
}

/* ---- XLSX ---- */

static const struct {
    const char *table;
    const char *sheet;
} sheet_names[] = {
    {"departments", "各部门情况"}, {"ranking", "综合排名"},   {"scorecard", "考核得分"},
    {"periods", "目标进展"},       {"zones", "区域办件量"},
};

static const char *
sheet_of(const char *table)
{
    for (size_t i = 0; i < sizeof(sheet_names) / sizeof(sheet_names[0]); i++) {
        if (strcmp(table, sheet_names[i].table) == 0) {
            return sheet_names[i].sheet;
        }
    }
    return table;
}

static int
width_of(const char *kind, const char *key)
{
    if (strcmp(key, "department") == 0 || strcmp(key, "zone") == 0) {
        return 24;
    }
    if (strcmp(kind, "text") == 0) {
        return 12;
    }
    return 9;
}

static struct yc_cell
cell_of(struct yc_arena *a, const json_t *col, const json_t *v)
{
    const char *kind = json_string_value(json_object_get(col, "kind"));

    if (json_is_integer(v) && strcmp(kind, "int") == 0) {
        return yc_cell_int(json_integer_value(v));
    }
    if (json_is_integer(v) && strcmp(kind, "permille") == 0) {
        return yc_cell_permille(json_integer_value(v));
    }
    if (json_is_integer(v) && strcmp(kind, "rank") == 0 && json_integer_value(v) > 0) {
        return yc_cell_int(json_integer_value(v));
    }
    return yc_cell_text(yc_report_cell_text(a, col, v));
}

static void
table_row(struct yc_arena *a, struct yc_report *r, const json_t *cols, const json_t *row)
{
    struct yc_cell *c = yc_report_row(a, r);

    for (size_t i = 0; i < r->ncols; i++) {
        const json_t *col = json_array_get(cols, i);
        c[i] = cell_of(a, col, json_object_get(row, r->cols[i].key));
    }
}

static struct yc_report *
table_sheet(struct yc_arena *a, const json_t *t, const char *period)
{
    struct yc_report *r = yc_arena_alloc(a, sizeof(*r));
    const json_t *cols = json_object_get(t, "columns");
    struct yc_report_col *c = yc_arena_alloc(a, (json_array_size(cols) + 1) * sizeof(*c));
    const json_t *row;
    size_t i;

    memset(r, 0, sizeof(*r));
    r->key = json_string_value(json_object_get(t, "key"));
    r->sheet = sheet_of(r->key);
    r->title = yc_arena_printf(a, "%s（%s）", json_string_value(json_object_get(t, "title")),
                               period);
    json_array_foreach(cols, i, row)
    {
        c[i].key = json_string_value(json_object_get(row, "key"));
        c[i].title = json_string_value(json_object_get(row, "title"));
        c[i].width = width_of(json_string_value(json_object_get(row, "kind")), c[i].key);
    }
    r->cols = c;
    r->ncols = json_array_size(cols);
    json_array_foreach(json_object_get(t, "rows"), i, row)
    {
        table_row(a, r, cols, row);
    }
    if (json_is_object(json_object_get(t, "total"))) {
        table_row(a, r, cols, json_object_get(t, "total"));
    }
    return r;
}

static const struct yc_report_col summary_col[] = {{"text", "内容", 120}};

static void
add_lines(struct yc_arena *a, struct yc_report *r, const json_t *lines, const char *prefix)
{
    const json_t *s;
    size_t i;

    json_array_foreach(lines, i, s)
    {
        yc_report_row(a, r)[0] =
            yc_cell_text(yc_arena_printf(a, "%s%s", prefix, json_string_value(s)));
    }
}

/* The first sheet: title, period, the summary, the changes, the formula. */
static struct yc_report *
summary_sheet(struct yc_arena *a, const json_t *report, const char *period)
{
    struct yc_report *r = yc_arena_alloc(a, sizeof(*r));
    const json_t *stored = json_object_get(report, "stored");
    const json_t *f;
    size_t i;

    memset(r, 0, sizeof(*r));
    r->key = "summary";
    r->sheet = "情况摘要";
    r->title = json_string_value(json_object_get(report, "title"));
    r->cols = summary_col;
    r->ncols = 1;
    yc_report_row(a, r)[0] = yc_cell_text(yc_arena_printf(a, "统计期间：%s", period));
    add_lines(a, r, json_object_get(report, "summary"), "");
    if (json_array_size(json_object_get(report, "changes"))) {
        yc_report_row(a, r)[0] = yc_cell_text("与上期相比：");
        add_lines(a, r, json_object_get(report, "changes"), "· ");
    }
    json_array_foreach(json_object_get(report, "formula"), i, f)
    {
        yc_report_row(a, r)[0] = yc_cell_text(
            yc_arena_printf(a, "评分规则：%s", json_string_value(json_object_get(f, "rule"))));
    }
    yc_report_fig(r, "as_of", "统计截至",
                  yc_cell_text(json_string_value(json_object_get(report, "as_of"))));
    yc_report_fig(r, "stored", "生成方式",
                  yc_cell_text(json_is_object(stored) ? "期满自动生成并存档" : "即时生成"));
    return r;
}

int
yc_report_render_xlsx(struct yc_arena *a, const json_t *report, const char **data, size_t *len,
                      struct yc_err *err)
{
    const json_t *tables = json_object_get(report, "tables");
    const char *period =
        json_string_value(json_object_get(json_object_get(report, "period"), "label"));
    size_t n = json_array_size(tables) + 1;
    struct yc_report **r = yc_arena_alloc(a, n * sizeof(struct yc_report *));
    const json_t *t;
    size_t i;

    period = period ? period : "";
    r[0] = summary_sheet(a, report, period);
    json_array_foreach(tables, i, t)
    {
        r[i + 1] = table_sheet(a, t, period);
    }
    return yc_report_xlsx(a, r, n, data, len, err);
}
