package dev.ocp.spi;

import dev.ocp.LeakReport;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.ReadGuard;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An arena of a {@link StandardEngine}. Documents remember the generation they were made in; a reset
 * starts a new generation, which makes every older document throw, in constant time.
 *
 * <p>A confined arena refuses a parse, reset or close from any thread but the one that made it, at once; a shared one
 * takes them from any thread, one at a time, under the region's lock. The backend's region is used by one thread at
 * a time either way. Views handed out of an arena's documents are kept through {@link EngineBackend.ArenaBackend#keptView}
 * under the same lock as a reset, so no reset can reuse memory a view was just made over.
 */
final class StandardArena implements OcpArena {
    private final StandardEngine engine;
    private final Region region;

    StandardArena(StandardEngine engine, EngineBackend.ArenaBackend backend, boolean shared) {
        this.engine = engine;
        this.region = new Region(engine, backend, engine.creationSite(), shared ? null : Thread.currentThread());
        region.net = new ArenaNet(this, region);
        engine.arenaOpened(region);
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        return parse(ByteBuffer.wrap(utf8), options);
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        engine.checkOptions(utf8.remaining(), options);
        if (region.owner == null) {
            synchronized (region) {
                return parseOwned(utf8, options);
            }
        }
        region.checkOwner("parse into");
        return parseOwned(utf8, options);
    }

    private OcpDocument parseOwned(ByteBuffer utf8, ParseOptions options) {
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
        region.checkOwner("reset");
        synchronized (region) {
            region.ensureOpen();
            region.generation++;
            region.awaitReaders();
            region.backend.reset();
            engine.documentsFreed(region.documents);
            region.documents = 0;
        }
    }

    @Override
    public boolean isShared() {
        return region.owner == null;
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
        if (region.freed.get()) {
            return;
        }
        region.checkOwner("close");
        region.free(Region.CLOSED_BY_OWNER);
        Reference.reachabilityFence(this);
    }

    /** Frees an arena that became unreachable without {@code close()}; held by its region. */
    private static final class ArenaNet extends Collector.Net {
        private final Region region;

        ArenaNet(StandardArena arena, Region region) {
            super(arena);
            this.region = region;
        }

        @Override
        void collected() {
            region.free(Region.UNREACHABLE);
        }
    }

    /**
     * The arena's memory and its generation. It is freed by the arena's close, by engine close, or by the arena's
     * net when the arena became unreachable; whoever comes first frees it. Its monitor orders resets, frees, kept
     * views and (for a shared arena) parses.
     */
    static final class Region extends ReadGate {
        static final int UNREACHABLE = 0;
        static final int CLOSED_BY_OWNER = 1;
        static final int ENGINE_CLOSED = 2;

        final StandardEngine engine;
        final EngineBackend.ArenaBackend backend;
        final Throwable site;
        /** The thread a confined arena belongs to; {@code null} for a shared one. */
        final Thread owner;
        final AtomicBoolean freed = new AtomicBoolean();
        /** Kept reachable here until the region is freed. */
        Collector.Net net;
        volatile int generation;
        volatile boolean closed;
        long documents;

        Region(StandardEngine engine, EngineBackend.ArenaBackend backend, Throwable site, Thread owner) {
            super(engine.readMode);
            this.engine = engine;
            this.backend = backend;
            this.site = site;
            this.owner = owner;
        }

        void ensureOpen() {
            if (closed) {
                throw new OcpException(OcpException.Code.CLOSED, "OCP arena of engine '" + engine.name() + "' is closed");
            }
        }

        void checkOwner(String what) {
            Thread current = Thread.currentThread();
            if (owner != null && owner != current) {
                throw new IllegalStateException("cannot " + what + " this OCP arena from thread '" + current.getName()
                        + "': it is confined to thread '" + owner.getName() + "', which made it. Use one arena per "
                        + "thread (OcpEngine.newArena on each), or OcpEngine.newSharedArena for one that any thread may"
                        + " use; documents of either kind may be read from any thread");
            }
        }

        /**
         * Frees the arena unless someone else did. Like a document's release it counts itself in the engine, so
         * that an engine close that lost the claim to this free still waits for it before closing the backend.
         */
        void free(int cause) {
            int stripe = engine.enterRelease();
            try {
                if (freed.compareAndSet(false, true)) {
                    synchronized (this) {
                        freeClaimed(cause);
                    }
                }
            } finally {
                engine.exit(stripe);
            }
        }

        private void freeClaimed(int cause) {
            net.dismiss();
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

        /** A view of a document of {@code generation} the caller may keep, or {@code null} if that generation ended. */
        synchronized ByteBuffer keep(int generation, ByteBuffer view) {
            if (closed || this.generation != generation) {
                return null;
            }
            return backend.keptView(view).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A document whose memory belongs to the arena until the next reset. */
    static final class ArenaDocument implements OcpDocument, ReadGuard, DocumentMemory {
        private final Region region;
        private final int generation;
        private final ByteBuffer view;
        private volatile ByteBuffer kept;
        private volatile boolean closed;

        ArenaDocument(Region region, int generation, ByteBuffer view) {
            this.region = region;
            this.generation = generation;
            this.view = view;
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
            if (isClosed()) {
                throw closed();
            }
            return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public ByteBuffer keptPayload() {
            if (isClosed()) {
                throw closed();
            }
            ByteBuffer root = kept;
            if (root == null) {
                synchronized (this) {
                    root = kept;
                    if (root == null) {
                        root = region.keep(generation, view);
                        if (root == null) {
                            throw closed();
                        }
                        kept = root;
                    }
                }
            }
            return root;
        }

        @Override
        public boolean isClosed() {
            return closed || region.generation != generation;
        }

        @Override
        public String toHtml() {
            return dev.ocp.internal.Renderers.get().html(cursor(), view.capacity(), dev.ocp.HtmlOptions.defaults());
        }

        @Override
        public String toHtml(dev.ocp.HtmlOptions options) {
            return dev.ocp.internal.Renderers.get().html(cursor(), view.capacity(), options);
        }

        @Override
        public String toJson() {
            return dev.ocp.internal.Renderers.get().json(cursor(), view.capacity());
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
            kept = null;
        }
    }
}
