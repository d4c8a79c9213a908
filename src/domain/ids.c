/*
 * ids.c - GB 11643 resident ID numbers and GB 32100 unified social credit codes (see ids.h).
 */
#include "domain/ids.h"

#include <string.h>

#include "base/date.h"

#include "base/banned.h"

#define ID_LEN 18

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; /* value = index, 31 chars */

static const struct {
    const char *code;
    const char *message;
} reasons[YC_IDCHECK__MAX] = {
    [YC_IDCHECK_OK] = {"ok", "校验通过"},
    [YC_IDCHECK_BAD_LENGTH] = {"bad_length", "长度错误，应为 18 位"},
    [YC_IDCHECK_BAD_CHAR] = {"bad_char", "含有不允许的字符"},
    [YC_IDCHECK_BAD_BIRTH_DATE] = {"bad_birth_date", "出生日期无效"},
    [YC_IDCHECK_BAD_REGION] = {"bad_region", "行政区划代码无效"},
    [YC_IDCHECK_BAD_CHECK] = {"bad_check", "校验码错误"},
};

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 if the two digits at s are a province-level code of GB/T 2260 (see ids.h). */
static int
province_ok(const char *s)
{
    static const char *const provinces = "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 "
                                         "45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 ";
    const char *p;

    if (!is_digit(s[0]) || !is_digit(s[1])) {
        return 0;
    }
    for (p = provinces; *p; p += 3) {
        if (p[0] == s[0] && p[1] == s[1]) {
            return 1;
        }
    }
    return 0;
}

char
yc_id_resident_check_char(const char *first17)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    int i;

    for (i = 0; i < 17; i++) {
        if (!is_digit(first17[i])) {
            return '\0';
        }
        sum += (first17[i] - '0') * weights[i];
    }
    return "10X98765432"[sum % 11];
}

/* Value of a code character, or -1. */
static int
uscc_value(char c)
{
    const char *p;

    if (c == '\0') {
        return -1;
    }
    p = strchr(uscc_chars, c);
    return p ? (int)(p - uscc_chars) : -1;
}

char
yc_id_uscc_check_char(const char *first17)
{
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    int v;
    int i;

    for (i = 0; i < 17; i++) {
        v = uscc_value(first17[i]);
        if (v < 0) {
            return '\0';
        }
        sum += v * weights[i];
    }
    return uscc_chars[(31 - sum % 31) % 31];
}

enum yc_idcheck
yc_id_check_resident(const char *s, size_t len, int32_t today, struct yc_resident_id *out)
{
    int32_t birth;
    int y, m, d;
    int i;

    if (len != ID_LEN) {
        return YC_IDCHECK_BAD_LENGTH;
    }
    for (i = 0; i < 17; i++) {
        if (!is_digit(s[i])) {
            return YC_IDCHECK_BAD_CHAR;
        }
    }
    if (!is_digit(s[17]) && s[17] != 'X') {
        return YC_IDCHECK_BAD_CHAR;
    }
    if (!province_ok(s)) {
        return YC_IDCHECK_BAD_REGION;
    }
    y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
    m = (s[10] - '0') * 10 + (s[11] - '0');
    d = (s[12] - '0') * 10 + (s[13] - '0');
    if (!yc_date_valid_ymd(y, m, d)) {
        return YC_IDCHECK_BAD_BIRTH_DATE;
    }
    birth = yc_date_from_ymd(y, m, d);
    if (birth > today) {
        return YC_IDCHECK_BAD_BIRTH_DATE;
    }
    if (yc_id_resident_check_char(s) != s[17]) {
        return YC_IDCHECK_BAD_CHECK;
    }
    if (out) {
        out->birth_day = birth;
        out->sex = (s[16] - '0') % 2 == 1 ? 1 : 2;
        memcpy(out->region, s, 6);
        out->region[6] = '\0';
    }
    return YC_IDCHECK_OK;
}

enum yc_idcheck
yc_id_check_uscc(const char *s, size_t len)
{
    int i;

    if (len != ID_LEN) {
        return YC_IDCHECK_BAD_LENGTH;
    }
    for (i = 0; i < ID_LEN; i++) {
        if (uscc_value(s[i]) < 0) {
            return YC_IDCHECK_BAD_CHAR;
        }
    }
    if (!strchr("123456789ANY", s[0])) {
        return YC_IDCHECK_BAD_CHAR;
    }
    for (i = 2; i < 8; i++) {
        if (!is_digit(s[i])) {
            return YC_IDCHECK_BAD_REGION;
        }
    }
    if (!province_ok(s + 2) && memcmp(s + 2, "100000", 6) != 0) {
        return YC_IDCHECK_BAD_REGION;
    }
    if (yc_id_uscc_check_char(s) != s[17]) {
        return YC_IDCHECK_BAD_CHECK;
    }
    return YC_IDCHECK_OK;
}

const char *
yc_idcheck_code(enum yc_idcheck r)
{
    if ((unsigned)r >= YC_IDCHECK__MAX) {
        return "unknown";
    }
    return reasons[r].code;
}

const char *
yc_idcheck_message(enum yc_idcheck r)
{
    if ((unsigned)r >= YC_IDCHECK__MAX) {
        return "未知的校验结果";
    }
    return reasons[r].message;
}

void
yc_id_mask(const char *s, size_t len, char *out, size_t out_size)
{
    size_t nchars = 0;
    size_t seen = 0;
    size_t o = 0;
    size_t i;
    size_t j;

    if (out_size == 0) {
        return;
    }
    for (i = 0; i < len; i++) {
        nchars += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    for (i = 0; i < len; i = j) {
        /* one character: s[i..j) */
        for (j = i + 1; j < len && ((unsigned char)s[j] & 0xC0) == 0x80; j++) {
        }
        seen++;
        if (nchars > 4 && seen > nchars - 4) {
            if (j - i > out_size - 1 - o) {
                break;
            }
            memcpy(out + o, s + i, j - i);
            o += j - i;
        } else {
            if (o + 1 > out_size - 1) {
                break;
            }
            out[o++] = '*';
        }
    }
    out[o] = '\0';
}
