/*
 * str.h - string slices, bounded parsing and UTF-8 checks.
 */
#ifndef YC_STR_H
#define YC_STR_H

#include <stddef.h>
#include <stdint.h>

/* A borrowed, not necessarily NUL-terminated, run of bytes. */
struct yc_str {
    const char *p;
    size_t len;
};

#define YC_STR_LIT(s) ((struct yc_str){(s), sizeof(s) - 1})

struct yc_str yc_str_c(const char *s); /* from a C string; NULL gives an empty slice */
int yc_str_eq(struct yc_str a, const char *lit);
int yc_str_has_prefix(struct yc_str a, const char *prefix);

/* Copy at most size-1 bytes and NUL-terminate; returns strlen(src). */
size_t yc_strlcpy(char *dst, const char *src, size_t size);

/*
 * Parse a whole slice as a decimal integer in [min, max]. No sign other than a leading '-',
 * no spaces, no trailing bytes. 0 on success, -1 otherwise.
 */
int yc_parse_i64(struct yc_str s, int64_t min, int64_t max, int64_t *out);

/* 1 if the bytes are well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF). */
int yc_utf8_valid(const char *s, size_t len);

/* Number of code points in well-formed UTF-8. */
size_t yc_utf8_len(const char *s, size_t len);

/* Cut a NUL-terminated string back so that it does not end inside a UTF-8 sequence. */
void yc_utf8_trim_tail(char *s);

/* Constant-time comparison of two equal-length byte runs; 1 when equal. */
int yc_ct_eq(const void *a, const void *b, size_t len);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void yc_hex(const unsigned char *in, size_t n, char *out);

#endif
