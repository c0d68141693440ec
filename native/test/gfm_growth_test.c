/*
 * GFM's known blow-ups (and frontmatter's, math's and MDX's possible ones) cost work linear in their size, in the
 * C core as in the Java engine (DocumentGrowthTest): each pattern of the TCK's Inputs.gfmHostile(), mathHostile()
 * and mdxHostile() at two sizes, eight times apart, must cost less than twenty times the work (block and inline
 * parser counters, never a clock; a quadratic pattern costs 64 times).
 *
 * The inputs are the fixtures' growth/ cases (NativeFixtures writes NAME.SMALL.md and NAME.LARGE.md with their
 * options in index.tsv), so that the patterns are written once, in the TCK. The folder comes from OCP_FIXTURES
 * (the Makefile exports its FIXTURES); without fixtures the test says so and passes, as the byte diff does.
 */
#include <stdlib.h>

#include "block_parser.h"
#include "block_test.h"

static ocp_engine *engine;

static char *read_all(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t capacity = 1 << 16;
    char *all = malloc(capacity);
    *length = 0;
    size_t got;
    while ((got = fread(all + *length, 1, capacity - *length, f)) > 0) {
        *length += got;
        if (*length == capacity) {
            capacity *= 2;
            all = realloc(all, capacity);
        }
    }
    fclose(f);
    return all;
}

/* Both phases' work for src[0, length); -1 if the parse failed. */
static int64_t measure(const char *path, const char *src, size_t length, const ocp_options *o) {
    ocp_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.engine = engine;
    ctx.options = *o;
    if (setjmp(ctx.on_failure) != 0) {
        fprintf(stderr, "%s: parse failed: %s\n", path, ctx.message);
        ocp_ctx_release(&ctx);
        return -1;
    }
    ocp_tree tree;
    ocp_tree_init(&tree, &ctx, (int32_t) o->max_nodes);
    int64_t steps = ocp_parse_work(&tree, (const uint8_t *) src, (int32_t) length, o);
    ocp_ctx_release(&ctx);
    return steps;
}

/* Both phases' work for one case; -1 if it failed. */
static int64_t work(const char *dir, const char *path, const ocp_options *o) {
    char file[4096];
    snprintf(file, sizeof file, "%s/%s.md", dir, path);
    size_t length;
    char *src = read_all(file, &length);
    CHECK(src != NULL);
    if (src == NULL) {
        return -1;
    }
    int64_t steps = measure(path, src, length, o);
    free(src);
    return steps;
}

int main(void) {
    const char *dir = getenv("OCP_FIXTURES");
    char index[4096];
    snprintf(index, sizeof index, "%s/index.tsv", dir == NULL ? "." : dir);
    FILE *f = dir == NULL ? NULL : fopen(index, "r");
    if (f == NULL) {
        printf("gfm_growth_test: skipped, no fixtures (OCP_FIXTURES=%s)\n", dir == NULL ? "" : dir);
        return 0;
    }
    engine = ocp_engine_create(UINT64_C(4) << 30);
    char line[8192];
    char small_path[4096] = "";
    int64_t small_work = 0;
    int patterns = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "growth/", 7) != 0) {
            continue;
        }
        char *fields[10];
        int n = 0;
        for (char *t = strtok(line, "\t\n"); t != NULL && n < 10; t = strtok(NULL, "\t\n")) {
            fields[n++] = t;
        }
        CHECK_INT(10, n);
        if (n < 10) {
            continue;
        }
        ocp_options o;
        memset(&o, 0, sizeof o);
        o.dialect = (uint32_t) strtoul(fields[1], NULL, 10);
        o.extensions = (uint32_t) strtoul(fields[2], NULL, 10);
        o.max_input_bytes = strtoull(fields[3], NULL, 10);
        o.max_nesting_depth = (uint32_t) strtoul(fields[4], NULL, 10);
        o.max_nodes = (uint32_t) strtoul(fields[5], NULL, 10);
        o.max_inline_nesting = (uint32_t) strtoul(fields[6], NULL, 10);
        o.flavor = (uint32_t) strtoul(fields[7], NULL, 10);
        /* The cases come in pairs, the smaller first: NAME.SMALL then NAME.LARGE. */
        const char *dot = strrchr(fields[0], '.');
        size_t stem = (size_t) (dot - fields[0]);
        int64_t steps = work(dir, fields[0], &o);
        if (small_path[0] != '\0' && strncmp(small_path, fields[0], stem + 1) == 0) {
            patterns++;
            CHECK(steps > 0);
            if (steps >= 20 * small_work) {
                fprintf(stderr, "%s: 8x the input cost %.1fx the work (%" PRId64 " -> %" PRId64 ")\n", fields[0],
                        (double) steps / (double) small_work, small_work, steps);
            }
            CHECK(steps < 20 * small_work);
            small_path[0] = '\0';
        } else {
            CHECK(steps > 0);
            snprintf(small_path, sizeof small_path, "%s", fields[0]);
            small_work = steps;
        }
    }
    fclose(f);
    CHECK(patterns > 0);
    printf("gfm_growth_test: %d GFM, frontmatter, math and MDX patterns grow linearly\n", patterns);
    ocp_stats stats;
    ocp_stats_get(engine, &stats);
    CHECK_INT(0, stats.live_allocations);
    ocp_engine_destroy(engine);
    return block_test_finish("gfm_growth_test");
}
