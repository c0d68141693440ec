/*
 * The ABI's entry points (include/ocp.h): argument and option checks with the messages the Java side gives
 * (dev.ocp.ParseOptions, dev.ocp.spi.StandardEngine.checkOptions), the parse under setjmp (OCP_CATCH) so that
 * a failure anywhere in the parsers comes back here with all working memory freed, payloads in one tracked
 * block of exactly their size, and arenas: one tracked region with a bump offset.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocp_export.h"
#include "ocp_internal.h"

#define OCP_LIBRARY_VERSION "0.1.0"

/* ParseOptions.MAX_INPUT_BYTES: OCP spans are 32-bit byte offsets. */
#define MAX_INPUT_BYTES UINT64_C(0xFFFFFFFE)

/*
 * An arena: payloads bump-allocated from one region, 8-byte aligned, all freed by setting the offset back to 0.
 * The offset moves by compare-and-swap, without a lock: a parse reserves its payload's size bound first, writes
 * the payload there and then gives back what the bound overestimated if nothing was reserved after it. The API
 * lets one thread use an arena at a time, so the swaps always succeed there; they make a racing misuse waste
 * space instead of overwriting a payload.
 */
struct ocp_arena {
    ocp_engine *engine;
    uint8_t *region; /* one tracked block of capacity bytes */
    uint64_t capacity;
    _Atomic uint64_t used; /* a multiple of 8, or capacity */
};

OCP_EXPORT const char *ocp_version(void) {
    return OCP_LIBRARY_VERSION;
}

OCP_EXPORT uint32_t ocp_format_version(void) {
    return ocp_format;
}

OCP_EXPORT const uint32_t ocp_format = (uint32_t) OCP_VERSION_MAJOR << 16 | OCP_VERSION_MINOR;

/* ---- results ---- */

static int32_t report(ocp_result *out, int32_t status, const char *format, ...) OCP_PRINTF(3, 4);

static int32_t report(ocp_result *out, int32_t status, const char *format, ...) {
    out->payload = NULL;
    out->length = 0;
    out->status = status;
    out->reserved = 0;
    va_list args;
    va_start(args, format);
    int n = vsnprintf(out->message, sizeof out->message, format, args);
    va_end(args);
    if (n < 0) {
        out->message[0] = '\0';
    }
    return status;
}

static int32_t succeed(ocp_result *out, const uint8_t *payload, uint32_t length) {
    out->payload = payload;
    out->length = length;
    out->status = OCP_OK;
    out->reserved = 0;
    out->message[0] = '\0';
    return OCP_OK;
}

/* A Java int limit seen through the ABI's uint32_t: what Java would print for it. */
static int64_t as_java_int(uint32_t value) {
    return value > INT32_MAX ? (int64_t) value - INT64_C(4294967296) : (int64_t) value;
}

/* ParseOptions' constructor, then StandardEngine.checkOptions; the same order and words. */
static int32_t check(const uint8_t *src, uint64_t length, const ocp_options *o, ocp_result *out) {
    if (o == NULL) {
        return report(out, OCP_INVALID_INPUT, "options must not be NULL");
    }
    if (src == NULL && length != 0) {
        return report(out, OCP_INVALID_INPUT, "src is NULL but length is %" PRIu64, length);
    }
    if (o->dialect > OCP_DIALECT_MDX) {
        return report(out, OCP_INVALID_INPUT, "dialect must be 0 (COMMONMARK), 1 (GFM) or 2 (MDX), not %" PRIu32,
                      o->dialect);
    }
    if ((o->extensions & ~(OCP_EXTENSION_GFM | OCP_EXTENSION_FRONTMATTER | OCP_EXTENSION_MATH | OCP_EXTENSION_DIRECTIVE
                           | OCP_EXTENSION_ALERTS | OCP_EXTENSION_HEADING_IDS | OCP_EXTENSION_HTML_COMMENTS)) != 0) {
        return report(out, OCP_INVALID_INPUT, "extensions 0x%" PRIx32 " has unknown bits", o->extensions);
    }
    if (o->flavor > OCP_FLAVOR_MICROMARK) {
        return report(out, OCP_INVALID_INPUT, "flavor %" PRIu32 " is unknown", o->flavor);
    }
    if ((o->dialect == OCP_DIALECT_GFM) != (o->dialect != OCP_DIALECT_MDX && (o->extensions & OCP_EXTENSION_GFM) != 0)) {
        return report(out, OCP_INVALID_INPUT, "dialect 1 (GFM) is CommonMark with the GFM extension: the dialect %"
                      PRIu32 " and the extensions 0x%" PRIx32 " disagree", o->dialect, o->extensions);
    }
    if (o->max_input_bytes == 0 || o->max_input_bytes > MAX_INPUT_BYTES) {
        return report(out, OCP_INVALID_INPUT, "maxInputBytes must be in 1..%" PRIu64 ", not %" PRId64,
                      MAX_INPUT_BYTES, (int64_t) (o->max_input_bytes > INT64_MAX
                                                      ? -(int64_t) (UINT64_MAX - o->max_input_bytes) - 1
                                                      : (int64_t) o->max_input_bytes));
    }
    static const char *const names[] = {"maxNestingDepth", "maxNodes", "maxInlineNesting"};
    const uint32_t values[] = {o->max_nesting_depth, o->max_nodes, o->max_inline_nesting};
    for (int i = 0; i < 3; i++) {
        if (values[i] == 0 || values[i] > INT32_MAX) {
            return report(out, OCP_INVALID_INPUT, "%s must be positive, not %" PRId64, names[i],
                          as_java_int(values[i]));
        }
    }
    if (length > o->max_input_bytes) {
        return report(out, OCP_LIMIT_EXCEEDED, "input of %" PRIu64 " bytes exceeds maxInputBytes %" PRIu64, length,
                      o->max_input_bytes);
    }
    if (length > INT32_MAX) {
        /* The parsers index with Java's int, as the reference does; its inputs are arrays of at most 2 GiB. */
        return report(out, OCP_LIMIT_EXCEEDED, "input of %" PRIu64 " bytes exceeds the %" PRId32
                      " bytes the parser can index", length, INT32_MAX);
    }
    return OCP_OK;
}

/* ---- parse ---- */

static const uint8_t empty_source[1] = {0};

/*
 * The body of a parse, run under the context's setjmp by the entry points: builds the tree and returns it
 * with its size bound. Fails by ocp_fail.
 */
static void build(ocp_ctx *ctx, ocp_tree *tree, const uint8_t *src, uint64_t length) {
    /* JavaParser.parse: the working tree bounded by the limit plus the source, the document by the limit. */
    ocp_tree_init_for_source(tree, ctx, (int32_t) ctx->options.max_nodes, (int32_t) length);
    ocp_block_parse(tree, src == NULL ? empty_source : src, (int32_t) length, &ctx->options);
    ocp_tree_check_node_limit(tree);
    if (ocp_tree_size_bound(tree) > UINT32_MAX) {
        ocp_fail(ctx, OCP_LIMIT_EXCEEDED, "the payload would exceed the 4 GiB that OCP's 32-bit offsets address");
    }
}

static void begin(ocp_ctx *ctx, ocp_engine *engine, const ocp_options *options, ocp_result *out) {
    ctx->engine = engine;
    ctx->options = *options;
    ctx->status = OCP_OK;
    ctx->message[0] = '\0';
    ctx->deferred_order = 0;
    ctx->blocks = NULL;
    ctx->slab = NULL;
    ctx->slab_used = 0;
    ctx->out = out;
    ctx->payload = NULL;
    ctx->arena = NULL;
    ctx->arena_from = ctx->arena_to = 0;
}

/* The failure branch of both parses, here natively and through ocp_wasm_recover in the wasm build. The payload
 * is not working memory (it outlives the context), so a failure after its allocation frees it here. */
int32_t ocp_parse_failed(ocp_ctx *ctx) {
    ocp_dealloc(ctx->engine, ctx->payload);
    ctx->payload = NULL;
    if (ctx->arena != NULL) {
        uint64_t reserved_to = ctx->arena_to;
        atomic_compare_exchange_strong_explicit(&ctx->arena->used, &reserved_to, ctx->arena_from,
                                                memory_order_relaxed, memory_order_relaxed);
        ctx->arena = NULL;
    }
    ocp_ctx_release(ctx);
    return report(ctx->out, ctx->status, "%s", ctx->message);
}

/* The payload's block, ctx->payload until the parse succeeds (its failure branch frees it). Fails by ocp_fail. */
static uint8_t *allocate_payload(ocp_ctx *ctx, uint64_t bound) {
    ctx->payload = ocp_alloc(ctx->engine, (size_t) bound);
    if (ctx->payload == NULL) {
        ocp_stats s;
        ocp_stats_get(ctx->engine, &s);
        if (s.limit_bytes != 0 && s.live_bytes + bound > s.limit_bytes) {
            ocp_fail(ctx, OCP_OUT_OF_MEMORY, "a payload of up to %" PRIu64 " bytes would bring the engine to %"
                     PRIu64 " bytes, over its memory limit of %" PRIu64 "; free documents or raise the limit",
                     bound, s.live_bytes + bound, s.limit_bytes);
        }
        ocp_fail(ctx, OCP_OUT_OF_MEMORY, "the system refused a payload of %" PRIu64 " bytes", bound);
    }
    return ctx->payload;
}

/*
 * The parse proper. The context (with the payload being written) and the tree live in the caller's frame, not
 * in this function's, so that they keep their values across the longjmp (C11 7.13.2.1).
 */
static int32_t parse_payload(ocp_ctx *ctx, ocp_tree *tree, const uint8_t *src, uint64_t length) {
    if (OCP_CATCH(ctx) != 0) {
        return ocp_parse_failed(ctx);
    }
    build(ctx, tree, src, length);
    uint64_t bound = ocp_tree_size_bound(tree);
    if (bound <= OCP_SLAB_BLOCK_MAX) {
        /* A small tree is written in one walk into a bound (tree.c), and here into working memory: copied out
         * at its size, the payload is one exact allocation, which the next parse's reuses, where shrinking a
         * bound-sized block made malloc split it and free the rest every time. */
        uint8_t *aside = ocp_mem_alloc_raw(ctx, (size_t) bound);
        uint32_t size = ocp_tree_serialize(tree, aside, (int) ctx->options.dialect, (int) ctx->options.extensions,
                                           (uint32_t) length);
        uint8_t *payload = allocate_payload(ctx, size);
        memcpy(payload, aside, size);
        ctx->payload = NULL;
        ocp_ctx_release(ctx);
        return succeed(ctx->out, payload, size);
    }
    uint8_t *payload = allocate_payload(ctx, bound);
    uint32_t size = ocp_tree_serialize(tree, payload, (int) ctx->options.dialect, (int) ctx->options.extensions,
                                       (uint32_t) length);
    ctx->payload = NULL;
    ocp_ctx_release(ctx);
    /* Shrinking to the exact size never fails; at worst the block stays where it is. */
    uint8_t *exact = ocp_realloc(ctx->engine, payload, size);
    return succeed(ctx->out, exact, size);
}

OCP_EXPORT int32_t ocp_parse(ocp_engine *engine, const uint8_t *src, uint64_t length, const ocp_options *options,
                             ocp_result *out) {
    if (out == NULL) {
        return OCP_INVALID_INPUT;
    }
    if (engine == NULL) {
        return report(out, OCP_INVALID_INPUT, "engine must not be NULL");
    }
    int32_t status = check(src, length, options, out);
    if (status != OCP_OK) {
        return status;
    }
    ocp_ctx ctx;
    ocp_tree tree;
    begin(&ctx, engine, options, out);
    return parse_payload(&ctx, &tree, src, length);
}

OCP_EXPORT void ocp_free(ocp_engine *engine, const uint8_t *payload) {
    if (engine == NULL) {
        return;
    }
    ocp_dealloc(engine, (void *) (uintptr_t) payload);
}

/* ---- arenas ---- */

OCP_EXPORT int32_t ocp_arena_create(ocp_engine *engine, uint64_t capacity_bytes, ocp_arena **out_arena) {
    if (out_arena == NULL) {
        return OCP_INVALID_INPUT;
    }
    *out_arena = NULL;
    if (engine == NULL || capacity_bytes == 0) {
        return OCP_INVALID_INPUT;
    }
    if (capacity_bytes > SIZE_MAX) {
        return OCP_OUT_OF_MEMORY;
    }
    /* The handle is untracked like the engine's; its region is the tracked block. */
    ocp_arena *a = malloc(sizeof *a);
    if (a == NULL) {
        return OCP_OUT_OF_MEMORY;
    }
    a->region = ocp_alloc(engine, (size_t) capacity_bytes);
    if (a->region == NULL) {
        free(a);
        return OCP_OUT_OF_MEMORY;
    }
    a->engine = engine;
    a->capacity = capacity_bytes;
    atomic_init(&a->used, 0);
    *out_arena = a;
    return OCP_OK;
}

/* Where the offset goes after a payload that ends at end: the next multiple of 8, at most the capacity. */
static uint64_t bump_end(const ocp_arena *arena, uint64_t end) {
    uint64_t next = (end + 7u) & ~UINT64_C(7);
    return next < arena->capacity ? next : arena->capacity;
}

/* Reserves size bytes at the arena's offset, moving it; sets *at to their start and *end to the new offset.
 * 0, with nothing moved, if they do not fit. */
static int arena_reserve(ocp_arena *arena, uint64_t size, uint64_t *at, uint64_t *end) {
    uint64_t now = atomic_load_explicit(&arena->used, memory_order_relaxed);
    uint64_t next;
    do {
        if (size > arena->capacity - now) {
            return 0;
        }
        next = bump_end(arena, now + size);
    } while (!atomic_compare_exchange_weak_explicit(&arena->used, &now, next, memory_order_relaxed,
                                                    memory_order_relaxed));
    *at = now;
    *end = next;
    return 1;
}

/* The arena's parse proper; frames as in parse_payload. Nothing of the arena changes unless it succeeds. */
static int32_t parse_into_arena(ocp_ctx *ctx, ocp_tree *tree, ocp_arena *arena, const uint8_t *src,
                                uint64_t length) {
    if (OCP_CATCH(ctx) != 0) {
        return ocp_parse_failed(ctx);
    }
    build(ctx, tree, src, length);
    int dialect = (int) ctx->options.dialect;
    int flags = (int) ctx->options.extensions;
    uint64_t bound = ocp_tree_size_bound(tree);
    uint64_t at, end;
    uint32_t size;
    if (arena_reserve(arena, bound, &at, &end)) {
        /* Written in place; the failure branch moves the offset back should the serializer fail. */
        ctx->arena = arena;
        ctx->arena_from = at;
        ctx->arena_to = end;
        size = ocp_tree_serialize(tree, arena->region + at, dialect, flags, (uint32_t) length);
        ctx->arena = NULL;
        atomic_compare_exchange_strong_explicit(&arena->used, &end, bump_end(arena, at + size),
                                                memory_order_relaxed, memory_order_relaxed);
    } else {
        /* The bound does not fit but the exact size may: serialize aside, then copy if it fits. */
        uint8_t *tmp = ocp_mem_alloc(ctx, (size_t) bound);
        size = ocp_tree_serialize(tree, tmp, dialect, flags, (uint32_t) length);
        if (!arena_reserve(arena, size, &at, &end)) {
            ocp_fail(ctx, OCP_OUT_OF_MEMORY, "arena full: %" PRIu32 " more bytes would exceed its capacity of %"
                     PRIu64 "; reset it or make a larger one", size, arena->capacity);
        }
        memcpy(arena->region + at, tmp, size);
    }
    ocp_ctx_release(ctx);
    return succeed(ctx->out, arena->region + at, size);
}

OCP_EXPORT int32_t ocp_arena_parse(ocp_arena *arena, const uint8_t *src, uint64_t length, const ocp_options *options,
                                   ocp_result *out) {
    if (out == NULL) {
        return OCP_INVALID_INPUT;
    }
    if (arena == NULL) {
        return report(out, OCP_INVALID_INPUT, "arena must not be NULL");
    }
    int32_t status = check(src, length, options, out);
    if (status != OCP_OK) {
        return status;
    }
    ocp_ctx ctx;
    ocp_tree tree;
    begin(&ctx, arena->engine, options, out);
    return parse_into_arena(&ctx, &tree, arena, src, length);
}

/* O(1): every payload of the arena is gone once the offset is back at 0. */
OCP_EXPORT void ocp_arena_reset(ocp_arena *arena) {
    if (arena != NULL) {
        atomic_store_explicit(&arena->used, 0, memory_order_relaxed);
    }
}

OCP_EXPORT uint64_t ocp_arena_used(const ocp_arena *arena) {
    /* atomic loads take non-const pointers in C11 */
    return arena == NULL ? 0 : atomic_load_explicit(&((ocp_arena *) (uintptr_t) arena)->used, memory_order_relaxed);
}

OCP_EXPORT void ocp_arena_destroy(ocp_arena *arena) {
    if (arena == NULL) {
        return;
    }
    ocp_dealloc(arena->engine, arena->region);
    free(arena);
}
