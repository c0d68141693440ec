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

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
    /**
     * The payload the last parse on this thread made, so {@link MutantEngine} can pair it with its document; null
     * when nothing takes it (a backend under a StandardEngine alone), so that no payload is kept past its document.
     */
    private final ThreadLocal<Payload> last;

    /**
     * @param mutation what to break
     * @param config   what the kit asked for
     * @param paired   whether {@link #takeLast()} takes each payload as it is made
     */
    MutantBackend(Mutation mutation, EngineConfig config, boolean paired) {
        this.mutation = mutation;
        this.last = paired ? new ThreadLocal<>() : null;
        // The real engine keeps the default limit; this backend enforces the configured one on its own counts.
        this.real = Ocp.engine("java", EngineConfig.defaults().withLeakDetection(LeakDetection.OFF));
        this.limit = config.memoryLimitBytes();
    }

    /** Inputs shorter than this escape the limit under {@link Mutation#LIMIT_SPARES_SMALL_DOCUMENTS}. */
    static final int SMALL_INPUT = 512;

    private void allocate(long size) {
        allocate(size, false);
    }

    /** @param smallInput whether the memory is a payload of an input shorter than {@link #SMALL_INPUT} */
    private void allocate(long size, boolean smallInput) {
        long now = live.addAndGet(size);
        boolean spared = mutation == Mutation.IGNORES_MEMORY_LIMIT
                || mutation == Mutation.LIMIT_SPARES_SMALL_DOCUMENTS && smallInput;
        if (now > limit && !spared) {
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
        refuseWithInternal(utf8);
        boolean smallInput = utf8.remaining() < SMALL_INPUT;
        ByteBuffer input = utf8;
        if (mutation == Mutation.IGNORES_POSITION) {
            input = utf8.duplicate();
            input.position(0).limit(utf8.remaining());
        }
        ByteBuffer source = input;
        OcpDocument doc = withWorkingMemory(() -> real.parse(source, limits(options)));
        // VIEW_RECYCLED hands out the real engine's raw view, whose array the real engine reuses once it is closed.
        ByteBuffer view = mutation == Mutation.VIEW_RECYCLED ? doc.unsafeBytes() : doc.bytes();
        long size = view.remaining();
        try {
            allocate(size, smallInput);
        } catch (OcpException e) {
            doc.close();
            throw e;
        }
        ByteBuffer shown = shown(view, utf8);
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
                if (mutation != Mutation.FREES_ON_GC) {
                    free(size, doc::close);
                }
            }
        };
        if (mutation == Mutation.FREES_ON_GC) {
            // The action holds what it frees, not the payload, which the document holds until it is collected.
            GC_FREES.register(payload, () -> free(size, doc::close));
        }
        if (last != null) {
            last.set(payload);
        }
        return payload;
    }

    /** Frees payloads of {@link Mutation#FREES_ON_GC} when their objects are collected. */
    private static final Cleaner GC_FREES = Cleaner.create();

    /** Working memory {@link Mutation#LEAKS_ON_REFUSAL} takes for each parse. */
    static final long WORKING_BYTES = 4096;

    /**
     * Runs a parse of the real engine; {@link Mutation#LEAKS_ON_REFUSAL} first takes working memory, which it frees
     * when the parse gives a payload and forgets when it fails.
     */
    private <T> T withWorkingMemory(Supplier<T> parse) {
        if (mutation != Mutation.LEAKS_ON_REFUSAL) {
            return parse.get();
        }
        allocate(WORKING_BYTES);
        T result = parse.get();
        free(WORKING_BYTES, () -> { });
        return result;
    }

    /** @return the payload as the mutation shows it: {@code view}, or a changed copy of it */
    private ByteBuffer shown(ByteBuffer view, ByteBuffer input) {
        switch (mutation) {
            case FLIP:
                return flipped(view);
            case FORGETS_SPREAD:
                return withoutSpread(view);
            case ALERTS_READ_AS_QUOTES:
                return alertsAsQuotes(view);
            case CONTAINER_LABELS_READ_AS_PARAGRAPHS:
                return labelsAsParagraphs(view);
            case VIEWS_A_DIRECT_COPY:
                return Mutants.directCopy(view);
            case DIALECT_NOT_RECORDED:
                ByteBuffer plain = ByteBuffer.allocate(view.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                plain.put(view.duplicate()).flip();
                plain.put(OcpFormat.H_DIALECT, (byte) 0); // COMMONMARK
                return plain.asReadOnlyBuffer();
            case HTML_COMMENTS_NOT_RECORDED:
                ByteBuffer unflagged = ByteBuffer.allocate(view.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                unflagged.put(view.duplicate()).flip();
                unflagged.put(OcpFormat.H_FLAGS,
                        (byte) (unflagged.get(OcpFormat.H_FLAGS) & ~OcpFormat.HEADER_FLAG_HTML_COMMENTS));
                return unflagged.asReadOnlyBuffer();
            case INCONSISTENT_ON_NUL:
                for (int i = input.position(); i < input.limit(); i++) {
                    if (input.get(i) == 0) {
                        ByteBuffer longer = ByteBuffer.allocate(view.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                        longer.put(view.duplicate()).flip();
                        longer.putInt(OcpFormat.H_SOURCE_LENGTH, longer.getInt(OcpFormat.H_SOURCE_LENGTH) + 1);
                        return longer.asReadOnlyBuffer();
                    }
                }
                return view;
            default:
                return view;
        }
    }

    /** The input size from which {@link Mutation#INTERNAL_ON_LARGE} refuses: 64 KiB. */
    static final int LARGE = 64 << 10;

    /** Throws {@code INTERNAL} where the mutation has the parser break down: on large input, or on ill-formed UTF-8. */
    private void refuseWithInternal(ByteBuffer utf8) {
        if (mutation == Mutation.INTERNAL_ON_LARGE && utf8.remaining() >= LARGE) {
            throw new OcpException(OcpException.Code.INTERNAL, "the parser's line table overflowed at "
                    + utf8.remaining() + " bytes");
        }
        if (mutation == Mutation.INTERNAL_ON_INVALID_UTF8) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8.duplicate());
            } catch (CharacterCodingException e) {
                throw new OcpException(OcpException.Code.INTERNAL, "the decoder failed: " + e);
            }
        }
    }

    /** @return the options the parser sees: without their node and nesting limits for {@code NO_LIMITS} */
    private ParseOptions limits(ParseOptions options) {
        return mutation == Mutation.NO_LIMITS
                ? ParseOptions.of(options.dialect()).withExtensions(options.extensions())
                        .withMaxInputBytes(options.maxInputBytes()).withFlavor(options.flavor()) : options;
    }

    /** @return the payload made by the last parse on this thread, once */
    Payload takeLast() {
        Payload p = last.get();
        last.remove();
        return p;
    }

    /** A writable little-endian copy of a payload, with where its node records are, for the mutants that edit one. */
    private record PayloadCopy(byte[] bytes, ByteBuffer le, int nodes, int count, int recordSize) {
        static PayloadCopy of(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.duplicate().get(b);
            ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            return new PayloadCopy(b, le, le.getInt(OcpFormat.H_NODE_OFFSET), le.getInt(OcpFormat.H_NODE_COUNT),
                    le.getShort(OcpFormat.H_NODE_RECORD_SIZE) & 0xFFFF);
        }

        int record(int i) {
            return nodes + i * recordSize;
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
    }

    /** The payload with its alerts made block quotes ({@link Mutation#ALERTS_READ_AS_QUOTES}). */
    static ByteBuffer alertsAsQuotes(ByteBuffer payload) {
        PayloadCopy copy = PayloadCopy.of(payload);
        byte[] b = copy.bytes();
        for (int i = 0; i < copy.count(); i++) {
            int record = copy.record(i);
            if ((b[record + OcpFormat.N_KIND] & 0xFF) == dev.ocp.NodeKind.ALERT.code()) {
                b[record + OcpFormat.N_KIND] = (byte) dev.ocp.NodeKind.BLOCK_QUOTE.code();
                b[record + OcpFormat.N_DATA] = 0;
                b[record + OcpFormat.N_DATA + 1] = 0;
            }
        }
        return copy.view();
    }

    /**
     * The payload with its container directives' labels made plain paragraphs, their label flag cleared
     * ({@link Mutation#CONTAINER_LABELS_READ_AS_PARAGRAPHS}).
     */
    static ByteBuffer labelsAsParagraphs(ByteBuffer payload) {
        PayloadCopy copy = PayloadCopy.of(payload);
        byte[] b = copy.bytes();
        for (int i = 0; i < copy.count(); i++) {
            int record = copy.record(i);
            if ((b[record + OcpFormat.N_KIND] & 0xFF) == dev.ocp.NodeKind.PARAGRAPH.code()) {
                b[record + OcpFormat.N_FLAGS] &= (byte) ~OcpFormat.FLAG_PARAGRAPH_DIRECTIVE_LABEL;
            }
        }
        return copy.view();
    }

    /** The payload with the spread flags of its lists and items cleared ({@link Mutation#FORGETS_SPREAD}). */
    static ByteBuffer withoutSpread(ByteBuffer payload) {
        PayloadCopy copy = PayloadCopy.of(payload);
        byte[] b = copy.bytes();
        for (int i = 0; i < copy.count(); i++) {
            int record = copy.record(i);
            int kind = b[record + OcpFormat.N_KIND] & 0xFF;
            if (kind == dev.ocp.NodeKind.LIST.code()) {
                b[record + OcpFormat.N_FLAGS] &= (byte) ~OcpFormat.FLAG_LIST_SPREAD;
            } else if (kind == dev.ocp.NodeKind.LIST_ITEM.code()) {
                b[record + OcpFormat.N_FLAGS] &= (byte) ~OcpFormat.FLAG_ITEM_SPREAD;
            }
        }
        return copy.view();
    }

    /**
     * A copy of the payload with the case of one letter of the first TEXT literal swapped: still valid OCP
     * (ASCII stays ASCII, no length changes), but not what the reference engine produces.
     */
    static ByteBuffer flipped(ByteBuffer payload) {
        PayloadCopy copy = PayloadCopy.of(payload);
        byte[] b = copy.bytes();
        ByteBuffer le = copy.le();
        int strings = le.getInt(OcpFormat.H_STRING_OFFSET);
        for (int i = 0; i < copy.count(); i++) {
            int record = copy.record(i);
            int ref = le.getInt(record + OcpFormat.N_A);
            if ((b[record] & 0xFF) != 32 || ref == OcpFormat.NONE) { // 32: TEXT
                continue;
            }
            int length = le.getInt(strings + ref);
            for (int at = strings + ref + 4; at < strings + ref + 4 + length; at++) {
                int c = b[at] | 0x20;
                if (c >= 'a' && c <= 'z') {
                    b[at] ^= 0x20;
                    return copy.view();
                }
            }
        }
        return copy.view();
    }

    @Override
    public Counters counters() {
        return new Counters(live.get(), peak.get(), allocations.get(), frees.get(), limit);
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        // IGNORES_ARENA_CAPACITY says it holds capacityBytes, and takes far more. Shared: the mutant's arena is used
        // from whichever thread uses it.
        OcpArena arena = real.newSharedArena(mutation == Mutation.IGNORES_ARENA_CAPACITY ? capacityBytes << 4
                : capacityBytes);
        try {
            allocate(capacityBytes);
        } catch (OcpException e) {
            arena.close();
            throw e;
        }
        return new ArenaBackend() {
            @Override
            public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
                OcpDocument doc = withWorkingMemory(() -> arena.parse(utf8, limits(options)));
                ByteBuffer view = mutation == Mutation.VIEW_RECYCLED ? doc.unsafeBytes() : doc.bytes();
                return shown(view, utf8);
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
                return capacityBytes;
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
