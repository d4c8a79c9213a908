/*
 * reports_sup.c - the figures of supervision and evaluation in the reports: warnings reached
 * (预警 / 黄牌 / 红牌), supervision orders, ratings by level, bad reviews and their
 * rectification. They come from the supervision tables (issue 6, migration 0007); until those are
 * part of this build the figures are reported as pending (null, listed in "pending_metrics").
 */
#include "svc/reports_int.h"
#include "base/banned.h"

int
yc_report_supervision_figures(struct yc_ctx *ctx, const struct yc_period *p, struct yc_figures *f,
                              struct yc_err *err)
{
    (void)ctx;
    (void)p;
    (void)err;
    f->have_supervision = 0;
    return 0;
}

int
yc_report_trace_supervision(struct yc_ctx *ctx, const struct yc_period *p, int64_t department_id,
                            enum yc_metric m, int limit, int offset, json_t *out,
                            struct yc_err *err)
{
    (void)ctx;
    (void)p;
    (void)department_id;
    (void)limit;
    (void)offset;
    (void)out;
    return yc_fail(err, YC_EUNPROC, "metric_pending", "metric",
                   "指标“%s”的数据来自督办与评价，尚未接入", yc_metrics[m].zh);
}
