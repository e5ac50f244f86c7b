package io.clituner.core.engine;

import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds engines on the class path with {@link ServiceLoader}. */
public final class InferenceEngines {
    private InferenceEngines() {}

    public static List<InferenceEngineProvider> providers() {
        List<InferenceEngineProvider> out = new ArrayList<>();
        try {
            ServiceLoader.load(InferenceEngineProvider.class).forEach(out::add);
        } catch (java.util.ServiceConfigurationError broken) {
            throw new ConfigurationException(
                    ErrorCode.ENGINE_NOT_FOUND,
                    "a registered InferenceEngineProvider cannot be loaded (broken class path?): "
                            + broken.getMessage(),
                    broken);
        }
        out.sort(Comparator.comparingInt(InferenceEngineProvider::priority).reversed());
        return out;
    }

    /** The named provider if settings name one, else the highest-priority provider that supports them. */
    public static InferenceEngineProvider select(EngineSettings settings) {
        List<InferenceEngineProvider> all = providers();
        if (all.isEmpty()) {
            throw new ConfigurationException(
                    ErrorCode.ENGINE_NOT_FOUND,
                    "no InferenceEngineProvider on the class path: add clituner-inference-gguf or clituner-inference-djl");
        }
        if (settings.engine().isPresent()) {
            String name = settings.engine().get();
            return all.stream()
                    .filter(p -> p.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> new ConfigurationException(
                            ErrorCode.ENGINE_NOT_FOUND,
                            "no engine named '" + name + "'; available: "
                                    + all.stream()
                                            .map(InferenceEngineProvider::name)
                                            .toList()));
        }
        return all.stream()
                .filter(p -> p.supports(settings))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(
                        ErrorCode.ENGINE_NOT_FOUND,
                        "no engine supports these settings; available: "
                                + all.stream()
                                        .map(InferenceEngineProvider::name)
                                        .toList()));
    }

    /** Opens the selected engine after checking every option against what it declares ({@link InferenceEngineProvider#options()}). */
    public static InferenceEngine open(EngineSettings settings) {
        InferenceEngineProvider provider = select(settings);
        provider.options().parse(settings.options());
        return provider.open(settings);
    }
}
