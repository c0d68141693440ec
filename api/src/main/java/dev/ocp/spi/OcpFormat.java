package dev.ocp.spi;

/**
 * The numbers of OCP v1 that a writer needs: header layout, record sizes and per-kind flag bits.
 * {@code docs/ocp-format.md} is the specification; this class only names its constants so that Java
 * writers and the reader share one definition. All multi-byte values are little-endian.
 */
public final class OcpFormat {
    private OcpFormat() {
    }

    /** First four bytes of every payload: {@code 'O' 'C' 'P' 0}, read as a little-endian int. */
    public static final int MAGIC = 0x0050434F;
    /** The major version this library reads and writes; a reader rejects any other major. */
    public static final int VERSION_MAJOR = 1;
    /** The minor version this library writes; readers accept any minor of their major. */
    public static final int VERSION_MINOR = 6;

    /** Marks an absent node link or string reference. */
    public static final int NONE = 0xFFFF_FFFF;

    // Header, at offset 0.
    /** Header size written by v1.0 and v1.1 writers. */
    public static final int HEADER_SIZE = 48;
    /** u32 magic. */
    public static final int H_MAGIC = 0;
    /** u16 major version. */
    public static final int H_VERSION_MAJOR = 4;
    /** u16 minor version. */
    public static final int H_VERSION_MINOR = 6;
    /** u16 header size in bytes. */
    public static final int H_HEADER_SIZE = 8;
    /** u8 dialect: {@link #dialectCode}. */
    public static final int H_DIALECT = 10;
    /**
     * The dialect number headers (and the C core's options) give CommonMark with the GFM extension on: a number of
     * its own since v1.0, before extensions had header flags. {@link dev.ocp.Dialect} has no constant for it.
     */
    public static final int DIALECT_GFM = 1;

    /**
     * The dialect number a payload of these options carries in its header, and the C core takes in its options:
     * the base's {@link dev.ocp.Dialect#code()}, or {@link #DIALECT_GFM} for CommonMark with {@link dev.ocp.Extension#GFM}.
     *
     * @param options what is parsed
     * @return the number
     */
    public static int dialectCode(dev.ocp.ParseOptions options) {
        return options.dialect() == dev.ocp.Dialect.COMMONMARK && options.has(dev.ocp.Extension.GFM)
                ? DIALECT_GFM : options.dialect().code();
    }
    /** u8 header flags: the extensions that were on (v1.1; 0 in v1.0). */
    public static final int H_FLAGS = 11;
    /** Header flag (v1.1): {@link dev.ocp.Extension#GFM} was on; set exactly when the dialect is {@link #DIALECT_GFM} or MDX with GFM. */
    public static final int HEADER_FLAG_GFM = 1;
    /** Header flag (v1.1): {@link dev.ocp.Extension#FRONTMATTER} was on. */
    public static final int HEADER_FLAG_FRONTMATTER = 2;
    /** Header flag (v1.1): {@link dev.ocp.Extension#MATH} was on. */
    public static final int HEADER_FLAG_MATH = 4;
    /** Header flag (v1.6): {@link dev.ocp.Extension#DIRECTIVE} was on. */
    public static final int HEADER_FLAG_DIRECTIVE = 8;
    /** Header flag (v1.6): {@link dev.ocp.Extension#ALERTS} was on. */
    public static final int HEADER_FLAG_ALERTS = 16;
    /** Header flag (v1.6): {@link dev.ocp.Extension#HEADING_IDS} was on. */
    public static final int HEADER_FLAG_HEADING_IDS = 32;
    /** Header flag (v1.6): {@link dev.ocp.Extension#HTML_COMMENTS} was on. */
    public static final int HEADER_FLAG_HTML_COMMENTS = 64;
    /** Every header flag v1.1 to v1.5 define. */
    public static final int HEADER_FLAGS_V1_1 = HEADER_FLAG_GFM | HEADER_FLAG_FRONTMATTER | HEADER_FLAG_MATH;
    /** Every header flag the minor this library writes (v1.6) defines. */
    public static final int HEADER_FLAGS_KNOWN = HEADER_FLAGS_V1_1 | HEADER_FLAG_DIRECTIVE | HEADER_FLAG_ALERTS
            | HEADER_FLAG_HEADING_IDS | HEADER_FLAG_HTML_COMMENTS;
    /** u32 total payload size in bytes. */
    public static final int H_TOTAL_SIZE = 12;
    /** u32 length of the parsed source in bytes (spans are offsets into it). */
    public static final int H_SOURCE_LENGTH = 16;
    /** u32 offset of the node table. */
    public static final int H_NODE_OFFSET = 20;
    /** u32 number of node records. */
    public static final int H_NODE_COUNT = 24;
    /** u16 size of one node record. */
    public static final int H_NODE_RECORD_SIZE = 28;
    /** u16 size of one attribute record. */
    public static final int H_ATTR_RECORD_SIZE = 30;
    /** u32 offset of the string pool. */
    public static final int H_STRING_OFFSET = 32;
    /** u32 size of the string pool in bytes. */
    public static final int H_STRING_SIZE = 36;
    /** u32 offset of the attribute table. */
    public static final int H_ATTR_OFFSET = 40;
    /** u32 number of attribute records. */
    public static final int H_ATTR_COUNT = 44;

    // Node record.
    /** Node record size written by v1.0 writers. */
    public static final int NODE_RECORD_SIZE = 36;
    /** u8 kind. */
    public static final int N_KIND = 0;
    /** u8 flags (meaning per kind). */
    public static final int N_FLAGS = 1;
    /** u16 data (meaning per kind). */
    public static final int N_DATA = 2;
    /** u32 parent index ({@link #NONE} for the root). */
    public static final int N_PARENT = 4;
    /** u32 first child index or {@link #NONE}. */
    public static final int N_FIRST_CHILD = 8;
    /** u32 next sibling index or {@link #NONE}. */
    public static final int N_NEXT_SIBLING = 12;
    /** u32 span start, a byte offset into the source. */
    public static final int N_SPAN_START = 16;
    /** u32 span end (exclusive). */
    public static final int N_SPAN_END = 20;
    /** u32 slot a (meaning per kind). */
    public static final int N_A = 24;
    /** u32 slot b (meaning per kind). */
    public static final int N_B = 28;
    /** u32 slot c (meaning per kind). */
    public static final int N_C = 32;

    // Attribute record (MDX JSX).
    /** Attribute record size written by v1.0 writers. */
    public static final int ATTR_RECORD_SIZE = 20;
    /** u8 attribute kind. */
    public static final int A_KIND = 0;
    /** u32 name string reference. */
    public static final int A_NAME = 4;
    /** u32 value string reference. */
    public static final int A_VALUE = 8;
    /** u32 span start. */
    public static final int A_SPAN_START = 12;
    /** u32 span end. */
    public static final int A_SPAN_END = 16;

    /** Attribute kind: {@code name="value"}; value is the decoded string. */
    public static final int ATTR_PLAIN = 1;
    /** Attribute kind: {@code name={expr}}; value is the expression source. */
    public static final int ATTR_EXPRESSION = 2;
    /** Attribute kind: {@code name} alone; value is {@link #NONE}. */
    public static final int ATTR_BOOLEAN = 3;
    /** Attribute kind: {@code {...spread}}; name is {@link #NONE}, value is the expression source. */
    public static final int ATTR_SPREAD = 4;

    // Flags, per kind.
    /** HEADING: written as a setext heading. */
    public static final int FLAG_HEADING_SETEXT = 1;
    /** LIST: ordered. */
    public static final int FLAG_LIST_ORDERED = 1;
    /** LIST: tight (no blank lines between or inside items). */
    public static final int FLAG_LIST_TIGHT = 2;
    /** LIST (v1.3): a blank line separates two of its items (mdast's {@code spread} of the list). */
    public static final int FLAG_LIST_SPREAD = 4;
    /** LIST_ITEM: GFM task-list item. */
    public static final int FLAG_ITEM_TASK = 1;
    /** LIST_ITEM: task checked. */
    public static final int FLAG_ITEM_CHECKED = 2;
    /** LIST_ITEM (v1.3): a blank line separates two of its children (mdast's {@code spread} of the item). */
    public static final int FLAG_ITEM_SPREAD = 4;
    /** CODE_BLOCK: fenced (else indented). */
    public static final int FLAG_CODE_FENCED = 1;
    /**
     * CODE_BLOCK (v1.3, fenced only): the block ended without its closing fence, with its container or the document.
     */
    public static final int FLAG_CODE_UNCLOSED = 2;
    /** MATH_BLOCK (v1.3): the block ended without its closing fence. */
    public static final int FLAG_MATH_UNCLOSED = 1;
    /**
     * HTML_BLOCK (v1.4, start conditions 1 to 5 only): the block ended without its condition's end marker, with its
     * container or the document.
     */
    public static final int FLAG_HTML_UNCLOSED = 1;
    /**
     * PARAGRAPH (v1.6): the label of a CONTAINER_DIRECTIVE ({@code :::name[label]}), its first child; mdast's
     * paragraph with {@code data.directiveLabel}.
     */
    public static final int FLAG_PARAGRAPH_DIRECTIVE_LABEL = 1;
    /** TABLE_ROW and TABLE_CELL: in the header row. */
    public static final int FLAG_TABLE_HEADER = 1;
    /** LINK: an autolink written in angle brackets. */
    public static final int FLAG_LINK_AUTOLINK = 1;
    /** LINK: a GFM autolink literal. */
    public static final int FLAG_LINK_LITERAL = 2;
    /**
     * LINK and IMAGE (v1.2): bits 2–3, how a reference link was written; 0 for an inline link or an autolink. Slot
     * c then holds the reference's label as written.
     */
    public static final int FLAG_REFERENCE_MASK = 12;
    /** LINK and IMAGE (v1.2): a full reference, {@code [text][label]}. */
    public static final int FLAG_REFERENCE_FULL = 4;
    /** LINK and IMAGE (v1.2): a collapsed reference, {@code [label][]}. */
    public static final int FLAG_REFERENCE_COLLAPSED = 8;
    /** LINK and IMAGE (v1.2): a shortcut reference, {@code [label]}. */
    public static final int FLAG_REFERENCE_SHORTCUT = 12;

    /** TABLE_CELL data: no alignment. */
    public static final int ALIGN_NONE = 0;
    /** TABLE_CELL data: left. */
    public static final int ALIGN_LEFT = 1;
    /** TABLE_CELL data: center. */
    public static final int ALIGN_CENTER = 2;
    /** TABLE_CELL data: right. */
    public static final int ALIGN_RIGHT = 3;

    /** FRONTMATTER data: YAML ({@code ---}). */
    public static final int FRONTMATTER_YAML = 1;
    /** FRONTMATTER data: TOML ({@code +++}). */
    public static final int FRONTMATTER_TOML = 2;

    /**
     * Checks that a payload is valid (format section 9) and in the canonical layout every writer must produce
     * (section 8): what an engine's own tests, and the kit, hold its payloads to.
     *
     * @param payload the payload, from index 0 to its limit
     * @throws dev.ocp.OcpException {@code CORRUPT_PAYLOAD} naming the first rule broken
     */
    public static void validateCanonical(java.nio.ByteBuffer payload) {
        dev.ocp.internal.PayloadValidator.validateCanonical(
                payload.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN));
    }
}
