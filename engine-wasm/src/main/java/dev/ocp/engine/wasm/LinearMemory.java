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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A wasm linear memory that is one flat byte array, so that any range of it, a payload above all, can be handed
 * out as a single zero-copy view ({@link #view}). Chicory's own memories keep an array or a buffer per 64 KiB
 * page, where a payload that crosses a page boundary has no single view.
 *
 * <p>The array is exactly as long as the memory ({@link #pages()} × 64 KiB), so the JVM's own array bounds check
 * is wasm's bounds check: an access outside the memory throws, and becomes a trap
 * ({@link WasmRuntimeException}, as in Chicory's memories), with no second comparison on the way. That matters:
 * almost every instruction of the compiled module reads or writes memory, and an explicit check against a
 * separate size cost about 12% of a parse (engine-wasm/README.md has the measurements).
 *
 * <p>So {@code memory.grow} moves the contents to a new, longer array. Views made before the move keep the old
 * array alive and keep reading it, which is never stale for a live payload: a payload is written once, inside
 * the parse that made it, and its bytes do not change until it is freed (a free or an arena reset ends the
 * document first, and the API refuses access to an ended one), so the old array holds exactly the bytes the new
 * one does for as long as anyone may look. The cost is memory: a superseded array lives on while a view into it
 * does. Reserving the largest memory up front instead would cost that much heap per instance from the start.
 *
 * <p>Used by one thread at a time (an instance is single-threaded, and {@link WasmInstance} hands it from
 * thread to thread under a lock, which orders the accesses), so the atomic operations need no locking of their
 * own. Shared memories (the threads proposal) are refused.
 */
final class LinearMemory implements Memory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int initialPages;
    private final int maximumPages;
    /** The memory: exactly {@code pages * PAGE_SIZE} bytes. */
    private byte[] array;
    private int pages;
    private int moves;
    private long movedBytes;
    private DataSegment[] segments = new DataSegment[0];

    /**
     * Creates the memory the module asks for.
     *
     * @param limits the module's initial and maximum pages
     */
    LinearMemory(MemoryLimits limits) {
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
        this.array = new byte[initialPages * PAGE_SIZE];
        this.pages = initialPages;
    }

    /**
     * A zero-copy view of {@code [address, address + length)}: the memory's own array, wrapped.
     *
     * @throws WasmRuntimeException if the range is not inside the memory
     */
    ByteBuffer view(int address, int length) {
        checkRange(address, length);
        return ByteBuffer.wrap(array, address, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Moves the contents to a new array of the same length, as a grow does: views made before keep the old array and
     * go on reading exactly what it held, whatever the instance writes from now on. So memory that a view the caller
     * kept may read can be reused after a move.
     */
    void detach() {
        byte[] copy = array.clone();
        movedBytes += array.length;
        moves++;
        array = copy;
    }

    /** The memory's size in bytes. */
    int byteSize() {
        return array.length;
    }

    /** The array the memory is now; tests compare it with views to prove they are not copies. */
    byte[] array() {
        return array;
    }

    /** How many times a grow moved the contents to a longer array. */
    int moves() {
        return moves;
    }

    /** Bytes copied by those moves. */
    long movedBytes() {
        return movedBytes;
    }

    /**
     * Copies {@code length} bytes of {@code source}, from its position (left unchanged), to {@code address}.
     *
     * @throws WasmRuntimeException if the range is not inside the memory
     */
    void write(int address, ByteBuffer source, int length) {
        checkRange(address, length);
        source.get(source.position(), array, address, length);
    }

    private int size() {
        return array.length;
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
        if (delta == 0) {
            return before;
        }
        byte[] longer;
        try {
            longer = Arrays.copyOf(array, (before + delta) * PAGE_SIZE);
        } catch (OutOfMemoryError e) {
            // No heap for the longer array: what memory.grow reports as failure, and the C allocator as
            // OCP_OUT_OF_MEMORY.
            return -1;
        }
        movedBytes += array.length;
        moves++;
        array = longer;
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
                    System.arraycopy(data, 0, array, offset, data.length);
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
        System.arraycopy(data, offset, array, dest, size);
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
        System.arraycopy(data, offset, array, addr, size);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkRange(addr, len);
        return Arrays.copyOfRange(array, addr, addr + len);
    }

    @Override
    public void copy(int dest, int src, int size) {
        checkRange(dest, size);
        checkRange(src, size);
        // Overlapping ranges of one array move as memmove does.
        System.arraycopy(array, src, array, dest, size);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        int length = toIndex - fromIndex;
        checkRange(fromIndex, length);
        Arrays.fill(array, fromIndex, toIndex, value);
    }

    @Override
    public void zero() {
        Arrays.fill(array, (byte) 0);
    }

    // Scalar accesses: the array's own bounds check is the memory's; the catch turns its exception into a trap
    // and stays off the hot path.

    @Override
    public byte read(int addr) {
        try {
            return array[addr];
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            array[addr] = data;
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1);
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return (short) SHORT.get(array, addr);
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
            SHORT.set(array, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2);
        }
    }

    @Override
    public int readInt(int addr) {
        try {
            return (int) INT.get(array, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            INT.set(array, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return (long) LONG.get(array, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            LONG.set(array, addr, data);
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
        return atomicWait(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int waitOn(int address, long expected, long timeout) {
        return atomicWait(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    @Deprecated(forRemoval = true)
    public int notify(int address, int maxThreads) {
        return atomicNotify(address, maxThreads);
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
        // No thread can wait on an unshared memory; the address must still be valid.
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
