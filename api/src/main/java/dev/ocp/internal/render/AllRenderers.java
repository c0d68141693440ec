package dev.ocp.internal.render;

import dev.ocp.HtmlOptions;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.html.HtmlRenderer;
import dev.ocp.internal.Renderers;
import dev.ocp.json.JsonRenderer;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.markdown.MarkdownRenderer;
import dev.ocp.mdast.MdastRenderer;
import dev.ocp.text.TextRenderer;
import dev.ocp.transform.Rewriter;
import dev.ocp.transform.Transform;

import java.io.IOException;

/**
 * The {@link Renderers} the core's conveniences call: each method hands over to the renderer or transform of its
 * own package. It sits above them all, and only {@link java.util.ServiceLoader} names it, so that no package below
 * depends on it.
 */
public final class AllRenderers implements Renderers {
    /** For {@link java.util.ServiceLoader}. */
    public AllRenderers() {
    }

    @Override
    public void html(OcpCursor root, Appendable out, HtmlOptions options) throws IOException {
        HtmlRenderer.render(root, out, options);
    }

    @Override
    public String html(OcpCursor root, long payloadBytes, HtmlOptions options) {
        return HtmlRenderer.renderToString(root, payloadBytes, options);
    }

    @Override
    public void json(OcpCursor root, Appendable out) throws IOException {
        JsonRenderer.render(root, out);
    }

    @Override
    public String json(OcpCursor root, long payloadBytes) {
        return JsonRenderer.renderToString(root, payloadBytes);
    }

    @Override
    public void mdast(OcpDocument document, byte[] source, Appendable out) throws IOException {
        MdastRenderer.render(document, source, out);
    }

    @Override
    public String mdast(OcpDocument document, byte[] source) {
        return MdastRenderer.renderToString(document, source);
    }

    @Override
    public void markdown(OcpCursor root, Appendable out, MarkdownOptions options) throws IOException {
        MarkdownRenderer.render(root, out, options);
    }

    @Override
    public String markdown(OcpCursor root) {
        return MarkdownRenderer.renderToString(root, MarkdownOptions.defaults());
    }

    @Override
    public void text(OcpCursor root, Appendable out) throws IOException {
        TextRenderer.render(root, out);
    }

    @Override
    public String text(OcpCursor root) {
        return TextRenderer.renderToString(root);
    }

    @Override
    public OcpDocument transform(OcpDocument document, Rewriter rewriter) {
        return Transform.apply(document, rewriter);
    }
}
