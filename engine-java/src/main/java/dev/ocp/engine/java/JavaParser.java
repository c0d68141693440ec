package dev.ocp.engine.java;

import dev.ocp.ParseOptions;

/**
 * The pure-Java parser with its working memory: one tree and one block parser (which owns the inline
 * parser), reused from document to document so that steady-state parsing allocates almost nothing.
 * Not thread-safe; the backend keeps a small pool of them.
 */
final class JavaParser {
    final TreeBuilder tree = new TreeBuilder();
    private final BlockParser blocks = new BlockParser(new byte[0], 0, ParseOptions.defaults(), tree);

    /**
     * Parses {@code src[0, length)} into {@link #tree}, whose node 0 becomes the DOCUMENT.
     *
     * @throws dev.ocp.OcpException LIMIT_EXCEEDED when a limit of {@code options} is crossed
     */
    void parse(byte[] src, int length, ParseOptions options) {
        tree.reset(options.maxNodes(), length);
        blocks.reset(src, length, options);
        blocks.parse();
        tree.checkNodeLimit();
    }
}
