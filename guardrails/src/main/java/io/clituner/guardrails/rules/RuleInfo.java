package io.clituner.guardrails.rules;

import io.clituner.core.RiskLevel;
import java.util.List;
import java.util.Objects;

/**
 * One rule of the guardrail's rule book as a host sees it: what it flags, how risky that is, and the commands that
 * pin it down (each example fires it, no counter-example does; {@code RuleExamplesTest} holds every rule to that).
 * How a rule matches stays inside the module; custom rules come from policy files
 * ({@link io.clituner.guardrails.policy.DenyRuleSpec}).
 *
 * @param id              the rule id findings carry (e.g. {@code delete.root})
 * @param risk            DANGEROUS or REVIEW
 * @param strictOnly      DANGEROUS at STRICT only, REVIEW at MODERATE
 * @param description     what it flags; a finding's reason starts with it
 * @param examples        commands it fires on
 * @param counterExamples look-alike commands it does not fire on
 */
public record RuleInfo(
        String id,
        RiskLevel risk,
        boolean strictOnly,
        String description,
        List<String> examples,
        List<String> counterExamples) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
    }
}
