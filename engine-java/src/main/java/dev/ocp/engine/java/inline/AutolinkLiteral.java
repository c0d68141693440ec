package dev.ocp.engine.java.inline;

import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.InlineParser;

import static dev.ocp.engine.java.InlineParser.HTTP;
import static dev.ocp.engine.java.InlineParser.MAILTO;

/**
 * GFM autolink literals, as cmark-gfm reads them: {@code www.}, {@code http://}, {@code https://}, {@code ftp://}
 * (and {@code mailto:}, {@code xmpp:}) and e-mail addresses, found at their first byte and consumed whole. A domain
 * is made of alphanumerics, {@code -} and {@code _}, with no underscore in its last two segments; the path runs to
 * whitespace or {@code <}, then trailing punctuation, an unbalanced {@code )} and an entity-like {@code &...;} are
 * trimmed off. None is recognized inside a bracket.
 *
 * <p>References: GFM spec, section 6.9 (Autolinks, extension); markdown-rs construct {@code gfm_autolink_literal}
 * (micromark-extension-gfm-autolink-literal) reads them differently: see {@link AutolinkLiteralMicromark}.
 */
public final class AutolinkLiteral {
    private AutolinkLiteral() {
    }

    /**
     * An autolink literal met at {@code buf[p]}: {@code www.} at its first {@code w}, {@code http://},
     * {@code https://} or {@code ftp://} at the {@code :} after the scheme (which is taken back from the pending
     * text), an e-mail address at its {@code @} (its local part taken back likewise, with a {@code mailto:} or
     * {@code xmpp:} before it). The www and scheme forms follow cmark-gfm's extension, the e-mail form
     * micromark's (which adds the two protocols); docs/conformance.md lists where they differ from other readings.
     *
     * @return where to continue: after the link, or after {@code buf[p]} when there is none
     */
    public static int autolinkLiteral(InlineParser ip, int p) {
        if (ip.bracketCount > 0) {
            return p + 1; // not while a bracket is open (cmark-gfm, micromark): it may yet become link text
        }
        if (ip.micromark) {
            return AutolinkLiteralMicromark.micromarkLiteral(ip, p);
        }
        byte c = ip.buf[p];
        if (c == 'W') {
            return p + 1; // cmark-gfm's www is lower case
        }
        if (c == 'w') {
            return wwwAutolink(ip, p);
        }
        return c == ':' ? schemeAutolink(ip, p) : emailAutolink(ip, p);
    }

    private static int wwwAutolink(InlineParser ip, int p) {
        if (p > ip.start) {
            byte before = ip.buf[p - 1];
            if (!isAsciiSpace(before) && before != '*' && before != '_' && before != '~' && before != '(') {
                return p + 1;
            }
        }
        if (ip.end - p < 4 || ip.buf[p + 1] != 'w' || ip.buf[p + 2] != 'w' || ip.buf[p + 3] != '.') {
            return p + 1;
        }
        int domain = checkDomain(ip, p, false);
        if (domain == 0) {
            return p + 1;
        }
        int e = trimLinkEnd(ip, p, toWhitespace(ip, p + domain));
        return AutolinkLiteralMicromark.emitAutolinkLiteral(ip, p, p + e, HTTP);
    }

    private static int schemeAutolink(InlineParser ip, int p) {
        if (ip.end - p < 4 || ip.buf[p + 1] != '/' || ip.buf[p + 2] != '/') {
            return p + 1;
        }
        int s = p;
        while (s > ip.textStart && CharClasses.isLetter(ip.buf[s - 1])) {
            s--;
        }
        if (!isScheme(ip, s, p) || !validHostChar(ip, p + 3)) {
            return p + 1;
        }
        int domain = checkDomain(ip, p + 3, true);
        if (domain == 0) {
            return p + 1;
        }
        int e = trimLinkEnd(ip, p, toWhitespace(ip, p + 3 + domain));
        return AutolinkLiteralMicromark.emitAutolinkLiteral(ip, s, p + e, null);
    }

    /** Whether {@code buf[s, colon)} is http, https or ftp, in any case. */
    private static boolean isScheme(InlineParser ip, int s, int colon) {
        int n = colon - s;
        return n == 4 && lower(ip, s, "http") || n == 5 && lower(ip, s, "https") || n == 3 && lower(ip, s, "ftp");
    }

    static boolean lower(InlineParser ip, int s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((ip.buf[s + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int emailAutolink(InlineParser ip, int at) {
        // The local part: atext taken back from the pending text, neither after a slash nor an escaped byte.
        int s = at;
        while (s > ip.textStart && isAtext(ip.buf[s - 1]) && !escaped(ip, s - 1)) {
            s--;
        }
        if (s == at || s > ip.textStart && ip.buf[s - 1] == '/') {
            return at + 1;
        }
        boolean xmpp = false;
        boolean protocol = false;
        if (s - 1 > ip.textStart && ip.buf[s - 1] == ':') {
            int w = s - 1;
            while (w > ip.textStart && CharClasses.isAlnum(ip.buf[w - 1])) {
                w--;
            }
            xmpp = s - 1 - w == 4 && lower(ip, w, "xmpp");
            protocol = xmpp || s - 1 - w == 6 && lower(ip, w, "mailto");
            if (protocol) {
                s = w;
            }
        }
        int q = at + 1;
        boolean dot = false;
        while (q < ip.end) {
            byte b = ip.buf[q];
            if (CharClasses.isAlnum(b) || b == '-' || b == '_' || b == '/' && xmpp) {
                q++;
            } else if (b == '.' && q + 1 < ip.end && CharClasses.isAlnum(ip.buf[q + 1])) {
                dot = true;
                q++;
            } else {
                break;
            }
        }
        if (q == at + 1 || !dot || !CharClasses.isLetter(ip.buf[q - 1]) && ip.buf[q - 1] != '.') {
            return at + 1;
        }
        ip.work += q - s;
        return AutolinkLiteralMicromark.emitAutolinkLiteral(ip, s, q, protocol ? null : MAILTO);
    }

    /** The simplified atext of an e-mail autolink's local part. */
    static boolean isAtext(byte b) {
        return CharClasses.isAlnum(b) || b == '+' || b == '-' || b == '.' || b == '_';
    }

    /** Whether {@code buf[i]} is escaped by an odd run of backslashes before it in the pending text. */
    static boolean escaped(InlineParser ip, int i) {
        int n = 0;
        while (i - 1 - n >= ip.textStart && ip.buf[i - 1 - n] == '\\') {
            n++;
        }
        return (n & 1) == 1 && CharClasses.isAsciiPunct(ip.buf[i]);
    }

    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }

    /** Whether the character at {@code i} may be in a domain: not whitespace, not punctuation, well-formed. */
    private static boolean validHostChar(InlineParser ip, int i) {
        int cp = CharClasses.decode(ip.buf, i, ip.end);
        return cp >= 0 && !CharClasses.isWhitespace(cp) && !CharClasses.isPunctuation(cp);
    }

    /**
     * cmark-gfm's domain check from {@code d}: how far a domain reaches (dots, hyphens and valid host characters;
     * no underscore in its last two labels), or 0 if it is no domain (or, unless {@code allowShort}, has no dot).
     * As cmark-gfm's, the scan starts at the second byte and never looks at the content's last byte.
     *
     * <p>The scan is remembered: an attempt that starts inside a domain scanned before (only an underscore can
     * precede a www inside one) reuses where it ended and its last labels, so hostile runs of candidates cost
     * linear time. The last two labels are only rescanned for a start inside them.
     */
    private static int checkDomain(InlineParser ip, int d, boolean allowShort) {
        if (d <= ip.domainFrom || d >= ip.domainStop) {
            int i = d + 1;
            int lastDot = -1;
            int secondDot = -1;
            while (i < ip.end - 1) {
                byte b = ip.buf[i];
                if (b == '.') {
                    secondDot = lastDot;
                    lastDot = i;
                } else if (b != '_' && b != '-' && !validHostChar(ip, i)) {
                    break;
                }
                i++;
            }
            ip.domainFrom = d;
            ip.domainStop = i;
            ip.domainLastDot = lastDot;
            ip.domainSecondDot = secondDot;
            ip.domainUnderscore = secondDot >= 0 && hasUnderscore(ip, secondDot, i);
            ip.work += i - d;
        }
        int i = ip.domainStop;
        // No underscore in the last two labels (of those from d + 1 on): cached unless d is inside them.
        boolean underscore = ip.domainSecondDot >= d + 1 ? ip.domainUnderscore : hasUnderscore(ip, d + 1, i);
        if (underscore) {
            return 0;
        }
        if (allowShort) {
            return i - d;
        }
        return ip.domainLastDot >= d + 1 ? i - d : 0;
    }

    static boolean hasUnderscore(InlineParser ip, int from, int to) {
        ip.work += to - from;
        for (int k = from; k < to; k++) {
            if (ip.buf[k] == '_') {
                return true;
            }
        }
        return false;
    }

    /** The index of the first ASCII whitespace at or after {@code q}, or the end. */
    private static int toWhitespace(InlineParser ip, int q) {
        int from = q;
        while (q < ip.end && !isAsciiSpace(ip.buf[q])) {
            q++;
        }
        ip.work += q - from;
        return q;
    }

    /**
     * cmark-gfm's trailing-punctuation rule for a link candidate {@code buf[from, to)}: cut at the first
     * {@code <}; then drop trailing {@code ?!.,:*_~'"}, a trailing entity-like {@code &name;}, and a trailing
     * {@code )} while closing parentheses outnumber opening ones (counted once, then kept up to date).
     *
     * @return the candidate's length that remains
     */
    private static int trimLinkEnd(InlineParser ip, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ip.buf[i] == '<') {
                to = i;
                break;
            }
        }
        int open = -1;
        int close = 0;
        ip.work += to - from;
        while (to > from) {
            byte last = ip.buf[to - 1];
            if (last == '?' || last == '!' || last == '.' || last == ',' || last == ':' || last == '*'
                    || last == '_' || last == '~' || last == '\'' || last == '"') {
                to--;
            } else if (last == ';') {
                int e = to - 2;
                while (e > from && CharClasses.isLetter(ip.buf[e])) {
                    e--;
                }
                ip.work += to - e;
                if (e < to - 2 && ip.buf[e] == '&') {
                    to = e;
                } else {
                    to--;
                }
            } else if (last == ')') {
                if (open < 0) {
                    open = 0;
                    for (int i = from; i < to; i++) {
                        if (ip.buf[i] == '(') {
                            open++;
                        } else if (ip.buf[i] == ')') {
                            close++;
                        }
                    }
                    ip.work += to - from;
                }
                if (close <= open) {
                    break;
                }
                to--;
                close--;
            } else {
                break;
            }
            // Only ')' ever leaves the counted parentheses: the other bytes dropped are no parentheses.
        }
        return to - from;
    }
}
