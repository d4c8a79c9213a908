/*
 * matter.h - a matter (事项) of the catalogue and its rules (DOMAIN.md, "The catalogue"): national
 * type codes, window classes, material forms, the limits a matter may have, the text forms of its
 * lists in an import file, their JSON form (stored and in the API), and the digest that tells
 * whether an imported row differs from the version in force. Pure: no I/O, no clock.
 *
 * Problems are collected, not returned one at a time: an import reports every row and column at
 * fault (up to YC_ISSUES_MAX), so a checker adds to a struct yc_issues and goes on.
 */
#ifndef YC_DOMAIN_MATTER_H
#define YC_DOMAIN_MATTER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/mem.h"

/* ---- reference tables ---- */

/* National type codes. Only on-application types (Annex 2's seven) may be in the catalogue. */
struct yc_matter_type_info {
    const char *code; /* "01" */
    const char *zh;   /* 行政许可 */
    int on_application;
};
extern const struct yc_matter_type_info yc_matter_types[];
extern const size_t yc_matter_types_count;
/* Annex 2's column order of the seven on-application types: 01 05 07 08 09 10 20. */
extern const char *const yc_annex2_types[7];
/* By code ("01"; "1" is taken as "01") or Chinese name; NULL when unknown. */
const struct yc_matter_type_info *yc_matter_type_find(const char *s);

enum yc_window_class {
    YC_WC_UNDIFFERENTIATED, /* 无差别综合窗口 */
    YC_WC_DOMAIN,           /* 分领域综合窗口 */
    YC_WC_CONVENIENCE,      /* 便民服务窗口 */
    YC_WC_ENTERPRISE,       /* 企业服务专厅 */
    YC_WC_DEPARTMENT,       /* 部门窗口 */
    YC_WC__MAX
};
struct yc_window_class_info {
    const char *name;  /* API value: "undifferentiated" */
    const char *label; /* import label: 无差别 */
    const char *zh;    /* 无差别综合窗口 */
};
extern const struct yc_window_class_info yc_window_classes[YC_WC__MAX];
/* By API value, import label or full name; -1 when unknown. */
int yc_window_class_parse(const char *s);

enum yc_material_form { YC_MF_ORIGINAL, YC_MF_COPY, YC_MF_BOTH, YC_MF__MAX };
struct yc_material_form_info {
    const char *name;  /* API value: "original" | "copy" | "original_and_copy" */
    const char *label; /* 原件 | 复印件 | 原件及复印件 */
};
extern const struct yc_material_form_info yc_material_forms[YC_MF__MAX];
/* By API value or label (also 原件和复印件); -1 when unknown. */
int yc_material_form_parse(const char *s);

/* ---- a matter ---- */

#define YC_MATTER_MAX_DAYS 3650

struct yc_material {
    const char *name;
    enum yc_material_form form;
    int copies;                /* 0..99 */
    int required;              /* 必需 */
    int rongque;               /* 可容缺: may be accepted missing against a commitment */
    const char *review_points; /* 审查要点, "" when none */
    const char *sample;        /* 示范文本, "" when none */
};

struct yc_faq {
    const char *question;
    const char *answer;
};

struct yc_term {
    const char *term;
    const char *definition;
};

/* One version of a matter. Strings are never NULL ("" when empty). */
struct yc_matter {
    int64_t id; /* 0 before it is stored */
    int version;
    const char *code; /* 31-character 实施编码, or a local code kept as given */
    const char *name;
    int64_t department_id;
    const char *department_name;
    char type[3]; /* national code, "01" */
    enum yc_window_class window_class;
    int entered; /* 进驻 the centre */
    int statutory_days;
    int promised_days; /* <= statutory_days; 0 = 即办件 */
    const char **aliases;
    size_t naliases;
    const char *theme;
    const char *conditions;
    const char *legal_basis;
    const char *fees;
    struct yc_material *materials;
    size_t nmaterials;
    struct yc_faq *faq;
    size_t nfaq;
    struct yc_term *glossary;
    size_t nglossary;
    int64_t created_at; /* of this version, unix ms */
    const char *created_by;
};

/* Set every string of m to "" and every number to 0 (window class undifferentiated). */
void yc_matter_init(struct yc_matter *m);

/*
 * Trim leading and trailing white space of every string and turn CR LF / CR into LF in the
 * multi-line texts (conditions, legal basis, fees), as an import reads a cell; strings are copied
 * into a when they change. Input from the API goes through this, so a stored matter exports and
 * imports back unchanged.
 */
void yc_matter_normalize(struct yc_arena *a, struct yc_matter *m);

/* 1 when code has the shape of a national 实施编码: 31 of [0-9A-Z]. */
int yc_matter_code_is_national(const char *code);

/* ---- problems found ---- */

#define YC_ISSUES_MAX 100
#define YC_MC__COLS   24 /* more than the columns of any import */

struct yc_issue {
    long row;        /* spreadsheet row (header = 1); 0 outside an import */
    char column[48]; /* import column or JSON field; "" for the whole file */
    char code[40];   /* stable: "promised_exceeds_statutory" */
    char message[320];
};

struct yc_issues {
    long row;     /* the row being checked, copied into each issue added */
    size_t n;     /* kept: at most YC_ISSUES_MAX */
    size_t total; /* found, including those not kept */
    struct yc_issue item[YC_ISSUES_MAX];
    /* private: the columns of row seen_row that already have a problem */
    long seen_row;
    size_t nseen;
    char seen[YC_MC__COLS][48];
};

/* Add a problem (is may be NULL: ignored). A second problem in the same row and column is dropped:
 * one problem per cell. */
void yc_issue_add(struct yc_issues *is, const char *column, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Check a complete matter: lengths, characters of the code, type, limits (promised <= statutory),
 * list sizes, and that no list item holds a '|' or a line break where the import form could not
 * carry it (so every stored matter exports and imports back unchanged). The department's existence
 * is the caller's to check.
 */
void yc_matter_check(const struct yc_matter *m, struct yc_issues *is);

/* ---- the import layout ---- */

enum yc_matter_col {
    YC_MC_CODE,
    YC_MC_NAME,
    YC_MC_DEPARTMENT,
    YC_MC_TYPE,
    YC_MC_STATUTORY_DAYS,
    YC_MC_PROMISED_DAYS,
    YC_MC_WINDOW_CLASS,
    YC_MC_ENTERED,
    YC_MC_ALIASES,
    YC_MC_THEME,
    YC_MC_CONDITIONS,
    YC_MC_MATERIALS,
    YC_MC_LEGAL_BASIS,
    YC_MC_FEES,
    YC_MC_FAQ,
    YC_MC_GLOSSARY,
    YC_MC__MAX
};
struct yc_matter_col_info {
    const char *name; /* header: "statutory_days" */
    int required;
    const char *zh; /* 法定时限（工作日） */
};
/* In the order of the layout (data/demo-matters.csv). */
extern const struct yc_matter_col_info yc_matter_cols[YC_MC__MAX];
/* The column with that header, or -1. */
int yc_matter_col_find(const char *header);

/*
 * Parse one cell (leading and trailing spaces already trimmed) into m; problems go to is under the
 * column's name. The department cell is kept as m->department_name for the caller to resolve.
 * Strings are copied into a.
 *   type             01 05 07 08 09 10 20 (a one-digit code is padded: 1 -> 01) or 行政许可 ...
 *   statutory_days   an integer 0..3650; promised_days the same
 *   window_class     无差别 / 分领域 / 便民 / 专厅 / 部门 (or the API values)
 *   entered          1 or 0 (是 / 否 too)
 *   aliases          separated by '|'
 *   materials        one per line: name|form|copies|required|rongque|review_points|sample; only
 *                    name is needed (defaults: 原件, 1 copy, required, no 容缺, none, none)
 *   faq              one per line: question|answer
 *   glossary         one per line: term|definition
 */
void yc_matter_parse_cell(struct yc_arena *a, enum yc_matter_col col, const char *text,
                          struct yc_matter *m, struct yc_issues *is);

/* The cell text of a column for m: the inverse of yc_matter_parse_cell (into a). */
const char *yc_matter_cell(struct yc_arena *a, enum yc_matter_col col, const struct yc_matter *m);

/* ---- JSON: the lists as stored and as the API shows and takes them ---- */

/* aliases: ["…"]; materials: [{"name", "form", "copies", "required", "rongque", "review_points",
 * "sample"}]; faq: [{"question", "answer"}]; glossary: [{"term", "definition"}]. New references. */
json_t *yc_matter_aliases_json(const struct yc_matter *m);
json_t *yc_matter_materials_json(const struct yc_matter *m);
json_t *yc_matter_faq_json(const struct yc_matter *m);
json_t *yc_matter_glossary_json(const struct yc_matter *m);

/*
 * Read the lists back from JSON (NULL leaves the list empty); problems (wrong types, unknown keys,
 * bad form values) go to is under "aliases", "materials[2].form" .... Strings are copied into a.
 */
void yc_matter_lists_from_json(struct yc_arena *a, const json_t *aliases, const json_t *materials,
                               const json_t *faq, const json_t *glossary, struct yc_matter *m,
                               struct yc_issues *is);

/* SHA-256 (hex) over every field that makes up a version (not id, version, created_*). */
void yc_matter_digest(const struct yc_matter *m, char out[65]);

#endif
