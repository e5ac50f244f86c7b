package io.clituner.inference.djl.retrieval;

/**
 * Rows quantized to int8 with one scale per row, x̂ = scale·X with X in [-127, 127], together with
 * the norms that bound the quantization error: {@code residualNorm ≥ ‖x − x̂‖} and
 * {@code quantizedNorm ≥ ‖x̂‖}, both rounded up when stored.
 *
 * <p>Layout, chosen for the JIT rather than for reading. Four components of a row share one int
 * (component 4w+b in byte b), and the ints are stored column-major: {@code columns[w][row]}. The
 * scan then walks one int column and one int accumulator with the same index, which HotSpot C2
 * turns into SIMD code on any x86 level (JDK 17 vectorizes neither byte-to-int conversions nor loops
 * whose arrays are indexed with different offsets); with AVX-512 that is ~10× the scalar loop
 * (figures per SIMD level in the module README). One byte per component keeps 30,000 × 384 rows at
 * 11.5 MB, small enough to stay in L3 across queries.
 */
final class Int8Rows {
    static final int MAX_CODE = 127;
    /** Rows per scan tile: the tile's accumulators (8 KB) stay in L1 while 96 columns stream past. */
    private static final int TILE = 2048;

    private final int rows;
    private final int words;
    private final int[][] columns;
    private final float[] scale;
    private final float[] residualNorm;
    private final float[] quantizedNorm;
    /** ≥ max over rows of max(‖x‖, ‖x̂‖). */
    private final double normBound;

    private Int8Rows(
            int rows,
            int words,
            int[][] columns,
            float[] scale,
            float[] residualNorm,
            float[] quantizedNorm,
            double normBound) {
        this.rows = rows;
        this.normBound = normBound;
        this.words = words;
        this.columns = columns;
        this.scale = scale;
        this.residualNorm = residualNorm;
        this.quantizedNorm = quantizedNorm;
    }

    /** Quantizes finite row vectors of one dimension (checked by the caller). */
    static Int8Rows of(float[][] vectors) {
        int n = vectors.length;
        int dim = vectors[0].length;
        int words = (dim + 3) / 4;
        int[][] columns = new int[words][n];
        float[] scale = new float[n];
        float[] residualNorm = new float[n];
        float[] quantizedNorm = new float[n];
        double normBound = 0;
        for (int i = 0; i < n; i++) {
            float[] x = vectors[i];
            double maxAbs = 0;
            for (float v : x) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            float s = (float) (maxAbs / MAX_CODE);
            double residual2 = 0;
            double quantized2 = 0;
            double norm2 = 0;
            for (int j = 0; j < dim; j++) {
                int code = s == 0 ? 0 : (int) Math.max(-MAX_CODE, Math.min(MAX_CODE, Math.rint(x[j] / (double) s)));
                // s·code is exact in double (24 + 8 significant bits), so these sums only carry sqrt's and addition's
                // rounding.
                double xhat = (double) s * code;
                residual2 += (x[j] - xhat) * (x[j] - xhat);
                quantized2 += xhat * xhat;
                norm2 += (double) x[j] * x[j];
                columns[j / 4][i] |= (code & 0xFF) << (8 * (j % 4));
            }
            scale[i] = s;
            residualNorm[i] = ErrorBound.storedUp(Math.sqrt(residual2));
            quantizedNorm[i] = ErrorBound.storedUp(Math.sqrt(quantized2));
            normBound = Math.max(normBound, Math.max(ErrorBound.up(Math.sqrt(norm2)), quantizedNorm[i]));
        }
        return new Int8Rows(n, words, columns, scale, residualNorm, quantizedNorm, normBound);
    }

    /**
     * Σ_j codes[j]·X_ij for every row, exact: the caller keeps |codes| small enough that no sum overflows.
     *
     * <p>The hot loop. C2's auto-vectorization is fragile, so keep this shape, which ran as SIMD on
     * JDK 17 and JDK 25 in BankSearchBenchmark: the accumulator is allocated here (so it provably
     * aliases no column), read and written at the same index as the column, and the tile loop is in
     * the same method. A helper taking {@code acc} as a parameter ran scalar (10× slower) on JDK 25;
     * indexing {@code acc} with an offset ran scalar on both.
     * {@code (v << 24) >> 24} sign-extends byte 0 of v, {@code v >> 24} byte 3.
     */
    int[] dots(int[] codes) {
        return dots(columns, codes, rows);
    }

    private static int[] dots(int[][] columns, int[] codes, int rows) {
        int[] acc = new int[rows];
        for (int from = 0; from < rows; from += TILE) {
            int to = Math.min(rows, from + TILE);
            for (int w = 0; w < columns.length; w++) {
                int q0 = codes[4 * w];
                int q1 = codes[4 * w + 1];
                int q2 = codes[4 * w + 2];
                int q3 = codes[4 * w + 3];
                int[] column = columns[w];
                for (int i = from; i < to; i++) {
                    int v = column[i];
                    acc[i] += q0 * ((v << 24) >> 24) + q1 * ((v << 16) >> 24) + q2 * ((v << 8) >> 24) + q3 * (v >> 24);
                }
            }
        }
        return acc;
    }

    /** Query code arrays must have this length (the dimension rounded up to a multiple of 4). */
    int paddedDimension() {
        return 4 * words;
    }

    /** The largest |query code| for which no dot product can overflow: 127 · maxCode · paddedDimension ≤ 2³¹ − 1. */
    int maxQueryCode() {
        return Integer.MAX_VALUE / (MAX_CODE * paddedDimension());
    }

    double normBound() {
        return normBound;
    }

    float scale(int row) {
        return scale[row];
    }

    /** X_ij, for tests. */
    int code(int row, int j) {
        return (columns[j / 4][row] << (24 - 8 * (j % 4))) >> 24;
    }

    float residualNorm(int row) {
        return residualNorm[row];
    }

    float quantizedNorm(int row) {
        return quantizedNorm[row];
    }
}
