/* The inline content map: content index to source offset, line by line, in any lookup order, and where each line
 * ending ends (ContentMapTest.java). The map's arrays are working memory of a real parse context. */
#include <stdlib.h>

#include "block_test.h"
#include "content_map.h"

static void maps_each_line_to_its_source_and_the_end_past_the_last_byte(ocp_ctx *ctx) {
    /* Source "> ab\n>  cd\n e": content "ab\ncd\ne" from lines at 2, 8 and 12. */
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    ocp_content_map_add_line(&map, 0, 2, 5);
    ocp_content_map_add_line(&map, 3, 8, 11);
    ocp_content_map_add_line(&map, 6, 12, 13);
    static const int32_t expected[] = {2, 3, 4, 8, 9, 10, 12, 13};
    for (int32_t i = 0; i < 8; i++) {
        CHECK_INT(expected[i], ocp_content_map_to_source(&map, i));
    }
    /* Backwards and jumping: the cached line must not stick. */
    for (int32_t i = 7; i >= 0; i -= 3) {
        CHECK_INT(expected[i], ocp_content_map_to_source(&map, i));
    }
    /* The line feeds joining the lines stand for the source's line endings, which end where the next line starts. */
    CHECK_INT(5, ocp_content_map_after_line_ending(&map, 2));
    CHECK_INT(11, ocp_content_map_after_line_ending(&map, 5));
    CHECK_INT(1, ocp_content_map_line_of(&map, 5));
    CHECK_INT(3, ocp_content_map_line_content_start(&map, 1));
    CHECK_INT(3, ocp_content_map_line_count(&map));
}

static void offset_buffers_growth_and_reuse(ocp_ctx *ctx) {
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    /* 100 lines: the three arrays grow from 16 several times and keep every line. */
    for (int32_t line = 0; line < 100; line++) {
        ocp_content_map_add_line(&map, 1000 + line * 10, 5000 + line * 20, 5000 + line * 20 + 10);
    }
    CHECK_INT(100, ocp_content_map_line_count(&map));
    CHECK_INT(5000 + 99 * 20 + 7, ocp_content_map_to_source(&map, 1000 + 99 * 10 + 7));
    CHECK_INT(5000 + 3, ocp_content_map_to_source(&map, 1003));
    for (int32_t line = 0; line < 100; line++) {
        CHECK_INT(5000 + line * 20 + 9, ocp_content_map_to_source(&map, 1000 + line * 10 + 9));
        CHECK_INT(line, ocp_content_map_line_of(&map, 1000 + line * 10));
        CHECK_INT(5000 + line * 20 + 10, ocp_content_map_after_line_ending(&map, 1000 + line * 10 + 9));
    }
    ocp_content_map_reset(&map);
    ocp_content_map_add_line(&map, 40, 40, 50);
    CHECK_INT(1, ocp_content_map_line_count(&map));
    CHECK_INT(45, ocp_content_map_to_source(&map, 45));
    CHECK_INT(50, ocp_content_map_after_line_ending(&map, 45));
}

static void empty_lines_share_their_start(ocp_ctx *ctx) {
    /* Empty content lines start where the next line starts: lookups land on the last of them. */
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    ocp_content_map_add_line(&map, 0, 10, 12);
    ocp_content_map_add_line(&map, 1, 20, 21);
    ocp_content_map_add_line(&map, 2, 30, 30);
    CHECK_INT(10, ocp_content_map_to_source(&map, 0));
    CHECK_INT(20, ocp_content_map_to_source(&map, 1));
    CHECK_INT(30, ocp_content_map_to_source(&map, 2));
    CHECK_INT(33, ocp_content_map_to_source(&map, 5));
    CHECK_INT(0, ocp_content_map_line_of(&map, 0));
    CHECK_INT(12, ocp_content_map_after_line_ending(&map, 0));
}

static void a_piece_after_an_escaped_pipe_starts_at_its_backslash(ocp_ctx *ctx) {
    /* Cell "a\|b" at source 10: content "a|b", the pipe's piece from 12, its start (a boundary) the backslash. */
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    ocp_content_map_add_line(&map, 0, 10, 14);
    ocp_content_map_add_piece_after_escape(&map, 1, 12, 14);
    const int32_t expected[] = {10, 11, 13, 14};
    for (int32_t i = 0; i < 4; i++) {
        CHECK_INT(expected[i], ocp_content_map_to_source(&map, i));
    }
}

int main(void) {
    ocp_engine *engine = ocp_engine_create(UINT64_C(1) << 30);
    ocp_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.engine = engine;
    if (engine == NULL || setjmp(ctx.on_failure) != 0) {
        fprintf(stderr, "context failure: %s\n", engine == NULL ? "no engine" : ctx.message);
        return 1;
    }
    maps_each_line_to_its_source_and_the_end_past_the_last_byte(&ctx);
    offset_buffers_growth_and_reuse(&ctx);
    empty_lines_share_their_start(&ctx);
    a_piece_after_an_escaped_pipe_starts_at_its_backslash(&ctx);
    ocp_ctx_release(&ctx);
    ocp_stats stats;
    ocp_stats_get(engine, &stats);
    CHECK_INT(0, stats.live_allocations);
    ocp_engine_destroy(engine);
    return block_test_finish("block_content_map_test");
}
