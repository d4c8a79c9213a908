/*
 * static.c - the built UI (web/dist), loaded into memory at start and served with strong ETags.
 * Only files found under the directory at start can be served, so no request path ever reaches
 * the file system. Hashed assets (/assets/...) are immutable; index.html is revalidated each time.
 * Unknown paths without a file extension get index.html (the UI routes in history mode).
 */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/str.h"
#include "http/http.h"
#include "base/banned.h"

#define MAX_FILE_BYTES (32u << 20)

struct file {
    char *path; /* "/assets/index-abc.js" */
    char *data;
    size_t len;
    char etag[72];
    const char *type;
};

static struct file *files;
static size_t nfiles, capfiles;

static const char *
mime(const char *path)
{
    static const struct {
        const char *ext;
        const char *type;
    } table[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const char *dot = strrchr(path, '.');

    for (size_t i = 0; dot && i < sizeof(table) / sizeof(table[0]); i++) {
        if (strcmp(dot, table[i].ext) == 0) {
            return table[i].type;
        }
    }
    return "application/octet-stream";
}

static void
add_file(const char *fs_path, const char *url_path)
{
    FILE *f = fopen(fs_path, "rb");
    struct yc_buf b = YC_BUF_INIT(MAX_FILE_BYTES);
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[65];
    char chunk[65536];
    size_t n;
    struct file *e;

    if (!f) {
        return;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        yc_buf_add(&b, chunk, n);
    }
    fclose(f);
    if (b.overflow) {
        yc_log(YC_LOG_WARN, "static: %s is too large, not served", fs_path);
        yc_buf_release(&b);
        return;
    }
    if (nfiles == capfiles) {
        capfiles = capfiles ? capfiles * 2 : 64;
        files = yc_xrealloc(files, capfiles * sizeof(*files));
    }
    e = &files[nfiles++];
    e->path = yc_xstrdup(url_path);
    e->type = mime(url_path);
    e->data = yc_buf_detach(&b, &e->len);
    crypto_hash_sha256(digest, (const unsigned char *)e->data, e->len);
    yc_hex(digest, 16, hex);
    snprintf(e->etag, sizeof(e->etag), "\"%s\"", hex);
}

static void
walk(const char *dir, const char *prefix, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (!d || depth > 8) {
        if (d) {
            closedir(d);
        }
        return;
    }
    while ((de = readdir(d))) {
        char fs[4096], url[4096];
        struct stat st;

        if (de->d_name[0] == '.') {
            continue;
        }
        snprintf(fs, sizeof(fs), "%s/%s", dir, de->d_name);
        snprintf(url, sizeof(url), "%s/%s", prefix, de->d_name);
        if (stat(fs, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            walk(fs, url, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            add_file(fs, url);
        }
    }
    closedir(d);
}

int
yc_static_load(const char *dir)
{
    walk(dir, "", 0);
    if (nfiles == 0) {
        yc_log(YC_LOG_WARN, "static: no UI files under %s (run make to build web/)", dir);
    }
    return (int)nfiles;
}

void
yc_static_free(void)
{
    for (size_t i = 0; i < nfiles; i++) {
        free(files[i].path);
        free(files[i].data);
    }
    free(files);
    files = NULL;
    nfiles = capfiles = 0;
}

static const struct file *
lookup(const char *path)
{
    for (size_t i = 0; i < nfiles; i++) {
        if (strcmp(files[i].path, path) == 0) {
            return &files[i];
        }
    }
    return NULL;
}

int
yc_static_serve(struct yc_req *req, struct yc_resp *resp, struct yc_err *err)
{
    const char *path = req->path;
    const struct file *f;
    const char *inm;
    const char *last;

    if (req->method != YC_GET && req->method != YC_HEAD) {
        yc_resp_header(resp, "Allow", "GET, HEAD");
        return yc_fail(err, YC_EMETHOD, "method_not_allowed", NULL, "静态文件只支持 GET");
    }
    if (path[0] != '/' || strstr(path, "..") || strchr(path, '\\')) {
        return yc_fail(err, YC_EINVAL, "bad_path", NULL, "非法路径");
    }
    f = lookup(strcmp(path, "/") == 0 ? "/index.html" : path);
    last = strrchr(path, '/');
    if (!f && !strchr(last, '.')) {
        f = lookup("/index.html");
    }
    if (!f) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "文件不存在：%s", path);
    }
    yc_resp_header(resp, "ETag", f->etag);
    yc_resp_header(resp, "Cache-Control", strncmp(f->path, "/assets/", 8) == 0
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
    inm = yc_req_header(req, "If-None-Match");
    if (inm && strcmp(inm, f->etag) == 0) {
        yc_resp_text(resp, 304, f->type, "", 0);
        resp->body_static = 1;
        return 0;
    }
    yc_resp_text(resp, 200, f->type, f->data, f->len);
    resp->body_static = 1;
    return 0;
}
