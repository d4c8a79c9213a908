/*
 * test_matter.c - unit tests of src/domain/matter.c: the import cells of a matter, its checks,
 * the export cells (parse -> cell -> parse keeps the digest), JSON lists, the digest, problem
 * lists. Expected values follow docs/catalogue.md and DOMAIN.md "The catalogue".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/str.h"
#include "domain/matter.h"

#include "base/banned.h"

static struct yc_arena arena;
static struct yc_issues *is;

static int
setup(void **state)
{
    (void)state;
    yc_arena_init(&arena);
    is = yc_arena_alloc(&arena, sizeof(*is));
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    yc_arena_release(&arena);
    return 0;
}

/* A valid matter from cells in the layout's order. */
static void
parse_row(struct yc_matter *m, const char *const cells[YC_MC__MAX])
{
    yc_matter_init(m);
    for (int c = 0; c < YC_MC__MAX; c++) {
        yc_matter_parse_cell(&arena, (enum yc_matter_col)c, cells[c], m, is);
    }
    m->department_id = 7;
    yc_matter_check(m, is);
}

static const char *const FOOD[YC_MC__MAX] = {
    "11430500MB1534170G4000112345000",
    "食品经营许可",
    "市市场监督管理局",
    "1",
    "20",
    "5",
    "无差别",
    "是",
    " 食品许可证 || 食品经营许可证 ",
    "企业开办",
    "第一条\r\n第二条",
    "申请书|原件|1|1|0|签字盖章|见示范文本\n\n营业执照|复印件\n身份证明|原件及复印件|2|否|是||",
    "《中华人民共和国食品安全法》第三十五条",
    "不收费",
    "需要核查吗？|不需要|真的",
    "预包装食品|预先定量包装的食品",
};

static void
test_parse_cells(void **state)
{
    struct yc_matter m;

    (void)state;
    parse_row(&m, FOOD);
    assert_int_equal(is->total, 0);
    assert_string_equal(m.type, "01"); /* "1" is padded */
    assert_int_equal(m.window_class, YC_WC_UNDIFFERENTIATED);
    assert_int_equal(m.entered, 1);
    assert_int_equal(m.statutory_days, 20);
    assert_int_equal(m.promised_days, 5);
    assert_int_equal(m.naliases, 2);
    assert_string_equal(m.aliases[0], "食品许可证");
    assert_string_equal(m.aliases[1], "食品经营许可证");
    assert_string_equal(m.conditions, "第一条\n第二条");
    assert_int_equal(m.nmaterials, 3);
    assert_string_equal(m.materials[0].review_points, "签字盖章");
    assert_string_equal(m.materials[0].sample, "见示范文本");
    /* defaults: one copy, required, no 容缺 */
    assert_int_equal(m.materials[1].form, YC_MF_COPY);
    assert_int_equal(m.materials[1].copies, 1);
    assert_int_equal(m.materials[1].required, 1);
    assert_int_equal(m.materials[1].rongque, 0);
    assert_int_equal(m.materials[2].form, YC_MF_BOTH);
    assert_int_equal(m.materials[2].copies, 2);
    assert_int_equal(m.materials[2].required, 0);
    assert_int_equal(m.materials[2].rongque, 1);
    /* an answer keeps any further '|' */
    assert_int_equal(m.nfaq, 1);
    assert_string_equal(m.faq[0].answer, "不需要|真的");
    assert_string_equal(m.glossary[0].definition, "预先定量包装的食品");
    assert_true(yc_matter_code_is_national(m.code));
    assert_false(yc_matter_code_is_national("SY-GJJ-0001"));
}

static void
expect_issue(const char *col, const char *code)
{
    assert_true(is->n >= 1);
    assert_string_equal(is->item[is->n - 1].column, col);
    assert_string_equal(is->item[is->n - 1].code, code);
}

static void
test_bad_cells(void **state)
{
    static const struct {
        enum yc_matter_col col;
        const char *text;
        const char *code;
    } cases[] = {
        {YC_MC_TYPE, "02", "type_invalid"}, /* exists, but not on application */
        {YC_MC_TYPE, "99", "type_invalid"},
        {YC_MC_TYPE, "", "field_required"},
        {YC_MC_STATUTORY_DAYS, "二十", "days_invalid"},
        {YC_MC_STATUTORY_DAYS, "3651", "days_invalid"},
        {YC_MC_PROMISED_DAYS, "-1", "days_invalid"},
        {YC_MC_WINDOW_CLASS, "综合", "window_class_invalid"},
        {YC_MC_ENTERED, "2", "entered_invalid"},
        {YC_MC_MATERIALS, "表|影印件", "materials_invalid"},
        {YC_MC_MATERIALS, "表|原件|一份", "materials_invalid"},
        {YC_MC_MATERIALS, "表|原件|1|1|0|a|b|c", "materials_invalid"},
        {YC_MC_MATERIALS, "表|原件|1|也许", "materials_invalid"},
        {YC_MC_FAQ, "只有问题", "faq_invalid"},
        {YC_MC_GLOSSARY, "|没有名词", "glossary_invalid"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct yc_matter m;
        yc_matter_init(&m);
        is->row = (long)i + 2;
        yc_matter_parse_cell(&arena, cases[i].col, cases[i].text, &m, is);
        expect_issue(yc_matter_cols[cases[i].col].name, cases[i].code);
        assert_int_equal(is->item[is->n - 1].row, (long)i + 2);
    }
    assert_int_equal(is->total, sizeof(cases) / sizeof(cases[0]));
}

static void
test_checks(void **state)
{
    struct yc_matter m;

    (void)state;
    parse_row(&m, FOOD);
    is->row = 3;
    m.promised_days = 21;
    yc_matter_check(&m, is);
    expect_issue("promised_days", "promised_exceeds_statutory");
    assert_non_null(strstr(is->item[is->n - 1].message, "21 个工作日超过法定办结时限 20"));
    m.promised_days = 5;
    is->row = 4;
    m.code = "A B";
    yc_matter_check(&m, is);
    expect_issue("code", "field_invalid");
    is->row = 5;
    m.code = "a/b";
    yc_matter_check(&m, is);
    expect_issue("code", "field_invalid");
    m.code = "LOCAL-1";
    is->row = 6;
    m.aliases[0] = "带|竖线";
    yc_matter_check(&m, is);
    expect_issue("aliases", "field_invalid");
    m.aliases[0] = "别名";
    is->row = 7;
    m.name = "";
    yc_matter_check(&m, is);
    expect_issue("name", "field_required");
    is->row = 8;
    m.name = "名称";
    yc_strlcpy(m.type, "06", sizeof(m.type));
    yc_matter_check(&m, is);
    expect_issue("type", "type_invalid");
    is->row = 9;
    yc_strlcpy(m.type, "20", sizeof(m.type));
    m.materials[0].name = "材料\n换行";
    yc_matter_check(&m, is);
    expect_issue("materials", "field_invalid");
    m.materials[0].name = "申请书";
    /* one problem per cell: the second of the same row and column is dropped */
    is->row = 10;
    m.statutory_days = m.promised_days = 4000;
    yc_matter_check(&m, is);
    yc_matter_check(&m, is);
    expect_issue("statutory_days", "days_invalid");
    assert_int_equal(is->n, 8);
}

static void
test_cells_round_trip(void **state)
{
    struct yc_matter m, back;
    const char *cells[YC_MC__MAX];
    char d1[65], d2[65];

    (void)state;
    parse_row(&m, FOOD);
    for (int c = 0; c < YC_MC__MAX; c++) {
        cells[c] = yc_matter_cell(&arena, (enum yc_matter_col)c, &m);
    }
    assert_string_equal(cells[YC_MC_TYPE], "01");
    assert_string_equal(cells[YC_MC_WINDOW_CLASS], "无差别");
    assert_string_equal(cells[YC_MC_ENTERED], "1");
    assert_string_equal(cells[YC_MC_ALIASES], "食品许可证|食品经营许可证");
    assert_string_equal(cells[YC_MC_MATERIALS],
                        "申请书|原件|1|1|0|签字盖章|见示范文本\n营业执照|复印件|1|1|0||\n"
                        "身份证明|原件及复印件|2|0|1||");
    parse_row(&back, cells);
    assert_int_equal(is->total, 0);
    yc_matter_digest(&m, d1);
    yc_matter_digest(&back, d2);
    assert_string_equal(d1, d2);
    assert_int_equal(strlen(d1), 64);
}

static void
test_digest_sees_every_field(void **state)
{
    struct yc_matter m;
    char base[65], d[65];

    (void)state;
    parse_row(&m, FOOD);
    yc_matter_digest(&m, base);
    m.materials[2].rongque = 0;
    yc_matter_digest(&m, d);
    assert_string_not_equal(base, d);
    m.materials[2].rongque = 1;
    m.department_id = 8;
    yc_matter_digest(&m, d);
    assert_string_not_equal(base, d);
    m.department_id = 7;
    /* moving text between two fields changes the digest (length-prefixed) */
    m.theme = "企业";
    m.conditions = "开办第一条\n第二条";
    yc_matter_digest(&m, d);
    assert_string_not_equal(base, d);
    m.theme = "企业开办";
    m.conditions = "第一条\n第二条";
    yc_matter_digest(&m, d);
    assert_string_equal(base, d);
}

static void
test_normalize_and_json(void **state)
{
    json_t *materials = json_loads("[{\"name\":\" 申请书 \",\"form\":\"copy\",\"copies\":2,"
                                   "\"required\":false,\"rongque\":true}]",
                                   0, NULL);
    json_t *aliases = json_loads("[\" 别名 \"]", 0, NULL);
    json_t *bad = json_loads("[{\"name\":\"表\",\"colour\":\"red\"},{\"name\":\"表\",\"form\":"
                             "\"photocopy\"},{\"form\":\"copy\"},3]",
                             0, NULL);
    struct yc_matter m;
    json_t *out;

    (void)state;
    yc_matter_init(&m);
    m.conditions = " 一\r\n二 ";
    yc_matter_lists_from_json(&arena, aliases, materials, NULL, NULL, &m, is);
    assert_int_equal(is->total, 0);
    yc_matter_normalize(&arena, &m);
    assert_string_equal(m.conditions, "一\n二");
    assert_string_equal(m.aliases[0], "别名");
    assert_string_equal(m.materials[0].name, "申请书");
    out = yc_matter_materials_json(&m);
    assert_string_equal(json_string_value(json_object_get(json_array_get(out, 0), "form")), "copy");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(out, 0), "copies")), 2);
    assert_true(json_is_false(json_object_get(json_array_get(out, 0), "required")));
    json_decref(out);

    yc_matter_init(&m);
    is->row = 0;
    yc_matter_lists_from_json(&arena, NULL, bad, NULL, NULL, &m, is);
    assert_int_equal(is->total, 4);
    assert_string_equal(is->item[0].code, "field_unknown");
    assert_string_equal(is->item[0].column, "materials[0]");
    assert_string_equal(is->item[1].code, "materials_invalid");
    assert_string_equal(is->item[2].code, "field_required");
    assert_string_equal(is->item[3].code, "field_type");
    json_decref(materials);
    json_decref(aliases);
    json_decref(bad);
}

static void
test_issue_cap(void **state)
{
    (void)state;
    for (long r = 2; r < 152; r++) {
        is->row = r;
        yc_issue_add(is, "type", "type_invalid", "第 %ld 行", r);
        yc_issue_add(is, "type", "type_invalid", "again"); /* same cell: dropped */
    }
    assert_int_equal(is->n, YC_ISSUES_MAX);
    assert_int_equal(is->total, 150);
    assert_int_equal(is->item[99].row, 101);
    yc_issue_add(NULL, "x", "y", "ignored");
}

static void
test_tables(void **state)
{
    (void)state;
    assert_string_equal(yc_matter_type_find("行政给付")->code, "05");
    assert_false(yc_matter_type_find("02")->on_application);
    assert_null(yc_matter_type_find("11"));
    assert_int_equal(yc_window_class_parse("专厅"), YC_WC_ENTERPRISE);
    assert_int_equal(yc_window_class_parse("企业服务专厅"), YC_WC_ENTERPRISE);
    assert_int_equal(yc_window_class_parse("department"), YC_WC_DEPARTMENT);
    assert_int_equal(yc_window_class_parse("窗口"), -1);
    assert_int_equal(yc_material_form_parse("原件和复印件"), YC_MF_BOTH);
    assert_int_equal(yc_matter_col_find("glossary"), YC_MC_GLOSSARY);
    assert_int_equal(yc_matter_col_find("remark"), -1);
    assert_string_equal(yc_annex2_types[6], "20");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_parse_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cells_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_digest_sees_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_normalize_and_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_issue_cap, setup, teardown),
        cmocka_unit_test(test_tables),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
