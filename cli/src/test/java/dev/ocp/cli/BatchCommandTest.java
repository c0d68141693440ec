package dev.ocp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ocp convert} and {@code ocp check}: what they write and report, over a site of its own and the corpus. */
class BatchCommandTest {
    /** The fixture: a small docs site of MDX pages and Markdown posts, in folders. */
    private static final List<String> SITE = List.of("README.md", "blog/2024-release.md", "docs/guide/getting-started.mdx",
            "docs/index.mdx");
    private static final String UNCLOSED = "# Page\n\nIntro.\n\n<Note>\n*hi*\n\nnot closed\n";

    @TempDir
    Path dir;

    private Path site() {
        try {
            Path source = Path.of(BatchCommandTest.class.getResource("site").toURI());
            Path copy = dir.resolve("site");
            if (Files.isDirectory(copy)) {
                return copy;
            }
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.collect(Collectors.toList())) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void convertWritesForEveryFileWhatTheSingleFileCommandWritesKeepingTheTree() throws IOException {
        Path site = site();
        for (String format : new String[] {"html", "mdast", "json", "text"}) {
            Path out = dir.resolve("out-" + format);
            Run run = Run.installed("convert", "--to", format, site.toString(), "-o", out.toString());
            assertEquals(0, run.status(), run.toString());
            String extension = format.equals("text") ? ".txt" : format.equals("html") ? ".html" : ".json";
            assertEquals(List.of("README" + extension, "blog/2024-release" + extension,
                    "docs/guide/getting-started" + extension, "docs/index" + extension), files(out), format);
            for (String page : SITE) {
                Run single = Run.installed(format, site.resolve(page).toString());
                assertEquals(0, single.status(), single.toString());
                Path written = out.resolve(page.substring(0, page.lastIndexOf('.')) + extension);
                assertArrayEquals(single.outBytes(), Files.readAllBytes(written), format + " of " + page);
            }
            assertTrue(run.err().matches("ocp convert: 4 files, [0-9,]+ B in [0-9.]+ s on \\d+ threads? "
                    + "\\([0-9,]+ files/s\\): 0 failed\n"), run.toString());
            assertFalse(run.err().contains("\r"), "no bar drawn where there is no terminal: " + run);
        }
    }

    @Test
    void mdxPagesAreReadAsMdxAndMarkdownFilesAsCommonMarkUnlessTheDialectIsForced() throws IOException {
        Path site = site();
        Path out = dir.resolve("out");
        assertEquals(0, Run.installed("convert", "--to", "html", site.toString(), "-o", out.toString()).status());
        String page = Files.readString(out.resolve("docs/index.html"));
        assertFalse(page.contains("Callout"), "the JSX is MDX's, not text: " + page);
        assertTrue(page.contains("<table>"), "GFM is on for MDX pages: " + page);
        String post = Files.readString(out.resolve("blog/2024-release.html"));
        assertTrue(post.contains("<div align=\"center\">"), "raw HTML of CommonMark stays: " + post);
        Path forced = dir.resolve("forced");
        Run run = Run.installed("convert", "--to", "html", "--dialect", "commonmark", site.toString(), "-o",
                forced.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(Files.readString(forced.resolve("docs/index.html")).contains("<p>import {Callout}"));
    }

    @Test
    void textIsThePlainTextRendering() throws IOException {
        Path site = site();
        Path out = dir.resolve("out");
        assertEquals(0, Run.installed("convert", "--to", "text", site.toString(), "-o", out.toString()).status());
        assertEquals("Getting started\n\nInstall the package:\n\nnpm install widgets\n\nThen render one: Click.\n\n"
                + "\\int_0^1 x\\,dx = \\frac{1}{2}\n\nNote Old New builds need Node 20.\n",
                Files.readString(out.resolve("docs/guide/getting-started.txt")));
    }

    @Test
    void anUnreadableFileAndAnInvalidPageAreReportedAndTheRestConverted() throws IOException {
        Path site = site();
        Files.writeString(site.resolve("docs/broken.mdx"), UNCLOSED);
        // A dangling link: named as Markdown, but there is nothing to read (as root, a mode of 000 reads fine).
        Files.createSymbolicLink(site.resolve("blog/gone.md"), dir.resolve("nowhere.md"));
        Path out = dir.resolve("out");
        Run run = Run.installed("convert", "--to", "html", "--jobs", "2", site.toString(), "-o", out.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().contains(site.resolve("docs/broken.mdx") + ":9:1: Expected a closing tag for `<Note>` "
                + "(5:1) (ocp:end-tag-mismatch)\n"), run.toString());
        assertTrue(run.err().contains(site.resolve("blog/gone.md") + ": cannot read: no such file (ocp:unreadable)\n"),
                run.toString());
        assertTrue(run.err().endsWith(": 2 failed\n"), run.toString());
        assertTrue(run.err().contains("ocp convert: 6 files, "), run.toString());
        assertEquals(List.of("README.html", "blog/2024-release.html", "docs/guide/getting-started.html",
                "docs/index.html"), files(out));
        assertEquals("", run.out());
    }

    @Test
    void twoSourcesOfOneOutputAreBothReportedNotOverwritten() throws IOException {
        Path site = site();
        Files.writeString(site.resolve("docs/index.md"), "# Other\n");
        Path out = dir.resolve("out");
        Run run = Run.installed("convert", "--to", "html", site.toString(), "-o", out.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().contains("index.mdx would write"), run.toString());
        assertTrue(run.err().contains("index.md would write"), run.toString());
        assertFalse(Files.exists(out.resolve("docs/index.html")));
    }

    @Test
    void checkExits0WhenEveryPageParses() {
        Run run = Run.installed("check", site().toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ocp check: 4 files, "), run.toString());
        assertTrue(run.err().endsWith(": 0 failed\n"), run.toString());
    }

    @Test
    void checkExits1OnAnInvalidPageNamingItsLineAndColumn() throws IOException {
        Path site = site();
        Path broken = site.resolve("docs/guide/broken.mdx");
        Files.writeString(broken, UNCLOSED);
        Run run = Run.installed("check", site.toString());
        assertEquals(1, run.status(), run.toString());
        assertEquals(broken + ":9:1: Expected a closing tag for `<Note>` (5:1) (ocp:end-tag-mismatch)\n", run.out());
        assertTrue(run.err().endsWith(": 1 failed\n"), run.toString());
        // A file named on the command line is checked too, and the same page is fine as CommonMark.
        Run single = Run.installed("check", broken.toString());
        assertEquals(1, single.status(), single.toString());
        assertEquals(0, Run.installed("check", "--dialect", "commonmark", broken.toString()).status());
    }

    @Test
    void checkExits0OnTheMdxPagesOfTheSharedCorpus() throws IOException {
        Path corpus = corpus();
        assumeTrue(corpus != null, "no shared/corpus/mdx above the working directory (-Docp.corpus=DIR names one)");
        long pages;
        try (Stream<Path> walk = Files.list(corpus)) {
            pages = walk.filter(p -> p.toString().endsWith(".mdx")).count();
        }
        assertEquals(35, pages, "shared/corpus/SOURCES.md promises 35 MDX pages");
        Run run = Run.installed("check", corpus.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ocp check: 35 files, "), run.toString());
    }

    /** The shared corpus's MDX pages: {@code -Docp.corpus=DIR}, else {@code shared/corpus} above the working directory. */
    private static Path corpus() {
        String property = System.getProperty("ocp.corpus");
        Path root = null;
        if (property != null && !property.isEmpty()) {
            root = Path.of(property);
        } else {
            for (Path d = Path.of("").toAbsolutePath(); d != null && root == null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("shared/corpus"))) {
                    root = d.resolve("shared/corpus");
                }
            }
        }
        return root != null && Files.isDirectory(root.resolve("mdx")) ? root.resolve("mdx") : null;
    }

    @Test
    void limitsComeFromTheCommandLineAndTheirErrorsNameFileAndLine() throws IOException {
        Path deep = dir.resolve("deep.md");
        Files.writeString(deep, "intro\n\n" + "> ".repeat(30) + "deep\n");
        assertEquals(0, Run.installed("check", deep.toString()).status());
        Run check = Run.installed("check", "--max-nesting-depth", "20", deep.toString());
        assertEquals(1, check.status(), check.toString());
        assertEquals(deep + ":3: block quotes, list items, footnotes, JSX elements and container directives are "
                + "nested more than "
                + "maxNestingDepth 20 deep (ocp:limit-exceeded)\n", check.out());
        Run html = Run.installed("html", "--max-nesting-depth=20", deep.toString());
        assertEquals(2, html.status(), html.toString());
        assertEquals(check.out(), html.err());
        Run size = Run.installed("check", "--max-input-bytes", "10", deep.toString());
        assertEquals(1, size.status(), size.toString());
        assertEquals(deep + ": input of " + Files.size(deep) + " bytes exceeds maxInputBytes 10 (ocp:limit-exceeded)\n", size.out());
        Run inline = Run.of(Catalog.installed(), "*a **b [c](d)***\n", "text", "--max-inline-nesting", "2", "-");
        assertEquals(2, inline.status(), inline.toString());
        // The engines do not say where inline containers nest too deep: the place is that of the first one too deep.
        assertEquals("<stdin>:1:8: emphasis, strikethrough, links, images and JSX elements nest deeper than "
                + "maxInlineNesting 2 (ocp:limit-exceeded)\n", inline.err());
        Path page = dir.resolve("inline.mdx");
        Files.writeString(page, "# T\n\nfine *a*\n\nsee <B>*x [y](z)*</B>\n");
        Run located = Run.installed("check", "--max-inline-nesting", "2", page.toString());
        assertEquals(1, located.status(), located.toString());
        assertEquals(page + ":5:11: emphasis, strikethrough, links, images and JSX elements nest deeper than "
                + "maxInlineNesting 2 (ocp:limit-exceeded)\n", located.out());
        Run nodes = Run.installed("convert", "--to", "json", "--max-nodes", "5", site().toString(), "-o",
                dir.resolve("out").toString());
        assertEquals(1, nodes.status(), nodes.toString());
        assertTrue(nodes.err().contains("docs/index.mdx: document has "), nodes.toString());
        assertTrue(nodes.err().contains("nodes, more than "), nodes.toString());
    }

    @Test
    void badLimitsAndMissingOptionsAreUsageErrors() {
        Run zero = Run.installed("check", "--max-nodes", "0", ".");
        assertEquals(2, zero.status(), zero.toString());
        assertEquals("ocp: --max-nodes takes a whole number from 1 to 2147483647, not '0'\n", zero.err());
        Run word = Run.installed("html", "--max-input-bytes", "lots", "-");
        assertEquals(2, word.status(), word.toString());
        assertTrue(word.err().contains("--max-input-bytes takes a whole number"), word.toString());
        Run noTo = Run.installed("convert", site().toString(), "-o", dir.resolve("o").toString());
        assertEquals(2, noTo.status(), noTo.toString());
        assertTrue(noTo.err().contains("--to html, mdast, json or text"), noTo.toString());
        Run badTo = Run.installed("convert", "--to", "pdf", site().toString(), "-o", dir.resolve("o").toString());
        assertEquals(2, badTo.status(), badTo.toString());
        assertTrue(badTo.err().contains("not 'pdf'"), badTo.toString());
        Run noOut = Run.installed("convert", "--to", "html", site().toString());
        assertEquals(2, noOut.status(), noOut.toString());
        assertTrue(noOut.err().contains("-o OUT"), noOut.toString());
        Run jobs = Run.installed("check", "--jobs", "0", site().toString());
        assertEquals(2, jobs.status(), jobs.toString());
        Run missing = Run.installed("check", dir.resolve("absent").toString());
        assertEquals(2, missing.status(), missing.toString());
        assertTrue(missing.err().contains("no such file or directory"), missing.toString());
    }

    @Test
    void everyCommandsHelpShowsItsOwnOptions() {
        for (String command : Commands.names()) {
            Run run = Run.installed(command, "--help");
            assertEquals(0, run.status(), run.toString());
            assertTrue(run.out().startsWith("usage: ocp " + command), run.toString());
            assertFalse(run.out().contains("\ncommands:"), "the global help: " + run);
        }
        String convert = Run.installed("convert", "-h").out();
        String check = Run.installed("check", "-h").out();
        String html = Run.installed("html", "-h").out();
        String engines = Run.installed("engines", "-h").out();
        for (String option : new String[] {"--to FORMAT", "-o, --output", "--jobs N", "--max-input-bytes N",
                "--max-nesting-depth N", "--max-nodes N", "--max-inline-nesting N"}) {
            assertTrue(convert.contains("\n  " + option), "convert's help lacks " + option + ": " + convert);
        }
        assertTrue(check.contains("\n  --jobs N"), check);
        assertFalse(check.contains("--to FORMAT"), check);
        assertTrue(html.contains("\n  --safe"), html);
        assertFalse(html.contains("--jobs"), html);
        assertFalse(engines.contains("--engine"), engines);
    }

    @Test
    void oneThreadWritesWhatManyWrite() throws IOException {
        Path site = site();
        Path one = dir.resolve("one");
        Path many = dir.resolve("many");
        assertEquals(0, Run.installed("convert", "--to", "mdast", "--jobs", "1", site.toString(), "-o",
                one.toString()).status());
        assertEquals(0, Run.installed("convert", "--to", "mdast", "--jobs", "8", site.toString(), "-o",
                many.toString()).status());
        for (String file : files(one)) {
            assertEquals(Files.readString(one.resolve(file), StandardCharsets.UTF_8),
                    Files.readString(many.resolve(file), StandardCharsets.UTF_8), file);
        }
        assertEquals(files(one), files(many));
    }
}
