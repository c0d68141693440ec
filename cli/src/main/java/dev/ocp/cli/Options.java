package dev.ocp.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The options each command takes, with the names of their values for messages. */
final class Options {
    static final Map<String, String> NONE = Map.of();
    static final Map<String, String> NO_ALIASES = Map.of();
    static final Map<String, String> OUTPUT_ALIAS = Map.of("-o", "--output");

    /** The parse limits and the flavor (the LIMITS of the help), each with its value's name, for {@link #plus}. */
    static final String[] LIMITS = {"--max-input-bytes", "N", "--max-nesting-depth", "N", "--max-nodes", "N",
            "--max-inline-nesting", "N", "--flavor", "F"};

    private Options() {
    }

    /** @param pairs option, value name, option, value name, ...; an empty value name makes a flag */
    static Map<String, String> of(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * @param base  options of another command, which this one takes too
     * @param pairs more, as {@link #of(String...)} takes them
     * @return {@code base}'s options, then these
     */
    static Map<String, String> plus(Map<String, String> base, String... pairs) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.putAll(of(pairs));
        return map;
    }
}
