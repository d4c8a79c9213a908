/*
 * pdf_draw.h - the drawing the PDF documents share (the acceptance guide, the case notices, the
 * reports): text laid out by pango in a Noto CJK font, and a QR code drawn as cairo rectangles.
 * Each document keeps its own page layout; these are the pieces that are the same in all three.
 */
#ifndef YC_SVC_PDF_DRAW_H
#define YC_SVC_PDF_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>

/*
 * A layout of text (Pango markup when markup is 1; NULL is "") in the font "<font> <size>" (font:
 * a family and optional style, "Noto Sans CJK SC Bold"), wrapped by word or character at width
 * points, with spacing * size between lines. The caller unrefs it.
 */
PangoLayout *yc_pdf_layout(PangoContext *pc, const char *text, int markup, const char *font,
                           double size, double width, double spacing);
/* The laid-out size in points. */
double yc_pdf_layout_height(PangoLayout *l);
double yc_pdf_layout_width(PangoLayout *l);

/*
 * The QR code of url (error correction M) in a size × size square at (x, y), with a quiet zone of
 * `quiet` modules; white: paint the square white first. Nothing is drawn when url does not encode.
 */
void yc_pdf_qr(cairo_t *cr, const char *url, double x, double y, double size, int quiet,
               int white);

#endif
