/* h_hall.c - handlers of the hall (floors, zones, windows, duty), back-office posts, leave, seals.
 */
#include <string.h>

#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

int
yc_hall_query_day(struct yc_req *req, const char *name, int32_t dflt, int32_t *out,
                  struct yc_err *err)
{
    const char *v = yc_req_query(req, name);

    if (!v || !*v) {
        *out = dflt;
        return 0;
    }
    return yc_req_query_date(req, name, out, err);
}

/* A field that may be absent (-1), null (0: none) or an id. */
static int64_t
opt_id(const json_t *body, const char *key)
{
    const json_t *v = json_object_get(body, key);

    if (!v) {
        return -1;
    }
    return json_is_null(v) ? 0 : (int64_t)json_integer_value(v);
}

static int
opt_bool(const json_t *body, const char *key)
{
    return json_object_get(body, key) && !json_is_null(json_object_get(body, key))
               ? yc_json_bool(body, key, 0)
               : -1;
}

/* ---- the hall ---- */

int
h_hall_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_hall_get(&req->ctx, &out, err);

    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_floor_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"number", YC_F_INT, 1, -5, 99},
        {"name", YC_F_STR, 1, 1, 32},
    };
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_floor_create(&req->ctx, (int)yc_json_int(body, "number", 0),
                             yc_json_str(body, "name", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

static const struct yc_field zone_fields[] = {
    {"floor_id", YC_F_INT, 1, 1, INT32_MAX},
    {"name", YC_F_STR, 1, 1, 32},
    {"kind", YC_F_STR, 1, 1, 32},
    {"prefix", YC_F_STR, 1, 1, 4},
};

static const struct yc_field zone_fields_update[] = {
    {"floor_id", YC_F_INT, 0, 1, INT32_MAX},
    {"name", YC_F_STR, 0, 1, 32},
    {"kind", YC_F_STR, 0, 1, 32},
    {"prefix", YC_F_STR, 0, 1, 4},
};

static void
zone_input(const json_t *body, struct yc_zone_input *in)
{
    in->floor_id = yc_json_int(body, "floor_id", 0);
    in->name = yc_json_str(body, "name", NULL);
    in->kind = yc_json_str(body, "kind", NULL);
    in->prefix = yc_json_str(body, "prefix", NULL);
}

int
h_zone_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_zone_input in;
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, zone_fields, &body, err);

    if (rc) {
        return rc;
    }
    zone_input(body, &in);
    rc = yc_svc_zone_create(&req->ctx, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_zone_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_zone_input in;
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, zone_fields_update, &body, err);
    }
    if (rc) {
        return rc;
    }
    zone_input(body, &in);
    rc = yc_svc_zone_update(&req->ctx, id, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

static const struct yc_field window_fields[] = {
    {"number", YC_F_STR, 1, 1, 16},
    {"zone_id", YC_F_INT, 1, 1, INT32_MAX},
    {"window_class", YC_F_STR, 0, 1, 32},
    {"unit", YC_F_STR, 0, 0, 64},
    {"department_id", YC_F_INT, 0, 1, INT32_MAX},
    {"new_entrant", YC_F_BOOL, 0, 0, 1},
    {"active", YC_F_BOOL, 0, 0, 1},
};

static const struct yc_field window_fields_update[] = {
    {"number", YC_F_STR, 0, 1, 16},
    {"zone_id", YC_F_INT, 0, 1, INT32_MAX},
    {"window_class", YC_F_STR, 0, 1, 32},
    {"unit", YC_F_STR, 0, 0, 64},
    {"department_id", YC_F_INT, 0, 1, INT32_MAX},
    {"new_entrant", YC_F_BOOL, 0, 0, 1},
    {"active", YC_F_BOOL, 0, 0, 1},
};

static void
window_input(const json_t *body, struct yc_window_input *in)
{
    in->number = yc_json_str(body, "number", NULL);
    in->zone_id = yc_json_int(body, "zone_id", 0);
    in->window_class = yc_json_str(body, "window_class", NULL);
    in->unit = yc_json_str(body, "unit", NULL);
    in->department_id = opt_id(body, "department_id");
    in->new_entrant = opt_bool(body, "new_entrant");
    in->active = opt_bool(body, "active");
}

int
h_window_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_window_input in;
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, window_fields, &body, err);

    if (rc) {
        return rc;
    }
    window_input(body, &in);
    rc = yc_svc_window_create(&req->ctx, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_window_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_window_get(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_window_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_window_input in;
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, window_fields_update, &body, err);
    }
    if (rc) {
        return rc;
    }
    window_input(body, &in);
    rc = yc_svc_window_update(&req->ctx, id, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_window_serves(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"matters", YC_F_STR_ARRAY, 0, 0, 5000},
        {"zones", YC_F_STR_ARRAY, 0, 0, 26},
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
    rc = yc_svc_window_serves(&req->ctx, id, json_object_get(body, "matters"),
                              json_object_get(body, "zones"), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* ---- duty ---- */

int
h_duty_assign(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"user_id", YC_F_INT, 1, 1, INT32_MAX},
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
        rc = yc_svc_duty_assign(&req->ctx, id, yc_json_int(body, "user_id", 0), day, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_duty_remove(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int64_t id;
    int32_t day;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_hall_query_day(req, "date", YC_NO_DAY, &day, err);
    }
    if (rc == 0) {
        rc = yc_svc_duty_remove(&req->ctx, id, day, err);
    }
    return yc_resp_reply(req, resp, 200, rc, json_pack("{s:b}", "ok", 1));
}

int
h_duty_day(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int32_t day;
    int rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);

    if (rc == 0) {
        rc = yc_svc_duty_day(&req->ctx, day, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

/* ---- posts and leave ---- */

int
h_posts_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept;
    int rc = yc_req_query_int(req, "department", 0, INT32_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_svc_post_list(&req->ctx, dept, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

static const struct yc_field post_fields[] = {
    {"department_id", YC_F_INT, 1, 1, INT32_MAX}, {"name", YC_F_STR, 1, 1, 64},
    {"zone_id", YC_F_INT, 0, 1, INT32_MAX},       {"resident", YC_F_BOOL, 0, 0, 1},
    {"a_user_id", YC_F_INT, 1, 1, INT32_MAX},     {"b_user_id", YC_F_INT, 1, 1, INT32_MAX},
};

static const struct yc_field post_fields_update[] = {
    {"name", YC_F_STR, 0, 1, 64},
    {"zone_id", YC_F_INT, 0, 1, INT32_MAX},
    {"resident", YC_F_BOOL, 0, 0, 1},
    {"a_user_id", YC_F_INT, 0, 1, INT32_MAX},
    {"b_user_id", YC_F_INT, 0, 1, INT32_MAX},
};

static void
post_input(const json_t *body, struct yc_post_input *in)
{
    in->department_id = yc_json_int(body, "department_id", 0);
    in->name = yc_json_str(body, "name", NULL);
    in->zone_id = opt_id(body, "zone_id");
    in->resident = opt_bool(body, "resident");
    in->a_user_id = yc_json_int(body, "a_user_id", 0);
    in->b_user_id = yc_json_int(body, "b_user_id", 0);
}

int
h_post_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_post_input in;
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, post_fields, &body, err);

    if (rc) {
        return rc;
    }
    post_input(body, &in);
    rc = yc_svc_post_create(&req->ctx, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_post_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_post_input in;
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, post_fields_update, &body, err);
    }
    if (rc) {
        return rc;
    }
    post_input(body, &in);
    rc = yc_svc_post_update(&req->ctx, id, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_post_acting(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int32_t day;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_hall_query_day(req, "date", req->ctx.today, &day, err);
    }
    if (rc == 0) {
        rc = yc_svc_post_acting_json(&req->ctx, id, day, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_post_handovers(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_post_handovers(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_leaves_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t user;
    int rc = yc_req_query_int(req, "user", 0, INT32_MAX, 0, &user, err);

    if (rc == 0) {
        rc = yc_svc_leave_list(&req->ctx, user, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_leave_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"user_id", YC_F_INT, 1, 1, INT32_MAX},
        {"from", YC_F_STR, 1, 10, 10},
        {"to", YC_F_STR, 1, 10, 10},
        {"reason", YC_F_STR, 1, 1, 200},
    };
    json_t *body, *out = NULL;
    int32_t from, to;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_parse_day(yc_json_str(body, "from", ""), "from", &from, err);
    if (rc == 0) {
        rc = yc_svc_parse_day(yc_json_str(body, "to", ""), "to", &to, err);
    }
    if (rc == 0) {
        rc = yc_svc_leave_create(&req->ctx, yc_json_int(body, "user_id", 0), from, to,
                                 yc_json_str(body, "reason", ""), &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

/* ---- seals ---- */

int
h_seals_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t dept;
    int rc = yc_req_query_int(req, "department", 0, INT32_MAX, 0, &dept, err);

    if (rc == 0) {
        rc = yc_svc_seal_list(&req->ctx, dept, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_seal_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"department_id", YC_F_INT, 1, 1, INT32_MAX},
        {"name", YC_F_STR, 1, 2, 64},
        {"code", YC_F_STR, 1, 1, 32},
        {"keeper_id", YC_F_INT, 0, 1, INT32_MAX},
        {"published_on", YC_F_STR, 0, 10, 10},
    };
    struct yc_seal_input in = {0};
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.department_id = yc_json_int(body, "department_id", 0);
    in.name = yc_json_str(body, "name", "");
    in.code = yc_json_str(body, "code", "");
    in.keeper_id = yc_json_int(body, "keeper_id", 0);
    in.published_on = YC_NO_DAY;
    if (yc_json_str(body, "published_on", NULL)) {
        rc = yc_svc_parse_day(yc_json_str(body, "published_on", ""), "published_on",
                              &in.published_on, err);
    }
    if (rc == 0) {
        rc = yc_svc_seal_create(&req->ctx, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_seal_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"name", YC_F_STR, 0, 2, 64},
        {"keeper_id", YC_F_INT, 0, 1, INT32_MAX},
        {"published_on", YC_F_STR, 0, 10, 10},
        {"status", YC_F_STR, 0, 1, 16},
    };
    struct yc_seal_input in = {0};
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    in.name = yc_json_str(body, "name", NULL);
    in.keeper_id = opt_id(body, "keeper_id");
    in.status = yc_json_str(body, "status", NULL);
    in.published_on = YC_NO_DAY;
    if (yc_json_str(body, "published_on", NULL)) {
        rc = yc_svc_parse_day(yc_json_str(body, "published_on", ""), "published_on",
                              &in.published_on, err);
    }
    if (rc == 0) {
        rc = yc_svc_seal_update(&req->ctx, id, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}
