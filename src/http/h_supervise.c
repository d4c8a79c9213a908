/* h_supervise.c - handlers of supervision and evaluation: decode and validate ->
 * svc/supervise.h -> the JSON answer. */
#include <string.h>

#include "base/date.h"
#include "base/json.h"
#include "domain/case_clock.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

/* An optional date query parameter: YC_NO_DAY when absent. */
static int
query_day(struct yc_req *req, const char *name, int32_t *out, struct yc_err *err)
{
    const char *v = yc_req_query(req, name);

    *out = YC_NO_DAY;
    return v && *v ? yc_req_query_date(req, name, out, err) : 0;
}

static int
query_level(struct yc_req *req, int *level, struct yc_err *err)
{
    const char *v = yc_req_query(req, "level");

    *level = -1;
    if (!v || !*v) {
        return 0;
    }
    for (int l = 0; l < YC_CLOCK_LEVEL__MAX; l++) {
        if (strcmp(v, yc_clock_level_name((enum yc_clock_level)l)) == 0) {
            *level = l;
            return 0;
        }
    }
    return yc_fail(err, YC_EUNPROC, "field_invalid", "level",
                   "预警等级应为 none（正常）、warn（预警）、yellow（黄牌）或 red（红牌）");
}

/* ---- the board and the settings ---- */

int
h_sup_board(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_board_query q = {0};
    json_t *out = NULL;
    int64_t dept = 0, matter = 0, limit = 0;
    int rc = yc_req_query_int(req, "dept", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "matter", 0, INT64_MAX, 0, &matter, err);
    }
    if (rc == 0) {
        rc = yc_req_query_int(req, "limit", 1, 500, 200, &limit, err);
    }
    if (rc == 0) {
        rc = query_level(req, &q.level, err);
    }
    if (rc == 0) {
        q.department_id = dept;
        q.matter_id = matter;
        q.limit = (int)limit;
        q.drill = dept || matter || q.level >= 0;
        if (!q.drill) {
            const char *text;
            size_t len;
            rc = yc_svc_supervise_board_text(&req->ctx, &text, &len, err);
            if (rc == 0) {
                yc_resp_text(resp, 200, "application/json; charset=utf-8", text, len);
            }
            return rc;
        }
        rc = yc_svc_supervise_board(&req->ctx, &q, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_sup_config_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_supervise_config_get(&req->ctx, &out, err);

    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_sup_config_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"callback_days", YC_F_INT, 0, 1, 30},
        {"fix_days", YC_F_INT, 0, 1, 30},
        {"warn_days", YC_F_INT, 0, 0, 20},
        {"red_days", YC_F_INT, 0, 1, 30},
    };
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_supervise_config_put(&req->ctx, body, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* ---- supervision orders ---- */

int
h_orders_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept = 0, overdue = 0;
    int rc = yc_req_query_int(req, "dept", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "overdue", 0, 1, 0, &overdue, err);
    }
    if (rc == 0) {
        rc =
            yc_svc_order_list(&req->ctx, dept, yc_req_query(req, "state"), (int)overdue, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* case_ids: 1..100 positive integers into the arena. */
static int
case_ids_in(struct yc_req *req, const json_t *arr, int64_t **ids, size_t *n, struct yc_err *err)
{
    size_t i;
    json_t *v;

    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 100) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "case_ids",
                       "case_ids 应为 1 至 100 个办件编号（id）的数组");
    }
    *ids = yc_arena_alloc(&req->arena, json_array_size(arr) * sizeof(**ids));
    json_array_foreach(arr, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "case_ids",
                           "case_ids 的每一项应为正整数");
        }
        (*ids)[i] = json_integer_value(v);
    }
    *n = json_array_size(arr);
    return 0;
}

int
h_order_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"department_id", YC_F_INT, 1, 1, INT64_MAX},
        {"case_ids", YC_F_ANY, 1, 0, 0},
        {"text", YC_F_STR, 1, 1, 2000},
        {"reply_days", YC_F_INT, 1, 1, 30},
    };
    struct yc_order_in in = {0};
    int64_t *ids = NULL;
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = case_ids_in(req, json_object_get(body, "case_ids"), &ids, &in.ncases, err);
    if (rc == 0) {
        in.department_id = yc_json_int(body, "department_id", 0);
        in.case_ids = ids;
        in.text = yc_json_str(body, "text", "");
        in.reply_days = (int)yc_json_int(body, "reply_days", 0);
        rc = yc_svc_order_create(&req->ctx, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_order_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_order_get(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* A POST with one text field on an {id} path: the id, and the text (required or not). */
static int
id_and_text(struct yc_req *req, const char *name, int required, int64_t *id, json_t **body,
            struct yc_err *err)
{
    struct yc_field fields[] = {{name, YC_F_STR, required, required, 2000}};
    int rc = yc_req_param_id(req, 0, id, err);

    return rc ? rc : yc_req_json(req, fields, 1, body, err);
}

int
h_order_reply(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int64_t id;
    int rc = id_and_text(req, "text", 1, &id, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_order_reply(&req->ctx, id, yc_json_str(body, "text", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_order_close(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int64_t id;
    int rc = id_and_text(req, "note", 0, &id, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_order_close(&req->ctx, id, yc_json_str(body, "note", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* ---- ratings, rectifications, appeals ---- */

int
h_ratings_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_rating_query q = {0};
    json_t *out = NULL;
    int64_t dept = 0, bad = 0;
    int rc = yc_req_query_int(req, "dept", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "bad", 0, 1, 0, &bad, err);
    }
    if (rc == 0) {
        rc = query_day(req, "from", &q.from, err);
    }
    if (rc == 0) {
        rc = query_day(req, "to", &q.to, err);
    }
    if (rc == 0) {
        q.department_id = dept;
        q.bad_only = (int)bad;
        q.stage = yc_req_query(req, "stage");
        rc = yc_svc_rating_list(&req->ctx, &q, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_rating_appeal(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int64_t id;
    int rc = id_and_text(req, "reason", 1, &id, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_appeal_file(&req->ctx, id, yc_json_str(body, "reason", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_rects_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept = 0, missing = 0;
    int rc = yc_req_query_int(req, "dept", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "callback_missing", 0, 1, 0, &missing, err);
    }
    if (rc == 0) {
        rc = yc_svc_rect_list(&req->ctx, dept, yc_req_query(req, "state"), (int)missing, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_rect_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_rect_get(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_rect_callback(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *body, *out = NULL;
    int64_t id;
    int rc = id_and_text(req, "note", 1, &id, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_rect_callback(&req->ctx, id, yc_json_str(body, "note", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_rect_action(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"kind", YC_F_STR, 1, 1, 20},
        {"evidence", YC_F_STR, 1, 1, 2000},
        {"due", YC_F_STR, 0, 10, 10},
    };
    json_t *body, *out = NULL;
    int32_t due = YC_NO_DAY;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    if (yc_json_str(body, "due", NULL)) {
        rc = yc_svc_parse_day(yc_json_str(body, "due", ""), "due", &due, err);
    }
    if (rc == 0) {
        rc = yc_svc_rect_action(&req->ctx, id, yc_json_str(body, "kind", ""),
                                yc_json_str(body, "evidence", ""), due, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_appeals_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept = 0, pending = 0;
    int rc = yc_req_query_int(req, "dept", 0, INT64_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "pending", 0, 1, 0, &pending, err);
    }
    if (rc == 0) {
        rc = yc_svc_appeal_list(&req->ctx, dept, (int)pending, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_appeal_decide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"decision", YC_F_STR, 1, 1, 20},
        {"note", YC_F_STR, 0, 0, 2000},
    };
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_svc_appeal_decide(&req->ctx, id, yc_json_str(body, "decision", ""),
                              yc_json_str(body, "note", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* ---- the public rating page ---- */

int
h_rate_page(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    const char *t = yc_req_query(req, "t");
    int rc = t && *t ? 0
                     : yc_fail(err, YC_EINVAL, "field_required", "t",
                               "缺少评价码：请扫描办件通知书上的二维码或使用窗口评价器");

    if (rc == 0) {
        rc = yc_svc_rate_page(&req->ctx, req->params[0], t, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_rate(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"token", YC_F_STR, 1, 1, 64},         {"stage", YC_F_STR, 1, 1, 20},
        {"level", YC_F_INT, 1, 1, 5},          {"comment", YC_F_STR, 0, 0, 500},
        {"reason", YC_F_STR, 0, 0, 500},       {"channel", YC_F_STR, 1, 1, 10},
        {"real_name", YC_F_BOOL, 0, 0, 0},     {"rater_name", YC_F_STR, 0, 0, 50},
        {"rater_contact", YC_F_STR, 0, 0, 20}, {"rectification_id", YC_F_INT, 0, 1, INT64_MAX},
    };
    struct yc_rating_in in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.token = yc_json_str(body, "token", "");
    in.stage = yc_json_str(body, "stage", "");
    in.level = (int)yc_json_int(body, "level", 0);
    in.comment = yc_json_str(body, "comment", "");
    in.reason = yc_json_str(body, "reason", "");
    in.channel = yc_json_str(body, "channel", "");
    in.real_name = yc_json_bool(body, "real_name", 0);
    in.rater_name = yc_json_str(body, "rater_name", "");
    in.rater_contact = yc_json_str(body, "rater_contact", "");
    in.rectification_id = yc_json_int(body, "rectification_id", 0);
    rc = yc_svc_rate(&req->ctx, req->params[0], &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}
