/*
 * supervise.h - use cases of supervision and evaluation (DOMAIN.md, "Supervision and evaluation";
 * docs/supervision.md): the live board of open cases by department, matter and warning level, the
 * scan that keeps its materialised levels and tells the responsible staff of new warnings and
 * overdue orders, supervision orders (督办单), ratings (好差评) through the public rating page, the
 * rectification of bad reviews (整改) and the departments' appeals (申诉).
 *
 * Access (perm.c): YC_OP_SUPERVISE_BOARD (supervisor, admin), YC_OP_SUPERVISE_CONFIG (admin),
 * YC_OP_ORDER_WRITE (supervisor), YC_OP_ORDER_READ and YC_OP_RATING_READ (supervisor, admin: all;
 * back office and department head: their department's, scoped here), YC_OP_ORDER_REPLY (back office
 * and department head of the order's department), YC_OP_RECTIFY (supervisor; back office and
 * department head of the rating's department), YC_OP_APPEAL_FILE (department head of the rating's
 * department), YC_OP_APPEAL_DECIDE (supervisor), YC_OP_TABLET_ENROL (administrator, supervisor:
 * the window's evaluation tablet). Ratings are written only by the public rating page with the
 * case's rating token, or by a window's enrolled tablet, never by a staff session. Every write is
 * one transaction with its audit entry; a refusal writes nothing.
 */
#ifndef YC_SVC_SUPERVISE_H
#define YC_SVC_SUPERVISE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/cases.h"
#include "store/supervise.h"

/* ---- the board and its scan (supervise.c) ---- */

/*
 * The scheduled part (called from yc_svc_case_scan on every tick, and once by the demo loader):
 * bring the board's materialised levels up to date (a full rebuild on the first run of the process
 * or after a calendar import, else the cases changed since the last run), record the warning levels
 * newly reached and tell the responsible staff (the case's assignee; for 黄牌 and 红牌 also the
 * department heads), and tell the department heads of orders past their reply deadline. Idempotent
 * and safe with several processes on one PostgreSQL database.
 */
int yc_svc_supervise_scan(struct yc_ctx *ctx, struct yc_err *err) YC_MUST;

struct yc_board_query {
    int64_t department_id; /* 0: every department */
    int64_t matter_id;     /* 0: every matter */
    int level;             /* -1 any, else enum yc_clock_level */
    int drill;             /* list the cases too */
    int limit;             /* of the case list, 1..500 */
};

/* The live board: counts by department, matter and level; orders; real-name callbacks; and with
 * drill the cases themselves. */
int yc_svc_supervise_board(struct yc_ctx *ctx, const struct yc_board_query *q, json_t **out,
                           struct yc_err *err) YC_MUST;

/* The same board without a filter, as JSON text in ctx's arena: built once per change of what it
 * shows (the scan's counts, the day, the thresholds, the order and callback figures) and kept in
 * the process meanwhile; the lobby's big screen and the supervisors' pages poll it. */
int yc_svc_supervise_board_text(struct yc_ctx *ctx, const char **text, size_t *len,
                                struct yc_err *err) YC_MUST;

/* The configurable deadlines and warning thresholds: {callback_days, fix_days} (working days,
 * default 5 each), {warn_days, red_days} (预警 when at most warn_days working days are left,
 * default 2; 红牌 when more than red_days overdue, default 3). Changing a threshold has the next scan
 * recompute every open case's levels; the case views use it at once. */
int yc_svc_supervise_config_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_supervise_config_put(struct yc_ctx *ctx, const json_t *body, json_t **out,
                                struct yc_err *err) YC_MUST;

/* ---- supervision orders (supervise.c) ---- */

struct yc_order_in {
    int64_t department_id;
    const int64_t *case_ids; /* 1..100 cases of that department */
    size_t ncases;
    const char *text;
    int reply_days; /* working days to reply, 1..30 */
};

int yc_svc_order_create(struct yc_ctx *ctx, const struct yc_order_in *in, json_t **out,
                        struct yc_err *err) YC_MUST;
/* state: NULL/"" any, or open | replied | closed; overdue: only open orders past the deadline. */
int yc_svc_order_list(struct yc_ctx *ctx, int64_t department_id, const char *state, int overdue,
                      json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_order_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_order_reply(struct yc_ctx *ctx, int64_t id, const char *text, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_order_close(struct yc_ctx *ctx, int64_t id, const char *note, json_t **out,
                       struct yc_err *err) YC_MUST;

/* ---- ratings, rectifications, appeals (evaluate.c) ---- */

struct yc_rating_in {
    const char *token;   /* the case's rating token */
    const char *stage;   /* accept | result | rectification */
    int level;           /* 1..5 */
    const char *comment; /* may be NULL */
    const char *reason;  /* required for levels 4 and 5 */
    const char *channel; /* window | qr | online */
    int real_name;
    const char *rater_name;    /* real name: required */
    const char *rater_contact; /* real name: required (a phone number) */
    int64_t rectification_id;  /* stage rectification: which one (0: the oldest rateable) */
};

/* The public rating page: what can be rated (no personal data, no staff names, never a rating's
 * level). number is checked first; a wrong token is 404 like an unknown case. */
int yc_svc_rate_page(struct yc_ctx *ctx, const char *number, const char *token, json_t **out,
                     struct yc_err *err) YC_MUST;
/* Give a rating (anonymous callers only). A bad review opens its rectification in the same
 * transaction. */
int yc_svc_rate(struct yc_ctx *ctx, const char *number, const struct yc_rating_in *in, json_t **out,
                struct yc_err *err) YC_MUST;

struct yc_rating_query {
    int64_t department_id; /* 0: all in scope */
    const char *stage;     /* NULL/"": any */
    int32_t from, to;      /* YC_NO_DAY: the last 31 days */
    int bad_only;
};
int yc_svc_rating_list(struct yc_ctx *ctx, const struct yc_rating_query *q, json_t **out,
                       struct yc_err *err) YC_MUST;

int yc_svc_rect_list(struct yc_ctx *ctx, int64_t department_id, const char *state,
                     int callback_missing, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_rect_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_rect_callback(struct yc_ctx *ctx, int64_t id, const char *note, json_t **out,
                         struct yc_err *err) YC_MUST;
/* kind: immediate | deadline | explain; due: for deadline, the day it is fixed by. */
int yc_svc_rect_action(struct yc_ctx *ctx, int64_t id, const char *kind, const char *evidence,
                       int32_t due, json_t **out, struct yc_err *err) YC_MUST;

int yc_svc_appeal_file(struct yc_ctx *ctx, int64_t rating_id, const char *reason, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_appeal_list(struct yc_ctx *ctx, int64_t department_id, int pending_only, json_t **out,
                       struct yc_err *err) YC_MUST;
/* decision: upheld | rejected. */
int yc_svc_appeal_decide(struct yc_ctx *ctx, int64_t id, const char *decision, const char *note,
                         json_t **out, struct yc_err *err) YC_MUST;

/*
 * Add to a case's detail for staff: "rating_url", the public rating page's address
 * (/rate/<number>?t=<token>) that the window's tablet and the notice's QR code open, and "rating":
 * {token, stages: [{stage, stage_zh, rateable, rated}], ratings: [...given ratings...]}. Both are
 * null when they cannot be built (logged).
 */
void yc_svc_case_rating_add(struct yc_ctx *ctx, const struct yc_case *c, json_t *detail);

/* ---- the window's evaluation tablet (tablet.c) ---- */

/*
 * Enrol a tablet at a window (YC_OP_TABLET_ENROL): a new device key of 32 random bytes, answered
 * once as {window: {id, number, zone}, key (base64url), url ("/tablet#k=<key>"), tablet,
 * replaced} and stored only as its SHA-256; the tablet in use there before is revoked (replaced
 * true). 404 not_found for an unknown window, 409 window_inactive for one out of use. Audited
 * tablet.enrol.
 */
int yc_svc_tablet_enrol(struct yc_ctx *ctx, int64_t window_id, json_t **out,
                        struct yc_err *err) YC_MUST;
/* Revoke the tablet in use at a window (404 tablet_not_enrolled when none). Audited
 * tablet.revoke. */
int yc_svc_tablet_revoke(struct yc_ctx *ctx, int64_t window_id, json_t **out,
                         struct yc_err *err) YC_MUST;
/* {since, by: {id, name} | null, last_seen}: a tablet in use, for the hall's window views (never
 * the key). */
json_t *yc_svc_tablet_json(const struct yc_tablet *t);

/*
 * The tablet's poll (anyone holding an enrolled key; key NULL when the header is missing):
 * {window: {number, zone}, case: null | {number, matter, department, state, state_zh, stage,
 * stage_zh, stages}, levels}. No personal data, no staff names, no rating token. A missing,
 * unknown or revoked key is 401 tablet_not_enrolled; past 10 such failures in 10 minutes from one
 * address, 429 rate_limited (a valid key is still served).
 */
int yc_svc_tablet_now(struct yc_ctx *ctx, const char *key, json_t **out,
                      struct yc_err *err) YC_MUST;
/*
 * The applicant's rating on the tablet: in as for yc_svc_rate without token, channel (always
 * window) and rectification; number must be a case the tablet offers now (the window's latest
 * applicant; else 409 case_not_current). A staff session is refused (403 staff_cannot_rate).
 */
int yc_svc_tablet_rate(struct yc_ctx *ctx, const char *key, const char *number,
                       const struct yc_rating_in *in, json_t **out, struct yc_err *err) YC_MUST;

/* ---- demo data (supervise_demo.c) ---- */

/* Cases in several departments, some overdue, some rated, a bad review with its rectification,
 * supervision orders and an appeal, made through the real use cases; only into a centre without
 * cases. */
int yc_svc_supervise_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;
/* The history before it (demo_history.c): about three hundred applications over the last eight
 * weeks through the same use cases; once (settings demo.history), into a fresh or demo centre. */
int yc_svc_demo_history_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;

#endif
