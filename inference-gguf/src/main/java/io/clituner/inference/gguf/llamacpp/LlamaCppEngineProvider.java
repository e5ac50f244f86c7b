package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.inference.gguf.GgufEngineProvider;
import io.clituner.inference.gguf.internal.llamacpp.LlamaRuntime;

/**
 * ServiceLoader entry for {@link LlamaCppEngine}, named {@code gguf}: the default for settings whose model is a
 * {@code .gguf} file (priority above the de.kherud binding, which stays available as {@code java-llama.cpp}).
 */
public final class LlamaCppEngineProvider implements InferenceEngineProvider {
    @Override
    public String name() {
        return LlamaCppEngine.ENGINE_NAME;
    }

    /**
     * A {@code .gguf} model, on a platform this jar carries llama.cpp for or with {@code nativeLibPath} given; elsewhere
     * (e.g. macOS, whose npm package the build could not fetch) the de.kherud engine takes the settings.
     */
    @Override
    public boolean supports(EngineSettings settings) {
        return GgufEngineProvider.isGgufModel(settings)
                && (LlamaRuntime.bundledForThisPlatform()
                        || settings.option("nativeLibPath")
                                .filter(s -> !s.isBlank())
                                .isPresent());
    }

    @Override
    public int priority() {
        return 110;
    }

    @Override
    public EngineOptions options() {
        return LlamaCppConfig.OPTIONS;
    }

    @Override
    public InferenceEngine open(EngineSettings settings) {
        return LlamaCppEngine.open(LlamaCppConfig.fromSettings(settings));
    }
}
