package io.clituner.inference.remote.failure;

import io.clituner.core.error.InferenceException;
import org.jspecify.annotations.Nullable;

/**
 * A model server call failed. Carries the endpoint and model (never the API key), the kind of
 * failure and how many attempts were made; the pipeline attaches the request's provenance.
 */
public class RemoteInferenceException extends InferenceException {
    private static final long serialVersionUID = 1L;

    private final RemoteFailure failure;
    private final String endpoint;
    private final String model;
    private final int attempts;

    public RemoteInferenceException(
            RemoteFailure failure,
            String endpoint,
            String model,
            int attempts,
            String detail,
            @Nullable Throwable cause) {
        super(
                failure.code(),
                "model server " + endpoint + " (model " + model + "): " + detail
                        + (attempts > 1 ? " (after " + attempts + " attempts)" : ""),
                cause);
        this.failure = failure;
        this.endpoint = endpoint;
        this.model = model;
        this.attempts = attempts;
    }

    public RemoteFailure failure() {
        return failure;
    }

    public String endpoint() {
        return endpoint;
    }

    public String model() {
        return model;
    }

    public int attempts() {
        return attempts;
    }
}
