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
    exports dev.ocp.markdown;
    exports dev.ocp.text;
    exports dev.ocp.transform;

    uses dev.ocp.spi.OcpEngineProvider;
}
