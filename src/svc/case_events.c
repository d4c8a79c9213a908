/*
 * case_events.c - events on a case after the window (POST /api/cases/{id}/events): the one
 * transition table decides state and role; this file adds what each event records (stops,
 * extension, decision, seal ledger, result) and writes the row with compare-and-set on its
 * version, so of two concurrent decisions exactly one wins and the other gets 409.
 */
#include <string.h>

#include "base/date.h"

#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/roles.h"
#include "svc/case_int.h"
#include "svc/svc.h"
#include "base/banned.h"

static int
conflict(const struct yc_case *c, const char *code, struct yc_err *err)
{
    enum yc_case_state s = YC_CASE_STATE__MAX;

    if (yc_case_state_parse(c->state, strlen(c->state), &s) != 0) {
        s = YC_CASE_STATE__MAX;
    }
    return yc_fail(err, YC_ECONFLICT, code, NULL,
                   "办件 %s 已被他人更新，当前状态为“%s”（%s），版本 %lld", c->number,
                   yc_case_state_label(s), c->state, (long long)c->version);
}

/* The case role of the caller for this rule: the first of their roles the rule allows. */
static enum yc_case_role
role_for(const struct yc_ctx *ctx, const struct yc_case_rule *rule)
{
    static const struct {
        unsigned user_role;
        enum yc_case_role role;
    } map[] = {
        {YC_ROLE_FRONT_DESK, YC_CASE_ROLE_FRONT_DESK},
        {YC_ROLE_BACK_OFFICE, YC_CASE_ROLE_BACK_OFFICE},
        {YC_ROLE_DEPT_HEAD, YC_CASE_ROLE_DEPT_HEAD},
    };
    enum yc_case_role first = YC_CASE_ROLE__MAX;

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (ctx->user->roles & map[i].user_role) {
            if (rule->roles_mask & (1u << map[i].role)) {
                return map[i].role;
            }
            if (first == YC_CASE_ROLE__MAX) {
                first = map[i].role;
            }
        }
    }
    return first == YC_CASE_ROLE__MAX ? YC_CASE_ROLE_APPLICANT : first;
}

static int
is_hex64(const char *s)
{
    size_t n = 0;

    for (; s[n]; n++) {
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) {
            return 0;
        }
    }
    return n == 64;
}

static int
record_seal(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_case_event_in *in,
            const char **note, struct yc_err *err)
{
    struct yc_seal s;
    struct yc_seal_use u = {0};
    int found = 0;
    int rc;

    if (!in->seal_id || !in->document || !*in->document || !in->sha256) {
        return yc_fail(err, YC_EUNPROC, "field_required", "seal_id",
                       "用印须写明印章（seal_id）、文书名称（document）和文书的 SHA-256");
    }
    if (!is_hex64(in->sha256)) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "sha256",
                       "文书哈希应为 64 位小写十六进制的 SHA-256");
    }
    rc = yc_store_seal_get(ctx->db, ctx->arena, in->seal_id, &s, &found, err);
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "seal_id", "印章 %lld 不存在",
                     (long long)in->seal_id);
    }
    if (rc == 0 && s.department_id != c->department_id) {
        rc = yc_fail(err, YC_EFORBIDDEN, "seal_wrong_department", "seal_id",
                     "印章“%s”属于%s，不能用于%s的办件 %s", s.name, s.department_name,
                     c->department_name, c->number);
    }
    if (rc == 0 && strcmp(s.status, "active") != 0) {
        rc = yc_fail(err, YC_ECONFLICT, "seal_retired", "seal_id", "印章“%s”已停用", s.name);
    }
    if (rc) {
        return rc;
    }
    u.seal_id = s.id;
    u.stage = "办结";
    u.approver_id = ctx->user->id;
    u.document = in->document;
    u.sha256 = in->sha256;
    u.day = ctx->today;
    u.at = ctx->now_ms;
    *note = yc_arena_printf(ctx->arena, "%s：%s（SHA-256 %.12s…）", s.name, in->document,
                            in->sha256);
    return yc_store_seal_use_insert(ctx->db, c->id, &u, err);
}

/* What the event records besides the state; may change c's fields and set *note / *sms. */
/* An electronic certificate (电子证照) issued with the result: its number as the licensing system
 * gave it (letters, digits, '-', up to 64), recorded with the case and in the timeline. */
static int
record_certificate(struct yc_ctx *ctx, const struct yc_case *c, const struct yc_case_event_in *in,
                   struct yc_err *err)
{
    const char *no = in->certificate_no;
    const char *name = in->certificate_name && *in->certificate_name
                           ? in->certificate_name
                           : yc_arena_printf(ctx->arena, "%s电子证照", c->matter_name);
    size_t len = strlen(no);
    int rc;

    for (size_t i = 0; i < len; i++) {
        char ch = no[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              ch == '-')) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "certificate_no",
                           "电子证照编号只能由字母、数字和“-”组成");
        }
    }
    if (len > 64) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "certificate_no",
                       "电子证照编号最多 64 个字符");
    }
    if (strcmp(c->decision, "grant") != 0) {
        return yc_fail(err, YC_ECONFLICT, "certificate_without_grant", "certificate_no",
                       "办件 %s 未准予许可，不能登记电子证照", c->number);
    }
    rc = yc_store_cert_insert(ctx->db, c->id, no, name, ctx->today, ctx->now_ms, err);
    if (rc == 0) {
        rc = yc_case_event_add(ctx, c->id, "certificate", c->state, c->state,
                               yc_arena_printf(ctx->arena, "登记电子证照：%s（%s）", name, no),
                               err);
    }
    return rc;
}

static int
apply(struct yc_ctx *ctx, struct yc_case *c, enum yc_case_event ev,
      const struct yc_case_event_in *in, const char **note, const char **sms, struct yc_err *err)
{
    enum yc_clock_stop_kind kind;
    int32_t new_end;
    char d[11];
    int rc = 0;

    switch (ev) {
    case YC_CASE_EV_ACCEPT:
    case YC_CASE_EV_ACCEPT_CONDITIONALLY:
        c->accepted_day = ctx->today;
        return 0;
    case YC_CASE_EV_SUPPLEMENT_COMPLETE:
        /* the acceptance day is the day the last missing material arrived: today */
        c->accepted_day = ctx->today;
        return yc_store_case_materials_arrive(ctx->db, c->id, ctx->today, err);
    case YC_CASE_EV_HANDLE_ON_SPOT:
        c->accepted_day = ctx->today;
        c->decision = "grant";
        return 0;
    case YC_CASE_EV_REQUEST_MATERIALS:
        return yc_store_case_stop_insert(ctx->db, c->id, "supplement", ctx->today, *note, err);
    case YC_CASE_EV_SUSPEND:
        if (!in->kind || yc_clock_stop_kind_parse(in->kind, strlen(in->kind), &kind) != 0 ||
            kind == YC_CLOCK_STOP_SUPPLEMENT) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "kind",
                           "特别程序应为 hearing、tender、auction、inspection、testing、"
                           "quarantine、appraisal 或 expert_review");
        }
        *sms = yc_arena_printf(ctx->arena, "【一窗受理】办件 %s 进入%s程序，期间不计入办理时限：%s",
                               c->number, yc_clock_stop_kind_label(kind), *note);
        return yc_store_case_stop_insert(ctx->db, c->id, yc_clock_stop_kind_name(kind), ctx->today,
                                         *note, err);
    case YC_CASE_EV_MATERIALS_SUPPLIED:
        rc = yc_store_case_materials_arrive(ctx->db, c->id, ctx->today, err);
        return rc ? rc : yc_store_case_stop_resume(ctx->db, c->id, ctx->today, err);
    case YC_CASE_EV_RESUME:
        return yc_store_case_stop_resume(ctx->db, c->id, ctx->today, err);
    case YC_CASE_EV_EXTEND: {
        int days = c->statutory_days >= YC_CLOCK_JOINT_DAYS ? YC_CLOCK_JOINT_EXTEND_DAYS
                                                             : YC_CLOCK_EXTEND_DAYS;
        rc = yc_svc_allow(ctx, YC_OP_CASE_EXTEND, err);
        if (rc == 0) {
            rc = yc_case_extension_check(ctx, c, days, &new_end, err);
        }
        if (rc) {
            return rc;
        }
        c->extension_days = days;
        c->extended_day = ctx->today;
        yc_date_format(new_end, d);
        *note = yc_arena_printf(ctx->arena, "延长 %d 个工作日至 %s：%s", days, d, in->reason);
        *sms = yc_arena_printf(ctx->arena, "【一窗受理】办件 %s 办理期限延长至 %s，理由：%s",
                               c->number, d, in->reason);
        return 0;
    }
    case YC_CASE_EV_REQUEST_EXTENSION: {
        /* asked by the back office, granted by the department head (extend): the same checks
         * now, so a request that could not be granted is refused at once */
        int days = c->statutory_days >= YC_CLOCK_JOINT_DAYS ? YC_CLOCK_JOINT_EXTEND_DAYS
                                                             : YC_CLOCK_EXTEND_DAYS;
        rc = yc_case_extension_check(ctx, c, days, &new_end, err);
        if (rc) {
            return rc;
        }
        yc_date_format(new_end, d);
        *note = yc_arena_printf(ctx->arena, "申请延长 %d 个工作日至 %s：%s", days, d, in->reason);
        return 0;
    }
    case YC_CASE_EV_START_REVIEW:
        /* 材料流转: a joint matter's departments get their tasks as review begins */
        return yc_case_split_joint_matter(ctx, c, note, err);
    case YC_CASE_EV_SPLIT: {
        struct yc_case_policy p;
        rc = yc_case_policy_load(ctx, &p, err);
        return rc ? rc
                  : yc_case_split(ctx, c, in->departments, in->ndepartments,
                                  in->days ? in->days : p.task_days, note, err);
    }
    case YC_CASE_EV_TERMINATE:
        *sms = yc_arena_printf(ctx->arena, "【一窗受理】您申请的“%s”（办件编号 %s）已终止办理：%s",
                               c->matter_name, c->number, *note);
        return yc_store_case_stop_resume(ctx->db, c->id, ctx->today, err);
    case YC_CASE_EV_DECIDE_GRANT:
    case YC_CASE_EV_DECIDE_REFUSE:
        /* joint approval: decided only when every department's task is done */
        rc = c->joint ? yc_case_tasks_gate(ctx, c, ev == YC_CASE_EV_DECIDE_GRANT, err) : 0;
        c->decision = ev == YC_CASE_EV_DECIDE_GRANT ? "grant" : "refuse";
        return rc;
    case YC_CASE_EV_SEAL:
        return record_seal(ctx, c, in, note, err);
    case YC_CASE_EV_ISSUE_RESULT:
        if (!in->channel || (strcmp(in->channel, "window") != 0 && strcmp(in->channel, "ems") != 0)) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "channel",
                           "出件方式应为 window（窗口领取）或 ems（邮寄）");
        }
        if (strcmp(in->channel, "ems") == 0 && !(in->tracking_no && *in->tracking_no)) {
            return yc_fail(err, YC_EUNPROC, "field_required", "tracking_no", "EMS 邮寄须登记运单号");
        }
        if (in->certificate_no && *in->certificate_no) {
            rc = record_certificate(ctx, c, in, err);
            if (rc) {
                return rc;
            }
        }
        c->result_channel = in->channel;
        c->tracking_no = in->tracking_no ? in->tracking_no : "";
        *note = strcmp(in->channel, "ems") == 0
                    ? yc_arena_printf(ctx->arena, "EMS 寄出，运单号 %s", c->tracking_no)
                    : "窗口领取";
        *sms = strcmp(in->channel, "ems") == 0
                   ? yc_arena_printf(ctx->arena, "【一窗受理】办件 %s 的结果已由 EMS 寄出，运单号 %s",
                                     c->number, c->tracking_no)
                   : yc_arena_printf(ctx->arena, "【一窗受理】办件 %s 已办结，请到窗口领取结果",
                                     c->number);
        return 0;
    default:
        return 0;
    }
}

static int
event_tx(struct yc_ctx *ctx, int64_t id, const struct yc_case_event_in *in, struct yc_case *c,
         int *full, struct yc_err *err)
{
    enum yc_case_event ev;
    enum yc_case_state from, to;
    struct yc_case_refusal why;
    const struct yc_case_rule *rule;
    const char *note = in->reason ? in->reason : "", *sms = NULL, *from_name;
    int won = 0;
    int rc = yc_case_load(ctx, id, c, full, err);

    if (rc) {
        return rc;
    }
    if (yc_case_event_parse(in->event, strlen(in->event), &ev) != 0 ||
        ev == YC_CASE_EV_DEEM_ACCEPTED) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "event", "未知的办件事件“%s”", in->event);
    }
    if (in->version && in->version != c->version) {
        return conflict(c, "case_version_conflict", err);
    }
    if (yc_case_task_only(ctx, c)) {
        return yc_fail(err, YC_EFORBIDDEN, "case_wrong_department", NULL,
                       "办件 %s 由%s主办，会办部门只能办理本部门的会办任务", c->number,
                       c->department_name);
    }
    if (yc_case_state_parse(c->state, strlen(c->state), &from) != 0) {
        return yc_fail(err, YC_EINTERNAL, "case_bad_state", NULL, "办件状态“%s”无效", c->state);
    }
    rule = yc_case_rule(ev);
    rc = yc_case_transition(from, ev, role_for(ctx, rule), &to, &why);
    if (rc == YC_CASE_ESTATE) {
        return yc_fail(err, YC_ECONFLICT, why.code, NULL, "%s", why.message);
    }
    if (rc) {
        return yc_fail(err, YC_EFORBIDDEN, why.code, NULL, "%s", why.message);
    }
    if (rule->needs_reason && ev != YC_CASE_EV_SUSPEND && !*note) {
        return yc_fail(err, YC_EUNPROC, "field_required", "reason", "“%s”须写明理由",
                       yc_case_event_label(ev));
    }
    if (ev == YC_CASE_EV_SUSPEND && !*note) {
        note = "";
    }
    rc = apply(ctx, c, ev, in, &note, &sms, err);
    if (rc) {
        return rc;
    }
    from_name = c->state;
    c->state = yc_case_state_name(to);
    rc = yc_store_case_update(ctx->db, c, ctx->now_ms, &won, err);
    if (rc == 0 && !won) {
        /* another transaction changed the row since we read it (PostgreSQL) */
        int found = 0;
        rc = yc_store_case_get(ctx->db, ctx->arena, id, NULL, c, &found, err);
        return rc ? rc : conflict(c, "case_version_conflict", err);
    }
    if (rc == 0) {
        rc = yc_case_event_add(ctx, c->id, yc_case_event_name(ev), from_name, c->state, note, err);
    }
    if (rc == 0 && sms && *c->phone) {
        rc = yc_store_outbox_insert(ctx->db, c->id, c->phone, sms, ctx->now_ms, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, yc_arena_printf(ctx->arena, "case.%s", yc_case_event_name(ev)),
                          c->number, "%s → %s：%s", from_name, c->state, note);
    }
    return rc;
}

int
yc_svc_case_event(struct yc_ctx *ctx, int64_t id, const struct yc_case_event_in *in, json_t **out,
                  struct yc_err *err)
{
    struct yc_case c;
    int full = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_ACCEPT, err);

    if (rc == YC_EFORBIDDEN) {
        rc = yc_svc_allow(ctx, YC_OP_CASE_WORK, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = event_tx(ctx, id, in, &c, &full, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_case_load(ctx, id, &c, &full, err);
    }
    if (rc == 0) {
        rc = yc_case_detail(ctx, &c, full, out, err);
    }
    return rc;
}
