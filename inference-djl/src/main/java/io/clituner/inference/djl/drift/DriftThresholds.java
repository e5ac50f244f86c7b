package io.clituner.inference.djl.drift;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;

/**
 * When drift is reported. Defaults follow Alibi Detect and Evidently: input drift when the MMD
 * permutation p-value is below 0.05; PSI above 0.1 warns, above 0.25 alerts.
 *
 * @param mmdPValue     input drift when the p-value is below this
 * @param psiWarn       output drift warning above this PSI
 * @param psiAlert      output drift alert above this PSI
 * @param permutations  permutations of the MMD test
 * @param topPrograms   programs kept as their own PSI category (the rest pool into "(other)")
 */
public record DriftThresholds(double mmdPValue, double psiWarn, double psiAlert, int permutations, int topPrograms) {
    public DriftThresholds {
        if (!(mmdPValue > 0 && mmdPValue < 1)
                || !(psiWarn > 0)
                || !(psiAlert >= psiWarn)
                || permutations < 1
                || topPrograms < 1) {
            throw new ConfigurationException(
                    ErrorCode.DRIFT_CONFIG,
                    "invalid drift thresholds: mmdPValue in (0,1), 0 < psiWarn <= psiAlert, "
                            + "permutations >= 1, topPrograms >= 1; got " + mmdPValue + ", " + psiWarn + ", " + psiAlert
                            + ", " + permutations + ", " + topPrograms);
        }
    }

    public static DriftThresholds defaults() {
        return new DriftThresholds(0.05, 0.1, 0.25, 500, 10);
    }
}
