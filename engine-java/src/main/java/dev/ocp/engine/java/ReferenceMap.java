package dev.ocp.engine.java;

import java.util.Arrays;

/**
 * The link reference definitions of one document: normalized label to destination and title (string ids of
 * the document's {@link TreeBuilder}). Labels are normalized into a scratch buffer ({@link #normalize}) and kept in
 * one byte pool; a lookup allocates nothing.
 *
 * <p>Lookups go through an index of the labels sorted by their bytes, searched by bisection, rather than through a
 * hash table: labels are chosen by whoever wrote the document, and labels built to collide in a hash would make
 * every insertion and lookup walk one long chain, quadratic time in all. Sorting costs O(n log n) label
 * comparisons whatever the labels are. The index is built on the first lookup after definitions were added; the
 * block parser adds every definition before the inline phase looks any up, so it is built once per document.
 */
public final class ReferenceMap {
    private int count;
    private byte[] keys = new byte[256];
    private int keyBytes;
    private int[] keyStart = new int[16];
    private int[] keyLength = new int[16];
    private int[] destination = new int[16];
    private int[] title = new int[16];
    /** The first definition of each label, ordered by label bytes: {@code sorted[0, sortedCount)}. */
    private int[] sorted = new int[16];
    private int sortedCount;
    /** Scratch for the merge sort. */
    private int[] merge = new int[16];
    /** Definitions that {@link #sorted} covers; fewer than {@link #count} means it must be rebuilt. */
    private int indexed;

    /** Label bytes compared so far (work the inline parser adds to its counter). */
    public long work;

    /**
     * Forgets every definition, ready for the next document. Arrays grown by a large document are dropped
     * rather than kept, so that one huge document does not pin its memory.
     */
    void clear() {
        count = 0;
        keyBytes = 0;
        sortedCount = 0;
        indexed = 0;
        if (keyStart.length > 1024) {
            keys = new byte[256];
            keyStart = new int[16];
            keyLength = new int[16];
            destination = new int[16];
            title = new int[16];
            sorted = new int[16];
            merge = new int[16];
        }
    }

    /**
     * Whether labels match as micromark matches them ({@link dev.ocp.Flavor#MICROMARK}): by JavaScript's lower then
     * upper case, which case folding equals except that it takes the dotless {@code ı} for {@code i}.
     */
    boolean dotlessIsI;

    /** The last normalized label: {@code normalized[0, normalizedLength)}. */
    byte[] normalized = new byte[64];
    int normalizedLength;

    /**
     * Normalizes the label {@code buf[from, to)} into {@link #normalized}: Unicode full case folding, then
     * runs of spaces, tabs and line endings collapsed to one space, and leading and trailing ones removed.
     * Bytes that are not well-formed UTF-8 become a U+FFFD per maximal subpart, as a reader that decodes its input
     * first has them (so {@code [a<80>]} matches {@code [a<FF>]} and {@code [a\uFFFD]}).
     */
    public void normalize(byte[] buf, int from, int to) {
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
                n = encode(0xFFFD, n);
                i += CharClasses.illFormedLength(buf, i, to);
                continue;
            }
            int len = CharClasses.sequenceLength(buf, i, to);
            if (cp == 0x131 && dotlessIsI) {
                normalized[n++] = 'i';
                i += len;
                continue;
            }
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

    /**
     * Compares label bytes {@code a[aFrom, aFrom+aLen)} with {@code b[bFrom, bFrom+bLen)}, unsigned, a prefix first.
     */
    private int compare(byte[] a, int aFrom, int aLen, byte[] b, int bFrom, int bLen) {
        int n = Math.min(aLen, bLen);
        int i = Arrays.mismatch(a, aFrom, aFrom + n, b, bFrom, bFrom + n);
        work += 1 + (i < 0 ? n : i);
        if (i < 0) {
            return Integer.compare(aLen, bLen);
        }
        return Integer.compare(a[aFrom + i] & 0xFF, b[bFrom + i] & 0xFF);
    }

    private int compareEntries(int e, int f) {
        return compare(keys, keyStart[e], keyLength[e], keys, keyStart[f], keyLength[f]);
    }

    /** @return the definition of the {@link #normalize normalized} label, or -1 */
    public int lookupNormalized() {
        if (count == 0) {
            return -1;
        }
        if (indexed != count) {
            buildIndex();
        }
        int lo = 0;
        int hi = sortedCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int e = sorted[mid];
            int c = compare(normalized, 0, normalizedLength, keys, keyStart[e], keyLength[e]);
            if (c == 0) {
                return e;
            }
            if (c < 0) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return -1;
    }

    /**
     * Adds a definition for the {@link #normalize normalized} label. If the label already has one, the earlier
     * one stays in force (the first definition of a label wins).
     */
    public void addNormalized(int destinationId, int titleId) {
        int e = count;
        if (e == keyStart.length) {
            int n = e * 2;
            keyStart = Arrays.copyOf(keyStart, n);
            keyLength = Arrays.copyOf(keyLength, n);
            destination = Arrays.copyOf(destination, n);
            title = Arrays.copyOf(title, n);
        }
        if (keyBytes + normalizedLength > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyBytes + normalizedLength));
        }
        System.arraycopy(normalized, 0, keys, keyBytes, normalizedLength);
        keyStart[e] = keyBytes;
        keyLength[e] = normalizedLength;
        keyBytes += normalizedLength;
        destination[e] = destinationId;
        title[e] = titleId;
        count = e + 1;
    }

    /**
     * Sorts the definitions by label with a stable bottom-up merge sort (so that equal labels stay in document
     * order), then keeps the first of each run of equal labels.
     */
    private void buildIndex() {
        int n = count;
        if (sorted.length < n) {
            sorted = new int[keyStart.length];
            merge = new int[keyStart.length];
        }
        int[] a = sorted;
        int[] b = merge;
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = compareEntries(a[j], a[i]) < 0 ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (unique == 0 || compareEntries(a[unique - 1], a[i]) != 0) {
                a[unique++] = a[i];
            }
        }
        sorted = a;
        merge = b;
        sortedCount = unique;
        indexed = n;
    }

    public int destination(int e) {
        return destination[e];
    }

    /** @return the title's string id, or {@link dev.ocp.spi.OcpFormat#NONE} */
    public int title(int e) {
        return title[e];
    }

    public int size() {
        return count;
    }
}
