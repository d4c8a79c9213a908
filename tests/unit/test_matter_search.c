/*
 * test_matter_search.c - unit tests of src/domain/matter_search.c: what matches (every term a
 * substring of one field, ASCII case-insensitive), the ranking documented in matter_search.h,
 * filters and paging, and that the position filter never takes pairs that do not line up - also in
 * fields long enough for positions to wrap - for a match.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/matter_search.h"

#include "base/banned.h"

static const struct yc_msearch_doc DOCS[] = {
    /* id dept code name aliases department materials type wc entered statutory promised */
    {1, 10, "SY-SCJG-0001", "食品经营许可", "食品许可证|食品经营许可证", "市市场监督管理局",
     "食品经营许可申请书\n营业执照\n法定代表人身份证明", "01", 0, 1, 20, 5},
    {2, 10, "SY-SCJG-0002", "食品", "", "市市场监督管理局", "申请书", "01", 0, 1, 20, 5},
    {3, 10, "SY-SCJG-0003", "食品生产许可", "", "市市场监督管理局", "营业执照", "01", 1, 1, 20, 10},
    {4, 11, "SY-GJJ-0001", "住房公积金提取（退休）", "公积金提取|提取公积金", "市住房公积金中心",
     "居民身份证", "20", 1, 1, 5, 1},
    {5, 12, "SY-WJW-0001", "公共场所卫生许可", "卫生许可证", "市卫生健康委员会",
     "营业执照副本\n卫生检测报告", "01", 2, 0, 20, 10},
    {6, 13, "SY-ZJJ-0001", "建筑工程施工许可证核发", "施工许可", "市住房和城乡建设局",
     "建设工程规划许可证\n施工合同\n中标通知书", "01", 3, 1, 15, 3},
    {7, 14, "SY-SCJG-0004", "个体工商户设立登记", "个体户营业执照", "市市场监督管理局",
     "登记申请书", "07", 4, 1, 15, 0},
};
#define NDOCS (sizeof(DOCS) / sizeof(DOCS[0]))

static struct yc_msearch *ix;

static int
setup(void **state)
{
    (void)state;
    ix = yc_msearch_build(DOCS, NDOCS);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    yc_msearch_free(ix);
    return 0;
}

/* Run q and return the ids found in order as "1,3,5" (and the total). */
static size_t
run(const char *q, char *out, size_t n)
{
    struct yc_msearch_query mq = {q, 0, "", -1, -1};
    struct yc_msearch_hit h[16];
    size_t total = yc_msearch_run(ix, &mq, 0, h, 16);
    size_t len = 0;

    out[0] = '\0';
    for (size_t i = 0; i < total && i < 16; i++) {
        len +=
            (size_t)snprintf(out + len, n - len, "%s%lld", i ? "," : "", (long long)h[i].doc->id);
    }
    return total;
}

static void
expect(const char *q, const char *ids)
{
    char got[128];

    run(q, got, sizeof(got));
    if (strcmp(got, ids) != 0) {
        fail_msg("query '%s': got [%s], want [%s]", q, got, ids);
    }
}

static void
test_ranking(void **state)
{
    (void)state;
    /* name equal, name prefix (shorter name first), then aliases, then materials */
    expect("食品", "2,1,3");
    /* name, then alias equal, then material */
    expect("营业执照", "7,1,3,5");
    expect("公积金提取", "4");
    expect("施工许可", "6");
    expect("卫生", "5");
    /* department names */
    expect("住房公积金中心", "4");
    expect("监督管理局", "2,1,3,7");
    /* codes, case-insensitively */
    expect("sy-gjj", "4");
    expect("SY-WJW-0001", "5");
    /* every term must match, in any field; U+3000 separates too */
    expect("食品 营业执照", "1,3");
    expect("食品　申请书", "2,1");
    expect("食品 公积金", "");
    /* nothing matches */
    expect("无此事项", "");
    expect("品食", "");
}

static void
test_match_info(void **state)
{
    struct yc_msearch_query q = {"营业执照", 0, "", -1, -1};
    struct yc_msearch_hit h[8];
    size_t n = yc_msearch_run(ix, &q, 0, h, 8);

    (void)state;
    assert_int_equal(n, 4);
    assert_int_equal(h[0].field, YC_MS_ALIAS);
    assert_int_equal(h[0].match_len, strlen("个体户营业执照"));
    assert_memory_equal(h[0].match, "个体户营业执照", h[0].match_len);
    assert_int_equal(h[3].field, YC_MS_MATERIAL);
    assert_memory_equal(h[3].match, "营业执照副本", h[3].match_len);
    assert_int_equal(h[3].match_len, strlen("营业执照副本"));
    assert_string_equal(yc_msearch_field_names[h[3].field], "material");
}

static void
test_filters_and_paging(void **state)
{
    struct yc_msearch_query q = {"", 0, "", -1, -1};
    struct yc_msearch_hit h[8];
    size_t n;

    (void)state;
    /* no terms: everything, by code */
    n = yc_msearch_run(ix, &q, 0, h, 8);
    assert_int_equal(n, NDOCS);
    assert_string_equal(h[0].doc->code, "SY-GJJ-0001");
    assert_int_equal(h[0].field, YC_MS_NONE);
    q.q = "许可";
    q.type = "01";
    q.window_class = 0;
    n = yc_msearch_run(ix, &q, 0, h, 8);
    assert_int_equal(n, 1); /* 食品经营许可 (食品 has no 许可) */
    assert_int_equal(h[0].doc->id, 1);
    q.window_class = -1;
    q.entered = 0;
    n = yc_msearch_run(ix, &q, 0, h, 8);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].doc->id, 5);
    q.entered = -1;
    q.type = "";
    q.department_id = 10;
    n = yc_msearch_run(ix, &q, 1, h, 1); /* the second of 食品经营许可, 食品生产许可 */
    assert_int_equal(n, 2);
    assert_int_equal(h[0].doc->id, 3);
    n = yc_msearch_run(ix, &q, 5, h, 8);
    assert_int_equal(n, 2);
}

/* A long field (materials of 200 code points): pairs of the term at positions 64 apart must not
 * count as the term, while the real occurrence far in is found. */
static void
test_long_fields(void **state)
{
    char mats[2048] = "";
    size_t len = 0;
    struct yc_msearch_doc d[2] = {
        {1, 1, "L-1", "长材料甲", "", "部门", NULL, "01", 0, 1, 1, 1},
        {2, 1, "L-2", "长材料乙", "", "部门", NULL, "01", 0, 1, 1, 1},
    };
    struct yc_msearch *big;
    struct yc_msearch_query q = {"甲乙丙", 0, "", -1, -1};
    struct yc_msearch_hit h[4];
    char filler[2048] = "";
    size_t flen = 0;

    (void)state;
    /* doc 1: 甲乙 at 0, then 63 fillers, 乙丙 at 65: the pairs line up mod 64, yet no 甲乙丙 */
    len += (size_t)snprintf(mats + len, sizeof(mats) - len, "甲乙");
    for (int i = 0; i < 63; i++) {
        len += (size_t)snprintf(mats + len, sizeof(mats) - len, "丁");
    }
    len += (size_t)snprintf(mats + len, sizeof(mats) - len, "乙丙");
    d[0].materials = mats;
    /* doc 2: the term at position 150 */
    for (int i = 0; i < 150; i++) {
        flen += (size_t)snprintf(filler + flen, sizeof(filler) - flen, "戊");
    }
    snprintf(filler + flen, sizeof(filler) - flen, "甲乙丙");
    d[1].materials = filler;
    big = yc_msearch_build(d, 2);
    assert_int_equal(yc_msearch_run(big, &q, 0, h, 4), 1);
    assert_int_equal(h[0].doc->id, 2);
    assert_int_equal(yc_msearch_size(big), 2);
    yc_msearch_free(big);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranking),
        cmocka_unit_test(test_match_info),
        cmocka_unit_test(test_filters_and_paging),
        cmocka_unit_test(test_long_fields),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
