/* users.c - administering staff accounts and listing departments. */
#include <string.h>

#include "base/str.h"
#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

json_t *
yc_roles_json(unsigned roles)
{
    json_t *a = json_array();

    for (size_t i = 0; i < yc_roles_count; i++) {
        if (roles & yc_roles[i].role) {
            json_array_append_new(a, json_string(yc_roles[i].name));
        }
    }
    return a;
}

json_t *
yc_user_json(const struct yc_user *u)
{
    json_t *dept = json_null();

    if (u->department_id) {
        dept = json_pack("{s:I, s:s}", "id", (json_int_t)u->department_id, "name",
                         u->department_name);
    }
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)u->id, "username",
                     u->username, "name", u->name, "roles", yc_roles_json(u->roles), "department",
                     dept, "disabled", u->disabled);
}

static int
check_username(const char *s, struct yc_err *err)
{
    size_t n = strlen(s);

    if (n < 3 || n > 32) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "username", "用户名长度应为 3–32 个字符");
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-')) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "username",
                           "用户名只能包含小写字母、数字和 _ . -");
        }
    }
    return 0;
}

static int
check_name(const char *name, struct yc_err *err)
{
    for (const char *p = name; *p; p++) {
        if (*p != ' ' && *p != '\t') {
            return 0;
        }
    }
    return yc_fail(err, YC_EUNPROC, "field_invalid", "name", "姓名不能为空白");
}

static int
parse_roles(const json_t *arr, unsigned *out, struct yc_err *err)
{
    size_t i;
    json_t *e;

    *out = 0;
    json_array_foreach(arr, i, e) {
        unsigned r = yc_role_by_name(json_string_value(e));
        if (!r) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "roles",
                           "未知角色 '%s'，应为 admin、supervisor、front_desk、guide、back_office、"
                           "dept_head 之一",
                           json_string_value(e));
        }
        *out |= r;
    }
    if (!*out) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "roles", "至少需要一个角色");
    }
    return 0;
}

static int
check_dept(struct yc_ctx *ctx, int64_t id, struct yc_user *u, struct yc_err *err)
{
    struct yc_dept d;
    int found = 0;
    int rc;

    if (id == 0) {
        u->department_id = 0;
        u->department_name = "";
        return 0;
    }
    rc = yc_store_dept_get(ctx->db, ctx->arena, id, &d, &found, err);
    if (rc) {
        return rc;
    }
    if (!found) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "department_id", "部门 %lld 不存在",
                       (long long)id);
    }
    u->department_id = d.id;
    u->department_name = d.name;
    return 0;
}

int
yc_svc_user_list(struct yc_ctx *ctx, struct yc_user **out, size_t *n, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_USER_LIST, err);
    size_t kept = 0;

    if (rc == 0) {
        rc = yc_store_user_list(ctx->db, ctx->arena, out, n, err);
    }
    if (rc || ctx->system || (ctx->user->roles & YC_ROLE_ADMIN)) {
        return rc;
    }
    /* a department head picks A/B posts, grantees and keepers among their own staff only */
    for (size_t i = 0; i < *n; i++) {
        if (ctx->user->department_id && (*out)[i].department_id == ctx->user->department_id) {
            (*out)[kept++] = (*out)[i];
        }
    }
    *n = kept;
    return 0;
}

int
yc_svc_dept_list(struct yc_ctx *ctx, struct yc_dept **out, size_t *n, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_DEPT_LIST, err);

    if (rc) {
        return rc;
    }
    return yc_store_dept_list(ctx->db, ctx->arena, out, n, err);
}

int
yc_svc_user_create(struct yc_ctx *ctx, const struct yc_user_input *in, struct yc_user *out,
                   struct yc_err *err)
{
    const char *hash;
    int rc = yc_svc_allow(ctx, YC_OP_USER_WRITE, err);

    memset(out, 0, sizeof(*out));
    if (rc == 0) {
        rc = check_username(in->username, err);
    }
    if (rc == 0) {
        rc = check_name(in->name, err);
    }
    if (rc == 0) {
        rc = yc_svc_check_password_rules(in->password, "password", err);
    }
    if (rc == 0) {
        rc = parse_roles(in->roles, &out->roles, err);
    }
    if (rc == 0) {
        rc = yc_svc_password_hash(ctx->arena, in->password, &hash, err);
    }
    if (rc) {
        return rc;
    }
    out->username = in->username;
    out->name = in->name;
    out->password_hash = hash;
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = check_dept(ctx, in->department_id > 0 ? in->department_id : 0, out, err);
    if (rc == 0) {
        rc = yc_store_user_insert(ctx->db, out, ctx->now_ms, &out->id, err);
        if (rc == YC_ECONFLICT) {
            rc = yc_fail(err, YC_ECONFLICT, "conflict", "username", "用户名 %s 已被使用",
                         in->username);
        }
    }
    if (rc == 0) {
        char roles[128] = "";
        for (size_t i = 0; i < yc_roles_count; i++) {
            if (out->roles & yc_roles[i].role) {
                size_t l = strlen(roles);
                snprintf(roles + l, sizeof(roles) - l, "%s%s", l ? "、" : "", yc_roles[i].zh);
            }
        }
        rc = yc_svc_audit(ctx, err, "user.create", out->username, "新增用户 %s（%s），角色：%s",
                          out->username, out->name, roles);
    }
    return yc_db_finish(ctx->db, rc, err);
}

int
yc_svc_user_update(struct yc_ctx *ctx, int64_t id, const struct yc_user_input *in,
                   struct yc_user *out, struct yc_err *err)
{
    const char *hash = NULL;
    int found = 0;
    int ends_sessions = 0;
    int rc = yc_svc_allow(ctx, YC_OP_USER_WRITE, err);

    if (rc == 0 && in->password) {
        rc = yc_svc_check_password_rules(in->password, "password", err);
        if (rc == 0) {
            rc = yc_svc_password_hash(ctx->arena, in->password, &hash, err);
        }
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_user_by_id(ctx->db, ctx->arena, id, out, &found, err);
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "用户 %lld 不存在", (long long)id);
    }
    if (rc == 0 && in->name) {
        rc = check_name(in->name, err);
        out->name = in->name;
    }
    if (rc == 0 && in->roles) {
        rc = parse_roles(in->roles, &out->roles, err);
    }
    if (rc == 0 && in->department_id >= 0) {
        rc = check_dept(ctx, in->department_id, out, err);
    }
    if (rc == 0 && in->disabled >= 0) {
        if (in->disabled && ctx->user && ctx->user->id == id) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "disabled", "不能停用自己的账户");
        }
        ends_sessions |= in->disabled && !out->disabled;
        out->disabled = in->disabled;
    }
    if (rc == 0) {
        rc = yc_store_user_update(ctx->db, out, ctx->now_ms, err);
    }
    if (rc == 0 && hash) {
        rc = yc_store_user_set_password(ctx->db, id, hash, ctx->now_ms, err);
        ends_sessions = 1;
    }
    if (rc == 0 && ends_sessions) {
        rc = yc_store_session_delete_user(ctx->db, id, "", err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "user.update", out->username,
                          "修改用户 %s：姓名 %s，部门 %s，%s%s", out->username, out->name,
                          out->department_id ? out->department_name : "无",
                          out->disabled ? "已停用" : "启用", hash ? "，重置密码" : "");
    }
    return yc_db_finish(ctx->db, rc, err);
}
