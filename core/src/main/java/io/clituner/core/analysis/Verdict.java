package io.clituner.core.analysis;

import io.clituner.core.RiskLevel;
import java.util.List;
import java.util.Objects;

/**
 * The guardrail's judgement of one command: the overall risk (the maximum over its findings, or
 * SAFE when none fired) and every finding with its rule id and span.
 */
public record Verdict(RiskLevel risk, List<Finding> findings) {
    public Verdict {
        Objects.requireNonNull(risk, "risk");
        findings = List.copyOf(findings);
    }

    public static Verdict safe() {
        return new Verdict(RiskLevel.SAFE, List.of());
    }

    public static Verdict of(List<Finding> findings) {
        RiskLevel max = RiskLevel.SAFE;
        for (Finding f : findings) {
            max = max.max(f.risk());
        }
        return new Verdict(max, findings);
    }

    public List<String> ruleIds() {
        if (findings.isEmpty()) {
            return List.of();
        }
        // a loop, not a stream: this runs once per response on the latency-critical path
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (Finding f : findings) {
            ids.add(f.ruleId());
        }
        return List.copyOf(ids);
    }
}
