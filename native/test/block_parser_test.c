/*
 * The block structure, node details and exact source spans of the block parser, construct by construct
 * (BlockParserTest.java), and container nesting: the max_nesting_depth limit and inputs a million levels deep,
 * which must parse without recursion (BlockLimitsTest.java), and link reference definitions as the block parser
 * drives them (BlockDefinitionsTest.java). Documents go through the public ABI and are dumped
 * from the payload as BlockTrees.java dumps them: KIND@start-end(details){children}, with each paragraph's and
 * heading's inline content as ["text"]@start-end, so the expectations are the Java tests' own.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "block_test.h"
#include "payload_bytes.h"
#include "ocp.h"
#include "ocp_format.h"

static ocp_engine *engine;

static const ocp_options DEFAULTS = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, 256u << 20, 0, 0};

/* ---- reading a payload ---- */

typedef struct payload {
    const uint8_t *bytes;
    uint32_t nodes;      /* node table offset */
    uint32_t node_count;
    uint32_t strings;    /* string pool offset */
} payload;

static const uint8_t *node(const payload *d, uint32_t n) {
    return d->bytes + d->nodes + (size_t) n * OCP_NODE_RECORD_SIZE;
}

static int kind(const payload *d, uint32_t n) {
    return node(d, n)[OCP_N_KIND];
}

static uint32_t field(const payload *d, uint32_t n, int offset) {
    return le32(node(d, n), (uint32_t) offset);
}

static int data(const payload *d, uint32_t n) {
    return node(d, n)[OCP_N_DATA] | node(d, n)[OCP_N_DATA + 1] << 8;
}

/* ---- a growing text buffer ---- */

typedef struct text {
    char *chars;
    size_t length, capacity;
} text;

static void put_bytes(text *t, const char *s, size_t n) {
    if (t->length + n + 1 > t->capacity) {
        t->capacity = (t->length + n + 1) * 2;
        t->chars = realloc(t->chars, t->capacity);
        if (t->chars == NULL) {
            abort();
        }
    }
    memcpy(t->chars + t->length, s, n);
    t->length += n;
    t->chars[t->length] = 0;
}

static void put(text *t, const char *s) {
    put_bytes(t, s, strlen(s));
}

/* Appends a number. */
static void put_number(text *t, long long value) {
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", value);
    put(t, buf);
}

/* Appends "start-end". */
static void put_range(text *t, uint32_t start, uint32_t end) {
    put_number(t, start);
    put(t, "-");
    put_number(t, end);
}

/* Appends s[0, n) quoted as BlockTrees.quote does. */
static void put_quoted_bytes(text *t, const char *s, size_t n) {
    put(t, "\"");
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\n') {
            put(t, "\\n");
        } else if (ch == '\t') {
            put(t, "\\t");
        } else if (ch == '"') {
            put(t, "\\\"");
        } else {
            put_bytes(t, &ch, 1);
        }
    }
    put(t, "\"");
}

/* Appends string reference r quoted; "null" for NONE. */
static void put_quoted(text *t, const payload *d, uint32_t r) {
    if (r == OCP_NONE) {
        put(t, "null");
        return;
    }
    const uint8_t *s = d->bytes + d->strings + r;
    put_quoted_bytes(t, (const char *) s + 4, le32(s, 0));
}

static void put_string(text *t, const payload *d, uint32_t r) {
    if (r != OCP_NONE) {
        const uint8_t *s = d->bytes + d->strings + r;
        put_bytes(t, (const char *) s + 4, le32(s, 0));
    }
}

static const char *kind_name(int k) {
    static const char *const BLOCKS[] = {"?", "DOCUMENT", "PARAGRAPH", "HEADING", "THEMATIC_BREAK", "BLOCK_QUOTE",
        "LIST", "LIST_ITEM", "CODE_BLOCK", "HTML_BLOCK", "DEFINITION", "TABLE", "TABLE_ROW", "TABLE_CELL",
        "FOOTNOTE_DEFINITION", "FRONTMATTER", "MATH_BLOCK", "MDX_JSX_FLOW", "MDX_EXPRESSION_FLOW", "MDX_ESM"};
    static const char *const INLINES[] = {"TEXT", "SOFT_BREAK", "HARD_BREAK", "CODE_SPAN", "EMPHASIS", "STRONG",
        "LINK", "IMAGE", "HTML_INLINE", "STRIKETHROUGH", "FOOTNOTE_REFERENCE", "MATH_INLINE", "MDX_JSX_TEXT",
        "MDX_EXPRESSION_TEXT"};
    if (k >= 1 && k <= OCP_KIND_MDX_ESM) {
        return BLOCKS[k];
    }
    if (k >= OCP_KIND_TEXT && k <= OCP_KIND_MDX_EXPRESSION_TEXT) {
        return INLINES[k - OCP_KIND_TEXT];
    }
    return "?";
}

static bool has_literal(int k) {
    return k == OCP_KIND_TEXT || k == OCP_KIND_CODE_SPAN || k == OCP_KIND_CODE_BLOCK || k == OCP_KIND_HTML_BLOCK
           || k == OCP_KIND_HTML_INLINE || k == OCP_KIND_MATH_BLOCK || k == OCP_KIND_MATH_INLINE
           || k == OCP_KIND_FRONTMATTER || k == OCP_KIND_MDX_EXPRESSION_FLOW || k == OCP_KIND_MDX_EXPRESSION_TEXT
           || k == OCP_KIND_MDX_ESM;
}

/* Text of an inline subtree: literals, soft and hard breaks as \n, no markup. Small inputs only: recursive. */
static void append_text(text *t, const payload *d, uint32_t n) {
    int k = kind(d, n);
    if (k == OCP_KIND_SOFT_BREAK || k == OCP_KIND_HARD_BREAK) {
        put(t, "\n");
        return;
    }
    if (has_literal(k)) {
        put_string(t, d, field(d, n, OCP_N_A));
    }
    for (uint32_t c = field(d, n, OCP_N_FIRST_CHILD); c != OCP_NONE; c = field(d, c, OCP_N_NEXT_SIBLING)) {
        append_text(t, d, c);
    }
}

static void dump_children(text *out, const payload *d, uint32_t parent);

/* [text]@start-end: the leaf's inline content as text and the span its inline nodes cover; [] when empty. */
static void dump_inline(text *out, const payload *d, uint32_t leaf) {
    uint32_t c = field(d, leaf, OCP_N_FIRST_CHILD);
    if (c == OCP_NONE) {
        put(out, "[]");
        return;
    }
    text content = {0};
    put(&content, "");
    uint32_t start = field(d, c, OCP_N_SPAN_START);
    uint32_t end = 0;
    for (; c != OCP_NONE; c = field(d, c, OCP_N_NEXT_SIBLING)) {
        append_text(&content, d, c);
        end = field(d, c, OCP_N_SPAN_END);
    }
    if (content.length == 0) {
        put(out, "[]");
    } else {
        put(out, "[");
        put_quoted_bytes(out, content.chars, content.length);
        put(out, "]@");
        put_range(out, start, end);
    }
    free(content.chars);
}

static void dump(text *out, const payload *d, uint32_t n) {
    int k = kind(d, n);
    int flags = node(d, n)[OCP_N_FLAGS];
    put(out, kind_name(k));
    put(out, "@");
    put_range(out, field(d, n, OCP_N_SPAN_START), field(d, n, OCP_N_SPAN_END));
    char marker[2] = {(char) data(d, n), 0};
    switch (k) {
        case OCP_KIND_HEADING:
            put(out, "(");
            put_number(out, data(d, n));
            put(out, (flags & OCP_FLAG_HEADING_SETEXT) != 0 ? ",setext)" : ")");
            break;
        case OCP_KIND_LIST:
            put(out, "(");
            put(out, marker);
            if ((flags & OCP_FLAG_LIST_ORDERED) != 0) {
                put(out, ",ordered,start=");
                put_number(out, field(d, n, OCP_N_A));
            }
            put(out, (flags & OCP_FLAG_LIST_TIGHT) != 0 ? ",tight)" : ",loose)");
            break;
        case OCP_KIND_CODE_BLOCK:
            put(out, "(");
            if ((flags & OCP_FLAG_CODE_FENCED) != 0) {
                put(out, "fenced ");
                put(out, marker);
                put(out, ",");
                if (field(d, n, OCP_N_B) != OCP_NONE) {
                    put(out, "info=");
                    put_quoted(out, d, field(d, n, OCP_N_B));
                    put(out, ",");
                }
            }
            put_quoted(out, d, field(d, n, OCP_N_A));
            put(out, ")");
            break;
        case OCP_KIND_HTML_BLOCK:
            put(out, "(");
            put_number(out, data(d, n));
            put(out, ",");
            put_quoted(out, d, field(d, n, OCP_N_A));
            put(out, ")");
            break;
        default:
            break;
    }
    if (k == OCP_KIND_PARAGRAPH || k == OCP_KIND_HEADING) {
        dump_inline(out, d, n);
    } else if (field(d, n, OCP_N_FIRST_CHILD) != OCP_NONE) {
        put(out, "{");
        dump_children(out, d, n);
        put(out, "}");
    }
}

static void dump_children(text *out, const payload *d, uint32_t parent) {
    for (uint32_t c = field(d, parent, OCP_N_FIRST_CHILD); c != OCP_NONE; c = field(d, c, OCP_N_NEXT_SIBLING)) {
        if (c != field(d, parent, OCP_N_FIRST_CHILD)) {
            put(out, " ");
        }
        dump(out, d, c);
    }
}

static payload open_payload(const ocp_result *r) {
    payload d = {r->payload, le32(r->payload, OCP_H_NODE_OFFSET), le32(r->payload, OCP_H_NODE_COUNT),
                 le32(r->payload, OCP_H_STRING_OFFSET)};
    return d;
}

/* The dump of the last blocks() call, freed at exit. */
static text out;

/* Parses src[0, length) with the default options and dumps its blocks (valid until the next call); a failure is
 * dumped as "!status message". */
static const char *blocks(const char *src, size_t length) {
    out.length = 0;
    put(&out, "");
    ocp_result r;
    if (ocp_parse(engine, (const uint8_t *) src, length, &DEFAULTS, &r) != OCP_OK) {
        put(&out, "!");
        put_number(&out, r.status);
        put(&out, " ");
        put(&out, r.message);
        return out.chars;
    }
    payload d = open_payload(&r);
    dump_children(&out, &d, 0);
    ocp_free(engine, r.payload);
    return out.chars;
}

/* The input's length is its literal's, so that inputs may hold NUL. */
#define CHECK_BLOCKS(expected, input) CHECK_STR(expected, blocks(input, sizeof(input) - 1))

/* ---- the block structure, construct by construct (BlockParserTest.java) ---- */

static void atx_headings(void) {
    CHECK_BLOCKS("HEADING@0-4(1)[\"h1\"]@2-4 HEADING@5-13(2)[\"h2\"]@8-10 HEADING@14-25(6)[\"h6\"]@21-23 "
                 "PARAGRAPH@26-36[\"####### no\"]@26-36",
                 "# h1\n## h2 ##\n###### h6 #\n####### no");
    /* Up to three spaces of indentation; a tab is four columns, which makes indented code. */
    CHECK_BLOCKS("HEADING@2-7(1)[\"h\"]@4-5 CODE_BLOCK@9-14(\"# not\\n\")",
                 "  # h  \n\t# not");
}

static void empty_atx_headings_and_closing_sequences(void) {
    CHECK_BLOCKS("HEADING@0-1(1)[] HEADING@2-5(1)[] HEADING@6-13(3)[]",
                 "#\n# #\n### ###");
    CHECK_BLOCKS("HEADING@0-6(1)[\"foo#\"]@2-6",
                 "# foo#");
}

static void setext_headings(void) {
    CHECK_BLOCKS("HEADING@0-16(1,setext)[\"Setext\\nlines\"]@0-12 HEADING@18-25(2,setext)[\"Two\"]@18-21",
                 "Setext\nlines\n===\n\nTwo\n---");
    /* Leading indentation of continuation lines and trailing spaces of the last line are not content. */
    CHECK_BLOCKS("HEADING@2-16(1,setext)[\"Foo\\nbar\"]@2-12",
                 "  Foo\n   bar  \n=");
}

static void thematic_breaks(void) {
    CHECK_BLOCKS("THEMATIC_BREAK@0-3 THEMATIC_BREAK@4-9 THEMATIC_BREAK@10-13",
                 "***\n- - -\n___");
    /* A list item's content can be a break; a break line ends a list. */
    CHECK_BLOCKS("LIST@0-5(-,tight){LIST_ITEM@0-5{HEADING@2-5(1)[\"h\"]@4-5}} THEMATIC_BREAK@6-11 "
                 "LIST@12-21(-,tight){LIST_ITEM@12-21{HEADING@14-21(2,setext)[\"b\"]@14-15}}",
                 "- # h\n- ---\n- b\n  ---");
}

static void fenced_code(void) {
    CHECK_BLOCKS("CODE_BLOCK@0-24(fenced `,info=\"rust  extra\",\"code\\n\\n\") CODE_BLOCK@26-35(fenced "
                 "~,\"open\\n\")",
                 "```rust  extra\ncode\n\n```\n\n~~~~\nopen");
    /* Indentation of the opening fence is removed from content lines, up to that many columns. */
    CHECK_BLOCKS("CODE_BLOCK@1-20(fenced `,\"  a\\n b\\nc\\n\")",
                 " ```\n   a\n  b\n c\n```");
    /* The closing fence must be at least as long as the opening one; empty content is an empty literal. */
    CHECK_BLOCKS("CODE_BLOCK@0-7(fenced `,\"\") CODE_BLOCK@8-16(fenced `,\"```\\n\")",
                 "```\n```\n````\n```\n");
    /* In a list item, a whitespace-only line keeps what lies past the item's indentation. */
    CHECK_BLOCKS("LIST@0-17(-,tight){LIST_ITEM@0-17{CODE_BLOCK@2-17(fenced `,\"   \\n\")}}",
                 "- ```\n     \n  ```");
    /* A backtick fence's info string cannot contain backticks. */
    CHECK_BLOCKS("PARAGRAPH@0-9[\"``` a`b\\nx\"]@0-9",
                 "``` a`b\nx");
}

static void indented_code(void) {
    /* Blank lines inside are kept, trailing ones are not part of the block (span nor literal). */
    CHECK_BLOCKS("CODE_BLOCK@4-19(\"code\\n\\n\\nmore\\n\") PARAGRAPH@22-26[\"para\"]@22-26",
                 "    code\n\n\n    more\n\n\npara");
    /* Indented code cannot interrupt a paragraph. */
    CHECK_BLOCKS("PARAGRAPH@0-14[\"p\\nnot code\"]@0-14",
                 "p\n    not code");
}

static void tabs(void) {
    CHECK_BLOCKS("CODE_BLOCK@4-13(\"a\\tb\\n\\tc\\n\")",
                 "    a\tb\n  \t\tc");
    CHECK_BLOCKS("CODE_BLOCK@1-12(\"code\\nmore\\n\")",
                 "\tcode\n \tmore");
    /* The space after '>' is taken from a tab, whose other two columns stay code indentation. */
    CHECK_BLOCKS("BLOCK_QUOTE@0-6{CODE_BLOCK@2-6(\"  foo\\n\")}",
                 ">\t\tfoo");
    CHECK_BLOCKS("LIST@0-11(-,loose){LIST_ITEM@0-11{PARAGRAPH@2-5[\"foo\"]@2-5 PARAGRAPH@8-11[\"bar\"]@8-11}}",
                 "-\tfoo\n\n\tbar");
    CHECK_BLOCKS("LIST@0-11(.,ordered,start=1,loose){LIST_ITEM@0-11{PARAGRAPH@3-4[\"x\"]@3-4 "
                 "PARAGRAPH@10-11[\"y\"]@10-11}}",
                 "1.\tx\n\n  \t y");
}

static void html_blocks(void) {
    CHECK_BLOCKS("HTML_BLOCK@0-7(6,\"<div>\\nx\\n\") HTML_BLOCK@9-20(2,\"<!-- c\\n\\n-->\\n\") "
                 "PARAGRAPH@21-26[\"after\"]@21-26",
                 "<div>\nx\n\n<!-- c\n\n-->\nafter");
    CHECK_BLOCKS("HTML_BLOCK@0-13(1,\"<pre>\\n\\n</pre>\\n\") PARAGRAPH@14-15[\"z\"]@14-15",
                 "<pre>\n\n</pre>\nz");
    CHECK_BLOCKS("HTML_BLOCK@0-10(3,\"<?php\\n\\n?>z\\n\") PARAGRAPH@11-12[\"q\"]@11-12",
                 "<?php\n\n?>z\nq");
    CHECK_BLOCKS("HTML_BLOCK@0-13(5,\"<![CDATA[\\n]]>\\n\") HTML_BLOCK@14-26(4,\"<!DOCTYPE x>\\n\") "
                 "PARAGRAPH@27-31[\"<x\\ny\"]@27-31",
                 "<![CDATA[\n]]>\n<!DOCTYPE x>\n<x\ny");
    /* Indentation before the tag is part of the literal. */
    CHECK_BLOCKS("HTML_BLOCK@0-7(6,\"  <div>\\n\")",
                 "  <div>\n");
}

static void html_block_type7_cannot_interrupt_a_paragraph(void) {
    CHECK_BLOCKS("PARAGRAPH@0-14[\"p\\n<custom-tag>\"]@0-14 HTML_BLOCK@16-30(7,\"<custom-tag>\\np\\n\")",
                 "p\n<custom-tag>\n\n<custom-tag>\np");
    /* Not even lazily: the line would continue the paragraph had it its '>'. */
    CHECK_BLOCKS("BLOCK_QUOTE@0-16{PARAGRAPH@2-16[\"p\\n<custom-tag>\"]@2-16}",
                 "> p\n<custom-tag>");
    CHECK_BLOCKS("HTML_BLOCK@0-24(7,\"<a href='x' b=c d >\\n</a>\\n\")",
                 "<a href='x' b=c d >\n</a>");
    /* Incomplete tags and condition-1 names do not start a type 7 block. */
    CHECK_BLOCKS("PARAGRAPH@0-7[\"<a href\"]@0-7",
                 "<a href\n");
    CHECK_BLOCKS("PARAGRAPH@0-6[\"<pre/>\"]@0-6",
                 "<pre/>");
}

static void block_quotes_and_laziness(void) {
    CHECK_BLOCKS("BLOCK_QUOTE@0-14{PARAGRAPH@2-8[\"a\\nlazy\"]@2-8 PARAGRAPH@13-14[\"b\"]@13-14}",
                 "> a\nlazy\n>\n> b");
    CHECK_BLOCKS("BLOCK_QUOTE@0-24{BLOCK_QUOTE@2-24{BLOCK_QUOTE@4-24{PARAGRAPH@6-24[\"deep\\nmore\\nlazy\"]@6-24}}}",
                 "> > > deep\n> > more\nlazy");
    CHECK_BLOCKS("BLOCK_QUOTE@0-3{BLOCK_QUOTE@1-3{BLOCK_QUOTE@2-3}}",
                 ">>>\n");
    CHECK_BLOCKS("BLOCK_QUOTE@0-6{PARAGRAPH@2-6[\"code\"]@2-6}",
                 ">\tcode");
}

static void lists_and_items(void) {
    CHECK_BLOCKS("LIST@0-9(),ordered,start=1,tight){LIST_ITEM@0-4{PARAGRAPH@3-4[\"x\"]@3-4} "
                 "LIST_ITEM@5-9{PARAGRAPH@8-9[\"y\"]@8-9}} "
                 "LIST@10-14(.,ordered,start=3,tight){LIST_ITEM@10-14{PARAGRAPH@13-14[\"z\"]@13-14}}",
                 "1) x\n2) y\n3. z");
    /* Items are placed by the indentation of their content, not of their marker. */
    CHECK_BLOCKS("LIST@0-29(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@5-8{PARAGRAPH@7-8[\"b\"]@7-8} "
                 "LIST_ITEM@11-14{PARAGRAPH@13-14[\"c\"]@13-14} LIST_ITEM@18-29{PARAGRAPH@20-29[\"d\\n- e\"]@20-29}}",
                 "- a\n - b\n  - c\n   - d\n    - e");
    CHECK_BLOCKS("LIST@0-6(-,tight){LIST_ITEM@0-6{PARAGRAPH@2-6[\"a\\nb\"]@2-6}}",
                 "- a\n\tb");
    /* Start numbers up to nine digits; ten digits are not a marker. */
    CHECK_BLOCKS("LIST@0-13(.,ordered,start=123456789,tight){LIST_ITEM@0-13{PARAGRAPH@11-13[\"ok\"]@11-13}}",
                 "123456789. ok");
    CHECK_BLOCKS("PARAGRAPH@0-15[\"1234567890. not\"]@0-15",
                 "1234567890. not");
}

static void empty_list_items(void) {
    /* An item may start with one blank line; an empty item followed by a blank line ends. */
    CHECK_BLOCKS("LIST@0-10(-,tight){LIST_ITEM@0-8{PARAGRAPH@5-8[\"foo\"]@5-8} LIST_ITEM@9-10} "
                 "PARAGRAPH@14-17[\"bar\"]@14-17",
                 "- \n  foo\n-\n\n  bar");
    /* A whitespace-only line is as blank as an empty one. */
    CHECK_BLOCKS("LIST@0-1(-,tight){LIST_ITEM@0-1} PARAGRAPH@7-10[\"foo\"]@7-10",
                 "-\n  \n  foo");
    CHECK_BLOCKS("LIST@0-39(-,tight){LIST_ITEM@0-7{PARAGRAPH@4-7[\"foo\"]@4-7} "
                 "LIST_ITEM@8-27{CODE_BLOCK@12-27(fenced `,\"bar\\n\")} "
                 "LIST_ITEM@28-39{CODE_BLOCK@36-39(\"baz\\n\")}}",
                 "-\n  foo\n-\n  ```\n  bar\n  ```\n-\n      baz");
}

static void what_interrupts_a_paragraph(void) {
    /* A bullet item does; an ordered one only from 1; an empty item does not ('-' alone is a setext line). */
    CHECK_BLOCKS("PARAGRAPH@0-1[\"p\"]@0-1 LIST@2-5(-,tight){LIST_ITEM@2-5{PARAGRAPH@4-5[\"a\"]@4-5}} "
                 "PARAGRAPH@7-13[\"p\\n2. b\"]@7-13 PARAGRAPH@15-16[\"p\"]@15-16 "
                 "LIST@17-21(.,ordered,start=1,tight){LIST_ITEM@17-21{PARAGRAPH@20-21[\"c\"]@20-21}} "
                 "HEADING@23-26(2,setext)[\"p\"]@23-24 PARAGRAPH@28-31[\"p\\n*\"]@28-31",
                 "p\n- a\n\np\n2. b\n\np\n1. c\n\np\n-\n\np\n*");
}

static void loose_and_tight_lists(void) {
    CHECK_BLOCKS("LIST@0-12(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-7{PARAGRAPH@6-7[\"b\"]@6-7} "
                 "LIST_ITEM@9-12{PARAGRAPH@11-12[\"c\"]@11-12}}",
                 "- a\n- b\n\n- c");
    CHECK_BLOCKS("LIST@0-10(.,ordered,start=7,loose){LIST_ITEM@0-10{PARAGRAPH@3-4[\"a\"]@3-4 "
                 "PARAGRAPH@9-10[\"b\"]@9-10}}",
                 "7. a\n\n   b");
    /* The blank line is inside the sublist: only the sublist is loose. */
    CHECK_BLOCKS("LIST@0-20(-,tight){LIST_ITEM@0-16{PARAGRAPH@2-3[\"a\"]@2-3 "
                 "LIST@6-16(-,loose){LIST_ITEM@6-16{PARAGRAPH@8-9[\"b\"]@8-9 PARAGRAPH@15-16[\"c\"]@15-16}}} "
                 "LIST_ITEM@17-20{PARAGRAPH@19-20[\"d\"]@19-20}}",
                 "- a\n  - b\n\n    c\n- d");
    CHECK_BLOCKS("LIST@0-25(.,ordered,start=1,loose){LIST_ITEM@0-25{PARAGRAPH@3-4[\"a\"]@3-4 "
                 "LIST@9-25(.,ordered,start=2,loose){LIST_ITEM@9-25{PARAGRAPH@12-13[\"b\"]@12-13 "
                 "LIST@21-25(.,ordered,start=3,tight){LIST_ITEM@21-25{PARAGRAPH@24-25[\"c\"]@24-25}}}}}}",
                 "1. a\n\n   2. b\n\n      3. c");
    /* Blank lines inside a fenced code block do not separate anything. */
    CHECK_BLOCKS("LIST@0-25(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-21{CODE_BLOCK@6-21(fenced "
                 "`,\"b\\n\\n\\n\")} LIST_ITEM@22-25{PARAGRAPH@24-25[\"c\"]@24-25}}",
                 "- a\n- ```\n  b\n\n\n  ```\n- c");
    CHECK_BLOCKS("LIST@0-10(*,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-5 "
                 "LIST_ITEM@7-10{PARAGRAPH@9-10[\"c\"]@9-10}}",
                 "* a\n*\n\n* c");
    /* A '>' line with nothing else is a blank line inside the quote. */
    CHECK_BLOCKS("BLOCK_QUOTE@0-13{LIST@2-13(-,loose){LIST_ITEM@2-5{PARAGRAPH@4-5[\"a\"]@4-5} "
                 "LIST_ITEM@10-13{PARAGRAPH@12-13[\"b\"]@12-13}}}",
                 "> - a\n>\n> - b");
    /* Trailing blank lines of indented code still separate the items. */
    CHECK_BLOCKS("PARAGRAPH@0-1[\"x\"]@0-1 LIST@3-18(-,loose){LIST_ITEM@3-13{CODE_BLOCK@9-13(\"code\\n\")} "
                 "LIST_ITEM@15-18{PARAGRAPH@17-18[\"b\"]@17-18}}",
                 "x\n\n-     code\n\n- b");
    CHECK_BLOCKS("LIST@0-9(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@6-9{PARAGRAPH@8-9[\"b\"]@8-9}}",
                 "- a\n\n\n- b");
    /* A blank line after the last item does not make the list loose. */
    CHECK_BLOCKS("LIST@0-7(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-7{PARAGRAPH@6-7[\"b\"]@6-7}}",
                 "- a\n- b\n\n");
}

static void line_endings_nul_and_byte_order_mark(void) {
    CHECK_BLOCKS("PARAGRAPH@0-6[\"a\\nb\\nc\"]@0-6 PARAGRAPH@11-12[\"x\"]@11-12",
                 "a\r\nb\rc\n\r\n  x");
    CHECK_BLOCKS("CODE_BLOCK@0-11(fenced `,\"x\\n\")",
                 "```\r\nx\r\n```\r\n");
    CHECK_BLOCKS("CODE_BLOCK@4-7(\"a\xEF\xBF\xBD""b\\n\")",
                 "    a\000b");
    CHECK_BLOCKS("CODE_BLOCK@0-9(fenced `,\"\xEF\xBF\xBD\\n\")",
                 "```\n\000\n```");
    CHECK_BLOCKS("HEADING@3-7(1)[\"Hi\"]@5-7",
                 "\xEF\xBB\xBF# Hi");
    CHECK_BLOCKS("",
                 "");
    CHECK_BLOCKS("",
                 "\n \n\t\n");
}

/* A line of every length up to 140 bytes, with each line ending, before a line of 100: the scan for a line's end
 * tests 64 bytes at once first, then 32 and 16, then words and bytes, and each step must stop at the first LF or
 * CR, not one in the bytes it loaded past it. */
static void line_ends_at_every_place_of_a_scan(void) {
    static const char *const endings[] = {"\n", "\r", "\r\n"};
    char input[300];
    char expected[400];
    char first[150];
    char second[101];
    memset(second, 'y', 100);
    second[100] = 0;
    for (int n = 1; n <= 140; n++) {
        memset(first, 'x', (size_t) n);
        first[n] = 0;
        for (int e = 0; e < 3; e++) {
            int length = snprintf(input, sizeof input, "%s%s%s", first, endings[e], second);
            snprintf(expected, sizeof expected, "PARAGRAPH@0-%d[\"%s\\n%s\"]@0-%d", length, first, second, length);
            CHECK_STR(expected, blocks(input, (size_t) length));
        }
    }
}

static void inline_content_skips_container_prefixes(void) {
    /* Content joined from non-adjacent source lines still maps each part back to its own bytes. */
    CHECK_BLOCKS("BLOCK_QUOTE@0-10{PARAGRAPH@2-10[\"a\\nb\\nc\"]@2-10}",
                 "> a\n>  b\nc");
    CHECK_BLOCKS("LIST@0-19(-,tight){LIST_ITEM@0-19{PARAGRAPH@3-19[\"one\\ntwo\\nthree\"]@3-19}}",
                 "-  one\n   two\nthree");
}

/* ---- link reference definitions as the block parser drives them (BlockDefinitionsTest.java) ---- */

static void definitions_come_off_the_start_of_a_paragraph(void) {
    CHECK_BLOCKS("DEFINITION@0-7 DEFINITION@8-15 PARAGRAPH@16-20[\"para\"]@16-20",
                 "[a]: /u\n[b]: /v\npara");
    CHECK_BLOCKS("DEFINITION@0-7",
                 "[a]: /u\n");
    /* A title on the following lines belongs to the definition. */
    CHECK_BLOCKS("DEFINITION@0-15 PARAGRAPH@16-20[\"rest\"]@16-20",
                 "[a]:\n/u\n'title'\nrest");
    /* Only at the start: a definition after text is text. */
    CHECK_BLOCKS("PARAGRAPH@0-9[\"p\\n[a]: /u\"]@0-9",
                 "p\n[a]: /u");
}

static void a_definition_spans_its_whole_last_line_as_blocks_do(void) {
    /* Trailing whitespace after the destination or title is on the definition's line, so in its span, whether
     * the definition ends the paragraph's content (whose last line lost that whitespace) or not. */
    CHECK_BLOCKS("DEFINITION@0-9",
                 "[a]: /u  \n");
    CHECK_BLOCKS("DEFINITION@0-12 DEFINITION@13-22",
                 "[a]: /u 't' \n[b]: /v \t\n");
    CHECK_BLOCKS("BLOCK_QUOTE@0-11{DEFINITION@2-11}",
                 "> [a]: /u  \n");
    CHECK_BLOCKS("DEFINITION@0-12 HEADING@13-20(1,setext)[\"Foo\"]@13-16",
                 "[a]:\n/u\n't' \nFoo\n===");
}

static void a_paragraph_of_definitions_only_is_no_setext_heading(void) {
    /* The underline is then paragraph text, or a thematic break when it can be one. */
    CHECK_BLOCKS("DEFINITION@0-7 PARAGRAPH@8-11[\"===\"]@8-11",
                 "[a]: /u\n===");
    CHECK_BLOCKS("DEFINITION@0-7 THEMATIC_BREAK@8-11",
                 "[a]: /u\n---");
    CHECK_BLOCKS("DEFINITION@0-7 HEADING@8-15(1,setext)[\"Foo\"]@8-11",
                 "[a]: /u\nFoo\n===");
}

static void definitions_in_containers(void) {
    CHECK_BLOCKS("BLOCK_QUOTE@0-9{DEFINITION@2-9}",
                 "> [a]: /u");
    /* A definition is a block-level element for looseness (spec example 317 counts "b" and a definition as
     * two): a blank line after it separates it from what follows, as one before it does. */
    CHECK_BLOCKS("LIST@0-14(-,loose){LIST_ITEM@0-14{DEFINITION@2-9 PARAGRAPH@13-14[\"b\"]@13-14}}",
                 "- [a]: /u\n\n  b");
    CHECK_BLOCKS("LIST@0-21(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-17{PARAGRAPH@6-7[\"b\"]@6-7 "
                 "DEFINITION@11-17} LIST_ITEM@18-21{PARAGRAPH@20-21[\"d\"]@20-21}}",
                 "- a\n- b\n\n  [r]: /\n- d");
}


/* ---- container nesting (BlockLimitsTest.java) ---- */

/*
 * How deep the deep inputs go: a million levels, or OCP_DEEP_LEVELS (make valgrind sets 100,000: a million took 30 s
 * of its run there, and a tenth of it still passes the default limit of 10,000 ten times over, which is what the
 * memory checks need; the plain run keeps the million, the depth no recursive parse survives).
 */
static int deep_levels = 1000000;

/* The greatest number of kind nodes on one root-to-leaf path, walked without recursion (parent links). */
static int deepest(const payload *d, int k) {
    uint32_t n = 0;
    int depth = 0;
    int best = 0;
    for (;;) {
        if (kind(d, n) == k) {
            depth++;
            best = depth > best ? depth : best;
        }
        uint32_t c = field(d, n, OCP_N_FIRST_CHILD);
        if (c != OCP_NONE) {
            n = c;
            continue;
        }
        for (;;) {
            if (kind(d, n) == k) {
                depth--;
            }
            uint32_t s = field(d, n, OCP_N_NEXT_SIBLING);
            if (s != OCP_NONE) {
                n = s;
                break;
            }
            n = field(d, n, OCP_N_PARENT);
            if (n == OCP_NONE) {
                return best;
            }
        }
    }
}

/* unit repeated times, then end; the caller frees it. */
static char *repeat(const char *unit, int times, const char *end, size_t *length) {
    size_t u = strlen(unit);
    size_t e = strlen(end);
    char *s = malloc(u * (size_t) times + e + 1);
    for (int i = 0; i < times; i++) {
        memcpy(s + u * (size_t) i, unit, u);
    }
    memcpy(s + u * (size_t) times, end, e + 1);
    *length = u * (size_t) times + e;
    return s;
}

static void nesting_depth_limit_counts_block_quotes_and_list_items(void) {
    ocp_options three = DEFAULTS;
    three.max_nesting_depth = 3;
    ocp_result r;
    CHECK_INT(OCP_OK, ocp_parse(engine, (const uint8_t *) "> - > a", 7, &three, &r));
    payload d = open_payload(&r);
    CHECK_INT(2, deepest(&d, OCP_KIND_BLOCK_QUOTE));
    CHECK_INT(1, deepest(&d, OCP_KIND_LIST_ITEM));
    ocp_free(engine, r.payload);

    CHECK_INT(OCP_LIMIT_EXCEEDED, ocp_parse(engine, (const uint8_t *) "> - > - a", 9, &three, &r));
    CHECK(r.payload == NULL);
    CHECK_STR("block quotes, list items, footnotes, JSX elements and container directives are nested more than "
              "maxNestingDepth 3 deep (line 1)", r.message);

    /* Depth is nesting, not count: many siblings at depth 1 are fine. */
    ocp_options one = DEFAULTS;
    one.max_nesting_depth = 1;
    const char *siblings = "> a\n\n> b\n\n- c\n- d\n";
    CHECK_INT(OCP_OK, ocp_parse(engine, (const uint8_t *) siblings, strlen(siblings), &one, &r));
    d = open_payload(&r);
    CHECK_INT(1, deepest(&d, OCP_KIND_BLOCK_QUOTE));
    ocp_free(engine, r.payload);
    /* The line number in the message is the line that went too deep. */
    const char *late = "a\n\n> > b";
    CHECK_INT(OCP_LIMIT_EXCEEDED, ocp_parse(engine, (const uint8_t *) late, strlen(late), &one, &r));
    CHECK_STR("block quotes, list items, footnotes, JSX elements and container directives are nested more than "
              "maxNestingDepth 1 deep (line 3)", r.message);
}

static void deep_block_quotes(void) {
    size_t n;
    char *line = repeat(">", deep_levels, "x\n", &n);
    ocp_result r;
    CHECK_INT(OCP_LIMIT_EXCEEDED, ocp_parse(engine, (const uint8_t *) line, n, &DEFAULTS, &r));
    CHECK(strstr(r.message, "maxNestingDepth 10000 deep") != NULL);

    /* Two lines: the second continues every quote and the paragraph, so the stack is walked in full again. */
    char *input = malloc(2 * n);
    memcpy(input, line, n);
    memcpy(input + n, line, n);
    ocp_options raised = DEFAULTS;
    raised.max_nesting_depth = deep_levels;
    CHECK_INT(OCP_OK, ocp_parse(engine, (const uint8_t *) input, 2 * n, &raised, &r));
    if (r.status == OCP_OK) {
        payload d = open_payload(&r);
        CHECK_INT(deep_levels, deepest(&d, OCP_KIND_BLOCK_QUOTE));
        uint32_t leaf = 0;
        while (field(&d, leaf, OCP_N_FIRST_CHILD) != OCP_NONE) {
            leaf = field(&d, leaf, OCP_N_FIRST_CHILD);
        }
        CHECK_INT(OCP_KIND_TEXT, kind(&d, leaf));
        uint32_t paragraph = field(&d, leaf, OCP_N_PARENT);
        CHECK_INT(OCP_KIND_PARAGRAPH, kind(&d, paragraph));
        CHECK_INT(deep_levels, field(&d, paragraph, OCP_N_SPAN_START));
        CHECK_INT(2 * n - 1, field(&d, paragraph, OCP_N_SPAN_END));
        ocp_free(engine, r.payload);
    }
    free(input);
    free(line);
}

static void deep_nested_list_items(void) {
    size_t n;
    char *head = repeat("- ", deep_levels, "x\n", &n);
    ocp_result r;
    CHECK_INT(OCP_LIMIT_EXCEEDED, ocp_parse(engine, (const uint8_t *) head, n, &DEFAULTS, &r));

    /* Then blank lines (which every item with content continues) and a lazy continuation line. */
    const char *tail = "\n\n\nlazy?\n";
    size_t t = strlen(tail);
    char *input = malloc(n + t);
    memcpy(input, head, n);
    memcpy(input + n, tail, t);
    ocp_options raised = DEFAULTS;
    raised.max_nesting_depth = deep_levels;
    CHECK_INT(OCP_OK, ocp_parse(engine, (const uint8_t *) input, n + t, &raised, &r));
    if (r.status == OCP_OK) {
        payload d = open_payload(&r);
        CHECK_INT(deep_levels, deepest(&d, OCP_KIND_LIST_ITEM));
        CHECK_INT(deep_levels, deepest(&d, OCP_KIND_LIST));
        /* After the blank lines "lazy?" is no continuation: it is a paragraph of the document. */
        uint32_t list = field(&d, 0, OCP_N_FIRST_CHILD);
        CHECK_INT(OCP_KIND_LIST, kind(&d, list));
        uint32_t paragraph = field(&d, list, OCP_N_NEXT_SIBLING);
        CHECK(paragraph != OCP_NONE);
        if (paragraph != OCP_NONE) {
            CHECK_INT(OCP_KIND_PARAGRAPH, kind(&d, paragraph));
            CHECK_INT(n + 3, field(&d, paragraph, OCP_N_SPAN_START));
        }
        ocp_free(engine, r.payload);
    }
    free(input);
    free(head);
}

static void deep_nesting_does_not_change_small_documents(void) {
    CHECK_BLOCKS("LIST@0-7(-,tight){LIST_ITEM@0-7{LIST@2-7(-,tight){LIST_ITEM@2-7{LIST@4-7(-,tight){"
                 "LIST_ITEM@4-7{PARAGRAPH@6-7[\"x\"]@6-7}}}}}}",
                 "- - - x");
}

int main(void) {
    engine = ocp_engine_create((uint64_t) 4 << 30);
    if (engine == NULL) {
        fprintf(stderr, "no engine\n");
        return 1;
    }
    atx_headings();
    empty_atx_headings_and_closing_sequences();
    setext_headings();
    thematic_breaks();
    fenced_code();
    indented_code();
    tabs();
    html_blocks();
    html_block_type7_cannot_interrupt_a_paragraph();
    block_quotes_and_laziness();
    lists_and_items();
    empty_list_items();
    what_interrupts_a_paragraph();
    loose_and_tight_lists();
    line_endings_nul_and_byte_order_mark();
    line_ends_at_every_place_of_a_scan();
    inline_content_skips_container_prefixes();
    definitions_come_off_the_start_of_a_paragraph();
    a_definition_spans_its_whole_last_line_as_blocks_do();
    a_paragraph_of_definitions_only_is_no_setext_heading();
    definitions_in_containers();
    nesting_depth_limit_counts_block_quotes_and_list_items();
    const char *levels = getenv("OCP_DEEP_LEVELS");
    if (levels != NULL) {
        deep_levels = atoi(levels);
        CHECK(deep_levels > 20000);
    }
    deep_block_quotes();
    deep_nested_list_items();
    deep_nesting_does_not_change_small_documents();
    ocp_stats stats;
    ocp_stats_get(engine, &stats);
    CHECK_INT(0, stats.live_allocations);
    CHECK_INT(0, stats.live_bytes);
    ocp_engine_destroy(engine);
    free(out.chars);
    return block_test_finish("block_parser_test");
}
