/*
 * catalogue.h - repository functions of the matter catalogue (statements in stmts_catalogue.def).
 *
 * Strings and arrays returned are allocated in the arena the caller passes. Every function returns
 * 0 or a negative status with err filled; writers run inside the caller's transaction.
 */
#ifndef YC_STORE_CATALOGUE_H
#define YC_STORE_CATALOGUE_H

#include "domain/matter.h"
#include "domain/matter_search.h"
#include "store/store.h"

/* What an import needs to know of each stored matter. */
struct yc_matter_key {
    const char *code;
    int64_t id;
    int version; /* current */
    const char *digest;
};

struct yc_matter_version_info {
    int version;
    int64_t created_at;
    const char *created_by;
    const char *name;
};

/* One cell of Annex 2: entered matters of a department and type (type "" and count 0 for a
 * department without any). */
struct yc_matter_annex2_cell {
    int64_t department_id;
    const char *department;
    char type[3];
    int64_t count;
};

/* Take the catalogue's write lock (PostgreSQL; a no-op on SQLite) for the transaction. */
int yc_store_catalogue_lock(struct yc_db *db, struct yc_err *err) YC_MUST;

int yc_store_matter_keys(struct yc_db *db, struct yc_arena *a, struct yc_matter_key **out,
                         size_t *n, struct yc_err *err) YC_MUST;

/*
 * Store a new matter with m as version 1 (matters row only; *id gets its id). m->code must be
 * free: a taken code is YC_ECONFLICT.
 */
int yc_store_matter_insert(struct yc_db *db, const struct yc_matter *m, const char *digest,
                           int64_t now, int64_t *id, struct yc_err *err) YC_MUST;
/* Make m (m->id, m->version) the current version in the matters row. */
int yc_store_matter_update(struct yc_db *db, const struct yc_matter *m, const char *digest,
                           int64_t now, struct yc_err *err) YC_MUST;
/* Write the immutable version row of m (m->id, m->version, m->created_at, m->created_by). */
int yc_store_matter_version_insert(struct yc_db *db, const struct yc_matter *m,
                                   struct yc_err *err) YC_MUST;

/* The current version of a matter by id or code; *found 0 when there is none. */
int yc_store_matter_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_matter *out,
                        int *found, struct yc_err *err) YC_MUST;
int yc_store_matter_get_code(struct yc_db *db, struct yc_arena *a, const char *code,
                             struct yc_matter *out, int *found, struct yc_err *err) YC_MUST;
/* A given version. */
int yc_store_matter_version(struct yc_db *db, struct yc_arena *a, int64_t id, int version,
                            struct yc_matter *out, int *found, struct yc_err *err) YC_MUST;
/* The versions of a matter, oldest first (*n 0 for an unknown matter). */
int yc_store_matter_versions(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_matter_version_info **out, size_t *n,
                             struct yc_err *err) YC_MUST;
/* Every matter's current version, in the order they were created. */
int yc_store_matter_all(struct yc_db *db, struct yc_arena *a, struct yc_matter **out, size_t *n,
                        struct yc_err *err) YC_MUST;
/* What the search index keeps of every matter. */
int yc_store_matter_search_docs(struct yc_db *db, struct yc_arena *a, struct yc_msearch_doc **out,
                                size_t *n, struct yc_err *err) YC_MUST;
/* Annex 2 cells, departments in the plan's order. */
int yc_store_matter_annex2(struct yc_db *db, struct yc_arena *a, struct yc_matter_annex2_cell **out,
                           size_t *n, struct yc_err *err) YC_MUST;

/* Departments: rename or set code / USCC ("" stores NULL); YC_ENOTFOUND for an unknown id. */
int yc_store_dept_update(struct yc_db *db, const struct yc_dept *d, struct yc_err *err) YC_MUST;
/* The seq a new department gets (after every other). */
int yc_store_dept_next_seq(struct yc_db *db, int *seq, struct yc_err *err) YC_MUST;

#endif
