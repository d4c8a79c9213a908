/* h_account.c - handlers for health, sessions, the current user, users, departments and audit. */
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "http/handlers.h"
#include "http/http.h"
#include "store/store.h"
#include "base/banned.h"

#ifndef YC_VERSION
#define YC_VERSION "dev"
#endif

int
h_health(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int64_t version = 0;
    struct yc_err derr;
    /* one statement both proves the database answers and reads the schema version */
    int ok = yc_store_schema_version(req->ctx.db, &version, &derr) == 0;

    (void)err;
    yc_resp_json(req, resp, ok ? 200 : 503,
                 json_pack("{s:s, s:s, s:s, s:I, s:I}", "status", ok ? "ok" : "degraded", "db",
                           yc_db_kind_name(req->ctx.db), "version", YC_VERSION, "uptime_s",
                           (json_int_t)((yc_clock_now_ms() - yc_server_started_ms) / 1000),
                           "schema_version", (json_int_t)version));
    return 0;
}

/* The session, and the server's today in the centre's time zone: the day every clock counts from
 * (pinned by YC_FAKE_NOW in tests), so the UI never takes the browser's date for it. */
static json_t *
session_json(const struct yc_session *s, int32_t today)
{
    char exp[21], day[11];

    yc_clock_format_iso(s->expires_at, exp);
    yc_date_format(today, day);
    return json_pack("{s:o, s:s, s:s, s:s}", "user", yc_user_json(&s->user), "csrf_token",
                     s->csrf, "expires_at", exp, "today", day);
}

int
h_session_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"username", YC_F_STR, 1, 1, 64},
        {"password", YC_F_STR, 1, 1, 128},
    };
    /* in the arena: the request's context points at the user for the rest of the request */
    struct yc_login *login = yc_arena_alloc(&req->arena, sizeof(*login));
    json_t *in;
    int rc = YC_REQ_JSON(req, fields, &in, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_login(&req->ctx, yc_json_str(in, "username", ""), yc_json_str(in, "password", ""),
                      login, err);
    json_decref(in);
    if (rc) {
        return rc;
    }
    yc_resp_header(resp, "Set-Cookie",
                   yc_arena_printf(&req->arena,
                                   "yc_session=%s; Path=/; HttpOnly; SameSite=Strict; "
                                   "Max-Age=%lld%s",
                                   login->token, (long long)(YC_SESSION_MAX_MS / 1000),
                                   yc_server_opts->secure_cookies ? "; Secure" : ""));
    yc_resp_header(resp, "Cache-Control", "no-store");
    yc_resp_json(req, resp, 200, session_json(&login->session, req->ctx.today));
    return 0;
}

int
h_session_delete(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int rc = yc_svc_logout(&req->ctx, err);

    if (rc) {
        return rc;
    }
    yc_resp_header(resp, "Set-Cookie",
                   "yc_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    yc_resp_json(req, resp, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}

int
h_me(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int rc = yc_svc_allow(&req->ctx, YC_OP_SELF, err);

    if (rc) {
        return rc;
    }
    yc_resp_header(resp, "Cache-Control", "no-store");
    yc_resp_json(req, resp, 200, session_json(&req->session, req->ctx.today));
    return 0;
}

int
h_me_password(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    static const struct yc_field fields[] = {
        {"old_password", YC_F_STR, 1, 1, 128},
        {"new_password", YC_F_STR, 1, 1, 256},
    };
    json_t *in;
    int rc = YC_REQ_JSON(req, fields, &in, err);

    if (rc) {
        return rc;
    }
    rc = yc_svc_change_password(&req->ctx, yc_json_str(in, "old_password", ""),
                                yc_json_str(in, "new_password", ""), err);
    json_decref(in);
    if (rc) {
        return rc;
    }
    yc_resp_json(req, resp, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}

int
h_users_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_user *users;
    size_t n;
    json_t *arr;
    int rc = yc_svc_user_list(&req->ctx, &users, &n, err);

    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, yc_user_json(&users[i]));
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "users", arr));
    return 0;
}

static const struct yc_field user_fields_create[] = {
    {"username", YC_F_STR, 1, 1, 64},
    {"name", YC_F_STR, 1, 1, 64},
    {"password", YC_F_STR, 1, 1, 256},
    {"roles", YC_F_STR_ARRAY, 1, 1, 6},
    {"department_id", YC_F_INT, 0, 0, INT32_MAX},
};

static const struct yc_field user_fields_update[] = {
    {"name", YC_F_STR, 0, 1, 64},
    {"password", YC_F_STR, 0, 1, 256},
    {"roles", YC_F_STR_ARRAY, 0, 1, 6},
    {"department_id", YC_F_INT, 0, 0, INT32_MAX},
    {"disabled", YC_F_BOOL, 0, 0, 1},
};

int
h_users_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_user_input in = {0};
    struct yc_user out;
    json_t *body;
    int rc = YC_REQ_JSON(req, user_fields_create, &body, err);

    if (rc) {
        return rc;
    }
    in.username = yc_json_str(body, "username", "");
    in.name = yc_json_str(body, "name", "");
    in.password = yc_json_str(body, "password", "");
    in.roles = json_object_get(body, "roles");
    in.department_id = yc_json_int(body, "department_id", 0);
    in.disabled = 0;
    rc = yc_svc_user_create(&req->ctx, &in, &out, err);
    if (rc == 0) {
        yc_resp_json(req, resp, 201, json_pack("{s:o}", "user", yc_user_json(&out)));
    }
    json_decref(body);
    return rc;
}

int
h_users_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_user_input in = {0};
    struct yc_user out;
    json_t *body;
    int64_t id;
    int rc = yc_req_param_id(req, 0, &id, err);

    if (rc == 0) {
        rc = YC_REQ_JSON(req, user_fields_update, &body, err);
    }
    if (rc) {
        return rc;
    }
    in.name = yc_json_str(body, "name", NULL);
    in.password = yc_json_str(body, "password", NULL);
    in.roles = json_object_get(body, "roles");
    in.department_id = json_object_get(body, "department_id")
                           ? yc_json_int(body, "department_id", 0)
                           : -1;
    in.disabled = json_object_get(body, "disabled") ? yc_json_bool(body, "disabled", 0) : -1;
    rc = yc_svc_user_update(&req->ctx, id, &in, &out, err);
    if (rc == 0) {
        yc_resp_json(req, resp, 200, json_pack("{s:o}", "user", yc_user_json(&out)));
    }
    json_decref(body);
    return rc;
}

int
h_departments(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_dept *d;
    size_t n;
    json_t *arr;
    int rc = yc_svc_dept_list(&req->ctx, &d, &n, err);

    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)d[i].id,
                                             "name", d[i].name, "code", d[i].code, "uscc",
                                             d[i].uscc));
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "departments", arr));
    return 0;
}

int
h_audit_page(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_audit_entry *e;
    int64_t before, limit;
    size_t n;
    json_t *arr;
    int rc = yc_req_query_int(req, "before", 1, INT64_MAX, INT64_MAX, &before, err);

    if (rc == 0) {
        rc = yc_req_query_int(req, "limit", 1, 200, 50, &limit, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit_page(&req->ctx, before, (int)limit, &e, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char at[21];
        yc_clock_format_iso(e[i].at, at);
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)e[i].seq,
                           "at", at, "actor", e[i].actor, "action", e[i].action, "object",
                           e[i].object, "summary", e[i].summary, "prev_hash", e[i].prev_hash,
                           "hash", e[i].hash));
    }
    yc_resp_json(req, resp, 200, json_pack("{s:o}", "entries", arr));
    return 0;
}

int
h_audit_verify(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    int64_t entries, broken;
    const char *reason;
    int rc = yc_svc_audit_verify(&req->ctx, &entries, &broken, &reason, err);

    if (rc) {
        return rc;
    }
    if (broken) {
        yc_resp_json(req, resp, 200,
                     json_pack("{s:b, s:I, s:I, s:s}", "ok", 0, "entries", (json_int_t)entries,
                               "broken_seq", (json_int_t)broken, "reason", reason));
    } else {
        yc_resp_json(req, resp, 200,
                     json_pack("{s:b, s:I}", "ok", 1, "entries", (json_int_t)entries));
    }
    return 0;
}
