package dev.ocp.selftest;

import dev.ocp.OcpEngine;
import dev.ocp.engine.java.JavaEngineProvider;
import dev.ocp.spi.EngineConfig;
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

    /** The mutant harness with no mutation. */
    static class ControlKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.NONE, config);
        }
    }

    /** Frees nothing. */
    static class LeakingKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.LEAK, config);
        }
    }

    /** Frees everything twice. */
    static class DoubleFreeKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.DOUBLE_FREE, config);
        }
    }

    /** Frees again on a second close(). */
    static class RecloseKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.RECLOSE, config);
        }
    }

    /** Copies the payload in every bytes() call. */
    static class CopyingKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.COPY, config);
        }
    }

    /** Lets bytes() read a closed document. */
    static class UseAfterCloseKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.USE_AFTER_CLOSE, config);
        }
    }

    /** Ignores node and nesting limits. */
    static class NoLimitsKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.NO_LIMITS, config);
        }
    }

    /** Always counts leaks, whatever the level. */
    static class LeakLevelIgnoredKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.LEAK_LEVEL_IGNORED, config);
        }
    }

    /** Reads buffers from index 0. */
    static class IgnoresPositionKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.IGNORES_POSITION, config);
        }
    }

    /** Produces bytes that differ from the reference. */
    static class FlippingKit extends OcpTck {
        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(Mutation.FLIP, config);
        }
    }
}
