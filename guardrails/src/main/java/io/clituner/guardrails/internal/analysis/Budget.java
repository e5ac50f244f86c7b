package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.policy.Limits;

/**
 * The work one analysis may do, shared by every walker it starts: steps (commands, programs, words) and bytes
 * (characters built). Running out ends the analysis with the fail-closed {@code analysis.limit} finding, so no input
 * can make the analyzer work much longer than its length, whatever its shape.
 */
final class Budget {
    private final int maxSteps;
    private final long maxBytes;
    private int steps;
    private long bytes;

    Budget(Limits limits) {
        this.maxSteps = limits.maxSteps();
        this.maxBytes = limits.maxBytes();
    }

    void step() {
        if (++steps > maxSteps) {
            throw new LimitExceeded("more than " + maxSteps + " analysis steps");
        }
    }

    void steps(int n) {
        steps += n;
        if (steps > maxSteps) {
            throw new LimitExceeded("more than " + maxSteps + " analysis steps");
        }
    }

    void bytes(long n) {
        bytes += n;
        if (bytes > maxBytes) {
            throw new LimitExceeded("more than " + maxBytes + " characters built during analysis");
        }
    }
}
