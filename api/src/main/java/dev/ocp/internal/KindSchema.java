package dev.ocp.internal;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode.Field;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.ocp.spi.OcpFormat.*;

/**
 * What the format says about each node kind, written once: which of its slots hold strings or numbers and from which
 * minor version, its flag bits, what it holds and where it stands, what syntax it needs, and the names its fields
 * have in the JSON rendering. {@link NodeKind} keeps the public facts (number, block or inline); this table keeps
 * the rest, and the validator, the payload writer, the transform's content rules and the JSON renderer read it
 * instead of restating it. {@code docs/ocp-format.md} section 7 and {@code native/src/ocp_format.h} state the same
 * facts for readers of other languages; {@code KindSchemaAgreementTest} holds them to this table.
 *
 * <p>What a kind's {@code data} means, and the rules that tie fields together (a checked item is a task item, a
 * reference link's label is present exactly when it is one), stay with the validator: they are rules, not layout.
 */
public final class KindSchema {
    /** What a slot holds. */
    public enum Holds {
        /** Nothing: {@code NONE} in a payload of a minor that does not define it. */
        UNUSED,
        /** A string reference, or {@code NONE}. */
        STRING,
        /** A plain number. */
        NUMBER
    }

    /** What a node holds, and where a node stands: the same categories. */
    public enum Place {
        /** Block kinds. */
        BLOCKS,
        /** Inline kinds. */
        INLINES,
        /** {@code LIST_ITEM}s. */
        ITEMS,
        /** {@code TABLE_ROW}s. */
        ROWS,
        /** {@code TABLE_CELL}s. */
        CELLS,
        /** Nothing: a leaf. */
        NOTHING
    }

    /** The syntax a kind needs: an extension, the MDX dialect, or none. */
    public enum Needs {
        /** Every syntax has the kind. */
        NOTHING(null),
        /** The GFM extension. */
        GFM("the GFM extension"),
        /** The frontmatter extension. */
        FRONTMATTER("the frontmatter extension"),
        /** The math extension. */
        MATH("the math extension"),
        /** The alerts extension. */
        ALERTS("the alerts extension"),
        /** The MDX dialect. */
        MDX("the MDX dialect"),
        /** The directive extension. */
        DIRECTIVE("the directive extension");

        private final String description;

        Needs(String description) {
            this.description = description;
        }

        /**
         * How a message names it.
         *
         * @return for example "the GFM extension"; {@code null} for {@link #NOTHING}
         */
        public String description() {
            return description;
        }
    }

    /**
     * One of slots a, b, c.
     *
     * @param holds     what it holds
     * @param since     the minor version from which it holds it (before, it is {@code NONE})
     * @param when      flag bits that decide whether the slot is used, 0 when it always is
     * @param whenSet   whether it is used when some of {@code when} is set ({@code true}) or when none is
     * @param readAnyway whether readers take a string slot even when {@code when} says it is unused, so that it is
     *                  checked as a string then too
     * @param json      its field's name in the JSON rendering, {@code null} when that does not show it
     * @param field     the accessor readers take it through, for a string; {@code null} otherwise
     */
    public record Slot(Holds holds, int since, int when, boolean whenSet, boolean readAnyway, String json,
                       Field field) {
        static final Slot UNUSED = new Slot(Holds.UNUSED, 0, 0, true, false, null, null);

        static Slot string(String json, Field field) {
            return new Slot(Holds.STRING, 0, 0, true, false, json, field);
        }

        static Slot number() {
            return new Slot(Holds.NUMBER, 0, 0, true, false, null, null);
        }

        Slot since(int minor) {
            return new Slot(holds, minor, when, whenSet, readAnyway, json, field);
        }

        /** Used only when one of {@code flags} is set. */
        Slot onlyWith(int flags) {
            return new Slot(holds, since, flags, true, readAnyway, json, field);
        }

        /** Used only when none of {@code flags} is set. */
        Slot onlyWithout(int flags) {
            return new Slot(holds, since, flags, false, readAnyway, json, field);
        }

        Slot readEvenIfUnused() {
            return new Slot(holds, since, when, whenSet, true, json, field);
        }

        /** Not in the JSON rendering (the facts of v1.5, section 13). */
        Slot notInJson() {
            return new Slot(holds, since, when, whenSet, readAnyway, null, field);
        }

        /**
         * Whether a node with these flags uses the slot.
         *
         * @param flags the node's flags
         * @return whether the slot holds what {@link #holds()} says
         */
        public boolean usedWith(int flags) {
            return when == 0 || ((flags & when) != 0) == whenSet;
        }
    }

    /**
     * A flag bit, or a field of several bits, of a kind.
     *
     * @param constant its name in {@code OcpFormat} and, prefixed by {@code OCP_}, in {@code ocp_format.h}
     * @param bits     its bits
     * @param since    the minor version that defined it
     * @param json     its boolean field's name in the JSON rendering, {@code null} when it has none of its own
     * @param values   for a field of several bits, the names of its values (each an {@code OcpFormat} constant)
     */
    public record Flag(String constant, int bits, int since, String json, List<String> values) {
        static Flag bit(String constant, int bits, String json) {
            return new Flag(constant, bits, 0, json, List.of());
        }

        Flag since(int minor) {
            return new Flag(constant, bits, minor, json, values);
        }
    }

    /**
     * The facts of one kind.
     *
     * @param kind     the kind
     * @param flags    its flag bits, in bit order
     * @param a        slot a
     * @param b        slot b
     * @param c        slot c
     * @param contains what its children are
     * @param standsIn where it stands
     * @param needs    the syntax it needs
     * @param since    the minor version that defined the kind
     */
    public record Kind(NodeKind kind, List<Flag> flags, Slot a, Slot b, Slot c, Place contains, Place standsIn,
                       Needs needs, int since) {
        /**
         * The flag bits defined for a payload of a minor version.
         *
         * @param minor the payload's minor version
         * @return the bits
         */
        public int flagMask(int minor) {
            int mask = 0;
            for (Flag f : flags) {
                if (f.since() <= minor) {
                    mask |= f.bits();
                }
            }
            return mask;
        }

        /**
         * Which of slots a (1), b (2) and c (4) hold strings in some minor version.
         *
         * @return the bits
         */
        public int stringSlots() {
            return (a.holds() == Holds.STRING ? 1 : 0) | (b.holds() == Holds.STRING ? 2 : 0)
                    | (c.holds() == Holds.STRING ? 4 : 0);
        }

        /**
         * The JSON field name of this kind's flag of the given bits.
         *
         * @param bits a flag's bits, as in {@code OcpFormat}
         * @return the name
         * @throws IllegalArgumentException if the kind has no such flag, or it has no field of its own
         */
        public String flagJson(int bits) {
            for (Flag f : flags) {
                if (f.bits() == bits && f.json() != null) {
                    return f.json();
                }
            }
            throw new IllegalArgumentException(kind + " has no JSON field for flag bits " + bits);
        }

        Kind with(Flag... more) {
            return new Kind(kind, List.of(more), a, b, c, contains, standsIn, needs, since);
        }

        Kind slots(Slot newA, Slot newB, Slot newC) {
            return new Kind(kind, flags, newA, newB, newC, contains, standsIn, needs, since);
        }

        Kind holds(Place place) {
            return new Kind(kind, flags, a, b, c, place, standsIn, needs, since);
        }

        Kind standsIn(Place place) {
            return new Kind(kind, flags, a, b, c, contains, place, needs, since);
        }

        Kind needs(Needs syntax) {
            return new Kind(kind, flags, a, b, c, contains, standsIn, syntax, since);
        }

        Kind since(int minor) {
            return new Kind(kind, flags, a, b, c, contains, standsIn, needs, minor);
        }
    }

    private KindSchema() {
    }

    /**
     * The facts of a kind.
     *
     * @param kind a kind
     * @return its facts
     */
    public static Kind of(NodeKind kind) {
        return BY_ORDINAL[kind.ordinal()];
    }

    /**
     * The facts of every kind, in {@link NodeKind} order.
     *
     * @return a map by kind
     */
    public static Map<NodeKind, Kind> all() {
        Map<NodeKind, Kind> m = new EnumMap<>(NodeKind.class);
        for (NodeKind k : NodeKind.values()) {
            m.put(k, of(k));
        }
        return m;
    }

    /**
     * Whether nodes of a kind own a range of attribute records (slot b the first, slot c how many): MDX JSX
     * elements and directives.
     *
     * @param code a kind's number
     * @return whether they do
     */
    public static boolean ownsAttributes(int code) {
        return code == NodeKind.MDX_JSX_FLOW.code() || code == NodeKind.MDX_JSX_TEXT.code()
                || code == NodeKind.CONTAINER_DIRECTIVE.code() || code == NodeKind.LEAF_DIRECTIVE.code()
                || code == NodeKind.TEXT_DIRECTIVE.code();
    }

    // Shared descriptions, named as section 7.3 reads.
    private static final Slot LITERAL = Slot.string("literal", Field.LITERAL);
    private static final Slot DESTINATION = Slot.string("destination", Field.DESTINATION);
    private static final Slot TITLE = Slot.string("title", Field.TITLE);
    private static final Slot LABEL = Slot.string("label", Field.LABEL);
    /** CODE_SPAN and MATH_INLINE b (v1.3): the content with its line endings. */
    private static final Slot WITH_LINE_ENDINGS =
            Slot.string("literalWithLineEndings", Field.LITERAL_WITH_LINE_ENDINGS).since(3);
    /** v1.5: a source fact (section 7.4), a string not in the JSON rendering. */
    private static final Slot AS_WRITTEN = Slot.string(null, null).since(5);
    /** v1.5: a place in the source (section 7.4). */
    private static final Slot PLACE = Slot.number().since(5);
    private static final Flag TABLE_HEADER = Flag.bit("FLAG_TABLE_HEADER", FLAG_TABLE_HEADER, "header");
    private static final Flag REFERENCE = new Flag("FLAG_REFERENCE_MASK", FLAG_REFERENCE_MASK, 2, null,
            List.of("FLAG_REFERENCE_FULL", "FLAG_REFERENCE_COLLAPSED", "FLAG_REFERENCE_SHORTCUT"));
    /** LINK and IMAGE c (v1.2): the reference's label, exactly when the reference bits are set. */
    private static final Slot REFERENCE_LABEL = LABEL.since(2).onlyWith(FLAG_REFERENCE_MASK);

    // After the shared descriptions, which describe() reads.
    private static final Kind[] BY_ORDINAL = new Kind[NodeKind.values().length];

    static {
        for (NodeKind k : NodeKind.values()) {
            BY_ORDINAL[k.ordinal()] = describe(k);
        }
    }

    /** The table of section 7.3; a new kind fails to compile here until it is described. */
    private static Kind describe(NodeKind k) {
        Kind base = new Kind(k, List.of(), Slot.UNUSED, Slot.UNUSED, Slot.UNUSED, Place.NOTHING,
                k.isBlock() ? Place.BLOCKS : Place.INLINES, Needs.NOTHING, 0);
        return switch (k) {
            case DOCUMENT, BLOCK_QUOTE -> base.holds(Place.BLOCKS);
            case ALERT -> base.holds(Place.BLOCKS).needs(Needs.ALERTS).since(6);
            case PARAGRAPH -> base.with(Flag.bit("FLAG_PARAGRAPH_DIRECTIVE_LABEL", FLAG_PARAGRAPH_DIRECTIVE_LABEL,
                    "directiveLabel").since(6)).holds(Place.INLINES);
            case HEADING -> base.with(Flag.bit("FLAG_HEADING_SETEXT", FLAG_HEADING_SETEXT, "setext"))
                    .slots(PLACE, Slot.string("id", Field.HEADING_ID).since(6), Slot.UNUSED).holds(Place.INLINES);
            case THEMATIC_BREAK, SOFT_BREAK, HARD_BREAK -> base;
            case LIST -> base.with(Flag.bit("FLAG_LIST_ORDERED", FLAG_LIST_ORDERED, "ordered"),
                            Flag.bit("FLAG_LIST_TIGHT", FLAG_LIST_TIGHT, "tight"),
                            Flag.bit("FLAG_LIST_SPREAD", FLAG_LIST_SPREAD, "spread").since(3))
                    .slots(Slot.number().onlyWith(FLAG_LIST_ORDERED), Slot.UNUSED, Slot.UNUSED)
                    .holds(Place.ITEMS);
            case LIST_ITEM -> base.with(Flag.bit("FLAG_ITEM_TASK", FLAG_ITEM_TASK, "task"),
                            Flag.bit("FLAG_ITEM_CHECKED", FLAG_ITEM_CHECKED, "checked"),
                            Flag.bit("FLAG_ITEM_SPREAD", FLAG_ITEM_SPREAD, "spread").since(3))
                    .slots(PLACE, Slot.UNUSED, Slot.UNUSED).holds(Place.BLOCKS).standsIn(Place.ITEMS);
            case CODE_BLOCK -> base.with(Flag.bit("FLAG_CODE_FENCED", FLAG_CODE_FENCED, "fenced"),
                            Flag.bit("FLAG_CODE_UNCLOSED", FLAG_CODE_UNCLOSED, "unclosed").since(3))
                    // b, the info string, is read whatever the flag says; c: an indented block's trailing lines
                    .slots(LITERAL, Slot.string("info", Field.INFO).onlyWith(FLAG_CODE_FENCED).readEvenIfUnused(),
                            AS_WRITTEN.onlyWithout(FLAG_CODE_FENCED));
            case HTML_BLOCK -> base.with(Flag.bit("FLAG_HTML_UNCLOSED", FLAG_HTML_UNCLOSED, "unclosed").since(4))
                    .slots(LITERAL, Slot.UNUSED, Slot.UNUSED);
            case DEFINITION -> base.slots(DESTINATION, TITLE, LABEL);
            case TABLE -> base.holds(Place.ROWS).needs(Needs.GFM);
            case TABLE_ROW -> base.with(TABLE_HEADER).holds(Place.CELLS).standsIn(Place.ROWS).needs(Needs.GFM);
            case TABLE_CELL -> base.with(TABLE_HEADER).slots(PLACE, Slot.UNUSED, Slot.UNUSED).holds(Place.INLINES)
                    .standsIn(Place.CELLS).needs(Needs.GFM);
            case FOOTNOTE_DEFINITION -> base.slots(Slot.UNUSED, Slot.UNUSED, LABEL).holds(Place.BLOCKS)
                    .needs(Needs.GFM);
            case FRONTMATTER -> base.slots(LITERAL, Slot.UNUSED, Slot.UNUSED).needs(Needs.FRONTMATTER);
            case MATH_BLOCK -> base.with(Flag.bit("FLAG_MATH_UNCLOSED", FLAG_MATH_UNCLOSED, "unclosed").since(3))
                    .slots(LITERAL, Slot.string("meta", Field.INFO), Slot.UNUSED).needs(Needs.MATH);
            case MDX_JSX_FLOW -> jsx(base).holds(Place.BLOCKS);
            case MDX_JSX_TEXT -> jsx(base).holds(Place.INLINES);
            case MDX_EXPRESSION_FLOW, MDX_ESM, MDX_EXPRESSION_TEXT ->
                    base.slots(LITERAL, Slot.UNUSED, Slot.UNUSED).needs(Needs.MDX);
            case TEXT -> base.slots(LITERAL, Slot.UNUSED, Slot.UNUSED);
            case CODE_SPAN -> base.slots(LITERAL, WITH_LINE_ENDINGS, AS_WRITTEN);
            case MATH_INLINE -> base.slots(LITERAL, WITH_LINE_ENDINGS, AS_WRITTEN).needs(Needs.MATH);
            case EMPHASIS, STRONG -> base.holds(Place.INLINES);
            case LINK -> base.with(Flag.bit("FLAG_LINK_AUTOLINK", FLAG_LINK_AUTOLINK, null),
                            Flag.bit("FLAG_LINK_LITERAL", FLAG_LINK_LITERAL, null), REFERENCE)
                    .slots(DESTINATION, TITLE, REFERENCE_LABEL).holds(Place.INLINES);
            case IMAGE -> base.with(REFERENCE).slots(DESTINATION, TITLE, REFERENCE_LABEL).holds(Place.INLINES);
            case HTML_INLINE -> base.slots(LITERAL, Slot.UNUSED, AS_WRITTEN);
            case STRIKETHROUGH -> base.holds(Place.INLINES).needs(Needs.GFM);
            case FOOTNOTE_REFERENCE -> base.slots(Slot.UNUSED, Slot.UNUSED, LABEL).needs(Needs.GFM);
            case CONTAINER_DIRECTIVE -> directive(base).holds(Place.BLOCKS);
            case LEAF_DIRECTIVE, TEXT_DIRECTIVE -> directive(base).holds(Place.INLINES);
        };
    }

    /**
     * *_DIRECTIVE (v1.6): a: the name; b, c: its range of attribute records (plain ones, as written: {@code #x} is
     * {@code id}, {@code .x} a {@code class}).
     */
    private static Kind directive(Kind base) {
        return new Kind(base.kind(), List.of(), Slot.string("name", Field.DIRECTIVE_NAME), Slot.number(),
                Slot.number(), base.contains(), base.standsIn(), Needs.DIRECTIVE, 6);
    }

    /** MDX_JSX_*: a: the element name ({@code NONE} for a fragment); b, c: its range of attribute records. */
    private static Kind jsx(Kind base) {
        return base.slots(Slot.string("name", Field.JSX_NAME), Slot.number(), Slot.number()).needs(Needs.MDX);
    }
}
