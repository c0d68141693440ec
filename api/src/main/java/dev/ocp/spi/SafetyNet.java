package dev.ocp.spi;

/**
 * The safety net of one document: when the document becomes unreachable without having been closed, the
 * {@link Collector}'s thread releases it. Unlike {@link java.lang.ref.Cleaner}, registering and clearing take no
 * lock (a cleaner keeps its cleanables in one synchronized list, which every thread parsing small documents would
 * queue on); the net is kept reachable by its document's state, which the engine's open documents
 * ({@link OpenDocuments}) hold until the document is freed.
 */
final class SafetyNet extends Collector.Net {
    private final StandardEngine.DocumentState state;

    SafetyNet(Object document, StandardEngine.DocumentState state) {
        super(document, false); // counted by the engine's live documents, which the parse increments first
        this.state = state;
    }

    @Override
    void collected() {
        state.release(StandardEngine.DocumentState.UNREACHABLE);
    }
}
