/* cmd_tools.c - `workdays`, `calendar import` and `check`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/date.h"
#include "base/str.h"
#include "cli/cli.h"
#include "domain/ids.h"
#include "base/banned.h"

static int
parse_date_arg(const char *s, int32_t *out)
{
    if (yc_date_parse(s, strlen(s), out) != 0) {
        fprintf(stderr, "yichuang: field_invalid: '%s' 不是有效日期（YYYY-MM-DD）\n", s);
        return -1;
    }
    return 0;
}

int
cmd_workdays(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    struct yc_err err;
    int32_t a, b = 0;
    int64_t n = 0;
    char out[11];
    int rc;

    if (argc < 3 || (strcmp(argv[1], "is") == 0 && argc != 3) ||
        (strcmp(argv[1], "is") != 0 && argc != 4)) {
        return yc_cli_usage("workdays");
    }
    if (parse_date_arg(argv[2], &a)) {
        return YC_EXIT_FAIL;
    }
    if (strcmp(argv[1], "add") == 0) {
        if (yc_parse_i64(yc_str_c(argv[3]), 0, 3650, &n)) {
            fprintf(stderr, "yichuang: field_invalid: N 应为 0–3650 的整数\n");
            return YC_EXIT_FAIL;
        }
    } else if (strcmp(argv[1], "between") == 0) {
        if (parse_date_arg(argv[3], &b)) {
            return YC_EXIT_FAIL;
        }
    } else if (strcmp(argv[1], "is") != 0) {
        return yc_cli_usage("workdays");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    if (strcmp(argv[1], "add") == 0) {
        int32_t end;
        rc = yc_svc_workdays_add(&c.ctx, a, (int)n, &end, &err);
        if (rc == 0) {
            yc_date_format(end, out);
            printf("%s\n", out);
        }
    } else if (strcmp(argv[1], "between") == 0) {
        int count;
        rc = yc_svc_workdays_between(&c.ctx, a, b, &count, &err);
        if (rc == 0) {
            printf("%d\n", count);
        }
    } else {
        int is_work;
        rc = yc_svc_workdays_is(&c.ctx, a, &is_work, &err);
        if (rc == 0) {
            printf("%s\n", is_work ? "work" : "off");
        }
    }
    yc_cli_close(&c);
    return rc ? yc_cli_fail(&err) : YC_EXIT_OK;
}

int
cmd_calendar(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_buf b = YC_BUF_INIT(16u << 20);
    struct yc_cli c;
    struct yc_err err;
    int years[32];
    size_t nyears, entries;
    char chunk[65536];
    size_t n;
    FILE *f;
    int rc;

    if (argc != 3 || strcmp(argv[1], "import") != 0) {
        return yc_cli_usage("calendar");
    }
    f = fopen(argv[2], "rb");
    if (!f) {
        fprintf(stderr, "yichuang: cannot open %s: %s\n", argv[2], strerror(errno));
        return YC_EXIT_FAIL;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        yc_buf_add(&b, chunk, n);
    }
    fclose(f);
    if (b.overflow) {
        yc_buf_release(&b);
        fprintf(stderr, "yichuang: %s is larger than 16 MiB\n", argv[2]);
        return YC_EXIT_FAIL;
    }
    rc = yc_cli_open(&c, url);
    if (rc == 0) {
        rc = yc_svc_cal_import(&c.ctx, yc_buf_cstr(&b), b.len, years, 32, &nyears, &entries, &err)
                 ? yc_cli_fail(&err)
                 : 0;
        if (rc == 0) {
            printf("imported %zu entries for", entries);
            for (size_t i = 0; i < nyears; i++) {
                printf(" %d", years[i]);
            }
            printf("\n");
        }
        yc_cli_close(&c);
    }
    yc_buf_release(&b);
    return rc;
}

int
cmd_check(int argc, char **argv)
{
    enum yc_idcheck r;
    char masked[32];

    if (argc != 3 || (strcmp(argv[1], "id") != 0 && strcmp(argv[1], "uscc") != 0)) {
        return yc_cli_usage("check");
    }
    /* pure check: no database needed; a lower-case x is accepted as at the window (svc/check.c) */
    for (char *p = argv[2]; *p; p++) {
        if (*p >= 'a' && *p <= 'z') {
            *p = (char)(*p - 'a' + 'A');
        }
    }
    if (strcmp(argv[1], "id") == 0) {
        struct yc_resident_id id;
        r = yc_id_check_resident(argv[2], strlen(argv[2]), yc_clock_today(), &id);
    } else {
        r = yc_id_check_uscc(argv[2], strlen(argv[2]));
    }
    yc_id_mask(argv[2], strlen(argv[2]), masked, sizeof(masked));
    if (r != YC_IDCHECK_OK) {
        fprintf(stderr, "%s: invalid: %s (%s)\n", masked, yc_idcheck_code(r),
                yc_idcheck_message(r));
        return YC_EXIT_FAIL;
    }
    printf("%s: valid\n", masked);
    return YC_EXIT_OK;
}
