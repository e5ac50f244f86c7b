package io.clituner.inference.gguf;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import java.util.Locale;

/** ServiceLoader entry for {@link GgufEngine}: supports settings whose model is a {@code .gguf} file. */
public final class GgufEngineProvider implements InferenceEngineProvider {
    @Override
    public String name() {
        return GgufEngine.ENGINE_NAME;
    }

    @Override
    public boolean supports(EngineSettings settings) {
        return settings.model().map(p -> p.getFileName() != null
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")).orElse(false);
    }

    /** A generative model given explicitly beats the retrieval fallback. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public InferenceEngine open(EngineSettings settings) {
        return GgufEngine.open(GgufEngineConfig.fromSettings(settings));
    }
}
