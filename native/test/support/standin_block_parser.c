/*
 * TEST ONLY, never part of the library: a stand-in for ocp_block_parse while the real block parser is being
 * ported, so that the unit tests of the allocator, the context, the tree and the ABI link and run. It is a
 * weak symbol: once src/ defines ocp_block_parse, the linker takes that one and this file is inert.
 *
 * It builds what the real parser builds for the simple inputs the unit tests use (plain lines of text
 * separated by blank lines): a DOCUMENT with one PARAGRAPH per block of lines, each holding one TEXT node per
 * line and SOFT_BREAK nodes between lines. Tests must not depend on anything else about it.
 */
#include "ocp_internal.h"

void ocp_block_parse(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options)
    __attribute__((weak));

static int32_t line_end(const uint8_t *src, int32_t from, int32_t length) {
    while (from < length && src[from] != '\n') {
        from++;
    }
    return from;
}

void ocp_block_parse(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options) {
    (void) options;
    int32_t doc = ocp_tree_new_node(tree, OCP_KIND_DOCUMENT, 0, length);
    int32_t paragraph = OCP_NIL;
    for (int32_t at = 0; at < length;) {
        int32_t end = line_end(src, at, length);
        if (end == at) {
            paragraph = OCP_NIL;
        } else {
            if (paragraph == OCP_NIL) {
                paragraph = ocp_tree_add(tree, OCP_KIND_PARAGRAPH, doc, at, end);
            } else {
                ocp_tree_add(tree, OCP_KIND_SOFT_BREAK, paragraph, at - 1, at);
                ocp_tree_set_span_end(tree, paragraph, end);
            }
            int32_t text = ocp_tree_add(tree, OCP_KIND_TEXT, paragraph, at, end);
            ocp_tree_set_string(tree, text, 0, ocp_tree_string(tree, src, at, end - at));
        }
        at = end < length ? end + 1 : end;
    }
}
