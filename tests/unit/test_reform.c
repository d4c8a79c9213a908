/*
 * test_reform.c - unit tests of src/domain/reform.c, the arithmetic of the reform dashboard, on the
 * plan's own files (the embedded CSV files of data/) and small hand-made inputs.
 *
 * Expected figures were worked out by hand from the CSV files (and checked with a short Python
 * script summing the columns): Annex 2 totals 733 8 167 36 8 329 325 = 1606; Annex 3 windows
 * 84 -> 63 of which 15 for new entrants, so 48 and (84 - 48) / 84 = 42.857% -> 429 permille;
 * staff before 170, front after 63 (the 无差别 zone's 12 and the 专厅's 8 shared, one per window),
 * back office 126 resident and 14 not; the 无差别 zone alone: staff before 78, resident 64,
 * non-resident 3.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "base/mem.h"
#include "domain/reform.h"
#include "gen/embedded.h"

#include "base/banned.h"

static const struct yc_embedded_file *
file(const char *name)
{
    const struct yc_embedded_file *f = yc_embedded_file(name);
    assert_non_null(f);
    return f;
}

static void
test_permille(void **state)
{
    char t[32];

    (void)state;
    assert_int_equal(yc_reform_permille(36, 84), 429);
    assert_int_equal(yc_reform_permille(5, 7), 714);
    assert_int_equal(yc_reform_permille(2, 3), 667);
    assert_int_equal(yc_reform_permille(1, 3), 333);
    assert_int_equal(yc_reform_permille(1, 2), 500);
    assert_int_equal(yc_reform_permille(-1, 2), -500);
    assert_int_equal(yc_reform_permille(-36, 84), -429);
    assert_int_equal(yc_reform_permille(0, 0), 0);
    assert_int_equal(yc_reform_permille(84, 84), 1000);
    yc_reform_permille_text(429, t);
    assert_string_equal(t, "42.9%");
    yc_reform_permille_text(1000, t);
    assert_string_equal(t, "100.0%");
    yc_reform_permille_text(-5, t);
    assert_string_equal(t, "-0.5%");
    yc_reform_permille_text(0, t);
    assert_string_equal(t, "0.0%");
}

static void
test_types(void **state)
{
    (void)state;
    assert_int_equal(yc_reform_type_index("01"), 0);
    assert_int_equal(yc_reform_type_index("20"), 6);
    assert_int_equal(yc_reform_type_index("02"), -1);
    assert_string_equal(yc_reform_types[5].zh, "其他行政权力");
}

static void
test_annex2_plan_and_actuals(void **state)
{
    static const int64_t col_totals[8] = {733, 8, 167, 36, 8, 329, 325, 1606};
    const struct yc_embedded_file *f = file("annex2-matters-by-department.csv");
    struct yc_arena a;
    struct yc_annex2 t;
    long bad = 0;
    size_t jt = 99;

    (void)state;
    yc_arena_init(&a);
    assert_int_equal(yc_annex2_load_plan(&t, &a, f->data, f->len, &bad), 0);
    assert_int_equal(t.n, 42);
    yc_annex2_add(&t, &a, "市交通运输局", "01", 3);
    yc_annex2_add(&t, &a, "市交通运输局", "20", 1);
    yc_annex2_add(&t, &a, "市交通运输局", "02", 4); /* not on application: not counted */
    yc_annex2_add(&t, &a, "市数据局", "01", 1);     /* not in the plan: a row of its own */
    yc_annex2_finish(&t);
    assert_int_equal(t.n, 43);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(t.total.plan[i], col_totals[i]);
    }
    for (size_t i = 0; i < t.n; i++) {
        jt = strcmp(t.rows[i].department, "市交通运输局") == 0 ? i : jt;
    }
    assert_int_equal(jt, 14);
    assert_int_equal(t.rows[jt].plan[YC_REFORM_TOTAL], 198);
    assert_int_equal(t.rows[jt].actual[0], 3);
    assert_int_equal(t.rows[jt].diff[0], 3 - 128);
    assert_int_equal(t.rows[jt].diff[6], 1); /* plan 0 公共服务, one entered */
    assert_int_equal(t.rows[jt].actual[YC_REFORM_TOTAL], 4);
    assert_int_equal(t.rows[jt].diff[YC_REFORM_TOTAL], 4 - 198);
    assert_string_equal(t.rows[42].department, "市数据局");
    assert_int_equal(t.rows[42].in_plan, 0);
    assert_int_equal(t.rows[42].diff[YC_REFORM_TOTAL], 1);
    assert_int_equal(t.ignored, 4);
    assert_int_equal(t.total.actual[YC_REFORM_TOTAL], 5);
    assert_int_equal(t.total.diff[YC_REFORM_TOTAL], 5 - 1606);
    yc_arena_release(&a);
}

static void
test_annex2_bad_file(void **state)
{
    static const char bad_header[] = "seq,department,xingzheng_xuke\n1,市教育局,3\n";
    static const char bad_number[] =
        "seq,department,xingzheng_xuke,xingzheng_geifu,xingzheng_queren,xingzheng_jiangli,"
        "xingzheng_caijue,qita_xingzheng_quanli,gonggong_fuwu,total\n"
        "1,市教育局,16,0,1,4,0,4,9,34\n2,市科技局,x,0,1,0,0,0,1,2\n";
    struct yc_arena a;
    struct yc_annex2 t;
    long bad = 0;

    (void)state;
    yc_arena_init(&a);
    assert_int_equal(yc_annex2_load_plan(&t, &a, bad_header, strlen(bad_header), &bad), -1);
    assert_int_equal(yc_annex2_load_plan(&t, &a, bad_number, strlen(bad_number), &bad), -1);
    assert_int_equal(bad, 3);
    yc_arena_release(&a);
}

static const struct yc_annex3_zone *
zone(const struct yc_annex3 *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->zones[i].zone, name) == 0) {
            return &t->zones[i];
        }
    }
    fail_msg("zone %s missing", name);
    return NULL;
}

static void
test_annex3_plan(void **state)
{
    const struct yc_embedded_file *f = file("annex3-window-plan.csv");
    const int64_t wudiff[5] = {12, 0, 12, 18, 0};
    const int64_t virt[5] = {0, 0, 0, 0, 0};
    const struct yc_annex3_zone *z;
    struct yc_arena a;
    struct yc_annex3 t;
    long bad;

    (void)state;
    yc_arena_init(&a);
    assert_int_equal(yc_annex3_load_plan(&t, &a, f->data, f->len, &bad), 0);
    assert_int_equal(t.n, 8);
    yc_annex3_set_config(&t, &a, 1, "无差别综合窗口", wudiff);
    yc_annex3_set_config(&t, &a, 1, "虚拟窗口", virt);
    yc_annex3_finish(&t);
    assert_int_equal(t.n, 9);
    assert_int_equal(t.total.windows_before, 84);
    assert_int_equal(t.total.windows_after, 63);
    assert_int_equal(t.total.windows_new, 15);
    assert_int_equal(t.total.staff_before, 170);
    assert_int_equal(t.total.front_after, 63);
    assert_int_equal(t.total.resident_after, 126);
    assert_int_equal(t.total.nonresident_after, 14);
    assert_int_equal(t.total.cases_2024, 1369221);
    assert_int_equal(t.plan_after_existing, 48);
    assert_int_equal(t.plan_reduction_permille, 429);
    z = zone(&t, "无差别综合窗口");
    assert_int_equal(z->floor, 1);
    assert_int_equal(z->windows_before, 23);
    assert_int_equal(z->windows_after, 12);
    assert_int_equal(z->front_after, 12); /* shared: one per window */
    assert_int_equal(z->staff_before, 78);
    assert_int_equal(z->resident_after, 64);
    assert_int_equal(z->nonresident_after, 3);
    assert_int_equal(z->cfg_resident, 18);
    z = zone(&t, "社会保障综合窗口");
    assert_int_equal(z->windows_new, 2);  /* 工伤失业 1 + 就业服务 1 */
    assert_int_equal(z->front_after, 11); /* named per unit: 2 + 7 + 1 + 1 */
    z = zone(&t, "公安业务综窗");
    assert_int_equal(z->windows_new, 11);
    assert_int_equal(z->floor, 2);
    z = zone(&t, "企业服务专厅");
    assert_int_equal(z->front_after, 8);
    assert_int_equal(z->nonresident_after, 10);
    z = zone(&t, "虚拟窗口");
    assert_int_equal(z->in_plan, 0);
    assert_int_equal(z->in_hall, 1);
    /* configured: 12 windows, none for new entrants: (84 - 12) / 84 */
    assert_int_equal(t.total.cfg_windows, 12);
    assert_int_equal(t.cfg_after_existing, 12);
    assert_int_equal(t.cfg_reduction_permille, 857);
    yc_arena_release(&a);
}

static void
test_targets(void **state)
{
    const struct yc_embedded_file *f = file("reform-targets.csv");
    int64_t v = 0;

    (void)state;
    assert_int_equal(yc_reform_target(f->data, f->len, "undifferentiated_share", &v), 0);
    assert_int_equal(v, 70);
    assert_int_equal(yc_reform_target(f->data, f->len, "window_reduction", &v), 0);
    assert_int_equal(v, 40);
    assert_int_equal(yc_reform_target(f->data, f->len, "progress_report_interval", &v), 0);
    assert_int_equal(v, 15);
    assert_int_equal(yc_reform_target(f->data, f->len, "no_such_target", &v), -1);
}

static void
test_share(void **state)
{
    struct yc_share s;

    (void)state;
    yc_reform_share(7, 5, 70, &s);
    assert_int_equal(s.permille, 714);
    assert_true(s.meets);
    assert_int_equal(s.needed, 0);
    yc_reform_share(10, 6, 70, &s); /* 60%: one more reaches 7 of 10 */
    assert_int_equal(s.permille, 600);
    assert_false(s.meets);
    assert_int_equal(s.needed, 1);
    yc_reform_share(3, 2, 70, &s); /* 2.1 rounds up to 3 */
    assert_false(s.meets);
    assert_int_equal(s.needed, 1);
    yc_reform_share(10, 7, 70, &s); /* exactly 70% meets */
    assert_true(s.meets);
    assert_int_equal(s.needed, 0);
    yc_reform_share(0, 0, 70, &s); /* nothing entered meets nothing */
    assert_false(s.meets);
    assert_int_equal(s.needed, 0);
    assert_int_equal(s.permille, 0);
    yc_reform_share(1606, 1000, 70, &s); /* the plan's size: 1124.2 -> 1125 */
    assert_int_equal(s.needed, 125);
    assert_int_equal(s.permille, 623);
}

static void
test_steps(void **state)
{
    const struct yc_embedded_file *f = file("reform-steps.csv");
    struct yc_reform_step *s;
    struct yc_arena a;
    size_t n;
    long bad;
    int32_t oct15 = yc_date_from_ymd(2025, 10, 15);

    (void)state;
    yc_arena_init(&a);
    assert_int_equal(yc_reform_steps_load(&a, f->data, f->len, &s, &n, &bad), 0);
    assert_int_equal(n, 8);
    assert_int_equal(s[0].seq, 1);
    assert_string_equal(s[0].step, "开展事项梳理优化");
    assert_int_equal(s[0].deadline, yc_date_from_ymd(2025, 7, 31));
    assert_int_equal(s[7].deadline, yc_date_from_ymd(2025, 11, 30));
    assert_non_null(strstr(s[3].responsible, "市公安局"));
    /* 2025-07-31 to 2025-10-15: 31 days of August, 30 of September, 15 of October = 76 */
    assert_int_equal(yc_reform_step_overdue_days(s[0].deadline, YC_STEP_IN_PROGRESS, oct15), 76);
    assert_int_equal(yc_reform_step_overdue_days(s[0].deadline, YC_STEP_NOT_STARTED, oct15), 76);
    assert_int_equal(yc_reform_step_overdue_days(s[0].deadline, YC_STEP_DONE, oct15), 0);
    assert_int_equal(yc_reform_step_overdue_days(s[7].deadline, YC_STEP_NOT_STARTED, oct15), 0);
    assert_int_equal(yc_reform_step_overdue_days(oct15, YC_STEP_NOT_STARTED, oct15), 0);
    assert_int_equal(yc_step_status_by_name("已完成"), YC_STEP_DONE);
    assert_int_equal(yc_step_status_by_name("in_progress"), YC_STEP_IN_PROGRESS);
    assert_int_equal(yc_step_status_by_name("未开始"), YC_STEP_NOT_STARTED);
    assert_int_equal(yc_step_status_by_name("finished"), -1);
    yc_arena_release(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_permille),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_annex2_plan_and_actuals),
        cmocka_unit_test(test_annex2_bad_file),
        cmocka_unit_test(test_annex3_plan),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_share),
        cmocka_unit_test(test_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
