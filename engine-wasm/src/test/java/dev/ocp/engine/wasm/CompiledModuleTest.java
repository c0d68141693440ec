package dev.ocp.engine.wasm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classes chicory-compiler-maven-plugin made from the module must be classes HotSpot compiles. Its JIT
 * leaves a method of more than 8000 bytes of bytecode to the bytecode interpreter for good (HugeMethodLimit,
 * unless the JVM runs with -XX:-DontCompileHugeMethods, which a library cannot ask of its users), and one wasm
 * function is one method: a single such function made the engine about fifteen times slower (5 MB/s instead of
 * 80 on progit.md). The C compiler's inlining decides those sizes (-O2 inlines the block and inline parsers'
 * helpers into two functions of 11 and 9.5 KB of bytecode; -Os keeps every function under 7.7 KB).
 */
class CompiledModuleTest {
    /** HotSpot's HugeMethodLimit: larger methods are never JIT-compiled by default. */
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void everyFunctionOfTheCompiledModuleIsSmallEnoughToJit() throws Exception {
        Path classes = Path.of(OcpModule.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/ocp/engine/wasm");
        List<Path> machine;
        try (Stream<Path> files = Files.list(classes)) {
            machine = files.filter(p -> p.getFileName().toString().startsWith("OcpModuleMachine")
                    && p.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(machine.size() >= 2, () -> "the compiled machine's classes in " + classes + ": " + machine);
        TreeMap<Integer, String> sizes = new TreeMap<>();
        int methods = 0;
        for (Path file : machine) {
            for (Method m : methods(Files.readAllBytes(file))) {
                sizes.merge(m.codeLength, file.getFileName() + "." + m.name, (a, b) -> a + ", " + b);
                methods++;
            }
        }
        assertTrue(methods > 100, "one method per wasm function, and then some: " + methods);
        List<String> huge = new ArrayList<>(sizes.tailMap(HUGE_METHOD_LIMIT, false).descendingMap().entrySet()
                .stream().map(e -> e.getValue() + " (" + e.getKey() + " bytes)").toList());
        String digest = sha256(OcpWasm.class.getResourceAsStream(OcpWasm.MODULE_RESOURCE));
        assertEquals(List.of(), huge, () -> "methods over HotSpot's HugeMethodLimit of " + HUGE_METHOD_LIMIT
                + " bytes are never JIT-compiled, so the engine would run them in the bytecode interpreter; build the "
                + "module with less inlining (-Os) so that every wasm function stays under it (module sha256 " + digest
                + ")");
        assertTrue(sizes.lastKey() > 1000, "the sizes were read: largest " + sizes.lastEntry());
    }

    private static String sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        try (InputStream module = in) {
            assertTrue(module != null, "the module is a resource of the engine");
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module.readAllBytes()));
        }
    }

    /** A method of a class file and the length of its bytecode. */
    record Method(String name, int codeLength) {
    }

    /** The methods of a class file with their code lengths: JVMS §4, just enough of it. */
    static List<Method> methods(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        assertEquals(0xCAFEBABE, in.readInt(), "a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("constant pool tag " + tag + " at entry " + i);
            }
        }
        in.skipBytes(6);
        in.skipBytes(2 * in.readUnsignedShort());
        skipMembers(in);
        List<Method> methods = new ArrayList<>();
        int methodCount = in.readUnsignedShort();
        for (int m = 0; m < methodCount; m++) {
            in.skipBytes(2);
            String name = utf8[in.readUnsignedShort()];
            in.skipBytes(2);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4);
                    int code = in.readInt();
                    methods.add(new Method(name, code));
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return methods;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int f = 0; f < count; f++) {
            in.skipBytes(6);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.skipBytes(2);
                in.skipBytes(in.readInt());
            }
        }
    }

    @Test
    void theClassFileReaderMeasuresCode() throws IOException, URISyntaxException {
        // This very class: its methods are there, each with some bytecode, the reader's largest among them.
        Path self = Path.of(CompiledModuleTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/ocp/engine/wasm/CompiledModuleTest.class");
        List<Method> mine = methods(Files.readAllBytes(self));
        assertTrue(mine.stream().anyMatch(m -> m.name().equals("methods") && m.codeLength() > 200), mine::toString);
        assertTrue(mine.stream().allMatch(m -> m.codeLength() > 0 && m.codeLength() < 65536), mine::toString);
    }
}
