/*
 * evaluate.c - 好差评: the rating token of a case, the public rating page and the rating itself
 * (a bad review opens its rectification in the same transaction), the lists of ratings, the
 * rectification of bad reviews (callback, then 立行立改 / 限期整改 / 解释说明 with evidence, then
 * the rater's rating of the fix), and the departments' appeals decided by the supervisor.
 * docs/supervision.md describes the rules.
 */
#include <sodium.h>
#include <string.h>

#include "base/date.h"
#include "base/log.h"
#include "domain/case_flow.h"
#include "domain/case_no.h"
#include "domain/ids.h"
#include "domain/roles.h"
#include "domain/supervise.h"
#include "svc/supervise_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define KEY_SETTING         "rating_key"
#define PUBLIC_WINDOW_MS    (10LL * 60 * 1000)
#define PUBLIC_MAX_FAILURES 10
#define LIST_DAYS           31

/* ---- the rating token ---- */

static int
rating_key(struct yc_ctx *ctx, unsigned char key[crypto_auth_hmacsha256_KEYBYTES],
           struct yc_err *err)
{
    const char *v = NULL;
    size_t len = 0;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, KEY_SETTING, &v, err);

    if (rc == 0 && !v) {
        /* first use: a random key; if another process wins the insert, its key is kept */
        unsigned char k[crypto_auth_hmacsha256_KEYBYTES];
        char hex[2 * sizeof(k) + 1];
        randombytes_buf(k, sizeof(k));
        sodium_bin2hex(hex, sizeof(hex), k, sizeof(k));
        sodium_memzero(k, sizeof(k));
        rc = yc_store_setting_init(ctx->db, KEY_SETTING, hex, err);
        sodium_memzero(hex, sizeof(hex));
        if (rc == 0) {
            rc = yc_store_setting_get(ctx->db, ctx->arena, KEY_SETTING, &v, err);
        }
    }
    if (rc == 0 && (!v ||
                    sodium_hex2bin(key, crypto_auth_hmacsha256_KEYBYTES, v, strlen(v), NULL, &len,
                                   NULL) != 0 ||
                    len != crypto_auth_hmacsha256_KEYBYTES)) {
        rc = yc_fail(err, YC_EINTERNAL, "rating_key_invalid", NULL, "评价密钥损坏，请联系管理员");
    }
    return rc;
}

int
yc_sup_rating_token(struct yc_ctx *ctx, const char *number, char out[23], struct yc_err *err)
{
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    int rc = rating_key(ctx, key, err);

    out[0] = '\0';
    if (rc) {
        return rc;
    }
    crypto_auth_hmacsha256(mac, (const unsigned char *)number, strlen(number), key);
    sodium_bin2base64(out, 23, mac, 16, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(key, sizeof(key));
    return 0;
}

/* 1 when token is the case's token (constant time). */
static int
token_ok(struct yc_ctx *ctx, const char *number, const char *token, struct yc_err *err, int *rc)
{
    char want[23];

    *rc = yc_sup_rating_token(ctx, number, want, err);
    return *rc == 0 && token && strlen(token) == 22 && sodium_memcmp(want, token, 22) == 0;
}

/* ---- throttling of failed public lookups (as the public status page) ---- */

int
yc_sup_throttled(struct yc_ctx *ctx, const char *key, struct yc_err *err)
{
    int64_t start = 0, failures = 0;
    int rc = yc_store_throttle_get(ctx->db, key, &start, &failures, err);

    if (rc == 0 && failures >= PUBLIC_MAX_FAILURES && ctx->now_ms - start < PUBLIC_WINDOW_MS) {
        rc = yc_fail(err, YC_ERATE, "rate_limited", NULL, "尝试过于频繁，请稍后再试");
        err->retry_after_s = (int)((PUBLIC_WINDOW_MS - (ctx->now_ms - start)) / 1000 + 1);
    }
    return rc;
}

void
yc_sup_count_failure(struct yc_ctx *ctx, const char *key)
{
    struct yc_err e;
    int64_t start = 0, failures = 0;
    int rc = yc_db_begin(ctx->db, &e);

    if (rc == 0) {
        rc = yc_store_throttle_get(ctx->db, key, &start, &failures, &e);
        if (rc == 0 && ctx->now_ms - start >= PUBLIC_WINDOW_MS) {
            start = ctx->now_ms;
            failures = 0;
        }
        if (rc == 0) {
            rc = yc_store_throttle_put(ctx->db, key, start, failures + 1, &e);
        }
        if (yc_db_finish(ctx->db, rc, &e)) {
            yc_log(YC_LOG_WARN, "rating throttle: %s", e.message);
        }
    }
}

/*
 * The case behind a public rating request: the number's check digits first (422), then the case
 * and its token (404 case_not_found for both an unknown number and a wrong token, so the page does
 * not reveal which cases exist). Failures are counted per address. Inside the caller's
 * transaction; *failed says whether to count a failure after it.
 */
static int
public_case(struct yc_ctx *ctx, const char *number, const char *token, struct yc_case *c,
            int *failed, struct yc_err *err)
{
    struct yc_case_no no;
    int found = 0;
    int rc = yc_case_no_parse(number, strlen(number), &no);

    *failed = 0;
    if (rc) {
        *failed = 1;
        return yc_fail(err, YC_EUNPROC, rc == YC_CASE_NO_ECHECK ? "bad_check" : "bad_number",
                       "number", "%s", yc_case_no_error_message(rc));
    }
    rc = yc_store_case_get(ctx->db, ctx->arena, 0, no.text, c, &found, err);
    if (rc == 0 && found && !token_ok(ctx, c->number, token, err, &rc) && rc == 0) {
        found = 0;
    }
    if (rc == 0 && !found) {
        *failed = 1;
        rc = yc_fail(err, YC_ENOTFOUND, "case_not_found", NULL,
                     "没有找到该办件，请扫描办件通知书上的二维码或向窗口索取评价码");
    }
    return rc;
}

/* ---- what can be rated ---- */

static int
case_state(const struct yc_case *c, enum yc_case_state *st)
{
    return c->state && yc_case_state_parse(c->state, strlen(c->state), st) == 0;
}

static const struct yc_rating *
rating_of_stage(const struct yc_rating *r, size_t n, const char *stage)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(r[i].stage, stage) == 0) {
            return &r[i];
        }
    }
    return NULL;
}

const char *
yc_sup_state_zh(const struct yc_case *c)
{
    enum yc_case_state st = YC_CASE_STATE__MAX;

    return case_state(c, &st) ? yc_case_state_label(st) : "未知";
}

/* 1 when stage s (accept or result) of the case may be rated now (whether rated or not). */
static int
stage_open(const struct yc_case *c, enum yc_rating_stage s)
{
    enum yc_case_state st = YC_CASE_STATE__MAX;

    return case_state(c, &st) && yc_rating_stage_open(s, st, c->accepted_day != YC_NO_DAY);
}

int
yc_sup_open_stage(const struct yc_case *c, const struct yc_rating *r, size_t n)
{
    for (int s = YC_STAGE_ACCEPT; s <= YC_STAGE_RESULT; s++) {
        if (stage_open(c, (enum yc_rating_stage)s) &&
            !rating_of_stage(r, n, yc_rating_stage_name((enum yc_rating_stage)s))) {
            return s;
        }
    }
    return -1;
}

json_t *
yc_sup_stages_json(const struct yc_case *c, const struct yc_rating *r, size_t n)
{
    json_t *a = json_array();

    for (int s = YC_STAGE_ACCEPT; s <= YC_STAGE_RESULT; s++) {
        int rated = rating_of_stage(r, n, yc_rating_stage_name((enum yc_rating_stage)s)) != NULL;
        int open = stage_open(c, (enum yc_rating_stage)s);
        json_array_append_new(a,
                              json_pack("{s:s, s:s, s:b, s:b}", "stage",
                                        yc_rating_stage_name((enum yc_rating_stage)s), "stage_zh",
                                        yc_rating_stage_label((enum yc_rating_stage)s), "rateable",
                                        open && !rated, "rated", rated));
    }
    return a;
}

static const char *
action_zh(const char *name)
{
    enum yc_rect_action a;

    return yc_rect_action_parse(name, strlen(name), &a) == 0 ? yc_rect_action_label(a) : "";
}

static const char *
stage_zh(const char *name)
{
    enum yc_rating_stage s;

    return yc_rating_stage_parse(name, strlen(name), &s) == 0 ? yc_rating_stage_label(s) : "未知";
}

json_t *
yc_sup_levels_json(void)
{
    json_t *a = json_array();

    for (int l = YC_RATING_MIN; l <= YC_RATING_MAX; l++) {
        json_array_append_new(a,
                              json_pack("{s:i, s:s, s:b}", "level", l, "label", yc_rating_label(l),
                                        "reason_required", yc_rating_is_bad(l)));
    }
    return a;
}

int
yc_svc_rate_page(struct yc_ctx *ctx, const char *number, const char *token, json_t **out,
                 struct yc_err *err)
{
    struct yc_case c = {0};
    struct yc_rating *r = NULL;
    struct yc_rect *x = NULL;
    size_t n = 0, nx = 0;
    int failed = 0;
    const char *key = yc_arena_printf(ctx->arena, "rate_public:%s", ctx->addr);
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = yc_sup_throttled(ctx, key, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = public_case(ctx, number, token, &c, &failed, err);
    if (rc == 0) {
        rc = yc_store_ratings_of_case(ctx->db, ctx->arena, c.id, &r, &n, err);
    }
    if (rc == 0) {
        rc = yc_store_rect_rateable(ctx->db, ctx->arena, c.id, &x, &nx, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (failed) {
        yc_sup_count_failure(ctx, key);
    }
    if (rc) {
        return rc;
    }
    {
        json_t *fixes = json_array();
        for (size_t i = 0; i < nx; i++) {
            json_array_append_new(fixes, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id",
                                                   (json_int_t)x[i].id, "rated_stage", x[i].stage,
                                                   "rated_stage_zh", stage_zh(x[i].stage), "action",
                                                   x[i].action, "action_zh", action_zh(x[i].action),
                                                   "evidence", x[i].action_evidence, "due",
                                                   yc_sup_day_json(x[i].action_due)));
        }
        *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "number", c.number, "matter",
                         c.matter_name, "department", c.department_name, "state", c.state,
                         "state_zh", yc_sup_state_zh(&c), "stages", yc_sup_stages_json(&c, r, n),
                         "rectifications", fixes, "levels", yc_sup_levels_json());
    }
    return 0;
}

/* ---- giving a rating ---- */

static int
contact_ok(const char *s)
{
    size_t n = strlen(s);

    if (n < 7 || n > 20) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-')) {
            return 0;
        }
    }
    return 1;
}

/* Outside input that needs no database: 422 with the field. */
static int
rating_check(const struct yc_rating_in *in, enum yc_rating_stage *stage,
             enum yc_rating_channel *channel, struct yc_err *err)
{
    if (!in->stage || yc_rating_stage_parse(in->stage, strlen(in->stage), stage) != 0) {
        return yc_fail(
            err, YC_EUNPROC, "field_invalid", "stage",
            "评价环节应为 accept（受理服务）、result（办理结果）或 rectification（整改复评）");
    }
    if (!in->channel || yc_rating_channel_parse(in->channel, strlen(in->channel), channel) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "channel",
                       "评价渠道应为 window（窗口评价器）、qr（扫码）或 online（网上）");
    }
    if (in->level < YC_RATING_MIN || in->level > YC_RATING_MAX) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "level",
                       "评价等级应为 1（非常满意）至 5（非常不满意）");
    }
    if (yc_rating_is_bad(in->level) && !(in->reason && *in->reason)) {
        return yc_fail(err, YC_EUNPROC, "reason_required", "reason",
                       "选择“%s”时请写明原因，以便我们整改", yc_rating_label(in->level));
    }
    if (in->real_name && !(in->rater_name && *in->rater_name)) {
        return yc_fail(err, YC_EUNPROC, "field_required", "rater_name", "实名评价请填写姓名");
    }
    if (in->real_name && !(in->rater_contact && *in->rater_contact)) {
        return yc_fail(err, YC_EUNPROC, "field_required", "rater_contact",
                       "实名评价请填写联系电话，以便回访");
    }
    if (in->real_name && !contact_ok(in->rater_contact)) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "rater_contact",
                       "联系电话应为 7 至 20 位数字");
    }
    if (*stage != YC_STAGE_RECTIFICATION && in->rectification_id) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "rectification_id",
                       "只有整改复评需要指明整改单");
    }
    return 0;
}

static int
not_rateable(const struct yc_case *c, const char *what, struct yc_err *err)
{
    enum yc_case_state st = YC_CASE_STATE__MAX;

    return yc_fail(err, YC_ECONFLICT, "not_rateable", "stage", "办件 %s 当前为“%s”，%s", c->number,
                   case_state(c, &st) ? yc_case_state_label(st) : "未知", what);
}

static int
already_rated(const struct yc_case *c, const char *stage, struct yc_err *err)
{
    return yc_fail(err, YC_ECONFLICT, "already_rated", "stage",
                   "办件 %s 的“%s”已评价过，每个环节只能评价一次", c->number, stage_zh(stage));
}

/* Which rectification's fix is rated: the one named, else the oldest rateable. */
static int
pick_fix(struct yc_ctx *ctx, const struct yc_case *c, int64_t want, struct yc_rect *x,
         struct yc_err *err)
{
    struct yc_rect *list;
    size_t n;
    int found = 0;
    int rc;

    if (want) {
        rc = yc_store_rect_get(ctx->db, ctx->arena, want, x, &found, err);
        if (rc == 0 && (!found || x->case_id != c->id)) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "rectification_id",
                           "整改单 %lld 不属于办件 %s", (long long)want, c->number);
        }
        if (rc == 0 && strcmp(x->state, "rerated") == 0) {
            return already_rated(c, "rectification", err);
        }
        if (rc == 0 && strcmp(x->state, "acted") != 0) {
            return not_rateable(c, "该整改尚未完成，暂不能评价整改结果", err);
        }
        return rc;
    }
    rc = yc_store_rect_rateable(ctx->db, ctx->arena, c->id, &list, &n, err);
    if (rc == 0 && n == 0) {
        return not_rateable(c, "没有待评价的整改结果", err);
    }
    if (rc == 0) {
        *x = list[0];
    }
    return rc;
}

/* A bad review: its rectification, with the deadlines counted from today. */
static int
open_rectification(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_rating *r,
                   struct yc_rect *x, struct yc_err *err)
{
    struct yc_sup_config cfg;
    char cb[11], fx[11];
    const char *text;
    int rc = yc_sup_config_load(ctx, &cfg, err);

    memset(x, 0, sizeof(*x));
    x->rating_id = r->id;
    x->case_id = c->id;
    x->department_id = c->department_id;
    x->real_name = r->real_name;
    x->created_at = ctx->now_ms;
    x->created_day = ctx->today;
    if (rc == 0) {
        rc = yc_sup_workdays_after(ctx->today, cfg.callback_days, &x->callback_due, err);
    }
    if (rc == 0) {
        rc = yc_sup_workdays_after(ctx->today, cfg.fix_days, &x->fix_due, err);
    }
    if (rc == 0) {
        rc = yc_store_rect_insert(ctx->db, x, &x->id, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(x->callback_due, cb);
    yc_date_format(x->fix_due, fx);
    text = yc_arena_printf(ctx->arena,
                           "【好差评】办件 %s（%s）收到%s评价“%s”，请于 %s 前回访，%s 前完成整改",
                           c->number, c->matter_name, r->real_name ? "实名" : "匿名",
                           yc_rating_label(r->level), cb, fx);
    rc = yc_sup_tell_heads(ctx, c->department_id, text, err);
    if (rc == 0) {
        rc = yc_sup_tell_user(ctx, c->assignee_id, text, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "rectification.open", c->number,
                          "差评整改单 %lld：%s前回访，%s前整改", (long long)x->id, cb, fx);
    }
    return rc;
}

int
yc_sup_rate_tx(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_rating_in *in,
               enum yc_rating_stage stage, struct yc_rating *r, struct yc_rect *opened,
               struct yc_err *err)
{
    struct yc_rating *given;
    struct yc_rect fix = {0};
    size_t n;
    int won = 0;
    int rc = yc_store_ratings_of_case(ctx->db, ctx->arena, c->id, &given, &n, err);

    if (rc) {
        return rc;
    }
    if (stage == YC_STAGE_RECTIFICATION) {
        rc = pick_fix(ctx, c, in->rectification_id, &fix, err);
    } else if (rating_of_stage(given, n, in->stage)) {
        rc = already_rated(c, in->stage, err);
    } else if (!stage_open(c, stage)) {
        rc = not_rateable(c,
                          stage == YC_STAGE_ACCEPT ? "尚未受理，暂不能评价受理服务"
                                                   : "尚未出件，暂不能评价办理结果",
                          err);
    }
    if (rc) {
        return rc;
    }
    r->case_id = c->id;
    r->stage = yc_rating_stage_name(stage);
    r->rectification_id = stage == YC_STAGE_RECTIFICATION ? fix.id : 0;
    r->department_id = c->department_id;
    r->matter_id = c->matter_id;
    r->given_at = ctx->now_ms;
    r->given_day = ctx->today;
    rc = yc_store_rating_insert(ctx->db, r, &r->id, err);
    if (rc == YC_ECONFLICT) {
        return already_rated(c, r->stage, err); /* a concurrent rating of the stage won */
    }
    if (rc == 0 && stage == YC_STAGE_RECTIFICATION) {
        rc = yc_store_rect_state(ctx->db, &fix, "rerated", &won, err);
        if (rc == 0 && !won) {
            return already_rated(c, r->stage, err);
        }
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "rating.give", c->number, "%s：%d %s（%s，%s）",
                          yc_rating_stage_label(stage), r->level, yc_rating_label(r->level),
                          r->channel, r->real_name ? "实名" : "匿名");
    }
    if (rc == 0 && yc_rating_is_bad(r->level) && stage != YC_STAGE_RECTIFICATION) {
        rc = open_rectification(ctx, c, r, opened, err);
    }
    return rc;
}

int
yc_sup_not_staff(const struct yc_ctx *ctx, struct yc_err *err)
{
    if (ctx->user) {
        /* the rating is the applicant's: staff must not give or steer it (DOMAIN.md) */
        return yc_fail(err, YC_EFORBIDDEN, "staff_cannot_rate", NULL,
                       "工作人员不能代替办事人评价，请退出登录后由办事人本人评价");
    }
    return 0;
}

int
yc_sup_rating_prepare(const struct yc_rating_in *in, struct yc_rating *r,
                      enum yc_rating_stage *stage, struct yc_err *err)
{
    enum yc_rating_channel channel = YC_CHANNEL_QR;
    int rc = rating_check(in, stage, &channel, err);

    if (rc) {
        return rc;
    }
    memset(r, 0, sizeof(*r));
    r->level = in->level;
    r->comment = in->comment ? in->comment : "";
    r->reason = in->reason ? in->reason : "";
    r->channel = yc_rating_channel_name(channel);
    r->real_name = in->real_name != 0;
    r->rater_name = in->real_name ? in->rater_name : "";
    r->rater_contact = in->real_name ? in->rater_contact : "";
    return 0;
}

json_t *
yc_sup_rate_answer(const struct yc_rating *r, enum yc_rating_stage stage,
                   const struct yc_rect *opened)
{
    return json_pack("{s:{s:I, s:s, s:s, s:i, s:s, s:o}, s:o, s:s}", "rating", "id",
                     (json_int_t)r->id, "stage", r->stage, "stage_zh", yc_rating_stage_label(stage),
                     "level", r->level, "level_zh", yc_rating_label(r->level), "given_at",
                     yc_sup_time_json(r->given_at), "rectification",
                     opened->id ? json_pack("{s:I, s:o, s:o}", "id", (json_int_t)opened->id,
                                            "callback_due", yc_sup_day_json(opened->callback_due),
                                            "fix_due", yc_sup_day_json(opened->fix_due))
                                : json_null(),
                     "message",
                     yc_rating_is_bad(r->level) && stage != YC_STAGE_RECTIFICATION
                         ? "感谢您的评价，我们将尽快与您联系并整改"
                         : "感谢您的评价");
}

int
yc_svc_rate(struct yc_ctx *ctx, const char *number, const struct yc_rating_in *in, json_t **out,
            struct yc_err *err)
{
    struct yc_case c = {0};
    struct yc_rating r = {0};
    struct yc_rect opened = {0};
    enum yc_rating_stage stage = YC_STAGE_ACCEPT;
    int failed = 0;
    const char *key = yc_arena_printf(ctx->arena, "rate_public:%s", ctx->addr);
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = yc_sup_not_staff(ctx, err);
    }
    if (rc == 0) {
        rc = yc_sup_throttled(ctx, key, err);
    }
    if (rc == 0) {
        rc = yc_sup_rating_prepare(in, &r, &stage, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = public_case(ctx, number, in->token, &c, &failed, err);
    if (rc == 0) {
        rc = yc_sup_rate_tx(ctx, &c, in, stage, &r, &opened, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (failed) {
        yc_sup_count_failure(ctx, key);
    }
    if (rc) {
        return rc;
    }
    *out = yc_sup_rate_answer(&r, stage, &opened);
    return 0;
}

/* ---- what staff see ---- */

static const char *
mask_contact(struct yc_arena *a, const char *s)
{
    size_t len = strlen(s);
    char *out = yc_arena_alloc(a, len + 1);

    yc_id_mask(s, len, out, len + 1);
    return out;
}

/* A name with every character but the first masked (王** for 王小明). */
static const char *
mask_name(struct yc_arena *a, const char *s)
{
    size_t first = 0, rest = 0, len = strlen(s);
    char *out;

    if (len == 0) {
        return "";
    }
    for (first = 1; first < len && ((unsigned char)s[first] & 0xC0) == 0x80; first++) {
    }
    for (size_t i = first; i < len; i++) {
        rest += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    out = yc_arena_alloc(a, first + rest + 1);
    memcpy(out, s, first);
    memset(out + first, '*', rest);
    out[first + rest] = '\0';
    return out;
}

static const char *
channel_zh(const char *name)
{
    enum yc_rating_channel c;

    return yc_rating_channel_parse(name, strlen(name), &c) == 0 ? yc_rating_channel_label(c) : "";
}

static json_t *
appeal_ref(int64_t id, const char *state)
{
    return id ? json_pack("{s:I, s:s}", "id", (json_int_t)id, "state", state) : json_null();
}

static json_t *
rating_json(struct yc_ctx *ctx, const struct yc_rating *r)
{
    return json_pack(
        "{s:I, s:{s:I, s:s}, s:s, s:{s:I, s:s}, s:s, s:s, s:i, s:s, s:b, s:s, s:s, s:s, s:s, s:b, "
        "s:s, s:s, s:o, s:o, s:o, s:o}",
        "id", (json_int_t)r->id, "case", "id", (json_int_t)r->case_id, "number", r->case_number,
        "matter", r->matter_name, "department", "id", (json_int_t)r->department_id, "name",
        r->department_name, "stage", r->stage, "stage_zh", stage_zh(r->stage), "level", r->level,
        "level_zh", yc_rating_label(r->level), "bad", yc_rating_is_bad(r->level), "comment",
        r->comment, "reason", r->reason, "channel", r->channel, "channel_zh",
        channel_zh(r->channel), "real_name", r->real_name, "rater_name",
        mask_name(ctx->arena, r->rater_name), "rater_contact",
        mask_contact(ctx->arena, r->rater_contact), "given_at", yc_sup_time_json(r->given_at),
        "given_day", yc_sup_day_json(r->given_day), "appeal",
        appeal_ref(r->appeal_id, r->appeal_state), "rectification",
        r->opened_rectification_id
            ? json_pack("{s:I, s:s}", "id", (json_int_t)r->opened_rectification_id, "state",
                        r->opened_rectification_state)
            : json_null());
}

void
yc_svc_case_rating_add(struct yc_ctx *ctx, const struct yc_case *c, json_t *detail)
{
    struct yc_err err;
    struct yc_rating *r;
    size_t n;
    char token[23];
    const char *url;
    json_t *given;

    if (yc_sup_rating_token(ctx, c->number, token, &err) ||
        yc_store_ratings_of_case(ctx->db, ctx->arena, c->id, &r, &n, &err)) {
        yc_log(YC_LOG_WARN, "rating block of %s: %s", c->number, err.message);
        json_object_set_new(detail, "rating_url", json_null());
        json_object_set_new(detail, "rating", json_null());
        return;
    }
    given = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            given,
            json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:o, s:o}", "id", (json_int_t)r[i].id,
                      "stage", r[i].stage, "stage_zh", stage_zh(r[i].stage), "level", r[i].level,
                      "level_zh", yc_rating_label(r[i].level), "channel", r[i].channel, "given_at",
                      yc_sup_time_json(r[i].given_at), "rectification_id",
                      r[i].opened_rectification_id ? json_integer(r[i].opened_rectification_id)
                                                   : json_null()));
    }
    url = yc_arena_printf(ctx->arena, "/rate/%s?t=%s", c->number, token);
    json_object_set_new(detail, "rating_url", json_string(url));
    json_object_set_new(detail, "rating",
                        json_pack("{s:s, s:s, s:o, s:o}", "url", url, "token", token, "stages",
                                  yc_sup_stages_json(c, r, n), "ratings", given));
}

int
yc_svc_rating_list(struct yc_ctx *ctx, const struct yc_rating_query *q, json_t **out,
                   struct yc_err *err)
{
    struct yc_rating_filter f = {0};
    struct yc_rating *r;
    enum yc_rating_stage st;
    size_t n;
    int64_t scope = yc_sup_scope(ctx);
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_RATING_READ, err);

    if (rc) {
        return rc;
    }
    if (q->stage && *q->stage && yc_rating_stage_parse(q->stage, strlen(q->stage), &st) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "stage",
                       "评价环节应为 accept、result 或 rectification");
    }
    f.to = q->to == YC_NO_DAY ? ctx->today : q->to;
    f.from = q->from == YC_NO_DAY ? f.to - (LIST_DAYS - 1) : q->from;
    if (f.to < f.from) {
        return yc_fail(err, YC_EUNPROC, "period_invalid", "to", "结束日期不能早于开始日期");
    }
    f.department_id = scope ? scope : q->department_id;
    f.stage = q->stage ? q->stage : "";
    f.bad_only = q->bad_only;
    f.limit = 500;
    rc = yc_store_rating_list(ctx->db, ctx->arena, &f, &r, &n, err);
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, rating_json(ctx, &r[i]));
    }
    *out = json_pack("{s:o, s:o, s:I, s:o}", "from", yc_sup_day_json(f.from), "to",
                     yc_sup_day_json(f.to), "count", (json_int_t)n, "ratings", arr);
    return 0;
}

/* ---- rectifications ---- */

static json_t *
rect_json(struct yc_ctx *ctx, const struct yc_rect *x, int full)
{
    enum yc_rect_state st = YC_RECT__MAX;
    int live = strcmp(x->state, "void") != 0;

    if (yc_rect_state_parse(x->state, strlen(x->state), &st) != 0) {
        st = YC_RECT__MAX;
    }
    return json_pack(
        "{s:I, s:{s:I, s:s, s:s}, s:{s:I, s:s}, s:s, s:s, s:{s:I, s:s, s:s, s:i, s:s, s:s, s:s, "
        "s:s, s:s, s:b, s:s, s:s, s:o}, s:o, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o}",
        "id", (json_int_t)x->id, "case", "id", (json_int_t)x->case_id, "number", x->case_number,
        "matter", x->matter_name, "department", "id", (json_int_t)x->department_id, "name",
        x->department_name, "state", x->state, "state_zh", yc_rect_state_label(st), "rating", "id",
        (json_int_t)x->rating_id, "stage", x->stage, "stage_zh", stage_zh(x->stage), "level",
        x->level, "level_zh", yc_rating_label(x->level), "comment", x->comment, "reason", x->reason,
        "channel", x->channel, "channel_zh", channel_zh(x->channel), "real_name", x->real_name,
        "rater_name", full ? x->rater_name : mask_name(ctx->arena, x->rater_name), "rater_contact",
        full ? x->rater_contact : mask_contact(ctx->arena, x->rater_contact), "given_at",
        yc_sup_time_json(x->given_at), "created_at", yc_sup_time_json(x->created_at),
        "callback_due", yc_sup_day_json(x->callback_due), "fix_due", yc_sup_day_json(x->fix_due),
        "callback_overdue", live && x->callback_at == 0 && ctx->today > x->callback_due,
        "fix_overdue", live && x->action_at == 0 && ctx->today > x->fix_due, "callback",
        x->callback_at ? json_pack("{s:o, s:s, s:s}", "at", yc_sup_time_json(x->callback_at), "by",
                                   x->callback_by_name, "note", x->callback_note)
                       : json_null(),
        "action",
        x->action_at ? json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "kind", x->action, "kind_zh",
                                 action_zh(x->action), "evidence", x->action_evidence, "due",
                                 yc_sup_day_json(x->action_due), "at",
                                 yc_sup_time_json(x->action_at), "by", x->action_by_name)
                     : json_null(),
        "rerating",
        x->rerate_level ? json_pack("{s:i, s:s, s:s, s:o}", "level", x->rerate_level, "level_zh",
                                    yc_rating_label(x->rerate_level), "comment", x->rerate_comment,
                                    "at", yc_sup_time_json(x->rerate_at))
                        : json_null(),
        "appeal", appeal_ref(x->appeal_id, x->appeal_state));
}

static int
rect_load(struct yc_ctx *ctx, int64_t id, struct yc_rect *x, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_rect_get(ctx->db, ctx->arena, id, x, &found, err);

    if (rc == 0 && (!found || !yc_sup_in_scope(ctx, x->department_id))) {
        rc = yc_fail(err, YC_ENOTFOUND, "rectification_not_found", NULL, "整改单 %lld 不存在",
                     (long long)id);
    }
    return rc;
}

int
yc_svc_rect_list(struct yc_ctx *ctx, int64_t department_id, const char *state, int callback_missing,
                 json_t **out, struct yc_err *err)
{
    struct yc_rect_filter f = {0};
    struct yc_rect *x;
    enum yc_rect_state st;
    size_t n;
    int64_t scope = yc_sup_scope(ctx);
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_RATING_READ, err);

    if (rc) {
        return rc;
    }
    if (state && *state && yc_rect_state_parse(state, strlen(state), &st) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "state",
                       "整改状态应为 open、called_back、acted、rerated 或 void");
    }
    f.department_id = scope ? scope : department_id;
    f.state = state ? state : "";
    f.callback_missing = callback_missing;
    f.limit = 500;
    rc = yc_store_rect_list(ctx->db, ctx->arena, &f, &x, &n, err);
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, rect_json(ctx, &x[i], 0));
    }
    *out = json_pack("{s:I, s:o}", "count", (json_int_t)n, "rectifications", arr);
    return 0;
}

int
yc_svc_rect_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_rect x;
    int rc = yc_svc_allow(ctx, YC_OP_RATING_READ, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = rect_load(ctx, id, &x, err);
    /* the rater's name and number are in clear here (for the callback): every view is audited */
    if (rc == 0 && x.real_name) {
        rc = yc_svc_audit(ctx, err, "rectification.view", x.case_number,
                          "查看整改单 %lld（含评价人联系方式）", (long long)id);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = rect_json(ctx, &x, 1);
    }
    return rc;
}

static int
rect_void(const struct yc_rect *x, struct yc_err *err)
{
    return yc_fail(err, YC_ECONFLICT, "rectification_void", NULL,
                   "整改单 %lld 的评价已申诉成立，无需再整改", (long long)x->id);
}

static int
rect_raced(const struct yc_rect *x, struct yc_err *err)
{
    return yc_fail(err, YC_ECONFLICT, "rectification_version_conflict", NULL,
                   "整改单 %lld 已被他人更新，请刷新后重试", (long long)x->id);
}

int
yc_svc_rect_callback(struct yc_ctx *ctx, int64_t id, const char *note, json_t **out,
                     struct yc_err *err)
{
    struct yc_rect x;
    int won = 0;
    int rc = yc_svc_allow(ctx, YC_OP_RECTIFY, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = rect_load(ctx, id, &x, err);
    if (rc == 0 && strcmp(x.state, "void") == 0) {
        rc = rect_void(&x, err);
    } else if (rc == 0 && strcmp(x.state, "open") != 0) {
        rc = yc_fail(err, YC_ECONFLICT, "callback_recorded", NULL, "整改单 %lld 已记录回访",
                     (long long)id);
    }
    if (rc == 0) {
        rc = yc_store_rect_callback(ctx->db, &x, "called_back", ctx->now_ms, ctx->today,
                                    ctx->user->id, note, &won, err);
    }
    if (rc == 0 && !won) {
        rc = rect_raced(&x, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "rectification.callback", x.case_number, "整改单 %lld 回访：%s",
                          (long long)id, note);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : yc_svc_rect_get(ctx, id, out, err);
}

/* The action's input against the rectification: kind, and for 限期整改 a day within the deadline.
 */
static int
action_check(struct yc_ctx *ctx, const struct yc_rect *x, const char *kind, int32_t due,
             enum yc_rect_action *a, struct yc_err *err)
{
    char fx[11];

    if (!kind || yc_rect_action_parse(kind, strlen(kind), a) != 0) {
        return yc_fail(
            err, YC_EUNPROC, "field_invalid", "kind",
            "整改方式应为 immediate（立行立改）、deadline（限期整改）或 explain（解释说明）");
    }
    if (*a != YC_ACTION_DEADLINE) {
        return due == YC_NO_DAY ? 0
                                : yc_fail(err, YC_EUNPROC, "field_invalid", "due",
                                          "只有限期整改需要整改完成日期");
    }
    if (due == YC_NO_DAY) {
        return yc_fail(err, YC_EUNPROC, "field_required", "due", "限期整改须写明整改完成日期");
    }
    if (due < ctx->today) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "due", "整改完成日期不能早于今天");
    }
    yc_date_format(x->fix_due, fx);
    if (due > x->fix_due) {
        return yc_fail(err, YC_EUNPROC, "due_after_deadline", "due",
                       "整改完成日期不能晚于整改期限 %s", fx);
    }
    return 0;
}

static int
action_tx(struct yc_ctx *ctx, int64_t id, const char *kind, const char *evidence, int32_t due,
          struct yc_err *err)
{
    struct yc_rect x;
    enum yc_rect_action a = YC_ACTION_EXPLAIN;
    char token[23];
    int won = 0;
    int rc = rect_load(ctx, id, &x, err);

    if (rc) {
        return rc;
    }
    if (strcmp(x.state, "void") == 0) {
        return rect_void(&x, err);
    }
    if (strcmp(x.state, "open") == 0) {
        return yc_fail(err, YC_ECONFLICT, "callback_first", NULL,
                       "整改单 %lld 尚未回访：请先回访评价人，再记录整改", (long long)id);
    }
    if (strcmp(x.state, "called_back") != 0) {
        return yc_fail(err, YC_ECONFLICT, "action_recorded", NULL, "整改单 %lld 已记录整改",
                       (long long)id);
    }
    rc = action_check(ctx, &x, kind, due, &a, err);
    if (rc == 0) {
        rc = yc_store_rect_action(ctx->db, &x, yc_rect_action_name(a), evidence, due, ctx->now_ms,
                                  ctx->today, ctx->user->id, &won, err);
    }
    if (rc == 0 && !won) {
        rc = rect_raced(&x, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "rectification.action", x.case_number, "整改单 %lld %s：%s",
                          (long long)id, yc_rect_action_label(a), evidence);
    }
    /* the rater (real name) is told and may rate the fix on the same page */
    if (rc == 0 && x.real_name && *x.rater_contact) {
        rc = yc_sup_rating_token(ctx, x.case_number, token, err);
        if (rc == 0) {
            rc = yc_store_outbox_insert(
                ctx->db, x.case_id, x.rater_contact,
                yc_arena_printf(
                    ctx->arena,
                    "【好差评】您对办件 %s 的评价已%s处理，欢迎评价整改结果：/rate/%s?t=%s",
                    x.case_number, yc_rect_action_label(a), x.case_number, token),
                ctx->now_ms, err);
        }
    }
    return rc;
}

int
yc_svc_rect_action(struct yc_ctx *ctx, int64_t id, const char *kind, const char *evidence,
                   int32_t due, json_t **out, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_RECTIFY, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = action_tx(ctx, id, kind, evidence, due, err);
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : yc_svc_rect_get(ctx, id, out, err);
}

/* ---- appeals ---- */

static json_t *
appeal_json(const struct yc_appeal *a)
{
    enum yc_appeal_decision d = YC_APPEAL__MAX;
    int pending = !*a->decision;

    if (!pending && yc_appeal_decision_parse(a->decision, strlen(a->decision), &d) != 0) {
        d = YC_APPEAL__MAX;
    }
    return json_pack(
        "{s:I, s:{s:I, s:s, s:s, s:s, s:i, s:s, s:s}, s:{s:I, s:s}, s:s, s:s, s:o, "
        "s:s, s:s, s:s, s:s, s:o, s:o}",
        "id", (json_int_t)a->id, "rating", "id", (json_int_t)a->rating_id, "case_number",
        a->case_number, "stage", a->stage, "stage_zh", stage_zh(a->stage), "level", a->level,
        "level_zh", yc_rating_label(a->level), "reason", a->rating_reason, "department", "id",
        (json_int_t)a->department_id, "name", a->department_name, "reason", a->reason, "filed_by",
        a->filed_by_name, "filed_at", yc_sup_time_json(a->filed_at), "state",
        pending ? "pending" : a->decision, "state_zh",
        pending ? "待裁定" : yc_appeal_decision_label(d), "decision_note", a->decision_note,
        "decided_by", a->decided_by_name, "decided_at", yc_sup_time_json(a->decided_at),
        "rectification_id", a->rectification_id ? json_integer(a->rectification_id) : json_null());
}

static int
appeal_detail(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_appeal a;
    int found = 0;
    int rc = yc_store_appeal_get(ctx->db, ctx->arena, id, &a, &found, err);

    if (rc == 0 && (!found || !yc_sup_in_scope(ctx, a.department_id))) {
        rc =
            yc_fail(err, YC_ENOTFOUND, "appeal_not_found", NULL, "申诉 %lld 不存在", (long long)id);
    }
    if (rc == 0) {
        *out = appeal_json(&a);
    }
    return rc;
}

static int
appeal_file_tx(struct yc_ctx *ctx, int64_t rating_id, const char *reason, int64_t *id,
               struct yc_err *err)
{
    struct yc_rating r;
    int found = 0;
    int rc = yc_store_rating_get(ctx->db, ctx->arena, rating_id, &r, &found, err);

    if (rc) {
        return rc;
    }
    if (!found) {
        return yc_fail(err, YC_ENOTFOUND, "rating_not_found", NULL, "评价 %lld 不存在",
                       (long long)rating_id);
    }
    if (!ctx->system && ctx->user->department_id != r.department_id) {
        return yc_fail(err, YC_EFORBIDDEN, "appeal_wrong_department", NULL,
                       "该评价针对%s的办件 %s，只有%s可以申诉", r.department_name, r.case_number,
                       r.department_name);
    }
    if (!yc_rating_is_bad(r.level) || strcmp(r.stage, "rectification") == 0) {
        return yc_fail(err, YC_ECONFLICT, "not_bad_review", NULL,
                       "只能对差评（不满意、非常不满意）申诉，该评价为“%s”",
                       yc_rating_label(r.level));
    }
    if (r.appeal_id) {
        return yc_fail(err, YC_ECONFLICT, "appeal_exists", NULL, "该评价已申诉过（申诉 %lld）",
                       (long long)r.appeal_id);
    }
    rc = yc_store_appeal_insert(ctx->db, r.id, r.department_id, reason,
                                ctx->user ? ctx->user->id : 0, ctx->now_ms, ctx->today, id, err);
    if (rc == YC_ECONFLICT) {
        return yc_fail(err, YC_ECONFLICT, "appeal_exists", NULL, "该评价已申诉过");
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "appeal.file", r.case_number, "对%s评价“%s”申诉：%s",
                          stage_zh(r.stage), yc_rating_label(r.level), reason);
    }
    return rc;
}

int
yc_svc_appeal_file(struct yc_ctx *ctx, int64_t rating_id, const char *reason, json_t **out,
                   struct yc_err *err)
{
    int64_t id = 0;
    int rc = yc_svc_allow(ctx, YC_OP_APPEAL_FILE, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = appeal_file_tx(ctx, rating_id, reason, &id, err);
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : appeal_detail(ctx, id, out, err);
}

int
yc_svc_appeal_list(struct yc_ctx *ctx, int64_t department_id, int pending_only, json_t **out,
                   struct yc_err *err)
{
    struct yc_appeal *a;
    size_t n;
    int64_t scope = yc_sup_scope(ctx);
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_RATING_READ, err);

    if (rc == 0) {
        rc = yc_store_appeal_list(ctx->db, ctx->arena, scope ? scope : department_id, pending_only,
                                  500, &a, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, appeal_json(&a[i]));
    }
    *out = json_pack("{s:I, s:o}", "count", (json_int_t)n, "appeals", arr);
    return 0;
}

static int
appeal_decide_tx(struct yc_ctx *ctx, int64_t id, enum yc_appeal_decision d, const char *note,
                 struct yc_err *err)
{
    struct yc_appeal a;
    struct yc_rect x;
    int found = 0, won = 0;
    int rc = yc_store_appeal_get(ctx->db, ctx->arena, id, &a, &found, err);

    if (rc == 0 && !found) {
        rc =
            yc_fail(err, YC_ENOTFOUND, "appeal_not_found", NULL, "申诉 %lld 不存在", (long long)id);
    }
    if (rc == 0 && *a.decision) {
        rc = yc_fail(err, YC_ECONFLICT, "appeal_decided", NULL, "申诉 %lld 已裁定（%s）",
                     (long long)id, a.decision);
    }
    if (rc == 0) {
        rc = yc_store_appeal_decide(ctx->db, id, yc_appeal_decision_name(d), note,
                                    ctx->user ? ctx->user->id : 0, ctx->now_ms, ctx->today, &won,
                                    err);
    }
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "appeal_decided", NULL, "申诉 %lld 已裁定", (long long)id);
    }
    /* upheld: the rating stays (immutable) but its rectification is void and reports leave it out
     */
    if (rc == 0 && d == YC_APPEAL_UPHELD && a.rectification_id) {
        rc = yc_store_rect_get(ctx->db, ctx->arena, a.rectification_id, &x, &found, err);
        if (rc == 0 && found && strcmp(x.state, "void") != 0) {
            rc = yc_store_rect_state(ctx->db, &x, "void", &won, err);
            if (rc == 0 && !won) {
                rc = rect_raced(&x, err);
            }
        }
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "appeal.decide", a.case_number, "申诉 %lld %s%s%s",
                          (long long)id, yc_appeal_decision_label(d), *note ? "：" : "", note);
    }
    return rc;
}

int
yc_svc_appeal_decide(struct yc_ctx *ctx, int64_t id, const char *decision, const char *note,
                     json_t **out, struct yc_err *err)
{
    enum yc_appeal_decision d;
    int rc = yc_svc_allow(ctx, YC_OP_APPEAL_DECIDE, err);

    if (rc) {
        return rc;
    }
    if (!decision || yc_appeal_decision_parse(decision, strlen(decision), &d) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "decision",
                       "裁定应为 upheld（申诉成立）或 rejected（申诉驳回）");
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = appeal_decide_tx(ctx, id, d, note ? note : "", err);
    rc = yc_db_finish(ctx->db, rc, err);
    return rc ? rc : appeal_detail(ctx, id, out, err);
}
