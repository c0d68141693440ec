import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;
import dev.ocp.natives.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What the ffm and jna engines cost on top of the C core, measured in one JVM: "c" is a bare downcall of
 * ocp_parse + ocp_free on the same library (the core alone, as ocp_cbench times it, but inside this process),
 * the others are engines by name through the public API (parse + close), and "commonmark-java" parses the
 * same text when its jar is on the class path. The contenders take turns in short slices of thread CPU time,
 * so that a machine shared with other work slows them alike; the median slice of each is reported, with its
 * speed relative to "c". Comparing ocp_cbench with a JMH run instead compares two processes as well.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp CLASSPATH native/bench/CrossingCost.java FILE [SLICE_S [ROUNDS [ENGINE...]]]
 * </pre>
 * CLASSPATH: the api, native, engine jars (and JNA, commonmark for those); defaults: 0.5 s slices, 7 rounds,
 * engines ffm jna java.
 */
public class CrossingCost {
    interface Parse {
        void run() throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: CrossingCost FILE [SLICE_SECONDS [ROUNDS [ENGINE...]]]");
            System.exit(2);
        }
        byte[] input = Files.readAllBytes(Path.of(args[0]));
        double slice = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<String> engines = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("ffm", "jna", "java");

        List<String> names = new ArrayList<>();
        List<Parse> parses = new ArrayList<>();
        names.add("c");
        parses.add(bareDowncall(input));
        for (String name : engines) {
            OcpEngine engine = Ocp.engine(name);
            names.add(name);
            parses.add(() -> engine.parse(input).close());
        }
        try {
            // Found reflectively so that the file compiles without it; called through a bound method handle,
            // which costs what a direct call costs once compiled.
            Class<?> parser = Class.forName("org.commonmark.parser.Parser");
            Object builder = parser.getMethod("builder").invoke(null);
            Object commonmark = builder.getClass().getMethod("build").invoke(builder);
            MethodHandle parse = MethodHandles.publicLookup().unreflect(parser.getMethod("parse", String.class))
                    .bindTo(commonmark).asType(MethodType.methodType(Object.class, String.class));
            String text = new String(input, StandardCharsets.UTF_8);
            names.add("commonmark-java");
            parses.add(() -> {
                Object document = (Object) parse.invokeExact(text);
                if (document == null) {
                    throw new IllegalStateException("no document");
                }
            });
        } catch (ClassNotFoundException e) {
            // not on the class path: not compared
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] micros = new double[parses.size()][rounds];
        for (int round = -1; round < rounds; round++) { // round -1 warms every contender up
            for (int i = 0; i < parses.size(); i++) {
                long start = threads.getCurrentThreadCpuTime();
                long n = 0;
                do {
                    parses.get(i).run();
                    n++;
                } while (threads.getCurrentThreadCpuTime() - start < slice * 1e9);
                if (round >= 0) {
                    micros[i][round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / n;
                }
            }
        }
        double base = 0;
        System.out.printf("%-16s %12s %10s %8s   (%s: %d bytes, median of %d slices of %.2f s CPU time)%n",
                "contender", "us/parse", "MB/s", "vs c", args[0], input.length, rounds, slice);
        for (int i = 0; i < parses.size(); i++) {
            double[] sorted = micros[i].clone();
            Arrays.sort(sorted);
            double median = sorted[rounds / 2];
            if (i == 0) {
                base = median;
            }
            System.out.printf("%-16s %12.1f %10.1f %8.3f%n", names.get(i), median, input.length / median,
                    base / median);
        }
    }

    /** ocp_parse + ocp_free through bare downcalls, the input passed in place as the ffm engine passes it. */
    private static Parse bareDowncall(byte[] input) throws Throwable {
        NativeLibrary library = NativeLibrary.get();
        if (!library.available()) {
            throw new IllegalStateException(library.reason());
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.libraryLookup(library.path(), Arena.global());
        MethodHandle create = linker.downcallHandle(lookup.find("ocp_engine_create").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        MethodHandle parse = linker.downcallHandle(lookup.find("ocp_parse").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS),
                Linker.Option.critical(true));
        MethodHandle free = linker.downcallHandle(lookup.find("ocp_free").orElseThrow(),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        MemorySegment engine = (MemorySegment) create.invokeExact(0L);
        Arena arena = Arena.global();
        MemorySegment options = arena.allocate(CoreAbi.OPTIONS_SIZE, 8);
        CoreAbi.writeOptions(ParseOptions.defaults(), new CoreAbi.StructWriter() {
            @Override
            public void putInt(int offset, int value) {
                options.set(JAVA_INT, offset, value);
            }

            @Override
            public void putLong(int offset, long value) {
                options.set(JAVA_LONG, offset, value);
            }
        });
        MemorySegment result = arena.allocate(CoreAbi.RESULT_SIZE, 8);
        MemorySegment src = MemorySegment.ofArray(input);
        long length = input.length;
        return () -> {
            int status = (int) parse.invokeExact(engine, src, length, options, result);
            if (status != 0) {
                throw new IllegalStateException("ocp_parse failed with status " + status);
            }
            free.invokeExact(engine, result.get(ADDRESS, CoreAbi.RESULT_PAYLOAD));
        };
    }
}
