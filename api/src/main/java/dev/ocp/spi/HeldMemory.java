package dev.ocp.spi;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory outside the Java heap that stays allocated while its owner holds it or any buffer handed out over it can
 * still be read: {@code free} runs once the owner has {@linkplain #release() released} it and every buffer passed to
 * {@link #hold(ByteBuffer)} became unreachable. It is how a backend whose payloads cannot move keeps the promise of
 * {@link EngineBackend.Payload#keptView()}: a view the caller kept shows the payload's own bytes for as long as it
 * can be read, and the free waits for it instead of letting the memory go to another document.
 *
 * <p>Reachability is the JDK's own rule for direct buffers: every duplicate and slice of a direct buffer keeps the
 * buffer it was first derived from (its root) reachable, which is how the JDK keeps the memory of
 * {@link ByteBuffer#allocateDirect} alive under them. So {@link #hold} takes a root: a buffer made over the memory
 * directly (JNI's {@code NewDirectByteBuffer}, JNA's {@code Pointer.getByteBuffer}, a global-scope
 * {@code MemorySegment.asByteBuffer()}), never a duplicate or slice of another buffer.
 *
 * <p>Nothing is shared per parse: only payloads whose views were handed out use this, and each costs a reference
 * registered with the library's collector thread. Thread-safe.
 */
public final class HeldMemory {
    /** Held memory whose owner released it and whose views are still reachable, in the whole JVM. */
    private static final AtomicLong WAITING = new AtomicLong();
    /** Keeps each view's net reachable until the collector acts on it. */
    private static final Set<ViewNet> NETS = ConcurrentHashMap.newKeySet();

    private final Runnable free;
    private final HeldMemory within;
    /** The owner, until it releases, and one per held view not yet collected; the free runs at zero. */
    private final AtomicInteger holders = new AtomicInteger(1);
    private volatile boolean released;

    /**
     * Memory whose owner holds it from now on.
     *
     * @param free what returns the memory; runs once, on the thread that drops the last hold (the owner's, or the
     *             collector's)
     */
    public HeldMemory(Runnable free) {
        this(free, null);
    }

    /**
     * Memory inside other held memory (a payload inside an engine's allocator): {@code within} stays held until
     * this memory is freed.
     *
     * @param free   what returns the memory; runs once
     * @param within what must outlive it, or {@code null}
     */
    public HeldMemory(Runnable free, HeldMemory within) {
        this.free = Objects.requireNonNull(free, "free");
        this.within = within;
        if (within != null) {
            within.acquire();
        }
    }

    /**
     * Holds the memory for as long as {@code root}, or any duplicate or slice of it, is reachable.
     *
     * @param root a direct buffer made over this memory, not derived from another buffer
     * @return {@code root}
     * @throws IllegalArgumentException if {@code root} is not direct (a heap buffer's duplicates keep its array
     *                                  reachable, not the buffer)
     * @throws IllegalStateException    if the memory was freed already
     */
    public ByteBuffer hold(ByteBuffer root) {
        if (!root.isDirect()) {
            throw new IllegalArgumentException("only a direct buffer keeps its memory's holder reachable through its"
                    + " duplicates and slices; this one is on the heap");
        }
        acquire();
        NETS.add(new ViewNet(root, this));
        return root;
    }

    /**
     * The owner lets go: the memory is freed now if no view holds it, else when the last one becomes unreachable.
     *
     * @throws IllegalStateException if the owner released it already
     */
    public void release() {
        if (released) {
            throw new IllegalStateException("held memory released twice by its owner");
        }
        released = true;
        WAITING.incrementAndGet();
        drop();
    }

    /**
     * Whether the memory is still allocated.
     *
     * @return {@code false} once {@code free} ran
     */
    public boolean isAllocated() {
        return holders.get() > 0;
    }

    /**
     * How many held memories in this JVM their owners released while views still hold them: memory that waits for
     * the garbage collector.
     *
     * @return the number of frees waiting for views to become unreachable
     */
    public static long waiting() {
        return WAITING.get();
    }

    /**
     * For an allocation that failed for want of memory: if frees are waiting for views, asks the garbage collector
     * to find the unreachable ones and waits, up to {@code maxMillis}, for at least one to be freed.
     *
     * @param maxMillis the longest wait
     * @return whether any waiting memory was freed, so that trying again may succeed
     */
    public static boolean collectWaiting(long maxMillis) {
        long before = WAITING.get();
        if (before == 0) {
            return false;
        }
        System.gc();
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        for (long sleep = 1; WAITING.get() >= before && System.nanoTime() < deadline; sleep = Math.min(sleep * 2, 32)) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return WAITING.get() < before;
    }

    private void acquire() {
        while (true) {
            int n = holders.get();
            if (n == 0) {
                throw new IllegalStateException("held memory was freed already");
            }
            if (holders.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    private void drop() {
        if (holders.decrementAndGet() == 0) {
            try {
                free.run();
            } finally {
                WAITING.decrementAndGet();
                if (within != null) {
                    within.drop();
                }
            }
        }
    }

    /** One held view: drops its hold when the collector finds it unreachable. */
    private static final class ViewNet extends Collector.Net {
        private final HeldMemory memory;

        ViewNet(ByteBuffer root, HeldMemory memory) {
            super(root);
            this.memory = memory;
        }

        @Override
        void collected() {
            NETS.remove(this);
            memory.drop();
        }
    }
}
