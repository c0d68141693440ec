package dev.ocp.internal;

/**
 * A strict RFC 8259 well-formedness check for tests, iterative so that documents nested 100,000 deep can be
 * checked. Throws {@link AssertionError} at the first defect; returns the number of objects seen.
 */
public final class JsonChecker {
    private final String s;
    private int i;

    private JsonChecker(String s) {
        this.s = s;
    }

    public static int check(String json) {
        return new JsonChecker(json).run();
    }

    private int run() {
        char[] stack = new char[16]; // open containers, '{' or '['
        int depth = 0;
        int objects = 0;
        boolean expectValue = true;
        ws();
        while (true) {
            if (expectValue) {
                char c = peek();
                if (c == '{' || c == '[') {
                    i++;
                    if (c == '{') {
                        objects++;
                    }
                    if (depth == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = c;
                    ws();
                    if (peek() == (c == '{' ? '}' : ']')) {
                        i++;
                        depth--;
                        expectValue = false;
                    } else {
                        if (c == '{') {
                            key();
                        }
                        continue;
                    }
                } else {
                    scalar();
                    expectValue = false;
                }
            }
            ws();
            if (depth == 0) {
                if (i != s.length()) {
                    fail("trailing characters");
                }
                return objects;
            }
            char c = peek();
            char open = stack[depth - 1];
            if (c == ',') {
                i++;
                ws();
                if (open == '{') {
                    key();
                }
                expectValue = true;
            } else if (c == (open == '{' ? '}' : ']')) {
                i++;
                depth--;
            } else {
                fail("expected , or close");
            }
        }
    }

    /** Reads {@code "key":} and leaves the parser expecting a value. */
    private void key() {
        if (peek() != '"') {
            fail("expected a key");
        }
        string();
        ws();
        if (peek() != ':') {
            fail("expected :");
        }
        i++;
        ws();
        // the caller's loop continues with expectValue still true
    }

    private void scalar() {
        char c = peek();
        if (c == '"') {
            string();
        } else if (s.startsWith("true", i)) {
            i += 4;
        } else if (s.startsWith("false", i)) {
            i += 5;
        } else if (s.startsWith("null", i)) {
            i += 4;
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else {
            fail("expected a value");
        }
    }

    private void string() {
        i++; // opening quote
        while (true) {
            if (i >= s.length()) {
                fail("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                fail("raw control character in a string");
            }
            if (Character.isHighSurrogate(c)) {
                if (i >= s.length() || !Character.isLowSurrogate(s.charAt(i))) {
                    fail("lone surrogate");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                fail("lone surrogate");
            }
            if (c == '\\') {
                char e = peek();
                i++;
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        char h = peek();
                        if (Character.digit(h, 16) < 0) {
                            fail("bad \\u escape");
                        }
                        i++;
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    fail("bad escape");
                }
            }
        }
    }

    private void number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            fail("bad number");
        }
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            fail("renderer writes integers only: " + s.substring(start, i + 1));
        }
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            fail("unexpected end");
        }
        return s.charAt(i);
    }

    private void fail(String why) {
        int from = Math.max(0, i - 30);
        throw new AssertionError("malformed JSON at " + i + ": " + why + " near '"
                + s.substring(from, Math.min(s.length(), i + 30)) + "'");
    }
}
