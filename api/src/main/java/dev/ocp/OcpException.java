package dev.ocp;

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
        /** A bug in an engine. Please report it with the input that caused it. */
        INTERNAL
    }

    /** The stable code of this failure. */
    private final Code code;

    /**
     * Creates an exception.
     *
     * @param code    the stable code
     * @param message what went wrong and, where possible, what to do about it
     */
    public OcpException(Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
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
    }

    /**
     * The stable code of this failure, for programs to switch on.
     *
     * @return the stable error code
     */
    public Code code() {
        return code;
    }

    @Override
    public String getMessage() {
        return "[" + code + "] " + super.getMessage();
    }
}
