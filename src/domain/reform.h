/*
 * reform.h - the arithmetic of the reform dashboard: the plan's figures (Annex 2, Annex 3, the
 * targets, the eight steps) read from their CSV files, set beside what the centre has configured.
 * Pure: no I/O, no clock. Callers give the CSV text (the embedded data files), the live counts and
 * "today"; memory comes from the caller's arena.
 *
 * Percentages are kept in permille (integers) so the figures are exact and print the same
 * everywhere: 36 of 84 windows fewer is 429 permille, "42.9%", 43 rounded.
 */
#ifndef YC_DOMAIN_REFORM_H
#define YC_DOMAIN_REFORM_H

#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"

#ifndef YC_MUST
#define YC_MUST __attribute__((warn_unused_result))
#endif

/* ---- matter types, in Annex 2's column order ---- */
#define YC_REFORM_NTYPES 7
#define YC_REFORM_TOTAL  YC_REFORM_NTYPES /* index of the total in the arrays below */

struct yc_matter_type {
    const char *code;    /* national code: "01" */
    const char *zh;      /* 行政许可 */
    const char *csv_col; /* column of annex2-matters-by-department.csv: "xingzheng_xuke" */
};
extern const struct yc_matter_type yc_reform_types[YC_REFORM_NTYPES];

/* Index of a type code in Annex 2's order; -1 for codes that are not on-application (02 ...). */
int yc_reform_type_index(const char *code);

/* round(1000 * part / whole), 0 when whole is 0; works for negative parts. */
int64_t yc_reform_permille(int64_t part, int64_t whole);
/* "42.9%" from 429. out has room for any int64. */
void yc_reform_permille_text(int64_t permille, char out[32]);

/* ---- Annex 2: matters per department and type ---- */
struct yc_annex2_row {
    const char *department;
    int in_plan;
    int64_t plan[YC_REFORM_NTYPES + 1]; /* the 7 types, then the total */
    int64_t actual[YC_REFORM_NTYPES + 1];
    int64_t diff[YC_REFORM_NTYPES + 1]; /* actual - plan */
};

struct yc_annex2 {
    struct yc_annex2_row *rows; /* plan rows in plan order, then departments the plan lacks */
    size_t n;
    size_t cap;
    struct yc_annex2_row total;
    int64_t ignored; /* entered matters of types that are not on-application (02 03 04 06) */
};

/* Start a table from the plan CSV (data/annex2-matters-by-department.csv). -1 on a malformed
 * file with *bad_line naming the line. */
int yc_annex2_load_plan(struct yc_annex2 *t, struct yc_arena *a, const char *csv, size_t len,
                        long *bad_line) YC_MUST;
/* Add `count` entered matters of `type` in `department` (a department the plan lacks gets a row).
 */
void yc_annex2_add(struct yc_annex2 *t, struct yc_arena *a, const char *department,
                   const char *type, int64_t count);
/* Work out the totals and the differences. */
void yc_annex2_finish(struct yc_annex2 *t);

/* ---- Annex 3: windows and staff per zone, before and after ---- */
struct yc_annex3_zone {
    int floor;
    const char *zone;
    int in_plan;
    /* the plan */
    int64_t windows_before;
    int64_t windows_after; /* including windows for new entrants */
    int64_t windows_new;   /* of windows_after: for units newly entering the centre */
    int64_t staff_before;
    int64_t front_after;    /* shared front desks (empty unit cells): one per window */
    int64_t resident_after; /* back office, 常驻 */
    int64_t nonresident_after;
    int64_t cases_2024;
    /* configured in the hall */
    int in_hall;
    int64_t cfg_windows; /* active windows */
    int64_t cfg_windows_new;
    int64_t cfg_front;    /* distinct staff with a standing window post */
    int64_t cfg_resident; /* distinct A and B staff of posts sitting in the zone */
    int64_t cfg_nonresident;
};

struct yc_annex3 {
    struct yc_annex3_zone *zones; /* plan order, then zones the plan lacks */
    size_t n;
    size_t cap;
    struct yc_annex3_zone total;
    /* the reduction the plan asks for: windows before -> after without new entrants */
    int64_t plan_after_existing;     /* 63 - 15 = 48 */
    int64_t plan_reduction_permille; /* (84 - 48) / 84 = 429 */
    int64_t cfg_after_existing;
    int64_t cfg_reduction_permille; /* against the plan's windows before */
};

int yc_annex3_load_plan(struct yc_annex3 *t, struct yc_arena *a, const char *csv, size_t len,
                        long *bad_line) YC_MUST;
/* Set one configured zone's figures (a zone the plan lacks gets a row). */
void
yc_annex3_set_config(struct yc_annex3 *t, struct yc_arena *a, int floor, const char *zone,
                     const int64_t figures[5]); /* windows, new, front, resident, nonresident */
void yc_annex3_finish(struct yc_annex3 *t);

/* ---- targets (data/reform-targets.csv) ---- */
/* The value of the target `key` (e.g. "undifferentiated_share" -> 70); -1 when absent or bad. */
int yc_reform_target(const char *csv, size_t len, const char *key, int64_t *value) YC_MUST;

/* ---- the share of entered matters accepted at 无差别 windows ---- */
struct yc_share {
    int64_t entered;
    int64_t undifferentiated;
    int64_t permille;
    int64_t target_pct;
    int meets;      /* undifferentiated / entered >= target (and something is entered) */
    int64_t needed; /* more matters to move to 无差别 windows to reach the target */
};
void yc_reform_share(int64_t entered, int64_t undifferentiated, int64_t target_pct,
                     struct yc_share *out);

/* ---- the implementation steps (data/reform-steps.csv) ---- */
enum yc_step_status { YC_STEP_NOT_STARTED = 0, YC_STEP_IN_PROGRESS, YC_STEP_DONE, YC_STEP__MAX };
extern const char *const yc_step_status_names[YC_STEP__MAX]; /* "not_started" ... */
extern const char *const yc_step_status_zh[YC_STEP__MAX];    /* 未开始 ... */
/* The status named in English or Chinese; -1 when unknown. */
int yc_step_status_by_name(const char *s);

struct yc_reform_step {
    int seq;
    const char *step;
    const char *content;
    const char *responsible; /* units separated by ';' as in the file */
    int32_t deadline;
};
int yc_reform_steps_load(struct yc_arena *a, const char *csv, size_t len,
                         struct yc_reform_step **out, size_t *n, long *bad_line) YC_MUST;
/* Days past the deadline of a step not done (0 when on time or done). */
int32_t yc_reform_step_overdue_days(int32_t deadline, enum yc_step_status status, int32_t today);

#endif
