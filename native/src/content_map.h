/*
 * ContentMap.java: the source map of one leaf block's inline content. For each content line it records where
 * the line starts in the content buffer and where in the source; lines are contiguous in the buffer and, within
 * a line, in the source, so a lookup is a search for the line followed by an addition. One map serves a whole
 * parse: the block parser refills it for each leaf before handing it to the inline parser, which only calls
 * ocp_content_map_to_source (declared in ocp_internal.h).
 */
#ifndef OCP_CONTENT_MAP_H
#define OCP_CONTENT_MAP_H

#include "ocp_internal.h"

struct ocp_content_map {
    ocp_ctx *ctx;
    int32_t *content_start;
    int32_t *source_start;
    /* per line: the source offset of the index where it starts, as a boundary between two nodes: its own start, or
     * for a piece of a table cell after a \|, the backslash the content dropped (ContentMap.boundaryAt) */
    int32_t *boundary_at;
    int32_t *source_after_ending; /* per line: the source offset just past the line's line ending */
    int32_t *indent_at;  /* per line: where the indentation it lost starts in the source (its own start: none) */
    int32_t *indent_pad; /* per line: the columns of a tab a container took part of, before indent_at */
    int32_t capacity;
    int32_t lines;
    /* The line of the last lookup: the inline parser asks mostly in increasing order. A cache only, so lookups
     * through a const map may update it (the map itself is never defined const). */
    int32_t recent;
};

/* Readies an empty map whose arrays live in ctx's working memory. */
void ocp_content_map_init(ocp_content_map *map, ocp_ctx *ctx);
/* Forgets the lines, keeping the arrays. */
void ocp_content_map_reset(ocp_content_map *map);
/* Adds the next line: content index content_index is source offset source_offset, and the line's line ending
 * ends at source offset after_ending. */
void ocp_content_map_add_line(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                              int32_t after_ending);
/* The same for a line that lost the indentation from source offset indent_start to source_offset, and pad columns
 * of a tab before that. */
void ocp_content_map_add_indented_line(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                                       int32_t after_ending, int32_t indent_start, int32_t pad);
/* Adds the next piece of a table cell's content, which follows a \| whose backslash the content dropped (at
 * source offset source_offset - 1). */
void ocp_content_map_add_piece_after_escape(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                                            int32_t after_ending);
/* SourceMap.indentationStart and indentationPad: for the index where a content line starts. */
int32_t ocp_content_map_indentation_start(const ocp_content_map *map, int32_t content_index);
int32_t ocp_content_map_indentation_pad(const ocp_content_map *map, int32_t content_index);
int32_t ocp_content_map_line_count(const ocp_content_map *map);
int32_t ocp_content_map_line_content_start(const ocp_content_map *map, int32_t line);
/* The line holding content index content_index (the last line for indexes past the end). At least one line. */
int32_t ocp_content_map_line_of(const ocp_content_map *map, int32_t content_index);
/* SourceMap.afterLineEnding: for the index of a '\n' that joins two content lines, the source offset just past
 * the line ending it stands for (LF, CR or CR LF), so that a line break spans exactly its line ending and not
 * the next line's container prefix and indentation. */
int32_t ocp_content_map_after_line_ending(const ocp_content_map *map, int32_t content_index);

#endif
