/*
 * catalogue.c - use cases of single matters: read the version in force or any earlier one, create
 * and change a matter (each change a new immutable version), the acceptance guide, JSON views.
 */
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "domain/matter.h"
#include "svc/svc.h"
#include "base/banned.h"

/* ---- JSON views ---- */

json_t *
yc_matter_json(const struct yc_matter *m, int with_audit)
{
    const struct yc_matter_type_info *t = yc_matter_type_find(m->type);
    char at[21];
    json_t *o;

    yc_clock_format_iso(m->created_at, at);
    o = json_pack("{s:I, s:i, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:b, s:i, s:i}",
                  "id", (json_int_t)m->id, "version", m->version, "code", m->code, "code_kind",
                  yc_matter_code_is_national(m->code) ? "national" : "local", "name", m->name,
                  "department", "id", (json_int_t)m->department_id, "name", m->department_name,
                  "type", m->type, "type_name", t ? t->zh : "", "window_class",
                  yc_window_classes[m->window_class].name, "window_class_name",
                  yc_window_classes[m->window_class].zh, "entered", m->entered, "statutory_days",
                  m->statutory_days, "promised_days", m->promised_days);
    json_object_set_new(o, "aliases", yc_matter_aliases_json(m));
    json_object_set_new(o, "theme", json_string(m->theme));
    json_object_set_new(o, "conditions", json_string(m->conditions));
    json_object_set_new(o, "materials", yc_matter_materials_json(m));
    json_object_set_new(o, "legal_basis", json_string(m->legal_basis));
    json_object_set_new(o, "fees", json_string(m->fees));
    json_object_set_new(o, "faq", yc_matter_faq_json(m));
    json_object_set_new(o, "glossary", yc_matter_glossary_json(m));
    json_object_set_new(o, "version_at", json_string(at));
    if (with_audit) {
        json_object_set_new(o, "version_by", json_string(m->created_by));
    }
    return o;
}

const char *
yc_matter_public_path(struct yc_arena *a, const char *code)
{
    static const char hex[] = "0123456789ABCDEF";
    struct yc_buf b = YC_BUF_INIT(4096);
    const char *s;

    yc_buf_adds(&b, "/guide/");
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            yc_buf_addc(&b, (char)*p);
        } else {
            yc_buf_addc(&b, '%');
            yc_buf_addc(&b, hex[*p >> 4]);
            yc_buf_addc(&b, hex[*p & 15]);
        }
    }
    s = yc_arena_strdup(a, yc_buf_cstr(&b));
    yc_buf_release(&b);
    return s;
}

json_t *
yc_matter_guide_json(struct yc_arena *a, const struct yc_matter_guide *g, int with_audit)
{
    json_t *o = yc_matter_json(&g->m, with_audit);

    json_object_set_new(o, "department",
                        json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)g->dept.id, "name",
                                  g->dept.name, "code", g->dept.code, "uscc", g->dept.uscc));
    json_object_set_new(o, "online_path", json_string(yc_matter_public_path(a, g->m.code)));
    return o;
}

/* ---- reading ---- */

static int
not_found(struct yc_err *err, int64_t id)
{
    return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "事项 %lld 不存在", (long long)id);
}

int
yc_svc_matter_get(struct yc_ctx *ctx, int64_t id, struct yc_matter *out, struct yc_err *err)
{
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_READ, err);

    if (rc == 0) {
        rc = yc_store_matter_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && !found) {
        rc = not_found(err, id);
    }
    return rc;
}

int
yc_svc_matter_version(struct yc_ctx *ctx, int64_t matter_id, int version, struct yc_matter *out,
                      struct yc_err *err)
{
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_READ, err);

    if (rc == 0) {
        rc = yc_store_matter_version(ctx->db, ctx->arena, matter_id, version, out, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "事项 %lld 没有版本 %d",
                     (long long)matter_id, version);
    }
    return rc;
}

int
yc_svc_matter_versions(struct yc_ctx *ctx, int64_t id, struct yc_matter_version_info **out,
                       size_t *n, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_READ, err);

    if (rc == 0) {
        rc = yc_store_matter_versions(ctx->db, ctx->arena, id, out, n, err);
    }
    if (rc == 0 && *n == 0) {
        rc = not_found(err, id);
    }
    return rc;
}

static int
guide_dept(struct yc_ctx *ctx, struct yc_matter_guide *out, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_dept_get(ctx->db, ctx->arena, out->m.department_id, &out->dept, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EINTERNAL, "internal", NULL, "事项的部门 %lld 不存在",
                     (long long)out->m.department_id);
    }
    return rc;
}

int
yc_svc_matter_guide(struct yc_ctx *ctx, int64_t id, struct yc_matter_guide *out, struct yc_err *err)
{
    int rc = yc_svc_matter_get(ctx, id, &out->m, err);

    return rc ? rc : guide_dept(ctx, out, err);
}

int
yc_svc_matter_public_guide(struct yc_ctx *ctx, const char *code, struct yc_matter_guide *out,
                           struct yc_err *err)
{
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = yc_store_matter_get_code(ctx->db, ctx->arena, code, &out->m, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有编码为 %s 的事项", code);
    }
    return rc ? rc : guide_dept(ctx, out, err);
}

/* ---- writing ---- */

int
yc_svc_issue_fail(const struct yc_issue *it, struct yc_err *err)
{
    /* malformed input is 400, input that breaks a rule 422 (docs/api.md) */
    int malformed = strcmp(it->code, "field_unknown") == 0 || strcmp(it->code, "field_type") == 0 ||
                    strcmp(it->code, "field_required") == 0;

    return yc_fail(err, malformed ? YC_EINVAL : YC_EUNPROC, it->code,
                   it->column[0] ? it->column : NULL, "%s", it->message);
}

/* Check in (as an import row is) into m, with the department's name filled in. */
static int
check_input(struct yc_ctx *ctx, const struct yc_matter *in, struct yc_matter *m, struct yc_err *err)
{
    struct yc_issues *is = yc_arena_alloc(ctx->arena, sizeof(*is));
    struct yc_dept d;
    int found = 0;
    int rc;

    *m = *in;
    yc_matter_normalize(ctx->arena, m);
    yc_matter_check(m, is);
    if (is->n) {
        return yc_svc_issue_fail(&is->item[0], err);
    }
    rc = yc_store_dept_get(ctx->db, ctx->arena, m->department_id, &d, &found, err);
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "department_unknown", "department_id", "部门 %lld 不存在",
                     (long long)m->department_id);
    }
    m->department_name = found ? d.name : "";
    return rc;
}

static int
code_taken(struct yc_err *err, const char *code)
{
    return yc_fail(err, YC_ECONFLICT, "conflict", "code", "事项编码 %s 已被其他事项使用", code);
}

/* The import columns whose cells differ between two versions, for the audit summary. */
static const char *
changed_columns(struct yc_arena *a, const struct yc_matter *old, const struct yc_matter *m)
{
    struct yc_buf b = YC_BUF_INIT(4096);
    const char *s;

    for (int c = 0; c < YC_MC__MAX; c++) {
        if (strcmp(yc_matter_cell(a, c, old), yc_matter_cell(a, c, m)) != 0) {
            yc_buf_printf(&b, "%s%s", b.len ? "、" : "", yc_matter_cols[c].zh);
        }
    }
    s = yc_arena_strdup(a, b.len ? yc_buf_cstr(&b) : "无");
    yc_buf_release(&b);
    return s;
}

static int
begin_write(struct yc_ctx *ctx, struct yc_err *err)
{
    int rc = yc_db_begin(ctx->db, err);

    if (rc == 0) {
        rc = yc_store_catalogue_lock(ctx->db, err);
    }
    return rc;
}

int
yc_svc_matter_create(struct yc_ctx *ctx, const struct yc_matter *in, struct yc_matter *out,
                     struct yc_err *err)
{
    struct yc_matter m;
    char digest[65];
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = begin_write(ctx, err);
    if (rc == 0) {
        rc = check_input(ctx, in, &m, err);
    }
    if (rc == 0) {
        m.version = 1;
        m.created_at = ctx->now_ms;
        m.created_by = yc_svc_actor(ctx);
        yc_matter_digest(&m, digest);
        rc = yc_store_matter_insert(ctx->db, &m, digest, ctx->now_ms, &m.id, err);
        if (rc == YC_ECONFLICT) {
            rc = code_taken(err, m.code);
        }
    }
    if (rc == 0) {
        rc = yc_store_matter_version_insert(ctx->db, &m, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "matter.create", m.code, "新增事项 %s %s（%s），版本 1", m.code,
                          m.name, m.department_name);
    }
    if (rc == 0) {
        rc = yc_store_setting_incr(ctx->db, "catalogue_gen", err);
    }
    if (rc == 0) {
        rc = yc_store_matter_get(ctx->db, ctx->arena, m.id, out, &found, err);
    }
    return yc_db_finish(ctx->db, rc, err);
}

int
yc_svc_matter_update(struct yc_ctx *ctx, int64_t id, const struct yc_matter *in,
                     struct yc_matter *out, int *changed, struct yc_err *err)
{
    struct yc_matter m, old;
    char digest[65], old_digest[65];
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    if (changed) {
        *changed = 0;
    }
    if (rc) {
        return rc;
    }
    rc = begin_write(ctx, err);
    if (rc == 0) {
        rc = yc_store_matter_get(ctx->db, ctx->arena, id, &old, &found, err);
    }
    if (rc == 0 && !found) {
        rc = not_found(err, id);
    }
    if (rc == 0) {
        rc = check_input(ctx, in, &m, err);
    }
    if (rc) {
        return yc_db_finish(ctx->db, rc, err);
    }
    yc_matter_digest(&m, digest);
    yc_matter_digest(&old, old_digest);
    if (strcmp(digest, old_digest) == 0) {
        *out = old; /* identical: no new version, nothing to audit */
        return yc_db_finish(ctx->db, 0, err);
    }
    m.id = id;
    m.version = old.version + 1;
    m.created_at = ctx->now_ms;
    m.created_by = yc_svc_actor(ctx);
    rc = yc_store_matter_update(ctx->db, &m, digest, ctx->now_ms, err);
    if (rc == YC_ECONFLICT) {
        rc = code_taken(err, m.code);
    }
    if (rc == 0) {
        rc = yc_store_matter_version_insert(ctx->db, &m, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "matter.update", m.code, "修改事项 %s %s，版本 %d：%s", m.code,
                          m.name, m.version, changed_columns(ctx->arena, &old, &m));
    }
    if (rc == 0) {
        rc = yc_store_setting_incr(ctx->db, "catalogue_gen", err);
    }
    if (rc == 0) {
        rc = yc_store_matter_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && changed) {
        *changed = 1;
    }
    return yc_db_finish(ctx->db, rc, err);
}
