package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.LinkScanner;
import dev.ocp.spi.OcpFormat;

import java.util.Arrays;

import static dev.ocp.engine.java.InlineParser.NIL;
import static dev.ocp.engine.java.InlineParser.NONE;

/**
 * Links, images and (GFM) footnote calls: {@code [} and {@code ![} are pushed on the bracket stack; at {@code ]} the
 * nearest active opener looks for an inline link ({@code (destination "title")}), a full, collapsed or shortcut
 * reference that names a definition, or a footnote call {@code [^label]}; on success its inside is processed for
 * emphasis and, for a link, every earlier {@code [} is deactivated (links may not contain links). Otherwise the
 * brackets are text.
 *
 * <p>References: CommonMark 0.31.2, sections 6.3 (Links) and 6.4 (Images), appendix "look for link or image";
 * micromark and markdown-rs constructs {@code label_start_link}, {@code label_start_image} and {@code label_end};
 * markdown-rs {@code gfm_label_start_footnote} (micromark-extension-gfm-footnote).
 */
public final class Link {
    private Link() {
    }

    public static int openBracket(InlineParser ip, int p, boolean image) {
        Text.flushText(ip, p);
        int q = p + (image ? 2 : 1);
        int node = ip.tree.add(NodeKind.TEXT, ip.top, ip.src(p), ip.src(q));
        ip.tree.setString(node, 0, ip.tree.string(ip.buf, p, q - p));
        int b = ip.bracketCount;
        if (b == ip.bNode.length) {
            int n = b * 2;
            ip.bNode = Arrays.copyOf(ip.bNode, n);
            ip.bPos = Arrays.copyOf(ip.bPos, n);
            ip.bPrevDelim = Arrays.copyOf(ip.bPrevDelim, n);
            ip.bImage = Arrays.copyOf(ip.bImage, n);
        }
        ip.bracketCount = b + 1;
        ip.bNode[b] = node;
        ip.bPos[b] = p;
        ip.bPrevDelim[b] = ip.lastDelim;
        ip.bImage[b] = image;
        ip.textStart = q;
        return q;
    }

    private static void popBracket(InlineParser ip) {
        ip.bracketCount--;
        if (ip.inactiveBelow > ip.bracketCount) {
            ip.inactiveBelow = ip.bracketCount;
        }
    }

    /** The spec's "look for link or image" at {@code buf[p] == ']'}. */
    public static int closeBracket(InlineParser ip, int p) {
        if (ip.bracketCount == 0) {
            return p + 1;
        }
        int b = ip.bracketCount - 1;
        boolean image = ip.bImage[b];
        if (!image && b < ip.inactiveBelow) {
            popBracket(ip);
            return p + 1;
        }
        int textFrom = ip.bPos[b] + (image ? 2 : 1);
        int after = p + 1;
        int linkEnd = -1;
        int destFrom = 0;
        int destTo = 0;
        int titleFrom = -1;
        int titleTo = -1;
        int reference = -1;
        int referenceFlag = 0; // FLAG_REFERENCE_*, with the label's range in buf
        int labelFrom = 0;
        int labelTo = 0;
        int far = after; // how far the attempts below read, for the work count
        // Inline: ( destination? title? ) with spaces, tabs and up to one line ending between the parts.
        if (after < ip.end && ip.buf[after] == '(') {
            int d = LinkScanner.skipSpaceTabNewline(ip.buf, after + 1, ip.end);
            int de = ip.scan.scanDestination(ip.buf, d, ip.end);
            far = Math.max(d, ip.scan.stop);
            if (de >= 0) {
                int r = LinkScanner.skipSpaceTabNewline(ip.buf, de, ip.end);
                int t = r;
                int te = -1;
                if (r > de) {
                    te = ip.scan.scanTitle(ip.buf, r, ip.end);
                    far = Math.max(far, ip.scan.stop);
                }
                if (te >= 0) {
                    t = LinkScanner.skipSpaceTabNewline(ip.buf, te, ip.end);
                }
                far = Math.max(far, t);
                if (t < ip.end && ip.buf[t] == ')') {
                    linkEnd = t + 1;
                    boolean pointy = d < de && ip.buf[d] == '<';
                    destFrom = pointy ? d + 1 : d;
                    destTo = pointy ? de - 1 : de;
                    if (te >= 0) {
                        titleFrom = r + 1;
                        titleTo = te - 1;
                    }
                }
            }
        }
        // References: full [text][label], collapsed [text][], shortcut [text].
        if (linkEnd < 0 && ip.refs.size() > 0) {
            int labelEnd = -1;
            if (after < ip.end && ip.buf[after] == '[') {
                labelEnd = ip.scan.scanLabel(ip.buf, after, ip.end);
                far = Math.max(far, ip.scan.stop);
            }
            if (labelEnd >= 0) {
                ip.refs.normalize(ip.buf, after + 1, labelEnd - 1);
                ip.work += labelEnd - after;
                reference = ip.refs.lookupNormalized();
                linkEnd = reference >= 0 ? labelEnd : -1;
                referenceFlag = OcpFormat.FLAG_REFERENCE_FULL;
                labelFrom = after + 1;
                labelTo = labelEnd - 1;
            } else if (ip.micromark && after + 1 < ip.end && ip.buf[after] == '[' && ip.buf[after + 1] != ']') {
                // micromark: a [ after the text that opens neither a full reference nor [] leaves no reference at
                // all (CommonMark reads a shortcut, [x] in [x][ ]).
                linkEnd = -1;
            } else {
                // Collapsed or shortcut: the link text itself must be a label. (A following [...] that is not a
                // label, such as "[ ]", leaves a shortcut reference.)
                boolean isLabel = ip.scan.isLabelContent(ip.buf, textFrom, p);
                ip.work += ip.scan.stop - textFrom;
                if (isLabel) {
                    boolean collapsed = after + 1 < ip.end && ip.buf[after] == '[' && ip.buf[after + 1] == ']';
                    ip.work += p - textFrom;
                    ip.refs.normalize(ip.buf, textFrom, p);
                    reference = ip.refs.lookupNormalized();
                    if (reference >= 0) {
                        linkEnd = collapsed ? after + 2 : after;
                        referenceFlag = collapsed ? OcpFormat.FLAG_REFERENCE_COLLAPSED : OcpFormat.FLAG_REFERENCE_SHORTCUT;
                        labelFrom = textFrom;
                        labelTo = p;
                    }
                }
            }
        }
        if (linkEnd < 0 && ip.micromark) {
            if (ip.refs.size() == 0 && after < ip.end && ip.buf[after] == '[') {
                // micromark reads a full reference's label whether or not anything is defined
                ip.scan.scanLabel(ip.buf, after, ip.end);
                far = Math.max(far, ip.scan.stop);
            }
            ip.failedAttemptEnd = Math.max(ip.failedAttemptEnd, far);
        }
        ip.work += far - p;
        if (linkEnd < 0) {
            if (ip.footnotes.size() > 0 && isFootnoteCall(ip, textFrom, p)) {
                return footnoteReference(ip, b, textFrom, p, image);
            }
            popBracket(ip);
            return p + 1; // the ']' stays in the text run
        }
        Text.flushText(ip, p);
        int link = ip.tree.newNode(image ? NodeKind.IMAGE : NodeKind.LINK, ip.src(ip.bPos[b]), ip.src(linkEnd));
        if (reference >= 0) {
            ip.tree.setString(link, 0, ip.refs.destination(reference));
            if (ip.refs.title(reference) != NONE) {
                ip.tree.setString(link, 1, ip.refs.title(reference));
            }
            ip.tree.setFlags(link, referenceFlag);
            ip.tree.beginString();
            CodeSpan.appendAsWritten(ip, ip.map, ip.buf, labelFrom, labelTo, -1);
            ip.tree.setString(link, 2, ip.tree.endString());
        } else {
            ip.tree.beginString();
            Text.appendUnescaped(ip.tree, ip.buf, destFrom, destTo, ip.micromark);
            ip.tree.setString(link, 0, ip.tree.endString());
            if (titleFrom >= 0) {
                ip.tree.beginString();
                Text.appendUnescaped(ip.tree, ip.buf, titleFrom, titleTo, ip.micromark);
                ip.tree.setString(link, 1, ip.tree.endString());
            }
        }
        int openerNode = ip.bNode[b];
        int first = ip.tree.nextSibling(openerNode);
        if (first != NIL) {
            ip.tree.moveRange(ip.top, first, ip.tree.lastChild(ip.top), link);
        }
        ip.tree.unlink(ip.top, openerNode);
        ip.tree.appendChild(ip.top, link);
        // micromark resolves a link's text as it does any span's: strikethrough, then emphasis
        Emphasis.processEmphasis(ip, ip.bPrevDelim[b], link, true);
        popBracket(ip);
        if (!image) {
            ip.inactiveBelow = ip.bracketCount; // links may not contain links: every [ before this one is now inert
        }
        ip.textStart = linkEnd;
        return linkEnd;
    }

    /**
     * Whether the bracket closing at {@code p} without being a link is a footnote call (GFM): its content
     * {@code buf[textFrom, p)} starts with {@code ^} and the label after it, as written, names a definition. What
     * the inline parse made of the label (an escape, a reference, emphasis, a code span) does not matter: the
     * footnotes extension of commonmark-java, the reference of footnotes here, matches the label's source, and so
     * does micromark (cmark-gfm looks at a single text node only).
     */
    private static boolean isFootnoteCall(InlineParser ip, int textFrom, int p) {
        if (p - textFrom < 2 || ip.buf[textFrom] != '^') {
            return false;
        }
        // A label first (no bracket, at most 999 characters): the scan stops there, so nested brackets, each
        // closing around the others, cost linear time, not a normalization of all they hold.
        boolean isLabel = ip.scan.isLabelContent(ip.buf, textFrom, p);
        ip.work += ip.scan.stop - textFrom;
        if (!isLabel || ip.micromark && hasSpaceOrLineEnding(ip, textFrom + 1, p)) {
            return false; // micromark's footnote labels hold no whitespace ([^ a] is text)
        }
        ip.footnotes.normalize(ip.buf, textFrom + 1, p);
        boolean found = ip.footnotes.lookupNormalized() >= 0;
        ip.work += p - textFrom + ip.footnotes.work;
        ip.footnotes.work = 0;
        return found;
    }

    private static boolean hasSpaceOrLineEnding(InlineParser ip, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = ip.buf[i];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the bracket {@code b} and its label by a FOOTNOTE_REFERENCE spanning {@code [^label]}: what the label
     * was parsed into so far (text, code spans, delimiter runs not yet paired) goes. An image's bracket {@code ![}
     * leaves its {@code !} as text before the reference, as micromark and commonmark-java read {@code ![^a]}.
     */
    private static int footnoteReference(InlineParser ip, int b, int textFrom, int p, boolean image) {
        int opener = ip.bPos[b];
        while (ip.lastDelim != NIL && ip.lastDelim > ip.bPrevDelim[b]) {
            Emphasis.removeDelimiter(ip, ip.lastDelim, ip.top);
        }
        int label = ip.tree.nextSibling(ip.bNode[b]);
        while (label != NIL) {
            int next = ip.tree.nextSibling(label);
            ip.tree.unlink(ip.top, label);
            label = next;
        }
        ip.textNeedsDecoding = false;
        if (image) {
            ip.tree.setString(ip.bNode[b], 0, ip.tree.string(ip.buf, opener, 1));
            ip.tree.setSpanEnd(ip.bNode[b], ip.src(opener + 1));
            opener++;
        } else {
            ip.tree.unlink(ip.top, ip.bNode[b]);
        }
        int ref = ip.tree.add(NodeKind.FOOTNOTE_REFERENCE, ip.top, ip.src(opener), ip.src(p + 1));
        ip.tree.setString(ref, 2, ip.tree.string(ip.buf, textFrom + 1, p - textFrom - 1));
        popBracket(ip);
        ip.textStart = p + 1;
        return p + 1;
    }
}
