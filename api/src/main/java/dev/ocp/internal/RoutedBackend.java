package dev.ocp.internal;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Two backends behind one: inputs below a size go to {@code small} (the pure-Java parser, whose call costs least),
 * the others to {@code large} (a native one, which parses faster from that size on). Each counts and limits its own
 * memory, so the engine's limit is split between them when they are made: {@code small} gets a little of it, for
 * small documents only, and when that part is full they go to {@code large} too. So the sum of what both hold never
 * passes the engine's limit, and a parse is refused while at most the small part is unused; the peak is the sum of
 * the two peaks, which need not have come at once: at most the limit.
 *
 * <p>Arenas are {@code large}'s: an arena's parse costs no allocation of its own, which is what makes small
 * documents cheaper on the pure-Java parser. {@code large} is made when the first document or arena needs it: a run
 * that parses only small documents (a command-line tool on one page) never pays for a native engine's set-up, and
 * an engine {@code large} cannot be made for fails on that first use. Thread-safe, as both backends are.
 */
final class RoutedBackend implements EngineBackend {
    private final EngineBackend small;
    private final Supplier<EngineBackend> makeLarge;
    private final long largeLimit;
    private final int smallBelow;
    private final long smallLimit;
    private volatile EngineBackend large;
    private boolean closed;

    /**
     * @param small      the backend for inputs of fewer than {@code smallBelow} bytes
     * @param smallLimit the part of the engine's limit {@code small} was made with, for messages
     * @param makeLarge  makes the backend for the others, and for small ones when {@code small}'s part is full: called
     *                   once, when one is first needed
     * @param largeLimit the part of the engine's limit {@code makeLarge} makes it with
     * @param smallBelow inputs shorter than this go to {@code small}
     */
    RoutedBackend(EngineBackend small, long smallLimit, Supplier<EngineBackend> makeLarge, long largeLimit,
                  int smallBelow) {
        this.small = Objects.requireNonNull(small, "small");
        this.makeLarge = Objects.requireNonNull(makeLarge, "makeLarge");
        this.largeLimit = largeLimit;
        this.smallBelow = smallBelow;
        this.smallLimit = smallLimit;
    }

    private EngineBackend large() {
        EngineBackend made = large;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (large == null) {
                if (closed) {
                    // the engine refuses parses once closed: a call here is the engine's own mistake
                    throw new IllegalStateException("the routed backend is closed");
                }
                large = Objects.requireNonNull(makeLarge.get(), "makeLarge gave no backend");
            }
            return large;
        }
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        if (utf8.remaining() < smallBelow) {
            try {
                return small.parse(utf8, options);
            } catch (OcpException e) {
                if (e.code() != OcpException.Code.OUT_OF_MEMORY) {
                    throw e;
                }
                // the small documents' part of the limit is full: the rest of the limit may have room
            }
        }
        try {
            return large().parse(utf8, options);
        } catch (OcpException e) {
            if (e.code() != OcpException.Code.OUT_OF_MEMORY) {
                throw e;
            }
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, e.reason() + " (that limit is the engine's "
                    + (smallLimit + largeLimit) + " bytes less the " + smallLimit + " its documents"
                    + " under " + smallBelow + " bytes may hold apart)", e);
        }
    }

    @Override
    public Counters counters() {
        Counters s = small.counters();
        EngineBackend made = large;
        Counters l = made != null ? made.counters() : new Counters(0, 0, 0, 0, largeLimit);
        return new Counters(s.liveBytes() + l.liveBytes(), s.peakBytes() + l.peakBytes(),
                s.allocations() + l.allocations(), s.frees() + l.frees(), s.limitBytes() + l.limitBytes());
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        return large().newArena(capacityBytes);
    }

    @Override
    public void close() {
        EngineBackend made;
        synchronized (this) {
            closed = true;
            made = large;
        }
        try {
            if (made != null) {
                made.close();
            }
        } finally {
            small.close();
        }
    }
}
