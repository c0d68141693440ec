package dev.ocp.tck;

import dev.ocp.LeakDetection;
import dev.ocp.MemoryStats;
import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

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
 * <p>The kit brings what its checks read (the CommonMark and GFM spec files); the {@link Differential} checks
 * compare with the reference engine {@code java}, found through the SPI at run time: add
 * {@code dev.ocp:ocp-engine-java} as a test dependency beside the kit.
 */
@SuppressWarnings("missing-explicit-ctor") // the nested suites are made by JUnit, never by users
@Timeout(value = OcpTck.LONGEST_CHECK_MINUTES, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class OcpTck {
    /**
     * The most minutes any check may take before it fails as hung: a check runs in a thread of its own, so that an
     * engine that never returns fails the check instead of hanging the build. The checks of hostile input allow far
     * less (30 seconds each), and so does the check of a close from inside a walk (10); the longest of the others,
     * the comparison of many generated documents with the reference engine, takes seconds to a few minutes.
     */
    static final long LONGEST_CHECK_MINUTES = 15;

    /** The engines of the current check, kit-made ones with their listener ({@code null} for tracked ones). */
    private final List<Subject> engines = new ArrayList<>();
    /** Engines whose check leaves documents open or drops them on purpose (the safety net's checks, ...). */
    private final Set<OcpEngine> leftoversExpected = Collections.newSetFromMap(new IdentityHashMap<>());

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
        Subject subject = new Subject(engine, recorder);
        synchronized (engines) {
            engines.add(subject);
        }
        return subject;
    }

    /** Also checked and closed after the check: an engine the kit obtained elsewhere (the reference engine). */
    final void track(OcpEngine engine) {
        synchronized (engines) {
            engines.add(new Subject(engine, null));
        }
    }

    /**
     * Says that the check leaves documents of this engine open, or drops them, on purpose: the after-check
     * balance below does not apply to it (the check asserts what it expects itself).
     */
    final void expectLeftovers(Subject s) {
        synchronized (engines) {
            leftoversExpected.add(s.engine());
        }
    }

    /**
     * After every check, as Netty's buffer tests do: each engine the check used must have heard of no leak and
     * hold no live document (everything the check parsed was closed); then every engine is closed, and must then
     * hold no live byte. Live bytes are looked at after the engine's close because memory that a view kept by the
     * caller holds (docs/ownership.md, promise 11) is the engine's until the view is garbage, on engines whose memory
     * cannot move, or until the engine moves its memory, which its close does: the check's views are garbage by now,
     * and the collector gets a moment to find them. A check fails here when it passed its own assertions but left
     * something behind, or when an engine's {@code stats()} throws (it must answer after engine close too).
     */
    @AfterEach
    final void closeEnginesOfTheCheck() {
        List<Subject> used;
        Set<OcpEngine> exempt;
        synchronized (engines) {
            used = new ArrayList<>(engines);
            exempt = Set.copyOf(leftoversExpected);
            engines.clear();
            leftoversExpected.clear();
        }
        List<String> problems = new ArrayList<>();
        List<Subject> balanced = new ArrayList<>();
        for (Subject s : used) {
            if (exempt.contains(s.engine())) {
                continue;
            }
            MemoryStats stats = statsOrProblem(s, problems);
            if (stats == null) {
                continue;
            }
            int heard = s.heard() == null ? 0 : s.heard().leaks().size();
            if (heard > 0 || stats.leakedDocuments() > 0) {
                problems.add("engine '" + s.engine().name() + "' reported " + Math.max(heard,
                        stats.leakedDocuments()) + " leaked document(s)"
                        + (heard > 0 ? "; the first: " + s.heard().leaks().get(0) : ""));
            }
            if (stats.liveDocuments() != 0) {
                problems.add("engine '" + s.engine().name() + "' still holds " + stats.liveDocuments()
                        + " document(s) after the check: " + stats);
            }
            balanced.add(s);
        }
        for (Subject s : used) {
            s.engine().close();
        }
        // One wait for every engine of the check, not one each: a check that made thirty engines of a leaking one
        // would otherwise wait thirty times.
        Gc.settle(() -> {
            long off = 0;
            for (Subject s : balanced) {
                MemoryStats now = statsOrProblem(s, null);
                off += now == null ? 0 : Math.abs(now.liveBytes());
            }
            return off;
        });
        for (Subject s : balanced) {
            MemoryStats after = statsOrProblem(s, problems);
            if (after != null && after.liveBytes() != 0) {
                problems.add("engine '" + s.engine().name() + "' still holds " + after.liveBytes()
                        + " byte(s) after the check and its close, and after the garbage collector ran: " + after);
            }
        }
        if (!problems.isEmpty()) {
            fail("after the check: " + String.join("; ", problems));
        }
    }

    /**
     * The engine's stats, or {@code null} after noting in {@code problems} (unless null) that {@code stats()} threw:
     * it must answer after engine close too (the EngineClose checks read it), and an engine that throws would
     * otherwise hide whatever it left behind.
     */
    private static MemoryStats statsOrProblem(Subject s, List<String> problems) {
        try {
            return s.engine().stats();
        } catch (RuntimeException e) {
            if (problems != null) {
                problems.add("engine '" + s.engine().name() + "': stats() threw " + e + ", so what the check left"
                        + " behind cannot be counted");
            }
            return null;
        }
    }

    /** promises 1–3 (docs/ownership.md): the caller owns each document; close() frees it at once; nothing works after close. */
    @Nested
    public class Ownership extends OwnershipSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** promise 4 (docs/ownership.md): documents dropped without close() are freed by the safety net, counted and reported once. */
    @Nested
    public class SafetyNet extends SafetyNetSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** promise 9 (docs/ownership.md): engine close frees and reports open documents; a clean run ends with nothing live. */
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

    /** promise 5 (docs/ownership.md): views are zero-copy. */
    @Nested
    public class ZeroCopy extends ZeroCopySuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** promise 6 (docs/ownership.md): parse limits and the engine's memory limit hold and leave nothing allocated. */
    @Nested
    public class Limits extends LimitSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** promise 7 (docs/ownership.md): hostile input ends in a document or an OcpException, and leaks nothing. */
    @Nested
    public class BadInput extends BadInputSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** promise 10 (docs/ownership.md): engines and documents used from many threads. */
    @Nested
    public class Concurrency extends ConcurrencySuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /**
     * Safe by construction (docs/ownership.md, promises 11 to 13): views kept past close or reset, arenas handed to
     * other threads and nodes kept from a walk end in an exception or the right answer.
     */
    @Nested
    public class Misuse extends MisuseSuite {
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

    /** promise 8 (docs/ownership.md): byte-identical OCP to the {@code java} reference engine. */
    @Nested
    public class Differential extends DifferentialSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** The spec examples through the HTML renderer, one test each, for every dialect the engine declares. */
    @Nested
    public class Conformance extends ConformanceSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** Markdown written back parses to the same document, and writing it again changes nothing. */
    @Nested
    public class MarkdownOutput extends MarkdownSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** Transforms of the engine's documents: valid, canonical, the same from every engine, and they round-trip. */
    @Nested
    public class Transforms extends TransformSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** mdast equal to the JS toolchain's on the kit's inputs, and strict JSON whatever the input. */
    @Nested
    public class Mdast extends MdastSuite {
        @Override
        OcpTck kit() {
            return OcpTck.this;
        }
    }

    /** issue 59: chunks for language models never cut a code block, a table row or a list item, stay under the cap, cover the document in order, and parse on their own to the HTML of their part of it. */
    @Nested
    public class Chunks extends ChunkSuite {
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
