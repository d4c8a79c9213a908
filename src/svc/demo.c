/*
 * demo.c - demo data for a fresh centre: the 42 departments of the plan's Annex 2 (plus 市数据局,
 * which runs the centre) and one demo account for every role, with realistic names. Later parts
 * (catalogue, hall, cases) add to it. Loading is idempotent: nothing is written twice.
 */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/mem.h"
#include "domain/roles.h"
#include "gen/embedded.h"
#include "svc/svc.h"
#include "base/banned.h"

#define DEMO_PASSWORD "yichuang2025"

const struct yc_demo_login yc_demo_logins[] = {
    {"admin", DEMO_PASSWORD, "系统管理员", "王建国"},
    {"duban", DEMO_PASSWORD, "督查人员", "李明华"},
    {"qiantai", DEMO_PASSWORD, "前台受理", "张晓燕"},
    {"daoban", DEMO_PASSWORD, "咨询导办", "刘芳"},
    {"shenpi", DEMO_PASSWORD, "后台审批", "陈志强"},
    {"fenguan", DEMO_PASSWORD, "分管领导", "赵国庆"},
};
const size_t yc_demo_logins_count = sizeof(yc_demo_logins) / sizeof(yc_demo_logins[0]);

static const struct {
    const char *username;
    unsigned roles;
    const char *dept;
} demo_users[] = {
    {"admin", YC_ROLE_ADMIN, "市数据局"},
    {"duban", YC_ROLE_SUPERVISOR, "市数据局"},
    {"qiantai", YC_ROLE_FRONT_DESK, "市数据局"},
    {"daoban", YC_ROLE_GUIDE, "市数据局"},
    {"shenpi", YC_ROLE_BACK_OFFICE, "市交通运输局"},
    {"fenguan", YC_ROLE_DEPT_HEAD, "市交通运输局"},
};

static int
add_dept(struct yc_ctx *ctx, const char *name, int seq, int *created, struct yc_err *err)
{
    struct yc_dept d = {0, name, "", ""};
    int64_t id;
    int found = 0;
    int rc = yc_store_dept_by_name(ctx->db, name, &id, &found, err);

    if (rc || found) {
        return rc;
    }
    *created = 1;
    return yc_store_dept_insert(ctx->db, &d, seq, &id, err);
}

static int
load_departments(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    const struct yc_embedded_file *f = yc_embedded_file("annex2-matters-by-department.csv");
    struct yc_csv r;
    struct yc_csv_row row;
    int seq = 0;
    int rc;

    if (!f) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "程序中缺少附件2数据");
    }
    rc = add_dept(ctx, "市数据局", seq++, created, err);
    yc_csv_init(&r, f->data, f->len);
    while (rc == 0 && (rc = yc_csv_next_row(&r, &row)) > 0) {
        char name[256];
        if (row.line == 1 || row.nfields < 2 || row.fields[1].len >= sizeof(name)) {
            rc = 0;
            continue;
        }
        memcpy(name, row.fields[1].ptr, row.fields[1].len);
        name[row.fields[1].len] = '\0';
        rc = add_dept(ctx, name, seq++, created, err);
    }
    if (rc < 0 && err->status == 0) {
        rc = yc_fail(err, YC_EINTERNAL, "internal", NULL, "附件2数据无法读取：%s",
                     yc_csv_strerror(rc));
    }
    yc_csv_release(&r);
    return rc < 0 ? rc : 0;
}

static int
load_users(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    for (size_t i = 0; i < yc_demo_logins_count; i++) {
        struct yc_user u = {0};
        int found = 0;
        int rc = yc_store_user_by_name(ctx->db, ctx->arena, demo_users[i].username, &u, &found,
                                       err);
        if (rc) {
            return rc;
        }
        if (found) {
            continue;
        }
        rc = yc_store_dept_by_name(ctx->db, demo_users[i].dept, &u.department_id, &found, err);
        if (rc == 0) {
            rc = yc_svc_password_hash(ctx->arena, yc_demo_logins[i].password, &u.password_hash,
                                      err);
        }
        if (rc) {
            return rc;
        }
        u.username = demo_users[i].username;
        u.name = yc_demo_logins[i].name;
        u.roles = demo_users[i].roles;
        rc = yc_store_user_insert(ctx->db, &u, ctx->now_ms, &u.id, err);
        if (rc == 0) {
            rc = yc_svc_audit(ctx, err, "user.create", u.username, "演示数据：新增用户 %s（%s，%s）",
                              u.username, u.name, yc_demo_logins[i].role_zh);
        }
        if (rc) {
            return rc;
        }
        *created = 1;
    }
    return 0;
}

int
yc_svc_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    int rc = yc_svc_cal_seed(ctx, err);

    *created = 0;
    if (rc) {
        return rc;
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc) {
        return rc;
    }
    rc = load_departments(ctx, created, err);
    if (rc == 0) {
        rc = load_users(ctx, created, err);
    }
    if (rc == 0) {
        rc = yc_svc_catalogue_demo_load(ctx, created, err);
    }
    /* the hall after the catalogue: its delegation letters list the catalogue's matters */
    if (rc == 0) {
        rc = yc_svc_hall_demo_load(ctx, created, err);
    }
    if (rc == 0) {
        rc = yc_svc_queue_demo_load(ctx, created, err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    /* cases through the real use cases, each its own transaction: the history first
     * (demo_history.c), then the board's showcase (supervise_demo.c) */
    if (rc == 0) {
        rc = yc_svc_demo_history_load(ctx, created, err);
    }
    if (rc == 0) {
        rc = yc_svc_supervise_demo_load(ctx, created, err);
    }
    return rc;
}
