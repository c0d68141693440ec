package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;

/**
 * TEMPORARY stand-in until the CommonMark inline parser lands (issue 2): the whole content as one TEXT.
 * The signatures are the contract between the block and the inline parser.
 */
final class InlineParser {
    private final TreeBuilder tree;

    InlineParser(TreeBuilder tree, ParseOptions options) {
        this.tree = tree;
    }

    /**
     * Parses {@code buf[off, off+len)} as inline content and appends the inline nodes as children of
     * {@code parent}. Spans come from {@code map}. Called after every reference definition of the document
     * was collected.
     */
    void parse(int parent, byte[] buf, int off, int len, SourceMap map) {
        int t = tree.add(NodeKind.TEXT, parent, map.toSource(off), map.toSource(off + len));
        tree.setString(t, 0, tree.string(buf, off, len));
    }

    /**
     * Tries to parse one link reference definition at the start of {@code buf[off, off+len)} (a paragraph's
     * remaining content). On success registers it (first definition of a label wins), inserts a DEFINITION
     * node into {@code container} just before {@code paragraph}, and returns the number of bytes consumed
     * (through the end of its last line, including the {@code '\n'}); returns 0 if there is none.
     */
    int parseDefinition(byte[] buf, int off, int len, SourceMap map, int container, int paragraph) {
        return 0;
    }

    /**
     * Appends {@code buf[from, to)} to the tree's open string with backslash escapes and entity and numeric
     * character references decoded (as for info strings, link destinations and titles).
     */
    static void appendUnescaped(TreeBuilder tree, byte[] buf, int from, int to) {
        tree.append(buf, from, to - from);
    }
}
