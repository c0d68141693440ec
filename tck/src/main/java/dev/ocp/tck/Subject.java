package dev.ocp.tck;

import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;

import java.util.List;

/**
 * An engine under test and what it told the kit.
 *
 * @param engine the engine (closed by the kit after each check)
 * @param heard  the kit's listener on it
 */
record Subject(OcpEngine engine, Recorder heard) {

    MemoryStats stats() {
        return engine.stats();
    }

    List<LeakReport> leaks() {
        return heard.leaks();
    }

    OcpDocument parse(byte[] input) {
        return engine.parse(input, ParseOptions.defaults());
    }

    OcpDocument parse(String input) {
        return engine.parse(input, ParseOptions.defaults());
    }
}
