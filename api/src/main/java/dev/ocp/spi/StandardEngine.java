package dev.ocp.spi;

import dev.ocp.EngineConfig;
import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.LeakDetection;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.OcpListener;
import dev.ocp.ParseOptions;
import dev.ocp.PressureLevel;
import dev.ocp.Syntax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The ownership contract, written once: an {@link OcpEngine} over any {@link EngineBackend}. Engines built
 * on it free each payload exactly once (explicit close, the safety net, or engine close, whichever comes
 * first), make documents throw after that, count and report leaks, and track open documents so that
 * {@link #close()} can free and report them.
 *
 * <p>Thread-safe. {@link #close()} waits for parses already under way to finish, then refuses new ones.
 */
public final class StandardEngine implements OcpEngine {

    private final String name;
    private final Set<Capability> capabilities;
    private final Syntax syntax;
    /** {@link Syntax#extensions()} as header bits. */
    private final int extensionBits;
    private final EngineBackend backend;
    private final EngineConfig config;
    /** How reads are kept from seeing freed memory ({@link ReadGate}), from what the memory is. */
    final int readMode;

    private final OpenDocuments open = new OpenDocuments();
    private final Set<StandardArena.Region> openArenas = ConcurrentHashMap.newKeySet();
    /** Document numbers handed out to threads, {@link #ID_BLOCK} at a time ({@link #nextId()}). */
    private final AtomicLong serial = new AtomicLong();
    /** Per thread: the next number of the block it took from {@link #serial}, and the block's end. */
    /**
     * Each thread's block of document numbers: the next and the end, at {@link #ID_NEXT} and {@link #ID_NEXT} + 1 of an
     * array padded by 128 bytes on each side. Every parse writes them, and the collector, copying survivors, may
     * put two threads' arrays side by side: unpadded, they would share a cache line.
     */
    private final ThreadLocal<long[]> ids = ThreadLocal.withInitial(() -> new long[ID_NEXT * 2 + 2]);
    private static final int ID_NEXT = 16;
    /** Counted by every parse and free on every thread: striped, read only for statistics (one counter). */
    private final StripedCounters liveDocuments = new StripedCounters(1);
    private final AtomicLong leaked = new AtomicLong();
    private final InFlight inFlight = new InFlight();
    private final AtomicInteger lastPressure = new AtomicInteger(PressureLevel.LOW.ordinal());
    private volatile boolean closed;
    /** The thread in {@link #close()} waiting for parses under way; written before {@link #closed}. */
    private volatile Thread closer;

    /**
     * Creates an engine around a backend.
     *
     * @param name         the engine's name
     * @param capabilities what it promises
     * @param backend      the parser and its memory
     * @param config       limits, leak detection and listeners
     */
    public StandardEngine(String name, Set<Capability> capabilities, EngineBackend backend, EngineConfig config) {
        this(name, capabilities, Syntax.COMMONMARK, backend, config);
    }

    /**
     * Creates an engine around a backend that parses the given syntax.
     *
     * @param name         the engine's name
     * @param capabilities what it promises
     * @param syntax       what its backend parses; other options are refused before the backend sees them
     * @param backend      the parser and its memory
     * @param config       limits, leak detection and listeners
     */
    public StandardEngine(String name, Set<Capability> capabilities, Syntax syntax, EngineBackend backend,
                          EngineConfig config) {
        this.name = Objects.requireNonNull(name, "name");
        this.syntax = Objects.requireNonNull(syntax, "syntax");
        this.extensionBits = Extension.bits(syntax.extensions());
        this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        this.readMode = ReadGate.modeFor(this.capabilities);
        this.backend = Objects.requireNonNull(backend, "backend");
        this.config = Objects.requireNonNull(config, "config");
        Collector.watch(liveDocuments); // the collector thread stays while this engine has documents
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Syntax syntax() {
        return syntax;
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        return parse(ByteBuffer.wrap(utf8), options);
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        Objects.requireNonNull(utf8, "utf8");
        checkOptions(utf8.remaining(), options);
        int stripe = enter();
        try {
            EngineBackend.Payload payload = parseRetrying(utf8, options);
            DocumentState state = new DocumentState(this, nextId(), payload,
                    config.leakDetection() == LeakDetection.TRACK ? new Throwable("document created here") : null);
            StandardDocument document = new StandardDocument(state);
            liveDocuments.add(0, 1); // before the net, which the collector counts by this (Collector.watch)
            state.net = new SafetyNet(document, state);
            open.add(state);
            if (closed) {
                // close() started after we entered; it may or may not have seen this document.
                state.release(DocumentState.ENGINE_CLOSED);
                throw closedException();
            }
            checkPressure();
            return document;
        } finally {
            exit(stripe);
        }
    }

    /**
     * The backend's parse, tried once more when it ran out of memory while memory of closed documents waits for
     * views their callers kept ({@link HeldMemory}): the collector may find those views unreachable, as the JDK does
     * for direct buffers before it gives up.
     */
    private EngineBackend.Payload parseRetrying(ByteBuffer utf8, ParseOptions options) {
        try {
            return backend.parse(utf8, options);
        } catch (OcpException e) {
            if (e.code() != OcpException.Code.OUT_OF_MEMORY || !HeldMemory.collectWaiting(RETRY_WAIT_MILLIS)) {
                throw e;
            }
            return backend.parse(utf8, options);
        }
    }

    private static final long RETRY_WAIT_MILLIS = 200;

    private static final int ID_BLOCK = 1024;

    /**
     * A number for a new document, unique within the engine: from a block of numbers the thread took, so that
     * threads parsing at once do not all write one counter per document.
     */
    private long nextId() {
        long[] block = ids.get();
        if (block[ID_NEXT] == block[ID_NEXT + 1]) {
            long start = serial.getAndAdd(ID_BLOCK);
            block[ID_NEXT] = start + 1;
            block[ID_NEXT + 1] = start + 1 + ID_BLOCK;
        }
        return block[ID_NEXT]++;
    }

    @Override
    public OcpDocument parse(Path file, ParseOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        long size = Files.size(file);
        checkOptions(size, options);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // A mapping reaches native engines without a heap copy; it is unmapped when collected.
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parse(mapped, options);
        }
    }

    @Override
    public OcpArena newArena(long capacityBytes) {
        return newArena(capacityBytes, false);
    }

    @Override
    public OcpArena newSharedArena(long capacityBytes) {
        return newArena(capacityBytes, true);
    }

    private OcpArena newArena(long capacityBytes, boolean shared) {
        if (!capabilities.contains(Capability.ARENAS)) {
            throw new OcpException(OcpException.Code.UNSUPPORTED, "engine '" + name + "' has no arenas");
        }
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive, not " + capacityBytes);
        }
        int stripe = enter();
        try {
            return new StandardArena(this, backend.newArena(capacityBytes), shared);
        } finally {
            exit(stripe);
        }
    }

    @Override
    public MemoryStats stats() {
        EngineBackend.Counters c = backend.counters();
        return new MemoryStats(liveDocuments.sum(0), c.liveBytes(), c.peakBytes(), c.allocations(), c.frees(),
                c.limitBytes(), leaked.get());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closer = Thread.currentThread();
            closed = true;
        }
        // Parses under way finish first (a large one takes a while): wait parked, woken by those leaving.
        inFlight.awaitEmpty(this);
        for (DocumentState state : open.snapshot()) {
            state.release(DocumentState.ENGINE_CLOSED);
        }
        for (StandardArena.Region region : openArenas) {
            region.free(StandardArena.Region.ENGINE_CLOSED);
        }
        // Every document is claimed now, by the loop above or by its owner; an owner's close may still be freeing
        // its payload on another thread (it entered before claiming): the backend must outlive that free.
        inFlight.awaitEmpty(this);
        backend.close();
    }

    /**
     * The configuration the engine was built with.
     *
     * @return the configuration the engine was built with
     */
    public EngineConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "OcpEngine[" + name + "]";
    }

    void checkOptions(long inputBytes, ParseOptions options) {
        Objects.requireNonNull(options, "options");
        if (!syntax.supports(options.dialect())) {
            throw new OcpException(OcpException.Code.UNSUPPORTED, "engine '" + name + "' does not parse the "
                    + options.dialect() + " dialect; it parses " + syntax.dialects());
        }
        if ((options.extensionBits() & ~extensionBits) != 0) { // bits: no iterator on the per-parse path
            for (Extension e : options.extensions()) {
                if (!syntax.supports(e)) {
                    throw new OcpException(OcpException.Code.UNSUPPORTED, "engine '" + name + "' does not parse the "
                            + e + " extension; it parses " + (syntax.extensions().isEmpty() ? "none"
                            : syntax.extensions()));
                }
            }
        }
        if (options.flavor() != Flavor.REFERENCE && !syntax.supports(options.flavor())) {
            throw new OcpException(OcpException.Code.UNSUPPORTED, "engine '" + name + "' does not read the "
                    + options.flavor() + " flavor; it reads " + syntax.flavors());
        }
        if (inputBytes > options.maxInputBytes()) {
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "input of " + inputBytes
                    + " bytes exceeds maxInputBytes " + options.maxInputBytes());
        }
    }

    /** Counts a call in, unless the engine is closed; returns what {@link #exit(int)} must be given. */
    int enter() {
        int stripe = inFlight.enter();
        if (closed) {
            exit(stripe);
            throw closedException();
        }
        return stripe;
    }

    /**
     * Enters for a document's release, which must finish before the backend closes; unlike {@link #enter()} it
     * is allowed while the engine closes (that is when documents are released).
     */
    int enterRelease() {
        return inFlight.enter();
    }

    /** Leaves what {@link #enter()} began; once the engine is closing, each leaving call wakes its closer. */
    void exit(int stripe) {
        inFlight.exit(stripe);
        if (closed) {
            LockSupport.unpark(closer);
        }
    }

    OcpException closedException() {
        return new OcpException(OcpException.Code.CLOSED, "engine '" + name + "' is closed");
    }

    void documentAdded() {
        liveDocuments.add(0, 1);
    }

    void documentsFreed(long count) {
        liveDocuments.add(0, -count);
        checkPressure();
    }

    void leaked(LeakReport report) {
        if (config.leakDetection() == LeakDetection.OFF) {
            return;
        }
        leaked.incrementAndGet();
        for (OcpListener l : config.listeners()) {
            try {
                l.documentLeaked(report);
            } catch (RuntimeException ignored) {
                // A listener must not break freeing.
            }
        }
    }

    void arenaOpened(StandardArena.Region region) {
        openArenas.add(region);
        if (closed) {
            region.free(StandardArena.Region.ENGINE_CLOSED);
            throw closedException();
        }
    }

    void arenaFreed(StandardArena.Region region) {
        openArenas.remove(region);
    }

    void forget(DocumentState state) {
        open.remove(state);
    }

    Throwable creationSite() {
        return config.leakDetection() == LeakDetection.TRACK ? new Throwable("created here") : null;
    }

    private void checkPressure() {
        if (config.listeners().isEmpty()) {
            return;
        }
        MemoryStats stats = stats();
        PressureLevel now = stats.pressure();
        int before = lastPressure.getAndSet(now.ordinal());
        if (before != now.ordinal()) {
            for (OcpListener l : config.listeners()) {
                try {
                    l.pressureChanged(PressureLevel.values()[before], now, stats);
                } catch (RuntimeException ignored) {
                    // A listener must not break parsing.
                }
            }
        }
    }

    /**
     * Everything needed to free one document, and nothing that keeps the document reachable: its safety net
     * releases it, as do explicit and engine closes. Whoever claims it first frees the payload; the others find
     * it claimed.
     */
    static final class DocumentState extends ReadGate {
        private static final java.lang.invoke.VarHandle HOW;
        private static final java.lang.invoke.VarHandle KEEP;

        static {
            try {
                java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
                HOW = lookup.findVarHandle(DocumentState.class, "how", int.class);
                KEEP = lookup.findVarHandle(DocumentState.class, "keeping", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static final int KEEP_NONE = 0;
        private static final int KEEP_BUSY = 1;
        private static final int KEEP_DONE = 2;

        static final int OPEN = 0;
        static final int CLOSED_BY_OWNER = 1;
        static final int ENGINE_CLOSED = 2;
        static final int UNREACHABLE = 3;

        final StandardEngine engine;
        final long id;
        final EngineBackend.Payload payload;
        final ByteBuffer view;
        final long size;
        final Throwable site;
        /** OPEN, or the cause that claimed the document; through HOW, a field rather than an object per document. */
        private volatile int how = OPEN;
        volatile boolean released;
        /** The root of the views handed to the caller ({@link #keep()}), until the document is freed. */
        volatile ByteBuffer kept;
        /** {@link #KEEP_NONE}, {@link #KEEP_BUSY} while the backend makes the kept view, {@link #KEEP_DONE}; through KEEP. */
        @SuppressWarnings("unused")
        private volatile int keeping;
        /** Set once, just after construction; cleared when the document is freed. */
        SafetyNet net;
        /** Where {@link OpenDocuments} keeps the document while it is open, under that stripe's lock. */
        OpenDocuments.Stripe stripe;
        DocumentState previousOpen;
        DocumentState nextOpen;

        DocumentState(StandardEngine engine, long id, EngineBackend.Payload payload, Throwable site) {
            super(engine.readMode);
            this.engine = engine;
            this.id = id;
            this.payload = payload;
            this.view = payload.view().asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            this.size = view.capacity();
            this.site = site;
        }

        /**
         * Claims the document for {@code cause} and frees it, unless someone else claimed it first. It enters the
         * engine before claiming, so that an engine close waiting for those inside cannot close the backend
         * between the claim and the free.
         */
        void release(int cause) {
            int stripe = engine.enterRelease();
            try {
                if (HOW.compareAndSet(this, OPEN, cause)) {
                    free(cause);
                }
            } finally {
                engine.exit(stripe);
            }
        }

        /**
         * The root of the caller's views: made by the backend on the first call, so that only documents whose memory
         * was handed out pay for keeping it. It is never made once the document is being freed: this side announces
         * itself in {@code keeping} and then looks at {@code released}; {@link #free} sets {@code released} and then
         * waits for an announced keep to finish (both volatile, so at least one sees the other).
         *
         * @return the root, or {@code null} if the document is closed
         */
        ByteBuffer keep() {
            while (true) {
                ByteBuffer root = kept;
                if (root != null) {
                    return root;
                }
                if (KEEP.compareAndSet(this, KEEP_NONE, KEEP_BUSY)) {
                    break;
                }
                if (released) {
                    return null;
                }
                Thread.onSpinWait(); // another thread is making it
            }
            try {
                if (released) {
                    return null;
                }
                ByteBuffer root = payload.keptView().asReadOnlyBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
                kept = root;
                return root;
            } finally {
                KEEP.setVolatile(this, kept != null ? KEEP_DONE : KEEP_NONE);
            }
        }

        /** Runs exactly once, by whoever claimed the document. */
        private void free(int cause) {
            net.dismiss();
            released = true;
            awaitReaders();
            while ((int) KEEP.getVolatile(this) == KEEP_BUSY) {
                Thread.onSpinWait();
            }
            if (kept != null) {
                kept = null; // from now on only the views the caller kept hold the memory
            }
            payload.release();
            engine.forget(this);
            engine.documentsFreed(1);
            if (cause != CLOSED_BY_OWNER) {
                engine.leaked(new LeakReport(engine.name, id, size, cause == ENGINE_CLOSED
                        ? LeakReport.Cause.ENGINE_CLOSED : LeakReport.Cause.UNREACHABLE, site));
            }
        }
    }
}
