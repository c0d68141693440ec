package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;

/**
 * TEMPORARY stand-in until the CommonMark block parser lands (issue 2): blank-line separated paragraphs
 * of raw text. It exists only so the rest of the build can run end to end meanwhile.
 */
final class BlockParser {
    private final byte[] src;
    private final int length;
    private final TreeBuilder tree;

    BlockParser(byte[] src, int length, ParseOptions options, TreeBuilder tree) {
        this.src = src;
        this.length = length;
        this.tree = tree;
    }

    void parse() {
        int doc = tree.newNode(NodeKind.DOCUMENT, 0, length);
        int i = 0;
        while (i < length) {
            int lineEnd = i;
            while (lineEnd < length && src[lineEnd] != '\n') {
                lineEnd++;
            }
            if (lineEnd > i) {
                int p = tree.add(NodeKind.PARAGRAPH, doc, i, lineEnd);
                int t = tree.add(NodeKind.TEXT, p, i, lineEnd);
                tree.setString(t, 0, tree.string(src, i, lineEnd - i));
            }
            i = lineEnd + 1;
        }
    }
}
