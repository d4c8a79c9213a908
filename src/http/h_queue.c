/* h_queue.c - handlers of the hall queue: decode and validate, call the use case, answer. */
#include <string.h>

#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

static int
reply(struct yc_req *req, struct yc_resp *resp, int status, int rc, json_t *out)
{
    return yc_resp_reply(req, resp, status, rc, out);
}

/* A body that may be empty (actions without arguments). */
static int
optional_body(struct yc_req *req, const struct yc_field *fields, size_t n, json_t **out,
              struct yc_err *err)
{
    if (req->body.len == 0) {
        *out = json_object();
        return 0;
    }
    return yc_req_json(req, fields, n, out, err);
}

/* A query parameter: NULL when absent or empty. */
static const char *
query(struct yc_req *req, const char *name)
{
    const char *v = yc_req_query(req, name);

    return v && *v ? v : NULL;
}

static const char *
param(struct yc_req *req, int i)
{
    return i < req->nparams ? req->params[i] : "";
}

/* ---- public ---- */

int
h_public_queue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_queue_public(&req->ctx, &out, err);

    return reply(req, resp, 200, rc, out);
}

static const struct yc_field public_ticket_fields[] = {
    {"zone", YC_F_STR, 0, 1, 4},
    {"matter", YC_F_STR, 0, 1, 64},
    {"phone", YC_F_STR, 0, 1, 20},
    {"channel", YC_F_STR, 0, 1, 16},
};

int
h_public_ticket_issue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_ticket_input in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, public_ticket_fields, &body, err);

    if (rc) {
        return rc;
    }
    in.zone = yc_json_str(body, "zone", NULL);
    in.matter = yc_json_str(body, "matter", NULL);
    in.phone = yc_json_str(body, "phone", NULL);
    in.channel = yc_json_str(body, "channel", NULL);
    in.public_request = 1;
    rc = yc_svc_ticket_issue(&req->ctx, &in, &out, err);
    json_decref(body);
    return reply(req, resp, 201, rc, out);
}

int
h_public_ticket_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_ticket_public(&req->ctx, param(req, 0), &out, err);

    return reply(req, resp, 200, rc, out);
}

int
h_public_slots(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int32_t day;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = yc_svc_slots_day(&req->ctx, day, query(req, "zone"), query(req, "matter"), &out, err);
    }
    return reply(req, resp, 200, rc, out);
}

static const struct yc_field book_fields[] = {
    {"zone", YC_F_STR, 0, 1, 4},  {"matter", YC_F_STR, 0, 1, 64}, {"date", YC_F_STR, 1, 10, 10},
    {"start", YC_F_STR, 1, 1, 5}, {"phone", YC_F_STR, 1, 1, 20},
};

int
h_public_appt_book(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int32_t day;
    int rc = YC_REQ_JSON(req, book_fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_parse_day(yc_json_str(body, "date", ""), "date", &day, err);
    if (rc == 0) {
        rc = yc_svc_appt_book(
            &req->ctx, yc_json_str(body, "zone", NULL), yc_json_str(body, "matter", NULL), day,
            yc_json_str(body, "start", ""), yc_json_str(body, "phone", ""), &out, err);
    }
    json_decref(body);
    return reply(req, resp, 201, rc, out);
}

int
h_public_appt_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_appt_get(&req->ctx, param(req, 0), &out, err);

    return reply(req, resp, 200, rc, out);
}

int
h_public_appt_cancel(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_appt_cancel(&req->ctx, param(req, 0), &out, err);

    return reply(req, resp, 200, rc, out);
}

int
h_public_appt_checkin(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_appt_checkin(&req->ctx, param(req, 0), &out, err);

    return reply(req, resp, 201, rc, out);
}

/* ---- tickets (staff) ---- */

static const struct yc_field ticket_fields[] = {
    {"zone", YC_F_STR, 0, 1, 4},   {"matter", YC_F_STR, 0, 1, 64},
    {"class", YC_F_STR, 0, 1, 16}, {"green_reason", YC_F_STR, 0, 1, 31},
    {"phone", YC_F_STR, 0, 1, 20},
};

int
h_qticket_issue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_ticket_input in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, ticket_fields, &body, err);

    if (rc) {
        return rc;
    }
    in.zone = yc_json_str(body, "zone", NULL);
    in.matter = yc_json_str(body, "matter", NULL);
    in.cls = yc_json_str(body, "class", NULL);
    in.green_reason = yc_json_str(body, "green_reason", NULL);
    in.phone = yc_json_str(body, "phone", NULL);
    rc = yc_svc_ticket_issue(&req->ctx, &in, &out, err);
    json_decref(body);
    return reply(req, resp, 201, rc, out);
}

int
h_qticket_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int32_t day;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = yc_svc_ticket_list(&req->ctx, day, query(req, "zone"), query(req, "state"), &out, err);
    }
    return reply(req, resp, 200, rc, out);
}

int
h_qticket_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_ticket_get(&req->ctx, id, &out, err);
    }
    return reply(req, resp, 200, rc, out);
}

static const struct yc_field reason_fields[] = {
    {"reason", YC_F_STR, 0, 1, 200},
};

int
h_qticket_abandon(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body = NULL, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = optional_body(req, reason_fields, 1, &body, err);
    }
    if (rc == 0) {
        rc = yc_svc_ticket_abandon(&req->ctx, id, yc_json_str(body, "reason", NULL), &out, err);
    }
    json_decref(body);
    return reply(req, resp, 200, rc, out);
}

/* ---- windows ---- */

int
h_qwindow_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_window_state(&req->ctx, id, &out, err);
    }
    return reply(req, resp, 200, rc, out);
}

int
h_qwindow_mine(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_my_window(&req->ctx, &out, err);

    return reply(req, resp, 200, rc, out);
}

static const struct {
    const char *name;
    enum yc_qaction action;
} actions[] = {
    {"open", YC_QA_OPEN},         {"call", YC_QA_CALL},   {"recall", YC_QA_RECALL},
    {"no-show", YC_QA_NO_SHOW},   {"start", YC_QA_START}, {"finish", YC_QA_FINISH},
    {"transfer", YC_QA_TRANSFER}, {"pause", YC_QA_PAUSE}, {"resume", YC_QA_RESUME},
    {"close", YC_QA_CLOSE},
};

static const struct yc_field action_fields[] = {
    {"reason", YC_F_STR, 0, 1, 200},
    {"zone", YC_F_STR, 0, 1, 4},
    {"window", YC_F_STR, 0, 1, 16},
};

int
h_qwindow_action(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_qaction_input in;
    json_t *body = NULL, *out = NULL;
    int64_t id;
    size_t i;
    int rc = yc_req_param_id(req, 0, &id, err);

    for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
        if (strcmp(param(req, 1), actions[i].name) == 0) {
            break;
        }
    }
    if (rc == 0 && i == sizeof(actions) / sizeof(actions[0])) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有这个接口：%s", req->path);
    }
    if (rc == 0) {
        rc = optional_body(req, action_fields, sizeof(action_fields) / sizeof(action_fields[0]),
                           &body, err);
    }
    if (rc == 0) {
        in.reason = yc_json_str(body, "reason", NULL);
        in.zone = yc_json_str(body, "zone", NULL);
        in.window = yc_json_str(body, "window", NULL);
        rc = yc_svc_window_action(&req->ctx, id, actions[i].action, &in, &out, err);
    }
    json_decref(body);
    return reply(req, resp, 200, rc, out);
}

/* ---- supervision and configuration ---- */

int
h_qboard(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_queue_board(&req->ctx, &out, err);

    return reply(req, resp, 200, rc, out);
}

int
h_qstats(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int32_t day;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = yc_svc_queue_stats(&req->ctx, day, query(req, "zone"), query(req, "window"),
                                query(req, "staff"), &out, err);
    }
    return reply(req, resp, 200, rc, out);
}

int
h_qpolicy_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_queue_policy_get(&req->ctx, &out, err);

    return reply(req, resp, 200, rc, out);
}

static const struct yc_field policy_fields[] = {
    {"max_extra_wait_s", YC_F_INT, 0, 0, 86400}, {"green_bonus_s", YC_F_INT, 0, 0, 86400},
    {"appt_bonus_s", YC_F_INT, 0, 0, 86400},     {"appt_late_grace_s", YC_F_INT, 0, 0, 86400},
    {"green_reasons", YC_F_STR_ARRAY, 0, 0, 16},
};

int
h_qpolicy_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, policy_fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_queue_policy_put(&req->ctx, body, &out, err);
    json_decref(body);
    return reply(req, resp, 200, rc, out);
}

int
h_qslots_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    const char *zone = query(req, "zone");
    int rc = zone ? yc_svc_slots_get(&req->ctx, zone, &out, err)
                  : yc_fail(err, YC_EINVAL, "field_required", "zone", "缺少参数 zone");

    return reply(req, resp, 200, rc, out);
}

static const struct yc_field slots_fields[] = {
    {"zone", YC_F_STR, 1, 1, 4},
    {"matter", YC_F_STR, 0, 1, 64},
    {"slots", YC_F_ANY, 1, 0, 0},
};

int
h_qslots_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, slots_fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_slots_put(&req->ctx, yc_json_str(body, "zone", ""),
                          yc_json_str(body, "matter", NULL), json_object_get(body, "slots"), &out,
                          err);
    json_decref(body);
    return reply(req, resp, 200, rc, out);
}
