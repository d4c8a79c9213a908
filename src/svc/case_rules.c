/*
 * case_rules.c - the rules of a case beyond its transition table (docs/cases.md): joint approval
 * (联合审批) split into department tasks and their opinions, the decision held until every task
 * is done, the matters handled jointly, 容缺 materials received at the window, the case policy
 * (settings), and the scheduled scan's rules: the AB post rule (B told when A has not acted), the
 * explanation of a missed promise (说明函) with a new date, and the termination of a 容缺 case
 * whose commitment was not kept.
 *
 * Every write is one transaction with its timeline event and audit entry. The scan's writes are
 * conditional updates (on the row version, or on "nobody told yet"), so a rule applies once even
 * when several serve processes scan one database at the same time.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "base/log.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/roles.h"
#include "svc/case_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define DAY_MS (24LL * 3600 * 1000)
#define POLICY_KEY "case_policy"
#define TASK_MAX_DAYS 45

/* ---- the policy ---- */

static const struct yc_case_policy policy_defaults = {
    .ab_idle_days = 2,
    .explain_days = 5,
    .task_days = 10,
};

static const struct {
    const char *key;
    size_t off;
    int min;
    int max;
    const char *zh;
} policy_fields[] = {
    {"ab_idle_days", offsetof(struct yc_case_policy, ab_idle_days), 1, 20,
     "A 岗未处理即提醒 B 岗的工作日数"},
    {"explain_days", offsetof(struct yc_case_policy, explain_days), 1, 30,
     "未按承诺时限办结时新日期顺延的工作日数"},
    {"task_days", offsetof(struct yc_case_policy, task_days), 1, TASK_MAX_DAYS,
     "联合审批各部门的会办期限（工作日）"},
};
#define NPOLICY (sizeof(policy_fields) / sizeof(policy_fields[0]))

static int *
policy_int(struct yc_case_policy *p, size_t i)
{
    return (int *)(void *)((char *)p + policy_fields[i].off);
}

static json_t *
policy_json(struct yc_case_policy *p)
{
    json_t *o = json_object();

    for (size_t i = 0; i < NPOLICY; i++) {
        json_object_set_new(o, policy_fields[i].key, json_integer(*policy_int(p, i)));
    }
    return o;
}

int
yc_case_policy_load(struct yc_ctx *ctx, struct yc_case_policy *out, struct yc_err *err)
{
    const char *v = NULL;
    json_t *o = NULL;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, POLICY_KEY, &v, err);

    *out = policy_defaults;
    if (rc || !v) {
        return rc;
    }
    o = json_loads(v, 0, NULL);
    for (size_t i = 0; i < NPOLICY; i++) {
        const json_t *x = json_object_get(o, policy_fields[i].key);
        if (json_is_integer(x) && json_integer_value(x) >= policy_fields[i].min &&
            json_integer_value(x) <= policy_fields[i].max) {
            *policy_int(out, i) = (int)json_integer_value(x);
        }
    }
    json_decref(o);
    return 0;
}

int
yc_svc_case_policy_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_case_policy p;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_READ, err);

    if (rc == 0) {
        rc = yc_case_policy_load(ctx, &p, err);
    }
    if (rc == 0) {
        *out = policy_json(&p);
    }
    return rc;
}

int
yc_svc_case_policy_put(struct yc_ctx *ctx, const json_t *body, json_t **out, struct yc_err *err)
{
    struct yc_case_policy p;
    json_t *stored = NULL;
    char *text = NULL;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_POLICY, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_case_policy_load(ctx, &p, err);
    for (size_t i = 0; rc == 0 && i < NPOLICY; i++) {
        const json_t *x = json_object_get(body, policy_fields[i].key);
        if (!x) {
            continue;
        }
        if (!json_is_integer(x) || json_integer_value(x) < policy_fields[i].min ||
            json_integer_value(x) > policy_fields[i].max) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", policy_fields[i].key,
                         "%s应为 %d 至 %d 之间的整数", policy_fields[i].zh, policy_fields[i].min,
                         policy_fields[i].max);
        } else {
            *policy_int(&p, i) = (int)json_integer_value(x);
        }
    }
    if (rc == 0) {
        stored = policy_json(&p);
        text = yc_json_dump(stored, NULL);
        rc = yc_store_setting_put(ctx->db, POLICY_KEY, text, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.policy", POLICY_KEY, "修改办件规则：%s", text);
    }
    free(text);
    json_decref(stored);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = policy_json(&p);
    }
    return rc;
}

/* ---- matters handled jointly ---- */

static json_t *
dept_json(int64_t id, const char *name)
{
    return json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name);
}

int
yc_svc_joint_list(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_joint_row *j;
    size_t n;
    json_t *arr, *item = NULL;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_READ, err);

    if (rc == 0) {
        rc = yc_store_matter_joint_all(ctx->db, ctx->arena, &j, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || j[i].matter_id != j[i - 1].matter_id) {
            item = json_pack("{s:{s:I, s:s, s:s, s:o}, s:[]}", "matter", "id",
                             (json_int_t)j[i].matter_id, "code", j[i].matter_code, "name",
                             j[i].matter_name, "department",
                             dept_json(j[i].matter_department_id, j[i].matter_department_name),
                             "departments");
            json_array_append_new(arr, item);
        }
        json_array_append_new(json_object_get(item, "departments"),
                              dept_json(j[i].department_id, j[i].department_name));
    }
    *out = json_pack("{s:o}", "matters", arr);
    return 0;
}

static int
joint_set_tx(struct yc_ctx *ctx, int64_t matter_id, const int64_t *ids, size_t n, json_t *depts,
             struct yc_matter *m, struct yc_err *err)
{
    const char *names = "";
    int rc = yc_svc_matter_get(ctx, matter_id, m, err);

    if (rc == YC_ENOTFOUND) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "事项 %lld 不存在",
                       (long long)matter_id);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct yc_dept d;
        int64_t post = 0;

        rc = yc_svc_need_dept(ctx, ids[i], "departments", &d, err);
        if (rc == 0 && d.id == m->department_id) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "departments",
                         "%s是事项“%s”的主办部门，不能再列为联合审批部门", d.name, m->name);
        }
        for (size_t k = 0; rc == 0 && k < i; k++) {
            if (ids[k] == ids[i]) {
                rc = yc_fail(err, YC_EUNPROC, "field_invalid", "departments", "%s重复列出",
                             d.name);
            }
        }
        if (rc == 0) {
            rc = yc_store_case_post_of_dept(ctx->db, d.id, &post, err);
        }
        if (rc == 0 && !post) {
            rc = yc_fail(err, YC_EUNPROC, "department_no_post", "departments",
                         "%s没有设置后台岗位，无法承接联合审批任务", d.name);
        }
        if (rc == 0) {
            names = yc_arena_printf(ctx->arena, "%s%s%s", names, *names ? "、" : "", d.name);
            json_array_append_new(depts, dept_json(d.id, d.name));
        }
    }
    if (rc == 0) {
        rc = yc_store_matter_joint_set(ctx->db, m->id, ids, n, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "matter.joint", m->code, "事项“%s”%s%s", m->name,
                          n ? "联合审批部门：" : "不再联合审批", names);
    }
    return rc;
}

int
yc_svc_joint_set(struct yc_ctx *ctx, int64_t matter_id, const int64_t *dept_ids, size_t n,
                 json_t **out, struct yc_err *err)
{
    struct yc_matter m;
    json_t *depts;
    int rc = yc_svc_allow(ctx, YC_OP_CATALOGUE_WRITE, err);

    if (rc == 0 && n > YC_CASE_TASKS_MAX) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "departments",
                     "联合审批部门最多 %d 个", YC_CASE_TASKS_MAX);
    }
    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc) {
        return rc;
    }
    depts = json_array();
    rc = joint_set_tx(ctx, matter_id, dept_ids, n, depts, &m, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc) {
        json_decref(depts);
        return rc;
    }
    *out = json_pack("{s:{s:I, s:s, s:s, s:o}, s:o}", "matter", "id", (json_int_t)m.id, "code",
                     m.code, "name", m.name, "department",
                     dept_json(m.department_id, m.department_name), "departments", depts);
    return 0;
}

/* ---- joint tasks ---- */

int
yc_case_task_only(const struct yc_ctx *ctx, const struct yc_case *c)
{
    int full;

    return !yc_case_scope(ctx, c, &full);
}

/* A task of department d, routed to its post: A, or B when A is on leave (hand-over recorded). */
static int
route_task(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_dept *d,
           struct yc_case_task *t, struct yc_err *err)
{
    struct yc_post p;
    enum yc_acting who;
    int rc = yc_store_case_post_of_dept(ctx->db, d->id, &t->post_id, err);

    if (rc == 0 && !t->post_id) {
        rc = yc_fail(err, YC_EUNPROC, "department_no_post", "departments",
                     "%s没有设置后台岗位，无法分送联合审批任务", d->name);
    }
    if (rc == 0) {
        rc = yc_svc_post_acting(ctx, t->post_id, ctx->today, &p, &who, err);
    }
    if (rc) {
        return rc;
    }
    t->post_name = p.name;
    t->assignee_id = 0;
    t->assignee_name = "A、B 岗均休假";
    if (who == YC_ACTING_A) {
        t->assignee_id = p.a_user_id;
        t->assignee_name = p.a_name;
    } else if (who == YC_ACTING_B) {
        struct yc_handover h = {0};
        t->assignee_id = p.b_user_id;
        t->assignee_name = p.b_name;
        h.post_id = p.id;
        h.from_user_id = p.a_user_id;
        h.to_user_id = p.b_user_id;
        h.kind = "leave";
        h.from_day = ctx->today;
        h.to_day = ctx->today;
        h.case_ref = c->number;
        h.reason = "A 岗休假，联合审批任务转 B 岗";
        rc = yc_svc_handover_record(ctx, &h, err);
    }
    if (rc == 0 && t->assignee_id) {
        struct yc_user u;
        int found = 0;
        char due[11];

        yc_date_format(t->due_day, due);
        rc = yc_store_user_by_id(ctx->db, ctx->arena, t->assignee_id, &u, &found, err);
        if (rc == 0 && found) {
            rc = yc_store_outbox_insert_to(
                ctx->db, c->id, u.username, "internal",
                yc_arena_printf(ctx->arena, "【一窗受理】联合审批办件 %s（%s）分送%s会办，请于 %s 前办理",
                                c->number, c->matter_name, d->name, due),
                ctx->now_ms, err);
        }
    }
    return rc;
}

/* A department named for a task: known, not the case's own, not twice, without a task yet. */
static int
check_task_dept(struct yc_ctx *ctx, const struct yc_case *c, const int64_t *depts, size_t i,
                struct yc_dept *d, struct yc_err *err)
{
    int64_t count = 0;
    int rc = yc_svc_need_dept(ctx, depts[i], "departments", d, err);

    if (rc == 0 && d->id == c->department_id) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "departments",
                       "%s是办件 %s 的主办部门，不能作为会办部门", d->name, c->number);
    }
    for (size_t k = 0; rc == 0 && k < i; k++) {
        if (depts[k] == depts[i]) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "departments", "%s重复列出",
                           d->name);
        }
    }
    if (rc == 0) {
        rc = yc_store_case_task_of_dept(ctx->db, c->id, d->id, &count, err);
    }
    if (rc == 0 && count) {
        rc = yc_fail(err, YC_ECONFLICT, "task_exists", "departments",
                     "办件 %s 已分送%s会办", c->number, d->name);
    }
    return rc;
}

int
yc_case_split(struct yc_ctx *ctx, struct yc_case *c, const int64_t *depts, size_t n, int days,
              const char **note, struct yc_err *err)
{
    struct yc_clock_status st;
    const char *list = "";
    char due[11];
    int32_t due_day = ctx->today;
    int rc = 0;

    if (n == 0) {
        return yc_fail(err, YC_EUNPROC, "field_required", "departments",
                       "联合审批须列出会办部门（departments）");
    }
    if (n > YC_CASE_TASKS_MAX || days < 1 || days > TASK_MAX_DAYS) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", n > YC_CASE_TASKS_MAX ? "departments" : "days",
                       "会办部门最多 %d 个，会办期限应为 1 至 %d 个工作日", YC_CASE_TASKS_MAX,
                       TASK_MAX_DAYS);
    }
    if (!c->joint) {
        rc = yc_case_clock_status(ctx, c, &st, err);
        if (rc == 0 && st.statutory.overdue) {
            return yc_fail(err, YC_ECONFLICT, "split_late", NULL,
                           "办件 %s 的法定期限已过，不能再转为联合审批", c->number);
        }
    }
    if (rc == 0) {
        rc = yc_svc_workdays_add(ctx, ctx->today, days, &due_day, err);
    }
    yc_date_format(due_day, due);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct yc_dept d = {0};
        struct yc_case_task t = {0};
        int64_t id;

        rc = check_task_dept(ctx, c, depts, i, &d, err);
        t.case_id = c->id;
        t.department_id = d.id;
        t.days = days;
        t.created_day = ctx->today;
        t.due_day = due_day;
        if (rc == 0) {
            rc = route_task(ctx, c, &d, &t, err);
        }
        if (rc == 0) {
            rc = yc_store_case_task_insert(ctx->db, &t, ctx->now_ms, &id, err);
        }
        if (rc == 0) {
            list = yc_arena_printf(ctx->arena, "%s%s%s（%s，%s）", list, *list ? "、" : "", d.name,
                                   t.post_name, t.assignee_name);
        }
    }
    if (rc == 0 && !c->joint) {
        if (c->statutory_days < YC_CLOCK_JOINT_DAYS) {
            c->statutory_days = YC_CLOCK_JOINT_DAYS;
        }
        c->joint = 1;
        rc = yc_store_case_set_joint(ctx->db, c->id, c->statutory_days, err);
    }
    if (rc == 0) {
        *note = yc_arena_printf(ctx->arena,
                                "%s%s联合审批：分送%s会办，会办期限 %d 个工作日（至 %s）；"
                                "按联合办理法定时限 %d 个工作日计",
                                *note, **note ? "；" : "", list, days, due, c->statutory_days);
    }
    return rc;
}

int
yc_case_split_joint_matter(struct yc_ctx *ctx, struct yc_case *c, const char **note,
                           struct yc_err *err)
{
    struct yc_joint_row *j;
    struct yc_case_task *t;
    struct yc_case_policy p;
    size_t n, nt;
    int64_t *ids;
    int rc;

    if (!c->joint) {
        return 0;
    }
    rc = yc_store_case_tasks(ctx->db, ctx->arena, c->id, &t, &nt, err);
    if (rc == 0 && nt == 0) {
        rc = yc_store_matter_joint_depts(ctx->db, ctx->arena, c->matter_id, &j, &n, err);
        if (rc || n == 0) {
            return rc;
        }
        ids = yc_arena_alloc(ctx->arena, n * sizeof(*ids));
        for (size_t i = 0; i < n; i++) {
            ids[i] = j[i].department_id;
        }
        rc = yc_case_policy_load(ctx, &p, err);
        if (rc == 0) {
            rc = yc_case_split(ctx, c, ids, n > YC_CASE_TASKS_MAX ? YC_CASE_TASKS_MAX : n,
                               p.task_days, note, err);
        }
    }
    return rc;
}

int
yc_case_tasks_gate(struct yc_ctx *ctx, const struct yc_case *c, int grant, struct yc_err *err)
{
    struct yc_case_task *t;
    size_t n;
    int nopen = 0;
    const char *open = "", *refused = "";
    int rc = yc_store_case_tasks(ctx->db, ctx->arena, c->id, &t, &n, err);

    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].state, "open") == 0) {
            nopen++;
            open = yc_arena_printf(ctx->arena, "%s%s%s（%s）", open, *open ? "、" : "",
                                   t[i].department_name, t[i].assignee_name);
        } else if (strcmp(t[i].state, "refused") == 0) {
            refused = yc_arena_printf(ctx->arena, "%s%s%s：%s", refused, *refused ? "；" : "",
                                      t[i].department_name, t[i].opinion);
        }
    }
    if (nopen) {
        return yc_fail(err, YC_ECONFLICT, "tasks_open", NULL,
                       "联合审批尚有 %d 个部门未办结：%s；各部门办结后方可作出决定", nopen, open);
    }
    if (grant && *refused) {
        return yc_fail(err, YC_ECONFLICT, "tasks_refused", NULL,
                       "联合审批部门不同意（%s），不能准予许可", refused);
    }
    return 0;
}

static const char *
task_state_zh(const char *s)
{
    return strcmp(s, "open") == 0 ? "待会办" : strcmp(s, "done") == 0 ? "同意" : "不同意";
}

static json_t *
day_or_null(int32_t day)
{
    char d[11];

    if (day == YC_NO_DAY) {
        return json_null();
    }
    yc_date_format(day, d);
    return json_string(d);
}

static json_t *
task_json(const struct yc_ctx *ctx, const struct yc_case *c, const struct yc_case_task *t)
{
    enum yc_case_state st = YC_CASE_STATE__MAX;
    int open = strcmp(t->state, "open") == 0;
    int may = 0;

    if (yc_case_state_parse(c->state, strlen(c->state), &st) != 0) {
        st = YC_CASE_STATE__MAX;
    }
    if (open && ctx->user && (ctx->user->roles & (YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD)) &&
        ctx->user->department_id == t->department_id && yc_case_state_is_undecided(st)) {
        may = 1;
    }
    return json_pack(
        "{s:I, s:o, s:{s:I, s:s}, s:o, s:s, s:s, s:s, s:i, s:o, s:o, s:b, s:o, s:o, s:b}", "id",
        (json_int_t)t->id, "department", dept_json(t->department_id, t->department_name), "post",
        "id", (json_int_t)t->post_id, "name", t->post_name, "assignee",
        t->assignee_id ? dept_json(t->assignee_id, t->assignee_name) : json_null(), "state",
        t->state, "state_zh", task_state_zh(t->state), "opinion", t->opinion, "days", t->days,
        "created", day_or_null(t->created_day), "due", day_or_null(t->due_day), "overdue",
        open && ctx->today > t->due_day, "done", day_or_null(t->done_day), "done_by",
        t->done_by ? dept_json(t->done_by, t->done_by_name) : json_null(), "may_act", may);
}

int
yc_case_rules_json(struct yc_ctx *ctx, const struct yc_case *c, json_t *d, struct yc_err *err)
{
    struct yc_case_task *t;
    struct yc_case_explanation *e;
    size_t nt, ne;
    json_t *tasks, *ex;
    int rc = yc_store_case_tasks(ctx->db, ctx->arena, c->id, &t, &nt, err);

    if (rc == 0) {
        rc = yc_store_case_explanations(ctx->db, ctx->arena, c->id, &e, &ne, err);
    }
    if (rc) {
        return rc;
    }
    tasks = json_array();
    for (size_t i = 0; i < nt; i++) {
        json_array_append_new(tasks, task_json(ctx, c, &t[i]));
    }
    ex = json_array();
    for (size_t i = 0; i < ne; i++) {
        json_array_append_new(ex, json_pack("{s:o, s:o, s:o, s:s}", "day", day_or_null(e[i].day),
                                            "old_promised_end", day_or_null(e[i].old_end),
                                            "new_promised_end", day_or_null(e[i].new_end), "text",
                                            e[i].text));
    }
    json_object_set_new(d, "tasks", tasks);
    json_object_set_new(d, "explanations", ex);
    return 0;
}

/* ---- events on a task, materials at the window ---- */

static int
state_of(const struct yc_case *c, enum yc_case_state *st)
{
    if (yc_case_state_parse(c->state, strlen(c->state), st) != 0) {
        *st = YC_CASE_STATE__MAX;
    }
    return 0;
}

static int
state_conflict(const struct yc_case *c, const char *what, struct yc_err *err)
{
    enum yc_case_state st;

    (void)state_of(c, &st);
    return yc_fail(err, YC_ECONFLICT, "case_state_conflict", NULL,
                   "办件 %s 当前状态为“%s”（%s），不能%s", c->number, yc_case_state_label(st),
                   c->state, what);
}

static int
touch(struct yc_ctx *ctx, const struct yc_case *c, struct yc_err *err)
{
    int won = 0;
    int rc = yc_store_case_touch(ctx->db, c->id, c->version, ctx->now_ms, &won, err);

    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "case_version_conflict", NULL,
                     "办件 %s 已被他人更新，请刷新后重试", c->number);
    }
    return rc;
}

static int
task_event_tx(struct yc_ctx *ctx, int64_t case_id, int64_t task_id,
              const struct yc_case_task_event_in *in, struct yc_err *err)
{
    struct yc_case c;
    struct yc_case_task t;
    enum yc_case_state st;
    const char *opinion = in->opinion && *in->opinion ? in->opinion : NULL;
    int refuse = strcmp(in->event, "refuse") == 0;
    int full, found = 0, won = 0;
    int rc = yc_case_load(ctx, case_id, &c, &full, err);

    if (rc == 0) {
        rc = yc_store_case_task_get(ctx->db, ctx->arena, case_id, task_id, &t, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "task_not_found", NULL, "办件 %s 没有会办任务 %lld",
                     c.number, (long long)task_id);
    }
    if (rc) {
        return rc;
    }
    if (ctx->user->department_id != t.department_id) {
        return yc_fail(err, YC_EFORBIDDEN, "task_wrong_department", NULL,
                       "该会办任务属于%s，只能由该部门办理", t.department_name);
    }
    if (!refuse && strcmp(in->event, "done") != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "event",
                       "会办事件应为 done（同意）或 refuse（不同意）");
    }
    if (strcmp(t.state, "open") != 0) {
        return yc_fail(err, YC_ECONFLICT, "task_state_conflict", NULL,
                       "%s的会办任务已办结（%s：%s）", t.department_name, task_state_zh(t.state),
                       t.opinion);
    }
    (void)state_of(&c, &st);
    if (!yc_case_state_is_undecided(st)) {
        return state_conflict(&c, "再办理会办任务", err);
    }
    if (refuse && !opinion) {
        return yc_fail(err, YC_EUNPROC, "field_required", "opinion", "不同意须写明会办意见");
    }
    if (!opinion) {
        opinion = "同意";
    }
    rc = yc_store_case_task_close(ctx->db, t.id, refuse ? "refused" : "done", opinion, ctx->today,
                                  ctx->user->id, &won, err);
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "task_state_conflict", NULL, "%s的会办任务已被他人办结",
                     t.department_name);
    }
    if (rc == 0) {
        rc = touch(ctx, &c, err); /* a decision racing this opinion loses its compare-and-set */
    }
    if (rc == 0) {
        rc = yc_case_event_add(ctx, c.id, refuse ? "task_refuse" : "task_done", c.state, c.state,
                               yc_arena_printf(ctx->arena, "%s会办意见（%s）：%s",
                                               t.department_name, ctx->user->name, opinion),
                               err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, refuse ? "case.task_refuse" : "case.task_done", c.number,
                          "%s会办%s：%s", t.department_name, refuse ? "不同意" : "同意", opinion);
    }
    return rc;
}

int
yc_svc_case_task_event(struct yc_ctx *ctx, int64_t case_id, int64_t task_id,
                       const struct yc_case_task_event_in *in, json_t **out, struct yc_err *err)
{
    struct yc_case c;
    int full = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_WORK, err);

    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc) {
        return rc;
    }
    rc = task_event_tx(ctx, case_id, task_id, in, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_case_load(ctx, case_id, &c, &full, err);
    }
    if (rc == 0) {
        rc = yc_case_detail(ctx, &c, full, out, err);
    }
    return rc;
}

static int
receive_tx(struct yc_ctx *ctx, int64_t case_id, int seq, struct yc_err *err)
{
    struct yc_case c;
    struct yc_case_material *m, *x = NULL;
    enum yc_case_state st;
    size_t n;
    char due[11];
    int full, won = 0;
    int rc = yc_case_load(ctx, case_id, &c, &full, err);

    if (rc == 0 && yc_case_task_only(ctx, &c)) {
        rc = yc_fail(err, YC_EFORBIDDEN, "case_wrong_department", NULL,
                     "办件 %s 属于%s，会办部门不能登记材料", c.number, c.department_name);
    }
    if (rc == 0) {
        rc = yc_store_case_materials(ctx->db, ctx->arena, c.id, &m, &n, err);
    }
    if (rc) {
        return rc;
    }
    (void)state_of(&c, &st);
    if (yc_case_state_is_final(st)) {
        return state_conflict(&c, "再补交材料", err);
    }
    for (size_t i = 0; i < n; i++) {
        if (m[i].seq == seq) {
            x = &m[i];
        }
    }
    if (!x) {
        return yc_fail(err, YC_ENOTFOUND, "material_not_found", NULL, "办件 %s 没有第 %d 项材料",
                       c.number, seq);
    }
    if (strcmp(x->status, "rongque") != 0) {
        return yc_fail(err, YC_ECONFLICT, "material_not_owed", NULL,
                       "材料“%s”不是待补交的容缺材料（当前：%s）", x->name, x->status);
    }
    yc_date_format(x->due_day, due);
    if (x->due_day < ctx->today) {
        return yc_fail(err, YC_ECONFLICT, "rongque_overdue", NULL,
                       "容缺材料“%s”承诺于 %s 前补交，已逾期，办件将终止办理", x->name, due);
    }
    rc = yc_store_case_material_receive(ctx->db, c.id, seq, ctx->today, &won, err);
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "material_not_owed", NULL, "材料“%s”已登记收讫", x->name);
    }
    if (rc == 0) {
        rc = touch(ctx, &c, err);
    }
    if (rc == 0) {
        rc = yc_case_event_add(ctx, c.id, "material_received", c.state, c.state,
                               yc_arena_printf(ctx->arena, "容缺材料“%s”收讫（承诺 %s 前补交）",
                                               x->name, due),
                               err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.material_received", c.number, "容缺材料“%s”收讫",
                          x->name);
    }
    return rc;
}

int
yc_svc_case_material_receive(struct yc_ctx *ctx, int64_t case_id, int seq, json_t **out,
                             struct yc_err *err)
{
    struct yc_case c;
    int full = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_ACCEPT, err);

    if (rc == YC_EFORBIDDEN) {
        rc = yc_svc_allow(ctx, YC_OP_CASE_WORK, err);
    }
    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc) {
        return rc;
    }
    rc = receive_tx(ctx, case_id, seq, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_case_load(ctx, case_id, &c, &full, err);
    }
    if (rc == 0) {
        rc = yc_case_detail(ctx, &c, full, out, err);
    }
    return rc;
}

/* ---- timeline labels of the events outside the table ---- */

static const struct {
    const char *event;
    const char *label;
} rule_events[] = {
    {"receive", "收件"},
    {"ab_notify", "超时提醒B岗"},
    {"explain", "逾期说明"},
    {"task_done", "会办同意"},
    {"task_refuse", "会办不同意"},
    {"material_received", "容缺材料收讫"},
    {"certificate", "登记电子证照"},
};

const char *
yc_case_rule_event_label(const char *event)
{
    for (size_t i = 0; i < sizeof(rule_events) / sizeof(rule_events[0]); i++) {
        if (strcmp(rule_events[i].event, event) == 0) {
            return rule_events[i].label;
        }
    }
    return NULL;
}

/* ---- the scan's rules ---- */

/* A rule's write for one case in its own transaction; a lost race is not an error. */
static int
scan_finish(struct yc_ctx *ctx, int rc, struct yc_err *err)
{
    return yc_db_finish(ctx->db, rc, err);
}

/* A clock the calendar cannot compute (a year without data) is logged, and the case skipped. */
static int
skip_clock(int rc, const char *number, const struct yc_err *err)
{
    if (rc == YC_EUNPROC) {
        yc_log(YC_LOG_WARN, "case scan: %s skipped: %s", number, err->message);
        return 0;
    }
    return rc;
}

static int
ab_one(struct yc_ctx *ctx, const struct yc_case_ab_candidate *k, const struct yc_case_policy *p,
       int *won, struct yc_err *err)
{
    struct yc_clock_idle idle;
    struct yc_handover h = {0};
    char since[11];
    const char *note;
    int32_t from = yc_clock_day_of_ms(k->assigned_at);
    int rc = yc_case_clock_idle(ctx, from, p->ab_idle_days, &idle, err);

    *won = 0;
    if (rc || !idle.idle) {
        return skip_clock(rc, k->number, err);
    }
    yc_date_format(from, since);
    note = yc_arena_printf(ctx->arena,
                           "%s A 岗 %s 自 %s 分派后 %d 个工作日未处理，已提醒 B 岗 %s",
                           k->post_name, k->a_name, since, p->ab_idle_days, k->b_name);
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_case_ab_notify(ctx->db, k->case_id, ctx->now_ms, k->b_user_id, k->a_user_id,
                                 won, err);
    if (rc == 0 && *won) {
        h.post_id = k->post_id;
        h.from_user_id = k->a_user_id;
        h.to_user_id = k->b_user_id;
        h.kind = "overdue";
        h.from_day = ctx->today;
        h.to_day = ctx->today;
        h.case_ref = k->number;
        h.reason = note;
        rc = yc_svc_handover_record(ctx, &h, err);
        if (rc == 0) {
            rc = yc_case_event_add(ctx, k->case_id, "ab_notify", k->state, k->state, note, err);
        }
        if (rc == 0) {
            rc = yc_store_outbox_insert_to(
                ctx->db, k->case_id, k->b_username, "internal",
                yc_arena_printf(ctx->arena,
                                "【一窗受理】办件 %s（%s）分派给 A 岗 %s 后 %d 个工作日未处理，"
                                "请 B 岗 %s 跟进",
                                k->number, k->matter_name, k->a_name, p->ab_idle_days, k->b_name),
                ctx->now_ms, err);
        }
        if (rc == 0) {
            rc = yc_svc_audit(ctx, err, "case.ab_notify", k->number, "%s", note);
        }
    }
    return scan_finish(ctx, rc, err);
}

static int
explain_one(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_case_policy *p, int *won,
            struct yc_err *err)
{
    struct yc_clock_explanation e;
    struct yc_case_explanation x;
    char old_s[11], new_s[11];
    int inserted = 0;
    int rc = yc_case_clock_explain(ctx, c, p->explain_days, &e, err);

    *won = 0;
    if (rc || !e.due) {
        return skip_clock(rc, c->number, err);
    }
    yc_date_format(e.old_end, old_s);
    yc_date_format(e.new_end, new_s);
    x.day = ctx->today;
    x.old_end = e.old_end;
    x.new_end = e.new_end;
    x.text = yc_arena_printf(ctx->arena,
                             "说明函：您申请的“%s”（办件编号 %s）未能在承诺的 %s 前办结，"
                             "特此说明并致歉。我们将在 %s 前办结，不超过法定办理期限。",
                             c->matter_name, c->number, old_s, new_s);
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_case_set_promise(ctx->db, c->id, c->version, e.new_limit - c->promised_days,
                                   ctx->now_ms, won, err);
    if (rc == 0 && *won) {
        rc = yc_store_case_explain_insert(ctx->db, c->id, &x, ctx->now_ms, &inserted, err);
        if (rc == 0 && !inserted) {
            *won = 0; /* explained already (cannot happen while the promise moves): undo */
            rc = yc_fail(err, YC_ECONFLICT, "explained", NULL, "已出具说明函");
        }
        if (rc == 0) {
            rc = yc_case_event_add(ctx, c->id, "explain", c->state, c->state, x.text, err);
        }
        if (rc == 0 && *c->phone) {
            rc = yc_store_outbox_insert(ctx->db, c->id, c->phone,
                                        yc_arena_printf(ctx->arena, "【一窗受理】%s", x.text),
                                        ctx->now_ms, err);
        }
        if (rc == 0) {
            rc = yc_svc_audit(ctx, err, "case.explain", c->number, "承诺时限 %s 已过，新日期 %s",
                              old_s, new_s);
        }
    }
    rc = scan_finish(ctx, rc, err);
    return rc == YC_ECONFLICT ? 0 : rc;
}

static int
terminate_one(struct yc_ctx *ctx, const struct yc_case_owed *o, int *won, struct yc_err *err)
{
    enum yc_case_state from, to;
    char due[11];
    const char *reason;
    int rc;

    *won = 0;
    if (yc_case_state_parse(o->state, strlen(o->state), &from) != 0 ||
        yc_case_transition(from, YC_CASE_EV_TERMINATE, YC_CASE_ROLE_SYSTEM, &to, NULL) != 0) {
        return 0;
    }
    yc_date_format(o->due_day, due);
    reason = yc_arena_printf(ctx->arena, "容缺材料“%s”承诺于 %s 前补交，逾期未补交，终止办理",
                             o->material, due);
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_case_terminate(ctx->db, o->case_id, o->version, ctx->now_ms, won, err);
    if (rc == 0 && *won) {
        rc = yc_store_case_stop_resume(ctx->db, o->case_id, ctx->today, err);
        if (rc == 0) {
            rc = yc_case_event_add(ctx, o->case_id, "terminate", o->state, yc_case_state_name(to),
                                   reason, err);
        }
        if (rc == 0 && *o->phone) {
            rc = yc_store_outbox_insert(
                ctx->db, o->case_id, o->phone,
                yc_arena_printf(ctx->arena,
                                "【一窗受理】您申请的“%s”（办件编号 %s）因容缺材料“%s”未按承诺于 %s "
                                "前补交，已终止办理。如需办理请重新申请",
                                o->matter_name, o->number, o->material, due),
                ctx->now_ms, err);
        }
        if (rc == 0) {
            rc = yc_svc_audit(ctx, err, "case.terminate", o->number, "%s → terminated：%s",
                              o->state, reason);
        }
    }
    return scan_finish(ctx, rc, err);
}

#define PAGE 500

static int
scan_ab(struct yc_ctx *ctx, const struct yc_case_policy *p, int *count, struct yc_err *err)
{
    struct yc_case_ab_candidate *k;
    size_t n = PAGE;
    int64_t after = 0;
    int won, rc = 0;

    while (rc == 0 && n == PAGE) {
        rc = yc_store_case_ab_candidates(ctx->db, ctx->arena,
                                         ctx->now_ms - (int64_t)p->ab_idle_days * DAY_MS, after,
                                         &k, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = ab_one(ctx, &k[i], p, &won, err);
            *count += won;
            after = k[i].case_id;
        }
    }
    return rc;
}

static int
scan_explain(struct yc_ctx *ctx, const struct yc_case_policy *p, int *count, struct yc_err *err)
{
    struct yc_case *c;
    size_t n = PAGE;
    int64_t after = 0;
    int won, rc = 0;

    while (rc == 0 && n == PAGE) {
        rc = yc_store_case_explain_candidates(ctx->db, ctx->arena, ctx->today, after, &c, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = explain_one(ctx, &c[i], p, &won, err);
            *count += won;
            after = c[i].id;
        }
    }
    return rc;
}

static int
scan_rongque(struct yc_ctx *ctx, int *count, struct yc_err *err)
{
    struct yc_case_owed *o;
    size_t n = PAGE;
    int64_t after = 0;
    int won, rc = 0;

    while (rc == 0 && n == PAGE) {
        rc = yc_store_case_rongque_overdue(ctx->db, ctx->arena, ctx->today, after, &o, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (i > 0 && o[i].case_id == o[i - 1].case_id) {
                continue; /* one termination per case, naming its first owed material */
            }
            rc = terminate_one(ctx, &o[i], &won, err);
            *count += won;
            after = o[i].case_id;
        }
    }
    return rc;
}

int
yc_case_scan_rules(struct yc_ctx *ctx, struct yc_case_scan_counts *k, struct yc_err *err)
{
    struct yc_case_policy p;
    int rc = yc_case_policy_load(ctx, &p, err);

    if (rc == 0) {
        rc = scan_ab(ctx, &p, &k->ab_notified, err);
    }
    if (rc == 0) {
        rc = scan_explain(ctx, &p, &k->explained, err);
    }
    if (rc == 0) {
        rc = scan_rongque(ctx, &k->terminated, err);
    }
    return rc;
}
