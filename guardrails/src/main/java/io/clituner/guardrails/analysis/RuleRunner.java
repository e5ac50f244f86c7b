package io.clituner.guardrails.analysis;

/** Judges one invocation; implemented by the rule book. */
public interface RuleRunner {
    void evaluate(Invocation invocation, Reporter reporter);

    /** Whether some rule is written for this program (it is not an unknown program). */
    default boolean knows(String program) {
        return false;
    }

    /** Whether a rule written for this program can block it (a DANGEROUS rule names it). */
    default boolean mayBlock(String program) {
        return knows(program);
    }

    /** Whether the finding with this rule id blocks a command (DANGEROUS). */
    default boolean dangerous(String ruleId) {
        return false;
    }
}
