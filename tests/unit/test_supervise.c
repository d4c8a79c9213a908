/*
 * test_supervise.c - unit tests of src/domain/supervise.c: the rating levels and their labels,
 * which stages a case can be rated at, the names of actions and states, and the board's
 * materialised warning levels, checked against yc_clock_status on every later day for thousands
 * of clocks (running, extended, with past stops, stopped, overdue) over the project's calendar.
 *
 * Run from the repository root: the group setup reads data/cn-holidays.csv. Calendar facts used
 * (from that file): 2025 National Day Sep 28 (Sun) work, Oct 1-8 off, Oct 11 (Sat) work; 2027 has
 * no data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/calendar.h"
#include "domain/case_clock.h"
#include "domain/supervise.h"

#include "base/banned.h"

#define HOLIDAYS_CSV "data/cn-holidays.csv"

static struct yc_calendar *cal;
static struct yc_clock_policy policy;

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;

    if (!f) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

static int
group_setup(void **state)
{
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;
    size_t len = 0;
    char *buf = read_file(HOLIDAYS_CSV, &len);

    (void)state;
    if (!buf) {
        fprintf(stderr, "cannot read %s (run from the repository root)\n", HOLIDAYS_CSV);
        return -1;
    }
    cal = yc_cal_new();
    if (yc_cal_parse_csv(buf, len, &entries, &err) != 0 || yc_cal_apply(cal, &entries) != 0) {
        free(buf);
        yc_cal_entries_release(&entries);
        return -1;
    }
    free(buf);
    yc_cal_entries_release(&entries);
    yc_clock_policy_default(&policy);
    return 0;
}

static int
group_teardown(void **state)
{
    (void)state;
    yc_cal_free(cal);
    return 0;
}

static int32_t
day_of(const char *s)
{
    int32_t day = 0;

    assert_int_equal(yc_date_parse(s, strlen(s), &day), 0);
    return day;
}

static void
expect_day(int32_t day, const char *expect)
{
    char out[11] = "NO_DAY";

    if (day != YC_CLOCK_NO_DAY) {
        yc_date_format(day, out);
    }
    assert_string_equal(out, expect);
}

static struct yc_clock
clock_of(int32_t start, int statutory)
{
    struct yc_clock c;

    memset(&c, 0, sizeof(c));
    c.start_day = start;
    c.statutory_days = statutory;
    c.promised_days = statutory / 2;
    c.extended_day = YC_CLOCK_NO_DAY;
    return c;
}

/* ---- ratings ---- */

static void
test_rating_levels(void **state)
{
    static const char *const labels[] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};

    (void)state;
    for (int l = 1; l <= 5; l++) {
        assert_string_equal(yc_rating_label(l), labels[l - 1]);
        assert_int_equal(yc_rating_is_bad(l), l >= 4);
    }
    assert_string_equal(yc_rating_label(0), "未知");
    assert_string_equal(yc_rating_label(6), "未知");
    assert_int_equal(yc_rating_is_bad(0), 0);
    assert_int_equal(yc_rating_is_bad(6), 0);
    assert_int_equal(yc_rating_is_bad(-4), 0);
}

static void
test_stage_open(void **state)
{
    (void)state;
    /* accept: from acceptance on (any later state), and a refusal at the window */
    assert_false(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_RECEIVED, 0));
    assert_false(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_AWAITING_MATERIALS, 0));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_REFUSED, 0));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_ACCEPTED, 1));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_CONDITIONALLY_ACCEPTED, 1));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_DEEMED_ACCEPTED, 1));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_IN_REVIEW, 1));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_CLOSED, 1));
    assert_true(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_WITHDRAWN, 1));
    /* withdrawn before acceptance: never served beyond the receipt */
    assert_false(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_WITHDRAWN, 0));
    /* result: once issued */
    for (int s = 0; s < YC_CASE_STATE__MAX; s++) {
        int want = s == YC_CASE_RESULT_ISSUED || s == YC_CASE_CLOSED;
        assert_int_equal(yc_rating_stage_open(YC_STAGE_RESULT, (enum yc_case_state)s, 1), want);
        assert_false(yc_rating_stage_open(YC_STAGE_RECTIFICATION, (enum yc_case_state)s, 1));
    }
    assert_false(yc_rating_stage_open(YC_STAGE_ACCEPT, YC_CASE_STATE__MAX, 1));
}

static void
test_names(void **state)
{
    enum yc_rating_stage st;
    enum yc_rating_channel ch;
    enum yc_rect_action ac;
    enum yc_rect_state rs;
    enum yc_order_state os;
    enum yc_appeal_decision ad;

    (void)state;
    for (int i = 0; i < YC_STAGE__MAX; i++) {
        const char *n = yc_rating_stage_name((enum yc_rating_stage)i);
        assert_int_equal(yc_rating_stage_parse(n, strlen(n), &st), 0);
        assert_int_equal(st, i);
    }
    for (int i = 0; i < YC_CHANNEL__MAX; i++) {
        const char *n = yc_rating_channel_name((enum yc_rating_channel)i);
        assert_int_equal(yc_rating_channel_parse(n, strlen(n), &ch), 0);
        assert_int_equal(ch, i);
    }
    for (int i = 0; i < YC_ACTION__MAX; i++) {
        const char *n = yc_rect_action_name((enum yc_rect_action)i);
        assert_int_equal(yc_rect_action_parse(n, strlen(n), &ac), 0);
        assert_int_equal(ac, i);
    }
    for (int i = 0; i < YC_RECT__MAX; i++) {
        const char *n = yc_rect_state_name((enum yc_rect_state)i);
        assert_int_equal(yc_rect_state_parse(n, strlen(n), &rs), 0);
        assert_int_equal(rs, i);
    }
    for (int i = 0; i < YC_ORDER__MAX; i++) {
        const char *n = yc_order_state_name((enum yc_order_state)i);
        assert_int_equal(yc_order_state_parse(n, strlen(n), &os), 0);
        assert_int_equal(os, i);
    }
    for (int i = 0; i < YC_APPEAL__MAX; i++) {
        const char *n = yc_appeal_decision_name((enum yc_appeal_decision)i);
        assert_int_equal(yc_appeal_decision_parse(n, strlen(n), &ad), 0);
        assert_int_equal(ad, i);
    }
    assert_string_equal(yc_rating_stage_label(YC_STAGE_ACCEPT), "受理服务");
    assert_string_equal(yc_rating_stage_label(YC_STAGE_RESULT), "办理结果");
    assert_string_equal(yc_rating_channel_label(YC_CHANNEL_QR), "扫码评价");
    assert_string_equal(yc_rect_action_label(YC_ACTION_IMMEDIATE), "立行立改");
    assert_string_equal(yc_rect_action_label(YC_ACTION_DEADLINE), "限期整改");
    assert_string_equal(yc_rect_action_label(YC_ACTION_EXPLAIN), "解释说明");
    assert_string_equal(yc_rect_state_label(YC_RECT_VOID), "申诉成立");
    assert_string_equal(yc_order_state_label(YC_ORDER_CLOSED), "已办结");
    assert_string_equal(yc_appeal_decision_label(YC_APPEAL_REJECTED), "申诉驳回");
    /* exact names only */
    assert_int_equal(yc_rating_stage_parse("accep", 5, &st), -1);
    assert_int_equal(yc_rating_stage_parse("acceptx", 7, &st), -1);
    assert_int_equal(yc_rect_action_parse("立行立改", strlen("立行立改"), &ac), -1);
    assert_int_equal(yc_rating_channel_parse(NULL, 0, &ch), -1);
    assert_string_equal(yc_rating_stage_name(YC_STAGE__MAX), "unknown");
    assert_string_equal(yc_order_state_label(YC_ORDER__MAX), "未知");
}

/* ---- the board's materialised levels ---- */

static struct yc_watch
watch_on(const struct yc_clock *c, int32_t today)
{
    struct yc_watch w;
    struct yc_clock_fault fault;
    int rc = yc_watch_compute(cal, c, &policy, today, &w, &fault);

    if (rc != 0) {
        fail_msg("watch: %d %s", rc, fault.message);
    }
    return w;
}

/* The worked example of docs/case-flow.md: 2025-10-09 + 10 ends 10-22; 10-17 none (3 left),
 * 10-20 预警 (2), 10-23 黄牌, 10-27 黄牌 (3 past), 10-28 红牌 (4 > 3). */
static void
test_watch_example(void **state)
{
    struct yc_clock c = clock_of(day_of("2025-10-09"), 10);
    struct yc_watch w = watch_on(&c, day_of("2025-10-17"));

    (void)state;
    assert_int_equal(w.level, YC_CLOCK_LEVEL_NONE);
    assert_false(w.stopped);
    assert_false(w.incomplete);
    expect_day(w.statutory_end, "2025-10-22");
    expect_day(w.warn_day, "2025-10-20");
    expect_day(w.yellow_day, "2025-10-23");
    expect_day(w.red_day, "2025-10-28");
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-19")), YC_CLOCK_LEVEL_NONE);
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-20")), YC_CLOCK_LEVEL_WARN);
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-22")), YC_CLOCK_LEVEL_WARN);
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-27")), YC_CLOCK_LEVEL_YELLOW);
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-28")), YC_CLOCK_LEVEL_RED);
    /* computed later, a reached level's day is the day computed */
    w = watch_on(&c, day_of("2025-10-24"));
    assert_int_equal(w.level, YC_CLOCK_LEVEL_YELLOW);
    expect_day(w.warn_day, "2025-10-24");
    expect_day(w.yellow_day, "2025-10-24");
    expect_day(w.red_day, "2025-10-28");
    assert_int_equal(yc_watch_level_day(&w, YC_CLOCK_LEVEL_RED), w.red_day);
    assert_int_equal(yc_watch_level_day(&w, YC_CLOCK_LEVEL_NONE), YC_CLOCK_NO_DAY);
}

/* Over National Day 2025: accepted 09-26 with 5 days ends 10-10 (Sep 28 (Sun, work), 29, 30,
 * Oct 9, 10). 2 days are left after Sep 30 (3 used): 预警 from Sep 30, through the holiday; 黄牌
 * from Oct 11; 红牌 on the 4th working day after the end: Oct 11 (Sat, work), 13, 14, 15. */
static void
test_watch_holiday(void **state)
{
    struct yc_clock c = clock_of(day_of("2025-09-26"), 5);
    struct yc_watch w = watch_on(&c, day_of("2025-09-26"));

    (void)state;
    expect_day(w.statutory_end, "2025-10-10");
    expect_day(w.warn_day, "2025-09-30");
    expect_day(w.yellow_day, "2025-10-11");
    expect_day(w.red_day, "2025-10-15");
    /* Oct 1-8 are off: still a warning, not overdue */
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-10-05")), YC_CLOCK_LEVEL_WARN);
}

static void
test_watch_stopped(void **state)
{
    struct yc_clock_stop stop = {0, YC_CLOCK_NO_DAY, YC_CLOCK_STOP_TESTING};
    struct yc_clock c = clock_of(day_of("2025-10-09"), 10);
    struct yc_watch w;

    (void)state;
    /* stopped before the end: no level, none can come while the stop is open */
    stop.stop_day = day_of("2025-10-20");
    c.stops = &stop;
    c.n_stops = 1;
    w = watch_on(&c, day_of("2025-10-27"));
    assert_true(w.stopped);
    assert_int_equal(w.level, YC_CLOCK_LEVEL_NONE);
    assert_int_equal(w.warn_day, YC_CLOCK_NO_DAY);
    assert_int_equal(w.yellow_day, YC_CLOCK_NO_DAY);
    assert_int_equal(w.red_day, YC_CLOCK_NO_DAY);
    /* stopped after the end: the card stays as it was */
    stop.stop_day = day_of("2025-10-24");
    w = watch_on(&c, day_of("2025-11-10"));
    assert_int_equal(w.level, YC_CLOCK_LEVEL_YELLOW);
    expect_day(w.yellow_day, "2025-11-10");
    assert_int_equal(w.red_day, YC_CLOCK_NO_DAY);
    assert_int_equal(yc_watch_level_at(&w, day_of("2025-12-31")), YC_CLOCK_LEVEL_YELLOW);
}

static void
test_watch_incomplete(void **state)
{
    /* 2026-12-01 + 20 ends 2026-12-29; red would be 4 working days later, in 2027 (no data) */
    struct yc_clock c = clock_of(day_of("2026-12-01"), 20);
    struct yc_watch w = watch_on(&c, day_of("2026-12-01"));
    struct yc_clock_fault fault;

    (void)state;
    expect_day(w.statutory_end, "2026-12-29");
    expect_day(w.yellow_day, "2026-12-30");
    assert_int_equal(w.red_day, YC_CLOCK_NO_DAY);
    assert_true(w.incomplete);
    /* an end in 2027 is the clock's own error, naming the year */
    c = clock_of(day_of("2026-12-20"), 20);
    assert_int_equal(yc_watch_compute(cal, &c, &policy, day_of("2026-12-21"), &w, &fault),
                     YC_CLOCK_ENOYEAR);
    assert_int_equal(fault.missing_year, 2027);
}

/* Does the level from the thresholds computed on `today` equal yc_clock_status on every later
 * day the calendar covers? Returns the number of days compared. */
static int
compare_from(const struct yc_clock *c, int32_t today)
{
    struct yc_watch w;
    struct yc_clock_fault fault;
    int n = 0;

    if (yc_watch_compute(cal, c, &policy, today, &w, &fault) != 0) {
        return 0; /* the clock itself cannot be counted (2027) */
    }
    for (int32_t d = today; d <= today + 50; d++) {
        struct yc_clock_status st;
        if (yc_clock_status(cal, c, &policy, d, &st, &fault) != 0) {
            break;
        }
        if (yc_watch_level_at(&w, d) != st.statutory.level) {
            char a[11], b[11];
            yc_date_format(c->start_day, a);
            yc_date_format(d, b);
            fail_msg("start %s limit %d ext %d stops %zu: on %s watch %s, clock %s", a,
                     c->statutory_days, c->extension_days, c->n_stops, b,
                     yc_clock_level_name(yc_watch_level_at(&w, d)),
                     yc_clock_level_name(st.statutory.level));
        }
        n++;
    }
    return n;
}

/* Thousands of clocks: every 9th day of 2025-2026, limits 0-30, with and without an extension,
 * a closed stop, an open stop; computed 0-40 days after the start. */
static void
test_watch_matches_clock(void **state)
{
    static const int limits[] = {0, 1, 2, 3, 5, 10, 20, 30};
    static const int after[] = {0, 3, 9, 16, 24, 40};
    int32_t first = day_of("2025-01-02"), last = day_of("2026-10-31");
    long compared = 0;

    (void)state;
    for (int32_t start = first; start <= last; start += 9) {
        for (size_t li = 0; li < sizeof(limits) / sizeof(limits[0]); li++) {
            for (size_t ai = 0; ai < sizeof(after) / sizeof(after[0]); ai++) {
                int32_t today = start + after[ai];
                struct yc_clock_stop stops[2];
                struct yc_clock c = clock_of(start, limits[li]);
                for (int variant = 0; variant < 4; variant++) {
                    c.extension_days = 0;
                    c.extended_day = YC_CLOCK_NO_DAY;
                    c.stops = NULL;
                    c.n_stops = 0;
                    if (variant == 1 && limits[li] > 0 && after[ai] >= 1) {
                        c.extension_days = YC_CLOCK_EXTEND_DAYS;
                        c.extended_day = start + 1;
                    } else if (variant == 2 && after[ai] >= 8) {
                        stops[0] =
                            (struct yc_clock_stop){start + 2, start + 7, YC_CLOCK_STOP_SUPPLEMENT};
                        c.stops = stops;
                        c.n_stops = 1;
                    } else if (variant == 3 && after[ai] >= 2) {
                        stops[0] = (struct yc_clock_stop){today - 1, YC_CLOCK_NO_DAY,
                                                          YC_CLOCK_STOP_EXPERT_REVIEW};
                        c.stops = stops;
                        c.n_stops = 1;
                    } else if (variant != 0) {
                        continue;
                    }
                    compared += compare_from(&c, today);
                }
            }
        }
    }
    /* the loops above must really have compared something */
    assert_true(compared > 100000);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rating_levels),
        cmocka_unit_test(test_stage_open),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_watch_example),
        cmocka_unit_test(test_watch_holiday),
        cmocka_unit_test(test_watch_stopped),
        cmocka_unit_test(test_watch_incomplete),
        cmocka_unit_test(test_watch_matches_clock),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
