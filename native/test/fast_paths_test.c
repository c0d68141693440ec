/*
 * The core's fast paths give the same results as the plain ones: strings kept as slices of the source serialize
 * to the same bytes as copied ones, the payload size the tree reports is exactly what the serializer writes, and
 * large blocks the allocator keeps for reuse leave the counters exactly as fresh blocks would (and hold their
 * contents across a growth). Run by make test, and under AddressSanitizer and valgrind by make asan / valgrind.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <pthread.h>

#include "char_classes.h"
#include "inline_check.h"
#include "payload_bytes.h"
#include "ocp_internal.h"

/* ---- strings: slices of the source and copies give the same payload ---- */

static const char SOURCE[] = "alpha beta\n  gamma &amp; delta\n";

typedef struct built {
    uint8_t *bytes;
    uint32_t size;
    uint64_t reported;
    int measured; /* the serializer measured the tree before writing it, rather than writing it in one walk */
} built;

/* A tree whose strings exercise every way an open string leaves or keeps its slice. */
static void build_strings(ocp_tree *t, const uint8_t *src) {
    int32_t doc = ocp_tree_new_node(t, OCP_KIND_DOCUMENT, 0, (int32_t) sizeof SOURCE - 1);
    int32_t para = ocp_tree_add(t, OCP_KIND_PARAGRAPH, doc, 0, 30);
    /* One piece, then pieces that continue each other: still one slice. */
    int32_t t1 = ocp_tree_add(t, OCP_KIND_TEXT, para, 0, 5);
    ocp_tree_set_string(t, t1, 0, ocp_tree_string(t, src, 0, 5));
    ocp_tree_begin_string(t);
    ocp_tree_append(t, src, 5, 3);
    ocp_tree_append(t, src, 8, 2);
    ocp_tree_append_byte(t, '\n'); /* the source's next byte: the slice grows */
    CHECK_EQ(6, ocp_tree_open_length(t), "a slice and a matching byte");
    int32_t s2 = ocp_tree_end_string(t);
    int32_t code = ocp_tree_add(t, OCP_KIND_CODE_BLOCK, doc, 5, 11);
    ocp_tree_set_string(t, code, 0, s2);
    /* A piece, a gap, another piece: copied from the gap on. */
    ocp_tree_begin_string(t);
    ocp_tree_append(t, src, 13, 5);
    ocp_tree_append(t, src, 19, 1);
    ocp_tree_append_byte(t, 'X'); /* not the source's next byte */
    ocp_tree_append_code_point(t, 0x263A);
    CHECK_EQ(10, ocp_tree_open_length(t), "pieces, a byte and a code point");
    int32_t t3 = ocp_tree_add(t, OCP_KIND_TEXT, para, 13, 20);
    ocp_tree_set_string(t, t3, 0, ocp_tree_end_string(t));
    /* A byte first, then source: a copy from the start. */
    ocp_tree_begin_string(t);
    ocp_tree_append_byte(t, '&');
    ocp_tree_append(t, src, 24, 7);
    int32_t t4 = ocp_tree_add(t, OCP_KIND_TEXT, para, 19, 30);
    ocp_tree_set_string(t, t4, 0, ocp_tree_end_string(t));
    /* Bytes from elsewhere than the source, and an empty string. */
    static const uint8_t OTHER[] = "elsewhere";
    int32_t link = ocp_tree_add(t, OCP_KIND_LINK, para, 20, 30);
    ocp_tree_set_string(t, link, 0, ocp_tree_string(t, OTHER, 0, 9));
    ocp_tree_set_string(t, link, 1, ocp_tree_string(t, src, 3, 0));
    /* The same slice string referenced twice: copied once per reference. */
    int32_t again = ocp_tree_add(t, OCP_KIND_CODE_BLOCK, doc, 30, 31);
    ocp_tree_set_string(t, again, 0, s2);
    CHECK_EQ(6, ocp_tree_string_length(t, s2), "slice length");
    CHECK_EQ('\n', ocp_tree_string_byte(t, s2, 5), "a slice's last byte");
}

/* Builds the tree and serializes it; with max_nodes fewer than the working tree's nodes, the node limit check
 * measures the document, and the serializer then writes into the exact size instead of a bound. */
static int serialize(ocp_engine *e, int with_source, int32_t max_nodes, built *out) {
    ocp_ctx ctx;
    ocp_tree t;
    memset(&ctx, 0, sizeof ctx);
    ctx.engine = e;
    uint8_t *src = exact_copy(SOURCE, sizeof SOURCE - 1);
    if (setjmp(ctx.on_failure) != 0) {
        ocp_ctx_release(&ctx);
        free(src);
        return ctx.status;
    }
    ocp_tree_init_for_source(&t, &ctx, max_nodes, (int32_t) sizeof SOURCE - 1);
    if (with_source) {
        ocp_tree_set_source(&t, src, (int32_t) sizeof SOURCE - 1);
    }
    build_strings(&t, src);
    ocp_tree_check_node_limit(&t);
    out->reported = ocp_tree_size_bound(&t);
    /* Exactly the reported size: under AddressSanitizer, a byte written past it is caught. */
    uint8_t *buffer = ocp_mem_alloc(&ctx, (size_t) out->reported);
    out->size = ocp_tree_serialize(&t, buffer, OCP_DIALECT_COMMONMARK, 0, (uint32_t) sizeof SOURCE - 1);
    out->bytes = exact_copy(buffer, out->size);
    out->measured = t.reachable >= 0;
    ocp_ctx_release(&ctx);
    free(src);
    return OCP_OK;
}

static void slices_serialize_like_copies(void) {
    ocp_engine *e = ocp_engine_create(0);
    built sliced, copied;
    CHECK_EQ(OCP_OK, serialize(e, 1, 1000, &sliced), "with the source");
    CHECK_EQ(OCP_OK, serialize(e, 0, 1000, &copied), "without it");
    CHECK_EQ(copied.size, sliced.size, "sizes");
    CHECK(memcmp(copied.bytes, sliced.bytes, copied.size) == 0, "the payloads differ");
    CHECK(!sliced.measured && !copied.measured, "a small tree is written in one walk, unmeasured");
    CHECK(sliced.reported > sliced.size, "one walk: the size reported is a bound, above the size written");
    /* The same tree measured first (its merged TEXT runs make the document smaller than the working tree, so
     * a limit of exactly the document's nodes makes the check walk it): the same bytes, into the exact size. */
    uint32_t document_nodes = (uint32_t) sliced.bytes[OCP_H_NODE_COUNT] | (uint32_t) sliced.bytes[OCP_H_NODE_COUNT + 1] << 8;
    built measured;
    CHECK_EQ(OCP_OK, serialize(e, 1, (int32_t) document_nodes, &measured), "measured");
    CHECK(measured.measured, "the node limit check measured the tree");
    CHECK_EQ(measured.reported, measured.size, "measured: the size reported is the size written");
    CHECK_EQ(sliced.size, measured.size, "sizes, one walk and measured");
    CHECK(measured.size == sliced.size && memcmp(measured.bytes, sliced.bytes, sliced.size) == 0, "one walk and measured wrote different bytes");
    free(measured.bytes);
    /* The three TEXT siblings merged into one: "alpha", "gamma" "&" "X" U+263A, "&" " delta\n" (the first string
     * of the pool, after its length). */
    static const char MERGED[] = "alphagamma&X\xe2\x98\xba& delta\n";
    uint32_t pool = (uint32_t) sliced.bytes[OCP_H_STRING_OFFSET] | (uint32_t) sliced.bytes[OCP_H_STRING_OFFSET + 1] << 8;
    CHECK_EQ(sizeof MERGED - 1, sliced.bytes[pool], "merged length");
    CHECK(pool + 4 + sizeof MERGED - 1 <= sliced.size && memcmp(sliced.bytes + pool + 4, MERGED, sizeof MERGED - 1) == 0,
          "merged text");
    free(sliced.bytes);
    free(copied.bytes);
    ocp_stats s;
    ocp_stats_get(e, &s);
    CHECK_EQ(0, s.live_bytes, "working memory freed");
    ocp_engine_destroy(e);
}

/* ---- the payload size of real parses is the exact size ---- */

static void parses_allocate_exactly_their_payload(void) {
#define INPUT(s) {s, sizeof s - 1}
    static const struct {
        const char *text;
        size_t length;
    } inputs[] = {
        INPUT("plain\n"),
        INPUT("# h\n\n*a* **b** `c` [d](/e \"f\") ![g](h)\n\n> q\n\n- 1\n- 2\n\n```\ncode\n```\n"),
        INPUT("[ref]: /url \"title\"\n\n[ref] [ref] [ref]\n"),
        INPUT("a\\*b &amp; &#65; \0 \r\nline\rline\n    indented\n\tcode\n<div>\nhtml\n</div>\n"),
    };
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        size_t n = inputs[i].length;
        uint8_t *src = exact_copy(inputs[i].text, n);
        ocp_result r;
        CHECK_EQ(OCP_OK, ocp_parse(e, src, n, &o, &r), "input %zu: %s", i, r.message);
        ocp_stats s;
        ocp_stats_get(e, &s);
        /* Only the payload is live, and its block is exactly its size (live bytes count what was asked for). */
        CHECK_EQ(1, s.live_allocations, "input %zu", i);
        CHECK_EQ(r.length, s.live_bytes, "input %zu", i);
        ocp_free(e, r.payload);
        free(src);
    }
    ocp_engine_destroy(e);
}

/* ---- short strings copied as one block stay inside the source and the payload ---- */

/* The input's bytes ending where the memory readable ends: on POSIX systems at the end of a page whose next page
 * is mapped unreadable, so a read past the input faults in any build (elsewhere an exact heap copy, which
 * AddressSanitizer guards). guarded_free releases it. */
#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>

static uint8_t *guarded_copy(const char *text, size_t n, size_t *mapped) {
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    size_t pages = (n + page - 1) / page + 1;
    uint8_t *map = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map + (pages - 1) * page, page, PROT_NONE) != 0) {
        fprintf(stderr, "no guarded mapping\n");
        exit(2);
    }
    *mapped = pages * page;
    uint8_t *src = map + (pages - 1) * page - n;
    memcpy(src, text, n);
    return src;
}

static void guarded_free(uint8_t *src, size_t n, size_t mapped) {
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    munmap(src + n - (mapped - page), mapped);
}
#else
static uint8_t *guarded_copy(const char *text, size_t n, size_t *mapped) {
    *mapped = n;
    return exact_copy(text, n);
}

static void guarded_free(uint8_t *src, size_t n, size_t mapped) {
    (void) n;
    (void) mapped;
    free(src);
}
#endif

/* Whether the pool string at byte offset at of the payload (its length's place) is expected. */
static int string_at_is(const ocp_result *r, uint64_t at, const char *expected) {
    uint32_t length = le32(r->payload + at, 0);
    return length == strlen(expected) && memcmp(r->payload + at + 4, expected, length) == 0;
}

/*
 * The serializer copies a string of up to 128 bytes as one block of 128 where the input and the payload both
 * have that many bytes from its start (tree.c, copy_string). Two inputs end a short string at the last byte of
 * each: a link destination at the input's very end, written early in the pool with the whole paragraph after it;
 * and a document over the 64 KiB written in one walk, so its payload is allocated at its exact size, whose pool
 * ends with a one-byte string. Each parses to the payload of the same input in an exact heap copy.
 */
static void short_strings_copied_whole_stay_inside_the_input_and_the_payload(void) {
    char *text = malloc(200000);
    if (text == NULL) {
        exit(2);
    }
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    for (int input = 0; input < 2; input++) {
        size_t n = 0;
        if (input == 0) {
            n += (size_t) sprintf(text, "[x]\n\n");
            for (int i = 0; i < 60; i++) {
                n += (size_t) sprintf(text + n, "word ");
            }
            n += (size_t) sprintf(text + n, "\n\n[x]: /u");
        } else {
            for (int i = 0; n < 150000; i++) {
                n += (size_t) sprintf(text + n, "paragraph %d\n\n", i);
            }
            n += (size_t) sprintf(text + n, "z");
        }
        size_t mapped;
        uint8_t *guarded = guarded_copy(text, n, &mapped);
        uint8_t *copy = exact_copy(text, n);
        ocp_result at_edge, in_copy;
        CHECK_EQ(OCP_OK, ocp_parse(e, guarded, n, &o, &at_edge), "input %d at the edge: %s", input, at_edge.message);
        CHECK_EQ(OCP_OK, ocp_parse(e, copy, n, &o, &in_copy), "input %d: %s", input, in_copy.message);
        CHECK(at_edge.length == in_copy.length && memcmp(at_edge.payload, in_copy.payload, in_copy.length) == 0,
              "input %d: the payloads differ", input);
        if (input == 0) {
            /* The first string of the pool is the link's destination. */
            CHECK(string_at_is(&at_edge, le32(at_edge.payload, OCP_H_STRING_OFFSET), "/u"),
                  "the destination at the input's end first in the pool");
        } else {
            CHECK(string_at_is(&at_edge, at_edge.length - 5, "z"), "the one-byte string last in the payload");
        }
        ocp_free(e, at_edge.payload);
        ocp_free(e, in_copy.payload);
        guarded_free(guarded, n, mapped);
        free(copy);
    }
    ocp_engine_destroy(e);
    free(text);
}

/* ---- large blocks kept for reuse ---- */

static ocp_stats stats(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s;
}

static void kept_blocks_count_like_fresh_ones(void) {
    ocp_engine *e = ocp_engine_create(0);
    size_t big = (size_t) 1 << 20;
    uint8_t *a = ocp_alloc(e, big);
    CHECK(a != NULL, "1 MiB");
    a[0] = 1;
    a[big - 1] = 2;
    ocp_dealloc(e, a);
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_bytes, "a kept block is not live");
    CHECK_EQ(0, s.live_allocations, "%s", "-");
    uint8_t *b = ocp_alloc(e, big - 100);
    CHECK(b == a, "a block of the size that was freed is handed out again");
    s = stats(e);
    CHECK_EQ(big - 100, s.live_bytes, "live bytes count the request, not the block's capacity");
    CHECK_EQ(2, s.allocations, "%s", "-");
    CHECK_EQ(1, s.frees, "%s", "-");
    /* Growing within the capacity stays in place and counts the growth. */
    b[0] = 7;
    b[big - 101] = 9;
    uint8_t *c = ocp_realloc(e, b, big);
    CHECK(c == b, "grown within its capacity");
    CHECK(c[0] == 7 && c[big - 101] == 9, "contents kept");
    CHECK_EQ(big, stats(e).live_bytes, "%s", "-");
    /* Growing past it moves the contents. */
    c[big - 1] = 5;
    uint8_t *d = ocp_realloc(e, c, 3 * big);
    CHECK(d != NULL && d[0] == 7 && d[big - 101] == 9 && d[big - 1] == 5, "contents moved");
    CHECK_EQ(3 * big, stats(e).live_bytes, "%s", "-");
    /* A small request does not take a block more than twice its size. */
    uint8_t *f = ocp_alloc(e, 100 << 10);
    CHECK(f != NULL && f != d, "%s", "-");
    ocp_dealloc(e, d);
    uint8_t *g = ocp_alloc(e, big);
    CHECK(g != d, "a 3 MiB block is not used for 1 MiB");
    ocp_dealloc(e, g);
    ocp_dealloc(e, f);
    s = stats(e);
    CHECK_EQ(0, s.live_bytes, "%s", "-");
    CHECK_EQ(0, s.live_allocations, "%s", "-");
    CHECK_EQ(s.allocations, s.frees, "%s", "-");
    ocp_engine_destroy(e); /* frees the kept blocks: valgrind and ASan see no leak */
}

static void a_small_limit_keeps_little(void) {
    /* A quarter of the limit at most stays idle: with a 1 MiB limit, no 1 MiB block is kept. */
    ocp_engine *e = ocp_engine_create((uint64_t) 1 << 20);
    uint8_t *a = ocp_alloc(e, 300 << 10);
    CHECK(a != NULL, "%s", "-");
    ocp_dealloc(e, a);
    uint8_t *b = ocp_alloc(e, 600 << 10);
    CHECK(b != NULL, "%s", "-");
    ocp_dealloc(e, b);
    uint8_t *c = ocp_alloc(e, 1 << 20);
    CHECK(c != NULL, "the whole limit is still available: idle blocks are not counted");
    ocp_dealloc(e, c);
    CHECK_EQ(0, stats(e).live_bytes, "%s", "-");
    ocp_engine_destroy(e);
}

typedef struct churn {
    ocp_engine *engine;
    int refused;
} churn;

static void *churn_large(void *arg) {
    churn *c = arg;
    for (int i = 0; i < 300; i++) {
        size_t size = ((size_t) 64 << 10) * (size_t) (1 + i % 7);
        uint8_t *p = ocp_alloc(c->engine, size);
        if (p == NULL) {
            c->refused++;
            continue;
        }
        p[0] = (uint8_t) i;
        p[size - 1] = (uint8_t) i;
        uint8_t *q = ocp_realloc(c->engine, p, size * 2);
        if (q == NULL) {
            ocp_dealloc(c->engine, p);
            continue;
        }
        if (q[0] != (uint8_t) i || q[size - 1] != (uint8_t) i) {
            c->refused = -1000000; /* contents lost: fails the check below */
        }
        ocp_dealloc(c->engine, q);
    }
    return NULL;
}

static void kept_blocks_are_shared_safely_between_threads(void) {
    ocp_engine *e = ocp_engine_create(0);
    pthread_t threads[4];
    churn work[4];
    for (int i = 0; i < 4; i++) {
        work[i].engine = e;
        work[i].refused = 0;
        CHECK(pthread_create(&threads[i], NULL, churn_large, &work[i]) == 0, "thread %d", i);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK_EQ(0, work[i].refused, "thread %d: refused or lost contents", i);
    }
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_bytes, "%s", "-");
    CHECK_EQ(0, s.live_allocations, "%s", "-");
    CHECK_EQ(s.allocations, s.frees, "%s", "-");
    ocp_engine_destroy(e);
}

/* ---- byte scans: the vector steps, the last vector that ends at the range's end, and the words all give what a
 * byte loop gives, for every range of a buffer and the byte sought at every place in it or nowhere ---- */

static void byte_scans_find_what_a_byte_loop_finds(void) {
    enum { LENGTH = 50 };
    uint8_t buf[LENGTH];
    int wrong = 0;
    for (int at = -1; at < LENGTH; at++) {
        for (int i = 0; i < LENGTH; i++) {
            buf[i] = (uint8_t) ('a' + i % 26);
        }
        if (at >= 0) {
            buf[at] = 0;
            /* A second one further on: a scan must stop at the first. */
            if (at + 7 < LENGTH) {
                buf[at + 7] = 0;
            }
        }
        for (int32_t from = 0; from <= LENGTH; from++) {
            for (int32_t to = from; to <= LENGTH; to++) {
                int32_t expected = from;
                while (expected < to && buf[expected] != 0) {
                    expected++;
                }
                if (ocp_cc_find_nul(buf, from, to) != expected || ocp_cc_find_byte(buf, from, to, 0) != expected) {
                    if (wrong++ < 5) {
                        fprintf(stderr, "byte scan of [%d, %d) with NUL at %d: not %d\n", from, to, at, expected);
                    }
                }
            }
        }
    }
    CHECK_EQ(0, wrong, "byte scans agree with a byte loop on every range");
}

int main(void) {
    byte_scans_find_what_a_byte_loop_finds();
    slices_serialize_like_copies();
    short_strings_copied_whole_stay_inside_the_input_and_the_payload();
    parses_allocate_exactly_their_payload();
    kept_blocks_count_like_fresh_ones();
    a_small_limit_keeps_little();
    kept_blocks_are_shared_safely_between_threads();
    if (check_failures != 0) {
        fprintf(stderr, "fast_paths_test: %d of %d checks failed\n", check_failures, check_count);
        return 1;
    }
    printf("fast_paths_test: %d checks passed\n", check_count);
    return 0;
}
