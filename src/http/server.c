/*
 * server.c - the HTTP server: libmicrohttpd with an epoll thread pool (one thread per core), a
 * database connection per pool thread, a request arena, the dispatcher that applies body limits,
 * sessions and CSRF before calling a route's handler, the access log, and a background ticker.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/str.h"
#include "http/h_queue.h"
#include "http/http.h"
#include "store/store.h"
#include "base/banned.h"

#define DEFAULT_MAX_BODY (1u << 20)

const struct yc_server_opts *yc_server_opts;
int64_t yc_server_started_ms;

/* ---- one database connection per pool thread ---- */

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct yc_db *conns[256];
static size_t nconns;
static _Thread_local struct yc_db *tl_db;

static int
thread_db(struct yc_db **out, struct yc_err *err)
{
    int rc;

    if (tl_db) {
        *out = tl_db;
        return 0;
    }
    rc = yc_db_open(yc_server_opts->db_url, &tl_db, err);
    if (rc) {
        err->status = YC_EUNAVAIL;
        return rc;
    }
    pthread_mutex_lock(&conns_lock);
    if (nconns < sizeof(conns) / sizeof(conns[0])) {
        conns[nconns++] = tl_db;
    }
    pthread_mutex_unlock(&conns_lock);
    *out = tl_db;
    return 0;
}

/* ---- request ids ---- */

static uint32_t id_nonce;
static atomic_uint_fast64_t id_counter;

static void
make_request_id(char out[20])
{
    uint64_t n = atomic_fetch_add(&id_counter, 1);
    snprintf(out, 20, "%08x%08x", id_nonce, (unsigned)(n & 0xffffffffu));
}

/* The id's first hex digit is a letter (a-f): an id of 11 or 15-18 leading digits would look like
 * a phone or ID number to the log scrubber and be masked in the access log. */
static uint32_t
make_id_nonce(uint32_t seed)
{
    return (seed & 0x0fffffffu) | ((0xau + (seed >> 28) % 6u) << 28);
}

/* ---- decoding the URL ---- */

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/*
 * libmicrohttpd's unescaping of the path and of each query argument (%HH in place), except that
 * %00 becomes the overlong "\xC0\x80": a NUL would silently cut the string short, while the
 * overlong form fails UTF-8 validation and is refused (bad_path in a path, bad_utf8 in a query).
 */
static size_t
unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    const char *r = s;
    char *w = s;

    (void)cls;
    (void)conn;
    while (*r) {
        int hi = r[0] == '%' ? hex_digit(r[1]) : -1;
        int lo = hi >= 0 ? hex_digit(r[2]) : -1;
        if (lo < 0) {
            *w++ = *r++;
        } else if (hi == 0 && lo == 0) {
            *w++ = '\xC0';
            *w++ = '\x80';
            r += 3;
        } else {
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

static enum MHD_Result
find_bad_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    const char **bad = cls;

    (void)kind;
    if (!yc_utf8_valid(key, strlen(key)) || (value && !yc_utf8_valid(value, strlen(value)))) {
        *bad = key;
        return MHD_NO;
    }
    return MHD_YES;
}

/* 0, or bad_utf8 naming the first query argument that is not valid UTF-8. */
static int
check_args(struct yc_req *req, struct yc_err *err)
{
    const char *bad = NULL;

    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, find_bad_arg, &bad);
    if (!bad) {
        return 0;
    }
    if (!yc_utf8_valid(bad, strlen(bad))) {
        return yc_fail(err, YC_EINVAL, "bad_utf8", NULL, "查询参数名不是有效的 UTF-8 编码");
    }
    return yc_fail(err, YC_EINVAL, "bad_utf8", bad, "参数 %s 不是有效的 UTF-8 编码", bad);
}

/* ---- routing ---- */

static enum yc_method
parse_method(const char *m)
{
    static const struct {
        const char *name;
        enum yc_method m;
    } table[] = {{"GET", YC_GET},     {"POST", YC_POST},     {"PUT", YC_PUT},
                 {"PATCH", YC_PATCH}, {"DELETE", YC_DELETE}, {"HEAD", YC_HEAD}};

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (strcmp(m, table[i].name) == 0) {
            return table[i].m;
        }
    }
    return 0;
}

static int
match(const char *pattern, const char *path, struct yc_req *req)
{
    const char *p = pattern;
    const char *s = path;

    req->nparams = 0;
    while (*p && *s) {
        if (p[0] == '{' && p[1] == '}') {
            const char *end = strchr(s, '/');
            size_t n = end ? (size_t)(end - s) : strlen(s);
            if (n == 0 || req->nparams == YC_MAX_PARAMS) {
                return 0;
            }
            req->params[req->nparams++] = yc_arena_strndup(&req->arena, s, n);
            s += n;
            p += 2;
            continue;
        }
        if (*p != *s) {
            return 0;
        }
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

/* The route for path; -1 unknown. *allowed collects the methods of routes whose path matches. */
static int
find_route(struct yc_req *req, unsigned *allowed)
{
    int found = -1;

    *allowed = 0;
    for (size_t i = 0; i < yc_routes_count; i++) {
        if (!match(yc_routes[i].pattern, req->path, req)) {
            continue;
        }
        *allowed |= yc_routes[i].methods;
        if ((yc_routes[i].methods & req->method) ||
            (req->method == YC_HEAD && (yc_routes[i].methods & YC_GET))) {
            found = (int)i;
            break;
        }
    }
    if (found >= 0) {
        match(yc_routes[found].pattern, req->path, req);
    }
    return found;
}

static const char *
allow_header(unsigned m)
{
    static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
    static _Thread_local char buf[64];
    size_t len = 0;

    buf[0] = '\0';
    for (int i = 0; i < 6; i++) {
        if (m & (1u << i)) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? ", " : "",
                                    names[i]);
        }
    }
    return buf;
}

static int
is_state_changing(enum yc_method m)
{
    return m == YC_POST || m == YC_PUT || m == YC_PATCH || m == YC_DELETE;
}

static int
check_session(struct yc_req *req, const struct yc_route *r, struct yc_err *err)
{
    const char *token =
        MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, "yc_session");
    const char *csrf;
    struct yc_err serr;
    int rc;

    if (!token || !*token) {
        if (r->flags & YC_R_PUBLIC) {
            return 0;
        }
        return yc_fail(err, YC_EUNAUTH, "unauthenticated", NULL, "请先登录");
    }
    rc = yc_svc_session_resolve(&req->ctx, token, &req->session, &serr);
    if (rc) {
        if ((r->flags & YC_R_PUBLIC) && serr.status == YC_EUNAUTH) {
            return 0; /* a stale cookie does not stop a public request */
        }
        *err = serr;
        return rc;
    }
    if (is_state_changing(req->method) && !(r->flags & YC_R_PUBLIC)) {
        csrf = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!csrf || !*csrf) {
            return yc_fail(err, YC_EFORBIDDEN, "csrf_missing", "X-CSRF-Token",
                           "缺少 X-CSRF-Token 请求头");
        }
        if (strlen(csrf) != strlen(req->session.csrf) ||
            !yc_ct_eq(csrf, req->session.csrf, strlen(csrf))) {
            return yc_fail(err, YC_EFORBIDDEN, "csrf_invalid", "X-CSRF-Token",
                           "X-CSRF-Token 与会话不符");
        }
    }
    return 0;
}

static int
dispatch_api(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const struct yc_route *r;
    unsigned allowed;
    int rc;

    req->route = find_route(req, &allowed);
    if (req->route < 0) {
        if (allowed) {
            yc_resp_header(resp, "Allow", yc_arena_strdup(&req->arena, allow_header(allowed)));
            return yc_fail(err, YC_EMETHOD, "method_not_allowed", NULL, "%s 不支持该请求方法",
                           req->path);
        }
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有这个接口：%s", req->path);
    }
    r = &yc_routes[req->route];
    if (req->body_too_big) {
        return yc_fail(err, YC_ETOOBIG, "body_too_large", NULL, "请求内容超过上限 %zu 字节",
                       req->max_body);
    }
    if (req->body.len > 0 && !(r->flags & YC_R_RAW) &&
        !yc_req_content_type_is(req, "application/json")) {
        return yc_fail(err, YC_EMEDIA, "unsupported_media_type", "Content-Type",
                       "请求内容应为 application/json");
    }
    rc = thread_db(&req->ctx.db, err);
    if (rc) {
        return rc;
    }
    rc = check_session(req, r, err);
    if (rc) {
        return rc;
    }
    return r->handler(req, resp, err);
}

/* ---- libmicrohttpd callbacks ---- */

static void
client_addr(struct MHD_Connection *conn, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

    yc_strlcpy(out, "-", n);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET) {
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
        } else if (sa->sa_family == AF_INET6) {
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
                      (socklen_t)n);
        }
    }
}

static struct yc_req *
req_new(struct MHD_Connection *conn, const char *url, const char *method)
{
    struct yc_req *req = yc_xcalloc(1, sizeof(*req));

    req->conn = conn;
    yc_arena_init(&req->arena);
    req->start_us = yc_clock_mono_us();
    make_request_id(req->id);
    req->method = parse_method(method);
    req->method_name = yc_arena_strndup(&req->arena, method, strnlen(method, 16));
    req->path = yc_arena_strdup(&req->arena, url);
    req->route = -1;
    req->max_body = DEFAULT_MAX_BODY;
    yc_buf_init(&req->body, req->max_body);
    client_addr(conn, req->addr, sizeof(req->addr));
    req->ctx.arena = &req->arena;
    req->ctx.addr = req->addr;
    req->ctx.session_hash = "";
    req->ctx.now_ms = yc_clock_now_ms();
    req->ctx.today = yc_clock_day_of_ms(req->ctx.now_ms);
    /* a route may allow a larger body (imports); find it now, before the body arrives */
    if (strncmp(url, "/api/", 5) == 0) {
        for (size_t i = 0; i < yc_routes_count; i++) {
            if (yc_routes[i].max_body && match(yc_routes[i].pattern, url, req)) {
                req->max_body = yc_routes[i].max_body;
                req->body.max = req->max_body;
            }
        }
    }
    return req;
}

static void
req_free(struct yc_req *req)
{
    yc_buf_release(&req->body);
    yc_arena_release(&req->arena);
    free(req);
}

static enum MHD_Result
queue(struct yc_req *req, struct yc_resp *resp)
{
    struct MHD_Response *mr;
    enum MHD_Result ret;

    mr = resp->stream ? resp->stream
                      : MHD_create_response_from_buffer(resp->len, (void *)resp->body,
                                                        resp->body_static ? MHD_RESPMEM_PERSISTENT
                                                                          : MHD_RESPMEM_MUST_COPY);
    if (!mr) {
        return MHD_NO;
    }
    MHD_add_response_header(mr, "Content-Type", resp->content_type);
    MHD_add_response_header(mr, "X-Request-Id", req->id);
    MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
    for (int i = 0; i < resp->nheaders; i++) {
        MHD_add_response_header(mr, resp->hname[i], resp->hvalue[i]);
    }
    ret = MHD_queue_response(req->conn, (unsigned)resp->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static void
handle(struct yc_req *req, struct yc_resp *resp)
{
    struct yc_err err;
    int rc;

    yc_err_clear(&err);
    /* no check of the method here: an unknown one (req->method 0) matches no route, so it gets a
     * 404, or a 405 with the Allow header, like any other wrong method */
    if (strstr(req->path, "\xC0\x80")) { /* a %00, see unescape() */
        rc = yc_fail(&err, YC_EINVAL, "bad_path", NULL, "非法路径：含有空字符");
    } else if (!yc_utf8_valid(req->path, strlen(req->path))) {
        rc = yc_fail(&err, YC_EINVAL, "bad_utf8", NULL, "请求路径不是有效的 UTF-8 编码");
    } else if (check_args(req, &err)) {
        rc = err.status;
    } else if (strncmp(req->path, "/api/", 5) == 0 || strcmp(req->path, "/api") == 0 ||
               strcmp(req->path, "/metrics") == 0) {
        rc = dispatch_api(req, resp, &err);
    } else {
        req->route = -2;
        rc = req->body_too_big ? yc_fail(&err, YC_ETOOBIG, "body_too_large", NULL,
                                         "请求内容超过上限 %zu 字节", req->max_body)
                               : yc_static_serve(req, resp, &err);
    }
    if (rc) {
        if (err.status == 0) {
            yc_fail(&err, YC_EINTERNAL, "internal", NULL, "内部错误");
        }
        yc_resp_error(req, resp, &err);
    }
}

static enum MHD_Result
access_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
               const char *version, const char *upload_data, size_t *upload_data_size,
               void **con_cls)
{
    struct yc_req *req = *con_cls;
    struct yc_resp resp;

    (void)cls;
    (void)version;
    if (!req) {
        /* first call: set up only. Queueing now would cost keep-alive (BENCH-ANCHORS.md). */
        *con_cls = req_new(conn, url, method);
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (req->body.len + *upload_data_size > req->max_body) {
            req->body_too_big = 1;
        } else {
            yc_buf_add(&req->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    memset(&resp, 0, sizeof(resp));
    handle(req, &resp);
    return queue(req, &resp);
}

static void
completed(void *cls, struct MHD_Connection *conn, void **con_cls,
          enum MHD_RequestTerminationCode toe)
{
    struct yc_req *req = *con_cls;
    const union MHD_ConnectionInfo *ci;
    int status = 0;
    int64_t us;

    (void)cls;
    (void)toe;
    if (!req) {
        return;
    }
    ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
    if (ci) {
        status = (int)ci->http_status;
    }
    us = yc_clock_mono_us() - req->start_us;
    yc_metrics_record(req->route, status, us);
    if (yc_server_opts->access_log) {
        yc_log(YC_LOG_INFO, "access %s %s %s %s %d %.2fms user=%s", req->id, req->addr,
               req->method_name, req->path, status, (double)us / 1000.0,
               req->ctx.user ? req->ctx.user->username : "-");
    }
    req_free(req);
    *con_cls = NULL;
}

/* ---- background ticker ---- */

static pthread_mutex_t tick_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t tick_cond = PTHREAD_COND_INITIALIZER;
static int tick_stop;

static void
tick_once(struct yc_db *db)
{
    struct yc_arena a;
    struct yc_ctx ctx = {0};
    struct yc_err err;
    int64_t purged = 0;

    yc_arena_init(&a);
    ctx.db = db;
    ctx.arena = &a;
    ctx.system = 1;
    ctx.addr = "";
    ctx.session_hash = "";
    ctx.now_ms = yc_clock_now_ms();
    ctx.today = yc_clock_day_of_ms(ctx.now_ms);
    if (yc_svc_cal_refresh(db, &err)) {
        yc_log(YC_LOG_WARN, "calendar refresh: %s", err.message);
    }
    if (yc_svc_session_purge(&ctx, &purged, &err)) {
        yc_log(YC_LOG_WARN, "session purge: %s", err.message);
    } else if (purged) {
        yc_log(YC_LOG_INFO, "purged %lld ended sessions", (long long)purged);
    }
    if (yc_svc_case_scan(&ctx, NULL, NULL, &err)) {
        yc_log(YC_LOG_WARN, "case scan: %s", err.message);
    }
    if (yc_svc_report_tick(&ctx, &err)) {
        yc_log(YC_LOG_WARN, "reports: %s", err.message);
    }
    yc_arena_release(&a);
}

static void *
ticker(void *arg)
{
    struct yc_db *db = NULL;
    struct yc_err err;

    (void)arg;
    pthread_mutex_lock(&tick_lock);
    while (!tick_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += yc_server_opts->tick_s;
        pthread_cond_timedwait(&tick_cond, &tick_lock, &until);
        if (tick_stop) {
            break;
        }
        pthread_mutex_unlock(&tick_lock);
        if (!db && yc_db_open(yc_server_opts->db_url, &db, &err)) {
            yc_log(YC_LOG_WARN, "ticker: %s", err.message);
            db = NULL;
        }
        if (db) {
            tick_once(db);
        }
        pthread_mutex_lock(&tick_lock);
    }
    pthread_mutex_unlock(&tick_lock);
    yc_db_close(db);
    return NULL;
}

/* ---- start and stop ---- */

static int
parse_listen(const char *s, struct sockaddr_in *sa)
{
    const char *colon = strrchr(s, ':');
    char host[64];
    int64_t port;

    if (!colon || (size_t)(colon - s) >= sizeof(host)) {
        return -1;
    }
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    if (yc_parse_i64(yc_str_c(colon + 1), 0, 65535, &port)) {
        return -1;
    }
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (strcmp(host, "localhost") == 0) {
        yc_strlcpy(host, "127.0.0.1", sizeof(host));
    }
    return inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) == 1 ? 0 : -1;
}

int
yc_http_serve(const struct yc_server_opts *opts)
{
    struct MHD_Daemon *d;
    struct sockaddr_in sa;
    pthread_t tick_thread;
    sigset_t set;
    unsigned threads = opts->threads;
    int sig = 0;

    yc_server_opts = opts;
    yc_server_started_ms = yc_clock_now_ms();
    id_nonce = make_id_nonce((uint32_t)getpid() ^ (uint32_t)yc_server_started_ms);
    if (parse_listen(opts->listen, &sa)) {
        yc_log(YC_LOG_ERROR, "bad --listen '%s': expected ADDR:PORT", opts->listen);
        return 2;
    }
    if (!threads) {
        /* Eight per core: a durable write parks its thread until the batch's fsync (group commit,
         * store/db_sqlite.c), and only requests on other threads can join the next batch. With one
         * thread per core, batches were 1.2 transactions on average; with 16 threads on 2 cores, 6
         * (bench/cases.sh). */
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)(n > 8 ? 64 : n * 8) : 16;
    }
    yc_static_load(opts->web_dir);

    /* the pool threads inherit this mask, so only sigwait below sees SIGINT and SIGTERM */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
                             MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
                         access_handler, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                         MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED,
                         completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)2000,
                         MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
                         MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!d) {
        yc_log(YC_LOG_ERROR, "cannot listen on %s: %s", opts->listen, strerror(errno));
        yc_static_free();
        return 1;
    }
    pthread_create(&tick_thread, NULL, ticker, NULL);
    if (yc_sse_start() != 0) {
        yc_log(YC_LOG_WARN, "display stream poller did not start");
    }
    yc_log(YC_LOG_INFO, "serving http://%s/ (%u threads, %s)", opts->listen, threads,
           strncmp(opts->db_url, "postgres", 8) == 0 ? "postgresql" : "sqlite");
    while (sigwait(&set, &sig) == 0 && sig != SIGINT && sig != SIGTERM) {
    }
    yc_log(YC_LOG_INFO, "stopping (signal %d)", sig);
    yc_sse_shutdown(); /* libmicrohttpd must not stop with a suspended stream */
    MHD_stop_daemon(d);
    yc_sse_stop();
    pthread_mutex_lock(&tick_lock);
    tick_stop = 1;
    pthread_cond_signal(&tick_cond);
    pthread_mutex_unlock(&tick_lock);
    pthread_join(tick_thread, NULL);
    pthread_mutex_lock(&conns_lock);
    for (size_t i = 0; i < nconns; i++) {
        yc_db_close(conns[i]);
    }
    nconns = 0;
    pthread_mutex_unlock(&conns_lock);
    yc_static_free();
    return 0;
}
