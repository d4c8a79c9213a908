/*
 * queue.h - use cases of the hall queue (取号叫号; included by svc.h): taking tickets (kiosk,
 * online, guide, appointment check-in), the front desk's window (open, call next, recall, no-show,
 * start, finish, transfer, pause, resume, close), appointments, the supervisor's board and
 * statistics, and what the hall display streams. docs/queue.md has the rules, docs/api.md the
 * JSON, domain/queue.h the calling policy every call goes through.
 *
 * Reads return JSON views (new references the caller owns). Writes check access first, validate
 * everything before writing, and run in one transaction with their events (and, for staff, their
 * audit entry); a refusal writes nothing. Personal data (phone numbers) never appears on a list,
 * the board or the display, and only masked elsewhere.
 */
#ifndef YC_SVC_QUEUE_H
#define YC_SVC_QUEUE_H

#include <jansson.h>
#include <stdint.h>

#include "store/queue.h"

/* Public rate limits (per client address). */
#define YC_QUEUE_KIOSK_LIMIT     30 /* tickets and check-ins a minute */
#define YC_QUEUE_KIOSK_WINDOW_MS (60LL * 1000)
#define YC_QUEUE_BOOK_LIMIT      10 /* bookings per 10 minutes */
#define YC_QUEUE_BOOK_WINDOW_MS  (600LL * 1000)
#define YC_QUEUE_BOOK_DAYS_AHEAD 30

/* ---- tickets (queue.c) ---- */
struct yc_ticket_input {
    const char *zone;         /* prefix, or NULL when matter names it */
    const char *matter;       /* code, or NULL */
    const char *cls;          /* staff: "normal" (NULL) or "green" */
    const char *green_reason; /* with class green */
    const char *phone;        /* NULL: none */
    const char *channel;      /* public: "kiosk" (NULL) or "online"; staff: always guide */
    int public_request;       /* 1: kiosk / online (rate-limited, anonymous); 0: staff */
};

/* Take a ticket: {"ticket": slip}. */
int yc_svc_ticket_issue(struct yc_ctx *ctx, const struct yc_ticket_input *in, json_t **out,
                        struct yc_err *err) YC_MUST;
/* The live position of a ticket by its public token (no personal data). */
int yc_svc_ticket_public(struct yc_ctx *ctx, const char *token, json_t **out,
                         struct yc_err *err) YC_MUST;
/* Staff: the tickets of a day (zone prefix / state NULL: all), no phone numbers. */
int yc_svc_ticket_list(struct yc_ctx *ctx, int32_t day, const char *zone, const char *state,
                       json_t **out, struct yc_err *err) YC_MUST;
/* Staff: one ticket with its events (phone masked). */
int yc_svc_ticket_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
/* Staff: a waiting ticket whose applicant left. */
int yc_svc_ticket_abandon(struct yc_ctx *ctx, int64_t id, const char *reason, json_t **out,
                          struct yc_err *err) YC_MUST;
/* Public: live lengths per zone. */
int yc_svc_queue_public(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;

/* The policy (settings key queue_policy over the defaults of domain/queue.h). */
int yc_svc_queue_policy_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
/* Administrators: change any of max_extra_wait_s, green_bonus_s, appt_bonus_s,
 * appt_late_grace_s, green_reasons (body checked by the caller's field table). */
int yc_svc_queue_policy_put(struct yc_ctx *ctx, const json_t *body, json_t **out,
                            struct yc_err *err) YC_MUST;

/* ---- the front desk's window (queue_window.c) ---- */
enum yc_qaction {
    YC_QA_OPEN = 0,
    YC_QA_CALL,
    YC_QA_RECALL,
    YC_QA_NO_SHOW,
    YC_QA_START,
    YC_QA_FINISH,
    YC_QA_TRANSFER,
    YC_QA_PAUSE,
    YC_QA_RESUME,
    YC_QA_CLOSE,
    YC_QA__MAX
};

struct yc_qaction_input {
    const char *reason; /* pause, transfer */
    const char *zone;   /* transfer: prefix */
    const char *window; /* transfer: number */
};

/* One action on the window the user holds: {"window": state, "called" | "recalled" |
 * "transferred": ...}. */
int yc_svc_window_action(struct yc_ctx *ctx, int64_t window_id, enum yc_qaction action,
                         const struct yc_qaction_input *in, json_t **out,
                         struct yc_err *err) YC_MUST;
int yc_svc_window_state(struct yc_ctx *ctx, int64_t window_id, json_t **out,
                        struct yc_err *err) YC_MUST;
/* The window the user holds today, or {"window": null}. */
int yc_svc_my_window(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;

/* ---- appointments (queue_appt.c) ---- */
/* Slots of a day for a zone prefix or a matter code, with places taken. */
int yc_svc_slots_day(struct yc_ctx *ctx, int32_t day, const char *zone, const char *matter,
                     json_t **out, struct yc_err *err) YC_MUST;
/* start: "HH:MM", the slot's start. */
int yc_svc_appt_book(struct yc_ctx *ctx, const char *zone, const char *matter, int32_t day,
                     const char *start, const char *phone, json_t **out,
                     struct yc_err *err) YC_MUST;
int yc_svc_appt_get(struct yc_ctx *ctx, const char *code, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_appt_cancel(struct yc_ctx *ctx, const char *code, json_t **out,
                       struct yc_err *err) YC_MUST;
/* At the kiosk: a ticket of class appointment ({"ticket": slip, "priority": bool}). */
int yc_svc_appt_checkin(struct yc_ctx *ctx, const char *code, json_t **out,
                        struct yc_err *err) YC_MUST;
/* The configured slots of a zone (prefix). */
int yc_svc_slots_get(struct yc_ctx *ctx, const char *zone, json_t **out,
                     struct yc_err *err) YC_MUST;
/* Administrators: replace a zone's slots (matter NULL) or one matter's. */
int yc_svc_slots_put(struct yc_ctx *ctx, const char *zone, const char *matter, const json_t *slots,
                     json_t **out, struct yc_err *err) YC_MUST;

/* ---- supervision, the display, the end of the day (queue_board.c) ---- */
int yc_svc_queue_board(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
/* zone: prefix, window: number, staff: username; NULL: no filter. */
int yc_svc_queue_stats(struct yc_ctx *ctx, int32_t day, const char *zone, const char *window,
                       const char *staff, json_t **out, struct yc_err *err) YC_MUST;

/* The display (public data, no access check): the feed's last number, the calls numbered after
 * `after` (in order, at most limit), the latest calls of today (newest first), waiting counts. */
int yc_svc_display_last(struct yc_ctx *ctx, int64_t *seq, struct yc_err *err) YC_MUST;
int yc_svc_display_after(struct yc_ctx *ctx, int64_t after, int limit, struct yc_qfeed **out,
                         size_t *n, struct yc_err *err) YC_MUST;
int yc_svc_display_recent(struct yc_ctx *ctx, int limit, struct yc_qfeed **out, size_t *n,
                          struct yc_err *err) YC_MUST;
/* [{"prefix", "name", "waiting"}] for every zone. */
int yc_svc_display_waiting(struct yc_ctx *ctx, json_t **zones, struct yc_err *err) YC_MUST;
/* Check a comma-separated list of prefixes ("" or "all": every zone): 422 naming the unknown. */
int yc_svc_display_zones_check(struct yc_ctx *ctx, const char *list, struct yc_err *err) YC_MUST;
/* A call of the feed as the display shows it, with the spoken text (请A012号到A05号窗口办理). */
json_t *yc_display_call_json(const struct yc_qfeed *f);

/* The end of a day: tickets of earlier days still waiting or at a window become abandoned.
 * *count: how many. Runs as the system. */
int yc_svc_queue_close_days(struct yc_ctx *ctx, int64_t *count, struct yc_err *err) YC_MUST;

/* Called after a call or recall is committed, so this process's display streams need not wait
 * for their next poll. Set once at start (NULL: nothing). */
void yc_svc_queue_set_notify(void (*fn)(void));

/* ---- demo data (queue_demo.c) ---- */
/* Inside the caller's transaction: appointment slots for every zone of the demo hall. */
int yc_svc_queue_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;

#endif
