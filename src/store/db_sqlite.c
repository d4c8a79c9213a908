/*
 * db_sqlite.c - the SQLite backend: one connection per thread, WAL, synchronous=FULL by default
 * (an acknowledged write survives a power cut), every statement prepared once per connection.
 *
 * Group commit. SQLite has one writer per file and, with synchronous=FULL, every COMMIT waits for
 * an fsync: about 3,500 commits/s on this kind of disk, whatever the CPU. So the write
 * transactions of one process all run, one after another, on one shared writer connection, each
 * inside its own SAVEPOINT of a batch transaction; a use case that fails rolls back to its
 * savepoint and leaves the others' work intact. The batch commits — one fsync for all its
 * members — when no other writer is waiting for the connection (or the batch is full), and each
 * member's yc_db_finish() returns only after that COMMIT, with the COMMIT's result: nothing is
 * answered before it is durable. Under load the batch grows by itself to the number of writers
 * queued; alone, a writer commits at once, as before. Reads outside a transaction keep using the
 * thread's own connection (WAL readers do not block the writer). YC_SQLITE_GROUP=0 turns it off:
 * then each connection runs BEGIN IMMEDIATE ... COMMIT itself, writers of this process queued on
 * one mutex (the busy handler would sleep 1, 2, 5 ... ms instead of starting the moment the last
 * one commits). No library does this for SQLite, hence by hand.
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

/* A member of a batch waiting for its COMMIT. */
struct sq_waiter {
    struct sq_waiter *next;
    int done;
    int rc;
    struct yc_err err;
};

struct sq_db {
    struct yc_db base;
    sqlite3 *h;
    int grouped; /* transactions run on the process's writer connection */
    sqlite3_stmt *st[YC_Q__MAX];
    struct sq_rows rows[YC_Q__MAX];
};

#define SQ_BATCH_MAX 64 /* members of one batch at most: bounds the latency of the first */

static struct {
    pthread_mutex_t writer;  /* held from a transaction's begin to its finish */
    pthread_mutex_t m;       /* the fields below */
    pthread_cond_t durable;  /* a batch has committed (or failed) */
    struct sq_db *w;         /* the writer connection; NULL until the first grouped write */
    char *path;              /* the file it writes; other files are not grouped */
    int open;                /* a batch transaction is open on w */
    int queued;              /* threads waiting for the writer mutex */
    int members;             /* savepoints released into the open batch */
    struct sq_waiter *waiters; /* their waiters */
    uint64_t batches, committed_members; /* for the metrics */
} grp = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
         NULL, NULL, 0, 0, 0, NULL, 0, 0};

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

/* Run SQL text on this connection (no statement cache: BEGIN, SAVEPOINT, migration scripts). */
static int
sq_exec_on(struct sq_db *d, const char *sql, struct yc_err *err)
{
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
sq_exec_simple(struct yc_db *db, const char *sql, struct yc_err *err)
{
    struct sq_db *d = (struct sq_db *)db;

    return sq_exec_on(db->in_tx && d->grouped ? grp.w : d, sql, err);
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
    sqlite3_stmt *st;
    int rc;

    if (db->in_tx && d->grouped) {
        d = grp.w; /* this thread holds grp.writer */
        db = &d->base;
    }
    st = d->st[q];
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

/* Writers of files that are not grouped queue here (see the head of this file). */
static pthread_mutex_t direct_writer = PTHREAD_MUTEX_INITIALIZER;

static int sq_connect(const char *path, struct sq_db **out, struct yc_err *err);

/* Hand the batch's result to its waiters. Holds grp.writer. */
static void
sq_batch_done(int rc, const struct yc_err *err)
{
    int n = 0;

    pthread_mutex_lock(&grp.m);
    for (struct sq_waiter *w = grp.waiters; w; w = w->next) {
        w->rc = rc;
        if (rc) {
            w->err = *err;
        }
        w->done = 1;
        n++;
    }
    if (rc == 0 && n) {
        grp.batches++;
        grp.committed_members += (uint64_t)n;
    }
    pthread_cond_broadcast(&grp.durable);
    pthread_mutex_unlock(&grp.m);
    grp.waiters = NULL;
    grp.members = 0;
    grp.open = 0;
}

/*
 * The writer is being let go: commit the batch when nobody else is queued for it or it is full,
 * else leave it open for the next member. Holds grp.writer.
 */
static void
sq_batch_settle(void)
{
    struct yc_err cerr, ignored;
    int queued, rc;

    if (!grp.open) {
        return;
    }
    pthread_mutex_lock(&grp.m);
    queued = grp.queued;
    pthread_mutex_unlock(&grp.m);
    if (queued > 0 && grp.members < SQ_BATCH_MAX) {
        return;
    }
    if (grp.members == 0) {
        (void)sq_exec_on(grp.w, "ROLLBACK", &ignored);
        grp.open = 0;
        return;
    }
    rc = sq_exec_on(grp.w, "COMMIT", &cerr);
    if (rc && !sqlite3_get_autocommit(grp.w->h)) {
        (void)sq_exec_on(grp.w, "ROLLBACK", &ignored);
    }
    sq_batch_done(rc, &cerr);
}

static int
sq_tx_begin(struct yc_db *db, struct yc_err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    int rc;

    if (!d->grouped) {
        pthread_mutex_lock(&direct_writer);
        /* IMMEDIATE: take the write lock at once, so two use cases never deadlock upgrading */
        rc = sq_exec_on(d, "BEGIN IMMEDIATE", err);
        if (rc) {
            pthread_mutex_unlock(&direct_writer);
        }
        return rc;
    }
    pthread_mutex_lock(&grp.m);
    grp.queued++;
    pthread_mutex_unlock(&grp.m);
    pthread_mutex_lock(&grp.writer);
    pthread_mutex_lock(&grp.m);
    grp.queued--;
    pthread_mutex_unlock(&grp.m);
    rc = grp.w ? 0 : sq_connect(grp.path, &grp.w, err);
    if (rc == 0 && !grp.open) {
        rc = sq_exec_on(grp.w, "BEGIN IMMEDIATE", err);
        grp.open = rc == 0;
    }
    if (rc == 0) {
        rc = sq_exec_on(grp.w, "SAVEPOINT yc_tx", err);
    }
    if (rc) {
        sq_batch_settle();
        pthread_mutex_unlock(&grp.writer);
    }
    return rc;
}

static int
sq_tx_finish(struct yc_db *db, int rc, struct yc_err *err)
{
    struct sq_db *d = (struct sq_db *)db;
    struct sq_waiter me = {0};
    struct yc_err ignored;

    if (!d->grouped) {
        if (rc == 0) {
            rc = sq_exec_on(d, "COMMIT", err);
        }
        if (rc) {
            (void)sq_exec_on(d, "ROLLBACK", &ignored);
        }
        pthread_mutex_unlock(&direct_writer);
        return rc;
    }
    if (rc == 0) {
        rc = sq_exec_on(grp.w, "RELEASE yc_tx", err);
    }
    if (rc) {
        if (!sqlite3_get_autocommit(grp.w->h)) {
            (void)sq_exec_on(grp.w, "ROLLBACK TO yc_tx; RELEASE yc_tx", &ignored);
        }
        if (sqlite3_get_autocommit(grp.w->h)) {
            /* SQLite ended the whole transaction (an I/O error, a full disk): the members
             * before this one lost their work with it and must not be told it is durable */
            struct yc_err lost;
            (void)yc_fail(&lost, YC_EDB, "db_error", NULL, "数据库错误：同批事务被回滚，请重试");
            sq_batch_done(YC_EDB, &lost);
        }
    } else {
        me.next = grp.waiters;
        grp.waiters = &me;
        grp.members++;
    }
    sq_batch_settle();
    pthread_mutex_unlock(&grp.writer);
    if (rc) {
        return rc;
    }
    pthread_mutex_lock(&grp.m);
    while (!me.done) {
        pthread_cond_wait(&grp.durable, &grp.m);
    }
    pthread_mutex_unlock(&grp.m);
    if (me.rc) {
        *err = me.err;
    }
    return me.rc;
}

void
yc_db_group_stats(uint64_t *batches, uint64_t *members)
{
    pthread_mutex_lock(&grp.m);
    *batches = grp.batches;
    *members = grp.committed_members;
    pthread_mutex_unlock(&grp.m);
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
    .begin_sql = "BEGIN IMMEDIATE",
    .tx_begin = sq_tx_begin,
    .tx_finish = sq_tx_finish,
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

static int
sq_connect(const char *path, struct sq_db **out, struct yc_err *err)
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
    rc = sq_exec_on(d,
                    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;",
                    err);
    if (rc == 0) {
        rc = sq_exec_on(d,
                        sync && strcmp(sync, "NORMAL") == 0 ? "PRAGMA synchronous=NORMAL"
                                                            : "PRAGMA synchronous=FULL",
                        err);
    }
    if (rc) {
        sq_close(&d->base);
        return rc;
    }
    *out = d;
    return 0;
}

/*
 * Whether this file's transactions join the process's group commit: the first file opened is
 * grouped unless YC_SQLITE_GROUP=0; an in-memory database is private to its connection and never.
 */
static int
sq_groupable(const char *path)
{
    const char *g = getenv("YC_SQLITE_GROUP");
    int yes;

    if ((g && strcmp(g, "0") == 0) || path[0] == '\0' || strcmp(path, ":memory:") == 0 ||
        strncmp(path, "file:", 5) == 0) {
        return 0;
    }
    pthread_mutex_lock(&grp.m);
    if (!grp.path) {
        grp.path = yc_xstrdup(path);
    }
    yes = strcmp(grp.path, path) == 0;
    pthread_mutex_unlock(&grp.m);
    return yes;
}

int
yc_db_sqlite_open(const char *path, struct yc_db **out, struct yc_err *err)
{
    struct sq_db *d = NULL;
    int rc = sq_connect(path, &d, err);

    if (rc || !d) {
        return rc ? rc : yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法打开数据库 %s", path);
    }
    d->grouped = sq_groupable(path);
    *out = &d->base;
    return 0;
}
