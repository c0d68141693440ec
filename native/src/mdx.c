/*
 * Port of MdxScanner.java and MdxNodes.java (see mdx.h): same functions, same order, same messages.
 */
#include "mdx.h"

#include <string.h>

#include "char_classes.h"

/* ---- messages ---- */

void ocp_mdx_text_add(ocp_mdx_text *t, const char *s)
{
    while (*s != '\0' && t->length < OCP_MESSAGE_CAPACITY - 1) {
        t->chars[t->length++] = *s++;
    }
    t->chars[t->length] = '\0';
}

static void text_add_bytes(ocp_mdx_text *t, const uint8_t *b, int32_t n)
{
    for (int32_t i = 0; i < n && t->length < OCP_MESSAGE_CAPACITY - 1; i++) {
        t->chars[t->length++] = (char) b[i];
    }
    t->chars[t->length] = '\0';
}

void ocp_mdx_text_add_int(ocp_mdx_text *t, int64_t v)
{
    char digits[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
    do {
        digits[n++] = (char) ('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        digits[n++] = '-';
    }
    char out[24];
    for (int i = 0; i < n; i++) {
        out[i] = digits[n - 1 - i];
    }
    out[n] = '\0';
    ocp_mdx_text_add(t, out);
}

/* MdxScanner.format: `a` (U+0061), or the code point alone; -1 (not UTF-8) as U+FFFD. */
static void text_add_character(ocp_mdx_text *t, int32_t cp)
{
    static const char hex[] = "0123456789ABCDEF";
    uint32_t v = cp < 0 ? 0xFFFD : (uint32_t) cp;
    char code[16] = "U+";
    int n = 2;
    int digits = v > 0xFFFFF ? 6 : v > 0xFFFF ? 5 : 4;
    for (int i = digits - 1; i >= 0; i--) {
        code[n++] = hex[(v >> (4 * i)) & 0xF];
    }
    code[n] = '\0';
    if (cp == '`') {
        ocp_mdx_text_add(t, "`` ` `` (");
    } else if (cp >= '!' && cp <= '~') {
        char quoted[5] = {'`', (char) cp, '`', ' ', '('};
        text_add_bytes(t, (const uint8_t *) quoted, 5);
    } else {
        ocp_mdx_text_add(t, code);
        return;
    }
    ocp_mdx_text_add(t, code);
    ocp_mdx_text_add(t, ")");
}

/* ---- the scanner ---- */

void ocp_mdx_scanner_init(ocp_mdx_scanner *s, ocp_ctx *ctx, void *host, ocp_mdx_fail fail)
{
    memset(s, 0, sizeof *s);
    s->ctx = ctx;
    s->host = host;
    s->fail = fail;
    s->attr_capacity = 8;
    s->attrs = ocp_mem_alloc(ctx, 8 * sizeof *s->attrs);
}

void ocp_mdx_grow(ocp_mdx_scanner *s, const uint8_t *buf, int32_t limit)
{
    s->b = buf;
    s->end = limit;
}

/* Whether q is inside the input, once more lines were asked for where it is not. */
static bool has(ocp_mdx_scanner *s, int32_t q)
{
    while (q >= s->end && s->more != NULL && s->more(s->host, s, s->in_expression)) {
        /* the continuation grew the buffer */
    }
    return q < s->end;
}

/* The length of the UTF-8 sequence at q, 1 for a byte that starts none. */
static int32_t char_length(ocp_mdx_scanner *s, int32_t q)
{
    int c = s->b[q];
    int32_t n = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
    if (!has(s, q + n - 1)) {
        return 1;
    }
    for (int32_t i = 1; i < n; i++) {
        if ((s->b[q + i] & 0xC0) != 0x80) {
            return 1;
        }
    }
    return n;
}

/* The code point at q, or -1 where the bytes are not UTF-8. */
static int32_t code_point(ocp_mdx_scanner *s, int32_t q)
{
    int32_t c = s->b[q];
    int32_t n = char_length(s, q);
    if (c < 0x80) {
        return c;
    }
    if (n == 1) {
        return -1;
    }
    int32_t cp = c & (0x3F >> (n - 1));
    for (int32_t i = 1; i < n; i++) {
        cp = cp << 6 | (s->b[q + i] & 0x3F);
    }
    return cp;
}

/* The byte at q (0..255), or -1 at the end. */
static int at(ocp_mdx_scanner *s, int32_t q)
{
    return has(s, q) ? s->b[q] : -1;
}

/* markdown-rs's whitespace: ASCII whitespace, Unicode White_Space, and the end of the input (not with micromark). */
static bool is_whitespace(ocp_mdx_scanner *s, int32_t q)
{
    if (!has(s, q)) {
        return !s->micromark || (s->space_at_end && s->more == NULL);
    }
    int c = s->b[q];
    if (c < 0x80) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0C;
    }
    int32_t cp = code_point(s, q);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
           || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static bool id_start(ocp_mdx_scanner *s, int32_t q)
{
    if (!has(s, q)) {
        return false;
    }
    int32_t cp = code_point(s, q);
    return cp == '$' || cp == '_' || ocp_cc_is_id_start(cp);
}

static bool id_continue(ocp_mdx_scanner *s, int32_t q)
{
    if (!has(s, q)) {
        return false;
    }
    int32_t cp = code_point(s, q);
    return cp == '$' || cp == '-' || cp == 0x200C || cp == 0x200D || ocp_cc_is_id_continue(cp);
}

_Noreturn static void fail(ocp_mdx_scanner *s, int32_t at_offset, const char *rule_id, const ocp_mdx_text *reason)
{
    s->fail(s->host, at_offset, rule_id, reason->chars);
    ocp_fail(s->ctx, OCP_INTERNAL, "an MDX failure handler returned");
}

/* MdxScanner.crash: "Unexpected character X WHERE, expected EXPECTED[NOTE]" (or end of file). */
_Noreturn static void crash(ocp_mdx_scanner *s, int32_t q, const char *where, const char *expected,
                            const char *note)
{
    bool eof = !has(s, q);
    ocp_mdx_text t = {{0}, 0};
    ocp_mdx_text_add(&t, "Unexpected ");
    if (eof) {
        ocp_mdx_text_add(&t, "end of file");
    } else {
        ocp_mdx_text_add(&t, "character ");
        text_add_character(&t, code_point(s, q));
    }
    ocp_mdx_text_add(&t, " ");
    ocp_mdx_text_add(&t, where);
    ocp_mdx_text_add(&t, ", expected ");
    ocp_mdx_text_add(&t, expected);
    ocp_mdx_text_add(&t, note);
    fail(s, q, eof ? "unexpected-eof" : "unexpected-character", &t);
}

/* Skips whitespace (line endings included) from q: the first other byte's offset, or NOK at the end (with
 * micromark, the end, where the caller fails). */
static int32_t whitespace(ocp_mdx_scanner *s, int32_t q)
{
    while (has(s, q) && is_whitespace(s, q)) {
        q += char_length(s, q);
    }
    return has(s, q) || s->micromark ? q : OCP_MDX_NOK;
}

/* The byte after which markdown-rs adds its note on JS comments (see MdxScanner.JS_COMMENT_NOTE_BYTE). */
#define JS_COMMENT_NOTE_BYTE ('*' | '/')
#define JS_COMMENT_NOTE " (note: JS comments in JSX tags are not supported in MDX)"
#define LINK_NOTE_TEXT " (note: to create a link in MDX, use `[text](url)`)"
#define NAME_START "a character that can start a name, such as a letter, `$`, or `_`"
#define ATTRIBUTE_NAME_START \
    "a character that can start an attribute name, such as a letter, `$`, or `_`; whitespace before " \
    "attributes; or the end of the tag"
#define ATTRIBUTE_NAME_OR_VALUE \
    "a character that can start an attribute name, such as a letter, `$`, or `_`; `=` to initialize a value; " \
    "or the end of the tag"
#define NAME_CHARACTER \
    "a name character such as letters, digits, `$`, or `_`; whitespace before attributes; or the end of the tag"
#define ATTRIBUTE_NAME_CHARACTER \
    "an attribute name character such as letters, digits, `$`, or `_`; `=` to initialize a value; whitespace " \
    "before attributes; or the end of the tag"

/* Whether the byte at q may follow a complete name: '/', '>', '{' or a name start. */
static bool end_of_name(ocp_mdx_scanner *s, int32_t q)
{
    int c = at(s, q);
    return c == '/' || c == '>' || c == '{' || id_start(s, q);
}

/* Whether byte c (or -1 at the end) is one of stops. */
static bool is_stop(const char *stops, int c)
{
    for (; *stops != '\0'; stops++) {
        if ((uint8_t) *stops == c) {
            return true;
        }
    }
    return false;
}

/* MdxScanner.name: from the name's first character at q to the whitespace or one of stops after it. */
static int32_t name(ocp_mdx_scanner *s, int32_t q, const char *where, const char *stops, bool at_name,
                    const char *expected, bool link_note)
{
    q += char_length(s, q);
    for (;;) {
        int c = at(s, q);
        if (is_whitespace(s, q) || is_stop(stops, c)) {
            if (at_name) {
                s->name_end = q;
            }
            return q;
        }
        if (id_continue(s, q)) {
            q += char_length(s, q);
        } else {
            crash(s, q, where, expected, link_note && c == '@' ? LINK_NOTE_TEXT : "");
        }
    }
}

static void add(ocp_mdx_scanner *s, int32_t kind, int32_t name_from, int32_t name_to, int32_t value_from,
                int32_t value_to, int32_t from, int32_t to)
{
    if (s->attributes == s->attr_capacity) {
        void *attrs = s->attrs;
        ocp_grow(s->ctx, &attrs, &s->attr_capacity, (int64_t) s->attributes + 1, sizeof *s->attrs);
        s->attrs = attrs;
    }
    s->attrs[s->attributes++] = (ocp_mdx_attribute) {kind, name_from, name_to, value_from, value_to, from, to};
}

/* Whether b[from, end) has a line ending with only whitespace after the last one. */
static bool only_whitespace_after_last_line_ending(ocp_mdx_scanner *s, int32_t from)
{
    int32_t last = s->end - 1;
    while (last >= from && s->b[last] != '\n') {
        last--;
    }
    if (last < from) {
        return false;
    }
    for (int32_t q = last + 1; q < s->end; q += char_length(s, q)) {
        if (!is_whitespace(s, q)) {
            return false;
        }
    }
    return true;
}

/* After the name: attributes until '/' or '>'. */
static int32_t attributes(ocp_mdx_scanner *s, int32_t q)
{
    for (;;) {
        int c = at(s, q);
        if (c == '/') {
            if (s->closing && s->closing_extra < 0) {
                s->closing_extra = q;
                s->closing_extra_is_slash = true;
            }
            s->self_closing = true;
            if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
                return OCP_MDX_NOK;
            }
            if (at(s, q) != '>') {
                crash(s, q, "after self-closing slash", "`>` to end the tag",
                      at(s, q) == JS_COMMENT_NOTE_BYTE ? JS_COMMENT_NOTE : "");
            }
            return q + 1;
        }
        if (c == '>') {
            return q + 1;
        }
        int32_t start = q;
        if (s->closing && s->closing_extra < 0) {
            s->closing_extra = q;
        }
        if (c == '{') {
            int32_t e = ocp_mdx_expression(s, s->b, q, s->end);
            s->in_expression = false;
            add(s, OCP_MDX_SPREAD, -1, -1, q + 1, e - 1, start, e);
            q = e;
        } else if (id_start(s, q)) {
            int32_t name_from = q;
            q = name(s, q, "in attribute name", "/:=>{", false, ATTRIBUTE_NAME_CHARACTER, false);
            int32_t name_to = q;
            if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
                return OCP_MDX_NOK;
            }
            if (at(s, q) == ':') {
                if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
                    return OCP_MDX_NOK;
                }
                if (!id_start(s, q)) {
                    crash(s, q, "before local attribute name", ATTRIBUTE_NAME_OR_VALUE, "");
                }
                q = name(s, q, "in local attribute name", "/=>{", false, ATTRIBUTE_NAME_CHARACTER, false);
                name_to = q;
                if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
                    return OCP_MDX_NOK;
                }
                if (at(s, q) != '=' && !end_of_name(s, q)) {
                    crash(s, q, "after local attribute name", ATTRIBUTE_NAME_OR_VALUE, "");
                }
            }
            if (at(s, q) == '=') {
                if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
                    return OCP_MDX_NOK;
                }
                int v = at(s, q);
                if (v == '"' || v == '\'') {
                    int32_t close = q + 1;
                    while (has(s, close) && s->b[close] != v) {
                        close++;
                    }
                    if (!has(s, close)) {
                        if (!s->micromark && only_whitespace_after_last_line_ending(s, q + 1)) {
                            return OCP_MDX_NOK; /* markdown-rs reads on after a line ending as whitespace */
                        }
                        ocp_mdx_text t = {{0}, 0};
                        ocp_mdx_text_add(&t, "Unexpected end of file in attribute value, expected a corresponding "
                                             "closing quote ");
                        text_add_character(&t, v);
                        fail(s, s->end, "unexpected-eof", &t);
                    }
                    add(s, OCP_MDX_PLAIN, name_from, name_to, q + 1, close, start, close + 1);
                    q = close + 1;
                } else if (v == '{') {
                    int32_t e = ocp_mdx_expression(s, s->b, q, s->end);
                    s->in_expression = false;
                    add(s, OCP_MDX_EXPRESSION, name_from, name_to, q + 1, e - 1, start, e);
                    q = e;
                } else {
                    crash(s, q, "before attribute value", "a character that can start an attribute value, such as "
                          "`\"`, `'`, or `{`", v == '<' ? " (note: to use an element or fragment as a prop value in "
                          "MDX, use `{<element />}`)" : "");
                }
            } else if (end_of_name(s, q)) {
                add(s, OCP_MDX_BOOLEAN, name_from, name_to, -1, -1, start, name_to);
                continue; /* q is already past the whitespace */
            } else {
                crash(s, q, "after attribute name", ATTRIBUTE_NAME_OR_VALUE, "");
            }
        } else {
            crash(s, q, "before attribute name", ATTRIBUTE_NAME_START, "");
        }
        if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
            return OCP_MDX_NOK;
        }
    }
}

int32_t ocp_mdx_tag(ocp_mdx_scanner *s, const uint8_t *buf, int32_t p, int32_t limit)
{
    s->b = buf;
    s->end = limit;
    s->closing = false;
    s->self_closing = false;
    s->name_start = -1;
    s->name_end = -1;
    s->closing_extra = -1;
    s->closing_extra_is_slash = false;
    s->attributes = 0;
    s->in_expression = false;
    int32_t q = p + 1;
    if ((q >= s->end && (s->more != NULL ? s->line_ending_follows : s->micromark && s->space_at_end))
        || (has(s, q) && (s->b[q] == '\t' || s->b[q] == '\n' || s->b[q] == ' '))) {
        return OCP_MDX_NOK; /* markdown-rs deviates from JSX here: no whitespace right after '<' */
    }
    if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
        return OCP_MDX_NOK;
    }
    if (at(s, q) == '/') {
        s->closing = true;
        if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
            return OCP_MDX_NOK;
        }
        if (at(s, q) == '>') {
            return q + 1; /* the closing fragment </> */
        }
        if (!id_start(s, q)) {
            crash(s, q, "before name", NAME_START, at(s, q) == JS_COMMENT_NOTE_BYTE ? JS_COMMENT_NOTE : "");
        }
    } else if (at(s, q) == '>') {
        return q + 1; /* the opening fragment <> */
    } else if (!id_start(s, q)) {
        crash(s, q, "before name", NAME_START,
              at(s, q) == '!' ? " (note: to create a comment in MDX, use `{/* text */}`)" : "");
    }
    /* The name: primary, then members (a.b.c) or one local part (a:b). */
    s->name_start = q;
    q = name(s, q, "in name", ".:/>{", true, NAME_CHARACTER, true);
    if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
        return OCP_MDX_NOK;
    }
    if (at(s, q) == '.') {
        do {
            if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
                return OCP_MDX_NOK;
            }
            if (!id_start(s, q)) {
                crash(s, q, "before member name", ATTRIBUTE_NAME_START, "");
            }
            q = name(s, q, "in member name", "./>{", true, NAME_CHARACTER, true);
            s->name_end = q;
            if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
                return OCP_MDX_NOK;
            }
        } while (at(s, q) == '.');
        if (!end_of_name(s, q)) {
            crash(s, q, "after member name", ATTRIBUTE_NAME_START, "");
        }
    } else if (at(s, q) == ':') {
        if ((q = whitespace(s, q + 1)) == OCP_MDX_NOK) {
            return OCP_MDX_NOK;
        }
        if (!id_start(s, q)) {
            int c = at(s, q);
            crash(s, q, "before local name", NAME_START, c == '+' || (c >= '/' && c <= '9') ? LINK_NOTE_TEXT : "");
        }
        q = name(s, q, "in local name", "/>{", false, NAME_CHARACTER, false);
        s->name_end = q;
        if ((q = whitespace(s, q)) == OCP_MDX_NOK) {
            return OCP_MDX_NOK;
        }
        if (!end_of_name(s, q)) {
            crash(s, q, "after local name", ATTRIBUTE_NAME_START, "");
        }
    } else if (!end_of_name(s, q)) {
        crash(s, q, "after name", ATTRIBUTE_NAME_START, "");
    }
    return attributes(s, q);
}

int32_t ocp_mdx_expression(ocp_mdx_scanner *s, const uint8_t *buf, int32_t p, int32_t limit)
{
    s->b = buf;
    s->end = limit;
    bool outer = s->in_expression;
    s->in_expression = true;
    int32_t depth = 0;
    for (int32_t q = p + 1; has(s, q); q++) {
        uint8_t c = s->b[q];
        if (c == '{') {
            depth++;
        } else if (c == '}') {
            if (depth == 0) {
                s->in_expression = outer;
                return q + 1;
            }
            depth--;
        }
    }
    ocp_mdx_text t = {{0}, 0};
    ocp_mdx_text_add(&t, "Unexpected end of file in expression, expected a corresponding closing brace for `{`");
    fail(s, s->end, "unexpected-eof", &t);
}

/* ---- nodes (MdxNodes.java) ---- */

/* Whitespace inside a name (a . b, svg: rect), which the name does not keep. */
static bool is_name_space(uint8_t b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0C;
}

void ocp_mdx_tag_fields(ocp_tree *tree, int32_t node, const ocp_mdx_scanner *s, const uint8_t *buf,
                        const ocp_content_map *map)
{
    if (s->name_start >= 0) {
        ocp_tree_begin_string(tree);
        for (int32_t i = s->name_start; i < s->name_end; i++) {
            if (!is_name_space(buf[i])) {
                ocp_tree_append_byte(tree, buf[i]);
            }
        }
        ocp_tree_set_string(tree, node, 0, ocp_tree_end_string(tree));
    }
    if (s->attributes == 0) {
        return;
    }
    int32_t first = -1;
    for (int32_t i = 0; i < s->attributes; i++) {
        const ocp_mdx_attribute *a = &s->attrs[i];
        int32_t name_id = a->name_start < 0 ? (int32_t) OCP_NONE
                                            : ocp_tree_string(tree, buf, a->name_start, a->name_end - a->name_start);
        int32_t value = (int32_t) OCP_NONE;
        if (a->kind == OCP_MDX_PLAIN) {
            ocp_tree_begin_string(tree);
            ocp_inline_append_decoded(tree, buf, a->value_start, a->value_end, false, false);
            value = ocp_tree_end_string(tree);
        } else if (a->kind != OCP_MDX_BOOLEAN) {
            value = ocp_tree_string(tree, buf, a->value_start, a->value_end - a->value_start);
        }
        int32_t index = ocp_tree_add_attribute(tree, a->kind, name_id, value, ocp_content_map_to_source(map, a->start),
                                               ocp_content_map_to_source(map, a->end));
        if (first < 0) {
            first = index;
        }
    }
    ocp_tree_set_number(tree, node, 1, first);
    ocp_tree_set_number(tree, node, 2, s->attributes);
}

bool ocp_mdx_same_name(const ocp_tree *tree, int32_t node, const uint8_t *buf, const ocp_mdx_scanner *s)
{
    int32_t id = ocp_tree_slot_value(tree, node, 0);
    if (s->name_start < 0 || id == (int32_t) OCP_NONE) {
        return s->name_start < 0 && id == (int32_t) OCP_NONE;
    }
    int32_t n = ocp_tree_string_length(tree, id);
    int32_t k = 0;
    for (int32_t i = s->name_start; i < s->name_end; i++) {
        if (is_name_space(buf[i])) {
            continue;
        }
        if (k == n || ocp_tree_string_byte(tree, id, k) != buf[i]) {
            return false;
        }
        k++;
    }
    return k == n;
}

/* MdxNodes.tagLabel: <NAME> or </NAME>, the name cut at OCP_MDX_LABEL_NAME_LIMIT bytes with an ellipsis. */
static void add_tag_label(ocp_mdx_text *t, bool closing, const uint8_t *name, int32_t length)
{
    int32_t n = length;
    bool cut = n > OCP_MDX_LABEL_NAME_LIMIT;
    if (cut) {
        n = OCP_MDX_LABEL_NAME_LIMIT;
        while (n > 0 && (name[n] & 0xC0) == 0x80) {
            n--; /* not inside a UTF-8 sequence */
        }
    }
    ocp_mdx_text_add(t, closing ? "</" : "<");
    text_add_bytes(t, name, n);
    ocp_mdx_text_add(t, cut ? "\xE2\x80\xA6>" : ">");
}

void ocp_mdx_text_add_label(ocp_mdx_text *t, const ocp_tree *tree, int32_t node, bool closing)
{
    uint8_t name[OCP_MDX_LABEL_NAME_LIMIT + 1];
    int32_t id = ocp_tree_slot_value(tree, node, 0);
    int32_t length = id == (int32_t) OCP_NONE ? 0 : ocp_tree_string_length(tree, id);
    int32_t n = length < OCP_MDX_LABEL_NAME_LIMIT + 1 ? length : OCP_MDX_LABEL_NAME_LIMIT + 1;
    for (int32_t i = 0; i < n; i++) {
        name[i] = ocp_tree_string_byte(tree, id, i);
    }
    add_tag_label(t, closing, name, length > n ? n : length);
}

void ocp_mdx_text_add_closing_label(ocp_mdx_text *t, const uint8_t *buf, const ocp_mdx_scanner *s)
{
    uint8_t name[OCP_MDX_LABEL_NAME_LIMIT + 1];
    int32_t n = 0;
    for (int32_t i = s->name_start; i >= 0 && i < s->name_end && n < OCP_MDX_LABEL_NAME_LIMIT + 1; i++) {
        if (!is_name_space(buf[i])) {
            name[n++] = buf[i];
        }
    }
    add_tag_label(t, true, name, n);
}

/* The line (high half) and column (low half), both from 1, of source offset at. */
static int64_t position(const uint8_t *src, int32_t length, int32_t at)
{
    int64_t line = 1;
    int32_t line_start = 0;
    int32_t stop = at < length ? at : length;
    for (int32_t i = 0; i < stop; i++) {
        uint8_t b = src[i];
        if (b == '\n' || (b == '\r' && (i + 1 >= length || src[i + 1] != '\n'))) {
            line++;
            line_start = i + 1;
        }
    }
    return line << 32 | (uint32_t) (at - line_start + 1);
}

void ocp_mdx_text_add_line_column(ocp_mdx_text *t, const uint8_t *src, int32_t length, int32_t at)
{
    int64_t p = position(src, length, at);
    ocp_mdx_text_add_int(t, p >> 32);
    ocp_mdx_text_add(t, ":");
    ocp_mdx_text_add_int(t, (int32_t) (uint32_t) p);
}

static void syntax_text(ocp_mdx_text *t, const uint8_t *src, int32_t length, int32_t at, int32_t to,
                        const char *rule_id, const char *reason)
{
    ocp_mdx_text_add_line_column(t, src, length, at);
    if (to >= 0) {
        ocp_mdx_text_add(t, "-");
        ocp_mdx_text_add_line_column(t, src, length, to);
    }
    ocp_mdx_text_add(t, ": ");
    ocp_mdx_text_add(t, reason);
    ocp_mdx_text_add(t, " (ocp:");
    ocp_mdx_text_add(t, rule_id);
    ocp_mdx_text_add(t, ")");
}

_Noreturn void ocp_mdx_syntax_error(ocp_ctx *ctx, const uint8_t *src, int32_t length, int32_t at, int32_t to,
                                    const char *rule_id, const char *reason)
{
    ocp_mdx_text t = {{0}, 0};
    syntax_text(&t, src, length, at, to, rule_id, reason);
    ocp_fail(ctx, OCP_SYNTAX, "%s", t.chars);
}

void ocp_mdx_defer_syntax_error(ocp_ctx *ctx, const uint8_t *src, int32_t length, int32_t at, int32_t to,
                                const char *rule_id, const char *reason, int32_t where, bool block)
{
    int64_t order = 2 * (int64_t) where + (block ? 1 : 0) + 1;
    if (ctx->deferred_order > 0 && order >= ctx->deferred_order) {
        return;
    }
    ocp_mdx_text t = {{0}, 0};
    syntax_text(&t, src, length, at, to, rule_id, reason);
    memcpy(ctx->deferred, t.chars, sizeof ctx->deferred);
    ctx->deferred_order = order;
}

void ocp_mdx_throw_deferred(ocp_ctx *ctx)
{
    if (ctx->deferred_order > 0) {
        ocp_fail(ctx, OCP_SYNTAX, "%s", ctx->deferred);
    }
}

void ocp_mdx_text_add_closed_outside(ocp_mdx_text *m, const char *node, const uint8_t *src, int32_t length,
                                     int32_t start, int32_t end, bool micromark)
{
    if (micromark) {
        ocp_mdx_text_add(m, "` either after the end of `");
        ocp_mdx_text_add(m, node);
        ocp_mdx_text_add(m, "` (");
        ocp_mdx_text_add_line_column(m, src, length, end);
        ocp_mdx_text_add(m, ") or another opening tag after the start of `");
        ocp_mdx_text_add(m, node);
        ocp_mdx_text_add(m, "` (");
        ocp_mdx_text_add_line_column(m, src, length, start);
        ocp_mdx_text_add(m, ")");
    } else {
        ocp_mdx_text_add(m, "` either before the start of `");
        ocp_mdx_text_add(m, node);
        ocp_mdx_text_add(m, "` (");
        ocp_mdx_text_add_line_column(m, src, length, start);
        ocp_mdx_text_add(m, "), or another opening tag after that start");
    }
}
