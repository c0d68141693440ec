package dev.ocp.transform;

import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.ParseOptions;

import static dev.ocp.spi.OcpFormat.FLAG_ITEM_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_ORDERED;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_TIGHT;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node made in code: what a {@link Rewriter} inserts into a document, and what {@link #buildDocument} makes whole
 * documents of. A node is an immutable description; it becomes part of a payload only when a transform or a build
 * writes it, and the same node may be written any number of times.
 *
 * <p>Each factory makes one kind and takes what that kind holds, so a node is valid by construction: a heading's level
 * is 1 to 6, a paragraph holds inlines, a list holds list items. Where a node goes is checked when it is inserted or
 * built: blocks where blocks stand, inlines where inlines stand, and kinds the document's syntax has
 * ({@link IllegalArgumentException} otherwise: a table needs GFM, JSX needs MDX, MDX has no raw HTML).
 *
 * <p>Nodes made here have no source: they are written with an empty span where they were inserted (at position 0 in a
 * built document, whose source length is 0). {@link #copyOf} is the exception: it stands for a subtree of an open
 * document, copied as payload bytes when written.
 *
 * <pre>{@code
 * try (OcpDocument doc = Node.buildDocument(ParseOptions.of(Dialect.COMMONMARK),
 *         Node.heading(1, Node.text("Release notes")),
 *         Node.paragraph(Node.text("See "), Node.link("https://example.org", null, Node.text("the site")), Node.text(".")))) {
 *     String markdown = doc.toMarkdown();   // "# Release notes\n\nSee [the site](https://example.org).\n"
 * }
 * }</pre>
 */
public final class Node {
    /**
     * An MDX JSX attribute, in the order it is written.
     *
     * @param kind  what it is
     * @param name  its name as written ({@code class}, {@code aria-label}); {@code null} exactly for a spread
     * @param value the decoded value of a plain attribute, the source between the braces of an expression or spread;
     *              {@code null} exactly for a boolean attribute
     */
    public record Attribute(OcpNode.AttributeKind kind, String name, String value) {
        /**
         * Checks that name and value are there exactly when the kind has them.
         *
         * @throws IllegalArgumentException if they are not
         */
        public Attribute {
            Objects.requireNonNull(kind, "kind");
            if ((name == null) != (kind == OcpNode.AttributeKind.SPREAD)) {
                throw new IllegalArgumentException("a " + kind + " attribute " + (name == null ? "needs a name"
                        : "has no name"));
            }
            if (name != null && name.isEmpty()) {
                throw new IllegalArgumentException("an attribute name is empty");
            }
            if ((value == null) != (kind == OcpNode.AttributeKind.BOOLEAN)) {
                throw new IllegalArgumentException("a " + kind + " attribute " + (value == null ? "needs a value"
                        : "has no value"));
            }
        }

        /**
         * {@code name="value"}.
         *
         * @param name  the name
         * @param value the value, as it reads (the writer escapes it)
         * @return the attribute
         */
        public static Attribute plain(String name, String value) {
            return new Attribute(OcpNode.AttributeKind.PLAIN, name, value);
        }

        /**
         * {@code name={expression}}.
         *
         * @param name       the name
         * @param expression the JavaScript between the braces
         * @return the attribute
         */
        public static Attribute expression(String name, String expression) {
            return new Attribute(OcpNode.AttributeKind.EXPRESSION, name, expression);
        }

        /**
         * {@code name} alone.
         *
         * @param name the name
         * @return the attribute
         */
        public static Attribute bool(String name) {
            return new Attribute(OcpNode.AttributeKind.BOOLEAN, name, null);
        }

        /**
         * {@code {...props}}.
         *
         * @param source the JavaScript between the braces, {@code ...} included
         * @return the attribute
         */
        public static Attribute spread(String source) {
            return new Attribute(OcpNode.AttributeKind.SPREAD, null, source);
        }

        /**
         * The attributes of a JSX node, in order.
         *
         * @param node a node; any kind but JSX has none
         * @return its attributes, a new modifiable list
         */
        public static List<Attribute> of(OcpNode node) {
            List<Attribute> list = new ArrayList<>(node.attributeCount());
            for (int i = 0; i < node.attributeCount(); i++) {
                list.add(new Attribute(node.attributeKind(i), node.attributeName(i), node.attributeValue(i)));
            }
            return list;
        }
    }

    final NodeKind kind;
    final int flags;
    final int data;
    /** Slots a, b and c: a String for a string slot, a Long for a number, null for NONE. */
    final Object a;
    final Object b;
    final Object c;
    final List<Attribute> attributes;
    final List<Node> children;
    /** The alignments of a table made by {@link #table}, kept beside its rows. */
    final List<OcpNode.Alignment> alignments;
    /** For {@link #copyOf}: the document and index of the subtree; null otherwise. */
    final OcpDocument document;
    final int index;

    private Node(NodeKind kind, int flags, int data, Object a, Object b, Object c, List<Attribute> attributes,
                 Node[] children) {
        this(kind, flags, data, a, b, c, attributes, children == null ? List.of() : List.of(children), List.of());
    }

    private Node(NodeKind kind, int flags, int data, Object a, Object b, Object c, List<Attribute> attributes,
                 List<Node> children, List<OcpNode.Alignment> alignments) {
        this.kind = kind;
        this.flags = flags;
        this.data = data;
        this.a = a;
        this.b = b;
        this.c = c;
        this.attributes = attributes == null ? List.of() : List.copyOf(attributes);
        this.children = children;
        this.document = null;
        this.index = -1;
        this.alignments = alignments;
        Content.checkChildren(kind, this.children);
    }

    private Node(NodeKind kind, OcpDocument document, int index) {
        this.kind = kind;
        this.flags = 0;
        this.data = 0;
        this.a = null;
        this.b = null;
        this.c = null;
        this.attributes = List.of();
        this.children = List.of();
        this.document = document;
        this.index = index;
        this.alignments = List.of();
    }

    private static Node leaf(NodeKind kind, int flags, int data, Object a, Object b, Object c) {
        return new Node(kind, flags, data, a, b, c, null, null);
    }

    private static Node parent(NodeKind kind, int flags, int data, Node[] children) {
        return new Node(kind, flags, data, null, null, null, null, children);
    }

    /**
     * What kind of node this is.
     *
     * @return its kind
     */
    public NodeKind kind() {
        return kind;
    }

    /** Whether this node stands for a subtree of a document ({@link #copyOf}). */
    boolean isCopy() {
        return document != null;
    }

    // ---- the whole document ----

    /**
     * Makes a document of the given blocks, with the syntax of {@code options} (its dialect and extensions; its limits
     * do not apply). The document has source length 0 and every span empty; it renders HTML, mdast (from an empty
     * source) and Markdown as a parsed one does, passes the payload validator, and lives on the Java heap:
     * {@code close()} makes it unreadable and lets the collector take the memory.
     *
     * @param options the syntax the document is in
     * @param blocks  its blocks, in order
     * @return the document, open
     * @throws IllegalArgumentException if a block is not a block, or a kind the syntax lacks
     */
    public static OcpDocument buildDocument(ParseOptions options, Node... blocks) {
        Objects.requireNonNull(options, "options");
        List<Node> list = List.of(blocks);
        Content content = Content.of(options);
        boolean frontmatter = !list.isEmpty() && list.get(0).kind == NodeKind.FRONTMATTER;
        if (frontmatter) {
            content.checkKind(NodeKind.FRONTMATTER, false);
        }
        content.checkInsert(NodeKind.DOCUMENT, frontmatter ? list.subList(1, list.size()) : list);
        return PayloadWriter.build(options, content, list);
    }

    /**
     * Stands for the subtree of node {@code index} of {@code document}, copied as payload bytes when it is written
     * (the document must still be open then). Inside a transform of the same document the copy keeps its spans; from
     * another document its spans become empty, as a new node's.
     *
     * @param document an open document
     * @param index    the subtree's root
     * @return a node standing for that subtree
     * @throws IndexOutOfBoundsException if there is no such node
     */
    public static Node copyOf(OcpDocument document, int index) {
        Objects.requireNonNull(document, "document");
        OcpNode node = document.node(index);
        if (node.kind() == NodeKind.DOCUMENT) {
            throw new IllegalArgumentException("the document node cannot be copied into another node");
        }
        return new Node(node.kind(), document, index);
    }

    // ---- blocks ----

    /**
     * A paragraph.
     *
     * @param inlines its content
     * @return the node
     */
    public static Node paragraph(Node... inlines) {
        return parent(NodeKind.PARAGRAPH, 0, 0, inlines);
    }

    /**
     * An ATX heading ({@code # Title}).
     *
     * @param level   1 to 6
     * @param inlines its content
     * @return the node
     */
    public static Node heading(int level, Node... inlines) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("a heading's level is 1 to 6, not " + level);
        }
        return parent(NodeKind.HEADING, 0, level, inlines);
    }

    /**
     * An ATX heading with an explicit id ({@code # Title {#id}}), which needs {@link dev.ocp.Extension#HEADING_IDS}.
     *
     * @param level   1 to 6
     * @param id      its id: one line, without <code>}</code> or <code>{#</code>; trimmed
     * @param inlines its content
     * @return the node
     */
    public static Node heading(int level, String id, Node... inlines) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("a heading's level is 1 to 6, not " + level);
        }
        return new Node(NodeKind.HEADING, 0, level, null, Content.headingId(id), null, null, inlines);
    }

    /**
     * A GitHub alert ({@code > [!NOTE]}), which needs {@link dev.ocp.Extension#ALERTS}. Only an alert at the top of
     * a document with a body reads back as one from Markdown, as on github.com.
     *
     * @param type   its type
     * @param blocks its body
     * @return the node
     */
    public static Node alert(OcpNode.AlertType type, Node... blocks) {
        return parent(NodeKind.ALERT, 0, type.code(), blocks);
    }

    /**
     * A thematic break, written in the writer's default style.
     *
     * @return the node
     */
    public static Node thematicBreak() {
        return leaf(NodeKind.THEMATIC_BREAK, 0, 0, null, null, null);
    }

    /**
     * A block quote.
     *
     * @param blocks its content
     * @return the node
     */
    public static Node blockQuote(Node... blocks) {
        return parent(NodeKind.BLOCK_QUOTE, 0, 0, blocks);
    }

    /**
     * A tight bullet list ({@code -}); {@link #loose()} makes it loose.
     *
     * @param items its {@link #listItem}s
     * @return the node
     */
    public static Node bulletList(Node... items) {
        return new Node(NodeKind.LIST, FLAG_LIST_TIGHT, '-', null, null, null, null, items);
    }

    /**
     * A tight ordered list ({@code 1.}); {@link #loose()} makes it loose.
     *
     * @param start its first number
     * @param items its {@link #listItem}s
     * @return the node
     */
    public static Node orderedList(long start, Node... items) {
        if (start < 0 || start > 999_999_999L) {
            throw new IllegalArgumentException("an ordered list starts at 0 to 999999999, not " + start);
        }
        return new Node(NodeKind.LIST, FLAG_LIST_ORDERED | FLAG_LIST_TIGHT, '.', start, null, null, null, items);
    }

    /**
     * This list, loose: its paragraphs rendered in {@code <p>} (CommonMark's loose list), and written with a blank line
     * between its items and between the blocks of each item made here (mdast's {@code spread}, on the list when it has
     * more than one item and on each such item that holds more than one block). {@link #bulletList} and
     * {@link #orderedList} make tight lists, as a list written without blank lines is. A list of one item needs that
     * item to hold two blocks or more (a copied item, to be spread in its document): a blank line in Markdown goes
     * between items or between an item's blocks, so a list of one item holding one block would be written, and read
     * back, tight.
     *
     * @return a loose list with this one's marker, start and items
     * @throws IllegalStateException if this node is not a list made by {@link #bulletList} or {@link #orderedList},
     *                               or is a list of one item that cannot be spread
     */
    public Node loose() {
        if (kind != NodeKind.LIST || isCopy()) {
            throw new IllegalStateException("loose() makes a list loose; this is " + (isCopy() ? "a copy of a "
                    + kind : "a " + kind) + (isCopy() ? ", whose looseness is its document's" : ""));
        }
        List<Node> items = new ArrayList<>(children.size());
        boolean anItemSpread = false;
        for (Node item : children) {
            if (!item.isCopy() && item.children.size() > 1) {
                item = new Node(item.kind, item.flags | FLAG_ITEM_SPREAD, item.data, item.a, item.b, item.c,
                        item.attributes, item.children, item.alignments);
            }
            anItemSpread |= item.isCopy() ? item.document.node(item.index).isSpread()
                    : (item.flags & FLAG_ITEM_SPREAD) != 0;
            items.add(item);
        }
        if (items.size() == 1 && !anItemSpread) {
            throw new IllegalStateException("a list of one item that holds one block cannot be loose: Markdown has no"
                    + " blank line to put in it, so it is written, and read back, tight");
        }
        return new Node(kind, flags & ~FLAG_LIST_TIGHT | (items.size() > 1 ? FLAG_LIST_SPREAD : 0), data, a, b, c,
                attributes, List.copyOf(items), alignments);
    }

    /**
     * A list item.
     *
     * @param blocks its content
     * @return the node
     */
    public static Node listItem(Node... blocks) {
        return parent(NodeKind.LIST_ITEM, 0, 0, blocks);
    }

    /**
     * A task list item (GFM): {@code - [ ]} or {@code - [x]}. Its first block must be a paragraph.
     *
     * @param checked whether it is done
     * @param blocks  its content, a paragraph first
     * @return the node
     */
    public static Node taskItem(boolean checked, Node... blocks) {
        if (blocks.length == 0 || blocks[0].kind != NodeKind.PARAGRAPH) {
            throw new IllegalArgumentException("a task item starts with a paragraph");
        }
        return parent(NodeKind.LIST_ITEM, checked ? 3 : 1, 0, blocks);
    }

    /**
     * A fenced code block.
     *
     * @param info    the info string (its first word is the language), or {@code null}
     * @param literal the code; a final line ending is added when it lacks one
     * @return the node
     */
    public static Node codeBlock(String info, String literal) {
        Objects.requireNonNull(literal, "literal");
        String infoString = info == null || info.isBlank() ? null : info.strip();
        if (infoString != null && (infoString.indexOf('\n') >= 0 || infoString.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("an info string is one line");
        }
        return leaf(NodeKind.CODE_BLOCK, 1, '`', Content.lines(literal), infoString, null);
    }

    /**
     * An HTML block, written as it is.
     *
     * @param html the HTML; a final line ending is added when it lacks one
     * @return the node
     */
    public static Node htmlBlock(String html) {
        Objects.requireNonNull(html, "html");
        String literal = Content.lines(html);
        return leaf(NodeKind.HTML_BLOCK, 0, Content.htmlStartCondition(literal), literal, null, null);
    }

    /**
     * A link reference definition ({@code [label]: destination "title"}).
     *
     * @param label       the label
     * @param destination the destination
     * @param title       the title, or {@code null}
     * @return the node
     */
    public static Node definition(String label, String destination, String title) {
        Content.requireLabel(label);
        return leaf(NodeKind.DEFINITION, 0, 0, Objects.requireNonNull(destination, "destination"), title, label);
    }

    /**
     * A table (GFM). The first row is the header row.
     *
     * @param alignments the columns' alignments; the header row has as many cells
     * @param header     the header row
     * @param rows       the body rows, each with at most as many cells
     * @return the node
     */
    public static Node table(List<OcpNode.Alignment> alignments, Node header, Node... rows) {
        List<OcpNode.Alignment> columns = List.copyOf(alignments);
        if (header.kind != NodeKind.TABLE_ROW || header.children.size() != columns.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("a table's header is a row with a cell for each of its "
                    + columns.size() + " columns");
        }
        Node[] all = new Node[rows.length + 1];
        all[0] = header;
        System.arraycopy(rows, 0, all, 1, rows.length);
        for (Node row : rows) {
            if (row.kind == NodeKind.TABLE_ROW && row.children.size() > columns.size()) {
                throw new IllegalArgumentException("a table row has more cells than the table's "
                        + columns.size() + " columns");
            }
        }
        return new Node(NodeKind.TABLE, 0, 0, null, null, null, null, List.of(all), columns);
    }

    /**
     * A table row (GFM), for {@link #table} or to insert into a table.
     *
     * @param cells its {@link #tableCell}s
     * @return the node
     */
    public static Node tableRow(Node... cells) {
        return parent(NodeKind.TABLE_ROW, 0, 0, cells);
    }

    /**
     * A table cell (GFM); its header flag and alignment come from its table.
     *
     * @param inlines its content
     * @return the node
     */
    public static Node tableCell(Node... inlines) {
        return parent(NodeKind.TABLE_CELL, 0, 0, inlines);
    }

    /**
     * A footnote definition (GFM): {@code [^label]: ...}.
     *
     * @param label  the label
     * @param blocks its content
     * @return the node
     */
    public static Node footnoteDefinition(String label, Node... blocks) {
        Content.requireLabel(label);
        return new Node(NodeKind.FOOTNOTE_DEFINITION, 0, 0, null, null, label, null, blocks);
    }

    /**
     * YAML frontmatter ({@code ---}); it must be the document's first block.
     *
     * @param yaml the lines between the fences
     * @return the node
     */
    public static Node yamlFrontmatter(String yaml) {
        return leaf(NodeKind.FRONTMATTER, 0, 1, Content.lines(Objects.requireNonNull(yaml, "yaml")), null, null);
    }

    /**
     * TOML frontmatter ({@code +++}); it must be the document's first block.
     *
     * @param toml the lines between the fences
     * @return the node
     */
    public static Node tomlFrontmatter(String toml) {
        return leaf(NodeKind.FRONTMATTER, 0, 2, Content.lines(Objects.requireNonNull(toml, "toml")), null, null);
    }

    /**
     * A math block ({@code $$}).
     *
     * @param tex the lines between the fences
     * @return the node
     */
    public static Node mathBlock(String tex) {
        return leaf(NodeKind.MATH_BLOCK, 0, 0, Content.lines(Objects.requireNonNull(tex, "tex")), null, null);
    }

    /**
     * A JSX element on lines of its own (MDX).
     *
     * @param name       the element's name ({@code Chart}, {@code ui.Button}), or {@code null} for a fragment
     * @param attributes its attributes (none for a fragment)
     * @param blocks     its content
     * @return the node
     */
    public static Node jsxFlow(String name, List<Attribute> attributes, Node... blocks) {
        Content.checkJsx(name, attributes);
        return new Node(NodeKind.MDX_JSX_FLOW, 0, 0, name, null, null, attributes, blocks);
    }

    /**
     * A container directive ({@code :::name[label]{attributes}} ... {@code :::}; extension {@code directive}).
     *
     * @param name       its name: not empty
     * @param attributes its attributes, in order ({@code id}, {@code class} and the others, as
     *                   {@link OcpNode#directiveAttributes()} gives them)
     * @param label      its label's inlines, or {@code null} for none
     * @param blocks     its content
     * @return the node
     */
    public static Node containerDirective(String name, java.util.Map<String, String> attributes, List<Node> label,
                                          Node... blocks) {
        List<Node> children = new java.util.ArrayList<>();
        if (label != null) {
            children.add(new Node(NodeKind.PARAGRAPH, dev.ocp.spi.OcpFormat.FLAG_PARAGRAPH_DIRECTIVE_LABEL, 0, null,
                    null, null, null, label.toArray(new Node[0])));
        }
        children.addAll(List.of(blocks));
        return new Node(NodeKind.CONTAINER_DIRECTIVE, 0, 0, directiveName(name), null, null,
                directiveAttributes(attributes), children, List.of());
    }

    /**
     * A leaf directive ({@code ::name[label]{attributes}} on a line of its own; extension {@code directive}).
     *
     * @param name       its name: not empty
     * @param attributes its attributes, in order
     * @param label      its label's inlines
     * @return the node
     */
    public static Node leafDirective(String name, java.util.Map<String, String> attributes, Node... label) {
        return new Node(NodeKind.LEAF_DIRECTIVE, 0, 0, directiveName(name), null, null,
                directiveAttributes(attributes), label);
    }

    private static String directiveName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a directive's name is not empty");
        }
        return name;
    }

    /** A directive's attributes as records: plain, each with its value. */
    private static List<Attribute> directiveAttributes(java.util.Map<String, String> attributes) {
        List<Attribute> list = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> e : attributes.entrySet()) {
            list.add(new Attribute(OcpNode.AttributeKind.PLAIN, Objects.requireNonNull(e.getKey(), "name"),
                    Objects.requireNonNull(e.getValue(), "value")));
        }
        return list;
    }

    /**
     * A JSX expression on lines of its own (MDX): {@code {...}}.
     *
     * @param source the JavaScript between the braces
     * @return the node
     */
    public static Node expressionFlow(String source) {
        return leaf(NodeKind.MDX_EXPRESSION_FLOW, 0, 0, Content.expression(source), null, null);
    }

    /**
     * An {@code import} or {@code export} block (MDX).
     *
     * @param source the statements, starting with {@code import} or {@code export}
     * @return the node
     */
    public static Node esm(String source) {
        Objects.requireNonNull(source, "source");
        if (!source.startsWith("import ") && !source.startsWith("export ")) {
            throw new IllegalArgumentException("an ESM block starts with \"import \" or \"export \"");
        }
        return leaf(NodeKind.MDX_ESM, 0, 0, Content.withoutFinalLineEnding(source), null, null);
    }

    // ---- inlines ----

    /**
     * Text, written with whatever escapes it needs to read as itself.
     *
     * @param text the text
     * @return the node
     */
    public static Node text(String text) {
        return leaf(NodeKind.TEXT, 0, 0, Objects.requireNonNull(text, "text"), null, null);
    }

    /**
     * A soft line break.
     *
     * @return the node
     */
    public static Node softBreak() {
        return leaf(NodeKind.SOFT_BREAK, 0, 0, null, null, null);
    }

    /**
     * A hard line break, written in the writer's default style.
     *
     * @return the node
     */
    public static Node hardBreak() {
        return leaf(NodeKind.HARD_BREAK, 0, 0, null, null, null);
    }

    /**
     * A code span.
     *
     * @param code its content; line endings read as spaces, as in a parsed code span
     * @return the node
     */
    public static Node codeSpan(String code) {
        return leaf(NodeKind.CODE_SPAN, 0, 0, Content.oneLine(code), null, null);
    }

    /**
     * Emphasis ({@code *...*}).
     *
     * @param inlines its content
     * @return the node
     */
    public static Node emphasis(Node... inlines) {
        return parent(NodeKind.EMPHASIS, 0, '*', inlines);
    }

    /**
     * Strong emphasis ({@code **...**}).
     *
     * @param inlines its content
     * @return the node
     */
    public static Node strong(Node... inlines) {
        return parent(NodeKind.STRONG, 0, '*', inlines);
    }

    /**
     * Strikethrough (GFM: {@code ~~...~~}).
     *
     * @param inlines its content
     * @return the node
     */
    public static Node strikethrough(Node... inlines) {
        return parent(NodeKind.STRIKETHROUGH, 0, 0, inlines);
    }

    /**
     * An inline link.
     *
     * @param destination where it goes, not percent-encoded (the HTML renderer encodes)
     * @param title       its title, or {@code null}
     * @param inlines     its text
     * @return the node
     */
    public static Node link(String destination, String title, Node... inlines) {
        return new Node(NodeKind.LINK, 0, 0, Objects.requireNonNull(destination, "destination"), title, null, null,
                inlines);
    }

    /**
     * An inline image.
     *
     * @param destination its source
     * @param title       its title, or {@code null}
     * @param description its description (the {@code alt} text)
     * @return the node
     */
    public static Node image(String destination, String title, Node... description) {
        return new Node(NodeKind.IMAGE, 0, 0, Objects.requireNonNull(destination, "destination"), title, null, null,
                description);
    }

    /**
     * Raw inline HTML, written as it is.
     *
     * @param html the HTML
     * @return the node
     */
    public static Node htmlInline(String html) {
        return leaf(NodeKind.HTML_INLINE, 0, 0, Objects.requireNonNull(html, "html"), null, null);
    }

    /**
     * A footnote reference (GFM): {@code [^label]}.
     *
     * @param label the label of its definition
     * @return the node
     */
    public static Node footnoteReference(String label) {
        Content.requireLabel(label);
        return leaf(NodeKind.FOOTNOTE_REFERENCE, 0, 0, null, null, label);
    }

    /**
     * Inline math ({@code $...$}).
     *
     * @param tex its content; line endings read as spaces
     * @return the node
     */
    public static Node mathInline(String tex) {
        return leaf(NodeKind.MATH_INLINE, 0, 0, Content.oneLine(tex), null, null);
    }

    /**
     * A text directive ({@code :name[label]{attributes}}; extension {@code directive}).
     *
     * @param name       its name: not empty
     * @param attributes its attributes, in order
     * @param label      its label's inlines
     * @return the node
     */
    public static Node textDirective(String name, java.util.Map<String, String> attributes, Node... label) {
        return new Node(NodeKind.TEXT_DIRECTIVE, 0, 0, directiveName(name), null, null,
                directiveAttributes(attributes), label);
    }

    /**
     * A JSX element in text (MDX).
     *
     * @param name       the element's name, or {@code null} for a fragment
     * @param attributes its attributes (none for a fragment)
     * @param inlines    its content
     * @return the node
     */
    public static Node jsxText(String name, List<Attribute> attributes, Node... inlines) {
        Content.checkJsx(name, attributes);
        return new Node(NodeKind.MDX_JSX_TEXT, 0, 0, name, null, null, attributes, inlines);
    }

    /**
     * A JSX expression in text (MDX): {@code {...}}.
     *
     * @param source the JavaScript between the braces
     * @return the node
     */
    public static Node expressionText(String source) {
        return leaf(NodeKind.MDX_EXPRESSION_TEXT, 0, 0, Content.expression(source), null, null);
    }

    @Override
    public String toString() {
        if (document != null) {
            return "Node[copy of node " + index + ", " + kind + "]";
        }
        return "Node[" + kind + (children.isEmpty() ? "" : ", " + children.size() + " children") + "]";
    }

}
