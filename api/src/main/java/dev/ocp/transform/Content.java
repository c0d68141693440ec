package dev.ocp.transform;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import dev.ocp.internal.KindSchema;
import dev.ocp.internal.KindSchema.Place;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What may stand where: which kinds a node holds (blocks, inlines, list items, rows, cells) and which kinds a syntax
 * has. Inserted and built nodes are held to it, so that a transform cannot make a tree the parsers never make and
 * the writers do not expect.
 */
final class Content {

    private final Dialect dialect;
    private final Set<Extension> extensions;

    private Content(Dialect dialect, Set<Extension> extensions) {
        this.dialect = dialect;
        this.extensions = extensions;
    }

    static Content of(ParseOptions options) {
        return new Content(options.dialect(), options.extensions());
    }

    static Content of(OcpDocument document) {
        return new Content(document.dialect(), document.extensions());
    }

    /** What the children of a node of this kind are (the kind schema's). */
    static Place holds(NodeKind kind) {
        return KindSchema.of(kind).contains();
    }

    /** Where a node of this kind stands (the kind schema's). */
    static Place standsIn(NodeKind kind) {
        return KindSchema.of(kind).standsIn();
    }

    static void checkChildren(NodeKind parent, List<Node> children) {
        for (Node child : children) {
            checkFits(parent, child.kind);
        }
    }

    static void checkFits(NodeKind parent, NodeKind child) {
        if (child == NodeKind.DOCUMENT) {
            throw new IllegalArgumentException("a document node stands in no other node");
        }
        Place holds = holds(parent);
        if (standsIn(child) != holds) {
            throw new IllegalArgumentException("a " + parent + " holds " + describe(holds) + ", not a " + child);
        }
    }

    private static String describe(Place place) {
        return switch (place) {
            case BLOCKS -> "blocks";
            case INLINES -> "inlines";
            case ITEMS -> "list items";
            case ROWS -> "table rows";
            case CELLS -> "table cells";
            case NOTHING -> "no children";
        };
    }

    /** Checks that {@code nodes} may be children of a {@code parent} in this syntax, subtrees included. */
    void checkInsert(NodeKind parent, List<Node> nodes) {
        for (Node node : nodes) {
            checkFits(parent, node.kind);
            checkSyntax(node);
        }
    }

    private void checkSyntax(Node node) {
        checkKind(node.kind, node.kind == NodeKind.LIST_ITEM && (node.flags & 1) != 0);
        if (node.kind == NodeKind.FRONTMATTER) {
            throw new IllegalArgumentException("frontmatter can only be the first block of a built document");
        }
        if (node.kind == NodeKind.HEADING && node.b != null && !extensions.contains(Extension.HEADING_IDS)) {
            throw new IllegalArgumentException("a heading's id needs the heading-ids extension; this document is "
                    + dialect + " with " + extensions);
        }
        for (Node child : node.children) {
            checkSyntax(child);
        }
    }

    /**
     * Checks a heading id: one line, no {@code }} (it would end the id early), not blank; gives it trimmed, as the
     * parsers read it from {@code {#id}}.
     */
    static String headingId(String id) {
        String value = id.strip();
        if (value.isEmpty() || value.indexOf('}') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || value.contains("{#")) {
            throw new IllegalArgumentException("a heading id is one line, not blank, without '}' or '{#': " + id);
        }
        return value;
    }

    /** Checks that the syntax has a kind; {@code task} for a task item. */
    void checkKind(NodeKind kind, boolean task) {
        KindSchema.Needs need = KindSchema.of(kind).needs();
        boolean has = switch (need) {
            case NOTHING -> true;
            case GFM -> extensions.contains(Extension.GFM);
            case FRONTMATTER -> extensions.contains(Extension.FRONTMATTER);
            case MATH -> extensions.contains(Extension.MATH);
            case ALERTS -> extensions.contains(Extension.ALERTS);
            case MDX -> dialect == Dialect.MDX;
            case DIRECTIVE -> extensions.contains(Extension.DIRECTIVE);
        };
        String needs = has ? null : need.description();
        if (task && !extensions.contains(Extension.GFM)) {
            needs = "the GFM extension";
        }
        if (needs != null) {
            throw new IllegalArgumentException("a " + (task ? "task item" : kind.toString()) + " needs " + needs
                    + "; this document is " + dialect + " with " + extensions);
        }
        if (dialect == Dialect.MDX && (kind == NodeKind.HTML_BLOCK || kind == NodeKind.HTML_INLINE)) {
            throw new IllegalArgumentException("MDX has no raw HTML (" + kind + "); use JSX");
        }
    }

    // ---- strings as the format keeps them ----

    /** A block literal as the format keeps it: LF line endings, each line ended, the last one included. */
    static String lines(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.isEmpty() || lf.endsWith("\n") ? lf : lf + "\n";
    }

    /** A code span's or inline math's content: line endings read as spaces. */
    static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    static String withoutFinalLineEnding(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.endsWith("\n") ? lf.substring(0, lf.length() - 1) : lf;
    }

    static String expression(String source) {
        int depth = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                break;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("an expression's braces must balance: " + source);
        }
        return source.replace("\r\n", "\n").replace('\r', '\n');
    }

    static void requireLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a label has a character other than whitespace");
        }
        if (label.length() > 999) {
            throw new IllegalArgumentException("a label is at most 999 characters");
        }
    }

    static void checkJsx(String name, List<Node.Attribute> attributes) {
        if (name == null) {
            if (attributes != null && !attributes.isEmpty()) {
                throw new IllegalArgumentException("a fragment (<>) has no attributes");
            }
            return;
        }
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            throw new IllegalArgumentException("not a JSX element name: '" + name + "'");
        }
    }

    /**
     * The CommonMark start condition of an HTML block, as far as a writer needs it: 1 to 5 wait for an end of their
     * own, which the Markdown writer looks for; 6 and 7 both end at a blank line and are not told apart (7).
     */
    static int htmlStartCondition(String literal) {
        String lower = literal.toLowerCase(Locale.ROOT);
        for (String tag : new String[] {"<script", "<pre", "<style", "<textarea"}) {
            if (lower.startsWith(tag) && (lower.length() == tag.length()
                    || " \t\n>".indexOf(lower.charAt(tag.length())) >= 0)) {
                return 1;
            }
        }
        if (literal.startsWith("<!--")) {
            return 2;
        }
        if (literal.startsWith("<?")) {
            return 3;
        }
        if (literal.startsWith("<![CDATA[")) {
            return 5;
        }
        if (literal.length() > 2 && literal.startsWith("<!") && Character.isLetter(literal.charAt(2))
                && literal.charAt(2) < 128) {
            return 4;
        }
        return 7;
    }
}
