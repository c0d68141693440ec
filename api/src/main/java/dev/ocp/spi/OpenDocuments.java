package dev.ocp.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The open documents of an engine, which its close frees and reports: on stripes chosen by the adding thread (as
 * {@link InFlight}'s are), each a doubly linked list threaded through the documents' states under the stripe's own
 * lock. Adding and removing allocate nothing and hash nothing, and threads parsing at once mostly take locks no
 * other thread takes (a document closed on another thread takes its stripe's). The lists also keep each open
 * document's state, and so its {@link SafetyNet}, reachable.
 */
final class OpenDocuments {
    private final Stripe[] stripes;
    private final int mask;

    OpenDocuments() {
        int count = ThreadStripes.count();
        stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe();
        }
        mask = count - 1;
    }

    /**
     * One list and its lock (the object's header, which {@code synchronized} writes), padded to more than 128 bytes so
     * that two stripes' heads and headers share neither a cache line nor a pair the processor fetches together.
     */
    static final class Stripe {
        StandardEngine.DocumentState head;
        long p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;
    }

    /** Adds a document's state, on the calling thread's stripe. */
    void add(StandardEngine.DocumentState state) {
        Stripe stripe = stripes[ThreadStripes.current() & mask];
        synchronized (stripe) {
            state.stripe = stripe;
            state.nextOpen = stripe.head;
            if (stripe.head != null) {
                stripe.head.previousOpen = state;
            }
            stripe.head = state;
        }
    }

    /** Removes a document's state; nothing happens if it was never added or is removed already. */
    void remove(StandardEngine.DocumentState state) {
        Stripe stripe = state.stripe;
        if (stripe == null) {
            return;
        }
        synchronized (stripe) {
            if (state.stripe == null) {
                return;
            }
            StandardEngine.DocumentState previous = state.previousOpen;
            StandardEngine.DocumentState next = state.nextOpen;
            if (previous == null) {
                stripe.head = next;
            } else {
                previous.nextOpen = next;
            }
            if (next != null) {
                next.previousOpen = previous;
            }
            state.previousOpen = null;
            state.nextOpen = null;
            state.stripe = null;
        }
    }

    /**
     * The documents open now, copied out: the caller frees them without holding a stripe's lock (a free removes
     * its document, and may wait for readers).
     */
    List<StandardEngine.DocumentState> snapshot() {
        List<StandardEngine.DocumentState> open = new ArrayList<>();
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                for (StandardEngine.DocumentState s = stripe.head; s != null; s = s.nextOpen) {
                    open.add(s);
                }
            }
        }
        return open;
    }
}
