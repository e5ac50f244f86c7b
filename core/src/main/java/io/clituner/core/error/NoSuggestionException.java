package io.clituner.core.error;

/** The engine had no answer it was confident enough to give; better than a wrong command. */
public class NoSuggestionException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    public NoSuggestionException(ErrorCode code, String message) {
        super(code, message);
    }

    public NoSuggestionException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
