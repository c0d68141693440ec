package dev.ocp.selftest;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpVisitor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.engine.ffm.FfmEngineProvider;
import dev.ocp.spi.Availability;
import dev.ocp.spi.StandardEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Makes the engine of each {@link Mutation}; the mutants written on the public API are the classes below, each a
 * {@link WrappedEngine} with one hook overridden.
 */
final class Mutants {
    /** What the mutants declare: everything the java engine parses, and arenas. */
    static final Set<Capability> EVERY_CAPABILITY = Set.of(Capability.ARENAS);

    private Mutants() {
    }

    /**
     * @param mutation the defect (or control)
     * @param config   the configuration the kit asks for
     * @return a new engine with that defect
     */
    static OcpEngine create(Mutation mutation, EngineConfig config) {
        switch (mutation.harness()) {
            case MUTANT_ENGINE:
                return MutantEngine.create(mutation, config);
            case WRAPPER:
                return wrapped(mutation, config);
            case COMMONMARK_WRAPPER:
                return new CommonMarkOnly(mutation, config);
            case OFF_HEAP_WRAPPER:
                return new DeclaresOffHeap(mutation, config);
            case SCOPED_WRAPPER:
                return new ScopedViews(mutation, config);
            case STANDARD:
                return new StandardEngine("mutant-" + mutation.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        EVERY_CAPABILITY, dev.ocp.Syntax.ALL, new MutantBackend(mutation, config, false), config);
            default:
                throw new AssertionError(mutation);
        }
    }

    private static OcpEngine wrapped(Mutation mutation, EngineConfig config) {
        switch (mutation) {
            case WRAPPED:
                return new WrappedEngine(mutation, config);
            case STATS_THROW_AFTER_CLOSE:
                return new StatsThrowAfterClose(config);
            case SYNTAX_REASON_LOST:
                return new SyntaxReasonLost(config);
            case NET_NEVER_FIRES:
                return new NetNeverFires(config);
            case NET_SILENT:
                return new DropsReports(mutation, LeakReport.Cause.UNREACHABLE, config);
            case NET_REPORTS_CLOSED:
                return new ReportsClosed(mutation, LeakReport.Cause.UNREACHABLE, config);
            case NET_FREES_CLOSED:
                return new FreesClosedAgain(config);
            case ENGINE_CLOSE_SILENT:
                return new DropsReports(mutation, LeakReport.Cause.ENGINE_CLOSED, config);
            case ENGINE_CLOSE_REPORTS_CLOSED:
                return new ReportsClosed(mutation, LeakReport.Cause.ENGINE_CLOSED, config);
            case OFF_HEAP_COPY:
                return new ChangesViews(mutation, Mutants::directCopy, config);
            case QUADRATIC_BRACKETS:
                return new BracketSearch(mutation, size -> size, config);
            case SUPERLINEAR_BRACKETS:
                // 64 square roots of the size ahead: enough that the search, not the parse, takes most of the time
                return new BracketSearch(mutation, size -> 64 * (int) Math.sqrt(size), config);
            case OWNER_LOSES_DOCUMENT:
                return new OwnerLosesDocument(config);
            case CURSOR_OUTLIVES_CLOSE:
                return new CursorOutlivesClose(config);
            case IGNORES_MAX_INPUT:
                return new IgnoresMaxInput(config);
            case THREAD_UNSAFE_PARSE:
                return new ThreadUnsafeParse(config);
            case CLOSE_WAITS_FOR_ITS_OWN_READ:
                return new CloseWaitsForItsOwnRead(config);
            case SHARED_CURSOR:
                return new SharedCursor(config);
            case BIG_ENDIAN_VIEW:
                return new ChangesViews(mutation, view -> view.order(ByteOrder.BIG_ENDIAN), config);
            case MAX_INPUT_OFF_BY_ONE:
                return new MaxInputOffByOne(config);
            case CLOSED_ENGINE_THROWS_ILLEGAL_STATE:
                return new ClosedEngineThrowsIllegalState(config);
            case HANGS_ON_TABS:
                return new HangsOnTabs(config);
            default:
                throw new AssertionError(mutation);
        }
    }

    /** {@link Mutation#STATS_THROW_AFTER_CLOSE}. */
    static final class StatsThrowAfterClose extends WrappedEngine {
        private volatile boolean closed;

        StatsThrowAfterClose(EngineConfig config) {
            super(Mutation.STATS_THROW_AFTER_CLOSE, config);
        }

        @Override
        public MemoryStats stats() {
            if (closed) {
                throw new IllegalStateException("engine '" + name() + "' is closed");
            }
            return super.stats();
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    /** {@link Mutation#SYNTAX_REASON_LOST}. */
    static final class SyntaxReasonLost extends WrappedEngine {
        SyntaxReasonLost(EngineConfig config) {
            super(Mutation.SYNTAX_REASON_LOST, config);
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            try {
                return super.parseReal(utf8, options);
            } catch (OcpException e) {
                OcpException.SyntaxError error = e.syntaxError();
                if (error == null) {
                    throw e;
                }
                throw new OcpException(new OcpException.SyntaxError(error.line(), error.column(), error.endLine(),
                        error.endColumn(), error.ruleId(), "invalid MDX"));
            }
        }
    }

    /** {@link Mutation#NET_NEVER_FIRES}. */
    static final class NetNeverFires extends WrappedEngine {
        private final Set<OcpDocument> held = ConcurrentHashMap.newKeySet();

        NetNeverFires(EngineConfig config) {
            super(Mutation.NET_NEVER_FIRES, config);
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            held.add(document);
            return new WrappedDocument(document) {
                @Override
                public void close() {
                    super.close();
                    held.remove(real);
                }
            };
        }
    }

    /**
     * {@link Mutation#COMMONMARK_ONLY}, which refuses what it does not declare as it must, and
     * {@link Mutation#PARSES_UNDECLARED_DIALECTS}, which does not.
     */
    static final class CommonMarkOnly extends WrappedEngine {
        private final boolean refuses;

        CommonMarkOnly(Mutation mutation, EngineConfig config) {
            super(mutation, config);
            this.refuses = mutation == Mutation.COMMONMARK_ONLY;
        }

        @Override
        public dev.ocp.Syntax syntax() {
            return dev.ocp.Syntax.COMMONMARK;
        }

        @Override
        ParseOptions options(ParseOptions asked) {
            if (refuses && (asked.dialect() != Dialect.COMMONMARK || !asked.extensions().isEmpty())) {
                throw new OcpException(OcpException.Code.UNSUPPORTED, "engine '" + name() + "' parses CommonMark"
                        + " alone, not " + asked.dialect() + " with " + asked.extensions());
            }
            return asked;
        }
    }

    /** {@link Mutation#CLOSE_WAITS_FOR_ITS_OWN_READ}. */
    static final class CloseWaitsForItsOwnRead extends WrappedEngine {
        /** The threads in a walk or a rendering of one of this engine's documents. */
        private final Set<Thread> reading = ConcurrentHashMap.newKeySet();
        /** The threads waiting in a close for their own read to end. */
        private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        CloseWaitsForItsOwnRead(EngineConfig config) {
            super(Mutation.CLOSE_WAITS_FOR_ITS_OWN_READ, config);
        }

        /** Runs a read the way this engine counts one: as long as it lasts, on the reading thread. */
        private void read(Read read) throws IOException {
            reading.add(Thread.currentThread());
            try {
                read.run();
            } finally {
                reading.remove(Thread.currentThread());
            }
        }

        private interface Read {
            void run() throws IOException;
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            return new WrappedDocument(document) {
                @Override
                public void walk(OcpVisitor visitor) {
                    try {
                        read(() -> super.walk(visitor));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void renderHtml(Appendable out) throws IOException {
                    read(() -> super.renderHtml(out));
                }

                @Override
                public void renderJson(Appendable out) throws IOException {
                    read(() -> super.renderJson(out));
                }

                @Override
                public void renderMdast(Appendable out, byte[] source) throws IOException {
                    read(() -> super.renderMdast(out, source));
                }

                @Override
                public void close() {
                    if (!reading.contains(Thread.currentThread())) {
                        super.close();
                        return;
                    }
                    // Waits for the read under way to end: its own, which waits for this close.
                    waiting.add(Thread.currentThread());
                    while (!closed) {
                        LockSupport.park(this);
                    }
                    waiting.remove(Thread.currentThread());
                    throw new IllegalStateException("engine '" + name() + "' closed while a close waited for a read");
                }
            };
        }

        /** Releases the closes still waiting (their reads hold documents, which the real engine would wait for). */
        @Override
        public void close() {
            closed = true;
            waiting.forEach(LockSupport::unpark);
            super.close();
        }
    }

    /** {@link Mutation#SHARED_CURSOR}. */
    static final class SharedCursor extends WrappedEngine {
        SharedCursor(EngineConfig config) {
            super(Mutation.SHARED_CURSOR, config);
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            return new WrappedDocument(document) {
                // Made at the first call, not here: an engine closing on another thread just after the parse
                // would make this wrapper fail, not the check.
                private OcpCursor shared;

                @Override
                public synchronized OcpCursor cursor() {
                    if (shared == null) {
                        shared = document.cursor();
                    }
                    super.bytes(); // throws once closed
                    shared.moveTo(0);
                    return shared;
                }
            };
        }
    }

    /** {@link Mutation#MAX_INPUT_OFF_BY_ONE}. */
    static final class MaxInputOffByOne extends WrappedEngine {
        MaxInputOffByOne(EngineConfig config) {
            super(Mutation.MAX_INPUT_OFF_BY_ONE, config);
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            if (utf8.remaining() >= options.maxInputBytes()) {
                throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "input of " + utf8.remaining()
                        + " bytes reaches maxInputBytes " + options.maxInputBytes());
            }
            return super.parseReal(utf8, options);
        }
    }

    /** {@link Mutation#CLOSED_ENGINE_THROWS_ILLEGAL_STATE}. */
    static final class ClosedEngineThrowsIllegalState extends WrappedEngine {
        private volatile boolean closed;

        ClosedEngineThrowsIllegalState(EngineConfig config) {
            super(Mutation.CLOSED_ENGINE_THROWS_ILLEGAL_STATE, config);
        }

        @Override
        ParseOptions options(ParseOptions asked) {
            if (closed) {
                throw new IllegalStateException("engine '" + name() + "' is closed");
            }
            return asked;
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    /** {@link Mutation#HANGS_ON_TABS}. */
    static final class HangsOnTabs extends WrappedEngine {
        /** How many tabs at the start of the input make the parse hang. */
        private static final int TABS = 4096;

        HangsOnTabs(EngineConfig config) {
            super(Mutation.HANGS_ON_TABS, config);
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            int tabs = 0;
            while (tabs < TABS && tabs < utf8.remaining() && utf8.get(utf8.position() + tabs) == '\t') {
                tabs++;
            }
            while (tabs == TABS) {
                LockSupport.park(this); // waits for an unpark that never comes, whatever interrupts it
            }
            return super.parseReal(utf8, options);
        }
    }

    /**
     * {@link Mutation#NET_SILENT} and {@link Mutation#ENGINE_CLOSE_SILENT}: the reports of one cause never reach a
     * listener.
     */
    static final class DropsReports extends WrappedEngine {
        private final LeakReport.Cause dropped;

        DropsReports(Mutation mutation, LeakReport.Cause dropped, EngineConfig config) {
            super(mutation, config);
            this.dropped = dropped;
        }

        @Override
        void leaked(LeakReport report) {
            if (report.cause() != dropped) {
                super.leaked(report);
            }
        }
    }

    /**
     * {@link Mutation#NET_REPORTS_CLOSED} and {@link Mutation#ENGINE_CLOSE_REPORTS_CLOSED}: the documents their owners
     * closed are reported too, with the cause of the reports they join: when the safety net next finds a dropped
     * document, or when the engine closes.
     */
    static final class ReportsClosed extends WrappedEngine {
        /** The reports of the documents closed since the last time they were told. */
        private final Queue<LeakReport> closedByOwners = new ConcurrentLinkedQueue<>();
        private final AtomicLong ids = new AtomicLong(1L << 40);
        private final LeakReport.Cause cause;

        ReportsClosed(Mutation mutation, LeakReport.Cause cause, EngineConfig config) {
            super(mutation, config);
            this.cause = cause;
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            long size = payloadSizeIfOpen(document);
            long id = ids.incrementAndGet();
            return new WrappedDocument(document) {
                @Override
                public void close() {
                    boolean open = !isClosed();
                    super.close();
                    if (open) {
                        closedByOwners.add(new LeakReport(name(), id, size, cause, null));
                    }
                }
            };
        }

        /**
         * The payload's size, or -1 when an engine close on another thread freed the document between its parse and
         * here (the kit's engineCloseWhileThreadsParse does that): it is closed already, so its owner's close will
         * not report it, and this wrapper must not fail where the check under test should decide.
         */
        private static long payloadSizeIfOpen(OcpDocument document) {
            try {
                return document.bytes().remaining();
            } catch (IllegalStateException closedMeanwhile) {
                return -1;
            }
        }

        /** Tells the listeners of every document closed since the last time. */
        private void reportClosed() {
            for (LeakReport closed = closedByOwners.poll(); closed != null; closed = closedByOwners.poll()) {
                report(closed);
            }
        }

        @Override
        void leaked(LeakReport report) {
            super.leaked(report);
            if (cause == LeakReport.Cause.UNREACHABLE && report.cause() == cause) {
                reportClosed();
            }
        }

        @Override
        public void close() {
            super.close();
            if (cause == LeakReport.Cause.ENGINE_CLOSED) {
                reportClosed();
            }
        }
    }

    /**
     * {@link Mutation#NET_FREES_CLOSED}: close() does not take a document off the net's list, and the net does not
     * ask whether close() freed it: whenever the net finds a dropped document, it frees the documents closed since it
     * last ran a second time. The wrapper cannot free the real engine's memory twice, so its counts say what such an
     * engine's would: each second free is a free more and its bytes less live.
     */
    static final class FreesClosedAgain extends WrappedEngine {
        /** The sizes of the documents closed since the net last ran. */
        private final Queue<Long> closedByOwners = new ConcurrentLinkedQueue<>();
        private final AtomicLong freedAgain = new AtomicLong();
        private final AtomicLong bytesFreedAgain = new AtomicLong();

        FreesClosedAgain(EngineConfig config) {
            super(Mutation.NET_FREES_CLOSED, config);
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            long size = ReportsClosed.payloadSizeIfOpen(document);
            return new WrappedDocument(document) {
                @Override
                public void close() {
                    boolean open = !isClosed();
                    super.close();
                    if (open && size >= 0) {
                        closedByOwners.add(size);
                    }
                }
            };
        }

        @Override
        void leaked(LeakReport report) {
            if (report.cause() == LeakReport.Cause.UNREACHABLE) {
                for (Long size = closedByOwners.poll(); size != null; size = closedByOwners.poll()) {
                    freedAgain.incrementAndGet();
                    bytesFreedAgain.addAndGet(size);
                }
            }
            super.leaked(report);
        }

        @Override
        public MemoryStats stats() {
            MemoryStats real = super.stats();
            return new MemoryStats(real.liveDocuments(), real.liveBytes() - bytesFreedAgain.get(), real.peakBytes(),
                    real.allocations(), real.frees() + freedAgain.get(), real.limitBytes(), real.leakedDocuments());
        }
    }

    /**
     * {@link Mutation#OFF_HEAP_COPY} and {@link Mutation#BIG_ENDIAN_VIEW}: bytes() and unsafeBytes() hand out something
     * else than the real document's views (an engine's two views of its memory are made alike).
     */
    static final class ChangesViews extends WrappedEngine {
        private final UnaryOperator<ByteBuffer> view;

        ChangesViews(Mutation mutation, UnaryOperator<ByteBuffer> view, EngineConfig config) {
            super(mutation, config);
            this.view = view;
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            return new WrappedDocument(document) {
                @Override
                public ByteBuffer bytes() {
                    return view.apply(super.bytes());
                }

                @Override
                public ByteBuffer unsafeBytes() {
                    return view.apply(super.unsafeBytes());
                }
            };
        }
    }

    /** @return a read-only little-endian copy of {@code view} in a direct buffer of its own */
    static ByteBuffer directCopy(ByteBuffer view) {
        ByteBuffer copy = ByteBuffer.allocateDirect(view.remaining());
        copy.put(view.duplicate()).flip();
        return copy.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@link Mutation#QUADRATIC_BRACKETS} and {@link Mutation#SUPERLINEAR_BRACKETS}: from every sixteenth {@code [}, a
     * search for closing brackets as far ahead as {@code reach} says for the input's size.
     */
    static final class BracketSearch extends WrappedEngine {
        /** What the search found, kept where the JIT cannot see it unused. */
        private volatile int found;
        private final IntUnaryOperator reach;

        BracketSearch(Mutation mutation, IntUnaryOperator reach, EngineConfig config) {
            super(mutation, config);
            this.reach = reach;
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            int closers = 0;
            int openers = 0;
            int ahead = reach.applyAsInt(utf8.remaining());
            for (int i = utf8.position(); i < utf8.limit(); i++) {
                if (utf8.get(i) == '[' && openers++ % 16 == 0) {
                    for (int j = i + 1, end = (int) Math.min(utf8.limit(), (long) i + 1 + ahead); j < end; j++) {
                        closers += utf8.get(j) == ']' ? 1 : 0;
                    }
                }
            }
            found = closers;
            return super.parseReal(utf8, options);
        }
    }

    /** {@link Mutation#OWNER_LOSES_DOCUMENT}. */
    static final class OwnerLosesDocument extends WrappedEngine {
        /** The last document parsed on each thread, held weakly: a dropped one is still collected. */
        private final ThreadLocal<WeakReference<OcpDocument>> previous = new ThreadLocal<>();

        OwnerLosesDocument(EngineConfig config) {
            super(Mutation.OWNER_LOSES_DOCUMENT, config);
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            WeakReference<OcpDocument> before = previous.get();
            OcpDocument document = before == null ? null : before.get();
            if (document != null) {
                document.close();
            }
            document = super.parseReal(utf8, options);
            previous.set(new WeakReference<>(document));
            return document;
        }
    }

    /** {@link Mutation#CURSOR_OUTLIVES_CLOSE}. */
    static final class CursorOutlivesClose extends WrappedEngine {
        CursorOutlivesClose(EngineConfig config) {
            super(Mutation.CURSOR_OUTLIVES_CLOSE, config);
        }

        @Override
        OcpDocument wrap(OcpDocument document) {
            return new WrappedDocument(document) {
                @Override
                public OcpCursor cursor() {
                    return Ocp.read(real.bytes()).cursor();
                }
            };
        }
    }

    /** {@link Mutation#IGNORES_MAX_INPUT}. */
    static final class IgnoresMaxInput extends WrappedEngine {
        IgnoresMaxInput(EngineConfig config) {
            super(Mutation.IGNORES_MAX_INPUT, config);
        }

        @Override
        ParseOptions options(ParseOptions asked) {
            return asked.withMaxInputBytes(ParseOptions.MAX_INPUT_BYTES);
        }
    }

    /** {@link Mutation#THREAD_UNSAFE_PARSE}. */
    static final class ThreadUnsafeParse extends WrappedEngine {
        /** The engine's one input buffer, shared by every thread. */
        private byte[] input = new byte[0];
        /** The thread that began the last parse, and when. */
        private volatile Thread lastThread;
        private volatile long lastStart;

        ThreadUnsafeParse(EngineConfig config) {
            super(Mutation.THREAD_UNSAFE_PARSE, config);
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            long now = System.nanoTime();
            boolean othersParse = lastThread != Thread.currentThread() && now - lastStart < 5_000_000;
            lastThread = Thread.currentThread();
            lastStart = now;
            int length = utf8.remaining();
            if (input.length < length) {
                input = new byte[length];
            }
            byte[] buffer = input;
            utf8.duplicate().get(buffer, 0, length);
            if (othersParse) {
                // Reading on takes a while (here a fifth of a millisecond, without the processor, while other threads
                // parse too): time enough for a parse on another thread to copy its input over this one.
                LockSupport.parkNanos(200_000);
            }
            return super.parseReal(ByteBuffer.wrap(buffer, 0, length), options);
        }
    }

    /**
     * {@link Mutation#DECLARES_OFF_HEAP}, and {@link Mutation#HEAP_COPY_OF_EACH_INPUT}, which copies each input onto
     * the heap first.
     */
    static final class DeclaresOffHeap extends WrappedEngine {
        private final boolean copies;

        DeclaresOffHeap(Mutation mutation, EngineConfig config) {
            super(mutation, config);
            this.copies = mutation == Mutation.HEAP_COPY_OF_EACH_INPUT;
        }

        @Override
        public Set<Capability> capabilities() {
            EnumSet<Capability> declared = EnumSet.copyOf(super.capabilities());
            declared.add(Capability.OFF_HEAP);
            return declared;
        }

        @Override
        OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
            if (!copies) {
                return super.parseReal(utf8, options);
            }
            byte[] copy = new byte[utf8.remaining()];
            utf8.duplicate().get(copy);
            return super.parseReal(ByteBuffer.wrap(copy), options);
        }
    }

    /**
     * {@link Mutation#SCOPED_VIEWS_FFM}, the ffm engine with scoped views, and {@link Mutation#VIEWS_OUTLIVE_CLOSE},
     * which declares them over the ffm engine without them. Both make their engine underneath from the provider, with
     * its system property set for that one construction: the JVM's other ffm engines keep the default.
     */
    static final class ScopedViews extends WrappedEngine {
        ScopedViews(Mutation mutation, EngineConfig config) {
            super(mutation, config, relayed -> ffm(mutation == Mutation.SCOPED_VIEWS_FFM, relayed));
        }

        @Override
        public Set<Capability> capabilities() {
            EnumSet<Capability> declared = EnumSet.copyOf(super.capabilities());
            declared.add(Capability.SCOPED_VIEWS);
            return declared;
        }

        private static synchronized OcpEngine ffm(boolean scopedViews, EngineConfig config) {
            String property = FfmEngineProvider.SCOPED_VIEWS_PROPERTY;
            String before = System.getProperty(property);
            System.setProperty(property, Boolean.toString(scopedViews));
            try {
                FfmEngineProvider provider = new FfmEngineProvider();
                Availability availability = provider.availability();
                if (!availability.available()) {
                    throw new IllegalStateException("the self-test's scoped-views harness needs the ffm engine: "
                            + availability.reason());
                }
                if (provider.capabilities().contains(Capability.SCOPED_VIEWS) != scopedViews) {
                    throw new IllegalStateException("the ffm provider did not take " + property + "=" + scopedViews);
                }
                return provider.create(config);
            } finally {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
        }
    }
}
