/* buf.c - growable byte buffer with a maximum size and a sticky overflow error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/banned.h"

void
yc_buf_init(struct yc_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
    b->overflow = 0;
}

void
yc_buf_release(struct yc_buf *b)
{
    free(b->data);
    yc_buf_init(b, b->max);
}

void
yc_buf_reset(struct yc_buf *b)
{
    b->len = 0;
    b->overflow = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

static int
grow(struct yc_buf *b, size_t extra)
{
    size_t want;

    if (b->overflow) {
        return -1;
    }
    if (extra > b->max || b->len > b->max - extra) {
        b->overflow = 1;
        return -1;
    }
    want = b->len + extra + 1;
    if (want > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < want) {
            cap *= 2;
        }
        b->data = yc_xrealloc(b->data, cap);
        b->cap = cap;
    }
    return 0;
}

void
yc_buf_add(struct yc_buf *b, const void *p, size_t n)
{
    if (grow(b, n)) {
        return;
    }
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
}

void
yc_buf_adds(struct yc_buf *b, const char *s)
{
    yc_buf_add(b, s, strlen(s));
}

void
yc_buf_addc(struct yc_buf *b, char c)
{
    yc_buf_add(b, &c, 1);
}

void
yc_buf_vprintf(struct yc_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0 || grow(b, (size_t)n)) {
        return;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void
yc_buf_printf(struct yc_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    yc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *
yc_buf_detach(struct yc_buf *b, size_t *len)
{
    char *p = b->data ? b->data : yc_xstrdup("");

    if (len) {
        *len = b->len;
    }
    yc_buf_init(b, b->max);
    return p;
}

const char *
yc_buf_cstr(const struct yc_buf *b)
{
    return b->data ? b->data : "";
}
