package dev.ocp.internal;

import dev.ocp.OcpDocument;

import java.util.ArrayList;

/**
 * The reads that walks ({@code OcpCursor.walk}) hold, per thread. A walk holds a read of its document for its whole
 * length. On engines whose close waits for reads under way, a close from inside the walk's own visitor would wait
 * for itself forever; such a close asks {@link #isWalking} first and throws instead (only closes that find a read
 * under way ask, so the common close pays nothing). A renderer walking into the caller's {@link Appendable}
 * {@linkplain #pause pauses} its walks' reads while that code runs, so a close from there, or from a thread it
 * waits for, goes through, and the walk stops at its next read.
 */
public final class Walks {
    private static final ThreadLocal<ArrayList<Walk>> WALKING = ThreadLocal.withInitial(ArrayList::new);

    /** One walk under way on this thread. */
    private static final class Walk {
        final OcpDocument document;
        final ReadGuard guard;
        /** Whether the walk's read is held (not paused, not ended by a failed resume). */
        boolean held;

        Walk(OcpDocument document, ReadGuard guard) {
            this.document = document;
            this.guard = guard;
        }
    }

    private Walks() {
    }

    /**
     * Starts a walk of {@code document} on the current thread: enters a read on its guard, held until
     * {@link #end}.
     *
     * @param document the document
     * @param guard    its guard
     * @throws IllegalStateException if the document is closed
     */
    public static void begin(OcpDocument document, ReadGuard guard) {
        guard.enterRead();
        Walk walk = new Walk(document, guard);
        walk.held = true;
        WALKING.get().add(walk);
    }

    /**
     * Ends the current thread's last walk of {@code document}, ending its read if it is still held.
     *
     * @param document the document
     * @throws IllegalStateException if the document was closed during the read in a way that may have changed what
     *                               was read
     */
    public static void end(OcpDocument document) {
        ArrayList<Walk> walking = WALKING.get();
        for (int i = walking.size() - 1; i >= 0; i--) {
            Walk walk = walking.get(i);
            if (walk.document == document) {
                walking.remove(i);
                if (walk.held) {
                    walk.held = false;
                    walk.guard.exitRead();
                }
                return;
            }
        }
    }

    /**
     * Lets go of the reads the current thread's walks of {@code document} hold, until {@link #resume}.
     *
     * @param document the document
     * @throws IllegalStateException if the document was closed during the reads in a way that may have changed what
     *                               was read
     */
    public static void pause(OcpDocument document) {
        for (Walk walk : WALKING.get()) {
            if (walk.document == document && walk.held) {
                walk.held = false;
                walk.guard.exitRead();
            }
        }
    }

    /**
     * Takes back the reads {@link #pause} let go of.
     *
     * @param document the document
     * @throws IllegalStateException if the document was closed meanwhile
     */
    public static void resume(OcpDocument document) {
        for (Walk walk : WALKING.get()) {
            if (walk.document == document && !walk.held) {
                walk.guard.enterRead();
                walk.held = true;
            }
        }
    }

    /**
     * Whether the current thread holds a read of {@code document} for a walk.
     *
     * @param document the document
     * @return whether it does
     */
    public static boolean isWalking(OcpDocument document) {
        for (Walk walk : WALKING.get()) {
            if (walk.document == document && walk.held) {
                return true;
            }
        }
        return false;
    }
}
