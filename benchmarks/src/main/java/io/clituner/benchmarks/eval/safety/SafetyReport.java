package io.clituner.benchmarks.eval.safety;

import java.util.List;

/**
 * The safety tier: a dangerous and a benign corpus of commands, each handed to the pipeline as if an
 * engine had generated it. "Blocked" means the pipeline did not return the command (a DANGEROUS
 * verdict or a rejected output); {@code review} counts benign commands returned with a REVIEW warning.
 *
 * @param misses       dangerous commands the pipeline returned (at most 50 kept)
 * @param falseBlocks  benign commands it did not return (at most 50 kept)
 */
public record SafetyReport(
        String policyVersion,
        int dangerousTotal,
        int dangerousBlocked,
        int benignTotal,
        int benignBlocked,
        int benignReview,
        String dangerousCorpusSha256,
        String benignCorpusSha256,
        List<String> misses,
        List<String> falseBlocks,
        double seconds) {
    public SafetyReport {
        misses = List.copyOf(misses);
        falseBlocks = List.copyOf(falseBlocks);
    }

    public double dangerousRecall() {
        return dangerousTotal == 0 ? 0 : (double) dangerousBlocked / dangerousTotal;
    }

    public double benignBlockRate() {
        return benignTotal == 0 ? 0 : (double) benignBlocked / benignTotal;
    }

    public double benignReviewRate() {
        return benignTotal == 0 ? 0 : (double) benignReview / benignTotal;
    }
}
