/* matter.c - the rules of a catalogue matter: reference tables, checks, import cells, JSON, digest.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/str.h"
#include "domain/matter.h"
#include "base/banned.h"

const struct yc_matter_type_info yc_matter_types[] = {
    {"01", "行政许可", 1}, {"02", "行政处罚", 0},     {"03", "行政强制", 0}, {"04", "行政征收", 0},
    {"05", "行政给付", 1}, {"06", "行政检查", 0},     {"07", "行政确认", 1}, {"08", "行政奖励", 1},
    {"09", "行政裁决", 1}, {"10", "其他行政权力", 1}, {"20", "公共服务", 1},
};
const size_t yc_matter_types_count = sizeof(yc_matter_types) / sizeof(yc_matter_types[0]);
const char *const yc_annex2_types[7] = {"01", "05", "07", "08", "09", "10", "20"};

const struct yc_window_class_info yc_window_classes[YC_WC__MAX] = {
    [YC_WC_UNDIFFERENTIATED] = {"undifferentiated", "无差别", "无差别综合窗口"},
    [YC_WC_DOMAIN] = {"domain", "分领域", "分领域综合窗口"},
    [YC_WC_CONVENIENCE] = {"convenience", "便民", "便民服务窗口"},
    [YC_WC_ENTERPRISE] = {"enterprise", "专厅", "企业服务专厅"},
    [YC_WC_DEPARTMENT] = {"department", "部门", "部门窗口"},
};

const struct yc_material_form_info yc_material_forms[YC_MF__MAX] = {
    [YC_MF_ORIGINAL] = {"original", "原件"},
    [YC_MF_COPY] = {"copy", "复印件"},
    [YC_MF_BOTH] = {"original_and_copy", "原件及复印件"},
};

const struct yc_matter_col_info yc_matter_cols[YC_MC__MAX] = {
    [YC_MC_CODE] = {"code", 1, "事项编码"},
    [YC_MC_NAME] = {"name", 1, "事项名称"},
    [YC_MC_DEPARTMENT] = {"department", 1, "实施部门"},
    [YC_MC_TYPE] = {"type", 1, "事项类型"},
    [YC_MC_STATUTORY_DAYS] = {"statutory_days", 1, "法定办结时限"},
    [YC_MC_PROMISED_DAYS] = {"promised_days", 1, "承诺办结时限"},
    [YC_MC_WINDOW_CLASS] = {"window_class", 1, "窗口类别"},
    [YC_MC_ENTERED] = {"entered", 1, "是否进驻"},
    [YC_MC_ALIASES] = {"aliases", 0, "别名"},
    [YC_MC_THEME] = {"theme", 0, "主题"},
    [YC_MC_CONDITIONS] = {"conditions", 0, "受理条件"},
    [YC_MC_MATERIALS] = {"materials", 0, "申请材料"},
    [YC_MC_LEGAL_BASIS] = {"legal_basis", 0, "设定依据"},
    [YC_MC_FEES] = {"fees", 0, "收费标准"},
    [YC_MC_FAQ] = {"faq", 0, "常见问题"},
    [YC_MC_GLOSSARY] = {"glossary", 0, "专业名词"},
};

/* Limits in characters (code points). */
enum {
    MAX_CODE = 64,
    MAX_NAME = 200,
    MAX_THEME = 100,
    MAX_TEXT = 10000, /* conditions, legal basis */
    MAX_FEES = 2000,
    MAX_ALIASES = 20,
    MAX_ALIAS = 100,
    MAX_LIST = 100, /* materials, FAQ, glossary entries */
    MAX_ITEM_NAME = 200,
    MAX_ITEM_TEXT = 2000,
    MAX_COPIES = 99,
};

/* ---- reference lookups ---- */

const struct yc_matter_type_info *
yc_matter_type_find(const char *s)
{
    char code[3];

    if (strlen(s) == 1 && s[0] >= '0' && s[0] <= '9') {
        code[0] = '0';
        code[1] = s[0];
        code[2] = '\0';
        s = code;
    }
    for (size_t i = 0; i < yc_matter_types_count; i++) {
        if (strcmp(s, yc_matter_types[i].code) == 0 || strcmp(s, yc_matter_types[i].zh) == 0) {
            return &yc_matter_types[i];
        }
    }
    return NULL;
}

int
yc_window_class_parse(const char *s)
{
    for (int i = 0; i < YC_WC__MAX; i++) {
        if (strcmp(s, yc_window_classes[i].name) == 0 ||
            strcmp(s, yc_window_classes[i].label) == 0 || strcmp(s, yc_window_classes[i].zh) == 0) {
            return i;
        }
    }
    return -1;
}

int
yc_material_form_parse(const char *s)
{
    for (int i = 0; i < YC_MF__MAX; i++) {
        if (strcmp(s, yc_material_forms[i].name) == 0 ||
            strcmp(s, yc_material_forms[i].label) == 0) {
            return i;
        }
    }
    return strcmp(s, "原件和复印件") == 0 ? YC_MF_BOTH : -1;
}

int
yc_matter_col_find(const char *header)
{
    for (int i = 0; i < YC_MC__MAX; i++) {
        if (strcmp(header, yc_matter_cols[i].name) == 0) {
            return i;
        }
    }
    return -1;
}

void
yc_matter_init(struct yc_matter *m)
{
    memset(m, 0, sizeof(*m));
    m->code = m->name = m->department_name = "";
    m->theme = m->conditions = m->legal_basis = m->fees = "";
    m->created_by = "";
}

int
yc_matter_code_is_national(const char *code)
{
    if (strlen(code) != 31) {
        return 0;
    }
    for (size_t i = 0; i < 31; i++) {
        if (!((code[i] >= '0' && code[i] <= '9') || (code[i] >= 'A' && code[i] <= 'Z'))) {
            return 0;
        }
    }
    return 1;
}

/* ---- issues ---- */

void
yc_issue_add(struct yc_issues *is, const char *column, const char *code, const char *fmt, ...)
{
    struct yc_issue *it;
    va_list ap;

    if (!is) {
        return;
    }
    /* one problem per cell: a cell that failed to parse is not checked again */
    if (is->seen_row != is->row) {
        is->seen_row = is->row;
        is->nseen = 0;
    }
    for (size_t i = 0; column && *column && i < is->nseen; i++) {
        if (strcmp(is->seen[i], column) == 0) {
            return;
        }
    }
    if (column && *column && is->nseen < YC_MC__COLS) {
        yc_strlcpy(is->seen[is->nseen++], column, sizeof(is->seen[0]));
    }
    is->total++;
    if (is->n == YC_ISSUES_MAX) {
        return;
    }
    it = &is->item[is->n++];
    it->row = is->row;
    yc_strlcpy(it->column, column ? column : "", sizeof(it->column));
    yc_strlcpy(it->code, code, sizeof(it->code));
    va_start(ap, fmt);
    vsnprintf(it->message, sizeof(it->message), fmt, ap);
    va_end(ap);
    yc_utf8_trim_tail(it->message);
}

/* ---- checks ---- */

enum text_kind {
    LINE,        /* one line; '|' allowed */
    LINE_NOPIPE, /* one line, no '|': a field of a '|'-separated import cell */
    MULTILINE,   /* line breaks and tabs allowed */
};

static int
bad_char(const char *s, enum text_kind kind)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n' || *p == '\t') {
            if (kind != MULTILINE) {
                return *p;
            }
        } else if (*p < 0x20 || *p == 0x7f || (*p == '|' && kind == LINE_NOPIPE)) {
            return *p;
        }
    }
    return 0;
}

static void
check_text(struct yc_issues *is, const char *column, const char *what, const char *s, size_t min,
           size_t max, enum text_kind kind)
{
    size_t n = yc_utf8_len(s, strlen(s));
    int c;

    if (n < min) {
        yc_issue_add(is, column, "field_required", "%s不能为空", what);
    } else if (n > max) {
        yc_issue_add(is, column, "field_too_long", "%s过长：%zu 个字符，最多 %zu 个", what, n, max);
    } else if ((c = bad_char(s, kind)) != 0) {
        yc_issue_add(is, column, "field_invalid", "%s含有不允许的字符%s", what,
                     c == '|'    ? "“|”（导入格式中用作分隔符）"
                     : c == '\n' ? "换行"
                                 : "（控制字符）");
    }
}

static void
check_code(struct yc_issues *is, const char *col, const char *code)
{
    size_t n = yc_utf8_len(code, strlen(code));

    if (n == 0) {
        yc_issue_add(is, col, "field_required", "事项编码不能为空");
        return;
    }
    if (n > MAX_CODE) {
        yc_issue_add(is, col, "field_too_long", "事项编码过长：%zu 个字符，最多 %d 个", n,
                     MAX_CODE);
        return;
    }
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f || *p == '/') {
            yc_issue_add(is, col, "field_invalid", "事项编码 '%s' 含有空白、控制字符或“/”", code);
            return;
        }
    }
}

static void
check_lists(const struct yc_matter *m, struct yc_issues *is)
{
    char col[48];

    if (m->naliases > MAX_ALIASES) {
        yc_issue_add(is, "aliases", "field_too_long", "别名过多：%zu 个，最多 %d 个", m->naliases,
                     MAX_ALIASES);
    }
    for (size_t i = 0; i < m->naliases && i < MAX_ALIASES; i++) {
        check_text(is, "aliases", "别名", m->aliases[i], 1, MAX_ALIAS, LINE_NOPIPE);
    }
    if (m->nmaterials > MAX_LIST || m->nfaq > MAX_LIST || m->nglossary > MAX_LIST) {
        yc_issue_add(is,
                     m->nmaterials > MAX_LIST ? "materials"
                     : m->nfaq > MAX_LIST     ? "faq"
                                              : "glossary",
                     "field_too_long", "申请材料、常见问题、专业名词各最多 %d 条", MAX_LIST);
        return;
    }
    for (size_t i = 0; i < m->nmaterials; i++) {
        const struct yc_material *x = &m->materials[i];
        snprintf(col, sizeof(col), "materials");
        check_text(is, col, "材料名称", x->name, 1, MAX_ITEM_NAME, LINE_NOPIPE);
        check_text(is, col, "材料审查要点", x->review_points, 0, MAX_ITEM_TEXT, LINE_NOPIPE);
        check_text(is, col, "材料示范文本", x->sample, 0, MAX_ITEM_TEXT, LINE_NOPIPE);
        if (x->copies < 0 || x->copies > MAX_COPIES || (int)x->form < 0 || x->form >= YC_MF__MAX) {
            yc_issue_add(is, col, "materials_invalid",
                         "材料“%s”的份数应为 0–%d、形式应为原件、复印件或原件及复印件", x->name,
                         MAX_COPIES);
        }
    }
    for (size_t i = 0; i < m->nfaq; i++) {
        check_text(is, "faq", "常见问题的问题", m->faq[i].question, 1, MAX_ITEM_NAME * 2,
                   LINE_NOPIPE);
        check_text(is, "faq", "常见问题的回答", m->faq[i].answer, 1, MAX_ITEM_TEXT, LINE);
    }
    for (size_t i = 0; i < m->nglossary; i++) {
        check_text(is, "glossary", "专业名词", m->glossary[i].term, 1, MAX_ALIAS, LINE_NOPIPE);
        check_text(is, "glossary", "专业名词的解释", m->glossary[i].definition, 1, MAX_ITEM_TEXT,
                   LINE);
    }
}

void
yc_matter_check(const struct yc_matter *m, struct yc_issues *is)
{
    const struct yc_matter_type_info *t = yc_matter_type_find(m->type);

    check_code(is, "code", m->code);
    check_text(is, "name", "事项名称", m->name, 1, MAX_NAME, LINE);
    if (!t || !t->on_application) {
        yc_issue_add(is, "type", "type_invalid",
                     t ? "事项类型 %s（%s）不是依申请事项，应为 01 05 07 08 09 10 20 之一"
                       : "事项类型 '%s' 无效，应为 01 05 07 08 09 10 20 之一%s",
                     m->type, t ? t->zh : "");
    }
    if ((int)m->window_class < 0 || m->window_class >= YC_WC__MAX) {
        yc_issue_add(is, "window_class", "window_class_invalid", "窗口类别无效");
    }
    if (m->statutory_days < 0 || m->statutory_days > YC_MATTER_MAX_DAYS) {
        yc_issue_add(is, "statutory_days", "days_invalid", "法定办结时限应为 0–%d 个工作日",
                     YC_MATTER_MAX_DAYS);
    } else if (m->promised_days < 0 || m->promised_days > YC_MATTER_MAX_DAYS) {
        yc_issue_add(is, "promised_days", "days_invalid", "承诺办结时限应为 0–%d 个工作日",
                     YC_MATTER_MAX_DAYS);
    } else if (m->promised_days > m->statutory_days) {
        yc_issue_add(is, "promised_days", "promised_exceeds_statutory",
                     "承诺办结时限 %d 个工作日超过法定办结时限 %d 个工作日", m->promised_days,
                     m->statutory_days);
    }
    check_text(is, "theme", "主题", m->theme, 0, MAX_THEME, LINE);
    check_text(is, "conditions", "受理条件", m->conditions, 0, MAX_TEXT, MULTILINE);
    check_text(is, "legal_basis", "设定依据", m->legal_basis, 0, MAX_TEXT, MULTILINE);
    check_text(is, "fees", "收费标准", m->fees, 0, MAX_FEES, MULTILINE);
    check_lists(m, is);
}

/* ---- import cells ---- */

static int
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A trimmed copy of s[0..n) in the arena. */
static const char *
trimmed(struct yc_arena *a, const char *s, size_t n)
{
    while (n && is_space((unsigned char)s[0])) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1])) {
        n--;
    }
    return yc_arena_strndup(a, s, n);
}

/* Multi-line text: CRLF and CR become LF. */
static const char *
text_cell(struct yc_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = yc_arena_alloc(a, n + 1);
    size_t j = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            out[j++] = '\n';
            if (s[i + 1] == '\n') {
                i++;
            }
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = '\0';
    return out;
}

/* Split s at sep into trimmed parts (at most max; the last part keeps the rest when last_rest). */
static size_t
split(struct yc_arena *a, const char *s, char sep, const char **parts, size_t max, int last_rest)
{
    size_t n = 0;

    for (;;) {
        const char *end = (last_rest && n + 1 == max) ? NULL : strchr(s, sep);
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (n == max) {
            return max + 1; /* too many */
        }
        parts[n++] = trimmed(a, s, len);
        if (!end) {
            return n;
        }
        s = end + 1;
    }
}

/* The non-empty lines of s, trimmed, into a new arena array. */
static size_t
lines(struct yc_arena *a, const char *s, const char ***out)
{
    size_t cap = 1;
    size_t n = 0;
    const char **v;

    for (const char *p = s; *p; p++) {
        cap += *p == '\n' || *p == '\r';
    }
    v = yc_arena_alloc(a, cap * sizeof(*v));
    while (*s) {
        size_t len = strcspn(s, "\r\n");
        const char *line = trimmed(a, s, len);
        if (*line && n < cap) {
            v[n++] = line;
        }
        s += len;
        s += strspn(s, "\r\n");
    }
    *out = v;
    return n;
}

static int
parse_bool(const char *s, int dflt)
{
    static const char *const yes[] = {"1", "是",  "y",    "yes",  "true",
                                      "Y", "YES", "TRUE", "True", "Yes"};
    static const char *const no[] = {"0", "否", "n",     "no",    "false",
                                     "N", "NO", "FALSE", "False", "No"};

    if (!*s) {
        return dflt;
    }
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcmp(s, yes[i]) == 0) {
            return 1;
        }
        if (strcmp(s, no[i]) == 0) {
            return 0;
        }
    }
    return -1;
}

static void
parse_days(const char *col, const char *text, int *out, struct yc_issues *is)
{
    int64_t v;

    if (yc_parse_i64(yc_str_c(text), 0, YC_MATTER_MAX_DAYS, &v) != 0) {
        yc_issue_add(is, col, "days_invalid", "'%s' 不是有效的时限，应为 0–%d 的整数（工作日）",
                     text, YC_MATTER_MAX_DAYS);
        *out = -1;
        return;
    }
    *out = (int)v;
}

void
yc_matter_normalize(struct yc_arena *a, struct yc_matter *m)
{
#define TRIM(s) ((s) = trimmed(a, (s), strlen(s)))
#define OWN(v, n)                                                                                  \
    do {                                                                                           \
        void *copy_ = yc_arena_alloc(a, ((n) ? (n) : 1) * sizeof(*(v)));                           \
        if (n) {                                                                                   \
            memcpy(copy_, (v), (n) * sizeof(*(v)));                                                \
        }                                                                                          \
        (v) = copy_;                                                                               \
    } while (0)
    /* the lists may be shared with the caller's input: work on copies */
    OWN(m->aliases, m->naliases);
    OWN(m->materials, m->nmaterials);
    OWN(m->faq, m->nfaq);
    OWN(m->glossary, m->nglossary);
    TRIM(m->code);
    TRIM(m->name);
    TRIM(m->theme);
    m->conditions = text_cell(a, trimmed(a, m->conditions, strlen(m->conditions)));
    m->legal_basis = text_cell(a, trimmed(a, m->legal_basis, strlen(m->legal_basis)));
    m->fees = text_cell(a, trimmed(a, m->fees, strlen(m->fees)));
    for (size_t i = 0; i < m->naliases; i++) {
        TRIM(m->aliases[i]);
    }
    for (size_t i = 0; i < m->nmaterials; i++) {
        TRIM(m->materials[i].name);
        TRIM(m->materials[i].review_points);
        TRIM(m->materials[i].sample);
    }
    for (size_t i = 0; i < m->nfaq; i++) {
        TRIM(m->faq[i].question);
        TRIM(m->faq[i].answer);
    }
    for (size_t i = 0; i < m->nglossary; i++) {
        TRIM(m->glossary[i].term);
        TRIM(m->glossary[i].definition);
    }
#undef TRIM
#undef OWN
}

static void
parse_material(struct yc_arena *a, const char *line, size_t idx, struct yc_material *x,
               struct yc_issues *is)
{
    const char *f[8];
    size_t n = split(a, line, '|', f, 7, 0);
    int64_t copies = 1;
    int form = YC_MF_ORIGINAL, req, rq;

    memset(x, 0, sizeof(*x));
    x->name = x->review_points = x->sample = "";
    if (n > 7) {
        yc_issue_add(is, "materials", "materials_invalid",
                     "第 %zu 条材料的字段多于 7 个（名称|形式|份数|必需|容缺|审查要点|示范文本）",
                     idx);
        return;
    }
    x->name = f[0];
    if (n > 1 && *f[1] && (form = yc_material_form_parse(f[1])) < 0) {
        yc_issue_add(is, "materials", "materials_invalid",
                     "第 %zu 条材料“%s”的形式 '%s' 无效，应为原件、复印件或原件及复印件", idx, f[0],
                     f[1]);
    }
    if (n > 2 && *f[2] && yc_parse_i64(yc_str_c(f[2]), 0, MAX_COPIES, &copies) != 0) {
        yc_issue_add(is, "materials", "materials_invalid",
                     "第 %zu 条材料“%s”的份数 '%s' 应为 0–%d 的整数", idx, f[0], f[2], MAX_COPIES);
    }
    req = parse_bool(n > 3 ? f[3] : "", 1);
    rq = parse_bool(n > 4 ? f[4] : "", 0);
    if (req < 0 || rq < 0) {
        yc_issue_add(is, "materials", "materials_invalid",
                     "第 %zu 条材料“%s”的“必需”“容缺”应为 1 或 0", idx, f[0]);
    }
    x->form = form < 0 ? YC_MF_ORIGINAL : (enum yc_material_form)form;
    x->copies = (int)copies;
    x->required = req == 1;
    x->rongque = rq == 1;
    x->review_points = n > 5 ? f[5] : "";
    x->sample = n > 6 ? f[6] : "";
}

static void
parse_materials(struct yc_arena *a, const char *text, struct yc_matter *m, struct yc_issues *is)
{
    const char **ls;
    size_t n = lines(a, text, &ls);

    m->materials = yc_arena_alloc(a, (n ? n : 1) * sizeof(*m->materials));
    m->nmaterials = n;
    for (size_t i = 0; i < n; i++) {
        parse_material(a, ls[i], i + 1, &m->materials[i], is);
    }
}

/* Lines of "left|right" (the right part keeps any further '|'). */
static size_t
parse_pairs(struct yc_arena *a, const char *text, const char *col, const char *what,
            const char ***left, const char ***right, struct yc_issues *is)
{
    const char **ls;
    size_t n = lines(a, text, &ls);

    *left = yc_arena_alloc(a, (n ? n : 1) * sizeof(**left));
    *right = yc_arena_alloc(a, (n ? n : 1) * sizeof(**right));
    for (size_t i = 0; i < n; i++) {
        const char *f[2] = {"", ""};
        if (split(a, ls[i], '|', f, 2, 1) != 2 || !*f[0] || !*f[1]) {
            yc_issue_add(is, col, strcmp(col, "faq") == 0 ? "faq_invalid" : "glossary_invalid",
                         "第 %zu 行应为“%s”，两部分都不能为空", i + 1, what);
        }
        (*left)[i] = f[0];
        (*right)[i] = f[1];
    }
    return n;
}

static void
parse_faq(struct yc_arena *a, const char *text, struct yc_matter *m, struct yc_issues *is)
{
    const char **q, **ans;

    m->nfaq = parse_pairs(a, text, "faq", "问题|回答", &q, &ans, is);
    m->faq = yc_arena_alloc(a, (m->nfaq ? m->nfaq : 1) * sizeof(*m->faq));
    for (size_t i = 0; i < m->nfaq; i++) {
        m->faq[i].question = q[i];
        m->faq[i].answer = ans[i];
    }
}

static void
parse_glossary(struct yc_arena *a, const char *text, struct yc_matter *m, struct yc_issues *is)
{
    const char **t, **d;

    m->nglossary = parse_pairs(a, text, "glossary", "名词|解释", &t, &d, is);
    m->glossary = yc_arena_alloc(a, (m->nglossary ? m->nglossary : 1) * sizeof(*m->glossary));
    for (size_t i = 0; i < m->nglossary; i++) {
        m->glossary[i].term = t[i];
        m->glossary[i].definition = d[i];
    }
}

static void
parse_aliases(struct yc_arena *a, const char *text, struct yc_matter *m)
{
    size_t cap = 1;
    const char **v;
    size_t n = 0;

    for (const char *p = text; *p; p++) {
        cap += *p == '|';
    }
    v = yc_arena_alloc(a, cap * sizeof(*v));
    while (*text || n == 0) {
        size_t len = strcspn(text, "|");
        const char *s = trimmed(a, text, len);
        if (*s) {
            v[n++] = s;
        }
        text += len;
        if (!*text) {
            break;
        }
        text++;
    }
    m->aliases = v;
    m->naliases = n;
}

static void
parse_type(const char *text, struct yc_matter *m, struct yc_issues *is)
{
    const struct yc_matter_type_info *t = yc_matter_type_find(text);

    if (!t || !t->on_application) {
        yc_issue_add(
            is, "type", "type_invalid",
            "事项类型 '%s' 无效，应为依申请事项类型 01 行政许可、05 行政给付、07 行政确认、"
            "08 行政奖励、09 行政裁决、10 其他行政权力、20 公共服务 之一",
            text);
        yc_strlcpy(m->type, "", sizeof(m->type));
        return;
    }
    yc_strlcpy(m->type, t->code, sizeof(m->type));
}

void
yc_matter_parse_cell(struct yc_arena *a, enum yc_matter_col col, const char *text,
                     struct yc_matter *m, struct yc_issues *is)
{
    const char *cn = yc_matter_cols[col].name;
    int v;

    if (yc_matter_cols[col].required && !*text) {
        yc_issue_add(is, cn, "field_required", "必填列 %s（%s）为空", cn, yc_matter_cols[col].zh);
        return;
    }
    switch (col) {
    case YC_MC_CODE:
        m->code = yc_arena_strdup(a, text);
        break;
    case YC_MC_NAME:
        m->name = yc_arena_strdup(a, text);
        break;
    case YC_MC_DEPARTMENT:
        m->department_name = yc_arena_strdup(a, text);
        break;
    case YC_MC_TYPE:
        parse_type(text, m, is);
        break;
    case YC_MC_STATUTORY_DAYS:
        parse_days(cn, text, &m->statutory_days, is);
        break;
    case YC_MC_PROMISED_DAYS:
        parse_days(cn, text, &m->promised_days, is);
        break;
    case YC_MC_WINDOW_CLASS:
        if ((v = yc_window_class_parse(text)) < 0) {
            yc_issue_add(is, cn, "window_class_invalid",
                         "窗口类别 '%s' 无效，应为 无差别、分领域、便民、专厅、部门 之一", text);
        }
        m->window_class = v < 0 ? YC_WC_UNDIFFERENTIATED : (enum yc_window_class)v;
        break;
    case YC_MC_ENTERED:
        if ((v = parse_bool(text, -1)) < 0) {
            yc_issue_add(is, cn, "entered_invalid",
                         "是否进驻 '%s' 无效，应为 1（进驻）或 0（未进驻）", text);
        }
        m->entered = v == 1;
        break;
    case YC_MC_ALIASES:
        parse_aliases(a, text, m);
        break;
    case YC_MC_THEME:
        m->theme = yc_arena_strdup(a, text);
        break;
    case YC_MC_CONDITIONS:
        m->conditions = text_cell(a, text);
        break;
    case YC_MC_MATERIALS:
        parse_materials(a, text, m, is);
        break;
    case YC_MC_LEGAL_BASIS:
        m->legal_basis = text_cell(a, text);
        break;
    case YC_MC_FEES:
        m->fees = text_cell(a, text);
        break;
    case YC_MC_FAQ:
        parse_faq(a, text, m, is);
        break;
    case YC_MC_GLOSSARY:
        parse_glossary(a, text, m, is);
        break;
    case YC_MC__MAX:
        break;
    }
}

static const char *
buf_to_arena(struct yc_arena *a, struct yc_buf *b)
{
    const char *s = yc_arena_strndup(a, yc_buf_cstr(b), b->len);
    yc_buf_release(b);
    return s;
}

static const char *
list_cell(struct yc_arena *a, enum yc_matter_col col, const struct yc_matter *m)
{
    struct yc_buf b = YC_BUF_INIT(64u << 20);

    switch (col) {
    case YC_MC_ALIASES:
        for (size_t i = 0; i < m->naliases; i++) {
            yc_buf_printf(&b, "%s%s", i ? "|" : "", m->aliases[i]);
        }
        break;
    case YC_MC_MATERIALS:
        for (size_t i = 0; i < m->nmaterials; i++) {
            const struct yc_material *x = &m->materials[i];
            yc_buf_printf(&b, "%s%s|%s|%d|%d|%d|%s|%s", i ? "\n" : "", x->name,
                          yc_material_forms[x->form].label, x->copies, x->required, x->rongque,
                          x->review_points, x->sample);
        }
        break;
    case YC_MC_FAQ:
        for (size_t i = 0; i < m->nfaq; i++) {
            yc_buf_printf(&b, "%s%s|%s", i ? "\n" : "", m->faq[i].question, m->faq[i].answer);
        }
        break;
    default:
        for (size_t i = 0; i < m->nglossary; i++) {
            yc_buf_printf(&b, "%s%s|%s", i ? "\n" : "", m->glossary[i].term,
                          m->glossary[i].definition);
        }
        break;
    }
    return buf_to_arena(a, &b);
}

const char *
yc_matter_cell(struct yc_arena *a, enum yc_matter_col col, const struct yc_matter *m)
{
    switch (col) {
    case YC_MC_CODE:
        return m->code;
    case YC_MC_NAME:
        return m->name;
    case YC_MC_DEPARTMENT:
        return m->department_name;
    case YC_MC_TYPE:
        return yc_arena_strdup(a, m->type);
    case YC_MC_STATUTORY_DAYS:
        return yc_arena_printf(a, "%d", m->statutory_days);
    case YC_MC_PROMISED_DAYS:
        return yc_arena_printf(a, "%d", m->promised_days);
    case YC_MC_WINDOW_CLASS:
        return yc_window_classes[m->window_class].label;
    case YC_MC_ENTERED:
        return m->entered ? "1" : "0";
    case YC_MC_THEME:
        return m->theme;
    case YC_MC_CONDITIONS:
        return m->conditions;
    case YC_MC_LEGAL_BASIS:
        return m->legal_basis;
    case YC_MC_FEES:
        return m->fees;
    case YC_MC_ALIASES:
    case YC_MC_MATERIALS:
    case YC_MC_FAQ:
    case YC_MC_GLOSSARY:
        return list_cell(a, col, m);
    case YC_MC__MAX:
        break;
    }
    return "";
}

/* ---- JSON ---- */

json_t *
yc_matter_aliases_json(const struct yc_matter *m)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < m->naliases; i++) {
        json_array_append_new(arr, json_string(m->aliases[i]));
    }
    return arr;
}

json_t *
yc_matter_materials_json(const struct yc_matter *m)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < m->nmaterials; i++) {
        const struct yc_material *x = &m->materials[i];
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:i, s:b, s:b, s:s, s:s}", "name", x->name,
                                        "form", yc_material_forms[x->form].name, "copies",
                                        x->copies, "required", x->required, "rongque", x->rongque,
                                        "review_points", x->review_points, "sample", x->sample));
    }
    return arr;
}

json_t *
yc_matter_faq_json(const struct yc_matter *m)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < m->nfaq; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s}", "question", m->faq[i].question, "answer",
                                             m->faq[i].answer));
    }
    return arr;
}

json_t *
yc_matter_glossary_json(const struct yc_matter *m)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < m->nglossary; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s}", "term", m->glossary[i].term,
                                             "definition", m->glossary[i].definition));
    }
    return arr;
}

/* The keys an object of a list may have, with their JSON types. */
struct item_key {
    const char *key;
    json_type type; /* JSON_TRUE stands for a boolean */
    int required;
};

static const struct item_key material_keys[] = {
    {"name", JSON_STRING, 1},   {"form", JSON_STRING, 0},  {"copies", JSON_INTEGER, 0},
    {"required", JSON_TRUE, 0}, {"rongque", JSON_TRUE, 0}, {"review_points", JSON_STRING, 0},
    {"sample", JSON_STRING, 0},
};
static const struct item_key faq_keys[] = {{"question", JSON_STRING, 1},
                                           {"answer", JSON_STRING, 1}};
static const struct item_key term_keys[] = {{"term", JSON_STRING, 1},
                                            {"definition", JSON_STRING, 1}};

/* 0 when item is an object with only the keys given, each of the right type. */
static int
check_item(const char *list, size_t i, const json_t *item, const struct item_key *keys,
           size_t nkeys, struct yc_issues *is)
{
    const char *k;
    const json_t *v;
    char col[48];

    snprintf(col, sizeof(col), "%s[%zu]", list, i);
    if (!json_is_object(item)) {
        yc_issue_add(is, col, "field_type", "%s 的每一项应为对象", list);
        return -1;
    }
    json_object_foreach((json_t *)item, k, v)
    {
        size_t j;
        for (j = 0; j < nkeys && strcmp(keys[j].key, k) != 0; j++) {
        }
        if (j == nkeys) {
            yc_issue_add(is, col, "field_unknown", "%s 不接受字段 %s", col, k);
            return -1;
        }
        if (keys[j].type == JSON_TRUE ? !json_is_boolean(v) : json_typeof(v) != keys[j].type) {
            yc_issue_add(is, col, "field_type", "%s.%s 的类型不对", col, k);
            return -1;
        }
    }
    for (size_t j = 0; j < nkeys; j++) {
        if (keys[j].required && !json_object_get(item, keys[j].key)) {
            yc_issue_add(is, col, "field_required", "%s 缺少字段 %s", col, keys[j].key);
            return -1;
        }
    }
    return 0;
}

static const char *
jstr(struct yc_arena *a, const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return yc_arena_strdup(a, v && json_is_string(v) ? json_string_value(v) : "");
}

static int
jbool(const json_t *o, const char *key, int dflt)
{
    const json_t *v = json_object_get(o, key);
    return v ? json_is_true(v) : dflt;
}

static size_t
list_len(const char *name, const json_t *arr, struct yc_issues *is)
{
    if (!arr || json_is_null(arr)) {
        return 0;
    }
    if (!json_is_array(arr)) {
        yc_issue_add(is, name, "field_type", "%s 应为数组", name);
        return 0;
    }
    return json_array_size(arr);
}

static void
materials_from_json(struct yc_arena *a, const json_t *arr, struct yc_matter *m,
                    struct yc_issues *is)
{
    size_t n = list_len("materials", arr, is);

    m->materials = yc_arena_alloc(a, (n ? n : 1) * sizeof(*m->materials));
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        struct yc_material *x = &m->materials[m->nmaterials];
        const json_t *copies;
        int form = YC_MF_ORIGINAL;
        if (check_item("materials", i, o, material_keys, 7, is)) {
            continue;
        }
        if (json_object_get(o, "form") && (form = yc_material_form_parse(jstr(a, o, "form"))) < 0) {
            yc_issue_add(is, "materials", "materials_invalid",
                         "materials[%zu].form 应为 original、copy 或 original_and_copy", i);
            form = YC_MF_ORIGINAL;
        }
        copies = json_object_get(o, "copies");
        x->name = jstr(a, o, "name");
        x->form = (enum yc_material_form)form;
        x->copies = 1;
        if (copies) {
            json_int_t c = json_integer_value(copies);
            x->copies = c < -1 ? -1 : c > 1000 ? 1000 : (int)c;
        }
        x->required = jbool(o, "required", 1);
        x->rongque = jbool(o, "rongque", 0);
        x->review_points = jstr(a, o, "review_points");
        x->sample = jstr(a, o, "sample");
        m->nmaterials++;
    }
}

void
yc_matter_lists_from_json(struct yc_arena *a, const json_t *aliases, const json_t *materials,
                          const json_t *faq, const json_t *glossary, struct yc_matter *m,
                          struct yc_issues *is)
{
    size_t n = list_len("aliases", aliases, is);

    m->aliases = yc_arena_alloc(a, (n ? n : 1) * sizeof(*m->aliases));
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(aliases, i);
        if (!json_is_string(v)) {
            yc_issue_add(is, "aliases", "field_type", "aliases 的每一项应为字符串");
            break;
        }
        m->aliases[m->naliases++] = yc_arena_strdup(a, json_string_value(v));
    }
    materials_from_json(a, materials, m, is);
    n = list_len("faq", faq, is);
    m->faq = yc_arena_alloc(a, (n ? n : 1) * sizeof(*m->faq));
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(faq, i);
        if (check_item("faq", i, o, faq_keys, 2, is) == 0) {
            m->faq[m->nfaq].question = jstr(a, o, "question");
            m->faq[m->nfaq++].answer = jstr(a, o, "answer");
        }
    }
    n = list_len("glossary", glossary, is);
    m->glossary = yc_arena_alloc(a, (n ? n : 1) * sizeof(*m->glossary));
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(glossary, i);
        if (check_item("glossary", i, o, term_keys, 2, is) == 0) {
            m->glossary[m->nglossary].term = jstr(a, o, "term");
            m->glossary[m->nglossary++].definition = jstr(a, o, "definition");
        }
    }
}

/* ---- digest ---- */

/* Length-prefixed, so that no choice of field contents can make two matters hash alike. */
static void
hash_str(crypto_hash_sha256_state *st, const char *s)
{
    char len[24];
    int n = snprintf(len, sizeof(len), "%zu:", strlen(s));

    crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)n);
    crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
}

static void
hash_int(crypto_hash_sha256_state *st, int64_t v)
{
    char s[24];

    snprintf(s, sizeof(s), "%lld", (long long)v);
    hash_str(st, s);
}

void
yc_matter_digest(const struct yc_matter *m, char out[65])
{
    crypto_hash_sha256_state st;
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256_init(&st);
    hash_str(&st, m->code);
    hash_str(&st, m->name);
    hash_int(&st, m->department_id);
    hash_str(&st, m->type);
    hash_int(&st, m->window_class);
    hash_int(&st, m->entered);
    hash_int(&st, m->statutory_days);
    hash_int(&st, m->promised_days);
    hash_str(&st, m->theme);
    hash_str(&st, m->conditions);
    hash_str(&st, m->legal_basis);
    hash_str(&st, m->fees);
    hash_int(&st, (int64_t)m->naliases);
    for (size_t i = 0; i < m->naliases; i++) {
        hash_str(&st, m->aliases[i]);
    }
    hash_int(&st, (int64_t)m->nmaterials);
    for (size_t i = 0; i < m->nmaterials; i++) {
        const struct yc_material *x = &m->materials[i];
        hash_str(&st, x->name);
        hash_int(&st, x->form);
        hash_int(&st, x->copies);
        hash_int(&st, x->required);
        hash_int(&st, x->rongque);
        hash_str(&st, x->review_points);
        hash_str(&st, x->sample);
    }
    hash_int(&st, (int64_t)m->nfaq);
    for (size_t i = 0; i < m->nfaq; i++) {
        hash_str(&st, m->faq[i].question);
        hash_str(&st, m->faq[i].answer);
    }
    hash_int(&st, (int64_t)m->nglossary);
    for (size_t i = 0; i < m->nglossary; i++) {
        hash_str(&st, m->glossary[i].term);
        hash_str(&st, m->glossary[i].definition);
    }
    crypto_hash_sha256_final(&st, d);
    yc_hex(d, sizeof(d), out);
}
