package io.clituner.inference.remote;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngineProvider;
import io.clituner.core.engine.options.EngineOptions;

/** ServiceLoader entry for {@link RemoteEngine}: supports settings that name an {@code endpoint}. */
public final class RemoteEngineProvider implements InferenceEngineProvider {
    @Override
    public String name() {
        return RemoteEngine.ENGINE_NAME;
    }

    @Override
    public boolean supports(EngineSettings settings) {
        return settings.option("endpoint").isPresent();
    }

    /** An endpoint given explicitly is what the host asked for: it beats a local model file. */
    @Override
    public int priority() {
        return 200;
    }

    @Override
    public EngineOptions options() {
        return RemoteEngineConfig.OPTIONS;
    }

    @Override
    public InferenceEngine open(EngineSettings settings) {
        return RemoteEngine.open(RemoteEngineConfig.fromSettings(settings));
    }
}
