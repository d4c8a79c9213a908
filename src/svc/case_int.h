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

#endif
