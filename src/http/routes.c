/*
 * routes.c - the route table: method(s), path pattern, handler, flags, body limit.
 * Access rules are not here: every handler's use case checks them in svc/ (perm.c).
 */
#include "http/handlers.h"
#include "http/http.h"
#include "base/banned.h"

const struct yc_route yc_routes[] = {
    {YC_GET, "/api/health", h_health, YC_R_PUBLIC, 0},
    {YC_GET, "/metrics", h_metrics, YC_R_PUBLIC, 0},
    {YC_POST, "/api/session", h_session_create, YC_R_PUBLIC, 4096},
    {YC_DELETE, "/api/session", h_session_delete, 0, 0},
    {YC_GET, "/api/me", h_me, 0, 0},
    {YC_POST, "/api/me/password", h_me_password, 0, 4096},
    {YC_GET, "/api/users", h_users_list, 0, 0},
    {YC_POST, "/api/users", h_users_create, 0, 0},
    {YC_PATCH, "/api/users/{}", h_users_update, 0, 0},
    {YC_GET, "/api/departments", h_departments, 0, 0},
    {YC_GET, "/api/audit", h_audit_page, 0, 0},
    {YC_GET, "/api/audit/verify", h_audit_verify, 0, 0},
    {YC_GET, "/api/workdays/add", h_workdays_add, 0, 0},
    {YC_GET, "/api/workdays/between", h_workdays_between, 0, 0},
    {YC_GET, "/api/workdays/is", h_workdays_is, 0, 0},
    {YC_GET, "/api/calendar", h_calendar_year, 0, 0},
    {YC_POST, "/api/calendar/import", h_calendar_import, YC_R_RAW, 1u << 20},
    {YC_POST, "/api/check/id", h_check_id, 0, 0},
    {YC_POST, "/api/check/uscc", h_check_uscc, 0, 0},
#include "http/routes_catalogue.inc"
#include "http/routes_hall.inc"
#include "http/routes_queue.inc"
#include "http/routes_case.inc"
#include "http/routes_case_docs.inc"
#include "http/routes_reports.inc"
#include "http/routes_supervise.inc"
#include "http/routes_tablet.inc"
};

const size_t yc_routes_count = sizeof(yc_routes) / sizeof(yc_routes[0]);
