/*
 * Line ends: the first '\n' or '\r' from an offset. The block parser's main loop asks for every line's end in order
 * and gets them from ocp_line_ends, which finds them dozens at a time; its other callers, which look ahead from a
 * fence or a frontmatter line, scan with ocp_line_end_from. Both give the same offsets (line_ends_test.c).
 */
#ifndef OCP_LINE_ENDS_H
#define OCP_LINE_ENDS_H

#include <stdint.h>

/* How many line ends ocp_line_ends_next finds ahead at least, when the input has that many; a 64-byte block adds up
 * to 64 more. */
#define OCP_LINE_ENDS_AHEAD 32

/* Line ends found ahead: every '\n' and '\r' of the input in [from, scanned_to) is in ends[next, count), in order.
 * Zeroed, it holds none. */
typedef struct ocp_line_ends {
    int32_t ends[OCP_LINE_ENDS_AHEAD + 64];
    int32_t next;
    int32_t count;
    int32_t from;
    int32_t scanned_to;
} ocp_line_ends;

/* The end of the line that starts at at: the first '\n' or '\r' in src[at, length), or length. Reads nothing at or
 * past length. */
int32_t ocp_line_end_from(const uint8_t *src, int32_t at, int32_t length);

/* ocp_line_end_from(src, at, length), for a caller that asks with at never going back (else it scans from at) and
 * the same src and length each time. */
int32_t ocp_line_ends_next(ocp_line_ends *ends, const uint8_t *src, int32_t at, int32_t length);

#endif
