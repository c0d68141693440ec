/**
 * OCP for Java: parse Markdown and MDX into the compact binary AST, through whichever engine is present.
 * {@code dev.ocp} is the API ({@link dev.ocp.Ocp} is the entry point); {@code dev.ocp.spi} is for engine
 * authors. The engines are service providers: put one or more engine modules on the module path and
 * {@code Ocp.engine()} finds them.
 */
module dev.ocp {
    exports dev.ocp;
    exports dev.ocp.spi;
    exports dev.ocp.toc;
    exports dev.ocp.chunk;
    exports dev.ocp.html;
    exports dev.ocp.json;
    exports dev.ocp.mdast;
    exports dev.ocp.markdown;
    exports dev.ocp.text;
    exports dev.ocp.transform;

    uses dev.ocp.spi.OcpEngineProvider;
    // The core reaches the renderers through this service, as it knows none of them (dev.ocp.internal.Renderers).
    uses dev.ocp.internal.Renderers;
    provides dev.ocp.internal.Renderers with dev.ocp.internal.render.AllRenderers;
}
