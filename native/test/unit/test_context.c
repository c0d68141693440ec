/* The parse context: working memory tracked and freed as a whole, failure by longjmp, ocp_grow. */
#include "check.h"
#include "ocp_internal.h"

typedef void (*body_fn)(ocp_ctx *ctx, void *arg);

/* Runs body under a setjmp like the ABI's entry points do; returns the context's status afterwards. The
 * context lives in the caller's frame so that it keeps its values across the longjmp. */
static int32_t run(ocp_ctx *ctx, ocp_engine *e, body_fn body, void *arg) {
    memset(ctx, 0, sizeof *ctx);
    ctx->engine = e;
    if (setjmp(ctx->on_failure) != 0) {
        ocp_ctx_release(ctx);
        return ctx->status;
    }
    body(ctx, arg);
    ocp_ctx_release(ctx);
    return OCP_OK;
}

static uint64_t live(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s.live_bytes;
}

static uint64_t live_blocks(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s.live_allocations;
}

static void allocate_and_check(ocp_ctx *ctx, void *arg) {
    (void) arg;
    /* Blocks over the slab's limit (2 KB) have an allocation each. */
    uint8_t *a = ocp_mem_alloc(ctx, 4000);
    uint8_t *b = ocp_mem_alloc(ctx, 3500);
    uint8_t *c = ocp_mem_alloc(ctx, 3100);
    int zero = 1;
    for (int i = 0; i < 4000; i++) {
        zero &= a[i] == 0;
    }
    CHECK(zero);
    CHECK(b[0] == 0 && b[3499] == 0);
    CHECK_EQ(3, live_blocks(ctx->engine));
    CHECK(live(ctx->engine) > 10600); /* the blocks plus their headers */
    /* Freeing from the middle, the head and the tail of the list keeps the rest freeable. */
    ocp_mem_free(ctx, b);
    CHECK_EQ(2, live_blocks(ctx->engine));
    memset(a, 9, 4000);
    a = ocp_mem_realloc(ctx, a, 8000);
    CHECK(a[0] == 9 && a[3999] == 9);
    ocp_mem_free(ctx, c);
    ocp_mem_free(ctx, NULL);
    (void) ocp_mem_alloc(ctx, 4007);
    (void) ocp_mem_realloc(ctx, NULL, 4009);
    CHECK_EQ(3, live_blocks(ctx->engine));
}

/* Small blocks are cut from one slab: one allocation for all of them, zeroed, apart, moved out when grown. */
static void small_blocks_share_a_slab(ocp_ctx *ctx, void *arg) {
    (void) arg;
    uint8_t *a = ocp_mem_alloc(ctx, 100);
    uint8_t *b = ocp_mem_alloc(ctx, 50);
    uint8_t *c = ocp_mem_alloc(ctx, 10);
    CHECK_EQ(1, live_blocks(ctx->engine));
    CHECK(a[0] == 0 && a[99] == 0 && b[0] == 0 && b[49] == 0 && c[9] == 0);
    CHECK(a + 100 <= b && b + 50 <= c);
    memset(a, 7, 100);
    memset(b, 8, 50);
    ocp_mem_free(ctx, b); /* stays in the slab until the context goes */
    CHECK_EQ(1, live_blocks(ctx->engine));
    a = ocp_mem_realloc(ctx, a, 600); /* still small: cut again from the slab, contents kept (the rest undefined) */
    CHECK(a[0] == 7 && a[99] == 7);
    memset(a + 100, 7, 500);
    CHECK_EQ(1, live_blocks(ctx->engine));
    a = ocp_mem_realloc(ctx, a, 5000); /* too large for the slab: a block of its own */
    CHECK(a[0] == 7 && a[99] == 7);
    CHECK_EQ(2, live_blocks(ctx->engine));
    /* When the slab is full, small blocks get allocations of their own. */
    for (int i = 0; i < 40; i++) {
        uint8_t *d = ocp_mem_alloc(ctx, 2000);
        CHECK(d[0] == 0 && d[1999] == 0);
        memset(d, 1, 2000);
    }
    CHECK(live_blocks(ctx->engine) > 30);
}

/* Runs body to its end, then checks that releasing the context gave back every block, slab and list alike. */
static void release_frees_everything_of(body_fn body) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    CHECK_EQ(OCP_OK, run(&ctx, e, body, NULL));
    CHECK_EQ(0, live(e));
    CHECK_EQ(0, live_blocks(e));
    CHECK(ctx.blocks == NULL);
    CHECK(ctx.slab == NULL);
    ocp_engine_destroy(e);
}

static void allocate_then_fail(ocp_ctx *ctx, void *arg) {
    (void) arg;
    for (int i = 0; i < 10; i++) {
        (void) ocp_mem_alloc(ctx, (size_t) (i + 1) * 33);
    }
    ocp_fail(ctx, OCP_LIMIT_EXCEEDED, "document has more than maxNodes %d nodes", 17);
}

static void failure_jumps_back_and_frees(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    CHECK_EQ(OCP_LIMIT_EXCEEDED, run(&ctx, e, allocate_then_fail, NULL));
    CHECK_STR("document has more than maxNodes 17 nodes", ctx.message);
    CHECK_EQ(0, live(e));
    CHECK_EQ(0, live_blocks(e));
    ocp_engine_destroy(e);
}

static void long_message(ocp_ctx *ctx, void *arg) {
    (void) arg;
    ocp_fail(ctx, OCP_INTERNAL, "%0400d", 5);
}

static void long_messages_are_cut_and_terminated(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    CHECK_EQ(OCP_INTERNAL, run(&ctx, e, long_message, NULL));
    CHECK_EQ(OCP_MESSAGE_CAPACITY - 1, strlen(ctx.message));
    CHECK(ctx.message[0] == '0');
    ocp_engine_destroy(e);
}

static void allocate_a_lot(ocp_ctx *ctx, void *arg) {
    (void) arg;
    (void) ocp_mem_alloc(ctx, 100);
    (void) ocp_mem_alloc(ctx, 100);
    (void) ocp_mem_alloc(ctx, 1000); /* over the limit */
    CHECK(0); /* not reached */
}

static void grow_beyond_the_limit(ocp_ctx *ctx, void *arg) {
    (void) arg;
    void *array = ocp_mem_alloc(ctx, 100);
    int32_t capacity = 100;
    ocp_grow(ctx, &array, &capacity, 10000, 1);
    CHECK(0); /* not reached */
}

static void the_memory_limit_fails_the_parse_cleanly(void) {
    ocp_engine *e = ocp_engine_create(600);
    ocp_ctx ctx;
    CHECK_EQ(OCP_OUT_OF_MEMORY, run(&ctx, e, allocate_a_lot, NULL));
    CHECK(strstr(ctx.message, "over its memory limit of 600") != NULL);
    CHECK_EQ(0, live(e));
    CHECK_EQ(OCP_OUT_OF_MEMORY, run(&ctx, e, grow_beyond_the_limit, NULL));
    CHECK(strstr(ctx.message, "memory limit") != NULL);
    CHECK_EQ(0, live(e));
    CHECK_EQ(0, live_blocks(e));
    ocp_engine_destroy(e);
}

static void grow_as_copy_of(ocp_ctx *ctx, void *arg) {
    (void) arg;
    const uint8_t *zeroed = ocp_mem_alloc(ctx, 300);
    int zero = 1;
    for (int i = 0; i < 300; i++) {
        zero &= zeroed[i] == 0;
    }
    CHECK(zero);
    void *array = NULL;
    int32_t capacity = 0;
    ocp_grow(ctx, &array, &capacity, 5, sizeof(int32_t));
    CHECK_EQ(5, capacity); /* from nothing: exactly what is needed */
    int32_t *ints = array;
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(0, ints[i]);
        ints[i] = i + 1;
    }
    ocp_grow(ctx, &array, &capacity, 5, sizeof(int32_t)); /* enough already: nothing moves */
    CHECK(array == ints);
    CHECK_EQ(5, capacity);
    ocp_grow(ctx, &array, &capacity, 6, sizeof(int32_t)); /* at least doubling */
    CHECK_EQ(10, capacity);
    ints = array;
    CHECK(ints[0] == 1 && ints[4] == 5);
    CHECK(ints[5] == 0 && ints[9] == 0);
    ocp_grow(ctx, &array, &capacity, 35, sizeof(int32_t)); /* more than double: what is needed */
    CHECK_EQ(35, capacity);
    ints = array;
    CHECK(ints[4] == 5 && ints[34] == 0);
    ocp_grow(ctx, &array, &capacity, (int64_t) INT32_MAX + 1, 1);
    CHECK(0); /* not reached */
}

/* Fills a whole slab with 0xA5 (raw blocks are not zeroed). Released, the slab becomes the engine's idle
 * slab-sized block (alloc.c), and the next context on the engine cuts its blocks from that dirty memory. */
static void dirty_a_slab(ocp_ctx *ctx, void *arg) {
    (void) arg;
    while (live_blocks(ctx->engine) < 2) {
        uint8_t *b = ocp_mem_alloc_raw(ctx, 1000);
        memset(b, 0xA5, 1000);
    }
}

/* The premise of the zero checks: the context after dirty_a_slab gets the dirty memory back, unzeroed. */
static void raw_blocks_are_not_zeroed(ocp_ctx *ctx, void *arg) {
    (void) arg;
    const uint8_t *raw = ocp_mem_alloc_raw(ctx, 100);
    CHECK(raw[0] == 0xA5 && raw[99] == 0xA5);
}

static void grow_doubles_and_zeroes(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_ctx ctx;
    /* The zeroes checked below are then written by ocp_mem_alloc and ocp_grow, not found in fresh memory. */
    CHECK_EQ(OCP_OK, run(&ctx, e, dirty_a_slab, NULL));
    CHECK_EQ(OCP_OK, run(&ctx, e, raw_blocks_are_not_zeroed, NULL));
    CHECK_EQ(OCP_LIMIT_EXCEEDED, run(&ctx, e, grow_as_copy_of, NULL));
    CHECK(strstr(ctx.message, "2147483648 elements") != NULL);
    CHECK_EQ(0, live(e));
    ocp_engine_destroy(e);
}

void test_context(void) {
    release_frees_everything_of(allocate_and_check);
    release_frees_everything_of(small_blocks_share_a_slab);
    failure_jumps_back_and_frees();
    long_messages_are_cut_and_terminated();
    the_memory_limit_fails_the_parse_cleanly();
    grow_doubles_and_zeroes();
}
