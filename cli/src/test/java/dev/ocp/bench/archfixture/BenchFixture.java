package dev.ocp.bench.archfixture;

/** A class in the bench package for other fixtures to depend on (bench itself is not built yet). */
public final class BenchFixture {
    private BenchFixture() {
    }

    public static void touch() {
        // Only its name matters to the rules.
    }
}
