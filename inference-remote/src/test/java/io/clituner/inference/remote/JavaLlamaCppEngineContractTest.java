package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.inference.remote.server.LlamaServerExtension;

/** The same contract against the de.kherud binding (`engine=java-llama.cpp`), grammar off as the remote engine sends none. */
class JavaLlamaCppEngineContractTest extends InferenceEngineContract {
    @Override
    protected InferenceEngine openEngine() {
        return InferenceEngines.open(EngineSettings.builder()
                .engine("java-llama.cpp")
                .model(LlamaServerExtension.requireModel(LlamaServerExtension.STORIES))
                .option("threads", 1)
                .option("maxTokens", 32)
                .option("grammar", false)
                .build());
    }
}
