package dev.ocp.internal;

import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A renderer: a visitor of the public walk ({@link OcpCursor#walk}) that writes into an {@link Output}. The
 * visitor's methods declare no exception, so the output's {@link IOException} is carried out of the walk and
 * thrown again by {@link #walk}. Public for the renderers of the other packages ({@code dev.ocp.text}); like the rest
 * of this package, not exported.
 */
public abstract class Rendering implements LibraryRenderer {

    /**
     * Writes the opening of {@code node}.
     *
     * @param node the node entered, read only until this returns
     * @return whether to walk its children
     * @throws IOException if the output fails
     */
    protected abstract boolean enterNode(OcpNode node) throws IOException;

    /**
     * Writes the closing of {@code node}, entered before (whether or not its children were walked).
     *
     * @param node the node left, read only until this returns
     * @throws IOException if the output fails
     */
    protected abstract void exitNode(OcpNode node) throws IOException;

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

    /**
     * Walks the subtree of the node under {@code root} with this renderer.
     *
     * @param root a cursor on the subtree's root
     * @throws IOException if the output fails
     */
    protected final void walk(OcpCursor root) throws IOException {
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
