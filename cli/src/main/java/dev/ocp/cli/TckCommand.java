package dev.ocp.cli;

import dev.ocp.ProviderInfo;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ocp tck}: the compatibility kit against installed engines, through the TCK's own runner
 * ({@value #RUNNER}{@code .run(String engine, PrintStream out)}), which runs the kit for one engine and prints
 * its checks and a {@code N passed, N failed} line. The runner is looked up reflectively so that this
 * command builds and explains itself even in a build whose TCK has no runner yet.
 */
final class TckCommand {
    static final String RUNNER = "dev.ocp.tck.TckRunner";
    private static final Map<String, String> OPTIONS = Options.of("--engine", "E|all");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed");
    private static final Pattern SKIPPED = Pattern.compile("(\\d+) skipped");

    private TckCommand() {
    }

    /** What one engine's run counted. */
    record Counts(long passed, long failed, long skipped) {
    }

    static int run(List<String> tokens, Session session) {
        Args args = Args.parse("tck", tokens, OPTIONS, Options.NO_ALIASES);
        args.atMostOperands(0, "arguments");
        List<ProviderInfo> engines = session.catalog().resolveMany(args.value("--engine"));
        Method runner = runner();
        PrintStream out = session.out();
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (ProviderInfo engine : engines) {
            if (engines.size() > 1) {
                out.println("== TCK for engine '" + engine.name() + "'");
            }
            Counts counts = runFor(runner, engine.name(), out);
            passed += counts.passed();
            failed += counts.failed();
            skipped += counts.skipped();
        }
        if (engines.size() > 1) {
            out.println("== all engines (" + engines.size() + ")");
        }
        if (skipped > 0) {
            out.println(skipped + " skipped: checks that do not apply to an engine's capabilities (each is "
                    + "listed above with its reason), not counted below");
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static Method runner() {
        try {
            Method m = Class.forName(RUNNER).getMethod("run", String.class, PrintStream.class);
            if (!Modifier.isStatic(m.getModifiers())) {
                throw new NoSuchMethodException(RUNNER + ".run is not static");
            }
            return m;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UsageException("this build of ocp has no TCK runner (" + RUNNER + ".run(String, PrintStream)"
                    + " not found: " + e.getMessage() + "); rebuild from a checkout whose tck module has it");
        }
    }

    /** Runs the kit for one engine, passing its output through, and reads its counts. */
    private static Counts runFor(Method runner, String engine, PrintStream out) {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new Tee(out, copy), true, StandardCharsets.UTF_8);
        Object result;
        try {
            result = runner.invoke(null, engine, tee);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + RUNNER + ".run", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("the TCK failed to run for engine '" + engine + "'", cause);
        }
        tee.flush();
        Counts fromResult = fromResult(result);
        return fromResult != null ? fromResult : fromText(copy.toString(StandardCharsets.UTF_8), engine);
    }

    /** A result with {@code passed()} and {@code failed()} (and perhaps {@code skipped()}) accessors. */
    private static Counts fromResult(Object result) {
        if (result == null) {
            return null;
        }
        try {
            long passed = number(result, "passed");
            long failed = number(result, "failed");
            long skipped;
            try {
                skipped = number(result, "skipped");
            } catch (NoSuchMethodException e) {
                skipped = 0;
            }
            return new Counts(passed, failed, skipped);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static long number(Object target, String accessor) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(accessor);
        m.setAccessible(true);
        return ((Number) m.invoke(target)).longValue();
    }

    /** The last {@code N passed, N failed} line the runner printed, and a {@code N skipped} on it if any. */
    static Counts fromText(String text, String engine) {
        String[] lines = text.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = SUMMARY.matcher(lines[i]);
            if (m.find()) {
                Matcher s = SKIPPED.matcher(lines[i]);
                return new Counts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        s.find() ? Long.parseLong(s.group(1)) : 0);
            }
        }
        throw new IllegalStateException("the TCK runner printed no 'N passed, N failed' line for engine '" + engine
                + "'");
    }

    /** Writes to two streams at once. */
    private static final class Tee extends OutputStream {
        private final PrintStream a;
        private final ByteArrayOutputStream b;

        Tee(PrintStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) {
            write(new byte[] {(byte) c}, 0, 1);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() {
            a.flush();
        }
    }
}
