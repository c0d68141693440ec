package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.inline.Text;

import static dev.ocp.engine.java.BlockParser.FENCED;
import static dev.ocp.spi.OcpFormat.FLAG_CODE_FENCED;
import static dev.ocp.spi.OcpFormat.FLAG_CODE_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_MATH_UNCLOSED;

/**
 * Fenced code (and math fences, with {@code Extension.MATH}): an opening fence of at least three backticks or
 * tildes (two dollars for math) indented up to three spaces; the info string of a backtick (or dollar) fence may not
 * contain its fence character.
 * Content lines lose up to the opening fence's indentation. The block ends at a closing fence of the same character,
 * at least as long, indented up to three spaces, with only spaces or tabs after it, or when its container ends
 * (then it is flagged unclosed). The info string is trimmed, and decoded (escapes, character references) for code;
 * a math fence's is kept as written.
 *
 * <p>References: CommonMark 0.31.2, section 4.5 (Fenced code blocks); micromark construct {@code code-fenced},
 * markdown-rs construct {@code raw_flow} (code and math in flow); micromark-extension-math for {@code $$} fences.
 */
public final class FencedCode {
    private FencedCode() {
    }

    /**
     * @return the length of an opening code fence at {@code p} (three or more backticks or tildes), or of a math
     * fence (two or more dollars), or 0
     */
    static int openingFence(BlockParser bp, int p) {
        byte fence = bp.src[p];
        int q = p;
        while (q < bp.lineEnd && bp.src[q] == fence) {
            q++;
        }
        int n = q - p;
        bp.work += n;
        if (n < (fence == '$' ? 2 : 3)) {
            return 0;
        }
        if (fence == '`' || fence == '$') {
            bp.work += bp.lineEnd - q;
            for (int i = q; i < bp.lineEnd; i++) {
                if (bp.src[i] == fence) {
                    return 0;
                }
            }
        }
        return n;
    }

    /**
     * A fenced code block, or a math block (a fence of dollars), whose meta is the rest of the fence line as it
     * stands where a code block's info string is decoded.
     */
    static void fencedCode(BlockParser bp, int container, int fenceLength) {
        int start = bp.nonspace;
        boolean isMath = bp.src[start] == '$';
        int k = BlockStack.open(bp, container, FENCED, isMath ? NodeKind.MATH_BLOCK : NodeKind.CODE_BLOCK, start);
        int node = bp.stNode[k];
        bp.stA[k] = bp.src[start];
        bp.stB[k] = fenceLength;
        bp.stC[k] = bp.indent;
        // Unclosed until its closing fence comes (v1.3).
        if (isMath) {
            bp.tree.setFlags(node, FLAG_MATH_UNCLOSED);
        } else {
            bp.tree.setFlags(node, FLAG_CODE_FENCED | FLAG_CODE_UNCLOSED);
            bp.tree.setData(node, bp.src[start]);
        }
        int s = start + fenceLength;
        while (s < bp.lineEnd && Line.isSpaceOrTab(bp.src[s])) {
            s++;
        }
        int e = bp.lineEnd;
        while (e > s && Line.isSpaceOrTab(bp.src[e - 1])) {
            e--;
        }
        if (s < e) {
            bp.tree.beginString();
            if (isMath) {
                LeafContent.appendLiteral(bp, s, e);
            } else {
                Text.appendUnescaped(bp.tree, bp.src, s, e, bp.micromark);
            }
            bp.tree.setString(node, 1, bp.tree.endString());
        }
    }

    static boolean isClosingFence(BlockParser bp, int k) {
        byte fence = (byte) bp.stA[k];
        int q = bp.nonspace;
        while (q < bp.lineEnd && bp.src[q] == fence) {
            q++;
        }
        bp.work += q - bp.nonspace;
        if (q - bp.nonspace < bp.stB[k]) {
            return false;
        }
        while (q < bp.lineEnd && Line.isSpaceOrTab(bp.src[q])) {
            q++;
        }
        return q == bp.lineEnd;
    }
}
