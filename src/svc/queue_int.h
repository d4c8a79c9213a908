/*
 * queue_int.h - what the queue's use cases (queue.c, queue_window.c, queue_appt.c,
 * queue_board.c, queue_demo.c) share; not for other modules.
 */
#ifndef YC_SVC_QUEUE_INT_H
#define YC_SVC_QUEUE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/queue.h"
#include "svc/svc.h"

#define YC_Q_MS_PER_DAY        86400000LL
#define YC_Q_CST_MS            (8LL * 3600 * 1000)
#define YC_Q_DEFAULT_SERVICE_S 600

/* The configured policy; reasons point into the arena or static storage. */
struct yc_qpolicy {
    struct yc_queue_policy p;
    const char *reasons[YC_QUEUE_REASONS_MAX];
};

int yc_q_policy_load(struct yc_ctx *ctx, struct yc_qpolicy *out, struct yc_err *err) YC_MUST;
json_t *yc_q_policy_json(const struct yc_qpolicy *q);

/* A zone by its prefix, or 422 field_invalid naming field. */
int yc_q_zone(struct yc_ctx *ctx, const char *prefix, const char *field, struct yc_zone *out,
              struct yc_err *err) YC_MUST;
/* The zone for a matter (a window serving it, else the first zone of its class), or 422. */
int yc_q_zone_of_matter(struct yc_ctx *ctx, const struct yc_matter_ref *m, struct yc_zone *out,
                        struct yc_err *err) YC_MUST;
/* 11-digit mainland mobile number, or 422 field_invalid naming field. */
int yc_q_phone_check(const char *phone, const char *field, struct yc_err *err) YC_MUST;
/* "*******8000" (the last 4 kept) or JSON null for none. */
json_t *yc_q_phone_json(const char *phone);
/* ISO 8601 UTC, or JSON null for 0. */
json_t *yc_q_time_json(int64_t ms);
/* Unix ms of minute `min` of UTC+8 day `day`. */
int64_t yc_q_day_ms(int32_t day, int min);

/* Count a public request against the client address's limit; 429 throttled past it. */
int yc_q_throttle(struct yc_ctx *ctx, const char *what, int64_t limit, int64_t window_ms,
                  const char *zh, struct yc_err *err) YC_MUST;

/* Store an event with the request's time and actor (feed: number it for the display). */
int yc_q_event(struct yc_ctx *ctx, const char *kind, int64_t ticket_id, int64_t window_id,
               int64_t zone_id, const char *reason, int feed, struct yc_err *err) YC_MUST;
/* Tell this process's display streams that a call was committed. */
void yc_q_notify(void);

/* A new ticket (inside the caller's transaction): number, token, row, event. t->zone_id, cls,
 * green_reason, channel, phone ("" none), matter_id, appointment_id, slot are the caller's. */
int yc_q_issue(struct yc_ctx *ctx, struct yc_qticket *t, const char *zone_prefix,
               const char *event_kind, struct yc_err *err) YC_MUST;
/* The slip of ticket id (after the commit): {"ticket": {...}}. */
int yc_q_slip(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;

/* The policy's view of a waiting ticket. */
void yc_q_policy_ticket(const struct yc_qwait *w, struct yc_queue_ticket *t);
/* Open windows calling the zone (all its active windows when none is open, at least 1), mean
 * service in seconds today (YC_Q_DEFAULT_SERVICE_S before any), numbers of its active windows. */
int yc_q_zone_figures(struct yc_ctx *ctx, int64_t zone_id, int *open_windows,
                      int64_t *mean_service_s, json_t **windows, struct yc_err *err) YC_MUST;

#endif
