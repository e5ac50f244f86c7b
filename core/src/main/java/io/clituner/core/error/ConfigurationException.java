package io.clituner.core.error;

import org.jspecify.annotations.Nullable;

/** The library was configured inconsistently (missing engine, no validator on the class path, bad option). */
public class ConfigurationException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(ErrorCode code, String message) {
        super(code, message);
    }

    public ConfigurationException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(code, message, cause);
    }
}
