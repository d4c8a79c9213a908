/* h_calendar.c - handlers for working-day questions, the calendar and identity checks. */
#include <string.h>

#include "base/date.h"
#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

int
h_workdays_add(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int32_t from, end;
    int64_t n;
    char a[11], b[11];
    int rc = yc_req_query_date(req, "date", &from, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "n", 0, 3650, -1, &n, err);
    }
    if (rc == 0) {
        rc = yc_svc_workdays_add(&req->ctx, from, (int)n, &end, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(from, a);
    yc_date_format(end, b);
    yc_resp_json(req, resp, 200, json_pack("{s:s, s:I, s:s}", "date", a, "n", (json_int_t)n, "end", b));
    return 0;
}

int
h_workdays_between(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int32_t from, to;
    int n;
    char a[11], b[11];
    int rc = yc_req_query_date(req, "from", &from, err);

    if (rc == 0) {
        rc = yc_req_query_date(req, "to", &to, err);
    }
    if (rc == 0) {
        rc = yc_svc_workdays_between(&req->ctx, from, to, &n, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(from, a);
    yc_date_format(to, b);
    yc_resp_json(req, resp, 200, json_pack("{s:s, s:s, s:i}", "from", a, "to", b, "workdays", n));
    return 0;
}

int
h_workdays_is(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int32_t day;
    int is_work;
    char d[11];
    int rc = yc_req_query_date(req, "date", &day, err);

    if (rc == 0) {
        rc = yc_svc_workdays_is(&req->ctx, day, &is_work, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    yc_resp_json(req, resp, 200, json_pack("{s:s, s:s}", "date", d, "kind", is_work ? "work" : "off"));
    return 0;
}

int
h_calendar_year(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int64_t year;
    json_t *out;
    int rc = yc_req_query_int(req, "year", 1900, 2199, -1, &year, err);

    if (rc == 0) {
        rc = yc_svc_cal_year(&req->ctx, (int)year, &out, err);
    }
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, out);
    return 0;
}

int
h_calendar_import(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int years[32];
    size_t nyears, entries;
    json_t *arr;
    int rc;

    if (!yc_req_content_type_is(req, "text/csv")) {
        return yc_fail(err, YC_EMEDIA, "unsupported_media_type", "Content-Type",
                       "请以 text/csv 上传节假日日历");
    }
    rc = yc_svc_cal_import(&req->ctx, req->body.data ? req->body.data : "", req->body.len, years,
                           32, &nyears, &entries, err);
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < nyears; i++) {
        json_array_append_new(arr, json_integer(years[i]));
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o, s:I}", "years", arr, "entries", (json_int_t)entries));
    return 0;
}

int
h_check_id(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {{"number", YC_F_STR, 1, 1, 64}};
    json_t *in, *out;
    int rc = YC_REQ_JSON(req, fields, &in, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_check_id(&req->ctx, yc_json_str(in, "number", ""), &out, err);
    json_decref(in);
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, out);
    return 0;
}

int
h_check_uscc(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {{"code", YC_F_STR, 1, 1, 64}};
    json_t *in, *out;
    int rc = YC_REQ_JSON(req, fields, &in, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_check_uscc(&req->ctx, yc_json_str(in, "code", ""), &out, err);
    json_decref(in);
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, out);
    return 0;
}
