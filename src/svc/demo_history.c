/*
 * demo_history.c - the demo's history: about three hundred applications over the last eight weeks
 * of working days (a handful a day, more on Mondays) at the front desks holding delegation letters,
 * made through the real use cases on their days like supervise_demo.c: most accepted, reviewed,
 * signed, granted, sealed, handed out at the window or by EMS and closed within the promised time;
 * 即办 matters done on the spot; some refused at the window, some 补正 first, a few extended by the
 * department head, a few withdrawn, the last days' still open (a few stalled past their promise).
 * Most applicants rate the result on the public page with the case's token; the rare bad review is
 * called back and fixed. Applicants are generated with valid 居民身份证号码 of 邵阳 and valid
 * 统一社会信用代码, from a fixed seed so every demo centre gets the same history. Loaded once (its
 * own settings flag), before supervise_demo.c so the board's showcase cases are the newest; a step
 * that cannot be done is skipped, never fatal.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/log.h"
#include "domain/ids.h"
#include "svc/supervise_int.h"
#include "svc/svc.h"
#include "base/banned.h"

#define HISTORY_FLAG  "demo.history"
#define HISTORY_WEEKS 8
#define MAX_DAYS      (HISTORY_WEEKS * 5 + 5)
#define MAX_CASES     400
#define MAX_STEPS     (MAX_CASES * 10)

/* ---- what is applied for, where ---- */

struct dept_staff {
    const char *dept;    /* short, for reading the table */
    const char *back[4]; /* back office who review, sign, decide and seal; NULL after the last */
    const char *head;    /* grants extensions; NULL: none in the demo */
};

/* clang-format off */
static const struct dept_staff staff[] = {
    /* 0 */ {"交通", {"shenpi", "liuweidong", "zhoujianping", "luohaiyan"}, "fenguan"},
    /* 1 */ {"市场监管", {"denglihua", "zengzhiming", "jianghongmei", "tangguodong"}, "xiaozhenhua"},
    /* 2 */ {"卫健", {"heli", "longjianjun", NULL, NULL}, NULL},
    /* 3 */ {"人社", {"yangfan", "sumin", NULL, NULL}, NULL},
    /* 4 */ {"公积金", {"pengxiaodong", "yuanjing", NULL, NULL}, "zhongwei"},
    /* 5 */ {"其他", {NULL, NULL, NULL, NULL}, NULL}, /* no back office: 即办 matters only */
};
/* clang-format on */

struct pool {
    const char *fronts[2]; /* front desks with the department's letter; NULL after the last */
    const char *matter;    /* by name, as in the catalogue */
    const char *kind;      /* person | firm | either */
    const char *trade;     /* firm: the business word of its name */
    int staff;             /* index into staff[] */
    int weight;
};

/* clang-format off */
static const struct pool pools[] = {
    {{"qiantai", "liting"}, "网络预约出租汽车驾驶员证核发", "person", NULL, 0, 9},
    {{"qiantai", "liting"}, "网络预约出租汽车运输证核发", "person", NULL, 0, 7},
    {{"qiantai", "liting"}, "道路运输从业人员从业资格证换发、补发", "person", NULL, 0, 8},
    {{"qiantai", "liting"}, "巡游出租汽车驾驶员从业资格注册", "person", NULL, 0, 5},
    {{"qiantai", "liting"}, "出租汽车经营许可", "either", "出租汽车", 0, 3},
    {{"qiantai", "liting"}, "道路旅客运输经营许可", "firm", "旅游客运", 0, 3},
    {{"qiantai", "liting"}, "道路危险货物运输许可", "firm", "危险货物运输", 0, 2},
    {{"qiantai", "liting"}, "占用、挖掘公路或者使公路改线审批", "firm", "市政工程", 0, 2},
    {{"qiantai", "liting"}, "公路建设项目施工许可", "firm", "路桥建设", 0, 1},
    {{"qiantai", "liting"}, "机动车维修经营备案", "firm", "汽车维修服务", 0, 4},
    {{"qiantai", "liting"}, "道路运输经营者变更事项备案", "firm", "物流", 0, 3},
    {{"chenjing", NULL}, "食品经营许可", "either", "餐饮管理", 1, 14},
    {{"chenjing", NULL}, "个体工商户设立登记", "person", NULL, 1, 12},
    {{"chenjing", NULL}, "公司设立登记", "firm", "商贸", 1, 8},
    {{"chenjing", NULL}, "企业注销登记", "firm", "建材贸易", 1, 4},
    {{"chenjing", NULL}, "仅销售预包装食品备案", "either", "超市", 1, 5},
    {{"chenjing", NULL}, "药品零售企业许可", "firm", "大药房", 1, 3},
    {{"chenjing", NULL}, "特种设备使用登记", "firm", "物业管理", 1, 3},
    {{"chenjing", NULL}, "食品生产许可", "firm", "食品", 1, 2},
    {{"chenjing", NULL}, "第二类医疗器械经营备案", "firm", "医疗器械", 1, 2},
    {{"yangli", NULL}, "医师执业注册", "person", NULL, 2, 5},
    {{"yangli", NULL}, "护士执业注册", "person", NULL, 2, 6},
    {{"yangli", NULL}, "公共场所卫生许可", "firm", "酒店管理", 2, 5},
    {{"yangli", NULL}, "出生医学证明换发、补发", "person", NULL, 2, 3},
    {{"wujuan", NULL}, "人力资源服务许可", "firm", "人力资源服务", 3, 2},
    {{"wujuan", NULL}, "劳务派遣经营许可", "firm", "劳务服务", 3, 2},
    {{"zhengli", "xieyong"}, "住房公积金提取（购买自住住房）", "person", NULL, 4, 8},
    {{"zhengli", "xieyong"}, "住房公积金提取（离休、退休）", "person", NULL, 4, 4},
    {{"zhengli", "xieyong"}, "住房公积金个人住房贷款", "person", NULL, 4, 4},
    {{"zhengli", "xieyong"}, "单位住房公积金缴存登记", "firm", "科技", 4, 3},
    {{"huangmin", NULL}, "养老机构备案", "firm", "养老服务", 5, 1},
    {{"zhuwenjing", NULL}, "企业投资项目备案", "firm", "实业", 5, 2},
    {{"guoliang", NULL}, "住房租赁合同登记备案", "person", NULL, 5, 3},
};
/* clang-format on */
#define NPOOLS (sizeof(pools) / sizeof(pools[0]))

/* ---- people and firms ---- */

static const char *const surnames[] = {
    "刘", "李", "王", "张", "陈", "杨", "周", "黄", "肖", "罗", "曾",   "谢", "邓", "唐",
    "彭", "蒋", "申", "袁", "伍", "石", "戴", "赵", "吴", "胡", "尹",   "贺", "龙", "邹",
    "廖", "阳", "莫", "段", "雷", "粟", "夏", "孙", "朱", "何", "欧阳", "宁", "易", "姚",
    "钟", "曹", "李", "刘", "王", "陈", "张", "周", "罗", "杨", "谢",   "邓",
};
static const char *const given[] = {
    "建华", "志强", "秀英", "丽娟", "海波", "国平", "小红", "文斌", "春梅", "德明", "桂兰", "晓东",
    "玉梅", "勇",   "敏",   "静",   "磊",   "婷",   "军",   "芳",   "伟",   "霞",   "浩然", "子涵",
    "雨欣", "俊杰", "思远", "慧敏", "红霞", "志刚", "新民", "永红", "金凤", "卫国", "丹",   "艳",
    "鹏",   "斌",   "亮",   "佳怡", "梓萱", "宇航", "国庆", "湘平", "邵华", "资江", "爱民", "秋菊",
    "满秀", "跃进", "立新", "美玲", "少华", "运良", "冬生", "雪梅",
};
/* county-level divisions of 邵阳 with their codes (GB/T 2260) */
static const struct {
    const char *code;
    const char *name;
} regions[] = {
    {"430502", "双清"},   {"430503", "大祥"}, {"430511", "北塔"}, {"430522", "新邵"},
    {"430523", "邵阳县"}, {"430524", "隆回"}, {"430525", "洞口"}, {"430527", "绥宁"},
    {"430528", "新宁"},   {"430529", "城步"}, {"430581", "武冈"}, {"430582", "邵东"},
};
static const char *const brands[] = {
    "宝庆",   "资江", "邵水", "云山", "崀山", "双清", "湘中", "南山", "雪峰",
    "佳和",   "恒信", "鑫源", "瑞丰", "华诚", "长盛", "永安", "宏达", "金桥",
    "新时代", "巨龙", "顺和", "利民", "天成", "嘉禾", "明远", "龙湾",
};
static const char *const phone_heads[] = {"138", "139", "150", "187", "135", "152", "158", "189"};

/* A fixed-seed generator: the same history in every demo centre. */
struct rng {
    uint64_t s;
};

static uint32_t
rnd(struct rng *r, uint32_t n)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return n ? (uint32_t)(r->s % n) : 0;
}

#define PICK(r, a) ((a)[rnd((r), sizeof(a) / sizeof((a)[0]))])

struct applicant {
    const char *kind;
    const char *name;
    const char *id;
    const char *phone;
    const char *legal_rep;
};

static const char *
person_name(struct yc_arena *a, struct rng *r)
{
    return yc_arena_printf(a, "%s%s", PICK(r, surnames), PICK(r, given));
}

/* A 居民身份证号码 of 邵阳: region, a birth date 20 to 65 years before day, sequence, check. */
static const char *
resident_id(struct yc_arena *a, struct rng *r, int32_t day)
{
    char id[32];
    int y, m, d;

    yc_date_to_ymd(day, &y, &m, &d);
    y = (y - 20 - (int)rnd(r, 46)) % 10000;
    m = 1 + (int)rnd(r, 12);
    d = 1 + (int)rnd(r, (uint32_t)yc_date_days_in_month(y, m));
    snprintf(id, sizeof(id), "%s%04d%02d%02d%03u", PICK(r, regions).code, y, m, d, 1 + rnd(r, 999));
    id[17] = yc_id_resident_check_char(id);
    id[18] = '\0';
    return yc_arena_strdup(a, id);
}

/* A 统一社会信用代码 of a firm registered in 邵阳: 91, the region, an organisation code with its
 * GB 11714 check digit, the GB 32100 check character. */
static const char *
firm_code(struct yc_arena *a, struct rng *r, const char *region)
{
    static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    char id[32];
    int sum = 0, cd;

    snprintf(id, sizeof(id), "91%s%08u", region, 10000000u + rnd(r, 89999999u));
    for (int i = 0; i < 8; i++) {
        sum += (id[8 + i] - '0') * w[i];
    }
    cd = 11 - sum % 11;
    id[16] = cd == 10 ? 'X' : cd == 11 ? '0' : (char)('0' + cd);
    id[17] = yc_id_uscc_check_char(id);
    id[18] = '\0';
    return yc_arena_strdup(a, id);
}

static const char *
phone(struct yc_arena *a, struct rng *r)
{
    return yc_arena_printf(a, "%s%04u%04u", PICK(r, phone_heads), rnd(r, 10000), rnd(r, 10000));
}

static void
make_applicant(struct yc_arena *a, struct rng *r, const struct pool *p, int32_t day,
               struct applicant *out)
{
    int firm = strcmp(p->kind, "firm") == 0 || (strcmp(p->kind, "either") == 0 && rnd(r, 2));

    out->phone = phone(a, r);
    if (firm) {
        size_t g = rnd(r, sizeof(regions) / sizeof(regions[0]));
        /* firms of the city's districts carry 邵阳市, the counties' their own name */
        const char *where = g < 3     ? "邵阳市"
                            : g == 11 ? "邵东市"
                            : g == 10 ? "武冈市"
                            : g == 4  ? "邵阳县"
                                      : yc_arena_printf(a, "%s县", regions[g].name);
        out->kind = "firm";
        out->name = yc_arena_printf(a, "%s%s%s有限公司", where, PICK(r, brands), p->trade);
        out->id = firm_code(a, r, regions[g].code);
        out->legal_rep = person_name(a, r);
    } else {
        out->kind = "person";
        out->name = person_name(a, r);
        out->id = resident_id(a, r, day);
        out->legal_rep = "";
    }
}

/* ---- the plan: cases and their steps on their days ---- */

enum hstep {
    H_ACCEPT,
    H_EVENT,
    H_RATE,
    H_CALLBACK,
    H_ACTION,
};

struct hcase {
    const struct pool *pool;
    const char *front;
    const char *back;
    struct applicant who;
    const char *decision; /* accept | refuse | supplement | on_the_spot */
    const char *reason;
    int64_t id;
    const char *number;
    int64_t rect_id;
};

struct hplan {
    int day;    /* index into the working days, 0 the oldest */
    int minute; /* minutes after 09:00 */
    int seq;
    enum hstep kind;
    int slot;
    const char *who;
    const char *event; /* H_EVENT: the event; H_RATE: stage */
    const char *text;  /* reason, comment, document, note */
    const char *extra; /* issue_result: tracking number; H_RATE: channel */
    int level;         /* H_RATE */
};

struct history {
    int32_t days[MAX_DAYS]; /* working days, oldest first; the last is the day before today */
    int ndays;
    struct hcase cases[MAX_CASES];
    int ncases;
    struct hplan *steps;
    int nsteps;
    struct rng r;
};

static const char *const refusals[] = {
    "申请人提交的营业执照已被吊销，主体资格不符合申请条件",
    "申请事项属县（市、区）级受理权限，已告知申请人向所在地政务服务中心申请",
    "经营场所为住宅，与申请事项要求的场所条件不符，不予受理",
    "申请人不具备法定申请条件，已书面告知不予受理的理由和救济途径",
    "同一事项已有在办申请，重复申请不予受理",
    "申请材料中的身份证明已过有效期，且申请人未能当场更换，已告知重新申请",
};
static const char *const good_comments[] = {
    "窗口人员态度很好，一次就办成了",
    "比预想的快，不用来回跑",
    "材料一次性告知，很清楚",
    "邮寄到家，很方便",
    "工作人员很耐心",
    "流程清楚，办得顺利",
    "提前办好了，谢谢",
    "",
};
static const struct {
    const char *reason;
    const char *callback;
    const char *action;
} bad_reviews[] = {
    {"取证时等了一个多小时，窗口只开了一个",
     "电话回访申请人，说明当日窗口人员参加培训造成人手不足，致歉",
     "出件窗口增加弹性窗口一个，高峰时段由 B 岗补位"},
    {"电话咨询时工作人员态度生硬，问题没讲清楚", "回访申请人，当面致歉并解答了所问问题",
     "对相关工作人员进行批评教育，咨询电话纳入录音抽查"},
    {"邮寄的证件外包装破损，证件边角折了", "回访申请人，已免费重新制证并邮寄",
     "与邮政约定证件改用硬质文件袋封装"},
    {"补正告知没有一次说清楚，多跑了一趟", "电话回访申请人，说明原因并致歉",
     "修订一次性告知单，材料要点逐项写明"},
    {"窗口人员中途离岗十多分钟没有说明", "回访申请人，核实离岗原因并致歉",
     "执行离岗必须放置暂停服务牌并告知等候群众"},
    {"审批进度网上查询不到，打电话也没人接", "回访申请人，告知查询方式并致歉",
     "安排专人接听咨询电话，办件状态当日同步"},
};
static const char *const withdraw_reasons[] = {
    "申请人经营计划调整，申请撤回",
    "申请人另行选址，申请撤回",
    "申请人材料需重新准备，申请撤回",
};
static const char *const extend_reasons[] = {
    "需组织现场核查并征求相关部门意见，法定期限内不能作出决定",
    "申请材料涉及专业技术审查，需组织专家论证",
};

static struct hplan *
plan(struct history *h, int day, int minute, enum hstep kind, int slot, const char *who)
{
    struct hplan *s;

    if (day >= h->ndays || h->nsteps >= MAX_STEPS) {
        return NULL; /* not yet: the case is still open today */
    }
    s = &h->steps[h->nsteps];
    memset(s, 0, sizeof(*s));
    s->day = day;
    s->minute = minute;
    s->seq = h->nsteps++;
    s->kind = kind;
    s->slot = slot;
    s->who = who;
    return s;
}

static struct hplan *
plan_event(struct history *h, int day, int minute, int slot, const char *who, const char *event,
           const char *text)
{
    struct hplan *s = plan(h, day, minute, H_EVENT, slot, who);

    if (s) {
        s->event = event;
        s->text = text;
    }
    return s;
}

static int
rating_level(struct rng *r)
{
    uint32_t x = rnd(r, 100);

    return x < 70 ? 1 : x < 92 ? 2 : x < 98 ? 3 : 4 + (int)rnd(r, 2);
}

/* Hand out, close and perhaps rate, from day d on. */
static void
plan_result(struct history *h, struct yc_ctx *ctx, int slot, int d, int on_spot)
{
    struct hcase *c = &h->cases[slot];
    struct rng *r = &h->r;
    struct hplan *s;
    int ems = !on_spot && rnd(r, 100) < 30;
    int level;

    if (!on_spot) {
        s = plan_event(h, d, 350 + (int)rnd(r, 100), slot, c->front, "issue_result", NULL);
        if (!s) {
            return;
        }
        s->extra =
            ems ? yc_arena_printf(ctx->arena, "11%05u%06u", rnd(r, 100000), rnd(r, 1000000)) : NULL;
        d += ems ? 2 : 0;
    }
    plan_event(h, d, 460 + (int)rnd(r, 20), slot, c->front, "close", NULL);
    if (rnd(r, 100) >= 82) {
        return;
    }
    level = rating_level(r);
    s = plan(h, d + (int)rnd(r, 2), 470 + (int)rnd(r, 30), H_RATE, slot, NULL);
    if (!s) {
        return;
    }
    s->event = "result";
    s->level = level;
    s->extra = on_spot ? "window" : ems ? "online" : rnd(r, 2) ? "window" : "qr";
    if (level >= 4 && c->pool->staff <= 1) {
        int b = (int)rnd(r, sizeof(bad_reviews) / sizeof(bad_reviews[0]));
        struct hplan *cb;
        s->text = bad_reviews[b].reason;
        cb = plan(h, s->day + 1 + (int)rnd(r, 2), 120, H_CALLBACK, slot,
                  staff[c->pool->staff].back[0]);
        if (cb) {
            cb->text = bad_reviews[b].callback;
            cb = plan(h, cb->day + 1 + (int)rnd(r, 2), 200, H_ACTION, slot,
                      staff[c->pool->staff].back[0]);
            if (cb) {
                cb->text = bad_reviews[b].action;
            }
        }
    } else if (level >= 4) {
        s->level = 3; /* no one in the demo to call back: keep it 基本满意 */
    } else {
        s->text = PICK(r, good_comments);
    }
}

/* One case accepted on working day index a with its promised days. */
static void
plan_case(struct history *h, struct yc_ctx *ctx, const struct yc_matter *m, int a)
{
    struct rng *r = &h->r;
    int slot = h->ncases;
    struct hcase *c = &h->cases[slot];
    const struct pool *p = c->pool;
    const struct dept_staff *st = &staff[p->staff];
    int nback = 0, promised = m->promised_days, d, fate = (int)rnd(r, 100);
    int minute = (int)rnd(r, 420); /* 09:00 to 16:00 */
    const char *doc = strcmp(m->type, "01") == 0 ? "准予行政许可决定书" : "办理结果告知书";

    while (nback < 4 && st->back[nback]) {
        nback++;
    }
    c->back = nback ? st->back[rnd(r, (uint32_t)nback)] : NULL;
    c->decision = "accept";
    if (fate < 5) {
        c->decision = "refuse";
        c->reason = PICK(r, refusals);
    } else if (promised == 0) {
        c->decision = "on_the_spot";
    } else if (!c->back) {
        return; /* nobody would review it */
    } else if (fate < 13 && m->nmaterials > 0) {
        c->decision = "supplement";
    }
    make_applicant(ctx->arena, r, p, h->days[a], &c->who);
    h->ncases++;
    plan(h, a, minute, H_ACCEPT, slot, c->front);
    if (strcmp(c->decision, "refuse") == 0) {
        return;
    }
    if (strcmp(c->decision, "on_the_spot") == 0) {
        plan_result(h, ctx, slot, a, 1);
        return;
    }
    if (strcmp(c->decision, "supplement") == 0) {
        /* the clock starts on the day the missing material arrives */
        a += 1 + (int)rnd(r, 4);
        if (!plan_event(h, a, (int)rnd(r, 400), slot, c->front, "supplement_complete", NULL)) {
            return;
        }
    }
    if (fate >= 13 && fate < 16) {
        /* withdrawn by the applicant at the window before the decision */
        plan_event(h, a + 1 + (int)rnd(r, 3), 60 + (int)rnd(r, 300), slot, c->front, "withdraw",
                   PICK(r, withdraw_reasons));
        return;
    }
    d = a + 1;
    if (!plan_event(h, d, 30 + (int)rnd(r, 90), slot, c->back, "start_review", NULL)) {
        return;
    }
    if (fate >= 16 && fate < 19) {
        return; /* stalled in review: the board's cards */
    }
    if (fate >= 19 && fate < 23 && st->head && promised >= 5) {
        const char *why = PICK(r, extend_reasons);
        d = a + promised - 2 > d ? a + promised - 2 : d;
        if (!plan_event(h, d, 150, slot, c->back, "request_extension", why) ||
            !plan_event(h, d, 200, slot, st->head, "extend", why)) {
            return;
        }
        d = a + promised + 1 + (int)rnd(r, 4);
    } else {
        /* decided within the promise, usually well before it */
        int last = a + (promised > 1 ? promised - 1 : 1);
        d += last > d ? (int)rnd(r, (uint32_t)(last - d + 1)) : 0;
    }
    if (!plan_event(h, d, 200 + (int)rnd(r, 60), slot, c->back, "sign", NULL) ||
        !plan_event(h, d, 270 + (int)rnd(r, 30), slot, c->back, "decide_grant", NULL)) {
        return;
    }
    if (!plan_event(h, d, 310 + (int)rnd(r, 30), slot, c->back, "seal", doc)) {
        return;
    }
    plan_result(h, ctx, slot, d + (int)rnd(r, 2), 0);
}

/* ---- doing ---- */

struct days_call {
    int32_t today;
    struct history *h;
};

static int
days_cb(const struct yc_calendar *cal, void *arg)
{
    struct days_call *b = arg;
    int32_t tmp[MAX_DAYS];
    int n = 0;

    for (int32_t d = b->today - 1; n < MAX_DAYS && d > b->today - 120; d--) {
        int work = 0, missing = 0;
        if (yc_cal_is_workday(cal, d, &work, &missing) != 0) {
            break;
        }
        if (work) {
            tmp[n++] = d;
        }
    }
    for (int i = 0; i < n; i++) {
        b->h->days[i] = tmp[n - 1 - i];
    }
    b->h->ndays = n < HISTORY_WEEKS * 5 ? n : HISTORY_WEEKS * 5;
    if (n > b->h->ndays) {
        memmove(b->h->days, b->h->days + (n - b->h->ndays), (size_t)b->h->ndays * sizeof(int32_t));
    }
    return 0;
}

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
do_accept(struct yc_ctx *ctx, struct hcase *c, const struct yc_matter *m, struct yc_err *err)
{
    struct yc_case_accept_in in = {0};
    struct yc_case_material_in *mats;
    json_t *out = NULL;
    int supplement = strcmp(c->decision, "supplement") == 0, missed = 0;
    int rc;

    mats = yc_arena_alloc(ctx->arena, (m->nmaterials + 1) * sizeof(*mats));
    for (size_t i = 0; i < m->nmaterials; i++) {
        /* a 补正 lacks its first required material; everything else is complete */
        int miss = supplement && !missed && m->materials[i].required;
        missed |= miss;
        mats[i] = (struct yc_case_material_in){m->materials[i].name, miss ? "missing" : "received",
                                               NULL, YC_NO_DAY};
    }
    in.matter_id = m->id;
    in.matter_version = m->version;
    in.applicant_kind = c->who.kind;
    in.applicant_name = c->who.name;
    in.id_number = c->who.id;
    in.phone = c->who.phone;
    in.legal_rep = c->who.legal_rep;
    in.decision = c->decision;
    in.reason = c->reason;
    in.materials = mats;
    in.nmaterials = m->nmaterials;
    rc = yc_svc_case_accept(ctx, &in, &out, err);
    if (rc == 0) {
        json_t *k = json_object_get(out, "case");
        c->id = json_integer_value(json_object_get(k, "id"));
        c->number = yc_arena_strdup(ctx->arena, json_string_value(json_object_get(k, "number")));
    }
    json_decref(out);
    return rc;
}

static int
do_event(struct yc_ctx *ctx, const struct hplan *s, const struct hcase *c, struct yc_err *err)
{
    struct yc_case_event_in in = {0};
    json_t *out = NULL;
    int rc = 0;

    in.event = s->event;
    in.reason = s->text;
    if (strcmp(s->event, "seal") == 0) {
        struct yc_seal seal;
        unsigned char hash[crypto_hash_sha256_BYTES];
        char hex[2 * sizeof(hash) + 1];
        int found = 0;
        rc =
            yc_store_seal_active(ctx->db, ctx->arena, ctx->user->department_id, &seal, &found, err);
        if (rc == 0 && !found) {
            return yc_fail(err, YC_EUNPROC, "demo_seal_missing", NULL,
                           "演示数据：部门没有在用的印章");
        }
        /* as supervise_demo.c: the digest stands for the decision document of this case */
        crypto_hash_sha256(hash, (const unsigned char *)c->number, strlen(c->number));
        sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
        in.seal_id = seal.id;
        in.document = s->text;
        in.sha256 = yc_arena_strdup(ctx->arena, hex);
        in.reason = NULL;
    } else if (strcmp(s->event, "issue_result") == 0) {
        in.channel = s->extra ? "ems" : "window";
        in.tracking_no = s->extra;
        in.reason = NULL;
    }
    if (rc == 0) {
        rc = yc_svc_case_event(ctx, c->id, &in, &out, err);
    }
    json_decref(out);
    return rc;
}

static int
do_rate(struct yc_ctx *ctx, const struct hplan *s, struct hcase *c, struct yc_err *err)
{
    struct yc_rating_in in = {0};
    char token[23];
    json_t *out = NULL;
    int bad = s->level >= 4;
    int rc = yc_sup_rating_token(ctx, c->number, token, err);

    in.token = token;
    in.stage = s->event;
    in.level = s->level;
    in.reason = bad ? s->text : NULL;
    in.comment = !bad && s->text && *s->text ? s->text : NULL;
    in.channel = s->extra;
    /* a bad review is given in the applicant's name so that it can be called back */
    in.real_name = bad;
    in.rater_name =
        bad ? (strcmp(c->who.kind, "firm") == 0 ? c->who.legal_rep : c->who.name) : NULL;
    in.rater_contact = bad ? c->who.phone : NULL;
    if (rc == 0) {
        rc = yc_svc_rate(ctx, c->number, &in, &out, err);
    }
    if (rc == 0 && bad) {
        c->rect_id =
            json_integer_value(json_object_get(json_object_get(out, "rectification"), "id"));
    }
    json_decref(out);
    return rc;
}

static int
do_step(struct yc_ctx *ctx, const struct hplan *s, struct history *h,
        const struct yc_matter *matters, struct yc_err *err)
{
    struct hcase *c = &h->cases[s->slot];
    json_t *out = NULL;
    int rc = 0;

    if (s->kind != H_ACCEPT && !c->id) {
        return 0;
    }
    switch (s->kind) {
    case H_ACCEPT:
        return do_accept(ctx, c, &matters[c->pool - pools], err);
    case H_EVENT:
        return do_event(ctx, s, c, err);
    case H_RATE:
        return do_rate(ctx, s, c, err);
    case H_CALLBACK:
        rc = c->rect_id ? yc_svc_rect_callback(ctx, c->rect_id, s->text, &out, err) : 0;
        break;
    case H_ACTION:
        rc = c->rect_id
                 ? yc_svc_rect_action(ctx, c->rect_id, "immediate", s->text, YC_NO_DAY, &out, err)
                 : 0;
        break;
    }
    json_decref(out);
    return rc;
}

/* The day's notifications went out on that day: marked sent at its end, one transaction (the
 * default sender would otherwise log weeks of them, a hundred at each scan). */
static int
flush_outbox(struct yc_ctx *ctx, int32_t day, struct yc_err *err)
{
    int64_t at = ((int64_t)day * 86400 + (17 - 8) * 3600) * 1000;
    struct yc_outbox_row *o;
    size_t n = 1;
    int won;
    int rc = yc_db_begin(ctx->db, err);

    while (rc == 0 && n > 0) {
        rc = yc_store_outbox_pending(ctx->db, ctx->arena, &o, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            rc = yc_store_outbox_sent(ctx->db, o[i].id, at, &won, err);
        }
    }
    return yc_db_finish(ctx->db, rc, err);
}

static int
by_time(const void *x, const void *y)
{
    const struct hplan *a = x, *b = y;

    if (a->day != b->day) {
        return a->day < b->day ? -1 : 1;
    }
    if (a->minute != b->minute) {
        return a->minute < b->minute ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The matters by name and which front desks may accept them (their letters) on the first day. */
static int
resolve_pools(struct yc_ctx *ctx, struct history *h, struct yc_matter *matters, int *usable,
              struct yc_err *err)
{
    struct yc_ctx a = *ctx;
    struct yc_user u = {0};
    int any = 0;

    for (size_t i = 0; i < NPOOLS; i++) {
        struct yc_err e;
        struct yc_accept may = {0};
        usable[i] = 0;
        if (matter_of(ctx, pools[i].matter, &matters[i], &e) != 0 ||
            act_as(&a, &u, pools[i].fronts[0], h->days[0], 0, &e) != 0 ||
            yc_svc_may_accept(&a, u.id, matters[i].id, h->days[0], &may, &e) != 0) {
            yc_log(YC_LOG_WARN, "demo history: %s left out: %s", pools[i].matter, e.message);
            continue;
        }
        usable[i] = may.may;
        any |= may.may;
    }
    (void)err;
    return any;
}

static int
should_load(struct yc_ctx *ctx, int *yes, struct yc_err *err)
{
    struct yc_case_filter f = {0};
    struct yc_case *c;
    const char *flag = NULL, *sup = NULL;
    size_t n = 0;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, HISTORY_FLAG, &flag, err);

    if (rc == 0) {
        rc = yc_store_setting_get(ctx->db, ctx->arena, "demo.supervision", &sup, err);
    }
    f.state = "";
    f.limit = 1;
    if (rc == 0 && !flag && !sup) {
        rc = yc_store_case_list(ctx->db, ctx->arena, &f, &c, &n, err);
    }
    /* a fresh centre, or a demo centre that has the supervision demo but not yet its history */
    *yes = !flag && (sup != NULL || n == 0);
    return rc;
}

int
yc_svc_demo_history_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct history *h = yc_arena_alloc(ctx->arena, sizeof(*h));
    struct yc_matter *matters = yc_arena_alloc(ctx->arena, NPOOLS * sizeof(*matters));
    int usable[NPOOLS];
    struct yc_ctx a = *ctx;
    struct yc_user u;
    struct days_call dc;
    const char *sup = NULL;
    int yes = 0, total = 0, made = 0;
    int rc = yc_svc_cal_refresh(ctx->db, err);

    if (rc == 0) {
        rc = should_load(ctx, &yes, err);
    }
    if (rc || !yes) {
        return rc;
    }
    memset(h, 0, sizeof(*h));
    h->r.s = 0x5eed2025cafef00dULL;
    h->steps = yc_arena_alloc(ctx->arena, MAX_STEPS * sizeof(*h->steps));
    dc.today = ctx->today;
    dc.h = h;
    if (yc_svc_cal_use(days_cb, &dc, err) != 0 || h->ndays < 5) {
        yc_log(YC_LOG_WARN, "demo history skipped: the calendar does not cover the last weeks");
        return 0;
    }
    if (!resolve_pools(ctx, h, matters, usable, err)) {
        yc_log(YC_LOG_WARN, "demo history skipped: no front desk may accept its matters");
        return 0;
    }
    for (size_t i = 0; i < NPOOLS; i++) {
        total += usable[i] ? pools[i].weight : 0;
    }
    /* a handful of applications a working day, more on Mondays */
    for (int d = 0; d < h->ndays; d++) {
        int n = yc_date_weekday(h->days[d]) == 1 ? 10 + (int)rnd(&h->r, 4) : 5 + (int)rnd(&h->r, 4);
        for (int k = 0; k < n && h->ncases < MAX_CASES; k++) {
            int x = (int)rnd(&h->r, (uint32_t)total);
            size_t i = 0;
            while (!usable[i] || x >= pools[i].weight) {
                x -= usable[i] ? pools[i].weight : 0;
                i++;
            }
            memset(&h->cases[h->ncases], 0, sizeof(h->cases[0]));
            h->cases[h->ncases].pool = &pools[i];
            h->cases[h->ncases].front = pools[i].fronts[pools[i].fronts[1] ? rnd(&h->r, 2) : 0];
            plan_case(h, ctx, &matters[i], d);
        }
    }
    qsort(h->steps, (size_t)h->nsteps, sizeof(*h->steps), by_time);
    for (int i = 0; i < h->nsteps; i++) {
        const struct hplan *s = &h->steps[i];
        struct yc_err e;
        int r = act_as(&a, &u, s->who, h->days[s->day], s->minute, &e);
        if (r == 0) {
            r = do_step(&a, s, h, matters, &e);
        }
        if (r) {
            yc_log(YC_LOG_WARN, "demo history step %d skipped: %s", i, e.message);
        } else {
            made = 1;
        }
        if (i + 1 == h->nsteps || h->steps[i + 1].day != s->day) {
            struct yc_err e2;
            if (flush_outbox(ctx, h->days[s->day], &e2) != 0) {
                yc_log(YC_LOG_WARN, "demo history: notifications left pending: %s", e2.message);
            }
        }
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = yc_store_setting_get(ctx->db, ctx->arena, "demo.supervision", &sup, err);
    }
    if (rc == 0) {
        rc = yc_store_setting_put(ctx->db, HISTORY_FLAG, "1", err);
    }
    rc = yc_db_finish(ctx->db, rc, err);
    /* the supervision demo scans the board after its own cases; loaded after it, scan here */
    if (rc == 0 && sup) {
        rc = yc_svc_supervise_scan(ctx, err);
    }
    *created |= made;
    yc_log(YC_LOG_INFO, "demo history: %d applications over %d working days", h->ncases, h->ndays);
    return rc;
}
