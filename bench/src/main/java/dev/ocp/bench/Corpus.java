package dev.ocp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The Markdown every contender parses: the progit corpus when it can be found, generated Markdown otherwise,
 * and the inputs of fixed size cut from it ({@link #input(String)}).
 *
 * <p>One corpus per JVM ({@link #get()}): each benchmark fork loads it once, and the runner, which loads it too
 * to size the inputs in its report, sees exactly the bytes the forks parse, since the forks inherit its system
 * properties.
 */
final class Corpus {
    /** A path to progit.md; overrides the search. */
    static final String PATH_PROPERTY = "ocp.bench.progit";
    /** The project root the search starts from; bench/run sets it, the working directory is the default. */
    static final String ROOT_PROPERTY = "ocp.bench.root";
    private static final String RELATIVE = "shared/corpus/progit/progit.md";
    private static final String MDX_RELATIVE = "shared/corpus/mdx";

    /** The MDX pages of the shared corpus, read as one MDX site reads them (MdxBenchmark). */
    static final String MDX = "mdx";

    /** The whole corpus as one document, as the cmark and md4c benchmarks parse it. */
    static final String PROGIT = "progit";
    /**
     * Every input of fixed size and its size in bytes (decimal units, as MB/s are): a prefix of the corpus cut at
     * a space or line break.
     */
    private static final Map<String, Integer> SIZES = sizes();
    /** The inputs of fixed size, smallest first. */
    static final List<String> SIZED = List.copyOf(SIZES.keySet());
    /** Every input the parse benchmarks take, smallest first. */
    static final List<String> INPUTS = List.of("100B", "10KB", "1MB", PROGIT);
    /** The size sweep's inputs ({@link SizeSweepBenchmark}), smallest first: the sizes people write, and progit. */
    static final List<String> SWEEP = List.of("100B", "1KB", "4KB", "8KB", "64KB", PROGIT);

    private static Corpus loaded;

    /** Where the text came from, for reports: a path, or a description of the generated text. */
    final String origin;
    final boolean generated;
    final String text;

    private Corpus(String origin, boolean generated, String text) {
        this.origin = origin;
        this.generated = generated;
        this.text = text;
    }

    /**
     * The corpus of this JVM, loaded on first use.
     *
     * @return progit, or a generated stand-in (said so on standard output)
     */
    static synchronized Corpus get() {
        if (loaded == null) {
            loaded = load();
        }
        return loaded;
    }

    /** Forgets the loaded corpus, so that the next {@link #get()} follows changed system properties (tests). */
    static synchronized void reset() {
        loaded = null;
    }

    private static Corpus load() {
        Path found = locate();
        if (found != null) {
            try {
                return new Corpus(found.toString(), false, Files.readString(found, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the progit corpus at " + found, e);
            }
        }
        String text = generate(2 << 20, 42);
        Corpus corpus = new Corpus("generated Markdown (" + text.length() + " chars, seed 42)", true, text);
        System.out.println("ocp-bench: progit corpus not found (set -D" + PATH_PROPERTY + "=PATH, or put it at ../"
                + RELATIVE + " beside the project); using generated Markdown instead");
        return corpus;
    }

    /**
     * The progit file: {@value #PATH_PROPERTY} if set (it must exist), else {@code ../shared/corpus/...} seen
     * from the project root or any directory above it (a git worktree may sit deeper than the main checkout).
     */
    static Path locate() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Paths.get(explicit);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(PATH_PROPERTY + "=" + explicit + " is not a file");
            }
            return p;
        }
        Path root = Paths.get(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The {@code *.mdx} pages of {@code ../shared/corpus/mdx} beside the project (searched for as progit is).
     *
     * @return their files in name order, or an empty list when the folder is not there
     */
    static List<Path> mdxFiles() {
        Path root = Paths.get(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(MDX_RELATIVE);
            if (Files.isDirectory(candidate)) {
                try (Stream<Path> s = Files.list(candidate)) {
                    return s.filter(f -> f.toString().endsWith(".mdx")).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + candidate, e);
                }
            }
        }
        return List.of();
    }

    /** @return the bytes of {@link #mdxFiles()}, in the same order */
    static List<byte[]> mdxPages() {
        List<byte[]> pages = new ArrayList<>();
        for (Path f : mdxFiles()) {
            try {
                pages.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return pages;
    }

    /**
     * One of {@link #INPUTS} or {@link #SWEEP}: {@code progit} is the whole corpus; a sized input is the corpus's first bytes, cut
     * at the last space or line break that keeps it within the size (so never inside a UTF-8 sequence), or the
     * first bytes of generated Markdown when the corpus is shorter than the size.
     *
     * @param id an input name such as {@code 10KB}
     * @return the input, as UTF-8 bytes and as a {@code String}
     */
    Input input(String id) {
        if (id.equals(PROGIT)) {
            return new Input(id, text, origin);
        }
        int size = sizeOf(id);
        byte[] source = text.getBytes(StandardCharsets.UTF_8);
        String from = "the first bytes of " + origin;
        if (source.length <= size) {
            source = generate(size + 4096, 7).getBytes(StandardCharsets.UTF_8);
            from = "the first bytes of generated Markdown (seed 7; the corpus is shorter than " + id + ")";
        }
        int cut = size;
        while (cut > 0 && source[cut] != ' ' && source[cut] != '\n') {
            cut--;
        }
        if (cut == 0) {
            // No space at all: back off to the start of a UTF-8 sequence instead.
            cut = size;
            while (cut > 0 && (source[cut] & 0xC0) == 0x80) {
                cut--;
            }
        }
        return new Input(id, new String(Arrays.copyOf(source, cut), StandardCharsets.UTF_8), from);
    }

    /**
     * The size an input name stands for.
     *
     * @param id one of {@link #SIZED}, such as {@code 100B} or {@code 10KB} (decimal units, as MB/s are)
     * @return its size in bytes
     */
    static int sizeOf(String id) {
        Integer size = SIZES.get(id);
        if (size == null) {
            throw new IllegalArgumentException("no input named '" + id + "'; known: " + SIZED + " and " + PROGIT);
        }
        return size;
    }

    private static Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("100B", 100);
        sizes.put("1KB", 1_000);
        sizes.put("4KB", 4_000);
        sizes.put("8KB", 8_000);
        sizes.put("10KB", 10_000);
        sizes.put("64KB", 64_000);
        sizes.put("1MB", 1_000_000);
        return Collections.unmodifiableMap(sizes);
    }

    /** Splits before every line that starts a top-level ATX heading ({@code "# "}); text before the first stays. */
    static String[] splitChapters(String text) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int lineStart = 0;
        while (lineStart < text.length()) {
            if (lineStart > from && text.startsWith("# ", lineStart)) {
                parts.add(text.substring(from, lineStart));
                from = lineStart;
            }
            int nl = text.indexOf('\n', lineStart);
            lineStart = nl < 0 ? text.length() : nl + 1;
        }
        if (from < text.length() || parts.isEmpty()) {
            parts.add(text.substring(from));
        }
        return parts.toArray(new String[0]);
    }

    /** A document every contender parses, held as UTF-8 bytes (for OCP) and as a String (for the Java peers). */
    static final class Input {
        final String id;
        final String text;
        final byte[] utf8;
        /** Where the bytes came from, for the report. */
        final String origin;

        Input(String id, String text, String origin) {
            this.id = Objects.requireNonNull(id);
            this.text = text;
            this.utf8 = text.getBytes(StandardCharsets.UTF_8);
            this.origin = origin;
        }
    }

    /**
     * Deterministic Markdown of about {@code approxChars} characters in chapters, mixing the constructs a
     * book uses: headings, paragraphs with emphasis, code spans, links and entities, lists, block quotes,
     * indented and fenced code, and some non-ASCII text.
     */
    static String generate(int approxChars, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"git", "commit", "branch", "merge", "the", "a", "repository", "history", "remote", "file",
            "change", "working", "directory", "index", "snapshot", "project", "version", "Straße", "ветка", "分支"};
        StringBuilder sb = new StringBuilder(approxChars + 4096);
        int chapter = 0;
        while (sb.length() < approxChars) {
            sb.append("# Chapter ").append(++chapter).append(" #\n\n");
            int sections = 3 + random.nextInt(4);
            for (int s = 0; s < sections; s++) {
                sb.append("## Section ").append(chapter).append('.').append(s + 1).append(" ##\n\n");
                int blocks = 4 + random.nextInt(6);
                for (int b = 0; b < blocks; b++) {
                    switch (random.nextInt(6)) {
                        case 0:
                            sb.append("\tgit ").append(words[random.nextInt(words.length)]).append(" --all\n")
                                    .append("\t$ echo \"done\" > file.txt\n\n");
                            break;
                        case 1:
                            sb.append("```sh\n$ git log --oneline | head\n```\n\n");
                            break;
                        case 2:
                            for (int i = 0; i < 3; i++) {
                                sb.append(random.nextBoolean() ? "* " : "1. ");
                                sentence(sb, random, words, 8);
                                sb.append('\n');
                            }
                            sb.append('\n');
                            break;
                        case 3:
                            sb.append("> ");
                            sentence(sb, random, words, 14);
                            sb.append("\n\n");
                            break;
                        default:
                            int sentences = 2 + random.nextInt(4);
                            for (int i = 0; i < sentences; i++) {
                                sentence(sb, random, words, 10 + random.nextInt(10));
                                sb.append(i + 1 < sentences ? (random.nextBoolean() ? ' ' : '\n') : '\n');
                            }
                            sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void sentence(StringBuilder sb, SplittableRandom random, String[] words, int length) {
        for (int w = 0; w < length; w++) {
            if (w > 0) {
                sb.append(' ');
            }
            String word = words[random.nextInt(words.length)];
            switch (random.nextInt(12)) {
                case 0:
                    sb.append('*').append(word).append('*');
                    break;
                case 1:
                    sb.append("**").append(word).append("**");
                    break;
                case 2:
                    sb.append('`').append(word).append(" -v`");
                    break;
                case 3:
                    sb.append('[').append(word).append("](http://git-scm.com/").append(word).append(')');
                    break;
                case 4:
                    sb.append(word).append(" &amp;");
                    break;
                default:
                    sb.append(word);
            }
        }
        sb.append('.');
    }
}
