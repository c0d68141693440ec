/* Arenas: one tracked region, 8-byte aligned bump allocation, O(1) reset, OUT_OF_MEMORY when full with
 * nothing changed, payloads identical to ocp_parse's. */
#include "check.h"
#include "ocp_internal.h"

static ocp_options defaults(void) {
    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    return o;
}

static ocp_stats stats(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s;
}

static int32_t parse(ocp_arena *a, const char *src, ocp_result *r) {
    ocp_options o = defaults();
    return ocp_arena_parse(a, (const uint8_t *) src, strlen(src), &o, r);
}

static void creation(void) {
    ocp_engine *e = ocp_engine_create(10000);
    ocp_arena *a = (ocp_arena *) e; /* any non-NULL value: creation must overwrite it */
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_create(e, 0, &a));
    CHECK(a == NULL);
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_create(NULL, 100, &a));
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_create(e, 100, NULL));
    CHECK_EQ(OCP_OUT_OF_MEMORY, ocp_arena_create(e, 10001, &a));
    CHECK(a == NULL);
    CHECK_EQ(0, stats(e).live_bytes);
    CHECK_EQ(OCP_OK, ocp_arena_create(e, 4096, &a));
    ocp_stats s = stats(e);
    CHECK_EQ(1, s.live_allocations);
    CHECK_EQ(4096, s.live_bytes); /* the region is one block of exactly the capacity */
    CHECK_EQ(0, ocp_arena_used(a));
    ocp_arena_destroy(a);
    ocp_arena_destroy(NULL);
    CHECK_EQ(0, stats(e).live_bytes);
    CHECK_EQ(0, stats(e).live_allocations);
    CHECK_EQ(0, ocp_arena_used(NULL));
    ocp_engine_destroy(e);
}

static void bump_and_reset(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_arena *a;
    CHECK_EQ(OCP_OK, ocp_arena_create(e, 4096, &a));
    ocp_options o = defaults();
    ocp_result plain, r1, r2;
    const char *one = "first\n";
    const char *two = "second paragraph\nof two lines\n";
    CHECK_EQ(OCP_OK, ocp_parse(e, (const uint8_t *) one, strlen(one), &o, &plain));

    CHECK_EQ(OCP_OK, parse(a, one, &r1));
    CHECK_EQ(plain.length, r1.length);
    CHECK(memcmp(plain.payload, r1.payload, plain.length) == 0);
    uint64_t used1 = ocp_arena_used(a);
    CHECK_EQ((r1.length + 7) / 8 * 8, used1);

    CHECK_EQ(OCP_OK, parse(a, two, &r2));
    CHECK(r2.payload == r1.payload + used1);
    CHECK_EQ(0, ((uintptr_t) r2.payload - (uintptr_t) r1.payload) % 8);
    CHECK_EQ(used1 + (r2.length + 7) / 8 * 8, ocp_arena_used(a));
    CHECK(memcmp(plain.payload, r1.payload, plain.length) == 0); /* the first payload is untouched */

    /* Arena parses allocate nothing that outlives them: the region and the plain payload only. */
    ocp_stats s = stats(e);
    CHECK_EQ(2, s.live_allocations);
    CHECK_EQ(4096 + plain.length, s.live_bytes);

    ocp_arena_reset(a);
    CHECK_EQ(0, ocp_arena_used(a));
    ocp_result r3;
    CHECK_EQ(OCP_OK, parse(a, two, &r3));
    CHECK(r3.payload == r1.payload); /* reused from the start */
    CHECK_EQ(r2.length, r3.length);

    ocp_free(e, plain.payload);
    ocp_arena_destroy(a);
    CHECK_EQ(0, stats(e).live_bytes);
    ocp_engine_destroy(e);
}

static void full_changes_nothing(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = defaults();
    ocp_result plain;
    const char *src = "a\n";
    CHECK_EQ(OCP_OK, ocp_parse(e, (const uint8_t *) src, 2, &o, &plain));
    uint64_t size = plain.length;
    ocp_free(e, plain.payload);

    /* Exactly room for one payload (rounded to 8), less than the size bound: serialized aside, copied in. */
    ocp_arena *a;
    uint64_t capacity = (size + 7) / 8 * 8;
    CHECK_EQ(OCP_OK, ocp_arena_create(e, capacity, &a));
    ocp_result r, full;
    CHECK_EQ(OCP_OK, parse(a, src, &r));
    CHECK_EQ(size, r.length);
    CHECK_EQ(capacity, ocp_arena_used(a));
    uint8_t before[512];
    memcpy(before, r.payload, size);

    CHECK_EQ(OCP_OUT_OF_MEMORY, parse(a, src, &full));
    CHECK(full.payload == NULL);
    char expected[200];
    snprintf(expected, sizeof expected,
             "arena full: %" PRIu64 " more bytes would exceed its capacity of %" PRIu64
             "; reset it or make a larger one", size, capacity);
    CHECK_STR(expected, full.message);
    CHECK_EQ(capacity, ocp_arena_used(a));
    CHECK(memcmp(before, r.payload, size) == 0);
    CHECK_EQ(1, stats(e).live_allocations); /* the failed parse's working memory is gone */

    ocp_arena_reset(a);
    CHECK_EQ(OCP_OK, parse(a, src, &r));
    ocp_arena_destroy(a);

    /* One byte short of a payload: full at once, still nothing changed. */
    CHECK_EQ(OCP_OK, ocp_arena_create(e, size - 1, &a));
    CHECK_EQ(OCP_OUT_OF_MEMORY, parse(a, src, &full));
    CHECK_EQ(0, ocp_arena_used(a));
    /* A capacity that is not a multiple of 8: the last payload fills it, used stops at the capacity. */
    ocp_arena_destroy(a);
    CHECK_EQ(OCP_OK, ocp_arena_create(e, size + 3, &a));
    CHECK_EQ(OCP_OK, parse(a, src, &r));
    CHECK_EQ(size + 3 < (size + 7) / 8 * 8 ? size + 3 : (size + 7) / 8 * 8, ocp_arena_used(a));
    ocp_arena_destroy(a);
    CHECK_EQ(0, stats(e).live_bytes);
    ocp_engine_destroy(e);
}

static void failures_leave_the_arena_alone(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_arena *a;
    CHECK_EQ(OCP_OK, ocp_arena_create(e, 1024, &a));
    ocp_result r;
    CHECK_EQ(OCP_OK, parse(a, "x\n", &r));
    uint64_t used = ocp_arena_used(a);
    ocp_options o = defaults();
    o.max_nodes = 2;
    CHECK_EQ(OCP_LIMIT_EXCEEDED, ocp_arena_parse(a, (const uint8_t *) "a\n", 2, &o, &r));
    CHECK_STR("document has 3 nodes, more than maxNodes 2", r.message);
    o = defaults();
    o.dialect = OCP_DIALECT_MDX;
    CHECK_EQ(OCP_SYNTAX, ocp_arena_parse(a, (const uint8_t *) "<a>\n", 4, &o, &r));
    CHECK_STR("2:1: Expected a closing tag for `<a>` (1:1) (ocp:end-tag-mismatch)", r.message);
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_parse(a, NULL, 2, &o, &r));
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_parse(NULL, NULL, 0, &o, &r));
    CHECK_STR("arena must not be NULL", r.message);
    CHECK_EQ(OCP_INVALID_INPUT, ocp_arena_parse(a, NULL, 0, &o, NULL));
    CHECK_EQ(used, ocp_arena_used(a));
    CHECK_EQ(1, stats(e).live_allocations);
    ocp_arena_destroy(a);
    ocp_engine_destroy(e);
}

void test_arena(void) {
    creation();
    bump_and_reset();
    full_changes_nothing();
    failures_leave_the_arena_alone();
}
