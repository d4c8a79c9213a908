/* queue.c - repository functions of the hall queue (queue.h; statements in stmts_queue.def). */
#include <string.h>

#include "base/date.h"
#include "store/queue.h"
#include "store/rows.h"
#include "base/banned.h"

/* ---- helpers ---- */

struct day_text {
    char s[11];
};

static struct day_text
dtext(int32_t day)
{
    struct day_text t = {{0}};

    yc_date_format(day, t.s);
    return t;
}

static int32_t
day_of(const char *s)
{
    int32_t d = 0;

    if (yc_date_parse(s, strlen(s), &d) != 0) {
        return 0;
    }
    return d;
}

static const char *
text(struct yc_rows *r, struct yc_arena *a, int c)
{
    return yc_arena_strdup(a, yc_rows_text(r, c));
}

static struct yc_val
id_or_null(int64_t id)
{
    return id ? YC_VI(id) : YC_VNULL;
}


/* Append every row of a query to the arena array *out (n items, capacity *cap). */
static int
append(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
       struct yc_arena *a, size_t size, yc_read_fn fn, void **out, size_t *n, size_t *cap,
       struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        if (*n == *cap) {
            size_t ncap = *cap ? *cap * 2 : 32;
            char *bigger = yc_arena_alloc(a, ncap * size);
            if (*n) {
                memcpy(bigger, *out, *n * size);
            }
            *out = bigger;
            *cap = ncap;
        }
        fn(r, a, (char *)*out + *n * size);
        (*n)++;
    }
    yc_rows_close(r);
    return rc;
}

static int
scalar(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs, int64_t *v,
       struct yc_err *err)
{
    int found = 0;
    int rc = yc_db_scalar(db, q, args, nargs, v, &found, err);

    if (rc == 0 && !found) {
        *v = 0;
    }
    return rc;
}

/* ---- readers ---- */

static void
read_ticket(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qticket *t = e;

    t->id = yc_rows_int(r, 0);
    t->day = day_of(yc_rows_text(r, 1));
    t->number = text(r, a, 2);
    t->zone_id = yc_rows_int(r, 3);
    t->zone_prefix = text(r, a, 4);
    t->zone_name = text(r, a, 5);
    t->floor = (int)yc_rows_int(r, 6);
    t->matter_id = yc_rows_int(r, 7);
    t->matter_code = text(r, a, 8);
    t->matter_name = text(r, a, 9);
    t->cls = text(r, a, 10);
    t->green_reason = text(r, a, 11);
    t->channel = text(r, a, 12);
    t->phone = text(r, a, 13);
    t->token = text(r, a, 14);
    t->state = text(r, a, 15);
    t->issued_at = yc_rows_int(r, 16);
    t->joined_at = yc_rows_int(r, 17);
    t->slot_start = yc_rows_int(r, 18);
    t->slot_end = yc_rows_int(r, 19);
    t->target_window_id = yc_rows_int(r, 20);
    t->window_id = yc_rows_int(r, 21);
    t->window_number = text(r, a, 22);
    t->first_called_at = yc_rows_int(r, 23);
    t->finished_at = yc_rows_int(r, 24);
    t->appointment_id = yc_rows_int(r, 25);
    t->issue_zone_id = yc_rows_int(r, 26);
}

/* The class and reason are one of a few short strings: keep static copies, not arena ones. */
static const char *
class_str(const char *s)
{
    static const char *const known[] = {"normal", "green", "appointment"};

    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(s, known[i]) == 0) {
            return known[i];
        }
    }
    return "normal";
}

static void
read_wait(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qwait *w = e;
    const char *reason = yc_rows_text(r, 3);

    w->id = yc_rows_int(r, 0);
    w->zone_id = yc_rows_int(r, 1);
    w->cls = class_str(yc_rows_text(r, 2));
    w->green_reason = *reason ? yc_arena_strdup(a, reason) : "";
    w->issued_at = yc_rows_int(r, 4);
    w->slot_start = yc_rows_int(r, 5);
    w->slot_end = yc_rows_int(r, 6);
    w->joined_at = yc_rows_int(r, 7);
    w->matter_id = yc_rows_int(r, 8);
    w->target_window_id = yc_rows_int(r, 9);
}

static void
read_call_time(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qcall_time *c = e;

    (void)a;
    c->issued_at = yc_rows_int(r, 0);
    c->called_at = yc_rows_int(r, 1);
    c->finished_at = yc_rows_int(r, 2);
}

static void
read_call(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qcall *c = e;

    c->id = yc_rows_int(r, 0);
    c->ticket_id = yc_rows_int(r, 1);
    c->zone_id = yc_rows_int(r, 2);
    c->window_id = yc_rows_int(r, 3);
    c->staff_id = yc_rows_int(r, 4);
    c->issued_at = yc_rows_int(r, 5);
    c->called_at = yc_rows_int(r, 6);
    c->serving_at = yc_rows_int(r, 7);
    c->finished_at = yc_rows_int(r, 8);
    c->outcome = text(r, a, 9);
    c->first_call = (int)yc_rows_int(r, 10);
    c->recalls = (int)yc_rows_int(r, 11);
}

static void
read_win(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qwin *w = e;

    w->window_id = yc_rows_int(r, 0);
    w->day = day_of(yc_rows_text(r, 1));
    w->state = text(r, a, 2);
    w->holder_id = yc_rows_int(r, 3);
    w->holder_username = text(r, a, 4);
    w->holder_name = text(r, a, 5);
    w->since = yc_rows_int(r, 6);
    w->pause_reason = text(r, a, 7);
    w->ticket_id = yc_rows_int(r, 8);
    w->call_id = yc_rows_int(r, 9);
}

static void
read_feed(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qfeed *f = e;

    f->seq = yc_rows_int(r, 0);
    f->kind = strcmp(yc_rows_text(r, 1), "recalled") == 0 ? "recalled" : "called";
    f->at = yc_rows_int(r, 2);
    f->ticket = text(r, a, 3);
    f->window = text(r, a, 4);
    f->zone_prefix = text(r, a, 5);
    f->zone_name = text(r, a, 6);
}

static void
read_event_row(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qevent_row *x = e;

    x->kind = text(r, a, 0);
    x->at = yc_rows_int(r, 1);
    x->window = text(r, a, 2);
    x->zone = text(r, a, 3);
    x->actor = text(r, a, 4);
    x->reason = text(r, a, 5);
}

static void
read_zone_count(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qzone_count *z = e;

    (void)a;
    z->zone_id = yc_rows_int(r, 0);
    z->waiting = yc_rows_int(r, 1);
    z->oldest_issued_at = yc_rows_int(r, 2);
}

static void
read_pair(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qpair *p = e;

    (void)a;
    p->id = yc_rows_int(r, 0);
    p->n = yc_rows_int(r, 1);
}

static void
read_serve(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qserve *s = e;

    s->window_id = yc_rows_int(r, 0);
    s->number = text(r, a, 1);
    s->zone_id = yc_rows_int(r, 2);
}

static void
read_board(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qboard_row *b = e;

    b->window_id = yc_rows_int(r, 0);
    b->number = text(r, a, 1);
    b->zone_prefix = text(r, a, 2);
    b->zone_name = text(r, a, 3);
    b->active = (int)yc_rows_int(r, 4);
    b->state = text(r, a, 5);
    b->holder_username = text(r, a, 6);
    b->holder_name = text(r, a, 7);
    b->since = yc_rows_int(r, 8);
    b->pause_reason = text(r, a, 9);
    b->ticket = text(r, a, 10);
    b->ticket_state = text(r, a, 11);
    b->called_at = yc_rows_int(r, 12);
    b->serving_at = yc_rows_int(r, 13);
}

static void
read_slot(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qslot *s = e;

    s->id = yc_rows_int(r, 0);
    s->zone_id = yc_rows_int(r, 1);
    s->matter_id = yc_rows_int(r, 2);
    s->matter_code = text(r, a, 3);
    s->start_min = (int)yc_rows_int(r, 4);
    s->end_min = (int)yc_rows_int(r, 5);
    s->capacity = (int)yc_rows_int(r, 6);
}

static void
read_appt(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qappt *p = e;

    p->id = yc_rows_int(r, 0);
    p->code = text(r, a, 1);
    p->day = day_of(yc_rows_text(r, 2));
    p->slot_id = yc_rows_int(r, 3);
    p->zone_id = yc_rows_int(r, 4);
    p->zone_prefix = text(r, a, 5);
    p->zone_name = text(r, a, 6);
    p->floor = (int)yc_rows_int(r, 7);
    p->matter_id = yc_rows_int(r, 8);
    p->matter_code = text(r, a, 9);
    p->matter_name = text(r, a, 10);
    p->slot_start = yc_rows_int(r, 11);
    p->slot_end = yc_rows_int(r, 12);
    p->phone = text(r, a, 13);
    p->status = text(r, a, 14);
    p->ticket = text(r, a, 15);
    p->ticket_id = yc_rows_int(r, 16);
}

static void
read_stat_ticket(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qstat_ticket *t = e;

    t->id = yc_rows_int(r, 0);
    t->issue_zone_id = yc_rows_int(r, 1);
    t->zone_id = yc_rows_int(r, 2);
    t->cls = text(r, a, 3);
    t->channel = text(r, a, 4);
    t->state = text(r, a, 5);
    t->issued_at = yc_rows_int(r, 6);
    t->first_called_at = yc_rows_int(r, 7);
}

static void
read_stat_call(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qstat_call *c = e;

    c->ticket_id = yc_rows_int(r, 0);
    c->zone_id = yc_rows_int(r, 1);
    c->window_id = yc_rows_int(r, 2);
    c->window = text(r, a, 3);
    c->staff_id = yc_rows_int(r, 4);
    c->staff_username = text(r, a, 5);
    c->staff_name = text(r, a, 6);
    c->issued_at = yc_rows_int(r, 7);
    c->called_at = yc_rows_int(r, 8);
    c->finished_at = yc_rows_int(r, 9);
    c->outcome = text(r, a, 10);
    c->first_call = (int)yc_rows_int(r, 11);
    c->recalls = (int)yc_rows_int(r, 12);
}

/* ---- numbering and tickets ---- */

int
yc_store_q_next_seq(struct yc_db *db, int64_t zone_id, int32_t day, int32_t *seq,
                    struct yc_err *err)
{
    struct day_text d = dtext(day);
    int64_t v = 0;
    int rc = scalar(db, YC_Q_QCOUNTER_NEXT, YC_ARGS(YC_VI(zone_id), YC_VT(d.s)), &v, err);

    *seq = (int32_t)v;
    return rc;
}

int
yc_store_q_ticket_insert(struct yc_db *db, const struct yc_qticket *t, int32_t seq,
                         const char *issued_by, int64_t *id, struct yc_err *err)
{
    struct day_text d = dtext(t->day);

    return scalar(db, YC_Q_QTICKET_INSERT,
                  YC_ARGS(YC_VT(d.s), YC_VI(t->zone_id), YC_VI(seq), YC_VT(t->number),
                          id_or_null(t->matter_id), YC_VT(t->cls), YC_VT(t->green_reason),
                          YC_VT(t->channel), *t->phone ? YC_VT(t->phone) : YC_VNULL,
                          YC_VT(t->token), id_or_null(t->appointment_id), YC_VI(t->slot_start),
                          YC_VI(t->slot_end), YC_VI(t->issued_at), YC_VT(issued_by)),
                  id, err);
}

int
yc_store_q_ticket_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_qticket *out,
                      int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_QTICKET_GET, YC_ARGS(YC_VI(id)), a, read_ticket, out, found, err);
}

int
yc_store_q_ticket_by_token(struct yc_db *db, struct yc_arena *a, const char *token,
                           struct yc_qticket *out, int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_QTICKET_BY_TOKEN, YC_ARGS(YC_VT(token)), a, read_ticket, out, found, err);
}

int
yc_store_q_ticket_list(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                       const char *state, struct yc_qticket **out, size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QTICKET_LIST, YC_ARGS(YC_VT(d.s), YC_VI(zone_id), YC_VT(state)), a,
                   sizeof(**out), read_ticket, (void **)out, n, err);
}

int
yc_store_q_waiting(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                   int64_t window_id, struct yc_qwait **out, size_t *n, size_t *cap,
                   struct yc_err *err)
{
    struct day_text d = dtext(day);

    if (window_id) {
        return append(db, YC_Q_QWAITING_OF_WINDOW, YC_ARGS(YC_VI(window_id), YC_VT(d.s)), a,
                      sizeof(**out), read_wait, (void **)out, n, cap, err);
    }
    return append(db, YC_Q_QWAITING_OF_ZONE, YC_ARGS(YC_VT(d.s), YC_VI(zone_id)), a, sizeof(**out),
                  read_wait, (void **)out, n, cap, err);
}

int
yc_store_q_waiting_counts(struct yc_db *db, struct yc_arena *a, int32_t day,
                          struct yc_qzone_count **out, size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QWAITING_COUNTS, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_zone_count,
                   (void **)out, n, err);
}

int
yc_store_q_waiting_count(struct yc_db *db, int32_t day, int64_t zone_id, int64_t *n,
                         struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QWAITING_COUNT_ZONE, YC_ARGS(YC_VT(d.s), YC_VI(zone_id)), n, err);
}

int
yc_store_q_waiting_before(struct yc_db *db, int32_t day, int64_t zone_id, int64_t issued_at,
                          int64_t id, int64_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QWAITING_BEFORE,
                  YC_ARGS(YC_VT(d.s), YC_VI(zone_id), YC_VI(issued_at), YC_VI(id)), n, err);
}

int
yc_store_q_ticket_claim(struct yc_db *db, int64_t id, int64_t window_id, int64_t now,
                        int64_t *changes, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QTICKET_CLAIM, YC_ARGS(YC_VI(id), YC_VI(window_id), YC_VI(now)),
                      changes, err);
}

int
yc_store_q_ticket_state(struct yc_db *db, int64_t id, const char *from, const char *to,
                        int64_t finished_at, int64_t *changes, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QTICKET_STATE,
                      YC_ARGS(YC_VI(id), YC_VT(from), YC_VT(to), id_or_null(finished_at)), changes,
                      err);
}

int
yc_store_q_ticket_transfer(struct yc_db *db, int64_t id, int64_t zone_id, int64_t target_window_id,
                           int64_t now, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QTICKET_TRANSFER,
                      YC_ARGS(YC_VI(id), YC_VI(zone_id), id_or_null(target_window_id), YC_VI(now)),
                      NULL, err);
}

static void
read_stale(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_qticket *t = e;

    (void)a;
    memset(t, 0, sizeof(*t));
    t->id = yc_rows_int(r, 0);
    t->day = day_of(yc_rows_text(r, 1));
    t->zone_id = yc_rows_int(r, 2);
    t->window_id = yc_rows_int(r, 3);
}

int
yc_store_q_stale(struct yc_db *db, struct yc_arena *a, int32_t today, struct yc_qticket **out,
                 size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(today);

    return yc_store_collect(db, YC_Q_QTICKET_STALE, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_stale,
                   (void **)out, n, err);
}

int
yc_store_q_ticket_abandon_stale(struct yc_db *db, int64_t id, int64_t at, int64_t *changes,
                                struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QTICKET_ABANDON_STALE, YC_ARGS(YC_VI(id), YC_VI(at)), changes, err);
}

int
yc_store_q_calls_close_stale(struct yc_db *db, int64_t ticket_id, int64_t at, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QCALLS_STALE_CLOSE, YC_ARGS(YC_VI(ticket_id), YC_VI(at)), NULL, err);
}

/* ---- calls ---- */

int
yc_store_q_call_insert(struct yc_db *db, const struct yc_qcall *c, int32_t day, int64_t *id,
                       struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QCALL_INSERT,
                  YC_ARGS(YC_VI(c->ticket_id), YC_VT(d.s), YC_VI(c->zone_id), YC_VI(c->window_id),
                          YC_VI(c->staff_id), YC_VI(c->issued_at), YC_VI(c->called_at),
                          YC_VI(c->first_call)),
                  id, err);
}

int
yc_store_q_call_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_qcall *out,
                    int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_QCALL_GET, YC_ARGS(YC_VI(id)), a, read_call, out, found, err);
}

int
yc_store_q_call_serving(struct yc_db *db, int64_t id, int64_t at, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QCALL_SERVING, YC_ARGS(YC_VI(id), YC_VI(at)), NULL, err);
}

int
yc_store_q_call_recall(struct yc_db *db, int64_t id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QCALL_RECALL, YC_ARGS(YC_VI(id)), NULL, err);
}

int
yc_store_q_call_finish(struct yc_db *db, int64_t id, int64_t at, const char *outcome,
                       struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QCALL_FINISH, YC_ARGS(YC_VI(id), YC_VI(at), YC_VT(outcome)), NULL,
                      err);
}

int
yc_store_q_calls_of_zone(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t zone_id,
                         struct yc_qcall_time **out, size_t *n, size_t *cap, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return append(db, YC_Q_QCALLS_OF_ZONE, YC_ARGS(YC_VT(d.s), YC_VI(zone_id)), a, sizeof(**out),
                  read_call_time, (void **)out, n, cap, err);
}

int
yc_store_q_service_of_zone(struct yc_db *db, int32_t day, int64_t zone_id, int64_t *count,
                           int64_t *total_ms, struct yc_err *err)
{
    struct day_text d = dtext(day);
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_QSERVICE_OF_ZONE, YC_ARGS(YC_VT(d.s), YC_VI(zone_id)), &r, err);

    *count = 0;
    *total_ms = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *count = yc_rows_int(r, 0);
        *total_ms = yc_rows_int(r, 1);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

/* ---- windows ---- */

int
yc_store_q_win_lock(struct yc_db *db, int64_t window_id, struct yc_err *err)
{
    int64_t v;

    return scalar(db, YC_Q_QWIN_LOCK, YC_ARGS(YC_VI(window_id)), &v, err);
}

int
yc_store_q_win_by_number(struct yc_db *db, const char *number, int64_t *id, struct yc_err *err)
{
    return scalar(db, YC_Q_QWIN_BY_NUMBER, YC_ARGS(YC_VT(number)), id, err);
}

int
yc_store_q_win_get(struct yc_db *db, struct yc_arena *a, int64_t window_id, struct yc_qwin *out,
                   int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_QWIN_GET, YC_ARGS(YC_VI(window_id)), a, read_win, out, found, err);
}

int
yc_store_q_win_put(struct yc_db *db, const struct yc_qwin *w, struct yc_err *err)
{
    struct day_text d = dtext(w->day);

    return yc_db_exec(db, YC_Q_QWIN_PUT,
                      YC_ARGS(YC_VI(w->window_id), YC_VT(d.s), YC_VT(w->state),
                              id_or_null(w->holder_id), YC_VI(w->since), YC_VT(w->pause_reason),
                              id_or_null(w->ticket_id), id_or_null(w->call_id)),
                      NULL, err);
}

int
yc_store_q_win_held_by(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                       int64_t except_window_id, int64_t *window_id, const char **number,
                       struct yc_err *err)
{
    struct day_text d = dtext(day);
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_QWIN_HELD_BY,
                         YC_ARGS(YC_VI(user_id), YC_VT(d.s), YC_VI(except_window_id)), &r, err);

    *window_id = 0;
    *number = NULL;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *window_id = yc_rows_int(r, 0);
        *number = text(r, a, 1);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_q_open_per_zone(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_qpair **out,
                         size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QWIN_OPEN_PER_ZONE, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_pair,
                   (void **)out, n, err);
}

int
yc_store_q_serves_all(struct yc_db *db, struct yc_arena *a, struct yc_qserve **out, size_t *n,
                      struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QWIN_SERVES_ALL, YC_NOARGS, a, sizeof(**out), read_serve, (void **)out,
                   n, err);
}

int
yc_store_q_win_zones(struct yc_db *db, struct yc_arena *a, int64_t window_id, int64_t **ids,
                     const char ***prefixes, size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    size_t cap = 8;
    int rc = yc_db_query(db, YC_Q_QWIN_ZONES, YC_ARGS(YC_VI(window_id)), &r, err);

    *n = 0;
    *ids = yc_arena_alloc(a, cap * sizeof(**ids));
    *prefixes = yc_arena_alloc(a, cap * sizeof(**prefixes));
    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        if (*n == cap) {
            int64_t *bi = yc_arena_alloc(a, cap * 2 * sizeof(**ids));
            const char **bp = yc_arena_alloc(a, cap * 2 * sizeof(**prefixes));
            memcpy(bi, *ids, cap * sizeof(**ids));
            memcpy(bp, *prefixes, cap * sizeof(**prefixes));
            *ids = bi;
            *prefixes = bp;
            cap *= 2;
        }
        (*ids)[*n] = yc_rows_int(r, 0);
        (*prefixes)[*n] = text(r, a, 1);
        (*n)++;
    }
    yc_rows_close(r);
    return rc;
}

static void
read_id(struct yc_rows *r, struct yc_arena *a, void *e)
{
    (void)a;
    *(int64_t *)e = yc_rows_int(r, 0);
}

int
yc_store_q_win_matters(struct yc_db *db, struct yc_arena *a, int64_t window_id, int64_t **ids,
                       size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QWIN_MATTERS, YC_ARGS(YC_VI(window_id)), a, sizeof(**ids), read_id,
                   (void **)ids, n, err);
}

int
yc_store_q_board(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_qboard_row **out,
                 size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QBOARD, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_board, (void **)out,
                   n, err);
}

int
yc_store_q_served_of_window(struct yc_db *db, int64_t window_id, int32_t day, int64_t *n,
                            struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QSERVED_OF_WINDOW, YC_ARGS(YC_VI(window_id), YC_VT(d.s)), n, err);
}

int
yc_store_q_served_per_window(struct yc_db *db, struct yc_arena *a, int32_t day,
                             struct yc_qpair **out, size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QSERVED_PER_WINDOW, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_pair,
                   (void **)out, n, err);
}

int
yc_store_q_zone_of_matter(struct yc_db *db, int64_t matter_id, const char *kind, int64_t *zone_id,
                          int *found, struct yc_err *err)
{
    int rc = yc_db_scalar(db, YC_Q_QZONE_OF_MATTER, YC_ARGS(YC_VI(matter_id)), zone_id, found, err);

    if (rc == 0 && !*found) {
        rc = yc_db_scalar(db, YC_Q_QZONE_OF_KIND, YC_ARGS(YC_VT(kind)), zone_id, found, err);
    }
    return rc;
}

/* ---- events and the display feed ---- */

int
yc_store_q_event(struct yc_db *db, const struct yc_qevent *e, int64_t *feed_seq, struct yc_err *err)
{
    struct day_text d = dtext(e->day);
    int64_t seq = 0;
    int rc = 0;

    /* the feed number last: its row lock is then held only for the commit */
    if (e->feed) {
        rc = scalar(db, YC_Q_QFEED_NEXT, YC_NOARGS, &seq, err);
    }
    if (rc == 0) {
        rc = yc_db_exec(db, YC_Q_QEVENT_INSERT,
                        YC_ARGS(YC_VT(d.s), YC_VI(e->at), YC_VT(e->kind), id_or_null(e->ticket_id),
                                id_or_null(e->window_id), id_or_null(e->zone_id), YC_VT(e->actor),
                                YC_VT(e->reason ? e->reason : ""), e->feed ? YC_VI(seq) : YC_VNULL),
                        NULL, err);
    }
    if (feed_seq) {
        *feed_seq = seq;
    }
    return rc;
}

int
yc_store_q_feed_last(struct yc_db *db, int64_t *seq, struct yc_err *err)
{
    return scalar(db, YC_Q_QFEED_LAST, YC_NOARGS, seq, err);
}

int
yc_store_q_feed_after(struct yc_db *db, struct yc_arena *a, int64_t after, int limit,
                      struct yc_qfeed **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QFEED_AFTER, YC_ARGS(YC_VI(after), YC_VI(limit)), a, sizeof(**out),
                   read_feed, (void **)out, n, err);
}

int
yc_store_q_feed_recent(struct yc_db *db, struct yc_arena *a, int32_t day, int limit,
                       struct yc_qfeed **out, size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QFEED_RECENT, YC_ARGS(YC_VT(d.s), YC_VI(limit)), a, sizeof(**out),
                   read_feed, (void **)out, n, err);
}

int
yc_store_q_events_of_ticket(struct yc_db *db, struct yc_arena *a, int64_t ticket_id,
                            struct yc_qevent_row **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QEVENTS_OF_TICKET, YC_ARGS(YC_VI(ticket_id)), a, sizeof(**out),
                   read_event_row, (void **)out, n, err);
}

int
yc_store_q_throttle_hit(struct yc_db *db, const char *key, int64_t now, int64_t window_ms,
                        int64_t *count, int64_t *window_start, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_QTHROTTLE_HIT,
                         YC_ARGS(YC_VT(key), YC_VI(now), YC_VI(now - window_ms)), &r, err);

    *count = 0;
    *window_start = now;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *count = yc_rows_int(r, 0);
        *window_start = yc_rows_int(r, 1);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

/* ---- slots and appointments ---- */

int
yc_store_q_slots_of_zone(struct yc_db *db, struct yc_arena *a, int64_t zone_id,
                         struct yc_qslot **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QSLOTS_OF_ZONE, YC_ARGS(YC_VI(zone_id)), a, sizeof(**out), read_slot,
                   (void **)out, n, err);
}

int
yc_store_q_slots_of_matter(struct yc_db *db, struct yc_arena *a, int64_t matter_id,
                           struct yc_qslot **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_QSLOTS_OF_MATTER, YC_ARGS(YC_VI(matter_id)), a, sizeof(**out),
                   read_slot, (void **)out, n, err);
}

int
yc_store_q_slot_insert(struct yc_db *db, const struct yc_qslot *s, int64_t *id, struct yc_err *err)
{
    return scalar(db, YC_Q_QSLOT_INSERT,
                  YC_ARGS(YC_VI(s->zone_id), id_or_null(s->matter_id), YC_VI(s->start_min),
                          YC_VI(s->end_min), YC_VI(s->capacity)),
                  id, err);
}

int
yc_store_q_slots_retire(struct yc_db *db, int64_t zone_id, int64_t matter_id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QSLOTS_RETIRE, YC_ARGS(YC_VI(zone_id), YC_VI(matter_id)), NULL, err);
}

int
yc_store_q_slot_count(struct yc_db *db, int64_t *n, struct yc_err *err)
{
    return scalar(db, YC_Q_QSLOT_COUNT, YC_NOARGS, n, err);
}

int
yc_store_q_slot_booked(struct yc_db *db, int64_t slot_id, int32_t day, int64_t *booked,
                       struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QSLOT_BOOKED, YC_ARGS(YC_VI(slot_id), YC_VT(d.s)), booked, err);
}

int
yc_store_q_slot_book(struct yc_db *db, int64_t slot_id, int32_t day, int64_t *booked,
                     struct yc_err *err)
{
    struct day_text d = dtext(day);

    return scalar(db, YC_Q_QSLOT_BOOK, YC_ARGS(YC_VI(slot_id), YC_VT(d.s)), booked, err);
}

int
yc_store_q_slot_unbook(struct yc_db *db, int64_t slot_id, int32_t day, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_db_exec(db, YC_Q_QSLOT_UNBOOK, YC_ARGS(YC_VI(slot_id), YC_VT(d.s)), NULL, err);
}

int
yc_store_q_appt_insert(struct yc_db *db, const struct yc_qappt *ap, int64_t now, int64_t *id,
                       struct yc_err *err)
{
    struct day_text d = dtext(ap->day);

    return scalar(db, YC_Q_QAPPT_INSERT,
                  YC_ARGS(YC_VT(ap->code), YC_VT(d.s), YC_VI(ap->slot_id), YC_VI(ap->zone_id),
                          id_or_null(ap->matter_id), YC_VI(ap->slot_start), YC_VI(ap->slot_end),
                          YC_VT(ap->phone), YC_VI(now)),
                  id, err);
}

int
yc_store_q_appt_by_code(struct yc_db *db, struct yc_arena *a, const char *code,
                        struct yc_qappt *out, int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_QAPPT_BY_CODE, YC_ARGS(YC_VT(code)), a, read_appt, out, found, err);
}

int
yc_store_q_appt_lock(struct yc_db *db, int64_t id, struct yc_err *err)
{
    int64_t v;

    return scalar(db, YC_Q_QAPPT_LOCK, YC_ARGS(YC_VI(id)), &v, err);
}

int
yc_store_q_appt_set(struct yc_db *db, int64_t id, const char *status, int64_t ticket_id,
                    int64_t now, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_QAPPT_SET,
                      YC_ARGS(YC_VI(id), YC_VT(status), YC_VI(now), id_or_null(ticket_id)), NULL,
                      err);
}

/* ---- statistics ---- */

int
yc_store_q_stat_tickets(struct yc_db *db, struct yc_arena *a, int32_t day,
                        struct yc_qstat_ticket **out, size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QSTATS_TICKETS, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_stat_ticket,
                   (void **)out, n, err);
}

int
yc_store_q_stat_calls(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_qstat_call **out,
                      size_t *n, struct yc_err *err)
{
    struct day_text d = dtext(day);

    return yc_store_collect(db, YC_Q_QSTATS_CALLS, YC_ARGS(YC_VT(d.s)), a, sizeof(**out), read_stat_call,
                   (void **)out, n, err);
}
