package io.clituner.inference.djl.drift;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.djl.DjlRuntime;
import java.util.Arrays;
import java.util.Random;

/**
 * Kernel two-sample test (Gretton et al. 2012): unbiased MMD² with an RBF kernel
 * {@code k(x,y) = exp(-|x-y|² / 2σ²)}, σ by the median heuristic (σ² = half the median squared
 * pairwise distance of the pooled sample), and a permutation-test p-value.
 * The pooled kernel matrix is computed once on the PyTorch engine (GPU when present); every
 * permutation is a column of an indicator matrix, so all of them cost one matrix product.
 */
public final class MmdTest {
    private MmdTest() {}

    /**
     * @param x            reference sample, rows are vectors (at least 2)
     * @param y            current sample, same dimension (at least 2)
     * @param permutations permutations for the p-value (e.g. 500)
     * @param seed         fixed seed: the same inputs always give the same p-value
     */
    public static MmdResult test(float[][] x, float[][] y, int permutations, long seed) {
        int n = x.length;
        int m = y.length;
        if (n < 2 || m < 2) {
            throw new ConfigurationException(
                    ErrorCode.DRIFT_CONFIG, "MMD needs at least 2 vectors per sample, got " + n + " and " + m);
        }
        if (permutations < 1) {
            throw new ConfigurationException(ErrorCode.DRIFT_CONFIG, "permutations must be >= 1, got " + permutations);
        }
        int dim = x[0].length;
        int total = n + m;
        float[] pooled = new float[total * dim];
        for (int i = 0; i < total; i++) {
            float[] row = i < n ? x[i] : y[i - n];
            if (row.length != dim) {
                throw new ConfigurationException(
                        ErrorCode.DRIFT_CONFIG, "vectors differ in dimension: " + row.length + " vs " + dim);
            }
            System.arraycopy(row, 0, pooled, i * dim, dim);
        }
        // Column 0 is the observed split; columns 1..P are random relabelings of the pooled sample.
        int cols = permutations + 1;
        float[] assign = new float[total * cols];
        int[] perm = new int[total];
        for (int i = 0; i < total; i++) {
            perm[i] = i;
        }
        Random random = new Random(seed);
        for (int c = 0; c < cols; c++) {
            if (c > 0) {
                for (int i = total - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
            }
            for (int i = 0; i < n; i++) {
                assign[(c == 0 ? i : perm[i]) * cols + c] = 1f;
            }
        }
        try (NDManager manager = NDManager.newBaseManager(DjlRuntime.mathDevice(), DjlRuntime.PYTORCH_ENGINE)) {
            NDArray z = manager.create(pooled, new Shape(total, dim));
            NDArray sq = z.square().sum(new int[] {1});
            NDArray d2 = sq.reshape(total, 1)
                    .add(sq.reshape(1, total))
                    .sub(z.matMul(z.transpose()).mul(2))
                    .maximum(0f);
            double median = medianOffDiagonal(d2.toFloatArray(), total);
            // Median heuristic as in Alibi Detect: σ² = median(|x-y|²) / 2, so k = exp(-|x-y|² / median).
            double sigma2 = median > 0 ? median / 2.0 : 1.0;
            NDArray k = d2.div(-2.0 * sigma2).exp();
            NDArray a = manager.create(assign, new Shape(total, cols));
            NDArray ka = k.matMul(a);
            double[] aKa = toDouble(a.mul(ka).sum(new int[] {0}).toFloatArray());
            NDArray rowSums = k.sum(new int[] {1});
            double[] aK1 = toDouble(a.transpose().matMul(rowSums).toFloatArray());
            double oneK1 = rowSums.sum().getFloat();
            NDArray diag = k.mul(manager.eye(total)).sum(new int[] {1});
            double[] aD = toDouble(a.transpose().matMul(diag).toFloatArray());
            double dSum = diag.sum().getFloat();

            double[] stats = new double[cols];
            for (int c = 0; c < cols; c++) {
                double sXX = aKa[c] - aD[c];
                double bKb = oneK1 - 2 * aK1[c] + aKa[c];
                double sYY = bKb - (dSum - aD[c]);
                double sXY = aK1[c] - aKa[c];
                stats[c] = sXX / ((double) n * (n - 1)) + sYY / ((double) m * (m - 1)) - 2 * sXY / ((double) n * m);
            }
            int atLeast = 0;
            for (int c = 1; c < cols; c++) {
                if (stats[c] >= stats[0]) {
                    atLeast++;
                }
            }
            return new MmdResult(stats[0], (1.0 + atLeast) / (1.0 + permutations), Math.sqrt(sigma2), permutations);
        }
    }

    private static double medianOffDiagonal(float[] d2, int total) {
        float[] upper = new float[total * (total - 1) / 2];
        int p = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                upper[p++] = d2[i * total + j];
            }
        }
        Arrays.sort(upper);
        int mid = upper.length / 2;
        return upper.length % 2 == 1 ? upper[mid] : (upper[mid - 1] + upper[mid]) / 2.0;
    }

    private static double[] toDouble(float[] f) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
