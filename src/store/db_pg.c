/*
 * db_pg.c - the PostgreSQL backend (libpq): several `serve` processes may share one server.
 * Statements are prepared once per connection under the name "yN"; SQL written for SQLite with
 * ?N parameters is rewritten to $N at preparation, so one text serves both where the dialects agree.
 * Values travel in text format.
 */
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/str.h"
#include "store/db_impl.h"
#include "base/banned.h"

#define PG_MAX_ARGS 32

struct pg_rows {
    struct yc_rows base;
    PGresult *res;
    int row; /* index of the current row; -1 before the first */
    int nrows;
};

struct pg_db {
    struct yc_db base;
    PGconn *conn;
    unsigned char prepared[YC_Q__MAX];
    struct pg_rows rows[YC_Q__MAX];
};

static int
pg_fail_res(struct pg_db *d, PGresult *res, const char *what, struct yc_err *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(d->conn);
    int rc;

    if (state && strcmp(state, "23505") == 0) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", NULL, "记录已存在（%s）", what);
    } else if (state && strcmp(state, "23503") == 0) {
        rc = yc_fail(err, YC_EUNPROC, "reference_invalid", NULL, "引用的记录不存在（%s）", what);
    } else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", NULL, "并发修改冲突，请重试（%s）", what);
    } else {
        char line[256];
        yc_strlcpy(line, msg ? msg : "?", sizeof(line));
        line[strcspn(line, "\n")] = '\0';
        yc_db_count_error(); /* constraint refusals above are answers, not database failures */
        yc_log(YC_LOG_ERROR, "postgresql: %s: %s (%s)", what, line, state ? state : "-");
        rc = yc_fail(err, YC_EDB, "db_error", NULL, "数据库错误（%s）：%s", what, line);
    }
    return rc;
}

static void
pg_close(struct yc_db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    for (int i = 0; i < YC_Q__MAX; i++) {
        PQclear(d->rows[i].res);
    }
    PQfinish(d->conn);
    free(d);
}

/* After a lost connection, reconnect once; prepared statements die with the old session. */
static void
pg_revive(struct pg_db *d)
{
    if (PQstatus(d->conn) == CONNECTION_OK) {
        return;
    }
    PQreset(d->conn);
    memset(d->prepared, 0, sizeof(d->prepared));
    d->base.in_tx = 0;
}

static int
pg_exec_simple(struct yc_db *db, const char *sql, struct yc_err *err)
{
    struct pg_db *d = (struct pg_db *)db;
    PGresult *res;
    int rc = 0;

    if (!db->in_tx) {
        pg_revive(d);
    }
    res = PQexec(d->conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
        char what[64];
        size_t n = strcspn(sql, "\n");
        if (n > sizeof(what) - 1) {
            n = sizeof(what) - 1;
        }
        memcpy(what, sql, n);
        what[n] = '\0';
        rc = pg_fail_res(d, res, what, err);
    }
    PQclear(res);
    return rc;
}

/* "?12" -> "$12"; '?' appears in our SQL only as a parameter marker. */
static char *
rewrite_params(const char *sql)
{
    char *out = yc_xstrdup(sql);

    for (char *p = out; *p; p++) {
        if (*p == '?') {
            *p = '$';
        }
    }
    return out;
}

static int
pg_prepare(struct pg_db *d, enum yc_stmt q, int nargs, struct yc_err *err)
{
    char name[16];
    char *sql;
    PGresult *res;
    int rc = 0;

    snprintf(name, sizeof(name), "y%d", (int)q);
    sql = yc_stmt_pg[q] ? yc_xstrdup(yc_stmt_pg[q]) : rewrite_params(yc_stmt_sqlite[q]);
    res = PQprepare(d->conn, name, sql, nargs, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = pg_fail_res(d, res, yc_stmt_name[q], err);
    } else {
        d->prepared[q] = 1;
    }
    PQclear(res);
    free(sql);
    return rc;
}

static int
pg_query(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
         struct yc_rows **rows, int64_t *changes, struct yc_err *err)
{
    struct pg_db *d = (struct pg_db *)db;
    const char *values[PG_MAX_ARGS];
    char ints[PG_MAX_ARGS][24];
    char name[16];
    PGresult *res;
    ExecStatusType st;
    int rc;

    if (nargs > PG_MAX_ARGS) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "参数过多（%s）", yc_stmt_name[q]);
    }
    if (!db->in_tx) {
        pg_revive(d);
    }
    if (!d->prepared[q]) {
        rc = pg_prepare(d, q, (int)nargs, err);
        if (rc) {
            return rc;
        }
    }
    for (size_t i = 0; i < nargs; i++) {
        switch (args[i].t) {
        case YC_V_INT:
            snprintf(ints[i], sizeof(ints[i]), "%" PRId64, args[i].i);
            values[i] = ints[i];
            break;
        case YC_V_TEXT:
            values[i] = args[i].s;
            break;
        default:
            values[i] = NULL;
            break;
        }
    }
    snprintf(name, sizeof(name), "y%d", (int)q);
    res = PQexecPrepared(d->conn, name, (int)nargs, values, NULL, NULL, 0);
    st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        rc = pg_fail_res(d, res, yc_stmt_name[q], err);
        PQclear(res);
        return rc;
    }
    if (rows) {
        struct pg_rows *r = &d->rows[q];
        PQclear(r->res);
        r->base.db = db;
        r->base.err = err;
        r->res = res;
        r->row = -1;
        r->nrows = PQntuples(res);
        *rows = &r->base;
        return 0;
    }
    {
        const char *n = PQcmdTuples(res);
        int64_t v = 0;
        if (n && *n) {
            (void)yc_parse_i64(yc_str_c(n), 0, INT64_MAX, &v);
        }
        *changes = v;
    }
    PQclear(res);
    return 0;
}

static int
pg_rows_next(struct yc_rows *base)
{
    struct pg_rows *r = (struct pg_rows *)base;

    if (r->row + 1 >= r->nrows) {
        return 0;
    }
    r->row++;
    return 1;
}

static int64_t
pg_rows_int(struct yc_rows *base, int col)
{
    struct pg_rows *r = (struct pg_rows *)base;
    const char *s = PQgetvalue(r->res, r->row, col);
    int64_t v = 0;

    if (s && *s) {
        if (yc_parse_i64(yc_str_c(s), INT64_MIN, INT64_MAX, &v) != 0) {
            /* booleans come back as t/f */
            v = (s[0] == 't');
        }
    }
    return v;
}

static const char *
pg_rows_text(struct yc_rows *base, int col)
{
    struct pg_rows *r = (struct pg_rows *)base;
    const char *s = PQgetvalue(r->res, r->row, col);
    return s ? s : "";
}

static int
pg_rows_isnull(struct yc_rows *base, int col)
{
    struct pg_rows *r = (struct pg_rows *)base;
    return PQgetisnull(r->res, r->row, col);
}

static void
pg_rows_close(struct yc_rows *base)
{
    struct pg_rows *r = (struct pg_rows *)base;
    PQclear(r->res);
    r->res = NULL;
}

static void
pg_notice(void *arg, const char *message)
{
    (void)arg;
    yc_log(YC_LOG_DEBUG, "postgresql: %s", message);
}

static const struct yc_db_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .exec_simple = pg_exec_simple,
    .query = pg_query,
    .rows_next = pg_rows_next,
    .rows_int = pg_rows_int,
    .rows_text = pg_rows_text,
    .rows_isnull = pg_rows_isnull,
    .rows_close = pg_rows_close,
    .begin_sql = "BEGIN",
};

int
yc_db_pg_open(const char *url, struct yc_db **out, struct yc_err *err)
{
    struct pg_db *d = yc_xcalloc(1, sizeof(*d));
    int rc;

    d->base.ops = &pg_ops;
    d->base.kind = YC_DB_PG;
    d->conn = PQconnectdb(url);
    if (PQstatus(d->conn) != CONNECTION_OK) {
        char line[256];
        yc_strlcpy(line, PQerrorMessage(d->conn), sizeof(line));
        line[strcspn(line, "\n")] = '\0';
        rc = yc_fail(err, YC_EDB, "db_open", NULL, "无法连接 PostgreSQL：%s", line);
        PQfinish(d->conn);
        free(d);
        return rc;
    }
    PQsetNoticeProcessor(d->conn, pg_notice, NULL);
    rc = pg_exec_simple(&d->base, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'", err);
    if (rc) {
        pg_close(&d->base);
        return rc;
    }
    *out = &d->base;
    return 0;
}
