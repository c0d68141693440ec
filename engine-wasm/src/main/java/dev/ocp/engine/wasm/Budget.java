package dev.ocp.engine.wasm;

import java.util.List;

/**
 * The engine's memory limit, shared by the C engines of all its instances.
 *
 * <p>Each instance has a C allocator of its own, which enforces a limit of its own; the engine's limit must hold
 * for all of them together. So each instance holds part of the limit, its lease: the bytes its C engine has live
 * (documents and arena regions) and a credit on top, which becomes its C engine's limit for an operation. The
 * holdings never sum to more than the limit, and no C engine can go past its holding, so the engine's live bytes
 * never pass the limit, not even with several parses under way at once.
 *
 * <p>An instance keeps up to {@link #keep()} bytes of credit between operations, so that a parse whose input fits
 * the credit it holds ({@link #fits}) begins and ends without touching anything another thread writes: two threads
 * parsing small documents took a monitor of the budget three times per document (begin, end, the document's free),
 * and each thread kept about two thirds of one thread's throughput (JMH {@code SmallThreadsBenchmark}, issue 35).
 * A parse the credit may not cover takes a grant under the budget's monitor: what is free when it is the engine's
 * only instance or runs {@link Level#ALONE alone}, otherwise half of it, so that parses on other instances find
 * room too. A parse that fails with {@code OUT_OF_MEMORY} on its credit is run again on a grant, and one that fails
 * on half is run again alone, after the others finish and with the credit of every idle instance taken back: it
 * then fails only if it would fail on an engine with a single C allocator, which is the promise.
 *
 * <p>An operation without the monitor and an operation alone keep out of each other's way as in Dekker's
 * algorithm: the one marks its instance {@link WasmInstance#active} and then reads {@link #exclusive}, the other
 * sets {@code exclusive} and then reads every instance's mark (both fields volatile), so at least one of them sees
 * the other; the credit of an instance is taken back only while no operation runs on it.
 */
final class Budget {
    /** How an operation takes its share of the limit; each level is tried after the one before failed. */
    enum Level {
        /** The instance's credit, without the monitor. */
        CREDIT,
        /** A grant under the monitor: half of what is free, or all of it on the engine's only instance. */
        GRANT,
        /** All that is free once no other operation runs, idle credit taken back. */
        ALONE
    }

    /**
     * Credit an instance keeps between operations at most, or the limit's 64th part when that is less. It is a share
     * of the limit, not memory: the C engine's memory stays in the instance's linear memory either way.
     */
    static final long KEEP = 1 << 20;
    /**
     * Bytes a parse may take for each byte of its input, as far as {@link #fits} assumes: the C core's working
     * memory and payload. Prose with markup in every sentence (a link, emphasis and code each; the tests'
     * {@code paragraphs}) made a payload 6.4 times its input (16 KB), and a 6 MB input of it peaked at 94 MB, 15.7
     * times; most documents need less. {@code WasmEngineTest.documentsAsWrittenFitTheCreditTheyAreGiven} holds
     * documents of up to 48 KB to it.
     */
    private static final long BYTES_PER_INPUT_BYTE = 24;
    /** What a parse takes whatever its input: the C core's first slab and working blocks. */
    private static final long BYTES_PER_PARSE = 32 << 10;

    private final long limit;
    private final long keep;
    private final List<WasmInstance> instances;
    /** Sum of every instance's holding; guarded by this. */
    private long held;
    /** An operation waits to run alone, or runs alone: no other may begin meanwhile. */
    private volatile boolean exclusive;
    /**
     * Threads in {@link #begin} waiting; guarded by this. Only then does an end notify: a notify makes HotSpot
     * inflate the lock into a full monitor, which every later {@code synchronized} of the budget then pays for.
     */
    private int waiting;

    /**
     * @param limit     the engine's memory limit
     * @param instances every instance of the engine, live, for an operation alone to wait for and take credit from
     */
    Budget(long limit, List<WasmInstance> instances) {
        this.limit = limit;
        this.keep = Math.min(KEEP, limit / 64);
        this.instances = instances;
    }

    long limit() {
        return limit;
    }

    /** The most credit an instance keeps between operations. */
    long keep() {
        return keep;
    }

    /**
     * Registers a new instance holding {@code live} bytes (its C engine's, allocated before it was counted).
     */
    synchronized void join(WasmInstance instance, long live) {
        instance.held = live;
        held += live;
    }

    /** An instance leaves for good (a trap retired it and nothing it made is left): its holding is free. */
    synchronized void leave(WasmInstance instance) {
        held -= instance.held;
        instance.held = 0;
    }

    /**
     * Whether a parse of {@code inputBytes} on {@code instance} (locked by the caller) may begin on its credit.
     */
    boolean fits(WasmInstance instance, long inputBytes) {
        long need = BYTES_PER_PARSE + inputBytes * BYTES_PER_INPUT_BYTE;
        return inputBytes < keep && instance.held - instance.counters().liveBytes() >= need;
    }

    /**
     * Starts an operation on {@code instance} (locked by the caller, idle until now).
     *
     * @param level   how it takes its share; {@link Level#CREDIT} only after {@link #fits} said so
     * @param onlyOne whether the engine has a single instance, so that no other operation can compete
     * @return the lease: the C engine's limit for the operation
     */
    long begin(WasmInstance instance, Level level, boolean onlyOne) {
        if (level == Level.CREDIT) {
            instance.active = true;
            if (!exclusive) {
                return instance.held;
            }
            instance.active = false; // an operation alone waits or runs: take a grant after it
            wake(); // which may have seen the mark and be waiting for it to go
            return grant(instance, false, onlyOne);
        }
        return grant(instance, level == Level.ALONE, onlyOne);
    }

    private synchronized long grant(WasmInstance instance, boolean alone, boolean onlyOne) {
        boolean interrupted = false;
        while (exclusive) {
            interrupted |= waitUninterruptibly();
        }
        if (alone) {
            exclusive = true;
            while (othersActive(instance)) {
                interrupted |= waitUninterruptibly();
            }
            takeBackCredit(instance);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long free = Math.max(0, limit - held);
        long grant = alone || onlyOne ? free : free / 2;
        instance.held += grant;
        held += grant;
        instance.active = true;
        return instance.held;
    }

    private boolean othersActive(WasmInstance self) {
        for (WasmInstance in : instances) {
            if (in != self && in.active) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes back the credit of every instance but {@code self} (none active: the caller runs alone, or nothing
     * runs): each then holds what its C engine has live. Guarded by this.
     */
    private void takeBackCredit(WasmInstance self) {
        for (WasmInstance in : instances) {
            if (in != self) {
                long credit = in.held - in.counters().liveBytes();
                if (credit > 0) {
                    in.held -= credit;
                    held -= credit;
                }
            }
        }
    }

    /**
     * Ends an operation begun by {@link #begin}: the instance keeps what its C engine has live and at most
     * {@link #keep()} more.
     */
    void end(WasmInstance instance, long live, Level level) {
        if (level != Level.ALONE && instance.held - live <= keep) {
            instance.active = false;
            if (exclusive) {
                wake(); // an operation that would run alone may be waiting for this one
            }
            return;
        }
        endUnderMonitor(instance, live, level == Level.ALONE);
    }

    private synchronized void endUnderMonitor(WasmInstance instance, long live, boolean alone) {
        trim(instance, live);
        instance.active = false;
        if (alone) {
            exclusive = false;
        }
        if (waiting > 0) {
            notifyAll();
        }
    }

    private synchronized void wake() {
        if (waiting > 0) {
            notifyAll();
        }
    }

    /**
     * After a free on an idle instance (locked by the caller): its credit grew by what was freed, and what passes
     * {@link #keep()} is given back.
     */
    void settle(WasmInstance instance, long live) {
        if (instance.held - live > keep) {
            settleUnderMonitor(instance, live);
        }
    }

    private synchronized void settleUnderMonitor(WasmInstance instance, long live) {
        trim(instance, live);
    }

    /** Guarded by this: the instance holds at most {@code live} and {@link #keep()} more. */
    private void trim(WasmInstance instance, long live) {
        long excess = instance.held - live - keep;
        if (excess > 0) {
            instance.held -= excess;
            held -= excess;
        }
    }

    /** Sum of the holdings, for tests. */
    synchronized long held() {
        return held;
    }

    /**
     * Takes back every idle instance's credit, for tests: the holdings are then the C engines' live bytes.
     *
     * @throws IllegalStateException if an operation is under way
     */
    synchronized void takeBackIdleCredit() {
        if (exclusive || othersActive(null)) {
            throw new IllegalStateException("an operation is under way");
        }
        takeBackCredit(null);
    }

    private boolean waitUninterruptibly() {
        waiting++;
        try {
            wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        } finally {
            waiting--;
        }
    }
}
