/** The pure-Java OCP engine, {@code java}: no native code, runs wherever Java 17 does. */
module dev.ocp.engine.java {
    requires dev.ocp;

    provides dev.ocp.spi.OcpEngineProvider with dev.ocp.engine.java.JavaEngineProvider;
}
