/*
 * The engine and its tracked allocator. Every block of the core (payloads, arena regions, working memory of
 * parses) goes through ocp_alloc/ocp_realloc/ocp_dealloc, which count at the source: the counters are the
 * memory's true state, not a binding's bookkeeping.
 *
 * Parses on different threads write no memory in common. Each thread counts in a shard of its own (allocations,
 * frees, live bytes), and takes the bytes it allocates from credit it reserved in the engine a chunk at a time:
 * the engine's reserved bytes (every shard's live bytes and credit) are compared with the limit and swapped
 * (compare-and-swap) only when a shard runs short of credit or gives back what it holds beyond a few chunks. So
 * concurrent parses can never together cross the limit; before a request is refused, every shard's credit is
 * given back, so that credit held unused never makes the limit tighter. ocp_stats_get sums the shards: exact
 * whenever no block is being allocated or freed meanwhile; peak_bytes is the peak of the reserved bytes, at most
 * OCP_CREDIT_KEPT_CHUNKS chunks per thread above the peak of live bytes.
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
 * So is one block of the parse context's slab size (OCP_SLAB_BYTES), the first working block of every parse,
 * in each shard: it is handed from parse to parse on the thread without malloc and free, which for a block of
 * that size (beyond glibc's per-thread caches) cost a parse of a one-line document about 250 instructions
 * and, in a multi-threaded process such as a JVM, two takings of malloc's arena lock.
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

/* Shards of the counters: a thread counts in its own (one per thread up to OCP_SHARDS - 1 threads), so that parses on
 * different threads write no memory in common. The wasm module runs on one thread: one shard, and no credit. */
#ifndef OCP_SHARDS
#if defined(__wasm__)
#define OCP_SHARDS 1
#else
#define OCP_SHARDS 64
#endif
#endif

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

/* One thread's counters, and the limit's credit it holds: bytes it reserved in the engine and has not yet handed
 * out. Written under its lock (by the thread it belongs to, or by another one freeing a block or taking credit
 * back), read without it by ocp_stats_get; hence atomics, loaded and stored without read-modify-write. live may
 * be negative: a block allocated in one shard may be freed in another. 128 bytes apart, so that two shards'
 * fields never share a cache line whatever the engine's alignment. */
typedef union ocp_shard {
    struct {
        _Atomic uint64_t allocations;
        _Atomic uint64_t frees;
        _Atomic int64_t live;
        _Atomic uint64_t credit;
        atomic_flag lock;
        block_header *idle_slab; /* a block of OCP_SLAB_BYTES kept for the next parse, or NULL */
    } s;
    unsigned char pad[128];
} ocp_shard;

struct ocp_engine {
    uint64_t limit; /* 0: none */
    /* Bytes reserved against the limit: every shard's live bytes and credit. Only a shard short of credit, or
     * one giving back what it holds beyond OCP_CREDIT_KEPT_CHUNKS, writes it. */
    _Atomic uint64_t reserved;
    _Atomic uint64_t peak_reserved;
    uint64_t chunk; /* ocp_credit_chunk(limit) */
    ocp_shard shards[OCP_SHARDS];
    int keep_slab; /* whether shards keep an idle slab (the idle limit leaves room for one in each) */
    /* Idle large blocks, guarded by idle_lock (held for a scan of CACHE_SLOTS entries at most). */
    atomic_flag idle_lock;
    int idle_count;
    uint64_t idle_bytes, idle_limit;
    block_header *idle[CACHE_SLOTS];
};

/* The wasm host writes the limit and reads the counters in place, in the instance's linear memory
 * (engine-wasm's WasmInstance: ENGINE_* offsets), instead of calling ocp_stats_get after every parse and free.
 * It has one shard and no credit, so shard 0's counters are the engine's and the reserved peak is the live one. */
_Static_assert(offsetof(struct ocp_engine, limit) == 0, "engine-wasm writes limit at offset 0");
_Static_assert(offsetof(struct ocp_engine, peak_reserved) == 16, "engine-wasm reads the peak at offset 16");
_Static_assert(offsetof(struct ocp_engine, shards) == 32, "engine-wasm reads shard 0 at offset 32");
_Static_assert(offsetof(ocp_shard, s.allocations) == 0 && offsetof(ocp_shard, s.frees) == 8
                   && offsetof(ocp_shard, s.live) == 16,
               "engine-wasm reads shard 0's allocations, frees and live bytes at offsets 32, 40 and 48");
_Static_assert(sizeof(ocp_shard) == 128, "shards are 128 bytes apart");

uint64_t ocp_credit_chunk(uint64_t limit_bytes) {
    if (OCP_SHARDS == 1) {
        return 0;
    }
    return limit_bytes != 0 && limit_bytes / 64 < OCP_CREDIT_CHUNK ? limit_bytes / 64 : OCP_CREDIT_CHUNK;
}

OCP_EXPORT ocp_engine *ocp_engine_create(uint64_t memory_limit_bytes) {
    ocp_engine *e = malloc(sizeof *e);
    if (e == NULL) {
        return NULL;
    }
    e->limit = memory_limit_bytes;
    atomic_init(&e->reserved, 0);
    atomic_init(&e->peak_reserved, 0);
    e->chunk = ocp_credit_chunk(memory_limit_bytes);
    for (int i = 0; i < OCP_SHARDS; i++) {
        ocp_shard *h = &e->shards[i];
        atomic_init(&h->s.allocations, 0);
        atomic_init(&h->s.frees, 0);
        atomic_init(&h->s.live, 0);
        atomic_init(&h->s.credit, 0);
        atomic_flag_clear(&h->s.lock);
        h->s.idle_slab = NULL;
    }
    atomic_flag_clear(&e->idle_lock);
    e->idle_count = 0;
    e->idle_bytes = 0;
    uint64_t idle_limit = CACHE_MAX_BYTES;
    if (memory_limit_bytes != 0 && memory_limit_bytes / 4 <= idle_limit) {
        idle_limit = memory_limit_bytes / 4;
    }
    uint64_t slabs = (uint64_t) OCP_SLAB_BYTES * OCP_SHARDS;
    e->keep_slab = idle_limit >= slabs;
    e->idle_limit = e->keep_slab ? idle_limit - slabs : idle_limit;
    return e;
}

OCP_EXPORT void ocp_engine_destroy(ocp_engine *engine) {
    if (engine == NULL) {
        return;
    }
    for (int i = 0; i < engine->idle_count; i++) {
        free(engine->idle[i]);
    }
    for (int i = 0; i < OCP_SHARDS; i++) {
        free(engine->shards[i].s.idle_slab);
    }
    free(engine);
}

static void spin_lock(atomic_flag *lock) {
    while (atomic_flag_test_and_set_explicit(lock, memory_order_acquire)) {
    }
}

static void spin_unlock(atomic_flag *lock) {
    atomic_flag_clear_explicit(lock, memory_order_release);
}

#if OCP_SHARDS > 1
/* This thread's shard number in every engine: threads are numbered as they first allocate. Shard 0 is left to
 * nobody: its counters share a cache line with the engine's first fields (limit, chunk), which every thread reads on
 * every allocation and free, so the thread counting there would make every other thread miss on each of them. */
static _Thread_local unsigned thread_shard = UINT32_MAX;
static atomic_uint threads_seen;
#endif

/* The calling thread's shard, locked. */
static ocp_shard *lock_shard(ocp_engine *e) {
#if OCP_SHARDS > 1
    if (thread_shard == UINT32_MAX) {
        thread_shard = 1 + atomic_fetch_add_explicit(&threads_seen, 1, memory_order_relaxed) % (OCP_SHARDS - 1);
    }
    ocp_shard *h = &e->shards[thread_shard];
#else
    ocp_shard *h = &e->shards[0];
#endif
    spin_lock(&h->s.lock);
    return h;
}

static void unlock_shard(ocp_shard *h) {
    spin_unlock(&h->s.lock);
}

/* Plain updates of a shard's counters, under its lock: a store, not a locked read-modify-write. */
static void add_u64(_Atomic uint64_t *counter, uint64_t delta) {
    atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + delta,
                          memory_order_relaxed);
}

static void add_i64(_Atomic int64_t *counter, int64_t delta) {
    atomic_store_explicit(counter, atomic_load_explicit(counter, memory_order_relaxed) + delta,
                          memory_order_relaxed);
}

/* An idle block for size bytes: the smallest of capacity size to 2 * size, so that a small request does not
 * take a block a larger one will want; NULL if none. */
static block_header *take_idle(ocp_engine *e, size_t size) {
    block_header *found = NULL;
    spin_lock(&e->idle_lock);
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
    spin_unlock(&e->idle_lock);
    return found;
}

/* Keeps a freed large block for reuse if there is room; 0 if the caller must free it. */
static int keep_idle(ocp_engine *e, block_header *h) {
    int kept = 0;
    spin_lock(&e->idle_lock);
    if (e->idle_count < CACHE_SLOTS && h->b.capacity <= e->idle_limit - e->idle_bytes) {
        e->idle[e->idle_count++] = h;
        e->idle_bytes += h->b.capacity;
        kept = 1;
    }
    spin_unlock(&e->idle_lock);
    return kept;
}

/* Returns a block to the idle blocks or the system; shard (locked) may keep it as its idle slab. */
static void release(ocp_engine *e, ocp_shard *shard, block_header *h) {
    if (h->b.capacity == OCP_SLAB_BYTES && e->keep_slab && shard->s.idle_slab == NULL) {
        shard->s.idle_slab = h;
        return;
    }
    if (h->b.capacity < CACHE_MIN || !keep_idle(e, h)) {
        free(h);
    }
}

/* Reserves size bytes of the limit in the engine; 0 if they would cross it. */
static int reserve(ocp_engine *e, uint64_t size) {
    uint64_t now = atomic_load_explicit(&e->reserved, memory_order_relaxed);
    uint64_t next;
    do {
        if (size > UINT64_MAX - now) {
            return 0;
        }
        next = now + size;
        if (e->limit != 0 && next > e->limit) {
            return 0;
        }
    } while (!atomic_compare_exchange_weak_explicit(&e->reserved, &now, next, memory_order_relaxed,
                                                    memory_order_relaxed));
    uint64_t peak = atomic_load_explicit(&e->peak_reserved, memory_order_relaxed);
    while (peak < next && !atomic_compare_exchange_weak_explicit(&e->peak_reserved, &peak, next,
                                                                 memory_order_relaxed, memory_order_relaxed)) {
    }
    return 1;
}

/* Takes size bytes from the shard's credit, reserving more in the engine when it is short (a chunk beyond what is
 * needed, so that the next blocks need not); 0 if the limit leaves no room, and then nothing changed. */
static int take_credit(ocp_engine *e, ocp_shard *h, uint64_t size) {
    uint64_t credit = atomic_load_explicit(&h->s.credit, memory_order_relaxed);
    if (credit < size) {
        uint64_t short_by = size - credit;
        if (e->chunk != 0 && short_by <= UINT64_MAX - e->chunk && reserve(e, short_by + e->chunk)) {
            credit += short_by + e->chunk;
        } else if (reserve(e, short_by)) {
            credit += short_by;
        } else {
            return 0;
        }
    }
    atomic_store_explicit(&h->s.credit, credit - size, memory_order_relaxed);
    return 1;
}

/* Puts size bytes back into the shard's credit, and what it then holds beyond its keep back into the engine. */
static void give_credit(ocp_engine *e, ocp_shard *h, uint64_t size) {
    uint64_t credit = atomic_load_explicit(&h->s.credit, memory_order_relaxed) + size;
    uint64_t keep = e->chunk * OCP_CREDIT_KEPT_CHUNKS;
    if (credit > keep) {
        atomic_fetch_sub_explicit(&e->reserved, credit - e->chunk, memory_order_relaxed);
        credit = e->chunk;
    }
    atomic_store_explicit(&h->s.credit, credit, memory_order_relaxed);
}

/* Gives every shard's credit back to the engine, one shard at a time (never two locks held): before a request
 * is refused, so that credit other threads hold unused never makes the limit tighter than it is. */
static void reclaim_credit(ocp_engine *e) {
    for (int i = 0; i < OCP_SHARDS; i++) {
        ocp_shard *h = &e->shards[i];
        spin_lock(&h->s.lock);
        uint64_t credit = atomic_load_explicit(&h->s.credit, memory_order_relaxed);
        if (credit != 0) {
            atomic_fetch_sub_explicit(&e->reserved, credit, memory_order_relaxed);
            atomic_store_explicit(&h->s.credit, 0, memory_order_relaxed);
        }
        spin_unlock(&h->s.lock);
    }
}

/* The calling thread's shard, locked, with size bytes of its credit taken; NULL (nothing taken, no lock held)
 * if the limit has no room for them even with every shard's credit given back. */
static ocp_shard *lock_with_credit(ocp_engine *e, uint64_t size) {
    ocp_shard *h = lock_shard(e);
    if (take_credit(e, h, size)) {
        return h;
    }
    unlock_shard(h);
    if (e->chunk == 0) {
        return NULL; /* no shard holds credit */
    }
    reclaim_credit(e);
    h = lock_shard(e);
    if (take_credit(e, h, size)) {
        return h;
    }
    unlock_shard(h);
    return NULL;
}

void *ocp_alloc(ocp_engine *engine, size_t size) {
    if (size > SIZE_MAX - HEADER_SIZE) {
        return NULL;
    }
    ocp_shard *shard = lock_with_credit(engine, size);
    if (shard == NULL) {
        return NULL;
    }
    block_header *h = NULL;
    if (size == OCP_SLAB_BYTES && shard->s.idle_slab != NULL) {
        h = shard->s.idle_slab;
        shard->s.idle_slab = NULL;
    } else if (size >= CACHE_MIN) {
        h = take_idle(engine, size);
    }
    if (h == NULL) {
        h = malloc(HEADER_SIZE + size);
        if (h == NULL) {
            give_credit(engine, shard, size);
            unlock_shard(shard);
            return NULL;
        }
        h->b.capacity = size;
    }
    h->b.size = size;
    add_i64(&shard->s.live, (int64_t) size);
    add_u64(&shard->s.allocations, 1);
    unlock_shard(shard);
    return (unsigned char *) h + HEADER_SIZE;
}

/* Counts a block's size changing from old to size bytes (less: the difference given back as credit). */
static void shrink(ocp_engine *e, size_t old, size_t size) {
    ocp_shard *shard = lock_shard(e);
    add_i64(&shard->s.live, -(int64_t) (old - size));
    give_credit(e, shard, old - size);
    unlock_shard(shard);
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
        ocp_shard *shard = lock_with_credit(engine, size - old);
        if (shard == NULL) {
            return NULL;
        }
        void *grown_block = NULL;
        if (size <= h->b.capacity) {
            h->b.size = size; /* a kept block handed out for less has room */
            grown_block = block;
        } else {
            block_header *idle = size >= CACHE_MIN ? take_idle(engine, size) : NULL;
            if (idle != NULL) {
                memcpy((unsigned char *) idle + HEADER_SIZE, block, old);
                idle->b.size = size;
                release(engine, shard, h);
                grown_block = (unsigned char *) idle + HEADER_SIZE;
            } else {
                block_header *grown = realloc(h, HEADER_SIZE + size);
                if (grown == NULL) {
                    give_credit(engine, shard, size - old);
                    unlock_shard(shard);
                    return NULL;
                }
                grown->b.size = size;
                grown->b.capacity = size;
                grown_block = (unsigned char *) grown + HEADER_SIZE;
            }
        }
        add_i64(&shard->s.live, (int64_t) (size - old));
        unlock_shard(shard);
        return grown_block;
    }
    if (h->b.capacity >= CACHE_MIN) {
        /* A large block shrinks in place: it keeps its capacity for when it is kept and reused. */
        h->b.size = size;
        shrink(engine, old, size);
        return block;
    }
    /* Shrinking never needs more memory: if the system will not move the block, keep it as it is. */
    block_header *shrunk = realloc(h, HEADER_SIZE + size);
    if (shrunk == NULL) {
        return block;
    }
    shrunk->b.size = size;
    shrunk->b.capacity = size;
    shrink(engine, old, size);
    return (unsigned char *) shrunk + HEADER_SIZE;
}

void ocp_dealloc(ocp_engine *engine, void *block) {
    if (block == NULL) {
        return;
    }
    block_header *h = (block_header *) (void *) ((unsigned char *) block - HEADER_SIZE);
    ocp_shard *shard = lock_shard(engine);
    add_i64(&shard->s.live, -(int64_t) h->b.size);
    give_credit(engine, shard, h->b.size);
    release(engine, shard, h);
    /* Released: ocp_stats_get reads frees with acquire, before the allocations, so live blocks never show < 0. */
    atomic_store_explicit(&shard->s.frees, atomic_load_explicit(&shard->s.frees, memory_order_relaxed) + 1,
                          memory_order_release);
    unlock_shard(shard);
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
    /* The shards summed, read without their locks: exact when no block is being allocated or freed meanwhile.
     * Frees are read first: a block allocated or freed between the two reads can only make the count of live
     * blocks larger, never negative. */
    uint64_t frees = 0, allocations = 0;
    int64_t live = 0;
    for (int i = 0; i < OCP_SHARDS; i++) {
        frees += atomic_load_explicit(&e->shards[i].s.frees, memory_order_acquire);
    }
    for (int i = 0; i < OCP_SHARDS; i++) {
        live += atomic_load_explicit(&e->shards[i].s.live, memory_order_relaxed);
        allocations += atomic_load_explicit(&e->shards[i].s.allocations, memory_order_acquire);
    }
    out->frees = frees;
    out->allocations = allocations;
    out->live_allocations = allocations - frees;
    out->live_bytes = live < 0 ? 0 : (uint64_t) live;
    out->peak_bytes = atomic_load_explicit(&e->peak_reserved, memory_order_relaxed);
    out->limit_bytes = e->limit;
    out->pressure = pressure(out->live_bytes, out->limit_bytes);
}
