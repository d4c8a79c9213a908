/* supervise_int.h - helpers shared by supervise.c, evaluate.c and supervise_demo.c (not part of the
 * service API). */
#ifndef YC_SVC_SUPERVISE_INT_H
#define YC_SVC_SUPERVISE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/supervise.h"
#include "svc/svc.h"

#define YC_SUP_DEFAULT_DAYS 5 /* callback and fix deadlines (DOMAIN.md: 5, 7 or 15; default 5) */
#define YC_SUP_MAX_DAYS     30

/* The warning thresholds' bounds (DOMAIN.md: 预警 2 working days before the end, 红牌 more than 3
 * overdue, both configurable) */
#define YC_SUP_MAX_WARN_DAYS 20
#define YC_SUP_MAX_RED_DAYS  30

/* The configurable deadlines and warning thresholds (settings key "supervision"). */
struct yc_sup_config {
    int callback_days; /* working days from a bad review to its callback */
    int fix_days;      /* working days from a bad review to its fix */
    int warn_days;     /* 预警 when at most this many working days are left (0: only on the day) */
    int red_days;      /* 红牌 when more than this many working days overdue */
};

int yc_sup_config_load(struct yc_ctx *ctx, struct yc_sup_config *out, struct yc_err *err) YC_MUST;

/*
 * The department whose records ctx sees: 0 for all (system, supervisor, administrator), else the
 * caller's department (-1 when they have none, which matches nothing).
 */
int64_t yc_sup_scope(const struct yc_ctx *ctx);
/* 1 when ctx sees records of department_id. */
int yc_sup_in_scope(const struct yc_ctx *ctx, int64_t department_id);

/* The n-th working day after from (no access check: any use case may count days). 422
 * calendar_year_missing naming the year when the calendar does not cover it. */
int yc_sup_workdays_after(int32_t from, int n, int32_t *out, struct yc_err *err) YC_MUST;

/* Tell staff through the outbox (channel staff, recipient the username): one user (0: nobody),
 * or the department heads of a department. */
int yc_sup_tell_user(struct yc_ctx *ctx, int64_t user_id, const char *text,
                     struct yc_err *err) YC_MUST;
int yc_sup_tell_heads(struct yc_ctx *ctx, int64_t department_id, const char *text,
                      struct yc_err *err) YC_MUST;

/* "YYYY-MM-DD" or null; an ISO time or null for 0. New references. */
json_t *yc_sup_day_json(int32_t day);
json_t *yc_sup_time_json(int64_t ms);

/* The case's rating token (22 characters, base64url of an HMAC of its number under the centre's
 * secret key, created on first use) into out[23]. */
int yc_sup_rating_token(struct yc_ctx *ctx, const char *number, char out[23],
                        struct yc_err *err) YC_MUST;

/* ---- ratings, shared by the public rating page and the window's tablet (evaluate.c) ---- */

/* Failed public lookups per key (a prefix and the client's address): 10 in 10 minutes give 429
 * rate_limited with retry_after_s; count one more failure in a transaction of its own. */
int yc_sup_throttled(struct yc_ctx *ctx, const char *key, struct yc_err *err) YC_MUST;
void yc_sup_count_failure(struct yc_ctx *ctx, const char *key);

/* The case's state in Chinese ("未知" when unknown). */
const char *yc_sup_state_zh(const struct yc_case *c);
/* The first of accept, result that may be rated now and is not rated among r (the case's
 * ratings), as enum yc_rating_stage; -1 when none. */
int yc_sup_open_stage(const struct yc_case *c, const struct yc_rating *r, size_t n);
/* [{stage, stage_zh, rateable, rated}] for accept and result; the five levels [{level, label,
 * reason_required}]. New references. */
json_t *yc_sup_stages_json(const struct yc_case *c, const struct yc_rating *r, size_t n);
json_t *yc_sup_levels_json(void);

/* 403 staff_cannot_rate when ctx has a staff session (ratings are the applicants'). */
int yc_sup_not_staff(const struct yc_ctx *ctx, struct yc_err *err) YC_MUST;
/* Check a rating's outside input (422 with the field; reason_required) and fill r from it. */
int yc_sup_rating_prepare(const struct yc_rating_in *in, struct yc_rating *r,
                          enum yc_rating_stage *stage, struct yc_err *err) YC_MUST;
/* Inside the caller's transaction: refuse a stage already rated (409 already_rated) or not
 * rateable (409 not_rateable), store r for case c, audit rating.give, and for a bad review open
 * its rectification into *opened (zeroed otherwise). */
int yc_sup_rate_tx(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_rating_in *in,
                   enum yc_rating_stage stage, struct yc_rating *r, struct yc_rect *opened,
                   struct yc_err *err) YC_MUST;
/* The answer to a rating: {rating: {id, stage, stage_zh, level, level_zh, given_at},
 * rectification: {id, callback_due, fix_due} | null, message}. */
json_t *yc_sup_rate_answer(const struct yc_rating *r, enum yc_rating_stage stage,
                           const struct yc_rect *opened);

#endif
