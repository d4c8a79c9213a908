/*
 * supervise.h - the pure rules of supervision and evaluation (DOMAIN.md, "Supervision and
 * evaluation" and "Clocks"; docs/supervision.md): the five rating levels of 好差评 and which of
 * them are bad reviews, the stages a case can be rated at, the names and labels of the
 * rectification actions and of the states of orders, rectifications and appeals, and the board's
 * materialised warning levels ("watch"): the first day of each level of a case's statutory clock,
 * so that the level on any later day is a comparison of day numbers (no calendar walk at read
 * time).
 *
 * Pure: no I/O, no clock, no allocation. Days are int32_t days since 1970-01-01.
 */
#ifndef YC_DOMAIN_SUPERVISE_H
#define YC_DOMAIN_SUPERVISE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"

#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* ---- ratings (好差评, GB/T 39734, 国办发〔2019〕51号) ---- */

/* Levels 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意; 4 and 5 are bad reviews, which
 * need a reason and open a rectification. */
#define YC_RATING_MIN      1
#define YC_RATING_MAX      5
#define YC_RATING_BAD_FROM 4

/* The Chinese label of a level ("非常满意" ... "非常不满意"), "未知" out of range. Static. */
const char *yc_rating_label(int level);
/* 1 for a bad review (levels 4 and 5), else 0 (also out of range). */
int yc_rating_is_bad(int level);

enum yc_rating_stage {
    YC_STAGE_ACCEPT =
        0, /* accept 受理服务: once the case was accepted (or refused at the window) */
    YC_STAGE_RESULT,        /* result 办理结果: once the result is issued */
    YC_STAGE_RECTIFICATION, /* rectification 整改复评: the rater rates the fix of a bad review */
    YC_STAGE__MAX
};

enum yc_rating_channel {
    YC_CHANNEL_WINDOW = 0, /* window 窗口评价器 (the window's tablet) */
    YC_CHANNEL_QR,         /* qr 扫码评价 (the QR code on a notice) */
    YC_CHANNEL_ONLINE,     /* online 网上评价 */
    YC_CHANNEL__MAX
};

/*
 * May a case in state st be rated at stage s (accept or result)? accepted: 1 if the case has an
 * acceptance day. accept: the applicant was served at the window and got a decision on the
 * application — the case was accepted (and any later state, withdrawal and termination included)
 * or refused (不予受理); result: the result was issued (result_issued, closed). Always 0 for
 * YC_STAGE_RECTIFICATION (that stage opens with a rectification's action, not a case state).
 */
int yc_rating_stage_open(enum yc_rating_stage s, enum yc_case_state st, int accepted);

/* ---- rectification (整改), orders (督办单), appeals (申诉) ---- */

enum yc_rect_action {
    YC_ACTION_IMMEDIATE = 0, /* immediate 立行立改 */
    YC_ACTION_DEADLINE,      /* deadline 限期整改: with a day by which it is fixed */
    YC_ACTION_EXPLAIN,       /* explain 解释说明 */
    YC_ACTION__MAX
};

enum yc_rect_state {
    YC_RECT_OPEN = 0,    /* open 待回访 */
    YC_RECT_CALLED_BACK, /* called_back 已回访 */
    YC_RECT_ACTED,       /* acted 已整改: the action is recorded; the rater may rate the fix */
    YC_RECT_RERATED,     /* rerated 已复评 */
    YC_RECT_VOID,        /* void 申诉成立: the rating was found mistaken or malicious */
    YC_RECT__MAX
};

enum yc_order_state {
    YC_ORDER_OPEN = 0, /* open 待回复 */
    YC_ORDER_REPLIED,  /* replied 已回复 */
    YC_ORDER_CLOSED,   /* closed 已办结 */
    YC_ORDER__MAX
};

enum yc_appeal_decision {
    YC_APPEAL_UPHELD = 0, /* upheld 申诉成立 */
    YC_APPEAL_REJECTED,   /* rejected 申诉驳回 */
    YC_APPEAL__MAX
};

/* Stable English names and Chinese labels; "unknown" / "未知" out of range. Static storage. */
const char *yc_rating_stage_name(enum yc_rating_stage s);
const char *yc_rating_stage_label(enum yc_rating_stage s);
const char *yc_rating_channel_name(enum yc_rating_channel c);
const char *yc_rating_channel_label(enum yc_rating_channel c);
const char *yc_rect_action_name(enum yc_rect_action a);
const char *yc_rect_action_label(enum yc_rect_action a);
const char *yc_rect_state_name(enum yc_rect_state s);
const char *yc_rect_state_label(enum yc_rect_state s);
const char *yc_order_state_name(enum yc_order_state s);
const char *yc_order_state_label(enum yc_order_state s);
const char *yc_appeal_decision_name(enum yc_appeal_decision d);
const char *yc_appeal_decision_label(enum yc_appeal_decision d);

/* Look a value up by its English name (exact, len bytes): 0 and *out set, or -1. */
int yc_rating_stage_parse(const char *s, size_t len, enum yc_rating_stage *out) YC_MUST;
int yc_rating_channel_parse(const char *s, size_t len, enum yc_rating_channel *out) YC_MUST;
int yc_rect_action_parse(const char *s, size_t len, enum yc_rect_action *out) YC_MUST;
int yc_rect_state_parse(const char *s, size_t len, enum yc_rect_state *out) YC_MUST;
int yc_order_state_parse(const char *s, size_t len, enum yc_order_state *out) YC_MUST;
int yc_appeal_decision_parse(const char *s, size_t len, enum yc_appeal_decision *out) YC_MUST;

/* ---- the board's materialised levels ---- */

/*
 * A case's statutory clock seen from a day, kept so that the level on any later day needs no
 * calendar: level_at(d) is red from red_day on, else yellow from yellow_day on, else warn from
 * warn_day on, else none. A threshold already reached on the day computed is that day; one that
 * cannot be reached while nothing changes (a stopped clock) or lies in a year without calendar
 * data is YC_CLOCK_NO_DAY. Valid for every later day until the case changes (a stop, a
 * resumption, an extension: each bumps the case's version) or the calendar does; a stopped clock's
 * provisional ends move daily, so it is recomputed each day (the level does not change).
 */
struct yc_watch {
    enum yc_clock_level level; /* on the day computed (the supervision colour: statutory) */
    int stopped;               /* a stop is open */
    int incomplete;            /* a threshold fell in a year without calendar data */
    int32_t statutory_end;     /* with the extension; provisional while stopped */
    int32_t promised_end;
    int32_t warn_day;
    int32_t yellow_day;
    int32_t red_day;
};

/*
 * Compute the watch of clock c on day today with policy p (the same policy as yc_clock_status).
 * Returns 0, or what yc_clock_status returns (YC_CLOCK_EINVAL, YC_CLOCK_ENOYEAR with the fault
 * naming the year). A threshold in an uncovered year is not an error: it is YC_CLOCK_NO_DAY and
 * out->incomplete is 1. For every day d >= today until the clock changes,
 * yc_watch_level_at(out, d) equals yc_clock_status(c, d).statutory.level.
 */
int yc_watch_compute(const struct yc_calendar *cal, const struct yc_clock *c,
                     const struct yc_clock_policy *p, int32_t today, struct yc_watch *out,
                     struct yc_clock_fault *fault) YC_MUST;

/* The level on day from the thresholds (see struct yc_watch). */
enum yc_clock_level yc_watch_level_at(const struct yc_watch *w, int32_t day);

/* The first day of level l (warn, yellow, red) or YC_CLOCK_NO_DAY (also for none). */
int32_t yc_watch_level_day(const struct yc_watch *w, enum yc_clock_level l);

#endif /* YC_DOMAIN_SUPERVISE_H */
