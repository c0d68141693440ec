package dev.ocp.spi;

import dev.ocp.OcpDocument;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.ReadGuard;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A document of a {@link StandardEngine}: a view of the payload and the state that frees it. */
final class StandardDocument implements OcpDocument, ReadGuard, DocumentMemory {
    private final StandardEngine.DocumentState state;

    StandardDocument(StandardEngine.DocumentState state) {
        this.state = state;
    }

    @Override
    public ByteBuffer bytes() {
        return keptPayload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer unsafeBytes() {
        return payload();
    }

    @Override
    public ByteBuffer payload() {
        if (state.released) {
            throw closed();
        }
        return state.view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer keptPayload() {
        ByteBuffer kept = state.kept;
        if (kept == null) {
            kept = state.keep();
            if (kept == null) {
                throw closed();
            }
        }
        return kept;
    }

    @Override
    public void enterRead() {
        boolean gated = state.mode == ReadGate.GATED;
        if (gated) {
            state.enter();
        }
        if (state.released) {
            if (gated) {
                state.exit();
            }
            throw closed();
        }
    }

    @Override
    public void exitRead() {
        if (state.mode == ReadGate.GATED) {
            state.exit();
        } else if (state.mode == ReadGate.VALIDATED) {
            ReadGate.afterRead();
            if (state.released) {
                throw closed();
            }
        }
    }

    private IllegalStateException closed() {
        return new IllegalStateException("OCP document #" + state.id + " of engine '" + state.engine.name()
                + "' is closed");
    }

    @Override
    public boolean isClosed() {
        return state.released;
    }

    @Override
    public String toHtml() {
        return dev.ocp.internal.Renderers.get().html(cursor(), state.size, dev.ocp.HtmlOptions.defaults());
    }

    @Override
    public String toHtml(dev.ocp.HtmlOptions options) {
        return dev.ocp.internal.Renderers.get().html(cursor(), state.size, options);
    }

    @Override
    public String toJson() {
        return dev.ocp.internal.Renderers.get().json(cursor(), state.size);
    }

    @Override
    public void close() {
        if (state.mode == ReadGate.GATED && state.hasReaders() && dev.ocp.internal.Walks.isWalking(this)) {
            // The walk holds a read, which this close would wait for: forever, on this very thread.
            throw new IllegalStateException("OCP document #" + state.id + " closed inside its own walk; close it"
                    + " after walk() returns");
        }
        state.release(StandardEngine.DocumentState.CLOSED_BY_OWNER);
        // Keep this document reachable until the free is done, so the safety net cannot run concurrently.
        Reference.reachabilityFence(this);
    }

    @Override
    public String toString() {
        return "OcpDocument#" + state.id + "[" + state.engine.name() + ", " + state.size + " bytes"
                + (state.released ? ", closed]" : "]");
    }
}
