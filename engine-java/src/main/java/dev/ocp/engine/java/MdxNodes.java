package dev.ocp.engine.java;

import dev.ocp.OcpException;
import dev.ocp.engine.java.inline.Text;
import dev.ocp.spi.OcpFormat;

import java.nio.charset.StandardCharsets;

/**
 * What the block and inline parsers both do with MDX: write a scanned JSX tag's name and attributes into its node,
 * compare and name tags for messages, and place a syntax error at a line and column of the source.
 */
public final class MdxNodes {
    private MdxNodes() {
    }

    /**
     * Writes the last tag of {@code t} into {@code node}: the name (slot a, {@code NONE} for a fragment) and the
     * attribute records (slot b the first, slot c how many). A plain value has its character references decoded
     * (JSX has no backslash escapes); an expression's or a spread's value is its source between the braces.
     */
    public static void tagFields(TreeBuilder tree, int node, MdxScanner t, byte[] buf, SourceMap map) {
        if (t.nameStart >= 0) {
            tree.beginString();
            for (int i = t.nameStart; i < t.nameEnd; i++) {
                if (!isNameSpace(buf[i])) {
                    tree.append(buf[i]);
                }
            }
            tree.setString(node, 0, tree.endString());
        }
        if (t.attributes == 0) {
            return;
        }
        int first = -1;
        for (int i = 0; i < t.attributes; i++) {
            int kind = t.attrKind[i];
            int name = t.attrNameStart[i] < 0 ? OcpFormat.NONE
                    : tree.string(buf, t.attrNameStart[i], t.attrNameEnd[i] - t.attrNameStart[i]);
            int value = OcpFormat.NONE;
            if (kind == MdxScanner.PLAIN) {
                tree.beginString();
                Text.appendDecoded(tree, buf, t.attrValueStart[i], t.attrValueEnd[i], false, false);
                value = tree.endString();
            } else if (kind != MdxScanner.BOOLEAN) {
                value = tree.string(buf, t.attrValueStart[i], t.attrValueEnd[i] - t.attrValueStart[i]);
            }
            int index = tree.addAttribute(kind, name, value, map.toSource(t.attrStart[i]), map.toSource(t.attrEnd[i]));
            if (first < 0) {
                first = index;
            }
        }
        tree.setNumber(node, 1, first);
        tree.setNumber(node, 2, t.attributes);
    }

    /** Whether the closing tag just scanned by {@code t} names the element {@code node} (fragments match). */
    public static boolean sameName(TreeBuilder tree, int node, byte[] buf, MdxScanner t) {
        int id = tree.slotValue(node, 0);
        if (t.nameStart < 0 || id == OcpFormat.NONE) {
            return t.nameStart < 0 && id == OcpFormat.NONE;
        }
        int n = tree.stringLength(id);
        int k = 0;
        for (int i = t.nameStart; i < t.nameEnd; i++) {
            if (isNameSpace(buf[i])) {
                continue;
            }
            if (k == n || tree.stringByte(id, k) != buf[i]) {
                return false;
            }
            k++;
        }
        return k == n;
    }

    /**
     * Whitespace inside a name ({@code a . b}, {@code svg: rect}), which the name does not keep: JSX names are
     * their parts joined by {@code .} or {@code :}.
     */
    private static boolean isNameSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0C;
    }

    /**
     * Bytes of a name that a message quotes; a longer name is cut there (at a character boundary) and ends with
     * {@code …}, so that every message fits the C core's 256-byte message buffer and both engines' texts agree.
     */
    static final int LABEL_NAME_LIMIT = 32;

    /** markdown-rs's short form of an element's tag in messages: {@code <name>}, {@code </name>}, {@code <>}. */
    public static String label(TreeBuilder tree, int node, boolean closing) {
        int id = tree.slotValue(node, 0);
        byte[] name = new byte[id == OcpFormat.NONE ? 0 : tree.stringLength(id)];
        for (int i = 0; i < name.length; i++) {
            name[i] = tree.stringByte(id, i);
        }
        return tagLabel(closing, name, name.length);
    }

    /** The short form of the closing tag just scanned by {@code t}. */
    public static String closingLabel(byte[] buf, MdxScanner t) {
        byte[] name = new byte[t.nameStart < 0 ? 0 : t.nameEnd - t.nameStart];
        int n = 0;
        for (int i = t.nameStart; i >= 0 && i < t.nameEnd; i++) {
            if (!isNameSpace(buf[i])) {
                name[n++] = buf[i];
            }
        }
        return tagLabel(true, name, n);
    }

    private static String tagLabel(boolean closing, byte[] name, int length) {
        int n = length;
        boolean cut = n > LABEL_NAME_LIMIT;
        if (cut) {
            n = LABEL_NAME_LIMIT;
            while (n > 0 && (name[n] & 0xC0) == 0x80) {
                n--; // not inside a UTF-8 sequence
            }
        }
        return (closing ? "</" : "<") + new String(name, 0, n, StandardCharsets.UTF_8) + (cut ? "\u2026" : "") + ">";
    }

    /**
     * The words for a closing tag met while a node opened after its element is still open: markdown-rs's, or
     * mdast-util-mdx-jsx's (which names the node's end as well) with {@link dev.ocp.Flavor#MICROMARK}.
     *
     * @param start {@code LINE:COLUMN} of the node's start
     * @param end   {@code LINE:COLUMN} of its end
     */
    public static String closedOutside(String closingTag, String node, String start, String end, boolean micromark) {
        return micromark
                ? "Expected the closing tag `" + closingTag + "` either after the end of `" + node + "` (" + end
                + ") or another opening tag after the start of `" + node + "` (" + start + ")"
                : "Expected the closing tag `" + closingTag + "` either before the start of `" + node + "` (" + start
                + "), or another opening tag after that start";
    }

    /**
     * A {@link OcpException.Code#SYNTAX} failure at source offset {@code at} (to {@code to}, or a point when -1).
     */
    public static OcpException syntaxError(byte[] src, int length, int at, int to, String ruleId, String reason) {
        long start = position(src, length, at);
        long stop = to < 0 ? 0 : position(src, length, to);
        return new OcpException(new OcpException.SyntaxError((int) (start >>> 32), (int) start,
                (int) (stop >>> 32), (int) stop, ruleId, reason));
    }

    /** {@code LINE:COLUMN} of a source offset, as messages cite places. */
    public static String lineColumn(byte[] src, int length, int at) {
        long p = position(src, length, at);
        return (p >>> 32) + ":" + (int) p;
    }

    /** The line (high half) and column (low half), both from 1, of source offset {@code at}. */
    private static long position(byte[] src, int length, int at) {
        int line = 1;
        int lineStart = 0;
        int stop = Math.min(at, length);
        for (int i = 0; i < stop; i++) {
            byte b = src[i];
            if (b == '\n' || b == '\r' && (i + 1 >= length || src[i + 1] != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return (long) line << 32 | (at - lineStart + 1);
    }
}
