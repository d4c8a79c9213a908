/*
 * matter_search.h - substring search over the catalogue as people ask at the desk (「营业执照」,
 * 「公积金提取」, 「食品」): over matter names, aliases, codes, department names and material
 * names.
 *
 * An immutable in-memory index built from a snapshot of the matters: every code point and every
 * pair of adjacent code points of each field maps to the sorted list of matters holding it. A query
 * term of one character looks up its list; a longer term intersects the lists of its pairs, and
 * each candidate is then checked for the whole term, so the answer is exactly "every term is a
 * substring of one of the fields" (ASCII letters compared case-insensitively), at a cost that
 * depends on the matches, not on the catalogue's size. Several threads may search one index at
 * once.
 *
 * Ranking: a term scores by where it is found - name equal 0, name prefix 1, inside the name 2,
 * alias equal 3, inside an alias 4, code 5, department 6, material 7 - summed over the terms; ties
 * go to the shorter name, then the code. With no terms every matter matches, ordered by code. Pure:
 * no I/O.
 */
#ifndef YC_DOMAIN_MATTER_SEARCH_H
#define YC_DOMAIN_MATTER_SEARCH_H

#include <stddef.h>
#include <stdint.h>

/* What the index keeps of a matter (copied by yc_msearch_build). */
struct yc_msearch_doc {
    int64_t id;
    int64_t department_id;
    const char *code;
    const char *name;
    const char *aliases;    /* separated by '|' */
    const char *department; /* the department's name */
    const char *materials;  /* material names, separated by '\n' */
    char type[3];
    int window_class;
    int entered;
    int statutory_days;
    int promised_days;
};

enum yc_msearch_field {
    YC_MS_NAME,
    YC_MS_ALIAS,
    YC_MS_CODE,
    YC_MS_DEPARTMENT,
    YC_MS_MATERIAL,
    YC_MS_NONE, /* an empty query */
};
extern const char *const yc_msearch_field_names[]; /* "name", "alias", ... "" */

struct yc_msearch;

struct yc_msearch_query {
    const char *q;         /* terms separated by spaces (also U+3000); at most 8 are used */
    int64_t department_id; /* 0: any */
    const char *type;      /* "": any */
    int window_class;      /* -1: any */
    int entered;           /* -1: any */
};

struct yc_msearch_hit {
    const struct yc_msearch_doc *doc; /* in the index */
    enum yc_msearch_field field;      /* where the first term was found */
    const char *match;                /* the alias or material name it was found in (else NULL) */
    size_t match_len;
};

/* Build an index of n matters (copies everything; the docs may be freed afterwards). */
struct yc_msearch *yc_msearch_build(const struct yc_msearch_doc *docs, size_t n);
void yc_msearch_free(struct yc_msearch *ix);
size_t yc_msearch_size(const struct yc_msearch *ix);

/*
 * Run a query: returns the number of matters that match; hits[0..max) get the ranked matches from
 * position offset on (fewer at the end). A query whose terms hold nothing searchable matches all.
 */
size_t yc_msearch_run(const struct yc_msearch *ix, const struct yc_msearch_query *q, size_t offset,
                      struct yc_msearch_hit *hits, size_t max);

#endif
