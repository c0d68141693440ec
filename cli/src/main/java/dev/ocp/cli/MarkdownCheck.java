package dev.ocp.cli;

import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.markdown.MarkdownOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ocp markdown --check FILE|DIR ...}, as {@code prettier --check} for Markdown: whether each file is already
 * what {@code ocp markdown} writes for it, byte for byte (UTF-8), so that a CI job can keep a repository's Markdown
 * normalized. Standard output lists the files that are not, one per line, for scripts; standard error says why a file
 * could not be checked. Exit status 1 when any file is not normalized or could not be checked: either way the job
 * must look. A missing file is such a file, not bad usage, so that one deleted page does not hide the others.
 *
 * <p>{@code ocp markdown --write FILE|DIR ...}, as {@code prettier --write}: the same test, and each file that is not
 * normalized is replaced by what {@code ocp markdown} writes for it ({@link AtomicFile}: a crash leaves the old file
 * or the new one, never part of one), and listed on standard output. A file that cannot be read or parsed is left
 * as it is, and standard error names the place; exit status 1 if there was any, else 0.
 */
final class MarkdownCheck {
    private MarkdownCheck() {
    }

    /** What checking one file found. */
    private enum Verdict {
        NORMALIZED,
        NOT_NORMALIZED,
        /** It was not normalized, and {@code --write} replaced it. */
        WRITTEN,
        /** It could not be read or parsed; standard error said why. */
        FAILED
    }

    /**
     * @param args  the command line of {@code ocp markdown --check}
     * @param style how the Markdown is written, from the command line
     * @return 0 when every file is normalized, else 1
     * @throws UsageException without operands, for a bad --dialect, --with or --engine, or a directory without
     *                        Markdown files (before any file is checked)
     */
    static int run(CommandLineArgs args, MarkdownOptions style, Session session) {
        boolean write = args.flag("--write");
        if (write && args.flag("--check")) {
            throw new UsageException("ocp markdown: --check and --write do not go together; --check says which files"
                    + " --write would rewrite");
        }
        if (args.operands().isEmpty()) {
            throw new UsageException("ocp markdown: " + (write ? "--write needs the files to rewrite"
                    : "--check needs the files to check") + " (FILE or DIR ...)");
        }
        if (write && args.operands().contains("-")) {
            throw new UsageException("ocp markdown: --write rewrites files, and standard input is none; "
                    + "'ocp markdown' without --write writes standard input normalized to standard output");
        }
        String dialect = args.value("--dialect");
        String with = args.value("--with");
        Catalog.withLimits(Catalog.parseOptions(dialect, with), args); // Refused here, once, before any file is read.
        String stdinName = RenderCommand.stdinName(args, args.operands());
        List<String> files = files(args.operands());
        Map<ProviderInfo, OcpEngine> engines = new LinkedHashMap<>();
        int unformatted = 0;
        int written = 0;
        int failed = 0;
        try {
            for (String file : files) {
                boolean stdin = file.equals("-");
                ParseOptions options = Catalog.withLimits(
                        Catalog.parseOptions(dialect, with, stdin ? stdinName : file), args);
                ProviderInfo provider = session.catalog().resolve(args.value("--engine"), options);
                // One engine per provider for the whole run: making one costs far more than a parse.
                OcpEngine engine = engines.computeIfAbsent(provider, Catalog::open);
                String name = stdin ? (stdinName == null ? "<stdin>" : stdinName) : file;
                Verdict verdict = check(file, name, engine, options, style, session, write);
                if (verdict == Verdict.WRITTEN) {
                    session.out().println(name);
                    written++;
                } else if (verdict == Verdict.NOT_NORMALIZED) {
                    session.out().println(name);
                    unformatted++;
                } else if (verdict == Verdict.FAILED) {
                    failed++;
                }
            }
        } finally {
            for (OcpEngine engine : engines.values()) {
                engine.close();
            }
        }
        if (write) {
            session.err().println("ocp markdown: rewrote " + written + " of " + files.size()
                    + (files.size() == 1 ? " file" : " files") + (failed > 0 ? "; " + failed + " could not be read or"
                    + " parsed and " + (failed == 1 ? "was" : "were") + " left as " + (failed == 1 ? "it was" : "they were")
                    : ""));
        }
        if (unformatted > 0) {
            session.err().println("ocp markdown: " + unformatted + " of " + files.size()
                    + (files.size() == 1 ? " file " : " files ") + (unformatted == 1 ? "is" : "are")
                    + " not what 'ocp markdown FILE' writes (with the same options)");
        }
        return unformatted + failed == 0 ? 0 : 1;
    }

    /**
     * @return the files to check: each operand that is not a directory, as given (standard input for {@code -}),
     *         and the Markdown files under each directory
     * @throws UsageException for a directory without Markdown files, as {@code ocp compare} does
     */
    private static List<String> files(List<String> operands) {
        List<String> files = new ArrayList<>();
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (!operand.equals("-") && Files.isDirectory(path)) {
                List<Path> under = Inputs.markdownUnder(path);
                if (under.isEmpty()) {
                    throw new UsageException("no *.md, *.markdown or *.mdx file under " + path);
                }
                for (Path file : under) {
                    files.add(file.toString());
                }
            } else {
                files.add(operand);
            }
        }
        return files;
    }

    /**
     * @param file the operand ({@code -} for standard input)
     * @param name how messages call it
     * @param write whether to replace a file that is not normalized
     */
    private static Verdict check(String file, String name, OcpEngine engine, ParseOptions options,
                                 MarkdownOptions style, Session session, boolean write) {
        byte[] bytes;
        try {
            bytes = session.readInput(file);
        } catch (UsageException e) {
            session.err().println("ocp: " + e.getMessage());
            return Verdict.FAILED;
        }
        String markdown;
        try (OcpDocument document = engine.parse(bytes, options)) {
            StringBuilder out = new StringBuilder(bytes.length + 16);
            document.renderMarkdown(out, style);
            markdown = out.toString();
        } catch (OcpException e) {
            // FILE:LINE:COLUMN: REASON (ocp:RULE), as ocp html and ocp check write it.
            session.err().println(Diagnostic.of(name, e, engine, bytes, options));
            return Verdict.FAILED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] normalized = markdown.getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(bytes, normalized)) {
            return Verdict.NORMALIZED;
        }
        if (!write) {
            return Verdict.NOT_NORMALIZED;
        }
        try {
            AtomicFile.replace(Path.of(file), normalized);
        } catch (IOException e) {
            session.err().println("ocp: cannot write " + name + ": " + e.getMessage() + "; it is left as it was");
            return Verdict.FAILED;
        }
        return Verdict.WRITTEN;
    }
}
