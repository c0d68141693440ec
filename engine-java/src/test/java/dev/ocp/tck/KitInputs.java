package dev.ocp.tck;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The TCK's input generators ({@link Inputs}, package-private in the kit) for this engine's own tests, so that
 * both draw from one generator instead of a copy. Lives in the kit's package on the test class path only.
 */
public final class KitInputs {
    private KitInputs() {
    }

    /** @see Inputs#SAMPLE_BYTES */
    public static byte[] sample() {
        return Inputs.SAMPLE_BYTES.clone();
    }

    /** @see Inputs#generated(long, int) */
    public static List<byte[]> generated(long seed, int count) {
        return Inputs.generated(seed, count);
    }

    /** @see Inputs#randomBytes(long, int) */
    public static List<byte[]> randomBytes(long seed, int count) {
        return Inputs.randomBytes(seed, count);
    }

    /** @see Inputs#pathological() */
    public static Map<String, byte[]> pathological() {
        return Inputs.pathological();
    }

    /** @see Inputs#gfmHostile() */
    public static Map<String, IntFunction<String>> gfmHostile() {
        return Inputs.gfmHostile();
    }

    /** @see Inputs#mdxHostile() */
    public static Map<String, IntFunction<String>> mdxHostile() {
        return Inputs.mdxHostile();
    }

    /** @see Inputs#mathHostile() */
    public static Map<String, IntFunction<String>> mathHostile() {
        return Inputs.mathHostile();
    }

    /** One of markdown-rs's cases that expects a syntax error ({@link ReferenceCase}). */
    public record ErrorCase(String source, boolean mdx, String markdown, String error) {
    }

    /** @return markdown-rs's cases that expect a syntax error, from the kit's file */
    public static List<ErrorCase> markdownRsErrorCases() {
        return ReferenceCase.all().stream().filter(c -> c.error() != null)
                .map(c -> new ErrorCase(c.source(), c.dialect() == dev.ocp.Dialect.MDX, c.markdown(), c.error()))
                .toList();
    }

    /** @see Inputs#deepNesting() */
    public static Map<String, byte[]> deepNesting() {
        return Inputs.deepNesting();
    }

    /** @see Inputs#invalidUtf8() */
    public static Map<String, byte[]> invalidUtf8() {
        return Inputs.invalidUtf8();
    }

    /** @see Inputs#nulBytes() */
    public static Map<String, byte[]> nulBytes() {
        return Inputs.nulBytes();
    }
}
