/* case_int.h - helpers shared by the case*.c files of svc/ (not part of the service API). */
#ifndef YC_SVC_CASE_INT_H
#define YC_SVC_CASE_INT_H

#include <jansson.h>

#include "domain/case_clock.h"
#include "svc/svc.h"

/* 1 when ctx may see c (*full: and see its personal data in clear), else 0. */
int yc_case_scope(const struct yc_ctx *ctx, const struct yc_case *c, int *full);
/* Load a case in ctx's scope; YC_ENOTFOUND "case_not_found" otherwise. */
int yc_case_load(struct yc_ctx *ctx, int64_t id, struct yc_case *c, int *full,
                 struct yc_err *err) YC_MUST;
/* The warning thresholds in force (settings key "supervision", docs/supervision.md; supervise.c),
 * as every view of a clock, the board's scan and the reports use them: read once per request and
 * kept in ctx. */
int yc_svc_clock_policy(struct yc_ctx *ctx, struct yc_clock_policy *p, struct yc_err *err) YC_MUST;
/* The clock of c with its recorded stops (in ctx->arena). */
int yc_case_clock_build(struct yc_ctx *ctx, const struct yc_case *c, struct yc_clock *clk,
                        struct yc_case_stop_row **stops, size_t *nstops, struct yc_err *err) YC_MUST;
/* May c's statutory clock be extended by days today? 409 extension_twice / extension_late. */
int yc_case_extension_check(struct yc_ctx *ctx, const struct yc_case *c, int days,
                            int32_t *new_end, struct yc_err *err) YC_MUST;
/* The clocks JSON (docs/cases.md); null before acceptance. New reference. */
json_t *yc_case_clocks_json(struct yc_ctx *ctx, const struct yc_case *c, struct yc_err *err);
/* The detail JSON of a case (new reference in *out). */
int yc_case_detail(struct yc_ctx *ctx, const struct yc_case *c, int full, json_t **out,
                   struct yc_err *err) YC_MUST;
/* Append a timeline event of the acting user, today. */
int yc_case_event_add(struct yc_ctx *ctx, int64_t case_id, const char *event, const char *from,
                      const char *to, const char *note, struct yc_err *err) YC_MUST;

/* The clock of c on today (after acceptance): 422 clock_invalid when the calendar cannot say. */
int yc_case_clock_status(struct yc_ctx *ctx, const struct yc_case *c, struct yc_clock_status *st,
                         struct yc_err *err) YC_MUST;
/* yc_clock_explain on c today; yc_clock_idle from from_day today. 422 clock_invalid likewise. */
int yc_case_clock_explain(struct yc_ctx *ctx, const struct yc_case *c, int days,
                          struct yc_clock_explanation *out, struct yc_err *err) YC_MUST;
int yc_case_clock_idle(struct yc_ctx *ctx, int32_t from_day, int days, struct yc_clock_idle *out,
                       struct yc_err *err) YC_MUST;

/* ---- case_rules.c ---- */

/* 1 when ctx sees c only because their department has a task of it (no case events then). */
int yc_case_task_only(const struct yc_ctx *ctx, const struct yc_case *c);
/* Split c into tasks for depts[0..n) with days each (1..45), inside the caller's transaction:
 * routed to each department's post (A, or B when A is on leave, hand-over recorded), the case
 * made joint (45 working days) unless it was; *note describes it. 409 task_exists, split_late;
 * 422 department_no_post, field_invalid. */
int yc_case_split(struct yc_ctx *ctx, struct yc_case *c, const int64_t *depts, size_t n, int days,
                  const char **note, struct yc_err *err) YC_MUST;
/* A joint case's review begins: its matter's departments get their tasks (none: *note kept). */
int yc_case_split_joint_matter(struct yc_ctx *ctx, struct yc_case *c, const char **note,
                               struct yc_err *err) YC_MUST;
/* May a joint case be decided (grant: 1)? 409 tasks_open / tasks_refused naming them. */
int yc_case_tasks_gate(struct yc_ctx *ctx, const struct yc_case *c, int grant,
                       struct yc_err *err) YC_MUST;
/* Add "tasks" and "explanations" to the detail object d. */
int yc_case_rules_json(struct yc_ctx *ctx, const struct yc_case *c, json_t *d,
                       struct yc_err *err) YC_MUST;
/* The scan's rules (AB post, missed promises, 容缺 not kept); counts added to *k. */
int yc_case_scan_rules(struct yc_ctx *ctx, struct yc_case_scan_counts *k,
                       struct yc_err *err) YC_MUST;
/* The timeline label of an event outside the transition table ("receive" 收件 ...), or NULL. */
const char *yc_case_rule_event_label(const char *event);

#endif
