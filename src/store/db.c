/* db.c - dispatch to the SQLite or PostgreSQL backend, transactions, and the statement table. */
#include <stdatomic.h>
#include <string.h>

#include "store/db_impl.h"
#include "base/banned.h"

const char *const yc_stmt_sqlite[YC_Q__MAX] = {
#define X(name, sql) sql,
#define X2(name, sql_sqlite, sql_pg) sql_sqlite,
#include "store/stmts.def"
#undef X
#undef X2
};

/* NULL: the same text as SQLite's, with ?N rewritten to $N when prepared. */
const char *const yc_stmt_pg[YC_Q__MAX] = {
#define X(name, sql) NULL,
#define X2(name, sql_sqlite, sql_pg) sql_pg,
#include "store/stmts.def"
#undef X
#undef X2
};

const char *const yc_stmt_name[YC_Q__MAX] = {
#define X(name, sql) #name,
#define X2(name, sql_sqlite, sql_pg) #name,
#include "store/stmts.def"
#undef X
#undef X2
};

static atomic_uint_fast64_t db_errors;

void
yc_db_count_error(void)
{
    atomic_fetch_add(&db_errors, 1);
}

uint64_t
yc_db_error_count(void)
{
    return atomic_load(&db_errors);
}

int
yc_db_open(const char *url, struct yc_db **out, struct yc_err *err)
{
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        return yc_db_pg_open(url, out, err);
    }
    return yc_db_sqlite_open(url, out, err);
}

void
yc_db_close(struct yc_db *db)
{
    if (db) {
        db->ops->close(db);
    }
}

enum yc_db_kind
yc_db_kind(const struct yc_db *db)
{
    return db->kind;
}

const char *
yc_db_kind_name(const struct yc_db *db)
{
    return db->ops->name;
}

int
yc_db_begin(struct yc_db *db, struct yc_err *err)
{
    int rc;

    if (db->in_tx) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "事务嵌套：上一个事务尚未结束");
    }
    rc = db->ops->tx_begin ? db->ops->tx_begin(db, err)
                           : db->ops->exec_simple(db, db->ops->begin_sql, err);
    if (rc == 0) {
        db->in_tx = 1;
    }
    return rc;
}

int
yc_db_finish(struct yc_db *db, int rc, struct yc_err *err)
{
    struct yc_err ignored;

    if (!db->in_tx) {
        return rc;
    }
    if (db->ops->tx_finish) {
        rc = db->ops->tx_finish(db, rc, err);
        db->in_tx = 0;
        return rc;
    }
    db->in_tx = 0;
    if (rc == 0) {
        rc = db->ops->exec_simple(db, "COMMIT", err);
    }
    if (rc) {
        (void)db->ops->exec_simple(db, "ROLLBACK", &ignored);
    }
    return rc;
}

int
yc_db_query(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
            struct yc_rows **rows, struct yc_err *err)
{
    return db->ops->query(db, q, args, nargs, rows, NULL, err);
}

int
yc_db_exec(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
           int64_t *changes, struct yc_err *err)
{
    int64_t ignored;

    return db->ops->query(db, q, args, nargs, NULL, changes ? changes : &ignored, err);
}

int
yc_db_scalar(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
             int64_t *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    if (rc) {
        return rc;
    }
    *found = 0;
    rc = yc_rows_next(r);
    if (rc > 0) {
        *found = 1;
        *out = yc_rows_int(r, 0);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_rows_next(struct yc_rows *r)
{
    return r->db->ops->rows_next(r);
}

int64_t
yc_rows_int(struct yc_rows *r, int col)
{
    return r->db->ops->rows_int(r, col);
}

const char *
yc_rows_text(struct yc_rows *r, int col)
{
    return r->db->ops->rows_text(r, col);
}

int
yc_rows_isnull(struct yc_rows *r, int col)
{
    return r->db->ops->rows_isnull(r, col);
}

void
yc_rows_close(struct yc_rows *r)
{
    if (r) {
        r->db->ops->rows_close(r);
    }
}

int
yc_db_exec_script(struct yc_db *db, const char *sql, struct yc_err *err)
{
    return db->ops->exec_simple(db, sql, err);
}
