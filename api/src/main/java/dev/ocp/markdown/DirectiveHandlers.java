package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

import java.util.Map;

/**
 * The handlers of directives (extension {@code directive}): a container's fence lines around its blocks, a leaf's
 * line, a text directive in its paragraph; each with its name, its label in brackets and its attributes in braces,
 * written from the attributes as {@link OcpNode#directiveAttributes()} folds them (as mdast-util-directive writes
 * them: {@code #id}, {@code .class}, then {@code key="value"}).
 */
final class DirectiveHandlers {
    private DirectiveHandlers() {
    }

    /** A container directive: its opening fence (with the label, written when its paragraph is left), its blocks, a closing fence. */
    static final class Container {
        private Container() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            f.closeCount = fence(w, node);
            w.look.moveTo(node.index());
            boolean labelled = w.look.toFirstChild() && w.look.isDirectiveLabel();
            if (!labelled) {
                w.line(opening(f.closeCount, node, null, false));
            }
            return node.hasChildren();
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.line(":".repeat(f.closeCount));
            return true;
        }

        /** The label paragraph is left: the opening fence with it. */
        static void label(MarkdownWriter w, Frame container, OcpNode directive, Bytes label) {
            w.line(opening(container.closeCount, directive, label, true)); // [] too: an empty label is a label
        }
    }

    /** A leaf directive: one line. */
    static final class Leaf {
        private Leaf() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf++;
            w.inline.setLength(0);
            f.mark = w.inline.n;
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf--;
            // A label cannot cross lines in a leaf: line endings become spaces.
            for (int i = 0; i < w.inline.n; i++) {
                if (w.inline.a[i] == '\n' || w.inline.a[i] == '\r') {
                    w.inline.a[i] = ' ';
                }
            }
            Bytes line = opening(2, node, w.inline, false);
            w.inline.setLength(0);
            w.line(line);
            return true;
        }
    }

    /** A text directive: {@code :name[label]{attributes}}; the brackets are always written, so that a colon or a
     * name character after it cannot change it. */
    static final class Text {
        private Text() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.inline.add(':');
            w.inline.utf8(node.directiveName() == null ? "" : node.directiveName());
            w.inline.add('[');
            f.mark = w.inline.n;
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.inline.add(']');
            w.inline.utf8(attributes(node.directiveAttributes(), false));
            return true;
        }
    }

    private static Bytes opening(int colons, OcpNode node, Bytes label, boolean brackets) {
        Bytes b = new Bytes(64);
        for (int i = 0; i < colons; i++) {
            b.add(':');
        }
        b.utf8(node.directiveName() == null ? "" : node.directiveName());
        if (label != null && (label.n > 0 || brackets)) {
            b.add('[');
            b.add(label);
            b.add(']');
        }
        b.utf8(attributes(node.directiveAttributes(), true));
        return b;
    }

    /**
     * The fence of a container directive: longer than any container's nested in it and than any line of colons its
     * literals (code, HTML, math) hold, which would close it. Counted generously (the depth of nesting is added to
     * both), which keeps the tree and needs one pass over the subtree.
     */
    private static int fence(MarkdownWriter w, OcpNode node) {
        int end;
        w.look.moveTo(node.index());
        end = w.look.subtreeEnd();
        int[] ends = new int[8];
        int open = 0;
        int depth = 0;
        int longestRun = 0;
        for (int i = node.index() + 1; i < end; i++) {
            while (open > 0 && ends[open - 1] <= i) {
                open--;
            }
            w.look.moveTo(i);
            NodeKind k = w.look.kind();
            if (k == NodeKind.CONTAINER_DIRECTIVE) {
                if (open == ends.length) {
                    ends = java.util.Arrays.copyOf(ends, open * 2);
                }
                ends[open++] = w.look.subtreeEnd();
                depth = Math.max(depth, open);
            } else if (k == NodeKind.CODE_BLOCK || k == NodeKind.HTML_BLOCK || k == NodeKind.MATH_BLOCK
                    || k == NodeKind.MDX_ESM || k == NodeKind.MDX_EXPRESSION_FLOW) {
                longestRun = Math.max(longestRun, colonLine(w.look.literal()));
            }
        }
        return Math.max(3, longestRun + 1) + depth;
    }

    /** The longest run of colons that starts a line of {@code text} (after spaces and tabs). */
    private static int colonLine(String text) {
        int longest = 0;
        if (text == null) {
            return 0;
        }
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            int run = 0;
            while (i < text.length() && text.charAt(i) == ':') {
                run++;
                i++;
            }
            longest = Math.max(longest, run);
            int nl = text.indexOf('\n', i);
            i = nl < 0 ? text.length() : nl + 1;
        }
        return longest;
    }

    /**
     * {@code {#id .a .b key="value"}} in the order of the attributes (so that the HTML's attribute order stays), or
     * nothing without attributes.
     */
    static String attributes(Map<String, String> attributes, boolean block) {
        if (attributes.isEmpty()) {
            return "";
        }
        StringBuilder all = new StringBuilder("{");
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String part;
            if (key.equals("id") && isShortcut(value)) {
                part = "#" + value;
            } else if (key.equals("class") && !value.isEmpty()) {
                StringBuilder classes = new StringBuilder();
                StringBuilder full = new StringBuilder();
                for (String c : value.split("[\t\n\r ]+", -1)) {
                    if (isShortcut(c)) {
                        classes.append('.').append(c);
                    } else {
                        full.append(full.length() == 0 ? "" : " ").append(c);
                    }
                }
                // A class that cannot be a shortcut (empty between two spaces, or with a quote) keeps the value whole.
                part = full.length() == 0 ? classes.toString() : quoted(key, value, block);
            } else {
                part = quoted(key, value, block);
            }
            all.append(all.length() == 1 ? "" : " ").append(part);
        }
        return all.append('}').toString();
    }

    /** What {@code #x} and {@code .x} can hold. */
    private static boolean isShortcut(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if ("\t\n\r \"#'.<=>`}".indexOf(value.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code key="value"}, the value's quotes, ampersands and (in a block's line) line endings as references. */
    private static String quoted(String key, String value, boolean block) {
        if (value.isEmpty()) {
            return key;
        }
        StringBuilder b = new StringBuilder(key).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("&quot;");
                case '&' -> b.append("&amp;");
                case '\n' -> b.append(block ? "&#xA;" : "\n");
                case '\r' -> b.append(block ? "&#xD;" : "\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
