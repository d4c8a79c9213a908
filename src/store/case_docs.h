/*
 * case_docs.h - repository functions of a case's documents: the seal ledger across cases (who used
 * which approval seal on which document, with its SHA-256) and the lookup of a department by code.
 * Statements in stmts_case_docs.def.
 *
 * As in store.h: strings live in the caller's arena; every function returns 0 or a negative status
 * with err filled. Days are day numbers (YC_NO_DAY: none).
 */
#ifndef YC_STORE_CASE_DOCS_H
#define YC_STORE_CASE_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"

/* One line of the seal ledger. */
struct yc_ledger_row {
    int64_t id;
    int32_t day;
    int64_t at; /* unix ms */
    int64_t seal_id;
    const char *seal_name;
    const char *seal_code;
    int64_t department_id;
    const char *department_name;
    int64_t case_id;
    const char *case_number;
    const char *stage; /* 受理 / 审核 / 签批 / 办结 */
    int64_t approver_id;
    const char *approver_name;
    const char *document;
    const char *sha256;
};

/* A department's id by its code; *found 0 when no department has it. */
int yc_store_dept_by_code(struct yc_db *db, const char *code, int64_t *id, int *found,
                          struct yc_err *err) YC_MUST;
/* Seal uses of department_id (0: every department) with from <= day <= to, by day then entry,
 * at most limit rows. */
int yc_store_seal_ledger(struct yc_db *db, struct yc_arena *a, int64_t department_id, int32_t from,
                         int32_t to, int64_t limit, struct yc_ledger_row **out, size_t *n,
                         struct yc_err *err) YC_MUST;

#endif
