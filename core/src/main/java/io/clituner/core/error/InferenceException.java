package io.clituner.core.error;

import org.jspecify.annotations.Nullable;

/** The inference engine failed while generating, or was used after close. */
public class InferenceException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    public InferenceException(ErrorCode code, String message) {
        super(code, message);
    }

    public InferenceException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
