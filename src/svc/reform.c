/*
 * reform.c - the reform dashboard from live data, beside the plan's figures (the embedded CSV files
 * of the plan's annexes): (1) matters per department and type in Annex 2's layout, (2) windows and
 * staff per zone in Annex 3's layout with the reduction 84 -> 48, (3) the share of entered matters
 * accepted at 无差别 windows, (4) matters at comprehensive windows no delegation letter covers,
 * (5) the eight implementation steps. The arithmetic is in domain/reform.c.
 */
#include <string.h>

#include "base/date.h"
#include "domain/reform.h"
#include "domain/roles.h"
#include "gen/embedded.h"
#include "svc/svc.h"
#include "base/banned.h"

const char *const yc_reform_part_names[YC_REFORM__MAX] = {"annex2", "windows", "share", "uncovered",
                                                          "steps"};

/* The embedded plan file; when missing, an empty one and an error. */
static int
plan_file(const char *name, const struct yc_embedded_file **f, struct yc_err *err)
{
    static const struct yc_embedded_file none = {"", "", 0};

    *f = yc_embedded_file(name);
    if (!*f) {
        *f = &none;
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "程序中缺少数据文件 %s", name);
    }
    return 0;
}

static int
bad_plan(const char *name, long line, struct yc_err *err)
{
    return yc_fail(err, YC_EINTERNAL, "internal", NULL, "数据文件 %s 第 %ld 行无法读取", name,
                   line);
}

static struct yc_report *
new_report(struct yc_ctx *ctx, const char *key, const char *title, const char *sheet,
           const struct yc_report_col *cols, size_t ncols)
{
    struct yc_report *r = yc_arena_alloc(ctx->arena, sizeof(*r));

    r->key = key;
    r->title = title;
    r->sheet = sheet;
    r->cols = cols;
    r->ncols = ncols;
    return r;
}

static const char *
yes_no(int b)
{
    return b ? "是" : "否";
}

/* ---- (1) Annex 2 ---- */

static void
add_count(void *cls, const char *dept, const char *type, int64_t count)
{
    struct yc_ctx *ctx = ((void **)cls)[0];
    struct yc_annex2 *t = ((void **)cls)[1];

    yc_annex2_add(t, ctx->arena, dept, type, count);
}

static void
annex2_row(struct yc_report *r, struct yc_arena *a, const struct yc_annex2_row *x)
{
    struct yc_cell *c = yc_report_row(a, r);

    c[0] = yc_cell_text(x->department);
    for (int i = 0; i <= YC_REFORM_NTYPES; i++) {
        c[1 + i * 3] = yc_cell_int(x->plan[i]);
        c[2 + i * 3] = yc_cell_int(x->actual[i]);
        c[3 + i * 3] = yc_cell_int(x->diff[i]);
    }
    c[r->ncols - 1] = yc_cell_text(x->in_plan ? "" : "附件2未列出的部门");
}

static struct yc_report_col *
annex2_cols(struct yc_arena *a, size_t *n)
{
    static const char *const what[3][2] = {
        {"plan", "计划"}, {"actual", "已录入"}, {"diff", "差额"}};
    struct yc_report_col *c = yc_arena_alloc(a, 27 * sizeof(*c));

    c[0] = (struct yc_report_col){"department", "部门", 28};
    for (int i = 0; i <= YC_REFORM_NTYPES; i++) {
        const char *code = i < YC_REFORM_NTYPES ? yc_reform_types[i].code : "total";
        const char *zh = i < YC_REFORM_NTYPES ? yc_reform_types[i].zh : "合计";
        for (int k = 0; k < 3; k++) {
            c[1 + i * 3 + k].key =
                yc_arena_printf(a, "%s%s_%s", i < YC_REFORM_NTYPES ? "t" : "", code, what[k][0]);
            c[1 + i * 3 + k].title = yc_arena_printf(a, "%s·%s", zh, what[k][1]);
            c[1 + i * 3 + k].width = 8;
        }
    }
    c[25] = (struct yc_report_col){"note", "备注", 18};
    *n = 26;
    return c;
}

static int
part_annex2(struct yc_ctx *ctx, struct yc_report **out, struct yc_err *err)
{
    const char *name = "annex2-matters-by-department.csv";
    const struct yc_embedded_file *f;
    struct yc_annex2 t;
    struct yc_report_col *cols;
    struct yc_report *r;
    size_t ncols, short_depts = 0;
    long bad;
    void *cls[2] = {ctx, &t};
    int rc = plan_file(name, &f, err);

    if (rc == 0 && yc_annex2_load_plan(&t, ctx->arena, f->data, f->len, &bad) != 0) {
        rc = bad_plan(name, bad, err);
    }
    if (rc == 0) {
        rc = yc_store_reform_matter_counts(ctx->db, add_count, cls, err);
    }
    if (rc) {
        return rc;
    }
    yc_annex2_finish(&t);
    cols = annex2_cols(ctx->arena, &ncols);
    r = new_report(ctx, "annex2", "附件2 各部门依申请政务服务事项（已录入进驻事项与方案对照）",
                   "附件2 事项", cols, ncols);
    for (size_t i = 0; i < t.n; i++) {
        annex2_row(r, ctx->arena, &t.rows[i]);
        short_depts += t.rows[i].in_plan && t.rows[i].diff[YC_REFORM_TOTAL] < 0;
    }
    annex2_row(r, ctx->arena, &t.total);
    yc_report_fig(r, "plan_total", "方案事项数", yc_cell_int(t.total.plan[YC_REFORM_TOTAL]));
    yc_report_fig(r, "entered_total", "已录入进驻事项数",
                  yc_cell_int(t.total.actual[YC_REFORM_TOTAL]));
    yc_report_fig(r, "difference", "差额（已录入−方案）",
                  yc_cell_int(t.total.diff[YC_REFORM_TOTAL]));
    yc_report_fig(r, "entered_share", "录入完成率",
                  yc_cell_permille(yc_reform_permille(t.total.actual[YC_REFORM_TOTAL],
                                                      t.total.plan[YC_REFORM_TOTAL])));
    yc_report_fig(r, "departments_short", "少于方案的部门数", yc_cell_int((int64_t)short_depts));
    yc_report_fig(r, "other_types", "非依申请类型的进驻事项（不计入）", yc_cell_int(t.ignored));
    *out = r;
    return 0;
}

/* ---- (2) Annex 3 ---- */

static const struct yc_report_col windows_cols[] = {
    {"floor", "楼层", 6},
    {"zone", "区域", 18},
    {"plan_windows_before", "改革前窗口", 9},
    {"plan_windows_after", "方案窗口（含新进驻）", 11},
    {"plan_windows_new", "其中新进驻", 9},
    {"windows", "已配置窗口", 9},
    {"windows_new", "其中新进驻", 9},
    {"windows_diff", "窗口差额", 8},
    {"staff_before", "改革前人员", 9},
    {"plan_front", "方案前台", 8},
    {"front", "已配置前台", 9},
    {"plan_resident", "方案常驻后台", 9},
    {"resident", "已配置常驻后台", 9},
    {"plan_nonresident", "方案非常驻后台", 9},
    {"nonresident", "已配置非常驻后台", 9},
    {"cases_2024", "2024年办件量", 11},
    {"note", "备注", 16},
};
#define NWCOLS (sizeof(windows_cols) / sizeof(windows_cols[0]))

static void
zone_row(struct yc_report *r, struct yc_arena *a, const struct yc_annex3_zone *z, int total)
{
    struct yc_cell *c = yc_report_row(a, r);
    const int64_t v[] = {z->windows_before,  z->windows_after,   z->windows_new,
                         z->cfg_windows,     z->cfg_windows_new, z->cfg_windows - z->windows_after,
                         z->staff_before,    z->front_after,     z->cfg_front,
                         z->resident_after,  z->cfg_resident,    z->nonresident_after,
                         z->cfg_nonresident, z->cases_2024};

    c[0] = total ? yc_cell_text("") : yc_cell_int(z->floor);
    c[1] = yc_cell_text(z->zone);
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        c[2 + i] = yc_cell_int(v[i]);
    }
    c[NWCOLS - 1] = yc_cell_text(!z->in_plan   ? "方案未列出的区域"
                                 : !z->in_hall ? "大厅未配置"
                                               : "");
}

static int
part_windows(struct yc_ctx *ctx, struct yc_report **out, struct yc_err *err)
{
    const char *name = "annex3-window-plan.csv";
    const struct yc_embedded_file *f, *tf;
    struct yc_annex3 t;
    struct yc_zone_figures *z;
    struct yc_report *r;
    int64_t target = 40;
    size_t nz;
    long bad;
    int rc = plan_file(name, &f, err);

    if (rc == 0 && yc_annex3_load_plan(&t, ctx->arena, f->data, f->len, &bad) != 0) {
        rc = bad_plan(name, bad, err);
    }
    if (rc == 0) {
        rc = plan_file("reform-targets.csv", &tf, err);
    }
    if (rc == 0 && yc_reform_target(tf->data, tf->len, "window_reduction", &target) != 0) {
        rc = bad_plan("reform-targets.csv", 0, err);
    }
    if (rc == 0) {
        rc = yc_store_reform_zones(ctx->db, ctx->arena, &z, &nz, err);
    }
    if (rc) {
        return rc;
    }
    for (size_t i = 0; i < nz; i++) {
        yc_annex3_set_config(&t, ctx->arena, z[i].floor, z[i].zone, z[i].f);
    }
    yc_annex3_finish(&t);
    r = new_report(ctx, "windows", "附件3 窗口与人员配置（改革前后，方案与已配置对照）",
                   "附件3 窗口", windows_cols, NWCOLS);
    for (size_t i = 0; i < t.n; i++) {
        zone_row(r, ctx->arena, &t.zones[i], 0);
    }
    zone_row(r, ctx->arena, &t.total, 1);
    yc_report_fig(r, "windows_before", "改革前窗口数", yc_cell_int(t.total.windows_before));
    yc_report_fig(r, "plan_windows_after", "方案窗口数（含新进驻）",
                  yc_cell_int(t.total.windows_after));
    yc_report_fig(r, "plan_windows_new", "其中新进驻单位窗口", yc_cell_int(t.total.windows_new));
    yc_report_fig(r, "plan_after_existing", "方案整合后窗口（不含新进驻）",
                  yc_cell_int(t.plan_after_existing));
    yc_report_fig(r, "plan_reduction", "方案窗口减少比例",
                  yc_cell_permille(t.plan_reduction_permille));
    yc_report_fig(r, "target_reduction", "目标减少比例", yc_cell_permille(target * 10));
    yc_report_fig(r, "windows", "已配置在用窗口", yc_cell_int(t.total.cfg_windows));
    yc_report_fig(r, "windows_new", "其中新进驻单位窗口", yc_cell_int(t.total.cfg_windows_new));
    yc_report_fig(r, "after_existing", "已配置整合后窗口（不含新进驻）",
                  yc_cell_int(t.cfg_after_existing));
    yc_report_fig(r, "reduction", "已配置窗口减少比例", yc_cell_permille(t.cfg_reduction_permille));
    yc_report_fig(r, "meets_target", "达到目标",
                  yc_cell_text(yes_no(t.cfg_reduction_permille >= target * 10)));
    yc_report_fig(r, "front", "已配置前台人员", yc_cell_int(t.total.cfg_front));
    yc_report_fig(r, "plan_front", "方案前台人员", yc_cell_int(t.total.front_after));
    *out = r;
    return 0;
}

/* ---- (3) share at 无差别 windows ---- */

static const struct yc_report_col share_cols[] = {
    {"code", "事项编码", 34}, {"name", "事项名称", 36},         {"department", "部门", 24},
    {"type", "事项类型", 12}, {"window_class", "窗口类别", 12},
};

static const char *
type_zh(const char *code)
{
    int i = yc_reform_type_index(code);
    return i >= 0 ? yc_reform_types[i].zh : code;
}

static int
part_share(struct yc_ctx *ctx, struct yc_report **out, struct yc_err *err)
{
    const struct yc_embedded_file *tf;
    struct yc_matter_ref *m;
    struct yc_share s;
    struct yc_report *r;
    int64_t entered, undiff, comprehensive, target = 70;
    size_t n;
    int rc = plan_file("reform-targets.csv", &tf, err);

    if (rc == 0 && yc_reform_target(tf->data, tf->len, "undifferentiated_share", &target) != 0) {
        rc = bad_plan("reform-targets.csv", 0, err);
    }
    if (rc == 0) {
        rc = yc_store_reform_share(ctx->db, &entered, &undiff, &comprehensive, err);
    }
    if (rc == 0) {
        rc = yc_store_reform_not_undiff(ctx->db, ctx->arena, &m, &n, err);
    }
    if (rc) {
        return rc;
    }
    yc_reform_share(entered, undiff, target, &s);
    r = new_report(ctx, "share",
                   "无差别综合窗口受理事项占进驻事项比例（及未纳入无差别窗口的进驻事项）",
                   "无差别占比", share_cols, sizeof(share_cols) / sizeof(share_cols[0]));
    for (size_t i = 0; i < n; i++) {
        struct yc_cell *c = yc_report_row(ctx->arena, r);
        c[0] = yc_cell_text(m[i].code);
        c[1] = yc_cell_text(m[i].name);
        c[2] = yc_cell_text(m[i].department_name);
        c[3] = yc_cell_text(type_zh(m[i].type));
        c[4] = yc_cell_text(yc_window_class_zh(m[i].window_class));
    }
    yc_report_fig(r, "entered", "进驻事项数", yc_cell_int(s.entered));
    yc_report_fig(r, "undifferentiated", "无差别窗口受理事项数", yc_cell_int(s.undifferentiated));
    yc_report_fig(r, "share", "无差别窗口受理占比", yc_cell_permille(s.permille));
    yc_report_fig(r, "target", "目标", yc_cell_permille(s.target_pct * 10));
    yc_report_fig(r, "meets_target", "达到目标", yc_cell_text(yes_no(s.meets)));
    yc_report_fig(r, "needed", "达到目标还需纳入无差别窗口的事项数", yc_cell_int(s.needed));
    yc_report_fig(r, "comprehensive", "综合窗口（无差别+分领域）受理事项数",
                  yc_cell_int(comprehensive));
    yc_report_fig(r, "comprehensive_share", "综合窗口受理占比",
                  yc_cell_permille(yc_reform_permille(comprehensive, entered)));
    *out = r;
    return 0;
}

/* ---- (4) matters no letter covers ---- */

static int
part_uncovered(struct yc_ctx *ctx, int32_t day, struct yc_report **out, struct yc_err *err)
{
    struct yc_matter_ref *m;
    struct yc_report *r;
    int64_t entered, undiff, comprehensive;
    size_t n;
    char d[11];
    int rc = yc_store_letter_uncovered(ctx->db, ctx->arena, day, &m, &n, err);

    if (rc == 0) {
        rc = yc_store_reform_share(ctx->db, &entered, &undiff, &comprehensive, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    r = new_report(ctx, "uncovered",
                   yc_arena_printf(ctx->arena, "综合窗口进驻事项中无有效授权委托书的事项（%s）", d),
                   "未授权事项", share_cols, sizeof(share_cols) / sizeof(share_cols[0]));
    for (size_t i = 0; i < n; i++) {
        struct yc_cell *c = yc_report_row(ctx->arena, r);
        c[0] = yc_cell_text(m[i].code);
        c[1] = yc_cell_text(m[i].name);
        c[2] = yc_cell_text(m[i].department_name);
        c[3] = yc_cell_text(type_zh(m[i].type));
        c[4] = yc_cell_text(yc_window_class_zh(m[i].window_class));
    }
    yc_report_fig(r, "date", "日期", yc_cell_text(yc_arena_strdup(ctx->arena, d)));
    yc_report_fig(r, "comprehensive", "综合窗口进驻事项数", yc_cell_int(comprehensive));
    yc_report_fig(r, "covered", "已有有效授权的事项数", yc_cell_int(comprehensive - (int64_t)n));
    yc_report_fig(r, "uncovered", "无有效授权的事项数", yc_cell_int((int64_t)n));
    yc_report_fig(r, "covered_share", "授权覆盖率",
                  yc_cell_permille(yc_reform_permille(comprehensive - (int64_t)n, comprehensive)));
    *out = r;
    return 0;
}

/* ---- (5) the implementation steps ---- */

static const struct yc_report_col steps_cols[] = {
    {"seq", "序号", 5},
    {"step", "步骤", 18},
    {"responsible", "责任单位", 24},
    {"deadline", "完成时限", 11},
    {"status", "状态", 8},
    {"status_zh", "状态（中文）", 8},
    {"note", "进展说明", 30},
    {"overdue_days", "逾期天数", 8},
    {"content", "工作内容", 60},
};

static int
load_steps(struct yc_ctx *ctx, struct yc_reform_step **steps, size_t *n, struct yc_err *err)
{
    const char *name = "reform-steps.csv";
    const struct yc_embedded_file *f;
    long bad;
    int rc = plan_file(name, &f, err);

    if (rc == 0 && yc_reform_steps_load(ctx->arena, f->data, f->len, steps, n, &bad) != 0) {
        rc = bad_plan(name, bad, err);
    }
    return rc;
}

static void
step_row(struct yc_ctx *ctx, struct yc_report *r, const struct yc_reform_step *s,
         const struct yc_step_row *st, int32_t day, int64_t *done, int64_t *overdue)
{
    struct yc_cell *c = yc_report_row(ctx->arena, r);
    int status = st ? yc_step_status_by_name(st->status) : YC_STEP_NOT_STARTED;
    int32_t late;
    char *d = yc_arena_alloc(ctx->arena, 11);

    if (status < 0) {
        status = YC_STEP_NOT_STARTED;
    }
    late = yc_reform_step_overdue_days(s->deadline, (enum yc_step_status)status, day);
    yc_date_format(s->deadline, d);
    c[0] = yc_cell_int(s->seq);
    c[1] = yc_cell_text(s->step);
    c[2] = yc_cell_text(s->responsible);
    c[3] = yc_cell_text(d);
    c[4] = yc_cell_text(yc_step_status_names[status]);
    c[5] = yc_cell_text(yc_step_status_zh[status]);
    c[6] = yc_cell_text(st ? st->note : "");
    c[7] = yc_cell_int(late);
    c[8] = yc_cell_text(s->content);
    *done += status == YC_STEP_DONE;
    *overdue += late > 0;
}

static int
part_steps(struct yc_ctx *ctx, int32_t day, struct yc_report **out, struct yc_err *err)
{
    struct yc_reform_step *s;
    struct yc_step_row *st;
    struct yc_report *r;
    size_t n, nst;
    int64_t done = 0, overdue = 0;
    char *d = yc_arena_alloc(ctx->arena, 11);
    int rc = load_steps(ctx, &s, &n, err);

    if (rc == 0) {
        rc = yc_store_step_list(ctx->db, ctx->arena, &st, &nst, err);
    }
    if (rc) {
        return rc;
    }
    yc_date_format(day, d);
    r = new_report(ctx, "steps", yc_arena_printf(ctx->arena, "实施步骤进度（截至 %s）", d),
                   "实施步骤", steps_cols, sizeof(steps_cols) / sizeof(steps_cols[0]));
    for (size_t i = 0; i < n; i++) {
        const struct yc_step_row *x = NULL;
        for (size_t j = 0; j < nst; j++) {
            x = st[j].seq == s[i].seq ? &st[j] : x;
        }
        step_row(ctx, r, &s[i], x, day, &done, &overdue);
    }
    yc_report_fig(r, "date", "日期", yc_cell_text(d));
    yc_report_fig(r, "steps", "步骤数", yc_cell_int((int64_t)n));
    yc_report_fig(r, "done", "已完成", yc_cell_int(done));
    yc_report_fig(r, "overdue", "逾期未完成", yc_cell_int(overdue));
    *out = r;
    return 0;
}

int
yc_svc_reform_part(struct yc_ctx *ctx, enum yc_reform_part part, int32_t day,
                   struct yc_report **out, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_REFORM_READ, err);

    if (rc) {
        return rc;
    }
    switch (part) {
    case YC_REFORM_ANNEX2:
        return part_annex2(ctx, out, err);
    case YC_REFORM_WINDOWS:
        return part_windows(ctx, out, err);
    case YC_REFORM_SHARE:
        return part_share(ctx, out, err);
    case YC_REFORM_UNCOVERED:
        return part_uncovered(ctx, day, out, err);
    case YC_REFORM_STEPS:
        return part_steps(ctx, day, out, err);
    default:
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有这个报表");
    }
}

int
yc_svc_reform_summary(struct yc_ctx *ctx, int32_t day, json_t **out, struct yc_err *err)
{
    json_t *parts = json_object();
    char d[11];
    int rc = 0;

    for (int i = 0; rc == 0 && i < YC_REFORM__MAX; i++) {
        struct yc_report *r;
        rc = yc_svc_reform_part(ctx, (enum yc_reform_part)i, day, &r, err);
        if (rc == 0) {
            json_t *j = yc_report_json(r);
            json_object_set_new(parts, yc_reform_part_names[i],
                                json_pack("{s:s, s:O, s:O}", "title", r->title, "summary",
                                          json_object_get(j, "summary"), "figures",
                                          json_object_get(j, "figures")));
            json_decref(j);
        }
    }
    if (rc) {
        json_decref(parts);
        return rc;
    }
    yc_date_format(day, d);
    *out = json_pack("{s:s, s:o}", "date", d, "parts", parts);
    return 0;
}

int
yc_svc_reform_step_set(struct yc_ctx *ctx, int seq, const char *status, const char *note,
                       json_t **out, struct yc_err *err)
{
    struct yc_reform_step *s;
    struct yc_report *r;
    size_t n;
    int st, found = 0;
    int rc = yc_svc_allow(ctx, YC_OP_REFORM_READ, err);

    /* no operation of its own: reading the dashboard, plus the administrator role */
    if (rc == 0 && !ctx->system && !(ctx->user->roles & YC_ROLE_ADMIN)) {
        rc = yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL, "您的角色无权更新改革实施步骤的进度");
    }
    if (rc == 0) {
        rc = load_steps(ctx, &s, &n, err);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        found |= s[i].seq == seq;
    }
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "没有第 %d 个实施步骤", seq);
    }
    st = rc == 0 ? yc_step_status_by_name(status) : 0;
    if (rc == 0 && st < 0) {
        rc = yc_fail(
            err, YC_EUNPROC, "field_invalid", "status",
            "状态 '%s' 无效，应为 not_started、in_progress、done（或 未开始、进行中、已完成）",
            status);
    }
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = yc_store_step_put(ctx->db, seq, yc_step_status_names[st], note, ctx->now_ms,
                           yc_svc_actor(ctx), err);
    if (rc == 0) {
        rc = yc_svc_audit(ctx, err, "reform.step", yc_arena_printf(ctx->arena, "step-%d", seq),
                          "实施步骤 %d：%s%s%s", seq, yc_step_status_zh[st], *note ? "，" : "",
                          note);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    if (rc == 0) {
        rc = part_steps(ctx, ctx->today, &r, err);
    }
    if (rc == 0) {
        json_t *j = yc_report_json(r);
        json_t *row;
        size_t i;
        *out = NULL;
        json_array_foreach(json_object_get(j, "rows"), i, row)
        {
            if (json_integer_value(json_object_get(row, "seq")) == seq) {
                *out = json_incref(row);
            }
        }
        json_decref(j);
    }
    return rc;
}
