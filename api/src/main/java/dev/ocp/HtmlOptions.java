package dev.ocp;

import java.util.Objects;

/**
 * How {@link OcpDocument#renderHtml(Appendable, HtmlOptions)} writes HTML. Immutable; start from
 * {@link #defaults()} (CommonMark's reference HTML) or {@link #safe()} (for Markdown from people you do not trust)
 * and change what you need with the {@code with...} methods.
 *
 * <p><b>Untrusted input.</b> Markdown lets its author write any HTML, and any link destination. With
 * {@link #escapeHtml()} raw HTML (blocks and inline) is written as text, so no element, attribute or script of
 * the author's reaches the page; with {@link #sanitizeUrls()} a link or image whose destination would run code
 * or read local files ({@code javascript:}, {@code vbscript:}, {@code file:}, and {@code data:} other than a PNG,
 * GIF, JPEG or WebP image), whatever its case and with the whitespace and control characters a browser ignores,
 * gets an empty destination instead. Together ({@link #safe()}) the output holds only the elements Markdown
 * writes, with their own attributes. MDX's JSX elements are never written as HTML (only their children are), and
 * its expressions and ESM not at all, with or without these options.
 *
 * @param escapeHtml   write raw HTML blocks and inline HTML as text (an HTML block as a paragraph of its text)
 * @param sanitizeUrls give links and images with a dangerous destination an empty one
 * @param softBreak    what a soft line break becomes (CommonMark: a line ending, {@code "\n"}); for example
 *                     {@code " "} or {@code "<br />\n"}
 * @param tagFilter    whether GFM's tagfilter applies to raw HTML (escaping the {@code <} of {@code <script>},
 *                     {@code <iframe>} and seven other tags)
 * @param headingIds   give each heading an {@code id}: its GitHub slug ({@link dev.ocp.toc.Slugger}), unique within
 *                     the document, as {@link dev.ocp.toc.Headings} lists them, so that a table of contents links
 *                     to them
 */
public record HtmlOptions(boolean escapeHtml, boolean sanitizeUrls, String softBreak, TagFilter tagFilter,
                          boolean headingIds) {

    /** When GFM's tagfilter applies to raw HTML that is written as HTML. */
    public enum TagFilter {
        /** For documents parsed with GFM, as GitHub renders them (the default). */
        BY_DIALECT,
        /** Always. */
        ALWAYS,
        /** Never, GFM or not. */
        NEVER
    }

    private static final HtmlOptions DEFAULTS = new HtmlOptions(false, false, "\n", TagFilter.BY_DIALECT, false);
    private static final HtmlOptions SAFE = new HtmlOptions(true, true, "\n", TagFilter.BY_DIALECT, false);

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code softBreak} or {@code tagFilter} is null
     */
    public HtmlOptions {
        Objects.requireNonNull(softBreak, "softBreak");
        Objects.requireNonNull(tagFilter, "tagFilter");
    }

    /**
     * CommonMark's reference HTML (GitHub's for GFM): raw HTML and every destination as written.
     *
     * @return the default options
     */
    public static HtmlOptions defaults() {
        return DEFAULTS;
    }

    /**
     * For untrusted Markdown: {@link #escapeHtml()} and {@link #sanitizeUrls()} on (what {@code ocp html --safe}
     * writes).
     *
     * @return the safe options
     */
    public static HtmlOptions safe() {
        return SAFE;
    }

    /**
     * Returns these options with raw HTML written as text, or not.
     *
     * @param escape whether raw HTML is written as text
     * @return a copy with it
     */
    public HtmlOptions withEscapeHtml(boolean escape) {
        return new HtmlOptions(escape, sanitizeUrls, softBreak, tagFilter, headingIds);
    }

    /**
     * Returns these options with dangerous destinations emptied, or not.
     *
     * @param sanitize whether dangerous destinations are emptied
     * @return a copy with it
     */
    public HtmlOptions withSanitizeUrls(boolean sanitize) {
        return new HtmlOptions(escapeHtml, sanitize, softBreak, tagFilter, headingIds);
    }

    /**
     * Returns these options with another soft line break.
     *
     * @param text what a soft line break becomes, written as it is (it is not escaped)
     * @return a copy with it
     */
    public HtmlOptions withSoftBreak(String text) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, text, tagFilter, headingIds);
    }

    /**
     * Returns these options with another tagfilter rule.
     *
     * @param filter when GFM's tagfilter applies
     * @return a copy with it
     */
    public HtmlOptions withTagFilter(TagFilter filter) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, softBreak, filter, headingIds);
    }

    /**
     * Returns these options with or without heading ids ({@link #headingIds()}).
     *
     * @param ids whether each heading gets its GitHub slug as its {@code id}
     * @return a copy with it
     */
    public HtmlOptions withHeadingIds(boolean ids) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, softBreak, tagFilter, ids);
    }
}
