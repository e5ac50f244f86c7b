package io.clituner.guardrails.analysis;

/** Judges one invocation; implemented by the rule book. */
public interface RuleRunner {
    void evaluate(Invocation invocation, Reporter reporter);
}
