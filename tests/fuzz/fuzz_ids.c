/* fuzz_ids.c - libFuzzer harness: dates, GB 11643 and GB 32100 checks, masking, log scrubbing. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/date.h"
#include "base/log.h"
#include "base/str.h"
#include "domain/ids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct yc_resident_id id;
    char masked[64];
    char line[256];
    int32_t day;

    if (yc_date_parse(s, size, &day) == 0) {
        char back[11];
        yc_date_format(day, back);
        if (size != 10 || memcmp(back, s, 10) != 0) {
            __builtin_trap(); /* a parsed date formats back to itself */
        }
    }
    if (yc_id_check_resident(s, size, 20000, &id) == YC_IDCHECK_OK && size != 18) {
        __builtin_trap();
    }
    if (yc_id_check_uscc(s, size) == YC_IDCHECK_OK && size != 18) {
        __builtin_trap();
    }
    yc_id_mask(s, size, masked, sizeof(masked));
    if (size < sizeof(line)) {
        memcpy(line, s, size);
        line[size] = '\0';
        yc_log_scrub(line);
    }
    {
        int64_t v;
        (void)yc_parse_i64((struct yc_str){s, size}, INT64_MIN, INT64_MAX, &v);
    }
    (void)yc_utf8_valid(s, size);
    return 0;
}
