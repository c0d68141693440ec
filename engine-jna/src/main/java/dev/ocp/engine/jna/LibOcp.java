package dev.ocp.engine.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.ocp.spi.OcpFormat;

/**
 * The functions of {@code native/include/ocp.h}, bound by JNA direct mapping: {@link Native#register} turns
 * each static native method into a JNI stub that calls the C function with no reflection and no
 * {@code Structure} marshalling on the way. Only primitives and {@link Pointer}s cross: the structs
 * ({@code ocp_options}, {@code ocp_result}, {@code ocp_stats}) are plain native blocks the callers read and
 * write at {@link dev.ocp.spi.CoreAbi}'s offsets, as {@code Structure} subclasses would cost reflection and
 * copying on every call, and inputs reach C in native memory (see {@code Calls}).
 *
 * <p>Binding happens once, when the class initialises; whatever goes wrong (no library for this platform,
 * no JNA dispatch library, a symbol missing, a library of another format) is kept in {@link #FAILURE} and
 * reported by the provider's availability instead of being thrown at the user. Nothing here may be called
 * unless {@code FAILURE} is {@code null}.
 */
final class LibOcp {
    /** Why the library could not be bound, or {@code null} if it was. */
    static final String FAILURE = link();

    private LibOcp() {
    }

    private static String link() {
        dev.ocp.natives.NativeLibrary library;
        try {
            library = dev.ocp.natives.NativeLibrary.get();
        } catch (RuntimeException | LinkageError e) {
            return "the ocp-native jar (the C core and its loader) is missing or broken: " + e;
        }
        if (!library.available()) {
            return library.reason();
        }
        try {
            if (Native.POINTER_SIZE != 8) {
                return "the jna engine passes addresses as 64-bit integers, and this JVM's pointers are "
                        + Native.POINTER_SIZE + " bytes; use the java engine";
            }
            Native.register(LibOcp.class, NativeLibrary.getInstance(library.path().toString()));
        } catch (RuntimeException | LinkageError e) {
            // UnsatisfiedLinkError: no JNA dispatch library for this platform, a symbol missing, or a file that
            // is no library; NoClassDefFoundError: JNA not on the class path.
            return "binding " + library + " with JNA " + jnaVersion() + " failed: " + e;
        }
        int format = ocp_format_version();
        if (format >>> 16 != OcpFormat.VERSION_MAJOR) {
            return library + " writes OCP " + (format >>> 16) + "." + (format & 0xFFFF) + ", this engine reads "
                    + OcpFormat.VERSION_MAJOR + ".x; use the ocp-native jar of the same release";
        }
        return null;
    }

    private static String jnaVersion() {
        try {
            return Native.VERSION;
        } catch (LinkageError e) {
            return "(unknown version)";
        }
    }

    static native Pointer ocp_version();

    static native int ocp_format_version();

    static native Pointer ocp_engine_create(long memoryLimitBytes);

    static native void ocp_engine_destroy(Pointer engine);

    /**
     * The functions called once or twice per document take their addresses as {@code long}s rather than
     * {@link Pointer}s: JNA's dispatch then passes each as it is, where for a {@code Pointer} it reads the
     * object's address field through JNI. Where a {@code long} is 64 bits and so is a pointer (every platform the
     * native jar is built for; {@link #link} refuses others), C receives the same argument.
     *
     * <p>The input by address: direct buffers, and heap inputs copied once into native memory (Calls). There is
     * deliberately no byte[] overload: JNA passes an array through JNI's Get/ReleaseByteArrayElements, which
     * on HotSpot copies it to fresh native memory before the call and back after it.
     */
    static native int ocp_parse(long engine, long src, long length, long options, long out);

    /** Addresses as numbers, as for {@link #ocp_parse}. */
    static native void ocp_free(long engine, long payload);

    static native int ocp_arena_create(Pointer engine, long capacityBytes, Pointer outArena);

    /** Addresses as numbers, as for {@link #ocp_parse}. */
    static native int ocp_arena_parse(long arena, long src, long length, long options, long out);

    static native void ocp_arena_reset(Pointer arena);

    static native long ocp_arena_used(Pointer arena);

    static native void ocp_arena_destroy(Pointer arena);

    static native void ocp_stats_get(Pointer engine, Pointer out);
}
