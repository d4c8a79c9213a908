/* supervise.c - repository functions of supervision and evaluation (supervise.h). */
#include <string.h>

#include "base/date.h"
#include "store/rows.h"
#include "store/supervise.h"
#include "base/banned.h"

static int
cas(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs, int *won,
    struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, q, args, nargs, &changes, err);

    *won = rc == 0 && changes == 1;
    return rc;
}

/* ---- watch ---- */

static void
read_cand(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_watch_cand *c = elem;

    c->id = yc_rows_int(r, 0);
    c->state = yc_rows_dup(r, a, 1);
    c->version = yc_rows_int(r, 2);
    c->updated_at = yc_rows_int(r, 3);
    c->watch_version = yc_rows_int(r, 4);
}

int
yc_store_watch_changed(struct yc_db *db, struct yc_arena *a, int64_t after_at, int64_t after_id,
                       int limit, struct yc_watch_cand **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_WATCH_CHANGED,
                            YC_ARGS(YC_VI(after_at), YC_VI(after_id), YC_VI(limit)), a,
                            sizeof(**out), read_cand, (void **)out, n, err);
}

int
yc_store_watch_of_state(struct yc_db *db, struct yc_arena *a, const char *state, int64_t after_id,
                        int limit, struct yc_watch_cand **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_WATCH_OF_STATE,
                            YC_ARGS(YC_VT(state), YC_VI(after_id), YC_VI(limit)), a, sizeof(**out),
                            read_cand, (void **)out, n, err);
}

static void
read_id(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    (void)a;
    *(int64_t *)elem = yc_rows_int(r, 0);
}

int
yc_store_watch_orphans(struct yc_db *db, struct yc_arena *a, int64_t **ids, size_t *n,
                       struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_WATCH_ORPHANS, YC_NOARGS, a, sizeof(**ids), read_id,
                            (void **)ids, n, err);
}

int
yc_store_watch_refresh_due(struct yc_db *db, struct yc_arena *a, int32_t today, int limit,
                           int64_t **ids, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_SUP_WATCH_REFRESH_DUE,
                            YC_ARGS(yc_store_day_val(d, today), YC_VI(limit)), a, sizeof(**ids),
                            read_id, (void **)ids, n, err);
}

int
yc_store_watch_notified(struct yc_db *db, int64_t case_id, int *level, int *found,
                        struct yc_err *err)
{
    int64_t v = 0;
    int rc =
        yc_db_scalar(db, YC_Q_SUP_WATCH_NOTIFIED_LEVEL, YC_ARGS(YC_VI(case_id)), &v, found, err);

    *level = (int)v;
    return rc;
}

int
yc_store_watch_put(struct yc_db *db, const struct yc_watch_row *w, struct yc_err *err)
{
    char se[11], pe[11], wd[11], yd[11], rd[11], nd[11], fd[11];

    return yc_db_exec(
        db, YC_Q_SUP_WATCH_PUT,
        YC_ARGS(YC_VI(w->case_id), YC_VI(w->department_id), YC_VI(w->matter_id),
                YC_VI(w->case_version), YC_VI(w->stopped), yc_store_day_val(se, w->statutory_end),
                yc_store_day_val(pe, w->promised_end), yc_store_day_val(wd, w->warn_day),
                yc_store_day_val(yd, w->yellow_day), yc_store_day_val(rd, w->red_day),
                YC_VI(w->notified_level), yc_store_day_val(nd, w->notify_day),
                yc_store_day_val(fd, w->refresh_day), YC_VI(w->computed_at)),
        NULL, err);
}

int
yc_store_watch_delete(struct yc_db *db, int64_t case_id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SUP_WATCH_DELETE, YC_ARGS(YC_VI(case_id)), NULL, err);
}

int
yc_store_watch_force(struct yc_db *db, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SUP_WATCH_FORCE, YC_NOARGS, NULL, err);
}

static void
read_note(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_watch_note *x = elem;

    x->case_id = yc_rows_int(r, 0);
    x->number = yc_rows_dup(r, a, 1);
    x->matter_name = yc_rows_dup(r, a, 2);
    x->department_id = yc_rows_int(r, 3);
    x->matter_id = yc_rows_int(r, 4);
    x->assignee_id = yc_rows_int(r, 5);
    x->notified_level = (int)yc_rows_int(r, 6);
    x->warn_day = yc_store_day(yc_rows_text(r, 7));
    x->yellow_day = yc_store_day(yc_rows_text(r, 8));
    x->red_day = yc_store_day(yc_rows_text(r, 9));
    x->statutory_end = yc_store_day(yc_rows_text(r, 10));
}

int
yc_store_watch_notify_due(struct yc_db *db, struct yc_arena *a, int32_t today,
                          struct yc_watch_note **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_SUP_WATCH_NOTIFY_DUE, YC_ARGS(yc_store_day_val(d, today)), a,
                            sizeof(**out), read_note, (void **)out, n, err);
}

int
yc_store_watch_notified_set(struct yc_db *db, int64_t case_id, int from_level, int level,
                            int32_t notify_day, int *won, struct yc_err *err)
{
    char d[11];

    return cas(
        db, YC_Q_SUP_WATCH_NOTIFIED,
        YC_ARGS(YC_VI(case_id), YC_VI(level), yc_store_day_val(d, notify_day), YC_VI(from_level)),
        won, err);
}

int
yc_store_warning_insert(struct yc_db *db, int64_t case_id, const char *level, int32_t day,
                        int64_t department_id, int64_t matter_id, int64_t at, struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_SUP_WARNING_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VT(level), yc_store_day_val(d, day),
                              YC_VI(department_id), YC_VI(matter_id), YC_VI(at)),
                      NULL, err);
}

/* ---- board ---- */

static void
read_group(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_board_group *g = elem;

    g->department_id = yc_rows_int(r, 0);
    g->department_name = yc_rows_dup(r, a, 1);
    g->matter_id = yc_rows_int(r, 2);
    g->matter_name = yc_rows_dup(r, a, 3);
    for (int i = 0; i < 4; i++) {
        g->n[i] = yc_rows_int(r, 4 + i);
    }
}

int
yc_store_board(struct yc_db *db, struct yc_arena *a, int64_t department_id, int64_t matter_id,
               struct yc_board_group **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_BOARD, YC_ARGS(YC_VI(department_id), YC_VI(matter_id)), a,
                            sizeof(**out), read_group, (void **)out, n, err);
}

int
yc_store_board_count(struct yc_db *db, int32_t today, struct yc_err *err)
{
    char d[11];
    int rc = yc_db_exec(db, YC_Q_SUP_COUNTS_CLEAR, YC_NOARGS, NULL, err);

    return rc ? rc
              : yc_db_exec(db, YC_Q_SUP_COUNTS_FILL, YC_ARGS(yc_store_day_val(d, today)), NULL,
                           err);
}

static void
read_board_case(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_board_case *c = elem;

    c->case_id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->matter_name = yc_rows_dup(r, a, 2);
    c->department_name = yc_rows_dup(r, a, 3);
    c->state = yc_rows_dup(r, a, 4);
    c->statutory_end = yc_store_day(yc_rows_text(r, 5));
    c->promised_end = yc_store_day(yc_rows_text(r, 6));
    c->level = (int)yc_rows_int(r, 7);
    c->stopped = (int)yc_rows_int(r, 8);
    c->assignee_name = yc_rows_dup(r, a, 9);
    c->accepted_day = yc_store_day(yc_rows_text(r, 10));
}

int
yc_store_board_cases(struct yc_db *db, struct yc_arena *a, int32_t today, int64_t department_id,
                     int64_t matter_id, int level, int limit, struct yc_board_case **out, size_t *n,
                     struct yc_err *err)
{
    static const enum yc_stmt by_level[4] = {YC_Q_SUP_DRILL_NONE, YC_Q_SUP_DRILL_WARN,
                                             YC_Q_SUP_DRILL_YELLOW, YC_Q_SUP_DRILL_RED};
    char d[11];

    if (department_id == 0 && matter_id == 0 && level >= 0 && level < 4) {
        return yc_store_collect(db, by_level[level],
                                YC_ARGS(yc_store_day_val(d, today), YC_VI(limit)), a, sizeof(**out),
                                read_board_case, (void **)out, n, err);
    }
    return yc_store_collect(db, YC_Q_SUP_BOARD_CASES,
                            YC_ARGS(yc_store_day_val(d, today), YC_VI(department_id),
                                    YC_VI(matter_id), YC_VI(level), YC_VI(limit)),
                            a, sizeof(**out), read_board_case, (void **)out, n, err);
}

/* Read the integer columns of the first row of q into v[0..nv). */
static int
ints(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs, int64_t *v, int nv,
     struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    for (int i = 0; i < nv; i++) {
        v[i] = 0;
    }
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        for (int i = 0; i < nv; i++) {
            v[i] = yc_rows_int(r, i);
        }
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_board_orders(struct yc_db *db, int32_t today, int64_t department_id, int64_t *open,
                      int64_t *overdue, struct yc_err *err)
{
    char d[11];
    int64_t v[2];
    int rc = ints(db, YC_Q_SUP_BOARD_ORDERS,
                  YC_ARGS(yc_store_day_val(d, today), YC_VI(department_id)), v, 2, err);

    *open = v[0];
    *overdue = v[1];
    return rc;
}

int
yc_store_board_callbacks(struct yc_db *db, int32_t today, int64_t department_id, int64_t *total,
                         int64_t *done, int64_t *late, struct yc_err *err)
{
    char d[11];
    int64_t v[3];
    int rc = ints(db, YC_Q_SUP_BOARD_CALLBACKS,
                  YC_ARGS(yc_store_day_val(d, today), YC_VI(department_id)), v, 3, err);

    *total = v[0];
    *done = v[1];
    *late = v[2];
    return rc;
}

/* ---- people and the staff outbox ---- */

static void
read_str(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    *(const char **)elem = yc_rows_dup(r, a, 0);
}

int
yc_store_dept_heads(struct yc_db *db, struct yc_arena *a, int64_t department_id, const char ***out,
                    size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_DEPT_HEADS, YC_ARGS(YC_VI(department_id)), a,
                            sizeof(**out), read_str, (void **)out, n, err);
}

int
yc_store_username(struct yc_db *db, struct yc_arena *a, int64_t user_id, const char **out,
                  struct yc_err *err)
{
    int found = 0;
    int rc =
        yc_store_one(db, YC_Q_SUP_USERNAME, YC_ARGS(YC_VI(user_id)), a, read_str, out, &found, err);

    if (rc == 0 && !found) {
        *out = NULL;
    }
    return rc;
}

int
yc_store_outbox_staff(struct yc_db *db, const char *username, const char *text_, int64_t now,
                      struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SUP_OUTBOX_STAFF, YC_ARGS(YC_VT(username), YC_VT(text_), YC_VI(now)),
                      NULL, err);
}

int
yc_store_setting_init(struct yc_db *db, const char *key, const char *value, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SUP_SETTING_INIT, YC_ARGS(YC_VT(key), YC_VT(value)), NULL, err);
}

/* ---- orders ---- */

int
yc_store_order_seq_next(struct yc_db *db, int year, int64_t *seq, struct yc_err *err)
{
    int found;

    return yc_db_scalar(db, YC_Q_SUP_ORDER_SEQ_NEXT, YC_ARGS(YC_VI(year)), seq, &found, err);
}

int
yc_store_order_insert(struct yc_db *db, const struct yc_order *o, int64_t created_by, int64_t *id,
                      struct yc_err *err)
{
    char dd[11], cd[11];
    int found;

    return yc_db_scalar(db, YC_Q_SUP_ORDER_INSERT,
                        YC_ARGS(YC_VT(o->number), YC_VI(o->department_id), YC_VT(o->text),
                                YC_VI(o->reply_days), yc_store_day_val(dd, o->deadline_day),
                                YC_VI(created_by), YC_VI(o->created_at),
                                yc_store_day_val(cd, o->created_day)),
                        id, &found, err);
}

int
yc_store_order_case_insert(struct yc_db *db, int64_t order_id, int64_t case_id, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_SUP_ORDER_CASE_INSERT, YC_ARGS(YC_VI(order_id), YC_VI(case_id)),
                      NULL, err);
}

static void
read_order(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_order *o = elem;

    o->id = yc_rows_int(r, 0);
    o->number = yc_rows_dup(r, a, 1);
    o->department_id = yc_rows_int(r, 2);
    o->department_name = yc_rows_dup(r, a, 3);
    o->text = yc_rows_dup(r, a, 4);
    o->reply_days = (int)yc_rows_int(r, 5);
    o->deadline_day = yc_store_day(yc_rows_text(r, 6));
    o->state = yc_rows_dup(r, a, 7);
    o->created_by_name = yc_rows_dup(r, a, 8);
    o->created_at = yc_rows_int(r, 9);
    o->created_day = yc_store_day(yc_rows_text(r, 10));
    o->replied_day = yc_store_day(yc_rows_text(r, 11));
    o->closed_by_name = yc_rows_dup(r, a, 12);
    o->closed_at = yc_rows_int(r, 13);
    o->close_note = yc_rows_dup(r, a, 14);
    o->ncases = yc_rows_int(r, 15);
    o->version = yc_rows_int(r, 16);
}

int
yc_store_order_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_order *out,
                   int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_SUP_ORDER_GET, YC_ARGS(YC_VI(id)), a, read_order, out, found, err);
}

int
yc_store_order_list(struct yc_db *db, struct yc_arena *a, const struct yc_order_filter *f,
                    struct yc_order **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_SUP_ORDER_LIST,
                            YC_ARGS(yc_store_day_val(d, f->today), YC_VI(f->department_id),
                                    YC_VT(f->state ? f->state : ""), YC_VI(f->overdue),
                                    YC_VI(f->limit)),
                            a, sizeof(**out), read_order, (void **)out, n, err);
}

static void
read_order_case(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_order_case *c = elem;

    c->id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->matter_name = yc_rows_dup(r, a, 2);
    c->state = yc_rows_dup(r, a, 3);
    c->assignee_id = yc_rows_int(r, 4);
    c->statutory_end = yc_store_day(yc_rows_text(r, 5));
    c->level = (int)yc_rows_int(r, 6);
}

int
yc_store_order_cases(struct yc_db *db, struct yc_arena *a, int32_t today, int64_t order_id,
                     struct yc_order_case **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_SUP_ORDER_CASES,
                            YC_ARGS(yc_store_day_val(d, today), YC_VI(order_id)), a, sizeof(**out),
                            read_order_case, (void **)out, n, err);
}

int
yc_store_order_update(struct yc_db *db, const struct yc_order *o, int64_t closed_by,
                      int32_t closed_day, int *won, struct yc_err *err)
{
    char rd[11], cd[11];

    return cas(db, YC_Q_SUP_ORDER_UPDATE,
               YC_ARGS(YC_VI(o->id), YC_VI(o->version), YC_VT(o->state),
                       yc_store_day_val(rd, o->replied_day),
                       closed_by ? YC_VI(closed_by) : YC_VNULL,
                       o->closed_at ? YC_VI(o->closed_at) : YC_VNULL,
                       yc_store_day_val(cd, closed_day), YC_VT(o->close_note)),
               won, err);
}

int
yc_store_reply_insert(struct yc_db *db, int64_t order_id, int64_t user_id, const char *text_,
                      int64_t at, int32_t day, struct yc_err *err)
{
    char d[11];

    return yc_db_exec(
        db, YC_Q_SUP_REPLY_INSERT,
        YC_ARGS(YC_VI(order_id), YC_VI(user_id), YC_VT(text_), YC_VI(at), yc_store_day_val(d, day)),
        NULL, err);
}

static void
read_reply(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_order_reply *x = elem;

    x->user_name = yc_rows_dup(r, a, 0);
    x->text = yc_rows_dup(r, a, 1);
    x->at = yc_rows_int(r, 2);
}

int
yc_store_replies(struct yc_db *db, struct yc_arena *a, int64_t order_id,
                 struct yc_order_reply **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_REPLIES, YC_ARGS(YC_VI(order_id)), a, sizeof(**out),
                            read_reply, (void **)out, n, err);
}

static void
read_overdue(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_order *o = elem;

    memset(o, 0, sizeof(*o));
    o->id = yc_rows_int(r, 0);
    o->number = yc_rows_dup(r, a, 1);
    o->department_id = yc_rows_int(r, 2);
    o->deadline_day = yc_store_day(yc_rows_text(r, 3));
}

int
yc_store_order_overdue_due(struct yc_db *db, struct yc_arena *a, int32_t today,
                           struct yc_order **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_SUP_ORDER_OVERDUE_DUE, YC_ARGS(yc_store_day_val(d, today)), a,
                            sizeof(**out), read_overdue, (void **)out, n, err);
}

int
yc_store_order_overdue_mark(struct yc_db *db, int64_t id, int *won, struct yc_err *err)
{
    return cas(db, YC_Q_SUP_ORDER_OVERDUE_MARK, YC_ARGS(YC_VI(id)), won, err);
}

/* ---- ratings ---- */

int
yc_store_rating_insert(struct yc_db *db, const struct yc_rating *r, int64_t *id, struct yc_err *err)
{
    char d[11];
    int found;

    return yc_db_scalar(
        db, YC_Q_SUP_RATING_INSERT,
        YC_ARGS(YC_VI(r->case_id), YC_VT(r->stage),
                r->rectification_id ? YC_VI(r->rectification_id) : YC_VNULL, YC_VI(r->level),
                YC_VT(r->comment), YC_VT(r->reason), YC_VT(r->channel), YC_VI(r->real_name),
                YC_VT(r->rater_name), YC_VT(r->rater_contact), YC_VI(r->department_id),
                YC_VI(r->matter_id), YC_VI(r->given_at), yc_store_day_val(d, r->given_day)),
        id, &found, err);
}

static void
read_rating(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_rating *x = elem;

    x->id = yc_rows_int(r, 0);
    x->case_id = yc_rows_int(r, 1);
    x->case_number = yc_rows_dup(r, a, 2);
    x->stage = yc_rows_dup(r, a, 3);
    x->rectification_id = yc_rows_int(r, 4);
    x->level = (int)yc_rows_int(r, 5);
    x->comment = yc_rows_dup(r, a, 6);
    x->reason = yc_rows_dup(r, a, 7);
    x->channel = yc_rows_dup(r, a, 8);
    x->real_name = (int)yc_rows_int(r, 9);
    x->rater_name = yc_rows_dup(r, a, 10);
    x->rater_contact = yc_rows_dup(r, a, 11);
    x->department_id = yc_rows_int(r, 12);
    x->department_name = yc_rows_dup(r, a, 13);
    x->matter_id = yc_rows_int(r, 14);
    x->matter_name = yc_rows_dup(r, a, 15);
    x->given_at = yc_rows_int(r, 16);
    x->given_day = yc_store_day(yc_rows_text(r, 17));
    x->appeal_id = yc_rows_int(r, 18);
    x->appeal_state = yc_rows_dup(r, a, 19);
    x->opened_rectification_id = yc_rows_int(r, 20);
    x->opened_rectification_state = yc_rows_dup(r, a, 21);
}

int
yc_store_rating_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_rating *out,
                    int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_SUP_RATING_GET, YC_ARGS(YC_VI(id)), a, read_rating, out, found,
                        err);
}

int
yc_store_ratings_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                         struct yc_rating **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_RATINGS_OF_CASE, YC_ARGS(YC_VI(case_id)), a, sizeof(**out),
                            read_rating, (void **)out, n, err);
}

int
yc_store_rating_list(struct yc_db *db, struct yc_arena *a, const struct yc_rating_filter *f,
                     struct yc_rating **out, size_t *n, struct yc_err *err)
{
    char fd[11], td[11];

    return yc_store_collect(db, YC_Q_SUP_RATING_LIST,
                            YC_ARGS(YC_VI(f->department_id), YC_VT(f->stage ? f->stage : ""),
                                    yc_store_day_val(fd, f->from), yc_store_day_val(td, f->to),
                                    YC_VI(f->bad_only), YC_VI(f->limit)),
                            a, sizeof(**out), read_rating, (void **)out, n, err);
}

/* ---- rectifications ---- */

int
yc_store_rect_insert(struct yc_db *db, const struct yc_rect *x, int64_t *id, struct yc_err *err)
{
    char cd[11], bd[11], fd[11];
    int found;

    return yc_db_scalar(
        db, YC_Q_SUP_RECT_INSERT,
        YC_ARGS(YC_VI(x->rating_id), YC_VI(x->case_id), YC_VI(x->department_id),
                YC_VI(x->real_name), YC_VI(x->created_at), yc_store_day_val(cd, x->created_day),
                yc_store_day_val(bd, x->callback_due), yc_store_day_val(fd, x->fix_due)),
        id, &found, err);
}

static void
read_rect(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_rect *x = elem;

    x->id = yc_rows_int(r, 0);
    x->rating_id = yc_rows_int(r, 1);
    x->case_id = yc_rows_int(r, 2);
    x->case_number = yc_rows_dup(r, a, 3);
    x->matter_name = yc_rows_dup(r, a, 4);
    x->department_id = yc_rows_int(r, 5);
    x->department_name = yc_rows_dup(r, a, 6);
    x->real_name = (int)yc_rows_int(r, 7);
    x->state = yc_rows_dup(r, a, 8);
    x->created_at = yc_rows_int(r, 9);
    x->created_day = yc_store_day(yc_rows_text(r, 10));
    x->callback_due = yc_store_day(yc_rows_text(r, 11));
    x->fix_due = yc_store_day(yc_rows_text(r, 12));
    x->callback_at = yc_rows_int(r, 13);
    x->callback_by_name = yc_rows_dup(r, a, 14);
    x->callback_note = yc_rows_dup(r, a, 15);
    x->action = yc_rows_dup(r, a, 16);
    x->action_evidence = yc_rows_dup(r, a, 17);
    x->action_due = yc_store_day(yc_rows_text(r, 18));
    x->action_at = yc_rows_int(r, 19);
    x->action_by_name = yc_rows_dup(r, a, 20);
    x->version = yc_rows_int(r, 21);
    x->stage = yc_rows_dup(r, a, 22);
    x->level = (int)yc_rows_int(r, 23);
    x->comment = yc_rows_dup(r, a, 24);
    x->reason = yc_rows_dup(r, a, 25);
    x->channel = yc_rows_dup(r, a, 26);
    x->rater_name = yc_rows_dup(r, a, 27);
    x->rater_contact = yc_rows_dup(r, a, 28);
    x->given_at = yc_rows_int(r, 29);
    x->appeal_id = yc_rows_int(r, 30);
    x->appeal_state = yc_rows_dup(r, a, 31);
    x->rerate_level = (int)yc_rows_int(r, 32);
    x->rerate_comment = yc_rows_dup(r, a, 33);
    x->rerate_at = yc_rows_int(r, 34);
}

int
yc_store_rect_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_rect *out, int *found,
                  struct yc_err *err)
{
    return yc_store_one(db, YC_Q_SUP_RECT_GET, YC_ARGS(YC_VI(id)), a, read_rect, out, found, err);
}

int
yc_store_rect_list(struct yc_db *db, struct yc_arena *a, const struct yc_rect_filter *f,
                   struct yc_rect **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_RECT_LIST,
                            YC_ARGS(YC_VI(f->department_id), YC_VT(f->state ? f->state : ""),
                                    YC_VI(f->callback_missing), YC_VI(f->limit)),
                            a, sizeof(**out), read_rect, (void **)out, n, err);
}

int
yc_store_rect_rateable(struct yc_db *db, struct yc_arena *a, int64_t case_id, struct yc_rect **out,
                       size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_RECT_RATEABLE, YC_ARGS(YC_VI(case_id)), a, sizeof(**out),
                            read_rect, (void **)out, n, err);
}

int
yc_store_rect_callback(struct yc_db *db, const struct yc_rect *x, const char *state, int64_t at,
                       int32_t day, int64_t by, const char *note, int *won, struct yc_err *err)
{
    char d[11];

    return cas(db, YC_Q_SUP_RECT_CALLBACK,
               YC_ARGS(YC_VI(x->id), YC_VI(x->version), YC_VT(state), YC_VI(at),
                       yc_store_day_val(d, day), YC_VI(by), YC_VT(note)),
               won, err);
}

int
yc_store_rect_action(struct yc_db *db, const struct yc_rect *x, const char *action,
                     const char *evidence, int32_t due, int64_t at, int32_t day, int64_t by,
                     int *won, struct yc_err *err)
{
    char dd[11], d[11];

    return cas(db, YC_Q_SUP_RECT_ACTION,
               YC_ARGS(YC_VI(x->id), YC_VI(x->version), YC_VT(action), YC_VT(evidence),
                       yc_store_day_val(dd, due), YC_VI(at), yc_store_day_val(d, day), YC_VI(by)),
               won, err);
}

int
yc_store_rect_state(struct yc_db *db, const struct yc_rect *x, const char *state, int *won,
                    struct yc_err *err)
{
    return cas(db, YC_Q_SUP_RECT_STATE, YC_ARGS(YC_VI(x->id), YC_VI(x->version), YC_VT(state)), won,
               err);
}

/* ---- appeals ---- */

int
yc_store_appeal_insert(struct yc_db *db, int64_t rating_id, int64_t department_id,
                       const char *reason, int64_t filed_by, int64_t at, int32_t day, int64_t *id,
                       struct yc_err *err)
{
    char d[11];
    int found;

    return yc_db_scalar(db, YC_Q_SUP_APPEAL_INSERT,
                        YC_ARGS(YC_VI(rating_id), YC_VI(department_id), YC_VT(reason),
                                YC_VI(filed_by), YC_VI(at), yc_store_day_val(d, day)),
                        id, &found, err);
}

static void
read_appeal(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_appeal *x = elem;

    x->id = yc_rows_int(r, 0);
    x->rating_id = yc_rows_int(r, 1);
    x->case_number = yc_rows_dup(r, a, 2);
    x->stage = yc_rows_dup(r, a, 3);
    x->level = (int)yc_rows_int(r, 4);
    x->rating_reason = yc_rows_dup(r, a, 5);
    x->department_id = yc_rows_int(r, 6);
    x->department_name = yc_rows_dup(r, a, 7);
    x->reason = yc_rows_dup(r, a, 8);
    x->filed_by_name = yc_rows_dup(r, a, 9);
    x->filed_at = yc_rows_int(r, 10);
    x->decision = yc_rows_dup(r, a, 11);
    x->decision_note = yc_rows_dup(r, a, 12);
    x->decided_by_name = yc_rows_dup(r, a, 13);
    x->decided_at = yc_rows_int(r, 14);
    x->rectification_id = yc_rows_int(r, 15);
}

int
yc_store_appeal_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_appeal *out,
                    int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_SUP_APPEAL_GET, YC_ARGS(YC_VI(id)), a, read_appeal, out, found,
                        err);
}

int
yc_store_appeal_list(struct yc_db *db, struct yc_arena *a, int64_t department_id, int pending_only,
                     int limit, struct yc_appeal **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SUP_APPEAL_LIST,
                            YC_ARGS(YC_VI(department_id), YC_VI(pending_only), YC_VI(limit)), a,
                            sizeof(**out), read_appeal, (void **)out, n, err);
}

int
yc_store_appeal_decide(struct yc_db *db, int64_t id, const char *decision, const char *note,
                       int64_t by, int64_t at, int32_t day, int *won, struct yc_err *err)
{
    char d[11];

    return cas(db, YC_Q_SUP_APPEAL_DECIDE,
               YC_ARGS(YC_VI(id), YC_VT(decision), YC_VT(note), YC_VI(by), YC_VI(at),
                       yc_store_day_val(d, day)),
               won, err);
}
