/*
 * calendar.c - the Chinese working-day calendar (see calendar.h).
 *
 * Storage: one kind byte and one name pointer per day of 1900..2199 (about 110,000 days), and one
 * covered flag per notice year. Names are copied per listed day; only a few hundred days are listed
 * in practice, so the name array stays mostly NULL.
 */
#include "domain/calendar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/date.h"

#include "base/banned.h"

#define NYEARS (YC_DATE_MAX_YEAR - YC_DATE_MIN_YEAR + 1)

struct yc_calendar {
    int32_t first_day;   /* 1900-01-01 */
    int32_t end_day;     /* 2200-01-01, one past the last day */
    unsigned char *kind; /* enum yc_cal_kind per day */
    char **name;         /* per day: NULL, or the entry's name */
    unsigned char covered[NYEARS];
};

static void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (!p) {
        abort();
    }
    return p;
}

static char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (!p) {
        abort();
    }
    memcpy(p, s, n);
    return p;
}

static int
year_of(int32_t day)
{
    int y, m, d;

    yc_date_to_ymd(day, &y, &m, &d);
    return y;
}

static int
year_in_range(int year)
{
    return year >= YC_DATE_MIN_YEAR && year <= YC_DATE_MAX_YEAR;
}

struct yc_calendar *
yc_cal_new(void)
{
    struct yc_calendar *cal = xcalloc(1, sizeof(*cal));
    size_t ndays;

    cal->first_day = yc_date_from_ymd(YC_DATE_MIN_YEAR, 1, 1);
    cal->end_day = yc_date_from_ymd(YC_DATE_MAX_YEAR + 1, 1, 1);
    ndays = (size_t)(cal->end_day - cal->first_day);
    cal->kind = xcalloc(ndays, 1);
    cal->name = xcalloc(ndays, sizeof(char *));
    return cal;
}

void
yc_cal_free(struct yc_calendar *cal)
{
    size_t i;

    if (!cal) {
        return;
    }
    for (i = 0; i < (size_t)(cal->end_day - cal->first_day); i++) {
        free(cal->name[i]);
    }
    free(cal->name);
    free(cal->kind);
    free(cal);
}

int
yc_cal_notice_year(int32_t day, const char *name)
{
    int y, m, d;

    yc_date_to_ymd(day, &y, &m, &d);
    if (m == 12 && name && strstr(name, "元旦")) {
        return y + 1;
    }
    return y;
}

int
yc_cal_covers(const struct yc_calendar *cal, int year)
{
    return year_in_range(year) && cal->covered[year - YC_DATE_MIN_YEAR];
}

/* The days [*first, *end) that may hold entries of a notice year: December of the year before
 * (元旦) and the year itself, within the calendar's span. */
static void
notice_span(const struct yc_calendar *cal, int notice_year, int32_t *first, int32_t *end)
{
    *first = yc_date_from_ymd(notice_year - 1, 12, 1);
    if (*first < cal->first_day) {
        *first = cal->first_day;
    }
    *end = yc_date_from_ymd(notice_year + 1, 1, 1);
}

void
yc_cal_clear_year(struct yc_calendar *cal, int notice_year)
{
    int32_t day;
    int32_t end;
    size_t ix;

    if (!year_in_range(notice_year)) {
        return;
    }
    notice_span(cal, notice_year, &day, &end);
    for (; day < end; day++) {
        ix = (size_t)(day - cal->first_day);
        if (cal->kind[ix] != YC_CAL_DEFAULT &&
            yc_cal_notice_year(day, cal->name[ix]) == notice_year) {
            cal->kind[ix] = YC_CAL_DEFAULT;
            free(cal->name[ix]);
            cal->name[ix] = NULL;
        }
    }
    cal->covered[notice_year - YC_DATE_MIN_YEAR] = 0;
}

/* 0 if yc_cal_set would accept the entry, else YC_CAL_EINVAL. */
static int
check_entry(const struct yc_calendar *cal, int32_t day, enum yc_cal_kind kind, const char *name)
{
    if (day < cal->first_day || day >= cal->end_day) {
        return YC_CAL_EINVAL;
    }
    if (kind != YC_CAL_WORK && kind != YC_CAL_OFF) {
        return YC_CAL_EINVAL;
    }
    if (name && strlen(name) > YC_CAL_NAME_MAX) {
        return YC_CAL_EINVAL;
    }
    if (!year_in_range(yc_cal_notice_year(day, name))) {
        return YC_CAL_EINVAL;
    }
    return 0;
}

/* yc_cal_set without the checks. */
static void
put_entry(struct yc_calendar *cal, int32_t day, enum yc_cal_kind kind, const char *name)
{
    size_t ix = (size_t)(day - cal->first_day);

    free(cal->name[ix]);
    cal->name[ix] = xstrdup(name ? name : "");
    cal->kind[ix] = (unsigned char)kind;
    cal->covered[yc_cal_notice_year(day, name) - YC_DATE_MIN_YEAR] = 1;
}

int
yc_cal_set(struct yc_calendar *cal, int32_t day, enum yc_cal_kind kind, const char *name)
{
    int rc = check_entry(cal, day, kind, name);

    if (rc) {
        return rc;
    }
    put_entry(cal, day, kind, name);
    return 0;
}

int
yc_cal_mark_covered(struct yc_calendar *cal, int year)
{
    if (!year_in_range(year)) {
        return YC_CAL_EINVAL;
    }
    cal->covered[year - YC_DATE_MIN_YEAR] = 1;
    return 0;
}

int
yc_cal_is_workday(const struct yc_calendar *cal, int32_t day, int *is_work, int *missing_year)
{
    int year = year_of(day);

    if (!yc_cal_covers(cal, year)) {
        *missing_year = year;
        return YC_CAL_ENOYEAR;
    }
    switch (cal->kind[day - cal->first_day]) {
    case YC_CAL_WORK:
        *is_work = 1;
        break;
    case YC_CAL_OFF:
        *is_work = 0;
        break;
    default:
        *is_work = yc_date_weekday(day) <= 5;
        break;
    }
    return 0;
}

int
yc_cal_add_workdays(const struct yc_calendar *cal, int32_t from, int n, int32_t *end,
                    int *missing_year)
{
    int32_t day = from;
    int count = 0;
    int work;
    int rc;

    if (n < 0) {
        return YC_CAL_EINVAL;
    }
    rc = yc_cal_is_workday(cal, from, &work, missing_year);
    /* A covered day is at most 2199-12-31, and 2200 is never covered, so day++ cannot overflow. */
    while (!rc && count < n) {
        day++;
        rc = yc_cal_is_workday(cal, day, &work, missing_year);
        count += work;
    }
    if (rc) {
        return rc;
    }
    *end = day;
    return 0;
}

int
yc_cal_workdays_between(const struct yc_calendar *cal, int32_t a, int32_t b, int *n,
                        int *missing_year)
{
    int32_t day = a;
    int count = 0;
    int work;
    int rc;

    rc = yc_cal_is_workday(cal, a, &work, missing_year);
    if (!rc && b <= a) {
        rc = yc_cal_is_workday(cal, b, &work, missing_year);
    }
    while (!rc && day < b) {
        day++;
        rc = yc_cal_is_workday(cal, day, &work, missing_year);
        count += work;
    }
    if (rc) {
        return rc;
    }
    *n = count;
    return 0;
}

size_t
yc_cal_list(const struct yc_calendar *cal, int notice_year, struct yc_cal_entry *out, size_t cap)
{
    struct yc_cal_entry *e;
    size_t count = 0;
    int32_t day;
    int32_t end;
    size_t ix;

    if (!year_in_range(notice_year)) {
        return 0;
    }
    notice_span(cal, notice_year, &day, &end);
    for (; day < end; day++) {
        ix = (size_t)(day - cal->first_day);
        if (cal->kind[ix] == YC_CAL_DEFAULT ||
            yc_cal_notice_year(day, cal->name[ix]) != notice_year) {
            continue;
        }
        if (count < cap) {
            e = &out[count];
            memset(e, 0, sizeof(*e));
            e->day = day;
            e->kind = (enum yc_cal_kind)cal->kind[ix];
            memcpy(e->name, cal->name[ix], strlen(cal->name[ix]) + 1);
        }
        count++;
    }
    return count;
}

int
yc_cal_apply(struct yc_calendar *cal, const struct yc_cal_entries *entries)
{
    unsigned char years[NYEARS] = {0};
    const struct yc_cal_entry *e;
    size_t i;
    int y;

    for (i = 0; i < entries->n; i++) {
        e = &entries->v[i];
        if (memchr(e->name, '\0', sizeof(e->name)) == NULL ||
            check_entry(cal, e->day, e->kind, e->name)) {
            return YC_CAL_EINVAL;
        }
        years[yc_cal_notice_year(e->day, e->name) - YC_DATE_MIN_YEAR] = 1;
    }
    for (y = 0; y < NYEARS; y++) {
        if (years[y]) {
            yc_cal_clear_year(cal, y + YC_DATE_MIN_YEAR);
        }
    }
    for (i = 0; i < entries->n; i++) {
        e = &entries->v[i];
        put_entry(cal, e->day, e->kind, e->name);
    }
    return 0;
}

size_t
yc_cal_entries_years(const struct yc_cal_entries *entries, int *years, size_t cap)
{
    unsigned char seen[NYEARS] = {0};
    size_t count = 0;
    size_t i;
    int y;

    for (i = 0; i < entries->n; i++) {
        y = yc_cal_notice_year(entries->v[i].day, entries->v[i].name);
        if (year_in_range(y)) {
            seen[y - YC_DATE_MIN_YEAR] = 1;
        }
    }
    for (y = 0; y < NYEARS; y++) {
        if (seen[y]) {
            if (count < cap) {
                years[count] = y + YC_DATE_MIN_YEAR;
            }
            count++;
        }
    }
    return count;
}

void
yc_cal_entries_release(struct yc_cal_entries *entries)
{
    free(entries->v);
    entries->v = NULL;
    entries->n = 0;
    entries->cap = 0;
}

static struct yc_cal_entry *
entries_push(struct yc_cal_entries *entries)
{
    size_t cap;

    if (entries->n == entries->cap) {
        cap = entries->cap ? entries->cap * 2 : 64;
        entries->v = realloc(entries->v, cap * sizeof(entries->v[0]));
        if (!entries->v) {
            abort();
        }
        entries->cap = cap;
    }
    memset(&entries->v[entries->n], 0, sizeof(entries->v[0]));
    return &entries->v[entries->n++];
}

/* ---- parsing data/cn-holidays.csv ---- */

static const char *const column_names[] = {"", "date", "kind", "name"};

/* Cut a NUL-terminated string so that it does not end inside a UTF-8 sequence (after snprintf
 * truncation). */
static void
trim_utf8_tail(char *s)
{
    size_t len = strlen(s);
    size_t start = len;
    size_t need;
    unsigned char lead;

    while (start > 0 && len - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80) {
        start--;
    }
    if (start == 0) {
        return;
    }
    lead = (unsigned char)s[start - 1];
    need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (start - 1) < need) {
        s[start - 1] = '\0';
    }
}

/* Fill *err and return YC_CAL_EPARSE. */
__attribute__((format(printf, 5, 6))) static int
parse_fail(struct yc_cal_parse_err *err, long line, int column, const char *code, const char *fmt,
           ...)
{
    va_list ap;

    err->line = line;
    err->column = column;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
    va_end(ap);
    trim_utf8_tail(err->reason);
    if (column > 0 && column <= 3) {
        snprintf(err->message, sizeof(err->message), "第 %ld 行第 %d 列（%s）：%s", line, column,
                 column_names[column], err->reason);
    } else {
        snprintf(err->message, sizeof(err->message), "第 %ld 行：%s", line, err->reason);
    }
    trim_utf8_tail(err->message);
    return YC_CAL_EPARSE;
}

/*
 * Copy a field for quoting in a message: at most 40 bytes, cut on a UTF-8 boundary (fields are
 * valid UTF-8), control characters shown as '?', "…" appended when cut. out must hold 48 bytes.
 */
static void
quote_field(char out[48], const struct yc_csv_field *f)
{
    size_t n = f->len;
    size_t i;
    int cut = 0;

    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)f->ptr[n] & 0xC0) == 0x80) {
            n--;
        }
        cut = 1;
    }
    for (i = 0; i < n; i++) {
        out[i] = (unsigned char)f->ptr[i] < 0x20 || f->ptr[i] == 0x7f ? '?' : f->ptr[i];
    }
    if (cut) {
        memcpy(out + n, "…", sizeof("…"));
    } else {
        out[n] = '\0';
    }
}

static int
field_is(const struct yc_csv_field *f, const char *s)
{
    return f->len == strlen(s) && memcmp(f->ptr, s, f->len) == 0;
}

static int
check_header(const struct yc_csv_row *row, struct yc_cal_parse_err *err)
{
    char q[48];
    int i;

    if (row->nfields != 3) {
        return parse_fail(err, row->line, 0, "cal_bad_header",
                          "表头须为 date,kind,name，实有 %zu 列", row->nfields);
    }
    for (i = 0; i < 3; i++) {
        if (!field_is(&row->fields[i], column_names[i + 1])) {
            quote_field(q, &row->fields[i]);
            return parse_fail(err, row->line, i + 1, "cal_bad_header",
                              "表头须为 date,kind,name，此列应为“%s”，实为“%s”",
                              column_names[i + 1], q);
        }
    }
    return 0;
}

/* Validate one data row and append it to out. seen marks the days already listed. */
static int
parse_row(const struct yc_csv_row *row, struct yc_cal_entries *out, unsigned char *seen,
          int32_t first_day, struct yc_cal_parse_err *err)
{
    static const char *const weekdays[] = {"", "一", "二", "三", "四", "五", "六", "日"};
    const struct yc_csv_field *f = row->fields;
    struct yc_cal_entry *e;
    enum yc_cal_kind kind;
    char q[48];
    char name[YC_CAL_NAME_MAX + 1];
    int32_t day;
    size_t ix;
    size_t i;

    if (row->nfields != 3) {
        return parse_fail(err, row->line, 0, "cal_field_count",
                          "应有 3 个字段（date,kind,name），实有 %zu 个", row->nfields);
    }
    quote_field(q, &f[0]);
    if (yc_date_parse(f[0].ptr, f[0].len, &day)) {
        return parse_fail(err, row->line, 1, "cal_bad_date",
                          "日期须为 YYYY-MM-DD 格式、1900 至 2199 年间的真实日期，实为“%s”", q);
    }
    if (field_is(&f[1], "work")) {
        kind = YC_CAL_WORK;
    } else if (field_is(&f[1], "off")) {
        kind = YC_CAL_OFF;
    } else {
        quote_field(q, &f[1]);
        return parse_fail(err, row->line, 2, "cal_bad_kind", "类别须为 work 或 off，实为“%s”", q);
    }
    if (f[2].len == 0 || f[2].len > YC_CAL_NAME_MAX) {
        return parse_fail(err, row->line, 3, "cal_bad_name", "名称不能为空，也不能长于 %d 字节",
                          YC_CAL_NAME_MAX);
    }
    memcpy(name, f[2].ptr, f[2].len);
    name[f[2].len] = '\0';
    if (kind == YC_CAL_WORK && yc_date_weekday(day) <= 5) {
        return parse_fail(err, row->line, 2, "cal_work_not_weekend",
                          "补班日（work）须为周六或周日，%s 是星期%s", q,
                          weekdays[yc_date_weekday(day)]);
    }
    if (yc_cal_notice_year(day, name) > YC_DATE_MAX_YEAR) {
        return parse_fail(err, row->line, 1, "cal_bad_date", "%s 属于 %d 年的通知，超出 2199 年", q,
                          yc_cal_notice_year(day, name));
    }
    ix = (size_t)(day - first_day);
    if (seen[ix / 8] & (1u << (ix % 8))) {
        for (i = 0; i < out->n && out->v[i].day != day; i++) {
        }
        return parse_fail(err, row->line, 1, "cal_duplicate_date", "日期 %s 重复，已见于第 %ld 行",
                          q, i < out->n ? out->v[i].line : 0L);
    }
    seen[ix / 8] |= (unsigned char)(1u << (ix % 8));
    e = entries_push(out);
    e->day = day;
    e->kind = kind;
    memcpy(e->name, name, f[2].len + 1);
    e->line = row->line;
    return 0;
}

int
yc_cal_parse_csv(const char *buf, size_t len, struct yc_cal_entries *out,
                 struct yc_cal_parse_err *err)
{
    int32_t first_day = yc_date_from_ymd(YC_DATE_MIN_YEAR, 1, 1);
    int32_t end_day = yc_date_from_ymd(YC_DATE_MAX_YEAR + 1, 1, 1);
    unsigned char *seen = xcalloc((size_t)(end_day - first_day) / 8 + 1, 1);
    struct yc_csv_row row;
    struct yc_csv r;
    int have_header = 0;
    int rc;

    memset(err, 0, sizeof(*err));
    err->code = "ok";
    out->n = 0;
    yc_csv_init(&r, buf, len);
    while ((rc = yc_csv_next_row(&r, &row)) > 0) {
        if (!have_header) {
            have_header = 1;
            rc = check_header(&row, err);
        } else {
            rc = parse_row(&row, out, seen, first_day, err);
        }
        if (rc) {
            goto out;
        }
    }
    if (rc < 0) {
        rc = parse_fail(err, r.err_line, r.err_field <= 3 ? (int)r.err_field : 0,
                        yc_csv_errcode(rc), "%s", yc_csv_strerror(rc));
    } else if (!have_header) {
        rc = parse_fail(err, 1, 0, "cal_no_header", "文件为空，缺少表头 date,kind,name");
    } else if (out->n == 0) {
        rc = parse_fail(err, r.line, 0, "cal_no_entries", "文件只有表头，没有任何日期");
    }
out:
    if (rc) {
        out->n = 0;
    }
    yc_csv_release(&r);
    free(seen);
    return rc;
}
