package io.clituner.guardrails.feedback;

import io.clituner.core.RiskLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One report about a verdict, as written to the JSONL log for the weekly rule review.
 *
 * @param expected the risk the reporter believes is right
 */
public record FeedbackEntry(
        Instant at,
        FeedbackKind kind,
        String command,
        RiskLevel given,
        List<String> rules,
        RiskLevel expected,
        String policyVersion,
        String reporter,
        String note) {
    public FeedbackEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(policyVersion, "policyVersion");
        rules = List.copyOf(rules);
    }
}
