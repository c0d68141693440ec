package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.KitInputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile documents cost work linear in their size, measured through both phases: the block parser's work counter
 * plus the inline parser's (definitions and reference lookups included), never a clock. For an input 8 times
 * larger the work must grow less than 20 times (a quadratic pattern grows 64 times).
 *
 * <p>The hostile patterns and where each is covered (inline-only patterns are in {@link InlineGrowthTest},
 * which measures the inline parser alone; this class also runs those through the whole engine at a megabyte):
 * <table>
 * <caption>pattern: tests</caption>
 * <tr><td>thousands of nested brackets</td><td>InlineGrowthTest "[ flood", "[ and ] floods"</td></tr>
 * <tr><td>nested block quotes</td><td>"nested block quotes", "deep quotes, many lines", "lazy lines under deep
 *     quotes"; BlockLinearityTest</td></tr>
 * <tr><td>nested list items</td><td>"nested bullet items", "nested ordered items", "quotes and items
 *     alternating", "list indentation growing", "blank lines after deep items", "blank lines in quotes in deep
 *     items", "indentation under deep items"; BlockLinearityTest</td></tr>
 * <tr><td>unclosed emphasis openers</td><td>InlineGrowthTest "unclosed openers", "rule of three", "mixed
 *     runs"</td></tr>
 * <tr><td>runs of backticks</td><td>InlineGrowthTest "backtick runs of growing length", "unmatched
 *     backticks"</td></tr>
 * <tr><td>link reference chains</td><td>"references chained in one paragraph", "definitions in one paragraph",
 *     "labels colliding in a 32-bit hash"; InlineGrowthTest "shortcut references", "full references"</td></tr>
 * <tr><td>{@code [} and {@code ![} floods</td><td>InlineGrowthTest "[ flood", "![ flood"</td></tr>
 * <tr><td>long runs of entities</td><td>InlineGrowthTest "entities", "almost entities"; "entities in
 *     link destinations"</td></tr>
 * <tr><td>deeply nested inline links</td><td>InlineGrowthTest "nested inline links", "nested images";
 *     "links in images alternating"</td></tr>
 * </table>
 *
 * <p>GFM's known blow-ups (tables of thousands of columns or rows, table-like lines that fail late, runs of
 * tildes, autolink candidates with thousands of dots, underscores or parentheses, footnote floods and nesting)
 * are the TCK's {@code Inputs.gfmHostile()}, measured here with GFM on and in the C core by gfm_growth_test.c.
 */
class DocumentGrowthTest {
    private static final int SMALL = 4_000;
    private static final ParseOptions UNLIMITED = ParseOptions.defaults().withMaxNestingDepth(1 << 30)
            .withMaxInlineNesting(1 << 30);

    static Stream<Arguments> patterns() {
        return Stream.of(
                pattern("nested block quotes", n -> ">".repeat(n) + " x\n"),
                pattern("deep quotes, many lines", n -> (">".repeat(100) + " x\n").repeat(n / 100)),
                pattern("lazy lines under deep quotes", n -> ">".repeat(n) + " x\n" + "lazy\n".repeat(n)),
                pattern("nested bullet items", n -> "- ".repeat(n) + "x\n"),
                pattern("nested ordered items", n -> "1. ".repeat(n) + "x\n"),
                pattern("quotes and items alternating", n -> "> 1) ".repeat(n) + "x\n" + "\n".repeat(n)),
                pattern("list indentation growing", DocumentGrowthTest::growingIndent),
                pattern("blank lines after deep items", n -> "- ".repeat(n / 4) + "x\n" + "\n".repeat(n) + "    y\n"),
                pattern("blank lines in quotes in deep items", n -> "- > ".repeat(n / 8) + "x\n" + "\n".repeat(n)),
                pattern("indentation under deep items", n -> "- ".repeat(n / 100) + "x\n"
                        + (" ".repeat(n / 50) + "y\n").repeat(50)),
                pattern("sibling items of deep lists", n -> ("- ".repeat(50) + "x\n").repeat(n / 50)),
                pattern("fence openers", n -> "```\n~~~\n".repeat(n)),
                pattern("HTML block openers", n -> "<!--\n<div>\n<?\n".repeat(n)),
                pattern("setext underlines after definitions", n -> "[a]: /u\n===\n".repeat(n)),
                pattern("definitions in one paragraph", n -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        sb.append("[d").append(i).append("]: /u").append(i).append(" 't'\n");
                    }
                    return sb.append('\n').toString();
                }),
                pattern("references chained in one paragraph", n -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        sb.append("[d").append(i).append("]: /u\n");
                    }
                    sb.append('\n');
                    for (int i = 0; i < n; i++) {
                        sb.append("[d").append(i).append("][d").append(n - 1 - i).append("][x]");
                    }
                    return sb.append('\n').toString();
                }),
                pattern("unfinished definitions", n -> "[a]: <\n[b]:\n[c]: /u '\n".repeat(n)),
                pattern("labels colliding in a 32-bit hash", DocumentGrowthTest::collidingLabels),
                pattern("links in images alternating", n -> "![[".repeat(n) + "a" + "](b)](c)".repeat(n)),
                pattern("entities in link destinations", n -> "[a](" + "&amp;&#35;".repeat(n) + ")\n"));
    }

    private static Arguments pattern(String name, IntFunction<String> make) {
        return Arguments.of(name, make);
    }

    /** Block and inline work for one parse. */
    private static long work(String markdown, ParseOptions options) {
        byte[] src = markdown.getBytes(StandardCharsets.UTF_8);
        TreeBuilder tree = new TreeBuilder();
        tree.reset(options.maxNodes());
        BlockParser parser = new BlockParser(src, src.length, options, tree);
        parser.parse();
        return parser.work() + parser.inlineWork();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void workGrowsLinearly(String name, IntFunction<String> make) {
        assertLinear(name, make, UNLIMITED);
    }

    /** The known blow-ups of GFM parsers (the TCK's, which the C core's gfm_growth_test measures too). */
    static Stream<Arguments> gfmPatterns() {
        return KitInputs.gfmHostile().entrySet().stream().map(e -> pattern(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gfmPatterns")
    void gfmWorkGrowsLinearly(String name, IntFunction<String> make) {
        assertLinear(name, make, UNLIMITED.withExtensions(Extension.GFM));
    }

    /** GFM's known blow-ups and the flavor's own, read as micromark reads them. */
    static Stream<Arguments> micromarkPatterns() {
        return Stream.concat(KitInputs.gfmHostile().entrySet().stream(), KitInputs.micromarkHostile().entrySet().stream())
                .map(e -> pattern(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("micromarkPatterns")
    void micromarkWorkGrowsLinearly(String name, IntFunction<String> make) {
        assertLinear(name, make, UNLIMITED.withExtensions(Extension.GFM).withFlavor(Flavor.MICROMARK));
    }

    /** Frontmatter's and math's possible blow-ups, with every extension on (the C core: gfm_growth_test.c). */
    static Stream<Arguments> mathPatterns() {
        return KitInputs.mathHostile().entrySet().stream().map(e -> pattern(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mathPatterns")
    void mathWorkGrowsLinearly(String name, IntFunction<String> make) {
        assertLinear(name, make, UNLIMITED.withExtensions(EnumSet.of(Extension.GFM, Extension.FRONTMATTER, Extension.MATH)));
    }

    /** MDX's possible blow-ups, read as MDX with every extension on. */
    static Stream<Arguments> mdxPatterns() {
        return KitInputs.mdxHostile().entrySet().stream().map(e -> pattern(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mdxPatterns")
    void mdxWorkGrowsLinearly(String name, IntFunction<String> make) {
        assertLinear(name, make, UNLIMITED.withDialect(Dialect.MDX).withExtensions(EnumSet.of(Extension.GFM, Extension.FRONTMATTER, Extension.MATH)));
    }

    private static void assertLinear(String name, IntFunction<String> make, ParseOptions options) {
        String smallInput = make.apply(SMALL);
        String largeInput = make.apply(8 * SMALL);
        long small = work(smallInput, options);
        long large = work(largeInput, options);
        assertTrue(small > SMALL, name + ": the counter measured something (" + small + ")");
        assertTrue(largeInput.length() >= 6 * smallInput.length(), name + ": the larger input is about 8x");
        assertTrue(large < 20 * small, name + ": 8x input cost " + (double) large / small + "x the work (" + small
                + " -> " + large + ")");
    }

    static Stream<Arguments> allPatterns() {
        return Stream.concat(patterns(), InlineGrowthTest.patterns());
    }

    /**
     * Every pattern, this class's and {@link InlineGrowthTest}'s, at a megabyte or more through the whole engine: a
     * quadratic pattern would take minutes here, which a run shows even though nothing is timed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allPatterns")
    void aMegabyteOfEachPatternParsesThroughTheEngine(String name, IntFunction<String> make) {
        OcpEngine engine = Ocp.engine("java");
        String input = make.apply(SMALL);
        int n = SMALL;
        while (input.length() < 1 << 20) {
            n *= 2;
            input = make.apply(n);
        }
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        try (OcpDocument doc = engine.parse(src, UNLIMITED)) {
            assertEquals(src.length, doc.cursor().sourceLength(), name);
            assertTrue(doc.nodeCount() > 1, name + ": a tree was built");
        }
    }

    private static String growingIndent(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 10 * n; i++) {
            sb.append(" ".repeat(2 * i)).append("- a\n");
        }
        return sb.toString();
    }

    // ---- labels built to collide in FNV-1a, the kind of hash a reference table would use ----

    /**
     * Two blocks that take FNV-1a's start state to the same state, then two that do so again from there and from
     * every state they lead to (found by a birthday search; {@link #collidingLabels} checks that they still do).
     * Choosing one of each pair per block gives 2^k labels with one hash: Joux's multicollisions.
     */
    private static final String[][] PAIRS = {{"7yzl", "e6ap"}, {"5uzl", "g2ap"}};
    private static final int BLOCKS = 14;

    private static int fnv(String s) {
        int h = 0x811C9DC5;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i) & 0xFF) * 0x01000193;
        }
        return h;
    }

    /**
     * {@code n} (a power of two times {@link #SMALL}'s share) definitions whose labels all hash alike, then a
     * reference to each: 2^k labels of {@link #BLOCKS} blocks each, choosing one of two colliding blocks per block.
     */
    private static String collidingLabels(int n) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n / 2) - 1);
        bits = Math.min(bits, BLOCKS);
        List<String> labels = new ArrayList<>();
        for (int v = 0; v < 1 << bits; v++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < BLOCKS; k++) {
                sb.append(PAIRS[Math.min(k, 1)][k < bits ? v >> k & 1 : 0]);
            }
            labels.add(sb.toString());
            assertEquals(fnv(labels.get(0)), fnv(sb.toString()), "the labels collide");
        }
        StringBuilder sb = new StringBuilder();
        for (String label : labels) {
            sb.append('[').append(label).append("]: /u\n");
        }
        sb.append('\n');
        for (String label : labels) {
            sb.append('[').append(label).append("] ");
        }
        return sb.append('\n').toString();
    }
}
