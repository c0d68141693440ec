package dev.ocp.cli;

import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.cli.Inputs.Input;
import dev.ocp.tck.HeapAllocation;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code ocp compare}, the main job: every available engine parses the same documents; their payloads must
 * be byte-identical (and each engine's must be the same from one parse to the next); then each engine is
 * measured in turn on this thread: throughput, time per document, Java-heap bytes allocated per parse, and
 * the engine memory still live once every document is closed (which must be none).
 */
final class CompareCommand {
    static final double DEFAULT_SECONDS = 2.0;
    private static final int LISTED_DOCUMENTS = 12;
    /** The time spent on small documents, beside the seconds of the main measurement. */
    private static final double SMALL_SHARE = 1.0;
    static final Map<String, String> OPTIONS = Options.of("--dialect", "D", "--with", "X,Y", "--seconds", "S");

    private CompareCommand() {
    }

    /** What was measured for one engine. */
    record Row(ProviderInfo engine, long parses, long inputBytes, long nanos, long heapBytes, MemoryStats after,
               long warmUpNanos, boolean stillWarming) {
        double megabytesPerSecond() {
            return nanos == 0 ? 0 : inputBytes / 1e6 / (nanos / 1e9);
        }

        double nanosPerDocument() {
            return (double) nanos / parses;
        }

        /** @return heap bytes per parse, or a negative number when the JVM cannot count them */
        double heapBytesPerParse() {
            return heapBytes < 0 ? -1 : (double) heapBytes / parses;
        }
    }

    static int run(CommandLineArgs args, Session session) {
        ParseOptions options = Catalog.parseOptions(args.value("--dialect"), args.value("--with"));
        double seconds = seconds(args.value("--seconds"));
        boolean samples = args.operands().isEmpty();
        List<Input> inputs = samples ? Inputs.samples() : Inputs.collect(args.operands());
        PrintStream out = session.out();
        Catalog catalog = session.catalog();

        List<ProviderInfo> available = catalog.available();
        if (available.isEmpty()) {
            throw new UsageException(catalog.all().isEmpty()
                    ? "no OCP engine found on the class path; this ocp jar was built without engines"
                    : "no OCP engine can run here: " + Catalog.describe(catalog.all()));
        }
        List<ProviderInfo> engines = referenceFirst(Catalog.supporting(available, options, session.err()));
        ProviderInfo chosen = catalog.defaultProvider();

        long totalBytes = inputs.stream().mapToLong(i -> i.bytes().length).sum();
        out.println("ocp compare: " + inputs.size() + (samples ? " sample documents bundled with ocp" : " documents")
                + ", " + Format.bytes(totalBytes) + " in all, " + Catalog.describe(options));
        out.println();
        listDocuments(inputs, out);
        out.println();
        out.println("engines: " + engines.stream().map(ProviderInfo::name).collect(Collectors.joining(", "))
                + (engines.size() > 1 ? " (" + engines.get(0).name() + " is the reference)" : ""));
        for (ProviderInfo p : catalog.all()) {
            if (!p.available()) {
                out.println("  not here: " + p.name() + " (" + p.reason() + ")");
            }
        }

        Progress progress = new Progress(session.err());
        List<String> problems = new ArrayList<>();
        List<ProviderInfo> sound = checkPayloads(engines, inputs, options, problems, progress);
        if (engines.size() == 1) {
            out.println("payloads: only " + engines.get(0).name() + " can run here, so there is no other engine to "
                    + "compare it with" + (problems.isEmpty() ? ";\n          two parses of each document gave the same "
                    + "bytes" : ""));
        } else if (problems.isEmpty()) {
            out.println("payloads: byte-identical across all " + engines.size() + " engines for all "
                    + inputs.size() + " documents");
        } else {
            out.println("payloads: NOT identical, see the problems below");
        }
        out.println();

        List<Row> rows = new ArrayList<>();
        double perEngine = seconds / Math.max(1, sound.size());
        for (ProviderInfo engine : sound) {
            rows.add(measure(engine, inputs, options, perEngine, progress));
        }
        if (!rows.isEmpty()) {
            printTable(rows, chosen, seconds, out);
            measureSmallDocuments(rows, inputs, options, seconds * SMALL_SHARE, chosen, progress, out);
        }
        for (Row row : rows) {
            if (row.after().liveDocuments() != 0 || row.after().liveBytes() != 0) {
                problems.add("engine '" + row.engine().name() + "' still holds " + row.after().liveDocuments()
                        + " documents and " + Format.count(row.after().liveBytes()) + " bytes after every document "
                        + "was closed: close() does not free what parse() allocated");
            }
        }
        if (problems.isEmpty()) {
            return 0;
        }
        out.println();
        out.println("problems found:");
        for (String problem : problems) {
            out.println("  - " + problem);
        }
        return 1;
    }

    /** Seconds from {@code --seconds}: a positive number, at most an hour. */
    static double seconds(String value) {
        if (value == null) {
            return DEFAULT_SECONDS;
        }
        double s;
        try {
            s = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            s = Double.NaN;
        }
        if (!(s > 0 && s <= 3600)) {
            throw new UsageException("ocp compare: --seconds wants a number of seconds above 0 and at most 3600, "
                    + "not '" + value + "'");
        }
        return s;
    }

    /** The java engine is the reference the others are checked against; else the best one. */
    private static List<ProviderInfo> referenceFirst(List<ProviderInfo> engines) {
        List<ProviderInfo> ordered = new ArrayList<>(engines);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).name().equals("java")) {
                ordered.add(0, ordered.remove(i));
                break;
            }
        }
        return ordered;
    }

    private static void listDocuments(List<Input> inputs, PrintStream out) {
        Table table = new Table("document", ">size");
        int shown = Math.min(inputs.size(), LISTED_DOCUMENTS);
        for (int i = 0; i < shown; i++) {
            table.row(inputs.get(i).name(), Format.bytes(inputs.get(i).bytes().length));
        }
        table.print(out, "  ");
        if (inputs.size() > shown) {
            out.println("  ... and " + (inputs.size() - shown) + " more");
        }
    }

    /**
     * Parses every document twice with every engine: both parses must agree, and each engine must agree with
     * the first (the reference). Reports the first differing document per engine.
     *
     * @return the engines that parsed every document without throwing, to be measured
     */
    private static List<ProviderInfo> checkPayloads(List<ProviderInfo> engines, List<Input> inputs,
                                                    ParseOptions options, List<String> problems, Progress progress) {
        byte[][] reference = new byte[inputs.size()][];
        List<ProviderInfo> sound = new ArrayList<>();
        for (int e = 0; e < engines.size(); e++) {
            ProviderInfo provider = engines.get(e);
            boolean isReference = e == 0;
            boolean differs = false;
            boolean failed = false;
            try (OcpEngine engine = Catalog.open(provider)) {
                for (int i = 0; i < inputs.size(); i++) {
                    Input input = inputs.get(i);
                    int done = i;
                    progress.maybe(() -> "checking payloads of " + provider.name() + ": " + done + " of "
                            + inputs.size() + " documents");
                    byte[] first;
                    byte[] second;
                    try {
                        first = payload(engine, input, options);
                        second = payload(engine, input, options);
                    } catch (RuntimeException ex) {
                        problems.add("engine '" + provider.name() + "' failed on " + input.name() + ": " + ex);
                        failed = true;
                        break;
                    }
                    if (!Arrays.equals(first, second)) {
                        problems.add("engine '" + provider.name() + "' is not deterministic: two parses of "
                                + input.name() + " " + difference(first, second, "the first", "the second"));
                    }
                    if (isReference) {
                        reference[i] = first;
                    } else if (!differs && reference[i] != null && !Arrays.equals(first, reference[i])) {
                        differs = true;
                        problems.add("payloads differ: " + input.name() + " parsed by '" + provider.name()
                                + "' and by '" + engines.get(0).name() + "' "
                                + difference(first, reference[i], provider.name(), engines.get(0).name()));
                    }
                }
            }
            if (!failed) {
                sound.add(provider);
            }
        }
        return sound;
    }

    /** @return where and how two different payloads first differ, for a person to go and look */
    static String difference(byte[] a, byte[] b, String aName, String bName) {
        int mismatch = Arrays.mismatch(a, b);
        if (mismatch >= a.length || mismatch >= b.length) {
            return "agree on their first " + Format.count(mismatch) + " bytes, but " + aName + "'s payload is "
                    + Format.count(a.length) + " bytes long and " + bName + "'s " + Format.count(b.length);
        }
        return String.format(Locale.ROOT, "first differ at byte offset %,d (%s: 0x%02x, %s: 0x%02x; sizes %,d and %,d)",
                mismatch, aName, a[mismatch] & 0xff, bName, b[mismatch] & 0xff, a.length, b.length);
    }

    private static byte[] payload(OcpEngine engine, Input input, ParseOptions options) {
        try (OcpDocument document = engine.parse(input.bytes(), options)) {
            ByteBuffer view = document.bytes();
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return copy;
        }
    }

    /**
     * Warm-up until the rounds stop getting faster ({@link WarmUp}), then measurement for {@code
     * seconds}, in whole rounds (every document once, in order); at least one round each. Time and heap
     * allocation are read around each round, so the readings cost nothing per parse.
     */
    private static Row measure(ProviderInfo provider, List<Input> inputs, ParseOptions options, double seconds,
                               Progress progress) {
        byte[][] documents = inputs.stream().map(Input::bytes).toArray(byte[][]::new);
        long roundBytes = 0;
        for (byte[] d : documents) {
            roundBytes += d.length;
        }
        boolean countsHeap = HeapAllocation.supported();
        try (OcpEngine engine = Catalog.open(provider)) {
            long measureNanos = (long) (seconds * 1e9);
            long warmUpStart = System.nanoTime();
            WarmUp warmUp = new WarmUp(warmUpStart, measureNanos, WarmUp.compilationMillis());
            while (true) {
                long t0 = System.nanoTime();
                round(engine, documents, options);
                long t1 = System.nanoTime();
                if (warmUp.round(t0, t1, WarmUp.compilationMillis())) {
                    break;
                }
                progress.maybe(() -> "warming up " + provider.name());
            }
            long warmUpNanos = System.nanoTime() - warmUpStart;

            long rounds = 0;
            long nanos = 0;
            long heapBytes = 0;
            long start = System.nanoTime();
            long deadline = start + measureNanos;
            do {
                long h0 = countsHeap ? HeapAllocation.currentThread() : 0;
                long t0 = System.nanoTime();
                round(engine, documents, options);
                long t1 = System.nanoTime();
                long h1 = countsHeap ? HeapAllocation.currentThread() : 0;
                nanos += t1 - t0;
                heapBytes += h1 - h0;
                rounds++;
                long doneRounds = rounds;
                progress.maybe(() -> "measuring " + provider.name() + ": " + doneRounds + " rounds of "
                        + documents.length + " documents so far");
            } while (System.nanoTime() < deadline);
            return new Row(provider, rounds * documents.length, rounds * roundBytes, nanos,
                    countsHeap ? heapBytes : -1, engine.stats(), warmUpNanos, warmUp.stillGettingFaster());
        }
    }

    /** The small-documents table ({@link SmallDocuments}), for the engines measured, in seconds in all. */
    private static void measureSmallDocuments(List<Row> measured, List<Input> inputs, ParseOptions options,
                                              double seconds, ProviderInfo chosen, Progress progress, PrintStream out) {
        List<byte[]> small;
        try (OcpEngine reference = Catalog.open(measured.get(0).engine())) {
            small = SmallDocuments.of(inputs, reference, options);
        }
        out.println();
        if (small.isEmpty()) {
            out.println("small documents: none (every input's first lines are an MDX syntax error by themselves)");
            return;
        }
        double each = seconds / measured.size() / (SmallDocuments.THREADS.length + 1);
        List<SmallDocuments.Row> rows = new ArrayList<>();
        for (Row row : measured) {
            progress.maybe(() -> "measuring small documents on " + row.engine().name());
            rows.add(SmallDocuments.measure(row.engine(), small, options, each));
        }
        SmallDocuments.print(rows, small.size(), each, chosen, out);
    }

    private static void round(OcpEngine engine, byte[][] documents, ParseOptions options) {
        for (byte[] document : documents) {
            engine.parse(document, options).close();
        }
    }

    private static void printTable(List<Row> rows, ProviderInfo chosen, double seconds, PrintStream out) {
        out.println("measured on one thread for " + Format.decimal(seconds, seconds < 1 ? 2 : 1) + " s in all, each "
                + "parse followed by close(), after warming each engine up until its rounds stopped getting faster ("
                + rows.stream().map(r -> r.engine().name() + " " + Format.decimal(r.warmUpNanos() / 1e9, 1) + " s"
                        + (r.stillWarming() ? ", still getting faster" : ""))
                        .collect(Collectors.joining("; ")) + "):");
        out.println();
        Table table = new Table("engine", ">MB/s", ">time/doc", ">heap alloc/parse", ">live bytes after close",
                ">parses");
        for (Row row : rows) {
            double heapPerParse = row.heapBytesPerParse();
            table.row(row.engine().name() + (row.engine() == chosen ? " *" : ""),
                    Format.decimal(row.megabytesPerSecond(), 1),
                    Format.nanos(row.nanosPerDocument()),
                    heapPerParse < 0 ? "n/a" : Format.bytes(heapPerParse),
                    Format.count(row.after().liveBytes()) + " B",
                    Format.count(row.parses()));
        }
        table.print(out, "  ");
        out.println();
        out.println("  * the default engine, what Ocp.engine() picks. MB/s counts input bytes, 10^6 to the MB;");
        out.println("    time/doc is the mean over all documents; heap alloc is per parse, averaged; live bytes");
        out.println("    are the engine's own count after every document was closed. Numbers vary between runs");
        out.println("    and machines: compare engines within one run.");
        if (rows.stream().anyMatch(Row::stillWarming)) {
            out.println("    An engine still getting faster was measured before the JIT was done with it: a longer");
            out.println("    --seconds warms it up longer.");
        }
    }

    /** Prints a line to standard error every few seconds, so that long runs show they are alive. */
    static final class Progress {
        private static final long EVERY_NANOS = 3_000_000_000L;
        private final PrintStream err;
        private long last = System.nanoTime();

        Progress(PrintStream err) {
            this.err = err;
        }

        void maybe(Supplier<String> message) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                err.println("ocp compare: " + message.get());
            }
        }
    }
}
