/*
 * queue_appt.c - appointments (预约): slots of a zone or a matter on each working day, booking
 * (public, rate-limited; returns a code), cancelling, checking in at the kiosk for a ticket of
 * class appointment; and the administrators' slot configuration.
 *
 * Capacity holds under concurrency: a booking takes its place by updating the (slot, day) row of
 * queue_slot_load in its transaction and refuses when the count passes the capacity.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "svc/queue_int.h"
#include "base/banned.h"

#define CODE_LEN     8
#define MAX_SLOTS    48
#define MAX_CAPACITY 500

/* Codes people type at a kiosk: no 0/O, 1/I. */
static const char code_chars[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/* "HH:MM" -> minutes, or -1. */
static int
parse_hhmm(const char *s)
{
    int h, m;

    if (!s || strlen(s) != 5 || s[2] != ':') {
        return -1;
    }
    for (int i = 0; i < 5; i++) {
        if (i != 2 && (s[i] < '0' || s[i] > '9')) {
            return -1;
        }
    }
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
        return -1;
    }
    return h * 60 + m;
}

static json_t *
hhmm(int min)
{
    char s[6];

    s[0] = (char)('0' + min / 600);
    s[1] = (char)('0' + min / 60 % 10);
    s[2] = ':';
    s[3] = (char)('0' + min % 60 / 10);
    s[4] = (char)('0' + min % 10);
    s[5] = '\0';
    return json_string(s);
}

static int
minute_of(int64_t ms, int32_t day)
{
    return (int)((ms - yc_q_day_ms(day, 0)) / 60000);
}

static json_t *
appt_json(const struct yc_qappt *p)
{
    char day[11];

    yc_date_format(p->day, day);
    return json_pack("{s:s, s:s, s:o, s:o, s:{s:s, s:s, s:i}, s:o, s:s, s:o, s:o}", "code", p->code,
                     "date", day, "start", hhmm(minute_of(p->slot_start, p->day)), "end",
                     hhmm(minute_of(p->slot_end, p->day)), "zone", "prefix", p->zone_prefix, "name",
                     p->zone_name, "floor", p->floor, "matter",
                     p->matter_id
                         ? json_pack("{s:s, s:s}", "code", p->matter_code, "name", p->matter_name)
                         : json_null(),
                     "status", p->status, "phone", yc_q_phone_json(p->phone), "ticket",
                     *p->ticket ? json_string(p->ticket) : json_null());
}

/* The zone and slots for a zone prefix or a matter code: a matter's own slots when it has any,
 * else its zone's slots for every matter. */
static int
slots_for(struct yc_ctx *ctx, const char *zone, const char *matter, struct yc_zone *z,
          struct yc_matter_ref *m, struct yc_qslot **slots, size_t *n, struct yc_err *err)
{
    struct yc_qslot *all;
    size_t na, kept = 0;
    int rc;

    memset(m, 0, sizeof(*m));
    *n = 0;
    if (!zone && !matter) {
        return yc_fail(err, YC_EINVAL, "field_required", "zone", "请选择区域或办理事项");
    }
    if (matter) {
        rc = yc_svc_need_matter(ctx, matter, "matter", m, err);
        if (rc == 0) {
            rc = yc_store_q_slots_of_matter(ctx->db, ctx->arena, m->id, slots, n, err);
        }
        if (rc == 0) {
            rc = *n && !zone ? yc_store_zone_get(ctx->db, ctx->arena, (*slots)[0].zone_id, z,
                                                 &(int){0}, err)
                 : zone      ? yc_q_zone(ctx, zone, "zone", z, err)
                             : yc_q_zone_of_matter(ctx, m, z, err);
        }
        if (rc || *n) {
            return rc;
        }
    } else {
        rc = yc_q_zone(ctx, zone, "zone", z, err);
        if (rc) {
            return rc;
        }
    }
    rc = yc_store_q_slots_of_zone(ctx->db, ctx->arena, z->id, &all, &na, err);
    for (size_t i = 0; rc == 0 && i < na; i++) {
        if (all[i].matter_id == 0) {
            all[kept++] = all[i];
        }
    }
    *slots = all;
    *n = kept;
    return rc;
}

/* Working day, or 422 not_workday (calendar_year_missing when the year has no calendar). */
static int
need_workday(struct yc_ctx *ctx, int32_t day, int *is_work, struct yc_err *err)
{
    struct yc_ctx sys = *ctx;
    char d[11];
    int rc;

    sys.system = 1; /* the calendar lookup of a public use case */
    rc = yc_svc_workdays_is(&sys, day, is_work, err);
    if (rc == 0 && !*is_work && err) {
        yc_date_format(day, d);
        rc = yc_fail(err, YC_EUNPROC, "not_workday", "date", "%s 不是工作日，不能预约", d);
    }
    return rc;
}

int
yc_svc_slots_day(struct yc_ctx *ctx, int32_t day, const char *zone, const char *matter,
                 json_t **out, struct yc_err *err)
{
    struct yc_zone z = {0};
    struct yc_matter_ref m;
    struct yc_qslot *s;
    size_t n;
    int is_work = 0;
    char d[11];
    json_t *arr;
    struct yc_ctx sys = *ctx;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = slots_for(ctx, zone, matter, &z, &m, &s, &n, err);
    }
    sys.system = 1;
    if (rc == 0) {
        rc = yc_svc_workdays_is(&sys, day, &is_work, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; rc == 0 && is_work && i < n; i++) {
        int64_t booked = 0;
        rc = yc_store_q_slot_booked(ctx->db, s[i].id, day, &booked, err);
        json_array_append_new(
            arr, json_pack("{s:o, s:o, s:i, s:I, s:I, s:b}", "start", hhmm(s[i].start_min), "end",
                           hhmm(s[i].end_min), "capacity", s[i].capacity, "booked",
                           (json_int_t)booked, "available",
                           (json_int_t)(booked < s[i].capacity ? s[i].capacity - booked : 0),
                           "past", yc_q_day_ms(day, s[i].end_min) <= ctx->now_ms));
    }
    if (rc) {
        json_decref(arr);
        return rc;
    }
    yc_date_format(day, d);
    *out = json_pack("{s:s, s:b, s:{s:s, s:s, s:i}, s:o, s:o}", "date", d, "workday", is_work,
                     "zone", "prefix", z.prefix, "name", z.name, "floor", z.floor_number, "matter",
                     m.id ? json_pack("{s:s, s:s}", "code", m.code, "name", m.name) : json_null(),
                     "slots", arr);
    return 0;
}

static void
new_code(char out[CODE_LEN + 1])
{
    unsigned char raw[CODE_LEN];

    randombytes_buf(raw, sizeof(raw));
    for (int i = 0; i < CODE_LEN; i++) {
        out[i] = code_chars[raw[i] % (sizeof(code_chars) - 1)]; /* 32 symbols: no bias */
    }
    out[CODE_LEN] = '\0';
}

int
yc_svc_appt_book(struct yc_ctx *ctx, const char *zone, const char *matter, int32_t day,
                 const char *start, const char *phone, json_t **out, struct yc_err *err)
{
    struct yc_zone z = {0};
    struct yc_matter_ref m;
    struct yc_qslot *s = NULL, *slot = NULL;
    struct yc_qappt ap = {0};
    char code[CODE_LEN + 1], d[11];
    int64_t booked = 0;
    int is_work = 0, found = 1, min = parse_hhmm(start);
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);
    size_t n = 0;

    if (rc == 0) {
        rc = yc_q_phone_check(phone, "phone", err);
    }
    if (rc == 0 && min < 0) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "start", "时段开始时间应为 HH:MM");
    }
    yc_date_format(day, d);
    if (rc == 0 && day < ctx->today) {
        rc = yc_fail(err, YC_EUNPROC, "slot_past", "date", "%s 已过去，不能预约", d);
    }
    if (rc == 0 && day > ctx->today + YC_QUEUE_BOOK_DAYS_AHEAD) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "date", "最多可预约 %d 天内的时段",
                     YC_QUEUE_BOOK_DAYS_AHEAD);
    }
    if (rc == 0) {
        rc = slots_for(ctx, zone, matter, &z, &m, &s, &n, err);
    }
    if (rc == 0) {
        rc = need_workday(ctx, day, &is_work, err);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        slot = s[i].start_min == min ? &s[i] : slot;
    }
    if (rc) {
        return rc;
    }
    if (!slot) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "start", "%s %s 没有 %s 开始的预约时段", d,
                       z.name, start);
    }
    if (yc_q_day_ms(day, slot->end_min) <= ctx->now_ms) {
        return yc_fail(err, YC_EUNPROC, "slot_past", "start", "%s %s 的时段已结束", d, start);
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_q_throttle(ctx, "book", YC_QUEUE_BOOK_LIMIT, YC_QUEUE_BOOK_WINDOW_MS, "预约", err);
    if (rc == 0) {
        rc = yc_store_q_slot_book(ctx->db, slot->id, day, &booked, err);
    }
    if (rc == 0 && booked > slot->capacity) {
        rc = yc_fail(err, YC_ECONFLICT, "slot_full", "start", "%s %s 的时段已约满（%d 个名额）", d,
                     start, slot->capacity);
    }
    /* a code not in use (8 of 32 symbols: a repeat is rare, but checked) */
    for (int i = 0; rc == 0 && found && i < 5; i++) {
        new_code(code);
        rc = yc_store_q_appt_by_code(ctx->db, ctx->arena, code, &ap, &found, err);
    }
    if (rc == 0) {
        memset(&ap, 0, sizeof(ap));
        ap.code = code;
        ap.day = day;
        ap.slot_id = slot->id;
        ap.zone_id = z.id;
        ap.matter_id = m.id;
        ap.slot_start = yc_q_day_ms(day, slot->start_min);
        ap.slot_end = yc_q_day_ms(day, slot->end_min);
        ap.phone = phone;
        rc = yc_store_q_appt_insert(ctx->db, &ap, ctx->now_ms, &ap.id, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_svc_appt_get(ctx, code, out, err);
    }
    return rc;
}

static int
need_appt(struct yc_ctx *ctx, const char *code, struct yc_qappt *p, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_q_appt_by_code(ctx->db, ctx->arena, code, p, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "unknown_code", NULL, "没有预约码为 %s 的预约", code);
    }
    return rc;
}

int
yc_svc_appt_get(struct yc_ctx *ctx, const char *code, json_t **out, struct yc_err *err)
{
    struct yc_qappt p;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = need_appt(ctx, code, &p, err);
    }
    if (rc == 0) {
        *out = json_pack("{s:o}", "appointment", appt_json(&p));
    }
    return rc;
}

/* Booked and not cancelled, or the documented refusal. */
static int
need_booked(const struct yc_qappt *p, struct yc_err *err)
{
    if (strcmp(p->status, "checked_in") == 0) {
        return yc_fail(err, YC_ECONFLICT, "already_checked_in", NULL, "预约 %s 已签到（排队号 %s）",
                       p->code, p->ticket);
    }
    if (strcmp(p->status, "cancelled") == 0) {
        return yc_fail(err, YC_ECONFLICT, "already_cancelled", NULL, "预约 %s 已取消", p->code);
    }
    return 0;
}

int
yc_svc_appt_cancel(struct yc_ctx *ctx, const char *code, json_t **out, struct yc_err *err)
{
    struct yc_qappt p;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_appt(ctx, code, &p, err);
    if (rc == 0) {
        rc = yc_store_q_appt_lock(ctx->db, p.id, err);
    }
    if (rc == 0) {
        rc = need_appt(ctx, code, &p, err); /* as it is under the lock */
    }
    if (rc == 0) {
        rc = need_booked(&p, err);
    }
    if (rc == 0 && p.slot_end <= ctx->now_ms) {
        rc = yc_fail(err, YC_EUNPROC, "slot_past", NULL, "预约 %s 的时段已结束，不能取消", code);
    }
    if (rc == 0) {
        rc = yc_store_q_appt_set(ctx->db, p.id, "cancelled", 0, ctx->now_ms, err);
    }
    if (rc == 0) {
        rc = yc_store_q_slot_unbook(ctx->db, p.slot_id, p.day, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_svc_appt_get(ctx, code, out, err);
    }
    return rc;
}

int
yc_svc_appt_checkin(struct yc_ctx *ctx, const char *code, json_t **out, struct yc_err *err)
{
    struct yc_qappt p = {0};
    struct yc_qticket t = {0};
    struct yc_qpolicy q;
    struct yc_queue_ticket pt = {0};
    char d[11];
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_q_throttle(ctx, "kiosk", YC_QUEUE_KIOSK_LIMIT, YC_QUEUE_KIOSK_WINDOW_MS, "取号", err);
    if (rc == 0) {
        rc = need_appt(ctx, code, &p, err);
    }
    if (rc == 0) {
        rc = yc_store_q_appt_lock(ctx->db, p.id, err);
    }
    if (rc == 0) {
        rc = need_appt(ctx, code, &p, err);
    }
    if (rc == 0) {
        rc = need_booked(&p, err);
    }
    if (rc == 0 && p.day != ctx->today) {
        yc_date_format(p.day, d);
        rc = yc_fail(err, YC_EUNPROC, "wrong_day", NULL, "预约 %s 是 %s 的，请在当天签到", code, d);
    }
    if (rc == 0) {
        rc = yc_q_policy_load(ctx, &q, err);
    }
    if (rc == 0) {
        t.zone_id = p.zone_id;
        t.matter_id = p.matter_id;
        t.cls = "appointment";
        t.green_reason = "";
        t.channel = "appointment";
        t.phone = p.phone;
        t.appointment_id = p.id;
        t.slot_start = p.slot_start;
        t.slot_end = p.slot_end;
        rc = yc_q_issue(ctx, &t, p.zone_prefix, "checked_in", err);
    }
    if (rc == 0) {
        rc = yc_store_q_appt_set(ctx->db, p.id, "checked_in", t.id, ctx->now_ms, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_q_slip(ctx, t.id, out, err);
    }
    if (rc == 0) {
        /* priority once the slot starts, if checked in by its end + grace (rule 1) */
        pt.cls = YC_QUEUE_CLASS_APPOINTMENT;
        pt.issued_s = ctx->now_ms / 1000;
        pt.slot_start_s = p.slot_start / 1000;
        pt.slot_end_s = p.slot_end / 1000;
        json_object_set_new(*out, "priority",
                            json_boolean(yc_queue_effective_class(&q.p, &pt, pt.slot_end_s) ==
                                         YC_QUEUE_CLASS_APPOINTMENT));
    }
    return rc;
}

/* ---- configuration ---- */

static json_t *
slots_json(const struct yc_qslot *s, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            arr, json_pack("{s:o, s:o, s:i, s:o}", "start", hhmm(s[i].start_min), "end",
                           hhmm(s[i].end_min), "capacity", s[i].capacity, "matter",
                           s[i].matter_id ? json_string(s[i].matter_code) : json_null()));
    }
    return arr;
}

int
yc_svc_slots_get(struct yc_ctx *ctx, const char *zone, json_t **out, struct yc_err *err)
{
    struct yc_zone z;
    struct yc_qslot *s;
    size_t n;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_READ, err);

    if (rc == 0) {
        rc = yc_q_zone(ctx, zone, "zone", &z, err);
    }
    if (rc == 0) {
        rc = yc_store_q_slots_of_zone(ctx->db, ctx->arena, z.id, &s, &n, err);
    }
    if (rc == 0) {
        *out = json_pack("{s:s, s:o}", "zone", z.prefix, "slots", slots_json(s, n));
    }
    return rc;
}

static int
cmp_slot(const void *a, const void *b)
{
    const struct yc_qslot *x = a, *y = b;

    return (x->start_min > y->start_min) - (x->start_min < y->start_min);
}

/* Parse and check the slots of a body: times, order, overlap, capacity. */
static int
parse_slots(struct yc_ctx *ctx, const json_t *arr, struct yc_qslot **out, size_t *n,
            struct yc_err *err)
{
    size_t i;
    json_t *e;

    *out = NULL;
    *n = json_array_size(arr);
    if (!json_is_array(arr) || *n > MAX_SLOTS) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "slots", "slots 应为至多 %d 个时段的数组",
                       MAX_SLOTS);
    }
    *out = yc_arena_alloc(ctx->arena, (*n + 1) * sizeof(**out));
    json_array_foreach(arr, i, e)
    {
        const json_t *cap = json_object_get(e, "capacity");
        struct yc_qslot *s = &(*out)[i];
        memset(s, 0, sizeof(*s));
        s->start_min = parse_hhmm(json_string_value(json_object_get(e, "start")));
        s->end_min = parse_hhmm(json_string_value(json_object_get(e, "end")));
        s->capacity = json_is_integer(cap) ? (int)json_integer_value(cap) : 0;
        if (!json_is_object(e) || s->start_min < 0 || s->end_min <= s->start_min ||
            !json_is_integer(cap) || json_integer_value(cap) < 1 ||
            json_integer_value(cap) > MAX_CAPACITY) {
            return yc_fail(
                err, YC_EUNPROC, "field_invalid", "slots",
                "第 %zu 个时段无效：应为 {\"start\": \"HH:MM\", \"end\": \"HH:MM\"（晚于开始）, "
                "\"capacity\": 1–%d}",
                i + 1, MAX_CAPACITY);
        }
    }
    qsort(*out, *n, sizeof(**out), cmp_slot);
    for (i = 1; i < *n; i++) {
        if ((*out)[i].start_min < (*out)[i - 1].end_min) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "slots", "时段有重叠");
        }
    }
    return 0;
}

int
yc_svc_slots_put(struct yc_ctx *ctx, const char *zone, const char *matter, const json_t *slots,
                 json_t **out, struct yc_err *err)
{
    struct yc_zone z = {0};
    struct yc_matter_ref m = {0};
    struct yc_qslot *s = NULL;
    size_t n = 0;
    int64_t id;
    int rc = yc_svc_allow(ctx, YC_OP_HALL_WRITE, err);

    if (rc == 0) {
        rc = parse_slots(ctx, slots, &s, &n, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_q_zone(ctx, zone, "zone", &z, err);
    if (rc == 0 && matter) {
        rc = yc_svc_need_matter(ctx, matter, "matter", &m, err);
    }
    if (rc == 0) {
        rc = yc_store_q_slots_retire(ctx->db, z.id, m.id, err);
    }
    for (size_t i = 0; rc == 0 && s && i < n; i++) {
        s[i].zone_id = z.id;
        s[i].matter_id = m.id;
        rc = yc_store_q_slot_insert(ctx->db, &s[i], &id, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "queue.slots", z.prefix, "设置区域 %s%s%s 的预约时段：%zu 个",
                          z.name, matter ? " 事项 " : "", matter ? matter : "", n);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_svc_slots_get(ctx, zone, out, err);
    }
    return rc;
}
