package io.clituner.guardrails.internal.rules;

import io.clituner.core.RiskLevel;
import io.clituner.guardrails.internal.analysis.Invocation;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A guardrail rule as data: an id, what it means, the risk it assigns, the programs it looks at,
 * a matcher over the canonical {@link Invocation}, and commands it must and must not match
 * (checked by the tests and when a policy loads).
 *
 * @param programs     basenames the matcher applies to; empty = every invocation (redirection rules); null = raised
 *                     by the walker itself (structural)
 * @param gate         for a rule on every invocation, the invocations its matcher can fire on at all (null: every one);
 *                     the others skip it, which keeps a plain {@code ls} from running every such rule
 * @param matcher      the test over an invocation; a structural rule's never matches (the walker raises it)
 * @param strictOnly   DANGEROUS under STRICT, REVIEW under MODERATE (evidence that depends on unknown values)
 */
public record Rule(
        String id,
        RiskLevel risk,
        boolean strictOnly,
        String description,
        @Nullable Set<String> programs,
        @Nullable Gate gate,
        Matcher matcher,
        List<String> examples,
        List<String> counterExamples) {

    /** Returns a short detail when the invocation matches, else null ("no match", the common answer). */
    @FunctionalInterface
    public interface Matcher {
        @Nullable
        String match(Invocation invocation);
    }

    /**
     * When a rule that looks at every invocation can match: the invocation runs one of {@code programs}, or has a
     * redirection ({@code redirected}), or acts on the files of a find/xargs walk ({@code treeWalk}). A gate is a
     * promise about the matcher: it returns null for every other invocation. {@code GatedRulesTest} checks the promise
     * against the ungated matchers over the corpora and the rules' own examples.
     */
    public record Gate(Set<String> programs, boolean redirected, boolean treeWalk) {
        public Gate {
            programs = Set.copyOf(programs);
        }

        /** Only invocations with a redirection. */
        public static Gate redirect() {
            return new Gate(Set.of(), true, false);
        }

        /** Only commands run on the files of a find/xargs walk. */
        public static Gate treeWalkOnly() {
            return new Gate(Set.of(), false, true);
        }

        /** The programs, or a redirection of this invocation (the writes and reads a rule judges). */
        public static Gate programsOrRedirect(Set<String> programs) {
            return new Gate(programs, true, false);
        }

        public Gate orTreeWalk() {
            return new Gate(programs, redirected, true);
        }

        public Gate plus(String... more) {
            Set<String> all = new java.util.HashSet<>(programs);
            all.addAll(java.util.Arrays.asList(more));
            return new Gate(all, redirected, treeWalk);
        }
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(matcher, "matcher");
        examples = List.copyOf(examples);
        counterExamples = List.copyOf(counterExamples);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public boolean structural() {
        return programs == null;
    }

    /** The matcher of a rule built without one: the walker raises structural rules itself. */
    private static @Nullable String noMatch(Invocation invocation) {
        return null;
    }

    /** Fluent construction so rule tables read like a sentence. */
    public static final class Builder {
        private final String id;
        private RiskLevel risk = RiskLevel.DANGEROUS;
        private boolean strictOnly;
        private String description = "";
        private @Nullable Set<String> programs = Set.of();
        private @Nullable Gate gate;
        private Matcher matcher = Rule::noMatch;
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
            gate = null;
            return this;
        }

        public Builder onAny() {
            programs = Set.of();
            gate = null;
            return this;
        }

        /** Every invocation the gate admits; the matcher must return null for all others (see {@link Gate}). */
        public Builder onAny(Gate g) {
            programs = Set.of();
            gate = Objects.requireNonNull(g, "gate");
            return this;
        }

        public Builder structural() {
            programs = null;
            gate = null;
            return this;
        }

        public Builder when(Matcher m) {
            matcher = Objects.requireNonNull(m, "matcher");
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
            return new Rule(id, risk, strictOnly, description, programs, gate, matcher, examples, counterExamples);
        }
    }
}
