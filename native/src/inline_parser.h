/*
 * What the inline parser (inline_parser.c, a port of InlineParser.java) offers beyond the contract in
 * ocp_internal.h: its work counter, for the C tests that show it stays linear on hostile input, and the
 * footnote labels the block parser registers.
 */
#ifndef OCP_INLINE_PARSER_H
#define OCP_INLINE_PARSER_H

#include <stdbool.h>
#include <stdint.h>

#include "ocp_internal.h"

/* Bytes and stack entries examined so far by p, counting every rescan (InlineParser.work). */
int64_t ocp_inline_work(const ocp_inline_parser *p);

/* Registers the label buf[from, to) of a footnote definition (GFM), before the inline phase
 * (InlineParser.addFootnote). */
void ocp_inline_add_footnote(ocp_inline_parser *p, const uint8_t *buf, int32_t from, int32_t to);

/* Row row of the table of bytes the inline parser stops at, all others being plain text (row: 1 with GFM, plus 2
 * with math, plus 4 in MDX). */
const bool *ocp_inline_special_row(int row);

/* A row of bytes (special, 256 entries) as two tables that a byte's two nibbles index, for the SSSE3 scan: a byte
 * is in the row iff low[its low nibble] & high[its high nibble] is not zero. False, the tables unusable, if the
 * row's bytes have more than eight high nibbles. */
bool ocp_inline_nibble_tables(const bool *special, uint8_t *low, uint8_t *high);

#endif
