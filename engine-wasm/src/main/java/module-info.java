/** The OCP engine {@code wasm}: the C core compiled to WebAssembly, run as Java bytecode by Chicory. */
module dev.ocp.engine.wasm {
    requires dev.ocp;
    requires com.dylibso.chicory.runtime;

    provides dev.ocp.spi.OcpEngineProvider with dev.ocp.engine.wasm.WasmEngineProvider;
}
