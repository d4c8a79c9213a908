/*
 * letters.c - delegation letters (受理初审授权委托书): a department authorises a named front-desk
 * person to accept and pre-review a listed set of its own matters for a validity period. Letters
 * are never deleted: revocation keeps the history. The acceptance check answers "may U accept M
 * on D" and, when not, why (domain/letters.h has the rule).
 */
#include <string.h>

#include "base/date.h"
#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

static const char *
status_of(const struct yc_letter *l, int32_t today)
{
    if (l->revoked_on != YC_NO_DAY && l->revoked_on <= today) {
        return "revoked";
    }
    if (today < l->valid_from) {
        return "not_yet_valid";
    }
    return today > l->valid_to ? "expired" : "active";
}

static json_t *
authorities_json(unsigned bits)
{
    json_t *a = json_array();

    for (size_t i = 0; i < yc_authorities_count; i++) {
        if (bits & yc_authorities[i].bit) {
            json_array_append_new(a, json_string(yc_authorities[i].zh));
        }
    }
    return a;
}

static json_t *
letter_json(const struct yc_letter *l, int32_t today)
{
    char f[11], t[11], r[11];
    json_t *revoked = json_null();

    yc_date_format(l->valid_from, f);
    yc_date_format(l->valid_to, t);
    if (l->revoked_on != YC_NO_DAY) {
        yc_date_format(l->revoked_on, r);
        revoked =
            json_pack("{s:s, s:s, s:s}", "on", r, "reason", l->revoked_reason, "by", l->revoked_by);
    }
    return json_pack("{s:I, s:s, s:{s:I, s:s}, s:{s:I, s:s, s:s}, s:o, s:s, s:s, s:s, s:o, s:I, "
                     "s:s}",
                     "id", (json_int_t)l->id, "number", l->number, "department", "id",
                     (json_int_t)l->department_id, "name", l->department_name, "grantee", "id",
                     (json_int_t)l->grantee_id, "username", l->grantee_username, "name",
                     l->grantee_name, "authorities", authorities_json(l->authorities), "valid_from",
                     f, "valid_to", t, "status", status_of(l, today), "revoked", revoked,
                     "matter_count", (json_int_t)l->matter_count, "created_by", l->created_by);
}

static int
need_letter(struct yc_ctx *ctx, int64_t id, struct yc_letter *l, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_letter_get(ctx->db, ctx->arena, id, l, &found, err);

    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "授权委托书 %lld 不存在", (long long)id);
    }
    return rc;
}

/* The letter with its matters. */
static int
letter_full(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_letter l;
    struct yc_ref *m;
    size_t n;
    json_t *arr;
    int rc = need_letter(ctx, id, &l, err);

    if (rc == 0) {
        rc = yc_store_letter_matters(ctx->db, ctx->arena, id, &m, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)m[i].id, "code",
                                             m[i].code, "name", m[i].name));
    }
    *out = letter_json(&l, ctx->today);
    json_object_set_new(*out, "matters", arr);
    return 0;
}

static int
parse_authorities(const json_t *arr, unsigned *out, struct yc_err *err)
{
    size_t i;
    json_t *e;

    *out = 0;
    json_array_foreach(arr, i, e)
    {
        unsigned b = yc_authority_by_name(json_string_value(e));
        if (!b) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "authorities",
                           "未知权限 '%s'，应为 受理 或 初审", json_string_value(e));
        }
        *out |= b;
    }
    if (!*out) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "authorities",
                       "至少需要一项权限（受理、初审）");
    }
    return 0;
}

/* Each listed matter exists, belongs to the granting department and appears once. */
static int
letter_matters(struct yc_ctx *ctx, const struct yc_letter *l, const json_t *codes,
               struct yc_matter_ref **out, size_t *n, struct yc_err *err)
{
    size_t i;
    json_t *e;
    int rc = 0;

    *n = json_array_size(codes);
    *out = yc_arena_alloc(ctx->arena, (*n + 1) * sizeof(**out));
    json_array_foreach(codes, i, e)
    {
        struct yc_matter_ref *m = &(*out)[i];
        rc = yc_svc_need_matter(ctx, json_string_value(e), "matters", m, err);
        if (rc) {
            return rc;
        }
        if (m->department_id != l->department_id) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "matters",
                           "事项「%s」（%s）属于%s，不能列入%s的授权委托书", m->name, m->code,
                           m->department_name, l->department_name);
        }
        for (size_t j = 0; j < i; j++) {
            if ((*out)[j].id == m->id) {
                return yc_fail(err, YC_EUNPROC, "field_invalid", "matters", "事项编码 %s 重复列出",
                               m->code);
            }
        }
    }
    return 0;
}

static struct yc_letter_span
span_of(const struct yc_letter_span_row *s)
{
    struct yc_letter_span x = {s->valid_from, s->valid_to, s->revoked_on != YC_NO_DAY,
                               s->revoked_on, s->authorities};
    return x;
}

/* No other letter to the same grantee may hold on any of the days for any listed matter. */
static int
check_overlap(struct yc_ctx *ctx, const struct yc_letter *l, const struct yc_matter_ref *m,
              size_t nm, struct yc_err *err)
{
    struct yc_letter_span_row *s;
    size_t n;
    int rc = yc_store_letter_spans(ctx->db, ctx->arena, l->grantee_id, 0, &s, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct yc_letter_span x = span_of(&s[i]);
        if (!yc_letter_overlaps(&x, l->valid_from, l->valid_to)) {
            continue;
        }
        for (size_t j = 0; j < nm; j++) {
            if (m[j].id == s[i].matter_id) {
                char f[11], t[11];
                yc_date_format(s[i].valid_from, f);
                yc_date_format(s[i].valid_to, t);
                return yc_fail(
                    err, YC_ECONFLICT, "conflict", "valid_from",
                    "与授权委托书 %s（%s 至 %s）在事项「%s」（%s）上有效期重叠：同一受托人"
                    "同一事项的委托有效期不能重叠",
                    s[i].number, f, t, m[j].name, m[j].code);
            }
        }
    }
    return rc;
}

/* Checks and the insert, inside the transaction. */
static int
letter_insert(struct yc_ctx *ctx, struct yc_letter *l, const struct yc_letter_input *in,
              struct yc_err *err)
{
    struct yc_dept d;
    struct yc_user u = {0};
    struct yc_matter_ref *m;
    int64_t *ids, other;
    size_t nm;
    int found = 0;
    int rc = yc_svc_need_dept(ctx, in->department_id, "department_id", &d, err);

    if (rc == 0) {
        l->department_id = d.id;
        l->department_name = d.name;
        rc = yc_svc_own_department(ctx, d.id, d.name, "授权委托书", err);
    }
    if (rc == 0) {
        rc = yc_svc_need_user(ctx, in->grantee_id, "grantee_id", &u, err);
    }
    if (rc == 0) {
        rc = yc_store_hall_lock_user(ctx->db, u.id, err); /* the overlap check below stays true */
    }
    if (rc == 0 && !(u.roles & YC_ROLE_FRONT_DESK)) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "grantee_id",
                     "受托人 %s（%s）不是前台受理人员", u.name, u.username);
    }
    if (rc == 0) {
        l->grantee_id = u.id;
        rc = letter_matters(ctx, l, in->matters, &m, &nm, err);
    }
    if (rc == 0) {
        rc = yc_store_letter_by_number(ctx->db, l->number, &other, &found, err);
    }
    if (rc == 0 && found) {
        rc =
            yc_fail(err, YC_ECONFLICT, "conflict", "number", "授权委托书编号 %s 已存在", l->number);
    }
    if (rc == 0) {
        rc = check_overlap(ctx, l, m, nm, err);
    }
    if (rc) {
        return rc;
    }
    ids = yc_arena_alloc(ctx->arena, (nm + 1) * sizeof(*ids));
    for (size_t i = 0; i < nm; i++) {
        ids[i] = m[i].id;
    }
    rc = yc_store_letter_insert(ctx->db, l, ids, nm, &l->id, err);
    if (rc == 0) {
        char f[11], t[11];
        yc_date_format(l->valid_from, f);
        yc_date_format(l->valid_to, t);
        rc = yc_svc_audit(ctx, err, "letter.create", l->number,
                          "%s授权 %s（%s）%s%s%s %zu 个事项，有效期 %s 至 %s", d.name, u.name,
                          u.username, l->authorities & YC_AUTH_ACCEPT ? "受理" : "",
                          l->authorities == YC_AUTH__ALL ? "、" : "",
                          l->authorities & YC_AUTH_PREVIEW ? "初审" : "", nm, f, t);
    }
    return rc;
}

int
yc_svc_letter_create(struct yc_ctx *ctx, const struct yc_letter_input *in, json_t **out,
                     struct yc_err *err)
{
    struct yc_letter l = {0};
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_WRITE, err);

    l.number = in->number;
    l.valid_from = in->valid_from;
    l.valid_to = in->valid_to;
    l.created_at = ctx->now_ms;
    l.created_by = yc_svc_actor(ctx);
    if (rc == 0 && in->valid_to < in->valid_from) {
        char f[11], t[11];
        yc_date_format(in->valid_from, f);
        yc_date_format(in->valid_to, t);
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "valid_to",
                     "有效期结束日期 %s 早于开始日期 %s", t, f);
    }
    if (rc == 0) {
        rc = parse_authorities(in->authorities, &l.authorities, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = letter_insert(ctx, &l, in, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = letter_full(ctx, l.id, out, err);
    }
    return rc;
}

int
yc_svc_letter_revoke(struct yc_ctx *ctx, int64_t id, int32_t day, const char *reason, json_t **out,
                     struct yc_err *err)
{
    struct yc_letter l;
    int64_t changes = 0;
    char d[11], x[11];
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_WRITE, err);

    if (day == YC_NO_DAY) {
        day = ctx->today;
    }
    yc_date_format(day, d);
    if (rc == 0 && day < ctx->today) {
        yc_date_format(ctx->today, x);
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "date",
                     "撤销日期 %s 早于今天 %s：撤销不能追溯", d, x);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = need_letter(ctx, id, &l, err);
    if (rc == 0) {
        rc = yc_svc_own_department(ctx, l.department_id, l.department_name, "授权委托书", err);
    }
    if (rc == 0 && l.revoked_on != YC_NO_DAY) {
        yc_date_format(l.revoked_on, x);
        rc = yc_fail(err, YC_ECONFLICT, "conflict", NULL, "授权委托书 %s 已于 %s 撤销（%s）",
                     l.number, x, l.revoked_reason);
    }
    if (rc == 0 && day > l.valid_to) {
        yc_date_format(l.valid_to, x);
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "date",
                     "授权委托书 %s 的有效期至 %s，撤销日期 %s 已在其后", l.number, x, d);
    }
    if (rc == 0) {
        rc = yc_store_letter_revoke(ctx->db, id, day, reason, yc_svc_actor(ctx), &changes, err);
    }
    if (rc == 0 && changes == 0) {
        rc = yc_fail(err, YC_ECONFLICT, "conflict", NULL, "授权委托书 %s 已被撤销", l.number);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "letter.revoke", l.number,
                          "撤销授权委托书 %s（%s），自 %s 起：%s", l.number, l.grantee_name, d,
                          reason);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = letter_full(ctx, id, out, err);
    }
    return rc;
}

int
yc_svc_letter_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_READ, err);

    if (rc) {
        return rc;
    }
    return letter_full(ctx, id, out, err);
}

int
yc_svc_letter_list(struct yc_ctx *ctx, int64_t department_id, int64_t grantee_id, json_t **out,
                   struct yc_err *err)
{
    struct yc_letter *l;
    size_t n;
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_READ, err);

    if (rc == 0) {
        rc = yc_store_letter_list(ctx->db, ctx->arena, department_id, grantee_id, &l, &n, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(*out, letter_json(&l[i], ctx->today));
    }
    *out = json_pack("{s:o}", "letters", *out);
    return 0;
}

/* ---- the acceptance check ---- */

static const char *
verdict_reason(struct yc_ctx *ctx, enum yc_accept_verdict v, const struct yc_letter_span_row *s,
               const struct yc_user *u, const struct yc_matter_ref *m, struct yc_err *err)
{
    char f[11], t[11], r[11];
    struct yc_letter l;

    if (v == YC_ACCEPT_NO_LETTER || !s) {
        return yc_arena_printf(ctx->arena, "没有授权委托书授权 %s 受理事项「%s」（%s）", u->name,
                               m->name, m->code);
    }
    yc_date_format(s->valid_from, f);
    yc_date_format(s->valid_to, t);
    switch (v) {
    case YC_ACCEPT_YES:
        return yc_arena_printf(ctx->arena, "授权委托书 %s（%s 至 %s）授权 %s 受理事项「%s」",
                               s->number, f, t, u->name, m->name);
    case YC_ACCEPT_LACKS_AUTHORITY:
        return yc_arena_printf(ctx->arena, "授权委托书 %s 只授予初审权限，未授予受理权限",
                               s->number);
    case YC_ACCEPT_REVOKED:
        yc_date_format(s->revoked_on, r);
        if (need_letter(ctx, s->letter_id, &l, err) != 0) {
            l.revoked_reason = "";
        }
        return yc_arena_printf(ctx->arena, "授权委托书 %s 已于 %s 撤销%s%s", s->number, r,
                               *l.revoked_reason ? "：" : "", l.revoked_reason);
    case YC_ACCEPT_EXPIRED:
        return yc_arena_printf(ctx->arena, "授权委托书 %s 已于 %s 到期", s->number, t);
    case YC_ACCEPT_NOT_YET_VALID:
        return yc_arena_printf(ctx->arena, "授权委托书 %s 自 %s 起才生效", s->number, f);
    default:
        return "";
    }
}

int
yc_svc_may_accept(struct yc_ctx *ctx, int64_t user_id, int64_t matter_id, int32_t day,
                  struct yc_accept *out, struct yc_err *err)
{
    struct yc_user u;
    struct yc_matter_ref m;
    struct yc_letter_span_row *s;
    struct yc_letter_span *spans;
    size_t n, which = 0;
    int found = 0;
    int rc = yc_store_user_by_id(ctx->db, ctx->arena, user_id, &u, &found, err);

    memset(out, 0, sizeof(*out));
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "user", "用户 %lld 不存在",
                     (long long)user_id);
    }
    if (rc == 0) {
        rc = yc_store_mref_by_id(ctx->db, ctx->arena, matter_id, &m, &found, err);
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "matter", "事项 %lld 不存在",
                     (long long)matter_id);
    }
    if (rc == 0) {
        rc = yc_store_letter_spans(ctx->db, ctx->arena, user_id, matter_id, &s, &n, err);
    }
    if (rc) {
        return rc;
    }
    spans = yc_arena_alloc(ctx->arena, (n + 1) * sizeof(*spans));
    for (size_t i = 0; i < n; i++) {
        spans[i] = span_of(&s[i]);
    }
    out->verdict = yc_letters_may(spans, n, day, YC_AUTH_ACCEPT, &which);
    out->may = out->verdict == YC_ACCEPT_YES;
    if (out->verdict != YC_ACCEPT_NO_LETTER) {
        out->letter_id = s[which].letter_id;
        out->letter_number = s[which].number;
    }
    out->reason = verdict_reason(ctx, out->verdict, n ? &s[which] : NULL, &u, &m, err);
    return 0;
}

int
yc_svc_letter_check(struct yc_ctx *ctx, int64_t user_id, int64_t matter_id, int32_t day,
                    json_t **out, struct yc_err *err)
{
    struct yc_accept a;
    struct yc_user u;
    struct yc_matter_ref m;
    char d[11];
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_READ, err);

    if (rc == 0) {
        rc = yc_svc_may_accept(ctx, user_id, matter_id, day, &a, err);
    }
    if (rc == 0) {
        rc = yc_store_user_by_id(ctx->db, ctx->arena, user_id, &u, &found, err);
    }
    if (rc == 0) {
        rc = yc_store_mref_by_id(ctx->db, ctx->arena, matter_id, &m, &found, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    *out =
        json_pack("{s:{s:I, s:s, s:s}, s:{s:I, s:s, s:s, s:s}, s:s, s:b, s:s, s:o, s:s}", "user",
                  "id", (json_int_t)u.id, "username", u.username, "name", u.name, "matter", "id",
                  (json_int_t)m.id, "code", m.code, "name", m.name, "department", m.department_name,
                  "date", d, "may", a.may, "verdict", yc_accept_verdict_code(a.verdict), "letter",
                  a.letter_number ? json_pack("{s:I, s:s}", "id", (json_int_t)a.letter_id, "number",
                                              a.letter_number)
                                  : json_null(),
                  "reason", a.reason);
    return 0;
}

int
yc_svc_letter_uncovered(struct yc_ctx *ctx, int32_t day, json_t **out, struct yc_err *err)
{
    struct yc_matter_ref *m;
    size_t n;
    char d[11];
    json_t *arr;
    int rc = yc_svc_allow(ctx, YC_OP_LETTER_READ, err);

    if (rc == 0) {
        rc = yc_store_letter_uncovered(ctx->db, ctx->arena, day, &m, &n, err);
    }
    if (rc) {
        return rc;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)m[i].id,
                                        "code", m[i].code, "name", m[i].name, "department",
                                        m[i].department_name, "window_class", m[i].window_class,
                                        "window_class_zh", yc_window_class_zh(m[i].window_class)));
    }
    yc_date_format(day, d);
    *out = json_pack("{s:s, s:I, s:o}", "date", d, "count", (json_int_t)n, "matters", arr);
    return 0;
}
