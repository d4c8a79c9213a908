/*
 * fsync-loop.c - the disk's durable-commit rate, the reference of the case bench (bench/cases.sh).
 *
 * A plain loop: one 300-byte row per transaction into a SQLite WAL file with synchronous=FULL,
 * for the given number of seconds; prints the transactions per second. Every commit waits for an
 * fsync of the WAL, so this is the rate a server that commits each request on its own cannot beat.
 *
 *   cc -O2 bench/fsync-loop.c $(pkg-config --cflags --libs sqlite3) -o build/fsync-loop
 *   build/fsync-loop /tmp/x.db 5
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
must(int rc, sqlite3 *h, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        fprintf(stderr, "fsync-loop: %s: %s\n", what, sqlite3_errmsg(h));
        exit(1);
    }
}

int
main(int argc, char **argv)
{
    sqlite3 *h;
    sqlite3_stmt *ins;
    char row[301];
    double seconds = argc > 2 ? atof(argv[2]) : 5.0;
    double t0, t;
    long n = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: fsync-loop FILE [SECONDS]\n");
        return 2;
    }
    memset(row, 'x', 300);
    row[300] = '\0';
    must(sqlite3_open(argv[1], &h), h, "open");
    must(sqlite3_exec(h,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
                      NULL, NULL, NULL),
         h, "setup");
    must(sqlite3_prepare_v2(h, "INSERT INTO t(v) VALUES (?1)", -1, &ins, NULL), h, "prepare");
    t0 = now_s();
    do {
        must(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), h, "begin");
        sqlite3_bind_text(ins, 1, row, 300, SQLITE_STATIC);
        must(sqlite3_step(ins), h, "insert");
        sqlite3_reset(ins);
        must(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), h, "commit");
        n++;
        t = now_s();
    } while (t - t0 < seconds);
    printf("%.0f\n", (double)n / (t - t0));
    sqlite3_finalize(ins);
    sqlite3_close(h);
    return 0;
}
