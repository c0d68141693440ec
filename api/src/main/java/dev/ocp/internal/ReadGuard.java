package dev.ocp.internal;

import dev.ocp.OcpDocument;

/**
 * Brackets a read of a document's memory through the API, so that a read overlapping a {@code close()} on
 * another thread either returns the document's own data or throws {@link IllegalStateException}: it never
 * returns bytes of freed memory, nor crashes on memory returned to the system. {@link #enterRead()} throws
 * if the document is closed; {@link #exitRead()} throws if it was closed during the read in a way that may
 * have changed what was read. Reads nest.
 *
 * <p>Documents of {@link dev.ocp.spi.StandardEngine} implement it in the way their engine's memory needs
 * (see {@code dev.ocp.spi.ReadGate}); other documents get the closed check alone ({@link #of}).
 */
public interface ReadGuard {
    /**
     * Starts a read.
     *
     * @throws IllegalStateException if the document is closed
     */
    void enterRead();

    /**
     * Ends a read started by {@link #enterRead()}.
     *
     * @throws IllegalStateException if the document was closed during the read and what was read may not
     *                               be the document's
     */
    void exitRead();

    /**
     * The guard of a document: the document itself when it has one, else a closed check.
     *
     * @param document the document to read
     * @return its guard
     */
    static ReadGuard of(OcpDocument document) {
        if (document instanceof ReadGuard) {
            return (ReadGuard) document;
        }
        return new ClosedCheck(document, false);
    }

    /**
     * The guard for reads inside a longer read already entered on the document's own guard (a walk): the memory
     * cannot be freed under them, save by a close that the outer read lets through, and that is only one on memory
     * that stays mapped (which may be reused at once). Reading such memory cannot crash, so each read just checks
     * "open" after it, behind an acquire fence: a read that finds the document still open read its own bytes, and
     * one that does not throws instead of returning them.
     *
     * @param document the document being read
     * @return a guard of one volatile read per read
     */
    static ReadGuard within(OcpDocument document) {
        return new ClosedCheck(document, true);
    }

    /**
     * The guard for the node view a walk hands {@code visitor}: {@link #within} for a visitor of the caller's, whose
     * code may act on what it reads before the walk reads on; none for the library's own renderers, which write
     * nothing anywhere before the walk's read is checked (the output checks it before it hands text over, and the
     * walk when it ends), so a read that raced a close never leaves the renderer.
     *
     * @param document the document walked
     * @param visitor  the visitor
     * @return the guard for the view's reads
     */
    static ReadGuard forWalk(OcpDocument document, dev.ocp.OcpVisitor visitor) {
        return isLibraryRenderer(visitor) ? UNCHECKED : within(document);
    }

    /**
     * Whether {@code visitor} is one of the library's own renderers, which neither keep a node past its visit nor
     * hand one on: a walk may then hand it one node view for every node.
     *
     * @param visitor a visitor
     * @return {@code true} for the library's renderers
     */
    static boolean isLibraryRenderer(dev.ocp.OcpVisitor visitor) {
        return visitor instanceof LibraryRenderer;
    }

    /** No check: for reads whose results are checked later, before they are used (see {@link #forWalk}). */
    ReadGuard UNCHECKED = new ReadGuard() {
        @Override
        public void enterRead() {
        }

        @Override
        public void exitRead() {
        }
    };

    /** A guard that only looks at "closed": before each read, or after it when {@code after}. */
    final class ClosedCheck implements ReadGuard {
        private final OcpDocument document;
        private final boolean after;

        ClosedCheck(OcpDocument document, boolean after) {
            this.document = document;
            this.after = after;
        }

        @Override
        public void enterRead() {
            if (!after) {
                check();
            }
        }

        @Override
        public void exitRead() {
            if (after) {
                java.lang.invoke.VarHandle.acquireFence();
                check();
            }
        }

        private void check() {
            if (document.isClosed()) {
                throw new IllegalStateException("OCP document is closed");
            }
        }
    }
}
