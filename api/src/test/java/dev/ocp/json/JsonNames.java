package dev.ocp.json;

import dev.ocp.NodeKind;

/** The renderer's JSON type names, for the format specification's test in another package. */
public final class JsonNames {
    private JsonNames() {
    }

    /** @return the JSON {@code type} of {@code kind}, as the renderer writes it */
    public static String typeName(NodeKind kind) {
        return JsonWriter.typeName(kind);
    }
}
