/*
 * ids.h - identity checks for applicants (DOMAIN.md, "Acceptance at the window").
 *
 * 居民身份证号码 (citizen identity number, GB 11643-1999) and 统一社会信用代码 (unified social
 * credit code, GB 32100-2015). A failed check is an error the caller reports; an acceptor may
 * override it with a recorded reason (some real old codes fail). Pure functions: no clock (the
 * caller passes today), no allocation.
 *
 * Case: input is checked exactly as given. The standards use upper-case letters, so a lower-case
 * 'x' check character or lower-case letters in a credit code are YC_IDCHECK_BAD_CHAR; a caller that
 * wants to be lenient upper-cases the input first (and then stores the upper-case form, so that one
 * person or firm has one spelling).
 */
#ifndef YC_DOMAIN_IDS_H
#define YC_DOMAIN_IDS_H

#include <stddef.h>
#include <stdint.h>

/* Reasons, in the order they are checked. */
enum yc_idcheck {
    YC_IDCHECK_OK = 0,
    YC_IDCHECK_BAD_LENGTH,     /* not 18 bytes (first-generation 15-digit numbers included) */
    YC_IDCHECK_BAD_CHAR,       /* a character not allowed at its position */
    YC_IDCHECK_BAD_BIRTH_DATE, /* resident ID only */
    YC_IDCHECK_BAD_REGION,
    YC_IDCHECK_BAD_CHECK,
    YC_IDCHECK__MAX
};

/* What a valid resident ID number says. */
struct yc_resident_id {
    int32_t birth_day; /* days since 1970-01-01 */
    int sex;           /* 1 男 (17th digit odd), 2 女 (even) */
    char region[7];    /* the 6-digit address code (GB/T 2260), NUL-terminated */
};

/*
 * Check a 居民身份证号码: 18 bytes, 17 ASCII digits then a check character '0'-'9' or 'X' (upper
 * case only). In order:
 *   BAD_LENGTH      len != 18;
 *   BAD_CHAR        a non-digit in positions 1-17, or position 18 not a digit or 'X';
 *   BAD_REGION      positions 1-2 not a province-level code of GB/T 2260: 11-15, 21-23, 31-37,
 *                   41-46, 50-54, 61-65, 71 (台湾), 81 (香港), 82 (澳门), 83 (Taiwan residents'
 *                   residence permits, 港澳台居民居住证, which carry 830000);
 *   BAD_BIRTH_DATE  positions 7-14 (YYYYMMDD) not a real date from 1900-01-01 to today inclusive;
 *   BAD_CHECK       position 18 differs from the MOD 11-2 check character of positions 1-17.
 * today is the caller's current date in days since 1970-01-01. On YC_IDCHECK_OK *out is filled when
 * out is not NULL; otherwise *out is unchanged. s may be NULL only when len is 0.
 */
enum yc_idcheck yc_id_check_resident(const char *s, size_t len, int32_t today,
                                     struct yc_resident_id *out);

/*
 * Check a 统一社会信用代码: 18 bytes from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I O S V Z, upper
 * case only). In order:
 *   BAD_LENGTH  len != 18;
 *   BAD_CHAR    a byte outside that set, or position 1 not a registration-authority code of
 *               GB 32100-2015 as amended: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游,
 *               7 宗教, 8 工会, 9 工商 (市场监管), A 中央军委改革和编制办公室, N 农业, Y 其他
 *               (position 2, the type, is not checked against the authority);
 *   BAD_REGION  positions 3-8 not six digits, or their first two not a province-level code as for
 *               the resident ID, or 100000 (central-level bodies);
 *   BAD_CHECK   position 18 differs from the MOD 31 check character of positions 1-17
 *               (weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, c = 31 - sum mod 31,
 *               31 -> 0).
 * s may be NULL only when len is 0.
 */
enum yc_idcheck yc_id_check_uscc(const char *s, size_t len);

/* The GB 11643 check character ('0'-'9' or 'X') of the 17 digits at first17, or '\0' when one of
 * them is not an ASCII digit. */
char yc_id_resident_check_char(const char *first17);

/* The GB 32100 check character of the 17 characters at first17, or '\0' when one of them is not in
 * the code set. */
char yc_id_uscc_check_char(const char *first17);

/* Stable English name of a reason: "ok", "bad_length", "bad_char", "bad_birth_date", "bad_region",
 * "bad_check"; "unknown" otherwise. Static storage. */
const char *yc_idcheck_code(enum yc_idcheck r);

/* Chinese message for a reason, e.g. "校验码错误". Static storage; never NULL. */
const char *yc_idcheck_message(enum yc_idcheck r);

/*
 * Mask an identifier for display (个人信息保护法): every character but the last 4 becomes '*', so
 * "11010519491231002X" gives "**************002X". Characters are UTF-8 code points (a byte that
 * is not a continuation byte starts one), so non-ASCII input is masked one '*' per character and
 * never cut inside a character. Input of 4 characters or fewer is masked entirely. The result is
 * NUL-terminated and cut at a character boundary if out_size is too small (out_size 0 writes
 * nothing); len + 1 bytes always suffice. s may be NULL only when len is 0.
 */
void yc_id_mask(const char *s, size_t len, char *out, size_t out_size);

#endif /* YC_DOMAIN_IDS_H */
