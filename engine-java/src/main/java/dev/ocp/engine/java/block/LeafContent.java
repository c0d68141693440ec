package dev.ocp.engine.java.block;

import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.ByteScan;

import java.util.Arrays;

import static dev.ocp.engine.java.BlockParser.INDENTED;
import static dev.ocp.engine.java.BlockParser.TAB_STOP;

/**
 * Leaf content: the line records of the open leaf (each line's start, end, and columns of a partly consumed tab),
 * the queue of paragraphs and headings waiting for the inline phase, the literal of code and HTML blocks (each line
 * followed by a line feed, tabs as spaces where a prefix took part of them, NUL as U+FFFD), and the contents handed
 * to the inline parser with their map back to the source.
 *
 * <p>References: CommonMark 0.31.2, sections 2.2 (Tabs), 2.3 (insecure characters), 4.4 and 4.5 (code block
 * content) and appendix "A parsing strategy" (phase 2 works on the leaf's raw content); markdown-rs
 * {@code content} and {@code string} tokenizers.
 */
public final class LeafContent {
    private LeafContent() {
    }

    static void addLine(BlockParser bp, int start, int end, int pad) {
        addLine(bp, start, end, pad, start);
    }

    static void addLine(BlockParser bp, int start, int end, int pad, int indentAt) {
        int i = bp.lineCount;
        if (i == bp.lineStartAt.length) {
            int n = i * 2;
            bp.lineStartAt = Arrays.copyOf(bp.lineStartAt, n);
            bp.lineEndAt = Arrays.copyOf(bp.lineEndAt, n);
            bp.linePad = Arrays.copyOf(bp.linePad, n);
            bp.lineIndentAt = Arrays.copyOf(bp.lineIndentAt, n);
        }
        bp.lineStartAt[i] = start;
        bp.lineEndAt[i] = end;
        bp.linePad[i] = pad;
        bp.lineIndentAt[i] = indentAt;
        bp.lineCount = i + 1;
    }

    static void addLeaf(BlockParser bp, int node, int firstLine, int lines) {
        int i = bp.leafCount;
        if (i == bp.leafNode.length) {
            int n = i * 2;
            bp.leafNode = Arrays.copyOf(bp.leafNode, n);
            bp.leafLines = Arrays.copyOf(bp.leafLines, n);
            bp.leafLineCount = Arrays.copyOf(bp.leafLineCount, n);
        }
        bp.leafNode[i] = node;
        bp.leafLines[i] = firstLine;
        bp.leafLineCount[i] = lines;
        bp.leafCount = i + 1;
    }

    /** Adds the rest of the line to the code or HTML block {@code k}, a partly consumed tab as spaces. */
    static void addCodeLine(BlockParser bp, int k) {
        int start = bp.offset;
        int pad = 0;
        if (bp.partialTab) {
            start++;
            pad = TAB_STOP - bp.column % TAB_STOP;
        }
        addLine(bp, start, bp.lineEnd, pad);
        if (bp.stKind[k] == INDENTED) {
            if (bp.blank) {
                if (!bp.shallowBlankLine) {
                    bp.leafLastIndentedBlank = bp.lineCount - 1;
                }
                return; // trailing blank lines are not part of an indented code block
            }
            bp.leafLastText = bp.lineCount - 1;
        }
        bp.stEnd[k] = bp.lineEnd;
        bp.stEndLine[k] = bp.lineNumber;
    }

    /** Code and HTML blocks: the literal is every line followed by a line feed. */
    static void finishLiteral(BlockParser bp, int k) {
        int node = bp.stNode[k];
        int last = bp.stKind[k] == INDENTED ? bp.leafLastText : bp.lineCount - 1;
        bp.tree.beginString();
        for (int i = bp.leafFirst; i <= last; i++) {
            for (int s = bp.linePad[i]; s > 0; s--) {
                bp.tree.append((byte) ' ');
            }
            appendLiteral(bp, bp.lineStartAt[i], bp.lineEndAt[i]);
            bp.tree.append((byte) '\n');
        }
        bp.tree.setString(node, 0, bp.tree.endString());
        if (bp.stKind[k] == INDENTED && bp.leafLastIndentedBlank > last) {
            // v1.5: the blank lines after the last line of text, to the last one indented four columns or more,
            // what each holds past those columns, joined by line feeds (mdast's code takes them in).
            bp.tree.beginString();
            for (int i = last + 1; i <= bp.leafLastIndentedBlank; i++) {
                if (i > last + 1) {
                    bp.tree.append((byte) '\n');
                }
                for (int s = bp.linePad[i]; s > 0; s--) {
                    bp.tree.append((byte) ' ');
                }
                appendLiteral(bp, bp.lineStartAt[i], bp.lineEndAt[i]);
            }
            bp.tree.setString(node, 2, bp.tree.endString());
        }
        bp.lineCount = bp.leafFirst;
    }

    /** Appends source bytes to the open string with NUL replaced by U+FFFD, as the spec requires. */
    static void appendLiteral(BlockParser bp, int from, int to) {
        int run = from;
        for (int i = ByteScan.zero(bp.src, from, to); i < to; i = ByteScan.zero(bp.src, i + 1, to)) {
            bp.tree.append(bp.src, run, i - run);
            bp.tree.appendCodePoint(0xFFFD);
            run = i + 1;
        }
        bp.tree.append(bp.src, run, to - run);
    }

    /**
     * Makes {@code lines} line records from {@code first} into inline content: {@link BlockParser#contentBuf},
     * {@link BlockParser#contentOff}, {@link BlockParser#contentLen} and {@link BlockParser#map}. The last line loses
     * its trailing spaces and tabs. When the lines follow each other in the source, separated by {@code '\n'}, the
     * source itself is the buffer; otherwise they are joined in the scratch buffer.
     */
    public static void buildContent(BlockParser bp, int first, int lines) {
        int last = first + lines - 1;
        int lastEnd = bp.lineEndAt[last];
        while (lastEnd > bp.lineStartAt[last] && Line.isSpaceOrTab(bp.src[lastEnd - 1])) {
            lastEnd--;
        }
        bp.map.reset();
        boolean contiguous = true;
        for (int i = first; i < last; i++) {
            if (bp.lineStartAt[i + 1] != bp.lineEndAt[i] + 1 || bp.src[bp.lineEndAt[i]] != '\n') {
                contiguous = false;
                break;
            }
        }
        if (contiguous) {
            for (int i = first; i <= last; i++) {
                bp.map.addLine(bp.lineStartAt[i], bp.lineStartAt[i], afterLineEnding(bp, bp.lineEndAt[i]),
                        bp.lineIndentAt[i], bp.linePad[i]);
            }
            bp.contentBuf = bp.src;
            bp.contentOff = bp.lineStartAt[first];
            bp.contentLen = lastEnd - bp.contentOff;
            return;
        }
        int size = lines - 1;
        for (int i = first; i < last; i++) {
            size += bp.lineEndAt[i] - bp.lineStartAt[i];
        }
        size += lastEnd - bp.lineStartAt[last];
        ensureScratch(bp, size);
        int pos = 0;
        for (int i = first; i <= last; i++) {
            int s = bp.lineStartAt[i];
            int e = i == last ? lastEnd : bp.lineEndAt[i];
            bp.map.addLine(pos, s, afterLineEnding(bp, bp.lineEndAt[i]), bp.lineIndentAt[i], bp.linePad[i]);
            System.arraycopy(bp.src, s, bp.scratch, pos, e - s);
            pos += e - s;
            if (i < last) {
                bp.scratch[pos++] = '\n';
            }
        }
        bp.contentBuf = bp.scratch;
        bp.contentOff = 0;
        bp.contentLen = pos;
    }

    /** Makes {@link BlockParser#scratch} hold at least {@code size} bytes (nothing in it is kept). */
    static void ensureScratch(BlockParser bp, int size) {
        if (bp.scratch.length < size) {
            bp.scratch = new byte[Math.max(size, bp.scratch.length * 2)];
        }
    }

    /** @return the source offset past the line ending (LF, CR or CR LF) at {@code lineEnd}, if there is one */
    private static int afterLineEnding(BlockParser bp, int lineEnd) {
        if (lineEnd >= bp.length) {
            return lineEnd;
        }
        return bp.src[lineEnd] == '\r' && lineEnd + 1 < bp.length && bp.src[lineEnd + 1] == '\n' ? lineEnd + 2
                : lineEnd + 1;
    }
}
