package io.clituner.inference.djl.retrieval;

/**
 * A query rounded to integers, q̂ = step·codes, with the norms {@link ErrorBound} needs (both rounded
 * up). The step is a power of two so that step·code and q/step are exact in double; codes are as
 * large as overflow allows, which makes ‖q − q̂‖ negligible next to the rows' int8 error.
 */
@SuppressWarnings("ArrayRecordComponent") // a per-query scratch value, never compared or shared
record QuantizedQuery(int[] codes, double step, double norm, double residualNorm) {

    /** @param paddedDim codes length (≥ q.length, extra codes are 0); {@code maxCode} bound on |code| */
    static QuantizedQuery of(float[] q, int paddedDim, int maxCode) {
        double maxAbs = 0;
        for (float v : q) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        int[] codes = new int[paddedDim];
        if (maxAbs == 0) {
            return new QuantizedQuery(codes, 0, 0, 0);
        }
        // The smallest power of two ≥ maxAbs / maxCode, so that |q / step| ≤ maxCode.
        double step = Math.scalb(1.0, Math.getExponent(maxAbs / maxCode) + 1);
        double norm2 = 0;
        double residual2 = 0;
        for (int j = 0; j < q.length; j++) {
            int code = (int) Math.max(-maxCode, Math.min(maxCode, Math.rint(q[j] / step)));
            codes[j] = code;
            double r = q[j] - step * code;
            residual2 += r * r;
            norm2 += (double) q[j] * q[j];
        }
        return new QuantizedQuery(codes, step, ErrorBound.up(Math.sqrt(norm2)), ErrorBound.up(Math.sqrt(residual2)));
    }
}
