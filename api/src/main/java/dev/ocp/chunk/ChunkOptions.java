package dev.ocp.chunk;

import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How {@link Chunker} splits a document. Immutable; start from {@link #defaults()} and change what you need with the
 * {@code with...} methods.
 *
 * @param maxSize               the cap on a chunk's size, as {@code measure} counts it, its overlap included
 * @param measure               the size of a piece of Markdown: its characters by default; a token counter plugs in
 *                              here: with JTokkit, {@code withMeasure(encoding::countTokensOrdinary)}, which reads
 *                              a special token's text ({@code <|endoftext|>}) as ordinary text, where
 *                              {@code countTokens} throws on a document that quotes one
 * @param minSize               a chunk smaller than this merges with the chunk after it (or, at the end, the one
 *                              before) when the two fit under the cap together, across section boundaries; 0 never
 *                              merges
 * @param headingLevels         the levels (1 to 6) of the headings that start a new chunk; a heading of another level
 *                              still names its section in the heading path
 * @param overlap               how much of the chunk before (whole blocks or sentences, as {@code measure} counts
 *                              them, at most this much) each chunk repeats at its start; 0 for none, and less than
 *                              {@code maxSize} ({@link Chunker} refuses more). The chunks' own content is packed
 *                              under {@code maxSize - overlap} to leave it room, and it takes no more than the
 *                              room left under the cap. It stays in
 *                              the section the chunk starts in (never a heading, none before a chunk that starts
 *                              with one) and repeats no table row or list item
 * @param frontmatterAsMetadata whether the frontmatter is left out of the content and given with every chunk as
 *                              {@link Chunk#frontmatter()}; otherwise it is chunked as a block
 */
public record ChunkOptions(int maxSize, ToIntFunction<String> measure, int minSize, Set<Integer> headingLevels,
                           int overlap, boolean frontmatterAsMetadata) {
    private static final ChunkOptions DEFAULTS = new ChunkOptions(2000, String::length, 0, Set.of(1, 2, 3), 0, true);

    /**
     * Checks the components.
     *
     * @throws NullPointerException     if {@code measure} or {@code headingLevels} is null
     * @throws IllegalArgumentException if a size is out of range or a level is not 1 to 6
     */
    public ChunkOptions {
        Objects.requireNonNull(measure, "measure");
        headingLevels = Set.copyOf(headingLevels);
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
        }
        if (minSize < 0 || overlap < 0) {
            throw new IllegalArgumentException("minSize and overlap must not be negative: " + minSize + ", " + overlap);
        }
        for (int level : headingLevels) {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("a heading level is 1 to 6: " + level);
            }
        }
    }

    /**
     * The defaults: at most 2000 characters, no merging of small chunks, a new chunk at every heading of levels 1 to
     * 3, no overlap, the frontmatter as metadata.
     *
     * @return the default options
     */
    public static ChunkOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The largest size a chunk may have, as the measure counts it; a block that cannot be split and is larger is
     * one chunk, flagged over the cap.
     *
     * @param value the cap, positive
     * @return these options with that cap
     */
    public ChunkOptions withMaxSize(int value) {
        return new ChunkOptions(value, measure, minSize, headingLevels, overlap, frontmatterAsMetadata);
    }

    /**
     * How sizes are measured: characters by default, or a tokenizer's count for caps in tokens.
     *
     * @param value how a piece of Markdown is measured (for a cap in tokens, a tokenizer's count)
     * @return these options with that measure
     */
    public ChunkOptions withMeasure(ToIntFunction<String> value) {
        return new ChunkOptions(maxSize, value, minSize, headingLevels, overlap, frontmatterAsMetadata);
    }

    /**
     * The size under which a section merges with its neighbour.
     *
     * @param value the size under which a chunk merges with a neighbour; 0 for never
     * @return these options with that minimum
     */
    public ChunkOptions withMinSize(int value) {
        return new ChunkOptions(maxSize, measure, value, headingLevels, overlap, frontmatterAsMetadata);
    }

    /**
     * Which heading levels start a new chunk.
     *
     * @param levels the heading levels, 1 to 6, that start a new chunk (none: only the cap splits)
     * @return these options with those levels
     */
    public ChunkOptions withHeadingLevels(int... levels) {
        return new ChunkOptions(maxSize, measure, minSize,
                java.util.Arrays.stream(levels).boxed().collect(java.util.stream.Collectors.toSet()), overlap,
                frontmatterAsMetadata);
    }

    /**
     * How much of the chunk before each chunk repeats at its start, as the measure counts it (within the cap: see
     * {@link ChunkOptions}). It must be less than the cap when the options are used; they may be set in any order.
     *
     * @param value how much of the chunk before each chunk repeats; 0 for none
     * @return these options with that overlap
     */
    public ChunkOptions withOverlap(int value) {
        return new ChunkOptions(maxSize, measure, minSize, headingLevels, value, frontmatterAsMetadata);
    }

    /**
     * Whether the frontmatter is metadata of every chunk rather than content of the first.
     *
     * @param value whether the frontmatter is metadata of every chunk rather than content
     * @return these options with that choice
     */
    public ChunkOptions withFrontmatterAsMetadata(boolean value) {
        return new ChunkOptions(maxSize, measure, minSize, headingLevels, overlap, value);
    }
}
