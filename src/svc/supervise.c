/*
 * supervise.c - the live board and the scan that keeps it (materialised warning levels, warnings
 * told to the responsible staff, overdue orders), supervision orders (督办单), the configurable
 * deadlines, and the helpers the evaluation files share (supervise_int.h). docs/supervision.md
 * explains the choices.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "base/log.h"
#include "base/str.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/roles.h"
#include "domain/supervise.h"
#include "svc/case_int.h"
#include "svc/supervise_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define CONFIG_KEY "supervision"
#define WATCH_KEY  "supervise.watch"
/* A case change committed this long after its updated_at was taken is still seen by the scan. */
#define OVERLAP_MS (120LL * 1000)
#define BATCH      500

/* ---- shared helpers (supervise_int.h) ---- */

int64_t
yc_sup_scope(const struct yc_ctx *ctx)
{
    if (ctx->system) {
        return 0;
    }
    if (!ctx->user) {
        return -1;
    }
    if (ctx->user->roles & (YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN)) {
        return 0;
    }
    return ctx->user->department_id ? ctx->user->department_id : -1;
}

int
yc_sup_in_scope(const struct yc_ctx *ctx, int64_t department_id)
{
    int64_t s = yc_sup_scope(ctx);

    return s == 0 || s == department_id;
}

struct add_call {
    int32_t from;
    int n;
    int32_t end;
    int missing;
};

static int
add_cb(const struct yc_calendar *cal, void *arg)
{
    struct add_call *a = arg;

    return yc_cal_add_workdays(cal, a->from, a->n, &a->end, &a->missing);
}

int
yc_sup_workdays_after(int32_t from, int n, int32_t *out, struct yc_err *err)
{
    struct add_call a = {from, n, 0, 0};
    int rc = yc_svc_cal_use(add_cb, &a, err);

    if (rc == YC_CAL_ENOYEAR) {
        return yc_fail(err, YC_EUNPROC, "calendar_year_missing", NULL,
                       "没有 %d 年的节假日数据（国务院办公厅通知尚未导入），无法计算期限",
                       a.missing);
    }
    if (rc == YC_CAL_EINVAL) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", NULL, "工作日数应为非负整数");
    }
    *out = a.end;
    return rc;
}

int
yc_sup_tell_user(struct yc_ctx *ctx, int64_t user_id, const char *text, struct yc_err *err)
{
    const char *name = NULL;
    int rc = user_id ? yc_store_username(ctx->db, ctx->arena, user_id, &name, err) : 0;

    if (rc == 0 && name) {
        rc = yc_store_outbox_staff(ctx->db, name, text, ctx->now_ms, err);
    }
    return rc;
}

int
yc_sup_tell_heads(struct yc_ctx *ctx, int64_t department_id, const char *text, struct yc_err *err)
{
    const char **names;
    size_t n;
    int rc = yc_store_dept_heads(ctx->db, ctx->arena, department_id, &names, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = yc_store_outbox_staff(ctx->db, names[i], text, ctx->now_ms, err);
    }
    return rc;
}

json_t *
yc_sup_day_json(int32_t day)
{
    char d[11];

    if (day == YC_NO_DAY) {
        return json_null();
    }
    yc_date_format(day, d);
    return json_string(d);
}

json_t *
yc_sup_time_json(int64_t ms)
{
    char t[21];

    if (ms <= 0) {
        return json_null();
    }
    yc_clock_format_iso(ms, t);
    return json_string(t);
}

static int
config_int(const json_t *o, const char *key, int lo, int hi, int dflt)
{
    json_t *v = json_object_get(o, key);
    json_int_t i = json_is_integer(v) ? json_integer_value(v) : -1;

    return i >= lo && i <= hi ? (int)i : dflt;
}

int
yc_sup_config_load(struct yc_ctx *ctx, struct yc_sup_config *out, struct yc_err *err)
{
    const char *v = NULL;
    json_t *o;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, CONFIG_KEY, &v, err);

    struct yc_clock_policy p;

    yc_clock_policy_default(&p);
    out->callback_days = YC_SUP_DEFAULT_DAYS;
    out->fix_days = YC_SUP_DEFAULT_DAYS;
    out->warn_days = p.warn_days;
    out->red_days = p.red_days;
    if (rc || !v) {
        return rc;
    }
    o = json_loads(v, 0, NULL);
    out->callback_days = config_int(o, "callback_days", 1, YC_SUP_MAX_DAYS, YC_SUP_DEFAULT_DAYS);
    out->fix_days = config_int(o, "fix_days", 1, YC_SUP_MAX_DAYS, YC_SUP_DEFAULT_DAYS);
    out->warn_days = config_int(o, "warn_days", 0, YC_SUP_MAX_WARN_DAYS, p.warn_days);
    out->red_days = config_int(o, "red_days", 1, YC_SUP_MAX_RED_DAYS, p.red_days);
    json_decref(o);
    return 0;
}

int
yc_svc_clock_policy(struct yc_ctx *ctx, struct yc_clock_policy *p, struct yc_err *err)
{
    yc_clock_policy_default(p);
    if (!ctx->policy_loaded) {
        struct yc_sup_config c;
        int rc = yc_sup_config_load(ctx, &c, err);

        if (rc) {
            return rc;
        }
        ctx->warn_days = c.warn_days;
        ctx->red_days = c.red_days;
        ctx->policy_loaded = 1;
    }
    p->warn_days = ctx->warn_days;
    p->red_days = ctx->red_days;
    return 0;
}

static json_t *
config_json(const struct yc_sup_config *c)
{
    return json_pack("{s:i, s:i, s:i, s:i}", "callback_days", c->callback_days, "fix_days",
                     c->fix_days, "warn_days", c->warn_days, "red_days", c->red_days);
}

int
yc_svc_supervise_config_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_sup_config c;
    int rc = yc_svc_allow(ctx, YC_OP_SUPERVISE_BOARD, err);

    if (rc == 0) {
        rc = yc_sup_config_load(ctx, &c, err);
    }
    if (rc == 0) {
        *out = config_json(&c);
    }
    return rc;
}

int
yc_svc_supervise_config_put(struct yc_ctx *ctx, const json_t *body, json_t **out,
                            struct yc_err *err)
{
    struct yc_sup_config c;
    char *text = NULL;
    int rc = yc_svc_allow(ctx, YC_OP_SUPERVISE_CONFIG, err);

    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
        if (rc) {
            return rc;
        }
        rc = yc_sup_config_load(ctx, &c, err);
        if (rc == 0) {
            c.callback_days = config_int(body, "callback_days", 1, YC_SUP_MAX_DAYS, c.callback_days);
            c.fix_days = config_int(body, "fix_days", 1, YC_SUP_MAX_DAYS, c.fix_days);
            c.warn_days = config_int(body, "warn_days", 0, YC_SUP_MAX_WARN_DAYS, c.warn_days);
            c.red_days = config_int(body, "red_days", 1, YC_SUP_MAX_RED_DAYS, c.red_days);
            *out = config_json(&c);
            text = yc_json_dump(*out, NULL);
            /* the board's levels were computed with the old thresholds: the next scan sees
             * them in its generation and recomputes every open case */
            rc = yc_store_setting_put(ctx->db, CONFIG_KEY, text, err);
        }
        if (rc == 0) {
            ctx->policy_loaded = 0;
            rc = yc_svc_audit(ctx, err, "supervision.config", CONFIG_KEY,
                              "回访期限 %d 个工作日，整改期限 %d 个工作日；剩余 %d 个工作日预警，"
                              "超期 %d 个工作日以上红牌",
                              c.callback_days, c.fix_days, c.warn_days, c.red_days);
        }
        free(text);
        rc = yc_db_finish(ctx->db, rc, err);
        if (rc && *out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

/* ---- the watch: materialised levels of open cases ---- */

struct watch_state {
    char gen[32];       /* "calendar generation/warn_days/red_days" the rows were computed with */
    int64_t mark;       /* every case change with updated_at < mark has been seen */
    int64_t ran_at;     /* when the scan last finished */
    int32_t counts_day; /* the day the board's counts were written for */
};

static int
state_load(struct yc_ctx *ctx, struct watch_state *s, int *have, struct yc_err *err)
{
    const char *v = NULL;
    json_t *o;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, WATCH_KEY, &v, err);

    memset(s, 0, sizeof(*s));
    *have = 0;
    if (rc || !v) {
        return rc;
    }
    o = json_loads(v, 0, NULL);
    if (json_is_object(o)) {
        yc_strlcpy(s->gen, yc_json_str(o, "gen", ""), sizeof(s->gen));
        s->mark = yc_json_int(o, "mark", 0);
        s->ran_at = yc_json_int(o, "ran_at", 0);
        s->counts_day = (int32_t)yc_json_int(o, "counts_day", 0);
        *have = 1;
    }
    json_decref(o);
    return 0;
}

static int
state_save(struct yc_ctx *ctx, const struct watch_state *s, struct yc_err *err)
{
    json_t *o = json_pack("{s:s, s:I, s:I, s:I}", "gen", s->gen, "mark", (json_int_t)s->mark,
                          "ran_at", (json_int_t)s->ran_at, "counts_day", (json_int_t)s->counts_day);
    char *text = yc_json_dump(o, NULL);
    int rc = yc_db_begin(ctx->db, err);

    if (rc == 0) {
        rc = yc_store_setting_put(ctx->db, WATCH_KEY, text, err);
        rc = yc_db_finish(ctx->db, rc, err);
    }
    free(text);
    json_decref(o);
    return rc;
}

struct watch_call {
    const struct yc_clock *clk;
    struct yc_clock_policy policy; /* the thresholds in force, as in the case views */
    int32_t today;
    struct yc_watch w;
    struct yc_clock_fault fault;
};

static int
watch_cb(const struct yc_calendar *cal, void *arg)
{
    struct watch_call *wc = arg;

    return yc_watch_compute(cal, wc->clk, &wc->policy, wc->today, &wc->w, &wc->fault);
}

static enum yc_case_clock_phase
phase_of(const char *state)
{
    enum yc_case_state st;

    if (yc_case_state_parse(state, strlen(state), &st) != 0) {
        return YC_CASE_PHASE_FINISHED;
    }
    return yc_case_state_phase(st);
}

static int32_t
next_day(const struct yc_watch *w, int level)
{
    return level >= YC_CLOCK_LEVEL_RED ? YC_NO_DAY
                                       : yc_watch_level_day(w, (enum yc_clock_level)(level + 1));
}

/* The thresholds of one case's clock, or none when its clock cannot be computed today. */
static int
watch_thresholds(struct yc_ctx *ctx, const struct yc_case *c, struct yc_watch *w,
                 struct yc_err *err)
{
    struct yc_case_stop_row *stops;
    size_t nstops;
    struct yc_clock clk;
    struct watch_call wc = {0};
    int rc = yc_case_clock_build(ctx, c, &clk, &stops, &nstops, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_clock_policy(ctx, &wc.policy, err);
    if (rc) {
        return rc;
    }
    wc.clk = &clk;
    wc.today = ctx->today < clk.start_day ? clk.start_day : ctx->today;
    rc = yc_svc_cal_use(watch_cb, &wc, err);
    if (rc == YC_EUNAVAIL) {
        return rc;
    }
    if (rc) {
        /* a year without calendar data (or a broken record): no level until it can be counted */
        yc_log(YC_LOG_WARN, "watch %s: %s", c->number, wc.fault.message);
        w->incomplete = 1;
        return 0;
    }
    *w = wc.w;
    return 0;
}

/* (Re)compute the watch row of one case (inside the caller's transaction). */
static int
watch_one(struct yc_ctx *ctx, int64_t id, struct yc_err *err)
{
    struct yc_case c;
    struct yc_watch w;
    struct yc_watch_row row;
    enum yc_case_clock_phase ph;
    int found = 0, notified = 0, have = 0;
    int rc = yc_store_case_get(ctx->db, ctx->arena, id, NULL, &c, &found, err);

    if (rc || !found) {
        return rc;
    }
    ph = phase_of(c.state);
    if (ph == YC_CASE_PHASE_FINISHED) {
        return yc_store_watch_delete(ctx->db, id, err);
    }
    memset(&w, 0, sizeof(w));
    w.statutory_end = w.promised_end = YC_NO_DAY;
    w.warn_day = w.yellow_day = w.red_day = YC_NO_DAY;
    if (ph != YC_CASE_PHASE_NOT_STARTED && c.accepted_day != YC_NO_DAY) {
        rc = watch_thresholds(ctx, &c, &w, err);
    }
    if (rc == 0) {
        rc = yc_store_watch_notified(ctx->db, id, &notified, &have, err);
    }
    if (rc) {
        return rc;
    }
    /* a level that dropped (an extension) may be told again when it comes back */
    if (notified > (int)yc_watch_level_at(&w, ctx->today)) {
        notified = (int)yc_watch_level_at(&w, ctx->today);
    }
    row.case_id = id;
    row.department_id = c.department_id;
    row.matter_id = c.matter_id;
    row.case_version = c.version;
    row.stopped = w.stopped;
    row.statutory_end = w.statutory_end;
    row.promised_end = w.promised_end;
    row.warn_day = w.warn_day;
    row.yellow_day = w.yellow_day;
    row.red_day = w.red_day;
    row.notified_level = notified;
    row.notify_day = next_day(&w, notified);
    row.refresh_day = w.stopped || w.incomplete ? ctx->today + 1 : YC_NO_DAY;
    row.computed_at = ctx->now_ms;
    return yc_store_watch_put(ctx->db, &row, err);
}

/* A context like ctx with its own arena, released after each batch (a rebuild reads many rows). */
static void
batch_ctx(const struct yc_ctx *ctx, struct yc_ctx *b, struct yc_arena *a)
{
    *b = *ctx;
    yc_arena_init(a);
    b->arena = a;
}

/* Recompute the candidates that need it, in one transaction. force: even when up to date. */
static int
watch_batch(const struct yc_ctx *ctx, const struct yc_watch_cand *c, size_t n, int force,
            size_t *written, struct yc_err *err)
{
    struct yc_ctx b;
    struct yc_arena a;
    size_t todo = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        todo += force || c[i].watch_version != c[i].version;
    }
    if (todo == 0) {
        return 0;
    }
    batch_ctx(ctx, &b, &a);
    rc = yc_db_begin(b.db, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!force && c[i].watch_version == c[i].version) {
            continue;
        }
        if (c[i].watch_version == -1 && phase_of(c[i].state) == YC_CASE_PHASE_FINISHED) {
            continue; /* finished and never watched (or already removed) */
        }
        rc = watch_one(&b, c[i].id, err);
        (*written)++;
    }
    rc = yc_db_finish(b.db, rc, err);
    yc_arena_release(&a);
    return rc;
}

/* Every case changed at or after mark, in keyset order. */
static int
watch_changed(const struct yc_ctx *ctx, int64_t mark, size_t *written, struct yc_err *err)
{
    int64_t at = mark, id = 0;
    size_t n;
    int rc;

    do {
        struct yc_arena a;
        struct yc_watch_cand *c;

        yc_arena_init(&a);
        rc = yc_store_watch_changed(ctx->db, &a, at, id, BATCH, &c, &n, err);
        if (rc == 0) {
            rc = watch_batch(ctx, c, n, 0, written, err);
        }
        if (rc == 0 && n) {
            at = c[n - 1].updated_at;
            id = c[n - 1].id;
        }
        yc_arena_release(&a);
    } while (rc == 0 && n == BATCH);
    return rc;
}

/* Every open case (force: recompute even those up to date), then drop rows of finished cases. */
static int
watch_rebuild(const struct yc_ctx *ctx, int force, size_t *written, struct yc_err *err)
{
    size_t n;
    int rc = 0;

    for (int s = 0; rc == 0 && s < YC_CASE_STATE__MAX; s++) {
        int64_t after = 0;
        if (yc_case_state_phase((enum yc_case_state)s) == YC_CASE_PHASE_FINISHED) {
            continue;
        }
        do {
            struct yc_arena a;
            struct yc_watch_cand *c;
            yc_arena_init(&a);
            rc = yc_store_watch_of_state(ctx->db, &a, yc_case_state_name((enum yc_case_state)s),
                                         after, BATCH, &c, &n, err);
            if (rc == 0) {
                rc = watch_batch(ctx, c, n, force, written, err);
            }
            if (rc == 0 && n) {
                after = c[n - 1].id;
            }
            yc_arena_release(&a);
        } while (rc == 0 && n == BATCH);
    }
    do {
        struct yc_arena a;
        int64_t *ids;
        yc_arena_init(&a);
        n = 0;
        rc = rc ? rc : yc_store_watch_orphans(ctx->db, &a, &ids, &n, err);
        if (rc == 0 && n) {
            rc = yc_db_begin(ctx->db, err);
            for (size_t i = 0; rc == 0 && i < n; i++) {
                rc = yc_store_watch_delete(ctx->db, ids[i], err);
            }
            *written += n;
            rc = yc_db_finish(ctx->db, rc, err);
        }
        yc_arena_release(&a);
    } while (rc == 0 && n > 0);
    return rc;
}

/* Rows due for a daily recompute (stopped clocks, thresholds past the calendar). */
static int
watch_refresh_due(const struct yc_ctx *ctx, size_t *written, struct yc_err *err)
{
    size_t n;
    int rc;

    do {
        struct yc_ctx b;
        struct yc_arena a;
        int64_t *ids;
        batch_ctx(ctx, &b, &a);
        rc = yc_store_watch_refresh_due(b.db, &a, b.today, BATCH, &ids, &n, err);
        if (rc == 0 && n) {
            rc = yc_db_begin(b.db, err);
            for (size_t i = 0; rc == 0 && i < n; i++) {
                rc = watch_one(&b, ids[i], err);
            }
            *written += n;
            rc = yc_db_finish(b.db, rc, err);
        }
        yc_arena_release(&a);
    } while (rc == 0 && n == BATCH);
    return rc;
}

/* ---- warnings and overdue orders ---- */

static int
warn_one(struct yc_ctx *ctx, const struct yc_watch_note *x, struct yc_err *err)
{
    struct yc_watch w = {0};
    enum yc_clock_level lv;
    char end[11];
    const char *text;
    int won = 0;
    int rc;

    w.warn_day = x->warn_day;
    w.yellow_day = x->yellow_day;
    w.red_day = x->red_day;
    lv = yc_watch_level_at(&w, ctx->today);
    if ((int)lv <= x->notified_level) {
        /* nothing new on this day: look again when the next level comes */
        int32_t next = next_day(&w, x->notified_level);
        return yc_store_watch_notified_set(ctx->db, x->case_id, x->notified_level,
                                           x->notified_level, next > ctx->today ? next : YC_NO_DAY,
                                           &won, err);
    }
    rc = yc_store_watch_notified_set(ctx->db, x->case_id, x->notified_level, (int)lv,
                                     next_day(&w, (int)lv), &won, err);
    if (rc || !won) {
        return rc; /* another process told them */
    }
    for (int l = x->notified_level + 1; rc == 0 && l <= (int)lv; l++) {
        int32_t day = yc_watch_level_day(&w, (enum yc_clock_level)l);
        rc = yc_store_warning_insert(ctx->db, x->case_id,
                                     yc_clock_level_name((enum yc_clock_level)l),
                                     day == YC_NO_DAY || day > ctx->today ? ctx->today : day,
                                     x->department_id, x->matter_id, ctx->now_ms, err);
    }
    yc_date_format(x->statutory_end, end);
    text = yc_arena_printf(ctx->arena, "【电子监察】办件 %s（%s）%s：法定办理期限 %s，请抓紧办理",
                           x->number, x->matter_name,
                           lv == YC_CLOCK_LEVEL_WARN     ? "即将到期（预警）"
                           : lv == YC_CLOCK_LEVEL_YELLOW ? "已超期（黄牌）"
                                                         : "严重超期（红牌）",
                           x->statutory_end == YC_NO_DAY ? "未定" : end);
    if (rc == 0) {
        rc = yc_sup_tell_user(ctx, x->assignee_id, text, err);
    }
    if (rc == 0 && lv >= YC_CLOCK_LEVEL_YELLOW) {
        rc = yc_sup_tell_heads(ctx, x->department_id, text, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.warning", x->number, "%s：法定办理期限 %s",
                          yc_clock_level_label(lv), x->statutory_end == YC_NO_DAY ? "未定" : end);
    }
    return rc;
}

static int
warn_all(const struct yc_ctx *ctx, struct yc_err *err)
{
    struct yc_ctx b;
    struct yc_arena a;
    struct yc_watch_note *x;
    size_t n;
    int rc;

    batch_ctx(ctx, &b, &a);
    rc = yc_store_watch_notify_due(b.db, &a, b.today, &x, &n, err);
    if (rc == 0 && n) {
        rc = yc_db_begin(b.db, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = warn_one(&b, &x[i], err);
        }
        rc = yc_db_finish(b.db, rc, err);
    }
    yc_arena_release(&a);
    return rc;
}

static int
overdue_orders(const struct yc_ctx *ctx, struct yc_err *err)
{
    struct yc_ctx b;
    struct yc_arena a;
    struct yc_order *o;
    size_t n;
    int won;
    int rc;

    batch_ctx(ctx, &b, &a);
    rc = yc_store_order_overdue_due(b.db, &a, b.today, &o, &n, err);
    if (rc == 0 && n) {
        rc = yc_db_begin(b.db, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            char d[11];
            yc_date_format(o[i].deadline_day, d);
            rc = yc_store_order_overdue_mark(b.db, o[i].id, &won, err);
            if (rc == 0 && won) {
                rc = yc_sup_tell_heads(
                    &b, o[i].department_id,
                    yc_arena_printf(&a, "【督办】督办单 %s 已超过回复期限 %s，请尽快回复",
                                    o[i].number, d),
                    err);
            }
            if (rc == 0 && won) {
                rc = yc_svc_audit(&b, err, "order.overdue", o[i].number, "超过回复期限 %s 未回复",
                                  d);
            }
        }
        rc = yc_db_finish(b.db, rc, err);
    }
    yc_arena_release(&a);
    return rc;
}

/* ---- the scan ---- */

static pthread_mutex_t rebuilt_lock = PTHREAD_MUTEX_INITIALIZER;
static int rebuilt; /* this process has rebuilt the watch once */

int
yc_svc_supervise_scan(struct yc_ctx *ctx, struct yc_err *err)
{
    struct watch_state s;
    const char *cal_gen = NULL;
    char gen[32], token[23];
    struct yc_clock_policy policy;
    size_t written = 0;
    int have = 0, first;
    int64_t started = ctx->now_ms;
    int rc = state_load(ctx, &s, &have, err);

    if (rc == 0) {
        rc = yc_store_setting_get(ctx->db, ctx->arena, "calendar_gen", &cal_gen, err);
    }
    if (rc == 0) {
        rc = yc_svc_clock_policy(ctx, &policy, err);
    }
    if (rc) {
        return rc;
    }
    /* a calendar import or new warning thresholds move every row's level days */
    snprintf(gen, sizeof(gen), "%.16s/%d/%d", cal_gen ? cal_gen : "0", policy.warn_days,
             policy.red_days);
    pthread_mutex_lock(&rebuilt_lock);
    first = !rebuilt;
    rebuilt = 1;
    pthread_mutex_unlock(&rebuilt_lock);
    if (have && strcmp(s.gen, gen) != 0) {
        /* the calendar or the thresholds changed: every row's level days may have moved */
        rc = yc_db_begin(ctx->db, err);
        if (rc == 0) {
            rc = yc_store_watch_force(ctx->db, err);
            rc = yc_db_finish(ctx->db, rc, err);
        }
        first = 1;
    }
    if (rc == 0) {
        /* the first run of a process also catches cases written behind the scan's back */
        rc = first ? watch_rebuild(ctx, 0, &written, err)
                   : watch_changed(ctx, s.mark, &written, err);
    }
    if (rc == 0) {
        rc = watch_refresh_due(ctx, &written, err);
    }
    if (rc == 0 && (first || written || s.counts_day != ctx->today)) {
        /* levels change only with a watch row or with the day: then the counts are rewritten */
        rc = yc_db_begin(ctx->db, err);
        if (rc == 0) {
            rc = yc_store_board_count(ctx->db, ctx->today, err);
            rc = yc_db_finish(ctx->db, rc, err);
        }
        s.counts_day = ctx->today;
    }
    if (rc == 0) {
        rc = warn_all(ctx, err);
    }
    if (rc == 0) {
        rc = overdue_orders(ctx, err);
    }
    if (rc == 0) {
        /* create the rating key outside any request, so requests only read it */
        rc = yc_db_begin(ctx->db, err);
        if (rc == 0) {
            rc = yc_sup_rating_token(ctx, "", token, err);
            rc = yc_db_finish(ctx->db, rc, err);
        }
    }
    if (rc == 0) {
        yc_strlcpy(s.gen, gen, sizeof(s.gen));
        s.mark = s.mark > started - OVERLAP_MS ? s.mark : started - OVERLAP_MS;
        s.ran_at = started;
        rc = state_save(ctx, &s, err);
    } else if (first) {
        pthread_mutex_lock(&rebuilt_lock);
        rebuilt = 0; /* try the rebuild again next time */
        pthread_mutex_unlock(&rebuilt_lock);
    }
    return rc;
}

/* ---- the board ---- */

static json_t *
counts_json(const int64_t n[4])
{
    json_int_t total = (json_int_t)n[0] + (json_int_t)n[1] + (json_int_t)n[2] + (json_int_t)n[3];

    return json_pack("{s:I, s:I, s:I, s:I, s:I}", "none", (json_int_t)n[0], "warn",
                     (json_int_t)n[1], "yellow", (json_int_t)n[2], "red", (json_int_t)n[3], "total",
                     total);
}

static json_t *
levels_json(void)
{
    json_t *a = json_array();

    for (int l = 0; l < YC_CLOCK_LEVEL__MAX; l++) {
        json_array_append_new(a, json_pack("{s:s, s:s}", "level",
                                           yc_clock_level_name((enum yc_clock_level)l), "label",
                                           yc_clock_level_label((enum yc_clock_level)l)));
    }
    return a;
}

static const char *
state_zh(const char *name)
{
    enum yc_case_state s;

    return yc_case_state_parse(name, strlen(name), &s) == 0 ? yc_case_state_label(s) : "未知";
}

static json_t *
groups_json(const struct yc_board_group *g, size_t n, int64_t total[4])
{
    json_t *depts = json_array();
    json_t *dept = NULL, *matters = NULL;
    int64_t dn[4] = {0};

    for (size_t i = 0; i <= n; i++) {
        if (dept && (i == n || g[i].department_id != g[i - 1].department_id)) {
            json_object_set_new(dept, "counts", counts_json(dn));
            json_array_append_new(depts, dept);
            dept = NULL;
        }
        if (i == n) {
            break;
        }
        if (!dept) {
            matters = json_array();
            dept = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)g[i].department_id, "name",
                             g[i].department_name, "matters", matters);
            memset(dn, 0, sizeof(dn));
        }
        for (int l = 0; l < 4; l++) {
            dn[l] += g[i].n[l];
            total[l] += g[i].n[l];
        }
        json_array_append_new(matters,
                              json_pack("{s:I, s:s, s:o}", "id", (json_int_t)g[i].matter_id, "name",
                                        g[i].matter_name, "counts", counts_json(g[i].n)));
    }
    return depts;
}

static json_t *
board_cases_json(const struct yc_board_case *c, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        enum yc_clock_level l = (enum yc_clock_level)c[i].level;
        json_array_append_new(
            a,
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:b, s:s}", "id",
                      (json_int_t)c[i].case_id, "number", c[i].number, "matter", c[i].matter_name,
                      "department", c[i].department_name, "state", c[i].state, "state_zh",
                      state_zh(c[i].state), "accepted", yc_sup_day_json(c[i].accepted_day),
                      "promised_end", yc_sup_day_json(c[i].promised_end), "statutory_end",
                      yc_sup_day_json(c[i].statutory_end), "level", yc_clock_level_name(l),
                      "level_zh", yc_clock_level_label(l), "stopped", c[i].stopped, "assignee",
                      c[i].assignee_name));
    }
    return a;
}

int
yc_svc_supervise_board(struct yc_ctx *ctx, const struct yc_board_query *q, json_t **out,
                       struct yc_err *err)
{
    struct yc_board_group *g;
    struct yc_board_case *c = NULL;
    struct yc_clock_policy policy;
    struct watch_state s;
    size_t n, nc = 0;
    int64_t total[4] = {0}, open = 0, overdue = 0, cb_all = 0, cb_done = 0, cb_late = 0;
    int have = 0;
    json_t *depts;
    int rc = yc_svc_allow(ctx, YC_OP_SUPERVISE_BOARD, err);

    if (rc == 0) {
        rc = yc_store_board(ctx->db, ctx->arena, q->department_id, q->matter_id, &g, &n, err);
    }
    if (rc == 0 && q->drill) {
        rc = yc_store_board_cases(ctx->db, ctx->arena, ctx->today, q->department_id, q->matter_id,
                                  q->level, q->limit, &c, &nc, err);
    }
    if (rc == 0) {
        rc = yc_store_board_orders(ctx->db, ctx->today, q->department_id, &open, &overdue, err);
    }
    if (rc == 0) {
        rc = yc_store_board_callbacks(ctx->db, ctx->today, q->department_id, &cb_all, &cb_done,
                                      &cb_late, err);
    }
    if (rc == 0) {
        rc = state_load(ctx, &s, &have, err);
    }
    if (rc == 0) {
        rc = yc_svc_clock_policy(ctx, &policy, err);
    }
    if (rc) {
        return rc;
    }
    depts = groups_json(g, n, total);
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:{s:I, s:I, s:I, s:I, s:o}}", "day",
                     yc_sup_day_json(ctx->today), "refreshed_at",
                     yc_sup_time_json(have ? s.ran_at : 0), "levels", levels_json(), "totals",
                     counts_json(total), "departments", depts, "orders", "open", (json_int_t)open,
                     "overdue", (json_int_t)overdue, "callbacks", "real_name_bad",
                     (json_int_t)cb_all, "called_back", (json_int_t)cb_done, "missing",
                     (json_int_t)(cb_all - cb_done), "late", (json_int_t)cb_late, "rate",
                     cb_all ? json_real((double)cb_done / (double)cb_all) : json_null());
    json_object_set_new(*out, "thresholds",
                        json_pack("{s:i, s:i}", "warn_days", policy.warn_days, "red_days",
                                  policy.red_days));
    if (q->drill) {
        json_object_set_new(*out, "cases", board_cases_json(c, nc));
    }
    return 0;
}

/*
 * The whole centre's board (no filter), as text, kept while nothing it shows has changed. The
 * supervisors' pages and the lobby's big screen load it every few seconds, and building the
 * counts of every department and matter (1,161 with ten million cases) is most of a load's CPU.
 * What it shows is fixed by: the scan that wrote the counts (its ran_at, saved after the counts),
 * the day, the thresholds, and the order and callback figures, read fresh on every load (two small
 * indexed counts). The state is read before the counts, so a page built across a scan is kept
 * under the older key, never a stale page under the newer one. Each process keeps its own copy;
 * the key is read from the database, so several processes on one PostgreSQL agree.
 */
static pthread_mutex_t board_cache_lock = PTHREAD_MUTEX_INITIALIZER;
static char board_cache_key[200];
static char *board_cache_text; /* malloc'd; NULL: none yet */
static size_t board_cache_len;

int
yc_svc_supervise_board_text(struct yc_ctx *ctx, const char **text, size_t *len,
                            struct yc_err *err)
{
    struct yc_board_query q = {0, 0, -1, 0, 200};
    struct yc_clock_policy policy;
    struct watch_state s;
    int64_t open = 0, overdue = 0, cb_all = 0, cb_done = 0, cb_late = 0;
    int have = 0, hit = 0;
    char key[sizeof(board_cache_key)];
    json_t *out = NULL;
    char *dumped;
    int rc = yc_svc_allow(ctx, YC_OP_SUPERVISE_BOARD, err);

    if (rc == 0) {
        rc = state_load(ctx, &s, &have, err);
    }
    if (rc == 0) {
        rc = yc_svc_clock_policy(ctx, &policy, err);
    }
    if (rc == 0) {
        rc = yc_store_board_orders(ctx->db, ctx->today, 0, &open, &overdue, err);
    }
    if (rc == 0) {
        rc = yc_store_board_callbacks(ctx->db, ctx->today, 0, &cb_all, &cb_done, &cb_late, err);
    }
    if (rc) {
        return rc;
    }
    snprintf(key, sizeof(key), "%lld/%d/%d/%d/%d/%lld/%lld/%lld/%lld/%lld",
             (long long)(have ? s.ran_at : 0), (int)s.counts_day, (int)ctx->today,
             policy.warn_days, policy.red_days, (long long)open, (long long)overdue,
             (long long)cb_all, (long long)cb_done, (long long)cb_late);
    pthread_mutex_lock(&board_cache_lock);
    if (board_cache_text && strcmp(board_cache_key, key) == 0) {
        *text = yc_arena_strndup(ctx->arena, board_cache_text, board_cache_len);
        *len = board_cache_len;
        hit = 1;
    }
    pthread_mutex_unlock(&board_cache_lock);
    if (hit) {
        return 0;
    }
    rc = yc_svc_supervise_board(ctx, &q, &out, err);
    if (rc) {
        return rc;
    }
    dumped = yc_json_dump(out, len);
    json_decref(out);
    *text = yc_arena_strndup(ctx->arena, dumped, *len);
    pthread_mutex_lock(&board_cache_lock);
    free(board_cache_text);
    board_cache_text = dumped;
    board_cache_len = *len;
    yc_strlcpy(board_cache_key, key, sizeof(board_cache_key));
    pthread_mutex_unlock(&board_cache_lock);
    return 0;
}

/* ---- supervision orders ---- */

static json_t *
order_json(const struct yc_ctx *ctx, const struct yc_order *o)
{
    enum yc_order_state st = YC_ORDER__MAX;
    char d[11];
    int late = o->deadline_day != YC_NO_DAY &&
               ((strcmp(o->state, "open") == 0 && ctx->today > o->deadline_day) ||
                (o->replied_day != YC_NO_DAY && o->replied_day > o->deadline_day));

    if (yc_order_state_parse(o->state, strlen(o->state), &st) != 0) {
        st = YC_ORDER__MAX;
    }
    yc_date_format(o->created_day, d);
    return json_pack("{s:I, s:s, s:{s:I, s:s}, s:s, s:i, s:o, s:s, s:s, s:b, s:b, s:s, s:o, s:s, "
                     "s:o, s:o, s:s, s:s, s:I}",
                     "id", (json_int_t)o->id, "number", o->number, "department", "id",
                     (json_int_t)o->department_id, "name", o->department_name, "text", o->text,
                     "reply_days", o->reply_days, "deadline", yc_sup_day_json(o->deadline_day),
                     "state", o->state, "state_zh", yc_order_state_label(st), "overdue",
                     strcmp(o->state, "open") == 0 && ctx->today > o->deadline_day, "late", late,
                     "created_by", o->created_by_name, "created_at",
                     yc_sup_time_json(o->created_at), "created_day", d, "replied_day",
                     yc_sup_day_json(o->replied_day), "closed_at", yc_sup_time_json(o->closed_at),
                     "closed_by", o->closed_by_name, "close_note", o->close_note, "cases_count",
                     (json_int_t)o->ncases);
}

/* Load an order in ctx's scope, else 404 order_not_found (its existence is not revealed). */
static int
order_load(struct yc_ctx *ctx, int64_t id, struct yc_order *o, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_order_get(ctx->db, ctx->arena, id, o, &found, err);

    if (rc == 0 && (!found || !yc_sup_in_scope(ctx, o->department_id))) {
        rc = yc_fail(err, YC_ENOTFOUND, "order_not_found", NULL, "督办单 %lld 不存在",
                     (long long)id);
    }
    return rc;
}

static int
order_detail(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_order o;
    struct yc_order_case *c;
    struct yc_order_reply *r;
    size_t nc, nr;
    json_t *cases, *replies;
    int rc = order_load(ctx, id, &o, err);

    if (rc == 0) {
        rc = yc_store_order_cases(ctx->db, ctx->arena, ctx->today, id, &c, &nc, err);
    }
    if (rc == 0) {
        rc = yc_store_replies(ctx->db, ctx->arena, id, &r, &nr, err);
    }
    if (rc) {
        return rc;
    }
    cases = json_array();
    for (size_t i = 0; i < nc; i++) {
        enum yc_clock_level l = (enum yc_clock_level)(c[i].level < 0 ? 0 : c[i].level);
        json_array_append_new(
            cases, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)c[i].id,
                             "number", c[i].number, "matter", c[i].matter_name, "state", c[i].state,
                             "state_zh", state_zh(c[i].state), "statutory_end",
                             yc_sup_day_json(c[i].statutory_end), "level",
                             c[i].level < 0 ? json_null() : json_string(yc_clock_level_name(l)),
                             "level_zh",
                             c[i].level < 0 ? json_null() : json_string(yc_clock_level_label(l))));
    }
    replies = json_array();
    for (size_t i = 0; i < nr; i++) {
        json_array_append_new(replies, json_pack("{s:s, s:s, s:o}", "by", r[i].user_name, "text",
                                                 r[i].text, "at", yc_sup_time_json(r[i].at)));
    }
    *out = order_json(ctx, &o);
    json_object_set_new(*out, "cases", cases);
    json_object_set_new(*out, "replies", replies);
    return 0;
}

static int
order_cases_check(struct yc_ctx *ctx, const struct yc_order_in *in, const struct yc_dept *d,
                  const char **first, struct yc_err *err)
{
    for (size_t i = 0; i < in->ncases; i++) {
        struct yc_case c;
        int found = 0;
        int rc;
        for (size_t k = 0; k < i; k++) {
            if (in->case_ids[k] == in->case_ids[i]) {
                return yc_fail(err, YC_EUNPROC, "case_duplicate", "case_ids",
                               "办件 %lld 在督办单中重复列出", (long long)in->case_ids[i]);
            }
        }
        rc = yc_store_case_get(ctx->db, ctx->arena, in->case_ids[i], NULL, &c, &found, err);
        if (rc) {
            return rc;
        }
        if (!found) {
            return yc_fail(err, YC_EUNPROC, "case_unknown", "case_ids", "办件 %lld 不存在",
                           (long long)in->case_ids[i]);
        }
        if (c.department_id != d->id) {
            return yc_fail(err, YC_EUNPROC, "case_wrong_department", "case_ids",
                           "办件 %s 由%s办理，不属于%s", c.number, c.department_name, d->name);
        }
        if (i == 0) {
            *first = c.number;
        }
    }
    return 0;
}

static int
order_create_tx(struct yc_ctx *ctx, const struct yc_order_in *in, int64_t *id, struct yc_err *err)
{
    struct yc_dept d;
    struct yc_order o = {0};
    struct yc_order_case *c;
    const char *first = "", *text;
    char deadline[11];
    int64_t seq;
    size_t nc;
    int y, m, dd;
    int rc = yc_svc_need_dept(ctx, in->department_id, "department_id", &d, err);

    if (rc == 0) {
        rc = order_cases_check(ctx, in, &d, &first, err);
    }
    if (rc == 0) {
        rc = yc_sup_workdays_after(ctx->today, in->reply_days, &o.deadline_day, err);
    }
    yc_date_to_ymd(ctx->today, &y, &m, &dd);
    if (rc == 0) {
        rc = yc_store_order_seq_next(ctx->db, y, &seq, err);
    }
    if (rc) {
        return rc;
    }
    o.number = yc_arena_printf(ctx->arena, "督办〔%d〕%lld号", y, (long long)seq);
    o.department_id = d.id;
    o.text = in->text;
    o.reply_days = in->reply_days;
    o.created_at = ctx->now_ms;
    o.created_day = ctx->today;
    rc = yc_store_order_insert(ctx->db, &o, ctx->user ? ctx->user->id : 0, id, err);
    for (size_t i = 0; rc == 0 && i < in->ncases; i++) {
        rc = yc_store_order_case_insert(ctx->db, *id, in->case_ids[i], err);
    }
    yc_date_format(o.deadline_day, deadline);
    text = yc_arena_printf(
        ctx->arena, "【督办】%s：%s（涉及办件 %s%s），请于 %s 前回复", o.number, in->text, first,
        in->ncases > 1 ? yc_arena_printf(ctx->arena, " 等 %zu 件", in->ncases) : "", deadline);
    /* the responsible staff: each case's assignee (once) and the department heads */
    if (rc == 0) {
        rc = yc_store_order_cases(ctx->db, ctx->arena, ctx->today, *id, &c, &nc, err);
    }
    for (size_t i = 0; rc == 0 && i < nc; i++) {
        int seen = 0;
        for (size_t k = 0; k < i; k++) {
            seen |= c[k].assignee_id == c[i].assignee_id;
        }
        if (!seen) {
            rc = yc_sup_tell_user(ctx, c[i].assignee_id, text, err);
        }
    }
    if (rc == 0) {
        rc = yc_sup_tell_heads(ctx, d.id, text, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "order.create", o.number,
                          "向%s督办 %zu 件办件，%d 个工作日内（%s 前）回复：%s", d.name, in->ncases,
                          in->reply_days, deadline, in->text);
    }
    return rc;
}

int
yc_svc_order_create(struct yc_ctx *ctx, const struct yc_order_in *in, json_t **out,
                    struct yc_err *err)
{
    int64_t id = 0;
    int rc = yc_svc_allow(ctx, YC_OP_ORDER_WRITE, err);

    if (rc == 0 && (in->ncases == 0 || in->ncases > 100)) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "case_ids", "督办单应列出 1 至 100 件办件");
    }
    if (rc == 0 && (in->reply_days < 1 || in->reply_days > YC_SUP_MAX_DAYS)) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "reply_days",
                     "回复期限应为 1 至 %d 个工作日", YC_SUP_MAX_DAYS);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = order_create_tx(ctx, in, &id, err);
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : order_detail(ctx, id, out, err);
}

int
yc_svc_order_list(struct yc_ctx *ctx, int64_t department_id, const char *state, int overdue,
                  json_t **out, struct yc_err *err)
{
    struct yc_order_filter f = {0};
    struct yc_order *o;
    enum yc_order_state st;
    size_t n;
    json_t *arr;
    int64_t scope = yc_sup_scope(ctx);
    int rc = yc_svc_allow(ctx, YC_OP_ORDER_READ, err);

    if (rc) {
        return rc;
    }
    if (state && *state && yc_order_state_parse(state, strlen(state), &st) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "state",
                       "督办单状态应为 open、replied 或 closed");
    }
    f.department_id = scope ? scope : department_id;
    f.state = state ? state : "";
    f.overdue = overdue;
    f.today = ctx->today;
    f.limit = 200;
    rc = yc_store_order_list(ctx->db, ctx->arena, &f, &o, &n, err);
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, order_json(ctx, &o[i]));
    }
    *out = json_pack("{s:I, s:o}", "count", (json_int_t)n, "orders", arr);
    return 0;
}

int
yc_svc_order_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_ORDER_READ, err);

    return rc ? rc : order_detail(ctx, id, out, err);
}

static int
order_closed(const struct yc_order *o, struct yc_err *err)
{
    return yc_fail(err, YC_ECONFLICT, "order_closed", NULL, "督办单 %s 已办结，不能再%s", o->number,
                   "操作");
}

int
yc_svc_order_reply(struct yc_ctx *ctx, int64_t id, const char *text, json_t **out,
                   struct yc_err *err)
{
    struct yc_order o;
    int won = 0;
    int rc = yc_svc_allow(ctx, YC_OP_ORDER_REPLY, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = order_load(ctx, id, &o, err);
    if (rc == 0 && strcmp(o.state, "closed") == 0) {
        rc = yc_fail(err, YC_ECONFLICT, "order_closed", NULL, "督办单 %s 已办结，不能再回复",
                     o.number);
    }
    if (rc == 0) {
        o.state = "replied";
        o.replied_day = o.replied_day == YC_NO_DAY ? ctx->today : o.replied_day;
        rc = yc_store_order_update(ctx->db, &o, 0, YC_NO_DAY, &won, err);
    }
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "order_version_conflict", NULL,
                     "督办单 %s 已被他人更新，请刷新后重试", o.number);
    }
    if (rc == 0) {
        rc = yc_store_reply_insert(ctx->db, id, ctx->user->id, text, ctx->now_ms, ctx->today, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "order.reply", o.number, "回复：%s", text);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : order_detail(ctx, id, out, err);
}

int
yc_svc_order_close(struct yc_ctx *ctx, int64_t id, const char *note, json_t **out,
                   struct yc_err *err)
{
    struct yc_order o;
    int won = 0;
    int rc = yc_svc_allow(ctx, YC_OP_ORDER_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = order_load(ctx, id, &o, err);
    if (rc == 0 && strcmp(o.state, "closed") == 0) {
        rc = order_closed(&o, err);
    }
    if (rc == 0) {
        o.state = "closed";
        o.closed_at = ctx->now_ms;
        o.close_note = note ? note : "";
        rc = yc_store_order_update(ctx->db, &o, ctx->user ? ctx->user->id : 0, ctx->today, &won,
                                   err);
    }
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "order_version_conflict", NULL,
                     "督办单 %s 已被他人更新，请刷新后重试", o.number);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "order.close", o.number, "办结%s%s", *o.close_note ? "：" : "",
                          o.close_note);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : order_detail(ctx, id, out, err);
}
