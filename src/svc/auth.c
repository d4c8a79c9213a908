/*
 * auth.c - logging in and out, sessions, passwords, login throttling.
 *
 * The cookie carries a random 256-bit token; the database keeps only its SHA-256, so a copy of the
 * database does not let anyone in. Each session has its own CSRF token. Failed logins are counted
 * per account and per address in a 15-minute window (5 and 20); past that, 429 until the window
 * ends. The password is checked outside any transaction: Argon2id takes tens of milliseconds and
 * must not hold SQLite's write lock.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/str.h"
#include "svc/svc.h"
#include "base/banned.h"

#define THROTTLE_WINDOW_MS (15LL * 60 * 1000)
#define THROTTLE_MAX_USER 5
#define THROTTLE_MAX_ADDR 20
#define TOUCH_EVERY_MS (60LL * 1000)

static void
token_hash(const char *token, char out[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
    yc_hex(d, sizeof(d), out);
}

int
yc_svc_password_hash(struct yc_arena *a, const char *password, const char **out,
                     struct yc_err *err)
{
    char *h = yc_arena_alloc(a, crypto_pwhash_STRBYTES);

    if (crypto_pwhash_str_alg(h, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "密码哈希计算失败（内存不足）");
    }
    *out = h;
    return 0;
}

/* A hash of nothing in particular, so that an unknown username costs as much time as a known one. */
static const char *
dummy_hash(void)
{
    static char h[crypto_pwhash_STRBYTES];
    static int ready;

    if (!ready) {
        if (crypto_pwhash_str_alg(h, "-", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                  crypto_pwhash_ALG_ARGON2ID13) == 0) {
            ready = 1;
        }
    }
    return h;
}

static int
throttled(struct yc_ctx *ctx, const char *key, int max, struct yc_err *err)
{
    int64_t start, failures;
    int rc = yc_store_throttle_get(ctx->db, key, &start, &failures, err);

    if (rc) {
        return rc;
    }
    if (failures >= max && ctx->now_ms - start < THROTTLE_WINDOW_MS) {
        rc = yc_fail(err, YC_ERATE, "throttled", NULL, "登录失败次数过多，请 %lld 分钟后再试",
                     (long long)((THROTTLE_WINDOW_MS - (ctx->now_ms - start)) / 60000 + 1));
        err->retry_after_s = (int)((THROTTLE_WINDOW_MS - (ctx->now_ms - start)) / 1000 + 1);
        return rc;
    }
    return 0;
}

static int
count_failure(struct yc_ctx *ctx, const char *key, struct yc_err *err)
{
    int64_t start, failures;
    int rc = yc_store_throttle_get(ctx->db, key, &start, &failures, err);

    if (rc) {
        return rc;
    }
    if (ctx->now_ms - start >= THROTTLE_WINDOW_MS) {
        start = ctx->now_ms;
        failures = 0;
    }
    return yc_store_throttle_put(ctx->db, key, start, failures + 1, err);
}

static int
record_failure(struct yc_ctx *ctx, const char *ukey, const char *akey, const char *username,
               struct yc_err *err)
{
    struct yc_err werr;
    int rc = yc_db_begin(ctx->db, &werr);

    if (rc == 0) {
        rc = count_failure(ctx, ukey, &werr);
    }
    if (rc == 0) {
        rc = count_failure(ctx, akey, &werr);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, &werr, "session.login_failed", username, "登录失败，来源 %s",
                          ctx->addr);
    }
    rc = yc_db_finish(ctx->db, rc, &werr);
    if (rc) {
        *err = werr;
        return rc;
    }
    return yc_fail(err, YC_EUNAUTH, "bad_credentials", NULL, "用户名或密码错误");
}

int
yc_svc_login(struct yc_ctx *ctx, const char *username, const char *password,
             struct yc_login *out, struct yc_err *err)
{
    char ukey[96], akey[96], hash[65];
    unsigned char raw[32], csrf_raw[16];
    char *csrf;
    int found = 0;
    int rc;

    snprintf(ukey, sizeof(ukey), "u:%s", username);
    snprintf(akey, sizeof(akey), "a:%s", ctx->addr);
    rc = throttled(ctx, ukey, THROTTLE_MAX_USER, err);
    if (rc == 0) {
        rc = throttled(ctx, akey, THROTTLE_MAX_ADDR, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_store_user_by_name(ctx->db, ctx->arena, username, &out->session.user, &found, err);
    if (rc) {
        return rc;
    }
    if (!found) {
        if (crypto_pwhash_str_verify(dummy_hash(), password, strlen(password)) == 0) {
            /* the answer does not matter: the user does not exist; the call costs the time */
        }
        return record_failure(ctx, ukey, akey, username, err);
    }
    if (crypto_pwhash_str_verify(out->session.user.password_hash, password, strlen(password)) !=
            0 ||
        out->session.user.disabled) {
        return record_failure(ctx, ukey, akey, username, err);
    }

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out->token, sizeof(out->token), raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    token_hash(out->token, hash);
    randombytes_buf(csrf_raw, sizeof(csrf_raw));
    csrf = yc_arena_alloc(ctx->arena, 2 * sizeof(csrf_raw) + 1);
    yc_hex(csrf_raw, sizeof(csrf_raw), csrf);
    out->session.csrf = csrf;
    out->session.last_seen = ctx->now_ms;
    out->session.expires_at = ctx->now_ms + YC_SESSION_MAX_MS;

    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_session_insert(ctx->db, hash, out->session.user.id, csrf, ctx->now_ms,
                                 out->session.expires_at, ctx->addr, err);
    if (rc == 0) {
        rc = yc_store_throttle_clear(ctx->db, ukey, err);
    }
    if (rc == 0) {
        ctx->user = &out->session.user;
        rc = yc_svc_audit(ctx, err, "session.login", username, "登录，来源 %s", ctx->addr);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc) {
        ctx->user = NULL;
        sodium_memzero(out->token, sizeof(out->token));
    }
    return rc;
}

static int
token_well_formed(const char *token)
{
    size_t n = strlen(token);

    if (n != YC_TOKEN_LEN) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = token[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_')) {
            return 0;
        }
    }
    return 1;
}

int
yc_svc_session_resolve(struct yc_ctx *ctx, const char *token, struct yc_session *out,
                       struct yc_err *err)
{
    char *hash;
    int found = 0;
    int rc;

    if (!token_well_formed(token)) {
        return yc_fail(err, YC_EUNAUTH, "unauthenticated", NULL, "会话无效，请重新登录");
    }
    hash = yc_arena_alloc(ctx->arena, 65);
    token_hash(token, hash);
    rc = yc_store_session_get(ctx->db, ctx->arena, hash, out, &found, err);
    if (rc) {
        return rc;
    }
    if (!found || out->user.disabled) {
        return yc_fail(err, YC_EUNAUTH, "unauthenticated", NULL, "会话无效，请重新登录");
    }
    if (ctx->now_ms >= out->expires_at || ctx->now_ms - out->last_seen >= YC_SESSION_IDLE_MS) {
        return yc_fail(err, YC_EUNAUTH, "session_expired", NULL, "会话已超时，请重新登录");
    }
    /* a write per request would cap reads at the disk's flush rate: touch once a minute */
    if (ctx->now_ms - out->last_seen >= TOUCH_EVERY_MS) {
        rc = yc_store_session_touch(ctx->db, hash, ctx->now_ms, err);
        if (rc) {
            return rc;
        }
        out->last_seen = ctx->now_ms;
    }
    ctx->user = &out->user;
    ctx->session_hash = hash;
    return 0;
}

int
yc_svc_logout(struct yc_ctx *ctx, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_SELF, err);

    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_session_delete(ctx->db, ctx->session_hash, err);
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "session.logout", ctx->user->username, "退出登录");
    }
    return yc_db_finish(ctx->db, rc, err);
}

static int
check_password_rules(const char *pw, const char *field, struct yc_err *err)
{
    size_t n = yc_utf8_len(pw, strlen(pw));

    if (n < 8 || n > 128) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", field, "密码长度应为 8–128 个字符");
    }
    return 0;
}

int
yc_svc_change_password(struct yc_ctx *ctx, const char *old_pw, const char *new_pw,
                       struct yc_err *err)
{
    struct yc_user u;
    const char *hash = NULL;
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_SELF, err);

    if (rc == 0) {
        rc = check_password_rules(new_pw, "new_password", err);
    }
    if (rc == 0) {
        rc = yc_store_user_by_id(ctx->db, ctx->arena, ctx->user->id, &u, &found, err);
    }
    if (rc) {
        return rc;
    }
    if (!found || crypto_pwhash_str_verify(u.password_hash, old_pw, strlen(old_pw)) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "old_password", "原密码不正确");
    }
    rc = yc_svc_password_hash(ctx->arena, new_pw, &hash, err);
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_user_set_password(ctx->db, u.id, hash, ctx->now_ms, err);
    if (rc == 0) {
        rc = yc_store_session_delete_user(ctx->db, u.id, ctx->session_hash, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "user.password", u.username, "修改本人密码，结束其他会话");
    }
    return yc_db_finish(ctx->db, rc, err);
}

int
yc_svc_session_purge(struct yc_ctx *ctx, int64_t *purged, struct yc_err *err)
{
    return yc_store_session_purge(ctx->db, ctx->now_ms, ctx->now_ms - YC_SESSION_IDLE_MS, purged,
                                  err);
}

int
yc_svc_check_password_rules(const char *pw, const char *field, struct yc_err *err)
{
    return check_password_rules(pw, field, err);
}
