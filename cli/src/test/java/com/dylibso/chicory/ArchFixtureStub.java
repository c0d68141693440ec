package com.dylibso.chicory;

/**
 * Test-only stand-in in Chicory's package (Chicory is not on this module's class path), so that an
 * architecture fixture can depend on "com.dylibso.chicory" and prove the Chicory rule reports it.
 */
public final class ArchFixtureStub {
    private ArchFixtureStub() {
    }

    public static int instantiate() {
        return 0;
    }
}
