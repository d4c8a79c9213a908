/* err.c - recording errors in the one error type. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/str.h"
#include "base/banned.h"

int
yc_fail(struct yc_err *err, enum yc_status status, const char *code, const char *field,
        const char *fmt, ...)
{
    va_list ap;

    if (!err) {
        return status;
    }
    err->status = status;
    yc_strlcpy(err->code, code ? code : "internal", sizeof(err->code));
    yc_strlcpy(err->field, field ? field : "", sizeof(err->field));
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    yc_utf8_trim_tail(err->message);
    err->retry_after_s = 0;
    return status;
}

void
yc_err_clear(struct yc_err *err)
{
    memset(err, 0, sizeof(*err));
}

const char *
yc_status_name(enum yc_status status)
{
    static const char *const names[] = {
        "OK",     "EINVAL", "EUNAUTH", "EFORBIDDEN", "ENOTFOUND", "EMETHOD", "ECONFLICT",
        "ETOOBIG", "EMEDIA", "EUNPROC", "ERATE",     "EINTERNAL", "EDB",     "EUNAVAIL",
    };
    int i = -(int)status;

    if (i < 0 || i >= (int)(sizeof(names) / sizeof(names[0]))) {
        return "E?";
    }
    return names[i];
}
