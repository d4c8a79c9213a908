/*
 * test_calendar.c - unit tests of src/domain/calendar.c against the project's calendar file.
 *
 * Run from the repository root: the group setup reads data/cn-holidays.csv. Expected dates were
 * counted by hand from that file (each test shows the count) and cross-checked with an independent
 * Python script over the same file (datetime.date, isoweekday). The law's example is DOMAIN.md,
 * "Clocks": accepted 2025-09-30, 5 working days -> 2025-10-14.
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

#include "base/banned.h"

#define HOLIDAYS_CSV "data/cn-holidays.csv"

static struct yc_calendar *cal; /* loaded once from HOLIDAYS_CSV by the group setup */

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
    if (entries.n != 285 || yc_cal_apply(cal, &entries) != 0) { /* 286 lines - header */
        yc_cal_entries_release(&entries);
        return -1;
    }
    yc_cal_entries_release(&entries);
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
expect_add(const struct yc_calendar *c, const char *from, int n, const char *expect)
{
    int32_t end = 0;
    int missing = 0;
    char out[11];

    assert_int_equal(yc_cal_add_workdays(c, day_of(from), n, &end, &missing), 0);
    yc_date_format(end, out);
    assert_string_equal(out, expect);
}

static void
expect_add_missing(const struct yc_calendar *c, const char *from, int n, int year)
{
    int32_t end = 424242;
    int missing = 0;

    assert_int_equal(yc_cal_add_workdays(c, day_of(from), n, &end, &missing), YC_CAL_ENOYEAR);
    assert_int_equal(missing, year);
    assert_int_equal(end, 424242); /* unchanged */
}

static void
expect_work(const struct yc_calendar *c, const char *date, int expect)
{
    int is_work = -1;
    int missing = 0;

    assert_int_equal(yc_cal_is_workday(c, day_of(date), &is_work, &missing), 0);
    if (is_work != expect) {
        fail_msg("%s: is_work %d, expected %d", date, is_work, expect);
    }
}

static void
expect_between(const struct yc_calendar *c, const char *a, const char *b, int expect)
{
    int n = -1;
    int missing = 0;

    assert_int_equal(yc_cal_workdays_between(c, day_of(a), day_of(b), &n, &missing), 0);
    assert_int_equal(n, expect);
}

static void
test_law_example(void **state)
{
    (void)state;
    /* 2025-09-30 (Tue) + 5: Oct 1-8 off; 9 Thu (1), 10 Fri (2), 11 Sat make-up (3), 12 Sun off,
     * 13 Mon (4), 14 Tue (5). */
    expect_add(cal, "2025-09-30", 5, "2025-10-14");
    expect_between(cal, "2025-09-30", "2025-10-14", 5);
}

static void
test_national_day_2025(void **state)
{
    static const char *const off[] = {"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
                                      "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"};
    size_t i;

    (void)state;
    expect_work(cal, "2025-09-26", 1); /* Fri */
    expect_work(cal, "2025-09-27", 0); /* Sat, not listed */
    expect_work(cal, "2025-09-28", 1); /* Sun, listed work */
    expect_work(cal, "2025-09-29", 1);
    expect_work(cal, "2025-09-30", 1);
    for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
        expect_work(cal, off[i], 0); /* Oct 1 Wed .. Oct 8 Wed, listed off */
    }
    expect_work(cal, "2025-10-09", 1);
    expect_work(cal, "2025-10-10", 1);
    expect_work(cal, "2025-10-11", 1); /* Sat, listed work */
    expect_work(cal, "2025-10-12", 0); /* Sun */
    /* Sep 26 (Fri) + 1 skips Sat 27 and lands on the make-up Sunday 28. */
    expect_add(cal, "2025-09-26", 1, "2025-09-28");
    expect_add(cal, "2025-09-30", 1, "2025-10-09");
    /* (Sep 30, Oct 12]: Oct 9, 10, 11 */
    expect_between(cal, "2025-09-30", "2025-10-12", 3);
    /* (Sep 26, Oct 12]: Sep 28, 29, 30, Oct 9, 10, 11 */
    expect_between(cal, "2025-09-26", "2025-10-12", 6);
}

static void
test_spring_festival_2026(void **state)
{
    static const char *const off[] = {"2026-02-15", "2026-02-16", "2026-02-17",
                                      "2026-02-18", "2026-02-19", "2026-02-20",
                                      "2026-02-21", "2026-02-22", "2026-02-23"};
    size_t i;

    (void)state;
    expect_work(cal, "2026-02-13", 1); /* Fri */
    expect_work(cal, "2026-02-14", 1); /* Sat, listed work */
    for (i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
        expect_work(cal, off[i], 0); /* Sun Feb 15 .. Mon Feb 23, listed off */
    }
    expect_work(cal, "2026-02-24", 1); /* Tue */
    expect_work(cal, "2026-02-28", 1); /* Sat, listed work */
    expect_work(cal, "2026-03-01", 0); /* Sun */
    expect_add(cal, "2026-02-13", 1, "2026-02-14");
    expect_add(cal, "2026-02-14", 1, "2026-02-24");
    /* Feb 12 (Thu) + 5: 13 (1), 14 Sat (2), 24 (3), 25 (4), 26 (5) */
    expect_add(cal, "2026-02-12", 5, "2026-02-26");
    /* (Feb 14, Feb 28]: 24, 25, 26, 27, 28 */
    expect_between(cal, "2026-02-14", "2026-02-28", 5);
}

static void
test_national_day_2026(void **state)
{
    (void)state;
    expect_work(cal, "2026-09-20", 1); /* Sun, listed work (国庆节) */
    expect_work(cal, "2026-09-25", 0); /* Fri, 中秋节 */
    expect_work(cal, "2026-09-28", 1); /* Mon */
    expect_work(cal, "2026-10-01", 0);
    expect_work(cal, "2026-10-07", 0);
    expect_work(cal, "2026-10-08", 1); /* Thu */
    expect_work(cal, "2026-10-10", 1); /* Sat, listed work */
    expect_work(cal, "2026-10-11", 0); /* Sun */
    /* Sep 18 (Fri) + 5: Sun 20 (1), 21 (2), 22 (3), 23 (4), 24 (5) */
    expect_add(cal, "2026-09-18", 5, "2026-09-24");
    expect_add(cal, "2026-09-24", 1, "2026-09-28"); /* Sep 25-27 off */
    expect_add(cal, "2026-09-30", 1, "2026-10-08");
    /* 10-08 (1), 10-09 (2), Sat 10-10 (3) */
    expect_add(cal, "2026-09-30", 3, "2026-10-10");
}

static void
test_makeup_days(void **state)
{
    static const struct {
        const char *date;
        int weekday;
    } makeup[] = {
        {"2025-10-11", 6}, {"2025-09-28", 7}, {"2026-01-04", 7}, {"2025-02-08", 6},
        {"2025-01-26", 7}, {"2024-02-04", 7}, {"2026-02-28", 6}, {"2018-12-29", 6},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(makeup) / sizeof(makeup[0]); i++) {
        assert_int_equal(yc_date_weekday(day_of(makeup[i].date)), makeup[i].weekday);
        if (strcmp(makeup[i].date, "2018-12-29") != 0) {
            expect_work(cal, makeup[i].date, 1);
        }
    }
    /* an ordinary Saturday and Sunday are off */
    expect_work(cal, "2025-11-15", 0);
    expect_work(cal, "2025-11-16", 0);
    /* Fri 2025-02-07 + 1 -> the make-up Saturday 2025-02-08 */
    expect_add(cal, "2025-02-07", 1, "2025-02-08");
}

static void
test_year_boundary(void **state)
{
    (void)state;
    /* 2025-12-31 (Wed): Jan 1-3 2026 off (Thu-Sat), Jan 4 (Sun) make-up work */
    expect_add(cal, "2025-12-31", 1, "2026-01-04");
    expect_add(cal, "2025-12-31", 2, "2026-01-05");
    expect_add(cal, "2025-12-31", 5, "2026-01-08");
    /* 20: Jan 4-9 (6), 12-16 (11), 19-23 (16), 26-29 (20) */
    expect_add(cal, "2025-12-31", 20, "2026-01-29");
    expect_between(cal, "2025-12-31", "2026-01-29", 20);
    /* Dec 31 2026 is the last covered day: n = 0 is fine, anything more needs 2027 */
    expect_add(cal, "2026-12-31", 0, "2026-12-31");
    expect_add_missing(cal, "2026-12-31", 1, 2027);
    /* Dec 1 2026 (Tue) + 20 stays in 2026: Dec 2-4 (3), 7-11 (8), 14-18 (13), 21-25 (18), 28-29 */
    expect_add(cal, "2026-12-01", 20, "2026-12-29");
    expect_add_missing(cal, "2026-12-01", 23, 2027); /* Dec 29, 30, 31 are 20-22 */
    expect_add(cal, "2026-12-01", 22, "2026-12-31");
}

static void
test_missing_years(void **state)
{
    int is_work = -1;
    int missing = 0;
    int n = -1;

    (void)state;
    assert_int_equal(yc_cal_covers(cal, 2018), 0);
    for (int y = 2019; y <= 2026; y++) {
        assert_int_equal(yc_cal_covers(cal, y), 1);
    }
    assert_int_equal(yc_cal_covers(cal, 2027), 0);
    assert_int_equal(yc_cal_covers(cal, 1899), 0);
    assert_int_equal(yc_cal_covers(cal, 2200), 0);

    assert_int_equal(yc_cal_is_workday(cal, day_of("2027-01-04"), &is_work, &missing),
                     YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2027);
    assert_int_equal(is_work, -1);
    /* 2018-12-29 is in the file, but it belongs to the 2019 notice: 2018 is still not covered */
    assert_int_equal(yc_cal_notice_year(day_of("2018-12-29"), "元旦"), 2019);
    assert_int_equal(yc_cal_is_workday(cal, day_of("2018-12-29"), &is_work, &missing),
                     YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2018);
    expect_add_missing(cal, "2018-12-28", 1, 2018);
    expect_add_missing(cal, "2018-12-31", 0, 2018);
    expect_add(cal, "2019-01-01", 0, "2019-01-01");
    expect_work(cal, "2019-01-01", 0);
    /* far outside the calendar's span */
    expect_add_missing(cal, "1900-01-01", 0, 1900);
    assert_int_equal(yc_cal_is_workday(cal, INT32_MAX, &is_work, &missing), YC_CAL_ENOYEAR);
    assert_int_equal(missing, 5881580);
    assert_int_equal(yc_cal_is_workday(cal, INT32_MIN, &is_work, &missing), YC_CAL_ENOYEAR);
    assert_int_equal(missing, -5877641);

    /* between: the first uncovered year met walking from a */
    assert_int_equal(
        yc_cal_workdays_between(cal, day_of("2025-12-31"), day_of("2027-01-05"), &n, &missing),
        YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2027);
    assert_int_equal(n, -1);
    assert_int_equal(
        yc_cal_workdays_between(cal, day_of("2018-12-31"), day_of("2019-01-02"), &n, &missing),
        YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2018);
    /* a long limit from 2026 runs out of data in 2027 */
    expect_add_missing(cal, "2026-11-02", 60, 2027);
}

static void
test_notice_year(void **state)
{
    (void)state;
    assert_int_equal(yc_cal_notice_year(day_of("2018-12-30"), "元旦"), 2019);
    assert_int_equal(yc_cal_notice_year(day_of("2022-12-31"), "元旦"), 2023);
    assert_int_equal(yc_cal_notice_year(day_of("2025-01-01"), "元旦"), 2025);
    assert_int_equal(yc_cal_notice_year(day_of("2025-12-31"), "国庆节"), 2025);
    assert_int_equal(yc_cal_notice_year(day_of("2025-12-31"), NULL), 2025);
    assert_int_equal(yc_cal_notice_year(day_of("2025-11-30"), "元旦"), 2025); /* not December */
}

static void
test_n_zero_and_negative(void **state)
{
    int32_t end = 0;
    int missing = 0;

    (void)state;
    expect_add(cal, "2025-10-01", 0, "2025-10-01"); /* an off day: n = 0 still gives from */
    expect_add(cal, "2025-10-11", 0, "2025-10-11");
    expect_add_missing(cal, "2027-01-01", 0, 2027);
    assert_int_equal(yc_cal_add_workdays(cal, day_of("2025-10-01"), -1, &end, &missing),
                     YC_CAL_EINVAL);
}

static void
test_between_equal_and_reversed(void **state)
{
    int n = -1;
    int missing = 0;

    (void)state;
    expect_between(cal, "2025-10-09", "2025-10-09", 0);
    expect_between(cal, "2025-10-14", "2025-09-30", 0);
    expect_between(cal, "2026-01-01", "2025-01-01", 0);
    /* (Oct 8, Oct 9] holds one working day, (Oct 9, Oct 10] one, (Oct 1, Oct 8] none */
    expect_between(cal, "2025-10-08", "2025-10-09", 1);
    expect_between(cal, "2025-10-01", "2025-10-08", 0);
    /* reversed, but b in an uncovered year: still an error */
    assert_int_equal(
        yc_cal_workdays_between(cal, day_of("2025-01-01"), day_of("2018-06-01"), &n, &missing),
        YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2018);
    assert_int_equal(
        yc_cal_workdays_between(cal, day_of("2027-06-01"), day_of("2027-06-01"), &n, &missing),
        YC_CAL_ENOYEAR);
    assert_int_equal(missing, 2027);
}

static void
test_statutory_20_days(void **state)
{
    (void)state;
    /* 2025-09-30 + 20: Oct 9, 10, 11 (3), 13-17 (8), 20-24 (13), 27-31 (18), Nov 3, 4 (20) */
    expect_add(cal, "2025-09-30", 20, "2025-11-04");
    /* extended once by 10 (行政许可法 §42): Nov 5-7 (3), 10-14 (8), 17, 18 (10) */
    expect_add(cal, "2025-11-04", 10, "2025-11-18");
    expect_between(cal, "2025-09-30", "2025-11-18", 30);
    /* 2026-02-10 (Tue) + 20 across the Spring Festival: Feb 11-14 (4, the 14th a make-up
     * Saturday), 24-28 (9, the 28th a make-up Saturday), Mar 2-6 (14), 9-13 (19), 16 (20) */
    expect_add(cal, "2026-02-10", 20, "2026-03-16");
    /* no holiday in March 2025: 20 working days are exactly four weeks */
    expect_add(cal, "2025-03-03", 20, "2025-03-31");
    /* stopped clock (DOMAIN.md): 20-day limit from 2025-09-30, stopped 2025-10-14 (5 used),
     * resumed 2025-10-20: 15 more -> Oct 21-24 (4), 27-31 (9), Nov 3-7 (14), Nov 10 (15) */
    {
        int used = -1;
        int missing = 0;
        int32_t end = 0;
        char out[11];

        assert_int_equal(yc_cal_workdays_between(cal, day_of("2025-09-30"), day_of("2025-10-14"),
                                                 &used, &missing),
                         0);
        assert_int_equal(used, 5);
        assert_int_equal(yc_cal_add_workdays(cal, day_of("2025-10-20"), 20 - used, &end, &missing),
                         0);
        yc_date_format(end, out);
        assert_string_equal(out, "2025-11-10");
    }
}

static void
test_working_days_per_year(void **state)
{
    (void)state;
    /* Counted independently in Python over the CSV; 251 (2024) and 248 (2025, the year the
     * notice added two statutory holidays) are also the figures reported with the notices. */
    /* 2018 is not covered, so start on 2019-01-01, an off day (元旦) that does not count */
    expect_work(cal, "2019-01-01", 0);
    expect_between(cal, "2019-01-01", "2019-12-31", 250);
    expect_between(cal, "2023-12-31", "2024-12-31", 251);
    expect_between(cal, "2024-12-31", "2025-12-31", 248);
    expect_between(cal, "2025-12-31", "2026-12-31", 248);
}

static void
test_round_trips(void **state)
{
    int32_t first = day_of("2019-01-01");
    int32_t last = day_of("2026-09-01"); /* + 60 working days stays inside 2026 */
    int32_t a, end, prev;
    int missing = 0;
    int between = 0;
    int is_work = 0;
    int n;

    (void)state;
    for (a = first; a <= last; a++) {
        prev = a;
        for (n = 0; n <= 60; n++) {
            assert_int_equal(yc_cal_add_workdays(cal, a, n, &end, &missing), 0);
            assert_int_equal(yc_cal_workdays_between(cal, a, end, &between, &missing), 0);
            assert_int_equal(between, n);
            if (n > 0) {
                /* strictly later than the previous end, and itself a working day */
                assert_true(end > prev);
                assert_int_equal(yc_cal_is_workday(cal, end, &is_work, &missing), 0);
                assert_int_equal(is_work, 1);
                /* nothing skipped: one day earlier holds one working day fewer */
                assert_int_equal(yc_cal_workdays_between(cal, a, end - 1, &between, &missing), 0);
                assert_int_equal(between, n - 1);
            } else {
                assert_int_equal(end, a);
            }
            prev = end;
        }
    }
}

/* ---- parsing, applying and listing ---- */

static int
parse(const char *csv, struct yc_cal_entries *entries, struct yc_cal_parse_err *err)
{
    return yc_cal_parse_csv(csv, strlen(csv), entries, err);
}

static void
expect_parse_error(const char *csv, long line, int column, const char *code,
                   const char *reason_part)
{
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;

    assert_int_equal(parse(csv, &entries, &err), YC_CAL_EPARSE);
    assert_int_equal(entries.n, 0);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.code, code);
    if (!strstr(err.reason, reason_part)) {
        fail_msg("reason \"%s\" lacks \"%s\"", err.reason, reason_part);
    }
    yc_cal_entries_release(&entries);
}

static void
test_parse_errors(void **state)
{
    (void)state;
    expect_parse_error("", 1, 0, "cal_no_header", "缺少表头");
    expect_parse_error("date,kind,name\n", 2, 0, "cal_no_entries", "没有任何日期");
    expect_parse_error("date,kind\n2025-10-01,off\n", 1, 0, "cal_bad_header", "date,kind,name");
    expect_parse_error("date,type,name\n2025-10-01,off,x\n", 1, 2, "cal_bad_header", "“type”");
    expect_parse_error("date,kind,name\n2025-10-01,off,国庆节\n2025-02-30,off,x\n", 3, 1,
                       "cal_bad_date", "“2025-02-30”");
    expect_parse_error("date,kind,name\n2025/10/01,off,x\n", 2, 1, "cal_bad_date", "2025/10/01");
    expect_parse_error("date,kind,name\n2025-10-01,holiday,x\n", 2, 2, "cal_bad_kind", "“holiday”");
    expect_parse_error("date,kind,name\n2025-10-01,OFF,x\n", 2, 2, "cal_bad_kind", "“OFF”");
    /* 2025-10-13 is a Monday */
    expect_parse_error("date,kind,name\n2025-10-13,work,国庆节\n", 2, 2, "cal_work_not_weekend",
                       "星期一");
    expect_parse_error("date,kind,name\n2025-10-01,off,a\n2025-10-02,off,b\n2025-10-01,off,c\n", 4,
                       1, "cal_duplicate_date", "第 2 行");
    expect_parse_error("date,kind,name\n2025-10-01,off\n", 2, 0, "cal_field_count", "实有 2 个");
    expect_parse_error("date,kind,name\n2025-10-01,off,x,y\n", 2, 0, "cal_field_count", "实有 4");
    expect_parse_error("date,kind,name\n2025-10-01,off,\n", 2, 3, "cal_bad_name", "不能为空");
    expect_parse_error("date,kind,name\n2199-12-31,off,元旦\n", 2, 1, "cal_bad_date", "2200");
    /* CSV-level faults keep the reader's line and field */
    expect_parse_error("\xEF\xBB\xBF"
                       "date,kind,name\n2025-10-01,off,x\n",
                       1, 1, "csv_bom", "不带 BOM");
    expect_parse_error("date,kind,name\n2025-10-01,off,\"国庆\n", 2, 3, "csv_unterminated_quote",
                       "结束引号");
    expect_parse_error("date,kind,name\n2025-10-01,off,\xB9\xFA\xC7\xEC\n", 2, 3, "csv_bad_utf8",
                       "UTF-8"); /* 国庆 in GBK */
    /* the first fault in file order wins, whatever its kind */
    expect_parse_error("date,kind,name\n2025-10-01,off,a\n2025-10-01,off,b\n2025-13-01,off,c\n", 3,
                       1, "cal_duplicate_date", "2025-10-01");
}

static void
test_parse_error_message(void **state)
{
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;

    (void)state;
    assert_int_equal(parse("date,kind,name\n2025-10-01,holiday,x\n", &entries, &err),
                     YC_CAL_EPARSE);
    assert_string_equal(err.message, "第 2 行第 2 列（kind）：类别须为 work 或 off，实为“holiday”");
    assert_int_equal(parse("date,kind,name\n2025-10-01,off\n", &entries, &err), YC_CAL_EPARSE);
    assert_string_equal(err.message, "第 2 行：应有 3 个字段（date,kind,name），实有 2 个");
    yc_cal_entries_release(&entries);
}

static void
test_parse_ok_and_years(void **state)
{
    static const char csv[] = "date,kind,name\r\n"
                              "2022-12-31,off,元旦\r\n"
                              "\"2023-01-01\",off,元旦\r\n"
                              "2023-01-28,work,\"春节\"\r\n";
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;
    int years[4] = {0};

    (void)state;
    assert_int_equal(parse(csv, &entries, &err), 0);
    assert_int_equal(entries.n, 3);
    assert_int_equal(entries.v[0].day, day_of("2022-12-31"));
    assert_int_equal(entries.v[0].kind, YC_CAL_OFF);
    assert_string_equal(entries.v[0].name, "元旦");
    assert_int_equal(entries.v[0].line, 2);
    assert_int_equal(entries.v[2].kind, YC_CAL_WORK);
    assert_string_equal(entries.v[2].name, "春节");
    assert_int_equal(entries.v[2].line, 4);
    /* all three belong to the 2023 notice */
    assert_int_equal(yc_cal_entries_years(&entries, years, 4), 1);
    assert_int_equal(years[0], 2023);
    yc_cal_entries_release(&entries);
}

static void
test_file_years_and_list(void **state)
{
    struct yc_cal_entry list[64];
    size_t n;

    (void)state;
    /* 2019 notice: lines 2-32 of the file, starting with 2018-12-29 */
    n = yc_cal_list(cal, 2019, list, 64);
    assert_int_equal(n, 31);
    assert_int_equal(list[0].day, day_of("2018-12-29"));
    assert_int_equal(list[0].kind, YC_CAL_WORK);
    assert_string_equal(list[0].name, "元旦");
    assert_int_equal(list[1].day, day_of("2018-12-30"));
    assert_int_equal(list[1].kind, YC_CAL_OFF);
    assert_int_equal(list[30].day, day_of("2019-10-12"));
    /* 2025 notice: 33 rows, first 2025-01-01 元旦, last 2025-10-11 */
    n = yc_cal_list(cal, 2025, list, 64);
    assert_int_equal(n, 33);
    assert_int_equal(list[0].day, day_of("2025-01-01"));
    assert_int_equal(list[32].day, day_of("2025-10-11"));
    assert_string_equal(list[32].name, "国庆节、中秋节");
    /* 2023 notice includes 2022-12-31 (元旦), and the 2022 notice does not */
    n = yc_cal_list(cal, 2023, list, 64);
    assert_int_equal(n, 34);
    assert_int_equal(list[0].day, day_of("2022-12-31"));
    n = yc_cal_list(cal, 2022, list, 64);
    assert_int_equal(n, 38);
    assert_int_equal(list[37].day, day_of("2022-10-09"));
    /* count only */
    assert_int_equal(yc_cal_list(cal, 2026, NULL, 0), 39);
    assert_int_equal(yc_cal_list(cal, 2027, list, 64), 0);
}

static void
test_apply_replaces_years_whole(void **state)
{
    struct yc_calendar *c = yc_cal_new();
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;
    struct yc_cal_entry list[8];

    (void)state;
    assert_int_equal(parse("date,kind,name\n2018-12-29,work,元旦\n2018-12-30,off,元旦\n"
                           "2019-10-01,off,国庆节\n2025-10-01,off,国庆节\n2025-10-11,work,国庆节\n",
                           &entries, &err),
                     0);
    assert_int_equal(yc_cal_apply(c, &entries), 0);
    assert_int_equal(yc_cal_covers(c, 2019), 1);
    assert_int_equal(yc_cal_covers(c, 2025), 1);
    assert_int_equal(yc_cal_covers(c, 2018), 0);
    expect_work(c, "2025-10-11", 1);
    expect_work(c, "2025-10-01", 0);
    expect_work(c, "2025-10-02", 1); /* not in this small calendar: an ordinary Thursday */

    /* a new 2025 file replaces the whole 2025 notice and leaves 2019 alone */
    assert_int_equal(parse("date,kind,name\n2025-05-01,off,劳动节\n", &entries, &err), 0);
    assert_int_equal(yc_cal_apply(c, &entries), 0);
    expect_work(c, "2025-10-01", 1); /* Wed, no longer listed */
    expect_work(c, "2025-10-11", 0); /* Sat, no longer a make-up day */
    expect_work(c, "2025-05-01", 0);
    expect_work(c, "2019-10-01", 0);
    assert_int_equal(yc_cal_list(c, 2019, list, 8), 3);

    /* clearing 2019 removes its December 2018 元旦 entries too */
    yc_cal_clear_year(c, 2019);
    assert_int_equal(yc_cal_covers(c, 2019), 0);
    assert_int_equal(yc_cal_list(c, 2019, list, 8), 0);
    assert_int_equal(yc_cal_mark_covered(c, 2018), 0);
    expect_work(c, "2018-12-29", 0); /* plain Saturday again */
    expect_work(c, "2018-12-31", 1); /* plain Monday again */
    assert_int_equal(yc_cal_mark_covered(c, 2200), YC_CAL_EINVAL);

    /* a failed parse applies nothing: the calendar is as before */
    assert_int_equal(parse("date,kind,name\n2025-06-02,off,x\n2025-06-03,bad,y\n", &entries, &err),
                     YC_CAL_EPARSE);
    assert_int_equal(entries.n, 0);
    assert_int_equal(yc_cal_apply(c, &entries), 0); /* empty list: no-op */
    expect_work(c, "2025-06-02", 1);
    expect_work(c, "2025-05-01", 0);

    /* apply refuses an invalid entry and changes nothing */
    assert_int_equal(parse("date,kind,name\n2025-06-02,off,x\n", &entries, &err), 0);
    entries.v[0].kind = YC_CAL_DEFAULT;
    assert_int_equal(yc_cal_apply(c, &entries), YC_CAL_EINVAL);
    expect_work(c, "2025-05-01", 0); /* the 2025 notice was not cleared */
    expect_work(c, "2025-06-02", 1);

    yc_cal_entries_release(&entries);
    yc_cal_free(c);
}

static void
test_set_rejects(void **state)
{
    struct yc_calendar *c = yc_cal_new();
    char long_name[YC_CAL_NAME_MAX + 2];

    (void)state;
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_int_equal(yc_cal_set(c, day_of("2025-10-01"), YC_CAL_DEFAULT, "x"), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_set(c, day_of("2025-10-01"), (enum yc_cal_kind)7, "x"), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_set(c, yc_date_from_ymd(1899, 12, 31), YC_CAL_OFF, "x"), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_set(c, yc_date_from_ymd(2200, 1, 1), YC_CAL_OFF, "x"), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_set(c, day_of("2199-12-31"), YC_CAL_OFF, "元旦"), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_set(c, day_of("2025-10-01"), YC_CAL_OFF, long_name), YC_CAL_EINVAL);
    assert_int_equal(yc_cal_covers(c, 2025), 0); /* nothing recorded */
    long_name[YC_CAL_NAME_MAX] = '\0';           /* exactly the maximum */
    assert_int_equal(yc_cal_set(c, day_of("2025-10-01"), YC_CAL_OFF, long_name), 0);
    assert_int_equal(yc_cal_set(c, day_of("2199-12-31"), YC_CAL_OFF, NULL), 0);
    assert_int_equal(yc_cal_covers(c, 2025), 1);
    assert_int_equal(yc_cal_covers(c, 2199), 1);
    yc_cal_free(c);
    yc_cal_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_law_example),
        cmocka_unit_test(test_national_day_2025),
        cmocka_unit_test(test_spring_festival_2026),
        cmocka_unit_test(test_national_day_2026),
        cmocka_unit_test(test_makeup_days),
        cmocka_unit_test(test_year_boundary),
        cmocka_unit_test(test_missing_years),
        cmocka_unit_test(test_notice_year),
        cmocka_unit_test(test_n_zero_and_negative),
        cmocka_unit_test(test_between_equal_and_reversed),
        cmocka_unit_test(test_statutory_20_days),
        cmocka_unit_test(test_working_days_per_year),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_error_message),
        cmocka_unit_test(test_parse_ok_and_years),
        cmocka_unit_test(test_file_years_and_list),
        cmocka_unit_test(test_apply_replaces_years_whole),
        cmocka_unit_test(test_set_rejects),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
