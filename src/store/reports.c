/* reports.c - repository functions of the supervision reports (reports.h). */
#include <string.h>

#include "base/date.h"
#include "store/hall.h"
#include "store/reports.h"
#include "store/rows.h"
#include "base/banned.h"

#define COLLECT(q, args, a, type, fn, out, n, err)                                                 \
    yc_store_collect(db, (q), args, (a), sizeof(type), (fn), (void **)(out), (n), (err))

/* ---- the fold ---- */

int
yc_store_report_fold_lock(struct yc_db *db, struct yc_err *err)
{
    int64_t v;
    int found;

    return yc_db_scalar(db, YC_Q_REPORT_FOLD_LOCK, YC_NOARGS, &v, &found, err);
}

int
yc_store_report_pending_count(struct yc_db *db, int64_t *n, struct yc_err *err)
{
    int found;

    return yc_db_scalar(db, YC_Q_REPORT_PENDING_COUNT, YC_NOARGS, n, &found, err);
}

int
yc_store_report_pending_any(struct yc_db *db, int *any, struct yc_err *err)
{
    int64_t n = 0;
    int found;
    int rc = yc_db_scalar(db, YC_Q_REPORT_PENDING_ANY, YC_NOARGS, &n, &found, err);

    *any = n > 0;
    return rc;
}

static void
read_pending(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_pending_event *e = elem;

    e->pending_id = yc_rows_int(r, 0);
    e->case_id = yc_rows_int(r, 1);
    e->event = yc_rows_dup(r, a, 2);
    e->from_state = yc_rows_dup(r, a, 3);
    e->day = yc_store_day(yc_rows_text(r, 4));
    e->department_id = yc_rows_int(r, 5);
    e->matter_id = yc_rows_int(r, 6);
    e->zone_id = yc_rows_int(r, 7);
}

int
yc_store_report_pending_events(struct yc_db *db, struct yc_arena *a, int limit,
                               struct yc_report_pending_event **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_REPORT_PENDING_EVENTS, YC_ARGS(YC_VI(limit)), a,
                   struct yc_report_pending_event, read_pending, out, n, err);
}

static void
read_pending_row(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_pending_row *e = elem;

    e->pending_id = yc_rows_int(r, 0);
    e->department_id = yc_rows_int(r, 1);
    e->day = yc_store_day(yc_rows_text(r, 2));
    e->metric = yc_rows_dup(r, a, 3);
    e->n = yc_rows_int(r, 4);
}

int
yc_store_report_pending_supervision(struct yc_db *db, struct yc_arena *a, int limit,
                                    struct yc_report_pending_row **out, size_t *n,
                                    struct yc_err *err)
{
    return COLLECT(YC_Q_REPORT_PENDING_SUPERVISION, YC_ARGS(YC_VI(limit)), a,
                   struct yc_report_pending_row, read_pending_row, out, n, err);
}

int
yc_store_report_pending_orphans(struct yc_db *db, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_REPORT_PENDING_ORPHANS, YC_NOARGS, NULL, err);
}

int
yc_store_report_pending_done(struct yc_db *db, int64_t pending_id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_REPORT_PENDING_DELETE, YC_ARGS(YC_VI(pending_id)), NULL, err);
}

int
yc_store_report_pending_requeue(struct yc_db *db, int64_t pending_id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_REPORT_PENDING_REQUEUE, YC_ARGS(YC_VI(pending_id)), NULL, err);
}

int
yc_store_report_fact_add(struct yc_db *db, int64_t department_id, const char *metric, int32_t day,
                         int64_t case_id, int *added, struct yc_err *err)
{
    char d[11];
    int64_t changes = 0;
    int rc = yc_db_exec(
        db, YC_Q_REPORT_FACT_ADD,
        YC_ARGS(YC_VI(department_id), YC_VT(metric), yc_store_day_val(d, day), YC_VI(case_id)),
        &changes, err);

    *added = rc == 0 && changes > 0;
    return rc;
}

int
yc_store_report_daily_add(struct yc_db *db, int32_t day, int64_t department_id, const char *metric,
                          int64_t n, struct yc_err *err)
{
    char d[11];

    int rc =
        yc_db_exec(db, YC_Q_REPORT_DAILY_ADD,
                   YC_ARGS(yc_store_day_val(d, day), YC_VI(department_id), YC_VT(metric), YC_VI(n)),
                   NULL, err);

    if (rc == 0) {
        rc =
            yc_db_exec(db, YC_Q_REPORT_MONTHLY_ADD,
                       YC_ARGS(YC_VT(d), YC_VI(department_id), YC_VT(metric), YC_VI(n)), NULL, err);
    }
    return rc;
}

int
yc_store_report_matter_add(struct yc_db *db, int64_t matter_id, int32_t day, int64_t n,
                           struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_REPORT_MATTER_ADD,
                      YC_ARGS(YC_VI(matter_id), yc_store_day_val(d, day), YC_VI(n)), NULL, err);
}

int
yc_store_report_zone_add(struct yc_db *db, int32_t day, int64_t zone_id, int64_t n,
                         struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_REPORT_ZONE_ADD,
                      YC_ARGS(yc_store_day_val(d, day), YC_VI(zone_id), YC_VI(n)), NULL, err);
}

/* ---- a period's figures ---- */

static void
read_count(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_count *c = elem;

    c->department_id = yc_rows_int(r, 0);
    c->metric = yc_rows_dup(r, a, 1);
    c->n = yc_rows_int(r, 2);
}

/* Append the rows of q over the range a..b (days, or months as 'YYYY-MM') to *out. */
static int
sum_part(struct yc_db *db, struct yc_arena *a, enum yc_stmt q, const char *lo, const char *hi,
         struct yc_report_count **out, size_t *n, struct yc_err *err)
{
    struct yc_report_count *part, *all;
    size_t np;
    int rc = COLLECT(q, YC_ARGS(YC_VT(lo), YC_VT(hi)), a, struct yc_report_count, read_count, &part,
                     &np, err);

    if (rc || np == 0) {
        return rc;
    }
    all = yc_arena_alloc(a, (*n + np) * sizeof(*all));
    if (*n) {
        memcpy(all, *out, *n * sizeof(*all));
    }
    memcpy(all + *n, part, np * sizeof(*all));
    *out = all;
    *n += np;
    return 0;
}

int
yc_store_report_daily_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                          struct yc_report_count **out, size_t *n, struct yc_err *err)
{
    int y1, m1, d1, y2, m2, d2, ylast, mlast, dlast;
    int32_t first, last; /* the first and last day of the whole months within from..to */
    char f[11], t[11], ms[11], me[11];
    int rc = 0;

    *out = NULL;
    *n = 0;
    yc_date_to_ymd(from, &y1, &m1, &d1);
    yc_date_to_ymd(to, &y2, &m2, &d2);
    first = d1 == 1 ? from : yc_date_from_ymd(y1, m1, yc_date_days_in_month(y1, m1)) + 1;
    yc_date_to_ymd(to + 1, &ylast, &mlast, &dlast);
    last = dlast == 1 ? to : yc_date_from_ymd(y2, m2, 1) - 1;
    if (first > last) {
        /* no whole month: days only */
        yc_date_format(from, f);
        yc_date_format(to, t);
        return sum_part(db, a, YC_Q_REPORT_DAILY_SUM, f, t, out, n, err);
    }
    if (from < first) {
        yc_date_format(from, f);
        yc_date_format(first - 1, t);
        rc = sum_part(db, a, YC_Q_REPORT_DAILY_SUM, f, t, out, n, err);
    }
    if (rc == 0) {
        yc_date_format(first, ms);
        yc_date_format(last, me);
        ms[7] = me[7] = '\0';
        rc = sum_part(db, a, YC_Q_REPORT_MONTHLY_SUM, ms, me, out, n, err);
    }
    if (rc == 0 && last < to) {
        yc_date_format(last + 1, f);
        yc_date_format(to, t);
        rc = sum_part(db, a, YC_Q_REPORT_DAILY_SUM, f, t, out, n, err);
    }
    return rc;
}

static void
read_dept(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_dept *d = elem;

    d->id = yc_rows_int(r, 0);
    d->name = yc_rows_dup(r, a, 1);
    d->code = yc_rows_dup(r, a, 2);
    d->entered = yc_rows_int(r, 3);
}

int
yc_store_report_departments(struct yc_db *db, struct yc_arena *a, struct yc_report_dept **out,
                            size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_REPORT_DEPARTMENTS, YC_NOARGS, a, struct yc_report_dept, read_dept, out, n,
                   err);
}

static void
read_dark(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_dark *d = elem;

    d->matter_id = yc_rows_int(r, 0);
    d->department_id = yc_rows_int(r, 1);
    d->code = yc_rows_dup(r, a, 2);
    d->name = yc_rows_dup(r, a, 3);
    d->baseline = yc_rows_int(r, 4);
}

int
yc_store_report_dark_candidates(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                                int32_t bfrom, int32_t bto, struct yc_report_dark **out, size_t *n,
                                struct yc_err *err)
{
    char f[11], t[11], bf[11], bt[11];

    return COLLECT(YC_Q_REPORT_DARK_CANDIDATES,
                   YC_ARGS(yc_store_day_val(f, from), yc_store_day_val(t, to),
                           yc_store_day_val(bf, bfrom), yc_store_day_val(bt, bto)),
                   a, struct yc_report_dark, read_dark, out, n, err);
}

static void
read_zone(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_zone_count *z = elem;

    z->zone_id = yc_rows_int(r, 0);
    z->zone = yc_rows_dup(r, a, 1);
    z->n = yc_rows_int(r, 2);
}

int
yc_store_report_zone_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                         struct yc_report_zone_count **out, size_t *n, struct yc_err *err)
{
    char f[11], t[11];

    return COLLECT(YC_Q_REPORT_ZONE_SUM,
                   YC_ARGS(yc_store_day_val(f, from), yc_store_day_val(t, to)), a,
                   struct yc_report_zone_count, read_zone, out, n, err);
}

int
yc_store_report_share_at(struct yc_db *db, int64_t before_ms, int64_t *entered,
                         int64_t *undifferentiated, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_REPORT_SHARE_AT, YC_ARGS(YC_VI(before_ms)), &r, err);

    *entered = 0;
    *undifferentiated = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *entered = yc_rows_int(r, 0);
        *undifferentiated = yc_rows_int(r, 1);
    }
    yc_rows_close(r);
    return rc < 0 ? rc : 0;
}

static void
read_rectify(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_rectify *x = elem;

    (void)a;
    x->department_id = yc_rows_int(r, 0);
    x->bad = yc_rows_int(r, 1);
    x->rectified = yc_rows_int(r, 2);
    x->unrectified = yc_rows_int(r, 3);
}

int
yc_store_report_rectify_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                            int32_t as_of, struct yc_report_rectify **out, size_t *n,
                            struct yc_err *err)
{
    char f[11], t[11], d[11];

    return COLLECT(
        YC_Q_REPORT_RECTIFY_SUM,
        YC_ARGS(yc_store_day_val(f, from), yc_store_day_val(t, to), yc_store_day_val(d, as_of)), a,
        struct yc_report_rectify, read_rectify, out, n, err);
}

/* ---- the trace ---- */

static void
read_trace(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_trace_row *t = elem;

    t->day = yc_store_day(yc_rows_text(r, 0));
    t->case_id = yc_rows_int(r, 1);
    t->number = yc_rows_dup(r, a, 2);
    t->department = yc_rows_dup(r, a, 3);
    t->matter_code = yc_rows_dup(r, a, 4);
    t->matter_name = yc_rows_dup(r, a, 5);
    t->state = yc_rows_dup(r, a, 6);
    t->received = yc_store_day(yc_rows_text(r, 7));
    t->accepted = yc_store_day(yc_rows_text(r, 8));
    t->extra1 = "";
    t->extra2 = "";
}

static void
read_trace_extra(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_trace_row *t = elem;

    read_trace(r, a, elem);
    t->extra1 = yc_rows_dup(r, a, 9);
    t->extra2 = yc_rows_dup(r, a, 10);
}

int
yc_store_report_trace(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                      const char *metric, int32_t from, int32_t to, int limit, int offset,
                      struct yc_report_trace_row **out, size_t *n, int64_t *total,
                      struct yc_err *err)
{
    char f[11], t[11];
    int found;
    int rc = yc_db_scalar(db, YC_Q_REPORT_TRACE_COUNT,
                          YC_ARGS(YC_VI(department_id), YC_VT(metric), yc_store_day_val(f, from),
                                  yc_store_day_val(t, to)),
                          total, &found, err);

    if (rc) {
        return rc;
    }
    return COLLECT(YC_Q_REPORT_TRACE,
                   YC_ARGS(YC_VI(department_id), YC_VT(metric), yc_store_day_val(f, from),
                           yc_store_day_val(t, to), YC_VI(limit), YC_VI(offset)),
                   a, struct yc_report_trace_row, read_trace, out, n, err);
}

int
yc_store_report_trace_supervision(struct yc_db *db, struct yc_arena *a,
                                  enum yc_report_trace_source src, int64_t department_id,
                                  const char *what, int level, int32_t from, int32_t to,
                                  int32_t as_of, int limit, int offset,
                                  struct yc_report_trace_row **out, size_t *n, int64_t *total,
                                  struct yc_err *err)
{
    static const enum yc_stmt q[][2] = {
        [YC_TRACE_WARNINGS] = {YC_Q_REPORT_TRACE_WARN_COUNT, YC_Q_REPORT_TRACE_WARN},
        [YC_TRACE_RATINGS] = {YC_Q_REPORT_TRACE_RATING_COUNT, YC_Q_REPORT_TRACE_RATING},
        [YC_TRACE_RECTIFY] = {YC_Q_REPORT_TRACE_RECT_COUNT, YC_Q_REPORT_TRACE_RECT},
        [YC_TRACE_ORDERS] = {YC_Q_REPORT_TRACE_ORDER_COUNT, YC_Q_REPORT_TRACE_ORDER},
    };
    char f[11], t[11], d[11];
    struct yc_val v[7];
    size_t nv;
    int found;
    int rc;

    v[0] = YC_VI(department_id);
    v[1] = src == YC_TRACE_RATINGS ? YC_VI(level) : YC_VT(what);
    v[2] = yc_store_day_val(f, from);
    v[3] = yc_store_day_val(t, to);
    nv = 4;
    if (src == YC_TRACE_RECTIFY) {
        v[nv++] = yc_store_day_val(d, as_of);
    }
    rc = yc_db_scalar(db, q[src][0], v, nv, total, &found, err);
    if (rc) {
        return rc;
    }
    v[nv++] = YC_VI(limit);
    v[nv++] = YC_VI(offset);
    return yc_store_collect(db, q[src][1], v, nv, a, sizeof(struct yc_report_trace_row),
                            read_trace_extra, (void **)out, n, err);
}

/* ---- stored reports ---- */

int
yc_store_report_snapshot_get(struct yc_db *db, struct yc_arena *a, const char *kind,
                             const char *period, const char **body, int64_t *stored_at,
                             const char **stored_by, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc =
        yc_db_query(db, YC_Q_REPORT_SNAPSHOT_GET, YC_ARGS(YC_VT(kind), YC_VT(period)), &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *found = 1;
        *body = yc_rows_dup(r, a, 0);
        *stored_at = yc_rows_int(r, 1);
        *stored_by = yc_rows_dup(r, a, 2);
    }
    yc_rows_close(r);
    return rc < 0 ? rc : 0;
}

int
yc_store_report_snapshot_put(struct yc_db *db, const char *kind, const char *period, int32_t from,
                             int32_t to, const char *body, int64_t stored_at, const char *stored_by,
                             int *stored, struct yc_err *err)
{
    char f[11], t[11];
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_REPORT_SNAPSHOT_PUT,
                        YC_ARGS(YC_VT(kind), YC_VT(period), yc_store_day_val(f, from),
                                yc_store_day_val(t, to), YC_VT(body), YC_VI(stored_at),
                                YC_VT(stored_by)),
                        &changes, err);

    *stored = rc == 0 && changes > 0;
    return rc;
}

static void
read_snapshot(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_report_snapshot *s = elem;

    s->period = yc_rows_dup(r, a, 0);
    s->body = yc_rows_dup(r, a, 1);
}

int
yc_store_report_snapshot_range(struct yc_db *db, struct yc_arena *a, const char *kind, int32_t from,
                               int32_t to, struct yc_report_snapshot **out, size_t *n,
                               struct yc_err *err)
{
    char f[11], t[11];

    return COLLECT(YC_Q_REPORT_SNAPSHOT_RANGE,
                   YC_ARGS(YC_VT(kind), yc_store_day_val(f, from), yc_store_day_val(t, to)), a,
                   struct yc_report_snapshot, read_snapshot, out, n, err);
}
