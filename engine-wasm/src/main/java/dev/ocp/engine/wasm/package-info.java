/**
 * The {@code wasm} engine: the OCP C core compiled to wasm32 ({@code native/wasm}) and run by Chicory as JVM
 * bytecode compiled from the module at build time. No native code, no native-access flags; JDK 17 and later.
 *
 * <ul>
 * <li>Linear memory is one flat buffer ({@code LinearMemory}, plugged into Chicory with
 * {@code withMemoryFactory}), so a payload is a single zero-copy view of it; growth keeps every live
 * payload's view valid.</li>
 * <li>An instance runs one call at a time: the engine pools instances, parses on whichever is free, and frees
 * each payload on the instance that made it, under its lock, from whatever thread closes the document.</li>
 * <li>Memory counters are the C allocator's ({@code ocp_stats_get}), summed over the instances; the engine's
 * memory limit is shared among the instances' allocators so that it holds for all of them together.</li>
 * <li>Arenas are the C core's: bump allocation in one region of an instance's memory, reset in O(1).</li>
 * </ul>
 */
package dev.ocp.engine.wasm;
