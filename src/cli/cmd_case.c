/* cmd_case.c - `seal ledger` (the seal ledger of a department over a range of days) and
 * `cases scan` (the scheduled check of cases, once). */
#include <stdio.h>
#include <string.h>

#include "base/date.h"
#include "cli/cli.h"
#include "base/banned.h"

static void
print_padded(const char *s, int width)
{
    int pad = width - yc_cli_display_width(s);

    printf("%s%*s", s, pad > 0 ? pad : 0, "");
}

enum { COLS = 7 };

static const char *const heads[COLS] = {"日期",   "印章", "办件编号", "环节",
                                        "审批人", "文书", "SHA-256"};

static void
row_cells(const struct yc_ledger_row *u, char day[11], const char *cells[COLS])
{
    yc_date_format(u->day, day);
    cells[0] = day;
    cells[1] = u->seal_name;
    cells[2] = u->case_number;
    cells[3] = u->stage;
    cells[4] = u->approver_name;
    cells[5] = u->document;
    cells[6] = u->sha256;
}

static void
ledger_table(const struct yc_ledger *l)
{
    int w[COLS];
    char day[11];
    const char *cells[COLS];

    for (int c = 0; c < COLS; c++) {
        w[c] = yc_cli_display_width(heads[c]);
    }
    for (size_t i = 0; i < l->n; i++) {
        row_cells(&l->rows[i], day, cells);
        for (int c = 0; c < COLS; c++) {
            int cw = yc_cli_display_width(cells[c]);
            w[c] = cw > w[c] ? cw : w[c];
        }
    }
    for (int c = 0; c < COLS; c++) {
        print_padded(heads[c], c + 1 < COLS ? w[c] + 2 : 0);
    }
    printf("\n");
    for (size_t i = 0; i < l->n; i++) {
        row_cells(&l->rows[i], day, cells);
        for (int c = 0; c < COLS; c++) {
            print_padded(cells[c], c + 1 < COLS ? w[c] + 2 : 0);
        }
        printf("\n");
    }
    printf("共 %zu 条用印记录（%s）\n", l->n, l->department_name);
}

/* One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
static void
csv_field(const char *s, const char *after)
{
    if (strpbrk(s, ",\"\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"') {
                putchar('"');
            }
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    fputs(after, stdout);
}

static void
ledger_csv(const struct yc_ledger *l)
{
    char day[11];

    printf("day,seal,seal_code,department,case,stage,approver,document,sha256\n");
    for (size_t i = 0; i < l->n; i++) {
        const struct yc_ledger_row *u = &l->rows[i];
        yc_date_format(u->day, day);
        csv_field(day, ",");
        csv_field(u->seal_name, ",");
        csv_field(u->seal_code, ",");
        csv_field(u->department_name, ",");
        csv_field(u->case_number, ",");
        csv_field(u->stage, ",");
        csv_field(u->approver_name, ",");
        csv_field(u->document, ",");
        csv_field(u->sha256, "\n");
    }
}

static int
date_opt(const char *name, const char *s, int32_t *out)
{
    if (yc_date_parse(s, strlen(s), out) != 0) {
        fprintf(stderr, "yichuang: field_invalid: %s '%s' 不是有效日期（YYYY-MM-DD）\n", name, s);
        return -1;
    }
    return 0;
}

static int
ledger_print(struct yc_cli *c, const struct yc_ledger_query *q, const char *format)
{
    struct yc_ledger l;
    struct yc_err err;
    json_t *j;

    if (yc_svc_seal_ledger(&c->ctx, q, &l, &err)) {
        return yc_cli_fail(&err);
    }
    if (strcmp(format, "csv") == 0) {
        ledger_csv(&l);
    } else if (strcmp(format, "json") == 0) {
        j = yc_seal_ledger_json(&l, q->from, q->to);
        json_dumpf(j, stdout, JSON_INDENT(2));
        printf("\n");
        json_decref(j);
    } else {
        ledger_table(&l);
    }
    return YC_EXIT_OK;
}

int
cmd_seal(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_ledger_query q = {0};
    const char *from = NULL, *to = NULL, *format = "table";
    struct yc_cli c;
    int rc;

    if (argc < 2 || strcmp(argv[1], "ledger") != 0) {
        return yc_cli_usage("seal");
    }
    for (int i = 2; i < argc; i++) {
        const char **opt = strcmp(argv[i], "--dept") == 0     ? &q.dept
                           : strcmp(argv[i], "--from") == 0   ? &from
                           : strcmp(argv[i], "--to") == 0     ? &to
                           : strcmp(argv[i], "--format") == 0 ? &format
                                                              : NULL;
        if (!opt || i + 1 >= argc) {
            fprintf(stderr, "yichuang seal: unexpected '%s'\n", argv[i]);
            return yc_cli_usage("seal");
        }
        *opt = argv[++i];
    }
    if (!from || !to) {
        fprintf(stderr, "yichuang seal: --from and --to are required\n");
        return yc_cli_usage("seal");
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "yichuang seal: --format is table, csv or json, not '%s'\n", format);
        return yc_cli_usage("seal");
    }
    if (date_opt("--from", from, &q.from) || date_opt("--to", to, &q.to)) {
        return YC_EXIT_FAIL;
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    rc = ledger_print(&c, &q, format);
    yc_cli_close(&c);
    return rc;
}

int
cmd_cases(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    struct yc_err err;
    int deemed = 0, sent = 0;
    int rc;

    if (argc != 2 || strcmp(argv[1], "scan") != 0) {
        return yc_cli_usage("cases");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    rc = yc_svc_cal_reload(c.db, &err) || yc_svc_case_scan(&c.ctx, &deemed, &sent, &err)
             ? yc_cli_fail(&err)
             : YC_EXIT_OK;
    if (rc == YC_EXIT_OK) {
        printf("deemed accepted: %d\nnotifications sent: %d\n", deemed, sent);
    }
    yc_cli_close(&c);
    return rc;
}
