package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.ByteScan;
import dev.ocp.engine.java.MdxNodes;
import dev.ocp.engine.java.MdxScanner;

import java.util.Arrays;

import static dev.ocp.engine.java.BlockParser.DIRECTIVE;
import static dev.ocp.engine.java.BlockParser.FOOTNOTE;
import static dev.ocp.engine.java.BlockParser.FOOTNOTE_INDENT;
import static dev.ocp.engine.java.BlockParser.ITEM;
import static dev.ocp.engine.java.BlockParser.JSX;
import static dev.ocp.engine.java.block.BlockStack.LEAF;
import static dev.ocp.engine.java.BlockParser.LIST;
import static dev.ocp.engine.java.BlockParser.QUOTE;
import static dev.ocp.engine.java.BlockParser.TAB_STOP;

/**
 * MDX in flow (MDX dialect): a line that starts with {@code <} or {@code {} is tried as a flow JSX tag or a flow
 * expression: the construct may run over several lines (each continuing the containers it started in) and must be
 * followed only by whitespace, or other tags and expressions, on its last line; otherwise the line is a paragraph.
 * An element whose opening tag is alone on its lines becomes a container up to its closing tag. At the top level,
 * {@code import} and {@code export} lines start ESM, which runs up to a blank line.
 *
 * <p>References: MDX documentation (mdxjs.com, "What is MDX?": ESM, JSX, expressions); markdown-rs constructs
 * {@code mdx_jsx_flow}, {@code mdx_expression_flow} and {@code mdx_esm} (micromark-extension-mdx-jsx,
 * micromark-extension-mdx-expression, micromark-extension-mdxjs-esm).
 */
public final class MdxFlow {
    private MdxFlow() {
    }

    /** Whether the line is ESM: {@code import} or {@code export} and a space at its first byte. */
    static boolean esmStart(BlockParser bp) {
        return startsWith(bp, bp.lineStart, "import ") || startsWith(bp, bp.lineStart, "export ");
    }

    private static boolean startsWith(BlockParser bp, int p, String word) {
        if (bp.lineEnd - p < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (bp.src[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tags and expressions in flow: from the line's first non-blank byte, a run of JSX tags and expressions with
     * only spaces and tabs between and after them, as markdown-rs's flow constructs read it. A tag or an
     * expression may go on over the next lines (with their container prefixes; a lazy one fails). An opening
     * tag opens an element that holds the blocks up to its closing tag; a self-closing tag and an expression
     * are leaves.
     *
     * @return whether the line was that; if not, it is text for a paragraph
     */
    static boolean mdxFlow(BlockParser bp, int container) {
        bp.flowLen = 0;
        bp.flowMap.reset();
        bp.flowContainer = container;
        bp.flowExtraLines = 0;
        bp.flowLineEnd = bp.lineEnd;
        appendFlow(bp, bp.nonspace, bp.lineEnd);
        bp.flowMap.addLine(0, bp.nonspace, Line.nextLine(bp, bp.lineEnd));
        MdxScanner t = bp.flowScanner;
        t.continueWith(bp.flowLines);
        t.lineEndingFollows = bp.lineEnd < bp.length;
        int constructs = 0;
        try {
            int q = 0;
            while (true) {
                while (q < bp.flowLen && (bp.flowBuf[q] == ' ' || bp.flowBuf[q] == '\t')) {
                    q++;
                }
                if (q >= bp.flowLen) {
                    break;
                }
                byte c = bp.flowBuf[q];
                int e;
                if (c == '<') {
                    e = t.tag(bp.flowBuf, q, bp.flowLen);
                } else if (c == '{') {
                    e = t.expression(bp.flowBuf, q, bp.flowLen);
                } else {
                    e = MdxScanner.NOK;
                }
                bp.flowBuf = t.buffer();
                if (e == MdxScanner.NOK) {
                    return false;
                }
                constructs++;
                q = e;
            }
        } catch (MdxScanner.Failure f) {
            throw MdxNodes.syntaxError(bp.src, bp.length, bp.flowMap.toSource(f.at), -1, f.ruleId, f.reason);
        } finally {
            t.continueWith(null);
        }
        bp.work += bp.flowLen;
        // The run is flow: make its nodes, reading the tags again from the complete buffer.
        int cur = container;
        int q = 0;
        for (int i = 0; i < constructs; i++) {
            while (bp.flowBuf[q] == ' ' || bp.flowBuf[q] == '\t') {
                q++;
            }
            if (bp.flowBuf[q] == '{') {
                int e = t.expression(bp.flowBuf, q, bp.flowLen);
                int parent = BlockStack.prepare(bp, cur, LEAF);
                int node = bp.tree.add(NodeKind.MDX_EXPRESSION_FLOW, bp.stNode[parent], bp.flowMap.toSource(q),
                        bp.flowMap.toSource(e));
                bp.tree.setString(node, 0, bp.tree.string(bp.flowBuf, q + 1, e - q - 2));
                BlockStack.leafDone(bp, parent);
                cur = parent;
                q = e;
            } else {
                int e = t.tag(bp.flowBuf, q, bp.flowLen);
                cur = flowTag(bp, cur, q, e);
                q = e;
            }
        }
        bp.work += bp.flowLen; // the second reading
        if (bp.flowExtraLines > 0) {
            bp.lineNumber += bp.flowExtraLines;
            bp.lineEnd = bp.flowLineEnd;
            bp.resumeAt = Line.nextLine(bp, bp.flowLineEnd);
            if (cur > 0) {
                // Its ancestors learn the end when it closes.
                bp.stEnd[cur] = Math.max(bp.stEnd[cur], bp.flowLineEnd);
                bp.stEndLine[cur] = bp.lineNumber;
            }
        }
        return true;
    }

    /** One tag of a flow run at {@code flowBuf[q, e)}, in the block at {@code cur}; returns where the next goes. */
    private static int flowTag(BlockParser bp, int cur, int q, int e) {
        MdxScanner t = bp.flowScanner;
        int start = bp.flowMap.toSource(q);
        int stop = bp.flowMap.toSource(e);
        if (!t.closing) {
            if (t.selfClosing) {
                int parent = BlockStack.prepare(bp, cur, LEAF);
                int node = bp.tree.add(NodeKind.MDX_JSX_FLOW, bp.stNode[parent], start, stop);
                MdxNodes.tagFields(bp.tree, node, t, bp.flowBuf, bp.flowMap);
                BlockStack.leafDone(bp, parent);
                return parent;
            }
            int k = BlockStack.open(bp, cur, JSX, NodeKind.MDX_JSX_FLOW, start);
            MdxNodes.tagFields(bp.tree, bp.stNode[k], t, bp.flowBuf, bp.flowMap);
            bp.stB[k] = 0; // not closed by a tag yet
            bp.stA[k] = start;
            bp.stEnd[k] = stop;
            return k;
        }
        BlockStack.closeAbove(bp, cur);
        while (!BlockStack.canContain(bp.stKind[cur], LEAF)) {
            BlockStack.closeTop(bp); // the paragraph (or other leaf) the closing tag interrupts
            cur--;
        }
        int open = cur;
        while (open > 0 && bp.stKind[open] != JSX) {
            open--;
        }
        final int element = open;
        if (element == 0) {
            int slash = q + 1;
            while (bp.flowBuf[slash] != '/') {
                slash++;
            }
            int at = bp.flowMap.toSource(slash);
            bp.inline.defer(() -> MdxNodes.syntaxError(bp.src, bp.length, at, -1, "unexpected-closing-slash",
                    "Unexpected closing slash `/` in tag, expected an open tag first"), at, false);
            return cur; // read on as if the tag were not there
        }
        if (t.closingExtra >= 0) {
            int at = bp.flowMap.toSource(t.closingExtra);
            bp.inline.defer(() -> MdxNodes.syntaxError(bp.src, bp.length, at, -1,
                    t.closingExtraIsSlash ? "unexpected-self-closing-slash" : "unexpected-attribute",
                    t.closingExtraIsSlash ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                    : "Unexpected attribute in closing tag, expected the end of the tag"), at, false);
        }
        if (element < cur) {
            // The element is outside a container the closing tag is in.
            int inner = bp.stNode[element + 1];
            bp.inline.defer(() -> MdxNodes.syntaxError(bp.src, bp.length, bp.stA[element], -1, "end-tag-mismatch",
                    MdxNodes.closedOutside(MdxNodes.closingLabel(bp.flowBuf, t), blockName(bp, element + 1),
                            MdxNodes.lineColumn(bp.src, bp.length, bp.tree.spanStart(inner)),
                            MdxNodes.lineColumn(bp.src, bp.length, bp.stEnd[element + 1]), bp.micromark)), stop, false);
            return cur;
        }
        if (!MdxNodes.sameName(bp.tree, bp.stNode[element], bp.flowBuf, t)) {
            bp.inline.defer(() -> MdxNodes.syntaxError(bp.src, bp.length, start, stop, "end-tag-mismatch",
                    "Unexpected closing tag `" + MdxNodes.closingLabel(bp.flowBuf, t)
                    + "`, expected corresponding closing tag for `" + MdxNodes.label(bp.tree, bp.stNode[element], false)
                    + "` (" + MdxNodes.lineColumn(bp.src, bp.length, bp.stA[element]) + ")"), stop, false);
            return cur;
        }
        bp.stB[element] = 1;
        bp.stEnd[element] = stop;
        bp.stEndLine[element] = bp.lineNumber + bp.flowExtraLines;
        BlockStack.closeTop(bp);
        return element - 1;
    }

    /**
     * The name of the container at stack index {@code k} in messages: markdown-rs's, or micromark's token type with
     * {@link dev.ocp.Flavor#MICROMARK}.
     */
    private static String blockName(BlockParser bp, int k) {
        boolean mm = bp.micromark;
        switch (bp.stKind[k]) {
            case QUOTE:
                return mm ? "blockQuote" : "BlockQuote";
            case ITEM:
                return mm ? "listItem" : "ListItem";
            case LIST:
                return bp.stC[k] == 1 ? mm ? "listOrdered" : "ListOrdered" : mm ? "listUnordered" : "ListUnordered";
            case FOOTNOTE:
                return mm ? "gfmFootnoteDefinition" : "GfmFootnoteDefinition";
            case JSX:
                return mm ? "mdxJsxFlowTag" : "MdxJsxFlowTag";
            case DIRECTIVE: // (not markdown-rs's, which has no directives: mdast's name of the node, as it does)
                return mm ? "directiveContainer" : "ContainerDirective";
            default:
                return mm ? "paragraph" : "Paragraph";
        }
    }

    /** The element at stack index {@code k} is still open where its parent (of {@code parentKind}) ends. */
    public static OcpException unclosedJsx(BlockParser bp, int k, int at, Integer parentKind) {
        return MdxNodes.syntaxError(bp.src, bp.length, at, -1, "end-tag-mismatch", "Expected a closing tag for `"
                + MdxNodes.label(bp.tree, bp.stNode[k], false) + "` ("
                + MdxNodes.lineColumn(bp.src, bp.length, bp.stA[k]) + ")"
                + (parentKind == null ? "" : " before the end of `" + blockName(bp, k - 1) + "`"));
    }

    /** Appends {@code src[from, to)} to the flow buffer. */
    private static void appendFlow(BlockParser bp, int from, int to) {
        int n = to - from;
        if (bp.flowLen + n + 1 > bp.flowBuf.length) {
            bp.flowBuf = Arrays.copyOf(bp.flowBuf, Math.max(bp.flowBuf.length * 2, bp.flowLen + n + 1));
        }
        System.arraycopy(bp.src, from, bp.flowBuf, bp.flowLen, n);
        bp.flowLen += n;
    }

    /**
     * The scanner reached the end of the flow buffer inside a tag or an expression: appends the next source line
     * (a line feed, then the line after the prefixes of the containers the construct is in), or fails if that line
     * is lazy (does not continue those containers).
     */
    public static boolean moreFlow(BlockParser bp, MdxScanner scanner, boolean inExpression) {
        if (bp.flowLineEnd >= bp.length) {
            return false;
        }
        int ls = Line.nextLine(bp, bp.flowLineEnd);
        if (ls >= bp.length && (bp.flowLineEnd + 1 > bp.length || ls == bp.flowLineEnd)) {
            return false;
        }
        int le = ByteScan.lineEnd(bp.src, ls, bp.length);
        int content = continuedContent(bp, ls, le);
        if (content < 0 && startsContainer(bp, ~content, le)) {
            return false; // micromark closes the flow there: the construct meets the end of its input
        }
        if (bp.flowLen + 1 > bp.flowBuf.length) {
            bp.flowBuf = Arrays.copyOf(bp.flowBuf, bp.flowBuf.length * 2);
        }
        bp.flowBuf[bp.flowLen++] = '\n';
        if (content < 0) {
            bp.flowMap.addLine(bp.flowLen, ls, Line.nextLine(bp, le));
            throw new MdxScanner.Failure(bp.flowLen, "unexpected-lazy", "Unexpected lazy line in "
                    + (inExpression ? "expression in " : bp.micromark ? "" : "jsx in ")
                    + "container, expected line to be prefixed with `>` when "
                    + "in a block quote, whitespace when in a list, etc");
        }
        bp.flowMap.addLine(bp.flowLen, content, Line.nextLine(bp, le));
        appendFlow(bp, content, le);
        bp.flowLineEnd = le;
        bp.flowExtraLines++;
        bp.work += le - ls + 1;
        scanner.lineEndingFollows = le < bp.length;
        scanner.grow(bp.flowBuf, bp.flowLen);
        return true;
    }

    /**
     * Where the content of line {@code src[ls, le)} starts inside the containers of the flow construct (block
     * quotes take their {@code >} and a space, items and footnote definitions their indentation, JSX elements
     * nothing), or, if the line does not continue one of them, {@code ~p}: {@code p} where the prefix of the first
     * container it does not continue would start.
     */
    private static int continuedContent(BlockParser bp, int ls, int le) {
        int p = ls;
        int col = 0;
        for (int k = 1; k <= bp.flowContainer; k++) {
            int kind = bp.stKind[k];
            if (kind == JSX || kind == DIRECTIVE) {
                // Neither takes a prefix off these lines: skip the run (deep nesting must not cost its depth per line).
                k = Math.min(bp.runTop[k], bp.flowContainer);
                continue;
            }
            if (kind == LIST) {
                continue;
            }
            int q = p;
            int c = col;
            while (q < le && (bp.src[q] == ' ' || bp.src[q] == '\t')) {
                c += bp.src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1;
                q++;
            }
            boolean blankLine = q == le;
            if (kind == QUOTE) {
                if (blankLine || !bp.mdx && c - col > 3 || bp.src[q] != '>') {
                    return ~p;
                }
                q++;
                c++;
                if (q < le && (bp.src[q] == ' ' || bp.src[q] == '\t')) {
                    c += bp.src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1;
                    q++;
                }
                p = q;
                col = c;
            } else if (kind == ITEM || kind == FOOTNOTE) {
                int need = kind == ITEM ? bp.stA[k] : FOOTNOTE_INDENT;
                if (blankLine) {
                    return q;
                }
                if (c - col < need) {
                    return ~p;
                }
                int target = col + need;
                while (col < target) {
                    col += bp.src[p] == '\t' ? TAB_STOP - col % TAB_STOP : 1;
                    p++;
                }
            }
        }
        return p;
    }

    /**
     * Whether {@code src[p, le)} starts a container (after any indentation, which MDX does not limit): a block
     * quote, a list item that could interrupt a paragraph (content after its marker, an ordered one starting at 1,
     * not a thematic break) or, with GFM, a footnote definition. On a line that does not continue the containers of
     * a construct in flow, micromark ends the construct's input there (it closes the flow for the new container);
     * any other such line is lazy.
     */
    private static boolean startsContainer(BlockParser bp, int p, int le) {
        byte[] src = bp.src;
        while (p < le && Line.isSpaceOrTab(src[p])) {
            p++;
        }
        if (p >= le) {
            return false;
        }
        byte c = src[p];
        int after;
        if (c == '>') {
            return true;
        } else if (c == '-' || c == '+' || c == '*') {
            after = p + 1;
            int count = 0;
            for (int i = p; i < le && (src[i] == c || Line.isSpaceOrTab(src[i])); i++) {
                count += src[i] == c ? 1 : 0;
                if (i + 1 == le && count >= 3) {
                    return false; // a thematic break
                }
            }
        } else if (c == '1' && p + 1 < le && (src[p + 1] == '.' || src[p + 1] == ')')) {
            after = p + 2;
        } else {
            return c == '[' && bp.gfm && FootnoteDefinition.footnoteDefinitionStart(bp, p, le) > 0;
        }
        if (after >= le || !Line.isSpaceOrTab(src[after])) {
            return false;
        }
        while (after < le && Line.isSpaceOrTab(src[after])) {
            after++;
        }
        return after < le;
    }

    /** ESM: its lines as written, joined by line feeds, without the last line's ending. */
    static void finishEsm(BlockParser bp, int k) {
        bp.tree.beginString();
        for (int i = bp.leafFirst; i < bp.lineCount; i++) {
            if (i > bp.leafFirst) {
                bp.tree.append((byte) '\n');
            }
            LeafContent.appendLiteral(bp, bp.lineStartAt[i], bp.lineEndAt[i]);
        }
        bp.tree.setString(bp.stNode[k], 0, bp.tree.endString());
        bp.work += bp.lineEndAt[bp.lineCount - 1] - bp.lineStartAt[bp.leafFirst];
        bp.lineCount = bp.leafFirst;
    }
}
