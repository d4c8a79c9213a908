/* accounts.c - repository functions for departments, users, sessions, login throttling, settings. */
#include <string.h>

#include "store/store.h"
#include "store/rows.h"
#include "base/banned.h"

static void
read_user(struct yc_rows *r, int c, struct yc_arena *a, struct yc_user *u)
{
    u->id = yc_rows_int(r, c + 0);
    u->username = yc_arena_strdup(a, yc_rows_text(r, c + 1));
    u->name = yc_arena_strdup(a, yc_rows_text(r, c + 2));
    u->department_id = yc_rows_isnull(r, c + 3) ? 0 : yc_rows_int(r, c + 3);
    u->department_name = yc_arena_strdup(a, yc_rows_text(r, c + 4));
    u->roles = (unsigned)yc_rows_int(r, c + 5);
    u->disabled = (int)yc_rows_int(r, c + 6);
    u->password_hash = yc_arena_strdup(a, yc_rows_text(r, c + 7));
}

static void
read_dept(struct yc_rows *r, struct yc_arena *a, struct yc_dept *d)
{
    d->id = yc_rows_int(r, 0);
    d->name = yc_arena_strdup(a, yc_rows_text(r, 1));
    d->code = yc_arena_strdup(a, yc_rows_text(r, 2));
    d->uscc = yc_arena_strdup(a, yc_rows_text(r, 3));
}


static void
read_user_elem(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    read_user(r, 0, a, elem);
}

static void
read_dept_elem(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    read_dept(r, a, elem);
}

int
yc_store_setting_get(struct yc_db *db, struct yc_arena *a, const char *key, const char **value,
                     struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_SETTING_GET, YC_ARGS(YC_VT(key)), &r, err);

    *value = NULL;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *value = yc_arena_strdup(a, yc_rows_text(r, 0));
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_setting_put(struct yc_db *db, const char *key, const char *value, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SETTING_PUT, YC_ARGS(YC_VT(key), YC_VT(value)), NULL, err);
}

int
yc_store_setting_incr(struct yc_db *db, const char *key, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SETTING_INCR, YC_ARGS(YC_VT(key)), NULL, err);
}

int
yc_store_dept_list(struct yc_db *db, struct yc_arena *a, struct yc_dept **out, size_t *n,
                   struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_DEPT_LIST, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_dept_elem, (void **)out, n);
}

int
yc_store_dept_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_dept *out,
                  int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_DEPT_GET, YC_ARGS(YC_VI(id)), &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        read_dept(r, a, out);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_dept_by_name(struct yc_db *db, const char *name, int64_t *id, int *found,
                      struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_DEPT_BY_NAME, YC_ARGS(YC_VT(name)), id, found, err);
}

int
yc_store_dept_insert(struct yc_db *db, const struct yc_dept *d, int seq, int64_t *id,
                     struct yc_err *err)
{
    int found;
    const char *code = d->code && *d->code ? d->code : NULL;
    const char *uscc = d->uscc && *d->uscc ? d->uscc : NULL;

    return yc_db_scalar(db, YC_Q_DEPT_INSERT,
                        YC_ARGS(YC_VT(d->name), YC_VT(code), YC_VT(uscc), YC_VI(seq)), id, &found,
                        err);
}

int
yc_store_dept_count(struct yc_db *db, int64_t *n, struct yc_err *err)
{
    int found;
    return yc_db_scalar(db, YC_Q_DEPT_COUNT, YC_NOARGS, n, &found, err);
}

static int
user_one(struct yc_db *db, enum yc_stmt q, struct yc_val arg, struct yc_arena *a,
         struct yc_user *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, &arg, 1, &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        read_user(r, 0, a, out);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_user_by_name(struct yc_db *db, struct yc_arena *a, const char *username,
                      struct yc_user *out, int *found, struct yc_err *err)
{
    return user_one(db, YC_Q_USER_BY_NAME, YC_VT(username), a, out, found, err);
}

int
yc_store_user_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_user *out,
                    int *found, struct yc_err *err)
{
    return user_one(db, YC_Q_USER_BY_ID, YC_VI(id), a, out, found, err);
}

int
yc_store_user_list(struct yc_db *db, struct yc_arena *a, struct yc_user **out, size_t *n,
                   struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_USER_LIST, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_user_elem, (void **)out, n);
}

static struct yc_val
dept_arg(int64_t id)
{
    return id ? YC_VI(id) : YC_VNULL;
}

int
yc_store_user_insert(struct yc_db *db, const struct yc_user *u, int64_t now, int64_t *id,
                     struct yc_err *err)
{
    int found;

    return yc_db_scalar(db, YC_Q_USER_INSERT,
                        YC_ARGS(YC_VT(u->username), YC_VT(u->name), dept_arg(u->department_id),
                                YC_VI(u->roles), YC_VT(u->password_hash), YC_VI(now)),
                        id, &found, err);
}

int
yc_store_user_update(struct yc_db *db, const struct yc_user *u, int64_t now, struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_USER_UPDATE,
                        YC_ARGS(YC_VI(u->id), YC_VT(u->name), dept_arg(u->department_id),
                                YC_VI(u->roles), YC_VI(u->disabled), YC_VI(now)),
                        &changes, err);

    if (rc == 0 && changes == 0) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "用户 %lld 不存在", (long long)u->id);
    }
    return rc;
}

int
yc_store_user_set_password(struct yc_db *db, int64_t id, const char *hash, int64_t now,
                           struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_USER_SET_PASSWORD, YC_ARGS(YC_VI(id), YC_VT(hash), YC_VI(now)),
                      NULL, err);
}

int
yc_store_user_count(struct yc_db *db, int64_t *n, struct yc_err *err)
{
    int found;
    return yc_db_scalar(db, YC_Q_USER_COUNT, YC_NOARGS, n, &found, err);
}

int
yc_store_session_insert(struct yc_db *db, const char *token_hash, int64_t user_id,
                        const char *csrf, int64_t now, int64_t expires_at, const char *addr,
                        struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SESSION_INSERT,
                      YC_ARGS(YC_VT(token_hash), YC_VI(user_id), YC_VT(csrf), YC_VI(now),
                              YC_VI(expires_at), YC_VT(addr)),
                      NULL, err);
}

int
yc_store_session_get(struct yc_db *db, struct yc_arena *a, const char *token_hash,
                     struct yc_session *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_SESSION_GET, YC_ARGS(YC_VT(token_hash)), &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        out->csrf = yc_arena_strdup(a, yc_rows_text(r, 1));
        out->last_seen = yc_rows_int(r, 2);
        out->expires_at = yc_rows_int(r, 3);
        read_user(r, 4, a, &out->user);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_session_touch(struct yc_db *db, const char *token_hash, int64_t now, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SESSION_TOUCH, YC_ARGS(YC_VT(token_hash), YC_VI(now)), NULL, err);
}

int
yc_store_session_delete(struct yc_db *db, const char *token_hash, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SESSION_DELETE, YC_ARGS(YC_VT(token_hash)), NULL, err);
}

int
yc_store_session_delete_user(struct yc_db *db, int64_t user_id, const char *keep_hash,
                             struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SESSION_DELETE_USER, YC_ARGS(YC_VI(user_id), YC_VT(keep_hash)),
                      NULL, err);
}

int
yc_store_session_purge(struct yc_db *db, int64_t now, int64_t idle_before, int64_t *purged,
                       struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SESSION_PURGE, YC_ARGS(YC_VI(now), YC_VI(idle_before)), purged,
                      err);
}

int
yc_store_throttle_get(struct yc_db *db, const char *key, int64_t *window_start, int64_t *failures,
                      struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_THROTTLE_GET, YC_ARGS(YC_VT(key)), &r, err);

    *window_start = 0;
    *failures = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *window_start = yc_rows_int(r, 0);
        *failures = yc_rows_int(r, 1);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_throttle_put(struct yc_db *db, const char *key, int64_t window_start, int64_t failures,
                      struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_THROTTLE_PUT,
                      YC_ARGS(YC_VT(key), YC_VI(window_start), YC_VI(failures)), NULL, err);
}

int
yc_store_throttle_clear(struct yc_db *db, const char *key, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_THROTTLE_CLEAR, YC_ARGS(YC_VT(key)), NULL, err);
}
