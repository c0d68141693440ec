/**
 * The OCP engine {@code ffm}: the C core called through {@code java.lang.foreign}. It runs on Java 22 and
 * later; its descriptor and provider are compiled for 17, so that on an older JDK the module still resolves and
 * the engine reports that it needs 22 instead of breaking the module graph.
 */
module dev.ocp.engine.ffm {
    requires dev.ocp;
    requires dev.ocp.natives;

    provides dev.ocp.spi.OcpEngineProvider with dev.ocp.engine.ffm.FfmEngineProvider;
}
