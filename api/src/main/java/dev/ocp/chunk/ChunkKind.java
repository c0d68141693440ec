package dev.ocp.chunk;

/** What a {@link Chunk} holds: the kinds of top-level block its content is made of. */
public enum ChunkKind {
    /** A heading. */
    HEADING,
    /** A paragraph, or sentences of one too long to stay whole. */
    PARAGRAPH,
    /** A list, or some of its items. */
    LIST,
    /** A table, or some of its rows (with the header and alignment rows repeated). */
    TABLE,
    /** A fenced or indented code block. */
    CODE,
    /** A math block. */
    MATH,
    /** A raw HTML block. */
    HTML,
    /** An MDX JSX element in flow position. */
    JSX,
    /** An MDX expression in flow position. */
    EXPRESSION,
    /** MDX {@code import} and {@code export} statements. */
    ESM,
    /** A block quote. */
    QUOTE,
    /** A GitHub alert ({@code > [!NOTE]} and the like), kept whole as a block quote is. */
    ALERT,
    /** A container or leaf directive ({@code :::name} ... {@code :::}, {@code ::name}), a container kept whole. */
    DIRECTIVE,
    /** A footnote definition. */
    FOOTNOTE,
    /** A link reference definition. */
    DEFINITION,
    /** A thematic break. */
    THEMATIC_BREAK,
    /** The frontmatter, when it is chunked as content ({@link ChunkOptions#frontmatterAsMetadata()} off). */
    FRONTMATTER
}
