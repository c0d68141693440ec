package dev.ocp.engine.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * The OCP module and the machine that runs it, loaded once per class loader.
 *
 * <p>By default the machine is {@code OcpModule}'s, the JVM bytecode that {@code chicory-compiler-maven-plugin}
 * compiled from {@code ocp.wasm} when this engine was built: nothing is compiled or interpreted at run time.
 * {@code -Docp.wasm.machine=interpreter} runs the whole module ({@code ocp.wasm}, shipped beside the classes)
 * in Chicory's interpreter instead, many times slower: a fallback for a JVM that cannot load the compiled
 * classes (their methods are large), and for tests that count the instructions a call executes.
 */
final class OcpWasm {
    /** The system property that picks the machine: {@code compiled} (the default) or {@code interpreter}. */
    static final String MACHINE_PROPERTY = "ocp.wasm.machine";
    static final String COMPILED = "compiled";
    static final String INTERPRETER = "interpreter";
    /** Why the engine cannot run without Chicory's runtime; the provider says the same when it fails to link. */
    static final String CHICORY_MISSING = "Chicory (com.dylibso.chicory:runtime) could not be loaded";
    /** The whole module, beside these classes (the compiled classes carry a copy without function bodies). */
    static final String MODULE_RESOURCE = "ocp.wasm";

    /** What {@link #get()} found: the module and its machine factory, or why there are none. */
    private static final class Loaded {
        static final OcpWasm INSTANCE;
        static final String FAILURE;

        static {
            OcpWasm loaded = null;
            String failure;
            try {
                loaded = load(System.getProperty(MACHINE_PROPERTY, COMPILED));
                failure = null;
            } catch (RuntimeException | LinkageError e) {
                // A LinkageError: a class of Chicory or of the compiled module that could not be loaded; name it.
                failure = e instanceof LinkageError || e.getMessage() == null ? e.toString() : e.getMessage();
            }
            INSTANCE = loaded;
            FAILURE = failure;
        }
    }

    final WasmModule module;
    /** {@code null}: Chicory's interpreter. */
    final Function<Instance, Machine> machine;
    final String machineName;

    private OcpWasm(WasmModule module, Function<Instance, Machine> machine, String machineName) {
        this.module = module;
        this.machine = machine;
        this.machineName = machineName;
    }

    /**
     * The module as this JVM runs it.
     *
     * @throws IllegalStateException with {@link #failure()} if it could not be loaded
     */
    static OcpWasm get() {
        if (Loaded.INSTANCE == null) {
            throw new IllegalStateException(Loaded.FAILURE);
        }
        return Loaded.INSTANCE;
    }

    /** Why the module could not be loaded, or {@code null} if it was. */
    static String failure() {
        return Loaded.FAILURE;
    }

    /** Loads the module for a machine named as {@link #MACHINE_PROPERTY} names it. */
    static OcpWasm load(String machine) {
        try {
            Class.forName("com.dylibso.chicory.runtime.Instance", false, OcpWasm.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(CHICORY_MISSING + ": " + e, e);
        }
        String which = machine.trim().toLowerCase(Locale.ROOT);
        if (which.equals(COMPILED)) {
            WasmModule module;
            try {
                module = OcpModule.load();
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("the classes compiled from ocp.wasm (dev.ocp.engine.wasm.OcpModule and "
                        + "its machine) are missing from the ocp-engine-wasm jar; rebuild it, or run "
                        + "-D" + MACHINE_PROPERTY + "=" + INTERPRETER + ": " + e, e);
            }
            return new OcpWasm(module, OcpModule::create, "compiled to JVM bytecode at build time");
        }
        if (which.equals(INTERPRETER)) {
            return new OcpWasm(readWholeModule(), null, "Chicory's interpreter (-D" + MACHINE_PROPERTY + "="
                    + INTERPRETER + ")");
        }
        throw new IllegalArgumentException("-D" + MACHINE_PROPERTY + "=" + machine + " names no machine; use "
                + COMPILED + " (the default) or " + INTERPRETER);
    }

    /** The whole module, for the interpreter. */
    static WasmModule readWholeModule() {
        try (InputStream in = OcpWasm.class.getResourceAsStream(MODULE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the wasm module dev/ocp/engine/wasm/" + MODULE_RESOURCE
                        + " is missing from the ocp-engine-wasm jar");
            }
            return Parser.parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("reading the wasm module " + MODULE_RESOURCE + " failed: " + e, e);
        }
    }
}
