/* rows.c - query results into arena arrays, shared by the repository files. */
#include <string.h>

#include "base/date.h"
#include "store/hall.h"
#include "store/rows.h"
#include "base/banned.h"

int
yc_rows_collect(struct yc_rows *r, struct yc_arena *a, size_t size, yc_read_fn fn, void **out,
                size_t *n)
{
    size_t cap = 16;
    char *items = yc_arena_alloc(a, cap * size);
    int rc;

    *n = 0;
    while ((rc = yc_rows_next(r)) > 0) {
        if (*n == cap) {
            char *bigger = yc_arena_alloc(a, cap * 2 * size);
            memcpy(bigger, items, cap * size);
            items = bigger;
            cap *= 2;
        }
        fn(r, a, items + *n * size);
        (*n)++;
    }
    yc_rows_close(r);
    *out = items;
    return rc < 0 ? rc : 0;
}

int
yc_store_collect(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                 struct yc_arena *a, size_t size, yc_read_fn fn, void **out, size_t *n,
                 struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    *out = NULL;
    *n = 0;
    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, size, fn, out, n);
}

int
yc_store_one(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
             struct yc_arena *a, yc_read_fn fn, void *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        fn(r, a, out);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

const char *
yc_rows_dup(struct yc_rows *r, struct yc_arena *a, int col)
{
    return yc_arena_strdup(a, yc_rows_text(r, col));
}

int32_t
yc_store_day(const char *s)
{
    int32_t d;

    if (!s || !*s || yc_date_parse(s, strlen(s), &d) != 0) {
        return YC_NO_DAY;
    }
    return d;
}

struct yc_val
yc_store_day_val(char buf[11], int32_t day)
{
    if (day == YC_NO_DAY) {
        return YC_VNULL;
    }
    yc_date_format(day, buf);
    return YC_VT(buf);
}
