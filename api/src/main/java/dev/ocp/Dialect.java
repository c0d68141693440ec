package dev.ocp;

/**
 * The Markdown dialect a document is parsed as. The dialect is recorded in the OCP header, so a reader
 * always knows which node kinds it may meet.
 */
public enum Dialect {
    /** CommonMark 0.31.2, nothing more. */
    COMMONMARK(0),
    /** CommonMark plus the GitHub Flavored Markdown extensions (tables, strikethrough, task lists,
     *  autolink literals, footnotes). */
    GFM(1),
    /** CommonMark plus MDX: JSX elements, expressions, ESM, frontmatter and math. */
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
        for (Dialect d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        throw new OcpException(OcpException.Code.CORRUPT_PAYLOAD, "unknown dialect number " + code);
    }
}
