package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Typed library errors become one line on stderr (with advice where the CLI can offer some). Exit 2
 * when the input is at fault (the query, a model or key file, a policy or an option value), so that
 * commands whose exit 1 is an answer ({@code check}: dangerous, {@code drift}: drift found,
 * {@code audit verify}: damaged) never report bad input as that answer; exit 1 for every other
 * typed failure; anything else is a bug (exit 3).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int REFUSED = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 3;

    /** Error codes that mean "what you gave me is wrong". */
    static final Set<ErrorCode> INPUT_ERRORS = EnumSet.of(
            ErrorCode.INVALID_REQUEST,
            ErrorCode.QUERY_EMPTY,
            ErrorCode.QUERY_TOO_SHORT,
            ErrorCode.QUERY_TOO_LONG,
            ErrorCode.CONTROL_CHARACTER,
            ErrorCode.UNPAIRED_SURROGATE,
            ErrorCode.UNSUPPORTED_SHELL,
            ErrorCode.MODEL_NOT_FOUND,
            ErrorCode.MODEL_CORRUPT,
            ErrorCode.MODEL_TRUNCATED,
            ErrorCode.MODEL_UNSUPPORTED,
            ErrorCode.ENGINE_NOT_FOUND,
            ErrorCode.CONFIGURATION,
            ErrorCode.POLICY_INVALID,
            ErrorCode.KEY_ERROR,
            ErrorCode.DRIFT_CONFIG);

    static int exitCode(CliTunerException e) {
        return INPUT_ERRORS.contains(e.code()) ? BAD_INPUT : REFUSED;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof CliTunerException e) {
            cmd.getErr().println("error [" + e.code() + "]: " + e.getMessage());
            Advice.forError(e).ifPresent(a -> cmd.getErr().println("hint: " + a));
            return exitCode(e);
        }
        if (ex instanceof CommandLine.ParameterException pe) {
            cmd.getErr().println(pe.getMessage());
            return BAD_INPUT;
        }
        cmd.getErr().println("internal error: " + ex);
        return INTERNAL;
    }
}
