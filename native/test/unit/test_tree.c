/*
 * The working tree and its canonical serializer (a port of TreeBuilder.java): payload bytes checked field by
 * field against docs/ocp-format.md, independence from construction order, TEXT merging, JSX attributes,
 * the node limit and growth past the initial capacities.
 */
#include <stdlib.h>

#include "check.h"
#include "ocp_internal.h"

typedef struct built {
    uint8_t *bytes;
    uint32_t size;
    uint64_t bound;
} built;

typedef void (*build_fn)(ocp_tree *t, void *arg);

static const uint8_t SRC[] = "abcde/urltitle";

/* Builds a tree with fn under a context and serializes it into a malloc'd copy; status on failure. */
static int32_t serialize(ocp_engine *e, ocp_ctx *ctx, ocp_tree *t, int32_t max_nodes, build_fn fn, void *arg,
                         built *out) {
    memset(ctx, 0, sizeof *ctx);
    ctx->engine = e;
    out->bytes = NULL;
    if (setjmp(ctx->on_failure) != 0) {
        ocp_ctx_release(ctx);
        return ctx->status;
    }
    ocp_tree_init(t, ctx, max_nodes);
    fn(t, arg);
    out->bound = ocp_tree_size_bound(t);
    uint8_t *buffer = ocp_mem_alloc(ctx, (size_t) out->bound);
    out->size = ocp_tree_serialize(t, buffer, OCP_DIALECT_COMMONMARK, 0, 14);
    out->bytes = malloc(out->size);
    memcpy(out->bytes, buffer, out->size);
    ocp_ctx_release(ctx);
    return OCP_OK;
}

static uint32_t node(const built *b, uint32_t index, uint32_t field) {
    return le32(b->bytes, OCP_H_NODE_OFFSET) + index * OCP_NODE_RECORD_SIZE + field;
}

/* The string a reference points to, as length and bytes. */
static int string_is(const built *b, uint32_t ref, const char *expected) {
    uint32_t at = le32(b->bytes, OCP_H_STRING_OFFSET) + ref;
    uint32_t len = le32(b->bytes, at);
    return len == strlen(expected) && memcmp(b->bytes + at + 4, expected, len) == 0;
}

/* DOCUMENT > PARAGRAPH > [TEXT "ab", TEXT "cd", EMPHASIS > TEXT "e", LINK("/url", "title")], in order. */
static void in_order(ocp_tree *t, void *arg) {
    (void) arg;
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 14);
    int32_t p = ocp_tree_add(t, OCP_KIND_PARAGRAPH, doc, 0, 14);
    int32_t t1 = ocp_tree_add(t, OCP_KIND_TEXT, p, 0, 2);
    ocp_tree_set_string(t, t1, 0, ocp_tree_string(t, SRC, 0, 2));
    int32_t t2 = ocp_tree_add(t, OCP_KIND_TEXT, p, 2, 4);
    ocp_tree_set_string(t, t2, 0, ocp_tree_string(t, SRC, 2, 2));
    int32_t em = ocp_tree_add(t, OCP_KIND_EMPHASIS, p, 4, 5);
    int32_t t3 = ocp_tree_add(t, OCP_KIND_TEXT, em, 4, 5);
    ocp_tree_set_string(t, t3, 0, ocp_tree_string(t, SRC, 4, 1));
    int32_t link = ocp_tree_add(t, OCP_KIND_LINK, p, 5, 14);
    ocp_tree_set_string(t, link, 0, ocp_tree_string(t, SRC, 5, 4));
    ocp_tree_set_string(t, link, 1, ocp_tree_string(t, SRC, 9, 5));
    ocp_tree_set_flags(t, link, OCP_FLAG_LINK_AUTOLINK);
    ocp_tree_set_data(t, link, 0xBEEF);
}

/* The same tree built the way an inline parser does: strings and nodes out of order, delimiters wrapped
 * later with move_range, a node unlinked and re-inserted, and a slot set to a number first. */
static void out_of_order(ocp_tree *t, void *arg) {
    (void) arg;
    int32_t link_title = ocp_tree_string(t, SRC, 9, 5);
    int32_t e_text = ocp_tree_string(t, SRC, 4, 1);
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 14);
    int32_t p = ocp_tree_new_node(t, OCP_KIND_PARAGRAPH, 0, 14);
    int32_t link = ocp_tree_new_node(t, OCP_KIND_LINK, 5, 14);
    ocp_tree_append_child(t, doc, p);
    ocp_tree_append_child(t, p, link);
    int32_t t3 = ocp_tree_new_node(t, OCP_KIND_TEXT, 4, 5);
    ocp_tree_set_string(t, t3, 0, e_text);
    ocp_tree_insert_before(t, p, link, t3);
    int32_t t2 = ocp_tree_new_node(t, OCP_KIND_TEXT, 2, 4);
    ocp_tree_begin_string(t);
    ocp_tree_append_byte(t, 'c');
    CHECK_EQ(1, ocp_tree_open_length(t));
    ocp_tree_append(t, SRC, 3, 1);
    ocp_tree_set_string(t, t2, 0, ocp_tree_end_string(t));
    ocp_tree_insert_before(t, p, t3, t2);
    int32_t t1 = ocp_tree_new_node(t, OCP_KIND_TEXT, 0, 2);
    ocp_tree_set_string(t, t1, 0, ocp_tree_string(t, SRC, 0, 2));
    ocp_tree_insert_before(t, p, t2, t1);
    int32_t em = ocp_tree_new_node(t, OCP_KIND_STRONG, 4, 5);
    ocp_tree_insert_before(t, p, link, em);
    ocp_tree_move_range(t, p, t3, t3, em);
    ocp_tree_set_kind(t, em, OCP_KIND_EMPHASIS);
    ocp_tree_unlink(t, p, link);
    ocp_tree_append_child(t, p, link);
    ocp_tree_set_number(t, link, 0, 12345);
    ocp_tree_set_string(t, link, 0, ocp_tree_string(t, SRC, 5, 4));
    ocp_tree_set_string(t, link, 1, link_title);
    ocp_tree_set_flags(t, link, OCP_FLAG_LINK_AUTOLINK);
    ocp_tree_set_data(t, link, 0xBEEF);
    CHECK_EQ(0xBEEF, ocp_tree_data(t, link));
    CHECK_EQ(OCP_FLAG_LINK_AUTOLINK, ocp_tree_flags(t, link));
    CHECK_EQ(OCP_KIND_EMPHASIS, ocp_tree_kind(t, em));
    CHECK_EQ(t3, ocp_tree_first_child(t, em));
    CHECK_EQ(t3, ocp_tree_last_child(t, em));
    CHECK_EQ(link, ocp_tree_next_sibling(t, em));
    CHECK_EQ(t2, ocp_tree_previous_sibling(t, em));
    CHECK_EQ(OCP_NIL, ocp_tree_next_sibling(t, link));
    CHECK_EQ(link_title, ocp_tree_slot_value(t, link, 1));
    CHECK_EQ(5, ocp_tree_string_length(t, link_title));
    CHECK_EQ('t', ocp_tree_string_byte(t, link_title, 0));
}

static void canonical_layout(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 100, in_order, NULL, &b));
    /* Six output nodes (the two TEXT siblings merged) and strings "abcd", "e", "/url", "title". */
    uint32_t strings = (4 + 4) + (4 + 1) + (4 + 4) + (4 + 5);
    CHECK_EQ(48 + 6 * 36 + strings, b.size);
    CHECK(b.bound >= b.size);
    CHECK_EQ(OCP_MAGIC, le32(b.bytes, OCP_H_MAGIC));
    CHECK_EQ(1, le16(b.bytes, OCP_H_VERSION_MAJOR));
    CHECK_EQ(OCP_VERSION_MINOR, le16(b.bytes, OCP_H_VERSION_MINOR));
    CHECK_EQ(48, le16(b.bytes, OCP_H_HEADER_SIZE));
    CHECK_EQ(OCP_DIALECT_COMMONMARK, b.bytes[OCP_H_DIALECT]);
    CHECK_EQ(0, b.bytes[OCP_H_FLAGS]);
    CHECK_EQ(b.size, le32(b.bytes, OCP_H_TOTAL_SIZE));
    CHECK_EQ(14, le32(b.bytes, OCP_H_SOURCE_LENGTH));
    CHECK_EQ(48, le32(b.bytes, OCP_H_NODE_OFFSET));
    CHECK_EQ(6, le32(b.bytes, OCP_H_NODE_COUNT));
    CHECK_EQ(36, le16(b.bytes, OCP_H_NODE_RECORD_SIZE));
    CHECK_EQ(20, le16(b.bytes, OCP_H_ATTR_RECORD_SIZE));
    CHECK_EQ(48 + 6 * 36, le32(b.bytes, OCP_H_STRING_OFFSET));
    CHECK_EQ(strings, le32(b.bytes, OCP_H_STRING_SIZE));
    CHECK_EQ(48 + 6 * 36, le32(b.bytes, OCP_H_ATTR_OFFSET));
    CHECK_EQ(0, le32(b.bytes, OCP_H_ATTR_COUNT));

    static const uint32_t kind[] = {OCP_KIND_DOCUMENT, OCP_KIND_PARAGRAPH, OCP_KIND_TEXT, OCP_KIND_EMPHASIS,
                                    OCP_KIND_TEXT, OCP_KIND_LINK};
    static const uint32_t parent[] = {OCP_NONE, 0, 1, 1, 3, 1};
    static const uint32_t first[] = {1, 2, OCP_NONE, 4, OCP_NONE, OCP_NONE};
    static const uint32_t next[] = {OCP_NONE, OCP_NONE, 3, 5, OCP_NONE, OCP_NONE};
    static const uint32_t start[] = {0, 0, 0, 4, 4, 5};
    static const uint32_t end[] = {14, 14, 4, 5, 5, 14};
    for (uint32_t i = 0; i < 6; i++) {
        CHECK_EQ(kind[i], b.bytes[node(&b, i, OCP_N_KIND)]);
        CHECK_EQ(parent[i], le32(b.bytes, node(&b, i, OCP_N_PARENT)));
        CHECK_EQ(first[i], le32(b.bytes, node(&b, i, OCP_N_FIRST_CHILD)));
        CHECK_EQ(next[i], le32(b.bytes, node(&b, i, OCP_N_NEXT_SIBLING)));
        CHECK_EQ(start[i], le32(b.bytes, node(&b, i, OCP_N_SPAN_START)));
        CHECK_EQ(end[i], le32(b.bytes, node(&b, i, OCP_N_SPAN_END)));
    }
    /* Strings in order of first reference, the merged text first. */
    CHECK_EQ(0, le32(b.bytes, node(&b, 2, OCP_N_A)));
    CHECK(string_is(&b, 0, "abcd"));
    CHECK_EQ(OCP_NONE, le32(b.bytes, node(&b, 2, OCP_N_B)));
    CHECK_EQ(8, le32(b.bytes, node(&b, 4, OCP_N_A)));
    CHECK(string_is(&b, 8, "e"));
    CHECK_EQ(13, le32(b.bytes, node(&b, 5, OCP_N_A)));
    CHECK(string_is(&b, 13, "/url"));
    CHECK_EQ(21, le32(b.bytes, node(&b, 5, OCP_N_B)));
    CHECK(string_is(&b, 21, "title"));
    CHECK_EQ(OCP_NONE, le32(b.bytes, node(&b, 5, OCP_N_C)));
    CHECK_EQ(OCP_FLAG_LINK_AUTOLINK, b.bytes[node(&b, 5, OCP_N_FLAGS)]);
    CHECK_EQ(0xBEEF, le16(b.bytes, node(&b, 5, OCP_N_DATA)));
    CHECK_EQ(OCP_NONE, le32(b.bytes, node(&b, 3, OCP_N_A))); /* unset slots are NONE */

    built again;
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 100, out_of_order, NULL, &again));
    CHECK_EQ(b.size, again.size);
    CHECK(again.bytes != NULL && memcmp(b.bytes, again.bytes, b.size) == 0);
    free(b.bytes);
    free(again.bytes);
    ocp_stats s;
    ocp_stats_get(e, &s);
    CHECK_EQ(0, s.live_bytes);
    ocp_engine_destroy(e);
}

/* A JSX element with two attributes, a string name in slot a, and text around it. */
static void jsx(ocp_tree *t, void *arg) {
    (void) arg;
    static const uint8_t s[] = "Boxx1y";
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 14);
    int32_t el = ocp_tree_add(t, OCP_KIND_MDX_JSX_FLOW, doc, 0, 10);
    ocp_tree_set_string(t, el, 0, ocp_tree_string(t, s, 0, 3));
    int32_t value = ocp_tree_string(t, s, 4, 1);
    int32_t first = ocp_tree_add_attribute(t, OCP_ATTR_PLAIN, ocp_tree_string(t, s, 3, 1), value, 5, 8);
    ocp_tree_add_attribute(t, OCP_ATTR_BOOLEAN, ocp_tree_string(t, s, 5, 1), -1, 9, 10);
    ocp_tree_set_number(t, el, 1, first);
    ocp_tree_set_number(t, el, 2, 2);
    int32_t empty = ocp_tree_add(t, OCP_KIND_MDX_JSX_FLOW, doc, 11, 14); /* no attributes: c stays NONE */
    ocp_tree_set_string(t, empty, 0, ocp_tree_string(t, s, 0, 0));
}

static void jsx_attributes(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 100, jsx, NULL, &b));
    uint32_t attr_offset = 48 + 3 * 36;
    CHECK_EQ(3, le32(b.bytes, OCP_H_NODE_COUNT));
    CHECK_EQ(2, le32(b.bytes, OCP_H_ATTR_COUNT));
    CHECK_EQ(attr_offset, le32(b.bytes, OCP_H_ATTR_OFFSET));
    CHECK_EQ(attr_offset + 2 * 20, le32(b.bytes, OCP_H_STRING_OFFSET));
    CHECK_EQ(0, le32(b.bytes, node(&b, 1, OCP_N_A)));
    CHECK(string_is(&b, 0, "Box"));
    CHECK_EQ(0, le32(b.bytes, node(&b, 1, OCP_N_B))); /* first attribute, in output numbering */
    CHECK_EQ(2, le32(b.bytes, node(&b, 1, OCP_N_C)));
    CHECK_EQ(OCP_ATTR_PLAIN, b.bytes[attr_offset + OCP_A_KIND]);
    CHECK(string_is(&b, le32(b.bytes, attr_offset + OCP_A_NAME), "x"));
    CHECK(string_is(&b, le32(b.bytes, attr_offset + OCP_A_VALUE), "1"));
    CHECK_EQ(5, le32(b.bytes, attr_offset + OCP_A_SPAN_START));
    CHECK_EQ(8, le32(b.bytes, attr_offset + OCP_A_SPAN_END));
    CHECK_EQ(OCP_ATTR_BOOLEAN, b.bytes[attr_offset + 20 + OCP_A_KIND]);
    CHECK(string_is(&b, le32(b.bytes, attr_offset + 20 + OCP_A_NAME), "y"));
    CHECK_EQ(OCP_NONE, le32(b.bytes, attr_offset + 20 + OCP_A_VALUE));
    /* Strings in order of reference: element name, then each attribute's name and value. */
    CHECK_EQ(7, le32(b.bytes, attr_offset + OCP_A_NAME));
    CHECK_EQ(12, le32(b.bytes, attr_offset + OCP_A_VALUE));
    CHECK_EQ(17, le32(b.bytes, attr_offset + 20 + OCP_A_NAME));
    CHECK_EQ(OCP_NONE, le32(b.bytes, node(&b, 2, OCP_N_B)));
    CHECK_EQ(0, le32(b.bytes, node(&b, 2, OCP_N_C)));
    CHECK(string_is(&b, le32(b.bytes, node(&b, 2, OCP_N_A)), ""));
    free(b.bytes);
    ocp_engine_destroy(e);
}

/* Deep and wide: more nodes, strings, attributes and stack than the initial capacities hold. */
static void large(ocp_tree *t, void *arg) {
    int32_t depth = *(int32_t *) arg;
    int32_t parent = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 0);
    for (int32_t i = 0; i < depth; i++) {
        parent = ocp_tree_add(t, OCP_KIND_BLOCK_QUOTE, parent, i, i + 1);
    }
    for (int32_t i = 0; i < 3000; i++) {
        int32_t text = ocp_tree_add(t, i % 3 == 0 ? OCP_KIND_SOFT_BREAK : OCP_KIND_TEXT, parent, i, i + 1);
        if (i % 3 != 0) {
            ocp_tree_begin_string(t);
            for (int k = 0; k < 5; k++) {
                ocp_tree_append_code_point(t, k == 0 ? 'x' : k == 1 ? 0xE9 : k == 2 ? 0x65E5 : k == 3 ? 0x1F600 : 0x7F);
            }
            ocp_tree_set_string(t, text, 0, ocp_tree_end_string(t));
        }
    }
    int32_t el = ocp_tree_add(t, OCP_KIND_MDX_JSX_TEXT, parent, 0, 1);
    int32_t first = -1;
    for (int32_t i = 0; i < 40; i++) {
        int32_t a = ocp_tree_add_attribute(t, OCP_ATTR_SPREAD, -1, ocp_tree_string(t, SRC, 0, 1), i, i);
        first = first < 0 ? a : first;
    }
    ocp_tree_set_number(t, el, 1, first);
    ocp_tree_set_number(t, el, 2, 40);
}

static void growth_past_initial_capacities(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    int32_t depth = 500;
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 1 << 20, large, &depth, &b));
    /* 1 + 500 quotes + 3000 children where each pair of TEXT between SOFT_BREAKs merges + 1 element */
    CHECK_EQ(1 + 500 + 1000 + 1000 + 1, le32(b.bytes, OCP_H_NODE_COUNT));
    CHECK_EQ(40, le32(b.bytes, OCP_H_ATTR_COUNT));
    uint32_t last_quote = 500;
    CHECK_EQ(OCP_KIND_BLOCK_QUOTE, b.bytes[node(&b, last_quote, OCP_N_KIND)]);
    CHECK_EQ(last_quote - 1, le32(b.bytes, node(&b, last_quote, OCP_N_PARENT)));
    /* The first merged TEXT holds two encodings of "x é 日 😀 DEL". */
    uint32_t text = last_quote + 2;
    CHECK_EQ(OCP_KIND_TEXT, b.bytes[node(&b, text, OCP_N_KIND)]);
    CHECK(string_is(&b, le32(b.bytes, node(&b, text, OCP_N_A)),
                    "x\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\x7F" "x\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\x7F"));
    CHECK_EQ(1, le32(b.bytes, node(&b, text, OCP_N_SPAN_START)));
    CHECK_EQ(3, le32(b.bytes, node(&b, text, OCP_N_SPAN_END)));
    free(b.bytes);
    ocp_engine_destroy(e);
}

/* One long title shared by many links, as a definition's is by its references: copied once per link. */
static void shared_strings(ocp_tree *t, void *arg) {
    (void) arg;
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 14);
    ocp_tree_begin_string(t);
    for (int i = 0; i < 3000; i++) {
        ocp_tree_append_byte(t, (uint8_t) ('a' + i % 26));
    }
    int32_t title = ocp_tree_end_string(t);
    int32_t destination = ocp_tree_string(t, SRC, 5, 4);
    int32_t p = ocp_tree_add(t, OCP_KIND_PARAGRAPH, doc, 0, 14);
    for (int i = 0; i < 100; i++) {
        int32_t link = ocp_tree_add(t, OCP_KIND_LINK, p, 0, 1);
        ocp_tree_set_string(t, link, 0, destination);
        ocp_tree_set_string(t, link, 1, title);
    }
}

static void a_shared_string_counts_once_per_reference(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    /* serialize() writes into a block of exactly the bound: under ASan, any byte past it is caught. */
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 1000, shared_strings, NULL, &b));
    CHECK_EQ(48 + 102 * 36 + 100 * ((4 + 4) + (4 + 3000)), b.size);
    CHECK(b.size <= b.bound);
    uint32_t last = 101;
    CHECK(string_is(&b, le32(b.bytes, node(&b, last, OCP_N_A)), "/url"));
    CHECK_EQ(3000, le32(b.bytes, le32(b.bytes, OCP_H_STRING_OFFSET) + le32(b.bytes, node(&b, last, OCP_N_B))));
    free(b.bytes);
    ocp_engine_destroy(e);
}

static void many(ocp_tree *t, void *arg) {
    int32_t count = *(int32_t *) arg;
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 0);
    for (int32_t i = 1; i < count; i++) {
        ocp_tree_add(t, OCP_KIND_THEMATIC_BREAK, doc, 0, 0);
    }
}

static void node_limit(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    int32_t count = 300;
    CHECK_EQ(OCP_OK, serialize(e, &ctx, &t, 300, many, &count, &b));
    CHECK_EQ(300, le32(b.bytes, OCP_H_NODE_COUNT));
    free(b.bytes);
    count = 301;
    CHECK_EQ(OCP_LIMIT_EXCEEDED, serialize(e, &ctx, &t, 300, many, &count, &b));
    CHECK_STR("document has more than maxNodes 300 nodes", ctx.message);
    ocp_stats s;
    ocp_stats_get(e, &s);
    CHECK_EQ(0, s.live_bytes);
    ocp_engine_destroy(e);
}

typedef struct limits {
    int32_t max_nodes, source_length, texts;
    int check;
} limits;

/* DOCUMENT > PARAGRAPH > `texts` TEXT siblings (one document node once merged), under TreeBuilder.reset's
 * working limit of max_nodes + source_length, then checkNodeLimit when asked. */
static void texts(ocp_ctx *ctx, ocp_tree *t, const limits *l) {
    ocp_tree_init_for_source(t, ctx, l->max_nodes, l->source_length);
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, 14);
    int32_t p = ocp_tree_add(t, OCP_KIND_PARAGRAPH, doc, 0, 14);
    for (int32_t i = 0; i < l->texts; i++) {
        int32_t text = ocp_tree_add(t, OCP_KIND_TEXT, p, i, i + 1);
        ocp_tree_set_string(t, text, 0, ocp_tree_string(t, SRC, i, 1));
    }
    if (l->check) {
        ocp_tree_check_node_limit(t);
    }
}

static int32_t run_limits(ocp_engine *e, ocp_ctx *ctx, ocp_tree *t, limits l, uint32_t *size) {
    memset(ctx, 0, sizeof *ctx);
    ctx->engine = e;
    if (setjmp(ctx->on_failure) != 0) {
        ocp_ctx_release(ctx);
        return ctx->status;
    }
    texts(ctx, t, &l);
    uint8_t *buffer = ocp_mem_alloc(ctx, (size_t) ocp_tree_size_bound(t));
    *size = ocp_tree_serialize(t, buffer, OCP_DIALECT_COMMONMARK, 0, 14);
    ocp_ctx_release(ctx);
    return OCP_OK;
}

static void document_limit_and_working_limit(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    uint32_t size = 0;
    /* 7 working nodes, 3 in the document: within a limit of 3 when the source pays for the other 4. */
    CHECK_EQ(OCP_OK, run_limits(e, &ctx, &t, (limits){3, 4, 5, 1}, &size));
    CHECK_EQ(48 + 3 * 36 + 4 + 5, size); /* the counts of the check are the serializer's */
    /* One source byte less: the working tree itself is over, at its 7th node. */
    CHECK_EQ(OCP_LIMIT_EXCEEDED, run_limits(e, &ctx, &t, (limits){3, 3, 5, 1}, &size));
    CHECK_STR("document has more than maxNodes 3 nodes", ctx.message);
    /* The document over its limit, the working tree not: the exact check fails. */
    CHECK_EQ(OCP_LIMIT_EXCEEDED, run_limits(e, &ctx, &t, (limits){2, 100, 1, 1}, &size));
    CHECK_STR("document has 3 nodes, more than maxNodes 2", ctx.message);
    /* Without the check, the serializer counts for itself. */
    CHECK_EQ(OCP_OK, run_limits(e, &ctx, &t, (limits){2, 100, 5, 0}, &size));
    CHECK_EQ(48 + 3 * 36 + 4 + 5, size);
    ocp_stats s;
    ocp_stats_get(e, &s);
    CHECK_EQ(0, s.live_bytes);
    ocp_engine_destroy(e);
}

static void open_twice(ocp_tree *t, void *arg) {
    (void) arg;
    ocp_tree_begin_string(t);
    ocp_tree_begin_string(t);
}

static void close_unopened(ocp_tree *t, void *arg) {
    (void) arg;
    ocp_tree_end_string(t);
}

static void string_misuse_is_internal(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    ocp_tree t;
    built b;
    CHECK_EQ(OCP_INTERNAL, serialize(e, &ctx, &t, 10, open_twice, NULL, &b));
    CHECK_STR("a string is already open", ctx.message);
    CHECK_EQ(OCP_INTERNAL, serialize(e, &ctx, &t, 10, close_unopened, NULL, &b));
    CHECK_STR("no string is open", ctx.message);
    ocp_engine_destroy(e);
}

void test_tree(void) {
    canonical_layout();
    jsx_attributes();
    growth_past_initial_capacities();
    a_shared_string_counts_once_per_reference();
    node_limit();
    document_limit_and_working_limit();
    string_misuse_is_internal();
}
