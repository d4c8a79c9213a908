/*
 * guide_pdf.c - the acceptance guide (受理指南) as an A4 PDF: cairo draws, pango sets the Chinese
 * text (Noto Sans CJK SC, from fonts-noto-cjk), libqrencode makes the QR code of the matter's
 * online page.
 *
 * The page is laid out twice: once on a recording surface to count the pages, then into the PDF,
 * so every footer can say "第 N 页 / 共 M 页". Both passes measure text with the same font options
 * (no hinting, 72 dpi: one point is one unit), so they break pages at the same places. Text flows
 * line by line across pages; a table row moves whole to the next page (its header repeated), and a
 * row too tall for any page keeps its long review points for a note after the table.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "svc/pdf_draw.h"
#include "svc/svc.h"
#include "base/banned.h"

#define FONT          "Noto Sans CJK SC"
#define PAGE_W        595.28 /* A4 in points */
#define PAGE_H        841.89
#define MARGIN_X      54.0
#define MARGIN_TOP    50.0
#define MARGIN_BOTTOM 64.0 /* room for the footer */
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define QR_SIZE       86.0
#define CELL_PAD      4.0

struct rgb {
    double r, g, b;
};
static const struct rgb C_TEXT = {0.13, 0.13, 0.13};
static const struct rgb C_MUTED = {0.42, 0.45, 0.50};
static const struct rgb C_ACCENT = {0.11, 0.30, 0.55};
static const struct rgb C_RULE = {0.62, 0.67, 0.74};
static const struct rgb C_FILL = {0.91, 0.94, 0.97};

struct pdf {
    cairo_t *cr;
    PangoContext *pc;
    int draw;  /* 0: measuring pass */
    int page;  /* current page, 1-based */
    int pages; /* total, known in the drawing pass */
    double y;  /* where the next block starts */
    const struct yc_matter_guide *g;
    const char *url;
    char today[11];
};

/* ---- text ---- */

static void
color(struct pdf *p, struct rgb c)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

/* A layout of plain text (or Pango markup) in font "FONT <style> <size>", wrapped at width. */
static PangoLayout *
layout(struct pdf *p, const char *text, int markup, const char *style, double size, double width)
{
    char font[64];

    snprintf(font, sizeof(font), "%s %s", FONT, style);
    return yc_pdf_layout(p->pc, text, markup, font, size, width, 0.35);
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

/* ---- pages ---- */

static void
footer(struct pdf *p)
{
    char right[64];
    PangoLayout *l;
    double y = PAGE_H - MARGIN_BOTTOM + 22;

    if (!p->draw) {
        return;
    }
    color(p, C_RULE);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN_X, y - 6);
    cairo_line_to(p->cr, PAGE_W - MARGIN_X, y - 6);
    cairo_stroke(p->cr);
    l = layout(p, "", 0, "", 8, CONTENT_W);
    pango_layout_set_text(l, p->g->m.name, -1);
    pango_layout_set_width(l, (int)(CONTENT_W * 0.6 * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    show(p, l, MARGIN_X, y, C_MUTED);
    g_object_unref(l);
    snprintf(right, sizeof(right), "生成于 %s　第 %d 页 / 共 %d 页", p->today, p->page, p->pages);
    l = layout(p, right, 0, "", 8, CONTENT_W);
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

/* Flow a layout's lines at x from p->y, breaking pages between lines. */
static void
flow(struct pdf *p, PangoLayout *l, double x, struct rgb c)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double start = p->y, offset = 0, bottom;

    do {
        PangoRectangle r;
        double top, h;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        top = (double)r.y / PANGO_SCALE;
        h = (double)r.height / PANGO_SCALE;
        if (start + top - offset + h > PAGE_H - MARGIN_BOTTOM &&
            (top > offset || start > MARGIN_TOP)) {
            new_page(p);
            start = p->y;
            offset = top;
        }
        if (p->draw) {
            color(p, c);
            cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE,
                          start - offset +
                              (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
            pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        }
        bottom = start + top - offset + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->y = bottom;
}

static void
paragraph(struct pdf *p, const char *text, double size, struct rgb c, double after)
{
    PangoLayout *l = layout(p, *text ? text : "无", 0, "", size, CONTENT_W);

    flow(p, l, MARGIN_X, c);
    g_object_unref(l);
    p->y += after;
}

static void
markup_paragraph(struct pdf *p, const char *markup, double indent, double after)
{
    PangoLayout *l = layout(p, markup, 1, "", 10, CONTENT_W - indent);

    flow(p, l, MARGIN_X + indent, C_TEXT);
    g_object_unref(l);
    p->y += after;
}

/* A section heading; moves to a new page when not even a few lines would follow it. */
static void
heading(struct pdf *p, const char *title)
{
    PangoLayout *l = layout(p, title, 0, "Bold", 12.5, CONTENT_W - 10);
    double h = yc_pdf_layout_height(l);

    if (room(p) < h + 48) {
        new_page(p);
    }
    p->y += 8;
    if (p->draw) {
        color(p, C_ACCENT);
        cairo_rectangle(p->cr, MARGIN_X, p->y + 2, 3.5, h - 4);
        cairo_fill(p->cr);
    }
    show(p, l, MARGIN_X + 10, p->y, C_ACCENT);
    g_object_unref(l);
    p->y += h + 6;
}

/* ---- tables ---- */

struct cell {
    const char *text;
    int markup;
    int head; /* shaded, bold */
};

static void
cell_box(struct pdf *p, double x, double y, double w, double h, int shaded)
{
    if (!p->draw) {
        return;
    }
    if (shaded) {
        color(p, C_FILL);
        cairo_rectangle(p->cr, x, y, w, h);
        cairo_fill(p->cr);
    }
    color(p, C_RULE);
    cairo_set_line_width(p->cr, 0.5);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_stroke(p->cr);
}

/* Height of a row of n cells with the column widths given. */
static double
row_height(struct pdf *p, const struct cell *c, const double *w, size_t n, double size)
{
    double hmax = 0;

    for (size_t i = 0; i < n; i++) {
        PangoLayout *l =
            layout(p, c[i].text, c[i].markup, c[i].head ? "Bold" : "", size, w[i] - 2 * CELL_PAD);
        double h = yc_pdf_layout_height(l);
        hmax = h > hmax ? h : hmax;
        g_object_unref(l);
    }
    return hmax + 2 * CELL_PAD;
}

static void
draw_row(struct pdf *p, const struct cell *c, const double *w, size_t n, double size, double h)
{
    double x = MARGIN_X;

    for (size_t i = 0; i < n; i++) {
        PangoLayout *l =
            layout(p, c[i].text, c[i].markup, c[i].head ? "Bold" : "", size, w[i] - 2 * CELL_PAD);
        cell_box(p, x, p->y, w[i], h, c[i].head);
        show(p, l, x + CELL_PAD, p->y + CELL_PAD, C_TEXT);
        g_object_unref(l);
        x += w[i];
    }
    p->y += h;
}

/* A row on the current page, or on the next when it does not fit. */
static void
table_row(struct pdf *p, const struct cell *c, const double *w, size_t n, double size)
{
    double h = row_height(p, c, w, n, size);

    if (h > room(p)) {
        new_page(p);
    }
    draw_row(p, c, w, n, size, h);
}

/* ---- the parts of the guide ---- */

static void
qr_code(struct pdf *p, double x, double y)
{
    if (p->draw) {
        yc_pdf_qr(p->cr, p->url, x, y, QR_SIZE, 2, 1); /* a quiet zone of two modules */
    }
}

static void
title_block(struct pdf *p)
{
    const struct yc_matter *m = &p->g->m;
    double text_w = CONTENT_W - QR_SIZE - 16;
    PangoLayout *kicker = layout(p, "受理指南", 0, "Bold", 10, text_w);
    PangoLayout *title = layout(p, m->name, 0, "Bold", 19, text_w);
    PangoLayout *dept = layout(p, m->department_name, 0, "", 11, text_w);
    PangoLayout *cap = layout(p, "扫码查看在线指南", 0, "", 7.5, QR_SIZE);
    double y = p->y, qr_bottom;

    show(p, kicker, MARGIN_X, y, C_ACCENT);
    y += yc_pdf_layout_height(kicker) + 4;
    show(p, title, MARGIN_X, y, C_TEXT);
    y += yc_pdf_layout_height(title) + 4;
    show(p, dept, MARGIN_X, y, C_MUTED);
    y += yc_pdf_layout_height(dept);
    qr_code(p, PAGE_W - MARGIN_X - QR_SIZE, p->y);
    pango_layout_set_alignment(cap, PANGO_ALIGN_CENTER);
    show(p, cap, PAGE_W - MARGIN_X - QR_SIZE, p->y + QR_SIZE + 1, C_MUTED);
    qr_bottom = p->y + QR_SIZE + 1 + yc_pdf_layout_height(cap);
    p->y = (y > qr_bottom ? y : qr_bottom) + 12;
    g_object_unref(kicker);
    g_object_unref(title);
    g_object_unref(dept);
    g_object_unref(cap);
}

static const char *
limit_text(struct yc_arena *a, int days)
{
    return days == 0 ? "即办件（当场办结）" : yc_arena_printf(a, "%d 个工作日", days);
}

static void
info_table(struct yc_ctx *ctx, struct pdf *p)
{
    const struct yc_matter *m = &p->g->m;
    const struct yc_matter_type_info *t = yc_matter_type_find(m->type);
    static const double w[4] = {78, CONTENT_W / 2 - 78, 78, CONTENT_W / 2 - 78};
    struct yc_buf aliases = YC_BUF_INIT(1u << 16);
    const char *cells[][4] = {
        {"实施部门", m->department_name, "事项类型",
         yc_arena_printf(ctx->arena, "%s %s", m->type, t ? t->zh : "")},
        {"法定办结时限", limit_text(ctx->arena, m->statutory_days), "承诺办结时限",
         limit_text(ctx->arena, m->promised_days)},
        {"办理窗口", yc_window_classes[m->window_class].zh, "是否进驻",
         m->entered ? "已进驻政务服务中心" : "未进驻"},
    };
    const double wide[2] = {78, CONTENT_W - 78};
    struct cell code[2] = {{"事项编码", 0, 1}, {m->code, 0, 0}};

    table_row(p, code, wide, 2, 9.5);
    for (size_t r = 0; r < sizeof(cells) / sizeof(cells[0]); r++) {
        struct cell c[4] = {
            {cells[r][0], 0, 1}, {cells[r][1], 0, 0}, {cells[r][2], 0, 1}, {cells[r][3], 0, 0}};
        table_row(p, c, w, 4, 9.5);
    }
    if (*m->theme) {
        struct cell c[2] = {{"主题", 0, 1}, {m->theme, 0, 0}};
        table_row(p, c, wide, 2, 9.5);
    }
    for (size_t i = 0; i < m->naliases; i++) {
        yc_buf_printf(&aliases, "%s%s", i ? "、" : "", m->aliases[i]);
    }
    if (m->naliases) {
        struct cell c[2] = {{"又称", 0, 1}, {yc_buf_cstr(&aliases), 0, 0}};
        table_row(p, c, wide, 2, 9.5);
    }
    yc_buf_release(&aliases);
    p->y += 4;
}

/* The material checklist; rows too tall for a page leave their review points to notes. */
static void
materials_table(struct yc_ctx *ctx, struct pdf *p)
{
    static const double w[7] = {28, 146, 66, 30, 30, 40, CONTENT_W - 340};
    static const struct cell head[7] = {
        {"序号", 0, 1}, {"材料名称", 0, 1}, {"原件/复印件", 0, 1}, {"份数", 0, 1},
        {"必需", 0, 1}, {"可容缺", 0, 1},   {"审查要点", 0, 1}};
    const struct yc_matter *m = &p->g->m;
    double head_h = row_height(p, head, w, 7, 9);
    double page_room = PAGE_H - MARGIN_BOTTOM - MARGIN_TOP - head_h;
    struct yc_buf notes = YC_BUF_INIT(1u << 20);

    if (m->nmaterials == 0) {
        paragraph(p, "无需提交申请材料", 10, C_TEXT, 4);
        return;
    }
    if (room(p) < head_h * 3) {
        new_page(p);
    }
    draw_row(p, head, w, 7, 9, head_h);
    for (size_t i = 0; i < m->nmaterials; i++) {
        const struct yc_material *x = &m->materials[i];
        /* the sample text under the name, labelled once (some catalogues label it themselves) */
        const char *label =
            strncmp(x->sample, "示范文本", strlen("示范文本")) == 0 ? "" : "示范文本：";
        char *name = *x->sample ? g_markup_printf_escaped(
                                      "%s\n<span size=\"small\" foreground=\"#6b7280\">%s%s</span>",
                                      x->name, label, x->sample)
                                : g_markup_escape_text(x->name, -1);
        char *review = g_markup_escape_text(*x->review_points ? x->review_points : "—", -1);
        struct cell c[7] = {
            {yc_arena_printf(ctx->arena, "%zu", i + 1), 0, 0},
            {name, 1, 0},
            {yc_material_forms[x->form].label, 0, 0},
            {yc_arena_printf(ctx->arena, "%d", x->copies), 0, 0},
            {x->required ? "是" : "否", 0, 0},
            {x->rongque ? "是" : "否", 0, 0},
            {review, 1, 0},
        };
        double h = row_height(p, c, w, 7, 9);
        if (h > page_room) {
            c[6].text = yc_arena_printf(ctx->arena, "见表后注 %zu", i + 1);
            yc_buf_printf(&notes, "%s<b>注 %zu（%s）：</b>%s", notes.len ? "\n" : "", i + 1, name,
                          review);
            h = row_height(p, c, w, 7, 9);
        }
        if (h > room(p)) {
            new_page(p);
            draw_row(p, head, w, 7, 9, head_h);
        }
        draw_row(p, c, w, 7, 9, h);
        g_free(name);
        g_free(review);
    }
    p->y += 6;
    if (notes.len) {
        markup_paragraph(p, yc_buf_cstr(&notes), 0, 4);
    }
    yc_buf_release(&notes);
}

static void
faq_list(struct pdf *p)
{
    const struct yc_matter *m = &p->g->m;

    if (m->nfaq == 0) {
        paragraph(p, "无", 10, C_TEXT, 4);
    }
    for (size_t i = 0; i < m->nfaq; i++) {
        char *q = g_markup_printf_escaped("<b>问 %zu：%s</b>", i + 1, m->faq[i].question);
        char *a = g_markup_printf_escaped("答：%s", m->faq[i].answer);
        markup_paragraph(p, q, 0, 2);
        markup_paragraph(p, a, 0, 6);
        g_free(q);
        g_free(a);
    }
}

static void
glossary_list(struct pdf *p)
{
    const struct yc_matter *m = &p->g->m;

    if (m->nglossary == 0) {
        paragraph(p, "无", 10, C_TEXT, 4);
    }
    for (size_t i = 0; i < m->nglossary; i++) {
        char *t = g_markup_printf_escaped("<b>%s</b>：%s", m->glossary[i].term,
                                          m->glossary[i].definition);
        markup_paragraph(p, t, 0, 4);
        g_free(t);
    }
}

/* Everything, from the current page on. */
static void
render(struct yc_ctx *ctx, struct pdf *p)
{
    PangoFontMap *fm = pango_cairo_font_map_get_default();
    cairo_font_options_t *fo = cairo_font_options_create();

    p->pc = pango_font_map_create_context(fm);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(p->pc, fo);
    pango_cairo_context_set_resolution(p->pc, 72);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(p->cr, p->pc);
    p->page = 1;
    p->y = MARGIN_TOP;

    title_block(p);
    info_table(ctx, p);
    heading(p, "受理条件");
    paragraph(p, p->g->m.conditions, 10, C_TEXT, 4);
    heading(p, "申请材料");
    materials_table(ctx, p);
    heading(p, "设定依据");
    paragraph(p, p->g->m.legal_basis, 10, C_TEXT, 4);
    heading(p, "收费标准");
    paragraph(p, *p->g->m.fees ? p->g->m.fees : "不收费", 10, C_TEXT, 4);
    heading(p, "常见问题");
    faq_list(p);
    heading(p, "专业名词");
    glossary_list(p);
    p->y += 10;
    paragraph(p,
              yc_arena_printf(
                  ctx->arena,
                  "办理提示：本事项在%s受理，承诺 %s办结。材料齐全、符合法定形式的当场受理；"
                  "材料不全的，窗口一次性告知需要补正的全部内容。在线查看：%s",
                  yc_window_classes[p->g->m.window_class].zh,
                  p->g->m.promised_days ? limit_text(ctx->arena, p->g->m.promised_days) : "当场",
                  p->url),
              9, C_MUTED, 0);
    footer(p);
    g_object_unref(p->pc);
}

/*
 * LeakSanitizer (SANITIZE=address builds): leaks inside the libraries, not ours. cairo 1.16 does
 * not free every array it grows while finishing a PDF surface (about 1.5 KiB per guide), and
 * fontconfig keeps parts of its configuration when pango first loads it (once). The libraries have
 * no frame pointers, so the sanitizer's stack stops at their frame: suppressed by library, which
 * would also hide a cairo object we forgot to destroy - every one here is destroyed in the function
 * that made it.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    struct yc_buf *b = closure;

    yc_buf_add(b, data, len);
    return b->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int
yc_svc_matter_guide_pdf(struct yc_ctx *ctx, int64_t id, const char *base_url, const char **pdf,
                        size_t *len, struct yc_err *err)
{
    struct yc_matter_guide g;
    struct yc_buf out = YC_BUF_INIT(64u << 20);
    struct pdf p;
    cairo_surface_t *s;
    cairo_status_t st;
    int rc = yc_svc_matter_guide(ctx, id, &g, err);

    if (rc) {
        return rc;
    }
    memset(&p, 0, sizeof(p));
    p.g = &g;
    p.url =
        yc_arena_printf(ctx->arena, "%s%s", base_url, yc_matter_public_path(ctx->arena, g.m.code));
    yc_date_format(ctx->today, p.today);
    /* pass 1: count the pages */
    s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    p.cr = cairo_create(s);
    render(ctx, &p);
    p.pages = p.page;
    cairo_destroy(p.cr);
    cairo_surface_destroy(s);
    /* pass 2: draw */
    s = cairo_pdf_surface_create_for_stream(write_buf, &out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                   yc_arena_printf(ctx->arena, "受理指南：%s", g.m.name));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yichuang 一窗");
    p.cr = cairo_create(s);
    p.draw = 1;
    render(ctx, &p);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS || out.overflow) {
        yc_buf_release(&out);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "生成受理指南 PDF 失败：%s",
                       cairo_status_to_string(st));
    }
    *len = out.len;
    *pdf = yc_arena_strndup(ctx->arena, out.data ? out.data : "", out.len);
    yc_buf_release(&out);
    return 0;
}
