package dev.ocp.spi;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * The safety net of one document: when the document becomes unreachable without having been closed, a daemon
 * thread releases it. Unlike {@link java.lang.ref.Cleaner}, registering and clearing take no lock (a cleaner
 * keeps its cleanables in one synchronized list, which every thread parsing small documents would queue on);
 * the net is kept reachable by its document's state, which the engine's open documents ({@link OpenDocuments})
 * hold until the document is freed.
 */
final class SafetyNet extends PhantomReference<Object> {
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();

    static {
        Thread thread = new Thread(SafetyNet::drain, "ocp-safety-net");
        thread.setDaemon(true);
        thread.start();
    }

    private final StandardEngine.DocumentState state;

    SafetyNet(Object document, StandardEngine.DocumentState state) {
        super(document, QUEUE);
        this.state = state;
    }

    private static void drain() {
        while (true) {
            try {
                ((SafetyNet) QUEUE.remove()).state.release(StandardEngine.DocumentState.UNREACHABLE);
            } catch (InterruptedException e) {
                // Nobody but the JVM stops this thread; keep serving.
            } catch (Throwable e) {
                // A failing free must not end the net for every other document.
            }
        }
    }
}
