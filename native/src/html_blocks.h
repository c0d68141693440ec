/*
 * block/HtmlBlock.java: the start and end conditions of CommonMark HTML blocks (spec section 4.6), as byte scanners
 * over one line. Stateless; every function looks at s[from, end) only and never past end.
 */
#ifndef OCP_HTML_BLOCKS_H
#define OCP_HTML_BLOCKS_H

#include <stdbool.h>
#include <stdint.h>

/* Which start condition the line s[p, end) meets, s[p] being '<' after at most three spaces of indentation;
 * allow7 says whether condition 7 may apply (it cannot interrupt a paragraph). Returns 1..7, or 0. */
int ocp_html_blocks_start_condition(const uint8_t *s, int32_t p, int32_t end, bool allow7);

/* Whether the line s[from, end) meets the end condition of an HTML block of type 1..5 (false for 6 and 7). */
bool ocp_html_blocks_end_condition(int type, const uint8_t *s, int32_t from, int32_t end);

#endif
