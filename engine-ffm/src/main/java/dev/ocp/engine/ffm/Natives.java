package dev.ocp.engine.ffm;

import dev.ocp.OcpException;
import dev.ocp.spi.Availability;
import dev.ocp.spi.OcpFormat;
import dev.ocp.natives.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every downcall of {@code ocp.h}. The library is loaded, its format version checked and every symbol looked up
 * once per JVM, at discovery; whatever goes wrong there (no library for the platform, a missing symbol, a library
 * of another format version, native access denied) is captured once and answered as the provider's availability,
 * never thrown.
 *
 * <p>Each downcall handle is made on its first use, in a holder class of its own: making one spins a stub class
 * (10-15 ms each at start-up, which no class-data archive keeps), and {@code ocp html} needs four of the twelve.
 * A holder's {@code static final} field folds into its callers as a constant, as a record component would.
 */
final class Natives {
    private static final FunctionDescriptor PARSE =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);

    /**
     * Every downcall, with its symbol and signature: {@link #load()} checks each symbol, a holder class below binds
     * one when it is first called.
     */
    private enum Downcall {
        ENGINE_CREATE("ocp_engine_create", FunctionDescriptor.of(ADDRESS, JAVA_LONG)),
        ENGINE_DESTROY("ocp_engine_destroy", FunctionDescriptor.ofVoid(ADDRESS)),
        PARSE_SEGMENT("ocp_parse", PARSE),
        PARSE_ARRAY("ocp_parse", PARSE, Linker.Option.critical(true)),
        FREE("ocp_free", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)),
        ARENA_CREATE("ocp_arena_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS)),
        ARENA_PARSE_SEGMENT("ocp_arena_parse", PARSE),
        ARENA_PARSE_ARRAY("ocp_arena_parse", PARSE, Linker.Option.critical(true)),
        ARENA_RESET("ocp_arena_reset", FunctionDescriptor.ofVoid(ADDRESS)),
        ARENA_USED("ocp_arena_used", FunctionDescriptor.of(JAVA_LONG, ADDRESS)),
        ARENA_DESTROY("ocp_arena_destroy", FunctionDescriptor.ofVoid(ADDRESS)),
        STATS_GET("ocp_stats_get", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));

        final String symbol;
        final FunctionDescriptor descriptor;
        final Linker.Option[] options;

        Downcall(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
            this.symbol = symbol;
            this.descriptor = descriptor;
            this.options = options;
        }

        /** Its handle, for a library {@link #load()} found every symbol in: only reached through {@link #get()}. */
        MethodHandle bind() {
            return Linker.nativeLinker().downcallHandle(get().lookup.find(symbol).orElseThrow(), descriptor, options);
        }
    }

    /** The loaded library ({@link Natives}), or the reason there is none ({@link String}); after PARSE. */
    private static final Object LOADED = load();

    private final SymbolLookup lookup;

    private Natives(SymbolLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * The loaded library.
     *
     * @throws OcpException {@code ENGINE_UNAVAILABLE} with the reason if loading failed
     */
    static Natives get() {
        if (LOADED instanceof Natives n) {
            return n;
        }
        throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "the ffm engine is unavailable: " + LOADED);
    }

    static Availability availability() {
        return LOADED instanceof Natives ? Availability.AVAILABLE : Availability.unavailable((String) LOADED);
    }

    MethodHandle engineCreate() {
        return EngineCreate.HANDLE;
    }

    MethodHandle engineDestroy() {
        return EngineDestroy.HANDLE;
    }

    MethodHandle parse() {
        return Parse.HANDLE;
    }

    /**
     * The parse of a {@code byte[]}, which passes the array itself: no copy into native memory. The price is that
     * the parse runs without a safepoint (GC waits for it), which is linear in the input.
     */
    MethodHandle parseCritical() {
        return ParseCritical.HANDLE;
    }

    MethodHandle free() {
        return Free.HANDLE;
    }

    MethodHandle arenaCreate() {
        return ArenaCreate.HANDLE;
    }

    MethodHandle arenaParse() {
        return ArenaParse.HANDLE;
    }

    /** The arena parse of a {@code byte[]}, as {@link #parseCritical()}. */
    MethodHandle arenaParseCritical() {
        return ArenaParseCritical.HANDLE;
    }

    MethodHandle arenaReset() {
        return ArenaReset.HANDLE;
    }

    MethodHandle arenaUsed() {
        return ArenaUsed.HANDLE;
    }

    MethodHandle arenaDestroy() {
        return ArenaDestroy.HANDLE;
    }

    MethodHandle statsGet() {
        return StatsGet.HANDLE;
    }

    private static final class EngineCreate {
        static final MethodHandle HANDLE = Downcall.ENGINE_CREATE.bind();
    }

    private static final class EngineDestroy {
        static final MethodHandle HANDLE = Downcall.ENGINE_DESTROY.bind();
    }

    private static final class Parse {
        static final MethodHandle HANDLE = Downcall.PARSE_SEGMENT.bind();
    }

    private static final class ParseCritical {
        static final MethodHandle HANDLE = Downcall.PARSE_ARRAY.bind();
    }

    private static final class Free {
        static final MethodHandle HANDLE = Downcall.FREE.bind();
    }

    private static final class ArenaCreate {
        static final MethodHandle HANDLE = Downcall.ARENA_CREATE.bind();
    }

    private static final class ArenaParse {
        static final MethodHandle HANDLE = Downcall.ARENA_PARSE_SEGMENT.bind();
    }

    private static final class ArenaParseCritical {
        static final MethodHandle HANDLE = Downcall.ARENA_PARSE_ARRAY.bind();
    }

    private static final class ArenaReset {
        static final MethodHandle HANDLE = Downcall.ARENA_RESET.bind();
    }

    private static final class ArenaUsed {
        static final MethodHandle HANDLE = Downcall.ARENA_USED.bind();
    }

    private static final class ArenaDestroy {
        static final MethodHandle HANDLE = Downcall.ARENA_DESTROY.bind();
    }

    private static final class StatsGet {
        static final MethodHandle HANDLE = Downcall.STATS_GET.bind();
    }

    private static Object load() {
        NativeLibrary library;
        try {
            library = NativeLibrary.get();
        } catch (RuntimeException | LinkageError e) {
            return "the native library loader failed: " + e;
        }
        if (!library.available()) {
            return library.reason();
        }
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library.path(), Arena.global());
            // Read, not called: the first downcall handle builds the linker, which a JVM that parses only small
            // documents (auto routes them to the java engine) would otherwise pay for at discovery.
            int formatVersion = find(lookup, "ocp_format").reinterpret(JAVA_INT.byteSize()).get(JAVA_INT, 0);
            if (formatVersion >>> 16 != OcpFormat.VERSION_MAJOR) {
                return library + " writes OCP " + (formatVersion >>> 16) + "." + (formatVersion & 0xffff)
                        + ", this engine reads " + OcpFormat.VERSION_MAJOR + "." + OcpFormat.VERSION_MINOR
                        + "; use the ocp-native jar of the same release";
            }
            for (Downcall downcall : Downcall.values()) {
                find(lookup, downcall.symbol);
            }
            return new Natives(lookup);
        } catch (IllegalCallerException e) {
            return "native access is not enabled for the ffm engine: run java with "
                    + "--enable-native-access=ALL-UNNAMED (" + e.getMessage() + ")";
        } catch (Throwable e) {
            return "binding " + library + " failed: " + e;
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("the library has no symbol " + name));
    }
}
