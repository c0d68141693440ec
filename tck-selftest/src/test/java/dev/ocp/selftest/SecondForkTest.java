package dev.ocp.selftest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * {@link TckSelfTest}'s checks of the mutants and controls {@link TckSelfTest#inSecondFork} gives this class, in a
 * class of their own so that Surefire runs them in a second JVM beside the first (two forks, tck-selftest's pom): a
 * JVM runs the kit over one engine at a time, and one kit run keeps one processor busy. Each JVM makes the java
 * engine's run it compares its controls with.
 */
class SecondForkTest {

    /** Says, in the build's log, which checks this JVM's kit runs spent their time on. */
    @AfterAll
    static void printTheSlowestChecks() {
        System.out.println("SecondForkTest: the checks that took longest over this JVM's kit runs:" + KitRun.slowest(12));
    }


    static Stream<Mutation> controls() {
        return TckSelfTest.controls(true);
    }

    static Stream<Mutation> mutants() {
        return TckSelfTest.mutants(true);
    }

    @ParameterizedTest
    @MethodSource("controls")
    void eachControlPassesWhatJavaPassesAndTheDifferentialChecks(Mutation harness) {
        TckSelfTest.checkControl(harness);
    }

    @ParameterizedTest
    @MethodSource("mutants")
    void eachMutantFailsExactlyTheChecksMeantToCatchIt(Mutation mutation) {
        TckSelfTest.checkMutant(mutation);
    }
}
