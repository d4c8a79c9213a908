/*
 * hall_demo.c - demo data of the hall: the hall of Annex 3 (floors 1-3, its zones, the 63 windows
 * after the reform with each unit's windows and the 15 for new entrants), front-desk and
 * back-office demo staff with their window posts and AB posts (data/demo-hall-staff.csv,
 * data/demo-hall-posts.csv), delegation letters covering most but not all comprehensive-window
 * matters of several departments (data/demo-hall-letters.csv), an approval seal for every
 * department, and the progress of the eight implementation steps.
 *
 * Runs inside yc_svc_demo_load's transaction, after the catalogue (letters list its matters).
 * Idempotent: each part is written only when missing.
 */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/date.h"
#include "domain/roles.h"
#include "gen/embedded.h"
#include "svc/svc.h"
#include "base/banned.h"

#define DEMO_PASSWORD "yichuang2025"

/* ---- a small CSV file as rows of strings ---- */

struct sheet {
    const char *name;
    char **head;
    size_t ncols;
    char ***rows;
    size_t nrows;
};

static int
sheet_load(struct yc_ctx *ctx, const char *name, struct sheet *s, struct yc_err *err)
{
    const struct yc_embedded_file *f = yc_embedded_file(name);
    struct yc_csv r;
    struct yc_csv_row row;
    size_t cap = 256;
    int rc = 0;

    memset(s, 0, sizeof(*s));
    row.line = 0;
    s->name = name;
    if (!f) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "程序中缺少演示数据 %s", name);
    }
    s->rows = yc_arena_alloc(ctx->arena, cap * sizeof(*s->rows));
    yc_csv_init(&r, f->data, f->len);
    while ((rc = yc_csv_next_row(&r, &row)) > 0) {
        char **cells = yc_arena_alloc(ctx->arena, row.nfields * sizeof(*cells));
        for (size_t i = 0; i < row.nfields; i++) {
            cells[i] = yc_arena_strndup(ctx->arena, row.fields[i].ptr, row.fields[i].len);
        }
        if (!s->head) {
            s->head = cells;
            s->ncols = row.nfields;
            continue;
        }
        if (row.nfields != s->ncols || s->nrows == cap) {
            rc = -1;
            break;
        }
        s->rows[s->nrows++] = cells;
    }
    yc_csv_release(&r);
    if (rc < 0) {
        return yc_fail(err, YC_EINTERNAL, "demo_data_invalid", NULL, "演示数据 %s 第 %ld 行有误",
                       name, r.err_line ? r.err_line : row.line);
    }
    return 0;
}

static const char *
cell(const struct sheet *s, size_t row, const char *col)
{
    for (size_t i = 0; i < s->ncols; i++) {
        if (strcmp(s->head[i], col) == 0) {
            return s->rows[row][i];
        }
    }
    return "";
}

static int64_t
num(const struct sheet *s, size_t row, const char *col)
{
    int64_t v = 0;
    const char *c = cell(s, row, col);

    for (; *c >= '0' && *c <= '9'; c++) {
        v = v * 10 + (*c - '0');
    }
    return v;
}

static int
dept_id(struct yc_ctx *ctx, const char *name, int64_t *id, struct yc_err *err)
{
    int found = 0;
    int rc = yc_store_dept_by_name(ctx->db, name, id, &found, err);

    if (rc == 0 && !found) {
        *id = 0;
    }
    return rc;
}

static int
user_id(struct yc_ctx *ctx, const char *username, int64_t *id, struct yc_err *err)
{
    struct yc_user u;
    int found = 0;
    int rc = yc_store_user_by_name(ctx->db, ctx->arena, username, &u, &found, err);

    *id = found ? u.id : 0;
    if (rc == 0 && !found) {
        rc = yc_fail(err, YC_EINTERNAL, "demo_data_invalid", NULL, "演示数据引用了不存在的用户 %s",
                     username);
    }
    return rc;
}

/* ---- the hall of Annex 3 ---- */

static const struct {
    int number;
    const char *name;
} floors[] = {{1, "一楼 综合受理大厅"}, {2, "二楼 专业服务大厅"}, {3, "三楼 企业服务专厅"}};

static const struct {
    const char *zone;
    const char *kind;
    const char *prefix;
} zones[] = {
    {"无差别综合窗口", "undifferentiated", "A"},
    {"社会保障综合窗口", "domain", "B"},
    {"税务综窗", "domain", "C"},
    {"公积金综窗", "domain", "D"},
    {"不动产综窗", "domain", "E"},
    {"便民服务窗口", "convenience", "F"},
    {"公安业务综窗", "domain", "G"},
    {"企业服务专厅", "enterprise", "H"},
};

/* Annex 3 names units as people say them; the catalogue's departments are Annex 2's. */
static const struct {
    const char *unit;
    const char *dept;
} unit_depts[] = {
    {"市医保中心", "市医疗保障局"},
    {"市社保中心", "市人力资源和社会保障局"},
    {"市工伤失业保险中心", "市人力资源和社会保障局"},
    {"市就业服务中心", "市人力资源和社会保障局"},
    {"市税务局", "国家税务总局邵阳市税务局"},
    {"市公积金中心", "市住房公积金中心"},
    {"市不动产登记中心", "市不动产登记中心"},
    {"燃气公司", "市燃气公司"},
    {"电力公司", "国网邵阳供电分公司"},
    {"自来水公司", "市自来水公司"},
    {"市公安局人口和出入境支队", "市公安局"},
    {"市车辆管理所", "市公安局"},
};

static const char *
unit_dept(const char *unit)
{
    for (size_t i = 0; i < sizeof(unit_depts) / sizeof(unit_depts[0]); i++) {
        if (strcmp(unit, unit_depts[i].unit) == 0) {
            return unit_depts[i].dept;
        }
    }
    return NULL;
}

/* One window numbered prefix + two digits, serving its own zone's tickets. */
static int
add_window(struct yc_ctx *ctx, const struct yc_zone *z, int seq, const char *unit, const char *kind,
           int new_entrant, struct yc_err *err)
{
    struct yc_window w = {0};
    int64_t zid = z->id;
    int rc = 0;

    w.number = yc_arena_printf(ctx->arena, "%s%02d", z->prefix, seq);
    w.zone_id = z->id;
    w.window_class = kind;
    w.unit = unit;
    w.new_entrant = new_entrant;
    w.active = 1;
    if (unit_dept(unit)) {
        rc = dept_id(ctx, unit_dept(unit), &w.department_id, err);
    }
    if (rc == 0) {
        rc = yc_store_window_insert(ctx->db, &w, &w.id, err);
    }
    if (rc == 0) {
        rc = yc_store_window_serves_set(ctx->db, w.id, NULL, 0, &zid, 1, err);
    }
    return rc;
}

/* The windows of one zone: each unit's own, or the zone's shared ones when no unit has any. */
static int
zone_windows(struct yc_ctx *ctx, const struct sheet *a3, const struct yc_zone *z, const char *kind,
             int *count, struct yc_err *err)
{
    int seq = 0, shared = 1, rc = 0;

    for (size_t r = 0; r < a3->nrows; r++) {
        if (strcmp(cell(a3, r, "zone"), z->name) == 0 && *cell(a3, r, "unit_windows_after")) {
            shared = 0;
        }
    }
    for (size_t r = 0; rc == 0 && r < a3->nrows; r++) {
        if (strcmp(cell(a3, r, "zone"), z->name) != 0) {
            continue;
        }
        if (shared) {
            for (int i = 0; rc == 0 && i < (int)num(a3, r, "zone_windows_after"); i++) {
                rc = add_window(ctx, z, ++seq, "", kind, 0, err);
            }
            break;
        }
        for (int i = 0; rc == 0 && i < (int)num(a3, r, "unit_windows_after"); i++) {
            rc = add_window(ctx, z, ++seq, cell(a3, r, "unit"), kind,
                            num(a3, r, "new_entrant") != 0, err);
        }
    }
    *count += seq;
    return rc;
}

static int
load_hall(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct sheet a3;
    int64_t n = 0, floor_ids[3];
    int windows = 0;
    int rc = yc_store_floor_count(ctx->db, &n, err);

    if (rc || n > 0) {
        return rc;
    }
    rc = sheet_load(ctx, "annex3-window-plan.csv", &a3, err);
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        rc = yc_store_floor_insert(ctx->db, floors[i].number, floors[i].name, &floor_ids[i], err);
    }
    for (size_t i = 0; rc == 0 && i < sizeof(zones) / sizeof(zones[0]); i++) {
        struct yc_zone z = {0};
        for (size_t r = 0; r < a3.nrows; r++) {
            if (strcmp(cell(&a3, r, "zone"), zones[i].zone) == 0) {
                z.floor_id = floor_ids[num(&a3, r, "floor") - 1];
            }
        }
        z.name = zones[i].zone;
        z.kind = zones[i].kind;
        z.prefix = zones[i].prefix;
        z.seq = (int)i;
        rc = yc_store_zone_insert(ctx->db, &z, &z.id, err);
        if (rc == 0) {
            rc = zone_windows(ctx, &a3, &z, zones[i].kind, &windows, err);
        }
    }
    if (rc == 0) {
        *created = 1;
        rc = yc_svc_audit(ctx, err, "hall.demo", "hall",
                          "演示数据：大厅 3 层，%zu 个区域，%d 个窗口（附件3）",
                          sizeof(zones) / sizeof(zones[0]), windows);
    }
    return rc;
}

/* ---- staff, window posts, back-office posts ---- */

static unsigned
roles_of(const char *s)
{
    unsigned r = 0;
    char buf[64];
    char *p = buf;

    snprintf(buf, sizeof(buf), "%s", s);
    while (p && *p) {
        char *semi = strchr(p, ';');
        if (semi) {
            *semi = '\0';
        }
        r |= yc_role_by_name(p);
        p = semi ? semi + 1 : NULL;
    }
    return r;
}

static int
load_staff(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct sheet s;
    const char *hash = NULL;
    int rc = sheet_load(ctx, "demo-hall-staff.csv", &s, err);

    for (size_t i = 0; rc == 0 && i < s.nrows; i++) {
        struct yc_user u = {0};
        int found = 0;
        rc = yc_store_user_by_name(ctx->db, ctx->arena, cell(&s, i, "username"), &u, &found, err);
        if (rc || found) {
            continue;
        }
        /* one Argon2id hash for every demo account: they share the demo password */
        if (!hash) {
            rc = yc_svc_password_hash(ctx->arena, DEMO_PASSWORD, &hash, err);
        }
        if (rc == 0) {
            rc = dept_id(ctx, cell(&s, i, "department"), &u.department_id, err);
        }
        u.username = cell(&s, i, "username");
        u.name = cell(&s, i, "name");
        u.roles = roles_of(cell(&s, i, "roles"));
        u.password_hash = hash;
        if (rc == 0) {
            rc = yc_store_user_insert(ctx->db, &u, ctx->now_ms, &u.id, err);
        }
        if (rc == 0) {
            rc =
                yc_svc_audit(ctx, err, "user.create", u.username, "演示数据：新增用户 %s（%s，%s）",
                             u.username, u.name, cell(&s, i, "department"));
            *created = 1;
        }
    }
    return rc;
}

/* Standing window posts, where the window exists and has nobody yet. */
static int
load_duty(struct yc_ctx *ctx, struct yc_err *err)
{
    struct sheet s;
    struct yc_window *w;
    struct yc_duty *d;
    size_t nw, nd;
    int rc = sheet_load(ctx, "demo-hall-staff.csv", &s, err);

    if (rc == 0) {
        rc = yc_store_window_list(ctx->db, ctx->arena, &w, &nw, err);
    }
    if (rc == 0) {
        rc = yc_store_duty_for_day(ctx->db, ctx->arena, YC_NO_DAY, &d, &nd, err);
    }
    if (rc || nd > 0) {
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < s.nrows; i++) {
        int64_t uid;
        for (size_t k = 0; k < nw; k++) {
            if (strcmp(w[k].number, cell(&s, i, "window")) == 0) {
                rc = user_id(ctx, cell(&s, i, "username"), &uid, err);
                if (rc == 0) {
                    rc = yc_store_duty_put(ctx->db, w[k].id, uid, YC_NO_DAY, err);
                }
            }
        }
    }
    return rc;
}

static int
load_posts(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct sheet s;
    struct yc_zone *z;
    size_t nz;
    int added = 0;
    int rc = sheet_load(ctx, "demo-hall-posts.csv", &s, err);

    if (rc == 0) {
        rc = yc_store_zone_list(ctx->db, ctx->arena, &z, &nz, err);
    }
    for (size_t i = 0; rc == 0 && i < s.nrows; i++) {
        struct yc_post p = {0};
        int found = 0;
        int64_t id;
        rc = dept_id(ctx, cell(&s, i, "department"), &p.department_id, err);
        if (rc == 0 && p.department_id) {
            rc = yc_store_post_by_name(ctx->db, p.department_id, cell(&s, i, "post"), &id, &found,
                                       err);
        }
        if (rc || found || !p.department_id) {
            continue;
        }
        for (size_t k = 0; k < nz; k++) {
            p.zone_id = strcmp(z[k].name, cell(&s, i, "zone")) == 0 ? z[k].id : p.zone_id;
        }
        p.name = cell(&s, i, "post");
        p.resident = (int)num(&s, i, "resident");
        rc = user_id(ctx, cell(&s, i, "a"), &p.a_user_id, err);
        if (rc == 0) {
            rc = user_id(ctx, cell(&s, i, "b"), &p.b_user_id, err);
        }
        if (rc == 0) {
            rc = yc_store_post_insert(ctx->db, &p, ctx->now_ms, &p.id, err);
            added++;
        }
    }
    if (rc == 0 && added) {
        *created = 1;
        rc = yc_svc_audit(ctx, err, "post.create", "demo-hall-posts",
                          "演示数据：新增后台 AB 岗 %d 个", added);
    }
    return rc;
}

/* A past leave of one A, with the hand-over of their post to B. */
static int
load_leave(struct yc_ctx *ctx, struct yc_err *err)
{
    struct yc_leave l = {0}, *all;
    struct yc_post *p;
    size_t n, np;
    int rc = user_id(ctx, "zhoujianping", &l.user_id, err);

    if (rc == 0) {
        rc = yc_store_leave_list(ctx->db, ctx->arena, l.user_id, &all, &n, err);
    }
    if (rc || n > 0) {
        return rc;
    }
    l.from_day = yc_date_from_ymd(2025, 9, 22);
    l.to_day = yc_date_from_ymd(2025, 9, 26);
    l.reason = "年休假";
    rc = yc_store_leave_insert(ctx->db, &l, ctx->now_ms, "system", &l.id, err);
    if (rc == 0) {
        rc = yc_store_posts_of_a(ctx->db, ctx->arena, l.user_id, &p, &np, err);
    }
    for (size_t i = 0; rc == 0 && i < np; i++) {
        struct yc_handover h = {0};
        h.post_id = p[i].id;
        h.from_user_id = p[i].a_user_id;
        h.to_user_id = p[i].b_user_id;
        h.kind = "leave";
        h.from_day = l.from_day;
        h.to_day = l.to_day;
        h.reason = l.reason;
        rc = yc_svc_handover_record(ctx, &h, err);
    }
    return rc;
}

/* ---- letters ---- */

static unsigned
authorities_of(const char *s)
{
    return (strstr(s, "受理") ? YC_AUTH_ACCEPT : 0) | (strstr(s, "初审") ? YC_AUTH_PREVIEW : 0);
}

static int
day_cell(const struct sheet *s, size_t row, const char *col, int32_t *out)
{
    const char *c = cell(s, row, col);

    *out = YC_NO_DAY;
    return *c ? yc_date_parse(c, strlen(c), out) : 0;
}

/* One letter from a row: the department's comprehensive matters but the last `leave_out`. */
static int
demo_letter(struct yc_ctx *ctx, const struct sheet *s, size_t i, int *added, struct yc_err *err)
{
    struct yc_letter l = {0};
    struct yc_matter_ref *m;
    int64_t *ids, other;
    size_t nm, cover;
    int32_t revoked = YC_NO_DAY;
    int found = 0;
    int rc = yc_store_letter_by_number(ctx->db, cell(s, i, "number"), &other, &found, err);

    if (rc == 0 && !found) {
        rc = dept_id(ctx, cell(s, i, "department"), &l.department_id, err);
    }
    if (rc || found || !l.department_id) {
        return rc;
    }
    rc = yc_store_mref_comprehensive(ctx->db, ctx->arena, l.department_id, &m, &nm, err);
    if (rc || nm == 0) {
        return rc;
    }
    cover = nm - ((size_t)num(s, i, "leave_out") < nm ? (size_t)num(s, i, "leave_out") : nm - 1);
    ids = yc_arena_alloc(ctx->arena, cover * sizeof(*ids));
    for (size_t k = 0; k < cover; k++) {
        ids[k] = m[k].id;
    }
    l.number = cell(s, i, "number");
    l.authorities = authorities_of(cell(s, i, "authorities"));
    l.created_at = ctx->now_ms;
    l.created_by = "system";
    rc = user_id(ctx, cell(s, i, "grantee"), &l.grantee_id, err);
    if (rc == 0 && (day_cell(s, i, "valid_from", &l.valid_from) != 0 ||
                    day_cell(s, i, "valid_to", &l.valid_to) != 0 ||
                    day_cell(s, i, "revoked_on", &revoked) != 0)) {
        rc = yc_fail(err, YC_EINTERNAL, "demo_data_invalid", NULL, "演示委托书 %s 日期有误",
                     l.number);
    }
    if (rc == 0) {
        rc = yc_store_letter_insert(ctx->db, &l, ids, cover, &l.id, err);
    }
    if (rc == 0 && revoked != YC_NO_DAY) {
        rc = yc_store_letter_revoke(ctx->db, l.id, revoked, cell(s, i, "revoked_reason"), "system",
                                    &other, err);
    }
    *added += rc == 0;
    return rc;
}

static int
load_letters(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct sheet s;
    int added = 0;
    int rc = sheet_load(ctx, "demo-hall-letters.csv", &s, err);

    for (size_t i = 0; rc == 0 && i < s.nrows; i++) {
        rc = demo_letter(ctx, &s, i, &added, err);
    }
    if (rc == 0 && added) {
        *created = 1;
        rc = yc_svc_audit(ctx, err, "letter.create", "demo-hall-letters",
                          "演示数据：登记受理初审授权委托书 %d 份", added);
    }
    return rc;
}

/* ---- seals ---- */

/* 「邵阳市交通运输局行政审批专用章」; utilities, being companies, keep a 业务专用章. */
static const char *
seal_name(struct yc_arena *a, const char *dept)
{
    size_t n = strlen(dept);
    int company = n >= 6 && strcmp(dept + n - 6, "公司") == 0;

    return yc_arena_printf(a, "%s%s%s", strncmp(dept, "市", 3) == 0 ? "邵阳" : "", dept,
                           company ? "业务专用章" : "行政审批专用章");
}

/* The keeper: the department's head, else a back-office member, else nobody yet. */
static int64_t
seal_keeper(const struct yc_user *u, size_t n, int64_t dept)
{
    int64_t keeper = 0;

    for (size_t i = 0; i < n; i++) {
        if (u[i].department_id == dept && (u[i].roles & YC_ROLE_DEPT_HEAD)) {
            return u[i].id;
        }
        if (u[i].department_id == dept && (u[i].roles & YC_ROLE_BACK_OFFICE) && !keeper) {
            keeper = u[i].id;
        }
    }
    return keeper;
}

static int
load_seals(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct yc_dept *d;
    struct yc_user *u;
    size_t nd, nu;
    int added = 0;
    int rc = yc_store_dept_list(ctx->db, ctx->arena, &d, &nd, err);

    if (rc == 0) {
        rc = yc_store_user_list(ctx->db, ctx->arena, &u, &nu, err);
    }
    for (size_t i = 0; rc == 0 && i < nd; i++) {
        struct yc_seal s = {0}, active;
        int64_t id;
        int found = 0;
        s.code = yc_arena_printf(ctx->arena, "4305002025%03zu", i + 1);
        rc = yc_store_seal_by_code(ctx->db, s.code, &id, &found, err);
        if (rc == 0 && !found) {
            rc = yc_store_seal_active(ctx->db, ctx->arena, d[i].id, &active, &found, err);
        }
        if (rc || found) {
            continue;
        }
        s.department_id = d[i].id;
        s.name = seal_name(ctx->arena, d[i].name);
        s.keeper_id = seal_keeper(u, nu, d[i].id);
        /* made public in the second half of July 2025 (step 3); a few departments not yet */
        s.published_on = i % 9 == 5 ? YC_NO_DAY : yc_date_from_ymd(2025, 7, 18 + (int)(i % 12));
        rc = yc_store_seal_insert(ctx->db, &s, ctx->now_ms, &s.id, err);
        added++;
    }
    if (rc == 0 && added) {
        *created = 1;
        rc = yc_svc_audit(ctx, err, "seal.create", "demo-seals",
                          "演示数据：登记行政审批专用章 %d 枚", added);
    }
    return rc;
}

/* ---- the implementation steps ---- */

static const struct {
    int seq;
    const char *status;
    const char *note;
} steps[] = {
    {1, "done", "市直部门完成事项梳理，受理指南按部门陆续录入系统"},
    {2, "done", "无差别综合窗口前台 12 人、企业服务专厅前台 8 人到岗，完成两轮业务培训"},
    {3, "in_progress", "多数部门已启用行政审批专用章并公示，少数部门尚未公示"},
    {4, "done", "大厅提质改造完成，公安、不动产登记中心窗口入驻二楼"},
    {5, "in_progress", "交通运输、市场监管、卫生健康等部门后台人员已入驻"},
    {6, "in_progress", "综合窗口受理功能上线试用，虚拟窗口开发中"},
    {7, "not_started", ""},
    {8, "not_started", ""},
};

static int
load_steps(struct yc_ctx *ctx, struct yc_err *err)
{
    struct yc_step_row *st;
    size_t n;
    int rc = yc_store_step_list(ctx->db, ctx->arena, &st, &n, err);

    for (size_t i = 0; rc == 0 && n == 0 && i < sizeof(steps) / sizeof(steps[0]); i++) {
        rc = yc_store_step_put(ctx->db, steps[i].seq, steps[i].status, steps[i].note, ctx->now_ms,
                               "system", err);
    }
    return rc;
}

int
yc_svc_hall_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    int rc = load_hall(ctx, created, err);

    if (rc == 0) {
        rc = load_staff(ctx, created, err);
    }
    if (rc == 0) {
        rc = load_duty(ctx, err);
    }
    if (rc == 0) {
        rc = load_posts(ctx, created, err);
    }
    if (rc == 0) {
        rc = load_leave(ctx, err);
    }
    if (rc == 0) {
        rc = load_letters(ctx, created, err);
    }
    if (rc == 0) {
        rc = load_seals(ctx, created, err);
    }
    if (rc == 0) {
        rc = load_steps(ctx, err);
    }
    return rc;
}
