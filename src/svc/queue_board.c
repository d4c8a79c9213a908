/*
 * queue_board.c - the supervisor's live board and the day's statistics (waits and services by
 * the nearest-rank figures of domain/queue.h), what the hall display streams (the call feed and
 * waiting counts: public data), and the end of a day (tickets left waiting are abandoned).
 */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "svc/queue_int.h"
#include "base/banned.h"

/* ---- the board ---- */

int
yc_svc_queue_board(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_qboard_row *b;
    struct yc_qpair *served;
    size_t nb, ns;
    json_t *wins, *zones;
    char day[11];
    int rc = yc_svc_allow(ctx, YC_OP_QUEUE_BOARD, err);

    if (rc == 0) {
        rc = yc_store_q_board(ctx->db, ctx->arena, ctx->today, &b, &nb, err);
    }
    if (rc == 0) {
        rc = yc_store_q_served_per_window(ctx->db, ctx->arena, ctx->today, &served, &ns, err);
    }
    if (rc == 0) {
        rc = yc_svc_queue_public(ctx, &zones, err);
    }
    if (rc) {
        return rc;
    }
    wins = json_array();
    for (size_t i = 0; i < nb; i++) {
        int closed = strcmp(b[i].state, "closed") == 0;
        int64_t n = 0, since;
        json_t *current = json_null();
        for (size_t j = 0; j < ns; j++) {
            n = served[j].id == b[i].window_id ? served[j].n : n;
        }
        if (*b[i].ticket) {
            since = strcmp(b[i].ticket_state, "serving") == 0 && b[i].serving_at ? b[i].serving_at
                                                                                 : b[i].called_at;
            current = json_pack("{s:s, s:s, s:o, s:I}", "number", b[i].ticket, "state",
                                b[i].ticket_state, "since", yc_q_time_json(since), "for_s",
                                (json_int_t)((ctx->now_ms - since) / 1000));
        }
        json_array_append_new(
            wins,
            json_pack("{s:I, s:s, s:s, s:b, s:s, s:o, s:o, s:o, s:o, s:I}", "id",
                      (json_int_t)b[i].window_id, "number", b[i].number, "zone", b[i].zone_prefix,
                      "active", b[i].active, "state", b[i].state, "pause_reason",
                      strcmp(b[i].state, "paused") == 0 ? json_string(b[i].pause_reason)
                                                        : json_null(),
                      "holder",
                      closed || !*b[i].holder_username
                          ? json_null()
                          : json_pack("{s:s, s:s}", "username", b[i].holder_username, "name",
                                      b[i].holder_name),
                      "since", yc_q_time_json(closed ? 0 : b[i].since), "current", current,
                      "served_today", (json_int_t)n));
    }
    yc_date_format(ctx->today, day);
    *out = json_pack("{s:s, s:o, s:o, s:O}", "date", day, "at", yc_q_time_json(ctx->now_ms),
                     "windows", wins, "zones", json_object_get(zones, "zones"));
    json_decref(zones);
    return 0;
}

/* ---- statistics ---- */

struct counts {
    int64_t issued, waiting, abandoned, served, no_show, transferred, called, recalls;
    int64_t by_class[3], by_channel[4];
};

static const char *const class_names[3] = {"normal", "green", "appointment"};
static const char *const channel_names[4] = {"kiosk", "guide", "online", "appointment"};

static int
index_of(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], s) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* A growing arena array of int64 values. */
struct vals {
    int64_t *v;
    size_t n, cap;
};

static void
vals_add(struct yc_arena *a, struct vals *x, int64_t v)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        int64_t *bigger = yc_arena_alloc(a, cap * sizeof(*bigger));
        if (x->n) {
            memcpy(bigger, x->v, x->n * sizeof(*bigger));
        }
        x->v = bigger;
        x->cap = cap;
    }
    x->v[x->n++] = v;
}

static json_t *
stats_json(struct vals *x)
{
    struct yc_queue_stats st;

    yc_queue_stats_compute(x->v, x->n, &st);
    return json_pack("{s:I, s:I, s:I, s:I, s:I}", "n", (json_int_t)st.n, "median_s",
                     (json_int_t)st.median_s, "p90_s", (json_int_t)st.p90_s, "mean_s",
                     (json_int_t)st.mean_s, "max_s", (json_int_t)st.max_s);
}

/* One group of the statistics (the whole day, a zone, a window, a member of staff). */
struct group {
    const char *key;
    const char *name;
    int64_t id;
    struct counts c;
    struct vals wait, service;
};

static struct group *
group_of(struct yc_arena *a, struct group **g, size_t *n, size_t *cap, int64_t id, const char *key,
         const char *name)
{
    for (size_t i = 0; i < *n; i++) {
        if ((*g)[i].id == id) {
            return &(*g)[i];
        }
    }
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        struct group *bigger = yc_arena_alloc(a, ncap * sizeof(*bigger));
        if (*n) {
            memcpy(bigger, *g, *n * sizeof(*bigger));
        }
        *g = bigger;
        *cap = ncap;
    }
    memset(&(*g)[*n], 0, sizeof(**g));
    (*g)[*n].id = id;
    (*g)[*n].key = key;
    (*g)[*n].name = name;
    return &(*g)[(*n)++];
}

/* Count a call into a group. */
static void
add_call(struct yc_arena *a, struct group *g, const struct yc_qstat_call *c)
{
    g->c.called++;
    g->c.recalls += c->recalls;
    if (strcmp(c->outcome, "served") == 0) {
        g->c.served++;
        vals_add(a, &g->service, yc_queue_span_s(c->called_at / 1000, c->finished_at / 1000));
    } else if (strcmp(c->outcome, "no_show") == 0) {
        g->c.no_show++;
    } else if (strcmp(c->outcome, "transferred") == 0) {
        g->c.transferred++;
    }
    if (c->first_call) {
        vals_add(a, &g->wait, yc_queue_span_s(c->issued_at / 1000, c->called_at / 1000));
    }
}

static json_t *
calls_json(const struct counts *c)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I}", "called", (json_int_t)c->called, "served",
                     (json_int_t)c->served, "no_show", (json_int_t)c->no_show, "transferred",
                     (json_int_t)c->transferred, "recalls", (json_int_t)c->recalls);
}

/* The filters: a zone, a window number, a username, each NULL for none. */
struct filters {
    int64_t zone_id, window_id, staff_id;
    const char *zone, *window, *staff;
};

static int
resolve_filters(struct yc_ctx *ctx, struct filters *f, struct yc_err *err)
{
    struct yc_zone z;
    struct yc_user u;
    int found = 0;
    int rc = 0;

    if (f->zone) {
        rc = yc_q_zone(ctx, f->zone, "zone", &z, err);
        f->zone_id = z.id;
    }
    if (rc == 0 && f->window) {
        rc = yc_store_q_win_by_number(ctx->db, f->window, &f->window_id, err);
        if (rc == 0 && !f->window_id) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "window", "没有编号为 %s 的窗口",
                         f->window);
        }
    }
    if (rc == 0 && f->staff) {
        rc = yc_store_user_by_name(ctx->db, ctx->arena, f->staff, &u, &found, err);
        if (rc == 0 && !found) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "staff", "没有用户名为 %s 的工作人员",
                         f->staff);
        }
        f->staff_id = found ? u.id : 0;
    }
    return rc;
}

static json_t *
filters_json(const struct filters *f)
{
    return json_pack("{s:o, s:o, s:o}", "zone", f->zone ? json_string(f->zone) : json_null(),
                     "window", f->window ? json_string(f->window) : json_null(), "staff",
                     f->staff ? json_string(f->staff) : json_null());
}

int
yc_svc_queue_stats(struct yc_ctx *ctx, int32_t day, const char *zone, const char *window,
                   const char *staff, json_t **out, struct yc_err *err)
{
    struct filters f = {0, 0, 0, zone, window, staff};
    struct yc_zone *zl;
    struct yc_qstat_ticket *t;
    struct yc_qstat_call *c;
    struct group all = {0}, *zg = NULL, *wg = NULL, *sg = NULL;
    size_t nzl, nt, nc, nzg = 0, czg = 0, nwg = 0, cwg = 0, nsg = 0, csg = 0;
    json_t *byc, *bych, *zones, *wins, *staffs;
    char d[11];
    int rc = yc_svc_allow(ctx, YC_OP_QUEUE_BOARD, err);

    if (rc == 0) {
        rc = resolve_filters(ctx, &f, err);
    }
    if (rc == 0) {
        rc = yc_store_zone_list(ctx->db, ctx->arena, &zl, &nzl, err);
    }
    if (rc == 0) {
        rc = yc_store_q_stat_tickets(ctx->db, ctx->arena, day, &t, &nt, err);
    }
    if (rc == 0) {
        rc = yc_store_q_stat_calls(ctx->db, ctx->arena, day, &c, &nc, err);
    }
    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < nzl; i++) {
        if (!f.zone_id || zl[i].id == f.zone_id) {
            group_of(ctx->arena, &zg, &nzg, &czg, zl[i].id, zl[i].prefix, zl[i].name);
        }
    }
    /* tickets by the zone of their number */
    for (size_t i = 0; i < nt; i++) {
        struct group *g;
        int k;
        if (f.zone_id && t[i].issue_zone_id != f.zone_id) {
            continue;
        }
        g = group_of(ctx->arena, &zg, &nzg, &czg, t[i].issue_zone_id, "", "");
        for (struct counts *x = &all.c; x; x = x == &all.c ? &g->c : NULL) {
            x->issued++;
            x->waiting += strcmp(t[i].state, "waiting") == 0;
            x->abandoned += strcmp(t[i].state, "abandoned") == 0;
            if ((k = index_of(class_names, 3, t[i].cls)) >= 0) {
                x->by_class[k]++;
            }
            if ((k = index_of(channel_names, 4, t[i].channel)) >= 0) {
                x->by_channel[k]++;
            }
        }
    }
    /* calls by their zone, window and member of staff */
    for (size_t i = 0; i < nc; i++) {
        if ((f.zone_id && c[i].zone_id != f.zone_id) ||
            (f.window_id && c[i].window_id != f.window_id) ||
            (f.staff_id && c[i].staff_id != f.staff_id)) {
            continue;
        }
        add_call(ctx->arena, &all, &c[i]);
        add_call(ctx->arena, group_of(ctx->arena, &zg, &nzg, &czg, c[i].zone_id, "", ""), &c[i]);
        add_call(ctx->arena, group_of(ctx->arena, &wg, &nwg, &cwg, c[i].window_id, c[i].window, ""),
                 &c[i]);
        add_call(ctx->arena,
                 group_of(ctx->arena, &sg, &nsg, &csg, c[i].staff_id, c[i].staff_username,
                          c[i].staff_name),
                 &c[i]);
    }
    byc = json_object();
    bych = json_object();
    for (int k = 0; k < 3; k++) {
        json_object_set_new(byc, class_names[k], json_integer(all.c.by_class[k]));
    }
    for (int k = 0; k < 4; k++) {
        json_object_set_new(bych, channel_names[k], json_integer(all.c.by_channel[k]));
    }
    zones = json_array();
    for (size_t i = 0; i < nzg; i++) {
        json_array_append_new(
            zones,
            json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "prefix", zg[i].key,
                      "name", zg[i].name, "issued", (json_int_t)zg[i].c.issued, "waiting",
                      (json_int_t)zg[i].c.waiting, "served", (json_int_t)zg[i].c.served, "no_show",
                      (json_int_t)zg[i].c.no_show, "transferred", (json_int_t)zg[i].c.transferred,
                      "abandoned", (json_int_t)zg[i].c.abandoned, "wait", stats_json(&zg[i].wait),
                      "service", stats_json(&zg[i].service)));
    }
    wins = json_array();
    for (size_t i = 0; i < nwg; i++) {
        json_array_append_new(wins, json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "number", wg[i].key,
                                              "calls", (json_int_t)wg[i].c.called, "served",
                                              (json_int_t)wg[i].c.served, "no_show",
                                              (json_int_t)wg[i].c.no_show, "transferred",
                                              (json_int_t)wg[i].c.transferred, "service",
                                              stats_json(&wg[i].service)));
    }
    staffs = json_array();
    for (size_t i = 0; i < nsg; i++) {
        json_array_append_new(
            staffs, json_pack("{s:s, s:s, s:I, s:I, s:o}", "username", sg[i].key, "name",
                              sg[i].name, "calls", (json_int_t)sg[i].c.called, "served",
                              (json_int_t)sg[i].c.served, "service", stats_json(&sg[i].service)));
    }
    yc_date_format(day, d);
    *out = json_pack("{s:s, s:o, s:{s:I, s:o, s:o, s:I, s:I}, s:o, s:o, s:o, s:o, s:o, s:o}",
                     "date", d, "filters", filters_json(&f), "tickets", "issued",
                     (json_int_t)all.c.issued, "by_class", byc, "by_channel", bych, "waiting",
                     (json_int_t)all.c.waiting, "abandoned", (json_int_t)all.c.abandoned, "calls",
                     calls_json(&all.c), "wait", stats_json(&all.wait), "service",
                     stats_json(&all.service), "zones", zones, "windows", wins, "staff", staffs);
    return 0;
}

/* ---- the display ---- */

int
yc_svc_display_last(struct yc_ctx *ctx, int64_t *seq, struct yc_err *err)
{
    return yc_store_q_feed_last(ctx->db, seq, err);
}

int
yc_svc_display_after(struct yc_ctx *ctx, int64_t after, int limit, struct yc_qfeed **out, size_t *n,
                     struct yc_err *err)
{
    return yc_store_q_feed_after(ctx->db, ctx->arena, after, limit, out, n, err);
}

int
yc_svc_display_recent(struct yc_ctx *ctx, int limit, struct yc_qfeed **out, size_t *n,
                      struct yc_err *err)
{
    return yc_store_q_feed_recent(ctx->db, ctx->arena, ctx->today, limit, out, n, err);
}

int
yc_svc_display_waiting(struct yc_ctx *ctx, json_t **zones, struct yc_err *err)
{
    struct yc_zone *z;
    struct yc_qzone_count *c;
    size_t nz, nc;
    int rc = yc_store_zone_list(ctx->db, ctx->arena, &z, &nz, err);

    if (rc == 0) {
        rc = yc_store_q_waiting_counts(ctx->db, ctx->arena, ctx->today, &c, &nc, err);
    }
    if (rc) {
        return rc;
    }
    *zones = json_array();
    for (size_t i = 0; i < nz; i++) {
        int64_t waiting = 0;
        for (size_t j = 0; j < nc; j++) {
            waiting = c[j].zone_id == z[i].id ? c[j].waiting : waiting;
        }
        json_array_append_new(*zones, json_pack("{s:s, s:s, s:I}", "prefix", z[i].prefix, "name",
                                                z[i].name, "waiting", (json_int_t)waiting));
    }
    return 0;
}

int
yc_svc_display_zones_check(struct yc_ctx *ctx, const char *list, struct yc_err *err)
{
    const char *p = list;

    if (!list || !*list || strcmp(list, "all") == 0) {
        return 0;
    }
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char prefix[8];
        int64_t id = 0;
        int found = 0;
        int rc;
        if (n == 0 || n >= sizeof(prefix)) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "zone",
                           "zone 应为以逗号分隔的排队号前缀，如 A,B");
        }
        memcpy(prefix, p, n);
        prefix[n] = '\0';
        rc = yc_store_zone_by_prefix(ctx->db, prefix, &id, &found, err);
        if (rc == 0 && !found) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", "zone", "没有排队号前缀为 %s 的区域",
                         prefix);
        }
        if (rc) {
            return rc;
        }
        p += n;
        p += *p == ',';
    }
    return 0;
}

json_t *
yc_display_call_json(const struct yc_qfeed *f)
{
    char text[160];

    snprintf(text, sizeof(text), "请%s号到%s号窗口办理", f->ticket, f->window);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "seq", (json_int_t)f->seq,
                     "kind", strcmp(f->kind, "recalled") == 0 ? "recall" : "call", "ticket",
                     f->ticket, "window", f->window, "zone", f->zone_prefix, "zone_name",
                     f->zone_name, "text", text, "at", yc_q_time_json(f->at), "at_ms",
                     (json_int_t)f->at);
}

/* ---- the end of a day ---- */

int
yc_svc_queue_close_days(struct yc_ctx *ctx, int64_t *count, struct yc_err *err)
{
    struct yc_qticket *t;
    size_t n;
    int64_t changes = 0;
    int rc = yc_svc_allow(ctx, YC_OP_QUEUE_BOARD, err);

    *count = 0;
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_q_stale(ctx->db, ctx->arena, ctx->today, &t, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = yc_store_q_ticket_abandon_stale(ctx->db, t[i].id, ctx->now_ms, &changes, err);
        if (rc == 0 && changes) {
            rc = yc_store_q_calls_close_stale(ctx->db, t[i].id, ctx->now_ms, err);
        }
        if (rc == 0 && changes) {
            struct yc_qevent e = {t[i].day,          ctx->now_ms,        "abandoned",
                                  t[i].id,           t[i].window_id,     t[i].zone_id,
                                  yc_svc_actor(ctx), "当日结束时未办理", 0};
            rc = yc_store_q_event(ctx->db, &e, NULL, err);
            (*count)++;
        }
    }
    if (rc == 0 && *count) {
        rc = yc_svc_audit(ctx, err, "queue.day.close", "queue",
                          "%lld 个往日未办理的排队号登记为离开", (long long)*count);
    }
    return yc_db_finish(ctx->db, rc, err);
}
