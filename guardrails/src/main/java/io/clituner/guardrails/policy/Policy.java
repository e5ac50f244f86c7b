package io.clituner.guardrails.policy;

import io.clituner.core.SafetyLevel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the guardrail enforces beyond its built-in rules.
 *
 * @param name             "strict", "moderate" or the file it came from
 * @param level            default safety level (a request's own level wins when given)
 * @param denyRules        the policy file's deny rules (checked by {@code PolicyLoader}; the analyzer compiles them)
 * @param allowedPrograms  programs whose REVIEW findings are dropped (DANGEROUS is never suppressed)
 * @param ignoredReviewRules REVIEW rule ids treated as SAFE
 * @param escalatedRules   rule ids whose REVIEW findings count as DANGEROUS
 * @param reviewEscalationCount when this many distinct REVIEW rules fire, the verdict becomes DANGEROUS (0: never)
 * @param minOutputLength  shortest command the output validator accepts
 * @param maxOutputLength  longest command the output validator accepts
 */
public record Policy(
        String name,
        SafetyLevel level,
        List<DenyRuleSpec> denyRules,
        Set<String> allowedPrograms,
        Set<String> ignoredReviewRules,
        Set<String> escalatedRules,
        int reviewEscalationCount,
        int minOutputLength,
        int maxOutputLength) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        denyRules = List.copyOf(denyRules);
        allowedPrograms = Set.copyOf(allowedPrograms);
        ignoredReviewRules = Set.copyOf(ignoredReviewRules);
        escalatedRules = Set.copyOf(escalatedRules);
    }

    public static Policy strict() {
        return new Policy("strict", SafetyLevel.STRICT, List.of(), Set.of(), Set.of(), Set.of(), 0, 3, 200);
    }

    public static Policy moderate() {
        return new Policy("moderate", SafetyLevel.MODERATE, List.of(), Set.of(), Set.of(), Set.of(), 0, 3, 200);
    }

    /** A deny rule's risk as its compiled rule has it: DANGEROUS unless the file says otherwise. */
    private static String riskName(DenyRuleSpec rule) {
        String risk = rule.risk();
        return risk == null ? "DANGEROUS" : risk.toUpperCase(Locale.ROOT);
    }

    /** A stable fingerprint of the settings, part of the analyzer's policy version. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder(name).append('|').append(level);
        denyRules.forEach(r -> sb.append('|').append(r.id()).append(riskName(r)));
        sb.append('|')
                .append(new java.util.TreeSet<>(allowedPrograms))
                .append(new java.util.TreeSet<>(ignoredReviewRules))
                .append(new java.util.TreeSet<>(escalatedRules))
                .append(reviewEscalationCount)
                .append(minOutputLength)
                .append(maxOutputLength);
        return Integer.toHexString(sb.toString().hashCode());
    }
}
