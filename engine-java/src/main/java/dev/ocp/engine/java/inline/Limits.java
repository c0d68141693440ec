package dev.ocp.engine.java.inline;

import dev.ocp.OcpException;
import dev.ocp.engine.java.InlineParser;

import java.util.Arrays;

import static dev.ocp.engine.java.InlineParser.EMPHASIS;
import static dev.ocp.engine.java.InlineParser.IMAGE;
import static dev.ocp.engine.java.InlineParser.JSX_TEXT;
import static dev.ocp.engine.java.InlineParser.LINK;
import static dev.ocp.engine.java.InlineParser.NIL;
import static dev.ocp.engine.java.InlineParser.STRIKETHROUGH;
import static dev.ocp.engine.java.InlineParser.STRONG;

/**
 * Limits: after a content is parsed, how deep emphasis, strong emphasis, strikethrough, links and images nest is
 * measured without recursion, and nesting deeper than {@code ParseOptions.maxInlineNesting()} fails the parse with
 * {@code LIMIT_EXCEEDED}, deterministically and the same way on every engine.
 *
 * <p>References: not a Markdown construct; CommonMark 0.31.2 allows implementations to impose limits (for example
 * on nested parentheses in link destinations, section 6.3); this library's {@code ParseOptions}.
 */
public final class Limits {
    private Limits() {
    }

    /** Fails if inline containers under {@code top} nest deeper than the limit; an iterative walk. */
    public static void checkNesting(InlineParser ip) {
        int depth = 0;
        int n = ip.tree.firstChild(ip.top);
        while (true) {
            if (n != NIL) {
                ip.work++;
                int k = ip.tree.kind(n);
                if (k == EMPHASIS || k == STRONG || k == STRIKETHROUGH || k == LINK || k == IMAGE || k == JSX_TEXT) {
                    if (depth + 1 > ip.maxNesting) {
                        // The words are the C core's too (the engines' messages are byte-identical); JSX
                        // elements count as well.
                        throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "emphasis, strikethrough, links, "
                                + "images and JSX elements nest deeper than maxInlineNesting " + ip.maxNesting);
                    }
                    int child = ip.tree.firstChild(n);
                    if (child != NIL) {
                        if (depth == ip.walkStack.length) {
                            ip.walkStack = Arrays.copyOf(ip.walkStack, depth * 2);
                        }
                        ip.walkStack[depth++] = n;
                        n = child;
                        continue;
                    }
                }
                n = ip.tree.nextSibling(n);
            } else {
                if (depth == 0) {
                    return;
                }
                n = ip.tree.nextSibling(ip.walkStack[--depth]);
            }
        }
    }
}
