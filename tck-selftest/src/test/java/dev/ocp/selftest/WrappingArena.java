package dev.ocp.selftest;

import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/** An arena of a wrapping engine: the real arena's, with each document wrapped and the options as the engine has them. */
final class WrappingArena implements OcpArena {
    private final OcpArena arena;
    private final UnaryOperator<ParseOptions> options;
    private final UnaryOperator<OcpDocument> wrap;

    /**
     * @param arena   the real arena
     * @param options what the real arena is given for the options asked
     * @param wrap    the document handed out for the real arena's
     */
    WrappingArena(OcpArena arena, UnaryOperator<ParseOptions> options, UnaryOperator<OcpDocument> wrap) {
        this.arena = arena;
        this.options = options;
        this.wrap = wrap;
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions asked) {
        return wrap.apply(arena.parse(utf8, options.apply(asked)));
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions asked) {
        return wrap.apply(arena.parse(utf8, options.apply(asked)));
    }

    @Override
    public void reset() {
        arena.reset();
    }

    @Override
    public boolean isShared() {
        return arena.isShared();
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
        arena.close();
    }
}
