package io.clituner.guardrails.internal.analysis;

/** Internal signal that the analysis budget ran out; converted to a fail-closed finding. */
final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    LimitExceeded(String message) {
        super(message, null, false, false);
        this.reason = message;
    }

    /** What ran out, for the finding's detail. */
    String reason() {
        return reason;
    }
}
