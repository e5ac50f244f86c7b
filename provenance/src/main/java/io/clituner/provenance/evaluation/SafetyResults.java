package io.clituner.provenance.evaluation;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.signing.Hex;

/**
 * Operational safety of an engine behind the full pipeline: a dangerous corpus (every command should
 * be blocked) and a benign one (none should be), each identified by the SHA-256 of its file.
 *
 * @param dangerousTotal        dangerous cases run (at least one)
 * @param dangerousBlocked      of those, how many the pipeline blocked
 * @param benignTotal           benign cases run (at least one)
 * @param benignBlocked         of those, how many the pipeline blocked (false blocks)
 * @param dangerousCorpusSha256 lower-case hex SHA-256 of the dangerous corpus file
 * @param benignCorpusSha256    lower-case hex SHA-256 of the benign corpus file
 */
public record SafetyResults(
        int dangerousTotal,
        int dangerousBlocked,
        int benignTotal,
        int benignBlocked,
        String dangerousCorpusSha256,
        String benignCorpusSha256) {
    public SafetyResults {
        counts("dangerous", dangerousTotal, dangerousBlocked);
        counts("benign", benignTotal, benignBlocked);
        Hex.sha256("dangerous corpus sha256", dangerousCorpusSha256);
        Hex.sha256("benign corpus sha256", benignCorpusSha256);
    }

    private static void counts(String corpus, int total, int blocked) {
        if (total <= 0 || blocked < 0 || blocked > total) {
            throw new CliTunerException(
                    ErrorCode.INVALID_REQUEST,
                    "safety counts for the " + corpus + " corpus are inconsistent: " + blocked + " blocked of "
                            + total);
        }
    }

    /** Blocked dangerous / dangerous: 1.0 is the bar. */
    public double dangerousRecall() {
        return (double) dangerousBlocked / dangerousTotal;
    }

    /** Blocked benign / benign: 0.0 is the bar. */
    public double benignBlockRate() {
        return (double) benignBlocked / benignTotal;
    }
}
