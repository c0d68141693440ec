package dev.ocp.spi;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;

/**
 * The ABI of this project's C core ({@code native/include/ocp.h}) as its Java bindings (the ffm, jna and wasm
 * engines) see it, described once: the byte layouts of the structs that cross the boundary, the status codes
 * and the {@link OcpException.Code} each stands for, and the one way {@link ParseOptions} is written into
 * {@code ocp_options}. A test of the native module parses {@code ocp.h}, computes the C layouts and holds
 * these numbers to them, so a change on one side cannot slip by.
 *
 * <p>The layouts are the same on 64-bit hosts and on wasm32: the structs are laid out so that the one pointer
 * ({@code ocp_result.payload}) is followed by padding to 8 bytes where pointers are 4 bytes wide. All values are
 * in the platform's byte order (little-endian everywhere the engines run).
 *
 * <p>Constants are named {@code STRUCT_FIELD} ({@code OPTIONS_}, {@code RESULT_}, {@code STATS_} for
 * {@code ocp_options}, {@code ocp_result} and {@code ocp_stats}), with {@code STRUCT_SIZE} for the size.
 */
public final class CoreAbi {
    private CoreAbi() {
    }

    /** {@code sizeof(ocp_options)}. */
    public static final int OPTIONS_SIZE = 32;
    /** {@code ocp_options.dialect}: u32, {@link dev.ocp.Dialect#code()}. */
    public static final int OPTIONS_DIALECT = 0;
    /** {@code ocp_options.max_nesting_depth}: u32. */
    public static final int OPTIONS_MAX_NESTING_DEPTH = 4;
    /** {@code ocp_options.max_nodes}: u32. */
    public static final int OPTIONS_MAX_NODES = 8;
    /** {@code ocp_options.max_inline_nesting}: u32. */
    public static final int OPTIONS_MAX_INLINE_NESTING = 12;
    /** {@code ocp_options.max_input_bytes}: u64. */
    public static final int OPTIONS_MAX_INPUT_BYTES = 16;
    /** {@code ocp_options.extensions}: u32, {@link ParseOptions#extensionBits()}. */
    public static final int OPTIONS_EXTENSIONS = 24;
    /** {@code ocp_options.flavor}: u32, {@link dev.ocp.Flavor#code()}. */
    public static final int OPTIONS_FLAVOR = 28;

    /** {@code sizeof(ocp_result)}. */
    public static final int RESULT_SIZE = 280;
    /** {@code ocp_result.payload}: the payload's address (8 bytes natively; 4 and 4 of padding on wasm32). */
    public static final int RESULT_PAYLOAD = 0;
    /** {@code ocp_result.length}: u64, the payload's size. */
    public static final int RESULT_LENGTH = 8;
    /** {@code ocp_result.status}: i32, {@link #OK} or a failure. */
    public static final int RESULT_STATUS = 16;
    /** {@code ocp_result.reserved}: i32, 0. */
    public static final int RESULT_RESERVED = 20;
    /** {@code ocp_result.message}: NUL-terminated UTF-8 of at most {@link #MESSAGE_CAPACITY} bytes. */
    public static final int RESULT_MESSAGE = 24;
    /** {@code OCP_MESSAGE_CAPACITY}: the size of {@code ocp_result.message}, its NUL included. */
    public static final int MESSAGE_CAPACITY = 256;

    /** {@code sizeof(ocp_stats)}. */
    public static final int STATS_SIZE = 56;
    /** {@code ocp_stats.live_allocations}: u64. */
    public static final int STATS_LIVE_ALLOCATIONS = 0;
    /** {@code ocp_stats.live_bytes}: u64. */
    public static final int STATS_LIVE_BYTES = 8;
    /** {@code ocp_stats.peak_bytes}: u64. */
    public static final int STATS_PEAK_BYTES = 16;
    /** {@code ocp_stats.allocations}: u64. */
    public static final int STATS_ALLOCATIONS = 24;
    /** {@code ocp_stats.frees}: u64. */
    public static final int STATS_FREES = 32;
    /** {@code ocp_stats.limit_bytes}: u64. */
    public static final int STATS_LIMIT_BYTES = 40;
    /** {@code ocp_stats.pressure}: u32, 0 LOW to 3 CRITICAL. */
    public static final int STATS_PRESSURE = 48;
    /** {@code ocp_stats.reserved}: u32, 0. */
    public static final int STATS_RESERVED = 52;

    /** {@code OCP_OK}: the call succeeded. */
    public static final int OK = 0;

    /** The exception code of each failing status, indexed by the status ({@code OCP_INVALID_INPUT} is 1, ...). */
    private static final OcpException.Code[] CODES = {
        null,
        OcpException.Code.INVALID_INPUT,
        OcpException.Code.LIMIT_EXCEEDED,
        OcpException.Code.OUT_OF_MEMORY,
        OcpException.Code.UNSUPPORTED,
        OcpException.Code.INTERNAL,
        OcpException.Code.SYNTAX,
    };

    /**
     * The exception code a failing status stands for: the one of the same name ({@code OCP_LIMIT_EXCEEDED} is
     * {@link OcpException.Code#LIMIT_EXCEEDED}); a status this library does not know is a bug, {@code INTERNAL}.
     *
     * @param status a status other than {@link #OK}
     * @return its exception code
     */
    public static OcpException.Code code(int status) {
        return status > 0 && status < CODES.length ? CODES[status] : OcpException.Code.INTERNAL;
    }

    /**
     * The exception for a failed call: its status's code and the C core's message.
     *
     * @param status  the status, not {@link #OK}
     * @param message the result's message
     * @return the exception to throw
     */
    public static OcpException failure(int status, String message) {
        OcpException.Code code = code(status);
        boolean known = status > 0 && status < CODES.length;
        if (code == OcpException.Code.SYNTAX) {
            OcpException.SyntaxError error = syntaxError(message);
            if (error != null) {
                return new OcpException(error);
            }
            return new OcpException(OcpException.Code.INTERNAL, "a syntax error from the C core that does not read "
                    + "LINE:COLUMN: REASON (ocp:RULE): " + message);
        }
        if (!known) {
            return new OcpException(code, "unknown status " + status + " from the C core: " + message);
        }
        // The C core names the line of a failure that has one at the end of its message, as the java engine's
        // OcpException#getMessage() does: taken off here, it is OcpException#line().
        int at = message.lastIndexOf(LINE_OPEN);
        if (at >= 0 && message.endsWith(")")) {
            String digits = message.substring(at + LINE_OPEN.length(), message.length() - 1);
            if (!digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.parseInt(digits) > 0) {
                return new OcpException(code, message.substring(0, at), Integer.parseInt(digits));
            }
        }
        return new OcpException(code, message);
    }

    /** How a C core message names its line: {@code ... (line 12)}. */
    private static final String LINE_OPEN = " (line ";

    /**
     * Reads a {@code OCP_SYNTAX} message, {@code LINE:COLUMN[-LINE:COLUMN]: REASON (ocp:RULE)} (the form of
     * {@link OcpException.SyntaxError#toString()}), back into its fields.
     *
     * @return the error, or {@code null} if the message is not of that form
     */
    static OcpException.SyntaxError syntaxError(String message) {
        int colon = message.indexOf(": ");
        int rule = message.lastIndexOf(" (ocp:");
        if (colon < 0 || rule < colon || !message.endsWith(")")) {
            return null;
        }
        String place = message.substring(0, colon);
        int dash = place.indexOf('-');
        long[] start = lineColumn(dash < 0 ? place : place.substring(0, dash));
        long[] end = dash < 0 ? new long[] {0, 0} : lineColumn(place.substring(dash + 1));
        if (start == null || end == null || start[0] < 1 || start[1] < 1 || dash >= 0 && (end[0] < 1 || end[1] < 1)) {
            return null;
        }
        return new OcpException.SyntaxError((int) start[0], (int) start[1], (int) end[0], (int) end[1],
                message.substring(rule + " (ocp:".length(), message.length() - 1), message.substring(colon + 2, rule));
    }

    private static long[] lineColumn(String text) {
        int colon = text.indexOf(':');
        try {
            return colon < 0 ? null : new long[] {Integer.parseInt(text.substring(0, colon)),
                Integer.parseInt(text.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Where a binding writes {@code ocp_options}: typically its own reusable call block, so that writing
     * allocates nothing.
     */
    public interface StructWriter {
        /**
         * Writes a 32-bit value.
         *
         * @param offset the field's offset in the struct
         * @param value  the value
         */
        void putInt(int offset, int value);

        /**
         * Writes a 64-bit value.
         *
         * @param offset the field's offset in the struct
         * @param value  the value
         */
        void putLong(int offset, long value);
    }

    /**
     * Writes every field of {@code ocp_options} from the parse options.
     *
     * @param options the parse options
     * @param out     the struct to write
     */
    public static void writeOptions(ParseOptions options, StructWriter out) {
        out.putInt(OPTIONS_DIALECT, OcpFormat.dialectCode(options));
        out.putInt(OPTIONS_MAX_NESTING_DEPTH, options.maxNestingDepth());
        out.putInt(OPTIONS_MAX_NODES, options.maxNodes());
        out.putInt(OPTIONS_MAX_INLINE_NESTING, options.maxInlineNesting());
        out.putLong(OPTIONS_MAX_INPUT_BYTES, options.maxInputBytes());
        out.putInt(OPTIONS_EXTENSIONS, options.extensionBits());
        out.putInt(OPTIONS_FLAVOR, options.flavor().code());
    }
}
