package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.SourceMap;
import dev.ocp.engine.java.TreeBuilder;
import dev.ocp.spi.OcpFormat;

/**
 * Text directives ({@code :name[label]{attributes}}, extension {@code directive}), and the parts every directive
 * shares, which the block directives ({@code dev.ocp.engine.java.block.Directive}) scan with the same methods:
 * <ul>
 * <li>the name: a character that is neither whitespace nor punctuation, then more of them or {@code -} and
 *     {@code _}, not ending in {@code -} or {@code _} (characters past U+FFFF always count, as micromark tests
 *     UTF-16 halves);</li>
 * <li>the label: {@code [} to the matching {@code ]}, brackets nested at most 32 deep, {@code \[}, {@code \]} and
 *     {@code \\} skipped, no line ending in a block directive's; its content is inline content of its own;</li>
 * <li>the attributes: {@code {} to {@code }}, each {@code #id}, {@code .class}, {@code name}, or {@code name=value}
 *     with the value bare or in {@code "} or {@code '} quotes, separated by whitespace (line endings only in a
 *     text directive's); a value has its character references decoded (no backslash escapes); anything else makes
 *     the braces no attributes.</li>
 * </ul>
 * A text directive starts at a colon that does not follow an unescaped colon; a name alone may not be followed by
 * a colon ({@code :red:} is text, so that gemoji shortcodes stay text). A label or attributes that do not scan end
 * the directive before them (they are text then).
 *
 * <p>References: micromark-extension-directive 4 ({@code directive-text}, {@code factory-name},
 * {@code factory-label}, {@code factory-attributes}); mdast-util-directive.
 */
public final class Directive {
    private Directive() {
    }

    /** An attribute written {@code #x}. */
    public static final int ID = 1;
    /** An attribute written {@code .x}. */
    public static final int CLASS = 2;
    /** An attribute written {@code name} or {@code name=value}. */
    public static final int NAMED = 3;

    /** The most brackets a label nests (micromark's link destination balance). */
    private static final int LABEL_BALANCE_MAX = 32;
    /** The most escapes a label holds (micromark counts its size in escapes only). */
    private static final int LABEL_SIZE_MAX = 999;

    /** What a scan of a directive's parts found; one per parser, reused. */
    public static final class Scan {
        public int nameStart;
        public int nameEnd;
        /** The label's content, inside its brackets; -1 when there is no label. */
        public int labelStart = -1;
        public int labelEnd;
        /** Where the attributes' braces start, -1 when there are none. */
        public int attributesStart = -1;
        public int attributes;
        public int[] kind = new int[8];
        public int[] nameFrom = new int[8];
        public int[] nameTo = new int[8];
        public int[] valueFrom = new int[8];
        public int[] valueTo = new int[8];
        public int[] from = new int[8];
        public int[] to = new int[8];

        void add(int k, int nf, int nt, int vf, int vt, int f, int t) {
            int i = attributes;
            if (i == kind.length) {
                int n = i * 2;
                kind = java.util.Arrays.copyOf(kind, n);
                nameFrom = java.util.Arrays.copyOf(nameFrom, n);
                nameTo = java.util.Arrays.copyOf(nameTo, n);
                valueFrom = java.util.Arrays.copyOf(valueFrom, n);
                valueTo = java.util.Arrays.copyOf(valueTo, n);
                from = java.util.Arrays.copyOf(from, n);
                to = java.util.Arrays.copyOf(to, n);
            }
            kind[i] = k;
            nameFrom[i] = nf;
            nameTo[i] = nt;
            valueFrom[i] = vf;
            valueTo[i] = vt;
            from[i] = f;
            to[i] = t;
            attributes = i + 1;
        }
    }

    private static boolean isLineEnding(byte b) {
        return b == '\n' || b == '\r';
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The code point at {@code p}, or a value that is no class for bytes that are not UTF-8. */
    private static int codePoint(byte[] b, int p, int end) {
        return CharClasses.decode(b, p, end);
    }

    private static int advance(byte[] b, int p, int end) {
        return p + Math.max(1, CharClasses.sequenceLength(b, p, end));
    }

    /** Whitespace or punctuation as micromark's name rules read them; characters past U+FFFF are neither. */
    private static boolean isWhitespaceOrPunctuation(int cp) {
        return cp < 0 || cp <= 0xFFFF && (CharClasses.isWhitespace(cp) || CharClasses.isPunctuation(cp));
    }

    private static boolean isWhitespace(int cp) {
        return cp >= 0 && cp <= 0xFFFF && CharClasses.isWhitespace(cp);
    }

    private static boolean isPunctuation(int cp) {
        return cp < 0 || cp <= 0xFFFF && CharClasses.isPunctuation(cp);
    }

    /** @return the end of a name starting at {@code p}, or -1 */
    public static int name(byte[] b, int p, int end) {
        if (p >= end || isWhitespaceOrPunctuation(codePoint(b, p, end))) {
            return -1;
        }
        int q = advance(b, p, end);
        while (q < end) {
            byte c = b[q];
            if (c != '-' && c != '_' && isWhitespaceOrPunctuation(codePoint(b, q, end))) {
                break;
            }
            q = advance(b, q, end);
        }
        byte last = b[q - 1];
        return last == '-' || last == '_' ? -1 : q;
    }

    /**
     * Scans a label at {@code p} (its {@code [}) into {@code s}.
     *
     * @return the index after its {@code ]}, or -1
     */
    public static int label(Scan s, byte[] b, int p, int end, boolean block) {
        int balance = 0;
        int escapes = 0;
        int q = p + 1;
        while (true) {
            if (q >= end || escapes > LABEL_SIZE_MAX) {
                return -1;
            }
            byte c = b[q];
            if (c == '[') {
                if (++balance > LABEL_BALANCE_MAX) {
                    return -1;
                }
            } else if (c == ']') {
                if (balance == 0) {
                    s.labelStart = p + 1;
                    s.labelEnd = q;
                    return q + 1;
                }
                balance--;
            } else if (isLineEnding(c) && block) {
                return -1;
            } else if (c == '\\' && q + 1 < end && (b[q + 1] == '[' || b[q + 1] == ']' || b[q + 1] == '\\')) {
                q++;
                escapes++;
            }
            q++;
        }
    }

    /** Whitespace between attributes: spaces and tabs, and in a text directive line endings too. */
    private static boolean isGap(byte c, boolean block) {
        return isSpaceOrTab(c) || !block && isLineEnding(c);
    }

    /**
     * Scans attributes at {@code p} (their {@code {}) into {@code s}.
     *
     * @return the index after the {@code }}, or -1 (and no attributes)
     */
    public static int attributes(Scan s, byte[] b, int p, int end, boolean block) {
        s.attributes = 0;
        int q = p + 1;
        while (true) {
            if (q >= end) {
                return fail(s);
            }
            byte c = b[q];
            if (c == '#' || c == '.') {
                int start = q++;
                if (q >= end || "\"#'.<=>`}".indexOf(b[q]) >= 0 || isSpaceOrTab(b[q]) || isLineEnding(b[q])) {
                    return fail(s);
                }
                int valueStart = q;
                while (true) {
                    if (q >= end || "\"'<=>`".indexOf(b[q]) >= 0) {
                        return fail(s);
                    }
                    byte d = b[q];
                    if (d == '#' || d == '.' || d == '}' || isSpaceOrTab(d) || isLineEnding(d)) {
                        break;
                    }
                    q++;
                }
                s.add(c == '#' ? ID : CLASS, -1, -1, valueStart, q, start, q);
                continue;
            }
            if (isGap(c, block)) {
                q++;
                continue;
            }
            int cp = codePoint(b, q, end);
            if (isLineEnding(c) || isWhitespace(cp) || isPunctuation(cp) && c != '-' && c != '_') {
                if (c == '}') {
                    s.attributesStart = p;
                    return q + 1;
                }
                return fail(s);
            }
            int nameStart = q;
            q = advance(b, q, end);
            while (q < end) {
                byte d = b[q];
                int dp = codePoint(b, q, end);
                if (isLineEnding(d) || isWhitespace(dp)
                        || isPunctuation(dp) && d != '-' && d != '.' && d != ':' && d != '_') {
                    break;
                }
                q = advance(b, q, end);
            }
            int nameEnd = q;
            while (q < end && isGap(b[q], block)) {
                q++;
            }
            if (q >= end || b[q] != '=') {
                s.add(NAMED, nameStart, nameEnd, -1, -1, nameStart, nameEnd);
                continue;
            }
            q++;
            while (true) {
                if (q >= end) {
                    return fail(s);
                }
                byte d = b[q];
                if ("<=>`}".indexOf(d) >= 0 || block && isLineEnding(d)) {
                    return fail(s);
                }
                if (d == '"' || d == '\'') {
                    int valueStart = ++q;
                    while (q < end && b[q] != d) {
                        if (block && isLineEnding(b[q])) {
                            return fail(s);
                        }
                        q++;
                    }
                    if (q >= end) {
                        return fail(s);
                    }
                    s.add(NAMED, nameStart, nameEnd, valueStart, q, nameStart, q + 1);
                    q++;
                    if (q < end && b[q] != '}' && !isSpaceOrTab(b[q]) && !isLineEnding(b[q])) {
                        return fail(s); // a quoted value must be followed by whitespace or the end
                    }
                    break;
                }
                if (isGap(d, block)) {
                    q++;
                    continue;
                }
                int valueStart = q++;
                while (true) {
                    if (q >= end || "\"'<=>`".indexOf(b[q]) >= 0) {
                        return fail(s);
                    }
                    if (b[q] == '}' || isSpaceOrTab(b[q]) || isLineEnding(b[q])) {
                        break;
                    }
                    q++;
                }
                s.add(NAMED, nameStart, nameEnd, valueStart, q, nameStart, q);
                break;
            }
        }
    }

    private static int fail(Scan s) {
        s.attributes = 0;
        s.attributesStart = -1;
        return -1;
    }

    /**
     * Scans the parts after the colons: the name at {@code p}, then a label and attributes if they scan.
     *
     * @return where the directive ends, or -1 when there is no name
     */
    public static int parts(Scan s, byte[] b, int p, int end, boolean block) {
        s.labelStart = -1;
        s.attributesStart = -1;
        s.attributes = 0;
        int q = name(b, p, end);
        if (q < 0) {
            return -1;
        }
        s.nameStart = p;
        s.nameEnd = q;
        if (q < end && b[q] == '[') {
            int r = label(s, b, q, end, block);
            if (r < 0) {
                return block ? -1 : q;
            }
            q = r;
        }
        if (q < end && b[q] == '{') {
            int r = attributes(s, b, q, end, block);
            if (r < 0) {
                return block ? -1 : q;
            }
            q = r;
        }
        return q;
    }

    private static final byte[] ID_NAME = {'i', 'd'};
    private static final byte[] CLASS_NAME = {'c', 'l', 'a', 's', 's'};

    /** Writes the name (slot a) and the attribute records (slots b and c) of a directive scanned into {@code s}. */
    public static void fields(TreeBuilder tree, int node, Scan s, byte[] b, SourceMap map) {
        tree.setString(node, 0, tree.string(b, s.nameStart, s.nameEnd - s.nameStart));
        int first = -1;
        for (int i = 0; i < s.attributes; i++) {
            int k = s.kind[i];
            int name = k == ID ? tree.string(ID_NAME, 0, 2) : k == CLASS ? tree.string(CLASS_NAME, 0, 5)
                    : tree.string(b, s.nameFrom[i], s.nameTo[i] - s.nameFrom[i]);
            tree.beginString();
            if (s.valueFrom[i] >= 0) {
                Text.appendDecoded(tree, b, s.valueFrom[i], s.valueTo[i], false, false);
            }
            int value = tree.endString();
            int index = tree.addAttribute(OcpFormat.ATTR_PLAIN, name, value, map == null ? s.from[i]
                    : map.toSource(s.from[i]), map == null ? s.to[i] : map.toSource(s.to[i]));
            if (first < 0) {
                first = index;
            }
        }
        if (s.attributes > 0) {
            tree.setNumber(node, 1, first);
        }
        tree.setNumber(node, 2, s.attributes);
    }

    /** A colon in text: a text directive, or -1 when none starts here. */
    public static int textDirective(InlineParser ip, int p) {
        byte[] b = ip.buf;
        if (p > ip.start && b[p - 1] == ':' && !escaped(b, ip.start, p - 1)) {
            return -1;
        }
        Scan s = ip.directiveScan;
        int q = parts(s, b, p + 1, ip.end, false);
        if (q < 0 || q == s.nameEnd && q < ip.end && b[q] == ':') {
            return -1;
        }
        ip.work += q - p;
        Text.flushText(ip, p);
        int node = ip.tree.add(NodeKind.TEXT_DIRECTIVE, ip.top, ip.src(p), ip.src(q));
        fields(ip.tree, node, s, b, ip.map);
        if (s.labelStart >= 0 && s.labelEnd > s.labelStart) {
            ip.parseNested(node, s.labelStart, s.labelEnd);
        }
        ip.textStart = q;
        return q;
    }

    /** Whether the byte at {@code i} follows an odd run of backslashes (is escaped). */
    private static boolean escaped(byte[] b, int from, int i) {
        int n = 0;
        while (i - 1 - n >= from && b[i - 1 - n] == '\\') {
            n++;
        }
        return (n & 1) == 1;
    }
}
