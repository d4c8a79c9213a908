/*
 * cases.h - repository functions of cases: numbers, the case row (compare-and-set on its version),
 * the checklist of materials, clock stops, the timeline, the seal ledger and the outbox.
 *
 * As in store.h: strings in records live in the caller's arena; every function returns 0 or a
 * negative status with err filled. Days are day numbers in records ('YYYY-MM-DD' text in the
 * database); "no day" is YC_NO_DAY (store/hall.h). Ids of 0 mean "none".
 */
#ifndef YC_STORE_CASES_H
#define YC_STORE_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/db.h"
#include "store/hall.h"

struct yc_case {
    int64_t id;
    const char *number;
    int64_t matter_id;
    int matter_version;
    const char *matter_code;
    const char *matter_name;
    const char *applicant_kind; /* person | firm */
    const char *applicant_name;
    const char *id_number; /* personal data: never logged */
    const char *id_override;
    const char *phone;
    const char *legal_rep;
    const char *agent;
    const char *state; /* a name of domain/case_flow.h */
    int32_t received_day;
    int32_t accepted_day; /* YC_NO_DAY before acceptance */
    int statutory_days;
    int promised_days;
    int extension_days;
    int32_t extended_day; /* YC_NO_DAY when not extended */
    int64_t department_id;
    const char *department_name;
    int64_t acceptor_id;
    const char *acceptor_name;
    int64_t post_id;
    int64_t assignee_id;
    const char *assignee_name;
    int64_t ticket_id;
    const char *decision; /* grant | refuse | "" */
    const char *result_channel; /* window | ems | "" */
    const char *tracking_no;
    int64_t version;
    int64_t created_at;
    int64_t updated_at;
    int joint;               /* handled jointly (联合审批): statutory_days is the joint limit */
    int promised_extra_days; /* added to promised_days by explanations of a missed promise */
    int64_t assigned_at;     /* when the assignee got it (ms) */
    int64_t ab_user_id;      /* B of the post, told that A had not acted in time; 0: nobody */
    const char *ab_user_name;
    int64_t ab_notified_at; /* when B was told (ms), 0: not */
};

struct yc_case_material {
    int seq;
    const char *name;
    int required;
    const char *status; /* received | missing | rongque */
    const char *commitment;
    int32_t due_day;      /* YC_NO_DAY unless rongque */
    int32_t received_day; /* YC_NO_DAY until it arrived */
};

struct yc_case_stop_row {
    const char *kind;
    int32_t stop_day;
    int32_t resume_day; /* YC_NO_DAY while open */
    const char *reason;
};

struct yc_case_event_row {
    const char *event;
    const char *from_state;
    const char *to_state;
    const char *actor;
    int64_t at;
    int32_t day;
    const char *note;
};

struct yc_seal_use {
    int64_t seal_id;
    const char *seal_name;
    const char *seal_code;
    const char *stage;
    int64_t approver_id;
    const char *approver_name;
    const char *document;
    const char *sha256;
    int32_t day;
    int64_t at;
};

struct yc_outbox_row {
    int64_t id;
    const char *recipient;
    const char *channel;
    const char *text;
    const char *state;
};

/* An electronic certificate issued with the result. */
struct yc_case_cert {
    const char *cert_no;
    const char *name;
    int32_t day;
};

int yc_store_cert_insert(struct yc_db *db, int64_t case_id, const char *cert_no, const char *name,
                         int32_t day, int64_t now, struct yc_err *err) YC_MUST;
int yc_store_certs_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                           struct yc_case_cert **out, size_t *n, struct yc_err *err) YC_MUST;

/* Filters of a case list: 0 / "" mean any; open_only leaves out final states. A page: the newest
 * limit cases with an id below before (0: from the newest). */
struct yc_case_filter {
    int64_t department_id;
    int64_t acceptor_id;
    int64_t assignee_id;
    const char *state;
    int open_only;
    int limit;
    int64_t before;
};

/* The next sequence number of a receipt day (1, 2, ...), inside the caller's transaction. */
int yc_store_case_seq_next(struct yc_db *db, int32_t day, int64_t *seq, struct yc_err *err) YC_MUST;
/* The post new cases of a department go to (its first post); *post_id 0 when it has none. */
int yc_store_case_post_of_dept(struct yc_db *db, int64_t department_id, int64_t *post_id,
                               struct yc_err *err) YC_MUST;
/* Insert c (id, names, version and times are ignored except created_at). */
int yc_store_case_insert(struct yc_db *db, const struct yc_case *c, int64_t *id,
                         struct yc_err *err) YC_MUST;
/* By id, or by number when number is not NULL. */
int yc_store_case_get(struct yc_db *db, struct yc_arena *a, int64_t id, const char *number,
                      struct yc_case *out, int *found, struct yc_err *err) YC_MUST;
int yc_store_case_list(struct yc_db *db, struct yc_arena *a, const struct yc_case_filter *f,
                       struct yc_case **out, size_t *n, struct yc_err *err) YC_MUST;
/* Write the mutable fields of c when the row is still at c->version; *won 1 if it was. */
int yc_store_case_update(struct yc_db *db, const struct yc_case *c, int64_t now, int *won,
                         struct yc_err *err) YC_MUST;
/* received -> deemed_accepted with accepted_day = received_day; *won 1 if this call did it. */
int yc_store_case_deem(struct yc_db *db, int64_t id, int64_t now, int *won,
                       struct yc_err *err) YC_MUST;
/* Received cases received on or before day (at most 1000, oldest first). */
int yc_store_case_deem_candidates(struct yc_db *db, struct yc_arena *a, int32_t day,
                                  struct yc_case **out, size_t *n, struct yc_err *err) YC_MUST;

int yc_store_case_material_insert(struct yc_db *db, int64_t case_id,
                                  const struct yc_case_material *m, struct yc_err *err) YC_MUST;
int yc_store_case_materials(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                            struct yc_case_material **out, size_t *n, struct yc_err *err) YC_MUST;
/* Mark every material not yet received as received on day. */
int yc_store_case_materials_arrive(struct yc_db *db, int64_t case_id, int32_t day,
                                   struct yc_err *err) YC_MUST;

int yc_store_case_stop_insert(struct yc_db *db, int64_t case_id, const char *kind, int32_t day,
                              const char *reason, struct yc_err *err) YC_MUST;
int yc_store_case_stops(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                        struct yc_case_stop_row **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_case_stop_resume(struct yc_db *db, int64_t case_id, int32_t day,
                              struct yc_err *err) YC_MUST;

int yc_store_case_event_insert(struct yc_db *db, int64_t case_id,
                               const struct yc_case_event_row *e, struct yc_err *err) YC_MUST;
int yc_store_case_events(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                         struct yc_case_event_row **out, size_t *n, struct yc_err *err) YC_MUST;

int yc_store_seal_use_insert(struct yc_db *db, int64_t case_id, const struct yc_seal_use *u,
                             struct yc_err *err) YC_MUST;
int yc_store_seal_uses_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                               struct yc_seal_use **out, size_t *n, struct yc_err *err) YC_MUST;

int yc_store_outbox_insert(struct yc_db *db, int64_t case_id, const char *recipient,
                           const char *text, int64_t now, struct yc_err *err) YC_MUST;
int yc_store_outbox_of_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                            struct yc_outbox_row **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_outbox_pending(struct yc_db *db, struct yc_arena *a, struct yc_outbox_row **out,
                            size_t *n, struct yc_err *err) YC_MUST;
/* Mark one row sent; *won 1 if this call did (another process may have). */
int yc_store_outbox_sent(struct yc_db *db, int64_t id, int64_t now, int *won,
                         struct yc_err *err) YC_MUST;

/* ---- the rules of migration 0006: joint tasks, the inbox by post, the AB post rule,
 * explanations of a missed promise, 容缺 not kept (stmts_case_rules.def) ---- */

/* A department's part of a joint case. */
struct yc_case_task {
    int64_t id;
    int64_t case_id;
    int64_t department_id;
    const char *department_name;
    int64_t post_id;
    const char *post_name;
    int64_t assignee_id;
    const char *assignee_name;
    const char *state; /* open | done | refused */
    const char *opinion;
    int days;
    int32_t created_day;
    int32_t due_day;
    int32_t done_day; /* YC_NO_DAY while open */
    int64_t done_by;
    const char *done_by_name;
    int64_t a_user_id; /* of the task's post, as it is now */
    int64_t b_user_id;
};

/* A matter handled jointly with a department (matter_joint). */
struct yc_joint_row {
    int64_t matter_id;
    const char *matter_code;
    const char *matter_name;
    int64_t matter_department_id;
    const char *matter_department_name;
    int64_t department_id;
    const char *department_name;
};

struct yc_case_explanation {
    int32_t day;
    int32_t old_end;
    int32_t new_end;
    const char *text;
};

/* A case A has not acted on (the AB post rule). */
struct yc_case_ab_candidate {
    int64_t case_id;
    const char *number;
    const char *matter_name;
    int64_t assigned_at;
    int64_t a_user_id;
    const char *a_username;
    const char *a_name;
    int64_t post_id;
    const char *post_name;
    int64_t b_user_id;
    const char *b_username;
    const char *b_name;
    const char *state;
};

/* A 容缺 material still owed after its day. */
struct yc_case_owed {
    int64_t case_id;
    const char *number;
    int64_t version;
    const char *state;
    const char *matter_name;
    const char *phone;
    const char *material;
    int32_t due_day;
};

/* The departments matter_id is handled with (ids and names; matter fields unset). */
int yc_store_matter_joint_depts(struct yc_db *db, struct yc_arena *a, int64_t matter_id,
                                struct yc_joint_row **out, size_t *n, struct yc_err *err) YC_MUST;
/* Replace them with dept_ids[0..n). */
int yc_store_matter_joint_set(struct yc_db *db, int64_t matter_id, const int64_t *dept_ids,
                              size_t n, struct yc_err *err) YC_MUST;
/* Every matter handled jointly, one row per (matter, department), by matter code. */
int yc_store_matter_joint_all(struct yc_db *db, struct yc_arena *a, struct yc_joint_row **out,
                              size_t *n, struct yc_err *err) YC_MUST;

/* Mark a case joint with its (joint) statutory limit. */
int yc_store_case_set_joint(struct yc_db *db, int64_t id, int statutory_days,
                            struct yc_err *err) YC_MUST;
/* Compare-and-set changes of the case row: *won 1 if the row was still at version. */
int yc_store_case_touch(struct yc_db *db, int64_t id, int64_t version, int64_t now, int *won,
                        struct yc_err *err) YC_MUST;
int yc_store_case_set_promise(struct yc_db *db, int64_t id, int64_t version, int extra_days,
                              int64_t now, int *won, struct yc_err *err) YC_MUST;
int yc_store_case_terminate(struct yc_db *db, int64_t id, int64_t version, int64_t now, int *won,
                            struct yc_err *err) YC_MUST;

/* A page of the open cases in the inbox of user_id on day (see CASE_INBOX): the newest limit
 * with an id below before (0: from the newest); state "" any. */
int yc_store_case_inbox(struct yc_db *db, struct yc_arena *a, int64_t user_id, int32_t day,
                        const char *state, int limit, int64_t before, struct yc_case **out,
                        size_t *n, struct yc_err *err) YC_MUST;

/* Insert t (case, department, post, assignee, days, created and due day); *id the new task. */
int yc_store_case_task_insert(struct yc_db *db, const struct yc_case_task *t, int64_t now,
                              int64_t *id, struct yc_err *err) YC_MUST;
int yc_store_case_tasks(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                        struct yc_case_task **out, size_t *n, struct yc_err *err) YC_MUST;
int yc_store_case_task_get(struct yc_db *db, struct yc_arena *a, int64_t case_id, int64_t task_id,
                           struct yc_case_task *out, int *found, struct yc_err *err) YC_MUST;
/* open -> state (done | refused) with the opinion; *won 1 if the task was still open. */
int yc_store_case_task_close(struct yc_db *db, int64_t task_id, const char *state,
                             const char *opinion, int32_t day, int64_t user_id, int *won,
                             struct yc_err *err) YC_MUST;
/* How many tasks of the case the department has (0 or 1). */
int yc_store_case_task_of_dept(struct yc_db *db, int64_t case_id, int64_t department_id,
                               int64_t *count, struct yc_err *err) YC_MUST;

/* A 容缺 material (by seq) received on day; *won 1 if it was still owed. */
int yc_store_case_material_receive(struct yc_db *db, int64_t case_id, int seq, int32_t day,
                                   int *won, struct yc_err *err) YC_MUST;

/* Insert an explanation unless one exists for the same missed date; *won 1 if inserted. */
int yc_store_case_explain_insert(struct yc_db *db, int64_t case_id,
                                 const struct yc_case_explanation *e, int64_t now, int *won,
                                 struct yc_err *err) YC_MUST;
int yc_store_case_explanations(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                               struct yc_case_explanation **out, size_t *n,
                               struct yc_err *err) YC_MUST;

/* Pages (ids above after_id, at most 500) of the scan's candidates. */
int yc_store_case_explain_candidates(struct yc_db *db, struct yc_arena *a, int32_t day,
                                     int64_t after_id, struct yc_case **out, size_t *n,
                                     struct yc_err *err) YC_MUST;
int yc_store_case_ab_candidates(struct yc_db *db, struct yc_arena *a, int64_t assigned_before,
                                int64_t after_id, struct yc_case_ab_candidate **out, size_t *n,
                                struct yc_err *err) YC_MUST;
int yc_store_case_rongque_overdue(struct yc_db *db, struct yc_arena *a, int32_t day,
                                  int64_t after_id, struct yc_case_owed **out, size_t *n,
                                  struct yc_err *err) YC_MUST;
/* Record that B was told, once: *won 1 if this call did (A still the assignee). */
int yc_store_case_ab_notify(struct yc_db *db, int64_t id, int64_t now, int64_t b_user_id,
                            int64_t a_user_id, int *won, struct yc_err *err) YC_MUST;

/* A notification on a channel: "sms" (recipient a phone) or "internal" (a username). */
int yc_store_outbox_insert_to(struct yc_db *db, int64_t case_id, const char *recipient,
                              const char *channel, const char *text, int64_t now,
                              struct yc_err *err) YC_MUST;

#endif
