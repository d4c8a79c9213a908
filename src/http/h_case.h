/* h_case.h - handlers of cases: acceptance, lists, detail, events, the public status page. */
#ifndef YC_H_CASE_H
#define YC_H_CASE_H

#include "http/http.h"

int h_case_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_cases_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_event(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_public(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_public_withdraw(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
