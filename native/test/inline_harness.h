/*
 * Drives the inline parser without the block parser, as engine-java's InlineHarness does: the input is split
 * into paragraphs at blank lines (each line's leading spaces and tabs and the last line's trailing ones
 * removed, as the block parser does), definitions are taken off each paragraph's start, then the paragraphs
 * are parsed as inlines. Each paragraph's content map has one line per input line, so spans can be checked
 * against the input. Also the tree dump of InlineHarness (text merged, e.g. text("a") em*(text("b"))).
 *
 * Test code: it allocates with malloc and exits on exhaustion; its walks over the tree are iterative.
 */
#ifndef OCP_INLINE_HARNESS_H
#define OCP_INLINE_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_map.h"
#include "inline_parser.h"
#include "ocp_internal.h"

typedef struct harness {
    ocp_engine *engine;
    ocp_ctx ctx;
    ocp_tree tree;
    ocp_inline_parser *inline_parser;
    uint8_t *src; /* the input, in a buffer of its exact size */
    int32_t length;
    int32_t doc;
    int32_t *paragraphs; /* in order; a paragraph emptied by definitions is unlinked but listed */
    int32_t paragraph_count;
    int32_t status; /* OCP_OK, or the failure's status with ctx.message */
    int64_t work;
} harness;

static inline void *harness_malloc(size_t n)
{
    void *p = calloc(n ? n : 1, 1);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

/* One paragraph's content: the bytes, and the map of its lines. */
typedef struct harness_block {
    uint8_t *buf;
    int32_t length;
    ocp_content_map map;
    int32_t node;
} harness_block;

/* Builds the paragraphs, takes off definitions, parses inlines. Runs under the context's setjmp. */
static inline void harness_run(harness *h, harness_block *blocks, int32_t *block_count)
{
    const uint8_t *src = h->src;
    int32_t n = h->length;
    ocp_tree *tree = &h->tree;
    int32_t i = 0;
    int32_t nb = 0;
    while (i < n) {
        harness_block *b = &blocks[nb];
        /* The paragraph's lines end at the first blank line after a non-blank one: its content fits in the
         * bytes up to there (so many paragraphs do not take memory quadratic in the input). */
        int32_t stop = i;
        bool seen = false;
        while (stop < n) {
            int32_t e = stop;
            bool blank = true;
            while (e < n && src[e] != '\n') {
                blank = blank && (src[e] == ' ' || src[e] == '\t');
                e++;
            }
            if (blank && seen) {
                break;
            }
            seen = seen || !blank;
            stop = e + 1;
        }
        b->buf = ocp_mem_alloc(&h->ctx, (size_t) (stop - i) + 1);
        ocp_content_map_init(&b->map, &h->ctx);
        int32_t len = 0;
        int32_t para_start = -1;
        int32_t last_line_source = 0; /* source offset of the last line's start */
        int32_t last_line_content = 0;
        while (i < n) {
            int32_t line_end = i;
            while (line_end < n && src[line_end] != '\n') {
                line_end++;
            }
            int32_t s = i;
            while (s < line_end && (src[s] == ' ' || src[s] == '\t')) {
                s++;
            }
            if (s == line_end) { /* blank line */
                i = line_end + 1;
                if (len > 0) {
                    break;
                }
                continue;
            }
            if (para_start < 0) {
                para_start = s;
            }
            if (len > 0) {
                b->buf[len++] = '\n'; /* belongs to the previous line: maps to its line ending */
            }
            ocp_content_map_add_line(&b->map, len, s, line_end + 1); /* the harness splits at LF only */
            last_line_content = len;
            last_line_source = s;
            memcpy(b->buf + len, src + s, (size_t) (line_end - s));
            len += line_end - s;
            i = line_end + 1;
        }
        if (len == 0) {
            continue;
        }
        while (len > 0 && (b->buf[len - 1] == ' ' || b->buf[len - 1] == '\t')) {
            len--;
        }
        b->length = len;
        b->node = ocp_tree_add(tree, OCP_KIND_PARAGRAPH, h->doc, para_start,
                               last_line_source + (len - last_line_content));
        nb++;
    }
    *block_count = nb;
    /* Definitions first (the whole document's), then inlines. */
    int32_t *from = ocp_mem_alloc(&h->ctx, (size_t) (nb + 1) * sizeof(int32_t));
    for (int32_t k = 0; k < nb; k++) {
        harness_block *b = &blocks[k];
        int32_t used;
        while (from[k] < b->length && (used = ocp_inline_parse_definition(h->inline_parser, b->buf, from[k],
                                                                           b->length - from[k], &b->map, h->doc,
                                                                           b->node)) > 0) {
            from[k] += used;
        }
    }
    for (int32_t k = 0; k < nb; k++) {
        harness_block *b = &blocks[k];
        h->paragraphs[h->paragraph_count++] = b->node;
        if (from[k] >= b->length) {
            ocp_tree_unlink(tree, h->doc, b->node);
            continue;
        }
        ocp_tree_set_span(tree, b->node, ocp_content_map_to_source(&b->map, from[k]),
                          ocp_content_map_to_source(&b->map, b->length));
        ocp_inline_parse(h->inline_parser, b->node, b->buf, from[k], b->length - from[k], &b->map);
    }
}

/* Parses markdown[0, length) with options; h->status says whether it succeeded. Free with harness_free. */
static inline void harness_parse_bytes(harness *h, const void *markdown, int32_t length, const ocp_options *options)
{
    memset(h, 0, sizeof *h);
    h->length = length;
    h->src = harness_malloc((size_t) length);
    memcpy(h->src, markdown, (size_t) length);
    h->paragraphs = harness_malloc(((size_t) length / 2 + 2) * sizeof(int32_t));
    h->engine = ocp_engine_create(UINT64_C(1) << 33);
    if (h->engine == NULL) {
        fprintf(stderr, "no engine\n");
        exit(2);
    }
    h->ctx.engine = h->engine;
    h->ctx.options = *options;
    h->ctx.status = OCP_OK;
    h->ctx.blocks = NULL;
    harness_block *blocks = harness_malloc(((size_t) length / 2 + 2) * sizeof(harness_block));
    int32_t block_count = 0;
    if (setjmp(h->ctx.on_failure) == 0) {
        ocp_tree_init(&h->tree, &h->ctx, (int32_t) options->max_nodes);
        h->doc = ocp_tree_new_node(&h->tree, OCP_KIND_DOCUMENT, 0, length);
        h->inline_parser = ocp_inline_parser_new(&h->tree, options);
        harness_run(h, blocks, &block_count);
        h->status = OCP_OK;
        h->work = ocp_inline_work(h->inline_parser);
    } else {
        h->status = h->ctx.status;
        ocp_ctx_release(&h->ctx);
    }
    free(blocks);
}

static inline ocp_options harness_defaults(void)
{
    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    return o;
}

static inline void harness_parse_with(harness *h, const char *markdown, const ocp_options *options)
{
    harness_parse_bytes(h, markdown, (int32_t) strlen(markdown), options);
}

static inline void harness_parse(harness *h, const char *markdown)
{
    ocp_options o = harness_defaults();
    harness_parse_with(h, markdown, &o);
}

static inline void harness_free(harness *h)
{
    if (h->status == OCP_OK) {
        ocp_ctx_release(&h->ctx);
    }
    ocp_engine_destroy(h->engine);
    free(h->src);
    free(h->paragraphs);
    memset(h, 0, sizeof *h);
}

/* ---- inspection ---- */

/* A growing NUL-terminated string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static inline void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap) {
            cap *= 2;
        }
        char *grown = realloc(b->s, cap);
        if (grown == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        b->s = grown;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

static inline void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static inline bool harness_has_string(const harness *h, int32_t node, int slot)
{
    return (uint32_t) ocp_tree_slot_value(&h->tree, node, slot) != OCP_NONE;
}

/* Appends string slot of node (which must hold one). */
static inline void sb_tree_string(sbuf *b, const harness *h, int32_t node, int slot)
{
    int32_t id = ocp_tree_slot_value(&h->tree, node, slot);
    int32_t n = ocp_tree_string_length(&h->tree, id);
    for (int32_t k = 0; k < n; k++) {
        char c = (char) ocp_tree_string_byte(&h->tree, id, k);
        sb_put(b, &c, 1);
    }
}

/* String slot of node as a new C string (caller frees), or NULL if the slot holds none. */
static inline char *harness_string(const harness *h, int32_t node, int slot)
{
    if (!harness_has_string(h, node, slot)) {
        return NULL;
    }
    sbuf b = {0};
    sb_str(&b, "");
    sb_tree_string(&b, h, node, slot);
    return b.s;
}

/* The source text a node spans (caller frees). */
static inline char *harness_span_text(const harness *h, int32_t node)
{
    int32_t s = ocp_tree_span_start(&h->tree, node);
    int32_t e = ocp_tree_span_end(&h->tree, node);
    sbuf b = {0};
    sb_str(&b, "");
    sb_put(&b, (const char *) h->src + s, (size_t) (e - s));
    return b.s;
}

/* The children of parent as in InlineHarness.dump(int): adjacent TEXT merged, containers with their
 * children in parentheses. Iterative: containers are entered with an explicit stack. */
static inline void harness_dump_children(const harness *h, int32_t parent, sbuf *b)
{
    const ocp_tree *t = &h->tree;
    int32_t cap = 64;
    int32_t *stack = harness_malloc((size_t) cap * sizeof(int32_t)); /* containers entered, to resume after */
    int32_t depth = 0;
    int32_t c = ocp_tree_first_child(t, parent);
    bool first = true;
    while (1) {
        if (c == OCP_NIL) {
            if (depth == 0) {
                break;
            }
            sb_str(b, ")");
            c = ocp_tree_next_sibling(t, stack[--depth]);
            first = false;
            continue;
        }
        if (!first) {
            sb_str(b, " ");
        }
        first = false;
        int k = ocp_tree_kind(t, c);
        if (k == OCP_KIND_TEXT) {
            sb_str(b, "text(\"");
            while (c != OCP_NIL && ocp_tree_kind(t, c) == OCP_KIND_TEXT) {
                sb_tree_string(b, h, c, 0);
                c = ocp_tree_next_sibling(t, c);
            }
            sb_str(b, "\")");
            continue;
        }
        bool container = false;
        switch (k) {
        case OCP_KIND_SOFT_BREAK:
            sb_str(b, "soft");
            break;
        case OCP_KIND_HARD_BREAK:
            sb_str(b, "hard");
            break;
        case OCP_KIND_CODE_SPAN:
        case OCP_KIND_HTML_INLINE:
            sb_str(b, k == OCP_KIND_CODE_SPAN ? "code(\"" : "html(\"");
            sb_tree_string(b, h, c, 0);
            sb_str(b, "\")");
            break;
        case OCP_KIND_EMPHASIS:
        case OCP_KIND_STRONG: {
            char ch = (char) ocp_tree_data(t, c);
            sb_str(b, k == OCP_KIND_EMPHASIS ? "em" : "strong");
            sb_put(b, &ch, 1);
            sb_str(b, "(");
            container = true;
            break;
        }
        case OCP_KIND_LINK:
        case OCP_KIND_IMAGE:
            sb_str(b, k == OCP_KIND_LINK ? "link" : "image");
            if (ocp_tree_flags(t, c) & OCP_FLAG_LINK_AUTOLINK) {
                sb_str(b, "[auto]");
            }
            sb_str(b, "<");
            sb_tree_string(b, h, c, 0);
            if (harness_has_string(h, c, 1)) {
                sb_str(b, " \"");
                sb_tree_string(b, h, c, 1);
                sb_str(b, "\"");
            }
            sb_str(b, ">(");
            container = true;
            break;
        default: {
            char other[32];
            snprintf(other, sizeof other, "KIND%d", k);
            sb_str(b, other);
        }
        }
        if (container) {
            if (depth == cap) {
                cap *= 2;
                int32_t *grown = realloc(stack, (size_t) cap * sizeof(int32_t));
                if (grown == NULL) {
                    exit(2);
                }
                stack = grown;
            }
            stack[depth++] = c;
            c = ocp_tree_first_child(t, c);
            first = true;
            continue;
        }
        c = ocp_tree_next_sibling(t, c);
    }
    free(stack);
}

/* The whole document as InlineHarness.dump(): paragraphs and definitions, separated by " | ". Caller frees. */
static inline char *harness_dump(const harness *h)
{
    sbuf b = {0};
    sb_str(&b, "");
    if (h->status != OCP_OK) {
        char msg[64];
        snprintf(msg, sizeof msg, "FAILED %d: ", (int) h->status);
        sb_str(&b, msg);
        sb_str(&b, h->ctx.message);
        return b.s;
    }
    for (int32_t c = ocp_tree_first_child(&h->tree, h->doc); c != OCP_NIL; c = ocp_tree_next_sibling(&h->tree, c)) {
        if (b.len > 0) {
            sb_str(&b, " | ");
        }
        if (ocp_tree_kind(&h->tree, c) == OCP_KIND_DEFINITION) {
            sb_str(&b, "def(");
            sb_tree_string(&b, h, c, 2);
            sb_str(&b, " -> ");
            sb_tree_string(&b, h, c, 0);
            if (harness_has_string(h, c, 1)) {
                sb_str(&b, " \"");
                sb_tree_string(&b, h, c, 1);
                sb_str(&b, "\"");
            }
            sb_str(&b, ")");
        } else {
            harness_dump_children(h, c, &b);
        }
    }
    return b.s;
}

/* Every node of kind under the document in pre-order, into out (capacity max); returns how many there are.
 * Iterative: the siblings still to visit wait on an explicit stack. */
static inline int32_t harness_nodes(const harness *h, int kind, int32_t *out, int32_t max)
{
    const ocp_tree *t = &h->tree;
    int32_t cap = 64;
    int32_t *stack = harness_malloc((size_t) cap * sizeof(int32_t));
    int32_t depth = 0;
    int32_t found = 0;
    int32_t n = ocp_tree_first_child(t, h->doc);
    while (n != OCP_NIL || depth > 0) {
        if (n == OCP_NIL) {
            n = stack[--depth];
            continue;
        }
        if (ocp_tree_kind(t, n) == kind) {
            if (found < max) {
                out[found] = n;
            }
            found++;
        }
        int32_t next = ocp_tree_next_sibling(t, n);
        if (next != OCP_NIL) {
            if (depth == cap) {
                cap *= 2;
                int32_t *grown = realloc(stack, (size_t) cap * sizeof(int32_t));
                if (grown == NULL) {
                    exit(2);
                }
                stack = grown;
            }
            stack[depth++] = next;
        }
        n = ocp_tree_first_child(t, n);
    }
    free(stack);
    return found;
}

/* The only node of kind, or -1 (with a message) if there is not exactly one. */
static inline int32_t harness_single(const harness *h, int kind)
{
    int32_t one[1];
    int32_t n = harness_nodes(h, kind, one, 1);
    if (n != 1) {
        char *d = harness_dump(h);
        fprintf(stderr, "expected one node of kind %d, found %d in %s\n", kind, (int) n, d);
        free(d);
        return -1;
    }
    return one[0];
}

/* The source text each node of kind spans, in pre-order, joined by '|'. Caller frees. */
static inline char *harness_spans(const harness *h, int kind)
{
    int32_t nodes[64];
    int32_t n = harness_nodes(h, kind, nodes, 64);
    sbuf b = {0};
    sb_str(&b, "");
    for (int32_t k = 0; k < n && k < 64; k++) {
        if (k > 0) {
            sb_str(&b, "|");
        }
        char *s = harness_span_text(h, nodes[k]);
        sb_str(&b, s);
        free(s);
    }
    return b.s;
}

#endif
