/*
 * case_no.h - case numbers (办件编号): readable, unique, self-checking (docs/case-flow.md).
 *
 * Format: PREFIX YYYYMMDD '-' SEQ '-' CC, e.g. "SY20251015-00042-32":
 *   PREFIX  the centre's code, 2-4 letters A-Z ("SY" 邵阳);
 *   date    the day the case was received, a real date in 1900..2199;
 *   SEQ     the per-day sequence, 5 digits, 00001..99999 (the store hands out each day's
 *           sequence, so prefix + date + sequence is unique);
 *   CC      two check digits, ISO 7064 MOD 97-10 (as in IBAN, ISO 13616) over the string
 *           PREFIX YYYYMMDD SEQ with each letter replaced by its value A=10 .. Z=35: CC = 98 -
 *           (N * 100 mod 97), so that N CC mod 97 = 1.
 *
 * Why MOD 97-10 and not MOD 37,36. Both are in ISO 7064, but MOD 37,36 is a hybrid system and
 * misses some adjacent transpositions: SY20251015-00067 and SY20251015-00076 both get 'N'. MOD
 * 97-10 is a pure system with a prime modulus above the radix: a single substituted digit changes
 * N by d * 10^k and an adjacent transposition by d * 9 * 10^k (d in 1..9), a substituted letter by
 * d * 10^k (d in 1..25) and two transposed adjacent letters by d * 99 * 10^k: none is a multiple
 * of 97, so every such error is caught (the unit tests check this exhaustively on many numbers).
 * A letter typed for a digit or the reverse, or a moved '-', breaks the format. The check is two
 * digits, never a letter, so it cannot be misread as O/0 or I/1.
 *
 * Pure functions: no I/O, no clock, no allocation.
 */
#ifndef YC_DOMAIN_CASE_NO_H
#define YC_DOMAIN_CASE_NO_H

#include <stddef.h>
#include <stdint.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

#define YC_CASE_NO_PREFIX_MIN 2
#define YC_CASE_NO_PREFIX_MAX 4
#define YC_CASE_NO_SEQ_MAX    99999
#define YC_CASE_NO_MIN_LEN    19 /* 2 + 8 + 1 + 5 + 1 + 2 */
#define YC_CASE_NO_MAX_LEN    21
#define YC_CASE_NO_SIZE       24 /* bytes that always hold a case number and its NUL */

/* Results (0 is success), in the order yc_case_no_parse checks them. */
enum {
    YC_CASE_NO_EINVAL = -1,  /* yc_case_no_format: a bad prefix, day or sequence */
    YC_CASE_NO_EFORMAT = -2, /* not the shape PREFIX YYYYMMDD-SEQ-CC (length, characters) */
    YC_CASE_NO_EDATE = -3,   /* the date is not a real date in 1900..2199, or SEQ is 00000 */
    YC_CASE_NO_ECHECK = -4,  /* the check digits do not match: a mistyped number */
};

/* A parsed case number. */
struct yc_case_no {
    char prefix[YC_CASE_NO_PREFIX_MAX + 1]; /* upper case, NUL-terminated */
    int32_t day;                            /* days since 1970-01-01 */
    uint32_t seq;                           /* 1..YC_CASE_NO_SEQ_MAX */
    char text[YC_CASE_NO_SIZE];             /* the canonical form (upper case) */
};

/*
 * Write the case number of prefix (2-4 letters A-Z, upper case only), day (a year in 1900..2199)
 * and seq (1..99999) into out, NUL-terminated. Returns 0, or YC_CASE_NO_EINVAL with out[0] = '\0'.
 */
int yc_case_no_format(const char *prefix, int32_t day, uint32_t seq,
                      char out[YC_CASE_NO_SIZE]) YC_MUST;

/*
 * Parse and validate s[0..len) (need not be NUL-terminated). Letters of the prefix may be lower
 * case (the public page is typed by hand); nothing else is relaxed: no spaces, the dashes where
 * they belong. Returns 0 and fills *out (if not NULL), or YC_CASE_NO_EFORMAT, YC_CASE_NO_EDATE,
 * YC_CASE_NO_ECHECK (out unchanged). s may be NULL only when len is 0.
 */
int yc_case_no_parse(const char *s, size_t len, struct yc_case_no *out) YC_MUST;

/*
 * The two MOD 97-10 check digits of data[0..len), which holds letters A-Z and digits only (the
 * number without dashes and check), written to out with a NUL. Returns 0, or YC_CASE_NO_EINVAL
 * when data holds another byte or len is 0.
 */
int yc_case_no_check_digits(const char *data, size_t len, char out[3]) YC_MUST;

/* Stable English code of a result ("ok", "case_no_format", "case_no_date", "case_no_check",
 * "case_no_invalid") and a Chinese message ("办件编号校验失败，请核对后重新输入" ...). Static
 * storage; never NULL. */
const char *yc_case_no_error_code(int rc);
const char *yc_case_no_error_message(int rc);

#endif /* YC_DOMAIN_CASE_NO_H */
