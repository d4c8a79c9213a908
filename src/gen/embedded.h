/*
 * embedded.h - files compiled into the binary by scripts/embed.sh, so that `yichuang` runs from
 * anywhere with no data files beside it: the schema migrations and the default reference data.
 */
#ifndef YC_EMBEDDED_H
#define YC_EMBEDDED_H

#include <stddef.h>

struct yc_embedded_migration {
    int version;      /* from the file name NNNN_name.sql */
    const char *name;
    const char *sql;
};

struct yc_embedded_file {
    const char *name; /* file name, e.g. "cn-holidays.csv" */
    const char *data; /* NUL-terminated */
    size_t len;
};

extern const struct yc_embedded_migration yc_embedded_migrations[];
extern const size_t yc_embedded_migrations_count;
extern const struct yc_embedded_file yc_embedded_files[];
extern const size_t yc_embedded_files_count;

/* The embedded data file with that name, or NULL. */
const struct yc_embedded_file *yc_embedded_file(const char *name);

#endif
