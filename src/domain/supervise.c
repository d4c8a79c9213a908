/*
 * supervise.c - the pure rules of supervision and evaluation (supervise.h): rating levels and
 * stages, the names of actions and states, and the board's materialised warning levels.
 */
#include <string.h>

#include "domain/supervise.h"
#include "base/banned.h"

struct name_label {
    const char *name;
    const char *label;
};

static const char *const rating_labels[YC_RATING_MAX + 1] = {
    NULL, "非常满意", "满意", "基本满意", "不满意", "非常不满意",
};

static const struct name_label stages[YC_STAGE__MAX] = {
    {"accept", "受理服务"},
    {"result", "办理结果"},
    {"rectification", "整改复评"},
};

static const struct name_label channels[YC_CHANNEL__MAX] = {
    {"window", "窗口评价器"},
    {"qr", "扫码评价"},
    {"online", "网上评价"},
};

static const struct name_label actions[YC_ACTION__MAX] = {
    {"immediate", "立行立改"},
    {"deadline", "限期整改"},
    {"explain", "解释说明"},
};

static const struct name_label rect_states[YC_RECT__MAX] = {
    {"open", "待回访"},    {"called_back", "已回访"}, {"acted", "已整改"},
    {"rerated", "已复评"}, {"void", "申诉成立"},
};

static const struct name_label order_states[YC_ORDER__MAX] = {
    {"open", "待回复"},
    {"replied", "已回复"},
    {"closed", "已办结"},
};

static const struct name_label decisions[YC_APPEAL__MAX] = {
    {"upheld", "申诉成立"},
    {"rejected", "申诉驳回"},
};

const char *
yc_rating_label(int level)
{
    return level >= YC_RATING_MIN && level <= YC_RATING_MAX ? rating_labels[level] : "未知";
}

int
yc_rating_is_bad(int level)
{
    return level >= YC_RATING_BAD_FROM && level <= YC_RATING_MAX;
}

int
yc_rating_stage_open(enum yc_rating_stage s, enum yc_case_state st, int accepted)
{
    switch (s) {
    case YC_STAGE_ACCEPT:
        return (accepted && st < YC_CASE_STATE__MAX) || st == YC_CASE_REFUSED;
    case YC_STAGE_RESULT:
        return st == YC_CASE_RESULT_ISSUED || st == YC_CASE_CLOSED;
    default:
        return 0;
    }
}

/* ---- names and labels ---- */

static const char *
name_of(const struct name_label *t, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? t[i].name : "unknown";
}

static const char *
label_of(const struct name_label *t, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? t[i].label : "未知";
}

static int
parse_in(const struct name_label *t, size_t n, const char *s, size_t len, int *out)
{
    for (size_t i = 0; s && i < n; i++) {
        if (strlen(t[i].name) == len && memcmp(t[i].name, s, len) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    return -1;
}

#define NAMES(fn, type, table)                                                                     \
    const char *yc_##fn##_name(enum type v)                                                        \
    {                                                                                              \
        return name_of(table, sizeof(table) / sizeof(table[0]), (int)v);                           \
    }                                                                                              \
    const char *yc_##fn##_label(enum type v)                                                       \
    {                                                                                              \
        return label_of(table, sizeof(table) / sizeof(table[0]), (int)v);                          \
    }                                                                                              \
    int yc_##fn##_parse(const char *s, size_t len, enum type *out)                                 \
    {                                                                                              \
        int i;                                                                                     \
        if (parse_in(table, sizeof(table) / sizeof(table[0]), s, len, &i) != 0) {                  \
            return -1;                                                                             \
        }                                                                                          \
        *out = (enum type)i;                                                                       \
        return 0;                                                                                  \
    }

NAMES(rating_stage, yc_rating_stage, stages)
NAMES(rating_channel, yc_rating_channel, channels)
NAMES(rect_action, yc_rect_action, actions)
NAMES(rect_state, yc_rect_state, rect_states)
NAMES(order_state, yc_order_state, order_states)
NAMES(appeal_decision, yc_appeal_decision, decisions)

/* ---- the board's materialised levels ---- */

/* The k-th working day after today (today itself when k <= 0), or NO_DAY past the calendar. */
static int32_t
after(const struct yc_calendar *cal, int32_t today, int k, int *incomplete)
{
    int32_t d;
    int missing = 0;

    if (k <= 0) {
        return today;
    }
    if (yc_cal_add_workdays(cal, today, k, &d, &missing) != 0) {
        *incomplete = 1;
        return YC_CLOCK_NO_DAY;
    }
    return d;
}

/*
 * From today on, with no new stop, used(d) = used + workdays in (today, d]. So (clock.c's
 * fill_view): warn once used(d) >= limit - warn_days, yellow once d > end (or at once when the
 * end passed before a stop), red once used(d) - limit > red_days. Each is "the k-th working day
 * after today" for the k that makes the inequality hold, or today when it already does.
 */
int
yc_watch_compute(const struct yc_calendar *cal, const struct yc_clock *c,
                 const struct yc_clock_policy *p, int32_t today, struct yc_watch *out,
                 struct yc_clock_fault *fault)
{
    struct yc_clock_status st;
    const struct yc_clock_view *v = &st.statutory;
    struct yc_watch w;
    int rc = yc_clock_status(cal, c, p, today, &st, fault);

    if (rc) {
        return rc;
    }
    memset(&w, 0, sizeof(w));
    w.level = v->level;
    w.stopped = st.stopped;
    w.statutory_end = v->end_day;
    w.promised_end = st.promised.end_day;
    if (st.stopped) {
        /* frozen: the levels reached stay, the others cannot come while the stop is open */
        w.warn_day = v->level >= YC_CLOCK_LEVEL_WARN ? today : YC_CLOCK_NO_DAY;
        w.yellow_day = v->level >= YC_CLOCK_LEVEL_YELLOW ? today : YC_CLOCK_NO_DAY;
        w.red_day = v->level >= YC_CLOCK_LEVEL_RED ? today : YC_CLOCK_NO_DAY;
        *out = w;
        return 0;
    }
    w.warn_day =
        v->overdue ? today
                   : after(cal, today, v->limit_days - p->warn_days - v->used_days, &w.incomplete);
    w.yellow_day = v->overdue ? today : v->end_day + 1;
    w.red_day = after(cal, today, p->red_days + 1 + v->limit_days - v->used_days, &w.incomplete);
    *out = w;
    return 0;
}

static int
reached(int32_t threshold, int32_t day)
{
    return threshold != YC_CLOCK_NO_DAY && day >= threshold;
}

enum yc_clock_level
yc_watch_level_at(const struct yc_watch *w, int32_t day)
{
    if (reached(w->red_day, day)) {
        return YC_CLOCK_LEVEL_RED;
    }
    if (reached(w->yellow_day, day)) {
        return YC_CLOCK_LEVEL_YELLOW;
    }
    if (reached(w->warn_day, day)) {
        return YC_CLOCK_LEVEL_WARN;
    }
    return YC_CLOCK_LEVEL_NONE;
}

int32_t
yc_watch_level_day(const struct yc_watch *w, enum yc_clock_level l)
{
    switch (l) {
    case YC_CLOCK_LEVEL_WARN:
        return w->warn_day;
    case YC_CLOCK_LEVEL_YELLOW:
        return w->yellow_day;
    case YC_CLOCK_LEVEL_RED:
        return w->red_day;
    default:
        return YC_CLOCK_NO_DAY;
    }
}
