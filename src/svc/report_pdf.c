/*
 * report_pdf.c - a report's JSON document as an A4 landscape PDF, in the form of a government
 * 通报: the centre's name, the title, the period and the day the figures stand at, the summary
 * (总体情况), the changes since the previous period, the formula of a scorecard, then the tables.
 * A wide table is printed in parts (its columns' "group"), each with the columns of no group
 * (rank, department, score) repeated; a table row never splits, and a table that runs over a page
 * repeats its header. cairo draws, pango sets the text in Noto Sans CJK SC (fonts-noto-cjk).
 *
 * As in guide_pdf.c the document is laid out twice, once to count the pages and once to draw, so
 * every footer can say "第 N 页 / 共 M 页".
 *
 * Memory: pango's default font map is one per thread, and each loads the CJK font's tables and
 * glyph caches anew (some 20-30 MB with Noto Sans CJK); on a pool of 16 threads that grew the
 * server past 300 MB. The reports share one font map for the process instead, and render one at a
 * time under a lock (a report's PDF takes a few hundred milliseconds).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <malloc.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <string.h>

#include "base/buf.h"
#include "svc/pdf_draw.h"
#include "svc/svc.h"
#include "base/banned.h"

#define FONT          "Noto Sans CJK SC"
#define PAGE_W        841.89 /* A4 landscape, in points */
#define PAGE_H        595.28
#define MARGIN_X      40.0
#define MARGIN_TOP    36.0
#define MARGIN_BOTTOM 40.0
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD_X    3.0
#define CELL_PAD_Y    3.0
#define TABLE_FONT    8.0
#define CENTRE        "邵阳市政务服务中心"

struct rgb {
    double r, g, b;
};
static const struct rgb C_TEXT = {0.10, 0.10, 0.10};
static const struct rgb C_MUTED = {0.40, 0.42, 0.46};
static const struct rgb C_RED = {0.70, 0.07, 0.07}; /* the red of a 红头 document's rule */
static const struct rgb C_RULE = {0.55, 0.58, 0.63};
static const struct rgb C_HEAD = {0.89, 0.92, 0.96};
static const struct rgb C_TOTAL = {0.95, 0.95, 0.95};

static pthread_mutex_t font_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *font_map; /* under font_lock; created on first use, kept for the process */

struct pdf {
    cairo_t *cr;
    PangoContext *pc;
    struct yc_arena *a;
    const json_t *report;
    int draw;
    int page;
    int pages;
    double y;
};

static void
color(struct pdf *p, struct rgb c)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

static PangoLayout *
layout(struct pdf *p, const char *text, const char *style, double size, double width)
{
    char font[64];

    snprintf(font, sizeof(font), "%s %s", FONT, style);
    return yc_pdf_layout(p->pc, text, 0, font, size, width, 0.3);
}

static void
show(struct pdf *p, PangoLayout *l, double x, double y, struct rgb c)
{
    if (p->draw) {
        color(p, c);
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_layout(p->cr, l);
    }
}

static void
rule(struct pdf *p, double y, double width, struct rgb c)
{
    if (p->draw) {
        color(p, c);
        cairo_set_line_width(p->cr, width);
        cairo_move_to(p->cr, MARGIN_X, y);
        cairo_line_to(p->cr, PAGE_W - MARGIN_X, y);
        cairo_stroke(p->cr);
    }
}

static const char *
str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* ---- pages ---- */

static void
footer(struct pdf *p)
{
    double y = PAGE_H - MARGIN_BOTTOM + 14;
    PangoLayout *l;

    if (!p->draw) {
        return;
    }
    rule(p, y - 5, 0.4, C_RULE);
    l = layout(p,
               yc_arena_printf(p->a, "%s · %s · %s", CENTRE, str(p->report, "title"),
                               str(json_object_get(p->report, "period"), "label")),
               "", 7.5, CONTENT_W * 0.75);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    show(p, l, MARGIN_X, y, C_MUTED);
    g_object_unref(l);
    l = layout(p, yc_arena_printf(p->a, "第 %d 页 / 共 %d 页", p->page, p->pages), "", 7.5,
               CONTENT_W);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    show(p, l, MARGIN_X, y, C_MUTED);
    g_object_unref(l);
}

static void
new_page(struct pdf *p)
{
    footer(p);
    if (p->draw) {
        cairo_show_page(p->cr);
    }
    p->page++;
    p->y = MARGIN_TOP;
}

static double
room(const struct pdf *p)
{
    return PAGE_H - MARGIN_BOTTOM - p->y;
}

/* A block of text at x, wrapped at width; a new page first when it does not fit. */
static void
block(struct pdf *p, const char *text, const char *style, double size, double x, double width,
      struct rgb c, double after)
{
    PangoLayout *l = layout(p, text, style, size, width);
    double h = yc_pdf_layout_height(l);

    if (h > room(p)) {
        new_page(p);
    }
    show(p, l, x, p->y, c);
    p->y += h + after;
    g_object_unref(l);
}

static void
heading(struct pdf *p, const char *text)
{
    if (room(p) < 90) {
        new_page(p);
    }
    p->y += 4;
    block(p, text, "Bold", 11.5, MARGIN_X, CONTENT_W, C_TEXT, 5);
}

/* ---- the title ---- */

static void
title_block(struct pdf *p)
{
    const json_t *r = p->report;
    const json_t *period = json_object_get(r, "period");
    const json_t *stored = json_object_get(r, "stored");
    const char *state = json_is_object(stored)
                            ? yc_arena_printf(p->a, "期满自动生成并存档（%s）", str(stored, "at_local"))
                        : json_is_true(json_object_get(r, "final")) ? "即时生成"
                                                                    : "期间未结束，数据为阶段性统计";
    PangoLayout *l;

    l = layout(p, CENTRE, "Bold", 12, CONTENT_W);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    show(p, l, MARGIN_X, p->y, C_RED);
    p->y += yc_pdf_layout_height(l) + 2;
    g_object_unref(l);
    l = layout(p, str(r, "title"), "Bold", 19, CONTENT_W);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    show(p, l, MARGIN_X, p->y, C_TEXT);
    p->y += yc_pdf_layout_height(l) + 6;
    g_object_unref(l);
    rule(p, p->y, 1.6, C_RED);
    rule(p, p->y + 2.6, 0.5, C_RED);
    p->y += 8;
    l = layout(p,
               yc_arena_printf(p->a, "统计期间：%s　　统计截至：%s　　%s", str(period, "label"),
                               str(r, "as_of"), state),
               "", 9, CONTENT_W);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    show(p, l, MARGIN_X, p->y, C_MUTED);
    p->y += yc_pdf_layout_height(l) + 8;
    g_object_unref(l);
}

static void
lines(struct pdf *p, const json_t *a, const char *bullet)
{
    const json_t *s;
    size_t i;

    json_array_foreach(a, i, s)
    {
        if (*bullet) {
            PangoLayout *b = layout(p, bullet, "", 10, 14);
            PangoLayout *l = layout(p, json_string_value(s), "", 10, CONTENT_W - 16);
            if (yc_pdf_layout_height(l) > room(p)) {
                new_page(p);
            }
            show(p, b, MARGIN_X + 2, p->y, C_TEXT);
            show(p, l, MARGIN_X + 16, p->y, C_TEXT);
            p->y += yc_pdf_layout_height(l) + 3;
            g_object_unref(b);
            g_object_unref(l);
        } else {
            /* a paragraph of a 通报: indented by two characters */
            block(p, yc_arena_printf(p->a, "　　%s", json_string_value(s)), "", 10, MARGIN_X,
                  CONTENT_W, C_TEXT, 4);
        }
    }
}

/* ---- tables ---- */

struct part {
    const json_t *cols[64];
    double w[64];
    size_t n;
};

/* The columns of part `group` (NULL: the whole table) and their widths. */
static void
part_columns(const json_t *cols, const char *group, struct part *pt)
{
    const json_t *c;
    size_t i;
    double fixed = 0, flex = 0;

    pt->n = 0;
    json_array_foreach(cols, i, c)
    {
        const char *g = json_string_value(json_object_get(c, "group"));
        const char *key = str(c, "key");
        if (pt->n < 64 && (!group || !g || strcmp(g, group) == 0)) {
            double w = strcmp(key, "department") == 0 || strcmp(key, "zone") == 0 ? 118
                       : strcmp(key, "rank") == 0                                  ? 26
                       : strcmp(key, "label") == 0                                 ? 150
                                                                                   : 0;
            pt->cols[pt->n] = c;
            pt->w[pt->n++] = w;
            fixed += w;
            flex += w == 0;
        }
    }
    for (size_t k = 0; k < pt->n; k++) {
        if (pt->w[k] == 0) {
            pt->w[k] = (CONTENT_W - fixed) / (flex ? flex : 1);
        }
    }
}

static const char *
cell(struct pdf *p, const json_t *col, const json_t *row)
{
    return yc_report_cell_text(p->a, col, json_object_get(row, str(col, "key")));
}

static double
row_h(struct pdf *p, const struct part *pt, const json_t *row, int head)
{
    double hmax = 0;

    for (size_t i = 0; i < pt->n; i++) {
        const char *t = head ? str(pt->cols[i], "title") : cell(p, pt->cols[i], row);
        PangoLayout *l = layout(p, t, head ? "Bold" : "", TABLE_FONT, pt->w[i] - 2 * CELL_PAD_X);
        double h = yc_pdf_layout_height(l);
        hmax = h > hmax ? h : hmax;
        g_object_unref(l);
    }
    return hmax + 2 * CELL_PAD_Y;
}

static void
draw_row(struct pdf *p, const struct part *pt, const json_t *row, int head, int total, double h)
{
    double x = MARGIN_X;

    for (size_t i = 0; i < pt->n; i++) {
        const char *kind = str(pt->cols[i], "kind");
        const char *t = head ? str(pt->cols[i], "title") : cell(p, pt->cols[i], row);
        int text = strcmp(kind, "text") == 0;
        PangoLayout *l = layout(p, t, head || total ? "Bold" : "", TABLE_FONT,
                                pt->w[i] - 2 * CELL_PAD_X);
        double lh = yc_pdf_layout_height(l);
        pango_layout_set_alignment(l, head ? PANGO_ALIGN_CENTER
                                      : text ? PANGO_ALIGN_LEFT
                                             : PANGO_ALIGN_RIGHT);
        if (p->draw) {
            if (head || total) {
                color(p, head ? C_HEAD : C_TOTAL);
                cairo_rectangle(p->cr, x, p->y, pt->w[i], h);
                cairo_fill(p->cr);
            }
            color(p, C_RULE);
            cairo_set_line_width(p->cr, 0.4);
            cairo_rectangle(p->cr, x, p->y, pt->w[i], h);
            cairo_stroke(p->cr);
        }
        /* vertically centred */
        show(p, l, x + CELL_PAD_X, p->y + (h - lh) / 2, C_TEXT);
        g_object_unref(l);
        x += pt->w[i];
    }
    p->y += h;
}

/* A department listed without rank and without a single figure: printed as a name in a note. */
static int
idle(const json_t *t, const json_t *row)
{
    const json_t *c;
    size_t i;

    if (!json_is_integer(json_object_get(row, "rank")) ||
        json_integer_value(json_object_get(row, "rank")) != 0) {
        return 0;
    }
    json_array_foreach(json_object_get(t, "columns"), i, c)
    {
        const json_t *v = json_object_get(row, str(c, "key"));
        if (strcmp(str(c, "kind"), "text") != 0 && strcmp(str(c, "kind"), "rank") != 0 &&
            json_is_integer(v) && json_integer_value(v) != 0) {
            return 0;
        }
    }
    return 1;
}

static void
table_part(struct pdf *p, const json_t *t, const struct part *pt, const char *caption)
{
    const json_t *row, *total = json_object_get(t, "total");
    double hh = row_h(p, pt, NULL, 1);
    size_t i;

    if (room(p) < hh * 3 + 20) {
        new_page(p);
    }
    if (caption) {
        block(p, caption, "Bold", 9.5, MARGIN_X, CONTENT_W, C_TEXT, 3);
    }
    draw_row(p, pt, NULL, 1, 0, hh);
    json_array_foreach(json_object_get(t, "rows"), i, row)
    {
        double h;
        if (idle(t, row)) {
            continue;
        }
        h = row_h(p, pt, row, 0);
        if (h > room(p)) {
            new_page(p);
            draw_row(p, pt, NULL, 1, 0, hh);
        }
        draw_row(p, pt, row, 0, 0, h);
    }
    if (json_is_object(total)) {
        double h = row_h(p, pt, total, 0);
        if (h > room(p)) {
            new_page(p);
            draw_row(p, pt, NULL, 1, 0, hh);
        }
        draw_row(p, pt, total, 0, 1, h);
    }
    if (json_array_size(json_object_get(t, "rows")) == 0) {
        block(p, "（本期无数据）", "", 9, MARGIN_X, CONTENT_W, C_MUTED, 0);
    }
    p->y += 10;
}

/* "本期无办件记录的部门（N 个）：A、B、…" after a table that left them out. */
static void
idle_note(struct pdf *p, const json_t *t)
{
    struct yc_buf names = YC_BUF_INIT(1u << 16);
    const json_t *row;
    size_t i, n = 0;

    json_array_foreach(json_object_get(t, "rows"), i, row)
    {
        if (idle(t, row)) {
            yc_buf_printf(&names, "%s%s", n++ ? "、" : "", str(row, "department"));
        }
    }
    if (n) {
        block(p,
              yc_arena_printf(p->a, "注：本期无办件记录的部门（%zu 个）：%s。", n,
                              yc_buf_cstr(&names)),
              "", 8.5, MARGIN_X, CONTENT_W, C_MUTED, 8);
    }
    yc_buf_release(&names);
}

static void
table(struct pdf *p, const json_t *t, const char *number)
{
    const json_t *cols = json_object_get(t, "columns"), *c;
    const char *groups[8];
    size_t ng = 0, i;

    json_array_foreach(cols, i, c)
    {
        const char *g = json_string_value(json_object_get(c, "group"));
        int seen = 0;
        for (size_t k = 0; g && k < ng; k++) {
            seen |= strcmp(groups[k], g) == 0;
        }
        if (g && !seen && ng < 8) {
            groups[ng++] = g;
        }
    }
    heading(p, yc_arena_printf(p->a, "%s、%s", number, str(t, "title")));
    if (ng == 0) {
        struct part pt;
        part_columns(cols, NULL, &pt);
        table_part(p, t, &pt, NULL);
    }
    for (size_t k = 0; k < ng; k++) {
        static const char *const sub[] = {"（一）", "（二）", "（三）", "（四）",
                                          "（五）", "（六）", "（七）", "（八）"};
        struct part pt;
        part_columns(cols, groups[k], &pt);
        table_part(p, t, &pt, yc_arena_printf(p->a, "%s%s", sub[k], groups[k]));
    }
    idle_note(p, t);
}

static void
render(struct pdf *p)
{
    static const char *const numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
    const json_t *r = p->report, *t, *f;
    cairo_font_options_t *fo = cairo_font_options_create();
    size_t n = 0, i;

    p->pc = pango_font_map_create_context(font_map);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(p->pc, fo);
    pango_cairo_context_set_resolution(p->pc, 72);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(p->cr, p->pc);
    p->page = 1;
    p->y = MARGIN_TOP;

    title_block(p);
    heading(p, yc_arena_printf(p->a, "%s、总体情况", numbers[n++]));
    lines(p, json_object_get(r, "summary"), "");
    if (json_array_size(json_object_get(r, "changes"))) {
        heading(p, yc_arena_printf(p->a, "%s、与上期相比", numbers[n++]));
        lines(p, json_object_get(r, "changes"), "·");
    }
    if (json_array_size(json_object_get(r, "formula"))) {
        heading(p, yc_arena_printf(p->a, "%s、评分办法", numbers[n++]));
        block(p,
              yc_arena_printf(p->a, "　　基础分 %lld 分，按下列规则扣分，扣完为止：",
                              (long long)json_integer_value(json_object_get(r, "base"))),
              "", 10, MARGIN_X, CONTENT_W, C_TEXT, 3);
        json_array_foreach(json_object_get(r, "formula"), i, f)
        {
            block(p, yc_arena_printf(p->a, "　　%zu. %s；", i + 1, str(f, "rule")), "", 10,
                  MARGIN_X, CONTENT_W, C_TEXT, 2);
        }
        p->y += 4;
    }
    json_array_foreach(json_object_get(r, "tables"), i, t)
    {
        table(p, t, numbers[n < 7 ? n++ : 7]);
    }
    if (json_array_size(json_object_get(r, "pending_metrics"))) {
        block(p, "注：督办与评价数据尚未接入，相关栏目以“—”表示。", "", 8.5, MARGIN_X, CONTENT_W,
              C_MUTED, 0);
    }
    footer(p);
    g_object_unref(p->pc);
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    struct yc_buf *b = closure;

    yc_buf_add(b, data, len);
    return b->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int
yc_report_render_pdf(struct yc_arena *a, const json_t *report, const char **data, size_t *len,
                     struct yc_err *err)
{
    struct yc_buf out = YC_BUF_INIT(64u << 20);
    struct pdf p;
    cairo_surface_t *s;
    cairo_status_t st;
    const char *title =
        yc_arena_printf(a, "%s（%s）", str(report, "title"),
                        str(json_object_get(report, "period"), "label"));

    memset(&p, 0, sizeof(p));
    p.a = a;
    p.report = report;
    pthread_mutex_lock(&font_lock);
    if (!font_map) {
        font_map = pango_cairo_font_map_new();
    }
    /* pass 1: count the pages */
    s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    p.cr = cairo_create(s);
    render(&p);
    p.pages = p.page;
    cairo_destroy(p.cr);
    cairo_surface_destroy(s);
    /* pass 2: draw */
    s = cairo_pdf_surface_create_for_stream(write_buf, &out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yichuang 一窗");
    p.cr = cairo_create(s);
    p.draw = 1;
    render(&p);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    pthread_mutex_unlock(&font_lock);
    /* the layouts' tens of megabytes go back to the system, not to this thread's malloc arena */
    malloc_trim(0);
    if (st != CAIRO_STATUS_SUCCESS || out.overflow) {
        yc_buf_release(&out);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "生成报表 PDF 失败：%s",
                       cairo_status_to_string(st));
    }
    *len = out.len;
    *data = yc_arena_strndup(a, out.data ? out.data : "", out.len);
    yc_buf_release(&out);
    return 0;
}
