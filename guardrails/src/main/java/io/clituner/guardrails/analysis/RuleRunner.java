package io.clituner.guardrails.analysis;

/** Judges one invocation; implemented by the rule book. */
public interface RuleRunner {
    void evaluate(Invocation invocation, Reporter reporter);

    /** Whether some rule is written for this program (it is not an unknown program). */
    default boolean knows(String program) {
        return false;
    }

    /** Whether the finding with this rule id blocks a command (DANGEROUS). */
    default boolean dangerous(String ruleId) {
        return false;
    }
}
