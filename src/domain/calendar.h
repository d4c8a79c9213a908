/*
 * calendar.h - the Chinese working-day calendar used by every time limit (DOMAIN.md, "Clocks").
 *
 * A day is a working day if the calendar lists it as YC_CAL_WORK (a weekend make-up day, 调休上班),
 * or it is Monday-Friday and not listed as YC_CAL_OFF. A date in a year without calendar data is an
 * error that names the year: the calendar never guesses.
 *
 * Notice years. The State Council publishes one notice per year Y; its 元旦 entries may fall in
 * late December of Y-1 (2018-12-29 work and 2018-12-30 off belong to the 2019 notice). An entry's
 * notice year is the year of its date, except that a December date whose name contains "元旦"
 * belongs to the next year. A year is covered when its notice has been loaded; a date is answerable
 * when the year of the date is covered. (A covered year Y whose notice Y+1 is not loaded yet is
 * answered from the data present: late-December 元旦 changes of notice Y+1 are unknown until it is
 * loaded.)
 *
 * The calendar spans the years YC_DATE_MIN_YEAR..YC_DATE_MAX_YEAR (1900..2199); lookups are O(1)
 * (a kind per day and a covered-year table), counting walks day by day.
 */
#ifndef YC_DOMAIN_CALENDAR_H
#define YC_DOMAIN_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

/* Same definition as in base/err.h (an identical redefinition is allowed). */
#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

#define YC_CAL_NAME_MAX 63 /* bytes of an entry's name, without the NUL */

enum yc_cal_kind {
    YC_CAL_DEFAULT = 0, /* not listed: Monday-Friday work, Saturday-Sunday off */
    YC_CAL_WORK = 1,
    YC_CAL_OFF = 2,
};

/* Results of the functions below (0 is success). */
enum {
    YC_CAL_ENOYEAR = -1, /* a date in a year that is not covered; *missing_year names it */
    YC_CAL_EINVAL = -2,  /* an argument out of range (see each function) */
    YC_CAL_EPARSE = -3,  /* yc_cal_parse_csv: the file is rejected; see struct yc_cal_parse_err */
};

/* One listed day. */
struct yc_cal_entry {
    int32_t day; /* days since 1970-01-01 */
    enum yc_cal_kind kind;
    char name[YC_CAL_NAME_MAX + 1]; /* UTF-8, NUL-terminated, e.g. "国庆节、中秋节" */
    long line;                      /* source line in a parsed file; 0 when not from a file */
};

/* A growable list of entries, owned by the caller. Initialise with {0}; free with
 * yc_cal_entries_release. */
struct yc_cal_entries {
    struct yc_cal_entry *v;
    size_t n;
    size_t cap;
};

/* Where and why yc_cal_parse_csv rejected a file. */
struct yc_cal_parse_err {
    long line;         /* 1-based line of the fault (for a CSV syntax error, as the reader says) */
    int column;        /* 1 date, 2 kind, 3 name; 0 when the whole row or file is at fault */
    const char *code;  /* stable English: "cal_bad_date", "csv_bom" ...; static storage */
    char reason[256];  /* Chinese, for people, names the offending value; no line or column */
    char message[352]; /* reason prefixed with "第 L 行第 C 列（kind）：" or "第 L 行：" */
};

struct yc_calendar;

/* An empty calendar: no year covered. Aborts when out of memory; never returns NULL. */
struct yc_calendar *yc_cal_new(void);

/* Free a calendar; NULL is allowed. */
void yc_cal_free(struct yc_calendar *cal);

/* Forget every entry whose notice year is notice_year and mark that year not covered. Years outside
 * 1900..2199 are ignored. */
void yc_cal_clear_year(struct yc_calendar *cal, int notice_year);

/*
 * List day as kind (YC_CAL_WORK or YC_CAL_OFF) with name (NULL means "", at most YC_CAL_NAME_MAX
 * bytes, copied), replacing any entry of that day, and mark the entry's notice year covered.
 * Returns 0, or YC_CAL_EINVAL (nothing changed) when day is outside 1900..2199, kind is not WORK or
 * OFF, the name is too long, or the notice year falls outside 1900..2199. Does not check that a
 * WORK day is a weekend (yc_cal_parse_csv does).
 */
int yc_cal_set(struct yc_calendar *cal, int32_t day, enum yc_cal_kind kind,
               const char *name) YC_MUST;

/* Mark a notice year covered even if it lists no day (for a store that records covered years).
 * Returns 0, or YC_CAL_EINVAL when year is outside 1900..2199. */
int yc_cal_mark_covered(struct yc_calendar *cal, int year) YC_MUST;

/* 1 if the notice of year has been loaded, else 0 (always 0 outside 1900..2199). */
int yc_cal_covers(const struct yc_calendar *cal, int year);

/* The notice year of an entry on day named name (NULL allowed): the day's year, plus one for a
 * December day whose name contains "元旦". */
int yc_cal_notice_year(int32_t day, const char *name);

/*
 * The three lookups return 0, or YC_CAL_ENOYEAR and set *missing_year to the first uncovered year
 * they meet (outputs are then unchanged). missing_year must not be NULL.
 */

/* *is_work = 1 if day is a working day, else 0. */
int yc_cal_is_workday(const struct yc_calendar *cal, int32_t day, int *is_work,
                      int *missing_year) YC_MUST;

/*
 * *end = the n-th working day after from; from itself does not count, so n = 0 gives from (whose
 * year must still be covered). n < 0 gives YC_CAL_EINVAL. Example: from 2025-09-30, n = 5 gives
 * 2025-10-14.
 */
int yc_cal_add_workdays(const struct yc_calendar *cal, int32_t from, int n, int32_t *end,
                        int *missing_year) YC_MUST;

/* *n = the number of working days in (a, b]; 0 when b <= a. The years of a and b must be covered
 * in every case, and so must every year in between. */
int yc_cal_workdays_between(const struct yc_calendar *cal, int32_t a, int32_t b, int *n,
                            int *missing_year) YC_MUST;

/*
 * Copy the entries of notice_year, in date order, into out[0..cap) and return how many there are
 * (which may exceed cap; out may be NULL when cap is 0). Entries' line is 0.
 */
size_t yc_cal_list(const struct yc_calendar *cal, int notice_year, struct yc_cal_entry *out,
                   size_t cap);

/*
 * Parse a calendar file in the format of data/cn-holidays.csv: UTF-8 without BOM, header exactly
 * `date,kind,name`, then rows of a strict YYYY-MM-DD date (1900..2199), kind `work` or `off`, and a
 * non-empty name of at most YC_CAL_NAME_MAX bytes. Every row is validated before anything is
 * returned: a bad date, a bad kind, a `work` day that is not a Saturday or Sunday, a duplicate
 * date, a wrong field count, a wrong header, a notice year past 2199 and a file without rows are
 * errors. Returns 0 with out holding the entries in file order, or YC_CAL_EPARSE with *err
 * describing the first fault in file order and out left empty. out must be initialised; its old
 * contents are dropped.
 */
int yc_cal_parse_csv(const char *buf, size_t len, struct yc_cal_entries *out,
                     struct yc_cal_parse_err *err) YC_MUST;

/*
 * Apply entries to cal: every notice year present in entries is first cleared
 * (yc_cal_clear_year) and then filled with its entries, so the years in the list are replaced
 * whole and other years are untouched. Returns 0, or YC_CAL_EINVAL when an entry would be refused
 * by yc_cal_set; in that case cal is unchanged.
 */
int yc_cal_apply(struct yc_calendar *cal, const struct yc_cal_entries *entries) YC_MUST;

/* Write the distinct notice years of entries, ascending, into years[0..cap) and return how many
 * there are (which may exceed cap). */
size_t yc_cal_entries_years(const struct yc_cal_entries *entries, int *years, size_t cap);

/* Free the list's memory and make it empty. */
void yc_cal_entries_release(struct yc_cal_entries *entries);

#endif /* YC_DOMAIN_CALENDAR_H */
