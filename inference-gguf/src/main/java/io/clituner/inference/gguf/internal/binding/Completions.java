package io.clituner.inference.gguf.internal.binding;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;
import io.clituner.inference.gguf.generation.Generation;
import io.clituner.inference.gguf.generation.StopReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the binding's parameters and runs one streamed completion. Streaming (rather than
 * {@code complete()}) is what lets us count generated tokens: the server sends one result per
 * sampled token (empty while a possible stop string is held back) and a final result that ends
 * the stream.
 */
public final class Completions {
    private Completions() {}

    /**
     * Deterministic greedy decoding. Never sets {@code n_probs}: in 4.2.0 any value above zero aborts
     * the JVM in native JSON code. The prompt cache is off: with it on, greedy output changed between
     * calls (3 of 10 processes) because a reused KV-cache prefix is evaluated in a different batch shape.
     */
    public static InferenceParameters parameters(
            String prompt, int maxTokens, int seed, @Nullable String grammar, List<String> stops) {
        InferenceParameters p = new InferenceParameters(prompt)
                .setTemperature(0f)
                .setSeed(seed)
                .setCachePrompt(false)
                .setNPredict(maxTokens);
        if (grammar != null) {
            p.setGrammar(grammar);
        }
        if (!stops.isEmpty()) {
            p.setStopStrings(stops.toArray(String[]::new));
        }
        return p;
    }

    /** Runs the completion to its end on the calling thread (the caller holds the model's lock). */
    public static Generation run(SharedModel.Calls model, InferenceParameters parameters, int maxTokens) {
        long t = System.nanoTime();
        StringBuilder text = new StringBuilder();
        int results = 0;
        LlamaIterator it = model.generate(parameters).iterator();
        try {
            while (it.hasNext()) {
                LlamaOutput out = it.next();
                text.append(out.text);
                results++;
            }
        } catch (RuntimeException e) {
            it.cancel();
            throw e;
        }
        // The last result only closes the stream; every earlier one is a sampled token.
        int tokens = Math.max(0, results - 1);
        StopReason reason = tokens >= maxTokens ? StopReason.LENGTH : StopReason.NATURAL;
        return new Generation(text.toString(), tokens, reason, System.nanoTime() - t);
    }
}
