/* letters.c - may user U accept matter M on day D, overlapping letters, and who acts for a post. */
#include <string.h>

#include "domain/letters.h"
#include "base/banned.h"

const struct yc_authority_info yc_authorities[] = {
    {YC_AUTH_ACCEPT, "受理", "accept"},
    {YC_AUTH_PREVIEW, "初审", "preview"},
};
const size_t yc_authorities_count = sizeof(yc_authorities) / sizeof(yc_authorities[0]);

unsigned
yc_authority_by_name(const char *s)
{
    for (size_t i = 0; i < yc_authorities_count; i++) {
        if (strcmp(s, yc_authorities[i].zh) == 0 || strcmp(s, yc_authorities[i].name) == 0) {
            return yc_authorities[i].bit;
        }
    }
    return 0;
}

static const char *const verdict_codes[] = {
    [YC_ACCEPT_YES] = "yes",
    [YC_ACCEPT_LACKS_AUTHORITY] = "lacks_authority",
    [YC_ACCEPT_REVOKED] = "revoked",
    [YC_ACCEPT_EXPIRED] = "expired",
    [YC_ACCEPT_NOT_YET_VALID] = "not_yet_valid",
    [YC_ACCEPT_NO_LETTER] = "no_letter",
};

const char *
yc_accept_verdict_code(enum yc_accept_verdict v)
{
    if ((size_t)v < sizeof(verdict_codes) / sizeof(verdict_codes[0])) {
        return verdict_codes[v];
    }
    return "unknown";
}

/* The first day the letter no longer holds: the day after valid_to, or the revocation if earlier.
 */
static int32_t
end_day(const struct yc_letter_span *l)
{
    int32_t end = l->valid_to + 1;

    if (l->revoked && l->revoked_on < end) {
        end = l->revoked_on;
    }
    return end;
}

int
yc_letter_holds(const struct yc_letter_span *l, int32_t day)
{
    return day >= l->valid_from && day < end_day(l);
}

/* Rank of one letter's answer for day, and the key that orders letters of the same rank
 * (larger wins). */
static enum yc_accept_verdict
judge(const struct yc_letter_span *l, int32_t day, unsigned needed, int64_t *key)
{
    int32_t end = end_day(l);

    if (day >= l->valid_from && day < end) {
        *key = 0;
        return (l->authorities & needed) == needed ? YC_ACCEPT_YES : YC_ACCEPT_LACKS_AUTHORITY;
    }
    if (l->revoked && l->revoked_on <= l->valid_to && day >= l->revoked_on) {
        *key = l->revoked_on;
        return YC_ACCEPT_REVOKED;
    }
    if (day >= end) {
        *key = l->valid_to;
        return YC_ACCEPT_EXPIRED;
    }
    *key = -(int64_t)l->valid_from; /* the earliest start wins */
    return YC_ACCEPT_NOT_YET_VALID;
}

enum yc_accept_verdict
yc_letters_may(const struct yc_letter_span *l, size_t n, int32_t day, unsigned needed,
               size_t *which)
{
    enum yc_accept_verdict best = YC_ACCEPT_NO_LETTER;
    int64_t best_key = 0;

    for (size_t i = 0; i < n; i++) {
        int64_t key;
        enum yc_accept_verdict v = judge(&l[i], day, needed, &key);
        if (v < best || (v == best && key > best_key)) {
            best = v;
            best_key = key;
            *which = i;
        }
    }
    return best;
}

int
yc_letter_overlaps(const struct yc_letter_span *l, int32_t from, int32_t to)
{
    int32_t end = end_day(l);

    if (end <= l->valid_from) {
        return 0; /* revoked before it began: it never holds */
    }
    return yc_days_overlap(l->valid_from, end - 1, from, to);
}

enum yc_acting
yc_post_acting(int a_absent, int b_absent)
{
    if (!a_absent) {
        return YC_ACTING_A;
    }
    return b_absent ? YC_ACTING_NOBODY : YC_ACTING_B;
}

int
yc_days_overlap(int32_t a_from, int32_t a_to, int32_t b_from, int32_t b_to)
{
    return a_from <= b_to && b_from <= a_to;
}
