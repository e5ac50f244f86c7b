package io.clituner.inference.gguf.generation;

import java.util.Objects;

/**
 * One native completion.
 *
 * @param text             generated text (stop strings removed by llama.cpp)
 * @param completionTokens tokens sampled (one streamed result per token)
 * @param stopReason       how it ended
 * @param nativeNanos      wall time spent inside the binding's completion calls
 */
public record Generation(String text, int completionTokens, StopReason stopReason, long nativeNanos) {
    public Generation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stopReason, "stopReason");
    }
}
