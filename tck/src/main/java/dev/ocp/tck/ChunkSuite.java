package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.OcpNode;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import dev.ocp.html.HtmlRenderer;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.markdown.MarkdownRenderer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Chunks for language models (issue 59), checked on the engine under test: {@link Chunker} over its documents keeps
 * the promises {@link #problem} lists, on generated documents of every dialect at several caps, and on the shared
 * corpus (Pro Git, the MDX site) when it is there.
 */
abstract class ChunkSuite extends TckSuite {
    /** Kinds no chunk boundary may fall strictly inside. */
    private static final Set<NodeKind> UNCUT = EnumSet.of(NodeKind.CODE_BLOCK, NodeKind.MATH_BLOCK,
            NodeKind.HTML_BLOCK, NodeKind.MDX_JSX_FLOW, NodeKind.MDX_EXPRESSION_FLOW, NodeKind.MDX_ESM,
            NodeKind.TABLE_ROW, NodeKind.LIST_ITEM, NodeKind.BLOCK_QUOTE, NodeKind.ALERT, NodeKind.CONTAINER_DIRECTIVE,
            NodeKind.LEAF_DIRECTIVE, NodeKind.FOOTNOTE_DEFINITION,
            NodeKind.HEADING, NodeKind.FRONTMATTER, NodeKind.DEFINITION);

    /**
     * Grammar-generated documents of every stream, at caps that split most of them and at one that splits few, with an
     * overlap, and measured by a stand-in for a tokenizer ({@link #pseudoTokens}).
     */
    @Test
    void generatedDocumentsKeepEveryPromise() {
        OcpEngine engine = shared().engine();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            checked += checkAll(engine, "commonmark #" + i, MarkdownGenerator.generate(59, i),
                    ParseOptions.defaults(), failures);
            if (engine.syntax().supports(Extension.GFM)) {
                checked += checkAll(engine, "gfm #" + i, MarkdownGenerator.generateGfm(59, i),
                        ParseOptions.of(Dialect.COMMONMARK, Extension.GFM), failures);
            }
            if (engine.syntax().supports(Extension.MATH) && engine.syntax().supports(Extension.FRONTMATTER)) {
                checked += checkAll(engine, "math #" + i, MarkdownGenerator.generateWithMath(59, i),
                        ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.FRONTMATTER, Extension.MATH),
                        failures);
            }
            if (engine.syntax().supports(Extension.ALERTS) && engine.syntax().supports(Extension.HEADING_IDS)) {
                checked += checkAll(engine, "alerts #" + i, MarkdownGenerator.generateWithAlerts(59, i),
                        ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.ALERTS, Extension.HEADING_IDS),
                        failures);
            }
            if (engine.syntax().supports(Extension.DIRECTIVE) && engine.syntax().supports(Extension.MATH)) {
                checked += checkAll(engine, "directives #" + i, MarkdownGenerator.generateWithDirectives(59, i),
                        ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.MATH, Extension.DIRECTIVE),
                        failures);
            }
            if (engine.syntax().supports(Dialect.MDX)) {
                checked += checkAll(engine, "mdx #" + i, MarkdownGenerator.generateMdx(59, i),
                        ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH), failures);
            }
        }
        report(failures, checked);
        assertTrue(checked >= 60, "the documents were chunked: " + checked);
    }

    /**
     * Every line ending (LF, CR LF, CR) and characters of every UTF-8 length, well-formed or not: the sizes the
     * chunker counts in bytes are the decoded strings' lengths (the same chunks as a measure that makes each string),
     * and each chunk's lines are {@link dev.ocp.LineIndex}'s.
     */
    @Test
    void lineEndingsAndEveryKindOfUtf8KeepEveryPromise() {
        OcpEngine engine = shared().engine();
        String[] endings = {"\n", "\r\n", "\r"};
        byte[][] sprinkled = {"é".getBytes(StandardCharsets.UTF_8), "中文".getBytes(StandardCharsets.UTF_8),
                "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF5},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}};
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < 30; i++) {
            String markdown = MarkdownGenerator.generate(59, i).replace("\n", endings[i % endings.length]);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
            int word = 0;
            for (int b = 0; b < bytes.length; b++) {
                out.write(bytes[b]);
                // After some spaces that follow a letter: inside text, where no block starts or ends.
                if (bytes[b] == ' ' && b > 0 && Character.isLetter(bytes[b - 1]) && word++ % 3 == 0) {
                    out.writeBytes(sprinkled[(word + i) % sprinkled.length]);
                }
            }
            byte[] source = out.toByteArray();
            for (int cap : new int[] {40, 150}) {
                ChunkOptions options = ChunkOptions.defaults().withMaxSize(cap);
                List<Chunk> counted = Chunker.chunk(engine, source, ParseOptions.defaults(), options);
                List<Chunk> measured = Chunker.chunk(engine, source, ParseOptions.defaults(),
                        options.withMeasure(String::length));
                if (!counted.equals(measured)) {
                    failures.add("document " + i + " (cap " + cap + "): counted sizes give other chunks than strings'"
                            + " lengths:\n" + counted + "\n" + measured);
                    continue;
                }
                String problem = problem(engine, source, ParseOptions.defaults(), options, counted);
                if (problem != null) {
                    failures.add("document " + i + " (cap " + cap + "): " + problem);
                }
                checked++;
            }
        }
        report(failures, checked);
        assertEquals(60, checked);
    }

    /**
     * Chunked from a string, a document gives the chunks its UTF-8 gives, their Markdown taken from the string: the
     * same characters, but where the string holds an unpaired surrogate, which its UTF-8 holds as {@code ?}.
     */
    @Test
    void aStringGivesTheChunksOfItsUtf8() {
        OcpEngine engine = shared().engine();
        String[] endings = {"\n", "\r\n", "\r"};
        String[] sprinkled = {"é", "中文", "😀", "\uD800", "\uDFFF x"};
        List<String> failures = new ArrayList<>();
        int checked = 0;
        boolean surrogateKept = false;
        for (int i = 0; i < 30; i++) {
            String[] words = MarkdownGenerator.generate(59, i).replace("\n", endings[i % endings.length]).split(" ", -1);
            StringBuilder markdown = new StringBuilder(words[0]);
            for (int w = 1; w < words.length; w++) {
                markdown.append(' ');
                // After some spaces that follow a letter: inside text, where no block starts or ends.
                if (!words[w - 1].isEmpty() && Character.isLetter(words[w - 1].charAt(words[w - 1].length() - 1))
                        && w % 3 == 0) {
                    markdown.append(sprinkled[(w + i) % sprinkled.length]);
                }
                markdown.append(words[w]);
            }
            for (int cap : new int[] {40, 150}) {
                String problem = fromStringProblem(engine, markdown.toString(), ParseOptions.defaults(),
                        ChunkOptions.defaults().withMaxSize(cap));
                if (problem != null) {
                    failures.add("document " + i + " (cap " + cap + "): " + problem);
                }
                checked++;
            }
            for (Chunk chunk : Chunker.chunk(engine, markdown.toString(), ParseOptions.defaults(),
                    ChunkOptions.defaults().withMaxSize(150))) {
                surrogateKept |= chunk.markdown().indexOf('\uD800') >= 0;
            }
        }
        report(failures, checked);
        assertEquals(60, checked);
        assertTrue(surrogateKept, "no chunk's Markdown was taken from the string: none kept its unpaired surrogate");
    }

    /**
     * What differs between the chunks of a string and those of its UTF-8, or null: nothing but an unpaired surrogate
     * in the Markdown taken from the string, where the other has {@code ?}.
     */
    private static String fromStringProblem(OcpEngine engine, String markdown, ParseOptions parse,
                                            ChunkOptions options) {
        List<Chunk> fromString = Chunker.chunk(engine, markdown, parse, options);
        List<Chunk> fromBytes = Chunker.chunk(engine, markdown.getBytes(StandardCharsets.UTF_8), parse, options);
        if (fromString.size() != fromBytes.size()) {
            return fromString.size() + " chunks from the string, " + fromBytes.size() + " from its UTF-8";
        }
        for (int c = 0; c < fromString.size(); c++) {
            Chunk a = fromString.get(c);
            Chunk b = fromBytes.get(c);
            Chunk asEncoded = new Chunk(a.index(), a.headingPath(), unpairedAsQuestionMarks(a.markdown()), a.text(),
                    a.startByte(), a.endByte(), a.startLine(), a.endLine(), a.holds(),
                    options.measure().applyAsInt(unpairedAsQuestionMarks(a.markdown())), a.overCap(), a.frontmatter());
            if (!asEncoded.equals(b)) {
                return "chunk " + c + " from the string\n" + a + "\nfrom its UTF-8\n" + b;
            }
        }
        return null;
    }

    /** The string with each unpaired surrogate as {@code ?}, as UTF-8 encodes it. */
    private static String unpairedAsQuestionMarks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean paired = Character.isHighSurrogate(ch) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                out.append(ch).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(ch) ? '?' : ch);
            }
        }
        return out.toString();
    }

    /** A document made to be split: a long table, a long list, a long paragraph, a long fence, footnotes. */
    @Test
    void largeBlocksSplitWhereTheyMay() {
        OcpEngine engine = shared().engine();
        assumeSyntax(shared(), Extension.GFM);
        StringBuilder md = new StringBuilder("# Title\n\nIntro with a [link][ref] and a note.[^n]\n\n## Table\n\n");
        md.append("| name | value |\n|:-----|------:|\n");
        for (int i = 0; i < 40; i++) {
            md.append("| row ").append(i).append(" | ").append(i * i).append(" |\n");
        }
        md.append("\n## List\n\n");
        for (int i = 0; i < 30; i++) {
            md.append(i + 1).append(". item ").append(i).append(" with [the link][ref]\n");
        }
        // Sentences in English and in other scripts: a Cyrillic letter after a full stop and a space, Devanagari after
        // a danda and a space; after an ideographic full stop, no space at all.
        String[][] prose = {{"Prose", "Sentence ", " is here and says something. "}, {"Проза", "Предложение ",
                " говорит кое-что. "}, {"गद्य", "यह वाक्य ", " है। "}, {"散文", "これは", "番目の文です。"}};
        for (String[] section : prose) {
            md.append("\n\n## ").append(section[0]).append("\n\n");
            for (int i = 0; i < 40; i++) {
                md.append(section[1]).append(i).append(section[2]);
            }
        }
        // A table whose header row is a paragraph's last line stays with it: alone, <br/> would be an HTML block.
        md.append("\n\n## Glued\n\n").append("word ".repeat(30))
                .append("\n\nA short paragraph above a table\n<br/>\n:-\n");
        // After a [ that the text leaves open a URL is no autolink, which alone it would be: no cut there.
        md.append("\n\n## Bracket\n\nA bracket left open, ![*x* ").append("and so on and so forth ".repeat(7))
                .append("for long. Then https://example.com/a follows.");
        md.append("\n\nIn emphasis *a bracket [left open* ").append("and so on and so forth ".repeat(7))
                .append("for long. Then https://example.com/b follows.");
        // A paragraph on the line after a definition, its first line a continuation there (alone, a task item).
        md.append("\n\n## Definition\n\n[d]: /d\n3. [x] The first sentence is read as the paragraph's. ")
                .append("word ".repeat(30)).append("end.");
        // Where a www. address ends depends on what follows it (alone, at the end, www. is no link): no cut after it.
        md.append("\n\n## Address\n\n").append("word ".repeat(20)).append("ends. See www. ")
                .append("more ".repeat(30)).append("done.");
        md.append("\n\n```\n").append("# not a heading\n".repeat(30)).append("```\n\n");
        md.append("[ref]: https://example.com/a \"A\"\n\n[^n]: The note, with [a link][ref].\n");
        byte[] source = md.toString().getBytes(StandardCharsets.UTF_8);
        ParseOptions gfm = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
        ChunkOptions options = ChunkOptions.defaults().withMaxSize(200);
        List<Chunk> chunks = Chunker.chunk(engine, source, gfm, options);
        String problem = problem(engine, source, gfm, options, chunks);
        assertEquals(null, problem);
        long tableChunks = chunks.stream().filter(c -> c.headingPath().equals(List.of("Title", "Table"))).count();
        assertTrue(tableChunks > 3, "the table was split into groups of rows: " + tableChunks);
        for (Chunk c : chunks) {
            if (c.headingPath().equals(List.of("Title", "Table")) && c.index() > 2) {
                assertTrue(c.markdown().startsWith("| name | value |\n|:-----|------:|\n"),
                        "each group of rows repeats the header and alignment rows: " + c.markdown());
            }
        }
        assertTrue(chunks.stream().filter(c -> c.headingPath().equals(List.of("Title", "List"))).count() > 2,
                "the list was split between items");
        assertTrue(chunks.stream().filter(c -> c.headingPath().equals(List.of("Title", "Prose"))).count() > 2,
                "the paragraph was split between sentences");
        for (String script : List.of("Проза", "गद्य", "散文")) {
            List<Chunk> sentences = chunks.stream().filter(c -> c.headingPath().equals(List.of("Title", script)))
                    .toList();
            assertTrue(sentences.size() > 2, "the paragraph in " + script + " was split between sentences");
            for (Chunk c : sentences) {
                assertFalse(c.text().contains("。 "), "sentences with none between them join with no space: "
                        + c.text());
            }
        }
        assertTrue(chunks.stream().anyMatch(c -> c.markdown().startsWith("A short paragraph above a table\n<br/>")),
                "a table whose header row was a paragraph's last line starts no chunk");
        Chunk fence = chunks.stream().filter(c -> c.markdown().contains("# not a heading")).findFirst().orElseThrow();
        assertTrue(fence.overCap(), "a code block over the cap is one chunk, flagged");
        assertEquals(chunks.stream().filter(c -> c == fence || c.markdown().startsWith("A bracket")
                        || c.markdown().startsWith("In emphasis")).toList(),
                chunks.stream().filter(Chunk::overCap).toList(),
                "only the fence and the paragraphs with a bracket left open, which no sentence may cut, are over the cap");
        // A footnote defined twice, first with a fence it never closes (which takes in the blank line after it): a
        // chunk that holds the later definition carries the first before its content, with no blank line between,
        // so that the first wins as in the document and its code is the document's.
        byte[] twice = ("Intro[^a].\n\n[^a]: ```\n    open fence\n\nMore text.\n\n## Later\n\nThe note again[^a].\n\n"
                + "[^a]: second\n").getBytes(StandardCharsets.UTF_8);
        ChunkOptions small = ChunkOptions.defaults().withMaxSize(100);
        List<Chunk> again = Chunker.chunk(engine, twice, gfm, small);
        assertEquals(null, problem(engine, twice, gfm, small, again));
        assertTrue(again.get(again.size() - 1).markdown().startsWith("[^a]: ```\n    open fence\n\n## Later"),
                "the first definition, left open, goes first with its blank line: " + again);
        // A link's label defined first outside the chunk and again inside a footnote the chunk carries: the first
        // definition goes before the footnote, to win as in the document.
        byte[] inNote = ("## Links\n\n[x]: /first\n\n## Body\n\nUses a note[^n] and [x].\n\n## Notes\n\n"
                + "[^n]: Note.\n\n    [x]: /second\n").getBytes(StandardCharsets.UTF_8);
        List<Chunk> body = Chunker.chunk(engine, inNote, gfm, ChunkOptions.defaults().withMaxSize(80));
        assertEquals(null, problem(engine, inNote, gfm, ChunkOptions.defaults().withMaxSize(80), body));
        assertTrue(body.stream().filter(c -> c.markdown().contains("Uses a note"))
                        .allMatch(c -> c.markdown().startsWith("[x]: /first\n\n")),
                "the first definition goes first: " + body);
        // A byte order mark inside a document (files joined) is a character there; alone it would be dropped and the
        // line after it read as a heading.
        byte[] joined = "An intro paragraph.\n\n\uFEFF# Not a heading here\n".getBytes(StandardCharsets.UTF_8);
        List<Chunk> marked = Chunker.chunk(engine, joined, gfm, ChunkOptions.defaults().withMaxSize(30));
        assertEquals(null, problem(engine, joined, gfm, ChunkOptions.defaults().withMaxSize(30), marked));
        assertEquals("&#xFEFF;# Not a heading here\n", marked.get(marked.size() - 1).markdown());
        // A paragraph that ends in a form feed keeps it (only spaces and tabs end a paragraph unseen), also where a
        // definition is carried after it.
        byte[] feed = "Ends in a form feed[^f] \f\n\n## Notes\n\n[^f]: the note\n".getBytes(StandardCharsets.UTF_8);
        ChunkOptions tiny = ChunkOptions.defaults().withMaxSize(40);
        assertEquals(null, problem(engine, feed, gfm, tiny, Chunker.chunk(engine, feed, gfm, tiny)));
        // Two footnotes carried after a chunk's content, the first left open with two blank lines, which its code
        // holds: it goes last, with its blank lines, and nothing after it.
        byte[] open = ("## One\n\nUses[^b] and[^c].\n\n## Two\n\nMore text here.\n\n[^b]: ```\n    b code\n\n\n"
                + "[^c]: plain\n").getBytes(StandardCharsets.UTF_8);
        List<Chunk> leftOpen = Chunker.chunk(engine, open, gfm, ChunkOptions.defaults().withMaxSize(100));
        assertEquals(null, problem(engine, open, gfm, ChunkOptions.defaults().withMaxSize(100), leftOpen));
        assertEquals("## One\n\nUses[^b] and[^c].\n\n[^c]: plain\n\n[^b]: ```\n    b code\n\n\n",
                leftOpen.get(0).markdown(), "a footnote left open goes last, its blank lines kept");
        Chunk intro = chunks.get(0);
        assertTrue(intro.markdown().contains("[ref]: https://example.com/a") && intro.markdown().contains("[^n]:"),
                "the intro carries the definition and footnote it uses: " + intro.markdown());
    }

    /**
     * {@value}: {@code mdx} chunks the MDX pages of the corpus alone, leaving Pro Git out (the self-test, whose
     * fifty kit runs would each spend seconds on it, sets it; its mutants fail on the pages as well).
     */
    public static final String CORPUS_PROPERTY = "ocp.tck.chunkCorpus";

    /**
     * Pro Git (CommonMark) and the MDX site's pages, when the shared corpus is there (the pages alone under
     * {@value #CORPUS_PROPERTY}{@code =mdx}).
     */
    @Test
    void sharedCorpusKeepsEveryPromise() throws IOException {
        Path corpus = corpus();
        if (corpus == null && "true".equals(System.getenv("CI"))) {
            fail("CI=true and no shared/corpus above the working directory (-Docp.corpus=DIR names one): the chunks"
                    + " of progit and the MDX pages must be checked in CI");
        }
        assumeTrue(corpus != null, "no shared/corpus above the working directory (-Docp.corpus=DIR names one):"
                + " progit and the MDX pages are not chunked here");
        OcpEngine engine = shared().engine();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path progit = corpus.resolve("progit").resolve("progit.md");
        if (Files.isRegularFile(progit) && !"mdx".equals(System.getProperty(CORPUS_PROPERTY, "all"))) {
            files.put("progit", Files.readAllBytes(progit));
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            checked += check(engine, e.getKey(), e.getValue(), ParseOptions.defaults(),
                    ChunkOptions.defaults().withMaxSize(1500), failures);
        }
        Path mdx = corpus.resolve("mdx");
        if (Files.isDirectory(mdx) && engine.syntax().supports(Dialect.MDX)) {
            List<Path> pages;
            try (Stream<Path> list = Files.list(mdx)) {
                pages = list.filter(p -> p.toString().endsWith(".mdx")).sorted().toList();
            }
            ParseOptions options = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH);
            for (Path page : pages) {
                checked += check(engine, page.getFileName().toString(), Files.readAllBytes(page), options,
                        ChunkOptions.defaults().withMaxSize(800), failures);
            }
        }
        assumeTrue(checked > 0, "the corpus holds neither progit nor mdx pages");
        report(failures, checked);
    }

    /**
     * {@value}: a folder of real READMEs (GFM), every {@code *.md} in it chunked and checked, or {@code none} for
     * none (the self-test); this repository's {@code tools/readme-corpus} fetches 151 of them from the npm registry
     * into {@code target/readmes}, where the check also looks (the shared corpus has none).
     */
    public static final String READMES_PROPERTY = "ocp.tck.readmes";

    /** Real READMEs, fetched by {@code tools/readme-corpus}: tables, HTML, badges, code of many authors. */
    @Test
    void realReadmesKeepEveryPromise() throws IOException {
        OcpEngine engine = shared().engine();
        assumeTrue(!"none".equals(System.getProperty(READMES_PROPERTY)),
                READMES_PROPERTY + "=none: the READMEs are not chunked here");
        Path folder = readmes();
        if (folder == null && "true".equals(System.getenv("CI"))) {
            fail("CI=true and no READMEs (tools/readme-corpus fetches them, -D" + READMES_PROPERTY + "=DIR names"
                    + " a folder): the chunks of real READMEs must be checked in CI");
        }
        assumeTrue(folder != null, "no READMEs here (tools/readme-corpus fetches them into target/readmes, -D"
                + READMES_PROPERTY + "=DIR names a folder)");
        assumeSyntax(shared(), Extension.GFM);
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        ParseOptions gfm = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            checked += check(engine, file.getFileName().toString(), Files.readAllBytes(file), gfm,
                    ChunkOptions.defaults().withMaxSize(1000), failures);
        }
        assumeTrue(checked > 0, "the READMEs folder " + folder + " is empty");
        report(failures, checked);
    }

    /** {@value #READMES_PROPERTY}, or the {@code target/readmes} of the checkout above the working directory. */
    private static Path readmes() {
        String property = System.getProperty(READMES_PROPERTY);
        if (property != null && !property.isEmpty()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench").resolve("js").resolve("readmes.txt"))) {
                Path candidate = dir.resolve("target").resolve("readmes");
                return Files.isDirectory(candidate) ? candidate : null;
            }
        }
        return null;
    }

    private static void report(List<String> failures, int checked) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + checked + " documents break a chunking promise; the first:\n"
                    + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
        }
    }

    /** Checks a document at three caps (and a minimum and the frontmatter as content once); 1 if it parsed, else 0. */
    private static int checkAll(OcpEngine engine, String name, String markdown, ParseOptions parse,
                                List<String> failures) {
        byte[] source = markdown.getBytes(StandardCharsets.UTF_8);
        int n = check(engine, name, source, parse, ChunkOptions.defaults().withMaxSize(40), failures);
        if (n > 0) {
            String problem = fromStringProblem(engine, markdown, parse, ChunkOptions.defaults().withMaxSize(40));
            if (problem != null) {
                failures.add(name + " (cap 40): " + problem + "\n--- source\n" + markdown);
            }
            check(engine, name + " (cap 150, levels 1-2, minimum 60)", source, parse, ChunkOptions.defaults()
                    .withMaxSize(150).withHeadingLevels(1, 2).withMinSize(60), failures);
            check(engine, name + " (cap 1000, frontmatter as content)", source, parse, ChunkOptions.defaults()
                    .withMaxSize(1000).withFrontmatterAsMetadata(false), failures);
            checkOverlap(engine, name + " (cap 150, overlap 60)", source, parse, ChunkOptions.defaults()
                    .withMaxSize(150).withOverlap(60), failures);
            // A measure of another kind than characters, as a tokenizer is: what the chunker adds up, compares and
            // gives as each chunk's size must be that measure's, not a count of characters.
            ChunkOptions tokens = ChunkOptions.defaults().withMeasure(ChunkSuite::pseudoTokens);
            check(engine, name + " (pseudo-tokens)", source, parse, tokens.withMaxSize(12), failures);
            checkOverlap(engine, name + " (cap 40 pseudo-tokens, overlap 10)", source, parse,
                    tokens.withMaxSize(40).withOverlap(10), failures);
        }
        return n;
    }

    /**
     * A stand-in for a tokenizer's count, with no library: each run of letters and digits counts one, each other
     * character but white space one, white space nothing. Like a tokenizer's, its count is not the characters', and
     * a piece's is not the sum of its characters'.
     */
    private static int pseudoTokens(String markdown) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            boolean wordChar = Character.isLetterOrDigit(c);
            if (wordChar ? !inWord : !Character.isWhitespace(c)) {
                count++;
            }
            inWord = wordChar;
        }
        return count;
    }

    private static void checkOverlap(OcpEngine engine, String name, byte[] source, ParseOptions parse,
                                     ChunkOptions options, List<String> failures) {
        List<Chunk> chunks = Chunker.chunk(engine, source, parse, options);
        // The same document packed under the cap less the overlap, without it: each chunk's own content.
        List<Chunk> own = Chunker.chunk(engine, source, parse,
                options.withOverlap(0).withMaxSize(options.maxSize() - options.overlap()));
        String problem = overlapProblem(engine, source, parse, options, chunks, own);
        if (problem != null) {
            failures.add(name + ": " + problem + "\n--- source\n" + new String(source, StandardCharsets.UTF_8));
        }
    }

    /**
     * What is wrong with chunks made with an overlap, or null, given the chunks of the same document packed under the
     * cap less the overlap and without it ({@code own}): the chunks are those, each led by a piece of the one before
     * that measures at most the overlap, starts neither inside a code, math, HTML or JSX block, row, item, quote or
     * heading nor indented as code, and holds no top-level heading, and none before a chunk that starts with a heading; a chunk is over the
     * cap only when its own content is; heading paths are its own content's, and its text ends with its own text.
     */
    static String overlapProblem(OcpEngine engine, byte[] source, ParseOptions parse, ChunkOptions options,
                                 List<Chunk> chunks, List<Chunk> own) {
        if (chunks.size() != own.size()) {
            return chunks.size() + " chunks with the overlap, " + own.size() + " packed without it";
        }
        try (OcpDocument document = engine.parse(source, parse)) {
            boolean[] inside = insideUncut(document, source.length);
            List<Integer> headings = new ArrayList<>();
            java.util.TreeMap<Integer, NodeKind> topLevel = new java.util.TreeMap<>();
            OcpCursor cursor = document.cursor();
            for (int i = 1, n = cursor.nodeCount(); i < n; i++) {
                cursor.moveTo(i);
                OcpNode node = cursor.node();
                if (node.kind() == NodeKind.HEADING && node.parentIndex() == 0) {
                    headings.add(node.spanStart());
                }
                if (node.parentIndex() == 0) {
                    topLevel.put(node.spanStart(), node.kind());
                }
            }
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                Chunk alone = own.get(c);
                if (chunk.endByte() != alone.endByte()) {
                    return "chunk " + c + " ends at " + chunk.endByte() + ", its own content at " + alone.endByte();
                }
                int from = chunk.startByte();
                int to = alone.startByte();
                if (from > to || c == 0 && from != to || c > 0 && from < own.get(c - 1).startByte()) {
                    return "chunk " + c + " starts at " + from + ", not in the chunk before its own start " + to;
                }
                if (from < to) {
                    int size = options.measure().applyAsInt(slice(source, from, to));
                    if (size > options.overlap()) {
                        return "chunk " + c + " repeats " + size + " of the chunk before, over the overlap";
                    }
                    if (inside[from]) {
                        return "chunk " + c + "'s overlap starts at " + from + ", inside a block it may not cut";
                    }
                    if (document.dialect() != Dialect.MDX && startsIndented(slice(source, from, to))
                            && (topLevel.ceilingEntry(from) == null
                            || topLevel.ceilingEntry(from).getValue() != NodeKind.CODE_BLOCK)) {
                        return "chunk " + c + "'s overlap starts indented four columns: alone it reads as code";
                    }
                    for (int h : headings) {
                        if (h >= from && h <= alone.startByte() + leadingSpace(source, to)) {
                            return "chunk " + c + "'s overlap reaches back over the heading at " + h;
                        }
                    }
                }
                if (chunk.overCap() && options.measure().applyAsInt(alone.markdown()) <= options.maxSize()) {
                    return "chunk " + c + " is over the cap with its overlap, though its own content fits";
                }
                if (!String.valueOf(chunk.headingPath()).equals(String.valueOf(alone.headingPath()))) {
                    return "chunk " + c + " has heading path " + chunk.headingPath() + ", its own content "
                            + alone.headingPath();
                }
                if (!words(chunk.text()).endsWith(words(alone.text()))) {
                    return "chunk " + c + "'s text\n" + chunk.text() + "\ndoes not end with its own\n" + alone.text();
                }
            }
            return null;
        }
    }

    /**
     * Which offsets of the source lie strictly inside a node of a kind {@link #UNCUT} names, at any depth: no chunk
     * (and no overlap) may start there.
     */
    private static boolean[] insideUncut(OcpDocument document, int length) {
        boolean[] inside = new boolean[length + 1];
        OcpCursor cursor = document.cursor();
        for (int i = 1, n = cursor.nodeCount(); i < n; i++) {
            cursor.moveTo(i);
            OcpNode node = cursor.node();
            if (UNCUT.contains(node.kind())) {
                java.util.Arrays.fill(inside, node.spanStart() + 1, Math.max(node.spanStart() + 1, node.spanEnd()),
                        true);
            }
        }
        return inside;
    }

    /** The spaces, tabs and line endings at {@code at}. */
    private static int leadingSpace(byte[] source, int at) {
        int i = at;
        while (i < source.length && Character.isWhitespace(source[i])) {
            i++;
        }
        return i - at;
    }

    private static int check(OcpEngine engine, String name, byte[] source, ParseOptions parse, ChunkOptions options,
                             List<String> failures) {
        List<Chunk> chunks;
        try {
            chunks = Chunker.chunk(engine, source, parse, options);
        } catch (OcpException e) {
            return 0; // an MDX syntax error: nothing to chunk
        }
        String problem = problem(engine, source, parse, options, chunks);
        if (problem != null) {
            failures.add(name + " (cap " + options.maxSize() + "): " + problem + "\n--- source\n"
                    + new String(source, StandardCharsets.UTF_8));
        }
        return 1;
    }

    /**
     * What is wrong with the chunks of a document, or null: the ranges follow each other from the content's start to
     * the end of the source; no range starts strictly inside a code, math, HTML or JSX block, a table row, a list
     * item, a block quote or a heading; a chunk over the cap is flagged, and holds one block that cannot be split; a
     * chunk's Markdown parses on its own to the HTML that its part of the source gives beside all of the document's
     * definitions, a chunk of whole blocks to the HTML the document gives those blocks, a chunk that cuts a list or
     * table to its items or rows as the document gives them, and the pieces of a paragraph cut between sentences to
     * its inline HTML once joined ({@link #cutProblem}); a chunk of whole blocks
     * has the document's text over them, a chunk cut inside a paragraph or table the text of its part read beside the
     * definitions; each heading path is the top-level headings above the chunk's start.
     */
    static String problem(OcpEngine engine, byte[] source, ParseOptions parse, ChunkOptions options,
                          List<Chunk> chunks) {
        try (OcpDocument document = engine.parse(source, parse)) {
            OcpCursor cursor = document.cursor();
            List<int[]> tables = new ArrayList<>();
            List<int[]> definitions = new ArrayList<>();
            boolean footnotes = false;
            List<int[]> blockStarts = new ArrayList<>();
            Set<String> labels = new java.util.HashSet<>();
            for (int i = 0, n = cursor.nodeCount(); i < n; i++) {
                cursor.moveTo(i);
                OcpNode node = cursor.node();
                NodeKind kind = node.kind();
                if (i > 0 && kind != null && kind.isBlock()) {
                    blockStarts.add(new int[] {node.spanStart(), i});
                }
                if (kind == NodeKind.DEFINITION || kind == NodeKind.FOOTNOTE_DEFINITION) {
                    // Start, end, whether a link's, node, whether the first of its label (which wins), whether
                    // it leaves a block open (a fence never closed, which takes in the blank lines after it).
                    // (CommonMark's matching: spaces, tabs and line endings trimmed and collapsed, case folded.)
                    String label = (kind == NodeKind.DEFINITION ? "l" : "f") + node.label()
                            .replaceAll("^[ \t\r\n]+|[ \t\r\n]+$", "").replaceAll("[ \t\r\n]+", " ")
                            .toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
                    definitions.add(new int[] {node.spanStart(), node.spanEnd(), kind == NodeKind.DEFINITION ? 1 : 0, i,
                            labels.add(label) ? 1 : 0, leavesBlockOpen(document, i) ? 1 : 0});
                }
                footnotes |= kind == NodeKind.FOOTNOTE_REFERENCE || kind == NodeKind.FOOTNOTE_DEFINITION;
                if (kind == NodeKind.TABLE && node.parentIndex() == 0) {
                    tables.add(new int[] {i, node.spanStart(), node.spanEnd()});
                }
            }
            boolean[] inside = insideUncut(document, source.length);
            List<int[]> blocks = new ArrayList<>();
            cursor.moveTo(0);
            if (cursor.toFirstChild()) {
                do {
                    int start = cursor.node().spanStart();
                    int columns = 0;
                    for (int i = lineStart(source, start); i < start; i++) {
                        columns = source[i] == '\t' ? columns + 4 - columns % 4 : columns + 1;
                    }
                    // Whether it cannot start a chunk: indented code alone, a paragraph's continuation line, or a
                    // table whose header row was a paragraph's last line.
                    boolean glued = cursor.node().kind() != NodeKind.CODE_BLOCK && document.dialect() != Dialect.MDX
                            && columns >= 4;
                    NodeKind kind = cursor.node().kind();
                    if (!blocks.isEmpty() && (kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING)) {
                        int[] previous = blocks.get(blocks.size() - 1);
                        glued |= kindOf(document, previous[0]) == NodeKind.DEFINITION
                                && lineBreaks(source, previous[2], start) <= 1;
                    }
                    if (!blocks.isEmpty() && kind == NodeKind.TABLE) {
                        int[] previous = blocks.get(blocks.size() - 1);
                        glued |= kindOf(document, previous[0]) == NodeKind.PARAGRAPH
                                && lineBreaks(source, previous[2], start) <= 1;
                    }
                    blocks.add(new int[] {cursor.index(), start, cursor.node().spanEnd(), glued ? 1 : 0});
                } while (cursor.toNextSibling());
            }
            if (chunks.isEmpty()) {
                boolean content = blocks.stream().anyMatch(b -> kindOf(document, b[0]) != NodeKind.FRONTMATTER);
                return content ? "no chunks for a document with content" : null;
            }
            if (chunks.get(chunks.size() - 1).endByte() != source.length) {
                return "the last chunk ends at " + chunks.get(chunks.size() - 1).endByte() + ", not the source's end "
                        + source.length;
            }
            dev.ocp.LineIndex lines = dev.ocp.LineIndex.of(source);
            String documentText = document.toText();
            int textAt = 0;
            // Whether the chunk before was checked, so that only separators lie between its text and the next.
            boolean textFollows = true;
            // The inline HTML of the pieces of a paragraph cut between chunks, from the chunk that starts it on.
            Map<Integer, StringBuilder> pieces = new java.util.HashMap<>();
            // The heading path, followed from block to block as the chunks go on.
            List<String> path = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            int nextBlock = 0;
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                if (chunk.index() != c) {
                    return "chunk " + c + " says it is " + chunk.index();
                }
                if (c > 0 && chunks.get(c - 1).endByte() != chunk.startByte()) {
                    return "chunk " + c + " starts at " + chunk.startByte() + " but the one before ends at "
                            + chunks.get(c - 1).endByte();
                }
                int at = chunk.startByte();
                if (at < inside.length && inside[at]) {
                    return "chunk " + c + " starts at " + at + ", inside a code, math, HTML or JSX block, a table row,"
                            + " a list item, a block quote or a heading";
                }
                int size = options.measure().applyAsInt(chunk.markdown());
                if (size != chunk.size()) {
                    return "chunk " + c + " says it measures " + chunk.size() + " but its Markdown measures " + size;
                }
                if (size > options.maxSize() != chunk.overCap()) {
                    return "chunk " + c + " measures " + size + (chunk.overCap() ? " under the cap but is flagged"
                            : " over the cap but is not flagged");
                }
                if (chunk.overCap()) {
                    String why = splittable(document, blocks, chunk);
                    if (why != null) {
                        return "chunk " + c + " is over the cap though it could be split: " + why;
                    }
                }
                // The headings up to the chunk's first block (a first chunk starts with the blank lines before it).
                int content = at + leadingSpace(source, at);
                while (nextBlock < blocks.size() && blocks.get(nextBlock)[1] <= content) {
                    cursor.moveTo(blocks.get(nextBlock++)[0]);
                    if (cursor.node().kind() == NodeKind.HEADING) {
                        int level = cursor.node().headingLevel();
                        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                            levels.remove(levels.size() - 1);
                            path.remove(path.size() - 1);
                        }
                        levels.add(level);
                        path.add(dev.ocp.toc.Headings.text(cursor));
                    }
                }
                String expectedPath = String.valueOf(path);
                if (!expectedPath.equals(String.valueOf(chunk.headingPath()))) {
                    return "chunk " + c + " has heading path " + chunk.headingPath() + ", not " + expectedPath;
                }
                int startLine = lines.line(at);
                int endLine = lines.line(Math.max(at, chunk.endByte() - 1));
                if (chunk.startLine() != startLine || chunk.endLine() != endLine) {
                    return "chunk " + c + " says lines " + chunk.startLine() + "-" + chunk.endLine() + ", not "
                            + startLine + "-" + endLine;
                }
                // A chunk of whole blocks, rows or items (not of a paragraph's sentences, not repeating a table's
                // header) has the document's plain text over them: the next such piece of it.
                boolean wholeParts = !cutsParagraphOrTable(document, blocks, at)
                        && !cutsParagraphOrTable(document, blocks, chunk.endByte());
                if (wholeParts && !chunk.text().isEmpty()) {
                    String piece = chunk.text().endsWith("\n") && !chunk.text().endsWith("\n\n")
                            ? chunk.text().substring(0, chunk.text().length() - 1) : chunk.text();
                    int found = documentText.indexOf(piece, textAt);
                    // After a chunk not checked, only a text found once tells where it is.
                    boolean placed = textFollows || found < 0 || documentText.indexOf(piece, found + 1) < 0;
                    if (found < 0 || textFollows && !documentText.substring(textAt, found).isBlank()) {
                        return "chunk " + c + "'s text is not the document's next text\n--- chunk text\n"
                                + chunk.text() + "\n--- the document's, from there\n"
                                + documentText.substring(textAt, Math.min(documentText.length(), textAt + 400));
                    }
                    if (placed) {
                        textAt = found + piece.length();
                        textFollows = true;
                    }
                } else if (!wholeParts) {
                    textFollows = false; // (a chunk without text leaves the place in the document's text as it was)
                }
                // Its part of the source among the document's other definitions, where they resolve as in the document
                // (only the first of a label, which wins): those before it go before it, the rest after it. After a
                // code, math, HTML or JSX block or in a container directive (which may run to the end) every
                // definition goes before it. A frontmatter stays first. A footnote's goes before it only where the
                // line after it is not indented (that line's block would join the footnote), and one that leaves a
                // block open only before a line neither blank nor indented, with no blank line between (it would take
                // that in); else after it, or nowhere after such a block. One left open keeps its blank lines and
                // goes last. A nested definition is as the Markdown writer gives it (its source lines hold its
                // containers' markers).
                boolean allBefore = endsInOpenBlock(document, blockStarts, at, chunk.endByte());
                String own = tableHeader(document, source, tables, at) + slice(source, at, chunk.endByte());
                if (at > 0 && own.startsWith("\uFEFF")) {
                    own = "&#xFEFF;" + own.substring(1); // a character there, as the chunk writes it: a parser drops one
                }
                int frontmatterEnd = frontmatterEnd(document, source, blocks, at);
                int split = frontmatterEnd > at ? slice(source, at, frontmatterEnd).length() : 0;
                boolean indented = startsIndented(own);
                // (The line after the insertion, where one that leaves a block open ends: neither blank nor indented.)
                String rest = own.substring(split);
                boolean flush = !indented && !startsIndented(rest) && !rest.matches("(?s)[ \t]*[\r\n].*");
                StringBuilder before = new StringBuilder();
                StringBuilder after = new StringBuilder();
                StringBuilder leftOpen = new StringBuilder();
                // Every definition outside the part, for its text: they write none of the part's text.
                StringBuilder outside = new StringBuilder();
                for (int[] d : definitions) {
                    if (d[0] >= at && d[0] < chunk.endByte() || d[4] == 0) {
                        continue; // the part's own, or one that does not win
                    }
                    boolean open = d[5] == 1;
                    boolean first = allBefore || d[1] <= at;
                    if (first && d[2] == 0 && (open ? !flush : indented)) {
                        if (allBefore) {
                            continue; // nowhere to go: the chunk cannot carry it either
                        }
                        first = false;
                    }
                    String text = definitionText(document, source, d);
                    outside.append(text).append("\n\n");
                    if (first) {
                        before.append(text).append(open ? "" : "\n\n");
                    } else if (open) {
                        leftOpen.append(leftOpen.isEmpty() ? "\n\n" : "").append(text);
                    } else {
                        after.append("\n\n").append(text);
                    }
                }
                StringBuilder part = new StringBuilder(own);
                if (split > 0) {
                    part.insert(split, (part.charAt(split - 1) != '\n' ? "\n" : "") + before);
                } else {
                    part.insert(0, before);
                }
                part.append(after).append(leftOpen);
                String alone = html(engine, chunk.markdown(), parse);
                String inDocument = html(engine, part.toString(), parse);
                if (!alone.equals(inDocument)) {
                    return "chunk " + c + " parses alone to\n" + alone + "\nbut its part of the document to\n"
                            + inDocument + "\n--- chunk\n" + chunk.markdown() + "\n--- its part\n" + part;
                }
                // A chunk cut inside a paragraph or table, whose text the document's does not hold (sentences, a
                // repeated header): the text of its part, its references read beside the definitions, white space
                // aside (sentences join with a space where the part may break a line).
                if (!wholeParts && (!allBefore || frontmatterEnd <= at)) {
                    String partText = partText(engine, parse, own, outside.toString(), allBefore);
                    if (!words(partText).equals(words(chunk.text()))) {
                        return "chunk " + c + "'s text is\n" + chunk.text() + "\nbut its part's, beside the "
                                + "definitions, is\n" + partText + "\n--- chunk\n" + chunk.markdown();
                    }
                }
                // With footnotes, whose numbers a chunk alone gives from 1 and whose definitions it writes at its end,
                // both sides are its blocks rendered one by one (a reference then reads as its label), definitions
                // aside (the HTML check above compared them).
                String blocksHtml = wholeBlocksHtml(document, blocks, chunk, footnotes);
                String aloneHtml = footnotes ? blocksHtml == null ? null : blocksHtml(engine, chunk.markdown(), parse)
                        : alone;
                if (blocksHtml != null && !blocksHtml.equals(aloneHtml)) {
                    return "chunk " + c + " parses alone to\n" + aloneHtml + "\nbut the document gives its blocks\n"
                            + blocksHtml + "\n--- chunk\n" + chunk.markdown();
                }
                String parts = cutProblem(engine, document, source, blocks, parse, chunk, pieces);
                if (parts != null) {
                    return "chunk " + c + " " + parts + "\n--- chunk\n" + chunk.markdown();
                }
            }
            return null;
        }
    }

    /**
     * Whether the last block to start in a range (at any depth) is a code, math, HTML or JSX block or an MDX
     * expression, which may run on to the end of what holds it, or is in a top-level container directive, which its
     * closing fence may not end. {@code blockStarts} holds the block nodes' starts and indexes in document order.
     */
    private static boolean endsInOpenBlock(OcpDocument document, List<int[]> blockStarts, int start, int end) {
        int lo = 0;
        int hi = blockStarts.size();
        while (lo < hi) { // the first block starting at or after end
            int mid = (lo + hi) >>> 1;
            if (blockStarts.get(mid)[0] < end) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0 || blockStarts.get(lo - 1)[0] < start) {
            return false;
        }
        int top = blockStarts.get(lo - 1)[1];
        while (document.node(top).parentIndex() > 0) {
            top = document.node(top).parentIndex();
        }
        if (document.node(top).kind() == NodeKind.CONTAINER_DIRECTIVE) {
            return true;
        }
        NodeKind last = document.node(blockStarts.get(lo - 1)[1]).kind();
        return last == NodeKind.CODE_BLOCK || last == NodeKind.MATH_BLOCK || last == NodeKind.HTML_BLOCK
                || last == NodeKind.MDX_JSX_FLOW || last == NodeKind.MDX_EXPRESSION_FLOW;
    }

    /** Whether the offset lies strictly inside a top-level paragraph or table (where sentences and rows split). */
    private static boolean cutsParagraphOrTable(OcpDocument document, List<int[]> blocks, int at) {
        int lo = 0;
        int hi = blocks.size();
        while (lo < hi) { // the first block starting at or after the offset
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid)[1] < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return false;
        }
        int[] b = blocks.get(lo - 1);
        NodeKind kind = kindOf(document, b[0]);
        return (kind == NodeKind.PARAGRAPH || kind == NodeKind.TABLE) && at < b[2];
    }

    private static NodeKind kindOf(OcpDocument document, int index) {
        return document.node(index).kind();
    }

    /** Why an over-cap chunk could have been split, or null: it holds more than one block, row, item. */
    private static String splittable(OcpDocument document, List<int[]> blocks, Chunk chunk) {
        // A block indented four columns or more, or a paragraph's continuation line, cannot start a chunk.
        List<int[]> starting = overlapping(blocks, chunk).stream()
                .filter(b -> b[1] >= chunk.startByte() && b[1] < chunk.endByte()).toList();
        List<int[]> inside = new ArrayList<>();
        for (int[] b : starting) {
            if (inside.isEmpty() || b[3] == 0) {
                inside.add(b);
            }
        }
        if (inside.size() > 1) {
            return inside.size() + " blocks";
        }
        if (inside.size() == 1) {
            NodeKind kind = kindOf(document, inside.get(0)[0]);
            if (kind == NodeKind.TABLE || kind == NodeKind.LIST) {
                OcpCursor cursor = document.cursor();
                cursor.moveTo(inside.get(0)[0]);
                int children = 0;
                if (cursor.toFirstChild()) {
                    do {
                        int at = cursor.node().spanStart();
                        children += at >= chunk.startByte() && at < chunk.endByte() ? 1 : 0;
                    } while (cursor.toNextSibling());
                }
                if (children > (kind == NodeKind.TABLE ? 2 : 1)) {
                    return "a " + kind + " of " + children + " rows or items";
                }
            }
        }
        return null;
    }

    /** The header and alignment rows of the table a chunk starts inside (after its header), or "". */
    private static String tableHeader(OcpDocument document, byte[] source, List<int[]> tables, int at) {
        for (int[] t : tables) {
            if (t[1] < at && at < t[2]) {
                OcpCursor cursor = document.cursor();
                cursor.moveTo(t[0]);
                cursor.toFirstChild();
                cursor.toNextSibling();
                int row = cursor.node().spanStart();
                row = lineStart(source, row);
                return slice(source, t[1], row); // from the header's first cell: an indented header would be code
            }
        }
        return "";
    }

    /** A definition's Markdown: its source when it is a top-level block, else the writer's. */
    private static String definitionText(OcpDocument document, byte[] source, int[] definition) {
        OcpCursor cursor = document.cursor();
        cursor.moveTo(definition[3]);
        if (cursor.node().parentIndex() == 0 && definition[5] == 1) {
            int end = definition[1] < source.length && source[definition[1]] == '\r' ? definition[1] + 1 : definition[1];
            String text = slice(source, definition[0], end < source.length && source[end] == '\n' ? end + 1 : end);
            return text.endsWith("\n") || text.endsWith("\r") ? text : text + "\n"; // with its blank lines
        }
        String text = cursor.node().parentIndex() == 0 ? slice(source, definition[0], definition[1])
                : MarkdownRenderer.renderToString(cursor, MarkdownOptions.defaults()).replaceAll("[\r\n]+$", "");
        return definition[5] == 1 ? text + "\n" : text; // (it ends its line: nothing follows it on that line)
    }

    /**
     * Whether the last block to start under the node was left open (a fence, math or HTML block that ends with its
     * container): it takes in the blank lines after the node.
     */
    private static boolean leavesBlockOpen(OcpDocument document, int node) {
        OcpCursor cursor = document.cursor();
        cursor.moveTo(node);
        int last = -1;
        for (int i = node + 1, to = cursor.subtreeEnd(); i < to; i++) {
            NodeKind kind = document.node(i).kind();
            if (kind != null && kind.isBlock()) {
                last = i;
            }
        }
        return last >= 0 && document.node(last).isUnclosed();
    }

    /**
     * Where the frontmatter's part ends (the next block's line start) when the range starting at {@code at} starts
     * with it, else -1.
     */
    private static int frontmatterEnd(OcpDocument document, byte[] source, List<int[]> blocks, int at) {
        if (blocks.isEmpty() || kindOf(document, blocks.get(0)[0]) != NodeKind.FRONTMATTER || at > blocks.get(0)[1]) {
            return -1;
        }
        return blocks.size() > 1 ? lineStart(source, blocks.get(1)[1]) : source.length;
    }

    /** Whether the first line that is not blank is indented four columns or more. */
    private static boolean startsIndented(String markdown) {
        int columns = 0;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else if (c == '\n' || c == '\r') {
                columns = 0;
            } else {
                return columns >= 4;
            }
        }
        return false;
    }

    private static int lineBreaks(byte[] source, int from, int to) {
        int breaks = 0;
        for (int i = from; i < to; i++) {
            breaks += source[i] == '\n' || source[i] == '\r' && (i + 1 >= to || source[i + 1] != '\n') ? 1 : 0;
        }
        return breaks;
    }

    private static int lineStart(byte[] source, int at) {
        int i = at;
        while (i > 0 && source[i - 1] != '\n' && source[i - 1] != '\r') {
            i--;
        }
        return i;
    }

    /**
     * The HTML the document gives the top-level blocks of a chunk, when the chunk is whole blocks (not rows, items or
     * sentences of one); otherwise null. {@code noFootnoteDefinitions}: without the footnote definitions.
     */
    private static String wholeBlocksHtml(OcpDocument document, List<int[]> blocks, Chunk chunk,
                                          boolean noFootnoteDefinitions) {
        StringBuilder html = new StringBuilder();
        OcpCursor cursor = document.cursor();
        for (int[] b : overlapping(blocks, chunk)) {
            boolean contained = b[1] >= chunk.startByte() && b[2] <= chunk.endByte();
            if (!contained) {
                return null; // a part of a block
            }
            cursor.moveTo(b[0]);
            NodeKind kind = cursor.node().kind();
            if (kind == NodeKind.FRONTMATTER) {
                return null;
            }
            if (kind != NodeKind.FOOTNOTE_DEFINITION || !noFootnoteDefinitions) {
                // The size hint is the block's, not the whole payload's (a buffer that large per block is slow).
                html.append(HtmlRenderer.renderToString(cursor, 4L * (b[2] - b[1]) + 64));
            }
        }
        return html.toString();
    }

    /** The HTML of a piece of Markdown's top-level blocks, each rendered alone, footnote definitions aside. */
    private static String blocksHtml(OcpEngine engine, String markdown, ParseOptions parse) {
        try (OcpDocument document = engine.parse(markdown.getBytes(StandardCharsets.UTF_8), parse)) {
            StringBuilder html = new StringBuilder();
            OcpCursor cursor = document.cursor();
            cursor.moveTo(0);
            for (boolean more = cursor.toFirstChild(); more; more = cursor.toNextSibling()) {
                if (cursor.node().kind() != NodeKind.FOOTNOTE_DEFINITION) {
                    html.append(HtmlRenderer.renderToString(cursor, 4L * markdown.length() + 64));
                }
            }
            return html.toString();
        } catch (OcpException e) {
            return "error " + e.getMessage();
        }
    }

    /**
     * What is wrong with the blocks the chunk cuts (it starts or ends inside them), or null: a list or a table, whose
     * parts it holds ({@link #partsProblem}), and a paragraph, cut between sentences ({@link #piecesProblem}). The
     * chunk is read alone once for all of them. {@code pieces} carries a cut paragraph's from chunk to chunk; an MDX
     * chunk that fails alone drops the paragraphs it cuts from it (its part fails alone as well: the HTML check before
     * this one compared them).
     */
    private static String cutProblem(OcpEngine engine, OcpDocument document, byte[] source, List<int[]> blocks,
                                     ParseOptions parse, Chunk chunk, Map<Integer, StringBuilder> pieces) {
        List<int[]> cut = new ArrayList<>();
        for (int[] b : overlapping(blocks, chunk)) {
            NodeKind kind = kindOf(document, b[0]);
            if ((b[1] < chunk.startByte() || b[2] > chunk.endByte())
                    && (kind == NodeKind.LIST || kind == NodeKind.TABLE || kind == NodeKind.PARAGRAPH)) {
                cut.add(b);
            }
        }
        if (cut.isEmpty()) {
            return null;
        }
        try (OcpDocument alone = engine.parse(chunk.markdown().getBytes(StandardCharsets.UTF_8), parse)) {
            for (int[] b : cut) {
                NodeKind kind = kindOf(document, b[0]);
                // The block the chunk starts in is the first of its kind it holds alone; the one it ends in, the last.
                int inChunk = topLevel(alone, kind, b[1] < chunk.startByte());
                String problem = inChunk < 0 ? "holds a part of a " + kind + " but no " + kind + " alone"
                        : kind == NodeKind.PARAGRAPH ? piecesProblem(document, source, b, alone, inChunk, chunk, pieces)
                        : partsProblem(document, parse, chunk, b[0], alone, inChunk);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        } catch (OcpException e) {
            for (int[] b : cut) {
                pieces.remove(b[0]);
            }
            return null;
        }
    }

    /** The first or the last top-level block of the kind in the document, or -1. */
    private static int topLevel(OcpDocument document, NodeKind kind, boolean first) {
        OcpCursor root = document.cursor();
        int found = -1;
        for (boolean more = root.toFirstChild(); more; more = root.toNextSibling()) {
            if (root.node().kind() == kind && (found < 0 || !first)) {
                found = root.index();
            }
        }
        return found;
    }

    /**
     * What is wrong with the parts of a list or table the chunk cuts, or null: read alone, the chunk has the list's
     * items, or the table's header and rows, that start in its range, each with the HTML the document gives it (a
     * row's, its cells'). But for one thing, which a chunk cannot help: the items of a loose list that the chunk
     * holds without a blank line between them (one item, say) make a tight list alone, their paragraphs without
     * {@code <p>}; the document's items are then compared as the items of a tight list (the same items copied into
     * one). Both sides are rendered a block at a time, so a footnote reference reads as its label in each.
     */
    private static String partsProblem(OcpDocument document, ParseOptions parse, Chunk chunk, int block,
                                       OcpDocument alone, int aloneBlock) {
        OcpCursor cursor = document.cursor();
        cursor.moveTo(block);
        NodeKind kind = cursor.node().kind();
        boolean tight = kind == NodeKind.LIST && cursor.node().isTightList();
        List<Integer> held = new ArrayList<>();
        for (boolean more = cursor.toFirstChild(); more; more = cursor.toNextSibling()) {
            int start = cursor.node().spanStart();
            // (A table's header row, which a chunk that starts in its rows repeats.)
            if (start >= chunk.startByte() && start < chunk.endByte() || kind == NodeKind.TABLE && held.isEmpty()) {
                held.add(cursor.index());
            }
        }
        List<String> got = partsHtml(alone, aloneBlock, null);
        boolean tightAlone = kind == NodeKind.LIST && alone.node(aloneBlock).isTightList();
        List<String> expected;
        if (tightAlone == tight) {
            expected = partsHtml(document, block, held);
        } else if (tightAlone) {
            dev.ocp.transform.Node[] copies = held.stream()
                    .map(item -> dev.ocp.transform.Node.copyOf(document, item))
                    .toArray(dev.ocp.transform.Node[]::new);
            try (OcpDocument asTight = dev.ocp.transform.Node.buildDocument(parse,
                    dev.ocp.transform.Node.bulletList(copies))) {
                expected = partsHtml(asTight, 1, null);
            }
        } else {
            return "makes a loose list alone of items of a tight one";
        }
        return got.equals(expected) ? null : "holds parts that parse alone to\n" + String.join("", got)
                + "\nbut the document gives them" + (tightAlone == tight ? "" : " (as a tight list's)") + "\n"
                + String.join("", expected);
    }

    /**
     * What is wrong with the piece of a paragraph the chunk cuts (between sentences), or null: a paragraph's pieces,
     * read alone and joined from the chunk that holds its start to the one that holds its end, have the inline HTML
     * the document gives the paragraph, but for the white space where it was cut. (A cut never falls at a hard line
     * break, which is no text: the break's {@code <br />} must be in a piece as in the document.)
     */
    private static String piecesProblem(OcpDocument document, byte[] source, int[] paragraph, OcpDocument alone,
                                        int piece, Chunk chunk, Map<Integer, StringBuilder> pieces) {
        OcpCursor cursor = alone.cursor();
        cursor.moveTo(piece);
        // (Pieces join as the source had them: by white space, or by nothing after an ideographic full stop.)
        boolean cutAtSpace = paragraph[1] >= chunk.startByte() || Character.isWhitespace(source[chunk.startByte() - 1]);
        pieces.computeIfAbsent(paragraph[0], k -> new StringBuilder()).append(cutAtSpace ? " " : "")
                .append(paragraphHtml(cursor));
        if (paragraph[2] > chunk.endByte()) {
            return null; // the paragraph goes on in the next chunk
        }
        String joined = pieces.remove(paragraph[0]).toString();
        OcpCursor whole = document.cursor();
        whole.moveTo(paragraph[0]);
        String inDocument = paragraphHtml(whole);
        return inlineWords(joined).equals(inlineWords(inDocument)) ? null
                : "ends a paragraph whose pieces parse alone to\n" + joined + "\nbut the document gives it\n"
                + inDocument;
    }

    /** A paragraph's HTML without its {@code <p>} and {@code </p>}. */
    private static String paragraphHtml(OcpCursor paragraph) {
        String html = HtmlRenderer.renderToString(paragraph,
                4L * (paragraph.node().spanEnd() - paragraph.node().spanStart()) + 256).strip();
        return html.startsWith("<p>") && html.endsWith("</p>") ? html.substring(3, html.length() - 4) : html;
    }

    /** Inline HTML with its white space as single spaces. */
    private static String inlineWords(String html) {
        return html.replaceAll("\\s+", " ").strip();
    }

    /**
     * The HTML of the block's items or rows, each alone (as in the block; a row as its cells, which say their
     * alignment, without the header and body around it): all of them, or those named.
     */
    private static List<String> partsHtml(OcpDocument document, int block, List<Integer> only) {
        List<String> out = new ArrayList<>();
        OcpCursor cursor = document.cursor();
        cursor.moveTo(block);
        for (boolean more = cursor.toFirstChild(); more; more = cursor.toNextSibling()) {
            if (only != null && !only.contains(cursor.index())) {
                continue;
            }
            int part = cursor.index();
            StringBuilder html = new StringBuilder();
            boolean row = cursor.node().kind() == NodeKind.TABLE_ROW;
            for (boolean cell = !row || cursor.toFirstChild(); cell; cell = row && cursor.toNextSibling()) {
                html.append(HtmlRenderer.renderToString(cursor,
                        4L * (cursor.node().spanEnd() - cursor.node().spanStart()) + 256));
            }
            out.add(html.toString());
            cursor.moveTo(part);
        }
        return out;
    }

    /** The top-level blocks (in document order) whose spans meet the chunk's range. */
    private static List<int[]> overlapping(List<int[]> blocks, Chunk chunk) {
        int lo = 0;
        int hi = blocks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blocks.get(mid)[2] <= chunk.startByte()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < blocks.size() && blocks.get(end)[1] < chunk.endByte()) {
            end++;
        }
        return blocks.subList(lo, end);
    }

    /**
     * The plain text of the part's own blocks, parsed with the definitions (before it when it may run to the end,
     * else after it), which write no text of the part's.
     */
    private static String partText(OcpEngine engine, ParseOptions parse, String own, String definitions,
                                   boolean definitionsFirst) {
        String before = definitionsFirst ? definitions : "";
        String markdown = before + own + (definitionsFirst ? "" : "\n\n" + definitions);
        int from = before.getBytes(StandardCharsets.UTF_8).length;
        int to = from + own.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder text = new StringBuilder();
        try (OcpDocument document = engine.parse(markdown.getBytes(StandardCharsets.UTF_8), parse)) {
            OcpCursor cursor = document.cursor();
            cursor.moveTo(0);
            if (cursor.toFirstChild()) {
                do {
                    int start = cursor.node().spanStart();
                    if (start >= from && start < to) {
                        text.append(dev.ocp.text.TextRenderer.renderToString(cursor)).append('\n');
                    }
                } while (cursor.toNextSibling());
            }
        } catch (OcpException e) {
            return "error " + e.getMessage();
        }
        return text.toString();
    }

    /** The text's words: runs of white space as one space, none at either end. */
    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String html(OcpEngine engine, String markdown, ParseOptions parse) {
        try (OcpDocument document = engine.parse(markdown.getBytes(StandardCharsets.UTF_8), parse)) {
            return document.toHtml();
        } catch (OcpException e) {
            return "error " + e.getMessage();
        }
    }

    /**
     * The bytes as the library decodes every string, ill-formed UTF-8 included: each maximal subpart of a bad sequence
     * one U+FFFD (the JDK's decoder gives one for a whole encoded surrogate, {@code ED A0 80}, where this gives three).
     */
    private static String slice(byte[] source, int start, int end) {
        StringBuilder text = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int lead = source[i] & 0xFF;
            int more;
            int low = 0x80;
            int high = 0xBF;
            int codePoint;
            if (lead < 0x80) {
                text.append((char) lead);
                i++;
                continue;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                more = 1;
                codePoint = lead & 0x1F;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                more = 2;
                codePoint = lead & 0x0F;
                low = lead == 0xE0 ? 0xA0 : low;
                high = lead == 0xED ? 0x9F : high;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                more = 3;
                codePoint = lead & 0x07;
                low = lead == 0xF0 ? 0x90 : low;
                high = lead == 0xF4 ? 0x8F : high;
            } else {
                text.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            boolean whole = true;
            for (int k = 0; k < more; k++, j++) {
                int next = j < end ? source[j] & 0xFF : -1;
                if (next < low || next > high) {
                    whole = false;
                    break;
                }
                codePoint = codePoint << 6 | next & 0x3F;
                low = 0x80;
                high = 0xBF;
            }
            if (whole) {
                text.appendCodePoint(codePoint);
            } else {
                text.append('\uFFFD'); // the bytes up to the first that cannot follow: one maximal subpart
            }
            i = j;
        }
        return text.toString();
    }

    /** The shared corpus: {@code -Docp.corpus=DIR}, or the first {@code shared/corpus} above the working directory. */
    private static Path corpus() {
        String property = System.getProperty("ocp.corpus");
        if (property != null && !property.isEmpty()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
