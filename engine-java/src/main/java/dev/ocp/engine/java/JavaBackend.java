package dev.ocp.engine.java;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.EngineBackend;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/** The pure-Java engine's backend: parse into a pooled array, free back into the pool. */
final class JavaBackend implements EngineBackend {
    /** A context that grew past this many nodes is dropped after use rather than kept. */
    private static final int MAX_CACHED_NODES = 1 << 18;
    /**
     * A context a collection may have moved is made again only when its last document had at most this many nodes:
     * a new context costs about 29 KB, and the arrays a larger document needs would be grown again after every
     * collection, where a cache line shared with another thread is a small part of the parse.
     */
    private static final int RENEWED_NODES = 1 << 12;

    private final BufferPool pool;
    /** Idle contexts; empty, the pool gives null and a new one is made. */
    private final BlockPool<Context> contexts = BlockPool.forParsingThreads(() -> null);

    JavaBackend(long memoryLimit) {
        this.pool = new BufferPool(memoryLimit);
    }

    /** Per-parse working memory, reused until a garbage collection may have moved it ({@link #moved}). */
    static final class Context {
        final JavaParser parser = new JavaParser();
        final TreeBuilder tree = parser.tree;
        byte[] input = new byte[0];
        /**
         * Cleared by the first collection after the context was made. Until then the context lies where its thread
         * made it, in that thread's own allocation buffer. A collection copies it wherever the collector's threads put
         * survivors, which can be beside another thread's context, and every parse writes its context's fields and
         * small arrays: two contexts that share a cache line make two parsing threads take turns at it. Contexts
         * that serve small documents are therefore dropped after a collection and made again, at about one per thread
         * per collection ({@link #RENEWED_NODES}).
         */
        private final WeakReference<Object> unmoved = new WeakReference<>(new Object());

        /** Whether a collection has run since the context was made (it may have moved beside another's). */
        boolean moved() {
            return unmoved.refersTo(null);
        }
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        Context ctx = acquireContext();
        try {
            int length = parseInto(ctx, utf8, options);
            TreeBuilder tree = ctx.tree;
            byte[] out = pool.acquire(tree.sizeBound());
            int size;
            try {
                size = tree.serialize(out, 0, options, length);
            } catch (RuntimeException | Error e) {
                pool.release(out);
                throw e;
            }
            return new PooledPayload(pool, out, size);
        } finally {
            releaseContext(ctx);
        }
    }

    /** Runs the parser on {@code utf8}, copying it only when it is not a whole heap array. */
    static int parseInto(Context ctx, ByteBuffer utf8, ParseOptions options) {
        int length = utf8.remaining();
        byte[] src;
        if (utf8.hasArray() && utf8.arrayOffset() + utf8.position() == 0) {
            src = utf8.array();
        } else {
            if (ctx.input.length < length) {
                ctx.input = new byte[Math.max(length, ctx.input.length * 2)];
            }
            src = ctx.input;
            utf8.get(utf8.position(), src, 0, length);
        }
        try {
            ctx.parser.parse(src, length, options);
        } catch (StackOverflowError e) {
            throw new OcpException(OcpException.Code.INTERNAL, "the pure-Java parser recursed too deep; please report "
                    + "this input", e);
        }
        return length;
    }

    private Context acquireContext() {
        Context ctx = contexts.take();
        if (ctx == null || ctx.moved() && ctx.tree.nodeCount() <= RENEWED_NODES) {
            return new Context();
        }
        return ctx;
    }

    private void releaseContext(Context ctx) {
        if (ctx.tree.nodeCount() <= MAX_CACHED_NODES && ctx.input.length <= (8 << 20)) {
            contexts.give(ctx);
        }
    }

    @Override
    public Counters counters() {
        return pool.counters();
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        return new JavaArena(this, pool, capacityBytes);
    }

    @Override
    public void close() {
        // Pooled arrays are plain heap memory; nothing to unmap.
    }

    Context context() {
        return acquireContext();
    }

    void done(Context ctx) {
        releaseContext(ctx);
    }

    /** A payload in a pooled array: back to the pool when released, unless a view of it was handed out. */
    static final class PooledPayload implements Payload {
        private final BufferPool pool;
        private final byte[] array;
        private final int size;
        private volatile boolean kept;

        PooledPayload(BufferPool pool, byte[] array, int size) {
            this.pool = pool;
            this.array = array;
            this.size = size;
        }

        @Override
        public ByteBuffer view() {
            return ByteBuffer.wrap(array, 0, size).slice();
        }

        @Override
        public ByteBuffer keptView() {
            kept = true;
            return view();
        }

        @Override
        public void release() {
            if (kept) {
                pool.forget(array); // the caller's view keeps the array; no other payload may have it
            } else {
                pool.release(array);
            }
        }
    }
}
