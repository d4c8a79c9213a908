/* reports_int.h - what the reports*.c files of svc/ share (not part of the service API). */
#ifndef YC_SVC_REPORTS_INT_H
#define YC_SVC_REPORTS_INT_H

#include <jansson.h>

#include "domain/report_period.h"
#include "svc/svc.h"

/* A column of a report's table: kind text | int | permille | change | rank (docs/reports.md);
 * group: the part of a wide table it belongs to (the PDF prints each part as a table of its own,
 * with the columns of no group in every part), NULL for none. */
struct yc_report_colspec {
    const char *key;
    const char *title;
    const char *kind;
    const char *group;
};

/* The figures of a period: v[i][metric] for departments[i] (catalogue order). */
struct yc_figures {
    struct yc_report_dept *depts;
    size_t n;
    int64_t (*v)[YC_M__MAX];
    int have_supervision;        /* the supervision tables are there (else those figures are 0) */
    struct yc_report_dark *dark; /* the 明进暗不进 matters, when asked for */
    size_t ndark;
};

/* Scores and ranks of the departments of a struct yc_figures. */
struct yc_ranked {
    size_t *order;          /* report order: ranked first, then unranked in catalogue order */
    struct yc_score *score; /* per department */
    int *rank;              /* 0: unranked */
    int *listed;            /* shown at all: some figure, or entered matters */
};

/* reports.c */
int yc_report_figures(struct yc_ctx *ctx, const struct yc_period *p, int with_dark,
                      struct yc_figures *f, struct yc_err *err) YC_MUST;
int yc_report_dark_matters(struct yc_ctx *ctx, const struct yc_period *p, int64_t department_id,
                           struct yc_report_dark **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_report_rank_figures(struct yc_ctx *ctx, const struct yc_figures *f, struct yc_ranked *r);
void yc_report_total(const struct yc_figures *f, int64_t *total);
json_t *yc_report_period_json(struct yc_arena *a, const struct yc_period *p, int workdays);
json_t *yc_report_columns_json(const struct yc_report_colspec *cols, size_t n);
json_t *yc_report_permille_json(int64_t part, int64_t whole);
void yc_report_metrics_json(json_t *row, const struct yc_figures *f, const int64_t *v);
json_t *yc_report_pending_json(const struct yc_figures *f);
/* {key, title, columns, rows (stolen), total (stolen, or NULL)} */
json_t *yc_report_table_json(const char *key, const char *title,
                             const struct yc_report_colspec *cols, size_t ncols, json_t *rows,
                             json_t *total);

/* A case of a trace: {day, id, number, department, matter, state, state_zh, received, accepted} */
json_t *yc_report_trace_case_json(const struct yc_report_trace_row *t);

/* reports_sup.c: the figures of the supervision tables (warnings, orders, ratings,
 * rectifications) and their traces */
int yc_report_supervision_figures(struct yc_ctx *ctx, const struct yc_period *p,
                                  struct yc_figures *f, struct yc_err *err) YC_MUST;
int yc_report_trace_supervision(struct yc_ctx *ctx, const struct yc_period *p,
                                int64_t department_id, enum yc_metric m, int limit, int offset,
                                json_t *out, struct yc_err *err) YC_MUST;

/* reports_targets.c: the plan's targets as they stand now, for a report of p (stored with the
 * half-monthly report, so the targets over time can show the windows of past periods) */
int yc_report_targets_now(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                          struct yc_err *err) YC_MUST;

#endif
