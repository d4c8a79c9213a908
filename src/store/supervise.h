/*
 * supervise.h - repository functions of supervision and evaluation: the board's materialised
 * levels (case_watch) and the warnings log, supervision orders, ratings (insert only: the table
 * refuses updates and deletes), rectifications and appeals (docs/supervision.md).
 *
 * As in store.h: strings in records live in the caller's arena; every function returns 0 or a
 * negative status with err filled. Days are day numbers (YC_NO_DAY for none); ids of 0 mean none.
 * Updates of orders and rectifications are compare-and-set on the row's version (*won 1 when this
 * call changed the row).
 */
#ifndef YC_STORE_SUPERVISE_H
#define YC_STORE_SUPERVISE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"
#include "store/hall.h"

/* A case the watch may have to (re)compute. */
struct yc_watch_cand {
    int64_t id;
    const char *state;
    int64_t version;
    int64_t updated_at;
    int64_t watch_version; /* -1: no watch row */
};

/* One case_watch row as written. */
struct yc_watch_row {
    int64_t case_id;
    int64_t department_id;
    int64_t matter_id;
    int64_t case_version;
    int stopped;
    int32_t statutory_end, promised_end;
    int32_t warn_day, yellow_day, red_day;
    int notified_level;
    int32_t notify_day;  /* the day of level notified_level + 1, or YC_NO_DAY */
    int32_t refresh_day; /* YC_NO_DAY: only when the case changes */
    int64_t computed_at;
};

/* A row whose next level has come (the scan tells the responsible staff). */
struct yc_watch_note {
    int64_t case_id;
    const char *number;
    const char *matter_name;
    int64_t department_id;
    int64_t matter_id;
    int64_t assignee_id;
    int notified_level;
    int32_t warn_day, yellow_day, red_day, statutory_end;
};

struct yc_board_group {
    int64_t department_id;
    const char *department_name;
    int64_t matter_id;
    const char *matter_name;
    int64_t n[4]; /* by level: none, warn, yellow, red */
};

struct yc_board_case {
    int64_t case_id;
    const char *number;
    const char *matter_name;
    const char *department_name;
    const char *state;
    int32_t statutory_end, promised_end, accepted_day;
    int level;
    int stopped;
    const char *assignee_name;
};

struct yc_order {
    int64_t id;
    const char *number;
    int64_t department_id;
    const char *department_name;
    const char *text;
    int reply_days;
    int32_t deadline_day;
    const char *state;
    const char *created_by_name;
    int64_t created_at;
    int32_t created_day;
    int32_t replied_day;
    const char *closed_by_name;
    int64_t closed_at;
    const char *close_note;
    int64_t ncases;
    int64_t version;
};

struct yc_order_case {
    int64_t id;
    const char *number;
    const char *matter_name;
    const char *state;
    int64_t assignee_id;
    int32_t statutory_end;
    int level; /* -1: not watched (the clock is finished) */
};

struct yc_order_reply {
    const char *user_name;
    const char *text;
    int64_t at;
};

struct yc_order_filter {
    int64_t department_id;
    const char *state; /* "" any */
    int overdue;
    int32_t today;
    int limit;
};

struct yc_rating {
    int64_t id;
    int64_t case_id;
    const char *case_number;
    const char *stage;
    int64_t rectification_id;
    int level;
    const char *comment;
    const char *reason;
    const char *channel;
    int real_name;
    const char *rater_name;    /* personal data */
    const char *rater_contact; /* personal data */
    int64_t department_id;
    const char *department_name;
    int64_t matter_id;
    const char *matter_name;
    int64_t given_at;
    int32_t given_day;
    int64_t appeal_id;
    const char *appeal_state; /* "" none, pending, upheld, rejected */
    int64_t opened_rectification_id;
    const char *opened_rectification_state;
};

struct yc_rating_filter {
    int64_t department_id;
    const char *stage; /* "" any */
    int32_t from, to;
    int bad_only;
    int limit;
};

struct yc_rect {
    int64_t id;
    int64_t rating_id;
    int64_t case_id;
    const char *case_number;
    const char *matter_name;
    int64_t department_id;
    const char *department_name;
    int real_name;
    const char *state;
    int64_t created_at;
    int32_t created_day;
    int32_t callback_due, fix_due;
    int64_t callback_at;
    const char *callback_by_name;
    const char *callback_note;
    const char *action; /* "" none */
    const char *action_evidence;
    int32_t action_due;
    int64_t action_at;
    const char *action_by_name;
    int64_t version;
    /* the rating */
    const char *stage;
    int level;
    const char *comment;
    const char *reason;
    const char *channel;
    const char *rater_name;
    const char *rater_contact;
    int64_t given_at;
    int64_t appeal_id;
    const char *appeal_state;
    /* the rater's rating of the fix (level 0: none yet) */
    int rerate_level;
    const char *rerate_comment;
    int64_t rerate_at;
};

struct yc_rect_filter {
    int64_t department_id;
    const char *state; /* "" any */
    int callback_missing;
    int limit;
};

struct yc_appeal {
    int64_t id;
    int64_t rating_id;
    const char *case_number;
    const char *stage;
    int level;
    const char *rating_reason;
    int64_t department_id;
    const char *department_name;
    const char *reason;
    const char *filed_by_name;
    int64_t filed_at;
    const char *decision; /* "" pending */
    const char *decision_note;
    const char *decided_by_name;
    int64_t decided_at;
    int64_t rectification_id;
};

/* ---- watch ---- */
/* Cases changed after (updated_at, id), oldest first, at most limit. */
int yc_store_watch_changed(struct yc_db *db, struct yc_arena *a, int64_t after_at, int64_t after_id,
                           int limit, struct yc_watch_cand **out, size_t *n,
                           struct yc_err *err) YC_MUST;
int yc_store_watch_of_state(struct yc_db *db, struct yc_arena *a, const char *state,
                            int64_t after_id, int limit, struct yc_watch_cand **out, size_t *n,
                            struct yc_err *err) YC_MUST;
/* Watch rows whose case is no longer open (at most 1000). */
int yc_store_watch_orphans(struct yc_db *db, struct yc_arena *a, int64_t **ids, size_t *n,
                           struct yc_err *err) YC_MUST;
int yc_store_watch_refresh_due(struct yc_db *db, struct yc_arena *a, int32_t today, int limit,
                               int64_t **ids, size_t *n, struct yc_err *err) YC_MUST;
/* The notified level of a case's row; *found 0 when it has none. */
int yc_store_watch_notified(struct yc_db *db, int64_t case_id, int *level, int *found,
                            struct yc_err *err) YC_MUST;
int yc_store_watch_put(struct yc_db *db, const struct yc_watch_row *w, struct yc_err *err) YC_MUST;
int yc_store_watch_delete(struct yc_db *db, int64_t case_id, struct yc_err *err) YC_MUST;
int yc_store_watch_force(struct yc_db *db, struct yc_err *err) YC_MUST;
int yc_store_watch_notify_due(struct yc_db *db, struct yc_arena *a, int32_t today,
                              struct yc_watch_note **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_watch_notified_set(struct yc_db *db, int64_t case_id, int from_level, int level,
                                int32_t notify_day, int *won, struct yc_err *err) YC_MUST;
/* level: warn | yellow | red; once per case and level. */
int yc_store_warning_insert(struct yc_db *db, int64_t case_id, const char *level, int32_t day,
                            int64_t department_id, int64_t matter_id, int64_t at,
                            struct yc_err *err) YC_MUST;

/* ---- board ---- */
/* Rewrite the board's counts by department and matter from case_watch, as of today. */
int yc_store_board_count(struct yc_db *db, int32_t today, struct yc_err *err) YC_MUST;
/* The counts as last written (0: any department / matter). */
int yc_store_board(struct yc_db *db, struct yc_arena *a, int64_t department_id, int64_t matter_id,
                   struct yc_board_group **out, size_t *n, struct yc_err *err) YC_MUST;
/* level -1: any. */
int yc_store_board_cases(struct yc_db *db, struct yc_arena *a, int32_t today, int64_t department_id,
                         int64_t matter_id, int level, int limit, struct yc_board_case **out,
                         size_t *n, struct yc_err *err) YC_MUST;
int yc_store_board_orders(struct yc_db *db, int32_t today, int64_t department_id, int64_t *open,
                          int64_t *overdue, struct yc_err *err) YC_MUST;
int yc_store_board_callbacks(struct yc_db *db, int32_t today, int64_t department_id, int64_t *total,
                             int64_t *done, int64_t *late, struct yc_err *err) YC_MUST;

/* ---- people and the staff outbox ---- */
/* Usernames of the enabled department heads of a department. */
int yc_store_dept_heads(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                        const char ***out, size_t *n, struct yc_err *err) YC_MUST;
/* The username of an enabled user, or NULL. */
int yc_store_username(struct yc_db *db, struct yc_arena *a, int64_t user_id, const char **out,
                      struct yc_err *err) YC_MUST;
int yc_store_outbox_staff(struct yc_db *db, const char *username, const char *text, int64_t now,
                          struct yc_err *err) YC_MUST;
/* Insert key = value unless key is set. */
int yc_store_setting_init(struct yc_db *db, const char *key, const char *value,
                          struct yc_err *err) YC_MUST;

/* ---- orders ---- */
int yc_store_order_seq_next(struct yc_db *db, int year, int64_t *seq, struct yc_err *err) YC_MUST;
/* Insert o (number, department, text, reply days, deadline, created_day); created_by/at given. */
int yc_store_order_insert(struct yc_db *db, const struct yc_order *o, int64_t created_by,
                          int64_t *id, struct yc_err *err) YC_MUST;
int yc_store_order_case_insert(struct yc_db *db, int64_t order_id, int64_t case_id,
                               struct yc_err *err) YC_MUST;
int yc_store_order_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_order *out,
                       int *found, struct yc_err *err) YC_MUST;
int yc_store_order_list(struct yc_db *db, struct yc_arena *a, const struct yc_order_filter *f,
                        struct yc_order **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_order_cases(struct yc_db *db, struct yc_arena *a, int32_t today, int64_t order_id,
                         struct yc_order_case **out, size_t *n, struct yc_err *err) YC_MUST;
/* Write state, replied_day, closed_by (0 none), closed_at, closed_day, close_note. */
int yc_store_order_update(struct yc_db *db, const struct yc_order *o, int64_t closed_by,
                          int32_t closed_day, int *won, struct yc_err *err) YC_MUST;
int yc_store_reply_insert(struct yc_db *db, int64_t order_id, int64_t user_id, const char *text,
                          int64_t at, int32_t day, struct yc_err *err) YC_MUST;
int yc_store_replies(struct yc_db *db, struct yc_arena *a, int64_t order_id,
                     struct yc_order_reply **out, size_t *n, struct yc_err *err) YC_MUST;
/* Open orders past their deadline not yet notified (id, number, department_id, deadline_day). */
int yc_store_order_overdue_due(struct yc_db *db, struct yc_arena *a, int32_t today,
                               struct yc_order **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_order_overdue_mark(struct yc_db *db, int64_t id, int *won, struct yc_err *err) YC_MUST;

/* ---- ratings (insert only) ---- */
/* Insert r (case, stage, rectification, level, comment, reason, channel, rater, department,
 * matter, given_at, given_day). A second rating of a stage is YC_ECONFLICT. */
int yc_store_rating_insert(struct yc_db *db, const struct yc_rating *r, int64_t *id,
                           struct yc_err *err) YC_MUST;
int yc_store_rating_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_rating *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_ratings_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                             struct yc_rating **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_rating_list(struct yc_db *db, struct yc_arena *a, const struct yc_rating_filter *f,
                         struct yc_rating **out, size_t *n, struct yc_err *err) YC_MUST;

/* ---- rectifications ---- */
int yc_store_rect_insert(struct yc_db *db, const struct yc_rect *x, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_rect_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_rect *out,
                      int *found, struct yc_err *err) YC_MUST;
int yc_store_rect_list(struct yc_db *db, struct yc_arena *a, const struct yc_rect_filter *f,
                       struct yc_rect **out, size_t *n, struct yc_err *err) YC_MUST;
/* The rectifications of a case whose fix the rater may rate (state acted), oldest first. */
int yc_store_rect_rateable(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                           struct yc_rect **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_rect_callback(struct yc_db *db, const struct yc_rect *x, const char *state, int64_t at,
                           int32_t day, int64_t by, const char *note, int *won,
                           struct yc_err *err) YC_MUST;
int yc_store_rect_action(struct yc_db *db, const struct yc_rect *x, const char *action,
                         const char *evidence, int32_t due, int64_t at, int32_t day, int64_t by,
                         int *won, struct yc_err *err) YC_MUST;
int yc_store_rect_state(struct yc_db *db, const struct yc_rect *x, const char *state, int *won,
                        struct yc_err *err) YC_MUST;

/* ---- appeals ---- */
/* One per rating: a second is YC_ECONFLICT. */
int yc_store_appeal_insert(struct yc_db *db, int64_t rating_id, int64_t department_id,
                           const char *reason, int64_t filed_by, int64_t at, int32_t day,
                           int64_t *id, struct yc_err *err) YC_MUST;
int yc_store_appeal_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_appeal *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_appeal_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                         int pending_only, int limit, struct yc_appeal **out, size_t *n,
                         struct yc_err *err) YC_MUST;
/* Record the decision while pending; *won 0 when it was already decided. */
int yc_store_appeal_decide(struct yc_db *db, int64_t id, const char *decision, const char *note,
                           int64_t by, int64_t at, int32_t day, int *won,
                           struct yc_err *err) YC_MUST;

/* ---- the window's evaluation tablet (tablet.c) ---- */

/* A tablet in use at a window (revoked ones are never read back). */
struct yc_tablet {
    int64_t id;
    int64_t window_id;
    const char *window_number;
    const char *zone_name;
    int64_t created_by; /* 0: the command line */
    const char *created_by_name;
    int64_t created_at;
    int64_t last_seen_at; /* 0: never polled */
};

/* A case the tablet may offer: enough to group a visit, never shown as such. */
struct yc_tablet_case {
    int64_t id;
    const char *number;
    int64_t ticket_id; /* 0: a walk-in */
    int64_t created_at;
    const char *id_number; /* personal data: compared, never answered or logged */
};

/* The tablet in use whose key hashes to key_hash (hex SHA-256); *found 0 when none. */
int yc_store_tablet_by_key(struct yc_db *db, struct yc_arena *a, const char *key_hash,
                           struct yc_tablet *out, int *found, struct yc_err *err) YC_MUST;
/* The tablet in use at a window; *found 0 when none. */
int yc_store_tablet_of_window(struct yc_db *db, struct yc_arena *a, int64_t window_id,
                              struct yc_tablet *out, int *found, struct yc_err *err) YC_MUST;
/* Every tablet in use, by window. */
int yc_store_tablets_in_use(struct yc_db *db, struct yc_arena *a, struct yc_tablet **out, size_t *n,
                            struct yc_err *err) YC_MUST;
/* Enrol: a second tablet in use at the window is YC_ECONFLICT (revoke the first before). */
int yc_store_tablet_insert(struct yc_db *db, int64_t window_id, const char *key_hash, int64_t by,
                           int64_t at, int64_t *id, struct yc_err *err) YC_MUST;
/* Revoke the tablet in use at a window; *revoked 1 when there was one. */
int yc_store_tablet_revoke(struct yc_db *db, int64_t window_id, int64_t by, int64_t at,
                           int *revoked, struct yc_err *err) YC_MUST;
/* Note a poll at `at` when the last one noted is older than stale_before. */
int yc_store_tablet_seen(struct yc_db *db, int64_t id, int64_t at, int64_t stale_before,
                         struct yc_err *err) YC_MUST;
/* The cases of tickets called at the window on day by the staff member who accepted them,
 * received at or after since, newest first (at most limit). */
int yc_store_tablet_ticket_cases(struct yc_db *db, struct yc_arena *a, int64_t window_id,
                                 int32_t day, int64_t since, int limit, struct yc_tablet_case **out,
                                 size_t *n, struct yc_err *err) YC_MUST;
/* The latest call at the window on day: its ticket and time (both 0 when none). */
int yc_store_tablet_last_call(struct yc_db *db, int64_t window_id, int32_t day, int64_t *ticket_id,
                              int64_t *called_at, struct yc_err *err) YC_MUST;
/* The latest `limit` cases accepted by a staff member, newest first. */
int yc_store_tablet_latest_of(struct yc_db *db, struct yc_arena *a, int64_t acceptor_id, int limit,
                              struct yc_tablet_case **out, size_t *n, struct yc_err *err) YC_MUST;

#endif
