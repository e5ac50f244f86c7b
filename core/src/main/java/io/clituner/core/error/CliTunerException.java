package io.clituner.core.error;

import java.util.Objects;

/**
 * Root of every exception the library throws on purpose. Unchecked, with a stable {@link ErrorCode}
 * so callers can branch on the code rather than on message text.
 */
public class CliTunerException extends RuntimeException {
    private final ErrorCode code;

    public CliTunerException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public CliTunerException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
