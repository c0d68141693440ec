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
 * <p>A buffer's bytes are a {@link Region}: the heap array they are in ({@code null} off the heap) and where they start
 * in it (an address off the heap, an offset in the array on it). Two views are the same memory when their regions
 * share a base and overlap. Read-only buffers expose neither their array nor their address, so the region is read
 * from the JDK: on Java 22 and later through {@code java.lang.foreign.MemorySegment} ({@code ofBuffer},
 * {@code heapBase}, {@code address}; no restricted method), reached through method handles because the kit compiles
 * for Java 17; on Java 17 to 21 from the fields every {@link ByteBuffer} has there ({@code Buffer.address}, and
 * {@code ByteBuffer.hb} for the array), read through {@code sun.misc.Unsafe}, which the JDK still offers for exactly
 * this and which later JDKs warn about (so it is used only where {@code MemorySegment} is missing). Where neither
 * works, {@link #canLocate()} is false. The buffer pools ({@link BufferPoolMXBean}) are there on every JDK, and count
 * what {@link ByteBuffer#allocateDirect} and file mappings hold.
 */
final class Memory {
    /** Where a buffer's bytes lie: in {@code array} (null off the heap) from {@code start}, {@code size} of them. */
    record Region(Object array, long start, long size) {
        /** @return whether the two regions share at least one byte */
        boolean overlaps(Region other) {
            return array == other.array && start < other.start + other.size && other.start < start + size;
        }
    }

    /** Reads a buffer's region, from its position to its limit. */
    private interface Locator {
        Region locate(ByteBuffer buffer) throws Throwable;
    }

    private static final Locator LOCATOR = Runtime.version().feature() >= 22 ? segments() : unsafeFields();

    private Memory() {
    }

    /** The locator of Java 22 and later: {@code MemorySegment.ofBuffer}, or null if it cannot be reached. */
    private static Locator segments() {
        try {
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofBuffer = lookup.findStatic(segment, "ofBuffer", MethodType.methodType(segment, Buffer.class));
            MethodHandle heapBase = lookup.findVirtual(segment, "heapBase", MethodType.methodType(Optional.class));
            MethodHandle address = lookup.findVirtual(segment, "address", MethodType.methodType(long.class));
            MethodHandle byteSize = lookup.findVirtual(segment, "byteSize", MethodType.methodType(long.class));
            return buffer -> {
                Object s = ofBuffer.invoke(buffer);
                return new Region(((Optional<?>) heapBase.invoke(s)).orElse(null), (long) address.invoke(s),
                        (long) byteSize.invoke(s));
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The locator of Java 17 to 21: the buffer's own fields, through {@code sun.misc.Unsafe}; null if unreachable. */
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
            long arrayBase = (int) lookup.findVirtual(unsafeClass, "arrayBaseOffset",
                    MethodType.methodType(int.class, Class.class)).bindTo(unsafe).invoke(byte[].class);
            long addressField = (long) fieldOffset.invoke(Buffer.class.getDeclaredField("address"));
            long arrayField = (long) fieldOffset.invoke(ByteBuffer.class.getDeclaredField("hb"));
            return buffer -> {
                // address is the first byte's: its native address off the heap, the array's base offset plus the
                // buffer's offset on it (so that a slice's is its own first byte's either way).
                long address = (long) getLong.invoke(buffer, addressField) + buffer.position();
                Object array = getObject.invoke(buffer, arrayField);
                return new Region(array, array == null ? address : address - arrayBase, buffer.remaining());
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
     * The memory a buffer's bytes are, from its position to its limit.
     *
     * @throws IllegalStateException if {@link #canLocate()} is false, or the JDK would not say
     */
    static Region locate(ByteBuffer buffer) {
        if (!canLocate()) {
            throw new IllegalStateException("Java " + Runtime.version().feature() + " cannot tell where a buffer's"
                    + " memory is");
        }
        try {
            return LOCATOR.locate(buffer);
        } catch (Throwable e) {
            throw new IllegalStateException("locating a buffer's memory failed", e);
        }
    }

    /**
     * Where {@code inner}'s bytes start relative to {@code outer}'s, if both are views of the same memory: the same
     * native memory, or the same heap array.
     *
     * @param outer a buffer (from its position to its limit)
     * @param inner another buffer
     * @return the offset of {@code inner}'s first byte from {@code outer}'s, or {@link Long#MIN_VALUE} when they
     *         share no byte (other memory altogether, such as a copy, or the same memory elsewhere)
     * @throws IllegalStateException if {@link #canLocate()} is false
     */
    static long offsetOf(ByteBuffer outer, ByteBuffer inner) {
        Region o = locate(outer);
        Region i = locate(inner);
        return o.overlaps(i) ? i.start() - o.start() : Long.MIN_VALUE;
    }

    /**
     * Whether {@code inner}'s bytes lie within {@code outer}'s: the same memory, not a copy.
     *
     * @param outer a buffer
     * @param inner another buffer
     * @return whether every byte of {@code inner} is a byte of {@code outer}
     */
    static boolean within(ByteBuffer outer, ByteBuffer inner) {
        Region o = locate(outer);
        Region i = locate(inner);
        return o.array() == i.array() && i.start() >= o.start() && i.start() + i.size() <= o.start() + o.size();
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
