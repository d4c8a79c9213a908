/*
 * test_db_group.c - SQLite group commit (src/store/db_sqlite.c) against a real database file.
 *
 * 16 threads, each on its own connection as the server's pool threads are, run 60 transactions
 * each at once; every fifth transaction fails half-way (a duplicate key after a good insert) and
 * must leave nothing, while the transactions batched with it keep their rows. Afterwards a fresh
 * connection must find exactly the rows of the transactions that were told they committed, and
 * fewer commits than transactions must have been made (that is the point of the batching).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

#include "base/banned.h"

#define THREADS 16
#define PER_THREAD 60

static char db_path[64];

struct worker {
    int id;
    int committed;
    int refused;
    int unexpected;
};

static void *
work(void *arg)
{
    struct worker *w = arg;
    struct yc_db *db;
    struct yc_err err;

    if (yc_db_open(db_path, &db, &err)) {
        w->unexpected++;
        return NULL;
    }
    for (int i = 0; i < PER_THREAD; i++) {
        char sql[160];
        int fail = i % 5 == 4;
        int rc = yc_db_begin(db, &err);

        if (rc) {
            w->unexpected++;
            continue;
        }
        snprintf(sql, sizeof(sql), "INSERT INTO t(k, v) VALUES ('%d-%d', 'payload of %d/%d')",
                 w->id, i, w->id, i);
        rc = yc_db_exec_script(db, sql, &err);
        if (rc == 0 && fail) {
            /* the same key again: refused, and the insert above must go with it */
            rc = yc_db_exec_script(db, sql, &err);
        }
        rc = yc_db_finish(db, rc, &err);
        if (rc == 0 && !fail) {
            w->committed++;
        } else if (rc == YC_ECONFLICT && fail) {
            w->refused++;
        } else {
            w->unexpected++;
        }
    }
    yc_db_close(db);
    return NULL;
}

/* Count with a fresh connection of SQLite's own API: what a reader sees after the commits. */
static int
count_rows(const char *where)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    char sql[200];
    int n = -1;

    snprintf(sql, sizeof(sql), "SELECT count(*) FROM t %s", where);
    assert_int_equal(sqlite3_open(db_path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

static void
test_concurrent_batches(void **state)
{
    pthread_t th[THREADS];
    struct worker w[THREADS];
    struct yc_db *db;
    struct yc_err err;
    uint64_t b0, m0, b1, m1;
    int committed = 0, refused = 0;

    (void)state;
    snprintf(db_path, sizeof(db_path), "/tmp/yc-group-%d.db", (int)getpid());
    unlink(db_path);
    assert_int_equal(yc_db_open(db_path, &db, &err), 0);
    assert_int_equal(yc_db_exec_script(db,
                                       "CREATE TABLE t(k TEXT PRIMARY KEY, v TEXT NOT NULL)",
                                       &err),
                     0);
    yc_db_group_stats(&b0, &m0);
    for (int i = 0; i < THREADS; i++) {
        w[i] = (struct worker){.id = i};
        assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].unexpected, 0);
        committed += w[i].committed;
        refused += w[i].refused;
    }
    yc_db_group_stats(&b1, &m1);
    assert_int_equal(committed, THREADS * PER_THREAD * 4 / 5);
    assert_int_equal(refused, THREADS * PER_THREAD / 5);
    /* exactly the committed rows, none of the refused ones' first inserts */
    assert_int_equal(count_rows(""), committed);
    assert_int_equal(count_rows("WHERE CAST(substr(k, instr(k, '-') + 1) AS INTEGER) % 5 = 4"),
                     0);
    assert_int_equal((int)(m1 - m0), committed);
    assert_true(b1 - b0 < m1 - m0);
    print_message("group commit: %d transactions in %llu commits\n", committed,
                  (unsigned long long)(b1 - b0));
    yc_db_close(db);
    unlink(db_path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_batches),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
