package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.inference.remote.server.LlamaServerExtension;

/**
 * The same contract against the in-process GGUF engine on the same model and budget, so both are
 * held to one bar (grammar off, as the remote engine sends none).
 */
class GgufEngineContractTest extends InferenceEngineContract {
    @Override
    protected InferenceEngine openEngine() {
        return InferenceEngines.open(EngineSettings.builder().model(LlamaServerExtension.requireModel(LlamaServerExtension.STORIES))
                .option("threads", 1).option("maxTokens", 32).option("grammar", false).build());
    }
}
