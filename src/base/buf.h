/*
 * buf.h - the one growable byte buffer (after curl's dynbuf and sqlite3_str).
 *
 * A buffer has a maximum size; growing past it, like running out of memory, sets a sticky error
 * and later appends do nothing, so a sequence of appends is checked once at the end.
 * The content is always NUL-terminated.
 */
#ifndef YC_BUF_H
#define YC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/err.h"

struct yc_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;   /* largest len allowed */
    int overflow; /* sticky: an append did not fit */
};

#define YC_BUF_INIT(max_bytes) {NULL, 0, 0, (max_bytes), 0}

void yc_buf_init(struct yc_buf *b, size_t max);
void yc_buf_release(struct yc_buf *b);
void yc_buf_reset(struct yc_buf *b); /* len = 0, keep memory, clear the error */

void yc_buf_add(struct yc_buf *b, const void *p, size_t n);
void yc_buf_adds(struct yc_buf *b, const char *s);
void yc_buf_addc(struct yc_buf *b, char c);
void yc_buf_printf(struct yc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void yc_buf_vprintf(struct yc_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Hand the memory over to the caller (free() it); the buffer is left empty. */
char *yc_buf_detach(struct yc_buf *b, size_t *len);

/* The content as a C string ("" when empty). */
const char *yc_buf_cstr(const struct yc_buf *b);

#endif
