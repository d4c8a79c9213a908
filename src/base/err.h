/*
 * err.h - the one error type.
 *
 * Fallible functions return 0 or a negative enum yc_status and fill a struct yc_err with a stable
 * English code ("field_required"), the field at fault and a Chinese message for people.
 * yc_status_http() in http/ is the only place that knows HTTP numbers.
 */
#ifndef YC_ERR_H
#define YC_ERR_H

#include <stddef.h>

enum yc_status {
    YC_OK = 0,
    YC_EINVAL = -1,       /* malformed input: 400 */
    YC_EUNAUTH = -2,      /* no or bad credentials: 401 */
    YC_EFORBIDDEN = -3,   /* 403 */
    YC_ENOTFOUND = -4,    /* 404 */
    YC_EMETHOD = -5,      /* 405 */
    YC_ECONFLICT = -6,    /* 409 */
    YC_ETOOBIG = -7,      /* 413 */
    YC_EMEDIA = -8,       /* 415 */
    YC_EUNPROC = -9,      /* well-formed but not acceptable: 422 */
    YC_ERATE = -10,       /* 429 */
    YC_EINTERNAL = -11,   /* 500 */
    YC_EDB = -12,         /* database failure: 500 */
    YC_EUNAVAIL = -13,    /* 503 */
    YC_STATUS__MIN = -14,
};

struct yc_err {
    enum yc_status status;
    char code[40];     /* stable, English: "field_required" */
    char field[64];    /* "" when no single field is at fault */
    char message[480]; /* Chinese, for people; no trailing period */
    int retry_after_s; /* for YC_ERATE, else 0 */
};

/*
 * Record an error and return its status, so callers can `return yc_fail(...)`.
 * field may be NULL. The message is truncated to fit.
 */
int yc_fail(struct yc_err *err, enum yc_status status, const char *code, const char *field,
            const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void yc_err_clear(struct yc_err *err);

/* Name of a status for logs: "EINVAL". */
const char *yc_status_name(enum yc_status status);

#define YC_MUST __attribute__((warn_unused_result))

#endif
