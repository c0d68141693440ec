package dev.ocp.chunk;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A piece of a document sized for a language model's context or an embedding: a run of whole top-level blocks (or,
 * when a block is larger than the cap, whole rows, items or sentences of it), with where it came from.
 *
 * @param index       its place among the document's chunks, from 0
 * @param headingPath the texts of the headings whose sections hold the chunk's start, outermost first (a chunk
 *                    that starts with a heading has it last); a list, so a heading holding a {@code /} stays whole
 * @param markdown    the content as Markdown that parses on its own: the source of its range (a byte order mark that
 *                    starts it, a character inside the document, written {@code &#xFEFF;}), after the header and
 *                    alignment rows of its table when it starts inside one, then the link reference and footnote
 *                    definitions it uses that lie outside it, so its links and footnotes still resolve; with overlap,
 *                    the blocks it repeats from the chunk before come first. It parses to the HTML the document
 *                    gives its part, but that the items of a loose list it holds without a blank line between them
 *                    (one item, say) read as a tight list alone, their paragraphs without {@code <p>}, and that a
 *                    footnote definition is left out where no place keeps its blocks and the chunk's as they are: it
 *                    must go before the content (the chunk ends in a code, math, HTML or JSX block, which would take
 *                    it in, or holds a later definition of its label, which would win) and the content starts
 *                    indented, or, for a definition that leaves a fence or other block open, with a blank line
 * @param text        the content as plain text: what {@link dev.ocp.text.TextRenderer} writes for the whole document,
 *                    over the chunk's blocks, rows or items (the line breaks between them as they are there, a code
 *                    block's trailing white space kept), ending with one line break; a repeated table header's row
 *                    comes first on a line of its own, and the sentences of a split paragraph, each read alone
 *                    beside the definitions it uses (so that a reference reads as its link text, as in the document),
 *                    are joined by a space
 * @param startLine   the line of {@code startByte}, from 1, as {@link dev.ocp.LineIndex} numbers lines
 * @param startByte   where its range starts in the source, a UTF-8 byte offset
 * @param endByte     where it ends (exclusive); without overlap the ranges of a document's chunks follow each other
 *                    without gap or overlap, from the first content byte to the end of the source
 * @param endLine     the line of the range's last byte, from 1
 * @param holds       the kinds of block it holds, in the order {@link ChunkKind} declares them (so that JSON Lines and
 *                    Spark arrays made from it are the same from run to run)
 * @param size        its size: what the options' measure gives for its {@code markdown} (characters by default, tokens
 *                    with a token counter), the overlap and the definitions carried included; what the cap holds, so
 *                    that a caller batching chunks for a model need not measure them again
 * @param overCap     whether its size is over the cap: only when a single block (or row, item or sentence) is larger
 *                    than the cap and cannot be split without cutting it
 * @param frontmatter the document's frontmatter (its raw YAML or TOML, without the fences), or the empty string when
 *                    it has none or {@link ChunkOptions#frontmatterAsMetadata()} is off
 */
public record Chunk(int index, List<String> headingPath, String markdown, String text, int startByte, int endByte,
                    int startLine, int endLine, Set<ChunkKind> holds, int size, boolean overCap,
                    String frontmatter) {
    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the range is inverted or the size negative
     */
    public Chunk {
        headingPath = List.copyOf(headingPath);
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(text, "text");
        holds = holds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(holds));
        Objects.requireNonNull(frontmatter, "frontmatter");
        if (startByte < 0 || endByte < startByte || startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("range " + startByte + ".." + endByte + ", lines " + startLine + ".."
                    + endLine);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
    }
}
