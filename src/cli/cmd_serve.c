/* cmd_serve.c - `yichuang serve`: migrate, seed the calendar (and demo data), then serve HTTP. */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/str.h"
#include "cli/cli.h"
#include "http/http.h"
#include "base/banned.h"

int
cmd_serve(int argc, char **argv)
{
    struct yc_server_opts o = {"127.0.0.1:8080", NULL, "web/dist", 0, 0, 1, 30};
    struct yc_cli c;
    struct yc_err err;
    int demo = 0;
    int rc;

    o.db_url = yc_cli_db_url(&argc, argv);
    for (int i = 1; i < argc; i++) {
        int64_t v;
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
            o.listen = argv[++i];
        } else if (strcmp(argv[i], "--web") == 0 && i + 1 < argc) {
            o.web_dir = argv[++i];
        } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc &&
                   yc_parse_i64(yc_str_c(argv[i + 1]), 1, 64, &v) == 0) {
            o.threads = (unsigned)v;
            i++;
        } else if (strcmp(argv[i], "--tick") == 0 && i + 1 < argc &&
                   yc_parse_i64(yc_str_c(argv[i + 1]), 1, 3600, &v) == 0) {
            o.tick_s = (int)v;
            i++;
        } else if (strcmp(argv[i], "--demo") == 0) {
            demo = 1;
        } else if (strcmp(argv[i], "--secure-cookies") == 0) {
            o.secure_cookies = 1;
        } else if (strcmp(argv[i], "--no-access-log") == 0) {
            o.access_log = 0;
        } else {
            fprintf(stderr, "yichuang serve: unexpected '%s'\n", argv[i]);
            return yc_cli_usage("serve");
        }
    }
    rc = yc_cli_open(&c, o.db_url);
    if (rc) {
        return rc;
    }
    if (demo) {
        int created;
        if (yc_svc_demo_load(&c.ctx, &created, &err)) {
            yc_cli_close(&c);
            return yc_cli_fail(&err);
        }
        if (created) {
            yc_log(YC_LOG_INFO, "demo data loaded into %s", o.db_url);
        }
    }
    if (yc_svc_cal_reload(c.db, &err)) {
        yc_cli_close(&c);
        return yc_cli_fail(&err);
    }
    yc_db_close(c.db);
    c.db = NULL;
    yc_arena_release(&c.arena);
    printf("一窗 Yichuang: http://%s/\n", o.listen);
    if (demo) {
        printf("演示账号（密码均为 %s）：\n", yc_demo_logins[0].password);
        for (size_t i = 0; i < yc_demo_logins_count; i++) {
            printf("  %-8s %s（%s）\n", yc_demo_logins[i].username, yc_demo_logins[i].role_zh,
                   yc_demo_logins[i].name);
        }
    }
    fflush(stdout);
    rc = yc_http_serve(&o);
    yc_svc_cal_shutdown();
    yc_svc_catalogue_shutdown();
    return rc;
}
