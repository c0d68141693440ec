package dev.ocp.engine.ffm;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The {@code ocp_options} and {@code ocp_result} blocks of one parse call, laid out as {@link CoreAbi} says.
 * Blocks are pooled ({@link dev.ocp.spi.BlockPool}): a confined arena per call, with its two allocations and
 * their segments, was a third of the Java-heap bytes of a parse and a few hundred nanoseconds of each call. A
 * block is used by one thread at a time; it comes from an automatic arena, so one the pool has no room for is
 * freed by the collector like any other garbage.
 */
final class Call implements CoreAbi.StructWriter {
    final MemorySegment options;
    final MemorySegment result;

    /**
     * Heap inputs up to this size are copied into native memory and parsed by the ordinary handle; larger ones are
     * passed in place by the critical handle. Measured on JDK 25 (progit's first bytes, one thread, the copy
     * included): the C core parsed a heap segment through the critical handle 13% to 25% slower than a copy of it
     * from 1 KB to 256 KB (25% at 1 KB, 13% at 64 and 256 KB), 10% slower at 512 KB, and 4% faster from 1 MB up, where G1 gives the array regions of its
     * own (a direct buffer's bytes at any alignment parse alike: it is not alignment).
     */
    static final int COPY_MAX = 512 << 10;
    /** Inputs up to this size are copied into {@link #scratch}, kept with the block; larger ones get their own. */
    static final int SCRATCH_MAX = 64 << 10;
    /** Native memory for small inputs, grown on demand up to {@link #SCRATCH_MAX}; empty until needed. */
    private MemorySegment scratch = MemorySegment.NULL;
    /** The memory of a copy larger than the scratch block, freed by {@link #end()}; null when there is none. */
    private Arena copy;

    Call() {
        Arena arena = Arena.ofAuto();
        options = arena.allocate(CoreAbi.OPTIONS_SIZE, 8);
        result = arena.allocate(CoreAbi.RESULT_SIZE, 8);
    }

    /**
     * The input as C reads it: a direct or mapped buffer's own memory; a heap buffer's bytes copied into native
     * memory up to {@link #COPY_MAX} (into {@code copies} beyond {@link #SCRATCH_MAX}); a larger heap buffer in
     * place, for the critical handle. The parse calls the critical handle exactly when the result is not native,
     * and {@link #end()} once it is over.
     *
     * @param utf8 the input, position to limit (left unchanged)
     */
    MemorySegment input(ByteBuffer utf8) {
        int length = utf8.remaining();
        if (utf8.isDirect() || length == 0 || length > COPY_MAX) {
            return MemorySegment.ofBuffer(utf8);
        }
        MemorySegment inNative;
        if (length <= SCRATCH_MAX) {
            if (scratch.byteSize() < length) {
                scratch = Arena.ofAuto().allocate(Math.max(length, 4096), 8);
            }
            inNative = scratch;
        } else {
            copy = Arena.ofConfined();
            inNative = copy.allocate(length, 8);
        }
        if (utf8.hasArray()) {
            // From the array itself: no heap segment made for the copy.
            MemorySegment.copy(utf8.array(), utf8.arrayOffset() + utf8.position(), inNative, JAVA_BYTE, 0, length);
        } else {
            MemorySegment.copy(MemorySegment.ofBuffer(utf8), 0, inNative, 0, length);
        }
        return inNative;
    }

    /** Frees what {@link #input} copied into memory of its own; a call ends with it, failed or not. */
    void end() {
        if (copy != null) {
            copy.close();
            copy = null;
        }
    }

    /** Writes the options into this call's {@code ocp_options}; returns that block. */
    MemorySegment options(ParseOptions parse) {
        CoreAbi.writeOptions(parse, this);
        return options;
    }

    @Override
    public void putInt(int offset, int value) {
        options.set(JAVA_INT, offset, value);
    }

    @Override
    public void putLong(int offset, long value) {
        options.set(JAVA_LONG, offset, value);
    }

    /** Throws the C core's failure, as the {@link OcpException} of the same name, unless {@code status} is OK. */
    void check(int status) {
        if (status != CoreAbi.OK) {
            throw CoreAbi.failure(status, result.getString(CoreAbi.RESULT_MESSAGE));
        }
    }

    /** The payload of the successful call, {@code length()} bytes long (a zero-length segment until reinterpreted). */
    MemorySegment payload() {
        return result.get(ADDRESS, CoreAbi.RESULT_PAYLOAD);
    }

    long length() {
        return result.get(JAVA_LONG, CoreAbi.RESULT_LENGTH);
    }
}
