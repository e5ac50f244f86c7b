package io.clituner.guardrails.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The on-disk shape of a policy (JSON or YAML). Every field is optional except {@code level}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PolicyFile(
        @Nullable String level,
        @Nullable List<DenyRuleSpec> denyRules,
        @Nullable List<String> allowedPrograms,
        @Nullable List<String> ignoredReviewRules,
        @Nullable List<String> escalatedRules,
        @Nullable Integer reviewEscalationCount,
        @Nullable Integer minOutputLength,
        @Nullable Integer maxOutputLength) {}
