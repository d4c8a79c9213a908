/*
 * catalogue_import.c - the catalogue as a table: import of matters and departments from CSV or
 * XLSX (checked whole before anything is written, idempotent by code), export in the same layout,
 * the Annex 2 report, departments over the API, and the demo catalogue.
 *
 * An import is planned, then applied: plan_* reads the file and checks every row, collecting every
 * problem (row, column, code, message); apply_* writes inside the caller's transaction only when
 * the plan has none. The layout is in docs/catalogue.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/str.h"
#include "base/xlsx.h"
#include "domain/ids.h"
#include "gen/embedded.h"
#include "svc/svc.h"
#include "base/banned.h"

#define MAX_ROWS            200000
#define XLSX_MAX_CELL_CHARS 32767 /* Excel's limit */

/* ---- a file as a table of trimmed cells ---- */

struct table_row {
    long row; /* spreadsheet row number: the header is row 1 */
    const char **cells;
};

struct table {
    const char **header;
    size_t ncols;
    struct table_row *rows;
    size_t nrows, cap;
};

static const char *
trim_copy(struct yc_arena *a, const char *s, size_t n)
{
    while (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) {
        n--;
    }
    return yc_arena_strndup(a, s, n);
}

static int
all_empty(const char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cells[i][0]) {
            return 0;
        }
    }
    return 1;
}

/* Add a row of n cells (n may differ from the header's width: reported). */
static void
table_add(struct yc_arena *a, struct table *t, long row, const char **cells, size_t n,
          struct yc_issues *is)
{
    struct table_row *r;

    if (!t->header) {
        t->header = cells;
        t->ncols = n;
        return;
    }
    if (all_empty(cells, n)) {
        return;
    }
    is->row = row;
    if (n > t->ncols && !all_empty(cells + t->ncols, n - t->ncols)) {
        yc_issue_add(is, "", "field_count", "有 %zu 个字段，多于表头的 %zu 列", n, t->ncols);
        return;
    }
    if (t->nrows == MAX_ROWS) {
        yc_issue_add(is, "", "too_many_rows", "文件超过 %d 行", MAX_ROWS);
        return;
    }
    if (t->nrows == t->cap) {
        struct table_row *bigger;
        t->cap = t->cap ? t->cap * 2 : 256;
        bigger = yc_arena_alloc(a, t->cap * sizeof(*bigger));
        if (t->nrows) {
            memcpy(bigger, t->rows, t->nrows * sizeof(*bigger));
        }
        t->rows = bigger;
    }
    r = &t->rows[t->nrows++];
    r->row = row;
    r->cells = yc_arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof(*r->cells));
    for (size_t i = 0; i < t->ncols; i++) {
        r->cells[i] = i < n ? cells[i] : "";
    }
}

static void
read_csv(struct yc_arena *a, const char *data, size_t len, struct table *t, struct yc_issues *is)
{
    struct yc_csv_row *row = yc_arena_alloc(a, sizeof(*row));
    struct yc_csv r;
    long record = 0;
    int rc;

    yc_csv_init(&r, data, len);
    while ((rc = yc_csv_next_row(&r, row)) > 0) {
        const char **cells = yc_arena_alloc(a, row->nfields * sizeof(*cells));
        for (size_t i = 0; i < row->nfields; i++) {
            cells[i] = trim_copy(a, row->fields[i].ptr, row->fields[i].len);
        }
        if (t->header && row->nfields < t->ncols && !all_empty(cells, row->nfields)) {
            is->row = record + 1;
            yc_issue_add(is, "", "field_count", "有 %zu 个字段，少于表头的 %zu 列", row->nfields,
                         t->ncols);
        }
        table_add(a, t, ++record, cells, row->nfields, is);
    }
    if (rc < 0) {
        const char *col = t->header && r.err_field >= 1 && r.err_field <= t->ncols
                              ? t->header[r.err_field - 1]
                              : "";
        is->row = record + 1;
        yc_issue_add(is, col, yc_csv_errcode(rc), "%s（文件第 %ld 行第 %zu 个字段）",
                     yc_csv_strerror(rc), r.err_line, r.err_field);
    }
    yc_csv_release(&r);
}

static void
read_xlsx(struct yc_arena *a, const char *data, size_t len, struct table *t, struct yc_issues *is)
{
    struct yc_xlsx x;
    char detail[256];
    int rc = yc_xlsx_read(data, len, &x, detail, sizeof(detail));

    if (rc) {
        is->row = 0;
        yc_issue_add(is, "", yc_xlsx_errcode(rc), "%s：%s", yc_xlsx_strerror(rc), detail);
        return;
    }
    for (size_t i = 0; i < x.nrows; i++) {
        const struct yc_xlsx_row *xr = &x.rows[i];
        const char **cells = yc_arena_alloc(a, (xr->ncells ? xr->ncells : 1) * sizeof(*cells));
        for (size_t c = 0; c < xr->ncells; c++) {
            cells[c] = trim_copy(a, xr->cells[c], strlen(xr->cells[c]));
        }
        if (!t->header && all_empty(cells, xr->ncells)) {
            continue; /* blank rows above the header */
        }
        table_add(a, t, xr->number, cells, xr->ncells, is);
    }
    yc_xlsx_release(&x);
}

static void
read_table(struct yc_arena *a, const char *data, size_t len, enum yc_table_format format,
           struct table *t, struct yc_issues *is)
{
    memset(t, 0, sizeof(*t));
    if (format == YC_TABLE_XLSX) {
        read_xlsx(a, data, len, t, is);
    } else {
        read_csv(a, data, len, t, is);
    }
    if (!t->header && is->n == 0) {
        is->row = 1;
        yc_issue_add(is, "", "file_empty", "文件为空：没有表头");
    }
}

/* ---- header ---- */

struct column_spec {
    const char *name;
    int required;
};

/*
 * Map each header cell to a column of spec (-1 none): unknown, duplicate and missing columns are
 * problems, all reported. *map gets ncols entries.
 */
static void
map_header(struct yc_arena *a, struct table *t, const struct column_spec *spec, size_t nspec,
           int **map, struct yc_issues *is)
{
    int *seen = yc_arena_alloc(a, nspec * sizeof(*seen));
    struct yc_buf names = YC_BUF_INIT(4096);

    for (size_t j = 0; j < nspec; j++) {
        yc_buf_printf(&names, "%s%s", j ? ", " : "", spec[j].name);
    }
    while (t->ncols && !t->header[t->ncols - 1][0]) {
        t->ncols--; /* empty cells after the last column */
    }
    *map = yc_arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof(**map));
    is->row = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        const char *h = t->header[c];
        size_t j;
        for (j = 0; j < nspec && strcasecmp(h, spec[j].name) != 0; j++) {
        }
        (*map)[c] = j < nspec ? (int)j : -1;
        if (j == nspec && *h) {
            yc_issue_add(is, h, "column_unknown", "未知的列 '%s'；可用的列：%s", h,
                         yc_buf_cstr(&names));
        } else if (j == nspec) {
            yc_issue_add(is, "", "column_unknown", "第 %zu 列的表头为空", c + 1);
        } else if (seen[j]++) {
            yc_issue_add(is, h, "column_duplicate", "列 '%s' 出现了不止一次", h);
        }
    }
    for (size_t j = 0; j < nspec; j++) {
        if (spec[j].required && !seen[j]) {
            yc_issue_add(is, spec[j].name, "column_missing", "缺少必需的列 '%s'", spec[j].name);
        }
    }
    yc_buf_release(&names);
}

/* ---- matters ---- */

struct matter_plan {
    struct yc_matter *m;
    size_t n;
};

static const struct yc_dept *
find_dept(const struct yc_dept *d, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(d[i].name, s) == 0) {
            return &d[i];
        }
    }
    for (size_t i = 0; i < n; i++) {
        if ((d[i].code[0] && strcmp(d[i].code, s) == 0) ||
            (d[i].uscc[0] && strcmp(d[i].uscc, s) == 0)) {
            return &d[i];
        }
    }
    return NULL;
}

struct code_ref {
    const char *code;
    long row;
};

static int
cmp_code_ref(const void *pa, const void *pb)
{
    const struct code_ref *a = pa, *b = pb;
    int c = strcmp(a->code, b->code);

    return c ? c : (a->row < b->row ? -1 : a->row > b->row);
}

static void
check_duplicate_codes(struct yc_arena *a, const struct table *t, const struct matter_plan *p,
                      struct yc_issues *is)
{
    struct code_ref *refs = yc_arena_alloc(a, (p->n ? p->n : 1) * sizeof(*refs));

    for (size_t i = 0; i < p->n; i++) {
        refs[i].code = p->m[i].code;
        refs[i].row = t->rows[i].row;
    }
    qsort(refs, p->n, sizeof(*refs), cmp_code_ref);
    for (size_t i = 1; i < p->n; i++) {
        if (refs[i].code[0] && strcmp(refs[i].code, refs[i - 1].code) == 0) {
            size_t first = i - 1;
            while (first > 0 && strcmp(refs[first - 1].code, refs[i].code) == 0) {
                first--;
            }
            is->row = refs[i].row;
            yc_issue_add(is, "code", "code_duplicate", "事项编码 %s 与第 %ld 行重复", refs[i].code,
                         refs[first].row);
        }
    }
}

/* Issues in row order, keeping the order found within a row (an insertion sort: n <= 100). */
static void
sort_issues(struct yc_issues *is)
{
    for (size_t i = 1; i < is->n; i++) {
        struct yc_issue x = is->item[i];
        size_t j = i;
        while (j > 0 && is->item[j - 1].row > x.row) {
            is->item[j] = is->item[j - 1];
            j--;
        }
        is->item[j] = x;
    }
}

static int
plan_matters(struct yc_ctx *ctx, const char *data, size_t len, enum yc_table_format format,
             struct matter_plan *p, struct yc_import_report *report, struct yc_err *err)
{
    static struct column_spec spec[YC_MC__MAX];
    struct yc_issues *is = report->issues;
    struct yc_dept *depts;
    size_t ndepts;
    struct table t;
    int *map;
    int rc;

    for (int c = 0; c < YC_MC__MAX; c++) {
        spec[c].name = yc_matter_cols[c].name;
        spec[c].required = yc_matter_cols[c].required;
    }
    memset(p, 0, sizeof(*p));
    read_table(ctx->arena, data, len, format, &t, is);
    if (is->total) {
        return 0;
    }
    map_header(ctx->arena, &t, spec, YC_MC__MAX, &map, is);
    if (is->total) {
        return 0;
    }
    rc = yc_store_dept_list(ctx->db, ctx->arena, &depts, &ndepts, err);
    if (rc) {
        return rc;
    }
    p->m = yc_arena_alloc(ctx->arena, (t.nrows ? t.nrows : 1) * sizeof(*p->m));
    p->n = t.nrows;
    report->rows = t.nrows;
    for (size_t i = 0; i < t.nrows; i++) {
        struct yc_matter *m = &p->m[i];
        const struct yc_dept *d;
        is->row = t.rows[i].row;
        yc_matter_init(m);
        for (size_t c = 0; c < t.ncols; c++) {
            if (map[c] >= 0) {
                yc_matter_parse_cell(ctx->arena, (enum yc_matter_col)map[c], t.rows[i].cells[c], m,
                                     is);
            }
        }
        if (*m->department_name) {
            if ((d = find_dept(depts, ndepts, m->department_name)) != NULL) {
                m->department_id = d->id;
                m->department_name = d->name;
            } else {
                yc_issue_add(is, "department", "department_unknown",
                             "部门“%s”不存在（请先导入部门，或核对名称）", m->department_name);
            }
        }
        yc_matter_check(m, is);
    }
    check_duplicate_codes(ctx->arena, &t, p, is);
    sort_issues(is);
    return 0;
}

/* The stored matter with this code among keys sorted by code, or NULL. */
static const struct yc_matter_key *
find_key(const struct yc_matter_key *keys, size_t n, const char *code)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(keys[mid].code, code);
        if (c == 0) {
            return &keys[mid];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static int
cmp_key(const void *pa, const void *pb)
{
    return strcmp(((const struct yc_matter_key *)pa)->code,
                  ((const struct yc_matter_key *)pb)->code);
}

static int
apply_one(struct yc_ctx *ctx, struct yc_matter *m, const struct yc_matter_key *k,
          struct yc_import_report *report, struct yc_err *err)
{
    char digest[65];
    int rc;

    yc_matter_digest(m, digest);
    if (k && strcmp(k->digest, digest) == 0) {
        m->id = k->id;
        m->version = k->version;
        report->unchanged++;
        return 0;
    }
    m->created_at = ctx->now_ms;
    m->created_by = yc_svc_actor(ctx);
    if (k) {
        m->id = k->id;
        m->version = k->version + 1;
        rc = yc_store_matter_update(ctx->db, m, digest, ctx->now_ms, err);
        report->updated++;
    } else {
        m->version = 1;
        rc = yc_store_matter_insert(ctx->db, m, digest, ctx->now_ms, &m->id, err);
        report->created++;
    }
    return rc ? rc : yc_store_matter_version_insert(ctx->db, m, err);
}

static int
apply_matters(struct yc_ctx *ctx, struct matter_plan *p, struct yc_import_report *report,
              struct yc_err *err)
{
    struct yc_matter_key *keys;
    size_t nkeys;
    int rc = yc_store_catalogue_lock(ctx->db, err);

    if (rc == 0) {
        rc = yc_store_matter_keys(ctx->db, ctx->arena, &keys, &nkeys, err);
    }
    if (rc) {
        return rc;
    }
    qsort(keys, nkeys, sizeof(*keys), cmp_key);
    for (size_t i = 0; i < p->n && rc == 0; i++) {
        rc = apply_one(ctx, &p->m[i], find_key(keys, nkeys, p->m[i].code), report, err);
    }
    if (rc || report->created + report->updated == 0) {
        return rc; /* an unchanged file writes nothing at all */
    }
    rc = yc_svc_audit(ctx, err, "matter.import", "catalogue",
                      "导入事项 %zu 行：新增 %zu，新版本 %zu，未变 %zu", report->rows,
                      report->created, report->updated, report->unchanged);
    return rc ? rc : yc_store_setting_incr(ctx->db, "catalogue_gen", err);
}

static int
invalid(const struct yc_issues *is, struct yc_err *err)
{
    const struct yc_issue *it = &is->item[0];

    return yc_fail(err, YC_EUNPROC, "import_invalid", NULL,
                   "导入文件有 %zu 处错误，未写入任何数据。第 %ld 行%s%s：%s", is->total, it->row,
                   it->column[0] ? " " : "", it->column, it->message);
}

static void
report_init(struct yc_ctx *ctx, struct yc_import_report *report)
{
    memset(report, 0, sizeof(*report));
    report->issues = yc_arena_alloc(ctx->arena, sizeof(*report->issues));
}

int
yc_svc_matters_import(struct yc_ctx *ctx, const char *data, size_t len, enum yc_table_format format,
                      struct yc_import_report *report, struct yc_err *err)
{
    struct matter_plan p;
    int rc;

    report_init(ctx, report);
    rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);
    if (rc == 0) {
        rc = plan_matters(ctx, data, len, format, &p, report, err);
    }
    if (rc == 0 && report->issues->total) {
        rc = invalid(report->issues, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = apply_matters(ctx, &p, report, err);
    }
    return yc_db_finish(ctx->db, rc, err);
}

/* ---- departments ---- */

enum { DC_NAME, DC_CODE, DC_USCC, DC__MAX };
static const struct column_spec dept_spec[DC__MAX] = {{"name", 1}, {"code", 0}, {"uscc", 0}};

struct dept_row {
    struct yc_dept d;
    int has_code, has_uscc;
};

struct dept_plan {
    struct dept_row *r;
    size_t n;
};

/* A department's fields: name 1-100 characters, code up to 32 printable, USCC per GB 32100. */
static void
check_dept(const struct yc_dept *d, struct yc_issues *is)
{
    size_t n = yc_utf8_len(d->name, strlen(d->name));
    enum yc_idcheck r;

    if (n == 0 || n > 100) {
        yc_issue_add(is, "name", n ? "field_too_long" : "field_required",
                     "部门名称应为 1–100 个字符");
    }
    for (const unsigned char *p = (const unsigned char *)d->code; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f || p - (const unsigned char *)d->code >= 32) {
            yc_issue_add(is, "code", "field_invalid", "部门编码 '%s' 应为不含空白的 1–32 个字符",
                         d->code);
            break;
        }
    }
    if (d->uscc[0] && (r = yc_id_check_uscc(d->uscc, strlen(d->uscc))) != YC_IDCHECK_OK) {
        yc_issue_add(is, "uscc", "check_failed", "统一社会信用代码 %s 校验未通过：%s", d->uscc,
                     yc_idcheck_message(r));
    }
}

static int
plan_depts(struct yc_ctx *ctx, const char *data, size_t len, enum yc_table_format format,
           struct dept_plan *p, struct yc_import_report *report)
{
    struct yc_issues *is = report->issues;
    struct table t;
    int *map;

    memset(p, 0, sizeof(*p));
    read_table(ctx->arena, data, len, format, &t, is);
    if (is->total == 0) {
        map_header(ctx->arena, &t, dept_spec, DC__MAX, &map, is);
    }
    if (is->total) {
        return 0;
    }
    p->r = yc_arena_alloc(ctx->arena, (t.nrows ? t.nrows : 1) * sizeof(*p->r));
    p->n = report->rows = t.nrows;
    for (size_t i = 0; i < t.nrows; i++) {
        struct dept_row *r = &p->r[i];
        r->d.name = r->d.code = r->d.uscc = "";
        for (size_t c = 0; c < t.ncols; c++) {
            const char *v = t.rows[i].cells[c];
            r->d.name = map[c] == DC_NAME ? v : r->d.name;
            r->d.code = map[c] == DC_CODE ? v : r->d.code;
            r->d.uscc = map[c] == DC_USCC ? v : r->d.uscc;
        }
        r->has_code = r->d.code[0] != '\0';
        r->has_uscc = r->d.uscc[0] != '\0';
        is->row = t.rows[i].row;
        check_dept(&r->d, is);
        for (size_t j = 0; j < i; j++) {
            if (strcmp(p->r[j].d.name, r->d.name) == 0) {
                yc_issue_add(is, "name", "name_duplicate", "部门“%s”与第 %ld 行重复", r->d.name,
                             t.rows[j].row);
                break;
            }
        }
    }
    return 0;
}

static int
apply_depts(struct yc_ctx *ctx, const struct dept_plan *p, struct yc_import_report *report,
            struct yc_err *err)
{
    struct yc_dept *depts;
    size_t n;
    int rc = yc_store_dept_list(ctx->db, ctx->arena, &depts, &n, err);

    for (size_t i = 0; i < p->n && rc == 0; i++) {
        const struct dept_row *r = &p->r[i];
        const struct yc_dept *cur = NULL;
        struct yc_dept d = r->d;
        int seq;
        for (size_t j = 0; j < n && !cur; j++) {
            cur = strcmp(depts[j].name, d.name) == 0 ? &depts[j] : NULL;
        }
        if (!cur) {
            rc = yc_store_dept_next_seq(ctx->db, &seq, err);
            if (rc == 0) {
                rc = yc_store_dept_insert(ctx->db, &d, seq, &d.id, err);
            }
            report->created++;
            continue;
        }
        /* an absent or empty cell keeps what is stored */
        d.id = cur->id;
        d.code = r->has_code ? d.code : cur->code;
        d.uscc = r->has_uscc ? d.uscc : cur->uscc;
        if (strcmp(d.code, cur->code) == 0 && strcmp(d.uscc, cur->uscc) == 0) {
            report->unchanged++;
            continue;
        }
        rc = yc_store_dept_update(ctx->db, &d, err);
        report->updated++;
    }
    if (rc || report->created + report->updated == 0) {
        return rc;
    }
    return yc_svc_audit(ctx, err, "department.import", "departments",
                        "导入部门 %zu 行：新增 %zu，修改 %zu，未变 %zu", report->rows,
                        report->created, report->updated, report->unchanged);
}

int
yc_svc_depts_import(struct yc_ctx *ctx, const char *data, size_t len, enum yc_table_format format,
                    struct yc_import_report *report, struct yc_err *err)
{
    struct dept_plan p;
    int rc;

    report_init(ctx, report);
    rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);
    if (rc == 0) {
        rc = plan_depts(ctx, data, len, format, &p, report);
    }
    if (rc == 0 && report->issues->total) {
        rc = invalid(report->issues, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = apply_depts(ctx, &p, report, err);
    }
    return yc_db_finish(ctx->db, rc, err);
}

/* Check one department given over the API (the first problem is the error). */
static int
dept_input(struct yc_ctx *ctx, const struct yc_dept *d, struct yc_err *err)
{
    struct yc_issues *is = yc_arena_alloc(ctx->arena, sizeof(*is));

    check_dept(d, is);
    return is->n ? yc_svc_issue_fail(&is->item[0], err) : 0;
}

static int
dept_conflict(struct yc_err *err, const char *name)
{
    return yc_fail(err, YC_ECONFLICT, "conflict", "name", "部门“%s”已存在", name);
}

int
yc_svc_dept_create(struct yc_ctx *ctx, const struct yc_dept *in, struct yc_dept *out,
                   struct yc_err *err)
{
    int seq;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    *out = *in;
    if (rc == 0) {
        rc = dept_input(ctx, in, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = yc_store_dept_next_seq(ctx->db, &seq, err);
    }
    if (rc == 0) {
        rc = yc_store_dept_insert(ctx->db, out, seq, &out->id, err);
        rc = rc == YC_ECONFLICT ? dept_conflict(err, in->name) : rc;
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "department.create", in->name,
                          "新增部门 %s（编码 %s，信用代码 %s）", in->name,
                          in->code[0] ? in->code : "无", in->uscc[0] ? in->uscc : "无");
    }
    return yc_db_finish(ctx->db, rc, err);
}

int
yc_svc_dept_update(struct yc_ctx *ctx, int64_t id, const struct yc_dept *in, struct yc_dept *out,
                   struct yc_err *err)
{
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc == 0) {
        rc = yc_store_dept_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "部门 %lld 不存在", (long long)id);
    }
    if (rc == 0) {
        out->name = in->name ? in->name : out->name;
        out->code = in->code ? in->code : out->code;
        out->uscc = in->uscc ? in->uscc : out->uscc;
        rc = dept_input(ctx, out, err);
    }
    if (rc == 0) {
        rc = yc_store_dept_update(ctx->db, out, err);
        rc = rc == YC_ECONFLICT ? dept_conflict(err, out->name) : rc;
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "department.update", out->name,
                          "修改部门 %lld：%s（编码 %s，信用代码 %s）", (long long)id, out->name,
                          out->code[0] ? out->code : "无", out->uscc[0] ? out->uscc : "无");
    }
    if (rc == 0 && in->name) {
        rc = yc_store_setting_incr(ctx->db, "catalogue_gen", err); /* search shows its name */
    }
    return yc_db_finish(ctx->db, rc, err);
}

/* ---- export ---- */

static void
csv_field(struct yc_buf *b, const char *s)
{
    size_t n = strlen(s);

    if (strpbrk(s, ",\"\r\n") == NULL && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
        yc_buf_add(b, s, n);
        return;
    }
    yc_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"') {
            yc_buf_addc(b, '"');
        }
        yc_buf_addc(b, *s);
    }
    yc_buf_addc(b, '"');
}

static int
export_csv(struct yc_ctx *ctx, const struct yc_matter *ms, size_t n, const char **data, size_t *len,
           struct yc_err *err)
{
    struct yc_buf b = YC_BUF_INIT(1u << 30);

    for (int c = 0; c < YC_MC__MAX; c++) {
        yc_buf_printf(&b, "%s%s", c ? "," : "", yc_matter_cols[c].name);
    }
    yc_buf_addc(&b, '\n');
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < YC_MC__MAX; c++) {
            if (c) {
                yc_buf_addc(&b, ',');
            }
            csv_field(&b, yc_matter_cell(ctx->arena, (enum yc_matter_col)c, &ms[i]));
        }
        yc_buf_addc(&b, '\n');
    }
    if (b.overflow) {
        yc_buf_release(&b);
        return yc_fail(err, YC_ETOOBIG, "body_too_large", NULL, "导出内容超过 1 GiB");
    }
    *len = b.len;
    *data = yc_arena_strndup(ctx->arena, yc_buf_cstr(&b), b.len);
    yc_buf_release(&b);
    return 0;
}

static int
is_number_col(int c)
{
    return c == YC_MC_STATUTORY_DAYS || c == YC_MC_PROMISED_DAYS || c == YC_MC_ENTERED;
}

static int
write_sheet(struct yc_ctx *ctx, lxw_worksheet *ws, const struct yc_matter *ms, size_t n,
            struct yc_err *err)
{
    for (int c = 0; c < YC_MC__MAX; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, yc_matter_cols[c].name, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < YC_MC__MAX; c++) {
            const char *v = yc_matter_cell(ctx->arena, (enum yc_matter_col)c, &ms[i]);
            lxw_row_t row = (lxw_row_t)(i + 1);
            if (yc_utf8_len(v, strlen(v)) > XLSX_MAX_CELL_CHARS) {
                return yc_fail(err, YC_EUNPROC, "field_too_long", yc_matter_cols[c].name,
                               "事项 %s 的 %s 超过 XLSX 单元格的 %d 个字符，请导出为 CSV",
                               ms[i].code, yc_matter_cols[c].name, XLSX_MAX_CELL_CHARS);
            }
            if (is_number_col(c)) {
                worksheet_write_number(ws, row, (lxw_col_t)c,
                                       (double)(c == YC_MC_ENTERED          ? ms[i].entered
                                                : c == YC_MC_STATUTORY_DAYS ? ms[i].statutory_days
                                                                            : ms[i].promised_days),
                                       NULL);
            } else if (*v) {
                worksheet_write_string(ws, row, (lxw_col_t)c, v, NULL);
            }
        }
    }
    return 0;
}

/* libxlsxwriter writes files only: build the workbook in a temporary file and read it back. */
static int
export_xlsx(struct yc_ctx *ctx, const struct yc_matter *ms, size_t n, const char **data,
            size_t *len, struct yc_err *err)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb;
    struct yc_buf b = YC_BUF_INIT(1u << 30);
    char chunk[65536];
    size_t got;
    FILE *f;
    int fd, rc;

    snprintf(path, sizeof(path), "%s/yc-export-XXXXXX", dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法创建临时文件：%s",
                       strerror(errno));
    }
    close(fd);
    wb = workbook_new_opt(path, &opt);
    rc = wb ? write_sheet(ctx, workbook_add_worksheet(wb, "matters"), ms, n, err)
            : yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法创建 XLSX 工作簿");
    if (wb && workbook_close(wb) != LXW_NO_ERROR && rc == 0) {
        rc = yc_fail(err, YC_EINTERNAL, "internal", NULL, "写入 XLSX 工作簿失败");
    }
    f = rc == 0 ? fopen(path, "rb") : NULL;
    while (f && (got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        yc_buf_add(&b, chunk, got);
    }
    if (f) {
        fclose(f);
    }
    unlink(path);
    if (rc == 0) {
        *len = b.len;
        *data = yc_arena_strndup(ctx->arena, yc_buf_cstr(&b), b.len);
    }
    yc_buf_release(&b);
    return rc;
}

int
yc_svc_matters_export(struct yc_ctx *ctx, enum yc_table_format format, const char **data,
                      size_t *len, size_t *count, struct yc_err *err)
{
    struct yc_matter *ms;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    if (rc == 0) {
        rc = yc_store_matter_all(ctx->db, ctx->arena, &ms, count, err);
    }
    if (rc) {
        return rc;
    }
    return format == YC_TABLE_XLSX ? export_xlsx(ctx, ms, *count, data, len, err)
                                   : export_csv(ctx, ms, *count, data, len, err);
}

/* ---- Annex 2 ---- */

static int
annex2_col(const char *type)
{
    for (int i = 0; i < 7; i++) {
        if (strcmp(yc_annex2_types[i], type) == 0) {
            return i;
        }
    }
    return -1;
}

int
yc_svc_catalogue_annex2(struct yc_ctx *ctx, struct yc_annex2_count_row **rows, size_t *n,
                        struct yc_err *err)
{
    struct yc_matter_annex2_cell *cells;
    size_t ncells;
    struct yc_annex2_count_row *r, *total;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_READ, err);

    if (rc == 0) {
        rc = yc_store_matter_annex2(ctx->db, ctx->arena, &cells, &ncells, err);
    }
    if (rc) {
        return rc;
    }
    r = yc_arena_alloc(ctx->arena, (ncells + 1) * sizeof(*r));
    *n = 0;
    for (size_t i = 0; i < ncells; i++) {
        int col = annex2_col(cells[i].type);
        if (i == 0 || cells[i].department_id != cells[i - 1].department_id) {
            r[(*n)++].department = cells[i].department;
        }
        if (col >= 0) {
            r[*n - 1].count[col] += cells[i].count;
            r[*n - 1].total += cells[i].count;
        }
    }
    total = &r[*n];
    total->department = "合计";
    for (size_t i = 0; i < *n; i++) {
        for (int c = 0; c < 7; c++) {
            total->count[c] += r[i].count[c];
        }
        total->total += r[i].total;
    }
    *rows = r;
    return 0;
}

/* ---- the demo catalogue ---- */

static int
demo_broken(const char *file, const struct yc_issues *is, struct yc_err *err)
{
    const struct yc_issue *it = &is->item[0];

    return yc_fail(err, YC_EINTERNAL, "demo_data_invalid", NULL,
                   "演示数据 %s 有 %zu 处错误；第 %ld 行 %s：%s", file, is->total, it->row,
                   it->column, it->message);
}

int
yc_svc_catalogue_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    const struct yc_embedded_file *depts = yc_embedded_file("demo-departments.csv");
    const struct yc_embedded_file *matters = yc_embedded_file("demo-matters.csv");
    struct yc_import_report report;
    struct dept_plan dp;
    struct matter_plan mp;
    int rc;

    if (!depts || !matters) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "程序中缺少演示事项目录数据");
    }
    report_init(ctx, &report);
    rc = plan_depts(ctx, depts->data, depts->len, YC_TABLE_CSV, &dp, &report);
    if (rc == 0 && report.issues->total) {
        rc = demo_broken(depts->name, report.issues, err);
    }
    if (rc == 0) {
        rc = apply_depts(ctx, &dp, &report, err);
        *created |= report.created + report.updated > 0;
    }
    if (rc) {
        return rc;
    }
    report_init(ctx, &report);
    rc = plan_matters(ctx, matters->data, matters->len, YC_TABLE_CSV, &mp, &report, err);
    if (rc == 0 && report.issues->total) {
        rc = demo_broken(matters->name, report.issues, err);
    }
    if (rc == 0) {
        rc = apply_matters(ctx, &mp, &report, err);
        *created |= report.created + report.updated > 0;
    }
    return rc;
}
