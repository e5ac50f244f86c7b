package io.clituner.core.engine;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to open an engine: an optional engine name (else the best available provider is chosen),
 * an optional model file, and engine-specific options as strings (e.g. {@code threads},
 * {@code contextSize}, {@code gpuLayers}, {@code grammar}).
 */
public record EngineSettings(@Nullable String engineName, @Nullable Path modelPath, Map<String, String> options) {
    public EngineSettings {
        options = Map.copyOf(options);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(null, null, Map.of());
    }

    public static EngineSettings forModel(Path modelFile) {
        return new EngineSettings(null, modelFile, Map.of());
    }

    public Optional<String> engine() {
        return Optional.ofNullable(engineName);
    }

    public Optional<Path> model() {
        return Optional.ofNullable(modelPath);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public int intOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new io.clituner.core.error.ConfigurationException(io.clituner.core.error.ErrorCode.CONFIGURATION,
                    "option " + key + " must be an integer, got '" + v + "'");
        }
    }

    public boolean booleanOption(String key, boolean fallback) {
        String v = options.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private @Nullable String engine;
        private @Nullable Path model;
        private final Map<String, String> options = new LinkedHashMap<>();

        public Builder engine(String name) {
            this.engine = name;
            return this;
        }

        public Builder model(Path file) {
            this.model = file;
            return this;
        }

        public Builder option(String key, Object value) {
            options.put(key, String.valueOf(value));
            return this;
        }

        public EngineSettings build() {
            return new EngineSettings(engine, model, options);
        }
    }
}
