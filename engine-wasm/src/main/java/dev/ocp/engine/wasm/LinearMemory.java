package dev.ocp.engine.wasm;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A wasm linear memory that is one contiguous {@link ByteBuffer}, so that any range of it, a payload above all,
 * can be handed out as a single zero-copy view ({@link #view}). Chicory's own memories keep a buffer or an
 * array per 64 KiB page, where a payload that crosses a page boundary has no single view.
 *
 * <p>The buffer's limit is the memory's size ({@link #pages()} × 64 KiB) and its capacity is room reserved
 * beyond that, so that most {@code memory.grow} calls only move the limit. Every access goes through the
 * buffer's own index checks against that limit, which is exactly wasm's bounds check: an access outside the
 * memory becomes a trap ({@link WasmRuntimeException}, as in Chicory's memories), never a read of the reserve.
 *
 * <p>When a grow needs more than the capacity, the contents move to a new buffer of at least twice the
 * capacity. Views made before the move keep the old buffer alive and keep reading it. That is never stale for
 * a live payload: a payload is written once, inside the parse that made it, and its bytes do not change until
 * it is freed (a free or an arena reset ends the document first, and the API refuses access to an ended one),
 * so the old buffer holds exactly the bytes the new one does for as long as anyone may look. What this costs
 * is memory: a superseded buffer lives on until the last view into it is gone. Reserving the largest memory up
 * front would avoid the move but commits that much memory per instance (a direct buffer is zeroed, page by
 * page, when it is allocated); engine-wasm/README.md has the measurements behind the choice.
 *
 * <p>Used by one thread at a time (an instance is single-threaded, and {@link WasmInstance} hands it from
 * thread to thread under a lock), so the atomic operations need no locking of their own: the lock gives them
 * the ordering they promise. Shared memories (the threads proposal) are refused.
 */
final class LinearMemory implements Memory {
    /** Room reserved beyond the module's initial memory when the memory is made, so that early grows are free. */
    static final int DEFAULT_RESERVE = 4 << 20;

    private final int initialPages;
    private final int maximumPages;
    private final boolean direct;
    private ByteBuffer buffer;
    private int pages;
    private int moves;
    private DataSegment[] segments = new DataSegment[0];

    /**
     * Creates the memory the module asks for.
     *
     * @param limits       the module's initial and maximum pages
     * @param reserveBytes capacity to reserve at least (rounded to pages, capped at the maximum)
     * @param direct       whether the buffer lives outside the Java heap
     */
    LinearMemory(MemoryLimits limits, long reserveBytes, boolean direct) {
        if (limits.shared()) {
            throw new UninstantiableException("a shared memory needs a memory many threads may use at once; this "
                    + "flat memory serves one instance, on one thread at a time");
        }
        this.initialPages = limits.initialPages();
        this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        if (initialPages > maximumPages) {
            throw new UninstantiableException("the module's memory starts at " + initialPages + " pages, more than "
                    + "the " + maximumPages + " this runtime can hold");
        }
        this.direct = direct;
        long reserve = Math.max((long) initialPages * PAGE_SIZE, reserveBytes);
        int capacityPages = (int) Math.min(maximumPages, (reserve + PAGE_SIZE - 1) / PAGE_SIZE);
        this.buffer = allocate(capacityPages * PAGE_SIZE);
        this.pages = initialPages;
        buffer.limit(initialPages * PAGE_SIZE);
    }

    private ByteBuffer allocate(int bytes) {
        return (direct ? ByteBuffer.allocateDirect(bytes) : ByteBuffer.allocate(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A zero-copy view of {@code [address, address + length)}: the memory's own buffer, sliced.
     *
     * @throws WasmRuntimeException if the range is not inside the memory
     */
    ByteBuffer view(int address, int length) {
        checkRange(address, length);
        return buffer.slice(address, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The buffer the memory lives in now; tests compare it with views to prove they are not copies. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** How many times a grow moved the contents to a larger buffer. */
    int moves() {
        return moves;
    }

    /** The bytes reserved now, in use or not. */
    int capacity() {
        return buffer.capacity();
    }

    /** Whether the buffer lives outside the Java heap. */
    boolean isDirect() {
        return direct;
    }

    /**
     * Copies {@code length} bytes of {@code source}, from its position (left unchanged), to {@code address}.
     *
     * @throws WasmRuntimeException if the range is not inside the memory
     */
    void write(int address, ByteBuffer source, int length) {
        checkRange(address, length);
        buffer.put(address, source, source.position(), length);
    }

    private int size() {
        return buffer.limit();
    }

    private void checkRange(int address, int length) {
        if (length < 0 || Integer.toUnsignedLong(address) + length > size()) {
            throw outOfBounds(address, length);
        }
    }

    private WasmRuntimeException outOfBounds(int address, long length) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: "
                + Integer.toUnsignedString(address) + " but limit is: " + size() + " and size: " + length);
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int grow(int delta) {
        int before = pages;
        // delta is an unsigned i32: a negative int asks for more than 4 GiB.
        if (delta < 0 || delta > maximumPages - before) {
            return -1;
        }
        int bytes = (before + delta) * PAGE_SIZE;
        if (bytes > buffer.capacity()) {
            long doubled = Math.max(bytes, 2L * buffer.capacity());
            int capacity = (int) Math.min(doubled, (long) maximumPages * PAGE_SIZE);
            ByteBuffer moved;
            try {
                moved = allocate(capacity);
            } catch (OutOfMemoryError e) {
                // No room for a larger buffer (heap or -XX:MaxDirectMemorySize): what memory.grow reports as failure.
                return -1;
            }
            moved.put(0, buffer, 0, size());
            buffer = moved;
            moves++;
        }
        buffer.limit(bytes);
        pages = before + delta;
        return before;
    }

    @Override
    public int initialPages() {
        return initialPages;
    }

    @Override
    public int maximumPages() {
        return maximumPages;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        if (dataSegments == null) {
            segments = new DataSegment[0];
            return;
        }
        segments = dataSegments.clone();
        for (int i = 0; i < segments.length; i++) {
            DataSegment s = segments[i];
            if (s instanceof ActiveDataSegment) {
                ActiveDataSegment active = (ActiveDataSegment) s;
                if (active.index() == memoryIndex) {
                    int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                    byte[] data = active.data();
                    if (Integer.toUnsignedLong(offset) + data.length > size()) {
                        throw new UninstantiableException("out of bounds memory access: data segment " + i + " of "
                                + data.length + " bytes at " + Integer.toUnsignedString(offset) + " does not fit a memory of "
                                + size() + " bytes");
                    }
                    buffer.put(offset, data, 0, data.length);
                }
                // Instantiation drops active segments: memory.init of one afterwards sees no bytes.
                segments[i] = PassiveDataSegment.EMPTY;
            } else if (!(s instanceof PassiveDataSegment)) {
                throw new ChicoryException("data segment " + i + " is neither active nor passive: " + s);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        byte[] data = segments[segmentId].data();
        if (Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(size) > data.length) {
            throw outOfBounds(offset, Integer.toUnsignedLong(size));
        }
        checkRange(dest, size);
        buffer.put(dest, data, offset, size);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        if (offset < 0 || size < 0 || offset > data.length - size) {
            throw new WasmRuntimeException("out of bounds: " + size + " bytes at " + offset + " of an array of "
                    + data.length);
        }
        checkRange(addr, size);
        buffer.put(addr, data, offset, size);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkRange(addr, len);
        byte[] out = new byte[len];
        buffer.get(addr, out, 0, len);
        return out;
    }

    @Override
    public void copy(int dest, int src, int size) {
        checkRange(dest, size);
        checkRange(src, size);
        // An overlapping copy within one buffer moves as memmove does (ByteBuffer.put of a range of itself).
        buffer.put(dest, buffer, src, size);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        checkRange(fromIndex, length);
        if (length == 0) {
            return;
        }
        if (!direct) {
            Arrays.fill(buffer.array(), buffer.arrayOffset() + fromIndex, buffer.arrayOffset() + toIndex, value);
            return;
        }
        // Doubling runs of bulk copies: a fill of n bytes in log(n) copies, no byte-by-byte loop.
        buffer.put(fromIndex, value);
        int done = 1;
        while (done < length) {
            int run = Math.min(done, length - done);
            buffer.put(fromIndex + done, buffer, fromIndex, run);
            done += run;
        }
    }

    @Override
    public void zero() {
        fill((byte) 0, 0, size());
    }

    // Scalar accesses: the buffer checks the index against its limit, the memory's size. The catch turns its
    // exception into a wasm trap and stays off the hot path.

    @Override
    public byte read(int addr) {
        try {
            return buffer.get(addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            buffer.put(addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return buffer.getShort(addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2);
        }
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        try {
            buffer.putShort(addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2);
        }
    }

    @Override
    public int readInt(int addr) {
        try {
            return buffer.getInt(addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            buffer.putInt(addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return buffer.getLong(addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            buffer.putLong(addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
        }
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        writeLong(addr, Double.doubleToRawLongBits(data));
    }

    // Atomics. One thread at a time uses this memory, so plain accesses are atomic to every observer there is;
    // the defaults of the interface that are not overridden here lock on lock(), which is this memory.

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public Object lock(int address) {
        return this;
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int waitOn(int address, int expected, long timeout) {
        throw new TrapException("expected shared memory: memory.atomic.wait32 on an unshared memory");
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int waitOn(int address, long expected, long timeout) {
        throw new TrapException("expected shared memory: memory.atomic.wait64 on an unshared memory");
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int notify(int address, int maxThreads) {
        readInt(address);
        return 0;
    }

    @Override
    public int atomicWait(int addr, int expected, long timeout) {
        throw new TrapException("expected shared memory: memory.atomic.wait32 on an unshared memory");
    }

    @Override
    public int atomicWait(int addr, long expected, long timeout) {
        throw new TrapException("expected shared memory: memory.atomic.wait64 on an unshared memory");
    }

    @Override
    public int atomicNotify(int addr, int maxThreads) {
        // No thread can be waiting on an unshared memory; the address must still be valid.
        readInt(addr);
        return 0;
    }

    @Override
    public int atomicReadInt(int addr) {
        return readInt(addr);
    }

    @Override
    public long atomicReadLong(int addr) {
        return readLong(addr);
    }

    @Override
    public void atomicWriteInt(int addr, int value) {
        writeI32(addr, value);
    }

    @Override
    public void atomicWriteLong(int addr, long value) {
        writeLong(addr, value);
    }

    @Override
    public int atomicAddInt(int addr, int delta) {
        int old = readInt(addr);
        writeI32(addr, old + delta);
        return old;
    }

    @Override
    public long atomicAddLong(int addr, long delta) {
        long old = readLong(addr);
        writeLong(addr, old + delta);
        return old;
    }

    @Override
    public int atomicCmpxchgInt(int addr, int expected, int replacement) {
        int old = readInt(addr);
        if (old == expected) {
            writeI32(addr, replacement);
        }
        return old;
    }

    @Override
    public long atomicCmpxchgLong(int addr, long expected, long replacement) {
        long old = readLong(addr);
        if (old == expected) {
            writeLong(addr, replacement);
        }
        return old;
    }
}
