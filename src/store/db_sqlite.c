/*
 * db_sqlite.c - the SQLite backend: one connection per thread, WAL, synchronous=FULL by default
 * (an acknowledged write survives a power cut), every statement prepared once per connection.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"
#include "store/db_impl.h"
#include "base/banned.h"

struct sq_rows {
    struct yc_rows base;
    sqlite3_stmt *st;
};

struct sq_db {
    struct yc_db base;
    sqlite3 *h;
    sqlite3_stmt *st[YC_Q__MAX];
    struct sq_rows rows[YC_Q__MAX];
};

static int
sq_fail(struct sq_db *d, int rc, const char *what, struct yc_err *err)
{
    int ext = sqlite3_extended_errcode(d->h);

    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return yc_fail(err, YC_ECONFLICT, "conflict", NULL, "记录已存在（%s）", what);
    }
    if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
        return yc_fail(err, YC_EUNPROC, "reference_invalid", NULL, "引用的记录不存在（%s）", what);
    }
    yc_db_count_error(); /* constraint refusals above are answers, not database failures */
    yc_log(YC_LOG_ERROR, "sqlite: %s: %s (%d/%d)", what, sqlite3_errmsg(d->h), rc, ext);
    return yc_fail(err, YC_EDB, "db_error", NULL, "数据库错误（%s）：%s", what,
                   sqlite3_errmsg(d->h));
}

static void
sq_close(struct yc_db *db)
{
    struct sq_db *d = (struct sq_db *)db;

    for (int i = 0; i < YC_Q__MAX; i++) {
        sqlite3_finalize(d->st[i]);
    }
    sqlite3_close(d->h);
    free(d);
}

static int
sq_exec_simple(struct yc_db *db, const char *sql, struct yc_err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    char *msg = NULL;
    int rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        char what[64];
        size_t n = strcspn(sql, "\n");
        if (n > sizeof(what) - 1) {
            n = sizeof(what) - 1;
        }
        memcpy(what, sql, n);
        what[n] = '\0';
        sqlite3_free(msg);
        return sq_fail(d, rc, what, err);
    }
    return 0;
}

static int
sq_bind(struct sq_db *d, sqlite3_stmt *st, const struct yc_val *args, size_t nargs,
        struct yc_err *err, enum yc_stmt q)
{
    for (size_t i = 0; i < nargs; i++) {
        int rc;
        switch (args[i].t) {
        case YC_V_INT:
            rc = sqlite3_bind_int64(st, (int)i + 1, args[i].i);
            break;
        case YC_V_TEXT:
            rc = sqlite3_bind_text(st, (int)i + 1, args[i].s, -1, SQLITE_STATIC);
            break;
        default:
            rc = sqlite3_bind_null(st, (int)i + 1);
            break;
        }
        if (rc != SQLITE_OK) {
            return sq_fail(d, rc, yc_stmt_name[q], err);
        }
    }
    return 0;
}

static int
sq_query(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
         struct yc_rows **rows, int64_t *changes, struct yc_err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    sqlite3_stmt *st = d->st[q];
    int rc;

    if (!st) {
        rc = sqlite3_prepare_v3(d->h, yc_stmt_sqlite[q], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            return sq_fail(d, rc, yc_stmt_name[q], err);
        }
        d->st[q] = st;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    rc = sq_bind(d, st, args, nargs, err, q);
    if (rc) {
        return rc;
    }
    if (rows) {
        struct sq_rows *r = &d->rows[q];
        r->base.db = db;
        r->base.err = err;
        r->st = st;
        *rows = &r->base;
        return 0;
    }
    do {
        rc = sqlite3_step(st);
    } while (rc == SQLITE_ROW);
    if (rc != SQLITE_DONE) {
        rc = sq_fail(d, rc, yc_stmt_name[q], err);
        sqlite3_reset(st);
        return rc;
    }
    *changes = sqlite3_changes(d->h);
    sqlite3_reset(st);
    return 0;
}

static int
sq_rows_next(struct yc_rows *base)
{
    struct sq_rows *r = (struct sq_rows *)base;
    int rc = sqlite3_step(r->st);

    if (rc == SQLITE_ROW) {
        return 1;
    }
    if (rc == SQLITE_DONE) {
        return 0;
    }
    return sq_fail((struct sq_db *)base->db, rc, "step", base->err);
}

static int64_t
sq_rows_int(struct yc_rows *base, int col)
{
    return sqlite3_column_int64(((struct sq_rows *)base)->st, col);
}

static const char *
sq_rows_text(struct yc_rows *base, int col)
{
    const unsigned char *s = sqlite3_column_text(((struct sq_rows *)base)->st, col);
    return s ? (const char *)s : "";
}

static int
sq_rows_isnull(struct yc_rows *base, int col)
{
    return sqlite3_column_type(((struct sq_rows *)base)->st, col) == SQLITE_NULL;
}

static void
sq_rows_close(struct yc_rows *base)
{
    sqlite3_reset(((struct sq_rows *)base)->st);
}

static const struct yc_db_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .exec_simple = sq_exec_simple,
    .query = sq_query,
    .rows_next = sq_rows_next,
    .rows_int = sq_rows_int,
    .rows_text = sq_rows_text,
    .rows_isnull = sq_rows_isnull,
    .rows_close = sq_rows_close,
    /* IMMEDIATE: take the write lock at once, so two use cases never deadlock upgrading */
    .begin_sql = "BEGIN IMMEDIATE",
};

/*
 * Before the first connection: every connection belongs to one thread, so SQLite's own mutexes
 * on connections are not needed, and memory statistics (a process-wide mutex taken on every
 * allocation SQLite makes) are switched off. Both measured: the lock was the top contention point
 * of a read-only request under load.
 */
static void
configure_once(void)
{
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

int
yc_db_sqlite_open(const char *path, struct yc_db **out, struct yc_err *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    struct sq_db *d = yc_xcalloc(1, sizeof(*d));
    const char *sync = getenv("YC_SQLITE_SYNC");
    int rc;

    pthread_once(&once, configure_once);
    d->base.ops = &sqlite_ops;
    d->base.kind = YC_DB_SQLITE;
    rc = sqlite3_open_v2(path, &d->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        rc = yc_fail(err, YC_EDB, "db_open", NULL, "无法打开数据库 %s：%s", path,
                     d->h ? sqlite3_errmsg(d->h) : "内存不足");
        sqlite3_close(d->h);
        free(d);
        return rc;
    }
    sqlite3_busy_timeout(d->h, 10000);
    sqlite3_extended_result_codes(d->h, 1);
    rc = sq_exec_simple(&d->base,
                        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
                        err);
    if (rc == 0) {
        rc = sq_exec_simple(&d->base,
                            sync && strcmp(sync, "NORMAL") == 0 ? "PRAGMA synchronous=NORMAL"
                                                                : "PRAGMA synchronous=FULL",
                            err);
    }
    if (rc) {
        sq_close(&d->base);
        return rc;
    }
    *out = &d->base;
    return 0;
}
