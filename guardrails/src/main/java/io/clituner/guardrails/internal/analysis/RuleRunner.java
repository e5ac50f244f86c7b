package io.clituner.guardrails.internal.analysis;

import java.util.function.BiConsumer;

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

    /**
     * This runner's knowledge (programs known, rules that block) with another judgement of each invocation: a policy
     * that allows some programs, or a test that records what the walker runs.
     */
    default RuleRunner judgingWith(BiConsumer<Invocation, Reporter> judgement) {
        RuleRunner book = this;
        return new RuleRunner() {
            @Override
            public void evaluate(Invocation invocation, Reporter reporter) {
                judgement.accept(invocation, reporter);
            }

            @Override
            public boolean knows(String program) {
                return book.knows(program);
            }

            @Override
            public boolean mayBlock(String program) {
                return book.mayBlock(program);
            }

            @Override
            public boolean dangerous(String ruleId) {
                return book.dangerous(ruleId);
            }
        };
    }
}
