/*
 * store.h - typed repository functions: the only callers of the statements in stmts.def.
 *
 * Strings returned in records are allocated in the arena the caller passes and live as long as it.
 * Every function returns 0 or a negative status with err filled (see db.h for the mapping).
 */
#ifndef YC_STORE_H
#define YC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "domain/audit_chain.h"
#include "store/db.h"

struct yc_calendar;
struct yc_cal_entries;

struct yc_dept {
    int64_t id;
    const char *name;
    const char *code;
    const char *uscc;
};

struct yc_user {
    int64_t id;
    const char *username;
    const char *name;
    int64_t department_id; /* 0: none */
    const char *department_name;
    unsigned roles; /* enum yc_role bits */
    int disabled;
    const char *password_hash;
};

struct yc_session {
    struct yc_user user;
    const char *csrf;
    int64_t last_seen;
    int64_t expires_at;
};

/* migrations (migrate.c) */
int yc_store_migrate(struct yc_db *db, int *applied, struct yc_err *err) YC_MUST;
int yc_store_schema_version(struct yc_db *db, int64_t *version, struct yc_err *err) YC_MUST;

/* settings */
int yc_store_setting_get(struct yc_db *db, struct yc_arena *a, const char *key, const char **value,
                         struct yc_err *err) YC_MUST; /* *value NULL when unset */
int yc_store_setting_put(struct yc_db *db, const char *key, const char *value,
                         struct yc_err *err) YC_MUST;
int yc_store_setting_incr(struct yc_db *db, const char *key, struct yc_err *err) YC_MUST;

/* departments */
int yc_store_dept_list(struct yc_db *db, struct yc_arena *a, struct yc_dept **out, size_t *n,
                       struct yc_err *err) YC_MUST;
int yc_store_dept_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_dept *out,
                      int *found, struct yc_err *err) YC_MUST;
int yc_store_dept_by_name(struct yc_db *db, const char *name, int64_t *id, int *found,
                          struct yc_err *err) YC_MUST;
int yc_store_dept_insert(struct yc_db *db, const struct yc_dept *d, int seq, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_dept_count(struct yc_db *db, int64_t *n, struct yc_err *err) YC_MUST;

/* users */
int yc_store_user_by_name(struct yc_db *db, struct yc_arena *a, const char *username,
                          struct yc_user *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_user_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_user *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_user_list(struct yc_db *db, struct yc_arena *a, struct yc_user **out, size_t *n,
                       struct yc_err *err) YC_MUST;
int yc_store_user_insert(struct yc_db *db, const struct yc_user *u, int64_t now, int64_t *id,
                         struct yc_err *err) YC_MUST;
int yc_store_user_update(struct yc_db *db, const struct yc_user *u, int64_t now,
                         struct yc_err *err) YC_MUST;
int yc_store_user_set_password(struct yc_db *db, int64_t id, const char *hash, int64_t now,
                               struct yc_err *err) YC_MUST;
int yc_store_user_count(struct yc_db *db, int64_t *n, struct yc_err *err) YC_MUST;

/* sessions */
int yc_store_session_insert(struct yc_db *db, const char *token_hash, int64_t user_id,
                            const char *csrf, int64_t now, int64_t expires_at, const char *addr,
                            struct yc_err *err) YC_MUST;
int yc_store_session_get(struct yc_db *db, struct yc_arena *a, const char *token_hash,
                         struct yc_session *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_session_touch(struct yc_db *db, const char *token_hash, int64_t now,
                           struct yc_err *err) YC_MUST;
int yc_store_session_delete(struct yc_db *db, const char *token_hash, struct yc_err *err) YC_MUST;
/* End every session of the user except keep_hash (may be ""). */
int yc_store_session_delete_user(struct yc_db *db, int64_t user_id, const char *keep_hash,
                                 struct yc_err *err) YC_MUST;
int yc_store_session_purge(struct yc_db *db, int64_t now, int64_t idle_before,
                           int64_t *purged, struct yc_err *err) YC_MUST;

/* login throttling */
int yc_store_throttle_get(struct yc_db *db, const char *key, int64_t *window_start,
                          int64_t *failures, struct yc_err *err) YC_MUST;
int yc_store_throttle_put(struct yc_db *db, const char *key, int64_t window_start,
                          int64_t failures, struct yc_err *err) YC_MUST;
int yc_store_throttle_clear(struct yc_db *db, const char *key, struct yc_err *err) YC_MUST;

/* audit chain: append inside the caller's transaction */
int yc_store_audit_append(struct yc_db *db, int64_t at, const char *actor, const char *action,
                          const char *object, const char *summary, struct yc_err *err) YC_MUST;
/* Newest first, seq < before (0: from the newest), at most limit. */
int yc_store_audit_page(struct yc_db *db, struct yc_arena *a, int64_t before, int limit,
                        struct yc_audit_entry **out, size_t *n, struct yc_err *err) YC_MUST;
/*
 * Walk the whole chain in order. *entries gets the count checked; *broken_seq the first entry
 * that fails (0 when intact) and *reason why.
 */
int yc_store_audit_verify(struct yc_db *db, int64_t *entries, int64_t *broken_seq,
                          const char **reason, struct yc_err *err) YC_MUST;

/* calendar */
int yc_store_cal_load(struct yc_db *db, struct yc_calendar *cal, struct yc_err *err) YC_MUST;
int yc_store_cal_years(struct yc_db *db, int *years, size_t max, size_t *n,
                       struct yc_err *err) YC_MUST;
/* Replace the notice years listed with the entries given (inside the caller's transaction) and
 * bump the calendar generation, so other processes reload. */
int yc_store_cal_replace(struct yc_db *db, const struct yc_cal_entries *entries, const int *years,
                         size_t nyears, int64_t now, struct yc_err *err) YC_MUST;

#endif
