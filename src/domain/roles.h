/*
 * roles.h - the roles of the centre's staff (DOMAIN.md, "Who uses it") as a bit set.
 */
#ifndef YC_ROLES_H
#define YC_ROLES_H

#include <stddef.h>

enum yc_role {
    YC_ROLE_ADMIN = 1 << 0,       /* 系统管理员 (市数据局) */
    YC_ROLE_SUPERVISOR = 1 << 1,  /* 督查人员 */
    YC_ROLE_FRONT_DESK = 1 << 2,  /* 前台受理 */
    YC_ROLE_GUIDE = 1 << 3,       /* 咨询导办 */
    YC_ROLE_BACK_OFFICE = 1 << 4, /* 后台审批 */
    YC_ROLE_DEPT_HEAD = 1 << 5,   /* 分管领导 */
    YC_ROLE__ALL = (1 << 6) - 1,
};

struct yc_role_info {
    enum yc_role role;
    const char *name; /* stable API name: "front_desk" */
    const char *zh;   /* 前台受理 */
};

extern const struct yc_role_info yc_roles[];
extern const size_t yc_roles_count;

/* The role named `name` (API spelling), or 0. */
unsigned yc_role_by_name(const char *name);

#endif
