/* calendar.c - repository functions for the holiday calendar (calendar_day, calendar_year). */
#include <string.h>

#include "base/date.h"
#include "domain/calendar.h"
#include "store/store.h"
#include "base/banned.h"

int
yc_store_cal_load(struct yc_db *db, struct yc_calendar *cal, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_CAL_ALL, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        const char *d = yc_rows_text(r, 0);
        int32_t day;
        if (yc_date_parse(d, strlen(d), &day) != 0 ||
            yc_cal_set(cal, day, strcmp(yc_rows_text(r, 1), "work") == 0 ? YC_CAL_WORK : YC_CAL_OFF,
                       yc_rows_text(r, 2)) != 0) {
            rc = yc_fail(err, YC_EDB, "db_error", NULL, "日历数据损坏：%s", d);
            break;
        }
    }
    yc_rows_close(r);
    if (rc < 0) {
        return rc;
    }
    rc = yc_db_query(db, YC_Q_CAL_YEARS, YC_NOARGS, &r, err);
    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        if (yc_cal_mark_covered(cal, (int)yc_rows_int(r, 0)) != 0) {
            rc = yc_fail(err, YC_EDB, "db_error", NULL, "日历年份数据损坏");
            break;
        }
    }
    yc_rows_close(r);
    return rc < 0 ? rc : 0;
}

int
yc_store_cal_years(struct yc_db *db, int *years, size_t max, size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_CAL_YEARS, YC_NOARGS, &r, err);

    *n = 0;
    if (rc) {
        return rc;
    }
    while ((rc = yc_rows_next(r)) > 0) {
        if (*n < max) {
            years[*n] = (int)yc_rows_int(r, 0);
        }
        (*n)++;
    }
    yc_rows_close(r);
    return rc < 0 ? rc : 0;
}

int
yc_store_cal_replace(struct yc_db *db, const struct yc_cal_entries *entries, const int *years,
                     size_t nyears, int64_t now, struct yc_err *err)
{
    int rc = 0;

    for (size_t i = 0; i < nyears && rc == 0; i++) {
        rc = yc_db_exec(db, YC_Q_CAL_DELETE_YEAR, YC_ARGS(YC_VI(years[i])), NULL, err);
        if (rc == 0) {
            rc = yc_db_exec(db, YC_Q_CAL_PUT_YEAR, YC_ARGS(YC_VI(years[i]), YC_VI(now)), NULL,
                            err);
        }
    }
    for (size_t i = 0; i < entries->n && rc == 0; i++) {
        const struct yc_cal_entry *e = &entries->v[i];
        char d[11];
        yc_date_format(e->day, d);
        rc = yc_db_exec(db, YC_Q_CAL_INSERT_DAY,
                        YC_ARGS(YC_VT(d), YC_VT(e->kind == YC_CAL_WORK ? "work" : "off"),
                                YC_VT(e->name), YC_VI(yc_cal_notice_year(e->day, e->name))),
                        NULL, err);
    }
    if (rc == 0) {
        rc = yc_store_setting_incr(db, "calendar_gen", err);
    }
    return rc;
}
