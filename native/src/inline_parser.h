/*
 * What the inline parser (inline_parser.c, a port of InlineParser.java) offers beyond the contract in
 * ocp_internal.h: its work counter, for the C tests that show it stays linear on hostile input.
 */
#ifndef OCP_INLINE_PARSER_H
#define OCP_INLINE_PARSER_H

#include <stdint.h>

#include "ocp_internal.h"

/*
 * SourceMap.afterLineEnding, which content_map.c (the block port) provides next to ocp_content_map_to_source:
 * for the index of a '\n' that joins two content lines, the source offset just past the line ending it stands
 * for (LF, CR or CR LF), so that a line break spans exactly its line ending. Declared here until
 * ocp_internal.h declares it with ocp_content_map_to_source.
 */
int32_t ocp_content_map_after_line_ending(const ocp_content_map *map, int32_t content_index);

/* Bytes and stack entries examined so far by p, counting every rescan (InlineParser.work). */
int64_t ocp_inline_work(const ocp_inline_parser *p);

#endif
