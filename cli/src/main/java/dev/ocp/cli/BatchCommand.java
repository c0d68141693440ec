package dev.ocp.cli;

import dev.ocp.HtmlOptions;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code ocp convert} and {@code ocp check}: every Markdown file of a folder tree, parsed on all cores.
 *
 * <p>One engine serves every thread (an engine is thread-safe, and costs far more to make than a parse). Files are
 * found by a lazy walk of the tree and handed to a fixed pool of threads, at most two per thread waiting, so memory
 * holds a few files and their documents at a time however many files there are: each output is written to its file
 * as it is rendered, and each document is closed when its file is done. A file that cannot be read or parsed is
 * reported the moment it fails, and the run goes on. The order of the reports is the order the files finish in.
 */
final class BatchCommand {
    static final Map<String, String> CHECK_OPTIONS = Options.plus(
            Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y", "--jobs", "N"), Options.LIMITS);
    static final Map<String, String> CONVERT_OPTIONS = Options.plus(CHECK_OPTIONS, "--to", "FORMAT",
            "--output", "OUT", "--safe", "", "--heading-ids", "");
    /** What {@code --to} takes, and the extension each gives its files. */
    private static final Map<String, String> FORMATS = Map.of("html", ".html", "mdast", ".json", "json", ".json",
            "text", ".txt");
    /** The names a Markdown file has, as {@link Inputs#isMarkdown} knows them; a file's output replaces it. */
    private static final List<String> EXTENSIONS = List.of(".md", ".markdown", ".mdx");

    private BatchCommand() {
    }

    /**
     * What one run does with each file.
     *
     * @param command convert or check
     * @param format  what convert writes ({@code null} for check)
     * @param out     where convert writes ({@code null} for check)
     * @param report  where a failed file is reported: standard output for check (its result), else standard error
     */
    private record Job(String command, String format, Path out, HtmlOptions html, String dialect, String with,
                       CommandLineArgs args, OcpEngine engine, Progress progress, PrintStream report) {
    }

    static int run(CommandLineArgs args, Session session) {
        String command = args.command();
        boolean convert = command.equals("convert");
        String dialect = args.value("--dialect");
        String with = args.value("--with");
        // Refused now, before any file is read: a bad name or limit is the command line's fault, not a file's.
        ParseOptions widest = Catalog.withLimits(Catalog.parseOptions(dialect, with, dialect == null ? "any.mdx" : null),
                args);
        int jobs = jobs(args.value("--jobs"));
        String format = null;
        Path out = null;
        List<Path> roots = new ArrayList<>();
        if (convert) {
            format = args.value("--to");
            if (format == null || !FORMATS.containsKey(format)) {
                throw new UsageException("ocp convert: say what to convert to with --to html, mdast, json or text"
                        + (format == null ? "" : ", not '" + format + "'"));
            }
            if (args.value("--output") == null) {
                throw new UsageException("ocp convert: say where to write with -o OUT (a directory)");
            }
            out = Path.of(args.value("--output"));
            if (args.operands().size() != 1 || !Files.isDirectory(Path.of(args.operands().get(0)))) {
                throw new UsageException("ocp convert: give one directory to convert (DIR), not "
                        + (args.operands().isEmpty() ? "nothing" : String.join(" ", args.operands())));
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UsageException("ocp convert: " + out + " is a file; -o takes a directory");
            }
            roots.add(Path.of(args.operands().get(0)));
        } else {
            if (args.operands().isEmpty()) {
                throw new UsageException("ocp check: give the files or directories to check (FILE|DIR ...)");
            }
            for (String operand : args.operands()) {
                Path path = Path.of(operand);
                if (!Files.exists(path)) {
                    throw new UsageException("no such file or directory: " + operand);
                }
                roots.add(path);
            }
        }
        // The engine that parses the widest syntax asked: MDX pages, when no --dialect forces one.
        ProviderInfo provider = session.catalog().resolve(args.value("--engine"), widest);
        long total = count(roots);
        if (total == 0) {
            throw new UsageException("no *.md, *.markdown or *.mdx file under " + roots.get(0));
        }
        Progress progress = new Progress(command, total, session.err(), Progress.onTerminal(session.err()));
        try (OcpEngine engine = Catalog.open(provider)) {
            Job job = new Job(command, format, out, convert ? RenderCommand.htmlOptions(args) : null, dialect, with,
                    args, engine, progress, convert ? session.err() : session.out());
            runAll(roots, jobs, job);
        } finally {
            progress.finish();
        }
        session.err().println(progress.summary(jobs));
        return progress.failed() == 0 ? 0 : 1;
    }

    private static int jobs(String value) {
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--jobs takes a number of threads from 1 to 1024, not '" + value + "'");
    }

    /** Walks the trees, handing each file to the pool; waits while every thread is busy and two more files wait. */
    private static void runAll(List<Path> roots, int jobs, Job job) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "ocp-" + job.command());
            thread.setDaemon(true);
            return thread;
        });
        Semaphore slots = new Semaphore(3 * jobs);
        try {
            for (Path root : roots) {
                // Where the output goes is the file's place under the root: a file given by name has none above it.
                boolean single = !Files.isDirectory(root);
                eachFile(root, file -> {
                    slots.acquireUninterruptibly();
                    try {
                        pool.execute(() -> {
                            try {
                                one(file, single ? root.getFileName() : root.relativize(file), job);
                            } finally {
                                slots.release();
                            }
                        });
                    } catch (RuntimeException e) {
                        slots.release();
                        throw e;
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    // a very long run: keep waiting
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return how many Markdown files the roots hold, for the progress bar (a first walk, which keeps no names) */
    private static long count(List<Path> roots) {
        long[] n = {0};
        for (Path root : roots) {
            eachFile(root, file -> n[0]++);
        }
        return n[0];
    }

    /**
     * Calls {@code action} for the root if it is a file, else for each file under it named as Markdown, in the walk's
     * order. A name that is not a directory counts even if it cannot be read (a dangling link): reading it will say
     * why it fails.
     */
    private static void eachFile(Path root, Consumer<Path> action) {
        if (!Files.isDirectory(root)) {
            action.accept(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            Iterator<Path> files = walk.iterator();
            while (files.hasNext()) {
                Path file = files.next();
                if (Inputs.isMarkdown(file) && !Files.isDirectory(file)) {
                    action.accept(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads, parses and (for convert) writes one file, and reports how it went. */
    private static void one(Path file, Path relative, Job job) {
        String name = file.toString();
        PrintStream report = job.report();
        ParseOptions options;
        byte[] bytes;
        try {
            options = Catalog.withLimits(Catalog.parseOptions(job.dialect(), job.with(), name), job.args());
            // A file over the limit is refused unread, in the engines' words: memory stays flat whatever the sizes.
            long size = Files.size(file);
            if (size > options.maxInputBytes()) {
                job.progress().failed(Diagnostic.of(name, new OcpException(OcpException.Code.LIMIT_EXCEEDED,
                        "input of " + size + " bytes exceeds maxInputBytes " + options.maxInputBytes())), 0, report);
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            job.progress().failed(Diagnostic.unreadable(name, "no such file"), 0, report);
            return;
        } catch (IOException e) {
            job.progress().failed(Diagnostic.unreadable(name, e.toString()), 0, report);
            return;
        }
        String problem;
        try {
            try (OcpDocument document = job.engine().parse(bytes, options)) {
                if (job.out() != null) {
                    problem = write(document, bytes, file, relative, job);
                } else {
                    problem = null;
                }
            }
        } catch (OcpException e) {
            problem = Diagnostic.of(name, e, job.engine(), bytes, options);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug in ocp or an engine, or a file too much for this JVM: reported with the file, and the run goes on
            // (a worker thread that died here would leave the file uncounted and unreported).
            problem = name + ": internal error: " + e + " (ocp:internal)";
        }
        if (problem == null) {
            job.progress().done(bytes.length);
        } else {
            job.progress().failed(problem, bytes.length, report);
        }
    }

    /** @return {@code null} once the output is written, else why it was not */
    private static String write(OcpDocument document, byte[] input, Path file, Path relative, Job job) {
        String extension = FORMATS.get(job.format());
        String fileName = relative.getFileName().toString();
        String stem = stem(fileName);
        Path target = job.out().resolve(relative).resolveSibling(stem + extension);
        // Two sources of one name (a.md and a.mdx) would write one output: neither wins silently.
        for (String other : EXTENSIONS) {
            Path sibling = file.resolveSibling(stem + other);
            if (!sibling.getFileName().toString().equals(fileName) && Files.exists(sibling)) {
                return file + ": " + sibling.getFileName() + " would write " + target + " too; rename one (ocp:collision)";
            }
        }
        try {
            Files.createDirectories(target.getParent());
            try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                RenderCommand.render(job.format(), document, input, job.html(), writer);
            }
            return null;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(target); // no half-written file left to be taken for a whole one
            } catch (IOException ignored) {
                // the message below says what went wrong first
            }
            return file + ": cannot write " + target + ": " + e + " (ocp:unwritable)";
        }
    }

    /** @return the name without its Markdown extension ({@code a.b.md} gives {@code a.b}) */
    private static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String extension : EXTENSIONS) {
            if (lower.endsWith(extension)) {
                return fileName.substring(0, fileName.length() - extension.length());
            }
        }
        return fileName;
    }
}
