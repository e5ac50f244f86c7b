package io.clituner.examples.cli;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.GgufEngineProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The engine options {@code translate} and {@code eval} share: shorthands for the common GGUF options and
 * {@code --option KEY=VALUE} for any option the chosen engine declares. The chosen engine reads them strictly
 * ({@link io.clituner.core.engine.options.EngineOptions}): an unknown key or a bad value ends the command with
 * exit 2 and a message naming the key and the accepted values.
 */
final class EngineOptionsMixin {
    @Option(names = "--threads", description = "inference threads for GGUF models (default: chosen for this host)")
    Integer threads;

    @Option(names = "--gpu-layers", description = "layers to offload to a GPU (needs a GPU build of llama.cpp)")
    Integer gpuLayers;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description = "longest command a GGUF model may generate, in tokens")
    Integer maxTokens;

    @Option(
            names = "--output-mode",
            paramLabel = "MODE",
            description =
                    "GGUF output: grammar (one-line GBNF, default) or parser (free generation, first command line; java-llama.cpp: no grammar)")
    String outputMode;

    @Option(
            names = "--option",
            paramLabel = "KEY=VALUE",
            description =
                    "an option of the chosen engine (repeatable), e.g. --option contextSize=4096; an unknown key or a bad value is an error that lists the accepted ones")
    List<String> options = new ArrayList<>();

    /**
     * Adds the shorthands and every {@code --option} to the settings; a key given twice is a usage error. The old
     * binding ({@code java-llama.cpp}) says {@code --output-mode} as its {@code grammar} option.
     */
    void applyTo(EngineSettings.Builder settings, @Nullable String engine) {
        applyTo(settings, engine, Map.of());
    }

    /** As {@link #applyTo(EngineSettings.Builder, String)} with a command's own flags (flag → {@code KEY=VALUE}). */
    void applyTo(EngineSettings.Builder settings, @Nullable String engine, Map<String, Object> flags) {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        if (outputMode != null && GgufEngineProvider.NAME.equalsIgnoreCase(engine)) {
            put(all, source, "grammar", grammar(outputMode), "--output-mode");
        } else {
            put(all, source, "output", outputMode, "--output-mode");
        }
        put(all, source, "threads", threads, "--threads");
        put(all, source, "gpuLayers", gpuLayers, "--gpu-layers");
        put(all, source, "maxTokens", maxTokens, "--max-tokens");
        flags.forEach((flag, kv) -> {
            String text = String.valueOf(kv);
            int eq = text.indexOf('=');
            put(all, source, text.substring(0, eq), text.substring(eq + 1), flag);
        });
        for (String kv : options) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "--option takes KEY=VALUE (e.g. --option contextSize=4096), got '" + kv + "'");
            }
            put(all, source, kv.substring(0, eq).strip(), kv.substring(eq + 1), "--option " + kv);
        }
        all.forEach(settings::option);
    }

    private static String grammar(String mode) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "grammar" -> "true";
            case "parser" -> "false";
            default ->
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "--output-mode must be grammar or parser, got '" + mode + "'");
        };
    }

    private static void put(
            Map<String, String> all, Map<String, String> source, String key, Object value, String given) {
        if (value == null) {
            return;
        }
        if (all.containsKey(key)) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "engine option " + key + " is given twice (" + source.get(key) + " and " + given
                            + "); give it once");
        }
        all.put(key, String.valueOf(value));
        source.put(key, given);
    }
}
