package dev.ocp.tck;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where a buffer's memory is, for the zero-copy checks: whether two buffers are views of the same bytes, by identity
 * rather than by content, and how much memory the JDK's direct and mapped buffers hold.
 *
 * <p>Read-only buffers expose neither their array nor their address, so identity is read from the JDK. On Java 22 and
 * later, {@code java.lang.foreign.MemorySegment} says it ({@code ofBuffer}, {@code asOverlappingSlice}, {@code
 * address}; no restricted method), reached through method handles because the kit compiles for Java 17: it tells two
 * read-only heap buffers over different arrays apart too, which {@code heapBase()} (empty for read-only segments)
 * would not. On Java 17 to 21 the buffer's own fields say it ({@code Buffer.address}, and {@code ByteBuffer.hb} for
 * the array), read through {@code sun.misc.Unsafe}, which the JDK still offers for this and which later JDKs warn
 * about (so it is used only where {@code MemorySegment} is missing). Where neither works, {@link #canLocate()} is
 * false. The buffer pools ({@link BufferPoolMXBean}) are there on every JDK, and count what
 * {@link ByteBuffer#allocateDirect} and file mappings hold.
 */
final class Memory {
    /** Where {@code inner}'s first byte is relative to {@code outer}'s, or {@link Long#MIN_VALUE} if they share none. */
    private interface Locator {
        long offsetOf(ByteBuffer outer, ByteBuffer inner) throws Throwable;
    }

    private static final Locator LOCATOR = Runtime.version().feature() >= 22 ? segments() : unsafeFields();

    private Memory() {
    }

    /** The locator of Java 22 and later, through {@code MemorySegment}; null if it cannot be reached. */
    private static Locator segments() {
        try {
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofBuffer = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
            MethodHandle overlap = lookup.findVirtual(segment, "asOverlappingSlice", MethodType.methodType(
                    Optional.class, segment));
            MethodHandle address = lookup.findVirtual(segment, "address", MethodType.methodType(long.class));
            return (outer, inner) -> {
                Object o = ofBuffer.invoke(outer);
                Object i = ofBuffer.invoke(inner);
                // Overlapping means the same memory: the same native memory, or the same array.
                if (((Optional<?>) overlap.invoke(o, i)).isEmpty()) {
                    return Long.MIN_VALUE;
                }
                return (long) address.invoke(i) - (long) address.invoke(o);
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The locator of Java 17 to 21: the buffers' own fields, through {@code sun.misc.Unsafe}; null if unreachable. */
    private static Locator unsafeFields() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field the = unsafeClass.getDeclaredField("theUnsafe");
            the.setAccessible(true);
            Object unsafe = the.get(null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle fieldOffset = lookup.findVirtual(unsafeClass, "objectFieldOffset",
                    MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
            MethodHandle getLong = lookup.findVirtual(unsafeClass, "getLong",
                    MethodType.methodType(long.class, Object.class, long.class)).bindTo(unsafe);
            MethodHandle getObject = lookup.findVirtual(unsafeClass, "getObject",
                    MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
            long addressField = (long) fieldOffset.invoke(Buffer.class.getDeclaredField("address"));
            long arrayField = (long) fieldOffset.invoke(ByteBuffer.class.getDeclaredField("hb"));
            return (outer, inner) -> {
                // address is the first byte's: its native address off the heap, its offset from the array object's
                // start on it; either way a slice's is its own first byte's.
                if (getObject.invoke(outer, arrayField) != getObject.invoke(inner, arrayField)) {
                    return Long.MIN_VALUE;
                }
                long o = (long) getLong.invoke(outer, addressField) + outer.position();
                long i = (long) getLong.invoke(inner, addressField) + inner.position();
                boolean overlap = o < i + Math.max(1, inner.remaining()) && i < o + Math.max(1, outer.remaining());
                return overlap ? i - o : Long.MIN_VALUE;
            };
        } catch (Throwable e) {
            return null;
        }
    }

    /** @return whether this JDK can tell where a buffer's memory is */
    static boolean canLocate() {
        return LOCATOR != null;
    }

    /**
     * Where {@code inner}'s bytes start relative to {@code outer}'s, if both are views of the same memory: the same
     * native memory, or the same heap array.
     *
     * @param outer a buffer (from its position to its limit)
     * @param inner another buffer
     * @return the offset of {@code inner}'s first byte from {@code outer}'s, or {@link Long#MIN_VALUE} when they
     *         share no byte (other memory altogether, such as a copy, or the same memory elsewhere)
     * @throws IllegalStateException if {@link #canLocate()} is false, or the JDK would not say
     */
    static long offsetOf(ByteBuffer outer, ByteBuffer inner) {
        if (!canLocate()) {
            throw new IllegalStateException("Java " + Runtime.version().feature() + " cannot tell where a buffer's"
                    + " memory is");
        }
        try {
            return LOCATOR.offsetOf(outer, inner);
        } catch (Throwable e) {
            throw new IllegalStateException("locating a buffer's memory failed", e);
        }
    }

    /**
     * Whether {@code inner}'s bytes lie within {@code outer}'s: the same memory, not a copy.
     *
     * @param outer a buffer
     * @param inner another buffer
     * @return whether every byte of {@code inner} is a byte of {@code outer}
     */
    static boolean within(ByteBuffer outer, ByteBuffer inner) {
        long offset = offsetOf(outer, inner);
        return offset >= 0 && offset + inner.remaining() <= outer.remaining();
    }

    /** @return the bytes the JDK's direct and mapped buffers hold now ({@link ByteBuffer#allocateDirect}, mappings) */
    static long bufferPoolBytes() {
        long total = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            total += Math.max(0, pool.getMemoryUsed());
        }
        return total;
    }
}
