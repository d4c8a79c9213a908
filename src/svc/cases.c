/*
 * cases.c - the views of a case (detail, list, clocks, public status), its scope rules, the
 * scheduled scan (deemed acceptance, outbox sender) and the helpers the other case*.c files share
 * (case_int.h). docs/cases.md describes the rules and the fields.
 */
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/log.h"
#include "base/str.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/case_no.h"
#include "domain/ids.h"
#include "domain/roles.h"
#include "svc/case_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define PUBLIC_WINDOW_MS (10LL * 60 * 1000)
#define PUBLIC_MAX_FAILURES 10

/* ---- scope ---- */

int
yc_case_scope(const struct yc_ctx *ctx, const struct yc_case *c, int *full)
{
    unsigned r;

    *full = 0;
    if (ctx->system) {
        return 1;
    }
    if (!ctx->user) {
        return 0;
    }
    r = ctx->user->roles;
    if ((r & (YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD)) &&
        ctx->user->department_id == c->department_id) {
        *full = 1;
        return 1;
    }
    if ((r & YC_ROLE_FRONT_DESK) && c->acceptor_id == ctx->user->id) {
        *full = 1;
        return 1;
    }
    return (r & (YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN)) != 0;
}

/* Back-office staff and heads of a department with a task of the case work on it too. */
static int
task_scope(struct yc_ctx *ctx, const struct yc_case *c, int *full, struct yc_err *err)
{
    int64_t count = 0;
    int rc = 0;

    *full = 0;
    if (ctx->user && (ctx->user->roles & (YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD)) &&
        ctx->user->department_id && c->joint) {
        rc = yc_store_case_task_of_dept(ctx->db, c->id, ctx->user->department_id, &count, err);
    }
    *full = count > 0;
    return rc;
}

int
yc_case_load(struct yc_ctx *ctx, int64_t id, struct yc_case *c, int *full, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_case_get(ctx->db, ctx->arena, id, NULL, c, &found, err);

    if (rc == 0 && found && !yc_case_scope(ctx, c, full)) {
        rc = task_scope(ctx, c, full, err);
        found = *full;
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "case_not_found", NULL, "办件 %lld 不存在",
                     (long long)id);
    }
    return rc;
}

/* ---- clocks ---- */

struct clock_call {
    const struct yc_clock *clk;
    struct yc_clock_policy policy; /* status: the warning thresholds in force */
    int32_t today;
    int mode; /* 0 status, 1 extension check, 2 deemed, 3 explanation, 4 idle */
    int days;
    int32_t new_end;
    int32_t from_day; /* idle */
    struct yc_clock_status st;
    struct yc_clock_deemed deemed;
    struct yc_clock_explanation explain;
    struct yc_clock_idle idle;
    struct yc_clock_fault fault;
};

static int
clock_cb(const struct yc_calendar *cal, void *arg)
{
    struct clock_call *cc = arg;

    switch (cc->mode) {
    case 0:
        return yc_clock_status(cal, cc->clk, &cc->policy, cc->today, &cc->st, &cc->fault);
    case 1:
        return yc_clock_extension_check(cal, cc->clk, cc->today, cc->days, &cc->new_end,
                                        &cc->fault);
    case 3:
        return yc_clock_explain(cal, cc->clk, cc->today, cc->days, &cc->explain, &cc->fault);
    case 4:
        return yc_clock_idle(cal, cc->from_day, cc->days, cc->today, &cc->idle, &cc->fault);
    default:
        return yc_clock_deemed(cal, cc->clk->start_day, cc->today, &cc->deemed, &cc->fault);
    }
}

int
yc_case_clock_build(struct yc_ctx *ctx, const struct yc_case *c, struct yc_clock *clk,
                    struct yc_case_stop_row **stops, size_t *nstops, struct yc_err *err)
{
    struct yc_clock_stop *s;
    int rc = yc_store_case_stops(ctx->db, ctx->arena, c->id, stops, nstops, err);

    if (rc) {
        return rc;
    }
    s = yc_arena_alloc(ctx->arena, (*nstops + 1) * sizeof(*s));
    for (size_t i = 0; i < *nstops; i++) {
        const char *k = (*stops)[i].kind;
        s[i].stop_day = (*stops)[i].stop_day;
        s[i].resume_day = (*stops)[i].resume_day == YC_NO_DAY ? YC_CLOCK_NO_DAY
                                                               : (*stops)[i].resume_day;
        if (yc_clock_stop_kind_parse(k, strlen(k), &s[i].kind) != 0) {
            s[i].kind = YC_CLOCK_STOP_SUPPLEMENT;
        }
    }
    memset(clk, 0, sizeof(*clk));
    clk->start_day = c->accepted_day;
    clk->statutory_days = c->statutory_days;
    clk->promised_days = c->promised_days + c->promised_extra_days; /* as explained */
    clk->extension_days = c->extension_days;
    clk->extended_day = c->extension_days ? c->extended_day : YC_CLOCK_NO_DAY;
    clk->stops = s;
    clk->n_stops = *nstops;
    return 0;
}

/* Run one of the pure clock functions under the calendar's lock; a clock refusal becomes err. */
static int
clock_run(struct clock_call *cc, struct yc_err *err)
{
    int rc = yc_svc_cal_use(clock_cb, cc, err);

    if (rc == YC_CLOCK_ENOYEAR) {
        return yc_fail(err, YC_EUNPROC, "clock_no_year", NULL, "%s", cc->fault.message);
    }
    return rc;
}

/* A clock call on c today; a clock the calendar cannot compute is 422 clock_invalid. */
static int
case_clock_call(struct yc_ctx *ctx, const struct yc_case *c, struct clock_call *cc,
                struct yc_err *err)
{
    struct yc_clock clk;
    struct yc_case_stop_row *stops;
    size_t n;
    int rc = yc_case_clock_build(ctx, c, &clk, &stops, &n, err);

    if (rc == 0) {
        rc = yc_svc_clock_policy(ctx, &cc->policy, err);
    }
    if (rc) {
        return rc;
    }
    cc->clk = &clk;
    cc->today = ctx->today;
    rc = yc_svc_cal_use(clock_cb, cc, err);
    cc->clk = NULL;
    if (rc == YC_CLOCK_ENOYEAR || rc == YC_CLOCK_EINVAL) {
        return yc_fail(err, YC_EUNPROC, "clock_invalid", NULL, "办件 %s：%s", c->number,
                       cc->fault.message);
    }
    return rc;
}

int
yc_case_clock_status(struct yc_ctx *ctx, const struct yc_case *c, struct yc_clock_status *st,
                     struct yc_err *err)
{
    struct clock_call cc = {0};
    int rc = case_clock_call(ctx, c, &cc, err);

    if (rc == 0) {
        *st = cc.st;
    }
    return rc;
}

int
yc_case_clock_explain(struct yc_ctx *ctx, const struct yc_case *c, int days,
                      struct yc_clock_explanation *out, struct yc_err *err)
{
    struct clock_call cc = {0};
    int rc;

    cc.mode = 3;
    cc.days = days;
    rc = case_clock_call(ctx, c, &cc, err);
    if (rc == 0) {
        *out = cc.explain;
    }
    return rc;
}

int
yc_case_clock_idle(struct yc_ctx *ctx, int32_t from_day, int days, struct yc_clock_idle *out,
                   struct yc_err *err)
{
    struct clock_call cc = {0};
    int rc;

    cc.mode = 4;
    cc.days = days;
    cc.from_day = from_day;
    cc.today = ctx->today;
    rc = yc_svc_cal_use(clock_cb, &cc, err);
    if (rc == YC_CLOCK_ENOYEAR || rc == YC_CLOCK_EINVAL) {
        return yc_fail(err, YC_EUNPROC, "clock_invalid", NULL, "%s", cc.fault.message);
    }
    if (rc == 0) {
        *out = cc.idle;
    }
    return rc;
}

int
yc_case_extension_check(struct yc_ctx *ctx, const struct yc_case *c, int days, int32_t *new_end,
                        struct yc_err *err)
{
    struct yc_clock clk;
    struct yc_case_stop_row *stops;
    size_t n;
    struct clock_call cc = {0};
    int rc = yc_case_clock_build(ctx, c, &clk, &stops, &n, err);

    if (rc) {
        return rc;
    }
    cc.clk = &clk;
    cc.today = ctx->today;
    cc.mode = 1;
    cc.days = days;
    rc = yc_svc_cal_use(clock_cb, &cc, err);
    switch (rc) {
    case 0:
        *new_end = cc.new_end;
        return 0;
    case YC_CLOCK_EAGAIN:
        return yc_fail(err, YC_ECONFLICT, "extension_twice", NULL, "办件 %s 已延长过期限，不能再次延长",
                       c->number);
    case YC_CLOCK_ELATE:
        return yc_fail(err, YC_ECONFLICT, "extension_late", NULL,
                       "办件 %s 的法定期限已过，不能再申请延长", c->number);
    case YC_CLOCK_ENOYEAR:
    case YC_CLOCK_EINVAL:
        return yc_fail(err, YC_EUNPROC, "clock_invalid", NULL, "%s", cc.fault.message);
    default:
        return rc;
    }
}

static json_t *
day_json(int32_t day)
{
    char d[11];

    if (day == YC_NO_DAY || day == YC_CLOCK_NO_DAY) {
        return json_null();
    }
    yc_date_format(day, d);
    return json_string(d);
}

static json_t *
view_json(const struct yc_clock_view *v)
{
    return json_pack("{s:i, s:o, s:i, s:i, s:b, s:i, s:s, s:s}", "limit_days", v->limit_days,
                     "end", day_json(v->end_day), "used_days", v->used_days, "left_days",
                     v->left_days, "overdue", v->overdue, "overdue_days", v->overdue_days, "level",
                     yc_clock_level_name(v->level), "level_zh", yc_clock_level_label(v->level));
}

/*
 * The clocks of a case: null before acceptance. A finished case is measured on the day of its last
 * change (its clock does not run on after the decision).
 */
json_t *
yc_case_clocks_json(struct yc_ctx *ctx, const struct yc_case *c, struct yc_err *err)
{
    struct yc_clock clk;
    struct yc_case_stop_row *stops;
    size_t n;
    struct clock_call cc = {0};
    enum yc_case_state st;
    json_t *periods, *out;
    int rc;

    if (c->accepted_day == YC_NO_DAY) {
        return json_null();
    }
    if (yc_case_clock_build(ctx, c, &clk, &stops, &n, err) ||
        yc_svc_clock_policy(ctx, &cc.policy, err)) {
        return json_null();
    }
    periods = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(periods, json_pack("{s:s, s:s, s:o, s:o, s:s}", "kind", stops[i].kind,
                                                 "kind_zh", yc_clock_stop_kind_label(clk.stops[i].kind),
                                                 "from", day_json(stops[i].stop_day), "to",
                                                 day_json(stops[i].resume_day), "reason",
                                                 stops[i].reason));
    }
    cc.clk = &clk;
    cc.today = ctx->today;
    if (yc_case_state_parse(c->state, strlen(c->state), &st) == 0 &&
        yc_case_state_phase(st) == YC_CASE_PHASE_FINISHED) {
        int32_t last = yc_clock_day_of_ms(c->updated_at);
        cc.today = last < cc.today ? last : cc.today;
    }
    if (cc.today < clk.start_day) {
        cc.today = clk.start_day;
    }
    rc = yc_svc_cal_use(clock_cb, &cc, err);
    out = json_pack("{s:o, s:o, s:o}", "received", day_json(c->received_day), "accepted",
                    day_json(c->accepted_day), "stopped_periods", periods);
    if (rc) {
        json_object_set_new(out, "error", json_string(cc.fault.message[0] ? cc.fault.message
                                                                            : err->message));
        return out;
    }
    json_object_set_new(out, "as_of", day_json(cc.today));
    json_object_set_new(out, "statutory", view_json(&cc.st.statutory));
    json_object_set_new(out, "promised", view_json(&cc.st.promised));
    json_object_set_new(out, "statutory_end", day_json(cc.st.statutory.end_day));
    json_object_set_new(out, "promised_end", day_json(cc.st.promised.end_day));
    json_object_set_new(out, "extended", json_boolean(cc.st.extended));
    json_object_set_new(out, "stopped", json_boolean(cc.st.stopped));
    json_object_set_new(out, "stopped_days", json_integer(cc.st.stopped_days));
    json_object_set_new(out, "warning_level", json_string(yc_clock_level_name(cc.st.statutory.level)));
    json_object_set_new(out, "warning_level_zh",
                        json_string(yc_clock_level_label(cc.st.statutory.level)));
    return out;
}

/* ---- views ---- */

static const char *
masked(struct yc_arena *a, const char *s)
{
    size_t len = strlen(s);
    char *out = yc_arena_alloc(a, len + 1);

    yc_id_mask(s, len, out, len + 1);
    return out;
}

static const char *
state_zh(const char *name)
{
    enum yc_case_state s;

    if (yc_case_state_parse(name, strlen(name), &s) != 0) {
        return "未知";
    }
    return yc_case_state_label(s);
}

static json_t *
case_json(struct yc_ctx *ctx, const struct yc_case *c, int full)
{
    return json_pack(
        "{s:I, s:s, s:{s:I, s:s, s:s, s:i}, s:{s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s}, s:s, s:s, "
        "s:o, s:o, s:{s:I, s:s}, s:{s:I, s:s}, s:o, s:o, s:o, s:s, s:s, s:s, s:I}",
        "id", (json_int_t)c->id, "number", c->number, "matter", "id", (json_int_t)c->matter_id,
        "code", c->matter_code, "name", c->matter_name, "version", c->matter_version, "applicant",
        "kind", c->applicant_kind, "name", c->applicant_name, "id_number",
        full ? c->id_number : masked(ctx->arena, c->id_number), "id_masked", !full,
        "id_override", c->id_override, "phone", full ? c->phone : masked(ctx->arena, c->phone),
        "legal_rep", c->legal_rep, "agent", c->agent, "state", c->state, "state_zh",
        state_zh(c->state), "received", day_json(c->received_day), "accepted",
        day_json(c->accepted_day), "department", "id", (json_int_t)c->department_id, "name",
        c->department_name, "acceptor", "id", (json_int_t)c->acceptor_id, "name", c->acceptor_name,
        "post_id", c->post_id ? json_integer(c->post_id) : json_null(), "assignee",
        c->assignee_id ? json_pack("{s:I, s:s}", "id", (json_int_t)c->assignee_id, "name",
                                   c->assignee_name)
                       : json_null(),
        "ticket_id", c->ticket_id ? json_integer(c->ticket_id) : json_null(), "decision",
        c->decision, "result_channel", c->result_channel, "tracking_no", c->tracking_no,
        "version", (json_int_t)c->version);
}

/* The fields of the rules of 0006 (docs/cases.md): joint handling, B told of A's inaction. */
static json_t *
case_json_all(struct yc_ctx *ctx, const struct yc_case *c, int full)
{
    json_t *o = case_json(ctx, c, full);
    char at[21];

    json_object_set_new(o, "joint", json_boolean(c->joint));
    if (c->ab_user_id) {
        yc_clock_format_iso(c->ab_notified_at, at);
        json_object_set_new(o, "ab_notified",
                            json_pack("{s:{s:I, s:s}, s:s}", "b", "id",
                                      (json_int_t)c->ab_user_id, "name", c->ab_user_name, "at",
                                      at));
    } else {
        json_object_set_new(o, "ab_notified", json_null());
    }
    return o;
}

/*
 * The events the caller may fire from state st: those of every case role they hold (front desk,
 * back office, department head), each once. Supervisors and administrators read; they fire none.
 */
static size_t
events_allowed(const struct yc_ctx *ctx, enum yc_case_state st, enum yc_case_event *out)
{
    static const struct {
        unsigned user_role;
        enum yc_case_role role;
    } map[] = {
        {YC_ROLE_FRONT_DESK, YC_CASE_ROLE_FRONT_DESK},
        {YC_ROLE_BACK_OFFICE, YC_CASE_ROLE_BACK_OFFICE},
        {YC_ROLE_DEPT_HEAD, YC_CASE_ROLE_DEPT_HEAD},
    };
    unsigned r = ctx->user ? ctx->user->roles : 0;
    int seen[YC_CASE_EVENT__MAX] = {0};
    size_t n = 0;

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        enum yc_case_event evs[YC_CASE_EVENT__MAX];
        size_t k;
        if (!(r & map[i].user_role)) {
            continue;
        }
        k = yc_case_events_from(st, map[i].role, evs, YC_CASE_EVENT__MAX);
        for (size_t j = 0; j < k && j < YC_CASE_EVENT__MAX; j++) {
            if (!seen[evs[j]]) {
                seen[evs[j]] = 1;
                out[n++] = evs[j];
            }
        }
    }
    return n;
}

/* terminate (终止办理) ends a case whose 容缺 commitment was not kept: the table allows it from the
 * review states, but it is offered only while a 容缺 material is still owed. */
static size_t
drop_terminate_unless_owed(enum yc_case_event *evs, size_t n, const struct yc_case_material *m,
                           size_t nm)
{
    size_t k = 0;

    for (size_t i = 0; i < nm; i++) {
        if (strcmp(m[i].status, "rongque") == 0) {
            return n;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (evs[i] != YC_CASE_EV_TERMINATE) {
            evs[k++] = evs[i];
        }
    }
    return k;
}

/* The back office's pending request for an extension: the last request_extension of the timeline
 * when no extension followed it; NULL otherwise. */
static json_t *
extension_request(const struct yc_case_event_row *e, size_t ne)
{
    for (size_t i = ne; i-- > 0;) {
        if (strcmp(e[i].event, "extend") == 0) {
            return json_null();
        }
        if (strcmp(e[i].event, "request_extension") == 0) {
            char d[11];
            yc_date_format(e[i].day, d);
            return json_pack("{s:s, s:s, s:s}", "by", e[i].actor, "day", d, "note", e[i].note);
        }
    }
    return json_null();
}

int
yc_case_detail(struct yc_ctx *ctx, const struct yc_case *c, int full, json_t **out,
               struct yc_err *err)
{
    struct yc_case_material *m;
    struct yc_case_event_row *e;
    struct yc_seal_use *u;
    struct yc_outbox_row *o;
    struct yc_case_cert *certs;
    size_t nm, ne, nu, no, ncerts;
    enum yc_case_state st;
    enum yc_case_event evs[YC_CASE_EVENT__MAX];
    size_t nev = 0;
    json_t *mats, *tl, *seals, *notes, *certificates, *allowed;
    int rc = yc_store_case_materials(ctx->db, ctx->arena, c->id, &m, &nm, err);

    if (rc == 0) {
        rc = yc_store_case_events(ctx->db, ctx->arena, c->id, &e, &ne, err);
    }
    if (rc == 0) {
        rc = yc_store_seal_uses_of_case(ctx->db, ctx->arena, c->id, &u, &nu, err);
    }
    if (rc == 0) {
        rc = yc_store_outbox_of_case(ctx->db, ctx->arena, c->id, &o, &no, err);
    }
    if (rc == 0) {
        rc = yc_store_certs_of_case(ctx->db, ctx->arena, c->id, &certs, &ncerts, err);
    }
    if (rc) {
        return rc;
    }
    mats = json_array();
    for (size_t i = 0; i < nm; i++) {
        json_array_append_new(mats, json_pack("{s:i, s:s, s:b, s:s, s:s, s:o, s:o}", "seq", m[i].seq,
                                              "name", m[i].name, "required", m[i].required,
                                              "status", m[i].status, "commitment", m[i].commitment,
                                              "due", day_json(m[i].due_day), "received",
                                              day_json(m[i].received_day)));
    }
    tl = json_array();
    for (size_t i = 0; i < ne; i++) {
        char at[21];
        enum yc_case_event ev;
        const char *zh = yc_case_event_parse(e[i].event, strlen(e[i].event), &ev) == 0
                             ? yc_case_event_label(ev)
                             : yc_case_rule_event_label(e[i].event);
        yc_clock_format_iso(e[i].at, at);
        json_array_append_new(tl, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "event",
                                            e[i].event, "event_zh", zh ? zh : e[i].event, "from", e[i].from_state,
                                            "to", e[i].to_state, "actor", e[i].actor, "at", at,
                                            "day", day_json(e[i].day), "note", e[i].note));
    }
    seals = json_array();
    for (size_t i = 0; i < nu; i++) {
        json_array_append_new(seals, json_pack("{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:s, s:o}",
                                               "seal_id", (json_int_t)u[i].seal_id, "seal",
                                               u[i].seal_name, "code", u[i].seal_code, "stage",
                                               u[i].stage, "approver", "id",
                                               (json_int_t)u[i].approver_id, "name",
                                               u[i].approver_name, "document", u[i].document,
                                               "sha256", u[i].sha256, "day", day_json(u[i].day)));
    }
    notes = json_array();
    for (size_t i = 0; i < no; i++) {
        /* staff are named by username; applicants' phone numbers are masked */
        int staff = strcmp(o[i].channel, "internal") == 0;
        json_array_append_new(notes, json_pack("{s:s, s:s, s:s, s:s}", "recipient",
                                               staff ? o[i].recipient
                                                     : masked(ctx->arena, o[i].recipient),
                                               "channel",
                                               o[i].channel, "text", o[i].text, "state",
                                               o[i].state));
    }
    certificates = json_array();
    for (size_t i = 0; i < ncerts; i++) {
        json_array_append_new(certificates,
                              json_pack("{s:s, s:s, s:o}", "cert_no", certs[i].cert_no, "name",
                                        certs[i].name, "day", day_json(certs[i].day)));
    }
    allowed = json_array();
    /* a department that only has a task of the case acts on the task, not on the case */
    if (yc_case_state_parse(c->state, strlen(c->state), &st) == 0 && ctx->user &&
        !yc_case_task_only(ctx, c)) {
        nev = events_allowed(ctx, st, evs);
        nev = drop_terminate_unless_owed(evs, nev, m, nm);
    }
    for (size_t i = 0; i < nev && i < YC_CASE_EVENT__MAX; i++) {
        json_array_append_new(allowed, json_string(yc_case_event_name(evs[i])));
    }
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "case",
                     case_json_all(ctx, c, full), "clocks", yc_case_clocks_json(ctx, c, err),
                     "materials", mats, "timeline", tl, "seal_uses", seals, "notifications", notes,
                     "certificates", certificates, "extension_request",
                     extension_request(e, ne), "events_allowed", allowed);
    /* 好差评 (evaluate.c): the rating page's address for the window's tablet and the notice */
    yc_svc_case_rating_add(ctx, c, *out);
    rc = yc_case_rules_json(ctx, c, *out, err);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int
yc_svc_case_get(struct yc_ctx *ctx, int64_t id, json_t **out, struct yc_err *err)
{
    struct yc_case c;
    int full = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_READ, err);

    if (rc == 0) {
        rc = yc_db_begin(ctx->db, err);
        if (rc) {
            return rc;
        }
        rc = yc_case_load(ctx, id, &c, &full, err);
        /* every view of a full record is audited (个人信息保护法) */
        if (rc == 0 && full) {
            rc = yc_svc_audit(ctx, err, "case.view", c.number, "查看办件完整信息");
        }
        if (rc == 0) {
            rc = yc_case_detail(ctx, &c, full, out, err);
        }
        rc = yc_db_finish(ctx->db, rc, err);
        if (rc && *out) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

int
yc_svc_case_list(struct yc_ctx *ctx, const struct yc_case_list_in *in, json_t **out,
                 struct yc_err *err)
{
    struct yc_clock_policy policy;
    struct yc_case_filter f = {0};
    struct yc_case *c;
    size_t n;
    enum yc_case_state st;
    json_t *arr;
    int64_t next = 0;
    int rc = yc_svc_allow(ctx, YC_OP_CASE_READ, err);

    if (rc) {
        return rc;
    }
    if (in->state && *in->state && yc_case_state_parse(in->state, strlen(in->state), &st) != 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "state", "未知的办件状态“%s”", in->state);
    }
    if (in->limit < 1 || in->limit > YC_CASE_PAGE_MAX) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "limit", "每页件数应为 1–%d",
                       YC_CASE_PAGE_MAX);
    }
    if (in->before < 0) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "before", "before 应为办件编号（正整数）");
    }
    f.state = in->state ? in->state : "";
    f.limit = in->limit + 1; /* one more: is there a next page */
    f.before = in->before;
    if (in->inbox) {
        /* the inbox by post: assigned, B told, a department task, or A of my post on leave */
        rc = yc_store_case_inbox(ctx->db, ctx->arena, ctx->user->id, ctx->today, f.state, f.limit,
                                 f.before, &c, &n, err);
    } else if (!(ctx->user->roles & (YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN))) {
        if (ctx->user->roles & (YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD)) {
            f.department_id = ctx->user->department_id ? ctx->user->department_id : -1;
        } else {
            f.acceptor_id = ctx->user->id;
        }
    }
    if (!in->inbox) {
        rc = yc_store_case_list(ctx->db, ctx->arena, &f, &c, &n, err);
    }
    if (rc) {
        return rc;
    }
    if (n > (size_t)in->limit) {
        n = (size_t)in->limit;
        next = c[n - 1].id;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *item = case_json_all(ctx, &c[i], 0);
        json_t *clocks = yc_case_clocks_json(ctx, &c[i], err);
        json_t *sv = json_object_get(clocks, "statutory"), *pv = json_object_get(clocks, "promised");
        json_t *slim = json_pack(
            "{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "promised_end",
            json_object_get(clocks, "promised_end") ?: json_null(), "statutory_end",
            json_object_get(clocks, "statutory_end") ?: json_null(), "warning_level",
            json_object_get(clocks, "warning_level") ?: json_null(), "extended",
            json_object_get(clocks, "extended") ?: json_false(), "stopped",
            json_object_get(clocks, "stopped") ?: json_false(), "statutory_left_days",
            json_object_get(sv, "left_days") ?: json_null(), "promised_left_days",
            json_object_get(pv, "left_days") ?: json_null());
        json_decref(clocks);
        json_object_set_new(item, "clocks", slim);
        json_array_append_new(arr, item);
    }
    rc = yc_svc_clock_policy(ctx, &policy, err);
    if (rc) {
        json_decref(arr);
        return rc;
    }
    *out = json_pack("{s:I, s:o, s:o, s:{s:i, s:i}}", "count", (json_int_t)n, "cases", arr,
                     "next_before", next ? json_integer(next) : json_null(), "thresholds",
                     "warn_days", policy.warn_days, "red_days", policy.red_days);
    return 0;
}

/* ---- the public status page ---- */

static int
public_throttled(struct yc_ctx *ctx, const char *key, struct yc_err *err)
{
    int64_t start = 0, failures = 0;
    int rc = yc_store_throttle_get(ctx->db, key, &start, &failures, err);

    if (rc == 0 && failures >= PUBLIC_MAX_FAILURES && ctx->now_ms - start < PUBLIC_WINDOW_MS) {
        rc = yc_fail(err, YC_ERATE, "rate_limited", NULL, "查询过于频繁，请稍后再试");
        err->retry_after_s = (int)((PUBLIC_WINDOW_MS - (ctx->now_ms - start)) / 1000 + 1);
    }
    return rc;
}

/* Count a failed lookup in its own transaction (the request itself fails). */
static void
public_failure(struct yc_ctx *ctx, const char *key)
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
            yc_log(YC_LOG_WARN, "case status throttle: %s", e.message);
        }
    }
}

/*
 * The notice's QR code leads to the status page: the applicant who proved the last 4 of the ID
 * gets the address of the rating page (好差评) while a stage may be rated; null otherwise.
 */
static void
public_rating_url(struct yc_ctx *ctx, const struct yc_case *c, json_t *out)
{
    json_t *d = json_object(), *stages, *st;
    int open = 0;
    size_t i;

    yc_svc_case_rating_add(ctx, c, d);
    stages = json_object_get(json_object_get(d, "rating"), "stages");
    json_array_foreach(stages, i, st) {
        open |= json_is_true(json_object_get(st, "rateable"));
    }
    json_object_set(out, "rating_url", open ? json_object_get(d, "rating_url") : json_null());
    json_decref(d);
}

/* Whether the applicant may still withdraw (the table: withdraw by the applicant from here). */
static int
withdrawable(const char *state)
{
    enum yc_case_state from, to;
    struct yc_case_refusal why;

    return yc_case_state_parse(state, strlen(state), &from) == 0 &&
           yc_case_transition(from, YC_CASE_EV_WITHDRAW, YC_CASE_ROLE_APPLICANT, &to, &why) == 0;
}

int
yc_svc_case_public(struct yc_ctx *ctx, const char *number, const char *id4, json_t **out,
                   struct yc_err *err)
{
    struct yc_case_no no;
    struct yc_case c;
    const char *key = yc_arena_printf(ctx->arena, "case_public:%s", ctx->addr);
    size_t idlen;
    json_t *clocks;
    int found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = public_throttled(ctx, key, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_case_no_parse(number, strlen(number), &no);
    if (rc) {
        public_failure(ctx, key);
        return yc_fail(err, YC_EUNPROC, rc == YC_CASE_NO_ECHECK ? "bad_check" : "bad_number",
                       "number", "%s", yc_case_no_error_message(rc));
    }
    if (strlen(id4) != 4) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "id4", "请输入证件号码的后 4 位");
    }
    rc = yc_store_case_get(ctx->db, ctx->arena, 0, no.text, &c, &found, err);
    if (rc) {
        return rc;
    }
    idlen = strlen(found ? c.id_number : "");
    if (!found || idlen < 4 || strcasecmp(c.id_number + idlen - 4, id4) != 0) {
        public_failure(ctx, key);
        return yc_fail(err, YC_ENOTFOUND, "case_not_found", NULL,
                       "没有找到该办件，请核对办件编号和证件号码后 4 位");
    }
    clocks = yc_case_clocks_json(ctx, &c, err);
    *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:O, s:s, s:s, s:b}", "number", c.number,
                     "matter", c.matter_name, "department", c.department_name, "state", c.state,
                     "state_zh", state_zh(c.state), "received", day_json(c.received_day),
                     "accepted", day_json(c.accepted_day), "promised_end",
                     json_object_get(clocks, "promised_end") ?: json_null(), "result_channel",
                     c.result_channel, "tracking_no", c.tracking_no, "withdrawable",
                     withdrawable(c.state));
    json_decref(clocks);
    public_rating_url(ctx, &c, *out);
    return 0;
}

/*
 * The applicant withdraws an undecided case from the public page. The number and the last 4 of the
 * ID show the status; withdrawing, which cannot be undone, takes the whole ID number as given at the
 * window (case-insensitive X), so a stranger who found a notice cannot withdraw. Failed attempts
 * count against the same per-address limit as the status page.
 */
static int
withdraw_tx(struct yc_ctx *ctx, const struct yc_case_no *no, const char *id_number,
            const char *reason, struct yc_case *c, const char *key, struct yc_err *err)
{
    enum yc_case_state from, to;
    struct yc_case_refusal why;
    struct yc_case_event_row e = {0};
    const char *note;
    int found = 0, won = 0;
    int rc = yc_store_case_get(ctx->db, ctx->arena, 0, no->text, c, &found, err);

    if (rc) {
        return rc;
    }
    if (!found || strcasecmp(c->id_number, id_number) != 0) {
        public_failure(ctx, key);
        return yc_fail(err, YC_ENOTFOUND, "case_not_found", NULL,
                       "没有找到该办件，请核对办件编号和完整的证件号码");
    }
    if (yc_case_state_parse(c->state, strlen(c->state), &from) != 0) {
        return yc_fail(err, YC_EINTERNAL, "case_bad_state", NULL, "办件状态“%s”无效", c->state);
    }
    rc = yc_case_transition(from, YC_CASE_EV_WITHDRAW, YC_CASE_ROLE_APPLICANT, &to, &why);
    if (rc) {
        return yc_fail(err, YC_ECONFLICT, "case_state_conflict", NULL,
                       "办件当前为“%s”，已作出决定或已结束，不能撤回", state_zh(c->state));
    }
    note = yc_arena_printf(ctx->arena, "申请人在办件查询页撤回申请：%s", reason);
    e.event = "withdraw";
    e.from_state = c->state;
    e.to_state = yc_case_state_name(to);
    e.actor = "applicant";
    e.at = ctx->now_ms;
    e.day = ctx->today;
    e.note = note;
    c->state = e.to_state;
    rc = yc_store_case_update(ctx->db, c, ctx->now_ms, &won, err);
    if (rc == 0 && !won) {
        rc = yc_fail(err, YC_ECONFLICT, "case_version_conflict", NULL,
                     "办件 %s 刚刚有了变化，请刷新后再试", c->number);
    }
    if (rc == 0) {
        rc = yc_store_case_event_insert(ctx->db, c->id, &e, err);
    }
    if (rc == 0 && *c->phone) {
        rc = yc_store_outbox_insert(
            ctx->db, c->id, c->phone,
            yc_arena_printf(ctx->arena, "【一窗受理】您已撤回办件 %s（%s）的申请。", c->number,
                            c->matter_name),
            ctx->now_ms, err);
    }
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.withdraw", c->number, "%s → %s：%s", e.from_state,
                          c->state, note);
    }
    return rc;
}

int
yc_svc_case_public_withdraw(struct yc_ctx *ctx, const char *number, const char *id_number,
                            const char *reason, json_t **out, struct yc_err *err)
{
    struct yc_case_no no;
    struct yc_case c;
    const char *key = yc_arena_printf(ctx->arena, "case_public:%s", ctx->addr);
    int rc = yc_svc_allow(ctx, YC_OP_PUBLIC, err);

    if (rc == 0) {
        rc = public_throttled(ctx, key, err);
    }
    if (rc) {
        return rc;
    }
    rc = yc_case_no_parse(number, strlen(number), &no);
    if (rc) {
        public_failure(ctx, key);
        return yc_fail(err, YC_EUNPROC, rc == YC_CASE_NO_ECHECK ? "bad_check" : "bad_number",
                       "number", "%s", yc_case_no_error_message(rc));
    }
    if (!id_number || strlen(id_number) < 15) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "id_number",
                       "撤回申请须填写受理时登记的完整证件号码");
    }
    if (!reason || !*reason) {
        return yc_fail(err, YC_EUNPROC, "field_required", "reason", "请写明撤回的理由");
    }
    if (yc_utf8_len(reason, strlen(reason)) > 200) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "reason", "撤回理由最多 200 个字");
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = withdraw_tx(ctx, &no, id_number, reason, &c, key, err);
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc) {
        return rc;
    }
    *out = json_pack("{s:s, s:s, s:s}", "number", c.number, "state", c.state, "state_zh",
                     state_zh(c.state));
    return 0;
}

/* ---- the scheduled scan ---- */

static int
deem_one(struct yc_ctx *ctx, const struct yc_case *c, int *won, struct yc_err *err)
{
    struct yc_clock clk = {0};
    struct clock_call cc = {0};
    struct yc_case_event_row e = {0};
    char d[11];
    int rc;

    *won = 0;
    clk.start_day = c->received_day;
    cc.clk = &clk;
    cc.today = ctx->today;
    cc.mode = 2;
    rc = clock_run(&cc, err);
    if (rc || !cc.deemed.deemed) {
        return rc;
    }
    rc = yc_store_case_deem(ctx->db, c->id, ctx->now_ms, won, err);
    if (rc || !*won) {
        return rc;
    }
    yc_date_format(c->received_day, d);
    e.event = "deem_accepted";
    e.from_state = "received";
    e.to_state = "deemed_accepted";
    e.actor = yc_svc_actor(ctx);
    e.at = ctx->now_ms;
    e.day = ctx->today;
    e.note = yc_arena_printf(ctx->arena, "收件后 5 个工作日内未受理也未告知补正，视为自 %s 起受理", d);
    rc = yc_store_case_event_insert(ctx->db, c->id, &e, err);
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "case.deem_accepted", c->number, "%s", e.note);
    }
    return rc;
}

int
yc_svc_case_scan_all(struct yc_ctx *ctx, struct yc_case_scan_counts *k, struct yc_err *err)
{
    struct yc_case *c;
    struct yc_outbox_row *o;
    size_t n, no;
    int won;
    /* 5 working days after receipt are at least 5 calendar days after it */
    int rc = yc_db_begin(ctx->db, err);

    memset(k, 0, sizeof(*k));
    if (rc) {
        return rc;
    }
    rc = yc_store_case_deem_candidates(ctx->db, ctx->arena, ctx->today - 6, &c, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = deem_one(ctx, &c[i], &won, err);
        k->deemed += won;
    }
    rc = yc_db_finish(ctx->db, rc, err);
    /* the AB post rule, missed promises, 容缺 not kept: each case in its own transaction */
    if (rc == 0) {
        rc = yc_case_scan_rules(ctx, k, err);
    }
    if (rc == 0) {
        /* supervision (supervise.c): the board's levels, warnings and overdue orders to tell */
        rc = yc_svc_supervise_scan(ctx, err);
    }
    if (rc) {
        return rc;
    }
    /* the default sender: the log (which scrubs ID and phone numbers); an applicant's number
     * masked, a member of staff by username */
    rc = yc_store_outbox_pending(ctx->db, ctx->arena, &o, &no, err);
    for (size_t i = 0; rc == 0 && i < no; i++) {
        rc = yc_store_outbox_sent(ctx->db, o[i].id, ctx->now_ms, &won, err);
        if (rc == 0 && won) {
            if (strcmp(o[i].channel, "internal") == 0) {
                yc_log(YC_LOG_INFO, "notice to %s: %s", o[i].recipient, o[i].text);
            } else {
                yc_log(YC_LOG_INFO, "sms to %s: %s", masked(ctx->arena, o[i].recipient),
                       o[i].text);
            }
            k->sent++;
        }
    }
    return rc;
}

int
yc_svc_case_scan(struct yc_ctx *ctx, int *deemed, int *sent, struct yc_err *err)
{
    struct yc_case_scan_counts k;
    int rc = yc_svc_case_scan_all(ctx, &k, err);

    if (deemed) {
        *deemed = k.deemed;
    }
    if (sent) {
        *sent = k.sent;
    }
    return rc;
}
