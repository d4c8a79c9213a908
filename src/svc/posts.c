/*
 * posts.c - back-office posts with A and B (互为AB岗): A and B belong to the post's department and
 * are two different people; leave of a person (dates) hands the posts where they are A over to B,
 * and every hand-over is recorded; "who acts for post P on day D".
 */
#include <string.h>

#include "base/date.h"
#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

static json_t *
post_json(const struct yc_post *p)
{
    return json_pack(
        "{s:I, s:{s:I, s:s}, s:s, s:o, s:b, s:{s:I, s:s, s:s}, s:{s:I, s:s, s:s}}", "id",
        (json_int_t)p->id, "department", "id", (json_int_t)p->department_id, "name",
        p->department_name, "name", p->name, "zone",
        p->zone_id ? json_pack("{s:I, s:s}", "id", (json_int_t)p->zone_id, "name", p->zone_name)
                   : json_null(),
        "resident", p->resident, "a", "id", (json_int_t)p->a_user_id, "username", p->a_username,
        "name", p->a_name, "b", "id", (json_int_t)p->b_user_id, "username", p->b_username, "name",
        p->b_name);
}

static int
need_post(struct yc_ctx *ctx, int64_t id, struct yc_post *p, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_post_get(ctx->db, ctx->arena, id, p, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "岗位 %lld 不存在", (long long)id);
    }
    return rc;
}

/* A or B of the post: an enabled back-office user (or head) of the post's department. */
static int
check_holder(struct yc_ctx *ctx, const struct yc_post *p, int64_t user_id, const char *field,
             const char *which, struct yc_err *err)
{
    struct yc_user u;
    int rc = yc_svc_need_user(ctx, user_id, field, &u, err);

    if (rc) {
        return rc;
    }
    if (u.department_id != p->department_id) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field,
                       "%s 岗 %s（%s）属于%s，不是岗位所在的%s", which, u.name, u.username,
                       u.department_id ? u.department_name : "无部门", p->department_name);
    }
    if (!(u.roles & (YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD))) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field,
                       "%s 岗 %s（%s）不是后台审批人员或分管领导", which, u.name, u.username);
    }
    return 0;
}

static int
post_apply(struct yc_ctx *ctx, const struct yc_post_input *in, struct yc_post *p,
           struct yc_err *err)
{
    int rc = 0;

    if (in->name) {
        p->name = in->name;
    }
    if (in->zone_id > 0) {
        struct yc_zone z;
        int found = 0;
        rc = yc_store_zone_get(ctx->db, ctx->arena, in->zone_id, &z, &found, err);
        if (rc == 0 && !found) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "zone_id", "区域 %lld 不存在",
                         (long long)in->zone_id);
        }
    }
    if (in->zone_id >= 0) {
        p->zone_id = in->zone_id;
    }
    if (in->resident >= 0) {
        p->resident = in->resident;
    }
    if (in->a_user_id) {
        p->a_user_id = in->a_user_id;
    }
    if (in->b_user_id) {
        p->b_user_id = in->b_user_id;
    }
    if (rc == 0 && p->a_user_id == p->b_user_id) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "b_user_id",
                       "B 岗不能与 A 岗是同一人（用户 %lld）", (long long)p->a_user_id);
    }
    if (rc == 0) {
        rc = check_holder(ctx, p, p->a_user_id, "a_user_id", "A", err);
    }
    if (rc == 0) {
        rc = check_holder(ctx, p, p->b_user_id, "b_user_id", "B", err);
    }
    return rc;
}

static int
post_write(struct yc_ctx *ctx, struct yc_post *p, int create, struct yc_err *err)
{
    int rc = create ? yc_store_post_insert(ctx->db, p, ctx->now_ms, &p->id, err)
                    : yc_store_post_update(ctx->db, p, ctx->now_ms, err);

    if (rc == YC_ECONFLICT) {
        return yc_fail(err, YC_ECONFLICT, "conflict", "name", "%s已有名为「%s」的岗位",
                       p->department_name, p->name);
    }
    if (rc == 0) {
        rc = yc_store_post_get(ctx->db, ctx->arena, p->id, p, &(int){0}, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, create ? "post.create" : "post.update", p->name,
                          "%s%s岗位「%s」：A 岗 %s，B 岗 %s，%s", create ? "新增" : "修改",
                          p->department_name, p->name, p->a_name, p->b_name,
                          p->resident ? "常驻" : "非常驻");
    }
    return rc;
}

int
yc_svc_post_create(struct yc_ctx *ctx, const struct yc_post_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_post p = {0};
    struct yc_dept d;
    int rc = yc_svc_allow(ctx, YC_OP_POST_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_svc_need_dept(ctx, in->department_id, "department_id", &d, err);
    if (rc == 0) {
        rc = yc_svc_own_department(ctx, d.id, d.name, "岗位", err);
    }
    if (rc == 0) {
        p.department_id = d.id;
        p.department_name = d.name;
        p.resident = 1;
        rc = post_apply(ctx, in, &p, err);
    }
    if (rc == 0) {
        rc = post_write(ctx, &p, 1, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = post_json(&p);
    }
    return rc;
}

int
yc_svc_post_update(struct yc_ctx *ctx, int64_t id, const struct yc_post_input *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_post p;
    int rc = yc_svc_allow(ctx, YC_OP_POST_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_post(ctx, id, &p, err);
    if (rc == 0) {
        rc = yc_svc_own_department(ctx, p.department_id, p.department_name, "岗位", err);
    }
    if (rc == 0) {
        rc = post_apply(ctx, in, &p, err);
    }
    if (rc == 0) {
        rc = post_write(ctx, &p, 0, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = post_json(&p);
    }
    return rc;
}

int
yc_svc_post_list(struct yc_ctx *ctx, int64_t department_id, json_t **out, struct yc_err *err)
{
    struct yc_post *p;
    size_t n;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_store_post_list(ctx->db, ctx->arena, department_id, &p, &n, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(*out, post_json(&p[i]));
    }
    *out = json_pack("{s:o}", "posts", *out);
    return 0;
}

/* ---- who acts ---- */

static int
acting(struct yc_ctx *ctx, int64_t post_id, int32_t day, struct yc_post *p, enum yc_acting *who,
       struct yc_leave *a_leave, int *a_absent, struct yc_err *err)
{
    struct yc_leave b_leave;
    int b_absent = 0;
    int rc = need_post(ctx, post_id, p, err);

    *a_absent = 0;
    if (rc == 0) {
        rc = yc_store_leave_on_day(ctx->db, ctx->arena, p->a_user_id, day, a_leave, a_absent, err);
    }
    if (rc == 0 && *a_absent) {
        rc =
            yc_store_leave_on_day(ctx->db, ctx->arena, p->b_user_id, day, &b_leave, &b_absent, err);
    }
    if (rc == 0) {
        *who = yc_post_acting(*a_absent, b_absent);
    }
    return rc;
}

int
yc_svc_post_acting(struct yc_ctx *ctx, int64_t post_id, int32_t day, struct yc_post *post,
                   enum yc_acting *who, struct yc_err *err)
{
    struct yc_leave l;
    int absent;

    return acting(ctx, post_id, day, post, who, &l, &absent, err);
}

int
yc_svc_post_acting_json(struct yc_ctx *ctx, int64_t post_id, int32_t day, json_t **out,
                        struct yc_err *err)
{
    static const char *const as[] = {"A", "B", NULL};
    struct yc_post p;
    struct yc_leave l;
    enum yc_acting who;
    int absent;
    char d[11], f[11], t[11];
    const char *reason;
    json_t *user = json_null();
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = acting(ctx, post_id, day, &p, &who, &l, &absent, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    if (absent) {
        yc_date_format(l.from_day, f);
        yc_date_format(l.to_day, t);
    }
    if (who == YC_ACTING_A) {
        user = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)p.a_user_id, "username", p.a_username,
                         "name", p.a_name);
        reason = yc_arena_printf(ctx->arena, "A 岗 %s 在岗", p.a_name);
    } else if (who == YC_ACTING_B) {
        user = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)p.b_user_id, "username", p.b_username,
                         "name", p.b_name);
        reason = yc_arena_printf(ctx->arena, "A 岗 %s 休假（%s 至 %s，%s），由 B 岗 %s 代理",
                                 p.a_name, f, t, l.reason, p.b_name);
    } else {
        reason =
            yc_arena_printf(ctx->arena, "A 岗 %s 与 B 岗 %s 均休假，岗位无人", p.a_name, p.b_name);
    }
    *out = json_pack("{s:o, s:s, s:o, s:o, s:s}", "post", post_json(&p), "date", d, "acting", user,
                     "as", as[who] ? json_string(as[who]) : json_null(), "reason", reason);
    return 0;
}

/* ---- leave and hand-overs ---- */

int
yc_svc_handover_record(struct yc_ctx *ctx, const struct yc_handover *h, struct yc_err *err)
{
    struct yc_handover x = *h;
    int64_t id;

    x.at = ctx->now_ms;
    x.actor = yc_svc_actor(ctx);
    if (!x.case_ref) {
        x.case_ref = "";
    }
    return yc_store_handover_insert(ctx->db, &x, &id, err);
}

static json_t *
leave_json(const struct yc_leave *l)
{
    char f[11], t[11];

    yc_date_format(l->from_day, f);
    yc_date_format(l->to_day, t);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "user_id",
                     (json_int_t)l->user_id, "name", l->user_name, "from", f, "to", t, "reason",
                     l->reason);
}

/* Refuse leave overlapping another of the same person, naming it. */
static int
check_leave_overlap(struct yc_ctx *ctx, const struct yc_leave *l, struct yc_err *err)
{
    struct yc_leave *all;
    size_t n;
    int rc = yc_store_leave_list(ctx->db, ctx->arena, l->user_id, &all, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (yc_days_overlap(all[i].from_day, all[i].to_day, l->from_day, l->to_day)) {
            char f[11], t[11];
            yc_date_format(all[i].from_day, f);
            yc_date_format(all[i].to_day, t);
            rc = yc_fail(err, YC_ECONFLICT, "conflict", "from",
                         "%s 在 %s 至 %s 已有休假（%s），请假日期不能重叠", all[i].user_name, f, t,
                         all[i].reason);
        }
    }
    return rc;
}

/* Hand each post where the person is A over to its B for the leave. */
static int
leave_handovers(struct yc_ctx *ctx, const struct yc_leave *l, int *count, struct yc_err *err)
{
    struct yc_post *p;
    size_t n;
    int rc = yc_store_posts_of_a(ctx->db, ctx->arena, l->user_id, &p, &n, err);

    *count = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct yc_handover h = {0};
        h.post_id = p[i].id;
        h.from_user_id = p[i].a_user_id;
        h.to_user_id = p[i].b_user_id;
        h.kind = "leave";
        h.from_day = l->from_day;
        h.to_day = l->to_day;
        h.reason = l->reason;
        rc = yc_svc_handover_record(ctx, &h, err);
        (*count)++;
    }
    return rc;
}

int
yc_svc_leave_create(struct yc_ctx *ctx, int64_t user_id, int32_t from, int32_t to,
                    const char *reason, json_t **out, struct yc_err *err)
{
    struct yc_user u;
    struct yc_leave l = {0};
    char f[11], t[11];
    int handed = 0;
    int rc = yc_svc_allow(ctx, YC_OP_POST_WRITE, err);

    yc_date_format(from, f);
    yc_date_format(to, t);
    if (rc == 0 && to < from) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "to", "结束日期 %s 早于开始日期 %s", t, f);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_svc_need_user(ctx, user_id, "user_id", &u, err);
    if (rc == 0) {
        rc = yc_svc_own_department(ctx, u.department_id, u.department_name, "人员休假", err);
    }
    if (rc == 0) {
        rc = yc_store_hall_lock_user(ctx->db, u.id, err); /* the overlap check below stays true */
    }
    if (rc == 0) {
        l.user_id = u.id;
        l.user_name = u.name;
        l.from_day = from;
        l.to_day = to;
        l.reason = reason;
        rc = check_leave_overlap(ctx, &l, err);
    }
    if (rc == 0) {
        rc = yc_store_leave_insert(ctx->db, &l, ctx->now_ms, yc_svc_actor(ctx), &l.id, err);
    }
    if (rc == 0) {
        rc = leave_handovers(ctx, &l, &handed, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "leave.create", u.username,
                          "%s 休假 %s 至 %s（%s），%d 个岗位交由 B 岗", u.name, f, t, reason,
                          handed);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = leave_json(&l);
        json_object_set_new(*out, "handovers", json_integer(handed));
    }
    return rc;
}

int
yc_svc_leave_list(struct yc_ctx *ctx, int64_t user_id, json_t **out, struct yc_err *err)
{
    struct yc_leave *l;
    size_t n;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_store_leave_list(ctx->db, ctx->arena, user_id, &l, &n, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(*out, leave_json(&l[i]));
    }
    *out = json_pack("{s:o}", "leaves", *out);
    return 0;
}

int
yc_svc_post_handovers(struct yc_ctx *ctx, int64_t post_id, json_t **out, struct yc_err *err)
{
    struct yc_post p;
    struct yc_handover *h;
    size_t n;
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = need_post(ctx, post_id, &p, err);
    }
    if (rc == 0) {
        rc = yc_store_handover_list(ctx->db, ctx->arena, post_id, &h, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char f[11], t[11];
        yc_date_format(h[i].from_day, f);
        yc_date_format(h[i].to_day, t);
        json_array_append_new(
            arr, json_pack("{s:I, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                           (json_int_t)h[i].id, "from_user", "id", (json_int_t)h[i].from_user_id,
                           "name", h[i].from_name, "to_user", "id", (json_int_t)h[i].to_user_id,
                           "name", h[i].to_name, "kind", h[i].kind, "from", f, "to", t, "case_ref",
                           h[i].case_ref, "reason", h[i].reason, "actor", h[i].actor));
    }
    *out = json_pack("{s:o, s:o}", "post", post_json(&p), "handovers", arr);
    return 0;
}
