/*
 * xlsx.c - the first worksheet of an .xlsx workbook as rows of strings (see xlsx.h for what is
 * read and what is refused). libzip for the package, expat for the XML parts, streamed: a part is
 * never held whole in memory, only the strings it yields.
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/buf.h"
#include "base/str.h"
#include "base/xlsx.h"
#include "base/banned.h"

/* expat gives namespaced names as "uri|local"; only the local part matters here. */
#define NS_SEP '|'

static const char *
local_name(const char *name)
{
    const char *sep = strrchr(name, NS_SEP);
    return sep ? sep + 1 : name;
}

static const char *
attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2) {
        if (strcmp(local_name(atts[i]), local) == 0) {
            return atts[i + 1];
        }
    }
    return NULL;
}

/* ---- streaming one part of the package through expat ---- */

struct part_parse {
    XML_Parser p;
    int err; /* sticky: set by handlers to stop the parse */
};

static void XMLCALL
refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
               int has_internal_subset)
{
    struct part_parse *pp = ud;

    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    pp->err = YC_XLSX_EXML;
    XML_StopParser(pp->p, XML_FALSE);
}

/*
 * Parse the part `name` (looked up case-insensitively) with the handlers already set on pp->p.
 * 0, 1 when the part does not exist, or a negative enum yc_xlsx_error.
 */
static int
parse_part(zip_t *z, const char *name, struct part_parse *pp, char *detail, size_t dlen)
{
    zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE);
    zip_file_t *f;
    char chunk[65536];
    zip_int64_t n = 0;
    size_t total = 0;

    if (idx < 0) {
        return 1;
    }
    f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) {
        snprintf(detail, dlen, "cannot open %s: %s", name, zip_strerror(z));
        return YC_XLSX_ENOTZIP;
    }
    XML_SetStartDoctypeDeclHandler(pp->p, refuse_doctype);
    while (pp->err == 0 && (n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
        total += (size_t)n;
        if (total > YC_XLSX_MAX_PART_BYTES) {
            snprintf(detail, dlen, "%s is larger than %u bytes", name, YC_XLSX_MAX_PART_BYTES);
            pp->err = YC_XLSX_ELIMIT;
        } else if (XML_Parse(pp->p, chunk, (int)n, 0) != XML_STATUS_OK && pp->err == 0) {
            pp->err = YC_XLSX_EXML;
        }
    }
    if (pp->err == 0 && n < 0) {
        snprintf(detail, dlen, "cannot read %s: %s", name, zip_file_strerror(f));
        pp->err = YC_XLSX_ENOTZIP;
    }
    if (pp->err == 0 && XML_Parse(pp->p, "", 0, 1) != XML_STATUS_OK) {
        pp->err = YC_XLSX_EXML;
    }
    if (pp->err == YC_XLSX_EXML && detail[0] == '\0') {
        snprintf(detail, dlen, "%s: line %lu: %s", name,
                 (unsigned long)XML_GetCurrentLineNumber(pp->p),
                 XML_GetErrorCode(pp->p) == XML_ERROR_NONE ||
                         XML_GetErrorCode(pp->p) == XML_ERROR_ABORTED
                     ? "DOCTYPE or element not allowed"
                     : XML_ErrorString(XML_GetErrorCode(pp->p)));
    }
    zip_fclose(f);
    return pp->err;
}

/* ---- workbook.xml and its relationships: where is the first sheet ---- */

struct wb_state {
    struct part_parse pp;
    char first_rid[128]; /* r:id of the first <sheet> */
    char sheet_target[512];
    char strings_target[512];
};

static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct wb_state *s = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "sheet") == 0 && s->first_rid[0] == '\0') {
        const char *rid = attr(atts, "id");
        yc_strlcpy(s->first_rid, rid ? rid : "", sizeof(s->first_rid));
    }
}

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct wb_state *s = ud;
    const char *id, *type, *target;

    if (strcmp(local_name(name), "Relationship") != 0) {
        return;
    }
    id = attr(atts, "Id");
    type = attr(atts, "Type");
    target = attr(atts, "Target");
    if (!target) {
        return;
    }
    if (id && s->first_rid[0] && strcmp(id, s->first_rid) == 0) {
        yc_strlcpy(s->sheet_target, target, sizeof(s->sheet_target));
    }
    if (type && strlen(type) >= 14 && strcmp(type + strlen(type) - 14, "/sharedStrings") == 0) {
        yc_strlcpy(s->strings_target, target, sizeof(s->strings_target));
    }
}

/* A relationship target relative to xl/ (or absolute from the package root) as a part name. */
static void
part_name(const char *target, const char *dflt, char *out, size_t n)
{
    if (!target[0]) {
        yc_strlcpy(out, dflt, n);
    } else if (target[0] == '/') {
        yc_strlcpy(out, target + 1, n);
    } else if (snprintf(out, n, "xl/%s", target) >= (int)n) {
        out[0] = '\0'; /* too long for any part of the archive: found by no name */
    }
}

static int
find_parts(zip_t *z, char *sheet, char *strings, size_t n, char *detail, size_t dlen)
{
    struct wb_state s;
    int rc;

    memset(&s, 0, sizeof(s));
    s.pp.p = XML_ParserCreateNS("UTF-8", NS_SEP);
    XML_SetUserData(s.pp.p, &s);
    XML_SetStartElementHandler(s.pp.p, wb_start);
    rc = parse_part(z, "xl/workbook.xml", &s.pp, detail, dlen);
    XML_ParserFree(s.pp.p);
    if (rc == 1) {
        snprintf(detail, dlen, "no xl/workbook.xml in the archive");
        return YC_XLSX_ENOTWORKBOOK;
    }
    if (rc) {
        return rc;
    }
    s.pp.p = XML_ParserCreateNS("UTF-8", NS_SEP);
    s.pp.err = 0;
    XML_SetUserData(s.pp.p, &s);
    XML_SetStartElementHandler(s.pp.p, rels_start);
    rc = parse_part(z, "xl/_rels/workbook.xml.rels", &s.pp, detail, dlen);
    XML_ParserFree(s.pp.p);
    if (rc < 0) {
        return rc;
    }
    part_name(s.sheet_target, "xl/worksheets/sheet1.xml", sheet, n);
    part_name(s.strings_target, "xl/sharedStrings.xml", strings, n);
    return 0;
}

/* ---- shared strings ---- */

struct sst_state {
    struct part_parse pp;
    struct yc_arena *arena;
    const char **items;
    size_t n, cap;
    struct yc_buf text;
    int in_si, in_t, in_rph;
};

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sst_state *s = ud;
    const char *ln = local_name(name);

    (void)atts;
    if (strcmp(ln, "si") == 0) {
        s->in_si = 1;
        yc_buf_reset(&s->text);
    } else if (strcmp(ln, "rPh") == 0) {
        s->in_rph = 1;
    } else if (strcmp(ln, "t") == 0 && s->in_si && !s->in_rph) {
        s->in_t = 1;
    }
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
    struct sst_state *s = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp(ln, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(ln, "si") == 0 && s->in_si) {
        s->in_si = 0;
        if (s->text.overflow || s->n == YC_XLSX_MAX_ROWS * 4) {
            s->pp.err = YC_XLSX_ELIMIT;
            XML_StopParser(s->pp.p, XML_FALSE);
            return;
        }
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 256;
            s->items = yc_xrealloc(s->items, s->cap * sizeof(*s->items));
        }
        s->items[s->n++] = yc_arena_strndup(s->arena, yc_buf_cstr(&s->text), s->text.len);
    }
}

static void XMLCALL
sst_text(void *ud, const XML_Char *str, int len)
{
    struct sst_state *s = ud;

    if (s->in_t) {
        yc_buf_add(&s->text, str, (size_t)len);
    }
}

/* ---- the worksheet ---- */

struct sheet_state {
    struct part_parse pp;
    struct yc_xlsx *out;
    const char **sst;
    size_t nsst;
    size_t rows_cap;
    /* the current row */
    long row_number;
    const char **cells; /* malloc'ed, grown; copied into the arena at </row> */
    size_t ncells, cells_cap;
    /* the current cell */
    long col;
    char type[16];
    int in_v, in_is, in_t, in_rph;
    struct yc_buf text;
};

/* "AB12" -> column 27 (A = 0); -1 when malformed or past the limit. */
static long
ref_column(const char *ref)
{
    long col = 0;
    int letters = 0;

    while (*ref >= 'A' && *ref <= 'Z') {
        col = col * 26 + (*ref - 'A' + 1);
        ref++;
        if (++letters > 3) {
            return -1;
        }
    }
    if (letters == 0 || col > YC_XLSX_MAX_COLS) {
        return -1;
    }
    return col - 1;
}

static void
sheet_fail(struct sheet_state *s, int code)
{
    s->pp.err = code;
    XML_StopParser(s->pp.p, XML_FALSE);
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct sheet_state *s = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "row") == 0) {
        const char *r = attr(atts, "r");
        int64_t v = s->row_number + 1;
        if (r && yc_parse_i64(yc_str_c(r), 1, YC_XLSX_MAX_ROWS, &v) != 0) {
            sheet_fail(s, YC_XLSX_ELIMIT);
            return;
        }
        s->row_number = (long)v;
        s->ncells = 0;
        s->col = -1;
    } else if (strcmp(ln, "c") == 0) {
        const char *r = attr(atts, "r");
        const char *t = attr(atts, "t");
        s->col = r ? ref_column(r) : s->col + 1;
        if (s->col < 0 || s->col >= YC_XLSX_MAX_COLS) {
            sheet_fail(s, YC_XLSX_ELIMIT);
            return;
        }
        yc_strlcpy(s->type, t ? t : "n", sizeof(s->type));
        yc_buf_reset(&s->text);
    } else if (strcmp(ln, "v") == 0) {
        s->in_v = 1;
    } else if (strcmp(ln, "is") == 0) {
        s->in_is = 1;
    } else if (strcmp(ln, "rPh") == 0) {
        s->in_rph = 1;
    } else if (strcmp(ln, "t") == 0 && s->in_is && !s->in_rph) {
        s->in_t = 1;
    }
}

/* "20.0" -> "20": integral numbers as people typed them. */
static void
trim_integral(struct yc_buf *b)
{
    char *dot = b->len ? memchr(b->data, '.', b->len) : NULL;
    size_t i;

    if (!dot) {
        return;
    }
    for (i = (size_t)(dot - b->data) + 1; i < b->len; i++) {
        if (b->data[i] != '0') {
            return;
        }
    }
    b->len = (size_t)(dot - b->data);
    b->data[b->len] = '\0';
}

static const char *
cell_value(struct sheet_state *s)
{
    struct yc_arena *a = &s->out->arena;

    if (strcmp(s->type, "s") == 0) {
        int64_t i;
        if (yc_parse_i64(yc_str_c(yc_buf_cstr(&s->text)), 0, (int64_t)s->nsst - 1, &i) != 0) {
            return NULL;
        }
        return s->sst[i];
    }
    if (strcmp(s->type, "n") == 0) {
        trim_integral(&s->text);
    }
    return yc_arena_strndup(a, yc_buf_cstr(&s->text), s->text.len);
}

static void
put_cell(struct sheet_state *s, const char *v)
{
    size_t col = (size_t)s->col;

    if (col >= s->cells_cap) {
        size_t cap = s->cells_cap ? s->cells_cap * 2 : 32;
        while (cap <= col) {
            cap *= 2;
        }
        s->cells = yc_xrealloc(s->cells, cap * sizeof(*s->cells));
        s->cells_cap = cap;
    }
    while (s->ncells <= col) {
        s->cells[s->ncells++] = "";
    }
    s->cells[col] = v;
}

static void
end_row(struct sheet_state *s)
{
    struct yc_xlsx *x = s->out;
    struct yc_xlsx_row *row;

    if (x->nrows == s->rows_cap) {
        s->rows_cap = s->rows_cap ? s->rows_cap * 2 : 256;
        x->rows = yc_xrealloc(x->rows, s->rows_cap * sizeof(*x->rows));
    }
    row = &x->rows[x->nrows++];
    row->number = s->row_number;
    row->ncells = s->ncells;
    row->cells = yc_arena_alloc(&x->arena, (s->ncells ? s->ncells : 1) * sizeof(*row->cells));
    if (s->ncells) {
        memcpy(row->cells, s->cells, s->ncells * sizeof(*row->cells));
    }
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
    struct sheet_state *s = ud;
    const char *ln = local_name(name);

    if (strcmp(ln, "v") == 0) {
        s->in_v = 0;
    } else if (strcmp(ln, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp(ln, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(ln, "is") == 0) {
        s->in_is = 0;
    } else if (strcmp(ln, "c") == 0 && s->col >= 0) {
        const char *v;
        if (s->text.overflow) {
            sheet_fail(s, YC_XLSX_ELIMIT);
            return;
        }
        v = cell_value(s);
        if (!v) {
            sheet_fail(s, YC_XLSX_EXML);
            return;
        }
        put_cell(s, v);
    } else if (strcmp(ln, "row") == 0) {
        end_row(s);
    }
}

static void XMLCALL
sheet_text(void *ud, const XML_Char *str, int len)
{
    struct sheet_state *s = ud;

    if (s->in_v || s->in_t) {
        yc_buf_add(&s->text, str, (size_t)len);
    }
}

static int
read_strings(zip_t *z, const char *part, struct sst_state *sst, char *detail, size_t dlen)
{
    int rc;

    sst->pp.p = XML_ParserCreateNS("UTF-8", NS_SEP);
    yc_buf_init(&sst->text, YC_XLSX_MAX_CELL_BYTES);
    XML_SetUserData(sst->pp.p, sst);
    XML_SetElementHandler(sst->pp.p, sst_start, sst_end);
    XML_SetCharacterDataHandler(sst->pp.p, sst_text);
    rc = parse_part(z, part, &sst->pp, detail, dlen);
    XML_ParserFree(sst->pp.p);
    yc_buf_release(&sst->text);
    return rc < 0 ? rc : 0; /* a workbook without strings has no sharedStrings part */
}

static int
read_sheet(zip_t *z, const char *part, struct sheet_state *s, char *detail, size_t dlen)
{
    int rc;

    s->pp.p = XML_ParserCreateNS("UTF-8", NS_SEP);
    yc_buf_init(&s->text, YC_XLSX_MAX_CELL_BYTES);
    XML_SetUserData(s->pp.p, s);
    XML_SetElementHandler(s->pp.p, sheet_start, sheet_end);
    XML_SetCharacterDataHandler(s->pp.p, sheet_text);
    rc = parse_part(z, part, &s->pp, detail, dlen);
    XML_ParserFree(s->pp.p);
    yc_buf_release(&s->text);
    free(s->cells);
    if (rc == 1) {
        snprintf(detail, dlen, "the first sheet %s is missing", part);
        return YC_XLSX_ENOTWORKBOOK;
    }
    if (rc == YC_XLSX_ELIMIT && detail[0] == '\0') {
        snprintf(detail, dlen, "%s: a cell reference or value past the limits", part);
    }
    return rc;
}

int
yc_xlsx_read(const void *data, size_t len, struct yc_xlsx *out, char *detail, size_t detail_len)
{
    char scratch[8];
    char sheet_part[512], strings_part[512];
    struct sst_state sst;
    struct sheet_state sh;
    zip_error_t zerr;
    zip_source_t *src;
    zip_t *z;
    int rc;

    if (!detail) {
        detail = scratch;
        detail_len = sizeof(scratch);
    }
    detail[0] = '\0';
    memset(out, 0, sizeof(*out));
    yc_arena_init(&out->arena);
    zip_error_init(&zerr);
    src = len ? zip_source_buffer_create(data, len, 0, &zerr) : NULL;
    z = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
    if (!z) {
        snprintf(detail, detail_len, "%s", len ? zip_error_strerror(&zerr) : "empty file");
        zip_source_free(src);
        zip_error_fini(&zerr);
        return YC_XLSX_ENOTZIP;
    }
    zip_error_fini(&zerr);
    rc = find_parts(z, sheet_part, strings_part, sizeof(sheet_part), detail, detail_len);
    memset(&sst, 0, sizeof(sst));
    sst.arena = &out->arena;
    if (rc == 0) {
        rc = read_strings(z, strings_part, &sst, detail, detail_len);
    }
    if (rc == 0) {
        memset(&sh, 0, sizeof(sh));
        sh.out = out;
        sh.sst = sst.items;
        sh.nsst = sst.n;
        rc = read_sheet(z, sheet_part, &sh, detail, detail_len);
    }
    free(sst.items);
    zip_discard(z); /* also frees the source */
    if (rc) {
        yc_xlsx_release(out);
    }
    return rc;
}

void
yc_xlsx_release(struct yc_xlsx *x)
{
    free(x->rows);
    x->rows = NULL;
    x->nrows = 0;
    yc_arena_release(&x->arena);
}

static const struct {
    int code;
    const char *name;
    const char *zh;
} xlsx_errors[] = {
    {YC_XLSX_ENOTZIP, "xlsx_not_zip", "文件不是 XLSX 工作簿（不是 ZIP 压缩包）"},
    {YC_XLSX_ENOTWORKBOOK, "xlsx_not_workbook", "文件不是 XLSX 工作簿（缺少工作簿或工作表）"},
    {YC_XLSX_EXML, "xlsx_bad_xml", "XLSX 工作簿内容损坏（XML 格式错误）"},
    {YC_XLSX_ELIMIT, "xlsx_too_large", "XLSX 工作簿超出限制（行、列、单元格或大小）"},
};

const char *
yc_xlsx_strerror(int code)
{
    for (size_t i = 0; i < sizeof(xlsx_errors) / sizeof(xlsx_errors[0]); i++) {
        if (xlsx_errors[i].code == code) {
            return xlsx_errors[i].zh;
        }
    }
    return code >= 0 ? "成功" : "未知错误";
}

const char *
yc_xlsx_errcode(int code)
{
    for (size_t i = 0; i < sizeof(xlsx_errors) / sizeof(xlsx_errors[0]); i++) {
        if (xlsx_errors[i].code == code) {
            return xlsx_errors[i].name;
        }
    }
    return code >= 0 ? "ok" : "xlsx_unknown";
}
