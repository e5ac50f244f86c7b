package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.inference.remote.server.LlamaServerExtension;

/**
 * The same contract against the in-process default GGUF engine (current llama.cpp) on the same
 * model, so local and remote are held to one bar. It runs in its default output mode,
 * the one-line grammar: in parser mode a story model's prose holds no command line, which that mode
 * rightly reports as NO_SUGGESTION; and a grammar line of its 512-token vocabulary needs more than 32 tokens.
 */
class GgufEngineContractTest extends InferenceEngineContract {
    @Override
    protected InferenceEngine openEngine() {
        return InferenceEngines.open(EngineSettings.builder()
                .model(LlamaServerExtension.requireModel(LlamaServerExtension.STORIES))
                .option("threads", 1)
                .option("maxTokens", 160)
                .build());
    }
}
