/*
 * The engine and its tracked allocator. Every block of the core (payloads, arena regions, working memory of
 * parses) goes through ocp_alloc/ocp_realloc/ocp_dealloc, which count at the source: the counters are the
 * memory's true state, not a binding's bookkeeping. The memory limit is enforced before the system is asked,
 * by reserving the bytes in live_bytes first (compare-and-swap), so concurrent parses can never together
 * cross it. The engine handle itself (a few dozen bytes) is not counted.
 *
 * Each block carries a small header in front holding its size, so that freeing needs no size from the
 * caller and the counters stay exact. live_bytes counts the bytes the callers asked for, not the headers.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ocp_export.h"
#include "ocp_internal.h"

struct ocp_engine {
    uint64_t limit; /* 0: none */
    _Atomic uint64_t live_allocations;
    _Atomic uint64_t live_bytes;
    _Atomic uint64_t peak_bytes;
    _Atomic uint64_t allocations;
    _Atomic uint64_t frees;
};

/* The header in front of every block: its size, padded so that the block keeps malloc's alignment. */
typedef union block_header {
    size_t size;
    max_align_t align;
} block_header;

#define HEADER_SIZE sizeof(block_header)

OCP_EXPORT ocp_engine *ocp_engine_create(uint64_t memory_limit_bytes) {
    ocp_engine *e = malloc(sizeof *e);
    if (e == NULL) {
        return NULL;
    }
    e->limit = memory_limit_bytes;
    atomic_init(&e->live_allocations, 0);
    atomic_init(&e->live_bytes, 0);
    atomic_init(&e->peak_bytes, 0);
    atomic_init(&e->allocations, 0);
    atomic_init(&e->frees, 0);
    return e;
}

OCP_EXPORT void ocp_engine_destroy(ocp_engine *engine) {
    free(engine);
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
    block_header *h = malloc(HEADER_SIZE + size);
    if (h == NULL) {
        unreserve(engine, size);
        return NULL;
    }
    h->size = size;
    atomic_fetch_add_explicit(&engine->live_allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&engine->allocations, 1, memory_order_relaxed);
    return (unsigned char *) h + HEADER_SIZE;
}

void *ocp_realloc(ocp_engine *engine, void *block, size_t size) {
    if (block == NULL) {
        return ocp_alloc(engine, size);
    }
    block_header *h = (block_header *) (void *) ((unsigned char *) block - HEADER_SIZE);
    size_t old = h->size;
    if (size > SIZE_MAX - HEADER_SIZE) {
        return NULL;
    }
    if (size > old) {
        if (!reserve(engine, size - old)) {
            return NULL;
        }
        block_header *grown = realloc(h, HEADER_SIZE + size);
        if (grown == NULL) {
            unreserve(engine, size - old);
            return NULL;
        }
        grown->size = size;
        return (unsigned char *) grown + HEADER_SIZE;
    }
    /* Shrinking never needs more memory: if the system will not move the block, keep it as it is. */
    block_header *shrunk = realloc(h, HEADER_SIZE + size);
    if (shrunk == NULL) {
        return block;
    }
    shrunk->size = size;
    unreserve(engine, old - size);
    return (unsigned char *) shrunk + HEADER_SIZE;
}

void ocp_dealloc(ocp_engine *engine, void *block) {
    if (block == NULL) {
        return;
    }
    block_header *h = (block_header *) (void *) ((unsigned char *) block - HEADER_SIZE);
    unreserve(engine, h->size);
    atomic_fetch_sub_explicit(&engine->live_allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&engine->frees, 1, memory_order_relaxed);
    free(h);
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
    out->live_allocations = atomic_load_explicit(&e->live_allocations, memory_order_relaxed);
    out->live_bytes = atomic_load_explicit(&e->live_bytes, memory_order_relaxed);
    out->peak_bytes = atomic_load_explicit(&e->peak_bytes, memory_order_relaxed);
    out->allocations = atomic_load_explicit(&e->allocations, memory_order_relaxed);
    out->frees = atomic_load_explicit(&e->frees, memory_order_relaxed);
    out->limit_bytes = e->limit;
    out->pressure = pressure(out->live_bytes, out->limit_bytes);
}
