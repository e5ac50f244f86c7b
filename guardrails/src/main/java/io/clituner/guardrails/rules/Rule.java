package io.clituner.guardrails.rules;

import io.clituner.core.RiskLevel;
import io.clituner.guardrails.analysis.Invocation;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A guardrail rule as data: an id, what it means, the risk it assigns, the programs it looks at,
 * a matcher over the canonical {@link Invocation}, and commands it must and must not match
 * (checked by the tests and when a policy loads).
 *
 * @param programs     basenames the matcher applies to; empty = every invocation (redirection rules); null = raised
 *                     by the walker itself (structural)
 * @param strictOnly   DANGEROUS under STRICT, REVIEW under MODERATE (evidence that depends on unknown values)
 */
public record Rule(String id, RiskLevel risk, boolean strictOnly, String description, Set<String> programs,
                   Matcher matcher, List<String> examples, List<String> counterExamples) {

    /** Returns a short detail when the invocation matches, else null. */
    @FunctionalInterface
    public interface Matcher {
        String match(Invocation invocation);
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public boolean structural() {
        return programs == null;
    }

    /** Fluent construction so rule tables read like a sentence. */
    public static final class Builder {
        private final String id;
        private RiskLevel risk = RiskLevel.DANGEROUS;
        private boolean strictOnly;
        private String description = "";
        private Set<String> programs = Set.of();
        private Matcher matcher;
        private List<String> examples = List.of();
        private List<String> counterExamples = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder review() {
            risk = RiskLevel.REVIEW;
            return this;
        }

        public Builder strictOnly() {
            strictOnly = true;
            return this;
        }

        public Builder says(String d) {
            description = d;
            return this;
        }

        public Builder on(String... names) {
            programs = Set.copyOf(java.util.Arrays.asList(names));
            return this;
        }

        public Builder onAny() {
            programs = Set.of();
            return this;
        }

        public Builder structural() {
            programs = null;
            return this;
        }

        public Builder when(Matcher m) {
            matcher = m;
            return this;
        }

        public Builder examples(String... e) {
            examples = List.of(e);
            return this;
        }

        public Builder counter(String... e) {
            counterExamples = List.of(e);
            return this;
        }

        public Rule build() {
            return new Rule(id, risk, strictOnly, description, programs, matcher, examples, counterExamples);
        }
    }
}
