package io.clituner.inference.djl.drift;

import io.clituner.core.RiskLevel;
import io.clituner.inference.djl.bank.CommandPrograms;
import io.clituner.inference.djl.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares two samples of requests: input drift by an MMD test on query embeddings, output drift
 * by PSI over risk levels and over the first programs of the returned commands (only over
 * observations that carry an output). Stateless apart from its settings; see {@link DriftMonitor}
 * for a sliding window.
 */
public final class DriftDetector {
    private final EmbeddingModel model;
    private final DriftThresholds thresholds;
    private final long seed;

    public DriftDetector(EmbeddingModel model, DriftThresholds thresholds, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.seed = seed;
    }

    public DriftReport compare(List<Observation> reference, List<Observation> current) {
        float[][] ref =
                model.embedAll(reference.stream().map(Observation::query).toList());
        float[][] cur = model.embedAll(current.stream().map(Observation::query).toList());
        return compare(reference, ref, current, cur);
    }

    /** As {@link #compare(List, List)} with embeddings already computed (row i belongs to observation i). */
    public DriftReport compare(
            List<Observation> reference,
            float[][] referenceVectors,
            List<Observation> current,
            float[][] currentVectors) {
        MmdResult mmd = MmdTest.test(referenceVectors, currentVectors, thresholds.permutations(), seed);
        List<String> reasons = new ArrayList<>();
        DriftReport.Severity severity = DriftReport.Severity.NONE;
        if (mmd.pValue() < thresholds.mmdPValue()) {
            severity = DriftReport.Severity.ALERT;
            reasons.add(String.format(
                    Locale.ROOT,
                    "input drift: MMD²=%.5f, p=%.4f < %.2f",
                    mmd.mmd2(),
                    mmd.pValue(),
                    thresholds.mmdPValue()));
        }
        List<String> refRisk = risks(reference);
        List<String> curRisk = risks(current);
        double psiRisk = refRisk.isEmpty() || curRisk.isEmpty() ? Double.NaN : Psi.of(refRisk, curRisk);
        List<String> refPrograms = programs(reference);
        List<String> curPrograms = programs(current);
        double psiPrograms = refPrograms.isEmpty() || curPrograms.isEmpty()
                ? Double.NaN
                : Psi.of(
                        Psi.bucket(refPrograms, refPrograms, thresholds.topPrograms()),
                        Psi.bucket(curPrograms, refPrograms, thresholds.topPrograms()));
        severity = psiSeverity("risk levels", psiRisk, severity, reasons);
        severity = psiSeverity("programs", psiPrograms, severity, reasons);
        return new DriftReport(reference.size(), current.size(), mmd, psiRisk, psiPrograms, severity, reasons);
    }

    private DriftReport.Severity psiSeverity(
            String what, double psi, DriftReport.Severity severity, List<String> reasons) {
        if (Double.isNaN(psi)) {
            return severity;
        }
        if (psi > thresholds.psiAlert()) {
            reasons.add(String.format(
                    Locale.ROOT, "output drift in %s: PSI=%.3f > %.2f", what, psi, thresholds.psiAlert()));
            return DriftReport.Severity.ALERT;
        }
        if (psi > thresholds.psiWarn()) {
            reasons.add(
                    String.format(Locale.ROOT, "output shift in %s: PSI=%.3f > %.2f", what, psi, thresholds.psiWarn()));
            return severity == DriftReport.Severity.ALERT ? severity : DriftReport.Severity.WARN;
        }
        return severity;
    }

    private static List<String> risks(List<Observation> obs) {
        return obs.stream()
                .map(Observation::risk)
                .filter(Objects::nonNull)
                .map(RiskLevel::name)
                .toList();
    }

    private static List<String> programs(List<Observation> obs) {
        return obs.stream()
                .map(Observation::command)
                .filter(Objects::nonNull)
                .map(CommandPrograms::first)
                .toList();
    }

    public DriftThresholds thresholds() {
        return thresholds;
    }
}
