/*
 * supervise_demo.c - demo cases for the board and the reports: about twenty applications in five
 * departments accepted over the last five weeks, made through the real use cases on their days
 * (acceptance at the window, review, extension, a legal stop, decision, seal, result), so that
 * the board shows red, yellow and warning cards; ratings given on the public page with the cases'
 * tokens, a real-name bad review walked through callback, fix and the rater's second rating,
 * another without callback, an anonymous one under appeal; and supervision orders (one overdue,
 * one replied, one closed). Loaded only into a centre without cases; a step that cannot be done
 * (no delegation letter that day, no calendar) is skipped with a warning, never fatal.
 */
#include <sodium.h>
#include <string.h>

#include "base/date.h"
#include "base/log.h"
#include "domain/ids.h"
#include "svc/supervise_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define DEMO_FLAG "demo.supervision"

struct demo_case {
    const char *front;  /* who accepts */
    const char *matter; /* a matter of the catalogue, by name */
    const char *kind;   /* person | firm */
    const char *name;
    const char *id17; /* person: region and birth date (14); firm: the credit code's first 16 */
    const char *phone;
    const char *decision; /* accept | refuse | supplement | on_the_spot */
    const char *reason;   /* refuse */
};

/* clang-format off */
static const struct demo_case cases[] = {
    /* 0 */ {"qiantai", "道路旅客运输经营许可", "firm", "邵阳市通达客运有限公司", "9143050256173824", "13807390101", "accept", NULL},
    /* 1 */ {"qiantai", "出租汽车经营许可", "firm", "邵阳市宝庆出租汽车有限公司", "9143050318472654", "13807390102", "accept", NULL},
    /* 2 */ {"qiantai", "道路危险货物运输许可", "firm", "湖南湘运危险货物运输有限公司邵阳分公司", "9143051173948264", "13807390103", "accept", NULL},
    /* 3 */ {"qiantai", "网络预约出租汽车经营许可", "firm", "邵阳市快滴出行科技有限公司", "9143050239284714", "13807390104", "accept", NULL},
    /* 4 */ {"qiantai", "占用、挖掘公路或者使公路改线审批", "firm", "邵阳市城北管网工程有限公司", "9143051162839474", "13807390105", "accept", NULL},
    /* 5 */ {"qiantai", "公路建设项目施工许可", "firm", "邵阳市路桥建设有限公司", "9143050047291834", "13807390106", "accept", NULL},
    /* 6 */ {"qiantai", "道路旅客运输经营许可", "firm", "邵阳市顺达旅游客运有限公司", "9143050384726154", "13807390107", "accept", NULL},
    /* 7 */ {"qiantai", "出租汽车经营许可", "person", "刘建华", "43050219780312", "13807391234", "accept", NULL},
    /* 8 */ {"chenjing", "食品经营许可", "person", "黄晓玲", "43050319850721", "13807390108", "accept", NULL},
    /* 9 */ {"chenjing", "药品零售企业许可", "firm", "邵阳市仁和大药房连锁有限公司", "9143050271639484", "13807390109", "accept", NULL},
    /* 10 */ {"chenjing", "特种设备使用登记", "firm", "邵阳市恒远物业服务有限公司", "9143051129384754", "13807390110", "accept", NULL},
    /* 11 */ {"yangli", "医师执业注册", "person", "周敏", "43051119900418", "13807390111", "accept", NULL},
    /* 12 */ {"yangli", "公共场所卫生许可", "firm", "邵阳市悦来酒店管理有限公司", "9143050348271934", "13807390112", "accept", NULL},
    /* 13 */ {"huangmin", "临时救助", "person", "李秀英", "43050219620905", "13807390113", "accept", NULL},
    /* 14 */ {"huangmin", "社会团体、民办非企业单位年度检查", "firm", "邵阳市摄影家协会", "5143050069382714", "13807390114", "accept", NULL},
    /* 15 */ {"zhoupeng", "教师资格认定", "person", "陈思雨", "43050319990214", "13807390115", "accept", NULL},
    /* 16 */ {"chenjing", "个体工商户设立登记", "person", "赵磊", "43052119880630", "13807390116", "on_the_spot", NULL},
    /* 17 */ {"qiantai", "道路危险货物运输许可", "firm", "邵阳县宏发物流有限公司", "9143052317382944", "13807390117", "refuse",
              "申请人尚未取得道路货物运输经营许可，不符合危险货物道路运输许可的前置条件"},
    /* 18 */ {"chenjing", "食品经营许可", "person", "吴志刚", "43050219790808", "13807390118", "supplement", NULL},
};
/* clang-format on */
#define NCASES (sizeof(cases) / sizeof(cases[0]))

enum step_kind { ACCEPT, EVENT, RATE, CALLBACK, ACTION, ORDER, REPLY, CLOSE, APPEAL };

/* One step on its day (working days before today), in time order. */
struct step {
    int back;
    enum step_kind kind;
    int slot;        /* the case; ORDER, REPLY, CLOSE: the order */
    const char *who; /* username; RATE: NULL (the applicant, on the public page) */
    const char *a;   /* EVENT: the event; RATE: stage; ACTION: kind; ORDER: text; others: text */
    const char *b;   /* EVENT: reason or kind; RATE: reason (bad) or comment; ACTION: evidence */
    const char *c;   /* EVENT suspend: reason; RATE: the rater's real name (NULL: anonymous) */
    const char *d;   /* RATE: channel */
    int n;           /* RATE: level; ORDER: reply days */
    int cases[3];    /* ORDER: case slots, -1 after the last */
};

#define NO_CASES                                                                                   \
    {                                                                                              \
        -1, -1, -1                                                                                 \
    }
/* clang-format off */
static const struct step steps[] = {
    {26, ACCEPT, 13, "huangmin", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {24, ACCEPT, 0, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {23, EVENT, 0, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {22, ACCEPT, 4, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {22, ACCEPT, 11, "yangli", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {21, ACCEPT, 1, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {21, EVENT, 4, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {21, EVENT, 11, "heli", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {20, EVENT, 1, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {19, ACCEPT, 2, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {18, ACCEPT, 9, "chenjing", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {18, EVENT, 2, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {17, EVENT, 9, "denglihua", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {15, ACCEPT, 6, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {15, ACCEPT, 8, "chenjing", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {15, RATE, 6, NULL, "accept", "窗口一次性告知了全部材料，受理很快", NULL, "qr", 1, NO_CASES},
    {14, EVENT, 6, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {14, EVENT, 8, "denglihua", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {12, ACCEPT, 5, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {11, EVENT, 5, "zhoujianping", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {10, ACCEPT, 7, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {10, ACCEPT, 12, "yangli", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {10, ORDER, 0, "duban", "临时救助申请受理已逾半月仍未进入审查，请说明原因并尽快办理", NULL, NULL, NULL, 5, {13, -1, -1}},
    {9, RATE, 7, NULL, "accept", "窗口要求的材料与办事指南不一致，多跑了一趟", "刘建华", "window", 4, NO_CASES},
    {9, EVENT, 7, "shenpi", "start_review", NULL, NULL, NULL, 0, NO_CASES},
    {8, ACCEPT, 10, "chenjing", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {8, EVENT, 6, "fenguan", "sign", NULL, NULL, NULL, 0, NO_CASES},
    {8, EVENT, 6, "fenguan", "decide_grant", NULL, NULL, NULL, 0, NO_CASES},
    {8, CALLBACK, 7, "shenpi", "电话回访刘建华先生，说明材料清单已按办事指南统一，当面致歉，评价人表示理解", NULL, NULL, NULL, 0, NO_CASES},
    {7, EVENT, 6, "shenpi", "seal", "道路旅客运输经营许可决定书", NULL, NULL, 0, NO_CASES},
    {7, EVENT, 6, "qiantai", "issue_result", NULL, NULL, NULL, 0, NO_CASES},
    {7, RATE, 12, NULL, "accept", "现场核查人员迟到一个多小时，也没有提前告知", "孙丽", "qr", 4, NO_CASES},
    {7, ACTION, 7, "shenpi", "immediate", "已将窗口材料清单与办事指南逐项核对并统一为 6 项，对窗口人员进行了专项培训", NULL, NULL, 0, NO_CASES},
    {6, EVENT, 6, "qiantai", "close", NULL, NULL, NULL, 0, NO_CASES},
    {6, RATE, 6, NULL, "result", "许可证按承诺时间领到", NULL, "window", 2, NO_CASES},
    {6, EVENT, 5, "zhoujianping", "suspend", "testing", "委托检测机构对施工图设计进行检测，约 10 个工作日", NULL, 0, NO_CASES},
    {6, RATE, 7, NULL, "rectification", "整改及时，态度诚恳", "刘建华", "qr", 2, NO_CASES},
    {5, ACCEPT, 3, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {5, RATE, 10, NULL, "accept", "排队两个多小时，窗口中途暂停也没人说明", NULL, "window", 5, NO_CASES},
    {4, ACCEPT, 15, "zhoupeng", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {4, APPEAL, 10, "xiaozhenhua", "当日上午叫号系统故障，已在大厅电子屏和公众号公告并安排专人解释，所述情况不属于窗口服务问题", NULL, NULL, NULL, 0, NO_CASES},
    {4, ORDER, 1, "duban", "食品经营许可办件已超过法定办理期限，请说明原因并限期办结", NULL, NULL, NULL, 5, {8, -1, -1}},
    {3, ACCEPT, 14, "huangmin", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {3, EVENT, 4, "fenguan", "extend", "需征求公路管理机构和公安交警部门的意见", NULL, NULL, 0, NO_CASES},
    {3, EVENT, 7, "fenguan", "sign", NULL, NULL, NULL, 0, NO_CASES},
    {3, EVENT, 7, "fenguan", "decide_grant", NULL, NULL, NULL, 0, NO_CASES},
    {3, EVENT, 7, "shenpi", "seal", "出租汽车经营许可决定书", NULL, NULL, 0, NO_CASES},
    {3, EVENT, 7, "qiantai", "issue_result", NULL, NULL, NULL, 0, NO_CASES},
    {2, ACCEPT, 17, "qiantai", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {2, REPLY, 1, "xiaozhenhua", "已督促承办人，现场核查已完成，预计 2 个工作日内作出决定", NULL, NULL, NULL, 0, NO_CASES},
    {2, ORDER, 2, "duban", "两件道路运输许可办件已临近或超过法定期限，请当日说明原因并限期办结", NULL, NULL, NULL, 1, {0, 1, -1}},
    {1, ACCEPT, 18, "chenjing", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {1, CLOSE, 0, "duban", "已协调民政局安排审查人员，转入正常办理", NULL, NULL, NULL, 0, NO_CASES},
    {0, ACCEPT, 16, "chenjing", NULL, NULL, NULL, NULL, 0, NO_CASES},
    {0, RATE, 16, NULL, "result", "当场就办好了，很方便", NULL, "window", 1, NO_CASES},
};
/* clang-format on */

/* What the steps made: the cases' ids and numbers, their bad ratings and rectifications. */
struct made {
    int64_t case_id[NCASES];
    const char *number[NCASES];
    int64_t rating_id[NCASES]; /* the last bad rating */
    int64_t rect_id[NCASES];
    int64_t order_id[3];
};

/* ---- days ---- */

struct back_call {
    int32_t today;
    int n;
    int32_t day;
};

static int
back_cb(const struct yc_calendar *cal, void *arg)
{
    struct back_call *b = arg;
    int32_t d = b->today;
    int work = 0, missing = 0;

    for (int k = 0; k < b->n;) {
        d--;
        if (yc_cal_is_workday(cal, d, &work, &missing) != 0) {
            return -1;
        }
        k += work;
    }
    b->day = d;
    return 0;
}

/* The n-th working day before today (today itself for 0). */
static int
day_back(int32_t today, int n, int32_t *out, struct yc_err *err)
{
    struct back_call b = {today, n, today};
    int rc = yc_svc_cal_use(back_cb, &b, err);

    if (rc == -1) {
        return yc_fail(err, YC_EUNPROC, "calendar_year_missing", NULL,
                       "演示数据：日历不覆盖所需日期");
    }
    *out = b.day;
    return rc;
}

/* ---- acting ---- */

/* ctx acting as username (or anonymous for NULL) on day at 09:00 + minute (UTC+8). */
static int
act_as(struct yc_ctx *ctx, struct yc_user *u, const char *username, int32_t day, int minute,
       struct yc_err *err)
{
    int found = 0;
    int rc = 0;

    ctx->user = NULL;
    ctx->system = 0;
    if (username) {
        rc = yc_store_user_by_name(ctx->db, ctx->arena, username, u, &found, err);
        if (rc == 0 && !found) {
            rc = yc_fail(err, YC_EUNPROC, "demo_user_missing", NULL, "演示数据：没有用户 %s",
                         username);
        }
        ctx->user = u;
    }
    ctx->today = day;
    ctx->now_ms = ((int64_t)day * 86400 + (9 - 8) * 3600 + (int64_t)minute * 60) * 1000;
    return rc;
}

static const char *
id_of(struct yc_arena *a, const struct demo_case *c)
{
    char id[19];
    size_t n = strlen(c->id17);

    if (strcmp(c->kind, "firm") == 0) {
        /* registration code, type, region (8), then an organisation code of GB 11714 */
        static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0, cd;
        memcpy(id, c->id17, n);
        for (int i = 0; i < 8; i++) {
            sum += (c->id17[n - 8 + i] - '0') * w[i];
        }
        cd = 11 - sum % 11;
        id[n] = cd == 10 ? 'X' : cd == 11 ? '0' : (char)('0' + cd);
        id[17] = yc_id_uscc_check_char(id);
    } else {
        /* YYYYMMDD given: a sequence and the MOD 11-2 check */
        memcpy(id, c->id17, n);
        memcpy(id + n, "213", 3);
        id[17] = yc_id_resident_check_char(id);
    }
    id[18] = '\0';
    return yc_arena_strdup(a, id);
}

static int
matter_of(struct yc_ctx *ctx, const char *name, struct yc_matter *m, struct yc_err *err)
{
    struct yc_matter_query q = {0};
    struct yc_matter_hit *hits;
    size_t n, total;
    int rc;

    q.q = name;
    q.window_class = -1;
    q.entered = -1;
    q.type = "";
    q.limit = 20;
    rc = yc_svc_matter_search(ctx, &q, &hits, &n, &total, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (strcmp(hits[i].doc.name, name) == 0) {
            return yc_svc_matter_get(ctx, hits[i].doc.id, m, err);
        }
    }
    return rc ? rc
              : yc_fail(err, YC_EUNPROC, "demo_matter_missing", NULL, "演示数据：没有事项 %s",
                        name);
}

static int
do_accept(struct yc_ctx *ctx, const struct step *s, struct made *mk, struct yc_err *err)
{
    const struct demo_case *c = &cases[s->slot];
    struct yc_case_accept_in in = {0};
    struct yc_case_material_in *mats;
    struct yc_matter m = {0};
    json_t *out = NULL;
    int supplement = strcmp(c->decision, "supplement") == 0;
    int rc = matter_of(ctx, c->matter, &m, err);

    if (rc) {
        return rc;
    }
    mats = yc_arena_alloc(ctx->arena, (m.nmaterials + 1) * sizeof(*mats));
    for (size_t i = 0; i < m.nmaterials; i++) {
        /* a 补正 lacks the first material; everything else is complete */
        mats[i] = (struct yc_case_material_in){
            m.materials[i].name, supplement && i == 0 ? "missing" : "received", NULL, YC_NO_DAY};
    }
    in.matter_id = m.id;
    in.matter_version = m.version;
    in.applicant_kind = c->kind;
    in.applicant_name = c->name;
    in.id_number = id_of(ctx->arena, c);
    in.phone = c->phone;
    in.legal_rep = strcmp(c->kind, "firm") == 0 ? "张国华" : "";
    in.decision = c->decision;
    in.reason = c->reason;
    in.materials = mats;
    in.nmaterials = m.nmaterials;
    rc = yc_svc_case_accept(ctx, &in, &out, err);
    if (rc == 0) {
        json_t *k = json_object_get(out, "case");
        mk->case_id[s->slot] = json_integer_value(json_object_get(k, "id"));
        mk->number[s->slot] =
            yc_arena_strdup(ctx->arena, json_string_value(json_object_get(k, "number")));
    }
    json_decref(out);
    return rc;
}

static int
do_event(struct yc_ctx *ctx, const struct step *s, const struct made *mk, struct yc_err *err)
{
    struct yc_case_event_in in = {0};
    json_t *out = NULL;
    int rc = 0;

    in.event = s->a;
    in.reason = s->b;
    if (strcmp(s->a, "suspend") == 0) {
        in.kind = s->b;
        in.reason = s->c;
    } else if (strcmp(s->a, "seal") == 0) {
        struct yc_seal seal;
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[2 * sizeof(h) + 1];
        int found = 0;
        if (!ctx->user) {
            return yc_fail(err, YC_EUNPROC, "demo_user_missing", NULL, "演示数据：用印须有经办人");
        }
        rc =
            yc_store_seal_active(ctx->db, ctx->arena, ctx->user->department_id, &seal, &found, err);
        if (rc == 0 && !found) {
            return yc_fail(err, YC_EUNPROC, "demo_seal_missing", NULL,
                           "演示数据：部门没有在用的印章");
        }
        crypto_hash_sha256(h, (const unsigned char *)mk->number[s->slot],
                           strlen(mk->number[s->slot]));
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        in.seal_id = seal.id;
        in.document = s->b;
        in.sha256 = yc_arena_strdup(ctx->arena, hex);
        in.reason = NULL;
    } else if (strcmp(s->a, "issue_result") == 0) {
        in.channel = "window";
    }
    if (rc == 0) {
        rc = yc_svc_case_event(ctx, mk->case_id[s->slot], &in, &out, err);
    }
    json_decref(out);
    return rc;
}

static int
do_rate(struct yc_ctx *ctx, const struct step *s, struct made *mk, struct yc_err *err)
{
    struct yc_rating_in in = {0};
    char token[23];
    json_t *out = NULL;
    int bad = s->n >= 4;
    int rc = yc_sup_rating_token(ctx, mk->number[s->slot], token, err);

    in.token = token;
    in.stage = s->a;
    in.level = s->n;
    in.reason = bad ? s->b : NULL;
    in.comment = bad ? NULL : s->b;
    in.channel = s->d;
    in.real_name = s->c != NULL;
    in.rater_name = s->c;
    in.rater_contact = s->c ? cases[s->slot].phone : NULL;
    if (rc == 0) {
        rc = yc_svc_rate(ctx, mk->number[s->slot], &in, &out, err);
    }
    if (rc == 0 && bad && strcmp(s->a, "rectification") != 0) {
        json_t *x = json_object_get(out, "rectification");
        mk->rating_id[s->slot] =
            json_integer_value(json_object_get(json_object_get(out, "rating"), "id"));
        mk->rect_id[s->slot] = json_integer_value(json_object_get(x, "id"));
    }
    json_decref(out);
    return rc;
}

static int
do_order(struct yc_ctx *ctx, const struct step *s, struct made *mk, struct yc_err *err)
{
    struct yc_order_in in = {0};
    int64_t ids[3];
    json_t *out = NULL;
    int rc;

    for (int i = 0; i < 3 && s->cases[i] >= 0; i++) {
        ids[in.ncases++] = mk->case_id[s->cases[i]];
    }
    if (in.ncases == 0) {
        return 0;
    }
    {
        struct yc_case c;
        int found = 0;
        rc = yc_store_case_get(ctx->db, ctx->arena, ids[0], NULL, &c, &found, err);
        in.department_id = found ? c.department_id : 0;
    }
    in.case_ids = ids;
    in.text = s->a;
    in.reply_days = s->n;
    if (rc == 0) {
        rc = yc_svc_order_create(ctx, &in, &out, err);
    }
    if (rc == 0) {
        mk->order_id[s->slot] = json_integer_value(json_object_get(out, "id"));
    }
    json_decref(out);
    return rc;
}

/* One step; a step whose case or order was not made is skipped. */
static int
do_step(struct yc_ctx *ctx, const struct step *s, struct made *mk, struct yc_err *err)
{
    json_t *out = NULL;
    int rc = 0;

    if (s->kind != ACCEPT && s->kind != ORDER && s->kind != REPLY && s->kind != CLOSE &&
        !mk->case_id[s->slot]) {
        return 0;
    }
    switch (s->kind) {
    case ACCEPT:
        return do_accept(ctx, s, mk, err);
    case EVENT:
        return do_event(ctx, s, mk, err);
    case RATE:
        return do_rate(ctx, s, mk, err);
    case CALLBACK:
        rc = mk->rect_id[s->slot] ? yc_svc_rect_callback(ctx, mk->rect_id[s->slot], s->a, &out, err)
                                  : 0;
        break;
    case ACTION:
        rc = mk->rect_id[s->slot]
                 ? yc_svc_rect_action(ctx, mk->rect_id[s->slot], s->a, s->b, YC_NO_DAY, &out, err)
                 : 0;
        break;
    case APPEAL:
        rc = mk->rating_id[s->slot]
                 ? yc_svc_appeal_file(ctx, mk->rating_id[s->slot], s->a, &out, err)
                 : 0;
        break;
    case ORDER:
        for (int i = 0; i < 3 && s->cases[i] >= 0; i++) {
            if (!mk->case_id[s->cases[i]]) {
                return 0;
            }
        }
        return do_order(ctx, s, mk, err);
    case REPLY:
        rc = mk->order_id[s->slot] ? yc_svc_order_reply(ctx, mk->order_id[s->slot], s->a, &out, err)
                                   : 0;
        break;
    case CLOSE:
        rc = mk->order_id[s->slot] ? yc_svc_order_close(ctx, mk->order_id[s->slot], s->a, &out, err)
                                   : 0;
        break;
    }
    json_decref(out);
    return rc;
}

static int
already_loaded(struct yc_ctx *ctx, int *yes, struct yc_err *err)
{
    struct yc_case_filter f = {0};
    struct yc_case *c;
    const char *flag = NULL;
    size_t n = 0;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, DEMO_FLAG, &flag, err);

    f.state = "";
    f.limit = 1;
    if (rc == 0 && !flag) {
        rc = yc_store_case_list(ctx->db, ctx->arena, &f, &c, &n, err);
    }
    *yes = flag != NULL || n > 0;
    return rc;
}

int
yc_svc_supervise_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct yc_ctx a = *ctx;
    struct yc_user u;
    struct made *mk = yc_arena_alloc(ctx->arena, sizeof(*mk));
    int yes = 0, made_any = 0;
    int rc = yc_svc_cal_refresh(ctx->db, err);

    if (rc == 0) {
        rc = already_loaded(ctx, &yes, err);
    }
    if (rc || yes) {
        return rc;
    }
    memset(mk, 0, sizeof(*mk));
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        struct yc_err e;
        int32_t day = ctx->today;
        int r = day_back(ctx->today, steps[i].back, &day, &e);
        if (r == 0) {
            r = act_as(&a, &u, steps[i].who, day, (int)i, &e);
        }
        if (r == 0) {
            r = do_step(&a, &steps[i], mk, &e);
        }
        if (r) {
            yc_log(YC_LOG_WARN, "demo step %zu skipped: %s", i, e.message);
        } else {
            made_any = 1;
        }
    }
    /* back to now, as the system: the board's levels, warnings, overdue orders */
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = yc_store_setting_put(ctx->db, DEMO_FLAG, "1", err);
        rc = yc_db_finish(ctx->db, rc, err);
    }
    if (rc == 0) {
        rc = yc_svc_supervise_scan(ctx, err);
    }
    *created |= made_any;
    return rc;
}
