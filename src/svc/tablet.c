/*
 * tablet.c - the window's evaluation tablet (好差评 at the window; docs/supervision.md, "The window
 * tablet"): an administrator or supervisor enrols a tablet at one window — a device key of 32
 * random bytes shown once, stored only as its SHA-256, replaced by a new enrolment, revocable —
 * and the tablet, logged out, asks with its key for the case to rate now at its window and sends
 * the applicant's rating (channel window). Window numbers are public, so only the key says which
 * window a tablet stands at; the answer holds no personal data and no staff names.
 *
 * The case to rate now: the cases received at the window in the last 30 minutes — those of tickets
 * called there by the staff member who then accepted them, and the walk-ins (no ticket) accepted
 * by the person holding the window in the queue today — newest first. Only the latest applicant's
 * cases (one ticket, or one ID number for walk-ins) are offered, and none from two minutes after
 * the window called the next ticket: the next applicant at the tablet does not get the previous
 * one's case, and calling the next one at once does not cut off a rating under way (staff must not
 * be able to stop a rating by a quick click). Of those, the newest with a stage (受理服务, then
 * 办理结果) that may be rated and is not.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "svc/supervise_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define KEY_BYTES       32
#define KEY_LEN         43 /* base64url of 32 bytes, no padding */
#define RECENT_MS       (30LL * 60 * 1000)
#define NEXT_GRACE_MS   (2LL * 60 * 1000) /* a case stays offered this long after the next call */
#define SEEN_EVERY_MS   (60LL * 1000)
#define TICKET_CASES    20 /* cases of tickets called at the window, at most */
#define LATEST_OF_STAFF 10 /* the holder's latest acceptances looked at for walk-ins */

static void
key_hash(const char *key, char out[2 * crypto_hash_sha256_BYTES + 1])
{
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(d, (const unsigned char *)key, strlen(key));
    sodium_bin2hex(out, 2 * crypto_hash_sha256_BYTES + 1, d, sizeof(d));
}

static int64_t
user_id(const struct yc_ctx *ctx)
{
    return ctx->user ? ctx->user->id : 0;
}

/* ---- enrolment (administrator, supervisor) ---- */

json_t *
yc_svc_tablet_json(const struct yc_tablet *t)
{
    return json_pack("{s:o, s:o, s:o}", "since", yc_sup_time_json(t->created_at), "by",
                     t->created_by ? json_pack("{s:I, s:s}", "id", (json_int_t)t->created_by,
                                               "name", t->created_by_name)
                                   : json_null(),
                     "last_seen", yc_sup_time_json(t->last_seen_at));
}

static int
need_window(struct yc_ctx *ctx, int64_t id, struct yc_window *w, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_window_get(ctx->db, ctx->arena, id, w, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "窗口 %lld 不存在", (long long)id);
    }
    return rc;
}

static json_t *
window_ref(const struct yc_window *w)
{
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)w->id, "number", w->number, "zone",
                     w->zone_name);
}

/* Inside the transaction: revoke the tablet in use, enrol a new one with a fresh key. */
static int
enrol_tx(struct yc_ctx *ctx, const struct yc_window *w, const char *hash, int *replaced,
         struct yc_err *err)
{
    int64_t id = 0;
    int rc = yc_store_tablet_revoke(ctx->db, w->id, user_id(ctx), ctx->now_ms, replaced, err);

    if (rc == 0) {
        rc = yc_store_tablet_insert(ctx->db, w->id, hash, user_id(ctx), ctx->now_ms, &id, err);
        if (rc == YC_ECONFLICT) {
            /* another enrolment of this window committed first (PostgreSQL) */
            return yc_fail(err, YC_ECONFLICT, "tablet_enrol_conflict", NULL,
                           "窗口 %s 正由他人绑定评价平板，请刷新后再试", w->number);
        }
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "tablet.enrol", w->number, "绑定评价平板%s",
                          *replaced ? "（原平板已解除绑定）" : "");
    }
    return rc;
}

int
yc_svc_tablet_enrol(struct yc_ctx *ctx, int64_t window_id, json_t **out, struct yc_err *err)
{
    struct yc_window w;
    struct yc_tablet t = {0};
    unsigned char raw[KEY_BYTES];
    char key[KEY_LEN + 1], hash[2 * crypto_hash_sha256_BYTES + 1];
    int replaced = 0, found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_TABLET_ENROL, err);

    if (rc) {
        return rc;
    }
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(key, sizeof(key), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof(raw));
    key_hash(key, hash);
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        goto out;
    }
    rc = need_window(ctx, window_id, &w, err);
    if (rc == 0 && !w.active) {
        rc = yc_fail(err, YC_ECONFLICT, "window_inactive", NULL, "窗口 %s 已停用，不能绑定评价平板",
                     w.number);
    }
    if (rc == 0) {
        rc = enrol_tx(ctx, &w, hash, &replaced, err);
    }
    if (rc == 0) {
        rc = yc_store_tablet_of_window(ctx->db, ctx->arena, w.id, &t, &found, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        /* the key leaves the server here, once: only its hash is kept */
        *out = json_pack("{s:o, s:s, s:s, s:o, s:b}", "window", window_ref(&w), "key", key, "url",
                         yc_arena_printf(ctx->arena, "/tablet#k=%s", key), "tablet",
                         yc_svc_tablet_json(&t), "replaced", replaced);
    }
out:
    sodium_memzero(key, sizeof(key));
    return rc;
}

int
yc_svc_tablet_revoke(struct yc_ctx *ctx, int64_t window_id, json_t **out, struct yc_err *err)
{
    struct yc_window w;
    int revoked = 0;
    int rc = yc_svc_allow(ctx, YC_OP_TABLET_ENROL, err);

    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc) {
        return rc;
    }
    rc = need_window(ctx, window_id, &w, err);
    if (rc == 0) {
        rc = yc_store_tablet_revoke(ctx->db, w.id, user_id(ctx), ctx->now_ms, &revoked, err);
    }
    if (rc == 0 && !revoked) {
        rc = yc_fail(err, YC_ENOTFOUND, "tablet_not_enrolled", NULL, "窗口 %s 没有绑定评价平板",
                     w.number);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "tablet.revoke", w.number, "解除评价平板绑定");
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        *out = json_pack("{s:o, s:n}", "window", window_ref(&w), "tablet");
    }
    return rc;
}

/* ---- the tablet (public, with its key) ---- */

/*
 * The tablet whose key this is (a read, inside or outside a transaction): 401 tablet_not_enrolled
 * for a missing, malformed, unknown or revoked key, with *failed set so the caller counts it.
 */
static int
tablet_of_key(struct yc_ctx *ctx, const char *key, struct yc_tablet *t, int *failed,
              struct yc_err *err)
{
    char hash[2 * crypto_hash_sha256_BYTES + 1];
    int found = 0;
    int rc = 0;

    *failed = 0;
    if (key && strlen(key) == KEY_LEN) {
        key_hash(key, hash);
        rc = yc_store_tablet_by_key(ctx->db, ctx->arena, hash, t, &found, err);
    }
    if (rc == 0 && !found) {
        *failed = 1;
        rc = yc_fail(err, YC_EUNAUTH, "tablet_not_enrolled", "X-Tablet-Key",
                     "本平板未绑定窗口，请联系管理员");
    }
    return rc;
}

/*
 * After a refused key: past the limit of the address, 429 rate_limited replaces the 401 (and is
 * not counted again); else the failure is counted. A valid key is never refused for the failures
 * of others behind the same address.
 */
static int
key_refused(struct yc_ctx *ctx, int rc, struct yc_err *err)
{
    const char *tkey = yc_arena_printf(ctx->arena, "tablet:%s", ctx->addr);
    struct yc_err limited;

    if (yc_sup_throttled(ctx, tkey, &limited)) {
        *err = limited;
        return limited.status;
    }
    yc_sup_count_failure(ctx, tkey);
    return rc;
}

/* Note a poll, at most once a minute (how the hall page tells a tablet is on). */
static void
note_seen(struct yc_ctx *ctx, const struct yc_tablet *t)
{
    struct yc_err e;
    int rc;

    if (ctx->now_ms - t->last_seen_at < SEEN_EVERY_MS) {
        return;
    }
    rc = yc_db_begin(ctx->db, &e);
    if (rc == 0) {
        rc = yc_store_tablet_seen(ctx->db, t->id, ctx->now_ms, ctx->now_ms - SEEN_EVERY_MS, &e);
        rc = yc_db_finish(ctx->db, rc, &e);
    }
    if (rc) {
        yc_log(YC_LOG_WARN, "tablet %lld: last poll not noted: %s", (long long)t->id, e.message);
    }
}

static int
newest_first(const void *pa, const void *pb)
{
    const struct yc_tablet_case *a = pa, *b = pb;

    if (a->created_at != b->created_at) {
        return a->created_at < b->created_at ? 1 : -1;
    }
    return a->id < b->id ? 1 : (a->id > b->id ? -1 : 0);
}

/* One applicant's visit: the same ticket, or (walk-ins) the same ID number. */
static int
same_visit(const struct yc_tablet_case *a, const struct yc_tablet_case *b)
{
    if (a->ticket_id || b->ticket_id) {
        return a->ticket_id == b->ticket_id;
    }
    return strcmp(a->id_number, b->id_number) == 0;
}

/* The window today: who holds it in the queue (0: nobody, or closed), and its latest call. */
static int
window_today(struct yc_ctx *ctx, int64_t window_id, int64_t *holder, int64_t *ticket,
             int64_t *called_at, struct yc_err *err)
{
    struct yc_qwin q;
    int found = 0;
    int rc = yc_store_q_win_get(ctx->db, ctx->arena, window_id, &q, &found, err);

    *holder = 0;
    if (rc == 0 && found && q.day == ctx->today && strcmp(q.state, "closed") != 0) {
        *holder = q.holder_id;
    }
    if (rc == 0) {
        rc = yc_store_tablet_last_call(ctx->db, window_id, ctx->today, ticket, called_at, err);
    }
    return rc;
}

/* The cases of the latest applicant served at the window (above), newest first; *n 0: none. */
static int
window_visit(struct yc_ctx *ctx, int64_t window_id, struct yc_tablet_case **out, size_t *n,
             struct yc_err *err)
{
    struct yc_tablet_case *tc = NULL, *wc = NULL, *all;
    size_t ntc = 0, nwc = 0, nall = 0, k;
    int64_t holder, ticket, called_at, since = ctx->now_ms - RECENT_MS;
    int rc = window_today(ctx, window_id, &holder, &ticket, &called_at, err);

    *n = 0;
    if (rc == 0) {
        rc = yc_store_tablet_ticket_cases(ctx->db, ctx->arena, window_id, ctx->today, since,
                                          TICKET_CASES, &tc, &ntc, err);
    }
    if (rc == 0 && holder) {
        rc =
            yc_store_tablet_latest_of(ctx->db, ctx->arena, holder, LATEST_OF_STAFF, &wc, &nwc, err);
    }
    if (rc) {
        return rc;
    }
    all = yc_arena_alloc(ctx->arena, (ntc + nwc + 1) * sizeof(*all));
    for (size_t i = 0; i < ntc; i++) {
        all[nall++] = tc[i];
    }
    for (size_t i = 0; i < nwc; i++) {
        if (wc[i].ticket_id == 0 && wc[i].created_at >= since) {
            all[nall++] = wc[i];
        }
    }
    if (nall == 0) {
        return 0;
    }
    qsort(all, nall, sizeof(*all), newest_first);
    if (ticket && ticket != all[0].ticket_id && called_at > all[0].created_at &&
        ctx->now_ms - called_at >= NEXT_GRACE_MS) {
        return 0; /* the window called the next applicant a while ago */
    }
    for (k = 1; k < nall && same_visit(&all[0], &all[k]); k++) {
    }
    *out = all;
    *n = k;
    return 0;
}

/* Of the visit's cases, the newest with a stage to rate: *found 0 when none. */
static int
case_to_rate(struct yc_ctx *ctx, const struct yc_tablet_case *v, size_t n, struct yc_case *c,
             struct yc_rating **r, size_t *nr, int *stage, int *found, struct yc_err *err)
{
    int rc = 0;

    *found = 0;
    for (size_t i = 0; rc == 0 && i < n && !*found; i++) {
        int got = 0;
        rc = yc_store_case_get(ctx->db, ctx->arena, v[i].id, NULL, c, &got, err);
        if (rc == 0 && got) {
            rc = yc_store_ratings_of_case(ctx->db, ctx->arena, c->id, r, nr, err);
        }
        if (rc == 0 && got) {
            *stage = yc_sup_open_stage(c, *r, *nr);
            *found = *stage >= 0;
        }
    }
    return rc;
}

int
yc_svc_tablet_now(struct yc_ctx *ctx, const char *key, json_t **out, struct yc_err *err)
{
    struct yc_tablet t = {0};
    struct yc_tablet_case *v = NULL;
    struct yc_case c;
    struct yc_rating *r = NULL;
    size_t n = 0, nr = 0;
    int failed = 0, found = 0, stage = -1;
    json_t *kase = json_null();
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = tablet_of_key(ctx, key, &t, &failed, err);
    }
    if (rc) {
        return failed ? key_refused(ctx, rc, err) : rc;
    }
    note_seen(ctx, &t);
    rc = window_visit(ctx, t.window_id, &v, &n, err);
    if (rc == 0) {
        rc = case_to_rate(ctx, v, n, &c, &r, &nr, &stage, &found, err);
    }
    if (rc) {
        return rc;
    }
    if (found) {
        kase = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "number", c.number, "matter",
                         c.matter_name, "department", c.department_name, "state", c.state,
                         "state_zh", yc_sup_state_zh(&c), "stage",
                         yc_rating_stage_name((enum yc_rating_stage)stage), "stage_zh",
                         yc_rating_stage_label((enum yc_rating_stage)stage), "stages",
                         yc_sup_stages_json(&c, r, nr));
    }
    *out = json_pack("{s:{s:s, s:s}, s:o, s:o}", "window", "number", t.window_number, "zone",
                     t.zone_name, "case", kase, "levels", yc_sup_levels_json());
    return 0;
}

/* Inside the transaction: the case numbered `number` if it belongs to the window's latest visit,
 * else 409 case_not_current. */
static int
current_case(struct yc_ctx *ctx, const struct yc_tablet *t, const char *number, struct yc_case *c,
             struct yc_err *err)
{
    struct yc_tablet_case *v = NULL;
    size_t n = 0;
    int found = 0;
    int rc = window_visit(ctx, t->window_id, &v, &n, err);

    for (size_t i = 0; rc == 0 && i < n && !found; i++) {
        if (strcmp(v[i].number, number) == 0) {
            rc = yc_store_case_get(ctx->db, ctx->arena, v[i].id, NULL, c, &found, err);
        }
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ECONFLICT, "case_not_current", "number",
                     "办件 %s 不是%s号窗口当前待评价的办件", number, t->window_number);
    }
    return rc;
}

int
yc_svc_tablet_rate(struct yc_ctx *ctx, const char *key, const char *number,
                   const struct yc_rating_in *in, json_t **out, struct yc_err *err)
{
    struct yc_tablet t = {0};
    struct yc_case c;
    struct yc_rating r = {0};
    struct yc_rect opened = {0};
    struct yc_rating_in win = *in;
    enum yc_rating_stage stage = YC_STAGE_ACCEPT;
    int failed = 0;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    win.channel = "window"; /* a rating sent by an enrolled tablet is the window's */
    win.token = NULL;
    win.rectification_id = 0;
    if (rc == 0) {
        rc = yc_sup_not_staff(ctx, err);
    }
    if (rc == 0 && in->stage && strcmp(in->stage, "rectification") == 0) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "stage",
                     "窗口评价器只评价受理服务（accept）和办理结果（result）");
    }
    if (rc == 0) {
        rc = yc_sup_rating_prepare(&win, &r, &stage, err);
    }
    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
    }
    if (rc) {
        return rc;
    }
    rc = tablet_of_key(ctx, key, &t, &failed, err);
    if (rc == 0) {
        rc = current_case(ctx, &t, number, &c, err);
    }
    if (rc == 0) {
        rc = yc_sup_rate_tx(ctx, &c, &win, stage, &r, &opened, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc) {
        return failed ? key_refused(ctx, rc, err) : rc;
    }
    *out = yc_sup_rate_answer(&r, stage, &opened);
    return 0;
}
