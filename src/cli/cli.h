/*
 * cli.h - the command line: one table of commands (main.c), each a function taking argc/argv after
 * the command name. Exit codes: 0 ok, 1 failure, 2 usage.
 */
#ifndef YC_CLI_H
#define YC_CLI_H

#include "svc/svc.h"

#define YC_EXIT_OK 0
#define YC_EXIT_FAIL 1
#define YC_EXIT_USAGE 2

struct yc_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage; /* full help */
};

extern const struct yc_cmd yc_cmds[];
extern const size_t yc_cmds_count;

/* A system context on a migrated database: for administrative commands. */
struct yc_cli {
    struct yc_db *db;
    struct yc_arena arena;
    struct yc_ctx ctx;
};

/* The database to use: --db VALUE from argv (removed from it), else $YC_DB, else var/yichuang.db. */
const char *yc_cli_db_url(int *argc, char **argv);
int yc_cli_open(struct yc_cli *c, const char *db_url);
void yc_cli_close(struct yc_cli *c);
/* Print an error as "yichuang: code: message" and return 1. */
int yc_cli_fail(const struct yc_err *err);
/* Columns a string takes in a terminal: East Asian wide characters take two. */
int yc_cli_display_width(const char *s);
/* 1 when argv has -h or --help. */
int yc_cli_wants_help(int argc, char **argv);
int yc_cli_usage(const char *cmd);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_workdays(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_seal(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_report_annex2(int argc, char **argv); /* cmd_catalogue.c */

#endif
