/*
 * cmd_report.c - `yichuang report <name>`: a table of the reports the command line prints.
 * `annex2` is the catalogue's (cmd_catalogue.c); `half-monthly`, `scorecard` and `targets` run the
 * same use cases as the API (svc/reports.h) and print the same JSON document as a table, CSV or
 * JSON, or write its XLSX or PDF; `--cases` lists the cases behind one figure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "cli/cli.h"
#include "base/banned.h"

enum out_format { O_TABLE, O_CSV, O_JSON, O_XLSX, O_PDF };

struct opts {
    struct yc_report_args args;
    enum out_format format;
    const char *out;
    const char *table; /* csv: which table (default the first) */
    int cases;
    const char *dept;
    const char *metric;
    int64_t limit, offset;
    int live;
};

/* ---- options ---- */

static int
format_by_name(const char *s, enum out_format *f)
{
    static const char *const names[] = {"table", "csv", "json", "xlsx", "pdf"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(s, names[i]) == 0) {
            *f = (enum out_format)i;
            return 0;
        }
    }
    return -1;
}

/* Options after `report NAME`; 0, or YC_EXIT_USAGE after saying what is wrong. */
static int
parse_opts(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof(*o));
    o->limit = 200;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = strcmp(a, "--period") == 0   ? &o->args.period
                            : strcmp(a, "--year") == 0   ? &o->args.year
                            : strcmp(a, "--from") == 0   ? &o->args.from
                            : strcmp(a, "--to") == 0     ? &o->args.to
                            : strcmp(a, "--out") == 0    ? &o->out
                            : strcmp(a, "--table") == 0  ? &o->table
                            : strcmp(a, "--dept") == 0   ? &o->dept
                            : strcmp(a, "--metric") == 0 ? &o->metric
                                                         : NULL;
        if (strcmp(a, "--cases") == 0) {
            o->cases = 1;
        } else if (strcmp(a, "--live") == 0) {
            o->live = 1;
        } else if (slot && v) {
            *slot = v;
            i++;
        } else if (strcmp(a, "--format") == 0 && v && format_by_name(v, &o->format) == 0) {
            i++;
        } else if ((strcmp(a, "--limit") == 0 || strcmp(a, "--offset") == 0) && v &&
                   yc_parse_i64(yc_str_c(v), a[2] == 'l' ? 1 : 0,
                                a[2] == 'l' ? YC_REPORT_TRACE_LIMIT : 10000000,
                                a[2] == 'l' ? &o->limit : &o->offset) == 0) {
            i++;
        } else {
            fprintf(stderr, "yichuang: report %s: bad option '%s'%s\n", argv[1], a,
                    v ? "" : " (a value is missing)");
            return YC_EXIT_USAGE;
        }
    }
    if ((o->format == O_XLSX || o->format == O_PDF) && !o->out) {
        fprintf(stderr, "yichuang: report %s: --format xlsx|pdf needs --out FILE\n", argv[1]);
        return YC_EXIT_USAGE;
    }
    if (o->cases && (o->format == O_XLSX || o->format == O_PDF)) {
        fprintf(stderr, "yichuang: report %s: --cases prints a table, CSV or JSON\n", argv[1]);
        return YC_EXIT_USAGE;
    }
    return 0;
}

/* ---- text ---- */

/* Columns a string takes in a terminal: CJK characters two, punctuation such as — and “ one. */
static int
display_width(const char *s)
{
    int w = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            w += *p >= 0xE3 || (*p >= 0xE1 && *p < 0xE2) ? 2 : 1;
        }
    }
    return w;
}

static void
padded(FILE *f, const char *s, int width, int right)
{
    int pad = width - display_width(s);

    if (right) {
        fprintf(f, "%*s%s", pad > 0 ? pad : 0, "", s);
    } else {
        fprintf(f, "%s%*s", s, pad > 0 ? pad : 0, "");
    }
}

static void
csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', f);
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

static const char *
jstr(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The cells of a table as text: rows, then the total; [r][c]. */
static const char ***
table_cells(struct yc_arena *a, const json_t *t, size_t *nrows)
{
    const json_t *cols = json_object_get(t, "columns"), *rows = json_object_get(t, "rows");
    const json_t *total = json_object_get(t, "total");
    size_t n = json_array_size(rows) + (json_is_object(total) ? 1 : 0);
    const char ***cells = yc_arena_alloc(a, (n + 1) * sizeof(*cells));

    for (size_t r = 0; r < n; r++) {
        const json_t *row = r < json_array_size(rows) ? json_array_get(rows, r) : total;
        cells[r] = yc_arena_alloc(a, (json_array_size(cols) + 1) * sizeof(**cells));
        for (size_t c = 0; c < json_array_size(cols); c++) {
            const json_t *col = json_array_get(cols, c);
            cells[r][c] = yc_report_cell_text(a, col, json_object_get(row, jstr(col, "key")));
        }
    }
    *nrows = n;
    return cells;
}

static void
print_table(struct yc_arena *a, FILE *f, const json_t *t)
{
    const json_t *cols = json_object_get(t, "columns");
    size_t nc = json_array_size(cols), nr;
    const char ***cells = table_cells(a, t, &nr);
    int *w = yc_arena_alloc(a, (nc + 1) * sizeof(*w));

    for (size_t c = 0; c < nc; c++) {
        w[c] = display_width(jstr(json_array_get(cols, c), "title"));
        for (size_t r = 0; r < nr; r++) {
            int x = display_width(cells[r][c]);
            w[c] = x > w[c] ? x : w[c];
        }
    }
    fprintf(f, "\n%s\n", jstr(t, "title"));
    for (size_t c = 0; c < nc; c++) {
        fputs(c ? "  " : "", f);
        padded(f, jstr(json_array_get(cols, c), "title"), w[c],
               strcmp(jstr(json_array_get(cols, c), "kind"), "text") != 0);
    }
    fputc('\n', f);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            fputs(c ? "  " : "", f);
            padded(f, cells[r][c], w[c],
                   strcmp(jstr(json_array_get(cols, c), "kind"), "text") != 0);
        }
        fputc('\n', f);
    }
}

static void
print_lines(FILE *f, const json_t *a, const char *prefix)
{
    const json_t *s;
    size_t i;

    json_array_foreach(a, i, s)
    {
        fprintf(f, "%s%s\n", prefix, json_string_value(s));
    }
}

static void
print_report(struct yc_arena *a, FILE *f, const json_t *r)
{
    const json_t *t, *stored = json_object_get(r, "stored");
    size_t i;

    fprintf(f, "%s\n统计期间：%s　统计截至：%s%s\n\n", jstr(r, "title"),
            jstr(json_object_get(r, "period"), "label"), jstr(r, "as_of"),
            json_is_object(stored) ? "　（期满存档）" : "");
    print_lines(f, json_object_get(r, "summary"), "");
    if (json_array_size(json_object_get(r, "changes"))) {
        fprintf(f, "\n与上期相比：\n");
        print_lines(f, json_object_get(r, "changes"), "  · ");
    }
    json_array_foreach(json_object_get(r, "formula"), i, t)
    {
        fprintf(f, "%s%s\n", i ? "" : "\n评分规则（基础分 100）：\n  ", jstr(t, "rule"));
    }
    json_array_foreach(json_object_get(r, "tables"), i, t)
    {
        print_table(a, f, t);
    }
}

static void
print_csv(struct yc_arena *a, FILE *f, const json_t *t)
{
    const json_t *cols = json_object_get(t, "columns");
    size_t nc = json_array_size(cols), nr;
    const char ***cells = table_cells(a, t, &nr);

    for (size_t c = 0; c < nc; c++) {
        fputs(c ? "," : "", f);
        csv_field(f, jstr(json_array_get(cols, c), "title"));
    }
    fputc('\n', f);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            fputs(c ? "," : "", f);
            csv_field(f, cells[r][c]);
        }
        fputc('\n', f);
    }
}

/* The table named by --table, else the first. */
static const json_t *
pick_table(const json_t *r, const char *key)
{
    const json_t *t;
    size_t i;

    json_array_foreach(json_object_get(r, "tables"), i, t)
    {
        if (!key || strcmp(jstr(t, "key"), key) == 0) {
            return t;
        }
    }
    return NULL;
}

/* ---- the cases behind a figure ---- */

static void
print_cases(FILE *f, const json_t *t, int csv)
{
    static const char *const head[] = {"计入日期", "办件编号", "部门", "事项", "状态", "收件日期",
                                       "受理日期"};
    const json_t *c;
    size_t i;

    if (!csv) {
        fprintf(f, "%s：%s，%s，共 %lld %s\n", jstr(t, "metric_zh"),
                jstr(json_object_get(t, "period"), "label"),
                json_is_object(json_object_get(t, "department"))
                    ? jstr(json_object_get(t, "department"), "name")
                    : "全部部门",
                (long long)json_integer_value(json_object_get(t, "count")),
                json_array_size(json_object_get(t, "matters")) ? "项" : "件");
    }
    for (i = 0; csv && i < sizeof(head) / sizeof(head[0]); i++) {
        fprintf(f, "%s%s", i ? "," : "", head[i]);
    }
    fputs(csv ? "\n" : "", f);
    json_array_foreach(json_object_get(t, "cases"), i, c)
    {
        const char *v[] = {jstr(c, "day"),      jstr(c, "number"),
                           jstr(c, "department"), jstr(json_object_get(c, "matter"), "name"),
                           jstr(c, "state_zh"), jstr(c, "received"),
                           jstr(c, "accepted")};
        for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
            fputs(k ? (csv ? "," : "  ") : "", f);
            if (csv) {
                csv_field(f, v[k]);
            } else {
                fputs(*v[k] ? v[k] : "—", f);
            }
        }
        fputc('\n', f);
    }
    json_array_foreach(json_object_get(t, "matters"), i, c)
    {
        fprintf(f, csv ? "%s,%s,%lld\n" : "%s  %s  上一年收件 %lld 件，本期 0 件\n", jstr(c, "code"),
                jstr(c, "name"), (long long)json_integer_value(json_object_get(c, "baseline_cases")));
    }
}

/* ---- output ---- */

static int
write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;

    if (f && fclose(f) != 0) {
        ok = 0;
    }
    if (!ok) {
        fprintf(stderr, "yichuang: cannot write %s: %s\n", path, strerror(errno));
        return YC_EXIT_FAIL;
    }
    return 0;
}

static int
emit(struct yc_cli *c, const struct opts *o, const json_t *r, struct yc_err *err)
{
    FILE *f = stdout;
    const char *data;
    size_t len;
    int rc = 0;

    if (o->format == O_XLSX || o->format == O_PDF) {
        rc = o->format == O_XLSX ? yc_report_render_xlsx(&c->arena, r, &data, &len, err)
                                 : yc_report_render_pdf(&c->arena, r, &data, &len, err);
        if (rc) {
            return yc_cli_fail(err);
        }
        rc = write_file(o->out, data, len);
        if (rc == 0) {
            printf("wrote %s (%zu bytes)\n", o->out, len);
        }
        return rc;
    }
    if (o->out && !(f = fopen(o->out, "w"))) {
        fprintf(stderr, "yichuang: cannot write %s: %s\n", o->out, strerror(errno));
        return YC_EXIT_FAIL;
    }
    if (o->format == O_JSON) {
        rc = json_dumpf(r, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? 0 : YC_EXIT_FAIL;
        fputc('\n', f);
    } else if (o->cases) {
        print_cases(f, r, o->format == O_CSV);
    } else if (o->format == O_CSV) {
        const json_t *t = pick_table(r, o->table);
        if (t) {
            print_csv(&c->arena, f, t);
        } else {
            fprintf(stderr, "yichuang: the report has no table '%s'\n", o->table);
            rc = YC_EXIT_USAGE;
        }
    } else {
        print_report(&c->arena, f, r);
    }
    if (f != stdout && fclose(f) != 0) {
        fprintf(stderr, "yichuang: cannot write %s: %s\n", o->out, strerror(errno));
        rc = YC_EXIT_FAIL;
    }
    return rc;
}

static int
run(int argc, char **argv, enum yc_report_kind kind)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    struct yc_err err;
    struct yc_period p;
    struct opts o;
    json_t *r = NULL;
    int workdays;
    int rc = parse_opts(argc, argv, &o);

    if (rc) {
        return rc;
    }
    if (o.cases && kind == YC_REPORT_TARGETS) {
        fprintf(stderr, "yichuang: report targets has no --cases\n");
        return YC_EXIT_USAGE;
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    rc = yc_svc_report_period(&c.ctx, kind, &o.args, &p, &workdays, &err);
    if (rc == 0 && o.cases) {
        rc = yc_svc_report_trace(&c.ctx, &p, o.dept, o.metric, (int)o.limit, (int)o.offset, &r,
                                 &err);
    } else if (rc == 0) {
        rc = kind == YC_REPORT_HALF_MONTHLY ? yc_svc_report_half_monthly(&c.ctx, &p, o.live, &r, &err)
             : kind == YC_REPORT_SCORECARD  ? yc_svc_report_scorecard(&c.ctx, &p, &r, &err)
                                            : yc_svc_report_targets(&c.ctx, &p, &r, &err);
    }
    rc = rc ? yc_cli_fail(&err) : emit(&c, &o, r, &err);
    json_decref(r);
    yc_cli_close(&c);
    return rc;
}

static int
half_monthly(int argc, char **argv)
{
    return run(argc, argv, YC_REPORT_HALF_MONTHLY);
}

static int
scorecard(int argc, char **argv)
{
    return run(argc, argv, YC_REPORT_SCORECARD);
}

static int
targets(int argc, char **argv)
{
    return run(argc, argv, YC_REPORT_TARGETS);
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} reports[] = {
    {"annex2", cmd_report_annex2},
    {"half-monthly", half_monthly},
    {"scorecard", scorecard},
    {"targets", targets},
};

int
cmd_report(int argc, char **argv)
{
    for (size_t i = 0; argc >= 2 && i < sizeof(reports) / sizeof(reports[0]); i++) {
        if (strcmp(argv[1], reports[i].name) == 0) {
            return reports[i].run(argc, argv);
        }
    }
    return yc_cli_usage("report");
}
