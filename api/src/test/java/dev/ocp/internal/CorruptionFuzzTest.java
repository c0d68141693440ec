package dev.ocp.internal;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded random corruption of valid payloads: whatever the damage, validation either accepts or throws
 * {@link OcpException} CORRUPT_PAYLOAD, and whatever it accepts can be read through every cursor accessor
 * and rendered to HTML and JSON without any exception.
 */
class CorruptionFuzzTest {
    private static final long SEED = 0x0C9_F0_2024L;
    private static final int ROUNDS = 6000;

    private static byte[][] bases() {
        Node gfm = doc(table(row(true, cell(true, ALIGN_LEFT, text("h"))), row(false, cell(false, ALIGN_RIGHT, em(text("c"))))),
                bullets(true, item(para(text("t"))).flags(FLAG_ITEM_TASK)),
                para(text("x"), node(FOOTNOTE_REFERENCE).c("1"), node(STRIKETHROUGH, text("s"))),
                node(FOOTNOTE_DEFINITION, para(text("fn"))).c("1"));
        Node newer = kitchenSink().add(para(text("a"), raw(50, text("b")).a(7), text("c")), raw(30));
        return new byte[][]{
                new PayloadBuilder().dialect(Dialect.MDX).toBytes(kitchenSink()),
                new PayloadBuilder().gfm().toBytes(gfm),
                new PayloadBuilder().minor(VERSION_MINOR + 1).dialect(Dialect.MDX).toBytes(newer),
                PayloadValidatorTest.widen(new PayloadBuilder().minor(VERSION_MINOR + 1).toBytes(kitchenSink()), 4, 8, 4),
                bytes(doc(para(text("Hi "), em(text("you"))))),
        };
    }

    @Test
    void corruptedPayloadsAreRejectedOrSafeToReadAndRender() {
        Random rnd = new Random(SEED);
        byte[][] bases = bases();
        for (byte[] base : bases) {
            PayloadValidator.validate(le(base));
        }
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] base = bases[rnd.nextInt(bases.length)];
            byte[] damaged = mutate(base, rnd);
            boolean valid;
            try {
                PayloadValidator.validate(le(damaged));
                valid = true;
            } catch (OcpException e) {
                assertEquals(OcpException.Code.CORRUPT_PAYLOAD, e.code(), e.getMessage());
                valid = false;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("round " + round + " (seed " + SEED + "): validate threw " + e, e);
            }
            if (!valid) {
                rejected++;
                continue;
            }
            accepted++;
            try (OcpDocument d = Ocp.read(le(damaged))) {
                readEverything(d.cursor());
                assertNotNull(d.toHtml());
                JsonChecker.check(d.toJson());
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("round " + round + " (seed " + SEED + "): reading an accepted payload threw "
                        + e + "\n" + hexDump(damaged), e);
            }
        }
        // Both paths must really be exercised for the test to mean anything.
        assertTrue(accepted > ROUNDS / 20, "accepted " + accepted);
        assertTrue(rejected > ROUNDS / 4, "rejected " + rejected);
    }

    /** One to four damages of different sorts, some of them keeping the header plausible. */
    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        int damages = 1 + rnd.nextInt(4);
        for (int k = 0; k < damages && b.length >= HEADER_SIZE; k++) {
            switch (rnd.nextInt(8)) {
                case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 1 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 2, 3 -> {
                    // a field of a node record, set to a value likely to confuse a reader
                    ByteBuffer x = le(b);
                    int n = x.getInt(H_NODE_COUNT);
                    int size = x.getShort(H_NODE_RECORD_SIZE) & 0xFFFF;
                    long offset = Integer.toUnsignedLong(x.getInt(H_NODE_OFFSET));
                    if (n <= 0 || n > 10_000 || size < NODE_RECORD_SIZE || offset + (long) n * size > b.length) {
                        break;
                    }
                    int i = rnd.nextInt(n);
                    int field = 4 * rnd.nextInt(size / 4);
                    int[] values = {0, 1, NONE, i - 1, i, i + 1, i + 2, n - 1, n, rnd.nextInt(), rnd.nextInt(64),
                            x.getInt(H_STRING_SIZE), x.getInt(H_STRING_SIZE) - 4, x.getInt(H_SOURCE_LENGTH)};
                    x.putInt((int) offset + i * size + field, values[rnd.nextInt(values.length)]);
                }
                case 4 -> {
                    // a kind, flags or data byte
                    ByteBuffer x = le(b);
                    int n = x.getInt(H_NODE_COUNT);
                    int size = x.getShort(H_NODE_RECORD_SIZE) & 0xFFFF;
                    long offset = Integer.toUnsignedLong(x.getInt(H_NODE_OFFSET));
                    if (n <= 0 || n > 10_000 || offset + (long) n * size > b.length) {
                        break;
                    }
                    b[(int) offset + rnd.nextInt(n) * size + rnd.nextInt(4)] = (byte) rnd.nextInt(70);
                }
                case 5 -> {
                    // a header field
                    int at = 4 * (1 + rnd.nextInt(11));
                    le(b).putInt(at, rnd.nextBoolean() ? rnd.nextInt(b.length + 8) : rnd.nextInt());
                }
                case 6 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                default -> {
                    // bytes appended: the pool or the last section may now seem longer
                    b = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                    if (rnd.nextBoolean()) {
                        le(b).putInt(H_STRING_SIZE, b.length - le(b).getInt(H_STRING_OFFSET));
                    }
                }
            }
        }
        if (b.length >= HEADER_SIZE && rnd.nextInt(3) > 0) {
            le(b).putInt(H_TOTAL_SIZE, b.length); // keep the cheapest check from hiding the interesting ones
        }
        return b;
    }

    /** Every accessor of every node; none may throw on a validated payload. */
    static void readEverything(OcpCursor c) {
        int n = c.nodeCount();
        c.dialect();
        c.sourceLength();
        for (int i = 0; i < n; i++) {
            c.moveTo(i);
            NodeKind kind = c.kind();
            c.flags();
            c.data();
            c.spanStart();
            c.spanEnd();
            c.subtreeEnd();
            c.literal();
            c.destination();
            c.title();
            c.info();
            c.label();
            c.jsxName();
            c.headingLevel();
            c.listStart();
            c.toString();
            for (int a = 0; a < c.attributeCount(); a++) {
                c.attributeKind(a);
                c.attributeName(a);
                c.attributeValue(a);
                c.attributeSpanStart(a);
                c.attributeSpanEnd(a);
            }
            if (kind == TEXT || kind == CODE_SPAN) {
                c.bytes(dev.ocp.OcpNode.Field.LITERAL);
            }
            OcpCursor walker = c.copy();
            if (walker.toFirstChild()) {
                assertEquals(i, walker.parentIndex());
                while (walker.toNextSibling()) {
                    assertEquals(i, walker.parentIndex());
                }
            }
            walker.skipSubtree();
        }
        // The walk reaches every node once, in index order, and every accessor answers on the way.
        int[] entered = {0};
        c.moveTo(0);
        c.walk(new dev.ocp.OcpVisitor() {
            @Override
            public boolean enter(dev.ocp.OcpNode node) {
                assertEquals(entered[0]++, node.index());
                node.kind();
                node.bytes(dev.ocp.OcpNode.Field.LITERAL);
                node.bytes(dev.ocp.OcpNode.Field.DESTINATION);
                node.isSetextHeading();
                node.isTightList();
                node.isChecked();
                node.isFencedCode();
                node.isTableHeader();
                node.alignment();
                node.isAutolink();
                node.frontmatterFormat();
                for (int a = 0; a < node.attributeCount(); a++) {
                    node.attributeKind(a);
                }
                return true;
            }
        });
        assertEquals(n, entered[0]);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
