/*
 * h_case_docs.c - handlers of a case's documents: a notice as an inline PDF with its SHA-256 in
 * X-Content-SHA256, and the seal ledger as JSON (svc/case_docs.h).
 */
#include <string.h>

#include "base/date.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

/* RFC 5987 ext-value of a UTF-8 file name: UTF-8'' then every byte outside attr-char as %XX. */
static const char *
ext_value(struct yc_arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char attr[] = "!#$&+-.^_`|~";
    size_t n = strlen(s), k = 0;
    char *out = yc_arena_alloc(a, 3 * n + 8);

    memcpy(out, "UTF-8''", 7);
    k = 7;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            (c && strchr(attr, c))) {
            out[k++] = (char)c;
        } else {
            out[k++] = '%';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        }
    }
    out[k] = '\0';
    return out;
}

int
h_case_notice(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_case_notice n;
    int64_t id, round;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "round", 0, 1000, 0, &round, err);
    }
    if (rc == 0) {
        rc = yc_svc_case_notice(&req->ctx, id, req->params[1], (int)round, yc_req_public_base(req),
                                &n, err);
    }
    if (rc) {
        return rc;
    }
    /* an ASCII name for old clients, the Chinese one (受理通知书-….pdf) for the rest */
    yc_resp_header(resp, "Content-Disposition",
                   yc_arena_printf(&req->arena,
                                   "inline; filename=\"notice-%s-%s.pdf\"; filename*=%s",
                                   req->params[1], n.doc_no, ext_value(&req->arena, n.filename)));
    yc_resp_header(resp, "X-Content-SHA256", yc_arena_strdup(&req->arena, n.sha256));
    yc_resp_header(resp, "Cache-Control", "no-store");
    yc_resp_text(resp, 200, "application/pdf", n.pdf, n.len);
    return 0;
}

int
h_seal_uses(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_ledger_query q = {0};
    struct yc_ledger l;
    int y, m, d;
    int rc = 0;

    q.dept = yc_req_query(req, "dept");
    q.limit = 2000;
    /* default: today, from the first of its month */
    q.to = req->ctx.today;
    if (yc_req_query(req, "to")) {
        rc = yc_req_query_date(req, "to", &q.to, err);
    }
    yc_date_to_ymd(q.to, &y, &m, &d);
    q.from = yc_date_from_ymd(y, m, 1);
    if (rc == 0 && yc_req_query(req, "from")) {
        rc = yc_req_query_date(req, "from", &q.from, err);
    }
    if (rc == 0) {
        rc = yc_svc_seal_ledger(&req->ctx, &q, &l, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, yc_seal_ledger_json(&l, q.from, q.to));
    return 0;
}
