package dev.ocp.engine.java;

import java.util.Arrays;

/**
 * The link reference definitions of one document: normalized label to destination and title (string ids of
 * the document's {@link TreeBuilder}). Labels are normalized into a scratch buffer ({@link #normalize}) and
 * looked up in an open-addressing table over one byte pool, so a lookup allocates nothing.
 */
final class ReferenceMap {
    private int count;
    private byte[] keys = new byte[256];
    private int keyBytes;
    private int[] keyStart = new int[16];
    private int[] keyLength = new int[16];
    private int[] keyHash = new int[16];
    private int[] destination = new int[16];
    private int[] title = new int[16];
    private int[] table = new int[32]; // entry + 1, 0 = empty

    /**
     * Forgets every definition, ready for the next document. A table grown by a large document is dropped
     * rather than cleared, so a small document after it does not pay for clearing it.
     */
    void clear() {
        count = 0;
        keyBytes = 0;
        if (table.length > 1024) {
            table = new int[32];
            keys = new byte[256];
            keyStart = new int[16];
            keyLength = new int[16];
            keyHash = new int[16];
            destination = new int[16];
            title = new int[16];
        } else {
            Arrays.fill(table, 0);
        }
    }

    /** The last normalized label: {@code normalized[0, normalizedLength)}. */
    byte[] normalized = new byte[64];
    int normalizedLength;

    /**
     * Normalizes the label {@code buf[from, to)} into {@link #normalized}: Unicode full case folding, then
     * runs of spaces, tabs and line endings collapsed to one space, and leading and trailing ones removed.
     * Bytes that are not well-formed UTF-8 are kept as they are.
     */
    void normalize(byte[] buf, int from, int to) {
        int n = 0;
        boolean pendingSpace = false;
        int i = from;
        while (i < to) {
            byte b = buf[i];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pendingSpace = n > 0;
                i++;
                continue;
            }
            if (n + 16 > normalized.length) {
                normalized = Arrays.copyOf(normalized, normalized.length * 2 + 16);
            }
            if (pendingSpace) {
                normalized[n++] = ' ';
                pendingSpace = false;
            }
            if (b == 0) {
                n = encode(0xFFFD, n); // NUL stands for U+FFFD (spec 2.3), so the two labels match
                i++;
                continue;
            }
            if (b > 0) {
                normalized[n++] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
                i++;
                continue;
            }
            int cp = CharClasses.decode(buf, i, to);
            if (cp < 0) {
                normalized[n++] = b;
                i++;
                continue;
            }
            int len = CharClasses.sequenceLength(buf, i, to);
            int f = CharClasses.foldIndex(cp);
            if (f < 0) {
                System.arraycopy(buf, i, normalized, n, len);
                n += len;
            } else {
                for (int k = 0; k < CharClasses.foldLength(f); k++) {
                    n = encode(CharClasses.foldAt(f, k), n);
                }
            }
            i += len;
        }
        normalizedLength = n;
    }

    private int encode(int cp, int n) {
        byte[] out = normalized;
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | cp >> 6);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | cp >> 12);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[n++] = (byte) (0xF0 | cp >> 18);
            out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i] & 0xFF) * 0x01000193; // FNV-1a over unsigned bytes
        }
        return h ^ h >>> 15;
    }

    /** @return the definition of the {@link #normalize normalized} label, or -1 */
    int lookupNormalized() {
        if (count == 0) {
            return -1;
        }
        int h = hash(normalized, 0, normalizedLength);
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = slot + 1 & mask) {
            int e = table[slot] - 1;
            if (e < 0) {
                return -1;
            }
            if (keyHash[e] == h && keyLength[e] == normalizedLength
                    && Arrays.equals(keys, keyStart[e], keyStart[e] + normalizedLength, normalized, 0, normalizedLength)) {
                return e;
            }
        }
    }

    /**
     * Adds a definition for the {@link #normalize normalized} label unless it already has one (the first
     * definition of a label wins).
     *
     * @return {@code true} if added
     */
    boolean addNormalized(int destinationId, int titleId) {
        if (lookupNormalized() >= 0) {
            return false;
        }
        int e = count;
        if (e == keyStart.length) {
            int n = e * 2;
            keyStart = Arrays.copyOf(keyStart, n);
            keyLength = Arrays.copyOf(keyLength, n);
            keyHash = Arrays.copyOf(keyHash, n);
            destination = Arrays.copyOf(destination, n);
            title = Arrays.copyOf(title, n);
        }
        if (keyBytes + normalizedLength > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyBytes + normalizedLength));
        }
        System.arraycopy(normalized, 0, keys, keyBytes, normalizedLength);
        keyStart[e] = keyBytes;
        keyLength[e] = normalizedLength;
        keyHash[e] = hash(normalized, 0, normalizedLength);
        keyBytes += normalizedLength;
        destination[e] = destinationId;
        title[e] = titleId;
        count = e + 1;
        if (count * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(e);
        }
        return true;
    }

    private void insert(int e) {
        int mask = table.length - 1;
        int slot = keyHash[e] & mask;
        while (table[slot] != 0) {
            slot = slot + 1 & mask;
        }
        table[slot] = e + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int e = 0; e < count; e++) {
            insert(e);
        }
    }

    int destination(int e) {
        return destination[e];
    }

    /** @return the title's string id, or {@link dev.ocp.spi.OcpFormat#NONE} */
    int title(int e) {
        return title[e];
    }

    int size() {
        return count;
    }
}
