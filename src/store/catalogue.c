/* catalogue.c - repository functions of the matter catalogue: matters, their versions, Annex 2. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/str.h"
#include "store/catalogue.h"
#include "store/rows.h"
#include "base/banned.h"


static const char *
dup(struct yc_arena *a, struct yc_rows *r, int col)
{
    return yc_arena_strdup(a, yc_rows_text(r, col));
}

/* ---- a version row <-> struct yc_matter ---- */

static json_t *
parse_list(const char *text)
{
    json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
    return v ? v : json_array();
}

static void
read_matter(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_matter *m = elem;
    json_t *aliases = parse_list(yc_rows_text(r, 4));
    json_t *materials = parse_list(yc_rows_text(r, 13));
    json_t *faq = parse_list(yc_rows_text(r, 16));
    json_t *glossary = parse_list(yc_rows_text(r, 17));
    int wc = yc_window_class_parse(yc_rows_text(r, 8));

    yc_matter_init(m);
    m->id = yc_rows_int(r, 0);
    m->version = (int)yc_rows_int(r, 1);
    m->code = dup(a, r, 2);
    m->name = dup(a, r, 3);
    m->department_id = yc_rows_int(r, 5);
    m->department_name = dup(a, r, 6);
    yc_strlcpy(m->type, yc_rows_text(r, 7), sizeof(m->type));
    m->window_class = wc < 0 ? YC_WC_UNDIFFERENTIATED : (enum yc_window_class)wc;
    m->entered = yc_rows_int(r, 9) != 0;
    m->statutory_days = (int)yc_rows_int(r, 10);
    m->promised_days = (int)yc_rows_int(r, 11);
    m->conditions = dup(a, r, 12);
    m->legal_basis = dup(a, r, 14);
    m->fees = dup(a, r, 15);
    m->theme = dup(a, r, 18);
    m->created_at = yc_rows_int(r, 19);
    m->created_by = dup(a, r, 20);
    yc_matter_lists_from_json(a, aliases, materials, faq, glossary, m, NULL);
    json_decref(aliases);
    json_decref(materials);
    json_decref(faq);
    json_decref(glossary);
}

static char *
dump_list(json_t *v)
{
    char *s = yc_json_dump(v, NULL);
    json_decref(v);
    return s;
}

/* The list fields of the matters row: aliases joined by '|', material names by '\n'. */
static void
joined_lists(const struct yc_matter *m, struct yc_buf *aliases, struct yc_buf *materials)
{
    for (size_t i = 0; i < m->naliases; i++) {
        yc_buf_printf(aliases, "%s%s", i ? "|" : "", m->aliases[i]);
    }
    for (size_t i = 0; i < m->nmaterials; i++) {
        yc_buf_printf(materials, "%s%s", i ? "\n" : "", m->materials[i].name);
    }
}

static int
one_matter(struct yc_db *db, enum yc_stmt q, const struct yc_val *args, size_t nargs,
           struct yc_arena *a, struct yc_matter *out, int *found, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, q, args, nargs, &r, err);

    *found = 0;
    if (rc) {
        return rc;
    }
    rc = yc_rows_next(r);
    if (rc > 0) {
        read_matter(r, a, out);
        *found = 1;
        rc = 0;
    }
    yc_rows_close(r);
    return rc;
}

/* ---- writers ---- */

int
yc_store_catalogue_lock(struct yc_db *db, struct yc_err *err)
{
    int64_t ignored;
    int found;

    return yc_db_scalar(db, YC_Q_CATALOGUE_LOCK, YC_NOARGS, &ignored, &found, err);
}

int
yc_store_matter_insert(struct yc_db *db, const struct yc_matter *m, const char *digest, int64_t now,
                       int64_t *id, struct yc_err *err)
{
    struct yc_buf aliases = YC_BUF_INIT(1u << 20), materials = YC_BUF_INIT(1u << 20);
    int found;
    int rc;

    joined_lists(m, &aliases, &materials);
    rc = yc_db_scalar(db, YC_Q_MATTER_INSERT,
                      YC_ARGS(YC_VT(m->code), YC_VT(m->name), YC_VI(m->department_id),
                              YC_VT(m->type), YC_VT(yc_window_classes[m->window_class].name),
                              YC_VI(m->entered), YC_VI(m->statutory_days), YC_VI(m->promised_days),
                              YC_VI(1), YC_VT(yc_buf_cstr(&aliases)),
                              YC_VT(yc_buf_cstr(&materials)), YC_VT(digest), YC_VI(now)),
                      id, &found, err);
    yc_buf_release(&aliases);
    yc_buf_release(&materials);
    return rc;
}

int
yc_store_matter_update(struct yc_db *db, const struct yc_matter *m, const char *digest, int64_t now,
                       struct yc_err *err)
{
    struct yc_buf aliases = YC_BUF_INIT(1u << 20), materials = YC_BUF_INIT(1u << 20);
    int64_t changes = 0;
    int rc;

    joined_lists(m, &aliases, &materials);
    rc = yc_db_exec(db, YC_Q_MATTER_UPDATE,
                    YC_ARGS(YC_VI(m->id), YC_VT(m->code), YC_VT(m->name), YC_VI(m->department_id),
                            YC_VT(m->type), YC_VT(yc_window_classes[m->window_class].name),
                            YC_VI(m->entered), YC_VI(m->statutory_days), YC_VI(m->promised_days),
                            YC_VI(m->version), YC_VT(yc_buf_cstr(&aliases)),
                            YC_VT(yc_buf_cstr(&materials)), YC_VT(digest), YC_VI(now)),
                    &changes, err);
    yc_buf_release(&aliases);
    yc_buf_release(&materials);
    if (rc == 0 && changes == 0) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "事项 %lld 不存在", (long long)m->id);
    }
    return rc;
}

int
yc_store_matter_version_insert(struct yc_db *db, const struct yc_matter *m, struct yc_err *err)
{
    char *aliases = dump_list(yc_matter_aliases_json(m));
    char *materials = dump_list(yc_matter_materials_json(m));
    char *faq = dump_list(yc_matter_faq_json(m));
    char *glossary = dump_list(yc_matter_glossary_json(m));
    int rc = yc_db_exec(db, YC_Q_MATTER_VERSION_INSERT,
                        YC_ARGS(YC_VI(m->id), YC_VI(m->version), YC_VT(m->code), YC_VT(m->name),
                                YC_VT(aliases), YC_VI(m->department_id), YC_VT(m->type),
                                YC_VT(yc_window_classes[m->window_class].name), YC_VI(m->entered),
                                YC_VI(m->statutory_days), YC_VI(m->promised_days),
                                YC_VT(m->conditions), YC_VT(materials), YC_VT(m->legal_basis),
                                YC_VT(m->fees), YC_VT(faq), YC_VT(glossary), YC_VT(m->theme),
                                YC_VI(m->created_at), YC_VT(m->created_by)),
                        NULL, err);

    free(aliases);
    free(materials);
    free(faq);
    free(glossary);
    return rc;
}

/* ---- readers ---- */

static void
read_key(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_matter_key *k = elem;

    k->code = dup(a, r, 0);
    k->id = yc_rows_int(r, 1);
    k->version = (int)yc_rows_int(r, 2);
    k->digest = dup(a, r, 3);
}

int
yc_store_matter_keys(struct yc_db *db, struct yc_arena *a, struct yc_matter_key **out, size_t *n,
                     struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_MATTER_KEYS, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_key, (void **)out, n);
}

int
yc_store_matter_get(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_matter *out,
                    int *found, struct yc_err *err)
{
    return one_matter(db, YC_Q_MATTER_GET, YC_ARGS(YC_VI(id)), a, out, found, err);
}

int
yc_store_matter_get_code(struct yc_db *db, struct yc_arena *a, const char *code,
                         struct yc_matter *out, int *found, struct yc_err *err)
{
    return one_matter(db, YC_Q_MATTER_GET_BY_CODE, YC_ARGS(YC_VT(code)), a, out, found, err);
}

int
yc_store_matter_version(struct yc_db *db, struct yc_arena *a, int64_t id, int version,
                        struct yc_matter *out, int *found, struct yc_err *err)
{
    return one_matter(db, YC_Q_MATTER_VERSION_GET, YC_ARGS(YC_VI(id), YC_VI(version)), a, out,
                      found, err);
}

static void
read_version_info(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_matter_version_info *v = elem;

    v->version = (int)yc_rows_int(r, 0);
    v->created_at = yc_rows_int(r, 1);
    v->created_by = dup(a, r, 2);
    v->name = dup(a, r, 3);
}

int
yc_store_matter_versions(struct yc_db *db, struct yc_arena *a, int64_t id,
                         struct yc_matter_version_info **out, size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_MATTER_VERSION_LIST, YC_ARGS(YC_VI(id)), &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_version_info, (void **)out, n);
}

int
yc_store_matter_all(struct yc_db *db, struct yc_arena *a, struct yc_matter **out, size_t *n,
                    struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_MATTER_ALL, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_matter, (void **)out, n);
}

static void
read_search_doc(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_msearch_doc *d = elem;
    int wc = yc_window_class_parse(yc_rows_text(r, 8));

    d->id = yc_rows_int(r, 0);
    d->department_id = yc_rows_int(r, 1);
    d->code = dup(a, r, 2);
    d->name = dup(a, r, 3);
    d->aliases = dup(a, r, 4);
    d->department = dup(a, r, 5);
    d->materials = dup(a, r, 6);
    yc_strlcpy(d->type, yc_rows_text(r, 7), sizeof(d->type));
    d->window_class = wc < 0 ? 0 : wc;
    d->entered = yc_rows_int(r, 9) != 0;
    d->statutory_days = (int)yc_rows_int(r, 10);
    d->promised_days = (int)yc_rows_int(r, 11);
}

int
yc_store_matter_search_docs(struct yc_db *db, struct yc_arena *a, struct yc_msearch_doc **out,
                            size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_MATTER_SEARCH_DOCS, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_search_doc, (void **)out, n);
}

static void
read_annex2(struct yc_rows *r, struct yc_arena *a, void *elem)
{
    struct yc_matter_annex2_cell *c = elem;

    c->department_id = yc_rows_int(r, 0);
    c->department = dup(a, r, 1);
    yc_strlcpy(c->type, yc_rows_text(r, 2), sizeof(c->type));
    c->count = yc_rows_int(r, 3);
}

int
yc_store_matter_annex2(struct yc_db *db, struct yc_arena *a, struct yc_matter_annex2_cell **out,
                       size_t *n, struct yc_err *err)
{
    struct yc_rows *r;
    int rc = yc_db_query(db, YC_Q_MATTER_ANNEX2, YC_NOARGS, &r, err);

    if (rc) {
        return rc;
    }
    return yc_rows_collect(r, a, sizeof(**out), read_annex2, (void **)out, n);
}

/* ---- departments ---- */

int
yc_store_dept_update(struct yc_db *db, const struct yc_dept *d, struct yc_err *err)
{
    const char *code = d->code && *d->code ? d->code : NULL;
    const char *uscc = d->uscc && *d->uscc ? d->uscc : NULL;
    int64_t changes = 0;
    int rc =
        yc_db_exec(db, YC_Q_DEPT_UPDATE,
                   YC_ARGS(YC_VI(d->id), YC_VT(d->name), YC_VT(code), YC_VT(uscc)), &changes, err);

    if (rc == 0 && changes == 0) {
        return yc_fail(err, YC_ENOTFOUND, "not_found", NULL, "部门 %lld 不存在", (long long)d->id);
    }
    return rc;
}

int
yc_store_dept_next_seq(struct yc_db *db, int *seq, struct yc_err *err)
{
    int64_t v = 1;
    int found;
    int rc = yc_db_scalar(db, YC_Q_DEPT_NEXT_SEQ, YC_NOARGS, &v, &found, err);

    *seq = (int)v;
    return rc;
}
