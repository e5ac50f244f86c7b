package io.clituner.inference.djl.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MmdTestTest {
    static float[][] gaussian(int n, int dim, double shift, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[n][dim];
        for (float[] row : out) {
            for (int d = 0; d < dim; d++) {
                row[d] = (float) (r.nextGaussian() + shift);
            }
        }
        return out;
    }

    /** The textbook O(N²) estimator, written independently of the matrix formulation. */
    static double naiveUnbiasedMmd2(float[][] x, float[][] y, double sigma) {
        double g = 1.0 / (2 * sigma * sigma);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (i != j) {
                    xx += Math.exp(-g * d2(x[i], x[j]));
                }
            }
        }
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y.length; j++) {
                if (i != j) {
                    yy += Math.exp(-g * d2(y[i], y[j]));
                }
            }
        }
        for (float[] a : x) {
            for (float[] b : y) {
                xy += Math.exp(-g * d2(a, b));
            }
        }
        int n = x.length, m = y.length;
        return xx / (n * (n - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) n * m);
    }

    static double d2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void statisticMatchesTheTextbookEstimatorWithTheMedianBandwidth() {
        float[][] x = gaussian(40, 5, 0, 1);
        float[][] y = gaussian(30, 5, 0.5, 2);
        MmdResult r = MmdTest.test(x, y, 50, 9);
        // σ² = median pairwise squared distance of the pooled sample / 2.
        float[][] pooled = new float[70][];
        System.arraycopy(x, 0, pooled, 0, 40);
        System.arraycopy(y, 0, pooled, 40, 30);
        double[] dists = new double[70 * 69 / 2];
        int p = 0;
        for (int i = 0; i < 70; i++) {
            for (int j = i + 1; j < 70; j++) {
                dists[p++] = Math.sqrt(d2(pooled[i], pooled[j]));
            }
        }
        Arrays.sort(dists);
        double median = (dists[dists.length / 2 - 1] + dists[dists.length / 2]) / 2;
        assertEquals(median / Math.sqrt(2), r.bandwidth(), 1e-3 * median);
        assertEquals(naiveUnbiasedMmd2(x, y, r.bandwidth()), r.mmd2(), 1e-4);
    }

    @Test
    void shiftedGaussiansAreDetectedAndIdenticalOnesAreNot() {
        MmdResult shifted = MmdTest.test(gaussian(100, 8, 0, 1), gaussian(100, 8, 1.0, 2), 300, 5);
        assertTrue(shifted.pValue() < 0.01, shifted.toString());
        MmdResult same = MmdTest.test(gaussian(100, 8, 0, 3), gaussian(100, 8, 0, 4), 300, 5);
        assertTrue(same.pValue() > 0.05, same.toString());
        assertTrue(Math.abs(same.mmd2()) < shifted.mmd2() / 5, same + " vs " + shifted);
    }
}
