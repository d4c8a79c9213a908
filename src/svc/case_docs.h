/*
 * case_docs.h - the documents of a case (included by svc.h): its written notices as A4 PDF
 * (case_pdf.c: 受理通知书, 不予受理决定书, 补正材料通知书, 容缺受理通知书, 延期告知书,
 * 特别程序告知书, 准予 / 不予许可决定书) and the seal ledger across cases (seal_ledger.c).
 * docs/cases.md ("Notices", "The seal ledger") describes the rules.
 *
 * A notice is a pure function of the case's stored state, the centre's settings and the public base
 * URL: the same inputs give the same bytes (dates come from the event the notice records, never
 * from the clock), so the SHA-256 of a decision recorded in the seal ledger can be checked again.
 */
#ifndef YC_SVC_CASE_DOCS_H
#define YC_SVC_CASE_DOCS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/case_docs.h"

/* The kinds of notice, by the name in the URL. */
enum yc_notice_kind {
    YC_NOTICE_ACCEPT,      /* accept: 受理通知书 */
    YC_NOTICE_REFUSE,      /* refuse: 不予受理决定书 */
    YC_NOTICE_SUPPLEMENT,  /* supplement: 补正材料通知书 */
    YC_NOTICE_CONDITIONAL, /* conditional: 容缺受理通知书 */
    YC_NOTICE_EXTENSION,   /* extension: 延期告知书 */
    YC_NOTICE_SUSPEND,     /* suspend: 特别程序告知书 */
    YC_NOTICE_DECISION,    /* decision: 准予许可决定书 / 不予许可决定书 */
    YC_NOTICE__MAX
};

/* 0 and *out set when s names a kind, else -1. */
int yc_notice_kind_parse(const char *s, enum yc_notice_kind *out);
const char *yc_notice_kind_name(enum yc_notice_kind k);

/* A rendered notice; every string in ctx->arena. */
struct yc_case_notice {
    const char *pdf;
    size_t len;
    char sha256[65];      /* lower-case hex of the bytes */
    const char *title;    /* 受理通知书 ... */
    const char *doc_no;   /* SY20251015-00001-32-SL */
    const char *filename; /* 受理通知书-SY20251015-00001-32.pdf */
};

/*
 * The notice of `kind` (a name of enum yc_notice_kind) for case id. Access as for the case's detail
 * (YC_OP_CASE_READ; a case out of scope is YC_ENOTFOUND case_not_found). round: which occurrence
 * of the event the notice records (1 = the first, e.g. the second 补正 round is 2); 0: the latest.
 * Errors: YC_ENOTFOUND notice_kind_unknown for an unknown kind; YC_ECONFLICT notice_not_applicable
 * when the case never had that decision (a refusal notice for an accepted case); YC_ENOTFOUND
 * notice_round_not_found when round is past the last occurrence. base_url: where the applicant's
 * pages are ("https://zwfw.example.cn", no trailing slash); the QR code points at
 * <base_url>/case/<number>.
 */
int yc_svc_case_notice(struct yc_ctx *ctx, int64_t id, const char *kind, int round,
                       const char *base_url, struct yc_case_notice *out,
                       struct yc_err *err) YC_MUST;

/* ---- the seal ledger (seal_ledger.c) ---- */

#define YC_LEDGER_MAX_DAYS 366 /* the longest range one request may ask for */

struct yc_ledger_query {
    const char *dept; /* a department's id, code (JTJ) or name; NULL or "": see below */
    int32_t from;     /* inclusive days */
    int32_t to;
    int64_t limit; /* 0: every row */
};

struct yc_ledger {
    int64_t department_id; /* 0: every department */
    const char *department_name;
    struct yc_ledger_row *rows;
    size_t n;
    int truncated; /* more rows than limit */
};

/*
 * Every seal use from `from` to `to` (YC_OP_SEAL_LEDGER). A department head sees their own
 * department only (without dept: theirs; another's: YC_EFORBIDDEN naming both); supervisors,
 * administrators and the command line see any department, or all without dept. Errors (YC_EUNPROC):
 * field_invalid "dept" for an unknown department, range_invalid when from > to, range_too_long
 * past YC_LEDGER_MAX_DAYS.
 */
int yc_svc_seal_ledger(struct yc_ctx *ctx, const struct yc_ledger_query *q, struct yc_ledger *out,
                       struct yc_err *err) YC_MUST;
/* The ledger as JSON {department, from, to, count, truncated, uses: [...]} (new reference). */
json_t *yc_seal_ledger_json(const struct yc_ledger *l, int32_t from, int32_t to);

#endif
