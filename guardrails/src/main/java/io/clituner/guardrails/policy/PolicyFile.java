package io.clituner.guardrails.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The on-disk shape of a policy (JSON or YAML). Every field is optional except {@code level}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PolicyFile(String level, List<DenyRuleSpec> denyRules, List<String> allowedPrograms,
                         List<String> ignoredReviewRules, List<String> escalatedRules, Integer reviewEscalationCount,
                         Integer minOutputLength, Integer maxOutputLength) {}
