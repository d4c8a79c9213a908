/* h_case_rules.c - handlers of the case rules (svc/case_rules.c): decode and validate -> the
 * service -> the JSON answer. */
#include <string.h>

#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

int
yc_case_dept_ids(struct yc_req *req, const json_t *arr, int64_t **out, size_t *n,
                 struct yc_err *err)
{
    size_t i;
    json_t *v;

    *out = NULL;
    *n = 0;
    if (!arr) {
        return 0;
    }
    if (!json_is_array(arr) || json_array_size(arr) > YC_CASE_TASKS_MAX) {
        return yc_fail(err, YC_EINVAL, "field_type", "departments",
                       "departments 应为不超过 %d 个部门编号的数组", YC_CASE_TASKS_MAX);
    }
    *out = yc_arena_alloc(&req->arena, (json_array_size(arr) + 1) * sizeof(**out));
    json_array_foreach(arr, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            return yc_fail(err, YC_EINVAL, "field_type", "departments",
                           "departments 的每一项应为部门编号（正整数）");
        }
        (*out)[i] = (int64_t)json_integer_value(v);
    }
    *n = json_array_size(arr);
    return 0;
}

int
h_case_task_event(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"event", YC_F_STR, 1, 1, 20},
        {"opinion", YC_F_STR, 0, 0, 1000},
    };
    struct yc_case_task_event_in in = {0};
    json_t *body = NULL, *out = NULL;
    int64_t id, tid;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_req_param_id(req, 1, &tid, err);
    }
    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    in.event = yc_json_str(body, "event", "");
    in.opinion = yc_json_str(body, "opinion", NULL);
    rc = yc_svc_case_task_event(&req->ctx, id, tid, &in, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_material_receive(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id, seq;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_req_param_id(req, 1, &seq, err);
    }
    if (rc == 0 && seq > 1000) {
        rc = yc_fail(err, YC_ENOTFOUND, "material_not_found", NULL, "没有第 %lld 项材料",
                     (long long)seq);
    }
    if (rc == 0) {
        rc = yc_svc_case_material_receive(&req->ctx, id, (int)seq, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_joint_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_joint_list(&req->ctx, &out, err);

    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_joint_set(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"departments", YC_F_ANY, 1, 0, 0},
    };
    json_t *body = NULL, *out = NULL;
    int64_t id, *ids;
    size_t n;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_case_dept_ids(req, json_object_get(body, "departments"), &ids, &n, err);
    if (rc == 0) {
        rc = yc_svc_joint_set(&req->ctx, id, ids, n, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_policy_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = yc_svc_case_policy_get(&req->ctx, &out, err);

    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_policy_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"ab_idle_days", YC_F_INT, 0, 1, 20},
        {"explain_days", YC_F_INT, 0, 1, 30},
        {"task_days", YC_F_INT, 0, 1, 45},
    };
    json_t *body = NULL, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_case_policy_put(&req->ctx, body, &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}
