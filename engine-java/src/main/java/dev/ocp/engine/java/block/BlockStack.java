package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.engine.java.BlockParser;

import java.util.Arrays;

import static dev.ocp.engine.java.BlockParser.DIRECTIVE;
import static dev.ocp.engine.java.BlockParser.DOCUMENT;
import static dev.ocp.engine.java.BlockParser.ESM;
import static dev.ocp.engine.java.BlockParser.FENCED;
import static dev.ocp.engine.java.BlockParser.FOOTNOTE;
import static dev.ocp.engine.java.BlockParser.HTML;
import static dev.ocp.engine.java.BlockParser.INDENTED;
import static dev.ocp.engine.java.BlockParser.ITEM;
import static dev.ocp.engine.java.BlockParser.JSX;
import static dev.ocp.engine.java.BlockParser.LIST;
import static dev.ocp.engine.java.BlockParser.PARAGRAPH;
import static dev.ocp.engine.java.BlockParser.QUOTE;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_ORDERED;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_TIGHT;

/**
 * The stack of open blocks: which block may contain which ({@link #canContain}), closing unmatched blocks before a
 * new one starts, pushing a block with the nesting limit checked, and closing the top block: setting its span and
 * end line, finishing its leaf content, and deciding a list's looseness from the line numbers of its children.
 *
 * <p>References: CommonMark 0.31.2, appendix "A parsing strategy" (open and closed blocks) and sections 5.3
 * (loose and tight lists) and 3.2 (container and leaf blocks); markdown-rs {@code document} (its container stack).
 */
public final class BlockStack {
    private BlockStack() {
    }

    /** Pseudo kind for {@link #prepare}: a leaf that is added and closed at once (heading, thematic break). */
    static final int LEAF = -1;

    static boolean canContain(int parent, int child) {
        switch (parent) {
            case DOCUMENT:
            case QUOTE:
            case ITEM:
            case FOOTNOTE:
            case JSX:
            case DIRECTIVE:
                return child != ITEM;
            case LIST:
                return child == ITEM;
            default:
                return false;
        }
    }

    /**
     * Closes the blocks the line did not continue (above {@code container}) and then the ones that cannot hold
     * a child of {@code kind}.
     *
     * @return the index of the block that gets the child
     */
    static int prepare(BlockParser bp, int container, int kind) {
        // micromark closes its flow after a line that closed containers (a lazy line to it): indented code opened
        // on such a line leaves no construct open for the next line to interrupt
        boolean closesContainers = false;
        for (int k = container + 1; bp.micromark && k <= bp.top; k++) {
            int open = bp.stKind[k];
            closesContainers |= open == QUOTE || open == ITEM || open == LIST || open == FOOTNOTE;
        }
        bp.preparedClosingContainers = closesContainers;
        closeAbove(bp, container);
        int parent = container;
        while (!canContain(bp.stKind[parent], kind)) {
            closeTop(bp);
            parent--;
        }
        childStarts(bp, parent);
        if (bp.micromark && kind != QUOTE && kind != ITEM && kind != LIST && kind != FOOTNOTE) {
            bp.indentedCodeIn = kind == INDENTED && !closesContainers ? parent : -1;
            bp.indentedCodeInNode = bp.stNode[parent];
        }
        return parent;
    }

    /**
     * Whether a list item on this line, whose continued containers end at {@code lastMatched}, would start a list in
     * the container of an indented code block no other leaf followed ({@link BlockParser#indentedCodeIn}): micromark
     * then takes it as interrupting, as it would a paragraph (no empty item, no ordered start but 1).
     */
    static boolean listAfterIndentedCode(BlockParser bp, int lastMatched) {
        int k = bp.indentedCodeIn;
        return k >= 0 && lastMatched >= k && bp.stNode[k] == bp.indentedCodeInNode;
    }

    /** Opens a block of {@code kind} as a child of {@code container} (or of the first ancestor that can hold it). */
    static int open(BlockParser bp, int container, int kind, NodeKind nodeKind, int start) {
        int parent = prepare(bp, container, kind);
        int node = bp.tree.add(nodeKind, bp.stNode[parent], start, bp.lineEnd);
        int k = push(bp, kind, node);
        if (kind == PARAGRAPH || kind == FENCED || kind == INDENTED || kind == HTML || kind == ESM) {
            bp.leafFirst = bp.lineCount;
        }
        return k;
    }

    public static int push(BlockParser bp, int kind, int node) {
        int k = ++bp.top;
        if (k == bp.stKind.length) {
            int n = k * 2;
            bp.stKind = Arrays.copyOf(bp.stKind, n);
            bp.stNode = Arrays.copyOf(bp.stNode, n);
            bp.stEnd = Arrays.copyOf(bp.stEnd, n);
            bp.stEndLine = Arrays.copyOf(bp.stEndLine, n);
            bp.stChildEndLine = Arrays.copyOf(bp.stChildEndLine, n);
            bp.stDepth = Arrays.copyOf(bp.stDepth, n);
            bp.stQuotes = Arrays.copyOf(bp.stQuotes, n);
            bp.stDirectives = Arrays.copyOf(bp.stDirectives, n);
            bp.stA = Arrays.copyOf(bp.stA, n);
            bp.stB = Arrays.copyOf(bp.stB, n);
            bp.stC = Arrays.copyOf(bp.stC, n);
            bp.runStart = Arrays.copyOf(bp.runStart, n);
            bp.runTop = Arrays.copyOf(bp.runTop, n);
            bp.stIndentSum = Arrays.copyOf(bp.stIndentSum, n);
        }
        if (kind == JSX || kind == DIRECTIVE) {
            int start = k > 0 && bp.stKind[k - 1] == kind ? bp.runStart[k - 1] : k;
            bp.runStart[k] = start;
            bp.runTop[start] = k;
        }
        bp.stKind[k] = kind;
        bp.stNode[k] = node;
        bp.stEnd[k] = bp.lineEnd;
        bp.stEndLine[k] = bp.lineNumber;
        bp.stChildEndLine[k] = -1;
        bp.stA[k] = 0;
        bp.stB[k] = 0;
        bp.stC[k] = 0;
        boolean container = kind == QUOTE || kind == ITEM || kind == FOOTNOTE || kind == JSX || kind == DIRECTIVE;
        bp.stDirectives[k] = (k == 0 ? 0 : bp.stDirectives[k - 1]) + (kind == DIRECTIVE ? 1 : 0);
        int depth = k == 0 ? 0 : bp.stDepth[k - 1] + (container ? 1 : 0);
        if (depth > bp.maxDepth) {
            // The words are the C core's too (the engines' messages are byte-identical, the C core's ending with
            // the line as getMessage() ends this one); JSX elements and container directives count as well.
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "block quotes, list items, footnotes, JSX "
                    + "elements and container directives are nested more than maxNestingDepth " + bp.maxDepth
                    + " deep", bp.lineNumber);
        }
        bp.stDepth[k] = depth;
        int quotes = k == 0 ? 0 : bp.stQuotes[k - 1];
        if (kind == QUOTE) {
            if (quotes == bp.quoteAt.length) {
                bp.quoteAt = Arrays.copyOf(bp.quoteAt, quotes * 2);
            }
            bp.quoteAt[quotes++] = k;
        }
        bp.stQuotes[k] = quotes;
        return k;
    }

    static void closeAbove(BlockParser bp, int k) {
        while (bp.top > k) {
            closeTop(bp);
        }
    }

    /**
     * A child of block {@code parent} starts on this line: a blank line before it makes the list loose, and spreads
     * the list (between items, bit 0 of the list's {@code stB}) or the item (between its children, bit 1).
     */
    private static void childStarts(BlockParser bp, int parent) {
        int previousEnd = bp.stChildEndLine[parent];
        if (previousEnd < 0 || bp.lineNumber <= previousEnd + 1) {
            return;
        }
        if (bp.stKind[parent] == LIST) {
            bp.stB[parent] |= 1;
        } else if (bp.stKind[parent] == ITEM) {
            bp.stB[parent - 1] |= 2;
            int item = bp.stNode[parent];
            bp.tree.setFlags(item, bp.tree.flags(item) | FLAG_ITEM_SPREAD);
        }
    }

    /** Whether a footnote definition holds the block at stack index {@code k}. */
    static boolean inFootnote(BlockParser bp, int k) {
        for (int i = k - 1; i > 0; i--) {
            if (bp.stKind[i] == FOOTNOTE) {
                return true;
            }
        }
        return false;
    }

    /** A heading or thematic break, already added under {@code parent}, ended on this line. */
    static void leafDone(BlockParser bp, int parent) {
        bp.stChildEndLine[parent] = bp.lineNumber;
        if (bp.lineEnd > bp.stEnd[parent]) {
            bp.stEnd[parent] = bp.lineEnd;
        }
        bp.stEndLine[parent] = Math.max(bp.stEndLine[parent], bp.lineNumber);
    }

    /** Closes the block on top of the stack and reports its end to its parent. */
    public static void closeTop(BlockParser bp) {
        int k = bp.top;
        if (bp.stKind[k] == JSX && bp.stB[k] == 0) {
            // A container ends (a block quote, an item) with the element still open in it.
            bp.inline.defer(() -> MdxFlow.unclosedJsx(bp, k, bp.stEnd[k - 1], bp.stKind[k - 1]), bp.stEnd[k - 1], true);
        }
        if ((bp.stKind[k] == JSX || bp.stKind[k] == DIRECTIVE) && bp.runStart[k] < k) {
            bp.runTop[bp.runStart[k]] = k - 1;
        }
        int node = bp.stNode[k];
        switch (bp.stKind[k]) {
            case PARAGRAPH:
                Paragraph.finishParagraph(bp, k);
                break;
            case FENCED:
            case INDENTED:
            case HTML:
                LeafContent.finishLiteral(bp, k);
                break;
            case ESM:
                MdxFlow.finishEsm(bp, k);
                break;
            case QUOTE:
                if (bp.stA[k] != 0) {
                    Alert.closeQuote(bp, k);
                }
                break;
            case LIST:
                bp.tree.setFlags(node, (bp.stC[k] == 1 ? FLAG_LIST_ORDERED : 0) | (bp.stB[k] == 0 ? FLAG_LIST_TIGHT : 0)
                        | ((bp.stB[k] & 1) != 0 ? FLAG_LIST_SPREAD : 0));
                break;
            default:
                break;
        }
        bp.tree.setSpanEnd(node, bp.stEnd[k]);
        bp.top = k - 1;
        int parent = k - 1;
        if (bp.stEnd[k] > bp.stEnd[parent]) {
            bp.stEnd[parent] = bp.stEnd[k];
        }
        if (bp.stEndLine[k] > bp.stEndLine[parent]) {
            bp.stEndLine[parent] = bp.stEndLine[k];
        }
        bp.stChildEndLine[parent] = bp.stEndLine[k];
    }
}
