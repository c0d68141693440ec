package dev.ocp.engine.java;

import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One parser is reused for every document of an engine context; nothing of one document may reach the
 * next. Each spec example, parsed right after the previous one (and after a large document that grew every
 * array), must give exactly the bytes a fresh parser gives.
 */
class ParserReuseTest {

    private static byte[] payload(JavaParser parser, byte[] src) {
        parser.parse(src, src.length, ParseOptions.defaults());
        byte[] out = new byte[(int) parser.tree.sizeBound()];
        int size = parser.tree.serialize(out, 0, ParseOptions.defaults(), src.length);
        return Arrays.copyOf(out, size);
    }

    @Test
    void aWarmParserGivesTheBytesOfAFreshOne() throws Exception {
        List<SpecExample> examples = SpecExample.readResource("/spec.txt");
        assertFalse(examples.isEmpty(), "commonmark-test-util's /spec.txt is a test dependency");
        StringBuilder all = new StringBuilder();
        for (SpecExample e : examples) {
            all.append(e.markdown()).append('\n');
        }
        JavaParser warm = new JavaParser();
        payload(warm, all.toString().getBytes(StandardCharsets.UTF_8));
        for (SpecExample e : examples) {
            byte[] src = e.markdown().getBytes(StandardCharsets.UTF_8);
            byte[] expected = payload(new JavaParser(), src);
            assertArrayEquals(expected, payload(warm, src), () -> "example " + e.number() + " after the previous ones");
        }
    }

    /**
     * A thread's context lies in the thread's own allocation buffer until a collection copies it, possibly beside
     * another thread's; after that it is made again rather than reused (JavaBackend.Context#moved).
     */
    @Test
    void aContextServesItsThreadUntilACollectionMayHaveMovedIt() {
        JavaBackend backend = new JavaBackend(64L << 20);
        // A young collection may come at any moment and rightly clears a context's mark: the first two promises are
        // checked in a stretch the collectors' counts show had none, tried again until one has none.
        JavaBackend.Context again = null;
        boolean quiet = false;
        for (int attempt = 0; attempt < 20 && !quiet; attempt++) {
            long before = collections();
            JavaBackend.Context first = backend.context();
            backend.done(first);
            again = backend.context();
            backend.done(again);
            quiet = collections() == before;
            if (quiet) {
                assertSame(first, again, "with no collection between, a thread takes back the context it gave back");
            }
        }
        assertTrue(quiet, "20 tries, each with a collection in a few microseconds");
        for (int i = 0; i < 100 && !again.moved(); i++) {
            System.gc();
        }
        assertTrue(again.moved(), "a full collection marks the context as moved");
        JavaBackend.Context after = null;
        quiet = false;
        for (int attempt = 0; attempt < 20 && !quiet; attempt++) {
            long before = collections();
            after = backend.context();
            boolean fresh = !after.moved();
            quiet = collections() == before;
            if (quiet) {
                assertNotSame(again, after, "a context that a collection may have moved is made again, not reused");
                assertTrue(fresh, "a context made anew is not marked as moved");
            } else {
                backend.done(after);
            }
        }
        assertTrue(quiet, "20 tries, each with a collection in a few microseconds");

        // One whose last document was large is kept: growing its arrays again after every collection would cost more
        // than a line it may share.
        JavaBackend.parseInto(after, ByteBuffer.wrap("a\n\n".repeat(5000).getBytes(StandardCharsets.UTF_8)),
                ParseOptions.defaults());
        backend.done(after);
        for (int i = 0; i < 100 && !after.moved(); i++) {
            System.gc();
        }
        assertTrue(after.moved());
        JavaBackend.Context large = backend.context();
        assertSame(after, large, "a context whose last document was large is kept after a collection");
        JavaBackend.parseInto(large, ByteBuffer.wrap("a\n".getBytes(StandardCharsets.UTF_8)), ParseOptions.defaults());
        backend.done(large);
        assertNotSame(large, backend.context(), "once it serves a small document again, it is made again");
    }

    /** Collections so far, by every collector of this JVM. */
    private static long collections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
