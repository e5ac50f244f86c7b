package io.clituner.guardrails.analysis;

/** Internal signal that the analysis budget ran out; converted to a fail-closed finding. */
final class LimitExceeded extends RuntimeException {
    LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
