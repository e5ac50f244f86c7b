package io.clituner.guardrails.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An extra rule from a policy file, matched against canonical invocations (after unwrapping and
 * expansion), never against raw text.
 *
 * @param programs     program basenames it applies to (required)
 * @param argsContain  exact arguments that must all be present
 * @param argPattern   optional regular expression that must find a match in the canonical argv joined by spaces
 * @param risk         DANGEROUS (default) or REVIEW
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DenyRuleSpec(
        @Nullable String id,
        @Nullable String description,
        List<String> programs,
        List<String> argsContain,
        @Nullable String argPattern,
        @Nullable String risk,
        List<String> examples,
        List<String> counterExamples) {
    public DenyRuleSpec {
        programs = programs == null ? List.of() : List.copyOf(programs);
        argsContain = argsContain == null ? List.of() : List.copyOf(argsContain);
        examples = examples == null ? List.of() : List.copyOf(examples);
        counterExamples = counterExamples == null ? List.of() : List.copyOf(counterExamples);
    }
}
