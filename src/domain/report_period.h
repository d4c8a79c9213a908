/*
 * report_period.h - the pure arithmetic of the supervision reports (docs/reports.md): periods
 * (half-months, years, free ranges), the metrics and what each case event counts as, the
 * scorecard formula, the ranking, the sentences of the summary, the 明进暗不进 rule and the
 * pro-rating of Annex 3's yearly volumes.
 *
 * Pure: no I/O, no clock. Days are int32_t days since 1970-01-01 (base/date.h); memory for text
 * comes from the caller's arena. Rates are permille integers (domain/reform.h), so every output
 * prints the same figure.
 */
#ifndef YC_DOMAIN_REPORT_PERIOD_H
#define YC_DOMAIN_REPORT_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"

#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* ---- periods ---- */

enum yc_period_kind {
    YC_PERIOD_HALF = 0, /* a half-month: the 1st-15th or the 16th-last day of a month */
    YC_PERIOD_YEAR,     /* a calendar year */
    YC_PERIOD_RANGE,    /* any from..to, both included */
};

struct yc_period {
    enum yc_period_kind kind;
    int32_t from; /* first day, included */
    int32_t to;   /* last day, included */
    char id[24];  /* "2026-11-1" (1st-15th), "2026-11-2" (16th-end), "2026", "2026-03-05..2026-04-20" */
};

/* Results of the parsers (0 is success). */
enum {
    YC_PERIOD_EFORMAT = -1,   /* not a period id / not a date */
    YC_PERIOD_EINVERTED = -2, /* a range that ends before it starts */
    YC_PERIOD_ERANGE = -3,    /* outside the years 1900..2199, or longer than YC_PERIOD_MAX_DAYS */
};

#define YC_PERIOD_MAX_DAYS 1096 /* a free range may span at most three years */

/* "YYYY-MM-H", H 1 (1st-15th) or 2 (16th to the month's last day); exactly that form. */
int yc_period_parse_half(const char *s, struct yc_period *out) YC_MUST;
/* The half-month holding day. */
void yc_period_half_of(int32_t day, struct yc_period *out);
/* A calendar year (1900..2199). */
int yc_period_year(int year, struct yc_period *out) YC_MUST;
/* A free range from..to; when it is exactly a half-month or a year it takes that kind and id. */
int yc_period_range(int32_t from, int32_t to, struct yc_period *out) YC_MUST;
/*
 * The period before p, to compare with: the previous half-month, the previous year, or for a
 * free range the range of the same length that ends the day before it starts.
 */
void yc_period_prev(const struct yc_period *p, struct yc_period *out);
/* The half-month after a half-month. */
void yc_period_next_half(const struct yc_period *p, struct yc_period *out);
/* Days in the period, both ends included. */
int32_t yc_period_days(const struct yc_period *p);
/* For people: "2026年11月上半月（11月1日至15日）", "2026年度（1月1日至12月31日）",
 * "2026年3月5日至4月20日", "2026年3月2日至9日". */
const char *yc_period_label(struct yc_arena *a, const struct yc_period *p);

/* ---- metrics ---- */

/* Every figure a report counts per department. The stable keys are the API's and the CLI's. */
enum yc_metric {
    YC_M_RECEIVED = 0, /* received: 收件 */
    YC_M_ACCEPTED,     /* accepted (受理, also 容缺, 补正齐全, 视为受理, 即办) */
    YC_M_REFUSED,      /* refused at the window (不予受理) */
    YC_M_SUPPLEMENT,   /* a first 补正 notice: received -> awaiting materials */
    YC_M_DECIDED,      /* decided (准予 / 不予许可, 即办) */
    YC_M_ON_TIME,      /* of decided: by the statutory end (extension and stops included) */
    YC_M_OVERDUE,      /* of decided: after it */
    YC_M_EXTENDED,     /* extensions granted */
    YC_M_STOPPED,      /* clock stops begun (review 补正, legal exclusions) */
    YC_M_WARN,         /* 预警 reached */
    YC_M_YELLOW,       /* 黄牌 reached */
    YC_M_RED,          /* 红牌 reached */
    YC_M_ORDERS,       /* supervision orders issued to the department */
    YC_M_RATING_1,     /* 非常满意 */
    YC_M_RATING_2,     /* 满意 */
    YC_M_RATING_3,     /* 基本满意 */
    YC_M_RATING_4,     /* 不满意 */
    YC_M_RATING_5,     /* 非常不满意 */
    YC_M_BAD,          /* bad reviews of the period (4 and 5) not voided by an upheld appeal */
    YC_M_RECTIFIED,    /* of them: rectification action recorded by the report's day */
    YC_M_UNRECTIFIED,  /* of them: not rectified by their fix deadline (as of the report's day) */
    YC_M_DARK,         /* 明进暗不进: entered matters the centre did not handle (yc_report_dark) */
    YC_M__MAX
};

/* Where a metric's figure comes from (svc/reports.c reads each source with one query). */
enum yc_metric_source {
    YC_MS_EVENTS = 0,   /* case events, folded into report_facts and report_daily */
    YC_MS_SUPERVISION,  /* rows of the supervision tables, folded into report_daily */
    YC_MS_RECTIFY,      /* counted from rectifications as of the report's day */
    YC_MS_CATALOGUE,    /* the 明进暗不进 rule over matters and report_matter_daily */
};

struct yc_metric_info {
    const char *key; /* "received" */
    const char *zh;  /* 收件 */
    enum yc_metric_source source;
};
extern const struct yc_metric_info yc_metrics[YC_M__MAX];

/* The metric named key; -1 when none. */
int yc_metric_by_key(const char *key);

/*
 * What a case event counts as: a bit set of (1u << enum yc_metric). event and from are the names
 * of domain/case_flow.h (the event and the state it fired from). A decision (decide_grant,
 * decide_refuse, handle_on_spot) gives YC_M_DECIDED; the caller adds YC_M_ON_TIME or
 * YC_M_OVERDUE from the clock on the decision's day. Unknown events count as nothing.
 */
unsigned yc_report_event_metrics(const char *event, const char *from);

/* ---- the scorecard formula (one table, docs/reports.md) ---- */

struct yc_score_rule {
    enum yc_metric metric; /* what is counted */
    int points;            /* points deducted per item */
    int cap;               /* at most this many points in all */
    const char *zh;        /* the rule in words */
};
#define YC_SCORE_BASE   100
#define YC_SCORE_NRULES 4
extern const struct yc_score_rule yc_score_rules[YC_SCORE_NRULES];

struct yc_score {
    int64_t deduction[YC_SCORE_NRULES]; /* per rule, in yc_score_rules order */
    int64_t total_deduction;
    int64_t score; /* YC_SCORE_BASE - total_deduction, never below 0 */
};

/* The score of one department from its figures (indexed by enum yc_metric). */
void yc_report_score(const int64_t v[YC_M__MAX], struct yc_score *out);

/*
 * Ranking. A department is ranked when it had work in the period (received or decided > 0) or a
 * deduction; the others are listed after, unranked (rank 0). Order: score descending, then the
 * on-time rate (permille of decided; 1000 when nothing was decided), then received, descending.
 * Departments equal on all three share a rank (1, 2, 2, 4); the ones listed after keep their
 * input order. order[] gets the indexes of items in report order.
 */
struct yc_rank_item {
    int64_t score;
    int64_t on_time_permille;
    int64_t received;
    int active;
    int rank; /* out: 1.., or 0 unranked */
};
void yc_report_rank(struct yc_rank_item *items, size_t n, size_t *order);

/* The on-time rate of a department: permille of decided, 1000 when nothing was decided. */
int64_t yc_report_on_time_permille(int64_t on_time, int64_t decided);

/* ---- the summary ---- */

/*
 * Change of cur against prev in whole percent, rounded half away from zero; 0 and *defined = 0
 * when prev is 0.
 */
int64_t yc_report_change_pct(int64_t cur, int64_t prev, int *defined);

/* One department's figures for the sentences. */
struct yc_change_row {
    const char *department;
    int64_t accepted, prev_accepted;
    int64_t overdue, red, unrectified, dark;
};

/*
 * The sentences on departments' changes since the previous period, e.g.
 * "市市场监督管理局受理量较上期增加 12%，超期办结 2 件". A department gets one when its
 * accepted count changed by at least YC_REPORT_CHANGE_PCT percent (or started from none), or it
 * has overdue decisions, red cards, bad reviews not rectified in time or 明进暗不进 matters - the
 * items of the scorecard formula. Most notable first (their sum descending, then the size of the
 * change, then input order), at most max. Returns how many were written to out[] (arena strings).
 */
#define YC_REPORT_CHANGE_PCT 10
size_t yc_report_changes(struct yc_arena *a, const struct yc_change_row *rows, size_t n,
                         const char **out, size_t max);

/* ---- 明进暗不进 and Annex 3 ---- */

/*
 * 1 when an entered matter shows the 明进暗不进 signal: no case received at the centre in the
 * period although its volume over the baseline (the 365 days before the period) makes at least
 * YC_DARK_EXPECTED cases expected in a period of that length:
 *   period_cases == 0 && baseline_cases * period_days >= YC_DARK_EXPECTED * baseline_days.
 */
#define YC_DARK_EXPECTED      3
#define YC_DARK_BASELINE_DAYS 365
int yc_report_dark(int64_t period_cases, int64_t baseline_cases, int32_t period_days,
                   int32_t baseline_days);

/* A yearly volume pro-rated to days of a year of year_days days, rounded half up. */
int64_t yc_report_prorate(int64_t volume, int32_t days, int32_t year_days);

#endif
