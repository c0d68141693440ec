package dev.ocp.engine.java;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Character classes of the inline grammar over UTF-8 bytes: ASCII classes by table, and the Unicode classes
 * CommonMark needs (whitespace = Zs plus tab, LF, FF, CR; punctuation = general categories P and S; full case
 * folding for link labels; identifier characters for MDX's JSX names) from the resource {@code unicode.txt}. The tables are fixed data rather than
 * {@link Character} queries so that the result does not depend on the running JDK's Unicode version, and so
 * that the C core can be generated from the same file.
 */
public final class CharClasses {
    private CharClasses() {
    }

    /** ASCII punctuation: {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}. */
    static final int ASCII_PUNCT = 1;
    /** Space, tab, LF, FF, CR. */
    static final int ASCII_SPACE = 2;
    /** A-Z a-z. */
    static final int ASCII_LETTER = 4;
    /** 0-9. */
    static final int ASCII_DIGIT = 8;

    /** Flags for each byte value (non-ASCII bytes have none). */
    private static final byte[] FLAGS = new byte[256];

    private static final int[] SPACE_RANGES;  // Zs, pairs first,last
    private static final int[] PUNCT_RANGES;  // P* and S*, pairs first,last
    private static final int[] ID_START_RANGES;    // XID_Start, pairs first,last
    private static final int[] ID_CONTINUE_RANGES; // XID_Continue, pairs first,last
    private static final int[] FOLD_KEYS;     // sorted code points whose folding differs
    private static final int[] FOLD_START;    // index into FOLD_DATA, FOLD_KEYS.length + 1 entries
    private static final int[] FOLD_DATA;

    static {
        for (int c = 0; c < 128; c++) {
            int f = 0;
            if (c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~') {
                f |= ASCII_PUNCT;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                f |= ASCII_SPACE;
            }
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                f |= ASCII_LETTER;
            }
            if (c >= '0' && c <= '9') {
                f |= ASCII_DIGIT;
            }
            FLAGS[c] = (byte) f;
        }
        int[] space = new int[32];
        int[] punct = new int[1024];
        int[] idStart = new int[2048];
        int[] idContinue = new int[2048];
        int ni = 0;
        int nc = 0;
        int[] keys = new int[2048];
        int[] starts = new int[2049];
        int[] data = new int[4096];
        int ns = 0;
        int np = 0;
        int nk = 0;
        int nd = 0;
        try (InputStream in = CharClasses.class.getResourceAsStream("unicode.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/ocp/engine/java/unicode.txt is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                char kind = line.charAt(0);
                if (kind == 'F') {
                    int tab = line.indexOf('\t');
                    if (nk == keys.length) {
                        keys = Arrays.copyOf(keys, nk * 2);
                        starts = Arrays.copyOf(starts, nk * 2 + 1);
                    }
                    keys[nk] = Integer.parseInt(line.substring(2, tab), 16);
                    starts[nk++] = nd;
                    for (String cp : line.substring(tab + 1).split(" ")) {
                        if (nd == data.length) {
                            data = Arrays.copyOf(data, nd * 2);
                        }
                        data[nd++] = Integer.parseInt(cp, 16);
                    }
                } else {
                    String[] parts = line.split(" ");
                    int first = Integer.parseInt(parts[1], 16);
                    int last = Integer.parseInt(parts[2], 16);
                    if (kind == 'Z') {
                        if (ns + 2 > space.length) {
                            space = Arrays.copyOf(space, space.length * 2);
                        }
                        space[ns++] = first;
                        space[ns++] = last;
                    } else if (kind == 'I') {
                        if (ni + 2 > idStart.length) {
                            idStart = Arrays.copyOf(idStart, idStart.length * 2);
                        }
                        idStart[ni++] = first;
                        idStart[ni++] = last;
                    } else if (kind == 'C') {
                        if (nc + 2 > idContinue.length) {
                            idContinue = Arrays.copyOf(idContinue, idContinue.length * 2);
                        }
                        idContinue[nc++] = first;
                        idContinue[nc++] = last;
                    } else {
                        if (np + 2 > punct.length) {
                            punct = Arrays.copyOf(punct, punct.length * 2);
                        }
                        punct[np++] = first;
                        punct[np++] = last;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts[nk] = nd;
        SPACE_RANGES = Arrays.copyOf(space, ns);
        PUNCT_RANGES = Arrays.copyOf(punct, np);
        ID_START_RANGES = Arrays.copyOf(idStart, ni);
        ID_CONTINUE_RANGES = Arrays.copyOf(idContinue, nc);
        FOLD_KEYS = Arrays.copyOf(keys, nk);
        FOLD_START = Arrays.copyOf(starts, nk + 1);
        FOLD_DATA = Arrays.copyOf(data, nd);
    }

    static int flags(byte b) {
        return FLAGS[b & 0xFF];
    }

    public static boolean isAsciiPunct(byte b) {
        return (FLAGS[b & 0xFF] & ASCII_PUNCT) != 0;
    }

    public static boolean isLetter(byte b) {
        return (FLAGS[b & 0xFF] & ASCII_LETTER) != 0;
    }

    static boolean isDigit(byte b) {
        return (FLAGS[b & 0xFF] & ASCII_DIGIT) != 0;
    }

    public static boolean isAlnum(byte b) {
        return (FLAGS[b & 0xFF] & (ASCII_LETTER | ASCII_DIGIT)) != 0;
    }

    /** Unicode whitespace per CommonMark: Zs, tab, LF, FF, CR. Negative values (no character) are not. */
    public static boolean isWhitespace(int cp) {
        if (cp < 128) {
            return cp >= 0 && (FLAGS[cp] & ASCII_SPACE) != 0;
        }
        return inRanges(SPACE_RANGES, cp);
    }

    /** Whitespace as micromark classifies it (JavaScript's {@code \s}): CommonMark's, VT, U+2028, U+2029, U+FEFF. */
    public static boolean isMicromarkSpace(int cp) {
        return cp == 0x0B || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || isWhitespace(cp);
    }

    /** Unicode punctuation per CommonMark 0.31: general categories P and S. */
    public static boolean isPunctuation(int cp) {
        if (cp < 128) {
            return cp >= 0 && (FLAGS[cp] & ASCII_PUNCT) != 0;
        }
        return inRanges(PUNCT_RANGES, cp);
    }

    /** Unicode XID_Start, the characters that can start a JavaScript identifier besides {@code $} and {@code _}. */
    static boolean isIdStart(int cp) {
        return cp >= 0 && inRanges(ID_START_RANGES, cp);
    }

    /** Unicode XID_Continue, the characters that can go on with a JavaScript identifier (ZWNJ and ZWJ aside). */
    static boolean isIdContinue(int cp) {
        return cp >= 0 && inRanges(ID_CONTINUE_RANGES, cp);
    }

    private static boolean inRanges(int[] ranges, int cp) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * Full case folding of one code point.
     *
     * @return the index in the fold table (use {@link #foldLength} and {@link #foldAt}), or -1 if {@code cp}
     *         folds to itself
     */
    static int foldIndex(int cp) {
        if (cp < 'A') {
            return -1;
        }
        int i = Arrays.binarySearch(FOLD_KEYS, cp);
        return i >= 0 ? i : -1;
    }

    static int foldLength(int index) {
        return FOLD_START[index + 1] - FOLD_START[index];
    }

    static int foldAt(int index, int k) {
        return FOLD_DATA[FOLD_START[index] + k];
    }

    // ---- UTF-8 ----

    /**
     * Decodes the code point starting at {@code i} (which must be below {@code end}).
     *
     * @return the code point, or -1 if the bytes there are not well-formed UTF-8 (emphasis takes that for U+FFFD,
     *         as a decoded input has it; other callers, for a character of no class)
     */
    public static int decode(byte[] buf, int i, int end) {
        int b0 = buf[i] & 0xFF;
        if (b0 < 0x80) {
            return b0;
        }
        int n;
        int cp;
        int min;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 1;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 2;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n >= end) {
            return -1;
        }
        for (int k = 1; k <= n; k++) {
            int b = buf[i + k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | b & 0x3F;
        }
        if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
            return -1;
        }
        return cp;
    }

    /** Length in bytes of the well-formed sequence at {@code i}, or 1 if it is not well-formed. */
    public static int sequenceLength(byte[] buf, int i, int end) {
        int b0 = buf[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int cp = decode(buf, i, end);
        if (cp < 0) {
            return 1;
        }
        return cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * The length of the maximal subpart at {@code i} where the bytes there are not well-formed UTF-8 (Unicode 3.9):
     * the bytes, 1 to 3, that begin a well-formed sequence but do not complete one, or the one byte that begins none.
     * A reader that decodes its input first reads one U+FFFD for them.
     */
    public static int illFormedLength(byte[] buf, int i, int end) {
        int b0 = buf[i] & 0xFF;
        int more;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            more = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            more = 2;
            lo = b0 == 0xE0 ? 0xA0 : 0x80; // no overlong form
            hi = b0 == 0xED ? 0x9F : 0xBF; // no surrogate
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            more = 3;
            lo = b0 == 0xF0 ? 0x90 : 0x80; // no overlong form
            hi = b0 == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            return 1;
        }
        int k = 1;
        while (k <= more && i + k < end && (buf[i + k] & 0xFF) >= lo && (buf[i + k] & 0xFF) <= hi) {
            lo = 0x80;
            hi = 0xBF;
            k++;
        }
        return k;
    }

    /**
     * Decodes the code point that ends just before {@code i} ({@code i > start}).
     *
     * @return the code point, or -1 if the bytes there are not well-formed UTF-8
     */
    public static int decodeBefore(byte[] buf, int start, int i) {
        int b = buf[i - 1] & 0xFF;
        if (b < 0x80) {
            return b;
        }
        int j = i - 1;
        while (j > start && j > i - 4 && (buf[j] & 0xC0) == 0x80) {
            j--;
        }
        int cp = decode(buf, j, i);
        if (cp < 0 || j + sequenceLength(buf, j, i) != i) {
            return -1;
        }
        return cp;
    }
}
