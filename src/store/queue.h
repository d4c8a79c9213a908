/*
 * queue.h - repository functions of the hall queue (statements in stmts_queue.def): tickets and
 * their numbering, calls, the windows' state of the day, events and the display feed, appointment
 * slots and bookings, public rate limits, the rows of the statistics.
 *
 * As in store.h: strings in records live in the caller's arena; every function returns 0 or a
 * negative status with err filled; writers run inside the caller's transaction. Days are day
 * numbers (base/date.h), 'YYYY-MM-DD' in the database; times are unix milliseconds; an id of 0
 * means "none".
 */
#ifndef YC_STORE_QUEUE_H
#define YC_STORE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"

/* A ticket with what its views show (phone is personal data: the caller masks it). */
struct yc_qticket {
    int64_t id;
    int32_t day;
    const char *number;
    int64_t zone_id; /* where it waits now */
    const char *zone_prefix;
    const char *zone_name;
    int floor;
    int64_t matter_id;
    const char *matter_code;
    const char *matter_name;
    const char *cls;          /* normal | appointment | green */
    const char *green_reason; /* "" when none */
    const char *channel;      /* kiosk | guide | online | appointment */
    const char *phone;        /* "" when none */
    const char *token;
    const char *state; /* waiting | called | serving | served | no_show | abandoned */
    int64_t issued_at;
    int64_t joined_at; /* last transfer, 0 never */
    int64_t slot_start;
    int64_t slot_end;
    int64_t target_window_id;
    int64_t window_id; /* the window that called it */
    const char *window_number;
    int64_t first_called_at;
    int64_t finished_at;
    int64_t appointment_id;
    int64_t issue_zone_id;
};

/* What the calling policy needs of a waiting ticket. */
struct yc_qwait {
    int64_t id;
    int64_t zone_id;
    const char *cls;
    const char *green_reason;
    int64_t issued_at;
    int64_t slot_start;
    int64_t slot_end;
    int64_t joined_at;
    int64_t matter_id;
    int64_t target_window_id;
};

/* A call of the day as the policy replays it. */
struct yc_qcall_time {
    int64_t issued_at;
    int64_t called_at;
    int64_t finished_at; /* 0 while at the window */
};

struct yc_qcall {
    int64_t id;
    int64_t ticket_id;
    int64_t zone_id;
    int64_t window_id;
    int64_t staff_id;
    int64_t issued_at;
    int64_t called_at;
    int64_t serving_at;
    int64_t finished_at;
    const char *outcome; /* "" while at the window */
    int first_call;
    int recalls;
};

/* A window's state row (found = 0: never opened). */
struct yc_qwin {
    int64_t window_id;
    int32_t day;
    const char *state; /* open | paused | closed */
    int64_t holder_id;
    const char *holder_username;
    const char *holder_name;
    int64_t since;
    const char *pause_reason;
    int64_t ticket_id;
    int64_t call_id;
};

struct yc_qevent {
    int32_t day;
    int64_t at;
    const char *kind;
    int64_t ticket_id;
    int64_t window_id;
    int64_t zone_id;
    const char *actor;
    const char *reason;
    int feed; /* 1: number it in the display feed */
};

/* A call or recall of the display feed. */
struct yc_qfeed {
    int64_t seq;
    const char *kind; /* called | recalled */
    int64_t at;
    const char *ticket;
    const char *window;
    const char *zone_prefix;
    const char *zone_name;
};

struct yc_qevent_row {
    const char *kind;
    int64_t at;
    const char *window;
    const char *zone;
    const char *actor;
    const char *reason;
};

/* Per zone: tickets waiting and the earliest issue time among them. */
struct yc_qzone_count {
    int64_t zone_id;
    int64_t waiting;
    int64_t oldest_issued_at;
};

/* A pair of ids and a count (open windows per zone, served calls per window). */
struct yc_qpair {
    int64_t id;
    int64_t n;
};

/* A window and one zone whose tickets it calls. */
struct yc_qserve {
    int64_t window_id;
    const char *number;
    int64_t zone_id;
};

struct yc_qboard_row {
    int64_t window_id;
    const char *number;
    const char *zone_prefix;
    const char *zone_name;
    int active;
    const char *state;
    const char *holder_username;
    const char *holder_name;
    int64_t since;
    const char *pause_reason;
    const char *ticket;
    const char *ticket_state;
    int64_t called_at;
    int64_t serving_at;
};

struct yc_qslot {
    int64_t id;
    int64_t zone_id;
    int64_t matter_id;
    const char *matter_code;
    int start_min;
    int end_min;
    int capacity;
};

struct yc_qappt {
    int64_t id;
    const char *code;
    int32_t day;
    int64_t slot_id;
    int64_t zone_id;
    const char *zone_prefix;
    const char *zone_name;
    int floor;
    int64_t matter_id;
    const char *matter_code;
    const char *matter_name;
    int64_t slot_start;
    int64_t slot_end;
    const char *phone;
    const char *status; /* booked | cancelled | checked_in */
    const char *ticket; /* its ticket's number, "" none */
    int64_t ticket_id;
};

struct yc_qstat_ticket {
    int64_t id;
    int64_t issue_zone_id;
    int64_t zone_id;
    const char *cls;
    const char *channel;
    const char *state;
    int64_t issued_at;
    int64_t first_called_at;
};

struct yc_qstat_call {
    int64_t ticket_id;
    int64_t zone_id;
    int64_t window_id;
    const char *window;
    int64_t staff_id;
    const char *staff_username;
    const char *staff_name;
    int64_t issued_at;
    int64_t called_at;
    int64_t finished_at;
    const char *outcome;
    int first_call;
    int recalls;
};

/* numbering: the next number of zone on day (the counter row stays locked until the end of the
 * transaction on PostgreSQL) */
int yc_store_q_next_seq(struct yc_db *db, int64_t zone_id, int32_t day, int32_t *seq,
                        struct yc_err *err) YC_MUST;

/* tickets */
int yc_store_q_ticket_insert(struct yc_db *db, const struct yc_qticket *t, int32_t seq,
                             const char *issued_by, int64_t *id, struct yc_err *err) YC_MUST;
int yc_store_q_ticket_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_qticket *out,
                          int *found, struct yc_err *err) YC_MUST;
int yc_store_q_ticket_by_token(struct yc_db *db, struct yc_arena *a, const char *token,
                               struct yc_qticket *out, int *found, struct yc_err *err) YC_MUST;
/* zone_id 0: all; state "": all */
int yc_store_q_ticket_list(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                           const char *state, struct yc_qticket **out, size_t *n,
                           struct yc_err *err) YC_MUST;
/* Append the waiting tickets of zone on day (or, window_id != 0, those sent to that window) to
 * the arena array *out of *n items (capacity *cap; start with *out NULL, *n and *cap 0). */
int yc_store_q_waiting(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                       int64_t window_id, struct yc_qwait **out, size_t *n, size_t *cap,
                       struct yc_err *err) YC_MUST;
int yc_store_q_waiting_counts(struct yc_db *db, struct yc_arena *a, int32_t day,
                              struct yc_qzone_count **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_waiting_count(struct yc_db *db, int32_t day, int64_t zone_id, int64_t *n,
                             struct yc_err *err) YC_MUST;
/* Waiting tickets of zone issued no later than issued_at, other than ticket id. */
int yc_store_q_waiting_before(struct yc_db *db, int32_t day, int64_t zone_id, int64_t issued_at,
                              int64_t id, int64_t *n, struct yc_err *err) YC_MUST;
/* Take a waiting ticket for a window: *changes 0 when another window took it first. */
int yc_store_q_ticket_claim(struct yc_db *db, int64_t id, int64_t window_id, int64_t now,
                            int64_t *changes, struct yc_err *err) YC_MUST;
/* Move a ticket from state `from` to `to` (finished_at 0: NULL). */
int yc_store_q_ticket_state(struct yc_db *db, int64_t id, const char *from, const char *to,
                            int64_t finished_at, int64_t *changes, struct yc_err *err) YC_MUST;
int yc_store_q_ticket_transfer(struct yc_db *db, int64_t id, int64_t zone_id,
                               int64_t target_window_id, int64_t now, struct yc_err *err) YC_MUST;
/* Tickets of days before `today` still waiting or at a window (at most 500). */
int yc_store_q_stale(struct yc_db *db, struct yc_arena *a, int32_t today, struct yc_qticket **out,
                     size_t *n, struct yc_err *err) YC_MUST;
/* *changes 0 when another process closed it first. */
int yc_store_q_ticket_abandon_stale(struct yc_db *db, int64_t id, int64_t at, int64_t *changes,
                                    struct yc_err *err) YC_MUST;
int yc_store_q_calls_close_stale(struct yc_db *db, int64_t ticket_id, int64_t at,
                                 struct yc_err *err) YC_MUST;

/* calls */
int yc_store_q_call_insert(struct yc_db *db, const struct yc_qcall *c, int32_t day, int64_t *id,
                           struct yc_err *err) YC_MUST;
int yc_store_q_call_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_qcall *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_q_call_serving(struct yc_db *db, int64_t id, int64_t at, struct yc_err *err) YC_MUST;
int yc_store_q_call_recall(struct yc_db *db, int64_t id, struct yc_err *err) YC_MUST;
int yc_store_q_call_finish(struct yc_db *db, int64_t id, int64_t at, const char *outcome,
                           struct yc_err *err) YC_MUST;
/* Append the calls of zone on day to *out (as yc_store_q_waiting). */
int yc_store_q_calls_of_zone(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                             struct yc_qcall_time **out, size_t *n, size_t *cap,
                             struct yc_err *err) YC_MUST;
/* Served calls of zone on day and their total service time (ms). */
int yc_store_q_service_of_zone(struct yc_db *db, int32_t day, int64_t zone_id, int64_t *count,
                               int64_t *total_ms, struct yc_err *err) YC_MUST;

/* windows */
/* Lock the window's state row until the transaction ends (PostgreSQL; SQLite's writer lock
 * already serialises). */
int yc_store_q_win_lock(struct yc_db *db, int64_t window_id, struct yc_err *err) YC_MUST;
/* An active window by number (*id 0 when none). */
int yc_store_q_win_by_number(struct yc_db *db, const char *number, int64_t *id,
                             struct yc_err *err) YC_MUST;
int yc_store_q_win_get(struct yc_db *db, struct yc_arena *a, int64_t window_id, struct yc_qwin *out,
                       int *found, struct yc_err *err) YC_MUST;
int yc_store_q_win_put(struct yc_db *db, const struct yc_qwin *w, struct yc_err *err) YC_MUST;
/* The window (other than except_window_id) user holds on day, if any: *number NULL when none. */
int yc_store_q_win_held_by(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                           int64_t except_window_id, int64_t *window_id, const char **number,
                           struct yc_err *err) YC_MUST;
int yc_store_q_open_per_zone(struct yc_db *db, struct yc_arena *a, int32_t day,
                             struct yc_qpair **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_serves_all(struct yc_db *db, struct yc_arena *a, struct yc_qserve **out, size_t *n,
                          struct yc_err *err) YC_MUST;
/* The zones a window calls (its own when none is configured) and the matters it serves. */
int yc_store_q_win_zones(struct yc_db *db, struct yc_arena *a, int64_t window_id, int64_t **ids,
                         const char ***prefixes, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_win_matters(struct yc_db *db, struct yc_arena *a, int64_t window_id, int64_t **ids,
                           size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_board(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_qboard_row **out,
                     size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_served_of_window(struct yc_db *db, int64_t window_id, int32_t day, int64_t *n,
                                struct yc_err *err) YC_MUST;
int yc_store_q_served_per_window(struct yc_db *db, struct yc_arena *a, int32_t day,
                                 struct yc_qpair **out, size_t *n, struct yc_err *err) YC_MUST;
/* The zone for a matter: of a window that serves it, else the first zone of kind. */
int yc_store_q_zone_of_matter(struct yc_db *db, int64_t matter_id, const char *kind,
                              int64_t *zone_id, int *found, struct yc_err *err) YC_MUST;

/* events and the display feed */
int yc_store_q_event(struct yc_db *db, const struct yc_qevent *e, int64_t *feed_seq,
                     struct yc_err *err) YC_MUST;
int yc_store_q_feed_last(struct yc_db *db, int64_t *seq, struct yc_err *err) YC_MUST;
/* Calls and recalls numbered after `after`, in order, at most limit. */
int yc_store_q_feed_after(struct yc_db *db, struct yc_arena *a, int64_t after, int limit,
                          struct yc_qfeed **out, size_t *n, struct yc_err *err) YC_MUST;
/* The latest calls and recalls of day, newest first. */
int yc_store_q_feed_recent(struct yc_db *db, struct yc_arena *a, int32_t day, int limit,
                           struct yc_qfeed **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_events_of_ticket(struct yc_db *db, struct yc_arena *a, int64_t ticket_id,
                                struct yc_qevent_row **out, size_t *n, struct yc_err *err) YC_MUST;

/* Count a hit of key in a window of window_ms: *count in the window, *window_start its start. */
int yc_store_q_throttle_hit(struct yc_db *db, const char *key, int64_t now, int64_t window_ms,
                            int64_t *count, int64_t *window_start, struct yc_err *err) YC_MUST;

/* slots and appointments; matter_id 0 in slot_list: the zone's slots of every kind */
int yc_store_q_slots_of_zone(struct yc_db *db, struct yc_arena *a, int64_t zone_id,
                             struct yc_qslot **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_slots_of_matter(struct yc_db *db, struct yc_arena *a, int64_t matter_id,
                               struct yc_qslot **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_slot_insert(struct yc_db *db, const struct yc_qslot *s, int64_t *id,
                           struct yc_err *err) YC_MUST;
/* Retire the zone's slots (matter_id 0) or one matter's. */
int yc_store_q_slots_retire(struct yc_db *db, int64_t zone_id, int64_t matter_id,
                            struct yc_err *err) YC_MUST;
int yc_store_q_slot_count(struct yc_db *db, int64_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_slot_booked(struct yc_db *db, int64_t slot_id, int32_t day, int64_t *booked,
                           struct yc_err *err) YC_MUST;
/* Take a place: *booked is the places taken with this one (the row stays locked). */
int yc_store_q_slot_book(struct yc_db *db, int64_t slot_id, int32_t day, int64_t *booked,
                         struct yc_err *err) YC_MUST;
int yc_store_q_slot_unbook(struct yc_db *db, int64_t slot_id, int32_t day,
                           struct yc_err *err) YC_MUST;
int yc_store_q_appt_insert(struct yc_db *db, const struct yc_qappt *ap, int64_t now, int64_t *id,
                           struct yc_err *err) YC_MUST;
int yc_store_q_appt_by_code(struct yc_db *db, struct yc_arena *a, const char *code,
                            struct yc_qappt *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_q_appt_lock(struct yc_db *db, int64_t id, struct yc_err *err) YC_MUST;
int yc_store_q_appt_set(struct yc_db *db, int64_t id, const char *status, int64_t ticket_id,
                        int64_t now, struct yc_err *err) YC_MUST;

/* statistics of a day */
int yc_store_q_stat_tickets(struct yc_db *db, struct yc_arena *a, int32_t day,
                            struct yc_qstat_ticket **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_q_stat_calls(struct yc_db *db, struct yc_arena *a, int32_t day,
                          struct yc_qstat_call **out, size_t *n, struct yc_err *err) YC_MUST;

#endif
