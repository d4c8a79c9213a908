/*
 * hall.c - the hall: floors, zones, windows, what each window serves, and who sits at each window
 * (front-desk duty); plus the checks every part of the hall shares (hall.h).
 */
#include <string.h>

#include "base/date.h"
#include "base/str.h"
#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

/* ---- shared checks ---- */

int
yc_svc_own_department(const struct yc_ctx *ctx, int64_t department_id, const char *department_name,
                      const char *what, struct yc_err *err)
{
    if (ctx->system || (ctx->user && (ctx->user->roles & YC_ROLE_ADMIN))) {
        return 0;
    }
    if (ctx->user && ctx->user->department_id == department_id) {
        return 0;
    }
    return yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL,
                   "您只能管理本部门（%s）的%s，不能管理%s的",
                   ctx->user && ctx->user->department_id ? ctx->user->department_name : "无部门",
                   what, department_name);
}

int
yc_svc_need_dept(struct yc_ctx *ctx, int64_t id, const char *field, struct yc_dept *out,
                 struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_dept_get(ctx->db, ctx->arena, id, out, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", field, "部门 %lld 不存在", (long long)id);
    }
    return rc;
}

int
yc_svc_need_user(struct yc_ctx *ctx, int64_t id, const char *field, struct yc_user *out,
                 struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_user_by_id(ctx->db, ctx->arena, id, out, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", field, "用户 %lld 不存在", (long long)id);
    }
    if (rc == 0 && out->disabled) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", field, "用户 %s（%s）已停用", out->username,
                     out->name);
    }
    return rc;
}

int
yc_svc_need_matter(struct yc_ctx *ctx, const char *code, const char *field,
                   struct yc_matter_ref *out, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_mref_by_code(ctx->db, ctx->arena, code, out, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", field, "事项编码 %s 不存在", code);
    }
    return rc;
}

int
yc_svc_parse_day(const char *s, const char *field, int32_t *out, struct yc_err *err)
{
    if (!s || yc_date_parse(s, strlen(s), out) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field,
                       "字段 %s 应为有效日期 YYYY-MM-DD（1900–2199 年）", field);
    }
    return 0;
}

/* window classes as matters.window_class spells them, with the Chinese the plan uses */
static const struct {
    const char *name;
    const char *zh;
    const char *alias;
} classes[] = {
    {"undifferentiated", "无差别", "无差别综合窗口"},
    {"domain", "分领域", "分领域综合窗口"},
    {"convenience", "便民", "便民服务窗口"},
    {"enterprise", "专厅", "企业服务专厅"},
    {"department", "部门", "部门窗口"},
    {"virtual", "虚拟窗口", "虚拟"}, /* zones only */
};

static const char *
class_lookup(const char *s, int zone)
{
    size_t n = sizeof(classes) / sizeof(classes[0]) - (zone ? 0 : 1);

    for (size_t i = 0; s && i < n; i++) {
        if (strcmp(s, classes[i].name) == 0 || strcmp(s, classes[i].zh) == 0 ||
            strcmp(s, classes[i].alias) == 0) {
            return classes[i].name;
        }
    }
    return NULL;
}

const char *
yc_window_class_name(const char *s)
{
    return class_lookup(s, 0);
}

const char *
yc_window_class_zh(const char *name)
{
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        if (strcmp(name, classes[i].name) == 0) {
            return classes[i].zh;
        }
    }
    return "";
}

/* ---- JSON views ---- */

static json_t *
zone_json(const struct yc_zone *z)
{
    return json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)z->id, "floor_id",
                     (json_int_t)z->floor_id, "floor", z->floor_number, "name", z->name, "kind",
                     z->kind, "kind_zh", yc_window_class_zh(z->kind), "prefix", z->prefix);
}

static json_t *
window_json(const struct yc_window *w)
{
    json_t *dept = json_null();

    if (w->department_id) {
        dept =
            json_pack("{s:I, s:s}", "id", (json_int_t)w->department_id, "name", w->department_name);
    }
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:b}", "id",
                     (json_int_t)w->id, "number", w->number, "zone_id", (json_int_t)w->zone_id,
                     "zone", w->zone_name, "prefix", w->zone_prefix, "window_class",
                     w->window_class, "window_class_zh", yc_window_class_zh(w->window_class),
                     "unit", w->unit, "department", dept, "new_entrant", w->new_entrant, "active",
                     w->active);
}

/* The window's evaluation tablet in use, or null (never the key). */
static json_t *
tablet_of(const struct yc_tablet *t, size_t n, int64_t window_id)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].window_id == window_id) {
            return yc_svc_tablet_json(&t[i]);
        }
    }
    return json_null();
}

int
yc_svc_hall_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_floor *f;
    struct yc_zone *z;
    struct yc_window *w;
    struct yc_tablet *t;
    size_t nf, nz, nw, nt;
    json_t *floors;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_store_floor_list(ctx->db, ctx->arena, &f, &nf, err);
    }
    if (rc == 0) {
        rc = yc_store_zone_list(ctx->db, ctx->arena, &z, &nz, err);
    }
    if (rc == 0) {
        rc = yc_store_window_list(ctx->db, ctx->arena, &w, &nw, err);
    }
    if (rc == 0) {
        rc = yc_store_tablets_in_use(ctx->db, ctx->arena, &t, &nt, err);
    }
    if (rc) {
        return rc;
    }
    floors = json_array();
    for (size_t i = 0; i < nf; i++) {
        json_t *zones = json_array();
        for (size_t j = 0; j < nz; j++) {
            json_t *zj, *wins;
            if (z[j].floor_id != f[i].id) {
                continue;
            }
            zj = zone_json(&z[j]);
            wins = json_array();
            for (size_t k = 0; k < nw; k++) {
                if (w[k].zone_id == z[j].id) {
                    json_t *wj = window_json(&w[k]);
                    json_object_set_new(wj, "tablet", tablet_of(t, nt, w[k].id));
                    json_array_append_new(wins, wj);
                }
            }
            json_object_set_new(zj, "windows", wins);
            json_array_append_new(zones, zj);
        }
        json_array_append_new(floors,
                              json_pack("{s:I, s:i, s:s, s:o}", "id", (json_int_t)f[i].id, "number",
                                        f[i].number, "name", f[i].name, "zones", zones));
    }
    *out = json_pack("{s:o, s:I}", "floors", floors, "windows", (json_int_t)nw);
    return 0;
}

int
yc_svc_floor_create(struct yc_ctx *ctx, int number, const char *name, json_t **out,
                    struct yc_err *err)
{
    int64_t id;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_floor_insert(ctx->db, number, name, &id, err);
    if (rc == YC_ECONFLICT) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", "number", "%d 楼已存在", number);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.floor.create", name, "新增楼层 %d（%s）", number, name);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = json_pack("{s:I, s:i, s:s}", "id", (json_int_t)id, "number", number, "name", name);
    }
    return rc;
}

/* ---- zones ---- */

static int
check_prefix(const char *p, struct yc_err *err)
{
    if (strlen(p) != 1 || p[0] < 'A' || p[0] > 'Z') {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "prefix",
                       "排队号前缀应为一个大写字母 A–Z，收到 '%s'", p);
    }
    return 0;
}

static int
need_floor(struct yc_ctx *ctx, int64_t id, struct yc_err *err)
{
    struct yc_floor f;
    int found = 0;
    int rc = yc_store_floor_get(ctx->db, ctx->arena, id, &f, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "floor_id", "楼层 %lld 不存在",
                     (long long)id);
    }
    return rc;
}

static int
need_zone(struct yc_ctx *ctx, int64_t id, const char *field, struct yc_zone *z, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_zone_get(ctx->db, ctx->arena, id, z, &found, err);

    if (rc == 0 && !found) {
        rc = field
                 ? yc_fail(err, YC_EUNPROC, "field_invalid", field, "区域 %lld 不存在",
                           (long long)id)
                 : yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "区域 %lld 不存在", (long long)id);
    }
    return rc;
}

/* Apply the input to z and check it (inside the transaction). */
static int
zone_apply(struct yc_ctx *ctx, const struct yc_zone_input *in, struct yc_zone *z,
           struct yc_err *err)
{
    int rc = 0;

    if (in->floor_id) {
        z->floor_id = in->floor_id;
        rc = need_floor(ctx, in->floor_id, err);
    }
    if (rc == 0 && in->name) {
        z->name = in->name;
    }
    if (rc == 0 && in->kind) {
        z->kind = class_lookup(in->kind, 1);
        if (!z->kind) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "kind",
                         "区域类型 '%s' 无效，应为 undifferentiated、domain、convenience、"
                         "enterprise、department、virtual 之一（或 无差别、分领域、便民、专厅、"
                         "部门、虚拟窗口）",
                         in->kind);
        }
    }
    if (rc == 0 && in->prefix) {
        z->prefix = in->prefix;
        rc = check_prefix(in->prefix, err);
    }
    return rc;
}

static int
zone_conflict(int rc, const struct yc_zone *z, struct yc_err *err)
{
    if (rc == YC_ECONFLICT) {
        return yc_fail(err, YC_ECONFLICT, "conflict", NULL,
                       "区域名称「%s」或排队号前缀 %s 已被其他区域使用", z->name, z->prefix);
    }
    return rc;
}

int
yc_svc_zone_create(struct yc_ctx *ctx, const struct yc_zone_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_zone z = {0};
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = zone_apply(ctx, in, &z, err);
    if (rc == 0) {
        rc = zone_conflict(yc_store_zone_insert(ctx->db, &z, &z.id, err), &z, err);
    }
    if (rc == 0) {
        rc = yc_store_zone_get(ctx->db, ctx->arena, z.id, &z, &(int){0}, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.zone.create", z.name,
                          "新增区域「%s」（%d 楼，%s，前缀 %s）", z.name, z.floor_number,
                          yc_window_class_zh(z.kind), z.prefix);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = zone_json(&z);
    }
    return rc;
}

int
yc_svc_zone_update(struct yc_ctx *ctx, int64_t id, const struct yc_zone_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_zone z;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_zone(ctx, id, NULL, &z, err);
    if (rc == 0) {
        rc = zone_apply(ctx, in, &z, err);
    }
    if (rc == 0) {
        rc = zone_conflict(yc_store_zone_update(ctx->db, &z, err), &z, err);
    }
    if (rc == 0) {
        rc = yc_store_zone_get(ctx->db, ctx->arena, z.id, &z, &(int){0}, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.zone.update", z.name,
                          "修改区域「%s」（%d 楼，%s，前缀 %s）", z.name, z.floor_number,
                          yc_window_class_zh(z.kind), z.prefix);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = zone_json(&z);
    }
    return rc;
}

/* ---- windows ---- */

static int
need_window(struct yc_ctx *ctx, int64_t id, struct yc_window *w, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_window_get(ctx->db, ctx->arena, id, w, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "窗口 %lld 不存在", (long long)id);
    }
    return rc;
}

static int
window_apply(struct yc_ctx *ctx, const struct yc_window_input *in, struct yc_window *w,
             struct yc_err *err)
{
    struct yc_zone z;
    struct yc_dept d;
    int rc = 0;

    if (in->number) {
        w->number = in->number;
    }
    if (in->zone_id) {
        w->zone_id = in->zone_id;
        rc = need_zone(ctx, in->zone_id, "zone_id", &z, err);
        if (rc == 0 && !w->window_class) {
            w->window_class = strcmp(z.kind, "virtual") == 0 ? "undifferentiated" : z.kind;
        }
    }
    if (rc == 0 && in->window_class) {
        w->window_class = yc_window_class_name(in->window_class);
        if (!w->window_class) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "window_class",
                         "窗口类别 '%s' 无效，应为 undifferentiated、domain、convenience、"
                         "enterprise、department 之一（或 无差别、分领域、便民、专厅、部门）",
                         in->window_class);
        }
    }
    if (rc == 0 && in->unit) {
        w->unit = in->unit;
    }
    if (rc == 0 && in->department_id >= 0) {
        w->department_id = in->department_id;
        if (in->department_id > 0) {
            rc = yc_svc_need_dept(ctx, in->department_id, "department_id", &d, err);
        }
    }
    if (in->new_entrant >= 0) {
        w->new_entrant = in->new_entrant;
    }
    if (in->active >= 0) {
        w->active = in->active;
    }
    return rc;
}

static int
window_write(struct yc_ctx *ctx, struct yc_window *w, int create, struct yc_err *err)
{
    int rc = create ? yc_store_window_insert(ctx->db, w, &w->id, err)
                    : yc_store_window_update(ctx->db, w, err);

    if (rc == YC_ECONFLICT) {
        return yc_fail(err, YC_ECONFLICT, "conflict", "number", "窗口号 %s 已存在", w->number);
    }
    if (rc == 0) {
        rc = yc_store_window_get(ctx->db, ctx->arena, w->id, w, &(int){0}, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, create ? "hall.window.create" : "hall.window.update", w->number,
                          "%s窗口 %s（%s，%s%s%s%s）", create ? "新增" : "修改", w->number,
                          w->zone_name, yc_window_class_zh(w->window_class), *w->unit ? "，" : "",
                          w->unit, w->active ? "" : "，停用");
    }
    return rc;
}

int
yc_svc_window_create(struct yc_ctx *ctx, const struct yc_window_input *in, json_t **out,
                     struct yc_err *err)
{
    struct yc_window w = {0};
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    w.unit = "";
    w.active = 1;
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = window_apply(ctx, in, &w, err);
    if (rc == 0) {
        rc = window_write(ctx, &w, 1, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = window_json(&w);
    }
    return rc;
}

int
yc_svc_window_update(struct yc_ctx *ctx, int64_t id, const struct yc_window_input *in, json_t **out,
                     struct yc_err *err)
{
    struct yc_window w;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_window(ctx, id, &w, err);
    if (rc == 0) {
        rc = window_apply(ctx, in, &w, err);
    }
    if (rc == 0) {
        rc = window_write(ctx, &w, 0, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = window_json(&w);
    }
    return rc;
}

static json_t *
refs_json(const struct yc_ref *r, size_t n, const char *code_key)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)r[i].id, code_key,
                                           r[i].code, "name", r[i].name));
    }
    return a;
}

/* The window with what it serves (read inside or outside a transaction). */
static int
window_full(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_window w;
    struct yc_ref *m, *z;
    struct yc_tablet t = {0};
    size_t nm, nz;
    int tablet = 0;
    int rc = need_window(ctx, id, &w, err);

    if (rc == 0) {
        rc = yc_store_window_serves_get(ctx->db, ctx->arena, id, &m, &nm, &z, &nz, err);
    }
    if (rc == 0) {
        rc = yc_store_tablet_of_window(ctx->db, ctx->arena, id, &t, &tablet, err);
    }
    if (rc == 0) {
        *out = window_json(&w);
        json_object_set_new(*out, "matters", refs_json(m, nm, "code"));
        json_object_set_new(*out, "zones", refs_json(z, nz, "prefix"));
        json_object_set_new(*out, "tablet", tablet ? yc_svc_tablet_json(&t) : json_null());
    }
    return rc;
}

int
yc_svc_window_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc) {
        return rc;
    }
    return window_full(ctx, id, out, err);
}

/* Resolve matter codes and zone prefixes into ids (arena arrays). */
static int
serves_ids(struct yc_ctx *ctx, const json_t *matters, const json_t *zones, int64_t **mids,
           size_t *nm, int64_t **zids, size_t *nz, struct yc_err *err)
{
    size_t i;
    json_t *e;
    int rc = 0;

    *nm = matters ? json_array_size(matters) : 0;
    *nz = zones ? json_array_size(zones) : 0;
    *mids = yc_arena_alloc(ctx->arena, (*nm + 1) * sizeof(int64_t));
    *zids = yc_arena_alloc(ctx->arena, (*nz + 1) * sizeof(int64_t));
    json_array_foreach(matters, i, e)
    {
        struct yc_matter_ref m;
        rc = yc_svc_need_matter(ctx, json_string_value(e), "matters", &m, err);
        if (rc) {
            return rc;
        }
        (*mids)[i] = m.id;
    }
    json_array_foreach(zones, i, e)
    {
        int found = 0;
        rc = yc_store_zone_by_prefix(ctx->db, json_string_value(e), &(*zids)[i], &found, err);
        if (rc == 0 && !found) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "zones", "没有排队号前缀为 %s 的区域",
                         json_string_value(e));
        }
        if (rc) {
            return rc;
        }
    }
    return 0;
}

int
yc_svc_window_serves(struct yc_ctx *ctx, int64_t id, const json_t *matters, const json_t *zones,
                     json_t **out, struct yc_err *err)
{
    struct yc_window w;
    int64_t *mids, *zids;
    size_t nm, nz;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_window(ctx, id, &w, err);
    if (rc == 0) {
        rc = serves_ids(ctx, matters, zones, &mids, &nm, &zids, &nz, err);
    }
    if (rc == 0) {
        rc = yc_store_window_serves_set(ctx->db, id, mids, nm, zids, nz, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.window.serves", w.number,
                          "窗口 %s 服务范围：%zu 个事项，%zu 个区域的排队号", w.number, nm, nz);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = window_full(ctx, id, out, err);
    }
    return rc;
}

/* ---- front-desk duty ---- */

int
yc_svc_duty_assign(struct yc_ctx *ctx, int64_t window_id, int64_t user_id, int32_t day,
                   json_t **out, struct yc_err *err)
{
    struct yc_window w = {0};
    struct yc_user u = {0};
    const char *other = NULL;
    char dtext[11] = "长期";
    int rc = yc_svc_allow(ctx, YC_OP_POST_WRITE, err);

    if (rc) {
        return rc;
    }
    if (day != YC_NO_DAY) {
        yc_date_format(day, dtext);
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_window(ctx, window_id, &w, err);
    if (rc == 0) {
        rc = yc_svc_need_user(ctx, user_id, "user_id", &u, err);
    }
    /* a department head staffs only their department's windows with their own staff */
    if (rc == 0 && !(ctx->system || (ctx->user->roles & YC_ROLE_ADMIN))) {
        rc = yc_svc_own_department(ctx, w.department_id,
                                   w.department_id ? w.department_name : "政务服务中心", "窗口",
                                   err);
        if (rc == 0) {
            rc = yc_svc_own_department(ctx, u.department_id, u.department_name, "工作人员", err);
        }
    }
    if (rc == 0 && !(u.roles & (YC_ROLE_FRONT_DESK | YC_ROLE_GUIDE))) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "user_id",
                     "用户 %s（%s）不是前台受理或咨询导办人员，不能安排到窗口", u.username, u.name);
    }
    if (rc == 0 && !w.active) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "window", "窗口 %s 已停用", w.number);
    }
    if (rc == 0) {
        rc = yc_store_duty_other_window(ctx->db, ctx->arena, user_id, day, window_id, &other, err);
    }
    if (rc == 0 && other) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", "user_id", "%s（%s）已安排在窗口 %s", u.name,
                     dtext, other);
    }
    if (rc == 0) {
        rc = yc_store_duty_put(ctx->db, window_id, user_id, day, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.duty.assign", w.number, "窗口 %s 安排 %s（%s）：%s",
                          w.number, u.name, u.username, dtext);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = json_pack("{s:s, s:{s:I, s:s, s:s}, s:o}", "window", w.number, "user", "id",
                         (json_int_t)u.id, "username", u.username, "name", u.name, "date",
                         day == YC_NO_DAY ? json_null() : json_string(dtext));
    }
    return rc;
}

int
yc_svc_duty_remove(struct yc_ctx *ctx, int64_t window_id, int32_t day, struct yc_err *err)
{
    struct yc_window w;
    int64_t changes = 0;
    char dtext[11] = "长期";
    int rc = yc_svc_allow(ctx, YC_OP_POST_WRITE, err);

    if (rc) {
        return rc;
    }
    if (day != YC_NO_DAY) {
        yc_date_format(day, dtext);
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_window(ctx, window_id, &w, err);
    if (rc == 0 && !(ctx->system || (ctx->user->roles & YC_ROLE_ADMIN))) {
        rc = yc_svc_own_department(ctx, w.department_id,
                                   w.department_id ? w.department_name : "政务服务中心", "窗口",
                                   err);
    }
    if (rc == 0) {
        rc = yc_store_duty_delete(ctx->db, window_id, day, &changes, err);
    }
    if (rc == 0 && changes == 0) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "窗口 %s 没有 %s 的人员安排", w.number,
                     dtext);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "hall.duty.remove", w.number, "窗口 %s 取消人员安排：%s",
                          w.number, dtext);
    }
    return yc_db_finish(ctx->db, rc, err);
}

/* The duty row that holds for window w on the day: the dated one, else the standing one unless
 * its person sits elsewhere that day. */
static const struct yc_duty *
duty_of(const struct yc_duty *d, size_t n, int64_t window_id)
{
    const struct yc_duty *standing = NULL;

    for (size_t i = 0; i < n; i++) {
        if (d[i].window_id != window_id) {
            continue;
        }
        if (d[i].day != YC_NO_DAY) {
            return &d[i];
        }
        standing = &d[i];
    }
    for (size_t i = 0; standing && i < n; i++) {
        if (d[i].user_id == standing->user_id && d[i].day != YC_NO_DAY) {
            return NULL; /* moved to another window for the day */
        }
    }
    return standing;
}

int
yc_svc_duty_day(struct yc_ctx *ctx, int32_t day, json_t **out, struct yc_err *err)
{
    struct yc_window *w;
    struct yc_duty *d;
    size_t nw, nd;
    char dtext[11];
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_store_window_list(ctx->db, ctx->arena, &w, &nw, err);
    }
    if (rc == 0) {
        rc = yc_store_duty_for_day(ctx->db, ctx->arena, day, &d, &nd, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < nw; i++) {
        const struct yc_duty *x = duty_of(d, nd, w[i].id);
        json_t *user = json_null();
        if (x) {
            user = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)x->user_id, "username",
                             x->username, "name", x->user_name, "standing", x->day == YC_NO_DAY);
        }
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b, s:o}", "id", (json_int_t)w[i].id,
                                             "number", w[i].number, "zone", w[i].zone_name,
                                             "active", w[i].active, "user", user));
    }
    yc_date_format(day, dtext);
    *out = json_pack("{s:s, s:o}", "date", dtext, "windows", arr);
    return 0;
}
