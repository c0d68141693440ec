package dev.ocp.internal;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.spi.OcpFormat.*;

/** Shorthands for building trees in tests, and rendering them through the public API. */
public final class Trees {
    private Trees() {
    }

    public static Node em(Node... children) {
        return node(EMPHASIS, children).data('*');
    }

    public static Node strong(Node... children) {
        return node(STRONG, children).data('*');
    }

    public static Node link(String destination, String title, Node... children) {
        return node(LINK, children).a(destination).b(title);
    }

    public static Node image(String destination, String title, Node... children) {
        return node(IMAGE, children).a(destination).b(title);
    }

    public static Node bullets(boolean tight, Node... items) {
        return node(LIST, items).flags(tight ? FLAG_LIST_TIGHT : 0).data('-');
    }

    public static Node ordered(int start, boolean tight, Node... items) {
        return node(LIST, items).flags(FLAG_LIST_ORDERED | (tight ? FLAG_LIST_TIGHT : 0)).data('.').a(start);
    }

    public static Node item(Node... children) {
        return node(LIST_ITEM, children);
    }

    public static Node heading(int level, Node... children) {
        return node(HEADING, children).data(level);
    }

    public static Node quote(Node... children) {
        return node(BLOCK_QUOTE, children);
    }

    public static Node fenced(String info, String literal) {
        return node(CODE_BLOCK).flags(FLAG_CODE_FENCED).data('`').a(literal).b(info);
    }

    public static Node indented(String literal) {
        return node(CODE_BLOCK).a(literal);
    }

    public static Node htmlBlock(int condition, String literal) {
        return node(HTML_BLOCK).data(condition).a(literal);
    }

    public static Node inlineHtml(String literal) {
        return node(HTML_INLINE).a(literal);
    }

    public static Node code(String literal) {
        return node(CODE_SPAN).a(literal);
    }

    public static Node soft() {
        return node(SOFT_BREAK);
    }

    public static Node hard() {
        return node(HARD_BREAK);
    }

    public static Node table(Node... rows) {
        return node(TABLE, rows);
    }

    public static Node row(boolean header, Node... cells) {
        return node(TABLE_ROW, cells).flags(header ? FLAG_TABLE_HEADER : 0);
    }

    public static Node cell(boolean header, int align, Node... children) {
        return node(TABLE_CELL, children).flags(header ? FLAG_TABLE_HEADER : 0).data(align);
    }

    public static Node jsxFlow(String name, Node... children) {
        return node(MDX_JSX_FLOW, children).a(name);
    }

    public static Node jsxText(String name, Node... children) {
        return node(MDX_JSX_TEXT, children).a(name);
    }

    public static String html(Node root) {
        return html(Dialect.COMMONMARK, root);
    }

    public static String html(Dialect dialect, Node root) {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().dialect(dialect).payload(root))) {
            return d.toHtml();
        }
    }

    /** HTML of a payload whose header says CommonMark with GFM. */
    public static String gfmHtml(Node root) {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().gfm().payload(root))) {
            return d.toHtml();
        }
    }

    /** JSON of a payload whose header says CommonMark with GFM. */
    public static String gfmJson(Node root) {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().gfm().payload(root))) {
            return d.toJson();
        }
    }

    public static String json(Node root) {
        return json(Dialect.COMMONMARK, root);
    }

    public static String json(Dialect dialect, Node root) {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().dialect(dialect).payload(root))) {
            return d.toJson();
        }
    }

    /** Every kind of v1 at least once, with strings, attributes and numbers: a canonical payload. */
    public static Node kitchenSink() {
        return kitchenSink(true);
    }

    /** Every kind, or (without {@code directives}) every kind of v1.0 to v1.5. */
    public static Node kitchenSink(boolean directives) {
        Node sink = doc(
                node(FRONTMATTER).data(FRONTMATTER_YAML).a("title: x\n"),
                node(MDX_ESM).a("import X from 'x'"),
                heading(2, text("Title "), em(text("em")), strong(text("strong"))).flags(FLAG_HEADING_SETEXT),
                para(text("a & b < c > \"d\""), soft(), code("x<y"), hard(), link("/u r?a=1&b=%zz", "t\"", text("l")),
                        image("/i.png", null, text("alt "), em(text("x"))), inlineHtml("<b>"),
                        node(STRIKETHROUGH, text("del")), node(FOOTNOTE_REFERENCE).c("n"),
                        node(MATH_INLINE).a("x^2"), jsxText("Badge", text("jsx")).attr(ATTR_PLAIN, "k", "v", 1, 2),
                        node(MDX_EXPRESSION_TEXT).a("1 + 1"),
                        link("http://x", null, text("http://x")).flags(FLAG_LINK_AUTOLINK),
                        link("http://www.y", null, text("www.y")).flags(FLAG_LINK_LITERAL)),
                node(THEMATIC_BREAK),
                quote(para(text("q"))),
                bullets(true, item(para(text("one"))), item(para(text("two")), bullets(false, item(para(text("in")))))),
                ordered(7, false, item(para(text("seven"))).flags(FLAG_ITEM_TASK | FLAG_ITEM_CHECKED)),
                fenced("java extra", "int x;\n"),
                indented("code\n"),
                htmlBlock(6, "<div>\n"),
                node(DEFINITION).a("/url").b("title").c("Label"),
                table(row(true, cell(true, ALIGN_LEFT, text("h1")), cell(true, ALIGN_NONE, text("h2"))),
                        row(false, cell(false, ALIGN_CENTER, text("c1")), cell(false, ALIGN_RIGHT, text("c2")))),
                node(FOOTNOTE_DEFINITION, para(text("note"))).c("N"),
                node(MATH_BLOCK).a("\\sum x\n").b("meta"),
                jsxFlow("Chart", para(text("inside")))
                        .attr(ATTR_PLAIN, "title", "T", 3, 4).attr(ATTR_EXPRESSION, "data", "[1, 2]", 5, 6)
                        .attr(ATTR_BOOLEAN, "wide", null, 7, 8).attr(ATTR_SPREAD, null, "...rest", 9, 10),
                jsxFlow(null, para(text("fragment"))),
                node(MDX_EXPRESSION_FLOW).a("x"));
        return !directives ? sink : sink.add(
                node(CONTAINER_DIRECTIVE, para(text("Heads up")).flags(FLAG_PARAGRAPH_DIRECTIVE_LABEL),
                        para(text("body"), node(TEXT_DIRECTIVE, text("kbd")).a("kbd").attr(ATTR_PLAIN, "class", "k", 11, 12)))
                        .a("note").attr(ATTR_PLAIN, "id", "n1", 13, 14),
                node(LEAF_DIRECTIVE, text("video")).a("youtube").attr(ATTR_PLAIN, "vid", "x1", 15, 16));
    }

    public static int kinds() {
        return NodeKind.values().length;
    }
}
