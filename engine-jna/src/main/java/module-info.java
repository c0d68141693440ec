/** The OCP engine {@code jna}: the C core called through JNA, on Java 17 and later. */
@SuppressWarnings("requires-automatic") // JNA's jar names its module in the manifest only; the name is stable
module dev.ocp.engine.jna {
    requires dev.ocp;
    requires dev.ocp.natives;
    requires com.sun.jna;

    provides dev.ocp.spi.OcpEngineProvider with dev.ocp.engine.jna.JnaEngineProvider;
}
