package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.NIL;
import static dev.ocp.engine.java.BlockParser.QUOTE;

/**
 * GitHub's alerts ({@code Extension.ALERTS}): a block quote that stands right in the document (not in a list item,
 * another quote or a JSX element) becomes an alert when its first child is a paragraph whose first line is a marker,
 * {@code [!NOTE]}, {@code [!TIP]}, {@code [!IMPORTANT]}, {@code [!WARNING]} or {@code [!CAUTION]} in any case,
 * followed by nothing but spaces and tabs, and something follows the marker: another line of that paragraph (a lazy
 * one too) or another block of the quote. The marker's line is then no part of the content: the paragraph starts on
 * its next line, or, when the marker was all of it, is dropped. Anything else on the marker's line, a marker with
 * nothing after it, an escaped or nested marker: a block quote as before.
 *
 * <p>An alert changes how a block quote is read, and that is decided where its first paragraph closes (the
 * paragraph's lines are still there to look at) and, when the marker was the whole paragraph, where the quote closes
 * (only then is it known whether a block follows): so this file is called from {@link Paragraph#finishParagraph}
 * and {@link BlockStack#closeTop}, and the quote's own grammar stays in {@link Line}. On the stack, a quote whose
 * marker paragraph waits keeps the type in {@code stA}, the paragraph's node in {@code stB} and its line in
 * {@code stC}; the paragraph is queued for the inline phase only if the quote stays a quote.
 *
 * <p>References: github.com's behaviour as recorded (checked against GitHub's Markdown API) by commonmark-java's
 * {@code commonmark-ext-gfm-alerts} spec ({@code alerts-spec.txt}); GitHub's documentation, "Basic writing and
 * formatting syntax", section Alerts.
 */
public final class Alert {
    private Alert() {
    }

    /** The types, by their number in an ALERT's data (1 to 5), as the marker writes them. */
    private static final byte[][] TYPES = {
        "NOTE".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "TIP".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "IMPORTANT".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "WARNING".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "CAUTION".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };

    /** @return the type (1 to 5) of the marker that {@code src[s, e)} is, spaces and tabs after it allowed, or 0 */
    static int markerType(byte[] src, int s, int e) {
        if (e - s < 6 || src[s] != '[' || src[s + 1] != '!') {
            return 0;
        }
        int close = s + 2;
        while (close < e && src[close] != ']') {
            close++;
        }
        for (int q = close + 1; q < e; q++) {
            if (!Line.isSpaceOrTab(src[q])) {
                return 0;
            }
        }
        if (close == e) {
            return 0;
        }
        int length = close - (s + 2);
        for (int t = 0; t < TYPES.length; t++) {
            byte[] name = TYPES[t];
            if (name.length != length) {
                continue;
            }
            int i = 0;
            while (i < length && (src[s + 2 + i] & ~0x20) == name[i]) {
                i++;
            }
            if (i == length) {
                return t + 1;
            }
        }
        return 0;
    }

    /**
     * Paragraph {@code k}, with {@code lines} lines left after its definitions, closes: if it opens an alert, takes
     * the marker's line off it.
     *
     * @return the lines left to queue for the inline phase: {@code lines}, one fewer when the quote became an alert,
     *         or 0 when the marker is the whole paragraph and the quote decides when it closes
     */
    static int markerParagraph(BlockParser bp, int k, int lines) {
        int node = bp.stNode[k];
        int quote = bp.stNode[1];
        if (k != 2 || bp.stKind[1] != QUOTE || bp.tree.firstChild(quote) != node) {
            return lines;
        }
        int first = bp.leafFirst;
        int type = markerType(bp.src, bp.lineStartAt[first], bp.lineEndAt[first]);
        if (type == 0) {
            return lines;
        }
        if (lines == 1) {
            bp.stA[1] = type;
            bp.stB[1] = node;
            bp.stC[1] = first;
            return 0;
        }
        bp.tree.setKind(quote, NodeKind.ALERT);
        bp.tree.setData(quote, type);
        bp.leafFirst = first + 1;
        bp.tree.setSpan(node, bp.lineStartAt[first + 1], bp.tree.spanEnd(node));
        return lines - 1;
    }

    /**
     * Quote {@code k} closes with its marker paragraph waiting: an alert if a block follows the paragraph (which is
     * then dropped), else a block quote whose paragraph is queued now (nothing was queued since: it is the quote's
     * only child).
     */
    static void closeQuote(BlockParser bp, int k) {
        int quote = bp.stNode[k];
        int paragraph = bp.stB[k];
        if (bp.tree.nextSibling(paragraph) != NIL) {
            bp.tree.setKind(quote, NodeKind.ALERT);
            bp.tree.setData(quote, bp.stA[k]);
            bp.tree.unlink(quote, paragraph);
        } else {
            LeafContent.addLeaf(bp, paragraph, bp.stC[k], 1);
        }
    }
}
