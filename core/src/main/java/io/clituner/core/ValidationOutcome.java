package io.clituner.core;

/** How a request ended; recorded in provenance, metrics and the audit log. */
public enum ValidationOutcome {
    RETURNED,
    BLOCKED,
    REJECTED_INGRESS,
    REJECTED_OUTPUT,
    NO_SUGGESTION,
    ENGINE_FAILED
}
