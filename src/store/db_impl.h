/* db_impl.h - what the two backends share with db.c; private to src/store/. */
#ifndef YC_DB_IMPL_H
#define YC_DB_IMPL_H

#include "store/db.h"

struct yc_db_ops {
    const char *name;
    void (*close)(struct yc_db *db);
    int (*exec_simple)(struct yc_db *db, const char *sql, struct yc_err *err);
    int (*query)(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                 struct yc_rows **rows, int64_t *changes, struct yc_err *err);
    int (*rows_next)(struct yc_rows *r);
    int64_t (*rows_int)(struct yc_rows *r, int col);
    const char *(*rows_text)(struct yc_rows *r, int col);
    int (*rows_isnull)(struct yc_rows *r, int col);
    void (*rows_close)(struct yc_rows *r);
    const char *begin_sql;
    /* Optional: the backend runs transactions itself (SQLite's group commit). NULL: db.c does
     * begin_sql ... COMMIT / ROLLBACK on the connection. */
    int (*tx_begin)(struct yc_db *db, struct yc_err *err);
    int (*tx_finish)(struct yc_db *db, int rc, struct yc_err *err);
};

struct yc_db {
    const struct yc_db_ops *ops;
    enum yc_db_kind kind;
    int in_tx;
};

struct yc_rows {
    struct yc_db *db;
    struct yc_err *err;
};

extern const char *const yc_stmt_sqlite[YC_Q__MAX];
extern const char *const yc_stmt_pg[YC_Q__MAX];
extern const char *const yc_stmt_name[YC_Q__MAX];

int yc_db_sqlite_open(const char *path, struct yc_db **out, struct yc_err *err);
int yc_db_pg_open(const char *url, struct yc_db **out, struct yc_err *err);
void yc_db_count_error(void);

#endif
