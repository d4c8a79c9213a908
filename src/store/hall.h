/*
 * hall.h - repository functions of the hall (floors, zones, windows, duty), back-office posts
 * (AB, leave, hand-overs), delegation letters, approval seals and the reform figures.
 *
 * As in store.h: strings in records live in the caller's arena; every function returns 0 or a
 * negative status with err filled. Dates are day numbers (base/date.h) in records and 'YYYY-MM-DD'
 * text in the database; "no date" is YC_NO_DAY. Ids of 0 mean "none".
 */
#ifndef YC_STORE_HALL_H
#define YC_STORE_HALL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"

#define YC_NO_DAY INT32_MIN

struct yc_floor {
    int64_t id;
    int number;
    const char *name;
};

struct yc_zone {
    int64_t id;
    int64_t floor_id;
    int floor_number;
    const char *name;
    const char *kind;
    const char *prefix;
    int seq;
};

struct yc_window {
    int64_t id;
    const char *number;
    int64_t zone_id;
    const char *zone_name;
    const char *zone_prefix;
    const char *window_class;
    const char *unit;
    int64_t department_id;
    const char *department_name;
    int new_entrant;
    int active;
    int floor_number;
};

/* A matter as the hall, letters and reports see it. */
struct yc_matter_ref {
    int64_t id;
    const char *code;
    const char *name;
    int64_t department_id;
    const char *department_name;
    const char *type;
    const char *window_class;
    int entered;
};

/* A short reference: id, code or prefix, name. */
struct yc_ref {
    int64_t id;
    const char *code;
    const char *name;
};

struct yc_duty {
    int64_t window_id;
    int64_t user_id;
    const char *user_name;
    const char *username;
    int32_t day; /* YC_NO_DAY: standing */
};

struct yc_post {
    int64_t id;
    int64_t department_id;
    const char *department_name;
    const char *name;
    int64_t zone_id;
    const char *zone_name;
    int resident;
    int64_t a_user_id;
    const char *a_name;
    const char *a_username;
    int64_t b_user_id;
    const char *b_name;
    const char *b_username;
};

struct yc_leave {
    int64_t id;
    int64_t user_id;
    const char *user_name;
    int32_t from_day;
    int32_t to_day;
    const char *reason;
};

struct yc_handover {
    int64_t id;
    int64_t post_id;
    int64_t from_user_id;
    const char *from_name;
    int64_t to_user_id;
    const char *to_name;
    const char *kind; /* leave | overdue */
    int32_t from_day;
    int32_t to_day;
    const char *case_ref;
    const char *reason;
    int64_t at;
    const char *actor;
};

struct yc_letter {
    int64_t id;
    const char *number;
    int64_t department_id;
    const char *department_name;
    int64_t grantee_id;
    const char *grantee_name;
    const char *grantee_username;
    unsigned authorities; /* enum yc_authority bits */
    int32_t valid_from;
    int32_t valid_to;
    int32_t revoked_on; /* YC_NO_DAY: not revoked */
    const char *revoked_reason;
    const char *revoked_by;
    int64_t created_at;
    const char *created_by;
    int64_t matter_count;
};

/* One (letter, matter) pair: what the acceptance rules need. */
struct yc_letter_span_row {
    int64_t letter_id;
    const char *number;
    int32_t valid_from;
    int32_t valid_to;
    int32_t revoked_on; /* YC_NO_DAY: not revoked */
    unsigned authorities;
    int64_t matter_id;
};

struct yc_seal {
    int64_t id;
    int64_t department_id;
    const char *department_name;
    const char *name;
    const char *code;
    int64_t keeper_id;
    const char *keeper_name;
    const char *status;   /* active | retired */
    int32_t published_on; /* YC_NO_DAY: not yet */
    int32_t retired_on;
    int64_t created_at;
};

struct yc_step_row {
    int seq;
    const char *status;
    const char *note;
    int64_t updated_at;
    const char *updated_by;
};

/* A zone's configured figures for Annex 3. */
struct yc_zone_figures {
    int floor;
    const char *zone;
    int64_t f[5]; /* active windows, of them new entrants, front staff, resident, non-resident */
};

/* Lock a user's row until the transaction ends, before checks over several of their rows. */
int yc_store_hall_lock_user(struct yc_db *db, int64_t user_id, struct yc_err *err) YC_MUST;

/* floors, zones, windows */
int yc_store_floor_insert(struct yc_db *db, int number, const char *name, int64_t *id,
                          struct yc_err *err) YC_MUST;
int yc_store_floor_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_floor *out,
                       int *found, struct yc_err *err) YC_MUST;
int yc_store_floor_list(struct yc_db *db, struct yc_arena *a, struct yc_floor **out, size_t *n,
                        struct yc_err *err) YC_MUST;
int yc_store_floor_count(struct yc_db *db, int64_t *n, struct yc_err *err) YC_MUST;
int yc_store_zone_insert(struct yc_db *db, const struct yc_zone *z, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_zone_update(struct yc_db *db, const struct yc_zone *z, struct yc_err *err) YC_MUST;
int yc_store_zone_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_zone *out,
                      int *found, struct yc_err *err) YC_MUST;
int yc_store_zone_by_prefix(struct yc_db *db, const char *prefix, int64_t *id, int *found,
                            struct yc_err *err) YC_MUST;
int yc_store_zone_list(struct yc_db *db, struct yc_arena *a, struct yc_zone **out, size_t *n,
                       struct yc_err *err) YC_MUST;
int yc_store_window_insert(struct yc_db *db, const struct yc_window *w, int64_t *id,
                           struct yc_err *err) YC_MUST;
int yc_store_window_update(struct yc_db *db, const struct yc_window *w, struct yc_err *err) YC_MUST;
int yc_store_window_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_window *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_window_list(struct yc_db *db, struct yc_arena *a, struct yc_window **out, size_t *n,
                         struct yc_err *err) YC_MUST;
/* Replace what a window serves. */
int yc_store_window_serves_set(struct yc_db *db, int64_t window_id, const int64_t *matter_ids,
                               size_t nm, const int64_t *zone_ids, size_t nz,
                               struct yc_err *err) YC_MUST;
int yc_store_window_serves_get(struct yc_db *db, struct yc_arena *a, int64_t window_id,
                               struct yc_ref **matters, size_t *nm, struct yc_ref **zones,
                               size_t *nz, struct yc_err *err) YC_MUST;

/* duty (day YC_NO_DAY: standing) */
int yc_store_duty_put(struct yc_db *db, int64_t window_id, int64_t user_id, int32_t day,
                      struct yc_err *err) YC_MUST;
int yc_store_duty_delete(struct yc_db *db, int64_t window_id, int32_t day, int64_t *changes,
                         struct yc_err *err) YC_MUST;
/* The number of another window where user sits on day (NULL when none). */
int yc_store_duty_other_window(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                               int64_t window_id, const char **number, struct yc_err *err) YC_MUST;
/* Standing rows and the rows of day, by window, the dated row first. */
int yc_store_duty_for_day(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_duty **out,
                          size_t *n, struct yc_err *err) YC_MUST;

/* posts */
int yc_store_post_insert(struct yc_db *db, const struct yc_post *p, int64_t now, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_post_update(struct yc_db *db, const struct yc_post *p, int64_t now,
                         struct yc_err *err) YC_MUST;
int yc_store_post_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_post *out,
                      int *found, struct yc_err *err) YC_MUST;
int yc_store_post_by_name(struct yc_db *db, int64_t department_id, const char *name, int64_t *id,
                          int *found, struct yc_err *err) YC_MUST;
/* department_id 0: every department */
int yc_store_post_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                       struct yc_post **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_posts_of_a(struct yc_db *db, struct yc_arena *a, int64_t user_id, struct yc_post **out,
                        size_t *n, struct yc_err *err) YC_MUST;
int yc_store_leave_insert(struct yc_db *db, const struct yc_leave *l, int64_t now,
                          const char *actor, int64_t *id, struct yc_err *err) YC_MUST;
/* user_id 0: everybody's */
int yc_store_leave_list(struct yc_db *db, struct yc_arena *a, int64_t user_id,
                        struct yc_leave **out, size_t *n, struct yc_err *err) YC_MUST;
/* The leave covering day, if any (*found). */
int yc_store_leave_on_day(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                          struct yc_leave *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_handover_insert(struct yc_db *db, const struct yc_handover *h, int64_t *id,
                             struct yc_err *err) YC_MUST;
int yc_store_handover_list(struct yc_db *db, struct yc_arena *a, int64_t post_id,
                           struct yc_handover **out, size_t *n, struct yc_err *err) YC_MUST;

/* matters */
int yc_store_mref_by_code(struct yc_db *db, struct yc_arena *a, const char *code,
                          struct yc_matter_ref *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_mref_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_matter_ref *out,
                        int *found, struct yc_err *err) YC_MUST;
/* A department's entered matters at comprehensive windows (无差别, 分领域), by code. */
int yc_store_mref_comprehensive(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                                struct yc_matter_ref **out, size_t *n, struct yc_err *err) YC_MUST;

/* letters */
int yc_store_letter_insert(struct yc_db *db, const struct yc_letter *l, const int64_t *matter_ids,
                           size_t nm, int64_t *id, struct yc_err *err) YC_MUST;
int yc_store_letter_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_letter *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_letter_by_number(struct yc_db *db, const char *number, int64_t *id, int *found,
                              struct yc_err *err) YC_MUST;
/* 0 filters: any */
int yc_store_letter_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                         int64_t grantee_id, struct yc_letter **out, size_t *n,
                         struct yc_err *err) YC_MUST;
int yc_store_letter_matters(struct yc_db *db, struct yc_arena *a, int64_t letter_id,
                            struct yc_ref **out, size_t *n, struct yc_err *err) YC_MUST;
/* *changes 0 when it was already revoked. */
int yc_store_letter_revoke(struct yc_db *db, int64_t id, int32_t day, const char *reason,
                           const char *actor, int64_t *changes, struct yc_err *err) YC_MUST;
/* matter_id 0: every (letter, matter) of the grantee */
int yc_store_letter_spans(struct yc_db *db, struct yc_arena *a, int64_t grantee_id,
                          int64_t matter_id, struct yc_letter_span_row **out, size_t *n,
                          struct yc_err *err) YC_MUST;
int yc_store_letter_uncovered(struct yc_db *db, struct yc_arena *a, int32_t day,
                              struct yc_matter_ref **out, size_t *n, struct yc_err *err) YC_MUST;

/* seals */
int yc_store_seal_insert(struct yc_db *db, const struct yc_seal *s, int64_t now, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_seal_update(struct yc_db *db, const struct yc_seal *s, int64_t now,
                         struct yc_err *err) YC_MUST;
int yc_store_seal_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_seal *out,
                      int *found, struct yc_err *err) YC_MUST;
int yc_store_seal_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                       struct yc_seal **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_seal_active(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                         struct yc_seal *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_seal_by_code(struct yc_db *db, const char *code, int64_t *id, int *found,
                          struct yc_err *err) YC_MUST;

/* reform figures */
/* Calls fn for each (department, type, count) of entered matters. */
int yc_store_reform_matter_counts(struct yc_db *db,
                                  void (*fn)(void *cls, const char *dept, const char *type,
                                             int64_t count),
                                  void *cls, struct yc_err *err) YC_MUST;
/* Entered matters: all, at 无差别 windows, at comprehensive windows (无差别 and 分领域). */
int yc_store_reform_share(struct yc_db *db, int64_t *entered, int64_t *undifferentiated,
                          int64_t *comprehensive, struct yc_err *err) YC_MUST;
int yc_store_reform_not_undiff(struct yc_db *db, struct yc_arena *a, struct yc_matter_ref **out,
                               size_t *n, struct yc_err *err) YC_MUST;
int yc_store_reform_zones(struct yc_db *db, struct yc_arena *a, struct yc_zone_figures **out,
                          size_t *n, struct yc_err *err) YC_MUST;
int yc_store_step_list(struct yc_db *db, struct yc_arena *a, struct yc_step_row **out, size_t *n,
                       struct yc_err *err) YC_MUST;
int yc_store_step_put(struct yc_db *db, int seq, const char *status, const char *note, int64_t now,
                      const char *actor, struct yc_err *err) YC_MUST;

#endif
