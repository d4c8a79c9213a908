/*
 * case_no.c - case numbers with ISO 7064 MOD 97-10 check digits (see case_no.h).
 */
#include "domain/case_no.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

#include "base/banned.h"

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* The value of s[0..n) as a decimal number; s holds digits only, n <= 9. */
static uint32_t
digits_value(const char *s, size_t n)
{
    uint32_t v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    return v;
}

int
yc_case_no_check_digits(const char *data, size_t len, char out[3])
{
    unsigned r = 0;
    size_t i;

    if (len == 0 || !data) {
        return YC_CASE_NO_EINVAL;
    }
    for (i = 0; i < len; i++) {
        if (is_digit(data[i])) {
            r = (r * 10 + (unsigned)(data[i] - '0')) % 97;
        } else if (is_upper(data[i])) {
            r = (r * 100 + (unsigned)(data[i] - 'A' + 10)) % 97; /* A=10 .. Z=35 */
        } else {
            return YC_CASE_NO_EINVAL;
        }
    }
    r = 98 - (r * 100) % 97; /* 2..98 */
    out[0] = (char)('0' + r / 10);
    out[1] = (char)('0' + r % 10);
    out[2] = '\0';
    return 0;
}

int
yc_case_no_format(const char *prefix, int32_t day, uint32_t seq, char out[YC_CASE_NO_SIZE])
{
    char data[YC_CASE_NO_PREFIX_MAX + 8 + 5 + 1];
    char cc[3];
    size_t plen;
    size_t i;
    int y;
    int m;
    int d;

    out[0] = '\0';
    plen = prefix ? strlen(prefix) : 0;
    if (plen < YC_CASE_NO_PREFIX_MIN || plen > YC_CASE_NO_PREFIX_MAX || seq < 1 ||
        seq > YC_CASE_NO_SEQ_MAX) {
        return YC_CASE_NO_EINVAL;
    }
    for (i = 0; i < plen; i++) {
        if (!is_upper(prefix[i])) {
            return YC_CASE_NO_EINVAL;
        }
    }
    yc_date_to_ymd(day, &y, &m, &d);
    if (!yc_date_valid_ymd(y, m, d)) {
        return YC_CASE_NO_EINVAL;
    }
    snprintf(data, sizeof(data), "%s%04d%02d%02d%05u", prefix, y, m, d, (unsigned)seq);
    if (yc_case_no_check_digits(data, strlen(data), cc) != 0) {
        return YC_CASE_NO_EINVAL;
    }
    snprintf(out, YC_CASE_NO_SIZE, "%s%04d%02d%02d-%05u-%s", prefix, y, m, d, (unsigned)seq, cc);
    return 0;
}

int
yc_case_no_parse(const char *s, size_t len, struct yc_case_no *out)
{
    struct yc_case_no no;
    char data[YC_CASE_NO_PREFIX_MAX + 8 + 5 + 1];
    char cc[3];
    size_t plen = 0;
    size_t i;
    const char *p;
    int y;
    int m;
    int d;

    if (!s || len < YC_CASE_NO_MIN_LEN || len > YC_CASE_NO_MAX_LEN) {
        return YC_CASE_NO_EFORMAT;
    }
    while (plen < len && (is_upper(s[plen]) || is_lower(s[plen]))) {
        plen++;
    }
    /* What follows the prefix has a fixed shape: 8 digits, '-', 5 digits, '-', 2 digits. */
    if (plen < YC_CASE_NO_PREFIX_MIN || plen > YC_CASE_NO_PREFIX_MAX ||
        len != plen + 8 + 1 + 5 + 1 + 2) {
        return YC_CASE_NO_EFORMAT;
    }
    p = s + plen;
    for (i = 0; i < 17; i++) {
        int dash = (i == 8 || i == 14);

        if (dash ? p[i] != '-' : !is_digit(p[i])) {
            return YC_CASE_NO_EFORMAT;
        }
    }
    memset(&no, 0, sizeof(no));
    for (i = 0; i < plen; i++) {
        no.prefix[i] = is_lower(s[i]) ? (char)(s[i] - 'a' + 'A') : s[i];
    }
    y = (int)digits_value(p, 4);
    m = (int)digits_value(p + 4, 2);
    d = (int)digits_value(p + 6, 2);
    no.seq = digits_value(p + 9, 5);
    if (!yc_date_valid_ymd(y, m, d) || no.seq < 1) {
        return YC_CASE_NO_EDATE;
    }
    no.day = yc_date_from_ymd(y, m, d);
    snprintf(data, sizeof(data), "%s%.8s%.5s", no.prefix, p, p + 9);
    if (yc_case_no_check_digits(data, strlen(data), cc) != 0) {
        return YC_CASE_NO_EFORMAT;
    }
    if (cc[0] != p[15] || cc[1] != p[16]) {
        return YC_CASE_NO_ECHECK;
    }
    snprintf(no.text, sizeof(no.text), "%s%.8s-%.5s-%s", no.prefix, p, p + 9, cc);
    if (out) {
        *out = no;
    }
    return 0;
}

const char *
yc_case_no_error_code(int rc)
{
    switch (rc) {
    case 0:
        return "ok";
    case YC_CASE_NO_EINVAL:
        return "case_no_invalid";
    case YC_CASE_NO_EFORMAT:
        return "case_no_format";
    case YC_CASE_NO_EDATE:
        return "case_no_date";
    case YC_CASE_NO_ECHECK:
        return "case_no_check";
    default:
        return "unknown";
    }
}

const char *
yc_case_no_error_message(int rc)
{
    switch (rc) {
    case 0:
        return "办件编号有效";
    case YC_CASE_NO_EINVAL:
        return "无法生成办件编号：中心代码、日期或序号无效";
    case YC_CASE_NO_EFORMAT:
        return "办件编号格式错误，应形如 SY20251015-00042-32";
    case YC_CASE_NO_EDATE:
        return "办件编号中的日期或序号无效";
    case YC_CASE_NO_ECHECK:
        return "办件编号校验失败，请核对后重新输入";
    default:
        return "未知错误";
    }
}
