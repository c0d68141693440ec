package dev.ocp.markdown;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.OcpVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * Writes a tree as Markdown: a visitor of the public walk. Blocks are written line by line under a stack of line
 * prefixes (a block quote's {@code > }, a list item's indentation, whose first line carries the item's marker
 * instead); the inline content of a paragraph, heading or table cell is collected first, escaped as it is written
 * ({@link Escaper}), then written as lines under the prefixes of its block.
 *
 * <p>Sibling blocks are separated by a blank line, except in tight lists. The choices that the tree alone would
 * get wrong are made here: two lists in a row take different markers, an indented code block that would join what
 * comes before it is fenced, a thematic break never reads as a list item or a setext underline.
 */
final class MarkdownWriter implements OcpVisitor {
    private final StringBuilder out;
    private final MarkdownOptions options;
    private final OcpCursor look;
    private final Escaper escaper;
    private final boolean mdx;

    /** Per prefix level: what continuation lines start with, and what the next line starts with if not yet written. */
    private String[] cont = new String[16];
    private String[] first = new String[16];
    private int prefixes;
    /** Lines written so far, to tell whether a container wrote anything. */
    private int lines;

    /** The open nodes, outermost first. */
    private Frame[] frames = new Frame[32];
    private int depth;

    /** The inline content of the leaf block being written (paragraph, heading, table cell). */
    private final StringBuilder inline = new StringBuilder();
    /** How many leaf blocks are open (0 or 1 in a conforming tree). */
    private int leaf;
    /** Nodes whose text is written as it is, unescaped (the text of an autolink). */
    private int verbatim;
    /** The text that follows a shortcut or collapsed reference must not turn it into another link. */
    private boolean afterReference;
    /** Where text written unescaped as part of the delimiter run after it ends in {@link #inline}, or -1. */
    private int rawRunEnd = -1;
    /**
     * A block left open as the source left it (an HTML block of conditions 1 to 5 without its end, a fence without
     * its closing fence): it would take in the blank line that separates the next block.
     */
    private boolean leftOpen;
    /** The rows of the table being written: each a list of cells' Markdown. */
    private List<List<String>> rows;
    private List<OcpNode.Alignment> aligns;

    MarkdownWriter(OcpCursor root, StringBuilder out, MarkdownOptions options) {
        this.out = out;
        this.options = options;
        this.look = root.copy();
        Set<Extension> extensions = root.extensions();
        this.mdx = root.dialect() == Dialect.MDX;
        this.escaper = new Escaper(extensions.contains(Extension.GFM), extensions.contains(Extension.MATH), mdx);
    }

    /** One open node and what its children need to know of it and of each other. */
    private static final class Frame {
        NodeKind kind;
        int index;
        /** A list's or list item's list is tight. */
        boolean tight;
        /**
         * A list's or item's {@code spread} (blank lines between its items, its children), and whether the payload
         * records it (v1.3 on); the list's, for an item.
         */
        boolean spread;
        boolean spreadKnown;
        boolean ordered;
        /** A list's marker: the bullet, or the ordered delimiter. */
        char marker;
        long number;
        /** A list's least content indentation, when what follows it must not be read as part of its last item. */
        int contentIndent;
        int prefixesAtEnter;
        int linesAtEnter;
        /** The previous child block: its kind, its list marker, whether it was indented code. */
        NodeKind previous;
        char previousMarker;
        boolean previousOrdered;
        boolean previousIndentedCode;
        /** Inline: where the node's output starts in {@link #inline}, and its closing text. */
        int mark;
        String close;
        /** A task item's box, waiting for its first paragraph. */
        String task;
    }

    // ---------------------------------------------------------------- lines

    private void pushPrefix(String firstLine, String continuation) {
        if (prefixes == cont.length) {
            cont = java.util.Arrays.copyOf(cont, 2 * prefixes);
            first = java.util.Arrays.copyOf(first, 2 * prefixes);
        }
        cont[prefixes] = continuation;
        first[prefixes] = firstLine;
        prefixes++;
    }

    private void popPrefix() {
        prefixes--;
        cont[prefixes] = null;
        first[prefixes] = null;
    }

    /** Writes one line under the prefixes; the first line under a list item's prefix carries its marker. */
    private void line(CharSequence text, int from, int to) {
        int start = out.length();
        for (int i = 0; i < prefixes; i++) {
            if (first[i] != null) {
                out.append(first[i]);
                first[i] = null;
            } else {
                out.append(cont[i]);
            }
        }
        leftOpen = false;
        out.append(text, from, to);
        if (from == to) {
            trimTrailingBlanks(start);
        }
        out.append('\n');
        lines++;
    }

    private void line(CharSequence text) {
        line(text, 0, text.length());
    }

    /**
     * Writes each line of {@code text} (lines end with LF; a final LF ends the last line, it adds none); nothing for
     * an empty text.
     */
    private void lines(CharSequence text) {
        int from = 0;
        int n = text.length();
        if (n == 0) {
            return;
        }
        if (n > 0 && text.charAt(n - 1) == '\n') {
            n--;
        }
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                line(text, from, i);
                from = i + 1;
            }
        }
    }

    /** A blank line between blocks: the prefixes alone, without their trailing spaces, no marker spent. */
    private void blankLine() {
        if (leftOpen) {
            // The open block would take it in; it ends with its container anyway.
            leftOpen = false;
            return;
        }
        int start = out.length();
        for (int i = 0; i < prefixes; i++) {
            out.append(cont[i]);
        }
        trimTrailingBlanks(start);
        out.append('\n');
        lines++;
    }

    private void trimTrailingBlanks(int from) {
        int end = out.length();
        while (end > from && (out.charAt(end - 1) == ' ' || out.charAt(end - 1) == '\t')) {
            end--;
        }
        out.setLength(end);
    }

    // ---------------------------------------------------------------- walk

    private Frame push(OcpNode node, NodeKind kind) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, 2 * depth);
        }
        Frame f = frames[depth];
        if (f == null) {
            f = frames[depth] = new Frame();
        }
        depth++;
        f.kind = kind;
        f.index = node.index();
        f.tight = false;
        f.spread = false;
        f.spreadKnown = false;
        f.ordered = false;
        f.marker = 0;
        f.number = 0;
        f.contentIndent = 0;
        f.prefixesAtEnter = prefixes;
        f.linesAtEnter = lines;
        f.previous = null;
        f.previousMarker = 0;
        f.previousOrdered = false;
        f.previousIndentedCode = false;
        f.mark = inline.length();
        f.close = null;
        f.task = null;
        return f;
    }

    private Frame parent() {
        return depth >= 2 ? frames[depth - 2] : null;
    }

    @Override
    public boolean enter(OcpNode node) {
        NodeKind kind = node.kind();
        if (kind == null) {
            push(node, null);
            return false; // a later minor version's kind: nothing known to write
        }
        Frame f = push(node, kind);
        return kind.isBlock() && leaf == 0 ? enterBlock(node, kind, f) : enterInline(node, kind, f);
    }

    @Override
    public void exit(OcpNode node) {
        Frame f = frames[depth - 1];
        if (f.kind != null) {
            if (f.kind.isBlock() && (leaf == 0 || isLeaf(f.kind))) {
                exitBlock(node, f);
            } else {
                exitInline(node, f);
                Frame parent = parent();
                if (parent != null) {
                    parent.previous = f.kind;
                }
            }
        }
        depth--;
    }

    private static boolean isLeaf(NodeKind kind) {
        return kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING || kind == NodeKind.TABLE_CELL;
    }

    // ---------------------------------------------------------------- blocks

    /**
     * Separates a block from the sibling before it: a blank line, except between the blocks of a tight list, and
     * between a paragraph and the list nested under it in a loose one (where a blank line is not needed and the
     * payload does not say whether the source had one: writers usually leave it out).
     */
    private void separate(OcpNode node, Frame parent) {
        if (parent == null || node.parentIndex() + 1 == node.index()) {
            return;
        }
        if (parent.kind == NodeKind.TABLE || parent.kind == NodeKind.TABLE_ROW) {
            return;
        }
        if (parent.previous == NodeKind.DEFINITION && node.kind() == NodeKind.PARAGRAPH && startsWithHtml(node)) {
            // After a blank line, the paragraph's raw HTML would start an HTML block; right under the definition,
            // the line goes on the paragraph the definition was taken from, as in the source.
            return;
        }
        if (parent.kind == NodeKind.LIST || parent.kind == NodeKind.LIST_ITEM) {
            if (parent.tight) {
                return;
            }
            if (parent.spreadKnown) {
                // Where the source had blank lines, as the payload records them; two paragraphs need one anyway.
                if (parent.spread || (parent.previous == NodeKind.PARAGRAPH && node.kind() == NodeKind.PARAGRAPH)) {
                    blankLine();
                }
                return;
            }
            if (parent.kind == NodeKind.LIST_ITEM && parent.previous == NodeKind.PARAGRAPH
                    && node.kind() == NodeKind.LIST && interruptsParagraph(node) && hasSiblings(parent.index)) {
                return; // the blank lines between the items keep the list loose
            }
        }
        blankLine();
    }

    private boolean anItemIsSpread(OcpNode list) {
        look.moveTo(list.index());
        for (boolean more = look.toFirstChild(); more; more = look.toNextSibling()) {
            if (look.isSpread()) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSiblings(int node) {
        look.moveTo(node);
        return look.nextSiblingIndex() != NONE || look.index() != look.parentIndex() + 1;
    }

    private boolean startsWithHtml(OcpNode paragraph) {
        look.moveTo(paragraph.index());
        return look.toFirstChild() && look.kind() == NodeKind.HTML_INLINE;
    }

    /** Whether a list can start right under a paragraph's last line: a bullet list, or one numbered from 1. */
    private static boolean interruptsParagraph(OcpNode list) {
        return list.hasChildren() && (!list.isOrderedList() || list.listStart() == 1);
    }

    private boolean enterBlock(OcpNode node, NodeKind kind, Frame f) {
        Frame parent = parent();
        separate(node, parent);
        f.linesAtEnter = lines;
        switch (kind) {
            case DOCUMENT:
                return true;
            case PARAGRAPH:
            case HEADING:
                leaf++;
                inline.setLength(0);
                if (kind == NodeKind.PARAGRAPH && parent != null && parent.task != null && parent.index + 1 == node.index()) {
                    inline.append(parent.task);
                }
                f.mark = inline.length();
                return true;
            case TABLE_CELL:
                leaf++;
                inline.setLength(0);
                f.mark = 0;
                return true;
            case THEMATIC_BREAK:
                line(thematicBreak(node, parent));
                return false;
            case BLOCK_QUOTE:
                pushPrefix(null, "> ");
                return true;
            case LIST:
                enterList(node, f, parent);
                return true;
            case LIST_ITEM:
                enterItem(node, f, parent);
                return true;
            case CODE_BLOCK:
                codeBlock(node, parent);
                return false;
            case HTML_BLOCK: {
                String literal = node.literal();
                if (parent != null && parent.kind == NodeKind.LIST_ITEM && parent.index + 1 == node.index()
                        && literal.startsWith(" ")) {
                    // After the marker its leading spaces would be taken for the marker's; on a line of its own
                    // under the marker, the item's content starts a column after it and the spaces stay.
                    line("");
                }
                lines(literal);
                leftOpen = !closes(node.htmlBlockCondition(), literal);
                return false;
            }
            case DEFINITION:
                definition(node);
                return false;
            case TABLE:
                rows = new ArrayList<>();
                aligns = new ArrayList<>();
                return true;
            case TABLE_ROW:
                rows.add(new ArrayList<>());
                return true;
            case FOOTNOTE_DEFINITION:
                pushPrefix("[^" + node.label() + "]: ", "    ");
                return true;
            case FRONTMATTER: {
                String fence = "toml".equals(node.frontmatterFormat()) ? "+++" : "---";
                line(fence);
                lines(node.literal());
                line(fence);
                return false;
            }
            case MATH_BLOCK: {
                String literal = node.literal();
                String fence = "$".repeat(Math.max(2, Escaper.longestRun(literal, '$') + 1));
                String meta = node.string(OcpNode.Field.INFO);
                line(meta == null ? fence : fence + meta);
                lines(literal);
                closeFence(node, fence);
                return false;
            }
            case MDX_JSX_FLOW: {
                boolean children = node.hasChildren();
                line(JsxWriter.openTag(node, !children));
                if (children) {
                    f.close = JsxWriter.closeTag(node);
                    pushPrefix(null, "  ");
                }
                return children;
            }
            case MDX_EXPRESSION_FLOW:
                lines("{" + node.literal() + "}");
                return false;
            case MDX_ESM:
                lines(node.literal());
                return false;
            default:
                return true;
        }
    }

    private void exitBlock(OcpNode node, Frame f) {
        Frame parent = parent();
        switch (f.kind) {
            case PARAGRAPH:
                leaf--;
                lines(inline.toString()); // a String's ranges append at once, a builder's char by char
                inline.setLength(0);
                break;
            case HEADING:
                leaf--;
                heading(node);
                inline.setLength(0);
                break;
            case TABLE_CELL:
                leaf--;
                if (!padding(node, parent)) {
                    rows.get(rows.size() - 1).add(inline.toString());
                }
                if (rows.size() == 1) {
                    aligns.add(node.alignment());
                }
                inline.setLength(0);
                break;
            case TABLE:
                MarkdownTables.write(rows, aligns, this::line);
                rows = null;
                aligns = null;
                break;
            case BLOCK_QUOTE:
                if (lines == f.linesAtEnter) {
                    line("");
                }
                popPrefix();
                leftOpen = false; // a blank line ends the quote, and a block left open in it
                break;
            case LIST_ITEM:
            case FOOTNOTE_DEFINITION:
                if (lines == f.linesAtEnter) {
                    line(""); // an empty item: its marker alone
                }
                popPrefix();
                break;
            case MDX_JSX_FLOW:
                if (f.close != null) {
                    popPrefix();
                    line(f.close);
                }
                break;
            default:
                break;
        }
        if (parent != null) {
            parent.previous = f.kind;
            parent.previousIndentedCode = f.kind == NodeKind.CODE_BLOCK && f.marker == ' ';
            if (f.kind == NodeKind.LIST) {
                parent.previousMarker = f.marker;
                parent.previousOrdered = f.ordered;
            }
        }
    }

    /**
     * Whether a cell is one the parser added to a body row that lacked it: empty, at the very end of its row. It is
     * left out, so that the row reads back as short as it was (mdast keeps it short; HTML pads it either way).
     */
    private boolean padding(OcpNode cell, Frame row) {
        if (cell.hasChildren() || rows.size() == 1 || cell.spanStart() != cell.spanEnd()) {
            return false;
        }
        look.moveTo(row.index);
        return cell.spanStart() == look.spanEnd() && look.spanStart() < look.spanEnd();
    }

    private void enterList(OcpNode node, Frame f, Frame parent) {
        f.ordered = node.isOrderedList();
        f.tight = node.isTightList();
        f.spread = node.isSpread();
        // A loose list is spread, or one of its items is, in payloads that record it: else it is an older one.
        f.spreadKnown = f.tight || f.spread || anItemIsSpread(node);
        char asked = f.ordered ? options.orderedDelimiter() : options.bullet();
        char marker = asked != MarkdownOptions.AS_PARSED ? asked : node.marker();
        if (marker == 0 || (f.ordered ? ".)" : "-*+").indexOf(marker) < 0) {
            marker = f.ordered ? '.' : '-';
        }
        // Two lists in a row with the same marker would be read as one.
        if (parent != null && parent.previous == NodeKind.LIST && parent.previousOrdered == f.ordered
                && parent.previousMarker == marker) {
            marker = f.ordered ? (marker == '.' ? ')' : '.') : (marker == '-' ? '*' : '-');
        }
        f.marker = marker;
        f.number = f.ordered ? node.listStart() : 0;
        int next = node.nextSiblingIndex();
        if (next != NONE) {
            look.moveTo(next);
            if (look.kind() == NodeKind.HTML_BLOCK) {
                // An HTML block indented as deep as the items' content would be read as their last item's.
                String html = look.literal();
                int spaces = 0;
                while (spaces < html.length() && html.charAt(spaces) == ' ') {
                    spaces++;
                }
                f.contentIndent = spaces > 0 ? spaces + 1 : 0;
            }
        }
    }

    private void enterItem(OcpNode node, Frame f, Frame list) {
        String marker;
        if (list != null && list.kind == NodeKind.LIST) {
            f.tight = list.tight;
            f.spreadKnown = list.spreadKnown;
            f.spread = node.isSpread();
            if (list.ordered) {
                marker = list.number + String.valueOf(list.marker);
                if (options.incrementListNumbers()) {
                    list.number++;
                }
            } else {
                marker = String.valueOf(list.marker);
            }
        } else {
            marker = "-"; // an item outside a list: only a builder makes one
        }
        if (node.isTask()) {
            f.task = node.isChecked() ? "[x] " : "[ ] ";
        }
        int pad = 1;
        if (list != null && list.contentIndent > marker.length() + 1 && !firstChildIsCode(node)) {
            pad = Math.min(4, list.contentIndent - marker.length());
        }
        pushPrefix(marker + " ".repeat(pad), " ".repeat(marker.length() + pad));
    }

    private boolean firstChildIsCode(OcpNode item) {
        look.moveTo(item.index());
        return look.toFirstChild() && look.kind() == NodeKind.CODE_BLOCK;
    }

    /** Three of the thematic break character, one that cannot read as the list item's marker on its line. */
    private String thematicBreak(OcpNode node, Frame parent) {
        char c = options.thematicBreak() != MarkdownOptions.AS_PARSED ? options.thematicBreak() : node.marker();
        if (c != '-' && c != '_') {
            c = '*';
        }
        if (parent != null && parent.kind == NodeKind.LIST_ITEM) {
            Frame list = frames[depth - 3];
            if (!list.ordered && list.marker == c) {
                c = c == '*' ? '-' : '*';
            }
            // Right under a paragraph (a tight item), dashes would underline it as a heading.
            if (c == '-' && parent.previous == NodeKind.PARAGRAPH) {
                c = list.marker == '*' ? '_' : '*';
            }
        }
        // First in a document, three dashes would open frontmatter.
        return String.valueOf(c).repeat(c == '-' && node.index() == 1 ? 4 : 3);
    }

    private void heading(OcpNode node) {
        int level = node.headingLevel();
        boolean multiline = inline.indexOf("\n") >= 0;
        boolean setext = switch (options.headings()) {
            case AS_PARSED -> node.isSetextHeading();
            case SETEXT -> true;
            case ATX -> false;
        };
        if ((setext || multiline) && level <= 2 && inline.length() > 0) {
            lines(inline);
            line(level == 1 ? "===" : "---");
            return;
        }
        if (multiline) {
            // ATX headings hold one line: a line break inside one becomes a space.
            for (int i = 0; i < inline.length(); i++) {
                if (inline.charAt(i) == '\n') {
                    int end = i;
                    while (end > 0 && (inline.charAt(end - 1) == ' ' || inline.charAt(end - 1) == '\\')) {
                        end--;
                    }
                    inline.replace(end, i + 1, " ");
                    i = end;
                }
            }
        }
        Escaper.protectClosingHashes(inline);
        StringBuilder text = new StringBuilder(level + 1 + inline.length());
        text.append("#".repeat(level));
        if (inline.length() > 0) {
            text.append(' ').append(inline);
        }
        line(text);
    }

    private void codeBlock(OcpNode node, Frame parent) {
        String literal = node.literal();
        String info = node.info();
        if (canIndent(node, literal, info, parent)) {
            Frame f = frames[depth - 1];
            f.marker = ' ';
            if (parent != null && parent.kind == NodeKind.FOOTNOTE_DEFINITION && parent.index + 1 == node.index()) {
                line(""); // on the label's line it would be a paragraph; under it, four columns in, it is code
            }
            pushPrefix(null, "    ");
            lines(literal);
            popPrefix();
            return;
        }
        char fence = options.fence() != MarkdownOptions.AS_PARSED ? options.fence()
                : node.isFencedCode() ? node.marker() : '`';
        if (fence != '`' && fence != '~') {
            fence = '`';
        }
        if (fence == '`' && info != null && info.indexOf('`') >= 0) {
            fence = '~';
        }
        String marks = String.valueOf(fence).repeat(Math.max(3, Escaper.longestRun(literal, fence) + 1));
        StringBuilder open = new StringBuilder(marks);
        if (info != null && !info.isEmpty()) {
            if (info.charAt(0) == fence) {
                open.append(' '); // else the fence would take it as one of its own
            }
            escaper.info(info, open);
        }
        line(open);
        lines(literal);
        closeFence(node, marks);
    }

    /**
     * Whether an HTML block's last line holds the end its start condition waits for (conditions 1 to 5; the others
     * end at a blank line).
     */
    private static boolean closes(int condition, String literal) {
        String last = literal.substring(literal.lastIndexOf('\n', Math.max(0, literal.length() - 2)) + 1);
        String lower = last.toLowerCase(java.util.Locale.ROOT);
        return switch (condition) {
            case 1 -> lower.contains("</script>") || lower.contains("</pre>") || lower.contains("</style>")
                    || lower.contains("</textarea>");
            case 2 -> last.contains("-->");
            case 3 -> last.contains("?>");
            case 4 -> last.contains(">");
            case 5 -> last.contains("]]>");
            default -> true;
        };
    }

    /**
     * Writes a fenced block's closing fence, unless the source had none (the block ended with its container or the
     * document): mdast leaves out a blank last line of such a block, and keeps it in a closed one.
     */
    private void closeFence(OcpNode node, String fence) {
        if (node.isUnclosedFence()) {
            leftOpen = true;
        } else {
            line(fence);
        }
    }

    /** Whether an indented code block reads back as itself here. */
    private boolean canIndent(OcpNode node, String literal, String info, Frame parent) {
        if (options.fencedCode() || mdx || node.isFencedCode() || literal.isEmpty() || (info != null && !info.isEmpty())) {
            return false;
        }
        if (Escaper.blankLine(literal, 0) || Escaper.blankLastLine(literal)) {
            return false; // an indented block starts and ends with a line that is not blank
        }
        if (parent != null && node.parentIndex() + 1 != node.index()) {
            NodeKind before = parent.previous;
            // After a list, the indented lines would continue its last item; after indented code, join it; in a
            // tight item, continue the paragraph before.
            if (before == NodeKind.LIST || parent.previousIndentedCode
                    || (parent.tight && before == NodeKind.PARAGRAPH)) {
                return false;
            }
        }
        return true;
    }

    private void definition(OcpNode node) {
        StringBuilder b = new StringBuilder();
        b.append('[').append(node.label()).append("]: ");
        escaper.destination(node.destination(), true, b);
        String title = node.title();
        if (title != null) {
            b.append(' ');
            escaper.title(title, b);
        }
        line(b);
    }

    // ---------------------------------------------------------------- inlines

    private boolean enterInline(OcpNode node, NodeKind kind, Frame f) {
        StringBuilder b = inline;
        f.mark = b.length();
        boolean reference = afterReference;
        afterReference = false;
        switch (kind) {
            case TEXT: {
                String text = node.literal();
                if (verbatim > 0) {
                    b.append(text);
                } else {
                    int where = textPlace(node, reference);
                    escaper.text(text, b, where);
                    rawRunEnd = (where & Escaper.RUN_AFTER) != 0 ? b.length() : -1;
                }
                return false;
            }
            case SOFT_BREAK:
                b.append('\n');
                return false;
            case HARD_BREAK: {
                // Right after a sibling's closing run, a backslash would be punctuation where the source had a space.
                char before = b.length() == 0 ? ' ' : b.charAt(b.length() - 1);
                boolean afterRun = node.parentIndex() + 1 != node.index()
                        && (before == '*' || before == '_' || before == '~');
                boolean spaces = switch (options.hardBreak()) {
                    case SPACES -> true;
                    case BACKSLASH -> false;
                    case AS_PARSED -> node.marker() == ' ';
                };
                b.append(spaces || afterRun ? "  \n" : "\\\n");
                return false;
            }
            case CODE_SPAN:
            case MATH_INLINE: {
                String lines = node.literalWithLineEndings();
                Escaper.codeSpan(lines != null && !inTable() ? lines : node.literal(),
                        kind == NodeKind.CODE_SPAN ? '`' : '$', inTable(), b);
                return false;
            }
            case HTML_INLINE:
                if (b.length() > 0 && b.charAt(b.length() - 1) == '\n') {
                    // At the start of a line it could start an HTML block; indented, the line goes on the paragraph.
                    b.append("    ");
                }
                Escaper.rawInline(node.literal(), inTable(), b);
                return false;
            case EMPHASIS:
            case STRONG: {
                char asked = kind == NodeKind.EMPHASIS ? options.emphasis() : options.strong();
                char c = delimiter(node, asked);
                String marks = kind == NodeKind.EMPHASIS ? String.valueOf(c) : c == '*' ? "**" : "__";
                b.append(marks);
                f.close = marks;
                return true;
            }
            case STRIKETHROUGH: {
                // Inside another, a second ~~ would close it: one ~ pairs with its own.
                Frame parent = parent();
                String marks = parent != null && parent.kind == NodeKind.STRIKETHROUGH && "~~".equals(parent.close)
                        ? "~" : "~~";
                b.append(marks);
                f.close = marks;
                return true;
            }
            case LINK:
            case IMAGE:
                return enterLink(node, kind, f);
            case FOOTNOTE_REFERENCE:
                if (b.length() > 0 && b.charAt(b.length() - 1) == '\n') {
                    b.append("    "); // at the start of a line, with a : after it, it would define a footnote
                }
                b.append("[^").append(node.label()).append(']');
                return false;
            case MDX_JSX_TEXT: {
                boolean children = node.hasChildren();
                b.append(JsxWriter.openTag(node, !children));
                if (children) {
                    f.close = JsxWriter.closeTag(node);
                }
                return children;
            }
            case MDX_EXPRESSION_TEXT:
                b.append('{').append(node.literal()).append('}');
                return false;
            default:
                return true; // a block inside a leaf block: its inline content is written as it comes
        }
    }

    private void exitInline(OcpNode node, Frame f) {
        if (f.kind == NodeKind.LINK || f.kind == NodeKind.IMAGE) {
            exitLink(node, f);
        } else if (f.close != null) {
            inline.append(f.close);
        }
    }

    private boolean enterLink(OcpNode node, NodeKind kind, Frame f) {
        if (kind == NodeKind.LINK && node.isAutolink()) {
            boolean angle = !node.isAutolinkLiteral();
            if (angle) {
                inline.append('<');
            }
            verbatim++;
            f.close = angle ? ">" : "";
            f.marker = 'v';
            f.mark = inline.length();
            return true;
        }
        if (kind == NodeKind.IMAGE) {
            inline.append('!');
        }
        inline.append('[');
        f.mark = inline.length();
        OcpNode.ReferenceType type = node.referenceType();
        String label = node.label();
        if (type != null && label != null) {
            f.marker = switch (type) {
                case FULL -> 'f';
                case COLLAPSED -> 'c';
                case SHORTCUT -> 's';
            };
            f.close = label;
        } else {
            StringBuilder tail = new StringBuilder("](");
            String title = node.title();
            escaper.destination(node.destination(), title != null, tail);
            if (title != null) {
                tail.append(' ');
                escaper.title(title, tail);
            }
            tail.append(')');
            f.close = inTable() ? Escaper.pipes(tail.toString()) : tail.toString();
            f.marker = 'i';
        }
        return true;
    }

    private void exitLink(OcpNode node, Frame f) {
        switch (f.marker) {
            case 'v' -> {
                verbatim--;
                inline.append(f.close);
                if (f.close.isEmpty() && !literalEndsHere(node)) {
                    // What follows would lengthen the literal: written as an ordinary link, which ends at its ).
                    String text = inline.substring(f.mark);
                    inline.setLength(f.mark);
                    inline.append('[');
                    escaper.text(text, inline, 0);
                    inline.append("](");
                    escaper.destination(node.destination(), false, inline);
                    inline.append(')');
                }
            }
            case 'i' -> inline.append(f.close);
            case 'f' -> inline.append("][").append(f.close).append(']');
            default -> {
                // The text of a collapsed or shortcut reference is its label: written as the source wrote it, so
                // that it matches its definition; if the text no longer reads as the label, as a full reference.
                String text = inline.substring(f.mark);
                String label = f.close;
                if (!text.equals(label)) {
                    if (Escaper.sameText(text, label)) {
                        inline.setLength(f.mark);
                        inline.append(label);
                    } else {
                        inline.append("][").append(label);
                    }
                }
                inline.append(f.marker == 'c' ? "][]" : "]");
                afterReference = f.marker == 's';
            }
        }
    }

    /**
     * The delimiter character of an emphasis, strong emphasis: the one asked for, unless it would not parse. {@code _}
     * does not open or close inside a word; and a run of delimiters right next to another of the same character (a
     * parent's, a sibling's) would merge with it, so the other character is taken there.
     */
    private char delimiter(OcpNode node, char asked) {
        char parsed = node.marker();
        if (asked == MarkdownOptions.AS_PARSED && (parsed == '*' || parsed == '_')) {
            // The source's runs, rewritten as they were, pair up as they did.
            return parsed == '_' && !underscoreParses(node) ? '*' : parsed;
        }
        char c = asked == '_' ? '_' : '*';
        if (mergesWithNeighbour(node, c)) {
            c = c == '*' ? '_' : '*';
        }
        if (c == '_' && !underscoreParses(node)) {
            c = '*';
        }
        return c;
    }

    /**
     * Whether a delimiter run of {@code c} for this node, written right after the one before it, would be read as one
     * run with it and pair up otherwise: an emphasis first in an emphasis ({@code **} is strong), an emphasis that
     * is all of a strong emphasis ({@code ***a***} is the other nesting), and a delimited node right after a
     * delimited sibling ({@code *a**b*}). Strong in strong, strong in emphasis and last children pair up as written.
     */
    private boolean mergesWithNeighbour(OcpNode node, char c) {
        int n = inline.length();
        if (n == 0 || inline.charAt(n - 1) != c || (n >= 2 && inline.charAt(n - 2) == '\\') || n == rawRunEnd) {
            return false; // not a delimiter, or text written as part of the run on purpose (Escaper.RUN_AFTER)
        }
        if (node.parentIndex() + 1 != node.index()) {
            return true; // the previous sibling's closing run
        }
        Frame parent = parent();
        if (parent == null || node.kind() != NodeKind.EMPHASIS) {
            return false;
        }
        return parent.kind == NodeKind.EMPHASIS
                || (parent.kind == NodeKind.STRONG && node.nextSiblingIndex() == NONE);
    }

    /** Whether {@code _} delimiters open and close an emphasis here: not inside a word. */
    private boolean underscoreParses(OcpNode node) {
        if (inline.length() > 0 && !apart(inline.codePointBefore(inline.length()))) {
            return false;
        }
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            return true;
        }
        look.moveTo(next);
        if (look.kind() != NodeKind.TEXT) {
            return true;
        }
        String after = look.literal();
        return after.isEmpty() || apart(after.codePointAt(0));
    }

    /**
     * Whether a character next to an {@code _} run leaves it free to open or close: Unicode whitespace or
     * punctuation as CommonMark 0.31.2 defines them (general categories Zs, P and S, and tab, line feed, form feed,
     * carriage return). Beside anything else (a letter, a digit, a control character) {@code *} is taken, which opens
     * and closes inside words too.
     */
    private static boolean apart(int c) {
        if (c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                 Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a GFM autolink literal written as it is ends where it ended in the tree: before a line break, the end
     * of its block, or whitespace, after nothing but the punctuation a literal leaves out at its end ({@code . , ? !
     * : )}), written without escapes. Anything else that follows (an escape's backslash, a character reference, a
     * delimiter) would be read as more of its address.
     */
    private boolean literalEndsHere(OcpNode link) {
        int next = link.nextSiblingIndex();
        if (next == NONE) {
            // The closing runs of the delimited nodes it ends ({@code **}, {@code ~~}) are left out of the address
            // like other trailing punctuation, but not what follows them.
            for (int d = depth - 2; d >= 0 && frames[d].kind != null && isDelimited(frames[d].kind); d--) {
                look.moveTo(frames[d].index);
                int after = look.nextSiblingIndex();
                if (after != NONE) {
                    look.moveTo(after);
                    return look.kind() == NodeKind.SOFT_BREAK || (look.kind() == NodeKind.TEXT
                            && !look.literal().isEmpty() && look.literal().charAt(0) == ' ');
                }
            }
            return true;
        }
        look.moveTo(next);
        NodeKind kind = look.kind();
        if (kind == NodeKind.SOFT_BREAK) {
            return true;
        }
        if (kind != NodeKind.TEXT) {
            return false; // a hard break's backslash, too, would join the address
        }
        String text = look.literal();
        int end = 0;
        while (end < text.length() && ".,?!:)".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        int after = look.nextSiblingIndex();
        NodeKind afterKind = NodeKind.DOCUMENT;
        if (after != NONE) {
            look.moveTo(after);
            afterKind = look.kind();
        }
        if (end == text.length()) {
            if (after != NONE && afterKind != NodeKind.SOFT_BREAK) {
                return false;
            }
        } else if (text.charAt(end) != ' ') {
            return false;
        } else if (text.substring(end).isBlank() && (after == NONE || afterKind == NodeKind.SOFT_BREAK
                || afterKind == NodeKind.HARD_BREAK)) {
            return false; // blanks that end a line are written as references, which would join the address
        }
        StringBuilder written = new StringBuilder();
        escaper.text(text.substring(0, end), written, 0);
        return written.length() == end && (end == 0 || text.charAt(end - 1) != '!' || end < text.length());
    }

    /** Where a text node stands, for {@link Escaper#text}. */
    private int textPlace(OcpNode node, boolean afterReference) {
        int where = afterReference ? Escaper.AFTER_REFERENCE : 0;
        if (atLineStart()) {
            where |= Escaper.LINE_START;
        }
        if (endsLine(node)) {
            where |= Escaper.LINE_END;
        }
        int nextSibling = node.nextSiblingIndex();
        if (nextSibling != NONE) {
            look.moveTo(nextSibling);
            if (look.kind() == NodeKind.LINK) {
                where |= Escaper.BEFORE_LINK;
            }
        }
        Frame parent = parent();
        if (parent != null && isDelimited(parent.kind)) {
            if (node.parentIndex() + 1 == node.index()) {
                where |= Escaper.OPENS_DELIMITED;
            }
            if (node.nextSiblingIndex() == NONE) {
                where |= Escaper.CLOSES_DELIMITED;
            }
        }
        String literal = node.literal();
        if (!literal.isEmpty() && verbatim == 0) {
            if (node.parentIndex() + 1 != node.index() && parent != null && isDelimitedKind(parent.previous)
                    && closerNeedsHelp(literal.codePointAt(0))) {
                where |= Escaper.REFERENCE_FIRST;
            }
            int following = node.nextSiblingIndex();
            if (following != NONE && openerNeedsHelp(literal.codePointBefore(literal.length()), following)) {
                where |= Escaper.REFERENCE_LAST;
            }
        }
        String text = node.literal();
        if (!text.isEmpty()) {
            int runs = 0;
            int n = inline.length();
            char first = text.charAt(0);
            if ((first == '*' || first == '_') && n > 0 && inline.charAt(n - 1) == first
                    && (n < 2 || inline.charAt(n - 2) != '\\') && node.parentIndex() + 1 != node.index()) {
                runs |= Escaper.RUN_BEFORE; // the previous sibling's closing run, not the parent's opening one
            }
            char last = text.charAt(text.length() - 1);
            if ((last == '*' || last == '_') && delimiterFollows(node, last) && runCanOpen(text, last)) {
                runs |= Escaper.RUN_AFTER;
            }
            where |= runs;
        }
        return where;
    }

    /**
     * Whether a run of {@code _} that starts with the trailing {@code _} of this text can still open: not right after a
     * letter or digit (inside a word). Otherwise the text's {@code _} is escaped, and the delimiter after it opens on
     * its own.
     */
    private boolean runCanOpen(String text, char c) {
        if (c != '_') {
            return true;
        }
        int i = text.length();
        while (i > 0 && text.charAt(i - 1) == c) {
            i--;
        }
        if (i > 0) {
            return apart(text.codePointBefore(i));
        }
        return inline.length() == 0 || apart(inline.codePointBefore(inline.length()));
    }

    /** Whether the opening run of {@code c} of a delimited sibling comes right after this node. */
    private boolean delimiterFollows(OcpNode node, char c) {
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            return false;
        }
        look.moveTo(next);
        return (look.kind() == NodeKind.EMPHASIS || look.kind() == NodeKind.STRONG) && look.marker() == c;
    }

    /**
     * Whether the closing run just written (at the end of {@link #inline}) closes only if the character after it is
     * punctuation rather than {@code after}, as written: a reference ({@code &...;}) then stands there.
     */
    private boolean closerNeedsHelp(int after) {
        int end = inline.length();
        if (end == 0) {
            return false;
        }
        char c = inline.charAt(end - 1);
        int start = end;
        while (start > 0 && inline.charAt(start - 1) == c) {
            start--;
        }
        int before = start == 0 ? -1 : inline.codePointBefore(start);
        return !closes(c, before, after) && closes(c, before, '&');
    }

    /** Whether the delimited sibling at {@code next} opens only if the character before it is punctuation. */
    private boolean openerNeedsHelp(int before, int next) {
        look.moveTo(next);
        NodeKind kind = look.kind();
        if (!isDelimitedKind(kind)) {
            return false;
        }
        char c = kind == NodeKind.STRIKETHROUGH ? '~' : look.marker();
        int after = look.toFirstChild() ? firstCharacter() : -1;
        return !opens(c, before, after) && opens(c, before == -1 ? -1 : ';', after);
    }

    /** The first character a node under the look cursor writes, as near as it matters for flanking. */
    private int firstCharacter() {
        NodeKind kind = look.kind();
        if (kind == NodeKind.TEXT) {
            String text = look.literal();
            return text.isEmpty() ? -1 : text.codePointAt(0);
        }
        return kind == NodeKind.SOFT_BREAK || kind == NodeKind.HARD_BREAK ? '\n' : '*';
    }

    private static boolean opens(char c, int before, int after) {
        boolean left = Escaper.leftFlanking(before, after);
        return c == '_' ? left && (!Escaper.rightFlanking(before, after) || Escaper.isUnicodePunctuation(before))
                : left;
    }

    private static boolean closes(char c, int before, int after) {
        boolean right = Escaper.rightFlanking(before, after);
        return c == '_' ? right && (!Escaper.leftFlanking(before, after) || Escaper.isUnicodePunctuation(after))
                : right;
    }

    private static boolean isDelimitedKind(NodeKind kind) {
        return kind != null && isDelimited(kind);
    }

    private static boolean isDelimited(NodeKind kind) {
        return kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG || kind == NodeKind.STRIKETHROUGH;
    }

    private boolean atLineStart() {
        int n = inline.length();
        return n == 0 || inline.charAt(n - 1) == '\n' || (n == frames[leafDepth()].mark && n > 0);
    }

    /** The depth of the open leaf block's frame. */
    private int leafDepth() {
        for (int i = depth - 1; i >= 0; i--) {
            if (frames[i].kind != null && isLeaf(frames[i].kind)) {
                return i;
            }
        }
        return 0;
    }

    /** Whether a text node ends a line: the last of its block's inlines, or followed by a line break. */
    private boolean endsLine(OcpNode node) {
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            Frame parent = parent();
            return parent != null && parent.kind != null && isLeaf(parent.kind);
        }
        look.moveTo(next);
        NodeKind kind = look.kind();
        return kind == NodeKind.SOFT_BREAK || kind == NodeKind.HARD_BREAK;
    }

    private boolean inTable() {
        return rows != null;
    }
}
