package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;
import dev.ocp.engine.java.block.Definition;
import dev.ocp.spi.OcpFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives {@link InlineParser} without the block parser: the input is split into paragraphs at blank lines
 * (each line's leading whitespace and the last line's trailing whitespace removed, as the block parser does),
 * definitions are taken off each paragraph's start, then the paragraphs are parsed as inlines. The source map
 * is exact, so spans can be checked against the input.
 */
final class InlineHarness {
    final byte[] src;
    final TreeBuilder tree;
    final InlineParser inline;
    final int doc;
    /** Paragraph nodes in order (a paragraph emptied by definitions is removed from the tree but listed). */
    final List<Integer> paragraphs = new ArrayList<>();

    private InlineHarness(byte[] markdown, ParseOptions options, TreeBuilder tree) {
        src = markdown;
        this.tree = tree;
        tree.reset(options.maxNodes());
        doc = tree.newNode(NodeKind.DOCUMENT, 0, src.length);
        inline = new InlineParser(tree, options);
    }

    static InlineHarness parse(String markdown) {
        return parse(markdown, ParseOptions.defaults());
    }

    static InlineHarness parse(String markdown, ParseOptions options) {
        return parse(markdown.getBytes(StandardCharsets.UTF_8), options, new TreeBuilder());
    }

    /** Parses into {@code tree} (reset first), so repeated runs reuse its grown arrays. */
    static InlineHarness parse(byte[] markdown, ParseOptions options, TreeBuilder tree) {
        InlineHarness h = new InlineHarness(markdown, options, tree);
        h.run();
        return h;
    }

    /** Content of one paragraph and, per content byte, its source offset. */
    private static final class Content implements SourceMap {
        final byte[] buf;
        final int[] offsets; // length + 1 entries
        final int length;

        Content(byte[] buf, int[] offsets, int length) {
            this.buf = buf;
            this.offsets = offsets;
            this.length = length;
        }

        @Override
        public int toSource(int contentIndex) {
            return offsets[contentIndex];
        }
    }

    private void run() {
        List<Content> blocks = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        int i = 0;
        int n = src.length;
        while (i < n) {
            // Collect the lines of one paragraph.
            byte[] buf = new byte[n + 1];
            int[] off = new int[n + 2];
            int len = 0;
            int paraStart = -1;
            while (i < n) {
                int lineEnd = i;
                while (lineEnd < n && src[lineEnd] != '\n') {
                    lineEnd++;
                }
                int s = i;
                while (s < lineEnd && (src[s] == ' ' || src[s] == '\t')) {
                    s++;
                }
                if (s == lineEnd) { // blank line
                    i = lineEnd + 1;
                    if (len > 0) {
                        break;
                    }
                    continue;
                }
                if (paraStart < 0) {
                    paraStart = s;
                }
                if (len > 0) {
                    off[len] = i - 1;
                    buf[len++] = '\n';
                }
                for (int k = s; k < lineEnd; k++) {
                    off[len] = k;
                    buf[len++] = src[k];
                }
                off[len] = lineEnd;
                i = lineEnd + 1;
            }
            if (len == 0) {
                continue;
            }
            int last = len;
            while (last > 0 && (buf[last - 1] == ' ' || buf[last - 1] == '\t') && buf[last - 1] != '\n') {
                last--;
            }
            // Keep the map's end entry just past the last kept byte.
            off[last] = off[last - 1] + 1;
            int p = tree.add(NodeKind.PARAGRAPH, doc, paraStart, off[last]);
            blocks.add(new Content(buf, off, last));
            nodes.add(p);
        }
        // Definitions first (the whole document's), then inlines.
        List<int[]> ranges = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Content c = blocks.get(b);
            int from = 0;
            int used;
            while (from < c.length && (used = Definition.parseDefinition(inline, c.buf, from, c.length - from, c, doc, nodes.get(b))) > 0) {
                from += used;
            }
            ranges.add(new int[]{from});
        }
        for (int b = 0; b < blocks.size(); b++) {
            Content c = blocks.get(b);
            int from = ranges.get(b)[0];
            int p = nodes.get(b);
            paragraphs.add(p);
            if (from >= c.length) {
                tree.unlink(doc, p);
                continue;
            }
            tree.setSpan(p, c.toSource(from), c.toSource(c.length));
            inline.parse(p, c.buf, from, c.length - from, c);
        }
    }

    // ---- inspection ----

    String string(int node, int slot) {
        int id = tree.slotValue(node, slot);
        if (id == OcpFormat.NONE) {
            return null;
        }
        byte[] b = new byte[tree.stringLength(id)];
        for (int k = 0; k < b.length; k++) {
            b[k] = tree.stringByte(id, k);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The source text a node spans. */
    String spanText(int node) {
        return new String(src, tree.spanStart(node), tree.spanEnd(node) - tree.spanStart(node), StandardCharsets.UTF_8);
    }

    NodeKind kind(int node) {
        return NodeKind.fromCode(tree.kind(node));
    }

    /**
     * A compact tree dump of the children of {@code parent} with adjacent TEXT merged, e.g.
     * {@code text("a") em(text("b"))}.
     */
    String dump(int parent) {
        StringBuilder sb = new StringBuilder();
        dump(parent, sb);
        return sb.toString();
    }

    String dump() {
        StringBuilder sb = new StringBuilder();
        for (int c = tree.firstChild(doc); c != TreeBuilder.NIL; c = tree.nextSibling(c)) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            if (kind(c) == NodeKind.DEFINITION) {
                sb.append("def(").append(string(c, 2)).append(" -> ").append(string(c, 0));
                if (string(c, 1) != null) {
                    sb.append(" \"").append(string(c, 1)).append('"');
                }
                sb.append(')');
            } else {
                dump(c, sb);
            }
        }
        return sb.toString();
    }

    private void dump(int parent, StringBuilder sb) {
        int c = tree.firstChild(parent);
        boolean firstOne = true;
        while (c != TreeBuilder.NIL) {
            if (!firstOne) {
                sb.append(' ');
            }
            firstOne = false;
            NodeKind k = kind(c);
            if (k == NodeKind.TEXT) {
                StringBuilder text = new StringBuilder();
                while (c != TreeBuilder.NIL && kind(c) == NodeKind.TEXT) {
                    text.append(string(c, 0));
                    c = tree.nextSibling(c);
                }
                sb.append("text(\"").append(text).append("\")");
                continue;
            }
            switch (k) {
                case SOFT_BREAK:
                    sb.append("soft");
                    break;
                case HARD_BREAK:
                    sb.append("hard");
                    break;
                case CODE_SPAN:
                    sb.append("code(\"").append(string(c, 0)).append("\")");
                    break;
                case HTML_INLINE:
                    sb.append("html(\"").append(string(c, 0)).append("\")");
                    break;
                case EMPHASIS:
                case STRONG:
                    sb.append(k == NodeKind.EMPHASIS ? "em" : "strong").append((char) tree.data(c)).append('(');
                    dump(c, sb);
                    sb.append(')');
                    break;
                case LINK:
                case IMAGE:
                    sb.append(k == NodeKind.LINK ? "link" : "image");
                    if ((tree.flags(c) & OcpFormat.FLAG_LINK_AUTOLINK) != 0) {
                        sb.append("[auto]");
                    }
                    sb.append('<').append(string(c, 0));
                    if (string(c, 1) != null) {
                        sb.append(" \"").append(string(c, 1)).append('"');
                    }
                    sb.append(">(");
                    dump(c, sb);
                    sb.append(')');
                    break;
                default:
                    sb.append(k);
            }
            c = tree.nextSibling(c);
        }
    }

    /** Every node of {@code kind} under the document, in pre-order. */
    List<Integer> nodes(NodeKind kind) {
        List<Integer> out = new ArrayList<>();
        collect(doc, kind, out);
        return out;
    }

    private void collect(int parent, NodeKind kind, List<Integer> out) {
        for (int c = tree.firstChild(parent); c != TreeBuilder.NIL; c = tree.nextSibling(c)) {
            if (kind(c) == kind) {
                out.add(c);
            }
            collect(c, kind, out);
        }
    }

    /** The only node of {@code kind}. */
    int single(NodeKind kind) {
        List<Integer> all = nodes(kind);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + all.size() + " in " + dump());
        }
        return all.get(0);
    }

    /** The source text each node of {@code kind} spans, in pre-order, joined by '|'. */
    String spans(NodeKind kind) {
        StringBuilder sb = new StringBuilder();
        for (int n : nodes(kind)) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(spanText(n));
        }
        return sb.toString();
    }
}
