package io.clituner.core.engine;

/**
 * SPI registered in {@code META-INF/services/io.clituner.core.engine.InferenceEngineProvider}.
 * {@link InferenceEngines#open(EngineSettings)} asks each provider whether it {@link #supports}
 * the settings and opens the one with the highest {@link #priority()}.
 */
public interface InferenceEngineProvider {
    /** Short name used in settings and provenance ("gguf", "retrieval"). */
    String name();

    /** Whether this provider can open an engine for these settings (e.g. a GGUF provider needs a model file). */
    boolean supports(EngineSettings settings);

    /** Higher wins when several providers support the settings. */
    int priority();

    /**
     * The options this engine accepts, with their types, defaults and accepted values. {@link InferenceEngines#open}
     * parses the settings' options with them before {@link #open}, so an unknown key or a bad value is a
     * {@link io.clituner.core.error.ConfigurationException} naming it, never silently ignored. By default: none.
     */
    default io.clituner.core.engine.options.EngineOptions options() {
        return io.clituner.core.engine.options.EngineOptions.of(name());
    }

    InferenceEngine open(EngineSettings settings);
}
