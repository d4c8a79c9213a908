/* h_tablet.c - handlers of the window's evaluation tablet (h_tablet.h). The device key travels in
 * the X-Tablet-Key header only: never in a path or query, so never in an access log. */
#include "http/handlers.h"
#include "base/banned.h"

#define KEY_HEADER "X-Tablet-Key"

int
h_tablet_enrol(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_tablet_enrol(&req->ctx, id, &out, err);
    }
    if (rc == 0) {
        yc_resp_header(resp, "Cache-Control", "no-store");
    }
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_tablet_revoke(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_tablet_revoke(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_tablet_now(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_tablet_now(&req->ctx, yc_req_header(req, KEY_HEADER), &out, err);

    yc_resp_header(resp, "Cache-Control", "no-store");
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_tablet_rate(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"number", YC_F_STR, 1, 1, 40},     {"stage", YC_F_STR, 1, 1, 20},
        {"level", YC_F_INT, 1, 1, 5},       {"comment", YC_F_STR, 0, 0, 500},
        {"reason", YC_F_STR, 0, 0, 500},    {"real_name", YC_F_BOOL, 0, 0, 0},
        {"rater_name", YC_F_STR, 0, 0, 50}, {"rater_contact", YC_F_STR, 0, 0, 20},
    };
    struct yc_rating_in in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.stage = yc_json_str(body, "stage", "");
    in.level = (int)yc_json_int(body, "level", 0);
    in.comment = yc_json_str(body, "comment", "");
    in.reason = yc_json_str(body, "reason", "");
    in.real_name = yc_json_bool(body, "real_name", 0);
    in.rater_name = yc_json_str(body, "rater_name", "");
    in.rater_contact = yc_json_str(body, "rater_contact", "");
    rc = yc_svc_tablet_rate(&req->ctx, yc_req_header(req, KEY_HEADER),
                            yc_json_str(body, "number", ""), &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}
