/*
 * mem.h - allocation. Out of memory aborts: this is an application, not a library.
 *
 * An arena holds the memory of one request (or one command): everything is freed at once by
 * yc_arena_release(); handlers never call free().
 */
#ifndef YC_MEM_H
#define YC_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *yc_xmalloc(size_t n);
void *yc_xcalloc(size_t n, size_t size);
void *yc_xrealloc(void *p, size_t n);
char *yc_xstrdup(const char *s);

struct yc_arena_block;

struct yc_arena {
    struct yc_arena_block *head;
    size_t used_total; /* bytes handed out, for metrics */
};

void yc_arena_init(struct yc_arena *a);
void yc_arena_release(struct yc_arena *a);

/* 16-byte aligned, zeroed memory living until the arena is released. */
void *yc_arena_alloc(struct yc_arena *a, size_t n);
char *yc_arena_strndup(struct yc_arena *a, const char *s, size_t n);
char *yc_arena_strdup(struct yc_arena *a, const char *s);
char *yc_arena_printf(struct yc_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
