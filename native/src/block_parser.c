/*
 * Port of BlockParser.java (and JavaParser.parse): the CommonMark 0.31.2 block parser, phase 1 of the spec's
 * parsing strategy (block structure, one pass over the lines), then phase 2 handed to the inline parser for every
 * paragraph, heading and (GFM) table cell in document order. The Java class documents the design (open blocks as a stack, leaf
 * lines as records, spans, looseness by line numbers, node details); this file follows it function by function,
 * in the same order and with the same names in snake_case. Where Java keeps a field per array, C keeps one record
 * per entry (stack_entry, line_record, leaf_record below).
 *
 * C specifics: all arrays are working memory of the context (freed by it on failure); nothing recurses; the source
 * is read only below length; columns wrap like Java ints (they could pass 2^31 only on a line of hundreds of
 * megabytes of tabs, and must then neither be undefined behaviour nor differ from the Java engine).
 */
#include "block_parser.h"

#include <stdbool.h>
#include <string.h>

#include "char_classes.h"
#include "content_map.h"
#include "html_blocks.h"
#include "inline_parser.h"
#include "mdx.h"

/* Kinds of open blocks on the stack. */
enum {
    DOCUMENT = 0,
    QUOTE = 1,
    LIST = 2,
    ITEM = 3,
    PARAGRAPH = 4,
    FENCED = 5,
    INDENTED = 6,
    HTML = 7,
    /* A setext heading made from the paragraph on top; popped at once. */
    HEADING = 8,
    /* A GFM footnote definition (a container). */
    FOOTNOTE = 9,
    /* A GFM table (holds its rows; takes lines like a leaf). */
    TABLE = 10,
    /* An MDX JSX element in flow: a container without a prefix, open from its opening tag to its closing tag. */
    JSX = 11,
    /* MDX ESM: import/export lines up to a blank line (a leaf). */
    ESM = 12,
    /* Pseudo kind for prepare(): a leaf that is added and closed at once (heading, thematic break). */
    LEAF = -1
};

#define TAB_STOP 4
#define CODE_INDENT 4
/* Columns a footnote definition's content is indented by. */
#define FOOTNOTE_INDENT 4
/* leaf_record.line_count of a table cell: one line record, escaped pipes to unescape. */
#define CELL (-1)

/* An open block on the stack. One record per block rather than an array per field (BlockParser's layout): each
 * is one allocation of the parse, not ten, and a block's fields are read together. */
typedef struct open_block {
    int32_t kind;
    int32_t node;
    int32_t end;            /* source offset where the block ends so far (its last line, line ending excluded) */
    int32_t end_line;       /* last line number that belongs to the block so far */
    int32_t child_end_line; /* end line of the last counted child that was closed, or -1 before the first */
    int32_t depth;          /* container depth (block quotes and list items) up to and including this block */
    int32_t quotes;         /* number of block quotes at indexes 1..k */
    int32_t a;              /* LIST marker byte, ITEM content indent, FENCED fence byte, HTML start condition,
                             * TABLE columns, JSX where its opening tag starts */
    int32_t b;              /* LIST 1 when loose, FENCED fence length, JSX 1 once its closing tag was met */
    int32_t c;              /* LIST 1 when ordered, FENCED fence indentation in columns */
    /* Runs of JSX elements nested directly in each other (consecutive indexes that are all JSX): the run's first
     * index, and at that first index the run's last. */
    int32_t jsx_run_start;
    int32_t jsx_run_top;
} stack_entry;

/* A line of a leaf block: its content's source range and the columns of a partly consumed tab before it. */
typedef struct line_record {
    int32_t start, end, pad;
    /* Where the line's indentation starts, past its containers' prefixes (a paragraph's line starts after it); a
     * paragraph line's pad is then the columns of a tab a container took part of. */
    int32_t indent_at;
} line_record;

/* A paragraph, heading or table cell awaiting the inline phase: its node and its line records (CELL for a
 * cell). */
typedef struct leaf_record {
    int32_t node, first_line, line_count;
} leaf_record;

typedef struct block_parser {
    const uint8_t *src;
    int32_t length;
    int64_t max_depth;
    bool gfm;         /* whether OCP_EXTENSION_GFM is on */
    bool micromark;   /* whether options->flavor is OCP_FLAVOR_MICROMARK */
    bool math;        /* whether OCP_EXTENSION_MATH is on */
    bool frontmatter; /* whether OCP_EXTENSION_FRONTMATTER is on */
    bool mdx;         /* whether the dialect is MDX: no indented code and no HTML blocks; JSX, expressions, ESM */
    ocp_tree *tree;
    ocp_ctx *ctx;
    ocp_inline_parser *inline_parser;
    ocp_content_map map;

    /* ---- MDX flow: the lines of a flow tag or expression, their map to the source, where the parse resumes ---- */
    ocp_mdx_scanner flow_scanner;
    ocp_content_map flow_map;
    uint8_t *flow_buf;
    int32_t flow_len;
    int32_t flow_capacity;
    int32_t flow_container; /* the container the flow construct is in, whose chain its lines must continue */
    int32_t flow_line_end;  /* the end of the last source line taken into the flow buffer */
    int32_t flow_extra_lines;
    int32_t resume_at;      /* where the next line starts when a flow construct took lines after its first, or -1 */

    /* ---- open blocks, index 0..top ---- */
    int32_t top;
    int32_t st_capacity;
    stack_entry *st;
    int32_t *quote_at;          /* stack index of the i-th open block quote */
    int32_t quote_capacity;

    /* ---- the open leaf (paragraph, code or HTML block): its lines are the table's tail from leaf_first ---- */
    int32_t leaf_first;
    int32_t leaf_last_text; /* INDENTED: last line record that is not blank, or -1 */
    /* INDENTED: the last line record that is blank but indented four columns or more (v1.5: such lines after the
     * last line of text are the block's trailing lines), or -1 */
    int32_t leaf_last_indented_blank;
    bool shallow_blank_line; /* INDENTED: whether this line, blank, was indented less than four columns */

    /* ---- line records ---- */
    int32_t line_count;
    int32_t line_capacity;
    line_record *lines;

    /* ---- paragraphs, headings and table cells awaiting the inline phase, in document order ---- */
    int32_t leaf_count;
    int32_t leaf_capacity;
    leaf_record *leaves;

    /* ---- the open table: the alignment of each column ---- */
    int32_t *table_align;
    int32_t align_capacity;

    /* ---- content buffer handed to the inline parser ---- */
    uint8_t *scratch;
    int32_t scratch_capacity;
    const uint8_t *content_buf;
    int32_t content_off;
    int32_t content_len;

    /* ---- the current line ---- */
    int32_t line_number;
    int32_t line_start;
    int32_t line_end;
    int32_t offset;
    int32_t column;
    bool partial_tab;
    int32_t nonspace;
    int32_t nonspace_column;
    int32_t indent;
    bool blank;
    int32_t break_kill; /* a thematic break cannot start before this offset (an earlier scan failed there) */

    /* Steps taken by the loops whose cost could grow faster than the input if a shortcut broke (see the Java
     * field of the same name); the unit tests hold it to a small multiple of the input size. */
    int64_t work;

    /* ---- results of the list marker scan ---- */
    int32_t marker_byte;
    bool marker_ordered;
    int32_t marker_start_number;
    int32_t marker_width;
} block_parser;

static void process_line(block_parser *p);
static void advance(block_parser *p, int32_t count, bool columns);
OCP_INLINE bool is_space_or_tab(uint8_t b);
OCP_NATIVE_INLINE void find_nonspace(block_parser *p);
static int32_t atx_level(block_parser *p, int32_t at);
static void atx_heading(block_parser *p, int32_t container, int32_t level);
static int32_t opening_fence(block_parser *p, int32_t at);
static void fenced_code(block_parser *p, int32_t container, int32_t fence_length);
static int32_t frontmatter(block_parser *p, int32_t at);
static int32_t next_line(const block_parser *p, int32_t line_end);
static bool is_closing_fence(block_parser *p, int32_t k);
static int32_t setext_level(block_parser *p, int32_t at);
static bool setext_heading(block_parser *p, int32_t k, int32_t level);
static bool is_thematic_break(block_parser *p, int32_t at);
static bool list_marker(block_parser *p, int32_t at, bool interrupts_paragraph);
static int32_t list_item(block_parser *p, int32_t container, int32_t container_kind);
static bool can_contain(int32_t parent, int32_t child);
static int32_t prepare(block_parser *p, int32_t container, int32_t kind);
static int32_t open_block(block_parser *p, int32_t container, int32_t kind, int node_kind, int32_t start);
/* Table whitespace, cmark-gfm's spacechar: space, tab, vertical tab, form feed. */
static bool is_table_space(uint8_t b) {
    return b == ' ' || b == '\t' || b == 0x0B || b == '\f';
}

static int32_t skip_table_space_to(const block_parser *p, int32_t q, int32_t to) {
    while (q < to && is_table_space(p->src[q])) {
        q++;
    }
    return q;
}

/* Whether the line has no cells for a table row (cmark-gfm's row_from_string finds none): nothing but an
 * optional pipe and table whitespace. Such a line ends a table, as a blank line does. */
static bool row_without_cells(const block_parser *p) {
    int32_t q = p->nonspace;
    if (q < p->line_end && p->src[q] == '|') {
        q = skip_table_space_to(p, q + 1, p->line_end);
    }
    return q == p->line_end;
}

static int32_t push(block_parser *p, int32_t kind, int32_t node);
static void close_above(block_parser *p, int32_t k);
static void child_starts(block_parser *p, int32_t parent);
static void leaf_done(block_parser *p, int32_t parent);
static void close_top(block_parser *p);
static void add_line(block_parser *p, int32_t start, int32_t end, int32_t pad);
static void add_leaf(block_parser *p, int32_t node, int32_t first_line, int32_t lines);
static void add_paragraph_line(block_parser *p, int32_t k);
static void add_code_line(block_parser *p, int32_t k);
static void finish_literal(block_parser *p, int32_t k);
static void append_literal(block_parser *p, int32_t from, int32_t to);
static void finish_paragraph(block_parser *p, int32_t k);
static int32_t resolve_definitions(block_parser *p, int32_t k);
static void build_content(block_parser *p, int32_t first, int32_t lines);
static void build_cell_content(block_parser *p, int32_t rec);
static int32_t footnote_definition_start(block_parser *p, int32_t at);
static int32_t footnote_definition(block_parser *p, int32_t container, int32_t label_end);
static int32_t delimiter_row(block_parser *p, int32_t at);
static bool table_start(block_parser *p, int32_t k, int32_t columns);
static void table_row(block_parser *p, int32_t t, bool header);
static void task_item(block_parser *p, int32_t k, int32_t lines);
static int32_t after_line_ending(const block_parser *p, int32_t line_end);
static bool esm_start(const block_parser *p);
static void flow_failure(void *host, int32_t at, const char *rule_id, const char *reason);
static bool mdx_flow(block_parser *p, int32_t container);
_Noreturn static void unclosed_jsx(block_parser *p, int32_t k, int32_t at, bool in_parent);
static void finish_esm(block_parser *p, int32_t k);

/* Java int arithmetic for columns: wraps instead of overflowing (see the file comment). */
static inline int32_t col_add(int32_t a, int32_t b) {
    return (int32_t) ((uint32_t) a + (uint32_t) b);
}

OCP_INLINE int32_t col_sub(int32_t a, int32_t b) {
    return (int32_t) ((uint32_t) a - (uint32_t) b);
}

/*
 * The end of the line that starts at at: the first '\n' or '\r' from there, or length. A vector at a time with
 * SSE2 (char_classes.h), else eight bytes at a time (the line scan touches every byte of the input, and a byte
 * loop cost a quarter of the parse). In words: both bytes are
 * below 0x0E, and a word has a byte below 0x0E iff (w - 0x0E * ONES) & ~w & HIGHS is not zero (which may also
 * flag a byte above a true one, never below it, and none when there is none). The first flagged byte is then
 * checked, as it may be a tab or another control byte. No byte at or past length is read.
 */
static int32_t line_end_from(const uint8_t *src, int32_t at, int32_t length) {
#ifdef OCP_CC_SSE2
    /* Sixteen bytes at a time, each compared with both line ending bytes: no candidate to check afterwards. */
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    /* Four vectors in the first test: three lines in four are shorter than 64 bytes, and each then takes one
     * well-predicted branch, where steps of 32 made the exit's place depend on the line's length. */
    if (length - at >= 64) {
        __m128i v0 = ocp_cc_load16(src + at);
        __m128i v1 = ocp_cc_load16(src + at + 16);
        __m128i v2 = ocp_cc_load16(src + at + 32);
        __m128i v3 = ocp_cc_load16(src + at + 48);
        uint64_t m0 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v0, lf), _mm_cmpeq_epi8(v0, cr)));
        uint64_t m1 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v1, lf), _mm_cmpeq_epi8(v1, cr)));
        uint64_t m2 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v2, lf), _mm_cmpeq_epi8(v2, cr)));
        uint64_t m3 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v3, lf), _mm_cmpeq_epi8(v3, cr)));
        uint64_t mask = m0 | m1 << 16 | m2 << 32 | m3 << 48;
        if (mask != 0) {
            return at + (int32_t) __builtin_ctzll(mask);
        }
        at += 64;
    }
    /* Two vectors per test while a line has that much left: one branch and one mask for 32 bytes. */
    while (length - at >= 32) {
        __m128i v = ocp_cc_load16(src + at);
        __m128i w = ocp_cc_load16(src + at + 16);
        __m128i hit_v = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
        __m128i hit_w = _mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, cr));
        int mask = _mm_movemask_epi8(_mm_or_si128(hit_v, hit_w));
        if (mask != 0) {
            int first = _mm_movemask_epi8(hit_v);
            return first != 0 ? at + ocp_cc_first_lane(first) : at + 16 + ocp_cc_first_lane(_mm_movemask_epi8(hit_w));
        }
        at += 32;
    }
    while (length - at >= 16) {
        __m128i v = ocp_cc_load16(src + at);
        int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (mask != 0) {
            return at + ocp_cc_first_lane(mask);
        }
        at += 16;
    }
#endif
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    while (length - at >= 8) {
        uint64_t word;
        memcpy(&word, src + at, 8);
        uint64_t low = (word - ones * 0x0E) & ~word & highs;
        if (low == 0) {
            at += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The lowest flag is a true one, and the lowest byte of the word is the first in memory. */
        int32_t first = at + (int32_t) (__builtin_ctzll(low) >> 3);
#else
        int32_t first = at;
        while (src[first] >= 0x0E) {
            first++;
        }
#endif
        if (src[first] == '\n' || src[first] == '\r') {
            return first;
        }
        at = first + 1;
    }
    while (at < length && src[at] != '\n' && src[at] != '\r') {
        at++;
    }
    return at;
}

/* ------------------------------------------------------------------------------------------------------------
 * Working arrays
 * ------------------------------------------------------------------------------------------------------------ */

/* Grows *array (records of elem bytes, capacity *capacity) to hold need records. */
static void grow_records(ocp_ctx *ctx, void *array, int32_t *capacity, int64_t need, size_t elem) {
    void *block;
    memcpy(&block, array, sizeof block);
    ocp_grow(ctx, &block, capacity, need, elem);
    memcpy(array, &block, sizeof block);
}

/* p comes zeroed from ocp_mem_alloc (run): only what is not zero is set here. */
static void init(block_parser *p, ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    ocp_ctx *ctx = tree->ctx;
    p->src = src;
    p->length = length;
    p->max_depth = options->max_nesting_depth;
    p->gfm = (options->extensions & OCP_EXTENSION_GFM) != 0;
    p->micromark = options->flavor == OCP_FLAVOR_MICROMARK;
    p->math = (options->extensions & OCP_EXTENSION_MATH) != 0;
    p->frontmatter = (options->extensions & OCP_EXTENSION_FRONTMATTER) != 0;
    p->mdx = options->dialect == OCP_DIALECT_MDX;
    p->tree = tree;
    p->ctx = ctx;
    p->inline_parser = ocp_inline_parser_new(tree, options);
    ocp_content_map_init(&p->map, ctx);
    p->top = -1;
    p->st_capacity = 8;
    p->st = ocp_mem_alloc(ctx, 8 * sizeof *p->st);
    p->quote_capacity = 8;
    p->quote_at = ocp_mem_alloc(ctx, 8 * sizeof *p->quote_at);
    p->line_capacity = 16;
    p->lines = ocp_mem_alloc(ctx, 16 * sizeof *p->lines);
    p->leaf_capacity = 8;
    p->leaves = ocp_mem_alloc(ctx, 8 * sizeof *p->leaves);
    p->scratch_capacity = 256;
    p->scratch = ocp_mem_alloc_raw(ctx, 256);
    /* table_align starts empty (capacity 0): only a GFM table's delimiter row needs it. */
    p->resume_at = -1;
    if (p->mdx) {
        ocp_mdx_scanner_init(&p->flow_scanner, ctx, p, flow_failure);
        ocp_content_map_init(&p->flow_map, ctx);
        p->flow_capacity = 256;
        p->flow_buf = ocp_mem_alloc(ctx, 256);
    }
}

/* Parses the whole input into the tree (node 0 becomes the DOCUMENT), both phases. */
static void parse(block_parser *p) {
    const uint8_t *src = p->src;
    int32_t length = p->length;
    int32_t doc = ocp_tree_new_node(p->tree, OCP_KIND_DOCUMENT, 0, length);
    push(p, DOCUMENT, doc);
    /* A UTF-8 byte order mark is not content (cmark and commonmark.js skip it too). */
    int32_t at = length >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF ? 3 : 0;
    if (p->frontmatter && at < length && (src[at] == '-' || src[at] == '+')) {
        at = frontmatter(p, at);
    }
    while (at < length) {
        int32_t e = line_end_from(src, at, length);
        p->line_start = at;
        p->line_end = e;
        process_line(p);
        at = p->resume_at >= 0 ? p->resume_at : next_line(p, e);
        p->resume_at = -1;
    }
    while (p->top > 0) {
        if (p->st[p->top].kind == JSX && p->st[p->top].b == 0) {
            unclosed_jsx(p, p->top, length, false);
        }
        close_top(p);
    }
    for (int32_t i = 0; i < p->leaf_count; i++) {
        if (p->leaves[i].line_count == CELL) {
            build_cell_content(p, p->leaves[i].first_line);
        } else {
            build_content(p, p->leaves[i].first_line, p->leaves[i].line_count);
        }
        ocp_inline_parse(p->inline_parser, p->leaves[i].node, p->content_buf, p->content_off, p->content_len, &p->map);
    }
}

static block_parser *run(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    /* Strings that are runs of the input stay slices of it (the caller keeps it alive until serialization). */
    ocp_tree_set_source(tree, src, length);
    block_parser *p = ocp_mem_alloc(tree->ctx, sizeof(block_parser));
    init(p, tree, src, length, options);
    parse(p);
    return p;
}

int64_t ocp_block_parse_counting(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    return run(tree, src, length, options)->work;
}

int64_t ocp_parse_work(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    block_parser *p = run(tree, src, length, options);
    return p->work + ocp_inline_work(p->inline_parser);
}

void ocp_block_parse(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    run(tree, src, length, options);
}

/* ------------------------------------------------------------------------------------------------------------
 * One line
 * ------------------------------------------------------------------------------------------------------------ */

/* The bytes a line's content (past its indentation) starts with when it opens a block other than a paragraph, or may
 * (outside MDX, not indented): '>' a block quote, '#' a heading, '`' '~' '$' a fence, '<' HTML, '=' '-' a setext
 * underline, '*' '-' '_' a thematic break, '[' a footnote definition, '*' '+' '-' and digits a list item, '|' ':' '-'
 * and the table whitespace VT and FF a table's delimiter row. Any other byte makes the line text, which most lines
 * are: one look here instead of a test per construct. */
static const bool MAY_START_BLOCK[256] = {
    ['>'] = true, ['#'] = true, ['`'] = true, ['~'] = true, ['$'] = true, ['<'] = true, ['='] = true, ['-'] = true,
    ['*'] = true, ['_'] = true, ['+'] = true, ['['] = true, ['|'] = true, [':'] = true, [0x0B] = true, [0x0C] = true,
    ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true,
    ['8'] = true, ['9'] = true,
};

static void process_line(block_parser *p) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    p->line_number++;
    p->offset = p->line_start;
    p->column = 0;
    p->partial_tab = false;
    p->nonspace = -1;
    p->break_kill = 0;

    /* 1. Which open blocks does the line continue? */
    int32_t k = 1;
    while (k <= p->top) {
        p->work++;
        find_nonspace(p);
        int32_t kind = p->st[k].kind;
        if (kind == QUOTE) {
            if ((!p->mdx && p->indent > 3) || p->blank || src[p->nonspace] != '>') {
                break;
            }
            advance(p, p->nonspace + 1 - p->offset, false);
            if (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
                advance(p, 1, true);
            }
            p->st[k].end = p->line_end;
            p->st[k].end_line = p->line_number;
        } else if (kind == ITEM) {
            bool empty = ocp_tree_first_child(tree, p->st[k].node) == OCP_NIL;
            if (p->blank && empty) {
                /* An item can begin with at most one blank line (its marker line), whatever the blank line's
                 * indentation (cmark tests the indentation first and keeps "-\n  \n  foo" in the item). */
                break;
            }
            if (p->indent >= p->st[k].a) {
                /* Also for blank lines: whitespace past the item's indentation stays content, as in cmark. */
                advance(p, p->st[k].a, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
                /* Every block between here and the next block quote (or the top) is a list or a list item with
                 * children, which a blank line continues without consuming anything: skip them. */
                int32_t next = p->st[k].quotes < p->st[p->top].quotes ? p->quote_at[p->st[k].quotes] : p->top;
                if (next > k + 1) {
                    k = next - 1;
                }
            } else {
                break;
            }
        } else if (kind == FENCED) {
            if ((p->mdx || p->indent <= 3) && !p->blank && src[p->nonspace] == p->st[k].a && is_closing_fence(p, k)) {
                int32_t node = p->st[k].node;
                int unclosed = ocp_tree_kind(p->tree, node) == OCP_KIND_MATH_BLOCK ? OCP_FLAG_MATH_UNCLOSED
                                                                                   : OCP_FLAG_CODE_UNCLOSED;
                ocp_tree_set_flags(p->tree, node, ocp_tree_flags(p->tree, node) & ~unclosed);
                p->st[k].end = p->line_end;
                p->st[k].end_line = p->line_number;
                close_top(p);
                return;
            }
            for (int32_t i = p->st[k].c; i > 0 && p->offset < p->line_end && is_space_or_tab(src[p->offset]); i--) {
                advance(p, 1, true);
            }
        } else if (kind == INDENTED) {
            p->shallow_blank_line = p->indent < CODE_INDENT;
            if (p->indent >= CODE_INDENT) {
                advance(p, CODE_INDENT, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
            } else {
                break;
            }
        } else if (kind == HTML) {
            if (p->blank && p->st[k].a >= 6) {
                break;
            }
        } else if (kind == PARAGRAPH || kind == TABLE) {
            if (p->blank || (kind == TABLE && row_without_cells(p))) {
                break;
            }
        } else if (kind == FOOTNOTE) {
            if (p->indent >= FOOTNOTE_INDENT) {
                advance(p, FOOTNOTE_INDENT, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
            } else {
                break;
            }
        } else if (kind == ESM) {
            if (p->blank) {
                break;
            }
        } else if (kind == JSX) {
            /* A JSX element continues every line without a prefix, and so does every element nested directly in
             * it: skip the whole run at once, or deep nesting would cost its depth on every line. (A blank line in
             * a list item may have skipped to the middle of the run: its top is kept at its start.) */
            k = p->st[p->st[k].jsx_run_start].jsx_run_top;
        }
        k++;
    }
    int32_t last_matched = k - 1;

    /* 2. Does it open new blocks? */
    int32_t container = last_matched;
    int32_t container_kind = p->st[container].kind;
    bool maybe_lazy = p->st[p->top].kind == PARAGRAPH;
    bool opened = false;
    while (container_kind != FENCED && container_kind != INDENTED && container_kind != HTML && container_kind != ESM) {
        p->work++;
        find_nonspace(p);
        bool indented = !p->mdx && p->indent >= CODE_INDENT;
        int c = p->blank ? -1 : src[p->nonspace];
        int32_t n;
        if (!p->mdx && (c < 0 || (!indented && !MAY_START_BLOCK[c]))) {
            break; /* a blank line, or text: none of the tests below can pass (each wants one of these bytes) */
        }
        if (p->mdx && (c == '<' || c == '{') && mdx_flow(p, container)) {
            return;
        } else if (p->mdx && (c == '<' || c == '{')) {
            break; /* text: a paragraph, or a lazy line of one (the checks below cannot start with these bytes) */
        } else if (p->mdx && container == 0 && p->st[p->top].kind != PARAGRAPH && p->nonspace == p->line_start
                   && esm_start(p)) {
            container = open_block(p, container, ESM, OCP_KIND_MDX_ESM, p->line_start);
            opened = true;
            break;
        } else if (!indented && c == '>') {
            int32_t start = p->nonspace;
            advance(p, p->nonspace + 1 - p->offset, false);
            if (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
                advance(p, 1, true);
            }
            container = open_block(p, container, QUOTE, OCP_KIND_BLOCK_QUOTE, start);
        } else if (!indented && c == '#' && (n = atx_level(p, p->nonspace)) > 0) {
            atx_heading(p, container, n);
            return;
        } else if (!indented && (c == '`' || c == '~' || (c == '$' && p->math))
                   && (n = opening_fence(p, p->nonspace)) > 0) {
            fenced_code(p, container, n);
            return;
        } else if (!indented && c == '<' && !p->mdx
                && (n = ocp_html_blocks_start_condition(src, p->nonspace, p->line_end,
                                                        p->st[p->top].kind != PARAGRAPH)) > 0) {
            /* The tag is content: the offset stays where the line's content starts. */
            container = open_block(p, container, HTML, OCP_KIND_HTML_BLOCK, p->offset);
            p->st[container].a = n;
            ocp_tree_set_data(tree, p->st[container].node, n);
            if (n <= 5) {
                /* until its end marker comes (v1.4) */
                ocp_tree_set_flags(tree, p->st[container].node, OCP_FLAG_HTML_UNCLOSED);
            }
            opened = true;
            break;
        } else if (!indented && container_kind == PARAGRAPH && (c == '=' || c == '-')
                && (n = setext_level(p, p->nonspace)) > 0 && setext_heading(p, container, n)) {
            return;
        } else if (!indented && (c == '*' || c == '-' || c == '_') && p->nonspace >= p->break_kill
                && is_thematic_break(p, p->nonspace)) {
            int32_t parent = prepare(p, container, LEAF);
            int32_t rule = ocp_tree_add(tree, OCP_KIND_THEMATIC_BREAK, p->st[parent].node, p->nonspace, p->line_end);
            ocp_tree_set_data(tree, rule, c); /* v1.3: its character */
            leaf_done(p, parent);
            return;
        } else if (p->gfm && !indented && c == '[' && (n = footnote_definition_start(p, p->nonspace)) > 0) {
            container = footnote_definition(p, container, n);
        } else if (!indented && c != -1 && list_marker(p, p->nonspace, container_kind == PARAGRAPH)) {
            container = list_item(p, container, container_kind);
        } else if (indented && !maybe_lazy && !p->blank) {
            /* v1.5: the bytes of indentation before the block's span, from the first byte at or after the column
             * its four columns start at (past a tab its container took columns of). */
            int32_t indentation = p->partial_tab ? p->offset + 1 : p->offset;
            advance(p, CODE_INDENT, true);
            container = open_block(p, container, INDENTED, OCP_KIND_CODE_BLOCK, p->offset);
            ocp_tree_set_data(p->tree, p->st[container].node, p->offset - indentation);
            p->leaf_last_text = -1;
            p->leaf_last_indented_blank = -1;
            opened = true;
            break;
        } else if (p->gfm && !indented && container_kind == PARAGRAPH && c != -1
                && (n = delimiter_row(p, p->nonspace)) > 0 && table_start(p, container, n)) {
            return;
        } else {
            break;
        }
        opened = true;
        container_kind = p->st[container].kind;
        maybe_lazy = false;
    }

    /* 3. What is left of the line is text for the container, or a lazy continuation line. */
    find_nonspace(p);
    if (!opened && last_matched < p->top && !p->blank && p->st[p->top].kind == PARAGRAPH) {
        add_paragraph_line(p, p->top);
        return;
    }
    close_above(p, container);
    int32_t kind = p->st[container].kind;
    if (kind == FENCED || kind == INDENTED || kind == ESM) {
        add_code_line(p, container);
    } else if (kind == HTML) {
        add_code_line(p, container);
        int type = p->st[container].a;
        if (type <= 5 && ocp_html_blocks_end_condition(type, src, p->nonspace, p->line_end)) {
            ocp_tree_set_flags(p->tree, p->st[container].node, 0);
            close_top(p);
        }
    } else if (p->blank) {
        /* Nothing: blank lines only end blocks (already done) and separate them (seen through line numbers). */
    } else if (kind == TABLE) {
        table_row(p, container, false);
    } else if (kind == PARAGRAPH) {
        add_paragraph_line(p, container);
    } else {
        container = open_block(p, container, PARAGRAPH, OCP_KIND_PARAGRAPH, p->nonspace);
        add_paragraph_line(p, container);
    }
}

/* ------------------------------------------------------------------------------------------------------------
 * Column arithmetic
 * ------------------------------------------------------------------------------------------------------------ */

/* Finds the first non-space byte from the offset, from the offset on: the run of spaces and tabs there. */
static void scan_nonspace(block_parser *p) {
    const uint8_t *src = p->src;
    int32_t at = p->offset;
    int32_t col = p->column;
    while (at < p->line_end) {
        p->work++;
        uint8_t b = src[at];
        if (b == ' ') {
            col = col_add(col, 1);
        } else if (b == '\t') {
            col = col_add(col, TAB_STOP - col % TAB_STOP);
        } else {
            break;
        }
        at++;
    }
    p->nonspace = at;
    p->nonspace_column = col;
}

/* Finds the first non-space byte from the offset. The result is kept while the offset stays before it, so that
 * containers consuming a long run of indentation one after the other scan it once. Inlined, with the test of the
 * offset's own byte: most lines have no indentation, and the call was 7% of a parse of progit (perf). */
OCP_NATIVE_INLINE void find_nonspace(block_parser *p) {
    if (p->nonspace <= p->offset) {
        int32_t at = p->offset;
        if (at < p->line_end && !is_space_or_tab(p->src[at])) {
            p->work++;
            p->nonspace = at;
            p->nonspace_column = p->column;
        } else {
            scan_nonspace(p);
        }
    }
    p->indent = col_sub(p->nonspace_column, p->column);
    p->blank = p->nonspace == p->line_end;
}

/* Advances by count bytes, or by count columns when columns is set; in the latter case a tab may be consumed in
 * part, leaving the offset on it with partial_tab set. */
static void advance(block_parser *p, int32_t count, bool columns) {
    const uint8_t *src = p->src;
    while (count > 0 && p->offset < p->line_end) {
        if (src[p->offset] == '\t') {
            int32_t to_tab = TAB_STOP - p->column % TAB_STOP;
            if (columns) {
                p->partial_tab = to_tab > count;
                int32_t step = count < to_tab ? count : to_tab;
                p->column = col_add(p->column, step);
                if (!p->partial_tab) {
                    p->offset++;
                }
                count -= step;
            } else {
                p->partial_tab = false;
                p->column = col_add(p->column, to_tab);
                p->offset++;
                count--;
            }
        } else {
            p->partial_tab = false;
            p->offset++;
            p->column = col_add(p->column, 1);
            count--;
        }
    }
}

OCP_INLINE bool is_space_or_tab(uint8_t b) {
    return b == ' ' || b == '\t';
}

/* ------------------------------------------------------------------------------------------------------------
 * Block starts
 * ------------------------------------------------------------------------------------------------------------ */

/* Returns the level of an ATX heading opening at at, or 0. */
static int32_t atx_level(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t q = at;
    while (q < p->line_end && src[q] == '#' && q - at < 7) {
        q++;
    }
    int32_t level = q - at;
    if (level > 6 || (q < p->line_end && !is_space_or_tab(src[q]))) {
        return 0;
    }
    return level;
}

static void atx_heading(block_parser *p, int32_t container, int32_t level) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    int32_t parent = prepare(p, container, LEAF);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_HEADING, p->st[parent].node, p->nonspace, line_end);
    ocp_tree_set_data(p->tree, node, level);
    int32_t s = p->nonspace + level;
    while (s < line_end && is_space_or_tab(src[s])) {
        s++;
    }
    int32_t e = line_end;
    while (e > s && is_space_or_tab(src[e - 1])) {
        e--;
    }
    int32_t h = e;
    while (h > s && src[h - 1] == '#') {
        h--;
    }
    if (h < e) {
        if (h == s) {
            e = s; /* only a closing sequence (s is past at least one space after the opening one) */
        } else if (is_space_or_tab(src[h - 1])) {
            e = h;
            while (e > s && is_space_or_tab(src[e - 1])) {
                e--;
            }
        }
    }
    add_line(p, s, e, 0);
    add_leaf(p, node, p->line_count - 1, 1);
    leaf_done(p, parent);
}

/* Returns the length of an opening code fence at at (three or more backticks or tildes), or of a math fence (two
 * or more dollars), or 0. */
static int32_t opening_fence(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t fence = src[at];
    int32_t q = at;
    while (q < p->line_end && src[q] == fence) {
        q++;
    }
    int32_t n = q - at;
    p->work += n;
    if (n < (fence == '$' ? 2 : 3)) {
        return 0;
    }
    if (fence == '`' || fence == '$') {
        p->work += p->line_end - q;
        for (int32_t i = q; i < p->line_end; i++) {
            if (src[i] == fence) {
                return 0;
            }
        }
    }
    return n;
}

/* A fenced code block, or a math block (a fence of dollars), whose meta is the rest of the fence line as it
 * stands where a code block's info string is decoded. */
static void fenced_code(block_parser *p, int32_t container, int32_t fence_length) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    int32_t start = p->nonspace;
    bool is_math = src[start] == '$';
    int32_t k = open_block(p, container, FENCED, is_math ? OCP_KIND_MATH_BLOCK : OCP_KIND_CODE_BLOCK, start);
    int32_t node = p->st[k].node;
    p->st[k].a = src[start];
    p->st[k].b = fence_length;
    p->st[k].c = p->indent;
    /* Unclosed until its closing fence comes (v1.3). */
    if (is_math) {
        ocp_tree_set_flags(tree, node, OCP_FLAG_MATH_UNCLOSED);
    } else {
        ocp_tree_set_flags(tree, node, OCP_FLAG_CODE_FENCED | OCP_FLAG_CODE_UNCLOSED);
        ocp_tree_set_data(tree, node, src[start]);
    }
    int32_t s = start + fence_length;
    while (s < p->line_end && is_space_or_tab(src[s])) {
        s++;
    }
    int32_t e = p->line_end;
    while (e > s && is_space_or_tab(src[e - 1])) {
        e--;
    }
    if (s < e) {
        ocp_tree_begin_string(tree);
        if (is_math) {
            append_literal(p, s, e);
        } else {
            ocp_inline_append_unescaped(tree, src, s, e);
        }
        ocp_tree_set_string(tree, node, 1, ocp_tree_end_string(tree));
    }
}

/* Whether src[from, to) is a frontmatter fence of marker: three of it, then spaces or tabs. */
static bool is_frontmatter_fence(const block_parser *p, uint8_t marker, int32_t from, int32_t to) {
    const uint8_t *src = p->src;
    if (to - from < 3 || src[from] != marker || src[from + 1] != marker || src[from + 2] != marker) {
        return false;
    }
    for (int32_t i = from + 3; i < to; i++) {
        if (!is_space_or_tab(src[i])) {
            return false;
        }
    }
    return true;
}

/* Frontmatter at at, the document's first byte (after a byte order mark): a fence of exactly three '-' (YAML) or
 * '+' (TOML) with nothing but spaces and tabs after it, the lines of the matter, and the same fence again, as
 * markdown-rs reads it. Without a closing fence the lines are read as usual. Returns where the lines after the
 * frontmatter start, or at if there is none. */
static int32_t frontmatter(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t length = p->length;
    uint8_t marker = src[at];
    int32_t open = line_end_from(src, at, length);
    if (!is_frontmatter_fence(p, marker, at, open) || open == length) {
        return at;
    }
    int32_t line = next_line(p, open);
    int32_t lines = 1;
    while (line < length) {
        int32_t e = line_end_from(src, line, length);
        lines++;
        p->work += e - line + 1;
        if (is_frontmatter_fence(p, marker, line, e)) {
            p->line_number += lines;
            p->line_start = at;
            p->line_end = e;
            int32_t parent = prepare(p, 0, LEAF);
            ocp_tree *tree = p->tree;
            int32_t node = ocp_tree_add(tree, OCP_KIND_FRONTMATTER, p->st[parent].node, at, e);
            ocp_tree_set_data(tree, node, marker == '-' ? OCP_FRONTMATTER_YAML : OCP_FRONTMATTER_TOML);
            ocp_tree_begin_string(tree);
            for (int32_t s = next_line(p, open); s < line;) {
                int32_t le = line_end_from(src, s, length);
                append_literal(p, s, le);
                ocp_tree_append_byte(tree, '\n');
                s = next_line(p, le);
            }
            ocp_tree_set_string(tree, node, 0, ocp_tree_end_string(tree));
            leaf_done(p, parent);
            return next_line(p, e);
        }
        line = next_line(p, e);
    }
    return at;
}

/* ------------------------------------------------------------------------------------------------------------
 * MDX in flow
 * ------------------------------------------------------------------------------------------------------------ */

/* Whether the line is ESM: import or export and a space at its first byte. */
static bool esm_start(const block_parser *p) {
    int32_t n = p->line_end - p->line_start;
    const uint8_t *l = p->src + p->line_start;
    return (n >= 7 && memcmp(l, "import ", 7) == 0) || (n >= 7 && memcmp(l, "export ", 7) == 0);
}

/* The flow scanner failed at a flow buffer offset: place it in the source. */
static void flow_failure(void *host, int32_t at, const char *rule_id, const char *reason) {
    block_parser *p = host;
    ocp_mdx_syntax_error(p->ctx, p->src, p->length, ocp_content_map_to_source(&p->flow_map, at), -1, rule_id,
                         reason);
}

/* Appends src[from, to) to the flow buffer. */
static void append_flow(block_parser *p, int32_t from, int32_t to) {
    int32_t n = to - from;
    if ((int64_t) p->flow_len + n + 1 > p->flow_capacity) {
        void *buf = p->flow_buf;
        ocp_grow(p->ctx, &buf, &p->flow_capacity, (int64_t) p->flow_len + n + 1, 1);
        p->flow_buf = buf;
    }
    memcpy(p->flow_buf + p->flow_len, p->src + from, (size_t) n);
    p->flow_len += n;
}

/* Where the content of line src[ls, le) starts inside the containers of the flow construct (block quotes take
 * their '>' and a space, items and footnote definitions their indentation, JSX elements nothing), or -1 if the
 * line does not continue one of them. */
static int32_t continued_content(block_parser *p, int32_t ls, int32_t le) {
    const uint8_t *src = p->src;
    int32_t at = ls;
    int32_t col = 0;
    for (int32_t k = 1; k <= p->flow_container; k++) {
        int32_t kind = p->st[k].kind;
        if (kind == JSX) {
            k = p->st[k].jsx_run_top < p->flow_container ? p->st[k].jsx_run_top : p->flow_container;
            continue;
        }
        if (kind == LIST) {
            continue;
        }
        int32_t q = at;
        int32_t c = col;
        while (q < le && (src[q] == ' ' || src[q] == '\t')) {
            c = col_add(c, src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1);
            q++;
        }
        bool blank_line = q == le;
        if (kind == QUOTE) {
            if (blank_line || (!p->mdx && col_sub(c, col) > 3) || src[q] != '>') {
                return -1;
            }
            q++;
            c = col_add(c, 1);
            if (q < le && (src[q] == ' ' || src[q] == '\t')) {
                c = col_add(c, src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1);
                q++;
            }
            at = q;
            col = c;
        } else if (kind == ITEM || kind == FOOTNOTE) {
            int32_t need = kind == ITEM ? p->st[k].a : FOOTNOTE_INDENT;
            if (blank_line) {
                return q;
            }
            if (col_sub(c, col) < need) {
                return -1;
            }
            int32_t target = col_add(col, need);
            while (col < target) {
                col = col_add(col, src[at] == '\t' ? TAB_STOP - col % TAB_STOP : 1);
                at++;
            }
        }
    }
    return at;
}

/* The scanner reached the end of the flow buffer inside a tag or an expression: appends the next source line (a
 * line feed, then the line after the prefixes of the construct's containers), or fails if that line is lazy. */
static bool more_flow(void *host, ocp_mdx_scanner *scanner, bool in_expression) {
    block_parser *p = host;
    int32_t length = p->length;
    if (p->flow_line_end >= length) {
        return false;
    }
    int32_t ls = next_line(p, p->flow_line_end);
    if (ls >= length && (p->flow_line_end + 1 > length || ls == p->flow_line_end)) {
        return false;
    }
    int32_t le = line_end_from(p->src, ls, length);
    int32_t content = continued_content(p, ls, le);
    if (p->flow_len + 1 > p->flow_capacity) {
        void *buf = p->flow_buf;
        ocp_grow(p->ctx, &buf, &p->flow_capacity, (int64_t) p->flow_len + 1, 1);
        p->flow_buf = buf;
    }
    p->flow_buf[p->flow_len++] = '\n';
    if (content < 0) {
        ocp_content_map_add_line(&p->flow_map, p->flow_len, ls, next_line(p, le));
        flow_failure(p, p->flow_len, "unexpected-lazy",
                     in_expression ? "Unexpected lazy line in expression in container, expected line to be prefixed "
                                     "with `>` when in a block quote, whitespace when in a list, etc"
                                   : "Unexpected lazy line in jsx in container, expected line to be prefixed with `>` "
                                     "when in a block quote, whitespace when in a list, etc");
    }
    ocp_content_map_add_line(&p->flow_map, p->flow_len, content, next_line(p, le));
    append_flow(p, content, le);
    p->flow_line_end = le;
    p->flow_extra_lines++;
    p->work += le - ls + 1;
    ocp_mdx_grow(scanner, p->flow_buf, p->flow_len);
    return true;
}

/* markdown-rs's name of the container at stack index k, for messages. */
static const char *block_name(const block_parser *p, int32_t k) {
    switch (p->st[k].kind) {
        case QUOTE:
            return "BlockQuote";
        case ITEM:
            return "ListItem";
        case LIST:
            return p->st[k].c == 1 ? "ListOrdered" : "ListUnordered";
        case FOOTNOTE:
            return "GfmFootnoteDefinition";
        case JSX:
            return "MdxJsxFlowTag";
        default:
            return "Paragraph";
    }
}

/* The element at stack index k is still open where its parent ends (in_parent), or where the document does. */
_Noreturn static void unclosed_jsx(block_parser *p, int32_t k, int32_t at, bool in_parent) {
    ocp_mdx_text t = {{0}, 0};
    ocp_mdx_text_add(&t, "Expected a closing tag for `");
    ocp_mdx_text_add_label(&t, p->tree, p->st[k].node, false);
    ocp_mdx_text_add(&t, "` (");
    ocp_mdx_text_add_line_column(&t, p->src, p->length, p->st[k].a);
    ocp_mdx_text_add(&t, ")");
    if (in_parent) {
        ocp_mdx_text_add(&t, " before the end of `");
        ocp_mdx_text_add(&t, block_name(p, k - 1));
        ocp_mdx_text_add(&t, "`");
    }
    ocp_mdx_syntax_error(p->ctx, p->src, p->length, at, -1, "end-tag-mismatch", t.chars);
}

/* One tag of a flow run at flow_buf[q, e), in the block at cur; returns where the next goes. */
static int32_t flow_tag(block_parser *p, int32_t cur, int32_t q, int32_t e) {
    ocp_mdx_scanner *t = &p->flow_scanner;
    ocp_tree *tree = p->tree;
    int32_t start = ocp_content_map_to_source(&p->flow_map, q);
    int32_t stop = ocp_content_map_to_source(&p->flow_map, e);
    if (!t->closing) {
        if (t->self_closing) {
            int32_t parent = prepare(p, cur, LEAF);
            int32_t node = ocp_tree_add(tree, OCP_KIND_MDX_JSX_FLOW, p->st[parent].node, start, stop);
            ocp_mdx_tag_fields(tree, node, t, p->flow_buf, &p->flow_map);
            leaf_done(p, parent);
            return parent;
        }
        int32_t k = open_block(p, cur, JSX, OCP_KIND_MDX_JSX_FLOW, start);
        ocp_mdx_tag_fields(tree, p->st[k].node, t, p->flow_buf, &p->flow_map);
        p->st[k].b = 0; /* not closed by a tag yet */
        p->st[k].a = start;
        p->st[k].end = stop;
        return k;
    }
    close_above(p, cur);
    while (!can_contain(p->st[cur].kind, LEAF)) {
        close_top(p); /* the paragraph (or other leaf) the closing tag interrupts */
        cur--;
    }
    int32_t element = cur;
    while (element > 0 && p->st[element].kind != JSX) {
        element--;
    }
    if (element == 0) {
        int32_t slash = q + 1;
        while (p->flow_buf[slash] != '/') {
            slash++;
        }
        ocp_mdx_syntax_error(p->ctx, p->src, p->length, ocp_content_map_to_source(&p->flow_map, slash), -1,
                             "unexpected-closing-slash", "Unexpected closing slash `/` in tag, expected an open tag first");
    }
    if (t->closing_extra >= 0) {
        ocp_mdx_syntax_error(p->ctx, p->src, p->length, ocp_content_map_to_source(&p->flow_map, t->closing_extra), -1,
                             t->closing_extra_is_slash ? "unexpected-self-closing-slash" : "unexpected-attribute",
                             t->closing_extra_is_slash
                                 ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                                 : "Unexpected attribute in closing tag, expected the end of the tag");
    }
    if (element < cur) {
        /* The element is outside a container the closing tag is in. */
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Expected the closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->flow_buf, t);
        ocp_mdx_text_add(&m, "` either before the start of `");
        ocp_mdx_text_add(&m, block_name(p, element + 1));
        ocp_mdx_text_add(&m, "` (");
        ocp_mdx_text_add_line_column(&m, p->src, p->length, ocp_tree_span_start(tree, p->st[element + 1].node));
        ocp_mdx_text_add(&m, "), or another opening tag after that start");
        ocp_mdx_syntax_error(p->ctx, p->src, p->length, p->st[element].a, -1, "end-tag-mismatch", m.chars);
    }
    if (!ocp_mdx_same_name(tree, p->st[element].node, p->flow_buf, t)) {
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Unexpected closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->flow_buf, t);
        ocp_mdx_text_add(&m, "`, expected corresponding closing tag for `");
        ocp_mdx_text_add_label(&m, tree, p->st[element].node, false);
        ocp_mdx_text_add(&m, "` (");
        ocp_mdx_text_add_line_column(&m, p->src, p->length, p->st[element].a);
        ocp_mdx_text_add(&m, ")");
        ocp_mdx_syntax_error(p->ctx, p->src, p->length, start, stop, "end-tag-mismatch", m.chars);
    }
    p->st[element].b = 1;
    p->st[element].end = stop;
    p->st[element].end_line = p->line_number + p->flow_extra_lines;
    close_top(p);
    return element - 1;
}

/* Tags and expressions in flow: from the line's first non-blank byte, a run of JSX tags and expressions with only
 * spaces and tabs between and after them (BlockParser.mdxFlow). Returns whether the line was that; if not, it is
 * text for a paragraph. */
static bool mdx_flow(block_parser *p, int32_t container) {
    ocp_mdx_scanner *t = &p->flow_scanner;
    p->flow_len = 0;
    ocp_content_map_reset(&p->flow_map);
    p->flow_container = container;
    p->flow_extra_lines = 0;
    p->flow_line_end = p->line_end;
    append_flow(p, p->nonspace, p->line_end);
    ocp_content_map_add_line(&p->flow_map, 0, p->nonspace, next_line(p, p->line_end));
    t->more = more_flow;
    int32_t constructs = 0;
    int32_t q = 0;
    for (;;) {
        while (q < p->flow_len && (p->flow_buf[q] == ' ' || p->flow_buf[q] == '\t')) {
            q++;
        }
        if (q >= p->flow_len) {
            break;
        }
        uint8_t c = p->flow_buf[q];
        int32_t e;
        if (c == '<') {
            e = ocp_mdx_tag(t, p->flow_buf, q, p->flow_len);
        } else if (c == '{') {
            e = ocp_mdx_expression(t, p->flow_buf, q, p->flow_len);
        } else {
            e = OCP_MDX_NOK;
        }
        if (e == OCP_MDX_NOK) {
            t->more = NULL;
            return false;
        }
        constructs++;
        q = e;
    }
    t->more = NULL;
    p->work += p->flow_len;
    /* The run is flow: make its nodes, reading the tags again from the complete buffer. */
    int32_t cur = container;
    q = 0;
    for (int32_t i = 0; i < constructs; i++) {
        while (p->flow_buf[q] == ' ' || p->flow_buf[q] == '\t') {
            q++;
        }
        if (p->flow_buf[q] == '{') {
            int32_t e = ocp_mdx_expression(t, p->flow_buf, q, p->flow_len);
            int32_t parent = prepare(p, cur, LEAF);
            int32_t node = ocp_tree_add(p->tree, OCP_KIND_MDX_EXPRESSION_FLOW, p->st[parent].node,
                                        ocp_content_map_to_source(&p->flow_map, q),
                                        ocp_content_map_to_source(&p->flow_map, e));
            ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->flow_buf, q + 1, e - q - 2));
            leaf_done(p, parent);
            cur = parent;
            q = e;
        } else {
            int32_t e = ocp_mdx_tag(t, p->flow_buf, q, p->flow_len);
            cur = flow_tag(p, cur, q, e);
            q = e;
        }
    }
    p->work += p->flow_len; /* the second reading */
    if (p->flow_extra_lines > 0) {
        p->line_number += p->flow_extra_lines;
        p->line_end = p->flow_line_end;
        p->resume_at = next_line(p, p->flow_line_end);
        if (cur > 0) {
            /* Its ancestors learn the end when it closes. */
            if (p->flow_line_end > p->st[cur].end) {
                p->st[cur].end = p->flow_line_end;
            }
            p->st[cur].end_line = p->line_number;
        }
    }
    return true;
}

/* ESM: its lines as written, joined by line feeds, without the last line's ending. */
static void finish_esm(block_parser *p, int32_t k) {
    ocp_tree *tree = p->tree;
    ocp_tree_begin_string(tree);
    for (int32_t i = p->leaf_first; i < p->line_count; i++) {
        if (i > p->leaf_first) {
            ocp_tree_append_byte(tree, '\n');
        }
        append_literal(p, p->lines[i].start, p->lines[i].end);
    }
    ocp_tree_set_string(tree, p->st[k].node, 0, ocp_tree_end_string(tree));
    p->work += p->lines[p->line_count - 1].end - p->lines[p->leaf_first].start;
    p->line_count = p->leaf_first;
}

/* The start of the line after the line ending at line_end (LF, CR or CR LF), or the input's length. */
static int32_t next_line(const block_parser *p, int32_t line_end) {
    if (line_end + 1 < p->length && p->src[line_end] == '\r' && p->src[line_end + 1] == '\n') {
        return line_end + 2;
    }
    return line_end + 1 < p->length ? line_end + 1 : p->length;
}

static bool is_closing_fence(block_parser *p, int32_t k) {
    const uint8_t *src = p->src;
    uint8_t fence = (uint8_t) p->st[k].a;
    int32_t q = p->nonspace;
    while (q < p->line_end && src[q] == fence) {
        q++;
    }
    p->work += q - p->nonspace;
    if (q - p->nonspace < p->st[k].b) {
        return false;
    }
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    return q == p->line_end;
}

/* Returns 1 or 2 if the line from at is a setext heading underline, else 0. */
static int32_t setext_level(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t m = src[at];
    int32_t q = at;
    while (q < p->line_end && src[q] == m) {
        q++;
    }
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    if (q != p->line_end) {
        return 0;
    }
    return m == '=' ? 1 : 2;
}

/* Turns the paragraph on top (k) into a setext heading of level ending on this line, unless it held nothing but
 * link reference definitions. Returns false if the paragraph was only definitions (the line is then tried as
 * something else). */
static bool setext_heading(block_parser *p, int32_t k, int32_t level) {
    int32_t paragraph_start = ocp_tree_span_start(p->tree, p->st[k].node);
    int32_t remaining = resolve_definitions(p, k);
    if (remaining == 0) {
        return false;
    }
    int32_t node = p->st[k].node;
    if (ocp_tree_span_start(p->tree, node) != paragraph_start) {
        ocp_tree_set_number(p->tree, node, 0, paragraph_start); /* v1.5: where the paragraph began */
    }
    ocp_tree_set_kind(p->tree, node, OCP_KIND_HEADING);
    ocp_tree_set_data(p->tree, node, level);
    ocp_tree_set_flags(p->tree, node, OCP_FLAG_HEADING_SETEXT);
    p->st[k].kind = HEADING;
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
    add_leaf(p, node, p->leaf_first, remaining);
    close_top(p);
    return true;
}

static bool is_thematic_break(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t m = src[at];
    int32_t count = 0;
    for (int32_t i = at; i < p->line_end; i++) {
        p->work++;
        uint8_t b = src[i];
        if (b == m) {
            count++;
        } else if (!is_space_or_tab(b)) {
            p->break_kill = i;
            return false;
        }
    }
    if (count < 3) {
        p->break_kill = p->line_end;
        return false;
    }
    return true;
}

/* Scans a list marker at at, filling the marker_* fields. interrupts_paragraph: whether the item would interrupt
 * a paragraph (then it must not be empty and an ordered one must start at 1). */
static bool list_marker(block_parser *p, int32_t at, bool interrupts_paragraph) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    uint8_t c = src[at];
    int32_t next;
    if (c == '*' || c == '+' || c == '-') {
        p->marker_byte = c;
        p->marker_ordered = false;
        p->marker_start_number = 0;
        next = at + 1;
    } else if (c >= '0' && c <= '9') {
        int32_t q = at;
        /* Up to ten digits are read (a tenth rejects the marker), so the value needs more than 32 bits. */
        int64_t value = 0;
        while (q < line_end && q - at < 10 && src[q] >= '0' && src[q] <= '9') {
            value = value * 10 + (src[q] - '0');
            q++;
        }
        if (q - at > 9 || q >= line_end || (src[q] != '.' && src[q] != ')')) {
            return false;
        }
        p->marker_byte = src[q];
        p->marker_ordered = true;
        p->marker_start_number = (int32_t) value;
        next = q + 1;
    } else {
        return false;
    }
    if (next < line_end && !is_space_or_tab(src[next])) {
        return false;
    }
    if (interrupts_paragraph) {
        if (p->marker_ordered && p->marker_start_number != 1) {
            return false;
        }
        int32_t q = next;
        while (q < line_end && is_space_or_tab(src[q])) {
            q++;
        }
        if (q == line_end) {
            return false;
        }
    }
    p->marker_width = next - at;
    return true;
}

/* Opens a list item (and its list unless container is a list it continues) for the scanned marker. */
static int32_t list_item(block_parser *p, int32_t container, int32_t container_kind) {
    const uint8_t *src = p->src;
    int32_t start = p->nonspace;
    int32_t marker_indent = p->indent;
    advance(p, p->nonspace + p->marker_width - p->offset, false);
    bool saved_partial = p->partial_tab;
    int32_t saved_offset = p->offset;
    int32_t saved_column = p->column;
    while (col_sub(p->column, saved_column) <= 5 && p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
        advance(p, 1, true);
    }
    int32_t spaces = col_sub(p->column, saved_column);
    int32_t padding;
    if (spaces >= 5 || spaces < 1 || p->offset == p->line_end) {
        /* Content starts one column after the marker: indented code, blank start, or no space at all. */
        padding = p->marker_width + 1;
        p->offset = saved_offset;
        p->column = saved_column;
        p->partial_tab = saved_partial;
        if (spaces > 0) {
            advance(p, 1, true);
        }
    } else {
        padding = p->marker_width + spaces;
    }
    if (container_kind != LIST || p->st[container].a != p->marker_byte
            || (p->st[container].c == 1) != p->marker_ordered) {
        container = open_block(p, container, LIST, OCP_KIND_LIST, start);
        int32_t list = p->st[container].node;
        p->st[container].a = p->marker_byte;
        p->st[container].c = p->marker_ordered ? 1 : 0;
        ocp_tree_set_data(p->tree, list, p->marker_byte);
        if (p->marker_ordered) {
            ocp_tree_set_flags(p->tree, list, OCP_FLAG_LIST_ORDERED);
            ocp_tree_set_number(p->tree, list, 0, p->marker_start_number);
        }
    }
    int32_t item = open_block(p, container, ITEM, OCP_KIND_LIST_ITEM, start);
    p->st[item].a = marker_indent + padding;
    return item;
}

/* ------------------------------------------------------------------------------------------------------------
 * GFM blocks
 * ------------------------------------------------------------------------------------------------------------ */

/* Scans a footnote definition's start [^label]: at at: a label of at least one byte, none of them ']', a space, a
 * tab or NUL; under OCP_FLAVOR_MICROMARK a backslash takes the '[' '\\' ']' after it into the label and an unescaped
 * '[' is no label (BlockParser.footnoteDefinitionStart). Returns the index of the label's ']', or 0 if there is no
 * definition start. */
static int32_t footnote_definition_start(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    if (at + 1 >= line_end || src[at + 1] != '^') {
        return 0;
    }
    int32_t q = at + 2;
    while (q < line_end) {
        uint8_t b = src[q];
        if (b == ']' || b == ' ' || b == '\t' || b == 0) {
            break;
        }
        if (p->micromark) {
            if (b == '[') {
                return 0;
            }
            if (b == '\\' && q + 1 < line_end && (src[q + 1] == '[' || src[q + 1] == '\\' || src[q + 1] == ']')) {
                q++;
            }
        }
        q++;
    }
    p->work += q - at;
    if (q == at + 2 || q + 1 >= line_end || src[q] != ']' || src[q + 1] != ':') {
        return 0;
    }
    return q;
}

/* Opens a footnote definition whose label ends at label_end; its content starts after the spaces. */
static int32_t footnote_definition(block_parser *p, int32_t container, int32_t label_end) {
    const uint8_t *src = p->src;
    int32_t start = p->nonspace;
    advance(p, label_end + 2 - p->offset, false);
    /* Columns count characters as UTF-16 code units (as commonmark-java and micromark do), not bytes: a tab after
     * a non-ASCII label stops where theirs does. */
    for (int32_t i = start + 2; i < label_end; i++) {
        if ((src[i] & 0xC0) == 0x80) {
            p->column = col_sub(p->column, 1); /* a continuation byte */
        } else if (src[i] >= 0xF0) {
            p->column = col_add(p->column, 1); /* a four-byte character is a surrogate pair: two units */
        }
    }
    while (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
        advance(p, 1, false);
    }
    int32_t k = open_block(p, container, FOOTNOTE, OCP_KIND_FOOTNOTE_DEFINITION, start);
    ocp_tree_set_string(p->tree, p->st[k].node, 2, ocp_tree_string(p->tree, src, start + 2, label_end - start - 2));
    ocp_inline_add_footnote(p->inline_parser, src, start + 2, label_end);
    return k;
}


/* Scans a table delimiter row at at: cells of an optional ':', dashes and an optional ':', separated by single
 * pipes, with optional outer pipes and table whitespace around each. Records each column's alignment in
 * table_align. Returns the number of cells, or 0 if the line is no delimiter row. */
static int32_t delimiter_row(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    int32_t q = at;
    if (src[q] == '|') {
        q++;
    }
    int32_t cells = 0;
    for (;;) {
        q = skip_table_space_to(p, q, line_end);
        bool left = q < line_end && src[q] == ':';
        if (left) {
            q++;
        }
        int32_t dashes = q;
        while (q < line_end && src[q] == '-') {
            q++;
        }
        p->work += q - dashes + 1;
        if (q == dashes) {
            return 0;
        }
        bool right = q < line_end && src[q] == ':';
        if (right) {
            q++;
        }
        if (cells == p->align_capacity) {
            grow_records(p->ctx, &p->table_align, &p->align_capacity, cells == 0 ? 16 : (int64_t) cells * 2,
                         sizeof *p->table_align);
        }
        p->table_align[cells++] = left && right ? OCP_ALIGN_CENTER : left ? OCP_ALIGN_LEFT
                                  : right ? OCP_ALIGN_RIGHT : OCP_ALIGN_NONE;
        q = skip_table_space_to(p, q, line_end);
        if (q == line_end) {
            return cells;
        }
        if (src[q] != '|') {
            return 0;
        }
        q = skip_table_space_to(p, q + 1, line_end);
        if (q == line_end) {
            return cells;
        }
    }
}

/* Adds the cell src[from, to) (trimmed) of column column to row, after the pipe at pipe (OCP_NIL for a first cell
 * without one); queues its content. */
static void cell(block_parser *p, int32_t row, int32_t pipe, int32_t from, int32_t to, int32_t column, bool header) {
    const uint8_t *src = p->src;
    while (from < to && is_table_space(src[from])) {
        from++;
    }
    while (to > from && is_table_space(src[to - 1])) {
        to--;
    }
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TABLE_CELL, row, from, to);
    ocp_tree_set_data(p->tree, node, p->table_align[column]);
    if (pipe != OCP_NIL) {
        ocp_tree_set_number(p->tree, node, 0, pipe); /* v1.5: the pipe it starts after */
    }
    if (header) {
        ocp_tree_set_flags(p->tree, node, OCP_FLAG_TABLE_HEADER);
    }
    if (to > from) {
        add_line(p, from, to, 0);
        add_leaf(p, node, p->line_count - 1, CELL);
    }
}

/* Splits the row src[from, to) into cells as cmark-gfm does: an optional leading pipe, then cells separated by
 * pipes that do not follow a backslash, table whitespace after each pipe
 * skipped, no empty cell after a trailing pipe. Adds each cell to row (OCP_NIL: count only) while limit allows.
 * Returns the number of cells of the row. */
static int32_t split_row(block_parser *p, int32_t from, int32_t to, int32_t row, int32_t limit, bool header) {
    const uint8_t *src = p->src;
    int32_t q = from;
    int32_t pipe = OCP_NIL;
    if (q < to && src[q] == '|') {
        pipe = q;
        q = skip_table_space_to(p, q + 1, to);
    }
    int32_t cells = 0;
    while (q < to) {
        int32_t cell_start = q;
        /* A pipe right after a backslash is the cell's (cmark-gfm's cell scanner takes the longest match, so
         * even in \\| the backslash before the pipe escapes it). */
        while (q < to && (src[q] != '|' || (q > cell_start && src[q - 1] == '\\'))) {
            q++;
        }
        p->work += q - cell_start + 1;
        bool ends_at_pipe = q < to;
        if (q > cell_start || ends_at_pipe) {
            if (row != OCP_NIL && cells < limit) {
                cell(p, row, pipe, cell_start, q, cells, header);
            }
            cells++;
        }
        if (!ends_at_pipe) {
            break;
        }
        pipe = q;
        q = skip_table_space_to(p, q + 1, to);
    }
    return cells;
}

/* Turns the last line of paragraph k into a table's header row if it has columns cells (those of the delimiter
 * row on this line); the paragraph's earlier lines stay a paragraph. Returns whether the table was made (else
 * the line goes on as it would have). */
static bool table_start(block_parser *p, int32_t k, int32_t columns) {
    ocp_tree *tree = p->tree;
    int32_t h = p->line_count - 1;
    int32_t header_start = p->lines[h].start;
    int32_t header_end = p->lines[h].end;
    if (split_row(p, header_start, header_end, OCP_NIL, 0, true) != columns) {
        return false;
    }
    int32_t t;
    if (h > p->leaf_first) {
        p->line_count = h;
        p->st[k].end = p->lines[h - 1].end;
        p->st[k].end_line = p->line_number - 2;
        int32_t parent = k - 1;
        close_top(p);
        t = push(p, TABLE, ocp_tree_add(tree, OCP_KIND_TABLE, p->st[parent].node, header_start, p->line_end));
    } else {
        p->line_count = h;
        t = k;
        p->st[t].kind = TABLE;
        ocp_tree_set_kind(tree, p->st[t].node, OCP_KIND_TABLE);
    }
    p->st[t].a = columns;
    int32_t row = ocp_tree_add(tree, OCP_KIND_TABLE_ROW, p->st[t].node, header_start, header_end);
    ocp_tree_set_flags(tree, row, OCP_FLAG_TABLE_HEADER);
    split_row(p, header_start, header_end, row, columns, true);
    p->st[t].end = p->line_end;
    p->st[t].end_line = p->line_number;
    return true;
}

/* Adds the rest of the line as a body row of table t, cut or padded to its columns. */
static void table_row(block_parser *p, int32_t t, bool header) {
    ocp_tree *tree = p->tree;
    int32_t row = ocp_tree_add(tree, OCP_KIND_TABLE_ROW, p->st[t].node, p->nonspace, p->line_end);
    int32_t columns = p->st[t].a;
    int32_t cells = split_row(p, p->nonspace, p->line_end, row, columns, header);
    for (int32_t c = cells; c < columns; c++) {
        ocp_tree_set_data(tree, ocp_tree_add(tree, OCP_KIND_TABLE_CELL, row, p->line_end, p->line_end),
                          p->table_align[c]);
    }
    p->st[t].end = p->line_end;
    p->st[t].end_line = p->line_number;
}

/* Flags the item above paragraph k (of the given number of lines) as a task-list item when the paragraph is the
 * item's first child (on the marker's line or a later one), starts with [ ], [x] or [X] followed by whitespace
 * (spaces or tabs, or the line's end), and goes on after it: more on that line, or another line. The paragraph
 * then starts after the whitespace, at the line's end when nothing is left on it. */
static void task_item(block_parser *p, int32_t k, int32_t lines) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    int32_t item = p->st[k - 1].node;
    int32_t node = p->st[k].node;
    int32_t s = p->lines[p->leaf_first].start;
    int32_t e = p->lines[p->leaf_first].end;
    if (ocp_tree_first_child(tree, item) != node || s + 3 > e || src[s] != '[' || src[s + 2] != ']'
            || (s + 3 < e && !is_space_or_tab(src[s + 3]))) {
        return;
    }
    uint8_t check = src[s + 1];
    if (check != ' ' && check != 'x' && check != 'X') {
        return;
    }
    int32_t content = s + 3;
    while (content < e && is_space_or_tab(src[content])) {
        content++;
    }
    if (content == e && lines == 1) {
        return;
    }
    ocp_tree_set_flags(tree, item, ocp_tree_flags(tree, item) | OCP_FLAG_ITEM_TASK
                                       | (check == ' ' ? 0 : OCP_FLAG_ITEM_CHECKED));
    ocp_tree_set_number(tree, item, 0, s); /* v1.5: where the check starts, which the paragraph's span leaves out */
    p->lines[p->leaf_first].start = content;
    ocp_tree_set_span(tree, node, content, ocp_tree_span_end(tree, node));
}

/* ------------------------------------------------------------------------------------------------------------
 * The stack
 * ------------------------------------------------------------------------------------------------------------ */

static bool can_contain(int32_t parent, int32_t child) {
    switch (parent) {
        case DOCUMENT:
        case QUOTE:
        case ITEM:
        case FOOTNOTE:
        case JSX:
            return child != ITEM;
        case LIST:
            return child == ITEM;
        default:
            return false;
    }
}

/* Closes the blocks the line did not continue (above container) and then the ones that cannot hold a child of
 * kind. Returns the index of the block that gets the child. */
static int32_t prepare(block_parser *p, int32_t container, int32_t kind) {
    close_above(p, container);
    int32_t parent = container;
    while (!can_contain(p->st[parent].kind, kind)) {
        close_top(p);
        parent--;
    }
    child_starts(p, parent);
    return parent;
}

/* Opens a block of kind as a child of container (or of the first ancestor that can hold it). */
static int32_t open_block(block_parser *p, int32_t container, int32_t kind, int node_kind, int32_t start) {
    int32_t parent = prepare(p, container, kind);
    int32_t node = ocp_tree_add(p->tree, node_kind, p->st[parent].node, start, p->line_end);
    int32_t k = push(p, kind, node);
    if (kind == PARAGRAPH || kind == FENCED || kind == INDENTED || kind == HTML || kind == ESM) {
        p->leaf_first = p->line_count;
    }
    return k;
}

static int32_t push(block_parser *p, int32_t kind, int32_t node) {
    int32_t k = ++p->top;
    if (k == p->st_capacity) {
        grow_records(p->ctx, &p->st, &p->st_capacity, (int64_t) k * 2, sizeof *p->st);
    }
    if (kind == JSX) {
        int32_t start = k > 0 && p->st[k - 1].kind == JSX ? p->st[k - 1].jsx_run_start : k;
        p->st[k].jsx_run_start = start;
        p->st[start].jsx_run_top = k;
    }
    p->st[k].kind = kind;
    p->st[k].node = node;
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
    p->st[k].child_end_line = -1;
    p->st[k].a = 0;
    p->st[k].b = 0;
    p->st[k].c = 0;
    bool container = kind == QUOTE || kind == ITEM || kind == FOOTNOTE || kind == JSX;
    int32_t depth = k == 0 ? 0 : p->st[k - 1].depth + (container ? 1 : 0);
    if (depth > p->max_depth) {
        ocp_fail(p->ctx, OCP_LIMIT_EXCEEDED,
                 "block quotes, list items, footnotes and JSX elements are nested more than maxNestingDepth %lld deep "
                 "(line %ld)",
                 (long long) p->max_depth, (long) p->line_number);
    }
    p->st[k].depth = depth;
    int32_t quotes = k == 0 ? 0 : p->st[k - 1].quotes;
    if (kind == QUOTE) {
        if (quotes == p->quote_capacity) {
            grow_records(p->ctx, &p->quote_at, &p->quote_capacity, (int64_t) quotes * 2, sizeof *p->quote_at);
        }
        p->quote_at[quotes++] = k;
    }
    p->st[k].quotes = quotes;
    return k;
}

static void close_above(block_parser *p, int32_t k) {
    while (p->top > k) {
        close_top(p);
    }
}

/* A child of block parent starts on this line: a blank line before it makes the list loose, and spreads the list
 * (between items, bit 0 of the list's b) or the item (between its children, bit 1). */
static void child_starts(block_parser *p, int32_t parent) {
    int32_t previous_end = p->st[parent].child_end_line;
    if (previous_end < 0 || p->line_number <= previous_end + 1) {
        return;
    }
    if (p->st[parent].kind == LIST) {
        p->st[parent].b |= 1;
    } else if (p->st[parent].kind == ITEM) {
        p->st[parent - 1].b |= 2;
        int32_t item = p->st[parent].node;
        ocp_tree_set_flags(p->tree, item, ocp_tree_flags(p->tree, item) | OCP_FLAG_ITEM_SPREAD);
    }
}

/* A heading or thematic break, already added under parent, ended on this line. */
static void leaf_done(block_parser *p, int32_t parent) {
    p->st[parent].child_end_line = p->line_number;
    if (p->line_end > p->st[parent].end) {
        p->st[parent].end = p->line_end;
    }
    if (p->line_number > p->st[parent].end_line) {
        p->st[parent].end_line = p->line_number;
    }
}

/* Closes the block on top of the stack and reports its end to its parent. */
static void close_top(block_parser *p) {
    int32_t k = p->top;
    if (p->st[k].kind == JSX) {
        if (p->st[k].b == 0) {
            /* A container ends (a block quote, an item) with the element still open in it. */
            unclosed_jsx(p, k, p->st[k - 1].end, true);
        }
        if (p->st[k].jsx_run_start < k) {
            p->st[p->st[k].jsx_run_start].jsx_run_top = k - 1;
        }
    }
    int32_t node = p->st[k].node;
    switch (p->st[k].kind) {
        case PARAGRAPH:
            finish_paragraph(p, k);
            break;
        case FENCED:
        case INDENTED:
        case HTML:
            finish_literal(p, k);
            break;
        case ESM:
            finish_esm(p, k);
            break;
        case LIST:
            ocp_tree_set_flags(p->tree, node, (p->st[k].c == 1 ? OCP_FLAG_LIST_ORDERED : 0)
                                                  | (p->st[k].b == 0 ? OCP_FLAG_LIST_TIGHT : 0)
                                                  | ((p->st[k].b & 1) != 0 ? OCP_FLAG_LIST_SPREAD : 0));
            break;
        default:
            break;
    }
    ocp_tree_set_span_end(p->tree, node, p->st[k].end);
    p->top = k - 1;
    int32_t parent = k - 1;
    if (p->st[k].end > p->st[parent].end) {
        p->st[parent].end = p->st[k].end;
    }
    if (p->st[k].end_line > p->st[parent].end_line) {
        p->st[parent].end_line = p->st[k].end_line;
    }
    p->st[parent].child_end_line = p->st[k].end_line;
}

/* ------------------------------------------------------------------------------------------------------------
 * Leaf content
 * ------------------------------------------------------------------------------------------------------------ */

static void add_indented_line(block_parser *p, int32_t start, int32_t end, int32_t pad, int32_t indent_at) {
    int32_t i = p->line_count;
    if (i == p->line_capacity) {
        grow_records(p->ctx, &p->lines, &p->line_capacity, (int64_t) i * 2, sizeof *p->lines);
    }
    p->lines[i].start = start;
    p->lines[i].end = end;
    p->lines[i].pad = pad;
    p->lines[i].indent_at = indent_at;
    p->line_count = i + 1;
}

static void add_line(block_parser *p, int32_t start, int32_t end, int32_t pad) {
    add_indented_line(p, start, end, pad, start);
}

static void add_leaf(block_parser *p, int32_t node, int32_t first_line, int32_t lines) {
    int32_t i = p->leaf_count;
    if (i == p->leaf_capacity) {
        grow_records(p->ctx, &p->leaves, &p->leaf_capacity, (int64_t) i * 2, sizeof *p->leaves);
    }
    p->leaves[i].node = node;
    p->leaves[i].first_line = first_line;
    p->leaves[i].line_count = lines;
    p->leaf_count = i + 1;
}

/* Adds the line from its first non-space byte to paragraph k (also for lazy continuation lines). */
static void add_paragraph_line(block_parser *p, int32_t k) {
    if (p->line_count == p->leaf_first) {
        ocp_tree_set_span(p->tree, p->st[k].node, p->nonspace, p->line_end);
    }
    /* The indentation it loses is kept beside it: a code span across lines keeps it in its content as written. */
    add_indented_line(p, p->nonspace, p->line_end, p->partial_tab ? TAB_STOP - p->column % TAB_STOP : 0,
                      p->partial_tab ? p->offset + 1 : p->offset);
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
}

/* Adds the rest of the line to the code or HTML block k, a partly consumed tab as spaces. */
static void add_code_line(block_parser *p, int32_t k) {
    int32_t start = p->offset;
    int32_t pad = 0;
    if (p->partial_tab) {
        start++;
        pad = TAB_STOP - p->column % TAB_STOP;
    }
    add_line(p, start, p->line_end, pad);
    if (p->st[k].kind == INDENTED) {
        if (p->blank) {
            if (!p->shallow_blank_line) {
                p->leaf_last_indented_blank = p->line_count - 1;
            }
            return; /* trailing blank lines are not part of an indented code block */
        }
        p->leaf_last_text = p->line_count - 1;
    }
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
}

/* Code and HTML blocks: the literal is every line followed by a line feed. */
static void finish_literal(block_parser *p, int32_t k) {
    ocp_tree *tree = p->tree;
    int32_t node = p->st[k].node;
    int32_t last = p->st[k].kind == INDENTED ? p->leaf_last_text : p->line_count - 1;
    /* One search for NUL over the block's span, not one per line (each ended after a number of vectors that
     * varies with the line, a mispredicted branch per line of code); only a block that holds one goes by lines. */
    bool nul = last >= p->leaf_first
               && ocp_cc_find_nul(p->src, p->lines[p->leaf_first].start, p->lines[last].end) < p->lines[last].end;
    ocp_tree_begin_string(tree);
    for (int32_t i = p->leaf_first; i <= last; i++) {
        for (int32_t s = p->lines[i].pad; s > 0; s--) {
            ocp_tree_append_byte(tree, ' ');
        }
        int32_t start = p->lines[i].start;
        int32_t end = p->lines[i].end;
        /* A line that ends with a line feed takes it along in the same append (one call, not two per line). */
        bool feed = end < p->length && p->src[end] == '\n';
        if (nul) {
            append_literal(p, start, end + feed);
        } else {
            ocp_tree_append(tree, p->src, start, end + feed - start);
        }
        if (!feed) {
            ocp_tree_append_byte(tree, '\n');
        }
    }
    ocp_tree_set_string(tree, node, 0, ocp_tree_end_string(tree));
    if (p->st[k].kind == INDENTED && p->leaf_last_indented_blank > last) {
        /* v1.5: the blank lines after the last line of text, to the last one indented four columns or more, what
         * each holds past those columns, joined by line feeds (mdast's code takes them in). */
        ocp_tree_begin_string(tree);
        for (int32_t i = last + 1; i <= p->leaf_last_indented_blank; i++) {
            if (i > last + 1) {
                ocp_tree_append_byte(tree, '\n');
            }
            for (int32_t s = p->lines[i].pad; s > 0; s--) {
                ocp_tree_append_byte(tree, ' ');
            }
            append_literal(p, p->lines[i].start, p->lines[i].end);
        }
        ocp_tree_set_string(tree, node, 2, ocp_tree_end_string(tree));
    }
    p->line_count = p->leaf_first;
}

/* Appends source bytes to the open string with NUL replaced by U+FFFD, as the spec requires. */
static void append_literal(block_parser *p, int32_t from, int32_t to) {
    const uint8_t *src = p->src;
    int32_t run = from;
    for (int32_t i = ocp_cc_find_nul(src, from, to); i < to; i = ocp_cc_find_nul(src, i + 1, to)) {
        ocp_tree_append(p->tree, src, run, i - run);
        ocp_tree_append_code_point(p->tree, 0xFFFD);
        run = i + 1;
    }
    ocp_tree_append(p->tree, src, run, to - run);
}

/* Closes paragraph k: takes link reference definitions off its start, then queues the rest for the inline phase,
 * or unlinks the paragraph if nothing is left. */
static void finish_paragraph(block_parser *p, int32_t k) {
    int32_t first = p->leaf_first;
    int32_t remaining = resolve_definitions(p, k);
    int32_t node = p->st[k].node;
    if (remaining == 0) {
        ocp_tree_unlink(p->tree, p->st[k - 1].node, node);
        p->line_count = first;
        return;
    }
    if (p->gfm && p->st[k - 1].kind == ITEM) {
        task_item(p, k, remaining);
    }
    add_leaf(p, node, p->leaf_first, remaining);
}

/* Lets the inline parser take link reference definitions off the start of paragraph k's content; they become
 * DEFINITION nodes before it. Moves leaf_first past the lines they used. Returns the number of lines left. */
static int32_t resolve_definitions(block_parser *p, int32_t k) {
    int32_t lines = p->line_count - p->leaf_first;
    if (lines == 0 || p->src[p->lines[p->leaf_first].start] != '[') {
        return lines;
    }
    build_content(p, p->leaf_first, lines);
    const uint8_t *buf = p->content_buf;
    int32_t pos = p->content_off;
    int32_t end = p->content_off + p->content_len;
    while (pos < end && buf[pos] == '[') {
        int32_t used = ocp_inline_parse_definition(p->inline_parser, buf, pos, end - pos, &p->map,
                                                   p->st[k - 1].node, p->st[k].node);
        if (used <= 0) {
            break;
        }
        pos += used;
    }
    if (pos == p->content_off) {
        return lines;
    }
    if (pos >= end) {
        /* The last definition ends the content, whose last line lost its trailing whitespace: end it with its
         * line, as every block does. */
        ocp_tree_set_span_end(p->tree, ocp_tree_previous_sibling(p->tree, p->st[k].node), p->st[k].end);
        p->leaf_first = p->line_count;
        return 0;
    }
    int32_t line = ocp_content_map_line_of(&p->map, pos);
    if (ocp_content_map_line_content_start(&p->map, line) != pos) {
        ocp_fail(p->ctx, OCP_INTERNAL, "a link reference definition ended inside a line");
    }
    p->leaf_first += line;
    ocp_tree_set_span(p->tree, p->st[k].node, p->lines[p->leaf_first].start, p->st[k].end);
    return p->line_count - p->leaf_first;
}

/* Makes the scratch buffer hold at least size bytes. Nothing in it is kept: a fresh block, like Java's new
 * array. */
static void ensure_scratch(block_parser *p, int64_t size) {
    if (p->scratch_capacity >= size) {
        return;
    }
    int64_t capacity = (int64_t) p->scratch_capacity * 2;
    if (capacity < size) {
        capacity = size;
    }
    ocp_mem_free(p->ctx, p->scratch);
    p->scratch = NULL;
    p->scratch = ocp_mem_alloc_raw(p->ctx, (size_t) capacity);
    p->scratch_capacity = (int32_t) (capacity > INT32_MAX ? INT32_MAX : capacity);
}

/* Makes lines line records from first into inline content: content_buf, content_off, content_len and map. The
 * last line loses its trailing spaces and tabs. When the lines follow each other in the source, separated by
 * '\n', the source itself is the buffer; otherwise they are joined in the scratch buffer. */
static void build_content(block_parser *p, int32_t first, int32_t lines) {
    const uint8_t *src = p->src;
    const line_record *l = p->lines;
    int32_t last = first + lines - 1;
    int32_t last_end = l[last].end;
    while (last_end > l[last].start && is_space_or_tab(src[last_end - 1])) {
        last_end--;
    }
    ocp_content_map_reset(&p->map);
    bool contiguous = true;
    for (int32_t i = first; i < last; i++) {
        if (l[i + 1].start != l[i].end + 1 || src[l[i].end] != '\n') {
            contiguous = false;
            break;
        }
    }
    if (contiguous) {
        for (int32_t i = first; i <= last; i++) {
            ocp_content_map_add_indented_line(&p->map, l[i].start, l[i].start, after_line_ending(p, l[i].end),
                                              l[i].indent_at, l[i].pad);
        }
        p->content_buf = src;
        p->content_off = l[first].start;
        p->content_len = last_end - p->content_off;
        return;
    }
    int64_t size = lines - 1;
    for (int32_t i = first; i < last; i++) {
        size += l[i].end - l[i].start;
    }
    size += last_end - l[last].start;
    ensure_scratch(p, size);
    uint8_t *scratch = p->scratch;
    int32_t pos = 0;
    for (int32_t i = first; i <= last; i++) {
        int32_t s = l[i].start;
        int32_t e = i == last ? last_end : l[i].end;
        ocp_content_map_add_indented_line(&p->map, pos, s, after_line_ending(p, l[i].end), l[i].indent_at, l[i].pad);
        memcpy(scratch + pos, src + s, (size_t) (e - s));
        pos += e - s;
        if (i < last) {
            scratch[pos++] = '\n';
        }
    }
    p->content_buf = scratch;
    p->content_off = 0;
    p->content_len = pos;
}

/* Maps the piece of cell content at pos to the source from run: the cell's first piece, or one after an escaped
 * pipe, whose span starts at its backslash (a text's span covers its escapes as written). */
static void add_cell_piece(block_parser *p, int32_t pos, int32_t run, int32_t cell_start, int32_t cell_end) {
    if (run == cell_start) {
        ocp_content_map_add_line(&p->map, pos, run, cell_end);
    } else {
        ocp_content_map_add_piece_after_escape(&p->map, pos, run, cell_end);
    }
}

/* Makes table cell content from line record rec: the cell's bytes with the backslash of each \| dropped (the pipe
 * is then plain text to the inline parser, even in a code span), mapped to the source piece by piece. Without an
 * escaped pipe the source itself is the buffer. */
static void build_cell_content(block_parser *p, int32_t rec) {
    const uint8_t *src = p->src;
    int32_t s = p->lines[rec].start;
    int32_t e = p->lines[rec].end;
    ocp_content_map_reset(&p->map);
    int32_t first = -1;
    for (int32_t i = s; i + 1 < e; i++) {
        if (src[i] == '\\' && src[i + 1] == '|') {
            first = i;
            break;
        }
    }
    if (first < 0) {
        ocp_content_map_add_line(&p->map, s, s, e);
        p->content_buf = src;
        p->content_off = s;
        p->content_len = e - s;
        return;
    }
    ensure_scratch(p, e - s);
    uint8_t *scratch = p->scratch;
    int32_t pos = 0;
    int32_t run = s;
    for (int32_t i = first; i + 1 < e; i++) {
        if (src[i] == '\\' && src[i + 1] == '|') {
            add_cell_piece(p, pos, run, s, e);
            memcpy(scratch + pos, src + run, (size_t) (i - run));
            pos += i - run;
            run = i + 1;
        }
    }
    add_cell_piece(p, pos, run, s, e);
    memcpy(scratch + pos, src + run, (size_t) (e - run));
    pos += e - run;
    p->content_buf = scratch;
    p->content_off = 0;
    p->content_len = pos;
}

/* Returns the source offset past the line ending (LF, CR or CR LF) at line_end, if there is one. */
static int32_t after_line_ending(const block_parser *p, int32_t line_end) {
    if (line_end >= p->length) {
        return line_end;
    }
    return p->src[line_end] == '\r' && line_end + 1 < p->length && p->src[line_end + 1] == '\n' ? line_end + 2
                                                                                              : line_end + 1;
}
