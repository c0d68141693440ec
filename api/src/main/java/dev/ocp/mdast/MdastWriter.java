package dev.ocp.mdast;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.Output;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.Rendering;
import dev.ocp.internal.Utf8;
import dev.ocp.spi.OcpFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static dev.ocp.internal.Labels.identifier;

/**
 * Renders a document as mdast, the syntax tree of the unified ecosystem, in the shape
 * {@code mdast-util-from-markdown} gives with its MDX, GFM, frontmatter and math extensions (without {@code data}
 * and the {@code estree} of expressions): the same node types and fields, adjacent text merged, and every node's
 * {@code position} with line, column and offset counted in UTF-16 code units. Written on the public walk
 * ({@link OcpDocument#walk}); a table's alignments are read ahead with a cursor.
 *
 * <p>Positions need the source (a document keeps only its length): the caller passes the bytes it parsed.
 */
final class MdastWriter extends Rendering {
    private final Output out;
    private final Utf16Positions positions;
    /** Where the last start and the last end written are: lookups near the last one of their kind are cheapest. */
    private final Utf16Positions.Cursor starts;
    private final Utf16Positions.Cursor ends;
    /** The numbers of the position being written. */
    private final int[] point = new int[6];
    private final OcpCursor look;
    /** Per open container: whether a child was written into its children array. */
    private boolean[] wrote = new boolean[32];
    private int depth;
    /**
     * Text waiting to be merged with what follows (text and soft breaks), and its span. Its pieces are written one
     * after the other at the flush: per piece, a place in the payload and a length, or (place -1) the next string
     * of {@link #strings}. A TEXT's literal stays in the payload, written from there without being decoded.
     */
    private int[] pieces = new int[16];
    private int pieceCount;
    private final java.util.ArrayList<String> strings = new java.util.ArrayList<>();
    private int textStart = -1;
    private int textEnd;
    /** The payload, whose strings are written from where they are. */
    private final ByteBuffer payload;
    /** Where its records are, for the facts of v1.5 that the public accessors leave out. */
    private final PayloadLayout layout;
    /** Images open around the walk: their descendants become the innermost image's alt, not nodes. */
    private int imageDepth;
    private final StringBuilder alt = new StringBuilder();
    /** How much of {@link #alt} is not text: a line break drops trailing whitespace of text only. */
    private int altKept;
    /** Where the table row being written ends; tables nested in cells' content are not possible. */
    private int rowEnd;
    /** Block quotes open around the walk: inside one, lists and footnote definitions may end where mdast's do not. */
    private int quoteDepth;
    /**
     * The kind and mdast end of the node exited last: at a node's exit, its last child's (the walk exits a node right
     * after its last child).
     */
    private NodeKind lastKind;
    private int lastEnd;
    /** The mdast end of the code or math block written last, which may lie past its span (a fence left open). */
    private int leafEnd;
    /**
     * The first paragraph of a task item, while it is written ({@link #startTaskParagraph}): the index of its node,
     * or -1; where its check's {@code [} is; and whether the next text written is its head, which loses its first
     * character.
     */
    private int taskParagraph = -1;
    /** The task item entered last, or -1. */
    private int taskItem = -1;
    private int taskCheck;
    private boolean taskHead;
    /** Where the task paragraph's head text starts before it loses its first character, or -1 for no head text. */
    private int taskHeadStart = -1;

    /** Whether GFM is on, so that text outside links gets {@link LiteralLinkPass}'s links. */
    private final boolean gfm;
    /** Links (and link references) open around the walk: their text is left as it is. */
    private int linkDepth;

    private MdastWriter(OcpDocument document, Output out, Utf16Positions positions) {
        this.out = out;
        this.positions = positions;
        this.starts = positions.cursor();
        this.ends = positions.cursor();
        this.look = document.cursor();
        this.payload = DocumentMemory.payloadOf(document);
        this.layout = PayloadLayout.of(payload);
        this.gfm = look.extensions().contains(dev.ocp.Extension.GFM);
    }

    /**
     * Renders the whole document as one mdast {@code root} object.
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @param out      where to write
     * @throws IOException              if {@code out} fails
     * @throws IllegalArgumentException if {@code source} is not as long as the document's source
     * @throws IllegalStateException    if the document is or gets closed
     */
    public static void render(OcpDocument document, byte[] source, Appendable out) throws IOException {
        write(document, source, new Output(out).pausing(document));
    }

    /**
     * Renders like {@link #render} into a string, copying the characters once.
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @return the mdast JSON
     * @throws IllegalArgumentException if {@code source} is not as long as the document's source
     * @throws IllegalStateException    if the document is or gets closed
     */
    public static String renderToString(OcpDocument document, byte[] source) {
        // mdast spells out two positions of three numbers per node: about twice a payload's size (1.8 on progit);
        // a larger guess costs the zeroing of an array that size.
        return Output.collect(2L * DocumentMemory.payloadOf(document).remaining(), output -> write(document, source, output));
    }

    private static void write(OcpDocument document, byte[] source, Output output) throws IOException {
        long expected = document.cursor().sourceLength();
        if (source.length != expected) {
            throw new IllegalArgumentException("the source given has " + source.length
                    + " bytes; the document was parsed from " + expected);
        }
        MdastWriter r = new MdastWriter(document, output, new Utf16Positions(source));
        r.walk(document.cursor());
        output.flush();
    }

    // ---- the walk ----

    @Override
    protected boolean enterNode(OcpNode node) throws IOException {
        NodeKind kind = node.kind();
        if (kind == null) {
            return false; // a later minor version's kind: left out with its subtree
        }
        if (imageDepth > 0) {
            collectAlt(node, kind);
            return true;
        }
        boolean lineText = switch (kind) {
            case TEXT, SOFT_BREAK -> true;
            // Spaces after a tab: to micromark a line that ends in whitespace, which it drops, and a soft break.
            case HARD_BREAK -> node.marker() == '\t';
            case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, CODE_BLOCK,
                 HTML_BLOCK, DEFINITION, TABLE, TABLE_ROW, TABLE_CELL, FOOTNOTE_DEFINITION, FRONTMATTER,
                 MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, CODE_SPAN, EMPHASIS, STRONG, LINK, IMAGE,
                 HTML_INLINE, STRIKETHROUGH, FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> false;
        };
        if (lineText) {
            if (kind == NodeKind.TEXT) {
                addText(node);
            } else {
                softBreak(node);
            }
            return false;
        }
        flushText();
        return switch (kind) {
            case DOCUMENT -> {
                open("root");
                yield children();
            }
            case PARAGRAPH -> {
                open("paragraph");
                if (node.isDirectiveLabel()) {
                    out.raw(",\"data\":{\"directiveLabel\":true}"); // mdast-util-directive's label
                }
                children();
                if (taskItem >= 0 && node.index() == taskItem + 1) {
                    startTaskParagraph(node);
                }
                yield true;
            }
            case HEADING -> {
                open("heading");
                number("depth", node.headingLevel());
                String id = node.headingId();
                if (id != null) {
                    // Where remark-heading-id puts it: data.id, and data.hProperties.id for remark-rehype.
                    out.raw(",\"data\":{\"id\":");
                    out.jsonString(id);
                    out.raw(",\"hProperties\":{\"id\":");
                    out.jsonString(id);
                    out.raw("}}");
                }
                yield children();
            }
            case THEMATIC_BREAK -> {
                leaf(node, "thematicBreak");
                yield false;
            }
            case BLOCK_QUOTE -> {
                open("blockquote");
                quoteDepth++;
                yield children();
            }
            case ALERT -> {
                // No standard node: a blockquote (what a tool that knows no alerts sees, as in
                // remark-github-blockquote-alert) whose data names the type and the element remark-rehype makes.
                String type = node.alertType().id();
                open("blockquote");
                out.raw(",\"data\":{\"alertType\":\"");
                out.raw(type);
                out.raw("\",\"hName\":\"div\",\"hProperties\":{\"className\":[\"markdown-alert\",\"markdown-alert-");
                out.raw(type);
                out.raw("\"]}}");
                quoteDepth++;
                yield children();
            }
            case LIST -> {
                open("list");
                bool("ordered", node.isOrderedList());
                if (node.isOrderedList()) {
                    number("start", node.listStart());
                } else {
                    nul("start");
                }
                bool("spread", node.isSpread());
                yield children();
            }
            case LIST_ITEM -> {
                open("listItem");
                bool("spread", node.isSpread());
                if (node.isTask()) {
                    // Its first child, if it has one, is the node after it (pre-order).
                    taskItem = node.hasChildren() ? node.index() : -1;
                    bool("checked", node.isChecked());
                } else {
                    nul("checked");
                }
                yield children();
            }
            case CODE_BLOCK -> {
                code(node);
                yield false;
            }
            case HTML_BLOCK -> {
                htmlBlock(node);
                yield false;
            }
            case HTML_INLINE -> {
                open("html");
                if (stringSlotOffset(node, OcpFormat.N_C) >= 0) {
                    // v1.5: what its later lines' indentation keeps past three columns, as micromark keeps it
                    string("value", rawLineEndings(stringSlot(node, OcpFormat.N_C), node.spanStart()));
                } else {
                    literalValue(node, 0);
                }
                close(node);
                yield false;
            }
            case DEFINITION -> {
                open("definition");
                reference(node, false);
                title(node);
                string("url", node.destination());
                close(node);
                yield false;
            }
            case TABLE -> {
                open("table");
                alignments(node);
                yield children();
            }
            case TABLE_ROW -> {
                open("tableRow");
                // A row with no source (made in code) has no padding to tell apart: its cells are all its own.
                rowEnd = node.spanStart() < node.spanEnd() ? node.spanEnd() : Integer.MAX_VALUE;
                yield children();
            }
            case TABLE_CELL -> {
                if (isPadding(node.spanStart(), node.spanEnd(), node.hasChildren())) {
                    yield false;
                }
                open("tableCell");
                yield children();
            }
            case FOOTNOTE_DEFINITION -> {
                open("footnoteDefinition");
                reference(node, false);
                yield children();
            }
            case FRONTMATTER -> {
                open(node.frontmatterFormat());
                literalValue(node, 1);
                close(node);
                yield false;
            }
            case MATH_BLOCK -> {
                open("math");
                // Its meta is string content to micromark, whose escapes and references mdast decodes (as a label's),
                // and keeps the fence line's trailing whitespace, as a code block's does.
                string("meta", node.info() == null || node.info().isEmpty() ? null
                        : CharacterReferences.decode(node.info()) + fenceLineTrailingWhitespace(node));
                fencedValue(node);
                leafEnd = node.isUnclosed() ? containerEnd(node) : node.spanEnd();
                position(node.spanStart(), leafEnd);
                out.ch('}');
                yield false;
            }
            case CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                open(kind == NodeKind.CONTAINER_DIRECTIVE ? "containerDirective"
                        : kind == NodeKind.LEAF_DIRECTIVE ? "leafDirective" : "textDirective");
                string("name", node.directiveName());
                out.raw(",\"attributes\":{");
                boolean first = true;
                for (java.util.Map.Entry<String, String> a : node.directiveAttributes().entrySet()) {
                    if (!first) {
                        out.ch(',');
                    }
                    first = false;
                    out.jsonString(a.getKey());
                    out.ch(':');
                    out.jsonString(a.getValue());
                }
                out.ch('}');
                yield children();
            }
            case MDX_JSX_FLOW, MDX_JSX_TEXT -> {
                open(kind == NodeKind.MDX_JSX_FLOW ? "mdxJsxFlowElement" : "mdxJsxTextElement");
                string("name", node.jsxName());
                attributes(node);
                yield children();
            }
            case MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT, MDX_ESM -> {
                open(kind == NodeKind.MDX_ESM ? "mdxjsEsm"
                        : kind == NodeKind.MDX_EXPRESSION_FLOW ? "mdxFlowExpression" : "mdxTextExpression");
                String source = rawLineEndings(node.literal(), node.spanStart());
                string("value", kind == NodeKind.MDX_ESM ? source : expressionValue(source));
                close(node);
                yield false;
            }
            case HARD_BREAK -> {
                leaf(node, "break");
                yield false;
            }
            case CODE_SPAN -> {
                open("inlineCode");
                codeSpanValue(node);
                close(node);
                yield false;
            }
            case EMPHASIS -> {
                open("emphasis");
                yield children();
            }
            case STRONG -> {
                open("strong");
                yield children();
            }
            case STRIKETHROUGH -> {
                open("delete");
                yield children();
            }
            case LINK -> {
                linkHead(node, "link", "linkReference");
                linkDepth++;
                yield children();
            }
            case IMAGE -> {
                imageDepth = 1;
                alt.setLength(0);
                altKept = 0;
                yield true;
            }
            case FOOTNOTE_REFERENCE -> {
                open("footnoteReference");
                reference(node, false);
                close(node);
                yield false;
            }
            case MATH_INLINE -> {
                open("inlineMath");
                codeSpanValue(node);
                close(node);
                yield false;
            }
            case TEXT, SOFT_BREAK -> throw new IllegalStateException("no mdast for " + kind);
        };
    }

    @Override
    protected void exitNode(OcpNode node) throws IOException {
        NodeKind kind = node.kind();
        if (kind == null) {
            return;
        }
        NodeKind lastChild = lastKind;
        int lastChildEnd = lastEnd;
        lastKind = kind;
        lastEnd = kind == NodeKind.CODE_BLOCK || kind == NodeKind.MATH_BLOCK || kind == NodeKind.HTML_BLOCK ? leafEnd
                : node.spanEnd();
        if (imageDepth > 0) {
            if (kind == NodeKind.IMAGE && --imageDepth == 0) {
                linkHead(node, "image", "imageReference");
                string("alt", alt.toString());
                close(node);
            }
            return;
        }
        if (kind == NodeKind.TABLE_CELL && isPadding(node.spanStart(), node.spanEnd(), node.hasChildren())) {
            return;
        }
        if (kind == NodeKind.BLOCK_QUOTE || kind == NodeKind.ALERT) {
            quoteDepth--;
        }
        if (hasChildren(kind)) {
            flushText();
            if (kind == NodeKind.LINK) {
                linkDepth--;
            }
            depth--;
            out.ch(']');
            if (kind == NodeKind.TABLE_CELL) {
                cellPosition(node);
            } else if (kind == NodeKind.HEADING) {
                closeHeading(node);
            } else if (kind == NodeKind.PARAGRAPH && node.index() == taskParagraph) {
                closeTaskParagraph(node);
            } else if (quoteDepth > 0 && (kind == NodeKind.LIST || kind == NodeKind.LIST_ITEM
                    || kind == NodeKind.FOOTNOTE_DEFINITION || kind == NodeKind.BLOCK_QUOTE)) {
                int end = kind == NodeKind.LIST_ITEM
                        ? nextItemContentIfTouching(node,
                                itemEnd(node.hasChildren() ? lastChild : null, lastChildEnd, node.spanEnd()))
                        : quotedContainerEnd(node.index(), kind, node.spanEnd());
                position(node.spanStart(), end);
                out.ch('}');
                lastEnd = end;
            } else if ((kind == NodeKind.LIST || kind == NodeKind.LIST_ITEM) && node.hasChildren()) {
                // A fence left open may take the list's blank last lines (containerEnd): the list and item end
                // where their last child does.
                int end = Math.max(node.spanEnd(), lastChildEnd);
                if (kind == NodeKind.LIST_ITEM) {
                    end = nextItemContentIfTouching(node, end);
                }
                position(node.spanStart(), end);
                out.ch('}');
                lastEnd = end;
            } else {
                close(node);
            }
        }
    }

    /**
     * micromark: an item a fence never closed in it ends in, ended by the next item of its list, runs on past that
     * item's marker and the spaces after it; the parser ends the item's span on the next item's line, where no
     * item's span ends otherwise (see {@link #newContainerLineStart}).
     */
    private int nextItemContentIfTouching(OcpNode item, int end) {
        int next = item.nextSiblingIndex();
        if (next < 0) {
            return end;
        }
        look.moveTo(next);
        int line = positions.line(look.spanStart());
        if (item.spanEnd() > look.spanStart() || look.spanStart() >= look.spanEnd()
                || positions.line(item.spanEnd()) != line || positions.line(item.spanStart()) == line) {
            return end; // (a span made in code, not parsed, says nothing of this)
        }
        // past the marker and the spaces after it (a task's checkbox is content): one space where more than four
        // follow, which make the content indented code; none where the line is blank after the marker
        int p = look.spanStart();
        int lineEnd = positions.lineEnd(line);
        while (p < lineEnd && positions.byteAt(p) >= '0' && positions.byteAt(p) <= '9') {
            p++;
        }
        p++;
        int spaces = 0;
        while (p + spaces < lineEnd && (positions.byteAt(p + spaces) == ' ' || positions.byteAt(p + spaces) == '\t')) {
            spaces++;
        }
        if (p + spaces >= lineEnd) {
            return Math.min(lineEnd, p);
        }
        return p + (spaces > 4 ? 1 : spaces);
    }

    /** Kinds written with a children array, closed at exit; the others are written whole at enter. */
    private static boolean hasChildren(NodeKind kind) {
        return switch (kind) {
            case DOCUMENT, PARAGRAPH, HEADING, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, TABLE, TABLE_ROW, TABLE_CELL,
                 FOOTNOTE_DEFINITION, MDX_JSX_FLOW, MDX_JSX_TEXT, EMPHASIS, STRONG, STRIKETHROUGH, LINK,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> true;
            case THEMATIC_BREAK, CODE_BLOCK, HTML_BLOCK, DEFINITION, FRONTMATTER, MATH_BLOCK, MDX_EXPRESSION_FLOW,
                 MDX_ESM, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, IMAGE, HTML_INLINE, FOOTNOTE_REFERENCE,
                 MATH_INLINE, MDX_EXPRESSION_TEXT -> false;
        };
    }

    /** Inside an image: what mdast's toString makes of the description, the image's {@code alt}. */
    private void collectAlt(OcpNode node, NodeKind kind) {
        // An expression, so that the compiler asks for every kind; the value means nothing more.
        boolean collected = switch (kind) {
            case IMAGE -> {
                imageDepth++;
                yield true;
            }
            case HARD_BREAK -> {
                if (node.marker() == '\t') {
                    altLineEnding(node);
                }
                yield true;
            }
            case SOFT_BREAK -> {
                altLineEnding(node);
                yield true;
            }
            case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, CODE_BLOCK,
                 HTML_BLOCK, DEFINITION, TABLE, TABLE_ROW, TABLE_CELL, FOOTNOTE_DEFINITION, FRONTMATTER,
                 MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, TEXT, CODE_SPAN, EMPHASIS, STRONG, LINK,
                 HTML_INLINE, STRIKETHROUGH, FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                String literal = node.literal();
                if (literal != null) {
                    alt.append(literal);
                }
                if (kind != NodeKind.TEXT) {
                    altKept = alt.length();
                }
                yield true;
            }
        };
    }

    /**
     * A line break in an image's description, as the text mdast's toString finds there: the line's trailing spaces
     * and tabs dropped, as micromark drops them, and the source's own line ending.
     */
    private void altLineEnding(OcpNode node) {
        int length = alt.length();
        while (length > altKept && (alt.charAt(length - 1) == ' ' || alt.charAt(length - 1) == '\t')) {
            length--;
        }
        alt.setLength(length);
        alt.append(rawLineEndings("\n", node.spanStart()));
        altKept = alt.length();
    }

    // ---- containers in block quotes ----

    /**
     * Where mdast ends a list, a footnote definition or a block quote inside a block quote (an item:
     * {@link #itemEnd}). micromark ends a container where the line that closes it is found not to continue it, after
     * the prefixes of the containers that go on,
     * and then moves that end back over the line endings and blank lines before it, but not over a block quote's
     * {@code >}: so a list the quote's blank lines follow ends after the last of them (its {@code >} and whitespace
     * included), and one a new container ends (a list of another kind, a block quote) ends where that starts. A
     * block quote holds no blank line: only a new container on its next line moves its end.
     * Outside block quotes both ends are the end of the container's content, the span's end.
     */
    private int quotedContainerEnd(int index, NodeKind kind, int end) {
        look.moveTo(index);
        // The block after the container inside its nearest block quote, if any.
        while (true) {
            int at = look.index();
            if (look.toNextSibling()) {
                NodeKind next = look.kind();
                int nextStart = look.spanStart();
                int between = lineEndings(end, nextStart);
                if ((next == NodeKind.LIST || next == NodeKind.BLOCK_QUOTE || next == NodeKind.FOOTNOTE_DEFINITION)
                        && (kind != NodeKind.BLOCK_QUOTE || between == 1)) {
                    // A block quote holds no blank line: a blank line, not the new container, ends it. It ends
                    // after the prefixes of the quotes the line continues (the new block's indentation is its own).
                    return Math.max(end, quotePrefixesEnd(nextStart));
                }
                if (between < 2 || kind == NodeKind.BLOCK_QUOTE) {
                    return end; // no blank line between
                }
                return Math.max(end, lineEndingBefore(nextStart));
            }
            look.moveTo(at);
            if (!look.toParent()) {
                return end;
            }
            if (look.kind() == NodeKind.BLOCK_QUOTE) {
                if (kind == NodeKind.BLOCK_QUOTE) {
                    return end;
                }
                // The container ends the quote: the blank lines up to the quote's end are its own.
                int quoteEnd = look.spanEnd();
                return lineEndings(end, quoteEnd) > 0 ? Math.max(end, quoteEnd) : end;
            }
        }
    }

    /**
     * Where the block quote prefixes ({@code >} and one space or tab after it, after the indentation of the items
     * around) that start the line of {@code start} end, before {@code start}; {@code start} on a line without one.
     */
    private int quotePrefixesEnd(int start) {
        int p = positions.lineStart(positions.line(start));
        int prefixesEnd = start;
        while (p < start) {
            while (p < start && (positions.byteAt(p) == ' ' || positions.byteAt(p) == '\t')) {
                p++;
            }
            if (p >= start || positions.byteAt(p) != '>') {
                break;
            }
            p++;
            if (p < start && (positions.byteAt(p) == ' ' || positions.byteAt(p) == '\t')) {
                p++;
            }
            prefixesEnd = p;
        }
        return prefixesEnd;
    }

    /**
     * An item in a block quote ends where its last child does when that is a container whose end moved (mdast's own
     * walk back over an item's blank lines stops at a container's end), else at its content's end.
     */
    private static int itemEnd(NodeKind lastChild, int lastChildEnd, int end) {
        return lastChild == NodeKind.LIST || lastChild == NodeKind.BLOCK_QUOTE
                || lastChild == NodeKind.FOOTNOTE_DEFINITION ? Math.max(end, lastChildEnd) : end;
    }

    /** How many line endings {@code [from, to)} holds (CR LF as one), counting up to two. */
    private int lineEndings(int from, int to) {
        int count = 0;
        for (int i = from; i < to && count < 2; i++) {
            byte b = positions.byteAt(i);
            if (b == '\r' || b == '\n' && (i == from || positions.byteAt(i - 1) != '\r')) {
                count++;
            }
        }
        return count;
    }

    /** Where the line ending before the line of {@code at} starts (a line after the first). */
    private int lineEndingBefore(int at) {
        at--;
        while (positions.byteAt(at) != '\n' && positions.byteAt(at) != '\r') {
            at--;
        }
        return at > 0 && positions.byteAt(at) == '\n' && positions.byteAt(at - 1) == '\r' ? at - 1 : at;
    }

    // ---- task items ----

    /**
     * Notes the first paragraph of a task item, whose head text mdast-util-gfm-task-list-item changes. To micromark
     * the check ({@code [ ]}, {@code [x]}) is the start of the paragraph, and all that follows it on its line is text:
     * the whitespace after it, or the line ending where nothing else is on the line (the line's trailing whitespace
     * dropped, as at any line's end). The toolchain then drops that text's first character, whatever it is (of a CR
     * LF, the CR), and moves its start (and the paragraph's) one column and one offset on, on the same line; a head
     * text left empty is taken out, and the paragraph then starts at the check. The payload's paragraph starts
     * after the check and the whitespace after it (format section 4.3); the item records where the check starts
     * (v1.5, section 7.4), and the whitespace from its end becomes the pending text here, before the paragraph's own.
     */
    private void startTaskParagraph(OcpNode node) throws IOException {
        int index = node.index();
        int start = node.spanStart();
        int check = numberSlot(taskItem, OcpFormat.N_A);
        if (check < 0 || check > start - 3) {
            return; // no check recorded (a tree made in code, an older writer): nothing to place it by
        }
        int checkEnd = check + 3;
        boolean lineEnds = start < positions.length()
                && (positions.byteAt(start) == '\n' || positions.byteAt(start) == '\r');
        if (lineEnds) {
            // The head text is the soft break's line ending and what follows it.
            if (!node.hasChildren()) {
                return;
            }
            look.moveTo(index + 1);
            if (look.kind() != NodeKind.SOFT_BREAK) {
                return;
            }
        } else {
            if (checkEnd == start) {
                return;
            }
            flushText();
            strings.add(positions.decode(checkEnd, start));
            addPiece(-1, start - checkEnd);
            textStart = checkEnd;
            textEnd = start;
        }
        taskParagraph = index;
        taskCheck = check;
        taskHead = true;
        taskHeadStart = -1;
    }

    /** A task item's first paragraph starts where its head text starts, or at the check when it has none. */
    private void closeTaskParagraph(OcpNode node) throws IOException {
        if (taskHeadStart >= 0) {
            position(taskHeadStart, 1, node.spanEnd());
        } else {
            position(taskCheck, node.spanEnd());
        }
        out.ch('}');
        taskParagraph = -1;
        taskHead = false;
    }

    /**
     * Drops the pending text's first character, if it is a task paragraph's head ({@link #startTaskParagraph});
     * whether any of the text is left.
     */
    private boolean dropTaskHeadCharacter() {
        taskHead = false;
        if (pieceCount == 0 || pieces[0] >= 0 || pieces[1] == 0) {
            return true; // not the head as startTaskParagraph left it: written as it is
        }
        strings.set(0, strings.get(0).substring(1));
        pieces[1]--;
        for (int i = 0; i < pieceCount; i++) {
            if (pieces[2 * i + 1] > 0) {
                taskHeadStart = textStart;
                return true;
            }
        }
        return false;
    }

    // ---- tables ----

    /**
     * Whether a cell is one the payload adds to a row shorter than the header (empty, at the row's end), which mdast
     * does not have.
     */
    private boolean isPadding(int start, int end, boolean hasChildren) {
        return start == end && !hasChildren && start >= rowEnd;
    }

    /** mdast's cell starts at the pipe before its content (when it has one), ours at the content. */
    private int cellStart(int cell, int contentStart) {
        int pipe = numberSlot(cell, OcpFormat.N_A);
        return pipe >= 0 ? pipe : contentStart;
    }

    /** A cell runs to where the next one starts, the last to the end of its row (its closing pipe included). */
    private void cellPosition(OcpNode cell) throws IOException {
        int start = cellStart(cell.index(), cell.spanStart());
        look.moveTo(cell.index());
        int end;
        if (look.toNextSibling() && !isPadding(look.spanStart(), look.spanEnd(), look.hasChildren())) {
            end = cellStart(look.index(), look.spanStart());
        } else {
            look.moveTo(cell.index());
            end = look.toParent() ? look.spanEnd() : cell.spanEnd();
        }
        position(start, Math.max(end, cell.spanEnd()));
        out.ch('}');
    }

    // ---- line endings ----

    /**
     * Writes the {@code value} field: the node's literal with the source's own line endings, less as many of its
     * final line endings as {@code dropped} says, up to that many. When the source has no line ending but LF, the
     * literal is written from the payload as it is, else decoded and its line endings restored.
     */
    private void literalValue(OcpNode node, int dropped) throws IOException {
        int at = positions.lineEndingsAreLf() ? node.stringOffset(OcpNode.Field.LITERAL) : -1;
        if (at < 0) {
            String value = literalAsWritten(node);
            for (int i = 0; i < dropped; i++) {
                value = withoutFinalLineEnding(value);
            }
            string("value", value);
            return;
        }
        int length = PayloadLayout.lengthOfStringAt(payload, at);
        for (int i = 0; i < dropped && length > 0 && payload.get(at + length - 1) == '\n'; i++) {
            length--;
        }
        out.raw(",\"value\":\"");
        out.utf8(payload, at, length, Output.JSON);
        out.ch('"');
    }

    /** A block's literal with the source's own line endings, which mdast keeps (ours are all LF). */
    private String literalAsWritten(OcpNode node) {
        return rawLineEndings(node.literal(), literalStart(node));
    }

    /** Where a block's literal starts in the source: a fenced block's after its opening fence's line. */
    private int literalStart(OcpNode node) {
        int start = node.spanStart();
        NodeKind kind = node.kind();
        if ((kind == NodeKind.CODE_BLOCK && node.isFencedCode()) || kind == NodeKind.MATH_BLOCK
                || kind == NodeKind.FRONTMATTER) {
            // The literal's first line ending is its first line's, after the opening fence's line.
            while (start < node.spanEnd() && positions.byteAt(start) != '\n' && positions.byteAt(start) != '\r') {
                start++;
            }
            if (start < node.spanEnd()) {
                start += positions.byteAt(start) == '\r' && start + 1 < positions.length()
                        && positions.byteAt(start + 1) == '\n' ? 2 : 1;
            }
        }
        return start;
    }

    /**
     * {@code literal} with its i-th LF replaced by the i-th line ending (CR, LF or CR LF) of the source from
     * {@code start} (a block's last line ending may lie past its span's end); the LFs after the source's last line
     * ending stay LFs (the one the payload ends a block's literal with where the source ends without one).
     */
    private String rawLineEndings(String literal, int start) {
        return rawLineEndings(literal, start, positions.length());
    }

    /** As {@link #rawLineEndings(String, int)}, with the source's line endings taken from before {@code end} only. */
    private String rawLineEndings(String literal, int start, int end) {
        if (literal == null || positions.lineEndingsAreLf() || literal.indexOf('\n') < 0) {
            return literal;
        }
        StringBuilder sb = new StringBuilder(literal.length() + 8);
        int at = start;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c != '\n') {
                sb.append(c);
                continue;
            }
            while (at < end && positions.byteAt(at) != '\n' && positions.byteAt(at) != '\r') {
                at++;
            }
            if (at >= end) {
                return sb.append(literal, i, literal.length()).toString();
            }
            if (positions.byteAt(at) == '\r') {
                sb.append('\r');
                at++;
                if (at < end && positions.byteAt(at) == '\n') {
                    sb.append('\n');
                    at++;
                }
            } else {
                sb.append('\n');
                at++;
            }
        }
        return sb.toString();
    }

    /**
     * {@code value} with its LFs replaced by the last line endings of the source from {@code start} to {@code end},
     * as many as it has: the line endings of a part that ends a node's span (a title, a full reference's label).
     */
    private String lastLineEndings(String value, int start, int end) {
        return rawLineEndings(value, lineEndingsBack(value, start, end), end);
    }

    /** Where the last line endings of {@code [start, end)}, as many as {@code value} has LFs, begin. */
    private int lineEndingsBack(String value, int start, int end) {
        int wanted = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                wanted++;
            }
        }
        int at = end;
        while (wanted > 0 && at > start) {
            at--;
            byte b = positions.byteAt(at);
            if (b == '\n' || b == '\r') {
                if (b == '\n' && at > start && positions.byteAt(at - 1) == '\r') {
                    at--;
                }
                wanted--;
            }
        }
        return at;
    }


    // ---- text ----

    /**
     * A TEXT node joins the pending text: as its place in the payload, unless it holds a line ending that mdast
     * keeps as the source wrote it (a CR or CR LF the payload has as LF).
     */
    private void addText(OcpNode node) {
        int at = node.stringOffset(OcpNode.Field.LITERAL);
        int length = at < 0 ? 0 : PayloadLayout.lengthOfStringAt(payload, at);
        if (at >= 0 && (positions.lineEndingsAreLf() || !holdsLineEnding(at, length))) {
            startText(node);
            addPiece(at, length);
            textEnd = node.spanEnd();
            return;
        }
        // Only line endings inside the text's span are the source's: an LF past it is a character reference's (&#10;).
        addText(rawLineEndings(node.literal(), node.spanStart(), node.spanEnd()), node);
    }

    private boolean holdsLineEnding(int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (payload.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private void addText(String value, OcpNode node) {
        startText(node);
        if (value != null && !value.isEmpty()) {
            strings.add(value);
            addPiece(-1, value.length());
        }
        textEnd = node.spanEnd();
    }

    /** Notes where the pending text starts, if this node starts it. */
    private void startText(OcpNode node) {
        if (textStart >= 0) {
            return;
        }
        int start = node.spanStart();
        if (node.kind() == NodeKind.SOFT_BREAK || node.kind() == NodeKind.HARD_BREAK) {
            // A text that starts at a line break starts at the line ending, after the line's trailing spaces.
            while (start < node.spanEnd() && positions.byteAt(start) != '\n' && positions.byteAt(start) != '\r') {
                start++;
            }
        }
        textStart = start;
    }

    /** A soft break joins the pending text as a line ending, the line's trailing whitespace dropped. */
    private void softBreak(OcpNode node) {
        dropTrailingWhitespace();
        addText(rawLineEndings("\n", node.spanStart()), node);
    }

    /**
     * Takes the spaces and tabs that end the pending text off it, before a soft break: micromark drops a line's
     * trailing whitespace, where CommonMark (and the payload's text) drops only spaces. A text that was all such
     * whitespace is no more, and the text starts again at the line break.
     */
    private void dropTrailingWhitespace() {
        while (pieceCount > 0) {
            int last = pieceCount - 1;
            int at = pieces[2 * last];
            int length = pieces[2 * last + 1];
            if (at >= 0) {
                while (length > 0 && (payload.get(at + length - 1) == ' ' || payload.get(at + length - 1) == '\t')) {
                    length--;
                }
            } else {
                String value = strings.get(strings.size() - 1);
                while (length > 0 && (value.charAt(length - 1) == ' ' || value.charAt(length - 1) == '\t')) {
                    length--;
                }
                strings.set(strings.size() - 1, value.substring(0, length));
            }
            pieces[2 * last + 1] = length;
            if (length > 0) {
                return;
            }
            pieceCount--;
            if (at < 0) {
                strings.remove(strings.size() - 1);
            }
        }
        textStart = -1;
    }

    private void addPiece(int at, int length) {
        if (2 * pieceCount + 2 > pieces.length) {
            pieces = Arrays.copyOf(pieces, pieces.length * 2);
        }
        pieces[2 * pieceCount] = at;
        pieces[2 * pieceCount + 1] = length;
        pieceCount++;
    }

    private void flushText() throws IOException {
        if (textStart < 0) {
            return;
        }
        int shift = 0;
        if (taskHead) {
            if (!dropTaskHeadCharacter()) {
                pieceCount = 0;
                strings.clear();
                textStart = -1;
                return;
            }
            shift = taskHeadStart >= 0 ? 1 : 0;
        }
        if (gfm && linkDepth == 0 && literalLinks()) {
            return;
        }
        beginChild();
        out.raw("{\"type\":\"text\",\"value\":\"");
        int string = 0;
        for (int i = 0; i < pieceCount; i++) {
            int at = pieces[2 * i];
            if (at >= 0) {
                out.utf8(payload, at, pieces[2 * i + 1], Output.JSON);
            } else {
                out.escaped(strings.get(string++), Output.JSON);
            }
        }
        out.ch('"');
        position(textStart, shift, textEnd);
        out.ch('}');
        pieceCount = 0;
        strings.clear();
        textStart = -1;
    }

    /**
     * Writes the pending text as {@link LiteralLinkPass} splits it, if it does: texts and links without positions.
     *
     * @return whether it was written (and the pending text is cleared); if not, it is written as it is
     */
    private boolean literalLinks() throws IOException {
        if (!pendingMayLink()) {
            return false;
        }
        java.util.List<LiteralLinkPass.Piece> split = LiteralLinkPass.split(pendingText());
        if (split == null) {
            return false;
        }
        for (LiteralLinkPass.Piece piece : split) {
            beginChild();
            if (piece.isLink()) {
                out.raw("{\"type\":\"link\"");
                nul("title");
                string("url", piece.url());
                out.raw(",\"children\":[{\"type\":\"text\"");
                string("value", piece.text());
                out.raw("}]}");
            } else {
                out.raw("{\"type\":\"text\"");
                string("value", piece.text());
                out.ch('}');
            }
        }
        pieceCount = 0;
        strings.clear();
        textStart = -1;
        return true;
    }

    /**
     * Whether the pending text could hold what {@link LiteralLinkPass} links: an {@code @}, {@code ://} or
     * {@code www.} in any case (across its pieces too). Most texts have none and are not decoded for the search.
     */
    private boolean pendingMayLink() {
        int string = 0;
        int last3 = 0; // the last three characters seen, a byte each (lower-cased), the latest lowest
        for (int i = 0; i < pieceCount; i++) {
            int at = pieces[2 * i];
            int length = pieces[2 * i + 1];
            if (at >= 0) {
                // From an array, as Output.utf8 reads: a buffer's get(int) checks its bounds (and a segment's state)
                // on every byte.
                byte[] a;
                int from;
                if (payload.hasArray()) {
                    a = payload.array();
                    from = payload.arrayOffset() + at;
                } else {
                    if (scratch.length < length) {
                        scratch = new byte[Math.max(length, 2 * scratch.length)];
                    }
                    payload.get(at, scratch, 0, length);
                    a = scratch;
                    from = 0;
                }
                int k = from;
                int to = from + length;
                while (k < to) {
                    // Eight bytes at a time past those that cannot end a candidate: no '@', '/' or '.' among them.
                    if (k + 8 <= to) {
                        long w = (long) Utf8.WORDS.get(a, k);
                        if (!hasByte(w, '@') && !hasByte(w, '/') && !hasByte(w, '.')) {
                            last3 = lowerByte(w >>> 40) << 16 | lowerByte(w >>> 48) << 8 | lowerByte(w >>> 56);
                            k += 8;
                            continue;
                        }
                    }
                    int c = a[k++];
                    if (c == '@' || c == '/' && (last3 & 0xFFFF) == (':' << 8 | '/')
                            || c == '.' && (last3 & 0xFFFFFF) == ('w' << 16 | 'w' << 8 | 'w')) {
                        return true;
                    }
                    last3 = last3 << 8 | lowerByte(c);
                }
            } else {
                String value = strings.get(string++);
                for (int k = 0; k < length; k++) {
                    int c = value.charAt(k);
                    if (c == '@' || c == '/' && (last3 & 0xFFFF) == (':' << 8 | '/')
                            || c == '.' && (last3 & 0xFFFFFF) == ('w' << 16 | 'w' << 8 | 'w')) {
                        return true;
                    }
                    last3 = last3 << 8 | (c >= 'A' && c <= 'Z' ? c | 0x20 : c < 0x80 ? c : 0xFF);
                }
            }
        }
        return false;
    }


    /** Whether any byte of {@code w} is {@code b} (the classic test for a zero byte, of {@code w} xor b's). */
    private static boolean hasByte(long w, char b) {
        long x = w ^ (0x0101010101010101L * b);
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    /** The low byte of {@code b}, an ASCII capital made small. */
    private static int lowerByte(long b) {
        int c = (int) b & 0xFF;
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
    }

    /** Where {@link #pendingMayLink} copies a payload's bytes that no array holds. */
    private byte[] scratch = new byte[256];

    /** The pending text's value, decoded. */
    private String pendingText() {
        StringBuilder sb = new StringBuilder();
        int string = 0;
        for (int i = 0; i < pieceCount; i++) {
            int at = pieces[2 * i];
            if (at >= 0) {
                // As every renderer decodes, ill-formed UTF-8 included: the JDK gives one U+FFFD for an encoded
                // surrogate where the library, as the toolchain's TextDecoder, gives one for each maximal subpart.
                sb.append(Utf8.decode(payload, at, pieces[2 * i + 1]));
            } else {
                sb.append(strings.get(string++));
            }
        }
        return sb.toString();
    }

    // ---- fields ----

    private void code(OcpNode node) throws IOException {
        open("code");
        String info = node.info();
        String lang = null;
        String meta = null;
        if (info != null && !info.isEmpty()) {
            int space = 0;
            while (space < info.length() && info.charAt(space) != ' ' && info.charAt(space) != '\t') {
                space++;
            }
            lang = info.substring(0, space);
            String rest = info.substring(space).strip();
            meta = rest.isEmpty() ? null : rest + fenceLineTrailingWhitespace(node);
        }
        string("lang", lang);
        string("meta", meta);
        int start = node.spanStart();
        int end = node.spanEnd();
        String trailing = node.isFencedCode() ? null : stringSlot(node, OcpFormat.N_C);
        if (trailing == null) {
            fencedValue(node);
        } else {
            // mdast's code goes on to the last blank line indented four columns or more: what those lines hold past
            // the four columns follows the literal, and the value loses one final line ending, as always.
            string("value", withoutFinalLineEnding(rawLineEndings(node.literal() + trailing, start)));
            int lines = 1;
            for (int i = 0; i < trailing.length(); i++) {
                lines += trailing.charAt(i) == '\n' ? 1 : 0;
            }
            end = positions.lineEnd(positions.line(end) + lines);
        }
        if (!node.isFencedCode()) {
            // It starts at its indentation, which the span leaves out.
            start -= data(node);
        } else if (node.isUnclosed()) {
            end = containerEnd(node);
        }
        position(start, end);
        out.ch('}');
        leafEnd = end;
    }

    /**
     * The spaces and tabs that end a fence's first line: the payload's info string is trimmed, as CommonMark says,
     * and mdast's meta keeps them.
     */
    private String fenceLineTrailingWhitespace(OcpNode node) {
        int end = positions.lineEnd(positions.line(node.spanStart()));
        int from = end;
        while (from > node.spanStart() && (positions.byteAt(from - 1) == ' ' || positions.byteAt(from - 1) == '\t')) {
            from--;
        }
        return from == end ? "" : positions.decode(from, end);
    }

    /**
     * Where a block's container ends (the document's end for a block at the top): where mdast ends a math block
     * left open, which micromark's flow keeps open, line endings and blank lines included, until its container
     * closes.
     */
    private int containerEnd(OcpNode node) {
        int newContainer = newContainerLineStart(node);
        if (newContainer >= 0) {
            return newContainer;
        }
        look.moveTo(node.index());
        if (!look.toParent()) {
            return node.spanEnd();
        }
        int end = look.spanEnd();
        if (quoteDepth == 0 && node.index() + 1 == look.nodeCount()) {
            // Nothing follows it: micromark keeps it open to the document's end, the line endings after its
            // container's content included. (Where the document ends in a line of spaces its containers'
            // indentation takes whole, micromark's ends at that line's start; the payload does not say whose
            // indentation the spaces are, and this ends at the document's end.)
            end = Math.max(end, positions.length());
        }
        return end;
    }

    /**
     * Where a fence never closed ends in mdast when its containers ended because a block quote, list item or footnote
     * started on a later line (parsed with {@code Flavor.MICROMARK}, whose parser then ends its parent's span on that
     * block's line, where no container's span ends otherwise: on its last line): at the start of that line, micromark's
     * fence keeping the line ending before it. -1 when it ended otherwise.
     */
    private int newContainerLineStart(OcpNode fence) {
        int next = fence.index() + 1; // the node after it in document order: it has no children
        if (next >= look.nodeCount()) {
            return -1;
        }
        look.moveTo(fence.index());
        if (!look.toParent()) {
            return -1;
        }
        int parentEnd = look.spanEnd();
        look.moveTo(next);
        NodeKind kind = look.kind();
        int line = positions.line(parentEnd);
        if (parentEnd > look.spanStart() || look.spanStart() >= look.spanEnd() || fence.spanEnd() >= parentEnd
                || positions.line(fence.spanEnd()) == line || positions.line(look.spanStart()) != line
                || kind != NodeKind.BLOCK_QUOTE && kind != NodeKind.ALERT && kind != NodeKind.LIST
                && kind != NodeKind.LIST_ITEM && kind != NodeKind.FOOTNOTE_DEFINITION) {
            return -1;
        }
        return positions.lineStart(line);
    }

    /**
     * A code or math block's value: its literal without the line ending of its last line; for a fence never closed,
     * what the source holds between the opening fence's line ending and where mdast ends the block (its container's
     * end), without the last line ending there: the literal's lines past it (blank lines the container did not
     * take), and the line ending the payload adds where the document ends without one, are not mdast's.
     */
    private void fencedValue(OcpNode node) throws IOException {
        if (!node.isUnclosed()) {
            literalValue(node, 1);
            return;
        }
        string("value", withoutFinalLineEnding(literalUpTo(node, containerEnd(node))));
    }

    /**
     * An HTML block: its value without its last line ending, except a block the parser recorded as unclosed (start
     * condition 1 to 5, no end marker met), which in mdast runs on to the end of its container, with the line
     * ending its last line has in the container.
     */
    private void htmlBlock(OcpNode node) throws IOException {
        open("html");
        int end = node.spanEnd();
        if (!node.isUnclosed()) {
            literalValue(node, 1);
        } else {
            end = containerEnd(node);
            // Its value is what the source holds up to there: the literal's lines past it (the blank lines the
            // block took, where its container ended on the first), and the line ending the payload adds where the
            // container (or the document) ends without one, are not mdast's; the blank lines its container took
            // after it are.
            string("value", literalUpTo(node, end));
        }
        position(node.spanStart() + (startsInPartTakenTab(node) ? 1 : 0), end);
        leafEnd = end;
        out.ch('}');
    }

    /**
     * Writes a code span's (or inline math's) value as mdast has it: its content as written, with the indentation its
     * later lines lost (slot c, v1.5) or else its line endings (slot b, v1.3), with the source's own line endings;
     * the literal when the content crossed no line.
     */
    private void codeSpanValue(OcpNode node) throws IOException {
        // One read of the record: slot c, else b, else a (the literal), each a string or NONE.
        int r = layout.record(node.index());
        int ref = payload.getInt(r + OcpFormat.N_C);
        boolean crossesLines = true;
        if (ref == OcpFormat.NONE) {
            ref = payload.getInt(r + OcpFormat.N_B);
            if (ref == OcpFormat.NONE) {
                ref = payload.getInt(r + OcpFormat.N_A);
                crossesLines = false;
            }
        }
        if (ref == OcpFormat.NONE) {
            nul("value"); // none: made so by a writer that is not this library's
            return;
        }
        int at = layout.stringOffset() + ref + 4;
        int length = PayloadLayout.lengthOfStringAt(payload, at);
        if (crossesLines && !positions.lineEndingsAreLf()) {
            string("value", rawLineEndings(Utf8.decode(payload, at, length), node.spanStart()));
            return;
        }
        // Written from where it lies, as most values are.
        out.raw(",\"value\":\"");
        out.utf8(payload, at, length, Output.JSON);
        out.ch('"');
    }

    /**
     * mdast's identifier (the label as written, normalized as matching does it, lower-cased) and label (the label
     * with its backslash escapes and character references decoded, whitespace kept).
     */
    private void reference(OcpNode node, boolean labelLast) throws IOException {
        String label = node.label();
        // The label is text as written, the whitespace that starts its lines included (format v1.5 keeps it).
        if (label != null && label.indexOf('\n') >= 0 && !positions.lineEndingsAreLf()) {
            label = labelLast ? lastLineEndings(label, node.spanStart(), node.spanEnd())
                    : rawLineEndings(label, node.spanStart(), node.spanEnd());
        }
        string("identifier", label == null ? null : identifier(label));
        string("label", label == null ? null : CharacterReferences.decode(label));
    }

    private void alignments(OcpNode table) throws IOException {
        out.raw(",\"align\":[");
        look.moveTo(table.index());
        if (look.toFirstChild() && look.toFirstChild()) {
            boolean first = true;
            do {
                if (!first) {
                    out.ch(',');
                }
                first = false;
                OcpNode.Alignment a = look.alignment();
                out.raw(a == OcpNode.Alignment.NONE ? "null"
                        : "\"" + a.name().toLowerCase(java.util.Locale.ROOT) + "\"");
            } while (look.toNextSibling());
        }
        out.ch(']');
    }

    private void attributes(OcpNode node) throws IOException {
        out.raw(",\"attributes\":[");
        for (int i = 0; i < node.attributeCount(); i++) {
            if (i > 0) {
                out.ch(',');
            }
            OcpNode.AttributeKind kind = node.attributeKind(i);
            if (kind == OcpNode.AttributeKind.SPREAD) {
                out.raw("{\"type\":\"mdxJsxExpressionAttribute\"");
                string("value", expressionValue(node.attributeValue(i)));
            } else {
                out.raw("{\"type\":\"mdxJsxAttribute\"");
                string("name", node.attributeName(i));
                if (kind == OcpNode.AttributeKind.EXPRESSION) {
                    out.raw(",\"value\":{\"type\":\"mdxJsxAttributeValueExpression\"");
                    string("value", expressionValue(node.attributeValue(i)));
                    out.ch('}');
                } else {
                    string("value", node.attributeValue(i));
                }
            }
            position(node.attributeSpanStart(i), node.attributeSpanEnd(i));
            out.ch('}');
        }
        out.ch(']');
    }

    /**
     * An expression's value as mdast has it: the JS toolchain takes up to two spaces or tabs (a tab with the
     * columns it spans counts as both) after each line ending as indentation, not as part of the expression.
     */
    static String expressionValue(String source) {
        if (source == null || source.indexOf('\n') < 0 && source.indexOf('\r') < 0) {
            return source;
        }
        StringBuilder sb = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i++);
            sb.append(c);
            if (c == '\r' && i < source.length() && source.charAt(i) == '\n') {
                sb.append(source.charAt(i++));
            } else if (c != '\n' && c != '\r') {
                continue;
            }
            if (i < source.length() && source.charAt(i) == '\t') {
                i++;
            } else {
                for (int eaten = 0; eaten < 2 && i < source.length() && (source.charAt(i) == ' '
                        || eaten == 1 && source.charAt(i) == '\t'); eaten++) {
                    i++;
                }
            }
        }
        return sb.toString();
    }

    /**
     * Whether a block starts at a tab its container's prefix took columns of (the value holds the others as spaces):
     * micromark's prefix takes the whole tab, and the block starts after it. Told by the value's indentation being
     * narrower than the source's from the block's start.
     */
    private boolean startsInPartTakenTab(OcpNode node) {
        int start = node.spanStart();
        if (start >= positions.length() || positions.byteAt(start) != '\t') {
            return false;
        }
        int column = 0;
        for (int i = positions.lineStart(positions.line(start)); i < start; i++) {
            column = positions.byteAt(i) == '\t' ? column + 4 - column % 4 : column + 1;
        }
        int sourceEnd = column;
        for (int i = start; i < positions.length() && (positions.byteAt(i) == ' ' || positions.byteAt(i) == '\t'); i++) {
            sourceEnd = positions.byteAt(i) == '\t' ? sourceEnd + 4 - sourceEnd % 4 : sourceEnd + 1;
        }
        String literal = node.literal();
        int valueEnd = column;
        for (int i = 0; i < literal.length() && (literal.charAt(i) == ' ' || literal.charAt(i) == '\t'); i++) {
            valueEnd = literal.charAt(i) == '\t' ? valueEnd + 4 - valueEnd % 4 : valueEnd + 1;
        }
        return valueEnd < sourceEnd;
    }

    /** The number of line endings (CR LF counted once) in the source from {@code start} to {@code end}. */
    private int lineEndingsBetween(int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            byte b = positions.byteAt(i);
            if (b == '\n' || b == '\r' && (i + 1 == end || positions.byteAt(i + 1) != '\n')) {
                count++;
            }
        }
        return count;
    }

    /**
     * A block's literal, with the source's line endings, as far as the source from its start to {@code end} goes: up
     * to the line ending of the line before {@code end}'s, then what its literal holds of that line without its own;
     * where the literal holds fewer lines, followed by as many empty lines (blank lines its container took after it).
     */
    private String literalUpTo(OcpNode node, int end) {
        String literal = node.literal();
        int start = literalStart(node);
        int lines = lineEndingsBetween(start, end);
        int i = 0;
        int seen = 0;
        for (; seen < lines && i < literal.length(); i++) {
            seen += literal.charAt(i) == '\n' ? 1 : 0;
        }
        while (i < literal.length() && literal.charAt(i) != '\n') {
            i++;
        }
        String value = seen >= lines ? literal.substring(0, i) : literal + "\n".repeat(lines - seen);
        return rawLineEndings(value, start);
    }

    private static String withoutFinalLineEnding(String s) {
        if (s == null) {
            return null;
        }
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") || s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    // ---- writing ----

    // ---- the facts of v1.5, which the public accessors leave out ----

    /** A node's {@code data} field. */
    private int data(OcpNode node) {
        return Short.toUnsignedInt(payload.getShort(layout.record(node.index()) + OcpFormat.N_DATA));
    }

    /** A number slot of node {@code index}, or -1 for {@code NONE} (and for numbers past {@code int}). */
    private int numberSlot(int index, int slot) {
        int value = payload.getInt(layout.record(index) + slot);
        return value < 0 ? -1 : value;
    }

    private int numberSlot(OcpNode node, int slot) {
        return numberSlot(node.index(), slot);
    }

    /** Where a string slot's bytes start in the payload, or -1 for {@code NONE}. */
    private int stringSlotOffset(OcpNode node, int slot) {
        int ref = payload.getInt(layout.record(node.index()) + slot);
        return ref == OcpFormat.NONE ? -1 : layout.stringOffset() + ref + 4;
    }

    /** A string slot, decoded, or {@code null} for {@code NONE}. */
    private String stringSlot(OcpNode node, int slot) {
        return layout.decode(payload, payload.getInt(layout.record(node.index()) + slot));
    }

    private void beginChild() throws IOException {
        if (depth > 0) {
            if (wrote[depth - 1]) {
                out.ch(',');
            }
            wrote[depth - 1] = true;
        }
    }

    private void open(String type) throws IOException {
        beginChild();
        out.raw("{\"type\":\"");
        out.raw(type);
        out.ch('"');
    }

    /** Opens the children array of the node just opened; always walks them. */
    private boolean children() throws IOException {
        out.raw(",\"children\":[");
        if (depth == wrote.length) {
            wrote = Arrays.copyOf(wrote, depth * 2);
        }
        wrote[depth++] = false;
        return true;
    }

    /** A setext heading starts where its paragraph did, before the definitions the parser took off it (v1.5). */
    private void closeHeading(OcpNode node) throws IOException {
        int paragraphStart = numberSlot(node, OcpFormat.N_A);
        position(paragraphStart >= 0 ? paragraphStart : node.spanStart(), node.spanEnd());
        out.ch('}');
    }

    private void close(OcpNode node) throws IOException {
        position(node.spanStart(), node.spanEnd());
        out.ch('}');
    }

    private void leaf(OcpNode node, String type) throws IOException {
        open(type);
        close(node);
    }

    /**
     * Opens a link or image and writes what says where it points: as {@code referenceType} with identifier, label
     * and reference type when it was written as a reference, else as {@code type} with title and url.
     */
    private void linkHead(OcpNode node, String type, String referenceType) throws IOException {
        if (node.referenceType() != null) {
            open(referenceType);
            // A full reference's label is its last part ([text][label]), the others' its first ([label][], [label]).
            reference(node, node.referenceType() == OcpNode.ReferenceType.FULL);
            referenceType(node);
        } else {
            open(type);
            title(node);
            string("url", node.destination());
        }
    }

    private void referenceType(OcpNode node) throws IOException {
        string("referenceType", node.referenceType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A link's, image's or definition's title: mdast has {@code null} for an empty one, as for none. Its line endings
     * are the source's, the last ones of the node's span: the title is the node's last part.
     */
    private void title(OcpNode node) throws IOException {
        String value = node.title();
        if (value != null && !positions.lineEndingsAreLf() && value.indexOf('\n') >= 0) {
            value = lastLineEndings(value, node.spanStart(), node.spanEnd());
        }
        string("title", value == null || value.isEmpty() ? null : value);
    }

    private void string(String name, String value) throws IOException {
        out.raw(",\"");
        out.raw(name);
        out.raw("\":");
        out.jsonString(value);
    }

    private void number(String name, long value) throws IOException {
        out.raw(",\"");
        out.raw(name);
        out.raw("\":");
        out.raw(Long.toString(value));
    }

    private void bool(String name, boolean value) throws IOException {
        out.raw(",\"");
        out.raw(name);
        out.raw(value ? "\":true" : "\":false");
    }

    private void nul(String name) throws IOException {
        out.raw(",\"");
        out.raw(name);
        out.raw("\":null");
    }

    /** A position's text around its six numbers, for {@link Output#template}. */
    private static final char[][] POSITION = {",\"position\":{\"start\":{\"line\":".toCharArray(),
        ",\"column\":".toCharArray(), ",\"offset\":".toCharArray(), "},\"end\":{\"line\":".toCharArray(),
        ",\"column\":".toCharArray(), ",\"offset\":".toCharArray(), "}}".toCharArray()};

    private void position(int start, int end) throws IOException {
        position(start, 0, end);
    }

    /**
     * A position whose start is {@code shift} columns and offsets past {@code start}'s, on its line (where the JS
     * toolchain moves a start by counting, as past a task item's check, even past a line ending).
     */
    private void position(int start, int shift, int end) throws IOException {
        starts.moveTo(start);
        ends.moveTo(end);
        int[] p = point;
        p[0] = starts.line();
        p[1] = starts.column() + shift;
        p[2] = starts.units() + shift;
        p[3] = ends.line();
        p[4] = ends.column();
        p[5] = ends.units();
        out.template(POSITION, p);
    }
}
