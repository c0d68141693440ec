package dev.ocp.spark;

import dev.ocp.Ocp;
import dev.ocp.OcpEngine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One engine per JVM (per engine name asked for), made on first use and shared by every task that runs there:
 * engines are thread-safe, and making one per row or per task would cost more than the parse. They live as long as
 * the executor and are closed when it exits.
 */
final class Engines {
    private static final String BEST = "";
    private static final Map<String, OcpEngine> ENGINES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ENGINES.values().forEach(OcpEngine::close),
                "ocp-spark-engines"));
    }

    private Engines() {
    }

    /**
     * @param settings what the conf says
     * @return the engine the conf names, or the best that can run in this JVM ({@link Ocp#engine()})
     */
    static OcpEngine of(Settings settings) {
        String name = settings.engine() == null ? BEST : settings.engine();
        return ENGINES.computeIfAbsent(name, n -> n.equals(BEST) ? Ocp.engine() : Ocp.engine(n));
    }
}
