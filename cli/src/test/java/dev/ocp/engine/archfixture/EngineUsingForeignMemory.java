package dev.ocp.engine.archfixture;

import java.lang.foreign.MemorySegment;

/** Violates "only dev.ocp.engine.ffm uses java.lang.foreign". */
public final class EngineUsingForeignMemory {
    public long size(byte[] bytes) {
        return MemorySegment.ofArray(bytes).byteSize();
    }
}
