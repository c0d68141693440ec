package dev.ocp.spark;

import dev.ocp.chunk.ChunkOptions;

import java.util.Arrays;
import java.util.Locale;

/**
 * The options argument of {@code ocp_chunks}: {@code key=value} pairs separated by white space, each key at most
 * once: {@code max_chars} (the cap, 2000), {@code min_chars} (merge smaller chunks, 0), {@code levels} (the heading
 * levels that start a chunk, comma-separated, {@code 1,2,3}; {@code none} for none), {@code overlap} (0, less than
 * {@code max_chars}) and
 * {@code frontmatter} ({@code metadata}, the default, or {@code content}). For example
 * {@code 'max_chars=1500 levels=1,2 overlap=200'}.
 */
final class ChunkSpec {
    private ChunkSpec() {
    }

    /**
     * @param spec the options, or null or blank for the defaults
     * @return the chunking options it says
     * @throws IllegalArgumentException naming the key or value it cannot read
     */
    static ChunkOptions parse(String spec) {
        ChunkOptions options = ChunkOptions.defaults();
        if (spec == null || spec.isBlank()) {
            return options;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : spec.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("ocp_chunks options are key=value pairs, not '" + pair + "'");
            }
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("ocp_chunks options: " + key + " given twice");
            }
            options = switch (key) {
                case "max_chars" -> options.withMaxSize(number(key, value, 1));
                case "min_chars" -> options.withMinSize(number(key, value, 0));
                case "overlap" -> options.withOverlap(number(key, value, 0));
                case "levels" -> options.withHeadingLevels(value.equalsIgnoreCase("none") ? new int[0]
                        : Arrays.stream(value.split(",")).mapToInt(l -> level(l)).toArray());
                case "frontmatter" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "metadata" -> options.withFrontmatterAsMetadata(true);
                    case "content" -> options.withFrontmatterAsMetadata(false);
                    default -> throw new IllegalArgumentException(
                            "ocp_chunks options: frontmatter is metadata or content, not '" + value + "'");
                };
                default -> throw new IllegalArgumentException("ocp_chunks options: no key '" + key
                        + "' (max_chars, min_chars, levels, overlap, frontmatter)");
            };
        }
        if (options.overlap() >= options.maxSize()) {
            throw new IllegalArgumentException("ocp_chunks options: overlap " + options.overlap()
                    + " must be less than max_chars (" + options.maxSize() + ")");
        }
        return options;
    }

    private static int level(String value) {
        int level = number("levels", value, 1);
        if (level > 6) {
            throw new IllegalArgumentException("ocp_chunks options: a heading level is 1 to 6, not " + level);
        }
        return level;
    }

    private static int number(String key, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("ocp_chunks options: " + key + " takes a whole number from " + min
                + ", not '" + value + "'");
    }
}
