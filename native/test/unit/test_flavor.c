/*
 * ocp_options.flavor reaches the inline parser: the same autolink literal read with each flavor, where cmark-gfm's
 * reading and micromark's part ways (InlineParser.micromarkLiteral), and where they agree. The fixtures' byte diff
 * covers the reading itself; this checks that the option is not lost on the way.
 */
#include "check.h"
#include "ocp_format.h"
#include "ocp_internal.h"

typedef struct span {
    int64_t from, to; /* of the first LINK node, -1 if there is none */
} span;

/* Parses src as GFM with a flavor and gives the source span of its first link. */
static span first_link(ocp_engine *e, const char *src, uint32_t flavor) {
    ocp_options o = {OCP_DIALECT_GFM, 10000, 50000000, 1000, UINT64_C(256) << 20, OCP_EXTENSION_GFM, flavor};
    ocp_result r;
    span s = {-1, -1};
    CHECK_EQ(OCP_OK, ocp_parse(e, (const uint8_t *) src, strlen(src), &o, &r));
    if (r.status != OCP_OK) {
        return s;
    }
    uint32_t nodes = le32(r.payload, OCP_H_NODE_OFFSET);
    for (uint32_t i = 0; i < le32(r.payload, OCP_H_NODE_COUNT); i++) {
        uint32_t at = nodes + i * OCP_NODE_RECORD_SIZE;
        if (r.payload[at + OCP_N_KIND] == OCP_KIND_LINK) {
            s.from = le32(r.payload, at + OCP_N_SPAN_START);
            s.to = le32(r.payload, at + OCP_N_SPAN_END);
            break;
        }
    }
    ocp_free(e, r.payload);
    return s;
}

static void expect(ocp_engine *e, const char *src, int64_t reference_from, int64_t reference_to,
                   int64_t micromark_from, int64_t micromark_to) {
    span a = first_link(e, src, OCP_FLAVOR_REFERENCE);
    span b = first_link(e, src, OCP_FLAVOR_MICROMARK);
    CHECK_EQ(reference_from, a.from);
    CHECK_EQ(reference_to, a.to);
    CHECK_EQ(micromark_from, b.from);
    CHECK_EQ(micromark_to, b.to);
    if (a.from != reference_from || a.to != reference_to || b.from != micromark_from || b.to != micromark_to) {
        fprintf(stderr, "    in \"%s\"\n", src);
    }
}

void test_flavor(void) {
    ocp_engine *e = ocp_engine_create(0);
    /* cmark-gfm keeps a trailing ], micromark leaves it out. */
    expect(e, "www.a.b]", 0, 8, 0, 7);
    expect(e, "http://a.b/c]", 0, 13, 0, 12);
    /* micromark's www is in any case, and may follow a ]. */
    expect(e, "Www.b.c", -1, -1, 0, 7);
    expect(e, "x]www.a.com", -1, -1, 2, 11);
    /* A _ run may start micromark's e-mail address; cmark-gfm's local part starts after it. */
    expect(e, "_a@b.c", 1, 6, 0, 6);
    /* No ftp:// for micromark. */
    expect(e, "ftp://a.b", 0, 9, -1, -1);
    /* Where they agree. */
    expect(e, "see www.a.b.", 4, 11, 4, 11);
    ocp_stats s;
    ocp_stats_get(e, &s);
    CHECK_EQ(0, s.live_allocations);
    ocp_engine_destroy(e);
}
