/*
 * clock.h - the only place that reads the time. The domain layer never does: it is given days.
 *
 * The centre works in China Standard Time (UTC+8, no daylight saving since 1991), so "today" is the
 * UTC+8 calendar day. YC_FAKE_NOW (unix seconds) pins the clock, for tests of deadlines.
 */
#ifndef YC_CLOCK_H
#define YC_CLOCK_H

#include <stdint.h>

void yc_clock_init(void);          /* once, at start: reads YC_FAKE_NOW */
int64_t yc_clock_now_ms(void);      /* wall clock, unix milliseconds */
int64_t yc_clock_mono_us(void);     /* monotonic microseconds, for durations */
int32_t yc_clock_today(void);       /* days since 1970-01-01 in UTC+8 */
int32_t yc_clock_day_of_ms(int64_t unix_ms); /* the UTC+8 day of an instant */

/* "2026-11-24T14:30:01Z" (UTC, seconds) into out[21]. */
void yc_clock_format_iso(int64_t unix_ms, char out[21]);

#endif
