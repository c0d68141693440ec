package dev.ocp.cli;

import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkKind;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * {@code ocp chunk}: files or folders to JSON Lines, one chunk per line with its file ({@link Chunker}), parsed on
 * all cores with the batch commands' progress. The command line is read by {@link #run}; what a file becomes is
 * {@link #lines}, which knows nothing of it.
 */
final class ChunkCommand {
    static final Map<String, String> OPTIONS = Options.plus(Options.plus(
            Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y", "--jobs", "N"), Options.LIMITS),
            "--max-chars", "N", "--max-tokens", "N", "--tokenizer", "NAME", "--min-size", "N", "--levels", "L,L",
            "--overlap", "N");
    /** The encoding {@code --max-tokens} counts with when {@code --tokenizer} names none: GPT-4's and its embeddings'. */
    static final String DEFAULT_TOKENIZER = "cl100k_base";

    private ChunkCommand() {
    }

    static int run(CommandLineArgs args, Session session) {
        if (args.operands().isEmpty()) {
            throw new UsageException("ocp chunk: give the files or directories to chunk (FILE|DIR ...)");
        }
        ChunkOptions options = chunkOptions(args);
        String dialect = args.value("--dialect");
        String with = args.value("--with");
        ParseOptions widest = Catalog.withLimits(Catalog.parseOptions(dialect, with, dialect == null ? "any.mdx" : null),
                args);
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String operand : args.operands()) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                for (Path file : Inputs.markdownUnder(path)) {
                    files.add(file);
                    names.add(file.toString());
                }
            } else if (Files.exists(path)) {
                files.add(path);
                names.add(operand);
            } else {
                throw new UsageException("no such file or directory: " + operand);
            }
        }
        int jobs = args.value("--jobs") == null ? Runtime.getRuntime().availableProcessors()
                : (int) number("--jobs", args.value("--jobs"), 1, 1024);
        ProviderInfo provider = session.catalog().resolve(args.value("--engine"), widest);
        Progress progress = new Progress("chunk", files.size(), session.err(), Progress.onTerminal(session.err()));
        ExecutorService pool = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "ocp-chunk");
            thread.setDaemon(true);
            return thread;
        });
        try (OcpEngine engine = Catalog.open(provider)) {
            // Files are chunked in parallel and written in the order given, each file's lines together.
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String name = names.get(i);
                results.add(pool.submit(() -> {
                    byte[] bytes = Files.readAllBytes(file);
                    ParseOptions parse = Catalog.withLimits(Catalog.parseOptions(dialect, with, name), args);
                    try {
                        String out = lines(name, Chunker.chunk(engine, bytes, parse, options));
                        progress.done(bytes.length);
                        return out;
                    } catch (OcpException e) {
                        progress.failed(Diagnostic.of(name, e), bytes.length, session.err());
                        return "";
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                try {
                    session.out().print(results.get(i).get());
                } catch (ExecutionException e) {
                    progress.failed(names.get(i) + ": " + e.getCause() + " (ocp:unreadable)", 0, session.err());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        session.out().flush();
        session.err().println(progress.summary(jobs));
        return progress.failed() == 0 ? 0 : 1;
    }

    /**
     * The chunking options of the command line: the cap in characters ({@code --max-chars}) or in tokens of an
     * encoding ({@code --max-tokens}, {@code --tokenizer}), the minimum, the levels, the overlap. With a cap in
     * tokens the minimum and the overlap count tokens too: every size is the one measure's.
     */
    static ChunkOptions chunkOptions(CommandLineArgs args) {
        ChunkOptions options = ChunkOptions.defaults();
        String chars = args.value("--max-chars");
        String tokens = args.value("--max-tokens");
        if (chars != null && tokens != null) {
            throw new UsageException("ocp chunk: --max-chars and --max-tokens are two caps; give one");
        }
        if (chars != null) {
            options = options.withMaxSize((int) number("--max-chars", chars, 1, Integer.MAX_VALUE));
        }
        if (tokens != null) {
            options = options.withMaxSize((int) number("--max-tokens", tokens, 1, Integer.MAX_VALUE))
                    .withMeasure(tokenCounter(args.value("--tokenizer")));
        } else if (args.value("--tokenizer") != null) {
            throw new UsageException("ocp chunk: --tokenizer names how --max-tokens counts; give --max-tokens N");
        }
        if (args.value("--min-size") != null) {
            options = options.withMinSize((int) number("--min-size", args.value("--min-size"), 0, Integer.MAX_VALUE));
        }
        if (args.value("--overlap") != null) {
            options = options.withOverlap((int) number("--overlap", args.value("--overlap"), 0, Integer.MAX_VALUE));
        }
        String levels = args.value("--levels");
        if (levels != null) {
            int[] chosen = levels.isBlank() ? new int[0] : Arrays.stream(levels.split(","))
                    .mapToInt(l -> (int) number("--levels", l, 1, 6)).toArray();
            options = options.withHeadingLevels(chosen);
        }
        if (options.overlap() >= options.maxSize()) {
            String cap = tokens != null ? "--max-tokens " + tokens.trim() : chars != null ? "--max-chars " + chars.trim()
                    : options.maxSize() + " characters by default";
            throw new UsageException("ocp chunk: --overlap " + options.overlap() + " must be less than the cap ("
                    + cap + ")");
        }
        return options;
    }

    /**
     * A token counter of JTokkit's: {@code name} is an encoding ({@code cl100k_base}, {@code o200k_base},
     * {@code p50k_base}, {@code p50k_edit}, {@code r50k_base}) or a model it knows ({@code gpt-4o}); null for
     * {@value #DEFAULT_TOKENIZER}. Its encodings are immutable and safe to share between the worker threads.
     */
    static ToIntFunction<String> tokenCounter(String name) {
        String wanted = name == null ? DEFAULT_TOKENIZER : name.trim();
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        Optional<Encoding> encoding = registry.getEncoding(wanted).or(() -> registry.getEncodingForModel(wanted));
        if (encoding.isEmpty()) {
            StringBuilder known = new StringBuilder();
            for (EncodingType type : EncodingType.values()) {
                known.append(known.isEmpty() ? "" : ", ").append(type.getName());
            }
            throw new UsageException("--tokenizer: no encoding or model named '" + wanted + "' (encodings: " + known
                    + "; or a model name such as gpt-4o)");
        }
        Encoding counter = encoding.get();
        return counter::countTokensOrdinary;
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(option + " takes a number from " + min + " to " + max + ", not '" + value + "'");
    }

    /**
     * A file's chunks as JSON Lines: one object per chunk, with {@code file}, {@code index}, {@code headingPath},
     * {@code markdown}, {@code text}, {@code startByte}, {@code endByte}, {@code startLine}, {@code endLine},
     * {@code holds}, {@code size} (as the cap counts it: characters, or tokens with {@code --max-tokens}),
     * {@code overCap} and {@code frontmatter}, each line ending with a line feed.
     *
     * @param file   the file's name as given
     * @param chunks its chunks
     * @return the lines
     */
    static String lines(String file, List<Chunk> chunks) {
        StringBuilder out = new StringBuilder();
        for (Chunk c : chunks) {
            out.append("{\"file\":");
            string(out, file);
            out.append(",\"index\":").append(c.index()).append(",\"headingPath\":[");
            for (int i = 0; i < c.headingPath().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, c.headingPath().get(i));
            }
            out.append("],\"markdown\":");
            string(out, c.markdown());
            out.append(",\"text\":");
            string(out, c.text());
            out.append(",\"startByte\":").append(c.startByte()).append(",\"endByte\":").append(c.endByte())
                    .append(",\"startLine\":").append(c.startLine()).append(",\"endLine\":").append(c.endLine())
                    .append(",\"holds\":[");
            boolean first = true;
            for (ChunkKind kind : ChunkKind.values()) {
                if (c.holds().contains(kind)) {
                    out.append(first ? "" : ",").append('"').append(kind.name().toLowerCase(java.util.Locale.ROOT))
                            .append('"');
                    first = false;
                }
            }
            out.append("],\"size\":").append(c.size()).append(",\"overCap\":").append(c.overCap())
                    .append(",\"frontmatter\":");
            string(out, c.frontmatter());
            out.append("}\n");
        }
        return out.toString();
    }

    /** Writes a JSON string: quotes, backslashes and control characters escaped, the rest as it is. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
