/*
 * case_flow.h - the states of a case and the one table of transitions between them (DOMAIN.md,
 * "Acceptance at the window", "Back office"; docs/case-flow.md).
 *
 * Pure: no I/O, no clock, no allocation. The service layer loads a case, asks yc_case_transition
 * whether an event may fire from the case's current state for the acting role, and writes the new
 * state in the same transaction as the timeline and audit entries. A refusal because of the state
 * maps to 409 and names the current state; a refusal because of the role maps to 403.
 *
 * Each event has exactly one row: the states it may fire from, the state it leads to, the roles
 * that may fire it, what it does to the decision clock (case_clock.h) and whether it needs a
 * reason. The rule's needs_reason is checked by the caller (a reason is free text or, for
 * "suspend", a kind of legal exclusion from case_clock.h).
 *
 * Two states wait for materials. awaiting_materials is the 补正 before acceptance: the clock has
 * not started, and when the last missing material arrives the case is accepted with that day as its
 * acceptance day. review_awaiting_materials is a request for more materials by the back office
 * during review: the clock stops, and the materials resume it back into in_review (the acceptance
 * day does not change). One state for both could not know where to return.
 */
#ifndef YC_DOMAIN_CASE_FLOW_H
#define YC_DOMAIN_CASE_FLOW_H

#include <stddef.h>
#include <stdint.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* Results of yc_case_transition (0 is success). */
enum {
    YC_CASE_EINVAL = -1, /* state, event or role out of range */
    YC_CASE_ESTATE = -2, /* the event may not fire from the current state: 409 */
    YC_CASE_EROLE = -3,  /* the role may not fire the event: 403 */
};

enum yc_case_state {
    YC_CASE_RECEIVED = 0,       /* received 已收件: materials received, not yet decided on */
    YC_CASE_AWAITING_MATERIALS, /* awaiting_materials 待补正: 补正 notice given, not accepted */
    YC_CASE_CONDITIONALLY_ACCEPTED,    /* conditionally_accepted 容缺受理 */
    YC_CASE_ACCEPTED,                  /* accepted 已受理 */
    YC_CASE_DEEMED_ACCEPTED,           /* deemed_accepted 视为受理 (§32(4)) */
    YC_CASE_REFUSED,                   /* refused 不予受理 (final) */
    YC_CASE_IN_REVIEW,                 /* in_review 审查中 */
    YC_CASE_REVIEW_AWAITING_MATERIALS, /* review_awaiting_materials 审查补正: clock stopped */
    YC_CASE_SUSPENDED,     /* suspended 特别程序: a legal exclusion, clock stopped */
    YC_CASE_SIGNED,        /* signed 已签批 */
    YC_CASE_DECIDED,       /* decided 已决定 (grant or refusal) */
    YC_CASE_SEALED,        /* sealed 已用印 */
    YC_CASE_RESULT_ISSUED, /* result_issued 已出件 */
    YC_CASE_CLOSED,        /* closed 已办结 (final) */
    YC_CASE_WITHDRAWN,     /* withdrawn 已撤回 (final) */
    YC_CASE_TERMINATED,    /* terminated 已终止: 容缺 commitment not kept (final) */
    YC_CASE_STATE__MAX
};

enum yc_case_event {
    YC_CASE_EV_ACCEPT = 0,         /* accept 受理 */
    YC_CASE_EV_REFUSE,             /* refuse 不予受理 */
    YC_CASE_EV_REQUEST_SUPPLEMENT, /* request_supplement 补正告知 (一次性告知; again: a round) */
    YC_CASE_EV_SUPPLEMENT_COMPLETE,  /* supplement_complete 补正齐全受理 */
    YC_CASE_EV_ACCEPT_CONDITIONALLY, /* accept_conditionally 容缺受理 */
    YC_CASE_EV_DEEM_ACCEPTED,        /* deem_accepted 视为受理 (the scheduled check) */
    YC_CASE_EV_HANDLE_ON_SPOT,       /* handle_on_spot 即办: accept, decide, issue at once */
    YC_CASE_EV_START_REVIEW,         /* start_review 材料流转, 开始审查 */
    YC_CASE_EV_TERMINATE,            /* terminate 终止办理 (容缺 commitment not kept) */
    YC_CASE_EV_REQUEST_MATERIALS,    /* request_materials 审查补正 (stops the clock) */
    YC_CASE_EV_MATERIALS_SUPPLIED,   /* materials_supplied 补正材料收讫 (resumes the clock) */
    YC_CASE_EV_SUSPEND,              /* suspend 进入特别程序 (stops the clock) */
    YC_CASE_EV_RESUME,               /* resume 特别程序结束 (resumes the clock) */
    YC_CASE_EV_EXTEND,               /* extend 延长期限 (once; case_clock.h checks) */
    YC_CASE_EV_SIGN,                 /* sign 签批 */
    YC_CASE_EV_DECIDE_GRANT,         /* decide_grant 准予许可 */
    YC_CASE_EV_DECIDE_REFUSE,        /* decide_refuse 不予许可 */
    YC_CASE_EV_SEAL,                 /* seal 用印 */
    YC_CASE_EV_ISSUE_RESULT,         /* issue_result 出件 (window or EMS) */
    YC_CASE_EV_CLOSE,                /* close 办结 */
    YC_CASE_EV_WITHDRAW,             /* withdraw 撤回申请 */
    YC_CASE_EV_SPLIT,                /* split 联合审批分办: parallel department tasks */
    YC_CASE_EV_REQUEST_EXTENSION,    /* request_extension 申请延期 (the head approves: extend) */
    YC_CASE_EVENT__MAX
};

enum yc_case_role {
    YC_CASE_ROLE_FRONT_DESK = 0, /* front_desk 前台受理 */
    YC_CASE_ROLE_BACK_OFFICE,    /* back_office 后台审批 */
    YC_CASE_ROLE_DEPT_HEAD,      /* dept_head 分管领导 */
    YC_CASE_ROLE_APPLICANT,      /* applicant 申请人 */
    YC_CASE_ROLE_SYSTEM,         /* system 系统 (scheduled checks) */
    YC_CASE_ROLE__MAX
};

/* What an event does to the decision clock (case_clock.h). */
enum yc_case_clock_effect {
    YC_CASE_CLOCK_NONE = 0, /* no change */
    YC_CASE_CLOCK_START,    /* the clock starts; its start day is the acceptance day */
    YC_CASE_CLOCK_STOP,     /* a stop begins on the event's day */
    YC_CASE_CLOCK_RESUME,   /* the open stop ends on the event's day */
    YC_CASE_CLOCK_FINISH, /* the clock ends for good (if it had started); 即办 starts and ends */
    YC_CASE_CLOCK_EFFECT__MAX
};

/* Where the decision clock stands in a state. */
enum yc_case_clock_phase {
    YC_CASE_PHASE_NOT_STARTED = 0, /* received, awaiting_materials */
    YC_CASE_PHASE_RUNNING,         /* accepted ... in_review, signed */
    YC_CASE_PHASE_STOPPED,         /* review_awaiting_materials, suspended */
    YC_CASE_PHASE_FINISHED,        /* decided and after, and the final refusals */
    YC_CASE_PHASE__MAX
};

/* One row of the table. from_mask has bit (1u << state) for each state the event fires from;
 * roles_mask has bit (1u << role) for each role that may fire it. */
struct yc_case_rule {
    enum yc_case_event event;
    uint32_t from_mask;
    enum yc_case_state to;
    uint32_t roles_mask;
    enum yc_case_clock_effect clock;
    int needs_reason; /* 1: the caller must record a reason (refusals, 补正 lists, ...) */
};

/* Why yc_case_transition refused. */
struct yc_case_refusal {
    const char *code; /* "case_bad_argument", "case_state_conflict", "case_role_forbidden" */
    enum yc_case_state state; /* the current state (the argument from) */
    char message[320];        /* Chinese, names the current state and the event; no period */
};

/*
 * May event ev fire from state from for role? Returns 0 and sets *to, or a refusal:
 *   YC_CASE_EINVAL  from, ev or role out of range;
 *   YC_CASE_ESTATE  ev does not fire from from (checked before the role);
 *   YC_CASE_EROLE   role is not among the event's roles.
 * On a refusal *to is unchanged and *why (if not NULL) is filled; on success *why is untouched.
 * to must not be NULL.
 */
int yc_case_transition(enum yc_case_state from, enum yc_case_event ev, enum yc_case_role role,
                       enum yc_case_state *to, struct yc_case_refusal *why) YC_MUST;

/* The rule of an event, or NULL when ev is out of range. Static storage. */
const struct yc_case_rule *yc_case_rule(enum yc_case_event ev);

/* Write the events role may fire from state into out[0..cap), in enum order, and return how many
 * there are (which may exceed cap; out may be NULL when cap is 0). 0 for out-of-range arguments. */
size_t yc_case_events_from(enum yc_case_state state, enum yc_case_role role,
                           enum yc_case_event *out, size_t cap);

/* The clock phase of a state (YC_CASE_PHASE_FINISHED for an out-of-range state). */
enum yc_case_clock_phase yc_case_state_phase(enum yc_case_state s);

/* 1 if no event leads out of s (refused, closed, withdrawn, terminated), else 0. */
int yc_case_state_is_final(enum yc_case_state s);

/* 1 if the applicant may still withdraw in s (the undecided states), else 0. */
int yc_case_state_is_undecided(enum yc_case_state s);

/* Stable English names ("in_review", "request_supplement", "front_desk", "stop") and Chinese
 * labels ("审查中", "补正告知", "前台受理", "停止计时"); "unknown" / "未知" out of range. Static
 * storage; never NULL. */
const char *yc_case_state_name(enum yc_case_state s);
const char *yc_case_state_label(enum yc_case_state s);
const char *yc_case_event_name(enum yc_case_event ev);
const char *yc_case_event_label(enum yc_case_event ev);
const char *yc_case_role_name(enum yc_case_role r);
const char *yc_case_role_label(enum yc_case_role r);
const char *yc_case_clock_effect_name(enum yc_case_clock_effect e);
const char *yc_case_clock_effect_label(enum yc_case_clock_effect e);

/* Look up a stable English name (exact, case-sensitive, len bytes, not NUL-terminated).
 * Return 0 and set *out, or YC_CASE_EINVAL with *out unchanged. s may be NULL only when len is 0.
 */
int yc_case_state_parse(const char *s, size_t len, enum yc_case_state *out) YC_MUST;
int yc_case_event_parse(const char *s, size_t len, enum yc_case_event *out) YC_MUST;
int yc_case_role_parse(const char *s, size_t len, enum yc_case_role *out) YC_MUST;

#endif /* YC_DOMAIN_CASE_FLOW_H */
