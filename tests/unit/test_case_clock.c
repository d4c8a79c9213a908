/*
 * test_case_clock.c - unit tests of src/domain/case_clock.c against the project's calendar file.
 *
 * Run from the repository root: the group setup reads data/cn-holidays.csv. Every expected date
 * was counted by hand from that file (the count is in the comment: "Oct 9 (1)" means Oct 9 is
 * the first working day counted) and cross-checked with an independent Python script over the
 * same file (datetime.date, isoweekday). Rules: DOMAIN.md, "Clocks" and "Acceptance at the
 * window". The calendar facts used below (from data/cn-holidays.csv):
 *   2025 Spring Festival: Jan 26 (Sun) work, Jan 28 - Feb 4 off, Feb 8 (Sat) work.
 *   2025 National Day: Sep 28 (Sun) work, Oct 1-8 off, Oct 11 (Sat) work.
 *   2026 元旦: Jan 1-3 off, Jan 4 (Sun) work.
 *   2026 Spring Festival: Feb 14 (Sat) work, Feb 15-23 off, Feb 28 (Sat) work.
 *   2026 清明: Apr 4-6 off.  2026 中秋/National Day: Sep 20 (Sun) work, Sep 25-27 off,
 *   Oct 1-7 off, Oct 10 (Sat) work.  2027: no data.
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

#include "base/banned.h"

#define HOLIDAYS_CSV "data/cn-holidays.csv"

static struct yc_calendar *cal; /* loaded once from HOLIDAYS_CSV by the group setup */
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
    if (yc_cal_parse_csv(buf, len, &entries, &err) != 0) {
        fprintf(stderr, "%s: %s\n", HOLIDAYS_CSV, err.message);
        free(buf);
        return -1;
    }
    free(buf);
    if (yc_cal_apply(cal, &entries) != 0) {
        yc_cal_entries_release(&entries);
        return -1;
    }
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
    char out[11];

    yc_date_format(day, out);
    assert_string_equal(out, expect);
}

static struct yc_clock
clock_of(const char *start, int statutory, int promised)
{
    struct yc_clock c;

    memset(&c, 0, sizeof(c));
    c.start_day = day_of(start);
    c.statutory_days = statutory;
    c.promised_days = promised;
    c.extension_days = 0;
    c.extended_day = YC_CLOCK_NO_DAY;
    return c;
}

static struct yc_clock_status
status_on(const struct yc_clock *c, const struct yc_clock_policy *p, const char *today)
{
    struct yc_clock_status st;
    struct yc_clock_fault fault;
    int rc;

    memset(&st, 0, sizeof(st));
    rc = yc_clock_status(cal, c, p, day_of(today), &st, &fault);
    if (rc != 0) {
        fail_msg("status on %s: %d %s %s", today, rc, fault.code, fault.message);
    }
    assert_string_equal(fault.code, "");
    return st;
}

/* The statutory view's end, used, left and level on today. */
static void
expect_statutory(const struct yc_clock *c, const char *today, const char *end, int used, int left,
                 enum yc_clock_level level)
{
    struct yc_clock_status st = status_on(c, &policy, today);

    expect_day(st.statutory.end_day, end);
    assert_int_equal(st.statutory.used_days, used);
    assert_int_equal(st.statutory.left_days, left);
    if (st.statutory.level != level) {
        fail_msg("%s: level %s, expected %s", today, yc_clock_level_name(st.statutory.level),
                 yc_clock_level_name(level));
    }
}

static void
test_law_example(void **state)
{
    struct yc_clock c = clock_of("2025-09-30", 5, 5);
    struct yc_clock_status st;

    (void)state;
    /* DOMAIN.md: 2025-09-30 (Tue) + 5: Oct 1-8 off; Oct 9 (1), 10 (2), 11 Sat make-up (3),
     * 13 Mon (4), 14 Tue (5). On the start day nothing is used. */
    st = status_on(&c, &policy, "2025-09-30");
    expect_day(st.statutory.end_day, "2025-10-14");
    expect_day(st.promised.end_day, "2025-10-14");
    assert_int_equal(st.statutory.used_days, 0);
    assert_int_equal(st.statutory.left_days, 5);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
    assert_int_equal(st.stopped, 0);
    assert_int_equal(st.stopped_since, YC_CLOCK_NO_DAY);
    assert_int_equal(st.extended, 0);
    /* During the holiday nothing is used: Oct 5 (Sun) still has 5 left. */
    expect_statutory(&c, "2025-10-05", "2025-10-14", 0, 5, YC_CLOCK_LEVEL_NONE);
}

static void
test_national_day_2025(void **state)
{
    struct yc_clock c = clock_of("2025-09-26", 20, 20);

    (void)state;
    /* 2025-09-26 (Fri) + 20: Sep 28 Sun make-up (1), 29 (2), 30 (3), Oct 1-8 off, Oct 9 (4),
     * 10 (5), 11 Sat make-up (6), 13-17 (7-11), 20-24 (12-16), 27 (17), 28 (18), 29 (19),
     * 30 (20). */
    expect_statutory(&c, "2025-09-26", "2025-10-30", 0, 20, YC_CLOCK_LEVEL_NONE);
    /* On Oct 8 (last holiday) used = Sep 28, 29, 30 = 3. */
    expect_statutory(&c, "2025-10-08", "2025-10-30", 3, 17, YC_CLOCK_LEVEL_NONE);
    /* On Oct 28 used 18, left 2: 预警. */
    expect_statutory(&c, "2025-10-28", "2025-10-30", 18, 2, YC_CLOCK_LEVEL_WARN);
}

static void
test_spring_festival_2026(void **state)
{
    struct yc_clock c = clock_of("2026-02-12", 20, 8);
    struct yc_clock_status st;

    (void)state;
    /* 2026-02-12 (Thu) + 20: Feb 13 (1), 14 Sat make-up (2), Feb 15-23 off, 24 (3), 25 (4),
     * 26 (5), 27 (6), 28 Sat make-up (7), Mar 2-6 (8-12), 9-13 (13-17), 16 (18), 17 (19),
     * 18 (20). Promised 8: ... 28 (7), Mar 2 (8). */
    st = status_on(&c, &policy, "2026-02-20");
    expect_day(st.statutory.end_day, "2026-03-18");
    expect_day(st.promised.end_day, "2026-03-02");
    assert_int_equal(st.statutory.used_days, 2); /* Feb 13, 14 */
    assert_int_equal(st.promised.left_days, 6);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_NONE);
    /* Feb 27: promised used 6, left 2 -> 预警 on the promised clock, none on the statutory. */
    st = status_on(&c, &policy, "2026-02-27");
    assert_int_equal(st.promised.left_days, 2);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_WARN);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
}

static void
test_national_day_2026(void **state)
{
    struct yc_clock c = clock_of("2026-09-18", 10, 10);

    (void)state;
    /* 2026-09-18 (Fri) + 10: Sep 20 Sun make-up (1), 21-24 (2-5), Sep 25-27 off (中秋),
     * 28 (6), 29 (7), 30 (8), Oct 1-7 off, Oct 8 Thu (9), Oct 9 Fri (10). */
    expect_statutory(&c, "2026-09-18", "2026-10-09", 0, 10, YC_CLOCK_LEVEL_NONE);
    /* On Oct 7 (holiday) used 8 (Sep 20-24, 28-30), left 2: 预警 already. */
    expect_statutory(&c, "2026-10-07", "2026-10-09", 8, 2, YC_CLOCK_LEVEL_WARN);
    /* Oct 10 is a Saturday make-up day: 1 working day past the end -> 黄牌. */
    expect_statutory(&c, "2026-10-10", "2026-10-09", 11, -1, YC_CLOCK_LEVEL_YELLOW);
}

static void
test_stop_spanning_holiday(void **state)
{
    struct yc_clock c = clock_of("2025-09-15", 20, 10);
    struct yc_clock_stop stop = {day_of("2025-09-26"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_SUPPLEMENT};
    struct yc_clock_status st;

    (void)state;
    /* Without a stop: Sep 16-19 (1-4), 22-26 (5-9), 28 Sun (10), 29 (11), 30 (12), Oct 9 (13),
     * 10 (14), 11 Sat (15), 13-17 (16-20) -> Oct 17. */
    expect_statutory(&c, "2025-09-15", "2025-10-17", 0, 20, YC_CLOCK_LEVEL_NONE);
    /* Stopped (补正) on Fri Sep 26: used = (Sep 15, Sep 26] = Sep 16-19, 22-26 = 9. */
    c.stops = &stop;
    c.n_stops = 1;
    st = status_on(&c, &policy, "2025-10-08");
    assert_int_equal(st.stopped, 1);
    expect_day(st.stopped_since, "2025-09-26");
    assert_int_equal(st.stop_kind, YC_CLOCK_STOP_SUPPLEMENT);
    assert_int_equal(st.statutory.used_days, 9);
    assert_int_equal(st.statutory.left_days, 11);
    assert_int_equal(st.statutory.overdue, 0);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_NONE); /* 1 left, but stopped */
    /* Working days inside the stop by Oct 8: Sep 28, 29, 30 = 3. */
    assert_int_equal(st.stopped_days, 3);
    /* Provisional end, as if resumed on Oct 8: 11 after Oct 8 = Oct 9 (1), 10 (2), 11 Sat (3),
     * 13-17 (4-8), 20 (9), 21 (10), 22 (11). */
    expect_day(st.statutory.end_day, "2025-10-22");
    /* Resumed on Fri Oct 10: 20 - 9 = 11 after Oct 10: Oct 11 Sat (1), 13-17 (2-6), 20-24
     * (7-11) -> Oct 24. Promised: 10 - 9 = 1 after Oct 10 -> Oct 11 (the Saturday make-up). */
    stop.resume_day = day_of("2025-10-10");
    st = status_on(&c, &policy, "2025-10-10");
    assert_int_equal(st.stopped, 0);
    expect_day(st.statutory.end_day, "2025-10-24");
    expect_day(st.promised.end_day, "2025-10-11");
    assert_int_equal(st.statutory.used_days, 9);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_WARN); /* 1 left */
    /* Oct 13: promised used 11 > 10, 1 working day overdue -> 黄牌; statutory left 9. */
    st = status_on(&c, &policy, "2025-10-13");
    assert_int_equal(st.promised.overdue, 1);
    assert_int_equal(st.promised.overdue_days, 1);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_YELLOW);
    assert_int_equal(st.statutory.left_days, 9);
    /* Stopped days: (Sep 26, Oct 10] = Sep 28, 29, 30, Oct 9, 10 = 5 (the resume day is not
     * used, so it lies in the stop). */
    assert_int_equal(st.stopped_days, 5);
}

static void
test_two_stops(void **state)
{
    struct yc_clock c = clock_of("2026-03-02", 20, 20);
    struct yc_clock_stop stops[2] = {
        {day_of("2026-03-06"), day_of("2026-03-16"), YC_CLOCK_STOP_TESTING},
        {day_of("2026-03-20"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_EXPERT_REVIEW},
    };
    struct yc_clock_status st;

    (void)state;
    c.stops = stops;
    c.n_stops = 2;
    /* (Mar 2, Mar 6] = 3, 4, 5, 6 = 4 used; (Mar 16, Mar 20] = 17-20 = 4 more: 8. */
    st = status_on(&c, &policy, "2026-03-25");
    assert_int_equal(st.stopped, 1);
    assert_int_equal(st.stop_kind, YC_CLOCK_STOP_EXPERT_REVIEW);
    expect_day(st.stopped_since, "2026-03-20");
    assert_int_equal(st.statutory.used_days, 8);
    assert_int_equal(st.statutory.left_days, 12);
    /* Stopped days: (Mar 6, Mar 16] = 9-13, 16 = 6; (Mar 20, Mar 25] = 23, 24, 25 = 3. */
    assert_int_equal(st.stopped_days, 9);
    /* Resumed Wed Apr 1: 12 after Apr 1: Apr 2 (1), 3 (2), Apr 4-6 off (清明), 7-10 (3-6),
     * 13-17 (7-11), 20 (12). */
    stops[1].resume_day = day_of("2026-04-01");
    expect_statutory(&c, "2026-04-01", "2026-04-20", 8, 12, YC_CLOCK_LEVEL_NONE);
    /* Apr 16: used 8 + Apr 2, 3, 7-10, 13-16 = 8 + 10 = 18, left 2: 预警. */
    expect_statutory(&c, "2026-04-16", "2026-04-20", 18, 2, YC_CLOCK_LEVEL_WARN);
}

static void
test_extension(void **state)
{
    struct yc_clock c = clock_of("2025-09-30", 20, 15);
    struct yc_clock_status st;
    struct yc_clock_fault fault;
    int32_t end = 0;

    (void)state;
    /* 2025-09-30 + 20: Oct 9 (1), 10 (2), 11 Sat (3), 13-17 (4-8), 20-24 (9-13), 27-31 (14-18),
     * Nov 3 (19), Nov 4 (20). */
    expect_statutory(&c, "2025-11-04", "2025-11-04", 20, 0, YC_CLOCK_LEVEL_WARN);
    /* Nov 5 without an extension: 1 past -> 黄牌. */
    expect_statutory(&c, "2025-11-05", "2025-11-04", 21, -1, YC_CLOCK_LEVEL_YELLOW);
    /* Granted on the last day (Nov 4) is in time: + 10 after Nov 4 = Nov 5-7 (1-3), 10-14
     * (4-8), 17 (9), 18 (10). */
    assert_int_equal(
        yc_clock_extension_check(cal, &c, day_of("2025-11-04"), YC_CLOCK_EXTEND_DAYS, &end, &fault),
        0);
    expect_day(end, "2025-11-18");
    /* Asked on Nov 5, after the end: refused. */
    end = 0;
    assert_int_equal(yc_clock_extension_check(cal, &c, day_of("2025-11-05"), 10, &end, &fault),
                     YC_CLOCK_ELATE);
    assert_string_equal(fault.code, "clock_extension_late");
    assert_non_null(strstr(fault.message, "2025-11-04"));
    assert_int_equal(end, 0);
    /* Recorded: extended on Nov 4. Nov 5 is no longer overdue: used 21 of 30, left 9. */
    c.extension_days = YC_CLOCK_EXTEND_DAYS;
    c.extended_day = day_of("2025-11-04");
    st = status_on(&c, &policy, "2025-11-05");
    assert_int_equal(st.extended, 1);
    expect_day(st.statutory.end_day, "2025-11-18");
    assert_int_equal(st.statutory.limit_days, 30);
    assert_int_equal(st.statutory.left_days, 9);
    assert_int_equal(st.statutory.overdue, 0);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
    /* The promised clock is not extended: 15 after Sep 30 = ... Oct 20 (9), 24 (13), 27 (14),
     * 28 (15) -> Oct 28; on Nov 5 used 21, 6 working days past it -> 红牌 (> 3). */
    expect_day(st.promised.end_day, "2025-10-28");
    assert_int_equal(st.promised.overdue_days, 6);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_RED);
    /* A second extension is refused, whatever the day. */
    assert_int_equal(yc_clock_extension_check(cal, &c, day_of("2025-11-05"), 10, &end, &fault),
                     YC_CLOCK_EAGAIN);
    assert_string_equal(fault.code, "clock_extended_twice");
    /* A recorded extension granted after the end is rejected by the status. */
    c.extended_day = day_of("2025-11-05");
    assert_int_equal(yc_clock_status(cal, &c, &policy, day_of("2025-11-06"), &st, &fault),
                     YC_CLOCK_EINVAL);
    assert_string_equal(fault.code, "clock_late_extension");
}

static void
test_extension_while_stopped(void **state)
{
    struct yc_clock c = clock_of("2025-09-15", 20, 10);
    struct yc_clock_stop stop = {day_of("2025-09-26"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_HEARING};
    struct yc_clock_fault fault;
    int32_t end = 0;

    (void)state;
    c.stops = &stop;
    c.n_stops = 1;
    /* Stopped on Sep 26 with 9 used: not past the end; provisional end as if resumed Oct 9:
     * 20 + 10 - 9 = 21 after Oct 9: Oct 10 (1), 11 (2), 13-17 (3-7), 20-24 (8-12), 27-31
     * (13-17), Nov 3-6 (18-21). */
    assert_int_equal(yc_clock_extension_check(cal, &c, day_of("2025-10-09"), 10, &end, &fault), 0);
    expect_day(end, "2025-11-06");
}

static void
test_joint_45_15(void **state)
{
    struct yc_clock c = clock_of("2025-12-01", YC_CLOCK_JOINT_DAYS, 30);
    struct yc_clock_fault fault;
    struct yc_clock_status st;
    int32_t end = 0;

    (void)state;
    /* 2025-12-01 (Mon) + 45: Dec 2-5 (1-4), 8-12 (5-9), 15-19 (10-14), 22-26 (15-19),
     * 29-31 (20-22), Jan 1-3 off (元旦), Jan 4 Sun make-up (23), 5-9 (24-28), 12-16 (29-33),
     * 19-23 (34-38), 26-30 (39-43), Feb 2 (44), Feb 3 (45). */
    expect_statutory(&c, "2025-12-01", "2026-02-03", 0, 45, YC_CLOCK_LEVEL_NONE);
    /* + 15 granted on Jan 20: Feb 4-6 (1-3), 9-13 (4-8), 14 Sat make-up (9), Feb 15-23 off,
     * 24-27 (10-13), 28 Sat make-up (14), Mar 2 (15). */
    assert_int_equal(yc_clock_extension_check(cal, &c, day_of("2026-01-20"),
                                              YC_CLOCK_JOINT_EXTEND_DAYS, &end, &fault),
                     0);
    expect_day(end, "2026-03-02");
    c.extension_days = YC_CLOCK_JOINT_EXTEND_DAYS;
    c.extended_day = day_of("2026-01-20");
    /* Feb 20 (holiday): used = 45 + Feb 4-6, 9-14 = 45 + 9 = 54, left 6; not overdue. */
    st = status_on(&c, &policy, "2026-02-20");
    expect_day(st.statutory.end_day, "2026-03-02");
    assert_int_equal(st.statutory.used_days, 54);
    assert_int_equal(st.statutory.left_days, 6);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
}

static void
test_on_the_spot(void **state)
{
    struct yc_clock c = clock_of("2025-10-15", 0, 0);
    struct yc_clock_status st;

    (void)state;
    /* 即办: N = 0 ends on the start day. */
    st = status_on(&c, &policy, "2025-10-15");
    expect_day(st.statutory.end_day, "2025-10-15");
    expect_day(st.promised.end_day, "2025-10-15");
    assert_int_equal(st.statutory.left_days, 0);
    assert_int_equal(st.statutory.overdue, 0);
    /* Still open the next working day: 1 past -> 黄牌. */
    expect_statutory(&c, "2025-10-16", "2025-10-15", 1, -1, YC_CLOCK_LEVEL_YELLOW);
    /* Even on a holiday the end is the start day itself. */
    c = clock_of("2025-10-01", 0, 0);
    expect_statutory(&c, "2025-10-01", "2025-10-01", 0, 0, YC_CLOCK_LEVEL_WARN);
}

static void
test_warning_thresholds(void **state)
{
    struct yc_clock c = clock_of("2025-10-09", 10, 10);
    struct yc_clock_policy strict;
    struct yc_clock_status st;

    (void)state;
    /* 2025-10-09 (Thu) + 10: Oct 10 (1), 11 Sat make-up (2), 13-17 (3-7), 20 (8), 21 (9),
     * 22 (10). Used on each day = working days in (Oct 9, today]. */
    expect_statutory(&c, "2025-10-17", "2025-10-22", 7, 3, YC_CLOCK_LEVEL_NONE);
    expect_statutory(&c, "2025-10-18", "2025-10-22", 7, 3, YC_CLOCK_LEVEL_NONE); /* Sat */
    expect_statutory(&c, "2025-10-19", "2025-10-22", 7, 3, YC_CLOCK_LEVEL_NONE); /* Sun */
    expect_statutory(&c, "2025-10-20", "2025-10-22", 8, 2, YC_CLOCK_LEVEL_WARN); /* 2 left */
    expect_statutory(&c, "2025-10-21", "2025-10-22", 9, 1, YC_CLOCK_LEVEL_WARN);
    expect_statutory(&c, "2025-10-22", "2025-10-22", 10, 0, YC_CLOCK_LEVEL_WARN);    /* end day */
    expect_statutory(&c, "2025-10-23", "2025-10-22", 11, -1, YC_CLOCK_LEVEL_YELLOW); /* 1 past */
    expect_statutory(&c, "2025-10-24", "2025-10-22", 12, -2, YC_CLOCK_LEVEL_YELLOW);
    expect_statutory(&c, "2025-10-25", "2025-10-22", 12, -2, YC_CLOCK_LEVEL_YELLOW); /* Sat */
    expect_statutory(&c, "2025-10-27", "2025-10-22", 13, -3, YC_CLOCK_LEVEL_YELLOW); /* 3: not >3 */
    expect_statutory(&c, "2025-10-28", "2025-10-22", 14, -4, YC_CLOCK_LEVEL_RED);    /* 4 > 3 */
    st = status_on(&c, &policy, "2025-10-28");
    assert_int_equal(st.statutory.overdue, 1);
    assert_int_equal(st.statutory.overdue_days, 4);

    /* Configured thresholds: warn at 0 left only, red from the first day past. */
    strict.warn_days = 0;
    strict.red_days = 0;
    assert_int_equal(status_on(&c, &strict, "2025-10-21").statutory.level, YC_CLOCK_LEVEL_NONE);
    assert_int_equal(status_on(&c, &strict, "2025-10-22").statutory.level, YC_CLOCK_LEVEL_WARN);
    assert_int_equal(status_on(&c, &strict, "2025-10-23").statutory.level, YC_CLOCK_LEVEL_RED);
    /* warn 5: Oct 15 has 5 left (used Oct 10, 11, 13, 14, 15). */
    strict.warn_days = 5;
    strict.red_days = 10;
    assert_int_equal(status_on(&c, &strict, "2025-10-14").statutory.level, YC_CLOCK_LEVEL_NONE);
    assert_int_equal(status_on(&c, &strict, "2025-10-15").statutory.level, YC_CLOCK_LEVEL_WARN);
    assert_int_equal(status_on(&c, &strict, "2025-10-28").statutory.level, YC_CLOCK_LEVEL_YELLOW);
    /* Out of range policy. */
    strict.red_days = -1;
    {
        struct yc_clock_fault fault;

        assert_int_equal(yc_clock_status(cal, &c, &strict, day_of("2025-10-15"), &st, &fault),
                         YC_CLOCK_EINVAL);
        assert_string_equal(fault.code, "clock_bad_policy");
    }
}

static void
test_overdue_over_weekend(void **state)
{
    struct yc_clock c = clock_of("2025-10-13", 4, 4);
    struct yc_clock_status st;

    (void)state;
    /* 2025-10-13 (Mon) + 4: 14, 15, 16, 17 -> Fri Oct 17. On Sat Oct 18 the end has passed
     * (黄牌) though no working day of overdue time has run yet. */
    st = status_on(&c, &policy, "2025-10-18");
    expect_day(st.statutory.end_day, "2025-10-17");
    assert_int_equal(st.statutory.left_days, 0);
    assert_int_equal(st.statutory.overdue, 1);
    assert_int_equal(st.statutory.overdue_days, 0);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_YELLOW);
}

static void
test_stop_after_end(void **state)
{
    struct yc_clock c = clock_of("2025-10-09", 5, 5);
    struct yc_clock_stop stop = {day_of("2025-10-17"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_APPRAISAL};
    struct yc_clock_status st;

    (void)state;
    /* 2025-10-09 + 5: Oct 10 (1), 11 Sat (2), 13 (3), 14 (4), 15 (5). A stop begun on Oct 17
     * (used 7 > 5) does not move the end and does not lift the card: on Oct 20 (stopped) the
     * case is 2 working days (16, 17) past its end. */
    c.stops = &stop;
    c.n_stops = 1;
    st = status_on(&c, &policy, "2025-10-20");
    assert_int_equal(st.stopped, 1);
    expect_day(st.statutory.end_day, "2025-10-15");
    assert_int_equal(st.statutory.overdue, 1);
    assert_int_equal(st.statutory.overdue_days, 2);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_YELLOW);
    /* Resumed Oct 24; on Oct 27 one more running day: 3 past, end still Oct 15. */
    stop.resume_day = day_of("2025-10-24");
    expect_statutory(&c, "2025-10-27", "2025-10-15", 8, -3, YC_CLOCK_LEVEL_YELLOW);

    /* Stopped on the end day itself (used 5 = N): 0 left, so the end becomes the resume day:
     * (5 - 5) working days after Oct 20 = Oct 20. While stopped: not overdue. */
    stop.stop_day = day_of("2025-10-15");
    stop.resume_day = YC_CLOCK_NO_DAY;
    st = status_on(&c, &policy, "2025-10-17");
    assert_int_equal(st.statutory.overdue, 0);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
    stop.resume_day = day_of("2025-10-20");
    expect_statutory(&c, "2025-10-20", "2025-10-20", 5, 0, YC_CLOCK_LEVEL_WARN);
    expect_statutory(&c, "2025-10-21", "2025-10-20", 6, -1, YC_CLOCK_LEVEL_YELLOW);
}

static void
test_deemed_acceptance(void **state)
{
    struct yc_clock_deemed d;
    struct yc_clock_fault fault;

    (void)state;
    /* Received 2025-09-30: the 5th working day after is Oct 14 (the law's example). On Oct 14 a
     * 补正 notice is still in time: not deemed. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-09-30"), day_of("2025-10-14"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 0);
    expect_day(d.deadline_day, "2025-10-14");
    assert_int_equal(d.accept_day, YC_CLOCK_NO_DAY);
    /* Oct 15, the 6th working day: deemed accepted, from the receipt day. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-09-30"), day_of("2025-10-15"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 1);
    expect_day(d.accept_day, "2025-09-30");
    /* Idempotent: asking again gives the same answer. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-09-30"), day_of("2025-10-15"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 1);
    expect_day(d.accept_day, "2025-09-30");
    /* During the holiday (Oct 5) nothing is late. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-09-30"), day_of("2025-10-05"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 0);
    /* Received 2026-02-12 (Thu): Feb 13 (1), 14 Sat (2), 24 (3), 25 (4), 26 (5). */
    assert_int_equal(yc_clock_deemed(cal, day_of("2026-02-12"), day_of("2026-02-26"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 0);
    expect_day(d.deadline_day, "2026-02-26");
    assert_int_equal(yc_clock_deemed(cal, day_of("2026-02-12"), day_of("2026-02-27"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 1);
    expect_day(d.accept_day, "2026-02-12");
    /* Today before receipt. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2026-02-12"), day_of("2026-02-11"), &d, &fault),
                     YC_CLOCK_EINVAL);
    /* Received 2026-12-28: the 5th working day falls in 2027, which has no data. */
    assert_int_equal(yc_clock_deemed(cal, day_of("2026-12-28"), day_of("2026-12-29"), &d, &fault),
                     YC_CLOCK_ENOYEAR);
    assert_int_equal(fault.missing_year, 2027);
}

static void
test_supplement_rounds(void **state)
{
    /* Received Oct 15; 补正 notice Oct 16; part arrives Oct 20; a second notice; the rest on
     * Oct 27; a late copy of an already-received paper recorded on Oct 22. */
    const int32_t arrivals[] = {day_of("2025-10-20"), day_of("2025-10-27"), day_of("2025-10-22")};
    const int32_t bad[] = {day_of("2025-10-20"), day_of("2025-10-14")};
    struct yc_clock_stop stops[2];
    struct yc_clock_fault fault;
    struct yc_clock c;
    int32_t accept = 0;

    (void)state;
    assert_int_equal(yc_clock_acceptance_day(day_of("2025-10-15"), arrivals, 3, &accept, &fault),
                     0);
    expect_day(accept, "2025-10-27"); /* the last missing material */
    assert_int_equal(yc_clock_acceptance_day(day_of("2025-10-15"), NULL, 0, &accept, &fault), 0);
    expect_day(accept, "2025-10-15");
    assert_int_equal(yc_clock_acceptance_day(day_of("2025-10-15"), bad, 2, &accept, &fault),
                     YC_CLOCK_EINVAL);
    assert_string_equal(fault.code, "clock_bad_arrival");

    /* The clock starts on Oct 27: + 20 = Oct 28-31 (1-4), Nov 3-7 (5-9), 10-14 (10-14), 17-21
     * (15-19), 24 (20). The 补正 before acceptance is not a stop. */
    c = clock_of("2025-10-27", 20, 20);
    expect_statutory(&c, "2025-10-27", "2025-11-24", 0, 20, YC_CLOCK_LEVEL_NONE);
    /* Review asks for more on Nov 5 (used Oct 28-31, Nov 3-5 = 7), materials on Nov 12:
     * 13 after Nov 12 = 13, 14 (1-2), 17-21 (3-7), 24-28 (8-12), Dec 1 (13). */
    stops[0] = (struct yc_clock_stop){day_of("2025-11-05"), day_of("2025-11-12"),
                                      YC_CLOCK_STOP_SUPPLEMENT};
    c.stops = stops;
    c.n_stops = 1;
    expect_statutory(&c, "2025-11-12", "2025-12-01", 7, 13, YC_CLOCK_LEVEL_NONE);
    /* A second round asked and answered on Nov 20 (used 7 + Nov 13, 14, 17-20 = 13): 7 after
     * Nov 20 = 21, 24-28, Dec 1 -> still Dec 1: a same-day round changes nothing. */
    stops[1] = (struct yc_clock_stop){day_of("2025-11-20"), day_of("2025-11-20"),
                                      YC_CLOCK_STOP_SUPPLEMENT};
    c.n_stops = 2;
    expect_statutory(&c, "2025-11-20", "2025-12-01", 13, 7, YC_CLOCK_LEVEL_NONE);
    expect_statutory(&c, "2025-11-26", "2025-12-01", 17, 3, YC_CLOCK_LEVEL_NONE);
}

static void
test_explanation_date(void **state)
{
    struct yc_clock c = clock_of("2025-09-30", 20, 5);
    struct yc_clock_stop stop = {day_of("2025-10-20"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_INSPECTION};
    struct yc_clock_status st;
    struct yc_clock_fault fault;
    int32_t d = 0;

    (void)state;
    /* Promised 5 -> Oct 14 (law example); statutory 20 -> Nov 4 (see test_extension). On Oct 15
     * the promise is missed (1 past) and the statutory clock has 14 left. */
    st = status_on(&c, &policy, "2025-10-15");
    assert_int_equal(st.promised.overdue, 1);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_YELLOW);
    assert_int_equal(st.statutory.level, YC_CLOCK_LEVEL_NONE);
    /* Default: the statutory end. */
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), YC_CLOCK_NO_DAY, &d, &fault), 0);
    expect_day(d, "2025-11-04");
    /* Proposed Fri Oct 24: a working day before the statutory end. */
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), day_of("2025-10-24"), &d, &fault), 0);
    expect_day(d, "2025-10-24");
    /* The end day itself is allowed; the day after it is not. */
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), day_of("2025-11-04"), &d, &fault), 0);
    d = 0;
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), day_of("2025-11-05"), &d, &fault),
        YC_CLOCK_ELATE);
    assert_string_equal(fault.code, "clock_proposal_late");
    assert_int_equal(d, 0);
    /* Sat Oct 25 is not a working day; Oct 14 is in the past. */
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), day_of("2025-10-25"), &d, &fault),
        YC_CLOCK_EINVAL);
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-15"), day_of("2025-10-14"), &d, &fault),
        YC_CLOCK_EINVAL);
    /* Stopped: no end is defined. */
    c.stops = &stop;
    c.n_stops = 1;
    st = status_on(&c, &policy, "2025-10-21");
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-10-21"), YC_CLOCK_NO_DAY, &d, &fault),
        YC_CLOCK_ESTOPPED);
    /* Statutory end passed (Nov 5 without a stop): no lawful date remains. */
    c.n_stops = 0;
    st = status_on(&c, &policy, "2025-11-05");
    assert_int_equal(
        yc_clock_explain_date(cal, &st, day_of("2025-11-05"), YC_CLOCK_NO_DAY, &d, &fault),
        YC_CLOCK_ELATE);
    assert_string_equal(fault.code, "clock_statutory_passed");
}

static void
test_missing_year(void **state)
{
    struct yc_clock c = clock_of("2026-12-15", 20, 10);
    struct yc_clock_status st;
    struct yc_clock_fault fault;

    (void)state;
    /* 2026-12-15 + 20: Dec 16-18 (1-3), 21-25 (4-8), 28-31 (9-12), then 2027, which the
     * calendar does not cover: an error naming it. */
    memset(&st, 0x5a, sizeof(st));
    assert_int_equal(yc_clock_status(cal, &c, &policy, day_of("2026-12-16"), &st, &fault),
                     YC_CLOCK_ENOYEAR);
    assert_int_equal(fault.missing_year, 2027);
    assert_string_equal(fault.code, "clock_no_year");
    assert_non_null(strstr(fault.message, "2027"));
    assert_int_equal(st.stopped, 0x5a5a5a5a); /* unchanged */
    /* 2018 is not covered either (the file starts with the 2019 notice). */
    c = clock_of("2018-06-01", 5, 5);
    assert_int_equal(yc_clock_status(cal, &c, &policy, day_of("2018-06-04"), &st, &fault),
                     YC_CLOCK_ENOYEAR);
    assert_int_equal(fault.missing_year, 2018);
}

static void
expect_invalid(const struct yc_clock *c, const char *today, const char *code)
{
    struct yc_clock_status st;
    struct yc_clock_fault fault;

    assert_int_equal(yc_clock_status(cal, c, &policy, day_of(today), &st, &fault), YC_CLOCK_EINVAL);
    assert_string_equal(fault.code, code);
    assert_true(fault.message[0] != '\0');
}

static void
test_invalid_clocks(void **state)
{
    struct yc_clock c;
    struct yc_clock_stop stops[2];

    (void)state;
    c = clock_of("2025-10-15", 10, 11);
    expect_invalid(&c, "2025-10-16", "clock_bad_promise");
    c = clock_of("2025-10-15", -1, 0);
    expect_invalid(&c, "2025-10-16", "clock_bad_limit");
    c = clock_of("2025-10-15", 10, 5);
    expect_invalid(&c, "2025-10-14", "clock_bad_today");
    c.extension_days = 10; /* without a day */
    expect_invalid(&c, "2025-10-16", "clock_bad_extension");
    c.extension_days = 0;
    c.extended_day = day_of("2025-10-16");
    expect_invalid(&c, "2025-10-16", "clock_bad_extension");
    c.extended_day = YC_CLOCK_NO_DAY;
    c.stops = stops;
    c.n_stops = 1;
    stops[0] = (struct yc_clock_stop){day_of("2025-10-14"), day_of("2025-10-16"),
                                      YC_CLOCK_STOP_SUPPLEMENT}; /* before the start */
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
    stops[0] = (struct yc_clock_stop){day_of("2025-10-17"), day_of("2025-10-16"),
                                      YC_CLOCK_STOP_SUPPLEMENT}; /* resumed before stopped */
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
    stops[0] = (struct yc_clock_stop){day_of("2025-10-17"), day_of("2025-10-21"),
                                      YC_CLOCK_STOP_SUPPLEMENT}; /* resumed after today */
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
    stops[0] =
        (struct yc_clock_stop){day_of("2025-10-16"), YC_CLOCK_NO_DAY, YC_CLOCK_STOP_SUPPLEMENT};
    stops[1] = (struct yc_clock_stop){day_of("2025-10-17"), day_of("2025-10-18"),
                                      YC_CLOCK_STOP_SUPPLEMENT}; /* an open stop not last */
    c.n_stops = 2;
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
    stops[0].resume_day = day_of("2025-10-18");
    stops[1].stop_day = day_of("2025-10-17"); /* overlapping: begins before the last resume */
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
    stops[1].stop_day = day_of("2025-10-18");
    stops[1].kind = YC_CLOCK_STOP__MAX;
    expect_invalid(&c, "2025-10-20", "clock_bad_stop");
}

static void
test_names(void **state)
{
    static const char *const labels[] = {"补正", "听证", "招标", "拍卖",    "检验",
                                         "检测", "检疫", "鉴定", "专家评审"};
    enum yc_clock_stop_kind k;
    int i;

    (void)state;
    assert_int_equal(YC_CLOCK_STOP__MAX, 9);
    for (i = 0; i < YC_CLOCK_STOP__MAX; i++) {
        const char *name = yc_clock_stop_kind_name((enum yc_clock_stop_kind)i);

        assert_string_equal(yc_clock_stop_kind_label((enum yc_clock_stop_kind)i), labels[i]);
        assert_int_equal(yc_clock_stop_kind_parse(name, strlen(name), &k), 0);
        assert_int_equal(k, i);
        assert_int_equal(yc_clock_stop_kind_parse(labels[i], strlen(labels[i]), &k), 0);
        assert_int_equal(k, i);
    }
    assert_int_equal(yc_clock_stop_kind_parse("hear", 4, &k), YC_CLOCK_EINVAL);
    assert_string_equal(yc_clock_stop_kind_name(YC_CLOCK_STOP__MAX), "unknown");
    assert_string_equal(yc_clock_level_name(YC_CLOCK_LEVEL_RED), "red");
    assert_string_equal(yc_clock_level_label(YC_CLOCK_LEVEL_WARN), "预警");
    assert_string_equal(yc_clock_level_label(YC_CLOCK_LEVEL_YELLOW), "黄牌");
    assert_string_equal(yc_clock_level_label(YC_CLOCK_LEVEL_RED), "红牌");
    assert_string_equal(yc_clock_level_label(YC_CLOCK_LEVEL__MAX), "未知");
}

static void
test_spring_festival_2025(void **state)
{
    struct yc_clock c = clock_of("2025-01-20", 20, 5);
    struct yc_clock_stop stop = {0, 0, YC_CLOCK_STOP_EXPERT_REVIEW};
    struct yc_clock_status st;

    (void)state;
    /* 2025-01-20 (Mon) + 20: Jan 21-24 (1-4), 26 Sun make-up (5), 27 (6), Jan 28 - Feb 4 off,
     * Feb 5 (7), 6 (8), 7 (9), 8 Sat make-up (10), 10-14 (11-15), 17-21 (16-20).
     * Promised 5 ends on the make-up Sunday, Jan 26. */
    st = status_on(&c, &policy, "2025-01-20");
    expect_day(st.statutory.end_day, "2025-02-21");
    expect_day(st.promised.end_day, "2025-01-26");
    /* Jan 25 (Sat) is off: used 4, the promise has 1 left (预警). */
    st = status_on(&c, &policy, "2025-01-25");
    assert_int_equal(st.promised.used_days, 4);
    assert_int_equal(st.promised.left_days, 1);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_WARN);
    /* Mid-holiday (Feb 3) nothing more is used: 6 (Jan 21-24, 26, 27); the promise missed by 1
     * (黄牌 on the promised clock), the statutory clock has 14 left. */
    expect_statutory(&c, "2025-02-03", "2025-02-21", 6, 14, YC_CLOCK_LEVEL_NONE);
    st = status_on(&c, &policy, "2025-02-03");
    assert_int_equal(st.promised.overdue, 1);
    assert_int_equal(st.promised.overdue_days, 1);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_YELLOW);
    /* The make-up Saturday Feb 8 counts: used 10. Feb 19: used 18, left 2 (预警). */
    expect_statutory(&c, "2025-02-08", "2025-02-21", 10, 10, YC_CLOCK_LEVEL_NONE);
    expect_statutory(&c, "2025-02-19", "2025-02-21", 18, 2, YC_CLOCK_LEVEL_WARN);
    expect_statutory(&c, "2025-02-24", "2025-02-21", 21, -1, YC_CLOCK_LEVEL_YELLOW);
    /* A stop over the holiday: stopped Fri Jan 24 (used 4), resumed Wed Feb 5: 16 after Feb 5 =
     * Feb 6 (1), 7 (2), 8 Sat (3), 10-14 (4-8), 17-21 (9-13), 24 (14), 25 (15), 26 (16). The stop
     * covered the working days Jan 26, 27 and Feb 5. */
    stop.stop_day = day_of("2025-01-24");
    stop.resume_day = day_of("2025-02-05");
    c.stops = &stop;
    c.n_stops = 1;
    st = status_on(&c, &policy, "2025-02-05");
    expect_day(st.statutory.end_day, "2025-02-26");
    assert_int_equal(st.statutory.used_days, 4);
    assert_int_equal(st.stopped_days, 3);
    /* the promise (5) had 1 left at the stop: Feb 6 */
    expect_day(st.promised.end_day, "2025-02-06");
}

static void
test_deemed_spring_festival_2025(void **state)
{
    struct yc_clock_deemed d;
    struct yc_clock_fault fault;

    (void)state;
    /* Received 2025-01-23 (Thu): Jan 24 (1), 26 Sun make-up (2), 27 (3), Feb 5 (4), 6 (5). */
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-01-23"), day_of("2025-02-06"), &d, &fault),
                     0);
    expect_day(d.deadline_day, "2025-02-06");
    assert_int_equal(d.deemed, 0);
    assert_int_equal(yc_clock_deemed(cal, day_of("2025-01-23"), day_of("2025-02-07"), &d, &fault),
                     0);
    assert_int_equal(d.deemed, 1);
    expect_day(d.accept_day, "2025-01-23");
}

static void
test_promised_over_national_days(void **state)
{
    struct yc_clock c = clock_of("2025-09-29", 20, 4);
    struct yc_clock_status st;

    (void)state;
    /* 2025-09-29 (Mon): promised 4 = Sep 30 (1), Oct 9 (2), 10 (3), 11 Sat make-up (4);
     * statutory 20 = ... 13-17 (5-9), 20-24 (10-14), 27-31 (15-19), Nov 3 (20). */
    st = status_on(&c, &policy, "2025-10-08");
    expect_day(st.promised.end_day, "2025-10-11");
    expect_day(st.statutory.end_day, "2025-11-03");
    assert_int_equal(st.promised.used_days, 1);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_NONE);
    /* Sun Oct 12 is off: the promise ended the day before, missed but by no working day yet. */
    st = status_on(&c, &policy, "2025-10-12");
    assert_int_equal(st.promised.overdue, 1);
    assert_int_equal(st.promised.overdue_days, 0);
    /* 2026-09-30 (Wed): promised 3 = Oct 8 (1), 9 (2), 10 Sat make-up (3); statutory 20 = ...
     * 12-16 (4-8), 19-23 (9-13), 26-30 (14-18), Nov 2 (19), 3 (20). */
    c = clock_of("2026-09-30", 20, 3);
    st = status_on(&c, &policy, "2026-10-01");
    expect_day(st.promised.end_day, "2026-10-10");
    expect_day(st.statutory.end_day, "2026-11-03");
    assert_int_equal(st.promised.used_days, 0);
    /* On the make-up Saturday the promise has 0 left (预警); Sunday it is missed. */
    st = status_on(&c, &policy, "2026-10-10");
    assert_int_equal(st.promised.left_days, 0);
    assert_int_equal(st.promised.level, YC_CLOCK_LEVEL_WARN);
    /* 2026 Spring Festival, promised 2 from Fri Feb 13: Feb 14 Sat make-up (1), Feb 24 (2). */
    c = clock_of("2026-02-13", 20, 2);
    st = status_on(&c, &policy, "2026-02-23");
    expect_day(st.promised.end_day, "2026-02-24");
    assert_int_equal(st.promised.used_days, 1);
}

static void
test_idle(void **state)
{
    struct yc_clock_idle d;
    struct yc_clock_fault fault;

    (void)state;
    /* Assigned 2025-09-30, 2 working days: Oct 9 (1), 10 (2); idle from Oct 11 (a make-up
     * Saturday, but any day after the deadline counts). */
    assert_int_equal(yc_clock_idle(cal, day_of("2025-09-30"), 2, day_of("2025-10-10"), &d, &fault),
                     0);
    expect_day(d.deadline_day, "2025-10-10");
    assert_int_equal(d.idle, 0);
    assert_int_equal(yc_clock_idle(cal, day_of("2025-09-30"), 2, day_of("2025-10-11"), &d, &fault),
                     0);
    assert_int_equal(d.idle, 1);
    /* Over the 2025 Spring Festival: Fri Jan 24 + 2 = Jan 26 Sun make-up (1), 27 (2). */
    assert_int_equal(yc_clock_idle(cal, day_of("2025-01-24"), 2, day_of("2025-02-03"), &d, &fault),
                     0);
    expect_day(d.deadline_day, "2025-01-27");
    assert_int_equal(d.idle, 1);
    /* Over the 2026 Spring Festival: Fri Feb 13 + 2 = Feb 14 Sat make-up (1), Feb 24 (2). */
    assert_int_equal(yc_clock_idle(cal, day_of("2026-02-13"), 2, day_of("2026-02-23"), &d, &fault),
                     0);
    expect_day(d.deadline_day, "2026-02-24");
    assert_int_equal(d.idle, 0);
    /* Bad arguments and a year without data. */
    assert_int_equal(yc_clock_idle(cal, day_of("2025-09-30"), 0, day_of("2025-10-11"), &d, &fault),
                     YC_CLOCK_EINVAL);
    assert_int_equal(yc_clock_idle(cal, day_of("2025-09-30"), 2, day_of("2025-09-29"), &d, &fault),
                     YC_CLOCK_EINVAL);
    assert_int_equal(yc_clock_idle(cal, day_of("2026-12-30"), 5, day_of("2026-12-31"), &d, &fault),
                     YC_CLOCK_ENOYEAR);
    assert_int_equal(fault.missing_year, 2027);
}

static void
test_explain(void **state)
{
    struct yc_clock c = clock_of("2025-01-20", 20, 5);
    struct yc_clock_stop stop = {0, YC_CLOCK_NO_DAY, YC_CLOCK_STOP_TESTING};
    struct yc_clock_explanation e;
    struct yc_clock_fault fault;

    (void)state;
    /* Promised end Sun Jan 26 (make-up), statutory Feb 21 (test_spring_festival_2025). On the
     * end day itself the promise is kept. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-01-26"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 0);
    expect_day(e.old_end, "2025-01-26");
    /* Missed, found on Mon Jan 27 (used 6): 5 + 5 = 10 -> Feb 8, the make-up Saturday. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-01-27"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 1);
    expect_day(e.old_end, "2025-01-26");
    assert_int_equal(e.new_limit, 10);
    expect_day(e.new_end, "2025-02-08");
    /* Found during the holiday (Feb 2, used 6): the same date. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-02"), 5, &e, &fault), 0);
    expect_day(e.new_end, "2025-02-08");
    /* Recorded: the same day asks again and is not due (idempotent). */
    c.promised_days = 10;
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-01-27"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 0);
    expect_day(e.old_end, "2025-02-08");
    /* The new date missed too (Mon Feb 10, used 11): 10 + 5 = 15 -> Fri Feb 14. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-10"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 1);
    expect_day(e.old_end, "2025-02-08");
    assert_int_equal(e.new_limit, 15);
    expect_day(e.new_end, "2025-02-14");
    /* Found late (Wed Feb 12, used 13 > 5 + 5): not before the next working day, Feb 13. */
    c.promised_days = 5;
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-12"), 5, &e, &fault), 0);
    assert_int_equal(e.new_limit, 14);
    expect_day(e.new_end, "2025-02-13");
    /* Never beyond the statutory end: 5 + 30 -> 20, Feb 21. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-01-27"), 30, &e, &fault), 0);
    assert_int_equal(e.new_limit, 20);
    expect_day(e.new_end, "2025-02-21");
    /* On the statutory end day the new date is that day; after it no lawful date remains. */
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-21"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 1);
    expect_day(e.new_end, "2025-02-21");
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-24"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 0);
    /* Stopped: no end is defined, nothing is due. */
    stop.stop_day = day_of("2025-01-27");
    c.stops = &stop;
    c.n_stops = 1;
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-05"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 0);
    /* Resumed Feb 10 (used 6 before the stop): the end moved, found on Feb 10: 5 + 5 -> 10 =
     * 4 after Feb 10 = Feb 11-14. */
    stop.resume_day = day_of("2025-02-10");
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-10"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 1);
    expect_day(e.new_end, "2025-02-14");
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-02-10"), 0, &e, &fault),
                     YC_CLOCK_EINVAL);
}

static void
test_promise_into_extension(void **state)
{
    struct yc_clock c = clock_of("2025-09-30", 20, 20);
    struct yc_clock_explanation e;
    struct yc_clock_fault fault;
    struct yc_clock_status st;

    (void)state;
    /* Statutory 20 -> Nov 4, extended by 10 on Oct 20 -> Nov 18 (test_extension). The promise
     * (20, Nov 4) is missed on Nov 5 (used 21) while the case is within its extension: + 5 = 25
     * -> Nov 5 (21), 6, 7, 10, 11 (25). */
    c.extension_days = 10;
    c.extended_day = day_of("2025-10-20");
    assert_int_equal(yc_clock_explain(cal, &c, day_of("2025-11-05"), 5, &e, &fault), 0);
    assert_int_equal(e.due, 1);
    expect_day(e.old_end, "2025-11-04");
    assert_int_equal(e.new_limit, 25);
    expect_day(e.new_end, "2025-11-11");
    /* A promise of 25 is valid with the extension, not without it. */
    c.promised_days = 25;
    st = status_on(&c, &policy, "2025-11-05");
    expect_day(st.promised.end_day, "2025-11-11");
    assert_int_equal(st.promised.overdue, 0);
    c.extension_days = 0;
    c.extended_day = YC_CLOCK_NO_DAY;
    expect_invalid(&c, "2025-11-05", "clock_bad_promise");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_law_example),
        cmocka_unit_test(test_national_day_2025),
        cmocka_unit_test(test_spring_festival_2026),
        cmocka_unit_test(test_national_day_2026),
        cmocka_unit_test(test_stop_spanning_holiday),
        cmocka_unit_test(test_two_stops),
        cmocka_unit_test(test_extension),
        cmocka_unit_test(test_extension_while_stopped),
        cmocka_unit_test(test_joint_45_15),
        cmocka_unit_test(test_on_the_spot),
        cmocka_unit_test(test_warning_thresholds),
        cmocka_unit_test(test_overdue_over_weekend),
        cmocka_unit_test(test_stop_after_end),
        cmocka_unit_test(test_deemed_acceptance),
        cmocka_unit_test(test_supplement_rounds),
        cmocka_unit_test(test_explanation_date),
        cmocka_unit_test(test_missing_year),
        cmocka_unit_test(test_invalid_clocks),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_spring_festival_2025),
        cmocka_unit_test(test_deemed_spring_festival_2025),
        cmocka_unit_test(test_promised_over_national_days),
        cmocka_unit_test(test_idle),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_promise_into_extension),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
