/*
 * test_queue.c - unit tests of src/domain/queue.c: the calling policy, ticket numbers, spans and
 * day statistics.
 *
 * Two kinds of test. Hand-made cases check each rule of queue.h on a few tickets. Simulated days
 * draw a deterministic day of arrivals (seeded LCG) for one zone with N windows, service times of
 * 3-15 minutes and 15-30% priority tickets, then run the day twice with the same arrivals and
 * service times: once calling with yc_queue_pick and once in pure issue order (FIFO, "without
 * priorities"), and compare every ticket's wait. Set YC_SIM_REPORT=1 to print one line per day
 * (the figures quoted in docs/queue-policy.md) and YC_SIM_SEEDS=n to run seeds 1..n (default 8).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/queue.h"

#include "base/banned.h"

#define T0   INT64_C(1740963600) /* 2025-03-03 09:00 (UTC+8), a Monday */
#define MIN  60
#define HOUR 3600

static struct yc_queue_policy pol;

static int
setup(void **state)
{
    (void)state;
    yc_queue_policy_default(&pol);
    return 0;
}

/* Rules 1 and 2 alone: a bound of a day keeps rule 3 out of the way. */
static int
setup_order(void **state)
{
    (void)state;
    yc_queue_policy_default(&pol);
    pol.max_extra_wait_s = YC_QUEUE_LIMIT_S;
    return 0;
}

static struct yc_queue_ticket
normal(int64_t id, int64_t issued)
{
    struct yc_queue_ticket t = {
        .id = id, .zone = 1, .cls = YC_QUEUE_CLASS_NORMAL, .issued_s = issued};

    return t;
}

static struct yc_queue_ticket
green(int64_t id, int64_t issued, const char *reason)
{
    struct yc_queue_ticket t = normal(id, issued);

    t.cls = YC_QUEUE_CLASS_GREEN;
    t.green_reason = reason;
    return t;
}

static struct yc_queue_ticket
appt(int64_t id, int64_t issued, int64_t start, int64_t end)
{
    struct yc_queue_ticket t = normal(id, issued);

    t.cls = YC_QUEUE_CLASS_APPOINTMENT;
    t.slot_start_s = start;
    t.slot_end_s = end;
    return t;
}

/* The id of the ticket yc_queue_pick chooses (no history, one window), or -1. */
static int64_t
pick_id(const struct yc_queue_ticket *w, size_t n, int64_t now, enum yc_queue_why *why)
{
    struct yc_queue_view v = {.now_s = now, .windows = 1, .waiting = w, .n_waiting = n};
    struct yc_queue_pick p;

    if (yc_queue_pick(&pol, &v, &p) != 0) {
        return -1;
    }
    if (why) {
        *why = p.why;
    }
    return w[p.index].id;
}

/* The ids in calling order when no one else arrives and calls take no time. */
static void
drain(struct yc_queue_ticket *w, size_t n, int64_t now, int64_t *ids)
{
    size_t k;

    for (k = 0; k < n; k++) {
        struct yc_queue_view v = {.now_s = now, .windows = 1, .waiting = w, .n_waiting = n - k};
        struct yc_queue_pick p;

        assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
        ids[k] = w[p.index].id;
        w[p.index] = w[n - k - 1];
    }
}

/* ---- hand-made cases ---------------------------------------------------------------------- */

static void
test_policy_defaults_and_check(void **state)
{
    struct yc_queue_policy p;
    const char *why = "x";
    const char *bad_code[] = {"elderly", "Elderly"};
    const char *dup[] = {"elderly", "elderly"};
    const char *long_code[] = {"abcdefghijklmnopqrstuvwxyz012345"}; /* 32 bytes */
    const char *empty[] = {""};
    const char *nul[] = {NULL};
    const char *ok31[] = {"abcdefghijklmnopqrstuvwxyz_0123"}; /* 31 bytes */

    (void)state;
    yc_queue_policy_default(&p);
    assert_int_equal(p.max_extra_wait_s, 600);
    assert_int_equal(p.green_bonus_s, 1800);
    assert_int_equal(p.appt_bonus_s, 1800);
    assert_int_equal(p.appt_late_grace_s, 300);
    assert_int_equal(p.est_service_s, 600);
    assert_int_equal(p.max_service_s, 900);
    assert_int_equal(p.n_green_reasons, 3);
    assert_int_equal(yc_queue_policy_check(&p, &why), 0);
    assert_null(why);
    assert_true(yc_queue_green_reason_ok(&p, "elderly"));
    assert_true(yc_queue_green_reason_ok(&p, "disabled"));
    assert_true(yc_queue_green_reason_ok(&p, "military"));
    assert_false(yc_queue_green_reason_ok(&p, "pregnant"));
    assert_false(yc_queue_green_reason_ok(&p, NULL));
    assert_string_equal(yc_queue_green_label("elderly"), "老年人");
    assert_string_equal(yc_queue_green_label("military"), "军人");
    assert_null(yc_queue_green_label("pregnant"));
    assert_null(yc_queue_green_label(NULL));

    p.max_extra_wait_s = -1;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "max_extra_wait_s"));
    p.max_extra_wait_s = YC_QUEUE_LIMIT_S + 1;
    assert_int_equal(yc_queue_policy_check(&p, NULL), YC_QUEUE_EINVAL);
    p.max_extra_wait_s = 0; /* allowed: priorities may then overtake no one */
    assert_int_equal(yc_queue_policy_check(&p, NULL), 0);
    p.est_service_s = 0;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "est_service_s"));
    yc_queue_policy_default(&p);
    p.max_service_s = 599; /* below est_service_s */
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "max_service_s"));
    p.max_service_s = 600;
    assert_int_equal(yc_queue_policy_check(&p, NULL), 0);
    yc_queue_policy_default(&p);
    p.appt_late_grace_s = -5;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "appt_late_grace_s"));
    yc_queue_policy_default(&p);
    p.green_bonus_s = YC_QUEUE_LIMIT_S + 1;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "green_bonus_s"));

    yc_queue_policy_default(&p);
    p.green_reasons = bad_code;
    p.n_green_reasons = 2;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    p.green_reasons = dup;
    assert_int_equal(yc_queue_policy_check(&p, &why), YC_QUEUE_EINVAL);
    assert_non_null(strstr(why, "重复"));
    p.n_green_reasons = 1;
    p.green_reasons = long_code;
    assert_int_equal(yc_queue_policy_check(&p, NULL), YC_QUEUE_EINVAL);
    p.green_reasons = empty;
    assert_int_equal(yc_queue_policy_check(&p, NULL), YC_QUEUE_EINVAL);
    p.green_reasons = nul;
    assert_int_equal(yc_queue_policy_check(&p, NULL), YC_QUEUE_EINVAL);
    p.green_reasons = ok31;
    assert_int_equal(yc_queue_policy_check(&p, NULL), 0);
    p.n_green_reasons = YC_QUEUE_REASONS_MAX + 1;
    assert_int_equal(yc_queue_policy_check(&p, NULL), YC_QUEUE_EINVAL);
    p.green_reasons = NULL;
    p.n_green_reasons = 0; /* green channel off */
    assert_int_equal(yc_queue_policy_check(&p, NULL), 0);
    assert_false(yc_queue_green_reason_ok(&p, "elderly"));
}

static void
test_empty_and_bad_arguments(void **state)
{
    struct yc_queue_ticket w[1] = {normal(1, T0)};
    struct yc_queue_view v = {.now_s = T0, .windows = 1};
    struct yc_queue_pick p = {.index = 77};
    struct yc_queue_policy bad = pol;

    (void)state;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), YC_QUEUE_EEMPTY);
    assert_int_equal(p.index, 77);
    v.waiting = w;
    v.n_waiting = 1;
    v.windows = 0;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), YC_QUEUE_EINVAL);
    v.windows = 1;
    bad.est_service_s = -1;
    assert_int_equal(yc_queue_pick(&bad, &v, &p), YC_QUEUE_EINVAL);
    assert_int_equal(p.index, 77);
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(p.index, 0);
    assert_int_equal(p.as_class, YC_QUEUE_CLASS_NORMAL);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    assert_int_equal(p.standing_s, T0);
    assert_int_equal(p.lag_s, 0);
}

static void
test_normal_only_is_fifo_with_ties_by_id(void **state)
{
    struct yc_queue_ticket w[6] = {normal(5, T0 + 30), normal(9, T0),      normal(2, T0 + 30),
                                   normal(4, T0 + 10), normal(1, T0 + 90), normal(3, T0)};
    int64_t ids[6];
    const int64_t want[6] = {3, 9, 4, 2, 5, 1};

    (void)state;
    drain(w, 6, T0 + HOUR, ids);
    assert_memory_equal(ids, want, sizeof(want));
}

static void
test_green_first_then_ageing(void **state)
{
    struct yc_queue_ticket w[3];
    enum yc_queue_why why;

    (void)state;
    /* A green ticket issued later goes before a normal one... */
    w[0] = normal(1, T0);
    w[1] = green(2, T0 + 10 * MIN, "elderly");
    assert_int_equal(pick_id(w, 2, T0 + 20 * MIN, &why), 2);
    assert_int_equal(why, YC_QUEUE_WHY_ORDER);
    /* ...unless the normal one has waited green_bonus_s (30 min) longer: it then stands first. */
    w[1] = green(2, T0 + 31 * MIN, "elderly");
    assert_int_equal(pick_id(w, 2, T0 + 40 * MIN, &why), 1);
    /* Exactly the bonus apart: equal standing, the earlier issue wins. */
    w[1] = green(2, T0 + 30 * MIN, "disabled");
    assert_int_equal(pick_id(w, 2, T0 + 40 * MIN, &why), 1);
    /* An unknown or missing reason is a normal ticket. */
    w[1] = green(2, T0 + 10 * MIN, "pregnant");
    assert_int_equal(pick_id(w, 2, T0 + 20 * MIN, &why), 1);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], T0), YC_QUEUE_CLASS_NORMAL);
    w[1] = green(2, T0 + 10 * MIN, NULL);
    assert_int_equal(pick_id(w, 2, T0 + 20 * MIN, &why), 1);
    /* Green tickets among themselves: by issue time. */
    w[0] = green(7, T0 + 5 * MIN, "military");
    w[1] = green(6, T0 + 4 * MIN, "elderly");
    w[2] = normal(1, T0);
    assert_int_equal(pick_id(w, 3, T0 + 20 * MIN, &why), 6);
    assert_int_equal(yc_queue_standing_s(&pol, &w[1], T0), T0 + 4 * MIN - 1800);
}

static void
test_appointment_slot_early_late(void **state)
{
    const int64_t start = T0 + HOUR, end = T0 + 2 * HOUR; /* slot 10:00-11:00 */
    struct yc_queue_ticket w[2];

    (void)state;
    w[0] = normal(1, T0 + 45 * MIN);
    /* Early: checked in at 09:50, before its slot. Until 10:00 it waits as a normal ticket. */
    w[1] = appt(2, T0 + 50 * MIN, start, end);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], start - 1), YC_QUEUE_CLASS_NORMAL);
    assert_int_equal(pick_id(w, 2, start - 1, NULL), 1);
    /* From 10:00 it is an appointment and stands as if it arrived at 10:00 minus the bonus. */
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], start), YC_QUEUE_CLASS_APPOINTMENT);
    assert_int_equal(yc_queue_standing_s(&pol, &w[1], start), start - 1800);
    assert_int_equal(pick_id(w, 2, start, NULL), 2);
    /* Very early (2 h before): standing never behind its own check-in time. */
    w[1] = appt(2, T0 - HOUR, start, end);
    assert_int_equal(yc_queue_standing_s(&pol, &w[1], start), T0 - HOUR);
    assert_int_equal(yc_queue_standing_s(&pol, &w[1], T0), T0 - HOUR);
    /* Inside the slot: ahead of a normal ticket that has not waited 30 min longer... */
    w[1] = appt(2, start + 40 * MIN, start, end);
    assert_int_equal(pick_id(w, 2, start + 41 * MIN, NULL), 1); /* 09:45 vs 10:40: 55 min */
    w[0] = normal(1, start + 15 * MIN);
    assert_int_equal(pick_id(w, 2, start + 41 * MIN, NULL), 2); /* 10:15 vs 10:40: 25 min */
    /* Late within the grace (5 min after the slot's end): still an appointment... */
    w[1] = appt(2, end + 300, start, end);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], end + 400), YC_QUEUE_CLASS_APPOINTMENT);
    /* ...one second later: normal for good, even while it keeps waiting. */
    w[1] = appt(2, end + 301, start, end);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], end + 400), YC_QUEUE_CLASS_NORMAL);
    assert_int_equal(pick_id(w, 2, end + 400, NULL), 1);
    /* On time but still waiting after the slot ends: keeps its priority. */
    w[1] = appt(2, start + 10 * MIN, start, end);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], end + 2 * HOUR),
                     YC_QUEUE_CLASS_APPOINTMENT);
    /* A slot whose end is before its start is read as the single instant start. */
    w[1] = appt(2, start + 300, start, start - 10);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], start + 400),
                     YC_QUEUE_CLASS_APPOINTMENT);
    w[1] = appt(2, start + 301, start, start - 10);
    assert_int_equal(yc_queue_effective_class(&pol, &w[1], start + 400), YC_QUEUE_CLASS_NORMAL);
    /* An appointment and a normal ticket issued in the same second inside the slot. */
    w[0] = normal(1, start + 5 * MIN);
    w[1] = appt(2, start + 5 * MIN, start, end);
    assert_int_equal(pick_id(w, 2, start + 5 * MIN, NULL), 2);
}

static void
test_all_priority(void **state)
{
    const int64_t start = T0, end = T0 + HOUR;
    struct yc_queue_ticket w[5] = {
        green(10, T0 + 20 * MIN, "elderly"), appt(11, T0 + 5 * MIN, start, end),
        green(12, T0 + 5 * MIN, "disabled"), appt(13, T0 - 10 * MIN, start, end),
        green(14, T0 + 1 * MIN, "military"),
    };
    /* standings: 13 -> T0-30min, 14 -> T0+1-30, 11 and 12 -> T0+5-30 (tie: id), 10 -> T0+20-30 */
    const int64_t want[5] = {13, 14, 11, 12, 10};
    int64_t ids[5];

    (void)state;
    drain(w, 5, T0 + 30 * MIN, ids);
    assert_memory_equal(ids, want, sizeof(want));
}

static void
test_transfer_keeps_place(void **state)
{
    struct yc_queue_ticket w[3];
    struct yc_queue_call calls[1];
    struct yc_queue_view v = {.windows = 1, .waiting = w, .n_waiting = 3, .calls = calls};
    struct yc_queue_pick p;

    (void)state;
    /* Ticket 1 was issued at 09:00 in another zone, served there, and transferred here at 10:30.
     * Here it keeps its 09:00 place, ahead of normal tickets issued at 10:00 and of a green
     * ticket issued at 10:50 (more than the 30 min bonus later). */
    w[0] = normal(2, T0 + HOUR);
    w[1] = normal(3, T0 + HOUR + 60);
    w[2] = normal(1, T0);
    w[2].transferred_s = T0 + 90 * MIN;
    v.now_s = T0 + 91 * MIN;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    assert_int_equal(yc_queue_ahead(&pol, &v, 0), 1);
    assert_int_equal(yc_queue_ahead(&pol, &v, 2), 0);
    w[0] = green(4, T0 + 110 * MIN, "elderly");
    v.now_s = T0 + 111 * MIN;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);

    /* Its turn without priorities is never before it joined this list: with a call here at 09:20
     * the replayed day would have called it at 09:20, but it only arrived at 10:30. */
    calls[0] = (struct yc_queue_call){
        .issued_s = T0 + 10 * MIN, .called_s = T0 + 20 * MIN, .finished_s = T0 + 30 * MIN};
    v.n_calls = 1;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.lag_s, 21 * MIN); /* called at 10:51, turn 10:30 */

    /* Transferred at 09:20; a green ticket issued at 09:25 stands at 08:55, before it. With idle
     * windows that overtake costs it nothing: the green ticket goes first. */
    w[2].transferred_s = T0 + 20 * MIN;
    w[0] = green(4, T0 + 25 * MIN, "elderly");
    w[1] = normal(3, T0 + 26 * MIN);
    v.now_s = T0 + 40 * MIN;
    v.n_calls = 0;
    v.windows = 3;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 4);
    /* With one window it would wait a whole service longer than without priorities: held. */
    v.windows = 1;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
}

static void
test_bound_one_window(void **state)
{
    struct yc_queue_ticket w[2] = {normal(1, T0), green(2, T0 + 60, "elderly")};
    struct yc_queue_view v = {.now_s = T0 + 120, .windows = 1, .waiting = w, .n_waiting = 2};
    struct yc_queue_pick p;

    (void)state;
    /* Replayed without priorities ticket 1 is called now; if the green ticket goes first, ticket 1
     * is projected 600 s later, and the call may last max_service_s (300 s more): 900 > 600. */
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
    assert_int_equal(p.as_class, YC_QUEUE_CLASS_NORMAL);
    assert_int_equal(p.standing_s, T0);
    assert_int_equal(p.lag_s, 0);
    /* A bound of 900 s leaves room for that one call. */
    pol.max_extra_wait_s = 900;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    assert_int_equal(p.as_class, YC_QUEUE_CLASS_GREEN);
    assert_int_equal(p.standing_s, T0 + 60 - 1800);
    assert_int_equal(p.lag_s, -600); /* its turn without priorities: after ticket 1 */
    /* So does a shorter max_service_s: 600 + 0 is not above 600. */
    pol.max_extra_wait_s = 600;
    pol.max_service_s = 600;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    /* Bound 0: nobody may be overtaken at all. */
    pol.max_extra_wait_s = 0;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
}

static void
test_bound_uses_the_calls_of_the_day(void **state)
{
    struct yc_queue_ticket w[3] = {normal(1, T0), green(2, T0 + 60, "elderly"), normal(3, T0 + 90)};
    struct yc_queue_call calls[2] = {
        /* issued 08:50, called at 09:00 on window A, still being served */
        {.issued_s = T0 - 10 * MIN, .called_s = T0, .finished_s = 0},
        /* issued 08:55, called at 08:58 on window B, done at 09:01:40 (220 s) */
        {.issued_s = T0 - 5 * MIN, .called_s = T0 - 2 * MIN, .finished_s = T0 + 100},
    };
    struct yc_queue_view v = {.now_s = T0 + 120,
                              .windows = 2,
                              .waiting = w,
                              .n_waiting = 3,
                              .calls = calls,
                              .n_calls = 1};
    struct yc_queue_pick p;

    (void)state;
    /*
     * 09:02, two windows: A serves the 08:50 ticket since 09:00, B is free. The day replayed
     * without priorities from its first call (09:00): the 08:50 ticket on A 09:00-09:10 (running
     * 2 min, counted as est_service_s), ticket 1 on B at 09:00: its turn was 09:00. If the green
     * ticket takes B now, ticket 1 is projected at 09:10 when A frees: 600 s after its turn, plus
     * the 300 s slack, is above 600: held.
     */
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
    assert_int_equal(p.lag_s, 120);
    /*
     * With the 08:58 call listed too, the replay opens at 08:58: the 08:50 ticket on one window
     * 08:58-09:08, the 08:55 ticket (220 s as it really took) on the other 08:58-09:01:40, then
     * ticket 1 at 09:01:40. Projected at 09:10 if overtaken: 500 + 300 > 600, held; lag 20 s.
     */
    v.n_calls = 2;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
    assert_int_equal(p.lag_s, 20);
    /* Ticket 3 (09:01:30) was issued after the green ticket (09:01): it never holds it back. */
    v.n_calls = 1;
    w[0] = w[2];
    v.n_waiting = 2;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    assert_int_equal(p.lag_s, 60); /* replayed: on the free window at its issue, 09:01 */
}

static void
test_bound_cheap_overtake(void **state)
{
    struct yc_queue_ticket w[2] = {normal(1, T0 + 60), green(2, T0 + 80, "elderly")};
    struct yc_queue_call calls[1] = {
        /* window A has served the 08:40 ticket for 590 s: it is expected to free at 09:01:40 */
        {.issued_s = T0 - 20 * MIN, .called_s = T0 - 500, .finished_s = 0},
    };
    struct yc_queue_view v = {
        .now_s = T0 + 90, .windows = 2, .waiting = w, .n_waiting = 2, .calls = calls, .n_calls = 1};
    struct yc_queue_pick p;

    (void)state;
    /* Ticket 1's turn: 09:01 on the idle window B. Overtaken now, it is projected at 09:01:40 when
     * A frees: 40 + 300 <= 600, so the green ticket goes first. */
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    assert_int_equal(p.lag_s, -10); /* its turn without priorities: 09:01:40 on window A */
    /* Had window A started at 08:54:40 (to free at 09:04:40): 220 + 300 <= 600, still allowed;
     * at 08:56:40 (to free at 09:06:40): 340 + 300 > 600, held. */
    calls[0].called_s = T0 - 320;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    calls[0].called_s = T0 - 200;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 1);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
}

static void
test_bound_keeps_priority_among_the_earlier(void **state)
{
    /* Appointments get a larger bonus here, so the 09:01 appointment stands before the 08:59 green
     * ticket. Two idle windows, no calls yet. */
    struct yc_queue_ticket w[3] = {green(5, T0 - 60, "disabled"), normal(1, T0),
                                   appt(2, T0 + 60, T0, T0 + HOUR)};
    struct yc_queue_view v = {.now_s = T0 + 120, .windows = 2, .waiting = w, .n_waiting = 3};
    struct yc_queue_pick p;

    (void)state;
    pol.appt_bonus_s = HOUR;
    /* Without priorities the green ticket and ticket 1 are both called now. If the appointment
     * goes first, ticket 1 is projected 600 s later (both windows busy): held. The window still
     * calls the first by standing among the tickets issued no later than ticket 1: the green one.
     */
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 5);
    assert_int_equal(p.why, YC_QUEUE_WHY_BOUND);
    assert_int_equal(p.as_class, YC_QUEUE_CLASS_GREEN);
    /* With the green ticket gone (its call took no time), the other window is idle: the
     * appointment overtakes ticket 1 at no cost. */
    w[0] = w[2];
    v.n_waiting = 2;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
    assert_int_equal(p.why, YC_QUEUE_WHY_ORDER);
    /* Rule 2 alone would have called the appointment first. */
    w[0] = green(5, T0 - 60, "disabled");
    v.n_waiting = 3;
    pol.max_extra_wait_s = YC_QUEUE_LIMIT_S;
    assert_int_equal(yc_queue_pick(&pol, &v, &p), 0);
    assert_int_equal(w[p.index].id, 2);
}

static void
test_order_does_not_depend_on_array_order(void **state)
{
    struct yc_queue_ticket a[4] = {normal(1, T0), green(2, T0 + 60, "elderly"),
                                   appt(3, T0 + 60, T0, T0 + HOUR), normal(4, T0 + 60)};
    struct yc_queue_ticket b[4] = {a[3], a[2], a[1], a[0]};
    int64_t ia[4], ib[4];

    (void)state;
    drain(a, 4, T0 + 120, ia);
    drain(b, 4, T0 + 120, ib);
    assert_memory_equal(ia, ib, sizeof(ia));
    assert_int_equal(ia[0], 2); /* green and appointment tie on standing and issue: id decides */
    assert_int_equal(ia[1], 3);
}

static void
test_ahead_and_estimate(void **state)
{
    struct yc_queue_ticket w[4] = {normal(1, T0), normal(2, T0 + 60), green(3, T0 + 120, "elderly"),
                                   normal(4, T0 + 180)};
    struct yc_queue_view v = {.now_s = T0 + 200, .windows = 2, .waiting = w, .n_waiting = 4};

    (void)state;
    assert_int_equal(yc_queue_ahead(&pol, &v, 2), 0);
    assert_int_equal(yc_queue_ahead(&pol, &v, 0), 1);
    assert_int_equal(yc_queue_ahead(&pol, &v, 1), 2);
    assert_int_equal(yc_queue_ahead(&pol, &v, 3), 3);
    assert_int_equal(yc_queue_estimate_wait_s(3, 2, 540), 810);
    assert_int_equal(yc_queue_estimate_wait_s(1, 3, 100), 34); /* rounded up */
    assert_int_equal(yc_queue_estimate_wait_s(0, 2, 540), 0);
    assert_int_equal(yc_queue_estimate_wait_s(3, 0, 540), 0);
    assert_int_equal(yc_queue_estimate_wait_s(3, 2, 0), 0);
    assert_int_equal(yc_queue_estimate_wait_s(SIZE_MAX, 1, 600), YC_QUEUE_LIMIT_S);
    assert_int_equal(yc_queue_estimate_wait_s(1000, 1, 600), YC_QUEUE_LIMIT_S);
}

static void
test_format_number(void **state)
{
    char out[YC_QUEUE_NUMBER_SIZE];
    char small[5] = "zzzz";

    (void)state;
    assert_int_equal(yc_queue_format_number("A", 1, out, sizeof(out)), 4);
    assert_string_equal(out, "A001");
    assert_int_equal(yc_queue_format_number("A", 12, out, sizeof(out)), 4);
    assert_string_equal(out, "A012");
    assert_int_equal(yc_queue_format_number("A", 999, out, sizeof(out)), 4);
    assert_string_equal(out, "A999");
    assert_int_equal(yc_queue_format_number("A", 1000, out, sizeof(out)), 5);
    assert_string_equal(out, "A1000");
    assert_int_equal(yc_queue_format_number("QZS", INT32_MAX, out, sizeof(out)), 13);
    assert_string_equal(out, "QZS2147483647");
    assert_int_equal(yc_queue_format_number("B", 7, small, sizeof(small)), 4);
    assert_string_equal(small, "B007");
    assert_int_equal(yc_queue_format_number("B", 1000, small, sizeof(small)), YC_QUEUE_EINVAL);
    assert_string_equal(small, "B007"); /* untouched */
    assert_int_equal(yc_queue_format_number("A", 0, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("A", -3, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("", 1, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("a", 1, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("ABCD", 1, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("A1", 1, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number(NULL, 1, out, sizeof(out)), YC_QUEUE_EINVAL);
    assert_int_equal(yc_queue_format_number("A", 1, out, 0), YC_QUEUE_EINVAL);
}

static void
test_spans(void **state)
{
    (void)state;
    assert_int_equal(yc_queue_span_s(T0, T0 + 754), 754);
    assert_int_equal(yc_queue_span_s(T0, T0), 0);
    assert_int_equal(yc_queue_span_s(T0, T0 - 1), -1);
    assert_int_equal(yc_queue_span_s(0, T0), -1);
    assert_int_equal(yc_queue_span_s(T0, 0), -1);
}

static void
test_stats_nearest_rank(void **state)
{
    int64_t ten[10] = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
    int64_t twenty[20];
    int64_t mixed[7] = {30, -1, 10, -1, 20, 40, 0};
    int64_t one[1] = {42};
    int64_t big[3] = {INT64_MAX, INT64_MAX, INT64_MAX - 2};
    struct yc_queue_stats s;
    int i;

    (void)state;
    yc_queue_stats_compute(ten, 10, &s);
    assert_int_equal(s.n, 10);
    assert_int_equal(s.median_s, 5); /* rank ceil(5) = 5 */
    assert_int_equal(s.p90_s, 9);    /* rank ceil(9) = 9 */
    assert_int_equal(s.min_s, 1);
    assert_int_equal(s.max_s, 10);
    assert_int_equal(s.mean_s, 5); /* 5.5 rounded down */
    assert_int_equal(ten[0], 1);
    assert_int_equal(ten[9], 10);
    for (i = 0; i < 20; i++) {
        twenty[i] = 100 - i;
    }
    yc_queue_stats_compute(twenty, 20, &s);
    assert_int_equal(s.median_s, 90); /* rank 10 of 81..100 */
    assert_int_equal(s.p90_s, 98);    /* rank 18 */
    assert_int_equal(yc_queue_percentile(twenty, 20, 0), 81);
    assert_int_equal(yc_queue_percentile(twenty, 20, 100), 100);
    assert_int_equal(yc_queue_percentile(twenty, 20, 91), 99); /* ceil(18.2) = 19 */
    assert_int_equal(yc_queue_percentile(twenty, 20, 150), 100);
    assert_int_equal(yc_queue_percentile(twenty, 0, 50), 0);
    yc_queue_stats_compute(mixed, 7, &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.skipped, 2);
    assert_int_equal(s.min_s, 0);
    assert_int_equal(s.median_s, 20); /* 0 10 20 30 40: rank 3 */
    assert_int_equal(s.p90_s, 40);    /* rank ceil(4.5) = 5 */
    assert_int_equal(s.mean_s, 20);
    assert_int_equal(mixed[5], -1);
    assert_int_equal(mixed[6], -1);
    yc_queue_stats_compute(one, 1, &s);
    assert_int_equal(s.median_s, 42);
    assert_int_equal(s.p90_s, 42);
    assert_int_equal(s.mean_s, 42);
    yc_queue_stats_compute(NULL, 0, &s);
    assert_int_equal(s.n, 0);
    assert_int_equal(s.median_s, 0);
    assert_int_equal(s.p90_s, 0);
    yc_queue_stats_compute(big, 3, &s); /* no overflow in the mean */
    assert_true(s.mean_s == INT64_MAX - 1);
}

static void
test_codes(void **state)
{
    (void)state;
    assert_string_equal(yc_queue_class_code(YC_QUEUE_CLASS_NORMAL), "normal");
    assert_string_equal(yc_queue_class_code(YC_QUEUE_CLASS_APPOINTMENT), "appointment");
    assert_string_equal(yc_queue_class_code(YC_QUEUE_CLASS_GREEN), "green");
    assert_string_equal(yc_queue_class_code(YC_QUEUE_CLASS__MAX), "unknown");
    assert_string_equal(yc_queue_why_code(YC_QUEUE_WHY_ORDER), "order");
    assert_string_equal(yc_queue_why_code(YC_QUEUE_WHY_BOUND), "bound");
    assert_string_equal(yc_queue_why_code(YC_QUEUE_WHY__MAX), "unknown");
}

/* ---- simulated days ----------------------------------------------------------------------- */

#define SIM_MAX         1200
#define SIM_WINDOWS_MAX 8
#define SIM_CLOSE       (T0 + 8 * HOUR - 30 * MIN) /* last ticket 16:30 */

struct sim_ticket {
    struct yc_queue_ticket t;
    int64_t service_s;
    int pair; /* 1: an in-slot appointment issued in the same second as the normal ticket after it
               */
};

struct sim_day {
    struct sim_ticket v[SIM_MAX];
    size_t n;
    int windows;
    int prio_pct;
};

struct sim_result {
    int64_t wait[SIM_MAX];
    size_t seq[SIM_MAX];
    enum yc_queue_class as[SIM_MAX];
    size_t bound_picks;
};

static uint64_t lcg;

static uint32_t
rnd(void)
{
    lcg = lcg * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return (uint32_t)(lcg >> 33);
}

static int64_t
rnd_between(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rnd() % (uint32_t)(hi - lo + 1));
}

/* Offered load (arrivals x mean service / capacity) in per mille by time of day: a morning rush
 * above capacity, a lunch lull, a busy afternoon. */
static int
load_permille(int64_t t)
{
    int64_t h = (t - T0) / HOUR; /* 0 = 09:00 */

    return h < 2 ? 1150 : h < 3 ? 950 : h < 5 ? 600 : h < 7 ? 1000 : 800;
}

static void
sim_add(struct sim_day *d, struct yc_queue_ticket t)
{
    struct sim_ticket *s = &d->v[d->n];

    assert_true(d->n < SIM_MAX);
    memset(s, 0, sizeof(*s));
    s->t = t;
    s->t.id = (int64_t)d->n + 1;
    s->service_s = rnd_between(3 * MIN, 15 * MIN);
    d->n++;
}

static const char *const sim_reasons[] = {"elderly", "disabled", "military", "elderly"};

static struct yc_queue_ticket
sim_priority(int64_t at)
{
    int64_t hour = T0 + (at - T0) / HOUR * HOUR;
    uint32_t r;

    if (rnd() % 2) {
        return green(0, at, sim_reasons[rnd() % 4]);
    }
    r = rnd() % 10;
    if (r < 7) {
        return appt(0, at, hour, hour + HOUR); /* inside its slot */
    }
    if (r < 9) {
        return appt(0, at, hour + HOUR, hour + 2 * HOUR); /* early for the next hour */
    }
    return appt(0, at, hour - HOUR, hour); /* late: within the grace only in the first 5 min */
}

/* Arrivals in 10-second ticks, a Bernoulli draw per tick at the rate the load asks for. */
static void
sim_generate(struct sim_day *d, uint64_t seed, int windows, int only_normal)
{
    int64_t at;
    uint64_t p;

    memset(d, 0, sizeof(*d));
    lcg = seed;
    d->windows = windows;
    d->prio_pct = only_normal ? 0 : (int)rnd_between(15, 30);
    for (at = T0 - 15 * MIN; at < SIM_CLOSE; at += 10) {
        /* per-million chance of an arrival in this tick: load * windows * 10 s / 540 s */
        p = (uint64_t)load_permille(at < T0 ? T0 : at) * (uint64_t)windows * 10000 / 540;
        if (rnd() % 1000000 >= p) {
            continue;
        }
        if (!only_normal && rnd() % 100 < 2 && at >= T0) {
            /* the same-second pair: an in-slot appointment and a normal ticket */
            int64_t hour = T0 + (at - T0) / HOUR * HOUR;

            sim_add(d, appt(0, at, hour, hour + HOUR));
            d->v[d->n - 1].pair = 1;
            sim_add(d, normal(0, at));
            continue;
        }
        if (!only_normal && (int)(rnd() % 100) < d->prio_pct) {
            sim_add(d, sim_priority(at));
        } else {
            sim_add(d, normal(0, at));
        }
    }
}

static size_t
sim_priority_count(const struct sim_day *d)
{
    size_t i, n = 0;

    for (i = 0; i < d->n; i++) {
        n += d->v[i].t.cls != YC_QUEUE_CLASS_NORMAL;
    }
    return n;
}

static int64_t
fifo_pick(const struct yc_queue_ticket *w, size_t n)
{
    size_t i, best = 0;

    for (i = 1; i < n; i++) {
        if (w[i].issued_s < w[best].issued_s ||
            (w[i].issued_s == w[best].issued_s && w[i].id < w[best].id)) {
            best = i;
        }
    }
    return (int64_t)best;
}

/*
 * Run the day: the window that frees first calls next (lowest window number on a tie); a window
 * with nothing to call waits for the next arrival. use_policy 0 calls in issue order (FIFO).
 */
static void
sim_run(const struct sim_day *d, const struct yc_queue_policy *p, int use_policy,
        struct sim_result *r)
{
    static struct yc_queue_ticket waiting[SIM_MAX];
    static struct yc_queue_call calls[SIM_MAX], view_calls[SIM_MAX];
    int64_t free_at[SIM_WINDOWS_MAX], now, clock = T0, finish[SIM_MAX];
    size_t n_wait = 0, n_calls = 0, next = 0, served = 0, i;
    int w, k;

    memset(r, 0, sizeof(*r));
    for (k = 0; k < d->windows; k++) {
        free_at[k] = T0;
    }
    while (served < d->n) {
        struct yc_queue_pick pk;
        int64_t idx;
        size_t id;

        for (w = 0, k = 1; k < d->windows; k++) {
            if (free_at[k] < free_at[w]) {
                w = k;
            }
        }
        now = free_at[w] > clock ? free_at[w] : clock; /* an idle window calls from now on */
        if (n_wait == 0 && d->v[next].t.issued_s > now) {
            now = d->v[next].t.issued_s;
        }
        while (next < d->n && d->v[next].t.issued_s <= now) {
            waiting[n_wait++] = d->v[next++].t;
        }
        if (use_policy) {
            struct yc_queue_view v = {.now_s = now,
                                      .windows = d->windows,
                                      .waiting = waiting,
                                      .n_waiting = n_wait,
                                      .calls = view_calls,
                                      .n_calls = n_calls};

            for (i = 0; i < n_calls; i++) {
                view_calls[i] = calls[i];
                if (finish[i] > now) {
                    view_calls[i].finished_s = 0; /* still being served */
                }
            }
            assert_int_equal(yc_queue_pick(p, &v, &pk), 0);
            idx = (int64_t)pk.index;
            r->bound_picks += pk.why == YC_QUEUE_WHY_BOUND;
        } else {
            idx = fifo_pick(waiting, n_wait);
            pk.as_class = YC_QUEUE_CLASS_NORMAL;
        }
        id = (size_t)waiting[idx].id - 1;
        r->wait[id] = now - waiting[idx].issued_s;
        r->seq[id] = served;
        r->as[id] = pk.as_class;
        calls[n_calls] = (struct yc_queue_call){.issued_s = waiting[idx].issued_s,
                                                .called_s = now,
                                                .finished_s = now + d->v[id].service_s};
        finish[n_calls++] = now + d->v[id].service_s;
        free_at[w] = now + d->v[id].service_s;
        waiting[idx] = waiting[--n_wait];
        served++;
        clock = now;
    }
}

struct sim_figures {
    size_t n, n_prio, bound_picks;
    int64_t max_extra_normal; /* over tickets issued as normal */
    int64_t max_extra_any;    /* over every ticket */
    int64_t avg_wait_normal, avg_wait_prio, avg_wait_fifo, max_wait_fifo, max_wait;
    int64_t p90_normal, p90_fifo;
};

static void
sim_assert_permutation(const size_t *seq, size_t n)
{
    static unsigned char seen[SIM_MAX];
    size_t i;

    memset(seen, 0, sizeof(seen));
    for (i = 0; i < n; i++) {
        assert_true(seq[i] < n && !seen[seq[i]]);
        seen[seq[i]] = 1;
    }
}

static void
sim_compare(const struct sim_day *d, const struct yc_queue_policy *p, struct sim_figures *f)
{
    static struct sim_result rp, rf;
    static int64_t v[SIM_MAX], vf[SIM_MAX];
    struct yc_queue_stats st;
    int64_t sum_n = 0, sum_p = 0, sum_f = 0, extra;
    size_t i, nn = 0, np = 0;

    sim_run(d, p, 1, &rp);
    sim_run(d, p, 0, &rf);
    memset(f, 0, sizeof(*f));
    f->n = d->n;
    f->bound_picks = rp.bound_picks;
    f->max_extra_normal = INT64_MIN;
    f->max_extra_any = INT64_MIN;
    for (i = 0; i < d->n; i++) {
        /* every ticket is served exactly once, after it was issued */
        assert_true(rp.wait[i] >= 0 && rf.wait[i] >= 0);
        extra = rp.wait[i] - rf.wait[i];
        if (extra > f->max_extra_any) {
            f->max_extra_any = extra;
        }
        sum_f += rf.wait[i];
        f->max_wait_fifo = rf.wait[i] > f->max_wait_fifo ? rf.wait[i] : f->max_wait_fifo;
        f->max_wait = rp.wait[i] > f->max_wait ? rp.wait[i] : f->max_wait;
        if (d->v[i].t.cls == YC_QUEUE_CLASS_NORMAL && extra > f->max_extra_normal) {
            f->max_extra_normal = extra;
        }
        if (rp.as[i] == YC_QUEUE_CLASS_NORMAL) {
            sum_n += rp.wait[i];
            v[nn++] = rp.wait[i];
            vf[nn - 1] = rf.wait[i];
        } else {
            sum_p += rp.wait[i];
            np++;
        }
        if (d->v[i].pair) {
            /* the in-slot appointment is called before the normal ticket of the same second */
            assert_int_equal(rp.as[i], YC_QUEUE_CLASS_APPOINTMENT);
            assert_true(rp.seq[i] < rp.seq[i + 1]);
        }
    }
    /* both call orders are permutations of 0..n-1: nobody served twice, nobody left */
    sim_assert_permutation(rp.seq, d->n);
    sim_assert_permutation(rf.seq, d->n);
    f->n_prio = np;
    f->avg_wait_normal = nn ? sum_n / (int64_t)nn : 0;
    f->avg_wait_prio = np ? sum_p / (int64_t)np : 0;
    f->avg_wait_fifo = d->n ? sum_f / (int64_t)d->n : 0;
    yc_queue_stats_compute(v, nn, &st);
    f->p90_normal = st.p90_s;
    yc_queue_stats_compute(vf, nn, &st);
    f->p90_fifo = st.p90_s;
}

static void
sim_report(uint64_t seed, const struct sim_day *d, const struct yc_queue_policy *p,
           const struct sim_figures *f)
{
    if (!getenv("YC_SIM_REPORT")) {
        return;
    }
    printf("seed %2" PRIu64 " windows %d bound %4" PRId64 " tickets %3zu prio %2d%% (%3zu called as"
           " prio) bound-picks %3zu | max extra normal %4" PRId64 " any %4" PRId64
           " | avg wait normal %4" PRId64 " prio %4" PRId64 " fifo %4" PRId64
           " | p90 normal %4" PRId64 " fifo %4" PRId64 " | max wait %4" PRId64 " fifo %4" PRId64
           "\n",
           seed, d->windows, p->max_extra_wait_s, f->n, d->prio_pct, f->n_prio, f->bound_picks,
           f->max_extra_normal, f->max_extra_any, f->avg_wait_normal, f->avg_wait_prio,
           f->avg_wait_fifo, f->p90_normal, f->p90_fifo, f->max_wait, f->max_wait_fifo);
}

/*
 * The day's figures must respect the bound for every ticket, whatever its class. Where the bound
 * leaves room for overtaking (a bound of at least max_service_s), priority tickets must also wait
 * less on average than normal ones. YC_SIM_SEEDS=n runs seeds 1..n instead of 1..8.
 */
static void
test_sim_days_respect_the_bound(void **state)
{
    static struct sim_day d;
    static const int windows[] = {1, 2, 3, 4, 6};
    static const int64_t bounds[] = {300, 600, 900, 1200};
    struct yc_queue_policy p;
    struct sim_figures f;
    uint64_t seed, seeds = 8;
    size_t wi, bi;

    (void)state;
    if (getenv("YC_SIM_SEEDS")) {
        seeds = strtoull(getenv("YC_SIM_SEEDS"), NULL, 10);
    }
    for (seed = 1; seed <= seeds; seed++) {
        for (wi = 0; wi < sizeof(windows) / sizeof(windows[0]); wi++) {
            sim_generate(&d, seed, windows[wi], 0);
            assert_true(d.prio_pct >= 15 && d.prio_pct <= 30);
            assert_true(sim_priority_count(&d) > 0);
            for (bi = 0; bi < sizeof(bounds) / sizeof(bounds[0]); bi++) {
                yc_queue_policy_default(&p);
                p.max_extra_wait_s = bounds[bi];
                sim_compare(&d, &p, &f);
                sim_report(seed, &d, &p, &f);
                assert_true(f.max_extra_normal <= p.max_extra_wait_s);
                assert_true(f.max_extra_any <= p.max_extra_wait_s);
                if (p.max_extra_wait_s >= p.max_service_s) {
                    assert_true(f.avg_wait_prio < f.avg_wait_normal);
                }
            }
        }
    }
}

static void
test_sim_normal_only_day_is_fifo(void **state)
{
    static struct sim_day d;
    static struct sim_result rp, rf;
    uint64_t seed;
    size_t i;

    (void)state;
    for (seed = 1; seed <= 4; seed++) {
        sim_generate(&d, seed, 3, 1);
        sim_run(&d, &pol, 1, &rp);
        sim_run(&d, &pol, 0, &rf);
        assert_true(d.n > 100);
        for (i = 0; i < d.n; i++) {
            assert_int_equal(rp.seq[i], rf.seq[i]);
            assert_int_equal(rp.wait[i], rf.wait[i]);
        }
        assert_int_equal(rp.bound_picks, 0);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_policy_defaults_and_check, setup),
        cmocka_unit_test_setup(test_empty_and_bad_arguments, setup),
        cmocka_unit_test_setup(test_normal_only_is_fifo_with_ties_by_id, setup_order),
        cmocka_unit_test_setup(test_green_first_then_ageing, setup_order),
        cmocka_unit_test_setup(test_appointment_slot_early_late, setup_order),
        cmocka_unit_test_setup(test_all_priority, setup_order),
        cmocka_unit_test_setup(test_transfer_keeps_place, setup),
        cmocka_unit_test_setup(test_bound_one_window, setup),
        cmocka_unit_test_setup(test_bound_uses_the_calls_of_the_day, setup),
        cmocka_unit_test_setup(test_bound_cheap_overtake, setup),
        cmocka_unit_test_setup(test_bound_keeps_priority_among_the_earlier, setup),
        cmocka_unit_test_setup(test_order_does_not_depend_on_array_order, setup_order),
        cmocka_unit_test_setup(test_ahead_and_estimate, setup_order),
        cmocka_unit_test_setup(test_format_number, setup),
        cmocka_unit_test_setup(test_spans, setup),
        cmocka_unit_test_setup(test_stats_nearest_rank, setup),
        cmocka_unit_test_setup(test_codes, setup),
        cmocka_unit_test_setup(test_sim_days_respect_the_bound, setup),
        cmocka_unit_test_setup(test_sim_normal_only_day_is_fifo, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
