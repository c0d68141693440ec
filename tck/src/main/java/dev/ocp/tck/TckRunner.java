package dev.ocp.tck;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the whole kit for one engine, found by name through the SPI, with the JUnit Platform Launcher, and
 * prints every failure and every skip with its reason, then a last line {@code N passed, N failed, N skipped}.
 * This is what {@code ocp tck --engine NAME} calls.
 */
public final class TckRunner {
    private TckRunner() {
    }

    /**
     * The outcome of a run, counted in checks (a container that fails, such as an unknown engine, counts as
     * one failed check; a skipped suite counts each of its checks as skipped).
     *
     * @param passed  checks that passed
     * @param failed  checks that failed
     * @param skipped checks skipped, each with its reason printed
     */
    public record Result(long passed, long failed, long skipped) {
        /** @return {@code true} if nothing failed and something passed */
        public boolean ok() {
            return failed == 0 && passed > 0;
        }
    }

    /**
     * @param engine the engine's name, as known to {@link dev.ocp.Ocp#engine(String)}
     * @param out    where the report goes
     * @return the counts
     */
    public static Result run(String engine, PrintStream out) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(SpiEngineTck.class))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(SpiEngineTck.ENGINE_PARAMETER, engine)
                .build();
        Launcher launcher = LauncherFactory.create();
        Report report = new Report(out);
        launcher.execute(request, report);
        Result result = new Result(report.passed, report.failed, report.skipped);
        out.println(result.passed() + " passed, " + result.failed() + " failed, " + result.skipped() + " skipped");
        out.flush();
        return result;
    }

    /** Counts checks and prints what a person needs to act on. */
    private static final class Report implements TestExecutionListener {
        private final PrintStream out;
        private TestPlan plan;
        long passed;
        long failed;
        long skipped;

        Report(PrintStream out) {
            this.out = out;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            long checks = id.isTest() ? 1 : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
            skipped += checks;
            out.println("SKIPPED " + path(id) + (checks > 1 ? " (" + checks + " checks)" : "") + ": " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            switch (result.getStatus()) {
                case SUCCESSFUL:
                    if (id.isTest()) {
                        passed++;
                    }
                    break;
                case ABORTED:
                    if (id.isTest()) {
                        skipped++;
                    } else {
                        // A test factory that does not apply is skipped before it makes its tests: one check.
                        skipped += Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                                .count());
                    }
                    out.println("SKIPPED " + path(id) + ": " + reason(result.getThrowable()));
                    break;
                default:
                    failed++;
                    out.println("FAILED  " + path(id) + ": " + message(result.getThrowable()));
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((k, v) -> out.println(k + ": " + v));
        }

        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            Optional<TestIdentifier> at = Optional.of(id);
            while (at.isPresent() && at.get().getParentId().isPresent()) {
                names.add(0, at.get().getDisplayName());
                at = plan.getParent(at.get());
            }
            return String.join(" > ", names);
        }

        /** An assumption's message is the reason; JUnit's "Assumption failed: " prefix adds nothing. */
        private static String reason(Optional<Throwable> error) {
            return error.map(t -> t.getMessage() == null ? t.toString()
                    : t.getMessage().replaceFirst("^Assumption failed: ", "")).orElse("(no reason given)");
        }

        private static String message(Optional<Throwable> error) {
            return error.map(t -> t.getMessage() != null ? t.getClass().getSimpleName() + ": " + t.getMessage()
                    : t.toString()).orElse("(no reason given)");
        }
    }
}
