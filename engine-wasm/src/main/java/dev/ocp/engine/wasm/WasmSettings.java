package dev.ocp.engine.wasm;

import java.util.Locale;

/** The engine's system properties, read where they are needed; no Chicory type here (the provider reads it). */
final class WasmSettings {
    static final String INSTANCES = "ocp.wasm.instances";
    static final String MEMORY = "ocp.wasm.memory";

    private WasmSettings() {
    }

    /** Whether linear memory is a direct buffer ({@code -Docp.wasm.memory=direct}, the default) or a heap array. */
    static boolean directMemory() {
        String value = System.getProperty(MEMORY, "direct").trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "direct":
                return true;
            case "heap":
                return false;
            default:
                throw new IllegalArgumentException("-D" + MEMORY + "=" + value + ": use direct or heap");
        }
    }

    /** Most instances per engine: {@code -Docp.wasm.instances}, by default the number of processors. */
    static int maxInstances() {
        String value = System.getProperty(INSTANCES);
        if (value == null) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("-D" + INSTANCES + "=" + value + ": use a whole number of at least 1");
    }
}
