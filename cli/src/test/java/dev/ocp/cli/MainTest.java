package dev.ocp.cli;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a person meets it: usage, errors and their exit statuses, engines, html/json/dump. */
class MainTest {
    private static final List<ProviderInfo> TWO_AND_ONE_MISSING = List.of(
            FakeEngine.simple("alpha", 30), FakeEngine.simple("beta", 20),
            FakeEngine.unavailable("gamma", "needs JDK 22 or later; this is JDK 17"));

    @TempDir
    Path dir;

    @Test
    void noArgumentsPrintsUsageToStandardErrorAndExits2() {
        Run run = Run.installed();
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().startsWith("usage: ocp COMMAND"), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void helpPrintsUsageAndExits0() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            Run run = Run.installed(args);
            assertEquals(0, run.status(), run.toString());
            assertEquals(Main.USAGE, run.out());
            for (String command : new String[] {"compare", "engines", "html", "json", "mdast", "text", "markdown", "dump",
                    "convert", "check", "spec", "tck"}) {
                assertTrue(run.out().contains("\n  " + command + " ") || run.out().contains("\n  " + command + "\n"),
                        "usage lacks " + command);
            }
        }
    }

    @Test
    void helpIsAnOptionOnlyWhereAnOptionCanStand() {
        for (String[] args : new String[][] {{"html", "-h"}, {"dump", "x.md", "--help", "-o", "y"},
                {"spec", "--engine", "java", "-h"}}) {
            Run run = Run.installed(args);
            assertEquals(0, run.status(), run.toString());
            assertEquals(Commands.help(args[0]), run.out(), run.toString());
            assertTrue(run.out().startsWith("usage: ocp " + args[0] + " "), run.toString());
        }
        // After "--" it is a file name: nothing is read or written but the error.
        Run operand = Run.installed("html", "--", "-h");
        assertEquals(2, operand.status(), operand.toString());
        assertEquals("", operand.out());
        assertTrue(operand.err().contains("-h"), operand.toString());
        // As the value of -o it is the output file's name.
        CommandLineArgs dump = CommandLineArgs.parse("dump", List.of("x.md", "-o", "-h"), Options.of("--output", "OUT"),
                Options.OUTPUT_ALIAS);
        assertEquals("-h", dump.value("--output"));
        assertEquals(List.of("x.md"), dump.operands());
        CommandLineArgs after = CommandLineArgs.parse("html", List.of("--", "--help"), Options.NONE, Options.NO_ALIASES);
        assertEquals(List.of("--help"), after.operands());
    }

    @Test
    void unknownCommandExits2AndListsTheCommands() {
        Run run = Run.installed("render", "x.md");
        assertEquals(2, run.status());
        assertEquals("ocp: unknown command 'render'; commands: compare, engines, html, json, mdast, text, markdown, "
                + "dump, convert, check, chunk, spec, tck, completion (see 'ocp --help')\n", run.err());
    }

    @Test
    void withAddsExtensionsAndRefusesUnknownOnes() {
        Run unknown = Run.installed("html", "--with", "gfm,tables", "-");
        assertEquals(2, unknown.status(), unknown.toString());
        assertEquals("ocp: unknown extension 'tables'; known: gfm, frontmatter, math, directive, alerts, heading-ids, "
                + "html-comments\n",
                unknown.err());
        Run empty = Run.installed("html", "--with", "gfm,", "-");
        assertEquals(2, empty.status(), empty.toString());
        assertTrue(empty.err().contains("--with takes a comma-separated list"), empty.toString());
    }

    @Test
    void withFrontmatterAndMathReadsThemOnEveryEngine() {
        String page = "---\ntitle: A\n---\n$$\nx^2\n$$\n\nSo $a < b$.\n";
        String html = "<pre><code class=\"language-math math-display\">x^2\n</code></pre>\n"
                + "<p>So <code class=\"language-math math-inline\">a &lt; b</code>.</p>\n";
        int engines = 0;
        for (dev.ocp.ProviderInfo engine : dev.ocp.Ocp.providers()) {
            if (engine.available()) {
                Run run = Run.of(Catalog.installed(), page, "html", "--engine", engine.name(), "--with",
                        "math,frontmatter", "-");
                assertEquals(0, run.status(), run.toString());
                assertEquals(html, run.out(), engine.name());
                engines++;
            }
        }
        assertTrue(engines >= 3, "java, jna and wasm at least run here; ran " + engines);
    }

    @Test
    void withAlertsAndHeadingIdsReadsThemOnEveryEngine() {
        String page = "## Setup {#setup}\n\n> [!TIP]\n> Run `ocp`.\n";
        String html = "<h2 id=\"setup\">Setup</h2>\n<div class=\"markdown-alert markdown-alert-tip\">\n"
                + "<p class=\"markdown-alert-title\">Tip</p>\n<p>Run <code>ocp</code>.</p>\n</div>\n";
        int engines = 0;
        for (dev.ocp.ProviderInfo engine : dev.ocp.Ocp.providers()) {
            if (engine.available()) {
                Run run = Run.of(Catalog.installed(), page, "html", "--engine", engine.name(), "--with",
                        "alerts,heading-ids", "-");
                assertEquals(0, run.status(), run.toString());
                assertEquals(html, run.out(), engine.name());
                engines++;
            }
        }
        assertTrue(engines >= 3, "java, jna and wasm at least run here; ran " + engines);
    }

    @Test
    void withoutAnEngineNamedTheBestEngineThatParsesTheDialectIsChosen() {
        // The default engine may not parse MDX; one that does is chosen instead of a refusal.
        Run page = Run.of(Catalog.installed(), "<Note>\n*Hi*\n</Note>\n", "html", "--dialect", "mdx", "-");
        assertEquals(0, page.status(), page.toString());
        assertEquals("<p><em>Hi</em></p>\n", page.out());
    }

    @Test
    void safeHtmlWritesRawHtmlAsTextAndEmptiesDangerousLinksOnEveryEngine() {
        String page = "<script>alert(1)</script>\n\n[a](javascript:alert(1)) <img src=x onerror=alert(1)>\n";
        for (dev.ocp.ProviderInfo engine : dev.ocp.Ocp.providers()) {
            if (!engine.available()) {
                continue;
            }
            Run safe = Run.of(Catalog.installed(), page, "html", "--engine", engine.name(), "--safe", "-");
            assertEquals(0, safe.status(), safe.toString());
            assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p><a href=\"\">a</a> &lt;img src=x "
                    + "onerror=alert(1)&gt;</p>\n", safe.out(), engine.name());
            Run plain = Run.of(Catalog.installed(), page, "html", "--engine", engine.name(), "-");
            assertEquals("<script>alert(1)</script>\n<p><a href=\"javascript:alert(1)\">a</a> <img src=x "
                    + "onerror=alert(1)></p>\n", plain.out(), "without --safe the HTML is CommonMark's");
        }
        Run valued = Run.installed("html", "--safe=yes", "-");
        assertEquals(2, valued.status(), valued.toString());
        assertTrue(valued.err().contains("--safe takes no value"), valued.toString());
    }

    @Test
    void headingIdsGiveEachHeadingItsGithubSlug() {
        Run run = Run.of(Catalog.installed(), "# What's new?\n\n## What's new?\n", "html", "--heading-ids", "-");
        assertEquals(0, run.status(), run.toString());
        assertEquals("<h1 id=\"whats-new\">What's new?</h1>\n<h2 id=\"whats-new-1\">What's new?</h2>\n", run.out());
        Run plain = Run.of(Catalog.installed(), "# What's new?\n", "html", "-");
        assertEquals("<h1>What's new?</h1>\n", plain.out(), "no ids unless asked");
    }

    @Test
    void mdastIsTheSameTreeOnEveryEngineWithPositionsInUtf16Units() {
        String page = "# 😀 *Hi*\n\n<Note kind=\"tip\">\n{name}\n</Note>\n";
        String first = null;
        int engines = 0;
        for (dev.ocp.ProviderInfo engine : dev.ocp.Ocp.providers()) {
            if (!engine.available()) {
                continue;
            }
            Run run = Run.of(Catalog.installed(), page, "mdast", "--engine", engine.name(), "--dialect", "mdx", "-");
            assertEquals(0, run.status(), run.toString());
            com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(run.out()).getAsJsonObject();
            assertEquals("root", root.get("type").getAsString());
            com.google.gson.JsonObject heading = root.getAsJsonArray("children").get(0).getAsJsonObject();
            assertEquals(1, heading.get("depth").getAsInt());
            com.google.gson.JsonObject emphasis = heading.getAsJsonArray("children").get(1).getAsJsonObject();
            assertEquals("emphasis", emphasis.get("type").getAsString());
            // "# " and the emoji (2 UTF-16 units, 4 bytes) and a space: offset 5, column 6, as JavaScript counts
            com.google.gson.JsonObject start = emphasis.getAsJsonObject("position").getAsJsonObject("start");
            assertEquals(5, start.get("offset").getAsInt(), run.out());
            assertEquals(6, start.get("column").getAsInt());
            assertEquals("mdxJsxFlowElement", root.getAsJsonArray("children").get(1).getAsJsonObject().get("type")
                    .getAsString());
            if (first == null) {
                first = run.out();
            }
            assertEquals(first, run.out(), engine.name());
            engines++;
        }
        assertTrue(engines >= 3, "java, jna and wasm at least run here; ran " + engines);
    }

    @Test
    void mdxRendersTheMarkdownInsideElementsAndSyntaxErrorsSayWhereOnEveryEngine() {
        int engines = 0;
        for (dev.ocp.ProviderInfo engine : dev.ocp.Ocp.providers()) {
            if (!engine.available()) {
                continue;
            }
            Run page = Run.of(Catalog.installed(), "import {Chart} from './chart.js'\n\n<Note kind=\"tip\">\n*Hi* "
                    + "{name}\n</Note>\n", "html", "--engine", engine.name(), "--dialect", "mdx", "-");
            assertEquals(0, page.status(), page.toString());
            assertEquals("<p><em>Hi</em> </p>\n", page.out(), engine.name());
            Run bad = Run.of(Catalog.installed(), "# Title\n\n<Note>\n\ntext\n", "html", "--engine", engine.name(),
                    "--dialect", "mdx", "-");
            assertEquals(1, bad.status(), bad.toString());
            assertEquals("<stdin>:6:1: Expected a closing tag for `<Note>` (3:1) (ocp:end-tag-mismatch)\n", bad.err(),
                    engine.name());
            engines++;
        }
        assertTrue(engines >= 3, "java, jna and wasm at least run here; ran " + engines);
    }

    @Test
    void unknownOptionExits2AndNamesTheOptionsTheCommandTakes() {
        Run run = Run.installed("html", "--engnie", "java", "x.md");
        assertEquals(2, run.status());
        assertEquals("ocp: ocp html: unknown option '--engnie'; it takes --engine E, --dialect D, --with X,Y, "
                + "--stdin-filepath NAME, "
                + "--max-input-bytes N, --max-nesting-depth N, --max-nodes N, --max-inline-nesting N, --flavor F, --safe, "
                + "--heading-ids\n", run.err());
        Run engines = Run.installed("engines", "--verbose");
        assertEquals(2, engines.status());
        assertTrue(engines.err().contains("unknown option '--verbose'; it takes no options"), engines.toString());
    }

    @Test
    void optionWithoutValueOrGivenTwiceExits2() {
        Run missing = Run.installed("html", "--engine");
        assertEquals(2, missing.status());
        assertEquals("ocp: ocp html: --engine needs a value (E)\n", missing.err());
        Run twice = Run.installed("json", "--dialect=gfm", "--dialect", "mdx");
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("--dialect is given more than once"), twice.toString());
    }

    @Test
    void unknownEngineExits2AndListsTheEnginesFound() {
        Run run = Run.installed("html", "--engine", "turbo", "-");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("ocp: no engine named 'turbo'; engines found: "), run.toString());
        assertTrue(run.err().contains("java (available, priority"), run.toString());
        assertTrue(run.err().contains("(see 'ocp engines')"), run.toString());
    }

    @Test
    void unavailableEngineExits2WithItsReason() {
        Run run = Run.with(TWO_AND_ONE_MISSING, "json", "--engine", "gamma", "-");
        assertEquals(2, run.status());
        assertEquals("ocp: engine 'gamma' cannot run here: needs JDK 22 or later; this is JDK 17\n", run.err());
    }

    @Test
    void unknownDialectExits2AndListsTheDialects() {
        Run run = Run.installed("html", "--dialect", "markdown", "-");
        assertEquals(2, run.status());
        assertEquals("ocp: unknown dialect 'markdown'; choose one of commonmark, gfm, mdx\n", run.err());
    }

    @Test
    void unsupportedDialectExits2WithTheEnginesMessage() {
        // Every installed engine parses MDX now; a stand-in refuses it as an engine without the capability does.
        ProviderInfo plain = throwing(new dev.ocp.OcpException(dev.ocp.OcpException.Code.UNSUPPORTED,
                "engine 'thrower' does not parse MDX yet; use COMMONMARK"));
        Run mdx = Run.of(Catalog.of(List.of(plain)), "<a/>", "dump", "--engine", "thrower", "--dialect", "mdx", "-",
                "-o", dir.resolve("x.ocp").toString());
        assertEquals(2, mdx.status(), mdx.toString());
        assertTrue(mdx.err().contains("[UNSUPPORTED]") && mdx.err().contains("MDX"), mdx.toString());
    }

    @Test
    void missingFileOrDirectoryInputExits2() {
        Run missing = Run.installed("html", dir.resolve("nope.md").toString());
        assertEquals(2, missing.status());
        assertEquals("ocp: no such file: " + dir.resolve("nope.md") + "\n", missing.err());
        Run directory = Run.installed("json", dir.toString());
        assertEquals(2, directory.status());
        assertEquals("ocp: " + dir + " is a directory; give a Markdown file\n", directory.err());
        Run many = Run.installed("html", "a.md", "b.md");
        assertEquals(2, many.status());
        assertTrue(many.err().contains("expected at most 1 input (FILE or - for standard input), got 2: a.md b.md"),
                many.toString());
    }

    @Test
    void enginesListsEveryProviderMarksTheDefaultAndSaysWhyOthersCannotRun() {
        Run run = Run.with(TWO_AND_ONE_MISSING, "engines");
        assertEquals(0, run.status(), run.toString());
        String[] lines = run.out().split("\n");
        assertEquals("  engine   priority  syntax      capabilities  status", lines[2]);
        assertEquals("  alpha *        30  commonmark  OFF_HEAP      available", lines[3]);
        assertEquals("  beta           20  commonmark  OFF_HEAP      available", lines[4]);
        assertEquals("  gamma           -  -           -             unavailable: needs JDK 22 or later; this is JDK 17",
                lines[5]);
        assertTrue(run.out().contains("* default: 'alpha', what Ocp.engine() picks: the available engine with the "
                + "highest priority"), run.toString());
    }

    @Test
    void enginesSaysWhereTheDefaultIsNotTheFastest() {
        // On JDK 17 to 21 jna is the default: faster from about 1 KB up, slower than java on tiny documents.
        Run run = Run.with(List.of(FakeEngine.simple("jna", 20), FakeEngine.simple("java", 10),
                FakeEngine.unavailable("ffm", "needs JDK 22 or later; this is JDK 17")), "engines");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("* default: 'jna'"), run.toString());
        assertTrue(run.out().contains("java has measured 1.6x as fast: name java if yours are that small"),
                run.toString());
    }

    @Test
    void enginesOnTheRealClassPathMarksTheEngineOcpEnginePicks() {
        Run run = Run.installed("engines");
        assertEquals(0, run.status(), run.toString());
        String expected;
        try (OcpEngine engine = Ocp.engine()) {
            expected = engine.name();
        }
        assertTrue(run.out().contains("\n  " + expected + " *"), run.toString());
        assertTrue(run.out().contains("* default: '" + expected + "'"), run.toString());
    }

    @Test
    void enginesFollowsTheEnginePropertyAndExits1WhenNothingCanRun() {
        String before = System.getProperty(Ocp.ENGINE_PROPERTY);
        System.setProperty(Ocp.ENGINE_PROPERTY, "beta");
        try {
            Run run = Run.with(TWO_AND_ONE_MISSING, "engines");
            assertEquals(0, run.status(), run.toString());
            assertTrue(run.out().contains("\n  beta *"), run.toString());
            assertTrue(run.out().contains("because -Docp.engine=beta names it"), run.toString());
            System.setProperty(Ocp.ENGINE_PROPERTY, "gamma");
            Run unavailable = Run.with(TWO_AND_ONE_MISSING, "engines");
            assertEquals(1, unavailable.status(), unavailable.toString());
            assertTrue(unavailable.out().contains("no default: -Docp.engine=gamma names an engine that cannot run "
                    + "here"), unavailable.toString());
        } finally {
            if (before == null) {
                System.clearProperty(Ocp.ENGINE_PROPERTY);
            } else {
                System.setProperty(Ocp.ENGINE_PROPERTY, before);
            }
        }
        Run none = Run.with(List.of(FakeEngine.unavailable("gamma", "no native library for this platform")),
                "engines");
        assertEquals(1, none.status(), none.toString());
        assertTrue(none.out().contains("no default: none of these engines can run here"), none.toString());
    }

    @Test
    void htmlWritesExactlyWhatTheDocumentRendersFromAFileOrStandardInput() throws IOException {
        Path file = dir.resolve("in.md");
        Files.writeString(file, "  caf\u00e9 & more  \n");
        Run fromFile = Run.with(TWO_AND_ONE_MISSING, "html", file.toString());
        assertEquals(0, fromFile.status(), fromFile.toString());
        assertArrayEquals("<p>caf\u00e9 & more</p>\n".getBytes(StandardCharsets.UTF_8), fromFile.outBytes());

        Run fromStdin = Run.of(Catalog.of(TWO_AND_ONE_MISSING), "hello\n", "html", "--engine", "beta", "-");
        assertEquals("<p>hello</p>\n", fromStdin.out());
        Run noOperand = Run.of(Catalog.of(TWO_AND_ONE_MISSING), "hello\n", "html");
        assertEquals("<p>hello</p>\n", noOperand.out());
    }

    @Test
    void jsonWritesTheTreeAndANewline() {
        Run run = Run.of(Catalog.of(TWO_AND_ONE_MISSING), "abc", "json");
        assertEquals(0, run.status(), run.toString());
        assertEquals("{\"fake\":3}\n", run.out());
    }

    @Test
    void htmlWithTheRealEngineMatchesTheLibrary() {
        String markdown = "# Title\n\nSome *text*.\n";
        String expected;
        try (OcpEngine engine = Ocp.engine(); OcpDocument doc = engine.parse(markdown)) {
            expected = doc.toHtml();
        }
        Run run = Run.of(Catalog.installed(), markdown, "html");
        assertEquals(0, run.status(), run.toString());
        assertEquals(expected, run.out());
    }

    @Test
    void dumpWritesTheRealEnginesPayloadByteForByte() throws IOException {
        Path in = dir.resolve("doc.md");
        Files.writeString(in, "# Title\n\nA paragraph with *emphasis*.\n");
        Path out = dir.resolve("doc.ocp");
        Run run = Run.installed("dump", in.toString(), "-o", out.toString());
        assertEquals(0, run.status(), run.toString());
        byte[] expected;
        try (OcpEngine engine = Ocp.engine(); OcpDocument doc = engine.parse(Files.readAllBytes(in),
                dev.ocp.ParseOptions.defaults())) {
            ByteBuffer b = doc.bytes();
            expected = new byte[b.remaining()];
            b.get(expected);
        }
        assertTrue(expected.length > 0);
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertEquals("wrote " + String.format(java.util.Locale.ROOT, "%,d", expected.length) + " bytes of OCP to "
                + out + "\n", run.out());

        Run toStdout = Run.installed("dump", in.toString(), "--output", "-");
        assertEquals(0, toStdout.status(), toStdout.toString());
        assertArrayEquals(expected, toStdout.outBytes());
    }

    @Test
    void dumpNeedsAnInputAndAnOutputItCanWrite() {
        Run noOutput = Run.installed("dump", "x.md");
        assertEquals(2, noOutput.status());
        assertTrue(noOutput.err().contains("say where to write the payload with -o OUT"), noOutput.toString());
        Run noInput = Run.installed("dump", "-o", "x.ocp");
        assertEquals(2, noInput.status());
        assertTrue(noInput.err().contains("give the Markdown FILE to parse"), noInput.toString());
        Run badDir = Run.of(Catalog.installed(), "text\n", "dump", "-", "-o",
                dir.resolve("missing/dir/x.ocp").toString());
        assertEquals(2, badDir.status(), badDir.toString());
        assertTrue(badDir.err().contains("its directory does not exist"), badDir.toString());
    }

    @Test
    void inputTheEngineRefusesExits2AndEngineFailuresExit1() {
        Run refused = Run.of(Catalog.of(List.of(throwing(new OcpException(OcpException.Code.LIMIT_EXCEEDED,
                "input of 3 bytes exceeds maxInputBytes 2")))), "abc", "html");
        assertEquals(2, refused.status(), refused.toString());
        assertEquals("<stdin>: input of 3 bytes exceeds maxInputBytes 2 (ocp:limit-exceeded)\n", refused.err());

        Run failed = Run.of(Catalog.of(List.of(throwing(new OcpException(OcpException.Code.INTERNAL,
                "parser bug; please report this input")))), "abc", "json");
        assertEquals(1, failed.status(), failed.toString());
        assertEquals("ocp: [INTERNAL] parser bug; please report this input\n", failed.err());

        Run bug = Run.of(Catalog.of(List.of(throwing(new ArrayIndexOutOfBoundsException("Index 7 out of bounds")))),
                "abc", "html");
        assertEquals(1, bug.status(), bug.toString());
        assertTrue(bug.err().startsWith("ocp: internal error: java.lang.ArrayIndexOutOfBoundsException: Index 7"),
                bug.toString());
        assertTrue(bug.err().contains("\tat "), "a bug report needs the stack trace: " + bug);
    }

    private static ProviderInfo throwing(RuntimeException e) {
        return FakeEngine.provider("thrower", 1, input -> {
            throw e;
        }, FakeEngine::paragraph, true);
    }
}
