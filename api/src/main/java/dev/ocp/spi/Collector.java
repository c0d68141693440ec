package dev.ocp.spi;

import java.lang.ref.PhantomReference;
import java.lang.ref.WeakReference;
import java.lang.ref.ReferenceQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The library's one background thread, {@code ocp-collector}: it acts on objects the garbage collector found
 * unreachable (a document or an arena dropped without {@code close()}, a view whose memory waits for it). It
 * is a daemon with no context class loader; it ends when it is interrupted, and by itself once nothing it could act
 * on is outstanding, so that it pins no class loader (a redeployed web application's can be collected once its
 * documents are closed). A new one starts when work appears again.
 *
 * <p>What is outstanding is counted where it is cheapest. A document's net is not counted by itself: its engine
 * counts its live documents anyway (a striped counter, {@link #watch}ed here), and a parse pays nothing more than a
 * volatile read to find the thread running. The other nets (arenas, kept views) are counted while outstanding
 * (registered, and neither dismissed nor acted on) in a striped counter of their own. The thread is started (under
 * a lock) only when none runs.
 */
final class Collector {
    /** How long an idle thread waits for work before it looks whether it may end. */
    private static final long IDLE_MILLIS = 500;

    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    /** Counted nets registered and not yet dismissed or acted on. */
    private static final LongAdder OUTSTANDING = new LongAdder();
    /** The live-document counts of the engines made so far (each engine's documents' nets are outstanding). */
    private static final List<WeakReference<StripedCounters>> LIVE_DOCUMENTS = new ArrayList<>();
    /** The size of {@link #LIVE_DOCUMENTS} at which cleared entries are next swept out. */
    private static int sweepAt = 16;
    private static volatile Thread running;

    private Collector() {
    }

    /**
     * Something to do when an object becomes unreachable, unless {@link #dismiss()}ed before. The net itself must
     * stay strongly reachable until then: documents' and arenas' nets are held by their engine's bookkeeping, views'
     * by {@link HeldMemory}.
     */
    abstract static class Net extends PhantomReference<Object> {
        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(Net.class, "done", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // through DONE
        private volatile boolean done;
        /** Whether this net counts itself in {@link #OUTSTANDING}: false for documents, which their engine counts. */
        private final boolean counted;

        /** A net counted in {@link #OUTSTANDING} while outstanding. */
        Net(Object referent) {
            this(referent, true);
        }

        /**
         * @param counted false for a net that its owner counts in a counter {@link #watch}ed here, and increments
         *                before it makes the net (so that the thread, about to end, sees the one or the other)
         */
        Net(Object referent, boolean counted) {
            super(referent, QUEUE);
            this.counted = counted;
            if (counted) {
                OUTSTANDING.increment();
            }
            if (running == null) {
                start();
            }
        }

        /** Runs on the collector's thread once the referent became unreachable, unless dismissed before. */
        abstract void collected();

        /** The referent's owner freed what this net guards: nothing is left to do. Idempotent. */
        final void dismiss() {
            clear();
            settle();
        }

        /** Counts the net out once, whether it was dismissed or acted on (or both, racing). */
        private void settle() {
            if (counted && DONE.compareAndSet(this, false, true)) {
                OUTSTANDING.decrement();
            }
        }
    }

    /**
     * Keeps the thread from ending while {@code live}'s first counter is above zero (an engine's count of its live
     * documents, whose nets are made uncounted), for as long as the counters themselves are reachable.
     */
    static synchronized void watch(StripedCounters live) {
        if (LIVE_DOCUMENTS.size() >= sweepAt) {
            LIVE_DOCUMENTS.removeIf(r -> r.get() == null);
            sweepAt = Math.max(16, 2 * LIVE_DOCUMENTS.size());
        }
        LIVE_DOCUMENTS.add(new WeakReference<>(live));
    }

    /** Whether a watched engine still has live documents; under the class's lock. */
    private static boolean liveDocumentsOutstanding() {
        for (WeakReference<StripedCounters> r : LIVE_DOCUMENTS) {
            StripedCounters live = r.get();
            if (live != null && live.sum(0) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The collector's thread, if one runs; for tests. */
    static Thread thread() {
        return running;
    }

    /** Nets outstanding; for tests. */
    static long outstanding() {
        return OUTSTANDING.sum();
    }

    private static synchronized void start() {
        if (running != null) {
            return;
        }
        Thread thread = new Thread(null, Collector::drain, "ocp-collector", 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(null);
        running = thread;
        thread.start();
    }

    private static void drain() {
        try {
            while (true) {
                Net net = (Net) QUEUE.remove(IDLE_MILLIS);
                if (net != null) {
                    act(net);
                } else if (mayEnd()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Asked to stop: the next registration starts another thread.
            synchronized (Collector.class) {
                if (running == Thread.currentThread()) {
                    running = null;
                }
            }
        }
    }

    private static void act(Net net) {
        try {
            net.collected();
        } catch (Throwable e) {
            // One failing action must not end the thread for every other object; the action reports its own.
        } finally {
            net.settle();
        }
    }

    /**
     * Ends the thread if no net is outstanding. A registration racing with this either sees the thread gone (and
     * starts one) or is seen here: it is counted (by itself, or by its engine's live documents) before it looks at
     * {@code running}, and this clears {@code running} before it looks at the counts, all through volatile accesses.
     */
    private static boolean mayEnd() {
        synchronized (Collector.class) {
            if (running != Thread.currentThread()) {
                return true; // replaced after an interrupt
            }
            running = null;
        }
        synchronized (Collector.class) {
            if (OUTSTANDING.sum() == 0 && !liveDocumentsOutstanding()) {
                return true;
            }
            if (running == null) {
                running = Thread.currentThread();
                return false;
            }
            return true; // a registration started another thread meanwhile
        }
    }

    /** Waits up to {@code timeout} for the collector's thread to end; for tests. */
    static boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            Thread t = running;
            if (t == null) {
                return true;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return running == null;
    }
}
