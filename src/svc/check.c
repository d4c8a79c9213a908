/* check.c - checking 居民身份证号码 (GB 11643) and 统一社会信用代码 (GB 32100) for staff. */
#include <string.h>

#include "base/date.h"
#include "domain/ids.h"
#include "svc/svc.h"
#include "base/banned.h"

static int
failed(enum yc_idcheck r, const char *field, const char *what, struct yc_err *err)
{
    return yc_fail(err, YC_EUNPROC, "check_failed", field, "%s校验未通过（%s）：%s", what,
                   yc_idcheck_code(r), yc_idcheck_message(r));
}

/* People type a lower-case x as often as an upper-case one; the standard's form is upper case. */
static const char *
upper(struct yc_ctx *ctx, const char *s)
{
    char *u = yc_arena_strdup(ctx->arena, s);

    for (char *p = u; *p; p++) {
        if (*p >= 'a' && *p <= 'z') {
            *p = (char)(*p - 'a' + 'A');
        }
    }
    return u;
}

int
yc_svc_check_id(struct yc_ctx *ctx, const char *number, json_t **out, struct yc_err *err)
{
    struct yc_resident_id id;
    enum yc_idcheck r;
    char masked[32], birth[11];
    int rc = yc_svc_allow(ctx, YC_OP_ID_CHECK, err);

    if (rc) {
        return rc;
    }
    number = upper(ctx, number);
    r = yc_id_check_resident(number, strlen(number), ctx->today, &id);
    if (r != YC_IDCHECK_OK) {
        return failed(r, "number", "居民身份证号码", err);
    }
    yc_id_mask(number, strlen(number), masked, sizeof(masked));
    yc_date_format(id.birth_day, birth);
    *out = json_pack("{s:b, s:s, s:s, s:s, s:s}", "ok", 1, "masked", masked, "birth_date", birth,
                     "sex", id.sex == 1 ? "男" : "女", "region", id.region);
    return 0;
}

int
yc_svc_check_uscc(struct yc_ctx *ctx, const char *code, json_t **out, struct yc_err *err)
{
    enum yc_idcheck r;
    char masked[32];
    int rc = yc_svc_allow(ctx, YC_OP_ID_CHECK, err);

    if (rc) {
        return rc;
    }
    code = upper(ctx, code);
    r = yc_id_check_uscc(code, strlen(code));
    if (r != YC_IDCHECK_OK) {
        return failed(r, "code", "统一社会信用代码", err);
    }
    yc_id_mask(code, strlen(code), masked, sizeof(masked));
    *out = json_pack("{s:b, s:s}", "ok", 1, "masked", masked);
    return 0;
}
