package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;
import dev.ocp.spi.OcpFormat;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The handlers of the blocks of literal lines: code blocks (indented where that reads back as the same block, else
 * fenced) and math blocks, each fenced by a run longer than any in its text.
 */
final class CodeBlocks {
    private CodeBlocks() {
    }

    /** An indented or fenced code block. */
    static final class CodeBlock {
        private CodeBlock() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            codeBlock(w, node, w.parent());
            return false;
        }
    }

    /** A math block: {@code $$} fences, the opening one with its info. */
    static final class MathBlock {
        private MathBlock() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.load(node, OcpNode.Field.LITERAL, w.text);
            int marks = Math.max(2, Escaper.longestRun(w.text.a, w.text.n, (byte) '$') + 1);
            w.piece.setLength(0);
            w.piece.repeat('$', marks);
            if (w.load(node, OcpNode.Field.INFO, w.aux)) {
                w.piece.add(w.aux);
            }
            w.line(w.piece);
            w.lines(w.text);
            closeFence(w, node, '$', marks);
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void codeBlock(MarkdownWriter w, OcpNode node, Frame parent) {
        Bytes literal = w.text;
        Bytes info = w.aux;
        w.load(node, OcpNode.Field.LITERAL, literal);
        boolean hasInfo = w.load(node, OcpNode.Field.INFO, info);
        if (canIndent(w, node, literal, hasInfo ? info : null, parent)) {
            Frame f = w.frames[w.depth - 1];
            f.marker = ' ';
            if (parent != null && parent.kind == NodeKind.FOOTNOTE_DEFINITION && parent.index + 1 == node.index()) {
                w.emptyLine(); // on the label's line it would be a paragraph; under it, four columns in, it is code
            }
            w.pushPrefix(4);
            w.lines(literal);
            w.popPrefix();
            trailingLines(w, node);
            return;
        }
        char fence = w.options.fence() != MarkdownOptions.AS_PARSED ? w.options.fence()
                : node.isFencedCode() ? node.marker() : '`';
        if (fence != '`' && fence != '~') {
            fence = '`';
        }
        if (fence == '`' && hasInfo && info.indexOf('`', 0) >= 0) {
            fence = '~';
        }
        int marks = Math.max(3, Escaper.longestRun(literal.a, literal.n, (byte) fence) + 1);
        w.piece.setLength(0);
        w.piece.repeat(fence, marks);
        if (info.n > 0) {
            if (info.a[0] == fence) {
                w.piece.add(' '); // else the fence would take it as one of its own
            }
            w.escaper.info(info.a, info.n, w.piece);
        }
        w.line(w.piece);
        w.lines(literal);
        closeFence(w, node, fence, marks);
    }

    /**
     * Writes the blank lines an indented block took in after its text (format v1.5, slot c), each as four spaces and
     * what it held past them, so that the block reads back with them and mdast's value keeps them. CommonMark leaves
     * them out of the block's literal, and so the HTML does not change; a fenced block has no such lines, and
     * where this one is written fenced they are lost.
     */
    private static void trailingLines(MarkdownWriter w, OcpNode node) {
        int ref = w.payload.getInt(w.layout().record(node.index()) + OcpFormat.N_C);
        if (ref == NONE) {
            return;
        }
        int at = w.layout.stringOffset() + ref + 4;
        w.load(at, () -> w.layout.decode(w.payload, ref), w.aux);
        int from = 0;
        while (true) {
            int i = Bytes.indexOf(w.aux.a, from, w.aux.n, '\n');
            int to = i < 0 ? w.aux.n : i;
            w.piece.setLength(0);
            w.piece.repeat(' ', 4); // never empty: a blank line written empty would lose its indentation
            w.piece.add(w.aux.a, from, to);
            w.line(w.piece);
            if (i < 0) {
                return;
            }
            from = i + 1;
        }
    }

    /**
     * Writes a fenced block's closing fence, unless the source had none (the block ended with its container or the
     * document): mdast leaves out a blank last line of such a block, and keeps it in a closed one.
     */
    private static void closeFence(MarkdownWriter w, OcpNode node, char fence, int marks) {
        if (node.isUnclosed()) {
            w.leftOpen = true;
        } else {
            w.piece.setLength(0);
            w.piece.repeat(fence, marks);
            w.line(w.piece);
        }
    }

    /** Whether an indented code block reads back as itself here. */
    private static boolean canIndent(MarkdownWriter w, OcpNode node, Bytes literal, Bytes info, Frame parent) {
        if (w.options.fencedCode() || w.mdx || node.isFencedCode() || literal.n == 0 || (info != null && info.n > 0)) {
            return false;
        }
        if (Escaper.blankLine(literal.a, literal.n, 0) || Escaper.blankLastLine(literal.a, literal.n)) {
            return false; // an indented block starts and ends with a line that is not blank
        }
        int next = node.nextSiblingIndex();
        if (next >= 0) {
            // micromark reads a list after indented code in the same container (or at the start of a block quote or
            // footnote opened there) as interrupting the code (no empty first item, no ordered start but 1), where
            // CommonMark does not: fenced, it reads back either way
            w.look.moveTo(next);
            NodeKind kind = w.look.kind();
            while ((kind == NodeKind.BLOCK_QUOTE || kind == NodeKind.ALERT || kind == NodeKind.FOOTNOTE_DEFINITION)
                    && w.look.toFirstChild()) {
                kind = w.look.kind();
            }
            if (kind == NodeKind.LIST) {
                return false;
            }
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
}
