/*
 * queue.c - taking tickets (kiosk, online, guide desk), the live position page, the waiting list,
 * live lengths per zone, the calling policy's settings, and what the queue's use cases share
 * (queue_int.h): zones, phone numbers, rate limits, events, numbering, slips.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/json.h"
#include "svc/queue_int.h"
#include "base/banned.h"

/* ---- the policy ---- */

#define POLICY_KEY "queue_policy"

static const struct {
    const char *key;
    size_t off;
} policy_ints[] = {
    {"max_extra_wait_s", offsetof(struct yc_queue_policy, max_extra_wait_s)},
    {"green_bonus_s", offsetof(struct yc_queue_policy, green_bonus_s)},
    {"appt_bonus_s", offsetof(struct yc_queue_policy, appt_bonus_s)},
    {"appt_late_grace_s", offsetof(struct yc_queue_policy, appt_late_grace_s)},
};

/* Apply the fields of a JSON object over q (strings copied into the arena). */
static void
policy_apply(struct yc_arena *a, struct yc_qpolicy *q, const json_t *o)
{
    const json_t *reasons = json_object_get(o, "green_reasons");
    size_t i;

    for (i = 0; i < sizeof(policy_ints) / sizeof(policy_ints[0]); i++) {
        const json_t *v = json_object_get(o, policy_ints[i].key);
        if (json_is_integer(v)) {
            *(int64_t *)((char *)&q->p + policy_ints[i].off) = (int64_t)json_integer_value(v);
        }
    }
    if (json_is_array(reasons)) {
        q->p.n_green_reasons = 0;
        for (i = 0; i < json_array_size(reasons) && i < YC_QUEUE_REASONS_MAX; i++) {
            const char *s = json_string_value(json_array_get(reasons, i));
            q->reasons[q->p.n_green_reasons++] = yc_arena_strdup(a, s ? s : "");
        }
    }
}

static void
policy_default(struct yc_qpolicy *q)
{
    yc_queue_policy_default(&q->p);
    for (size_t i = 0; i < q->p.n_green_reasons && i < YC_QUEUE_REASONS_MAX; i++) {
        q->reasons[i] = q->p.green_reasons[i];
    }
    q->p.green_reasons = q->reasons;
}

int
yc_q_policy_load(struct yc_ctx *ctx, struct yc_qpolicy *out, struct yc_err *err)
{
    const char *v = NULL;
    json_t *o;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, POLICY_KEY, &v, err);

    policy_default(out);
    if (rc || !v) {
        return rc;
    }
    o = json_loads(v, 0, NULL);
    if (json_is_object(o)) {
        policy_apply(ctx->arena, out, o);
    }
    json_decref(o);
    if (yc_queue_policy_check(&out->p, NULL) != 0) {
        policy_default(out); /* never call with a broken policy: the defaults hold */
    }
    return 0;
}

json_t *
yc_q_policy_json(const struct yc_qpolicy *q)
{
    json_t *reasons = json_array();

    for (size_t i = 0; i < q->p.n_green_reasons; i++) {
        json_array_append_new(reasons, json_string(q->reasons[i]));
    }
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "max_extra_wait_s",
                     (json_int_t)q->p.max_extra_wait_s, "green_bonus_s",
                     (json_int_t)q->p.green_bonus_s, "appt_bonus_s", (json_int_t)q->p.appt_bonus_s,
                     "appt_late_grace_s", (json_int_t)q->p.appt_late_grace_s, "est_service_s",
                     (json_int_t)q->p.est_service_s, "max_service_s",
                     (json_int_t)q->p.max_service_s, "green_reasons", reasons);
}

int
yc_svc_queue_policy_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_qpolicy q;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_q_policy_load(ctx, &q, err);
    }
    if (rc == 0) {
        *out = yc_q_policy_json(&q);
    }
    return rc;
}

int
yc_svc_queue_policy_put(struct yc_ctx *ctx, const json_t *body, json_t **out, struct yc_err *err)
{
    struct yc_qpolicy q;
    json_t *stored = NULL;
    const char *why = NULL;
    char *text = NULL;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_q_policy_load(ctx, &q, err);
    if (rc == 0) {
        policy_apply(ctx->arena, &q, body);
        if (yc_queue_policy_check(&q.p, &why) != 0) {
            rc = yc_fail(err, YC_EUNPROC, "field_invalid", NULL, "叫号规则无效：%s", why);
        }
    }
    if (rc == 0) {
        stored = yc_q_policy_json(&q);
        json_object_del(stored, "est_service_s");
        json_object_del(stored, "max_service_s");
        text = yc_json_dump(stored, NULL);
        rc = yc_store_setting_put(ctx->db, POLICY_KEY, text, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.policy", "queue_policy", "修改叫号规则：%s", text);
    }
    free(text);
    json_decref(stored);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = yc_q_policy_json(&q);
    }
    return rc;
}

/* ---- shared helpers ---- */

int
yc_q_zone(struct yc_ctx *ctx, const char *prefix, const char *field, struct yc_zone *out,
          struct yc_err *err)
{
    int64_t id = 0;
    int found = 0;
    int rc = yc_store_zone_by_prefix(ctx->db, prefix, &id, &found, err);

    if (rc == 0 && found) {
        rc = yc_store_zone_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", field, "没有排队号前缀为 %s 的区域", prefix);
    }
    return rc;
}

int
yc_q_zone_of_matter(struct yc_ctx *ctx, const struct yc_matter_ref *m, struct yc_zone *out,
                    struct yc_err *err)
{
    int64_t id = 0;
    int found = 0;
    int rc = yc_store_q_zone_of_matter(ctx->db, m->id, m->window_class, &id, &found, err);

    if (rc == 0 && found) {
        rc = yc_store_zone_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "matter",
                     "事项 %s（%s）没有办理窗口，请选择区域", m->code, m->name);
    }
    return rc;
}

int
yc_q_phone_check(const char *phone, const char *field, struct yc_err *err)
{
    size_t n = strlen(phone);
    int ok = n == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9';

    for (size_t i = 0; ok && i < n; i++) {
        ok = phone[i] >= '0' && phone[i] <= '9';
    }
    if (!ok) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field,
                       "手机号码应为 11 位数字，以 13–19 开头");
    }
    return 0;
}

json_t *
yc_q_phone_json(const char *phone)
{
    char masked[16];
    size_t n = phone ? strlen(phone) : 0;

    if (n < 4 || n >= sizeof(masked)) {
        return json_null();
    }
    memset(masked, '*', n - 4);
    memcpy(masked + n - 4, phone + n - 4, 4);
    masked[n] = '\0';
    return json_string(masked);
}

json_t *
yc_q_time_json(int64_t ms)
{
    char iso[21];

    if (ms <= 0) {
        return json_null();
    }
    yc_clock_format_iso(ms, iso);
    return json_string(iso);
}

int64_t
yc_q_day_ms(int32_t day, int min)
{
    return (int64_t)day * YC_Q_MS_PER_DAY + (int64_t)min * 60000 - YC_Q_CST_MS;
}

int
yc_q_throttle(struct yc_ctx *ctx, const char *what, int64_t limit, int64_t window_ms,
              const char *zh, struct yc_err *err)
{
    char key[96];
    int64_t count = 0, start = 0;
    int rc;

    snprintf(key, sizeof(key), "%s:%s", what, ctx->addr && *ctx->addr ? ctx->addr : "-");
    rc = yc_store_q_throttle_hit(ctx->db, key, ctx->now_ms, window_ms, &count, &start, err);
    if (rc == 0 && count > limit) {
        rc = yc_fail(err, YC_ERATE, "throttled", NULL,
                     "%s过于频繁：每 %lld 分钟最多 %lld 次，请稍后再试", zh,
                     (long long)(window_ms / 60000), (long long)limit);
        err->retry_after_s = (int)((start + window_ms - ctx->now_ms + 999) / 1000);
        if (err->retry_after_s < 1) {
            err->retry_after_s = 1;
        }
    }
    return rc;
}

int
yc_q_event(struct yc_ctx *ctx, const char *kind, int64_t ticket_id, int64_t window_id,
           int64_t zone_id, const char *reason, int feed, struct yc_err *err)
{
    struct yc_qevent e = {ctx->today, ctx->now_ms,       kind,   ticket_id, window_id,
                          zone_id,    yc_svc_actor(ctx), reason, feed};

    return yc_store_q_event(ctx->db, &e, NULL, err);
}

static void (*notify_fn)(void);

void
yc_svc_queue_set_notify(void (*fn)(void))
{
    notify_fn = fn;
}

void
yc_q_notify(void)
{
    if (notify_fn) {
        notify_fn();
    }
}

int
yc_q_issue(struct yc_ctx *ctx, struct yc_qticket *t, const char *zone_prefix,
           const char *event_kind, struct yc_err *err)
{
    unsigned char raw[16];
    char token[sodium_base64_ENCODED_LEN(16, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    char number[YC_QUEUE_NUMBER_SIZE];
    int32_t seq = 0;
    int rc = yc_store_q_next_seq(ctx->db, t->zone_id, ctx->today, &seq, err);

    if (rc) {
        return rc;
    }
    if (yc_queue_format_number(zone_prefix, seq, number, sizeof(number)) < 0) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "区域 %s 的排队号无法编号",
                       zone_prefix);
    }
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(token, sizeof(token), raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    t->day = ctx->today;
    t->number = yc_arena_strdup(ctx->arena, number);
    t->token = yc_arena_strdup(ctx->arena, token);
    t->issued_at = ctx->now_ms;
    rc = yc_store_q_ticket_insert(ctx->db, t, seq, yc_svc_actor(ctx), &t->id, err);
    if (rc == 0) {
        rc = yc_q_event(ctx, event_kind, t->id, 0, t->zone_id, t->channel, 0, err);
    }
    return rc;
}

void
yc_q_policy_ticket(const struct yc_qwait *w, struct yc_queue_ticket *t)
{
    memset(t, 0, sizeof(*t));
    t->id = w->id;
    t->zone = (int32_t)w->zone_id;
    t->cls = strcmp(w->cls, "green") == 0         ? YC_QUEUE_CLASS_GREEN
             : strcmp(w->cls, "appointment") == 0 ? YC_QUEUE_CLASS_APPOINTMENT
                                                  : YC_QUEUE_CLASS_NORMAL;
    t->green_reason = *w->green_reason ? w->green_reason : NULL;
    t->issued_s = w->issued_at / 1000;
    t->slot_start_s = w->slot_start / 1000;
    t->slot_end_s = w->slot_end / 1000;
    t->transferred_s = w->joined_at / 1000;
}

int
yc_q_zone_figures(struct yc_ctx *ctx, int64_t zone_id, int *open_windows, int64_t *mean_service_s,
                  json_t **windows, struct yc_err *err)
{
    struct yc_qpair *open;
    struct yc_qserve *serves;
    size_t nopen, nserves;
    int64_t count = 0, total = 0;
    int all = 0;
    int rc = yc_store_q_open_per_zone(ctx->db, ctx->arena, ctx->today, &open, &nopen, err);

    if (rc == 0) {
        rc = yc_store_q_serves_all(ctx->db, ctx->arena, &serves, &nserves, err);
    }
    if (rc == 0) {
        rc = yc_store_q_service_of_zone(ctx->db, ctx->today, zone_id, &count, &total, err);
    }
    if (rc) {
        return rc;
    }
    *open_windows = 0;
    for (size_t i = 0; i < nopen; i++) {
        if (open[i].id == zone_id) {
            *open_windows = (int)open[i].n;
        }
    }
    if (windows) {
        *windows = json_array();
    }
    for (size_t i = 0; i < nserves; i++) {
        if (serves[i].zone_id == zone_id) {
            all++;
            if (windows) {
                json_array_append_new(*windows, json_string(serves[i].number));
            }
        }
    }
    if (*open_windows == 0) {
        *open_windows = all > 0 ? all : 1;
    }
    *mean_service_s = count > 0 ? total / count / 1000 : YC_Q_DEFAULT_SERVICE_S;
    if (*mean_service_s < 1) {
        *mean_service_s = 1;
    }
    return 0;
}

/* ---- slips and the live position ---- */

/* People before ticket t now, by the policy's standing. */
static int
ahead_of(struct yc_ctx *ctx, const struct yc_qticket *t, int just_issued, int64_t *ahead,
         struct yc_err *err)
{
    struct yc_qpolicy q;
    struct yc_qwait *w = NULL;
    struct yc_queue_ticket *pt;
    struct yc_queue_view v = {0};
    size_t n = 0, cap = 0, me = SIZE_MAX;
    int rc;

    *ahead = 0;
    if (strcmp(t->state, "waiting") != 0) {
        return 0;
    }
    if (just_issued && strcmp(t->cls, "normal") == 0) {
        /* just issued, normal: every ticket waiting stands before it (queue-policy.md) */
        return yc_store_q_waiting_before(ctx->db, t->day, t->zone_id, t->issued_at, t->id, ahead,
                                         err);
    }
    rc = yc_q_policy_load(ctx, &q, err);
    if (rc == 0) {
        rc = yc_store_q_waiting(ctx->db, ctx->arena, t->day, t->zone_id, 0, &w, &n, &cap, err);
    }
    if (rc || n == 0) {
        return rc;
    }
    pt = yc_arena_alloc(ctx->arena, n * sizeof(*pt));
    for (size_t i = 0; i < n; i++) {
        yc_q_policy_ticket(&w[i], &pt[i]);
        if (w[i].id == t->id) {
            me = i;
        }
    }
    if (me == SIZE_MAX) {
        return 0;
    }
    v.now_s = ctx->now_ms / 1000;
    v.windows = 1;
    v.waiting = pt;
    v.n_waiting = n;
    *ahead = (int64_t)yc_queue_ahead(&q.p, &v, me);
    return 0;
}

static json_t *
zone_ref_json(const struct yc_qticket *t)
{
    return json_pack("{s:s, s:s, s:i}", "prefix", t->zone_prefix, "name", t->zone_name, "floor",
                     t->floor);
}

static json_t *
matter_ref_json(int64_t id, const char *code, const char *name)
{
    if (!id) {
        return json_null();
    }
    return json_pack("{s:s, s:s}", "code", code, "name", name);
}

static json_t *
text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* The figures of a waiting ticket shared by the slip and the live page. */
static int
position(struct yc_ctx *ctx, const struct yc_qticket *t, int just_issued, json_t *o,
         struct yc_err *err)
{
    int64_t ahead = 0, mean = 0;
    int open = 1;
    json_t *windows = NULL;
    int rc = ahead_of(ctx, t, just_issued, &ahead, err);

    if (rc == 0) {
        rc = yc_q_zone_figures(ctx, t->zone_id, &open, &mean, &windows, err);
    }
    if (rc == 0) {
        json_object_set_new(o, "ahead", json_integer(ahead));
        json_object_set_new(o, "est_wait_s",
                            json_integer(strcmp(t->state, "waiting") == 0
                                             ? yc_queue_estimate_wait_s((size_t)ahead, open, mean)
                                             : 0));
        json_object_set_new(o, "windows", windows);
    }
    return rc;
}

static json_t *
ticket_core_json(const struct yc_qticket *t)
{
    char day[11];

    yc_date_format(t->day, day);
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:o}", "id", (json_int_t)t->id,
                     "number", t->number, "date", day, "zone", zone_ref_json(t), "matter",
                     matter_ref_json(t->matter_id, t->matter_code, t->matter_name), "class", t->cls,
                     "green_reason", text_or_null(t->green_reason), "channel", t->channel, "state",
                     t->state, "issued_at", yc_q_time_json(t->issued_at));
}

static int
need_ticket(struct yc_ctx *ctx, int64_t id, struct yc_qticket *t, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_q_ticket_get(ctx->db, ctx->arena, id, t, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "排队号 %lld 不存在", (long long)id);
    }
    return rc;
}

int
yc_q_slip(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_qticket t;
    json_t *o;
    int rc = need_ticket(ctx, id, &t, err);

    if (rc) {
        return rc;
    }
    o = ticket_core_json(&t);
    json_object_set_new(o, "token", json_string(t.token));
    json_object_set_new(o, "phone", yc_q_phone_json(t.phone));
    rc = position(ctx, &t, 1, o, err);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = json_pack("{s:o}", "ticket", o);
    return 0;
}

/* ---- taking a ticket ---- */

/* Validate the input and fill the ticket's zone, matter and class (before the transaction). */
static int
ticket_prepare(struct yc_ctx *ctx, const struct yc_ticket_input *in, struct yc_qticket *t,
               struct yc_zone *z, struct yc_err *err)
{
    struct yc_matter_ref m = {0};
    struct yc_qpolicy q;
    int rc = 0;

    t->cls = "normal";
    t->green_reason = "";
    t->phone = in->phone ? in->phone : "";
    t->channel = in->public_request ? (in->channel ? in->channel : "kiosk") : "guide";
    if (in->public_request && strcmp(t->channel, "kiosk") != 0 &&
        strcmp(t->channel, "online") != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "channel",
                       "取号渠道应为 kiosk（自助机）或 online（网上）");
    }
    if (!in->zone && !in->matter) {
        return yc_fail(err, YC_EINVAL, "field_required", "zone", "请选择区域或办理事项");
    }
    if (in->phone) {
        rc = yc_q_phone_check(in->phone, "phone", err);
    }
    if (rc == 0 && in->matter) {
        rc = yc_svc_need_matter(ctx, in->matter, "matter", &m, err);
        t->matter_id = m.id;
    }
    if (rc == 0) {
        rc = in->zone ? yc_q_zone(ctx, in->zone, "zone", z, err)
                      : yc_q_zone_of_matter(ctx, &m, z, err);
    }
    if (rc == 0 && in->cls && strcmp(in->cls, "normal") != 0) {
        if (in->public_request || strcmp(in->cls, "green") != 0) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "class",
                           "排队类别应为 normal（普通）或 green（绿色通道，由导办人员取号）");
        }
        rc = yc_q_policy_load(ctx, &q, err);
        if (rc == 0 && !in->green_reason) {
            return yc_fail(err, YC_EINVAL, "field_required", "green_reason", "绿色通道须注明原因");
        }
        if (rc == 0 && !yc_queue_green_reason_ok(&q.p, in->green_reason)) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "green_reason",
                           "绿色通道原因 '%s' 不在当前规则的名单中", in->green_reason);
        }
        t->cls = "green";
        t->green_reason = in->green_reason;
    }
    if (rc == 0) {
        t->zone_id = z->id;
    }
    return rc;
}

int
yc_svc_ticket_issue(struct yc_ctx *ctx, const struct yc_ticket_input *in, json_t **out,
                    struct yc_err *err)
{
    struct yc_qticket t = {0};
    struct yc_zone z = {0};
    int rc = yc_svc_allow(ctx, in->public_request ? YC_OP_PUBLIC : YC_OP_QUEUE_ISSUE, err);

    if (rc == 0) {
        rc = ticket_prepare(ctx, in, &t, &z, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    if (in->public_request) {
        rc = yc_q_throttle(ctx, "kiosk", YC_QUEUE_KIOSK_LIMIT, YC_QUEUE_KIOSK_WINDOW_MS, "取号",
                           err);
    }
    if (rc == 0) {
        rc = yc_q_issue(ctx, &t, z.prefix, "issued", err);
    }
    if (rc == 0 && !in->public_request) {
        rc = yc_svc_audit(ctx, err, "queue.ticket.issue", t.number, "代办取号 %s（%s%s%s）",
                          t.number, z.name, strcmp(t.cls, "green") == 0 ? "，绿色通道：" : "",
                          strcmp(t.cls, "green") == 0 ? t.green_reason : "");
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_q_slip(ctx, t.id, out, err);
    }
    return rc;
}

int
yc_svc_ticket_public(struct yc_ctx *ctx, const char *token, json_t **out, struct yc_err *err)
{
    struct yc_qticket t;
    json_t *o;
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = yc_store_q_ticket_by_token(ctx->db, ctx->arena, token, &t, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有这个排队号");
    }
    if (rc) {
        return rc;
    }
    o = ticket_core_json(&t);
    json_object_del(o, "id");
    json_object_del(o, "matter"); /* what someone came for is theirs */
    json_object_del(o, "green_reason");
    json_object_set_new(o, "window", text_or_null(t.window_number));
    json_object_set_new(o, "called_at", yc_q_time_json(t.first_called_at));
    rc = position(ctx, &t, 0, o, err);
    if (rc) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return 0;
}

/* ---- staff views ---- */

static int
allow_tickets(struct yc_ctx *ctx, struct yc_err *err)
{
    return yc_svc_allow(ctx, YC_OP_QUEUE_TICKETS, err);
}

static const char *const states[] = {"waiting", "called",  "serving",
                                     "served",  "no_show", "abandoned"};

struct order_key {
    int64_t standing_s;
    int64_t issued_s;
    int64_t id;
    size_t index;
};

static int
cmp_order_key(const void *a, const void *b)
{
    const struct order_key *x = a, *y = b;

    if (x->standing_s != y->standing_s) {
        return x->standing_s < y->standing_s ? -1 : 1;
    }
    if (x->issued_s != y->issued_s) {
        return x->issued_s < y->issued_s ? -1 : 1;
    }
    return (x->id > y->id) - (x->id < y->id);
}

/* Waiting tickets in the calling order of rule 2 (standing now, issue time, id). */
static struct yc_qticket *
calling_order(struct yc_ctx *ctx, const struct yc_qpolicy *q, const struct yc_qticket *t, size_t n)
{
    struct order_key *k = yc_arena_alloc(ctx->arena, n * sizeof(*k));
    struct yc_qticket *sorted = yc_arena_alloc(ctx->arena, n * sizeof(*sorted));

    for (size_t i = 0; i < n; i++) {
        struct yc_qwait w = {t[i].id,
                             t[i].zone_id,
                             t[i].cls,
                             t[i].green_reason,
                             t[i].issued_at,
                             t[i].slot_start,
                             t[i].slot_end,
                             t[i].joined_at,
                             0,
                             0};
        struct yc_queue_ticket pt;
        yc_q_policy_ticket(&w, &pt);
        k[i] = (struct order_key){yc_queue_standing_s(&q->p, &pt, ctx->now_ms / 1000), pt.issued_s,
                                  pt.id, i};
    }
    qsort(k, n, sizeof(*k), cmp_order_key);
    for (size_t i = 0; i < n; i++) {
        sorted[i] = t[k[i].index];
    }
    return sorted;
}

int
yc_svc_ticket_list(struct yc_ctx *ctx, int32_t day, const char *zone, const char *state,
                   json_t **out, struct yc_err *err)
{
    struct yc_zone z = {0};
    struct yc_qticket *t;
    struct yc_qpolicy q;
    size_t n, known = 0;
    json_t *arr;
    char dtext[11];
    int rc = allow_tickets(ctx, err);

    for (size_t i = 0; state && i < sizeof(states) / sizeof(states[0]); i++) {
        known |= strcmp(state, states[i]) == 0;
    }
    if (rc == 0 && state && !known) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "state",
                     "状态应为 waiting、called、serving、served、no_show、abandoned 之一");
    }
    if (rc == 0 && zone) {
        rc = yc_q_zone(ctx, zone, "zone", &z, err);
    }
    if (rc == 0) {
        rc = yc_q_policy_load(ctx, &q, err);
    }
    if (rc == 0) {
        rc =
            yc_store_q_ticket_list(ctx->db, ctx->arena, day, z.id, state ? state : "", &t, &n, err);
    }
    if (rc) {
        return rc;
    }
    if (state && strcmp(state, "waiting") == 0 && n > 1) {
        t = calling_order(ctx, &q, t, n);
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = ticket_core_json(&t[i]);
        int64_t until = t[i].first_called_at ? t[i].first_called_at : ctx->now_ms;
        json_object_set_new(o, "zone", json_string(t[i].zone_prefix));
        json_object_set_new(o, "waited_s", json_integer((until - t[i].issued_at) / 1000));
        json_object_set_new(o, "window", text_or_null(t[i].window_number));
        json_array_append_new(arr, o);
    }
    yc_date_format(day, dtext);
    *out = json_pack("{s:s, s:o}", "date", dtext, "tickets", arr);
    return 0;
}

int
yc_svc_ticket_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_qticket t;
    struct yc_qevent_row *e;
    size_t n;
    json_t *o, *events;
    int rc = allow_tickets(ctx, err);

    if (rc == 0) {
        rc = need_ticket(ctx, id, &t, err);
    }
    if (rc == 0) {
        rc = yc_store_q_events_of_ticket(ctx->db, ctx->arena, id, &e, &n, err);
    }
    if (rc) {
        return rc;
    }
    o = ticket_core_json(&t);
    json_object_set_new(o, "token", json_string(t.token));
    json_object_set_new(o, "phone", yc_q_phone_json(t.phone));
    json_object_set_new(o, "window", text_or_null(t.window_number));
    json_object_set_new(o, "called_at", yc_q_time_json(t.first_called_at));
    json_object_set_new(o, "finished_at", yc_q_time_json(t.finished_at));
    events = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(events,
                              json_pack("{s:s, s:o, s:o, s:o, s:s, s:o}", "kind", e[i].kind, "at",
                                        yc_q_time_json(e[i].at), "window",
                                        text_or_null(e[i].window), "zone", text_or_null(e[i].zone),
                                        "actor", e[i].actor, "reason", text_or_null(e[i].reason)));
    }
    json_object_set_new(o, "events", events);
    *out = json_pack("{s:o}", "ticket", o);
    return 0;
}

int
yc_svc_ticket_abandon(struct yc_ctx *ctx, int64_t id, const char *reason, json_t **out,
                      struct yc_err *err)
{
    struct yc_qticket t;
    int64_t changes = 0;
    int rc = yc_svc_allow(ctx, YC_OP_QUEUE_ISSUE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_ticket(ctx, id, &t, err);
    if (rc == 0) {
        rc = yc_store_q_ticket_state(ctx->db, id, "waiting", "abandoned", ctx->now_ms, &changes,
                                     err);
    }
    if (rc == 0 && changes == 0) {
        rc = yc_fail(err, YC_ECONFLICT, "ticket_state", NULL, "排队号 %s 当前状态为 %s，不在等候中",
                     t.number, t.state);
    }
    if (rc == 0) {
        rc = yc_q_event(ctx, "abandoned", id, 0, t.zone_id, reason ? reason : "", 0, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.ticket.abandon", t.number, "排队号 %s 登记为离开%s%s",
                          t.number, reason ? "：" : "", reason ? reason : "");
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_svc_ticket_get(ctx, id, out, err);
    }
    return rc;
}

/* ---- live lengths ---- */

int
yc_svc_queue_public(struct yc_ctx *ctx, json_t **out, struct yc_err *err)
{
    struct yc_zone *z;
    struct yc_qzone_count *c;
    struct yc_qpair *open;
    struct yc_qserve *serves;
    size_t nz, nc, nopen, nserves;
    json_t *arr;
    char dtext[11];
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = yc_store_zone_list(ctx->db, ctx->arena, &z, &nz, err);
    }
    if (rc == 0) {
        rc = yc_store_q_waiting_counts(ctx->db, ctx->arena, ctx->today, &c, &nc, err);
    }
    if (rc == 0) {
        rc = yc_store_q_open_per_zone(ctx->db, ctx->arena, ctx->today, &open, &nopen, err);
    }
    if (rc == 0) {
        rc = yc_store_q_serves_all(ctx->db, ctx->arena, &serves, &nserves, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; rc == 0 && i < nz; i++) {
        int64_t waiting = 0, oldest = 0, count = 0, total = 0, nopen_z = 0, mean;
        json_t *wins = json_array();
        int all = 0;
        for (size_t j = 0; j < nc; j++) {
            if (c[j].zone_id == z[i].id) {
                waiting = c[j].waiting;
                oldest = c[j].oldest_issued_at;
            }
        }
        for (size_t j = 0; j < nopen; j++) {
            nopen_z = open[j].id == z[i].id ? open[j].n : nopen_z;
        }
        for (size_t j = 0; j < nserves; j++) {
            if (serves[j].zone_id == z[i].id) {
                json_array_append_new(wins, json_string(serves[j].number));
                all++;
            }
        }
        rc = yc_store_q_service_of_zone(ctx->db, ctx->today, z[i].id, &count, &total, err);
        mean = count > 0 ? total / count / 1000 : YC_Q_DEFAULT_SERVICE_S;
        json_array_append_new(
            arr,
            json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:o, s:I, s:I}", "prefix", z[i].prefix,
                      "name", z[i].name, "kind", z[i].kind, "floor", z[i].floor_number, "waiting",
                      (json_int_t)waiting, "open_windows", (json_int_t)nopen_z, "windows", wins,
                      "est_wait_s",
                      (json_int_t)yc_queue_estimate_wait_s((size_t)waiting,
                                                           nopen_z ? (int)nopen_z : (all ? all : 1),
                                                           mean > 0 ? mean : 1),
                      "longest_wait_s", (json_int_t)(waiting ? (ctx->now_ms - oldest) / 1000 : 0)));
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    yc_date_format(ctx->today, dtext);
    *out = json_pack("{s:s, s:o}", "date", dtext, "zones", arr);
    return 0;
}
