/*
 * csv.c - strict RFC 4180 CSV reader over a memory buffer (see csv.h).
 *
 * Fields are returned as slices of the caller's buffer; only a quoted field that holds doubled
 * quotes is copied, unescaped, into the reader's scratch buffer. Because the scratch buffer may
 * move while a row grows, such fields are recorded as offsets and turned into pointers once the
 * row is complete.
 */
#include "base/csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

#define NOT_SCRATCH SIZE_MAX

/* The messages below quote the limits. */
_Static_assert(YC_CSV_MAX_FIELDS == 128, "update the csv_too_many_fields message");
_Static_assert(YC_CSV_MAX_FIELD_BYTES == 1024 * 1024, "update the csv_field_too_long message");

static const struct {
    int code;
    const char *name;
    const char *message;
} csv_errors[] = {
    {YC_CSV_EBOM, "csv_bom", "文件以 UTF-8 BOM（EF BB BF）开头，请另存为不带 BOM 的 UTF-8 文件"},
    {YC_CSV_EQUOTE, "csv_quote_in_field",
     "未加引号的字段中出现了双引号：含引号的字段须整体加引号，字段内的引号写成两个双引号"},
    {YC_CSV_EAFTERQUOTE, "csv_text_after_quote", "引号字段的结束引号之后出现了多余的字符"},
    {YC_CSV_EUNTERMINATED, "csv_unterminated_quote", "引号字段缺少结束引号"},
    {YC_CSV_EUTF8, "csv_bad_utf8", "不是有效的 UTF-8 编码，请另存为 UTF-8 文件"},
    {YC_CSV_ENUL, "csv_nul_byte", "含有 NUL（0x00）字节"},
    {YC_CSV_ECR, "csv_bare_cr", "出现了单独的回车符（CR），换行须为 LF 或 CRLF"},
    {YC_CSV_ETOOMANYFIELDS, "csv_too_many_fields", "一行的字段数超过上限（128 个）"},
    {YC_CSV_EFIELDTOOLONG, "csv_field_too_long", "字段长度超过上限（1 MiB）"},
};

void
yc_csv_init(struct yc_csv *r, const char *buf, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->buf = buf;
    r->len = len;
    r->line = 1;
}

void
yc_csv_release(struct yc_csv *r)
{
    free(r->scratch);
    r->scratch = NULL;
    r->scratch_len = 0;
    r->scratch_cap = 0;
}

static int
fail(struct yc_csv *r, int code, long line, size_t field_no)
{
    r->err = code;
    r->err_line = line;
    r->err_field = field_no;
    return code;
}

static void
scratch_put(struct yc_csv *r, const char *p, size_t n)
{
    size_t cap;

    if (n > r->scratch_cap - r->scratch_len) {
        cap = r->scratch_cap ? r->scratch_cap : 256;
        while (cap - r->scratch_len < n) {
            cap *= 2;
        }
        r->scratch = realloc(r->scratch, cap);
        if (!r->scratch) {
            abort();
        }
        r->scratch_cap = cap;
    }
    memcpy(r->scratch + r->scratch_len, p, n);
    r->scratch_len += n;
}

/*
 * Length of the well-formed UTF-8 sequence at p (avail bytes readable, p[0] >= 0x80), or 0 when it
 * is not well-formed: the table of Unicode 15 §3.9 D92, which excludes overlong forms, surrogates
 * and code points above U+10FFFF.
 */
static size_t
utf8_len(const unsigned char *p, size_t avail)
{
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    size_t need;
    size_t i;

    if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        need = 2;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        need = 3;
        lo = p[0] == 0xE0 ? 0xA0 : 0x80;
        hi = p[0] == 0xED ? 0x9F : 0xBF;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        need = 4;
        lo = p[0] == 0xF0 ? 0x90 : 0x80;
        hi = p[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (avail < need || p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (i = 2; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return need;
}

/* Step over one data byte or UTF-8 sequence at r->pos; 0 or an error. */
static int
step_char(struct yc_csv *r, size_t field_no)
{
    const unsigned char *b = (const unsigned char *)r->buf;
    size_t n;

    if (b[r->pos] == '\0') {
        return fail(r, YC_CSV_ENUL, r->line, field_no);
    }
    if (b[r->pos] < 0x80) {
        r->pos++;
        return 0;
    }
    n = utf8_len(b + r->pos, r->len - r->pos);
    if (n == 0) {
        return fail(r, YC_CSV_EUTF8, r->line, field_no);
    }
    r->pos += n;
    return 0;
}

/* An unquoted field: up to ',', CR, LF or the end. */
static int
read_plain(struct yc_csv *r, size_t field_no, struct yc_csv_field *f)
{
    size_t start = r->pos;
    char c;
    int rc;

    while (r->pos < r->len) {
        c = r->buf[r->pos];
        if (c == ',' || c == '\n' || c == '\r') {
            break;
        }
        if (c == '"') {
            return fail(r, YC_CSV_EQUOTE, r->line, field_no);
        }
        rc = step_char(r, field_no);
        if (rc) {
            return rc;
        }
    }
    f->ptr = r->buf + start;
    f->len = r->pos - start;
    if (f->len > YC_CSV_MAX_FIELD_BYTES) {
        return fail(r, YC_CSV_EFIELDTOOLONG, r->line, field_no);
    }
    return 0;
}

/*
 * A quoted field, r->pos on its opening quote; leaves r->pos after the closing quote. When the
 * field holds doubled quotes its unescaped text goes to scratch and *soff says where (f->ptr is
 * then set by the caller); otherwise *soff is NOT_SCRATCH and f points into the buffer.
 */
static int
read_quoted(struct yc_csv *r, size_t field_no, struct yc_csv_field *f, size_t *soff)
{
    long start_line = r->line;
    size_t start = ++r->pos;
    size_t run = start; /* first byte not yet copied to scratch */
    int rc;

    *soff = NOT_SCRATCH;
    for (;;) {
        if (r->pos >= r->len) {
            return fail(r, YC_CSV_EUNTERMINATED, start_line, field_no);
        }
        if (r->buf[r->pos] == '"') {
            if (r->pos + 1 >= r->len || r->buf[r->pos + 1] != '"') {
                break;
            }
            if (*soff == NOT_SCRATCH) {
                *soff = r->scratch_len;
            }
            scratch_put(r, r->buf + run, r->pos + 1 - run); /* keeps one of the two quotes */
            r->pos += 2;
            run = r->pos;
            continue;
        }
        if (r->buf[r->pos] == '\n') {
            r->line++;
        }
        rc = step_char(r, field_no);
        if (rc) {
            return rc;
        }
    }
    if (*soff != NOT_SCRATCH) {
        scratch_put(r, r->buf + run, r->pos - run);
        f->ptr = NULL;
        f->len = r->scratch_len - *soff;
    } else {
        f->ptr = r->buf + start;
        f->len = r->pos - start;
    }
    r->pos++;
    if (f->len > YC_CSV_MAX_FIELD_BYTES) {
        return fail(r, YC_CSV_EFIELDTOOLONG, start_line, field_no);
    }
    return 0;
}

static void
skip_empty_lines(struct yc_csv *r)
{
    while (r->pos < r->len) {
        if (r->buf[r->pos] == '\n') {
            r->pos++;
        } else if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n') {
            r->pos += 2;
        } else {
            return;
        }
        r->line++;
    }
}

int
yc_csv_next_row(struct yc_csv *r, struct yc_csv_row *row)
{
    size_t soff[YC_CSV_MAX_FIELDS];
    struct yc_csv_field *f;
    size_t no;
    size_t i;
    int rc;

    if (r->err) {
        return r->err;
    }
    if (r->pos == 0 && r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
        return fail(r, YC_CSV_EBOM, 1, 1);
    }
    skip_empty_lines(r);
    if (r->pos >= r->len) {
        return 0;
    }
    row->line = r->line;
    row->nfields = 0;
    r->scratch_len = 0;
    for (;;) {
        no = row->nfields + 1;
        if (row->nfields == YC_CSV_MAX_FIELDS) {
            return fail(r, YC_CSV_ETOOMANYFIELDS, r->line, no);
        }
        f = &row->fields[row->nfields];
        if (r->pos < r->len && r->buf[r->pos] == '"') {
            rc = read_quoted(r, no, f, &soff[row->nfields]);
        } else {
            soff[row->nfields] = NOT_SCRATCH;
            rc = read_plain(r, no, f);
        }
        if (rc) {
            return rc;
        }
        row->nfields++;
        if (r->pos >= r->len) {
            break;
        }
        if (r->buf[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (r->buf[r->pos] == '\n') {
            r->pos++;
            r->line++;
            break;
        }
        if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n') {
            r->pos += 2;
            r->line++;
            break;
        }
        if (r->buf[r->pos] == '\r') {
            return fail(r, YC_CSV_ECR, r->line, no);
        }
        return fail(r, YC_CSV_EAFTERQUOTE, r->line, no);
    }
    for (i = 0; i < row->nfields; i++) {
        if (soff[i] != NOT_SCRATCH) {
            row->fields[i].ptr = r->scratch + soff[i];
        }
    }
    return 1;
}

const char *
yc_csv_strerror(int code)
{
    size_t i;

    if (code >= 0) {
        return "成功";
    }
    for (i = 0; i < sizeof(csv_errors) / sizeof(csv_errors[0]); i++) {
        if (csv_errors[i].code == code) {
            return csv_errors[i].message;
        }
    }
    return "未知的 CSV 错误";
}

const char *
yc_csv_errcode(int code)
{
    size_t i;

    if (code >= 0) {
        return "ok";
    }
    for (i = 0; i < sizeof(csv_errors) / sizeof(csv_errors[0]); i++) {
        if (csv_errors[i].code == code) {
            return csv_errors[i].name;
        }
    }
    return "csv_unknown";
}
