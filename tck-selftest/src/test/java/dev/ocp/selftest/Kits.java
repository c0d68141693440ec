package dev.ocp.selftest;

import dev.ocp.OcpEngine;
import dev.ocp.engine.java.JavaEngineProvider;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

/**
 * The kit run against each engine of the self-test. Their names do not end in {@code Test} on purpose:
 * Surefire must not run them directly (the mutants are meant to fail); {@link TckSelfTest} runs them through
 * JUnit's EngineTestKit and checks how they fail.
 */
final class Kits {
    private Kits() {
    }

    /** The real java engine. */
    static class JavaKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return new JavaEngineProvider().create(config);
        }
    }

    /**
     * The kit over the engine of one {@link Mutation}: the one {@link KitRun#of(Mutation)} is running. EngineTestKit
     * selects a kit by its class and JUnit makes its instances, so the mutation cannot be handed to the
     * constructor; one class with the mutation in a field serves every mutation, one run at a time.
     */
    static class MutantKit extends OcpTck {
        /** The mutation of the run under way; set and cleared by {@link KitRun#of(Mutation)} only. */
        static volatile Mutation running;

        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            Mutation mutation = running;
            if (mutation == null) {
                throw new IllegalStateException("MutantKit runs only through KitRun.of(Mutation)");
            }
            return Mutants.create(mutation, config);
        }
    }
}
