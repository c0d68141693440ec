package dev.ocp.engine.java;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;

/**
 * An arena of the pure-Java engine: one pooled array, payloads placed one after another (bump allocation,
 * 8-byte aligned), freed all at once by moving the offset back to zero.
 */
final class JavaArena implements EngineBackend.ArenaBackend {
    private final JavaBackend backend;
    private final BufferPool pool;
    private byte[] region;
    private final long capacity;
    private int used;
    /** Whether a view of this generation's payloads was handed out: then a reset moves to a fresh array. */
    private volatile boolean kept;

    JavaArena(JavaBackend backend, BufferPool pool, long capacity) {
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "arenas of the pure-Java engine hold at most 2 GiB");
        }
        this.backend = backend;
        this.pool = pool;
        this.capacity = capacity;
        this.region = pool.acquire(capacity);
    }

    @Override
    public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
        JavaBackend.Context ctx = backend.context();
        try {
            int length = JavaBackend.parseInto(ctx, utf8, options);
            TreeBuilder tree = ctx.tree;
            long bound = tree.sizeBound();
            int at = used;
            int size;
            if (at + bound <= capacity) {
                size = tree.serialize(region, at, options, length);
            } else {
                byte[] tmp = pool.acquire(bound);
                try {
                    size = tree.serialize(tmp, 0, options, length);
                    if (at + (long) size > capacity) {
                        throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "arena full: " + size + " more bytes"
                                + " would exceed its capacity of " + capacity + "; reset it or make a larger one");
                    }
                    System.arraycopy(tmp, 0, region, at, size);
                } finally {
                    pool.release(tmp);
                }
            }
            used = (int) Math.min(capacity, (at + size + 7L) & ~7L);
            return ByteBuffer.wrap(region, at, size).slice();
        } finally {
            backend.done(ctx);
        }
    }

    @Override
    public ByteBuffer keptView(ByteBuffer view) {
        kept = true;
        return view;
    }

    @Override
    public void reset() {
        if (kept) {
            // Views of the old generation keep its array and read it unchanged; new payloads go to another.
            byte[] fresh = pool.acquire(capacity);
            pool.forget(region);
            region = fresh;
            kept = false;
        }
        used = 0;
    }

    @Override
    public long usedBytes() {
        return used;
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public void close() {
        if (kept) {
            pool.forget(region);
        } else {
            pool.release(region);
        }
    }
}
