package dev.ocp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The syntax an engine parses: the base dialects it reads, the extensions it can switch on over any of them, and the
 * {@linkplain Flavor flavors} it can read them in. {@link OcpEngine#syntax()} says it for an engine,
 * {@link ProviderInfo#syntax()} for one not yet made; a parse asking for more fails with
 * {@link OcpException.Code#UNSUPPORTED}.
 *
 * @param dialects   the base dialects it parses (an unmodifiable copy is kept)
 * @param extensions the extensions it parses over each of them (an unmodifiable copy is kept)
 * @param flavors    the readings it follows ({@link Flavor#REFERENCE} always among them; an unmodifiable copy is kept)
 */
public record Syntax(Set<Dialect> dialects, Set<Extension> extensions, Set<Flavor> flavors) {
    /** CommonMark alone: what an engine that says nothing else parses. */
    public static final Syntax COMMONMARK = new Syntax(Set.of(Dialect.COMMONMARK), Set.of());
    /** Every dialect with every extension, in every flavor: what the {@code java} engine parses. */
    public static final Syntax ALL = new Syntax(EnumSet.allOf(Dialect.class), EnumSet.allOf(Extension.class),
            EnumSet.allOf(Flavor.class));
    /**
     * What the C core's engines ({@code ffm}, {@code jna}, {@code wasm}) parse: every dialect and flavor, every
     * extension but {@link Extension#DIRECTIVE}, which only the {@code java} engine reads so far (they refuse it).
     */
    public static final Syntax C_CORE = new Syntax(EnumSet.allOf(Dialect.class),
            EnumSet.complementOf(EnumSet.of(Extension.DIRECTIVE)), EnumSet.allOf(Flavor.class));

    /**
     * Copies the sets.
     *
     * @throws IllegalArgumentException if {@code dialects} is empty or {@code flavors} lacks {@link Flavor#REFERENCE}
     */
    public Syntax {
        Objects.requireNonNull(dialects, "dialects");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(flavors, "flavors");
        if (dialects.isEmpty()) {
            throw new IllegalArgumentException("an engine parses at least one dialect");
        }
        if (!flavors.contains(Flavor.REFERENCE)) {
            throw new IllegalArgumentException("every engine reads the reference flavor");
        }
        dialects = Collections.unmodifiableSet(EnumSet.copyOf(dialects));
        extensions = extensions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(extensions));
        flavors = Collections.unmodifiableSet(EnumSet.copyOf(flavors));
    }

    /**
     * A syntax read in the {@link Flavor#REFERENCE} flavor only: what an engine that says nothing of flavors parses.
     *
     * @param dialects   the base dialects it parses
     * @param extensions the extensions it parses over each of them
     * @throws IllegalArgumentException if {@code dialects} is empty
     */
    public Syntax(Set<Dialect> dialects, Set<Extension> extensions) {
        this(dialects, extensions, Set.of(Flavor.REFERENCE));
    }

    /**
     * Whether this syntax can be read in a flavor.
     *
     * @param flavor a flavor
     * @return whether it is followed
     */
    public boolean supports(Flavor flavor) {
        return flavors.contains(flavor);
    }

    /**
     * Whether this syntax includes a dialect.
     *
     * @param dialect a base dialect
     * @return whether it is parsed
     */
    public boolean supports(Dialect dialect) {
        return dialects.contains(dialect);
    }

    /**
     * Whether this syntax includes an extension.
     *
     * @param extension an extension
     * @return whether it is parsed
     */
    public boolean supports(Extension extension) {
        return extensions.contains(extension);
    }

    /**
     * Whether a parse with these options is within this syntax: its dialect, every extension it switches on, and its
     * flavor.
     *
     * @param options what a parse asks for
     * @return whether it is parsed
     */
    public boolean supports(ParseOptions options) {
        return dialects.contains(options.dialect()) && extensions.containsAll(options.extensions())
                && flavors.contains(options.flavor());
    }
}
