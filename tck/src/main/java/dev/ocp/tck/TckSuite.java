package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.LeakDetection;
import dev.ocp.OcpDocument;
import dev.ocp.EngineConfig;

import java.nio.ByteBuffer;
import java.util.Set;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What every suite shares: the kit that creates engines, and small helpers. */
abstract class TckSuite {

    /** @return the kit (the enclosing instance of the nested suite class) */
    abstract OcpTck kit();

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
