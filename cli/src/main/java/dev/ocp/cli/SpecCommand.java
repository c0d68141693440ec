package dev.ocp.cli;

import dev.ocp.Extension;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.tck.SpecExample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ocp spec}: every example of a spec.txt-format file, parsed and rendered to HTML, compared with
 * the expected HTML exactly. Examples written for a GFM extension (their fence says which, or {@code disabled}
 * for the GFM spec's task-list examples) run only when GFM is on, and base examples then run without it, as
 * cmark-gfm's own runner runs them ({@link SpecExample#optionsFor}); skipped ones are counted and named.
 */
final class SpecCommand {
    static final Map<String, String> OPTIONS = Options.of("--engine", "E|all", "--dialect", "D", "--with", "X,Y");

    private SpecCommand() {
    }

    static int run(CommandLineArgs args, Session session) {
        args.atMostOperands(1, "spec file");
        ParseOptions options = Catalog.parseOptions(args.value("--dialect"), args.value("--with"));
        List<ProviderInfo> engines = Catalog.supporting(session.catalog().resolveMany(args.value("--engine")),
                options, session.err());
        String file = args.operands().isEmpty() ? BUNDLED_NAME : args.operands().get(0);
        List<SpecExample> examples = args.operands().isEmpty() ? bundled() : read(Path.of(file));
        PrintStream out = session.out();

        List<SpecExample> runnable = new ArrayList<>();
        Set<String> skippedExtensions = new TreeSet<>();
        for (SpecExample example : examples) {
            if (applies(example, options)) {
                runnable.add(example);
            } else {
                skippedExtensions.add(example.extension());
            }
        }
        int skipped = examples.size() - runnable.size();
        if (runnable.isEmpty()) {
            throw new UsageException("ocp spec: no example of " + file + " applies to "
                    + Catalog.describe(options) + ", so nothing ran: all are "
                    + skipReason(skippedExtensions));
        }

        long passed = 0;
        long failed = 0;
        for (ProviderInfo provider : engines) {
            long enginePassed = 0;
            long engineFailed = 0;
            try (OcpEngine engine = Catalog.open(provider)) {
                for (SpecExample example : runnable) {
                    String actual = render(engine, example.markdown(), example.optionsFor(options));
                    if (actual.equals(example.html())) {
                        enginePassed++;
                    } else {
                        engineFailed++;
                        out.println("FAIL example " + example.number() + " (" + example.section() + ", line "
                                + example.line() + ") [" + provider.name() + "]");
                        out.println("  markdown: " + Format.quoted(example.markdown()));
                        out.println("  expected: " + Format.quoted(example.html()));
                        out.println("  actual:   " + Format.quoted(actual));
                    }
                }
            }
            if (engines.size() > 1) {
                out.println(provider.name() + ": " + enginePassed + " passed, " + engineFailed + " failed");
            }
            passed += enginePassed;
            failed += engineFailed;
        }
        if (skipped > 0) {
            out.println(skipped + " skipped, not counted below: " + skipReason(skippedExtensions));
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** The CommonMark spec's examples, as the jar carries them (from commonmark-test-util). */
    private static final String BUNDLED = "/spec.txt";
    private static final String BUNDLED_NAME = "the CommonMark spec (bundled)";

    private static List<SpecExample> bundled() {
        List<SpecExample> examples;
        try {
            examples = SpecExample.readResource(BUNDLED);
        } catch (IOException e) {
            throw new UsageException("cannot read the bundled CommonMark spec: " + e, e);
        }
        if (examples.isEmpty()) {
            throw new UsageException("this build of ocp carries no CommonMark spec (" + BUNDLED + "); give a "
                    + "file in spec.txt format");
        }
        return examples;
    }

    private static List<SpecExample> read(Path file) {
        if (!Files.exists(file)) {
            throw new UsageException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(file + " is a directory; give a file in spec.txt format");
        }
        List<SpecExample> examples;
        try {
            examples = SpecExample.read(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e, e);
        }
        if (examples.isEmpty()) {
            throw new UsageException(file + " has no examples in spec.txt format (a line of 32 backticks and "
                    + "'example', the Markdown, a line '.', the HTML, 32 backticks)");
        }
        return examples;
    }

    /**
     * Examples fenced for an extension ({@code example table}) need GFM. So do those marked {@code disabled}: in
     * the GFM spec they are the task-list examples, disabled where the spec is run without that extension.
     */
    private static boolean applies(SpecExample example, ParseOptions options) {
        return example.extension().isEmpty() || options.has(Extension.GFM);
    }

    private static String skipReason(Set<String> extensions) {
        Set<String> gfm = new TreeSet<>(extensions);
        boolean disabled = gfm.remove("disabled");
        String reason = gfm.isEmpty() ? "" : "examples for the GFM extensions " + String.join(", ", gfm)
                + " (they run with --dialect gfm)";
        if (disabled) {
            reason += (reason.isEmpty() ? "" : " and ") + "examples the file marks disabled";
        }
        return reason;
    }

    /** @return the HTML, or a description of what was thrown (which then fails the example) */
    private static String render(OcpEngine engine, String markdown, ParseOptions options) {
        try (OcpDocument document = engine.parse(markdown, options)) {
            return document.toHtml();
        } catch (RuntimeException e) {
            return "<threw " + e + ">";
        }
    }
}
