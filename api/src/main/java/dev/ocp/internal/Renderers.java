package dev.ocp.internal;

import dev.ocp.HtmlOptions;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.transform.Rewriter;

import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The renderers and the transform, as the reader core reaches them: what {@link OcpDocument}'s conveniences
 * ({@code toHtml}, {@code renderHtml}, {@code toJson}, {@code toMdast}, {@code toMarkdown}, {@code toText},
 * {@code transform}, ...) and the engines' documents call.
 *
 * <p>Why it exists: the core knows no renderer, as the API knows no engine. The renderers ({@code dev.ocp.html},
 * {@code .json}, {@code .mdast}, {@code .markdown}, {@code .text}) and the transform ({@code dev.ocp.transform})
 * sit on the core and read documents through its cursor, so the core naming any of them would make the packages a
 * cycle (issue 57: layers that run one way). The core names this interface instead; its one implementation,
 * {@value #IMPLEMENTATION}, sits above the renderers and is found once, when a document first renders, with
 * {@link ServiceLoader} (declared in {@code module-info} for the module path and in {@code META-INF/services} for
 * the class path). The size hints ({@code payloadBytes}) are the engines' documents' own: they know their payload's
 * size and pass it, so a rendering into a string allocates its buffer once.
 */
public interface Renderers {
    /** The one implementation, named in the error that its absence gives. */
    String IMPLEMENTATION = "dev.ocp.internal.render.AllRenderers";

    /**
     * The implementation, found on first use.
     *
     * @return the renderers
     * @throws IllegalStateException if {@value #IMPLEMENTATION} is missing (a repackaged jar that dropped its
     *                               {@code META-INF/services} entry)
     */
    static Renderers get() {
        return Found.INSTANCE;
    }

    /**
     * HTML of the subtree under {@code root} into {@code out} ({@code dev.ocp.html.HtmlRenderer}).
     *
     * @param root    a cursor on the subtree's root; it does not move
     * @param out     where to write
     * @param options how to write it
     * @throws IOException if {@code out} fails
     */
    void html(OcpCursor root, Appendable out, HtmlOptions options) throws IOException;

    /**
     * HTML of the subtree under {@code root} into a string.
     *
     * @param root         a cursor on the subtree's root; it does not move
     * @param payloadBytes the payload's size, from which the length of the result is guessed
     * @param options      how to write it
     * @return the HTML
     */
    String html(OcpCursor root, long payloadBytes, HtmlOptions options);

    /**
     * The tree's JSON into {@code out} ({@code dev.ocp.json.JsonRenderer}).
     *
     * @param root a cursor on the subtree's root; it does not move
     * @param out  where to write
     * @throws IOException if {@code out} fails
     */
    void json(OcpCursor root, Appendable out) throws IOException;

    /**
     * The tree's JSON into a string.
     *
     * @param root         a cursor on the subtree's root; it does not move
     * @param payloadBytes the payload's size, from which the length of the result is guessed
     * @return the JSON
     */
    String json(OcpCursor root, long payloadBytes);

    /**
     * The document as mdast JSON into {@code out} ({@code dev.ocp.mdast.MdastRenderer}).
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @param out      where to write
     * @throws IOException if {@code out} fails
     */
    void mdast(OcpDocument document, byte[] source, Appendable out) throws IOException;

    /**
     * The document as mdast JSON into a string.
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @return the mdast JSON
     */
    String mdast(OcpDocument document, byte[] source);

    /**
     * The subtree as Markdown into {@code out} ({@link dev.ocp.markdown.MarkdownRenderer}).
     *
     * @param root    a cursor on the subtree's root; it does not move
     * @param out     where to write
     * @param options how to write it
     * @throws IOException if {@code out} fails
     */
    void markdown(OcpCursor root, Appendable out, MarkdownOptions options) throws IOException;

    /**
     * The subtree as Markdown into a string, with the default options.
     *
     * @param root a cursor on the subtree's root; it does not move
     * @return the Markdown
     */
    String markdown(OcpCursor root);

    /**
     * The subtree as plain text into {@code out} ({@link dev.ocp.text.TextRenderer}).
     *
     * @param root a cursor on the subtree's root; it does not move
     * @param out  where to write
     * @throws IOException if {@code out} fails
     */
    void text(OcpCursor root, Appendable out) throws IOException;

    /**
     * The subtree as plain text into a string.
     *
     * @param root a cursor on the subtree's root; it does not move
     * @return the text
     */
    String text(OcpCursor root);

    /**
     * A new document, {@code document} as {@code rewriter} changes it ({@link dev.ocp.transform.Transform#apply}).
     *
     * @param document the source, open; it stays open and unchanged
     * @param rewriter what to do with each node
     * @return the new document, open
     */
    OcpDocument transform(OcpDocument document, Rewriter rewriter);

    /** The implementation, loaded when first asked for (the holder idiom: once, without a lock after). */
    final class Found {
        static final Renderers INSTANCE = load();

        private Found() {
        }

        private static Renderers load() {
            try {
                Iterator<Renderers> it = ServiceLoader.load(Renderers.class, Renderers.class.getClassLoader())
                        .iterator();
                if (it.hasNext()) {
                    return it.next();
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException(IMPLEMENTATION + " could not be loaded: " + e.getMessage(), e);
            }
            throw new IllegalStateException("no renderers: " + IMPLEMENTATION + " is missing (the api's"
                    + " META-INF/services/" + Renderers.class.getName() + " or module-info provides clause)");
        }
    }
}
