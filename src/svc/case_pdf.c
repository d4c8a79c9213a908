/*
 * case_pdf.c - the written notices of a case as A4 PDF (行政许可法 §32, §38, §42, §45): 受理通知书,
 * 不予受理决定书, 补正材料通知书, 容缺受理通知书, 延期告知书, 特别程序告知书 and the decision
 * (准予 / 不予许可决定书). cairo draws, pango sets the text (Noto Serif / Sans CJK SC), libqrencode
 * makes the QR code of the case's public status page; the department's approval seal is drawn as
 * a red stamp impression (ring, star, name along the arc).
 *
 * Each notice records one event of the case's timeline (the n-th of its kind): its dates, the
 * clocks as they stood on that day and the words of that event. Nothing depends on the clock of the
 * request, and the PDF's creation date is the event's time, so the bytes are the same whenever the
 * case's record is: the SHA-256 of a decision recorded in the seal ledger can be checked again.
 *
 * As in guide_pdf.c, the notice is laid out twice (a recording surface to count pages, then the
 * PDF) with the same unhinted 72-dpi font options, so both passes break pages at the same places.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <sodium.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/str.h"
#include "domain/case_clock.h"
#include "domain/case_flow.h"
#include "domain/ids.h"
#include "svc/case_int.h"
#include "svc/pdf_draw.h"
#include "svc/svc.h"
#include "base/banned.h"

#define SERIF         "Noto Serif CJK SC"
#define SANS          "Noto Sans CJK SC"
#define PAGE_W        595.28 /* A4 in points */
#define PAGE_H        841.89
#define MARGIN_X      68.0
#define MARGIN_TOP    46.0
#define MARGIN_BOTTOM 70.0 /* room for the footer */
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define QR_SIZE       62.0
#define CELL_PAD      3.6
#define TABLE_SIZE    9.0
#define BODY_SIZE     11.0
#define SEAL_R        58.0 /* a 4.2 cm seal is 119 pt across */
#define SIGN_GAP      40.0 /* above the issuer's line: room for the seal's upper half */

#define DEFAULT_CENTRE      "邵阳市政务服务中心"
#define DEFAULT_PHONE       "0739-12345"
#define DEFAULT_SUPPLY_DAYS 10

struct rgb {
    double r, g, b;
};
static const struct rgb C_TEXT = {0.08, 0.08, 0.08};
static const struct rgb C_MUTED = {0.40, 0.42, 0.46};
static const struct rgb C_RED = {0.80, 0.07, 0.07};
static const struct rgb C_RULE = {0.55, 0.57, 0.60};
static const struct rgb C_FILL = {0.94, 0.94, 0.94};

/* ---- the kinds ---- */

static const struct {
    const char *name;
    const char *title;
    const char *code;      /* in the document number */
    int repeats;           /* may happen several times: the round is in the number */
    const char *events[4]; /* the timeline events this notice records */
} kinds[YC_NOTICE__MAX] = {
    [YC_NOTICE_ACCEPT] = {"accept",
                          "受理通知书",
                          "SL",
                          0,
                          {"accept", "supplement_complete", "deem_accepted", "handle_on_spot"}},
    [YC_NOTICE_REFUSE] = {"refuse", "不予受理决定书", "BSL", 0, {"refuse"}},
    [YC_NOTICE_SUPPLEMENT] = {"supplement", "补正材料通知书", "BZ", 1, {"request_supplement"}},
    [YC_NOTICE_CONDITIONAL] = {"conditional", "容缺受理通知书", "RQ", 0, {"accept_conditionally"}},
    [YC_NOTICE_EXTENSION] = {"extension", "延期告知书", "YQ", 0, {"extend"}},
    [YC_NOTICE_SUSPEND] = {"suspend", "特别程序告知书", "TB", 1, {"suspend"}},
    [YC_NOTICE_DECISION] = {"decision",
                            "准予许可决定书",
                            "JD",
                            0,
                            {"decide_grant", "decide_refuse", "handle_on_spot"}},
};

int
yc_notice_kind_parse(const char *s, enum yc_notice_kind *out)
{
    for (int k = 0; k < YC_NOTICE__MAX; k++) {
        if (strcmp(kinds[k].name, s) == 0) {
            *out = (enum yc_notice_kind)k;
            return 0;
        }
    }
    return -1;
}

const char *
yc_notice_kind_name(enum yc_notice_kind k)
{
    return k < YC_NOTICE__MAX ? kinds[k].name : "";
}

/* ---- what a notice says ---- */

struct notice {
    enum yc_notice_kind kind;
    struct yc_case c;
    struct yc_matter m; /* the version the case was received under */
    const struct yc_case_event_row *ev;
    int round;
    const struct yc_case_event_row *events;
    size_t nevents;
    struct yc_case_material *mats;
    size_t nmats;
    const struct yc_case_stop_row *stop; /* suspend: its stop */
    int clocked;                         /* st holds the clocks as of the event's day */
    struct yc_clock_status st;
    int32_t old_end; /* extension: the statutory end before it */
    int grant;       /* decision: grant (1) or refusal (0) */
    const char *seal_name;
    const char *seal_code;
    const char *issuer; /* the department's full name, as on its seal */
    const char *centre;
    const char *phone;
    int supply_days;
    int32_t supply_due;
    const char *title;
    const char *doc_no;
    const char *url;
    const char *you; /* 你 / 你单位 */
};

static const char *
day_zh(struct yc_arena *a, int32_t day)
{
    int y, m, d;

    if (day == YC_NO_DAY || day == YC_CLOCK_NO_DAY) {
        return "—";
    }
    yc_date_to_ymd(day, &y, &m, &d);
    return yc_arena_printf(a, "%d年%d月%d日", y, m, d);
}

/* 二〇二五年十月十五日, as the date under a seal is written. */
static const char *
day_hanzi(struct yc_arena *a, int32_t day)
{
    char out[YC_DATE_HANZI_SIZE];

    yc_date_format_hanzi(day, out);
    return yc_arena_strdup(a, out);
}

static const char *
masked_id(struct yc_arena *a, const char *s)
{
    size_t len = strlen(s);
    char *out = yc_arena_alloc(a, len + 1);

    yc_id_mask(s, len, out, len + 1);
    return out;
}

/* The part of a stored note after `prefix`, up to `stop` (whole rest when stop is NULL). */
static const char *
note_part(struct yc_arena *a, const char *note, const char *prefix, const char *stop)
{
    const char *p = strstr(note, prefix);
    const char *e;

    if (!p) {
        return NULL;
    }
    p += strlen(prefix);
    e = stop ? strstr(p, stop) : NULL;
    return e ? yc_arena_strndup(a, p, (size_t)(e - p)) : yc_arena_strdup(a, p);
}

/* ---- the clocks as of the event's day ---- */

struct clock_call {
    struct yc_clock clk;
    struct yc_clock_policy policy;
    int32_t day;
    struct yc_clock_status st;
    struct yc_clock_fault fault;
};

static int
clock_cb(const struct yc_calendar *cal, void *arg)
{
    struct clock_call *cc = arg;

    return yc_clock_status(cal, &cc->clk, &cc->policy, cc->day, &cc->st, &cc->fault);
}

/*
 * The case's clock as it stood just after the notice's event: only the stops begun by events up to
 * it (request_materials, suspend), closed only by the resumptions up to it (materials_supplied,
 * resume), the extension only if granted by then (and never when with_extension is 0), measured on
 * the event's day. Cutting by the timeline, not by days, keeps same-day events apart: a notice
 * printed again after a later event of the same day says what it said before.
 */
static int
clock_on(struct yc_ctx *ctx, struct notice *n, int with_extension, struct yc_clock_status *st,
         struct yc_err *err)
{
    struct clock_call cc = {0};
    struct yc_case_stop_row *stops;
    size_t ns, began = 0, ended = 0;
    int extended = 0;
    int rc = yc_case_clock_build(ctx, &n->c, &cc.clk, &stops, &ns, err);

    if (rc == 0) {
        rc = yc_svc_clock_policy(ctx, &cc.policy, err);
    }
    if (rc) {
        return rc;
    }
    for (const struct yc_case_event_row *e = n->events; e <= n->ev; e++) {
        began += strcmp(e->event, "request_materials") == 0 || strcmp(e->event, "suspend") == 0;
        ended += strcmp(e->event, "materials_supplied") == 0 || strcmp(e->event, "resume") == 0;
        extended |= strcmp(e->event, "extend") == 0;
    }
    cc.clk.n_stops = began < ns ? began : ns;
    if (cc.clk.n_stops) {
        struct yc_clock_stop *cut = yc_arena_alloc(ctx->arena, cc.clk.n_stops * sizeof(*cut));
        memcpy(cut, cc.clk.stops, cc.clk.n_stops * sizeof(*cut));
        for (size_t i = ended; i < cc.clk.n_stops; i++) {
            cut[i].resume_day = YC_CLOCK_NO_DAY;
        }
        cc.clk.stops = cut;
    }
    if (!with_extension || !extended) {
        cc.clk.extension_days = 0;
        cc.clk.extended_day = YC_CLOCK_NO_DAY;
    }
    cc.day = n->ev->day > cc.clk.start_day ? n->ev->day : cc.clk.start_day;
    rc = yc_svc_cal_use(clock_cb, &cc, err);
    if (rc != 0 && rc != YC_EUNAVAIL) { /* a refusal of the pure clock (a year not covered) */
        return yc_fail(err, YC_EUNPROC, "clock_invalid", NULL, "%s",
                       cc.fault.message[0] ? cc.fault.message : "办件期限无法计算");
    }
    *st = cc.st;
    return rc;
}

/* ---- gathering ---- */

static int
pick_event(struct notice *n, int round, struct yc_err *err)
{
    int count = 0;

    n->ev = NULL;
    for (size_t i = 0; i < n->nevents; i++) {
        for (size_t j = 0; j < 4 && kinds[n->kind].events[j]; j++) {
            if (strcmp(n->events[i].event, kinds[n->kind].events[j]) == 0) {
                count++;
                if (round == 0 || round == count) {
                    n->ev = &n->events[i];
                    n->round = count;
                }
            }
        }
    }
    if (count == 0) {
        enum yc_case_state st;
        return yc_fail(err, YC_ECONFLICT, "notice_not_applicable", "kind",
                       "办件 %s 没有相应的决定或程序，不能出具%s（当前状态：%s）", n->c.number,
                       n->kind == YC_NOTICE_DECISION ? "许可决定书" : kinds[n->kind].title,
                       yc_case_state_parse(n->c.state, strlen(n->c.state), &st) == 0
                           ? yc_case_state_label(st)
                           : n->c.state);
    }
    if (!n->ev) {
        return yc_fail(err, YC_ENOTFOUND, "notice_round_not_found", "round",
                       "办件 %s 只有 %d 份%s，没有第 %d 份", n->c.number, count,
                       kinds[n->kind].title, round);
    }
    return 0;
}

static const char *
setting(struct yc_ctx *ctx, const char *key, const char *dflt, struct yc_err *err, int *rc)
{
    const char *v = NULL;

    if (*rc == 0) {
        *rc = yc_store_setting_get(ctx->db, ctx->arena, key, &v, err);
    }
    return v && *v ? v : dflt;
}

/* The seal on the notice: the one the ledger records for this case's decision, else the
 * department's seal in use. Its arc text (the department's full name) is the issuer. */
static int
pick_seal(struct yc_ctx *ctx, struct notice *n, struct yc_err *err)
{
    static const char *suffixes[] = {"行政审批专用章", "业务专用章", "专用章"};
    struct yc_seal_use *u;
    struct yc_seal s;
    size_t nu;
    int found = 0;
    int rc = 0;

    n->seal_name = "";
    n->seal_code = "";
    if (n->kind == YC_NOTICE_DECISION) {
        rc = yc_store_seal_uses_of_case(ctx->db, ctx->arena, n->c.id, &u, &nu, err);
        if (rc == 0 && nu) {
            n->seal_name = u[nu - 1].seal_name;
            n->seal_code = u[nu - 1].seal_code;
        }
    }
    if (rc == 0 && !*n->seal_name) {
        rc = yc_store_seal_active(ctx->db, ctx->arena, n->c.department_id, &s, &found, err);
        if (rc == 0 && found) {
            n->seal_name = s.name;
            n->seal_code = s.code;
        }
    }
    n->issuer = n->c.department_name;
    for (size_t i = 0; *n->seal_name && i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        size_t ln = strlen(n->seal_name), ls = strlen(suffixes[i]);
        if (ln > ls && strcmp(n->seal_name + ln - ls, suffixes[i]) == 0) {
            n->issuer = yc_arena_strndup(ctx->arena, n->seal_name, ln - ls);
            break;
        }
    }
    return rc;
}

/* Per kind: what else the notice needs (clocks, the stop, the deadline of a 补正). */
static int
gather_kind(struct yc_ctx *ctx, struct notice *n, struct yc_err *err)
{
    int32_t day = n->ev->day;
    struct yc_case_stop_row *stops;
    size_t ns, seen = 0;
    struct yc_clock_status before = {0};
    int rc = 0;

    n->clocked = n->c.accepted_day != YC_NO_DAY && n->c.accepted_day <= day &&
                 n->kind != YC_NOTICE_REFUSE && n->kind != YC_NOTICE_SUPPLEMENT;
    if (n->clocked) {
        rc = clock_on(ctx, n, 1, &n->st, err);
    }
    if (rc == 0 && n->kind == YC_NOTICE_EXTENSION) {
        rc = clock_on(ctx, n, 0, &before, err);
        n->old_end = before.statutory.end_day;
    }
    if (rc == 0 && n->kind == YC_NOTICE_SUPPLEMENT) {
        rc = yc_svc_workdays_add(ctx, day, n->supply_days, &n->supply_due, err);
    }
    if (rc == 0 && n->kind == YC_NOTICE_SUSPEND) {
        rc = yc_store_case_stops(ctx->db, ctx->arena, n->c.id, &stops, &ns, err);
        for (size_t i = 0; rc == 0 && i < ns; i++) {
            if (strcmp(stops[i].kind, "supplement") != 0 && (int)++seen == n->round) {
                n->stop = &stops[i];
            }
        }
        if (rc == 0 && !n->stop) {
            rc = yc_fail(err, YC_EINTERNAL, "notice_stop_missing", NULL,
                         "办件 %s 的第 %d 次特别程序没有停止计时记录", n->c.number, n->round);
        }
    }
    n->grant = strcmp(n->ev->event, "decide_refuse") != 0;
    return rc;
}

static int
gather(struct yc_ctx *ctx, int64_t id, int round, const char *base_url, struct notice *n,
       struct yc_err *err)
{
    struct yc_case_event_row *ev;
    int full = 0, rc;

    rc = yc_case_load(ctx, id, &n->c, &full, err);
    if (rc == 0) {
        rc = yc_store_case_events(ctx->db, ctx->arena, id, &ev, &n->nevents, err);
        n->events = ev;
    }
    if (rc == 0) {
        rc = pick_event(n, round, err);
    }
    if (rc == 0) {
        rc = yc_svc_matter_version(ctx, n->c.matter_id, n->c.matter_version, &n->m, err);
    }
    if (rc == 0) {
        rc = yc_store_case_materials(ctx->db, ctx->arena, id, &n->mats, &n->nmats, err);
    }
    n->centre = setting(ctx, "centre_name", DEFAULT_CENTRE, err, &rc);
    n->phone = setting(ctx, "centre_phone", DEFAULT_PHONE, err, &rc);
    if (rc == 0) {
        int64_t days;
        const char *v = setting(ctx, "supplement_days", "", err, &rc);
        n->supply_days =
            yc_parse_i64(yc_str_c(v), 1, 60, &days) == 0 ? (int)days : DEFAULT_SUPPLY_DAYS;
    }
    if (rc == 0) {
        rc = pick_seal(ctx, n, err);
    }
    if (rc == 0) {
        rc = gather_kind(ctx, n, err);
    }
    if (rc) {
        return rc;
    }
    n->you = strcmp(n->c.applicant_kind, "firm") == 0 ? "你单位" : "你";
    n->title = n->kind == YC_NOTICE_DECISION && !n->grant ? "不予许可决定书" : kinds[n->kind].title;
    n->doc_no = yc_arena_printf(ctx->arena, "%s-%s", n->c.number,
                                n->kind == YC_NOTICE_DECISION ? (n->grant ? "ZY" : "BY")
                                                              : kinds[n->kind].code);
    if (kinds[n->kind].repeats) {
        n->doc_no = yc_arena_printf(ctx->arena, "%s%d", n->doc_no, n->round);
    }
    n->url = yc_arena_printf(ctx->arena, "%s/case/%s", base_url, n->c.number);
    return 0;
}

/* ---- drawing: text ---- */

struct pdf {
    cairo_t *cr;
    PangoContext *pc;
    struct yc_arena *a;
    const struct notice *n;
    int draw;  /* 0: measuring pass */
    int page;  /* current page, 1-based */
    int pages; /* total, known in the drawing pass */
    double y;  /* where the next block starts */
};

static void
color(struct pdf *p, struct rgb c)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

/* A layout of text (or Pango markup) in "family style size", wrapped at width. */
static PangoLayout *
layout(struct pdf *p, const char *text, int markup, const char *font, double size, double width)
{
    return yc_pdf_layout(p->pc, text, markup, font, size, width, 0.45);
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
footer(struct pdf *p)
{
    char right[64];
    PangoLayout *l;
    double y = PAGE_H - MARGIN_BOTTOM + 30;

    if (!p->draw) {
        return;
    }
    color(p, C_RULE);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, MARGIN_X, y - 6);
    cairo_line_to(p->cr, PAGE_W - MARGIN_X, y - 6);
    cairo_stroke(p->cr);
    l = layout(p, yc_arena_printf(p->a, "%s　办理进度查询：%s", p->n->doc_no, p->n->url), 0, SANS,
               7.5, CONTENT_W * 0.8);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    show(p, l, MARGIN_X, y, C_MUTED);
    g_object_unref(l);
    snprintf(right, sizeof(right), "第 %d 页 / 共 %d 页", p->page, p->pages);
    l = layout(p, right, 0, SANS, 7.5, CONTENT_W);
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

/* A body paragraph: serif, first line indented two characters. */
static void
para(struct pdf *p, const char *text, double after)
{
    PangoLayout *l = layout(p, text, 0, SERIF, BODY_SIZE, CONTENT_W);

    pango_layout_set_indent(l, (int)(2 * BODY_SIZE * PANGO_SCALE));
    flow(p, l, MARGIN_X, C_TEXT);
    g_object_unref(l);
    p->y += after;
}

static void
heading(struct pdf *p, const char *title)
{
    PangoLayout *l = layout(p, title, 0, SERIF " Bold", 12, CONTENT_W);
    double h = yc_pdf_layout_height(l);

    if (room(p) < h + 60) {
        new_page(p);
    }
    p->y += 4;
    show(p, l, MARGIN_X, p->y, C_TEXT);
    g_object_unref(l);
    p->y += h + 6;
}

/* ---- drawing: tables ---- */

struct cell {
    const char *text;
    int head; /* shaded, bold */
};

static double
row_height(struct pdf *p, const struct cell *c, const double *w, size_t n, double size)
{
    double hmax = 0;

    for (size_t i = 0; i < n; i++) {
        PangoLayout *l =
            layout(p, c[i].text, 0, c[i].head ? SANS " Bold" : SANS, size, w[i] - 2 * CELL_PAD);
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
            layout(p, c[i].text, 0, c[i].head ? SANS " Bold" : SANS, size, w[i] - 2 * CELL_PAD);
        if (p->draw) {
            if (c[i].head) {
                color(p, C_FILL);
                cairo_rectangle(p->cr, x, p->y, w[i], h);
                cairo_fill(p->cr);
            }
            color(p, C_RULE);
            cairo_set_line_width(p->cr, 0.6);
            cairo_rectangle(p->cr, x, p->y, w[i], h);
            cairo_stroke(p->cr);
        }
        show(p, l, x + CELL_PAD, p->y + CELL_PAD, C_TEXT);
        g_object_unref(l);
        x += w[i];
    }
    p->y += h;
}

/* A table: the head row, then every row, moving whole rows to the next page (head repeated). */
static void
table(struct pdf *p, const struct cell *head, const struct cell *rows, size_t nrows,
      const double *w, size_t ncols)
{
    double hh = row_height(p, head, w, ncols, TABLE_SIZE);

    if (room(p) < hh * 2 + 4) {
        new_page(p);
    }
    draw_row(p, head, w, ncols, TABLE_SIZE, hh);
    for (size_t r = 0; r < nrows; r++) {
        double h = row_height(p, &rows[r * ncols], w, ncols, TABLE_SIZE);
        if (h > room(p)) {
            new_page(p);
            draw_row(p, head, w, ncols, TABLE_SIZE, hh);
        }
        draw_row(p, &rows[r * ncols], w, ncols, TABLE_SIZE, h);
    }
    p->y += 10;
}

/* Label / value pairs, two pairs a row (a pair with an empty label takes the whole row). */
static void
info_table(struct pdf *p, const char *const *kv, size_t npairs)
{
    static const double w4[4] = {84, CONTENT_W / 2 - 84, 84, CONTENT_W / 2 - 84};
    static const double w2[2] = {84, CONTENT_W - 84};

    for (size_t i = 0; i < npairs;) {
        int wide = i + 1 >= npairs || !*kv[2 * i + 2] || strlen(kv[2 * i + 1]) > 60;
        if (wide) {
            struct cell c[2] = {{kv[2 * i], 1}, {kv[2 * i + 1], 0}};
            double h = row_height(p, c, w2, 2, TABLE_SIZE);
            if (h > room(p)) {
                new_page(p);
            }
            draw_row(p, c, w2, 2, TABLE_SIZE, h);
            i += 1 + (i + 1 < npairs && !*kv[2 * i + 2]);
        } else {
            struct cell c[4] = {
                {kv[2 * i], 1}, {kv[2 * i + 1], 0}, {kv[2 * i + 2], 1}, {kv[2 * i + 3], 0}};
            double h = row_height(p, c, w4, 4, TABLE_SIZE);
            if (h > room(p)) {
                new_page(p);
            }
            draw_row(p, c, w4, 4, TABLE_SIZE, h);
            i += 2;
        }
    }
    p->y += 12;
}

/* ---- drawing: QR code and seal ---- */

static void
qr_code(struct pdf *p, double x, double y)
{
    if (p->draw) {
        yc_pdf_qr(p->cr, p->n->url, x, y, QR_SIZE, 1, 0); /* a quiet zone of one module */
    }
}

static void
star(cairo_t *cr, double cx, double cy, double r)
{
    for (int i = 0; i < 10; i++) {
        double a = -M_PI / 2 + i * M_PI / 5;
        double rr = i % 2 ? r * 0.382 : r;
        if (i == 0) {
            cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        } else {
            cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        }
    }
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* Text along the top arc, each character upright to the rim, reading clockwise. */
static void
arc_text(struct pdf *p, const char *text, double cx, double cy, double r)
{
    long n = g_utf8_strlen(text, -1);
    double size = n > 1 ? fmin(15.0, 4.3 * (r - 12) / ((double)(n - 1) * 1.05)) : 15.0;
    double rmid = r - 5 - size * 0.6;
    double span = n > 1 ? fmin(4.3, (double)(n - 1) * size * 1.25 / rmid) : 0;
    const char *c = text;

    for (long i = 0; i < n; i++) {
        const char *next = g_utf8_next_char(c);
        char *ch = g_strndup(c, (gsize)(next - c));
        PangoLayout *l = layout(p, ch, 0, SERIF " Bold", size, 100);
        double w = yc_pdf_layout_width(l);
        cairo_save(p->cr);
        cairo_translate(p->cr, cx, cy);
        cairo_rotate(p->cr, n > 1 ? -span / 2 + span * (double)i / (double)(n - 1) : 0);
        cairo_translate(p->cr, 0, -(r - 4.5));
        cairo_scale(p->cr, 0.82, 1.0); /* seal characters are tall and narrow */
        cairo_move_to(p->cr, -w / 2, 0);
        pango_cairo_show_layout(p->cr, l);
        cairo_restore(p->cr);
        g_object_unref(l);
        g_free(ch);
        c = next;
    }
}

/* The approval seal's impression: red ring, star, the department along the arc, the kind of
 * seal across the middle and its code along the bottom. */
static void
seal(struct pdf *p, double cx, double cy)
{
    static const char *suffixes[] = {"行政审批专用章", "业务专用章", "专用章"};
    const char *name = p->n->seal_name, *mid = "";
    char *arc = g_strdup(name);
    PangoLayout *l;

    if (!p->draw || !*name) {
        g_free(arc);
        return;
    }
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        size_t ln = strlen(name), ls = strlen(suffixes[i]);
        if (ln > ls && strcmp(name + ln - ls, suffixes[i]) == 0) {
            arc[ln - ls] = '\0';
            mid = suffixes[i];
            break;
        }
    }
    cairo_save(p->cr);
    cairo_push_group(p->cr);
    cairo_set_source_rgb(p->cr, C_RED.r, C_RED.g, C_RED.b);
    cairo_set_line_width(p->cr, 3.2);
    cairo_new_path(p->cr); /* no line from the last text's current point */
    cairo_arc(p->cr, cx, cy, SEAL_R - 1.6, 0, 2 * M_PI);
    cairo_stroke(p->cr);
    star(p->cr, cx, cy - 2, 17);
    arc_text(p, arc, cx, cy, SEAL_R - 1.6);
    cairo_set_source_rgb(p->cr, C_RED.r, C_RED.g, C_RED.b);
    l = layout(p, mid, 0, SERIF " Bold", 10.5, 2 * SEAL_R);
    cairo_move_to(p->cr, cx - yc_pdf_layout_width(l) / 2, cy + 19);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    l = layout(p, p->n->seal_code, 0, SANS, 6.5, 2 * SEAL_R);
    cairo_move_to(p->cr, cx - yc_pdf_layout_width(l) / 2, cy + SEAL_R - 18);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    cairo_pop_group_to_source(p->cr);
    cairo_paint_with_alpha(p->cr, 0.86); /* ink over the text, which shows through */
    cairo_restore(p->cr);
    g_free(arc);
}

/* ---- the parts of a notice ---- */

static void
head_block(struct pdf *p)
{
    PangoLayout *centre = layout(p, p->n->centre, 0, SERIF " Bold", 17, CONTENT_W);
    PangoLayout *title = layout(p, p->n->title, 0, SERIF " Bold", 22, CONTENT_W - 2 * QR_SIZE);
    PangoLayout *no = layout(p, yc_arena_printf(p->a, "文书编号：%s", p->n->doc_no), 0, SANS, 9.5,
                             CONTENT_W - 2 * QR_SIZE);
    PangoLayout *cap = layout(p, "扫码查询办件进度", 0, SANS, 7, QR_SIZE + 20);
    double y = p->y, top;

    pango_layout_set_alignment(centre, PANGO_ALIGN_CENTER);
    pango_layout_set_alignment(title, PANGO_ALIGN_CENTER);
    pango_layout_set_alignment(no, PANGO_ALIGN_CENTER);
    pango_layout_set_alignment(cap, PANGO_ALIGN_CENTER);
    show(p, centre, MARGIN_X, y, C_RED);
    y += yc_pdf_layout_height(centre) + 6;
    if (p->draw) {
        color(p, C_RED);
        cairo_set_line_width(p->cr, 1.6);
        cairo_move_to(p->cr, MARGIN_X, y);
        cairo_line_to(p->cr, PAGE_W - MARGIN_X, y);
        cairo_stroke(p->cr);
    }
    top = y + 8;
    qr_code(p, PAGE_W - MARGIN_X - QR_SIZE, top);
    show(p, cap, PAGE_W - MARGIN_X - QR_SIZE - 10, top + QR_SIZE + 1, C_MUTED);
    y = top + 6;
    show(p, title, MARGIN_X + QR_SIZE, y, C_TEXT);
    y += yc_pdf_layout_height(title) + 4;
    show(p, no, MARGIN_X + QR_SIZE, y, C_TEXT);
    y += yc_pdf_layout_height(no);
    p->y = fmax(y, top + QR_SIZE + 1 + yc_pdf_layout_height(cap)) + 10;
    g_object_unref(centre);
    g_object_unref(title);
    g_object_unref(no);
    g_object_unref(cap);
}

static const char *
limit_zh(struct yc_arena *a, int days)
{
    return days == 0 ? "即办" : yc_arena_printf(a, "%d个工作日", days);
}

/* The case's facts every notice carries. */
static void
case_table(struct pdf *p)
{
    const struct notice *n = p->n;
    const struct yc_case *c = &n->c;
    int firm = strcmp(c->applicant_kind, "firm") == 0;
    const char *statutory =
        yc_arena_printf(p->a, "%s（受理后起算）", limit_zh(p->a, c->statutory_days));
    const char *promised =
        yc_arena_printf(p->a, "%s（受理后起算）", limit_zh(p->a, c->promised_days));
    const char *kv[32]; /* at most 14 pairs */
    size_t k = 0;

    if (n->clocked && n->st.stopped) { /* the ends move with the stop: not a date yet */
        statutory = yc_arena_printf(p->a, "计时暂停（尚余%d个工作日）", n->st.statutory.left_days);
        promised = yc_arena_printf(p->a, "计时暂停（尚余%d个工作日）", n->st.promised.left_days);
    } else if (n->clocked) {
        statutory = yc_arena_printf(p->a, "%s（%s）", day_zh(p->a, n->st.statutory.end_day),
                                    limit_zh(p->a, n->st.statutory.limit_days));
        promised = yc_arena_printf(p->a, "%s（%s）", day_zh(p->a, n->st.promised.end_day),
                                   limit_zh(p->a, c->promised_days));
    }
#define KV(label, value) (kv[k++] = (label), kv[k++] = (value))
    KV("办件编号", c->number);
    KV("实施机关", n->issuer);
    KV("申请人", c->applicant_name);
    KV(firm ? "统一社会信用代码" : "身份证件号码", masked_id(p->a, c->id_number));
    if (firm && (*c->legal_rep || *c->agent)) {
        KV("法定代表人", *c->legal_rep ? c->legal_rep : "—");
        KV("代理人", *c->agent ? c->agent : "—");
    } else if (*c->agent) { /* a person's agent: a row of its own */
        KV("代理人", c->agent);
        KV("", "");
    }
    KV("申请事项", yc_arena_printf(p->a, "%s（事项第 %d 版）", n->m.name, n->m.version));
    KV("", "");
    KV("收件日期", day_zh(p->a, c->received_day));
    KV("受理日期", c->accepted_day != YC_NO_DAY && c->accepted_day <= n->ev->day
                       ? day_zh(p->a, c->accepted_day)
                   : n->kind == YC_NOTICE_REFUSE ? "—（不予受理）"
                                                 : "—（尚未受理）");
    KV("法定办结期限", statutory);
    KV("承诺办结期限", promised);
    KV("受理人", c->acceptor_name);
    KV("咨询电话", n->phone);
#undef KV
    info_table(p, kv, k / 2);
}

/* 已收取的申请材料 (received by the event's day). */
static void
received_table(struct pdf *p)
{
    static const struct cell head[4] = {
        {"序号", 1}, {"申请材料", 1}, {"形式及份数", 1}, {"收取日期", 1}};
    static const double w[4] = {34, CONTENT_W - 34 - 100 - 96, 100, 96};
    const struct notice *n = p->n;
    struct cell *rows = yc_arena_alloc(p->a, (n->nmats + 1) * 4 * sizeof(*rows));
    size_t k = 0;

    for (size_t i = 0; i < n->nmats; i++) {
        const struct yc_case_material *m = &n->mats[i];
        if (m->received_day == YC_NO_DAY || m->received_day > n->ev->day) {
            continue;
        }
        rows[k * 4] = (struct cell){yc_arena_printf(p->a, "%zu", k + 1), 0};
        rows[k * 4 + 1] = (struct cell){m->name, 0};
        rows[k * 4 + 2] = (struct cell){"", 0};
        for (size_t j = 0; j < n->m.nmaterials; j++) {
            if (strcmp(n->m.materials[j].name, m->name) == 0) {
                rows[k * 4 + 2].text = yc_arena_printf(
                    p->a, "%s %d 份", yc_material_forms[n->m.materials[j].form].label,
                    n->m.materials[j].copies);
            }
        }
        rows[k * 4 + 3] = (struct cell){day_zh(p->a, m->received_day), 0};
        k++;
    }
    if (k) {
        heading(p, yc_arena_printf(p->a, "已收取的申请材料（共 %zu 项）", k));
        table(p, head, rows, k, w, 4);
    }
}

/* The materials this round of 补正 asks for: not received by the notice's day, not 容缺. */
static void
missing_table(struct pdf *p)
{
    static const struct cell head[5] = {
        {"序号", 1}, {"需要补正的材料", 1}, {"形式及份数", 1}, {"必需", 1}, {"要求", 1}};
    static const double w[5] = {34, 150, 80, 36, CONTENT_W - 300};
    const struct notice *n = p->n;
    struct cell *rows = yc_arena_alloc(p->a, (n->nmats + 1) * 5 * sizeof(*rows));
    size_t k = 0;

    for (size_t i = 0; i < n->nmats; i++) {
        const struct yc_case_material *m = &n->mats[i];
        const struct yc_material *v = NULL;
        if (*m->commitment || (m->received_day != YC_NO_DAY && m->received_day <= n->ev->day)) {
            continue;
        }
        for (size_t j = 0; j < n->m.nmaterials; j++) {
            v = strcmp(n->m.materials[j].name, m->name) == 0 ? &n->m.materials[j] : v;
        }
        rows[k * 5] = (struct cell){yc_arena_printf(p->a, "%zu", k + 1), 0};
        rows[k * 5 + 1] = (struct cell){m->name, 0};
        rows[k * 5 + 2] = (struct cell){
            v ? yc_arena_printf(p->a, "%s %d 份", yc_material_forms[v->form].label, v->copies) : "",
            0};
        rows[k * 5 + 3] = (struct cell){m->required ? "是" : "否", 0};
        rows[k * 5 + 4] = (struct cell){v && *v->review_points ? v->review_points : "—", 0};
        k++;
    }
    heading(p, yc_arena_printf(p->a, "需要补正的全部材料（共 %zu 项）", k));
    table(p, head, rows, k, w, 5);
}

/* The 容缺 materials with their commitments and due days. */
static void
rongque_table(struct pdf *p)
{
    static const struct cell head[4] = {
        {"序号", 1}, {"容缺材料", 1}, {"申请人承诺", 1}, {"补交期限", 1}};
    static const double w[4] = {34, 150, CONTENT_W - 34 - 150 - 96, 96};
    const struct notice *n = p->n;
    struct cell *rows = yc_arena_alloc(p->a, (n->nmats + 1) * 4 * sizeof(*rows));
    size_t k = 0;

    for (size_t i = 0; i < n->nmats; i++) {
        const struct yc_case_material *m = &n->mats[i];
        if (!*m->commitment) {
            continue;
        }
        rows[k * 4] = (struct cell){yc_arena_printf(p->a, "%zu", k + 1), 0};
        rows[k * 4 + 1] = (struct cell){m->name, 0};
        rows[k * 4 + 2] = (struct cell){m->commitment, 0};
        rows[k * 4 + 3] = (struct cell){day_zh(p->a, m->due_day), 0};
        k++;
    }
    heading(p, yc_arena_printf(p->a, "容缺材料及补交承诺（共 %zu 项）", k));
    table(p, head, rows, k, w, 4);
}

static const char *
applied(struct pdf *p)
{
    return yc_arena_printf(p->a, "%s于%s提出的“%s”申请", p->n->you,
                           day_zh(p->a, p->n->c.received_day), p->n->m.name);
}

static const char *
ends_sentence(struct pdf *p)
{
    const struct notice *n = p->n;

    return yc_arena_printf(p->a, "本机关承诺于%s前办结（承诺时限%s；法定时限%s，届满日为%s）。",
                           day_zh(p->a, n->st.promised.end_day), limit_zh(p->a, n->c.promised_days),
                           limit_zh(p->a, n->c.statutory_days),
                           day_zh(p->a, n->st.statutory.end_day));
}

#define REMEDY                                                                                                                                \
    "如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起" \
    "六个月内依法向人民法院提起行政诉讼。"

static void
body_accept(struct pdf *p)
{
    const struct notice *n = p->n;
    const char *ev = n->ev->event;

    if (strcmp(ev, "deem_accepted") == 0) {
        para(p,
             yc_arena_printf(
                 p->a,
                 "%s，本机关未在收到申请材料之日起五个工作日内告知补正。根据《中华人民共和国行政许"
                 "可法》第三十二条第一款第（四）项的规定，自收到申请材料之日（%s）起即为受理。",
                 applied(p), day_zh(p->a, n->c.received_day)),
             6);
    } else if (strcmp(ev, "supplement_complete") == 0) {
        para(p,
             yc_arena_printf(p->a,
                             "%s，已于%"
                             "s按补正材料通知书的要求提交全部补正材料，申请材料齐全、符合法定形式。"
                             "根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，本"
                             "机关决定予以受理，受理日期为最后一份补正材料收到之日。",
                             applied(p), day_zh(p->a, n->ev->day)),
             6);
    } else if (strcmp(ev, "handle_on_spot") == 0) {
        para(p,
             yc_arena_printf(
                 p->a, "%s，申请材料齐全、符合法定形式。本事项为即办件，本机关当场受理并办结。",
                 applied(p)),
             6);
    } else {
        para(p,
             yc_arena_printf(p->a,
                             "%s，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三"
                             "十二条第一款第（五）项的规定，本机关决定予以受理。",
                             applied(p)),
             6);
    }
    para(p, ends_sentence(p), 8);
    case_table(p);
    received_table(p);
}

static void
body_refuse(struct pdf *p)
{
    const char *note = p->n->ev->note;
    const char *agency = note_part(p->a, note, "；请向", "申请");
    const char *reason =
        agency ? yc_arena_strndup(p->a, note, (size_t)(strstr(note, "；请向") - note)) : note;

    para(p,
         yc_arena_printf(
             p->a,
             "%s，经审查：%s。根据《中华人民共和国行政许可法》第三十二条%"
             "s的规定，本机关决定不予受理。%s",
             applied(p), *reason ? reason : "不符合受理条件", agency ? "第一款第（二）项" : "",
             agency
                 ? yc_arena_printf(p->a, "该申请事项不属于本机关职权范围，请向%s提出申请。", agency)
                 : ""),
         4);
    para(p, REMEDY, 8);
    case_table(p);
}

static void
body_supplement(struct pdf *p)
{
    const struct notice *n = p->n;
    const char *note = n->ev->note;

    if (n->round > 1) {
        para(p,
             yc_arena_printf(p->a,
                             "%s，经审查%"
                             "s补充提交的材料，申请材料仍不齐全或者不符合法定形式。根据《中华人民共"
                             "和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知需要补"
                             "正的全部内容（第 %d 次补正告知）。",
                             applied(p), n->you, n->round),
             6);
    } else {
        para(p,
             yc_arena_printf(p->a,
                             "%s，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法"
                             "》第三十二条第一款第（四）项的规定，现一次性告知需要补正的全部内容。",
                             applied(p)),
             6);
    }
    if (*note && strncmp(note, "一次性告知补正", strlen("一次性告知补正")) != 0) {
        para(p, yc_arena_printf(p->a, "补正说明：%s", note), 6);
    }
    p->y += 2;
    case_table(p);
    missing_table(p);
    para(p,
         yc_arena_printf(
             p->a,
             "请于%s前（%d个工作日内）将上述材料一次补正齐全，提交至%"
             "s综合受理窗口。补正材料齐全的，本机关予以受理，受理日期为最后一份补正材料收到之日。",
             day_zh(p->a, n->supply_due), n->supply_days, n->centre),
         10);
}

static void
body_conditional(struct pdf *p)
{
    para(p,
         yc_arena_printf(p->a,
                         "%s，主要申请材料齐全、符合法定形式，下列次要材料暂缺。%"
                         "s已书面承诺在规定期限内补交，本机关决定予以容缺受理。",
                         applied(p), p->n->you),
         6);
    para(p, ends_sentence(p), 8);
    case_table(p);
    rongque_table(p);
    para(p, "请于承诺期限内将上述材料提交至综合受理窗口。逾期未补交的，本机关将依法终止办理。", 6);
}

static void
body_extension(struct pdf *p)
{
    const struct notice *n = p->n;
    const char *reason = note_part(p->a, n->ev->note, "：", NULL);

    para(p,
         yc_arena_printf(p->a,
                         "%s，本机关于%s受理。因%s，本机关不能在%"
                         "s内作出决定。根据《中华人民共和国行政许可法》第四十二条第一款的规定，经本"
                         "机关负责人批准，办理期限延长%s，法定期限届满日由%s延长至%s。",
                         applied(p), day_zh(p->a, n->c.accepted_day),
                         reason && *reason ? reason : n->ev->note,
                         limit_zh(p->a, n->c.statutory_days), limit_zh(p->a, n->c.extension_days),
                         day_zh(p->a, n->old_end), day_zh(p->a, n->st.statutory.end_day)),
         6);
    para(p, "特此告知。", 8);
    case_table(p);
}

static void
body_suspend(struct pdf *p)
{
    const struct notice *n = p->n;
    enum yc_clock_stop_kind k;
    const char *kind = yc_clock_stop_kind_parse(n->stop->kind, strlen(n->stop->kind), &k) == 0
                           ? yc_clock_stop_kind_label(k)
                           : n->stop->kind;

    para(p,
         yc_arena_printf(p->a,
                         "%s，本机关于%s受理。该申请依法需要进行%"
                         "s。根据《中华人民共和国行政许可法》第四十五条的规定，%"
                         "s所需时间不计算在办理期限内。现将有关事项书面告知如下：",
                         applied(p), day_zh(p->a, n->c.accepted_day), kind, kind),
         6);
    para(p,
         yc_arena_printf(p->a, "一、特别程序：%s，自%s起停止计算办理期限。", kind,
                         day_zh(p->a, n->stop->stop_day)),
         2);
    para(p,
         yc_arena_printf(p->a, "二、事由及所需时间：%s。",
                         *n->stop->reason ? n->stop->reason : "另行告知"),
         2);
    para(p,
         yc_arena_printf(p->a,
                         "三、截至停止计时之日，本办件已用%d个工作日，法定期限尚余%d个工作日。%"
                         "s结束后恢复计算办理期限，本机关将另行告知办结日期。",
                         n->st.statutory.used_days, n->st.statutory.left_days, kind),
         8);
    case_table(p);
}

static void
body_decision(struct pdf *p)
{
    const struct notice *n = p->n;
    int licence = strcmp(n->m.type, "01") == 0;

    if (n->grant) {
        para(p,
             yc_arena_printf(p->a,
                             "%s，本机关于%s依法受理。经审查，%s的申请符合法定条件、标准。%"
                             "s，本机关决定准予%s。",
                             applied(p), day_zh(p->a, n->c.accepted_day), n->you,
                             licence ? "根据《中华人民共和国行政许可法》第三十八条第一款的规定"
                                     : "根据有关法律、法规的规定",
                             licence ? "行政许可" : "办理"),
             6);
        para(p,
             yc_arena_printf(
                 p->a, "本机关将自作出本决定之日起十个工作日内向%s颁发、送达%s。", n->you,
                 licence ? "行政许可证件（《中华人民共和国行政许可法》第四十四条）" : "办理结果"),
             8);
    } else {
        para(p,
             yc_arena_printf(p->a, "%s，本机关于%s依法受理。经审查：%s。%s，本机关决定不予%s。",
                             applied(p), day_zh(p->a, n->c.accepted_day),
                             *n->ev->note ? n->ev->note : "不符合法定条件、标准",
                             licence ? "根据《中华人民共和国行政许可法》第三十八条第二款的规定"
                                     : "根据有关法律、法规的规定",
                             licence ? "行政许可" : "办理"),
             4);
        para(p, REMEDY, 8);
    }
    case_table(p);
}

/*
 * The foot of a notice: the issuer and the date at the right with the seal over them (centred on
 * the issuer's line, as a seal is put on), the applicant's receipt and the note on copies at the
 * left, level with the seal's lower half.
 */
static void
signature(struct pdf *p)
{
    const struct notice *n = p->n;
    PangoLayout *who = layout(p, n->issuer, 0, SERIF, 12.5, 220);
    PangoLayout *when = layout(p, day_hanzi(p->a, n->ev->day), 0, SERIF, 12.5, 220);
    PangoLayout *sign = layout(p, "申请人（签收）：＿＿＿＿＿＿＿＿", 0, SERIF, 10.5, 260);
    PangoLayout *date = layout(p, "签收日期：　　　　年　　月　　日", 0, SERIF, 10.5, 260);
    PangoLayout *copies = layout(p, "本文书一式两份，一份交申请人，一份存档。", 0, SANS, 8, 260);
    double right = PAGE_W - MARGIN_X - 24, cx, top, cy, left;

    if (room(p) < SIGN_GAP + yc_pdf_layout_height(who) + 2 + SEAL_R + 6) {
        new_page(p);
    }
    top = p->y + SIGN_GAP;
    cy = top + yc_pdf_layout_height(who) + 2;
    cx = right - fmax(yc_pdf_layout_width(who), yc_pdf_layout_width(when)) / 2;
    show(p, who, right - yc_pdf_layout_width(who), top, C_TEXT);
    show(p, when, right - yc_pdf_layout_width(when), top + yc_pdf_layout_height(who) + 8, C_TEXT);
    seal(p, cx, cy);
    left = cy + 6;
    show(p, sign, MARGIN_X, left, C_TEXT);
    left += yc_pdf_layout_height(sign) + 8;
    show(p, date, MARGIN_X, left, C_TEXT);
    left += yc_pdf_layout_height(date) + 8;
    show(p, copies, MARGIN_X, left, C_MUTED);
    left += yc_pdf_layout_height(copies);
    p->y = fmax(left, cy + SEAL_R) + 6;
    g_object_unref(who);
    g_object_unref(when);
    g_object_unref(sign);
    g_object_unref(date);
    g_object_unref(copies);
}

static void
render(struct pdf *p)
{
    static void (*const bodies[YC_NOTICE__MAX])(struct pdf *) = {
        [YC_NOTICE_ACCEPT] = body_accept,         [YC_NOTICE_REFUSE] = body_refuse,
        [YC_NOTICE_SUPPLEMENT] = body_supplement, [YC_NOTICE_CONDITIONAL] = body_conditional,
        [YC_NOTICE_EXTENSION] = body_extension,   [YC_NOTICE_SUSPEND] = body_suspend,
        [YC_NOTICE_DECISION] = body_decision,
    };
    PangoFontMap *fm = pango_cairo_font_map_get_default();
    cairo_font_options_t *fo = cairo_font_options_create();
    PangoLayout *to;

    p->pc = pango_font_map_create_context(fm);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(p->pc, fo);
    pango_cairo_context_set_resolution(p->pc, 72);
    cairo_font_options_destroy(fo);
    pango_cairo_update_context(p->cr, p->pc);
    p->page = 1;
    p->y = MARGIN_TOP;

    head_block(p);
    to = layout(p, yc_arena_printf(p->a, "%s：", p->n->c.applicant_name), 0, SERIF " Bold",
                BODY_SIZE + 0.5, CONTENT_W);
    show(p, to, MARGIN_X, p->y, C_TEXT);
    p->y += yc_pdf_layout_height(to) + 8;
    g_object_unref(to);
    bodies[p->n->kind](p);
    signature(p);
    footer(p);
    g_object_unref(p->pc);
}

/* ---- the PDF ---- */

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    struct yc_buf *b = closure;

    yc_buf_add(b, data, len);
    return b->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static int
to_pdf(struct yc_ctx *ctx, const struct notice *n, struct yc_case_notice *out, struct yc_err *err)
{
    struct yc_buf b = YC_BUF_INIT(16u << 20);
    struct pdf p;
    cairo_surface_t *s;
    cairo_status_t st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char at[26]; /* 2025-10-15T00:00:00+08:00 */

    memset(&p, 0, sizeof(p));
    p.n = n;
    p.a = ctx->arena;
    s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    p.cr = cairo_create(s);
    render(&p);
    p.pages = p.page;
    cairo_destroy(p.cr);
    cairo_surface_destroy(s);
    s = cairo_pdf_surface_create_for_stream(write_buf, &b, PAGE_W, PAGE_H);
    /* the event's day, not now: the same case gives the same bytes */
    yc_date_format(n->ev->day, at);
    memcpy(at + 10, "T00:00:00+08:00", 16);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                   yc_arena_printf(ctx->arena, "%s %s", n->title, n->doc_no));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, n->issuer);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, n->m.name);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yichuang 一窗");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, at);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, at);
    p.cr = cairo_create(s);
    p.draw = 1;
    p.page = 1;
    render(&p);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS || b.overflow) {
        yc_buf_release(&b);
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "生成%s PDF 失败：%s", n->title,
                       cairo_status_to_string(st));
    }
    crypto_hash_sha256(digest, (const unsigned char *)b.data, b.len);
    yc_hex(digest, sizeof(digest), out->sha256);
    out->len = b.len;
    out->pdf = yc_arena_strndup(ctx->arena, b.data ? b.data : "", b.len);
    yc_buf_release(&b);
    return 0;
}

int
yc_svc_case_notice(struct yc_ctx *ctx, int64_t id, const char *kind, int round,
                   const char *base_url, struct yc_case_notice *out, struct yc_err *err)
{
    struct notice *n = yc_arena_alloc(ctx->arena, sizeof(*n));
    int rc = yc_svc_allow(ctx, YC_OP_CASE_READ, err);

    memset(out, 0, sizeof(*out));
    memset(n, 0, sizeof(*n));
    if (rc) {
        return rc;
    }
    if (yc_notice_kind_parse(kind, &n->kind) != 0) {
        return yc_fail(err, YC_ENOTFOUND, "notice_kind_unknown", "kind",
                       "未知的文书类型“%s”：应为 accept、refuse、supplement、conditional、"
                       "extension、suspend 或 decision",
                       kind);
    }
    /* reads only: no transaction (on SQLite one would take the write lock) */
    rc = gather(ctx, id, round, base_url, n, err);
    if (rc == 0) {
        rc = to_pdf(ctx, n, out, err);
    }
    if (rc == 0) {
        out->title = n->title;
        out->doc_no = n->doc_no;
        out->filename = yc_arena_printf(ctx->arena, "%s-%s.pdf", n->title, n->doc_no);
    }
    return rc;
}
