/*
 * queue_window.c - the front desk's window: open (take it for the day), call next (the policy of
 * domain/queue.h picks; staff cannot choose), recall, no-show, start, finish, transfer to another
 * zone or window, pause with a reason, resume, close; and the window's state.
 *
 * Every action runs in one transaction that locks the window (PostgreSQL; SQLite's writer lock
 * already serialises), stores its event with the time and writes the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/roles.h"
#include "svc/queue_int.h"
#include "base/banned.h"

/* Picking again after another window took the chosen ticket first (PostgreSQL). */
#define CLAIM_TRIES 8

/* A window as an action finds it. */
struct win {
    struct yc_window w;
    struct yc_qwin q; /* today's state: closed when never opened or opened another day */
    struct yc_qticket t;
    struct yc_qcall c;
    int has_ticket;
};

static int
load_win(struct yc_ctx *ctx, int64_t id, int lock, struct win *x, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_window_get(ctx->db, ctx->arena, id, &x->w, &found, err);

    if (rc == 0 && !found) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "窗口 %lld 不存在", (long long)id);
    }
    if (rc == 0 && lock) {
        rc = yc_store_q_win_lock(ctx->db, id, err);
    }
    if (rc == 0) {
        rc = yc_store_q_win_get(ctx->db, ctx->arena, id, &x->q, &found, err);
    }
    if (rc) {
        return rc;
    }
    if (!found || x->q.day != ctx->today) {
        memset(&x->q, 0, sizeof(x->q));
        x->q.window_id = id;
        x->q.day = ctx->today;
        x->q.state = "closed";
        x->q.holder_username = "";
        x->q.holder_name = "";
        x->q.pause_reason = "";
    }
    x->has_ticket = 0;
    if (x->q.ticket_id) {
        rc = yc_store_q_ticket_get(ctx->db, ctx->arena, x->q.ticket_id, &x->t, &found, err);
        if (rc == 0 && found) {
            rc = yc_store_q_call_get(ctx->db, ctx->arena, x->q.call_id, &x->c, &found, err);
            x->has_ticket = found;
        }
    }
    return rc;
}

static int
is_state(const struct win *x, const char *s)
{
    return strcmp(x->q.state, s) == 0;
}

/* ---- the state view ---- */

static int
state_json(struct yc_ctx *ctx, struct win *x, json_t **out, struct yc_err *err)
{
    int64_t *zids, waiting = 0, served = 0, n;
    const char **prefixes;
    size_t nz;
    char day[11];
    json_t *serves, *holder = json_null(), *current = json_null();
    int rc = yc_store_q_win_zones(ctx->db, ctx->arena, x->w.id, &zids, &prefixes, &nz, err);

    for (size_t i = 0; rc == 0 && i < nz; i++) {
        rc = yc_store_q_waiting_count(ctx->db, ctx->today, zids[i], &n, err);
        waiting += n;
    }
    if (rc == 0) {
        rc = yc_store_q_served_of_window(ctx->db, x->w.id, ctx->today, &served, err);
    }
    if (rc) {
        return rc;
    }
    serves = json_array();
    for (size_t i = 0; i < nz; i++) {
        json_array_append_new(serves, json_string(prefixes[i]));
    }
    if (x->q.holder_id && !is_state(x, "closed")) {
        holder = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)x->q.holder_id, "username",
                           x->q.holder_username, "name", x->q.holder_name);
    }
    if (x->has_ticket) {
        current = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:i, s:o}", "id", (json_int_t)x->t.id,
                            "number", x->t.number, "zone", x->t.zone_prefix, "class", x->t.cls,
                            "state", x->t.state, "called_at", yc_q_time_json(x->c.called_at),
                            "recalls", x->c.recalls, "matter",
                            x->t.matter_id ? json_pack("{s:s, s:s}", "code", x->t.matter_code,
                                                       "name", x->t.matter_name)
                                           : json_null());
    }
    yc_date_format(ctx->today, day);
    *out = json_pack(
        "{s:{s:I, s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:I}", "window", "id",
        (json_int_t)x->w.id, "number", x->w.number, "zone", x->w.zone_prefix, "zone_name",
        x->w.zone_name, "date", day, "state", x->q.state, "pause_reason",
        is_state(x, "paused") ? json_string(x->q.pause_reason) : json_null(), "holder", holder,
        "since", yc_q_time_json(is_state(x, "closed") ? 0 : x->q.since), "serves", serves,
        "current", current, "waiting", (json_int_t)waiting, "served_today", (json_int_t)served);
    return 0;
}

int
yc_svc_window_state(struct yc_ctx *ctx, int64_t window_id, json_t **out, struct yc_err *err)
{
    struct win x;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = load_win(ctx, window_id, 0, &x, err);
    }
    if (rc == 0) {
        rc = state_json(ctx, &x, out, err);
    }
    return rc;
}

int
yc_svc_my_window(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    int64_t id = 0;
    const char *number = NULL;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0 && ctx->user) {
        rc = yc_store_q_win_held_by(ctx->db, ctx->arena, ctx->user->id, ctx->today, 0, &id, &number,
                                    err);
    }
    if (rc) {
        return rc;
    }
    if (!id) {
        *out = json_pack("{s:n}", "window");
        return 0;
    }
    return yc_svc_window_state(ctx, id, out, err);
}

/* ---- shared steps of the actions ---- */

static int
write_state(struct yc_ctx *ctx, struct win *x, const char *state, struct yc_err *err)
{
    x->q.state = state;
    return yc_store_q_win_put(ctx->db, &x->q, err);
}

static int
need_ticket_at(const struct win *x, struct yc_err *err)
{
    if (!x->has_ticket) {
        return yc_fail(err, YC_ECONFLICT, "no_ticket", NULL, "窗口 %s 当前没有叫到的号",
                       x->w.number);
    }
    return 0;
}

static int
no_ticket_at(const struct win *x, struct yc_err *err)
{
    if (x->has_ticket) {
        return yc_fail(err, YC_ECONFLICT, "window_busy", NULL,
                       "窗口 %s 还有 %s 号在办理，请先办结、过号或转移", x->w.number, x->t.number);
    }
    return 0;
}

/* Move the ticket at the window to `to` (from `from`), end its call with `outcome` when set. */
static int
ticket_to(struct yc_ctx *ctx, struct win *x, const char *from, const char *to, const char *outcome,
          struct yc_err *err)
{
    int64_t changes = 0;
    int final = outcome != NULL;
    int rc =
        yc_store_q_ticket_state(ctx->db, x->t.id, from, to, final ? ctx->now_ms : 0, &changes, err);

    if (rc == 0 && changes == 0) {
        return yc_fail(err, YC_ECONFLICT, "ticket_state", NULL, "%s 号当前为 %s，不能进行此操作",
                       x->t.number, x->t.state);
    }
    if (rc == 0 && final) {
        rc = yc_store_q_call_finish(ctx->db, x->c.id, ctx->now_ms, outcome, err);
    }
    if (rc == 0 && final) {
        x->q.ticket_id = 0;
        x->q.call_id = 0;
        rc = yc_store_q_win_put(ctx->db, &x->q, err);
    }
    return rc;
}

static const char *
spoken(struct yc_ctx *ctx, const char *ticket, const char *window)
{
    return yc_arena_printf(ctx->arena, "请%s号到%s号窗口办理", ticket, window);
}

/* ---- call next ---- */

/* The waiting tickets this window may call: of the zones it calls (not sent to another window)
 * and matters it serves, and those sent to it. */
static int
candidates(struct yc_ctx *ctx, const struct win *x, const int64_t *zids, size_t nz,
           struct yc_qwait **out, size_t *n, struct yc_err *err)
{
    struct yc_qwait *w = NULL;
    int64_t *mids;
    size_t nw = 0, cap = 0, nm = 0, kept = 0;
    int rc = yc_store_q_win_matters(ctx->db, ctx->arena, x->w.id, &mids, &nm, err);

    for (size_t i = 0; rc == 0 && i < nz; i++) {
        rc = yc_store_q_waiting(ctx->db, ctx->arena, ctx->today, zids[i], 0, &w, &nw, &cap, err);
    }
    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < nw; i++) {
        int ok = w[i].target_window_id == 0;
        if (ok && w[i].matter_id && nm) {
            ok = 0;
            for (size_t j = 0; j < nm && !ok; j++) {
                ok = mids[j] == w[i].matter_id;
            }
        }
        if (ok) {
            w[kept++] = w[i];
        }
    }
    nw = kept;
    rc = yc_store_q_waiting(ctx->db, ctx->arena, ctx->today, 0, x->w.id, &w, &nw, &cap, err);
    *out = w;
    *n = nw;
    return rc;
}

static int64_t
clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Today's services feed the policy's estimates once there are enough of them. */
static void
tune_policy(struct yc_ctx *ctx, struct yc_qpolicy *q, const struct yc_queue_call *calls, size_t m)
{
    int64_t *d = yc_arena_alloc(ctx->arena, (m + 1) * sizeof(*d));
    struct yc_queue_stats st;
    size_t n = 0;

    for (size_t i = 0; i < m; i++) {
        if (calls[i].finished_s) {
            d[n++] = yc_queue_span_s(calls[i].called_s, calls[i].finished_s);
        }
    }
    yc_queue_stats_compute(d, n, &st);
    if (st.n >= 10) {
        q->p.est_service_s = clamp64(st.mean_s, 60, 3600);
        q->p.max_service_s = clamp64(st.p90_s, q->p.est_service_s, 7200);
    }
}

/* What a call picks from, read before its transaction: the write lock is then held only for
 * the claim and what follows. A ticket another window took meanwhile fails its claim and the
 * policy picks again without it. */
struct pickset {
    struct yc_qpolicy q;
    struct yc_qwait *w;
    struct yc_queue_ticket *pt;
    struct yc_queue_view v;
    size_t n;
};

static int
load_pickset(struct yc_ctx *ctx, const struct win *x, struct pickset *ps, struct yc_err *err)
{
    struct yc_qcall_time *ct = NULL;
    struct yc_queue_call *pc;
    struct yc_qpair *open;
    int64_t *zids;
    const char **prefixes;
    size_t nz, m = 0, cap = 0, nopen;
    int rc = yc_store_q_win_zones(ctx->db, ctx->arena, x->w.id, &zids, &prefixes, &nz, err);

    memset(ps, 0, sizeof(*ps));
    if (rc == 0) {
        rc = candidates(ctx, x, zids, nz, &ps->w, &ps->n, err);
    }
    if (rc || ps->n == 0) {
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < nz; i++) {
        rc = yc_store_q_calls_of_zone(ctx->db, ctx->arena, ctx->today, zids[i], &ct, &m, &cap, err);
    }
    if (rc == 0) {
        rc = yc_store_q_open_per_zone(ctx->db, ctx->arena, ctx->today, &open, &nopen, err);
    }
    if (rc == 0) {
        rc = yc_q_policy_load(ctx, &ps->q, err);
    }
    if (rc) {
        return rc;
    }
    ps->v.windows = 1;
    for (size_t i = 0; i < nopen; i++) {
        for (size_t j = 0; j < nz; j++) {
            if (open[i].id == zids[j] && open[i].n > ps->v.windows) {
                ps->v.windows = (int)open[i].n;
            }
        }
    }
    ps->pt = yc_arena_alloc(ctx->arena, ps->n * sizeof(*ps->pt));
    pc = yc_arena_alloc(ctx->arena, (m + 1) * sizeof(*pc));
    for (size_t i = 0; i < ps->n; i++) {
        yc_q_policy_ticket(&ps->w[i], &ps->pt[i]);
    }
    for (size_t i = 0; i < m; i++) {
        pc[i] = (struct yc_queue_call){ct[i].issued_at / 1000, ct[i].called_at / 1000,
                                       ct[i].finished_at / 1000};
    }
    tune_policy(ctx, &ps->q, pc, m);
    ps->v.now_s = ctx->now_ms / 1000;
    ps->v.waiting = ps->pt;
    ps->v.calls = pc;
    ps->v.n_calls = m;
    return 0;
}

static int
do_call(struct yc_ctx *ctx, struct win *x, struct pickset *ps, json_t **called, struct yc_err *err)
{
    struct yc_qwait *w = ps->w;
    struct yc_queue_ticket *pt = ps->pt;
    struct yc_queue_pick pick = {0};
    struct yc_qcall call = {0};
    int64_t changes = 0;
    size_t n = ps->n;
    int rc = 0, tries;

    if (is_state(x, "paused")) {
        return yc_fail(err, YC_ECONFLICT, "window_paused", NULL, "窗口 %s 已暂停（%s），请先恢复",
                       x->w.number, x->q.pause_reason);
    }
    rc = no_ticket_at(x, err);
    /* another window may have taken the chosen ticket since: pick again without it */
    for (tries = 0; rc == 0 && tries < CLAIM_TRIES && n > 0; tries++) {
        ps->v.n_waiting = n;
        if (yc_queue_pick(&ps->q.p, &ps->v, &pick) != 0) {
            return yc_fail(err, YC_EINTERNAL, "internal", NULL, "叫号规则无法选号");
        }
        rc = yc_store_q_ticket_claim(ctx->db, pt[pick.index].id, x->w.id, ctx->now_ms, &changes,
                                     err);
        if (rc == 0 && changes == 1) {
            break;
        }
        pt[pick.index] = pt[n - 1];
        w[pick.index] = w[n - 1];
        n--;
    }
    if (rc == 0 && changes != 1) {
        return yc_fail(err, YC_ECONFLICT, "queue_empty", NULL, "窗口 %s 服务的区域暂无等候的号",
                       x->w.number);
    }
    if (rc) {
        return rc;
    }
    call.ticket_id = w[pick.index].id;
    call.zone_id = w[pick.index].zone_id;
    call.window_id = x->w.id;
    call.staff_id = ctx->user ? ctx->user->id : 0;
    call.issued_at = w[pick.index].issued_at;
    call.called_at = ctx->now_ms;
    call.first_call = w[pick.index].joined_at == 0;
    rc = yc_store_q_call_insert(ctx->db, &call, ctx->today, &call.id, err);
    if (rc == 0) {
        x->q.ticket_id = call.ticket_id;
        x->q.call_id = call.id;
        rc = yc_store_q_win_put(ctx->db, &x->q, err);
    }
    if (rc == 0) {
        int found = 0;
        rc = yc_store_q_ticket_get(ctx->db, ctx->arena, call.ticket_id, &x->t, &found, err);
        call.outcome = "";
        x->c = call;
        x->has_ticket = found;
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.call", x->w.number,
                          "窗口 %s 叫号 %s（%s，按%s，相对无优先顺序 %+lld 秒）", x->w.number,
                          x->t.number, yc_queue_class_code(pick.as_class),
                          pick.why == YC_QUEUE_WHY_BOUND ? "等候上限" : "排队位次",
                          (long long)pick.lag_s);
    }
    if (rc == 0) {
        rc = yc_q_event(ctx, "called", x->t.id, x->w.id, x->t.zone_id, "", 1, err);
    }
    if (rc == 0) {
        *called =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)x->t.id,
                      "number", x->t.number, "zone", x->t.zone_prefix, "class", x->t.cls,
                      "as_class", yc_queue_class_code(pick.as_class), "why",
                      yc_queue_why_code(pick.why), "lag_s", (json_int_t)pick.lag_s, "called_at",
                      yc_q_time_json(ctx->now_ms), "text", spoken(ctx, x->t.number, x->w.number));
    }
    return rc;
}

/* ---- the other actions ---- */

static int
do_open(struct yc_ctx *ctx, struct win *x, int *unchanged, struct yc_err *err)
{
    const struct yc_user *me = ctx->user;
    int64_t other = 0;
    const char *number = NULL;
    int rc;

    if (!me) {
        return yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL, "只有前台受理人员可以开启窗口");
    }
    if (!x->w.active) {
        return yc_fail(err, YC_EUNPROC, "window_inactive", NULL, "窗口 %s 未启用", x->w.number);
    }
    if (!is_state(x, "closed")) {
        if (x->q.holder_id != me->id) {
            return yc_fail(err, YC_ECONFLICT, "window_held", NULL, "窗口 %s 已由 %s（%s）开启",
                           x->w.number, x->q.holder_name, x->q.holder_username);
        }
        *unchanged = 1; /* opening one's own open window again changes nothing */
        return 0;
    }
    rc = yc_store_hall_lock_user(ctx->db, me->id, err);
    if (rc == 0) {
        rc = yc_store_q_win_held_by(ctx->db, ctx->arena, me->id, ctx->today, x->w.id, &other,
                                    &number, err);
    }
    if (rc == 0 && number) {
        return yc_fail(err, YC_ECONFLICT, "already_holding", NULL,
                       "您已开启窗口 %s，请先关闭该窗口", number);
    }
    if (rc == 0) {
        x->q.holder_id = me->id;
        x->q.holder_username = me->username;
        x->q.holder_name = me->name;
        x->q.since = ctx->now_ms;
        x->q.pause_reason = "";
        x->q.ticket_id = 0;
        x->q.call_id = 0;
        rc = write_state(ctx, x, "open", err);
    }
    if (rc == 0) {
        rc = yc_q_event(ctx, "window_open", 0, x->w.id, x->w.zone_id, "", 0, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.window.open", x->w.number, "开启窗口 %s", x->w.number);
    }
    return rc;
}

static int
do_transfer(struct yc_ctx *ctx, struct win *x, const struct yc_qaction_input *in, json_t **res,
            struct yc_err *err)
{
    struct yc_zone z;
    struct yc_window tw = {0};
    int64_t target = 0, zone_id;
    const char *to;
    int found = 0;
    int rc = need_ticket_at(x, err);

    if (rc) {
        return rc;
    }
    if ((in->zone != NULL) == (in->window != NULL)) {
        return yc_fail(err, YC_EINVAL, "field_required", "zone",
                       "请指定转往的区域或窗口（二选一）");
    }
    if (!in->reason || !*in->reason) {
        return yc_fail(err, YC_EINVAL, "field_required", "reason", "请填写转移原因");
    }
    if (in->zone) {
        rc = yc_q_zone(ctx, in->zone, "zone", &z, err);
        zone_id = z.id;
        to = in->zone;
    } else {
        rc = yc_store_q_win_by_number(ctx->db, in->window, &target, err);
        if (rc == 0 && !target) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "window", "没有编号为 %s 的在用窗口",
                           in->window);
        }
        if (rc == 0 && target == x->w.id) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "window", "不能转给本窗口 %s",
                           in->window);
        }
        if (rc == 0) {
            rc = yc_store_window_get(ctx->db, ctx->arena, target, &tw, &found, err);
        }
        zone_id = tw.zone_id;
        to = in->window;
    }
    if (rc) {
        return rc;
    }
    if (strcmp(x->t.state, "called") != 0 && strcmp(x->t.state, "serving") != 0) {
        return yc_fail(err, YC_ECONFLICT, "ticket_state", NULL, "%s 号当前为 %s，不能转移",
                       x->t.number, x->t.state);
    }
    rc = yc_store_q_ticket_transfer(ctx->db, x->t.id, zone_id, target, ctx->now_ms, err);
    if (rc == 0) {
        rc = yc_store_q_call_finish(ctx->db, x->c.id, ctx->now_ms, "transferred", err);
    }
    if (rc == 0) {
        x->q.ticket_id = 0;
        x->q.call_id = 0;
        rc = yc_store_q_win_put(ctx->db, &x->q, err);
    }
    if (rc == 0) {
        rc = yc_q_event(
            ctx, "transferred", x->t.id, x->w.id, zone_id,
            yc_arena_printf(ctx->arena, "转至%s %s：%s", target ? "窗口" : "区域", to, in->reason),
            0, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.transfer", x->t.number, "窗口 %s 将 %s 号转至%s %s：%s",
                          x->w.number, x->t.number, target ? "窗口" : "区域", to, in->reason);
    }
    if (rc == 0) {
        *res = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)x->t.id, "number", x->t.number,
                         "to_zone", target ? tw.zone_prefix : z.prefix, "to_window",
                         target ? json_string(in->window) : json_null());
        x->has_ticket = 0;
    }
    return rc;
}

/* Recall, no-show, start, finish: the ticket at the window. */
static int
do_ticket(struct yc_ctx *ctx, struct win *x, enum yc_qaction a, json_t **res, struct yc_err *err)
{
    int rc = need_ticket_at(x, err);
    const char *kind = NULL, *zh = NULL;

    if (rc) {
        return rc;
    }
    switch (a) {
    case YC_QA_RECALL:
        rc = strcmp(x->t.state, "called") == 0 ? yc_store_q_call_recall(ctx->db, x->c.id, err)
                                               : yc_fail(err, YC_ECONFLICT, "ticket_state", NULL,
                                                         "%s 号已开始办理，不能重呼", x->t.number);
        kind = "recalled";
        zh = "重呼";
        break;
    case YC_QA_NO_SHOW:
        rc = ticket_to(ctx, x, "called", "no_show", "no_show", err);
        kind = "no_show";
        zh = "过号";
        break;
    case YC_QA_START:
        rc = ticket_to(ctx, x, "called", "serving", NULL, err);
        if (rc == 0) {
            rc = yc_store_q_call_serving(ctx->db, x->c.id, ctx->now_ms, err);
            x->c.serving_at = ctx->now_ms;
        }
        kind = "serving";
        zh = "开始办理";
        break;
    default: /* YC_QA_FINISH: from called or serving */
        rc = strcmp(x->t.state, "called") == 0 || strcmp(x->t.state, "serving") == 0
                 ? ticket_to(ctx, x, x->t.state, "served", "served", err)
                 : yc_fail(err, YC_ECONFLICT, "ticket_state", NULL, "%s 号当前为 %s，不能办结",
                           x->t.number, x->t.state);
        kind = "served";
        zh = "办结";
        break;
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, yc_arena_printf(ctx->arena, "queue.%s", kind), x->t.number,
                          "窗口 %s %s %s 号", x->w.number, zh, x->t.number);
    }
    /* the event last: a recall's display number locks the feed until the commit */
    if (rc == 0) {
        rc = yc_q_event(ctx, kind, x->t.id, x->w.id, x->t.zone_id, "", a == YC_QA_RECALL, err);
    }
    if (rc == 0 && a == YC_QA_RECALL) {
        x->c.recalls++;
        *res = json_pack("{s:I, s:s, s:s, s:i, s:s}", "id", (json_int_t)x->t.id, "number",
                         x->t.number, "zone", x->t.zone_prefix, "recalls", x->c.recalls, "text",
                         spoken(ctx, x->t.number, x->w.number));
    }
    if (rc == 0 && a == YC_QA_START) {
        x->t.state = "serving";
    }
    if (rc == 0 && (a == YC_QA_NO_SHOW || a == YC_QA_FINISH)) {
        x->has_ticket = 0;
    }
    return rc;
}

/* Pause, resume, close. */
static int
do_window(struct yc_ctx *ctx, struct win *x, enum yc_qaction a, const char *reason,
          struct yc_err *err)
{
    const char *kind, *zh, *state;
    int rc = 0;

    if (a == YC_QA_RESUME) {
        if (!is_state(x, "paused")) {
            return yc_fail(err, YC_ECONFLICT, "window_not_paused", NULL, "窗口 %s 未暂停",
                           x->w.number);
        }
        kind = "window_resume", zh = "恢复", state = "open";
        x->q.pause_reason = "";
    } else {
        rc = no_ticket_at(x, err);
        if (rc) {
            return rc;
        }
        if (a == YC_QA_PAUSE) {
            if (is_state(x, "paused")) {
                return yc_fail(err, YC_ECONFLICT, "window_paused", NULL, "窗口 %s 已暂停（%s）",
                               x->w.number, x->q.pause_reason);
            }
            if (!reason || !*reason) {
                return yc_fail(err, YC_EINVAL, "field_required", "reason", "请填写暂停原因");
            }
            kind = "window_pause", zh = "暂停", state = "paused";
            x->q.pause_reason = reason;
        } else {
            kind = "window_close", zh = "关闭", state = "closed";
            x->q.pause_reason = "";
        }
    }
    x->q.since = ctx->now_ms;
    rc = write_state(ctx, x, state, err);
    if (rc == 0) {
        rc = yc_q_event(ctx, kind, 0, x->w.id, x->w.zone_id, reason ? reason : "", 0, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, yc_arena_printf(ctx->arena, "queue.%s", kind), x->w.number,
                          "%s窗口 %s%s%s", zh, x->w.number, a == YC_QA_PAUSE ? "：" : "",
                          a == YC_QA_PAUSE ? reason : "");
    }
    return rc;
}

/* Closed, or held by someone else: the action is refused. */
static int
must_hold(struct yc_ctx *ctx, const struct win *x, struct yc_err *err)
{
    if (is_state(x, "closed")) {
        return yc_fail(err, YC_ECONFLICT, "window_closed", NULL, "窗口 %s 未开启，请先开启窗口",
                       x->w.number);
    }
    if (!ctx->user || x->q.holder_id != ctx->user->id) {
        return yc_fail(err, YC_ECONFLICT, "window_held", NULL,
                       "窗口 %s 由 %s（%s）开启，您不能操作", x->w.number, x->q.holder_name,
                       x->q.holder_username);
    }
    return 0;
}

static const char *const result_keys[YC_QA__MAX] = {
    [YC_QA_CALL] = "called", [YC_QA_RECALL] = "recalled", [YC_QA_TRANSFER] = "transferred"};

int
yc_svc_window_action(struct yc_ctx *ctx, int64_t window_id, enum yc_qaction action,
                     const struct yc_qaction_input *in, json_t **out, struct yc_err *err)
{
    struct win x;
    struct pickset ps = {0};
    json_t *res = NULL, *state = NULL;
    int unchanged = 0;
    int rc = yc_svc_allow(ctx, YC_OP_QUEUE_CALL, err);

    if (rc == 0 && !ctx->user) {
        rc = yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL, "只有前台受理人员可以操作窗口");
    }
    if (rc) {
        return rc;
    }
    if (action == YC_QA_CALL) {
        rc = load_win(ctx, window_id, 0, &x, err);
        if (rc == 0) {
            rc = load_pickset(ctx, &x, &ps, err);
        }
        if (rc) {
            return rc;
        }
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = load_win(ctx, window_id, 1, &x, err);
    if (rc == 0 && action != YC_QA_OPEN) {
        rc = must_hold(ctx, &x, err);
    }
    if (rc == 0) {
        switch (action) {
        case YC_QA_OPEN:
            rc = do_open(ctx, &x, &unchanged, err);
            break;
        case YC_QA_CALL:
            rc = do_call(ctx, &x, &ps, &res, err);
            break;
        case YC_QA_TRANSFER:
            rc = do_transfer(ctx, &x, in, &res, err);
            break;
        case YC_QA_PAUSE:
        case YC_QA_RESUME:
        case YC_QA_CLOSE:
            rc = do_window(ctx, &x, action, in ? in->reason : NULL, err);
            break;
        default:
            rc = do_ticket(ctx, &x, action, &res, err);
            break;
        }
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0 && (action == YC_QA_CALL || action == YC_QA_RECALL)) {
        yc_q_notify();
    }
    (void)unchanged;
    /* the answer: the window as written (x follows every change), with today's counts */
    if (rc == 0) {
        rc = state_json(ctx, &x, &state, err);
    }
    if (rc) {
        json_decref(state);
        json_decref(res);
        return rc;
    }
    *out = json_pack("{s:o}", "window", state);
    if (res && result_keys[action]) {
        json_object_set_new(*out, result_keys[action], res);
    } else {
        json_decref(res);
    }
    return 0;
}
