/* reform.c - the plan's figures from its CSV files, set beside the configured ones (see reform.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/date.h"
#include "base/str.h"
#include "domain/reform.h"
#include "base/banned.h"

const struct yc_matter_type yc_reform_types[YC_REFORM_NTYPES] = {
    {"01", "行政许可", "xingzheng_xuke"},   {"05", "行政给付", "xingzheng_geifu"},
    {"07", "行政确认", "xingzheng_queren"}, {"08", "行政奖励", "xingzheng_jiangli"},
    {"09", "行政裁决", "xingzheng_caijue"}, {"10", "其他行政权力", "qita_xingzheng_quanli"},
    {"20", "公共服务", "gonggong_fuwu"},
};

int
yc_reform_type_index(const char *code)
{
    for (int i = 0; i < YC_REFORM_NTYPES; i++) {
        if (strcmp(code, yc_reform_types[i].code) == 0) {
            return i;
        }
    }
    return -1;
}

int64_t
yc_reform_permille(int64_t part, int64_t whole)
{
    int64_t num;

    if (whole == 0) {
        return 0;
    }
    /* round half away from zero */
    num = part * 1000;
    if ((num < 0) != (whole < 0)) {
        return (num - whole / 2) / whole;
    }
    return (num + whole / 2) / whole;
}

void
yc_reform_permille_text(int64_t permille, char out[32])
{
    int64_t a = permille < 0 ? -permille : permille;

    snprintf(out, 32, "%s%lld.%lld%%", permille < 0 ? "-" : "", (long long)(a / 10),
             (long long)(a % 10));
}

/* ---- a CSV file with a header row ---- */

#define MAX_COLS 32

struct sheet {
    struct yc_csv r;
    struct yc_csv_row row;
    char names[MAX_COLS][40];
    size_t ncols;
};

static int
sheet_open(struct sheet *s, const char *csv, size_t len, long *bad_line)
{
    yc_csv_init(&s->r, csv, len);
    if (yc_csv_next_row(&s->r, &s->row) <= 0 || s->row.nfields > MAX_COLS) {
        *bad_line = 1;
        yc_csv_release(&s->r);
        return -1;
    }
    s->ncols = s->row.nfields;
    for (size_t i = 0; i < s->ncols; i++) {
        size_t n = s->row.fields[i].len < 39 ? s->row.fields[i].len : 39;
        memcpy(s->names[i], s->row.fields[i].ptr, n);
        s->names[i][n] = '\0';
    }
    return 0;
}

/* 1 with a row, 0 at the end, -1 on a malformed row (*bad_line says where). */
static int
sheet_next(struct sheet *s, long *bad_line)
{
    int rc = yc_csv_next_row(&s->r, &s->row);

    if (rc < 0 || (rc > 0 && s->row.nfields != s->ncols)) {
        *bad_line = rc < 0 ? s->r.err_line : s->row.line;
        return -1;
    }
    return rc;
}

static int
sheet_col(const struct sheet *s, const char *name)
{
    for (size_t i = 0; i < s->ncols; i++) {
        if (strcmp(s->names[i], name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static const char *
sheet_str(struct sheet *s, int col, struct yc_arena *a)
{
    if (col < 0) {
        return "";
    }
    return yc_arena_strndup(a, s->row.fields[col].ptr, s->row.fields[col].len);
}

/* An integer cell; an empty cell is 0 with *empty set. -1 when not a number. */
static int
sheet_int(struct sheet *s, int col, int64_t *v, int *empty)
{
    struct yc_str f;

    *v = 0;
    if (empty) {
        *empty = 1;
    }
    if (col < 0 || s->row.fields[col].len == 0) {
        return 0;
    }
    if (empty) {
        *empty = 0;
    }
    f.p = s->row.fields[col].ptr;
    f.len = s->row.fields[col].len;
    return yc_parse_i64(f, INT32_MIN, INT32_MAX, v);
}

/* Grow an arena array of elements of `size` bytes to hold one more; returns the new element. */
static void *
grow(struct yc_arena *a, void **items, size_t *n, size_t *cap, size_t size)
{
    char *p;

    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        char *bigger = yc_arena_alloc(a, ncap * size);
        if (*n) {
            memcpy(bigger, *items, *n * size);
        }
        *items = bigger;
        *cap = ncap;
    }
    p = (char *)*items + *n * size;
    memset(p, 0, size);
    (*n)++;
    return p;
}

/* ---- Annex 2 ---- */

int
yc_annex2_load_plan(struct yc_annex2 *t, struct yc_arena *a, const char *csv, size_t len,
                    long *bad_line)
{
    struct sheet s;
    int cols[YC_REFORM_NTYPES];
    int dcol, rc;

    memset(t, 0, sizeof(*t));
    if (sheet_open(&s, csv, len, bad_line)) {
        return -1;
    }
    dcol = sheet_col(&s, "department");
    for (int i = 0; i < YC_REFORM_NTYPES; i++) {
        cols[i] = sheet_col(&s, yc_reform_types[i].csv_col);
        if (cols[i] < 0) {
            dcol = -1;
        }
    }
    rc = dcol < 0 ? -1 : 0;
    *bad_line = 1;
    while (rc == 0 && (rc = sheet_next(&s, bad_line)) > 0) {
        struct yc_annex2_row *row =
            grow(a, (void **)&t->rows, &t->n, &t->cap, sizeof(struct yc_annex2_row));
        rc = 0;
        row->department = sheet_str(&s, dcol, a);
        row->in_plan = 1;
        for (int i = 0; i < YC_REFORM_NTYPES && rc == 0; i++) {
            rc = sheet_int(&s, cols[i], &row->plan[i], NULL);
        }
        if (rc) {
            *bad_line = s.row.line;
        }
    }
    yc_csv_release(&s.r);
    return rc < 0 ? -1 : 0;
}

void
yc_annex2_add(struct yc_annex2 *t, struct yc_arena *a, const char *department, const char *type,
              int64_t count)
{
    int ti = yc_reform_type_index(type);
    struct yc_annex2_row *row = NULL;

    if (ti < 0) {
        t->ignored += count;
        return;
    }
    for (size_t i = 0; i < t->n && !row; i++) {
        if (strcmp(t->rows[i].department, department) == 0) {
            row = &t->rows[i];
        }
    }
    if (!row) {
        row = grow(a, (void **)&t->rows, &t->n, &t->cap, sizeof(struct yc_annex2_row));
        row->department = yc_arena_strdup(a, department);
    }
    row->actual[ti] += count;
}

void
yc_annex2_finish(struct yc_annex2 *t)
{
    memset(&t->total, 0, sizeof(t->total));
    t->total.department = "合计";
    t->total.in_plan = 1;
    for (size_t r = 0; r < t->n; r++) {
        struct yc_annex2_row *row = &t->rows[r];
        row->plan[YC_REFORM_TOTAL] = 0;
        row->actual[YC_REFORM_TOTAL] = 0;
        for (int i = 0; i < YC_REFORM_NTYPES; i++) {
            row->plan[YC_REFORM_TOTAL] += row->plan[i];
            row->actual[YC_REFORM_TOTAL] += row->actual[i];
        }
        for (int i = 0; i <= YC_REFORM_NTYPES; i++) {
            row->diff[i] = row->actual[i] - row->plan[i];
            t->total.plan[i] += row->plan[i];
            t->total.actual[i] += row->actual[i];
        }
    }
    for (int i = 0; i <= YC_REFORM_NTYPES; i++) {
        t->total.diff[i] = t->total.actual[i] - t->total.plan[i];
    }
}

/* ---- Annex 3 ---- */

enum a3col {
    C_FLOOR,
    C_ZONE,
    C_ZB,
    C_ZA,
    C_UB,
    C_UA,
    C_CASES,
    C_STAFF,
    C_FRONT,
    C_RES,
    C_NONRES,
    C_NEW,
    C__N
};

static const char *const a3names[C__N] = {
    "floor",
    "zone",
    "zone_windows_before",
    "zone_windows_after",
    "unit_windows_before",
    "unit_windows_after",
    "cases_2024",
    "staff_before",
    "front_staff_after",
    "resident_back_after",
    "nonresident_back_after",
    "new_entrant",
};

static struct yc_annex3_zone *
zone_row(struct yc_annex3 *t, struct yc_arena *a, const char *zone, int floor)
{
    struct yc_annex3_zone *z;

    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->zones[i].zone, zone) == 0) {
            return &t->zones[i];
        }
    }
    z = grow(a, (void **)&t->zones, &t->n, &t->cap, sizeof(struct yc_annex3_zone));
    z->zone = yc_arena_strdup(a, zone);
    z->floor = floor;
    return z;
}

/* One unit row of the plan added to its zone (*zone_index); *front_given says whether the row
 * named front staff. */
static int
annex3_unit(struct yc_annex3 *t, struct yc_arena *a, struct sheet *s, const int *c,
            int *front_given, size_t *zone_index)
{
    int64_t v[C__N];
    int empty_front = 1;
    int rc = 0;
    struct yc_annex3_zone *z;

    for (int i = 0; i < C__N && rc == 0; i++) {
        if (i != C_ZONE) {
            rc = sheet_int(s, c[i], &v[i], i == C_FRONT ? &empty_front : NULL);
        }
    }
    if (rc) {
        return -1;
    }
    z = zone_row(t, a, sheet_str(s, c[C_ZONE], a), (int)v[C_FLOOR]);
    if (!z->in_plan) {
        z->in_plan = 1;
        z->windows_before = v[C_ZB];
        z->windows_after = v[C_ZA];
    }
    z->windows_new += v[C_NEW] ? v[C_UA] : 0;
    z->staff_before += v[C_STAFF];
    z->front_after += v[C_FRONT];
    z->resident_after += v[C_RES];
    z->nonresident_after += v[C_NONRES];
    z->cases_2024 += v[C_CASES];
    *front_given = !empty_front;
    *zone_index = (size_t)(z - t->zones);
    return 0;
}

int
yc_annex3_load_plan(struct yc_annex3 *t, struct yc_arena *a, const char *csv, size_t len,
                    long *bad_line)
{
    struct sheet s;
    int c[C__N];
    /* zones whose unit rows name front staff; the others share one front desk per window */
    char *front_named;
    int rc = 0;

    memset(t, 0, sizeof(*t));
    if (sheet_open(&s, csv, len, bad_line)) {
        return -1;
    }
    for (int i = 0; i < C__N; i++) {
        c[i] = sheet_col(&s, a3names[i]);
        rc |= c[i] < 0 ? -1 : 0;
    }
    front_named = yc_arena_alloc(a, 256);
    while (rc == 0 && (rc = sheet_next(&s, bad_line)) > 0) {
        int given = 0;
        size_t zi = 0;
        rc = annex3_unit(t, a, &s, c, &given, &zi);
        if (rc) {
            *bad_line = s.row.line;
        } else if (given && zi < 256) {
            front_named[zi] = 1;
        }
    }
    yc_csv_release(&s.r);
    if (rc < 0) {
        return -1;
    }
    for (size_t i = 0; i < t->n && i < 256; i++) {
        if (!front_named[i]) {
            t->zones[i].front_after = t->zones[i].windows_after;
        }
    }
    return 0;
}

void
yc_annex3_set_config(struct yc_annex3 *t, struct yc_arena *a, int floor, const char *zone,
                     const int64_t figures[5])
{
    struct yc_annex3_zone *z = zone_row(t, a, zone, floor);

    z->in_hall = 1;
    z->cfg_windows = figures[0];
    z->cfg_windows_new = figures[1];
    z->cfg_front = figures[2];
    z->cfg_resident = figures[3];
    z->cfg_nonresident = figures[4];
}

void
yc_annex3_finish(struct yc_annex3 *t)
{
    struct yc_annex3_zone *s = &t->total;

    memset(s, 0, sizeof(*s));
    s->zone = "合计";
    s->in_plan = 1;
    s->in_hall = 1;
    for (size_t i = 0; i < t->n; i++) {
        const struct yc_annex3_zone *z = &t->zones[i];
        s->windows_before += z->windows_before;
        s->windows_after += z->windows_after;
        s->windows_new += z->windows_new;
        s->staff_before += z->staff_before;
        s->front_after += z->front_after;
        s->resident_after += z->resident_after;
        s->nonresident_after += z->nonresident_after;
        s->cases_2024 += z->cases_2024;
        s->cfg_windows += z->cfg_windows;
        s->cfg_windows_new += z->cfg_windows_new;
        s->cfg_front += z->cfg_front;
        s->cfg_resident += z->cfg_resident;
        s->cfg_nonresident += z->cfg_nonresident;
    }
    t->plan_after_existing = s->windows_after - s->windows_new;
    t->plan_reduction_permille =
        yc_reform_permille(s->windows_before - t->plan_after_existing, s->windows_before);
    t->cfg_after_existing = s->cfg_windows - s->cfg_windows_new;
    t->cfg_reduction_permille =
        yc_reform_permille(s->windows_before - t->cfg_after_existing, s->windows_before);
}

/* ---- targets, share, steps ---- */

int
yc_reform_target(const char *csv, size_t len, const char *key, int64_t *value)
{
    struct sheet s;
    long bad;
    int kc, vc, rc = -1;

    if (sheet_open(&s, csv, len, &bad)) {
        return -1;
    }
    kc = sheet_col(&s, "key");
    vc = sheet_col(&s, "value");
    while (kc >= 0 && vc >= 0 && sheet_next(&s, &bad) > 0) {
        if (s.row.fields[kc].len == strlen(key) &&
            memcmp(s.row.fields[kc].ptr, key, s.row.fields[kc].len) == 0) {
            int empty;
            rc = sheet_int(&s, vc, value, &empty) == 0 && !empty ? 0 : -1;
            break;
        }
    }
    yc_csv_release(&s.r);
    return rc;
}

void
yc_reform_share(int64_t entered, int64_t undifferentiated, int64_t target_pct, struct yc_share *out)
{
    int64_t want = (target_pct * entered + 99) / 100; /* ceil(target% of entered) */

    out->entered = entered;
    out->undifferentiated = undifferentiated;
    out->target_pct = target_pct;
    out->permille = yc_reform_permille(undifferentiated, entered);
    out->meets = entered > 0 && undifferentiated * 100 >= target_pct * entered;
    out->needed = want > undifferentiated ? want - undifferentiated : 0;
}

const char *const yc_step_status_names[YC_STEP__MAX] = {"not_started", "in_progress", "done"};
const char *const yc_step_status_zh[YC_STEP__MAX] = {"未开始", "进行中", "已完成"};

int
yc_step_status_by_name(const char *s)
{
    for (int i = 0; i < YC_STEP__MAX; i++) {
        if (strcmp(s, yc_step_status_names[i]) == 0 || strcmp(s, yc_step_status_zh[i]) == 0) {
            return i;
        }
    }
    return -1;
}

int
yc_reform_steps_load(struct yc_arena *a, const char *csv, size_t len, struct yc_reform_step **out,
                     size_t *n, long *bad_line)
{
    struct sheet s;
    size_t cap = 0;
    int c[5], rc = 0;
    static const char *const names[5] = {"seq", "step", "content", "responsible", "deadline"};

    *out = NULL;
    *n = 0;
    if (sheet_open(&s, csv, len, bad_line)) {
        return -1;
    }
    for (int i = 0; i < 5; i++) {
        c[i] = sheet_col(&s, names[i]);
        rc |= c[i] < 0 ? -1 : 0;
    }
    while (rc == 0 && (rc = sheet_next(&s, bad_line)) > 0) {
        struct yc_reform_step *st = grow(a, (void **)out, n, &cap, sizeof(**out));
        int64_t seq;
        rc = sheet_int(&s, c[0], &seq, NULL);
        st->seq = (int)seq;
        st->step = sheet_str(&s, c[1], a);
        st->content = sheet_str(&s, c[2], a);
        st->responsible = sheet_str(&s, c[3], a);
        if (rc == 0 &&
            yc_date_parse(s.row.fields[c[4]].ptr, s.row.fields[c[4]].len, &st->deadline) != 0) {
            rc = -1;
        }
        if (rc) {
            *bad_line = s.row.line;
        }
    }
    yc_csv_release(&s.r);
    return rc < 0 ? -1 : 0;
}

int32_t
yc_reform_step_overdue_days(int32_t deadline, enum yc_step_status status, int32_t today)
{
    if (status == YC_STEP_DONE || today <= deadline) {
        return 0;
    }
    return today - deadline;
}
