package io.clituner.guardrails.internal.analysis;

/** Receives rule hits while the walker runs. */
public interface Reporter {
    void report(String ruleId, int start, int end, String detail);
}
