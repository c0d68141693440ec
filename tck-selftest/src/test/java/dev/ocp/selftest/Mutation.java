package dev.ocp.selftest;

/** One deliberate defect of an engine, as the TCK's self-test plants them (docs/ownership.md). */
enum Mutation {
    /** No defect: the control, which must pass everything the real engine passes. */
    NONE,
    /** The backend's free does nothing. */
    LEAK,
    /** The backend frees every payload (and arena) twice. */
    DOUBLE_FREE,
    /** A document's close() is not idempotent: closing a closed document frees its payload again. */
    RECLOSE,
    /** bytes() hands out a fresh heap copy of the payload on every call. */
    COPY,
    /** Payloads differ from the reference: one letter of a text literal changes case. Still valid OCP. */
    FLIP,
    /** Beyond the defects docs/ownership.md names: bytes() keeps working after close (a use-after-free on a native engine). */
    USE_AFTER_CLOSE,
    /** Beyond the defects docs/ownership.md names: the parser ignores the node and nesting limits it is given. */
    NO_LIMITS,
    /** Beyond the defects docs/ownership.md names: the engine ignores the configured leak-detection level and always counts. */
    LEAK_LEVEL_IGNORED,
    /** Beyond the defects docs/ownership.md names: the parser reads a ByteBuffer from index 0 instead of from its position. */
    IGNORES_POSITION,
    /**
     * Beyond the defects docs/ownership.md names: documents read their memory without a read guard (a wrapper that hides its
     * engine's), so a read overlapping a close on another thread can return the next document's bytes.
     */
    UNGUARDED_READS,
    /**
     * Beyond the defects docs/ownership.md names: the HTML of one spec example is wrong (the first CommonMark example's, one tag changed)
     * while every payload is the reference's: only the conformance check can see it.
     */
    MISRENDERS_ONE_EXAMPLE,
    /**
     * Promise 12: arenas are neither confined nor locked, and share one slot for the document a parse made, so that a
     * thread may be handed the document another thread's parse put there.
     */
    ARENA_UNCONFINED,
    /** Promise 11: the view handed out is over memory the engine recycles at close or reset. */
    VIEW_RECYCLED,
    /** Promise 13: a walk hands its visitor one node view, moved from node to node and left on the last. */
    NODE_RECYCLED,
    /** Promise 14: the engine starts a thread that is no daemon and ignores interrupts until the engine closes. */
    STUBBORN_THREAD
}
