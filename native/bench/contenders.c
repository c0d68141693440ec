/*
 * The contenders, each as its users call it for a parse from a buffer already in memory, with the options that
 * make it parse plain CommonMark.
 */
#include <stdlib.h>

#include "contenders.h"
#include "ocp.h"

#ifdef OCP_BENCH_CMARK
#include <cmark.h>
#endif
#ifdef OCP_BENCH_MD4C
#include <md4c.h>
#endif

/* ---- ocp-c: the whole payload, as the ffm and jna engines receive it, then freed ---- */

static void *ocp_open(void) {
    return ocp_engine_create(0);
}

static int ocp_run(void *state, const uint8_t *src, size_t length) {
    /* dev.ocp.ParseOptions.defaults(): COMMONMARK and the default limits. */
    static const ocp_options defaults = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    ocp_result r;
    if (ocp_parse(state, src, length, &defaults, &r) != OCP_OK) {
        return 0;
    }
    ocp_free(state, r.payload);
    return 1;
}

static void ocp_close(void *state) {
    ocp_engine_destroy(state);
}

#ifdef OCP_BENCH_CMARK
/* ---- cmark: its node tree, then freed ---- */

static void *cmark_open(void) {
    static int none;
    return &none;
}

static int cmark_run(void *state, const uint8_t *src, size_t length) {
    (void) state;
    cmark_node *doc = cmark_parse_document((const char *) src, length, CMARK_OPT_DEFAULT);
    if (doc == NULL) {
        return 0;
    }
    cmark_node_free(doc);
    return 1;
}

static void cmark_close(void *state) {
    (void) state;
}
#endif

#ifdef OCP_BENCH_MD4C
/* ---- md4c: a SAX-style parser; the callbacks do nothing, so nothing is built ---- */

static int md4c_block(MD_BLOCKTYPE type, void *detail, void *user) {
    (void) type;
    (void) detail;
    (void) user;
    return 0;
}

static int md4c_span(MD_SPANTYPE type, void *detail, void *user) {
    (void) type;
    (void) detail;
    (void) user;
    return 0;
}

static int md4c_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user) {
    (void) type;
    (void) text;
    (void) size;
    (void) user;
    return 0;
}

static void *md4c_open(void) {
    static int none;
    return &none;
}

static int md4c_run(void *state, const uint8_t *src, size_t length) {
    (void) state;
    /* Flags 0: CommonMark without extensions. */
    static const MD_PARSER parser = {0, 0, md4c_block, md4c_block, md4c_span, md4c_span, md4c_text, NULL, NULL};
    return length <= (MD_SIZE) -1 && md_parse((const MD_CHAR *) src, (MD_SIZE) length, &parser, NULL) == 0;
}

static void md4c_close(void *state) {
    (void) state;
}
#endif

const contender contenders[] = {
    {"ocp-c", ocp_open, ocp_run, ocp_close},
#ifdef OCP_BENCH_CMARK
    {"cmark", cmark_open, cmark_run, cmark_close},
#endif
#ifdef OCP_BENCH_MD4C
    {"md4c", md4c_open, md4c_run, md4c_close},
#endif
};

const int contender_count = (int) (sizeof contenders / sizeof contenders[0]);
