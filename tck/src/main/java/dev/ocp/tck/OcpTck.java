package dev.ocp.tck;

import dev.ocp.LeakDetection;
import dev.ocp.OcpEngine;
import dev.ocp.spi.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.util.ArrayList;
import java.util.List;

/**
 * The OCP technology compatibility kit: every promise of the API, as JUnit 5 checks that fail when the
 * promise is broken. To run it against an engine, extend this class in your tests and say how to create
 * the engine:
 *
 * <pre>{@code
 * class MyEngineTckTest extends OcpTck {
 *     @Override
 *     protected OcpEngine createEngine(EngineConfig config) {
 *         return new MyEngineProvider().create(config);
 *     }
 * }
 * }</pre>
 *
 * <p>The suites are the {@link Nested} classes below; JUnit runs them all for the subclass. The kit reads
 * the engine's {@link dev.ocp.Capability capabilities}: a check that does not apply to the engine is skipped
 * with the reason (a JUnit assumption), never passed silently. {@link SpiEngineTck} runs the kit for an
 * engine found by name, and {@link TckRunner} runs it from a program.
 *
 * <p>System properties: {@code ocp.tck.specFloor} (default 0), the number of CommonMark spec examples
 * the {@link Conformance} check requires to pass.
 */
public abstract class OcpTck {
    private final List<OcpEngine> engines = new ArrayList<>();

    /** Constructor for subclasses. */
    protected OcpTck() {
    }

    /**
     * Creates a new engine of the implementation under test. The kit calls it many times, with memory
     * limits, leak-detection levels and listeners of its own, and closes every engine it gets.
     *
     * @param config the configuration the engine must honour
     * @return a new engine
     */
    protected abstract OcpEngine createEngine(EngineConfig config);

    /** Creates an engine with the kit's listener and the given leak-detection level; closed after the check. */
    final Subject open(LeakDetection level) {
        return open(EngineConfig.defaults().withLeakDetection(level));
    }

    /** Creates an engine from {@code config} plus the kit's listener; closed after the check. */
    final Subject open(EngineConfig config) {
        Recorder recorder = new Recorder();
        OcpEngine engine = createEngine(config.withListener(recorder));
        if (engine == null) {
            throw new AssertionError(getClass().getName() + ".createEngine returned null");
        }
        synchronized (engines) {
            engines.add(engine);
        }
        return new Subject(engine, recorder);
    }

    /** Also closed after the check: an engine the kit obtained elsewhere (the reference engine). */
    final void track(OcpEngine engine) {
        synchronized (engines) {
            engines.add(engine);
        }
    }

    @AfterEach
    final void closeEnginesOfTheCheck() {
        List<OcpEngine> toClose;
        synchronized (engines) {
            toClose = new ArrayList<>(engines);
            engines.clear();
        }
        for (OcpEngine engine : toClose) {
            engine.close();
        }
    }

    /** §4 items 1–3: the caller owns each document; close() frees it at once; nothing works after close. */
    @Nested
    public class Ownership extends OwnershipSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 4: documents dropped without close() are freed by the safety net, counted and reported once. */
    @Nested
    public class SafetyNet extends SafetyNetSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 9: engine close frees and reports open documents; a clean run ends with nothing live. */
    @Nested
    public class EngineClose extends EngineCloseSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** Arenas (engines with {@link dev.ocp.Capability#ARENAS}): many documents, one reset. */
    @Nested
    public class Arenas extends ArenaSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 5: views are zero-copy. */
    @Nested
    public class ZeroCopy extends ZeroCopySuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 6: parse limits and the engine's memory limit hold and leave nothing allocated. */
    @Nested
    public class Limits extends LimitSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 7: hostile input ends in a document or an OcpException, and leaks nothing. */
    @Nested
    public class BadInput extends BadInputSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 10: engines and documents used from many threads. */
    @Nested
    public class Concurrency extends ConcurrencySuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** Every way of handing the engine its input gives the same bytes, every time. */
    @Nested
    public class EntryPoints extends EntryPointSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** §4 item 8: byte-identical OCP to the {@code java} reference engine. */
    @Nested
    public class Differential extends DifferentialSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** The CommonMark spec examples through the HTML renderer, against a floor. */
    @Nested
    public class Conformance extends ConformanceSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** Every payload is well-formed OCP: the validator accepts it and its tree is consistent. */
    @Nested
    public class PayloadValidity extends PayloadSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }
}
