package io.clituner.core.error;

/** The model's raw output could not be turned into a single well-formed command. */
public class OutputRejectedException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    public OutputRejectedException(ErrorCode code, String message) {
        super(code, message);
    }

    public OutputRejectedException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
