package dev.ocp;

/**
 * One document that was freed without its owner calling {@code close()}.
 *
 * @param engine       the name of the engine that made the document
 * @param documentId   the document's number, unique within its engine: 1 for the engine's first parse, and in
 *                     the order of parsing on each thread (threads number from blocks of their own)
 * @param payloadBytes size of the payload that was freed
 * @param cause        why the document was freed
 * @param creationSite where the document was created, when leak detection is {@link LeakDetection#TRACK}; else {@code null}
 */
public record LeakReport(String engine, long documentId, long payloadBytes, Cause cause, Throwable creationSite) {

    /** Why a document was freed without {@code close()}. */
    public enum Cause {
        /** The garbage collector found it unreachable. */
        UNREACHABLE,
        /** Its engine (or arena) was closed while the document was still open. */
        ENGINE_CLOSED
    }

    @Override
    public String toString() {
        return "OCP document #" + documentId + " of engine '" + engine + "' (" + payloadBytes + " bytes) was "
                + (cause == Cause.UNREACHABLE ? "dropped without close()" : "still open when its engine was closed")
                + (creationSite == null ? "; run with -D" + LeakDetection.PROPERTY + "=track to see where it was created"
                        : "; created at " + creationSite.getStackTrace()[0]);
    }
}
