/*
 * The ABI's entry points: option and argument checks with Java's messages, the limits, the memory limit at
 * every point of a parse, exact payload blocks, NULL handling, version, struct layout, threads.
 */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "ocp_internal.h"

_Static_assert(sizeof(ocp_options) == 32, "ocp_options is 32 bytes");
_Static_assert(sizeof(ocp_result) == 280, "ocp_result is 280 bytes");
_Static_assert(sizeof(ocp_stats) == 56, "ocp_stats is 56 bytes");

static ocp_options defaults(void) {
    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    return o;
}

static const uint8_t *text(const char *s) {
    return (const uint8_t *) s;
}

static ocp_stats stats(const ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s;
}

static void expect_failure(ocp_engine *e, const char *src, uint64_t length, const ocp_options *o, int32_t status,
                           const char *message) {
    ocp_result r;
    memset(&r, 0x55, sizeof r);
    CHECK_EQ(status, ocp_parse(e, text(src), length, o, &r));
    CHECK_EQ(status, r.status);
    CHECK(r.payload == NULL);
    CHECK_EQ(0, r.length);
    CHECK_EQ(0, r.reserved);
    CHECK_STR(message, r.message);
    CHECK_EQ(0, stats(e).live_bytes);
    CHECK_EQ(0, stats(e).live_allocations);
}

static void version(void) {
    const char *v = ocp_version();
    CHECK(v != NULL && v[0] >= '0' && v[0] <= '9');
    int dots = 0;
    for (const char *p = v; *p != '\0'; p++) {
        dots += *p == '.';
        CHECK((*p >= '0' && *p <= '9') || *p == '.');
    }
    CHECK_EQ(2, dots);
    CHECK_EQ(0x00010006, ocp_format_version());
    CHECK_EQ(ocp_format_version(), ocp_format);
}

static void option_checks_speak_java(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = defaults();
    expect_failure(e, "a", 1, NULL, OCP_INVALID_INPUT, "options must not be NULL");

    o = defaults();
    o.max_input_bytes = 0;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxInputBytes must be in 1..4294967294, not 0");
    o.max_input_bytes = UINT64_C(0xFFFFFFFF);
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxInputBytes must be in 1..4294967294, not 4294967295");
    o.max_input_bytes = UINT64_MAX; /* Java's long -1 */
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxInputBytes must be in 1..4294967294, not -1");

    o = defaults();
    o.max_nesting_depth = 0;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxNestingDepth must be positive, not 0");
    o = defaults();
    o.max_nodes = 0x80000000u; /* Java's int overflowed */
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxNodes must be positive, not -2147483648");
    o = defaults();
    o.max_inline_nesting = UINT32_MAX;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "maxInlineNesting must be positive, not -1");

    o = defaults();
    o.dialect = 3;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "dialect must be 0 (COMMONMARK), 1 (GFM) or 2 (MDX), not 3");
    o.dialect = OCP_DIALECT_GFM;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT,
                   "dialect 1 (GFM) is CommonMark with the GFM extension: the dialect 1 and the extensions 0x0 disagree");
    o.extensions = OCP_EXTENSION_GFM;
    ocp_result gfm;
    CHECK_EQ(OCP_OK, ocp_parse(e, text("a ~~b~~"), 7, &o, &gfm));
    CHECK(gfm.payload != NULL);
    ocp_free(e, gfm.payload);
    o.extensions = OCP_EXTENSION_GFM | OCP_EXTENSION_MATH | OCP_EXTENSION_FRONTMATTER;
    CHECK_EQ(OCP_OK, ocp_parse(e, text("---\n---\n$a$"), 11, &o, &gfm));
    CHECK(gfm.payload != NULL);
    ocp_free(e, gfm.payload);
    o.dialect = OCP_DIALECT_MDX;
    o.extensions = 0;
    CHECK_EQ(OCP_OK, ocp_parse(e, text("<a>{b}</a>"), 10, &o, &gfm));
    CHECK(gfm.payload != NULL);
    ocp_free(e, gfm.payload);
    /* An MDX syntax error: OCP_SYNTAX, markdown-rs's words placed at LINE:COLUMN, nothing left allocated. */
    expect_failure(e, "a\n<b>c", 6, &o, OCP_SYNTAX,
                   "2:5: Expected a closing tag for `<b>` (2:1) before the end of `Paragraph` (ocp:end-tag-mismatch)");
    /* In a directive, the message names it as mdast does (markdown-rs, whose words these are, has no directives). */
    o.extensions = OCP_EXTENSION_DIRECTIVE;
    expect_failure(e, ":::n\n<A>\n:::\n", 13, &o, OCP_SYNTAX,
                   "2:4: Expected a closing tag for `<A>` (2:1) before the end of `ContainerDirective` "
                   "(ocp:end-tag-mismatch)");
    expect_failure(e, "::n[<b>c]\n", 10, &o, OCP_SYNTAX,
                   "1:9: Expected a closing tag for `<b>` (1:5) before the end of `LeafDirective` (ocp:end-tag-mismatch)");
    o.extensions = 0;
    expect_failure(e, "> <x\nb", 6, &o, OCP_SYNTAX, "2:1: Unexpected lazy line in jsx in container, expected line to be "
                   "prefixed with `>` when in a block quote, whitespace when in a list, etc (ocp:unexpected-lazy)");
    o.dialect = OCP_DIALECT_COMMONMARK;
    o.extensions = 128;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "extensions 0x80 has unknown bits");
    o.extensions = 0;
    o.flavor = 2;
    expect_failure(e, "a", 1, &o, OCP_INVALID_INPUT, "flavor 2 is unknown");

    /* Java checks the options before the input: an invalid option wins over a too long input. */
    o = defaults();
    o.max_input_bytes = 5;
    expect_failure(e, "abcdef", 6, &o, OCP_LIMIT_EXCEEDED, "input of 6 bytes exceeds maxInputBytes 5");
    o.max_nodes = 0;
    expect_failure(e, "abcdef", 6, &o, OCP_INVALID_INPUT, "maxNodes must be positive, not 0");
    o = defaults();
    o.max_input_bytes = 5;
    ocp_result r;
    CHECK_EQ(OCP_OK, ocp_parse(e, text("abcde"), 5, &o, &r)); /* exactly at the limit */
    ocp_free(e, r.payload);
    o.max_input_bytes = UINT64_C(0xFFFFFFFE);
    expect_failure(e, "", UINT64_C(0x80000000), &o, OCP_LIMIT_EXCEEDED,
                   "input of 2147483648 bytes exceeds the 2147483647 bytes the parser can index");
    ocp_engine_destroy(e);
}

static void argument_checks(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = defaults();
    ocp_result r;
    CHECK_EQ(OCP_INVALID_INPUT, ocp_parse(e, text("a"), 1, &o, NULL));
    CHECK_EQ(OCP_INVALID_INPUT, ocp_parse(NULL, text("a"), 1, &o, &r));
    CHECK_STR("engine must not be NULL", r.message);
    expect_failure(e, NULL, 5, &o, OCP_INVALID_INPUT, "src is NULL but length is 5");

    /* NULL with length 0 is the empty document. */
    CHECK_EQ(OCP_OK, ocp_parse(e, NULL, 0, &o, &r));
    CHECK_EQ(OCP_OK, r.status);
    CHECK_EQ(0, r.reserved);
    CHECK_STR("", r.message);
    CHECK_EQ(48 + 36, r.length);
    CHECK_EQ(r.length, le32(r.payload, OCP_H_TOTAL_SIZE));
    CHECK_EQ(0, le32(r.payload, OCP_H_SOURCE_LENGTH));
    CHECK_EQ(1, le32(r.payload, OCP_H_NODE_COUNT));
    CHECK_EQ(OCP_KIND_DOCUMENT, r.payload[le32(r.payload, OCP_H_NODE_OFFSET) + OCP_N_KIND]);
    ocp_free(e, r.payload);
    ocp_free(e, NULL);
    ocp_free(NULL, NULL);
    CHECK_EQ(0, stats(e).live_bytes);
    ocp_engine_destroy(e);
}

static void payload_is_one_exact_block(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = defaults();
    ocp_result r;
    const char *src = "hello\nworld\n\nsecond paragraph\n";
    CHECK_EQ(OCP_OK, ocp_parse(e, text(src), strlen(src), &o, &r));
    ocp_stats s = stats(e);
    CHECK_EQ(1, s.live_allocations);
    CHECK_EQ(r.length, s.live_bytes); /* working memory gone, the payload counted to the byte */
    CHECK(s.peak_bytes > s.live_bytes);
    CHECK_EQ(strlen(src), le32(r.payload, OCP_H_SOURCE_LENGTH));
    CHECK_EQ(OCP_DIALECT_COMMONMARK, r.payload[OCP_H_DIALECT]);
    /* The document node spans the whole input. */
    CHECK_EQ(strlen(src), le32(r.payload, 48 + OCP_N_SPAN_END));
    ocp_free(e, r.payload);
    s = stats(e);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(s.allocations, s.frees);
    ocp_engine_destroy(e);
}

static void node_limit(void) {
    ocp_engine *e = ocp_engine_create(0);
    ocp_options o = defaults();
    o.max_nodes = 2; /* DOCUMENT, PARAGRAPH, TEXT needs 3 */
    expect_failure(e, "a\n", 2, &o, OCP_LIMIT_EXCEEDED, "document has 3 nodes, more than maxNodes 2");
    o.max_nodes = 3;
    ocp_result r;
    CHECK_EQ(OCP_OK, ocp_parse(e, text("a\n"), 2, &o, &r));
    CHECK_EQ(3, le32(r.payload, OCP_H_NODE_COUNT));
    ocp_free(e, r.payload);
    ocp_engine_destroy(e);
}

/* Every memory limit from nothing to what the parse needs: each parse either succeeds or fails with
 * OUT_OF_MEMORY, the limit is never crossed, and a failure leaves nothing allocated. This crosses the limit
 * in the tree's initial arrays, in growth, and at the payload's allocation. */
static void memory_limit_at_every_point(void) {
    char src[4000];
    size_t n = 0;
    for (int i = 0; n < sizeof src - 20; i++) {
        n += (size_t) snprintf(src + n, sizeof src - n, "line %d\n%s", i, i % 7 == 6 ? "\n" : "");
    }
    ocp_options o = defaults();
    ocp_engine *probe = ocp_engine_create(0);
    ocp_result r;
    CHECK_EQ(OCP_OK, ocp_parse(probe, text(src), n, &o, &r));
    /* The peak counts the thread's credit as well as live bytes: what the parse needs is at most that, and is
     * found as the least limit that lets it through (a limit refuses only what live bytes could not fit). */
    uint64_t bound = stats(probe).peak_bytes;
    uint32_t size = (uint32_t) r.length;
    ocp_free(probe, r.payload);
    ocp_engine_destroy(probe);
    uint64_t low = size, high = bound;
    while (low < high) {
        uint64_t mid = low + (high - low) / 2;
        ocp_engine *e = ocp_engine_create(mid);
        int32_t status = ocp_parse(e, text(src), n, &o, &r);
        if (status == OCP_OK) {
            ocp_free(e, r.payload);
            high = mid;
        } else {
            low = mid + 1;
        }
        ocp_engine_destroy(e);
    }
    uint64_t needed = low;
    CHECK(needed > size && needed <= bound);

    int failures = 0, successes = 0, unclean = 0, crossed = 0, wrong = 0;
    for (uint64_t limit = 1; limit <= needed; limit = limit == needed ? needed + 1 : limit < 2000 ? limit + 97
                                                   : limit + 211 > needed ? needed : limit + 211) {
        ocp_engine *e = ocp_engine_create(limit);
        int32_t status = ocp_parse(e, text(src), n, &o, &r);
        ocp_stats s = stats(e);
        crossed += s.peak_bytes > limit;
        if (status == OCP_OK) {
            successes++;
            wrong += r.length != size;
            ocp_free(e, r.payload);
        } else {
            failures++;
            wrong += status != OCP_OUT_OF_MEMORY || strstr(r.message, "memory limit") == NULL;
        }
        s = stats(e);
        unclean += s.live_bytes != 0 || s.live_allocations != 0;
        ocp_engine_destroy(e);
    }
    CHECK(failures > 10);
    CHECK_EQ(1, successes); /* only the limit equal to the need, the last one tried */
    CHECK_EQ(0, unclean);
    CHECK_EQ(0, crossed);
    CHECK_EQ(0, wrong);

    /* Room for the working memory but not for the payload beside it. */
    ocp_engine *e = ocp_engine_create(needed - 1);
    CHECK_EQ(OCP_OUT_OF_MEMORY, ocp_parse(e, text(src), n, &o, &r));
    CHECK_EQ(0, stats(e).live_bytes);
    ocp_engine_destroy(e);
}

typedef struct parser_thread {
    ocp_engine *engine;
    int bad;
} parser_thread;

static void *parse_many(void *arg) {
    parser_thread *p = arg;
    ocp_options o = defaults();
    for (int i = 0; i < 300; i++) {
        char src[64];
        int n = snprintf(src, sizeof src, "thread text %d\n\nmore %d\n", i, i * i);
        ocp_result r;
        if (ocp_parse(p->engine, text(src), (uint64_t) n, &o, &r) != OCP_OK
            || le32(r.payload, OCP_H_SOURCE_LENGTH) != (uint32_t) n) {
            p->bad++;
            continue;
        }
        ocp_free(p->engine, r.payload);
    }
    return NULL;
}

static void one_engine_many_threads(void) {
    ocp_engine *e = ocp_engine_create(0);
    pthread_t threads[3];
    parser_thread work[3];
    for (int i = 0; i < 3; i++) {
        work[i] = (parser_thread){e, 0};
        CHECK(pthread_create(&threads[i], NULL, parse_many, &work[i]) == 0);
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(threads[i], NULL);
        CHECK_EQ(0, work[i].bad);
    }
    ocp_stats s = stats(e);
    CHECK_EQ(0, s.live_bytes);
    CHECK_EQ(0, s.live_allocations);
    CHECK_EQ(s.allocations, s.frees);
    ocp_engine_destroy(e);
}

void test_api(void) {
    version();
    option_checks_speak_java();
    argument_checks();
    payload_is_one_exact_block();
    node_limit();
    memory_limit_at_every_point();
    one_engine_many_threads();
}
