package dev.ocp.engine.java.inline;

import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.spi.OcpFormat;

import static dev.ocp.engine.java.InlineParser.HTTP;
import static dev.ocp.engine.java.InlineParser.MAILTO;

/**
 * GFM autolink literals as micromark reads them ({@code Flavor.MICROMARK}): {@code www.} only after whitespace,
 * {@code ( * _ [ ] ~} or nothing; only {@code http://} and {@code https://}, after anything but a letter; e-mail
 * addresses whose local part follows neither a slash nor a local-part character, which may also start where a
 * {@code _} delimiter run would. Domains and paths end before trailing punctuation, a {@code )} kept while it closes
 * an open one. docs/conformance.md lists where this departs from cmark-gfm's reading ({@link AutolinkLiteral}).
 *
 * <p>References: GFM spec, section 6.9 (Autolinks, extension); micromark-extension-gfm-autolink-literal and
 * markdown-rs construct {@code gfm_autolink_literal}.
 */
public final class AutolinkLiteralMicromark {
    private AutolinkLiteralMicromark() {
    }

    /**
     * An autolink literal as micromark-extension-gfm-autolink-literal finds one, met at {@code buf[p]} as
     * {@link AutolinkLiteral#autolinkLiteral} meets it: {@code www.} in any case after a space, line ending,
     * {@code ( * _ [ ] ~} or nothing; {@code http://} or {@code https://} (no {@code ftp://}) after anything but a
     * letter; an e-mail address whose local part follows neither a slash nor a local-part character, with no protocol
     * forms. The domain ends at whitespace, at punctuation other than {@code - . _}, or at a {@code .} or {@code _}
     * that only trailing punctuation follows; the path ends where only trailing punctuation follows
     * ({@link #trailEnds}), with a {@code )} kept while it closes an open one. docs/conformance.md lists where this
     * reading departs from cmark-gfm's.
     */
    static int micromarkLiteral(InlineParser ip, int p) {
        byte c = ip.buf[p];
        if (c == '@') {
            return micromarkEmail(ip, p);
        }
        int from;
        int domain;
        if (c == ':') {
            from = p;
            while (from > ip.textStart && CharClasses.isLetter(ip.buf[from - 1])) {
                from--;
            }
            int n = p - from;
            if (from > ip.start && CharClasses.isLetter(ip.buf[from - 1])
                    || !(n == 4 && AutolinkLiteral.lower(ip, from, "http")
                            || n == 5 && AutolinkLiteral.lower(ip, from, "https"))
                    || ip.end - p < 4 || ip.buf[p + 1] != '/' || ip.buf[p + 2] != '/') {
                return p + 1;
            }
            domain = p + 3;
            int cp = CharClasses.decode(ip.buf, domain, ip.end);
            if (cp < 0x20 || cp == 0x7F || CharClasses.isMicromarkSpace(cp) || CharClasses.isPunctuation(cp)) {
                return p + 1;
            }
        } else {
            int email = micromarkEmailFrom(ip, p);
            if (email >= 0) {
                return emitAutolinkLiteral(ip, p, email, MAILTO);
            }
            from = p;
            if (p > ip.start && !previousAllowsWww(ip.buf[p - 1])) {
                return p + 1;
            }
            if (ip.end - p < 5 || (ip.buf[p + 1] | 0x20) != 'w' || (ip.buf[p + 2] | 0x20) != 'w'
                    || ip.buf[p + 3] != '.') {
                return p + 1;
            }
            domain = p;
        }
        int pathFrom = micromarkDomain(ip, domain);
        if (pathFrom < 0) {
            return p + 1;
        }
        return emitAutolinkLiteral(ip, from, micromarkPath(ip, pathFrom), c == ':' ? null : HTTP);
    }

    private static boolean previousAllowsWww(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '(' || b == '*' || b == '_' || b == '['
                || b == ']' || b == '~';
    }

    /** Whitespace to micromark: a space, tab or line ending, or what JavaScript's {@code \s} matches. */
    /**
     * The domain from {@code d}: where it ends, or -1 when an underscore is in its last two segments. It ends at
     * whitespace or the content's end, at punctuation other than {@code - . _}, or at a {@code .} or {@code _} that
     * only trailing punctuation follows. Where it ends does not depend on {@code d}, so a later start inside the
     * last one scanned (after an underscore) reuses it, with its last two dots.
     */
    private static int micromarkDomain(InlineParser ip, int d) {
        if (d <= ip.domainFrom || d >= ip.domainStop) {
            int i = d;
            int lastDot = -1;
            int secondDot = -1;
            while (i < ip.end) {
                byte b = ip.buf[i];
                if (b == '.' || b == '_') {
                    if (trailEnds(ip, i)) {
                        break;
                    }
                    if (b == '.') {
                        secondDot = lastDot;
                        lastDot = i;
                    }
                    i++;
                    continue;
                }
                int cp = CharClasses.decode(ip.buf, i, ip.end);
                if (cp < 0 || CharClasses.isMicromarkSpace(cp) || b != '-' && CharClasses.isPunctuation(cp)) {
                    break;
                }
                i += cp < 0x80 ? 1 : CharClasses.sequenceLength(ip.buf, i, ip.end);
            }
            ip.work += i - d;
            ip.domainFrom = d;
            ip.domainStop = i;
            ip.domainLastDot = lastDot;
            ip.domainSecondDot = secondDot;
            ip.domainUnderscore = AutolinkLiteral.hasUnderscore(ip, secondDot >= 0 ? secondDot : d, i);
        }
        boolean underscore = ip.domainSecondDot >= d ? ip.domainUnderscore
                : AutolinkLiteral.hasUnderscore(ip, d, ip.domainStop);
        return underscore ? -1 : ip.domainStop;
    }

    /**
     * The path from {@code q}, after a domain: up to whitespace or the content's end, or to punctuation that only
     * trailing punctuation follows; a {@code )} stays while it closes an open {@code (}.
     */
    private static int micromarkPath(InlineParser ip, int q) {
        int open = 0;
        int close = 0;
        int from = q;
        while (q < ip.end) {
            byte b = ip.buf[q];
            if (b == '(') {
                open++;
            } else if (b == ')' && close < open) {
                close++;
            } else if (b == '!' || b == '"' || b == '&' || b == '\'' || b == ')' || b == '*' || b == ',' || b == '.'
                    || b == ':' || b == ';' || b == '<' || b == '?' || b == ']' || b == '_' || b == '~') {
                if (trailEnds(ip, q)) {
                    break;
                }
                if (b == ')') {
                    close++;
                }
            } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f'
                    || b < 0 && CharClasses.isMicromarkSpace(CharClasses.decode(ip.buf, q, ip.end))) {
                break;
            }
            q++;
        }
        ip.work += q - from;
        return q;
    }

    /**
     * Whether only trailing punctuation follows from {@code i} up to whitespace, {@code <} or the content's end:
     * {@code ! " ' ) * , . : ; ? _ ~}, character-reference-like {@code &name;}, and {@code ]} (which also ends the
     * trail before {@code (} or {@code [}). A failed scan is remembered: every start inside it fails alike, so
     * runs of punctuation cost linear time.
     */
    private static boolean trailEnds(InlineParser ip, int i) {
        if (i >= ip.trailFailFrom && i < ip.trailFailTo) {
            return false;
        }
        int q = i;
        boolean ends;
        scan:
        while (true) {
            if (q >= ip.end) {
                ends = true;
                break;
            }
            byte b = ip.buf[q];
            switch (b) {
                case '!', '"', '\'', ')', '*', ',', '.', ':', ';', '?', '_', '~' -> q++;
                case '&' -> {
                    int n = q + 1;
                    while (n < ip.end && CharClasses.isLetter(ip.buf[n])) {
                        n++;
                    }
                    if (n == q + 1 || n >= ip.end || ip.buf[n] != ';') {
                        ends = false;
                        break scan;
                    }
                    q = n + 1;
                }
                case ']' -> {
                    q++;
                    if (q >= ip.end || ip.buf[q] == '(' || ip.buf[q] == '[') {
                        ends = true;
                        break scan;
                    }
                }
                case '<', ' ', '\t', '\n', '\r', 0x0B, '\f' -> {
                    ends = true;
                    break scan;
                }
                default -> {
                    ends = b < 0 && CharClasses.isMicromarkSpace(CharClasses.decode(ip.buf, q, ip.end));
                    break scan;
                }
            }
        }
        ip.work += q - i + 1;
        if (!ends) {
            ip.trailFailFrom = i;
            ip.trailFailTo = q;
        }
        return ends;
    }

    /**
     * An e-mail address as micromark finds one, met at its {@code @}: the local part taken back from the pending
     * text, which must not follow a slash, a local-part character or an escape; a domain of letters, digits,
     * {@code - _} and inner dots that ends in a letter. No {@code mailto:} or {@code xmpp:} forms.
     */
    private static int micromarkEmail(InlineParser ip, int at) {
        int s = at;
        while (s > ip.textStart && AutolinkLiteral.isAtext(ip.buf[s - 1]) && !AutolinkLiteral.escaped(ip, s - 1)) {
            s--;
        }
        if (s == at || s > ip.start && (ip.buf[s - 1] == '/' || AutolinkLiteral.isAtext(ip.buf[s - 1]))) {
            return at + 1;
        }
        int q = micromarkEmailEnd(ip, s, at);
        return q < 0 ? at + 1 : emitAutolinkLiteral(ip, s, q, MAILTO);
    }

    /**
     * A {@code _} run, or an e-mail address it starts: micromark tries the address first, and {@code _} is a
     * local-part character ({@code _a@b.c} is one link, where the pending text's local part never holds the run).
     */
    public static int emailOrDelimiterRun(InlineParser ip, int p) {
        int q = micromarkEmailFrom(ip, p);
        return q >= 0 ? emitAutolinkLiteral(ip, p, q, MAILTO) : Emphasis.delimiterRun(ip, p);
    }

    /**
     * Where an e-mail address that starts at {@code buf[p]} ends, or -1 if none does: micromark tries an address
     * first where a www literal or a {@code _} run might start ({@code www.a.b@c.d} is an address). It starts after
     * neither a slash nor a local-part character, outside open brackets.
     */
    private static int micromarkEmailFrom(InlineParser ip, int p) {
        if (ip.bracketCount > 0 || p > ip.start && (ip.buf[p - 1] == '/' || AutolinkLiteral.isAtext(ip.buf[p - 1]))) {
            return -1;
        }
        int at = p;
        while (at < ip.end && AutolinkLiteral.isAtext(ip.buf[at])) {
            at++;
        }
        ip.work += at - p;
        return at < ip.end && ip.buf[at] == '@' ? micromarkEmailEnd(ip, p, at) : -1;
    }

    /** Where the domain of an address {@code buf[s, at)@...} ends, as micromark reads it, or -1 if it is none. */
    private static int micromarkEmailEnd(InlineParser ip, int s, int at) {
        int q = at + 1;
        boolean dot = false;
        while (q < ip.end) {
            byte b = ip.buf[q];
            if (CharClasses.isAlnum(b) || b == '-' || b == '_') {
                q++;
            } else if (b == '.' && q + 1 < ip.end && CharClasses.isAlnum(ip.buf[q + 1])) {
                dot = true;
                q++;
            } else {
                break;
            }
        }
        ip.work += q - s;
        return q == at + 1 || !dot || !CharClasses.isLetter(ip.buf[q - 1]) ? -1 : q;
    }

    /**
     * Emits {@code buf[from, to)} as an autolink literal: a LINK flagged literal whose destination is the text
     * with {@code prefix} before it (or the text alone), and whose one child is the text as written.
     */
    static int emitAutolinkLiteral(InlineParser ip, int from, int to, byte[] prefix) {
        Text.flushText(ip, from);
        int link = ip.tree.add(NodeKind.LINK, ip.top, ip.src(from), ip.src(to));
        ip.tree.setFlags(link, OcpFormat.FLAG_LINK_LITERAL);
        ip.tree.beginString();
        if (prefix != null) {
            ip.tree.append(prefix, 0, prefix.length);
        }
        Text.appendRaw(ip.tree, ip.buf, from, to);
        ip.tree.setString(link, 0, ip.tree.endString());
        int text = ip.tree.add(NodeKind.TEXT, link, ip.src(from), ip.src(to));
        ip.tree.beginString();
        Text.appendRaw(ip.tree, ip.buf, from, to);
        ip.tree.setString(text, 0, ip.tree.endString());
        ip.textStart = to;
        return to;
    }
}
