package dev.ocp.spi;

import dev.ocp.EngineConfig;
import java.util.Objects;

/**
 * Whether a provider can create engines here, and if not, why (in words a person can act on, such as
 * "needs JDK 22 or later; this is JDK 17").
 *
 * @param available {@code true} if {@link OcpEngineProvider#create(EngineConfig)} will work
 * @param reason    why the provider is unavailable; empty when available
 */
public record Availability(boolean available, String reason) {

    /** The availability of a provider that works. */
    public static final Availability AVAILABLE = new Availability(true, "");

    /**
     * Checks that an unavailable provider says why.
     *
     * @throws IllegalArgumentException if an unavailable provider gives no reason
     */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
    }

    /**
     * The availability of a provider that cannot work here.
     *
     * @param reason why not, and what to do about it
     * @return the availability of a provider that cannot work here
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
