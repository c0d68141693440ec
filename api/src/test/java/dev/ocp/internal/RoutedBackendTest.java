package dev.ocp.internal;

import dev.ocp.Capability;
import dev.ocp.EngineConfig;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.Syntax;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.OcpEngineProvider;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default engine's routing: which backend parses what, and what the two add up to. */
class RoutedBackendTest {

    /** A stand-in for an interface whose methods the test never calls: only its identity matters. */
    private static <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    /** A backend that records the sizes it was asked to parse, and refuses with a chosen failure when told to. */
    private static final class Recording implements EngineBackend {
        final List<Integer> parsed = new ArrayList<>();
        final Counters counters;
        final ArenaBackend arena = stub(ArenaBackend.class);
        final Payload payload = stub(Payload.class);
        OcpException failure;
        boolean closed;
        RuntimeException failOnClose;

        Recording(Counters counters) {
            this.counters = counters;
        }

        @Override
        public Payload parse(ByteBuffer utf8, ParseOptions options) {
            parsed.add(utf8.remaining());
            if (failure != null) {
                throw failure;
            }
            return payload;
        }

        @Override
        public Counters counters() {
            return counters;
        }

        @Override
        public ArenaBackend newArena(long capacityBytes) {
            return arena;
        }

        @Override
        public void close() {
            closed = true;
            if (failOnClose != null) {
                throw failOnClose;
            }
        }
    }

    private final Recording small = new Recording(new EngineBackend.Counters(10, 20, 3, 2, 100));
    private final Recording large = new Recording(new EngineBackend.Counters(1000, 5000, 7, 6, 1500));
    private final RoutedBackend routed = new RoutedBackend(small, 100, () -> large, 1500, 512);

    private static ByteBuffer input(int bytes) {
        return ByteBuffer.allocate(bytes);
    }

    @Test
    void inputsBelowTheSizeGoToTheSmallBackendAndTheRestToTheLarge() {
        for (int size : new int[] {0, 1, 511, 512, 513, 100_000}) {
            assertSame(size < 512 ? small.payload : large.payload, routed.parse(input(size), ParseOptions.defaults()));
        }
        assertEquals(List.of(0, 1, 511), small.parsed);
        assertEquals(List.of(512, 513, 100_000), large.parsed);
    }

    @Test
    void aSmallInputGoesToTheLargeBackendWhenTheSmallOnesPartOfTheLimitIsFull() {
        small.failure = new OcpException(OcpException.Code.OUT_OF_MEMORY, "full");
        routed.parse(input(100), ParseOptions.defaults());
        assertEquals(List.of(100), small.parsed);
        assertEquals(List.of(100), large.parsed);
    }

    @Test
    void anyOtherFailureOfTheSmallBackendIsTheParsesOwn() {
        for (OcpException.Code code : new OcpException.Code[] {OcpException.Code.LIMIT_EXCEEDED,
            OcpException.Code.INVALID_INPUT}) {
            OcpException failure = new OcpException(code, "no");
            small.failure = failure;
            assertSame(failure, assertThrows(OcpException.class, () -> routed.parse(input(100),
                    ParseOptions.defaults())));
        }
        assertEquals(List.of(), large.parsed, "a document the pure-Java parser refuses is not parsed again");
    }

    @Test
    void theLargeBackendsOutOfMemorySaysHowTheLimitWasSplit() {
        large.failure = new OcpException(OcpException.Code.OUT_OF_MEMORY, "over its memory limit of 1500");
        OcpException e = assertThrows(OcpException.class, () -> routed.parse(input(4096), ParseOptions.defaults()));
        assertEquals(OcpException.Code.OUT_OF_MEMORY, e.code());
        assertTrue(e.reason().startsWith("over its memory limit of 1500 (that limit is the engine's 1600 bytes"
                + " less the 100 its documents under 512 bytes may hold apart)"), e.getMessage());
        OcpException other = new OcpException(OcpException.Code.LIMIT_EXCEEDED, "deep");
        large.failure = other;
        assertSame(other, assertThrows(OcpException.class, () -> routed.parse(input(4096), ParseOptions.defaults())));
    }

    @Test
    void countersAreTheSumsOfBothAndArenasTheLargeBackends() {
        routed.parse(input(600), ParseOptions.defaults());
        assertEquals(new EngineBackend.Counters(1010, 5020, 10, 8, 1600), routed.counters());
        assertSame(large.arena, routed.newArena(1 << 20));
    }

    @Test
    void theLargeBackendIsMadeOnceWhenADocumentOrArenaFirstNeedsIt() {
        List<Recording> made = new ArrayList<>();
        RoutedBackend lazy = new RoutedBackend(small, 100, () -> {
            Recording r = new Recording(new EngineBackend.Counters(0, 0, 0, 0, 1500));
            made.add(r);
            return r;
        }, 1500, 512);
        lazy.parse(input(100), ParseOptions.defaults());
        assertEquals(List.of(), made, "small documents alone make no large backend");
        assertEquals(new EngineBackend.Counters(10, 20, 3, 2, 1600), lazy.counters(), "its part of the limit counts");
        lazy.parse(input(600), ParseOptions.defaults());
        lazy.newArena(1 << 20);
        small.failure = new OcpException(OcpException.Code.OUT_OF_MEMORY, "full");
        lazy.parse(input(100), ParseOptions.defaults());
        assertEquals(1, made.size());
        assertEquals(List.of(600, 100), made.get(0).parsed);
        lazy.close();
        assertTrue(made.get(0).closed);
        assertTrue(small.closed);
    }

    @Test
    void aLargeBackendNeverMadeIsNotClosedAndOneThatCannotBeMadeFailsItsFirstDocument() {
        OcpException refused = new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "no");
        RoutedBackend lazy = new RoutedBackend(small, 100, () -> {
            throw refused;
        }, 1500, 512);
        lazy.parse(input(10), ParseOptions.defaults());
        assertSame(refused, assertThrows(OcpException.class, () -> lazy.parse(input(600), ParseOptions.defaults())));
        lazy.close();
        assertTrue(small.closed);
        assertThrows(IllegalStateException.class, () -> lazy.parse(input(600), ParseOptions.defaults()),
                "nothing is made after close");
    }

    @Test
    void closeClosesBothEvenWhenTheFirstFails() {
        routed.parse(input(600), ParseOptions.defaults());
        large.failOnClose = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, routed::close);
        assertTrue(large.closed);
        assertTrue(small.closed);
    }

    /** A provider of a given name, offering a backend it records. */
    private static final class Provider implements OcpEngineProvider {
        final String name;
        final Set<Capability> capabilities;
        final List<Long> limits = new ArrayList<>();

        Provider(String name, Set<Capability> capabilities) {
            this.name = name;
            this.capabilities = capabilities;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Availability availability() {
            return Availability.AVAILABLE;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public Syntax syntax() {
            return Syntax.ALL;
        }

        @Override
        public EngineBackend backend(long memoryLimitBytes) {
            limits.add(memoryLimitBytes);
            return new Recording(new EngineBackend.Counters(0, 0, 0, 0, memoryLimitBytes));
        }

        @Override
        public OcpEngine create(EngineConfig config) {
            throw new UnsupportedOperationException();
        }

        ProviderInfo info(boolean available) {
            return new ProviderInfo(name, 0, available, available ? "" : "not here", capabilities, Syntax.ALL, this);
        }
    }

    @Test
    void autoRoutesToTheJavaEngineAndTheFirstNativeOneThatRuns() {
        Provider java = new Provider("java", EnumSet.of(Capability.ARENAS));
        Provider ffm = new Provider("ffm", EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS));
        Provider jna = new Provider("jna", EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS));
        AutoEngineProvider both = AutoEngineProvider.over(List.of(jna.info(true), java.info(true), ffm.info(true)));
        assertTrue(both.availability().available());
        assertEquals("ffm", both.nativeEngine());
        assertEquals(512, both.smallBelow());
        AutoEngineProvider on17 = AutoEngineProvider.over(List.of(jna.info(true), java.info(true), ffm.info(false)));
        assertEquals("jna", on17.nativeEngine());
        assertEquals(1024, on17.smallBelow());

        try (OcpEngine engine = both.create(EngineConfig.defaults().withMemoryLimit(1 << 20))) {
            assertEquals("auto", engine.name());
            assertEquals(1 << 20, engine.stats().limitBytes(), "the parts' limits add up to the engine's");
        }
        assertEquals(List.of(65536L), java.limits, "the small documents' part: a sixteenth of the limit");
        assertEquals(List.of(), ffm.limits, "the native backend is made when a document first needs it (and its part"
                + " of the limit is the rest: theLargeBackendIsMadeOnceWhenADocumentOrArenaFirstNeedsIt)");
        assertEquals(16L << 20, AutoEngineProvider.smallLimit(1L << 40), "at most 16 MiB");
    }

    @Test
    void autoSaysWhyItCannotRoute() {
        Provider java = new Provider("java", EnumSet.of(Capability.ARENAS));
        Provider wasm = new Provider("wasm", EnumSet.of(Capability.ARENAS));
        Provider scoped = new Provider("ffm", EnumSet.of(Capability.OFF_HEAP, Capability.SCOPED_VIEWS));
        Provider jna = new Provider("jna", EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS));
        assertReason(List.of(jna.info(true)), "with the java engine, which is not on the class path");
        assertReason(List.of(jna.info(true), java.info(false)), "with the java engine, which is unavailable: not here");
        assertReason(List.of(java.info(true), wasm.info(true), jna.info(false)), "and none can run here");
        assertReason(List.of(java.info(true), scoped.info(true), jna.info(true)), "makes scoped views here");
        assertThrows(OcpException.class, () -> AutoEngineProvider.over(List.of(java.info(true)))
                .create(EngineConfig.defaults()));
    }

    private static void assertReason(List<ProviderInfo> found, String part) {
        Availability a = AutoEngineProvider.over(found).availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains(part), a.reason());
    }
}
