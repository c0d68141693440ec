package com.sun.jna;

/**
 * Test-only stand-in in JNA's package (JNA is not on this module's class path), so that an architecture
 * fixture can depend on "com.sun.jna" and prove the JNA rule reports it. No such class exists in JNA.
 */
public final class ArchFixtureStub {
    private ArchFixtureStub() {
    }

    public static int peek() {
        return 0;
    }
}
