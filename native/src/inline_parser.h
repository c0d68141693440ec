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
 * with math, plus 4 in MDX, plus 8 with directives). */
const bool *ocp_inline_special_row(int row);

/* A row of bytes (special, 256 entries) as two tables that a byte's two nibbles index, for the SSSE3 scan: a byte
 * is in the row iff low[its low nibble] & high[its high nibble] is not zero. False, the tables unusable, if the
 * row's bytes have more than eight high nibbles. */
bool ocp_inline_nibble_tables(const bool *special, uint8_t *low, uint8_t *high);

/* What a scan of a directive's parts found (inline/directive.c, Directive.Scan); one per parser, reused. Its
 * attribute records are working memory of ctx. */
typedef struct ocp_directive_scan {
    ocp_ctx *ctx;
    int32_t name_start, name_end;
    int32_t label_start, label_end;  /* the label's content inside its brackets; label_start -1 when none */
    int32_t attributes_start;        /* where the attributes' braces start, -1 when there are none */
    int32_t attributes, capacity;
    struct ocp_directive_attribute {
        int32_t kind, name_from, name_to, value_from, value_to, from, to;
    } *attrs;
} ocp_directive_scan;

/* Directive.parts: the name at p, then a label and attributes if they scan (block: a leaf's or container's, on one
 * line). Returns where the directive ends, or -1 when there is no name (or, in a block directive, when a label or
 * attributes do not scan). */
int32_t ocp_directive_parts(ocp_directive_scan *s, const uint8_t *b, int32_t p, int32_t end, bool block);

/* Directive.fields: the name (slot a) and the attribute records (slots b and c) of a directive scanned into s; spans
 * through map when it is not NULL (a text directive's content offsets). */
void ocp_directive_fields(ocp_tree *tree, int32_t node, const ocp_directive_scan *s, const uint8_t *b,
                          const ocp_content_map *map);

#endif
