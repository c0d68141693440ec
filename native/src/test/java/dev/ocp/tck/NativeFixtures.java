package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.EngineConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Writes the fixtures the C core is diffed against: for every input, the Markdown and what the pure-Java
 * engine (the reference) makes of it, either its payload or its error. The C program
 * {@code native/test/tools/ocp_check.c} parses each Markdown with the core and compares the bytes; growth/ holds
 * each GFM blow-up at two sizes for the core's growth check.
 *
 * <p>Layout of the output folder: {@code index.tsv} lists one case per line (path without extension, dialect,
 * extension bits, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting, the flavor's code, {@code ok} or the
 * error code, a label); for each case {@code PATH.md} holds the input and {@code PATH.ocp} the payload, or {@code PATH.err} the
 * error message.
 *
 * <p>It lives in the TCK's package because the TCK's generated and hostile inputs ({@link Inputs}) are
 * package-private there; this is test code of the native module only and is not published.
 */
public final class NativeFixtures {
    /** The smaller size of each GFM blow-up in growth/; the larger is eight times that. */
    private static final int GROWTH_SMALL = 2_000;

    private final Path out;
    private final OcpEngine engine;
    private final Writer index;
    private int cases;
    private int errors;

    private NativeFixtures(Path out, OcpEngine engine, Writer index) {
        this.out = out;
        this.engine = engine;
        this.index = index;
    }

    /**
     * Writes the fixtures.
     *
     * @param args the output folder (emptied first), then any folders of extra Markdown (*.md, *.mdx) to add
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: NativeFixtures OUTPUT_DIR [MARKDOWN_DIR...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        deleteTree(out);
        Files.createDirectories(out);
        long started = System.nanoTime();
        try (OcpEngine engine = Ocp.engine("java", EngineConfig.defaults().withMemoryLimit(4L << 30));
             Writer index = Files.newBufferedWriter(out.resolve("index.tsv"), StandardCharsets.UTF_8)) {
            NativeFixtures f = new NativeFixtures(out, engine, index);
            f.writeAll(args);
            System.out.printf(Locale.ROOT, "fixtures: %d cases (%d expecting an error) in %s, %d ms%n", f.cases,
                    f.errors, out, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void writeAll(String[] args) throws IOException {
        ParseOptions defaults = ParseOptions.defaults();
        List<SpecExample> spec = SpecExample.readResource("/spec.txt");
        if (spec.isEmpty()) {
            throw new IllegalStateException("/spec.txt is not on the class path (commonmark-test-util)");
        }
        for (SpecExample e : spec) {
            write(String.format(Locale.ROOT, "spec/%04d", e.number()), utf8(e.markdown()), defaults,
                    "spec example " + e.number() + " (" + e.section() + ", line " + e.line() + ")");
        }
        ParseOptions gfm = defaults.withExtensions(Extension.GFM);
        List<SpecExample> gfmSpec = SpecExample.readResource("/gfm-spec.txt");
        if (gfmSpec.isEmpty()) {
            throw new IllegalStateException("/gfm-spec.txt is not on the class path (commonmark-test-util)");
        }
        for (SpecExample e : gfmSpec) {
            write(String.format(Locale.ROOT, "gfm-spec/%04d", e.number()), utf8(e.markdown()), gfm,
                    "GFM spec example " + e.number() + " (" + e.section() + ", line " + e.line() + ")");
        }
        write("sample/sample", Inputs.SAMPLE_BYTES, defaults, "the TCK's sample document");
        write("sample/sample-gfm", Inputs.SAMPLE_BYTES, gfm, "the TCK's sample document as GFM");
        numbered("gfm-generated", Inputs.generated(83, 3000), gfm, "generated input as GFM");
        List<byte[]> grammar = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            grammar.add(utf8(MarkdownGenerator.generateGfm(87, i)));
        }
        numbered("gfm-grammar", grammar, gfm, "MarkdownGenerator.generateGfm(87, i)");
        named("gfm-pathological", Inputs.gfmPathological(), gfm);
        // Delimiter rows led by the table whitespace that indentation does not skip (MAY_START_BLOCK in both parsers).
        named("gfm-edges", Map.of("vt-delimiter-row", utf8("a | b\n\u000B--- | ---\nc | d\n"), "ff-delimiter-row",
                utf8("a | b\n\f:-- | --:\nc | d\n")), gfm);
        named("gfm-deep", Inputs.deepNesting(), gfm);
        // Each GFM blow-up at two sizes, for the C core's growth check (gfm_growth_test.c).
        for (Map.Entry<String, IntFunction<String>> e : Inputs.gfmHostile().entrySet()) {
            for (int n : new int[] {GROWTH_SMALL, 8 * GROWTH_SMALL}) {
                write("growth/" + slug(e.getKey()) + "." + n, utf8(e.getValue().apply(n)), gfm.withMaxNestingDepth(1 << 30)
                        .withMaxInlineNesting(1 << 30), e.getKey() + " at " + n);
            }
        }
        // Frontmatter, math and MDX: markdown-rs's cases with their dialect and extensions, generated documents,
        // blow-ups (two sizes).
        ParseOptions every = defaults.withExtensions(java.util.EnumSet.allOf(Extension.class));
        List<ReferenceCase> cases = ReferenceCase.all();
        for (int i = 0; i < cases.size(); i++) {
            ReferenceCase c = cases.get(i);
            write(String.format(Locale.ROOT, "markdown-rs/%03d", i), utf8(c.markdown()), c.options(),
                    "markdown-rs " + c.source());
        }
        // The inputs of markdown-rs's tests whose mdast the kit compares, as CommonMark and as GFM: tabs, line
        // endings and unclosed blocks, where the payload records what mdast reads (v1.4).
        List<byte[]> markdownRs = new java.util.ArrayList<>();
        for (String markdown : MdastCases.markdownRsInputs()) {
            markdownRs.add(utf8(markdown));
        }
        numbered("markdown-rs-inputs", markdownRs, defaults, "markdown-rs test input");
        numbered("markdown-rs-inputs-gfm", markdownRs, gfm, "markdown-rs test input as GFM");
        List<byte[]> withMath = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            withMath.add(utf8(MarkdownGenerator.generateWithMath(89, i)));
        }
        numbered("math-grammar", withMath, every, "MarkdownGenerator.generateWithMath(89, i)");
        named("math-pathological", Inputs.mathPathological(), every);
        for (Map.Entry<String, IntFunction<String>> e : Inputs.mathHostile().entrySet()) {
            for (int n : new int[] {GROWTH_SMALL, 8 * GROWTH_SMALL}) {
                write("growth/" + slug(e.getKey()) + "." + n, utf8(e.getValue().apply(n)), every, e.getKey() + " at " + n);
            }
        }
        // Alerts and heading ids: generated documents with them and their near misses, as GFM and as MDX.
        List<byte[]> withAlerts = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            withAlerts.add(utf8(MarkdownGenerator.generateWithAlerts(97, i)));
        }
        numbered("alerts-grammar", withAlerts, gfm.withExtensions(Extension.GFM, Extension.ALERTS,
                Extension.HEADING_IDS), "MarkdownGenerator.generateWithAlerts(97, i)");
        numbered("alerts-grammar-mdx", withAlerts.subList(0, 500), every.withDialect(Dialect.MDX),
                "MarkdownGenerator.generateWithAlerts(97, i) as MDX");
        ParseOptions mdx = every.withDialect(Dialect.MDX);
        writeDirectives(defaults, every, mdx);
        List<byte[]> mdxDocuments = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            mdxDocuments.add(utf8(MarkdownGenerator.generateMdx(97, i)));
        }
        numbered("mdx-grammar", mdxDocuments, mdx, "MarkdownGenerator.generateMdx(97, i)");
        List<byte[]> withComments = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            withComments.add(utf8(MarkdownGenerator.generateMdxWithComments(97, i)));
        }
        numbered("mdx-html-comments", withComments, mdx, "MarkdownGenerator.generateMdxWithComments(97, i)");
        // What the kit's MDX payload check parses: its generated documents and markdown-rs's MDX cases, every
        // extension on.
        List<byte[]> payloadCheck = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            payloadCheck.add(utf8(MarkdownGenerator.generateMdx(89, i)));
        }
        for (ReferenceCase c : cases) {
            if (c.dialect() == Dialect.MDX) {
                payloadCheck.add(utf8(c.markdown()));
            }
        }
        numbered("mdx-payloads", payloadCheck, mdx, "the kit's MDX payload check");
        named("mdx-pathological", Inputs.mdxPathological(), mdx);
        for (Map.Entry<String, IntFunction<String>> e : Inputs.mdxHostile().entrySet()) {
            for (int n : new int[] {GROWTH_SMALL, 8 * GROWTH_SMALL}) {
                write("growth/" + slug(e.getKey()) + "." + n, utf8(e.getValue().apply(n)), mdx.withMaxNestingDepth(1 << 30)
                        .withMaxInlineNesting(1 << 30), e.getKey() + " at " + n);
            }
        }
        writeMicromark(gfm, gfmSpec, markdownRs);
        numbered("generated", Inputs.generated(71, 3000), defaults, "generated input");
        numbered("random", Inputs.randomBytes(73, 400), defaults, "random bytes");
        named("invalid-utf8", Inputs.invalidUtf8(), defaults);
        named("nul", Inputs.nulBytes(), defaults);
        named("deep", Inputs.deepNesting(), defaults);
        named("pathological", Inputs.pathological(), defaults);
        write("large/huge-line", Inputs.hugeLine(200_000), defaults, "one line of 200 KB");
        write("large/paragraphs", Inputs.paragraphs(20_000), defaults, "20000 paragraphs");

        // The limits: each generated input again under tight limits, so that where and how a limit fails
        // (status and message) is compared too, not only successful parses.
        List<byte[]> some = Inputs.generated(79, 300);
        ParseOptions[] tight = {
            defaults.withMaxNodes(8), defaults.withMaxNodes(40), defaults.withMaxNestingDepth(1),
            defaults.withMaxNestingDepth(3), defaults.withMaxInlineNesting(1), defaults.withMaxInlineNesting(3),
        };
        for (int i = 0; i < some.size(); i++) {
            ParseOptions o = tight[i % tight.length];
            if (i % 2 == 1) {
                o = o.withExtensions(Extension.GFM);
            }
            write(String.format(Locale.ROOT, "limits/%04d", i), some.get(i), o, "generated input under " + o);
        }
        for (Map.Entry<String, byte[]> e : Inputs.deepNesting().entrySet()) {
            ParseOptions o = defaults.withMaxNestingDepth(50).withMaxInlineNesting(50);
            write("limits/" + slug(e.getKey()), e.getValue(), o, e.getKey() + " under " + o);
        }
        write("limits/sample-input-bytes", Inputs.SAMPLE_BYTES, defaults.withMaxInputBytes(Inputs.SAMPLE_BYTES.length),
                "the sample at exactly maxInputBytes");

        for (int i = 1; i < args.length; i++) {
            if (args[i] == null || args[i].isBlank()) {
                continue; // an unset -Docp.corpus
            }
            Path dir = Path.of(args[i]);
            if (!Files.isDirectory(dir)) {
                System.err.println("fixtures: no folder " + dir + ", skipped");
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".mdx"))
                        .sorted().toList();
            }
            for (Path p : files) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                byte[] markdown = Files.readAllBytes(p);
                write("corpus/" + slug(rel), markdown, defaults, p.toString());
                write("corpus-gfm/" + slug(rel), markdown, gfm, p.toString() + " as GFM");
                if (rel.endsWith(".mdx")) {
                    write("corpus-mdx/" + slug(rel), markdown, defaults.withDialect(Dialect.MDX)
                            .withExtensions(java.util.EnumSet.allOf(Extension.class)), p.toString() + " as MDX");
                }
            }
        }
    }

    /**
     * Directives: micromark-extension-directive's own cases ({@link DirectiveCases}, the kit's mdast check of them)
     * with the directive extension alone (in both flavors), with
     * every extension and in MDX; generated documents with directives; and hostile shapes (unclosed and nested labels,
     * deep containers, long attribute lists), also under tight limits so that the limits' messages are compared too.
     */
    private void writeDirectives(ParseOptions defaults, ParseOptions every, ParseOptions mdx) throws IOException {
        List<byte[]> micromark = new java.util.ArrayList<>();
        for (DirectiveCases.Case c : DirectiveCases.all()) {
            micromark.add(utf8(c.markdown()));
        }
        ParseOptions directive = defaults.withExtensions(Extension.DIRECTIVE);
        numbered("directive-micromark", micromark, directive.withFlavor(Flavor.MICROMARK),
                "micromark-extension-directive's case, micromark");
        numbered("directive-micromark-reference", micromark, directive, "micromark-extension-directive's case");
        numbered("directive-micromark-every", micromark, every, "micromark-extension-directive's case, every extension");
        numbered("directive-micromark-mdx", micromark, mdx, "micromark-extension-directive's case as MDX");
        List<byte[]> generated = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            generated.add(utf8(MarkdownGenerator.generateWithDirectives(101, i)));
        }
        numbered("directive-grammar", generated, every, "MarkdownGenerator.generateWithDirectives(101, i)");
        numbered("directive-grammar-commonmark", generated.subList(0, 1000), directive,
                "MarkdownGenerator.generateWithDirectives(101, i), directives alone");
        numbered("directive-grammar-mdx", generated.subList(0, 1000), mdx,
                "MarkdownGenerator.generateWithDirectives(101, i) as MDX");
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("unclosed-labels", utf8(":a[".repeat(3000)));
        hostile.put("nested-labels", utf8(":a[".repeat(40) + "*x*" + "]".repeat(40)));
        hostile.put("nested-labels-33", utf8(":a[".repeat(33) + "_x_" + "]".repeat(33) + " `y`"));
        hostile.put("labels-with-inlines", utf8(":a[*b* _c_ [d](e) `f` $g$ <h> ~i~]{j=k} ".repeat(500)));
        hostile.put("label-brackets", utf8(":a[" + "[".repeat(40) + "]".repeat(40) + "]\n::b[" + "[".repeat(31)
                + "]".repeat(31) + "]\n"));
        hostile.put("label-escapes", utf8(":a[" + "\\[".repeat(1200) + "]\n:b[" + "\\]".repeat(900) + "]\n"));
        hostile.put("attributes", utf8(":a{" + "b=c #d .e f='g' h=\"i\" ".repeat(1000) + "}\n"));
        hostile.put("unclosed-attributes", utf8(":a{b ".repeat(1000)));
        hostile.put("attribute-references", utf8("::a{b=\"&amp;&#x41;&bogus;\\&copy;\" c=&lt; #x&y}\n:d{e='\0'}"));
        hostile.put("colons", utf8(":".repeat(5000) + "\n" + "a:b::c:::d\\:e:f\n".repeat(300)));
        hostile.put("deep-containers", utf8(":::a\n".repeat(3000) + "b\n"));
        hostile.put("nested-fences", utf8(nestedFences(300)));
        hostile.put("leaf-lines", utf8("::a[b *c*]{#d .e f=\"g\"}\n".repeat(1000)));
        hostile.put("containers-in-quotes", utf8("> :::a\n> b\nc\n> ::::b[x]\n> - y\n>   :::\n".repeat(300)));
        hostile.put("containers-in-items", utf8("- :::a\n  b\n\n  :::\n1. ::b\n   :::c{d}\n".repeat(300)));
        hostile.put("fence-in-code", utf8(":::a\n```\n:::\n```\n:::\n   :::b\n    indented\n   :::\n\t:::c\n"));
        hostile.put("gemoji-and-urls", utf8("a :red: b :+1: http://x.y/:a[b] w:x[y] mailto:a@b.c:d[e]\n".repeat(200)));
        named("directive-pathological", hostile, every);
        named("directive-pathological-commonmark", hostile, directive);
        Map<String, byte[]> inMdx = new LinkedHashMap<>();
        inMdx.put("jsx-in-labels", utf8(":a[<b>c</b>] ::d[<e/>]\n:::f[<g>h</g>]\ni\n:::\n"));
        inMdx.put("unclosed-jsx-in-label", utf8(":a[<b>c]"));
        inMdx.put("unclosed-jsx-in-container", utf8(":::a\n<b>\n:::\n"));
        inMdx.put("expressions", utf8(":a[{1}]{b=c}\n::d[{e}]\n:::f\n{g}\n:::\n"));
        inMdx.put("indented-fences", utf8(":::a\n        :::\n    b\n:::\n"));
        named("directive-pathological-mdx", inMdx, mdx);
        ParseOptions tight = every.withMaxNestingDepth(20).withMaxInlineNesting(5);
        for (Map.Entry<String, byte[]> e : hostile.entrySet()) {
            write("limits/directive-" + e.getKey(), e.getValue(), tight, e.getKey() + " under " + tight);
        }
    }

    /** Containers nested by longer outer fences: {@code depth} openings, then their closings, inner first. */
    private static String nestedFences(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = depth; i > 0; i--) {
            sb.append(":".repeat(i + 2)).append('n').append(i).append('\n');
        }
        sb.append("text :t[x]\n");
        for (int i = 1; i <= depth; i++) {
            sb.append(":".repeat(i + 2)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The GFM inputs again under {@link Flavor#MICROMARK}, whose autolink literals the C core reads as the Java engine
     * does only if it ports that reading too: the GFM spec examples, the TCK's generated and hostile GFM inputs,
     * markdown-rs's inputs (what the mdast check parses), named edge cases of the reading, and its blow-ups and the
     * GFM ones at two sizes for the growth check.
     */
    private void writeMicromark(ParseOptions gfm, List<SpecExample> gfmSpec, List<byte[]> markdownRs)
            throws IOException {
        ParseOptions mm = gfm.withFlavor(Flavor.MICROMARK);
        for (SpecExample e : gfmSpec) {
            write(String.format(Locale.ROOT, "micromark-spec/%04d", e.number()), utf8(e.markdown()), mm,
                    "GFM spec example " + e.number() + " (" + e.section() + ", line " + e.line() + ") as micromark");
        }
        write("micromark-sample/sample", Inputs.SAMPLE_BYTES, mm, "the TCK's sample document as GFM, micromark");
        numbered("micromark-generated", Inputs.generated(83, 3000), mm, "generated input as GFM, micromark");
        List<byte[]> grammar = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            grammar.add(utf8(MarkdownGenerator.generateGfm(87, i)));
        }
        numbered("micromark-grammar", grammar, mm, "MarkdownGenerator.generateGfm(87, i) as micromark");
        named("micromark-pathological", Inputs.gfmPathological(), mm);
        named("micromark-deep", Inputs.deepNesting(), mm);
        numbered("micromark-markdown-rs", markdownRs, mm, "markdown-rs test input as GFM, micromark");
        named("micromark-edge", micromarkEdges(), mm);
        Map<String, IntFunction<String>> hostile = new LinkedHashMap<>(Inputs.gfmHostile());
        hostile.putAll(Inputs.micromarkHostile());
        named("micromark-hostile", atSize(Inputs.micromarkHostile(), 3_000), mm);
        for (Map.Entry<String, IntFunction<String>> e : hostile.entrySet()) {
            for (int n : new int[] {GROWTH_SMALL, 8 * GROWTH_SMALL}) {
                write("growth/micromark-" + slug(e.getKey()) + "." + n, utf8(e.getValue().apply(n)),
                        mm.withMaxNestingDepth(1 << 30).withMaxInlineNesting(1 << 30), e.getKey() + " at " + n
                        + " as micromark");
            }
        }
    }

    /** Where micromark's reading of autolink literals departs from cmark-gfm's, and its corners. */
    private static Map<String, byte[]> micromarkEdges() {
        String[] inputs = {
            "www.a.]", "Www.b.c", "WWW.A.B", "wWw.a.b", "x]www.a.com", "[a www.b.c", "[a www.b.c]", "[www.a.b](c)",
            "[x](www.a.b)", "_a@b.c", "\\_a@b.c", "a\\+b@c.d", "_a_@b.c", "__a@b.c__", "a_b@c.d", "/_a@b.c",
            "x _a@b.c_ y", "*_a@b.c*", "a@b.c_", "a.b@c.d.", "a@-b.c", "a@b.c.d_", "a@b.c1", "mailto:a@b.c",
            "xmpp:a@b.c/d", "http://a.b/c](d", "http://a.b/c]d", "http://a.b/c]", "http://a.b/c][d", "http://a.b/c]]",
            "www.a.b]", "www.a.b](x)", "www.a.b][x]", "www.a.b]x", "www.a.b/c])", "www.a&amp;b", "www.a.&copy;",
            "www.a.b/&copy;", "http://a.b/c&amp;", "http://a.b/c&;", "http://a.b/c&x", "www.a.b?x=1&y=2.",
            "a\fwww.a.b", "a\u000bwww.a.b", "ftp://a.b", "FTP://a.b", "HTTP://a.b", "Https://a.b/c", "xhttp://a.b",
            "1http://a.b", "https://_a.b", "http://-a.b", "http://a.b_c.d", "http://a_b.c", "www.a_b.c_d", "www.a_b.c.d",
            "http://a", "www.a", "www.", "www.-", "(www.a.b)", "((www.a.b/(c)))", "http://a.b/(c)", "http://a.b/c)",
            "http://a.b/c))", "http://a.b/(c))", "*www.a.b*", "~www.a.b~", "~~www.a.b~~", "www.a.b<c", "www.a.b/<c>",
            "x www.a.b.", "x www.a.b..", "x www.a.b.c...x", "www.a.b\nwww.c.d", "> www.a.b]", "- www.a.b/c]",
            "| a |\n| - |\n| www.a.b] |", "www.a.b/c\u3000d", "www.a.b/c\u00a0d", "www.a.b\u3000", "www.a.b\u00a0c",
            "www.a.b/c.\u3000", "www.a.b/c\u2028d", "www.a.b/\ufeff", "www.a.b/c\u0085d", "http://\u00e9.b",
            "http://\u3000a.b", "www.\u00e9.b/\u00e9", "www.a.b/c\u0000d", "http://a.b/c\\]", "a http://a.b/c:",
            "http:/a.b", "http:a.b", "a\nhttp://a.b", "`www.a.b`", "<www.a.b>", "<http://a.b>]", "x]http://a.b",
            "x[http://a.b", "[^a www.b.c]", "![a](www.b.c)", "www.a.b_", "www.a.b_c", "www.a.b._", "www.a.b/_c_",
            "_www.a.b_", "*www.a.b/*c*", "www.a.b/c!?", "www.a.b/'c'", "www.a.b/\"c\"", "www.a.b/c~d~",
        };
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String input : inputs) {
            m.put(String.format(Locale.ROOT, "%03d %s", m.size(), visible(input)), utf8(input));
        }
        // Long runs after an address: of what may trail it, and of what makes a trail fail late.
        int n = 3_000;
        m.put("dots after an address", utf8("www.a.b" + ".".repeat(n)));
        m.put("brackets after an address", utf8("http://a.b/c" + "]".repeat(n) + " www.d.e" + "]".repeat(n) + "f"));
        m.put("references after an address", utf8("www.a.b/c" + "&x;".repeat(n) + " www.d.e" + "&x;".repeat(n) + "f"));
        m.put("underscored www after an address", utf8("www.a.b" + "_www.".repeat(n)));
        return m;
    }

    /** The input with every character outside printable ASCII as a Java escape of its UTF-16 unit, for a label. */
    private static String visible(String input) {
        StringBuilder sb = new StringBuilder();
        for (char c : input.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return sb.toString();
    }

    private static Map<String, byte[]> atSize(Map<String, IntFunction<String>> makers, int n) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<String>> e : makers.entrySet()) {
            m.put(e.getKey(), utf8(e.getValue().apply(n)));
        }
        return m;
    }

    private void numbered(String set, List<byte[]> inputs, ParseOptions options, String what) throws IOException {
        for (int i = 0; i < inputs.size(); i++) {
            write(String.format(Locale.ROOT, "%s/%05d", set, i), inputs.get(i), options, what + " " + i + ": "
                    + Inputs.describe(inputs.get(i)));
        }
    }

    private void named(String set, Map<String, byte[]> inputs, ParseOptions options) throws IOException {
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            write(set + "/" + slug(e.getKey()), e.getValue(), options, e.getKey());
        }
    }

    private void write(String path, byte[] markdown, ParseOptions options, String label) throws IOException {
        Path md = out.resolve(path + ".md");
        Files.createDirectories(md.getParent());
        Files.write(md, markdown);
        String expect;
        try (OcpDocument doc = engine.parse(markdown, options)) {
            ByteBuffer view = doc.bytes();
            byte[] payload = new byte[view.remaining()];
            view.get(payload);
            Files.write(out.resolve(path + ".ocp"), payload);
            expect = "ok";
        } catch (OcpException e) {
            // getMessage() puts "[CODE] " in front; the C core's message is the text alone.
            String prefix = "[" + e.code() + "] ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            Files.writeString(out.resolve(path + ".err"), message, StandardCharsets.UTF_8);
            expect = e.code().name();
            errors++;
        }
        index.write(String.join("\t", path, Integer.toString(dev.ocp.spi.OcpFormat.dialectCode(options)),
                Integer.toString(options.extensionBits()),
                Long.toString(options.maxInputBytes()), Integer.toString(options.maxNestingDepth()),
                Integer.toString(options.maxNodes()), Integer.toString(options.maxInlineNesting()),
                Integer.toString(options.flavor().code()), expect,
                label.replaceAll("[\\t\\n\\r]", " ")));
        index.write('\n');
        cases++;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
