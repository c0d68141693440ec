package dev.ocp.engine.java;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random inputs made of the characters that matter to the inline grammar: the parser never fails,
 * inline spans nest inside their parents and follow each other in order, the work stays within a constant
 * factor of the input, and the engine's output is deterministic.
 */
class InlineRandomInputTest {
    private static final String[] PIECES = {"*", "**", "_", "__", "`", "``", "[", "]", "![", "(", ")", "<", ">",
            "&amp;", "&#42;", "&", "\\", "\\*", " ", "  ", "\n", "a", "foo", "é", "\u00a0", "!", "\"", "'", ":",
            "/", "http:", "@", "x.y", "<!--", "-->", "<?", "?>", "<a b='c'>", "</a>", "[x]", "[x]: /u", "\0"};

    private static String randomInput(Random r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    @Test
    void spansNestAndWorkIsBounded() {
        Random r = new Random(20240128);
        for (int i = 0; i < 3000; i++) {
            String md = randomInput(r, 1 + r.nextInt(40));
            InlineHarness h;
            try {
                h = InlineHarness.parse(md);
            } catch (RuntimeException e) {
                throw new AssertionError("input " + escape(md), e);
            }
            for (int p : h.paragraphs) {
                checkSpans(h, p, md);
            }
            int len = h.src.length;
            // Random inputs measure at most 7 units of work per byte; the hostile maximum is about 36 ("[a](" floods).
            assertTrue(h.inline.work <= 64L * len + 64, "work " + h.inline.work + " for " + len + " bytes: " + escape(md));
        }
    }

    /** Children lie within their parent's span and follow one another without overlap. */
    private static void checkSpans(InlineHarness h, int parent, String md) {
        int[] stack = new int[4096];
        int sp = 0;
        stack[sp++] = parent;
        while (sp > 0) {
            int n = stack[--sp];
            int lo = h.tree.spanStart(n);
            int hi = h.tree.spanEnd(n);
            int prevEnd = lo;
            for (int c = h.tree.firstChild(n); c != TreeBuilder.NIL; c = h.tree.nextSibling(c)) {
                int s = h.tree.spanStart(c);
                int e = h.tree.spanEnd(c);
                if (s < prevEnd || e < s || e > hi) {
                    fail(h.kind(c) + " [" + s + "," + e + ") in " + h.kind(n) + " [" + lo + "," + hi + ") after " + prevEnd
                            + ": " + escape(md) + " -> " + h.dump());
                }
                prevEnd = e;
                stack[sp++] = c;
            }
        }
    }

    @Test
    void engineOutputIsDeterministic() {
        OcpEngine engine = Ocp.engine("java");
        Random r = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] md = randomInput(r, 1 + r.nextInt(60)).getBytes(StandardCharsets.UTF_8);
            ByteBuffer first;
            try (OcpDocument d = engine.parse(md, ParseOptions.defaults())) {
                ByteBuffer b = d.bytes();
                first = ByteBuffer.allocate(b.remaining()).put(b).flip();
                d.toHtml();
            }
            try (OcpDocument d = engine.parse(md, ParseOptions.defaults())) {
                assertEquals(first, d.bytes(), () -> escape(new String(md, StandardCharsets.UTF_8)));
            }
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\0", "\\0");
    }
}
