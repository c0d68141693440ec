package dev.ocp.cli;

import dev.ocp.Capability;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.spi.Availability;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An engine for command tests whose behaviour the test decides: the payload it makes of an input, the HTML
 * its documents render, and whether closing a document frees its memory. Lets the tests see that the
 * commands pass output through exactly and catch engines that disagree or leak.
 */
final class FakeEngine implements OcpEngine {
    private final String name;
    private final Function<byte[], byte[]> payload;
    private final UnaryOperator<String> html;
    private final boolean freesOnClose;
    private final AtomicLong liveDocuments = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong parses = new AtomicLong();

    FakeEngine(String name, Function<byte[], byte[]> payload, UnaryOperator<String> html, boolean freesOnClose) {
        this.name = name;
        this.payload = payload;
        this.html = html;
        this.freesOnClose = freesOnClose;
    }

    /** @return a provider that creates engines like this one's settings */
    static ProviderInfo provider(String name, int priority, Function<byte[], byte[]> payload,
                                 UnaryOperator<String> html, boolean freesOnClose) {
        OcpEngineProvider p = new OcpEngineProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Availability availability() {
                return Availability.AVAILABLE;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.OFF_HEAP);
            }

            @Override
            public OcpEngine create(EngineConfig config) {
                return new FakeEngine(name, payload, html, freesOnClose);
            }
        };
        return new ProviderInfo(name, priority, true, "", p.capabilities(), p.syntax(), p);
    }

    /** @return a provider that cannot run, for the reason given */
    static ProviderInfo unavailable(String name, String reason) {
        return new ProviderInfo(name, 50, false, reason, Set.of(), dev.ocp.Syntax.COMMONMARK, null);
    }

    /** Payload: the input reversed; HTML: the input in a paragraph. */
    static ProviderInfo simple(String name, int priority) {
        return provider(name, priority, FakeEngine::reversed, FakeEngine::paragraph, true);
    }

    static byte[] reversed(byte[] input) {
        byte[] out = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            out[i] = input[input.length - 1 - i];
        }
        return out;
    }

    static String paragraph(String markdown) {
        return "<p>" + markdown.strip() + "</p>\n";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.OFF_HEAP);
    }

    @Override
    public dev.ocp.Syntax syntax() {
        return dev.ocp.Syntax.COMMONMARK;
    }

    @Override
    public OcpDocument parse(byte[] utf8, ParseOptions options) {
        parses.incrementAndGet();
        byte[] bytes = payload.apply(utf8);
        String source = new String(utf8, StandardCharsets.UTF_8);
        liveDocuments.incrementAndGet();
        liveBytes.addAndGet(bytes.length);
        return new OcpDocument() {
            private boolean closed;

            @Override
            public ByteBuffer bytes() {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            }

            @Override
            public boolean isClosed() {
                return closed;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    if (freesOnClose) {
                        liveDocuments.decrementAndGet();
                        liveBytes.addAndGet(-bytes.length);
                    }
                }
            }

            @Override
            public void renderHtml(Appendable out) throws IOException {
                out.append(html.apply(source));
            }

            @Override
            public void renderHtml(Appendable out, dev.ocp.HtmlOptions options) throws IOException {
                renderHtml(out);
            }

            @Override
            public void renderJson(Appendable out) throws IOException {
                out.append("{\"fake\":").append(Integer.toString(source.length())).append('}');
            }
        };
    }

    @Override
    public OcpDocument parse(ByteBuffer utf8, ParseOptions options) {
        byte[] copy = new byte[utf8.remaining()];
        utf8.duplicate().get(copy);
        return parse(copy, options);
    }

    @Override
    public OcpDocument parse(Path file, ParseOptions options) throws IOException {
        return parse(Files.readAllBytes(file), options);
    }

    @Override
    public OcpArena newArena(long capacityBytes) {
        throw new OcpException(OcpException.Code.UNSUPPORTED, "no arenas");
    }

    @Override
    public OcpArena newSharedArena(long capacityBytes) {
        return newArena(capacityBytes);
    }

    @Override
    public MemoryStats stats() {
        return new MemoryStats(liveDocuments.get(), liveBytes.get(), 0, parses.get(), 0, 0, 0);
    }

    @Override
    public void close() {
        // Nothing to free beyond what the documents hold.
    }
}
