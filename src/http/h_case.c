/* h_case.c - handlers of cases (办件): decode and validate -> svc/cases.h -> the JSON answer. */
#include <string.h>

#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

/* The checklist: [{name, status, commitment?, due?}] into the arena. */
static int
materials_in(struct yc_req *req, const json_t *arr, struct yc_case_material_in **out, size_t *n,
             struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"name", YC_F_STR, 1, 1, 200},
        {"status", YC_F_STR, 1, 1, 16},
        {"commitment", YC_F_STR, 0, 1, 500},
        {"due", YC_F_STR, 0, 10, 10},
    };
    size_t i;
    json_t *v;

    *n = 0;
    *out = NULL;
    if (!arr) {
        return 0;
    }
    if (!json_is_array(arr) || json_array_size(arr) > 200) {
        return yc_fail(err, YC_EINVAL, "field_type", "materials", "materials 应为不超过 200 项的数组");
    }
    *out = yc_arena_alloc(&req->arena, (json_array_size(arr) + 1) * sizeof(**out));
    json_array_foreach(arr, i, v) {
        struct yc_case_material_in *m = &(*out)[i];
        int rc = json_is_object(v) ? YC_JSON_CHECK(v, fields, err)
                                   : yc_fail(err, YC_EINVAL, "field_type", "materials",
                                             "materials 的每一项应为对象");
        if (rc) {
            return rc;
        }
        m->name = yc_json_str(v, "name", "");
        m->status = yc_json_str(v, "status", "");
        m->commitment = yc_json_str(v, "commitment", NULL);
        m->due_day = YC_NO_DAY;
        if (yc_json_str(v, "due", NULL)) {
            rc = yc_svc_parse_day(yc_json_str(v, "due", ""), "due", &m->due_day, err);
            if (rc) {
                return rc;
            }
        }
    }
    *n = json_array_size(arr);
    return 0;
}

int
h_case_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"matter_id", YC_F_INT, 1, 1, INT32_MAX},
        {"matter_version", YC_F_INT, 1, 1, 100000},
        {"applicant_kind", YC_F_STR, 1, 1, 10},
        {"applicant_name", YC_F_STR, 1, 1, 100},
        {"id_number", YC_F_STR, 1, 1, 30},
        {"override_reason", YC_F_STR, 0, 1, 200},
        {"phone", YC_F_STR, 0, 0, 20},
        {"legal_rep", YC_F_STR, 0, 0, 100},
        {"agent", YC_F_STR, 0, 0, 100},
        {"ticket_id", YC_F_INT, 0, 1, INT32_MAX},
        {"decision", YC_F_STR, 1, 1, 20},
        {"reason", YC_F_STR, 0, 1, 1000},
        {"other_agency", YC_F_STR, 0, 1, 100},
        {"materials", YC_F_ANY, 0, 0, 0},
    };
    struct yc_case_accept_in in = {0};
    struct yc_case_material_in *mats;
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    in.matter_id = yc_json_int(body, "matter_id", 0);
    in.matter_version = (int)yc_json_int(body, "matter_version", 0);
    in.applicant_kind = yc_json_str(body, "applicant_kind", "");
    in.applicant_name = yc_json_str(body, "applicant_name", "");
    in.id_number = yc_json_str(body, "id_number", "");
    in.override_reason = yc_json_str(body, "override_reason", NULL);
    in.phone = yc_json_str(body, "phone", "");
    in.legal_rep = yc_json_str(body, "legal_rep", "");
    in.agent = yc_json_str(body, "agent", "");
    in.ticket_id = yc_json_int(body, "ticket_id", 0);
    in.decision = yc_json_str(body, "decision", "");
    in.reason = yc_json_str(body, "reason", NULL);
    in.other_agency = yc_json_str(body, "other_agency", NULL);
    rc = materials_in(req, json_object_get(body, "materials"), &mats, &in.nmaterials, err);
    in.materials = mats;
    if (rc == 0) {
        rc = yc_svc_case_accept(&req->ctx, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 201, rc, out);
}

int
h_cases_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t inbox, limit = 0, before = 0;
    int rc = yc_req_query_int(req, "inbox", 0, 1, 0, &inbox, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "limit", 1, YC_CASE_PAGE_MAX, YC_CASE_PAGE_DEFAULT, &limit, err);
    }
    if (rc == 0) {
        rc = yc_req_query_int(req, "before", 1, INT64_MAX, INT64_MAX, &before, err);
    }
    if (rc == 0) {
        struct yc_case_list_in in = {.inbox = (int)inbox,
                                     .state = yc_req_query(req, "state"),
                                     .limit = (int)limit,
                                     .before = before};

        rc = yc_svc_case_list(&req->ctx, &in, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = yc_svc_case_get(&req->ctx, id, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_event(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"event", YC_F_STR, 1, 1, 40},
        {"reason", YC_F_STR, 0, 1, 1000},
        {"version", YC_F_INT, 0, 1, INT64_MAX},
        {"kind", YC_F_STR, 0, 1, 40},
        {"seal_id", YC_F_INT, 0, 1, INT32_MAX},
        {"document", YC_F_STR, 0, 1, 200},
        {"sha256", YC_F_STR, 0, 64, 64},
        {"channel", YC_F_STR, 0, 1, 10},
        {"tracking_no", YC_F_STR, 0, 1, 40},
        {"certificate_no", YC_F_STR, 0, 1, 64},
        {"certificate_name", YC_F_STR, 0, 1, 100},
        {"departments", YC_F_ANY, 0, 0, 0},
        {"days", YC_F_INT, 0, 1, 45},
    };
    struct yc_case_event_in in = {0};
    int64_t *depts = NULL;
    json_t *body, *out = NULL;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, fields, &body, err);
    }
    if (rc) {
        return rc;
    }
    in.event = yc_json_str(body, "event", "");
    in.reason = yc_json_str(body, "reason", NULL);
    in.version = yc_json_int(body, "version", 0);
    in.kind = yc_json_str(body, "kind", NULL);
    in.seal_id = yc_json_int(body, "seal_id", 0);
    in.document = yc_json_str(body, "document", NULL);
    in.sha256 = yc_json_str(body, "sha256", NULL);
    in.channel = yc_json_str(body, "channel", NULL);
    in.tracking_no = yc_json_str(body, "tracking_no", NULL);
    in.certificate_no = yc_json_str(body, "certificate_no", NULL);
    in.certificate_name = yc_json_str(body, "certificate_name", NULL);
    in.days = (int)yc_json_int(body, "days", 0);
    rc = yc_case_dept_ids(req, json_object_get(body, "departments"), &depts, &in.ndepartments, err);
    in.departments = depts;
    if (rc == 0) {
        rc = yc_svc_case_event(&req->ctx, id, &in, &out, err);
    }
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_public(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    json_t *out = NULL;
    const char *id4 = yc_req_query(req, "id4");
    int rc = id4 ? 0
                 : yc_fail(err, YC_EINVAL, "field_required", "id4", "请输入证件号码的后 4 位");

    if (rc == 0) {
        rc = yc_svc_case_public(&req->ctx, req->params[0], id4, &out, err);
    }
    return yc_resp_reply(req, resp, 200, rc, out);
}

int
h_case_public_withdraw(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"id_number", YC_F_STR, 1, 1, 18},
        {"reason", YC_F_STR, 1, 1, 1000},
    };
    json_t *body, *out = NULL;
    int rc = YC_REQ_JSON(req, fields, &body, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_case_public_withdraw(&req->ctx, req->params[0], yc_json_str(body, "id_number", ""),
                                     yc_json_str(body, "reason", ""), &out, err);
    json_decref(body);
    return yc_resp_reply(req, resp, 200, rc, out);
}
