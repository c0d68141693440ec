package dev.ocp.engine.wasm;

/** The engine's system properties, read where they are needed; no Chicory type here (the provider reads it). */
final class WasmSettings {
    static final String INSTANCES = "ocp.wasm.instances";

    private WasmSettings() {
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
