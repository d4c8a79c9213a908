/*
 * date.c - civil dates as days since 1970-01-01 (see date.h).
 *
 * The two conversions are Howard Hinnant's days_from_civil and civil_from_days, computed in 64 bits
 * so that no intermediate overflows for any int32_t day.
 */
#include "base/date.h"

#include <string.h>

#include "base/banned.h"

/* Floor division for a positive divisor. */
static int64_t
floor_div(int64_t a, int64_t b)
{
    return (a >= 0 ? a : a - (b - 1)) / b;
}

int32_t
yc_date_from_ymd(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = floor_div(yy, 400);
    int64_t yoe = yy - era * 400;                                  /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */

    return (int32_t)(era * 146097 + doe - 719468);
}

void
yc_date_to_ymd(int32_t day, int *y, int *m, int *d)
{
    int64_t z = (int64_t)day + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = mm;
    *y = (int)(yoe + era * 400 + (mm <= 2));
}

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
yc_date_days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12) {
        return 0;
    }
    if (m == 2 && is_leap(y)) {
        return 29;
    }
    return len[m - 1];
}

int
yc_date_valid_ymd(int y, int m, int d)
{
    if (y < YC_DATE_MIN_YEAR || y > YC_DATE_MAX_YEAR || m < 1 || m > 12) {
        return 0;
    }
    return d >= 1 && d <= yc_date_days_in_month(y, m);
}

int
yc_date_weekday(int32_t day)
{
    /* Day 0, 1970-01-01, was a Thursday (4). */
    int64_t w = ((int64_t)day % 7 + 7) % 7;

    return (int)((w + 3) % 7) + 1;
}

/* Value of n ASCII digits, or -1 if any byte is not a digit. */
static int
digits(const char *s, int n)
{
    int v = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int
yc_date_parse(const char *s, size_t len, int32_t *out_day)
{
    int y, m, d;

    if (len != 10 || s[4] != '-' || s[7] != '-') {
        return -1;
    }
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !yc_date_valid_ymd(y, m, d)) {
        return -1;
    }
    *out_day = yc_date_from_ymd(y, m, d);
    return 0;
}

static void
put_digits(char *out, int v, int n)
{
    while (n-- > 0) {
        out[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

void
yc_date_format(int32_t day, char out[11])
{
    int y, m, d;

    yc_date_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        memset(out, '?', 10);
        out[4] = '-';
        out[7] = '-';
        out[10] = '\0';
        return;
    }
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

/* Append the UTF-8 character s (3 bytes for every character used here) at *k. */
static void
put_zh(char *out, size_t *k, const char *s)
{
    size_t n = strlen(s);

    memcpy(out + *k, s, n);
    *k += n;
}

void
yc_date_format_hanzi(int32_t day, char out[YC_DATE_HANZI_SIZE])
{
    static const char *const digit[10] = {"〇", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九"};
    int y, m, d;
    size_t k = 0;

    yc_date_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = '\0';
        return;
    }
    for (int p = 1000; p > 0; p /= 10) {
        put_zh(out, &k, digit[y / p % 10]);
    }
    put_zh(out, &k, "年");
    if (m >= 10) {
        put_zh(out, &k, "十");
    }
    if (m % 10) {
        put_zh(out, &k, digit[m % 10]);
    }
    put_zh(out, &k, "月");
    if (d >= 20) {
        put_zh(out, &k, digit[d / 10]);
    }
    if (d >= 10) {
        put_zh(out, &k, "十");
    }
    if (d % 10) {
        put_zh(out, &k, digit[d % 10]);
    }
    put_zh(out, &k, "日");
    out[k] = '\0';
}
