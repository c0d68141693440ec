/*
 * Port of BlockParser.java (and JavaParser.parse): the CommonMark 0.31.2 block parser, phase 1 of the spec's
 * parsing strategy (block structure, one pass over the lines), then phase 2 handed to the inline parser for every
 * paragraph, heading and (GFM) table cell in document order. The Java class documents the design (open blocks as a
 * stack, leaf lines as records, spans, looseness by line numbers, node details); the C code follows it function by
 * function with the same names in snake_case. Where Java keeps a field per array, C keeps one record per entry
 * (stack_entry, line_record, leaf_record below).
 *
 * This file holds what every construct shares (the parser's state, the prototypes, the working arrays and the entry
 * points); each construct is a file of block/, named as its class in engine-java's block/ package and headed by its
 * rules and references, included at the end so that the parser stays one compilation unit (README.md, "Sources").
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
    /* A container directive (:::name up to its closing fence): a container without a prefix. */
    DIRECTIVE = 13,
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
    int32_t directives;     /* how many container directives are open at or below it (a lazy line cannot cross one) */
    int32_t a;              /* LIST marker byte, ITEM content indent, FENCED fence byte, HTML start condition,
                             * TABLE columns, JSX where its opening tag starts, DIRECTIVE its colons */
    int32_t b;              /* LIST 1 when loose, FENCED fence length, JSX 1 once its closing tag was met,
                             * DIRECTIVE the fewest colons of a fence in its run up to it */
    int32_t c;              /* LIST 1 when ordered, FENCED and DIRECTIVE fence indentation in columns */
    /* Runs of JSX elements, and of container directives, nested directly in each other (consecutive indexes of
     * the one kind): the run's first index, and at that first index the run's last. A line continues a run as a
     * whole (or closes one of its directives), so that deep nesting does not cost its depth per line. */
    int32_t run_start;
    int32_t run_top;
    int64_t indent_sum;     /* DIRECTIVE: the columns of indentation the directives of its run up to it take off */
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
    bool alerts;      /* whether OCP_EXTENSION_ALERTS is on */
    bool heading_ids; /* whether OCP_EXTENSION_HEADING_IDS is on */
    bool frontmatter; /* whether OCP_EXTENSION_FRONTMATTER is on */
    bool directive;   /* whether OCP_EXTENSION_DIRECTIVE is on */
    bool html_comments; /* whether OCP_EXTENSION_HTML_COMMENTS is on: HTML comments in MDX */
    ocp_directive_scan directive_scan; /* the scan of the block directive being read */
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

    /* OCP_FLAVOR_MICROMARK: the stack index of the container an indented code block opened in, while no other leaf
     * has opened since and that container is still open (indented_code_in_node), else -1. A list micromark would
     * start in it reads as one interrupting a paragraph, its flow's construct still being the code. */
    int32_t indented_code_in;
    int32_t indented_code_in_node;
    /* micromark: whether the last prepare closed containers the line did not continue; an indented code block opened
     * on such a lazy line (it opened no container), which ends with that line, or OCP_NIL (BlockParser.java). */
    bool prepared_closing_containers;
    int32_t code_ends_with_its_line;
    /* micromark: no block quote, list item or footnote definition starts anywhere: a frontmatter fence opened the
     * document and never closed (micromark's frontmatter is concrete; BlockParser.java). */
    bool containers_off;

    /* ---- results of the list marker scan ---- */
    int32_t marker_byte;
    bool marker_ordered;
    int32_t marker_start_number;
    int32_t marker_width;
} block_parser;

static void process_line(block_parser *p);
static void advance(block_parser *p, int32_t count, bool columns);
OCP_INLINE bool is_space_or_tab(uint8_t b);
static int32_t footnote_definition_start_in(block_parser *p, int32_t at, int32_t line_end);
static bool starts_container(block_parser *p, int32_t at, int32_t le);
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
static int32_t list_item(block_parser *p, int32_t container);
static bool continues_list(const block_parser *p, int32_t container);
static bool can_contain(int32_t parent, int32_t child);
static int32_t prepare(block_parser *p, int32_t container, int32_t kind);
static int32_t open_block(block_parser *p, int32_t container, int32_t kind, int node_kind, int32_t start);
static int32_t push(block_parser *p, int32_t kind, int32_t node);
static void close_above(block_parser *p, int32_t k);
static void child_starts(block_parser *p, int32_t parent);
static void leaf_done(block_parser *p, int32_t parent);
static bool list_after_indented_code(const block_parser *p, int32_t last_matched);
static bool in_footnote(const block_parser *p, int32_t k);
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
static int32_t alert_marker_paragraph(block_parser *p, int32_t k, int32_t lines);
static void alert_close_quote(block_parser *p, int32_t k);
static int32_t heading_id(block_parser *p, int32_t node, int32_t s, int32_t e);
static int32_t directive_start(block_parser *p, int32_t container);
static int32_t continue_directive_run(block_parser *p, int32_t k);
static int32_t after_line_ending(const block_parser *p, int32_t line_end);
static bool esm_start(const block_parser *p);
static void flow_failure(void *host, int32_t at, const char *rule_id, const char *reason);
static bool mdx_flow(block_parser *p, int32_t container);
static void unclosed_jsx(block_parser *p, int32_t k, int32_t at, bool in_parent);
static void finish_esm(block_parser *p, int32_t k);
static int32_t line_end_from(const uint8_t *src, int32_t at, int32_t length);
static bool row_without_cells(const block_parser *p);
static void ensure_scratch(block_parser *p, int64_t size);
static void add_indented_line(block_parser *p, int32_t start, int32_t end, int32_t pad, int32_t indent_at);

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
    p->alerts = (options->extensions & OCP_EXTENSION_ALERTS) != 0;
    p->heading_ids = (options->extensions & OCP_EXTENSION_HEADING_IDS) != 0;
    p->frontmatter = (options->extensions & OCP_EXTENSION_FRONTMATTER) != 0;
    p->directive = (options->extensions & OCP_EXTENSION_DIRECTIVE) != 0;
    p->html_comments = (options->extensions & OCP_EXTENSION_HTML_COMMENTS) != 0;
    p->directive_scan.ctx = ctx;
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
    p->indented_code_in = -1;
    p->code_ends_with_its_line = OCP_NIL;
    p->containers_off = false;
    if (p->mdx) {
        ocp_mdx_scanner_init(&p->flow_scanner, ctx, p, flow_failure);
        p->flow_scanner.micromark = p->micromark;
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
            p->st[p->top].b = 1; /* (the message is the root's: close_top must not name the parent) */
        }
        if (p->st[p->top].kind == DIRECTIVE && p->st[p->top].quotes == 0) {
            /* open at the end outside block quotes: micromark's content takes the rest, final line ending included */
            p->st[p->top].end = length;
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
    ocp_mdx_throw_deferred(p->ctx);
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
 * The constructs, one file each (block/, named as engine-java's block/ classes). Included rather than compiled on
 * their own: one compilation unit keeps every function static and lets the compiler inline across them as before.
 * This order keeps gcc's layout of the functions, and so build/libocp.so, the same as before the split.
 * ------------------------------------------------------------------------------------------------------------ */

#include "block/line.c"
#include "block/atx_heading.c"
#include "block/fenced_code.c"
#include "block/frontmatter.c"
#include "block/mdx_flow.c"
#include "block/setext_heading.c"
#include "block/thematic_break.c"
#include "block/block_quote.c"
#include "block/list_item.c"
#include "block/footnote_definition.c"
#include "block/html_block.c"
#include "block/block_stack.c"
#include "block/leaf_content.c"
#include "block/paragraph.c"
#include "block/indented_code.c"
#include "block/table.c"
#include "block/alert.c"
#include "block/directive.c"
