/*
 * case_accept.c - acceptance at the window (行政许可法 §32): the matter's current version and its
 * checklist, the applicant's ID check (overridable with a recorded reason), the delegation letter,
 * the decision on the one transition table, the case number, routing to the department's post (A
 * or B that day), the timeline, the notification and the audit entry, in one transaction.
 */
#include <string.h>

#include "base/date.h"
#include "domain/case_flow.h"
#include "domain/case_no.h"
#include "domain/ids.h"
#include "svc/case_int.h"
#include "svc/svc.h"
#include "base/banned.h"

static const struct {
    const char *name;
    enum yc_case_event event;
    int starts; /* the clock starts today */
    const char *notice;
} decisions[] = {
    {"accept", YC_CASE_EV_ACCEPT, 1, "受理通知书"},
    {"refuse", YC_CASE_EV_REFUSE, 0, "不予受理决定书"},
    {"supplement", YC_CASE_EV_REQUEST_SUPPLEMENT, 0, "补正材料通知书"},
    {"conditional", YC_CASE_EV_ACCEPT_CONDITIONALLY, 1, "容缺受理通知书"},
    {"on_the_spot", YC_CASE_EV_HANDLE_ON_SPOT, 1, "即办"},
    /* received, decided later (within 5 working days, else deemed accepted) */
    {"receive", YC_CASE_EVENT__MAX, 0, "收件"},
};

int
yc_case_event_add(struct yc_ctx *ctx, int64_t case_id, const char *event, const char *from,
                  const char *to, const char *note, struct yc_err *err)
{
    struct yc_case_event_row e = {event, from, to, yc_svc_actor(ctx), ctx->now_ms, ctx->today,
                                  note ? note : ""};

    return yc_store_case_event_insert(ctx->db, case_id, &e, err);
}

static int
check_applicant(struct yc_ctx *ctx, const struct yc_case_accept_in *in, struct yc_err *err)
{
    enum yc_idcheck r;
    int firm = strcmp(in->applicant_kind, "firm") == 0;

    if (!firm && strcmp(in->applicant_kind, "person") != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "applicant_kind",
                       "申请人类型应为 person（个人）或 firm（企业）");
    }
    r = firm ? yc_id_check_uscc(in->id_number, strlen(in->id_number))
             : yc_id_check_resident(in->id_number, strlen(in->id_number), ctx->today, NULL);
    if (r != YC_IDCHECK_OK && !(in->override_reason && *in->override_reason)) {
        return yc_fail(err, YC_EUNPROC, "check_failed", "id_number", "%s校验未通过：%s",
                       firm ? "统一社会信用代码" : "居民身份证号码", yc_idcheck_message(r));
    }
    return 0;
}

/* The checklist against the matter version: every material named once, known, with a status the
 * matter allows; *missing and *rongque list what is not received (Chinese, for notices). */
static int
check_materials(struct yc_ctx *ctx, const struct yc_case_accept_in *in, const struct yc_matter *m,
                struct yc_case_material *out, int *nmissing_req, const char **missing,
                int *nrongque, struct yc_err *err)
{
    const char *miss = "";

    *nmissing_req = 0;
    *nrongque = 0;
    for (size_t j = 0; j < m->nmaterials; j++) {
        out[j] = (struct yc_case_material){(int)j + 1, m->materials[j].name,
                                           m->materials[j].required, "missing", "", YC_NO_DAY,
                                           YC_NO_DAY};
    }
    for (size_t i = 0; i < in->nmaterials; i++) {
        const struct yc_case_material_in *x = &in->materials[i];
        size_t j;

        for (j = 0; j < m->nmaterials && strcmp(m->materials[j].name, x->name) != 0; j++) {
        }
        if (j == m->nmaterials) {
            return yc_fail(err, YC_EUNPROC, "material_unknown", "materials",
                           "材料“%s”不在事项第 %d 版的材料清单中", x->name, m->version);
        }
        for (size_t k = 0; k < i; k++) {
            if (strcmp(in->materials[k].name, x->name) == 0) {
                return yc_fail(err, YC_EUNPROC, "material_duplicate", "materials",
                               "材料“%s”在清单中重复登记", x->name);
            }
        }
        if (strcmp(x->status, "received") == 0) {
            out[j].status = "received";
            out[j].received_day = ctx->today;
        } else if (strcmp(x->status, "rongque") == 0) {
            if (!m->materials[j].rongque) {
                return yc_fail(err, YC_EUNPROC, "rongque_not_allowed", "materials",
                               "材料“%s”不可容缺", x->name);
            }
            if (!x->commitment || !*x->commitment || x->due_day == YC_NO_DAY ||
                x->due_day < ctx->today) {
                return yc_fail(err, YC_EUNPROC, "commitment_required", "materials",
                               "容缺材料“%s”须有承诺和不早于今天的补交期限", x->name);
            }
            out[j].status = "rongque";
            out[j].commitment = x->commitment;
            out[j].due_day = x->due_day;
            (*nrongque)++;
        } else if (strcmp(x->status, "missing") != 0) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", "materials",
                           "材料“%s”的状态应为 received、missing 或 rongque", x->name);
        }
    }
    for (size_t j = 0; j < m->nmaterials; j++) {
        if (strcmp(out[j].status, "missing") == 0) {
            miss = yc_arena_printf(ctx->arena, "%s%s%s", miss, *miss ? "；" : "", out[j].name);
            *nmissing_req += out[j].required;
        }
    }
    *missing = miss;
    return 0;
}

/* Is the checklist consistent with the decision? */
static int
check_decision(const struct yc_case_accept_in *in, const struct yc_matter *m, size_t d,
               int nmissing_req, const char *missing, int nrongque, struct yc_err *err)
{
    const char *name = decisions[d].name;

    if (strcmp(name, "receive") == 0) {
        return 0;
    }
    if (strcmp(name, "refuse") == 0) {
        if (!in->reason || !*in->reason) {
            return yc_fail(err, YC_EUNPROC, "field_required", "reason", "不予受理须写明理由");
        }
        return 0;
    }
    if (strcmp(name, "supplement") == 0) {
        return *missing ? 0
                        : yc_fail(err, YC_EUNPROC, "nothing_missing", "materials",
                                  "材料齐全，无需补正");
    }
    if (nmissing_req) {
        return yc_fail(err, YC_EUNPROC, "materials_incomplete", "materials",
                       "必需材料不全（%s），应一次性告知补正", missing);
    }
    if (strcmp(name, "conditional") == 0 && nrongque == 0) {
        return yc_fail(err, YC_EUNPROC, "no_rongque", "materials", "容缺受理须至少有一项容缺材料");
    }
    if (strcmp(name, "accept") == 0 && nrongque) {
        return yc_fail(err, YC_EUNPROC, "rongque_needs_conditional", "decision",
                       "有容缺材料时应选择容缺受理");
    }
    if (strcmp(name, "on_the_spot") == 0 && m->promised_days != 0) {
        return yc_fail(err, YC_EUNPROC, "not_on_the_spot", "decision",
                       "事项“%s”不是即办件（承诺时限 %d 个工作日）", m->name, m->promised_days);
    }
    return 0;
}

/* The post of the matter's department and who acts for it today; a hand-over to B is recorded. */
static int
route(struct yc_ctx *ctx, struct yc_case *c, struct yc_err *err)
{
    struct yc_post p;
    enum yc_acting who;
    int rc = yc_store_case_post_of_dept(ctx->db, c->department_id, &c->post_id, err);

    if (rc || !c->post_id) {
        return rc;
    }
    rc = yc_svc_post_acting(ctx, c->post_id, ctx->today, &p, &who, err);
    if (rc) {
        return rc;
    }
    if (who == YC_ACTING_A) {
        c->assignee_id = p.a_user_id;
    } else if (who == YC_ACTING_B) {
        struct yc_handover h = {0};
        c->assignee_id = p.b_user_id;
        h.post_id = p.id;
        h.from_user_id = p.a_user_id;
        h.to_user_id = p.b_user_id;
        h.kind = "leave";
        h.from_day = ctx->today;
        h.to_day = ctx->today;
        h.case_ref = c->number;
        h.reason = "A 岗休假，新办件转 B 岗";
        rc = yc_svc_handover_record(ctx, &h, err);
    }
    return rc;
}

/* A matter handled jointly (matter_joint): the case runs on the joint limit (45 + 15) from its
 * acceptance; its review starts with the departments' tasks (case_rules.c). */
static int
joint_matter(struct yc_ctx *ctx, struct yc_case *c, struct yc_err *err)
{
    struct yc_joint_row *j;
    size_t n;
    int rc = yc_store_matter_joint_depts(ctx->db, ctx->arena, c->matter_id, &j, &n, err);

    if (rc == 0 && n > 0) {
        c->joint = 1;
        if (c->statutory_days < YC_CLOCK_JOINT_DAYS) {
            c->statutory_days = YC_CLOCK_JOINT_DAYS;
        }
    }
    return rc;
}

static const char *
notice_text(struct yc_ctx *ctx, const struct yc_case *c, size_t d, const char *missing)
{
    const char *name = decisions[d].name;

    if (strcmp(name, "supplement") == 0) {
        return yc_arena_printf(ctx->arena, "【一窗受理】您申请的“%s”（办件编号 %s）需补正材料：%s",
                               c->matter_name, c->number, missing);
    }
    if (strcmp(name, "refuse") == 0) {
        return yc_arena_printf(ctx->arena, "【一窗受理】您申请的“%s”（办件编号 %s）不予受理，详见决定书",
                               c->matter_name, c->number);
    }
    return yc_arena_printf(ctx->arena, "【一窗受理】您申请的“%s”已%s，办件编号 %s，可凭编号查询进度",
                           c->matter_name, strcmp(name, "on_the_spot") == 0 ? "办结" : "受理",
                           c->number);
}

static int
accept_tx(struct yc_ctx *ctx, const struct yc_case_accept_in *in, size_t d, int64_t *id,
          struct yc_err *err)
{
    struct yc_matter m;
    struct yc_accept may;
    struct yc_case c = {0};
    struct yc_case_material *mats;
    enum yc_case_state to;
    struct yc_case_refusal why;
    int64_t seq;
    int nmissing_req = 0, nrongque = 0;
    const char *missing = "", *note;
    char number[YC_CASE_NO_SIZE];
    int rc = yc_svc_matter_get(ctx, in->matter_id, &m, err);

    if (rc == YC_ENOTFOUND) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "matter_id", "事项 %lld 不存在",
                       (long long)in->matter_id);
    }
    if (rc == 0 && in->matter_version != m.version) {
        return yc_fail(err, YC_ECONFLICT, "matter_version_stale", "matter_version",
                       "材料清单来自事项“%s”第 %d 版，现行为第 %d 版，请按现行版本重新核对",
                       m.name, in->matter_version, m.version);
    }
    if (rc == 0) {
        rc = yc_svc_may_accept(ctx, ctx->user->id, m.id, ctx->today, &may, err);
    }
    if (rc == 0 && !may.may) {
        return yc_fail(err, YC_EFORBIDDEN, "no_delegation", NULL, "%s", may.reason);
    }
    if (rc) {
        return rc;
    }
    mats = yc_arena_alloc(ctx->arena, (m.nmaterials + 1) * sizeof(*mats));
    rc = check_materials(ctx, in, &m, mats, &nmissing_req, &missing, &nrongque, err);
    if (rc == 0) {
        rc = check_decision(in, &m, d, nmissing_req, missing, nrongque, err);
    }
    to = YC_CASE_RECEIVED;
    if (rc == 0 && decisions[d].event != YC_CASE_EVENT__MAX &&
        yc_case_transition(YC_CASE_RECEIVED, decisions[d].event,
                                      YC_CASE_ROLE_FRONT_DESK, &to, &why) != 0) {
        rc = yc_fail(err, YC_ECONFLICT, why.code, NULL, "%s", why.message);
    }
    if (rc == 0) {
        rc = yc_store_case_seq_next(ctx->db, ctx->today, &seq, err);
    }
    if (rc == 0 && yc_case_no_format(YC_CASE_PREFIX, ctx->today, (uint32_t)seq, number) != 0) {
        rc = yc_fail(err, YC_EUNAVAIL, "case_seq_exhausted", NULL, "今日办件编号已用完");
    }
    if (rc) {
        return rc;
    }
    c.number = number;
    c.matter_id = m.id;
    c.matter_version = m.version;
    c.matter_name = m.name;
    c.applicant_kind = in->applicant_kind;
    c.applicant_name = in->applicant_name;
    c.id_number = in->id_number;
    c.id_override = in->override_reason ? in->override_reason : "";
    c.phone = in->phone ? in->phone : "";
    c.legal_rep = in->legal_rep ? in->legal_rep : "";
    c.agent = in->agent ? in->agent : "";
    c.state = yc_case_state_name(to);
    c.received_day = ctx->today;
    c.accepted_day = decisions[d].starts ? ctx->today : YC_NO_DAY;
    c.statutory_days = m.statutory_days;
    c.promised_days = m.promised_days;
    c.department_id = m.department_id;
    c.acceptor_id = ctx->user->id;
    c.ticket_id = in->ticket_id;
    c.decision = strcmp(decisions[d].name, "on_the_spot") == 0 ? "grant" : "";
    c.created_at = ctx->now_ms;
    if (to != YC_CASE_REFUSED) {
        rc = route(ctx, &c, err);
    }
    if (rc == 0 && to != YC_CASE_REFUSED && to != YC_CASE_RESULT_ISSUED) {
        rc = joint_matter(ctx, &c, err);
    }
    if (rc == 0) {
        rc = yc_store_case_insert(ctx->db, &c, id, err);
    }
    if (rc == 0 && c.joint) {
        rc = yc_store_case_set_joint(ctx->db, *id, c.statutory_days, err);
    }
    for (size_t j = 0; rc == 0 && j < m.nmaterials; j++) {
        rc = yc_store_case_material_insert(ctx->db, *id, &mats[j], err);
    }
    if (rc == 0) {
        rc = yc_case_event_add(ctx, *id, "receive", "", "received",
                               *c.id_override ? yc_arena_printf(ctx->arena, "证件校验未通过，受理人说明：%s",
                                                                c.id_override)
                                              : "收件",
                               err);
    }
    note = strcmp(decisions[d].name, "refuse") == 0
               ? yc_arena_printf(ctx->arena, "%s%s%s", in->reason,
                                 in->other_agency && *in->other_agency ? "；请向" : "",
                                 in->other_agency && *in->other_agency
                                     ? yc_arena_printf(ctx->arena, "%s申请", in->other_agency)
                                     : "")
           : strcmp(decisions[d].name, "supplement") == 0
               ? yc_arena_printf(ctx->arena, "一次性告知补正：%s", missing)
               : decisions[d].notice;
    if (rc == 0 && decisions[d].event != YC_CASE_EVENT__MAX) {
        rc = yc_case_event_add(ctx, *id, yc_case_event_name(decisions[d].event), "received",
                               c.state, note, err);
    }
    if (rc == 0 && *c.phone) {
        rc = yc_store_outbox_insert(ctx->db, *id, c.phone, notice_text(ctx, &c, d, missing),
                                    ctx->now_ms, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.accept", number, "事项 %s 第 %d 版，%s：%s", m.code,
                          m.version, decisions[d].name, note);
    }
    return rc;
}

int
yc_svc_case_accept(struct yc_ctx *ctx, const struct yc_case_accept_in *in, json_t **out,
                   struct yc_err *err)
{
    struct yc_case c;
    size_t d;
    int64_t id = 0;
    int full;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_ACCEPT, err);

    if (rc) {
        return rc;
    }
    for (d = 0; d < sizeof(decisions) / sizeof(decisions[0]); d++) {
        if (strcmp(decisions[d].name, in->decision) == 0) {
            break;
        }
    }
    if (d == sizeof(decisions) / sizeof(decisions[0])) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "decision",
                       "决定应为 accept、refuse、supplement、conditional、on_the_spot 或 receive");
    }
    rc = check_applicant(ctx, in, err);
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = accept_tx(ctx, in, d, &id, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = yc_case_load(ctx, id, &c, &full, err);
    }
    if (rc == 0) {
        rc = yc_case_detail(ctx, &c, full, out, err);
    }
    return rc;
}
