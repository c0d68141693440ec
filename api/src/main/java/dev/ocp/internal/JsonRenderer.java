package dev.ocp.internal;

import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;

import java.io.IOException;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Renders a tree as JSON, one object per node:
 * {@code {"type":"paragraph","span":[0,8],...fields...,"children":[...]}}. The shape is specified in
 * {@code docs/ocp-format.md} ("JSON rendering"). Compact (no insignificant whitespace), strings escaped
 * as RFC 8259 requires, malformed UTF-8 decoded as U+FFFD.
 *
 * <p>A {@link TreeWalk}, like {@link HtmlRenderer}: iterative and stackless, so depth costs nothing.
 */
public final class JsonRenderer extends TreeWalk {
    private static final String[] TYPES = new String[NodeKind.values().length];
    private static final String[] DIALECTS = {"commonmark", "gfm", "mdx"};
    private static final String[] ATTRIBUTE_KINDS = {"unknown", "plain", "expression", "boolean", "spread"};
    private static final String[] ALIGNMENTS = {null, "left", "center", "right"};

    static {
        for (NodeKind k : NodeKind.values()) {
            TYPES[k.ordinal()] = camelCase(k.name());
        }
    }

    private final Output out;

    private JsonRenderer(OcpCursor cursor, Output out) {
        super(new Nodes(cursor), 2); // one walk: each node entered once, climbed back to at most once
        this.out = out;
    }

    /**
     * Renders the node under the cursor and its subtree (the whole document when the cursor is on the
     * root) as one JSON object. The cursor does not move.
     *
     * @param root a cursor on the node to render
     * @param out  where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        write(root, new Output(out));
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} into a string, copying the characters once.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @return the JSON
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes) {
        // JSON spells out every field of every node, about twice a payload's size.
        return Output.collect(2 * payloadBytes, output -> write(root, output));
    }

    private static void write(OcpCursor root, Output output) throws IOException {
        // One read for the whole walk, paused while the caller's Appendable has the text (so that a close
        // from there cannot wait for the walk) and checked before the text is handed over.
        output.beginRead(ReadGuard.of(root.document()));
        try {
            JsonRenderer r = new JsonRenderer(root, output);
            r.walk(root.index());
            output.flush();
        } finally {
            output.endRead();
        }
    }

    /** {@code MDX_JSX_FLOW} becomes {@code mdxJsxFlow}: the JSON type of each kind. */
    static String camelCase(String enumName) {
        StringBuilder sb = new StringBuilder(enumName.length());
        boolean upper = false;
        for (int i = 0; i < enumName.length(); i++) {
            char c = enumName.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The JSON {@code type} of a kind (for documentation and tests). */
    static String typeName(NodeKind kind) {
        return TYPES[kind.ordinal()];
    }

    /** Writes the node's object up to the opening of its children array; returns whether to walk them. */
    @Override
    boolean enter(int n) throws IOException {
        int code = t.kind(n);
        NodeKind kind = NodeKind.fromCode(code);
        out.raw("{\"type\":\"");
        out.raw(kind == null ? "unknown" : TYPES[kind.ordinal()]);
        out.ch('"');
        if (kind == null) {
            out.raw(",\"code\":");
            out.unsigned(code);
        }
        out.raw(",\"span\":[");
        out.unsigned(t.spanStart(n));
        out.ch(',');
        out.unsigned(t.spanEnd(n));
        out.ch(']');
        if (kind != null) {
            fields(n, kind);
        }
        out.raw(",\"children\":[");
        return kind != null; // a later minor's kind is shown, but not its subtree, whose meaning is unknown
    }

    /** Each node's object ends after its children array; sibling objects are separated by commas. */
    @Override
    void exit(int n) throws IOException {
        out.raw("]}");
    }

    @Override
    void betweenSiblings() throws IOException {
        out.ch(',');
    }

    private void fields(int n, NodeKind kind) throws IOException {
        int flags = t.flags(n);
        int data = t.data(n);
        switch (kind) {
            case DOCUMENT:
                int dialect = t.layout.dialect();
                string("dialect", dialect < DIALECTS.length ? DIALECTS[dialect] : null);
                name("extensions");
                out.ch('[');
                int bits = t.layout.headerFlags() | (dialect == 1 ? Extension.GFM.bit() : 0);
                boolean first = true;
                for (Extension e : Extension.values()) {
                    if ((bits & e.bit()) != 0) {
                        out.raw(first ? "\"" : ",\"");
                        out.raw(e.id());
                        out.ch('"');
                        first = false;
                    }
                }
                out.ch(']');
                break;
            case HEADING:
                number("level", data);
                bool("setext", (flags & FLAG_HEADING_SETEXT) != 0);
                break;
            case LIST: {
                boolean ordered = (flags & FLAG_LIST_ORDERED) != 0;
                bool("ordered", ordered);
                bool("tight", (flags & FLAG_LIST_TIGHT) != 0);
                marker("marker", data);
                name("start");
                if (ordered) {
                    out.unsigned(t.slot(n, 0));
                } else {
                    out.raw("null");
                }
                break;
            }
            case LIST_ITEM:
                bool("task", (flags & FLAG_ITEM_TASK) != 0);
                bool("checked", (flags & FLAG_ITEM_CHECKED) != 0);
                break;
            case CODE_BLOCK: {
                boolean fenced = (flags & FLAG_CODE_FENCED) != 0;
                bool("fenced", fenced);
                if (fenced) {
                    marker("marker", data);
                } else {
                    string("marker", null);
                }
                ref("info", t.slot(n, 1));
                ref("literal", t.slot(n, 0));
                break;
            }
            case HTML_BLOCK:
                number("condition", data);
                ref("literal", t.slot(n, 0));
                break;
            case DEFINITION:
                ref("destination", t.slot(n, 0));
                ref("title", t.slot(n, 1));
                ref("label", t.slot(n, 2));
                break;
            case TABLE_ROW:
                bool("header", (flags & FLAG_TABLE_HEADER) != 0);
                break;
            case TABLE_CELL:
                bool("header", (flags & FLAG_TABLE_HEADER) != 0);
                string("align", data < ALIGNMENTS.length ? ALIGNMENTS[data] : null);
                break;
            case FOOTNOTE_DEFINITION:
            case FOOTNOTE_REFERENCE:
                ref("label", t.slot(n, 2));
                break;
            case FRONTMATTER:
                string("format", data == FRONTMATTER_YAML ? "yaml" : data == FRONTMATTER_TOML ? "toml" : null);
                ref("literal", t.slot(n, 0));
                break;
            case MATH_BLOCK:
                ref("literal", t.slot(n, 0));
                ref("meta", t.slot(n, 1));
                break;
            case MDX_JSX_FLOW:
            case MDX_JSX_TEXT:
                ref("name", t.slot(n, 0));
                attributes(t.slot(n, 1), t.slot(n, 2));
                break;
            case MDX_EXPRESSION_FLOW:
            case MDX_EXPRESSION_TEXT:
            case MDX_ESM:
            case TEXT:
            case CODE_SPAN:
            case HTML_INLINE:
            case MATH_INLINE:
                ref("literal", t.slot(n, 0));
                break;
            case EMPHASIS:
            case STRONG:
                marker("marker", data);
                break;
            case LINK:
                ref("destination", t.slot(n, 0));
                ref("title", t.slot(n, 1));
                string("autolink", (flags & FLAG_LINK_AUTOLINK) != 0 ? "angle"
                        : (flags & FLAG_LINK_LITERAL) != 0 ? "literal" : null);
                reference(n, flags);
                break;
            case IMAGE:
                ref("destination", t.slot(n, 0));
                ref("title", t.slot(n, 1));
                reference(n, flags);
                break;
            default:
                break; // no fields beyond type, span and children
        }
    }

    private void attributes(int first, int count) throws IOException {
        name("attributes");
        out.ch('[');
        long c = Integer.toUnsignedLong(count);
        if (c > 0) {
            long f = Integer.toUnsignedLong(first);
            if (first == NONE || f + c > Integer.toUnsignedLong(t.layout.attrCount())) {
                throw PayloadLayout.corrupt("attributes " + f + "+" + c + " lie outside the attribute table");
            }
            for (long j = f; j < f + c; j++) {
                if (j > f) {
                    out.ch(',');
                }
                int r = t.layout.attrRecord((int) j);
                int kind = t.buf.get(r + A_KIND) & 0xFF;
                out.raw("{\"kind\":\"");
                out.raw(ATTRIBUTE_KINDS[kind < ATTRIBUTE_KINDS.length ? kind : 0]);
                out.raw("\",\"name\":");
                value(t.buf.getInt(r + A_NAME));
                out.raw(",\"value\":");
                value(t.buf.getInt(r + A_VALUE));
                out.raw(",\"span\":[");
                out.unsigned(t.buf.getInt(r + A_SPAN_START));
                out.ch(',');
                out.unsigned(t.buf.getInt(r + A_SPAN_END));
                out.raw("]}");
            }
        }
        out.ch(']');
    }

    private void name(String name) throws IOException {
        out.raw(",\"");
        out.raw(name);
        out.raw("\":");
    }

    private void bool(String name, boolean value) throws IOException {
        name(name);
        out.raw(value ? "true" : "false");
    }

    private void number(String name, int value) throws IOException {
        name(name);
        out.unsigned(value);
    }

    private static final String[] REFERENCES = {null, "full", "collapsed", "shortcut"};

    /** A link's or image's {@code reference} form and {@code label} (v1.2; {@code null} when not a reference). */
    private void reference(int n, int flags) throws IOException {
        int form = t.layout.minor() >= 2 ? (flags & FLAG_REFERENCE_MASK) / FLAG_REFERENCE_FULL : 0;
        string("reference", REFERENCES[form]);
        ref("label", form == 0 ? NONE : t.slot(n, 2));
    }

    private void string(String name, String value) throws IOException {
        name(name);
        out.jsonString(value);
    }

    /** A one-character string from a {@code data} byte such as a list marker or a fence. */
    private void marker(String name, int data) throws IOException {
        name(name);
        out.ch('"');
        out.escaped((char) data, Output.JSON);
        out.ch('"');
    }

    private void ref(String name, int ref) throws IOException {
        name(name);
        value(ref);
    }

    private void value(int ref) throws IOException {
        if (ref == NONE) {
            out.raw("null");
        } else {
            out.ch('"');
            out.utf8(t.buf, t.stringStart(ref), t.stringLength(ref), Output.JSON);
            out.ch('"');
        }
    }
}
