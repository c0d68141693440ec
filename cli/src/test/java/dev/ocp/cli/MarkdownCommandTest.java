package dev.ocp.cli;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ocp markdown}: the normalized Markdown of a file or standard input, the style options that change it, and
 * {@code --check}, which names the files that are not already so, on the real engines.
 */
class MarkdownCommandTest {
    /**
     * A setext heading, {@code *} bullets, {@code _} emphasis, a {@code ---} break and indented code: the writer keeps
     * them all but the underline's length.
     */
    private static final String PAGE = "Caf\u00e9\n=====\n\n* one\n* two\n\nSome _text_ and __more__.\n\n---\n\n"
            + "    code\n";
    private static final String NORMALIZED = "Caf\u00e9\n===\n\n* one\n* two\n\nSome _text_ and __more__.\n\n---\n\n"
            + "    code\n";

    @TempDir
    Path dir;

    @Test
    void writesTheNormalizedMarkdownOfAFileOnEveryEngine() throws IOException {
        Path file = dir.resolve("page.md");
        Files.writeString(file, PAGE);
        int engines = 0;
        for (ProviderInfo engine : Ocp.providers()) {
            if (!engine.available()) {
                continue;
            }
            Run run = Run.installed("markdown", "--engine", engine.name(), file.toString());
            assertEquals(0, run.status(), run.toString());
            assertArrayEquals(NORMALIZED.getBytes(StandardCharsets.UTF_8), run.outBytes(), engine.name());
            engines++;
        }
        assertTrue(engines >= 3, "java, jna and wasm at least run here; ran " + engines);
        try (OcpEngine engine = Ocp.engine(); OcpDocument doc = engine.parse(PAGE)) {
            assertEquals(NORMALIZED, doc.toMarkdown(), "what the library writes");
        }
    }

    @Test
    void readsStandardInputForADashOrNoOperand() {
        Run dash = Run.of(Catalog.installed(), PAGE, "markdown", "-");
        assertEquals(0, dash.status(), dash.toString());
        assertEquals(NORMALIZED, dash.out());
        Run none = Run.of(Catalog.installed(), "-   a\n-   b\n", "markdown");
        assertEquals(0, none.status(), none.toString());
        assertEquals("- a\n- b\n", none.out());
    }

    @Test
    void styleOptionsChangeWhatIsWritten() {
        Run run = Run.of(Catalog.installed(), PAGE, "markdown", "--bullet", "-", "--emphasis", "*", "--strong=*",
                "--thematic-break", "_", "--headings", "atx", "--fenced-code", "--fence", "~", "-");
        assertEquals(0, run.status(), run.toString());
        assertEquals("# Caf\u00e9\n\n- one\n- two\n\nSome *text* and **more**.\n\n___\n\n~~~\ncode\n~~~\n", run.out());

        Run setext = Run.of(Catalog.installed(), "# Title\n\n- a\n\n```js\nx\n```\n", "markdown", "--headings",
                "setext", "--bullet", "*", "--fence", "`", "-");
        assertEquals(0, setext.status(), setext.toString());
        assertEquals("Title\n===\n\n* a\n\n```js\nx\n```\n", setext.out());
    }

    @Test
    void aBadStyleValueIsAUsageErrorNamingTheAllowedValues() {
        Run bullet = Run.of(Catalog.installed(), PAGE, "markdown", "--bullet", "x", "-");
        assertEquals(2, bullet.status(), bullet.toString());
        assertEquals("ocp: ocp markdown: --bullet takes one of - * +, not 'x'\n", bullet.err());
        assertEquals("", bullet.out());
        Run fence = Run.installed("markdown", "--fence", "``", "-");
        assertEquals(2, fence.status(), fence.toString());
        assertEquals("ocp: ocp markdown: --fence takes one of ` ~, not '``'\n", fence.err());
        Run headings = Run.installed("markdown", "--headings", "underlined", "-");
        assertEquals(2, headings.status(), headings.toString());
        assertEquals("ocp: ocp markdown: --headings takes atx or setext, not 'underlined'\n", headings.err());
        Run flag = Run.installed("markdown", "--fenced-code=yes", "-");
        assertEquals(2, flag.status(), flag.toString());
        assertEquals("ocp: ocp markdown: --fenced-code takes no value\n", flag.err());
        Run unknown = Run.installed("markdown", "--ordered", ")", "-");
        assertEquals(2, unknown.status(), unknown.toString());
        assertEquals("ocp: ocp markdown: unknown option '--ordered'; it takes --engine E, --dialect D, --with X,Y, "
                + "--stdin-filepath NAME, "
                + "--max-input-bytes N, --max-nesting-depth N, --max-nodes N, --max-inline-nesting N, --flavor F, --check, "
                + "--write, --bullet -|*|+, --emphasis *|_, --strong *|_, --fence `|~, --thematic-break *|-|_, "
                + "--headings atx|setext, --fenced-code\n", unknown.err());
        Run many = Run.installed("markdown", "a.md", "b.md");
        assertEquals(2, many.status(), many.toString());
        assertTrue(many.err().contains("expected at most 1 input"), many.toString());
    }

    @Test
    void helpListsTheStyleOptions() {
        Run run = Run.installed("markdown", "--help");
        assertEquals(0, run.status(), run.toString());
        assertEquals(Commands.help("markdown"), run.out());
        for (String option : new String[] {"--check", "--bullet -|*|+", "--emphasis *|_", "--strong *|_", "--fence `|~",
                "--thematic-break *|-|_", "--headings atx|setext", "--fenced-code"}) {
            assertTrue(run.out().contains(option), "usage lacks " + option);
        }
    }

    @Test
    void checkNamesTheFilesThatAreNotNormalizedAndExits1() throws IOException {
        Path done = Files.writeString(dir.resolve("done.md"), NORMALIZED);
        Path todo = Files.writeString(dir.resolve("todo.md"), PAGE);
        Run clean = Run.installed("markdown", "--check", done.toString());
        assertEquals(0, clean.status(), clean.toString());
        assertEquals("", clean.out());
        assertEquals("", clean.err());

        Run mixed = Run.installed("markdown", "--check", done.toString(), todo.toString());
        assertEquals(1, mixed.status(), mixed.toString());
        assertEquals(todo + "\n", mixed.out());
        assertEquals("ocp markdown: 1 of 2 files is not what 'ocp markdown FILE' writes (with the same options)\n",
                mixed.err());
        assertEquals(PAGE, Files.readString(todo), "--check writes nothing");

        // The style is part of what is expected: done.md's * bullets are not what --bullet - writes.
        Run styled = Run.installed("markdown", "--check", "--bullet", "-", done.toString());
        assertEquals(1, styled.status(), styled.toString());
        assertEquals(done + "\n", styled.out());

        // What ocp markdown writes passes the check.
        Run written = Run.installed("markdown", "--bullet", "-", todo.toString());
        Files.write(todo, written.outBytes());
        Run again = Run.installed("markdown", "--check", "--bullet", "-", todo.toString());
        assertEquals(0, again.status(), again.toString());
    }

    @Test
    void checkOfADirectoryChecksTheMarkdownUnderIt() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs/guide"));
        Files.writeString(docs.resolve("done.md"), NORMALIZED);
        Files.writeString(docs.resolve("todo.markdown"), PAGE);
        Files.writeString(docs.resolve("notes.txt"), PAGE);
        Run run = Run.installed("markdown", "--check", dir.resolve("docs").toString());
        assertEquals(1, run.status(), run.toString());
        assertEquals(docs.resolve("todo.markdown") + "\n", run.out());
        assertTrue(run.err().contains("1 of 2 files is not"), run.toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = Run.installed("markdown", "--check", empty.toString());
        assertEquals(2, none.status(), none.toString());
        assertEquals("ocp: no *.md, *.markdown or *.mdx file under " + empty + "\n", none.err());
    }

    @Test
    void checkReadsAnMdxFileAsAnMdxSiteDoesUnlessTheDialectIsGiven() throws IOException {
        // Frontmatter, JSX and math: as CommonMark the --- lines would be a break and a heading.
        String page = "---\ntitle: A\n---\n\nimport {Chart} from './chart.js'\n\n<Chart kind=\"bar\" />\n\n"
                + "$$\nx^2\n$$\n";
        Path mdx = Files.writeString(dir.resolve("page.mdx"), page);
        Path md = Files.writeString(dir.resolve("page.md"), page);
        Run run = Run.installed("markdown", "--check", mdx.toString(), md.toString());
        assertEquals(1, run.status(), run.toString());
        assertEquals(md + "\n", run.out(), "the .mdx file is normalized MDX; the .md file not normalized CommonMark");
        Run asMdx = Run.installed("markdown", "--check", "--dialect", "mdx", "--with", "gfm,frontmatter,math",
                md.toString());
        assertEquals(0, asMdx.status(), asMdx.toString());
        Run asCommonMark = Run.installed("markdown", "--check", "--dialect", "commonmark", mdx.toString());
        assertEquals(1, asCommonMark.status(), asCommonMark.toString());
        assertEquals(mdx + "\n", asCommonMark.out());
        // ocp markdown reads the file as --check does.
        Run written = Run.installed("markdown", mdx.toString());
        assertEquals(page, written.out());
    }

    @Test
    void checkReportsFilesItCannotReadOrParseAndGoesOn() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.mdx"), "# Title\n\n<Note>\n\ntext\n");
        Path missing = dir.resolve("missing.md");
        Path done = Files.writeString(dir.resolve("done.md"), NORMALIZED);
        Path todo = Files.writeString(dir.resolve("todo.md"), PAGE);
        Run run = Run.installed("markdown", "--check", broken.toString(), missing.toString(), done.toString(),
                todo.toString());
        assertEquals(1, run.status(), run.toString());
        assertEquals(todo + "\n", run.out());
        assertEquals(broken + ":6:1: Expected a closing tag for `<Note>` (3:1) (ocp:end-tag-mismatch)\n"
                + "ocp: no such file: " + missing + "\n"
                + "ocp markdown: 1 of 4 files is not what 'ocp markdown FILE' writes (with the same options)\n",
                run.err());
        Run unreadableOnly = Run.installed("markdown", "--check", missing.toString());
        assertEquals(1, unreadableOnly.status(), "a file that cannot be checked fails the check: " + unreadableOnly);
        assertEquals("", unreadableOnly.out());
    }

    @Test
    void checkReadsStandardInputForADashAndNeedsSomethingToCheck() {
        Run normalized = Run.of(Catalog.installed(), NORMALIZED, "markdown", "--check", "-");
        assertEquals(0, normalized.status(), normalized.toString());
        Run not = Run.of(Catalog.installed(), PAGE, "markdown", "--check", "-");
        assertEquals(1, not.status(), not.toString());
        assertEquals("<stdin>\n", not.out());
        Run nothing = Run.installed("markdown", "--check");
        assertEquals(2, nothing.status(), nothing.toString());
        assertEquals("ocp: ocp markdown: --check needs the files to check (FILE or DIR ...)\n", nothing.err());
        Run badDialect = Run.installed("markdown", "--check", "--dialect", "rst", "x.md");
        assertEquals(2, badDialect.status(), badDialect.toString());
        assertEquals("ocp: unknown dialect 'rst'; choose one of commonmark, gfm, mdx\n", badDialect.err());
    }
}
