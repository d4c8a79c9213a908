/*
 * csv.h - a strict RFC 4180 CSV reader over a memory buffer.
 *
 * Used for the holiday calendar (data/cn-holidays.csv) and catalogue imports. The project's files
 * are "UTF-8, no BOM", so the reader rejects a BOM, invalid UTF-8 and NUL bytes rather than guess.
 *
 * Grammar accepted:
 *   - fields separated by ',', rows ended by "\n" or "\r\n" (a CR anywhere else outside quotes
 *     is an error); the last row may lack a line ending;
 *   - a quoted field starts with '"' right after the separator or line start, may contain ',', CR,
 *     LF and doubled quotes ("" stands for one "), and must be followed by ',', a line ending or
 *     the end of the buffer;
 *   - a '"' inside an unquoted field is an error;
 *   - empty lines (nothing between two line endings) are skipped and produce no row; a line holding
 *     only "" is a row of one empty field;
 *   - no trimming of spaces: they are part of the field.
 * Limits: YC_CSV_MAX_FIELDS fields per row and YC_CSV_MAX_FIELD_BYTES bytes per field (after
 * unquoting); beyond them the reader fails rather than truncate. Whether every row has as many
 * fields as the header is for the caller to check.
 *
 * Usage:
 *     struct yc_csv r;
 *     struct yc_csv_row row;
 *     int rc;
 *
 *     yc_csv_init(&r, buf, len);
 *     while ((rc = yc_csv_next_row(&r, &row)) > 0) {
 *         ... row.fields[i].ptr / .len, row.line ...
 *     }
 *     if (rc < 0) {
 *         ... yc_csv_strerror(rc), r.err_line, r.err_field ...
 *     }
 *     yc_csv_release(&r);
 */
#ifndef YC_BASE_CSV_H
#define YC_BASE_CSV_H

#include <stddef.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

#define YC_CSV_MAX_FIELDS      128
#define YC_CSV_MAX_FIELD_BYTES (1024 * 1024)

/* Errors returned by yc_csv_next_row (all negative). */
enum yc_csv_error {
    YC_CSV_EBOM = -1,          /* the buffer starts with a UTF-8 BOM (EF BB BF) */
    YC_CSV_EQUOTE = -2,        /* a '"' inside an unquoted field */
    YC_CSV_EAFTERQUOTE = -3,   /* something other than ',' or a line ending after a closing quote */
    YC_CSV_EUNTERMINATED = -4, /* a quoted field without its closing quote */
    YC_CSV_EUTF8 = -5,         /* invalid UTF-8 (overlong, surrogate, truncated, > U+10FFFF ...) */
    YC_CSV_ENUL = -6,          /* a NUL byte */
    YC_CSV_ECR = -7,           /* a CR not followed by LF outside a quoted field */
    YC_CSV_ETOOMANYFIELDS = -8,
    YC_CSV_EFIELDTOOLONG = -9,
};

/* A field: len bytes at ptr, not NUL-terminated, valid UTF-8 without NUL. */
struct yc_csv_field {
    const char *ptr;
    size_t len;
};

struct yc_csv_row {
    long line;      /* 1-based line number on which the row starts */
    size_t nfields; /* 1..YC_CSV_MAX_FIELDS */
    struct yc_csv_field fields[YC_CSV_MAX_FIELDS];
};

/* A reader. Members are private except err, err_line and err_field, which may be read. */
struct yc_csv {
    const char *buf;
    size_t len;
    size_t pos;
    long line;     /* line number at pos */
    char *scratch; /* unquoted copies of fields holding doubled quotes */
    size_t scratch_len;
    size_t scratch_cap;
    int err;          /* 0, or the sticky error of the last yc_csv_next_row */
    long err_line;    /* with err: 1-based line of the fault; for YC_CSV_EUNTERMINATED the line
                         where the quoted field started */
    size_t err_field; /* with err: 1-based field number within the row (1 for YC_CSV_EBOM) */
};

/* Start reading buf[0..len). buf is borrowed: it must outlive the reader and every row read from
 * it. buf may be NULL only when len is 0. */
void yc_csv_init(struct yc_csv *r, const char *buf, size_t len);

/* Free the reader's scratch memory. The reader may be initialised again afterwards. */
void yc_csv_release(struct yc_csv *r);

/*
 * Read the next row into *row. Returns 1 when a row was read, 0 at the end of the buffer, or a
 * negative enum yc_csv_error. Errors are sticky: once one is returned every later call returns it
 * again, and r->err_line / r->err_field say where it is. The slices in *row point into buf or into
 * the reader's scratch memory and stay valid until the next call to yc_csv_next_row or
 * yc_csv_release.
 */
int yc_csv_next_row(struct yc_csv *r, struct yc_csv_row *row) YC_MUST;

/* A Chinese message for a yc_csv_next_row result, for people. Never NULL; static storage. */
const char *yc_csv_strerror(int code);

/* A stable English code name for a yc_csv_next_row result ("csv_bom", "csv_bad_utf8" ...; "ok"
 * for 0 and 1, "csv_unknown" for anything else). Never NULL; static storage. */
const char *yc_csv_errcode(int code);

#endif /* YC_BASE_CSV_H */
