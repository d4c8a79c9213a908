/*
 * seal_ledger.c - the seal ledger (用印登记簿) across cases: every use of an approval seal with its
 * day, seal, case, stage, approver, document and the document's SHA-256, for one department or all,
 * over a range of days. The same function serves GET /api/seal-uses and `yichuang seal ledger`.
 */
#include <string.h>

#include "base/clock.h"
#include "base/date.h"
#include "base/str.h"
#include "domain/roles.h"
#include "svc/svc.h"
#include "base/banned.h"

/* The department named by an id, a code or a name; 422 naming "dept" when there is none. */
static int
find_dept(struct yc_ctx *ctx, const char *s, struct yc_dept *out, struct yc_err *err)
{
    int64_t id = 0;
    int found = 0;
    int rc = 0;

    if (yc_parse_i64(yc_str_c(s), 1, INT64_MAX, &id) != 0) {
        rc = yc_store_dept_by_code(ctx->db, s, &id, &found, err);
        if (rc == 0 && !found) {
            rc = yc_store_dept_by_name(ctx->db, s, &id, &found, err);
        }
        if (rc == 0 && !found) {
            id = 0;
        }
    }
    if (rc == 0 && id) {
        rc = yc_store_dept_get(ctx->db, ctx->arena, id, out, &found, err);
    }
    if (rc == 0 && (!id || !found)) {
        rc = yc_fail(err, YC_EUNPROC, "field_invalid", "dept",
                     "部门“%s”不存在（可填部门编号、代码或名称）", s);
    }
    return rc;
}

/* Which department the caller may read: all (0) or one; a department head only their own. */
static int
ledger_scope(struct yc_ctx *ctx, const char *dept, struct yc_ledger *out, struct yc_err *err)
{
    int head_only =
        !ctx->system && ctx->user && !(ctx->user->roles & (YC_ROLE_SUPERVISOR | YC_ROLE_ADMIN));
    struct yc_dept d = {0};
    int rc;

    out->department_id = 0;
    out->department_name = "全部部门";
    if (!dept || !*dept) {
        if (!head_only) {
            return 0;
        }
        if (!ctx->user->department_id) {
            return yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL,
                           "您的账户不属于任何部门，不能查看用印登记簿");
        }
        out->department_id = ctx->user->department_id;
        out->department_name = ctx->user->department_name;
        return 0;
    }
    rc = find_dept(ctx, dept, &d, err);
    if (rc == 0 && head_only && d.id != ctx->user->department_id) {
        rc = yc_fail(err, YC_EFORBIDDEN, "forbidden", NULL,
                     "您只能查看本部门（%s）的用印登记簿，不能查看%s的",
                     ctx->user->department_id ? ctx->user->department_name : "无部门", d.name);
    }
    if (rc == 0) {
        out->department_id = d.id;
        out->department_name = d.name;
    }
    return rc;
}

int
yc_svc_seal_ledger(struct yc_ctx *ctx, const struct yc_ledger_query *q, struct yc_ledger *out,
                   struct yc_err *err)
{
    int64_t limit = q->limit > 0 ? q->limit : INT32_MAX;
    int rc = yc_svc_allow(ctx, YC_OP_SEAL_LEDGER, err);

    memset(out, 0, sizeof(*out));
    if (rc) {
        return rc;
    }
    if (q->from > q->to) {
        return yc_fail(err, YC_EUNPROC, "range_invalid", "from", "起始日期不能晚于截止日期");
    }
    if (q->to - q->from + 1 > YC_LEDGER_MAX_DAYS) {
        return yc_fail(err, YC_EUNPROC, "range_too_long", "to",
                       "一次最多查询 %d 天的用印记录，请缩小日期范围", YC_LEDGER_MAX_DAYS);
    }
    rc = ledger_scope(ctx, q->dept, out, err);
    if (rc == 0) {
        /* one row more than asked tells whether there are more */
        rc = yc_store_seal_ledger(ctx->db, ctx->arena, out->department_id, q->from, q->to,
                                  limit + (limit < INT32_MAX), &out->rows, &out->n, err);
    }
    if (rc == 0 && (int64_t)out->n > limit) {
        out->n = (size_t)limit;
        out->truncated = 1;
    }
    return rc;
}

static json_t *
day_json(int32_t day)
{
    char d[11];

    if (day == YC_NO_DAY) {
        return json_null();
    }
    yc_date_format(day, d);
    return json_string(d);
}

json_t *
yc_seal_ledger_json(const struct yc_ledger *l, int32_t from, int32_t to)
{
    json_t *uses = json_array();

    for (size_t i = 0; i < l->n; i++) {
        const struct yc_ledger_row *u = &l->rows[i];
        char at[21];
        yc_clock_format_iso(u->at, at);
        json_array_append_new(
            uses,
            json_pack("{s:I, s:o, s:s, s:{s:I, s:s, s:s}, s:{s:I, s:s}, s:{s:I, s:s}, s:s, "
                      "s:{s:I, s:s}, s:s, s:s}",
                      "id", (json_int_t)u->id, "day", day_json(u->day), "at", at, "seal", "id",
                      (json_int_t)u->seal_id, "name", u->seal_name, "code", u->seal_code,
                      "department", "id", (json_int_t)u->department_id, "name", u->department_name,
                      "case", "id", (json_int_t)u->case_id, "number", u->case_number, "stage",
                      u->stage, "approver", "id", (json_int_t)u->approver_id, "name",
                      u->approver_name, "document", u->document, "sha256", u->sha256));
    }
    return json_pack("{s:o, s:o, s:o, s:I, s:b, s:o}", "department",
                     l->department_id ? json_pack("{s:I, s:s}", "id", (json_int_t)l->department_id,
                                                  "name", l->department_name)
                                      : json_null(),
                     "from", day_json(from), "to", day_json(to), "count", (json_int_t)l->n,
                     "truncated", l->truncated, "uses", uses);
}
