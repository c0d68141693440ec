package dev.ocp.selftest;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The outcome of one kit run, per check: {@code Suite.method} (a parameterized check, or a test factory with its
 * dynamic tests, counts as one, failed if any of its tests failed; a factory skipped as a whole is skipped).
 */
final class KitRun {
    /** In the order {@link #record} lets one outcome win over another. */
    enum Outcome { SKIPPED, PASSED, FAILED }

    final Map<String, Outcome> outcomes = new TreeMap<>();
    final Map<String, String> reasons = new TreeMap<>();
    final long containerFailures;

    /**
     * The time each check took, summed over every kit run of this JVM: what the self-test's time goes to
     * ({@link #slowest}).
     */
    private static final Map<String, Duration> TIME_BY_CHECK = new ConcurrentHashMap<>();

    private KitRun(Class<?> kit) {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().allEvents();
        long broken = 0;
        Map<Object, Instant> started = new HashMap<>();
        for (Event e : events.list()) {
            TestDescriptor d = e.getTestDescriptor();
            if (e.getType() == EventType.STARTED) {
                started.put(d.getUniqueId(), e.getTimestamp());
            } else if (e.getType() == EventType.FINISHED && d.getSource().orElse(null) instanceof MethodSource
                    && started.containsKey(d.getUniqueId())
                    && !(d.getParent().flatMap(TestDescriptor::getSource).orElse(null) instanceof MethodSource)) {
                // A check's method: a test of its own, or the container of its invocations (timed once, as a whole).
                TIME_BY_CHECK.merge(check(d), Duration.between(started.get(d.getUniqueId()), e.getTimestamp()),
                        Duration::plus);
            }
            if (e.getType() == EventType.SKIPPED) {
                if (d.isTest()) {
                    record(check(d), Outcome.SKIPPED, e.getPayload(String.class).orElse("?"));
                }
                continue;
            }
            if (e.getType() != EventType.FINISHED) {
                continue;
            }
            TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
            if (!d.isTest() && d.getSource().orElse(null) instanceof MethodSource
                    && r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                // A test factory: skipped as a whole (its check does not apply), or failed around its tests
                // (by the kit's after-check balance, which runs once the factory's tests have run).
                record(check(d), r.getStatus() == TestExecutionResult.Status.ABORTED ? Outcome.SKIPPED
                        : Outcome.FAILED, r.getThrowable().map(String::valueOf).orElse(""));
                continue;
            }
            if (!d.isTest()) {
                if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    broken++;
                    reasons.put("container " + d.getDisplayName(), String.valueOf(r.getThrowable().orElse(null)));
                }
                continue;
            }
            String reason = r.getThrowable().map(String::valueOf).orElse("");
            switch (r.getStatus()) {
                case SUCCESSFUL:
                    record(check(d), Outcome.PASSED, reason);
                    break;
                case ABORTED:
                    record(check(d), Outcome.SKIPPED, reason);
                    break;
                default:
                    record(check(d), Outcome.FAILED, reason);
            }
        }
        containerFailures = broken;
    }

    /**
     * The checks that took the most time over this JVM's kit runs, one per line with their seconds, for the build's
     * log: the self-test is the longest part of the build, and this says where to look when it grows.
     *
     * @param count how many checks
     * @return the lines
     */
    static String slowest(int count) {
        StringBuilder sb = new StringBuilder();
        TIME_BY_CHECK.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(count)
                .forEach(e -> sb.append(String.format(java.util.Locale.ROOT, "%n  %7.1f s  %s",
                        e.getValue().toMillis() / 1000.0, e.getKey())));
        return sb.toString();
    }

    static KitRun of(Class<?> kit) {
        return new KitRun(kit);
    }

    /** Runs the kit over the engine of {@code mutation} ({@link Kits.MutantKit}), one such run at a time. */
    static KitRun of(Mutation mutation) {
        return run(mutation, () -> new KitRun(Kits.MutantKit.class));
    }

    /** Runs {@code run} with {@link Kits.MutantKit} making engines of {@code mutation}, one such run at a time. */
    static synchronized <T> T run(Mutation mutation, java.util.function.Supplier<T> run) {
        Kits.MutantKit.running = mutation;
        try {
            return run.get();
        } finally {
            Kits.MutantKit.running = null;
        }
    }

    /** The check a test belongs to: its method's, or for a dynamic test its factory method's. */
    private static String check(TestDescriptor d) {
        TestDescriptor at = d;
        while (!(at.getSource().orElse(null) instanceof MethodSource)) {
            at = at.getParent().orElseThrow(() -> new AssertionError("no method above " + d.getDisplayName()));
        }
        MethodSource m = (MethodSource) at.getSource().orElseThrow();
        String suite = m.getClassName().substring(m.getClassName().lastIndexOf('$') + 1);
        return suite + "." + m.getMethodName();
    }

    /** A failure wins over a pass, a pass over a skip, across the invocations of one check. */
    private void record(String check, Outcome outcome, String reason) {
        Outcome before = outcomes.get(check);
        if (before == null || outcome.ordinal() > before.ordinal()) {
            outcomes.put(check, outcome);
            reasons.put(check, reason);
        }
    }

    Set<String> with(Outcome outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getValue() == outcome).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    String describe(Set<String> checks) {
        StringBuilder sb = new StringBuilder();
        for (String c : checks) {
            String reason = reasons.getOrDefault(c, "");
            sb.append("\n  ").append(c).append(": ").append(reason.length() > 300 ? reason.substring(0, 300) + "..." : reason);
        }
        return sb.toString();
    }
}
