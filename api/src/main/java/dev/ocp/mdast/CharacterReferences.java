package dev.ocp.mdast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JS toolchain's tree builder does to a label's source to make mdast's {@code label}: backslash escapes of
 * ASCII punctuation and character references ({@code &amp;}, {@code &#35;}, {@code &#x23;}) decoded, everything
 * else kept. A named reference outside the WHATWG table stays as written; a numeric one to a code point HTML
 * forbids (NUL, a surrogate, a control, a noncharacter, past U+10FFFF) is U+FFFD. The table is the java engine's
 * {@code entities.txt}, packed into this module by the build and read on first use.
 */
final class CharacterReferences {
    private static final int MAX_NAME = 31;

    private CharacterReferences() {
    }

    /** The names of the table, without {@code &} and {@code ;}, and what each stands for; loaded on first use. */
    private static final class Table {
        static final Map<String, String> NAMES = load();

        private static Map<String, String> load() {
            Map<String, String> names = new HashMap<>(4096);
            try (InputStream in = CharacterReferences.class.getResourceAsStream("entities.txt")) {
                if (in == null) {
                    throw new IllegalStateException("resource dev/ocp/internal/entities.txt is missing");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    StringBuilder value = new StringBuilder(2);
                    for (String cp : line.substring(tab + 1).split(" ")) {
                        value.appendCodePoint(Integer.parseInt(cp, 16));
                    }
                    names.put(line.substring(0, tab), value.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return names;
        }
    }

    /**
     * @param s a label as written
     * @return it with its escapes and character references decoded
     */
    static String decode(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && isAsciiPunctuation(s.charAt(i + 1))) {
                sb.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '&') {
                i = reference(s, i, sb);
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** Appends what the reference at {@code at} (an {@code &}) stands for, or the {@code &}; returns where to go on. */
    private static int reference(String s, int at, StringBuilder sb) {
        int semicolon = s.indexOf(';', at + 1);
        if (semicolon > at + 1) {
            String body = s.substring(at + 1, semicolon);
            if (body.charAt(0) == '#') {
                boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
                String digits = body.substring(hex ? 2 : 1);
                if (!digits.isEmpty() && digits.length() <= (hex ? 6 : 7) && allDigits(digits, hex)) {
                    int code = Integer.parseInt(digits, hex ? 16 : 10);
                    sb.appendCodePoint(allowed(code) ? code : 0xFFFD);
                    return semicolon + 1;
                }
            } else if (body.length() <= MAX_NAME && allAlphanumeric(body)) {
                String value = Table.NAMES.get(body);
                if (value != null) {
                    sb.append(value);
                    return semicolon + 1;
                }
            }
        }
        sb.append('&');
        return at + 1;
    }

    /** micromark's rule for a numeric reference's code point. */
    private static boolean allowed(int code) {
        return !(code < 9 || code == 11 || code > 13 && code < 32 || code > 126 && code < 160
                || code >= 0xD800 && code <= 0xDFFF || code >= 0xFDD0 && code <= 0xFDEF
                || (code & 0xFFFF) == 0xFFFF || (code & 0xFFFF) == 0xFFFE || code > 0x10FFFF);
    }

    private static boolean allDigits(String s, boolean hex) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), hex ? 16 : 10) < 0 || s.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean allAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
