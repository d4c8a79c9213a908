/*
 * catalogue.h - use cases of the matter catalogue (included by svc.h): matters and their versions,
 * search, acceptance guides (JSON and PDF), import and export in the documented column layout
 * (docs/catalogue.md), the Annex 2 report, departments' codes, and the demo catalogue.
 *
 * Reads need YC_OP_CATALOGUE_READ, writes YC_OP_CATALOGUE_WRITE (administrators), the public guide
 * YC_OP_PUBLIC. Every write is one transaction with its audit entry; it bumps the catalogue
 * generation so that every process rebuilds its search index.
 */
#ifndef YC_SVC_CATALOGUE_H
#define YC_SVC_CATALOGUE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/matter.h"
#include "domain/matter_search.h"
#include "store/catalogue.h"

/* ---- matters (catalogue.c) ---- */

/* The current version of a matter; YC_ENOTFOUND when there is none. */
int yc_svc_matter_get(struct yc_ctx *ctx, int64_t id, struct yc_matter *out,
                      struct yc_err *err) YC_MUST;
/*
 * The version of a matter a case was received under (for the case flow): YC_ENOTFOUND when the
 * matter or that version does not exist. Strings live in ctx->arena.
 */
int yc_svc_matter_version(struct yc_ctx *ctx, int64_t matter_id, int version, struct yc_matter *out,
                          struct yc_err *err) YC_MUST;
int yc_svc_matter_versions(struct yc_ctx *ctx, int64_t id, struct yc_matter_version_info **out,
                           size_t *n, struct yc_err *err) YC_MUST;

/*
 * Create a matter from in (department_id set; department_name ignored) as version 1, or write a
 * new version of matter id. Checked as an import row is (yc_matter_check, the department exists,
 * the code is free: YC_ECONFLICT); a problem is YC_EUNPROC naming the field. An update identical
 * to the version in force writes nothing: *changed (may be NULL) says which happened. out gets the
 * stored version.
 */
int yc_svc_matter_create(struct yc_ctx *ctx, const struct yc_matter *in, struct yc_matter *out,
                         struct yc_err *err) YC_MUST;
int yc_svc_matter_update(struct yc_ctx *ctx, int64_t id, const struct yc_matter *in,
                         struct yc_matter *out, int *changed, struct yc_err *err) YC_MUST;

/* The acceptance guide: the matter in force and its department (code, USCC). */
struct yc_matter_guide {
    struct yc_matter m;
    struct yc_dept dept;
};
int yc_svc_matter_guide(struct yc_ctx *ctx, int64_t id, struct yc_matter_guide *out,
                        struct yc_err *err) YC_MUST;
/* The same for the applicant's public page, by code (no login needed). */
int yc_svc_matter_public_guide(struct yc_ctx *ctx, const char *code, struct yc_matter_guide *out,
                               struct yc_err *err) YC_MUST;

/*
 * The guide as an A4 PDF (guide_pdf.c): every part of the guide, a material checklist table, a QR
 * code to public_url (the matter's online page, <base>/guide/<code>), page numbers. *pdf is in
 * ctx->arena.
 */
int yc_svc_matter_guide_pdf(struct yc_ctx *ctx, int64_t id, const char *base_url, const char **pdf,
                            size_t *len, struct yc_err *err) YC_MUST;

/* A problem found in API input as the error: 400 for field_unknown / field_type / field_required,
 * 422 otherwise; the field is the problem's column. */
int yc_svc_issue_fail(const struct yc_issue *it, struct yc_err *err);

/* The matter's public online page, "/guide/<code>" (the code percent-encoded), in a. */
const char *yc_matter_public_path(struct yc_arena *a, const char *code);

/* JSON views shared by the API and the command line. with_audit adds who wrote the version. */
json_t *yc_matter_json(const struct yc_matter *m, int with_audit);
json_t *yc_matter_guide_json(struct yc_arena *a, const struct yc_matter_guide *g, int with_audit);

/* ---- search (catalogue_search.c) ---- */

#define YC_SEARCH_MAX_LIMIT 200

struct yc_matter_query {
    const char *q;         /* may be "" (then every matter, by code) */
    int64_t department_id; /* 0: any */
    const char *type;      /* "": any */
    int window_class;      /* -1: any */
    int entered;           /* -1: any */
    size_t limit;          /* 1..YC_SEARCH_MAX_LIMIT */
    size_t offset;
};

struct yc_matter_hit {
    struct yc_msearch_doc doc; /* strings in ctx->arena */
    enum yc_msearch_field field;
    const char *match; /* the alias or material name matched, or NULL */
};

/* Search the catalogue (see domain/matter_search.h for what matches and the order). */
int yc_svc_matter_search(struct yc_ctx *ctx, const struct yc_matter_query *q,
                         struct yc_matter_hit **hits, size_t *n, size_t *total,
                         struct yc_err *err) YC_MUST;
/* The kiosk's and the public site's search (anyone): entered matters only, by name, alias or
 * material, at most limit hits. */
int yc_svc_matter_public_search(struct yc_ctx *ctx, const char *text, size_t limit,
                                struct yc_matter_hit **hits, size_t *n, size_t *total,
                                struct yc_err *err) YC_MUST;
json_t *yc_matter_hit_json(const struct yc_matter_hit *h);
/* Free the search index (at exit, for leak checkers). */
void yc_svc_catalogue_shutdown(void);

/* ---- import, export, reports (catalogue_import.c) ---- */

enum yc_table_format { YC_TABLE_CSV, YC_TABLE_XLSX };

struct yc_import_report {
    size_t rows;              /* data rows read */
    size_t created;           /* new matters / departments */
    size_t updated;           /* a new version written / a department changed */
    size_t unchanged;         /* identical to what is stored: nothing written */
    struct yc_issues *issues; /* problems found; in ctx->arena; never NULL after a call */
};

/*
 * Import matters from a file in the layout of data/demo-matters.csv. The whole file is checked
 * first; when anything is wrong nothing is written and the result is YC_EUNPROC "import_invalid"
 * with every problem (row, column, code, message; up to YC_ISSUES_MAX) in report->issues.
 * Idempotent by code: an unchanged row writes nothing, a changed one a new version.
 */
int yc_svc_matters_import(struct yc_ctx *ctx, const char *data, size_t len,
                          enum yc_table_format format, struct yc_import_report *report,
                          struct yc_err *err) YC_MUST;
/* Import departments: columns name (required), code, uscc; matched by name, created when new. */
int yc_svc_depts_import(struct yc_ctx *ctx, const char *data, size_t len,
                        enum yc_table_format format, struct yc_import_report *report,
                        struct yc_err *err) YC_MUST;
/* Every matter in force, in the import layout: CSV (UTF-8, no BOM) or XLSX. *data in ctx->arena. */
int yc_svc_matters_export(struct yc_ctx *ctx, enum yc_table_format format, const char **data,
                          size_t *len, size_t *count, struct yc_err *err) YC_MUST;

/* Annex 2 from live data: entered matters per department and type (yc_annex2_types order). */
struct yc_annex2_count_row {
    const char *department; /* "合计" for the total row */
    int64_t count[7];
    int64_t total;
};
/* rows[0..n-1] are the departments; rows[n] is the total row. */
int yc_svc_catalogue_annex2(struct yc_ctx *ctx, struct yc_annex2_count_row **rows, size_t *n,
                            struct yc_err *err) YC_MUST;

/* Departments over the API: create (name, code, uscc) and change (NULL keeps a field). */
int yc_svc_dept_create(struct yc_ctx *ctx, const struct yc_dept *in, struct yc_dept *out,
                       struct yc_err *err) YC_MUST;
int yc_svc_dept_update(struct yc_ctx *ctx, int64_t id, const struct yc_dept *in,
                       struct yc_dept *out, struct yc_err *err) YC_MUST;

/*
 * Load the demo catalogue inside the caller's transaction (from yc_svc_demo_load): departments'
 * codes from data/demo-departments.csv, then the matters of data/demo-matters.csv, both embedded.
 * Idempotent; *created is set when anything was written.
 */
int yc_svc_catalogue_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;

#endif
