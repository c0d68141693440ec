/*
 * The parser's working tree, a port of engine-java's TreeBuilder.java (same operations in the same order,
 * same growth, same canonical serializer): nodes in one array of records (no allocation per node), strings in
 * one scratch byte array or as slices of the source. Nodes are created in any order and linked as children;
 * ocp_tree_serialize writes the canonical OCP v1 layout (pre-order nodes, strings in order of first reference,
 * adjacent TEXT siblings merged), so the bytes do not depend on the order in which the parser built the tree.
 *
 * All arrays are working memory of the parse context (ocp_mem_*), freed with it. Not thread-safe; one per
 * parse. Java's NONE (-1 as an int) is TREE_NONE here and is written to the payload as OCP_NONE.
 */
#include <inttypes.h>
#include <string.h>

#include "ocp_internal.h"

#define TREE_NONE ((int32_t) -1)

/* ---- growth (Arrays.copyOf) ---- */

/*
 * Unlike Arrays.copyOf, the new elements are not zeroed: every element is written before it is read (a node by
 * ocp_tree_new_node, a string by ocp_tree_end_string, an attribute by ocp_tree_add_attribute, scratch bytes by the
 * appends), and capacity never touched is then never faulted in by the system either.
 */
static void *resize(ocp_tree *t, void *array, int32_t new_count, size_t elem) {
    return ocp_mem_realloc(t->ctx, array, (size_t) new_count * elem);
}

/* Grows the node records to n entries. */
static void grow(ocp_tree *t, int32_t n) {
    t->nodes = resize(t, t->nodes, n, sizeof *t->nodes);
    t->capacity = n;
}

static void grow_strings(ocp_tree *t, int32_t n) {
    t->strings = resize(t, t->strings, n, sizeof *t->strings);
    t->string_capacity = n;
}

static void grow_attributes(ocp_tree *t, int32_t n) {
    t->attrs = resize(t, t->attrs, n, sizeof *t->attrs);
    t->attr_capacity = n;
}

/* Doubles a capacity for one more element, failing where Java's int arithmetic would have run out. */
static int32_t doubled(ocp_tree *t, int32_t capacity, const char *what) {
    if (capacity >= INT32_MAX / 2) {
        if (capacity == INT32_MAX) {
            ocp_fail(t->ctx, OCP_LIMIT_EXCEEDED, "the document has more %s than the core can index", what);
        }
        return INT32_MAX;
    }
    return capacity * 2;
}

void ocp_tree_init(ocp_tree *t, ocp_ctx *ctx, int32_t max_nodes) {
    ocp_tree_init_for_source(t, ctx, max_nodes, 0);
}

/*
 * TreeBuilder.reset, with the initial sizes of its fields. The nodes a parse discards or merges away
 * (delimiter runs, bracket texts, pieces of text, paragraphs that held only definitions) each own at least
 * one source byte no other such node owns, so a working tree of more than max_nodes + source_length nodes
 * can only make a document of more than max_nodes: failing then is exact, and bounds the work spent on a
 * document that will fail. ocp_tree_check_node_limit checks the document itself.
 */
void ocp_tree_init_for_source(ocp_tree *t, ocp_ctx *ctx, int32_t max_nodes, int32_t source_length) {
    memset(t, 0, sizeof *t);
    t->ctx = ctx;
    t->max_nodes = max_nodes;
    t->working_limit = (int64_t) max_nodes + source_length;
    t->reachable = -1;
    /* Small first: growth is geometric, and a small document should not pay for more (most strings are slices
     * of the source, so the scratch bytes often stay empty). Smaller than TreeBuilder's: here every new array
     * is zeroed, and zeroing the parsers' first arrays, sized for larger documents, was a fifth of a one-line
     * document's parse (callgrind); these nodes were a quarter of those bytes. */
    grow(t, 16);
    t->chars = ocp_mem_alloc_raw(ctx, 256);
    t->char_capacity = 256;
    grow_strings(t, 16);
    t->open_string = OCP_NIL;
    t->slice_start = OCP_NIL;
    grow_attributes(t, 16);
    t->stack = ocp_mem_alloc_raw(ctx, 64 * sizeof *t->stack);
    t->stack_capacity = 64;
}

/* ---- nodes ---- */

/* Room for one more node, or the failure of the working limit. */
OCP_COLD static void make_room_for_a_node(ocp_tree *t) {
    if (t->count >= t->working_limit) {
        ocp_fail(t->ctx, OCP_LIMIT_EXCEEDED, "document has more than maxNodes %" PRId32 " nodes", t->max_nodes);
    }
    grow(t, doubled(t, t->count, "nodes"));
}

int32_t ocp_tree_new_node(ocp_tree *t, int kind, int32_t span_start, int32_t span_end) {
    int32_t n = t->count;
    if (n >= t->working_limit || n == t->capacity) {
        make_room_for_a_node(t);
    }
    t->count = n + 1;
    /* Built whole and stored at once (a few wide stores rather than thirteen narrow ones). */
    t->nodes[n] = (ocp_node) {.first = OCP_NIL, .last = OCP_NIL, .next = OCP_NIL, .prev = OCP_NIL,
                              .start = span_start, .end = span_end, .a = TREE_NONE, .b = TREE_NONE,
                              .c = TREE_NONE, .kind = (uint8_t) kind};
    return n;
}

int32_t ocp_tree_add(ocp_tree *t, int kind, int32_t parent, int32_t span_start, int32_t span_end) {
    int32_t n = ocp_tree_new_node(t, kind, span_start, span_end);
    ocp_tree_append_child(t, parent, n);
    return n;
}

void ocp_tree_append_child(ocp_tree *t, int32_t parent, int32_t child) {
    int32_t tail = t->nodes[parent].last;
    t->nodes[child].prev = tail;
    t->nodes[child].next = OCP_NIL;
    if (tail == OCP_NIL) {
        t->nodes[parent].first = child;
    } else {
        t->nodes[tail].next = child;
    }
    t->nodes[parent].last = child;
}

void ocp_tree_insert_before(ocp_tree *t, int32_t parent, int32_t sibling, int32_t node) {
    int32_t p = t->nodes[sibling].prev;
    t->nodes[node].prev = p;
    t->nodes[node].next = sibling;
    t->nodes[sibling].prev = node;
    if (p == OCP_NIL) {
        t->nodes[parent].first = node;
    } else {
        t->nodes[p].next = node;
    }
}

void ocp_tree_unlink(ocp_tree *t, int32_t parent, int32_t node) {
    int32_t p = t->nodes[node].prev;
    int32_t n = t->nodes[node].next;
    if (p == OCP_NIL) {
        t->nodes[parent].first = n;
    } else {
        t->nodes[p].next = n;
    }
    if (n == OCP_NIL) {
        t->nodes[parent].last = p;
    } else {
        t->nodes[n].prev = p;
    }
    t->nodes[node].prev = OCP_NIL;
    t->nodes[node].next = OCP_NIL;
}

void ocp_tree_move_range(ocp_tree *t, int32_t parent, int32_t from, int32_t to, int32_t target) {
    int32_t before = t->nodes[from].prev;
    int32_t after = t->nodes[to].next;
    if (before == OCP_NIL) {
        t->nodes[parent].first = after;
    } else {
        t->nodes[before].next = after;
    }
    if (after == OCP_NIL) {
        t->nodes[parent].last = before;
    } else {
        t->nodes[after].prev = before;
    }
    int32_t tail = t->nodes[target].last;
    t->nodes[from].prev = tail;
    t->nodes[to].next = OCP_NIL;
    if (tail == OCP_NIL) {
        t->nodes[target].first = from;
    } else {
        t->nodes[tail].next = from;
    }
    t->nodes[target].last = to;
}

OCP_INLINE int32_t *slot(ocp_tree *t, int32_t n, int which) {
    switch (which) {
    case 0:
        return &t->nodes[n].a;
    case 1:
        return &t->nodes[n].b;
    case 2:
        return &t->nodes[n].c;
    default:
        ocp_fail(t->ctx, OCP_INTERNAL, "slot %d", which);
    }
}

void ocp_tree_set_number(ocp_tree *t, int32_t n, int which, int32_t value) {
    *slot(t, n, which) = value;
    t->nodes[n].string_slots &= (uint8_t) ~(1u << which);
}

/* Pool bytes of one string reference: its length prefix and bytes; nothing for NONE. */
OCP_INLINE uint64_t reference_size(const ocp_tree *t, int32_t id) {
    return id == TREE_NONE ? 0 : 4u + (uint64_t) t->strings[id].length;
}

/* A string is complete when it has an id (ocp_tree_end_string), so its size here is the size it is written with;
 * a reference replaced later stays counted, which keeps string_refs a bound. */
void ocp_tree_set_string(ocp_tree *t, int32_t n, int which, int32_t string_id) {
    *slot(t, n, which) = string_id;
    t->nodes[n].string_slots |= (uint8_t) (1u << which);
    t->string_refs += reference_size(t, string_id);
}

int32_t ocp_tree_slot_value(const ocp_tree *t, int32_t n, int which) {
    return *slot((ocp_tree *) t, n, which);
}

/* ---- strings ---- */

/*
 * Most strings are verbatim runs of the input (text between delimiters, code, destinations): an open string
 * stays a slice of the source while every append continues it there, and is copied into the scratch bytes only
 * when something else is appended. The payload's bytes are the same either way; a parse just copies its text
 * once (into the payload) instead of twice, and its working memory does not grow with the text.
 */
void ocp_tree_set_source(ocp_tree *t, const uint8_t *src, int32_t length) {
    t->source = src;
    t->source_length = length;
}

OCP_INLINE const uint8_t *string_bytes(const ocp_tree *t, int32_t id) {
    int32_t at = t->strings[id].start;
    return at >= 0 ? t->chars + at : t->source + ~at;
}

int32_t ocp_tree_string(ocp_tree *t, const uint8_t *src, int32_t off, int32_t len) {
    /* A run of the input while no string is open (every text run of a paragraph that is one run of the source):
     * its slice record made at once, as begin, append and end would make it. */
    if (src == t->source && len > 0 && t->open_string == OCP_NIL) {
        int32_t id = t->string_count;
        if (id == t->string_capacity) {
            grow_strings(t, doubled(t, id, "strings"));
        }
        t->strings[id].start = ~off;
        t->strings[id].length = len;
        t->string_count = id + 1;
        return id;
    }
    ocp_tree_begin_string(t);
    ocp_tree_append(t, src, off, len);
    return ocp_tree_end_string(t);
}

void ocp_tree_begin_string(ocp_tree *t) {
    if (t->open_string != OCP_NIL) {
        ocp_fail(t->ctx, OCP_INTERNAL, "a string is already open");
    }
    t->open_string = t->char_count;
    t->slice_start = OCP_NIL;
}

/* Makes room for need more scratch bytes. */
static void reserve_chars(ocp_tree *t, int32_t need) {
    int64_t total = (int64_t) t->char_count + need;
    if (total > t->char_capacity) {
        if (total > INT32_MAX) {
            ocp_fail(t->ctx, OCP_LIMIT_EXCEEDED, "the document has more string bytes than the core can index");
        }
        int64_t twice = (int64_t) t->char_capacity * 2;
        int32_t n = (int32_t) (twice > total ? (twice > INT32_MAX ? INT32_MAX : twice) : total);
        t->chars = resize(t, t->chars, n, 1);
        t->char_capacity = n;
    }
}

/* The open string stops being a slice: its bytes so far are copied into the scratch bytes. */
static void copy_slice(ocp_tree *t) {
    int32_t from = t->slice_start;
    int32_t len = t->slice_end - from;
    t->slice_start = OCP_NIL;
    reserve_chars(t, len);
    memcpy(t->chars + t->char_count, t->source + from, (size_t) len);
    t->char_count += len;
}

void ocp_tree_append_byte(ocp_tree *t, uint8_t value) {
    if (t->slice_start != OCP_NIL) {
        if (t->slice_end < t->source_length && t->source[t->slice_end] == value) {
            t->slice_end++;
            return;
        }
        copy_slice(t);
    }
    if (t->char_count == t->char_capacity) {
        reserve_chars(t, 1);
    }
    t->chars[t->char_count++] = value;
}

void ocp_tree_append(ocp_tree *t, const uint8_t *src, int32_t off, int32_t len) {
    if (len <= 0) {
        return;
    }
    if (src == t->source && t->open_string != OCP_NIL) {
        if (t->slice_start == OCP_NIL) {
            if (t->char_count == t->open_string) {
                t->slice_start = off;
                t->slice_end = off + len;
                return;
            }
        } else if (off == t->slice_end) {
            t->slice_end += len;
            return;
        }
    }
    if (t->slice_start != OCP_NIL) {
        copy_slice(t);
    }
    reserve_chars(t, len);
    memcpy(t->chars + t->char_count, src + off, (size_t) len);
    t->char_count += len;
}
void ocp_tree_append_code_point(ocp_tree *t, int32_t cp) {
    uint32_t u = (uint32_t) cp;
    if (cp < 0x80) {
        ocp_tree_append_byte(t, (uint8_t) u);
    } else if (cp < 0x800) {
        ocp_tree_append_byte(t, (uint8_t) (0xC0 | u >> 6));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u & 0x3F)));
    } else if (cp < 0x10000) {
        ocp_tree_append_byte(t, (uint8_t) (0xE0 | u >> 12));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u >> 6 & 0x3F)));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u & 0x3F)));
    } else {
        ocp_tree_append_byte(t, (uint8_t) (0xF0 | u >> 18));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u >> 12 & 0x3F)));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u >> 6 & 0x3F)));
        ocp_tree_append_byte(t, (uint8_t) (0x80 | (u & 0x3F)));
    }
}

int32_t ocp_tree_open_length(const ocp_tree *t) {
    if (t->slice_start != OCP_NIL) {
        return t->slice_end - t->slice_start;
    }
    return t->char_count - t->open_string;
}

int32_t ocp_tree_end_string(ocp_tree *t) {
    if (t->open_string == OCP_NIL) {
        ocp_fail(t->ctx, OCP_INTERNAL, "no string is open");
    }
    int32_t id = t->string_count;
    if (id == t->string_capacity) {
        grow_strings(t, doubled(t, id, "strings"));
    }
    if (t->slice_start != OCP_NIL) {
        t->strings[id].start = ~t->slice_start;
        t->strings[id].length = t->slice_end - t->slice_start;
        t->slice_start = OCP_NIL;
    } else {
        t->strings[id].start = t->open_string;
        t->strings[id].length = t->char_count - t->open_string;
    }
    t->string_count = id + 1;
    t->open_string = OCP_NIL;
    return id;
}

int32_t ocp_tree_string_length(const ocp_tree *t, int32_t id) {
    return t->strings[id].length;
}

uint8_t ocp_tree_string_byte(const ocp_tree *t, int32_t id, int32_t i) {
    return string_bytes(t, id)[i];
}

/* ---- attributes ---- */

int32_t ocp_tree_add_attribute(ocp_tree *t, int kind, int32_t name_id, int32_t value_id, int32_t span_start,
                               int32_t span_end) {
    int32_t i = t->attr_count;
    if (i == t->attr_capacity) {
        grow_attributes(t, doubled(t, i, "attributes"));
    }
    t->attrs[i].kind = (uint8_t) kind;
    t->attrs[i].name = name_id;
    t->attrs[i].value = value_id;
    t->attrs[i].start = span_start;
    t->attrs[i].end = span_end;
    t->attr_count = i + 1;
    t->string_refs += reference_size(t, name_id) + reference_size(t, value_id);
    return i;
}

/* ---- serialization: tree/serialize.c, included (one compilation unit, the same inlining) ---- */

#include "tree/serialize.c"
