package dev.ocp.toc;

/**
 * One heading of a document, for a table of contents.
 *
 * @param index the heading's node index ({@link dev.ocp.OcpDocument#node(int)} looks it up)
 * @param level 1 to 6
 * @param text  its text as a browser shows it: the text and code of its content, without markup, image
 *              descriptions or raw HTML
 * @param slug  its id: the author's explicit {@code {#id}} ({@link dev.ocp.OcpNode#headingId()}), or else as
 *              {@link Slugger} makes it, unique among the generated slugs of the document
 */
public record Heading(int index, int level, String text, String slug) {
}
