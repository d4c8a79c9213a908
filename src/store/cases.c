/* cases.c - repository functions of cases, their materials, stops, timeline, seal ledger and
 * outbox (cases.h). */
#include <string.h>

#include "base/date.h"
#include "store/cases.h"
#include "store/rows.h"
#include "base/banned.h"

static void
read_case(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case *c = elem;

    c->id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->matter_id = yc_rows_int(r, 2);
    c->matter_version = (int)yc_rows_int(r, 3);
    c->matter_code = yc_rows_dup(r, a, 4);
    c->matter_name = yc_rows_dup(r, a, 5);
    c->applicant_kind = yc_rows_dup(r, a, 6);
    c->applicant_name = yc_rows_dup(r, a, 7);
    c->id_number = yc_rows_dup(r, a, 8);
    c->id_override = yc_rows_dup(r, a, 9);
    c->phone = yc_rows_dup(r, a, 10);
    c->legal_rep = yc_rows_dup(r, a, 11);
    c->agent = yc_rows_dup(r, a, 12);
    c->state = yc_rows_dup(r, a, 13);
    c->received_day = yc_store_day(yc_rows_text(r, 14));
    c->accepted_day = yc_store_day(yc_rows_text(r, 15));
    c->statutory_days = (int)yc_rows_int(r, 16);
    c->promised_days = (int)yc_rows_int(r, 17);
    c->extension_days = (int)yc_rows_int(r, 18);
    c->extended_day = yc_store_day(yc_rows_text(r, 19));
    c->department_id = yc_rows_int(r, 20);
    c->department_name = yc_rows_dup(r, a, 21);
    c->acceptor_id = yc_rows_int(r, 22);
    c->acceptor_name = yc_rows_dup(r, a, 23);
    c->post_id = yc_rows_int(r, 24);
    c->assignee_id = yc_rows_int(r, 25);
    c->assignee_name = yc_rows_dup(r, a, 26);
    c->ticket_id = yc_rows_int(r, 27);
    c->decision = yc_rows_dup(r, a, 28);
    c->result_channel = yc_rows_dup(r, a, 29);
    c->tracking_no = yc_rows_dup(r, a, 30);
    c->version = yc_rows_int(r, 31);
    c->created_at = yc_rows_int(r, 32);
    c->updated_at = yc_rows_int(r, 33);
    c->joint = (int)yc_rows_int(r, 34);
    c->promised_extra_days = (int)yc_rows_int(r, 35);
    c->assigned_at = yc_rows_int(r, 36);
    c->ab_user_id = yc_rows_int(r, 37);
    c->ab_user_name = yc_rows_dup(r, a, 38);
    c->ab_notified_at = yc_rows_int(r, 39);
}

int
yc_store_case_seq_next(struct yc_db *db, int32_t day, int64_t *seq, struct yc_err *err)
{
    char d[11];
    int found;

    return yc_db_scalar(db, YC_Q_CASE_SEQ_NEXT, YC_ARGS(yc_store_day_val(d, day)), seq, &found,
                        err);
}

int
yc_store_case_post_of_dept(struct yc_db *db, int64_t department_id, int64_t *post_id,
                           struct yc_err *err)
{
    int found = 0;
    int rc = yc_db_scalar(db, YC_Q_CASE_POST_OF_DEPT, YC_ARGS(YC_VI(department_id)), post_id,
                          &found, err);

    if (rc == 0 && !found) {
        *post_id = 0;
    }
    return rc;
}

int
yc_store_case_insert(struct yc_db *db, const struct yc_case *c, int64_t *id, struct yc_err *err)
{
    char rd[11], ad[11];
    int found;

    return yc_db_scalar(db, YC_Q_CASE_INSERT,
                        YC_ARGS(YC_VT(c->number), YC_VI(c->matter_id), YC_VI(c->matter_version),
                                YC_VT(c->applicant_kind), YC_VT(c->applicant_name),
                                YC_VT(c->id_number), YC_VT(c->id_override), YC_VT(c->phone),
                                YC_VT(c->legal_rep), YC_VT(c->agent), YC_VT(c->state),
                                yc_store_day_val(rd, c->received_day),
                                yc_store_day_val(ad, c->accepted_day), YC_VI(c->statutory_days),
                                YC_VI(c->promised_days), YC_VI(c->department_id),
                                YC_VI(c->acceptor_id), c->post_id ? YC_VI(c->post_id) : YC_VNULL,
                                c->assignee_id ? YC_VI(c->assignee_id) : YC_VNULL,
                                c->ticket_id ? YC_VI(c->ticket_id) : YC_VNULL, YC_VT(c->decision),
                                YC_VI(c->created_at)),
                        id, &found, err);
}

int
yc_store_case_get(struct yc_db *db, struct yc_arena *a, int64_t id, const char *number,
                  struct yc_case *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = number ? yc_db_query(db, YC_Q_CASE_BY_NUMBER, YC_ARGS(YC_VT(number)), &r, err)
                    : yc_db_query(db, YC_Q_CASE_GET, YC_ARGS(YC_VI(id)), &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        read_case(r, a, out);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

int
yc_store_case_list(struct yc_db *db, struct yc_arena *a, const struct yc_case_filter *f,
                   struct yc_case **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_LIST,
                            YC_ARGS(YC_VI(f->department_id), YC_VI(f->acceptor_id),
                                    YC_VI(f->assignee_id), YC_VT(f->state ? f->state : ""),
                                    YC_VI(f->open_only), YC_VI(f->limit),
                                    YC_VI(f->before > 0 ? f->before : INT64_MAX)),
                            a, sizeof(struct yc_case), read_case, (void **)out, n, err);
}

int
yc_store_case_update(struct yc_db *db, const struct yc_case *c, int64_t now, int *won,
                     struct yc_err *err)
{
    char ad[11], ed[11];
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_CASE_UPDATE,
                        YC_ARGS(YC_VI(c->id), YC_VI(c->version), YC_VT(c->state),
                                yc_store_day_val(ad, c->accepted_day), YC_VI(c->extension_days),
                                yc_store_day_val(ed, c->extended_day), YC_VT(c->decision),
                                YC_VT(c->result_channel), YC_VT(c->tracking_no),
                                c->assignee_id ? YC_VI(c->assignee_id) : YC_VNULL, YC_VI(now)),
                        &changes, err);

    *won = rc == 0 && changes == 1;
    return rc;
}

int
yc_store_case_deem(struct yc_db *db, int64_t id, int64_t now, int *won, struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_CASE_DEEM, YC_ARGS(YC_VI(id), YC_VI(now)), &changes, err);

    *won = rc == 0 && changes == 1;
    return rc;
}

static void
read_candidate(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case *c = elem;

    memset(c, 0, sizeof(*c));
    c->id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->received_day = yc_store_day(yc_rows_text(r, 2));
    c->state = "received";
}

int
yc_store_case_deem_candidates(struct yc_db *db, struct yc_arena *a, int32_t day,
                              struct yc_case **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_CASE_DEEM_CANDIDATES, YC_ARGS(yc_store_day_val(d, day)), a,
                            sizeof(struct yc_case), read_candidate, (void **)out, n, err);
}

int
yc_store_case_material_insert(struct yc_db *db, int64_t case_id, const struct yc_case_material *m,
                              struct yc_err *err)
{
    char dd[11], rd[11];

    return yc_db_exec(db, YC_Q_CASE_MATERIAL_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VI(m->seq), YC_VT(m->name), YC_VI(m->required),
                              YC_VT(m->status), YC_VT(m->commitment),
                              yc_store_day_val(dd, m->due_day),
                              yc_store_day_val(rd, m->received_day)),
                      NULL, err);
}

static void
read_material(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_material *m = elem;

    m->seq = (int)yc_rows_int(r, 0);
    m->name = yc_rows_dup(r, a, 1);
    m->required = (int)yc_rows_int(r, 2);
    m->status = yc_rows_dup(r, a, 3);
    m->commitment = yc_rows_dup(r, a, 4);
    m->due_day = yc_store_day(yc_rows_text(r, 5));
    m->received_day = yc_store_day(yc_rows_text(r, 6));
}

int
yc_store_case_materials(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                        struct yc_case_material **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_MATERIALS, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_material), read_material, (void **)out, n, err);
}

int
yc_store_case_materials_arrive(struct yc_db *db, int64_t case_id, int32_t day, struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_CASE_MATERIALS_ARRIVE,
                      YC_ARGS(YC_VI(case_id), yc_store_day_val(d, day)), NULL, err);
}

int
yc_store_case_stop_insert(struct yc_db *db, int64_t case_id, const char *kind, int32_t day,
                          const char *reason, struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_CASE_STOP_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VT(kind), yc_store_day_val(d, day), YC_VT(reason)),
                      NULL, err);
}

static void
read_stop(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_stop_row *s = elem;

    s->kind = yc_rows_dup(r, a, 0);
    s->stop_day = yc_store_day(yc_rows_text(r, 1));
    s->resume_day = yc_store_day(yc_rows_text(r, 2));
    s->reason = yc_rows_dup(r, a, 3);
}

int
yc_store_case_stops(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                    struct yc_case_stop_row **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_STOPS, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_stop_row), read_stop, (void **)out, n, err);
}

int
yc_store_case_stop_resume(struct yc_db *db, int64_t case_id, int32_t day, struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_CASE_STOP_RESUME, YC_ARGS(YC_VI(case_id), yc_store_day_val(d, day)),
                      NULL, err);
}

int
yc_store_case_event_insert(struct yc_db *db, int64_t case_id, const struct yc_case_event_row *e,
                           struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_CASE_EVENT_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VT(e->event), YC_VT(e->from_state),
                              YC_VT(e->to_state), YC_VT(e->actor), YC_VI(e->at),
                              yc_store_day_val(d, e->day), YC_VT(e->note)),
                      NULL, err);
}

static void
read_event(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_event_row *e = elem;

    e->event = yc_rows_dup(r, a, 0);
    e->from_state = yc_rows_dup(r, a, 1);
    e->to_state = yc_rows_dup(r, a, 2);
    e->actor = yc_rows_dup(r, a, 3);
    e->at = yc_rows_int(r, 4);
    e->day = yc_store_day(yc_rows_text(r, 5));
    e->note = yc_rows_dup(r, a, 6);
}

int
yc_store_case_events(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                     struct yc_case_event_row **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_EVENTS, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_event_row), read_event, (void **)out, n, err);
}

int
yc_store_seal_use_insert(struct yc_db *db, int64_t case_id, const struct yc_seal_use *u,
                         struct yc_err *err)
{
    char d[11];

    return yc_db_exec(db, YC_Q_SEAL_USE_INSERT,
                      YC_ARGS(YC_VI(u->seal_id), YC_VI(case_id), YC_VT(u->stage),
                              YC_VI(u->approver_id), YC_VT(u->document), YC_VT(u->sha256),
                              yc_store_day_val(d, u->day), YC_VI(u->at)),
                      NULL, err);
}

static void
read_seal_use(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_seal_use *u = elem;

    u->seal_id = yc_rows_int(r, 0);
    u->seal_name = yc_rows_dup(r, a, 1);
    u->seal_code = yc_rows_dup(r, a, 2);
    u->stage = yc_rows_dup(r, a, 3);
    u->approver_id = yc_rows_int(r, 4);
    u->approver_name = yc_rows_dup(r, a, 5);
    u->document = yc_rows_dup(r, a, 6);
    u->sha256 = yc_rows_dup(r, a, 7);
    u->day = yc_store_day(yc_rows_text(r, 8));
    u->at = yc_rows_int(r, 9);
}

int
yc_store_seal_uses_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                           struct yc_seal_use **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_SEAL_USES_OF_CASE, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_seal_use), read_seal_use, (void **)out, n, err);
}

int
yc_store_outbox_insert(struct yc_db *db, int64_t case_id, const char *recipient, const char *text_,
                       int64_t now, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_OUTBOX_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VT(recipient), YC_VT(text_), YC_VI(now)), NULL,
                      err);
}

static void
read_outbox(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_outbox_row *o = elem;

    o->id = yc_rows_int(r, 0);
    o->recipient = yc_rows_dup(r, a, 1);
    o->channel = yc_rows_dup(r, a, 2);
    o->text = yc_rows_dup(r, a, 3);
    o->state = "pending";
}

static void
read_outbox_state(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_outbox_row *o = elem;

    read_outbox(r, a, elem);
    o->state = yc_rows_dup(r, a, 4);
}

int
yc_store_outbox_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                        struct yc_outbox_row **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_OUTBOX_OF_CASE, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_outbox_row), read_outbox_state, (void **)out, n, err);
}

int
yc_store_outbox_pending(struct yc_db *db, struct yc_arena *a, struct yc_outbox_row **out, size_t *n,
                        struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_OUTBOX_PENDING, YC_NOARGS, a, sizeof(struct yc_outbox_row),
                            read_outbox, (void **)out, n, err);
}

int
yc_store_outbox_sent(struct yc_db *db, int64_t id, int64_t now, int *won, struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, YC_Q_OUTBOX_SENT, YC_ARGS(YC_VI(id), YC_VI(now)), &changes, err);

    *won = rc == 0 && changes == 1;
    return rc;
}

static void
read_cert(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_cert *k = elem;

    k->cert_no = yc_rows_dup(r, a, 0);
    k->name = yc_rows_dup(r, a, 1);
    k->day = yc_store_day(yc_rows_text(r, 2));
}

int
yc_store_cert_insert(struct yc_db *db, int64_t case_id, const char *cert_no, const char *name,
                     int32_t day, int64_t now, struct yc_err *err)
{
    char d[11];

    yc_date_format(day, d);
    return yc_db_exec(db, YC_Q_CERT_INSERT,
                      YC_ARGS(YC_VI(case_id), YC_VT(cert_no), YC_VT(name), YC_VT(d), YC_VI(now)),
                      NULL, err);
}

int
yc_store_certs_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                       struct yc_case_cert **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CERTS_OF_CASE, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_cert), read_cert, (void **)out, n, err);
}

/* ---- the rules of migration 0006 ---- */

static int
exec_won(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs, int *won,
         struct yc_err *err)
{
    int64_t changes = 0;
    int rc = yc_db_exec(db, q, args, nargs, &changes, err);

    *won = rc == 0 && changes == 1;
    return rc;
}

static void
read_joint_dept(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_joint_row *j = elem;

    memset(j, 0, sizeof(*j));
    j->department_id = yc_rows_int(r, 0);
    j->department_name = yc_rows_dup(r, a, 1);
}

int
yc_store_matter_joint_depts(struct yc_db *db, struct yc_arena *a, int64_t matter_id,
                            struct yc_joint_row **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_MATTER_JOINT_DEPTS, YC_ARGS(YC_VI(matter_id)), a,
                            sizeof(struct yc_joint_row), read_joint_dept, (void **)out, n, err);
}

int
yc_store_matter_joint_set(struct yc_db *db, int64_t matter_id, const int64_t *dept_ids, size_t n,
                          struct yc_err *err)
{
    int rc = yc_db_exec(db, YC_Q_MATTER_JOINT_CLEAR, YC_ARGS(YC_VI(matter_id)), NULL, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = yc_db_exec(db, YC_Q_MATTER_JOINT_ADD, YC_ARGS(YC_VI(matter_id), YC_VI(dept_ids[i])),
                        NULL, err);
    }
    return rc;
}

static void
read_joint(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_joint_row *j = elem;

    j->matter_id = yc_rows_int(r, 0);
    j->matter_code = yc_rows_dup(r, a, 1);
    j->matter_name = yc_rows_dup(r, a, 2);
    j->matter_department_id = yc_rows_int(r, 3);
    j->matter_department_name = yc_rows_dup(r, a, 4);
    j->department_id = yc_rows_int(r, 5);
    j->department_name = yc_rows_dup(r, a, 6);
}

int
yc_store_matter_joint_all(struct yc_db *db, struct yc_arena *a, struct yc_joint_row **out,
                          size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_MATTER_JOINT_ALL, YC_NOARGS, a, sizeof(struct yc_joint_row),
                            read_joint, (void **)out, n, err);
}

int
yc_store_case_set_joint(struct yc_db *db, int64_t id, int statutory_days, struct yc_err *err)
{
    return yc_db_exec(db, YC_Q_CASE_SET_JOINT, YC_ARGS(YC_VI(id), YC_VI(statutory_days)), NULL,
                      err);
}

int
yc_store_case_touch(struct yc_db *db, int64_t id, int64_t version, int64_t now, int *won,
                    struct yc_err *err)
{
    return exec_won(db, YC_Q_CASE_TOUCH, YC_ARGS(YC_VI(id), YC_VI(version), YC_VI(now)), won, err);
}

int
yc_store_case_set_promise(struct yc_db *db, int64_t id, int64_t version, int extra_days,
                          int64_t now, int *won, struct yc_err *err)
{
    return exec_won(db, YC_Q_CASE_SET_PROMISE,
                    YC_ARGS(YC_VI(id), YC_VI(version), YC_VI(extra_days), YC_VI(now)), won, err);
}

int
yc_store_case_terminate(struct yc_db *db, int64_t id, int64_t version, int64_t now, int *won,
                        struct yc_err *err)
{
    return exec_won(db, YC_Q_CASE_TERMINATE, YC_ARGS(YC_VI(id), YC_VI(version), YC_VI(now)), won,
                    err);
}

int
yc_store_case_inbox(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                    const char *state, int limit, int64_t before, struct yc_case **out, size_t *n,
                    struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_CASE_INBOX,
                            YC_ARGS(YC_VI(user_id), yc_store_day_val(d, day),
                                    YC_VT(state ? state : ""), YC_VI(limit),
                                    YC_VI(before > 0 ? before : INT64_MAX)),
                            a, sizeof(struct yc_case), read_case, (void **)out, n, err);
}

int
yc_store_case_task_insert(struct yc_db *db, const struct yc_case_task *t, int64_t now, int64_t *id,
                          struct yc_err *err)
{
    char cd[11], dd[11];
    int found;

    return yc_db_scalar(db, YC_Q_CASE_TASK_INSERT,
                        YC_ARGS(YC_VI(t->case_id), YC_VI(t->department_id), YC_VI(t->post_id),
                                t->assignee_id ? YC_VI(t->assignee_id) : YC_VNULL, YC_VI(t->days),
                                yc_store_day_val(cd, t->created_day),
                                yc_store_day_val(dd, t->due_day), YC_VI(now)),
                        id, &found, err);
}

static void
read_task(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_task *t = elem;

    t->id = yc_rows_int(r, 0);
    t->case_id = yc_rows_int(r, 1);
    t->department_id = yc_rows_int(r, 2);
    t->department_name = yc_rows_dup(r, a, 3);
    t->post_id = yc_rows_int(r, 4);
    t->post_name = yc_rows_dup(r, a, 5);
    t->assignee_id = yc_rows_int(r, 6);
    t->assignee_name = yc_rows_dup(r, a, 7);
    t->state = yc_rows_dup(r, a, 8);
    t->opinion = yc_rows_dup(r, a, 9);
    t->days = (int)yc_rows_int(r, 10);
    t->created_day = yc_store_day(yc_rows_text(r, 11));
    t->due_day = yc_store_day(yc_rows_text(r, 12));
    t->done_day = yc_store_day(yc_rows_text(r, 13));
    t->done_by = yc_rows_int(r, 14);
    t->done_by_name = yc_rows_dup(r, a, 15);
    t->a_user_id = yc_rows_int(r, 16);
    t->b_user_id = yc_rows_int(r, 17);
}

int
yc_store_case_tasks(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                    struct yc_case_task **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_TASKS, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_task), read_task, (void **)out, n, err);
}

int
yc_store_case_task_get(struct yc_db *db, struct yc_arena *a, int64_t case_id, int64_t task_id,
                       struct yc_case_task *out, int *found, struct yc_err *err)
{
    return yc_store_one(db, YC_Q_CASE_TASK_GET, YC_ARGS(YC_VI(task_id), YC_VI(case_id)), a,
                        read_task, out, found, err);
}

int
yc_store_case_task_close(struct yc_db *db, int64_t task_id, const char *state, const char *opinion,
                         int32_t day, int64_t user_id, int *won, struct yc_err *err)
{
    char d[11];

    return exec_won(db, YC_Q_CASE_TASK_CLOSE,
                    YC_ARGS(YC_VI(task_id), YC_VT(state), YC_VT(opinion), yc_store_day_val(d, day),
                            YC_VI(user_id)),
                    won, err);
}

int
yc_store_case_task_of_dept(struct yc_db *db, int64_t case_id, int64_t department_id, int64_t *count,
                           struct yc_err *err)
{
    int found = 0;

    return yc_db_scalar(db, YC_Q_CASE_TASK_OF_DEPT, YC_ARGS(YC_VI(case_id), YC_VI(department_id)),
                        count, &found, err);
}

int
yc_store_case_material_receive(struct yc_db *db, int64_t case_id, int seq, int32_t day, int *won,
                               struct yc_err *err)
{
    char d[11];

    return exec_won(db, YC_Q_CASE_MATERIAL_RECEIVE,
                    YC_ARGS(YC_VI(case_id), YC_VI(seq), yc_store_day_val(d, day)), won, err);
}

int
yc_store_case_explain_insert(struct yc_db *db, int64_t case_id, const struct yc_case_explanation *e,
                             int64_t now, int *won, struct yc_err *err)
{
    char d[11], o[11], nd[11];

    return exec_won(db, YC_Q_CASE_EXPLAIN_INSERT,
                    YC_ARGS(YC_VI(case_id), yc_store_day_val(d, e->day),
                            yc_store_day_val(o, e->old_end), yc_store_day_val(nd, e->new_end),
                            YC_VT(e->text), YC_VI(now)),
                    won, err);
}

static void
read_explanation(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_explanation *e = elem;

    e->day = yc_store_day(yc_rows_text(r, 0));
    e->old_end = yc_store_day(yc_rows_text(r, 1));
    e->new_end = yc_store_day(yc_rows_text(r, 2));
    e->text = yc_rows_dup(r, a, 3);
}

int
yc_store_case_explanations(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                           struct yc_case_explanation **out, size_t *n, struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_EXPLANATIONS, YC_ARGS(YC_VI(case_id)), a,
                            sizeof(struct yc_case_explanation), read_explanation, (void **)out, n,
                            err);
}

int
yc_store_case_explain_candidates(struct yc_db *db, struct yc_arena *a, int32_t day,
                                 int64_t after_id, struct yc_case **out, size_t *n,
                                 struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_CASE_EXPLAIN_CANDIDATES,
                            YC_ARGS(yc_store_day_val(d, day), YC_VI(after_id)), a,
                            sizeof(struct yc_case), read_case, (void **)out, n, err);
}

static void
read_ab(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_ab_candidate *c = elem;

    c->case_id = yc_rows_int(r, 0);
    c->number = yc_rows_dup(r, a, 1);
    c->matter_name = yc_rows_dup(r, a, 2);
    c->assigned_at = yc_rows_int(r, 3);
    c->a_user_id = yc_rows_int(r, 4);
    c->a_username = yc_rows_dup(r, a, 5);
    c->a_name = yc_rows_dup(r, a, 6);
    c->post_id = yc_rows_int(r, 7);
    c->post_name = yc_rows_dup(r, a, 8);
    c->b_user_id = yc_rows_int(r, 9);
    c->b_username = yc_rows_dup(r, a, 10);
    c->b_name = yc_rows_dup(r, a, 11);
    c->state = yc_rows_dup(r, a, 12);
}

int
yc_store_case_ab_candidates(struct yc_db *db, struct yc_arena *a, int64_t assigned_before,
                            int64_t after_id, struct yc_case_ab_candidate **out, size_t *n,
                            struct yc_err *err)
{
    return yc_store_collect(db, YC_Q_CASE_AB_CANDIDATES,
                            YC_ARGS(YC_VI(assigned_before), YC_VI(after_id)), a,
                            sizeof(struct yc_case_ab_candidate), read_ab, (void **)out, n, err);
}

int
yc_store_case_ab_notify(struct yc_db *db, int64_t id, int64_t now, int64_t b_user_id,
                        int64_t a_user_id, int *won, struct yc_err *err)
{
    return exec_won(db, YC_Q_CASE_AB_NOTIFY,
                    YC_ARGS(YC_VI(id), YC_VI(now), YC_VI(b_user_id), YC_VI(a_user_id)), won, err);
}

static void
read_owed(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_case_owed *o = elem;

    o->case_id = yc_rows_int(r, 0);
    o->number = yc_rows_dup(r, a, 1);
    o->version = yc_rows_int(r, 2);
    o->state = yc_rows_dup(r, a, 3);
    o->matter_name = yc_rows_dup(r, a, 4);
    o->phone = yc_rows_dup(r, a, 5);
    o->material = yc_rows_dup(r, a, 6);
    o->due_day = yc_store_day(yc_rows_text(r, 7));
}

int
yc_store_case_rongque_overdue(struct yc_db *db, struct yc_arena *a, int32_t day, int64_t after_id,
                              struct yc_case_owed **out, size_t *n, struct yc_err *err)
{
    char d[11];

    return yc_store_collect(db, YC_Q_CASE_RONGQUE_OVERDUE,
                            YC_ARGS(yc_store_day_val(d, day), YC_VI(after_id)), a,
                            sizeof(struct yc_case_owed), read_owed, (void **)out, n, err);
}

int
yc_store_outbox_insert_to(struct yc_db *db, int64_t case_id, const char *recipient,
                          const char *channel, const char *text_, int64_t now, struct yc_err *err)
{
    return yc_db_exec(
        db, YC_Q_OUTBOX_INSERT_TO,
        YC_ARGS(YC_VI(case_id), YC_VT(recipient), YC_VT(channel), YC_VT(text_), YC_VI(now)), NULL,
        err);
}
