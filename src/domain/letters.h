/*
 * letters.h - the rules of delegation letters (受理初审授权委托书, DOMAIN.md "Delegation letters")
 * and of AB posts (互为AB岗, "AB posts"). Pure: no I/O, no clock; callers pass the day.
 *
 * A letter holds on day D when valid_from <= D <= valid_to and it was not revoked on or before D
 * (revoked_on is the first day it no longer holds). User U may accept matter M on day D when a
 * letter to U listing M holds on D and grants 受理. When none does, the answer says why, from the
 * letter that comes closest, in this order:
 *   1. a letter holds but lacks 受理                       YC_ACCEPT_LACKS_AUTHORITY
 *   2. a letter was revoked on or before D (latest first)  YC_ACCEPT_REVOKED
 *   3. a letter ended before D (latest end first)          YC_ACCEPT_EXPIRED
 *   4. a letter starts after D (earliest start first)      YC_ACCEPT_NOT_YET_VALID
 *   5. no letter lists M for U at all                      YC_ACCEPT_NO_LETTER
 * A letter revoked before its own end counts as revoked, not expired.
 */
#ifndef YC_DOMAIN_LETTERS_H
#define YC_DOMAIN_LETTERS_H

#include <stddef.h>
#include <stdint.h>

enum yc_authority {
    YC_AUTH_ACCEPT = 1,  /* 受理 */
    YC_AUTH_PREVIEW = 2, /* 初审 */
    YC_AUTH__ALL = 3,
};

struct yc_authority_info {
    enum yc_authority bit;
    const char *zh;   /* 受理 */
    const char *name; /* stable API spelling: "accept" */
};
extern const struct yc_authority_info yc_authorities[];
extern const size_t yc_authorities_count;

/* The authority named `s` in Chinese (受理) or English (accept); 0 when unknown. */
unsigned yc_authority_by_name(const char *s);

/* One letter as the rules see it (for one grantee and one matter). */
struct yc_letter_span {
    int32_t valid_from;
    int32_t valid_to; /* inclusive */
    int revoked;
    int32_t revoked_on; /* with revoked: the first day it no longer holds */
    unsigned authorities;
};

enum yc_accept_verdict {
    YC_ACCEPT_YES = 0,
    YC_ACCEPT_LACKS_AUTHORITY,
    YC_ACCEPT_REVOKED,
    YC_ACCEPT_EXPIRED,
    YC_ACCEPT_NOT_YET_VALID,
    YC_ACCEPT_NO_LETTER,
};

/* Stable English code of a verdict: "yes", "lacks_authority", "revoked" ... */
const char *yc_accept_verdict_code(enum yc_accept_verdict v);

/* 1 when the letter holds on day (regardless of its authorities). */
int yc_letter_holds(const struct yc_letter_span *l, int32_t day);

/*
 * The verdict for day among n letters (n may be 0) and the letter that decided it (*which, an
 * index; unchanged for YC_ACCEPT_NO_LETTER). `needed` is the authority bit asked for.
 */
enum yc_accept_verdict yc_letters_may(const struct yc_letter_span *l, size_t n, int32_t day,
                                      unsigned needed, size_t *which);

/*
 * 1 when a letter valid from..to (inclusive) would overlap the days on which l holds or will
 * hold: revocation shortens l, so a new letter may follow a revoked one.
 */
int yc_letter_overlaps(const struct yc_letter_span *l, int32_t from, int32_t to);

/* ---- AB posts ---- */

enum yc_acting {
    YC_ACTING_A = 0,
    YC_ACTING_B,
    YC_ACTING_NOBODY, /* A and B both absent */
};

/* Who acts for a post on a day, given whether A and B are absent that day. */
enum yc_acting yc_post_acting(int a_absent, int b_absent);

/* 1 when the inclusive periods [a_from, a_to] and [b_from, b_to] share a day. */
int yc_days_overlap(int32_t a_from, int32_t a_to, int32_t b_from, int32_t b_to);

#endif
