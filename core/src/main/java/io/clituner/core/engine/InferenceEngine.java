package io.clituner.core.engine;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;

/**
 * SPI: something that turns a prompt into untrusted text. Implementations own native resources
 * and release them in {@link #close()}; they must be safe under concurrent callers (documenting
 * whether calls are serialized) and must throw {@link io.clituner.core.error.InferenceException}
 * (ENGINE_CLOSED) when used after close.
 */
public interface InferenceEngine extends AutoCloseable {
    ModelIdentity model();

    /**
     * Generates the model's answer to one prompt.
     *
     * @throws io.clituner.core.error.NoSuggestionException when the engine has no confident answer
     * @throws io.clituner.core.error.InferenceException    when generation fails
     */
    RawModelOutput generate(Prompt prompt, NormalizedRequest request);

    /** Whether this engine wants few-shot examples in its prompt (a retrieval engine does not). */
    default boolean usesFewShotExamples() {
        return true;
    }

    @Override
    void close();
}
