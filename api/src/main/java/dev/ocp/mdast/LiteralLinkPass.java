package dev.ocp.mdast;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pass {@code mdast-util-gfm-autolink-literal} makes over a finished mdast tree with GFM: in each text node
 * outside links it finds the addresses the parser did not link (after a {@code [} that opened no link, in text a
 * character reference decoded, after a link that ended before another address) and splits the text into text
 * and links. The new nodes have no positions, and neither have the texts of a node it split. It works on the
 * text's value, not on the source: it is part of how the toolchain builds mdast, which {@link MdastRenderer}
 * reproduces, and never part of a parse (the payload and HTML do not have these links).
 *
 * <p>Four searches run one after the other, each over the texts the previous one left: web addresses
 * ({@code http://}, {@code https://}, {@code www.}), {@code xmpp:} and {@code mailto:} addresses, and e-mail
 * addresses. A candidate its check refuses is passed over, and the search goes on from the character after its
 * start.
 */
final class LiteralLinkPass {
    private LiteralLinkPass() {
    }

    /** A node of the result: a text ({@code url} null) or a link whose one child is a text. */
    record Piece(String text, String url) {
        boolean isLink() {
            return url != null;
        }
    }

    private static final String ATEXT = "[A-Za-z0-9_+.-]";
    private static final String LABEL = "([A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)+)";
    private static final Pattern WEB = Pattern.compile(
            "(?<![0-9A-Za-z])(https?://|www(?=\\.))([A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XMPP = Pattern.compile(
            "(?<![A-Za-z0-9_+.@-])xmpp:(" + ATEXT + "+)@" + LABEL + "(/(?:[A-Za-z0-9_/-]|\\.(?=[0-9A-Za-z]))*)?");
    private static final Pattern MAILTO = Pattern.compile("(?<![A-Za-z0-9_+.@-])mailto:(" + ATEXT + "+)@" + LABEL);
    private static final Pattern EMAIL = Pattern.compile("(?<!" + ATEXT + ")(?<!(?:^|[^0-9@A-Za-z])mailto:)"
            + "(?<!(?:^|[^0-9@A-Za-z])xmpp:)(" + ATEXT + "+)@" + LABEL);
    private static final Pattern[] SEARCHES = {WEB, XMPP, MAILTO, EMAIL};

    /**
     * The nodes one text becomes.
     *
     * @param value a text node's value
     * @return the texts and links it becomes, or {@code null} when it stays as it is (with its position)
     */
    static List<Piece> split(String value) {
        return split(value, new long[1]);
    }

    /**
     * As {@link #split(String)}, adding to {@code work[0]} the characters its candidates spanned, for tests of how
     * the work grows with the text.
     */
    static List<Piece> split(String value, long[] work) {
        List<Piece> nodes = null;
        for (int search = 0; search < SEARCHES.length; search++) {
            if (nodes == null) {
                nodes = searchIn(value, search, work);
                continue;
            }
            List<Piece> next = new ArrayList<>();
            for (Piece p : nodes) {
                List<Piece> split = p.isLink() ? null : searchIn(p.text(), search, work);
                if (split == null) {
                    next.add(p);
                } else {
                    next.addAll(split);
                }
            }
            nodes = next;
        }
        return nodes;
    }

    /** One search over one text: its pieces, or {@code null} when nothing was linked. */
    private static List<Piece> searchIn(String value, int search, long[] work) {
        // The pattern is tried only where a match can start (candidate), each time anchored there, with its
        // lookbehinds seeing the text before: what a search of the whole text finds, without running the pattern
        // at every character of it (most texts that reach here hold one address in a paragraph).
        Matcher m = SEARCHES[search].matcher(value).useTransparentBounds(true).useAnchoringBounds(false);
        List<Piece> nodes = null;
        int start = 0;
        int from = 0;
        for (int at = candidate(value, search, 0); at >= 0; at = candidate(value, search, Math.max(from, at + 1))) {
            if (at < from || !m.region(at, value.length()).lookingAt()) {
                continue;
            }
            work[0] += m.end() - m.start();
            Piece[] found = link(search, m, value);
            if (found == null) {
                continue;
            }
            if (nodes == null) {
                nodes = new ArrayList<>();
            }
            if (start != m.start()) {
                add(nodes, new Piece(value.substring(start, m.start()), null));
            }
            for (Piece p : found) {
                add(nodes, p);
            }
            int matchEnd = search == 0 ? pathEnd(value, m.end()) : m.end();
            work[0] += matchEnd - m.end();
            start = matchEnd;
            from = matchEnd;
        }
        if (nodes != null && start < value.length()) {
            add(nodes, new Piece(value.substring(start), null));
        }
        return nodes;
    }

    /**
     * The first place at or after {@code from} where a match of search {@code search} can start: {@code www.},
     * {@code http://} or {@code https://} in any case; {@code xmpp:}; {@code mailto:}; the start of the local part
     * before an {@code @} (a run of {@code [A-Za-z0-9_+.-]} that starts at or after {@code from}). -1 if none.
     */
    private static int candidate(String value, int search, int from) {
        int n = value.length();
        switch (search) {
            case 0:
                for (int i = from; i < n; i++) {
                    char c = (char) (value.charAt(i) | 0x20);
                    if (c == 'w' && value.regionMatches(true, i, "www.", 0, 4)
                            || c == 'h' && (value.regionMatches(true, i, "http://", 0, 7)
                            || value.regionMatches(true, i, "https://", 0, 8))) {
                        return i;
                    }
                }
                return -1;
            case 1:
                return value.indexOf("xmpp:", from);
            case 2:
                return value.indexOf("mailto:", from);
            default:
                for (int a = value.indexOf('@', from); a >= 0; a = value.indexOf('@', a + 1)) {
                    int r = a;
                    while (r > 0 && isAtext(value.charAt(r - 1))) {
                        r--;
                    }
                    if (r >= from && r < a) {
                        return r;
                    }
                }
                return -1;
        }
    }

    private static boolean isAtext(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '+' || c == '.' || c == '-');
    }

    /** Adds a node, a text joining a text before it. */
    private static void add(List<Piece> nodes, Piece p) {
        int last = nodes.size() - 1;
        if (!p.isLink() && last >= 0 && !nodes.get(last).isLink()) {
            nodes.set(last, new Piece(nodes.get(last).text() + p.text(), null));
        } else {
            nodes.add(p);
        }
    }

    /** What a match becomes: a link and maybe a text after it, or {@code null} when its check refuses it. */
    private static Piece[] link(int search, Matcher m, String input) {
        switch (search) {
            case 0:
                return web(m, input);
            case 1: {
                String resource = m.group(3);
                if (refusedLabel(m.group(2)) || resource != null && (!isAsciiLetter(resource.charAt(
                        resource.length() - 1)) || m.end() < input.length() && input.charAt(m.end()) == '@')) {
                    return null;
                }
                String value = "xmpp:" + m.group(1) + "@" + m.group(2) + (resource == null ? "" : resource);
                return new Piece[]{new Piece(value, value)};
            }
            case 2: {
                if (refusedLabel(m.group(2))) {
                    return null;
                }
                String value = "mailto:" + m.group(1) + "@" + m.group(2);
                return new Piece[]{new Piece(value, value)};
            }
            default: {
                if (refusedLabel(m.group(2))) {
                    return null;
                }
                String value = m.group(1) + "@" + m.group(2);
                return new Piece[]{new Piece(value, "mailto:" + value)};
            }
        }
    }

    /**
     * Where a web address's path ends: at the next space, tab or line ending. Found once the candidate is taken, not
     * by the pattern, so that a refused one costs its domain only and a text of many stays linear.
     */
    private static int pathEnd(String value, int i) {
        while (i < value.length() && "\t\n\r ".indexOf(value.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static Piece[] web(Matcher m, String input) {
        int at = m.start();
        if (at > 0 && !isWhitespaceOrPunctuation(input.charAt(at - 1))) {
            return null;
        }
        String protocol = m.group(1);
        String domain = m.group(2);
        String prefix = "";
        if ((protocol.charAt(0) | 0x20) == 'w') {
            domain = protocol + domain;
            protocol = "";
            prefix = "http://";
        }
        if (isPunctuation(domain.charAt(0)) || !isDomain(domain)) {
            return null;
        }
        String address = domain + input.substring(m.end(), pathEnd(input, m.end()));
        int end = address.length();
        while (end > 0 && "!\"&'),.:;<>?]}".indexOf(address.charAt(end - 1)) >= 0) {
            end--;
        }
        String url = address.substring(0, end);
        String trail = address.substring(end);
        // A ')' of the trail comes back while the address opens more parentheses than it closes.
        int open = count(url, '(');
        int closed = count(url, ')');
        int paren = trail.indexOf(')');
        while (paren >= 0 && open > closed) {
            url += trail.substring(0, paren + 1);
            trail = trail.substring(paren + 1);
            paren = trail.indexOf(')');
            closed++;
        }
        Piece link = new Piece(protocol + url, prefix + protocol + url);
        return trail.isEmpty() ? new Piece[]{link} : new Piece[]{link, new Piece(trail, null)};
    }

    /** Whether the last two of a domain's dot-separated labels, where not empty, have a letter or digit and no {@code _}. */
    private static boolean isDomain(String domain) {
        String[] parts = domain.split("\\.", -1);
        if (parts.length < 2) {
            return false;
        }
        return isLabel(parts[parts.length - 1]) && isLabel(parts[parts.length - 2]);
    }

    private static boolean isLabel(String part) {
        if (part.isEmpty()) {
            return true;
        }
        boolean alnum = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '_') {
                return false;
            }
            alnum |= c < 0x80 && (Character.isLetterOrDigit(c));
        }
        return alnum;
    }

    /** A label the toolchain refuses: one that ends in a digit, {@code -} or {@code _}. */
    private static boolean refusedLabel(String label) {
        char c = label.charAt(label.length() - 1);
        return c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** JavaScript's {@code \s}, or a Unicode punctuation or symbol character, of one UTF-16 unit. */
    private static boolean isWhitespaceOrPunctuation(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0xFEFF || c == 0x2028
                || c == 0x2029 || Character.getType(c) == Character.SPACE_SEPARATOR || isPunctuation(c);
    }

    private static boolean isPunctuation(char c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
