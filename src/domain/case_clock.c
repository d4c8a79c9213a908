/*
 * case_clock.c - statutory and promised clocks, deemed acceptance, explanation dates (see
 * case_clock.h and docs/case-flow.md).
 */
#include "domain/case_clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/date.h"

#include "base/banned.h"

#define POLICY_MAX_DAYS 60

static const struct {
    const char *name;
    const char *label;
} stop_kinds[YC_CLOCK_STOP__MAX] = {
    [YC_CLOCK_STOP_SUPPLEMENT] = {"supplement", "补正"},
    [YC_CLOCK_STOP_HEARING] = {"hearing", "听证"},
    [YC_CLOCK_STOP_TENDER] = {"tender", "招标"},
    [YC_CLOCK_STOP_AUCTION] = {"auction", "拍卖"},
    [YC_CLOCK_STOP_INSPECTION] = {"inspection", "检验"},
    [YC_CLOCK_STOP_TESTING] = {"testing", "检测"},
    [YC_CLOCK_STOP_QUARANTINE] = {"quarantine", "检疫"},
    [YC_CLOCK_STOP_APPRAISAL] = {"appraisal", "鉴定"},
    [YC_CLOCK_STOP_EXPERT_REVIEW] = {"expert_review", "专家评审"},
};

static const struct {
    const char *name;
    const char *label;
} levels[YC_CLOCK_LEVEL__MAX] = {
    [YC_CLOCK_LEVEL_NONE] = {"none", "正常"},
    [YC_CLOCK_LEVEL_WARN] = {"warn", "预警"},
    [YC_CLOCK_LEVEL_YELLOW] = {"yellow", "黄牌"},
    [YC_CLOCK_LEVEL_RED] = {"red", "红牌"},
};

/* One clock walked up to a day (see the rules in case_clock.h). */
struct walk {
    int used;         /* working days in the running periods up to the day */
    int32_t end;      /* the end; provisional while stopped and not fixed */
    int fixed;        /* the end passed before a stop began: later stops do not move it */
    int stopped;      /* a stop is open on the day */
    size_t open_stop; /* its index when stopped */
    int stopped_days; /* working days inside stops, (S, min(R, day)] */
};

static int fail(struct yc_clock_fault *fault, int rc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct yc_clock_fault *fault, int rc, const char *code, const char *fmt, ...)
{
    va_list ap;

    if (fault) {
        fault->code = code;
        fault->missing_year = 0;
        va_start(ap, fmt);
        vsnprintf(fault->message, sizeof(fault->message), fmt, ap);
        va_end(ap);
    }
    return rc;
}

static int
no_year(struct yc_clock_fault *fault, int year)
{
    fail(fault, YC_CLOCK_ENOYEAR, "clock_no_year", "%d 年的节假日安排尚未导入，无法计算期限", year);
    if (fault) {
        fault->missing_year = year;
    }
    return YC_CLOCK_ENOYEAR;
}

static void
ok(struct yc_clock_fault *fault)
{
    if (fault) {
        fault->code = "";
        fault->missing_year = 0;
        fault->message[0] = '\0';
    }
}

/* The calendar calls, with a missing year turned into a fault. */
static int
between(const struct yc_calendar *cal, int32_t a, int32_t b, int *n, struct yc_clock_fault *fault)
{
    int year = 0;

    if (yc_cal_workdays_between(cal, a, b, n, &year) != 0) {
        return year ? no_year(fault, year)
                    : fail(fault, YC_CLOCK_EINVAL, "clock_bad_day", "日期超出日历范围");
    }
    return 0;
}

static int
add(const struct yc_calendar *cal, int32_t from, int n, int32_t *end, struct yc_clock_fault *fault)
{
    int year = 0;

    if (yc_cal_add_workdays(cal, from, n, end, &year) != 0) {
        return year ? no_year(fault, year)
                    : fail(fault, YC_CLOCK_EINVAL, "clock_bad_day", "日期超出日历范围");
    }
    return 0;
}

/* Walk c with a limit of limit working days up to day (stops beginning after day are ignored). */
static int
walk(const struct yc_calendar *cal, const struct yc_clock *c, int limit, int32_t day,
     struct walk *w, struct yc_clock_fault *fault)
{
    int32_t a = c->start_day;
    int n;
    size_t i;
    int rc;

    memset(w, 0, sizeof(*w));
    for (i = 0; i < c->n_stops; i++) {
        const struct yc_clock_stop *s = &c->stops[i];
        int32_t until;

        if (s->stop_day > day) {
            break;
        }
        if ((rc = between(cal, a, s->stop_day, &n, fault)) != 0) {
            return rc;
        }
        if (!w->fixed && w->used + n > limit) {
            /* The end fell inside this running period, before the stop. */
            if ((rc = add(cal, a, limit - w->used, &w->end, fault)) != 0) {
                return rc;
            }
            w->fixed = 1;
        }
        w->used += n;
        until = (s->resume_day == YC_CLOCK_NO_DAY || s->resume_day > day) ? day : s->resume_day;
        if ((rc = between(cal, s->stop_day, until, &n, fault)) != 0) {
            return rc;
        }
        w->stopped_days += n;
        if (until == day && s->resume_day != day) {
            w->stopped = 1;
            w->open_stop = i;
            break;
        }
        a = s->resume_day;
    }
    if (w->stopped) {
        if (!w->fixed && (rc = add(cal, day, limit - w->used, &w->end, fault)) != 0) {
            return rc;
        }
        return 0;
    }
    if ((rc = between(cal, a, day, &n, fault)) != 0) {
        return rc;
    }
    if (!w->fixed && (rc = add(cal, a, limit - w->used, &w->end, fault)) != 0) {
        return rc;
    }
    w->used += n;
    return 0;
}

/* 1 if the clock walked up to day is past its end. */
static int
walk_overdue(const struct walk *w, int32_t day)
{
    return w->fixed || (!w->stopped && day > w->end);
}

void
yc_clock_policy_default(struct yc_clock_policy *p)
{
    p->warn_days = 2;
    p->red_days = 3;
}

int
yc_clock_check(const struct yc_clock *c, int32_t today, struct yc_clock_fault *fault)
{
    int32_t last;
    size_t i;

    if (c->statutory_days < 0 || c->statutory_days > YC_CLOCK_MAX_DAYS) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_limit", "法定时限应在 0 至 %d 个工作日之间",
                    YC_CLOCK_MAX_DAYS);
    }
    /* an explanation of a missed promise may move it into the extension, never beyond it */
    if (c->promised_days < 0 || c->promised_days > c->statutory_days + c->extension_days) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_promise",
                    "承诺时限应在 0 至法定时限（%d 个工作日）之间",
                    c->statutory_days + c->extension_days);
    }
    if (today < c->start_day) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_today", "当前日期早于受理日期");
    }
    if (c->extension_days == 0 && c->extended_day != YC_CLOCK_NO_DAY) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_extension", "没有延期天数却记录了延期日期");
    }
    if (c->extension_days != 0 && (c->extension_days < 1 || c->extension_days > YC_CLOCK_MAX_DAYS ||
                                   c->extended_day == YC_CLOCK_NO_DAY ||
                                   c->extended_day < c->start_day || c->extended_day > today)) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_extension",
                    "延期天数或延期日期无效（应在受理日与当前日期之间）");
    }
    if (c->n_stops > 0 && !c->stops) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_stop", "停止计时记录缺失");
    }
    last = c->start_day;
    for (i = 0; i < c->n_stops; i++) {
        const struct yc_clock_stop *s = &c->stops[i];

        if ((int)s->kind < 0 || s->kind >= YC_CLOCK_STOP__MAX) {
            return fail(fault, YC_CLOCK_EINVAL, "clock_bad_stop", "第 %zu 次停止计时的原因无效",
                        i + 1);
        }
        if (s->stop_day < last || s->stop_day > today) {
            return fail(fault, YC_CLOCK_EINVAL, "clock_bad_stop",
                        "第 %zu 次停止计时的日期不在上次恢复计时与当前日期之间", i + 1);
        }
        if (s->resume_day == YC_CLOCK_NO_DAY) {
            if (i + 1 != c->n_stops) {
                return fail(fault, YC_CLOCK_EINVAL, "clock_bad_stop",
                            "第 %zu 次停止计时尚未恢复，却有后续停止记录", i + 1);
            }
            break;
        }
        if (s->resume_day < s->stop_day || s->resume_day > today) {
            return fail(fault, YC_CLOCK_EINVAL, "clock_bad_stop",
                        "第 %zu 次恢复计时的日期不在停止日与当前日期之间", i + 1);
        }
        last = s->resume_day;
    }
    return 0;
}

static void
fill_view(struct yc_clock_view *v, const struct walk *w, int limit, int32_t today,
          const struct yc_clock_policy *p)
{
    v->limit_days = limit;
    v->end_day = w->end;
    v->used_days = w->used;
    v->left_days = limit - w->used;
    v->overdue = walk_overdue(w, today);
    v->overdue_days = v->overdue && w->used > limit ? w->used - limit : 0;
    if (v->overdue) {
        v->level = v->overdue_days > p->red_days ? YC_CLOCK_LEVEL_RED : YC_CLOCK_LEVEL_YELLOW;
    } else if (!w->stopped && v->left_days <= p->warn_days) {
        v->level = YC_CLOCK_LEVEL_WARN;
    } else {
        v->level = YC_CLOCK_LEVEL_NONE;
    }
}

int
yc_clock_status(const struct yc_calendar *cal, const struct yc_clock *c,
                const struct yc_clock_policy *p, int32_t today, struct yc_clock_status *out,
                struct yc_clock_fault *fault)
{
    struct yc_clock_status st;
    struct walk ws;
    struct walk wp;
    int rc;

    if ((rc = yc_clock_check(c, today, fault)) != 0) {
        return rc;
    }
    if (p->warn_days < 0 || p->warn_days > POLICY_MAX_DAYS || p->red_days < 0 ||
        p->red_days > POLICY_MAX_DAYS) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_policy", "预警或红牌阈值应在 0 至 %d 之间",
                    POLICY_MAX_DAYS);
    }
    if (c->extension_days > 0) {
        if ((rc = walk(cal, c, c->statutory_days, c->extended_day, &ws, fault)) != 0) {
            return rc;
        }
        if (walk_overdue(&ws, c->extended_day)) {
            return fail(fault, YC_CLOCK_EINVAL, "clock_late_extension", "延期决定晚于原法定期限");
        }
    }
    if ((rc = walk(cal, c, c->statutory_days + c->extension_days, today, &ws, fault)) != 0 ||
        (rc = walk(cal, c, c->promised_days, today, &wp, fault)) != 0) {
        return rc;
    }
    memset(&st, 0, sizeof(st));
    fill_view(&st.statutory, &ws, c->statutory_days + c->extension_days, today, p);
    fill_view(&st.promised, &wp, c->promised_days, today, p);
    st.extended = c->extension_days > 0;
    st.stopped = ws.stopped;
    st.stopped_since = ws.stopped ? c->stops[ws.open_stop].stop_day : YC_CLOCK_NO_DAY;
    st.stop_kind = ws.stopped ? c->stops[ws.open_stop].kind : YC_CLOCK_STOP_SUPPLEMENT;
    st.stopped_days = ws.stopped_days;
    *out = st;
    ok(fault);
    return 0;
}

int
yc_clock_extension_check(const struct yc_calendar *cal, const struct yc_clock *c, int32_t day,
                         int days, int32_t *new_end, struct yc_clock_fault *fault)
{
    struct walk w;
    int rc;

    if (c->extension_days != 0 || c->extended_day != YC_CLOCK_NO_DAY) {
        return fail(fault, YC_CLOCK_EAGAIN, "clock_extended_twice",
                    "该案件已延期一次，不能再次延期");
    }
    if (days < 1 || days > YC_CLOCK_MAX_DAYS) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_extension", "延期天数应在 1 至 %d 之间",
                    YC_CLOCK_MAX_DAYS);
    }
    if ((rc = yc_clock_check(c, day, fault)) != 0) {
        return rc;
    }
    if ((rc = walk(cal, c, c->statutory_days, day, &w, fault)) != 0) {
        return rc;
    }
    if (walk_overdue(&w, day)) {
        char end[11];

        yc_date_format(w.end, end);
        return fail(fault, YC_CLOCK_ELATE, "clock_extension_late",
                    "法定期限已于 %s 届满，不能再延期", end);
    }
    if ((rc = walk(cal, c, c->statutory_days + days, day, &w, fault)) != 0) {
        return rc;
    }
    *new_end = w.end;
    ok(fault);
    return 0;
}

int
yc_clock_deemed(const struct yc_calendar *cal, int32_t received_day, int32_t today,
                struct yc_clock_deemed *out, struct yc_clock_fault *fault)
{
    struct yc_clock_deemed d;
    int rc;

    if (today < received_day) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_today", "当前日期早于收件日期");
    }
    if ((rc = add(cal, received_day, YC_CLOCK_DEEMED_DAYS, &d.deadline_day, fault)) != 0) {
        return rc;
    }
    d.deemed = today > d.deadline_day;
    d.accept_day = d.deemed ? received_day : YC_CLOCK_NO_DAY;
    *out = d;
    ok(fault);
    return 0;
}

int
yc_clock_acceptance_day(int32_t received_day, const int32_t *arrival_days, size_t n,
                        int32_t *accept_day, struct yc_clock_fault *fault)
{
    int32_t last = received_day;
    size_t i;

    if (n > 0 && !arrival_days) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_arrival", "补正材料到达日期缺失");
    }
    for (i = 0; i < n; i++) {
        if (arrival_days[i] < received_day) {
            return fail(fault, YC_CLOCK_EINVAL, "clock_bad_arrival",
                        "第 %zu 份补正材料的到达日期早于收件日期", i + 1);
        }
        if (arrival_days[i] > last) {
            last = arrival_days[i];
        }
    }
    *accept_day = last;
    ok(fault);
    return 0;
}

int
yc_clock_explain_date(const struct yc_calendar *cal, const struct yc_clock_status *st,
                      int32_t today, int32_t proposed_day, int32_t *new_day,
                      struct yc_clock_fault *fault)
{
    int32_t end = st->statutory.end_day;
    int is_work = 0;
    int year = 0;

    if (st->stopped) {
        return fail(fault, YC_CLOCK_ESTOPPED, "clock_stopped", "案件停止计时中，期限未定");
    }
    if (st->statutory.overdue || end < today) {
        return fail(fault, YC_CLOCK_ELATE, "clock_statutory_passed", "法定期限已届满");
    }
    if (proposed_day == YC_CLOCK_NO_DAY) {
        *new_day = end;
        ok(fault);
        return 0;
    }
    if (proposed_day < today) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_proposal", "新的办结日期早于今天");
    }
    if (proposed_day > end) {
        char buf[11];

        yc_date_format(end, buf);
        return fail(fault, YC_CLOCK_ELATE, "clock_proposal_late", "新的办结日期晚于法定期限 %s",
                    buf);
    }
    if (yc_cal_is_workday(cal, proposed_day, &is_work, &year) != 0) {
        return no_year(fault, year);
    }
    if (!is_work) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_proposal", "新的办结日期不是工作日");
    }
    *new_day = proposed_day;
    ok(fault);
    return 0;
}

int
yc_clock_idle(const struct yc_calendar *cal, int32_t from_day, int days, int32_t today,
              struct yc_clock_idle *out, struct yc_clock_fault *fault)
{
    struct yc_clock_idle d;
    int rc;

    if (days < 1 || days > YC_CLOCK_MAX_DAYS) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_limit", "期限应在 1 至 %d 个工作日之间",
                    YC_CLOCK_MAX_DAYS);
    }
    if (today < from_day) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_today", "当前日期早于起算日期");
    }
    if ((rc = add(cal, from_day, days, &d.deadline_day, fault)) != 0) {
        return rc;
    }
    d.idle = today > d.deadline_day;
    *out = d;
    ok(fault);
    return 0;
}

int
yc_clock_explain(const struct yc_calendar *cal, const struct yc_clock *c, int32_t today, int days,
                 struct yc_clock_explanation *out, struct yc_clock_fault *fault)
{
    struct yc_clock_policy p;
    struct yc_clock_status st;
    struct yc_clock moved;
    struct yc_clock_explanation e = {0, YC_CLOCK_NO_DAY, 0, YC_CLOCK_NO_DAY};
    int limit;
    int rc;

    if (days < 1 || days > YC_CLOCK_MAX_DAYS) {
        return fail(fault, YC_CLOCK_EINVAL, "clock_bad_limit", "顺延天数应在 1 至 %d 个工作日之间",
                    YC_CLOCK_MAX_DAYS);
    }
    yc_clock_policy_default(&p);
    memset(&st, 0, sizeof(st));
    if ((rc = yc_clock_status(cal, c, &p, today, &st, fault)) != 0) {
        return rc;
    }
    e.old_end = st.promised.end_day;
    /* missed, running, and a lawful later date remains */
    if (!st.promised.overdue || st.stopped || st.statutory.overdue) {
        *out = e;
        return 0;
    }
    limit = c->promised_days + days;
    if (limit < st.promised.used_days + 1) {
        limit = st.promised.used_days + 1; /* found late: not before the next working day */
    }
    if (limit > st.statutory.limit_days) {
        limit = st.statutory.limit_days;
    }
    if (limit <= c->promised_days) {
        *out = e;
        return 0;
    }
    moved = *c;
    moved.promised_days = limit;
    if ((rc = yc_clock_status(cal, &moved, &p, today, &st, fault)) != 0) {
        return rc;
    }
    e.due = 1;
    e.new_limit = limit;
    e.new_end = st.promised.end_day;
    *out = e;
    ok(fault);
    return 0;
}

const char *
yc_clock_stop_kind_name(enum yc_clock_stop_kind k)
{
    return ((int)k >= 0 && k < YC_CLOCK_STOP__MAX) ? stop_kinds[k].name : "unknown";
}

const char *
yc_clock_stop_kind_label(enum yc_clock_stop_kind k)
{
    return ((int)k >= 0 && k < YC_CLOCK_STOP__MAX) ? stop_kinds[k].label : "未知";
}

const char *
yc_clock_level_name(enum yc_clock_level l)
{
    return ((int)l >= 0 && l < YC_CLOCK_LEVEL__MAX) ? levels[l].name : "unknown";
}

const char *
yc_clock_level_label(enum yc_clock_level l)
{
    return ((int)l >= 0 && l < YC_CLOCK_LEVEL__MAX) ? levels[l].label : "未知";
}

int
yc_clock_stop_kind_parse(const char *s, size_t len, enum yc_clock_stop_kind *out)
{
    int i;

    if (!s) {
        return YC_CLOCK_EINVAL;
    }
    for (i = 0; i < YC_CLOCK_STOP__MAX; i++) {
        if ((strlen(stop_kinds[i].name) == len && memcmp(stop_kinds[i].name, s, len) == 0) ||
            (strlen(stop_kinds[i].label) == len && memcmp(stop_kinds[i].label, s, len) == 0)) {
            *out = (enum yc_clock_stop_kind)i;
            return 0;
        }
    }
    return YC_CLOCK_EINVAL;
}
