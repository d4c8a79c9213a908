/*
 * test_case_flow.c - unit tests of src/domain/case_flow.c.
 *
 * The expected table below is written out independently of the one in case_flow.c, from the
 * flow in DOMAIN.md and issue 5 ("States and transitions in one table"); every state x event x
 * role is checked against it: legal transitions give their state, illegal ones YC_CASE_ESTATE
 * naming the current state (409), a wrong role YC_CASE_EROLE (403).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/case_flow.h"

#include "base/banned.h"

#define FD (1u << YC_CASE_ROLE_FRONT_DESK)
#define BO (1u << YC_CASE_ROLE_BACK_OFFICE)
#define DH (1u << YC_CASE_ROLE_DEPT_HEAD)
#define AP (1u << YC_CASE_ROLE_APPLICANT)
#define SY (1u << YC_CASE_ROLE_SYSTEM)

/* One legal (state, event) pair. */
struct legal {
    enum yc_case_state from;
    enum yc_case_event ev;
    enum yc_case_state to;
};

static const struct legal legal[] = {
    /* At the window (§32). */
    {YC_CASE_RECEIVED, YC_CASE_EV_ACCEPT, YC_CASE_ACCEPTED},
    {YC_CASE_RECEIVED, YC_CASE_EV_REFUSE, YC_CASE_REFUSED},
    {YC_CASE_RECEIVED, YC_CASE_EV_REQUEST_SUPPLEMENT, YC_CASE_AWAITING_MATERIALS},
    {YC_CASE_RECEIVED, YC_CASE_EV_ACCEPT_CONDITIONALLY, YC_CASE_CONDITIONALLY_ACCEPTED},
    {YC_CASE_RECEIVED, YC_CASE_EV_DEEM_ACCEPTED, YC_CASE_DEEMED_ACCEPTED},
    {YC_CASE_RECEIVED, YC_CASE_EV_HANDLE_ON_SPOT, YC_CASE_RESULT_ISSUED},
    {YC_CASE_RECEIVED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* 补正 before acceptance: another round, complete, refused, withdrawn. */
    {YC_CASE_AWAITING_MATERIALS, YC_CASE_EV_REQUEST_SUPPLEMENT, YC_CASE_AWAITING_MATERIALS},
    {YC_CASE_AWAITING_MATERIALS, YC_CASE_EV_SUPPLEMENT_COMPLETE, YC_CASE_ACCEPTED},
    {YC_CASE_AWAITING_MATERIALS, YC_CASE_EV_REFUSE, YC_CASE_REFUSED},
    {YC_CASE_AWAITING_MATERIALS, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* 容缺受理. */
    {YC_CASE_CONDITIONALLY_ACCEPTED, YC_CASE_EV_START_REVIEW, YC_CASE_IN_REVIEW},
    {YC_CASE_CONDITIONALLY_ACCEPTED, YC_CASE_EV_TERMINATE, YC_CASE_TERMINATED},
    {YC_CASE_CONDITIONALLY_ACCEPTED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* Accepted, deemed accepted. */
    {YC_CASE_ACCEPTED, YC_CASE_EV_START_REVIEW, YC_CASE_IN_REVIEW},
    {YC_CASE_ACCEPTED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    {YC_CASE_DEEMED_ACCEPTED, YC_CASE_EV_START_REVIEW, YC_CASE_IN_REVIEW},
    {YC_CASE_DEEMED_ACCEPTED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* Review. */
    {YC_CASE_IN_REVIEW, YC_CASE_EV_REQUEST_MATERIALS, YC_CASE_REVIEW_AWAITING_MATERIALS},
    {YC_CASE_IN_REVIEW, YC_CASE_EV_SUSPEND, YC_CASE_SUSPENDED},
    {YC_CASE_IN_REVIEW, YC_CASE_EV_EXTEND, YC_CASE_IN_REVIEW},
    {YC_CASE_IN_REVIEW, YC_CASE_EV_SIGN, YC_CASE_SIGNED},
    {YC_CASE_IN_REVIEW, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* Joint approval: the case splits into department tasks and stays in review. */
    {YC_CASE_IN_REVIEW, YC_CASE_EV_SPLIT, YC_CASE_IN_REVIEW},
    /* The back office asks for the extension; the department head grants it (extend). */
    {YC_CASE_IN_REVIEW, YC_CASE_EV_REQUEST_EXTENSION, YC_CASE_IN_REVIEW},
    /* A 容缺 material still owed during review: its commitment's day passes, the case ends. */
    {YC_CASE_IN_REVIEW, YC_CASE_EV_TERMINATE, YC_CASE_TERMINATED},
    {YC_CASE_REVIEW_AWAITING_MATERIALS, YC_CASE_EV_TERMINATE, YC_CASE_TERMINATED},
    {YC_CASE_SUSPENDED, YC_CASE_EV_TERMINATE, YC_CASE_TERMINATED},
    {YC_CASE_SIGNED, YC_CASE_EV_TERMINATE, YC_CASE_TERMINATED},
    {YC_CASE_REVIEW_AWAITING_MATERIALS, YC_CASE_EV_MATERIALS_SUPPLIED, YC_CASE_IN_REVIEW},
    {YC_CASE_REVIEW_AWAITING_MATERIALS, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    {YC_CASE_SUSPENDED, YC_CASE_EV_RESUME, YC_CASE_IN_REVIEW},
    {YC_CASE_SUSPENDED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    {YC_CASE_SIGNED, YC_CASE_EV_DECIDE_GRANT, YC_CASE_DECIDED},
    {YC_CASE_SIGNED, YC_CASE_EV_DECIDE_REFUSE, YC_CASE_DECIDED},
    {YC_CASE_SIGNED, YC_CASE_EV_WITHDRAW, YC_CASE_WITHDRAWN},
    /* After the decision. */
    {YC_CASE_DECIDED, YC_CASE_EV_SEAL, YC_CASE_SEALED},
    {YC_CASE_SEALED, YC_CASE_EV_ISSUE_RESULT, YC_CASE_RESULT_ISSUED},
    {YC_CASE_RESULT_ISSUED, YC_CASE_EV_CLOSE, YC_CASE_CLOSED},
};

/* Who may fire each event, and what else each event carries. */
static const struct {
    uint32_t roles;
    enum yc_case_clock_effect clock;
    int needs_reason;
} expect_event[YC_CASE_EVENT__MAX] = {
    [YC_CASE_EV_ACCEPT] = {FD, YC_CASE_CLOCK_START, 0},
    [YC_CASE_EV_REFUSE] = {FD, YC_CASE_CLOCK_FINISH, 1},
    [YC_CASE_EV_REQUEST_SUPPLEMENT] = {FD, YC_CASE_CLOCK_NONE, 1},
    [YC_CASE_EV_SUPPLEMENT_COMPLETE] = {FD, YC_CASE_CLOCK_START, 0},
    [YC_CASE_EV_ACCEPT_CONDITIONALLY] = {FD, YC_CASE_CLOCK_START, 1},
    [YC_CASE_EV_DEEM_ACCEPTED] = {SY, YC_CASE_CLOCK_START, 0},
    [YC_CASE_EV_HANDLE_ON_SPOT] = {FD, YC_CASE_CLOCK_FINISH, 0},
    [YC_CASE_EV_START_REVIEW] = {BO | SY, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_TERMINATE] = {BO | SY, YC_CASE_CLOCK_FINISH, 1},
    [YC_CASE_EV_REQUEST_MATERIALS] = {BO, YC_CASE_CLOCK_STOP, 1},
    [YC_CASE_EV_MATERIALS_SUPPLIED] = {FD | BO, YC_CASE_CLOCK_RESUME, 0},
    [YC_CASE_EV_SUSPEND] = {BO, YC_CASE_CLOCK_STOP, 1},
    [YC_CASE_EV_RESUME] = {BO | SY, YC_CASE_CLOCK_RESUME, 0},
    [YC_CASE_EV_EXTEND] = {DH, YC_CASE_CLOCK_NONE, 1},
    [YC_CASE_EV_SIGN] = {BO | DH, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_DECIDE_GRANT] = {BO | DH, YC_CASE_CLOCK_FINISH, 0},
    [YC_CASE_EV_DECIDE_REFUSE] = {BO | DH, YC_CASE_CLOCK_FINISH, 1},
    [YC_CASE_EV_SEAL] = {BO, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_ISSUE_RESULT] = {FD | BO, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_CLOSE] = {FD | BO | SY, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_WITHDRAW] = {AP | FD, YC_CASE_CLOCK_FINISH, 0},
    [YC_CASE_EV_SPLIT] = {BO | DH, YC_CASE_CLOCK_NONE, 0},
    [YC_CASE_EV_REQUEST_EXTENSION] = {BO, YC_CASE_CLOCK_NONE, 1},
};

/* The expected target of (from, ev), or -1 when illegal. */
static int
expected_to(enum yc_case_state from, enum yc_case_event ev)
{
    size_t i;

    for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
        if (legal[i].from == from && legal[i].ev == ev) {
            return (int)legal[i].to;
        }
    }
    return -1;
}

static void
test_all_states_events_roles(void **state)
{
    int s;
    int e;
    int r;
    int n_ok = 0;
    int n_state = 0;
    int n_role = 0;

    (void)state;
    for (s = 0; s < YC_CASE_STATE__MAX; s++) {
        for (e = 0; e < YC_CASE_EVENT__MAX; e++) {
            int want = expected_to((enum yc_case_state)s, (enum yc_case_event)e);

            for (r = 0; r < YC_CASE_ROLE__MAX; r++) {
                enum yc_case_state to = YC_CASE_STATE__MAX;
                struct yc_case_refusal why;
                int rc;

                memset(&why, 0, sizeof(why));
                rc = yc_case_transition((enum yc_case_state)s, (enum yc_case_event)e,
                                        (enum yc_case_role)r, &to, &why);
                if (want < 0) {
                    if (rc != YC_CASE_ESTATE) {
                        fail_msg("%s --%s/%s--> expected 409, got %d",
                                 yc_case_state_name((enum yc_case_state)s),
                                 yc_case_event_name((enum yc_case_event)e),
                                 yc_case_role_name((enum yc_case_role)r), rc);
                    }
                    assert_int_equal(to, YC_CASE_STATE__MAX); /* unchanged */
                    assert_string_equal(why.code, "case_state_conflict");
                    assert_int_equal(why.state, s);
                    /* The message names the current state, in Chinese and in English. */
                    assert_non_null(
                        strstr(why.message, yc_case_state_label((enum yc_case_state)s)));
                    assert_non_null(strstr(why.message, yc_case_state_name((enum yc_case_state)s)));
                    assert_non_null(
                        strstr(why.message, yc_case_event_label((enum yc_case_event)e)));
                    n_state++;
                } else if (expect_event[e].roles & (1u << r)) {
                    if (rc != 0 || (int)to != want) {
                        fail_msg("%s --%s/%s--> expected %s, got %d %s",
                                 yc_case_state_name((enum yc_case_state)s),
                                 yc_case_event_name((enum yc_case_event)e),
                                 yc_case_role_name((enum yc_case_role)r),
                                 yc_case_state_name((enum yc_case_state)want), rc,
                                 yc_case_state_name(to));
                    }
                    n_ok++;
                } else {
                    if (rc != YC_CASE_EROLE) {
                        fail_msg("%s --%s/%s--> expected 403, got %d",
                                 yc_case_state_name((enum yc_case_state)s),
                                 yc_case_event_name((enum yc_case_event)e),
                                 yc_case_role_name((enum yc_case_role)r), rc);
                    }
                    assert_int_equal(to, YC_CASE_STATE__MAX);
                    assert_string_equal(why.code, "case_role_forbidden");
                    assert_non_null(strstr(why.message, yc_case_role_label((enum yc_case_role)r)));
                    assert_non_null(
                        strstr(why.message, yc_case_state_label((enum yc_case_state)s)));
                    n_role++;
                }
            }
        }
    }
    /* 16 states x 23 events x 5 roles = 1840 checks. */
    assert_int_equal(n_ok + n_state + n_role, YC_CASE_STATE__MAX * YC_CASE_EVENT__MAX * 5);
    assert_int_equal(YC_CASE_STATE__MAX, 16);
    assert_int_equal(YC_CASE_EVENT__MAX, 23);
    assert_int_equal(sizeof(legal) / sizeof(legal[0]), 39);
    /* NULL why is allowed. */
    {
        enum yc_case_state to = YC_CASE_CLOSED;

        assert_int_equal(yc_case_transition(YC_CASE_CLOSED, YC_CASE_EV_ACCEPT,
                                            YC_CASE_ROLE_FRONT_DESK, &to, NULL),
                         YC_CASE_ESTATE);
        assert_int_equal(to, YC_CASE_CLOSED);
    }
}

static void
test_rules(void **state)
{
    int e;

    (void)state;
    for (e = 0; e < YC_CASE_EVENT__MAX; e++) {
        const struct yc_case_rule *rule = yc_case_rule((enum yc_case_event)e);

        assert_non_null(rule);
        assert_int_equal(rule->event, e);
        assert_int_equal(rule->roles_mask, expect_event[e].roles);
        assert_int_equal(rule->clock, expect_event[e].clock);
        assert_int_equal(rule->needs_reason, expect_event[e].needs_reason);
    }
    assert_null(yc_case_rule(YC_CASE_EVENT__MAX));
    assert_null(yc_case_rule((enum yc_case_event) - 1));
}

/* Each legal transition's clock effect agrees with the clock phases of its two states. */
static void
test_clock_effects_match_phases(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
        enum yc_case_clock_phase a = yc_case_state_phase(legal[i].from);
        enum yc_case_clock_phase b = yc_case_state_phase(legal[i].to);
        enum yc_case_clock_effect eff = yc_case_rule(legal[i].ev)->clock;
        int ok = 0;

        switch (eff) {
        case YC_CASE_CLOCK_NONE:
            ok = a == b;
            break;
        case YC_CASE_CLOCK_START:
            ok = a == YC_CASE_PHASE_NOT_STARTED && b == YC_CASE_PHASE_RUNNING;
            break;
        case YC_CASE_CLOCK_STOP:
            ok = a == YC_CASE_PHASE_RUNNING && b == YC_CASE_PHASE_STOPPED;
            break;
        case YC_CASE_CLOCK_RESUME:
            ok = a == YC_CASE_PHASE_STOPPED && b == YC_CASE_PHASE_RUNNING;
            break;
        case YC_CASE_CLOCK_FINISH:
            ok = a != YC_CASE_PHASE_FINISHED && b == YC_CASE_PHASE_FINISHED;
            break;
        default:
            break;
        }
        if (!ok) {
            fail_msg("%s --%s--> %s: effect %s does not match the phases",
                     yc_case_state_name(legal[i].from), yc_case_event_name(legal[i].ev),
                     yc_case_state_name(legal[i].to), yc_case_clock_effect_name(eff));
        }
    }
    assert_int_equal(yc_case_state_phase(YC_CASE_SUSPENDED), YC_CASE_PHASE_STOPPED);
    assert_int_equal(yc_case_state_phase(YC_CASE_REVIEW_AWAITING_MATERIALS), YC_CASE_PHASE_STOPPED);
    assert_int_equal(yc_case_state_phase(YC_CASE_AWAITING_MATERIALS), YC_CASE_PHASE_NOT_STARTED);
}

static void
test_final_and_undecided(void **state)
{
    int s;

    (void)state;
    for (s = 0; s < YC_CASE_STATE__MAX; s++) {
        int final = s == YC_CASE_REFUSED || s == YC_CASE_CLOSED || s == YC_CASE_WITHDRAWN ||
                    s == YC_CASE_TERMINATED;
        int undecided = expected_to((enum yc_case_state)s, YC_CASE_EV_WITHDRAW) >= 0;

        assert_int_equal(yc_case_state_is_final((enum yc_case_state)s), final);
        assert_int_equal(yc_case_state_is_undecided((enum yc_case_state)s), undecided);
    }
    /* Withdrawal: every state before the decision, none after it. */
    assert_true(yc_case_state_is_undecided(YC_CASE_SIGNED));
    assert_false(yc_case_state_is_undecided(YC_CASE_DECIDED));
    assert_false(yc_case_state_is_undecided(YC_CASE_SEALED));
    assert_false(yc_case_state_is_undecided(YC_CASE_STATE__MAX));
    assert_false(yc_case_state_is_final(YC_CASE_STATE__MAX));
}

/* Every state is reachable from received, and a final state is reachable from every state. */
static void
test_reachability(void **state)
{
    int reach[YC_CASE_STATE__MAX] = {0};
    int changed = 1;
    int s;
    size_t i;

    (void)state;
    reach[YC_CASE_RECEIVED] = 1;
    while (changed) {
        changed = 0;
        for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
            if (reach[legal[i].from] && !reach[legal[i].to]) {
                reach[legal[i].to] = changed = 1;
            }
        }
    }
    for (s = 0; s < YC_CASE_STATE__MAX; s++) {
        if (!reach[s]) {
            fail_msg("%s is not reachable", yc_case_state_name((enum yc_case_state)s));
        }
    }
    memset(reach, 0, sizeof(reach));
    for (s = 0; s < YC_CASE_STATE__MAX; s++) {
        reach[s] = yc_case_state_is_final((enum yc_case_state)s);
    }
    changed = 1;
    while (changed) {
        changed = 0;
        for (i = 0; i < sizeof(legal) / sizeof(legal[0]); i++) {
            if (reach[legal[i].to] && !reach[legal[i].from]) {
                reach[legal[i].from] = changed = 1;
            }
        }
    }
    for (s = 0; s < YC_CASE_STATE__MAX; s++) {
        if (!reach[s]) {
            fail_msg("%s never ends", yc_case_state_name((enum yc_case_state)s));
        }
    }
}

struct step {
    enum yc_case_event ev;
    enum yc_case_role role;
    enum yc_case_state to;
};

static void
walk(enum yc_case_state s, const struct step *steps, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        enum yc_case_state to = YC_CASE_STATE__MAX;
        struct yc_case_refusal why;

        if (yc_case_transition(s, steps[i].ev, steps[i].role, &to, &why) != 0) {
            fail_msg("step %zu: %s", i, why.message);
        }
        assert_int_equal(to, steps[i].to);
        s = to;
    }
}

static void
test_paths(void **state)
{
    /* Ticket to closed, with a review 补正, an exclusion and an extension. */
    static const struct step full[] = {
        {YC_CASE_EV_REQUEST_SUPPLEMENT, YC_CASE_ROLE_FRONT_DESK, YC_CASE_AWAITING_MATERIALS},
        {YC_CASE_EV_REQUEST_SUPPLEMENT, YC_CASE_ROLE_FRONT_DESK, YC_CASE_AWAITING_MATERIALS},
        {YC_CASE_EV_SUPPLEMENT_COMPLETE, YC_CASE_ROLE_FRONT_DESK, YC_CASE_ACCEPTED},
        {YC_CASE_EV_START_REVIEW, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_REQUEST_MATERIALS, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_REVIEW_AWAITING_MATERIALS},
        {YC_CASE_EV_MATERIALS_SUPPLIED, YC_CASE_ROLE_FRONT_DESK, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SUSPEND, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_SUSPENDED},
        {YC_CASE_EV_RESUME, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_EXTEND, YC_CASE_ROLE_DEPT_HEAD, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SIGN, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_SIGNED},
        {YC_CASE_EV_DECIDE_GRANT, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_DECIDED},
        {YC_CASE_EV_SEAL, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_SEALED},
        {YC_CASE_EV_ISSUE_RESULT, YC_CASE_ROLE_FRONT_DESK, YC_CASE_RESULT_ISSUED},
        {YC_CASE_EV_CLOSE, YC_CASE_ROLE_SYSTEM, YC_CASE_CLOSED},
    };
    static const struct step on_spot[] = {
        {YC_CASE_EV_HANDLE_ON_SPOT, YC_CASE_ROLE_FRONT_DESK, YC_CASE_RESULT_ISSUED},
        {YC_CASE_EV_CLOSE, YC_CASE_ROLE_FRONT_DESK, YC_CASE_CLOSED},
    };
    static const struct step deemed[] = {
        {YC_CASE_EV_DEEM_ACCEPTED, YC_CASE_ROLE_SYSTEM, YC_CASE_DEEMED_ACCEPTED},
        {YC_CASE_EV_START_REVIEW, YC_CASE_ROLE_SYSTEM, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_WITHDRAW, YC_CASE_ROLE_APPLICANT, YC_CASE_WITHDRAWN},
    };
    static const struct step rongque[] = {
        {YC_CASE_EV_ACCEPT_CONDITIONALLY, YC_CASE_ROLE_FRONT_DESK, YC_CASE_CONDITIONALLY_ACCEPTED},
        {YC_CASE_EV_TERMINATE, YC_CASE_ROLE_SYSTEM, YC_CASE_TERMINATED},
    };
    /* 容缺: review goes on while the material is owed; the day passes in a stop: terminated. */
    static const struct step rongque_review[] = {
        {YC_CASE_EV_ACCEPT_CONDITIONALLY, YC_CASE_ROLE_FRONT_DESK, YC_CASE_CONDITIONALLY_ACCEPTED},
        {YC_CASE_EV_START_REVIEW, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SUSPEND, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_SUSPENDED},
        {YC_CASE_EV_TERMINATE, YC_CASE_ROLE_SYSTEM, YC_CASE_TERMINATED},
    };
    /* Joint approval: split during review, then signed and decided once the tasks are done. */
    static const struct step joint[] = {
        {YC_CASE_EV_ACCEPT, YC_CASE_ROLE_FRONT_DESK, YC_CASE_ACCEPTED},
        {YC_CASE_EV_START_REVIEW, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SPLIT, YC_CASE_ROLE_BACK_OFFICE, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SPLIT, YC_CASE_ROLE_DEPT_HEAD, YC_CASE_IN_REVIEW},
        {YC_CASE_EV_SIGN, YC_CASE_ROLE_DEPT_HEAD, YC_CASE_SIGNED},
        {YC_CASE_EV_DECIDE_GRANT, YC_CASE_ROLE_DEPT_HEAD, YC_CASE_DECIDED},
    };
    enum yc_case_state to = YC_CASE_STATE__MAX;
    struct yc_case_refusal why;

    (void)state;
    walk(YC_CASE_RECEIVED, full, sizeof(full) / sizeof(full[0]));
    walk(YC_CASE_RECEIVED, on_spot, sizeof(on_spot) / sizeof(on_spot[0]));
    walk(YC_CASE_RECEIVED, deemed, sizeof(deemed) / sizeof(deemed[0]));
    walk(YC_CASE_RECEIVED, rongque, sizeof(rongque) / sizeof(rongque[0]));
    walk(YC_CASE_RECEIVED, rongque_review, sizeof(rongque_review) / sizeof(rongque_review[0]));
    walk(YC_CASE_RECEIVED, joint, sizeof(joint) / sizeof(joint[0]));
    /* No split before review or after the decision; the front desk may not split. */
    assert_int_equal(
        yc_case_transition(YC_CASE_ACCEPTED, YC_CASE_EV_SPLIT, YC_CASE_ROLE_BACK_OFFICE, &to, &why),
        YC_CASE_ESTATE);
    assert_int_equal(
        yc_case_transition(YC_CASE_SIGNED, YC_CASE_EV_SPLIT, YC_CASE_ROLE_BACK_OFFICE, &to, &why),
        YC_CASE_ESTATE);
    assert_int_equal(yc_case_transition(YC_CASE_IN_REVIEW, YC_CASE_EV_SPLIT,
                                        YC_CASE_ROLE_FRONT_DESK, &to, &why),
                     YC_CASE_EROLE);
    /* A decided case is not terminated (the decision stands). */
    assert_int_equal(
        yc_case_transition(YC_CASE_DECIDED, YC_CASE_EV_TERMINATE, YC_CASE_ROLE_SYSTEM, &to, &why),
        YC_CASE_ESTATE);
    /* A decision on a withdrawn case: 409 naming 已撤回. */
    assert_int_equal(yc_case_transition(YC_CASE_WITHDRAWN, YC_CASE_EV_DECIDE_GRANT,
                                        YC_CASE_ROLE_BACK_OFFICE, &to, &why),
                     YC_CASE_ESTATE);
    assert_string_equal(why.message,
                        "案件当前状态为“已撤回”（withdrawn），不能执行“准予许可”（decide_grant）");
    /* The applicant cannot withdraw a decided case; the back office cannot withdraw at all. */
    assert_int_equal(
        yc_case_transition(YC_CASE_DECIDED, YC_CASE_EV_WITHDRAW, YC_CASE_ROLE_APPLICANT, &to, &why),
        YC_CASE_ESTATE);
    assert_int_equal(yc_case_transition(YC_CASE_IN_REVIEW, YC_CASE_EV_WITHDRAW,
                                        YC_CASE_ROLE_BACK_OFFICE, &to, &why),
                     YC_CASE_EROLE);
    /* Extension by the back office alone: 403. */
    assert_int_equal(yc_case_transition(YC_CASE_IN_REVIEW, YC_CASE_EV_EXTEND,
                                        YC_CASE_ROLE_BACK_OFFICE, &to, &why),
                     YC_CASE_EROLE);
}

static void
test_events_from(void **state)
{
    enum yc_case_event out[YC_CASE_EVENT__MAX];
    size_t n;

    (void)state;
    n = yc_case_events_from(YC_CASE_RECEIVED, YC_CASE_ROLE_FRONT_DESK, out, YC_CASE_EVENT__MAX);
    assert_int_equal(n, 6);
    assert_int_equal(out[0], YC_CASE_EV_ACCEPT);
    assert_int_equal(out[1], YC_CASE_EV_REFUSE);
    assert_int_equal(out[2], YC_CASE_EV_REQUEST_SUPPLEMENT);
    assert_int_equal(out[3], YC_CASE_EV_ACCEPT_CONDITIONALLY);
    assert_int_equal(out[4], YC_CASE_EV_HANDLE_ON_SPOT);
    assert_int_equal(out[5], YC_CASE_EV_WITHDRAW);
    /* Counting only, and a short buffer: terminate, request_materials, suspend, sign, split,
     * request_extension. */
    assert_int_equal(yc_case_events_from(YC_CASE_IN_REVIEW, YC_CASE_ROLE_BACK_OFFICE, NULL, 0), 6);
    n = yc_case_events_from(YC_CASE_IN_REVIEW, YC_CASE_ROLE_BACK_OFFICE, out, 1);
    assert_int_equal(n, 6);
    assert_int_equal(out[0], YC_CASE_EV_TERMINATE);
    n = yc_case_events_from(YC_CASE_IN_REVIEW, YC_CASE_ROLE_DEPT_HEAD, out, YC_CASE_EVENT__MAX);
    assert_int_equal(n, 3);
    assert_int_equal(out[0], YC_CASE_EV_EXTEND);
    assert_int_equal(out[1], YC_CASE_EV_SIGN);
    assert_int_equal(out[2], YC_CASE_EV_SPLIT);
    assert_int_equal(yc_case_events_from(YC_CASE_CLOSED, YC_CASE_ROLE_SYSTEM, out, 4), 0);
    assert_int_equal(yc_case_events_from(YC_CASE_STATE__MAX, YC_CASE_ROLE_SYSTEM, out, 4), 0);
}

static void
test_bad_arguments(void **state)
{
    enum yc_case_state to = YC_CASE_ACCEPTED;
    struct yc_case_refusal why;

    (void)state;
    assert_int_equal(yc_case_transition(YC_CASE_STATE__MAX, YC_CASE_EV_ACCEPT,
                                        YC_CASE_ROLE_FRONT_DESK, &to, &why),
                     YC_CASE_EINVAL);
    assert_string_equal(why.code, "case_bad_argument");
    assert_int_equal(yc_case_transition(YC_CASE_RECEIVED, YC_CASE_EVENT__MAX,
                                        YC_CASE_ROLE_FRONT_DESK, &to, &why),
                     YC_CASE_EINVAL);
    assert_int_equal(
        yc_case_transition(YC_CASE_RECEIVED, YC_CASE_EV_ACCEPT, (enum yc_case_role) - 1, &to, &why),
        YC_CASE_EINVAL);
    assert_int_equal(to, YC_CASE_ACCEPTED);
}

/* Names are unique, stable and parse back; labels are non-empty. */
static void
test_names(void **state)
{
    int i;
    int j;

    (void)state;
    for (i = 0; i < YC_CASE_STATE__MAX; i++) {
        const char *name = yc_case_state_name((enum yc_case_state)i);
        enum yc_case_state s = YC_CASE_STATE__MAX;

        assert_true(yc_case_state_label((enum yc_case_state)i)[0] != '\0');
        assert_int_equal(yc_case_state_parse(name, strlen(name), &s), 0);
        assert_int_equal(s, i);
        for (j = 0; j < i; j++) {
            assert_string_not_equal(name, yc_case_state_name((enum yc_case_state)j));
            assert_string_not_equal(yc_case_state_label((enum yc_case_state)i),
                                    yc_case_state_label((enum yc_case_state)j));
        }
    }
    for (i = 0; i < YC_CASE_EVENT__MAX; i++) {
        const char *name = yc_case_event_name((enum yc_case_event)i);
        enum yc_case_event ev = YC_CASE_EVENT__MAX;

        assert_true(yc_case_event_label((enum yc_case_event)i)[0] != '\0');
        assert_int_equal(yc_case_event_parse(name, strlen(name), &ev), 0);
        assert_int_equal(ev, i);
        for (j = 0; j < i; j++) {
            assert_string_not_equal(name, yc_case_event_name((enum yc_case_event)j));
        }
    }
    for (i = 0; i < YC_CASE_ROLE__MAX; i++) {
        const char *name = yc_case_role_name((enum yc_case_role)i);
        enum yc_case_role r = YC_CASE_ROLE__MAX;

        assert_int_equal(yc_case_role_parse(name, strlen(name), &r), 0);
        assert_int_equal(r, i);
    }
    /* The stable names the API and the database use. */
    assert_string_equal(yc_case_state_name(YC_CASE_RECEIVED), "received");
    assert_string_equal(yc_case_state_name(YC_CASE_AWAITING_MATERIALS), "awaiting_materials");
    assert_string_equal(yc_case_state_name(YC_CASE_CONDITIONALLY_ACCEPTED),
                        "conditionally_accepted");
    assert_string_equal(yc_case_state_name(YC_CASE_DEEMED_ACCEPTED), "deemed_accepted");
    assert_string_equal(yc_case_state_name(YC_CASE_RESULT_ISSUED), "result_issued");
    assert_string_equal(yc_case_state_label(YC_CASE_CONDITIONALLY_ACCEPTED), "容缺受理");
    assert_string_equal(yc_case_event_name(YC_CASE_EV_HANDLE_ON_SPOT), "handle_on_spot");
    assert_string_equal(yc_case_event_label(YC_CASE_EV_HANDLE_ON_SPOT), "即办");
    assert_string_equal(yc_case_event_label(YC_CASE_EV_REQUEST_SUPPLEMENT), "补正告知");
    assert_string_equal(yc_case_event_name(YC_CASE_EV_SPLIT), "split");
    assert_string_equal(yc_case_event_label(YC_CASE_EV_SPLIT), "联合审批分办");
    assert_string_equal(yc_case_role_name(YC_CASE_ROLE_DEPT_HEAD), "dept_head");
    assert_string_equal(yc_case_clock_effect_name(YC_CASE_CLOCK_STOP), "stop");
    assert_string_equal(yc_case_clock_effect_label(YC_CASE_CLOCK_RESUME), "恢复计时");
    assert_string_equal(yc_case_state_name(YC_CASE_STATE__MAX), "unknown");
    assert_string_equal(yc_case_event_label(YC_CASE_EVENT__MAX), "未知");
    /* Exact, case-sensitive, length-bounded. */
    {
        enum yc_case_state s = YC_CASE_CLOSED;
        enum yc_case_event ev = YC_CASE_EV_CLOSE;

        assert_int_equal(yc_case_state_parse("Received", 8, &s), YC_CASE_EINVAL);
        assert_int_equal(yc_case_state_parse("received_", 9, &s), YC_CASE_EINVAL);
        assert_int_equal(yc_case_state_parse("receivedX", 8, &s), 0); /* first 8 bytes */
        assert_int_equal(s, YC_CASE_RECEIVED);
        assert_int_equal(yc_case_state_parse(NULL, 0, &s), YC_CASE_EINVAL);
        assert_int_equal(yc_case_event_parse("", 0, &ev), YC_CASE_EINVAL);
        assert_int_equal(ev, YC_CASE_EV_CLOSE);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_states_events_roles),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_clock_effects_match_phases),
        cmocka_unit_test(test_final_and_undecided),
        cmocka_unit_test(test_reachability),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_events_from),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
