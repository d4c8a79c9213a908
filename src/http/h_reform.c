/* h_reform.c - handlers of the reform dashboard: each table as JSON, or as XLSX with ?format=xlsx.
 */
#include <string.h>

#include "base/date.h"
#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* 1 for ?format=xlsx, 0 for none or json; an error for anything else. */
static int
want_xlsx(struct yc_req *req, int *xlsx, struct yc_err *err)
{
    const char *f = yc_req_query(req, "format");

    *xlsx = 0;
    if (!f || !*f || strcmp(f, "json") == 0) {
        return 0;
    }
    if (strcmp(f, "xlsx") == 0) {
        *xlsx = 1;
        return 0;
    }
    return yc_fail(err, YC_EUNPROC, "field_invalid", "format", "参数 format 应为 json 或 xlsx");
}

static int
send_xlsx(struct yc_req *req, struct yc_resp *resp, struct yc_report *const *r, size_t n,
          const char *name, int32_t day, struct yc_err *err)
{
    const char *data;
    size_t len;
    char d[11];
    int rc = yc_report_xlsx(&req->arena, r, n, &data, &len, err);

    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    yc_resp_text(resp, 200, XLSX_TYPE, data, len);
    yc_resp_header(
        resp, "Content-Disposition",
        yc_arena_printf(&req->arena, "attachment; filename=\"reform-%s-%s.xlsx\"", name, d));
    yc_resp_header(resp, "Cache-Control", "no-store");
    return 0;
}

int
h_reform_summary(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_report *r[YC_REFORM__MAX];
    json_t *out = NULL;
    int32_t day;
    int xlsx;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = want_xlsx(req, &xlsx, err);
    }
    if (rc == 0 && !xlsx) {
        rc = yc_svc_reform_summary(&req->ctx, day, &out, err);
        return yc_resp_reply(req, resp, 200, rc, out);
    }
    for (int i = 0; rc == 0 && i < YC_REFORM__MAX; i++) {
        rc = yc_svc_reform_part(&req->ctx, (enum yc_reform_part)i, day, &r[i], err);
    }
    if (rc) {
        return rc;
    }
    return send_xlsx(req, resp, r, YC_REFORM__MAX, "dashboard", day, err);
}

int
h_reform_part(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_report *r;
    int part = -1;
    int32_t day;
    int xlsx;
    int rc;

    for (int i = 0; i < YC_REFORM__MAX; i++) {
        if (strcmp(req->params[0], yc_reform_part_names[i]) == 0) {
            part = i;
        }
    }
    if (part < 0) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL,
                       "没有报表 %s（可用：annex2、windows、share、uncovered、steps）",
                       req->params[0]);
    }
    rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);
    if (rc == 0) {
        rc = want_xlsx(req, &xlsx, err);
    }
    if (rc == 0) {
        rc = yc_svc_reform_part(&req->ctx, (enum yc_reform_part)part, day, &r, err);
    }
    if (rc) {
        return rc;
    }
    if (xlsx) {
        return send_xlsx(req, resp, &r, 1, yc_reform_part_names[part], day, err);
    }
    yc_resp_json(req, resp, 200, yc_report_json(r));
    return 0;
}

int
h_reform_step_set(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"status", YC_F_STR, 1, 1, 16},
        {"note", YC_F_STR, 0, 0, 500},
    };
    json_t *body, *out = NULL;
    int64_t seq;
    int rc = yc_req_param_id(req, 0, &seq, err);

    if (rc == 0 && seq > 99) {
        rc =
            yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有第 %lld 个实施步骤", (long long)seq);
    }
    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_svc_reform_step_set(&req->ctx, (int)seq, yc_json_str(body, "status", ""),
                                yc_json_str(body, "note", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}
