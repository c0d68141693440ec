package dev.ocp.internal;

import dev.ocp.OcpDocument;

import java.util.ArrayList;

/**
 * The documents each thread is walking ({@code OcpCursor.walk}). A walk holds a read of its document for its whole
 * length, and on engines whose close waits for reads under way, a close from inside the walk's own visitor would
 * wait for itself forever; such a close asks here first and throws instead. Only closes that find a read under
 * way ask, so the common close pays nothing.
 */
public final class Walks {
    private static final ThreadLocal<ArrayList<OcpDocument>> WALKING = ThreadLocal.withInitial(ArrayList::new);

    private Walks() {
    }

    /**
     * Notes that the current thread starts walking {@code document}.
     *
     * @param document the document
     */
    public static void begin(OcpDocument document) {
        WALKING.get().add(document);
    }

    /**
     * Notes that the current thread's last walk of {@code document} ended.
     *
     * @param document the document
     */
    public static void end(OcpDocument document) {
        ArrayList<OcpDocument> walking = WALKING.get();
        for (int i = walking.size() - 1; i >= 0; i--) {
            if (walking.get(i) == document) {
                walking.remove(i);
                return;
            }
        }
    }

    /**
     * Whether the current thread is inside a walk of {@code document}.
     *
     * @param document the document
     * @return whether it is
     */
    public static boolean isWalking(OcpDocument document) {
        for (OcpDocument d : WALKING.get()) {
            if (d == document) {
                return true;
            }
        }
        return false;
    }
}
