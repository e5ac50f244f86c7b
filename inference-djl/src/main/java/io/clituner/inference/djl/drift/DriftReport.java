package io.clituner.inference.djl.drift;

import java.util.List;

/**
 * The comparison of a current window with the reference.
 *
 * @param referenceSize requests in the reference
 * @param currentSize   requests in the current window
 * @param mmd           input drift on query embeddings
 * @param psiRisk       PSI over risk levels of the answers (NaN when outputs are unknown)
 * @param psiPrograms   PSI over the first programs of the answers (NaN when outputs are unknown)
 * @param severity      the worst finding
 * @param reasons       one line per threshold crossed
 */
public record DriftReport(
        int referenceSize,
        int currentSize,
        MmdResult mmd,
        double psiRisk,
        double psiPrograms,
        Severity severity,
        List<String> reasons) {
    public enum Severity {
        NONE,
        WARN,
        ALERT
    }

    public DriftReport {
        reasons = List.copyOf(reasons);
    }

    public boolean drifted() {
        return severity != Severity.NONE;
    }
}
