/* cmd_admin.c - `migrate`, `demo`, `user` and `audit verify`. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "cli/cli.h"
#include "base/banned.h"

int
cmd_migrate(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    int64_t v = 0;
    struct yc_err err;
    int rc;

    if (argc != 1) {
        return yc_cli_usage("migrate");
    }
    rc = yc_cli_open(&c, url); /* opening applies the migrations */
    if (rc) {
        return rc;
    }
    if (yc_store_schema_version(c.db, &v, &err)) {
        rc = yc_cli_fail(&err);
    } else {
        printf("schema version %lld\n", (long long)v);
    }
    yc_cli_close(&c);
    return rc;
}

int
cmd_demo(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    struct yc_err err;
    int created = 0;
    int rc;

    if (argc != 1) {
        return yc_cli_usage("demo");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    if (yc_svc_demo_load(&c.ctx, &created, &err)) {
        rc = yc_cli_fail(&err);
    } else {
        printf(created ? "demo data loaded\n" : "demo data already present\n");
    }
    yc_cli_close(&c);
    return rc;
}

/* Room for 128 characters of 4 bytes; a longer input is refused, never silently cut. */
#define PASSWORD_BUF 1024

/* The password from $YC_PASSWORD or the first line of standard input; -1 with a message. */
static int
read_password(char *out, size_t n)
{
    const char *env = getenv("YC_PASSWORD");
    size_t len;

    if (env) {
        len = strlen(env);
        if (len >= n) {
            goto too_long;
        }
        memcpy(out, env, len + 1);
        return 0;
    }
    if (!fgets(out, (int)n, stdin)) {
        fprintf(stderr, "yichuang: no password on standard input or in $YC_PASSWORD\n");
        return -1;
    }
    len = strcspn(out, "\r\n");
    if (out[len] == '\0' && len == n - 1) {
        goto too_long;
    }
    out[len] = '\0';
    return 0;
too_long:
    fprintf(stderr, "yichuang: field_invalid: 密码长度应为 8–128 个字符\n");
    return -1;
}

static int
find_user(struct yc_cli *c, const char *username, struct yc_user *u)
{
    struct yc_err err;
    int found = 0;

    if (yc_store_user_by_name(c->db, &c->arena, username, u, &found, &err)) {
        return yc_cli_fail(&err);
    }
    if (!found) {
        fprintf(stderr, "yichuang: not_found: 用户 %s 不存在\n", username);
        return YC_EXIT_FAIL;
    }
    return 0;
}

static int
user_add(struct yc_cli *c, int argc, char **argv)
{
    struct yc_user_input in = {0};
    struct yc_user out;
    struct yc_err err;
    const char *dept = NULL, *roles = NULL;
    char pw[PASSWORD_BUF];
    json_t *arr;
    int rc;

    in.username = argv[2];
    in.department_id = 0;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--name") == 0) {
            in.name = argv[i + 1];
        } else if (strcmp(argv[i], "--roles") == 0) {
            roles = argv[i + 1];
        } else if (strcmp(argv[i], "--dept") == 0) {
            dept = argv[i + 1];
        } else {
            return yc_cli_usage("user");
        }
    }
    if (!in.name || !roles || (argc - 3) % 2) {
        return yc_cli_usage("user");
    }
    if (dept) {
        int found = 0;
        if (yc_store_dept_by_name(c->db, dept, &in.department_id, &found, &err)) {
            return yc_cli_fail(&err);
        }
        if (!found) {
            fprintf(stderr, "yichuang: field_invalid: 部门 %s 不存在\n", dept);
            return YC_EXIT_FAIL;
        }
    }
    if (read_password(pw, sizeof(pw))) {
        return YC_EXIT_FAIL;
    }
    in.password = pw;
    arr = json_array();
    {
        const char *p = roles;
        while (*p) {
            size_t n = strcspn(p, ",");
            json_array_append_new(arr, json_stringn(p, n));
            p += n + (p[n] == ',');
        }
    }
    in.roles = arr;
    rc = yc_svc_user_create(&c->ctx, &in, &out, &err);
    json_decref(arr);
    if (rc) {
        return yc_cli_fail(&err);
    }
    printf("user %s added (id %lld)\n", out.username, (long long)out.id);
    return 0;
}

static int
user_change(struct yc_cli *c, const char *op, const char *username)
{
    struct yc_user_input in = {0};
    struct yc_user u, out;
    struct yc_err err;
    char pw[PASSWORD_BUF];
    int rc = find_user(c, username, &u);

    if (rc) {
        return rc;
    }
    in.department_id = -1;
    in.disabled = -1;
    if (strcmp(op, "passwd") == 0) {
        if (read_password(pw, sizeof(pw))) {
            return YC_EXIT_FAIL;
        }
        in.password = pw;
    } else {
        in.disabled = 1;
    }
    if (yc_svc_user_update(&c->ctx, u.id, &in, &out, &err)) {
        return yc_cli_fail(&err);
    }
    printf("user %s %s\n", username, in.password ? "password set" : "disabled");
    return 0;
}

int
cmd_user(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    int rc;

    if (argc < 3) {
        return yc_cli_usage("user");
    }
    if (strcmp(argv[1], "add") != 0 &&
        !((strcmp(argv[1], "passwd") == 0 || strcmp(argv[1], "disable") == 0) && argc == 3)) {
        return yc_cli_usage("user");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    rc = strcmp(argv[1], "add") == 0 ? user_add(&c, argc, argv) : user_change(&c, argv[1], argv[2]);
    yc_cli_close(&c);
    return rc;
}

int
cmd_audit(int argc, char **argv)
{
    const char *url = yc_cli_db_url(&argc, argv);
    struct yc_cli c;
    struct yc_err err;
    int64_t entries, broken;
    const char *reason;
    int rc;

    if (argc != 2 || strcmp(argv[1], "verify") != 0) {
        return yc_cli_usage("audit");
    }
    rc = yc_cli_open(&c, url);
    if (rc) {
        return rc;
    }
    if (yc_svc_audit_verify(&c.ctx, &entries, &broken, &reason, &err)) {
        rc = yc_cli_fail(&err);
    } else if (broken) {
        fprintf(stderr, "audit chain broken at entry %lld: %s (%lld entries intact before it)\n",
                (long long)broken, reason, (long long)entries);
        rc = YC_EXIT_FAIL;
    } else {
        printf("audit chain intact: %lld entries\n", (long long)entries);
    }
    yc_cli_close(&c);
    return rc;
}
