package io.clituner.core.engine;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to open an engine: an optional engine name (else the best available provider is chosen),
 * an optional model file, and engine-specific options as text (e.g. {@code threads=4}). The text is
 * read by the chosen engine's declared {@link io.clituner.core.engine.options.EngineOptions}: an
 * undeclared key or a value outside its accepted values is a
 * {@link io.clituner.core.error.ConfigurationException}, never ignored.
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

    /** The raw text of one option (providers read typed values through their {@code EngineOptions}). */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
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

        /** Sets an option's text ({@code String.valueOf(value)}); a key given twice is refused, as is a null. */
        public Builder option(String key, Object value) {
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(value, "value");
            if (options.containsKey(key)) {
                throw new IllegalStateException("option " + key + " was already set to " + options.get(key));
            }
            options.put(key, String.valueOf(value));
            return this;
        }

        public EngineSettings build() {
            return new EngineSettings(engine, model, options);
        }
    }
}
