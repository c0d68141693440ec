package dev.ocp.chunk;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Splits Markdown and MDX into chunks for language models along its syntax tree, not its text: a chunk is a run of
 * whole top-level blocks under a size cap, and starts at every heading of the chosen levels.
 *
 * <p>What is never cut: a code block, a math block, an HTML block, an MDX JSX element or expression, a block quote, a
 * GitHub alert, a container directive, a table row, a list item. A block larger than the cap is split where it can
 * be without changing what it says: a table into groups of rows, each chunk repeating the header and alignment rows;
 * a list between its items; a paragraph between sentences (the last resort). What still cannot fit (one long code
 * block, one long row, a block quote, alert or container directive, whose second part would lose the marker or
 * fence that says what it is) is a chunk of its own, {@linkplain Chunk#overCap() flagged}. Without overlap every
 * byte of the content lies in exactly one chunk, in order. Each chunk's Markdown parses on its own: the link
 * reference and footnote definitions it uses come with it.
 *
 * <pre>{@code
 * List<Chunk> chunks = Chunker.chunk(markdown, ChunkOptions.defaults().withMaxSize(1500));
 * for (Chunk c : chunks) {
 *     embed(String.join(" > ", c.headingPath()) + "\n\n" + c.text());
 * }
 * }</pre>
 */
public final class Chunker {
    private Chunker() {
    }

    /**
     * Chunks CommonMark with the options given, parsed by the engine {@link Ocp#engine()} chooses (made on first
     * use and kept).
     *
     * @param markdown the source
     * @param options  how to chunk
     * @return the chunks, in document order
     * @throws dev.ocp.OcpException if the source cannot be parsed
     * @throws IllegalArgumentException if the options' overlap is not less than their cap, or their measure gives a
     *                                  negative size
     */
    public static List<Chunk> chunk(String markdown, ChunkOptions options) {
        return chunk(markdown, ParseOptions.defaults(), options);
    }

    /**
     * Chunks Markdown of the given dialect and extensions, parsed by the engine {@link Ocp#engine()} chooses.
     *
     * @param markdown the source
     * @param parse    dialect, extensions and limits
     * @param options  how to chunk
     * @return the chunks, in document order
     * @throws dev.ocp.OcpException if the source cannot be parsed
     * @throws IllegalArgumentException if the options' overlap is not less than their cap, or their measure gives a
     *                                  negative size
     */
    public static List<Chunk> chunk(String markdown, ParseOptions parse, ChunkOptions options) {
        checked(options); // before the engine is made: the options are wrong wherever they are used
        return chunk(SharedEngine.ENGINE, markdown, parse, options);
    }

    /**
     * Chunks Markdown with the given engine, which parses its UTF-8. Each chunk's Markdown is taken from
     * {@code markdown} itself rather than decoded from the bytes again, so its characters are the caller's (an
     * unpaired surrogate, which the parse read as {@code ?}, among them); otherwise the chunks are those of
     * {@link #chunk(OcpEngine, byte[], ParseOptions, ChunkOptions)} given the same text as UTF-8.
     *
     * @param engine   the engine
     * @param markdown the source
     * @param parse    dialect, extensions and limits
     * @param options  how to chunk
     * @return the chunks, in document order
     * @throws dev.ocp.OcpException if the source cannot be parsed
     * @throws IllegalArgumentException if the options' overlap is not less than their cap, or their measure gives a
     *                                  negative size
     */
    public static List<Chunk> chunk(OcpEngine engine, String markdown, ParseOptions parse, ChunkOptions options) {
        checked(options);
        byte[] utf8 = markdown.getBytes(StandardCharsets.UTF_8);
        try (OcpDocument document = engine.parse(utf8, parse)) {
            return new Plan(document, utf8, markdown, options, piece -> engine.parse(piece, parse)).chunks();
        }
    }

    /**
     * Chunks Markdown with the given engine. The engine also parses the sentences of a paragraph split between them,
     * for their plain text.
     *
     * @param engine the engine
     * @param utf8   the source as UTF-8
     * @param parse  dialect, extensions and limits
     * @param options how to chunk
     * @return the chunks, in document order
     * @throws dev.ocp.OcpException if the source cannot be parsed
     * @throws IllegalArgumentException if the options' overlap is not less than their cap, or their measure gives a
     *                                  negative size
     */
    public static List<Chunk> chunk(OcpEngine engine, byte[] utf8, ParseOptions parse, ChunkOptions options) {
        checked(options);
        try (OcpDocument document = engine.parse(utf8, parse)) {
            return chunk(engine, document, utf8, parse, options);
        }
    }

    /**
     * Chunks a document already parsed from {@code utf8} (with {@code parse}), which stays open. The engine parses
     * the sentences of a paragraph split between them, for their plain text.
     *
     * @param engine   the engine
     * @param document an open document
     * @param utf8     the source it was parsed from
     * @param parse    the options it was parsed with
     * @param options  how to chunk
     * @return the chunks, in document order
     * @throws IllegalStateException if the document is or gets closed
     * @throws IllegalArgumentException if the options' overlap is not less than their cap, or their measure gives a
     *                                  negative size
     */
    public static List<Chunk> chunk(OcpEngine engine, OcpDocument document, byte[] utf8, ParseOptions parse,
                                    ChunkOptions options) {
        return new Plan(document, utf8, null, checked(options), piece -> engine.parse(piece, parse)).chunks();
    }

    /**
     * The options, once their overlap is seen to be less than their cap: a chunk that repeats a cap's worth of the
     * one before has no room of its own, which is a mistake to say, not to chunk around. (Checked here rather than
     * in {@link ChunkOptions}, so that its withers may come in any order.)
     */
    private static ChunkOptions checked(ChunkOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.overlap() >= options.maxSize()) {
            throw new IllegalArgumentException("the overlap (" + options.overlap() + ") must be less than the cap, "
                    + "maxSize (" + options.maxSize() + ")");
        }
        return options;
    }

    /** The engine of the conveniences, made on first use; its documents are closed by the call that made them. */
    private static final class SharedEngine {
        static final OcpEngine ENGINE = Ocp.engine();
    }
}
