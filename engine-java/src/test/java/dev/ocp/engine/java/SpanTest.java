package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.LineIndex;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.KitInputs;
import dev.ocp.tck.MarkdownGenerator;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Source spans are exact: over every spec example (also with CR LF and CR line endings), the progit corpus and
 * seeded generated inputs, {@link SpanChecker} finds every node inside its parent, after its previous sibling,
 * and holding in its spanned bytes what the node says. Known spans pin the conventions down.
 */
class SpanTest {
    private static final OcpEngine ENGINE = Ocp.engine("java");

    private static final ParseOptions DEEP = ParseOptions.defaults().withMaxNestingDepth(1 << 20)
            .withMaxInlineNesting(1 << 20);

    /** Checks one input; returns its problems prefixed with {@code name}. */
    private static List<String> check(String name, byte[] src) {
        return check(name, src, DEEP);
    }

    /** Checks one input parsed with {@code options}; returns its problems prefixed with {@code name}. */
    private static List<String> check(String name, byte[] src, ParseOptions options) {
        try (OcpDocument doc = ENGINE.parse(src, options)) {
            List<String> problems = new ArrayList<>();
            for (String p : SpanChecker.check(src, doc)) {
                problems.add(name + ": " + p);
            }
            return problems;
        }
    }

    private static void assertNoProblems(List<String> problems, int inputs) {
        assertTrue(inputs > 0, "there were inputs to check");
        assertTrue(problems.isEmpty(), () -> problems.size() + " span problems, first ones:\n"
                + String.join("\n", problems.subList(0, Math.min(Integer.getInteger("spans.shown", 30), problems.size()))));
    }

    private static List<SpecExample> spec() throws IOException {
        List<SpecExample> examples = SpecExample.readResource("/spec.txt");
        assertEquals(652, examples.size(), "spec.txt of CommonMark 0.31.2 is on the test class path");
        return examples;
    }

    @Test
    void specExamples() throws IOException {
        List<String> problems = new ArrayList<>();
        List<SpecExample> examples = spec();
        for (SpecExample ex : examples) {
            problems.addAll(check("example " + ex.number(), ex.markdown().getBytes(StandardCharsets.UTF_8)));
        }
        assertNoProblems(problems, examples.size());
    }

    @Test
    void specExamplesWithCrLfAndCrLineEndings() throws IOException {
        List<String> problems = new ArrayList<>();
        List<SpecExample> examples = spec();
        for (SpecExample ex : examples) {
            String md = ex.markdown();
            problems.addAll(check("example " + ex.number() + " (CR LF)",
                    md.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
            problems.addAll(check("example " + ex.number() + " (CR)",
                    md.replace("\n", "\r").getBytes(StandardCharsets.UTF_8)));
        }
        assertNoProblems(problems, examples.size());
    }

    @Test
    void specExamplesInsideContainers() throws IOException {
        // Each example quoted and in a list item: every line gains a container prefix the spans must skip.
        List<String> problems = new ArrayList<>();
        List<SpecExample> examples = spec();
        for (SpecExample ex : examples) {
            String md = ex.markdown();
            problems.addAll(check("example " + ex.number() + " (quoted)", prefixLines(md, "> ", "> ")));
            problems.addAll(check("example " + ex.number() + " (in an item)", prefixLines(md, "- ", "  ")));
        }
        assertNoProblems(problems, examples.size());
    }

    private static byte[] prefixLines(String md, String first, String rest) {
        StringBuilder sb = new StringBuilder();
        String[] lines = md.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            sb.append(i == 0 ? first : rest).append(lines[i]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void progitCorpus() throws IOException {
        Path corpus = Corpus.progit();
        assumeTrue(corpus != null, "the progit corpus (shared/corpus/progit/progit.md above the working directory,"
                + " or -Docp.corpus=DIR) is not on this machine");
        byte[] src = Files.readAllBytes(corpus);
        assertNoProblems(check("progit", src), 1);
    }

    @Test
    void generatedInputs() {
        List<String> problems = new ArrayList<>();
        List<byte[]> inputs = KitInputs.generated(20240601L, 4000);
        for (int i = 0; i < inputs.size(); i++) {
            problems.addAll(check("generated #" + i + " (seed 20240601)", inputs.get(i)));
        }
        assertNoProblems(problems, inputs.size());
    }

    @Test
    void gfmSpecExamplesAndGeneratedGfmDocuments() throws IOException {
        ParseOptions gfm = DEEP.withExtensions(Extension.GFM);
        List<String> problems = new ArrayList<>();
        List<SpecExample> examples = SpecExample.readResource("/gfm-spec.txt");
        assertTrue(examples.size() > 600, "gfm-spec.txt is on the test class path");
        for (SpecExample ex : examples) {
            byte[] md = ex.markdown().getBytes(StandardCharsets.UTF_8);
            problems.addAll(check("GFM example " + ex.number(), md, gfm));
            problems.addAll(check("GFM example " + ex.number() + " (in an item)", prefixLines(ex.markdown(), "- ", "  "),
                    gfm));
        }
        int generated = 2000;
        for (int i = 0; i < generated; i++) {
            problems.addAll(check("generated GFM #" + i, MarkdownGenerator.generateGfm(20_261_122, i)
                    .getBytes(StandardCharsets.UTF_8), gfm));
        }
        assertNoProblems(problems, examples.size() + generated);
    }

    @Test
    void markdownRsCasesAndGeneratedDocumentsWithFrontmatterAndMath() {
        ParseOptions every = DEEP.withExtensions(EnumSet.allOf(Extension.class));
        List<String> problems = new ArrayList<>();
        int generated = 2000;
        for (int i = 0; i < generated; i++) {
            problems.addAll(check("generated with math #" + i, MarkdownGenerator.generateWithMath(20_261_123, i)
                    .getBytes(StandardCharsets.UTF_8), every));
        }
        for (String md : List.of("---\na: 1\n---\n# T\n", "\uFEFF+++\r\nx = 1\r\n+++  \r\n", "  $$ m \\& \n  a\n $$\n",
                "> $$\n> x\n\n$a$ and $$ b $$ `c`\n")) {
            problems.addAll(check(MarkdownGenerator.javaLiteral(md), md.getBytes(StandardCharsets.UTF_8), every));
        }
        assertNoProblems(problems, generated + 4);
    }

    @Test
    void gfmSpans() {
        // A table and its rows from their first non-blank byte to their line's end, the delimiter row the table's
        // only; a cell its trimmed content, a missing cell empty at its row's end.
        assertEquals("TABLE 0-19 TABLE_ROW 0-7 TABLE_CELL 2-3 TEXT 2-3 TABLE_CELL 6-7 TEXT 6-7 TABLE_ROW 15-19"
                + " TABLE_CELL 15-18 TEXT 15-18 TABLE_CELL 19-19", gfmSpans("| a | b\n--|--\n c~~ \n"));
        // strikethrough with its tildes, a footnote reference from "[^" to "]", an autolink literal its text
        assertEquals("PARAGRAPH 0-26 STRIKETHROUGH 0-5 TEXT 2-3 TEXT 5-6 FOOTNOTE_REFERENCE 6-10 TEXT 10-11"
                + " LINK 11-26 TEXT 11-26 FOOTNOTE_DEFINITION 27-34 PARAGRAPH 33-34 TEXT 33-34",
                gfmSpans("~~a~~ [^n] https://x.org/a\n[^n]: b\n"));
        // a task item's paragraph after the marker, or at the marker line's end when nothing else is on it
        assertEquals("LIST 0-15 LIST_ITEM 0-7 PARAGRAPH 6-7 TEXT 6-7 LIST_ITEM 8-15 PARAGRAPH 13-15 SOFT_BREAK 13-14"
                + " TEXT 14-15", gfmSpans("- [ ] a\n- [x]\nb\n"));
        // In a cell, what starts at an escaped pipe starts at its backslash, and what ends before one ends there.
        assertEquals("TABLE 0-22 TABLE_ROW 0-5 TABLE_CELL 2-3 TEXT 2-3 TABLE_ROW 12-22 TABLE_CELL 14-20"
                + " EMPHASIS 14-17 TEXT 15-16 TEXT 17-20", gfmSpans("| a |\n| - |\n| *a*\\|b |"));
        assertEquals("TABLE 0-18 TABLE_ROW 0-5 TABLE_CELL 2-3 TEXT 2-3 TABLE_ROW 12-18 TABLE_CELL 14-16"
                + " TEXT 14-16", gfmSpans("| a |\n| - |\n| \\| |"));
    }

    private static String gfmSpans(String md) {
        return spans(md, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
    }

    @Test
    void randomBytes() {
        List<String> problems = new ArrayList<>();
        List<byte[]> inputs = KitInputs.randomBytes(99L, 1000);
        for (int i = 0; i < inputs.size(); i++) {
            problems.addAll(check("random bytes #" + i + " (seed 99)", inputs.get(i)));
        }
        assertNoProblems(problems, inputs.size());
    }

    @Test
    void hostileAndOddInputs() {
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Map<String, byte[]> set : List.of(KitInputs.pathological(), KitInputs.deepNesting(),
                KitInputs.invalidUtf8(), KitInputs.nulBytes())) {
            for (Map.Entry<String, byte[]> e : set.entrySet()) {
                problems.addAll(check(e.getKey(), e.getValue()));
                n++;
            }
        }
        problems.addAll(check("sample", KitInputs.sample()));
        assertNoProblems(problems, n);
    }

    // ---- the conventions, pinned down ----

    /** Spans of every node in pre-order, as "KIND s-e". */
    private static String spans(String md) {
        return spans(md, ParseOptions.defaults());
    }

    private static String spans(String md, ParseOptions options) {
        StringBuilder sb = new StringBuilder();
        try (OcpDocument doc = ENGINE.parse(md, options)) {
            OcpCursor c = doc.cursor();
            for (int i = 1; i < c.nodeCount(); i++) {
                c.moveTo(i);
                sb.append(sb.length() == 0 ? "" : " ").append(c.kind()).append(' ').append(c.spanStart()).append('-')
                        .append(c.spanEnd());
            }
        }
        return sb.toString();
    }

    @Test
    void blockSpansIncludeMarkersAndEndAtTheLineEnd() {
        // The quote starts at '>', its paragraph after "> "; the item at its marker; the heading at '#'.
        assertEquals("BLOCK_QUOTE 0-9 PARAGRAPH 2-9 TEXT 2-3 SOFT_BREAK 3-4 TEXT 6-9", spans("> a\n> bcd\n"));
        assertEquals("LIST 0-12 LIST_ITEM 0-5 PARAGRAPH 2-5 TEXT 2-5 LIST_ITEM 6-12 PARAGRAPH 9-12 TEXT 9-12",
                spans("- one\n-  two\n"));
        // Blank lines after an item's last child extend neither it nor its list; a '>' line extends its quote.
        assertEquals("LIST 0-8 LIST_ITEM 0-3 PARAGRAPH 2-3 TEXT 2-3 LIST_ITEM 5-8 PARAGRAPH 7-8 TEXT 7-8"
                + " PARAGRAPH 11-12 TEXT 11-12", spans("- a\n\n- b\n\n\nc"));
        assertEquals("BLOCK_QUOTE 0-5 PARAGRAPH 2-3 TEXT 2-3", spans("> a\n>\n"));
        assertEquals("HEADING 0-7 TEXT 2-4", spans("# Hi ##\n"));
        assertEquals("HEADING 0-8 TEXT 0-5", spans("Title\n==\n"));
        assertEquals("THEMATIC_BREAK 1-6", spans(" * * *\n"));
        // Fenced code spans its fences; indented code starts after its four columns of indentation.
        assertEquals("CODE_BLOCK 0-11", spans("```js\nx\n```\n"));
        assertEquals("CODE_BLOCK 4-5", spans("    x\n\n"));
        // An HTML block's leading spaces are part of its literal, so of its span.
        assertEquals("HTML_BLOCK 0-7", spans("  <div>\n"));
        // A definition spans the label through the title; the paragraph after it starts on its own line.
        assertEquals("DEFINITION 0-11 PARAGRAPH 12-15 LINK 12-15 TEXT 13-14", spans("[a]: /u \"t\"\n[a]\n"));
    }

    @Test
    void inlineSpansIncludeDelimiters() {
        assertEquals("PARAGRAPH 0-25 EMPHASIS 0-3 TEXT 1-2 TEXT 3-4 STRONG 4-9 TEXT 6-7 TEXT 9-10 CODE_SPAN 10-17"
                + " TEXT 17-18 LINK 18-25 TEXT 19-20", spans("*a* **b** `` c `` [d](/e)\n"));
        assertEquals("PARAGRAPH 0-18 IMAGE 0-7 TEXT 2-3 TEXT 7-8 LINK 8-18 TEXT 9-17", spans("![a](b) <http://x>\n"));
        // Breaks: the spaces or backslash before the line ending, and the line ending (CR LF: both bytes).
        assertEquals("PARAGRAPH 0-8 TEXT 0-1 HARD_BREAK 1-4 TEXT 4-5 HARD_BREAK 5-7 TEXT 7-8", spans("a  \nb\\\nc\n"));
        assertEquals("PARAGRAPH 0-4 TEXT 0-1 SOFT_BREAK 1-3 TEXT 3-4", spans("a\r\nb\r\n"));
    }

    @Test
    void lineAndColumnAreDerivableFromSpans() {
        String md = "# T\n\r\n> a *b*\r\n>\tc\rd\n";
        byte[] src = md.getBytes(StandardCharsets.UTF_8);
        LineIndex lines = LineIndex.of(src);
        assertEquals(6, lines.lineCount(), "LF, CR LF, CR LF, CR, LF end five lines; an empty sixth follows");
        try (OcpDocument doc = ENGINE.parse(src, ParseOptions.defaults())) {
            OcpCursor c = doc.cursor();
            assertTrue(c.toFirstChild());
            assertEquals(NodeKind.HEADING, c.kind());
            assertEquals("1:1", lines.position(c.spanStart()));
            assertEquals("1:4", lines.position(c.spanEnd()));
            assertTrue(c.toNextSibling());
            assertEquals(NodeKind.BLOCK_QUOTE, c.kind());
            assertEquals("3:1", lines.position(c.spanStart()));
            assertEquals("5:2", lines.position(c.spanEnd()), "the lazy line \"d\" ends the quote");
            assertTrue(c.toFirstChild());
            assertEquals(NodeKind.PARAGRAPH, c.kind());
            assertEquals("3:3", lines.position(c.spanStart()));
            assertTrue(c.toFirstChild());
            assertTrue(c.toNextSibling());
            assertEquals(NodeKind.EMPHASIS, c.kind());
            assertEquals("3:5", lines.position(c.spanStart()));
            assertEquals("3:8", lines.position(c.spanEnd()));
        }
        assertEquals(0, lines.lineStart(1));
        assertEquals(src.length, lines.lineStart(6));
        assertEquals("6:1", lines.position(src.length));
        assertEquals(5, lines.line(src.length - 1), "a line ending belongs to the line it ends");
    }
}
