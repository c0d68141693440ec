/*
 * Text directives (:name[label]{attributes}, extension directive), and the parts every directive shares, which the
 * block directives (block/directive.c) scan with the same functions (ocp_directive_parts, ocp_directive_fields):
 *
 * - the name: a character that is neither whitespace nor punctuation, then more of them or '-' and '_', not ending
 *   in '-' or '_' (characters past U+FFFF always count, as micromark tests UTF-16 halves);
 * - the label: '[' to the matching ']', brackets nested at most 32 deep, \[, \] and \\ skipped, no line ending in
 *   a block directive's; its content is inline content of its own (parse_nested);
 * - the attributes: '{' to '}', each #id, .class, name, or name=value with the value bare or in '"' or '\'' quotes,
 *   separated by whitespace (line endings only in a text directive's); a value has its character references
 *   decoded (no backslash escapes); anything else makes the braces no attributes.
 *
 * A text directive starts at a colon that does not follow an unescaped colon; a name alone may not be followed by
 * a colon (:red: is text, so that gemoji shortcodes stay text). A label or attributes that do not scan end the
 * directive before them (they are text then).
 *
 * A label is parsed by a nested call of the inline parser (parse_nested), the one place this parser recurses: a
 * label inside a label needs a bracket of the outer one, and brackets nest at most LABEL_BALANCE_MAX deep, so the
 * recursion is at most that deep.
 *
 * Included by inline_parser.c (one compilation unit), never compiled on its own; a port of Directive.java
 * (engine-java's inline/ package), function for function.
 *
 * References: micromark-extension-directive 4 (directive-text, factory-name, factory-label, factory-attributes);
 * mdast-util-directive.
 */

/* Kinds of attribute a scan records: #x, .x, and name or name=value. */
#define DIRECTIVE_ID 1
#define DIRECTIVE_CLASS 2
#define DIRECTIVE_NAMED 3

/* The most brackets a label nests (micromark's link destination balance). */
#define LABEL_BALANCE_MAX 32
/* The most escapes a label holds (micromark counts its size in escapes only). */
#define LABEL_SIZE_MAX 999

static void directive_add(ocp_directive_scan *s, int32_t k, int32_t nf, int32_t nt, int32_t vf, int32_t vt,
                          int32_t f, int32_t t)
{
    int32_t i = s->attributes;
    if (i == s->capacity) {
        void *array = s->attrs;
        ocp_grow(s->ctx, &array, &s->capacity, (int64_t) i * 2 < 8 ? 8 : (int64_t) i * 2, sizeof *s->attrs);
        s->attrs = array;
    }
    s->attrs[i].kind = k;
    s->attrs[i].name_from = nf;
    s->attrs[i].name_to = nt;
    s->attrs[i].value_from = vf;
    s->attrs[i].value_to = vt;
    s->attrs[i].from = f;
    s->attrs[i].to = t;
    s->attributes = i + 1;
}

OCP_INLINE bool directive_line_ending(uint8_t b)
{
    return b == '\n' || b == '\r';
}

OCP_INLINE bool directive_space_or_tab(uint8_t b)
{
    return b == ' ' || b == '\t';
}

static int32_t directive_advance(const uint8_t *b, int32_t p, int32_t end)
{
    int32_t n = ocp_cc_sequence_length(b, p, end);
    return p + (n > 1 ? n : 1);
}

/* Whitespace or punctuation as micromark's name rules read them; characters past U+FFFF are neither, bytes that
 * are not UTF-8 (cp < 0) are both. */
static bool directive_whitespace_or_punctuation(int32_t cp)
{
    return cp < 0 || (cp <= 0xFFFF && (ocp_cc_is_whitespace(cp) || ocp_cc_is_punctuation(cp)));
}

static bool directive_whitespace(int32_t cp)
{
    return cp >= 0 && cp <= 0xFFFF && ocp_cc_is_whitespace(cp);
}

static bool directive_punctuation(int32_t cp)
{
    return cp < 0 || (cp <= 0xFFFF && ocp_cc_is_punctuation(cp));
}

/* Whether c is one of the bytes of set (a C string; never NUL, which no set holds). A loop, not strchr: the wasm
 * build has no C library. */
static bool directive_one_of(const char *set, uint8_t c)
{
    for (; *set != 0; set++) {
        if ((uint8_t) *set == c) {
            return true;
        }
    }
    return false;
}

/* The end of a name starting at p, or -1. */
static int32_t directive_name(const uint8_t *b, int32_t p, int32_t end)
{
    if (p >= end || directive_whitespace_or_punctuation(ocp_cc_decode(b, p, end))) {
        return -1;
    }
    int32_t q = directive_advance(b, p, end);
    while (q < end) {
        uint8_t c = b[q];
        if (c != '-' && c != '_' && directive_whitespace_or_punctuation(ocp_cc_decode(b, q, end))) {
            break;
        }
        q = directive_advance(b, q, end);
    }
    uint8_t last = b[q - 1];
    return last == '-' || last == '_' ? -1 : q;
}

/* Scans a label at p (its '[') into s. Returns the index after its ']', or -1. */
static int32_t directive_label(ocp_directive_scan *s, const uint8_t *b, int32_t p, int32_t end, bool block)
{
    int32_t balance = 0;
    int32_t escapes = 0;
    int32_t q = p + 1;
    for (;;) {
        if (q >= end || escapes > LABEL_SIZE_MAX) {
            return -1;
        }
        uint8_t c = b[q];
        if (c == '[') {
            if (++balance > LABEL_BALANCE_MAX) {
                return -1;
            }
        } else if (c == ']') {
            if (balance == 0) {
                s->label_start = p + 1;
                s->label_end = q;
                return q + 1;
            }
            balance--;
        } else if (directive_line_ending(c) && block) {
            return -1;
        } else if (c == '\\' && q + 1 < end && (b[q + 1] == '[' || b[q + 1] == ']' || b[q + 1] == '\\')) {
            q++;
            escapes++;
        }
        q++;
    }
}

/* Whitespace between attributes: spaces and tabs, and in a text directive line endings too. */
OCP_INLINE bool directive_gap(uint8_t c, bool block)
{
    return directive_space_or_tab(c) || (!block && directive_line_ending(c));
}

static int32_t directive_fail(ocp_directive_scan *s)
{
    s->attributes = 0;
    s->attributes_start = -1;
    return -1;
}

/* Scans attributes at p (their '{') into s. Returns the index after the '}', or -1 (and no attributes). */
static int32_t directive_attributes(ocp_directive_scan *s, const uint8_t *b, int32_t p, int32_t end, bool block)
{
    s->attributes = 0;
    int32_t q = p + 1;
    for (;;) {
        if (q >= end) {
            return directive_fail(s);
        }
        uint8_t c = b[q];
        if (c == '#' || c == '.') {
            int32_t start = q++;
            if (q >= end || directive_one_of("\"#'.<=>`}", b[q]) || directive_space_or_tab(b[q])
                || directive_line_ending(b[q])) {
                return directive_fail(s);
            }
            int32_t value_start = q;
            for (;;) {
                if (q >= end || directive_one_of("\"'<=>`", b[q])) {
                    return directive_fail(s);
                }
                uint8_t d = b[q];
                if (d == '#' || d == '.' || d == '}' || directive_space_or_tab(d) || directive_line_ending(d)) {
                    break;
                }
                q++;
            }
            directive_add(s, c == '#' ? DIRECTIVE_ID : DIRECTIVE_CLASS, -1, -1, value_start, q, start, q);
            continue;
        }
        if (directive_gap(c, block)) {
            q++;
            continue;
        }
        int32_t cp = ocp_cc_decode(b, q, end);
        if (directive_line_ending(c) || directive_whitespace(cp)
            || (directive_punctuation(cp) && c != '-' && c != '_')) {
            if (c == '}') {
                s->attributes_start = p;
                return q + 1;
            }
            return directive_fail(s);
        }
        int32_t name_start = q;
        q = directive_advance(b, q, end);
        while (q < end) {
            uint8_t d = b[q];
            int32_t dp = ocp_cc_decode(b, q, end);
            if (directive_line_ending(d) || directive_whitespace(dp)
                || (directive_punctuation(dp) && d != '-' && d != '.' && d != ':' && d != '_')) {
                break;
            }
            q = directive_advance(b, q, end);
        }
        int32_t name_end = q;
        while (q < end && directive_gap(b[q], block)) {
            q++;
        }
        if (q >= end || b[q] != '=') {
            directive_add(s, DIRECTIVE_NAMED, name_start, name_end, -1, -1, name_start, name_end);
            continue;
        }
        q++;
        for (;;) {
            if (q >= end) {
                return directive_fail(s);
            }
            uint8_t d = b[q];
            if (directive_one_of("<=>`}", d) || (block && directive_line_ending(d))) {
                return directive_fail(s);
            }
            if (d == '"' || d == '\'') {
                int32_t value_start = ++q;
                while (q < end && b[q] != d) {
                    if (block && directive_line_ending(b[q])) {
                        return directive_fail(s);
                    }
                    q++;
                }
                if (q >= end) {
                    return directive_fail(s);
                }
                directive_add(s, DIRECTIVE_NAMED, name_start, name_end, value_start, q, name_start, q + 1);
                q++;
                if (q < end && b[q] != '}' && !directive_space_or_tab(b[q]) && !directive_line_ending(b[q])) {
                    return directive_fail(s); /* a quoted value must be followed by whitespace or the end */
                }
                break;
            }
            if (directive_gap(d, block)) {
                q++;
                continue;
            }
            int32_t value_start = q++;
            for (;;) {
                if (q >= end || directive_one_of("\"'<=>`", b[q])) {
                    return directive_fail(s);
                }
                if (b[q] == '}' || directive_space_or_tab(b[q]) || directive_line_ending(b[q])) {
                    break;
                }
                q++;
            }
            directive_add(s, DIRECTIVE_NAMED, name_start, name_end, value_start, q, name_start, q);
            break;
        }
    }
}

int32_t ocp_directive_parts(ocp_directive_scan *s, const uint8_t *b, int32_t p, int32_t end, bool block)
{
    s->label_start = -1;
    s->attributes_start = -1;
    s->attributes = 0;
    int32_t q = directive_name(b, p, end);
    if (q < 0) {
        return -1;
    }
    s->name_start = p;
    s->name_end = q;
    if (q < end && b[q] == '[') {
        int32_t r = directive_label(s, b, q, end, block);
        if (r < 0) {
            return block ? -1 : q;
        }
        q = r;
    }
    if (q < end && b[q] == '{') {
        int32_t r = directive_attributes(s, b, q, end, block);
        if (r < 0) {
            return block ? -1 : q;
        }
        q = r;
    }
    return q;
}

void ocp_directive_fields(ocp_tree *tree, int32_t node, const ocp_directive_scan *s, const uint8_t *b,
                          const ocp_content_map *map)
{
    static const uint8_t id_name[] = {'i', 'd'};
    static const uint8_t class_name[] = {'c', 'l', 'a', 's', 's'};
    ocp_tree_set_string(tree, node, 0, ocp_tree_string(tree, b, s->name_start, s->name_end - s->name_start));
    int32_t first = -1;
    for (int32_t i = 0; i < s->attributes; i++) {
        const struct ocp_directive_attribute *a = &s->attrs[i];
        int32_t name = a->kind == DIRECTIVE_ID ? ocp_tree_string(tree, id_name, 0, 2)
                       : a->kind == DIRECTIVE_CLASS ? ocp_tree_string(tree, class_name, 0, 5)
                                                     : ocp_tree_string(tree, b, a->name_from, a->name_to - a->name_from);
        ocp_tree_begin_string(tree);
        if (a->value_from >= 0) {
            ocp_inline_append_decoded(tree, b, a->value_from, a->value_to, false, false);
        }
        int32_t value = ocp_tree_end_string(tree);
        int32_t index = ocp_tree_add_attribute(tree, OCP_ATTR_PLAIN, name, value,
                                               map == NULL ? a->from : ocp_content_map_to_source(map, a->from),
                                               map == NULL ? a->to : ocp_content_map_to_source(map, a->to));
        if (first < 0) {
            first = index;
        }
    }
    if (s->attributes > 0) {
        ocp_tree_set_number(tree, node, 1, first);
    }
    ocp_tree_set_number(tree, node, 2, s->attributes);
}

/* Whether the byte at i follows an odd run of backslashes (is escaped). */
static bool directive_escaped(const uint8_t *b, int32_t from, int32_t i)
{
    int32_t n = 0;
    while (i - 1 - n >= from && b[i - 1 - n] == '\\') {
        n++;
    }
    return (n & 1) == 1;
}

/* A colon in text: a text directive (returns where it ends), or -1 when none starts here. */
static int32_t text_directive(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *b = p->buf;
    if (i > p->start && b[i - 1] == ':' && !directive_escaped(b, p->start, i - 1)) {
        return -1;
    }
    ocp_directive_scan *s = &p->directive_scan;
    int32_t q = ocp_directive_parts(s, b, i + 1, p->end, false);
    if (q < 0 || (q == s->name_end && q < p->end && b[q] == ':')) {
        return -1;
    }
    p->work += q - i;
    flush_text(p, i);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TEXT_DIRECTIVE, p->top, src(p, i), src(p, q));
    ocp_directive_fields(p->tree, node, s, b, p->map);
    if (s->label_start >= 0 && s->label_end > s->label_start) {
        parse_nested(p, node, s->label_start, s->label_end);
    }
    p->text_start = q;
    return q;
}
