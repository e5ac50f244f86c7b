package io.clituner.core.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the library throws on purpose. Unchecked, with a stable {@link ErrorCode}
 * so callers can branch on the code rather than on message text.
 */
public class CliTunerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    /** Set by the pipeline when a request fails after it was admitted, so callers can audit it. */
    private transient volatile io.clituner.core.@Nullable GenerationProvenance provenance;

    public CliTunerException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public CliTunerException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The provenance of the failed request, when the pipeline produced one. */
    /**
     * What the failed request left behind (request id, model, hashes, outcome), once the pipeline attached it: present for
     * every failure of {@code Pipeline.translate} after ingress began, and always for a {@link CommandBlockedException}.
     */
    public java.util.Optional<io.clituner.core.GenerationProvenance> provenance() {
        return java.util.Optional.ofNullable(provenance);
    }

    /** Attaches the failed request's provenance once; later calls keep the first. */
    public CliTunerException attachProvenance(io.clituner.core.GenerationProvenance failed) {
        if (this.provenance == null) {
            this.provenance = failed;
        }
        return this;
    }

    @Override
    // The code belongs in the log line; getMessage() stays the plain human message callers show.
    @SuppressWarnings("OverrideThrowableToString")
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
