/* roles.c - the table of roles: API names and Chinese titles. */
#include <string.h>

#include "domain/roles.h"
#include "base/banned.h"

const struct yc_role_info yc_roles[] = {
    {YC_ROLE_ADMIN, "admin", "系统管理员"},
    {YC_ROLE_SUPERVISOR, "supervisor", "督查人员"},
    {YC_ROLE_FRONT_DESK, "front_desk", "前台受理"},
    {YC_ROLE_GUIDE, "guide", "咨询导办"},
    {YC_ROLE_BACK_OFFICE, "back_office", "后台审批"},
    {YC_ROLE_DEPT_HEAD, "dept_head", "分管领导"},
};

const size_t yc_roles_count = sizeof(yc_roles) / sizeof(yc_roles[0]);

unsigned
yc_role_by_name(const char *name)
{
    for (size_t i = 0; i < yc_roles_count; i++) {
        if (strcmp(yc_roles[i].name, name) == 0) {
            return yc_roles[i].role;
        }
    }
    return 0;
}
