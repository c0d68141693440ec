package dev.ocp.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightTest {

    @Test
    void aCallUnderWayKeepsItBusyUntilItLeaves() {
        InFlight inFlight = new InFlight();
        assertTrue(inFlight.isEmpty());
        int first = inFlight.enter();
        int second = inFlight.enter();
        assertFalse(inFlight.isEmpty());
        inFlight.exit(first);
        assertFalse(inFlight.isEmpty(), "one call is still under way");
        inFlight.exit(second);
        assertTrue(inFlight.isEmpty());
    }

    /** The engine's protocol, run hard: once the closer's wait returns, no call is inside and none gets in. */
    @Test
    void theCloserWaitsForEveryThreadAndNoneEntersAfter() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            InFlight inFlight = new InFlight();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger enteredAfterClose = new AtomicInteger();
            Thread closer = Thread.currentThread();
            Flag flag = new Flag();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Thread thread = new Thread(() -> {
                    while (true) {
                        int stripe = inFlight.enter();
                        if (flag.closing) {
                            inFlight.exit(stripe);
                            LockSupport.unpark(closer);
                            return;
                        }
                        if (flag.closed) {
                            enteredAfterClose.incrementAndGet();
                        }
                        inside.incrementAndGet();
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        inFlight.exit(stripe);
                        if (flag.closing) {
                            LockSupport.unpark(closer);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(2);
            flag.closing = true;
            inFlight.awaitEmpty(this);
            flag.closed = true;
            assertEquals(0, inside.get(), "a call was inside when the wait returned");
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(0, enteredAfterClose.get(), "a call got in after the wait returned");
        }
    }

    private static final class Flag {
        volatile boolean closing;
        volatile boolean closed;
    }
}
