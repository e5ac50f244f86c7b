package io.clituner.inference.gguf;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.engine.options.EngineOptions;
import java.util.Locale;

/**
 * ServiceLoader entry for {@link GgufEngine} (llama.cpp b4916 through de.kherud:llama), named {@code java-llama.cpp}:
 * supports settings whose model is a {@code .gguf} file, below the default {@code gguf} engine
 * ({@link io.clituner.inference.gguf.llamacpp.LlamaCppEngineProvider}); choose it with {@code engine=java-llama.cpp}.
 */
public final class GgufEngineProvider implements InferenceEngineProvider {
    public static final String NAME = "java-llama.cpp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(EngineSettings settings) {
        return isGgufModel(settings);
    }

    /** Whether the settings name a {@code .gguf} model file. */
    public static boolean isGgufModel(EngineSettings settings) {
        return settings.model()
                .map(p -> p.getFileName() != null
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                .orElse(false);
    }

    /** A generative model given explicitly beats the retrieval fallback; the current llama.cpp engine beats this one. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public EngineOptions options() {
        return GgufEngineConfig.OPTIONS;
    }

    @Override
    public InferenceEngine open(EngineSettings settings) {
        return GgufEngine.open(GgufEngineConfig.fromSettings(settings));
    }
}
