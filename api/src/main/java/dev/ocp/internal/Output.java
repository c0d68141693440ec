package dev.ocp.internal;

import dev.ocp.OcpDocument;
import dev.ocp.spi.BlockPool;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;

/**
 * A buffered character sink for the renderers: decodes UTF-8 straight from the payload into a reused
 * {@code char[]} with the escaping each output needs, so rendering allocates nothing per node. Ill-formed
 * UTF-8 becomes U+FFFD, one per maximal subpart: the decoder is {@link Utf8#sequence}, the same that
 * {@link Utf8#decode} (and so every string an {@link dev.ocp.OcpNode} hands out) relies on. Public for the renderers
 * of the other packages ({@code dev.ocp.text}); like the rest of this package, not exported.
 */
public final class Output {
    /** Characters pass unchanged. */
    public static final int RAW = 0;
    /** {@code & < > "} become entities: for HTML text and attribute values. */
    public static final int HTML = 1;
    /** JSON string content: {@code " \} and control characters escaped. */
    public static final int JSON = 2;
    /**
     * Raw HTML under GFM's tagfilter: unchanged, except that the {@code <} of the nine tags GitHub disallows
     * ({@link #disallowedTag}) becomes {@code &lt;}.
     */
    public static final int TAGFILTER = 3;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    /** Where full buffers go; null when the output is collected into {@link #chars} for {@link #string()}. */
    private static final byte[] NO_BYTES = {};

    private final Appendable out;
    private final StringBuilder builder;
    private final Writer writer;
    private char[] chars;
    private int n;
    /** Where {@link #utf8} copies text out of a buffer that has no array; made on first need. */
    private byte[] bytes = NO_BYTES;
    private char lastFlushed = '\n';
    /** The document whose walks' reads are paused while the {@link Appendable} has the text, or null. */
    private OcpDocument walked;

    /** An output that hands its characters to {@code out} 8192 at a time. */
    public Output(Appendable out) {
        this.out = out;
        this.builder = out instanceof StringBuilder ? (StringBuilder) out : null;
        this.writer = out instanceof Writer ? (Writer) out : null;
        this.chars = new char[8192];
    }

    /**
     * An output that keeps everything in one growing array, read with {@link #string()}: a rendering into a
     * string then copies its characters once, where a {@link StringBuilder} would copy them on every
     * append, on every growth of its own and once more in {@code toString()}.
     */
    public Output(int expectedChars) {
        this.out = null;
        this.builder = null;
        this.writer = null;
        this.chars = new char[Math.max(64, expectedChars)];
    }

    /**
     * Pauses the current thread's walks of {@code document} while the {@link Appendable} has the characters: the
     * caller's code may close the document or wait for a thread that does, and that close waits for reads under
     * way. A document closed meanwhile makes the walk throw {@link IllegalStateException} when it takes its read
     * back, before it reads again.
     *
     * @return this output
     */
    public Output pausing(OcpDocument document) {
        walked = document;
        return this;
    }

    private void pauseRead() {
        if (walked != null) {
            Walks.pause(walked);
        }
    }

    private void resumeRead() {
        if (walked != null) {
            Walks.resume(walked);
        }
    }

    /** What writes into an output: a renderer's walk. */
    public interface Writing {
        /**
         * Writes into {@code output}.
         *
         * @param output where the text goes
         * @throws IOException if the output's {@link Appendable} fails
         */
        void to(Output output) throws IOException;
    }

    /**
     * Collects what {@code writing} writes into one string, the characters copied once (see {@link #Output(int)}).
     *
     * @param expectedChars about how long the result will be, for the first array
     * @param writing       what writes the text
     * @return the text
     */
    public static String collect(long expectedChars, Writing writing) {
        int wanted = (int) Math.max(64, Math.min(Integer.MAX_VALUE - 8, expectedChars));
        // An array a collection before left, when it is large enough: a fresh one is zeroed first, a cost of the
        // same order as the string copy, for every rendering. Taken out of the pool while in use, so that a
        // collection inside another (a renderer called from a visitor) makes its own.
        char[] kept = SPARE.take();
        Output output = kept != null && kept.length >= wanted ? new Output(kept) : new Output(wanted);
        try {
            writing.to(output);
            return output.string();
        } catch (IOException e) {
            throw new AssertionError("collecting into an array does not throw", e);
        } finally {
            // the array used is at least as long as the one taken, unless it grew past the bound
            char[] back = output.chars.length <= SPARE_CHARS ? output.chars : kept;
            if (back != null) {
                SPARE.give(back);
            }
        }
    }

    /**
     * The largest array kept between collections, 128 KB: enough for the HTML of a document of tens of kilobytes.
     */
    private static final int SPARE_CHARS = 1 << 16;

    /**
     * Arrays of collections that ended, a slot per thread that renders at once ({@link BlockPool}): a thread mostly
     * takes back its own, and what all threads keep is bounded by the pool's slots (16, or twice the processors),
     * not by how many threads ever render, which a thread-local array per thread would be (virtual threads
     * included).
     */
    private static final BlockPool<char[]> SPARE = BlockPool.forParsingThreads(() -> null);

    private Output(char[] reused) {
        this.out = null;
        this.builder = null;
        this.writer = null;
        this.chars = reused;
    }

    /** Everything written to an output made with {@link #Output(int)}. */
    public String string() {
        return new String(chars, 0, n);
    }

    /** How many characters an output made with {@link #Output(int)} holds. */
    public int length() {
        return n;
    }

    /** The array of an output made with {@link #Output(int)}: its first {@link #length()} characters are the text. */
    public char[] array() {
        return chars;
    }

    /** The last character written, {@code '\n'} at the start (so the first block needs no line break). */
    public char last() {
        return n > 0 ? chars[n - 1] : lastFlushed;
    }

    /** Starts a new line unless at the start of one (the reference renderers' "cr"). */
    public void cr() throws IOException {
        if (last() != '\n') {
            ch('\n');
        }
    }

    /**
     * Writes one character as it is.
     *
     * @param c the character
     * @throws IOException if the {@link Appendable} fails
     */
    public void ch(char c) throws IOException {
        if (n == chars.length) {
            drain();
        }
        chars[n++] = c;
    }

    /** Writes characters that need no escaping (markup). */
    public void raw(String s) throws IOException {
        int len = s.length();
        if (len > chars.length - n) {
            if (out == null) {
                grow(len);
            } else {
                drain();
                if (len > chars.length) {
                    pauseRead();
                    out.append(s);
                    resumeRead();
                    lastFlushed = s.charAt(len - 1);
                    return;
                }
            }
        }
        s.getChars(0, len, chars, n);
        n += len;
    }

    /** Writes an unsigned 32-bit value in decimal. */
    public void unsigned(int value) throws IOException {
        if (value >= 0) {
            if (10 > chars.length - n) {
                drain();
            }
            n = decimal(chars, n, value);
            return;
        }
        long v = Integer.toUnsignedLong(value);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        if (digits > chars.length - n) {
            drain();
        }
        for (int i = n + digits - 1; i >= n; i--) {
            chars[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
    }

    /**
     * Writes constant texts with numbers (not negative) between them: {@code texts[0]}, {@code numbers[0]},
     * {@code texts[1]}, ..., {@code texts[numbers.length]}, after one check for room where each piece would make its
     * own (mdast writes six numbers and six texts per node this way).
     *
     * @throws IllegalArgumentException if a number is negative or {@code texts} is not one longer than
     *                                  {@code numbers}
     */
    public void template(char[][] texts, int[] numbers) throws IOException {
        if (texts.length != numbers.length + 1) {
            throw new IllegalArgumentException("a template has one text more than numbers");
        }
        int room = 0;
        for (char[] text : texts) {
            room += text.length;
        }
        for (int number : numbers) {
            if (number < 0) {
                throw new IllegalArgumentException("a template's numbers are not negative, not " + number);
            }
            room += 10;
        }
        if (room > chars.length - n) {
            drain();
            if (room > chars.length - n) {
                grow(room);
            }
        }
        char[] cs = chars;
        int k = n;
        for (int i = 0; i < numbers.length; i++) {
            char[] text = texts[i];
            System.arraycopy(text, 0, cs, k, text.length);
            k += text.length;
            k = decimal(cs, k, numbers[i]);
        }
        char[] last = texts[numbers.length];
        System.arraycopy(last, 0, cs, k, last.length);
        n = k + last.length;
    }

    /**
     * Puts {@code value} (not negative) in decimal into {@code cs} at {@code at}, which has room for ten digits;
     * returns where it ends. Two digits a step: mdast writes six numbers per node.
     */
    private static int decimal(char[] cs, int at, int value) {
        if (value < 100) {
            // columns, and the lines of short documents
            if (value < 10) {
                cs[at] = (char) ('0' + value);
                return at + 1;
            }
            cs[at] = PAIRS[value << 1];
            cs[at + 1] = PAIRS[(value << 1) + 1];
            return at + 2;
        }
        int digits = digits(value);
        int i = at + digits;
        int v = value;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            v = q;
            cs[--i] = PAIRS[r + 1];
            cs[--i] = PAIRS[r];
        }
        if (v >= 10) {
            cs[--i] = PAIRS[(v << 1) + 1];
            cs[--i] = PAIRS[v << 1];
        } else {
            cs[--i] = (char) ('0' + v);
        }
        return at + digits;
    }

    /** "00" to "99": the two digits of each number below 100. */
    private static final char[] PAIRS = new char[200];

    static {
        for (int k = 0; k < 100; k++) {
            PAIRS[2 * k] = (char) ('0' + k / 10);
            PAIRS[2 * k + 1] = (char) ('0' + k % 10);
        }
    }

    /**
     * The number of decimal digits of {@code value} (not negative): from its bit length, which gives the digits
     * or one fewer ({@code 1233 / 4096} is just above log10 2), and one comparison.
     */
    private static int digits(int value) {
        int guess = (32 - Integer.numberOfLeadingZeros(value | 1)) * 1233 >>> 12;
        return guess + ((value | 1) >= POWERS_OF_TEN[guess] ? 1 : 0);
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** Writes one ASCII or Latin-1 character with the escaping of {@code mode}. */
    public void escaped(char c, int mode) throws IOException {
        if (c < 0x80) {
            ascii(c, mode);
        } else if (mode == JSON && Character.isSurrogate(c)) {
            jsonEscape(c);
        } else {
            ch(c);
        }
    }

    /** Writes a JSON string value: {@code null}, or the string quoted and escaped. */
    public void jsonString(String value) throws IOException {
        if (value == null) {
            raw("null");
            return;
        }
        ch('"');
        escaped(value, JSON);
        ch('"');
    }

    /** Writes a Java string with the escaping of {@code mode}. */
    public void escaped(String s, int mode) throws IOException {
        boolean[] special = SPECIAL[mode];
        int len = s.length();
        int i = 0;
        while (i < len) {
            if (n == chars.length) {
                drain();
            }
            // Runs of characters that need no escaping go straight into the buffer, as in utf8().
            char[] cs = chars;
            int k = n;
            int stop = Math.min(len, i + (cs.length - k));
            while (i < stop) {
                char c = s.charAt(i);
                if (c < 0x80 ? special[c] : mode == JSON && Character.isSurrogate(c)) {
                    break;
                }
                cs[k++] = c;
                i++;
            }
            n = k;
            if (i < stop) {
                escaped(s.charAt(i++), mode); // the character that ended the run
            }
        }
    }

    private void ascii(int c, int mode) throws IOException {
        if (mode == HTML) {
            switch (c) {
                case '&':
                    raw("&amp;");
                    return;
                case '<':
                    raw("&lt;");
                    return;
                case '>':
                    raw("&gt;");
                    return;
                case '"':
                    raw("&quot;");
                    return;
                default:
                    ch((char) c);
                    return;
            }
        }
        if (mode == JSON) {
            if (c == '"' || c == '\\') {
                ch('\\');
                ch((char) c);
                return;
            }
            if (c < 0x20) {
                switch (c) {
                    case '\n':
                        raw("\\n");
                        return;
                    case '\r':
                        raw("\\r");
                        return;
                    case '\t':
                        raw("\\t");
                        return;
                    case '\b':
                        raw("\\b");
                        return;
                    case '\f':
                        raw("\\f");
                        return;
                    default:
                        jsonEscape(c);
                        return;
                }
            }
        }
        ch((char) c);
    }

    /** Writes {@code c} as a JSON escape: backslash, {@code u}, four lower-case hex digits. */
    private void jsonEscape(int c) throws IOException {
        raw("\\u");
        ch(HEX_LOWER[c >> 12 & 0xF]);
        ch(HEX_LOWER[c >> 8 & 0xF]);
        ch(HEX_LOWER[c >> 4 & 0xF]);
        ch(HEX_LOWER[c & 0xF]);
    }

    /**
     * Decodes {@code len} UTF-8 bytes of {@code b} from absolute index {@code pos} and writes them with the
     * escaping of {@code mode}.
     *
     * @param b    the bytes, read at absolute indexes (its position and limit are not used)
     * @param pos  the first byte
     * @param len  how many bytes
     * @param mode {@link #RAW}, or an escaping of this package's renderers
     * @throws IOException if the {@link Appendable} fails
     */
    public void utf8(ByteBuffer b, int pos, int len, int mode) throws IOException {
        // Read from an array: a buffer's get(int) checks its bounds on every byte, and a buffer over a memory
        // segment (ffm's views) its segment's state too, which made a byte read the most of what ffm's toHtml did
        // (JFR, progit). A buffer without an array is copied out in one bulk read first.
        byte[] a;
        int delta; // the array's index of the buffer's index 0
        if (b.hasArray()) {
            a = b.array();
            delta = b.arrayOffset();
        } else {
            if (bytes.length < len) {
                bytes = new byte[Math.max(len, Math.max(256, 2 * bytes.length))];
            }
            a = bytes;
            b.get(pos, a, 0, len);
            delta = -pos;
        }
        boolean[] special = SPECIAL[mode];
        // The patterns of the word test (see stopsIn); a mode with fewer than four special characters repeats one.
        long p0 = WORD_PATTERNS[mode][0];
        long p1 = WORD_PATTERNS[mode][1];
        long p2 = WORD_PATTERNS[mode][2];
        long p3 = WORD_PATTERNS[mode][3];
        long controls = mode == JSON ? 0x6060606060606060L : HIGH; // JSON stops below 0x20, the others never
        long escapes = mode == RAW ? 0 : HIGH;
        int i = pos + delta;
        int end = i + len;
        while (i < end) {
            // Most text is runs of characters that need no escaping: ASCII, and the two- and three-byte sequences of
            // every script but the rarest. One loop takes them all and stops only for a character that needs escaping,
            // a four-byte or ill-formed sequence, or a full buffer; a sequence never writes more characters than it has
            // bytes, so the buffer's room in characters bounds the bytes a pass may read, and eight bytes left before
            // the stop leave room for eight characters. (Progit's first 10 KB is Arabic: leaving this loop for every
            // two-byte letter made decoding it most of toHtml's time.) Utf8.sequence is too large for the JIT to
            // inline into every caller's copy of this loop, and a call per character costs.
            char[] cs = chars;
            int k = n;
            int stop = Math.min(end, i + (cs.length - k));
            while (i < stop) {
                int c = a[i];
                if (c >= 0) {
                    if (special[c]) {
                        break;
                    }
                    cs[k++] = (char) c;
                    i++;
                    // ASCII comes in runs (Latin-script text, markup, code): after an ASCII character followed by
                    // another, take eight bytes a step while they are ASCII that needs no escaping. Tried only
                    // there, the test costs other scripts little (their words start after a space with a byte that
                    // is not ASCII), where a test before every character made CJK decode at about half the speed.
                    while (stop - i >= 8 && a[i] >= 0) {
                        long w = (long) Utf8.WORDS.get(a, i);
                        long stops = stopsIn(w, p0, p1, p2, p3, controls, escapes);
                        if (stops != 0) {
                            // the run's last bytes, up to the first that ends it
                            for (int run = Long.numberOfTrailingZeros(stops) >>> 3; run > 0; run--) {
                                cs[k++] = (char) (w & 0xFF);
                                w >>>= 8;
                                i++;
                            }
                            break;
                        }
                        Utf8.widenAscii(w, cs, k);
                        k += 8;
                        i += 8;
                    }
                } else if (c >= (byte) 0xC2 && c <= (byte) 0xDF && i + 1 < end && (a[i + 1] & 0xC0) == 0x80) {
                    cs[k++] = (char) ((c & 0x1F) << 6 | a[i + 1] & 0x3F);
                    i += 2;
                    // Alphabets of two-byte letters (Arabic, Cyrillic, Greek, Hebrew) come in runs too, with spaces
                    // between words: after one letter, take four at a step (Utf8.twoByteText).
                    long ended = Utf8.twoByteText(a, i, stop, cs, k, special);
                    i = (int) (ended >>> 32);
                    k = (int) ended;
                } else if (c >= (byte) 0xE1 && c <= (byte) 0xEF && c != (byte) 0xED && i + 2 < end
                        && (a[i + 1] & 0xC0) == 0x80 && (a[i + 2] & 0xC0) == 0x80) {
                    cs[k++] = (char) ((c & 0x0F) << 12 | (a[i + 1] & 0x3F) << 6 | a[i + 2] & 0x3F);
                    i += 3;
                } else {
                    break;
                }
            }
            n = k;
            if (i >= end) {
                return;
            }
            if (i >= stop) {
                drain();
                continue;
            }
            int c = a[i];
            if (c >= 0) {
                if (mode == TAGFILTER) {
                    // '<' is TAGFILTER's only special character
                    raw(disallowedTag(b, i - delta, end - delta) ? "&lt;" : "<");
                    i++;
                    continue;
                }
                i++;
                ascii(c, mode);
                continue;
            }
            int q = Utf8.sequence(b, i - delta, end - delta);
            if (q < 0) {
                i -= q;
                ch('\uFFFD');
                continue;
            }
            i += Utf8.length(q);
            int cp = Utf8.codePoint(q);
            if (cp < 0x10000) {
                ch((char) cp);
            } else {
                ch(Character.highSurrogate(cp));
                ch(Character.lowSurrogate(cp));
            }
        }
    }

    /** Per mode, the ASCII characters that {@link #ascii} does not pass through unchanged. */
    private static final boolean[][] SPECIAL = new boolean[4][128];

    /** The high bit of every byte of a word. */
    private static final long HIGH = Utf8.HIGHS;

    /** Every byte 7F: added to a byte below 80, sets its high bit unless the byte is 0, and never carries. */
    private static final long LOW7 = Utf8.LOW7;

    /** Per mode, four words of one special ASCII character each (repeated where the mode has fewer). */
    private static final long[][] WORD_PATTERNS = {
        {0, 0, 0, 0},
        {0x2626262626262626L, 0x3C3C3C3C3C3C3C3CL, 0x3E3E3E3E3E3E3E3EL, 0x2222222222222222L},
        {0x2222222222222222L, 0x5C5C5C5C5C5C5C5CL, 0x5C5C5C5C5C5C5C5CL, 0x5C5C5C5C5C5C5C5CL},
        {0x3C3C3C3C3C3C3C3CL, 0x3C3C3C3C3C3C3C3CL, 0x3C3C3C3C3C3C3C3CL, 0x3C3C3C3C3C3C3C3CL},
    };

    /**
     * The bytes of {@code w} that end a run of plain ASCII: each non-ASCII byte and each byte equal to one of the
     * patterns' (when {@code escapes} is {@link #HIGH}) or below 20 (when {@code controls} is 60 in every byte), as
     * the high bit of its byte. A byte equal to a pattern's becomes 0 under XOR, the one 7-bit value whose sum with
     * 7F lacks the high bit. Non-ASCII bytes make the sums carry into the bytes after them, so only the lowest set
     * bit is exact, which is all the caller reads.
     */
    private static long stopsIn(long w, long p0, long p1, long p2, long p3, long controls, long escapes) {
        long allClear = ((w ^ p0) + LOW7) & ((w ^ p1) + LOW7) & ((w ^ p2) + LOW7) & ((w ^ p3) + LOW7) & (w + controls);
        return w & HIGH | ~allClear & escapes;
    }

    /** The tags GFM's tagfilter disallows (GFM spec, section 6.11), lower case. */
    private static final String[] DISALLOWED = {"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes",
        "script", "plaintext"};

    /**
     * Whether the {@code <} at {@code pos} opens or closes a disallowed tag: {@code <} and an optional {@code /},
     * one of the {@link #DISALLOWED} names in any case, then whitespace, {@code >} or {@code />}.
     */
    public static boolean disallowedTag(ByteBuffer b, int pos, int end) {
        int i = pos + 1;
        if (i < end && b.get(i) == '/') {
            i++;
        }
        for (String name : DISALLOWED) {
            int n = name.length();
            if (i + n >= end) {
                continue;
            }
            boolean same = true;
            for (int k = 0; k < n && same; k++) {
                same = (b.get(i + k) | 0x20) == name.charAt(k);
            }
            if (!same) {
                continue;
            }
            byte after = b.get(i + n);
            if (after == ' ' || after == '\t' || after == '\n' || after == 0x0B || after == '\f' || after == '\r'
                    || after == '>' || after == '/' && i + n + 1 < end && b.get(i + n + 1) == '>') {
                return true;
            }
        }
        return false;
    }

    static {
        SPECIAL[TAGFILTER]['<'] = true;
        for (char c : "&<>\"".toCharArray()) {
            SPECIAL[HTML][c] = true;
        }
        for (int c = 0; c < 0x20; c++) {
            SPECIAL[JSON][c] = true;
        }
        SPECIAL[JSON]['"'] = true;
        SPECIAL[JSON]['\\'] = true;
    }

    /**
     * Writes a link destination for an HTML attribute the way the CommonMark reference renderers do:
     * existing {@code %XX} escapes are kept, a {@code %} that starts none becomes {@code %25}, every byte
     * outside the URL-safe ASCII set is percent-encoded (which also encodes non-ASCII UTF-8 byte by byte),
     * and {@code &} becomes {@code &amp;}.
     */
    public void url(ByteBuffer b, int pos, int len) throws IOException {
        int end = pos + len;
        for (; pos < end; pos++) {
            int c = b.get(pos) & 0xFF;
            if (c == '%') {
                if (pos + 2 < end && isHex(b.get(pos + 1)) && isHex(b.get(pos + 2))) {
                    ch('%');
                    ch((char) b.get(pos + 1));
                    ch((char) b.get(pos + 2));
                    pos += 2;
                } else {
                    raw("%25");
                }
            } else if (c == '&') {
                raw("&amp;");
            } else if (c < 0x80 && URL_SAFE[c]) {
                ch((char) c);
            } else {
                ch('%');
                ch(HEX[c >> 4]);
                ch(HEX[c & 0xF]);
            }
        }
    }

    private static final boolean[] URL_SAFE = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            URL_SAFE[c] = true;
            URL_SAFE[c - 'a' + 'A'] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URL_SAFE[c] = true;
        }
        for (char c : "-._~:/?#@!$&'()*+,;=".toCharArray()) {
            URL_SAFE[c] = true;
        }
    }

    private static boolean isHex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Makes room: hands the full buffer on, or grows it when collecting. */
    private void drain() throws IOException {
        if (out == null) {
            grow(1);
            return;
        }
        if (n == 0) {
            return;
        }
        pauseRead();
        if (builder != null) {
            builder.append(chars, 0, n);
        } else if (writer != null) {
            writer.write(chars, 0, n);
        } else {
            out.append(CharBuffer.wrap(chars), 0, n);
        }
        resumeRead();
        lastFlushed = chars[n - 1];
        n = 0;
    }

    private void grow(int more) {
        int needed = n + more;
        if (needed < 0) {
            throw new OutOfMemoryError("rendered text exceeds the largest Java string");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) chars.length * 2, needed));
        if (capacity < needed) {
            throw new OutOfMemoryError("rendered text exceeds the largest Java string");
        }
        chars = java.util.Arrays.copyOf(chars, capacity);
    }

    /** Hands everything written so far to the {@link Appendable} (nothing to do when collecting). */
    public void flush() throws IOException {
        if (out != null) {
            drain();
        }
    }
}
