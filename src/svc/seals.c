/*
 * seals.c - the register of approval seals (行政审批专用章): one in use per department, a keeper
 * from the department, the date the seal was made public; a retired seal stays in the register and
 * is never used again. (The ledger of uses comes with cases.)
 */
#include <string.h>

#include "base/date.h"
#include "svc/svc.h"
#include "base/banned.h"

static json_t *
seal_json(const struct yc_seal *s)
{
    char p[11], r[11];

    if (s->published_on != YC_NO_DAY) {
        yc_date_format(s->published_on, p);
    }
    if (s->retired_on != YC_NO_DAY) {
        yc_date_format(s->retired_on, r);
    }
    return json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)s->id,
                     "department", "id", (json_int_t)s->department_id, "name", s->department_name,
                     "name", s->name, "code", s->code, "keeper",
                     s->keeper_id ? json_pack("{s:I, s:s}", "id", (json_int_t)s->keeper_id, "name",
                                              s->keeper_name)
                                  : json_null(),
                     "status", s->status, "published_on",
                     s->published_on != YC_NO_DAY ? json_string(p) : json_null(), "retired_on",
                     s->retired_on != YC_NO_DAY ? json_string(r) : json_null());
}

static int
check_code(const char *code, struct yc_err *err)
{
    size_t n = strlen(code);

    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-')) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "code",
                           "印章编码只能包含数字、大写字母和 -，收到 '%s'", code);
        }
    }
    return 0;
}

/* The keeper is an enabled user of the seal's department. */
static int
check_keeper(struct yc_ctx *ctx, const struct yc_seal *s, int64_t keeper_id, struct yc_err *err)
{
    struct yc_user u;
    int rc = yc_svc_need_user(ctx, keeper_id, "keeper_id", &u, err);

    if (rc == 0 && u.department_id != s->department_id) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "keeper_id",
                     "保管人 %s（%s）属于%s，不是%s的工作人员", u.name, u.username,
                     u.department_id ? u.department_name : "无部门", s->department_name);
    }
    return rc;
}

static int
need_seal(struct yc_ctx *ctx, int64_t id, struct yc_seal *s, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_seal_get(ctx->db, ctx->arena, id, s, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "印章 %lld 不存在", (long long)id);
    }
    return rc;
}

/* Checks and the insert, inside the transaction. */
static int
seal_insert(struct yc_ctx *ctx, struct yc_seal *s, const struct yc_seal_input *in,
            struct yc_err *err)
{
    struct yc_dept d;
    struct yc_seal active;
    int64_t other;
    int found = 0;
    int rc = yc_svc_need_dept(ctx, in->department_id, "department_id", &d, err);

    if (rc == 0) {
        s->department_id = d.id;
        s->department_name = d.name;
        rc = yc_svc_own_department(ctx, d.id, d.name, "行政审批专用章", err);
    }
    if (rc == 0 && in->keeper_id > 0) {
        s->keeper_id = in->keeper_id;
        rc = check_keeper(ctx, s, in->keeper_id, err);
    }
    if (rc == 0) {
        rc = yc_store_seal_active(ctx->db, ctx->arena, d.id, &active, &found, err);
    }
    if (rc == 0 && found) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", "department_id",
                     "%s已有在用的行政审批专用章「%s」（%s），请先将其停用", d.name, active.name,
                     active.code);
    }
    if (rc == 0) {
        rc = yc_store_seal_by_code(ctx->db, s->code, &other, &found, err);
    }
    if (rc == 0 && found) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", "code", "印章编码 %s 已登记", s->code);
    }
    if (rc == 0) {
        rc = yc_store_seal_insert(ctx->db, s, ctx->now_ms, &s->id, err);
    }
    if (rc == 0) {
        rc = yc_store_seal_get(ctx->db, ctx->arena, s->id, s, &found, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "seal.create", s->code, "登记%s印章「%s」（%s），保管人 %s",
                          d.name, s->name, s->code, s->keeper_id ? s->keeper_name : "未指定");
    }
    return rc;
}

int
yc_svc_seal_create(struct yc_ctx *ctx, const struct yc_seal_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_seal s = {0};
    int rc = yc_svc_allow(ctx, YC_OP_SEAL_WRITE, err);

    s.name = in->name;
    s.code = in->code;
    s.status = "active";
    s.published_on = in->published_on;
    s.retired_on = YC_NO_DAY;
    if (rc == 0) {
        rc = check_code(in->code, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = seal_insert(ctx, &s, in, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = seal_json(&s);
    }
    return rc;
}

static int
seal_apply(struct yc_ctx *ctx, const struct yc_seal_input *in, struct yc_seal *s,
           struct yc_err *err)
{
    int rc = 0;

    if (in->name) {
        s->name = in->name;
    }
    if (in->keeper_id > 0) {
        rc = check_keeper(ctx, s, in->keeper_id, err);
    }
    if (in->keeper_id >= 0) {
        s->keeper_id = in->keeper_id;
    }
    if (in->published_on != YC_NO_DAY) {
        s->published_on = in->published_on;
    }
    if (rc == 0 && in->status) {
        if (strcmp(in->status, "retired") != 0 && strcmp(in->status, "active") != 0) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "status",
                           "印章状态 '%s' 无效，应为 active 或 retired", in->status);
        }
        if (strcmp(in->status, "active") == 0 && strcmp(s->status, "retired") == 0) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "status",
                           "印章「%s」已停用，不能重新启用；请登记新印章", s->name);
        }
        if (strcmp(in->status, "retired") == 0 && strcmp(s->status, "active") == 0) {
            s->status = "retired";
            s->retired_on = ctx->today;
        }
    }
    return rc;
}

int
yc_svc_seal_update(struct yc_ctx *ctx, int64_t id, const struct yc_seal_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_seal s;
    int rc = yc_svc_allow(ctx, YC_OP_SEAL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_seal(ctx, id, &s, err);
    if (rc == 0) {
        rc = yc_svc_own_department(ctx, s.department_id, s.department_name, "行政审批专用章", err);
    }
    if (rc == 0) {
        rc = seal_apply(ctx, in, &s, err);
    }
    if (rc == 0) {
        rc = yc_store_seal_update(ctx->db, &s, ctx->now_ms, err);
    }
    if (rc == 0) {
        rc = yc_store_seal_get(ctx->db, ctx->arena, id, &s, &(int){0}, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "seal.update", s.code, "修改印章「%s」（%s）：%s，保管人 %s",
                          s.name, s.code, strcmp(s.status, "active") == 0 ? "在用" : "已停用",
                          s.keeper_id ? s.keeper_name : "未指定");
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = seal_json(&s);
    }
    return rc;
}

int
yc_svc_seal_list(struct yc_ctx *ctx, int64_t department_id, json_t **out, struct yc_err *err)
{
    struct yc_seal *s;
    size_t n;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_store_seal_list(ctx->db, ctx->arena, department_id, &s, &n, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(*out, seal_json(&s[i]));
    }
    *out = json_pack("{s:o}", "seals", *out);
    return 0;
}
