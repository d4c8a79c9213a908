/*
 * perm.c - who may do what: the one table of operations and the roles allowed to perform them,
 * and the audit helper every use case calls.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

#define ANY_STAFF YC_ROLE__ALL

const struct yc_op_info yc_ops[YC_OP__MAX] = {
    [YC_OP_SELF] = {YC_OP_SELF, ANY_STAFF, "查看或修改本人账户"},
    [YC_OP_USER_LIST] = {YC_OP_USER_LIST, YC_ROLE_ADMIN | YC_ROLE_DEPT_HEAD, "查看用户列表"},
    [YC_OP_USER_WRITE] = {YC_OP_USER_WRITE, YC_ROLE_ADMIN, "新增或修改用户"},
    [YC_OP_DEPT_LIST] = {YC_OP_DEPT_LIST, ANY_STAFF, "查看部门"},
    [YC_OP_AUDIT_READ] = {YC_OP_AUDIT_READ, YC_ROLE_ADMIN | YC_ROLE_SUPERVISOR, "查看审计日志"},
    [YC_OP_CAL_READ] = {YC_OP_CAL_READ, ANY_STAFF, "查询工作日"},
    [YC_OP_CAL_IMPORT] = {YC_OP_CAL_IMPORT, YC_ROLE_ADMIN, "导入节假日日历"},
    [YC_OP_ID_CHECK] = {YC_OP_ID_CHECK, ANY_STAFF, "校验证件号码"},
    [YC_OP_PUBLIC] = {YC_OP_PUBLIC, ANY_STAFF, "查看公开信息"},
    [YC_OP_CATALOGUE_READ] = {YC_OP_CATALOGUE_READ, ANY_STAFF, "查看事项目录"},
    [YC_OP_CATALOGUE_WRITE] = {YC_OP_CATALOGUE_WRITE, YC_ROLE_ADMIN, "维护事项目录"},
    [YC_OP_HALL_READ] = {YC_OP_HALL_READ, ANY_STAFF, "查看大厅窗口"},
    [YC_OP_HALL_WRITE] = {YC_OP_HALL_WRITE, YC_ROLE_ADMIN, "维护大厅、区域和窗口"},
    [YC_OP_LETTER_READ] = {YC_OP_LETTER_READ, ANY_STAFF, "查看授权委托书"},
    [YC_OP_LETTER_WRITE] = {YC_OP_LETTER_WRITE, YC_ROLE_ADMIN | YC_ROLE_DEPT_HEAD,
                            "登记或撤销授权委托书"},
    [YC_OP_POST_WRITE] = {YC_OP_POST_WRITE, YC_ROLE_ADMIN | YC_ROLE_DEPT_HEAD, "安排岗位和AB岗"},
    [YC_OP_SEAL_WRITE] = {YC_OP_SEAL_WRITE, YC_ROLE_ADMIN | YC_ROLE_DEPT_HEAD, "登记行政审批专用章"},
    [YC_OP_REFORM_READ] = {YC_OP_REFORM_READ, YC_ROLE_ADMIN | YC_ROLE_SUPERVISOR, "查看改革进展"},
    [YC_OP_QUEUE_ISSUE] = {YC_OP_QUEUE_ISSUE, YC_ROLE_GUIDE | YC_ROLE_FRONT_DESK | YC_ROLE_ADMIN,
                           "代办取号"},
    [YC_OP_QUEUE_CALL] = {YC_OP_QUEUE_CALL, YC_ROLE_FRONT_DESK, "窗口叫号"},
    [YC_OP_QUEUE_TICKETS] = {YC_OP_QUEUE_TICKETS,
                             YC_ROLE_GUIDE | YC_ROLE_FRONT_DESK | YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN,
                             "查看排队号"},
    [YC_OP_QUEUE_BOARD] = {YC_OP_QUEUE_BOARD, YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN, "查看叫号看板和统计"},
    [YC_OP_CASE_ACCEPT] = {YC_OP_CASE_ACCEPT, YC_ROLE_FRONT_DESK, "受理办件"},
    [YC_OP_CASE_WORK] = {YC_OP_CASE_WORK, YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD, "审批办件"},
    [YC_OP_CASE_EXTEND] = {YC_OP_CASE_EXTEND, YC_ROLE_DEPT_HEAD, "批准延长办理期限"},
    [YC_OP_CASE_READ] = {YC_OP_CASE_READ,
                         YC_ROLE_FRONT_DESK | YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD |
                             YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN,
                         "查看办件"},
    [YC_OP_SEAL_LEDGER] = {YC_OP_SEAL_LEDGER,
                           YC_ROLE_DEPT_HEAD | YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN, "查看用印登记簿"},
    [YC_OP_CASE_POLICY] = {YC_OP_CASE_POLICY, YC_ROLE_ADMIN, "设置办件规则"},
    [YC_OP_REPORT_READ] = {YC_OP_REPORT_READ,
                           YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN | YC_ROLE_DEPT_HEAD, "查看统计报表"},
    [YC_OP_SUPERVISE_BOARD] = {YC_OP_SUPERVISE_BOARD, YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN,
                               "查看督查看板"},
    [YC_OP_SUPERVISE_CONFIG] = {YC_OP_SUPERVISE_CONFIG, YC_ROLE_ADMIN, "修改督查和好差评设置"},
    [YC_OP_ORDER_READ] = {YC_OP_ORDER_READ,
                          YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN | YC_ROLE_BACK_OFFICE |
                              YC_ROLE_DEPT_HEAD,
                          "查看督办单"},
    [YC_OP_ORDER_WRITE] = {YC_OP_ORDER_WRITE, YC_ROLE_SUPERVISOR, "下发或办结督办单"},
    [YC_OP_ORDER_REPLY] = {YC_OP_ORDER_REPLY, YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD,
                           "回复督办单"},
    [YC_OP_RATING_READ] = {YC_OP_RATING_READ,
                           YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN | YC_ROLE_BACK_OFFICE |
                               YC_ROLE_DEPT_HEAD,
                           "查看好差评和整改"},
    [YC_OP_RECTIFY] = {YC_OP_RECTIFY,
                       YC_ROLE_SUPERVISOR | YC_ROLE_BACK_OFFICE | YC_ROLE_DEPT_HEAD,
                       "办理差评整改"},
    [YC_OP_APPEAL_FILE] = {YC_OP_APPEAL_FILE, YC_ROLE_DEPT_HEAD, "对差评提出申诉"},
    [YC_OP_APPEAL_DECIDE] = {YC_OP_APPEAL_DECIDE, YC_ROLE_SUPERVISOR, "裁定申诉"},
    [YC_OP_TABLET_ENROL] = {YC_OP_TABLET_ENROL, YC_ROLE_ADMIN | YC_ROLE_SUPERVISOR,
                            "绑定或解除窗口评价平板"},
};

int
yc_svc_allow(const struct yc_ctx *ctx, enum yc_op op, struct yc_err *err)
{
    if (ctx->system || op == YC_OP_PUBLIC) {
        return 0;
    }
    if (!ctx->user) {
        return yc_fail(err, YC_EUNAUTH, "unauthenticated", NULL, "请先登录");
    }
    if ((ctx->user->roles & yc_ops[op].roles) == 0) {
        return yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL, "您的角色无权%s", yc_ops[op].zh);
    }
    return 0;
}

const char *
yc_svc_actor(const struct yc_ctx *ctx)
{
    if (ctx->user) {
        return ctx->user->username;
    }
    return ctx->system ? "system" : "anonymous";
}

int
yc_svc_audit(struct yc_ctx *ctx, struct yc_err *err, const char *action, const char *object,
             const char *summary_fmt, ...)
{
    char summary[1024];
    va_list ap;

    va_start(ap, summary_fmt);
    vsnprintf(summary, sizeof(summary), summary_fmt, ap);
    va_end(ap);
    return yc_store_audit_append(ctx->db, ctx->now_ms, yc_svc_actor(ctx), action, object, summary,
                                 err);
}
