/* Port of ContentMap.java (see content_map.h). */
#include "content_map.h"

#define INITIAL_LINES 16

/* Grows one of the map's int arrays from capacity to hold need elements; returns its new capacity. */
static int32_t grow_ints(ocp_ctx *ctx, int32_t **array, int32_t capacity, int64_t need) {
    void *block = *array;
    ocp_grow(ctx, &block, &capacity, need, sizeof(int32_t));
    *array = block;
    return capacity;
}

void ocp_content_map_init(ocp_content_map *map, ocp_ctx *ctx) {
    map->ctx = ctx;
    map->content_start = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->source_start = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->boundary_at = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->source_after_ending = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->indent_at = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->indent_pad = ocp_mem_alloc(ctx, INITIAL_LINES * sizeof(int32_t));
    map->capacity = INITIAL_LINES;
    map->lines = 0;
    map->recent = 0;
}

void ocp_content_map_reset(ocp_content_map *map) {
    map->lines = 0;
    map->recent = 0;
}

void ocp_content_map_add_line(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                              int32_t after_ending) {
    ocp_content_map_add_indented_line(map, content_index, source_offset, after_ending, source_offset, 0);
}

static void add_line(ocp_content_map *map, int32_t content_index, int32_t source_offset, int32_t after_ending,
                     int32_t indent_start, int32_t pad, int32_t boundary) {
    int32_t lines = map->lines;
    if (lines == map->capacity) {
        int64_t need = (int64_t) lines * 2;
        grow_ints(map->ctx, &map->content_start, map->capacity, need);
        grow_ints(map->ctx, &map->source_start, map->capacity, need);
        grow_ints(map->ctx, &map->boundary_at, map->capacity, need);
        grow_ints(map->ctx, &map->indent_at, map->capacity, need);
        grow_ints(map->ctx, &map->indent_pad, map->capacity, need);
        map->capacity = grow_ints(map->ctx, &map->source_after_ending, map->capacity, need);
    }
    map->content_start[lines] = content_index;
    map->source_start[lines] = source_offset;
    map->boundary_at[lines] = boundary;
    map->source_after_ending[lines] = after_ending;
    map->indent_at[lines] = indent_start;
    map->indent_pad[lines] = pad;
    map->lines = lines + 1;
}

void ocp_content_map_add_indented_line(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                                       int32_t after_ending, int32_t indent_start, int32_t pad) {
    add_line(map, content_index, source_offset, after_ending, indent_start, pad, source_offset);
}

void ocp_content_map_add_piece_after_escape(ocp_content_map *map, int32_t content_index, int32_t source_offset,
                                            int32_t after_ending) {
    add_line(map, content_index, source_offset, after_ending, source_offset, 0, source_offset - 1);
}

int32_t ocp_content_map_indentation_start(const ocp_content_map *map, int32_t content_index) {
    return map->indent_at[ocp_content_map_line_of(map, content_index)];
}

int32_t ocp_content_map_indentation_pad(const ocp_content_map *map, int32_t content_index) {
    return map->indent_pad[ocp_content_map_line_of(map, content_index)];
}

int32_t ocp_content_map_line_count(const ocp_content_map *map) {
    return map->lines;
}

int32_t ocp_content_map_line_content_start(const ocp_content_map *map, int32_t line) {
    return map->content_start[line];
}

int32_t ocp_content_map_line_of(const ocp_content_map *map, int32_t content_index) {
    const int32_t *starts = map->content_start;
    int32_t r = map->recent;
    if (starts[r] <= content_index && (r + 1 == map->lines || starts[r + 1] > content_index)) {
        return r;
    }
    int32_t lo = 0;
    int32_t hi = map->lines - 1;
    while (lo < hi) {
        int32_t mid = (int32_t) (((uint32_t) lo + (uint32_t) hi + 1u) >> 1);
        if (starts[mid] <= content_index) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    /* Updating the cache through a const pointer is defined: no map is an object defined const. */
    ((ocp_content_map *) map)->recent = lo;
    return lo;
}

int32_t ocp_content_map_to_source(const ocp_content_map *map, int32_t content_index) {
    int32_t line = ocp_content_map_line_of(map, content_index);
    int32_t within = content_index - map->content_start[line];
    return within == 0 ? map->boundary_at[line] : map->source_start[line] + within;
}

int32_t ocp_content_map_after_line_ending(const ocp_content_map *map, int32_t content_index) {
    return map->source_after_ending[ocp_content_map_line_of(map, content_index)];
}
