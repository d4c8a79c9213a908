/*
 * catalogue_search.c - search over the catalogue: each process keeps an immutable index
 * (domain/matter_search.h) of the matters, labelled with the catalogue generation it was built
 * from. Every catalogue write bumps settings.catalogue_gen in its transaction; a search reads the
 * generation (one indexed row) and, when it moved, one thread rebuilds the index while the others
 * wait for it. Searches share the index through a reference count, so a rebuild never pulls it
 * from under a running query.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "svc/svc.h"
#include "base/banned.h"

struct snapshot {
    struct yc_msearch *ix;
    int64_t gen;
    int refs;
};

static pthread_mutex_t cur_lock = PTHREAD_MUTEX_INITIALIZER;   /* guards cur and refs */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER; /* one rebuild at a time */
static struct snapshot *cur;

static struct snapshot *
acquire(void)
{
    struct snapshot *s;

    pthread_mutex_lock(&cur_lock);
    s = cur;
    if (s) {
        s->refs++;
    }
    pthread_mutex_unlock(&cur_lock);
    return s;
}

static void
release(struct snapshot *s)
{
    int last;

    if (!s) {
        return;
    }
    pthread_mutex_lock(&cur_lock);
    last = --s->refs == 0;
    pthread_mutex_unlock(&cur_lock);
    if (last) {
        yc_msearch_free(s->ix);
        free(s);
    }
}

static int
current_gen(struct yc_ctx *ctx, int64_t *gen, struct yc_err *err)
{
    const char *v = NULL;
    int rc = yc_store_setting_get(ctx->db, ctx->arena, "catalogue_gen", &v, err);

    *gen = 0;
    if (rc == 0 && v) {
        (void)yc_parse_i64(yc_str_c(v), INT64_MIN, INT64_MAX, gen);
    }
    return rc;
}

/* Build an index of the matters now stored, labelled gen, and make it current. */
static int
rebuild(struct yc_ctx *ctx, int64_t gen, struct snapshot **out, struct yc_err *err)
{
    struct yc_arena a;
    struct yc_msearch_doc *docs;
    struct snapshot *s, *old;
    size_t n;
    int rc;

    yc_arena_init(&a);
    rc = yc_store_matter_search_docs(ctx->db, &a, &docs, &n, err);
    if (rc) {
        yc_arena_release(&a);
        return rc;
    }
    s = yc_xcalloc(1, sizeof(*s));
    s->ix = yc_msearch_build(docs, n);
    s->gen = gen;
    s->refs = 2; /* current, and the caller's */
    yc_arena_release(&a);
    pthread_mutex_lock(&cur_lock);
    old = cur;
    cur = s;
    pthread_mutex_unlock(&cur_lock);
    release(old);
    *out = s;
    return 0;
}

/* An index at the catalogue's current generation, referenced for the caller. */
static int
snapshot_for(struct yc_ctx *ctx, struct snapshot **out, struct yc_err *err)
{
    int64_t gen;
    struct snapshot *s;
    int rc = current_gen(ctx, &gen, err);

    if (rc) {
        return rc;
    }
    s = acquire();
    if (s && s->gen == gen) {
        *out = s;
        return 0;
    }
    release(s);
    pthread_mutex_lock(&build_lock);
    s = acquire(); /* another thread may have built it meanwhile */
    if (s && s->gen == gen) {
        *out = s;
    } else {
        release(s);
        rc = rebuild(ctx, gen, out, err);
    }
    pthread_mutex_unlock(&build_lock);
    return rc;
}

static void
copy_hit(struct yc_arena *a, const struct yc_msearch_hit *h, struct yc_matter_hit *out)
{
    out->doc = *h->doc;
    out->doc.code = yc_arena_strdup(a, h->doc->code);
    out->doc.name = yc_arena_strdup(a, h->doc->name);
    out->doc.department = yc_arena_strdup(a, h->doc->department);
    out->doc.aliases = "";
    out->doc.materials = "";
    out->field = h->field;
    out->match = h->match ? yc_arena_strndup(a, h->match, h->match_len) : NULL;
}

static int
search_as(struct yc_ctx *ctx, enum yc_op op, const struct yc_matter_query *q,
          struct yc_matter_hit **hits, size_t *n, size_t *total, struct yc_err *err)
{
    struct yc_msearch_query mq = {q->q, q->department_id, q->type, q->window_class, q->entered};
    struct yc_msearch_hit found[YC_SEARCH_MAX_LIMIT];
    size_t limit = q->limit > YC_SEARCH_MAX_LIMIT ? YC_SEARCH_MAX_LIMIT : q->limit;
    struct snapshot *s;
    int rc = yc_svc_allow(ctx, op, err);

    *n = *total = 0;
    *hits = NULL;
    if (rc == 0) {
        rc = snapshot_for(ctx, &s, err);
    }
    if (rc) {
        return rc;
    }
    *total = yc_msearch_run(s->ix, &mq, q->offset, found, limit);
    *n = *total > q->offset ? *total - q->offset : 0;
    *n = *n > limit ? limit : *n;
    *hits = yc_arena_alloc(ctx->arena, (*n ? *n : 1) * sizeof(**hits));
    for (size_t i = 0; i < *n; i++) {
        copy_hit(ctx->arena, &found[i], &(*hits)[i]);
    }
    release(s);
    return 0;
}

int
yc_svc_matter_search(struct yc_ctx *ctx, const struct yc_matter_query *q,
                     struct yc_matter_hit **hits, size_t *n, size_t *total, struct yc_err *err)
{
    return search_as(ctx, YC_OP_CATALOGUE_READ, q, hits, n, total, err);
}

int
yc_svc_matter_public_search(struct yc_ctx *ctx, const char *text, size_t limit,
                            struct yc_matter_hit **hits, size_t *n, size_t *total,
                            struct yc_err *err)
{
    /* only what the centre handles: an applicant cannot take a ticket for the others */
    struct yc_matter_query q = {.q = text, .type = "", .window_class = -1, .entered = 1,
                                .limit = limit};

    return search_as(ctx, YC_OP_PUBLIC, &q, hits, n, total, err);
}

json_t *
yc_matter_hit_json(const struct yc_matter_hit *h)
{
    const struct yc_matter_type_info *t = yc_matter_type_find(h->doc.type);
    const struct yc_window_class_info *wc = &yc_window_classes[h->doc.window_class];

    return json_pack(
        "{s:I, s:s, s:s, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:b, s:i, s:i, "
        "s:{s:s, s:s?}}",
        "id", (json_int_t)h->doc.id, "code", h->doc.code, "name", h->doc.name, "department", "id",
        (json_int_t)h->doc.department_id, "name", h->doc.department, "type", h->doc.type,
        "type_name", t ? t->zh : "", "window_class", wc->name, "window_class_name", wc->zh,
        "entered", h->doc.entered, "statutory_days", h->doc.statutory_days, "promised_days",
        h->doc.promised_days, "match", "field", yc_msearch_field_names[h->field], "text", h->match);
}

void
yc_svc_catalogue_shutdown(void)
{
    struct snapshot *s;

    pthread_mutex_lock(&cur_lock);
    s = cur;
    cur = NULL;
    pthread_mutex_unlock(&cur_lock);
    release(s);
}
