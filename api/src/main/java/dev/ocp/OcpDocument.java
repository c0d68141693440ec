package dev.ocp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One parsed document: an OCP payload and the means to read it in place.
 *
 * <p><b>Ownership.</b> The engine allocated the payload; the caller owns this document. {@link #close()}
 * frees the payload at once on the calling thread. Every access after {@code close()} (or after the engine
 * or arena that owns the memory was closed or reset) throws {@link IllegalStateException}; on engines with
 * {@link Capability#SCOPED_VIEWS} so does reading a {@link #bytes()} view kept from before. A document
 * dropped without {@code close()} is freed by a safety net and counted as a leak.
 *
 * <p><b>Threads.</b> Reading (bytes, cursors, rendering) is safe from many threads at once. {@code close()}
 * may be called from any thread; readers racing with it may see {@link IllegalStateException}.
 */
public interface OcpDocument extends AutoCloseable {

    /**
     * The payload, zero-copy: a read-only little-endian view of the bytes exactly where the engine
     * produced them. Each call returns a new view object (position 0, limit = payload size) over the same
     * memory, so callers may move positions freely.
     *
     * <p>The view is safe to keep: for as long as it (or a duplicate or slice of it) is reachable it shows this
     * document's bytes and never another's, or, on engines with {@link Capability#SCOPED_VIEWS}, it throws
     * {@link IllegalStateException} once the document is closed. The price is paid only by documents whose bytes
     * were handed out, and only when their memory is given back: on engines whose memory cannot move
     * ({@code ffm}, {@code jna}) the free waits until the kept views are garbage; the {@code java} engine stops
     * reusing the array; {@code wasm} moves its other payloads away later, in bulk. {@code docs/ownership.md} has
     * the measurements. For the last nanosecond, {@link #unsafeBytes()} hands out the library's own view instead.
     *
     * @return the payload view
     * @throws IllegalStateException if the document is closed
     */
    ByteBuffer bytes();

    /**
     * The payload without the promise of {@link #bytes()}: the same memory, but the document keeps no account of
     * the view, so {@link #close()} gives the memory back at once as if it had never been handed out. The view is
     * valid until the document is closed, and <b>must not be read after that</b>: it may then show another
     * document's bytes, or on engines whose memory lives outside the Java heap crash the JVM. For code that reads
     * the payload inside a {@code try}-with-resources block and measured that {@link #bytes()} costs it too much.
     *
     * @return a read-only little-endian view of the payload, valid until {@link #close()}
     * @throws IllegalStateException if the document is closed
     */
    default ByteBuffer unsafeBytes() {
        return bytes();
    }

    /**
     * Whether the payload is gone: closed, or freed with its engine or arena. Never throws.
     *
     * @return {@code true} once {@link #close()} ran or the owning engine or arena freed the payload
     */
    boolean isClosed();

    /**
     * Frees the payload now. Idempotent: a second call does nothing.
     */
    @Override
    void close();

    /**
     * Walks the whole tree in document order, calling the visitor's {@code enter} and {@code exit} for each node
     * ({@link OcpCursor#walk(OcpVisitor)} from the root).
     *
     * @param visitor what to call on each node
     * @throws IllegalStateException if the document is or gets closed
     */
    default void walk(OcpVisitor visitor) {
        cursor().walk(visitor);
    }

    /**
     * Writes the tree as mdast, the syntax tree of the unified/MDX ecosystem: the JSON that
     * {@code mdast-util-from-markdown} with its MDX, GFM, frontmatter and math extensions writes for the same
     * source (without {@code data} and the {@code estree} of expressions), positions in UTF-16 code units. A
     * document keeps only its source's length, so positions need the source: pass the bytes that were parsed.
     * Parse with {@link Flavor#MICROMARK} for the tree remark would build: the few constructs micromark reads
     * otherwise than CommonMark's reference parsers then parse as it reads them. With GFM, text outside links gets
     * the links {@code mdast-util-gfm-autolink-literal} finds in it after parsing, without positions, in either
     * flavor. Differences from the JS toolchain that remain are listed in {@code docs/conformance.md}.
     *
     * <p>The rendering is one walk ({@link #walk}), which holds the document open except while {@code out} takes
     * the text: a {@code close()} from there, or from a thread {@code out} waits for, goes through, and the
     * rendering then stops with {@link IllegalStateException}. (The same holds for the HTML and JSON renderings.)
     *
     * @param out    where to write
     * @param source the UTF-8 bytes the document was parsed from
     * @throws IOException              if {@code out} fails
     * @throws IllegalArgumentException if {@code source} is not as long as the source the document was parsed from
     * @throws IllegalStateException    if the document is or gets closed
     */
    default void renderMdast(Appendable out, byte[] source) throws IOException {
        dev.ocp.internal.Renderers.get().mdast(this, source, out);
    }

    /**
     * The tree as mdast JSON ({@link #renderMdast(Appendable, byte[])}).
     *
     * @param source the UTF-8 bytes the document was parsed from
     * @return the mdast {@code root} as one JSON object
     * @throws IllegalArgumentException if {@code source} is not as long as the source the document was parsed from
     * @throws IllegalStateException    if the document is or gets closed
     */
    default String toMdast(byte[] source) {
        return dev.ocp.internal.Renderers.get().mdast(this, source);
    }

    /**
     * Opens a cursor for walking the tree. Cursors are cheap; each thread should use its own.
     *
     * @return a flyweight cursor positioned on the root node; it reads the payload in place
     * @throws IllegalStateException if the document is closed
     */
    default OcpCursor cursor() {
        return new OcpCursor(this);
    }

    /**
     * Looks a node up by its index (its place in pre-order, {@link OcpNode#index()}): a node to keep, which answers
     * for that node until the document is closed, unlike the views a walk hands its visitor.
     *
     * @param index a node index in {@code 0..nodeCount()-1}
     * @return the node
     * @throws IndexOutOfBoundsException if there is no such node
     * @throws IllegalStateException     if the document is closed
     */
    default OcpNode node(int index) {
        OcpCursor cursor = cursor();
        cursor.moveTo(index);
        return cursor.node();
    }

    /**
     * The dialect the document was parsed as.
     *
     * @return the dialect recorded in the payload
     * @throws IllegalStateException if the document is closed
     */
    default Dialect dialect() {
        return cursor().dialect();
    }

    /**
     * The extensions that were on when the document was parsed.
     *
     * @return the extensions recorded in the payload
     * @throws IllegalStateException if the document is closed
     */
    default java.util.Set<Extension> extensions() {
        return cursor().extensions();
    }

    /**
     * The size of the tree.
     *
     * @return the number of nodes, the root included
     * @throws IllegalStateException if the document is closed
     */
    default int nodeCount() {
        return cursor().nodeCount();
    }

    /**
     * Renders the document as HTML: CommonMark's reference HTML, GitHub's HTML for the GFM extensions,
     * and for math and MDX the conventions of the format specification ({@code docs/ocp-format.md},
     * section 12). Rendering is iterative, so any nesting depth renders.
     *
     * @param out where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is closed
     */
    default void renderHtml(Appendable out) throws IOException {
        renderHtml(out, HtmlOptions.defaults());
    }

    /**
     * Renders the document as HTML with options: for Markdown from people you do not trust,
     * {@link HtmlOptions#safe()} writes raw HTML as text and empties dangerous link and image destinations.
     *
     * @param out     where to write
     * @param options how to write it
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is closed
     */
    default void renderHtml(Appendable out, HtmlOptions options) throws IOException {
        dev.ocp.internal.Renderers.get().html(cursor(), out, options);
    }

    /**
     * Renders CommonMark's reference HTML into a string (see {@link #renderHtml(Appendable)}).
     *
     * @return CommonMark's reference HTML for the document
     * @throws IllegalStateException if the document is closed
     */
    default String toHtml() {
        StringBuilder sb = new StringBuilder();
        try {
            renderHtml(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Renders HTML with options into a string (see {@link #renderHtml(Appendable, HtmlOptions)}).
     *
     * @param options how to write it, for example {@link HtmlOptions#safe()}
     * @return the HTML
     * @throws IllegalStateException if the document is closed
     */
    default String toHtml(HtmlOptions options) {
        StringBuilder sb = new StringBuilder();
        try {
            renderHtml(sb, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Renders the tree as JSON: one object per node with its kind, span, fields and children, in the shape
     * the format specification gives ({@code docs/ocp-format.md}, section 13).
     *
     * @param out where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is closed
     */
    default void renderJson(Appendable out) throws IOException {
        dev.ocp.internal.Renderers.get().json(cursor(), out);
    }

    /**
     * Renders the tree as JSON into a string.
     *
     * @return the tree as JSON (see {@link #renderJson(Appendable)})
     * @throws IllegalStateException if the document is closed
     */
    default String toJson() {
        StringBuilder sb = new StringBuilder();
        try {
            renderJson(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /**
     * Writes the document back as Markdown (MDX for an MDX document), keeping what the payload knows of the
     * source's choices (list markers, emphasis markers, code fences, heading styles, reference links) and escaping
     * exactly what must be escaped: the Markdown parses back, with the same dialect and extensions, to a document
     * with the same HTML and mdast, and writing that one again gives the same Markdown.
     *
     * @param out     where to write
     * @param options how to write it ({@link dev.ocp.markdown.MarkdownOptions#defaults()} keeps the source's choices)
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    default void renderMarkdown(Appendable out, dev.ocp.markdown.MarkdownOptions options) throws IOException {
        dev.ocp.internal.Renderers.get().markdown(cursor(), out, options);
    }

    /**
     * Writes the document back as Markdown with the default options (see
     * {@link #renderMarkdown(Appendable, dev.ocp.markdown.MarkdownOptions)}).
     *
     * @return the Markdown
     * @throws IllegalStateException if the document is or gets closed
     */
    default String toMarkdown() {
        return dev.ocp.internal.Renderers.get().markdown(cursor());
    }

    /**
     * Writes the document as plain text for search indexes and embeddings: no markup, blocks separated by blank
     * lines, code, link text, images' alt text and math's TeX kept; raw HTML, frontmatter and MDX expressions and
     * ESM dropped ({@link dev.ocp.text.TextRenderer} says exactly what becomes of each kind of node).
     *
     * @param out where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    default void renderText(Appendable out) throws IOException {
        dev.ocp.internal.Renderers.get().text(cursor(), out);
    }

    /**
     * The document as plain text (see {@link #renderText(Appendable)}).
     *
     * @return the text: empty, or ending with one line break
     * @throws IllegalStateException if the document is or gets closed
     */
    default String toText() {
        return dev.ocp.internal.Renderers.get().text(cursor());
    }

    /**
     * Walks this document with a rewriter and returns what it made of it, a new document
     * ({@link dev.ocp.transform.Transform#apply}); this one stays open and unchanged.
     *
     * @param rewriter what to do with each node
     * @return the new document, open; the caller closes it
     * @throws IllegalStateException if the document is or gets closed
     */
    default OcpDocument transform(dev.ocp.transform.Rewriter rewriter) {
        return dev.ocp.internal.Renderers.get().transform(this, rewriter);
    }
}
