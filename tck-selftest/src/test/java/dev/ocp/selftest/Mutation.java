package dev.ocp.selftest;

/**
 * One deliberate defect of an engine, as the TCK's self-test plants them (docs/ownership.md), or a control: an engine
 * built the same way with no defect, which must pass every check the real engine passes. Each defect is compared
 * with its {@link #control()}: it must fail exactly the checks meant to catch it and pass every other check its
 * control passes.
 */
enum Mutation {
    /** No defect: the control of the mutants built on {@link MutantEngine}. */
    NONE(Harness.MUTANT_ENGINE),
    /** The backend's free does nothing. */
    LEAK(Harness.MUTANT_ENGINE),
    /** The backend frees every payload (and arena) twice. */
    DOUBLE_FREE(Harness.MUTANT_ENGINE),
    /** A document's close() is not idempotent: closing a closed document frees its payload again. */
    RECLOSE(Harness.MUTANT_ENGINE),
    /** bytes() hands out a fresh heap copy of the payload on every call. */
    COPY(Harness.MUTANT_ENGINE),
    /** Payloads differ from the reference: one letter of a text literal changes case. Still valid OCP. */
    FLIP(Harness.MUTANT_ENGINE),
    /** Beyond the defects docs/ownership.md names: bytes() keeps working after close (a use-after-free on a native engine). */
    USE_AFTER_CLOSE(Harness.MUTANT_ENGINE),
    /** Beyond the defects docs/ownership.md names: the parser ignores the node and nesting limits it is given. */
    NO_LIMITS(Harness.MUTANT_ENGINE),
    /** Beyond the defects docs/ownership.md names: the engine ignores the configured leak-detection level and always counts. */
    LEAK_LEVEL_IGNORED(Harness.MUTANT_ENGINE),
    /** Beyond the defects docs/ownership.md names: the parser reads a ByteBuffer from index 0 instead of from its position. */
    IGNORES_POSITION(Harness.MUTANT_ENGINE),
    /**
     * Beyond the defects docs/ownership.md names: documents read their memory without a read guard (a wrapper that hides its
     * engine's), so a read overlapping a close on another thread can return the next document's bytes.
     */
    UNGUARDED_READS(Harness.MUTANT_ENGINE),
    /**
     * Beyond the defects docs/ownership.md names: the HTML of one spec example is wrong (the first CommonMark example's, one tag changed)
     * while every payload is the reference's: only the conformance check can see it.
     */
    MISRENDERS_ONE_EXAMPLE(Harness.MUTANT_ENGINE),
    /**
     * Beyond the defects docs/ownership.md names: payloads say v1.3 or later but leave out where a loose list's
     * blank lines were (the spread flags), as a parser that did not record them would. Still valid OCP; the HTML is
     * the same, but mdast's spread is wrong.
     */
    FORGETS_SPREAD(Harness.MUTANT_ENGINE),
    /**
     * Beyond the defects docs/ownership.md names: GitHub alerts come out as the block quotes they are written in (the
     * marker's line still left out), as a parser that knew the marker but not the node would make them. Still valid
     * OCP; only what reads alerts can see it.
     */
    ALERTS_READ_AS_QUOTES(Harness.MUTANT_ENGINE),
    /**
     * Beyond the defects docs/ownership.md names: a container directive's label ({@code :::tip[Title]}) comes out as
     * its first paragraph, not flagged as the label, as a parser that scanned the label but forgot to mark it would
     * make it. Still valid OCP; only what reads directives can see it.
     */
    CONTAINER_LABELS_READ_AS_PARAGRAPHS(Harness.MUTANT_ENGINE),
    /**
     * Promise 12: arenas are neither confined nor locked, and share one slot for the document a parse made, so that a
     * thread may be handed the document another thread's parse put there.
     */
    ARENA_UNCONFINED(Harness.MUTANT_ENGINE),
    /** Promise 11: the view handed out is over memory the engine recycles at close or reset. */
    VIEW_RECYCLED(Harness.MUTANT_ENGINE),
    /** Promise 13: a walk hands its visitor one node view, moved from node to node and left on the last. */
    NODE_RECYCLED(Harness.MUTANT_ENGINE),
    /** Promise 14: the engine starts a thread that is no daemon and ignores interrupts until the engine closes. */
    STUBBORN_THREAD(Harness.MUTANT_ENGINE),
    /**
     * Promise 14: the engine starts a daemon thread that stops when interrupted and ends when the engine closes, but
     * carries the context class loader of the thread that made the engine, which it keeps from being collected.
     */
    THREAD_PINS_LOADER(Harness.MUTANT_ENGINE),
    /**
     * Promise 14: the engine starts a daemon thread without a context class loader that stops when interrupted, but
     * lives on for a minute after the engine closed (a pool whose keep-alive outlasts the application).
     */
    THREAD_OUTLIVES_ENGINE(Harness.MUTANT_ENGINE),

    /** No defect: the control of the mutants written on the public API ({@link WrappedEngine}). */
    WRAPPED(Harness.WRAPPER),
    /**
     * {@code stats()} throws once the engine is closed, where it must still report what is left: the kit's
     * after-check used to take that for a check that closed its engine and skip the balance.
     */
    STATS_THROW_AFTER_CLOSE(Harness.WRAPPER),
    /**
     * Beyond the promises: a syntax error keeps its place and rule but says only "invalid MDX", so it no longer gives
     * the reason the JS toolchain gives for rejecting the same input.
     */
    SYNTAX_REASON_LOST(Harness.WRAPPER),
    /**
     * Promise 4: the safety net never fires. The engine holds every document it hands out until it is closed (as a
     * registry of open documents with strong references would), so a dropped document is never collected, freed or
     * reported.
     */
    NET_NEVER_FIRES(Harness.WRAPPER),
    /** Promise 4: the safety net frees a dropped document but tells no listener: its reports are lost. */
    NET_SILENT(Harness.WRAPPER),
    /**
     * Promise 4: the safety net reports closed documents. close() does not take a document off the net's list, so
     * whenever the net finds a dropped document it also reports, as leaks, the documents closed since it last ran.
     */
    NET_REPORTS_CLOSED(Harness.WRAPPER),
    /**
     * Promise 4: the safety net frees closed documents again. close() does not take a document off the net's list,
     * and the net does not ask whether close() freed it: whenever it finds a dropped document, it frees the documents
     * closed since it last ran a second time (the race of a close and the net, lost every time).
     */
    NET_FREES_CLOSED(Harness.WRAPPER),
    /**
     * Promises 3 and 10: a walk or a rendering counts as a read for as long as it lasts, the caller's visitor and
     * Appendable included, and close() waits for reads under way on its own thread too: a close from inside the walk
     * or the Appendable waits for itself (until the engine is closed).
     */
    CLOSE_WAITS_FOR_ITS_OWN_READ(Harness.WRAPPER),
    /**
     * Promise 10: cursor() hands out one cursor per document, moved back to the root at each call (saving an object
     * per call), so that readers on two threads move each other's cursor.
     */
    SHARED_CURSOR(Harness.WRAPPER),
    /** Promise 1: bytes() is big-endian where OCP is little-endian. */
    BIG_ENDIAN_VIEW(Harness.WRAPPER),
    /** Promise 6: maxInputBytes is exclusive: an input of exactly that many bytes is refused. */
    MAX_INPUT_OFF_BY_ONE(Harness.WRAPPER),
    /** Promise 9: a parse after engine close fails with IllegalStateException, not OcpException CLOSED. */
    CLOSED_ENGINE_THROWS_ILLEGAL_STATE(Harness.WRAPPER),
    /**
     * Promise 1: the engine, not the caller, decides when a document ends: each parse on a thread closes the
     * document that thread parsed before (as a parser reusing one output buffer per thread would).
     */
    OWNER_LOSES_DOCUMENT(Harness.WRAPPER),
    /**
     * Promise 3: a cursor is not tied to its document: it reads the payload through a view of its own, so that a
     * cursor made before close() goes on reading after it.
     */
    CURSOR_OUTLIVES_CLOSE(Harness.WRAPPER),
    /** Promise 6: the engine ignores maxInputBytes: it parses input of any size. */
    IGNORES_MAX_INPUT(Harness.WRAPPER),
    /**
     * Promise 10: parse state shared between threads: the input is copied into one buffer of the engine's and read
     * from there a little later, by which time a parse on another thread may have copied its own over it.
     */
    THREAD_UNSAFE_PARSE(Harness.WRAPPER),
    /**
     * Promise 5: bytes() hands out a fresh copy of the payload off the heap ({@code ByteBuffer.allocateDirect}) on
     * every call, so that no heap count sees it.
     */
    OFF_HEAP_COPY(Harness.WRAPPER),
    /**
     * Promise 7: the parse takes time quadratic in the input where brackets abound: from every sixteenth {@code [}
     * it looks for a closing {@code ]} as far as the end of the input (a real engine's classic blow-up).
     */
    QUADRATIC_BRACKETS(Harness.WRAPPER),
    /**
     * Promise 7: the parse takes time that grows as the input to the power 1.5 where brackets abound: from every
     * sixteenth {@code [} it looks for a closing {@code ]} as far ahead as 64 times the square root of the input's
     * size (a search bounded by a window that widens with the document, which the kit's growth limit must still see).
     */
    SUPERLINEAR_BRACKETS(Harness.WRAPPER),
    /** Promise 9: engine close frees the documents still open but tells no listener of them. */
    ENGINE_CLOSE_SILENT(Harness.WRAPPER),
    /**
     * Promise 9: engine close reports, besides the documents still open, every document closed before it (it goes
     * through every document the engine ever made, not the open ones).
     */
    ENGINE_CLOSE_REPORTS_CLOSED(Harness.WRAPPER),
    /** Promise 7: a parse of a document that starts with a long run of tabs never returns. */
    HANGS_ON_TABS(Harness.WRAPPER),

    /**
     * No defect: the control of the engines that declare CommonMark alone (and arenas), which must refuse every
     * other dialect and extension with {@code UNSUPPORTED}; written on the public API ({@link WrappedEngine}).
     */
    COMMONMARK_ONLY(Harness.COMMONMARK_WRAPPER),
    /** Beyond the promises: the engine declares CommonMark alone yet parses every dialect it is asked for. */
    PARSES_UNDECLARED_DIALECTS(Harness.COMMONMARK_WRAPPER),

    /**
     * No defect: the control of the engines that declare {@code OFF_HEAP}, a wrapper on the public API over the java
     * engine, whose parses allocate no heap in proportion to their input (its memory is pooled and reused), which is
     * all the kit can see of that capability.
     */
    DECLARES_OFF_HEAP(Harness.OFF_HEAP_WRAPPER),
    /** Promise 5: an engine that declares OFF_HEAP copies each input onto the heap before parsing it. */
    HEAP_COPY_OF_EACH_INPUT(Harness.OFF_HEAP_WRAPPER),

    /**
     * No defect: the control of the engines that declare {@code SCOPED_VIEWS}, a wrapper on the public API over the
     * ffm engine with scoped views, whose retained views throw once their document is closed.
     */
    SCOPED_VIEWS_FFM(Harness.SCOPED_WRAPPER),
    /**
     * Promise 3: the engine declares {@code SCOPED_VIEWS}, yet a view retained past {@code close()} still reads (the
     * ffm engine without scoped views underneath, whose views keep their memory while they are reachable).
     */
    VIEWS_OUTLIVE_CLOSE(Harness.SCOPED_WRAPPER),

    /** No defect: the control of the mutants written on the public SPI ({@link MutantBackend} under a StandardEngine). */
    STANDARD(Harness.STANDARD),
    /** Promise 7: the parser fails with {@code INTERNAL} on any input of 64 KiB or more. */
    INTERNAL_ON_LARGE(Harness.STANDARD),
    /** Promise 7: the parser fails with {@code INTERNAL} on any input that is not well-formed UTF-8. */
    INTERNAL_ON_INVALID_UTF8(Harness.STANDARD),
    /**
     * Promise 5: the payload the engine hands out is a copy, off the heap, of the memory it allocated and counts: one
     * copy per document, made at parse, so that every view of a document is the same (copied) memory.
     */
    VIEWS_A_DIRECT_COPY(Harness.STANDARD),
    /** Promise 6: the backend counts against the memory limit but never refuses to cross it. */
    IGNORES_MEMORY_LIMIT(Harness.STANDARD),
    /**
     * Promise 6: the memory limit holds for inputs of {@value MutantBackend#SMALL_INPUT} bytes and more only: a smaller
     * document's payload is counted but never refused, as when an engine that routes documents by size gives one
     * route no part of the limit.
     */
    LIMIT_SPARES_SMALL_DOCUMENTS(Harness.STANDARD),
    /** Promise 6: an arena takes payloads beyond its capacity (it holds far more than it says). */
    IGNORES_ARENA_CAPACITY(Harness.STANDARD),
    /**
     * Promise 6: a refused parse leaves memory allocated: the working memory the backend takes before each parse is
     * freed when the parse gives a payload, never when it fails (a limit, a syntax error, the memory limit).
     */
    LEAKS_ON_REFUSAL(Harness.STANDARD),
    /**
     * Promise 7: the payload of an input with a NUL byte is inconsistent: its header says the input was one byte
     * longer than it was (a parser that counted a terminator).
     */
    INCONSISTENT_ON_NUL(Harness.STANDARD),
    /**
     * Promise 2: payloads are freed by the garbage collector, not by close(): the backend ties each payload's memory to
     * an object the document holds, and frees it when that object is collected.
     */
    FREES_ON_GC(Harness.STANDARD),
    /** Beyond the promises: the payload's header says COMMONMARK, whatever the dialect parsed. */
    DIALECT_NOT_RECORDED(Harness.STANDARD),
    /**
     * Beyond the promises: the payload's header leaves out the HTML-comments extension (flag 0x40) that was on, as
     * a parser that read the comments but not the option's record would; a reader then cannot tell that a written
     * page needs it to be read again.
     */
    HTML_COMMENTS_NOT_RECORDED(Harness.STANDARD);

    /** How an engine of the self-test is built; each way has its control, built the same way with no defect. */
    enum Harness {
        /** {@link MutantEngine}: a {@link dev.ocp.spi.StandardEngine} over a {@link MutantBackend}, wrapped. */
        MUTANT_ENGINE,
        /** {@link WrappedEngine}: the public API around the real java engine. */
        WRAPPER,
        /** A {@link dev.ocp.spi.StandardEngine} over a {@link MutantBackend}, as built on the public SPI. */
        STANDARD,
        /** {@link WrappedEngine} declaring CommonMark alone. */
        COMMONMARK_WRAPPER,
        /** {@link WrappedEngine} declaring {@code OFF_HEAP} too. */
        OFF_HEAP_WRAPPER,
        /** {@link WrappedEngine} over the ffm engine, declaring {@code SCOPED_VIEWS}. */
        SCOPED_WRAPPER
    }

    private final Harness harness;

    Mutation(Harness harness) {
        this.harness = harness;
    }

    /** @return how the engine is built */
    Harness harness() {
        return harness;
    }

    /** @return the engine with no defect built as this one is, which the mutant is compared with */
    Mutation control() {
        switch (harness) {
            case WRAPPER:
                return WRAPPED;
            case STANDARD:
                return STANDARD;
            case COMMONMARK_WRAPPER:
                return COMMONMARK_ONLY;
            case OFF_HEAP_WRAPPER:
                return DECLARES_OFF_HEAP;
            case SCOPED_WRAPPER:
                return SCOPED_VIEWS_FFM;
            default:
                return NONE;
        }
    }

    /** @return whether this is a control, an engine with no defect */
    boolean isControl() {
        return control() == this;
    }
}
