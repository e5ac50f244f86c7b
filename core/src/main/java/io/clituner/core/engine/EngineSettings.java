package io.clituner.core.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to open an engine: an optional engine name (else the best available provider is chosen),
 * an optional model file, and engine-specific options as text (e.g. {@code threads=4}). The text is
 * read by the chosen engine's declared {@link io.clituner.core.engine.options.EngineOptions}: an
 * undeclared key or a value outside its accepted values is a
 * {@link io.clituner.core.error.ConfigurationException}, never ignored.
 *
 * <p>An immutable value (equal when name, model and options are equal). One name per concept: the engine is
 * {@link #engine()}, the model file {@link #model()}, both {@code Optional}; made by {@link #defaults()},
 * {@link #forModel(Path)}, {@link #of} or {@link #builder()}.
 */
public final class EngineSettings {
    private final @Nullable String engine;
    private final @Nullable Path model;
    private final Map<String, String> options;

    private EngineSettings(@Nullable String engine, @Nullable Path model, Map<String, String> options) {
        this.engine = engine;
        this.model = model;
        this.options = Map.copyOf(options);
    }

    /** No engine name (the best available provider), no model file, no options: the embedded default engine. */
    public static EngineSettings defaults() {
        return new EngineSettings(null, null, Map.of());
    }

    /** The best provider for this model file, without options. */
    public static EngineSettings forModel(Path modelFile) {
        return new EngineSettings(null, Objects.requireNonNull(modelFile, "modelFile"), Map.of());
    }

    /**
     * Settings read from elsewhere (a registry entry, a configuration file), where the name and the model may be
     * absent.
     *
     * @param engine  the engine name, or {@code null} for the best available provider
     * @param model   the model file, or {@code null} for none
     * @param options option texts by key (copied)
     */
    public static EngineSettings of(@Nullable String engine, @Nullable Path model, Map<String, String> options) {
        return new EngineSettings(engine, model, Objects.requireNonNull(options, "options"));
    }

    /** The engine's name, when one was asked for by name. */
    public Optional<String> engine() {
        return Optional.ofNullable(engine);
    }

    /** The model file, when the engine takes one. */
    public Optional<Path> model() {
        return Optional.ofNullable(model);
    }

    /** Every option's text by key (unmodifiable). */
    public Map<String, String> options() {
        return options;
    }

    /** The raw text of one option (providers read typed values through their {@code EngineOptions}). */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EngineSettings s
                && Objects.equals(engine, s.engine)
                && Objects.equals(model, s.model)
                && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, model, options);
    }

    @Override
    public String toString() {
        return "EngineSettings[engine=" + engine + ", model=" + model + ", options=" + options + "]";
    }

    /** Engine and model may be set again (the last call wins; null unsets); an option key only once. */
    public static final class Builder {
        private @Nullable String engine;
        private @Nullable Path model;
        private final Map<String, String> options = new LinkedHashMap<>();

        /** The engine by name, or {@code null} for the best available provider. */
        public Builder engine(@Nullable String name) {
            this.engine = name;
            return this;
        }

        /** The model file, or {@code null} for none. */
        public Builder model(@Nullable Path file) {
            this.model = file;
            return this;
        }

        /** Sets an option's text ({@code String.valueOf(value)}); a key given twice is refused, as is a null. */
        public Builder option(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
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
