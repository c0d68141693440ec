/*
 * The canonical serializer of the working tree. Included by tree.c (one compilation unit), never compiled on its
 * own. The reachable tree is measured in one walk, then written as the OCP v1 payload (docs/ocp-format.md): nodes
 * in pre-order, strings in order of first reference, adjacent TEXT siblings merged; small trees in a single walk
 * into a bound. A port of TreeBuilder.java's writer.
 */

/*
 * Hints for the walks over a large tree, which wait on memory more than they compute: the node records are read,
 * and the payload's node section and pool written, each mostly in one direction, and on progit asking for the
 * lines ahead made the measurement and the serializer a tenth faster. Only addresses inside the arrays are formed.
 */
#if defined(__GNUC__) || defined(__clang__)
#define OCP_PREFETCH_READ(p) __builtin_prefetch((p), 0)
#define OCP_PREFETCH_WRITE(p) __builtin_prefetch((p), 1)
#else
#define OCP_PREFETCH_READ(p) ((void) (p))
#define OCP_PREFETCH_WRITE(p) ((void) (p))
#endif
/* How far ahead: node records read (the order of the walk is about the order they were made in), node records
 * written, pool bytes written. */
#define AHEAD_NODES 8
#define AHEAD_RECORDS 48u
#define AHEAD_POOL_BYTES 4096u

/* Asks for node n + AHEAD_NODES while n is before ahead_end, which each walk works out once (nodes_ahead_end), not
 * per node. */
OCP_INLINE void prefetch_nodes_after(const ocp_tree *t, int32_t n, int32_t ahead_end) {
    if (n < ahead_end) {
        OCP_PREFETCH_READ(&t->nodes[n + AHEAD_NODES]);
    }
}

/* Where prefetch_nodes_after stops: no address past the node array is formed. */
OCP_INLINE int32_t nodes_ahead_end(const ocp_tree *t) {
    return t->count - AHEAD_NODES;
}

/* Whether node n owns attribute records (b the first, c the count): JSX elements and directives. */
OCP_INLINE int is_jsx(const ocp_tree *t, int32_t n) {
    int k = t->nodes[n].kind;
    return k == OCP_KIND_MDX_JSX_FLOW || k == OCP_KIND_MDX_JSX_TEXT || k == OCP_KIND_CONTAINER_DIRECTIVE
           || k == OCP_KIND_LEAF_DIRECTIVE || k == OCP_KIND_TEXT_DIRECTIVE;
}

/* Whether n is a node (not OCP_NIL) of kind TEXT. */
OCP_INLINE int is_text(const ocp_tree *t, int32_t n) {
    return n != OCP_NIL && t->nodes[n].kind == OCP_KIND_TEXT;
}

OCP_INLINE int64_t attributes_of(const ocp_tree *t, int32_t n) {
    return is_jsx(t, n) && t->nodes[n].c != TREE_NONE ? t->nodes[n].c : 0;
}

/* Pool bytes the serializer writes for node n on its own (not merged): its string slots, or for a JSX node its
 * a slot and its attributes' names and values. */
OCP_INLINE uint64_t node_string_size(const ocp_tree *t, int32_t n) {
    int mask = t->nodes[n].string_slots;
    uint64_t size = (mask & 1) != 0 ? reference_size(t, t->nodes[n].a) : 0;
    if (is_jsx(t, n)) {
        int32_t first = t->nodes[n].b;
        int64_t attrs = attributes_of(t, n);
        for (int64_t i = 0; i < attrs; i++) {
            size += reference_size(t, t->attrs[first + i].name) + reference_size(t, t->attrs[first + i].value);
        }
        return size;
    }
    if ((mask & 2) != 0) {
        size += reference_size(t, t->nodes[n].b);
    }
    if ((mask & 4) != 0) {
        size += reference_size(t, t->nodes[n].c);
    }
    return size;
}

OCP_COLD static void grow_stack(ocp_tree *t, int32_t size) {
    void *array = t->stack;
    ocp_grow(t->ctx, &array, &t->stack_capacity, size, sizeof *t->stack);
    t->stack = array;
}

OCP_INLINE int32_t *ensure_stack(ocp_tree *t, int32_t size) {
    if (t->stack_capacity < size) {
        grow_stack(t, size);
    }
    return t->stack;
}

/* What the serializer will write, found by the same walk without writing: nodes (merged TEXT runs once),
 * attributes, and pool bytes (every string reference counted, as each is copied). */
typedef struct measure {
    int64_t nodes, attrs;
    uint64_t strings;
} measure;

static measure measure_reachable(ocp_tree *t) {
    int32_t ahead_end = nodes_ahead_end(t);
    measure m = {1, attributes_of(t, 0), node_string_size(t, 0)};
    int32_t depth = 0;
    int32_t *st = ensure_stack(t, 16);
    int32_t child = t->nodes[0].first;
    for (;;) {
        if (child != OCP_NIL) {
            m.nodes++;
            int32_t run_end = child;
            prefetch_nodes_after(t, child, ahead_end);
            if (t->nodes[child].kind == OCP_KIND_TEXT) {
                uint64_t merged = 4u + (uint64_t) t->strings[t->nodes[child].a].length;
                while (is_text(t, t->nodes[run_end].next)) {
                    run_end = t->nodes[run_end].next;
                    merged += (uint64_t) t->strings[t->nodes[run_end].a].length;
                }
                if (run_end != child) {
                    m.strings += merged;
                    child = t->nodes[run_end].next;
                    continue;
                }
            }
            m.attrs += attributes_of(t, child);
            m.strings += node_string_size(t, child);
            if (t->nodes[child].first != OCP_NIL) {
                st = ensure_stack(t, depth + 1);
                st[depth++] = child;
                child = t->nodes[child].first;
            } else {
                child = t->nodes[child].next;
            }
        } else {
            if (depth == 0) {
                return m;
            }
            child = t->nodes[st[--depth]].next;
        }
    }
}

static uint64_t payload_size(const measure *m) {
    return OCP_HEADER_SIZE + (uint64_t) m->nodes * OCP_NODE_RECORD_SIZE + (uint64_t) m->attrs * OCP_ATTR_RECORD_SIZE
           + m->strings;
}

/* Measures the reachable tree once; later calls reuse it (the tree is complete when it is checked). */
static void measure_once(ocp_tree *t) {
    if (t->reachable < 0) {
        measure m = measure_reachable(t);
        t->reachable = m.nodes | m.attrs << 32;
        t->payload_size = payload_size(&m);
    }
}

/* Payloads whose bound (quick_bound) is at most this are written without measuring the tree first. */
#define ONE_WALK_MAX_BYTES ((uint64_t) 64 << 10)

/* The payload's size if every node of the working tree were in the document, unmerged, and every string
 * reference made were still there: a bound kept while the tree was built, known without a walk. */
OCP_INLINE uint64_t quick_bound(const ocp_tree *t) {
    return OCP_HEADER_SIZE + (uint64_t) t->count * OCP_NODE_RECORD_SIZE
           + (uint64_t) t->attr_count * OCP_ATTR_RECORD_SIZE + t->string_refs;
}

/* Whether the tree is written in one walk, into quick_bound bytes: small trees, not measured. */
OCP_INLINE int one_walk(const ocp_tree *t) {
    return t->reachable < 0 && quick_bound(t) <= ONE_WALK_MAX_BYTES;
}

void ocp_tree_check_node_limit(ocp_tree *t) {
    if (t->count <= t->max_nodes) {
        return; /* the document's nodes are some of these */
    }
    measure_once(t);
    int64_t nodes = t->reachable & 0xFFFFFFFF;
    if (nodes > t->max_nodes) {
        ocp_fail(t->ctx, OCP_LIMIT_EXCEEDED, "document has %" PRId64 " nodes, more than maxNodes %" PRId32, nodes,
                 t->max_nodes);
    }
}

/*
 * Not TreeBuilder.sizeBound, which counts the scratch strings once (char_count): a string referenced from several
 * slots, such as a link definition's destination and title shared by every reference to it, is copied once per
 * reference. A small tree is written in one walk into its quick bound, and the caller keeps only the size
 * written (api.c); measuring it first was a twentieth of a one-line document's parse. A larger one is measured
 * by the serializer's own walk (O(nodes + attributes)), so that its payload is allocated once at its exact size:
 * there the bound can be far from the size (the working tree holds nodes the document dropped), and moving the
 * pool down after the walk would cost a copy of all its text.
 */
uint64_t ocp_tree_size_bound(ocp_tree *t) {
    if (one_walk(t)) {
        return quick_bound(t);
    }
    measure_once(t);
    return t->payload_size;
}

/* Little-endian stores: one store on a little-endian machine (compilers do not reliably merge the byte stores,
 * which then cost a dozen instructions per field), bytes elsewhere. Callers load what they store first: a
 * store through a byte pointer may alias anything, so values read between stores would be read again. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
OCP_INLINE void put16(uint8_t *p, uint32_t v) {
    uint16_t le = (uint16_t) v;
    memcpy(p, &le, 2);
}

OCP_INLINE void put32(uint8_t *p, uint32_t v) {
    memcpy(p, &v, 4);
}
#else
static inline void put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t) v;
    p[1] = (uint8_t) (v >> 8);
}

static inline void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t) v;
    p[1] = (uint8_t) (v >> 8);
    p[2] = (uint8_t) (v >> 16);
    p[3] = (uint8_t) (v >> 24);
}
#endif

/* Output cursor over the payload being written (TreeBuilder.Writer). The rooms are what the sections were
 * given: exact when the tree was measured, bounds when it is written in one walk; never written past. */
typedef struct writer {
    uint8_t *out;
    uint32_t node_offset;
    uint32_t attr_offset;
    uint32_t string_offset;
    uint32_t string_end;
    uint32_t attrs_written;
    uint32_t node_room, attr_room, size;
} writer;

/* A bound the serializer was given did not hold: a bug of this file, stopped before any byte goes past it. */
OCP_COLD _Noreturn static void overrun(const ocp_tree *t, const char *section) {
    ocp_fail(t->ctx, OCP_INTERNAL, "serializer: the %s would overrun the room measured for it", section);
}

/* Bytes copied at once for a short string (copy_string). */
#define COPY_BLOCK 128u

/* Copies string id's len bytes to out + at; the payload has room bytes from out. Natively a string of at most
 * COPY_BLOCK bytes is copied as one block of that size when the input and the payload both hold that many bytes
 * from its start: the bytes past its end are written over by the pool's next bytes (the pool is written in order
 * and has no gaps) or lie past what the payload keeps. memcpy's choice among its size classes cost a mispredicted
 * branch on most of the serializer's 110,000 copies of progit (of 4 to 2,000 bytes): 3% of the parse. The wasm
 * build, which inlines nothing large (OCP_NATIVE_INLINE), copies the string alone. */
OCP_INLINE void copy_string(uint8_t *out, uint32_t at, uint32_t room, const ocp_tree *t, int32_t id, uint32_t len) {
    const uint8_t *bytes = string_bytes(t, id);
#ifndef __wasm__
    int32_t start = t->strings[id].start;
    uint32_t readable = start >= 0 ? (uint32_t) (t->char_capacity - start) : (uint32_t) (t->source_length - ~start);
    if (len <= COPY_BLOCK && readable >= COPY_BLOCK && room - at >= COPY_BLOCK) {
        memcpy(out + at, bytes, COPY_BLOCK);
        return;
    }
#else
    (void) room;
#endif
    memcpy(out + at, bytes, len);
}

/* Copies scratch string id to the pool; returns its reference. */
static uint32_t write_string(writer *w, const ocp_tree *t, int32_t id) {
    if (id == TREE_NONE) {
        return OCP_NONE;
    }
    uint32_t at = w->string_end;
    uint32_t len = (uint32_t) t->strings[id].length;
    if ((uint64_t) at + 4 + len > w->size) {
        overrun(t, "string pool");
    }
    uint8_t *out = w->out;
    uint32_t size = w->size;
    uint32_t ref = at - w->string_offset;
    w->string_end = at + 4 + len;
    copy_string(out, at + 4, size, t, id, len);
    put32(out + at, len);
    return ref;
}

static void write_attribute(writer *w, const ocp_tree *t, int32_t i) {
    uint32_t name = write_string(w, t, t->attrs[i].name);
    uint32_t value = write_string(w, t, t->attrs[i].value);
    uint32_t kind = t->attrs[i].kind;
    uint32_t start = (uint32_t) t->attrs[i].start;
    uint32_t end = (uint32_t) t->attrs[i].end;
    if (w->attrs_written >= w->attr_room) {
        overrun(t, "attribute section");
    }
    uint8_t *r = w->out + w->attr_offset + w->attrs_written * OCP_ATTR_RECORD_SIZE;
    w->attrs_written++;
    put32(r + OCP_A_KIND, kind); /* kind, then three zero bytes */
    put32(r + OCP_A_NAME, name);
    put32(r + OCP_A_VALUE, value);
    put32(r + OCP_A_SPAN_START, start);
    put32(r + OCP_A_SPAN_END, end);
}

/* One node record; first child and next sibling are NONE until the walk links them. */
OCP_INLINE void put_record(uint8_t *r, uint32_t kind, uint32_t flags, uint32_t data, uint32_t parent, uint32_t start,
                       uint32_t end, uint32_t a, uint32_t b, uint32_t c) {
    put32(r + OCP_N_KIND, kind | flags << 8 | data << 16);
    put32(r + OCP_N_PARENT, parent);
    put32(r + OCP_N_FIRST_CHILD, OCP_NONE);
    put32(r + OCP_N_NEXT_SIBLING, OCP_NONE);
    put32(r + OCP_N_SPAN_START, start);
    put32(r + OCP_N_SPAN_END, end);
    put32(r + OCP_N_A, a);
    put32(r + OCP_N_B, b);
    put32(r + OCP_N_C, c);
}

OCP_NATIVE_INLINE void write_node(writer *w, const ocp_tree *t, int32_t n, uint32_t parent_out, uint32_t me) {
    const ocp_node *node = &t->nodes[n];
    int mask = node->string_slots;
    uint32_t a = (mask & 1) != 0 ? write_string(w, t, node->a) : (uint32_t) node->a;
    uint32_t b, c;
    if (is_jsx(t, n)) {
        /* b = first attribute, c = count; attribute records are copied in pre-order, strings alongside. */
        int32_t first_attr = node->b;
        int32_t attrs = node->c == TREE_NONE ? 0 : node->c;
        uint32_t out_first = w->attrs_written;
        for (int32_t i = 0; i < attrs; i++) {
            write_attribute(w, t, first_attr + i);
        }
        b = attrs == 0 ? OCP_NONE : out_first;
        c = (uint32_t) attrs;
    } else {
        b = (mask & 2) != 0 ? write_string(w, t, node->b) : (uint32_t) node->b;
        c = (mask & 4) != 0 ? write_string(w, t, node->c) : (uint32_t) node->c;
    }
    put_record(w->out + w->node_offset + me * OCP_NODE_RECORD_SIZE, node->kind, node->flags, node->data, parent_out,
               (uint32_t) node->start, (uint32_t) node->end, a, b, c);
}

static void write_merged_text(writer *w, const ocp_tree *t, int32_t from, int32_t to, uint32_t parent_out,
                              uint32_t me) {
    uint32_t length_at = w->string_end;
    uint32_t at = length_at + 4;
    uint8_t *out = w->out;
    if (at > w->size) {
        overrun(t, "string pool");
    }
    for (int32_t n = from;; n = t->nodes[n].next) {
        int32_t id = t->nodes[n].a;
        uint32_t len = (uint32_t) t->strings[id].length;
        if ((uint64_t) at + len > w->size) {
            overrun(t, "string pool");
        }
        copy_string(out, at, w->size, t, id, len);
        at += len;
        if (n == to) {
            break;
        }
    }
    put32(out + length_at, at - length_at - 4);
    w->string_end = at;
    put_record(out + w->node_offset + me * OCP_NODE_RECORD_SIZE, OCP_KIND_TEXT, 0, 0, parent_out,
               (uint32_t) t->nodes[from].start, (uint32_t) t->nodes[to].end, length_at - w->string_offset, OCP_NONE,
               OCP_NONE);
}

uint32_t ocp_tree_serialize(ocp_tree *t, uint8_t *out, int dialect, int flags, uint32_t source_length) {
    /* The sections' rooms: a small tree's bounds (every working node, attribute and string reference), written
     * in one walk and closed up after it; else pass 1 (or the check's) counts output nodes (adjacent TEXT
     * siblings become one), attributes and pool bytes exactly. */
    int provisional = one_walk(t);
    uint64_t size = ocp_tree_size_bound(t);
    if (size > UINT32_MAX) {
        ocp_fail(t->ctx, OCP_LIMIT_EXCEEDED, "the payload would exceed the 4 GiB that OCP's 32-bit offsets address");
    }
    uint32_t node_room = provisional ? (uint32_t) t->count : (uint32_t) (t->reachable & 0xFFFFFFFF);
    uint32_t attr_room = provisional ? (uint32_t) t->attr_count : (uint32_t) (t->reachable >> 32);
    uint32_t node_offset = OCP_HEADER_SIZE;
    uint32_t attr_offset = node_offset + node_room * OCP_NODE_RECORD_SIZE;
    uint32_t string_offset = attr_offset + attr_room * OCP_ATTR_RECORD_SIZE;

    /* Pass 2: iterative pre-order walk writing records and strings. The level being written is held in locals:
     * its parent's builder node and output index, and the output index of the last child written under it
     * (TREE_NONE before the first); the stack holds the same three for each level above it. Kept in memory, they
     * were loaded again after every store through the payload's byte pointer. */
    writer w = {out, node_offset, attr_offset, string_offset, string_offset, 0, node_room, attr_room, (uint32_t) size};
    /* Where each hint below stops (none past the arrays), worked out once rather than per node. */
    int32_t ahead_end = nodes_ahead_end(t);
    uint32_t records_ahead_end = node_room > AHEAD_RECORDS ? node_room - AHEAD_RECORDS : 0;
    uint32_t pool_ahead_end = w.size > AHEAD_POOL_BYTES ? w.size - AHEAD_POOL_BYTES : 0;
    write_node(&w, t, 0, OCP_NONE, 0);
    uint32_t out_index = 1;
    int32_t parent = 0;
    uint32_t parent_out = 0;
    int32_t previous = TREE_NONE;
    int32_t depth = 0; /* levels on the stack */
    int32_t *st = t->stack;
    int32_t child = t->nodes[0].first;
    for (;;) {
        if (child == OCP_NIL) {
            if (depth == 0) {
                break;
            }
            child = t->nodes[parent].next;
            depth--;
            parent = st[depth * 3];
            parent_out = (uint32_t) st[depth * 3 + 1];
            previous = st[depth * 3 + 2];
            continue;
        }
        uint32_t me = out_index++;
        if (me >= node_room) {
            overrun(t, "node section");
        }
        prefetch_nodes_after(t, child, ahead_end);
        if (me < records_ahead_end) {
            OCP_PREFETCH_WRITE(out + node_offset + (me + AHEAD_RECORDS) * OCP_NODE_RECORD_SIZE);
        }
        if (w.string_end < pool_ahead_end) {
            OCP_PREFETCH_WRITE(out + w.string_end + AHEAD_POOL_BYTES);
        }
        int32_t run_end = child;
        if (t->nodes[child].kind == OCP_KIND_TEXT) {
            while (is_text(t, t->nodes[run_end].next)) {
                run_end = t->nodes[run_end].next;
            }
        }
        if (run_end != child) {
            write_merged_text(&w, t, child, run_end, parent_out, me);
        } else {
            write_node(&w, t, child, parent_out, me);
        }
        uint32_t link = previous == TREE_NONE ? parent_out * OCP_NODE_RECORD_SIZE + OCP_N_FIRST_CHILD
                                              : (uint32_t) previous * OCP_NODE_RECORD_SIZE + OCP_N_NEXT_SIBLING;
        put32(out + node_offset + link, me);
        previous = (int32_t) me;
        if (run_end == child && t->nodes[child].first != OCP_NIL) {
            st = ensure_stack(t, depth * 3 + 3);
            st[depth * 3] = parent;
            st[depth * 3 + 1] = (int32_t) parent_out;
            st[depth * 3 + 2] = previous;
            depth++;
            parent = child;
            parent_out = me;
            previous = TREE_NONE;
            child = t->nodes[child].first;
        } else {
            child = t->nodes[run_end].next;
        }
    }
    uint32_t nodes = out_index;
    uint32_t attrs_used = w.attrs_written;
    uint32_t string_size = w.string_end - string_offset;
    if (provisional) {
        /* Close up the rooms: the attribute records and the pool move down to follow the nodes written. A pool
         * reference is relative to the pool and an attribute's to the first record, so neither changes. */
        uint32_t attrs_at = node_offset + nodes * OCP_NODE_RECORD_SIZE;
        uint32_t strings_at = attrs_at + attrs_used * OCP_ATTR_RECORD_SIZE;
        if (attrs_at != attr_offset) {
            memmove(out + attrs_at, out + attr_offset, (size_t) attrs_used * OCP_ATTR_RECORD_SIZE);
        }
        if (strings_at != string_offset) {
            memmove(out + strings_at, out + string_offset, string_size);
        }
        attr_offset = attrs_at;
        string_offset = strings_at;
    } else if (nodes != node_room || attrs_used != attr_room || w.string_end != size) {
        ocp_fail(t->ctx, OCP_INTERNAL, "serializer miscounted: %" PRIu32 "/%" PRIu32 " nodes, %" PRIu32 "/%" PRIu32
                 " attributes, %" PRIu32 "/%" PRIu64 " bytes", nodes, node_room, attrs_used, attr_room, w.string_end,
                 size);
    }
    uint32_t total = string_offset + string_size;
    /* Header. */
    put32(out + OCP_H_MAGIC, OCP_MAGIC);
    put16(out + OCP_H_VERSION_MAJOR, OCP_VERSION_MAJOR);
    put16(out + OCP_H_VERSION_MINOR, OCP_VERSION_MINOR);
    put16(out + OCP_H_HEADER_SIZE, OCP_HEADER_SIZE);
    out[OCP_H_DIALECT] = (uint8_t) dialect;
    out[OCP_H_FLAGS] = (uint8_t) flags;
    put32(out + OCP_H_TOTAL_SIZE, total);
    put32(out + OCP_H_SOURCE_LENGTH, source_length);
    put32(out + OCP_H_NODE_OFFSET, node_offset);
    put32(out + OCP_H_NODE_COUNT, nodes);
    put16(out + OCP_H_NODE_RECORD_SIZE, OCP_NODE_RECORD_SIZE);
    put16(out + OCP_H_ATTR_RECORD_SIZE, OCP_ATTR_RECORD_SIZE);
    put32(out + OCP_H_STRING_OFFSET, string_offset);
    put32(out + OCP_H_STRING_SIZE, string_size);
    put32(out + OCP_H_ATTR_OFFSET, attr_offset);
    put32(out + OCP_H_ATTR_COUNT, attrs_used);
    return total;
}
