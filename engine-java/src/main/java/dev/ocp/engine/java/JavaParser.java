package dev.ocp.engine.java;

import dev.ocp.ParseOptions;

/** The pure-Java parser's entry point: source bytes in, a tree in {@link TreeBuilder} out. */
final class JavaParser {
    private JavaParser() {
    }

    /**
     * Parses {@code src[0, length)} into {@code tree}, whose node 0 becomes the DOCUMENT.
     *
     * @throws dev.ocp.OcpException LIMIT_EXCEEDED when a limit of {@code options} is crossed
     */
    static void parse(byte[] src, int length, ParseOptions options, TreeBuilder tree) {
        tree.reset(options.maxNodes());
        new BlockParser(src, length, options, tree).parse();
    }
}
