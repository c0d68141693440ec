package dev.ocp.engine.java.block;

import dev.ocp.engine.java.BlockParser;

/**
 * Thematic breaks: up to three spaces, then three or more of the same character, {@code *}, {@code -} or
 * {@code _}, with any spaces or tabs between them and nothing else on the line. A break may interrupt a paragraph;
 * a {@code -} line after a paragraph is a setext underline first. A failed scan records where it stopped so that
 * later container prefixes on the same line do not rescan the same bytes.
 *
 * <p>References: CommonMark 0.31.2, section 4.1 (Thematic breaks); micromark and markdown-rs construct
 * {@code thematic_break}.
 */
public final class ThematicBreak {
    private ThematicBreak() {
    }

    static boolean isThematicBreak(BlockParser bp, int p) {
        byte m = bp.src[p];
        int count = 0;
        for (int i = p; i < bp.lineEnd; i++) {
            bp.work++;
            byte b = bp.src[i];
            if (b == m) {
                count++;
            } else if (!Line.isSpaceOrTab(b)) {
                bp.breakKill = i;
                return false;
            }
        }
        if (count < 3) {
            bp.breakKill = bp.lineEnd;
            return false;
        }
        return true;
    }
}
