package dev.ocp.cli;

import dev.ocp.LineIndex;
import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.OcpNode;
import dev.ocp.OcpVisitor;
import dev.ocp.ParseOptions;


/**
 * What ocp says about a file that cannot be parsed: {@code FILE:LINE:COLUMN: REASON (ocp:RULE)}, the form editors,
 * terminals and CI annotations link to the place. A syntax error has its line and column; a limit crossed has the
 * line where the engine says it was crossed ({@code FILE:LINE: …}); inline containers nested too deep have the place
 * of the first one too deep ({@link #of(String, OcpException, OcpEngine, byte[], ParseOptions)}); a limit on the
 * whole document (its size, its node count) has no place.
 */
final class Diagnostic {
    private Diagnostic() {
    }

    /**
     * @param file how to name the file
     * @param e    why it failed to parse
     * @return the one-line diagnostic
     */
    static String of(String file, OcpException e) {
        if (e.syntaxError() != null) {
            return file + ":" + e.syntaxError();
        }
        return file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.reason() + " (ocp:" + e.rule() + ")";
    }

    /**
     * As {@link #of(String, OcpException)}, and when inline containers were nested deeper than the options allow
     * (the engines do not say where), with the line and column of the first one too deep: found by parsing the source
     * again with the default inline limit, which a page that fails only the stricter limit passes, and walking it.
     * Only failures pay for the second parse.
     *
     * @param file    how to name the file
     * @param e       why it failed to parse
     * @param engine  the engine that parsed it
     * @param source  what was parsed
     * @param options how it was parsed
     * @return the one-line diagnostic
     */
    static String of(String file, OcpException e, OcpEngine engine, byte[] source, ParseOptions options) {
        int limit = options.maxInlineNesting();
        if (e.code() != OcpException.Code.LIMIT_EXCEEDED || limit >= ParseOptions.DEFAULT_MAX_INLINE_NESTING
                || !e.getMessage().contains("maxInlineNesting")) {
            return of(file, e);
        }
        int[] tooDeep = {-1};
        try (OcpDocument document = engine.parse(source,
                options.withMaxInlineNesting(ParseOptions.DEFAULT_MAX_INLINE_NESTING))) {
            int[] depth = {0};
            document.walk(new OcpVisitor() {
                @Override
                public boolean enter(OcpNode node) {
                    if (tooDeep[0] >= 0) {
                        return false;
                    }
                    if (nests(node.kind()) && ++depth[0] > limit) {
                        tooDeep[0] = node.spanStart();
                    }
                    return true;
                }

                @Override
                public void exit(OcpNode node) {
                    if (nests(node.kind())) {
                        depth[0]--;
                    }
                }
            });
        } catch (OcpException again) {
            return of(file, e); // deeper than the default too, or another limit: no place to give
        }
        if (tooDeep[0] < 0) {
            return of(file, e);
        }
        return of(file + ":" + LineIndex.of(source).position(tooDeep[0]), e);
    }

    /** The inline containers maxInlineNesting counts, as the engines count them. */
    private static boolean nests(NodeKind kind) {
        return kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG || kind == NodeKind.STRIKETHROUGH
                || kind == NodeKind.LINK || kind == NodeKind.IMAGE || kind == NodeKind.MDX_JSX_TEXT;
    }

    /**
     * @param file   how to name the file
     * @param reason why it could not be read
     * @return the one-line diagnostic
     */
    static String unreadable(String file, String reason) {
        return file + ": cannot read: " + reason + " (ocp:unreadable)";
    }
}
