package dev.ocp.engine.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.ocp.Capability;
import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpFormat;
import dev.ocp.spi.StandardEngine;

import java.util.Set;

/** What the provider reaches only after Chicory proved loadable. */
final class WasmSupport {
    private WasmSupport() {
    }

    /**
     * Loads the module, instantiates it once and checks the format it writes.
     *
     * @return why the engine cannot run, or {@code null} if it can
     */
    static String probe() {
        String failure = OcpWasm.failure();
        if (failure != null) {
            return failure;
        }
        OcpWasm wasm = OcpWasm.get();
        Instance instance;
        try {
            Instance.Builder builder = Instance.builder(wasm.module).withImportValues(WasmInstance.imports())
                    .withMemoryFactory(LinearMemory::new);
            if (wasm.machine != null) {
                builder.withMachineFactory(wasm.machine);
            }
            instance = builder.build();
        } catch (RuntimeException | LinkageError e) {
            return "the OCP wasm module could not be instantiated (" + wasm.machineName + "): " + e;
        }
        ExportFunction formatVersion = instance.export("ocp_format_version");
        int format = (int) formatVersion.apply()[0];
        if (format >>> 16 != OcpFormat.VERSION_MAJOR) {
            return "the wasm module writes OCP " + (format >>> 16) + "." + (format & 0xFFFF) + ", this engine reads "
                    + OcpFormat.VERSION_MAJOR + ".x; rebuild ocp-engine-wasm from the same sources as ocp-api";
        }
        return null;
    }

    static OcpEngine create(String name, Set<Capability> capabilities, EngineConfig config) {
        WasmBackend backend = new WasmBackend(OcpWasm.get(), config.memoryLimitBytes(), WasmSettings.maxInstances());
        return new StandardEngine(name, capabilities, dev.ocp.Syntax.C_CORE, backend, config);
    }
}
