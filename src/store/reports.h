/*
 * reports.h - repository functions of the supervision reports (stmts_reports.def): the fold of
 * pending case events into report_facts / report_daily / report_matter_daily / report_zone_daily,
 * the period queries, the trace and the stored reports. Days are int32_t days (base/date.h);
 * strings live in the caller's arena.
 */
#ifndef YC_STORE_REPORTS_H
#define YC_STORE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"

/* ---- the fold ---- */

struct yc_report_pending_event {
    int64_t pending_id;
    int64_t case_id;
    const char *event;      /* a name of domain/case_flow.h */
    const char *from_state; /* the state it fired from ("" for receive) */
    int32_t day;
    int64_t department_id;
    int64_t matter_id;
    int64_t zone_id; /* receipts only; 0: none */
};

/* Serialise folds (PostgreSQL advisory lock; nothing on SQLite). Inside a transaction. */
int yc_store_report_fold_lock(struct yc_db *db, struct yc_err *err) YC_MUST;
int yc_store_report_pending_count(struct yc_db *db, int64_t *n, struct yc_err *err) YC_MUST;
/* *any = 1 when a row is pending (reads one row at most). */
int yc_store_report_pending_any(struct yc_db *db, int *any, struct yc_err *err) YC_MUST;
/* Up to limit pending case events, oldest first. */
int yc_store_report_pending_events(struct yc_db *db, struct yc_arena *a, int limit,
                                   struct yc_report_pending_event **out, size_t *n,
                                   struct yc_err *err) YC_MUST;
/* A pending row of the supervision tables as what it counts: n (+1, or -1 for a rating whose
 * appeal was upheld) of metric on day for the department; metric "" counts as nothing. */
struct yc_report_pending_row {
    int64_t pending_id;
    int64_t department_id;
    int32_t day;
    const char *metric;
    int64_t n;
};
int yc_store_report_pending_supervision(struct yc_db *db, struct yc_arena *a, int limit,
                                        struct yc_report_pending_row **out, size_t *n,
                                        struct yc_err *err) YC_MUST;
int yc_store_report_pending_orphans(struct yc_db *db, struct yc_err *err) YC_MUST;
int yc_store_report_pending_done(struct yc_db *db, int64_t pending_id, struct yc_err *err) YC_MUST;
/* Put a pending row back at the end of the list (a new row; the old one stays until done). */
int yc_store_report_pending_requeue(struct yc_db *db, int64_t pending_id,
                                    struct yc_err *err) YC_MUST;
/* One fact; *added = 1 when it was not there yet. */
int yc_store_report_fact_add(struct yc_db *db, int64_t department_id, const char *metric,
                             int32_t day, int64_t case_id, int *added, struct yc_err *err) YC_MUST;
/* Add n to the day's count and to its month's (report_daily and report_monthly). */
int yc_store_report_daily_add(struct yc_db *db, int32_t day, int64_t department_id,
                              const char *metric, int64_t n, struct yc_err *err) YC_MUST;
int yc_store_report_matter_add(struct yc_db *db, int64_t matter_id, int32_t day, int64_t n,
                               struct yc_err *err) YC_MUST;
int yc_store_report_zone_add(struct yc_db *db, int32_t day, int64_t zone_id, int64_t n,
                             struct yc_err *err) YC_MUST;

/* ---- a period's figures ---- */

struct yc_report_count {
    int64_t department_id;
    const char *metric;
    int64_t n;
};
/* The counts of from..to per department and metric: report_monthly for the whole months within,
 * report_daily for the days before and after them. Rows may repeat a (department, metric): sum. */
int yc_store_report_daily_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                              struct yc_report_count **out, size_t *n, struct yc_err *err) YC_MUST;

struct yc_report_dept {
    int64_t id;
    const char *name;
    const char *code;
    int64_t entered; /* entered matters */
};
/* Every department in the catalogue's order. */
int yc_store_report_departments(struct yc_db *db, struct yc_arena *a, struct yc_report_dept **out,
                                size_t *n, struct yc_err *err) YC_MUST;

struct yc_report_dark {
    int64_t matter_id;
    int64_t department_id;
    const char *code;
    const char *name;
    int64_t baseline; /* cases received in the baseline */
};
/* Entered matters with no case received in from..to, and their receipts in bfrom..bto. */
int yc_store_report_dark_candidates(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                                    int32_t bfrom, int32_t bto, struct yc_report_dark **out,
                                    size_t *n, struct yc_err *err) YC_MUST;

struct yc_report_zone_count {
    int64_t zone_id; /* 0: no zone */
    const char *zone;
    int64_t n;
};
int yc_store_report_zone_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                             struct yc_report_zone_count **out, size_t *n,
                             struct yc_err *err) YC_MUST;
/* Entered matters and those at 无差别 windows in the catalogue as it stood before before_ms. */
int yc_store_report_share_at(struct yc_db *db, int64_t before_ms, int64_t *entered,
                             int64_t *undifferentiated, struct yc_err *err) YC_MUST;

struct yc_report_rectify {
    int64_t department_id;
    int64_t bad;         /* bad reviews given in the period, not voided by an upheld appeal */
    int64_t rectified;   /* of them, the action recorded by as_of */
    int64_t unrectified; /* of them, not rectified by the fix deadline as of as_of */
};
int yc_store_report_rectify_sum(struct yc_db *db, struct yc_arena *a, int32_t from, int32_t to,
                                int32_t as_of, struct yc_report_rectify **out, size_t *n,
                                struct yc_err *err) YC_MUST;

/* ---- the trace ---- */

struct yc_report_trace_row {
    int32_t day; /* when it counted */
    int64_t case_id;
    const char *number;
    const char *department;
    const char *matter_code;
    const char *matter_name;
    const char *state;
    int32_t received;
    int32_t accepted; /* YC_NO_DAY when not accepted */
    const char *extra1; /* the row's own: the warning's level, the rating's stage, the order's */
    const char *extra2; /* number, the rectification's state; then channel, order state, fix due */
};
/* The cases behind a figure (department 0: all), by day and case; *total counts them all. */
int yc_store_report_trace(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                          const char *metric, int32_t from, int32_t to, int limit, int offset,
                          struct yc_report_trace_row **out, size_t *n, int64_t *total,
                          struct yc_err *err) YC_MUST;

/* The traces of the supervision figures (the rows' own tables). */
enum yc_report_trace_source {
    YC_TRACE_WARNINGS, /* what: the level */
    YC_TRACE_RATINGS,  /* level: 1..5 */
    YC_TRACE_RECTIFY,  /* what: bad_reviews | rectified | unrectified, as of as_of */
    YC_TRACE_ORDERS,   /* one row per order and case; *total counts orders */
};
int yc_store_report_trace_supervision(struct yc_db *db, struct yc_arena *a,
                                      enum yc_report_trace_source src, int64_t department_id,
                                      const char *what, int level, int32_t from, int32_t to,
                                      int32_t as_of, int limit, int offset,
                                      struct yc_report_trace_row **out, size_t *n, int64_t *total,
                                      struct yc_err *err) YC_MUST;

/* ---- stored reports ---- */

int yc_store_report_snapshot_get(struct yc_db *db, struct yc_arena *a, const char *kind,
                                 const char *period, const char **body, int64_t *stored_at,
                                 const char **stored_by, int *found, struct yc_err *err) YC_MUST;
/* Store once: *stored = 0 when the period was stored already (by this or another process). */
int yc_store_report_snapshot_put(struct yc_db *db, const char *kind, const char *period,
                                 int32_t from, int32_t to, const char *body, int64_t stored_at,
                                 const char *stored_by, int *stored, struct yc_err *err) YC_MUST;

struct yc_report_snapshot {
    const char *period;
    const char *body;
};
/* The stored reports of periods within from..to, oldest first. */
int yc_store_report_snapshot_range(struct yc_db *db, struct yc_arena *a, const char *kind,
                                   int32_t from, int32_t to, struct yc_report_snapshot **out,
                                   size_t *n, struct yc_err *err) YC_MUST;

#endif
