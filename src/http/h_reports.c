/* h_reports.c - handlers of the supervision reports: decode the period and the format, call the
 * report's use case, answer its JSON or render it (XLSX, PDF) - the same document every time. */
#include <string.h>

#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

enum format { F_JSON, F_XLSX, F_PDF };

static int
format_of(struct yc_req *req, enum format *f, struct yc_err *err)
{
    const char *v = yc_req_query(req, "format");

    *f = F_JSON;
    if (!v || !*v || strcmp(v, "json") == 0) {
        return 0;
    }
    if (strcmp(v, "xlsx") == 0) {
        *f = F_XLSX;
        return 0;
    }
    if (strcmp(v, "pdf") == 0) {
        *f = F_PDF;
        return 0;
    }
    return yc_fail(err, YC_EUNPROC, "field_invalid", "format",
                   "参数 format 应为 json、xlsx 或 pdf");
}

static void
args_of(struct yc_req *req, struct yc_report_args *a)
{
    a->period = yc_req_query(req, "period");
    a->year = yc_req_query(req, "year");
    a->from = yc_req_query(req, "from");
    a->to = yc_req_query(req, "to");
}

/* The report in the format asked for; steals out. */
static int
send_report(struct yc_req *req, struct yc_resp *resp, enum format f, json_t *out, struct yc_err *err)
{
    const char *data;
    size_t len;
    int rc;

    if (f == F_JSON) {
        yc_resp_json(req, resp, 200, out);
        return 0;
    }
    rc = f == F_XLSX ? yc_report_render_xlsx(&req->arena, out, &data, &len, err)
                     : yc_report_render_pdf(&req->arena, out, &data, &len, err);
    if (rc == 0) {
        const char *name = yc_report_file_name(&req->arena, out, f == F_XLSX ? "xlsx" : "pdf");
        yc_resp_text(resp, 200, f == F_XLSX ? XLSX_TYPE : "application/pdf", data, len);
        yc_resp_header(resp, "Content-Disposition",
                       yc_arena_printf(&req->arena, "%s; filename=\"%s\"",
                                       f == F_XLSX ? "attachment" : "inline", name));
        yc_resp_header(resp, "Cache-Control", "no-store");
    }
    json_decref(out);
    return rc;
}

static int
live_of(struct yc_req *req, int *live, struct yc_err *err)
{
    const char *v = yc_req_query(req, "live");

    *live = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    if (v && *v && !*live && strcmp(v, "0") != 0 && strcmp(v, "false") != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "live", "参数 live 应为 1 或 0");
    }
    return 0;
}

static int
report(struct yc_req *req, struct yc_resp *resp, enum yc_report_kind kind, struct yc_err *err)
{
    struct yc_report_args a;
    struct yc_period p;
    enum format f;
    json_t *out = NULL;
    int workdays, live = 0;
    int rc = format_of(req, &f, err);

    if (rc == 0) {
        rc = live_of(req, &live, err);
    }
    args_of(req, &a);
    if (rc == 0) {
        rc = yc_svc_allow(&req->ctx, YC_OP_REPORT_READ, err);
    }
    if (rc == 0) {
        rc = yc_svc_report_period(&req->ctx, kind, &a, &p, &workdays, err);
    }
    if (rc == 0) {
        switch (kind) {
        case YC_REPORT_HALF_MONTHLY:
            rc = yc_svc_report_half_monthly(&req->ctx, &p, live, &out, err);
            break;
        case YC_REPORT_SCORECARD:
            rc = yc_svc_report_scorecard(&req->ctx, &p, &out, err);
            break;
        default:
            rc = yc_svc_report_targets(&req->ctx, &p, &out, err);
            break;
        }
    }
    return rc ? rc : send_report(req, resp, f, out, err);
}

int
h_report_half_monthly(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    return report(req, resp, YC_REPORT_HALF_MONTHLY, err);
}

int
h_report_scorecard(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    return report(req, resp, YC_REPORT_SCORECARD, err);
}

int
h_report_targets(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    return report(req, resp, YC_REPORT_TARGETS, err);
}

static int
trace(struct yc_req *req, struct yc_resp *resp, enum yc_report_kind kind, struct yc_err *err)
{
    struct yc_report_args a;
    struct yc_period p;
    json_t *out = NULL;
    int64_t limit = 0, offset = 0;
    int workdays;
    int rc = yc_req_query_int(req, "limit", 1, YC_REPORT_TRACE_LIMIT, 200, &limit, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "offset", 0, 10000000, 0, &offset, err);
    }
    args_of(req, &a);
    if (rc == 0) {
        rc = yc_svc_allow(&req->ctx, YC_OP_REPORT_READ, err);
    }
    if (rc == 0) {
        rc = yc_svc_report_period(&req->ctx, kind, &a, &p, &workdays, err);
    }
    if (rc == 0) {
        rc = yc_svc_report_trace(&req->ctx, &p, yc_req_query(req, "dept"),
                                 yc_req_query(req, "metric"), (int)limit, (int)offset, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_report_half_monthly_cases(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    return trace(req, resp, YC_REPORT_HALF_MONTHLY, err);
}

int
h_report_scorecard_cases(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    return trace(req, resp, YC_REPORT_SCORECARD, err);
}
