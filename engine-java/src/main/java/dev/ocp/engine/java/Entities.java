package dev.ocp.engine.java;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entity and numeric character references ({@code &amp;}, {@code &#42;}, {@code &#x2A;}). Named references
 * come from the resource {@code entities.txt} (the WHATWG HTML list, names that end in {@code ;}), loaded
 * once into an open-addressing hash table over byte arrays, so a lookup reads the input in place and
 * allocates nothing.
 */
public final class Entities {
    private Entities() {
    }

    /** Longest entity name in the table, without {@code &} and {@code ;}. */
    static final int MAX_NAME = 32;

    private static final byte[] NAMES;      // all names, back to back
    private static final int[] NAME_START;  // per entity
    private static final byte[] VALUES;     // UTF-8 replacement text, back to back
    private static final int[] VALUE_START; // per entity, count + 1 entries
    private static final int[] TABLE;       // hash slot -> entity index + 1, 0 = empty
    private static final int MASK;

    static {
        byte[] names = new byte[16384];
        int[] nameStart = new int[2300];
        byte[] values = new byte[8192];
        int[] valueStart = new int[2300];
        int n = 0;
        int nb = 0;
        int vb = 0;
        try (InputStream in = Entities.class.getResourceAsStream("entities.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/ocp/engine/java/entities.txt is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            StringBuilder value = new StringBuilder();
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (n + 2 > nameStart.length) {
                    nameStart = Arrays.copyOf(nameStart, nameStart.length * 2);
                    valueStart = Arrays.copyOf(valueStart, valueStart.length * 2);
                }
                byte[] name = line.substring(0, tab).getBytes(StandardCharsets.US_ASCII);
                if (nb + name.length > names.length) {
                    names = Arrays.copyOf(names, names.length * 2);
                }
                nameStart[n] = nb;
                System.arraycopy(name, 0, names, nb, name.length);
                nb += name.length;
                value.setLength(0);
                for (String cp : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(cp, 16));
                }
                byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
                if (vb + utf8.length > values.length) {
                    values = Arrays.copyOf(values, values.length * 2);
                }
                valueStart[n] = vb;
                System.arraycopy(utf8, 0, values, vb, utf8.length);
                vb += utf8.length;
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nameStart[n] = nb;
        valueStart[n] = vb;
        NAMES = Arrays.copyOf(names, nb);
        NAME_START = Arrays.copyOf(nameStart, n + 1);
        VALUES = Arrays.copyOf(values, vb);
        VALUE_START = Arrays.copyOf(valueStart, n + 1);
        int capacity = Integer.highestOneBit(n * 3) << 1;
        MASK = capacity - 1;
        TABLE = new int[capacity];
        for (int e = 0; e < n; e++) {
            int slot = hash(NAMES, NAME_START[e], NAME_START[e + 1]) & MASK;
            while (TABLE[slot] != 0) {
                slot = slot + 1 & MASK;
            }
            TABLE[slot] = e + 1;
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i] & 0xFF) * 0x01000193; // FNV-1a over unsigned bytes
        }
        return h ^ h >>> 15;
    }

    /** @return the entity whose name is {@code buf[from, to)}, or -1 */
    static int lookup(byte[] buf, int from, int to) {
        int slot = hash(buf, from, to) & MASK;
        int len = to - from;
        while (true) {
            int e = TABLE[slot] - 1;
            if (e < 0) {
                return -1;
            }
            int s = NAME_START[e];
            if (NAME_START[e + 1] - s == len && Arrays.equals(NAMES, s, s + len, buf, from, to)) {
                return e;
            }
            slot = slot + 1 & MASK;
        }
    }

    /**
     * Recognizes a character reference at {@code buf[i] == '&'} within {@code [i, end)}.
     *
     * @return 0 if there is none; otherwise its length in the high 32 bits and, in the low 32 bits, the code
     *         point of a numeric reference (invalid and zero ones already U+FFFD) or {@code -(entity + 1)} for a
     *         named one
     */
    public static long scan(byte[] buf, int i, int end) {
        int p = i + 1;
        if (p >= end) {
            return 0;
        }
        if (buf[p] == '#') {
            p++;
            int cp = 0;
            int digits = 0;
            if (p < end && (buf[p] == 'x' || buf[p] == 'X')) {
                p++;
                while (p < end && digits < 7) {
                    int d = hexValue(buf[p]);
                    if (d < 0) {
                        break;
                    }
                    cp = cp * 16 + d;
                    digits++;
                    p++;
                }
                if (digits == 0 || digits > 6) {
                    return 0;
                }
            } else {
                while (p < end && digits < 8 && CharClasses.isDigit(buf[p])) {
                    cp = cp * 10 + (buf[p] - '0');
                    digits++;
                    p++;
                }
                if (digits == 0 || digits > 7) {
                    return 0;
                }
            }
            if (p >= end || buf[p] != ';') {
                return 0;
            }
            if (cp == 0 || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            return (long) (p + 1 - i) << 32 | cp;
        }
        int nameStart = p;
        while (p < end && p - nameStart <= MAX_NAME && CharClasses.isAlnum(buf[p])) {
            p++;
        }
        if (p == nameStart || p - nameStart > MAX_NAME || p >= end || buf[p] != ';') {
            return 0;
        }
        int e = lookup(buf, nameStart, p);
        if (e < 0) {
            return 0;
        }
        return (long) (p + 1 - i) << 32 | (-(e + 1) & 0xFFFFFFFFL);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Appends the replacement text of entity {@code e} to the tree's open string. */
    static void appendValue(TreeBuilder tree, int e) {
        tree.append(VALUES, VALUE_START[e], VALUE_START[e + 1] - VALUE_START[e]);
    }

    /**
     * Appends the replacement of a reference {@link #scan} recognized: {@code ref} is its result.
     */
    /**
     * Whether micromark ({@code Flavor.MICROMARK}) decodes a numeric reference to {@code cp} as U+FFFD where CommonMark
     * keeps it: controls but tab, line feed, form feed and carriage return, DEL and the C1 controls, and the
     * noncharacters (U+FDD0 to U+FDEF, and every code point whose last 16 bits are FFFE or FFFF).
     */
    public static boolean micromarkReplaces(int cp) {
        return cp < 9 || cp == 11 || cp > 13 && cp < 32 || cp > 126 && cp < 160 || cp >= 0xFDD0 && cp <= 0xFDEF
                || (cp & 0xFFFE) == 0xFFFE;
    }

    public static void appendReference(TreeBuilder tree, long ref) {
        int v = (int) ref;
        if (v < 0) {
            appendValue(tree, -v - 1);
        } else {
            tree.appendCodePoint(v);
        }
    }
}
