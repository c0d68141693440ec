/*
 * The inline parser's limits and linear-time guards, as engine-java's InlineGrowthTest, InlineLimitTest and
 * InlineRandomInputTest check them: hostile inputs cost work linear in their size (work is the parser's
 * deterministic counter, the same count as the Java engine's, so nothing depends on timing: for an input 8
 * times larger the work must grow less than 20 times, where a quadratic pattern grows 64 times);
 * maxInlineNesting bounds how deep emphasis, strikethrough, links, images and JSX elements nest, failing with
 * LIMIT_EXCEEDED and Java's message; random inputs never fail, and their spans nest and follow each other.
 */
#include "inline_check.h"
#include "inline_harness.h"

#define SMALL 4000

static void put_repeat(sbuf *b, const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        sb_str(b, s);
    }
}

static const char *const PATTERNS[] = {
    "[ flood", "![ flood", "[ and ] floods", "shortcut references", "nested inline links", "nested images",
    "open destinations", "unbalanced destinations", "unclosed titles", "unclosed titles of every kind",
    "unclosed pointy destinations", "full references", "long link text", "unclosed openers", "unopened closers",
    "rule of three", "mixed runs", "deep emphasis", "emphasis in link texts", "backtick runs of growing length",
    "unmatched backticks", "code spans in brackets", "entities", "almost entities", "comment openers",
    "processing instruction openers", "CDATA openers", "declaration openers", "unclosed attribute values",
    "alternating attribute quotes", "autolink openers", "hard breaks", "escapes", "unclosed titles in parentheses",
    /* DocumentGrowthTest's definition patterns, through the inline parser alone */
    "definitions in one paragraph", "references chained in one paragraph", "labels colliding in a 32-bit hash",
};
#define PATTERN_COUNT ((int) (sizeof PATTERNS / sizeof PATTERNS[0]))

/*
 * DocumentGrowthTest.collidingLabels: definitions whose labels all have one FNV-1a hash, then a reference to
 * each. Two blocks take FNV-1a's state to the same state, and two more do so from every state they lead to
 * (Joux's multicollisions): choosing one of each pair per block gives 2^k labels with one hash.
 */
static void colliding_labels(sbuf *b, int n)
{
    static const char *const pairs[2][2] = {{"7yzl", "e6ap"}, {"5uzl", "g2ap"}};
    enum { BLOCKS = 14 };
    int half = n / 2 > 1 ? n / 2 : 1;
    int bits = 0;
    while ((1 << bits) < half) {
        bits++;
    }
    bits = bits < BLOCKS ? bits : BLOCKS;
    uint32_t first_hash = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int v = 0; v < 1 << bits; v++) {
            char label[4 * BLOCKS + 1];
            label[0] = 0;
            for (int k = 0; k < BLOCKS; k++) {
                strcat(label, pairs[k < 1 ? k : 1][k < bits ? v >> k & 1 : 0]);
            }
            if (pass == 0) {
                uint32_t h = 0x811C9DC5u;
                for (const char *c = label; *c; c++) {
                    h = (h ^ (uint8_t) *c) * 0x01000193u;
                }
                if (v == 0) {
                    first_hash = h;
                }
                CHECK(h == first_hash, "label %d collides", v);
            }
            sb_str(b, "[");
            sb_str(b, label);
            sb_str(b, pass == 0 ? "]: /u\n" : "] ");
        }
        sb_str(b, "\n");
    }
}

/* Pattern k (InlineGrowthTest.patterns, in the same order) at size n. Caller frees. */
static char *pattern(int k, int n)
{
    sbuf b = {0};
    sb_str(&b, "");
    switch (k) {
    case 0: put_repeat(&b, "[", n); break;
    case 1: put_repeat(&b, "![", n); break;
    case 2: put_repeat(&b, "[", n); put_repeat(&b, "]", n); break;
    case 3: sb_str(&b, "[x]: /u\n\n"); put_repeat(&b, "[x]", n); break;
    case 4: put_repeat(&b, "[", n); sb_str(&b, "a"); put_repeat(&b, "](b)", n); break;
    case 5: put_repeat(&b, "![", n); sb_str(&b, "a"); put_repeat(&b, "](b)", n); break;
    case 6: put_repeat(&b, "[a](", n); break;
    case 7: put_repeat(&b, "[a](b", n); sb_str(&b, " x"); break;
    case 8: put_repeat(&b, "[a](b \"", n); break;
    case 9: put_repeat(&b, "[a](b \"[a](b '[a](b (", n); break;
    case 10: put_repeat(&b, "[a](<b", n); break;
    case 11: sb_str(&b, "[x]: /u\n\n"); put_repeat(&b, "[a][", n); break;
    case 12: sb_str(&b, "[x]: /u\n\n["); put_repeat(&b, "a ", n); sb_str(&b, "]"); break;
    case 13: put_repeat(&b, "*a ", n); break;
    case 14: put_repeat(&b, "a* ", n); break;
    case 15: put_repeat(&b, "*a**", n); break;
    case 16: put_repeat(&b, "**a* _b__ ", n); break;
    case 17: put_repeat(&b, "*", n); sb_str(&b, "a"); put_repeat(&b, "*", n); break;
    case 18: put_repeat(&b, "[*a*](", n); break;
    case 19:
        for (int i = 1; b.len < (size_t) 3 * (size_t) n; i++) {
            put_repeat(&b, "`", i);
            sb_str(&b, " ");
        }
        break;
    case 20: put_repeat(&b, "` a ``", n); break;
    case 21: put_repeat(&b, "[`a", n); put_repeat(&b, "]`", n); break;
    case 22: put_repeat(&b, "&amp;&#x2A;&#42;", n); break;
    case 23:
        for (int i = 0; i < n / 8; i++) {
            sb_str(&b, "&");
            put_repeat(&b, "a", 40);
        }
        break;
    case 24: put_repeat(&b, "<!--", n); break;
    case 25: put_repeat(&b, "<?", n); break;
    case 26: put_repeat(&b, "<![CDATA[", n); break;
    case 27: put_repeat(&b, "<!A", n); break;
    case 28: put_repeat(&b, "<a b=\"", n); break;
    case 29: put_repeat(&b, "<a b=\"<a b='", n); break;
    case 30: put_repeat(&b, "<http:<a@b.", n); break;
    case 31: put_repeat(&b, "a  \n", n); break;
    case 32: put_repeat(&b, "\\*\\[\\`", n); break;
    case 33: put_repeat(&b, "[a](b (", n); break;
    case 34:
        for (int i = 0; i < n; i++) {
            char line[64];
            snprintf(line, sizeof line, "[d%d]: /u%d 't'\n", i, i);
            sb_str(&b, line);
        }
        sb_str(&b, "\n");
        break;
    case 35:
        for (int i = 0; i < n; i++) {
            char line[64];
            snprintf(line, sizeof line, "[d%d]: /u\n", i);
            sb_str(&b, line);
        }
        sb_str(&b, "\n");
        for (int i = 0; i < n; i++) {
            char line[64];
            snprintf(line, sizeof line, "[d%d][d%d][x]", i, n - 1 - i);
            sb_str(&b, line);
        }
        sb_str(&b, "\n");
        break;
    default: colliding_labels(&b, n); break;
    }
    return b.s;
}

static int64_t work_of(const char *markdown, int32_t flavor, int32_t *status)
{
    ocp_options o = harness_defaults();
    o.max_inline_nesting = 1u << 30;
    o.flavor = flavor;
    harness h;
    harness_parse_with(&h, markdown, &o);
    int64_t w = h.work;
    *status = h.status;
    harness_free(&h);
    return w;
}

/* In both readings: micromark's has scans of its own (titles in parentheses run on past a '('). */
static void work_grows_linearly(int32_t flavor)
{
    for (int k = 0; k < PATTERN_COUNT; k++) {
        char *s = pattern(k, SMALL);
        char *l = pattern(k, 8 * SMALL);
        int32_t status_small, status_large;
        int64_t small = work_of(s, flavor, &status_small);
        int64_t large = work_of(l, flavor, &status_large);
        CHECK(status_small == OCP_OK && status_large == OCP_OK, "%s: parses", PATTERNS[k]);
        CHECK(small > SMALL, "%s: the counter measured something (%lld)", PATTERNS[k], (long long) small);
        CHECK(large < 20 * small, "%s: 8x input cost %.1fx the work (%lld -> %lld)", PATTERNS[k],
              (double) large / (double) small, (long long) small, (long long) large);
        if (getenv("OCP_PRINT_WORK")) { /* to compare with the Java engine's counter by hand */
            printf("%s\t%lld\t%lld\n", PATTERNS[k], (long long) small, (long long) large);
        }
        free(s);
        free(l);
    }
}

/* ---- maxInlineNesting (InlineLimitTest) ---- */

/* The deepest chain of inline containers, found iteratively. */
static int32_t depth(const harness *h)
{
    const ocp_tree *t = &h->tree;
    int32_t cap = 1024;
    int32_t *stack = harness_malloc((size_t) cap * sizeof(int32_t));
    int32_t *level = harness_malloc((size_t) cap * sizeof(int32_t));
    int32_t sp = 0;
    int32_t max = 0;
    stack[sp] = h->doc;
    level[sp++] = 0;
    while (sp > 0) {
        int32_t n = stack[--sp];
        int32_t l = level[sp];
        int k = ocp_tree_kind(t, n);
        if (k == OCP_KIND_EMPHASIS || k == OCP_KIND_STRONG || k == OCP_KIND_LINK || k == OCP_KIND_IMAGE) {
            l++;
            max = l > max ? l : max;
        }
        for (int32_t c = ocp_tree_first_child(t, n); c != OCP_NIL; c = ocp_tree_next_sibling(t, c)) {
            if (sp == cap) {
                cap *= 2;
                stack = realloc(stack, (size_t) cap * sizeof(int32_t));
                level = realloc(level, (size_t) cap * sizeof(int32_t));
                if (!stack || !level) {
                    exit(2);
                }
            }
            stack[sp] = c;
            level[sp++] = l;
        }
    }
    free(stack);
    free(level);
    return max;
}

/* Parses markdown with maxInlineNesting limit; returns the depth, or -status on failure (message checked). */
static int32_t nesting(const char *markdown, uint32_t limit)
{
    ocp_options o = harness_defaults();
    o.max_inline_nesting = limit;
    harness h;
    harness_parse_with(&h, markdown, &o);
    int32_t result;
    if (h.status == OCP_OK) {
        result = depth(&h);
    } else {
        char expected[160];
        snprintf(expected, sizeof expected,
                 "emphasis, strikethrough, links, images and JSX elements nest deeper than maxInlineNesting %u",
                 (unsigned) limit);
        CHECK(strcmp(expected, h.ctx.message) == 0, "message: %s", h.ctx.message);
        result = -h.status;
    }
    harness_free(&h);
    return result;
}

static char *wrap(const char *open, int n, const char *middle, const char *close)
{
    sbuf b = {0};
    sb_str(&b, "");
    put_repeat(&b, open, n);
    sb_str(&b, middle);
    put_repeat(&b, close, n);
    return b.s;
}

static void max_inline_nesting(void)
{
    /* 2k asterisks on each side nest k STRONG nodes. */
    char *md = wrap("*", 20, "a", "*");
    CHECK_EQ(10, nesting(md, 10), "strong emphasis at the limit");
    free(md);
    md = wrap("*", 22, "a", "*");
    CHECK_EQ(-OCP_LIMIT_EXCEEDED, nesting(md, 10), "one more fails");
    free(md);

    md = wrap("![", 5, "a", "](b)");
    CHECK_EQ(5, nesting(md, 5), "nested images at the limit");
    free(md);
    md = wrap("![", 6, "a", "](b)");
    CHECK_EQ(-OCP_LIMIT_EXCEEDED, nesting(md, 5), "nested images past it");
    free(md);

    /* em > link > strong > image, the image without children: containers count even when empty. */
    harness h;
    ocp_options o = harness_defaults();
    o.max_inline_nesting = 4;
    harness_parse_with(&h, "*[**![](i)**](l)*", &o);
    char *d = harness_dump(&h);
    CHECK(strcmp("em*(link<l>(strong*(image<i>())))", d) == 0, "%s", d);
    free(d);
    harness_free(&h);
    CHECK_EQ(-OCP_LIMIT_EXCEEDED, nesting("*[**![](i)**](l)*", 3), "mixed containers count together");

    /* The default limit stops hostile nesting without recursion. */
    md = wrap("*", 200000, "a", "*");
    CHECK_EQ(-OCP_LIMIT_EXCEEDED, nesting(md, 1000), "the default limit");
    CHECK_EQ(100000, nesting(md, 1000000), "100,000 levels, no recursion");
    free(md);

    /* Links do not nest, so bracket floods stay shallow. */
    md = wrap("[", 50000, "a", "](b)");
    CHECK_EQ(1, nesting(md, 1), "bracket flood");
    free(md);
}

/* ---- seeded random inputs (InlineRandomInputTest) ---- */

static const char *const PIECES[] = {"*", "**", "_", "__", "`", "``", "[", "]", "![", "(", ")", "<", ">", "&amp;",
                                     "&#42;", "&", "\\", "\\*", " ", "  ", "\n", "a", "foo", "\xC3\xA9", "\xC2\xA0",
                                     "!", "\"", "'", ":", "/", "http:", "@", "x.y", "<!--", "-->", "<?", "?>",
                                     "<a b='c'>", "</a>", "[x]", "[x]: /u", "\x00", "\xFF", "\t", "````"};

static uint64_t rng_state = 20240128;

static uint32_t next_random(uint32_t bound)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t) ((rng_state >> 33) % bound);
}

/* Children lie within their parent's span and follow one another without overlap. */
static bool spans_nest(const harness *h, int32_t parent)
{
    const ocp_tree *t = &h->tree;
    int32_t cap = 256;
    int32_t *stack = harness_malloc((size_t) cap * sizeof(int32_t));
    int32_t sp = 0;
    bool ok = true;
    stack[sp++] = parent;
    while (sp > 0 && ok) {
        int32_t n = stack[--sp];
        int32_t lo = ocp_tree_span_start(t, n);
        int32_t hi = ocp_tree_span_end(t, n);
        int32_t prev_end = lo;
        for (int32_t c = ocp_tree_first_child(t, n); c != OCP_NIL; c = ocp_tree_next_sibling(t, c)) {
            int32_t s = ocp_tree_span_start(t, c);
            int32_t e = ocp_tree_span_end(t, c);
            if (s < prev_end || e < s || e > hi) {
                ok = false;
                break;
            }
            prev_end = e;
            if (sp == cap) {
                cap *= 2;
                stack = realloc(stack, (size_t) cap * sizeof(int32_t));
                if (!stack) {
                    exit(2);
                }
            }
            stack[sp++] = c;
        }
    }
    free(stack);
    return ok;
}

static void random_inputs_parse_with_nested_spans_and_bounded_work(void)
{
    size_t npieces = sizeof PIECES / sizeof PIECES[0];
    for (int i = 0; i < 3000; i++) {
        uint8_t md[64 * 12];
        int32_t len = 0;
        uint32_t count = 1 + next_random(60);
        for (uint32_t k = 0; k < count; k++) {
            const char *p = PIECES[next_random((uint32_t) npieces)];
            size_t pl = p[0] == 0 ? 1 : strlen(p); /* the NUL piece is one byte */
            memcpy(md + len, p, pl);
            len += (int32_t) pl;
        }
        harness h;
        ocp_options o = harness_defaults();
        harness_parse_bytes(&h, md, len, &o);
        CHECK(h.status == OCP_OK, "random input %d fails: %s", i, h.ctx.message);
        if (h.status == OCP_OK) {
            for (int32_t k = 0; k < h.paragraph_count; k++) {
                CHECK(spans_nest(&h, h.paragraphs[k]), "random input %d: spans of paragraph %d", i, (int) k);
            }
            /* Random inputs measure a few units of work per byte; the hostile maximum is about 36. */
            CHECK(h.work <= 64 * (int64_t) len + 64, "random input %d: work %lld for %d bytes", i,
                  (long long) h.work, (int) len);
        }
        harness_free(&h);
    }
}

int main(void)
{
    work_grows_linearly(OCP_FLAVOR_REFERENCE);
    work_grows_linearly(OCP_FLAVOR_MICROMARK);
    max_inline_nesting();
    random_inputs_parse_with_nested_spans_and_bounded_work();
    return check_report("inline_growth_test");
}
