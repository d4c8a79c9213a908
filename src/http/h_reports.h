/* h_reports.h - handlers of the supervision reports: the half-monthly report, the scorecard, the
 * targets, and the cases behind a figure; each as JSON, XLSX or PDF (docs/reports.md). */
#ifndef YC_H_REPORTS_H
#define YC_H_REPORTS_H

#include "http/http.h"

int h_report_half_monthly(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_report_scorecard(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_report_targets(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_report_half_monthly_cases(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_report_scorecard_cases(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
