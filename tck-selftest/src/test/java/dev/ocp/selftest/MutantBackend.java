package dev.ocp.selftest;

import dev.ocp.LeakDetection;
import dev.ocp.Ocp;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EngineBackend} over the real {@code java} engine, found through the SPI: it parses with it and
 * counts its own allocations the way a native allocator would (one allocation per payload or arena, of
 * the payload's size), so that what {@link dev.ocp.spi.StandardEngine} does with {@code release()} is
 * visible in the stats. A {@link Mutation} breaks one thing on purpose.
 */
final class MutantBackend implements EngineBackend {
    private final Mutation mutation;
    private final OcpEngine real;
    private final long limit;
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong frees = new AtomicLong();
    /** The payload the last parse on this thread made, so {@link MutantEngine} can pair it with its document. */
    private final ThreadLocal<Payload> last = new ThreadLocal<>();

    MutantBackend(Mutation mutation, EngineConfig config) {
        this.mutation = mutation;
        // The real engine keeps the default limit; this backend enforces the configured one on its own counts.
        this.real = Ocp.engine("java", EngineConfig.defaults().withLeakDetection(LeakDetection.OFF));
        this.limit = config.memoryLimitBytes();
    }

    private void allocate(long size) {
        long now = live.addAndGet(size);
        if (now > limit) {
            live.addAndGet(-size);
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, size + " more bytes would cross the limit of " + limit);
        }
        peak.accumulateAndGet(now, Math::max);
        allocations.incrementAndGet();
    }

    /** Frees {@code size} bytes as the mutation has it: once, never, or twice. */
    private void free(long size, Runnable realFree) {
        int times = mutation == Mutation.LEAK ? 0 : mutation == Mutation.DOUBLE_FREE ? 2 : 1;
        for (int i = 0; i < times; i++) {
            live.addAndGet(-size);
            frees.incrementAndGet();
            realFree.run();
        }
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        ByteBuffer input = utf8;
        if (mutation == Mutation.IGNORES_POSITION) {
            input = utf8.duplicate();
            input.position(0).limit(utf8.remaining());
        }
        OcpDocument doc = real.parse(input, limits(options));
        // VIEW_RECYCLED hands out the real engine's raw view, whose array the real engine reuses once it is closed.
        ByteBuffer view = mutation == Mutation.VIEW_RECYCLED ? doc.unsafeBytes() : doc.bytes();
        long size = view.remaining();
        try {
            allocate(size);
        } catch (OcpException e) {
            doc.close();
            throw e;
        }
        ByteBuffer shown = mutation == Mutation.FLIP ? flipped(view) : view;
        Payload payload = new Payload() {
            @Override
            public ByteBuffer view() {
                return shown.duplicate();
            }

            @Override
            public ByteBuffer keptView() {
                return shown.duplicate(); // the real document's bytes(): kept by the real engine
            }

            @Override
            public void release() {
                free(size, doc::close);
            }
        };
        last.set(payload);
        return payload;
    }

    /** @return the options the parser sees: without their node and nesting limits for {@code NO_LIMITS} */
    private ParseOptions limits(ParseOptions options) {
        return mutation == Mutation.NO_LIMITS
                ? ParseOptions.of(options.dialect()).withExtensions(options.extensions())
                        .withMaxInputBytes(options.maxInputBytes()) : options;
    }

    /** @return the payload made by the last parse on this thread, once */
    Payload takeLast() {
        Payload p = last.get();
        last.remove();
        return p;
    }

    /**
     * A copy of the payload with the case of one letter of the first TEXT literal swapped: still valid OCP
     * (ASCII stays ASCII, no length changes), but not what the reference engine produces.
     */
    static ByteBuffer flipped(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int nodes = le.getInt(OcpFormat.H_NODE_OFFSET);
        int count = le.getInt(OcpFormat.H_NODE_COUNT);
        int recordSize = le.getShort(OcpFormat.H_NODE_RECORD_SIZE) & 0xFFFF;
        int strings = le.getInt(OcpFormat.H_STRING_OFFSET);
        for (int i = 0; i < count; i++) {
            int record = nodes + i * recordSize;
            int ref = le.getInt(record + OcpFormat.N_A);
            if ((b[record] & 0xFF) != 32 || ref == OcpFormat.NONE) { // 32: TEXT
                continue;
            }
            int length = le.getInt(strings + ref);
            for (int at = strings + ref + 4; at < strings + ref + 4 + length; at++) {
                int c = b[at] | 0x20;
                if (c >= 'a' && c <= 'z') {
                    b[at] ^= 0x20;
                    return ByteBuffer.wrap(b).asReadOnlyBuffer();
                }
            }
        }
        return ByteBuffer.wrap(b).asReadOnlyBuffer();
    }

    @Override
    public Counters counters() {
        return new Counters(live.get(), peak.get(), allocations.get(), frees.get(), limit);
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        OcpArena arena = real.newSharedArena(capacityBytes); // used from whichever thread the mutant's arena is
        try {
            allocate(capacityBytes);
        } catch (OcpException e) {
            arena.close();
            throw e;
        }
        return new ArenaBackend() {
            @Override
            public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
                OcpDocument doc = arena.parse(utf8, limits(options));
                ByteBuffer view = mutation == Mutation.VIEW_RECYCLED ? doc.unsafeBytes() : doc.bytes();
                return mutation == Mutation.FLIP ? flipped(view) : view;
            }

            @Override
            public ByteBuffer keptView(ByteBuffer view) {
                return view; // a bytes() view of the real arena's document: kept by the real engine
            }

            @Override
            public void reset() {
                arena.reset();
            }

            @Override
            public long usedBytes() {
                return arena.usedBytes();
            }

            @Override
            public long capacityBytes() {
                return arena.capacityBytes();
            }

            @Override
            public void close() {
                free(capacityBytes, arena::close);
            }
        };
    }

    @Override
    public void close() {
        real.close();
    }
}
