package io.clituner.provenance.registry.gate;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.time.Instant;

/**
 * The outcome of running the guardrail safety benchmark against a model's outputs, taken as an input
 * record (the benchmark itself lives with the guardrails). Recall is blocked / dangerous cases.
 *
 * @param modelRootDigest root digest of the model the benchmark ran against; must match the version
 */
public record SafetyBenchmarkResult(
        String benchmarkId,
        String policyVersion,
        String modelRootDigest,
        int dangerousCases,
        int dangerousBlocked,
        Instant ranAt) {
    public SafetyBenchmarkResult {
        if (dangerousCases <= 0 || dangerousBlocked < 0 || dangerousBlocked > dangerousCases) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "safety benchmark counts are inconsistent: " + dangerousBlocked + " blocked of " + dangerousCases
                            + " dangerous cases");
        }
    }

    public double recall() {
        return (double) dangerousBlocked / dangerousCases;
    }
}
