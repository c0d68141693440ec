/**
 * The OCP technology compatibility kit: suites that any engine can be run against ({@link dev.ocp.tck.TckRunner}
 * runs them outside a build). Its classes are opened to JUnit, which finds and runs them by reflection. The spec
 * files it reads ({@code spec.txt}, {@code gfm-spec.txt}) come from commonmark-java's test-util jar, found through
 * the class loader wherever that jar is.
 */
open module dev.ocp.tck {
    requires transitive dev.ocp;
    requires transitive org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.junit.platform.launcher;
    requires java.management;
    // sun.misc.Unsafe tells where a read-only buffer's bytes are on Java 17 to 21 (Memory, the zero-copy checks).
    requires jdk.unsupported;
    requires com.google.gson;

    exports dev.ocp.tck;
}
