package dev.ocp.spark;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.ModelType;
import dev.ocp.chunk.ChunkOptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The chunking options of {@code ocp_chunks} (its last argument) and of the data sources' {@code chunks} column (their
 * {@code chunks} option): {@code key=value} pairs separated by white space, each key at most once: {@code max_chars}
 * (the cap, 2000) or {@code max_tokens} (the cap in tokens, counted by JTokkit with the encoding {@code tokenizer}
 * names: {@code cl100k_base} by default, {@code o200k_base} and the others, or a model such as {@code gpt-4o}),
 * {@code min_size} (merge smaller chunks, 0), {@code levels} (the heading levels that start a chunk, comma-separated,
 * {@code 1,2,3}; {@code none} for none), {@code overlap} (0, less than the cap) and {@code frontmatter}
 * ({@code metadata}, the default, or {@code content}). With {@code max_tokens}, {@code min_size} and {@code overlap}
 * count tokens too, as {@code ocp chunk}'s do. For example {@code 'max_tokens=512 levels=1,2 overlap=64'}.
 */
final class ChunkSpec {
    private ChunkSpec() {
    }

    /** Where options come from, as a message names it: the function's argument, the data source's option. */
    static final String FUNCTION = "ocp_chunks options";
    static final String SOURCE_OPTION = "the chunks option";

    /** The encoding {@code max_tokens} counts with when {@code tokenizer} names none: GPT-4's and its embeddings'. */
    static final String DEFAULT_TOKENIZER = "cl100k_base";

    /**
     * @param spec  the options, or null or blank for the defaults
     * @param where what gave them, to begin a message with: {@link #FUNCTION} or {@link #SOURCE_OPTION}
     * @return the chunking options it says
     * @throws IllegalArgumentException naming the key or value it cannot read
     */
    static ChunkOptions parse(String spec, String where) {
        ChunkOptions options = ChunkOptions.defaults();
        if (spec == null || spec.isBlank()) {
            return options;
        }
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (String pair : spec.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": '" + pair + "' is not a key=value pair");
            }
            String key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1);
            if (given.put(key, value) != null) {
                throw new IllegalArgumentException(where + ": " + key + " given twice");
            }
            options = switch (key) {
                case "max_chars", "max_tokens" -> options.withMaxSize(number(where, key, value, 1));
                case "tokenizer" -> options;
                case "min_size" -> options.withMinSize(number(where, key, value, 0));
                case "overlap" -> options.withOverlap(number(where, key, value, 0));
                case "levels" -> options.withHeadingLevels(value.equalsIgnoreCase("none") ? new int[0]
                        : Arrays.stream(value.split(",")).mapToInt(l -> level(where, l)).toArray());
                case "frontmatter" -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "metadata" -> options.withFrontmatterAsMetadata(true);
                    case "content" -> options.withFrontmatterAsMetadata(false);
                    default -> throw new IllegalArgumentException(
                            where + ": frontmatter is metadata or content, not '" + value + "'");
                };
                default -> throw new IllegalArgumentException(where + ": no key '" + key
                        + "' (max_chars, max_tokens, tokenizer, min_size, levels, overlap, frontmatter)");
            };
        }
        String cap = "max_chars";
        if (given.containsKey("max_tokens")) {
            if (given.containsKey("max_chars")) {
                throw new IllegalArgumentException(where + ": max_chars and max_tokens are two caps; give one");
            }
            cap = "max_tokens";
            options = options.withMeasure(tokenCounter(where, given.get("tokenizer")));
        } else if (given.containsKey("tokenizer")) {
            throw new IllegalArgumentException(where + ": tokenizer names how max_tokens counts; give max_tokens");
        }
        if (options.overlap() >= options.maxSize()) {
            throw new IllegalArgumentException(where + ": overlap " + options.overlap() + " must be less than " + cap
                    + " (" + options.maxSize() + ")");
        }
        return options;
    }

    /** The encodings, each loaded once per JVM when first counted with (the registry keeps them; they are immutable). */
    private static final class Tokenizers {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }

    /**
     * JTokkit's count of the encoding or model named (null for {@link #DEFAULT_TOKENIZER}). The name is checked here,
     * but the encoding is loaded only when the count first runs: a query's options are read on the driver to check
     * them, where nothing is counted, and again in each task.
     */
    private static java.util.function.ToIntFunction<String> tokenCounter(String where, String name) {
        String wanted = name == null ? DEFAULT_TOKENIZER : name.trim();
        Optional<EncodingType> type = EncodingType.fromName(wanted)
                .or(() -> ModelType.fromName(wanted).map(ModelType::getEncodingType));
        if (type.isEmpty()) {
            throw new IllegalArgumentException(where + ": no tokenizer named '" + wanted + "' (encodings: "
                    + String.join(", ", Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList())
                    + "; or a model name such as gpt-4o)");
        }
        return new TokenCount(type.get());
    }

    /** The tokens of an encoding in a text, the encoding taken from the registry at the first count. */
    static final class TokenCount implements java.util.function.ToIntFunction<String> {
        private final EncodingType type;
        private volatile Encoding encoding;

        TokenCount(EncodingType type) {
            this.type = type;
        }

        @Override
        public int applyAsInt(String text) {
            Encoding counter = encoding;
            if (counter == null) {
                counter = Tokenizers.REGISTRY.getEncoding(type);
                encoding = counter;
            }
            return counter.countTokensOrdinary(text);
        }

        /** Whether the encoding was taken from the registry: not before the first count. */
        boolean loaded() {
            return encoding != null;
        }
    }

    private static int level(String where, String value) {
        int level = number(where, "levels", value, 1);
        if (level > 6) {
            throw new IllegalArgumentException(where + ": a heading level is 1 to 6, not " + level);
        }
        return level;
    }

    private static int number(String where, String key, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(where + ": " + key + " takes a whole number from " + min
                + ", not '" + value + "'");
    }
}
