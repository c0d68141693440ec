package dev.ocp.engine.archfixture;

import dev.ocp.bench.archfixture.BenchFixture;

/** Violates "nothing depends on dev.ocp.bench or dev.ocp.cli". */
public final class EngineUsingBenchAndCli {
    public void run() {
        BenchFixture.touch();
        dev.ocp.cli.Main.main(new String[0]);
    }
}
