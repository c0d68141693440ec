package dev.ocp;

import java.nio.ByteBuffer;

/**
 * A node of a document, read in place: what an {@link OcpVisitor} is handed on each step of
 * {@link OcpDocument#walk(OcpVisitor)}, what {@link OcpDocument#node(int)} looks up and what {@link OcpCursor#node()}
 * keeps of a cursor's position. A node never moves to another node: one looked up answers for its node until the
 * document is closed; one a walk handed to a visitor answers from the visitor's {@code enter} to its {@code exit} and
 * throws {@link IllegalStateException} outside that ({@link OcpVisitor} says why, and how to keep one).
 *
 * <p>Every accessor answers for any kind: a field the kind does not have reads as {@code null}, {@code 0} or
 * {@code false}. Strings are decoded on demand, or handed out as zero-copy slices of the payload
 * ({@link #bytes(Field)}). Malformed UTF-8 decodes to U+FFFD.
 *
 * <p>A read overlapping a {@code close()} on another thread returns the document's data or throws
 * {@link IllegalStateException}; it never returns freed memory.
 */
public interface OcpNode {

    /** How a table column is aligned (GFM). */
    enum Alignment {
        /** No alignment given ({@code ---}). */
        NONE,
        /** {@code :---}. */
        LEFT,
        /** {@code :---:}. */
        CENTER,
        /** {@code ---:}. */
        RIGHT
    }

    /** The string fields a node may have; which kinds have which is told by the accessor of the same name. */
    enum Field {
        /** {@link #literal()}. */
        LITERAL,
        /** {@link #destination()}. */
        DESTINATION,
        /** {@link #title()}. */
        TITLE,
        /** {@link #info()}. */
        INFO,
        /** {@link #label()}. */
        LABEL,
        /** {@link #jsxName()}. */
        JSX_NAME,
        /** {@link #literalWithLineEndings()}. */
        LITERAL_WITH_LINE_ENDINGS,
        /** {@link #directiveName()}. */
        DIRECTIVE_NAME,
        /** {@link #headingId()}. */
        HEADING_ID
    }

    /** How a reference link or image was written (the label resolved through a definition). */
    enum ReferenceType {
        /** {@code [text][label]}. */
        FULL,
        /** {@code [label][]}. */
        COLLAPSED,
        /** {@code [label]}. */
        SHORTCUT
    }

    /** What an MDX JSX attribute is. */
    enum AttributeKind {
        /** {@code name="value"}: the value is the decoded string. */
        PLAIN,
        /** {@code name={expression}}: the value is the source between the braces. */
        EXPRESSION,
        /** {@code name} alone: no value. */
        BOOLEAN,
        /** {@code {...spread}}: no name; the value is the source between the braces. */
        SPREAD
    }

    /**
     * The node's index: nodes are numbered in depth-first pre-order from 0, the root.
     *
     * @return the index
     */
    int index();

    /**
     * The node's kind.
     *
     * @return the kind, or {@code null} for a kind this version does not define (from a newer minor version of
     *         the format); a walk hands such nodes over like any other, and skipping their children is wise
     */
    NodeKind kind();

    /**
     * The raw kind number, as stored: what {@link #kind()} reads, there also for the kinds of a newer minor version
     * of the format, for which {@code kind()} is {@code null}.
     *
     * @return the number, 0..255
     */
    int kindCode();

    /**
     * The index of the node's parent.
     *
     * @return the index, or -1 for the root
     */
    int parentIndex();

    /**
     * The index of the node's first child, which in pre-order is {@code index() + 1} when there is one.
     *
     * @return the index, or -1 if the node has no children
     */
    int firstChildIndex();

    /**
     * The index of the node's next sibling.
     *
     * @return the index, or -1 if the node is a last child or the root
     */
    int nextSiblingIndex();

    /**
     * Where the node starts in the source.
     *
     * @return a byte offset into the UTF-8 source
     */
    int spanStart();

    /**
     * Where the node ends in the source (exclusive).
     *
     * @return the byte offset just past the node
     */
    int spanEnd();

    /**
     * Whether the node has children.
     *
     * @return whether it has at least one child
     */
    boolean hasChildren();

    /**
     * The literal content: the text of TEXT, CODE_SPAN and HTML_INLINE, the content of CODE_BLOCK, HTML_BLOCK,
     * MATH_BLOCK, MATH_INLINE and FRONTMATTER, the source of MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT and MDX_ESM.
     *
     * @return the literal, or {@code null} for other kinds
     */
    String literal();


    /**
     * The destination of a LINK, IMAGE or DEFINITION, decoded (not percent-encoded).
     *
     * @return the destination, or {@code null} for other kinds
     */
    String destination();

    /**
     * A string field as its UTF-8 bytes, without copying: a read-only view of the payload, valid until the
     * document is closed. The bytes are as stored, so a source's ill-formed UTF-8 is there as it was.
     *
     * @param field which string
     * @return the bytes (position 0, limit their length), or {@code null} where the accessor of the same name
     *         returns {@code null}
     */
    ByteBuffer bytes(Field field);

    /**
     * Where a string field's bytes start in the payload ({@link OcpDocument#bytes()}). With {@link #stringLength}
     * this reads a string in place without even the small view object {@link #bytes(Field)} makes, for code that
     * reads very many (a renderer). The payload's bytes are the document's while it is open: read them during the
     * walk that handed over this node.
     *
     * @param field which string
     * @return the index of the string's first byte in the payload, or -1 where the accessor of the same name returns
     *         {@code null}
     */
    int stringOffset(Field field);

    /**
     * The length in bytes of a string field (see {@link #stringOffset}).
     *
     * @param field which string
     * @return the length, or -1 where the accessor of the same name returns {@code null}
     */
    int stringLength(Field field);

    /**
     * A string field, decoded: the same as the accessor of the same name, for code that chooses the field at run
     * time.
     *
     * @param field which string
     * @return the string, or {@code null} where the node has none
     */
    String string(Field field);

    /**
     * The title of a LINK, IMAGE or DEFINITION, decoded.
     *
     * @return the title, or {@code null} if it has none or the node is of another kind
     */
    String title();

    /**
     * The info string of a fenced CODE_BLOCK, or the meta of a MATH_BLOCK.
     *
     * @return the info string, or {@code null} if there is none or the node is of another kind
     */
    String info();

    /**
     * A CODE_SPAN's or MATH_INLINE's content as written, with the line endings it crossed (as LF) where its
     * {@link #literal()} has spaces, as CommonMark's HTML and mdast's value need them apart. Recorded from format
     * v1.3 on.
     *
     * @return the content with its line endings, or {@code null} if it crossed none, the payload is older than v1.3,
     *         or the node is of another kind
     */
    String literalWithLineEndings();

    /**
     * The label of a DEFINITION, FOOTNOTE_DEFINITION or FOOTNOTE_REFERENCE, or of a LINK or IMAGE written as a
     * reference, as written (not normalized).
     *
     * @return the label, or {@code null} for other kinds and for links that are not references
     */
    String label();

    /**
     * How a LINK or IMAGE was written when it is a reference to a definition. Payloads before format v1.2 do not
     * record it: their references read as inline links.
     *
     * @return the reference's form, or {@code null} for an inline link, an autolink and other kinds
     */
    ReferenceType referenceType();

    /**
     * The level of a HEADING.
     *
     * @return 1 to 6, or 0 for other kinds
     */
    int headingLevel();

    /**
     * Whether a HEADING is a setext heading (underlined with {@code =} or {@code -}) rather than an ATX one.
     *
     * @return whether it is underlined; {@code false} for other kinds
     */
    boolean isSetextHeading();

    /**
     * A HEADING's explicit id, written {@code {#id}} at its end with {@link Extension#HEADING_IDS} on (format v1.6):
     * what HTML writes as its {@code id} in place of a generated slug.
     *
     * @return the id, trimmed, or {@code null} if it has none, the payload is older than v1.6, or the node is of
     *         another kind
     */
    String headingId();

    /**
     * The type of an ALERT (format v1.6).
     *
     * @return the type, or {@code null} for other kinds (and for a type number a later minor version may define)
     */
    AlertType alertType();

    /** The five types of a GitHub alert, in the order of their numbers in an ALERT's {@code data} (1 to 5). */
    enum AlertType {
        /** {@code [!NOTE]}. */
        NOTE("Note"),
        /** {@code [!TIP]}. */
        TIP("Tip"),
        /** {@code [!IMPORTANT]}. */
        IMPORTANT("Important"),
        /** {@code [!WARNING]}. */
        WARNING("Warning"),
        /** {@code [!CAUTION]}. */
        CAUTION("Caution");

        private final String title;

        AlertType(String title) {
            this.title = title;
        }

        /**
         * The number an ALERT's {@code data} holds for this type.
         *
         * @return 1 to 5
         */
        public int code() {
            return ordinal() + 1;
        }

        /**
         * The title github.com writes above the alert's body.
         *
         * @return for example {@code Note}
         */
        public String title() {
            return title;
        }

        /**
         * The type's name as the marker and github.com's class names write it, in lower case.
         *
         * @return for example {@code note}
         */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The type of a number in an ALERT's {@code data}.
         *
         * @param code the number
         * @return the type, or {@code null} if no type has that number
         */
        public static AlertType fromCode(int code) {
            AlertType[] all = values();
            return code >= 1 && code <= all.length ? all[code - 1] : null;
        }
    }

    /**
     * Whether a LIST is ordered ({@code 1.}) rather than a bullet list ({@code -}).
     *
     * @return whether it is ordered; {@code false} for other kinds
     */
    boolean isOrderedList();

    /**
     * Whether a LIST is tight: no blank lines between its items or their blocks, so its paragraphs render without
     * {@code <p>}.
     *
     * @return whether it is tight; {@code false} for other kinds
     */
    boolean isTightList();

    /**
     * mdast's {@code spread}: whether a blank line separates two items of a LIST, or two children of a LIST_ITEM.
     * A list is loose when it or one of its items is spread. Recorded from format v1.3 on.
     *
     * @return whether it is spread; {@code false} for other kinds and in payloads older than v1.3
     */
    boolean isSpread();

    /**
     * The start number of an ordered LIST, as written in its first item.
     *
     * @return the start number, or 0 for bullet lists and other kinds
     */
    long listStart();

    /**
     * Whether a LIST_ITEM is a GFM task item ({@code - [ ]} or {@code - [x]}).
     *
     * @return whether it is a task; {@code false} for other kinds
     */
    boolean isTask();

    /**
     * Whether a task LIST_ITEM is checked.
     *
     * @return whether it is checked; {@code false} for unchecked tasks, other items and other kinds
     */
    boolean isChecked();

    /**
     * The marker character as written: a LIST's bullet ({@code -}, {@code +}, {@code *}) or, for an ordered list,
     * the delimiter after the number ({@code .} or {@code )}); the fence character of a fenced CODE_BLOCK
     * ({@code `} or {@code ~}); the delimiter of an EMPHASIS or STRONG ({@code *} or {@code _}); from format v1.3,
     * the character of a THEMATIC_BREAK ({@code *}, {@code -} or {@code _}) and what made a HARD_BREAK (a backslash,
     * or a space for two or more spaces; from v1.4 a tab for two or more spaces after a tab, which micromark does
     * not take for a hard break).
     *
     * @return the character, or {@code 0} for other kinds and for indented code
     */
    char marker();

    /**
     * Which of CommonMark's seven start conditions began an HTML_BLOCK (1 for {@code <script>}, {@code <pre>},
     * {@code <style>} and {@code <textarea>}, 2 for a comment, ... 7 for any other complete tag).
     *
     * @return 1 to 7, or 0 for other kinds
     */
    int htmlBlockCondition();

    /**
     * Whether a CODE_BLOCK is fenced ({@code ```} or {@code ~~~}) rather than indented.
     *
     * @return whether it is fenced; {@code false} for other kinds
     */
    boolean isFencedCode();

    /**
     * Whether a fenced CODE_BLOCK or a MATH_BLOCK ended without its closing fence, or an HTML_BLOCK of start
     * condition 1 to 5 without its end marker ({@code </script>}, {@code -->}, ...), with its container or the
     * document (mdast then leaves out a last line that is blank, or keeps an HTML block's last line ending).
     * Recorded from format v1.3 on for fences, from v1.4 for HTML blocks.
     *
     * @return whether it was left open; {@code false} for other kinds and in payloads older than those
     */
    boolean isUnclosed();

    /**
     * Whether a TABLE_ROW is the header row, or a TABLE_CELL is in it.
     *
     * @return whether it is a header; {@code false} for other kinds
     */
    boolean isTableHeader();

    /**
     * The alignment of a TABLE_CELL's column.
     *
     * @return the alignment; {@link Alignment#NONE} for other kinds
     */
    Alignment alignment();

    /**
     * Whether a LINK was written as an autolink: {@code <https://…>}, or a bare URL or address under GFM.
     *
     * @return whether it is an autolink; {@code false} for other kinds
     */
    boolean isAutolink();

    /**
     * Whether a LINK is a GFM autolink literal: a bare URL, {@code www.} address or email address, not in angle
     * brackets (those are {@link #isAutolink()} too).
     *
     * @return whether it is one; {@code false} for other kinds
     */
    boolean isAutolinkLiteral();

    /**
     * The format of FRONTMATTER.
     *
     * @return {@code "yaml"} ({@code ---} fences) or {@code "toml"} ({@code +++}), or {@code null} for other kinds
     */
    String frontmatterFormat();

    /**
     * The element name of an MDX JSX node, such as {@code Chart} or {@code ui.Button}.
     *
     * @return the name, or {@code null} for a fragment ({@code <>...</>}) or a node of another kind
     */
    String jsxName();

    /**
     * The name of a CONTAINER_DIRECTIVE, LEAF_DIRECTIVE or TEXT_DIRECTIVE ({@code note} in {@code :::note}).
     *
     * @return the name, or {@code null} for other kinds
     */
    String directiveName();

    /**
     * The attributes of a directive folded as mdast-util-directive folds them: by name in the order each name was
     * first written, the last value of a name written twice except {@code class}, whose values are joined by a
     * space; {@code #x} is {@code id}, {@code .x} a {@code class}, a name alone has the value {@code ""}. The
     * attribute accessors below give them one by one as written.
     *
     * @return an unmodifiable map, empty for nodes of other kinds
     */
    java.util.Map<String, String> directiveAttributes();

    /**
     * Whether this is a PARAGRAPH that is the label of its CONTAINER_DIRECTIVE ({@code :::note[label]}).
     *
     * @return whether it is one
     */
    boolean isDirectiveLabel();

    /**
     * The number of attributes of an MDX JSX node.
     *
     * @return the count, or 0 for other kinds
     */
    int attributeCount();

    /**
     * What an attribute of an MDX JSX node is.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its kind
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    AttributeKind attributeKind(int i);

    /**
     * The name of an attribute of an MDX JSX node.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its name, or {@code null} for a spread
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    String attributeName(int i);

    /**
     * The value of an attribute of an MDX JSX node: the decoded string of a plain attribute, the source of an
     * expression or spread.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its value, or {@code null} for a boolean attribute
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    String attributeValue(int i);

    /**
     * Where an attribute of an MDX JSX node starts in the source.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return a byte offset into the source
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    int attributeSpanStart(int i);

    /**
     * Where an attribute of an MDX JSX node ends in the source (exclusive).
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return the byte offset just past the attribute
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    int attributeSpanEnd(int i);
}
