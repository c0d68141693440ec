package dev.ocp.html;

import dev.ocp.HtmlOptions;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.OcpNode.Field;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.Output;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.Rendering;
import dev.ocp.internal.Walks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * Renders a tree as HTML: CommonMark's reference HTML for CommonMark nodes (byte for byte what the spec's
 * examples show), GitHub's HTML for the GFM extensions, and the conventions of {@code docs/ocp-format.md}
 * ("HTML rendering") for math and MDX.
 *
 * <p>A visitor of the public walk ({@link OcpCursor#walk}), reading each node through {@link OcpNode}: the walk is
 * iterative and stackless, and the renderer keeps an int per open node (its kind, and whether it is a tight list),
 * so deep nesting costs four bytes a level. Text is decoded from where it lies in the payload straight into the
 * output buffer ({@link OcpNode#stringOffset}); nothing is allocated per node (the info string of a code block
 * aside), save a label table for footnotes.
 */
final class HtmlWriter extends Rendering {
    /** The depth of a walk's root in {@link #open}: its parent and grandparent come before it. */
    private static final int ROOT = 2;

    private final Output out;
    private final HtmlOptions options;
    /** How raw HTML is written: as it is, through GFM's tagfilter, or escaped as text. */
    private final int rawHtml;
    /** A cursor for what the walk does not show: nodes around a walk's root, the next table row, footnotes. */
    private final OcpCursor look;
    /** The document's heading ids so far, when headings get them; {@code null} otherwise. */
    private final dev.ocp.toc.Slugger slugger;
    /** The payload, whose strings are written from where they are. */
    private final ByteBuffer payload;
    /** The root of the walk under way. */
    private int walkRoot;
    /**
     * Per open node, from the walk root's grandparent down: its kind (the ordinal plus one, 0 for a kind of a newer
     * minor version) and {@link #TIGHT} if it is a tight list. Exits read the kind from here.
     */
    private int[] open = new int[32];
    private static final int TIGHT = 0x100;
    /** A container directive's label written as its title ({@link HtmlOptions.DirectiveTag#titleClass()}). */
    private static final int TITLE = 0x200;
    /** Per open directive, innermost last: the element it closes with ({@code null}: none was opened). */
    private final java.util.ArrayDeque<java.util.Optional<String>> directiveElements = new java.util.ArrayDeque<>();
    /** The title class the next label paragraph is written with, set by its container directive. */
    private String titleClass;
    /** Names the tagfilter of GFM keeps from being elements (its nine), lower case. */
    private static final java.util.Set<String> FILTERED = java.util.Set.of("title", "textarea", "style", "xmp",
            "iframe", "noembed", "noframes", "script", "plaintext");
    private static final int LIST = NodeKind.LIST.ordinal();
    private static final NodeKind[] KINDS = NodeKind.values();
    /** The depth of the next node entered. */
    private int depth;
    /** A task item's checkbox waiting for the item's first child (inside its paragraph, or before any other). */
    private boolean checkboxPending;
    private boolean checkboxChecked;
    /** The IMAGE whose description is being written as its {@code alt} text, or NONE. */
    private int plainRoot = NONE;
    /** The footnote whose definition is being written in the footnote section, or null. */
    private Footnote footnote;
    private boolean backrefWritten;
    private Map<String, Footnote> footnotes;
    private final List<Footnote> numbered = new ArrayList<>();

    private HtmlWriter(OcpCursor cursor, Output out, HtmlOptions options) {
        this.out = out;
        this.options = options;
        this.slugger = options.headingIds() ? new dev.ocp.toc.Slugger() : null;
        this.look = cursor.copy();
        this.payload = DocumentMemory.payloadOf(cursor.document());
        // GFM's tagfilter is a rule of GFM's HTML: on for documents parsed with GFM, unless the options say.
        boolean gfm = cursor.extensions().contains(dev.ocp.Extension.GFM);
        boolean filter = switch (options.tagFilter()) {
            case BY_DIALECT -> gfm;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        this.rawHtml = options.escapeHtml() ? Output.HTML : filter ? Output.TAGFILTER : Output.RAW;
    }

    /**
     * Renders the node under the cursor and its subtree (the whole document when the cursor is on the root),
     * then, if footnotes were referenced, the footnote section. The cursor does not move.
     *
     * @param root a cursor on the node to render
     * @param out  where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        render(root, out, HtmlOptions.defaults());
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} with options.
     *
     * @param root    a cursor on the node to render
     * @param out     where to write
     * @param options how to write it
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out, HtmlOptions options) throws IOException {
        write(root, new Output(out).pausing(root.document()), options);
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} into a string, copying the characters once.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @return the HTML
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes) {
        return renderToString(root, payloadBytes, HtmlOptions.defaults());
    }

    /**
     * Renders like {@link #renderToString(OcpCursor, long)} with options.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @param options      how to write it
     * @return the HTML
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes, HtmlOptions options) {
        // HTML is about as long as a payload: the text, plus markup where the payload has a record per node.
        return Output.collect(payloadBytes, output -> write(root, output, options));
    }

    private static void write(OcpCursor root, Output output, HtmlOptions options) throws IOException {
        HtmlWriter r = new HtmlWriter(root, output, options);
        r.walkFrom(root.index());
        r.footnoteSection();
        output.flush();
    }

    /**
     * Walks the subtree of node {@code root}, first looking at what the walk will not show: whether its parent or
     * grandparent is a tight list, and whether it is the paragraph that carries a task item's checkbox.
     */
    private void walkFrom(int root) throws IOException {
        walkRoot = root;
        depth = ROOT;
        open[0] = 0;
        open[1] = 0;
        checkboxPending = false;
        look.moveTo(root);
        boolean paragraph = look.kind() == NodeKind.PARAGRAPH;
        if (look.toParent()) {
            open[1] = look.kind() == NodeKind.LIST && look.isTightList() ? TIGHT : 0;
            if (paragraph && look.isTask() && look.index() + 1 == root) {
                checkboxPending = true;
                checkboxChecked = look.isChecked();
            }
            if (look.toParent()) {
                open[0] = look.kind() == NodeKind.LIST && look.isTightList() ? TIGHT : 0;
            }
        }
        look.moveTo(root);
        walk(look);
    }

    private static boolean isTightList(OcpNode node) {
        return node.kind() == NodeKind.LIST && node.isTightList();
    }

    @Override
    protected boolean enterNode(OcpNode node) throws IOException {
        int d = depth++;
        if (d == open.length) {
            open = java.util.Arrays.copyOf(open, 2 * d);
        }
        NodeKind kind = node.kind();
        open[d] = kind == null ? 0 : kind == NodeKind.LIST && node.isTightList() ? TIGHT | LIST + 1 : kind.ordinal() + 1;
        if (checkboxPending && kind != NodeKind.PARAGRAPH) {
            checkbox(); // the item's first child is no paragraph: the checkbox goes before it
        }
        if (kind == null) {
            return false; // a later minor version's kind: skipped with its subtree
        }
        if (plainRoot != NONE) {
            return enterPlain(node, kind);
        }
        return switch (kind) {
            case DOCUMENT, MDX_JSX_FLOW, MDX_JSX_TEXT -> true;
            case CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                openDirective(node, kind);
                yield true;
            }
            case PARAGRAPH -> {
                if (node.isDirectiveLabel() && titleClass != null) {
                    out.cr();
                    out.raw("<div class=\"");
                    out.escaped(titleClass, Output.HTML);
                    out.raw("\">");
                    titleClass = null;
                    open[d] |= TITLE;
                    yield true;
                }
                if ((open[d - 2] & TIGHT) == 0) {
                    out.cr();
                    out.raw("<p>");
                }
                if (checkboxPending) {
                    checkbox();
                    out.ch(' ');
                }
                yield true;
            }
            case HEADING -> {
                out.cr();
                out.raw("<h");
                out.ch(headingDigit(node));
                String id = node.headingId();
                if (id != null) {
                    // The author's id ({#id}) stands in for the slug, with or without generated ids.
                    out.raw(" id=\"");
                    out.escaped(id, Output.HTML);
                    out.ch('"');
                } else if (slugger != null) {
                    look.moveTo(node.index());
                    out.raw(" id=\"");
                    out.escaped(slugger.slug(dev.ocp.toc.Headings.text(look)), Output.HTML);
                    out.ch('"');
                }
                out.ch('>');
                yield true;
            }
            case THEMATIC_BREAK -> {
                out.cr();
                out.raw("<hr />");
                out.cr();
                yield false;
            }
            case BLOCK_QUOTE -> {
                out.cr();
                out.raw("<blockquote>");
                out.cr();
                yield true;
            }
            case ALERT -> {
                // As github.com writes it, without the octicon before the title.
                OcpNode.AlertType type = node.alertType();
                out.cr();
                out.raw("<div class=\"markdown-alert markdown-alert-");
                out.raw(type.id());
                out.raw("\">");
                out.cr();
                out.raw("<p class=\"markdown-alert-title\">");
                out.raw(type.title());
                out.raw("</p>");
                out.cr();
                yield true;
            }
            case LIST -> {
                out.cr();
                if (node.isOrderedList()) {
                    out.raw("<ol");
                    long start = node.listStart();
                    if (start != 1) {
                        out.raw(" start=\"");
                        out.unsigned((int) start);
                        out.ch('"');
                    }
                    out.ch('>');
                } else {
                    out.raw("<ul>");
                }
                out.cr();
                yield true;
            }
            case LIST_ITEM -> {
                out.raw("<li>");
                if (node.isTask()) {
                    checkboxPending = true;
                    checkboxChecked = node.isChecked();
                }
                yield true;
            }
            case CODE_BLOCK -> {
                out.cr();
                out.raw("<pre><code");
                language(node.bytes(Field.INFO));
                out.ch('>');
                text(node, Field.LITERAL, Output.HTML);
                out.raw("</code></pre>");
                out.cr();
                yield false;
            }
            case HTML_BLOCK -> {
                out.cr();
                if (options.escapeHtml()) {
                    // As text, in a paragraph of its own (its final line ending left out).
                    out.raw("<p>");
                    textWithoutFinalLineEnding(node.bytes(Field.LITERAL));
                    out.raw("</p>");
                } else {
                    text(node, Field.LITERAL, rawHtml);
                }
                out.cr();
                yield false;
            }
            case DEFINITION, FRONTMATTER, MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT, MDX_ESM -> false;
            case TABLE -> {
                out.cr();
                out.raw("<table>");
                out.cr();
                yield true;
            }
            case TABLE_ROW -> {
                if (node.index() == node.parentIndex() + 1) {
                    openSection(node.isTableHeader()); // the table's first row
                }
                out.raw("<tr>");
                out.cr();
                yield true;
            }
            case TABLE_CELL -> {
                out.raw(node.isTableHeader() ? "<th" : "<td");
                out.raw(switch (node.alignment()) {
                    case NONE -> "";
                    case LEFT -> " align=\"left\"";
                    case CENTER -> " align=\"center\"";
                    case RIGHT -> " align=\"right\"";
                });
                out.ch('>');
                yield true;
            }
            case FOOTNOTE_DEFINITION -> {
                if (node.index() != walkRoot) {
                    yield false; // written in the footnote section, if referenced
                }
                if (footnote == null) {
                    yield true; // rendered on its own: just its content
                }
                out.cr();
                out.raw("<li id=\"fn-");
                out.unsigned(footnote.number);
                out.raw("\">");
                out.cr();
                backrefWritten = false;
                yield true;
            }
            case MATH_BLOCK -> {
                out.cr();
                out.raw("<pre><code class=\"language-math math-display\">");
                text(node, Field.LITERAL, Output.HTML);
                out.raw("</code></pre>");
                out.cr();
                yield false;
            }
            case TEXT -> {
                text(node, Field.LITERAL, Output.HTML);
                yield false;
            }
            case SOFT_BREAK -> {
                out.raw(options.softBreak());
                yield false;
            }
            case HARD_BREAK -> {
                out.raw("<br />");
                out.cr();
                yield false;
            }
            case CODE_SPAN -> {
                out.raw("<code>");
                text(node, Field.LITERAL, Output.HTML);
                out.raw("</code>");
                yield false;
            }
            case EMPHASIS -> {
                out.raw("<em>");
                yield true;
            }
            case STRONG -> {
                out.raw("<strong>");
                yield true;
            }
            case STRIKETHROUGH -> {
                out.raw("<del>");
                yield true;
            }
            case LINK -> {
                out.raw("<a href=\"");
                url(node);
                out.ch('"');
                title(node);
                out.ch('>');
                yield true;
            }
            case IMAGE -> {
                out.raw("<img src=\"");
                url(node);
                out.raw("\" alt=\"");
                plainRoot = node.index();
                yield true;
            }
            case HTML_INLINE -> {
                text(node, Field.LITERAL, rawHtml);
                yield false;
            }
            case FOOTNOTE_REFERENCE -> {
                footnoteReference(node);
                yield false;
            }
            case MATH_INLINE -> {
                out.raw("<code class=\"language-math math-inline\">");
                text(node, Field.LITERAL, Output.HTML);
                out.raw("</code>");
                yield false;
            }
        };
    }

    /** Inside an image description only text is written (escaped, for the {@code alt} attribute). */
    private boolean enterPlain(OcpNode node, NodeKind kind) throws IOException {
        return switch (kind) {
            case TEXT, CODE_SPAN, HTML_INLINE, MATH_INLINE -> {
                text(node, Field.LITERAL, Output.HTML);
                yield false;
            }
            case SOFT_BREAK, HARD_BREAK -> {
                out.ch('\n');
                yield false;
            }
            case DEFINITION, FRONTMATTER, CODE_BLOCK, HTML_BLOCK, MATH_BLOCK, THEMATIC_BREAK, MDX_EXPRESSION_FLOW,
                 MDX_EXPRESSION_TEXT, MDX_ESM, FOOTNOTE_DEFINITION -> false;
            case FOOTNOTE_REFERENCE -> {
                reference(node); // no marker in alt text, but a reference all the same (as micromark counts it)
                yield false;
            }
            case DOCUMENT, PARAGRAPH, HEADING, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, TABLE, TABLE_ROW, TABLE_CELL,
                 MDX_JSX_FLOW, EMPHASIS, STRONG, LINK, IMAGE, STRIKETHROUGH, MDX_JSX_TEXT, CONTAINER_DIRECTIVE,
                 LEAF_DIRECTIVE, TEXT_DIRECTIVE -> true;
        };
    }

    @Override
    protected void exitNode(OcpNode node) throws IOException {
        int d = --depth;
        if (plainRoot != NONE) {
            if (node.index() == plainRoot) {
                out.ch('"');
                title(node);
                out.raw(" />");
                plainRoot = NONE;
            }
            return;
        }
        int k = (open[d] & 0xFF) - 1;
        if (k < 0) {
            return;
        }
        // An expression, so that the compiler asks for every kind; the value means nothing more.
        boolean closed = switch (KINDS[k]) {
            case CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                closeDirective(KINDS[k]);
                yield true;
            }
            case PARAGRAPH -> {
                if ((open[d] & TITLE) != 0) {
                    out.raw("</div>");
                    out.cr();
                    yield true;
                }
                if (footnote != null && d == ROOT + 1 && node.nextSiblingIndex() == NONE) {
                    out.ch(' ');
                    backrefs(); // in the definition's last paragraph
                }
                if ((open[d - 2] & TIGHT) == 0) {
                    out.raw("</p>");
                    out.cr();
                }
                yield true;
            }
            case HEADING -> {
                out.raw("</h");
                out.ch(headingDigit(node));
                out.ch('>');
                out.cr();
                yield true;
            }
            case BLOCK_QUOTE -> {
                out.cr();
                out.raw("</blockquote>");
                out.cr();
                yield true;
            }
            case ALERT -> {
                out.cr();
                out.raw("</div>");
                out.cr();
                yield true;
            }
            case LIST -> {
                out.cr();
                out.raw(node.isOrderedList() ? "</ol>" : "</ul>");
                out.cr();
                yield true;
            }
            case LIST_ITEM -> {
                if (checkboxPending) {
                    checkbox(); // an item with no content
                }
                out.raw("</li>");
                out.cr();
                yield true;
            }
            case TABLE -> {
                out.cr();
                out.raw("</table>");
                out.cr();
                yield true;
            }
            case TABLE_ROW -> {
                out.raw("</tr>");
                out.cr();
                // thead and tbody are opened and closed where the header flag changes between rows.
                boolean header = node.isTableHeader();
                int next = nextRow(node);
                if (next == NONE || look.isTableHeader() != header) {
                    out.raw(header ? "</thead>" : "</tbody>");
                    out.cr();
                    if (next != NONE) {
                        openSection(look.isTableHeader());
                    }
                }
                yield true;
            }
            case TABLE_CELL -> {
                out.raw(node.isTableHeader() ? "</th>" : "</td>");
                out.cr();
                yield true;
            }
            case FOOTNOTE_DEFINITION -> {
                if (node.index() == walkRoot && footnote != null) {
                    if (!backrefWritten) {
                        out.cr();
                        backrefs(); // and </li> right after them, as commonmark-java writes it
                    } else {
                        out.cr();
                    }
                    out.raw("</li>");
                    out.cr();
                }
                yield true;
            }
            case EMPHASIS -> {
                out.raw("</em>");
                yield true;
            }
            case STRONG -> {
                out.raw("</strong>");
                yield true;
            }
            case STRIKETHROUGH -> {
                out.raw("</del>");
                yield true;
            }
            case LINK -> {
                out.raw("</a>");
                yield true;
            }
            case DOCUMENT, THEMATIC_BREAK, CODE_BLOCK, HTML_BLOCK, DEFINITION, FRONTMATTER, MATH_BLOCK,
                 MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, IMAGE,
                 HTML_INLINE, FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT -> true;
        };
    }

    /**
     * Opens a directive's element: the mapping's ({@link HtmlOptions#directives()}) or else the default, the name as
     * the element and the attributes as its own. The default writes nothing of the author's where raw HTML would be
     * escaped, nor a name that is no HTML element name or one the tagfilter keeps out, nor an attribute whose name
     * is none; the content is written in every case.
     */
    private void openDirective(OcpNode node, NodeKind kind) throws IOException {
        String name = node.directiveName();
        java.util.Map<String, String> attributes = node.directiveAttributes();
        HtmlOptions.DirectiveTag tag = name == null ? null : options.directives().tag(kind, name, attributes);
        if (tag == null && name != null && !options.escapeHtml() && isElementName(name)
                && !(rawHtml == Output.TAGFILTER && FILTERED.contains(name.toLowerCase(Locale.ROOT)))) {
            tag = HtmlOptions.DirectiveTag.of(name, attributes);
        }
        String element = tag == null || tag.element() == null || !isElementName(tag.element()) ? null : tag.element();
        if (element == null && kind == NodeKind.LEAF_DIRECTIVE) {
            // A leaf's inlines are a block all the same: a paragraph of them.
            element = "p";
            tag = HtmlOptions.DirectiveTag.of("p", Map.of());
        }
        directiveElements.push(java.util.Optional.ofNullable(element));
        boolean block = kind != NodeKind.TEXT_DIRECTIVE;
        if (element != null) {
            if (block) {
                out.cr();
            }
            out.ch('<');
            out.raw(element);
            for (Map.Entry<String, String> a : tag.attributes().entrySet()) {
                if (isAttributeName(a.getKey())) {
                    out.ch(' ');
                    out.raw(a.getKey());
                    out.raw("=\"");
                    out.escaped(a.getValue(), Output.HTML);
                    out.ch('"');
                }
            }
            out.ch('>');
            if (kind == NodeKind.CONTAINER_DIRECTIVE) {
                out.cr();
            }
        }
        titleClass = null;
        if (kind == NodeKind.CONTAINER_DIRECTIVE && tag != null && tag.titleClass() != null) {
            int first = node.firstChildIndex();
            look.moveTo(node.index());
            boolean labelled = first != NONE && look.toFirstChild() && look.isDirectiveLabel();
            if (labelled) {
                titleClass = tag.titleClass(); // the label paragraph writes it
            } else {
                out.cr();
                out.raw("<div class=\"");
                out.escaped(tag.titleClass(), Output.HTML);
                out.raw("\">");
                out.escaped(tag.defaultTitle() == null ? name : tag.defaultTitle(), Output.HTML);
                out.raw("</div>");
                out.cr();
            }
        }
    }

    private void closeDirective(NodeKind kind) throws IOException {
        String element = directiveElements.isEmpty() ? null : directiveElements.pop().orElse(null);
        if (element == null) {
            return;
        }
        if (kind == NodeKind.CONTAINER_DIRECTIVE) {
            out.cr();
        }
        out.raw("</");
        out.raw(element);
        out.ch('>');
        if (kind != NodeKind.TEXT_DIRECTIVE) {
            out.cr();
        }
    }

    /** An HTML element name: an ASCII letter, then letters, digits and hyphens. */
    private static boolean isElementName(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** An attribute name as CommonMark's raw HTML reads one: a letter, {@code _} or {@code :}, then also digits,
     * {@code .} and {@code -}. */
    private static boolean isAttributeName(String s) {
        if (s.isEmpty() || !(isAsciiLetter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == ':')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != ':' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The row after {@code row}, with {@link #look} on it, or NONE when no row follows. */
    private int nextRow(OcpNode row) {
        int next = row.nextSiblingIndex();
        if (next == NONE || next < 0 || next >= look.nodeCount()) {
            return NONE; // none, or a bad link the walk reports when it follows it
        }
        look.moveTo(next);
        return look.kind() == NodeKind.TABLE_ROW ? next : NONE;
    }

    private void checkbox() throws IOException {
        checkboxPending = false;
        out.raw(checkboxChecked
                ? "<input checked=\"\" disabled=\"\" type=\"checkbox\">"
                : "<input disabled=\"\" type=\"checkbox\">");
    }

    private static char headingDigit(OcpNode heading) {
        return (char) ('0' + Math.max(1, Math.min(6, heading.headingLevel())));
    }

    private void openSection(boolean header) throws IOException {
        out.cr();
        out.raw(header ? "<thead>" : "<tbody>");
        out.cr();
    }

    /** Writes a string field from the payload, in place, with the escaping of {@code mode}. */
    private void text(OcpNode node, Field field, int mode) throws IOException {
        int at = node.stringOffset(field);
        if (at >= 0) {
            out.utf8(payload, at, PayloadLayout.lengthOfStringAt(payload, at), mode);
        }
    }

    private void url(OcpNode node) throws IOException {
        int at = node.stringOffset(Field.DESTINATION);
        if (at >= 0) {
            int length = PayloadLayout.lengthOfStringAt(payload, at);
            if (!(options.sanitizeUrls() && UrlSafety.isDangerous(payload, at, length))) {
                out.url(payload, at, length);
            }
        }
    }

    private void textWithoutFinalLineEnding(ByteBuffer bytes) throws IOException {
        if (bytes == null) {
            return;
        }
        int length = bytes.limit();
        while (length > 0 && (bytes.get(length - 1) == '\n' || bytes.get(length - 1) == '\r')) {
            length--;
        }
        out.utf8(bytes, 0, length, Output.HTML);
    }

    private void title(OcpNode node) throws IOException {
        if (node.stringOffset(Field.TITLE) >= 0) {
            out.raw(" title=\"");
            text(node, Field.TITLE, Output.HTML);
            out.ch('"');
        }
    }

    /** {@code class="language-X"} from the info string's first word (up to ASCII whitespace). */
    private void language(ByteBuffer info) throws IOException {
        if (info == null) {
            return;
        }
        int length = info.limit();
        int word = 0;
        while (word < length) {
            byte c = info.get(word);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                break;
            }
            word++;
        }
        if (word > 0) {
            out.raw(" class=\"language-");
            out.utf8(info, 0, word, Output.HTML);
            out.ch('"');
        }
    }

    // ---- footnotes (GitHub's HTML: numbered in order of first reference, written after the document) ----

    private static final class Footnote {
        final int definition;
        int number;
        /** References written so far: the next one's ordinal is this plus one. */
        int references;
        /** References in the whole output, definitions included: how many back-references the footnote gets. */
        int total;

        Footnote(int definition) {
            this.definition = definition;
        }
    }

    /** The footnote a reference points at, or null; numbers it at its first reference. */
    private Footnote footnote(OcpNode reference) {
        String label = reference.label();
        Footnote f = footnotes().get(normalize(label == null ? "" : label));
        if (f != null && f.number == 0) {
            numbered.add(f);
            f.number = numbered.size();
        }
        return f;
    }

    /** Counts a reference written as nothing (in alt text): it still has its back-reference. */
    private void reference(OcpNode node) {
        Footnote f = footnote(node);
        if (f != null) {
            f.references++;
        }
    }

    private void footnoteReference(OcpNode node) throws IOException {
        Footnote f = footnote(node);
        if (f == null) {
            // No definition to point at: show what was written.
            String label = node.label();
            out.raw("[^");
            out.escaped(label == null ? "" : label, Output.HTML);
            out.ch(']');
            return;
        }
        f.references++;
        out.raw("<sup class=\"footnote-ref\"><a href=\"#fn-");
        out.unsigned(f.number);
        out.raw("\" id=\"fnref-");
        out.unsigned(f.number);
        if (f.references > 1) {
            out.ch('-');
            out.unsigned(f.references);
        }
        out.raw("\" data-footnote-ref>");
        out.unsigned(f.number);
        out.raw("</a></sup>");
    }

    /** One back-reference per reference to the footnote, separated by spaces; the k-th (k &ge; 2) shows k. */
    private void backrefs() throws IOException {
        int references = footnote.total;
        for (int k = 1; k <= references; k++) {
            if (k > 1) {
                out.ch(' ');
            }
            out.raw("<a href=\"#fnref-");
            referenceIndex(k);
            out.raw("\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"");
            referenceIndex(k);
            out.raw("\" aria-label=\"Back to reference ");
            referenceIndex(k);
            out.raw("\">");
            if (k > 1) {
                out.raw("<sup class=\"footnote-ref\">");
                out.unsigned(k);
                out.raw("</sup>");
            }
            out.raw("\u21A9</a>");
        }
        backrefWritten = true;
    }

    /** {@code N} for the footnote's first reference, {@code N-k} for its k-th. */
    private void referenceIndex(int k) throws IOException {
        out.unsigned(footnote.number);
        if (k > 1) {
            out.ch('-');
            out.unsigned(k);
        }
    }

    /** The definitions of the rendered subtree by normalized label (the first definition of a label wins). */
    private Map<String, Footnote> footnotes() {
        if (footnotes == null) {
            Map<String, Footnote> found = new HashMap<>();
            look.moveTo(walkRoot);
            look.walk(node -> {
                if (node.kind() == NodeKind.FOOTNOTE_DEFINITION) {
                    String label = node.label();
                    if (label != null) {
                        found.putIfAbsent(normalize(label), new Footnote(node.index()));
                    }
                }
                return true;
            });
            footnotes = found;
        }
        return footnotes;
    }

    /** Labels match as link labels do: case-insensitively, with runs of whitespace as one space. */
    private static String normalize(String label) {
        return dev.ocp.internal.Labels.matchKey(label);
    }

    /**
     * Before any definition is written: numbers the footnotes that definitions reference (appended in the order
     * their references are met, definition after definition, as writing them meets them) and counts every
     * reference, so that a definition written early gets the back-references of references in later ones. Counts
     * what the writing of the definitions meets: references in an image's description too, not those in a
     * definition nested in another (written in its own turn).
     */
    private void countReferencesInDefinitions() {
        for (Footnote f : numbered) {
            f.total = f.references;
        }
        for (int i = 0; i < numbered.size(); i++) {
            int definition = numbered.get(i).definition;
            look.moveTo(definition);
            look.walk(node -> {
                NodeKind kind = node.kind();
                if (kind == NodeKind.FOOTNOTE_REFERENCE) {
                    Footnote f = footnote(node);
                    if (f != null) {
                        f.total++;
                    }
                }
                return kind != NodeKind.FOOTNOTE_DEFINITION || node.index() == definition;
            });
        }
    }

    private void footnoteSection() throws IOException {
        if (numbered.isEmpty()) {
            return;
        }
        countReferencesInDefinitions();
        out.cr();
        out.raw("<section class=\"footnotes\" data-footnotes>\n<ol>\n");
        for (int i = 0; i < numbered.size(); i++) {
            footnote = numbered.get(i);
            walkFrom(footnote.definition);
        }
        footnote = null;
        out.cr();
        out.raw("</ol>\n</section>\n");
    }
}
