package dev.ocp.engine.java.block;

import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.FOOTNOTE;

/**
 * GFM footnote definitions: {@code [^label]:} indented up to three spaces opens a container (it may interrupt a
 * paragraph); its content starts after the colon and the whitespace after it, and later lines continue it when
 * indented four columns, or when blank. The label is registered with the inline parser before the inline phase,
 * since a reference may come before its definition.
 *
 * <p>References: cmark-gfm's footnotes extension and GitHub's documentation of footnotes (the GFM spec does not
 * describe them); markdown-rs construct {@code gfm_footnote_definition} (micromark-extension-gfm-footnote).
 */
public final class FootnoteDefinition {
    private FootnoteDefinition() {
    }

    /**
     * Scans a footnote definition's start {@code [^label]:} at {@code p}: a label of at least one byte, none of them
     * {@code ]}, a space, a tab or NUL. With {@link Flavor#MICROMARK}, as micromark reads one: a backslash takes the
     * {@code [ \ ]} after it into the label ({@code [^a\]b]:}), and an unescaped {@code [} is no label.
     *
     * @return the index of the label's {@code ]}, or 0 if there is no definition start
     */
    static int footnoteDefinitionStart(BlockParser bp, int p) {
        return footnoteDefinitionStart(bp, p, bp.lineEnd);
    }

    /** {@link #footnoteDefinitionStart(BlockParser, int)} on a line that ends at {@code lineEnd}. */
    static int footnoteDefinitionStart(BlockParser bp, int p, int lineEnd) {
        if (p + 1 >= lineEnd || bp.src[p + 1] != '^') {
            return 0;
        }
        int q = p + 2;
        while (q < lineEnd) {
            byte b = bp.src[q];
            if (b == ']' || b == ' ' || b == '\t' || b == 0) {
                break;
            }
            if (bp.micromark) {
                if (b == '[') {
                    return 0;
                }
                if (b == '\\' && q + 1 < lineEnd
                        && (bp.src[q + 1] == '[' || bp.src[q + 1] == '\\' || bp.src[q + 1] == ']')) {
                    q++;
                }
            }
            q++;
        }
        bp.work += q - p;
        if (q == p + 2 || q + 1 >= lineEnd || bp.src[q] != ']' || bp.src[q + 1] != ':') {
            return 0;
        }
        return q;
    }

    /** Opens a footnote definition whose label ends at {@code labelEnd}; its content starts after the spaces. */
    static int footnoteDefinition(BlockParser bp, int container, int labelEnd) {
        int start = bp.nonspace;
        Line.advance(bp, labelEnd + 2 - bp.offset, false);
        // Columns count characters as UTF-16 code units (as commonmark-java and micromark do), not bytes: a
        // tab after a non-ASCII label stops where theirs does.
        for (int i = start + 2; i < labelEnd; i++) {
            int b = bp.src[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                bp.column--; // a continuation byte
            } else if (b >= 0xF0) {
                bp.column++; // a four-byte character is a surrogate pair: two units for its four bytes
            }
        }
        while (bp.offset < bp.lineEnd && Line.isSpaceOrTab(bp.src[bp.offset])) {
            Line.advance(bp, 1, false);
        }
        int k = BlockStack.open(bp, container, FOOTNOTE, NodeKind.FOOTNOTE_DEFINITION, start);
        bp.tree.setString(bp.stNode[k], 2, bp.tree.string(bp.src, start + 2, labelEnd - start - 2));
        bp.inline.addFootnote(bp.src, start + 2, labelEnd);
        return k;
    }
}
