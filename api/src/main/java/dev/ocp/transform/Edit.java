package dev.ocp.transform;

import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.ocp.spi.OcpFormat.*;

/**
 * What a {@link Rewriter} does to the node it is visiting: the handle it is given with the node, valid only during
 * that call ({@link IllegalStateException} after). Doing nothing keeps the node. At most one of {@link #remove},
 * {@link #unwrap} and {@link #replaceWith} may be called for a node; fields may change unless the node is removed or
 * replaced; nodes may be inserted around and inside it in any case.
 *
 * <p>Changes keep the document coherent where a field depends on another: a reference link whose destination or title
 * changes becomes an inline link (its definition still serves the others), as does an autolink; a code block given an
 * info string becomes fenced; a setext heading given a level above 2 becomes ATX. A node whose literal changes gets an
 * empty span at its start, as it no longer has the source it spanned.
 */
public final class Edit {
    private final PayloadWriter.Source source;
    private final OcpDocument document;
    private final Content content;
    private int index = -1;
    private NodeKind kind;
    private NodeKind parentKind;
    /** Whether {@link #parentKind} was read for this node: only a few edits need it, and most nodes have none. */
    private boolean parentKnown;
    private Change change;
    private boolean open;
    boolean skip;
    boolean stop;

    Edit(PayloadWriter.Source source, Content content) {
        this.source = source;
        this.document = source.document;
        this.content = content;
    }

    /** Points the edit at node {@code index}, for one call of the rewriter. */
    void begin(int index, NodeKind kind) {
        this.index = index;
        this.kind = kind; // null: read when an edit needs it
        this.parentKnown = false;
        this.change = null;
        this.skip = false;
        this.stop = false;
        this.open = true;
    }

    private NodeKind kind() {
        if (kind == null) {
            kind = NodeKind.fromCode(source.kind(index));
        }
        return kind;
    }

    private NodeKind parentKind() {
        if (!parentKnown) {
            int parent = source.field(index, N_PARENT);
            parentKind = parent == NONE ? null : NodeKind.fromCode(source.kind(parent));
            parentKnown = true;
        }
        return parentKind;
    }

    /** Ends the call; returns what changed, or null. */
    Change end() {
        open = false;
        return change;
    }

    private Change change() {
        if (!open) {
            throw new IllegalStateException("an Edit answers only during the Rewriter's visit of its node");
        }
        if (change == null) {
            change = new Change(index);
        }
        return change;
    }

    private Change structural(String what) {
        Change c = change();
        if (kind() == NodeKind.DOCUMENT) {
            throw new IllegalStateException("the document node cannot be " + what);
        }
        if (c.remove || c.unwrap || c.replacement != null) {
            throw new IllegalStateException("node " + index + " is already " + (c.remove ? "removed"
                    : c.unwrap ? "unwrapped" : "replaced") + "; it cannot also be " + what);
        }
        return c;
    }

    private Change field(String what) {
        Change c = change();
        if (c.remove || c.replacement != null) {
            throw new IllegalStateException("node " + index + " is " + (c.remove ? "removed" : "replaced")
                    + "; its " + what + " cannot change");
        }
        return c;
    }

    private IllegalArgumentException noField(String what) {
        return new IllegalArgumentException("a " + kind() + " has no " + what);
    }

    private List<Node> checked(NodeKind parent, Node[] nodes) {
        List<Node> list = List.of(nodes);
        content.checkInsert(parent, list);
        return list;
    }

    private int flags() {
        Change c = change;
        return c != null && c.flags >= 0 ? c.flags : source.payload.get(source.layout.record(index) + N_FLAGS) & 0xFF;
    }

    // ---- what becomes of the node ----

    /** Removes the node and its subtree. */
    public void remove() {
        structural("removed").remove = true;
        skip = true;
    }

    /**
     * Replaces the node by its children: a link by its text, an emphasis by what it emphasized, a JSX element by its
     * content. The children are still visited.
     *
     * @throws IllegalArgumentException if the children cannot stand where the node stands (a paragraph's inlines in a
     *                                  block quote, a list's items in the document)
     */
    public void unwrap() {
        if (parentKind() != null && Content.holds(kind()) != Content.holds(parentKind())) {
            throw new IllegalArgumentException("the children of a " + kind() + " cannot stand in its " + parentKind());
        }
        structural("unwrapped").unwrap = true;
    }

    /**
     * Replaces the node and its subtree by other nodes (none removes it). The subtree is not visited; to keep it
     * inside the replacement, use {@link #kept()}.
     *
     * @param nodes what stands in its place
     * @throws IllegalArgumentException if a node cannot stand where this one does
     */
    public void replaceWith(Node... nodes) {
        Change c = structural("replaced");
        c.replacement = checked(parentKind(), nodes);
        skip = true;
    }

    /**
     * Inserts nodes before this one, as its previous siblings.
     *
     * @param nodes what to insert
     * @throws IllegalArgumentException if a node cannot stand where this one does, or this one is frontmatter
     */
    public void insertBefore(Node... nodes) {
        requireParent();
        if (kind() == NodeKind.FRONTMATTER) {
            throw new IllegalArgumentException("frontmatter is the document's first block: insert after it");
        }
        change().before.addAll(checked(parentKind(), nodes));
    }

    /**
     * Inserts nodes after this one, as its next siblings.
     *
     * @param nodes what to insert
     * @throws IllegalArgumentException if a node cannot stand where this one does
     */
    public void insertAfter(Node... nodes) {
        requireParent();
        change().after.addAll(checked(parentKind(), nodes));
    }

    /**
     * Inserts nodes as this node's first children.
     *
     * @param nodes what to insert
     * @throws IllegalArgumentException if this node cannot hold them, or it is a document that starts with
     *                                  frontmatter
     */
    public void prepend(Node... nodes) {
        int first = source.field(index, N_FIRST_CHILD);
        if (kind() == NodeKind.DOCUMENT && first != NONE && source.kind(first) == NodeKind.FRONTMATTER.code()) {
            throw new IllegalArgumentException("frontmatter is the document's first block: insert after it");
        }
        change().prepend.addAll(checked(kind(), nodes));
    }

    /**
     * Inserts nodes as this node's last children.
     *
     * @param nodes what to insert
     * @throws IllegalArgumentException if this node cannot hold them
     */
    public void append(Node... nodes) {
        change().append.addAll(checked(kind(), nodes));
    }

    private void requireParent() {
        if (parentKind() == null) {
            throw new IllegalStateException("nothing can stand beside the document node");
        }
    }

    /**
     * This node and its subtree as they are in the source, to place inside a replacement: wrapping a table in a JSX
     * element is {@code edit.replaceWith(Node.jsxFlow("Wide", List.of(), edit.kept()))}. Copied as payload bytes.
     *
     * @return the node standing for this subtree
     */
    public Node kept() {
        change();
        return Node.copyOf(document, index);
    }

    /** Copies the node's subtree without visiting it. */
    public void skipChildren() {
        change();
        skip = true;
    }

    /** Copies the rest of the document, this node's subtree included, without visiting any more nodes. */
    public void stop() {
        change();
        stop = true;
    }

    // ---- fields ----

    /**
     * Changes the destination of a link, an image or a definition. A reference link or image becomes an inline one, an
     * autolink an ordinary link.
     *
     * @param destination the new destination, not percent-encoded
     */
    public void setDestination(String destination) {
        Objects.requireNonNull(destination, "destination");
        requireKind("destination", NodeKind.LINK, NodeKind.IMAGE, NodeKind.DEFINITION);
        Change c = field("destination");
        c.slots[0] = destination;
        inlineLink(c);
    }

    /**
     * Changes the title of a link, an image or a definition, as {@link #setDestination} does.
     *
     * @param title the new title, or {@code null} for none
     */
    public void setTitle(String title) {
        requireKind("title", NodeKind.LINK, NodeKind.IMAGE, NodeKind.DEFINITION);
        Change c = field("title");
        c.slots[1] = title;
        inlineLink(c);
    }

    private void inlineLink(Change c) {
        if (kind() != NodeKind.DEFINITION) {
            c.flags = flags() & ~0b1111;
            c.slots[2] = null;
        }
    }

    /**
     * Changes a literal: the text of a {@code TEXT}, the content of a code span, code block, HTML, frontmatter or math,
     * the source of an MDX expression or ESM block. Block literals get LF line endings and a final one; a code span's
     * line endings become spaces.
     *
     * @param literal the new literal
     */
    public void setLiteral(String literal) {
        Objects.requireNonNull(literal, "literal");
        Change c = field("literal");
        c.slots[0] = switch (kind()) {
            case TEXT -> literal;
            case HTML_INLINE -> {
                c.slots[2] = null; // v1.5: the old HTML as written
                yield literal;
            }
            case CODE_SPAN, MATH_INLINE -> {
                c.slots[1] = null;
                c.slots[2] = null; // v1.5: the old content as written
                yield Content.oneLine(literal);
            }
            case CODE_BLOCK -> {
                c.slots[2] = null; // an indented block's trailing lines (v1.5) were the old literal's
                yield Content.lines(literal);
            }
            case FRONTMATTER, MATH_BLOCK -> Content.lines(literal);
            case HTML_BLOCK -> {
                c.data = Content.htmlStartCondition(Content.lines(literal));
                yield Content.lines(literal);
            }
            case MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT -> Content.expression(literal);
            case MDX_ESM -> Content.withoutFinalLineEnding(literal);
            case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, DEFINITION, TABLE,
                 TABLE_ROW, TABLE_CELL, FOOTNOTE_DEFINITION, MDX_JSX_FLOW, SOFT_BREAK, HARD_BREAK, EMPHASIS,
                 STRONG, LINK, IMAGE, STRIKETHROUGH, FOOTNOTE_REFERENCE, MDX_JSX_TEXT, CONTAINER_DIRECTIVE,
                 LEAF_DIRECTIVE, TEXT_DIRECTIVE -> throw noField("literal");
        };
        c.emptySpan = true;
    }

    /**
     * Changes the info string of a code block (an indented one becomes fenced) or the meta of a math block.
     *
     * @param info the new info string, one line, or {@code null} for none
     */
    public void setInfo(String info) {
        requireKind("info string", NodeKind.CODE_BLOCK, NodeKind.MATH_BLOCK);
        String value = info == null || info.isBlank() ? null : info.strip();
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("an info string is one line");
        }
        Change c = field("info string");
        c.slots[1] = value;
        if (kind() == NodeKind.CODE_BLOCK && (flags() & 1) == 0) {
            c.flags = 1;
            c.data = '`';
            c.slots[2] = null; // a fence has no trailing indented lines (v1.5)
        }
    }

    /**
     * Changes the label of a definition, a footnote definition or reference, or a reference link or image.
     *
     * @param label the new label
     */
    public void setLabel(String label) {
        Content.requireLabel(label);
        requireKind("label", NodeKind.DEFINITION, NodeKind.FOOTNOTE_DEFINITION, NodeKind.FOOTNOTE_REFERENCE,
                NodeKind.LINK, NodeKind.IMAGE);
        if ((kind() == NodeKind.LINK || kind() == NodeKind.IMAGE) && (flags() & 0b1100) == 0) {
            throw new IllegalArgumentException("this " + kind() + " is not a reference and has no label");
        }
        field("label").slots[2] = label;
    }

    /**
     * Changes a heading's level; a setext heading given level 3 to 6 becomes an ATX heading.
     *
     * @param level 1 to 6
     */
    public void setHeadingLevel(int level) {
        requireKind("level", NodeKind.HEADING);
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("a heading's level is 1 to 6, not " + level);
        }
        Change c = field("level");
        c.data = level;
        if (level > 2) {
            c.flags = flags() & ~1;
        }
    }

    /**
     * Makes a list item a task item, checked or not, or an ordinary item (GFM).
     *
     * @param checked whether the task is done, or {@code null} for an item that is no task
     */
    public void setTask(Boolean checked) {
        requireKind("task state", NodeKind.LIST_ITEM);
        if (checked != null) {
            content.checkKind(NodeKind.LIST_ITEM, true);
            int first = source.field(index, N_FIRST_CHILD);
            if (first == NONE || source.kind(first) != NodeKind.PARAGRAPH.code()) {
                throw new IllegalArgumentException("only an item that starts with a paragraph can be a task");
            }
        }
        Change c = field("task state");
        c.flags = flags() & ~0b11 | (checked == null ? 0 : checked ? 0b11 : 0b01);
        if (checked == null) {
            c.slots[0] = null; // v1.5: where its check was; an item that is no task has none
        }
    }

    /**
     * Changes an ordered list's first number.
     *
     * @param start 0 to 999999999
     */
    public void setListStart(long start) {
        requireKind("start", NodeKind.LIST);
        if ((flags() & 1) == 0) {
            throw new IllegalArgumentException("a bullet list has no start number");
        }
        if (start < 0 || start > 999_999_999L) {
            throw new IllegalArgumentException("an ordered list starts at 0 to 999999999, not " + start);
        }
        field("start").slots[0] = start;
    }

    /**
     * Renames a JSX element.
     *
     * @param name the new name, or {@code null} for a fragment (which has no attributes)
     */
    public void setJsxName(String name) {
        requireKind("name", NodeKind.MDX_JSX_FLOW, NodeKind.MDX_JSX_TEXT);
        Change c = field("name");
        List<Node.Attribute> attributes = c.attributes != null ? c.attributes : currentAttributes();
        Content.checkJsx(name, attributes);
        c.slots[0] = name;
    }

    /**
     * Replaces a JSX element's attributes.
     *
     * @param attributes the new attributes, in order
     */
    public void setAttributes(List<Node.Attribute> attributes) {
        requireKind("attributes", NodeKind.MDX_JSX_FLOW, NodeKind.MDX_JSX_TEXT);
        Change c = field("attributes");
        Object name = c.slots[0] == Change.KEEP ? document.node(index).jsxName() : c.slots[0];
        Content.checkJsx((String) name, attributes);
        c.attributes = List.copyOf(attributes);
    }

    /**
     * Sets one plain attribute of a JSX element: replaces the first of that name, or adds it at the end.
     *
     * @param name  the attribute's name
     * @param value its value
     */
    public void setAttribute(String name, String value) {
        List<Node.Attribute> list = attributesForChange();
        Node.Attribute attribute = Node.Attribute.plain(name, value);
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).name())) {
                list.set(i, attribute);
                setAttributes(list);
                return;
            }
        }
        list.add(attribute);
        setAttributes(list);
    }

    /**
     * Removes every attribute of that name from a JSX element.
     *
     * @param name the attribute's name
     */
    public void removeAttribute(String name) {
        List<Node.Attribute> list = attributesForChange();
        list.removeIf(a -> name.equals(a.name()));
        setAttributes(list);
    }

    private List<Node.Attribute> attributesForChange() {
        requireKind("attributes", NodeKind.MDX_JSX_FLOW, NodeKind.MDX_JSX_TEXT);
        Change c = field("attributes");
        return new ArrayList<>(c.attributes != null ? c.attributes : currentAttributes());
    }

    private List<Node.Attribute> currentAttributes() {
        return Node.Attribute.of(document.node(index));
    }

    private void requireKind(String what, NodeKind... kinds) {
        if (!open) {
            throw new IllegalStateException("an Edit answers only during the Rewriter's visit of its node");
        }
        for (NodeKind k : kinds) {
            if (k == kind()) {
                return;
            }
        }
        throw noField(what);
    }
}
