/*
 * test_date.c - unit tests of src/base/date.c (civil dates as days since 1970-01-01).
 *
 * Expected day numbers were checked with Python: (datetime.date(y, m, d) - date(1970, 1, 1)).days;
 * weekdays with date.isoweekday(). The round trip over 1900..2199 compares against a calendar
 * walked one day at a time with yc_date_days_in_month, independent of Hinnant's formulas.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"

#include "base/banned.h"

static void
test_from_ymd_known_days(void **state)
{
    (void)state;
    assert_int_equal(yc_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(yc_date_from_ymd(1969, 12, 31), -1);
    assert_int_equal(yc_date_from_ymd(1900, 1, 1), -25567);
    assert_int_equal(yc_date_from_ymd(2000, 2, 29), 11016);
    assert_int_equal(yc_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(yc_date_from_ymd(2025, 9, 30), 20361);
    assert_int_equal(yc_date_from_ymd(2199, 12, 31), 84005);
    assert_int_equal(yc_date_from_ymd(2200, 1, 1), 84006);
}

static void
test_to_ymd_walk_1900_2199(void **state)
{
    int y = 1900, m = 1, d = 1;
    int gy, gm, gd;
    int32_t day;

    (void)state;
    for (day = -25567; day <= 84005; day++) {
        yc_date_to_ymd(day, &gy, &gm, &gd);
        assert_int_equal(gy, y);
        assert_int_equal(gm, m);
        assert_int_equal(gd, d);
        assert_int_equal(yc_date_from_ymd(y, m, d), day);
        if (++d > yc_date_days_in_month(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    assert_int_equal(y, 2200); /* the walk ended exactly on 2200-01-01 */
}

static void
test_to_ymd_extremes(void **state)
{
    int y, m, d;

    (void)state;
    /* INT32_MAX days is 5881580-07-11 and INT32_MIN is -5877641-06-23 (proleptic Gregorian):
     * checked in Python by removing whole 400-year cycles (146097 days) so that datetime.date can
     * do the rest, then adding 400 years per cycle back. */
    yc_date_to_ymd(INT32_MAX, &y, &m, &d);
    assert_int_equal(y, 5881580);
    assert_int_equal(m, 7);
    assert_int_equal(d, 11);
    yc_date_to_ymd(INT32_MIN, &y, &m, &d);
    assert_int_equal(y, -5877641);
    assert_int_equal(m, 6);
    assert_int_equal(d, 23);
}

static void
test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(yc_date_days_in_month(2025, 1), 31);
    assert_int_equal(yc_date_days_in_month(2025, 2), 28);
    assert_int_equal(yc_date_days_in_month(2024, 2), 29);
    assert_int_equal(yc_date_days_in_month(1900, 2), 28); /* divisible by 100, not by 400 */
    assert_int_equal(yc_date_days_in_month(2000, 2), 29); /* divisible by 400 */
    assert_int_equal(yc_date_days_in_month(2100, 2), 28);
    assert_int_equal(yc_date_days_in_month(2025, 4), 30);
    assert_int_equal(yc_date_days_in_month(2025, 12), 31);
    assert_int_equal(yc_date_days_in_month(2025, 0), 0);
    assert_int_equal(yc_date_days_in_month(2025, 13), 0);
}

static void
test_valid_ymd(void **state)
{
    (void)state;
    assert_int_equal(yc_date_valid_ymd(2024, 2, 29), 1);
    assert_int_equal(yc_date_valid_ymd(2025, 2, 29), 0);
    assert_int_equal(yc_date_valid_ymd(1900, 2, 29), 0);
    assert_int_equal(yc_date_valid_ymd(2000, 2, 29), 1);
    assert_int_equal(yc_date_valid_ymd(2025, 4, 31), 0);
    assert_int_equal(yc_date_valid_ymd(2025, 4, 30), 1);
    assert_int_equal(yc_date_valid_ymd(2025, 0, 1), 0);
    assert_int_equal(yc_date_valid_ymd(2025, 13, 1), 0);
    assert_int_equal(yc_date_valid_ymd(2025, 1, 0), 0);
    assert_int_equal(yc_date_valid_ymd(2025, 1, 32), 0);
    assert_int_equal(yc_date_valid_ymd(1900, 1, 1), 1);
    assert_int_equal(yc_date_valid_ymd(1899, 12, 31), 0);
    assert_int_equal(yc_date_valid_ymd(2199, 12, 31), 1);
    assert_int_equal(yc_date_valid_ymd(2200, 1, 1), 0);
}

static void
test_weekday(void **state)
{
    (void)state;
    assert_int_equal(yc_date_weekday(0), 4);                              /* 1970-01-01 Thu */
    assert_int_equal(yc_date_weekday(-1), 3);                             /* 1969-12-31 Wed */
    assert_int_equal(yc_date_weekday(yc_date_from_ymd(1900, 1, 1)), 1);   /* Mon */
    assert_int_equal(yc_date_weekday(yc_date_from_ymd(2000, 1, 1)), 6);   /* Sat */
    assert_int_equal(yc_date_weekday(yc_date_from_ymd(2025, 9, 30)), 2);  /* Tue */
    assert_int_equal(yc_date_weekday(yc_date_from_ymd(2025, 10, 11)), 6); /* Sat */
    assert_int_equal(yc_date_weekday(yc_date_from_ymd(2026, 1, 4)), 7);   /* Sun */
    /* INT32_MIN mod 7 = 5 (floor), and 5 days after a Thursday is a Tuesday; INT32_MAX mod 7 = 1,
     * a Friday (same 400-year-cycle check in Python). */
    assert_int_equal(yc_date_weekday(INT32_MIN), 2);
    assert_int_equal(yc_date_weekday(INT32_MAX), 5);
}

static void
test_parse_ok(void **state)
{
    static const char longer[] = "2025-09-30XYZ";
    int32_t day = 0;

    (void)state;
    assert_int_equal(yc_date_parse("2025-09-30", 10, &day), 0);
    assert_int_equal(day, 20361);
    assert_int_equal(yc_date_parse("1900-01-01", 10, &day), 0);
    assert_int_equal(day, -25567);
    assert_int_equal(yc_date_parse("2199-12-31", 10, &day), 0);
    assert_int_equal(day, 84005);
    assert_int_equal(yc_date_parse("2024-02-29", 10, &day), 0);
    assert_int_equal(day, 19782);
    /* Not NUL-terminated: only len bytes are read. */
    assert_int_equal(yc_date_parse(longer, 10, &day), 0);
    assert_int_equal(day, 20361);
}

static void
test_parse_rejects(void **state)
{
    static const char *const bad[] = {
        "2025-9-30",    "2025-09-3",  "2025/09/30",     "20250930",    "2025-02-29",
        "2025-04-31",   "2025-13-01", "2025-00-10",     "2025-01-00",  "1899-12-31",
        "2200-01-01",   "+025-09-30", "2025-09-3a",     " 2025-09-30", "2025-09-30 ",
        "2025-09-30\n", "",           "２０２５-09-30", "2025-09--30", "0000-00-00",
    };
    int32_t day = 12345;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(yc_date_parse(bad[i], strlen(bad[i]), &day), -1);
        assert_int_equal(day, 12345); /* unchanged */
    }
    assert_int_equal(yc_date_parse(NULL, 0, &day), -1);
    /* a good date with a wrong length */
    assert_int_equal(yc_date_parse("2025-09-30", 9, &day), -1);
    assert_int_equal(yc_date_parse("2025-09-30", 11, &day), -1);
}

static void
test_format(void **state)
{
    char out[11];
    int32_t day;

    (void)state;
    yc_date_format(0, out);
    assert_string_equal(out, "1970-01-01");
    yc_date_format(-25567, out);
    assert_string_equal(out, "1900-01-01");
    yc_date_format(20361, out);
    assert_string_equal(out, "2025-09-30");
    yc_date_format(84005, out);
    assert_string_equal(out, "2199-12-31");
    yc_date_format(yc_date_from_ymd(9999, 12, 31), out);
    assert_string_equal(out, "9999-12-31");
    yc_date_format(yc_date_from_ymd(5, 3, 7), out);
    assert_string_equal(out, "0005-03-07");
    yc_date_format(yc_date_from_ymd(10000, 1, 1), out);
    assert_string_equal(out, "\?\?\?\?-\?\?-\?\?");
    yc_date_format(yc_date_from_ymd(-1, 12, 31), out);
    assert_string_equal(out, "\?\?\?\?-\?\?-\?\?");
    /* format then parse gives the day back over the whole accepted range */
    for (day = -25567; day <= 84005; day += 7) {
        int32_t back = 0;

        yc_date_format(day, out);
        assert_int_equal(yc_date_parse(out, 10, &back), 0);
        assert_int_equal(back, day);
    }
}

static void
test_format_hanzi(void **state)
{
    static const struct {
        int y, m, d;
        const char *zh;
    } cases[] = {
        {2025, 10, 15, "二〇二五年十月十五日"}, {2026, 11, 25, "二〇二六年十一月二十五日"},
        {2025, 1, 1, "二〇二五年一月一日"},     {2025, 12, 31, "二〇二五年十二月三十一日"},
        {2025, 10, 10, "二〇二五年十月十日"},   {2025, 10, 20, "二〇二五年十月二十日"},
        {2000, 2, 29, "二〇〇〇年二月二十九日"}, {1999, 9, 30, "一九九九年九月三十日"},
    };
    char out[YC_DATE_HANZI_SIZE];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        yc_date_format_hanzi(yc_date_from_ymd(cases[i].y, cases[i].m, cases[i].d), out);
        assert_string_equal(out, cases[i].zh);
    }
    /* the longest date fits */
    yc_date_format_hanzi(yc_date_from_ymd(2888, 12, 28), out);
    assert_string_equal(out, "二八八八年十二月二十八日");
    assert_true(strlen(out) + 1 <= YC_DATE_HANZI_SIZE);
    yc_date_format_hanzi(yc_date_from_ymd(10000, 1, 1), out);
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_ymd_known_days),
        cmocka_unit_test(test_to_ymd_walk_1900_2199),
        cmocka_unit_test(test_to_ymd_extremes),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_valid_ymd),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_hanzi),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
