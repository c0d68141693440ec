package dev.ocp.engine.ffm.archfixture;

import java.lang.foreign.MemorySegment;

/** Keeps "only dev.ocp.engine.ffm uses java.lang.foreign": it is in the ffm engine's package. */
public final class FfmUsingForeignMemory {
    public long size(byte[] bytes) {
        return MemorySegment.ofArray(bytes).byteSize();
    }
}
