package dev.ocp.internal;

import dev.ocp.OcpException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.ocp.spi.OcpFormat.*;

/**
 * The header of a payload, read once: where the sections are. Construction checks the header itself in
 * constant time (magic, major version, record sizes, sections inside the buffer); {@link PayloadValidator}
 * checks the rest. All offsets are absolute indexes into the payload buffer.
 *
 * @param minor          the minor format version
 * @param headerSize     the header's size in bytes (48 in v1.0, larger when a later minor appends fields)
 * @param headerFlags    the header flags byte (0 in v1.0)
 * @param dialect        the dialect number
 * @param sourceLength   the source length in bytes, as an unsigned 32-bit number
 * @param nodeOffset     where the node table starts
 * @param nodeCount      how many node records it holds
 * @param nodeRecordSize the size of one node record
 * @param attrOffset     where the attribute table starts
 * @param attrCount      how many attribute records it holds
 * @param attrRecordSize the size of one attribute record
 * @param stringOffset   where the string pool starts
 * @param stringSize     the pool's size in bytes
 */
public record PayloadLayout(int minor, int headerSize, int headerFlags, int dialect, int sourceLength,
                            int nodeOffset, int nodeCount, int nodeRecordSize,
                            int attrOffset, int attrCount, int attrRecordSize, int stringOffset, int stringSize) {

    /**
     * Reads and checks the header. Offsets are absolute indexes of {@code buf} (its position is ignored).
     *
     * @param buf a view of a payload, whose first byte is index 0 (any byte order: fields are read
     *            little-endian)
     * @return its layout
     * @throws OcpException CORRUPT_PAYLOAD if the header is invalid
     */
    public static PayloadLayout of(ByteBuffer buf) {
        ByteBuffer b = buf.order() == ByteOrder.LITTLE_ENDIAN ? buf : buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = b.limit();
        if (size < HEADER_SIZE) {
            throw corrupt("payload of " + size + " bytes is shorter than the " + HEADER_SIZE + "-byte header");
        }
        if (b.getInt(H_MAGIC) != MAGIC) {
            throw corrupt("not an OCP payload (bad magic)");
        }
        int major = b.getShort(H_VERSION_MAJOR) & 0xFFFF;
        if (major != VERSION_MAJOR) {
            throw corrupt("OCP major version " + major + " is not supported; this reader reads " + VERSION_MAJOR + ".x");
        }
        int headerSize = b.getShort(H_HEADER_SIZE) & 0xFFFF;
        long total = Integer.toUnsignedLong(b.getInt(H_TOTAL_SIZE));
        if (headerSize < HEADER_SIZE || headerSize > size) {
            throw corrupt("header size " + headerSize + " is invalid");
        }
        if (total != size) {
            throw corrupt("header says " + total + " bytes but the payload has " + size);
        }
        int nodeRecordSize = b.getShort(H_NODE_RECORD_SIZE) & 0xFFFF;
        int attrRecordSize = b.getShort(H_ATTR_RECORD_SIZE) & 0xFFFF;
        if (nodeRecordSize < NODE_RECORD_SIZE || attrRecordSize < ATTR_RECORD_SIZE) {
            throw corrupt("record sizes " + nodeRecordSize + "/" + attrRecordSize + " are below v1's "
                    + NODE_RECORD_SIZE + "/" + ATTR_RECORD_SIZE);
        }
        int nodeOffset = b.getInt(H_NODE_OFFSET);
        int nodeCount = b.getInt(H_NODE_COUNT);
        int attrOffset = b.getInt(H_ATTR_OFFSET);
        int attrCount = b.getInt(H_ATTR_COUNT);
        int stringOffset = b.getInt(H_STRING_OFFSET);
        int stringSize = b.getInt(H_STRING_SIZE);
        section("node table", nodeOffset, Integer.toUnsignedLong(nodeCount) * nodeRecordSize, headerSize, size);
        section("attribute table", attrOffset, Integer.toUnsignedLong(attrCount) * attrRecordSize, headerSize, size);
        section("string pool", stringOffset, Integer.toUnsignedLong(stringSize), headerSize, size);
        if (nodeCount == 0) {
            throw corrupt("a payload has at least the document node");
        }
        // Every section lies inside a buffer of at most 2^31-1 bytes, so each offset, count and size below
        // is non-negative as an int and offset + count * recordSize cannot overflow.
        return new PayloadLayout(b.getShort(H_VERSION_MINOR) & 0xFFFF, headerSize, b.get(H_FLAGS) & 0xFF,
                b.get(H_DIALECT) & 0xFF, b.getInt(H_SOURCE_LENGTH), nodeOffset, nodeCount,
                nodeRecordSize, attrOffset, attrCount, attrRecordSize, stringOffset, stringSize);
    }

    private static void section(String what, int offset, long length, int headerSize, long size) {
        long start = Integer.toUnsignedLong(offset);
        if (start < headerSize || start + length > size) {
            throw corrupt(what + " at " + start + " (+" + length + " bytes) lies outside the payload of " + size + " bytes");
        }
    }

    /**
     * The exception for a payload that breaks the format.
     *
     * @param message what is wrong
     * @return a {@code CORRUPT_PAYLOAD} exception
     */
    public static OcpException corrupt(String message) {
        return new OcpException(OcpException.Code.CORRUPT_PAYLOAD, message);
    }

    /** Reads a little-endian u32 whatever the buffer's byte order. */
    public static int u32(ByteBuffer buf, int offset) {
        int v = buf.getInt(offset);
        return buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    /** Reads a little-endian u16 whatever the buffer's byte order. */
    public static int u16(ByteBuffer buf, int offset) {
        int v = buf.getShort(offset) & 0xFFFF;
        return buf.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v) >>> 16;
    }

    /**
     * Offset of node {@code index}'s record.
     *
     * @param index a node index in {@code 0..nodeCount-1}
     * @return the absolute offset of its record
     */
    public int record(int index) {
        return nodeOffset + index * nodeRecordSize;
    }

    /**
     * Offset of attribute record {@code index}.
     *
     * @param index an attribute index in {@code 0..attrCount-1}
     * @return the absolute offset of its record
     */
    public int attrRecord(int index) {
        return attrOffset + index * attrRecordSize;
    }

    /**
     * A string as a zero-copy slice.
     *
     * @param buf the payload
     * @param ref a string reference (offset into the pool)
     * @return a read-only slice of the string's bytes
     * @throws OcpException CORRUPT_PAYLOAD if the reference lies outside the pool
     */
    public ByteBuffer string(ByteBuffer buf, int ref) {
        long length = stringLength(buf, ref);
        int start = stringOffset + ref + 4;
        ByteBuffer slice = buf.slice(start, (int) length);
        return buf.isReadOnly() ? slice : slice.asReadOnlyBuffer();
    }

    /**
     * A string decoded from UTF-8 (each maximal ill-formed subpart becomes one U+FFFD).
     *
     * @param buf the payload
     * @param ref a string reference, or {@code NONE}
     * @return the string decoded from UTF-8, or {@code null} for {@code NONE}
     * @throws OcpException CORRUPT_PAYLOAD if the reference lies outside the pool
     */
    public String decode(ByteBuffer buf, int ref) {
        if (ref == NONE) {
            return null;
        }
        int length = (int) stringLength(buf, ref);
        return Utf8.decode(buf, stringOffset + ref + 4, length);
    }

    /**
     * The length of the string whose bytes start at {@code offset}, from the length before them: for a reader that
     * got the offset from {@code OcpNode.stringOffset}, which checked the string against the pool.
     *
     * @param payload the payload, little-endian
     * @param offset  where the string's bytes start
     * @return its length in bytes
     */
    public static int lengthOfStringAt(ByteBuffer payload, int offset) {
        return payload.getInt(offset - 4);
    }

    /**
     * The length of a string, checked against the pool.
     *
     * @param buf the payload
     * @param ref a string reference
     * @return the string's length in bytes
     * @throws OcpException CORRUPT_PAYLOAD if the string does not lie inside the pool
     */
    public long stringLength(ByteBuffer buf, int ref) {
        long r = Integer.toUnsignedLong(ref);
        long pool = Integer.toUnsignedLong(stringSize);
        if (r + 4 > pool) {
            throw corrupt("string reference " + r + " lies outside the string pool of " + pool + " bytes");
        }
        long length = Integer.toUnsignedLong(u32(buf, stringOffset + (int) r));
        if (r + 4 + length > pool) {
            throw corrupt("string at " + r + " of " + length + " bytes overruns the string pool");
        }
        return length;
    }
}
