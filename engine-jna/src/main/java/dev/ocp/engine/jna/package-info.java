/**
 * The {@code jna} engine: the OCP C core ({@code libocp}, found by {@code dev.ocp.natives.NativeLibrary})
 * bound with JNA direct mapping, for JDK 17 and later.
 *
 * <ul>
 * <li>Calls cross as primitives and pointers only; {@code ocp_options}, {@code ocp_result} and
 * {@code ocp_stats} are native blocks written and read by offset, reused across calls, so a parse allocates a
 * few small objects on the Java heap whatever the input size.</li>
 * <li>Input: a direct buffer (or a mapped file) reaches C by address, without a copy. A heap input (an array,
 * a slice, a read-only view) is copied once into native memory: a block kept per call block for inputs up to
 * 64 KiB, a block of its own above. (JNA's {@code byte[]} mapping would copy too, in and back out again.)</li>
 * <li>Payloads stay in C's memory, counted by the C allocator; {@code bytes()} is a direct buffer over them
 * and close is {@code ocp_free}. The engine declares {@code OFF_HEAP} and {@code ARENAS} but not
 * {@code SCOPED_VIEWS}: a view or string slice kept past {@code close()} reads freed memory, so do not keep
 * one. Reads through the document and its cursors check that it is open first.</li>
 * <li>On JDK 24 and later JNA's loading of its own library is a restricted method: run with
 * {@code --enable-native-access=ALL-UNNAMED} (or the module's name) to avoid the JDK's warning.</li>
 * </ul>
 */
package dev.ocp.engine.jna;
