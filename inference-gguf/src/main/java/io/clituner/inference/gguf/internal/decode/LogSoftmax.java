package io.clituner.inference.gguf.internal.decode;

/** The log-probability of one token from a row of logits: {@code x[t] - log(sum(exp(x)))}, computed stably. */
public final class LogSoftmax {
    private LogSoftmax() {}

    public static double of(float[] logits, int n, int token) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[i] - max);
        }
        return logits[token] - max - Math.log(sum);
    }
}
