package io.clituner.core.error;

/** A model file is missing, unreadable, truncated, corrupt or of an unsupported format; raised before native code sees it. */
public class ModelFileException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(ErrorCode code, String message) {
        super(code, message);
    }

    public ModelFileException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
