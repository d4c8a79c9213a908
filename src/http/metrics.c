/*
 * metrics.c - Prometheus counters: requests by route and status, a latency histogram, and the
 * database's error count. Lock-free: relaxed atomic adds on fixed arrays.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "store/db.h"
#include "base/banned.h"

#define MAX_ROUTES 128
#define SLOT_UNKNOWN 0 /* route -1: unknown path under /api */
#define SLOT_STATIC 1  /* route -2: static files */
#define SLOT_BASE 2

static const int statuses[] = {200, 201, 204, 304, 400, 401, 403, 404,
                               405, 409, 413, 415, 422, 429, 500, 503};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))
#define STATUS_OTHER NSTATUS

static const double bounds_s[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                  0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define NBUCKET (sizeof(bounds_s) / sizeof(bounds_s[0]))

static atomic_uint_fast64_t counts[MAX_ROUTES + SLOT_BASE][NSTATUS + 1];
static atomic_uint_fast64_t buckets[NBUCKET + 1];
static atomic_uint_fast64_t sum_us;
static atomic_uint_fast64_t total;

void
yc_metrics_record(int route, int status, int64_t duration_us)
{
    size_t slot = route == -2 ? SLOT_STATIC : route < 0 ? SLOT_UNKNOWN : (size_t)route + SLOT_BASE;
    size_t s = STATUS_OTHER;
    size_t b = 0;

    if (slot >= MAX_ROUTES + SLOT_BASE) {
        slot = SLOT_UNKNOWN;
    }
    for (size_t i = 0; i < NSTATUS; i++) {
        if (statuses[i] == status) {
            s = i;
            break;
        }
    }
    while (b < NBUCKET && (double)duration_us / 1e6 > bounds_s[b]) {
        b++;
    }
    atomic_fetch_add_explicit(&counts[slot][s], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&sum_us, (uint64_t)(duration_us > 0 ? duration_us : 0),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&total, 1, memory_order_relaxed);
}

static const char *
slot_name(size_t slot)
{
    if (slot == SLOT_UNKNOWN) {
        return "unknown";
    }
    if (slot == SLOT_STATIC) {
        return "static";
    }
    return yc_routes[slot - SLOT_BASE].pattern;
}

int
h_metrics(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    struct yc_buf b = YC_BUF_INIT(1 << 20);
    uint64_t cum = 0;
    size_t nslots = yc_routes_count + SLOT_BASE;
    char *out;

    (void)err;
    yc_buf_adds(&b, "# HELP yc_http_requests_total HTTP requests by route and status.\n"
                    "# TYPE yc_http_requests_total counter\n");
    for (size_t slot = 0; slot < nslots && slot < MAX_ROUTES + SLOT_BASE; slot++) {
        for (size_t s = 0; s <= NSTATUS; s++) {
            uint64_t v = atomic_load_explicit(&counts[slot][s], memory_order_relaxed);
            if (!v) {
                continue;
            }
            if (s == STATUS_OTHER) {
                yc_buf_printf(&b, "yc_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
                              slot_name(slot), (unsigned long long)v);
            } else {
                yc_buf_printf(&b, "yc_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                              slot_name(slot), statuses[s], (unsigned long long)v);
            }
        }
    }
    yc_buf_adds(&b, "# HELP yc_http_request_duration_seconds Time from request to response.\n"
                    "# TYPE yc_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i <= NBUCKET; i++) {
        cum += atomic_load_explicit(&buckets[i], memory_order_relaxed);
        if (i < NBUCKET) {
            yc_buf_printf(&b, "yc_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                          bounds_s[i], (unsigned long long)cum);
        } else {
            yc_buf_printf(&b, "yc_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
                          (unsigned long long)cum);
        }
    }
    yc_buf_printf(&b, "yc_http_request_duration_seconds_sum %.6f\n",
                  (double)atomic_load(&sum_us) / 1e6);
    yc_buf_printf(&b, "yc_http_request_duration_seconds_count %llu\n",
                  (unsigned long long)atomic_load(&total));
    yc_buf_printf(&b,
                  "# HELP yc_db_errors_total Failed database calls.\n"
                  "# TYPE yc_db_errors_total counter\nyc_db_errors_total %llu\n",
                  (unsigned long long)yc_db_error_count());
    {
        uint64_t batches, members;
        yc_db_group_stats(&batches, &members);
        yc_buf_printf(&b,
                      "# HELP yc_db_group_commits_total SQLite batch commits (one fsync each).\n"
                      "# TYPE yc_db_group_commits_total counter\nyc_db_group_commits_total %llu\n"
                      "# HELP yc_db_group_transactions_total Transactions those commits carried.\n"
                      "# TYPE yc_db_group_transactions_total counter\n"
                      "yc_db_group_transactions_total %llu\n",
                      (unsigned long long)batches, (unsigned long long)members);
    }
    out = yc_arena_strndup(&req->arena, yc_buf_cstr(&b), b.len);
    yc_resp_text(resp, 200, "text/plain; version=0.0.4; charset=utf-8", out, b.len);
    yc_buf_release(&b);
    return 0;
}
