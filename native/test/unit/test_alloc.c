/* The tracked allocator: exact counters, the limit enforced before allocating, pressure levels, threads. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "ocp_internal.h"

static ocp_stats stats(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s;
}

/* peak_bytes counts the credit a thread holds as well as live bytes: on one thread, at most this much above. */
static uint64_t credit_slack(uint64_t limit) {
    return ocp_credit_chunk(limit) * OCP_CREDIT_KEPT_CHUNKS;
}

#define CHECK_PEAK(live_peak, limit, s)                                                                          \
    do {                                                                                                           \
        CHECK((s).peak_bytes >= (uint64_t) (live_peak));                                                           \
        CHECK((s).peak_bytes <= (uint64_t) (live_peak) + credit_slack(limit));                                     \
    } while (0)

static void counters_follow_every_block(void) {
    ocp_engine *e = ocp_engine_create(1000);
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(1000, s.limit_bytes);
    CHECK_EQ(0, s.reserved);

    void *a = ocp_alloc(e, 100);
    void *b = ocp_alloc(e, 200);
    CHECK(a != NULL && b != NULL);
    s = stats(e);
    CHECK_EQ(2, s.live_allocations);
    CHECK_EQ(300, s.live_bytes);
    CHECK_PEAK(300, 1000, s);
    CHECK_EQ(2, s.allocations);
    CHECK_EQ(0, s.frees);

    ocp_dealloc(e, a);
    s = stats(e);
    CHECK_EQ(1, s.live_allocations);
    CHECK_EQ(200, s.live_bytes);
    CHECK_PEAK(300, 1000, s);
    CHECK_EQ(1, s.frees);

    memset(b, 7, 200);
    uint8_t *grown = ocp_realloc(e, b, 500);
    CHECK(grown != NULL);
    s = stats(e);
    CHECK_EQ(500, s.live_bytes);
    CHECK_PEAK(500, 1000, s);
    CHECK_EQ(1, s.live_allocations);
    CHECK_EQ(2, s.allocations); /* a realloc is not a new block */
    CHECK(grown[0] == 7 && grown[199] == 7);

    uint8_t *shrunk = ocp_realloc(e, grown, 50);
    CHECK(shrunk != NULL && shrunk[49] == 7);
    CHECK_EQ(50, stats(e).live_bytes);

    ocp_dealloc(e, shrunk);
    ocp_dealloc(e, NULL);
    s = stats(e);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(2, s.frees);
    CHECK_PEAK(500, 1000, s);
    ocp_engine_destroy(e);
}

static void limit_is_enforced_before_allocating(void) {
    ocp_engine *e = ocp_engine_create(1000);
    void *a = ocp_alloc(e, 600);
    CHECK(a != NULL);
    CHECK(ocp_alloc(e, 401) == NULL);
    ocp_stats s = stats(e);
    CHECK_EQ(600, s.live_bytes);
    CHECK_PEAK(600, 1000, s); /* a refused block never shows, not even in the peak */
    CHECK_EQ(1, s.allocations);
    void *b = ocp_alloc(e, 400); /* exactly at the limit is allowed */
    CHECK(b != NULL);
    CHECK_EQ(1000, stats(e).live_bytes);
    CHECK(ocp_alloc(e, 1) == NULL);

    /* A refused growth leaves the block and the counters as they were. */
    ocp_dealloc(e, b);
    uint8_t *p = a;
    p[0] = 42;
    p[599] = 43;
    CHECK(ocp_realloc(e, a, 1001) == NULL);
    CHECK_EQ(600, stats(e).live_bytes);
    CHECK(p[0] == 42 && p[599] == 43);
    CHECK(ocp_alloc(e, SIZE_MAX) == NULL);
    CHECK(ocp_alloc(e, SIZE_MAX - 8) == NULL);
    ocp_dealloc(e, a);
    CHECK_EQ(0, stats(e).live_bytes);
    ocp_engine_destroy(e);
}

static void null_handles(void) {
    ocp_stats s;
    memset(&s, 0x55, sizeof s);
    ocp_stats_get(NULL, &s); /* all zero: no engine, nothing counted */
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(0, s.limit_bytes);
    CHECK_EQ(0, s.reserved);
    ocp_stats_get(NULL, NULL);
    ocp_engine_destroy(NULL);
}

static void no_limit_when_zero(void) {
    ocp_engine *e = ocp_engine_create(0);
    void *big = ocp_alloc(e, 1 << 20);
    CHECK(big != NULL);
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.limit_bytes);
    CHECK_EQ(0, s.pressure);
    CHECK_EQ(1 << 20, s.live_bytes);
    ocp_dealloc(e, big);
    ocp_engine_destroy(e);
}

static uint32_t pressure_at(uint64_t limit, size_t live) {
    ocp_engine *e = ocp_engine_create(limit);
    void *p = live == 0 ? NULL : ocp_alloc(e, live);
    uint32_t level = stats(e).pressure;
    ocp_dealloc(e, p);
    ocp_engine_destroy(e);
    return level;
}

static void pressure_levels_as_in_java(void) {
    CHECK_EQ(0, pressure_at(1000, 0));
    CHECK_EQ(0, pressure_at(1000, 499));
    CHECK_EQ(1, pressure_at(1000, 500));
    CHECK_EQ(1, pressure_at(1000, 749));
    CHECK_EQ(2, pressure_at(1000, 750));
    CHECK_EQ(2, pressure_at(1000, 899));
    CHECK_EQ(3, pressure_at(1000, 900));
    CHECK_EQ(3, pressure_at(1000, 1000));
    /* Thresholds are ceilings of the fractions: 50% of 7 is 3.5, so 3 is LOW and 4 MEDIUM. */
    CHECK_EQ(0, pressure_at(7, 3));
    CHECK_EQ(1, pressure_at(7, 4));
    CHECK_EQ(2, pressure_at(7, 6)); /* 75% of 7 = 5.25 */
    CHECK_EQ(3, pressure_at(7, 7)); /* 90% of 7 = 6.3 */
    /* Near the top of the range nothing overflows. */
    CHECK_EQ(0, pressure_at(UINT64_MAX, 1000));
}

typedef struct churn {
    ocp_engine *engine;
    int refused;
} churn;

static void *churn_thread(void *arg) {
    churn *c = arg;
    for (int i = 0; i < 20000; i++) {
        size_t size = (size_t) (16 + (i * 7919) % 600);
        void *p = ocp_alloc(c->engine, size);
        if (p == NULL) {
            c->refused++;
            continue;
        }
        void *q = ocp_realloc(c->engine, p, size * 2);
        if (q != NULL) {
            p = q;
        }
        ocp_dealloc(c->engine, p);
    }
    return NULL;
}

static void counters_are_exact_across_threads(void) {
    /* A limit small enough that the threads compete for it: the peak must never pass it. */
    ocp_engine *e = ocp_engine_create(2000);
    pthread_t threads[4];
    churn work[4];
    for (int i = 0; i < 4; i++) {
        work[i] = (churn){e, 0};
        CHECK(pthread_create(&threads[i], NULL, churn_thread, &work[i]) == 0);
    }
    uint64_t refused = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        refused += (uint64_t) work[i].refused;
    }
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(s.allocations, s.frees);
    CHECK_EQ(4 * 20000 - refused, s.allocations);
    CHECK(s.peak_bytes <= 2000);
    ocp_engine_destroy(e);
}

typedef struct holder {
    ocp_engine *engine;
    size_t size;
    void *block;
    int free_it;
} holder;

static void *hold_thread(void *arg) {
    holder *h = arg;
    h->block = ocp_alloc(h->engine, h->size);
    if (h->free_it) {
        ocp_dealloc(h->engine, h->block);
    }
    return NULL;
}

static void run_holder(holder *h) {
    pthread_t t;
    CHECK(pthread_create(&t, NULL, hold_thread, h) == 0);
    pthread_join(t, NULL);
}

/* Each thread counts in a shard of its own, with credit it took from the limit: a block freed by another thread
 * than the one that allocated it still leaves the counters exact, and credit a thread holds unused never refuses
 * what live bytes leave room for. */
static void shards_keep_the_counters_and_the_limit_exact(void) {
    uint64_t limit = 6400; /* a chunk of 100 bytes */
    ocp_engine *e = ocp_engine_create(limit);
    holder kept = {e, 300, NULL, 0};
    run_holder(&kept);
    CHECK(kept.block != NULL);
    CHECK_EQ(300, stats(e).live_bytes);
    ocp_dealloc(e, kept.block); /* freed on this thread, allocated on the other */
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(1, s.frees);

    holder churned = {e, 300, NULL, 1};
    run_holder(&churned); /* leaves its thread's shard holding credit */
    void *all = ocp_alloc(e, (size_t) limit);
    CHECK(all != NULL); /* the whole limit: the other shards' credit given back first */
    CHECK_EQ(limit, stats(e).live_bytes);
    CHECK(ocp_alloc(e, 1) == NULL);
    ocp_dealloc(e, all);
    s = stats(e);
    CHECK_EQ(0, s.live_bytes);
    CHECK(s.peak_bytes <= limit);
    ocp_engine_destroy(e);
}

/* A freed block of the slab's size is kept for the next one (idle: not live), one at a time, and only where the
 * idle limit leaves room for it. Under valgrind and AddressSanitizer, where malloc never hands a freed block
 * straight back, the addresses show which block was reused. */
static void one_slab_sized_block_is_kept_idle(void) {
    ocp_engine *e = ocp_engine_create(0);
    uint8_t *a = ocp_alloc(e, OCP_SLAB_BYTES);
    uint8_t *b = ocp_alloc(e, OCP_SLAB_BYTES);
    CHECK(a != NULL && b != NULL);
    a[OCP_SLAB_BYTES - 1] = 42;
    ocp_dealloc(e, a);
    ocp_dealloc(e, b); /* the slot is taken: back to the system */
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(0, s.live_allocations);
    uint8_t *c = ocp_alloc(e, OCP_SLAB_BYTES);
    CHECK(c == a && c[OCP_SLAB_BYTES - 1] == 42);
    CHECK_EQ(OCP_SLAB_BYTES, stats(e).live_bytes);
    CHECK_EQ(3, stats(e).allocations);
    ocp_dealloc(e, c);
    ocp_engine_destroy(e); /* frees the idle block: a leak would show under valgrind and LeakSanitizer */

    /* A limit of 30 KB leaves a quarter, 7.5 KB, for idle blocks: none is kept, and the limit still holds. */
    e = ocp_engine_create(30000);
    for (int i = 0; i < 3; i++) {
        a = ocp_alloc(e, OCP_SLAB_BYTES);
        CHECK(a != NULL);
        ocp_dealloc(e, a);
        CHECK_EQ(0, stats(e).live_bytes);
    }
    ocp_engine_destroy(e);
}

void test_alloc(void) {
    one_slab_sized_block_is_kept_idle();
    counters_follow_every_block();
    limit_is_enforced_before_allocating();
    null_handles();
    no_limit_when_zero();
    pressure_levels_as_in_java();
    counters_are_exact_across_threads();
    shards_keep_the_counters_and_the_limit_exact();
}
