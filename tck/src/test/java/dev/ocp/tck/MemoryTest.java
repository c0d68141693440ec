package dev.ocp.tck;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Memory} tells views of the same memory from copies, read-only buffers included, on and off the heap: on JDK
 * 25 through {@code MemorySegment}, on JDK 17 (.ci/jdk17 runs this too) through the buffers' own fields.
 */
class MemoryTest {

    private static ByteBuffer filled(ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) i);
        }
        return b;
    }

    private static ByteBuffer copy(ByteBuffer view, boolean direct) {
        ByteBuffer c = direct ? ByteBuffer.allocateDirect(view.remaining()) : ByteBuffer.allocate(view.remaining());
        c.put(view.duplicate()).flip();
        return c.asReadOnlyBuffer();
    }

    private static void viewsAndCopiesOf(ByteBuffer memory) {
        assertTrue(Memory.canLocate(), "Java " + Runtime.version().feature() + " can tell where a buffer's memory is");
        ByteBuffer view = memory.asReadOnlyBuffer();
        ByteBuffer slice = view.duplicate().position(10).limit(30).slice();
        assertEquals(0, Memory.offsetOf(view, view.duplicate()), "a duplicate is the same memory");
        assertEquals(0, Memory.offsetOf(view, memory.asReadOnlyBuffer()), "two read-only views are the same memory");
        assertEquals(10, Memory.offsetOf(view, slice), "a slice starts where it was cut");
        assertEquals(-10, Memory.offsetOf(slice, view));
        assertTrue(Memory.within(view, slice), "a slice lies within its view");
        assertFalse(Memory.within(slice, view), "a view does not lie within its slice");
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer copy = copy(view, direct);
            assertEquals(view, copy, "a copy has the same content");
            assertEquals(Long.MIN_VALUE, Memory.offsetOf(view, copy), () -> "a " + (direct ? "direct" : "heap")
                    + " copy is other memory");
            assertFalse(Memory.within(view, copy(slice, direct)), "a copied slice does not lie within the view");
        }
    }

    @Test
    void viewsOfAHeapArrayAreTheSameMemoryAndCopiesAreNot() {
        viewsAndCopiesOf(filled(ByteBuffer.allocate(64)));
    }

    @Test
    void viewsOfNativeMemoryAreTheSameMemoryAndCopiesAreNot() {
        viewsAndCopiesOf(filled(ByteBuffer.allocateDirect(64)));
    }

    @Test
    void twoArraysWithTheSameContentAreTwoMemories() {
        ByteBuffer one = filled(ByteBuffer.allocate(64)).asReadOnlyBuffer();
        ByteBuffer two = filled(ByteBuffer.allocate(64)).asReadOnlyBuffer();
        assertEquals(Long.MIN_VALUE, Memory.offsetOf(one, two), "read-only views of two arrays at the same offset");
    }
}
