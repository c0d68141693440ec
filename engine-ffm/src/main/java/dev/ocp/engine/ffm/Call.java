package dev.ocp.engine.ffm;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
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

    Call() {
        Arena arena = Arena.ofAuto();
        options = arena.allocate(CoreAbi.OPTIONS_SIZE, 8);
        result = arena.allocate(CoreAbi.RESULT_SIZE, 8);
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
