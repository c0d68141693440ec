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
 * @param directives   what a directive (extension {@link Extension#DIRECTIVE}) becomes; {@link Directives#DEFAULT}
 *                     writes each as an element named as it is, its attributes as the element's (the mapping of
 *                     remark-directive-rehype), and none with {@link #escapeHtml()}, where the author's elements are
 *                     not written (the directive's content is)
 */
public record HtmlOptions(boolean escapeHtml, boolean sanitizeUrls, String softBreak, TagFilter tagFilter,
                          boolean headingIds, Directives directives) {

    /**
     * The element a directive becomes.
     *
     * @param element    the element's name; {@code null} to write the directive's content alone
     * @param attributes the element's attributes, written in the map's order (values escaped)
     * @param titleClass for a container directive: when not {@code null}, its label (or {@code defaultTitle} when it
     *                   has none) is written first as {@code <div class="titleClass">}, not as a paragraph
     * @param defaultTitle the title of a container directive without a label, when {@code titleClass} is set
     */
    public record DirectiveTag(String element, java.util.Map<String, String> attributes, String titleClass,
                               String defaultTitle) {
        /**
         * Copies the attributes.
         *
         * @throws NullPointerException if {@code attributes} is null
         */
        public DirectiveTag {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }

        /**
         * An element with attributes, content as it is.
         *
         * @param element    the element's name
         * @param attributes its attributes
         * @return the tag
         */
        public static DirectiveTag of(String element, java.util.Map<String, String> attributes) {
            return new DirectiveTag(element, attributes, null, null);
        }
    }

    /**
     * Decides what each directive becomes in HTML: the hook through which a name is rendered its own way without a
     * renderer of one's own. Directives the mapping gives {@code null} for are written as {@link #DEFAULT} writes
     * them. A mapping is trusted: what it returns is written even with {@link #escapeHtml()}, so it should not pass
     * an author's attributes on to untrusted pages unchecked.
     */
    @FunctionalInterface
    public interface Directives {
        /** Each directive as an element named as it is, with its attributes (see {@link HtmlOptions#directives()}). */
        Directives DEFAULT = (kind, name, attributes) -> null;

        /**
         * Docusaurus' admonitions: a container directive named {@code note}, {@code tip}, {@code info},
         * {@code warning}, {@code danger} or {@code caution} becomes
         * {@code <div class="admonition admonition-NAME">} with its label (or its name) as a
         * {@code <div class="admonition-heading">} title; every other directive as {@link #DEFAULT}.
         */
        Directives DOCUSAURUS = (kind, name, attributes) -> kind == NodeKind.CONTAINER_DIRECTIVE
                && java.util.Set.of("note", "tip", "info", "warning", "danger", "caution").contains(name)
                ? new DirectiveTag("div", java.util.Map.of("class", "admonition admonition-" + name),
                        "admonition-heading", name)
                : null;

        /**
         * What a directive becomes.
         *
         * @param kind       {@link NodeKind#CONTAINER_DIRECTIVE}, {@link NodeKind#LEAF_DIRECTIVE} or
         *                   {@link NodeKind#TEXT_DIRECTIVE}
         * @param name       its name
         * @param attributes its attributes, as {@link OcpNode#directiveAttributes()} folds them
         * @return the element, or {@code null} for the default
         */
        DirectiveTag tag(NodeKind kind, String name, java.util.Map<String, String> attributes);

        /**
         * This mapping for one name, the other names left to this one.
         *
         * @param name    a directive name
         * @param mapping what a directive of that name becomes (given its kind, name and attributes)
         * @return the combined mapping
         */
        default Directives with(String name, Directives mapping) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mapping, "mapping");
            return (kind, n, attributes) -> name.equals(n) ? mapping.tag(kind, n, attributes)
                    : tag(kind, n, attributes);
        }
    }

    /** When GFM's tagfilter applies to raw HTML that is written as HTML. */
    public enum TagFilter {
        /** For documents parsed with GFM, as GitHub renders them (the default). */
        BY_DIALECT,
        /** Always. */
        ALWAYS,
        /** Never, GFM or not. */
        NEVER
    }

    private static final HtmlOptions DEFAULTS = new HtmlOptions(false, false, "\n", TagFilter.BY_DIALECT, false,
            Directives.DEFAULT);
    private static final HtmlOptions SAFE = new HtmlOptions(true, true, "\n", TagFilter.BY_DIALECT, false,
            Directives.DEFAULT);

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code softBreak}, {@code tagFilter} or {@code directives} is null
     */
    public HtmlOptions {
        Objects.requireNonNull(directives, "directives");
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
        return new HtmlOptions(escape, sanitizeUrls, softBreak, tagFilter, headingIds, directives);
    }

    /**
     * Returns these options with dangerous destinations emptied, or not.
     *
     * @param sanitize whether dangerous destinations are emptied
     * @return a copy with it
     */
    public HtmlOptions withSanitizeUrls(boolean sanitize) {
        return new HtmlOptions(escapeHtml, sanitize, softBreak, tagFilter, headingIds, directives);
    }

    /**
     * Returns these options with another soft line break.
     *
     * @param text what a soft line break becomes, written as it is (it is not escaped)
     * @return a copy with it
     */
    public HtmlOptions withSoftBreak(String text) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, text, tagFilter, headingIds, directives);
    }

    /**
     * Returns these options with another tagfilter rule.
     *
     * @param filter when GFM's tagfilter applies
     * @return a copy with it
     */
    public HtmlOptions withTagFilter(TagFilter filter) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, softBreak, filter, headingIds, directives);
    }

    /**
     * Returns these options with or without heading ids ({@link #headingIds()}).
     *
     * @param ids whether each heading gets its GitHub slug as its {@code id}
     * @return a copy with it
     */
    public HtmlOptions withHeadingIds(boolean ids) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, softBreak, tagFilter, ids, directives);
    }

    /**
     * Returns these options with another directive mapping ({@link #directives()}).
     *
     * @param mapping what directives become, for example {@link Directives#DOCUSAURUS}
     * @return a copy with it
     */
    public HtmlOptions withDirectives(Directives mapping) {
        return new HtmlOptions(escapeHtml, sanitizeUrls, softBreak, tagFilter, headingIds, mapping);
    }
}
