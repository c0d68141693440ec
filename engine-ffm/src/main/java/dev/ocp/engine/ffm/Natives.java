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
 * Every downcall of {@code ocp.h}, looked up once per JVM and gathered in one record. Whatever goes wrong
 * while loading (no library for the platform, a missing symbol, a library of another format version, native
 * access denied) is captured once and answered as the provider's availability, never thrown at discovery.
 *
 * <p>Record components are trusted final fields, so handles read from the static instance fold into the
 * callers as constants.
 */
record Natives(
        MethodHandle engineCreate,
        MethodHandle engineDestroy,
        MethodHandle parse,
        MethodHandle parseCritical,
        MethodHandle free,
        MethodHandle arenaCreate,
        MethodHandle arenaParse,
        MethodHandle arenaParseCritical,
        MethodHandle arenaReset,
        MethodHandle arenaUsed,
        MethodHandle arenaDestroy,
        MethodHandle statsGet,
        String version) {

    /** The loaded handles, or the reason there are none ({@link String}). */
    private static final Object LOADED = load();

    /**
     * The handles.
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
            Linker linker = Linker.nativeLinker();
            FunctionDescriptor parse = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS);
            MethodHandle version = handle(linker, lookup, "ocp_version", FunctionDescriptor.of(ADDRESS));
            MethodHandle format = handle(linker, lookup, "ocp_format_version", FunctionDescriptor.of(JAVA_INT));
            int formatVersion = (int) format.invokeExact();
            if (formatVersion >>> 16 != OcpFormat.VERSION_MAJOR) {
                return library + " writes OCP " + (formatVersion >>> 16) + "." + (formatVersion & 0xffff)
                        + ", this engine reads " + OcpFormat.VERSION_MAJOR + "." + OcpFormat.VERSION_MINOR
                        + "; use the ocp-native jar of the same release";
            }
            String text = ((MemorySegment) version.invokeExact()).reinterpret(64).getString(0);
            return new Natives(
                    handle(linker, lookup, "ocp_engine_create", FunctionDescriptor.of(ADDRESS, JAVA_LONG)),
                    handle(linker, lookup, "ocp_engine_destroy", FunctionDescriptor.ofVoid(ADDRESS)),
                    handle(linker, lookup, "ocp_parse", parse),
                    // The parse of a byte[] passes the array itself: no copy into native memory. The price is
                    // that the parse runs without a safepoint (GC waits for it), which is linear in the input.
                    handle(linker, lookup, "ocp_parse", parse, Linker.Option.critical(true)),
                    handle(linker, lookup, "ocp_free", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)),
                    handle(linker, lookup, "ocp_arena_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
                            ADDRESS)),
                    handle(linker, lookup, "ocp_arena_parse", parse),
                    handle(linker, lookup, "ocp_arena_parse", parse, Linker.Option.critical(true)),
                    handle(linker, lookup, "ocp_arena_reset", FunctionDescriptor.ofVoid(ADDRESS)),
                    handle(linker, lookup, "ocp_arena_used", FunctionDescriptor.of(JAVA_LONG, ADDRESS)),
                    handle(linker, lookup, "ocp_arena_destroy", FunctionDescriptor.ofVoid(ADDRESS)),
                    handle(linker, lookup, "ocp_stats_get", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS)),
                    text);
        } catch (IllegalCallerException e) {
            return "native access is not enabled for the ffm engine: run java with "
                    + "--enable-native-access=ALL-UNNAMED (" + e.getMessage() + ")";
        } catch (Throwable e) {
            return "binding " + library + " failed: " + e;
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor,
                                       Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(
                () -> new IllegalArgumentException("the library has no symbol " + name));
        return linker.downcallHandle(symbol, descriptor, options);
    }
}
