/*
 * date.h - civil (proleptic Gregorian) dates as a count of days.
 *
 * A day is an int32_t counting days since 1970-01-01 (day 0); earlier dates are negative.
 * Conversions use Howard Hinnant's days_from_civil / civil_from_days algorithms
 * (https://howardhinnant.github.io/date_algorithms.html), which are exact for every year
 * that fits. The functions are pure: no clock, no locale, no allocation.
 *
 * The project accepts dates in the years YC_DATE_MIN_YEAR..YC_DATE_MAX_YEAR only (validation and
 * parsing); the raw conversions work far beyond that range.
 */
#ifndef YC_BASE_DATE_H
#define YC_BASE_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

#define YC_DATE_MIN_YEAR 1900
#define YC_DATE_MAX_YEAR 2199

/*
 * The day number of y-m-d. No validation: m and d must be in their usual ranges for the result to
 * mean anything (d = 0 or d = 32 are simply counted from the month's start), and |y| must stay
 * below 5,000,000 so that the result fits in int32_t.
 */
int32_t yc_date_from_ymd(int y, int m, int d);

/* The civil date of a day number; every int32_t value is accepted. y, m and d must not be NULL. */
void yc_date_to_ymd(int32_t day, int *y, int *m, int *d);

/* 1 if y-m-d is a real date in the years YC_DATE_MIN_YEAR..YC_DATE_MAX_YEAR, 0 otherwise. */
int yc_date_valid_ymd(int y, int m, int d);

/* Number of days in month m (1..12) of year y (leap years follow the Gregorian rule); 0 if m is out
 * of range. */
int yc_date_days_in_month(int y, int m);

/* ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
int yc_date_weekday(int32_t day);

/*
 * Parse the strict form "YYYY-MM-DD": exactly len == 10 bytes (s need not be NUL-terminated, no
 * surrounding space, no sign, ASCII digits only), a real date in the years 1900..2199.
 * Returns 0 and stores the day number in *out_day, or -1 and leaves *out_day unchanged.
 * s may be NULL only when len is 0.
 */
int yc_date_parse(const char *s, size_t len, int32_t *out_day) YC_MUST;

/* Write "YYYY-MM-DD" and a NUL into out. The day's year must be in 0..9999; outside that range the
 * output is ten question marks with the two dashes, still NUL-terminated. */
void yc_date_format(int32_t day, char out[11]);

/* "二〇二五年十月十五日": the date in Chinese numerals, as written under a seal; at most 12
 * characters of 3 bytes and a NUL. A year outside 0..9999 gives "". */
#define YC_DATE_HANZI_SIZE 40
void yc_date_format_hanzi(int32_t day, char out[YC_DATE_HANZI_SIZE]);

#endif /* YC_BASE_DATE_H */
