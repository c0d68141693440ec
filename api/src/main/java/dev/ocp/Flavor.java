package dev.ocp;

/**
 * Which reading a parse follows where the two families of Markdown parsers part ways on the same syntax.
 *
 * <p>{@link #REFERENCE}, the default, reads as CommonMark's reference implementations do (cmark, and for GFM
 * cmark-gfm's spec and commonmark-java's extensions), whose HTML the spec examples fix. {@link #MICROMARK} reads as
 * micromark does, the parser of the JavaScript toolchain (remark, unified, MDX), where it departs from them: choose
 * it when the tree goes on to remark's plugins and must be the one they would have built themselves
 * ({@code toMdast}). Which constructs a flavor changes is listed in {@code docs/conformance.md}; everything else
 * parses the same under both.
 */
public enum Flavor {
    /** CommonMark's reference implementations and the GFM spec: the default. */
    REFERENCE(0, "reference"),
    /**
     * micromark's reading where it departs from the reference: with {@link Extension#GFM}, autolink literals as
     * micromark-extension-gfm-autolink-literal finds them ({@code www.} in any case and after brackets, no
     * {@code ftp://}, a path that ends before a {@code ]} only trailing punctuation follows, e-mail addresses tried
     * first) and footnote labels as micromark-extension-gfm-footnote reads them (escaped brackets in, whitespace
     * out); in every dialect, {@code [x][ ]} as no reference and labels matched by JavaScript's case mapping.
     */
    MICROMARK(1, "micromark");

    private final int code;
    private final String id;

    Flavor(int code, String id) {
        this.code = code;
        this.id = id;
    }

    /**
     * The flavor's number in the C core's options ({@code ocp_options.flavor}).
     *
     * @return 0 for {@link #REFERENCE}, 1 for {@link #MICROMARK}
     */
    public int code() {
        return code;
    }

    /**
     * The flavor's name in lower case, as the command line writes it.
     *
     * @return {@code reference} or {@code micromark}
     */
    public String id() {
        return id;
    }

    /**
     * Looks a flavor up by its {@link #id()}, ignoring case.
     *
     * @param id a name such as {@code micromark}
     * @return the flavor
     * @throws IllegalArgumentException naming the known flavors if none has that name
     */
    public static Flavor byId(String id) {
        for (Flavor f : values()) {
            if (f.id.equalsIgnoreCase(id.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown flavor '" + id + "'; known: reference, micromark");
    }
}
