/* log.c - timestamped, scrubbed log lines on stderr. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/log.h"
#include "base/banned.h"

static enum yc_log_level min_level = YC_LOG_INFO;

void
yc_log_set_level(enum yc_log_level level)
{
    min_level = level;
}

void
yc_log_scrub(char *s)
{
    size_t i = 0;

    while (s[i]) {
        size_t j = i;
        size_t run;

        if (!isdigit((unsigned char)s[i]) || (i > 0 && isalnum((unsigned char)s[i - 1]))) {
            i++;
            continue;
        }
        while (isdigit((unsigned char)s[j])) {
            j++;
        }
        if ((s[j] == 'X' || s[j] == 'x') && j - i == 17) {
            j++;
        }
        run = j - i;
        if (!isalnum((unsigned char)s[j]) && (run == 11 || (run >= 15 && run <= 18))) {
            memset(s + i, '*', run - 4);
        }
        i = j;
    }
}

void
yc_log(enum yc_log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    char line[2048];
    char stamp[32];
    struct timespec ts;
    struct tm tm;
    va_list ap;

    if (level < min_level) {
        return;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    yc_log_scrub(line);
    /* one event, one line: a CR or LF from a request path must not forge another entry */
    for (char *c = line; *c; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f) {
            *c = '?';
        }
    }
    fprintf(stderr, "%s.%03ldZ %s %s\n", stamp, ts.tv_nsec / 1000000, names[level], line);
}
