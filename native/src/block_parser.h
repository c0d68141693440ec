/*
 * BlockParser.java's entry point with its work counter, for the C unit tests that prove linear time without a
 * clock (the Java engine's BlockLinearityTest). The core itself calls ocp_block_parse (ocp_internal.h).
 */
#ifndef OCP_BLOCK_PARSER_H
#define OCP_BLOCK_PARSER_H

#include "ocp_internal.h"

/* Like ocp_block_parse; returns the work counter: open blocks checked per line, new blocks tried per line,
 * bytes scanned for the first non-space and for thematic breaks. */
int64_t ocp_block_parse_counting(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options);

/* Like ocp_block_parse; returns the work of both phases, the block parser's and the inline parser's (the Java
 * engine's DocumentGrowthTest adds up the same two). */
int64_t ocp_parse_work(ocp_tree *tree, const uint8_t *src, int32_t length, const ocp_options *options);

#endif
