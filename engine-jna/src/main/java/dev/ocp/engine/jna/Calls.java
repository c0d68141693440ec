package dev.ocp.engine.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The native blocks one call needs (its {@code ocp_options} and {@code ocp_result}), and the one place
 * that hands an input to {@code ocp_parse} or {@code ocp_arena_parse}: by address when it already lives
 * outside the heap, and otherwise through one native copy. A block is used by one thread at a time.
 */
final class Calls implements CoreAbi.StructWriter {
    // The block: ocp_options, ocp_result, ocp_stats and the arena out-pointer, each 8-aligned (CoreAbi's sizes are).
    private static final int OPTIONS = 0;
    private static final int RESULT = OPTIONS + CoreAbi.OPTIONS_SIZE;
    private static final int STATS = RESULT + CoreAbi.RESULT_SIZE;
    private static final int ARENA_OUT = STATS + CoreAbi.STATS_SIZE;
    private static final int SIZE = ARENA_OUT + 8;

    private final Memory block = new Memory(SIZE);
    /**
     * The block as a direct buffer, made once: the options are written and the result read through it, as
     * plain memory accesses. Through {@code Pointer.setInt} and {@code getLong} each field was a JNI call of
     * its own, nine per parse, about as much as the parse of a 100-byte document.
     */
    private final ByteBuffer fields = block.getByteBuffer(0, SIZE).order(ByteOrder.nativeOrder());
    /** Views of the block, made once: a {@code share} per call would allocate. */
    final Pointer options = block.share(OPTIONS, CoreAbi.OPTIONS_SIZE);
    final Pointer result = block.share(RESULT, CoreAbi.RESULT_SIZE);
    final Pointer stats = block.share(STATS, CoreAbi.STATS_SIZE);
    final Pointer arenaOut = block.share(ARENA_OUT, 8);
    private final long optionsAddress = Pointer.nativeValue(options);
    private final long resultAddress = Pointer.nativeValue(result);

    /** Inputs up to this size are copied into {@link #scratch}, kept with the block; larger ones get their own. */
    static final int SCRATCH_MAX = 64 * 1024;
    /** Native memory for small inputs, grown on demand up to {@link #SCRATCH_MAX}; null until needed. */
    private Memory scratch;
    /** {@link #scratch} as a direct buffer, written without a JNI call. */
    private ByteBuffer scratchBytes;

    Calls() {
        block.clear();
    }

    /** Frees the block at once rather than when it is collected. */
    void free() {
        block.close();
        if (scratch != null) {
            scratch.close();
        }
    }

    /**
     * Native memory for an input of {@code length} bytes: the scratch block when it fits, else a block of its
     * own (plain malloc: no Java object to clean up) that the caller frees.
     */
    private Pointer input(long length) {
        if (length <= SCRATCH_MAX) {
            if (scratch == null || scratch.size() < length) {
                if (scratch != null) {
                    scratch.close();
                }
                scratch = new Memory(Math.max(length, 4096));
                scratchBytes = scratch.getByteBuffer(0, scratch.size());
            }
            return scratch;
        }
        long peer = Native.malloc(length);
        if (peer == 0) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "no native memory for a copy of the "
                    + length + "-byte input");
        }
        return new Pointer(peer);
    }

    /**
     * Parses {@code utf8} (position to limit, left unchanged) with {@code ocp_parse} on {@code engine}, or
     * with {@code ocp_arena_parse} on {@code arena} when {@code arena} is set.
     *
     * @return the payload's address (a number: a {@code Pointer} would be one more object per parse); its length
     *         is {@link #length()}
     * @throws OcpException with the C core's status and message if the parse failed
     */
    long parse(Pointer engine, Pointer arena, ByteBuffer utf8, ParseOptions opts) {
        CoreAbi.writeOptions(opts, this);
        int position = utf8.position();
        long length = utf8.remaining();
        int status;
        if (length == 0) {
            status = call(engine, arena, (Pointer) null, 0);
        } else if (utf8.isDirect()) {
            // The buffer's own memory: a mapped file or a direct buffer reaches C without any copy.
            Pointer base = Native.getDirectBufferPointer(utf8);
            status = call(engine, arena, position == 0 ? base : base.share(position), length);
            // The buffer owns that memory: it must stay reachable until C is done reading it.
            Reference.reachabilityFence(utf8);
        } else {
            // A heap buffer: one copy into native memory. Passing the array itself is no cheaper: JNA's direct
            // mapping hands C a fresh copy of the whole array (GetByteArrayElements) and copies it back after
            // the call, which for an 11 MB document cost as much as the parse.
            Pointer copy = input(length);
            try {
                if (copy == scratch) {
                    scratchBytes.put(0, utf8, position, (int) length);
                } else if (utf8.hasArray()) {
                    copy.write(0, utf8.array(), utf8.arrayOffset() + position, (int) length);
                } else {
                    copy.getByteBuffer(0, length).put(utf8.duplicate()); // read-only: no array to read
                }
                status = call(engine, arena, copy, length);
            } finally {
                if (copy != scratch) {
                    Native.free(Pointer.nativeValue(copy));
                }
            }
        }
        if (status != CoreAbi.OK) {
            throw CoreAbi.failure(status, block.getString(RESULT + CoreAbi.RESULT_MESSAGE, "UTF-8"));
        }
        return fields.getLong(RESULT + CoreAbi.RESULT_PAYLOAD); // 8-byte pointers: LibOcp binds no other
    }

    @Override
    public void putInt(int offset, int value) {
        fields.putInt(OPTIONS + offset, value);
    }

    @Override
    public void putLong(int offset, long value) {
        fields.putLong(OPTIONS + offset, value);
    }

    /** The length of the payload of the last successful {@link #parse}. */
    long length() {
        return fields.getLong(RESULT + CoreAbi.RESULT_LENGTH);
    }

    private int call(Pointer engine, Pointer arena, Pointer src, long length) {
        long from = Pointer.nativeValue(src);
        return arena == null
                ? LibOcp.ocp_parse(Pointer.nativeValue(engine), from, length, optionsAddress, resultAddress)
                : LibOcp.ocp_arena_parse(Pointer.nativeValue(arena), from, length, optionsAddress, resultAddress);
    }
}
