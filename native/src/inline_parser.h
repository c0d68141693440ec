/*
 * What the inline parser (inline_parser.c, a port of InlineParser.java) offers beyond the contract in
 * ocp_internal.h: its work counter, for the C tests that show it stays linear on hostile input.
 */
#ifndef OCP_INLINE_PARSER_H
#define OCP_INLINE_PARSER_H

#include <stdint.h>

#include "ocp_internal.h"

/* Bytes and stack entries examined so far by p, counting every rescan (InlineParser.work). */
int64_t ocp_inline_work(const ocp_inline_parser *p);

#endif
