/*
 * calendar.c - working-day questions and the calendar's import.
 *
 * The process keeps one calendar in memory (a few hundred entries), read under a read lock and
 * swapped whole on reload. The database is the truth: an import bumps settings.calendar_gen, and
 * every process reloads when it sees a new generation (at once in the importing process, within
 * one ticker period in the others).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "gen/embedded.h"
#include "svc/svc.h"
#include "base/banned.h"

static pthread_rwlock_t cal_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct yc_calendar *cal;
static char cal_gen[32] = "";

static int
current_gen(struct yc_db *db, char out[32], struct yc_err *err)
{
    struct yc_arena a;
    const char *v;
    int rc;

    yc_arena_init(&a);
    rc = yc_store_setting_get(db, &a, "calendar_gen", &v, err);
    if (rc == 0) {
        yc_strlcpy(out, v ? v : "0", 32);
    }
    yc_arena_release(&a);
    return rc;
}

int
yc_svc_cal_reload(struct yc_db *db, struct yc_err *err)
{
    struct yc_calendar *fresh = yc_cal_new();
    struct yc_calendar *old;
    char gen[32];
    int rc = current_gen(db, gen, err);

    if (rc == 0) {
        rc = yc_store_cal_load(db, fresh, err);
    }
    if (rc) {
        yc_cal_free(fresh);
        return rc;
    }
    pthread_rwlock_wrlock(&cal_lock);
    old = cal;
    cal = fresh;
    yc_strlcpy(cal_gen, gen, sizeof(cal_gen));
    pthread_rwlock_unlock(&cal_lock);
    yc_cal_free(old);
    return 0;
}

int
yc_svc_cal_refresh(struct yc_db *db, struct yc_err *err)
{
    char gen[32];
    int same;
    int rc = current_gen(db, gen, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    same = cal && strcmp(gen, cal_gen) == 0;
    pthread_rwlock_unlock(&cal_lock);
    return same ? 0 : yc_svc_cal_reload(db, err);
}

static int
no_year(int year, struct yc_err *err)
{
    return yc_fail(err, YC_EUNPROC, "calendar_year_missing", NULL,
                   "没有 %d 年的节假日数据（国务院办公厅通知尚未导入），无法计算工作日", year);
}

/* Run one lookup under the read lock, loading the calendar first if this process has none. */
static int
with_calendar(struct yc_ctx *ctx, struct yc_err *err)
{
    int loaded;
    int rc = yc_svc_allow(ctx, YC_OP_CAL_READ, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    loaded = cal != NULL;
    pthread_rwlock_unlock(&cal_lock);
    return loaded ? 0 : yc_svc_cal_reload(ctx->db, err);
}

int
yc_svc_workdays_add(struct yc_ctx *ctx, int32_t from, int n, int32_t *end, struct yc_err *err)
{
    int missing = 0;
    int rc = with_calendar(ctx, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    rc = yc_cal_add_workdays(cal, from, n, end, &missing);
    pthread_rwlock_unlock(&cal_lock);
    if (rc == YC_CAL_ENOYEAR) {
        return no_year(missing, err);
    }
    if (rc) {
        return yc_fail(err, YC_EUNPROC, "field_invalid", "n", "工作日数应为非负整数");
    }
    return 0;
}

int
yc_svc_workdays_between(struct yc_ctx *ctx, int32_t a, int32_t b, int *n, struct yc_err *err)
{
    int missing = 0;
    int rc = with_calendar(ctx, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    rc = yc_cal_workdays_between(cal, a, b, n, &missing);
    pthread_rwlock_unlock(&cal_lock);
    return rc == YC_CAL_ENOYEAR ? no_year(missing, err) : 0;
}

int
yc_svc_workdays_is(struct yc_ctx *ctx, int32_t day, int *is_work, struct yc_err *err)
{
    int missing = 0;
    int rc = with_calendar(ctx, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    rc = yc_cal_is_workday(cal, day, is_work, &missing);
    pthread_rwlock_unlock(&cal_lock);
    return rc == YC_CAL_ENOYEAR ? no_year(missing, err) : 0;
}

static int
import_entries(struct yc_ctx *ctx, const char *csv, size_t len, int *years, size_t max_years,
               size_t *nyears, size_t *nentries, struct yc_err *err)
{
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err perr;
    int rc;

    if (yc_cal_parse_csv(csv, len, &entries, &perr) != 0) {
        /* a rejected file leaves entries empty, but the rows read before the fault still hold
         * memory */
        yc_cal_entries_release(&entries);
        /* the one 422 code of the API; the message names the line and column */
        return yc_fail(err, YC_EUNPROC, "field_invalid", NULL, "%s", perr.message);
    }
    *nyears = yc_cal_entries_years(&entries, years, max_years);
    *nentries = entries.n;
    if (*nyears > max_years) {
        yc_cal_entries_release(&entries);
        return yc_fail(err, YC_EUNPROC, "field_invalid", NULL, "一次最多导入 %zu 个年份",
                       max_years);
    }
    rc = yc_db_begin(ctx->db, err);
    if (rc == 0) {
        rc = yc_store_cal_replace(ctx->db, &entries, years, *nyears, ctx->now_ms, err);
        if (rc == 0) {
            char list[256] = "";
            for (size_t i = 0; i < *nyears; i++) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof(list) - l, "%s%d", i ? "、" : "", years[i]);
            }
            rc = yc_svc_audit(ctx, err, "calendar.import", "calendar",
                              "导入节假日日历：%s 年，共 %zu 条", list, entries.n);
        }
        rc = yc_db_finish(ctx->db, rc, err);
    }
    yc_cal_entries_release(&entries);
    if (rc == 0) {
        rc = yc_svc_cal_reload(ctx->db, err);
    }
    return rc;
}

int
yc_svc_cal_import(struct yc_ctx *ctx, const char *csv, size_t len, int *years, size_t max_years,
                  size_t *nyears, size_t *entries, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_CAL_IMPORT, err);

    if (rc) {
        return rc;
    }
    return import_entries(ctx, csv, len, years, max_years, nyears, entries, err);
}

int
yc_svc_cal_seed(struct yc_ctx *ctx, struct yc_err *err)
{
    const struct yc_embedded_file *f = yc_embedded_file("cn-holidays.csv");
    int years[64];
    size_t nyears = 0, nentries = 0;
    int rc = yc_store_cal_years(ctx->db, years, 64, &nyears, err);

    if (rc || nyears > 0) {
        return rc;
    }
    if (!f) {
        return yc_fail(err, YC_EINTERNAL, "internal", NULL, "程序中缺少默认日历");
    }
    return import_entries(ctx, f->data, f->len, years, 64, &nyears, &nentries, err);
}

int
yc_svc_cal_year(struct yc_ctx *ctx, int year, json_t **out, struct yc_err *err)
{
    struct yc_cal_entry *v;
    json_t *arr;
    size_t n;
    int covered;
    int rc = with_calendar(ctx, err);

    if (rc) {
        return rc;
    }
    pthread_rwlock_rdlock(&cal_lock);
    covered = yc_cal_covers(cal, year);
    n = yc_cal_list(cal, year, NULL, 0);
    v = yc_arena_alloc(ctx->arena, (n ? n : 1) * sizeof(*v));
    n = yc_cal_list(cal, year, v, n);
    pthread_rwlock_unlock(&cal_lock);
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        char d[11];
        yc_date_format(v[i].day, d);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "date", d, "kind",
                                             v[i].kind == YC_CAL_WORK ? "work" : "off", "name",
                                             v[i].name));
    }
    *out = json_pack("{s:i, s:b, s:o}", "year", year, "covered", covered, "entries", arr);
    return 0;
}

void
yc_svc_cal_shutdown(void)
{
    pthread_rwlock_wrlock(&cal_lock);
    yc_cal_free(cal);
    cal = NULL;
    cal_gen[0] = '\0';
    pthread_rwlock_unlock(&cal_lock);
}

int
yc_svc_cal_use(int (*fn)(const struct yc_calendar *cal, void *arg), void *arg, struct yc_err *err)
{
    int rc;

    pthread_rwlock_rdlock(&cal_lock);
    if (!cal) {
        pthread_rwlock_unlock(&cal_lock);
        return yc_fail(err, YC_EUNAVAIL, "calendar_unavailable", NULL, "节假日日历尚未加载");
    }
    rc = fn(cal, arg);
    pthread_rwlock_unlock(&cal_lock);
    return rc;
}
