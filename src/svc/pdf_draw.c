/* pdf_draw.c - text layouts and QR codes for the PDF documents (pdf_draw.h). */
#include <qrencode.h>
#include <stdio.h>

#include "svc/pdf_draw.h"
#include "base/banned.h"

PangoLayout *
yc_pdf_layout(PangoContext *pc, const char *text, int markup, const char *font, double size,
              double width, double spacing)
{
    PangoLayout *l = pango_layout_new(pc);
    char desc[96];
    PangoFontDescription *fd;

    snprintf(desc, sizeof(desc), "%s %.1f", font, size);
    fd = pango_font_description_from_string(desc);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_spacing(l, (int)(size * spacing * PANGO_SCALE));
    if (markup) {
        pango_layout_set_markup(l, text ? text : "", -1);
    } else {
        pango_layout_set_text(l, text ? text : "", -1);
    }
    return l;
}

double
yc_pdf_layout_height(PangoLayout *l)
{
    int w, h;

    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

double
yc_pdf_layout_width(PangoLayout *l)
{
    int w, h;

    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

void
yc_pdf_qr(cairo_t *cr, const char *url, double x, double y, double size, int quiet, int white)
{
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    double m;

    if (!qr) {
        return;
    }
    m = size / (qr->width + 2 * quiet);
    if (white) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, x, y, size, size);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < qr->width; r++) {
        for (int c = 0; c < qr->width; c++) {
            if (qr->data[r * qr->width + c] & 1) {
                cairo_rectangle(cr, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
            }
        }
    }
    cairo_fill(cr);
    QRcode_free(qr);
}
