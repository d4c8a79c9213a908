/*
 * reports.c - the half-monthly report, the scorecard and the trace (see reports.h and
 * docs/reports.md): the period arguments, the fold of case events into the rollup, the figures of
 * a period per department, and each report as one JSON document that every output renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/reform.h"
#include "domain/roles.h"
#include "svc/case_int.h"
#include "svc/reports_int.h"
#include "svc/svc.h"
#include "base/banned.h"

const char *const yc_report_kind_names[YC_REPORT__MAX] = {"half-monthly", "scorecard", "targets"};

/* ---- the period of a request ---- */

static int
parse_day(const char *s, const char *field, int32_t *out, struct yc_err *err)
{
    if (yc_date_parse(s, strlen(s), out) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field, "参数 %s 应为 YYYY-MM-DD 格式的日期",
                       field);
    }
    return 0;
}

static int
given(const char *s)
{
    return s && *s;
}

struct workdays_call {
    const struct yc_period *p;
    int n;
    int missing;
};

static int
count_workdays(const struct yc_calendar *cal, void *arg)
{
    struct workdays_call *w = arg;

    w->n = 0;
    for (int32_t d = w->p->from; d <= w->p->to; d++) {
        int is = 0;
        int rc = yc_cal_is_workday(cal, d, &is, &w->missing);
        if (rc) {
            return rc;
        }
        w->n += is;
    }
    return 0;
}

/* The working days of p; 422 calendar_year_missing naming the year the calendar lacks. */
static int
period_workdays(struct yc_ctx *ctx, const struct yc_period *p, const char *field, int *n,
                struct yc_err *err)
{
    struct workdays_call w = {p, 0, 0};
    /* load the calendar when this process has none yet, or another process changed it */
    int rc = yc_svc_cal_refresh(ctx->db, err);

    if (rc == 0) {
        rc = yc_svc_cal_use(count_workdays, &w, err);
    }

    if (rc == YC_CAL_ENOYEAR) {
        return yc_fail(err, YC_EUNPROC, "calendar_year_missing", field,
                       "没有 %d 年的节假日数据（国务院办公厅通知尚未导入），无法按日历统计该期间",
                       w.missing);
    }
    *n = w.n;
    return rc;
}

static int
range_of(const struct yc_report_args *a, struct yc_period *out, struct yc_err *err)
{
    int32_t from, to;
    int rc;

    if (!given(a->from) || !given(a->to)) {
        return yc_fail(err, YC_EINVAL, "field_required", given(a->from) ? "to" : "from",
                       "期间须同时给出 from 和 to（YYYY-MM-DD）");
    }
    rc = parse_day(a->from, "from", &from, err);
    if (rc == 0) {
        rc = parse_day(a->to, "to", &to, err);
    }
    if (rc) {
        return rc;
    }
    switch (yc_period_range(from, to, out)) {
    case 0:
        return 0;
    case YC_PERIOD_EINVERTED:
        return yc_fail(err, YC_EUNPROC, "period_inverted", "to", "统计期间的结束日 %s 早于开始日 %s",
                       a->to, a->from);
    default:
        return yc_fail(err, YC_EUNPROC, "field_invalid", "to", "统计期间最长 %d 天",
                       YC_PERIOD_MAX_DAYS);
    }
}

static int
year_of(const char *s, struct yc_period *out, struct yc_err *err)
{
    int y = 0;
    size_t n = strlen(s);

    for (size_t i = 0; i < n; i++) {
        y = s[i] >= '0' && s[i] <= '9' && y < 100000 ? y * 10 + (s[i] - '0') : -1;
    }
    if (n != 4 || y < 0 || yc_period_year(y, out) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "year", "参数 year 应为四位年份，如 2026");
    }
    return 0;
}

int
yc_svc_report_period(struct yc_ctx *ctx, enum yc_report_kind kind,
                     const struct yc_report_args *a, struct yc_period *out, int *workdays,
                     struct yc_err *err)
{
    int nforms = given(a->period) + given(a->year) + (given(a->from) || given(a->to));
    const char *field = "period";
    int rc = 0;

    if (nforms > 1) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", given(a->period) ? "period" : "year",
                       "period、year 与 from/to 只能给出一种");
    }
    if (given(a->period) && kind != YC_REPORT_HALF_MONTHLY) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "period",
                       "参数 period 只用于半月通报；请用 year 或 from/to");
    }
    if (given(a->year) && kind == YC_REPORT_HALF_MONTHLY) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "year",
                       "半月通报按半月统计：请用 period（如 2026-11-1）或 from/to");
    }
    if (given(a->period)) {
        rc = yc_period_parse_half(a->period, out);
        if (rc) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "period",
                           "参数 period 应为“年-月-1”（1 日至 15 日）或“年-月-2”（16 日至月末），"
                           "如 2026-11-1");
        }
    } else if (given(a->year)) {
        field = "year";
        rc = year_of(a->year, out, err);
    } else if (given(a->from) || given(a->to)) {
        field = "to";
        rc = range_of(a, out, err);
    } else if (kind == YC_REPORT_HALF_MONTHLY) {
        yc_period_half_of(ctx->today, out);
    } else {
        int y, m, d;
        yc_date_to_ymd(ctx->today, &y, &m, &d);
        rc = yc_period_year(y, out);
        if (rc == 0 && kind == YC_REPORT_TARGETS) {
            rc = yc_period_range(out->from, ctx->today, out);
        }
        if (rc) {
            return yc_fail(err, YC_EINTERNAL, "internal", NULL, "今天的日期超出支持的范围");
        }
    }
    if (rc) {
        return rc;
    }
    return period_workdays(ctx, out, field, workdays, err);
}

/* ---- the fold ---- */

struct decided_call {
    const struct yc_clock *clk;
    struct yc_clock_policy policy;
    int32_t day;
    struct yc_clock_status st;
    struct yc_clock_fault fault;
};

static int
decided_cb(const struct yc_calendar *cal, void *arg)
{
    struct decided_call *dc = arg;

    return yc_clock_status(cal, dc->clk, &dc->policy, dc->day, &dc->st, &dc->fault);
}

/*
 * Was the case decided on day by its statutory end (extension and stops included)? *late set;
 * 1 when the calendar lacks a year the clock needs (the event waits for the calendar).
 */
static int
decided_late(struct yc_ctx *ctx, int64_t case_id, int32_t day, int *late, struct yc_err *err)
{
    struct yc_case c;
    struct yc_clock clk;
    struct yc_case_stop_row *stops;
    struct decided_call dc;
    size_t nstops;
    int found = 0;
    int rc = yc_store_case_get(ctx->db, ctx->arena, case_id, NULL, &c, &found, err);

    *late = 0;
    if (rc || !found || c.accepted_day == YC_NO_DAY) {
        return rc;
    }
    rc = yc_case_clock_build(ctx, &c, &clk, &stops, &nstops, err);
    if (rc) {
        return rc;
    }
    memset(&dc, 0, sizeof(dc));
    rc = yc_svc_clock_policy(ctx, &dc.policy, err);
    if (rc) {
        return rc;
    }
    dc.clk = &clk;
    dc.day = day < c.accepted_day ? c.accepted_day : day;
    rc = yc_svc_cal_use(decided_cb, &dc, err);
    if (rc == YC_CLOCK_ENOYEAR) {
        return 1;
    }
    if (rc == YC_CLOCK_EINVAL) {
        /* a clock its own checks refuse cannot be late: counted on time, and said in the log */
        yc_log(YC_LOG_WARN, "report fold: clock of case %lld: %s", (long long)case_id,
               dc.fault.message);
        return 0;
    }
    if (rc == 0) {
        *late = dc.st.statutory.overdue;
    }
    return rc;
}

static int
add_fact(struct yc_ctx *ctx, const struct yc_report_pending_event *e, enum yc_metric m,
         struct yc_err *err)
{
    const char *key = yc_metrics[m].key;
    int added = 0;
    int rc = yc_store_report_fact_add(ctx->db, e->department_id, key, e->day, e->case_id, &added,
                                      err);

    if (rc || !added) {
        return rc;
    }
    rc = yc_store_report_daily_add(ctx->db, e->day, e->department_id, key, 1, err);
    if (rc == 0 && m == YC_M_RECEIVED) {
        rc = yc_store_report_matter_add(ctx->db, e->matter_id, e->day, 1, err);
        if (rc == 0) {
            rc = yc_store_report_zone_add(ctx->db, e->day, e->zone_id, 1, err);
        }
    }
    return rc;
}

static int
fold_event(struct yc_ctx *ctx, const struct yc_report_pending_event *e, struct yc_err *err)
{
    unsigned bits = yc_report_event_metrics(e->event, e->from_state);
    int rc = 0;

    if (bits & (1u << YC_M_DECIDED)) {
        int late = 0;
        rc = decided_late(ctx, e->case_id, e->day, &late, err);
        if (rc == 1) {
            /* the decision's year has no calendar yet: fold it once the calendar is imported */
            rc = yc_store_report_pending_requeue(ctx->db, e->pending_id, err);
            return rc ? rc : yc_store_report_pending_done(ctx->db, e->pending_id, err);
        }
        bits |= 1u << (late ? YC_M_OVERDUE : YC_M_ON_TIME);
    }
    for (int m = 0; rc == 0 && m < YC_M__MAX; m++) {
        if (bits & (1u << m)) {
            rc = add_fact(ctx, e, (enum yc_metric)m, err);
        }
    }
    return rc ? rc : yc_store_report_pending_done(ctx->db, e->pending_id, err);
}

/* The supervision tables' rows: counts only (their traces read those tables themselves). */
static int
fold_supervision(struct yc_ctx *ctx, size_t *done, struct yc_err *err)
{
    struct yc_report_pending_row *s;
    size_t n = 0;
    int rc = yc_store_report_pending_supervision(ctx->db, ctx->arena, YC_REPORT_BATCH, &s, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (*s[i].metric) {
            rc = yc_store_report_daily_add(ctx->db, s[i].day, s[i].department_id, s[i].metric,
                                           s[i].n, err);
        }
        if (rc == 0) {
            rc = yc_store_report_pending_done(ctx->db, s[i].pending_id, err);
        }
    }
    *done = n;
    return rc;
}

static int
fold_batch(struct yc_ctx *ctx, int first, size_t *done, struct yc_err *err)
{
    struct yc_report_pending_event *e;
    size_t n = 0, ns = 0;
    int rc = yc_db_begin(ctx->db, err);

    *done = 0;
    if (rc) {
        return rc;
    }
    rc = yc_store_report_fold_lock(ctx->db, err);
    if (rc == 0 && first) {
        rc = yc_store_report_pending_orphans(ctx->db, err);
    }
    if (rc == 0) {
        rc = yc_store_report_pending_events(ctx->db, ctx->arena, YC_REPORT_BATCH, &e, &n, err);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = fold_event(ctx, &e[i], err);
    }
    if (rc == 0) {
        rc = fold_supervision(ctx, &ns, err);
    }
    *done = n > ns ? n : ns;
    return yc_db_finish(ctx->db, rc, err);
}

int
yc_svc_report_fold(struct yc_ctx *ctx, int max_batches, int64_t *left, struct yc_err *err)
{
    struct yc_ctx batch_ctx = *ctx;
    struct yc_arena a;
    size_t done = YC_REPORT_BATCH;
    int any = 0;
    int rc = yc_svc_cal_refresh(ctx->db, err);

    /* nothing queued: no write transaction (and no commit to wait for) for a report */
    if (rc == 0) {
        rc = yc_store_report_pending_any(ctx->db, &any, err);
    }
    if (rc == 0 && !any) {
        done = 0;
    }

    /* each batch's rows in an arena of its own: a long backlog does not pile up in the request */
    for (int b = 0; rc == 0 && b < max_batches && done == YC_REPORT_BATCH; b++) {
        yc_arena_init(&a);
        batch_ctx.arena = &a;
        rc = fold_batch(&batch_ctx, b == 0, &done, err);
        yc_arena_release(&a);
    }
    if (rc == 0 && left) {
        rc = yc_store_report_pending_count(ctx->db, left, err);
    }
    return rc;
}

/* ---- the figures of a period ---- */

static size_t
dept_index(const struct yc_figures *f, int64_t id)
{
    for (size_t i = 0; i < f->n; i++) {
        if (f->depts[i].id == id) {
            return i;
        }
    }
    return f->n;
}

int
yc_report_figures(struct yc_ctx *ctx, const struct yc_period *p, int with_dark,
                  struct yc_figures *f, struct yc_err *err)
{
    struct yc_report_count *c;
    size_t nc;
    int rc;

    memset(f, 0, sizeof(*f));
    rc = yc_store_report_departments(ctx->db, ctx->arena, &f->depts, &f->n, err);
    if (rc == 0) {
        rc = yc_store_report_daily_sum(ctx->db, ctx->arena, p->from, p->to, &c, &nc, err);
    }
    if (rc) {
        return rc;
    }
    f->v = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*f->v));
    memset(f->v, 0, (f->n + 1) * sizeof(*f->v));
    for (size_t i = 0; i < nc; i++) {
        int m = yc_metric_by_key(c[i].metric);
        size_t d = dept_index(f, c[i].department_id);
        if (m >= 0 && d < f->n) {
            f->v[d][m] += c[i].n;
        }
    }
    rc = yc_report_supervision_figures(ctx, p, f, err);
    if (rc == 0 && with_dark) {
        rc = yc_report_dark_matters(ctx, p, 0, &f->dark, &f->ndark, err);
    }
    for (size_t i = 0; rc == 0 && i < f->ndark; i++) {
        size_t d = dept_index(f, f->dark[i].department_id);
        if (d < f->n) {
            f->v[d][YC_M_DARK]++;
        }
    }
    return rc;
}

int
yc_report_dark_matters(struct yc_ctx *ctx, const struct yc_period *p, int64_t department_id,
                       struct yc_report_dark **out, size_t *n, struct yc_err *err)
{
    struct yc_report_dark *c;
    size_t nc, k = 0;
    /* the days observed so far: a period still running is judged on the days it has had */
    int32_t days = (p->to < ctx->today ? p->to : ctx->today) - p->from + 1;
    int rc = yc_store_report_dark_candidates(ctx->db, ctx->arena, p->from, p->to,
                                             p->from - YC_DARK_BASELINE_DAYS, p->from - 1, &c, &nc,
                                             err);

    *out = c;
    *n = 0;
    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < nc; i++) {
        if ((department_id == 0 || c[i].department_id == department_id) &&
            yc_report_dark(0, c[i].baseline, days, YC_DARK_BASELINE_DAYS)) {
            c[k++] = c[i];
        }
    }
    *n = k;
    return 0;
}

/* ---- JSON pieces ---- */

json_t *
yc_report_period_json(struct yc_arena *a, const struct yc_period *p, int workdays)
{
    char f[11], t[11];
    static const char *const kinds[] = {"half_month", "year", "range"};
    json_t *j;

    yc_date_format(p->from, f);
    yc_date_format(p->to, t);
    j = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "id", p->id, "kind", kinds[p->kind], "from", f,
                  "to", t, "days", (int)yc_period_days(p), "label", yc_period_label(a, p));
    if (workdays >= 0) {
        json_object_set_new(j, "workdays", json_integer(workdays));
    }
    return j;
}

json_t *
yc_report_columns_json(const struct yc_report_colspec *cols, size_t n)
{
    json_t *a = json_array();

    for (size_t i = 0; i < n; i++) {
        json_t *c = json_pack("{s:s, s:s, s:s}", "key", cols[i].key, "title", cols[i].title,
                              "kind", cols[i].kind);
        if (cols[i].group) {
            json_object_set_new(c, "group", json_string(cols[i].group));
        }
        json_array_append_new(a, c);
    }
    return a;
}

json_t *
yc_report_permille_json(int64_t part, int64_t whole)
{
    return whole > 0 ? json_integer(yc_reform_permille(part, whole)) : json_null();
}

static void
set_metric(json_t *row, const struct yc_figures *f, const int64_t *v, enum yc_metric m)
{
    json_object_set_new(row, yc_metrics[m].key,
                        yc_metrics[m].source == YC_MS_SUPERVISION ||
                                yc_metrics[m].source == YC_MS_RECTIFY
                            ? (f->have_supervision ? json_integer(v[m]) : json_null())
                            : json_integer(v[m]));
}

static int64_t
ratings(const int64_t *v)
{
    return v[YC_M_RATING_1] + v[YC_M_RATING_2] + v[YC_M_RATING_3] + v[YC_M_RATING_4] +
           v[YC_M_RATING_5];
}

/* Every metric of one department (or the total) and the rates made of them. */
void
yc_report_metrics_json(json_t *row, const struct yc_figures *f, const int64_t *v)
{
    for (int m = 0; m < YC_M__MAX; m++) {
        set_metric(row, f, v, (enum yc_metric)m);
    }
    json_object_set_new(row, "on_time_rate",
                        yc_report_permille_json(v[YC_M_ON_TIME], v[YC_M_DECIDED]));
    if (f->have_supervision) {
        int64_t all = ratings(v);
        json_object_set_new(row, "good_rate",
                            yc_report_permille_json(all - v[YC_M_RATING_4] - v[YC_M_RATING_5], all));
        json_object_set_new(row, "rectification_rate",
                            yc_report_permille_json(v[YC_M_RECTIFIED], v[YC_M_BAD]));
    } else {
        json_object_set_new(row, "good_rate", json_null());
        json_object_set_new(row, "rectification_rate", json_null());
    }
}

json_t *
yc_report_pending_json(const struct yc_figures *f)
{
    json_t *a = json_array();

    for (int m = 0; !f->have_supervision && m < YC_M__MAX; m++) {
        if (yc_metrics[m].source == YC_MS_SUPERVISION || yc_metrics[m].source == YC_MS_RECTIFY) {
            json_array_append_new(a, json_string(yc_metrics[m].key));
        }
    }
    return a;
}

/* ---- ranking ---- */

int
yc_report_rank_figures(struct yc_ctx *ctx, const struct yc_figures *f, struct yc_ranked *r)
{
    struct yc_rank_item *items = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*items));

    r->order = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*r->order));
    r->score = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*r->score));
    r->rank = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*r->rank));
    r->listed = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*r->listed));
    for (size_t i = 0; i < f->n; i++) {
        const int64_t *v = f->v[i];
        int any = 0;
        yc_report_score(v, &r->score[i]);
        for (int m = 0; m < YC_M__MAX; m++) {
            any |= v[m] != 0;
        }
        items[i].score = r->score[i].score;
        items[i].on_time_permille = yc_report_on_time_permille(v[YC_M_ON_TIME], v[YC_M_DECIDED]);
        items[i].received = v[YC_M_RECEIVED];
        items[i].active = v[YC_M_RECEIVED] > 0 || v[YC_M_DECIDED] > 0 ||
                          r->score[i].total_deduction > 0;
        r->listed[i] = any || f->depts[i].entered > 0;
    }
    yc_report_rank(items, f->n, r->order);
    for (size_t i = 0; i < f->n; i++) {
        r->rank[i] = items[i].rank;
    }
    return 0;
}

/* ---- the half-monthly report ---- */

static const struct yc_report_colspec hm_cols[] = {
    {"rank", "排名", "rank", NULL},
    {"department", "部门", "text", NULL},
    {"received", "收件", "int", "办件情况"},
    {"accepted", "受理", "int", "办件情况"},
    {"accepted_change", "受理较上期", "change", "办件情况"},
    {"refused", "不予受理", "int", "办件情况"},
    {"awaiting_materials", "补正告知", "int", "办件情况"},
    {"decided", "办结", "int", "办件情况"},
    {"on_time", "按时办结", "int", "办件情况"},
    {"overdue", "超期办结", "int", "办件情况"},
    {"on_time_rate", "按时办结率", "permille", "办件情况"},
    {"extended", "延期", "int", "办件情况"},
    {"stopped", "停止计时", "int", "办件情况"},
    {"warn", "预警", "int", "监督与评价"},
    {"yellow", "黄牌", "int", "监督与评价"},
    {"red", "红牌", "int", "监督与评价"},
    {"orders", "督办单", "int", "监督与评价"},
    {"rating_1", "非常满意", "int", "监督与评价"},
    {"rating_2", "满意", "int", "监督与评价"},
    {"rating_3", "基本满意", "int", "监督与评价"},
    {"rating_4", "不满意", "int", "监督与评价"},
    {"rating_5", "非常不满意", "int", "监督与评价"},
    {"good_rate", "好评率", "permille", "监督与评价"},
    {"bad_reviews", "差评", "int", "监督与评价"},
    {"rectified", "差评已整改", "int", "监督与评价"},
    {"rectification_rate", "差评整改率", "permille", "监督与评价"},
    {"unrectified", "逾期未整改", "int", "监督与评价"},
    {"dark_matters", "明进暗不进", "int", "监督与评价"},
    {"score", "得分", "int", NULL},
};

static const struct yc_report_colspec rank_cols[] = {
    {"rank", "排名", "rank", NULL},
    {"department", "部门", "text", NULL},
    {"score", "得分", "int", NULL},
    {"deduction", "扣分合计", "int", NULL},
    {"red_points", "红牌扣分", "int", NULL},
    {"overdue_points", "超期办结扣分", "int", NULL},
    {"unrectified_points", "差评逾期未整改扣分", "int", NULL},
    {"dark_points", "明进暗不进扣分", "int", NULL},
    {"on_time_rate", "按时办结率", "permille", NULL},
    {"received", "收件", "int", NULL},
};

#define NCOLS(c) (sizeof(c) / sizeof((c)[0]))

json_t *
yc_report_table_json(const char *key, const char *title, const struct yc_report_colspec *cols,
                     size_t ncols, json_t *rows, json_t *total)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:o}", "key", key, "title", title, "columns",
                     yc_report_columns_json(cols, ncols), "rows", rows, "total",
                     total ? total : json_null());
}

static json_t *
dept_row(const struct yc_figures *f, const struct yc_ranked *r, size_t i)
{
    json_t *row = json_pack("{s:i, s:I, s:s, s:s}", "rank", r->rank[i], "department_id",
                            (json_int_t)f->depts[i].id, "department", f->depts[i].name, "code",
                            f->depts[i].code);

    yc_report_metrics_json(row, f, f->v[i]);
    /* a department without work or deduction in the period is listed, not assessed */
    json_object_set_new(row, "score", r->rank[i] ? json_integer(r->score[i].score) : json_null());
    json_object_set_new(row, "deduction", json_integer(r->score[i].total_deduction));
    json_object_set_new(row, "red_points", json_integer(r->score[i].deduction[0]));
    json_object_set_new(row, "overdue_points", json_integer(r->score[i].deduction[1]));
    json_object_set_new(row, "unrectified_points", json_integer(r->score[i].deduction[2]));
    json_object_set_new(row, "dark_points", json_integer(r->score[i].deduction[3]));
    return row;
}

void
yc_report_total(const struct yc_figures *f, int64_t *total)
{
    memset(total, 0, YC_M__MAX * sizeof(*total));
    for (size_t i = 0; i < f->n; i++) {
        for (int m = 0; m < YC_M__MAX; m++) {
            total[m] += f->v[i][m];
        }
    }
}

static json_t *
change_json(int64_t cur, int64_t prev)
{
    int defined;
    int64_t pct = yc_report_change_pct(cur, prev, &defined);

    return defined ? json_integer(pct) : json_null();
}

static const char *
pct_text(struct yc_arena *a, int64_t part, int64_t whole)
{
    char t[32];

    if (whole <= 0) {
        return "—";
    }
    yc_reform_permille_text(yc_reform_permille(part, whole), t);
    return yc_arena_strdup(a, t);
}

static const char *
change_words(struct yc_arena *a, int64_t cur, int64_t prev)
{
    int defined;
    int64_t pct = yc_report_change_pct(cur, prev, &defined);

    if (!defined) {
        return cur > 0 ? "（上期为 0）" : "，与上期持平";
    }
    if (pct == 0) {
        return yc_arena_printf(a, "，与上期持平（上期 %lld 件）", (long long)prev);
    }
    return yc_arena_printf(a, "，较上期%s %lld%%（上期 %lld 件）", pct > 0 ? "增加" : "减少",
                           (long long)(pct > 0 ? pct : -pct), (long long)prev);
}

/* "2026年3月1日至15日": the days of a period, for a sentence. */
static const char *
span(struct yc_arena *a, const struct yc_period *p)
{
    struct yc_period r = *p;

    r.kind = YC_PERIOD_RANGE;
    return yc_period_label(a, &r);
}

/* The opening paragraphs: the whole centre's figures, then the top of the ranking. */
static json_t *
overview(struct yc_ctx *ctx, const struct yc_period *p, const struct yc_figures *f,
         const int64_t *t, const int64_t *pt, const struct yc_ranked *r)
{
    struct yc_arena *a = ctx->arena;
    json_t *s = json_array();
    char top[512] = "";
    size_t n = 0, shown = 0;

    json_array_append_new(
        s, json_string(yc_arena_printf(
               a,
               "本期（%s）全中心共收件 %lld 件%s；受理 %lld 件、不予受理 %lld 件、补正告知 %lld "
               "件；办结 %lld 件，其中按时办结 %lld 件、超期办结 %lld 件，按时办结率 %s；延期 %lld "
               "件，停止计时 %lld 次。",
               span(a, p), (long long)t[YC_M_RECEIVED],
               change_words(a, t[YC_M_RECEIVED], pt[YC_M_RECEIVED]), (long long)t[YC_M_ACCEPTED],
               (long long)t[YC_M_REFUSED], (long long)t[YC_M_SUPPLEMENT],
               (long long)t[YC_M_DECIDED], (long long)t[YC_M_ON_TIME], (long long)t[YC_M_OVERDUE],
               pct_text(a, t[YC_M_ON_TIME], t[YC_M_DECIDED]), (long long)t[YC_M_EXTENDED],
               (long long)t[YC_M_STOPPED])));
    if (f->have_supervision) {
        int64_t all = ratings(t);
        json_array_append_new(
            s, json_string(yc_arena_printf(
                   a,
                   "电子监察预警 %lld 件、黄牌 %lld 件、红牌 %lld 件，下发督办单 %lld 份；收到评价 "
                   "%lld 条，好评率 %s；差评 %lld 条，已整改 %lld 条，整改率 %s。",
                   (long long)t[YC_M_WARN], (long long)t[YC_M_YELLOW], (long long)t[YC_M_RED],
                   (long long)t[YC_M_ORDERS], (long long)all,
                   pct_text(a, all - t[YC_M_RATING_4] - t[YC_M_RATING_5], all),
                   (long long)t[YC_M_BAD], (long long)t[YC_M_RECTIFIED],
                   pct_text(a, t[YC_M_RECTIFIED], t[YC_M_BAD]))));
    }
    for (size_t j = 0; j < f->n && shown < 3; j++) {
        size_t i = r->order[j];
        if (r->rank[i] == 0) {
            break;
        }
        n += (size_t)snprintf(top + n, n < sizeof(top) ? sizeof(top) - n : 0, "%s%s（%lld 分）",
                              shown ? "、" : "", f->depts[i].name, (long long)r->score[i].score);
        shown++;
    }
    if (shown) {
        json_array_append_new(s, json_string(yc_arena_printf(
                                     a, "综合得分排名前列的部门：%s。明进暗不进事项 %lld 项。", top,
                                     (long long)t[YC_M_DARK])));
    }
    return s;
}

static json_t *
changes(struct yc_ctx *ctx, const struct yc_figures *f, const struct yc_figures *pf,
        const struct yc_ranked *r)
{
    struct yc_change_row *rows = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*rows));
    const char **out = yc_arena_alloc(ctx->arena, (f->n + 1) * sizeof(*out));
    json_t *a = json_array();
    size_t k = 0, n;

    for (size_t j = 0; j < f->n; j++) {
        size_t i = r->order[j];
        if (!r->listed[i]) {
            continue;
        }
        rows[k].department = f->depts[i].name;
        rows[k].accepted = f->v[i][YC_M_ACCEPTED];
        rows[k].prev_accepted = pf->v[i][YC_M_ACCEPTED];
        rows[k].overdue = f->v[i][YC_M_OVERDUE];
        rows[k].red = f->v[i][YC_M_RED];
        rows[k].unrectified = f->v[i][YC_M_UNRECTIFIED];
        rows[k].dark = f->v[i][YC_M_DARK];
        k++;
    }
    n = yc_report_changes(ctx->arena, rows, k, out, 12);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(a, json_string(out[i]));
    }
    return a;
}

static json_t *
figures_tables(const struct yc_figures *f, const struct yc_figures *pf, const struct yc_ranked *r,
               const int64_t *t, const int64_t *pt)
{
    json_t *rows = json_array(), *ranks = json_array(), *total;

    for (size_t j = 0; j < f->n; j++) {
        size_t i = r->order[j];
        json_t *row;
        if (!r->listed[i]) {
            continue;
        }
        row = dept_row(f, r, i);
        json_object_set_new(row, "accepted_prev", json_integer(pf->v[i][YC_M_ACCEPTED]));
        json_object_set_new(row, "accepted_change",
                            change_json(f->v[i][YC_M_ACCEPTED], pf->v[i][YC_M_ACCEPTED]));
        json_array_append(rows, row);
        if (r->rank[i]) {
            json_array_append(ranks, row);
        }
        json_decref(row);
    }
    total = json_pack("{s:n, s:s}", "rank", "department", "合计");
    yc_report_metrics_json(total, f, t);
    json_object_set_new(total, "accepted_prev", json_integer(pt[YC_M_ACCEPTED]));
    json_object_set_new(total, "accepted_change", change_json(t[YC_M_ACCEPTED], pt[YC_M_ACCEPTED]));
    json_object_set_new(total, "score", json_null());
    return json_pack("[o, o]",
                     yc_report_table_json("departments", "各部门办件与监督评价情况", hm_cols,
                                          NCOLS(hm_cols), rows, total),
                     yc_report_table_json("ranking", "综合得分排名", rank_cols, NCOLS(rank_cols),
                                          ranks, NULL));
}

static int
build_half_monthly(struct yc_ctx *ctx, const struct yc_period *p, int workdays, json_t **out,
                   struct yc_err *err)
{
    struct yc_period prev;
    struct yc_figures f, pf;
    struct yc_ranked r;
    int64_t t[YC_M__MAX], pt[YC_M__MAX], left = 0;
    int32_t as_of = p->to < ctx->today ? p->to : ctx->today;
    json_t *targets = NULL;
    char d[11];
    int rc;

    yc_period_prev(p, &prev);
    rc = yc_svc_report_fold(ctx, YC_REPORT_DRAIN_MAX, &left, err);
    if (rc == 0) {
        rc = yc_report_figures(ctx, p, 1, &f, err);
    }
    if (rc == 0) {
        rc = yc_report_figures(ctx, &prev, 0, &pf, err);
    }
    if (rc == 0) {
        rc = yc_report_targets_now(ctx, p, &targets, err);
    }
    if (rc) {
        return rc;
    }
    yc_report_rank_figures(ctx, &f, &r);
    yc_report_total(&f, t);
    yc_report_total(&pf, pt);
    yc_date_format(as_of, d);
    *out = json_pack("{s:s, s:s, s:o, s:o, s:s, s:b, s:n, s:I, s:o, s:o, s:o, s:o, s:o}", "report",
                     "half_monthly", "title", "政务服务“一窗受理”改革进展半月通报", "period",
                     yc_report_period_json(ctx->arena, p, workdays), "previous",
                     yc_report_period_json(ctx->arena, &prev, -1), "as_of", d, "final",
                     p->to < ctx->today, "stored", "pending_events", (json_int_t)left, "summary",
                     overview(ctx, p, &f, t, pt, &r), "changes", changes(ctx, &f, &pf, &r),
                     "tables", figures_tables(&f, &pf, &r, t, pt), "pending_metrics",
                     yc_report_pending_json(&f), "targets", targets);
    return 0;
}

/* "2026-03-16 10:00", the centre's time (UTC+8) of an instant. */
static const char *
local_time(struct yc_arena *a, int64_t ms)
{
    int64_t local = ms + 8LL * 3600 * 1000;
    int64_t day = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    int64_t min = (local - day * 86400000) / 60000;
    char d[11];

    yc_date_format((int32_t)day, d);
    return yc_arena_printf(a, "%s %02lld:%02lld", d, (long long)(min / 60), (long long)(min % 60));
}

int
yc_svc_report_half_monthly(struct yc_ctx *ctx, const struct yc_period *p, int live, json_t **out,
                           struct yc_err *err)
{
    const char *body, *by;
    int64_t at;
    int found = 0, workdays = 0;
    int rc = yc_svc_allow(ctx, YC_OP_REPORT_READ, err);

    if (rc == 0) {
        rc = period_workdays(ctx, p, "period", &workdays, err);
    }
    if (rc == 0 && p->to < ctx->today && !live) {
        rc = yc_store_report_snapshot_get(ctx->db, ctx->arena, "half_monthly", p->id, &body, &at,
                                          &by, &found, err);
    }
    if (rc == 0 && found) {
        char iso[21];
        json_error_t je;
        *out = json_loads(body, 0, &je);
        if (*out) {
            yc_clock_format_iso(at, iso);
            json_object_set_new(*out, "stored",
                                json_pack("{s:s, s:s, s:s}", "at", iso, "at_local",
                                          local_time(ctx->arena, at), "by", by));
            return 0;
        }
        yc_log(YC_LOG_WARN, "stored report %s unreadable: %s", p->id, je.text);
    }
    return rc ? rc : build_half_monthly(ctx, p, workdays, out, err);
}

/* ---- the ticker: store the last ended half-month once ---- */

int
yc_svc_report_tick(struct yc_ctx *ctx, struct yc_err *err)
{
    struct yc_period cur, last;
    const char *old_body, *by;
    char *body;
    int64_t at;
    int found = 0, stored = 0, workdays = 0;
    json_t *r = NULL;
    int64_t left = 1, until = yc_clock_mono_us() + YC_REPORT_TICK_FOLD_US;
    int rc = 0;

    /* a backlog (a migration on a database with history) is worked off a few seconds a tick */
    while (rc == 0 && left > 0 && yc_clock_mono_us() < until) {
        rc = yc_svc_report_fold(ctx, 10, &left, err);
    }

    yc_period_half_of(ctx->today, &cur);
    yc_period_prev(&cur, &last);
    if (rc == 0) {
        rc = yc_store_report_snapshot_get(ctx->db, ctx->arena, "half_monthly", last.id, &old_body,
                                          &at, &by, &found, err);
    }
    if (rc || found) {
        return rc;
    }
    rc = period_workdays(ctx, &last, "period", &workdays, err);
    if (rc == 0) {
        rc = build_half_monthly(ctx, &last, workdays, &r, err);
    }
    if (rc) {
        return rc;
    }
    body = json_dumps(r, JSON_COMPACT);
    json_decref(r);
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = yc_store_report_snapshot_put(ctx->db, "half_monthly", last.id, last.from, last.to,
                                          body, ctx->now_ms, yc_svc_actor(ctx), &stored, err);
    }
    /* only the process whose insert won writes the audit entry */
    if (rc == 0 && stored) {
        rc = yc_svc_audit(ctx, err, "report.store", last.id, "半月通报 %s 已生成并存档",
                          yc_period_label(ctx->arena, &last));
    }
    rc = yc_db_finish(ctx->db, rc, err);
    free(body);
    if (rc == 0 && stored) {
        yc_log(YC_LOG_INFO, "half-monthly report %s stored", last.id);
    }
    return rc;
}

/* ---- the scorecard ---- */

static const struct yc_report_colspec sc_cols[] = {
    {"rank", "排名", "rank", NULL},
    {"department", "部门", "text", NULL},
    {"received", "收件", "int", NULL},
    {"accepted", "受理", "int", NULL},
    {"decided", "办结", "int", NULL},
    {"on_time", "按时办结", "int", NULL},
    {"overdue", "超期办结", "int", NULL},
    {"on_time_rate", "按时办结率", "permille", NULL},
    {"red", "红牌", "int", NULL},
    {"bad_reviews", "差评", "int", NULL},
    {"unrectified", "逾期未整改", "int", NULL},
    {"dark_matters", "明进暗不进", "int", NULL},
    {"red_points", "红牌扣分", "int", NULL},
    {"overdue_points", "超期扣分", "int", NULL},
    {"unrectified_points", "未整改扣分", "int", NULL},
    {"dark_points", "明进暗不进扣分", "int", NULL},
    {"deduction", "扣分合计", "int", NULL},
    {"score", "得分", "int", NULL},
};

static json_t *
formula_json(void)
{
    json_t *a = json_array();

    for (int i = 0; i < YC_SCORE_NRULES; i++) {
        json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:s}", "metric",
                                           yc_metrics[yc_score_rules[i].metric].key, "points",
                                           yc_score_rules[i].points, "cap", yc_score_rules[i].cap,
                                           "rule", yc_score_rules[i].zh));
    }
    return a;
}

/* "扣 7 分：红牌 1 件扣 2 分、超期办结 5 件扣 5 分" */
static const char *
deduction_words(struct yc_arena *a, const int64_t *v, const struct yc_score *s)
{
    char buf[512];
    size_t n = (size_t)snprintf(buf, sizeof(buf), "扣 %lld 分：", (long long)s->total_deduction);
    int first = 1;

    for (int i = 0; i < YC_SCORE_NRULES && n < sizeof(buf); i++) {
        const struct yc_score_rule *r = &yc_score_rules[i];
        if (s->deduction[i] == 0) {
            continue;
        }
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s %lld %s扣 %lld 分", first ? "" : "、",
                              yc_metrics[r->metric].zh, (long long)v[r->metric],
                              r->metric == YC_M_DARK ? "项" : "件", (long long)s->deduction[i]);
        first = 0;
    }
    return yc_arena_strdup(a, buf);
}

static json_t *
scorecard_summary(struct yc_ctx *ctx, const struct yc_period *p, const struct yc_figures *f,
                  const struct yc_ranked *r)
{
    json_t *s = json_array();
    int64_t sum = 0, full = 0, ranked = 0;

    for (size_t i = 0; i < f->n; i++) {
        if (r->rank[i]) {
            ranked++;
            sum += r->score[i].score;
            full += r->score[i].score == YC_SCORE_BASE;
        }
    }
    if (ranked == 0) {
        json_array_append_new(s, json_string(yc_arena_printf(
                                     ctx->arena, "%s无参评部门（没有办件，也没有扣分）。",
                                     yc_period_label(ctx->arena, p))));
        return s;
    }
    {
        int64_t tenths = (sum * 10 * 2 + ranked) / (2 * ranked);
        json_array_append_new(
            s, json_string(yc_arena_printf(
                   ctx->arena, "%s参评部门 %lld 个，平均得分 %lld.%lld 分，满分 %lld 个。",
                   yc_period_label(ctx->arena, p), (long long)ranked, (long long)(tenths / 10),
                   (long long)(tenths % 10), (long long)full)));
    }
    for (size_t j = 0; j < f->n; j++) {
        size_t i = r->order[j];
        if (r->rank[i] && r->score[i].total_deduction > 0) {
            json_array_append_new(
                s, json_string(yc_arena_printf(ctx->arena, "%s（第 %d 名，%lld 分）%s。",
                                               f->depts[i].name, r->rank[i],
                                               (long long)r->score[i].score,
                                               deduction_words(ctx->arena, f->v[i],
                                                               &r->score[i]))));
        }
    }
    return s;
}

int
yc_svc_report_scorecard(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                        struct yc_err *err)
{
    struct yc_figures f;
    struct yc_ranked r;
    int64_t t[YC_M__MAX], left = 0;
    int32_t as_of = p->to < ctx->today ? p->to : ctx->today;
    json_t *rows = json_array(), *total;
    int workdays = 0;
    char d[11];
    int rc = yc_svc_allow(ctx, YC_OP_REPORT_READ, err);

    if (rc == 0) {
        rc = period_workdays(ctx, p, "year", &workdays, err);
    }
    if (rc == 0) {
        rc = yc_svc_report_fold(ctx, YC_REPORT_DRAIN_MAX, &left, err);
    }
    if (rc == 0) {
        rc = yc_report_figures(ctx, p, 1, &f, err);
    }
    if (rc) {
        json_decref(rows);
        return rc;
    }
    yc_report_rank_figures(ctx, &f, &r);
    yc_report_total(&f, t);
    for (size_t j = 0; j < f.n; j++) {
        size_t i = r.order[j];
        if (r.listed[i]) {
            json_array_append_new(rows, dept_row(&f, &r, i));
        }
    }
    total = json_pack("{s:n, s:s, s:n, s:n}", "rank", "department", "合计", "score", "deduction");
    yc_report_metrics_json(total, &f, t);
    yc_date_format(as_of, d);
    *out = json_pack("{s:s, s:s, s:o, s:s, s:b, s:I, s:i, s:o, s:o, s:o, s:o}", "report",
                     "scorecard", "title", "政务服务“一窗受理”部门年度考核评分", "period",
                     yc_report_period_json(ctx->arena, p, workdays), "as_of", d, "final",
                     p->to < ctx->today, "pending_events", (json_int_t)left, "base", YC_SCORE_BASE,
                     "formula", formula_json(), "summary", scorecard_summary(ctx, p, &f, &r),
                     "tables",
                     json_pack("[o]", yc_report_table_json("scorecard", "各部门考核得分", sc_cols,
                                                           NCOLS(sc_cols), rows, total)),
                     "pending_metrics", yc_report_pending_json(&f));
    return 0;
}

/* ---- the trace ---- */

static int
find_dept(struct yc_ctx *ctx, const char *s, struct yc_report_dept *out, struct yc_err *err)
{
    struct yc_report_dept *d;
    size_t n;
    int rc = yc_store_report_departments(ctx->db, ctx->arena, &d, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)d[i].id);
        if (strcmp(s, id) == 0 || (*d[i].code && strcmp(s, d[i].code) == 0) ||
            strcmp(s, d[i].name) == 0) {
            *out = d[i];
            return 0;
        }
    }
    return rc ? rc
              : yc_fail(err, YC_EUNPROC, "department_unknown", "dept",
                        "没有部门“%s”（可用部门编号、代码或名称）", s);
}

/* The department whose cases the caller may list: theirs for a department head. */
static int
trace_scope(struct yc_ctx *ctx, const char *dept, struct yc_report_dept *d, int *all,
            struct yc_err *err)
{
    int head_only = !ctx->system && ctx->user &&
                    !(ctx->user->roles & (YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN));
    char own[24];
    int rc;

    memset(d, 0, sizeof(*d));
    *all = !given(dept);
    if (*all && !head_only) {
        return 0;
    }
    snprintf(own, sizeof(own), "%lld", head_only ? (long long)ctx->user->department_id : 0LL);
    rc = find_dept(ctx, given(dept) ? dept : own, d, err);
    if (rc == 0 && head_only && d->id != ctx->user->department_id) {
        rc = yc_fail(err, YC_EFORBIDDEN, "forbidden", "dept",
                     "您只能查看本部门（%s）的办件明细，不能查看%s的", ctx->user->department_name,
                     d->name);
    }
    *all = 0;
    return rc;
}

static json_t *
day_json(int32_t d)
{
    char s[11];

    if (d == YC_NO_DAY) {
        return json_null();
    }
    yc_date_format(d, s);
    return json_string(s);
}

static const char *
state_zh(const char *s)
{
    enum yc_case_state st;

    return yc_case_state_parse(s, strlen(s), &st) == 0 ? yc_case_state_label(st) : s;
}

json_t *
yc_report_trace_case_json(const struct yc_report_trace_row *t)
{
    return json_pack("{s:o, s:I, s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:o, s:o}", "day",
                     day_json(t->day), "id", (json_int_t)t->case_id, "number", t->number,
                     "department", t->department, "matter", "code", t->matter_code, "name",
                     t->matter_name, "state", t->state, "state_zh", state_zh(t->state),
                     "received", day_json(t->received), "accepted", day_json(t->accepted));
}

static int
trace_dark(struct yc_ctx *ctx, const struct yc_period *p, int64_t dept, json_t *out,
           struct yc_err *err)
{
    struct yc_report_dark *d;
    size_t n;
    json_t *m = json_array();
    int rc = yc_report_dark_matters(ctx, p, dept, &d, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_array_append_new(m, json_pack("{s:I, s:s, s:s, s:I, s:i}", "id",
                                           (json_int_t)d[i].matter_id, "code", d[i].code, "name",
                                           d[i].name, "baseline_cases", (json_int_t)d[i].baseline,
                                           "period_cases", 0));
    }
    json_object_set_new(out, "count", json_integer(rc == 0 ? (json_int_t)n : 0));
    json_object_set_new(out, "matters", m);
    json_object_set_new(out, "cases", json_array());
    return rc;
}

int
yc_svc_report_trace(struct yc_ctx *ctx, const struct yc_period *p, const char *dept,
                    const char *metric, int limit, int offset, json_t **out, struct yc_err *err)
{
    struct yc_report_dept d;
    struct yc_report_trace_row *t;
    size_t n;
    int64_t total = 0;
    int all = 1, m = given(metric) ? yc_metric_by_key(metric) : -1;
    json_t *cases;
    int rc = yc_svc_allow(ctx, YC_OP_REPORT_READ, err);

    if (rc == 0 && m < 0) {
        rc = given(metric) ? yc_fail(err, YC_EUNPROC, "field_invalid", "metric",
                                     "没有指标“%s”（见 docs/reports.md 的指标表）", metric)
                           : yc_fail(err, YC_EINVAL, "field_required", "metric", "缺少参数 metric");
    }
    if (rc == 0) {
        rc = trace_scope(ctx, dept, &d, &all, err);
    }
    if (rc == 0) {
        rc = yc_svc_report_fold(ctx, YC_REPORT_DRAIN_MAX, NULL, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_pack("{s:o, s:o, s:s, s:s, s:i, s:i}", "period",
                     yc_report_period_json(ctx->arena, p, -1), "department",
                     all ? json_null()
                         : json_pack("{s:I, s:s, s:s}", "id", (json_int_t)d.id, "name", d.name,
                                     "code", d.code),
                     "metric", yc_metrics[m].key, "metric_zh", yc_metrics[m].zh, "limit", limit,
                     "offset", offset);
    switch (yc_metrics[m].source) {
    case YC_MS_CATALOGUE:
        rc = trace_dark(ctx, p, all ? 0 : d.id, *out, err);
        break;
    case YC_MS_EVENTS:
        rc = yc_store_report_trace(ctx->db, ctx->arena, all ? 0 : d.id, yc_metrics[m].key, p->from,
                                   p->to, limit, offset, &t, &n, &total, err);
        cases = json_array();
        for (size_t i = 0; rc == 0 && i < n; i++) {
            json_array_append_new(cases, yc_report_trace_case_json(&t[i]));
        }
        json_object_set_new(*out, "count", json_integer(total));
        json_object_set_new(*out, "cases", cases);
        break;
    default:
        rc = yc_report_trace_supervision(ctx, p, all ? 0 : d.id, (enum yc_metric)m, limit, offset,
                                         *out, err);
        break;
    }
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}
