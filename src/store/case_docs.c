/* case_docs.c - repository functions of a case's documents: the seal ledger (case_docs.h). */
#include <string.h>

#include "base/date.h"
#include "store/case_docs.h"
#include "store/hall.h"
#include "store/rows.h"
#include "base/banned.h"

int
yc_store_dept_by_code(struct yc_db *db, const char *code, int64_t *id, int *found,
                      struct yc_err *err)
{
    return yc_db_scalar(db, YC_Q_DEPT_BY_CODE, YC_ARGS(YC_VT(code)), id, found, err);
}

static void
read_ledger(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_ledger_row *u = elem;
    const char *day = yc_rows_text(r, 1);

    u->id = yc_rows_int(r, 0);
    if (!day || yc_date_parse(day, strlen(day), &u->day) != 0) {
        u->day = YC_NO_DAY;
    }
    u->at = yc_rows_int(r, 2);
    u->seal_id = yc_rows_int(r, 3);
    u->seal_name = yc_arena_strdup(a, yc_rows_text(r, 4));
    u->seal_code = yc_arena_strdup(a, yc_rows_text(r, 5));
    u->department_id = yc_rows_int(r, 6);
    u->department_name = yc_arena_strdup(a, yc_rows_text(r, 7));
    u->case_id = yc_rows_int(r, 8);
    u->case_number = yc_arena_strdup(a, yc_rows_text(r, 9));
    u->stage = yc_arena_strdup(a, yc_rows_text(r, 10));
    u->approver_id = yc_rows_int(r, 11);
    u->approver_name = yc_arena_strdup(a, yc_rows_text(r, 12));
    u->document = yc_arena_strdup(a, yc_rows_text(r, 13));
    u->sha256 = yc_arena_strdup(a, yc_rows_text(r, 14));
}

int
yc_store_seal_ledger(struct yc_db *db, struct yc_arena *a, int64_t department_id, int32_t from,
                     int32_t to, int64_t limit, struct yc_ledger_row **out, size_t *n,
                     struct yc_err *err)
{
    char f[11], t[11];

    yc_date_format(from, f);
    yc_date_format(to, t);
    return yc_store_collect(db, YC_Q_SEAL_LEDGER,
                            YC_ARGS(YC_VI(department_id), YC_VT(f), YC_VT(t), YC_VI(limit)), a,
                            sizeof(struct yc_ledger_row), read_ledger, (void **)out, n, err);
}
