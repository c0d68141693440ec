package dev.ocp.spi;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The library's one background thread, {@code ocp-collector}: it acts on objects the garbage collector found
 * unreachable (a document or an arena dropped without {@code close()}, a view whose memory waits for it). It
 * is a daemon with no context class loader; it ends when it is interrupted, and by itself once nothing it could act
 * on is outstanding, so that it pins no class loader (a redeployed web application's can be collected once its
 * documents are closed). A new one starts when work appears again.
 *
 * <p>Each {@link Net} is counted while outstanding (registered, and neither dismissed nor acted on), in a striped
 * counter: registering costs an uncontended increment and a volatile read, the thread is started (under a lock)
 * only when none runs.
 */
final class Collector {
    /** How long an idle thread waits for work before it looks whether it may end. */
    private static final long IDLE_MILLIS = 500;

    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    /** Nets registered and not yet dismissed or acted on. */
    private static final LongAdder OUTSTANDING = new LongAdder();
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

        Net(Object referent) {
            super(referent, QUEUE);
            OUTSTANDING.increment();
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
            if (DONE.compareAndSet(this, false, true)) {
                OUTSTANDING.decrement();
            }
        }
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
     * starts one) or is seen here: it counts itself in before it looks at {@code running}, and this clears
     * {@code running} before it looks at the count, both through volatile accesses.
     */
    private static boolean mayEnd() {
        synchronized (Collector.class) {
            if (running != Thread.currentThread()) {
                return true; // replaced after an interrupt
            }
            running = null;
        }
        if (OUTSTANDING.sum() == 0) {
            return true;
        }
        synchronized (Collector.class) {
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
