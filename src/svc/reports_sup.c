/*
 * reports_sup.c - the figures of supervision and evaluation in the reports (issue 6, migration
 * 0007): warnings reached (预警 / 黄牌 / 红牌) from case_warnings, supervision orders issued,
 * ratings by level (accept and result stages; those whose appeal was upheld are left out) - all
 * three folded into report_daily beside the case figures - and bad reviews with their
 * rectification, counted from rectifications as of the report's day. Each figure's trace reads the
 * rows of its own table (docs/reports.md).
 */
#include <string.h>

#include "svc/reports_int.h"
#include "base/banned.h"

static size_t
dept_index(const struct yc_figures *f, int64_t id)
{
    for (size_t i = 0; i < f->n; i++) {
        if (f->depts[i].id == id) {
            return i;
        }
    }
    return f->n;
}

int
yc_report_supervision_figures(struct yc_ctx *ctx, const struct yc_period *p, struct yc_figures *f,
                              struct yc_err *err)
{
    struct yc_report_rectify *r;
    size_t n;
    int rc = yc_store_report_rectify_sum(ctx->db, ctx->arena, p->from, p->to, ctx->today, &r, &n,
                                         err);

    for (size_t i = 0; rc == 0 && i < n; i++) {
        size_t d = dept_index(f, r[i].department_id);
        if (d < f->n) {
            f->v[d][YC_M_BAD] = r[i].bad;
            f->v[d][YC_M_RECTIFIED] = r[i].rectified;
            f->v[d][YC_M_UNRECTIFIED] = r[i].unrectified;
        }
    }
    f->have_supervision = 1;
    return rc;
}

int
yc_report_trace_supervision(struct yc_ctx *ctx, const struct yc_period *p, int64_t department_id,
                            enum yc_metric m, int limit, int offset, json_t *out,
                            struct yc_err *err)
{
    enum yc_report_trace_source src = YC_TRACE_WARNINGS;
    struct yc_report_trace_row *t;
    const char *what = yc_metrics[m].key, *extra1 = NULL, *extra2 = NULL;
    json_t *cases = json_array();
    size_t n = 0;
    int64_t total = 0;
    int level = 0;
    int rc;

    switch (m) {
    case YC_M_WARN:
    case YC_M_YELLOW:
    case YC_M_RED:
        extra1 = "level";
        break;
    case YC_M_ORDERS:
        src = YC_TRACE_ORDERS;
        extra1 = "order";
        extra2 = "order_state";
        break;
    case YC_M_BAD:
    case YC_M_RECTIFIED:
    case YC_M_UNRECTIFIED:
        src = YC_TRACE_RECTIFY;
        extra1 = "rectification_state";
        extra2 = "fix_due";
        break;
    default:
        src = YC_TRACE_RATINGS;
        level = 1 + (int)(m - YC_M_RATING_1);
        extra1 = "stage";
        extra2 = "channel";
        break;
    }
    rc = yc_store_report_trace_supervision(ctx->db, ctx->arena, src, department_id, what, level,
                                           p->from, p->to, ctx->today, limit, offset, &t, &n,
                                           &total, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        json_t *c = yc_report_trace_case_json(&t[i]);
        json_object_set_new(c, extra1, json_string(t[i].extra1));
        if (extra2) {
            json_object_set_new(c, extra2, json_string(t[i].extra2));
        }
        json_array_append_new(cases, c);
    }
    json_object_set_new(out, "count", json_integer(total));
    json_object_set_new(out, "cases", cases);
    return rc;
}
