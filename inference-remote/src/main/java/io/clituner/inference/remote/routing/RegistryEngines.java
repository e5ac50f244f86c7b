package io.clituner.inference.remote.routing;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.inference.remote.RemoteEngine;
import io.clituner.inference.remote.RemoteEngineConfig;
import io.clituner.inference.remote.metrics.EndpointMetrics;
import io.clituner.provenance.registry.ModelVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the engine a registry version's serving spec describes. A spec with an {@code endpoint}
 * opens a {@link RemoteEngine}: {@code model} defaults to the registry's model name and
 * {@code revision} to the version's manifest root digest (the weights the registry says are
 * deployed there); every other remote option is read as {@link RemoteEngineConfig#fromSettings}
 * reads it. A spec without one is handed to the engine SPI ({@code engine}, {@code modelPath} and
 * the engine's own options).
 */
public final class RegistryEngines {
    private RegistryEngines() {}

    public static InferenceEngine open(ModelVersion version, EndpointMetrics metrics) {
        Map<String, String> serving = version.servingConfig();
        if (serving.containsKey("endpoint")) {
            return RemoteEngine.open(RemoteEngineConfig.fromSettings(settings(version)), metrics);
        }
        String modelPath = serving.get("modelPath");
        Map<String, String> options = new LinkedHashMap<>(serving);
        options.remove("engine");
        options.remove("modelPath");
        return InferenceEngines.open(
                EngineSettings.of(serving.get("engine"), modelPath == null ? null : Path.of(modelPath), options));
    }

    /** The engine settings of a version whose serving spec names an endpoint. */
    public static EngineSettings settings(ModelVersion version) {
        Map<String, String> options = new LinkedHashMap<>(version.servingConfig());
        options.putIfAbsent("model", version.ref().model());
        options.putIfAbsent("revision", "sha256:" + version.manifest().rootDigest());
        return EngineSettings.of(RemoteEngine.ENGINE_NAME, null, options);
    }
}
