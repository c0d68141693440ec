package dev.ocp;

import java.util.Locale;
import java.util.Objects;

/**
 * The one exception type of OCP. Every failure carries a stable {@link Code} that programs can switch on
 * and a message a person can act on. Codes never change meaning between releases.
 */
public class OcpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stable error codes. */
    public enum Code {
        /** The input or an argument cannot be parsed as asked (for example an unreadable file). */
        INVALID_INPUT,
        /** A {@link ParseOptions} limit (input size, nesting, node count, inline nesting) was exceeded. */
        LIMIT_EXCEEDED,
        /** The engine's memory limit would be crossed, or the platform refused memory. */
        OUT_OF_MEMORY,
        /** The engine asked for is not installed or cannot run here; the message says why. */
        ENGINE_UNAVAILABLE,
        /** The engine does not support what was asked (a dialect or a capability). */
        UNSUPPORTED,
        /** The engine or arena was already closed. */
        CLOSED,
        /** An OCP payload failed validation: it is truncated, hostile or of an unknown major version. */
        CORRUPT_PAYLOAD,
        /**
         * The input is not valid in its dialect (MDX: an unclosed JSX tag or expression, a closing tag that
         * matches no opening one, a lazy line inside JSX): {@link #syntaxError()} says where and why.
         */
        SYNTAX,
        /** A bug in an engine. Please report it with the input that caused it. */
        INTERNAL
    }

    /** The stable code of this failure. */
    private final Code code;
    /** Where and why, for {@link Code#SYNTAX}; else {@code null}. */
    private final SyntaxError syntaxError;
    /** The line of the input the failure is at, from 1, or 0 (a syntax error's is in {@link #syntaxError}). */
    private final int line;

    /**
     * Where a document breaks its dialect's syntax, and why: at a point, or over a range (a closing tag that
     * matches no opening one is reported over the whole tag, as markdown-rs does).
     *
     * @param line      the line, from 1 (lines end at LF, CR or CR LF)
     * @param column    the column, from 1, counted in bytes of UTF-8 from the line's start
     * @param endLine   where a range ends (exclusive), or 0 for a point
     * @param endColumn likewise, or 0
     * @param ruleId    what was broken, in markdown-rs's words so that it can be looked up (such as
     *                  {@code unexpected-eof}, {@code unexpected-character}, {@code unexpected-lazy},
     *                  {@code end-tag-mismatch})
     * @param reason    what was found and what was expected, for a person
     */
    public record SyntaxError(int line, int column, int endLine, int endColumn, String ruleId, String reason) {
        /** Checks the fields. */
        public SyntaxError {
            if (line < 1 || column < 1 || endLine < 0 || endColumn < 0 || (endLine == 0) != (endColumn == 0)) {
                throw new IllegalArgumentException("lines and columns count from 1 (an end of 0:0 for a point): "
                        + line + ":" + column + "-" + endLine + ":" + endColumn);
            }
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * A syntax error at a point.
         *
         * @param line   the line, from 1
         * @param column the column, from 1
         * @param ruleId what was broken
         * @param reason what was found and what was expected
         */
        public SyntaxError(int line, int column, String ruleId, String reason) {
            this(line, column, 0, 0, ruleId, reason);
        }

        /**
         * @return {@code LINE:COLUMN: REASON (ocp:RULE)}, or {@code LINE:COLUMN-LINE:COLUMN: …} for a range: the
         * form people and editors know from markdown-rs
         */
        @Override
        public String toString() {
            return line + ":" + column + (endLine == 0 ? "" : "-" + endLine + ":" + endColumn) + ": " + reason
                    + " (ocp:" + ruleId + ")";
        }
    }

    /**
     * Creates an exception.
     *
     * @param code    the stable code
     * @param message what went wrong and, where possible, what to do about it
     */
    public OcpException(Code code, String message) {
        this(code, message, 0);
    }

    /**
     * Creates an exception at a line of the input: a limit crossed there, say. The line is {@link #line()}, and
     * {@link #getMessage()} ends with it, {@code (line N)}.
     *
     * @param code    the stable code
     * @param message what went wrong, without the place
     * @param line    the line, from 1 (lines end at LF, CR or CR LF), or 0 for none
     * @throws IllegalArgumentException if {@code line} is negative
     */
    public OcpException(Code code, String message, int line) {
        super(message);
        if (line < 0) {
            throw new IllegalArgumentException("lines count from 1 (0 for none): " + line);
        }
        this.code = Objects.requireNonNull(code, "code");
        this.syntaxError = null;
        this.line = line;
    }

    /**
     * Creates a {@link Code#SYNTAX} failure; its message is the error's {@link SyntaxError#toString()}.
     *
     * @param error where the input breaks its dialect's syntax, and why
     */
    public OcpException(SyntaxError error) {
        super(error.toString());
        this.code = Code.SYNTAX;
        this.syntaxError = error;
        this.line = error.line();
    }

    /**
     * Creates an exception caused by another failure.
     *
     * @param code    the stable code
     * @param message what went wrong and, where possible, what to do about it
     * @param cause   the underlying failure
     */
    public OcpException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.syntaxError = null;
        this.line = 0;
    }

    /**
     * The stable code of this failure, for programs to switch on.
     *
     * @return the stable error code
     */
    public Code code() {
        return code;
    }

    /**
     * Where and why the input breaks its dialect's syntax.
     *
     * @return the details of a {@link Code#SYNTAX} failure, or {@code null} for any other code
     */
    public SyntaxError syntaxError() {
        return syntaxError;
    }

    /**
     * The line of the input this failure is at, for tools that point at it ({@code ocp check}, an editor): a syntax
     * error's line, or the line at which a limit was crossed where the engine knows it (block containers nested too
     * deep); 0 for a failure that has no place in the input (its size, its node count, a closed engine).
     *
     * @return the line, from 1, or 0
     */
    public int line() {
        return line;
    }

    /**
     * What went wrong, for a person, without the code and the place {@link #getMessage()} adds: a syntax error's
     * {@link SyntaxError#reason() reason}, else the message the exception was made with.
     *
     * @return the reason
     */
    public String reason() {
        return syntaxError != null ? syntaxError.reason() : super.getMessage();
    }

    /**
     * What was broken, in the words of rules ({@code unexpected-eof}, {@code limit-exceeded}): a syntax error's
     * {@link SyntaxError#ruleId() rule}, else the code's name in lower case with hyphens.
     *
     * @return the rule
     */
    public String rule() {
        return syntaxError != null ? syntaxError.ruleId() : code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String getMessage() {
        return "[" + code + "] " + super.getMessage() + (syntaxError == null && line > 0 ? " (line " + line + ")" : "");
    }
}
