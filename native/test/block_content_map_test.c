/* The inline content map: content index to source offset, line by line, in any lookup order (ContentMapTest.java). */
#include <stdlib.h>

#include "block_test.h"
#include "content_map.h"

static void maps_each_line_to_its_source_and_the_end_past_the_last_byte(ocp_ctx *ctx) {
    /* Source "> ab\n>  cd\n e": content "ab\ncd\ne" from lines at 2, 8 and 12. */
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    ocp_content_map_add_line(&map, 0, 2);
    ocp_content_map_add_line(&map, 3, 8);
    ocp_content_map_add_line(&map, 6, 12);
    static const int32_t expected[] = {2, 3, 4, 8, 9, 10, 12, 13};
    for (int32_t i = 0; i < 8; i++) {
        CHECK_INT(expected[i], ocp_content_map_to_source(&map, i));
    }
    /* Backwards and jumping: the cached line must not stick. */
    for (int32_t i = 7; i >= 0; i -= 3) {
        CHECK_INT(expected[i], ocp_content_map_to_source(&map, i));
    }
    CHECK_INT(1, ocp_content_map_line_of(&map, 5));
    CHECK_INT(3, ocp_content_map_line_content_start(&map, 1));
    CHECK_INT(3, ocp_content_map_line_count(&map));
}

static void offset_buffers_growth_and_reuse(ocp_ctx *ctx) {
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    /* 100 lines: the arrays grow from 16 several times and keep every line. */
    for (int32_t line = 0; line < 100; line++) {
        ocp_content_map_add_line(&map, 1000 + line * 10, 5000 + line * 20);
    }
    CHECK_INT(100, ocp_content_map_line_count(&map));
    CHECK_INT(5000 + 99 * 20 + 7, ocp_content_map_to_source(&map, 1000 + 99 * 10 + 7));
    CHECK_INT(5000 + 3, ocp_content_map_to_source(&map, 1003));
    for (int32_t line = 0; line < 100; line++) {
        CHECK_INT(5000 + line * 20 + 9, ocp_content_map_to_source(&map, 1000 + line * 10 + 9));
        CHECK_INT(line, ocp_content_map_line_of(&map, 1000 + line * 10));
    }
    ocp_content_map_reset(&map);
    ocp_content_map_add_line(&map, 40, 40);
    CHECK_INT(1, ocp_content_map_line_count(&map));
    CHECK_INT(45, ocp_content_map_to_source(&map, 45));
}

static void single_line_and_empty_lines(ocp_ctx *ctx) {
    /* Empty content lines share their start with the next line: lookups land on the last of them. */
    ocp_content_map map;
    ocp_content_map_init(&map, ctx);
    ocp_content_map_add_line(&map, 0, 10);
    ocp_content_map_add_line(&map, 1, 20);
    ocp_content_map_add_line(&map, 2, 30);
    CHECK_INT(10, ocp_content_map_to_source(&map, 0));
    CHECK_INT(20, ocp_content_map_to_source(&map, 1));
    CHECK_INT(30, ocp_content_map_to_source(&map, 2));
    CHECK_INT(33, ocp_content_map_to_source(&map, 5));
    CHECK_INT(0, ocp_content_map_line_of(&map, 0));
}

int main(void) {
    ocp_ctx *ctx = block_test_ctx_new();
    if (ctx == NULL || setjmp(ctx->on_failure) != 0) {
        fprintf(stderr, "context failure: %s\n", ctx == NULL ? "no memory" : ctx->message);
        return 1;
    }
    maps_each_line_to_its_source_and_the_end_past_the_last_byte(ctx);
    offset_buffers_growth_and_reuse(ctx);
    single_line_and_empty_lines(ctx);
    block_test_ctx_free(ctx);
    return block_test_finish("block_content_map_test");
}
