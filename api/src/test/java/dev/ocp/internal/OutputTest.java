package dev.ocp.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderers' and the cursor's UTF-8 decoding: the specification's replacement rule, on every input. */
class OutputTest {

    @Test
    void decodesIllFormedInputOneReplacementPerMaximalSubpart() throws IOException {
        // Unicode 15, table 3-8
        byte[] table38 = bytes(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64);
        assertEquals("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", decode(table38, Output.RAW));
        // an encoded surrogate is three subparts (the JDK's String decoder makes it one)
        assertEquals("\uFFFD\uFFFD\uFFFD", decode(bytes(0xED, 0xA0, 0x80), Output.RAW));
        assertEquals("\uFFFD\uFFFD", decode(bytes(0xC0, 0xAF), Output.RAW));
        assertEquals("\uFFFD\uFFFD", decode(bytes(0xF4, 0x90), Output.RAW));
        assertEquals("\uFFFD", decode(bytes(0xF0, 0x9F, 0x98), Output.RAW));
        assertEquals("\uFFFDA", decode(bytes(0xF0, 0x9F, 0x98, 0x41), Output.RAW));
    }

    @Test
    void agreesWithAnIndependentReferenceAndWithTheJdkOnWellFormedInput() throws IOException {
        Random rnd = new Random(20240601L);
        // bytes drawn mostly from the interesting places: ASCII, continuation bytes, every kind of lead byte
        int[] pool = {'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
        int wellFormed = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[rnd.nextInt(round % 2 == 0 ? 12 : 30)]; // across words
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : pool[rnd.nextInt(pool.length)]);
            }
            String expected = reference(bytes);
            assertEquals(expected, decode(bytes, Output.RAW), () -> hex(bytes));
            assertEquals(expected, Utf8.decode(ByteBuffer.wrap(bytes), 0, bytes.length), () -> hex(bytes));
            boolean valid = expected.indexOf('\uFFFD') < 0;
            assertEquals(valid, Utf8.isWellFormed(bytes), () -> hex(bytes));
            if (valid) {
                wellFormed++;
                assertEquals(new String(bytes, StandardCharsets.UTF_8), expected);
            }
        }
        assertTrue(wellFormed > 1000, "well-formed samples: " + wellFormed);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += 1 + (cp >> 10)) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(s, decode(utf8, Output.RAW));
            assertTrue(Utf8.isWellFormed(utf8));
        }
    }

    @Test
    void wellFormedTextCutAnywhereIsWellFormedOnlyAtACharacterBoundary() {
        // Every cut of every sequence length at every place in the eight-byte words the check reads
        String text = "ab\u00e9\u20ac\ud83d\ude00x\u0800\ud7ff\u00dfyz\ud83c\udf89\u4e2d\u0915\u00a0\uffff\udbff\udfffq";
        java.util.Set<Integer> boundaries = new java.util.HashSet<>();
        int offset = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            boundaries.add(offset);
            offset += new String(Character.toChars(text.codePointAt(i))).getBytes(StandardCharsets.UTF_8).length;
        }
        boundaries.add(offset);
        for (int shift = 0; shift < 8; shift++) {
            byte[] all = ("1234567".substring(0, shift) + text).getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut <= all.length; cut++) {
                byte[] prefix = java.util.Arrays.copyOf(all, cut);
                assertEquals(cut < shift || boundaries.contains(cut - shift), Utf8.isWellFormed(prefix),
                        "shift " + shift + ", cut at " + cut);
            }
        }
    }

    @Test
    void theNarrowSecondBytesAreCheckedWhereverTheSequenceFallsInAWord() {
        // Each lead with a second byte just inside and just outside its range, at every place in a word
        int[][] sequences = {{0xE0, 0x9F, 0x80}, {0xE0, 0xA0, 0x80}, {0xED, 0x9F, 0x80}, {0xED, 0xA0, 0x80},
            {0xF0, 0x8F, 0x80, 0x80}, {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80},
            {0xC1, 0xBF}, {0xC2, 0x80}, {0xF5, 0x80, 0x80, 0x80}};
        for (int[] sequence : sequences) {
            for (int shift = 0; shift < 16; shift++) {
                byte[] bytes = new byte[shift + sequence.length + 1];
                java.util.Arrays.fill(bytes, (byte) 'a');
                for (int i = 0; i < sequence.length; i++) {
                    bytes[shift + i] = (byte) sequence[i];
                }
                boolean valid = reference(bytes).indexOf('\uFFFD') < 0;
                assertEquals(valid, Utf8.isWellFormed(bytes), () -> hex(bytes));
            }
        }
    }

    @Test
    void numbersAreWrittenInDecimalAtEveryDigitCount() throws IOException {
        java.util.List<Integer> values = new java.util.ArrayList<>(java.util.List.of(0, 1, 9, Integer.MAX_VALUE, -1,
                Integer.MIN_VALUE));
        for (long p = 10; p <= Integer.MAX_VALUE; p *= 10) {
            values.add((int) p - 1);
            values.add((int) p);
            values.add((int) p + 1);
        }
        Random rnd = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            values.add(rnd.nextInt() >>> rnd.nextInt(32));
        }
        StringBuilder written = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        Output out = new Output(written);
        for (int v : values) {
            out.unsigned(v);
            out.ch(' ');
            expected.append(Integer.toUnsignedString(v)).append(' ');
        }
        out.flush();
        assertEquals(expected.toString(), written.toString());
    }

    @Test
    void templatesWriteTheirTextsAndNumbersAcrossEveryBufferBoundary() throws IOException {
        char[][] texts = {"{\"a\":".toCharArray(), ",\"b\":".toCharArray(), "}".toCharArray()};
        Random rnd = new Random(3);
        StringBuilder expected = new StringBuilder();
        StringBuilder handedOn = new StringBuilder();
        Output chunked = new Output(handedOn);
        Output collected = new Output(1);
        for (int i = 0; i < 5_000; i++) {
            int a = rnd.nextInt() >>> 1 + rnd.nextInt(31);
            int b = rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : rnd.nextInt(1000);
            expected.append("{\"a\":").append(a).append(",\"b\":").append(b).append('}');
            chunked.template(texts, new int[] {a, b});
            collected.template(texts, new int[] {a, b});
        }
        chunked.flush();
        assertEquals(expected.toString(), handedOn.toString());
        assertEquals(expected.toString(), collected.string());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> collected.template(texts, new int[] {1, -1}));
    }

    @Test
    void escapesTheSameWhetherHandedOnInChunksOrCollectedAndAcrossEveryBufferBoundary() throws IOException {
        // Long mixed text (ASCII runs, characters each mode escapes, multi-byte and ill-formed sequences),
        // written in pieces of varying length so that runs, escapes and sequences straddle the 8192-char
        // buffer of a handing-on output and the growth points of a collecting one.
        Random rnd = new Random(77);
        String[] pieces = {"plain text ", "&", "<", ">", "\"", "\\", "\n", "\t", "\u0001", "\u00e9", "\u20ac",
                "\ud83d\ude00", "x"};
        StringBuilder text = new StringBuilder();
        while (text.length() < 40_000) {
            text.append(pieces[rnd.nextInt(pieces.length)]);
        }
        byte[] valid = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(valid, valid.length + 2);
        bytes[bytes.length - 2] = (byte) 0xE2; // a sequence cut short at the very end
        bytes[bytes.length - 1] = (byte) 0x82;
        for (int mode : new int[] {Output.RAW, Output.HTML, Output.JSON}) {
            StringBuilder expected = new StringBuilder();
            String decoded = reference(bytes);
            for (int i = 0; i < decoded.length(); i++) {
                expected.append(escapeOne(decoded.charAt(i), mode));
            }
            StringBuilder handedOn = new StringBuilder();
            Output chunked = new Output(handedOn);
            Output collected = new Output(1);
            int pos = 0;
            while (pos < bytes.length) {
                int len = Math.min(bytes.length - pos, 1 + rnd.nextInt(3000));
                while (pos + len < bytes.length && (bytes[pos + len] & 0xC0) == 0x80) {
                    len++; // pieces end on character boundaries, as text nodes do
                }
                chunked.utf8(ByteBuffer.wrap(bytes), pos, len, mode);
                collected.utf8(ByteBuffer.wrap(bytes), pos, len, mode);
                pos += len;
            }
            chunked.flush();
            collected.flush();
            assertEquals(expected.toString(), handedOn.toString(), "mode " + mode);
            assertEquals(expected.toString(), collected.string(), "mode " + mode);
        }
    }

    @Test
    void eightByteRunsStopAtWhateverEndsThemAtEveryPlaceInTheWord() throws IOException {
        // Runs of ASCII and of two-byte sequences are read eight bytes a step: put each character that ends such a
        // run (one each mode escapes, bytes above 7F that start sequences of every length, ill-formed ones, two-byte
        // sequences at the ends of their range and overlong ones) at every place of the first words, after and
        // before runs of every length, with ASCII neighbours outside the text that a read past its end would take,
        // and with the buffer of a handing-on output a few characters from full.
        byte[][] enders = {ascii("&"), ascii("<"), ascii(">"), ascii("\""), ascii("\\"), ascii("\n"), ascii("\t"),
                bytes(0x01), bytes(0x1F), bytes(0x7F), ascii("a"), utf8("\u00e9"), utf8("\u0645"), utf8("\u20ac"),
                utf8("\ud83d\ude00"), bytes(0xC3), bytes(0x80), bytes(0xE2, 0x82), bytes(0xFF), bytes(0xED, 0xA0, 0x80),
                bytes(0xC2, 0x80), bytes(0xDF, 0xBF), bytes(0xC1, 0x80), bytes(0xC0, 0xAF), bytes(0xC2, 0x41),
                bytes(0xC2, 0xC2, 0x80), bytes(0xE0, 0x80)};
        byte[][] asciiLetters = new byte[26][];
        for (int i = 0; i < 26; i++) {
            asciiLetters[i] = new byte[] {(byte) ('a' + i)};
        }
        byte[][] twoByteLetters = {utf8("\u0645"), utf8("\u00e9"), utf8("\u0416"), utf8("\u07ff"), utf8("\u0080"),
                utf8("\u05d0"), utf8("\u03a9")};
        for (int mode : new int[] {Output.RAW, Output.HTML, Output.JSON, Output.TAGFILTER}) {
            for (byte[][] letters : new byte[][][] {asciiLetters, twoByteLetters}) {
                for (byte[] ender : enders) {
                    runsAround(ender, letters, mode);
                }
            }
        }
    }

    /** Checks {@code ender} after and before runs of {@code letters} of every length up to two words and more. */
    private static void runsAround(byte[] ender, byte[][] letters, int mode) throws IOException {
        for (int before = 0; before <= 17; before++) {
            for (int after : new int[] {0, 1, 3, 4, 7, 8, 9, 16}) {
                java.io.ByteArrayOutputStream built = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < before; i++) {
                    built.write(letters[i % letters.length], 0, letters[i % letters.length].length);
                }
                built.write(ender, 0, ender.length);
                for (int i = 0; i < after; i++) {
                    byte[] letter = letters[(i + 3) % letters.length];
                    built.write(letter, 0, letter.length);
                }
                byte[] text = built.toByteArray();
                String expected = escapeAll(reference(text), mode);
                String where = "mode " + mode + ", " + hex(text);
                assertEquals(expected, amid(text, mode, 8192, 0), where);
                for (int room : new int[] {0, 1, 3, 7, 8, 9}) {
                    assertEquals(expected, amid(text, mode, room, 0), where + ", room " + room);
                }
                assertEquals(expected, amid(text, mode, 8192, 3), where + ", twice");
            }
        }
    }

    @Test
    void theTagFilterFindsItsTagsAfterEightByteRuns() throws IOException {
        for (int before = 0; before <= 17; before++) {
            String run = "abcdefghijklmnopq".substring(0, before);
            byte[] text = (run + "<script>" + run + "<b>").getBytes(StandardCharsets.UTF_8);
            assertEquals(run + "&lt;script>" + run + "<b>", amid(text, Output.TAGFILTER, 8192, 0));
        }
    }

    /**
     * Decodes {@code text} from inside an array that has ASCII on both sides, through an output that hands its
     * characters on and has {@code room} characters left in its buffer (8192 for an empty one), after
     * {@code repeats} copies of the text written before it (so that it starts in the middle of the buffer).
     */
    private static String amid(byte[] text, int mode, int room, int repeats) throws IOException {
        byte[] padded = new byte[text.length + 18];
        java.util.Arrays.fill(padded, (byte) 'Z');
        System.arraycopy(text, 0, padded, 9, text.length);
        StringBuilder sb = new StringBuilder();
        Output out = new Output(sb);
        String fill = room >= 8192 ? "" : "-".repeat(8192 - room);
        out.raw(fill);
        StringBuilder expectedPrefix = new StringBuilder(fill);
        for (int r = 0; r < repeats; r++) {
            out.utf8(ByteBuffer.wrap(padded), 9, text.length, mode);
        }
        out.utf8(ByteBuffer.wrap(padded), 9, text.length, mode);
        out.flush();
        String all = sb.toString();
        assertTrue(all.startsWith(fill));
        String written = all.substring(fill.length());
        int one = written.length() / (repeats + 1);
        for (int r = 0; r < repeats; r++) {
            assertEquals(written.substring(written.length() - one), written.substring(r * one, (r + 1) * one));
        }
        return written.substring(written.length() - one);
    }

    private static String escapeAll(String decoded, int mode) {
        if (mode == Output.TAGFILTER) {
            return decoded; // none of the texts above opens a disallowed tag
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < decoded.length(); i++) {
            sb.append(escapeOne(decoded.charAt(i), mode));
        }
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void collectionsOnOneThreadReuseNoCharacterOfEachOther() {
        // A thread keeps the array of its last collection for the next: every result is its own characters only,
        // after a longer one, inside another collection, after one that threw, and past the bound of what is kept.
        assertEquals("x".repeat(5000), Output.collect(10, o -> o.raw("x".repeat(5000))));
        assertEquals("ab", Output.collect(5000, o -> o.raw("ab")));
        assertEquals("a[b]c", Output.collect(100, o -> {
            o.raw("a");
            o.raw(Output.collect(100, inner -> inner.raw("[b]")));
            o.raw("c");
        }));
        try {
            Output.collect(100, o -> {
                o.raw("lost");
                throw new IllegalStateException("closed");
            });
        } catch (IllegalStateException expected) {
            // the next collection starts empty
        }
        assertEquals("", Output.collect(100, o -> { }));
        String large = "y".repeat(300_000);
        assertEquals(large, Output.collect(1000, o -> o.raw(large)));
        assertEquals("z", Output.collect(1, o -> o.ch('z')));
        assertEquals(large, Output.collect(300_000, o -> o.raw(large)));
        assertEquals("", Output.collect(0, o -> { }));
    }

    /** One character as the given mode writes it, spelled out independently of {@link Output}. */
    private static String escapeOne(char c, int mode) {
        if (mode == Output.HTML) {
            switch (c) {
                case '&': return "&amp;";
                case '<': return "&lt;";
                case '>': return "&gt;";
                case '"': return "&quot;";
                default: return String.valueOf(c);
            }
        }
        if (mode == Output.JSON) {
            switch (c) {
                case '"': return "\\\"";
                case '\\': return "\\\\";
                case '\n': return "\\n";
                case '\t': return "\\t";
                default:
                    return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c); // text keeps its surrogates
            }
        }
        return String.valueOf(c);
    }

    /** Unicode's table 3-7, one row per form: the allowed range of each byte. */
    private static final int[][][] FORMS = {
            {{0xC2, 0xDF}, {0x80, 0xBF}},
            {{0xE0, 0xE0}, {0xA0, 0xBF}, {0x80, 0xBF}},
            {{0xE1, 0xEC}, {0x80, 0xBF}, {0x80, 0xBF}},
            {{0xED, 0xED}, {0x80, 0x9F}, {0x80, 0xBF}},
            {{0xEE, 0xEF}, {0x80, 0xBF}, {0x80, 0xBF}},
            {{0xF0, 0xF0}, {0x90, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}},
            {{0xF1, 0xF3}, {0x80, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}},
            {{0xF4, 0xF4}, {0x80, 0x8F}, {0x80, 0xBF}, {0x80, 0xBF}}};

    /** A deliberately different decoder: match each form, the longest matched prefix is the maximal subpart. */
    private static String reference(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < bytes.length) {
            int c = bytes[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int best = 0;
            int[][] complete = null;
            for (int[][] form : FORMS) {
                int k = 0;
                while (k < form.length && i + k < bytes.length
                        && (bytes[i + k] & 0xFF) >= form[k][0] && (bytes[i + k] & 0xFF) <= form[k][1]) {
                    k++;
                }
                if (k == form.length) {
                    complete = form;
                }
                best = Math.max(best, k);
            }
            if (complete != null) {
                int cp = (bytes[i] & 0xFF) & (0xFF >> (complete.length + 1));
                for (int k = 1; k < complete.length; k++) {
                    cp = cp << 6 | bytes[i + k] & 0x3F;
                }
                sb.appendCodePoint(cp);
                i += complete.length;
            } else {
                sb.append('\uFFFD');
                i += Math.max(1, best);
            }
        }
        return sb.toString();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void escapesForHtmlAndJson() throws IOException {
        byte[] bytes = "<a href=\"x\">&'\\\n\u0000\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;'\\\n\u0000\u00e9", decode(bytes, Output.HTML));
        assertEquals("<a href=\\\"x\\\">&'\\\\\\n\\u0000\u00e9", decode(bytes, Output.JSON));
    }

    private static String decode(byte[] bytes, int mode) throws IOException {
        StringBuilder sb = new StringBuilder();
        Output out = new Output(sb);
        byte[] padded = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        padded[0] = (byte) 0xE2; // neighbours the decoder must not read
        padded[padded.length - 1] = (byte) 0x80;
        out.utf8(ByteBuffer.wrap(padded), 2, bytes.length, mode);
        out.flush();
        return sb.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString();
    }
}
