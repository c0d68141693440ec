package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.spi.OcpFormat;
import dev.ocp.markdown.MarkdownWriter.Frame;

/**
 * The handlers of MDX's nodes: JSX elements in flow and in text (their tags from {@link JsxWriter}), expressions,
 * and ESM, whose text is written as the payload holds it.
 */
final class MdxHandlers {
    private MdxHandlers() {
    }

    /**
     * A JSX element in flow: its tags on lines of their own, its children indented between them, unless it holds ESM
     * (which stands only at the start of a line) or an HTML block (whose literal would keep the indentation).
     */
    static final class MdxJsxFlow {
        private MdxJsxFlow() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            boolean children = node.hasChildren();
            w.piece.setLength(0);
            w.piece.utf8(JsxWriter.openTag(node, !children));
            w.line(w.piece);
            if (children) {
                f.closeTag = true;
                w.pushPrefix(holdsColumnOneBlocks(w, node.index()) ? 0 : 2);
                w.jsxIndents++;
            }
            return children;
        }

        /**
         * Whether the node at {@code index} holds ESM or an HTML block at any depth. The first call marks every
         * ancestor of each such block, stopping at one marked already, so a document costs one pass however deep.
         */
        static boolean holdsColumnOneBlocks(MarkdownWriter w, int index) {
            java.util.BitSet holders = w.holdColumnOneBlocks;
            if (holders == null) {
                holders = w.holdColumnOneBlocks = new java.util.BitSet();
                PayloadLayout layout = w.layout();
                for (int i = 0; i < layout.nodeCount(); i++) {
                    int kind = w.payload.get(layout.record(i) + OcpFormat.N_KIND) & 0xFF;
                    if (kind != NodeKind.MDX_ESM.code() && kind != NodeKind.HTML_BLOCK.code()) {
                        continue;
                    }
                    int parent = w.payload.getInt(layout.record(i) + OcpFormat.N_PARENT);
                    while (parent != OcpFormat.NONE && !holders.get(parent)) {
                        holders.set(parent);
                        parent = w.payload.getInt(layout.record(parent) + OcpFormat.N_PARENT);
                    }
                }
            }
            return holders.get(index);
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            if (f.closeTag) {
                if (w.afterEsm) {
                    w.emptyLine();
                }
                w.popPrefix();
                w.jsxIndents--;
                w.piece.setLength(0);
                w.piece.utf8(JsxWriter.closeTag(node));
                w.line(w.piece);
            }
            return true;
        }
    }

    /** A JSX element in text. */
    static final class MdxJsxText {
        private MdxJsxText() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            boolean children = node.hasChildren();
            w.inline.utf8(JsxWriter.openTag(node, !children));
            f.closeTag = children;
            return children;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            if (f.closeTag) {
                w.inline.utf8(JsxWriter.closeTag(node));
            }
            return true;
        }
    }

    /** An expression in flow: {@code {...}} as lines. */
    static final class MdxExpressionFlow {
        private MdxExpressionFlow() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.load(node, OcpNode.Field.LITERAL, w.text);
            w.piece.setLength(0);
            w.piece.add('{');
            w.piece.add(w.text);
            w.piece.add('}');
            w.lines(w.piece);
            return false;
        }
    }

    /** An expression in text. */
    static final class MdxExpressionText {
        private MdxExpressionText() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.inline.add('{');
            w.load(node, OcpNode.Field.LITERAL, w.text);
            w.inline.add(w.text);
            w.inline.add('}');
            return false;
        }
    }

    /** ESM: {@code import} and {@code export} lines as they are. */
    static final class MdxEsm {
        private MdxEsm() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.load(node, OcpNode.Field.LITERAL, w.text);
            w.lines(w.text);
            w.afterEsm = true;
            return false;
        }
    }

}
