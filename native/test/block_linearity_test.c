/*
 * Linear time without a clock (BlockLinearityTest.java): on inputs built to defeat each shortcut of the block
 * parser, its work counter (open blocks checked, block starts tried, bytes scanned for indentation and thematic
 * breaks) stays within a small multiple of the input size. Each input would cost the square of its depth times
 * its length if the shortcut it targets were gone.
 *
 * Usage: block_linearity_test [DIR]: with DIR, every *.md in it (e.g. the fixtures' spec examples) is also parsed
 * as one document.
 */
#include <dirent.h>
#include <stdlib.h>

#include "block_parser.h"
#include "block_test.h"

/* Steps allowed per input byte. */
#define STEPS_PER_BYTE 4

static ocp_engine *engine;

/* Parses src[0, length) with the default options through the block parser alone; returns its work, or -1. */
static int64_t work(const char *src, size_t length, int steps_per_byte) {
    static const ocp_options defaults = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, 256u << 20, 0, 0};
    ocp_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.engine = engine;
    ctx.options = defaults;
    if (setjmp(ctx.on_failure) != 0) {
        fprintf(stderr, "parse failed: %s\n", ctx.message);
        ocp_ctx_release(&ctx);
        return -1;
    }
    ocp_tree tree;
    ocp_tree_init(&tree, &ctx, (int32_t) defaults.max_nodes);
    int64_t steps = ocp_block_parse_counting(&tree, (const uint8_t *) src, (int32_t) length, &defaults);
    ocp_ctx_release(&ctx);
    if (steps > (int64_t) steps_per_byte * (int64_t) length + 16) {
        fprintf(stderr, "%" PRId64 " steps for %zu bytes: not linear\n", steps, length);
    }
    return steps;
}

/* Checks the work of the concatenation of the parts (unit, times) in order. */
typedef struct part {
    const char *unit;
    int times;
} part;

static void check_linear_within(const part *parts, int n, int steps_per_byte) {
    size_t length = 0;
    for (int i = 0; i < n; i++) {
        length += strlen(parts[i].unit) * (size_t) parts[i].times;
    }
    char *src = malloc(length + 1);
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        size_t u = strlen(parts[i].unit);
        for (int t = 0; t < parts[i].times; t++) {
            memcpy(src + at, parts[i].unit, u);
            at += u;
        }
    }
    int64_t steps = work(src, length, steps_per_byte);
    CHECK(steps > 0);
    CHECK(steps <= (int64_t) steps_per_byte * (int64_t) length + 16);
    free(src);
}

static void check_linear(const part *parts, int n) {
    check_linear_within(parts, n, STEPS_PER_BYTE);
}

static void blank_lines_after_deeply_nested_list_items(void) {
    /* Every blank line continues all 5000 items without consuming anything: skipped as one run. */
    const part parts[] = {{"- ", 5000}, {"x\n", 1}, {"\n", 50000}, {"    y\n", 1}, {"\n", 50000}};
    check_linear(parts, 5);
}

static void blank_lines_inside_quotes_inside_deep_lists(void) {
    /* Block quotes interrupt the run of items a blank line may skip; each one is still visited once. */
    const part parts[] = {{"- > ", 2000}, {"x\n", 1}, {"\n", 50000}};
    check_linear(parts, 3);
}

static void lazy_lines_under_deep_quotes(void) {
    const part parts[] = {{">", 5000}, {" x\n", 1}, {"lazy\n", 50000}};
    check_linear(parts, 3);
}

static void thematic_break_scans_are_not_repeated_per_nested_item(void) {
    const part items[] = {{"- ", 9000}, {"x\n", 1}};
    check_linear(items, 2);
    const part stars[] = {{"* ", 9000}, {"- x\n", 1}};
    check_linear(stars, 2);
}

static void indentation_is_scanned_once_per_line_across_nested_items(void) {
    /* 2000 items of two columns each, then lines indented by 4000 spaces: each item takes its two columns from
     * the same run of spaces, which must not be rescanned for every item. */
    char line[4003];
    memset(line, ' ', 4000);
    memcpy(line + 4000, "y\n", 3);
    const part parts[] = {{"- ", 2000}, {"x\n", 1}, {line, 200}};
    check_linear(parts, 3);
}

static void tabs_across_nested_items(void) {
    /* The same with tabs, which the items consume in part: the run is still scanned once. A tab is four columns,
     * enough for two items and their lists, so a line continues four open blocks per byte here: the bound is
     * wider than STEPS_PER_BYTE by that constant (a rescan per item would take 2000 times as many steps). */
    char line[1003];
    memset(line, '\t', 1000);
    memcpy(line + 1000, "y\n", 3);
    const part parts[] = {{"- ", 2000}, {"x\n", 1}, {line, 200}};
    check_linear_within(parts, 3, 2 * STEPS_PER_BYTE);
}

/* Every *.md of dir as one document, each followed by a line feed. */
static void documents_of(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "no folder %s\n", dir);
        CHECK(d != NULL);
        return;
    }
    size_t length = 0, capacity = 1 << 20;
    char *all = malloc(capacity);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 3 || strcmp(e->d_name + n - 3, ".md") != 0) {
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (f == NULL) {
            continue;
        }
        for (;;) {
            if (capacity - length < 65536) {
                capacity *= 2;
                all = realloc(all, capacity);
            }
            size_t got = fread(all + length, 1, capacity - length - 1, f);
            length += got;
            if (got == 0) {
                break;
            }
        }
        fclose(f);
        all[length++] = '\n';
        files++;
    }
    closedir(d);
    printf("block_linearity_test: %d documents of %s, %zu bytes\n", files, dir, length);
    CHECK(files > 0);
    int64_t steps = work(all, length, STEPS_PER_BYTE);
    CHECK(steps > 0);
    CHECK(steps <= (int64_t) STEPS_PER_BYTE * (int64_t) length + 16);
    free(all);
}

int main(int argc, char **argv) {
    engine = ocp_engine_create(UINT64_C(4) << 30);
    if (engine == NULL) {
        fprintf(stderr, "no engine\n");
        return 1;
    }
    blank_lines_after_deeply_nested_list_items();
    blank_lines_inside_quotes_inside_deep_lists();
    lazy_lines_under_deep_quotes();
    thematic_break_scans_are_not_repeated_per_nested_item();
    indentation_is_scanned_once_per_line_across_nested_items();
    tabs_across_nested_items();
    if (argc > 1) {
        documents_of(argv[1]);
    }
    ocp_stats stats;
    ocp_stats_get(engine, &stats);
    CHECK_INT(0, stats.live_allocations);
    ocp_engine_destroy(engine);
    return block_test_finish("block_linearity_test");
}
