package io.clituner.inference.gguf.internal.decode;

import io.clituner.inference.gguf.generation.Sampling;
import java.util.List;
import java.util.Objects;

/**
 * One generation.
 *
 * @param prompt    tokens of the rendered prompt (special tokens included)
 * @param maxTokens most tokens to generate
 * @param sampling  greedy or seeded
 * @param stops     strings that end the text (cut before them)
 * @param textStop  an extra end condition on the text (cut where it says)
 * @param logProbs  compute each sampled token's log-probability under the model (a log-softmax over the vocabulary)
 */
@SuppressWarnings("ArrayRecordComponent") // the prompt tokens of one request, never compared
public record DecodeRequest(
        int[] prompt, int maxTokens, Sampling sampling, List<String> stops, TextStop textStop, boolean logProbs) {
    public DecodeRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        stops = List.copyOf(stops);
        Objects.requireNonNull(textStop, "textStop");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1");
        }
    }
}
