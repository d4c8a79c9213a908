/*
 * log.h - the one log call.
 *
 * Lines go to stderr as "2026-11-24T22:30:01.123Z level message". Every line is scrubbed before
 * it is written: a run of 15 to 18 digits (optionally ending in X) - the shape of a 居民身份证号码 -
 * and an 11-digit mobile number keep their last 4 characters only, so personal numbers never reach
 * a log in clear even if a caller forgets to mask them. Control characters (CR, LF, tabs ...)
 * become '?', so text from a request can never start a line of its own.
 */
#ifndef YC_LOG_H
#define YC_LOG_H

enum yc_log_level { YC_LOG_DEBUG, YC_LOG_INFO, YC_LOG_WARN, YC_LOG_ERROR };

void yc_log_set_level(enum yc_log_level level);
void yc_log(enum yc_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Mask personal numbers in place (as described above). Exposed for tests and the audit log. */
void yc_log_scrub(char *s);

#endif
