/* reqresp.c - request decoding helpers, response writers and the one status -> HTTP table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/json.h"
#include "base/str.h"
#include "http/http.h"
#include "base/banned.h"

static const struct {
    enum yc_status status;
    int http;
} http_of[] = {
    {YC_OK, 200},          {YC_EINVAL, 400},     {YC_EUNAUTH, 401},    {YC_EFORBIDDEN, 403},
    {YC_ENOTFOUND, 404},   {YC_EMETHOD, 405},    {YC_ECONFLICT, 409},  {YC_ETOOBIG, 413},
    {YC_EMEDIA, 415},      {YC_EUNPROC, 422},    {YC_ERATE, 429},      {YC_EINTERNAL, 500},
    {YC_EDB, 500},         {YC_EUNAVAIL, 503},
};

int
yc_status_http(enum yc_status s)
{
    for (size_t i = 0; i < sizeof(http_of) / sizeof(http_of[0]); i++) {
        if (http_of[i].status == s) {
            return http_of[i].http;
        }
    }
    return 500;
}

void
yc_resp_text(struct yc_resp *resp, int status, const char *content_type, const char *body,
             size_t len)
{
    resp->status = status;
    resp->content_type = content_type;
    resp->body = body;
    resp->len = len;
}

void
yc_resp_json(struct yc_req *req, struct yc_resp *resp, int status, json_t *v)
{
    size_t len;
    char *s = yc_json_dump(v, &len);
    char *copy = yc_arena_strndup(&req->arena, s, len);

    free(s);
    json_decref(v);
    yc_resp_text(resp, status, "application/json; charset=utf-8", copy, len);
}

int
yc_resp_reply(struct yc_req *req, struct yc_resp *resp, int status, int rc, json_t *out)
{
    if (rc == 0) {
        yc_resp_json(req, resp, status, out);
    } else if (out) {
        json_decref(out);
    }
    return rc;
}

void
yc_resp_header(struct yc_resp *resp, const char *name, const char *value)
{
    if (resp->nheaders < YC_MAX_HEADERS) {
        resp->hname[resp->nheaders] = name;
        resp->hvalue[resp->nheaders] = value;
        resp->nheaders++;
    }
}

void
yc_resp_error(struct yc_req *req, struct yc_resp *resp, const struct yc_err *err)
{
    json_t *e = json_pack("{s:{s:s, s:s, s:o}}", "error", "code", err->code, "message",
                          err->message, "field",
                          err->field[0] ? json_string(err->field) : json_null());

    if (err->retry_after_s > 0) {
        yc_resp_header(resp, "Retry-After", yc_arena_printf(&req->arena, "%d", err->retry_after_s));
    }
    if (err->status == YC_EUNAUTH) {
        yc_resp_header(resp, "Cache-Control", "no-store");
    }
    yc_resp_json(req, resp, yc_status_http(err->status), e);
}

const char *
yc_req_query(struct yc_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
yc_req_header(struct yc_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

int
yc_req_content_type_is(struct yc_req *req, const char *type)
{
    const char *ct = yc_req_header(req, "Content-Type");
    size_t n = strlen(type);

    if (!ct || strncasecmp(ct, type, n) != 0) {
        return 0;
    }
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

int
yc_req_json(struct yc_req *req, const struct yc_field *fields, size_t n, json_t **out,
            struct yc_err *err)
{
    int rc = yc_json_parse_object(req->body.data ? req->body.data : "", req->body.len, out, err);

    if (rc) {
        return rc;
    }
    rc = yc_json_check(*out, fields, n, err);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int
yc_req_query_date(struct yc_req *req, const char *name, int32_t *out, struct yc_err *err)
{
    const char *v = yc_req_query(req, name);

    if (!v || !*v) {
        return yc_fail(err, YC_EINVAL, "field_required", name, "缺少参数 %s（日期，YYYY-MM-DD）",
                       name);
    }
    if (yc_date_parse(v, strlen(v), out) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", name,
                       "参数 %s 应为有效日期 YYYY-MM-DD（1900–2199 年）", name);
    }
    return 0;
}

int
yc_req_query_int(struct yc_req *req, const char *name, int64_t min, int64_t max, int64_t dflt,
                 int64_t *out, struct yc_err *err)
{
    const char *v = yc_req_query(req, name);

    if (!v || !*v) {
        if (dflt < min) {
            return yc_fail(err, YC_EINVAL, "field_required", name, "缺少参数 %s（整数）", name);
        }
        *out = dflt;
        return 0;
    }
    if (yc_parse_i64(yc_str_c(v), min, max, out) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", name, "参数 %s 应为 %lld–%lld 的整数",
                       name, (long long)min, (long long)max);
    }
    return 0;
}

/* Where the applicant's online pages are: $YC_PUBLIC_URL, else this request's Host. */
const char *
yc_req_public_base(struct yc_req *req)
{
    const char *env = getenv("YC_PUBLIC_URL");
    const char *host = yc_req_header(req, "Host");

    if (env && *env) {
        size_t n = strlen(env);
        return yc_arena_strndup(&req->arena, env, env[n - 1] == '/' ? n - 1 : n);
    }
    if (!host || !*host || strlen(host) > 255 ||
        strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
            strlen(host)) {
        host = "localhost";
    }
    return yc_arena_printf(&req->arena, "%s://%s",
                           yc_server_opts && yc_server_opts->secure_cookies ? "https" : "http",
                           host);
}

int
yc_req_param_id(struct yc_req *req, int i, int64_t *out, struct yc_err *err)
{
    if (i >= req->nparams || yc_parse_i64(yc_str_c(req->params[i]), 1, INT64_MAX, out) != 0) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有这个对象：%s", req->path);
    }
    return 0;
}
