package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Typed library errors become one line on stderr and exit code 1; anything else is a bug (exit 3). */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof CliTunerException e) {
            cmd.getErr().println("error [" + e.code() + "]: " + e.getMessage());
            return 1;
        }
        cmd.getErr().println("internal error: " + ex);
        return 3;
    }
}
