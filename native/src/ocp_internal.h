/*
 * What the parts of the OCP core share: the parse context (limits, failure by longjmp, working memory),
 * the tracked allocator, the working tree and its serializer, and the contract between the block and the
 * inline parser. The core is a port of the pure-Java engine (engine-java, package dev.ocp.engine.java), which
 * is the reference: each C file mirrors one Java class (block_parser.c <- BlockParser.java, block/fenced_code.c
 * <- block/FencedCode.java, ...) closely enough to be reviewed side by side, so that both stay byte-identical
 * (the TCK checks it).
 *
 * Conventions: indexes and offsets are int32_t like Java's int; node links use OCP_NIL (-1) inside the
 * builder and OCP_NONE (0xFFFFFFFF) in the payload. Errors do not return codes through the parser: they
 * call ocp_fail(), which goes back to the ABI entry point (by longjmp, or through the host in the wasm build),
 * where all working memory of the parse is freed.
 */
#ifndef OCP_INTERNAL_H
#define OCP_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ocp.h"
#include "ocp_format.h"

#define OCP_NIL (-1)

/* Marks the rare path of a hot function (growth, failure) so that the common path is not compiled around it:
 * inlined, a growth path made a one-line store save and restore six registers. */
#if defined(__GNUC__) || defined(__clang__)
#define OCP_COLD __attribute__((noinline, cold))
#else
#define OCP_COLD
#endif

/* Has the compiler check a function's printf-style format against its arguments. MinGW's gcc reads the
 * "printf" archetype as Microsoft's old dialect, which has no %zu. The Windows build selects MinGW's own C99
 * stdio instead (__USE_MINGW_ANSI_STDIO=1, native/Makefile), which gcc knows as gnu_printf. */
#if defined(__MINGW32__) && defined(__USE_MINGW_ANSI_STDIO) && __USE_MINGW_ANSI_STDIO
#define OCP_PRINTF(format_index, first_argument) __attribute__((format(gnu_printf, format_index, first_argument)))
#elif defined(__MINGW32__)
#define OCP_PRINTF(format_index, first_argument) __attribute__((format(ms_printf, format_index, first_argument)))
#elif defined(__GNUC__) || defined(__clang__)
#define OCP_PRINTF(format_index, first_argument) __attribute__((format(printf, format_index, first_argument)))
#else
#define OCP_PRINTF(format_index, first_argument)
#endif

/* Marks a helper of a few instructions, called in hot paths, to be inlined in the wasm build too, which is
 * compiled without inlining (-fno-inline-functions, which ignores the inline keyword; native/Makefile says why).
 * There each call is a JVM method call that checks for interruption first: a parse of a one-line document
 * made some 370 of them, 60 for put32 alone. Only for leaves this small: a larger function inlined into several
 * callers can push one past HotSpot's 8000-byte limit for JIT compilation (CompiledModuleTest). */
#if defined(__GNUC__) || defined(__clang__)
#define OCP_INLINE static inline __attribute__((always_inline))
#else
#define OCP_INLINE static inline
#endif

/* Marks a larger function inlined into its few callers in the native builds, where that saved a call on a hot path,
 * and left a call in the wasm build: there each inlined copy grows its caller's JVM method, and HotSpot compiles a
 * larger method worse. Forced inlining of write_node made the wasm engine's parse at 10 KB 15% slower, and of
 * find_nonspace 9% (JMH, 2 forks each). */
#ifdef __wasm__
#define OCP_NATIVE_INLINE static
#else
#define OCP_NATIVE_INLINE OCP_INLINE
#endif

/* ---- the engine and its tracked allocator (alloc.c) ---- */

/* Allocates a block of size bytes counted against the engine's limit; NULL if the limit or the system
 * refuses. Every block of the core goes through these, so the counters are the memory's true state. */
void *ocp_alloc(ocp_engine *engine, size_t size);
void *ocp_realloc(ocp_engine *engine, void *block, size_t size); /* NULL on refusal; block then unchanged */
void ocp_dealloc(ocp_engine *engine, void *block);                /* NULL is ignored */
/* Credit: bytes of the limit a thread reserves at a time, so that its next blocks are counted in its own shard
 * of the counters without writing memory other threads write (alloc.c). A shard holds at most
 * OCP_CREDIT_KEPT_CHUNKS chunks; the engine's peak_bytes counts credit as well as live bytes, and so is at most
 * that much per thread above the peak of live bytes. */
#define OCP_CREDIT_CHUNK ((uint64_t) 64 << 10)
#define OCP_CREDIT_KEPT_CHUNKS 4
/* The chunk of an engine whose limit is limit_bytes (0: none): OCP_CREDIT_CHUNK, or the limit's 64th part when
 * that is less; 0 (no credit: every block reserved as it is allocated) in a build on one thread (wasm). */
uint64_t ocp_credit_chunk(uint64_t limit_bytes);
/* The size of the block a parse context cuts its small working blocks from (context.c); the allocator keeps
 * one such block idle per thread for the next parse (alloc.c). */
#define OCP_SLAB_BYTES ((size_t) 8 << 10)
/* Working blocks up to this size are cut from the slab (context.c). */
#define OCP_SLAB_BLOCK_MAX ((size_t) 2 << 10)

/* ---- the parse context (context.c) and failure ---- */

/*
 * How ocp_fail leaves a parse, the one difference between the native and the wasm build. An entry point
 * catches with `if (OCP_CATCH(ctx) != 0) { return ocp_parse_failed(ctx); }` before the parse, and ocp_fail
 * ends with OCP_THROW(ctx). Natively that is setjmp and longjmp. Wasm has no setjmp: OCP_THROW calls
 * ocp_wasm_unwind (native/wasm/runtime.c), which hands the failure to the host, and the host then calls the
 * module's ocp_wasm_recover, which runs ocp_parse_failed in the entry point's stead (native/wasm/README.md);
 * OCP_CATCH is never non-zero there.
 */
struct ocp_ctx;
#ifdef __wasm__
typedef struct ocp_jmp_buf {
    char unused;
} ocp_jmp_buf;
#define OCP_CATCH(ctx) ((void) (ctx), 0)
#define OCP_THROW(ctx) ocp_wasm_unwind(ctx)
_Noreturn void ocp_wasm_unwind(struct ocp_ctx *ctx);
#else
#include <setjmp.h>
typedef jmp_buf ocp_jmp_buf;
#define OCP_CATCH(ctx) setjmp((ctx)->on_failure)
#define OCP_THROW(ctx) longjmp((ctx)->on_failure, 1)
#endif

typedef struct ocp_work_block ocp_work_block; /* header of a working block, private to context.c */

typedef struct ocp_ctx {
    ocp_engine *engine;
    ocp_options options;
    ocp_jmp_buf on_failure; /* the entry point's OCP_CATCH */
    int32_t status;
    char message[OCP_MESSAGE_CAPACITY];
    /* The first error MDX's tree builder raises, kept for the end of the parse (ocp_mdx_defer_syntax_error), and
     * its order (2 * source offset, + 1 where a block ends, + 1), or 0 when none is kept (a zeroed context). */
    int64_t deferred_order;
    char deferred[OCP_MESSAGE_CAPACITY];
    ocp_work_block *blocks; /* every working block of this parse, freed by ocp_ctx_release */
    unsigned char *slab;    /* where small working blocks are cut from (context.c), or NULL before the first */
    size_t slab_used;
    /* What the entry point's failure branch, ocp_parse_failed, undoes and reports into: */
    ocp_result *out;
    uint8_t *payload;        /* a payload being written, not yet the caller's: freed */
    ocp_arena *arena;        /* an arena whose offset this parse moved from arena_from to arena_to: moved back */
    uint64_t arena_from, arena_to;
} ocp_ctx;

/* Records the failure in ctx and leaves the parse for its entry point (OCP_THROW). Never returns. */
_Noreturn void ocp_fail(ocp_ctx *ctx, int32_t status, const char *format, ...) OCP_PRINTF(3, 4);

/* The failure branch of ocp_parse and ocp_arena_parse (api.c): frees the parse's memory, undoes what it did
 * to an arena, and reports ctx's status and message into ctx->out. Returns the status. */
int32_t ocp_parse_failed(ocp_ctx *ctx);

/* Working memory of the parse: freed with the context, or on failure. Allocation failure calls
 * ocp_fail(ctx, OCP_OUT_OF_MEMORY, ...). ocp_mem_alloc returns zeroed memory; ocp_mem_alloc_raw, for arrays
 * whose every element is written before it is read, leaves it as it was (zeroing the first arrays of a parse
 * was a twentieth of a one-line document's instructions); ocp_mem_realloc, like realloc, keeps the contents
 * and leaves the bytes past them as they were (ocp_grow zeroes its new elements). */
void *ocp_mem_alloc(ocp_ctx *ctx, size_t size);
void *ocp_mem_alloc_raw(ocp_ctx *ctx, size_t size);
void *ocp_mem_realloc(ocp_ctx *ctx, void *block, size_t size);
void ocp_mem_free(ocp_ctx *ctx, void *block);
/* Grows *array (elements of elem bytes, capacity *capacity) so that it holds at least need elements,
 * at least doubling; new elements are zeroed. The Java code's Arrays.copyOf growth, in one place. */
void ocp_grow(ocp_ctx *ctx, void **array, int32_t *capacity, int64_t need, size_t elem);
/* Frees every working block still held by the context. */
void ocp_ctx_release(ocp_ctx *ctx);

/* ---- the working tree (tree.c), a port of TreeBuilder.java; same operations, same canonical output ---- */

/* A node of the working tree. One record per node rather than an array per field (TreeBuilder's layout): a node
 * is created, linked and serialized as a whole, and the serializer's walk then reads one or two cache lines per
 * node instead of a dozen. */
typedef struct ocp_node {
    int32_t first, last, next, prev; /* children and siblings, OCP_NIL for none */
    int32_t start, end;              /* source span */
    int32_t a, b, c;                 /* slots: numbers, or string ids where string_slots has their bit */
    uint16_t data;
    uint8_t kind, flags;
    uint8_t string_slots; /* bit i: slot i (a, b, c) holds a string id */
} ocp_node;

typedef struct ocp_tree {
    ocp_ctx *ctx;
    int32_t max_nodes;     /* the document's limit, checked exactly by ocp_tree_check_node_limit */
    int64_t working_limit; /* nodes the working tree may hold: max_nodes + source length (TreeBuilder) */
    int64_t reachable;     /* the document's nodes | attributes << 32 once checked, else -1 */
    uint64_t payload_size; /* the payload's exact size once checked (with reachable) */
    uint64_t string_refs;  /* pool bytes of every string reference made (4 + length each): at least the pool's */
    int32_t count, capacity;
    ocp_node *nodes;
    uint8_t *chars; /* scratch strings */
    int32_t char_count, char_capacity;
    /* A string's bytes: chars + start if start >= 0, else source + ~start (a slice of the input, never copied
     * into chars; see ocp_tree_begin_string). */
    struct ocp_string {
        int32_t start, length;
    } *strings;
    const uint8_t *source; /* the input the parser reads, or NULL: strings from it may stay slices of it */
    int32_t source_length;
    int32_t slice_start, slice_end; /* the open string while it is source[slice_start, slice_end); else -1 */
    int32_t string_count, string_capacity;
    int32_t open_string;
    int32_t attr_count, attr_capacity;
    struct ocp_attribute {
        int32_t name, value, start, end; /* string ids (or TREE_NONE) and source span */
        uint8_t kind;
    } *attrs;
    int32_t *stack;
    int32_t stack_capacity;
} ocp_tree;

void ocp_tree_init(ocp_tree *t, ocp_ctx *ctx, int32_t max_nodes); /* TreeBuilder.reset(maxNodes) */
/* TreeBuilder.reset(maxNodes, sourceLength): the working tree may hold max_nodes + source_length nodes. */
void ocp_tree_init_for_source(ocp_tree *t, ocp_ctx *ctx, int32_t max_nodes, int32_t source_length);
/* TreeBuilder.checkNodeLimit: LIMIT_EXCEEDED if the document (adjacent TEXT merged) has more than max_nodes. */
void ocp_tree_check_node_limit(ocp_tree *t);

int32_t ocp_tree_new_node(ocp_tree *t, int kind, int32_t span_start, int32_t span_end); /* LIMIT_EXCEEDED past max_nodes */
int32_t ocp_tree_add(ocp_tree *t, int kind, int32_t parent, int32_t span_start, int32_t span_end);
void ocp_tree_append_child(ocp_tree *t, int32_t parent, int32_t child);
void ocp_tree_insert_before(ocp_tree *t, int32_t parent, int32_t sibling, int32_t node);
void ocp_tree_unlink(ocp_tree *t, int32_t parent, int32_t node);
void ocp_tree_move_range(ocp_tree *t, int32_t parent, int32_t from, int32_t to, int32_t target);

static inline int ocp_tree_kind(const ocp_tree *t, int32_t n) { return t->nodes[n].kind; }
static inline int32_t ocp_tree_first_child(const ocp_tree *t, int32_t n) { return t->nodes[n].first; }
static inline int32_t ocp_tree_last_child(const ocp_tree *t, int32_t n) { return t->nodes[n].last; }
static inline int32_t ocp_tree_next_sibling(const ocp_tree *t, int32_t n) { return t->nodes[n].next; }
static inline int32_t ocp_tree_previous_sibling(const ocp_tree *t, int32_t n) { return t->nodes[n].prev; }
static inline void ocp_tree_set_kind(ocp_tree *t, int32_t n, int kind) { t->nodes[n].kind = (uint8_t) kind; }
static inline int ocp_tree_flags(const ocp_tree *t, int32_t n) { return t->nodes[n].flags; }
static inline void ocp_tree_set_flags(ocp_tree *t, int32_t n, int v) { t->nodes[n].flags = (uint8_t) v; }
static inline int ocp_tree_data(const ocp_tree *t, int32_t n) { return t->nodes[n].data; }
static inline void ocp_tree_set_data(ocp_tree *t, int32_t n, int v) { t->nodes[n].data = (uint16_t) v; }
static inline int32_t ocp_tree_span_start(const ocp_tree *t, int32_t n) { return t->nodes[n].start; }
static inline int32_t ocp_tree_span_end(const ocp_tree *t, int32_t n) { return t->nodes[n].end; }
static inline void ocp_tree_set_span(ocp_tree *t, int32_t n, int32_t s, int32_t e) {
    t->nodes[n].start = s;
    t->nodes[n].end = e;
}
static inline void ocp_tree_set_span_end(ocp_tree *t, int32_t n, int32_t e) { t->nodes[n].end = e; }

void ocp_tree_set_number(ocp_tree *t, int32_t n, int slot, int32_t value); /* slot 0 a, 1 b, 2 c */
void ocp_tree_set_string(ocp_tree *t, int32_t n, int slot, int32_t string_id);
int32_t ocp_tree_slot_value(const ocp_tree *t, int32_t n, int slot);

int32_t ocp_tree_string(ocp_tree *t, const uint8_t *src, int32_t off, int32_t len);
void ocp_tree_begin_string(ocp_tree *t);
void ocp_tree_append_byte(ocp_tree *t, uint8_t value);
void ocp_tree_append(ocp_tree *t, const uint8_t *src, int32_t off, int32_t len);
void ocp_tree_append_code_point(ocp_tree *t, int32_t cp);
int32_t ocp_tree_open_length(const ocp_tree *t);
int32_t ocp_tree_end_string(ocp_tree *t);
int32_t ocp_tree_string_length(const ocp_tree *t, int32_t id);
uint8_t ocp_tree_string_byte(const ocp_tree *t, int32_t id, int32_t i);

int32_t ocp_tree_add_attribute(ocp_tree *t, int kind, int32_t name_id, int32_t value_id, int32_t span_start,
                               int32_t span_end);

/* Lets strings built from src[0, length) stay slices of it instead of copies (the parser's input). */
void ocp_tree_set_source(ocp_tree *t, const uint8_t *src, int32_t length);
/* The bytes ocp_tree_serialize needs: for a small tree a bound from the counts kept while it was built, else
 * the payload's exact size (every string reference counted, adjacent TEXT merged), found by a walk. */
uint64_t ocp_tree_size_bound(ocp_tree *t);
/* Writes the canonical payload (docs/ocp-format.md section 8) into out, which holds ocp_tree_size_bound()
 * bytes; returns its exact size, at most that. */
uint32_t ocp_tree_serialize(ocp_tree *t, uint8_t *out, int dialect, int flags, uint32_t source_length);

/* ---- the parsers (block_parser.c <- BlockParser.java, inline_parser.c <- InlineParser.java, ...) ---- */

/* ContentMap.java: content index of a leaf block's inline content -> source offset. */
typedef struct ocp_content_map ocp_content_map;
int32_t ocp_content_map_to_source(const ocp_content_map *map, int32_t content_index);

typedef struct ocp_inline_parser ocp_inline_parser;
ocp_inline_parser *ocp_inline_parser_new(ocp_tree *tree, const ocp_options *options);
void ocp_inline_parse(ocp_inline_parser *p, int32_t parent, const uint8_t *buf, int32_t off, int32_t len,
                      const ocp_content_map *map);
int32_t ocp_inline_parse_definition(ocp_inline_parser *p, const uint8_t *buf, int32_t off, int32_t len,
                                    const ocp_content_map *map, int32_t container, int32_t paragraph);
/* Before the definitions of another paragraph: its link scanner forgets what it read (LinkScanner.forget). */
void ocp_inline_forget_scans(ocp_inline_parser *p);
void ocp_inline_append_unescaped(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to, bool micromark);
/* Text.appendDecoded: character references decoded, backslash escapes too when escapes (JSX attribute
 * values have none), U+0000 as U+FFFD. */
void ocp_inline_append_decoded(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to, bool escapes,
                               bool micromark);

/* Parses src[0, length) into tree (node 0 becomes the DOCUMENT), both phases: JavaParser.parse. */
void ocp_block_parse(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options);

#endif
