package dev.ocp.tck;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON compared as values, with the first difference named by its path, so that a failing mdast comparison says
 * {@code $.children[3].position.end.column: expected 7, was 8} instead of printing two trees. Objects compare by
 * their keys regardless of order, arrays element by element, numbers by value ({@code 1} equals {@code 1.0}).
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    /**
     * The first difference between two JSON values, in document order.
     *
     * @param expected the reference
     * @param actual   the value to check
     * @return where and how they first differ, or empty if they are equal
     */
    public static Optional<String> firstDifference(JsonElement expected, JsonElement actual) {
        return Optional.ofNullable(diff("$", expected, actual));
    }

    private static String diff(String path, JsonElement expected, JsonElement actual) {
        if (expected.isJsonObject() && actual.isJsonObject()) {
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            for (String key : e.keySet()) {
                if (!a.has(key)) {
                    return path + "." + key + ": missing (expected " + brief(e.get(key)) + ")";
                }
                String inner = diff(path + "." + key, e.get(key), a.get(key));
                if (inner != null) {
                    return inner;
                }
            }
            Set<String> extra = new TreeSet<>(a.keySet());
            extra.removeAll(e.keySet());
            return extra.isEmpty() ? null : path + "." + extra.iterator().next() + ": not expected (was "
                    + brief(a.get(extra.iterator().next())) + ")";
        }
        if (expected.isJsonArray() && actual.isJsonArray()) {
            JsonArray e = expected.getAsJsonArray();
            JsonArray a = actual.getAsJsonArray();
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                String inner = diff(path + "[" + i + "]", e.get(i), a.get(i));
                if (inner != null) {
                    return inner;
                }
            }
            return e.size() == a.size() ? null : path + ": expected " + e.size() + " elements, was " + a.size();
        }
        if (expected.isJsonPrimitive() && actual.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()
                && actual.getAsJsonPrimitive().isNumber()) {
            return expected.getAsBigDecimal().compareTo(actual.getAsBigDecimal()) == 0 ? null
                    : path + ": expected " + expected + ", was " + actual;
        }
        return expected.equals(actual) ? null : path + ": expected " + brief(expected) + ", was " + brief(actual);
    }

    /** A value as JSON, cut short when long. */
    private static String brief(JsonElement value) {
        String text = value.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
