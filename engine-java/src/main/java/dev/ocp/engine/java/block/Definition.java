package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.LinkScanner;
import dev.ocp.engine.java.SourceMap;
import dev.ocp.engine.java.inline.CodeSpan;
import dev.ocp.engine.java.inline.Text;

import static dev.ocp.engine.java.InlineParser.NONE;

/**
 * Link reference definitions: at the start of a paragraph, a label in brackets (at most 999 characters, not blank,
 * unescaped brackets not allowed), a colon, a destination (in angle brackets or without spaces, balanced
 * parentheses), and an optional title (in quotes or parentheses) separated by whitespace, with only whitespace after
 * it on its line. The first definition of a label (case-folded, whitespace collapsed) wins; definitions leave no
 * text behind. The block side ({@link #resolveDefinitions}) takes them off a closing paragraph; the scanning
 * ({@link #parseDefinition}) works on the inline parser's state, which holds the reference map.
 *
 * <p>References: CommonMark 0.31.2, section 4.7 (Link reference definitions); micromark and markdown-rs construct
 * {@code definition}.
 */
public final class Definition {
    private Definition() {
    }

    /**
     * Lets the inline parser take link reference definitions off the start of paragraph {@code k}'s content;
     * they become DEFINITION nodes before it. Moves {@link BlockParser#leafFirst} past the lines they used.
     *
     * @return the number of lines left in the paragraph
     */
    static int resolveDefinitions(BlockParser bp, int k) {
        int lines = bp.lineCount - bp.leafFirst;
        if (lines == 0 || bp.src[bp.lineStartAt[bp.leafFirst]] != '[') {
            return lines;
        }
        LeafContent.buildContent(bp, bp.leafFirst, lines);
        bp.inline.scan.forget();
        byte[] buf = bp.contentBuf;
        int pos = bp.contentOff;
        int end = bp.contentOff + bp.contentLen;
        while (pos < end && buf[pos] == '[') {
            int used = parseDefinition(bp.inline, buf, pos, end - pos, bp.map, bp.stNode[k - 1], bp.stNode[k]);
            if (used <= 0) {
                break;
            }
            pos += used;
        }
        if (pos == bp.contentOff) {
            return lines;
        }
        if (pos >= end) {
            // The last definition ends the content, whose last line lost its trailing whitespace: end it with
            // its line, as every block does.
            bp.tree.setSpanEnd(bp.tree.previousSibling(bp.stNode[k]), bp.stEnd[k]);
            bp.leafFirst = bp.lineCount;
            return 0;
        }
        int line = bp.map.lineOf(pos);
        if (bp.map.lineContentStart(line) != pos) {
            throw new IllegalStateException("a link reference definition ended inside a line");
        }
        bp.leafFirst += line;
        bp.tree.setSpan(bp.stNode[k], bp.lineStartAt[bp.leafFirst], bp.stEnd[k]);
        return bp.lineCount - bp.leafFirst;
    }

    /**
     * Tries to parse one link reference definition at the start of {@code buf[off, off+len)} (a paragraph's
     * remaining content). On success registers it (first definition of a label wins), inserts a DEFINITION
     * node into {@code container} just before {@code paragraph}, and returns the number of bytes consumed
     * (through the end of its last line, including the {@code '\n'}); returns 0 if there is none.
     *
     * <p>The DEFINITION node has the decoded destination in slot a, the decoded title (or none) in slot b, the
     * label as written in slot c, and spans from {@code [} to the end of its last line, as blocks do (the caller
     * extends the span over trailing whitespace the content lost, when the definition ends the content).
     */
    public static int parseDefinition(InlineParser ip, byte[] buf, int off, int len, SourceMap map, int container,
            int paragraph) {
        int end = off + len;
        int p = LinkScanner.skipSpaceTab(buf, off, end);
        int labelEnd = ip.scan.scanLabel(buf, p, end);
        ip.work += ip.scan.stop - off;
        if (labelEnd < 0 || labelEnd >= end || buf[labelEnd] != ':') {
            return 0;
        }
        int d = LinkScanner.skipSpaceTabNewline(buf, labelEnd + 1, end);
        int de = ip.scan.scanDestination(buf, d, end);
        ip.work += ip.scan.stop - labelEnd;
        if (de <= d) {
            return 0; // missing (an empty destination must be written <>)
        }
        int lineEnd = -1;
        int titleEnd = -1;
        int r = LinkScanner.skipSpaceTabNewline(buf, de, end);
        if (r > de) {
            int te = ip.scan.scanTitle(buf, r, end);
            ip.work += ip.scan.stop - de;
            if (te >= 0) {
                int after = LinkScanner.skipSpaceTab(buf, te, end);
                if (after == end || buf[after] == '\n') {
                    titleEnd = te;
                    lineEnd = after;
                }
            }
        }
        if (lineEnd < 0) {
            // No title, or one followed by more text: the definition is the destination's line, if that ends there.
            int after = LinkScanner.skipSpaceTab(buf, de, end);
            if (after < end && buf[after] != '\n') {
                return 0;
            }
            lineEnd = after;
        }
        boolean pointy = buf[d] == '<';
        ip.tree.beginString();
        Text.appendUnescaped(ip.tree, buf, pointy ? d + 1 : d, pointy ? de - 1 : de, ip.micromark);
        int destination = ip.tree.endString();
        int title = NONE;
        if (titleEnd >= 0) {
            ip.tree.beginString();
            Text.appendUnescaped(ip.tree, buf, r + 1, titleEnd - 1, ip.micromark);
            title = ip.tree.endString();
        }
        ip.refs.normalize(buf, p + 1, labelEnd - 1);
        ip.refs.addNormalized(destination, title);
        ip.work += labelEnd - p + ip.refs.work;
        ip.refs.work = 0;
        int node = ip.tree.newNode(NodeKind.DEFINITION, map.toSource(p), map.toSource(lineEnd));
        ip.tree.setString(node, 0, destination);
        if (title != NONE) {
            ip.tree.setString(node, 1, title);
        }
        ip.tree.beginString();
        CodeSpan.appendAsWritten(ip, map, buf, p + 1, labelEnd - 1, -1);
        ip.tree.setString(node, 2, ip.tree.endString());
        ip.tree.insertBefore(container, paragraph, node);
        return (lineEnd < end ? lineEnd + 1 : end) - off;
    }
}
