package dev.ocp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A syntax extension switched on over a base dialect ({@link Dialect#COMMONMARK} or {@link Dialect#MDX}),
 * independently of the others, as markdown-rs's constructs and remark's plugins are. Which extensions were
 * on is recorded in the payload header (its flags byte), so a reader knows which node kinds it may meet.
 */
public enum Extension {
    /** GitHub Flavored Markdown: tables, strikethrough, autolink literals, task-list items and footnotes. */
    GFM(1, "gfm"),
    /** YAML ({@code ---}) or TOML ({@code +++}) frontmatter as the very first construct of a document. */
    FRONTMATTER(2, "frontmatter"),
    /** Math: {@code $$} blocks and {@code $…$} inline math. */
    MATH(4, "math"),
    /**
     * Generic directives, as micromark-extension-directive reads them: text ({@code :name[label]{attributes}}),
     * leaf ({@code ::name[label]{attributes}} on a line of its own) and container ({@code :::name} up to a closing
     * fence) directives; Docusaurus writes its admonitions with them.
     */
    DIRECTIVE(8, "directive"),
    /**
     * GitHub's alerts: a block quote at the top of the document whose first line is {@code [!NOTE]},
     * {@code [!TIP]}, {@code [!IMPORTANT]}, {@code [!WARNING]} or {@code [!CAUTION]} alone (any case), with
     * something after it, becomes an {@link NodeKind#ALERT} (format v1.6).
     */
    ALERTS(16, "alerts"),
    /**
     * Explicit heading ids, as Docusaurus writes them: {@code {#id}} ending an ATX or setext heading is the heading's
     * id ({@link OcpNode#headingId()}), not part of its text (format v1.6). In MDX it is read before an expression.
     */
    HEADING_IDS(32, "heading-ids"),
    /**
     * HTML comments in MDX, as Docusaurus reads them (its {@code markdown.mdx1Compat.comments}, on by default):
     * {@code <!-- ... -->} where MDX would start JSX is an {@link NodeKind#HTML_BLOCK} on lines of its own (it ends
     * on the line that holds {@code -->}) and an {@link NodeKind#HTML_INLINE} in text, as in CommonMark; MDX alone
     * rejects it. The other dialects read HTML comments already, so there it changes nothing.
     */
    HTML_COMMENTS(64, "html-comments");

    private final int bit;
    private final String id;

    Extension(int bit, String id) {
        this.bit = bit;
        this.id = id;
    }

    /**
     * The extension's bit in the payload header's flags byte and in the C core's options.
     *
     * @return a single bit
     */
    public int bit() {
        return bit;
    }

    /**
     * The extension's name in lower case, as the command line and the JSON rendering write it.
     *
     * @return {@code gfm}, {@code frontmatter}, {@code math}, {@code directive}, {@code alerts},
     *         {@code heading-ids} or {@code html-comments}
     */
    public String id() {
        return id;
    }

    /**
     * Looks an extension up by its {@link #id()}, ignoring case.
     *
     * @param id a name such as {@code gfm}
     * @return the extension
     * @throws IllegalArgumentException naming the known extensions if none has that name
     */
    public static Extension byId(String id) {
        for (Extension e : values()) {
            if (e.id.equalsIgnoreCase(id.strip())) {
                return e;
            }
        }
        StringJoiner known = new StringJoiner(", ");
        for (Extension e : values()) {
            known.add(e.id);
        }
        throw new IllegalArgumentException("unknown extension '" + id + "'; known: " + known);
    }

    /**
     * The bits of a set of extensions, or-ed together.
     *
     * @param extensions the extensions
     * @return their bits
     */
    public static int bits(Set<Extension> extensions) {
        int bits = 0;
        for (Extension e : extensions) {
            bits |= e.bit;
        }
        return bits;
    }

    /**
     * The extensions whose bits are set; other bits are ignored.
     *
     * @param bits or-ed extension bits
     * @return an unmodifiable set of the extensions
     */
    public static Set<Extension> fromBits(int bits) {
        return BY_BITS[bits & (BY_BITS.length - 1)];
    }

    /**
     * Every set {@link #fromBits} can give, by its bits: a renderer asks for a document's extensions on every call,
     * and building the set each time was a visible part of rendering a small document.
     */
    private static final Set<Extension>[] BY_BITS = bySets();

    @SuppressWarnings("unchecked")
    private static Set<Extension>[] bySets() {
        Extension[] all = values();
        int mask = 0;
        for (Extension e : all) {
            mask |= e.bit;
        }
        // The bits are distinct powers of two, so the largest set's bits index the last entry.
        Set<Extension>[] sets = new Set[Integer.highestOneBit(mask) << 1];
        for (int bits = 0; bits < sets.length; bits++) {
            EnumSet<Extension> set = EnumSet.noneOf(Extension.class);
            for (Extension e : all) {
                if ((bits & e.bit) != 0) {
                    set.add(e);
                }
            }
            sets[bits] = Collections.unmodifiableSet(set);
        }
        return sets;
    }
}
