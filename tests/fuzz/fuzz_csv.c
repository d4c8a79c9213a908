/* fuzz_csv.c - libFuzzer harness: the CSV reader and the calendar file parser on any bytes. */
#include <stddef.h>
#include <stdint.h>

#include "base/csv.h"
#include "domain/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct yc_csv r;
    struct yc_csv_row row;
    struct yc_cal_entries entries = {0};
    struct yc_cal_parse_err err;
    struct yc_calendar *cal;
    int rc;

    yc_csv_init(&r, (const char *)data, size);
    while ((rc = yc_csv_next_row(&r, &row)) > 0) {
        for (size_t i = 0; i < row.nfields; i++) {
            if (row.fields[i].len && !row.fields[i].ptr) {
                __builtin_trap();
            }
        }
    }
    yc_csv_release(&r);
    if (yc_cal_parse_csv((const char *)data, size, &entries, &err) == 0) {
        cal = yc_cal_new();
        if (yc_cal_apply(cal, &entries) != 0) {
            __builtin_trap(); /* parsed entries must always apply */
        }
        yc_cal_free(cal);
    }
    yc_cal_entries_release(&entries);
    return 0;
}
