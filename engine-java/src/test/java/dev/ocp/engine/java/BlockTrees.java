package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;

import java.nio.charset.StandardCharsets;

import static dev.ocp.spi.OcpFormat.FLAG_CODE_FENCED;
import static dev.ocp.spi.OcpFormat.FLAG_HEADING_SETEXT;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_ORDERED;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_TIGHT;

/**
 * Writes the block structure of a document as a compact line of text, so that block tests state the whole tree
 * they expect and do not depend on the inline parser or the HTML renderer. Inline nodes are summarised per
 * leaf as the content the inline parser saw (text with soft breaks as {@code \n}) and the span it covered.
 */
final class BlockTrees {
    private static final OcpEngine ENGINE = Ocp.engine("java");

    private BlockTrees() {
    }

    static OcpEngine engine() {
        return ENGINE;
    }

    /** Parses {@code markdown} with the default options and dumps its blocks. */
    static String blocks(String markdown) {
        return blocks(markdown, ParseOptions.defaults());
    }

    /** Parses {@code markdown} with {@code options} and dumps its blocks. */
    static String blocks(String markdown, ParseOptions options) {
        try (OcpDocument doc = ENGINE.parse(markdown, options)) {
            StringBuilder out = new StringBuilder();
            OcpCursor root = doc.cursor();
            dumpChildren(root, out);
            return out.toString();
        }
    }

    /**
     * One node per entry: {@code KIND@start-end} with per-kind details in parentheses, children in braces.
     * Headings: level and {@code setext}; lists: marker, {@code ordered} with start, {@code tight} or
     * {@code loose}; code: {@code fenced} with fence byte and info, literal; HTML: start condition, literal.
     */
    private static void dump(OcpCursor c, StringBuilder out) {
        NodeKind kind = c.kind();
        out.append(kind).append('@').append(c.spanStart()).append('-').append(c.spanEnd());
        int flags = c.flags();
        switch (kind) {
            case HEADING:
                out.append('(').append(c.headingLevel());
                if ((flags & FLAG_HEADING_SETEXT) != 0) {
                    out.append(",setext");
                }
                out.append(')');
                break;
            case LIST:
                out.append('(').append((char) c.data());
                if ((flags & FLAG_LIST_ORDERED) != 0) {
                    out.append(",ordered,start=").append(c.listStart());
                }
                out.append((flags & FLAG_LIST_TIGHT) != 0 ? ",tight)" : ",loose)");
                break;
            case CODE_BLOCK:
                out.append('(');
                if ((flags & FLAG_CODE_FENCED) != 0) {
                    out.append("fenced ").append((char) c.data()).append(',');
                    if (c.info() != null) {
                        out.append("info=").append(quote(c.info())).append(',');
                    }
                }
                out.append(quote(c.literal())).append(')');
                break;
            case HTML_BLOCK:
                out.append('(').append(c.data()).append(',').append(quote(c.literal())).append(')');
                break;
            default:
                break;
        }
        if (kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING) {
            inline(c, out);
        } else if (c.hasChildren()) {
            out.append('{');
            dumpChildren(c, out);
            out.append('}');
        }
    }

    private static void dumpChildren(OcpCursor parent, StringBuilder out) {
        OcpCursor child = parent.copy();
        if (!child.toFirstChild()) {
            return;
        }
        boolean first = true;
        do {
            if (!first) {
                out.append(' ');
            }
            first = false;
            dump(child, out);
        } while (child.toNextSibling());
    }

    /**
     * {@code [text]@start-end}: the leaf's inline content as text, and the span its inline nodes cover; {@code []}
     * when empty.
     */
    private static void inline(OcpCursor leaf, StringBuilder out) {
        OcpCursor c = leaf.copy();
        if (!c.toFirstChild()) {
            out.append("[]");
            return;
        }
        StringBuilder text = new StringBuilder();
        int start = c.spanStart();
        int end;
        do {
            appendText(c, text);
            end = c.spanEnd();
        } while (c.toNextSibling());
        if (text.length() == 0) {
            // Whether empty content yields no inline node or an empty one is the inline parser's business.
            out.append("[]");
            return;
        }
        out.append('[').append(quote(text.toString())).append("]@").append(start).append('-').append(end);
    }

    /** Text of an inline subtree: literals, soft breaks as {@code \n}, no markup. */
    private static void appendText(OcpCursor c, StringBuilder text) {
        NodeKind k = c.kind();
        if (k == NodeKind.SOFT_BREAK || k == NodeKind.HARD_BREAK) {
            text.append('\n');
            return;
        }
        String literal = c.literal();
        if (literal != null) {
            text.append(literal);
        }
        OcpCursor child = c.copy();
        if (child.toFirstChild()) {
            do {
                appendText(child, text);
            } while (child.toNextSibling());
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\n':
                    b.append("\\n");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case '"':
                    b.append("\\\"");
                    break;
                default:
                    b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
