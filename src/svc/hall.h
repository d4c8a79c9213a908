/*
 * hall.h - use cases of the hall (floors, zones, windows, front-desk duty), back-office posts with
 * A and B (leave, hand-overs), delegation letters, approval seals and the reform dashboard
 * (included by svc.h). docs/hall.md describes the rules.
 *
 * Reads return JSON views (new references the caller owns). Every write checks access first
 * (yc_svc_allow; a department head only for their own department), validates everything before
 * writing, and runs in one transaction with its audit entry. Dates are day numbers; YC_NO_DAY
 * (store/hall.h) means "none" or "standing" as each function says.
 */
#ifndef YC_SVC_HALL_H
#define YC_SVC_HALL_H

#include <jansson.h>
#include <stdint.h>

#include "domain/letters.h"
#include "store/hall.h"

/* ---- shared checks (hall.c) ---- */

/*
 * 0 when ctx may manage the department's letters, posts or seals: the system and administrators
 * any department, a department head only their own; else YC_EFORBIDDEN naming both departments.
 * what: what is managed, in Chinese (授权委托书).
 */
int yc_svc_own_department(const struct yc_ctx *ctx, int64_t department_id,
                          const char *department_name, const char *what,
                          struct yc_err *err) YC_MUST;
/* The department, or 422 field_invalid naming `field`. */
int yc_svc_need_dept(struct yc_ctx *ctx, int64_t id, const char *field, struct yc_dept *out,
                     struct yc_err *err) YC_MUST;
/* An enabled user, or 422 field_invalid naming `field`. */
int yc_svc_need_user(struct yc_ctx *ctx, int64_t id, const char *field, struct yc_user *out,
                     struct yc_err *err) YC_MUST;
/* A matter by code, or 422 field_invalid naming `field`. */
int yc_svc_need_matter(struct yc_ctx *ctx, const char *code, const char *field,
                       struct yc_matter_ref *out, struct yc_err *err) YC_MUST;
/* Parse "YYYY-MM-DD" from a JSON body field, or 422 naming it. */
int yc_svc_parse_day(const char *s, const char *field, int32_t *out, struct yc_err *err) YC_MUST;
/* The window class named in English (undifferentiated) or Chinese (无差别); NULL when unknown. */
const char *yc_window_class_name(const char *s);
const char *yc_window_class_zh(const char *name);

/* ---- the hall (hall.c) ---- */
struct yc_zone_input {
    int64_t floor_id; /* 0 keep (update) */
    const char *name; /* NULL keep */
    const char *kind;
    const char *prefix;
};

struct yc_window_input {
    const char *number;       /* NULL keep */
    int64_t zone_id;          /* 0 keep */
    const char *window_class; /* NULL: the zone's kind (create) or keep */
    const char *unit;         /* NULL: "" (create) or keep */
    int64_t department_id;    /* -1 keep, 0 none */
    int new_entrant;          /* -1 keep */
    int active;               /* -1 keep */
};

/* {"floors": [{id, number, name, zones: [{id, name, kind, prefix, windows: [...]}]}]} */
int yc_svc_hall_get(struct yc_ctx *ctx, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_floor_create(struct yc_ctx *ctx, int number, const char *name, json_t **out,
                        struct yc_err *err) YC_MUST;
int yc_svc_zone_create(struct yc_ctx *ctx, const struct yc_zone_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_zone_update(struct yc_ctx *ctx, int64_t id, const struct yc_zone_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_window_create(struct yc_ctx *ctx, const struct yc_window_input *in, json_t **out,
                         struct yc_err *err) YC_MUST;
int yc_svc_window_update(struct yc_ctx *ctx, int64_t id, const struct yc_window_input *in,
                         json_t **out, struct yc_err *err) YC_MUST;
/* One window with what it serves and its standing duty. */
int yc_svc_window_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
/* Replace what a window serves: matter codes and zone prefixes (JSON arrays of strings). */
int yc_svc_window_serves(struct yc_ctx *ctx, int64_t id, const json_t *matters, const json_t *zones,
                         json_t **out, struct yc_err *err) YC_MUST;
/* Put user at the window on day (YC_NO_DAY: standing); remove the assignment of that day. */
int yc_svc_duty_assign(struct yc_ctx *ctx, int64_t window_id, int64_t user_id, int32_t day,
                       json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_duty_remove(struct yc_ctx *ctx, int64_t window_id, int32_t day,
                       struct yc_err *err) YC_MUST;
/* Who sits at each window on day: {"date", "windows": [{window, user|null, standing}]} */
int yc_svc_duty_day(struct yc_ctx *ctx, int32_t day, json_t **out, struct yc_err *err) YC_MUST;

/* ---- back-office posts, leave, hand-overs (posts.c) ---- */
struct yc_post_input {
    int64_t department_id; /* create only */
    const char *name;      /* NULL keep */
    int64_t zone_id;       /* -1 keep, 0 none */
    int resident;          /* -1 keep */
    int64_t a_user_id;     /* 0 keep */
    int64_t b_user_id;     /* 0 keep */
};

int yc_svc_post_list(struct yc_ctx *ctx, int64_t department_id, json_t **out,
                     struct yc_err *err) YC_MUST;
int yc_svc_post_create(struct yc_ctx *ctx, const struct yc_post_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_post_update(struct yc_ctx *ctx, int64_t id, const struct yc_post_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;
/*
 * Who acts for post P on day D: A unless A is on leave, then B; nobody when both are.
 * No access check: the case flow calls it inside its own use cases.
 */
int yc_svc_post_acting(struct yc_ctx *ctx, int64_t post_id, int32_t day, struct yc_post *post,
                       enum yc_acting *who, struct yc_err *err) YC_MUST;
/* The same as JSON, with the leave that moved the work to B: for GET /api/posts/{id}/acting. */
int yc_svc_post_acting_json(struct yc_ctx *ctx, int64_t post_id, int32_t day, json_t **out,
                            struct yc_err *err) YC_MUST;
int yc_svc_post_handovers(struct yc_ctx *ctx, int64_t post_id, json_t **out,
                          struct yc_err *err) YC_MUST;
/*
 * Record a hand-over inside the caller's transaction (the case flow: kind "overdue" and the case).
 * No access check.
 */
int yc_svc_handover_record(struct yc_ctx *ctx, const struct yc_handover *h,
                           struct yc_err *err) YC_MUST;
/* Record leave of a user; for each post where the user is A a hand-over to B is recorded. */
int yc_svc_leave_create(struct yc_ctx *ctx, int64_t user_id, int32_t from, int32_t to,
                        const char *reason, json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_leave_list(struct yc_ctx *ctx, int64_t user_id, json_t **out,
                      struct yc_err *err) YC_MUST;

/* ---- delegation letters (letters.c) ---- */
struct yc_letter_input {
    const char *number;
    int64_t department_id;
    int64_t grantee_id;
    const json_t *matters;     /* array of matter codes */
    const json_t *authorities; /* array of 受理 / 初审 (or accept / preview) */
    int32_t valid_from;
    int32_t valid_to;
};

/* The answer of the acceptance check. */
struct yc_accept {
    int may;
    enum yc_accept_verdict verdict;
    const char *letter_number; /* the letter that decided, or NULL */
    int64_t letter_id;
    const char *reason; /* Chinese, for people: why not (or which letter allows it) */
};

int yc_svc_letter_create(struct yc_ctx *ctx, const struct yc_letter_input *in, json_t **out,
                         struct yc_err *err) YC_MUST;
/* Revoke from day (YC_NO_DAY: today; not before today) with a reason. */
int yc_svc_letter_revoke(struct yc_ctx *ctx, int64_t id, int32_t day, const char *reason,
                         json_t **out, struct yc_err *err) YC_MUST;
int yc_svc_letter_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err) YC_MUST;
/* Filters of 0: any. */
int yc_svc_letter_list(struct yc_ctx *ctx, int64_t department_id, int64_t grantee_id, json_t **out,
                       struct yc_err *err) YC_MUST;
/*
 * May user accept matter on day? 0 with *out filled (yes, or no and why); an error only for an
 * unknown user or matter or a database failure. No access check: the case flow calls it inside
 * its own use cases; yc_svc_letter_check is the API's.
 */
int yc_svc_may_accept(struct yc_ctx *ctx, int64_t user_id, int64_t matter_id, int32_t day,
                      struct yc_accept *out, struct yc_err *err) YC_MUST;
int yc_svc_letter_check(struct yc_ctx *ctx, int64_t user_id, int64_t matter_id, int32_t day,
                        json_t **out, struct yc_err *err) YC_MUST;
/* Entered matters at comprehensive windows that no active letter covers on day. */
int yc_svc_letter_uncovered(struct yc_ctx *ctx, int32_t day, json_t **out,
                            struct yc_err *err) YC_MUST;

/* ---- approval seals (seals.c) ---- */
struct yc_seal_input {
    int64_t department_id; /* create only */
    const char *name;      /* NULL keep */
    const char *code;      /* create only */
    int64_t keeper_id;     /* -1 keep, 0 none */
    int32_t published_on;  /* YC_NO_DAY keep (update) / none (create) */
    const char *status;    /* update: "retired" retires it; NULL keep */
};

int yc_svc_seal_list(struct yc_ctx *ctx, int64_t department_id, json_t **out,
                     struct yc_err *err) YC_MUST;
int yc_svc_seal_create(struct yc_ctx *ctx, const struct yc_seal_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;
int yc_svc_seal_update(struct yc_ctx *ctx, int64_t id, const struct yc_seal_input *in, json_t **out,
                       struct yc_err *err) YC_MUST;

/* ---- the reform dashboard (reform.c, report.c) ---- */

/* A table of a report: columns, rows of cells, and headline figures. */
enum yc_cell_kind { YC_CELL_NONE = 0, YC_CELL_INT, YC_CELL_TEXT, YC_CELL_PERMILLE };

struct yc_cell {
    enum yc_cell_kind kind;
    int64_t i;
    const char *s;
};

struct yc_report_col {
    const char *key;   /* JSON key */
    const char *title; /* Chinese header */
    int width;         /* XLSX column width in characters */
};

struct yc_report_fig {
    const char *key;
    const char *label;
    struct yc_cell value;
};

struct yc_report {
    const char *key; /* "annex2" */
    const char *title;
    const char *sheet; /* XLSX sheet name */
    const struct yc_report_col *cols;
    size_t ncols;
    struct yc_cell *cells; /* nrows x ncols, row-major */
    size_t nrows;
    size_t cap;
    struct yc_report_fig figs[16];
    size_t nfigs;
};

enum yc_reform_part {
    YC_REFORM_ANNEX2 = 0,
    YC_REFORM_WINDOWS,
    YC_REFORM_SHARE,
    YC_REFORM_UNCOVERED,
    YC_REFORM_STEPS,
    YC_REFORM__MAX
};
extern const char *const yc_reform_part_names[YC_REFORM__MAX]; /* "annex2", "windows" ... */

/* One part of the dashboard computed from live data (day: for letters and overdue steps). */
int yc_svc_reform_part(struct yc_ctx *ctx, enum yc_reform_part part, int32_t day,
                       struct yc_report **out, struct yc_err *err) YC_MUST;
/* The headline figures of every part: {"date", "parts": {annex2: {...}, ...}} */
int yc_svc_reform_summary(struct yc_ctx *ctx, int32_t day, json_t **out,
                          struct yc_err *err) YC_MUST;
/* Administrators: set a step's status (not_started / in_progress / done, or 未开始 …) and note. */
int yc_svc_reform_step_set(struct yc_ctx *ctx, int seq, const char *status, const char *note,
                           json_t **out, struct yc_err *err) YC_MUST;

/* report.c: a new row (cells zeroed); setting cells; the JSON view; an XLSX workbook. */
struct yc_cell *yc_report_row(struct yc_arena *a, struct yc_report *r);
void yc_report_fig(struct yc_report *r, const char *key, const char *label, struct yc_cell v);
struct yc_cell yc_cell_int(int64_t i);
struct yc_cell yc_cell_text(const char *s);
struct yc_cell yc_cell_permille(int64_t permille);
json_t *yc_report_json(const struct yc_report *r);
/* One workbook with a sheet per report; the bytes are in the arena. */
int yc_report_xlsx(struct yc_arena *a, struct yc_report *const *reports, size_t n,
                   const char **data, size_t *len, struct yc_err *err) YC_MUST;

/* ---- demo data (hall_demo.c) ---- */
/* Inside the caller's transaction: the hall of Annex 3, demo staff, posts, letters, seals, steps.
 */
int yc_svc_hall_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err) YC_MUST;

#endif
