package io.clituner.inference.gguf;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.SafetyLevel;
import io.clituner.core.engine.Prompt;
import io.clituner.core.prompt.PromptBuilder;
import io.clituner.core.testing.SharedFiles;
import java.nio.file.Path;
import java.util.List;

/** The read-only test models under {@code clituner.shared.dir}; tests skip when they are absent. */
public final class SharedModels {
    public static final String TINY_RANDOM = "llama-2-tiny-random.gguf";
    public static final String STORIES = "stories260K.gguf";

    private static final PromptBuilder PROMPTS = new PromptBuilder();

    private SharedModels() {}

    /** The pipeline's prompt for a query, without few-shot examples. */
    public static Prompt prompt(String query) {
        return PROMPTS.build(request(query), List.of());
    }

    public static NormalizedRequest request(String query) {
        return NormalizedRequest.of(query, SafetyLevel.STRICT);
    }

    public static Path require(String name) {
        return SharedFiles.require("models/" + name);
    }
}
