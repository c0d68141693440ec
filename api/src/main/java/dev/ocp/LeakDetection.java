package dev.ocp;

import java.util.Locale;

/**
 * How much the safety net records about documents dropped without {@code close()}. Whatever the level,
 * a dropped document is still freed once (never twice) when the garbage collector finds it.
 * Set it per engine in {@link dev.ocp.EngineConfig} or for the JVM with
 * {@code -Docp.leakDetection=off|count|track}.
 */
public enum LeakDetection {
    /** Free silently: no count, no listener call. */
    OFF,
    /** Count each leak in {@link MemoryStats#leakedDocuments()} and tell the listeners (the default). */
    COUNT,
    /** As {@code COUNT}, and record where each document was created so a report can name the culprit.
     *  Costs a stack capture per parse: for tests and debugging. */
    TRACK;

    /** The system property that sets the JVM-wide default. */
    public static final String PROPERTY = "ocp.leakDetection";

    /**
     * Reads the JVM-wide level from the system property {@value #PROPERTY}.
     *
     * @return the level named by {@code -Docp.leakDetection}, or {@link #COUNT} when it is unset
     * @throws OcpException with {@link OcpException.Code#INVALID_INPUT} if the property names no level
     */
    public static LeakDetection fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return COUNT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OcpException(OcpException.Code.INVALID_INPUT,
                    "-D" + PROPERTY + "=" + value + " is not a level; use off, count or track");
        }
    }
}
