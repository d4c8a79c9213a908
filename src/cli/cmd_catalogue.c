/* cmd_catalogue.c - `import departments|matters FILE`, `export matters FILE`, `report annex2`
 * (the report command itself is cmd_report.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "cli/cli.h"
#include "base/banned.h"

#define MAX_FILE_BYTES (50u << 20) /* as the API's upload limit */

/* CSV unless the name ends in .xlsx. */
static enum yc_table_format
format_of(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0 ? YC_TABLE_XLSX : YC_TABLE_CSV;
}

static int
read_file(const char *path, struct yc_buf *b)
{
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        fprintf(stderr, "yichuang: cannot open %s: %s\n", path, strerror(errno));
        return YC_EXIT_FAIL;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        yc_buf_add(b, chunk, n);
    }
    fclose(f);
    if (b->overflow) {
        fprintf(stderr, "yichuang: %s is larger than %u MiB\n", path, MAX_FILE_BYTES >> 20);
        return YC_EXIT_FAIL;
    }
    return 0;
}

static void
print_issues(const struct yc_issues *is)
{
    for (size_t i = 0; i < is->n; i++) {
        const struct yc_issue *it = &is->item[i];
        fprintf(stderr, "  row %ld%s%s: %s: %s\n", it->row, it->column[0] ? ", " : "", it->column,
                it->code, it->message);
    }
    if (is->total > is->n) {
        fprintf(stderr, "  ... %zu more\n", is->total - is->n);
    }
}

int
cmd_import(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_buf b = YC_BUF_INIT(MAX_FILE_BYTES);
    struct yc_import_report r;
    struct yc_cli c;
    struct yc_err err;
    int matters;
    int rc;

    if (argc != 3 || (strcmp(argv[1], "matters") != 0 && strcmp(argv[1], "departments") != 0)) {
        return yc_cli_usage("import");
    }
    matters = strcmp(argv[1], "matters") == 0;
    rc = read_file(argv[2], &b);
    if (rc == 0) {
        rc = yc_cli_open(&c, url);
    }
    if (rc) {
        yc_buf_release(&b);
        return rc;
    }
    rc = matters
             ? yc_svc_matters_import(&c.ctx, yc_buf_cstr(&b), b.len, format_of(argv[2]), &r, &err)
             : yc_svc_depts_import(&c.ctx, yc_buf_cstr(&b), b.len, format_of(argv[2]), &r, &err);
    if (rc) {
        rc = yc_cli_fail(&err);
        print_issues(r.issues);
    } else {
        printf("%s: %zu rows, %zu created, %zu %s, %zu unchanged\n", argv[1], r.rows, r.created,
               r.updated, matters ? "new versions" : "updated", r.unchanged);
    }
    yc_cli_close(&c);
    yc_buf_release(&b);
    return rc;
}

int
cmd_export(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    const char *data;
    size_t len, count;
    struct yc_cli c;
    struct yc_err err;
    FILE *f;
    int rc;

    if (argc != 3 || strcmp(argv[1], "matters") != 0) {
        return yc_cli_usage("export");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    rc = yc_svc_matters_export(&c.ctx, format_of(argv[2]), &data, &len, &count, &err);
    if (rc) {
        rc = yc_cli_fail(&err);
    } else if (!(f = fopen(argv[2], "wb")) || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "yichuang: cannot write %s: %s\n", argv[2], strerror(errno));
        rc = YC_EXIT_FAIL;
    } else {
        printf("exported %zu matters to %s\n", count, argv[2]);
    }
    yc_cli_close(&c);
    return rc;
}

static void
print_padded(const char *s, int width, int right)
{
    int pad = width - yc_cli_display_width(s);

    if (right) {
        printf("%*s%s", pad > 0 ? pad : 0, "", s);
    } else {
        printf("%s%*s", s, pad > 0 ? pad : 0, "");
    }
}

static void
annex2_text(const struct yc_annex2_count_row *rows, size_t n)
{
    int dw = 8;

    for (size_t i = 0; i <= n; i++) {
        int w = yc_cli_display_width(rows[i].department);
        dw = w > dw ? w : dw;
    }
    print_padded("部门", dw, 0);
    for (int c = 0; c < 7; c++) {
        printf("  ");
        print_padded(yc_matter_type_find(yc_annex2_types[c])->zh, 12, 1);
    }
    printf("  ");
    print_padded("合计", 6, 1);
    printf("\n");
    for (size_t i = 0; i <= n; i++) {
        print_padded(rows[i].department, dw, 0);
        for (int c = 0; c < 7; c++) {
            printf("  %12lld", (long long)rows[i].count[c]);
        }
        printf("  %6lld\n", (long long)rows[i].total);
    }
}

/* The layout of data/annex2-matters-by-department.csv, so that the two compare line by line. */
static void
annex2_csv(const struct yc_annex2_count_row *rows, size_t n)
{
    printf("seq,department,xingzheng_xuke,xingzheng_geifu,xingzheng_queren,xingzheng_jiangli,"
           "xingzheng_caijue,qita_xingzheng_quanli,gonggong_fuwu,total\n");
    for (size_t i = 0; i <= n; i++) {
        if (i < n) {
            printf("%zu,%s", i + 1, rows[i].department);
        } else {
            printf(",%s", rows[i].department);
        }
        for (int c = 0; c < 7; c++) {
            printf(",%lld", (long long)rows[i].count[c]);
        }
        printf(",%lld\n", (long long)rows[i].total);
    }
}

/* `report annex2 [--csv]` (one of the report command's subcommands, cmd_report.c) */
int
cmd_report_annex2(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_annex2_count_row *rows;
    struct yc_cli c;
    struct yc_err err;
    size_t n;
    int csv = argc == 3 && strcmp(argv[2], "--csv") == 0;
    int rc;

    if (argc < 2 || strcmp(argv[1], "annex2") != 0 || (argc == 3 && !csv) || argc > 3) {
        return yc_cli_usage("report");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    if (yc_svc_catalogue_annex2(&c.ctx, &rows, &n, &err)) {
        rc = yc_cli_fail(&err);
    } else if (csv) {
        annex2_csv(rows, n);
    } else {
        annex2_text(rows, n);
    }
    yc_cli_close(&c);
    return rc;
}
