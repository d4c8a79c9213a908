/*
 * xlsx.h - a minimal reader of Office Open XML workbooks (.xlsx): the first worksheet's cells as
 * rows of strings, for catalogue imports.
 *
 * No library in Debian reads XLSX from C (libxlsxwriter only writes; libreoffice and gnumeric are
 * programs, not libraries), so this reads the parts itself: libzip opens the package, expat parses
 * xl/workbook.xml and its relationships to find the first sheet, xl/sharedStrings.xml, and the
 * sheet. Read are: shared strings (also rich text runs, without phonetic <rPh> runs), inline
 * strings, formula results (<v>), booleans ("1"/"0") and numbers as written; styles and dates are
 * not interpreted (a date cell gives its serial number). An integral number written as "20.0" is
 * given as "20".
 *
 * Refused rather than guessed: a buffer that is not a ZIP archive, a ZIP without xl/workbook.xml
 * (YC_XLSX_ENOTWORKBOOK: e.g. a .docx or a renamed .zip), malformed XML or a DOCTYPE (the parts
 * never have one; refusing it rules out entity expansion), and anything past the limits below.
 */
#ifndef YC_BASE_XLSX_H
#define YC_BASE_XLSX_H

#include <stddef.h>

#include "base/mem.h"

#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

#define YC_XLSX_MAX_PART_BYTES (256u * 1024 * 1024) /* uncompressed size of one part */
#define YC_XLSX_MAX_ROWS       1048576              /* Excel's own limits */
#define YC_XLSX_MAX_COLS       16384
#define YC_XLSX_MAX_CELL_BYTES (1024 * 1024)

enum yc_xlsx_error {
    YC_XLSX_ENOTZIP = -1,      /* not a ZIP archive */
    YC_XLSX_ENOTWORKBOOK = -2, /* a ZIP, but no xl/workbook.xml or no worksheet */
    YC_XLSX_EXML = -3,         /* a part is not well-formed XML, or has a DOCTYPE */
    YC_XLSX_ELIMIT = -4,       /* past a limit above, or a bad cell reference */
};

struct yc_xlsx_row {
    long number;        /* the sheet's row number, 1-based, as a spreadsheet shows it */
    size_t ncells;      /* cells[0 .. ncells-1] by column (A = 0); cells not in the sheet are "" */
    const char **cells; /* NUL-terminated UTF-8 */
};

struct yc_xlsx {
    struct yc_xlsx_row *rows; /* in sheet order; rows absent from the sheet are not listed */
    size_t nrows;
    struct yc_arena arena; /* private: holds the rows and strings */
};

/*
 * Read the first worksheet of the workbook in data[0..len). On success (0) *out holds the rows
 * and must be released with yc_xlsx_release(). On failure a negative enum yc_xlsx_error is
 * returned, *out needs no release, and detail (may be NULL) gets a short English description.
 */
int yc_xlsx_read(const void *data, size_t len, struct yc_xlsx *out, char *detail,
                 size_t detail_len) YC_MUST;

void yc_xlsx_release(struct yc_xlsx *x);

/* A Chinese message / a stable English code ("xlsx_not_zip" ...) for an error. Static storage. */
const char *yc_xlsx_strerror(int code);
const char *yc_xlsx_errcode(int code);

#endif
