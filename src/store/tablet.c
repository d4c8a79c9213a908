/* tablet.c - repository functions of the window's evaluation tablet (supervise.h): the tablets
 * enrolled at windows, and the cases a window served lately. */
#include "store/rows.h"
#include "store/supervise.h"
#include "base/banned.h"

static void
read_tablet(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_tablet *t = elem;

    t->id = yc_rows_int(r, 0);
    t->window_id = yc_rows_int(r, 1);
    t->window_number = yc_rows_dup(r, a, 2);
    t->zone_name = yc_rows_dup(r, a, 3);
    t->created_by = yc_rows_int(r, 4);
    t->created_by_name = yc_rows_dup(r, a, 5);
    t->created_at = yc_rows_int(r, 6);
    t->last_seen_at = yc_rows_int(r, 7);
}

int
yc_store_tablet_by_key(struct yc_db *db, struct yc_arena *a, const char *key_hash,
                       struct yc_tablet *out, int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_TAB_BY_KEY, YC_ARGS(YC_VT(key_hash)), a, read_tablet, out, found,
                        err);
}

int
yc_store_tablet_of_window(struct yc_db *db, struct yc_arena *a, int64_t window_id,
                          struct yc_tablet *out, int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_TAB_OF_WINDOW, YC_ARGS(YC_VI(window_id)), a, read_tablet, out,
                        found, err);
}

int
yc_store_tablets_in_use(struct yc_db *db, struct yc_arena *a, struct yc_tablet **out, size_t *n,
                        struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_TAB_IN_USE, YC_NOARGS, a, sizeof(**out), read_tablet,
                            (void **)out, n, err);
}

static struct yc_val
user_or_null(int64_t id)
{
    return id ? YC_VI(id) : YC_VNULL;
}

int
yc_store_tablet_insert(struct yc_db *db, int64_t window_id, const char *key_hash, int64_t by,
                       int64_t at, int64_t *id, struct yc_err *err)
{
    int found;

    return yc_db_scalar(db, YC_Q_TAB_INSERT,
                        YC_ARGS(YC_VI(window_id), YC_VT(key_hash), user_or_null(by), YC_VI(at)), id,
                        &found, err);
}

int
yc_store_tablet_revoke(struct yc_db *db, int64_t window_id, int64_t by, int64_t at, int *revoked,
                       struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_TAB_REVOKE, YC_ARGS(YC_VI(window_id), user_or_null(by), YC_VI(at)),
                        &changes, err);

    *revoked = rc == 0 && changes > 0;
    return rc;
}

int
yc_store_tablet_seen(struct yc_db *db, int64_t id, int64_t at, int64_t stale_before,
                     struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_TAB_SEEN, YC_ARGS(YC_VI(id), YC_VI(at), YC_VI(stale_before)), NULL,
                      err);
}

static void
read_case(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_tablet_case *c = elem;

    c->id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->ticket_id = yc_rows_int(r, 2);
    c->created_at = yc_rows_int(r, 3);
    c->id_number = yc_rows_dup(r, a, 4);
}

int
yc_store_tablet_ticket_cases(struct yc_db *db, struct yc_arena *a, int64_t window_id, int32_t day,
                             int64_t since, int limit, struct yc_tablet_case **out, size_t *n,
                             struct yc_err *err)
{
    char d[11];

    return yc_store_collect(
        db, YC_Q_TAB_TICKET_CASES,
        YC_ARGS(YC_VI(window_id), yc_store_day_val(d, day), YC_VI(since), YC_VI(limit)), a,
        sizeof(**out), read_case, (void **)out, n, err);
}

int
yc_store_tablet_last_call(struct yc_db *db, int64_t window_id, int32_t day, int64_t *ticket_id,
                          int64_t *called_at, struct yc_err *err)
{
    char d[11];
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_TAB_LAST_CALL, YC_ARGS(YC_VI(window_id), yc_store_day_val(d, day)),
                         &r, err);

    *ticket_id = *called_at = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *ticket_id = yc_rows_int(r, 0);
        *called_at = yc_rows_int(r, 1);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_tablet_latest_of(struct yc_db *db, struct yc_arena *a, int64_t acceptor_id, int limit,
                          struct yc_tablet_case **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_TAB_LATEST_OF, YC_ARGS(YC_VI(acceptor_id), YC_VI(limit)), a,
                            sizeof(**out), read_case, (void **)out, n, err);
}
