package dev.ocp;

import dev.ocp.spi.OcpEngineProvider;

import java.util.Set;

/**
 * What discovery found about one engine provider.
 *
 * @param name         the provider's name (for a provider that failed to load, the class named in
 *                     {@code META-INF/services})
 * @param priority     its preference when no engine is named
 * @param available    whether it can create engines here
 * @param reason       why not, when unavailable; empty otherwise
 * @param capabilities what its engines promise (empty if it failed to load)
 * @param syntax       what its engines parse (CommonMark alone if it failed to load)
 * @param provider     the provider itself, or {@code null} if it failed to load
 */
public record ProviderInfo(String name, int priority, boolean available, String reason, Set<Capability> capabilities,
                           Syntax syntax, OcpEngineProvider provider) {

    @Override
    public String toString() {
        return name + (available ? " (available, priority " + priority + ")" : " (unavailable: " + reason + ")");
    }
}
