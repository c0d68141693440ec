/*
 * What the inline parser (inline_parser.c, a port of InlineParser.java) offers beyond the contract in
 * ocp_internal.h: its work counter, for the C tests that show it stays linear on hostile input, and the
 * footnote labels the block parser registers.
 */
#ifndef OCP_INLINE_PARSER_H
#define OCP_INLINE_PARSER_H

#include <stdint.h>

#include "ocp_internal.h"

/* Bytes and stack entries examined so far by p, counting every rescan (InlineParser.work). */
int64_t ocp_inline_work(const ocp_inline_parser *p);

/* Registers the label buf[from, to) of a footnote definition (GFM), before the inline phase
 * (InlineParser.addFootnote). */
void ocp_inline_add_footnote(ocp_inline_parser *p, const uint8_t *buf, int32_t from, int32_t to);

#endif
