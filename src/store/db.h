/*
 * db.h - the backend-neutral database interface: SQLite (embedded default) and PostgreSQL.
 *
 * Every SQL statement lives in stmts.def and is named by an enum yc_stmt; callers bind values by
 * position and never build SQL. One connection belongs to one thread. A use case runs inside
 * yc_db_begin() ... yc_db_finish(rc), which commits when rc is 0 and rolls back otherwise, so a
 * failure leaves nothing half-written.
 *
 * Only src/store/ includes this header's backends; svc/ calls the typed repository functions in
 * store.h.
 */
#ifndef YC_DB_H
#define YC_DB_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum yc_db_kind { YC_DB_SQLITE, YC_DB_PG };

enum yc_stmt {
#define X(name, sql) YC_Q_##name,
#define X2(name, sql_sqlite, sql_pg) YC_Q_##name,
#include "store/stmts.def"
#undef X
#undef X2
    YC_Q__MAX
};

enum yc_vtype { YC_V_NULL, YC_V_INT, YC_V_TEXT };

struct yc_val {
    enum yc_vtype t;
    int64_t i;
    const char *s; /* NUL-terminated */
};

#define YC_VI(x) ((struct yc_val){.t = YC_V_INT, .i = (int64_t)(x)})
static inline struct yc_val
yc_val_text(const char *s)
{
    struct yc_val v = {s ? YC_V_TEXT : YC_V_NULL, 0, s};
    return v;
}
#define YC_VT(x) yc_val_text(x)
#define YC_VNULL ((struct yc_val){.t = YC_V_NULL})
#define YC_ARGS(...) ((const struct yc_val[]){__VA_ARGS__}), (sizeof((const struct yc_val[]){__VA_ARGS__}) / sizeof(struct yc_val))
#define YC_NOARGS NULL, 0

struct yc_db;
struct yc_rows;

/*
 * Open a connection: a file path (SQLite; created if missing; WAL, synchronous=FULL unless
 * YC_SQLITE_SYNC=NORMAL) or a postgresql:// / postgres:// URL.
 */
int yc_db_open(const char *url, struct yc_db **out, struct yc_err *err) YC_MUST;
void yc_db_close(struct yc_db *db);
enum yc_db_kind yc_db_kind(const struct yc_db *db);
const char *yc_db_kind_name(const struct yc_db *db); /* "sqlite" | "postgresql" */

int yc_db_begin(struct yc_db *db, struct yc_err *err) YC_MUST;
/* Commit when rc == 0, else roll back. Returns rc, or the commit's failure. */
int yc_db_finish(struct yc_db *db, int rc, struct yc_err *err) YC_MUST;

/*
 * Run a statement. With rows != NULL the caller iterates with yc_rows_next() and must
 * yc_rows_close(); a statement's cursor must be closed before that statement runs again.
 * Errors: YC_ECONFLICT ("conflict") on a unique or foreign-key violation, YC_EDB otherwise.
 */
int yc_db_query(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                struct yc_rows **rows, struct yc_err *err) YC_MUST;
/* Run a statement that returns no rows; *changes (may be NULL) gets the rows affected. */
int yc_db_exec(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
               int64_t *changes, struct yc_err *err) YC_MUST;
/* Run a statement expected to return at most one row with one integer; *found says if it did. */
int yc_db_scalar(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                 int64_t *out, int *found, struct yc_err *err) YC_MUST;

/* 1 row ready, 0 no more rows, negative on error (the error is in err given to yc_db_query). */
int yc_rows_next(struct yc_rows *r);
int64_t yc_rows_int(struct yc_rows *r, int col);
const char *yc_rows_text(struct yc_rows *r, int col); /* "" for NULL; valid until next/close */
int yc_rows_isnull(struct yc_rows *r, int col);
void yc_rows_close(struct yc_rows *r);

/* Run a script of several statements (migrations only). */
int yc_db_exec_script(struct yc_db *db, const char *sql, struct yc_err *err) YC_MUST;

/* Counters for /metrics. */
uint64_t yc_db_error_count(void);
/* SQLite group commit (db_sqlite.c): batches committed and the transactions they carried. */
void yc_db_group_stats(uint64_t *batches, uint64_t *members);

#endif
