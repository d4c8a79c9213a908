/* fuzz_json.c - libFuzzer harness: request-body decoding and the field-table check. */
#include <stddef.h>
#include <stdint.h>

#include "base/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct yc_field fields[] = {
        {"username", YC_F_STR, 1, 3, 32},
        {"roles", YC_F_STR_ARRAY, 0, 1, 6},
        {"department_id", YC_F_INT, 0, 0, 1000},
        {"disabled", YC_F_BOOL, 0, 0, 1},
    };
    struct yc_err err;
    json_t *o;

    if (yc_json_parse_object((const char *)data, size, &o, &err) == 0) {
        if (YC_JSON_CHECK(o, fields, &err) != 0 && err.code[0] == '\0') {
            __builtin_trap(); /* every refusal names its code */
        }
        json_decref(o);
    }
    return 0;
}
