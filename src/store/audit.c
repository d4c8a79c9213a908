/* audit.c - appending to and reading the hash-chained audit log. */
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"
#include "store/store.h"
#include "base/banned.h"

int
yc_store_audit_append(struct yc_db *db, int64_t at, const char *actor, const char *action,
                      const char *object, const char *summary, struct yc_err *err)
{
    struct yc_audit_entry e = {0};
    struct yc_rows *r;
    char prev[65] = YC_AUDIT_GENESIS;
    char hash[65];
    char *clean, *clean_actor, *clean_object;
    int64_t lock;
    int found;
    int rc;

    rc = yc_db_scalar(db, YC_Q_AUDIT_LOCK, YC_NOARGS, &lock, &found, err);
    if (rc) {
        return rc;
    }
    rc = yc_db_query(db, YC_Q_AUDIT_LAST, YC_NOARGS, &r, err);
    if (rc) {
        return rc;
    }
    e.seq = 1;
    rc = yc_rows_next(r);
    if (rc > 0) {
        e.seq = yc_rows_int(r, 0) + 1;
        yc_strlcpy(prev, yc_rows_text(r, 1), sizeof(prev));
        rc = 0;
    }
    yc_rows_close(r);
    if (rc) {
        return rc;
    }
    /* personal numbers never enter the log in clear, whatever the caller wrote: in the summary,
     * and in the actor and object, which hold what someone typed as a username */
    clean = yc_xstrdup(summary);
    yc_log_scrub(clean);
    clean_actor = yc_xstrdup(actor);
    yc_log_scrub(clean_actor);
    clean_object = yc_xstrdup(object);
    yc_log_scrub(clean_object);
    e.at = at;
    e.actor = clean_actor;
    e.action = action;
    e.object = clean_object;
    e.summary = clean;
    e.prev_hash = prev;
    yc_audit_hash(&e, hash);
    rc = yc_db_exec(db, YC_Q_AUDIT_INSERT,
                    YC_ARGS(YC_VI(e.seq), YC_VI(at), YC_VT(clean_actor), YC_VT(action),
                            YC_VT(clean_object), YC_VT(clean), YC_VT(prev), YC_VT(hash)),
                    NULL, err);
    free(clean);
    free(clean_actor);
    free(clean_object);
    return rc;
}

static void
read_entry(struct yc_rows *r, struct yc_arena *a, struct yc_audit_entry *e)
{
    e->seq = yc_rows_int(r, 0);
    e->at = yc_rows_int(r, 1);
    e->actor = yc_arena_strdup(a, yc_rows_text(r, 2));
    e->action = yc_arena_strdup(a, yc_rows_text(r, 3));
    e->object = yc_arena_strdup(a, yc_rows_text(r, 4));
    e->summary = yc_arena_strdup(a, yc_rows_text(r, 5));
    e->prev_hash = yc_arena_strdup(a, yc_rows_text(r, 6));
    e->hash = yc_arena_strdup(a, yc_rows_text(r, 7));
}

int
yc_store_audit_page(struct yc_db *db, struct yc_arena *a, int64_t before, int limit,
                    struct yc_audit_entry **out, size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    int rc;

    *n = 0;
    *out = yc_arena_alloc(a, sizeof(**out) * (size_t)(limit > 0 ? limit : 1));
    rc = yc_db_query(db, YC_Q_AUDIT_PAGE,
                     YC_ARGS(YC_VI(before > 0 ? before : INT64_MAX), YC_VI(limit)), &r, err);
    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0 && *n < (size_t)limit) {
        read_entry(r, a, &(*out)[*n]);
        (*n)++;
    }
    yc_rows_close(r);
    return rc < 0 ? rc : 0;
}

int
yc_store_audit_verify(struct yc_db *db, int64_t *entries, int64_t *broken_seq,
                      const char **reason, struct yc_err *err)
{
    char prev[65] = YC_AUDIT_GENESIS;
    int64_t last = 0;
    int rc = 0;

    *entries = 0;
    *broken_seq = 0;
    *reason = NULL;
    /* in pages, so that memory stays flat however long the chain */
    for (;;) {
        struct yc_arena a;
        struct yc_rows *r;
        int got = 0;

        yc_arena_init(&a);
        rc = yc_db_query(db, YC_Q_AUDIT_RANGE, YC_ARGS(YC_VI(last), YC_VI(1000)), &r, err);
        if (rc) {
            yc_arena_release(&a);
            return rc;
        }
        while ((rc = yc_rows_next(r)) > 0) {
            struct yc_audit_entry e;
            read_entry(r, &a, &e);
            got++;
            if (yc_audit_check(&e, prev, last + 1, reason) != 0) {
                *broken_seq = e.seq;
                break;
            }
            yc_strlcpy(prev, e.hash, sizeof(prev));
            last = e.seq;
            (*entries)++;
        }
        yc_rows_close(r);
        yc_arena_release(&a);
        if (rc < 0) {
            return rc;
        }
        if (*broken_seq || got == 0) {
            return 0;
        }
    }
}
