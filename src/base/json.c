/* json.c - JSON body decoding and table-driven validation. */
#include <string.h>

#include "base/json.h"
#include "base/mem.h"
#include "base/str.h"
#include "base/banned.h"

int
yc_json_parse_object(const char *body, size_t len, json_t **out, struct yc_err *err)
{
    json_error_t jerr;
    json_t *v;

    *out = NULL;
    if (!yc_utf8_valid(body, len)) {
        return yc_fail(err, YC_EINVAL, "bad_utf8", NULL, "请求内容不是有效的 UTF-8 编码");
    }
    if (len == 0) {
        return yc_fail(err, YC_EINVAL, "bad_json", NULL, "请求内容为空，应为 JSON 对象");
    }
    v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        return yc_fail(err, YC_EINVAL, "bad_json", NULL, "JSON 格式错误（第 %d 行第 %d 列）：%s",
                       jerr.line, jerr.column, jerr.text);
    }
    if (!json_is_object(v)) {
        json_decref(v);
        return yc_fail(err, YC_EINVAL, "bad_json", NULL, "请求内容应为 JSON 对象");
    }
    *out = v;
    return 0;
}

static const char *
type_name(enum yc_ftype t)
{
    switch (t) {
    case YC_F_STR:
        return "字符串";
    case YC_F_INT:
        return "整数";
    case YC_F_BOOL:
        return "布尔值";
    case YC_F_STR_ARRAY:
        return "字符串数组";
    case YC_F_OBJECT:
        return "对象";
    case YC_F_ANY:
        break;
    }
    return "值";
}

static int
check_one(const json_t *v, const struct yc_field *f, struct yc_err *err)
{
    switch (f->type) {
    case YC_F_STR: {
        size_t n;
        if (!json_is_string(v)) {
            break;
        }
        n = yc_utf8_len(json_string_value(v), json_string_length(v));
        if (memchr(json_string_value(v), '\0', json_string_length(v))) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", f->name, "字段 %s 不能包含空字符",
                           f->name);
        }
        if ((int64_t)n < f->min || (int64_t)n > f->max) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", f->name,
                           "字段 %s 长度应为 %lld–%lld 个字符，实际 %zu", f->name,
                           (long long)f->min, (long long)f->max, n);
        }
        return 0;
    }
    case YC_F_INT:
        if (!json_is_integer(v)) {
            break;
        }
        if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", f->name, "字段 %s 应在 %lld–%lld 之间",
                           f->name, (long long)f->min, (long long)f->max);
        }
        return 0;
    case YC_F_BOOL:
        if (!json_is_boolean(v)) {
            break;
        }
        return 0;
    case YC_F_STR_ARRAY: {
        size_t i;
        json_t *e;
        if (!json_is_array(v)) {
            break;
        }
        json_array_foreach(v, i, e) {
            if (!json_is_string(e)) {
                return yc_fail(err, YC_EINVAL, "field_type", f->name,
                               "字段 %s 的第 %zu 项应为字符串", f->name, i + 1);
            }
        }
        if ((int64_t)json_array_size(v) < f->min || (int64_t)json_array_size(v) > f->max) {
            return yc_fail(err, YC_EUNPROC, "field_invalid", f->name,
                           "字段 %s 应有 %lld–%lld 项", f->name, (long long)f->min,
                           (long long)f->max);
        }
        return 0;
    }
    case YC_F_OBJECT:
        if (!json_is_object(v)) {
            break;
        }
        return 0;
    case YC_F_ANY:
        return 0;
    }
    return yc_fail(err, YC_EINVAL, "field_type", f->name, "字段 %s 应为%s", f->name,
                   type_name(f->type));
}

int
yc_json_check(const json_t *obj, const struct yc_field *fields, size_t n, struct yc_err *err)
{
    const char *key;
    json_t *v;
    int rc;

    json_object_foreach((json_t *)obj, key, v) {
        size_t i;
        for (i = 0; i < n; i++) {
            if (strcmp(fields[i].name, key) == 0) {
                break;
            }
        }
        if (i == n) {
            return yc_fail(err, YC_EINVAL, "field_unknown", key, "不接受字段 %s", key);
        }
    }
    for (size_t i = 0; i < n; i++) {
        v = json_object_get(obj, fields[i].name);
        if (!v || json_is_null(v)) {
            if (fields[i].required) {
                return yc_fail(err, YC_EINVAL, "field_required", fields[i].name,
                               "缺少必填字段：%s", fields[i].name);
            }
            continue;
        }
        rc = check_one(v, &fields[i], err);
        if (rc) {
            return rc;
        }
    }
    return 0;
}

const char *
yc_json_str(const json_t *obj, const char *key, const char *dflt)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : dflt;
}

int64_t
yc_json_int(const json_t *obj, const char *key, int64_t dflt)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

int
yc_json_bool(const json_t *obj, const char *key, int dflt)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

char *
yc_json_dump(const json_t *v, size_t *len)
{
    char *s = json_dumps(v, JSON_COMPACT);

    if (!s) {
        s = yc_xstrdup("null");
    }
    if (len) {
        *len = strlen(s);
    }
    return s;
}
