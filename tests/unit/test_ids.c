/*
 * test_ids.c - unit tests of src/domain/ids.c (GB 11643 resident IDs, GB 32100 credit codes).
 *
 * Test vectors: 11010519491231002X is the example number of GB 11643-1999; 440524188001010014 is
 * the other widely quoted example; 91350100M000100Y43 and 91110000600037341L are published valid
 * credit codes. Their check characters are computed by hand in the comments below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/ids.h"

#include "base/banned.h"

#define TODAY 20361 /* 2025-09-30 */

static enum yc_idcheck
resident(const char *s)
{
    return yc_id_check_resident(s, strlen(s), TODAY, NULL);
}

static enum yc_idcheck
uscc(const char *s)
{
    return yc_id_check_uscc(s, strlen(s));
}

/* Build an 18-character resident number with a correct check character. */
static void
make_resident(char out[19], const char *region6, const char *birth8, const char *seq3)
{
    memcpy(out, region6, 6);
    memcpy(out + 6, birth8, 8);
    memcpy(out + 14, seq3, 3);
    out[17] = yc_id_resident_check_char(out);
    out[18] = '\0';
    assert_true(out[17] != '\0');
}

/* Build an 18-character credit code with a correct check character. */
static void
make_uscc(char out[19], const char *first17)
{
    memcpy(out, first17, 17);
    out[17] = yc_id_uscc_check_char(out);
    out[18] = '\0';
    assert_true(out[17] != '\0');
}

static void
test_resident_check_char_by_hand(void **state)
{
    (void)state;
    /* 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 x 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
     * 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; "10X98765432"[2] = 'X' */
    assert_int_equal(yc_id_resident_check_char("11010519491231002"), 'X');
    /* 4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195;
     * 195 mod 11 = 8; "10X98765432"[8] = '4' */
    assert_int_equal(yc_id_resident_check_char("44052418800101001"), '4');
    /* position 17 of the first example 2 -> 1: 167 - 2*2 + 1*2 = 165 = 15 * 11; [0] = '1' */
    assert_int_equal(yc_id_resident_check_char("11010519491231001"), '1');
    assert_int_equal(yc_id_resident_check_char("1101051949123100A"), '\0');
}

static void
test_resident_valid(void **state)
{
    struct yc_resident_id id;
    char num[19];

    (void)state;
    memset(&id, 0, sizeof(id));
    assert_int_equal(yc_id_check_resident("11010519491231002X", 18, TODAY, &id), YC_IDCHECK_OK);
    assert_int_equal(id.birth_day, yc_date_from_ymd(1949, 12, 31));
    assert_int_equal(id.sex, 2); /* 17th digit 2: even, 女 */
    assert_string_equal(id.region, "110105");

    assert_int_equal(yc_id_check_resident("110105194912310011", 18, TODAY, &id), YC_IDCHECK_OK);
    assert_int_equal(id.sex, 1); /* 17th digit 1: odd, 男 */

    /* 430521 邵东县 (data/shaoyang-divisions.csv: old numbers still carry it) */
    make_resident(num, "430521", "19800229", "123");
    assert_int_equal(yc_id_check_resident(num, 18, TODAY, &id), YC_IDCHECK_OK);
    assert_int_equal(id.birth_day, yc_date_from_ymd(1980, 2, 29));
    assert_int_equal(id.sex, 1);
    assert_string_equal(id.region, "430521");
    /* born today and born on 1900-01-01 are both fine */
    make_resident(num, "430582", "20250930", "002");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
    make_resident(num, "110101", "19000101", "004");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
    /* Hong Kong, Macao, Taiwan and residence permits (830000) */
    make_resident(num, "810000", "19900101", "011");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
    make_resident(num, "820000", "19900101", "011");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
    make_resident(num, "830000", "19900101", "011");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
    make_resident(num, "710000", "19900101", "011");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
}

static void
test_resident_bad_length(void **state)
{
    (void)state;
    assert_int_equal(resident("11010519491231002"), YC_IDCHECK_BAD_LENGTH);
    assert_int_equal(resident("11010519491231002X1"), YC_IDCHECK_BAD_LENGTH);
    assert_int_equal(resident("110105491231002"), YC_IDCHECK_BAD_LENGTH); /* 15-digit old form */
    assert_int_equal(resident(""), YC_IDCHECK_BAD_LENGTH);
    assert_int_equal(yc_id_check_resident(NULL, 0, TODAY, NULL), YC_IDCHECK_BAD_LENGTH);
    /* length is in bytes: 8 full-width digits are 24 bytes */
    assert_int_equal(resident("１１０１０５１９"), YC_IDCHECK_BAD_LENGTH);
}

static void
test_resident_bad_char_and_lowercase_x(void **state)
{
    (void)state;
    /* policy: the check character must be upper-case 'X' (see ids.h) */
    assert_int_equal(resident("11010519491231002x"), YC_IDCHECK_BAD_CHAR);
    assert_int_equal(resident("110A0519491231002X"), YC_IDCHECK_BAD_CHAR);
    assert_int_equal(resident("1101051949123100X2"), YC_IDCHECK_BAD_CHAR); /* X only last */
    assert_int_equal(resident("11010519491231002 "), YC_IDCHECK_BAD_CHAR);
    assert_int_equal(resident(" 1010519491231002X"), YC_IDCHECK_BAD_CHAR);
    assert_int_equal(resident("11010519491231002Y"), YC_IDCHECK_BAD_CHAR);
    /* 6 full-width digits are 18 bytes: the length passes, the characters do not */
    assert_int_equal(resident("１１０１０５"), YC_IDCHECK_BAD_CHAR);
}

static void
test_resident_bad_region(void **state)
{
    static const char *const regions[] = {
        "000000", "100000", "160000", "190000", "240000", "300000", "380000", "470000", "550000",
        "600000", "660000", "700000", "720000", "800000", "840000", "900000", "990000"};
    char num[19];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
        make_resident(num, regions[i], "19800101", "123");
        assert_int_equal(resident(num), YC_IDCHECK_BAD_REGION);
    }
}

static void
test_resident_bad_birth_date(void **state)
{
    static const char *const births[] = {"19490231", "18991231", "19000100",
                                         "19001301", "20251001", /* tomorrow */
                                         "21000101", "00000000", "19810229"};
    struct yc_resident_id id = {12345, 9, "keep"};
    char num[19];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(births) / sizeof(births[0]); i++) {
        make_resident(num, "110105", births[i], "123");
        assert_int_equal(yc_id_check_resident(num, 18, TODAY, &id), YC_IDCHECK_BAD_BIRTH_DATE);
    }
    /* the second classic example has a correct check character but was born in 1880 */
    assert_int_equal(yc_id_check_resident("440524188001010014", 18, TODAY, &id),
                     YC_IDCHECK_BAD_BIRTH_DATE);
    /* *out untouched on failure */
    assert_int_equal(id.birth_day, 12345);
    assert_int_equal(id.sex, 9);
    assert_string_equal(id.region, "keep");
    /* the same number is valid once "today" is irrelevant to it: born 1980-01-01 */
    make_resident(num, "440524", "19800101", "001");
    assert_int_equal(resident(num), YC_IDCHECK_OK);
}

static void
test_resident_bad_check(void **state)
{
    char num[19] = "11010519491231002X";
    char digit;
    int pos;

    (void)state;
    assert_int_equal(resident("110105194912310021"), YC_IDCHECK_BAD_CHECK);
    assert_int_equal(resident("110105194912310010"), YC_IDCHECK_BAD_CHECK);
    /* MOD 11-2 catches every single-digit substitution: none of them passes */
    for (pos = 0; pos < 17; pos++) {
        for (digit = '0'; digit <= '9'; digit++) {
            char saved = num[pos];

            if (digit == saved) {
                continue;
            }
            num[pos] = digit;
            assert_int_not_equal(resident(num), YC_IDCHECK_OK);
            num[pos] = saved;
        }
    }
    /* an adjacent transposition: positions 16-17 "02" -> "20" changes the sum by
     * (0 - 2) * (4 - 2) = -4, not a multiple of 11 */
    num[15] = '2';
    num[16] = '0';
    assert_int_equal(resident(num), YC_IDCHECK_BAD_CHECK);
}

static void
test_uscc_check_char_by_hand(void **state)
{
    (void)state;
    /* 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 x 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
     * 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31-28 = 3 -> '3' */
    assert_int_equal(yc_id_uscc_check_char("91350100M000100Y4"), '3');
    /* 9 1 1 1 0 0 0 0 6 0 0 0 3 7 3 4 1: 9+3+9+27+120+24+168+30+120+28 = 538; 538 mod 31 = 11;
     * 31-11 = 20 -> 'L' (A=10 ... H=17, J=18, K=19, L=20) */
    assert_int_equal(yc_id_uscc_check_char("91110000600037341"), 'L');
    /* last body character 4 -> 3: 1640 - 4*28 + 3*28 = 1612 = 52 * 31; 31 - 0 = 31 -> '0' */
    assert_int_equal(yc_id_uscc_check_char("91350100M000100Y3"), '0');
    assert_int_equal(yc_id_uscc_check_char("91350100M000100I4"), '\0');
}

static void
test_uscc_valid(void **state)
{
    char code[19];

    (void)state;
    assert_int_equal(uscc("91350100M000100Y43"), YC_IDCHECK_OK);
    assert_int_equal(uscc("91110000600037341L"), YC_IDCHECK_OK);
    assert_int_equal(uscc("91350100M000100Y30"), YC_IDCHECK_OK);
    /* each registration authority of GB 32100 (as amended) */
    {
        static const char authorities[] = "123456789ANY";
        size_t i;

        for (i = 0; i < strlen(authorities); i++) {
            char body[18] = "X1430500MA4L12345";

            body[0] = authorities[i];
            make_uscc(code, body);
            assert_int_equal(uscc(code), YC_IDCHECK_OK);
        }
    }
    /* central-level bodies carry 100000 */
    make_uscc(code, "11100000000013127");
    assert_int_equal(uscc(code), YC_IDCHECK_OK);
}

static void
test_uscc_failures(void **state)
{
    static const char *const bad_chars[] = {
        "91350100M000100I43", "91350100M000100O43", "91350100M000100S43", "91350100M000100V43",
        "91350100M000100Z43", "91350100m000100Y43", "91350100M000100Y4-", "91350100M000 00Y43",
    };
    char code[19];
    size_t i;

    (void)state;
    assert_int_equal(uscc("91350100M000100Y4"), YC_IDCHECK_BAD_LENGTH);
    assert_int_equal(uscc("91350100M000100Y431"), YC_IDCHECK_BAD_LENGTH);
    assert_int_equal(yc_id_check_uscc(NULL, 0), YC_IDCHECK_BAD_LENGTH);
    for (i = 0; i < sizeof(bad_chars) / sizeof(bad_chars[0]); i++) {
        assert_int_equal(uscc(bad_chars[i]), YC_IDCHECK_BAD_CHAR);
    }
    /* B, 0 and X are code characters but no registration authority */
    make_uscc(code, "B1350100M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_CHAR);
    make_uscc(code, "01350100M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_CHAR);
    make_uscc(code, "X1350100M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_CHAR);
    /* region: letters, unknown province, zeros, 10 other than 100000 */
    make_uscc(code, "9135A100M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_REGION);
    make_uscc(code, "91990100M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_REGION);
    make_uscc(code, "91000000M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_REGION);
    make_uscc(code, "91101000M000100Y4");
    assert_int_equal(uscc(code), YC_IDCHECK_BAD_REGION);
    /* check */
    assert_int_equal(uscc("91350100M000100Y44"), YC_IDCHECK_BAD_CHECK);
    assert_int_equal(uscc("91110000600037341K"), YC_IDCHECK_BAD_CHECK);
    /* MOD 31 with weights 3^i mod 31 catches every single substitution of a code character */
    memcpy(code, "91350100M000100Y43", 19);
    for (i = 0; i < 17; i++) {
        const char *c;
        char saved = code[i];

        for (c = "0123456789ABCDEFGHJKLMNPQRTUWXY"; *c; c++) {
            if (*c == saved) {
                continue;
            }
            code[i] = *c;
            assert_int_not_equal(uscc(code), YC_IDCHECK_OK);
        }
        code[i] = saved;
    }
}

static void
test_codes_and_messages(void **state)
{
    (void)state;
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_OK), "ok");
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_BAD_LENGTH), "bad_length");
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_BAD_CHAR), "bad_char");
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_BAD_BIRTH_DATE), "bad_birth_date");
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_BAD_REGION), "bad_region");
    assert_string_equal(yc_idcheck_code(YC_IDCHECK_BAD_CHECK), "bad_check");
    assert_string_equal(yc_idcheck_code((enum yc_idcheck)99), "unknown");
    assert_string_equal(yc_idcheck_message(YC_IDCHECK_BAD_CHECK), "校验码错误");
    assert_string_equal(yc_idcheck_message(YC_IDCHECK_BAD_LENGTH), "长度错误，应为 18 位");
    assert_string_equal(yc_idcheck_message(YC_IDCHECK_BAD_BIRTH_DATE), "出生日期无效");
    assert_string_equal(yc_idcheck_message(YC_IDCHECK__MAX), "未知的校验结果");
}

static void
test_mask(void **state)
{
    char out[64];

    (void)state;
    yc_id_mask("11010519491231002X", 18, out, sizeof(out));
    assert_string_equal(out, "**************002X");
    yc_id_mask("91350100M000100Y43", 18, out, sizeof(out));
    assert_string_equal(out, "**************0Y43");
    yc_id_mask("13800138000", 11, out, sizeof(out));
    assert_string_equal(out, "*******8000");
    yc_id_mask("12345", 5, out, sizeof(out));
    assert_string_equal(out, "*2345");
    yc_id_mask("1234", 4, out, sizeof(out)); /* 4 or fewer: all masked */
    assert_string_equal(out, "****");
    yc_id_mask(NULL, 0, out, sizeof(out));
    assert_string_equal(out, "");
    /* UTF-8: one '*' per character, the last 4 characters kept whole */
    yc_id_mask("张三丰先生你好", strlen("张三丰先生你好"), out, sizeof(out));
    assert_string_equal(out, "***先生你好");
    /* small buffers: cut at a character boundary, always terminated */
    yc_id_mask("11010519491231002X", 18, out, 5);
    assert_string_equal(out, "****");
    yc_id_mask("11010519491231002X", 18, out, 18);
    assert_string_equal(out, "**************002"); /* 17 bytes + NUL */
    yc_id_mask("张三丰先生你好", strlen("张三丰先生你好"), out, 6);
    assert_string_equal(out, "***"); /* 先 (3 bytes) would not fit in the 2 left */
    out[0] = 'z';
    yc_id_mask("11010519491231002X", 18, out, 1);
    assert_string_equal(out, "");
    out[0] = 'z';
    yc_id_mask("11010519491231002X", 18, out, 0);
    assert_int_equal(out[0], 'z'); /* nothing written */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resident_check_char_by_hand),
        cmocka_unit_test(test_resident_valid),
        cmocka_unit_test(test_resident_bad_length),
        cmocka_unit_test(test_resident_bad_char_and_lowercase_x),
        cmocka_unit_test(test_resident_bad_region),
        cmocka_unit_test(test_resident_bad_birth_date),
        cmocka_unit_test(test_resident_bad_check),
        cmocka_unit_test(test_uscc_check_char_by_hand),
        cmocka_unit_test(test_uscc_valid),
        cmocka_unit_test(test_uscc_failures),
        cmocka_unit_test(test_codes_and_messages),
        cmocka_unit_test(test_mask),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
