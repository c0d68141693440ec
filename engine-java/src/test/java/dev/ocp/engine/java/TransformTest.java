package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpNode;
import dev.ocp.OcpNode.Alignment;
import dev.ocp.ParseOptions;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.markdown.MarkdownRenderer;
import dev.ocp.spi.OcpFormat;
import dev.ocp.tck.RoundTrip;
import dev.ocp.transform.Edit;
import dev.ocp.transform.Node;
import dev.ocp.transform.Transform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transform and builder API ({@code dev.ocp.transform}) as a user meets it, on this engine's documents: what
 * an edit refuses and when, what a built document reads as. The kit's {@code Transforms} suite holds every engine's
 * documents to the transforms' validity, round trips and identity.
 */
class TransformTest {
    private static OcpEngine engine;

    @BeforeAll
    static void open() {
        engine = Ocp.engine("java");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The edit of a node answers only during its visit; what cannot stand somewhere is refused there, clearly. */
    @Test
    void misusesOfAnEditFailLoudly() {
        try (OcpDocument doc = engine.parse("# Title\n\nSome *text* and [a link](/x).\n")) {
            AtomicReference<Edit> kept = new AtomicReference<>();
            List<Class<? extends Exception>> thrown = new ArrayList<>();
            try (OcpDocument out = Transform.apply(doc, (node, edit) -> {
                kept.set(edit);
                switch (node.kind()) {
                    case DOCUMENT -> thrown.add(failure(edit::remove));
                    case PARAGRAPH -> {
                        thrown.add(failure(() -> edit.append(Node.paragraph(Node.text("a block in a paragraph")))));
                        thrown.add(failure(() -> edit.setHeadingLevel(2)));
                        thrown.add(failure(edit::unwrap));
                    }
                    case EMPHASIS -> {
                        edit.remove();
                        thrown.add(failure(edit::unwrap));
                        thrown.add(failure(() -> edit.insertAfter(Node.table(List.of(dev.ocp.OcpNode.Alignment.NONE),
                                Node.tableRow(Node.tableCell(Node.text("GFM in CommonMark")))))));
                    }
                    default -> {
                    }
                }
            })) {
                assertEquals(List.of(IllegalStateException.class, IllegalArgumentException.class,
                        IllegalArgumentException.class, IllegalArgumentException.class, IllegalStateException.class,
                        IllegalArgumentException.class), thrown);
                assertEquals("<h1>Title</h1>\n<p>Some  and <a href=\"/x\">a link</a>.</p>\n", out.toHtml());
                assertThrows(IllegalStateException.class, () -> kept.get().setDestination("/y"),
                        "an edit kept past its visit");
                out.close();
                assertTrue(out.isClosed());
                assertThrows(IllegalStateException.class, out::toHtml, "a closed result");
                assertFalse(doc.isClosed(), "the source stays open");
            }
            assertThrows(IllegalStateException.class, () -> Transform.apply(closed(engine), (n, e) -> { }));
        }
    }

    private static OcpDocument closed(OcpEngine engine) {
        OcpDocument doc = engine.parse("x");
        doc.close();
        return doc;
    }

    private static Class<? extends Exception> failure(Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return e.getClass();
        }
        return null;
    }

    /** A document built in code writes Markdown that parses back to it (same HTML and mdast). */
    @Test
    void aBuiltDocumentRoundTripsThroughMarkdown() {
        ParseOptions options = ParseOptions.defaults();
        try (OcpDocument built = Node.buildDocument(options,
                Node.heading(1, Node.text("Release "), Node.codeSpan("1.0")),
                Node.paragraph(Node.text("Read *this* [first]: "), Node.link("https://example.org/a b", "T",
                        Node.strong(Node.text("the notes"))), Node.hardBreak(), Node.text("# not a heading")),
                Node.bulletList(Node.listItem(Node.paragraph(Node.text("1. not a list"))),
                        Node.listItem(Node.paragraph(Node.text("two")))),
                Node.orderedList(3, Node.listItem(Node.paragraph(Node.text("three")))),
                Node.blockQuote(Node.codeBlock("java", "int x;\n```\n"), Node.thematicBreak()),
                Node.htmlBlock("<div>raw</div>"))) {
            OcpFormat.validateCanonical(built.bytes());
            assertEquals("<h1>Release <code>1.0</code></h1>\n"
                    + "<p>Read *this* [first]: <a href=\"https://example.org/a%20b\" title=\"T\"><strong>the notes"
                    + "</strong></a><br />\n# not a heading</p>\n"
                    + "<ul>\n<li>1. not a list</li>\n<li>two</li>\n</ul>\n"
                    + "<ol start=\"3\">\n<li>three</li>\n</ol>\n"
                    + "<blockquote>\n<pre><code class=\"language-java\">int x;\n```\n</code></pre>\n<hr />\n</blockquote>\n"
                    + "<div>raw</div>\n", built.toHtml());
            assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
        }
    }

    /**
     * A list made loose in code renders its paragraphs in {@code <p>}, says it is spread in mdast, is written with a
     * blank line between its items, and parses back to itself; a tight one stays tight.
     */
    @Test
    void aBuiltLooseListIsLooseInEveryOutputAndRoundTrips() {
        ParseOptions options = ParseOptions.defaults();
        Node tight = Node.bulletList(Node.listItem(Node.paragraph(Node.text("one"))),
                Node.listItem(Node.paragraph(Node.text("two"))));
        try (OcpDocument built = Node.buildDocument(options, tight.loose(), Node.thematicBreak(),
                Node.orderedList(7, Node.listItem(Node.paragraph(Node.text("seven")), Node.paragraph(Node.text("8"))))
                        .loose(), Node.thematicBreak(),
                tight)) {
            OcpFormat.validateCanonical(built.bytes());
            assertEquals("<ul>\n<li>\n<p>one</p>\n</li>\n<li>\n<p>two</p>\n</li>\n</ul>\n<hr />\n"
                    + "<ol start=\"7\">\n<li>\n<p>seven</p>\n<p>8</p>\n</li>\n</ol>\n<hr />\n"
                    + "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n", built.toHtml());
            assertEquals("- one\n\n- two\n\n***\n\n7. seven\n\n   8\n\n***\n\n- one\n- two\n", built.toMarkdown());
            OcpNode first = built.node(1);
            assertEquals(NodeKind.LIST, first.kind());
            assertFalse(first.isTightList());
            assertTrue(first.isSpread());
            String mdast = built.toMdast(new byte[0]);
            assertEquals(2, mdast.split("\"spread\":true", -1).length - 1, mdast); // the bullet list; the one item of the other
            assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
        }
        assertThrows(IllegalStateException.class, () -> Node.paragraph(Node.text("a")).loose());
        // One item holding one block: no blank line could make it loose in Markdown.
        assertThrows(IllegalStateException.class,
                () -> Node.bulletList(Node.listItem(Node.paragraph(Node.text("a")))).loose());
        // A copied item keeps its document's spread: one that is spread makes a list of it loose, one that is not
        // cannot.
        try (OcpDocument parsed = engine.parse("- a\n\n  b\n\n***\n\n- c\n".getBytes(StandardCharsets.UTF_8),
                options)) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < parsed.nodeCount(); i++) {
                if (parsed.node(i).kind() == NodeKind.LIST_ITEM) {
                    items.add(i);
                }
            }
            assertEquals(2, items.size());
            Node spread = Node.copyOf(parsed, items.get(0));
            Node tightItem = Node.copyOf(parsed, items.get(1));
            try (OcpDocument built = Node.buildDocument(options, Node.bulletList(spread).loose())) {
                assertEquals("<ul>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n</ul>\n", built.toHtml());
                assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
            }
            assertThrows(IllegalStateException.class, () -> Node.bulletList(tightItem).loose());
        }
    }

    /**
     * A paragraph a transform starts with a hard break (a code block's lines made text): two spaces alone on the
     * first line would be a blank line, so the break is written with a backslash, whatever the style asked.
     */
    @Test
    void aHardBreakFirstInAParagraphIsWrittenSoThatItStays() {
        ParseOptions options = ParseOptions.defaults();
        try (OcpDocument built = Node.buildDocument(options, Node.paragraph(Node.hardBreak(), Node.text("a")))) {
            for (MarkdownOptions.HardBreak style : MarkdownOptions.HardBreak.values()) {
                String written = MarkdownRenderer.renderToString(built.cursor(),
                        MarkdownOptions.defaults().withHardBreak(style));
                assertEquals("\\\na\n", written, style.name());
                try (OcpDocument back = engine.parse(written.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        options)) {
                    assertEquals("<p><br />\na</p>\n", back.toHtml(), style.name());
                }
            }
        }
    }

    /** Every GFM, frontmatter and math kind built in code: valid, and it round-trips; a short row is padded. */
    @Test
    void aBuiltGfmDocumentWithEveryExtensionRoundTrips() {
        ParseOptions options = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH);
        try (OcpDocument built = Node.buildDocument(options,
                Node.yamlFrontmatter("title: x"),
                Node.heading(2, Node.text("T"), Node.strikethrough(Node.text("gone")), Node.mathInline("x^2")),
                Node.table(List.of(Alignment.LEFT, Alignment.RIGHT),
                        Node.tableRow(Node.tableCell(Node.text("a|b")), Node.tableCell(Node.text("c"))),
                        Node.tableRow(Node.tableCell(Node.codeSpan("x|y")))),
                Node.bulletList(Node.taskItem(true, Node.paragraph(Node.text("done"))),
                        Node.taskItem(false, Node.paragraph(Node.text("todo")))),
                Node.paragraph(Node.text("note"), Node.footnoteReference("n1"),
                        Node.image("/i.png", null, Node.text("alt *x*")), Node.htmlInline("<b>"), Node.text("bold"),
                        Node.htmlInline("</b>")),
                Node.footnoteDefinition("n1", Node.paragraph(Node.text("the note"))),
                Node.definition("ref", "/r", "title"),
                Node.mathBlock("a+b"),
                Node.codeBlock(null, "plain"))) {
            OcpFormat.validateCanonical(built.bytes());
            assertTrue(built.toHtml().contains("<td align=\"left\"><code>x|y</code></td>\n<td align=\"right\"></td>"),
                    built.toHtml());
            assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
        }
    }

    /** Alerts and heading ids built in code: valid, their HTML github.com's and the id's, and they round-trip. */
    @Test
    void aBuiltDocumentWithAlertsAndHeadingIdsRoundTrips() {
        ParseOptions options = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.ALERTS,
                Extension.HEADING_IDS);
        try (OcpDocument built = Node.buildDocument(options,
                Node.heading(2, " setup ", Node.text("Setup {#not-an-id}")),
                Node.alert(dev.ocp.OcpNode.AlertType.CAUTION, Node.codeBlock(null, "code"),
                        Node.paragraph(Node.text("[!NOTE]"))),
                Node.blockQuote(Node.paragraph(Node.text("[!TIP]")), Node.paragraph(Node.text("a quote"))))) {
            OcpFormat.validateCanonical(built.bytes());
            assertEquals("<h2 id=\"setup\">Setup {#not-an-id}</h2>\n"
                    + "<div class=\"markdown-alert markdown-alert-caution\">\n<p class=\"markdown-alert-title\">Caution"
                    + "</p>\n<pre><code>code\n</code></pre>\n<p>[!NOTE]</p>\n</div>\n"
                    + "<blockquote>\n<p>[!TIP]</p>\n<p>a quote</p>\n</blockquote>\n", built.toHtml());
            assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
        }
        assertThrows(IllegalArgumentException.class, () -> Node.heading(1, "a}b", Node.text("x")));
        assertThrows(IllegalArgumentException.class, () -> Node.buildDocument(ParseOptions.defaults(),
                Node.heading(1, "id", Node.text("x"))));
    }

    /** JSX with every attribute kind, expressions, ESM and a fragment, built in code: valid, and it round-trips. */
    @Test
    void aBuiltMdxDocumentRoundTrips() {
        ParseOptions options = ParseOptions.of(Dialect.MDX, Extension.GFM);
        
        try (OcpDocument built = Node.buildDocument(options,
                Node.esm("import X from './x'"),
                Node.jsxFlow("Chart", List.of(Node.Attribute.plain("title", "A \"q\""),
                                Node.Attribute.expression("data", "[1, 2]"), Node.Attribute.bool("wide"),
                                Node.Attribute.spread("...props")),
                        Node.paragraph(Node.text("inside "), Node.jsxText("b", List.of(), Node.text("bold")),
                                Node.expressionText("1 + 1"))),
                Node.expressionFlow("meta.x"),
                Node.jsxFlow(null, List.of()))) {
            OcpFormat.validateCanonical(built.bytes());
            assertEquals("import X from './x'\n\n<Chart title='A \"q\"' data={[1, 2]} wide {...props}>\n"
                    + "  inside <b>bold</b>{1 + 1}\n</Chart>\n\n{meta.x}\n\n<></>\n", built.toMarkdown());
            assertEquals(null, RoundTrip.check(engine, built, new byte[0], options));
        }
    }


    /** The first README example's shape: every relative link made absolute, written back as Markdown. */
    @Test
    void relativeLinksBecomeAbsoluteAndReferencesStayResolved() {
        String source = "# Docs\n\nSee [the guide](guide.md), [home](https://example.org/) and [ref][r].\n\n"
                + "[r]: api/index.md\n";
        try (OcpDocument doc = engine.parse(source);
             OcpDocument out = Transform.apply(doc, (node, edit) -> {
                 // A reference takes its destination from its definition: changing the definition is enough.
                 boolean own = node.kind() == NodeKind.LINK && node.referenceType() == null
                         || node.kind() == NodeKind.DEFINITION;
                 if (own && !node.destination().contains(":")) {
                     edit.setDestination("https://example.org/docs/" + node.destination());
                 }
             })) {
            assertEquals("# Docs\n\nSee [the guide](https://example.org/docs/guide.md), [home](https://example.org/)"
                    + " and [ref][r].\n\n[r]: https://example.org/docs/api/index.md\n", out.toMarkdown());
            assertNull(RoundTrip.check(engine, out, source.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ParseOptions.defaults()));
        }
    }

    /** A subtree kept inside its replacement, and one copied from another document, are the same nodes there. */
    @Test
    void keptAndCopiedSubtreesCarryOver() {
        try (OcpDocument doc = engine.parse("> quoted *text*\n\npara\n");
             OcpDocument other = engine.parse("- from\n- elsewhere\n");
             OcpDocument out = Transform.apply(doc, (node, edit) -> {
                 if (node.kind() == NodeKind.BLOCK_QUOTE) {
                     edit.replaceWith(Node.bulletList(Node.listItem(edit.kept())));
                 } else if (node.kind() == NodeKind.PARAGRAPH && node.parentIndex() == 0) {
                     edit.insertAfter(Node.copyOf(other, 1));
                 }
             })) {
            OcpFormat.validateCanonical(out.bytes());
            assertEquals("- > quoted *text*\n\npara\n\n- from\n- elsewhere\n", out.toMarkdown());
        }
    }

    /** Slot a of each list item of {@code doc}: where a task item's check starts (v1.5), NONE when not recorded. */
    private static List<Integer> checks(OcpDocument doc) {
        java.nio.ByteBuffer payload = doc.bytes().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        dev.ocp.internal.PayloadLayout layout = dev.ocp.internal.PayloadLayout.of(payload);
        List<Integer> checks = new ArrayList<>();
        for (int i = 0; i < doc.nodeCount(); i++) {
            if (doc.node(i).kind() == NodeKind.LIST_ITEM) {
                checks.add(payload.getInt(layout.record(i) + OcpFormat.N_A));
            }
        }
        return checks;
    }

    /**
     * A task item's check (v1.5) stays where it still stands before the item's first child, and goes where it would
     * not: with the task state, before a block put in front of its paragraph, and into another document's source.
     */
    @Test
    void aTaskItemsCheckGoesWhereItNoLongerHolds() {
        ParseOptions gfm = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
        String source = "- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n";
        try (OcpDocument doc = engine.parse(source, gfm);
             OcpDocument other = engine.parse("- [x] e\n", gfm)) {
            assertEquals(List.of(2, 10, 18, 26), checks(doc));
            try (OcpDocument out = Transform.apply(doc, (node, edit) -> {
                if (node.kind() == NodeKind.LIST_ITEM) {
                    switch (node.spanStart()) {
                        case 0 -> edit.prepend(Node.paragraph(Node.text("first")));
                        case 8 -> edit.setTask(null);
                        case 16 -> edit.setTask(true);
                        default -> edit.insertAfter(Node.copyOf(other, 2));
                    }
                }
            })) {
                OcpFormat.validateCanonical(out.bytes());
                assertEquals(List.of(OcpFormat.NONE, OcpFormat.NONE, 18, 26, OcpFormat.NONE), checks(out));
                assertTrue(out.toMdast(source.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"checked\":true"));
            }
        }
    }

    /**
     * Binary first, measured: a transform that changes one link of a large document allocates about the new payload
     * and nothing per node (a rebuild would allocate objects for each of its 200,000 nodes).
     */
    @Test
    void changingOneLinkAllocatesAboutThePayloadAndNothingPerNode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("Paragraph ").append(i).append(" with *emphasis*, `code` and [a link](/p").append(i)
                    .append(").\n\n");
        }
        try (OcpDocument doc = engine.parse(sb.toString())) {
            int size = doc.bytes().remaining();
            for (int i = 0; i < 3; i++) {
                Transform.apply(doc, oneLink()).close(); // warm up
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            try (OcpDocument out = Transform.apply(doc, oneLink())) {
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(out.toHtml().contains("<a href=\"/changed\">"), "the link changed");
                // The new payload and the pool's room to spare (a sixteenth): a rebuild of 20 bytes a node would
                // add a half of it again (measured: 1.09 times the payload).
                assertTrue(allocated < size + size / 4, "a transform of a " + size + "-byte payload with "
                        + doc.nodeCount() + " nodes allocated " + allocated + " bytes");
            }
        }
    }

    private static dev.ocp.transform.Rewriter oneLink() {
        return (node, edit) -> {
            if (node.kind() == NodeKind.LINK && node.destination().equals("/p10000")) {
                edit.setDestination("/changed");
                edit.stop();
            }
        };
    }

    /**
     * A payload read from outside ({@code Ocp.read}: valid, not known to be canonical) is copied string by string
     * rather than in runs; the result is the same bytes as from the engine's own document.
     */
    @Test
    void aPayloadReadFromOutsideTransformsToTheSameBytes() {
        String source = "# T\n\n> a *b* [c](/d) `e`\n\n- f\n- [g][h]\n\n[h]: /i\n\n```x\ny\n```\n";
        dev.ocp.transform.Rewriter rewriter = (node, edit) -> {
            if (node.kind() == NodeKind.EMPHASIS) {
                edit.unwrap();
            } else if (node.kind() == NodeKind.LINK && node.referenceType() == null) {
                edit.setDestination("/changed");
            } else if (node.kind() == NodeKind.LIST) {
                edit.insertBefore(Node.paragraph(Node.text("list:")));
            }
        };
        try (OcpDocument doc = engine.parse(source)) {
            java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(doc.bytes().remaining());
            copy.put(doc.bytes()).flip();
            try (OcpDocument outside = Ocp.read(copy);
                 OcpDocument fromEngine = Transform.apply(doc, rewriter);
                 OcpDocument fromOutside = Transform.apply(outside, rewriter)) {
                assertEquals(fromEngine.bytes(), fromOutside.bytes());
                OcpFormat.validateCanonical(fromOutside.bytes());
                assertTrue(fromOutside.toMarkdown().contains("list:\n\n- f"), fromOutside.toMarkdown());
            }
        }
    }
}
