/*
 * rows.h - reading query results into arena arrays: the helpers every repository file shares
 * (private to src/store/).
 */
#ifndef YC_STORE_ROWS_H
#define YC_STORE_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"
#include "store/db.h"

/* Reads the current row into elem (memory from a). */
typedef void (*yc_read_fn)(struct yc_rows *r, struct yc_arena *a, void *elem);

/*
 * Every remaining row of r into a growing arena array of elements of `size` bytes, each read by
 * fn; closes r. *out is never NULL. Returns 0 or the cursor's error.
 */
int yc_rows_collect(struct yc_rows *r, struct yc_arena *a, size_t size, yc_read_fn fn, void **out,
                    size_t *n) YC_MUST;

/* Run q and collect every row (as above). */
int yc_store_collect(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                     struct yc_arena *a, size_t size, yc_read_fn fn, void **out, size_t *n,
                     struct yc_err *err) YC_MUST;

/* Run q and read its first row, if any, into out; *found says whether there was one. */
int yc_store_one(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
                 struct yc_arena *a, yc_read_fn fn, void *out, int *found,
                 struct yc_err *err) YC_MUST;

/* The column as a string in a (never NULL: "" for NULL). */
const char *yc_rows_dup(struct yc_rows *r, struct yc_arena *a, int col);

/* A stored day ('YYYY-MM-DD') as a day number; YC_NO_DAY (store/hall.h) for NULL, "" or bad. */
int32_t yc_store_day(const char *s);

/* A day to bind: its text in buf, or NULL for YC_NO_DAY. */
struct yc_val yc_store_day_val(char buf[11], int32_t day);

#endif
