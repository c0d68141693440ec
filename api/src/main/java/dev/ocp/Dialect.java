package dev.ocp;

/**
 * The base syntax a document is parsed as, over which {@link Extension}s may be switched on: {@link #COMMONMARK} or
 * {@link #MDX}. GitHub's Markdown is CommonMark with {@link Extension#GFM}
 * ({@code ParseOptions.of(Dialect.COMMONMARK, Extension.GFM)}): each syntax has one name. The base is recorded in the
 * OCP header (with the extensions in its flags), so a reader always knows which node kinds it may meet.
 */
public enum Dialect {
    /** CommonMark 0.31.2: the base dialect of Markdown. */
    COMMONMARK(0),
    /** The MDX base: CommonMark without indented code, HTML and angle-bracket autolinks, plus JSX elements,
     *  expressions and ESM. A real MDX site adds {@link Extension#GFM}, {@link Extension#FRONTMATTER} and
     *  {@link Extension#MATH}. */
    MDX(2);

    private final int code;

    Dialect(int code) {
        this.code = code;
    }

    /**
     * The number that stands for this dialect in an OCP header.
     *
     * @return the dialect's number in the OCP header
     */
    public int code() {
        return code;
    }

    /**
     * Looks up a dialect by its number in an OCP header.
     *
     * @param code a dialect number from an OCP header
     * @return the dialect with that number
     * @throws OcpException with {@link OcpException.Code#CORRUPT_PAYLOAD} if no dialect has that number
     */
    public static Dialect fromCode(int code) {
        if (code == dev.ocp.spi.OcpFormat.DIALECT_GFM) {
            return COMMONMARK; // CommonMark with the GFM extension, as headers write it (OcpFormat.dialectCode)
        }
        for (Dialect d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new OcpException(OcpException.Code.CORRUPT_PAYLOAD, "unknown dialect number " + code);
    }
}
