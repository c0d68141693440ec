package dev.ocp.engine.jna;

import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * Zero-copy views of native memory without a JNI call per view. {@code Pointer.getByteBuffer} is JNI's
 * {@code NewDirectByteBuffer}, which constructs the buffer by calling back into Java from native code: about a
 * tenth of a 100-byte document's round trip. Here each 1 GiB-aligned window of the address space gets one
 * direct buffer (made by that call, once), and a payload's view is a {@link ByteBuffer#slice(int, int)} of the
 * window it starts in: plain Java, same address, bounds of its own.
 *
 * <p>A window buffer spans memory that is mostly not the engine's, perhaps not even mapped; that is harmless,
 * because nothing reads a window itself. Only slices are handed out, each exactly over a payload the C core
 * has just written, and the API refuses reads of a document once its payload is freed, as it does for a view
 * made by JNI. The windows own nothing (no cleaner, as with {@code NewDirectByteBuffer}), so they free nothing.
 *
 * <p>Thread-safe: the windows are an immutable array replaced under a lock when one is added (rarely: malloc's
 * arenas lie in a few windows), read without one.
 */
final class Views {
    private static final int WINDOW_SHIFT = 30;
    /** A window starts at a multiple of 1 GiB and spans 2 GiB - 1, so any view of up to 1 GiB fits in one. */
    private static final long MAX_VIEW = 1L << WINDOW_SHIFT;
    /** More windows than this and views come from JNI again: a bound on what the cache keeps, never reached in practice. */
    private static final int MAX_WINDOWS = 64;

    private static final Window[] NONE = new Window[0];
    private static volatile Window[] windows = NONE;

    private Views() {
    }

    private record Window(long base, ByteBuffer memory) {
    }

    /**
     * A direct buffer over {@code [address, address + length)}, position 0, with its own bounds.
     *
     * @param address native memory the caller keeps alive while the view is read
     * @param length  its length in bytes
     */
    static ByteBuffer of(long address, long length) {
        long base = address & -MAX_VIEW;
        if (length > MAX_VIEW || base == 0) {
            // Too long for a window, or in the first gigabyte, where a window would start at address 0.
            return new Pointer(address).getByteBuffer(0, length);
        }
        ByteBuffer window = find(windows, base);
        if (window == null) {
            window = add(base);
            if (window == null) {
                return new Pointer(address).getByteBuffer(0, length);
            }
        }
        return window.slice((int) (address - base), (int) length);
    }

    private static ByteBuffer find(Window[] known, long base) {
        for (Window w : known) {
            if (w.base == base) {
                return w.memory;
            }
        }
        return null;
    }

    private static synchronized ByteBuffer add(long base) {
        Window[] known = windows;
        ByteBuffer found = find(known, base);
        if (found != null || known.length == MAX_WINDOWS) {
            return found;
        }
        Window[] more = java.util.Arrays.copyOf(known, known.length + 1);
        more[known.length] = new Window(base, new Pointer(base).getByteBuffer(0, Integer.MAX_VALUE));
        windows = more;
        return more[known.length].memory;
    }

    /** How many windows are known; for tests. */
    static int windows() {
        return windows.length;
    }
}
