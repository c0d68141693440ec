package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.ByteScan;

import static dev.ocp.engine.java.block.BlockStack.LEAF;
import static dev.ocp.spi.OcpFormat.FRONTMATTER_TOML;
import static dev.ocp.spi.OcpFormat.FRONTMATTER_YAML;

/**
 * Frontmatter (with {@code Extension.FRONTMATTER}): at the very start of the document, after an optional byte order
 * mark, a fence of three {@code -} (YAML) or {@code +} (TOML) with only spaces or tabs after it, then any lines up
 * to a closing fence of the same character; without a closing fence there is no frontmatter and the lines are read
 * as Markdown (with {@code Flavor.MICROMARK}, without containers: {@link BlockParser#containersOff}). The node holds
 * the lines between the fences.
 *
 * <p>References: markdown-rs construct {@code frontmatter}; micromark-extension-frontmatter; not part of
 * CommonMark or GFM.
 */
public final class Frontmatter {
    private Frontmatter() {
    }

    /**
     * Frontmatter at {@code p}, the document's first byte (after a byte order mark): a fence of exactly three
     * {@code -} (YAML) or {@code +} (TOML) with nothing but spaces and tabs after it, the lines of the matter,
     * and the same fence again, as markdown-rs reads it. Without a closing fence the lines are read as usual.
     *
     * @return where the lines after the frontmatter start, or {@code p} if there is none
     */
    public static int frontmatter(BlockParser bp, int p) {
        byte marker = bp.src[p];
        int open = ByteScan.lineEnd(bp.src, p, bp.length);
        if (!isFence(bp, marker, p, open) || open == bp.length) {
            return p;
        }
        int line = Line.nextLine(bp, open);
        int lines = 1;
        while (line < bp.length) {
            int e = ByteScan.lineEnd(bp.src, line, bp.length);
            lines++;
            bp.work += e - line + 1;
            if (isFence(bp, marker, line, e)) {
                bp.lineNumber += lines;
                bp.lineStart = p;
                bp.lineEnd = e;
                int parent = BlockStack.prepare(bp, 0, LEAF);
                int node = bp.tree.add(NodeKind.FRONTMATTER, bp.stNode[parent], p, e);
                bp.tree.setData(node, marker == '-' ? FRONTMATTER_YAML : FRONTMATTER_TOML);
                bp.tree.beginString();
                for (int s = Line.nextLine(bp, open); s < line; ) {
                    int le = ByteScan.lineEnd(bp.src, s, bp.length);
                    LeafContent.appendLiteral(bp, s, le);
                    bp.tree.append((byte) '\n');
                    s = Line.nextLine(bp, le);
                }
                bp.tree.setString(node, 0, bp.tree.endString());
                BlockStack.leafDone(bp, parent);
                return Line.nextLine(bp, e);
            }
            line = Line.nextLine(bp, e);
        }
        bp.containersOff = bp.micromark;
        return p;
    }

    /** Whether {@code src[from, to)} is a frontmatter fence of {@code marker}: three of it, then spaces or tabs. */
    private static boolean isFence(BlockParser bp, byte marker, int from, int to) {
        if (to - from < 3 || bp.src[from] != marker || bp.src[from + 1] != marker || bp.src[from + 2] != marker) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            if (!Line.isSpaceOrTab(bp.src[i])) {
                return false;
            }
        }
        return true;
    }
}
