/*
 * queue.c - the calling policy of the hall queue, ticket numbers and day statistics (see queue.h
 * and docs/queue-policy.md).
 */
#include "domain/queue.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

static const char *const default_reasons[] = {"elderly", "disabled", "military"};

static const struct {
    const char *code;
    const char *label;
} reason_labels[] = {
    {"elderly", "老年人"},
    {"disabled", "残疾人"},
    {"military", "军人"},
};

static const char *const class_codes[YC_QUEUE_CLASS__MAX] = {
    [YC_QUEUE_CLASS_NORMAL] = "normal",
    [YC_QUEUE_CLASS_APPOINTMENT] = "appointment",
    [YC_QUEUE_CLASS_GREEN] = "green",
};

static const char *const why_codes[YC_QUEUE_WHY__MAX] = {
    [YC_QUEUE_WHY_ORDER] = "order",
    [YC_QUEUE_WHY_BOUND] = "bound",
};

/* The duration fields of the policy, checked by one table. */
static const struct {
    size_t offset;
    int64_t min;
    const char *why;
} duration_fields[] = {
    {offsetof(struct yc_queue_policy, max_extra_wait_s), 0,
     "max_extra_wait_s 应在 0 到 86400 秒之间"},
    {offsetof(struct yc_queue_policy, green_bonus_s), 0, "green_bonus_s 应在 0 到 86400 秒之间"},
    {offsetof(struct yc_queue_policy, appt_bonus_s), 0, "appt_bonus_s 应在 0 到 86400 秒之间"},
    {offsetof(struct yc_queue_policy, appt_late_grace_s), 0,
     "appt_late_grace_s 应在 0 到 86400 秒之间"},
    {offsetof(struct yc_queue_policy, est_service_s), 1, "est_service_s 应在 1 到 86400 秒之间"},
    {offsetof(struct yc_queue_policy, max_service_s), 1, "max_service_s 应在 1 到 86400 秒之间"},
};

/* Saturating arithmetic: ticket times come from the caller and must not overflow. */
static int64_t
add_sat(int64_t a, int64_t b)
{
    if (b > 0 && a > INT64_MAX - b) {
        return INT64_MAX;
    }
    if (b < 0 && a < INT64_MIN - b) {
        return INT64_MIN;
    }
    return a + b;
}

static int64_t
sub_sat(int64_t a, int64_t b)
{
    if (b == INT64_MIN) {
        return a >= 0 ? INT64_MAX : a - INT64_MIN;
    }
    return add_sat(a, -b);
}

static int64_t
clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void
yc_queue_policy_default(struct yc_queue_policy *p)
{
    p->max_extra_wait_s = 600;
    p->green_bonus_s = 1800;
    p->appt_bonus_s = 1800;
    p->appt_late_grace_s = 300;
    p->est_service_s = 600;
    p->max_service_s = 900;
    p->green_reasons = default_reasons;
    p->n_green_reasons = sizeof(default_reasons) / sizeof(default_reasons[0]);
}

static int
reason_code_ok(const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++) {
        if (i >= YC_QUEUE_REASON_MAX ||
            !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
            return 0;
        }
    }
    return i > 0;
}

int
yc_queue_policy_check(const struct yc_queue_policy *p, const char **why)
{
    const char *msg = NULL;
    size_t i, j;

    for (i = 0; i < sizeof(duration_fields) / sizeof(duration_fields[0]) && !msg; i++) {
        int64_t v;

        memcpy(&v, (const char *)p + duration_fields[i].offset, sizeof(v));
        if (v < duration_fields[i].min || v > YC_QUEUE_LIMIT_S) {
            msg = duration_fields[i].why;
        }
    }
    if (!msg && p->max_service_s < p->est_service_s) {
        msg = "max_service_s 不应小于 est_service_s";
    }
    if (!msg && (p->n_green_reasons > YC_QUEUE_REASONS_MAX ||
                 (p->n_green_reasons > 0 && !p->green_reasons))) {
        msg = "绿色通道事由最多 16 项";
    }
    for (i = 0; !msg && i < p->n_green_reasons; i++) {
        if (!p->green_reasons[i] || !reason_code_ok(p->green_reasons[i])) {
            msg = "绿色通道事由代码应为 1 到 31 个小写字母、数字或下划线";
        }
        for (j = 0; !msg && j < i; j++) {
            if (strcmp(p->green_reasons[i], p->green_reasons[j]) == 0) {
                msg = "绿色通道事由代码重复";
            }
        }
    }
    if (why) {
        *why = msg;
    }
    return msg ? YC_QUEUE_EINVAL : 0;
}

int
yc_queue_green_reason_ok(const struct yc_queue_policy *p, const char *code)
{
    size_t i;

    if (!code) {
        return 0;
    }
    for (i = 0; i < p->n_green_reasons; i++) {
        if (strcmp(p->green_reasons[i], code) == 0) {
            return 1;
        }
    }
    return 0;
}

const char *
yc_queue_green_label(const char *code)
{
    size_t i;

    for (i = 0; code && i < sizeof(reason_labels) / sizeof(reason_labels[0]); i++) {
        if (strcmp(reason_labels[i].code, code) == 0) {
            return reason_labels[i].label;
        }
    }
    return NULL;
}

enum yc_queue_class
yc_queue_effective_class(const struct yc_queue_policy *p, const struct yc_queue_ticket *t,
                         int64_t now_s)
{
    int64_t end;

    switch (t->cls) {
    case YC_QUEUE_CLASS_GREEN:
        return yc_queue_green_reason_ok(p, t->green_reason) ? YC_QUEUE_CLASS_GREEN
                                                            : YC_QUEUE_CLASS_NORMAL;
    case YC_QUEUE_CLASS_APPOINTMENT:
        end = t->slot_end_s < t->slot_start_s ? t->slot_start_s : t->slot_end_s;
        if (t->issued_s > add_sat(end, p->appt_late_grace_s)) {
            return YC_QUEUE_CLASS_NORMAL; /* checked in too late: priority lost for good */
        }
        if (now_s < t->slot_start_s) {
            return YC_QUEUE_CLASS_NORMAL; /* early: waits as normal until the slot starts */
        }
        return YC_QUEUE_CLASS_APPOINTMENT;
    case YC_QUEUE_CLASS_NORMAL:
    case YC_QUEUE_CLASS__MAX:
    default:
        return YC_QUEUE_CLASS_NORMAL;
    }
}

static int64_t
standing_of(const struct yc_queue_policy *p, const struct yc_queue_ticket *t,
            enum yc_queue_class as)
{
    int64_t anchor, s;

    switch (as) {
    case YC_QUEUE_CLASS_GREEN:
        return sub_sat(t->issued_s, p->green_bonus_s);
    case YC_QUEUE_CLASS_APPOINTMENT:
        /* An early arrival stands as if it arrived at its slot's start, but never behind the place
         * its check-in time already gave it. */
        anchor = t->slot_start_s > t->issued_s ? t->slot_start_s : t->issued_s;
        s = sub_sat(anchor, p->appt_bonus_s);
        return s < t->issued_s ? s : t->issued_s;
    case YC_QUEUE_CLASS_NORMAL:
    case YC_QUEUE_CLASS__MAX:
    default:
        return t->issued_s;
    }
}

int64_t
yc_queue_standing_s(const struct yc_queue_policy *p, const struct yc_queue_ticket *t, int64_t now_s)
{
    return standing_of(p, t, yc_queue_effective_class(p, t, now_s));
}

/* -1, 0 or 1 as ticket a is issued before, with, or after ticket b (issue time, then id). */
static int
cmp_issue(const struct yc_queue_ticket *a, const struct yc_queue_ticket *b)
{
    if (a->issued_s != b->issued_s) {
        return a->issued_s < b->issued_s ? -1 : 1;
    }
    if (a->id != b->id) {
        return a->id < b->id ? -1 : 1;
    }
    return 0;
}

/* The full calling order of rule 2: standing, then issue time, then id. */
static int
cmp_order(int64_t sa, const struct yc_queue_ticket *a, int64_t sb, const struct yc_queue_ticket *b)
{
    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    return cmp_issue(a, b);
}

static int
transferred(const struct yc_queue_ticket *t)
{
    return t->transferred_s > t->issued_s;
}

static int64_t
joined_s(const struct yc_queue_ticket *t)
{
    return transferred(t) ? t->transferred_s : t->issued_s;
}

static void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p) {
        abort();
    }
    return p;
}

/* A waiting ticket in issue order. */
struct plan_entry {
    int64_t issued_s;
    int64_t id;
    size_t index; /* into view->waiting */
};

static int
cmp_plan_entry(const void *a, const void *b)
{
    const struct plan_entry *x = a, *y = b;

    if (x->issued_s != y->issued_s) {
        return x->issued_s < y->issued_s ? -1 : 1;
    }
    return (x->id > y->id) - (x->id < y->id);
}

/* Rule 3's two pictures of the waiting tickets, in issue order. */
struct plan {
    size_t n;
    struct plan_entry *order; /* the waiting tickets by issue time, then id */
    int64_t
        *fifo; /* fifo[i]: when order[i] would be called in the day replayed without priorities */
    int64_t *next; /* next[j]: projected time of the j-th call from now (next[0] = now), j <= n */
};

/* Service time of a call for the replay: as it happened, or, while it lasts, what it has taken so
 * far but at least est_service_s. */
static int64_t
call_duration(const struct yc_queue_policy *p, const struct yc_queue_view *v,
              const struct yc_queue_call *c)
{
    int64_t d =
        c->finished_s ? sub_sat(c->finished_s, c->called_s) : sub_sat(v->now_s, c->called_s);

    if (!c->finished_s && d < p->est_service_s) {
        d = p->est_service_s;
    }
    return clamp(d, 0, YC_QUEUE_LIMIT_S);
}

/* The index of the earliest time in t[0..n) (the first on a tie). */
static size_t
earliest(const int64_t *t, size_t n)
{
    size_t i, m = 0;

    for (i = 1; i < n; i++) {
        if (t[i] < t[m]) {
            m = i;
        }
    }
    return m;
}

/* One ticket of the replay: a call (pos SIZE_MAX) or the waiting ticket order[pos]. */
struct replay_item {
    int64_t issued_s;
    int64_t duration_s;
    size_t pos;
};

static int
cmp_replay_item(const void *a, const void *b)
{
    const struct replay_item *x = a, *y = b;

    if (x->issued_s != y->issued_s) {
        return x->issued_s < y->issued_s ? -1 : 1;
    }
    /* same second: calls (made already) first, then waiting tickets in id order (pos) */
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * The day without priorities: every ticket of the day, called or waiting, in issue order on the
 * open windows from the first call of the day, each taking the window that frees first, for as
 * long as its service took (est_service_s for a ticket not yet called). A transferred ticket's
 * turn is never before it joined.
 */
static void
replay_fifo(const struct yc_queue_policy *p, const struct yc_queue_view *v, int64_t *free_at,
            size_t nw, struct plan *pl)
{
    size_t n = v->n_calls + pl->n, i, m;
    struct replay_item *it = xmalloc(n * sizeof(*it));
    int64_t open = v->now_s, start;

    for (i = 0; i < v->n_calls; i++) {
        it[i].issued_s = v->calls[i].issued_s;
        it[i].duration_s = call_duration(p, v, &v->calls[i]);
        it[i].pos = SIZE_MAX;
        open = v->calls[i].called_s < open ? v->calls[i].called_s : open;
    }
    for (i = 0; i < pl->n; i++) {
        it[v->n_calls + i] = (struct replay_item){pl->order[i].issued_s, p->est_service_s, i};
    }
    qsort(it, n, sizeof(*it), cmp_replay_item);
    for (i = 0; i < nw; i++) {
        free_at[i] = open;
    }
    for (i = 0; i < n; i++) {
        m = earliest(free_at, nw);
        start = free_at[m] > it[i].issued_s ? free_at[m] : it[i].issued_s;
        if (it[i].pos != SIZE_MAX) {
            int64_t joined = joined_s(&v->waiting[pl->order[it[i].pos].index]);

            pl->fifo[it[i].pos] = start > joined ? start : joined;
        }
        free_at[m] = add_sat(start, it[i].duration_s);
    }
    free(it);
}

/*
 * The calls to come: the calling window is free now, a window still serving frees when its call
 * has taken est_service_s (or now, if it has taken longer), any other window is idle; every call
 * then keeps its window est_service_s.
 */
static void
project_calls(const struct yc_queue_policy *p, const struct yc_queue_view *v, int64_t *free_at,
              size_t nw, struct plan *pl)
{
    size_t i, e = 1, m;

    for (i = 0; i < nw; i++) {
        free_at[i] = v->now_s;
    }
    for (i = 0; i < v->n_calls && e < nw; i++) {
        if (v->calls[i].finished_s == 0) {
            int64_t f = add_sat(v->calls[i].called_s, p->est_service_s);

            free_at[e++] = f > v->now_s ? f : v->now_s;
        }
    }
    for (i = 0; i <= pl->n; i++) {
        m = earliest(free_at, nw);
        pl->next[i] = free_at[m];
        free_at[m] = add_sat(free_at[m], p->est_service_s);
    }
}

static void
plan_init(const struct yc_queue_policy *p, const struct yc_queue_view *v, struct plan *pl)
{
    size_t i, busy = 0, nw;
    int64_t *free_at;

    for (i = 0; i < v->n_calls; i++) {
        busy += v->calls[i].finished_s == 0;
    }
    nw = (size_t)v->windows > busy ? (size_t)v->windows : busy + 1;
    pl->n = v->n_waiting;
    pl->order = xmalloc(pl->n * sizeof(*pl->order));
    pl->fifo = xmalloc(pl->n * sizeof(*pl->fifo));
    pl->next = xmalloc((pl->n + 1) * sizeof(*pl->next));
    free_at = xmalloc(nw * sizeof(*free_at));
    for (i = 0; i < pl->n; i++) {
        pl->order[i] = (struct plan_entry){v->waiting[i].issued_s, v->waiting[i].id, i};
        pl->fifo[i] = v->now_s; /* every entry is replayed below */
    }
    qsort(pl->order, pl->n, sizeof(*pl->order), cmp_plan_entry);
    replay_fifo(p, v, free_at, (size_t)v->windows, pl);
    project_calls(p, v, free_at, nw, pl);
    free(free_at);
}

static void
plan_release(struct plan *pl)
{
    free(pl->order);
    free(pl->fifo);
    free(pl->next);
}

/* The best waiting ticket by rule 2 among those issued no later than limit (NULL: all). */
static size_t
first_by_standing(const struct yc_queue_policy *p, const struct yc_queue_view *v,
                  const struct yc_queue_ticket *limit, int64_t *standing, enum yc_queue_class *as)
{
    size_t i, best = SIZE_MAX;
    int64_t s;
    enum yc_queue_class c;

    for (i = 0; i < v->n_waiting; i++) {
        if (limit && cmp_issue(&v->waiting[i], limit) > 0) {
            continue;
        }
        c = yc_queue_effective_class(p, &v->waiting[i], v->now_s);
        s = standing_of(p, &v->waiting[i], c);
        if (best == SIZE_MAX || cmp_order(s, &v->waiting[i], *standing, &v->waiting[best]) < 0) {
            best = i;
            *standing = s;
            *as = c;
        }
    }
    return best;
}

int
yc_queue_pick(const struct yc_queue_policy *p, const struct yc_queue_view *view,
              struct yc_queue_pick *out)
{
    const struct yc_queue_ticket *hold = NULL;
    struct plan pl;
    size_t best, pos;
    int64_t standing = 0, slack;
    enum yc_queue_class as = YC_QUEUE_CLASS_NORMAL;

    if (yc_queue_policy_check(p, NULL) || view->windows < 1) {
        return YC_QUEUE_EINVAL;
    }
    if (view->n_waiting == 0) {
        return YC_QUEUE_EEMPTY;
    }
    best = first_by_standing(p, view, NULL, &standing, &as);
    /*
     * Rule 3. Calling `best` now makes every waiting ticket issued before it one call later. The
     * first of them whose projected call would then come more than the bound after its turn in
     * the day without priorities holds the order. The call being made may take max_service_s
     * rather than est_service_s: that is the slack kept back.
     */
    plan_init(p, view, &pl);
    slack = p->max_service_s - p->est_service_s;
    for (pos = 0; pos < pl.n && pl.order[pos].issued_s < view->waiting[best].issued_s; pos++) {
        if (pl.next[pos + 1] - pl.fifo[pos] + slack > p->max_extra_wait_s) {
            hold = &view->waiting[pl.order[pos].index];
            break;
        }
    }
    if (hold) {
        best = first_by_standing(p, view, hold, &standing, &as);
    }
    for (pos = 0; pos + 1 < pl.n && pl.order[pos].index != best; pos++) {
    }
    out->index = best;
    out->as_class = as;
    out->why = hold ? YC_QUEUE_WHY_BOUND : YC_QUEUE_WHY_ORDER;
    out->standing_s = standing;
    out->lag_s = view->now_s - pl.fifo[pos];
    plan_release(&pl);
    return 0;
}

size_t
yc_queue_ahead(const struct yc_queue_policy *p, const struct yc_queue_view *view, size_t index)
{
    const struct yc_queue_ticket *w = view->waiting;
    int64_t s = yc_queue_standing_s(p, &w[index], view->now_s);
    size_t i, n = 0;

    for (i = 0; i < view->n_waiting; i++) {
        if (i != index &&
            cmp_order(yc_queue_standing_s(p, &w[i], view->now_s), &w[i], s, &w[index]) < 0) {
            n++;
        }
    }
    return n;
}

int64_t
yc_queue_estimate_wait_s(size_t ahead, int windows, int64_t mean_service_s)
{
    uint64_t work;

    if (ahead == 0 || windows < 1 || mean_service_s < 1) {
        return 0;
    }
    if (mean_service_s > YC_QUEUE_LIMIT_S || ahead > (size_t)YC_QUEUE_LIMIT_S * (size_t)windows) {
        return YC_QUEUE_LIMIT_S;
    }
    work = (uint64_t)ahead * (uint64_t)mean_service_s;
    work = (work + (uint64_t)windows - 1) / (uint64_t)windows;
    return work > YC_QUEUE_LIMIT_S ? YC_QUEUE_LIMIT_S : (int64_t)work;
}

int
yc_queue_format_number(const char *prefix, int32_t seq, char *out, size_t out_size)
{
    char buf[YC_QUEUE_NUMBER_SIZE];
    size_t i;
    int len;

    if (!prefix || !out) {
        return YC_QUEUE_EINVAL;
    }
    for (i = 0; prefix[i]; i++) {
        if (i >= YC_QUEUE_PREFIX_MAX || prefix[i] < 'A' || prefix[i] > 'Z') {
            return YC_QUEUE_EINVAL;
        }
    }
    if (i == 0 || seq < 1) {
        return YC_QUEUE_EINVAL;
    }
    len = snprintf(buf, sizeof(buf), "%s%03" PRId32, prefix, seq);
    if (len < 0 || (size_t)len >= sizeof(buf) || (size_t)len >= out_size) {
        return YC_QUEUE_EINVAL;
    }
    memcpy(out, buf, (size_t)len + 1);
    return len;
}

int64_t
yc_queue_span_s(int64_t from_s, int64_t to_s)
{
    if (from_s <= 0 || to_s <= 0 || to_s < from_s) {
        return -1;
    }
    return to_s - from_s;
}

static int
cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

int64_t
yc_queue_percentile(const int64_t *sorted, size_t n, int pct)
{
    size_t rank;

    if (n == 0) {
        return 0;
    }
    pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
    /* ceil(pct * n / 100) without overflow for any n */
    rank = n / 100 * (size_t)pct + (n % 100 * (size_t)pct + 99) / 100;
    return sorted[(rank ? rank : 1) - 1];
}

void
yc_queue_stats_compute(int64_t *v, size_t n, struct yc_queue_stats *out)
{
    size_t i, k = 0;
    int64_t t, q = 0, r = 0;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < n; i++) { /* non-negative values to the front, keeping both groups */
        if (v[i] >= 0) {
            t = v[k];
            v[k++] = v[i];
            v[i] = t;
        }
    }
    out->n = k;
    out->skipped = n - k;
    if (k == 0) {
        return;
    }
    qsort(v, k, sizeof(v[0]), cmp_i64);
    for (i = 0; i < k; i++) { /* mean = sum / k, summed as quotients and remainders */
        q += v[i] / (int64_t)k;
        r += v[i] % (int64_t)k;
        if (r >= (int64_t)k) {
            q += r / (int64_t)k;
            r %= (int64_t)k;
        }
    }
    out->min_s = v[0];
    out->max_s = v[k - 1];
    out->median_s = yc_queue_percentile(v, k, 50);
    out->p90_s = yc_queue_percentile(v, k, 90);
    out->mean_s = q;
}

const char *
yc_queue_class_code(enum yc_queue_class c)
{
    return (unsigned)c < YC_QUEUE_CLASS__MAX ? class_codes[c] : "unknown";
}

const char *
yc_queue_why_code(enum yc_queue_why w)
{
    return (unsigned)w < YC_QUEUE_WHY__MAX ? why_codes[w] : "unknown";
}
