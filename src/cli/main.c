/*
 * main.c - `yichuang <command>`: the command table, help, and what every command shares (opening
 * the database as the system actor).
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/clock.h"
#include "base/log.h"
#include "cli/cli.h"
#include "base/banned.h"

const struct yc_cmd yc_cmds[] = {
    {"serve", cmd_serve, "serve the UI and the JSON API",
     "usage: yichuang serve [--listen ADDR:PORT] [--db PATH|postgresql://...] [--web DIR]\n"
     "                      [--threads N] [--demo] [--secure-cookies] [--no-access-log]\n"
     "  --listen   address and port (default 127.0.0.1:8080)\n"
     "  --db       SQLite file (default var/yichuang.db, or $YC_DB) or a PostgreSQL URL\n"
     "  --web      the built UI (default web/dist)\n"
     "  --threads  HTTP worker threads, 1..64 (default: 8 per core, at most 64: a\n"
     "             thread waiting for its batch's fsync lets others join the batch)\n"
     "  --demo     load the demo data on start if missing, and print the demo logins\n"
     "  --secure-cookies  mark the session cookie Secure (behind TLS)\n"
     "Applies pending migrations and imports the default holiday calendar on first start.\n"},
    {"migrate", cmd_migrate, "apply pending schema migrations",
     "usage: yichuang migrate [--db URL]\n"},
    {"user", cmd_user, "add a user, set a password, disable a user",
     "usage: yichuang user add USERNAME --name NAME --roles ROLE[,ROLE] [--dept DEPARTMENT]\n"
     "       yichuang user passwd USERNAME\n"
     "       yichuang user disable USERNAME\n"
     "Roles: admin supervisor front_desk guide back_office dept_head.\n"
     "The password is read from $YC_PASSWORD, else from the first line of standard input.\n"},
    {"demo", cmd_demo, "load the demo data (idempotent)", "usage: yichuang demo [--db URL]\n"},
    {"audit", cmd_audit, "verify the audit chain",
     "usage: yichuang audit verify [--db URL]\n"
     "Exit 0 when the chain is intact, 1 naming the first broken entry.\n"},
    {"workdays", cmd_workdays, "working-day arithmetic on the holiday calendar",
     "usage: yichuang workdays add DATE N       the date that ends N working days after DATE\n"
     "       yichuang workdays between A B      working days in (A, B]\n"
     "       yichuang workdays is DATE          'work' or 'off'\n"
     "Dates are YYYY-MM-DD; DATE itself never counts; N = 0 gives DATE.\n"
     "A date in a year without calendar data fails (exit 1) naming the year.\n"},
    {"calendar", cmd_calendar, "import a holiday calendar",
     "usage: yichuang calendar import FILE.csv [--db URL]\n"
     "FILE has the format of data/cn-holidays.csv (date,kind,name; kind work|off).\n"
     "The years in the file are replaced whole; nothing is written if any row is wrong.\n"},
    {"import", cmd_import, "import departments or matters from CSV or XLSX",
     "usage: yichuang import departments FILE [--db URL]\n"
     "       yichuang import matters FILE [--db URL]\n"
     "FILE is CSV (UTF-8, no BOM) or, when it ends in .xlsx, an XLSX workbook (first sheet).\n"
     "departments: columns name (required), code, uscc; matched by name, new ones added.\n"
     "matters: the layout of data/demo-matters.csv (docs/catalogue.md); required columns\n"
     "  code,name,department,type,statutory_days,promised_days,window_class,entered.\n"
     "The whole file is checked first: if any row is wrong nothing is written and every\n"
     "problem is listed (row, column, reason). Importing the same file again changes nothing.\n"},
    {"export", cmd_export, "export the matter catalogue to CSV or XLSX",
     "usage: yichuang export matters FILE [--db URL]\n"
     "Writes every matter in force in the import layout: XLSX when FILE ends in .xlsx, else CSV.\n"},
    {"report", cmd_report, "reports: Annex 2, half-monthly, scorecard, targets",
     "usage: yichuang report annex2 [--csv] [--db URL]\n"
     "       yichuang report half-monthly [--period YYYY-MM-1|YYYY-MM-2 | --from D --to D] [--live]\n"
     "       yichuang report scorecard [--year YYYY | --from D --to D]\n"
     "       yichuang report targets [--from D --to D | --year YYYY]\n"
     "  common: [--format table|csv|json|xlsx|pdf] [--out FILE] [--table KEY] [--db URL]\n"
     "  the cases behind a figure (half-monthly, scorecard):\n"
     "          --cases --metric NAME [--dept ID|CODE|NAME] [--limit N] [--offset N]\n"
     "annex2: entered matters per department and type (01 05 07 08 09 10 20), with totals;\n"
     "  --csv prints the layout of data/annex2-matters-by-department.csv.\n"
     "half-monthly: the progress report of a half-month (1st-15th = -1, 16th-end = -2; default\n"
     "  the current one); a stored report of an ended period is printed as stored unless --live.\n"
     "scorecard: the departments' assessment of a year (default this year), one formula.\n"
     "targets: the plan's targets per half-month and the volume per zone against Annex 3.\n"
     "The figures are those of the API, XLSX and PDF (docs/reports.md). --format xlsx|pdf needs\n"
     "--out; csv prints one table (--table departments|ranking|scorecard|periods|zones).\n"
     "Metrics: received accepted refused awaiting_materials decided on_time overdue extended\n"
     "  stopped warn yellow red orders rating_1..rating_5 bad_reviews rectified unrectified\n"
     "  dark_matters.\n"},
    {"seal", cmd_seal, "list the seal ledger (用印登记簿)",
     "usage: yichuang seal ledger --from YYYY-MM-DD --to YYYY-MM-DD [--dept DEPARTMENT]\n"
     "                            [--format table|csv|json] [--db URL]\n"
     "Every use of an approval seal from --from to --to (inclusive, at most 366 days): day, seal,\n"
     "case number, stage, approver, document and the document's SHA-256.\n"
     "  --dept    a department's id, code (JTJ) or name; default every department\n"
     "  --format  table (default), csv (RFC 4180, with a header) or json\n"
     "Exit 1 for a bad date, --from after --to, a range too long or an unknown department.\n"},
    {"cases", cmd_cases, "run the scheduled check of cases once",
     "usage: yichuang cases scan [--db URL]\n"
     "Runs the server's ticker check once: flags received cases past the 5-working-day 补正\n"
     "deadline as deemed accepted (the receipt day is their acceptance day); tells B of cases A\n"
     "left untouched; writes the explanation of a missed promise; terminates cases whose 容缺\n"
     "commitment was not kept; updates the supervision board's levels and warnings; then sends\n"
     "pending notifications with the default sender (the log, masked). Prints the deemed and sent\n"
     "counts. Safe to repeat, and to run beside running servers.\n"},
    {"check", cmd_check, "check an ID number or a unified social credit code",
     "usage: yichuang check id NUMBER     居民身份证号码 (GB 11643, MOD 11-2)\n"
     "       yichuang check uscc CODE     统一社会信用代码 (GB 32100, MOD 31)\n"
     "Exit 0 when valid, 1 with the reason otherwise.\n"},
};

const size_t yc_cmds_count = sizeof(yc_cmds) / sizeof(yc_cmds[0]);

static void
help(FILE *out)
{
    fprintf(out, "一窗 Yichuang - one-window acceptance for a government service centre\n\n"
                 "usage: yichuang <command> [options]    (yichuang <command> --help)\n\n");
    for (size_t i = 0; i < yc_cmds_count; i++) {
        fprintf(out, "  %-10s %s\n", yc_cmds[i].name, yc_cmds[i].summary);
    }
}

int
yc_cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            return 1;
        }
    }
    return 0;
}

int
yc_cli_usage(const char *cmd)
{
    for (size_t i = 0; i < yc_cmds_count; i++) {
        if (strcmp(yc_cmds[i].name, cmd) == 0) {
            fputs(yc_cmds[i].usage, stderr);
        }
    }
    return YC_EXIT_USAGE;
}

const char *
yc_cli_db_url(int *argc, char **argv)
{
    const char *url = getenv("YC_DB");

    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < *argc) {
            url = argv[i + 1];
            memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 1) * sizeof(*argv));
            *argc -= 2;
            break;
        }
    }
    return url && *url ? url : "var/yichuang.db";
}

int
yc_cli_display_width(const char *s)
{
    int w = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            w += *p >= 0xE1 ? 2 : 1; /* U+1100 and up, roughly: CJK in practice */
        }
    }
    return w;
}

int
yc_cli_fail(const struct yc_err *err)
{
    fprintf(stderr, "yichuang: %s: %s\n", err->code, err->message);
    return YC_EXIT_FAIL;
}

int
yc_cli_open(struct yc_cli *c, const char *db_url)
{
    struct yc_err err;
    int applied;

    memset(c, 0, sizeof(*c));
    if (strncmp(db_url, "postgres", 8) != 0 && strncmp(db_url, "var/", 4) == 0) {
        if (mkdir("var", 0750) != 0 && errno != EEXIST) {
            fprintf(stderr, "yichuang: cannot create var/: %s\n", strerror(errno));
            return YC_EXIT_FAIL;
        }
    }
    if (yc_db_open(db_url, &c->db, &err) || yc_store_migrate(c->db, &applied, &err)) {
        yc_db_close(c->db);
        c->db = NULL;
        return yc_cli_fail(&err);
    }
    yc_arena_init(&c->arena);
    c->ctx.db = c->db;
    c->ctx.arena = &c->arena;
    c->ctx.system = 1;
    c->ctx.addr = "";
    c->ctx.session_hash = "";
    c->ctx.now_ms = yc_clock_now_ms();
    c->ctx.today = yc_clock_day_of_ms(c->ctx.now_ms);
    if (yc_svc_cal_seed(&c->ctx, &err)) {
        yc_cli_close(c);
        return yc_cli_fail(&err);
    }
    return 0;
}

void
yc_cli_close(struct yc_cli *c)
{
    yc_db_close(c->db);
    c->db = NULL;
    yc_arena_release(&c->arena);
    yc_svc_cal_shutdown();
}

int
main(int argc, char **argv)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "yichuang: libsodium failed to start\n");
        return YC_EXIT_FAIL;
    }
    yc_clock_init();
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? YC_EXIT_USAGE : YC_EXIT_OK;
    }
    for (size_t i = 0; i < yc_cmds_count; i++) {
        if (strcmp(yc_cmds[i].name, argv[1]) == 0) {
            if (yc_cli_wants_help(argc - 1, argv + 1)) {
                fputs(yc_cmds[i].usage, stdout);
                return YC_EXIT_OK;
            }
            return yc_cmds[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "yichuang: unknown command '%s'\n\n", argv[1]);
    help(stderr);
    return YC_EXIT_USAGE;
}
