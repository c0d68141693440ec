package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.InlineParser;

import java.util.Arrays;

import static dev.ocp.engine.java.InlineParser.CAN_CLOSE;
import static dev.ocp.engine.java.InlineParser.CAN_OPEN;
import static dev.ocp.engine.java.InlineParser.NIL;

/**
 * Emphasis, strong emphasis and (GFM) strikethrough: runs of {@code *} or {@code _} (and {@code ~}) are pushed on
 * the delimiter stack with whether they can open or close (left- and right-flanking, with the extra rules for
 * {@code _}); "process emphasis" then matches closers with the nearest opener of the same character, honouring the
 * rule of 3 and {@code openers_bottom}, using two characters for strong when both runs have them. A {@code ~}
 * closer matches an opener of the same length (one or two).
 *
 * <p>References: CommonMark 0.31.2, section 6.2 (Emphasis and strong emphasis) and appendix "Phase 2: inline
 * structure" (process emphasis); GFM spec, section 6.5 (Strikethrough, extension); micromark and markdown-rs
 * construct {@code attention} (micromark-extension-gfm-strikethrough).
 */
public final class Emphasis {
    private Emphasis() {
    }

    public static int delimiterRun(InlineParser ip, int p) {
        byte c = ip.buf[p];
        int q = p + 1;
        while (q < ip.end && ip.buf[q] == c) {
            q++;
        }
        if (c == '~' && q - p > 2) {
            return q; // three or more tildes never strike: plain text
        }
        int before = p > ip.start ? CharClasses.decodeBefore(ip.buf, ip.start, p) : '\n';
        int after = q < ip.end ? CharClasses.decode(ip.buf, q, ip.end) : '\n';
        // NUL (spec 2.3) and ill-formed UTF-8 (-1) stand for U+FFFD, as every reader that decodes its input first
        // sees them: a symbol, and so punctuation for flanking.
        if (before <= 0) {
            before = 0xFFFD;
        }
        if (after <= 0) {
            after = 0xFFFD;
        }
        boolean spaceBefore;
        boolean spaceAfter;
        boolean punctBefore;
        boolean punctAfter;
        if (ip.micromark) {
            // micromark classifies UTF-16 code units: a character beyond U+FFFF is two surrogates, neither space
            // nor punctuation, so it flanks as a letter; its whitespace is JavaScript's.
            spaceBefore = CharClasses.isMicromarkSpace(before);
            spaceAfter = CharClasses.isMicromarkSpace(after);
            punctBefore = before <= 0xFFFF && CharClasses.isPunctuation(before);
            punctAfter = after <= 0xFFFF && CharClasses.isPunctuation(after);
        } else {
            spaceBefore = CharClasses.isWhitespace(before);
            spaceAfter = CharClasses.isWhitespace(after);
            punctBefore = CharClasses.isPunctuation(before);
            punctAfter = CharClasses.isPunctuation(after);
        }
        boolean left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
        boolean right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
        if (ip.micromark && ip.gfm && c != '~') {
            // micromark's other attention markers (GFM's tilde) flank an asterisk or underscore run as a letter
            left |= after == '~';
            right |= before == '~';
        }
        if (ip.firstRun == 0) {
            ip.firstRun = c; // micromark resolves the kind first tokenized in the content first
        }
        int flags;
        if (c != '_') {
            flags = (left ? CAN_OPEN : 0) | (right ? CAN_CLOSE : 0);
        } else {
            flags = (left && (!right || punctBefore) ? CAN_OPEN : 0) | (right && (!left || punctAfter) ? CAN_CLOSE : 0);
        }
        if (flags == 0) {
            return q; // can neither open nor close: plain text
        }
        Text.flushText(ip, p);
        // its string is set when the run leaves the stack
        int node = ip.tree.add(NodeKind.TEXT, ip.top, ip.src(p), ip.src(q));
        pushDelimiter(ip, node, c, p, q, flags);
        ip.textStart = q;
        return q;
    }

    private static void pushDelimiter(InlineParser ip, int node, byte c, int s, int e, int flags) {
        int d = ip.delimCount;
        if (d == ip.dNode.length) {
            int n = d * 2;
            ip.dNode = Arrays.copyOf(ip.dNode, n);
            ip.dStart = Arrays.copyOf(ip.dStart, n);
            ip.dEnd = Arrays.copyOf(ip.dEnd, n);
            ip.dOrig = Arrays.copyOf(ip.dOrig, n);
            ip.dPrev = Arrays.copyOf(ip.dPrev, n);
            ip.dNext = Arrays.copyOf(ip.dNext, n);
            ip.dChar = Arrays.copyOf(ip.dChar, n);
            ip.dFlags = Arrays.copyOf(ip.dFlags, n);
        }
        ip.delimCount = d + 1;
        ip.dNode[d] = node;
        ip.dChar[d] = c;
        ip.dStart[d] = s;
        ip.dEnd[d] = e;
        ip.dOrig[d] = e - s;
        ip.dFlags[d] = (byte) flags;
        ip.dPrev[d] = ip.lastDelim;
        ip.dNext[d] = NIL;
        if (ip.lastDelim != NIL) {
            ip.dNext[ip.lastDelim] = d;
        }
        ip.lastDelim = d;
    }

    /**
     * Takes {@code d} off the stack. Its node keeps the characters no emphasis used as its text, or, if none
     * are left, leaves {@code parent}.
     */
    static void removeDelimiter(InlineParser ip, int d, int parent) {
        int p = ip.dPrev[d];
        int n = ip.dNext[d];
        if (p != NIL) {
            ip.dNext[p] = n;
        }
        if (n != NIL) {
            ip.dPrev[n] = p;
        } else {
            ip.lastDelim = p;
        }
        int node = ip.dNode[d];
        int s = ip.dStart[d];
        int e = ip.dEnd[d];
        if (s == e) {
            ip.tree.unlink(parent, node);
        } else {
            ip.tree.setString(node, 0, ip.tree.string(ip.buf, s, e - s));
            ip.tree.setSpan(node, ip.src(s), ip.src(e));
        }
    }

    /** The kinds of delimiter a pass of "process emphasis" pairs: {@code *} and {@code _}, or {@code ~}. */
    private static final int ATTENTION = 1;
    private static final int STRIKE = 2;

    /**
     * The spec's "process emphasis" over the delimiters above {@code bottom} (an index; NIL for all), whose
     * nodes are children of {@code parent}. Removes them all from the stack when done.
     *
     * <p>The reference pairs every closer in one pass, whatever its character. micromark ({@link
     * dev.ocp.Flavor#MICROMARK}) resolves one kind at a time: the kind first tokenized in the content first (in a
     * link's text, strikethrough first), each match resolving the other kind inside it before it is made; and its
     * rule of 3 looks at what is left of the two runs, not at their whole lengths.
     *
     * @param strikeFirst under micromark, whether strikethrough is resolved before emphasis
     */
    public static void processEmphasis(InlineParser ip, int bottom, int parent, boolean strikeFirst) {
        if (!ip.micromark) {
            pass(ip, bottom, NIL, parent, ATTENTION | STRIKE, 0);
            return;
        }
        int first = strikeFirst ? STRIKE : ATTENTION;
        int second = first ^ (ATTENTION | STRIKE);
        pass(ip, bottom, NIL, parent, first, second);
        pass(ip, bottom, NIL, parent, second, 0);
    }

    /**
     * Pairs the closers of {@code kinds} between {@code bottom} and {@code top} (indices; NIL for none) with their
     * openers, each match first pairing the delimiters of {@code inner} kinds inside it, and takes the delimiters of
     * {@code kinds} left over off the stack.
     */
    private static void pass(InlineParser ip, int bottom, int top, int parent, int kinds, int inner) {
        boolean remaining = ip.micromark; // micromark's rule of 3 looks at what is left of each run
        int closer = NIL;
        for (int d = top == NIL ? ip.lastDelim : ip.dPrev[top]; d != NIL && d > bottom; d = ip.dPrev[d]) {
            closer = d;
            ip.work++;
        }
        int[] openersBottom = ip.openersBottom;
        if ((kinds & ATTENTION) != 0) {
            Arrays.fill(openersBottom, 0, 12, bottom);
        }
        if ((kinds & STRIKE) != 0) {
            Arrays.fill(openersBottom, 12, 14, bottom);
        }
        while (closer != NIL && (top == NIL || closer < top)) {
            ip.work++;
            int flags = ip.dFlags[closer];
            byte ch = ip.dChar[closer];
            if ((flags & CAN_CLOSE) == 0 || (kinds & kind(ch)) == 0) {
                closer = ip.dNext[closer];
                continue;
            }
            int closerLength = remaining ? ip.dEnd[closer] - ip.dStart[closer] : ip.dOrig[closer];
            int slot = ch == '~' ? 11 + closerLength
                    : (ch == '_' ? 6 : 0) + ((flags & CAN_OPEN) != 0 ? 3 : 0) + closerLength % 3;
            int limit = openersBottom[slot];
            int opener = ip.dPrev[closer];
            while (opener != NIL && opener > limit) {
                ip.work++;
                int of = ip.dFlags[opener];
                if (ip.dChar[opener] == ch && (of & CAN_OPEN) != 0) {
                    int openerLength = remaining ? ip.dEnd[opener] - ip.dStart[opener] : ip.dOrig[opener];
                    if (ch == '~') {
                        if (openerLength == closerLength) {
                            break; // strikethrough pairs runs of the same length
                        }
                    } else {
                        // Rule of 3: if either can both open and close, the run lengths' sum must not be a
                        // multiple of 3 unless both are.
                        boolean bothWays = (flags & CAN_OPEN) != 0 || (of & CAN_CLOSE) != 0;
                        if (!bothWays || (openerLength + closerLength) % 3 != 0
                                || openerLength % 3 == 0 && closerLength % 3 == 0) {
                            break;
                        }
                    }
                }
                opener = ip.dPrev[opener];
            }
            if (opener != NIL && opener > limit) {
                if (inner != 0) {
                    pass(ip, opener, closer, parent, inner, 0);
                }
                if (remaining && ch != '~') {
                    // The opener may now fit closers that found none at or below it: searches reach it again.
                    for (int s = 0; s < 12; s++) {
                        openersBottom[s] = Math.min(openersBottom[s], opener - 1);
                    }
                }
                closer = insertEmphasis(ip, opener, closer, parent);
            } else {
                // No opener for this kind of closer up to here: later searches of this kind stop here.
                openersBottom[slot] = closer - 1;
                int next = ip.dNext[closer];
                if ((flags & CAN_OPEN) == 0) {
                    removeDelimiter(ip, closer, parent);
                }
                closer = next;
            }
        }
        for (int d = top == NIL ? ip.lastDelim : ip.dPrev[top]; d != NIL && d > bottom; ) {
            int prev = ip.dPrev[d];
            if ((kinds & kind(ip.dChar[d])) != 0) {
                removeDelimiter(ip, d, parent);
            }
            d = prev;
        }
    }

    private static int kind(byte ch) {
        return ch == '~' ? STRIKE : ATTENTION;
    }

    /** Wraps the nodes between opener and closer in emphasis or strikethrough; returns the closer to continue with. */
    private static int insertEmphasis(InlineParser ip, int opener, int closer, int parent) {
        boolean strike = ip.dChar[opener] == '~';
        int use = strike ? ip.dOrig[closer]
                : ip.dEnd[opener] - ip.dStart[opener] >= 2 && ip.dEnd[closer] - ip.dStart[closer] >= 2 ? 2 : 1;
        ip.dEnd[opener] -= use;
        ip.dStart[closer] += use;
        int openerNode = ip.dNode[opener];
        int closerNode = ip.dNode[closer];
        int em = ip.tree.newNode(strike ? NodeKind.STRIKETHROUGH : use == 2 ? NodeKind.STRONG : NodeKind.EMPHASIS,
                ip.src(ip.dEnd[opener]), ip.src(ip.dStart[closer]));
        if (!strike) {
            ip.tree.setData(em, ip.dChar[opener]);
        }
        int first = ip.tree.nextSibling(openerNode);
        if (first != closerNode) {
            ip.tree.moveRange(parent, first, ip.tree.previousSibling(closerNode), em);
        }
        ip.tree.insertBefore(parent, closerNode, em);
        for (int d = ip.dNext[opener]; d != closer; ) {
            int next = ip.dNext[d];
            removeDelimiter(ip, d, em);
            d = next;
        }
        if (ip.dStart[opener] == ip.dEnd[opener]) {
            removeDelimiter(ip, opener, parent);
        }
        if (ip.dStart[closer] == ip.dEnd[closer]) {
            int next = ip.dNext[closer];
            removeDelimiter(ip, closer, parent);
            return next;
        }
        return closer;
    }
}
