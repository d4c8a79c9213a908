/*
 * reports.h - the supervision reports (issue 6, docs/reports.md): the half-monthly progress report
 * (半月通报), the departments' annual scorecard, the plan's targets over time, and the list of cases
 * behind every figure. One set of functions builds each report as one JSON document; the API, the
 * XLSX workbook, the PDF and the command line all render that same document, so they show the same
 * numbers.
 *
 * The figures come from a rollup kept beside the cases (migration 0011): case events are folded
 * into per-(department, metric, day) facts and counts, so a report reads a few thousand rows, not
 * every case. The fold runs on the server's ticker and before every report.
 *
 * Access (perm.c): YC_OP_REPORT_READ - supervisors, administrators and department heads read the
 * reports (a 通报 is circulated to every department; no personal data is in them); the list of
 * cases behind a figure is scoped here: a department head sees only their own department's.
 */
#ifndef YC_SVC_REPORTS_H
#define YC_SVC_REPORTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/report_period.h"
#include "store/reports.h"

#define YC_REPORT_BATCH       500 /* pending events per fold transaction */
#define YC_REPORT_DRAIN_MAX   100 /* batches a report folds before it answers */
#define YC_REPORT_TRACE_LIMIT 1000
#define YC_REPORT_TICK_FOLD_US (5 * 1000000LL) /* at most this long folding per tick */

enum yc_report_kind {
    YC_REPORT_HALF_MONTHLY = 0,
    YC_REPORT_SCORECARD,
    YC_REPORT_TARGETS,
    YC_REPORT__MAX
};
extern const char *const yc_report_kind_names[YC_REPORT__MAX]; /* "half-monthly" ... */

/* The period arguments of a request or a command (NULL / "" when not given). */
struct yc_report_args {
    const char *period; /* "2026-11-1" */
    const char *year;   /* "2026" */
    const char *from;   /* "2026-11-01" */
    const char *to;
};

/*
 * The period a request names, checked: exactly one of period, year, from+to (which ones a kind
 * takes: docs/reports.md), or the kind's default when none is given. Errors: 422 field_invalid
 * naming the parameter, 422 period_inverted (to before from), 422 calendar_year_missing naming
 * the year the calendar lacks. *workdays: working days in the period.
 */
int yc_svc_report_period(struct yc_ctx *ctx, enum yc_report_kind kind,
                         const struct yc_report_args *args, struct yc_period *out, int *workdays,
                         struct yc_err *err) YC_MUST;

/*
 * Fold pending case events into the rollup: at most max_batches transactions of
 * YC_REPORT_BATCH events; *left (may be NULL) gets the pending rows left. Safe with several
 * processes (the fold takes a lock; each event is folded once).
 */
int yc_svc_report_fold(struct yc_ctx *ctx, int max_batches, int64_t *left,
                       struct yc_err *err) YC_MUST;

/* The ticker: fold, then store the half-monthly report of the last ended period once. */
int yc_svc_report_tick(struct yc_ctx *ctx, struct yc_err *err) YC_MUST;

/*
 * The half-monthly report of p. For a period that has ended and was stored, the stored report
 * (with "stored": {at, by}) unless live; otherwise built now.
 */
int yc_svc_report_half_monthly(struct yc_ctx *ctx, const struct yc_period *p, int live,
                               json_t **out, struct yc_err *err) YC_MUST;
/* The scorecard of p (a year, or any range). */
int yc_svc_report_scorecard(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                            struct yc_err *err) YC_MUST;
/* The plan's targets per half-month of p, and the case volume per zone against Annex 3. */
int yc_svc_report_targets(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                          struct yc_err *err) YC_MUST;
/*
 * The cases behind one figure: metric (a key of yc_metrics), dept (an id or a department code;
 * NULL or "" for all departments - a department head gets their own). 422 field_invalid metric,
 * 422 department_unknown, 403 forbidden (another department's cases for a department head).
 */
int yc_svc_report_trace(struct yc_ctx *ctx, const struct yc_period *p, const char *dept,
                        const char *metric, int limit, int offset, json_t **out,
                        struct yc_err *err) YC_MUST;

/* ---- the renderings of a report's JSON (reports_render.c, report_pdf.c) ---- */

/* One workbook: a sheet per table of the report, and one with the summary. */
int yc_report_render_xlsx(struct yc_arena *a, const json_t *report, const char **data, size_t *len,
                          struct yc_err *err) YC_MUST;
/* A4 landscape: title, period, summary, the tables. */
int yc_report_render_pdf(struct yc_arena *a, const json_t *report, const char **data, size_t *len,
                         struct yc_err *err) YC_MUST;
/* A cell as people read it: "95.0%", "+12%", "—" for none (static or arena). */
const char *yc_report_cell_text(struct yc_arena *a, const json_t *column, const json_t *value);
/* The file name of a download: "half-monthly-2026-11-1.xlsx". */
const char *yc_report_file_name(struct yc_arena *a, const json_t *report, const char *ext);

#endif
