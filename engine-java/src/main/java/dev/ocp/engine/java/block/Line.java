package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.CODE_INDENT;
import static dev.ocp.engine.java.BlockParser.DIRECTIVE;
import static dev.ocp.engine.java.BlockParser.ESM;
import static dev.ocp.engine.java.BlockParser.FENCED;
import static dev.ocp.engine.java.BlockParser.FOOTNOTE;
import static dev.ocp.engine.java.BlockParser.FOOTNOTE_INDENT;
import static dev.ocp.engine.java.BlockParser.HTML;
import static dev.ocp.engine.java.BlockParser.INDENTED;
import static dev.ocp.engine.java.BlockParser.ITEM;
import static dev.ocp.engine.java.BlockParser.JSX;
import static dev.ocp.engine.java.BlockParser.LIST;
import static dev.ocp.engine.java.block.BlockStack.LEAF;
import static dev.ocp.engine.java.BlockParser.NIL;
import static dev.ocp.engine.java.BlockParser.PARAGRAPH;
import static dev.ocp.engine.java.BlockParser.QUOTE;
import static dev.ocp.engine.java.BlockParser.TABLE;
import static dev.ocp.engine.java.BlockParser.TAB_STOP;
import static dev.ocp.spi.OcpFormat.FLAG_CODE_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_HTML_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_MATH_UNCLOSED;

/**
 * One line of the block phase: which open blocks the line continues (each container's prefix, bottom-up), which
 * new blocks it opens, and where what is left goes (a leaf's content or a lazy paragraph line). Also the column
 * arithmetic shared by every block construct: the cached first non-space of the line, advancing by bytes or columns
 * with tabs as partial stops of four, and the start of the next line (LF, CR, CR LF).
 *
 * <p>References: CommonMark 0.31.2, appendix "A parsing strategy" (phase 1: block structure) and section 2.2
 * (Tabs); markdown-rs {@code document} and {@code flow} content (micromark's {@code document} and {@code flow}
 * tokenizers).
 */
public final class Line {
    private Line() {
    }

    /**
     * The bytes a line's content (past its indentation) starts with when it opens a block other than a paragraph, or
     * may (outside MDX, not indented): '>' a block quote, '#' a heading, '`' '~' '$' a fence, '<' HTML, '=' '-' a
     * setext underline, '*' '-' '_' a thematic break, '[' a footnote definition, '*' '+' '-' and digits a list item,
     * '|' ':' '-' and the table whitespace VT and FF a table's delimiter row. Any other byte makes the line text,
     * which most lines are: one look here instead of a test per construct.
     */
    private static final boolean[] MAY_START_BLOCK = new boolean[256];

    static {
        for (char c : ">#`~$<=-*_+[|:0123456789".toCharArray()) {
            MAY_START_BLOCK[c] = true;
        }
        MAY_START_BLOCK[0x0B] = true;
        MAY_START_BLOCK['\f'] = true;
    }

    public static void processLine(BlockParser bp) {
        bp.lineNumber++;
        bp.offset = bp.lineStart;
        bp.column = 0;
        bp.partialTab = false;
        bp.nonspace = -1;
        bp.breakKill = 0;

        // 1. Which open blocks does the line continue?
        int k = 1;
        while (k <= bp.top) {
            bp.work++;
            findNonspace(bp);
            int kind = bp.stKind[k];
            if (kind == QUOTE) {
                if (!bp.mdx && bp.indent > 3 || bp.blank || bp.src[bp.nonspace] != '>') {
                    break;
                }
                advance(bp, bp.nonspace + 1 - bp.offset, false);
                if (bp.offset < bp.lineEnd && isSpaceOrTab(bp.src[bp.offset])) {
                    advance(bp, 1, true);
                }
                bp.stEnd[k] = bp.lineEnd;
                bp.stEndLine[k] = bp.lineNumber;
            } else if (kind == ITEM) {
                boolean empty = bp.tree.firstChild(bp.stNode[k]) == NIL;
                if (bp.blank && empty) {
                    // An item can begin with at most one blank line (its marker line), whatever the blank line's
                    // indentation (cmark tests the indentation first and keeps "-\n  \n  foo" in the item).
                    break;
                }
                if (bp.indent >= bp.stA[k]) {
                    // Also for blank lines: whitespace past the item's indentation stays content, as in cmark.
                    advance(bp, bp.stA[k], true);
                } else if (bp.blank) {
                    advance(bp, bp.nonspace - bp.offset, false);
                    // Every block between here and the next block quote (or the top) is a list or a list item
                    // with children, which a blank line continues without consuming anything: skip them.
                    int next = bp.stQuotes[k] < bp.stQuotes[bp.top] ? bp.quoteAt[bp.stQuotes[k]] : bp.top;
                    if (next > k + 1) {
                        k = next - 1;
                    }
                } else {
                    break;
                }
            } else if (kind == FENCED) {
                if ((bp.mdx || bp.indent <= 3) && !bp.blank && bp.src[bp.nonspace] == bp.stA[k]
                        && FencedCode.isClosingFence(bp, k)) {
                    int node = bp.stNode[k];
                    bp.tree.setFlags(node, bp.tree.flags(node) & ~(bp.tree.kind(node) == NodeKind.MATH_BLOCK.code()
                            ? FLAG_MATH_UNCLOSED : FLAG_CODE_UNCLOSED));
                    bp.stEnd[k] = bp.lineEnd;
                    bp.stEndLine[k] = bp.lineNumber;
                    BlockStack.closeTop(bp);
                    return;
                }
                for (int i = bp.stC[k]; i > 0 && bp.offset < bp.lineEnd && isSpaceOrTab(bp.src[bp.offset]); i--) {
                    advance(bp, 1, true);
                }
            } else if (kind == INDENTED) {
                bp.shallowBlankLine = bp.indent < CODE_INDENT;
                if (bp.stNode[k] == bp.codeEndsWithItsLine) {
                    break; // opened on a lazy line: ends with it (micromark)
                }
                if (bp.indent >= CODE_INDENT) {
                    advance(bp, CODE_INDENT, true);
                } else if (bp.blank) {
                    advance(bp, bp.nonspace - bp.offset, false);
                } else {
                    break;
                }
            } else if (kind == HTML) {
                if (bp.blank && bp.stA[k] >= 6) {
                    break;
                }
            } else if (kind == PARAGRAPH || kind == TABLE) {
                if (bp.blank || kind == TABLE && Table.rowWithoutCells(bp)) {
                    break;
                }
            } else if (kind == FOOTNOTE) {
                if (bp.indent >= FOOTNOTE_INDENT) {
                    advance(bp, FOOTNOTE_INDENT, true);
                } else if (bp.blank) {
                    advance(bp, bp.nonspace - bp.offset, false);
                } else {
                    break;
                }
            } else if (kind == ESM) {
                if (bp.blank) {
                    break;
                }
            } else if (kind == DIRECTIVE) {
                k = Directive.continueRun(bp, k);
                if (k < 0) {
                    return;
                }
            } else if (kind == JSX) {
                // A JSX element continues every line without a prefix, and so does every element nested directly
                // in it: skip the whole run at once, or deep nesting would cost its depth on every line. (A blank
                // line in a list item may have skipped to the middle of the run: its top is kept at its start.)
                k = bp.runTop[bp.runStart[k]];
            }
            k++;
        }
        int lastMatched = k - 1;

        // 2. Does it open new blocks?
        int container = lastMatched;
        int containerKind = bp.stKind[container];
        boolean maybeLazy = bp.stKind[bp.top] == PARAGRAPH;
        // Whether a list item here interrupts: micromark's document sets the flag once a line, for every container
        // it opens (a paragraph's line, or code's, interrupted by "> 2." has no list in the quote either).
        boolean interrupting = bp.micromark
                && (containerKind == PARAGRAPH || BlockStack.listAfterIndentedCode(bp, lastMatched));
        boolean opened = false;
        while (containerKind != FENCED && containerKind != INDENTED && containerKind != HTML && containerKind != ESM) {
            bp.work++;
            findNonspace(bp);
            boolean indented = !bp.mdx && bp.indent >= CODE_INDENT;
            int c = bp.blank ? -1 : bp.src[bp.nonspace] & 0xFF;
            int n;
            if (!bp.mdx && (c < 0 || !indented && !MAY_START_BLOCK[c])) {
                break; // a blank line, or text: none of the tests below can pass (each wants one of these bytes)
            }
            // In MDX, an HTML comment is an HTML block when the extension asks for it (CommonMark's second kind: it
            // ends on the line that holds "-->"), never JSX; it does not interrupt a paragraph (it is text there).
            boolean commentStart = bp.mdx && bp.htmlComments && c == '<'
                    && HtmlBlock.startCondition(bp.src, bp.nonspace, bp.lineEnd, false) == 2;
            int comment = commentStart && bp.stKind[bp.top] != PARAGRAPH ? 2 : 0;
            if (bp.mdx && !commentStart && (c == '<' || c == '{') && MdxFlow.mdxFlow(bp, container)) {
                return;
            } else if (bp.mdx && (c == '<' && comment == 0 || c == '{')) {
                break; // text: a paragraph, or a lazy line of one (the checks below cannot start with these bytes)
            } else if (bp.mdx && bp.stKind[bp.top] != PARAGRAPH && bp.nonspace == bp.lineStart
                    && MdxFlow.esmStart(bp)) {
                // At column 1 no block quote, list item or footnote can have matched: the containers around are JSX
                // elements and container directives, which take lines without a prefix, and micromark reads ESM in
                // them as at the top.
                container = BlockStack.open(bp, container, ESM, NodeKind.MDX_ESM, bp.lineStart);
                opened = true;
                break;
            } else if (!indented && c == '>' && !bp.containersOff) {
                int start = bp.nonspace;
                containersEnd(bp, container, false);
                advance(bp, bp.nonspace + 1 - bp.offset, false);
                if (bp.offset < bp.lineEnd && isSpaceOrTab(bp.src[bp.offset])) {
                    advance(bp, 1, true);
                }
                container = BlockStack.open(bp, container, QUOTE, NodeKind.BLOCK_QUOTE, start);
            } else if (!indented && c == '#' && (n = AtxHeading.atxLevel(bp, bp.nonspace)) > 0) {
                AtxHeading.atxHeading(bp, container, n);
                return;
            } else if (!indented && (c == '`' || c == '~' || c == '$' && bp.math)
                    && (n = FencedCode.openingFence(bp, bp.nonspace)) > 0) {
                FencedCode.fencedCode(bp, container, n);
                return;
            } else if (!indented && c == '<' && (n = bp.mdx ? comment
                    : HtmlBlock.startCondition(bp.src, bp.nonspace, bp.lineEnd, bp.stKind[bp.top] != PARAGRAPH)) > 0) {
                // The tag is content: the offset stays where the line's content starts.
                container = BlockStack.open(bp, container, HTML, NodeKind.HTML_BLOCK, bp.offset);
                bp.stA[container] = n;
                bp.tree.setData(bp.stNode[container], n);
                if (n <= 5) {
                    bp.tree.setFlags(bp.stNode[container], FLAG_HTML_UNCLOSED); // until its end marker comes (v1.4)
                }
                opened = true;
                break;
            } else if (!indented && containerKind == PARAGRAPH && (c == '=' || c == '-')
                    && (n = SetextHeading.setextLevel(bp, bp.nonspace)) > 0
                    && SetextHeading.setextHeading(bp, container, n)) {
                return;
            } else if (bp.directive && !indented && c == ':' && (n = Directive.directiveStart(bp, container)) != 0) {
                if (n < 0) {
                    return; // a leaf directive, the whole line
                }
                container = n;
                opened = true;
                break; // the rest of the fence's line is the fence's
            } else if (!indented && (c == '*' || c == '-' || c == '_') && bp.nonspace >= bp.breakKill
                    && ThematicBreak.isThematicBreak(bp, bp.nonspace)) {
                int parent = BlockStack.prepare(bp, container, LEAF);
                int rule = bp.tree.add(NodeKind.THEMATIC_BREAK, bp.stNode[parent], bp.nonspace, bp.lineEnd);
                bp.tree.setData(rule, c); // v1.3: its character
                BlockStack.leafDone(bp, parent);
                return;
            } else if (bp.gfm && !indented && c == '[' && !bp.containersOff
                    && (n = FootnoteDefinition.footnoteDefinitionStart(bp, bp.nonspace)) > 0) {
                containersEnd(bp, container, false);
                container = FootnoteDefinition.footnoteDefinition(bp, container, n);
            } else if (!indented && c != -1 && !bp.containersOff && ListItem.listMarker(bp, bp.nonspace, containerKind == PARAGRAPH
                    || interrupting || BlockStack.listAfterIndentedCode(bp, lastMatched))) {
                containersEnd(bp, container, ListItem.continuesList(bp, container));
                container = ListItem.listItem(bp, container);
            } else if (indented && !maybeLazy && !bp.blank) {
                // v1.5: the bytes of indentation before the block's span, from the first byte at or after the
                // column its four columns start at (past a tab its container took columns of).
                int indentation = bp.partialTab ? bp.offset + 1 : bp.offset;
                advance(bp, CODE_INDENT, true);
                container = BlockStack.open(bp, container, INDENTED, NodeKind.CODE_BLOCK, bp.offset);
                bp.codeEndsWithItsLine = bp.micromark && bp.preparedClosingContainers ? bp.stNode[container] : NIL;
                bp.tree.setData(bp.stNode[container], bp.offset - indentation);
                bp.leafLastText = -1;
                bp.leafLastIndentedBlank = -1;
                opened = true;
                break;
            } else if (bp.gfm && !indented && containerKind == PARAGRAPH && c != -1
                    && (n = Table.delimiterRow(bp, bp.nonspace)) > 0 && Table.tableStart(bp, container, n)) {
                return;
            } else {
                break;
            }
            opened = true;
            containerKind = bp.stKind[container];
            maybeLazy = false;
        }

        // 3. What is left of the line is text for the container, or a lazy continuation line.
        findNonspace(bp);
        if (!opened && lastMatched < bp.top && !bp.blank && bp.stKind[bp.top] == PARAGRAPH
                && bp.stDirectives[bp.top] == bp.stDirectives[lastMatched]) { // no lazy line crosses a directive's fence
            Paragraph.addParagraphLine(bp, bp.top);
            return;
        }
        BlockStack.closeAbove(bp, container);
        int kind = bp.stKind[container];
        if (kind == FENCED || kind == INDENTED || kind == ESM) {
            LeafContent.addCodeLine(bp, container);
        } else if (kind == HTML) {
            LeafContent.addCodeLine(bp, container);
            int type = bp.stA[container];
            if (type <= 5 && HtmlBlock.endCondition(type, bp.src, bp.nonspace, bp.lineEnd)) {
                bp.tree.setFlags(bp.stNode[container], 0);
                BlockStack.closeTop(bp);
            }
        } else if (bp.blank) {
            // Nothing: blank lines only end blocks (already done) and separate them (seen through line numbers).
        } else if (kind == TABLE) {
            Table.tableRow(bp, container, false);
        } else if (kind == PARAGRAPH) {
            Paragraph.addParagraphLine(bp, container);
        } else {
            container = BlockStack.open(bp, container, PARAGRAPH, NodeKind.PARAGRAPH, bp.nonspace);
            Paragraph.addParagraphLine(bp, container);
        }
    }

    /**
     * micromark ({@link dev.ocp.Flavor#MICROMARK}), a block quote, list item or footnote starting on this line: the
     * containers of a fence never closed (or an HTML block of start condition 1 to 5 whose end marker has not come)
     * that end because of it run to where this line's new blocks start (past the prefixes of the containers it
     * continues), and the fence, in mdast, to the line's start: {@code MdastWriter} sees their span end on the line of
     * the block after them. Ended any other way (a line outside them that is not lazy, the document's end) they end
     * as the reference's do, on their last line.
     * <p>
     * So do the containers it ends in a footnote definition (mdast walks back from the new block over prefixes to
     * the last line ending, and the footnote's indentation stops it); only the item itself when its list's next item
     * starts (its nested blocks end as ever). (micromark then counts the blank lines before the line as the item's,
     * which it spreads, and not the list's, and a footnote takes none of a blank line's whitespace; the Markdown
     * writer, which writes for both readings, could not keep those, and the parser keeps CommonMark's:
     * docs/conformance.md.)
     *
     * @param sibling whether the line starts the next item of the list at {@code container}
     */
    private static void containersEnd(BlockParser bp, int container, boolean sibling) {
        if (!bp.micromark || bp.top <= container) {
            return;
        }
        if (bp.stKind[bp.top] == FENCED || bp.stKind[bp.top] == HTML && bp.stA[bp.top] <= 5) {
            for (int k = container + 1; k < bp.top; k++) {
                bp.stEnd[k] = bp.offset; // (a fence or HTML block still open is one not closed yet)
            }
            return;
        }
        if (!BlockStack.inFootnote(bp, container + 1)) {
            return;
        }
        int last = sibling ? container + 1 : bp.top;
        for (int k = container + 1; k <= last; k++) {
            int kind = bp.stKind[k];
            if (kind == QUOTE || kind == ITEM || kind == LIST || kind == FOOTNOTE) {
                bp.stEnd[k] = bp.offset;
            }
        }
    }

    /**
     * Finds the first non-space byte from the offset. The result is kept while the offset stays before it, so
     * that containers consuming a long run of indentation one after the other scan it once.
     */
    static void findNonspace(BlockParser bp) {
        if (bp.nonspace <= bp.offset) {
            int p = bp.offset;
            int col = bp.column;
            while (p < bp.lineEnd) {
                bp.work++;
                byte b = bp.src[p];
                if (b == ' ') {
                    col++;
                } else if (b == '\t') {
                    col += TAB_STOP - col % TAB_STOP;
                } else {
                    break;
                }
                p++;
            }
            bp.nonspace = p;
            bp.nonspaceColumn = col;
        }
        bp.indent = bp.nonspaceColumn - bp.column;
        bp.blank = bp.nonspace == bp.lineEnd;
    }

    /**
     * Advances by {@code count} bytes, or by {@code count} columns when {@code columns} is set; in the latter case
     * a tab may be consumed in part, leaving the offset on it with {@link BlockParser#partialTab} set.
     */
    static void advance(BlockParser bp, int count, boolean columns) {
        while (count > 0 && bp.offset < bp.lineEnd) {
            if (bp.src[bp.offset] == '\t') {
                int toTab = TAB_STOP - bp.column % TAB_STOP;
                if (columns) {
                    bp.partialTab = toTab > count;
                    int step = Math.min(count, toTab);
                    bp.column += step;
                    if (!bp.partialTab) {
                        bp.offset++;
                    }
                    count -= step;
                } else {
                    bp.partialTab = false;
                    bp.column += toTab;
                    bp.offset++;
                    count--;
                }
            } else {
                bp.partialTab = false;
                bp.offset++;
                bp.column++;
                count--;
            }
        }
    }

    static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The start of the line after the line ending at {@code lineEnd} (LF, CR or CR LF), or the input's length. */
    public static int nextLine(BlockParser bp, int lineEnd) {
        if (lineEnd + 1 < bp.length && bp.src[lineEnd] == '\r' && bp.src[lineEnd + 1] == '\n') {
            return lineEnd + 2;
        }
        return Math.min(lineEnd + 1, bp.length);
    }
}
