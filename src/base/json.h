/*
 * json.h - decoding and validating JSON request bodies (jansson), kcgi-style: a table of fields
 * names each field's type, whether it is required and its bounds; one call checks a body against it.
 */
#ifndef YC_JSON_H
#define YC_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum yc_ftype {
    YC_F_STR,       /* string, min/max in characters (code points) */
    YC_F_INT,       /* integer in [min, max] */
    YC_F_BOOL,
    YC_F_STR_ARRAY, /* array of strings, min/max items */
    YC_F_OBJECT,
    YC_F_ANY,
};

struct yc_field {
    const char *name;
    enum yc_ftype type;
    int required;
    int64_t min;
    int64_t max;
};

/*
 * Parse body into a JSON object. Errors: bad_utf8, bad_json (also when not an object or when a
 * key repeats). On success *out is a new reference the caller must json_decref.
 */
int yc_json_parse_object(const char *body, size_t len, json_t **out, struct yc_err *err) YC_MUST;

/* Check obj against the field table: field_unknown, field_required, field_type, field_invalid. */
int yc_json_check(const json_t *obj, const struct yc_field *fields, size_t n,
                  struct yc_err *err) YC_MUST;

#define YC_JSON_CHECK(obj, table, err) yc_json_check((obj), (table), sizeof(table) / sizeof((table)[0]), (err))

/* Accessors that return a default when the field is absent (after yc_json_check). */
const char *yc_json_str(const json_t *obj, const char *key, const char *dflt);
int64_t yc_json_int(const json_t *obj, const char *key, int64_t dflt);
int yc_json_bool(const json_t *obj, const char *key, int dflt);

/* Serialise compactly into a malloc'ed string (never NULL). */
char *yc_json_dump(const json_t *v, size_t *len);

#endif
