/* handlers.h - every route handler, named h_<resource>_<action> (see routes.c). */
#ifndef YC_HANDLERS_H
#define YC_HANDLERS_H

#include "http/http.h"

int h_health(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_session_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_session_delete(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_me(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_me_password(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_users_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_users_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_users_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_departments(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_audit_page(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_audit_verify(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_workdays_add(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_workdays_between(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_workdays_is(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_calendar_year(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_calendar_import(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_check_id(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_check_uscc(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);


#include "http/h_catalogue.h"
#include "http/h_hall.h"
#include "http/h_queue.h"
#include "http/h_case.h"
#include "http/h_case_docs.h"
#include "http/h_case_rules.h"
#include "http/h_reports.h"
#include "http/h_supervise.h"
#include "http/h_tablet.h"

#endif
