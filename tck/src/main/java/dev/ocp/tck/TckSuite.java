package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.LeakDetection;
import dev.ocp.OcpDocument;
import dev.ocp.EngineConfig;

import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every suite shares: the kit that creates engines, and small helpers. */
abstract class TckSuite {

    /** @return the kit (the enclosing instance of the nested suite class) */
    abstract OcpTck kit();

    /**
     * One engine serves every test of a suite's factories: made on first use, closed with the others after the
     * check (by the kit's {@code @AfterEach}, which runs once the whole factory and its tests have run).
     */
    private Subject shared;

    /** @return the suite's one engine for its dynamic tests ({@link #open()} on first use) */
    Subject shared() {
        if (shared == null) {
            shared = open();
        }
        return shared;
    }

    /**
     * One test per example of a spec file, named by its number, section and line.
     *
     * @param resource a spec file of the kit's dependency {@code commonmark-test-util}
     * @param check    what to do with each example
     * @return the tests
     */
    static List<DynamicTest> specExampleTests(String resource, Consumer<SpecExample> check) throws IOException {
        List<SpecExample> examples = SpecExample.readResource(resource);
        if (examples.isEmpty()) {
            // The kit's own dependency brings the file: its absence is a broken installation, not a skip.
            fail("no " + resource + " on the class path: the kit's dependency org.commonmark:commonmark-test-util"
                    + " is missing");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (SpecExample e : examples) {
            String name = "example " + e.number() + " (" + e.section() + ", line " + e.line() + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> check.accept(e)));
        }
        return tests;
    }

    /** @return a new engine with leak detection COUNT and the kit's listener */
    Subject open() {
        return open(LeakDetection.COUNT);
    }

    Subject open(LeakDetection level) {
        return open(EngineConfig.defaults().withLeakDetection(level));
    }

    Subject open(EngineConfig config) {
        Subject s = kit().open(config);
        if (leavesLeftovers()) {
            kit().expectLeftovers(s);
        }
        return s;
    }

    /**
     * Whether the suite's checks leave documents open or drop them on purpose (they assert what happens to
     * them), so that the kit's after-check balance does not apply to their engines.
     */
    boolean leavesLeftovers() {
        return false;
    }

    /** Skips the check, saying why, unless the engine parses {@code dialect}. */
    static void assumeSyntax(Subject s, dev.ocp.Dialect dialect) {
        dev.ocp.Syntax syntax = s.engine().syntax();
        assumeTrue(syntax.supports(dialect), () -> "engine '" + s.engine().name() + "' does not parse the " + dialect
                + " dialect (its syntax is " + syntax + "), so this check does not apply");
    }

    /** Skips the check, saying why, unless the engine parses {@code extension}. */
    static void assumeSyntax(Subject s, dev.ocp.Extension extension) {
        dev.ocp.Syntax syntax = s.engine().syntax();
        assumeTrue(syntax.supports(extension), () -> "engine '" + s.engine().name() + "' does not parse the "
                + extension + " extension (its syntax is " + syntax + "), so this check does not apply");
    }

    /** Skips the check, saying why, unless the engine reads {@code flavor}. */
    static void assumeSyntax(Subject s, dev.ocp.Flavor flavor) {
        dev.ocp.Syntax syntax = s.engine().syntax();
        assumeTrue(syntax.supports(flavor), () -> "engine '" + s.engine().name() + "' does not read the " + flavor
                + " flavor (its syntax is " + syntax + "), so this check does not apply");
    }

    /** Skips the check, saying why, unless the engine declares {@code capability}. */
    static void assumeCapability(Subject s, Capability capability) {
        Set<Capability> declared = s.engine().capabilities();
        assumeTrue(declared.contains(capability), () -> "engine '" + s.engine().name() + "' does not declare "
                + capability + " (it declares " + declared + "), so this check does not apply");
    }

    /**
     * @return a heap copy of the document's payload, read through {@link OcpDocument#unsafeBytes()} while the document
     *         is open, so that the copy does not make the document's free wait for a kept view
     */
    static byte[] copy(OcpDocument doc) {
        ByteBuffer view = doc.unsafeBytes();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    /** @return a copy of the bytes between the buffer's position and limit, leaving it unchanged */
    static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
