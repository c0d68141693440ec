package dev.ocp.tck;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The kit's input generators ({@link Inputs}) for an engine's own tests, so that the kit and the engine draw from
 * one generator instead of copies: the sample, generated and random documents, the pathological and deeply nested
 * ones, and the hostile patterns per extension. Every generator is deterministic for its seed.
 */
public final class KitInputs {
    private KitInputs() {
    }

    /**
     * A copy of the kit's sample document, which uses every construct of CommonMark.
     *
     * @return its UTF-8 bytes
     */
    public static byte[] sample() {
        return Inputs.SAMPLE_BYTES.clone();
    }

    /**
     * Documents generated from {@code seed} by the kit's Markdown generator.
     *
     * @param seed  the seed
     * @param count how many
     * @return their UTF-8 bytes
     */
    public static List<byte[]> generated(long seed, int count) {
        return Inputs.generated(seed, count);
    }

    /**
     * Random byte strings, mostly not UTF-8, for parsers that must survive anything.
     *
     * @param seed  the seed
     * @param count how many
     * @return the byte strings
     */
    public static List<byte[]> randomBytes(long seed, int count) {
        return Inputs.randomBytes(seed, count);
    }

    /**
     * Inputs known to make naive Markdown parsers quadratic or worse, by name.
     *
     * @return the inputs
     */
    public static Map<String, byte[]> pathological() {
        return Inputs.pathological();
    }

    /**
     * cmark's pathological patterns and their kin, each as a function of its size in bytes (about), by name.
     *
     * @return each pattern as a function of its size
     */
    public static Map<String, IntFunction<String>> cmarkHostile() {
        return Inputs.cmarkHostile();
    }

    /**
     * GFM patterns that grow with their size and punish naive table, autolink and strikethrough parsing, by name.
     *
     * @return each pattern as a function of its size
     */
    public static Map<String, IntFunction<String>> gfmHostile() {
        return Inputs.gfmHostile();
    }

    /**
     * GFM patterns that grow with their size and punish naive autolink and footnote scanning in the
     * {@link dev.ocp.Flavor#MICROMARK} flavor, by name.
     *
     * @return each pattern as a function of its size
     */
    public static Map<String, IntFunction<String>> micromarkHostile() {
        return Inputs.micromarkHostile();
    }

    /**
     * MDX patterns that grow with their size and punish naive JSX, expression and ESM scanning, by name.
     *
     * @return each pattern as a function of its size
     */
    public static Map<String, IntFunction<String>> mdxHostile() {
        return Inputs.mdxHostile();
    }

    /**
     * Math patterns that grow with their size, by name.
     *
     * @return each pattern as a function of its size
     */
    public static Map<String, IntFunction<String>> mathHostile() {
        return Inputs.mathHostile();
    }

    /**
     * One of markdown-rs's cases that expects a syntax error.
     *
     * @param source   where in markdown-rs's tests the case comes from
     * @param mdx      whether it is parsed as MDX
     * @param markdown the input
     * @param error    the message markdown-rs gives
     */
    public record ErrorCase(String source, boolean mdx, String markdown, String error) {
    }

    /**
     * markdown-rs's cases that expect a syntax error, from the kit's case file.
     *
     * @return the cases
     */
    public static List<ErrorCase> markdownRsErrorCases() {
        return ReferenceCase.all().stream().filter(c -> c.error() != null)
                .map(c -> new ErrorCase(c.source(), c.dialect() == dev.ocp.Dialect.MDX, c.markdown(), c.error()))
                .toList();
    }

    /**
     * Deeply nested inputs, by name.
     *
     * @return the inputs
     */
    public static Map<String, byte[]> deepNesting() {
        return Inputs.deepNesting();
    }

    /**
     * Ill-formed UTF-8 inputs, by name.
     *
     * @return the inputs
     */
    public static Map<String, byte[]> invalidUtf8() {
        return Inputs.invalidUtf8();
    }

    /**
     * Inputs with NUL bytes, by name.
     *
     * @return the inputs
     */
    public static Map<String, byte[]> nulBytes() {
        return Inputs.nulBytes();
    }
}
