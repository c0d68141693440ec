package dev.ocp.spi;

import dev.ocp.LeakReport;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.internal.ReadGuard;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An arena of a {@link StandardEngine}. Documents remember the generation they were made in; a reset
 * starts a new generation, which makes every older document throw, in constant time.
 */
final class StandardArena implements OcpArena {
    private final StandardEngine engine;
    private final Region region;
    private final Cleaner.Cleanable cleanable;

    StandardArena(StandardEngine engine, EngineBackend.ArenaBackend backend) {
        this.engine = engine;
        this.region = new Region(engine, backend, engine.creationSite());
        this.cleanable = StandardEngine.CLEANER.register(this, region);
        engine.arenaOpened(region);
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        return parse(ByteBuffer.wrap(utf8), options);
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        engine.checkOptions(utf8.remaining(), options);
        region.ensureOpen();
        int stripe = engine.enter();
        try {
            ByteBuffer view = region.backend.parse(utf8, options).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            region.documents++;
            engine.documentAdded();
            return new ArenaDocument(region, region.generation, view);
        } finally {
            engine.exit(stripe);
        }
    }

    @Override
    public void reset() {
        region.ensureOpen();
        region.generation++;
        region.awaitReaders();
        region.backend.reset();
        engine.documentsFreed(region.documents);
        region.documents = 0;
    }

    @Override
    public long usedBytes() {
        return region.closed ? 0 : region.backend.usedBytes();
    }

    @Override
    public long capacityBytes() {
        return region.backend.capacityBytes();
    }

    @Override
    public void close() {
        region.free(Region.CLOSED_BY_OWNER);
        cleanable.clean();
        Reference.reachabilityFence(this);
    }

    /**
     * The arena's memory and its generation. It is the cleaning action of the arena's safety net, and is
     * also freed directly by the arena's close and by engine close; whoever comes first frees it.
     */
    static final class Region extends ReadGate implements Runnable {
        static final int UNREACHABLE = 0;
        static final int CLOSED_BY_OWNER = 1;
        static final int ENGINE_CLOSED = 2;

        final StandardEngine engine;
        final EngineBackend.ArenaBackend backend;
        final Throwable site;
        final AtomicBoolean freed = new AtomicBoolean();
        volatile int generation;
        volatile boolean closed;
        long documents;

        Region(StandardEngine engine, EngineBackend.ArenaBackend backend, Throwable site) {
            super(engine.readMode);
            this.engine = engine;
            this.backend = backend;
            this.site = site;
        }

        void ensureOpen() {
            if (closed) {
                throw new OcpException(OcpException.Code.CLOSED, "OCP arena of engine '" + engine.name() + "' is closed");
            }
        }

        /** The safety net: the arena became unreachable without close(). */
        @Override
        public void run() {
            free(UNREACHABLE);
        }

        /**
         * Frees the arena unless someone else did. Like a document's release it counts itself in the engine, so
         * that an engine close that lost the claim to this free still waits for it before closing the backend.
         */
        void free(int cause) {
            int stripe = engine.enterRelease();
            try {
                if (freed.compareAndSet(false, true)) {
                    freeClaimed(cause);
                }
            } finally {
                engine.exit(stripe);
            }
        }

        private void freeClaimed(int cause) {
            closed = true;
            generation++;
            awaitReaders();
            long size = backend.capacityBytes();
            backend.close();
            engine.arenaFreed(this);
            engine.documentsFreed(documents);
            documents = 0;
            if (cause != CLOSED_BY_OWNER) {
                engine.leaked(new LeakReport(engine.name(), 0, size,
                        cause == ENGINE_CLOSED ? LeakReport.Cause.ENGINE_CLOSED : LeakReport.Cause.UNREACHABLE, site));
            }
        }
    }

    /** A document whose memory belongs to the arena until the next reset. */
    static final class ArenaDocument implements OcpDocument, ReadGuard {
        private final Region region;
        private final int generation;
        private final ByteBuffer view;
        private volatile boolean closed;

        ArenaDocument(Region region, int generation, ByteBuffer view) {
            this.region = region;
            this.generation = generation;
            this.view = view;
        }

        @Override
        public ByteBuffer bytes() {
            if (isClosed()) {
                throw closed();
            }
            return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public boolean isClosed() {
            return closed || region.generation != generation;
        }

        @Override
        public String toHtml() {
            return dev.ocp.internal.HtmlRenderer.renderToString(cursor(), view.capacity());
        }

        @Override
        public String toHtml(dev.ocp.HtmlOptions options) {
            return dev.ocp.internal.HtmlRenderer.renderToString(cursor(), view.capacity(), options);
        }

        @Override
        public String toJson() {
            return dev.ocp.internal.JsonRenderer.renderToString(cursor(), view.capacity());
        }

        @Override
        public void enterRead() {
            boolean gated = region.mode == ReadGate.GATED;
            if (gated) {
                region.enter();
            }
            if (isClosed()) {
                if (gated) {
                    region.exit();
                }
                throw closed();
            }
        }

        @Override
        public void exitRead() {
            if (region.mode == ReadGate.GATED) {
                region.exit();
            } else if (region.mode == ReadGate.VALIDATED) {
                ReadGate.afterRead();
                if (isClosed()) {
                    throw closed();
                }
            }
        }

        private static IllegalStateException closed() {
            return new IllegalStateException("OCP arena document is closed, or its arena was reset or closed");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
