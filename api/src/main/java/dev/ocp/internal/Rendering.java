package dev.ocp.internal;

import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A renderer: a visitor of the public walk ({@link OcpCursor#walk}) that writes into an {@link Output}. The
 * visitor's methods declare no exception, so the output's {@link IOException} is carried out of the walk and
 * thrown again by {@link #walk}.
 */
abstract class Rendering implements LibraryRenderer {

    /** Writes the opening of {@code node}; returns whether to walk its children. */
    abstract boolean enterNode(OcpNode node) throws IOException;

    /** Writes the closing of {@code node}, entered before (whether or not its children were walked). */
    abstract void exitNode(OcpNode node) throws IOException;

    @Override
    public final boolean enter(OcpNode node) {
        try {
            return enterNode(node);
        } catch (IOException e) {
            throw new Carried(e);
        }
    }

    @Override
    public final void exit(OcpNode node) {
        try {
            exitNode(node);
        } catch (IOException e) {
            throw new Carried(e);
        }
    }

    /** Walks the subtree of the node under {@code root} with this renderer. */
    final void walk(OcpCursor root) throws IOException {
        try {
            root.walk(this);
        } catch (Carried e) {
            throw e.getCause();
        }
    }

    /** An output's exception on its way out of the walk. */
    private static final class Carried extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Carried(IOException cause) {
            super(cause);
        }
    }
}
