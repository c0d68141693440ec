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
     * The kit over a {@link MutantEngine} with one {@link Mutation}. EngineTestKit selects kits by class, so
     * each mutation still needs a class of its own below; all it adds is which mutation.
     */
    abstract static class MutantKit extends OcpTck {
        private final Mutation mutation;

        MutantKit(Mutation mutation) {
            this.mutation = mutation;
        }

        @Override
        protected OcpEngine createEngine(EngineConfig config) {
            return MutantEngine.create(mutation, config);
        }
    }

    static class ControlKit extends MutantKit {
        ControlKit() {
            super(Mutation.NONE);
        }
    }

    static class LeakingKit extends MutantKit {
        LeakingKit() {
            super(Mutation.LEAK);
        }
    }

    static class DoubleFreeKit extends MutantKit {
        DoubleFreeKit() {
            super(Mutation.DOUBLE_FREE);
        }
    }

    static class RecloseKit extends MutantKit {
        RecloseKit() {
            super(Mutation.RECLOSE);
        }
    }

    static class CopyingKit extends MutantKit {
        CopyingKit() {
            super(Mutation.COPY);
        }
    }

    static class UseAfterCloseKit extends MutantKit {
        UseAfterCloseKit() {
            super(Mutation.USE_AFTER_CLOSE);
        }
    }

    static class NoLimitsKit extends MutantKit {
        NoLimitsKit() {
            super(Mutation.NO_LIMITS);
        }
    }

    static class LeakLevelIgnoredKit extends MutantKit {
        LeakLevelIgnoredKit() {
            super(Mutation.LEAK_LEVEL_IGNORED);
        }
    }

    static class IgnoresPositionKit extends MutantKit {
        IgnoresPositionKit() {
            super(Mutation.IGNORES_POSITION);
        }
    }

    static class FlippingKit extends MutantKit {
        FlippingKit() {
            super(Mutation.FLIP);
        }
    }

    static class UnguardedReadsKit extends MutantKit {
        UnguardedReadsKit() {
            super(Mutation.UNGUARDED_READS);
        }
    }

    static class MisrendersKit extends MutantKit {
        MisrendersKit() {
            super(Mutation.MISRENDERS_ONE_EXAMPLE);
        }
    }

    static class ArenaUnconfinedKit extends MutantKit {
        ArenaUnconfinedKit() {
            super(Mutation.ARENA_UNCONFINED);
        }
    }

    static class ViewRecycledKit extends MutantKit {
        ViewRecycledKit() {
            super(Mutation.VIEW_RECYCLED);
        }
    }

    static class NodeRecycledKit extends MutantKit {
        NodeRecycledKit() {
            super(Mutation.NODE_RECYCLED);
        }
    }

    static class StubbornThreadKit extends MutantKit {
        StubbornThreadKit() {
            super(Mutation.STUBBORN_THREAD);
        }
    }
}
