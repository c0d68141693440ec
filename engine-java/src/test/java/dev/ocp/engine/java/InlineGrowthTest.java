package dev.ocp.engine.java;

import dev.ocp.Flavor;
import dev.ocp.ParseOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile inputs cost work linear in their size. Work is {@link InlineParser#work}, a deterministic count of the
 * bytes and stack entries the parser examined including every rescan, so the check does not depend on timing:
 * for an input 8 times larger the work must grow less than 20 times (a quadratic pattern grows 64 times).
 */
class InlineGrowthTest {
    private static final int SMALL = 4_000;

    static Stream<Arguments> patterns() {
        return Stream.of(
                pattern("[ flood", n -> "[".repeat(n)),
                pattern("![ flood", n -> "![".repeat(n)),
                pattern("[ and ] floods", n -> "[".repeat(n) + "]".repeat(n)),
                pattern("shortcut references", n -> "[x]: /u\n\n" + "[x]".repeat(n)),
                pattern("nested inline links", n -> "[".repeat(n) + "a" + "](b)".repeat(n)),
                pattern("nested images", n -> "![".repeat(n) + "a" + "](b)".repeat(n)),
                pattern("open destinations", n -> "[a](".repeat(n)),
                pattern("unbalanced destinations", n -> "[a](b".repeat(n) + " x"),
                pattern("unclosed titles", n -> "[a](b \"".repeat(n)),
                pattern("unclosed titles of every kind", n -> "[a](b \"[a](b '[a](b (".repeat(n)),
                pattern("unclosed pointy destinations", n -> "[a](<b".repeat(n)),
                pattern("full references", n -> "[x]: /u\n\n" + "[a][".repeat(n)),
                pattern("long link text", n -> "[x]: /u\n\n[" + "a ".repeat(n) + "]"),
                pattern("unclosed openers", n -> "*a ".repeat(n)),
                pattern("unopened closers", n -> "a* ".repeat(n)),
                pattern("rule of three", n -> "*a**".repeat(n)),
                pattern("mixed runs", n -> "**a* _b__ ".repeat(n)),
                pattern("deep emphasis", n -> "*".repeat(n) + "a" + "*".repeat(n)),
                pattern("emphasis in link texts", n -> "[*a*](".repeat(n)),
                pattern("backtick runs of growing length", n -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; sb.length() < 3 * n; i++) {
                        sb.append("`".repeat(i)).append(' ');
                    }
                    return sb.toString();
                }),
                pattern("unmatched backticks", n -> "` a ``".repeat(n)),
                pattern("code spans in brackets", n -> "[`a".repeat(n) + "]`".repeat(n)),
                pattern("entities", n -> "&amp;&#x2A;&#42;".repeat(n)),
                pattern("almost entities", n -> ("&" + "a".repeat(40)).repeat(n / 8)),
                pattern("comment openers", n -> "<!--".repeat(n)),
                pattern("processing instruction openers", n -> "<?".repeat(n)),
                pattern("CDATA openers", n -> "<![CDATA[".repeat(n)),
                pattern("declaration openers", n -> "<!A".repeat(n)),
                pattern("unclosed attribute values", n -> "<a b=\"".repeat(n)),
                pattern("alternating attribute quotes", n -> "<a b=\"<a b='".repeat(n)),
                pattern("autolink openers", n -> "<http:<a@b.".repeat(n)),
                pattern("hard breaks", n -> "a  \n".repeat(n)),
                pattern("escapes", n -> "\\*\\[\\`".repeat(n)),
                pattern("unclosed titles in parentheses", n -> "[a](b (".repeat(n)));
    }

    private static Arguments pattern(String name, IntFunction<String> make) {
        return Arguments.of(name, make);
    }

    private static long work(String markdown, Flavor flavor) {
        InlineHarness h = InlineHarness.parse(markdown.getBytes(StandardCharsets.UTF_8),
                ParseOptions.defaults().withMaxInlineNesting(1 << 30).withFlavor(flavor), new TreeBuilder());
        return h.inline.work;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void workGrowsLinearly(String name, IntFunction<String> make) {
        growsLinearly(name, make, Flavor.REFERENCE);
    }

    /** micromark's reading has scans of its own (titles in parentheses run on past a '(') that must stay linear. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void workGrowsLinearlyInMicromarksReading(String name, IntFunction<String> make) {
        growsLinearly(name, make, Flavor.MICROMARK);
    }

    private static void growsLinearly(String name, IntFunction<String> make, Flavor flavor) {
        long small = work(make.apply(SMALL), flavor);
        long large = work(make.apply(8 * SMALL), flavor);
        assertTrue(small > SMALL, name + ": the counter measured something (" + small + ")");
        assertTrue(large < 20 * small, name + ": 8x input cost " + (double) large / small + "x the work (" + small
                + " -> " + large + ")");
    }
}
