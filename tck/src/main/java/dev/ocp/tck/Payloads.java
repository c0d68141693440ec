package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.spi.OcpFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks of a payload through the public API only, so that they hold for any engine and do not depend on
 * how well it parses: the header describes the input, and the node table is one tree whose links agree.
 */
final class Payloads {
    private Payloads() {
    }

    /**
     * @param doc          an open document
     * @param sourceLength the length of the input it was parsed from
     * @param dialect      the dialect it was parsed as
     * @return {@code null} if the payload is consistent, else what is wrong
     */
    static String problem(OcpDocument doc, long sourceLength, Dialect dialect) {
        try {
            return walk(doc, sourceLength, dialect);
        } catch (IndexOutOfBoundsException | OcpException e) {
            return "reading the payload failed: " + e;
        }
    }

    /**
     * @param doc an open document
     * @return {@code null} if {@link Ocp#read} accepts the payload, else the validator's objection
     */
    static String invalid(OcpDocument doc) {
        // unsafeBytes(): read while the document is open, and without making its free wait for a kept view
        try (OcpDocument read = Ocp.read(doc.unsafeBytes())) {
            return read.nodeCount() == doc.nodeCount() ? null : "the validated copy has a different node count";
        } catch (OcpException e) {
            return e.getMessage();
        }
    }

    private static String walk(OcpDocument doc, long sourceLength, Dialect dialect) {
        ByteBuffer b = doc.unsafeBytes(); // read while open; bytes() itself is held to the same by Ownership
        if (b.order() != ByteOrder.LITTLE_ENDIAN) {
            return "unsafeBytes() is " + b.order() + ", not little-endian";
        }
        if (b.position() != 0 || b.remaining() < OcpFormat.HEADER_SIZE) {
            return "unsafeBytes() has position " + b.position() + " and " + b.remaining() + " bytes remaining";
        }
        if (b.getInt(OcpFormat.H_MAGIC) != OcpFormat.MAGIC) {
            return "no OCP magic";
        }
        if (Integer.toUnsignedLong(b.getInt(OcpFormat.H_TOTAL_SIZE)) != b.limit()) {
            return "header total size " + Integer.toUnsignedLong(b.getInt(OcpFormat.H_TOTAL_SIZE))
                    + " differs from the view's " + b.limit() + " bytes";
        }
        OcpCursor c = doc.cursor();
        if (c.dialect() != dialect) {
            return "header dialect " + c.dialect() + ", parsed as " + dialect;
        }
        if (c.sourceLength() != sourceLength) {
            return "header source length " + c.sourceLength() + ", input was " + sourceLength + " bytes";
        }
        int count = c.nodeCount();
        if (c.kind() != NodeKind.DOCUMENT || c.parentIndex() != OcpFormat.NONE) {
            return "node 0 is " + c.kind() + " with parent " + c.parentIndex() + ", not the root DOCUMENT";
        }
        if (c.spanStart() != 0 || Integer.toUnsignedLong(c.spanEnd()) != sourceLength) {
            return "the root spans [" + c.spanStart() + ", " + c.spanEnd() + "), not the whole input of "
                    + sourceLength + " bytes";
        }
        // Walk the tree by its links: every node must be reached exactly once, from its recorded parent.
        boolean[] seen = new boolean[count];
        seen[0] = true;
        int visited = 1;
        int depth = 0;
        while (true) {
            int expectedParent;
            int here = c.index();
            if (c.toFirstChild()) {
                expectedParent = here;
                depth++;
            } else {
                while (true) {
                    int parentOfHere = c.parentIndex();
                    if (c.toNextSibling()) {
                        expectedParent = parentOfHere;
                        break;
                    }
                    if (depth == 0) {
                        return visited == count ? null
                                : "only " + visited + " of " + count + " nodes are reachable from the root";
                    }
                    c.toParent();
                    depth--;
                }
            }
            int node = c.index();
            if (node <= 0 || node >= count || seen[node]) {
                return "node " + node + " is reached twice or is out of range: the links do not form a tree";
            }
            seen[node] = true;
            visited++;
            if (c.parentIndex() != expectedParent) {
                return "node " + node + " records parent " + c.parentIndex() + " but is linked from the children of "
                        + expectedParent;
            }
            if (c.kind() == null) {
                return "node " + node + " has kind " + c.kindCode() + ", which OCP v1 does not define";
            }
            long start = Integer.toUnsignedLong(c.spanStart());
            long end = Integer.toUnsignedLong(c.spanEnd());
            if (start > end || end > sourceLength) {
                return "node " + node + " (" + c.kind() + ") spans [" + start + ", " + end + ") outside the input of "
                        + sourceLength + " bytes";
            }
        }
    }
}
