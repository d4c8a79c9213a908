/*
 * sse.c - the hall display's event stream (GET /api/display/stream, text/event-stream).
 *
 * No pool thread waits on a stream. Each stream is a libmicrohttpd response read through a
 * callback (MHD_create_response_from_callback): it hands over what is buffered for the stream,
 * or suspends the connection (MHD_suspend_connection) when there is nothing; the connection then
 * costs no thread and no polling until it is resumed.
 *
 * One poller thread per process, with its own database connection, reads the calls and recalls
 * numbered after the last it saw (queue_events.feed_seq, numbered in commit order by every server
 * process sharing the database) every 200 ms, or at once when a call of this process commits
 * (yc_svc_queue_set_notify), formats each event once, appends it to the buffer of every stream
 * whose zones it concerns and resumes the suspended ones. Every 3 s it sends the waiting counts,
 * every 15 s a heartbeat (which also finds streams whose client went away), every minute it
 * closes earlier days (tickets left waiting are abandoned).
 *
 * A reconnecting display sends Last-Event-ID: the calls after it are read from the database (and
 * from the ring of the last events fanned out, for those the poller sent out meanwhile) before
 * the stream joins the others.
 *
 * Locking: one mutex (hub.lock) guards the list of streams, their buffers and flags.
 * MHD_suspend_connection is called under it (from the reader, on its own connection), so a stream
 * marked suspended is suspended; MHD_resume_connection is called outside it, after the stream was
 * marked not suspended (a suspended connection is never read or closed by libmicrohttpd, so it
 * stays valid until resumed).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/json.h"
#include "base/log.h"
#include "base/str.h"
#include "http/h_queue.h"
#include "http/http.h"
#include "base/banned.h"

#define MAX_STREAMS    1000
#define STREAM_BUF_MAX (1u << 20) /* a client that falls this far behind is dropped */
#define POLL_MS        200
#define BATCH_MS       50 /* at most 20 fan-outs a second: calls arriving together go out together */
#define WAITING_MS     3000
#define HEARTBEAT_MS   15000
#define HOUSEKEEP_MS   60000
#define RING           256
#define REPLAY_MAX     200
#define FEED_BATCH     500
#define RECENT_CALLS   10

struct stream {
    struct stream *next, *prev;
    struct MHD_Connection *conn;
    uint32_t zones; /* bit (prefix - 'A'); 0: every zone */
    struct yc_buf buf;
    size_t off; /* bytes of buf already handed to libmicrohttpd */
    int suspended;
    int closed;
    int64_t last_seq;
};

struct ring_entry {
    int64_t seq;
    uint32_t zone;
    char *text;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct stream *head;
    size_t count;
    int started, stop, poke;
    int64_t last_seq; /* the last event fanned out */
    struct ring_entry ring[RING];
    size_t ring_next;
    pthread_t thread;
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

static uint32_t
zone_bit(const char *prefix)
{
    return prefix && prefix[0] >= 'A' && prefix[0] <= 'Z' ? 1u << (prefix[0] - 'A') : 0;
}

static int
wants(const struct stream *s, uint32_t zone)
{
    return s->zones == 0 || (s->zones & zone) != 0;
}

/* ---- formatting ---- */

static char *
event_text(const char *event, int64_t id, json_t *data)
{
    char *json = yc_json_dump(data, NULL);
    struct yc_buf b = YC_BUF_INIT(1u << 20);

    if (id > 0) {
        yc_buf_printf(&b, "id: %lld\n", (long long)id);
    }
    yc_buf_printf(&b, "event: %s\ndata: %s\n\n", event, json);
    free(json);
    json_decref(data);
    return yc_buf_detach(&b, NULL);
}

/* Append to a stream (under the lock); a stream too far behind is dropped. */
static void
push(struct stream *s, const char *text)
{
    if (s->closed) {
        return;
    }
    yc_buf_adds(&s->buf, text);
    if (s->buf.overflow) {
        s->closed = 1;
    }
}

/* ---- the response ---- */

static ssize_t
reader(void *cls, uint64_t pos, char *out, size_t max)
{
    struct stream *s = cls;
    ssize_t n = 0;

    (void)pos;
    pthread_mutex_lock(&hub.lock);
    if (s->buf.len > s->off && !s->buf.overflow) {
        size_t left = s->buf.len - s->off;
        n = (ssize_t)(left < max ? left : max);
        memcpy(out, s->buf.data + s->off, (size_t)n);
        s->off += (size_t)n;
        if (s->off == s->buf.len) {
            yc_buf_reset(&s->buf);
            s->off = 0;
        }
    } else if (s->closed) {
        n = MHD_CONTENT_READER_END_OF_STREAM;
    } else {
        s->suspended = 1;
        MHD_suspend_connection(s->conn);
    }
    pthread_mutex_unlock(&hub.lock);
    return n;
}

static void
unlink_stream(struct stream *s)
{
    if (s->prev) {
        s->prev->next = s->next;
    } else if (hub.head == s) {
        hub.head = s->next;
    }
    if (s->next) {
        s->next->prev = s->prev;
    }
    s->next = s->prev = NULL;
}

static void
stream_free(void *cls)
{
    struct stream *s = cls;

    pthread_mutex_lock(&hub.lock);
    unlink_stream(s);
    hub.count--;
    pthread_cond_broadcast(&hub.cond);
    pthread_mutex_unlock(&hub.lock);
    yc_buf_release(&s->buf);
    free(s);
}

/* Resume the streams marked in conns (outside the lock). */
static void
resume_all(struct MHD_Connection **conns, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        MHD_resume_connection(conns[i]);
    }
}

/* Under the lock: collect the suspended streams that have something to send or are closing. */
static size_t
collect_wakeups(struct MHD_Connection **conns, size_t max)
{
    size_t n = 0;

    for (struct stream *s = hub.head; s && n < max; s = s->next) {
        if (s->suspended && (s->buf.len > s->off || s->closed)) {
            s->suspended = 0;
            conns[n++] = s->conn;
        }
    }
    return n;
}

static void
wake(void)
{
    struct MHD_Connection **conns;
    size_t n;

    pthread_mutex_lock(&hub.lock);
    conns = yc_xcalloc(hub.count + 1, sizeof(struct MHD_Connection *));
    n = collect_wakeups(conns, hub.count + 1);
    pthread_mutex_unlock(&hub.lock);
    resume_all(conns, n);
    free(conns);
}

/* ---- the poller ---- */

static void
ring_put(int64_t seq, uint32_t zone, const char *text)
{
    struct ring_entry *e = &hub.ring[hub.ring_next];

    free(e->text);
    e->seq = seq;
    e->zone = zone;
    e->text = yc_xstrdup(text);
    hub.ring_next = (hub.ring_next + 1) % RING;
}

static void
fan_out_calls(struct yc_ctx *ctx)
{
    struct yc_qfeed *f;
    size_t n;
    struct yc_err err;

    do {
        if (yc_svc_display_after(ctx, hub.last_seq, FEED_BATCH, &f, &n, &err)) {
            yc_log(YC_LOG_WARN, "display feed: %s", err.message);
            return;
        }
        for (size_t i = 0; i < n; i++) {
            char *text = event_text(strcmp(f[i].kind, "recalled") == 0 ? "recall" : "call",
                                    f[i].seq, yc_display_call_json(&f[i]));
            uint32_t zone = zone_bit(f[i].zone_prefix);
            pthread_mutex_lock(&hub.lock);
            for (struct stream *s = hub.head; s; s = s->next) {
                if (wants(s, zone) && s->last_seq < f[i].seq) {
                    push(s, text);
                    s->last_seq = f[i].seq;
                }
            }
            ring_put(f[i].seq, zone, text);
            hub.last_seq = f[i].seq;
            pthread_mutex_unlock(&hub.lock);
            free(text);
        }
    } while (n == FEED_BATCH);
}

/* The zones of a stream's mask, from [{prefix, name, waiting}]. */
static json_t *
zones_of(json_t *zones, uint32_t mask)
{
    json_t *mine = json_array();
    size_t i;
    json_t *z;

    json_array_foreach(zones, i, z)
    {
        if (mask == 0 || (mask & zone_bit(json_string_value(json_object_get(z, "prefix"))))) {
            json_array_append(mine, z);
        }
    }
    return mine;
}

static char *
waiting_text(json_t *zones, uint32_t mask)
{
    return event_text("waiting", 0, json_pack("{s:o}", "zones", zones_of(zones, mask)));
}

static void
fan_out_waiting(struct yc_ctx *ctx)
{
    json_t *zones;
    struct yc_err err;
    uint32_t masks[16];
    char *texts[16];
    size_t nm = 0;

    if (yc_svc_display_waiting(ctx, &zones, &err)) {
        yc_log(YC_LOG_WARN, "display waiting counts: %s", err.message);
        return;
    }
    pthread_mutex_lock(&hub.lock);
    for (struct stream *s = hub.head; s; s = s->next) {
        size_t k;
        for (k = 0; k < nm && masks[k] != s->zones; k++) {
        }
        if (k == nm && nm < 16) {
            masks[nm] = s->zones;
            texts[nm++] = waiting_text(zones, s->zones);
        }
        if (k < nm) {
            push(s, texts[k]);
        }
    }
    pthread_mutex_unlock(&hub.lock);
    for (size_t k = 0; k < nm; k++) {
        free(texts[k]);
    }
    json_decref(zones);
}

static void
fan_out_text(const char *text)
{
    pthread_mutex_lock(&hub.lock);
    for (struct stream *s = hub.head; s; s = s->next) {
        push(s, text);
    }
    pthread_mutex_unlock(&hub.lock);
}

static void
housekeep(struct yc_ctx *ctx)
{
    struct yc_err err;
    int64_t n = 0;

    if (yc_svc_queue_close_days(ctx, &n, &err)) {
        yc_log(YC_LOG_WARN, "queue end of day: %s", err.message);
    } else if (n) {
        yc_log(YC_LOG_INFO, "queue: %lld tickets of earlier days abandoned", (long long)n);
    }
}

static void
ctx_init(struct yc_ctx *ctx, struct yc_db *db, struct yc_arena *a)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->db = db;
    ctx->arena = a;
    ctx->system = 1;
    ctx->addr = "";
    ctx->session_hash = "";
    ctx->now_ms = yc_clock_now_ms();
    ctx->today = yc_clock_day_of_ms(ctx->now_ms);
}

static void *
poller(void *arg)
{
    struct yc_db *db = NULL;
    struct yc_err err;
    int64_t next_waiting = 0, next_beat = 0, next_house = 0;
    int first = 1, stop;

    (void)arg;
    for (;;) {
        struct yc_arena a;
        struct yc_ctx ctx;
        struct timespec until;
        int64_t now;

        pthread_mutex_lock(&hub.lock);
        if (!hub.stop && !hub.poke && !first) {
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += POLL_MS * 1000000L;
            until.tv_sec += until.tv_nsec / 1000000000L;
            until.tv_nsec %= 1000000000L;
            pthread_cond_timedwait(&hub.cond, &hub.lock, &until);
        }
        hub.poke = 0;
        stop = hub.stop;
        pthread_mutex_unlock(&hub.lock);
        if (stop) {
            break;
        }
        if (!db && yc_db_open(yc_server_opts->db_url, &db, &err)) {
            yc_log(YC_LOG_WARN, "display poller: %s", err.message);
            db = NULL;
            continue;
        }
        yc_arena_init(&a);
        ctx_init(&ctx, db, &a);
        now = yc_clock_mono_us() / 1000;
        if (first) {
            int64_t last = 0;
            if (yc_svc_display_last(&ctx, &last, &err) == 0) {
                pthread_mutex_lock(&hub.lock);
                hub.last_seq = last;
                pthread_mutex_unlock(&hub.lock);
                first = 0;
            }
        } else {
            fan_out_calls(&ctx);
        }
        if (now >= next_waiting) {
            fan_out_waiting(&ctx);
            next_waiting = now + WAITING_MS;
        }
        if (now >= next_beat) {
            fan_out_text(": heartbeat\n\n");
            next_beat = now + HEARTBEAT_MS;
        }
        if (now >= next_house) {
            housekeep(&ctx);
            next_house = now + HOUSEKEEP_MS;
        }
        yc_arena_release(&a);
        wake();
        /* let the calls of the next moment gather: one write per stream carries them all */
        nanosleep(&(struct timespec){0, BATCH_MS * 1000000L}, NULL);
    }
    yc_db_close(db);
    return NULL;
}

static void
poke(void)
{
    pthread_mutex_lock(&hub.lock);
    hub.poke = 1;
    pthread_cond_broadcast(&hub.cond);
    pthread_mutex_unlock(&hub.lock);
}

int
yc_sse_start(void)
{
    if (pthread_create(&hub.thread, NULL, poller, NULL) != 0) {
        return -1;
    }
    hub.started = 1;
    yc_svc_queue_set_notify(poke);
    return 0;
}

void
yc_sse_shutdown(void)
{
    struct timespec until;

    pthread_mutex_lock(&hub.lock);
    hub.stop = 1;
    for (struct stream *s = hub.head; s; s = s->next) {
        s->closed = 1;
    }
    pthread_cond_broadcast(&hub.cond);
    pthread_mutex_unlock(&hub.lock);
    wake();
    /* give the streams a moment to end on their own (libmicrohttpd must not stop with a
     * suspended connection) */
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 2;
    pthread_mutex_lock(&hub.lock);
    while (hub.count > 0) {
        if (pthread_cond_timedwait(&hub.cond, &hub.lock, &until) != 0) {
            break;
        }
    }
    pthread_mutex_unlock(&hub.lock);
    wake();
}

void
yc_sse_stop(void)
{
    yc_svc_queue_set_notify(NULL);
    if (hub.started) {
        pthread_join(hub.thread, NULL);
        hub.started = 0;
    }
    for (size_t i = 0; i < RING; i++) {
        free(hub.ring[i].text);
        hub.ring[i].text = NULL;
    }
}

/* ---- the handler ---- */

static uint32_t
zones_mask(const char *list)
{
    uint32_t m = 0;

    for (const char *p = list; p && *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            m |= 1u << (*p - 'A');
        }
    }
    return m;
}

/* The snapshot, and the calls missed since Last-Event-ID (from the database). */
static int
stream_start(struct yc_req *req, struct stream *s, int64_t last_id, struct yc_err *err)
{
    struct yc_qfeed *f;
    size_t n;
    json_t *zones, *recent = json_array(), *snap;
    char *text;
    int rc = yc_svc_display_waiting(&req->ctx, &zones, err);

    if (rc == 0 && last_id < 0) {
        rc = yc_svc_display_recent(&req->ctx, 200, &f, &n, err);
        for (size_t i = 0; rc == 0 && i < n && json_array_size(recent) < RECENT_CALLS; i++) {
            if (wants(s, zone_bit(f[i].zone_prefix))) {
                json_array_append_new(recent, yc_display_call_json(&f[i]));
            }
        }
    }
    if (rc) {
        json_decref(recent);
        return rc;
    }
    yc_buf_adds(&s->buf, "retry: 3000\n\n");
    snap = json_pack("{s:o, s:o}", "zones", zones_of(zones, s->zones), "recent", recent);
    json_decref(zones);
    text = event_text("snapshot", 0, snap);
    yc_buf_adds(&s->buf, text);
    free(text);
    if (last_id >= 0) {
        s->last_seq = last_id;
        rc = yc_svc_display_after(&req->ctx, last_id, REPLAY_MAX, &f, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (yc_clock_day_of_ms(f[i].at) != req->ctx.today) {
                s->last_seq = f[i].seq; /* another day's calls are not replayed */
                continue;
            }
            if (wants(s, zone_bit(f[i].zone_prefix))) {
                text = event_text(strcmp(f[i].kind, "recalled") == 0 ? "recall" : "call", f[i].seq,
                                  yc_display_call_json(&f[i]));
                yc_buf_adds(&s->buf, text);
                free(text);
            }
            s->last_seq = f[i].seq;
        }
    }
    return rc;
}

/* Join the others: replay what the poller fanned out since (from the ring). */
static int
stream_join(struct stream *s, int replay, struct yc_err *err)
{
    int rc = 0;

    pthread_mutex_lock(&hub.lock);
    if (hub.stop || !hub.started) {
        rc = yc_fail(err, YC_EUNAVAIL, "unavailable", NULL, "服务器正在停止");
    } else if (hub.count >= MAX_STREAMS) {
        rc = yc_fail(err, YC_EUNAVAIL, "unavailable", NULL, "大屏连接数已达上限 %d", MAX_STREAMS);
    }
    if (rc == 0) {
        if (!replay) {
            s->last_seq = hub.last_seq;
        }
        for (size_t k = 0; k < RING; k++) {
            const struct ring_entry *e = &hub.ring[(hub.ring_next + k) % RING];
            if (e->text && e->seq > s->last_seq && wants(s, e->zone)) {
                push(s, e->text);
                s->last_seq = e->seq;
            }
        }
        s->next = hub.head;
        if (hub.head) {
            hub.head->prev = s;
        }
        hub.head = s;
        hub.count++;
    }
    pthread_mutex_unlock(&hub.lock);
    return rc;
}

int
h_display_stream(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const char *zone = yc_req_query(req, "zone");
    const char *last = yc_req_header(req, "Last-Event-ID");
    struct stream *s;
    struct MHD_Response *mr;
    int64_t last_id = -1;
    int rc = yc_svc_display_zones_check(&req->ctx, zone, err);

    if (rc) {
        return rc;
    }
    if (last && *last && yc_parse_i64(yc_str_c(last), 0, INT64_MAX, &last_id) != 0) {
        last_id = -1; /* not ours: start afresh */
    }
    s = yc_xcalloc(1, sizeof(*s));
    yc_buf_init(&s->buf, STREAM_BUF_MAX);
    s->conn = req->conn;
    s->zones = zone && strcmp(zone, "all") != 0 ? zones_mask(zone) : 0;
    rc = stream_start(req, s, last_id, err);
    if (rc == 0) {
        rc = stream_join(s, last_id >= 0, err);
    }
    if (rc) {
        yc_buf_release(&s->buf);
        free(s);
        return rc;
    }
    mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 * 1024, reader, s, stream_free);
    if (!mr) {
        stream_free(s);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "无法建立事件流");
    }
    resp->status = 200;
    resp->content_type = "text/event-stream; charset=utf-8";
    resp->stream = mr;
    yc_resp_header(resp, "Cache-Control", "no-cache");
    yc_resp_header(resp, "X-Accel-Buffering", "no");
    return 0;
}
