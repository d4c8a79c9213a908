/*
 * test_report_period.c - unit tests of src/domain/report_period.c: half-months across month ends
 * and February (leap and not), years and free ranges, the previous period, what each case event
 * counts as, the scorecard formula with its caps, the ranking with ties, the change sentences, the
 * 明进暗不进 rule and pro-rating. Every expected value is worked out by hand in the comments; the
 * working days of periods come from the holiday calendar (data/cn-holidays.csv, 2025 and 2026).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/mem.h"
#include "domain/calendar.h"
#include "domain/report_period.h"
#include "gen/embedded.h"

#include "base/banned.h"

static int32_t
day(const char *s)
{
    int32_t d = 0;
    assert_int_equal(yc_date_parse(s, strlen(s), &d), 0);
    return d;
}

static void
assert_period(const struct yc_period *p, const char *id, const char *from, const char *to)
{
    assert_string_equal(p->id, id);
    assert_int_equal(p->from, day(from));
    assert_int_equal(p->to, day(to));
}

static void
test_half_months(void **state)
{
    struct yc_period p, q;

    (void)state;
    assert_int_equal(yc_period_parse_half("2026-11-1", &p), 0);
    assert_period(&p, "2026-11-1", "2026-11-01", "2026-11-15");
    assert_int_equal(p.kind, YC_PERIOD_HALF);
    assert_int_equal(yc_period_parse_half("2026-11-2", &p), 0);
    assert_period(&p, "2026-11-2", "2026-11-16", "2026-11-30"); /* November has 30 */
    assert_int_equal(yc_period_parse_half("2026-02-2", &p), 0);
    assert_period(&p, "2026-02-2", "2026-02-16", "2026-02-28"); /* 2026 is not a leap year */
    assert_int_equal(yc_period_days(&p), 13);
    assert_int_equal(yc_period_parse_half("2024-02-2", &p), 0);
    assert_period(&p, "2024-02-2", "2024-02-16", "2024-02-29"); /* 2024 is */
    assert_int_equal(yc_period_parse_half("2025-12-2", &p), 0);
    assert_period(&p, "2025-12-2", "2025-12-16", "2025-12-31");
    /* the half-month holding a day, across month ends */
    yc_period_half_of(day("2026-01-31"), &p);
    assert_period(&p, "2026-01-2", "2026-01-16", "2026-01-31");
    yc_period_half_of(day("2026-02-01"), &p);
    assert_period(&p, "2026-02-1", "2026-02-01", "2026-02-15");
    yc_period_half_of(day("2026-03-15"), &p);
    assert_period(&p, "2026-03-1", "2026-03-01", "2026-03-15");
    yc_period_half_of(day("2026-03-16"), &p);
    assert_period(&p, "2026-03-2", "2026-03-16", "2026-03-31");
    /* previous and next: over a month end and a year end */
    assert_int_equal(yc_period_parse_half("2026-03-1", &p), 0);
    yc_period_prev(&p, &q);
    assert_period(&q, "2026-02-2", "2026-02-16", "2026-02-28");
    assert_int_equal(yc_period_parse_half("2026-01-1", &p), 0);
    yc_period_prev(&p, &q);
    assert_period(&q, "2025-12-2", "2025-12-16", "2025-12-31");
    yc_period_next_half(&q, &p);
    assert_period(&p, "2026-01-1", "2026-01-01", "2026-01-15");
    assert_int_equal(yc_period_parse_half("2026-02-1", &p), 0);
    yc_period_next_half(&p, &q);
    assert_period(&q, "2026-02-2", "2026-02-16", "2026-02-28");
    /* bad ids */
    assert_int_equal(yc_period_parse_half("2026-11-3", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("2026-13-1", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("2026-00-1", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("2026-1-1", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("2026-11-01", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("２026-11-1", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("", &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half(NULL, &p), YC_PERIOD_EFORMAT);
    assert_int_equal(yc_period_parse_half("1899-12-2", &p), YC_PERIOD_ERANGE);
}

static void
test_years_and_ranges(void **state)
{
    struct yc_period p, q;

    (void)state;
    assert_int_equal(yc_period_year(2026, &p), 0);
    assert_period(&p, "2026", "2026-01-01", "2026-12-31");
    assert_int_equal(yc_period_days(&p), 365);
    yc_period_prev(&p, &q);
    assert_period(&q, "2025", "2025-01-01", "2025-12-31");
    assert_int_equal(yc_period_year(2024, &p), 0);
    assert_int_equal(yc_period_days(&p), 366);
    assert_int_equal(yc_period_year(2200, &p), YC_PERIOD_ERANGE);
    /* a range that is exactly a half-month or a year takes that kind */
    assert_int_equal(yc_period_range(day("2026-02-16"), day("2026-02-28"), &p), 0);
    assert_int_equal(p.kind, YC_PERIOD_HALF);
    assert_string_equal(p.id, "2026-02-2");
    assert_int_equal(yc_period_range(day("2025-01-01"), day("2025-12-31"), &p), 0);
    assert_int_equal(p.kind, YC_PERIOD_YEAR);
    /* otherwise a range; its previous period has the same length, just before */
    assert_int_equal(yc_period_range(day("2026-03-05"), day("2026-04-20"), &p), 0);
    assert_int_equal(p.kind, YC_PERIOD_RANGE);
    assert_string_equal(p.id, "2026-03-05..2026-04-20");
    assert_int_equal(yc_period_days(&p), 47); /* 27 in March + 20 in April */
    yc_period_prev(&p, &q);
    assert_int_equal(q.to, day("2026-03-04"));
    assert_int_equal(q.from, day("2026-01-17")); /* 47 days: Jan 17..31 (15), Feb (28), Mar 1..4 */
    /* one day is a range too; inverted and too long are refused */
    assert_int_equal(yc_period_range(day("2026-03-05"), day("2026-03-05"), &p), 0);
    assert_int_equal(yc_period_days(&p), 1);
    assert_int_equal(yc_period_range(day("2026-03-10"), day("2026-03-01"), &p),
                     YC_PERIOD_EINVERTED);
    assert_int_equal(yc_period_range(day("2024-01-01"), day("2026-12-31"), &p), 0); /* 1096 */
    assert_int_equal(yc_period_range(day("2024-01-01"), day("2027-01-01"), &p), YC_PERIOD_ERANGE);
}

static void
test_labels(void **state)
{
    struct yc_arena a;
    struct yc_period p;

    (void)state;
    yc_arena_init(&a);
    assert_int_equal(yc_period_parse_half("2026-02-2", &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2026年2月下半月（2月16日至28日）");
    assert_int_equal(yc_period_parse_half("2026-11-1", &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2026年11月上半月（11月1日至15日）");
    assert_int_equal(yc_period_year(2026, &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2026年度（1月1日至12月31日）");
    assert_int_equal(yc_period_range(day("2026-03-05"), day("2026-04-20"), &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2026年3月5日至4月20日");
    assert_int_equal(yc_period_range(day("2025-12-20"), day("2026-01-05"), &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2025年12月20日至2026年1月5日");
    assert_int_equal(yc_period_range(day("2026-03-02"), day("2026-03-09"), &p), 0);
    assert_string_equal(yc_period_label(&a, &p), "2026年3月2日至9日");
    yc_arena_release(&a);
}

/* Working days of half-months from the real calendar: the periods follow the calendar, the
 * working-day counts the clocks' calendar. */
static void
test_workdays_of_periods(void **state)
{
    const struct yc_embedded_file *f = yc_embedded_file("cn-holidays.csv");
    struct yc_cal_entries e = {0};
    struct yc_cal_parse_err pe;
    struct yc_calendar *cal = yc_cal_new();
    static const struct {
        const char *id;
        int workdays; /* by hand from data/cn-holidays.csv */
    } cases[] = {
        /* Feb 16-28 2026: 16-23 off (春节); 24-27 Tue-Fri 4; Sat 28 a make-up working day */
        {"2026-02-2", 5},
        /* Feb 1-15 2026: Feb 2-6, 9-13 (10); Sat 14 make-up (11); Sun 15 off */
        {"2026-02-1", 11},
        /* Mar 1-15 2026: Mar 2-6, 9-13 */
        {"2026-03-1", 10},
        /* Oct 1-15 2025: 1-8 off (国庆中秋); 9, 10, Sat 11 make-up, 13, 14, 15 */
        {"2025-10-1", 6},
        /* Sep 16-30 2025: 16-19, 22-26, Sun 28 make-up, 29, 30 */
        {"2025-09-2", 12},
        /* Dec 16-31 2025: 16-19, 22-26, 29-31 (元旦 2026 starts Jan 1) */
        {"2025-12-2", 12},
    };

    (void)state;
    assert_non_null(f);
    assert_int_equal(yc_cal_parse_csv(f->data, f->len, &e, &pe), 0);
    assert_int_equal(yc_cal_apply(cal, &e), 0);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct yc_period p;
        int n = 0, is, missing = 0;
        assert_int_equal(yc_period_parse_half(cases[i].id, &p), 0);
        for (int32_t d = p.from; d <= p.to; d++) {
            assert_int_equal(yc_cal_is_workday(cal, d, &is, &missing), 0);
            n += is;
        }
        assert_int_equal(n, cases[i].workdays);
    }
    /* 2027 has no notice yet: a period there names the year */
    {
        struct yc_period p;
        int is, missing = 0;
        assert_int_equal(yc_period_parse_half("2027-01-1", &p), 0);
        assert_int_equal(yc_cal_is_workday(cal, p.from, &is, &missing), YC_CAL_ENOYEAR);
        assert_int_equal(missing, 2027);
    }
    yc_cal_entries_release(&e);
    yc_cal_free(cal);
}

#define B(m) (1u << (m))

static void
test_event_metrics(void **state)
{
    (void)state;
    assert_int_equal(yc_report_event_metrics("receive", ""), B(YC_M_RECEIVED));
    assert_int_equal(yc_report_event_metrics("accept", "received"), B(YC_M_ACCEPTED));
    assert_int_equal(yc_report_event_metrics("accept_conditionally", "received"),
                     B(YC_M_ACCEPTED));
    assert_int_equal(yc_report_event_metrics("supplement_complete", "awaiting_materials"),
                     B(YC_M_ACCEPTED));
    assert_int_equal(yc_report_event_metrics("deem_accepted", "received"), B(YC_M_ACCEPTED));
    assert_int_equal(yc_report_event_metrics("handle_on_spot", "received"),
                     B(YC_M_ACCEPTED) | B(YC_M_DECIDED));
    assert_int_equal(yc_report_event_metrics("refuse", "awaiting_materials"), B(YC_M_REFUSED));
    /* the first 补正 notice only */
    assert_int_equal(yc_report_event_metrics("request_supplement", "received"),
                     B(YC_M_SUPPLEMENT));
    assert_int_equal(yc_report_event_metrics("request_supplement", "awaiting_materials"), 0);
    assert_int_equal(yc_report_event_metrics("decide_grant", "signed"), B(YC_M_DECIDED));
    assert_int_equal(yc_report_event_metrics("decide_refuse", "signed"), B(YC_M_DECIDED));
    assert_int_equal(yc_report_event_metrics("extend", "in_review"), B(YC_M_EXTENDED));
    assert_int_equal(yc_report_event_metrics("request_materials", "in_review"), B(YC_M_STOPPED));
    assert_int_equal(yc_report_event_metrics("suspend", "in_review"), B(YC_M_STOPPED));
    /* the rest count as nothing */
    assert_int_equal(yc_report_event_metrics("start_review", "accepted"), 0);
    assert_int_equal(yc_report_event_metrics("sign", "in_review"), 0);
    assert_int_equal(yc_report_event_metrics("seal", "decided"), 0);
    assert_int_equal(yc_report_event_metrics("withdraw", "in_review"), 0);
    assert_int_equal(yc_report_event_metrics("no_such_event", "received"), 0);
    assert_int_equal(yc_report_event_metrics(NULL, NULL), 0);
    /* keys */
    assert_int_equal(yc_metric_by_key("overdue"), YC_M_OVERDUE);
    assert_int_equal(yc_metric_by_key("awaiting_materials"), YC_M_SUPPLEMENT);
    assert_int_equal(yc_metric_by_key("dark_matters"), YC_M_DARK);
    assert_int_equal(yc_metric_by_key("Overdue"), -1);
}

static void
test_score(void **state)
{
    int64_t v[YC_M__MAX] = {0};
    struct yc_score s;

    (void)state;
    yc_report_score(v, &s);
    assert_int_equal(s.score, 100);
    assert_int_equal(s.total_deduction, 0);
    /* 1 red (2) + 3 overdue (3) + 1 unrectified (2) + 1 dark (5) = 12 */
    v[YC_M_RED] = 1;
    v[YC_M_OVERDUE] = 3;
    v[YC_M_UNRECTIFIED] = 1;
    v[YC_M_DARK] = 1;
    v[YC_M_YELLOW] = 7; /* not in the formula */
    yc_report_score(v, &s);
    assert_int_equal(s.deduction[0], 2);
    assert_int_equal(s.deduction[1], 3);
    assert_int_equal(s.deduction[2], 2);
    assert_int_equal(s.deduction[3], 5);
    assert_int_equal(s.total_deduction, 12);
    assert_int_equal(s.score, 88);
    /* the caps: 20 red -> 40 capped to 30; 45 overdue -> 30; 11 unrectified -> 22 capped to 20;
     * 3 dark -> 15: 95 in all */
    v[YC_M_RED] = 20;
    v[YC_M_OVERDUE] = 45;
    v[YC_M_UNRECTIFIED] = 11;
    v[YC_M_DARK] = 3;
    yc_report_score(v, &s);
    assert_int_equal(s.deduction[0], 30);
    assert_int_equal(s.deduction[1], 30);
    assert_int_equal(s.deduction[2], 20);
    assert_int_equal(s.deduction[3], 15);
    assert_int_equal(s.score, 5);
    /* every cap reached: 100 deducted, never below 0 */
    v[YC_M_DARK] = 10;
    yc_report_score(v, &s);
    assert_int_equal(s.total_deduction, 100);
    assert_int_equal(s.score, 0);
    /* negative counts never add points */
    memset(v, 0, sizeof(v));
    v[YC_M_OVERDUE] = -4;
    yc_report_score(v, &s);
    assert_int_equal(s.score, 100);
}

static void
test_rank(void **state)
{
    /* score, on-time permille, received, active */
    struct yc_rank_item it[] = {
        {94, 750, 6, 1, 0},   /* 0 */
        {100, 1000, 0, 0, 0}, /* 1: nothing done: unranked */
        {100, 1000, 4, 1, 0}, /* 2 */
        {94, 750, 6, 1, 0},   /* 3: equal to 0 on all three: shares its rank */
        {94, 800, 2, 1, 0},   /* 4: same score, better on time */
        {99, 667, 3, 1, 0},   /* 5 */
        {100, 1000, 9, 1, 0}, /* 6: same score and rate as 2, more received */
    };
    size_t order[7];

    (void)state;
    yc_report_rank(it, 7, order);
    /* 6 (100, 9), 2 (100, 4), 5 (99), 4 (94, 800), 0 and 3 (94, 750, 6), then 1 unranked */
    assert_int_equal(order[0], 6);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 5);
    assert_int_equal(order[3], 4);
    assert_int_equal(order[4], 0);
    assert_int_equal(order[5], 3);
    assert_int_equal(order[6], 1);
    assert_int_equal(it[6].rank, 1);
    assert_int_equal(it[2].rank, 2);
    assert_int_equal(it[5].rank, 3);
    assert_int_equal(it[4].rank, 4);
    assert_int_equal(it[0].rank, 5);
    assert_int_equal(it[3].rank, 5);
    assert_int_equal(it[1].rank, 0);
    /* on-time rate: nothing decided is 1000 */
    assert_int_equal(yc_report_on_time_permille(0, 0), 1000);
    assert_int_equal(yc_report_on_time_permille(2, 3), 667);
}

static void
test_changes(void **state)
{
    struct yc_arena a;
    const char *out[8];
    int defined;
    const struct yc_change_row rows[] = {
        /* +100%: notable by the change alone */
        {"市市场监督管理局", 2, 1, 0, 0, 0, 0},
        /* unchanged but an overdue decision: weight 1 */
        {"市交通运输局", 2, 2, 1, 0, 0, 0},
        /* +5%: not notable */
        {"市卫生健康委员会", 21, 20, 0, 0, 0, 0},
        /* -25% with a red card and a dark matter: weight 2, first */
        {"市住房公积金中心", 3, 4, 0, 1, 0, 1},
        /* from none */
        {"市民政局", 4, 0, 0, 0, 0, 0},
        /* nothing either time */
        {"市林业局", 0, 0, 0, 0, 0, 0},
        /* -10% (notable) and a bad review not rectified in time: weight 1, like 交通 */
        {"市司法局", 9, 10, 0, 0, 1, 0},
    };
    size_t n;

    (void)state;
    assert_int_equal(yc_report_change_pct(112, 100, &defined), 12);
    assert_int_equal(defined, 1);
    assert_int_equal(yc_report_change_pct(1, 3, &defined), -67); /* -66.7 away from zero */
    assert_int_equal(yc_report_change_pct(3, 2, &defined), 50);
    assert_int_equal(yc_report_change_pct(5, 0, &defined), 0);
    assert_int_equal(defined, 0);
    yc_arena_init(&a);
    n = yc_report_changes(&a, rows, 7, out, 8);
    assert_int_equal(n, 5);
    assert_string_equal(out[0], "市住房公积金中心受理量较上期减少 25%，红牌 1 件，明进暗不进事项 1 项");
    /* 交通 and 司法 weigh 1 each: the larger change first (司法 10% > 交通 0%) */
    assert_string_equal(out[1], "市司法局受理量较上期减少 10%，差评逾期未整改 1 件");
    assert_string_equal(out[2], "市交通运输局受理量与上期持平（2 件），超期 1 件");
    assert_string_equal(out[3], "市民政局受理 4 件（上期无受理）");
    assert_string_equal(out[4], "市市场监督管理局受理量较上期增加 100%");
    /* at most max */
    assert_int_equal(yc_report_changes(&a, rows, 7, out, 2), 2);
    yc_arena_release(&a);
}

static void
test_dark_and_prorate(void **state)
{
    (void)state;
    /* a year: 3 cases in the year before make 3 expected */
    assert_int_equal(yc_report_dark(0, 3, 365, 365), 1);
    assert_int_equal(yc_report_dark(0, 2, 365, 365), 0);
    assert_int_equal(yc_report_dark(1, 300, 365, 365), 0); /* handled: no signal */
    /* a half-month of 15 days: 73 a year give 73*15/365 = 3.0 expected; 72 give 2.96 */
    assert_int_equal(yc_report_dark(0, 73, 15, 365), 1);
    assert_int_equal(yc_report_dark(0, 72, 15, 365), 0);
    /* February's second half, 13 days: 85 * 13 = 1105 >= 1095; 84 * 13 = 1092 < 1095 */
    assert_int_equal(yc_report_dark(0, 85, 13, 365), 1);
    assert_int_equal(yc_report_dark(0, 84, 13, 365), 0);
    assert_int_equal(yc_report_dark(0, 0, 15, 365), 0);
    /* Annex 3's 1,369,221 cases of 2024 (366 days): 15 days -> 56,115.6 -> 56,116; a year of 365
     * days -> 1,365,480.0 -> 1,365,480; 28 days -> 104,749.2 -> 104,749 */
    assert_int_equal(yc_report_prorate(1369221, 15, 366), 56116);
    assert_int_equal(yc_report_prorate(1369221, 365, 366), 1365480);
    assert_int_equal(yc_report_prorate(1369221, 28, 366), 104749);
    /* half up: 1 * 183 / 366 = 0.5 -> 1 */
    assert_int_equal(yc_report_prorate(1, 183, 366), 1);
    assert_int_equal(yc_report_prorate(1, 182, 366), 0);
    assert_int_equal(yc_report_prorate(5, 10, 0), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half_months),     cmocka_unit_test(test_years_and_ranges),
        cmocka_unit_test(test_labels),          cmocka_unit_test(test_workdays_of_periods),
        cmocka_unit_test(test_event_metrics),   cmocka_unit_test(test_score),
        cmocka_unit_test(test_rank),            cmocka_unit_test(test_changes),
        cmocka_unit_test(test_dark_and_prorate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
