/* str.c - string slices, bounded integer parsing and UTF-8 validation. */
#include <string.h>

#include "base/str.h"
#include "base/banned.h"

struct yc_str
yc_str_c(const char *s)
{
    struct yc_str r = {s ? s : "", s ? strlen(s) : 0};
    return r;
}

int
yc_str_eq(struct yc_str a, const char *lit)
{
    size_t n = strlen(lit);
    return a.len == n && memcmp(a.p, lit, n) == 0;
}

int
yc_str_has_prefix(struct yc_str a, const char *prefix)
{
    size_t n = strlen(prefix);
    return a.len >= n && memcmp(a.p, prefix, n) == 0;
}

size_t
yc_strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);

    if (size) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(dst, src, c);
        dst[c] = '\0';
    }
    return n;
}

int
yc_parse_i64(struct yc_str s, int64_t min, int64_t max, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    uint64_t v = 0;
    uint64_t limit;

    if (s.len == 0 || s.len > 20) {
        return -1;
    }
    if (s.p[0] == '-') {
        neg = 1;
        i = 1;
        if (s.len == 1) {
            return -1;
        }
    }
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < s.len; i++) {
        unsigned d = (unsigned char)s.p[i] - '0';
        if (d > 9) {
            return -1;
        }
        if (v > (limit - d) / 10) {
            return -1;
        }
        v = v * 10 + d;
    }
    {
        int64_t r = neg ? (int64_t)(0 - v) : (int64_t)v;
        if (r < min || r > max) {
            return -1;
        }
        *out = r;
    }
    return 0;
}

int
yc_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t cp;

        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (len - i <= n) {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        i += n + 1;
    }
    return 1;
}

size_t
yc_utf8_len(const char *s, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            n++;
        }
    }
    return n;
}

void
yc_utf8_trim_tail(char *s)
{
    size_t len = strlen(s);
    size_t i = len;
    size_t need;
    unsigned c;

    /* walk back over continuation bytes to the lead byte of the last sequence */
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
    }
    if (i == 0) {
        return;
    }
    c = (unsigned char)s[i - 1];
    if (c < 0x80) {
        return;
    }
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (len - (i - 1) < need) {
        s[i - 1] = '\0';
    }
}

int
yc_ct_eq(const void *a, const void *b, size_t len)
{
    const unsigned char *x = a, *y = b;
    unsigned char d = 0;

    for (size_t i = 0; i < len; i++) {
        d |= x[i] ^ y[i];
    }
    return d == 0;
}

void
yc_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}
