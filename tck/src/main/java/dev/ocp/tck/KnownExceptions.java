package dev.ocp.tck;

import java.util.Map;

/**
 * The spec examples this project does not pass, each with the reason: the kit's explicit exceptions, which
 * {@code docs/conformance.md} lists and justifies in full. The conformance check skips a listed example with
 * its reason and fails when one passes after all, so an entry cannot outlive its reason.
 */
final class KnownExceptions {
    /** The CommonMark 0.31.2 spec, as {@code commonmark-test-util} ships it. */
    static final String COMMONMARK_SPEC = "/spec.txt";
    /** The GFM spec (cmark-gfm 0.29-gfm), as {@code commonmark-test-util} ships it. */
    static final String GFM_SPEC = "/gfm-spec.txt";

    /**
     * The GFM spec of 2019 predates CommonMark 0.30, which stopped collapsing strong emphasis nested directly in
     * strong emphasis; this project follows CommonMark 0.31.2, whose own example says the opposite.
     */
    private static String nestedStrong(int commonMarkExample) {
        return "GitHub's 2019 spec (CommonMark 0.29) collapses strong emphasis nested in strong emphasis; CommonMark "
                + "0.31.2, which the engines follow, keeps both (its spec.txt example " + commonMarkExample + ")";
    }

    /** Example number to reason, per spec file. CommonMark: none; every engine must pass all 652. */
    private static final Map<String, Map<Integer, String>> EXCEPTIONS = Map.of(
            COMMONMARK_SPEC, Map.of(),
            GFM_SPEC, Map.of(
                    398, nestedStrong(389),
                    426, nestedStrong(417),
                    434, nestedStrong(425),
                    435, nestedStrong(426),
                    436, nestedStrong(427),
                    473, nestedStrong(464),
                    474, nestedStrong(465),
                    475, nestedStrong(466),
                    477, nestedStrong(468)));

    /**
     * A link or an image that crosses an element's tag: every tree builder rejects it with end-tag-mismatch, each
     * at its own place.
     */
    private static final String LINK_ACROSS_A_TAG = "a link or image that crosses a JSX element's tag: markdown-rs's "
            + "to_html writes it; its to_mdast rejects it with end-tag-mismatch at the closing tag, with words that "
            + "name the paragraph, micromark's tree builder at the link's start, and a parse here at the link's end, "
            + "with the words markdown-rs uses for emphasis that crosses a tag";

    /** markdown-rs's cases ({@link ReferenceCase#source()} to reason) that this project does not pass. */
    private static final Map<String, String> REFERENCE_CASES = Map.ofEntries(
            Map.entry("tests/math_flow.rs:210", "a last line of only the fence's indentation, at the end of the "
                    + "input, is an empty line of the math block here, as it is of a fenced code block in CommonMark's "
                    + "reference implementations (cmark, commonmark.js, commonmark-java); markdown-rs and micromark "
                    + "drop it from both"),
            Map.entry("tests/mdx_jsx_text.rs:1254", LINK_ACROSS_A_TAG),
            Map.entry("tests/mdx_jsx_text.rs:1260", LINK_ACROSS_A_TAG));

    /** Spec examples whose Markdown output does not round-trip ({@link MarkdownSuite}), per spec file. */
    private static final Map<String, Map<Integer, String>> ROUND_TRIP = Map.of(
            COMMONMARK_SPEC, Map.of(),
            GFM_SPEC, Map.of());

    /**
     * @return why the example's Markdown output does not round-trip, or {@code null} if it must
     */
    static String roundTripReason(String resource, int number) {
        return ROUND_TRIP.getOrDefault(resource, Map.of()).get(number);
    }

    private KnownExceptions() {
    }

    /**
     * @param resource a spec file's resource name
     * @param example  an example number of it
     * @return why the example is not passed, or {@code null} when it must pass
     */
    static String reason(String resource, int example) {
        return EXCEPTIONS.getOrDefault(resource, Map.of()).get(example);
    }

    /**
     * @param c one of markdown-rs's cases
     * @return why the case is not passed, or {@code null} when it must pass
     */
    static String reason(ReferenceCase c) {
        return REFERENCE_CASES.get(c.source());
    }
}
