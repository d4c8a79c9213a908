/*
 * case_flow.c - the case state table (see case_flow.h and docs/case-flow.md).
 */
#include "domain/case_flow.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"

#define S(x) (1u << YC_CASE_##x)
#define R(x) (1u << YC_CASE_ROLE_##x)

/* The states the applicant may still withdraw from: everything before the decision. */
#define UNDECIDED                                                                                  \
    (S(RECEIVED) | S(AWAITING_MATERIALS) | S(CONDITIONALLY_ACCEPTED) | S(ACCEPTED) |               \
     S(DEEMED_ACCEPTED) | S(IN_REVIEW) | S(REVIEW_AWAITING_MATERIALS) | S(SUSPENDED) | S(SIGNED))

/* The states a 容缺 case may be in while its material is still owed: review goes on meanwhile, and
 * the case is terminated when the commitment's day passes without the material (docs/case-flow.md). */
#define RONGQUE_OWED                                                                               \
    (S(CONDITIONALLY_ACCEPTED) | S(IN_REVIEW) | S(REVIEW_AWAITING_MATERIALS) | S(SUSPENDED) |      \
     S(SIGNED))

/* THE table: one row per event, in enum order. */
static const struct yc_case_rule rules[YC_CASE_EVENT__MAX] = {
    {YC_CASE_EV_ACCEPT, S(RECEIVED), YC_CASE_ACCEPTED, R(FRONT_DESK), YC_CASE_CLOCK_START, 0},
    {YC_CASE_EV_REFUSE, S(RECEIVED) | S(AWAITING_MATERIALS), YC_CASE_REFUSED, R(FRONT_DESK),
     YC_CASE_CLOCK_FINISH, 1},
    {YC_CASE_EV_REQUEST_SUPPLEMENT, S(RECEIVED) | S(AWAITING_MATERIALS), YC_CASE_AWAITING_MATERIALS,
     R(FRONT_DESK), YC_CASE_CLOCK_NONE, 1},
    {YC_CASE_EV_SUPPLEMENT_COMPLETE, S(AWAITING_MATERIALS), YC_CASE_ACCEPTED, R(FRONT_DESK),
     YC_CASE_CLOCK_START, 0},
    {YC_CASE_EV_ACCEPT_CONDITIONALLY, S(RECEIVED), YC_CASE_CONDITIONALLY_ACCEPTED, R(FRONT_DESK),
     YC_CASE_CLOCK_START, 1},
    {YC_CASE_EV_DEEM_ACCEPTED, S(RECEIVED), YC_CASE_DEEMED_ACCEPTED, R(SYSTEM), YC_CASE_CLOCK_START,
     0},
    {YC_CASE_EV_HANDLE_ON_SPOT, S(RECEIVED), YC_CASE_RESULT_ISSUED, R(FRONT_DESK),
     YC_CASE_CLOCK_FINISH, 0},
    {YC_CASE_EV_START_REVIEW, S(ACCEPTED) | S(DEEMED_ACCEPTED) | S(CONDITIONALLY_ACCEPTED),
     YC_CASE_IN_REVIEW, R(BACK_OFFICE) | R(SYSTEM), YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_TERMINATE, RONGQUE_OWED, YC_CASE_TERMINATED, R(BACK_OFFICE) | R(SYSTEM),
     YC_CASE_CLOCK_FINISH, 1},
    {YC_CASE_EV_REQUEST_MATERIALS, S(IN_REVIEW), YC_CASE_REVIEW_AWAITING_MATERIALS, R(BACK_OFFICE),
     YC_CASE_CLOCK_STOP, 1},
    {YC_CASE_EV_MATERIALS_SUPPLIED, S(REVIEW_AWAITING_MATERIALS), YC_CASE_IN_REVIEW,
     R(FRONT_DESK) | R(BACK_OFFICE), YC_CASE_CLOCK_RESUME, 0},
    {YC_CASE_EV_SUSPEND, S(IN_REVIEW), YC_CASE_SUSPENDED, R(BACK_OFFICE), YC_CASE_CLOCK_STOP, 1},
    {YC_CASE_EV_RESUME, S(SUSPENDED), YC_CASE_IN_REVIEW, R(BACK_OFFICE) | R(SYSTEM),
     YC_CASE_CLOCK_RESUME, 0},
    {YC_CASE_EV_EXTEND, S(IN_REVIEW), YC_CASE_IN_REVIEW, R(DEPT_HEAD), YC_CASE_CLOCK_NONE, 1},
    {YC_CASE_EV_SIGN, S(IN_REVIEW), YC_CASE_SIGNED, R(BACK_OFFICE) | R(DEPT_HEAD),
     YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_DECIDE_GRANT, S(SIGNED), YC_CASE_DECIDED, R(BACK_OFFICE) | R(DEPT_HEAD),
     YC_CASE_CLOCK_FINISH, 0},
    {YC_CASE_EV_DECIDE_REFUSE, S(SIGNED), YC_CASE_DECIDED, R(BACK_OFFICE) | R(DEPT_HEAD),
     YC_CASE_CLOCK_FINISH, 1},
    {YC_CASE_EV_SEAL, S(DECIDED), YC_CASE_SEALED, R(BACK_OFFICE), YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_ISSUE_RESULT, S(SEALED), YC_CASE_RESULT_ISSUED, R(FRONT_DESK) | R(BACK_OFFICE),
     YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_CLOSE, S(RESULT_ISSUED), YC_CASE_CLOSED, R(FRONT_DESK) | R(BACK_OFFICE) | R(SYSTEM),
     YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_WITHDRAW, UNDECIDED, YC_CASE_WITHDRAWN, R(APPLICANT) | R(FRONT_DESK),
     YC_CASE_CLOCK_FINISH, 0},
    {YC_CASE_EV_SPLIT, S(IN_REVIEW), YC_CASE_IN_REVIEW, R(BACK_OFFICE) | R(DEPT_HEAD),
     YC_CASE_CLOCK_NONE, 0},
    {YC_CASE_EV_REQUEST_EXTENSION, S(IN_REVIEW), YC_CASE_IN_REVIEW, R(BACK_OFFICE),
     YC_CASE_CLOCK_NONE, 1},
};

static const struct {
    const char *name;
    const char *label;
    enum yc_case_clock_phase phase;
} states[YC_CASE_STATE__MAX] = {
    [YC_CASE_RECEIVED] = {"received", "已收件", YC_CASE_PHASE_NOT_STARTED},
    [YC_CASE_AWAITING_MATERIALS] = {"awaiting_materials", "待补正", YC_CASE_PHASE_NOT_STARTED},
    [YC_CASE_CONDITIONALLY_ACCEPTED] = {"conditionally_accepted", "容缺受理",
                                        YC_CASE_PHASE_RUNNING},
    [YC_CASE_ACCEPTED] = {"accepted", "已受理", YC_CASE_PHASE_RUNNING},
    [YC_CASE_DEEMED_ACCEPTED] = {"deemed_accepted", "视为受理", YC_CASE_PHASE_RUNNING},
    [YC_CASE_REFUSED] = {"refused", "不予受理", YC_CASE_PHASE_FINISHED},
    [YC_CASE_IN_REVIEW] = {"in_review", "审查中", YC_CASE_PHASE_RUNNING},
    [YC_CASE_REVIEW_AWAITING_MATERIALS] = {"review_awaiting_materials", "审查补正（停止计时）",
                                           YC_CASE_PHASE_STOPPED},
    [YC_CASE_SUSPENDED] = {"suspended", "特别程序（停止计时）", YC_CASE_PHASE_STOPPED},
    [YC_CASE_SIGNED] = {"signed", "已签批", YC_CASE_PHASE_RUNNING},
    [YC_CASE_DECIDED] = {"decided", "已决定", YC_CASE_PHASE_FINISHED},
    [YC_CASE_SEALED] = {"sealed", "已用印", YC_CASE_PHASE_FINISHED},
    [YC_CASE_RESULT_ISSUED] = {"result_issued", "已出件", YC_CASE_PHASE_FINISHED},
    [YC_CASE_CLOSED] = {"closed", "已办结", YC_CASE_PHASE_FINISHED},
    [YC_CASE_WITHDRAWN] = {"withdrawn", "已撤回", YC_CASE_PHASE_FINISHED},
    [YC_CASE_TERMINATED] = {"terminated", "已终止", YC_CASE_PHASE_FINISHED},
};

static const struct {
    const char *name;
    const char *label;
} events[YC_CASE_EVENT__MAX] = {
    [YC_CASE_EV_ACCEPT] = {"accept", "受理"},
    [YC_CASE_EV_REFUSE] = {"refuse", "不予受理"},
    [YC_CASE_EV_REQUEST_SUPPLEMENT] = {"request_supplement", "补正告知"},
    [YC_CASE_EV_SUPPLEMENT_COMPLETE] = {"supplement_complete", "补正齐全受理"},
    [YC_CASE_EV_ACCEPT_CONDITIONALLY] = {"accept_conditionally", "容缺受理"},
    [YC_CASE_EV_DEEM_ACCEPTED] = {"deem_accepted", "视为受理"},
    [YC_CASE_EV_HANDLE_ON_SPOT] = {"handle_on_spot", "即办"},
    [YC_CASE_EV_START_REVIEW] = {"start_review", "开始审查"},
    [YC_CASE_EV_TERMINATE] = {"terminate", "终止办理"},
    [YC_CASE_EV_REQUEST_MATERIALS] = {"request_materials", "审查补正"},
    [YC_CASE_EV_MATERIALS_SUPPLIED] = {"materials_supplied", "补正材料收讫"},
    [YC_CASE_EV_SUSPEND] = {"suspend", "进入特别程序"},
    [YC_CASE_EV_RESUME] = {"resume", "特别程序结束"},
    [YC_CASE_EV_EXTEND] = {"extend", "延长期限"},
    [YC_CASE_EV_SIGN] = {"sign", "签批"},
    [YC_CASE_EV_DECIDE_GRANT] = {"decide_grant", "准予许可"},
    [YC_CASE_EV_DECIDE_REFUSE] = {"decide_refuse", "不予许可"},
    [YC_CASE_EV_SEAL] = {"seal", "用印"},
    [YC_CASE_EV_ISSUE_RESULT] = {"issue_result", "出件"},
    [YC_CASE_EV_CLOSE] = {"close", "办结"},
    [YC_CASE_EV_WITHDRAW] = {"withdraw", "撤回申请"},
    [YC_CASE_EV_SPLIT] = {"split", "联合审批分办"},
    [YC_CASE_EV_REQUEST_EXTENSION] = {"request_extension", "申请延期"},
};

static const struct {
    const char *name;
    const char *label;
} roles[YC_CASE_ROLE__MAX] = {
    [YC_CASE_ROLE_FRONT_DESK] = {"front_desk", "前台受理"},
    [YC_CASE_ROLE_BACK_OFFICE] = {"back_office", "后台审批"},
    [YC_CASE_ROLE_DEPT_HEAD] = {"dept_head", "分管领导"},
    [YC_CASE_ROLE_APPLICANT] = {"applicant", "申请人"},
    [YC_CASE_ROLE_SYSTEM] = {"system", "系统"},
};

static const struct {
    const char *name;
    const char *label;
} effects[YC_CASE_CLOCK_EFFECT__MAX] = {
    [YC_CASE_CLOCK_NONE] = {"none", "不影响计时"},
    [YC_CASE_CLOCK_START] = {"start", "开始计时"},
    [YC_CASE_CLOCK_STOP] = {"stop", "停止计时"},
    [YC_CASE_CLOCK_RESUME] = {"resume", "恢复计时"},
    [YC_CASE_CLOCK_FINISH] = {"finish", "结束计时"},
};

static int
state_ok(enum yc_case_state s)
{
    return (int)s >= 0 && s < YC_CASE_STATE__MAX;
}

static int
event_ok(enum yc_case_event ev)
{
    return (int)ev >= 0 && ev < YC_CASE_EVENT__MAX;
}

static int
role_ok(enum yc_case_role r)
{
    return (int)r >= 0 && r < YC_CASE_ROLE__MAX;
}

int
yc_case_transition(enum yc_case_state from, enum yc_case_event ev, enum yc_case_role role,
                   enum yc_case_state *to, struct yc_case_refusal *why)
{
    const struct yc_case_rule *rule;

    if (!state_ok(from) || !event_ok(ev) || !role_ok(role)) {
        if (why) {
            why->code = "case_bad_argument";
            why->state = from;
            snprintf(why->message, sizeof(why->message), "案件状态、操作或角色无效");
        }
        return YC_CASE_EINVAL;
    }
    rule = &rules[ev];
    if (!(rule->from_mask & (1u << from))) {
        if (why) {
            why->code = "case_state_conflict";
            why->state = from;
            snprintf(why->message, sizeof(why->message),
                     "案件当前状态为“%s”（%s），不能执行“%s”（%s）", states[from].label,
                     states[from].name, events[ev].label, events[ev].name);
        }
        return YC_CASE_ESTATE;
    }
    if (!(rule->roles_mask & (1u << role))) {
        if (why) {
            why->code = "case_role_forbidden";
            why->state = from;
            snprintf(why->message, sizeof(why->message),
                     "角色“%s”（%s）不能执行“%s”（%s），案件当前状态为“%s”（%s）",
                     roles[role].label, roles[role].name, events[ev].label, events[ev].name,
                     states[from].label, states[from].name);
        }
        return YC_CASE_EROLE;
    }
    *to = rule->to;
    return 0;
}

const struct yc_case_rule *
yc_case_rule(enum yc_case_event ev)
{
    return event_ok(ev) ? &rules[ev] : NULL;
}

size_t
yc_case_events_from(enum yc_case_state state, enum yc_case_role role, enum yc_case_event *out,
                    size_t cap)
{
    size_t n = 0;
    size_t i;

    if (!state_ok(state) || !role_ok(role)) {
        return 0;
    }
    for (i = 0; i < YC_CASE_EVENT__MAX; i++) {
        if ((rules[i].from_mask & (1u << state)) && (rules[i].roles_mask & (1u << role))) {
            if (n < cap) {
                out[n] = rules[i].event;
            }
            n++;
        }
    }
    return n;
}

enum yc_case_clock_phase
yc_case_state_phase(enum yc_case_state s)
{
    return state_ok(s) ? states[s].phase : YC_CASE_PHASE_FINISHED;
}

int
yc_case_state_is_final(enum yc_case_state s)
{
    size_t i;

    if (!state_ok(s)) {
        return 0;
    }
    for (i = 0; i < YC_CASE_EVENT__MAX; i++) {
        if (rules[i].from_mask & (1u << s)) {
            return 0;
        }
    }
    return 1;
}

int
yc_case_state_is_undecided(enum yc_case_state s)
{
    return state_ok(s) && (UNDECIDED & (1u << s)) != 0;
}

const char *
yc_case_state_name(enum yc_case_state s)
{
    return state_ok(s) ? states[s].name : "unknown";
}

const char *
yc_case_state_label(enum yc_case_state s)
{
    return state_ok(s) ? states[s].label : "未知";
}

const char *
yc_case_event_name(enum yc_case_event ev)
{
    return event_ok(ev) ? events[ev].name : "unknown";
}

const char *
yc_case_event_label(enum yc_case_event ev)
{
    return event_ok(ev) ? events[ev].label : "未知";
}

const char *
yc_case_role_name(enum yc_case_role r)
{
    return role_ok(r) ? roles[r].name : "unknown";
}

const char *
yc_case_role_label(enum yc_case_role r)
{
    return role_ok(r) ? roles[r].label : "未知";
}

const char *
yc_case_clock_effect_name(enum yc_case_clock_effect e)
{
    return ((int)e >= 0 && e < YC_CASE_CLOCK_EFFECT__MAX) ? effects[e].name : "unknown";
}

const char *
yc_case_clock_effect_label(enum yc_case_clock_effect e)
{
    return ((int)e >= 0 && e < YC_CASE_CLOCK_EFFECT__MAX) ? effects[e].label : "未知";
}

/* 1 if name equals s[0..len). */
static int
name_is(const char *name, const char *s, size_t len)
{
    return s && strlen(name) == len && memcmp(name, s, len) == 0;
}

int
yc_case_state_parse(const char *s, size_t len, enum yc_case_state *out)
{
    int i;

    for (i = 0; i < YC_CASE_STATE__MAX; i++) {
        if (name_is(states[i].name, s, len)) {
            *out = (enum yc_case_state)i;
            return 0;
        }
    }
    return YC_CASE_EINVAL;
}

int
yc_case_event_parse(const char *s, size_t len, enum yc_case_event *out)
{
    int i;

    for (i = 0; i < YC_CASE_EVENT__MAX; i++) {
        if (name_is(events[i].name, s, len)) {
            *out = (enum yc_case_event)i;
            return 0;
        }
    }
    return YC_CASE_EINVAL;
}

int
yc_case_role_parse(const char *s, size_t len, enum yc_case_role *out)
{
    int i;

    for (i = 0; i < YC_CASE_ROLE__MAX; i++) {
        if (name_is(roles[i].name, s, len)) {
            *out = (enum yc_case_role)i;
            return 0;
        }
    }
    return YC_CASE_EINVAL;
}
