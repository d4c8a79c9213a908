/* hall.c - repository functions of the hall, posts, letters, seals and reform figures (hall.h). */
#include <string.h>

#include "base/date.h"
#include "store/hall.h"
#include "store/rows.h"
#include "base/banned.h"

/* ---- helpers ---- */

/* A day as text for binding; "" for YC_NO_DAY. */
static const char *
day_text(struct yc_arena *a, int32_t day)
{
    char *s;

    if (day == YC_NO_DAY) {
        return "";
    }
    s = yc_arena_alloc(a, 11);
    yc_date_format(day, s);
    return s;
}

static struct yc_val
id_or_null(int64_t id)
{
    return id ? YC_VI(id) : YC_VNULL;
}

static int
insert_id(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs, int64_t *id,
          struct yc_err *err)
{
    int found;
    return yc_db_scalar(db, q, args, nargs, id, &found, err);
}

/* ---- readers ---- */

static void
read_floor(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_floor *f = e;
    f->id = yc_rows_int(r, 0);
    f->number = (int)yc_rows_int(r, 1);
    f->name = yc_rows_dup(r, a, 2);
}

static void
read_zone(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_zone *z = e;
    z->id = yc_rows_int(r, 0);
    z->floor_id = yc_rows_int(r, 1);
    z->floor_number = (int)yc_rows_int(r, 2);
    z->name = yc_rows_dup(r, a, 3);
    z->kind = yc_rows_dup(r, a, 4);
    z->prefix = yc_rows_dup(r, a, 5);
    z->seq = (int)yc_rows_int(r, 6);
}

static void
read_window(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_window *w = e;
    w->id = yc_rows_int(r, 0);
    w->number = yc_rows_dup(r, a, 1);
    w->zone_id = yc_rows_int(r, 2);
    w->zone_name = yc_rows_dup(r, a, 3);
    w->zone_prefix = yc_rows_dup(r, a, 4);
    w->window_class = yc_rows_dup(r, a, 5);
    w->unit = yc_rows_dup(r, a, 6);
    w->department_id = yc_rows_isnull(r, 7) ? 0 : yc_rows_int(r, 7);
    w->department_name = yc_rows_dup(r, a, 8);
    w->new_entrant = (int)yc_rows_int(r, 9);
    w->active = (int)yc_rows_int(r, 10);
    w->floor_number = (int)yc_rows_int(r, 11);
}

static void
read_ref(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_ref *x = e;
    x->id = yc_rows_int(r, 0);
    x->code = yc_rows_dup(r, a, 1);
    x->name = yc_rows_dup(r, a, 2);
}

static void
read_duty(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_duty *d = e;
    d->window_id = yc_rows_int(r, 0);
    d->user_id = yc_rows_int(r, 1);
    d->user_name = yc_rows_dup(r, a, 2);
    d->username = yc_rows_dup(r, a, 3);
    d->day = yc_store_day(yc_rows_text(r, 4));
}

static void
read_post(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_post *p = e;
    p->id = yc_rows_int(r, 0);
    p->department_id = yc_rows_int(r, 1);
    p->department_name = yc_rows_dup(r, a, 2);
    p->name = yc_rows_dup(r, a, 3);
    p->zone_id = yc_rows_isnull(r, 4) ? 0 : yc_rows_int(r, 4);
    p->zone_name = yc_rows_dup(r, a, 5);
    p->resident = (int)yc_rows_int(r, 6);
    p->a_user_id = yc_rows_int(r, 7);
    p->a_name = yc_rows_dup(r, a, 8);
    p->a_username = yc_rows_dup(r, a, 9);
    p->b_user_id = yc_rows_int(r, 10);
    p->b_name = yc_rows_dup(r, a, 11);
    p->b_username = yc_rows_dup(r, a, 12);
}

static void
read_leave(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_leave *l = e;
    l->id = yc_rows_int(r, 0);
    l->user_id = yc_rows_int(r, 1);
    l->user_name = yc_rows_dup(r, a, 2);
    l->from_day = yc_store_day(yc_rows_text(r, 3));
    l->to_day = yc_store_day(yc_rows_text(r, 4));
    l->reason = yc_rows_dup(r, a, 5);
}

static void
read_handover(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_handover *h = e;
    h->id = yc_rows_int(r, 0);
    h->post_id = yc_rows_int(r, 1);
    h->from_user_id = yc_rows_int(r, 2);
    h->from_name = yc_rows_dup(r, a, 3);
    h->to_user_id = yc_rows_int(r, 4);
    h->to_name = yc_rows_dup(r, a, 5);
    h->kind = yc_rows_dup(r, a, 6);
    h->from_day = yc_store_day(yc_rows_text(r, 7));
    h->to_day = yc_store_day(yc_rows_text(r, 8));
    h->case_ref = yc_rows_dup(r, a, 9);
    h->reason = yc_rows_dup(r, a, 10);
    h->at = yc_rows_int(r, 11);
    h->actor = yc_rows_dup(r, a, 12);
}

static void
read_mref(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_matter_ref *m = e;
    m->id = yc_rows_int(r, 0);
    m->code = yc_rows_dup(r, a, 1);
    m->name = yc_rows_dup(r, a, 2);
    m->department_id = yc_rows_int(r, 3);
    m->department_name = yc_rows_dup(r, a, 4);
    m->type = yc_rows_dup(r, a, 5);
    m->window_class = yc_rows_dup(r, a, 6);
    m->entered = (int)yc_rows_int(r, 7);
}

static void
read_letter(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_letter *l = e;
    l->id = yc_rows_int(r, 0);
    l->number = yc_rows_dup(r, a, 1);
    l->department_id = yc_rows_int(r, 2);
    l->department_name = yc_rows_dup(r, a, 3);
    l->grantee_id = yc_rows_int(r, 4);
    l->grantee_name = yc_rows_dup(r, a, 5);
    l->grantee_username = yc_rows_dup(r, a, 6);
    l->authorities = (unsigned)yc_rows_int(r, 7);
    l->valid_from = yc_store_day(yc_rows_text(r, 8));
    l->valid_to = yc_store_day(yc_rows_text(r, 9));
    l->revoked_on = yc_store_day(yc_rows_text(r, 10));
    l->revoked_reason = yc_rows_dup(r, a, 11);
    l->revoked_by = yc_rows_dup(r, a, 12);
    l->created_at = yc_rows_int(r, 13);
    l->created_by = yc_rows_dup(r, a, 14);
    l->matter_count = yc_rows_int(r, 15);
}

static void
read_span(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_letter_span_row *s = e;
    s->letter_id = yc_rows_int(r, 0);
    s->number = yc_rows_dup(r, a, 1);
    s->valid_from = yc_store_day(yc_rows_text(r, 2));
    s->valid_to = yc_store_day(yc_rows_text(r, 3));
    s->revoked_on = yc_store_day(yc_rows_text(r, 4));
    s->authorities = (unsigned)yc_rows_int(r, 5);
    s->matter_id = yc_rows_int(r, 6);
}

static void
read_seal(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_seal *s = e;
    s->id = yc_rows_int(r, 0);
    s->department_id = yc_rows_int(r, 1);
    s->department_name = yc_rows_dup(r, a, 2);
    s->name = yc_rows_dup(r, a, 3);
    s->code = yc_rows_dup(r, a, 4);
    s->keeper_id = yc_rows_isnull(r, 5) ? 0 : yc_rows_int(r, 5);
    s->keeper_name = yc_rows_dup(r, a, 6);
    s->status = yc_rows_dup(r, a, 7);
    s->published_on = yc_store_day(yc_rows_text(r, 8));
    s->retired_on = yc_store_day(yc_rows_text(r, 9));
    s->created_at = yc_rows_int(r, 10);
}

static void
read_step(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_step_row *s = e;
    s->seq = (int)yc_rows_int(r, 0);
    s->status = yc_rows_dup(r, a, 1);
    s->note = yc_rows_dup(r, a, 2);
    s->updated_at = yc_rows_int(r, 3);
    s->updated_by = yc_rows_dup(r, a, 4);
}

static void
read_zone_figures(struct yc_rows *r, struct yc_arena *a, void *e)
{
    struct yc_zone_figures *z = e;
    z->floor = (int)yc_rows_int(r, 0);
    z->zone = yc_rows_dup(r, a, 1);
    for (int i = 0; i < 5; i++) {
        z->f[i] = yc_rows_int(r, 2 + i);
    }
}

#define COLLECT(q, args, a, type, fn, out, n, err)                                                 \
    yc_store_collect(db, (q), args, (a), sizeof(type), (fn), (void **)(out), (n), (err))
#define ONE(q, args, a, fn, out, found, err)                                                       \
    yc_store_one(db, (q), args, (a), (fn), (out), (found), (err))

/* ---- floors, zones, windows ---- */

int
yc_store_hall_lock_user(struct yc_db *db, int64_t user_id, struct yc_err *err)
{
    int64_t id;
    int found;

    return yc_db_scalar(db, YC_Q_HALL_LOCK_USER, YC_ARGS(YC_VI(user_id)), &id, &found, err);
}

int
yc_store_floor_insert(struct yc_db *db, int number, const char *name, int64_t *id,
                      struct yc_err *err)
{
    return insert_id(db, YC_Q_FLOOR_INSERT, YC_ARGS(YC_VI(number), YC_VT(name)), id, err);
}

int
yc_store_floor_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_floor *out,
                   int *found, struct yc_err *err)
{
    return ONE(YC_Q_FLOOR_GET, YC_ARGS(YC_VI(id)), a, read_floor, out, found, err);
}

int
yc_store_floor_list(struct yc_db *db, struct yc_arena *a, struct yc_floor **out, size_t *n,
                    struct yc_err *err)
{
    return COLLECT(YC_Q_FLOOR_LIST, YC_NOARGS, a, struct yc_floor, read_floor, out, n, err);
}

int
yc_store_floor_count(struct yc_db *db, int64_t *n, struct yc_err *err)
{
    int found;
    return yc_db_scalar(db, YC_Q_FLOOR_COUNT, YC_NOARGS, n, &found, err);
}

int
yc_store_zone_insert(struct yc_db *db, const struct yc_zone *z, int64_t *id, struct yc_err *err)
{
    return insert_id(db, YC_Q_ZONE_INSERT,
                     YC_ARGS(YC_VI(z->floor_id), YC_VT(z->name), YC_VT(z->kind), YC_VT(z->prefix),
                             YC_VI(z->seq)),
                     id, err);
}

int
yc_store_zone_update(struct yc_db *db, const struct yc_zone *z, struct yc_err *err)
{
    return yc_db_exec(
        db, YC_Q_ZONE_UPDATE,
        YC_ARGS(YC_VI(z->id), YC_VI(z->floor_id), YC_VT(z->name), YC_VT(z->kind), YC_VT(z->prefix)),
        NULL, err);
}

int
yc_store_zone_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_zone *out, int *found,
                  struct yc_err *err)
{
    return ONE(YC_Q_ZONE_GET, YC_ARGS(YC_VI(id)), a, read_zone, out, found, err);
}

int
yc_store_zone_by_prefix(struct yc_db *db, const char *prefix, int64_t *id, int *found,
                        struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_ZONE_BY_PREFIX, YC_ARGS(YC_VT(prefix)), id, found, err);
}

int
yc_store_zone_list(struct yc_db *db, struct yc_arena *a, struct yc_zone **out, size_t *n,
                   struct yc_err *err)
{
    return COLLECT(YC_Q_ZONE_LIST, YC_NOARGS, a, struct yc_zone, read_zone, out, n, err);
}

int
yc_store_window_insert(struct yc_db *db, const struct yc_window *w, int64_t *id, struct yc_err *err)
{
    return insert_id(db, YC_Q_WINDOW_INSERT,
                     YC_ARGS(YC_VT(w->number), YC_VI(w->zone_id), YC_VT(w->window_class),
                             YC_VT(w->unit), id_or_null(w->department_id), YC_VI(w->new_entrant),
                             YC_VI(w->active)),
                     id, err);
}

int
yc_store_window_update(struct yc_db *db, const struct yc_window *w, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_WINDOW_UPDATE,
                      YC_ARGS(YC_VI(w->id), YC_VT(w->number), YC_VI(w->zone_id),
                              YC_VT(w->window_class), YC_VT(w->unit), id_or_null(w->department_id),
                              YC_VI(w->new_entrant), YC_VI(w->active)),
                      NULL, err);
}

int
yc_store_window_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_window *out,
                    int *found, struct yc_err *err)
{
    return ONE(YC_Q_WINDOW_GET, YC_ARGS(YC_VI(id)), a, read_window, out, found, err);
}

int
yc_store_window_list(struct yc_db *db, struct yc_arena *a, struct yc_window **out, size_t *n,
                     struct yc_err *err)
{
    return COLLECT(YC_Q_WINDOW_LIST, YC_NOARGS, a, struct yc_window, read_window, out, n, err);
}

int
yc_store_window_serves_set(struct yc_db *db, int64_t window_id, const int64_t *matter_ids,
                           size_t nm, const int64_t *zone_ids, size_t nz, struct yc_err *err)
{
    int rc = yc_db_exec(db, YC_Q_WINDOW_MATTERS_CLEAR, YC_ARGS(YC_VI(window_id)), NULL, err);

    if (rc == 0) {
        rc = yc_db_exec(db, YC_Q_WINDOW_ZONES_CLEAR, YC_ARGS(YC_VI(window_id)), NULL, err);
    }
    for (size_t i = 0; rc == 0 && i < nm; i++) {
        rc = yc_db_exec(db, YC_Q_WINDOW_MATTER_ADD, YC_ARGS(YC_VI(window_id), YC_VI(matter_ids[i])),
                        NULL, err);
    }
    for (size_t i = 0; rc == 0 && i < nz; i++) {
        rc = yc_db_exec(db, YC_Q_WINDOW_ZONE_ADD, YC_ARGS(YC_VI(window_id), YC_VI(zone_ids[i])),
                        NULL, err);
    }
    return rc;
}

int
yc_store_window_serves_get(struct yc_db *db, struct yc_arena *a, int64_t window_id,
                           struct yc_ref **matters, size_t *nm, struct yc_ref **zones, size_t *nz,
                           struct yc_err *err)
{
    int rc = COLLECT(YC_Q_WINDOW_MATTERS, YC_ARGS(YC_VI(window_id)), a, struct yc_ref, read_ref,
                     matters, nm, err);

    if (rc == 0) {
        rc = COLLECT(YC_Q_WINDOW_ZONES, YC_ARGS(YC_VI(window_id)), a, struct yc_ref, read_ref,
                     zones, nz, err);
    }
    return rc;
}

/* ---- duty ---- */

int
yc_store_duty_put(struct yc_db *db, int64_t window_id, int64_t user_id, int32_t day,
                  struct yc_err *err)
{
    char d[11] = "";

    if (day != YC_NO_DAY) {
        yc_date_format(day, d);
    }
    return yc_db_exec(db, YC_Q_DUTY_PUT, YC_ARGS(YC_VI(window_id), YC_VI(user_id), YC_VT(d)), NULL,
                      err);
}

int
yc_store_duty_delete(struct yc_db *db, int64_t window_id, int32_t day, int64_t *changes,
                     struct yc_err *err)
{
    char d[11] = "";

    if (day != YC_NO_DAY) {
        yc_date_format(day, d);
    }
    return yc_db_exec(db, YC_Q_DUTY_DELETE, YC_ARGS(YC_VI(window_id), YC_VT(d)), changes, err);
}

int
yc_store_duty_other_window(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                           int64_t window_id, const char **number, struct yc_err *err)
{
    struct yc_rows *r;
    int rc =
        yc_db_query(db, YC_Q_DUTY_OF_USER,
                    YC_ARGS(YC_VI(user_id), YC_VT(day_text(a, day)), YC_VI(window_id)), &r, err);

    *number = NULL;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *number = yc_rows_dup(r, a, 0);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_duty_for_day(struct yc_db *db, struct yc_arena *a, int32_t day, struct yc_duty **out,
                      size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_DUTY_FOR_DAY, YC_ARGS(YC_VT(day_text(a, day))), a, struct yc_duty,
                   read_duty, out, n, err);
}

/* ---- posts, leave, hand-overs ---- */

int
yc_store_post_insert(struct yc_db *db, const struct yc_post *p, int64_t now, int64_t *id,
                     struct yc_err *err)
{
    return insert_id(db, YC_Q_POST_INSERT,
                     YC_ARGS(YC_VI(p->department_id), YC_VT(p->name), id_or_null(p->zone_id),
                             YC_VI(p->resident), YC_VI(p->a_user_id), YC_VI(p->b_user_id),
                             YC_VI(now)),
                     id, err);
}

int
yc_store_post_update(struct yc_db *db, const struct yc_post *p, int64_t now, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_POST_UPDATE,
                      YC_ARGS(YC_VI(p->id), YC_VT(p->name), id_or_null(p->zone_id),
                              YC_VI(p->resident), YC_VI(p->a_user_id), YC_VI(p->b_user_id),
                              YC_VI(now)),
                      NULL, err);
}

int
yc_store_post_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_post *out, int *found,
                  struct yc_err *err)
{
    return ONE(YC_Q_POST_GET, YC_ARGS(YC_VI(id)), a, read_post, out, found, err);
}

int
yc_store_post_by_name(struct yc_db *db, int64_t department_id, const char *name, int64_t *id,
                      int *found, struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_POST_BY_NAME, YC_ARGS(YC_VI(department_id), YC_VT(name)), id,
                        found, err);
}

int
yc_store_post_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                   struct yc_post **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_POST_LIST, YC_ARGS(YC_VI(department_id)), a, struct yc_post, read_post, out,
                   n, err);
}

int
yc_store_posts_of_a(struct yc_db *db, struct yc_arena *a, int64_t user_id, struct yc_post **out,
                    size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_POSTS_OF_A, YC_ARGS(YC_VI(user_id)), a, struct yc_post, read_post, out, n,
                   err);
}

int
yc_store_leave_insert(struct yc_db *db, const struct yc_leave *l, int64_t now, const char *actor,
                      int64_t *id, struct yc_err *err)
{
    char f[11], t[11];

    yc_date_format(l->from_day, f);
    yc_date_format(l->to_day, t);
    return insert_id(
        db, YC_Q_LEAVE_INSERT,
        YC_ARGS(YC_VI(l->user_id), YC_VT(f), YC_VT(t), YC_VT(l->reason), YC_VI(now), YC_VT(actor)),
        id, err);
}

int
yc_store_leave_list(struct yc_db *db, struct yc_arena *a, int64_t user_id, struct yc_leave **out,
                    size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_LEAVE_LIST, YC_ARGS(YC_VI(user_id)), a, struct yc_leave, read_leave, out, n,
                   err);
}

int
yc_store_leave_on_day(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                      struct yc_leave *out, int *found, struct yc_err *err)
{
    return ONE(YC_Q_LEAVE_ON_DAY, YC_ARGS(YC_VI(user_id), YC_VT(day_text(a, day))), a, read_leave,
               out, found, err);
}

int
yc_store_handover_insert(struct yc_db *db, const struct yc_handover *h, int64_t *id,
                         struct yc_err *err)
{
    char f[11], t[11];

    yc_date_format(h->from_day, f);
    yc_date_format(h->to_day, t);
    return insert_id(db, YC_Q_HANDOVER_INSERT,
                     YC_ARGS(YC_VI(h->post_id), YC_VI(h->from_user_id), YC_VI(h->to_user_id),
                             YC_VT(h->kind), YC_VT(f), YC_VT(t), YC_VT(h->case_ref),
                             YC_VT(h->reason), YC_VI(h->at), YC_VT(h->actor)),
                     id, err);
}

int
yc_store_handover_list(struct yc_db *db, struct yc_arena *a, int64_t post_id,
                       struct yc_handover **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_HANDOVER_LIST, YC_ARGS(YC_VI(post_id)), a, struct yc_handover,
                   read_handover, out, n, err);
}

/* ---- matters ---- */

int
yc_store_mref_by_code(struct yc_db *db, struct yc_arena *a, const char *code,
                      struct yc_matter_ref *out, int *found, struct yc_err *err)
{
    return ONE(YC_Q_MREF_BY_CODE, YC_ARGS(YC_VT(code)), a, read_mref, out, found, err);
}

int
yc_store_mref_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_matter_ref *out,
                    int *found, struct yc_err *err)
{
    return ONE(YC_Q_MREF_BY_ID, YC_ARGS(YC_VI(id)), a, read_mref, out, found, err);
}

int
yc_store_mref_comprehensive(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                            struct yc_matter_ref **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_MREF_COMPREHENSIVE_OF_DEPT, YC_ARGS(YC_VI(department_id)), a,
                   struct yc_matter_ref, read_mref, out, n, err);
}

/* ---- letters ---- */

int
yc_store_letter_insert(struct yc_db *db, const struct yc_letter *l, const int64_t *matter_ids,
                       size_t nm, int64_t *id, struct yc_err *err)
{
    char f[11], t[11];
    int rc;

    yc_date_format(l->valid_from, f);
    yc_date_format(l->valid_to, t);
    rc = insert_id(db, YC_Q_LETTER_INSERT,
                   YC_ARGS(YC_VT(l->number), YC_VI(l->department_id), YC_VI(l->grantee_id),
                           YC_VI(l->authorities), YC_VT(f), YC_VT(t), YC_VI(l->created_at),
                           YC_VT(l->created_by)),
                   id, err);
    for (size_t i = 0; rc == 0 && i < nm; i++) {
        rc = yc_db_exec(db, YC_Q_LETTER_MATTER_ADD, YC_ARGS(YC_VI(*id), YC_VI(matter_ids[i])), NULL,
                        err);
    }
    return rc;
}

int
yc_store_letter_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_letter *out,
                    int *found, struct yc_err *err)
{
    return ONE(YC_Q_LETTER_GET, YC_ARGS(YC_VI(id)), a, read_letter, out, found, err);
}

int
yc_store_letter_by_number(struct yc_db *db, const char *number, int64_t *id, int *found,
                          struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_LETTER_BY_NUMBER, YC_ARGS(YC_VT(number)), id, found, err);
}

int
yc_store_letter_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                     int64_t grantee_id, struct yc_letter **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_LETTER_LIST, YC_ARGS(YC_VI(department_id), YC_VI(grantee_id)), a,
                   struct yc_letter, read_letter, out, n, err);
}

int
yc_store_letter_matters(struct yc_db *db, struct yc_arena *a, int64_t letter_id,
                        struct yc_ref **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_LETTER_MATTERS, YC_ARGS(YC_VI(letter_id)), a, struct yc_ref, read_ref, out,
                   n, err);
}

int
yc_store_letter_revoke(struct yc_db *db, int64_t id, int32_t day, const char *reason,
                       const char *actor, int64_t *changes, struct yc_err *err)
{
    char d[11];

    yc_date_format(day, d);
    return yc_db_exec(db, YC_Q_LETTER_REVOKE,
                      YC_ARGS(YC_VI(id), YC_VT(d), YC_VT(reason), YC_VT(actor)), changes, err);
}

int
yc_store_letter_spans(struct yc_db *db, struct yc_arena *a, int64_t grantee_id, int64_t matter_id,
                      struct yc_letter_span_row **out, size_t *n, struct yc_err *err)
{
    if (matter_id) {
        return COLLECT(YC_Q_LETTER_SPANS, YC_ARGS(YC_VI(grantee_id), YC_VI(matter_id)), a,
                       struct yc_letter_span_row, read_span, out, n, err);
    }
    return COLLECT(YC_Q_LETTER_SPANS_GRANTEE, YC_ARGS(YC_VI(grantee_id)), a,
                   struct yc_letter_span_row, read_span, out, n, err);
}

int
yc_store_letter_uncovered(struct yc_db *db, struct yc_arena *a, int32_t day,
                          struct yc_matter_ref **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_LETTER_UNCOVERED, YC_ARGS(YC_VT(day_text(a, day))), a, struct yc_matter_ref,
                   read_mref, out, n, err);
}

/* ---- seals ---- */

int
yc_store_seal_insert(struct yc_db *db, const struct yc_seal *s, int64_t now, int64_t *id,
                     struct yc_err *err)
{
    char p[11];

    return insert_id(db, YC_Q_SEAL_INSERT,
                     YC_ARGS(YC_VI(s->department_id), YC_VT(s->name), YC_VT(s->code),
                             id_or_null(s->keeper_id), yc_store_day_val(p, s->published_on),
                             YC_VI(now)),
                     id, err);
}

int
yc_store_seal_update(struct yc_db *db, const struct yc_seal *s, int64_t now, struct yc_err *err)
{
    char p[11], r[11];

    return yc_db_exec(db, YC_Q_SEAL_UPDATE,
                      YC_ARGS(YC_VI(s->id), YC_VT(s->name), id_or_null(s->keeper_id),
                              YC_VT(s->status), yc_store_day_val(p, s->published_on),
                              yc_store_day_val(r, s->retired_on), YC_VI(now)),
                      NULL, err);
}

int
yc_store_seal_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_seal *out, int *found,
                  struct yc_err *err)
{
    return ONE(YC_Q_SEAL_GET, YC_ARGS(YC_VI(id)), a, read_seal, out, found, err);
}

int
yc_store_seal_list(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                   struct yc_seal **out, size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_SEAL_LIST, YC_ARGS(YC_VI(department_id)), a, struct yc_seal, read_seal, out,
                   n, err);
}

int
yc_store_seal_active(struct yc_db *db, struct yc_arena *a, int64_t department_id,
                     struct yc_seal *out, int *found, struct yc_err *err)
{
    return ONE(YC_Q_SEAL_ACTIVE_OF_DEPT, YC_ARGS(YC_VI(department_id)), a, read_seal, out, found,
               err);
}

int
yc_store_seal_by_code(struct yc_db *db, const char *code, int64_t *id, int *found,
                      struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_SEAL_BY_CODE, YC_ARGS(YC_VT(code)), id, found, err);
}

/* ---- reform figures ---- */

int
yc_store_reform_matter_counts(struct yc_db *db,
                              void (*fn)(void *cls, const char *dept, const char *type,
                                         int64_t count),
                              void *cls, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_REFORM_MATTER_COUNTS, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        fn(cls, yc_rows_text(r, 0), yc_rows_text(r, 1), yc_rows_int(r, 2));
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_reform_share(struct yc_db *db, int64_t *entered, int64_t *undifferentiated,
                      int64_t *comprehensive, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_REFORM_SHARE, YC_NOARGS, &r, err);

    *entered = *undifferentiated = *comprehensive = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        *entered = yc_rows_int(r, 0);
        *undifferentiated = yc_rows_int(r, 1);
        *comprehensive = yc_rows_int(r, 2);
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_reform_not_undiff(struct yc_db *db, struct yc_arena *a, struct yc_matter_ref **out,
                           size_t *n, struct yc_err *err)
{
    return COLLECT(YC_Q_REFORM_NOT_UNDIFF, YC_NOARGS, a, struct yc_matter_ref, read_mref, out, n,
                   err);
}

int
yc_store_reform_zones(struct yc_db *db, struct yc_arena *a, struct yc_zone_figures **out, size_t *n,
                      struct yc_err *err)
{
    return COLLECT(YC_Q_REFORM_ZONES, YC_NOARGS, a, struct yc_zone_figures, read_zone_figures, out,
                   n, err);
}

int
yc_store_step_list(struct yc_db *db, struct yc_arena *a, struct yc_step_row **out, size_t *n,
                   struct yc_err *err)
{
    return COLLECT(YC_Q_STEP_LIST, YC_NOARGS, a, struct yc_step_row, read_step, out, n, err);
}

int
yc_store_step_put(struct yc_db *db, int seq, const char *status, const char *note, int64_t now,
                  const char *actor, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_STEP_PUT,
                      YC_ARGS(YC_VI(seq), YC_VT(status), YC_VT(note), YC_VI(now), YC_VT(actor)),
                      NULL, err);
}
