/*
 * The engine and its tracked allocator. Every block of the core (payloads, arena regions, working memory of
 * parses) goes through ocp_alloc/ocp_realloc/ocp_dealloc, which count at the source: the counters are the
 * memory's true state, not a binding's bookkeeping. The memory limit is enforced before the system is asked,
 * by reserving the bytes in live_bytes first (compare-and-swap), so concurrent parses can never together
 * cross it. The engine handle itself (a few dozen bytes) is not counted.
 *
 * Each block carries a small header in front holding its size, so that freeing needs no size from the
 * caller and the counters stay exact. live_bytes counts the bytes the callers asked for, not the headers.
 *
 * Large blocks (CACHE_MIN and up) are kept when freed, up to CACHE_SLOTS blocks and idle_limit bytes, and
 * handed out again by later allocations of a size they fit: a parse of a large document needs a few large
 * blocks (node records, line records, the payload), and the next parse needs the same ones. Left to malloc,
 * they were returned to the system after every parse or not, depending on its heuristics (glibc trims its heap
 * when the free space at the top exceeds twice the largest block it last unmapped), and every page of them
 * was faulted in again: on an 11 MB document that cost as much as the parse. Idle blocks are free memory of
 * the allocator, as malloc's own free lists are, and as the Java engine's pool keeps idle arrays: they are not
 * live, the limit does not count them, and ocp_engine_destroy frees them.
 *
 * So is one block of the parse context's slab size (OCP_SLAB_BYTES), the first working block of every parse:
 * kept in one atomic slot, it is handed from parse to parse without malloc and free, which for a block of
 * that size (beyond glibc's per-thread caches) cost a parse of a one-line document about 250 instructions
 * and, in a multi-threaded process such as a JVM, two takings of malloc's arena lock. Parses on other threads at the same time allocate their own.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ocp_export.h"
#include "ocp_internal.h"

#define CACHE_MIN ((size_t) 64 << 10) /* blocks this large are kept for reuse when freed */
#define CACHE_SLOTS 64
/* Idle bytes at most, and at most a quarter of the limit; a build may set it (0 keeps no block). */
#ifndef OCP_IDLE_MAX_BYTES
#define OCP_IDLE_MAX_BYTES (UINT64_C(64) << 20)
#endif
#define CACHE_MAX_BYTES ((uint64_t) (OCP_IDLE_MAX_BYTES))

/* The header in front of every block: its size and its capacity (at least the size; larger when a kept
 * block was handed out again for less), padded so that the block keeps malloc's alignment. */
typedef union block_header {
    struct {
        size_t size;
        size_t capacity;
    } b;
    max_align_t align;
} block_header;

#define HEADER_SIZE sizeof(block_header)

struct ocp_engine {
    uint64_t limit; /* 0: none */
    _Atomic uint64_t allocations;
    _Atomic uint64_t live_bytes; /* at offset 16, where engine-wasm's tests read it in linear memory */
    _Atomic uint64_t peak_bytes;
    _Atomic uint64_t frees;
    /* Idle large blocks, guarded by idle_lock (held for a scan of CACHE_SLOTS entries at most). */
    atomic_flag idle_lock;
    int idle_count;
    uint64_t idle_bytes, idle_limit;
    block_header *idle[CACHE_SLOTS];
    /* An idle block of OCP_SLAB_BYTES, or NULL; only if the idle limit leaves room for it (keep_slab). */
    _Atomic(block_header *) idle_slab;
    int keep_slab;
};

/* The wasm host writes the limit and reads the counters in place, in the instance's linear memory
 * (engine-wasm's WasmInstance: ENGINE_* offsets), instead of calling ocp_stats_get after every parse and free. */
_Static_assert(offsetof(struct ocp_engine, limit) == 0, "engine-wasm writes limit at offset 0");
_Static_assert(offsetof(struct ocp_engine, allocations) == 8, "engine-wasm reads allocations at offset 8");
_Static_assert(offsetof(struct ocp_engine, live_bytes) == 16, "engine-wasm reads live_bytes at offset 16");
_Static_assert(offsetof(struct ocp_engine, peak_bytes) == 24, "engine-wasm reads peak_bytes at offset 24");
_Static_assert(offsetof(struct ocp_engine, frees) == 32, "engine-wasm reads frees at offset 32");

OCP_EXPORT ocp_engine *ocp_engine_create(uint64_t memory_limit_bytes) {
    ocp_engine *e = malloc(sizeof *e);
    if (e == NULL) {
        return NULL;
    }
    e->limit = memory_limit_bytes;
    atomic_init(&e->live_bytes, 0);
    atomic_init(&e->peak_bytes, 0);
    atomic_init(&e->allocations, 0);
    atomic_init(&e->frees, 0);
    atomic_flag_clear(&e->idle_lock);
    e->idle_count = 0;
    e->idle_bytes = 0;
    uint64_t idle_limit = CACHE_MAX_BYTES;
    if (memory_limit_bytes != 0 && memory_limit_bytes / 4 <= idle_limit) {
        idle_limit = memory_limit_bytes / 4;
    }
    e->keep_slab = idle_limit >= OCP_SLAB_BYTES;
    e->idle_limit = e->keep_slab ? idle_limit - OCP_SLAB_BYTES : idle_limit;
    atomic_init(&e->idle_slab, NULL);
    return e;
}

OCP_EXPORT void ocp_engine_destroy(ocp_engine *engine) {
    if (engine == NULL) {
        return;
    }
    for (int i = 0; i < engine->idle_count; i++) {
        free(engine->idle[i]);
    }
    free(atomic_load_explicit(&engine->idle_slab, memory_order_acquire));
    free(engine);
}

static void lock_idle(ocp_engine *e) {
    while (atomic_flag_test_and_set_explicit(&e->idle_lock, memory_order_acquire)) {
    }
}

static void unlock_idle(ocp_engine *e) {
    atomic_flag_clear_explicit(&e->idle_lock, memory_order_release);
}

/* An idle block for size bytes: the smallest of capacity size to 2 * size, so that a small request does not
 * take a block a larger one will want; NULL if none. */
static block_header *take_idle(ocp_engine *e, size_t size) {
    block_header *found = NULL;
    lock_idle(e);
    int best = -1;
    for (int i = 0; i < e->idle_count; i++) {
        size_t capacity = e->idle[i]->b.capacity;
        if (capacity >= size && capacity / 2 <= size && (best < 0 || capacity < e->idle[best]->b.capacity)) {
            best = i;
        }
    }
    if (best >= 0) {
        found = e->idle[best];
        e->idle[best] = e->idle[--e->idle_count];
        e->idle_bytes -= found->b.capacity;
    }
    unlock_idle(e);
    return found;
}

/* Keeps a freed large block for reuse if there is room; 0 if the caller must free it. */
static int keep_idle(ocp_engine *e, block_header *h) {
    int kept = 0;
    lock_idle(e);
    if (e->idle_count < CACHE_SLOTS && h->b.capacity <= e->idle_limit - e->idle_bytes) {
        e->idle[e->idle_count++] = h;
        e->idle_bytes += h->b.capacity;
        kept = 1;
    }
    unlock_idle(e);
    return kept;
}

/* Returns a block to the idle blocks or the system. */
static void release(ocp_engine *e, block_header *h) {
    if (h->b.capacity == OCP_SLAB_BYTES && e->keep_slab) {
        block_header *none = NULL;
        if (atomic_compare_exchange_strong_explicit(&e->idle_slab, &none, h, memory_order_release,
                                                    memory_order_relaxed)) {
            return;
        }
    }
    if (h->b.capacity < CACHE_MIN || !keep_idle(e, h)) {
        free(h);
    }
}

/* The idle slab-sized block, taken, or NULL. */
static block_header *take_slab(ocp_engine *e) {
    if (atomic_load_explicit(&e->idle_slab, memory_order_relaxed) == NULL) {
        return NULL;
    }
    return atomic_exchange_explicit(&e->idle_slab, NULL, memory_order_acquire);
}

/* Reserves size bytes against the limit; 0 if they would cross it. On success live_bytes includes them. */
static int reserve(ocp_engine *e, uint64_t size) {
    uint64_t now = atomic_load_explicit(&e->live_bytes, memory_order_relaxed);
    uint64_t next;
    do {
        if (size > UINT64_MAX - now) {
            return 0;
        }
        next = now + size;
        if (e->limit != 0 && next > e->limit) {
            return 0;
        }
    } while (!atomic_compare_exchange_weak_explicit(&e->live_bytes, &now, next, memory_order_relaxed,
                                                    memory_order_relaxed));
    uint64_t peak = atomic_load_explicit(&e->peak_bytes, memory_order_relaxed);
    while (peak < next && !atomic_compare_exchange_weak_explicit(&e->peak_bytes, &peak, next,
                                                                 memory_order_relaxed, memory_order_relaxed)) {
    }
    return 1;
}

static void unreserve(ocp_engine *e, uint64_t size) {
    atomic_fetch_sub_explicit(&e->live_bytes, size, memory_order_relaxed);
}

void *ocp_alloc(ocp_engine *engine, size_t size) {
    if (size > SIZE_MAX - HEADER_SIZE || !reserve(engine, size)) {
        return NULL;
    }
    block_header *h = NULL;
    if (size >= CACHE_MIN) {
        h = take_idle(engine, size);
    } else if (size == OCP_SLAB_BYTES && engine->keep_slab) {
        h = take_slab(engine);
    }
    if (h == NULL) {
        h = malloc(HEADER_SIZE + size);
        if (h == NULL) {
            unreserve(engine, size);
            return NULL;
        }
        h->b.capacity = size;
    }
    h->b.size = size;
    atomic_fetch_add_explicit(&engine->allocations, 1, memory_order_relaxed);
    return (unsigned char *) h + HEADER_SIZE;
}

void *ocp_realloc(ocp_engine *engine, void *block, size_t size) {
    if (block == NULL) {
        return ocp_alloc(engine, size);
    }
    block_header *h = (block_header *) (void *) ((unsigned char *) block - HEADER_SIZE);
    size_t old = h->b.size;
    if (size == old) {
        return block; /* a payload measured exactly is "shrunk" to its own size */
    }
    if (size > SIZE_MAX - HEADER_SIZE) {
        return NULL;
    }
    if (size > old) {
        if (!reserve(engine, size - old)) {
            return NULL;
        }
        if (size <= h->b.capacity) {
            h->b.size = size; /* a kept block handed out for less has room */
            return block;
        }
        block_header *idle = size >= CACHE_MIN ? take_idle(engine, size) : NULL;
        if (idle != NULL) {
            memcpy((unsigned char *) idle + HEADER_SIZE, block, old);
            idle->b.size = size;
            release(engine, h);
            return (unsigned char *) idle + HEADER_SIZE;
        }
        block_header *grown = realloc(h, HEADER_SIZE + size);
        if (grown == NULL) {
            unreserve(engine, size - old);
            return NULL;
        }
        grown->b.size = size;
        grown->b.capacity = size;
        return (unsigned char *) grown + HEADER_SIZE;
    }
    if (h->b.capacity >= CACHE_MIN) {
        /* A large block shrinks in place: it keeps its capacity for when it is kept and reused. */
        h->b.size = size;
        unreserve(engine, old - size);
        return block;
    }
    /* Shrinking never needs more memory: if the system will not move the block, keep it as it is. */
    block_header *shrunk = realloc(h, HEADER_SIZE + size);
    if (shrunk == NULL) {
        return block;
    }
    shrunk->b.size = size;
    shrunk->b.capacity = size;
    unreserve(engine, old - size);
    return (unsigned char *) shrunk + HEADER_SIZE;
}

void ocp_dealloc(ocp_engine *engine, void *block) {
    if (block == NULL) {
        return;
    }
    block_header *h = (block_header *) (void *) ((unsigned char *) block - HEADER_SIZE);
    unreserve(engine, h->b.size);
    atomic_fetch_add_explicit(&engine->frees, 1, memory_order_release); /* read with acquire by ocp_stats_get */
    release(engine, h);
}

/* PressureLevel.of: live >= ceil(f * limit), written as limit - floor((1 - f) * limit) so it cannot overflow. */
static uint32_t pressure(uint64_t live, uint64_t limit) {
    if (limit == 0) {
        return 0;
    }
    if (live >= limit - limit / 10) {
        return 3;
    }
    if (live >= limit - limit / 4) {
        return 2;
    }
    if (live >= limit - limit / 2) {
        return 1;
    }
    return 0;
}

OCP_EXPORT void ocp_stats_get(const ocp_engine *engine, ocp_stats *out) {
    if (out == NULL) {
        return;
    }
    memset(out, 0, sizeof *out);
    if (engine == NULL) {
        return;
    }
    ocp_engine *e = (ocp_engine *) engine; /* atomic loads take non-const pointers in C11 */
    /* Live blocks are allocations less frees (one counter fewer to update per block). Frees are read first:
     * a block allocated or freed between the two reads can only make the figure larger, never negative. */
    out->frees = atomic_load_explicit(&e->frees, memory_order_acquire);
    out->live_bytes = atomic_load_explicit(&e->live_bytes, memory_order_relaxed);
    out->peak_bytes = atomic_load_explicit(&e->peak_bytes, memory_order_relaxed);
    out->allocations = atomic_load_explicit(&e->allocations, memory_order_acquire);
    out->live_allocations = out->allocations - out->frees;
    out->limit_bytes = e->limit;
    out->pressure = pressure(out->live_bytes, out->limit_bytes);
}
