/*
 * cases.h - use cases of a case (办件): acceptance at the window, the back office's events on the
 * one transition table (domain/case_flow.h), clocks (domain/case_clock.h), the seal ledger, the
 * deemed-acceptance scan and outbox sender, and the public status page (docs/cases.md).
 *
 * Access: YC_OP_CASE_ACCEPT (front desk), YC_OP_CASE_WORK (back office, department head),
 * YC_OP_CASE_EXTEND (department head), YC_OP_CASE_READ scoped here: staff of a department see
 * its cases (and the joint cases where their department has a task), a front desk the cases they
 * accepted, supervisors and administrators all. A case out
 * of scope is YC_ENOTFOUND (its existence is not revealed). Every write is one transaction with its
 * timeline event and audit entry; a refusal writes nothing.
 */
#ifndef YC_SVC_CASES_H
#define YC_SVC_CASES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "store/cases.h"

#define YC_CASE_PREFIX "SY" /* the centre's case-number prefix (邵阳) */

/* One line of the checklist as ticked at the window. */
struct yc_case_material_in {
    const char *name;       /* a material of the matter version */
    const char *status;     /* received | missing | rongque */
    const char *commitment; /* rongque: the signed commitment */
    int32_t due_day;        /* rongque: when it must be supplied (YC_NO_DAY otherwise) */
};

struct yc_case_accept_in {
    int64_t matter_id;
    int matter_version; /* the version the checklist was made from: must be the one in force */
    const char *applicant_kind; /* person | firm */
    const char *applicant_name;
    const char *id_number;       /* 居民身份证号码 (person) or 统一社会信用代码 (firm) */
    const char *override_reason; /* recorded when the ID check fails; NULL: none */
    const char *phone;
    const char *legal_rep;
    const char *agent;
    int64_t ticket_id; /* 0: walk-in */
    const char *decision; /* accept | refuse | supplement | conditional | on_the_spot */
    const char *reason;   /* refuse: the grounds */
    const char *other_agency; /* refuse: the competent agency, when it is another's */
    const struct yc_case_material_in *materials;
    size_t nmaterials;
};

/* An event on a case (POST /api/cases/{id}/events). Unused fields NULL / 0. */
struct yc_case_event_in {
    const char *event;  /* a name of case_flow.h */
    const char *reason; /* required where the table says so */
    int64_t version;    /* 0: no check; else the row version the caller saw (409 when stale) */
    const char *kind;   /* suspend: the legal exclusion (hearing, testing ...) */
    int64_t seal_id;    /* seal */
    const char *document; /* seal: the document's name */
    const char *sha256;   /* seal: 64 hex digits */
    const char *channel;  /* issue_result: window | ems */
    const char *tracking_no; /* issue_result by ems */
    const char *certificate_no;   /* issue_result: an electronic certificate's number (optional) */
    const char *certificate_name; /* its name (default: the matter's name + 电子证照) */
    const int64_t *departments; /* split: the departments to hand tasks to */
    size_t ndepartments;
    int days; /* split: working days each department has; 0: the policy's task_days */
};

/* Accept at the window: *out is the case's detail. */
int yc_svc_case_accept(struct yc_ctx *ctx, const struct yc_case_accept_in *in, json_t **out,
                       struct yc_err *err) YC_MUST;
/* A page of a case list (keyset paging, newest first). */
#define YC_CASE_PAGE_DEFAULT 50
#define YC_CASE_PAGE_MAX 200
struct yc_case_list_in {
    int inbox;         /* the caller's inbox by post instead of the cases in their scope */
    const char *state; /* NULL / "" any, or a state name */
    int limit;         /* 1 .. YC_CASE_PAGE_MAX */
    int64_t before;    /* only ids below it; 0: from the newest */
};
/* A page of the cases in the caller's scope, newest first; inbox: the open cases of the caller's
 * inbox by post (assigned to them, B told to watch, an open department task of theirs, A of their
 * post on leave today). *out {count, cases, next_before}: next_before the before of the next page,
 * null after the last. */
int yc_svc_case_list(struct yc_ctx *ctx, const struct yc_case_list_in *in, json_t **out,
                     struct yc_err *err) YC_MUST;
/* The detail: case, materials, clocks, timeline, seal uses, notifications, events allowed. */
int yc_svc_case_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
/* Fire an event (compare-and-set on the row version); *out is the new detail. */
int yc_svc_case_event(struct yc_ctx *ctx, int64_t id, const struct yc_case_event_in *in,
                      json_t **out, struct yc_err *err) YC_MUST;
/*
 * The scheduled check (the server's ticker, `yichuang cases scan`): flag received cases past the
 * 补正 deadline as deemed accepted, apply the rules of case_rules.c (the AB post rule, missed
 * promises, 容缺 not kept) — each idempotent and safe with several processes — then send pending
 * notifications with the default sender (the log, masked). Counts may be NULL; the full counts are
 * in yc_svc_case_scan_all.
 */
int yc_svc_case_scan(struct yc_ctx *ctx, int *deemed, int *sent, struct yc_err *err) YC_MUST;
/* The public status page: number (check digits verified first) and the last 4 of the ID. */
int yc_svc_case_public(struct yc_ctx *ctx, const char *number, const char *id4, json_t **out,
                       struct yc_err *err) YC_MUST;

/* ---- the rules of case_rules.c (docs/cases.md) ---- */

#define YC_CASE_TASKS_MAX 10 /* departments in one joint case */

/* The case policy (settings key case_policy over these defaults). */
struct yc_case_policy {
    int ab_idle_days; /* A has not acted this many working days after assignment: B is told (2) */
    int explain_days; /* a missed promise moves by this many working days (5) */
    int task_days;    /* working days a department has for its joint task (10) */
};

/* The policy in force (defaults where the stored one is missing or out of range). */
int yc_case_policy_load(struct yc_ctx *ctx, struct yc_case_policy *out, struct yc_err *err) YC_MUST;
/* GET / PUT /api/case-policy: read (case readers), write (administrators; 422 field_invalid). */
int yc_svc_case_policy_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_case_policy_put(struct yc_ctx *ctx, const json_t *body, json_t **out,
                           struct yc_err *err) YC_MUST;

/* The matters handled jointly: {matters: [{matter, departments}]} (catalogue readers). */
int yc_svc_joint_list(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
/* Set the departments a matter is handled with (administrators); n 0 makes it not joint.
 * 404 not_found (matter), 422 field_invalid (unknown, repeated or own department; more than
 * YC_CASE_TASKS_MAX), 422 department_no_post. */
int yc_svc_joint_set(struct yc_ctx *ctx, int64_t matter_id, const int64_t *dept_ids, size_t n,
                     json_t **out, struct yc_err *err) YC_MUST;

/* An opinion on a joint case's department task (POST /api/cases/{id}/tasks/{tid}/events). */
struct yc_case_task_event_in {
    const char *event;   /* done | refuse */
    const char *opinion; /* required to refuse; done: 同意 when NULL */
};
int yc_svc_case_task_event(struct yc_ctx *ctx, int64_t case_id, int64_t task_id,
                           const struct yc_case_task_event_in *in, json_t **out,
                           struct yc_err *err) YC_MUST;
/* A 容缺 material (by its seq) received in time at the window; *out the detail. */
int yc_svc_case_material_receive(struct yc_ctx *ctx, int64_t case_id, int seq, json_t **out,
                                 struct yc_err *err) YC_MUST;

/* What one scan did. */
struct yc_case_scan_counts {
    int deemed;      /* received cases deemed accepted */
    int ab_notified; /* cases whose B was told A had not acted */
    int explained;   /* missed promises explained with a new date */
    int terminated;  /* 容缺 cases whose commitment was not kept */
    int sent;        /* notifications sent */
};
/* The scheduled scan with every rule (yc_svc_case_scan runs it). */
int yc_svc_case_scan_all(struct yc_ctx *ctx, struct yc_case_scan_counts *out,
                         struct yc_err *err) YC_MUST;

/* The applicant withdraws an undecided case (public page): the number, the whole ID number as
 * registered, and a reason. */
int yc_svc_case_public_withdraw(struct yc_ctx *ctx, const char *number, const char *id_number,
                                const char *reason, json_t **out, struct yc_err *err) YC_MUST;

/* Run fn on the process calendar under its read lock (calendar.c); fn's result, or
 * YC_EUNAVAIL when no calendar is loaded. */
int yc_svc_cal_use(int (*fn)(const struct yc_calendar *cal, void *arg), void *arg,
                   struct yc_err *err) YC_MUST;

#endif
