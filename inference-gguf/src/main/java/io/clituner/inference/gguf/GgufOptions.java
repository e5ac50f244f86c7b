package io.clituner.inference.gguf;

import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The engine options both GGUF engines ({@code gguf} and {@code java-llama.cpp}) accept, declared once: key,
 * accepted values, default and meaning. Each engine's config adds its own (see {@code GgufEngineConfig.OPTIONS},
 * {@code LlamaCppConfig.OPTIONS}); the config records check values set in code against the same specs.
 */
public final class GgufOptions {
    public static final int DEFAULT_CONTEXT = 2048;
    public static final int DEFAULT_MAX_TOKENS = 96;
    public static final int DEFAULT_SEED = 42;

    public static final OptionSpec<Integer> CONTEXT_SIZE = OptionSpec.integer(
            "contextSize",
            "tokens of context (prompt plus generated); 0 = min(" + DEFAULT_CONTEXT + ", the model's own)",
            0,
            "0 (automatic) or 64..1048576",
            v -> v == 0 || (v >= 64 && v <= 1 << 20));
    public static final OptionSpec<Integer> GPU_LAYERS = OptionSpec.integer(
            "gpuLayers", "layers to offload to a GPU (needs a GPU build given by nativeLibPath)", 0, 0, 10_000);
    public static final OptionSpec<Integer> MAX_TOKENS =
            OptionSpec.integer("maxTokens", "most new tokens per command", DEFAULT_MAX_TOKENS, 1, 8192);
    public static final OptionSpec<List<String>> STOP = OptionSpec.custom(
            "stop",
            "extra strings that end generation (the chat format's end-of-turn markers are always added)",
            "comma-separated non-empty strings (\\n, \\t, \\r, \\, and \\\\ escapes)",
            List.of(),
            GgufOptions::stops);
    public static final OptionSpec<Integer> SEED =
            OptionSpec.integer("seed", "sampler seed (fixed for reproducibility)", DEFAULT_SEED, "any", v -> true);
    public static final OptionSpec<Path> NATIVE_LIB_PATH = OptionSpec.path(
            "nativeLibPath",
            "a directory of user-built llama.cpp libraries (e.g. CUDA) instead of the bundled CPU build");
    public static final OptionSpec<Optional<ChatFormat>> CHAT_FORMAT = OptionSpec.custom(
            "chatFormat",
            "force a chat format instead of the model's own",
            "auto or one of "
                    + Arrays.stream(ChatFormat.values())
                            .map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining(", ")),
            Optional.empty(),
            s -> s.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(ChatFormat.parse(s)));

    private GgufOptions() {}

    /** {@code threads}, 1..512, with the engine's own default (the two bindings measured different best counts). */
    public static OptionSpec<Integer> threads(int defaultThreads) {
        return OptionSpec.integer(
                "threads", "CPU threads for generation and prompt processing", defaultThreads, 1, 512);
    }

    /** The options both engines accept, in documentation order. */
    public static List<OptionSpec<?>> common(OptionSpec<Integer> threads) {
        return List.of(CONTEXT_SIZE, threads, GPU_LAYERS, MAX_TOKENS, STOP, SEED, NATIVE_LIB_PATH, CHAT_FORMAT);
    }

    /** A config record's model file: required, before anything else is read. */
    public static Path requireModel(@Nullable Path modelPath) {
        if (modelPath == null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION,
                    "a GGUF engine needs a model file: pass --model FILE.gguf (for example Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf,"
                            + " downloaded once from Hugging Face and kept locally)");
        }
        return modelPath;
    }

    /** Checks values both config records hold against the specs, so code and option text obey one rule. */
    public static List<String> checkCommon(
            OptionSpec<Integer> threadsSpec,
            int contextSize,
            int threads,
            int gpuLayers,
            int maxTokens,
            List<String> stopStrings) {
        CONTEXT_SIZE.check(contextSize);
        threadsSpec.check(threads);
        GPU_LAYERS.check(gpuLayers);
        MAX_TOKENS.check(maxTokens);
        List<String> stops = List.copyOf(stopStrings);
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "option stop: stop strings must not be empty");
        }
        return stops;
    }

    private static List<String> stops(String raw) {
        List<String> stops = splitStops(raw);
        if (stops.isEmpty()) {
            throw new IllegalArgumentException("no stop string");
        }
        return stops;
    }

    /** Splits the {@code stop} option: comma-separated, with {@code \n}, {@code \t}, {@code \r}, {@code \,} and {@code \\} escapes. */
    public static List<String> splitStops(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                char n = spec.charAt(++i);
                cur.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> n;
                        });
            } else if (c == ',') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
