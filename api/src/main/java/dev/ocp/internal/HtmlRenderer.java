package dev.ocp.internal;

import dev.ocp.HtmlOptions;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Renders a tree as HTML: CommonMark's reference HTML for CommonMark nodes (byte for byte what the spec's
 * examples show), GitHub's HTML for the GFM extensions, and the conventions of {@code docs/ocp-format.md}
 * ("HTML rendering") for math and MDX.
 *
 * <p>The walk is a {@link TreeWalk}: iterative and stackless, so any nesting depth renders in constant extra
 * memory. Text is decoded from the payload straight into the output buffer; nothing is allocated per node
 * except for footnotes, which need a label table.
 */
public final class HtmlRenderer extends TreeWalk {
    private static final int PARAGRAPH = NodeKind.PARAGRAPH.code();
    private static final int LIST = NodeKind.LIST.code();
    private static final int TABLE_ROW = NodeKind.TABLE_ROW.code();
    private static final int FOOTNOTE_DEFINITION = NodeKind.FOOTNOTE_DEFINITION.code();
    private static final int FOOTNOTE_REFERENCE = NodeKind.FOOTNOTE_REFERENCE.code();

    private final Output out;
    private final int root;
    /** The IMAGE whose description is being written as its {@code alt} text, or NONE. */
    private int plainRoot = NONE;
    /** The footnote whose definition is being written in the footnote section, or null. */
    private Footnote footnote;
    private boolean backrefWritten;
    private Map<String, Footnote> footnotes;
    private final List<Footnote> numbered = new ArrayList<>();

    private HtmlRenderer(OcpCursor cursor, Output out, HtmlOptions options) {
        super(new Nodes(cursor), 3); // enters and climbs; footnote definitions are entered twice
        this.out = out;
        this.root = cursor.index();
        this.options = options;
        // GFM's tagfilter is a rule of GFM's HTML: on for documents parsed with GFM, unless the options say.
        PayloadLayout layout = t.layout;
        boolean gfm = layout.dialect() == 1 || (layout.headerFlags() & HEADER_FLAG_GFM) != 0;
        boolean filter = switch (options.tagFilter()) {
            case BY_DIALECT -> gfm;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        this.rawHtml = options.escapeHtml() ? Output.HTML : filter ? Output.TAGFILTER : Output.RAW;
    }

    private final HtmlOptions options;
    /** How raw HTML is written: as it is, through GFM's tagfilter, or escaped as text. */
    private final int rawHtml;

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
        write(root, new Output(out), options);
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
        // One read for the whole walk, paused while the caller's Appendable has the text (so that a close
        // from there cannot wait for the walk) and checked before the text is handed over.
        output.beginRead(ReadGuard.of(root.document()));
        try {
            HtmlRenderer r = new HtmlRenderer(root, output, options);
            r.walk(r.root);
            r.footnoteSection();
            output.flush();
        } finally {
            output.endRead();
        }
    }

    @Override
    boolean enter(int n) throws IOException {
        NodeKind kind = NodeKind.fromCode(t.kind(n));
        if (kind == null) {
            return false; // a later minor version's kind: skipped with its subtree
        }
        if (plainRoot != NONE) {
            return enterPlain(n, kind);
        }
        switch (kind) {
            case DOCUMENT:
            case MDX_JSX_FLOW:
            case MDX_JSX_TEXT:
                return true;
            case PARAGRAPH:
                if (!tight(n)) {
                    out.cr();
                    out.raw("<p>");
                }
                int item = t.parent(n);
                if (item != NONE && t.first(item) == n && isTaskItem(item)) {
                    checkbox(item);
                    out.ch(' ');
                }
                return true;
            case HEADING:
                out.cr();
                out.raw("<h");
                out.ch(headingDigit(n));
                out.ch('>');
                return true;
            case THEMATIC_BREAK:
                out.cr();
                out.raw("<hr />");
                out.cr();
                return false;
            case BLOCK_QUOTE:
                out.cr();
                out.raw("<blockquote>");
                out.cr();
                return true;
            case LIST:
                out.cr();
                if ((t.flags(n) & FLAG_LIST_ORDERED) != 0) {
                    out.raw("<ol");
                    int start = t.slot(n, 0);
                    if (start != 1) {
                        out.raw(" start=\"");
                        out.unsigned(start);
                        out.ch('"');
                    }
                    out.ch('>');
                } else {
                    out.raw("<ul>");
                }
                out.cr();
                return true;
            case LIST_ITEM: {
                out.raw("<li>");
                int first = t.first(n);
                if (isTaskItem(n) && (first == NONE || t.kind(first) != PARAGRAPH)) {
                    checkbox(n);
                }
                return true;
            }
            case CODE_BLOCK:
                out.cr();
                out.raw("<pre><code");
                language(t.slot(n, 1));
                out.ch('>');
                text(t.slot(n, 0), Output.HTML);
                out.raw("</code></pre>");
                out.cr();
                return false;
            case HTML_BLOCK:
                out.cr();
                if (options.escapeHtml()) {
                    // As text, in a paragraph of its own (its final line ending left out).
                    out.raw("<p>");
                    textWithoutFinalLineEnding(t.slot(n, 0));
                    out.raw("</p>");
                } else {
                    text(t.slot(n, 0), rawHtml);
                }
                out.cr();
                return false;
            case DEFINITION:
            case FRONTMATTER:
            case MDX_EXPRESSION_FLOW:
            case MDX_EXPRESSION_TEXT:
            case MDX_ESM:
                return false;
            case TABLE:
                out.cr();
                out.raw("<table>");
                out.cr();
                return true;
            case TABLE_ROW: {
                int table = t.parent(n);
                if (table != NONE && t.first(table) == n) {
                    openSection(n);
                }
                out.raw("<tr>");
                out.cr();
                return true;
            }
            case TABLE_CELL:
                out.raw(header(n) ? "<th" : "<td");
                switch (t.data(n)) {
                    case ALIGN_LEFT:
                        out.raw(" align=\"left\"");
                        break;
                    case ALIGN_CENTER:
                        out.raw(" align=\"center\"");
                        break;
                    case ALIGN_RIGHT:
                        out.raw(" align=\"right\"");
                        break;
                    default:
                        break;
                }
                out.ch('>');
                return true;
            case FOOTNOTE_DEFINITION:
                if (n != start()) {
                    return false; // written in the footnote section, if referenced
                }
                if (footnote == null) {
                    return true; // rendered on its own: just its content
                }
                out.cr();
                out.raw("<li id=\"fn-");
                out.unsigned(footnote.number);
                out.raw("\">");
                out.cr();
                backrefWritten = false;
                return true;
            case MATH_BLOCK:
                out.cr();
                out.raw("<pre><code class=\"language-math math-display\">");
                text(t.slot(n, 0), Output.HTML);
                out.raw("</code></pre>");
                out.cr();
                return false;
            case TEXT:
                text(t.slot(n, 0), Output.HTML);
                return false;
            case SOFT_BREAK:
                out.raw(options.softBreak());
                return false;
            case HARD_BREAK:
                out.raw("<br />");
                out.cr();
                return false;
            case CODE_SPAN:
                out.raw("<code>");
                text(t.slot(n, 0), Output.HTML);
                out.raw("</code>");
                return false;
            case EMPHASIS:
                out.raw("<em>");
                return true;
            case STRONG:
                out.raw("<strong>");
                return true;
            case STRIKETHROUGH:
                out.raw("<del>");
                return true;
            case LINK:
                out.raw("<a href=\"");
                url(t.slot(n, 0));
                out.ch('"');
                title(t.slot(n, 1));
                out.ch('>');
                return true;
            case IMAGE:
                out.raw("<img src=\"");
                url(t.slot(n, 0));
                out.raw("\" alt=\"");
                plainRoot = n;
                return true;
            case HTML_INLINE:
                text(t.slot(n, 0), rawHtml);
                return false;
            case FOOTNOTE_REFERENCE:
                footnoteReference(n);
                return false;
            case MATH_INLINE:
                out.raw("<code class=\"language-math math-inline\">");
                text(t.slot(n, 0), Output.HTML);
                out.raw("</code>");
                return false;
            default:
                throw new AssertionError(kind);
        }
    }

    /** Inside an image description only text is written (escaped, for the {@code alt} attribute). */
    private boolean enterPlain(int n, NodeKind kind) throws IOException {
        switch (kind) {
            case TEXT:
            case CODE_SPAN:
            case HTML_INLINE:
            case MATH_INLINE:
                text(t.slot(n, 0), Output.HTML);
                return false;
            case SOFT_BREAK:
            case HARD_BREAK:
                out.ch('\n');
                return false;
            case DEFINITION:
            case FRONTMATTER:
            case CODE_BLOCK:
            case HTML_BLOCK:
            case MATH_BLOCK:
            case THEMATIC_BREAK:
            case MDX_EXPRESSION_FLOW:
            case MDX_EXPRESSION_TEXT:
            case MDX_ESM:
            case FOOTNOTE_DEFINITION:
                return false;
            case FOOTNOTE_REFERENCE:
                reference(n); // no marker in alt text, but a reference all the same (as micromark counts it)
                return false;
            default:
                return true;
        }
    }

    @Override
    void exit(int n) throws IOException {
        if (plainRoot != NONE) {
            if (n == plainRoot) {
                out.ch('"');
                title(t.slot(n, 1));
                out.raw(" />");
                plainRoot = NONE;
            }
            return;
        }
        NodeKind kind = NodeKind.fromCode(t.kind(n));
        if (kind == null) {
            return;
        }
        switch (kind) {
            case PARAGRAPH:
                if (footnote != null && t.parent(n) == start() && t.next(n) == NONE) {
                    out.ch(' ');
                    backrefs();
                }
                if (!tight(n)) {
                    out.raw("</p>");
                    out.cr();
                }
                break;
            case HEADING:
                out.raw("</h");
                out.ch(headingDigit(n));
                out.ch('>');
                out.cr();
                break;
            case BLOCK_QUOTE:
                out.cr();
                out.raw("</blockquote>");
                out.cr();
                break;
            case LIST:
                out.cr();
                out.raw((t.flags(n) & FLAG_LIST_ORDERED) != 0 ? "</ol>" : "</ul>");
                out.cr();
                break;
            case LIST_ITEM:
                out.raw("</li>");
                out.cr();
                break;
            case TABLE:
                out.cr();
                out.raw("</table>");
                out.cr();
                break;
            case TABLE_ROW: {
                out.raw("</tr>");
                out.cr();
                // thead and tbody are opened and closed where the header flag changes between rows.
                int sibling = t.next(n);
                boolean nextIsRow = sibling != NONE && t.exists(sibling) && t.kind(sibling) == TABLE_ROW;
                if (!nextIsRow || header(sibling) != header(n)) {
                    out.raw(header(n) ? "</thead>" : "</tbody>");
                    out.cr();
                    if (nextIsRow) {
                        openSection(sibling);
                    }
                }
                break;
            }
            case TABLE_CELL:
                out.raw(header(n) ? "</th>" : "</td>");
                out.cr();
                break;
            case FOOTNOTE_DEFINITION:
                if (n == start() && footnote != null) {
                    if (!backrefWritten) {
                        out.cr();
                        backrefs(); // and </li> right after them, as commonmark-java writes it
                    } else {
                        out.cr();
                    }
                    out.raw("</li>");
                    out.cr();
                }
                break;
            case EMPHASIS:
                out.raw("</em>");
                break;
            case STRONG:
                out.raw("</strong>");
                break;
            case STRIKETHROUGH:
                out.raw("</del>");
                break;
            case LINK:
                out.raw("</a>");
                break;
            default:
                break;
        }
    }

    /** A paragraph in an item of a tight list is written without {@code <p>} (as the reference renderers do). */
    private boolean tight(int paragraph) {
        int item = t.parent(paragraph);
        if (item == NONE) {
            return false;
        }
        int list = t.parent(item);
        return list != NONE && t.kind(list) == LIST && (t.flags(list) & FLAG_LIST_TIGHT) != 0;
    }

    private boolean isTaskItem(int n) {
        return t.kind(n) == NodeKind.LIST_ITEM.code() && (t.flags(n) & FLAG_ITEM_TASK) != 0;
    }

    private void checkbox(int item) throws IOException {
        out.raw((t.flags(item) & FLAG_ITEM_CHECKED) != 0
                ? "<input checked=\"\" disabled=\"\" type=\"checkbox\">"
                : "<input disabled=\"\" type=\"checkbox\">");
    }

    private char headingDigit(int n) {
        int level = t.data(n);
        return (char) ('0' + Math.max(1, Math.min(6, level)));
    }

    private boolean header(int n) {
        return (t.flags(n) & FLAG_TABLE_HEADER) != 0;
    }

    private void openSection(int row) throws IOException {
        out.cr();
        out.raw(header(row) ? "<thead>" : "<tbody>");
        out.cr();
    }

    private void text(int ref, int mode) throws IOException {
        if (ref != NONE) {
            out.utf8(t.buf, t.stringStart(ref), t.stringLength(ref), mode);
        }
    }

    private void url(int ref) throws IOException {
        if (ref != NONE && !(options.sanitizeUrls()
                && UrlSafety.isDangerous(t.buf, t.stringStart(ref), t.stringLength(ref)))) {
            out.url(t.buf, t.stringStart(ref), t.stringLength(ref));
        }
    }

    private void textWithoutFinalLineEnding(int ref) throws IOException {
        if (ref == NONE) {
            return;
        }
        int start = t.stringStart(ref);
        int length = t.stringLength(ref);
        while (length > 0 && (t.buf.get(start + length - 1) == '\n' || t.buf.get(start + length - 1) == '\r')) {
            length--;
        }
        out.utf8(t.buf, start, length, Output.HTML);
    }

    private void title(int ref) throws IOException {
        if (ref != NONE) {
            out.raw(" title=\"");
            text(ref, Output.HTML);
            out.ch('"');
        }
    }

    /** {@code class="language-X"} from the info string's first word (up to ASCII whitespace). */
    private void language(int info) throws IOException {
        if (info == NONE) {
            return;
        }
        int start = t.stringStart(info);
        int length = t.stringLength(info);
        int word = 0;
        while (word < length) {
            byte c = t.buf.get(start + word);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                break;
            }
            word++;
        }
        if (word > 0) {
            out.raw(" class=\"language-");
            out.utf8(t.buf, start, word, Output.HTML);
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
    private Footnote footnote(int reference) {
        int labelRef = t.slot(reference, 2);
        Footnote f = footnotes().get(normalize(labelRef == NONE ? "" : t.layout.decode(t.buf, labelRef)));
        if (f != null && f.number == 0) {
            numbered.add(f);
            f.number = numbered.size();
        }
        return f;
    }

    /** Counts a reference written as nothing (in alt text): it still has its back-reference. */
    private void reference(int n) {
        Footnote f = footnote(n);
        if (f != null) {
            f.references++;
        }
    }

    private void footnoteReference(int n) throws IOException {
        Footnote f = footnote(n);
        if (f == null) {
            // No definition to point at: show what was written.
            int labelRef = t.slot(n, 2);
            out.raw("[^");
            out.escaped(labelRef == NONE ? "" : t.layout.decode(t.buf, labelRef), Output.HTML);
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
            footnotes = new HashMap<>();
            int end = t.subtreeEnd(root); // in range: checked by subtreeEnd
            for (int i = root; i < end; i++) {
                if (t.kind(i) == FOOTNOTE_DEFINITION) {
                    int ref = t.slot(i, 2);
                    if (ref != NONE) {
                        footnotes.putIfAbsent(normalize(t.layout.decode(t.buf, ref)), new Footnote(i));
                    }
                }
            }
        }
        return footnotes;
    }

    /** Labels match as link labels do: case-insensitively, with runs of whitespace as one space. */
    private static String normalize(String label) {
        StringBuilder sb = new StringBuilder(label.length());
        boolean space = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
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
            int end = t.subtreeEnd(definition);
            for (int n = definition + 1; n < end; n++) {
                int kind = t.kind(n);
                if (kind == FOOTNOTE_DEFINITION) {
                    n = t.subtreeEnd(n) - 1;
                } else if (kind == FOOTNOTE_REFERENCE) {
                    Footnote f = footnote(n);
                    if (f != null) {
                        f.total++;
                    }
                }
            }
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
            walk(footnote.definition);
        }
        footnote = null;
        out.cr();
        out.raw("</ol>\n</section>\n");
    }
}
