package io.clituner.core.analysis;

import io.clituner.core.SafetyLevel;

/**
 * SPI: judges a single bash command. The default implementation (module {@code guardrails}) is
 * found with {@link java.util.ServiceLoader}. Implementations must be thread-safe, must never
 * throw for any input string (an input they cannot understand gets a non-SAFE verdict: fail
 * closed), and must finish in time linear in the input length.
 */
public interface CommandAnalyzer {
    Verdict analyze(String command, SafetyLevel level);

    /** Identifies the rule set; part of the response-cache key, so change it whenever rules change. */
    String policyVersion();
}
