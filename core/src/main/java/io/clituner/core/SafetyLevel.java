package io.clituner.core;

/**
 * How hard the guardrail leans when it cannot fully understand a command.
 * STRICT blocks unresolvable code that could execute; MODERATE sends it to REVIEW.
 */
public enum SafetyLevel {
    STRICT,
    MODERATE
}
