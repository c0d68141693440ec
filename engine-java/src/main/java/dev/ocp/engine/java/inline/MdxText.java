package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.MdxNodes;
import dev.ocp.engine.java.MdxScanner;
import dev.ocp.spi.OcpFormat;

import java.util.Arrays;

import static dev.ocp.engine.java.InlineParser.EMPHASIS;
import static dev.ocp.engine.java.InlineParser.IMAGE;
import static dev.ocp.engine.java.InlineParser.LINK;
import static dev.ocp.engine.java.InlineParser.NIL;
import static dev.ocp.engine.java.InlineParser.STRIKETHROUGH;
import static dev.ocp.engine.java.InlineParser.STRONG;

/**
 * MDX in text (MDX dialect): JSX tags ({@code <Name attr={...}>}, closing tags, fragments) and expressions
 * ({@code {...}}, braces balanced) inside paragraphs and headings. Opening and closing tags are matched within the
 * content; a mismatch, an unclosed tag or an unbalanced expression fails the parse with a syntax error that names
 * the place (line and column) as MDX does.
 *
 * <p>References: MDX documentation (mdxjs.com, "What is MDX?": JSX and expressions); markdown-rs constructs
 * {@code mdx_jsx_text} and {@code mdx_expression_text} (micromark-extension-mdx-jsx,
 * micromark-extension-mdx-expression).
 */
public final class MdxText {
    private MdxText() {
    }

    /** An expression in text: {@code {…}} with balanced braces, whose source is what is between them. */
    public static int expression(InlineParser ip, int p) {
        int e;
        try {
            e = ip.mdxScanner.expression(ip.buf, p, ip.end);
        } catch (MdxScanner.Failure f) {
            throw syntax(ip, f.at, -1, f.ruleId, f.reason);
        }
        Text.flushText(ip, p);
        int node = ip.tree.add(NodeKind.MDX_EXPRESSION_TEXT, ip.top, ip.src(p), ip.src(e));
        ip.tree.setString(node, 0, ip.tree.string(ip.buf, p + 1, e - 2 - p));
        ip.work += e - p;
        ip.textStart = e;
        return e;
    }

    /**
     * A JSX tag in text. An opening tag adds its element, and its closing tag a marker: emphasis and links pair
     * across tags as markdown-rs pairs them, and once they are resolved {@link #resolveJsx} moves the nodes between
     * an element and its marker into the element (as a link takes its text). A self-closing tag is an element
     * without children. Not a tag: the {@code <} is text.
     */
    public static int jsxTag(InlineParser ip, int p) {
        MdxScanner t = ip.mdxScanner;
        int e;
        try {
            e = t.tag(ip.buf, p, ip.end);
        } catch (MdxScanner.Failure f) {
            throw syntax(ip, f.at, -1, f.ruleId, f.reason);
        }
        if (e == MdxScanner.NOK) {
            return p + 1;
        }
        ip.work += e - p;
        Text.flushText(ip, p);
        ip.textStart = e;
        if (!t.closing) {
            int node = ip.tree.add(NodeKind.MDX_JSX_TEXT, ip.top, ip.src(p), ip.src(e));
            MdxNodes.tagFields(ip.tree, node, t, ip.buf, ip.map);
            if (!t.selfClosing) {
                pushJsx(ip, node, p);
            }
            return e;
        }
        if (ip.jsxDepth == 0) {
            int q = p + 1;
            while (ip.buf[q] != '/') {
                q++;
            }
            int slash = q;
            ip.defer(() -> syntax(ip, slash, -1, "unexpected-closing-slash",
                    "Unexpected closing slash `/` in tag, expected an open tag first"), ip.src(slash), false);
            return e; // read on as if the tag were not there
        }
        if (t.closingExtra >= 0) {
            ip.defer(() -> syntax(ip, t.closingExtra, -1, t.closingExtraIsSlash ? "unexpected-self-closing-slash"
                    : "unexpected-attribute", t.closingExtraIsSlash
                    ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                    : "Unexpected attribute in closing tag, expected the end of the tag"), ip.src(t.closingExtra), false);
        }
        int d = ip.jsxDepth - 1;
        int element = ip.jsxNode[d];
        if (!MdxNodes.sameName(ip.tree, element, ip.buf, t)) {
            ip.defer(() -> syntax(ip, p, e, "end-tag-mismatch", "Unexpected closing tag `" + MdxNodes.closingLabel(ip.buf, t)
                    + "`, expected corresponding closing tag for `" + tagLabel(ip, element, false) + "` ("
                    + lineColumn(ip, ip.src(ip.jsxStart[d])) + ")"), ip.src(e), false);
            return e;
        }
        if (ip.jsxClosed == ip.jsxMarker.length) {
            int n = ip.jsxClosed * 2;
            ip.jsxMarker = Arrays.copyOf(ip.jsxMarker, n);
            ip.jsxMarkerOpen = Arrays.copyOf(ip.jsxMarkerOpen, n);
            ip.jsxParent = Arrays.copyOf(ip.jsxParent, n);
        }
        ip.jsxMarker[ip.jsxClosed] = ip.tree.add(NodeKind.MDX_JSX_TEXT, ip.top, ip.src(p), ip.src(e));
        ip.jsxMarkerOpen[ip.jsxClosed++] = ip.jsxOpenIndex[d];
        ip.jsxDepth--;
        return e;
    }

    private static void pushJsx(InlineParser ip, int node, int p) {
        if (ip.jsxDepth == ip.jsxNode.length) {
            int n = ip.jsxDepth * 2;
            ip.jsxNode = Arrays.copyOf(ip.jsxNode, n);
            ip.jsxStart = Arrays.copyOf(ip.jsxStart, n);
            ip.jsxOpenIndex = Arrays.copyOf(ip.jsxOpenIndex, n);
        }
        if (ip.jsxOpened == ip.jsxOpenNode.length) {
            ip.jsxOpenNode = Arrays.copyOf(ip.jsxOpenNode, ip.jsxOpened * 2);
        }
        ip.jsxNode[ip.jsxDepth] = node;
        ip.jsxStart[ip.jsxDepth] = p;
        ip.jsxOpenIndex[ip.jsxDepth] = ip.jsxOpened;
        ip.jsxOpenNode[ip.jsxOpened++] = node;
        ip.jsxDepth++;
    }

    /**
     * Puts the nodes between each element and its closing tag into the element, once emphasis and links are
     * resolved. First the check markdown-rs's {@code to_mdast} makes, in document order: a closing tag must find
     * its element on top of the open nodes (not an emphasis or link begun after the element), and an emphasis or
     * link must not end while an element opened inside it is open; the first such crossing fails the parse with
     * its words. Then, pair by pair in the order the closing tags came (inner elements first), the move.
     */
    public static void resolveJsx(InlineParser ip) {
        int depth = 0; // walkStack: the containers whose children the walk is in
        int open = 0; // openStack: the containers and elements open at the walk's position
        int nextOpen = 0;
        int nextMarker = 0;
        int n = ip.tree.firstChild(ip.top);
        while (true) {
            if (n != NIL) {
                ip.work++;
                if (open == ip.openStack.length) {
                    ip.openStack = Arrays.copyOf(ip.openStack, open * 2);
                }
                if (nextOpen < ip.jsxOpened && n == ip.jsxOpenNode[nextOpen]) {
                    ip.openStack[open++] = n;
                    nextOpen++;
                } else if (nextMarker < ip.jsxClosed && n == ip.jsxMarker[nextMarker]) {
                    int element = ip.jsxOpenNode[ip.jsxMarkerOpen[nextMarker]];
                    int onTop = ip.openStack[open - 1];
                    if (onTop != element) {
                        int marker = n;
                        ip.defer(() -> syntaxAt(ip, ip.tree.spanStart(marker), "end-tag-mismatch",
                                MdxNodes.closedOutside(MdxNodes.label(ip.tree, element, true), inlineName(ip, onTop),
                                        lineColumn(ip, ip.tree.spanStart(onTop)),
                                        lineColumn(ip, ip.tree.spanEnd(onTop)), ip.micromark)),
                                ip.tree.spanEnd(n), false);
                        return;
                    }
                    open--;
                    ip.jsxParent[nextMarker++] = depth == 0 ? ip.top : ip.walkStack[depth - 1];
                } else if (isInlineContainer(ip.tree.kind(n))) {
                    ip.openStack[open++] = n;
                    if (depth == ip.walkStack.length) {
                        ip.walkStack = Arrays.copyOf(ip.walkStack, depth * 2);
                    }
                    ip.walkStack[depth++] = n;
                    n = ip.tree.firstChild(n);
                    continue;
                }
                n = ip.tree.nextSibling(n);
            } else {
                if (depth == 0) {
                    if (open > 0) {
                        int element = ip.openStack[open - 1];
                        ip.defer(() -> syntaxAt(ip, ip.src(ip.end), "end-tag-mismatch", "Expected a closing tag for `"
                                + MdxNodes.label(ip.tree, element, false) + "` ("
                                + lineColumn(ip, ip.tree.spanStart(element)) + ") before the end of `"
                                + leafName(ip, ip.top) + "`"), ip.src(ip.end), false);
                        return;
                    }
                    break;
                }
                int container = ip.walkStack[--depth];
                int onTop = ip.openStack[open - 1];
                if (onTop != container) {
                    ip.defer(() -> syntaxAt(ip, ip.tree.spanEnd(container), "end-tag-mismatch", "Expected a closing tag for `"
                            + MdxNodes.label(ip.tree, onTop, false) + "` (" + lineColumn(ip, ip.tree.spanStart(onTop))
                            + ") before the end of `" + inlineName(ip, container) + "`"), ip.tree.spanEnd(container), false);
                    return;
                }
                open--;
                n = ip.tree.nextSibling(container);
            }
        }
        for (int i = 0; i < ip.jsxClosed; i++) {
            int element = ip.jsxOpenNode[ip.jsxMarkerOpen[i]];
            int marker = ip.jsxMarker[i];
            int parent = ip.jsxParent[i];
            int first = ip.tree.nextSibling(element);
            if (first != marker) {
                ip.tree.moveRange(parent, first, ip.tree.previousSibling(marker), element);
            }
            ip.tree.setSpanEnd(element, ip.tree.spanEnd(marker));
            ip.tree.unlink(parent, marker);
        }
    }

    private static boolean isInlineContainer(int kind) {
        return kind == EMPHASIS || kind == STRONG || kind == STRIKETHROUGH || kind == LINK || kind == IMAGE;
    }

    /** The name of an inline container in messages: markdown-rs's, or micromark's token type with its flavor. */
    private static String inlineName(InlineParser ip, int node) {
        int k = ip.tree.kind(node);
        return k == EMPHASIS ? ip.micromark ? "emphasis" : "Emphasis" : k == STRONG ? ip.micromark ? "strong" : "Strong"
                : k == STRIKETHROUGH ? ip.micromark ? "strikethrough" : "GfmStrikethrough"
                : k == LINK ? ip.micromark ? "link" : "Link" : ip.micromark ? "image" : "Image";
    }

    /** A syntax error at a source offset. */
    private static OcpException syntaxAt(InlineParser ip, int sourceOffset, String ruleId, String reason) {
        return MdxNodes.syntaxError(ip.source, ip.sourceLength, sourceOffset, -1, ruleId, reason);
    }

    /** {@code <name>} (or {@code </name>}) of a JSX node, markdown-rs's short form of a tag in messages. */
    public static String tagLabel(InlineParser ip, int node, boolean closing) {
        return MdxNodes.label(ip.tree, node, closing);
    }

    /**
     * The name of the leaf whose content holds an unclosed element, in messages: markdown-rs's, or micromark's token
     * type with its flavor.
     */
    public static String leafName(InlineParser ip, int leaf) {
        int k = ip.tree.kind(leaf);
        boolean mm = ip.micromark;
        if (k == NodeKind.HEADING.code()) {
            boolean setext = (ip.tree.flags(leaf) & OcpFormat.FLAG_HEADING_SETEXT) != 0;
            return setext ? mm ? "setextHeading" : "HeadingSetextText" : mm ? "atxHeading" : "HeadingAtxText";
        }
        if (k == NodeKind.TABLE_CELL.code()) {
            return !mm ? "GfmTableCell" : (ip.tree.flags(leaf) & OcpFormat.FLAG_TABLE_HEADER) != 0 ? "tableHeader"
                    : "tableData";
        }
        return k == NodeKind.LEAF_DIRECTIVE.code() ? mm ? "directiveLeaf" : "LeafDirective" : mm ? "paragraph" : "Paragraph";
    }

    /**
     * A syntax error at content offset {@code at} (to {@code to}, or a point when -1), placed in the source.
     */
    public static OcpException syntax(InlineParser ip, int at, int to, String ruleId, String reason) {
        return MdxNodes.syntaxError(ip.source, ip.sourceLength, ip.src(at), to < 0 ? -1 : ip.src(to), ruleId, reason);
    }

    public static String lineColumn(InlineParser ip, int sourceOffset) {
        return MdxNodes.lineColumn(ip.source, ip.sourceLength, sourceOffset);
    }
}
