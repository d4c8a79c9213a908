/* clock.c - wall and monotonic clocks, the UTC+8 "today", and a test override. */
#include <stdlib.h>
#include <time.h>

#include "base/clock.h"
#include "base/str.h"
#include "base/banned.h"

#define CST_OFFSET_MS (8LL * 3600 * 1000)

static int64_t fake_base_ms = -1;
static int64_t fake_mono_us;

void
yc_clock_init(void)
{
    const char *f = getenv("YC_FAKE_NOW");
    int64_t v;

    if (f && yc_parse_i64(yc_str_c(f), 0, INT64_C(1) << 40, &v) == 0) {
        fake_mono_us = yc_clock_mono_us();
        fake_base_ms = v * 1000;
    }
}

int64_t
yc_clock_now_ms(void)
{
    /* read once, before any thread starts (yc_clock_init is called from main) */
    struct timespec ts;

    if (fake_base_ms >= 0) {
        return fake_base_ms + (yc_clock_mono_us() - fake_mono_us) / 1000;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
yc_clock_mono_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int32_t
yc_clock_day_of_ms(int64_t unix_ms)
{
    int64_t local = unix_ms + CST_OFFSET_MS;
    int64_t day = local / 86400000;

    if (local < 0 && local % 86400000) {
        day--;
    }
    return (int32_t)day;
}

int32_t
yc_clock_today(void)
{
    return yc_clock_day_of_ms(yc_clock_now_ms());
}

void
yc_clock_format_iso(int64_t unix_ms, char out[21])
{
    time_t t = (time_t)(unix_ms / 1000);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
