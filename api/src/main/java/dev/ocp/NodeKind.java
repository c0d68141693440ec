package dev.ocp;

/**
 * Every node kind of OCP v1, with the number it has in the node table. Which fields of a node record a
 * kind uses (its flags, {@code data}, and string slots {@code a}, {@code b}, {@code c}) is specified in
 * {@code docs/ocp-format.md} and surfaced by the typed accessors of {@link OcpCursor}.
 * Block kinds are numbered from 1, inline kinds from 32.
 */
public enum NodeKind {
    /** The root; always node 0. */
    DOCUMENT(1, true),
    /** A paragraph. */
    PARAGRAPH(2, true),
    /** An ATX or setext heading; {@code data} is the level 1..6. */
    HEADING(3, true),
    /** A thematic break ({@code ***}). */
    THEMATIC_BREAK(4, true),
    /** A block quote. */
    BLOCK_QUOTE(5, true),
    /** A bullet or ordered list; its children are {@link #LIST_ITEM}s. */
    LIST(6, true),
    /** A list item, also a GFM task-list item when flagged. */
    LIST_ITEM(7, true),
    /** An indented or fenced code block. */
    CODE_BLOCK(8, true),
    /** A raw HTML block; {@code data} is its CommonMark start condition 1..7. */
    HTML_BLOCK(9, true),
    /** A link reference definition, kept so tools can see it (renderers print nothing for it). */
    DEFINITION(10, true),
    /** A GFM table; its children are {@link #TABLE_ROW}s, the first of them the header. */
    TABLE(11, true),
    /** A GFM table row. */
    TABLE_ROW(12, true),
    /** A GFM table cell; {@code data} is its alignment. */
    TABLE_CELL(13, true),
    /** A GFM footnote definition. */
    FOOTNOTE_DEFINITION(14, true),
    /** YAML or TOML frontmatter at the start of a document. */
    FRONTMATTER(15, true),
    /** A math block ({@code $$}). */
    MATH_BLOCK(16, true),
    /** An MDX JSX element in flow (block) position. */
    MDX_JSX_FLOW(17, true),
    /** An MDX expression in flow position ({@code {...}} on its own lines). */
    MDX_EXPRESSION_FLOW(18, true),
    /** MDX ESM: {@code import} and {@code export} statements. */
    MDX_ESM(19, true),
    /**
     * A container directive ({@code :::name[label]{attributes}} up to a closing fence; extension
     * {@link Extension#DIRECTIVE}). Slot a is its name, slots b and c its attribute records; its children are its
     * blocks, the first of them its label when that is a {@link #PARAGRAPH} flagged as one.
     */
    CONTAINER_DIRECTIVE(20, true),
    /**
     * A leaf directive ({@code ::name[label]{attributes}} on a line of its own); fields as
     * {@link #CONTAINER_DIRECTIVE}, its children the label's inlines.
     */
    LEAF_DIRECTIVE(21, true),
    /**
     * A GitHub alert (v1.6, {@link Extension#ALERTS}): a top-level block quote opened by {@code [!NOTE]} and the
     * like; {@code data} is its type, 1 note, 2 tip, 3 important, 4 warning, 5 caution ({@link OcpNode#alertType()}).
     */
    ALERT(22, true),

    /** Literal text after escape and entity decoding. */
    TEXT(32, false),
    /** A line ending inside a paragraph that is not a hard break. */
    SOFT_BREAK(33, false),
    /** A hard line break (two spaces or a backslash before a line ending). */
    HARD_BREAK(34, false),
    /** A code span. */
    CODE_SPAN(35, false),
    /** Emphasis ({@code *a*}, {@code _a_}). */
    EMPHASIS(36, false),
    /** Strong emphasis ({@code **a**}, {@code __a__}). */
    STRONG(37, false),
    /** A link: inline, reference, or autolink (flagged). Children are the link text. */
    LINK(38, false),
    /** An image. Children are the image description, rendered as plain text in {@code alt}. */
    IMAGE(39, false),
    /** Raw inline HTML. */
    HTML_INLINE(40, false),
    /** GFM strikethrough. */
    STRIKETHROUGH(41, false),
    /** A GFM footnote reference. */
    FOOTNOTE_REFERENCE(42, false),
    /** Inline math ({@code $x$}). */
    MATH_INLINE(43, false),
    /** An MDX JSX element in text (inline) position. */
    MDX_JSX_TEXT(44, false),
    /** An MDX expression in text position. */
    MDX_EXPRESSION_TEXT(45, false),
    /** A text directive ({@code :name[label]{attributes}}); fields as {@link #LEAF_DIRECTIVE}. */
    TEXT_DIRECTIVE(46, false);

    private static final NodeKind[] BY_CODE = new NodeKind[64];

    static {
        for (NodeKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;
    private final boolean block;

    NodeKind(int code, boolean block) {
        this.code = code;
        this.block = block;
    }

    /**
     * The number that stands for this kind in the {@code kind} byte of a node record.
     *
     * @return the kind's number in the node table
     */
    public int code() {
        return code;
    }

    /**
     * Whether this is a block kind (a container or leaf block) rather than an inline one.
     *
     * @return {@code true} for block kinds (numbers below 32), {@code false} for inline kinds
     */
    public boolean isBlock() {
        return block;
    }

    /**
     * Looks up a kind by its number in a node record.
     *
     * @param code a number from a node record
     * @return the kind, or {@code null} if v1 defines no kind with that number (a later minor version may)
     */
    public static NodeKind fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
