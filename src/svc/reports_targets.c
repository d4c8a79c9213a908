/*
 * reports_targets.c - the plan's targets over time (docs/reports.md, "Targets"): per half-month,
 * the share of entered matters at 无差别 windows (≥ 70%, from the catalogue's versions as they
 * stood at the end of the half-month), the windows against the plan's 84 (−40%; the hall keeps no
 * history, so past half-months show the figure stored with their report), and the cases received
 * against Annex 3's 2024 volumes pro-rated to the days; and per hall zone over the whole range.
 * The arithmetic is domain/reform.c's and domain/report_period.c's.
 */
#include <string.h>

#include "base/date.h"
#include "domain/reform.h"
#include "gen/embedded.h"
#include "svc/reports_int.h"
#include "base/banned.h"

#define DAY_MS      86400000LL
#define UTC8_MS     (8LL * 3600 * 1000)
#define ANNEX3_DAYS 366 /* Annex 3's volumes are of 2024, a leap year */

/* The plan's files and numbers, read once per report. */
struct plan {
    struct yc_annex3 annex3;
    int64_t share_target;     /* 70 (percent) */
    int64_t reduction_target; /* 40 (percent) */
};

static int
load_plan(struct yc_ctx *ctx, struct plan *pl, struct yc_err *err)
{
    const struct yc_embedded_file *a3 = yc_embedded_file("annex3-window-plan.csv");
    const struct yc_embedded_file *tg = yc_embedded_file("reform-targets.csv");
    long bad = 0;

    if (!a3 || !tg || yc_annex3_load_plan(&pl->annex3, ctx->arena, a3->data, a3->len, &bad) != 0 ||
        yc_reform_target(tg->data, tg->len, "undifferentiated_share", &pl->share_target) != 0 ||
        yc_reform_target(tg->data, tg->len, "window_reduction", &pl->reduction_target) != 0) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "方案数据文件无法读取（第 %ld 行）",
                       bad);
    }
    return 0;
}

/* The hall's windows now: after_existing (active, not for new entrants) and the reduction. */
static int
windows_now(struct yc_ctx *ctx, struct plan *pl, struct yc_err *err)
{
    struct yc_zone_figures *z;
    size_t n;
    int rc = yc_store_reform_zones(ctx->db, ctx->arena, &z, &n, err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        yc_annex3_set_config(&pl->annex3, ctx->arena, z[i].floor, z[i].zone, z[i].f);
    }
    yc_annex3_finish(&pl->annex3);
    return rc;
}

static const char *
yes_no(int b)
{
    return b ? "是" : "否";
}

/* The share of entered matters at 无差别 windows in the catalogue as it stood at the end of day. */
static int
share_at(struct yc_ctx *ctx, const struct plan *pl, int32_t day, struct yc_share *s,
         struct yc_err *err)
{
    int64_t entered, undiff;
    int rc = yc_store_report_share_at(ctx->db, (int64_t)(day + 1) * DAY_MS - UTC8_MS, &entered,
                                      &undiff, err);

    if (rc == 0) {
        yc_reform_share(entered, undiff, pl->share_target, s);
    }
    return rc;
}

static json_t *
windows_json(const struct plan *pl)
{
    const struct yc_annex3 *t = &pl->annex3;

    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "before", (json_int_t)t->total.windows_before,
                     "plan_after_existing", (json_int_t)t->plan_after_existing, "after_existing",
                     (json_int_t)t->cfg_after_existing, "reduction",
                     (json_int_t)t->cfg_reduction_permille, "target",
                     (json_int_t)pl->reduction_target * 10, "meets",
                     t->cfg_reduction_permille >= pl->reduction_target * 10);
}

int
yc_report_targets_now(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                      struct yc_err *err)
{
    struct plan pl;
    struct yc_share s;
    int32_t day = p->to < ctx->today ? p->to : ctx->today;
    int rc = load_plan(ctx, &pl, err);

    if (rc == 0) {
        rc = windows_now(ctx, &pl, err);
    }
    if (rc == 0) {
        rc = share_at(ctx, &pl, day, &s, err);
    }
    if (rc) {
        return rc;
    }
    *out = json_pack("{s:{s:I, s:I, s:I, s:I, s:b, s:I}, s:o}", "share", "entered",
                     (json_int_t)s.entered, "undifferentiated", (json_int_t)s.undifferentiated,
                     "share", (json_int_t)s.permille, "target", (json_int_t)s.target_pct * 10,
                     "meets", s.meets, "needed", (json_int_t)s.needed, "windows",
                     windows_json(&pl));
    return 0;
}

/* ---- the report ---- */

static const struct yc_report_colspec period_cols[] = {
    {"label", "期间", "text", NULL},
    {"from", "起", "text", NULL},
    {"to", "止", "text", NULL},
    {"entered", "进驻事项", "int", NULL},
    {"undifferentiated", "无差别窗口事项", "int", NULL},
    {"share", "无差别占比", "permille", NULL},
    {"share_met", "占比达标（≥70%）", "text", NULL},
    {"windows", "窗口（不含新进驻）", "int", NULL},
    {"reduction", "窗口减少比例", "permille", NULL},
    {"reduction_met", "减幅达标（≥40%）", "text", NULL},
    {"cases", "收件", "int", NULL},
    {"expected", "2024年同期折算", "int", NULL},
    {"volume_ratio", "收件/折算", "permille", NULL},
};

static const struct yc_report_colspec zone_cols[] = {
    {"zone", "区域", "text", NULL},
    {"cases_2024", "2024年办件量", "int", NULL},
    {"expected", "按期间折算", "int", NULL},
    {"cases", "期间收件", "int", NULL},
    {"ratio", "收件/折算", "permille", NULL},
    {"note", "备注", "text", NULL},
};

#define NCOLS(c) (sizeof(c) / sizeof((c)[0]))

static int64_t
zone_total(const struct yc_report_zone_count *z, size_t n)
{
    int64_t t = 0;

    for (size_t i = 0; i < n; i++) {
        t += z[i].n;
    }
    return t;
}

/* The windows a stored half-monthly report recorded, or NULL. */
static json_t *
stored_windows(const struct yc_report_snapshot *s, size_t n, const char *period)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s[i].period, period) == 0) {
            json_t *body = json_loads(s[i].body, 0, NULL);
            json_t *w = json_incref(json_object_get(json_object_get(body, "targets"), "windows"));
            json_decref(body);
            return w;
        }
    }
    return NULL;
}

static int
period_row(struct yc_ctx *ctx, const struct plan *pl, const struct yc_period *h,
           const struct yc_report_snapshot *snaps, size_t nsnaps, json_t *rows, struct yc_err *err)
{
    struct yc_share s;
    struct yc_report_zone_count *z;
    size_t nz;
    int64_t cases, expected;
    json_t *w, *row;
    char f[11], t[11];
    int rc = share_at(ctx, pl, h->to < ctx->today ? h->to : ctx->today, &s, err);

    if (rc == 0) {
        rc = yc_store_report_zone_sum(ctx->db, ctx->arena, h->from, h->to, &z, &nz, err);
    }
    if (rc) {
        return rc;
    }
    cases = zone_total(z, nz);
    expected = yc_report_prorate(pl->annex3.total.cases_2024, yc_period_days(h), ANNEX3_DAYS);
    w = stored_windows(snaps, nsnaps, h->id);
    if (!w && h->from <= ctx->today && ctx->today <= h->to) {
        w = windows_json(pl);
    }
    yc_date_format(h->from, f);
    yc_date_format(h->to, t);
    row = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:s, s:I, s:I, s:o}", "period", h->id,
                    "label", yc_period_label(ctx->arena, h), "from", f, "to", t, "entered",
                    (json_int_t)s.entered, "undifferentiated", (json_int_t)s.undifferentiated,
                    "share", yc_report_permille_json(s.undifferentiated, s.entered), "share_met",
                    s.entered ? yes_no(s.meets) : "—", "cases",
                    (json_int_t)cases, "expected", (json_int_t)expected, "volume_ratio",
                    yc_report_permille_json(cases, expected));
    json_object_set(row, "windows", w ? json_object_get(w, "after_existing") : json_null());
    json_object_set(row, "reduction", w ? json_object_get(w, "reduction") : json_null());
    json_object_set_new(row, "reduction_met",
                        json_string(!w ? "—" : yes_no(json_is_true(json_object_get(w, "meets")))));
    json_decref(w);
    json_array_append_new(rows, row);
    return 0;
}

static json_t *
zone_rows(struct yc_ctx *ctx, const struct plan *pl, const struct yc_period *p,
          const struct yc_report_zone_count *z, size_t nz, json_t **total)
{
    const struct yc_annex3 *a3 = &pl->annex3;
    json_t *rows = json_array();
    char *used = yc_arena_alloc(ctx->arena, nz + 1);
    int64_t days = yc_period_days(p), all = 0;

    memset(used, 0, nz + 1);
    for (size_t i = 0; i < a3->n; i++) {
        const struct yc_annex3_zone *x = &a3->zones[i];
        int64_t n = 0, expected = yc_report_prorate(x->cases_2024, (int32_t)days, ANNEX3_DAYS);
        if (!x->in_plan) {
            continue;
        }
        for (size_t j = 0; j < nz; j++) {
            if (z[j].zone_id && strcmp(z[j].zone, x->zone) == 0) {
                n += z[j].n;
                used[j] = 1;
            }
        }
        all += n;
        json_array_append_new(rows, json_pack("{s:s, s:I, s:I, s:I, s:o, s:s}", "zone", x->zone,
                                              "cases_2024", (json_int_t)x->cases_2024, "expected",
                                              (json_int_t)expected, "cases", (json_int_t)n, "ratio",
                                              yc_report_permille_json(n, expected), "note", ""));
    }
    for (size_t j = 0; j < nz; j++) {
        if (!used[j]) {
            all += z[j].n;
            json_array_append_new(
                rows, json_pack("{s:s, s:i, s:i, s:I, s:n, s:s}", "zone",
                                z[j].zone_id ? z[j].zone : "未分区", "cases_2024", 0, "expected", 0,
                                "cases", (json_int_t)z[j].n, "ratio", "note",
                                z[j].zone_id ? "附件3未列出的区域" : "受理人未排班、事项无对应窗口"));
        }
    }
    {
        int64_t expected =
            yc_report_prorate(a3->total.cases_2024, (int32_t)days, ANNEX3_DAYS);
        *total = json_pack("{s:s, s:I, s:I, s:I, s:o, s:s}", "zone", "合计", "cases_2024",
                           (json_int_t)a3->total.cases_2024, "expected", (json_int_t)expected,
                           "cases", (json_int_t)all, "ratio",
                           yc_report_permille_json(all, expected), "note", "");
    }
    return rows;
}

static json_t *
targets_summary(struct yc_ctx *ctx, const struct plan *pl, const struct yc_share *s,
                const json_t *zone_total_row)
{
    struct yc_arena *a = ctx->arena;
    const struct yc_annex3 *t = &pl->annex3;
    json_t *out = json_array();
    char share[32], red[32], ratio[32] = "—";
    json_t *r = json_object_get(zone_total_row, "ratio");

    yc_reform_permille_text(s->permille, share);
    yc_reform_permille_text(t->cfg_reduction_permille, red);
    if (json_is_integer(r)) {
        yc_reform_permille_text(json_integer_value(r), ratio);
    }
    json_array_append_new(
        out, json_string(yc_arena_printf(
                 a, "进驻事项 %lld 项，其中无差别综合窗口受理 %lld 项，占 %s（目标不低于 %lld%%），%s。",
                 (long long)s->entered, (long long)s->undifferentiated, share,
                 (long long)s->target_pct,
                 s->meets ? "已达标"
                          : yc_arena_printf(a, "未达标，还需纳入 %lld 项", (long long)s->needed))));
    json_array_append_new(
        out, json_string(yc_arena_printf(
                 a, "在用窗口 %lld 个（不含新进驻单位窗口），较改革前 %lld 个减少 %s（目标不低于 %lld%%），%s。",
                 (long long)t->cfg_after_existing, (long long)t->total.windows_before, red,
                 (long long)pl->reduction_target,
                 t->cfg_reduction_permille >= pl->reduction_target * 10 ? "已达标" : "未达标")));
    json_array_append_new(
        out, json_string(yc_arena_printf(
                 a, "期间收件 %lld 件，为附件3 2024年办件量按期间天数折算（%lld 件）的 %s。",
                 (long long)json_integer_value(json_object_get(zone_total_row, "cases")),
                 (long long)json_integer_value(json_object_get(zone_total_row, "expected")),
                 ratio)));
    return out;
}

int
yc_svc_report_targets(struct yc_ctx *ctx, const struct yc_period *p, json_t **out,
                      struct yc_err *err)
{
    struct plan pl;
    struct yc_period h;
    struct yc_report_snapshot *snaps = NULL;
    struct yc_report_zone_count *z;
    struct yc_share s;
    size_t nsnaps = 0, nz;
    int64_t left = 0;
    json_t *rows = json_array(), *zrows, *ztotal = NULL;
    char d[11];
    int rc = yc_svc_allow(ctx, YC_OP_REPORT_READ, err);

    if (rc == 0) {
        rc = yc_svc_report_fold(ctx, YC_REPORT_DRAIN_MAX, &left, err);
    }
    if (rc == 0) {
        rc = load_plan(ctx, &pl, err);
    }
    if (rc == 0) {
        rc = windows_now(ctx, &pl, err);
    }
    if (rc == 0) {
        rc = yc_store_report_snapshot_range(ctx->db, ctx->arena, "half_monthly", p->from - 31,
                                            p->to + 31, &snaps, &nsnaps, err);
    }
    yc_period_half_of(p->from, &h);
    for (; rc == 0 && h.from <= p->to && h.from <= ctx->today; yc_period_next_half(&h, &h)) {
        rc = period_row(ctx, &pl, &h, snaps, nsnaps, rows, err);
    }
    if (rc == 0) {
        rc = share_at(ctx, &pl, p->to < ctx->today ? p->to : ctx->today, &s, err);
    }
    if (rc == 0) {
        rc = yc_store_report_zone_sum(ctx->db, ctx->arena, p->from, p->to, &z, &nz, err);
    }
    if (rc) {
        json_decref(rows);
        return rc;
    }
    zrows = zone_rows(ctx, &pl, p, z, nz, &ztotal);
    yc_date_format(p->to < ctx->today ? p->to : ctx->today, d);
    *out = json_pack(
        "{s:s, s:s, s:o, s:s, s:b, s:I, s:{s:I, s:I, s:i}, s:o, s:o, s:[o, o]}", "report",
        "targets", "title", "“一窗受理”改革目标进展", "period",
        yc_report_period_json(ctx->arena, p, -1), "as_of", d, "final", p->to < ctx->today,
        "pending_events", (json_int_t)left, "plan", "undifferentiated_share",
        (json_int_t)pl.share_target, "window_reduction", (json_int_t)pl.reduction_target,
        "annex3_days", ANNEX3_DAYS, "summary", targets_summary(ctx, &pl, &s, ztotal), "now",
        json_pack("{s:{s:I, s:I, s:I, s:I, s:b, s:I}, s:o}", "share", "entered",
                  (json_int_t)s.entered, "undifferentiated", (json_int_t)s.undifferentiated,
                  "share", (json_int_t)s.permille, "target", (json_int_t)s.target_pct * 10,
                  "meets", s.meets, "needed", (json_int_t)s.needed, "windows",
                  windows_json(&pl)),
        "tables",
        yc_report_table_json("periods", "各半月目标进展", period_cols, NCOLS(period_cols), rows,
                             NULL),
        yc_report_table_json("zones", "各区域收件与附件3 2024年办件量（按天数折算）", zone_cols,
                             NCOLS(zone_cols), zrows, ztotal));
    return 0;
}
