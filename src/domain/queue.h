/*
 * queue.h - the calling policy of the hall queue (DOMAIN.md, "The queue"; docs/queue-policy.md).
 *
 * Pure functions: no I/O, no clock (the caller passes now). Times are Unix seconds
 * (int64_t); a time field that is "unset" holds 0. Staff never choose a ticket: the queue service
 * loads the waiting tickets a window may call and asks yc_queue_pick for the next one.
 *
 * The policy: ageing order, held back by a bound on the extra wait.
 *
 *   1. Effective class. A green-channel ticket (绿色通道) counts as GREEN while its reason is in
 * the policy's list; an appointment (预约) counts as APPOINTMENT once its slot has started,
 * provided it checked in no later than appt_late_grace_s after the slot's end. Before its slot
 * starts an appointment waits as NORMAL (with its check-in time); a late one is NORMAL for good.
 *   2. Standing (排队位次). Tickets are ordered by their standing time, smallest first, then by
 * issue time, then by id. A normal ticket's standing is its issue time; a green ticket's is its
 * issue time minus green_bonus_s; an appointment's is max(check-in, slot start) minus appt_bonus_s
 *      (never later than its check-in). So a priority ticket goes ahead of a normal one only if the
 *      normal one has not waited bonus seconds longer: a ticket's standing rises with its wait
 *      ("class bonus - waited seconds").
 *   3. The bound. Calling the first ticket by standing, X, makes every waiting ticket issued before
 *      X one call later. For each of them (any class) the policy compares two pictures of the day:
 *        - its turn without priorities: the day replayed in pure issue order (FIFO) on the open
 *          windows from the first call of the day, with the service times the calls really took
 *          (est_service_s for a ticket not yet served, at least that for a call still running);
 *        - its projected call if X goes now: the windows free up as their calls reach
 *          est_service_s, and the tickets issued before it plus X are called first.
 *      If projected call - turn + (max_service_s - est_service_s) > max_extra_wait_s for one of
 *      them, the first such ticket H (by issue time, then id) holds the order: only tickets issued
 *      no later than H may be called, the first of them by standing. The slack stands for the call
 *      being made, which may last max_service_s. Service times are not known in advance, so the
 *      bound is kept on this projection; docs/queue-policy.md reports how the real extra wait of
 *      simulated days compares with it.
 *
 * A day of normal tickets only is called in pure issue order (rule 3 never fires: nothing waiting
 * was issued before the first by standing). Determinism: the result depends only on the arguments;
 * ties end at the ticket id. Cost per call: O((n + m) log(n + m) + (n + m) * w) for n waiting
 * tickets, m calls today and w windows; it allocates scratch memory (aborting when out of memory).
 */
#ifndef YC_DOMAIN_QUEUE_H
#define YC_DOMAIN_QUEUE_H

#include <stddef.h>
#include <stdint.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* Results (0 is success). */
enum {
    YC_QUEUE_EEMPTY = -1, /* yc_queue_pick: no ticket is waiting */
    YC_QUEUE_EINVAL = -2, /* an argument out of range (see each function) */
};

enum yc_queue_class {
    YC_QUEUE_CLASS_NORMAL = 0,
    YC_QUEUE_CLASS_APPOINTMENT, /* 预约: checked in with an appointment code */
    YC_QUEUE_CLASS_GREEN,       /* 绿色通道: elderly, disabled, military ... (policy's list) */
    YC_QUEUE_CLASS__MAX
};

/* Why yc_queue_pick chose its ticket. */
enum yc_queue_why {
    YC_QUEUE_WHY_ORDER = 0, /* first by standing (rule 2) */
    YC_QUEUE_WHY_BOUND,     /* the order was held by the bound (rule 3) */
    YC_QUEUE_WHY__MAX
};

#define YC_QUEUE_REASON_MAX  31 /* bytes of a green-channel reason code */
#define YC_QUEUE_REASONS_MAX 16 /* reason codes in a policy */
#define YC_QUEUE_PREFIX_MAX  3  /* letters of a zone's ticket prefix */
#define YC_QUEUE_NUMBER_SIZE 16 /* bytes that always hold a formatted ticket number and its NUL */
#define YC_QUEUE_LIMIT_S     86400 /* upper bound of every duration in the policy */

/*
 * The configuration. Fill with yc_queue_policy_default, then change fields; yc_queue_policy_check
 * validates. The policy does not own green_reasons: the strings must outlive its use.
 */
struct yc_queue_policy {
    int64_t max_extra_wait_s;  /* the bound of rule 3: default 600, 0..YC_QUEUE_LIMIT_S */
    int64_t green_bonus_s;     /* default 1800, 0..YC_QUEUE_LIMIT_S */
    int64_t appt_bonus_s;      /* default 1800, 0..YC_QUEUE_LIMIT_S */
    int64_t appt_late_grace_s; /* default 300, 0..YC_QUEUE_LIMIT_S */
    int64_t est_service_s;     /* usual service (today's mean): default 600, 1..LIMIT */
    int64_t max_service_s;     /* a long service (p90..max): default 900, est_service_s..LIMIT */
    /* Codes [a-z0-9_]{1,31}, default elderly, disabled, military; 0..YC_QUEUE_REASONS_MAX of
     * them (0 turns the green channel off). */
    const char *const *green_reasons;
    size_t n_green_reasons;
};

/* A waiting ticket, with no personal data. */
struct yc_queue_ticket {
    int64_t id;               /* unique; the last tie-break */
    int32_t zone;             /* carried for the caller; the policy does not look at it */
    enum yc_queue_class cls;  /* the class it was issued with */
    const char *green_reason; /* GREEN: the reason code; NULL or unknown means NORMAL */
    int64_t issued_s;         /* issue (appointment: check-in) time; kept on transfer */
    int64_t slot_start_s;     /* APPOINTMENT: the slot [start, end]; end < start reads as start */
    int64_t slot_end_s;
    int64_t transferred_s; /* when it last joined this list by a transfer; 0 if never */
};

/* A ticket called today from the zones the window serves, by any window: rule 3 replays them.
 * Every call of the day must be listed (a recall is not a new call), in any order. */
struct yc_queue_call {
    int64_t issued_s;   /* the ticket's issue time, as in struct yc_queue_ticket */
    int64_t called_s;   /* its first call */
    int64_t finished_s; /* end of its service (served, no-show, transferred out); 0 while serving */
};

/* What yc_queue_pick sees. */
struct yc_queue_view {
    int64_t now_s;
    int windows;                           /* open windows serving these zones (>= 1) */
    const struct yc_queue_ticket *waiting; /* may be NULL when n_waiting is 0 */
    size_t n_waiting;
    const struct yc_queue_call *calls; /* may be NULL when n_calls is 0 */
    size_t n_calls;
};

struct yc_queue_pick {
    size_t index;                 /* into view->waiting */
    enum yc_queue_class as_class; /* its effective class now (rule 1) */
    enum yc_queue_why why;
    int64_t standing_s; /* its standing (rule 2) */
    int64_t lag_s;      /* now minus its turn without priorities (rule 3); < 0 if ahead */
};

/* The defaults listed in struct yc_queue_policy. */
void yc_queue_policy_default(struct yc_queue_policy *p);

/* 0, or YC_QUEUE_EINVAL with *why (if not NULL) set to a Chinese message naming the field (static
 * storage) when a field is out of range or a reason code is malformed or repeated. */
int yc_queue_policy_check(const struct yc_queue_policy *p, const char **why) YC_MUST;

/* 1 if code is one of the policy's green-channel reasons, else 0 (NULL gives 0). */
int yc_queue_green_reason_ok(const struct yc_queue_policy *p, const char *code);

/* Chinese label of a default reason code ("elderly" 老年人, "disabled" 残疾人, "military" 军人), or
 * NULL for any other code. Static storage. */
const char *yc_queue_green_label(const char *code);

/* The class t counts as at now (rule 1). */
enum yc_queue_class yc_queue_effective_class(const struct yc_queue_policy *p,
                                             const struct yc_queue_ticket *t, int64_t now_s);

/* t's standing time at now (rule 2): smaller is called earlier. */
int64_t yc_queue_standing_s(const struct yc_queue_policy *p, const struct yc_queue_ticket *t,
                            int64_t now_s);

/*
 * Choose the next ticket of view (rules 1-3) into *out. Returns 0, YC_QUEUE_EEMPTY when nothing is
 * waiting, or YC_QUEUE_EINVAL when the policy fails yc_queue_policy_check or windows < 1 (*out is
 * then unchanged).
 */
int yc_queue_pick(const struct yc_queue_policy *p, const struct yc_queue_view *view,
                  struct yc_queue_pick *out) YC_MUST;

/*
 * How many waiting tickets of view stand before view->waiting[index] at view->now_s by rule 2: the
 * people-ahead figure of a ticket slip and of the live position page. It is a figure of this
 * moment: priority tickets that arrive later may still go first, and rule 3 only ever brings
 * forward tickets issued earlier (which stand before a normal ticket anyway). index must be below
 * n_waiting.
 */
size_t yc_queue_ahead(const struct yc_queue_policy *p, const struct yc_queue_view *view,
                      size_t index);

/* A rough wait estimate for a slip: ceil(ahead * mean_service_s / windows), 0 when an argument is
 * not positive, capped at YC_QUEUE_LIMIT_S. */
int64_t yc_queue_estimate_wait_s(size_t ahead, int windows, int64_t mean_service_s);

/*
 * The ticket number of sequence seq in a zone with prefix (1..YC_QUEUE_PREFIX_MAX upper-case ASCII
 * letters): at least three digits, zero-padded, so "A" and 1 give "A001", 999 gives "A999", 1000
 * gives "A1000". Writes the NUL-terminated number into out (YC_QUEUE_NUMBER_SIZE bytes always
 * suffice) and returns its length, or YC_QUEUE_EINVAL (out untouched) for a bad prefix, seq outside
 * 1..INT32_MAX, or out_size too small.
 */
int yc_queue_format_number(const char *prefix, int32_t seq, char *out, size_t out_size) YC_MUST;

/* to_s - from_s, or -1 when either is unset (<= 0) or to_s < from_s. Wait time is
 * yc_queue_span_s(issued, called) (a transferred ticket keeps its first issue time), service time
 * is yc_queue_span_s(called, finished). */
int64_t yc_queue_span_s(int64_t from_s, int64_t to_s);

/* Day statistics of waits or service times, in seconds. */
struct yc_queue_stats {
    size_t n;       /* values counted (negative ones are skipped) */
    size_t skipped; /* negative values: spans that could not be computed */
    int64_t min_s;
    int64_t median_s; /* nearest-rank 50th percentile: the value of rank ceil(n / 2) */
    int64_t p90_s;    /* nearest-rank 90th percentile: the value of rank ceil(9n / 10) */
    int64_t max_s;
    int64_t mean_s; /* rounded down */
};

/*
 * Statistics of v[0..n). Nearest rank: sort the counted values ascending; the p-th percentile is
 * the value at 1-based rank ceil(p * count / 100) (rank 1 when that is 0), so it is always an
 * observed value. v is reordered in place (non-negative values first, ascending). With no counted
 * value every figure is 0. v may be NULL only when n is 0.
 */
void yc_queue_stats_compute(int64_t *v, size_t n, struct yc_queue_stats *out);

/* The nearest-rank pct-th percentile (0..100) of sorted[0..n) ascending; 0 when n is 0. */
int64_t yc_queue_percentile(const int64_t *sorted, size_t n, int pct);

/* Stable English names: "normal", "appointment", "green"; "order", "bound"; "unknown" otherwise. */
const char *yc_queue_class_code(enum yc_queue_class c);
const char *yc_queue_why_code(enum yc_queue_why w);

#endif /* YC_DOMAIN_QUEUE_H */
