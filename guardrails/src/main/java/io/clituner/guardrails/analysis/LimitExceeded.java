package io.clituner.guardrails.analysis;

/** Internal signal that the analysis budget ran out; converted to a fail-closed finding. */
final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
        super(message, null, false, false);
    }
}
