/*
 * svc.h - use cases: each one is a transaction + authorisation + domain rules + store calls.
 *
 * A struct yc_ctx carries who acts (a session's user, or the system for the command line), the
 * database connection of this thread, the request's arena and the clock reading of the request.
 * Access is decided here, never in the UI or the HTTP layer: every use case starts with
 * yc_svc_allow(ctx, YC_OP_..., err), and the table of operations -> roles is in perm.c.
 */
#ifndef YC_SVC_H
#define YC_SVC_H

#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"
#include "store/store.h"

struct yc_ctx {
    struct yc_db *db;
    struct yc_arena *arena;
    const struct yc_user *user; /* NULL: anonymous (or the system when system = 1) */
    int system;                 /* the command line: every right, actor "system" */
    const char *addr;           /* client address, "" for the command line */
    const char *session_hash;   /* the current session's token hash, or "" */
    int64_t now_ms;
    int32_t today; /* UTC+8 day */
    /* the warning thresholds in force (settings key "supervision"), read on first use by
     * yc_svc_clock_policy and kept for the rest of the request */
    int policy_loaded;
    int warn_days, red_days;
};

/* Operations, each with the roles allowed (perm.c). */
enum yc_op {
    YC_OP_SELF,          /* any signed-in user: own profile, password, logout */
    YC_OP_USER_LIST,
    YC_OP_USER_WRITE,
    YC_OP_DEPT_LIST,
    YC_OP_AUDIT_READ,
    YC_OP_CAL_READ,
    YC_OP_CAL_IMPORT,
    YC_OP_ID_CHECK,
    YC_OP_PUBLIC,          /* anyone, signed in or not: the public guide pages */
    YC_OP_CATALOGUE_READ,
    YC_OP_CATALOGUE_WRITE,
    YC_OP_HALL_READ,
    YC_OP_HALL_WRITE,
    YC_OP_LETTER_READ,
    YC_OP_LETTER_WRITE,    /* a department head: own department's letters only (checked in svc) */
    YC_OP_POST_WRITE,      /* staff posts and AB pairs; department head: own department only */
    YC_OP_SEAL_WRITE,      /* department head: own department only */
    YC_OP_REFORM_READ,
    YC_OP_QUEUE_ISSUE,     /* issue tickets on behalf of applicants (guide desk), mark abandoned */
    YC_OP_QUEUE_CALL,      /* act on the window one holds: open, call next, transfer ... */
    YC_OP_QUEUE_TICKETS,   /* the waiting list and a ticket's events */
    YC_OP_QUEUE_BOARD,     /* the live board of windows and the queue statistics */
    YC_OP_CASE_ACCEPT,     /* accept an application at the window (front desk) */
    YC_OP_CASE_WORK,       /* act on a case: review, sign, decide, seal, issue (scoped in svc) */
    YC_OP_CASE_EXTEND,     /* approve an extension (department head) */
    YC_OP_CASE_READ,       /* read cases: own department / own acceptances / all (scoped in svc) */
    YC_OP_SEAL_LEDGER,     /* the seal ledger: department head own department, supervisor, admin */
    YC_OP_CASE_POLICY,     /* set the case policy: AB notice, explanation, joint task days (admin) */
    YC_OP_REPORT_READ,     /* the reports; the cases behind a figure scoped in svc (reports.h) */
    YC_OP_SUPERVISE_BOARD, /* the live board of warnings, the supervision settings (read) */
    YC_OP_SUPERVISE_CONFIG, /* change the callback and fix deadlines */
    YC_OP_ORDER_READ,      /* supervision orders: all / own department's (scoped in svc) */
    YC_OP_ORDER_WRITE,     /* issue and close supervision orders */
    YC_OP_ORDER_REPLY,     /* reply to an order to one's own department */
    YC_OP_RATING_READ,     /* ratings, rectifications, appeals: all / own department's */
    YC_OP_RECTIFY,         /* record the callback and the action of a rectification (scoped) */
    YC_OP_APPEAL_FILE,     /* appeal a bad review of one's own department */
    YC_OP_APPEAL_DECIDE,   /* decide an appeal */
    YC_OP_TABLET_ENROL,    /* enrol or revoke a window's evaluation tablet */
    YC_OP__MAX
};

struct yc_op_info {
    enum yc_op op;
    unsigned roles; /* enum yc_role bits; YC_ROLE__ALL for any signed-in user */
    const char *zh; /* what the operation is, for the refusal message */
};

extern const struct yc_op_info yc_ops[YC_OP__MAX];

/* 0 when ctx may perform op; YC_EUNAUTH without a user, YC_EFORBIDDEN with a wrong role. */
int yc_svc_allow(const struct yc_ctx *ctx, enum yc_op op, struct yc_err *err) YC_MUST;
const char *yc_svc_actor(const struct yc_ctx *ctx);

/* Write an audit entry (inside the caller's transaction). */
int yc_svc_audit(struct yc_ctx *ctx, struct yc_err *err, const char *action, const char *object,
                 const char *summary_fmt, ...) __attribute__((format(printf, 5, 6))) YC_MUST;

/* ---- sessions (auth.c) ---- */
#define YC_SESSION_IDLE_MS (30LL * 60 * 1000)
#define YC_SESSION_MAX_MS (12LL * 3600 * 1000)
#define YC_TOKEN_LEN 43 /* base64url of 32 random bytes */

struct yc_login {
    char token[YC_TOKEN_LEN + 1]; /* for the cookie; never stored */
    struct yc_session session;
};

int yc_svc_login(struct yc_ctx *ctx, const char *username, const char *password,
                 struct yc_login *out, struct yc_err *err) YC_MUST;
/* Resolve a cookie token; fills ctx->user and ctx->session_hash. */
int yc_svc_session_resolve(struct yc_ctx *ctx, const char *token, struct yc_session *out,
                           struct yc_err *err) YC_MUST;
int yc_svc_logout(struct yc_ctx *ctx, struct yc_err *err) YC_MUST;
int yc_svc_change_password(struct yc_ctx *ctx, const char *old_pw, const char *new_pw,
                           struct yc_err *err) YC_MUST;
int yc_svc_session_purge(struct yc_ctx *ctx, int64_t *purged, struct yc_err *err) YC_MUST;

/* 8-128 characters; field names the input for the error. */
int yc_svc_check_password_rules(const char *pw, const char *field, struct yc_err *err) YC_MUST;

/* Argon2id (libsodium) hash of a password into an arena string. */
int yc_svc_password_hash(struct yc_arena *a, const char *password, const char **out,
                         struct yc_err *err) YC_MUST;

/* ---- users (users.c) ---- */
struct yc_user_input {
    const char *username; /* create only */
    const char *name;
    const char *password; /* create, or reset when not NULL */
    json_t *roles;        /* array of role names, or NULL to keep */
    int64_t department_id; /* -1 keep, 0 none */
    int disabled;          /* -1 keep */
};

int yc_svc_user_list(struct yc_ctx *ctx, struct yc_user **out, size_t *n,
                     struct yc_err *err) YC_MUST;
int yc_svc_user_create(struct yc_ctx *ctx, const struct yc_user_input *in, struct yc_user *out,
                       struct yc_err *err) YC_MUST;
int yc_svc_user_update(struct yc_ctx *ctx, int64_t id, const struct yc_user_input *in,
                       struct yc_user *out, struct yc_err *err) YC_MUST;
int yc_svc_dept_list(struct yc_ctx *ctx, struct yc_dept **out, size_t *n,
                     struct yc_err *err) YC_MUST;

/* JSON views shared by the API and the command line. */
json_t *yc_user_json(const struct yc_user *u);
json_t *yc_roles_json(unsigned roles);

/* ---- audit (audit.c) ---- */
int yc_svc_audit_page(struct yc_ctx *ctx, int64_t before, int limit, struct yc_audit_entry **out,
                      size_t *n, struct yc_err *err) YC_MUST;
int yc_svc_audit_verify(struct yc_ctx *ctx, int64_t *entries, int64_t *broken_seq,
                        const char **reason, struct yc_err *err) YC_MUST;

/* ---- calendar (calendar.c) ---- */
/* Load the process-wide calendar from the database (at start, and when another process changed it). */
int yc_svc_cal_reload(struct yc_db *db, struct yc_err *err) YC_MUST;
/* Reload when the database's calendar generation differs from the loaded one. */
int yc_svc_cal_refresh(struct yc_db *db, struct yc_err *err) YC_MUST;
int yc_svc_workdays_add(struct yc_ctx *ctx, int32_t from, int n, int32_t *end,
                        struct yc_err *err) YC_MUST;
int yc_svc_workdays_between(struct yc_ctx *ctx, int32_t a, int32_t b, int *n,
                            struct yc_err *err) YC_MUST;
int yc_svc_workdays_is(struct yc_ctx *ctx, int32_t day, int *is_work, struct yc_err *err) YC_MUST;
/* Replace the years present in a CSV (format of data/cn-holidays.csv). */
int yc_svc_cal_import(struct yc_ctx *ctx, const char *csv, size_t len, int *years, size_t max_years,
                      size_t *nyears, size_t *entries, struct yc_err *err) YC_MUST;
/* The entries of one notice year as JSON {year, covered, entries: [...]}. */
int yc_svc_cal_year(struct yc_ctx *ctx, int year, json_t **out, struct yc_err *err) YC_MUST;
/* Free the in-memory calendar (at exit). */
void yc_svc_cal_shutdown(void);
/* Import the embedded default calendar when the database has none (first start). */
int yc_svc_cal_seed(struct yc_ctx *ctx, struct yc_err *err) YC_MUST;

/* ---- identity checks (check.c) ---- */
int yc_svc_check_id(struct yc_ctx *ctx, const char *number, json_t **out,
                    struct yc_err *err) YC_MUST;
int yc_svc_check_uscc(struct yc_ctx *ctx, const char *code, json_t **out,
                      struct yc_err *err) YC_MUST;

/* ---- demo data (demo.c) ---- */
struct yc_demo_login {
    const char *username;
    const char *password;
    const char *role_zh;
    const char *name;
};
extern const struct yc_demo_login yc_demo_logins[];
extern const size_t yc_demo_logins_count;
/* Load the demo data unless already there; *created says whether anything was written. */
int yc_svc_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;

#include "svc/catalogue.h"
#include "svc/hall.h"
#include "svc/queue.h"
#include "svc/cases.h"
#include "svc/case_docs.h"
#include "svc/reports.h"
#include "svc/supervise.h"

#endif
