/*
 * case_clock.h - the statutory and promised clocks of a case (DOMAIN.md, "Clocks" and
 * "Acceptance at the window"; 行政许可法 §32, §42, §45, §82; docs/case-flow.md).
 *
 * Pure: no I/O, no clock, no allocation. Days are int32_t days since 1970-01-01; "today" is the
 * caller's. Every count uses the working-day calendar (calendar.h); a date in a year the calendar
 * does not cover is YC_CLOCK_ENOYEAR and the fault names the year, never a guess.
 *
 * The rules:
 *   - A limit of N working days from the start day D ends on the N-th working day after D (D does
 *     not count): yc_cal_add_workdays(D, N). N = 0 (即办) ends on D.
 *   - Working days "used" by today are the working days in the running periods: (D, S1], (R1, S2],
 *     ..., (Rk, today], where Si is the day stop i began (it counts) and Ri the day it ended (it
 *     does not). So a clock stopped on S and resumed on R ends (N - used) working days after R,
 *     with used = working days in (D, S]; several stops chain the same way.
 *   - If the end had already passed when a stop began (used > N at S), the stop does not move the
 *     end: the case stays overdue.
 *   - An extension (once; +10 working days by default, 15 for joint handling) adds to the
 *     statutory limit only; it must be granted no later than the end it extends.
 *   - Stops (补正 during review and the legal exclusions) stop both clocks.
 *   - While a stop is open the ends are provisional: the ends if the clock resumed today. A
 *     stopped clock is not overdue and has no warning, unless its end passed before the stop.
 *   - Warning levels, per clock: overdue (today after the end) is 黄牌, or 红牌 when more than
 *     red_days working days of running time have passed since the end; otherwise 预警 when at most
 *     warn_days working days are left (the end day itself has 0 left); otherwise none.
 */
#ifndef YC_DOMAIN_CASE_CLOCK_H
#define YC_DOMAIN_CASE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* Limits from the law (working days). */
#define YC_CLOCK_DECIDE_DAYS       20   /* §42: decide within 20 */
#define YC_CLOCK_EXTEND_DAYS       10   /* §42: extendable once by 10 (department head) */
#define YC_CLOCK_JOINT_DAYS        45   /* §42: joint or centralised handling 45 */
#define YC_CLOCK_JOINT_EXTEND_DAYS 15   /* ... extendable by 15 */
#define YC_CLOCK_PREREVIEW_DAYS    20   /* §43: a lower agency's pre-review */
#define YC_CLOCK_CERTIFICATE_DAYS  10   /* §44: certificate within 10 of a grant */
#define YC_CLOCK_DEEMED_DAYS       5    /* §32(4): 补正 notice within 5, else deemed accepted */
#define YC_CLOCK_MAX_DAYS          3650 /* upper bound of any limit this module accepts */

#define YC_CLOCK_NO_DAY INT32_MIN /* "no such day": an open stop's resume day, no extension */

/* Results (0 is success). */
enum {
    YC_CLOCK_ENOYEAR = -1,  /* a date in a year the calendar does not cover; the fault names it */
    YC_CLOCK_EINVAL = -2,   /* an argument out of range or out of order; the fault says which */
    YC_CLOCK_EAGAIN = -3,   /* an extension asked for a second time */
    YC_CLOCK_ELATE = -4,    /* an extension after the end, or an explanation date after it */
    YC_CLOCK_ESTOPPED = -5, /* the clock is stopped: the requested date is not defined */
};

/* Why the clock stopped: 补正 during review, and the legal exclusions of §45. */
enum yc_clock_stop_kind {
    YC_CLOCK_STOP_SUPPLEMENT = 0, /* supplement 补正 */
    YC_CLOCK_STOP_HEARING,        /* hearing 听证 */
    YC_CLOCK_STOP_TENDER,         /* tender 招标 */
    YC_CLOCK_STOP_AUCTION,        /* auction 拍卖 */
    YC_CLOCK_STOP_INSPECTION,     /* inspection 检验 */
    YC_CLOCK_STOP_TESTING,        /* testing 检测 */
    YC_CLOCK_STOP_QUARANTINE,     /* quarantine 检疫 */
    YC_CLOCK_STOP_APPRAISAL,      /* appraisal 鉴定 */
    YC_CLOCK_STOP_EXPERT_REVIEW,  /* expert_review 专家评审 */
    YC_CLOCK_STOP__MAX
};

enum yc_clock_level {
    YC_CLOCK_LEVEL_NONE = 0, /* none */
    YC_CLOCK_LEVEL_WARN,     /* warn 预警 */
    YC_CLOCK_LEVEL_YELLOW,   /* yellow 黄牌: overdue */
    YC_CLOCK_LEVEL_RED,      /* red 红牌: seriously overdue */
    YC_CLOCK_LEVEL__MAX
};

/* Why a call failed. */
struct yc_clock_fault {
    const char *code;  /* "clock_no_year", "clock_bad_stop", ...; "" on success; static */
    int missing_year;  /* YC_CLOCK_ENOYEAR: the year without calendar data, else 0 */
    char message[200]; /* Chinese, names the year or the field; no period */
};

/* One stop. stop_day counts as used; resume_day does not. */
struct yc_clock_stop {
    int32_t stop_day;
    int32_t resume_day; /* YC_CLOCK_NO_DAY while the stop is open (only the last may be) */
    enum yc_clock_stop_kind kind;
};

/* A case's clock, as recorded. The clock does not own stops. */
struct yc_clock {
    int32_t start_day;    /* the acceptance day (not counted) */
    int statutory_days;   /* 0..YC_CLOCK_MAX_DAYS, e.g. YC_CLOCK_DECIDE_DAYS or the matter's */
    int promised_days;    /* 0..statutory_days + extension_days (承诺时限, as explained) */
    int extension_days;   /* granted extension, 0 when none (then extended_day is NO_DAY) */
    int32_t extended_day; /* the day it was granted, or YC_CLOCK_NO_DAY */
    const struct yc_clock_stop *stops; /* in time order, may be NULL when n_stops is 0 */
    size_t n_stops;
};

/* Thresholds. Fill with yc_clock_policy_default, then change. */
struct yc_clock_policy {
    int warn_days; /* 预警 when at most this many working days are left: default 2, 0..60 */
    int red_days;  /* 红牌 when more than this many working days overdue: default 3, 0..60 */
};

/* One clock (statutory or promised) seen on a day. */
struct yc_clock_view {
    int limit_days;   /* the limit in force (statutory: with the extension) */
    int32_t end_day;  /* the end; provisional (as if resumed today) while stopped */
    int used_days;    /* working days used by today (running time only) */
    int left_days;    /* limit_days - used_days: 0 on the end day, < 0 once running past it */
    int overdue;      /* 1 if the end has passed (see the header comment), else 0 */
    int overdue_days; /* working days of running time since the end, 0 when not overdue */
    enum yc_clock_level level;
};

struct yc_clock_status {
    struct yc_clock_view statutory;
    struct yc_clock_view promised;
    int extended;                      /* 1 if an extension was granted */
    int stopped;                       /* 1 if a stop is open */
    int32_t stopped_since;             /* its stop_day, or YC_CLOCK_NO_DAY */
    enum yc_clock_stop_kind stop_kind; /* its kind (valid when stopped) */
    int stopped_days;                  /* working days in all stops up to today (informative) */
};

/* The defaults listed in struct yc_clock_policy. */
void yc_clock_policy_default(struct yc_clock_policy *p);

/*
 * Check a recorded clock against today: limits in range, promised <= statutory + extension,
 * extension either absent (0 and NO_DAY) or 1..YC_CLOCK_MAX_DAYS granted on a day in
 * [start, today], stops in order (start <= S1 <= R1 <= S2 ... <= today), only the last open, kinds in range. Returns 0 or
 * YC_CLOCK_EINVAL with *fault (if not NULL) naming the fault. Does not consult the calendar (so it
 * does not check that the extension came before the end: yc_clock_status does).
 */
int yc_clock_check(const struct yc_clock *c, int32_t today, struct yc_clock_fault *fault) YC_MUST;

/*
 * The clocks of c on today. Returns 0 and fills *out, or YC_CLOCK_EINVAL (c fails yc_clock_check,
 * the policy is out of range, or the extension was granted after the unextended end),
 * YC_CLOCK_ENOYEAR (the fault names the year). *out is unchanged on failure. fault may be NULL.
 */
int yc_clock_status(const struct yc_calendar *cal, const struct yc_clock *c,
                    const struct yc_clock_policy *p, int32_t today, struct yc_clock_status *out,
                    struct yc_clock_fault *fault) YC_MUST;

/*
 * May the statutory clock of c be extended by days (1..YC_CLOCK_MAX_DAYS) on day? Returns 0 and
 * sets *new_end (the extended end; provisional while stopped), or YC_CLOCK_EAGAIN (c already has
 * an extension), YC_CLOCK_ELATE (day is after the end: the end is checked as of day, with the stops
 * recorded up to day), YC_CLOCK_EINVAL, YC_CLOCK_ENOYEAR. c must pass yc_clock_check for day. On
 * success the caller records extension_days = days and extended_day = day.
 */
int yc_clock_extension_check(const struct yc_calendar *cal, const struct yc_clock *c, int32_t day,
                             int days, int32_t *new_end, struct yc_clock_fault *fault) YC_MUST;

/* What yc_clock_deemed found. */
struct yc_clock_deemed {
    int deemed;           /* 1 if the application counts as accepted */
    int32_t deadline_day; /* the 5th working day after receipt: the last day for a 补正 notice */
    int32_t accept_day;   /* when deemed: the receipt day; else YC_CLOCK_NO_DAY */
};

/*
 * §32(4): an application received on received_day that has been neither accepted nor answered
 * with a 补正 notice is deemed accepted once today is after the YC_CLOCK_DEEMED_DAYS-th working
 * day after receipt, with the receipt day as its acceptance day. On the deadline day itself it is
 * not (the notice may still be given). Returns 0 and fills *out, or YC_CLOCK_EINVAL (today before
 * received_day) or YC_CLOCK_ENOYEAR. Idempotent: a pure function of its arguments.
 */
int yc_clock_deemed(const struct yc_calendar *cal, int32_t received_day, int32_t today,
                    struct yc_clock_deemed *out, struct yc_clock_fault *fault) YC_MUST;

/*
 * The acceptance day after 补正 rounds: the day the last missing material arrived, i.e. the latest
 * of arrival_days[0..n) (in any order, repeats allowed), or received_day when n is 0. Every arrival
 * must be on or after received_day, else YC_CLOCK_EINVAL. arrival_days may be NULL when n is 0.
 */
int yc_clock_acceptance_day(int32_t received_day, const int32_t *arrival_days, size_t n,
                            int32_t *accept_day, struct yc_clock_fault *fault) YC_MUST;

/*
 * The new date told to the applicant when the promised date is missed (st from yc_clock_status on
 * today): proposed_day when it is not YC_CLOCK_NO_DAY, else the statutory end. The date must be a
 * working day in [today, statutory end]. Returns 0 and sets *new_day, or YC_CLOCK_ESTOPPED (a stop
 * is open: no end is defined), YC_CLOCK_ELATE (the date is after the statutory end, or the
 * statutory end has passed), YC_CLOCK_EINVAL (proposed before today or not a working day),
 * YC_CLOCK_ENOYEAR.
 */
int yc_clock_explain_date(const struct yc_calendar *cal, const struct yc_clock_status *st,
                          int32_t today, int32_t proposed_day, int32_t *new_day,
                          struct yc_clock_fault *fault) YC_MUST;

/* What yc_clock_idle found. */
struct yc_clock_idle {
    int idle;             /* 1 if today is after the deadline */
    int32_t deadline_day; /* the days-th working day after from_day */
};

/*
 * Has something begun on from_day waited more than days (1..YC_CLOCK_MAX_DAYS) working days by
 * today? The deadline is the days-th working day after from_day (from_day does not count); it is
 * idle from the day after the deadline on. Used by the AB post rule: a case untouched by A since
 * its assignment day. Returns 0 and fills *out, or YC_CLOCK_EINVAL (days out of range, today
 * before from_day), YC_CLOCK_ENOYEAR. A pure function of its arguments.
 */
int yc_clock_idle(const struct yc_calendar *cal, int32_t from_day, int days, int32_t today,
                  struct yc_clock_idle *out, struct yc_clock_fault *fault) YC_MUST;

/* What yc_clock_explain found. */
struct yc_clock_explanation {
    int due;           /* 1: the promise is missed and a later lawful date exists */
    int32_t old_end;   /* the promised end as of today (the missed one when due) */
    int new_limit;     /* when due: the promised limit (working days) that ends on new_end */
    int32_t new_end;   /* when due: the new promised end; else YC_CLOCK_NO_DAY */
};

/*
 * A missed promise (承诺时限) and the new date told to the applicant (说明函): due when today is
 * after the promised end of c, the clock runs (no open stop) and the statutory end (with the
 * extension) has not passed. The new promised limit is the old one + days working days, but at
 * least the next working day after today (a miss found late) and at most the statutory limit: the
 * new date never passes the statutory end. Not due: due = 0, old_end set, new_* unset.
 * Returns 0, or YC_CLOCK_EINVAL (c invalid; days not in 1..YC_CLOCK_MAX_DAYS),
 * YC_CLOCK_ENOYEAR. The caller records promised_days = new_limit; calling again with it on the same
 * day is not due (idempotent).
 */
int yc_clock_explain(const struct yc_calendar *cal, const struct yc_clock *c, int32_t today,
                     int days, struct yc_clock_explanation *out,
                     struct yc_clock_fault *fault) YC_MUST;

/* Stable English names ("supplement", "expert_review"; "none", "warn", "yellow", "red") and
 * Chinese labels ("补正", "专家评审"; "正常", "预警", "黄牌", "红牌"); "unknown" / "未知" out of
 * range. Static storage; never NULL. */
const char *yc_clock_stop_kind_name(enum yc_clock_stop_kind k);
const char *yc_clock_stop_kind_label(enum yc_clock_stop_kind k);
const char *yc_clock_level_name(enum yc_clock_level l);
const char *yc_clock_level_label(enum yc_clock_level l);

/* Look up a stop kind by its English name or Chinese label (exact, len bytes). 0 and *out set, or
 * YC_CLOCK_EINVAL with *out unchanged. */
int yc_clock_stop_kind_parse(const char *s, size_t len, enum yc_clock_stop_kind *out) YC_MUST;

#endif /* YC_DOMAIN_CASE_CLOCK_H */
