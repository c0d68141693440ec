package dev.ocp.selftest;

import dev.ocp.Capability;
import dev.ocp.LeakDetection;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpNode;
import dev.ocp.OcpVisitor;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.internal.ReadGuard;
import dev.ocp.spi.StandardEngine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A deliberately broken engine: a {@link StandardEngine} over a {@link MutantBackend}, wrapped so that the
 * defects that live above the backend (a non-idempotent close, a copying bytes()) can be planted too.
 */
final class MutantEngine implements OcpEngine {
    private final Mutation mutation;
    private final MutantBackend backend;
    private final StandardEngine standard;
    /** {@link Mutation#STUBBORN_THREAD}'s thread, which runs until the engine is closed. */
    private volatile boolean closed;

    private MutantEngine(Mutation mutation, EngineConfig config) {
        this.mutation = mutation;
        this.backend = new MutantBackend(mutation, config, true);
        this.standard = new StandardEngine("mutant-" + mutation.name().toLowerCase(Locale.ROOT),
                Mutants.EVERY_CAPABILITY, dev.ocp.Syntax.ALL, backend,
                mutation == Mutation.LEAK_LEVEL_IGNORED ? config.withLeakDetection(LeakDetection.COUNT) : config);
        if (mutation == Mutation.STUBBORN_THREAD) {
            Thread stubborn = new Thread(() -> {
                while (!closed) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException ignored) {
                        // the defect: asked to stop, it carries on
                    }
                }
            }, "mutant-stubborn");
            stubborn.start(); // and no daemon
        }
        if (mutation == Mutation.THREAD_PINS_LOADER || mutation == Mutation.THREAD_OUTLIVES_ENGINE) {
            // A well-behaved helper thread in all else: a daemon that stops when interrupted.
            Thread helper = new Thread(() -> {
                try {
                    while (!closed) {
                        Thread.sleep(5);
                    }
                    if (mutation == Mutation.THREAD_OUTLIVES_ENGINE) {
                        Thread.sleep(OUTLIVES_MILLIS); // the defect: a keep-alive longer than the engine
                    }
                } catch (InterruptedException asked) {
                    // ends, as asked
                }
            }, "mutant-helper");
            helper.setDaemon(true);
            if (mutation != Mutation.THREAD_PINS_LOADER) {
                helper.setContextClassLoader(null);
            } // the defect: it keeps the loader it inherited from the thread that made the engine
            helper.start();
        }
    }

    /** How long {@link Mutation#THREAD_OUTLIVES_ENGINE}'s thread lives on after its engine closed. */
    private static final long OUTLIVES_MILLIS = 60_000;

    static OcpEngine create(Mutation mutation, EngineConfig config) {
        return new MutantEngine(mutation, config);
    }

    /** The input whose HTML {@link Mutation#MISRENDERS_ONE_EXAMPLE} gets wrong: the CommonMark spec's example 1. */
    private static final byte[] MISRENDERED = "\tfoo\tbaz\t\tbim\n".getBytes(StandardCharsets.UTF_8);

    private MutantDocument wrap(OcpDocument doc, EngineBackend.Payload payload) {
        return new MutantDocument(doc, payload);
    }

    @Override
    public String name() {
        return standard.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return standard.capabilities();
    }

    @Override
    public dev.ocp.Syntax syntax() {
        return standard.syntax();
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        OcpDocument doc = standard.parse(utf8, options);
        MutantDocument wrapped = wrap(doc, backend.takeLast());
        wrapped.misrendered = mutation == Mutation.MISRENDERS_ONE_EXAMPLE && Arrays.equals(utf8, MISRENDERED);
        return wrapped;
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        OcpDocument doc = standard.parse(utf8, options);
        return wrap(doc, backend.takeLast());
    }

    @Override
    public OcpDocument parse(Path file, ParseOptions options) throws IOException {
        OcpDocument doc = standard.parse(file, options);
        return wrap(doc, backend.takeLast());
    }

    @Override
    public OcpArena newArena(long capacityBytes) {
        return mutation == Mutation.ARENA_UNCONFINED ? racing(standard.newSharedArena(capacityBytes))
                : wrap(standard.newArena(capacityBytes));
    }

    @Override
    public OcpArena newSharedArena(long capacityBytes) {
        return mutation == Mutation.ARENA_UNCONFINED ? racing(standard.newSharedArena(capacityBytes))
                : wrap(standard.newSharedArena(capacityBytes));
    }

    /**
     * {@link Mutation#ARENA_UNCONFINED}: any thread may use it, and a parse returns what is in the arena's one slot
     * for "the document just made" when it returns, which another thread's parse may have filled meanwhile.
     */
    private OcpArena racing(OcpArena arena) {
        OcpArena inner = wrap(arena);
        return new OcpArena() {
            private OcpDocument last;

            private OcpDocument parsed(OcpDocument doc) {
                last = doc;
                Thread.yield();
                return last;
            }

            @Override
            public OcpDocument parse(byte[] utf8, ParseOptions options) {
                return parsed(inner.parse(utf8, options));
            }

            @Override
            public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
                return parsed(inner.parse(utf8, options));
            }

            @Override
            public void reset() {
                inner.reset();
            }

            @Override
            public boolean isShared() {
                return true;
            }

            @Override
            public long usedBytes() {
                return inner.usedBytes();
            }

            @Override
            public long capacityBytes() {
                return inner.capacityBytes();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private OcpArena wrap(OcpArena arena) {
        return new WrappingArena(arena, options -> options, doc -> wrap(doc, null));    }

    @Override
    public MemoryStats stats() {
        return standard.stats();
    }

    @Override
    public void close() {
        closed = true;
        standard.close();
    }

    /** The document as the mutation has it; it passes its engine's read guard on unless told not to. */
    private final class MutantDocument implements OcpDocument, ReadGuard {
        private final OcpDocument doc;
        private final EngineBackend.Payload payload;
        private final ByteBuffer kept;
        /** Whether this document's HTML comes out wrong ({@link Mutation#MISRENDERS_ONE_EXAMPLE}). */
        boolean misrendered;

        MutantDocument(OcpDocument doc, EngineBackend.Payload payload) {
            this.doc = doc;
            this.payload = payload;
            ByteBuffer view = null;
            try {
                view = doc.unsafeBytes(); // USE_AFTER_CLOSE reads it after close: the raw view, not a kept one
            } catch (IllegalStateException closedMeanwhile) {
                // An engine close on another thread freed it between parse and here (the TCK's
                // engineCloseWhileThreadsParse does that): there is nothing to keep, and bytes() will say so.
            }
            this.kept = view;
        }

        @Override
        public ByteBuffer bytes() {
            if (mutation == Mutation.USE_AFTER_CLOSE && kept != null) {
                return kept.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer view = doc.bytes();
            if (mutation != Mutation.COPY) {
                return view;
            }
            ByteBuffer copy = ByteBuffer.allocate(view.remaining());
            copy.put(view).flip();
            return copy.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void renderHtml(Appendable out) throws IOException {
            if (!misrendered) {
                OcpDocument.super.renderHtml(out);
                return;
            }
            StringBuilder html = new StringBuilder();
            OcpDocument.super.renderHtml(html);
            out.append(html.toString().replace("<code>", "<code class=\"language-\">"));
        }

        /**
         * As {@link dev.ocp.spi.StandardDocument} renders: one read for the whole rendering, through this
         * document's guard (so {@link Mutation#UNGUARDED_READS} reads a whole rendering unguarded, as an engine
         * without a guard would), not the interface's default, which hands the text over in chunks.
         */
        @Override
        public String toHtml() {
            if (misrendered) {
                return OcpDocument.super.toHtml();
            }
            return dev.ocp.html.HtmlRenderer.renderToString(cursor(), bytes().remaining());
        }

        /**
         * {@link Mutation#NODE_RECYCLED}: the visitor is handed one node for the whole walk, put on each node in turn
         * and left on the last, as a flyweight that does not know its visit is over.
         */
        @Override
        public void walk(OcpVisitor visitor) {
            if (mutation != Mutation.NODE_RECYCLED) {
                OcpDocument.super.walk(visitor);
                return;
            }
            OcpNode[] current = new OcpNode[1];
            OcpNode flyweight = (OcpNode) java.lang.reflect.Proxy.newProxyInstance(OcpNode.class.getClassLoader(),
                    new Class<?>[] {OcpNode.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return method.getName().equals("equals") ? proxy == args[0]
                                    : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "flyweight";
                        }
                        try {
                            return method.invoke(current[0], args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            OcpDocument.super.walk(new OcpVisitor() {
                @Override
                public boolean enter(OcpNode node) {
                    current[0] = node(node.index());
                    return visitor.enter(flyweight);
                }

                @Override
                public void exit(OcpNode node) {
                    current[0] = node(node.index());
                    visitor.exit(flyweight);
                }
            });
        }

        @Override
        public boolean isClosed() {
            return doc.isClosed();
        }

        @Override
        public void enterRead() {
            if (mutation == Mutation.UNGUARDED_READS) {
                if (doc.isClosed()) {
                    throw new IllegalStateException("closed");
                }
            } else {
                ReadGuard.of(doc).enterRead();
            }
        }

        @Override
        public void exitRead() {
            if (mutation != Mutation.UNGUARDED_READS) {
                ReadGuard.of(doc).exitRead();
            }
        }

        @Override
        public void close() {
            if (mutation == Mutation.RECLOSE && payload != null && doc.isClosed()) {
                payload.release();
            } else {
                doc.close();
            }
        }
    }
}
