/*
 * h_catalogue.c - handlers of the matter catalogue: search, matters and their versions, guides
 * (JSON, PDF, public), import and export, Annex 2, departments.
 */
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/json.h"
#include "base/str.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

#define CT_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* ---- decoding ---- */

static int
query_enum(struct yc_req *req, const char *name, int (*parse)(const char *), const char *allowed,
           int *out, struct yc_err *err)
{
    const char *v = yc_req_query(req, name);

    *out = -1;
    if (!v || !*v) {
        return 0;
    }
    if ((*out = parse(v)) < 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", name, "参数 %s 应为 %s 之一", name,
                       allowed);
    }
    return 0;
}

static int
parse_entered(const char *v)
{
    return strcmp(v, "1") == 0 || strcmp(v, "true") == 0    ? 1
           : strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ? 0
                                                            : -1;
}

static int
parse_window_class_api(const char *v)
{
    for (int i = 0; i < YC_WC__MAX; i++) {
        if (strcmp(v, yc_window_classes[i].name) == 0) {
            return i;
        }
    }
    return -1;
}

static int
query_type(struct yc_req *req, const char **out, struct yc_err *err)
{
    const char *v = yc_req_query(req, "type");
    const struct yc_matter_type_info *t = v && *v ? yc_matter_type_find(v) : NULL;

    *out = "";
    if (!v || !*v) {
        return 0;
    }
    if (!t || !t->on_application || strcmp(t->code, v) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "type",
                       "参数 type 应为 01 05 07 08 09 10 20 之一");
    }
    *out = t->code;
    return 0;
}

static const struct yc_field matter_fields[] = {
    {"code", YC_F_STR, 1, 0, 1000},
    {"name", YC_F_STR, 1, 0, 1000},
    {"department_id", YC_F_INT, 1, 1, INT32_MAX},
    {"type", YC_F_STR, 1, 0, 100},
    {"statutory_days", YC_F_INT, 1, INT32_MIN, INT32_MAX},
    {"promised_days", YC_F_INT, 1, INT32_MIN, INT32_MAX},
    {"window_class", YC_F_STR, 1, 0, 100},
    {"entered", YC_F_BOOL, 1, 0, 1},
    {"aliases", YC_F_ANY, 0, 0, 0},
    {"theme", YC_F_STR, 0, 0, 100000},
    {"conditions", YC_F_STR, 0, 0, 100000},
    {"materials", YC_F_ANY, 0, 0, 0},
    {"legal_basis", YC_F_STR, 0, 0, 100000},
    {"fees", YC_F_STR, 0, 0, 100000},
    {"faq", YC_F_ANY, 0, 0, 0},
    {"glossary", YC_F_ANY, 0, 0, 0},
};

static int
days(const json_t *body, const char *key)
{
    int64_t v = yc_json_int(body, key, 0);
    return v < -1 ? -1 : v > YC_MATTER_MAX_DAYS ? YC_MATTER_MAX_DAYS + 1 : (int)v;
}

/* A matter from a POST or PUT body (checked against matter_fields). */
static int
decode_matter(struct yc_req *req, const json_t *body, struct yc_matter *m, struct yc_err *err)
{
    struct yc_issues *is = yc_arena_alloc(&req->arena, sizeof(*is));
    const struct yc_matter_type_info *t = yc_matter_type_find(yc_json_str(body, "type", ""));
    int wc = parse_window_class_api(yc_json_str(body, "window_class", ""));

    if (!t || !t->on_application) {
        return yc_fail(err, YC_EUNPROC, "type_invalid", "type",
                       "事项类型 '%s' 无效，应为 01 05 07 08 09 10 20 之一",
                       yc_json_str(body, "type", ""));
    }
    if (wc < 0) {
        return yc_fail(
            err, YC_EUNPROC, "window_class_invalid", "window_class",
            "窗口类别应为 undifferentiated、domain、convenience、enterprise、department 之一");
    }
    yc_matter_init(m);
    m->code = yc_arena_strdup(&req->arena, yc_json_str(body, "code", ""));
    m->name = yc_arena_strdup(&req->arena, yc_json_str(body, "name", ""));
    m->department_id = yc_json_int(body, "department_id", 0);
    yc_strlcpy(m->type, t->code, sizeof(m->type));
    m->window_class = (enum yc_window_class)wc;
    m->entered = yc_json_bool(body, "entered", 0);
    m->statutory_days = days(body, "statutory_days");
    m->promised_days = days(body, "promised_days");
    m->theme = yc_arena_strdup(&req->arena, yc_json_str(body, "theme", ""));
    m->conditions = yc_arena_strdup(&req->arena, yc_json_str(body, "conditions", ""));
    m->legal_basis = yc_arena_strdup(&req->arena, yc_json_str(body, "legal_basis", ""));
    m->fees = yc_arena_strdup(&req->arena, yc_json_str(body, "fees", ""));
    yc_matter_lists_from_json(&req->arena, json_object_get(body, "aliases"),
                              json_object_get(body, "materials"), json_object_get(body, "faq"),
                              json_object_get(body, "glossary"), m, is);
    return is->n ? yc_svc_issue_fail(&is->item[0], err) : 0;
}

/* ---- matters ---- */

int
h_matters_search(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter_query q = {0};
    struct yc_matter_hit *hits;
    size_t n, total;
    int64_t dept, limit, offset;
    json_t *arr;
    const char *text = yc_req_query(req, "q");
    int rc = yc_req_query_int(req, "department", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "limit", 1, YC_SEARCH_MAX_LIMIT, 20, &limit, err);
    }
    if (rc == 0) {
        rc = yc_req_query_int(req, "offset", 0, 10000, 0, &offset, err);
    }
    if (rc == 0) {
        rc = query_type(req, &q.type, err);
    }
    if (rc == 0) {
        rc = query_enum(req, "window_class", parse_window_class_api,
                        "undifferentiated、domain、convenience、enterprise、department",
                        &q.window_class, err);
    }
    if (rc == 0) {
        rc = query_enum(req, "entered", parse_entered, "1、0", &q.entered, err);
    }
    if (rc == 0 && text && yc_utf8_len(text, strlen(text)) > 100) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "q", "搜索词最多 100 个字符");
    }
    if (rc) {
        return rc;
    }
    q.q = text ? text : "";
    q.department_id = dept;
    q.limit = (size_t)limit;
    q.offset = (size_t)offset;
    rc = yc_svc_matter_search(&req->ctx, &q, &hits, &n, &total, err);
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, yc_matter_hit_json(&hits[i]));
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o, s:I, s:I, s:I}", "matters", arr, "total", (json_int_t)total,
                           "limit", (json_int_t)limit, "offset", (json_int_t)offset));
    return 0;
}

int
h_matters_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter in, out;
    json_t *body;
    int rc = YC_REQ_JSON(req, matter_fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = decode_matter(req, body, &in, err);
    json_decref(body);
    if (rc == 0) {
        rc = yc_svc_matter_create(&req->ctx, &in, &out, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 201, json_pack("{s:o}", "matter", yc_matter_json(&out, 1)));
    return 0;
}

int
h_matter_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter m;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_matter_get(&req->ctx, id, &m, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "matter", yc_matter_json(&m, 1)));
    return 0;
}

int
h_matter_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter in, out;
    json_t *body = NULL;
    int64_t id;
    int changed = 0;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, matter_fields, &body, err);
    }
    if (rc == 0) {
        rc = decode_matter(req, body, &in, err);
    }
    json_decref(body);
    if (rc == 0) {
        rc = yc_svc_matter_update(&req->ctx, id, &in, &out, &changed, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o, s:b}", "matter", yc_matter_json(&out, 1), "changed", changed));
    return 0;
}

int
h_matter_versions(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter_version_info *v;
    size_t n;
    int64_t id;
    json_t *arr;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_matter_versions(&req->ctx, id, &v, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char at[21];
        yc_clock_format_iso(v[i].created_at, at);
        json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:s}", "version", v[i].version, "at",
                                             at, "by", v[i].created_by, "name", v[i].name));
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "versions", arr));
    return 0;
}

int
h_matter_version(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter m;
    int64_t id, version;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_req_param_id(req, 1, &version, err);
    }
    if (rc == 0 && version > INT32_MAX) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "事项 %lld 没有版本 %lld", (long long)id,
                     (long long)version);
    }
    if (rc == 0) {
        rc = yc_svc_matter_version(&req->ctx, id, (int)version, &m, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "matter", yc_matter_json(&m, 1)));
    return 0;
}

/* ---- guides ---- */

int
h_matter_guide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter_guide g;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_matter_guide(&req->ctx, id, &g, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o}", "guide", yc_matter_guide_json(&req->arena, &g, 1)));
    return 0;
}

int
h_matter_guide_pdf(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const char *pdf;
    size_t len;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_matter_guide_pdf(&req->ctx, id, yc_req_public_base(req), &pdf, &len, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_header(
        resp, "Content-Disposition",
        yc_arena_printf(&req->arena, "inline; filename=\"guide-%lld.pdf\"", (long long)id));
    yc_resp_header(resp, "Cache-Control", "no-store");
    yc_resp_text(resp, 200, "application/pdf", pdf, len);
    return 0;
}

int
h_public_guide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter_guide g;
    int rc = yc_svc_matter_public_guide(&req->ctx, req->params[0], &g, err);

    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o}", "guide", yc_matter_guide_json(&req->arena, &g, 0)));
    return 0;
}

/* GET /api/public/matters?q=: the kiosk's search by what the applicant calls it (public). Only
 * what a ticket needs: code, name, department, window class; at most 10 hits. */
int
h_public_matters(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_matter_hit *hits;
    size_t n, total;
    json_t *arr;
    const char *text = yc_req_query(req, "q");
    int rc = 0;

    if (!text || !*text) {
        rc = yc_fail(err, YC_EUNPROC, "field_required", "q", "请输入要办理的事项名称");
    } else if (yc_utf8_len(text, strlen(text)) > 50) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "q", "搜索词最多 50 个字符");
    }
    if (rc == 0) {
        rc = yc_svc_matter_public_search(&req->ctx, text, 10, &hits, &n, &total, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct yc_matter_hit *h = &hits[i];
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:s, s:s}", "code", h->doc.code, "name", h->doc.name,
                           "department", h->doc.department, "window_class",
                           yc_window_classes[h->doc.window_class].name));
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o, s:I}", "matters", arr, "total", (json_int_t)total));
    return 0;
}

/* ---- import, export, Annex 2 ---- */

/* The one error shape, plus every problem found in the file. */
static void
import_errors(struct yc_req *req, struct yc_resp *resp, const struct yc_err *err,
              const struct yc_issues *is)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < is->n; i++) {
        const struct yc_issue *it = &is->item[i];
        json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:s}", "row", (json_int_t)it->row,
                                             "column",
                                             it->column[0] ? json_string(it->column) : json_null(),
                                             "code", it->code, "message", it->message));
    }
    yc_resp_json(req, resp, yc_status_http(err->status),
                 json_pack("{s:{s:s, s:s, s:n}, s:o, s:I}", "error", "code", err->code, "message",
                           err->message, "field", "errors", arr, "errors_total",
                           (json_int_t)is->total));
}

int
h_catalogue_import(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const char *ct = yc_req_header(req, "Content-Type");
    struct yc_import_report r;
    enum yc_table_format format;
    int rc;

    if (ct && strncmp(ct, "text/csv", 8) == 0) {
        format = YC_TABLE_CSV;
    } else if (ct && strncmp(ct, CT_XLSX, strlen(CT_XLSX)) == 0) {
        format = YC_TABLE_XLSX;
    } else {
        return yc_fail(err, YC_EMEDIA, "unsupported_media_type", "Content-Type",
                       "请以 text/csv 或 " CT_XLSX " 上传事项目录");
    }
    rc = yc_svc_matters_import(&req->ctx, req->body.data ? req->body.data : "", req->body.len,
                               format, &r, err);
    if (rc && r.issues->n) {
        import_errors(req, resp, err, r.issues);
        return 0;
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:I, s:I, s:I, s:I}", "rows", (json_int_t)r.rows, "created",
                           (json_int_t)r.created, "updated", (json_int_t)r.updated, "unchanged",
                           (json_int_t)r.unchanged));
    return 0;
}

int
h_catalogue_export(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const char *format = yc_req_query(req, "format");
    int xlsx = format && strcmp(format, "xlsx") == 0;
    const char *data;
    size_t len, count;
    int rc = 0;

    if (format && *format && !xlsx && strcmp(format, "csv") != 0) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "format", "参数 format 应为 csv 或 xlsx");
    }
    if (rc == 0) {
        rc = yc_svc_matters_export(&req->ctx, xlsx ? YC_TABLE_XLSX : YC_TABLE_CSV, &data, &len,
                                   &count, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_header(resp, "Content-Disposition",
                   xlsx ? "attachment; filename=\"matters.xlsx\""
                        : "attachment; filename=\"matters.csv\"");
    yc_resp_text(resp, 200, xlsx ? CT_XLSX : "text/csv; charset=utf-8", data, len);
    return 0;
}

static json_t *
annex2_row_json(const struct yc_annex2_count_row *r)
{
    json_t *counts = json_array();

    for (int c = 0; c < 7; c++) {
        json_array_append_new(counts, json_integer(r->count[c]));
    }
    return json_pack("{s:s, s:o, s:I}", "department", r->department, "counts", counts, "total",
                     (json_int_t)r->total);
}

int
h_catalogue_annex2(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_annex2_count_row *rows;
    size_t n;
    json_t *types, *arr;
    int rc = yc_svc_catalogue_annex2(&req->ctx, &rows, &n, err);

    if (rc) {
        return rc;
    }
    types = json_array();
    for (int c = 0; c < 7; c++) {
        json_array_append_new(types, json_pack("{s:s, s:s}", "code", yc_annex2_types[c], "name",
                                               yc_matter_type_find(yc_annex2_types[c])->zh));
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, annex2_row_json(&rows[i]));
    }
    /* rows[n] is the total row */
    yc_resp_json(req, resp, 200,
                 json_pack("{s:o, s:o, s:o}", "types", types, "rows", arr, "total",
                           annex2_row_json(&rows[n])));
    return 0;
}

/* ---- departments ---- */

int
h_departments_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"name", YC_F_STR, 1, 1, 100},
        {"code", YC_F_STR, 0, 0, 32},
        {"uscc", YC_F_STR, 0, 0, 18},
    };
    struct yc_dept in, out;
    json_t *body;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.id = 0;
    in.name = yc_arena_strdup(&req->arena, yc_json_str(body, "name", ""));
    in.code = yc_arena_strdup(&req->arena, yc_json_str(body, "code", ""));
    in.uscc = yc_arena_strdup(&req->arena, yc_json_str(body, "uscc", ""));
    json_decref(body);
    rc = yc_svc_dept_create(&req->ctx, &in, &out, err);
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 201,
                 json_pack("{s:{s:I, s:s, s:s, s:s}}", "department", "id", (json_int_t)out.id,
                           "name", out.name, "code", out.code, "uscc", out.uscc));
    return 0;
}

static const char *
opt_str(struct yc_req *req, const json_t *body, const char *key)
{
    const char *v = yc_json_str(body, key, NULL);
    return v ? yc_arena_strdup(&req->arena, v) : NULL;
}

int
h_departments_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"name", YC_F_STR, 0, 1, 100},
        {"code", YC_F_STR, 0, 0, 32},
        {"uscc", YC_F_STR, 0, 0, 18},
    };
    struct yc_dept in, out;
    json_t *body = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    in.id = id;
    in.name = opt_str(req, body, "name");
    in.code = opt_str(req, body, "code");
    in.uscc = opt_str(req, body, "uscc");
    json_decref(body);
    rc = yc_svc_dept_update(&req->ctx, id, &in, &out, err);
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200,
                 json_pack("{s:{s:I, s:s, s:s, s:s}}", "department", "id", (json_int_t)out.id,
                           "name", out.name, "code", out.code, "uscc", out.uscc));
    return 0;
}
