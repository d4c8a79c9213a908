/* h_letters.c - handlers of delegation letters (受理初审授权委托书) and the acceptance check. */
#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

int
h_letters_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept, grantee;
    int rc = yc_req_query_int(req, "department", 0, INT32_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "grantee", 0, INT32_MAX, 0, &grantee, err);
    }
    if (rc == 0) {
        rc = yc_svc_letter_list(&req->ctx, dept, grantee, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_letter_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"number", YC_F_STR, 1, 1, 64},
        {"department_id", YC_F_INT, 1, 1, INT32_MAX},
        {"grantee_id", YC_F_INT, 1, 1, INT32_MAX},
        {"matters", YC_F_STR_ARRAY, 1, 1, 2000},
        {"authorities", YC_F_STR_ARRAY, 1, 1, 2},
        {"valid_from", YC_F_STR, 1, 10, 10},
        {"valid_to", YC_F_STR, 1, 10, 10},
    };
    struct yc_letter_input in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.number = yc_json_str(body, "number", "");
    in.department_id = yc_json_int(body, "department_id", 0);
    in.grantee_id = yc_json_int(body, "grantee_id", 0);
    in.matters = json_object_get(body, "matters");
    in.authorities = json_object_get(body, "authorities");
    rc = yc_svc_parse_day(yc_json_str(body, "valid_from", ""), "valid_from", &in.valid_from, err);
    if (rc == 0) {
        rc = yc_svc_parse_day(yc_json_str(body, "valid_to", ""), "valid_to", &in.valid_to, err);
    }
    if (rc == 0) {
        rc = yc_svc_letter_create(&req->ctx, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_letter_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_letter_get(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_letter_revoke(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"reason", YC_F_STR, 1, 1, 200},
        {"date", YC_F_STR, 0, 10, 10},
    };
    json_t *body, *out = NULL;
    int64_t id;
    int32_t day = YC_NO_DAY;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    if (yc_json_str(body, "date", NULL)) {
        rc = yc_svc_parse_day(yc_json_str(body, "date", ""), "date", &day, err);
    }
    if (rc == 0) {
        rc = yc_svc_letter_revoke(&req->ctx, id, day, yc_json_str(body, "reason", ""), &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_letter_check(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t user, matter;
    int32_t day;
    int rc = yc_req_query_int(req, "user", 1, INT64_MAX, -1, &user, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "matter", 1, INT64_MAX, -1, &matter, err);
    }
    if (rc == 0) {
        rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);
    }
    if (rc == 0) {
        rc = yc_svc_letter_check(&req->ctx, user, matter, day, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_letters_uncovered(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int32_t day;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = yc_svc_letter_uncovered(&req->ctx, day, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}
