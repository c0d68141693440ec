package dev.ocp.internal;

import dev.ocp.OcpCursor;
import dev.ocp.OcpVisitor;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The public walk ({@link OcpCursor#walk(OcpVisitor)}) on the renderers' walker: the same traversal, link checks
 * and step budget, with a visitor in place of a renderer's output. The visitor sees {@code view}, moved onto each
 * node before each call, so a visitor that moves it cannot derail the walk.
 */
public final class VisitorWalk extends TreeWalk {
    private final OcpVisitor visitor;
    private final OcpCursor view;

    private VisitorWalk(Nodes nodes, OcpVisitor visitor, OcpCursor view) {
        super(nodes, 2);
        this.visitor = visitor;
        this.view = view;
    }

    /**
     * Walks the subtree of the node {@code view} is on; the caller holds a read of the document.
     *
     * @param view    the cursor the visitor is handed, on the subtree's root
     * @param visitor what to call
     */
    public static void walk(OcpCursor view, OcpVisitor visitor) {
        int root = view.index();
        try {
            new VisitorWalk(new Nodes(view), visitor, view).walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown: the visitor's calls declare no IOException
        }
    }

    @Override
    boolean enter(int n) {
        view.moveTo(n);
        return visitor.enter(view);
    }

    @Override
    void exit(int n) {
        view.moveTo(n);
        visitor.exit(view);
    }
}
