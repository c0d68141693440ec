package dev.ocp.engine.wasm;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Chicory instance of the OCP module: its linear memory, its C engine ({@code ocp_engine}, the tracked
 * allocator with the memory limit and the counters), and a block of linear memory for the structs the host
 * and the module exchange. The module has static state and one shadow stack, so an instance runs one call at a
 * time: every method but {@link #counters()} must be called with {@link #lock} held, from whichever thread
 * holds it.
 *
 * <p>A parse that fails deep inside the C core leaves by the host (native/wasm/README.md): the module calls
 * its import {@code ocp.unwind}, which throws {@link Unwind} through every wasm frame of the call; this class
 * catches it and calls the export {@code ocp_wasm_recover}, which frees what the parse held, writes its status
 * and message into the result, and puts the stack pointer back. Any other exception out of the module is a
 * trap (a bug of the C core, or a JVM stack too small for it): the instance is then in an unknown state and is
 * never called again ({@link #broken()}), though the documents it made stay readable.
 */
final class WasmInstance implements CoreAbi.StructWriter {
    // The host's block: ocp_options, ocp_result, ocp_stats (CoreAbi's layouts, which are wasm32's too:
    // native/wasm/runtime.c asserts them) and the arena out-pointer.
    static final int OPTIONS = 0;
    static final int RESULT = OPTIONS + CoreAbi.OPTIONS_SIZE;
    static final int STATS = RESULT + CoreAbi.RESULT_SIZE;
    /**
     * Fields of {@code struct ocp_engine} (native/src/alloc.c asserts these offsets): see {@link #refresh}. The
     * module counts in one shard (the first), with no credit, so that shard's counters are the engine's and its
     * reserved peak is the peak of live bytes.
     */
    private static final int ENGINE_LIMIT = 0;
    private static final int ENGINE_PEAK_BYTES = 16;
    private static final int ENGINE_ALLOCATIONS = 32;
    private static final int ENGINE_FREES = 40;
    private static final int ENGINE_LIVE_BYTES = 48;
    static final int ARENA_OUT = STATS + CoreAbi.STATS_SIZE;
    static final int BLOCK_SIZE = ARENA_OUT + 8;

    /** Inputs up to this size are copied into one block kept for the purpose; larger ones into a block of their own. */
    static final int KEPT_INPUT = 64 << 10;

    /**
     * Thrown by the host function {@code ocp.unwind} through the wasm frames of a failing parse. Carries
     * nothing and records no stack, so one instance serves every throw.
     */
    static final class Unwind extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unwind INSTANCE = new Unwind();

        private Unwind() {
            super("ocp.unwind: a parse of the wasm module failed and leaves by the host", null, false, false);
        }
    }

    private static final HostFunction UNWIND = new HostFunction("ocp", "unwind", FunctionType.of(List.of(), List.of()),
            (instance, args) -> {
                throw Unwind.INSTANCE;
            });

    /** The module's imports: its one host function. */
    static ImportValues imports() {
        return ImportValues.builder().addFunction(UNWIND).build();
    }

    /** Held while a thread uses this instance; its memory and its module state belong to that thread meanwhile. */
    final ReentrantLock lock = new ReentrantLock();
    final int id;
    final LinearMemory memory;
    private final Instance instance;
    private final ExportFunction engineCreate;
    private final ExportFunction parse;
    private final ExportFunction free;
    private final ExportFunction arenaCreate;
    private final ExportFunction arenaParse;
    private final ExportFunction arenaReset;
    private final ExportFunction arenaUsed;
    private final ExportFunction arenaDestroy;
    private final ExportFunction statsGet;
    private final ExportFunction alloc;
    private final ExportFunction release;
    private final ExportFunction recover;
    private final int engine;
    private final int block;
    private int input;
    private volatile EngineBackend.Counters counters;
    private long liveAllocations;
    private volatile String broken;
    /** Calls into the module so far, unwinds included; tests read it to show what an operation costs. */
    private long calls;
    private long unwinds;
    /**
     * What this instance holds of the engine's memory limit ({@link Budget}): written under the budget's monitor
     * only, read without it by the thread that holds {@link #lock} (another thread lowers it only while this
     * instance is not {@link #active}).
     */
    long held;
    /** Whether an operation runs on this instance under a lease of the {@link Budget}. */
    volatile boolean active;
    /** Payloads and arenas of this instance not yet freed (those waiting in the quarantine included). */
    private int outstanding;
    /**
     * Payloads and arenas whose owners let go while a view the caller kept may still read them ({@code address << 1
     * | 1} for an arena), freed together after the next {@link LinearMemory#detach() move} of the memory.
     */
    private long[] quarantined = new long[8];
    private int quarantinedCount;
    private long quarantinedBytes;
    /** Below this, a quarantine waits for more rather than copy the memory for little. */
    private static final long QUARANTINE_MIN_BYTES = 256 << 10;

    /**
     * Instantiates the module and creates its C engine.
     *
     * @param id           a number for messages
     * @param wasm         the module and its machine
     * @param memoryLimit  the C engine's memory limit
     * @throws OcpException {@code OUT_OF_MEMORY} if the C engine could not be allocated
     */
    WasmInstance(int id, OcpWasm wasm, long memoryLimit) {
        this(id, wasm, memoryLimit, null);
    }

    /**
     * Instantiates the module with a listener to every instruction the interpreter executes (tests count them).
     *
     * @param listener {@code null}, or the listener (only the interpreter calls it)
     */
    WasmInstance(int id, OcpWasm wasm, long memoryLimit, ExecutionListener listener) {
        this.id = id;
        Instance.Builder builder = Instance.builder(wasm.module)
                .withImportValues(imports())
                .withMemoryFactory(LinearMemory::new);
        if (wasm.machine != null) {
            builder.withMachineFactory(wasm.machine);
        }
        if (listener != null) {
            builder.withUnsafeExecutionListener(listener);
        }
        Instance instance = builder.build();
        this.instance = instance;
        this.memory = (LinearMemory) instance.memory();
        this.engineCreate = instance.export("ocp_engine_create");
        this.parse = instance.export("ocp_parse");
        this.free = instance.export("ocp_free");
        this.arenaCreate = instance.export("ocp_arena_create");
        this.arenaParse = instance.export("ocp_arena_parse");
        this.arenaReset = instance.export("ocp_arena_reset");
        this.arenaUsed = instance.export("ocp_arena_used");
        this.arenaDestroy = instance.export("ocp_arena_destroy");
        this.statsGet = instance.export("ocp_stats_get");
        this.alloc = instance.export("ocp_wasm_alloc");
        this.release = instance.export("ocp_wasm_free");
        this.recover = instance.export("ocp_wasm_recover");
        lock.lock();
        try {
            this.block = (int) call(alloc, BLOCK_SIZE);
            if (block == 0) {
                throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "wasm instance #" + id
                        + ": no room in linear memory for the host's block");
            }
            memory.fill((byte) 0, block, block + BLOCK_SIZE);
            this.engine = (int) call(engineCreate, memoryLimit);
            if (engine == 0) {
                throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "wasm instance #" + id
                        + ": the C core could not allocate an engine");
            }
            refresh();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parses into a new payload of the C engine ({@code arena == 0}) or into an arena of this instance.
     *
     * @return the payload's address in linear memory; its length is {@link #resultLength()}
     * @throws OcpException the C core's status and message, or {@code INTERNAL} if the module trapped
     */
    int parse(int arena, ByteBuffer utf8, ParseOptions options) {
        checkUsable();
        CoreAbi.writeOptions(options, this);
        int length = utf8.remaining();
        int src = 0;
        boolean own = false;
        if (length > 0) {
            if (length <= KEPT_INPUT) {
                if (input == 0) {
                    input = allocate(KEPT_INPUT);
                }
                src = input;
            } else {
                src = allocate(length);
                own = true;
            }
            memory.write(src, utf8, length);
        }
        int status;
        try {
            status = arena == 0
                    ? (int) callUnwinding(parse, engine, src, length, block + OPTIONS, block + RESULT)
                    : (int) callUnwinding(arenaParse, arena, src, length, block + OPTIONS, block + RESULT);
        } finally {
            if (own && broken == null) {
                call(release, src);
            }
        }
        refresh();
        if (status != CoreAbi.OK) {
            throw CoreAbi.failure(status, message());
        }
        if (arena == 0) {
            outstanding++;
        }
        return memory.readInt(block + RESULT + CoreAbi.RESULT_PAYLOAD);
    }

    /** Writes a field of the block's {@code ocp_options}; only {@link CoreAbi#writeOptions} calls it. */
    @Override
    public void putInt(int offset, int value) {
        memory.writeI32(block + OPTIONS + offset, value);
    }

    /** Writes a field of the block's {@code ocp_options}; only {@link CoreAbi#writeOptions} calls it. */
    @Override
    public void putLong(int offset, long value) {
        memory.writeLong(block + OPTIONS + offset, value);
    }

    /** The length of the payload of the last successful {@link #parse}. */
    long resultLength() {
        return memory.readLong(block + RESULT + CoreAbi.RESULT_LENGTH);
    }

    /** Frees a payload of the C engine. */
    void free(int payload) {
        outstanding--;
        if (broken != null) {
            // Nothing may run in an instance a trap left behind; its memory goes when its documents do.
            return;
        }
        call(free, engine, payload);
        refresh();
    }

    /**
     * Frees a payload or arena a view the caller kept may still read: not at once, which would hand its memory to the
     * next payload, but together with others after the next move of the memory. The move costs a copy of the whole
     * memory, so it waits until what it frees is at least a quarter of the memory: each byte freed this way costs at
     * most four copied.
     *
     * @param address the payload's or arena's address
     * @param arena   whether it is an arena
     * @param bytes   what it holds, for the threshold
     */
    void quarantine(int address, boolean arena, long bytes) {
        if (broken != null) {
            // Nothing runs in a retired instance again, so nothing can reuse the memory: let it go at once.
            if (arena) {
                arenaDestroy(address);
            } else {
                free(address);
            }
            return;
        }
        if (quarantinedCount == quarantined.length) {
            quarantined = java.util.Arrays.copyOf(quarantined, quarantinedCount * 2);
        }
        quarantined[quarantinedCount++] = (Integer.toUnsignedLong(address) << 1) | (arena ? 1 : 0);
        quarantinedBytes += bytes;
        if (quarantinedBytes >= Math.max(QUARANTINE_MIN_BYTES, memory.byteSize() / 4)) {
            flushQuarantine();
        }
    }

    /**
     * Moves the memory away from every view made so far, then frees what the quarantine holds.
     *
     * @return whether anything was freed
     */
    boolean flushQuarantine() {
        if (quarantinedCount == 0) {
            return false;
        }
        moveMemory();
        return true;
    }

    /**
     * Moves the memory away from every view made so far ({@link LinearMemory#detach()}), which frees for reuse all
     * memory such a view may read: the quarantine is emptied.
     */
    void moveMemory() {
        if (broken == null) {
            memory.detach();
        }
        for (int i = 0; i < quarantinedCount; i++) {
            long entry = quarantined[i];
            int address = (int) (entry >>> 1);
            if ((entry & 1) != 0) {
                arenaDestroy(address);
            } else {
                free(address);
            }
        }
        quarantinedCount = 0;
        quarantinedBytes = 0;
    }

    /** Bytes waiting in the quarantine; for tests. */
    long quarantinedBytes() {
        return quarantinedBytes;
    }

    /**
     * Creates an arena of the C engine.
     *
     * @return the arena's address
     */
    int arenaCreate(long capacityBytes) {
        checkUsable();
        int status = (int) call(arenaCreate, engine, capacityBytes, block + ARENA_OUT);
        refresh();
        if (status != CoreAbi.OK) {
            throw CoreAbi.failure(status, "the C core could not create an arena of " + capacityBytes
                    + " bytes (status " + status + "; the memory limit is " + counters.limitBytes() + " bytes, "
                    + counters.liveBytes() + " of them in use)");
        }
        outstanding++;
        return memory.readInt(block + ARENA_OUT);
    }

    void arenaReset(int arena) {
        checkUsable();
        call(arenaReset, arena);
    }

    long arenaUsed(int arena) {
        checkUsable();
        return call(arenaUsed, arena);
    }

    void arenaDestroy(int arena) {
        outstanding--;
        if (broken != null) {
            return;
        }
        call(arenaDestroy, arena);
        refresh();
    }

    /**
     * Sets the C engine's memory limit for the next operations: the {@link Budget}'s lease. There is no export
     * for it in ocp.h, so this writes the field itself: {@code limit}, the first field (a {@code uint64_t}) of
     * {@code struct ocp_engine} in native/src/alloc.c, whose address {@code ocp_engine_create} returned.
     * {@code ocp_stats_get} reads the same field back as {@code limit_bytes}, which WasmEngineTest checks, so
     * that a change of that struct cannot slip by. A limit of 0 would mean none to the C core, hence at least 1.
     */
    void setLimit(long bytes) {
        memory.writeLong(engine + ENGINE_LIMIT, Math.max(1, bytes));
    }

    /**
     * The C engine's counters as {@code ocp_stats_get} reports them, for tests: {@link #counters()} reads the same
     * fields in place and must agree.
     */
    EngineBackend.Counters cStats() {
        call(statsGet, engine, block + STATS);
        int stats = block + STATS;
        return new EngineBackend.Counters(memory.readLong(stats + CoreAbi.STATS_LIVE_BYTES),
                memory.readLong(stats + CoreAbi.STATS_PEAK_BYTES), memory.readLong(stats + CoreAbi.STATS_ALLOCATIONS),
                memory.readLong(stats + CoreAbi.STATS_FREES), memory.readLong(stats + CoreAbi.STATS_LIMIT_BYTES));
    }

    /** The C engine's counters as of the end of the last call; readable without the lock. */
    EngineBackend.Counters counters() {
        return counters;
    }

    /** Blocks the C engine holds now (payloads, arenas, parses under way), which {@link #counters()} omits. */
    long liveAllocations() {
        return liveAllocations;
    }

    /** Payloads and arenas made here and not freed yet. */
    int outstanding() {
        return outstanding;
    }

    long calls() {
        return calls;
    }

    long unwinds() {
        return unwinds;
    }

    /** The address of the C engine in linear memory. */
    int engineAddress() {
        return engine;
    }

    /** The module's stack pointer (the exported global {@code __stack_pointer}). */
    int stackPointer() {
        return (int) instance.exports().global("__stack_pointer").getValue();
    }

    /** Why this instance may not be called any more, or {@code null}. */
    String broken() {
        return broken;
    }

    /** A view of a payload, in place in linear memory. */
    ByteBuffer view(int address, long length) {
        return memory.view(address, Math.toIntExact(length));
    }

    /**
     * Reads the C engine's counters where they are, the fields of {@code struct ocp_engine} (native/src/alloc.c,
     * whose static assertions pin these offsets), rather than through a call of {@code ocp_stats_get}: that was
     * a wasm call after every parse and every free. The instance runs one call at a time, so no field is being
     * written meanwhile.
     */
    private void refresh() {
        long allocations = memory.readLong(engine + ENGINE_ALLOCATIONS);
        long frees = memory.readLong(engine + ENGINE_FREES);
        liveAllocations = allocations - frees;
        counters = new EngineBackend.Counters(memory.readLong(engine + ENGINE_LIVE_BYTES),
                memory.readLong(engine + ENGINE_PEAK_BYTES), allocations, frees, memory.readLong(engine + ENGINE_LIMIT));
    }

    private int allocate(int size) {
        int address = (int) call(alloc, size);
        if (address == 0) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "no room in the wasm instance's linear memory ("
                    + memory.pages() + " pages of at most " + memory.maximumPages() + ") for an input of " + size
                    + " bytes");
        }
        return address;
    }

    private String message() {
        int at = block + RESULT + CoreAbi.RESULT_MESSAGE;
        int end = at;
        while (end < at + CoreAbi.MESSAGE_CAPACITY - 1 && memory.read(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - at];
        memory.view(at, text.length).get(text);
        String message = new String(text, StandardCharsets.UTF_8);
        return message.isEmpty() ? "the C core failed with status " + memory.readInt(block + RESULT + CoreAbi.RESULT_STATUS) : message;
    }

    private void checkUsable() {
        if (broken != null) {
            throw new OcpException(OcpException.Code.INTERNAL, "wasm instance #" + id + " is out of service: " + broken);
        }
    }

    /** A call whose failure may leave through {@code ocp.unwind}: then the recovery's status is the result. */
    private long callUnwinding(ExportFunction f, long... args) {
        try {
            return invoke(f, args);
        } catch (Unwind u) {
            unwinds++;
            return call(recover);
        }
    }

    private long call(ExportFunction f, long... args) {
        try {
            return invoke(f, args);
        } catch (Unwind u) {
            throw trapped(u);
        }
    }

    /**
     * Calls into the module. Chicory checks the thread's interrupt flag in every loop of the compiled code and
     * abandons the call if it is set, which would leave the module mid-call; so a flag set before the call is
     * put aside for its duration and restored after. An interrupt that arrives during the call still abandons
     * it, and retires the instance.
     */
    private long invoke(ExportFunction f, long[] args) {
        calls++;
        boolean interrupted = Thread.interrupted();
        try {
            long[] results = f.apply(args);
            return results == null || results.length == 0 ? 0 : results[0];
        } catch (Unwind u) {
            throw u;
        } catch (RuntimeException | StackOverflowError e) {
            throw trapped(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private OcpException trapped(Throwable e) {
        String why = e instanceof Unwind ? "the module unwound out of a call that may not fail" : e.toString();
        broken = why;
        return new OcpException(OcpException.Code.INTERNAL, "the wasm module trapped in instance #" + id + " ("
                + why + "); the instance is retired, its documents stay readable", e);
    }
}
