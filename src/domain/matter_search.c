/* matter_search.c - the in-memory substring index of the catalogue (see matter_search.h). */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "domain/matter_search.h"
#include "base/banned.h"

#define MAX_TERMS      8
#define MAX_TERM_BYTES 256

const char *const yc_msearch_field_names[] = {"name",       "alias",    "code",
                                              "department", "material", ""};

/* A searchable field of a document, folded (ASCII lower-case; same byte offsets as the original).
 */
enum { F_NAME, F_ALIAS, F_CODE, F_DEPT, F_MAT, F__N };

struct doc {
    struct yc_msearch_doc d; /* strings point into the index's arena */
    const char *folded[F__N];
    uint32_t len[F__N];
    uint32_t ncp[F__N]; /* code points */
    size_t name_len;
};

/*
 * The documents holding a key, ascending. A pair's posting also keeps, per document, where in the
 * field the pair starts: bit (position mod 64). A term whose pairs line up at one position is in
 * the field - certainly so when the field is short enough that positions do not wrap (names,
 * aliases, departments, codes, most material lists); longer fields are checked with memmem.
 */
struct posting {
    uint64_t key; /* 0: empty slot */
    uint32_t *ids;
    uint64_t *pos; /* pairs only */
    uint32_t n, cap;
};

struct yc_msearch {
    struct yc_arena arena;
    struct doc *docs;
    size_t ndocs;
    struct posting *slots; /* open addressing, power-of-two size */
    size_t nslots, used;
};

/* ---- keys ---- */

/* Decode one code point of well-formed UTF-8; advances *p. */
static uint32_t
next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];

    if (c < 0x80) {
        *p += 1;
        return c;
    }
    if (c < 0xE0 && s[1]) {
        *p += 2;
        return ((c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0 && s[1] && s[2]) {
        *p += 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    if (s[1] && s[2] && s[3]) {
        *p += 4;
        return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
               ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    *p += 1; /* not reached with valid input */
    return c;
}

/* Keys: a code point or an adjacent pair of code points (21 bits each) of field f. */
static uint64_t
key1(int f, uint32_t a)
{
    return ((uint64_t)f << 45) | ((uint64_t)a + 1);
}

static uint64_t
key2(int f, uint32_t a, uint32_t b)
{
    return (1ull << 62) | ((uint64_t)f << 45) | ((uint64_t)a << 21) | b;
}

static size_t
slot_of(const struct yc_msearch *ix, uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 20) & (ix->nslots - 1);

    while (ix->slots[i].key && ix->slots[i].key != key) {
        i = (i + 1) & (ix->nslots - 1);
    }
    return i;
}

static void
grow(struct yc_msearch *ix)
{
    struct posting *old = ix->slots;
    size_t n = ix->nslots;

    ix->nslots = n ? n * 2 : 1024;
    ix->slots = yc_xcalloc(ix->nslots, sizeof(*ix->slots));
    for (size_t i = 0; i < n; i++) {
        if (old[i].key) {
            ix->slots[slot_of(ix, old[i].key)] = old[i];
        }
    }
    free(old);
}

static void
add_key(struct yc_msearch *ix, uint64_t key, uint32_t doc, int pair, uint64_t bit)
{
    struct posting *p;
    size_t i;

    if ((ix->used + 1) * 4 >= ix->nslots * 3) {
        grow(ix);
    }
    i = slot_of(ix, key);
    p = &ix->slots[i];
    if (!p->key) {
        p->key = key;
        ix->used++;
    }
    if (p->n && p->ids[p->n - 1] == doc) {
        if (pair) {
            p->pos[p->n - 1] |= bit;
        }
        return;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4;
        p->ids = yc_xrealloc(p->ids, p->cap * sizeof(*p->ids));
        if (pair) {
            p->pos = yc_xrealloc(p->pos, p->cap * sizeof(*p->pos));
        }
    }
    if (pair) {
        p->pos[p->n] = bit;
    }
    p->ids[p->n++] = doc;
}

static const struct posting *
find(const struct yc_msearch *ix, uint64_t key)
{
    const struct posting *p;

    if (!ix->nslots) {
        return NULL;
    }
    p = &ix->slots[slot_of(ix, key)];
    return p->key ? p : NULL;
}

/* Index every code point and adjacent pair of s; '|' and '\n' separate items (no pair across). */
/* Index every code point and adjacent pair of s; '|' and '\n' separate items (no pair across).
 * Returns the number of code points. */
static uint32_t
index_text(struct yc_msearch *ix, int f, const char *s, uint32_t doc)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t prev = 0, at = 0;

    for (; *p; at++) {
        uint32_t c = next_cp(&p);
        if (c == '|' || c == '\n') {
            prev = 0;
            continue;
        }
        add_key(ix, key1(f, c), doc, 0, 0);
        if (prev) {
            add_key(ix, key2(f, prev, c), doc, 1, 1ull << ((at - 1) & 63));
        }
        prev = c;
    }
    return at;
}

/* ---- building ---- */

static const char *
fold(struct yc_arena *a, const char *s)
{
    char *f = yc_arena_strdup(a, s);

    for (char *p = f; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
        }
    }
    return f;
}

static const char *
keep(struct yc_arena *a, const char *s)
{
    return yc_arena_strdup(a, s ? s : "");
}

struct yc_msearch *
yc_msearch_build(const struct yc_msearch_doc *docs, size_t n)
{
    struct yc_msearch *ix = yc_xcalloc(1, sizeof(*ix));

    yc_arena_init(&ix->arena);
    ix->docs = yc_xcalloc(n ? n : 1, sizeof(*ix->docs));
    ix->ndocs = n;
    for (size_t i = 0; i < n; i++) {
        struct doc *d = &ix->docs[i];
        d->d = docs[i];
        d->d.code = keep(&ix->arena, docs[i].code);
        d->d.name = keep(&ix->arena, docs[i].name);
        d->d.aliases = keep(&ix->arena, docs[i].aliases);
        d->d.department = keep(&ix->arena, docs[i].department);
        d->d.materials = keep(&ix->arena, docs[i].materials);
        d->folded[F_NAME] = fold(&ix->arena, d->d.name);
        d->folded[F_ALIAS] = fold(&ix->arena, d->d.aliases);
        d->folded[F_CODE] = fold(&ix->arena, d->d.code);
        d->folded[F_DEPT] = fold(&ix->arena, d->d.department);
        d->folded[F_MAT] = fold(&ix->arena, d->d.materials);
        d->name_len = strlen(d->d.name);
        for (int f = 0; f < F__N; f++) {
            d->len[f] = (uint32_t)strlen(d->folded[f]);
        }
        for (int f = 0; f < F__N; f++) {
            d->ncp[f] = index_text(ix, f, d->folded[f], (uint32_t)i);
        }
    }
    return ix;
}

void
yc_msearch_free(struct yc_msearch *ix)
{
    if (!ix) {
        return;
    }
    for (size_t i = 0; i < ix->nslots; i++) {
        free(ix->slots[i].ids);
        free(ix->slots[i].pos);
    }
    free(ix->slots);
    free(ix->docs);
    yc_arena_release(&ix->arena);
    free(ix);
}

size_t
yc_msearch_size(const struct yc_msearch *ix)
{
    return ix->ndocs;
}

/* ---- querying ---- */

struct term {
    char s[MAX_TERM_BYTES];
    size_t len;
    size_t ncp;     /* code points */
    uint16_t *mask; /* per document: bit f when field f may hold the term, bit F__N + f when it
                       certainly does */
};

/* Split the folded query into terms at ASCII white space and U+3000; a term longer than the
 * buffer is cut at a code point boundary. */
static size_t
split_terms(const char *q, struct term *t)
{
    size_t n = 0, len = 0;
    int full = 0;

    for (const unsigned char *p = (const unsigned char *)q;; p++) {
        int ideo = p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
        if (*p == '\0' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || ideo) {
            if (len && n < MAX_TERMS) {
                t[n].len = len;
                t[n].s[len] = '\0';
                n++;
            }
            len = 0;
            full = 0;
            if (*p == '\0') {
                return n;
            }
            p += ideo ? 2 : 0;
            continue;
        }
        if (n == MAX_TERMS || full) {
            continue;
        }
        if ((*p & 0xC0) != 0x80 && len > MAX_TERM_BYTES - 5) {
            full = 1; /* a lead byte is taken only when its sequence fits */
            continue;
        }
        t[n].s[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
}

static uint64_t
rotr(uint64_t x, size_t r)
{
    r &= 63;
    return r ? (x >> r) | (x << (64 - r)) : x;
}

/* Intersect cand[0..*n) (with the positions where the term may start, acc) with pair list p,
 * found at offset off in the term: keep documents where both line up. In place. */
static void
intersect(uint32_t *cand, uint64_t *acc, size_t *n, const struct posting *p, size_t off)
{
    size_t i = 0, j = 0, k = 0;

    while (i < *n && j < p->n) {
        if (cand[i] < p->ids[j]) {
            i++;
        } else if (cand[i] > p->ids[j]) {
            j++;
        } else {
            uint64_t a = acc[i] & rotr(p->pos[j], off);
            if (a) {
                cand[k] = cand[i];
                acc[k++] = a;
            }
            i++;
            j++;
        }
    }
    *n = k;
}

/*
 * Mark in t->mask the documents whose field f may hold the term, and those that certainly do: a
 * single code point by its posting; more by their pairs lining up at one position, certain when
 * the field is too short for positions to wrap.
 */
static void
mark_field(const struct yc_msearch *ix, struct term *t, int f, uint32_t *ids, uint64_t *acc)
{
    const struct posting *lists[MAX_TERM_BYTES];
    const unsigned char *p = (const unsigned char *)t->s;
    uint32_t prev = next_cp(&p);
    size_t nl = 0, first = 0, n;
    const struct posting *one;

    t->ncp = 1;
    if (!*p) {
        if ((one = find(ix, key1(f, prev))) != NULL) {
            for (size_t i = 0; i < one->n; i++) {
                t->mask[one->ids[i]] |= (uint16_t)(0x21u << f);
            }
        }
        return;
    }
    while (*p) {
        uint32_t c = next_cp(&p);
        lists[nl++] = find(ix, key2(f, prev, c));
        prev = c;
        t->ncp++;
    }
    for (size_t i = 0; i < nl; i++) {
        if (!lists[i]) {
            return;
        }
        first = lists[i]->n < lists[first]->n ? i : first;
    }
    n = lists[first]->n;
    memcpy(ids, lists[first]->ids, n * sizeof(*ids));
    for (size_t i = 0; i < n; i++) {
        acc[i] = rotr(lists[first]->pos[i], first);
    }
    for (size_t i = 0; i < nl && n; i++) {
        if (i != first) {
            intersect(ids, acc, &n, lists[i], i);
        }
    }
    for (size_t i = 0; i < n; i++) {
        int sure = ix->docs[ids[i]].ncp[f] + t->ncp <= 64;
        t->mask[ids[i]] |= (uint16_t)((sure ? 0x21u : 0x1u) << f);
    }
}

/* Where in a '|' or '\n' separated field the hit at off lies: [*start, *end). */
static void
item_bounds(const char *f, size_t off, size_t *start, size_t *end)
{
    size_t s = off, e = off;

    while (s > 0 && f[s - 1] != '|' && f[s - 1] != '\n') {
        s--;
    }
    while (f[e] && f[e] != '|' && f[e] != '\n') {
        e++;
    }
    *start = s;
    *end = e;
}

/* Field f of d holds term t: certain from the index, or checked. */
static int
holds(const struct doc *d, const struct term *t, uint16_t mask, int f)
{
    return (mask & (1u << f)) &&
           ((mask & (0x20u << f)) || memmem(d->folded[f], d->len[f], t->s, t->len));
}

/* 1 when one of the '|' separated items of s equals the term. */
static int
item_equals(const char *s, const struct term *t)
{
    while (*s) {
        size_t n = strcspn(s, "|");
        if (n == t->len && memcmp(s, t->s, n) == 0) {
            return 1;
        }
        s += n + (s[n] == '|');
    }
    return 0;
}

/* The best place of term t in d: a score (lower is better) or -1. */
static int
place(const struct doc *d, const struct term *t, uint16_t mask, enum yc_msearch_field *field)
{
    static const struct {
        int f;
        enum yc_msearch_field field;
        int score;
    } order[] = {
        {F_CODE, YC_MS_CODE, 5}, {F_DEPT, YC_MS_DEPARTMENT, 6}, {F_MAT, YC_MS_MATERIAL, 7}};

    if (holds(d, t, mask, F_NAME)) {
        *field = YC_MS_NAME;
        return memcmp(d->folded[F_NAME], t->s, t->len) != 0 ? 2 : d->name_len == t->len ? 0 : 1;
    }
    if (holds(d, t, mask, F_ALIAS)) {
        *field = YC_MS_ALIAS;
        return item_equals(d->folded[F_ALIAS], t) ? 3 : 4;
    }
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if (holds(d, t, mask, order[i].f)) {
            *field = order[i].field;
            return order[i].score;
        }
    }
    return -1;
}

static int
passes_filters(const struct yc_msearch_doc *d, const struct yc_msearch_query *q)
{
    return (!q->department_id || d->department_id == q->department_id) &&
           (!q->type || !*q->type || strcmp(d->type, q->type) == 0) &&
           (q->window_class < 0 || d->window_class == q->window_class) &&
           (q->entered < 0 || d->entered == q->entered);
}

struct ranked {
    int score;
    enum yc_msearch_field field;
    const struct doc *d;
};

static int
cmp_ranked(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;

    if (a->score != b->score) {
        return a->score < b->score ? -1 : 1;
    }
    if (a->d->name_len != b->d->name_len) {
        return a->d->name_len < b->d->name_len ? -1 : 1;
    }
    return strcmp(a->d->d.code, b->d->d.code);
}

static int
cmp_code(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;

    return strcmp(a->d->d.code, b->d->d.code);
}

typedef int (*cmp_fn)(const void *, const void *);

/* A bounded max-heap of the k best hits so far (the worst on top): a query that matches most of
 * the catalogue keeps only the page it was asked for instead of sorting every match. */
struct top {
    struct ranked *v;
    size_t n, k;
    cmp_fn cmp;
};

static void
swap(struct ranked *a, struct ranked *b)
{
    struct ranked tmp = *a;

    *a = *b;
    *b = tmp;
}

static void
sift_down(struct top *t, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, worst = i;
        if (l < t->n && t->cmp(&t->v[l], &t->v[worst]) > 0) {
            worst = l;
        }
        if (r < t->n && t->cmp(&t->v[r], &t->v[worst]) > 0) {
            worst = r;
        }
        if (worst == i) {
            return;
        }
        swap(&t->v[i], &t->v[worst]);
        i = worst;
    }
}

static void
top_add(struct top *t, const struct ranked *x)
{
    size_t i;

    if (t->k == 0) {
        return;
    }
    if (t->n == t->k) {
        if (t->cmp(x, &t->v[0]) < 0) {
            t->v[0] = *x;
            sift_down(t, 0);
        }
        return;
    }
    i = t->n++;
    t->v[i] = *x;
    while (i > 0 && t->cmp(&t->v[(i - 1) / 2], &t->v[i]) < 0) {
        swap(&t->v[(i - 1) / 2], &t->v[i]);
        i = (i - 1) / 2;
    }
}

/* Score d against every term (the field of the first kept); 0 when one is not found. */
static int
rank_doc(const struct doc *d, size_t i, const struct term *t, size_t nt, struct ranked *x)
{
    for (size_t j = 0; j < nt; j++) {
        enum yc_msearch_field f;
        int sc = t[j].mask[i] ? place(d, &t[j], t[j].mask[i], &f) : -1;
        if (sc < 0) {
            return 0;
        }
        x->score += sc;
        x->field = j == 0 ? f : x->field;
    }
    return 1;
}

/* The alias or material name where the first term was found. */
static void
hit_item(const struct ranked *r, const struct term *t, struct yc_msearch_hit *h)
{
    int f = r->field == YC_MS_ALIAS ? F_ALIAS : F_MAT;
    const char *folded = r->d->folded[f];
    const char *hit = strstr(folded, t->s);
    size_t s, e;

    h->match = NULL;
    h->match_len = 0;
    if ((r->field != YC_MS_ALIAS && r->field != YC_MS_MATERIAL) || !hit) {
        return;
    }
    item_bounds(folded, (size_t)(hit - folded), &s, &e);
    h->match = (f == F_ALIAS ? r->d->d.aliases : r->d->d.materials) + s;
    h->match_len = e - s;
}

size_t
yc_msearch_run(const struct yc_msearch *ix, const struct yc_msearch_query *q, size_t offset,
               struct yc_msearch_hit *hits, size_t max)
{
    struct term t[MAX_TERMS];
    size_t nt = split_terms(q->q ? q->q : "", t);
    size_t matched = 0;
    struct top top = {NULL, 0, offset + max, nt ? cmp_ranked : cmp_code};
    size_t nd = ix->ndocs ? ix->ndocs : 1;
    uint16_t *masks = yc_xcalloc((nt ? nt : 1) * nd, sizeof(*masks));
    uint32_t *ids = yc_xmalloc(nd * sizeof(*ids));
    uint64_t *acc = yc_xmalloc(nd * sizeof(*acc));

    for (size_t j = 0; j < nt; j++) {
        t[j].mask = masks + j * ix->ndocs;
        for (int f = 0; f < F__N; f++) {
            mark_field(ix, &t[j], f, ids, acc);
        }
    }
    top.v = yc_xmalloc((top.k ? top.k : 1) * sizeof(*top.v));
    for (size_t i = 0; i < ix->ndocs; i++) {
        const struct doc *d = &ix->docs[i];
        struct ranked x = {0, YC_MS_NONE, d};
        if ((nt == 0 || t[0].mask[i]) && passes_filters(&d->d, q) && rank_doc(d, i, t, nt, &x)) {
            matched++;
            top_add(&top, &x);
        }
    }
    qsort(top.v, top.n, sizeof(*top.v), top.cmp);
    for (size_t i = offset, k = 0; i < top.n && k < max; i++, k++) {
        hits[k].doc = &top.v[i].d->d;
        hits[k].field = top.v[i].field;
        hit_item(&top.v[i], &t[0], &hits[k]);
    }
    free(masks);
    free(ids);
    free(acc);
    free(top.v);
    return matched;
}
