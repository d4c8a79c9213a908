/* report_period.c - periods, metrics, the scorecard formula, ranking and summary sentences of the
 * reports (see report_period.h and docs/reports.md). */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "domain/reform.h"
#include "domain/report_period.h"
#include "base/banned.h"

/* ---- periods ---- */

static void
set_half(struct yc_period *p, int y, int m, int half)
{
    p->kind = YC_PERIOD_HALF;
    p->from = yc_date_from_ymd(y, m, half == 1 ? 1 : 16);
    p->to = yc_date_from_ymd(y, m, half == 1 ? 15 : yc_date_days_in_month(y, m));
    snprintf(p->id, sizeof(p->id), "%04d-%02d-%d", y, m, half);
}

static int
digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int
yc_period_parse_half(const char *s, struct yc_period *out)
{
    int y, m, h;

    if (!s || strlen(s) != 9 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) ||
        digits(s + 5, 2, &m) || digits(s + 8, 1, &h) || m < 1 || m > 12 || (h != 1 && h != 2)) {
        return YC_PERIOD_EFORMAT;
    }
    if (y < YC_DATE_MIN_YEAR || y > YC_DATE_MAX_YEAR) {
        return YC_PERIOD_ERANGE;
    }
    set_half(out, y, m, h);
    return 0;
}

void
yc_period_half_of(int32_t day, struct yc_period *out)
{
    int y, m, d;

    yc_date_to_ymd(day, &y, &m, &d);
    set_half(out, y, m, d <= 15 ? 1 : 2);
}

int
yc_period_year(int year, struct yc_period *out)
{
    if (year < YC_DATE_MIN_YEAR || year > YC_DATE_MAX_YEAR) {
        return YC_PERIOD_ERANGE;
    }
    out->kind = YC_PERIOD_YEAR;
    out->from = yc_date_from_ymd(year, 1, 1);
    out->to = yc_date_from_ymd(year, 12, 31);
    snprintf(out->id, sizeof(out->id), "%04d", year);
    return 0;
}

int
yc_period_range(int32_t from, int32_t to, struct yc_period *out)
{
    struct yc_period h;
    int y1, m1, d1, y2, m2, d2;
    char a[11], b[11];

    if (to < from) {
        return YC_PERIOD_EINVERTED;
    }
    yc_date_to_ymd(from, &y1, &m1, &d1);
    yc_date_to_ymd(to, &y2, &m2, &d2);
    if (y1 < YC_DATE_MIN_YEAR || y2 > YC_DATE_MAX_YEAR || to - from + 1 > YC_PERIOD_MAX_DAYS) {
        return YC_PERIOD_ERANGE;
    }
    yc_period_half_of(from, &h);
    if (h.from == from && h.to == to) {
        *out = h;
        return 0;
    }
    if (m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31 && y1 == y2) {
        return yc_period_year(y1, out);
    }
    out->kind = YC_PERIOD_RANGE;
    out->from = from;
    out->to = to;
    yc_date_format(from, a);
    yc_date_format(to, b);
    snprintf(out->id, sizeof(out->id), "%s..%s", a, b);
    return 0;
}

void
yc_period_prev(const struct yc_period *p, struct yc_period *out)
{
    int y, m, d;

    switch (p->kind) {
    case YC_PERIOD_HALF:
        yc_period_half_of(p->from - 1, out);
        return;
    case YC_PERIOD_YEAR:
        yc_date_to_ymd(p->from, &y, &m, &d);
        if (yc_period_year(y - 1, out) == 0) {
            return;
        }
        break;
    default:
        break;
    }
    /* a range: the same number of days just before it (never refused: the kind may change) */
    if (yc_period_range(p->from - yc_period_days(p), p->from - 1, out) != 0) {
        *out = *p;
    }
}

void
yc_period_next_half(const struct yc_period *p, struct yc_period *out)
{
    yc_period_half_of(p->to + 1, out);
}

int32_t
yc_period_days(const struct yc_period *p)
{
    return p->to - p->from + 1;
}

const char *
yc_period_label(struct yc_arena *a, const struct yc_period *p)
{
    int y1, m1, d1, y2, m2, d2;

    yc_date_to_ymd(p->from, &y1, &m1, &d1);
    yc_date_to_ymd(p->to, &y2, &m2, &d2);
    switch (p->kind) {
    case YC_PERIOD_HALF:
        return yc_arena_printf(a, "%d年%d月%s半月（%d月%d日至%d日）", y1, m1, d1 == 1 ? "上" : "下",
                               m1, d1, d2);
    case YC_PERIOD_YEAR:
        return yc_arena_printf(a, "%d年度（1月1日至12月31日）", y1);
    default:
        if (y1 == y2 && m1 == m2) {
            return yc_arena_printf(a, "%d年%d月%d日至%d日", y1, m1, d1, d2);
        }
        if (y1 == y2) {
            return yc_arena_printf(a, "%d年%d月%d日至%d月%d日", y1, m1, d1, m2, d2);
        }
        return yc_arena_printf(a, "%d年%d月%d日至%d年%d月%d日", y1, m1, d1, y2, m2, d2);
    }
}

/* ---- metrics ---- */

const struct yc_metric_info yc_metrics[YC_M__MAX] = {
    [YC_M_RECEIVED] = {"received", "收件", YC_MS_EVENTS},
    [YC_M_ACCEPTED] = {"accepted", "受理", YC_MS_EVENTS},
    [YC_M_REFUSED] = {"refused", "不予受理", YC_MS_EVENTS},
    [YC_M_SUPPLEMENT] = {"awaiting_materials", "补正告知", YC_MS_EVENTS},
    [YC_M_DECIDED] = {"decided", "办结", YC_MS_EVENTS},
    [YC_M_ON_TIME] = {"on_time", "按时办结", YC_MS_EVENTS},
    [YC_M_OVERDUE] = {"overdue", "超期办结", YC_MS_EVENTS},
    [YC_M_EXTENDED] = {"extended", "延期", YC_MS_EVENTS},
    [YC_M_STOPPED] = {"stopped", "停止计时", YC_MS_EVENTS},
    [YC_M_WARN] = {"warn", "预警", YC_MS_SUPERVISION},
    [YC_M_YELLOW] = {"yellow", "黄牌", YC_MS_SUPERVISION},
    [YC_M_RED] = {"red", "红牌", YC_MS_SUPERVISION},
    [YC_M_ORDERS] = {"orders", "督办单", YC_MS_SUPERVISION},
    [YC_M_RATING_1] = {"rating_1", "非常满意", YC_MS_SUPERVISION},
    [YC_M_RATING_2] = {"rating_2", "满意", YC_MS_SUPERVISION},
    [YC_M_RATING_3] = {"rating_3", "基本满意", YC_MS_SUPERVISION},
    [YC_M_RATING_4] = {"rating_4", "不满意", YC_MS_SUPERVISION},
    [YC_M_RATING_5] = {"rating_5", "非常不满意", YC_MS_SUPERVISION},
    [YC_M_BAD] = {"bad_reviews", "差评", YC_MS_RECTIFY},
    [YC_M_RECTIFIED] = {"rectified", "差评已整改", YC_MS_RECTIFY},
    [YC_M_UNRECTIFIED] = {"unrectified", "差评逾期未整改", YC_MS_RECTIFY},
    [YC_M_DARK] = {"dark_matters", "明进暗不进事项", YC_MS_CATALOGUE},
};

int
yc_metric_by_key(const char *key)
{
    for (int i = 0; i < YC_M__MAX; i++) {
        if (strcmp(key, yc_metrics[i].key) == 0) {
            return i;
        }
    }
    return -1;
}

#define BIT(m) (1u << (m))

unsigned
yc_report_event_metrics(const char *event, const char *from)
{
    static const struct {
        const char *event;
        unsigned metrics;
    } map[] = {
        {"receive", BIT(YC_M_RECEIVED)},
        {"accept", BIT(YC_M_ACCEPTED)},
        {"accept_conditionally", BIT(YC_M_ACCEPTED)},
        {"supplement_complete", BIT(YC_M_ACCEPTED)},
        {"deem_accepted", BIT(YC_M_ACCEPTED)},
        {"handle_on_spot", BIT(YC_M_ACCEPTED) | BIT(YC_M_DECIDED)},
        {"refuse", BIT(YC_M_REFUSED)},
        {"decide_grant", BIT(YC_M_DECIDED)},
        {"decide_refuse", BIT(YC_M_DECIDED)},
        {"extend", BIT(YC_M_EXTENDED)},
        {"request_materials", BIT(YC_M_STOPPED)},
        {"suspend", BIT(YC_M_STOPPED)},
    };

    if (!event) {
        return 0;
    }
    /* only the first 补正 notice: a further round from awaiting_materials is the same wait */
    if (strcmp(event, "request_supplement") == 0) {
        return from && strcmp(from, "received") == 0 ? BIT(YC_M_SUPPLEMENT) : 0;
    }
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(event, map[i].event) == 0) {
            return map[i].metrics;
        }
    }
    return 0;
}

/* ---- the scorecard ---- */

const struct yc_score_rule yc_score_rules[YC_SCORE_NRULES] = {
    {YC_M_RED, 2, 30, "红牌每件扣 2 分，最多扣 30 分"},
    {YC_M_OVERDUE, 1, 30, "超期办结每件扣 1 分，最多扣 30 分"},
    {YC_M_UNRECTIFIED, 2, 20, "差评逾期未整改每件扣 2 分，最多扣 20 分"},
    {YC_M_DARK, 5, 20, "明进暗不进事项每项扣 5 分，最多扣 20 分"},
};

void
yc_report_score(const int64_t v[YC_M__MAX], struct yc_score *out)
{
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < YC_SCORE_NRULES; i++) {
        const struct yc_score_rule *r = &yc_score_rules[i];
        int64_t n = v[r->metric] > 0 ? v[r->metric] : 0;
        int64_t d = n * r->points;
        out->deduction[i] = d > r->cap ? r->cap : d;
        out->total_deduction += out->deduction[i];
    }
    out->score = YC_SCORE_BASE - out->total_deduction;
    if (out->score < 0) {
        out->score = 0;
    }
}

int64_t
yc_report_on_time_permille(int64_t on_time, int64_t decided)
{
    return decided > 0 ? yc_reform_permille(on_time, decided) : 1000;
}

/* 1 when a ranks before b (active ones only). */
static int
before(const struct yc_rank_item *a, const struct yc_rank_item *b)
{
    if (a->score != b->score) {
        return a->score > b->score;
    }
    if (a->on_time_permille != b->on_time_permille) {
        return a->on_time_permille > b->on_time_permille;
    }
    return a->received > b->received;
}

static int
same(const struct yc_rank_item *a, const struct yc_rank_item *b)
{
    return a->score == b->score && a->on_time_permille == b->on_time_permille &&
           a->received == b->received;
}

void
yc_report_rank(struct yc_rank_item *items, size_t n, size_t *order)
{
    size_t k = 0;

    /* the active ones, stably sorted (insertion: a few hundred departments at most) */
    for (size_t i = 0; i < n; i++) {
        size_t j;
        items[i].rank = 0;
        if (!items[i].active) {
            continue;
        }
        for (j = k; j > 0 && before(&items[i], &items[order[j - 1]]); j--) {
            order[j] = order[j - 1];
        }
        order[j] = i;
        k++;
    }
    for (size_t j = 0; j < k; j++) {
        struct yc_rank_item *it = &items[order[j]];
        it->rank = j > 0 && same(it, &items[order[j - 1]]) ? items[order[j - 1]].rank : (int)j + 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!items[i].active) {
            order[k++] = i;
        }
    }
}

/* ---- the summary ---- */

int64_t
yc_report_change_pct(int64_t cur, int64_t prev, int *defined)
{
    *defined = prev != 0;
    if (prev == 0) {
        return 0;
    }
    /* permille / 10, rounded half away from zero, from an exact integer ratio */
    {
        int64_t num = (cur - prev) * 100;
        if ((num < 0) != (prev < 0)) {
            return (num - prev / 2) / prev;
        }
        return (num + prev / 2) / prev;
    }
}

struct change {
    size_t index;
    int64_t weight; /* overdue + red + unrectified + dark */
    int64_t size;   /* |change %|, or a large number when it started from none */
    const char *text;
};

static const char *
change_text(struct yc_arena *a, const struct yc_change_row *r)
{
    char buf[512];
    size_t n;
    int defined;
    int64_t pct = yc_report_change_pct(r->accepted, r->prev_accepted, &defined);

    if (defined && pct > 0) {
        n = (size_t)snprintf(buf, sizeof(buf), "%s受理量较上期增加 %lld%%", r->department,
                             (long long)pct);
    } else if (defined && pct < 0) {
        n = (size_t)snprintf(buf, sizeof(buf), "%s受理量较上期减少 %lld%%", r->department,
                             (long long)-pct);
    } else if (defined) {
        n = (size_t)snprintf(buf, sizeof(buf), "%s受理量与上期持平（%lld 件）", r->department,
                             (long long)r->accepted);
    } else if (r->accepted > 0) {
        n = (size_t)snprintf(buf, sizeof(buf), "%s受理 %lld 件（上期无受理）", r->department,
                             (long long)r->accepted);
    } else {
        n = (size_t)snprintf(buf, sizeof(buf), "%s本期无受理", r->department);
    }
    if (r->overdue > 0 && n < sizeof(buf)) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "，超期 %lld 件", (long long)r->overdue);
    }
    if (r->red > 0 && n < sizeof(buf)) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "，红牌 %lld 件", (long long)r->red);
    }
    if (r->unrectified > 0 && n < sizeof(buf)) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "，差评逾期未整改 %lld 件",
                              (long long)r->unrectified);
    }
    if (r->dark > 0 && n < sizeof(buf)) {
        snprintf(buf + n, sizeof(buf) - n, "，明进暗不进事项 %lld 项", (long long)r->dark);
    }
    return yc_arena_strdup(a, buf);
}

static int
more_notable(const struct change *a, const struct change *b)
{
    if (a->weight != b->weight) {
        return a->weight > b->weight;
    }
    if (a->size != b->size) {
        return a->size > b->size;
    }
    return a->index < b->index;
}

size_t
yc_report_changes(struct yc_arena *a, const struct yc_change_row *rows, size_t n, const char **out,
                  size_t max)
{
    struct change *c = yc_arena_alloc(a, (n + 1) * sizeof(*c));
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        const struct yc_change_row *r = &rows[i];
        int defined;
        int64_t pct = yc_report_change_pct(r->accepted, r->prev_accepted, &defined);
        int64_t size = defined ? (pct < 0 ? -pct : pct) : (r->accepted > 0 ? INT32_MAX : 0);
        int64_t weight = r->overdue + r->red + r->unrectified + r->dark;
        size_t j;
        if (size < YC_REPORT_CHANGE_PCT && weight == 0) {
            continue;
        }
        c[k].index = i;
        c[k].weight = weight;
        c[k].size = size;
        for (j = k; j > 0 && more_notable(&c[k], &c[j - 1]); j--) {
        }
        {
            struct change t = c[k];
            memmove(&c[j + 1], &c[j], (k - j) * sizeof(*c));
            c[j] = t;
        }
        k++;
    }
    if (k > max) {
        k = max;
    }
    for (size_t i = 0; i < k; i++) {
        out[i] = change_text(a, &rows[c[i].index]);
    }
    return k;
}

/* ---- 明进暗不进 and Annex 3 ---- */

int
yc_report_dark(int64_t period_cases, int64_t baseline_cases, int32_t period_days,
               int32_t baseline_days)
{
    if (period_cases != 0 || baseline_cases <= 0 || period_days <= 0 || baseline_days <= 0) {
        return 0;
    }
    return baseline_cases * period_days >= (int64_t)YC_DARK_EXPECTED * baseline_days;
}

int64_t
yc_report_prorate(int64_t volume, int32_t days, int32_t year_days)
{
    if (year_days <= 0) {
        return 0;
    }
    return (volume * days * 2 + year_days) / (2 * (int64_t)year_days);
}
