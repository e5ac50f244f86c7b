package io.clituner.inference.gguf.internal.decode;

import java.util.Objects;

/**
 * What a decode produced.
 *
 * @param text          generated text (cut before a stop string or where the {@link TextStop} said)
 * @param tokens        tokens sampled (the end-of-generation token excluded)
 * @param logProbs      natural-log probability of each sampled token under the model's own distribution (raw logits,
 *                      before the grammar and sampler), same length as {@code tokens}; empty when not requested
 * @param finish        why it ended
 * @param promptTokens  tokens in the prompt
 * @param reusedTokens  prompt tokens whose KV cache was kept from the previous request
 * @param promptNanos   time to process the prompt (the part not reused)
 * @param generateNanos time to generate
 */
@SuppressWarnings("ArrayRecordComponent") // a decode result handed to one caller, never compared
public record Completion(
        String text,
        int[] tokens,
        double[] logProbs,
        Finish finish,
        int promptTokens,
        int reusedTokens,
        long promptNanos,
        long generateNanos) {
    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finish, "finish");
    }

    /** Geometric mean of the token probabilities ({@code exp(mean log p)}), or NaN without log-probabilities. */
    public double meanTokenProbability() {
        if (logProbs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double lp : logProbs) {
            sum += lp;
        }
        return Math.exp(sum / logProbs.length);
    }
}
