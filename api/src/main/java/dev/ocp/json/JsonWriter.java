package dev.ocp.json;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.OcpNode.Field;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.KindSchema;
import dev.ocp.internal.Output;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.Rendering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Renders a tree as JSON, one object per node:
 * {@code {"type":"paragraph","span":[0,8],...fields...,"children":[...]}}. The shape is specified in
 * {@code docs/ocp-format.md} ("JSON rendering"). Compact (no insignificant whitespace), strings escaped
 * as RFC 8259 requires, malformed UTF-8 decoded as U+FFFD.
 *
 * <p>A visitor of the public walk ({@link OcpCursor#walk}), reading each node through {@link OcpNode}: iterative
 * and stackless, so depth costs nothing.
 */
final class JsonWriter extends Rendering {
    private static final String[] TYPES = new String[NodeKind.values().length];
    private static final String[] ALIGNMENTS = {null, "left", "center", "right"};
    private static final String[] REFERENCES = {null, "full", "collapsed", "shortcut"};

    static {
        for (NodeKind k : NodeKind.values()) {
            TYPES[k.ordinal()] = camelCase(k.name());
        }
    }

    private final Output out;
    /** The payload, whose strings are written from where they are. */
    private final ByteBuffer payload;
    /** The document's dialect and extensions, as the root's fields. */
    private final String dialect;
    private final Set<Extension> extensions;
    /** Whether the last call was an exit: the next enter is then a sibling's, after a comma. */
    private boolean afterSibling;

    private JsonWriter(OcpCursor cursor, Output out) {
        this.out = out;
        this.payload = DocumentMemory.payloadOf(cursor.document());
        String name;
        try {
            // The header's own name: "gfm" for CommonMark with GFM, which headers number apart (docs/ocp-format.md).
            name = PayloadLayout.of(payload).dialect() == dev.ocp.spi.OcpFormat.DIALECT_GFM ? "gfm"
                    : DIALECTS[cursor.dialect().ordinal()];
        } catch (dev.ocp.OcpException unknown) {
            name = null; // a dialect of a newer minor version
        }
        this.dialect = name;
        this.extensions = cursor.extensions();
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
        write(root, new Output(out).pausing(root.document()));
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
        new JsonWriter(root, output).walk(root);
        output.flush();
    }

    /** Each dialect's and attribute kind's name in lower case, as JSON writes it: made once, not per rendering. */
    private static final String[] DIALECTS = lowerCaseNames(Dialect.values());
    private static final String[] ATTRIBUTE_KINDS = lowerCaseNames(OcpNode.AttributeKind.values());

    private static String[] lowerCaseNames(Enum<?>[] constants) {
        String[] names = new String[constants.length];
        for (Enum<?> constant : constants) {
            names[constant.ordinal()] = constant.name().toLowerCase(Locale.ROOT);
        }
        return names;
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
    protected boolean enterNode(OcpNode node) throws IOException {
        if (afterSibling) {
            out.ch(',');
            afterSibling = false;
        }
        NodeKind kind = node.kind();
        out.raw("{\"type\":\"");
        out.raw(kind == null ? "unknown" : TYPES[kind.ordinal()]);
        out.ch('"');
        if (kind == null) {
            out.raw(",\"code\":");
            out.unsigned(node.kindCode());
        }
        out.raw(",\"span\":[");
        out.unsigned(node.spanStart());
        out.ch(',');
        out.unsigned(node.spanEnd());
        out.ch(']');
        if (kind != null) {
            fields(node, kind);
        }
        out.raw(",\"children\":[");
        return kind != null; // a later minor's kind is shown, but not its subtree, whose meaning is unknown
    }

    /** Each node's object ends after its children array; sibling objects are separated by commas. */
    @Override
    protected void exitNode(OcpNode node) throws IOException {
        out.raw("]}");
        afterSibling = true;
    }

    /**
     * Writes the kind's fields. The names of those a slot or a flag holds come from the kind schema; the rest (from
     * {@code data}, or several fields at once) are written here.
     */
    private void fields(OcpNode node, NodeKind kind) throws IOException {
        KindSchema.Kind s = KindSchema.of(kind);
        boolean written = switch (kind) {
            case DOCUMENT -> {
                string("dialect", dialect);
                name("extensions");
                out.ch('[');
                boolean first = true;
                for (Extension e : Extension.values()) {
                    if (extensions.contains(e)) {
                        out.raw(first ? "\"" : ",\"");
                        out.raw(e.id());
                        out.ch('"');
                        first = false;
                    }
                }
                out.ch(']');
                yield true;
            }
            case THEMATIC_BREAK, HARD_BREAK -> {
                if (node.marker() != 0) {
                    marker(node.marker());
                } else {
                    string("marker", null);
                }
                yield true;
            }
            case HEADING -> {
                number("level", node.headingLevel());
                flag(s, FLAG_HEADING_SETEXT, node.isSetextHeading());
                slot(node, s.b()); // id (v1.6)
                yield true;
            }
            case LIST -> {
                boolean ordered = node.isOrderedList();
                flag(s, FLAG_LIST_ORDERED, ordered);
                flag(s, FLAG_LIST_TIGHT, node.isTightList());
                marker(node.marker());
                name("start");
                if (ordered) {
                    out.unsigned((int) node.listStart());
                } else {
                    out.raw("null");
                }
                flag(s, FLAG_LIST_SPREAD, node.isSpread());
                yield true;
            }
            case LIST_ITEM -> {
                flag(s, FLAG_ITEM_TASK, node.isTask());
                flag(s, FLAG_ITEM_CHECKED, node.isChecked());
                flag(s, FLAG_ITEM_SPREAD, node.isSpread());
                yield true;
            }
            case CODE_BLOCK -> {
                boolean fenced = node.isFencedCode();
                flag(s, FLAG_CODE_FENCED, fenced);
                if (fenced) {
                    marker(node.marker());
                } else {
                    string("marker", null);
                }
                slot(node, s.b());
                slot(node, s.a());
                flag(s, FLAG_CODE_UNCLOSED, node.isUnclosed());
                yield true;
            }
            case HTML_BLOCK -> {
                number("condition", node.htmlBlockCondition());
                slot(node, s.a());
                flag(s, FLAG_HTML_UNCLOSED, node.isUnclosed());
                yield true;
            }
            case DEFINITION, CODE_SPAN, MATH_INLINE, MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT, MDX_ESM, TEXT,
                 HTML_INLINE, FOOTNOTE_DEFINITION, FOOTNOTE_REFERENCE -> slots(node, s);
            case TABLE_ROW -> {
                flag(s, FLAG_TABLE_HEADER, node.isTableHeader());
                yield true;
            }
            case TABLE_CELL -> {
                flag(s, FLAG_TABLE_HEADER, node.isTableHeader());
                string("align", ALIGNMENTS[node.alignment().ordinal()]);
                yield true;
            }
            case FRONTMATTER -> {
                string("format", node.frontmatterFormat());
                yield slots(node, s);
            }
            case MATH_BLOCK -> {
                slots(node, s);
                flag(s, FLAG_MATH_UNCLOSED, node.isUnclosed());
                yield true;
            }
            case MDX_JSX_FLOW, MDX_JSX_TEXT, CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                slots(node, s);
                attributes(node);
                yield true;
            }
            case PARAGRAPH -> {
                if (node.isDirectiveLabel()) {
                    flag(s, FLAG_PARAGRAPH_DIRECTIVE_LABEL, true); // only when set: paragraphs stay as they were
                }
                yield true;
            }
            case EMPHASIS, STRONG -> {
                marker(node.marker());
                yield true;
            }
            case LINK -> {
                slot(node, s.a());
                slot(node, s.b());
                string("autolink", node.isAutolinkLiteral() ? "literal" : node.isAutolink() ? "angle" : null);
                reference(node, s);
                yield true;
            }
            case IMAGE -> {
                slot(node, s.a());
                slot(node, s.b());
                reference(node, s);
                yield true;
            }
            case ALERT -> {
                OcpNode.AlertType type = node.alertType();
                string("alertType", type == null ? null : type.id());
                yield true;
            }
            case BLOCK_QUOTE, TABLE, SOFT_BREAK, STRIKETHROUGH -> true; // type, span and children only
        };
        assert written;
    }

    /** The string slots a, b, c that the JSON rendering shows, in that order, by their schema names. */
    private boolean slots(OcpNode node, KindSchema.Kind s) throws IOException {
        shown(node, s.a());
        shown(node, s.b());
        shown(node, s.c());
        return true;
    }

    private void shown(OcpNode node, KindSchema.Slot slot) throws IOException {
        if (slot.json() != null && slot.field() != null) {
            slot(node, slot);
        }
    }

    /** A string slot, by its schema name. */
    private void slot(OcpNode node, KindSchema.Slot slot) throws IOException {
        bytes(slot.json(), node, slot.field());
    }

    /** A boolean field a flag bit holds, by the flag's schema name. */
    private void flag(KindSchema.Kind s, int bits, boolean value) throws IOException {
        bool(s.flagJson(bits), value);
    }

    private void attributes(OcpNode node) throws IOException {
        name("attributes");
        out.ch('[');
        int count = node.attributeCount();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.ch(',');
            }
            out.raw("{\"kind\":\"");
            out.raw(ATTRIBUTE_KINDS[node.attributeKind(i).ordinal()]);
            out.raw("\",\"name\":");
            out.jsonString(node.attributeName(i));
            out.raw(",\"value\":");
            out.jsonString(node.attributeValue(i));
            out.raw(",\"span\":[");
            out.unsigned(node.attributeSpanStart(i));
            out.ch(',');
            out.unsigned(node.attributeSpanEnd(i));
            out.raw("]}");
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

    /** A link's or image's {@code reference} form and {@code label} ({@code null} when not a reference). */
    private void reference(OcpNode node, KindSchema.Kind s) throws IOException {
        OcpNode.ReferenceType type = node.referenceType();
        string("reference", type == null ? null : REFERENCES[type.ordinal() + 1]);
        slot(node, s.c());
    }

    private void string(String name, String value) throws IOException {
        name(name);
        out.jsonString(value);
    }

    /** A one-character string such as a list marker or a fence. */
    private void marker(char marker) throws IOException {
        name("marker");
        out.ch('"');
        out.escaped(marker, Output.JSON);
        out.ch('"');
    }

    /** A string field written from the payload's bytes, in place, or {@code null}. */
    private void bytes(String name, OcpNode node, Field field) throws IOException {
        name(name);
        int at = node.stringOffset(field);
        if (at < 0) {
            out.raw("null");
        } else {
            out.ch('"');
            out.utf8(payload, at, PayloadLayout.lengthOfStringAt(payload, at), Output.JSON);
            out.ch('"');
        }
    }
}
