package dev.ocp.markdown;

import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

/**
 * The handlers of MDX's nodes: JSX elements in flow and in text (their tags from {@link JsxWriter}), expressions,
 * and ESM, whose text is written as the payload holds it.
 */
final class MdxHandlers {
    private MdxHandlers() {
    }

    /** A JSX element in flow: its tags on lines of their own, its children indented between them. */
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
                w.pushPrefix(2);
                w.jsxIndents++;
            }
            return children;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            if (f.closeTag) {
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
            return false;
        }
    }

}
