/*
 * http.h - the libmicrohttpd adapter: requests, responses, the route table and handlers.
 *
 * A request owns an arena freed when it completes; handlers allocate from it and never free.
 * A handler reads top to bottom: decode and validate -> call the service -> write the response.
 * It returns 0 with the response set, or a negative status with err set; the dispatcher turns that
 * into the one error shape {"error":{"code","message","field"}}.
 */
#ifndef YC_HTTP_H
#define YC_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/err.h"
#include "base/mem.h"
#include "svc/svc.h"

#define YC_MAX_PARAMS 4
#define YC_MAX_HEADERS 8

enum yc_method { YC_GET = 1, YC_POST = 2, YC_PUT = 4, YC_PATCH = 8, YC_DELETE = 16, YC_HEAD = 32 };

struct yc_resp {
    int status;
    const char *content_type;
    const char *body; /* arena or static */
    size_t len;
    int body_static;  /* MHD may reference body without copying */
    const char *hname[YC_MAX_HEADERS];
    const char *hvalue[YC_MAX_HEADERS];
    int nheaders;
    struct MHD_Response *stream; /* a streamed response (sse.c) used instead of body */
};

struct yc_req {
    struct MHD_Connection *conn;
    struct yc_arena arena;
    enum yc_method method;
    const char *method_name;
    const char *path;
    struct yc_buf body;
    size_t max_body;
    int body_too_big;
    char id[20];
    int64_t start_us;
    int route; /* index in the route table, -1 unknown, -2 static */
    const char *params[YC_MAX_PARAMS];
    int nparams;
    struct yc_ctx ctx;
    struct yc_session session;
    char addr[64];
};

typedef int (*yc_handler)(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

enum yc_route_flags {
    YC_R_PUBLIC = 1, /* no session needed (a session, when present, is still resolved) */
    YC_R_RAW = 2,    /* the body is not JSON (e.g. text/csv) */
};

struct yc_route {
    unsigned methods;
    const char *pattern; /* "/api/users/{}" : {} matches one segment */
    yc_handler handler;
    unsigned flags;
    size_t max_body; /* 0: the default, 1 MiB */
};

extern const struct yc_route yc_routes[];
extern const size_t yc_routes_count;

/* Response helpers (all memory from the request arena). */
void yc_resp_json(struct yc_req *req, struct yc_resp *resp, int status, json_t *v); /* steals v */
void yc_resp_text(struct yc_resp *resp, int status, const char *content_type, const char *body,
                  size_t len);
void yc_resp_header(struct yc_resp *resp, const char *name, const char *value);
/* The end of a handler: on rc == 0 answer `out` (stolen) with status, else drop it; returns rc. */
int yc_resp_reply(struct yc_req *req, struct yc_resp *resp, int status, int rc, json_t *out);
void yc_resp_error(struct yc_req *req, struct yc_resp *resp, const struct yc_err *err);
int yc_status_http(enum yc_status s);

/* Request helpers. */
const char *yc_req_query(struct yc_req *req, const char *name);
const char *yc_req_header(struct yc_req *req, const char *name);
/* 1 when the Content-Type's media type is `type` (case-insensitive; parameters such as
 * "; charset=utf-8" allowed), else 0: "application/jsonx" is not "application/json". */
int yc_req_content_type_is(struct yc_req *req, const char *type);
/* Parse the JSON body and check it against a field table. */
int yc_req_json(struct yc_req *req, const struct yc_field *fields, size_t n, json_t **out,
                struct yc_err *err) YC_MUST;
#define YC_REQ_JSON(req, table, out, err) yc_req_json((req), (table), sizeof(table) / sizeof((table)[0]), (out), (err))
/* A query parameter as a date (YYYY-MM-DD) or bounded integer; errors name the parameter. */
int yc_req_query_date(struct yc_req *req, const char *name, int32_t *out, struct yc_err *err) YC_MUST;
int yc_req_query_int(struct yc_req *req, const char *name, int64_t min, int64_t max, int64_t dflt,
                     int64_t *out, struct yc_err *err) YC_MUST;
/* Where the applicant's online pages are (guide and case QR codes): $YC_PUBLIC_URL without a
 * trailing slash, else http(s)://<this request's Host> (a malformed Host gives localhost). */
const char *yc_req_public_base(struct yc_req *req);
/* The path parameter i as an id (positive integer). */
int yc_req_param_id(struct yc_req *req, int i, int64_t *out, struct yc_err *err) YC_MUST;

/* Static files (static.c). */
int yc_static_load(const char *dir);
void yc_static_free(void);
int yc_static_serve(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* Metrics (metrics.c). */
void yc_metrics_record(int route, int status, int64_t duration_us);
int h_metrics(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* Server options and entry point (server.c). */
struct yc_server_opts {
    const char *listen;  /* "127.0.0.1:8080" */
    const char *db_url;
    const char *web_dir;
    unsigned threads;    /* 0: one per core */
    int secure_cookies;
    int access_log;
    int tick_s;          /* background work every tick_s seconds */
};

extern const struct yc_server_opts *yc_server_opts;
extern int64_t yc_server_started_ms;

int yc_http_serve(const struct yc_server_opts *opts);

#endif
