package io.clituner.benchmarks.eval.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** 95% intervals: Wilson for rates, a seeded percentile bootstrap for means of scores. */
public final class Estimates {
    private static final double Z = 1.959963984540054;
    private static final int RESAMPLES = 2000;

    private Estimates() {}

    /** Wilson score interval (behaves at 0 and 1, unlike the normal approximation). */
    public static Estimate rate(long successes, long n) {
        if (n == 0) {
            return new Estimate(0, 0, 0, 0);
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        // at 0 and n the bound is exactly 0 or 1; the formula leaves rounding dust there
        return new Estimate(
                p,
                successes == 0 ? 0 : Math.max(0, centre - half),
                successes == n ? 1 : Math.min(1, centre + half),
                (int) n);
    }

    public static Estimate rate(List<Boolean> outcomes) {
        return rate(outcomes.stream().filter(b -> b).count(), outcomes.size());
    }

    /** Mean with a percentile bootstrap interval (fixed seed: the same data give the same interval). */
    public static Estimate mean(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, 0, 0, 0);
        }
        double mean = Arrays.stream(values).average().orElse(0);
        SplittableRandom random = new SplittableRandom(0x5EEDL);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[random.nextInt(n)];
            }
            means[b] = s / n;
        }
        Arrays.sort(means);
        return new Estimate(
                mean, means[(int) (0.025 * (RESAMPLES - 1))], means[(int) Math.ceil(0.975 * (RESAMPLES - 1))], n);
    }

    /** The p-th percentile (0..100) of values, nearest rank. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }
}
