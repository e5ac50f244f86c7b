package io.clituner.inference.remote.routing;

import org.jspecify.annotations.Nullable;

/**
 * One try within a routed request: which candidate, on which engine, how it ended and how long it
 * took. The same facts go to the audit log as a {@code route.attempt} event.
 *
 * @param index     0 for the routed choice, then 1, 2… for fallbacks
 * @param target    the registry version ({@code model@1.2.0}) or {@code local}
 * @param engine    the engine that ran it ({@code remote:http://…/v1}, {@code gguf}…); null when it could not be opened
 * @param outcome   {@code returned}, {@code blocked}, {@code rejected} (the request or output failed validation) or {@code failed}
 * @param errorCode the error's code when the attempt did not return a command
 * @param micros    wall time of the attempt
 * @param requestId the pipeline's request id (ties the attempt to its generation.* event), when the pipeline ran
 */
public record RouteAttempt(
        int index,
        String target,
        @Nullable String engine,
        String outcome,
        @Nullable String errorCode,
        long micros,
        @Nullable String requestId) {
    public boolean succeeded() {
        return outcome.equals("returned");
    }
}
