/* mem.c - aborting allocators and the request arena. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/banned.h"

#define ARENA_BLOCK 8192

struct yc_arena_block {
    struct yc_arena_block *next;
    size_t cap;
    size_t used;
    _Alignas(16) unsigned char data[];
};

static void
oom(size_t n)
{
    fprintf(stderr, "yichuang: out of memory allocating %zu bytes\n", n);
    abort();
}

void *
yc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        oom(n);
    }
    return p;
}

void *
yc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        oom(n * size);
    }
    return p;
}

void *
yc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        oom(n);
    }
    return q;
}

char *
yc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = yc_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void
yc_arena_init(struct yc_arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void
yc_arena_release(struct yc_arena *a)
{
    struct yc_arena_block *b = a->head;

    while (b) {
        struct yc_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void *
yc_arena_alloc(struct yc_arena *a, size_t n)
{
    struct yc_arena_block *b = a->head;
    size_t need = (n + 15) & ~(size_t)15;
    void *p;

    if (need < n) {
        oom(n);
    }
    if (!b || b->cap - b->used < need) {
        size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        b = yc_xmalloc(sizeof(*b) + cap);
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += need;
    a->used_total += need;
    memset(p, 0, n);
    return p;
}

char *
yc_arena_strndup(struct yc_arena *a, const char *s, size_t n)
{
    char *p = yc_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
yc_arena_strdup(struct yc_arena *a, const char *s)
{
    return yc_arena_strndup(a, s, strlen(s));
}

char *
yc_arena_printf(struct yc_arena *a, const char *fmt, ...)
{
    va_list ap, cp;
    int n;
    char *p;

    va_start(ap, fmt);
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        va_end(ap);
        return yc_arena_strdup(a, "");
    }
    p = yc_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
