/*
 * reference_map.c: label normalization (full case folding, whitespace collapsed, malformed UTF-8 a U+FFFD per
 * maximal subpart; the cases of engine-java's InlineCharClassesTest), lookups, first definition wins, and growth of
 * every array of the map inside a parse context's working memory, which must all be returned when the context is.
 */
#include "reference_map.h"

#include "inline_check.h"

typedef struct fixture {
    ocp_engine *engine;
    ocp_ctx ctx;
    ocp_reference_map map;
} fixture;

static void open_fixture(fixture *f)
{
    memset(f, 0, sizeof *f);
    f->engine = ocp_engine_create(UINT64_C(1) << 30);
    if (f->engine == NULL) {
        exit(2);
    }
    f->ctx.engine = f->engine;
    f->ctx.status = OCP_OK;
    f->ctx.blocks = NULL;
    ocp_refs_init(&f->map, &f->ctx);
}

static void close_fixture(fixture *f)
{
    ocp_ctx_release(&f->ctx);
    ocp_stats s;
    ocp_stats_get(f->engine, &s);
    CHECK_EQ(0, s.live_allocations, "the map's memory is the context's and goes with it");
    ocp_engine_destroy(f->engine);
}

/* Normalizes label and compares with expected (both UTF-8). */
static void normalizes(fixture *f, const char *label, const char *expected)
{
    int32_t n = (int32_t) strlen(label);
    uint8_t *b = exact_copy(label, (size_t) n);
    ocp_refs_normalize(&f->map, b, 0, n);
    free(b);
    CHECK(f->map.normalized_length == (int32_t) strlen(expected)
              && memcmp(f->map.normalized, expected, strlen(expected)) == 0,
          "\"%s\" normalized to \"%.*s\", not \"%s\"", label, (int) f->map.normalized_length,
          (const char *) f->map.normalized, expected);
}

static void label_normalization_folds_case_fully_and_collapses_whitespace(void)
{
    static fixture f; /* static: it changes between setjmp and a longjmp */
    if (setjmp(f.ctx.on_failure) != 0) {
        CHECK(0, "failed: %s", f.ctx.message);
        return;
    }
    open_fixture(&f);
    normalizes(&f, "  Foo \t\n BAR \n", "foo bar");
    normalizes(&f, "\xE1\xBA\x9E", "ss");                                   /* ẞ */
    normalizes(&f, "\xC3\x9F", "ss");                                       /* ß */
    normalizes(&f, "\xCE\x91\xCE\x93\xCE\xA9", "\xCE\xB1\xCE\xB3\xCF\x89"); /* ΑΓΩ -> αγω */
    normalizes(&f, "\xCE\xA3\xCF\x82", "\xCF\x83\xCF\x83");                 /* Σς -> σσ */
    normalizes(&f, "\xC4\xB0", "i\xCC\x87");                                /* İ -> i̇ */
    normalizes(&f, "\xF0\x90\x90\x80", "\xF0\x90\x90\xA8");                 /* Deseret, outside the BMP */
    normalizes(&f, "A\xC2\xA0" "B", "a\xC2\xA0" "b"); /* only spaces, tabs and line endings collapse */
    /* Malformed bytes: a U+FFFD per maximal subpart, as a reader that decodes first has them. */
    normalizes(&f, "\xFF" "A\xC3", "\xEF\xBF\xBD" "a\xEF\xBF\xBD");
    normalizes(&f, "\xE2\x82" "B\xF0\x9F\x98", "\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    normalizes(&f, "\xED\xA0\x80\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    normalizes(&f, "\xE0\x80\xF4\x90", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    normalizes(&f, "\xEF\xAC\x83", "ffi");            /* one code point folds to three */
    normalizes(&f, "a\r\nb", "a b");
    normalizes(&f, " \t", "");
    /* NUL stands for U+FFFD (spec 2.3); a literal NUL needs an exact length, so it is not one of the above. */
    uint8_t *nul = exact_copy("a\0B", 3);
    ocp_refs_normalize(&f.map, nul, 0, 3);
    free(nul);
    CHECK(f.map.normalized_length == 5 && memcmp(f.map.normalized, "a\xEF\xBF\xBD" "b", 5) == 0, "NUL");
    /* A long label of three-code-point foldings: the scratch buffer grows past its first capacity. */
    char *label = malloc(3 * 500 + 1);
    char *expected = malloc(3 * 500 + 1);
    for (int i = 0; i < 500; i++) {
        memcpy(label + 3 * i, "\xEF\xAC\x83", 3);
        memcpy(expected + 3 * i, "ffi", 3);
    }
    label[1500] = 0;
    expected[1500] = 0;
    normalizes(&f, label, expected);
    CHECK(f.map.normalized_capacity >= 1500, "grown to %d", (int) f.map.normalized_capacity);
    free(label);
    free(expected);
    close_fixture(&f);
}

/* Adds a definition of label; returns what a lookup of it then finds. */
static int32_t define(fixture *f, const char *label, int32_t destination, int32_t title)
{
    int32_t n = (int32_t) strlen(label);
    uint8_t *b = exact_copy(label, (size_t) n);
    ocp_refs_normalize(&f->map, b, 0, n);
    free(b);
    ocp_refs_add_normalized(&f->map, destination, title);
    return ocp_refs_lookup_normalized(&f->map);
}

static int32_t lookup(fixture *f, const char *label)
{
    int32_t n = (int32_t) strlen(label);
    uint8_t *b = exact_copy(label, (size_t) n);
    ocp_refs_normalize(&f->map, b, 0, n);
    free(b);
    return ocp_refs_lookup_normalized(&f->map);
}

static void lookups_first_definition_wins_and_growth(void)
{
    static fixture f; /* static: it changes between setjmp and a longjmp */
    if (setjmp(f.ctx.on_failure) != 0) {
        CHECK(0, "failed: %s", f.ctx.message);
        return;
    }
    open_fixture(&f);
    CHECK_EQ(-1, lookup(&f, "foo"), "an empty map finds nothing");
    CHECK_EQ(0, define(&f, "Foo", 7, (int32_t) OCP_NONE), "first definition");
    CHECK_EQ(0, lookup(&f, " FOO "), "found after normalization");
    CHECK_EQ(7, ocp_refs_destination(&f.map, 0), "its destination");
    CHECK_EQ(OCP_NONE, (uint32_t) ocp_refs_title(&f.map, 0), "no title");
    CHECK_EQ(0, define(&f, "foo", 8, 9), "a second definition of the label does not replace the first");
    CHECK_EQ(7, ocp_refs_destination(&f.map, lookup(&f, "FOO")), "the first one stays");
    CHECK_EQ(-1, lookup(&f, "fo"), "a prefix is another label");
    CHECK_EQ(-1, lookup(&f, "foox"), "an extension is another label");
    CHECK_EQ(-1, lookup(&f, ""), "the empty label");
    CHECK(f.map.work > 0, "comparisons are counted");

    /* 5000 labels in an order the sort must change, each defined twice (the index covers only the first),
     * added at once as the block parser does: every array grows, the index is rebuilt once, and every label
     * finds its first definition. */
    char label[64];
    for (int i = 1; i <= 5000; i++) {
        int v = (i * 7919) % 5003;
        snprintf(label, sizeof label, "Label %d with some length", v);
        int32_t n = (int32_t) strlen(label);
        ocp_refs_normalize(&f.map, (const uint8_t *) label, 0, n);
        ocp_refs_add_normalized(&f.map, 1000 + v, 2000 + v);
        snprintf(label, sizeof label, "label %d WITH SOME LENGTH", v);
        ocp_refs_normalize(&f.map, (const uint8_t *) label, 0, n);
        ocp_refs_add_normalized(&f.map, -1, -1);
    }
    CHECK_EQ(10002, ocp_refs_size(&f.map), "all kept");
    for (int i = 1; i <= 5000; i++) {
        int v = (i * 7919) % 5003;
        snprintf(label, sizeof label, "LABEL  %d WITH SOME\nLENGTH", v);
        int32_t e = lookup(&f, label);
        CHECK(e == 2 * i && ocp_refs_destination(&f.map, e) == 1000 + v && ocp_refs_title(&f.map, e) == 2000 + v,
              "lookup %d gave %d", i, (int) e);
    }
    CHECK_EQ(5001, f.map.sorted_count, "one index entry per label");
    close_fixture(&f);
}

int main(void)
{
    label_normalization_folds_case_fully_and_collapses_whitespace();
    lookups_first_definition_wins_and_growth();
    return check_report("inline_refs_test");
}
