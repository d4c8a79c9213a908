/*
 * test_letters.c - unit tests of src/domain/letters.c: may a user accept a matter on a day (and
 * why not), overlapping letters, and who acts for an AB post. Days are written as dates and the
 * expected verdicts worked out by hand from the rule in letters.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"
#include "domain/letters.h"

#include "base/banned.h"

static int32_t
D(int y, int m, int d)
{
    return yc_date_from_ymd(y, m, d);
}

/* A letter valid from..to with both authorities, not revoked. */
static struct yc_letter_span
letter(int32_t from, int32_t to)
{
    struct yc_letter_span l = {from, to, 0, 0, YC_AUTH_ACCEPT | YC_AUTH_PREVIEW};
    return l;
}

static void
test_no_letter(void **state)
{
    size_t which = 99;

    (void)state;
    assert_int_equal(yc_letters_may(NULL, 0, D(2025, 10, 15), YC_AUTH_ACCEPT, &which),
                     YC_ACCEPT_NO_LETTER);
    assert_int_equal(which, 99); /* untouched */
    assert_string_equal(yc_accept_verdict_code(YC_ACCEPT_NO_LETTER), "no_letter");
}

static void
test_validity_bounds_are_inclusive(void **state)
{
    struct yc_letter_span l = letter(D(2025, 8, 1), D(2027, 7, 31));
    size_t w = 9;

    (void)state;
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 10, 15), YC_AUTH_ACCEPT, &w), YC_ACCEPT_YES);
    assert_int_equal(w, 0);
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 8, 1), YC_AUTH_ACCEPT, &w), YC_ACCEPT_YES);
    assert_int_equal(yc_letters_may(&l, 1, D(2027, 7, 31), YC_AUTH_ACCEPT, &w), YC_ACCEPT_YES);
    assert_int_equal(yc_letters_may(&l, 1, D(2027, 8, 1), YC_AUTH_ACCEPT, &w), YC_ACCEPT_EXPIRED);
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 7, 31), YC_AUTH_ACCEPT, &w),
                     YC_ACCEPT_NOT_YET_VALID);
    assert_true(yc_letter_holds(&l, D(2027, 7, 31)));
    assert_false(yc_letter_holds(&l, D(2027, 8, 1)));
}

static void
test_revocation_takes_effect_on_its_day(void **state)
{
    struct yc_letter_span l = letter(D(2025, 8, 1), D(2027, 7, 31));
    size_t w;

    (void)state;
    l.revoked = 1;
    l.revoked_on = D(2025, 10, 20);
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 10, 19), YC_AUTH_ACCEPT, &w), YC_ACCEPT_YES);
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 10, 20), YC_AUTH_ACCEPT, &w), YC_ACCEPT_REVOKED);
    /* after its end a letter revoked before the end still reads as revoked, not expired */
    assert_int_equal(yc_letters_may(&l, 1, D(2028, 1, 1), YC_AUTH_ACCEPT, &w), YC_ACCEPT_REVOKED);
    /* before its start it is not yet valid */
    assert_int_equal(yc_letters_may(&l, 1, D(2025, 7, 1), YC_AUTH_ACCEPT, &w),
                     YC_ACCEPT_NOT_YET_VALID);
}

static void
test_lacking_authority(void **state)
{
    struct yc_letter_span l[2] = {letter(D(2024, 8, 1), D(2025, 7, 31)),
                                  letter(D(2025, 8, 1), D(2027, 7, 31))};
    size_t w = 9;

    (void)state;
    l[1].authorities = YC_AUTH_PREVIEW; /* 初审 only */
    assert_int_equal(yc_letters_may(l, 2, D(2025, 10, 15), YC_AUTH_ACCEPT, &w),
                     YC_ACCEPT_LACKS_AUTHORITY);
    assert_int_equal(w, 1); /* the letter that holds wins over the expired one */
    /* asking for 初审 it is enough */
    assert_int_equal(yc_letters_may(l, 2, D(2025, 10, 15), YC_AUTH_PREVIEW, &w), YC_ACCEPT_YES);
}

static void
test_which_letter_explains(void **state)
{
    struct yc_letter_span l[4] = {
        letter(D(2023, 1, 1), D(2023, 12, 31)), /* expired 2023-12-31 */
        letter(D(2024, 1, 1), D(2024, 12, 31)), /* expired 2024-12-31: the later one is named */
        letter(D(2026, 3, 1), D(2026, 12, 31)), /* starts later */
        letter(D(2026, 1, 1), D(2026, 2, 28)),  /* starts earliest of the future ones */
    };
    size_t w = 9;

    (void)state;
    assert_int_equal(yc_letters_may(l, 4, D(2025, 6, 1), YC_AUTH_ACCEPT, &w), YC_ACCEPT_EXPIRED);
    assert_int_equal(w, 1);
    assert_int_equal(yc_letters_may(l + 2, 2, D(2025, 6, 1), YC_AUTH_ACCEPT, &w),
                     YC_ACCEPT_NOT_YET_VALID);
    assert_int_equal(w, 1); /* l[3], index 1 of the slice */
    /* one that holds beats everything */
    assert_int_equal(yc_letters_may(l, 4, D(2026, 2, 1), YC_AUTH_ACCEPT, &w), YC_ACCEPT_YES);
    assert_int_equal(w, 3);
}

static void
test_overlap(void **state)
{
    struct yc_letter_span l = letter(D(2025, 8, 1), D(2027, 7, 31));

    (void)state;
    assert_true(yc_letter_overlaps(&l, D(2027, 7, 31), D(2028, 7, 31))); /* one shared day */
    assert_false(yc_letter_overlaps(&l, D(2027, 8, 1), D(2028, 7, 31)));
    assert_true(yc_letter_overlaps(&l, D(2024, 1, 1), D(2025, 8, 1)));
    assert_false(yc_letter_overlaps(&l, D(2024, 1, 1), D(2025, 7, 31)));
    assert_true(yc_letter_overlaps(&l, D(2026, 1, 1), D(2026, 1, 1))); /* inside */
    /* revocation shortens it: a new letter may start on the revocation day */
    l.revoked = 1;
    l.revoked_on = D(2025, 10, 20);
    assert_false(yc_letter_overlaps(&l, D(2025, 10, 20), D(2027, 7, 31)));
    assert_true(yc_letter_overlaps(&l, D(2025, 10, 19), D(2027, 7, 31)));
    /* revoked before it began: it never holds */
    l.revoked_on = D(2025, 8, 1);
    assert_false(yc_letter_overlaps(&l, D(2025, 8, 1), D(2027, 7, 31)));
}

static void
test_authority_names(void **state)
{
    (void)state;
    assert_int_equal(yc_authority_by_name("受理"), YC_AUTH_ACCEPT);
    assert_int_equal(yc_authority_by_name("初审"), YC_AUTH_PREVIEW);
    assert_int_equal(yc_authority_by_name("accept"), YC_AUTH_ACCEPT);
    assert_int_equal(yc_authority_by_name("preview"), YC_AUTH_PREVIEW);
    assert_int_equal(yc_authority_by_name("审批"), 0);
    assert_int_equal(yc_authority_by_name(""), 0);
}

static void
test_ab_acting(void **state)
{
    (void)state;
    assert_int_equal(yc_post_acting(0, 0), YC_ACTING_A);
    assert_int_equal(yc_post_acting(0, 1), YC_ACTING_A);
    assert_int_equal(yc_post_acting(1, 0), YC_ACTING_B);
    assert_int_equal(yc_post_acting(1, 1), YC_ACTING_NOBODY);
    assert_true(yc_days_overlap(D(2025, 9, 22), D(2025, 9, 26), D(2025, 9, 26), D(2025, 9, 30)));
    assert_false(yc_days_overlap(D(2025, 9, 22), D(2025, 9, 26), D(2025, 9, 27), D(2025, 9, 30)));
    assert_true(yc_days_overlap(D(2025, 9, 22), D(2025, 9, 26), D(2025, 9, 1), D(2025, 12, 31)));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_letter),
        cmocka_unit_test(test_validity_bounds_are_inclusive),
        cmocka_unit_test(test_revocation_takes_effect_on_its_day),
        cmocka_unit_test(test_lacking_authority),
        cmocka_unit_test(test_which_letter_explains),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_authority_names),
        cmocka_unit_test(test_ab_acting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
