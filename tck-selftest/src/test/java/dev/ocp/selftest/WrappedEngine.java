package dev.ocp.selftest;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.HtmlOptions;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.Ocp;
import dev.ocp.OcpArena;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpListener;
import dev.ocp.OcpVisitor;
import dev.ocp.ParseOptions;
import dev.ocp.PressureLevel;
import dev.ocp.EngineConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * An engine as a third party would write one on the public API, the way issue 36 tried the kit: an
 * {@link OcpEngine} of its own around a real engine ({@code java}, found through {@link Ocp#engine(String,
 * EngineConfig)}), whose documents and arenas are its own too. The real engine's listener is the wrapper's, which
 * passes what it hears on to the kit's listeners under the wrapper's name. Nothing here reaches below the public
 * packages ({@code dev.ocp}, and {@code dev.ocp.spi} for the configuration).
 *
 * <p>As it stands it keeps every promise: the control {@link Mutation#WRAPPED}. Each mutant of this kind overrides
 * one hook to break one promise.
 */
class WrappedEngine implements OcpEngine {
    /** The engine underneath. */
    final OcpEngine real;
    /** The configuration the kit asked for (its listeners are the kit's). */
    final EngineConfig config;
    private final String name;

    /**
     * @param mutation what this engine is (its name is the mutation's)
     * @param config   what the kit asked for
     */
    WrappedEngine(Mutation mutation, EngineConfig config) {
        this(mutation, config, relayed -> Ocp.engine("java", relayed));
    }

    /**
     * @param mutation what this engine is (its name is the mutation's)
     * @param config   what the kit asked for
     * @param real     makes the engine underneath from a configuration whose listener is the wrapper's
     */
    WrappedEngine(Mutation mutation, EngineConfig config, Function<EngineConfig, OcpEngine> real) {
        this.name = "mutant-" + mutation.name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.config = config;
        this.real = real.apply(new EngineConfig(config.memoryLimitBytes(), config.leakDetection(),
                List.of(new Relay())));
    }

    /** What the real engine tells its listener, handed to {@link #leaked} and the kit's listeners. */
    private final class Relay implements OcpListener {
        @Override
        public void documentLeaked(LeakReport report) {
            leaked(new LeakReport(name, report.documentId(), report.payloadBytes(), report.cause(),
                    report.creationSite()));
        }

        @Override
        public void pressureChanged(PressureLevel from, PressureLevel to, MemoryStats stats) {
            for (OcpListener l : config.listeners()) {
                l.pressureChanged(from, to, stats);
            }
        }
    }

    /** Hook: the real engine reported a leak (under this engine's name); tells the kit's listeners. */
    void leaked(LeakReport report) {
        report(report);
    }

    /** Tells the kit's listeners of a leak. */
    final void report(LeakReport report) {
        for (OcpListener l : config.listeners()) {
            l.documentLeaked(report);
        }
    }

    /** Hook: the options the real engine is given. */
    ParseOptions options(ParseOptions asked) {
        return asked;
    }

    /** Hook: parses with the real engine (the only way in for byte arrays, buffers and strings). */
    OcpDocument parseReal(ByteBuffer utf8, ParseOptions options) {
        return real.parse(utf8, options);
    }

    /** Hook: the document handed to the caller. */
    OcpDocument wrap(OcpDocument document) {
        return new WrappedDocument(document);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public dev.ocp.Syntax syntax() {
        return real.syntax();
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        return parse(ByteBuffer.wrap(utf8), options);
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        return wrap(parseReal(utf8, options(options)));
    }

    @Override
    public OcpDocument parse(Path file, ParseOptions options) throws IOException {
        return wrap(real.parse(file, options(options)));
    }

    @Override
    public OcpArena newArena(long capacityBytes) {
        return new WrappingArena(real.newArena(capacityBytes), this::options, this::wrap);
    }

    @Override
    public OcpArena newSharedArena(long capacityBytes) {
        return new WrappingArena(real.newSharedArena(capacityBytes), this::options, this::wrap);
    }

    @Override
    public MemoryStats stats() {
        return real.stats();
    }

    @Override
    public void close() {
        real.close();
    }

    /**
     * A document of the wrapper: every call goes to the real document, the interface's defaults included, so that
     * reads go through the real document's own guard.
     */
    static class WrappedDocument implements OcpDocument {
        /** The real engine's document. */
        final OcpDocument real;

        WrappedDocument(OcpDocument real) {
            this.real = real;
        }

        @Override
        public ByteBuffer bytes() {
            return real.bytes();
        }

        @Override
        public ByteBuffer unsafeBytes() {
            return real.unsafeBytes();
        }

        @Override
        public dev.ocp.OcpNode node(int index) {
            return real.node(index);
        }

        @Override
        public boolean isClosed() {
            return real.isClosed();
        }

        @Override
        public void close() {
            real.close();
        }

        @Override
        public void walk(OcpVisitor visitor) {
            real.walk(visitor);
        }

        @Override
        public void renderMdast(Appendable out, byte[] source) throws IOException {
            real.renderMdast(out, source);
        }

        @Override
        public String toMdast(byte[] source) {
            return real.toMdast(source);
        }

        @Override
        public OcpCursor cursor() {
            return real.cursor();
        }

        @Override
        public Dialect dialect() {
            return real.dialect();
        }

        @Override
        public Set<Extension> extensions() {
            return real.extensions();
        }

        @Override
        public int nodeCount() {
            return real.nodeCount();
        }

        @Override
        public void renderHtml(Appendable out) throws IOException {
            real.renderHtml(out);
        }

        @Override
        public void renderHtml(Appendable out, HtmlOptions options) throws IOException {
            real.renderHtml(out, options);
        }

        @Override
        public String toHtml() {
            return real.toHtml();
        }

        @Override
        public String toHtml(HtmlOptions options) {
            return real.toHtml(options);
        }

        @Override
        public void renderJson(Appendable out) throws IOException {
            real.renderJson(out);
        }

        @Override
        public String toJson() {
            return real.toJson();
        }
    }
}
