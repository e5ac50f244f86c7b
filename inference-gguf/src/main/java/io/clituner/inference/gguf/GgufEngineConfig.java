package io.clituner.inference.gguf;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a GGUF model. Decoding is always greedy (temperature 0) with a fixed seed and the
 * prompt cache off, so the same prompt gives the same text on every call (see the module README).
 *
 * @param modelPath      the .gguf file
 * @param contextSize    tokens of context (prompt plus generated); 0 = min(2048, the model's own)
 * @param threads        CPU threads for generation and prompt processing
 * @param gpuLayers      layers to offload to a GPU; needs a CUDA build given by {@code nativeLibPath}
 * @param maxTokens      most new tokens per command
 * @param grammar        constrain output to one line of command text ({@link io.clituner.inference.gguf.grammar.CommandGrammar})
 * @param stopStrings    extra strings that end generation (the chat format's end-of-turn markers are always added)
 * @param seed           sampler seed (irrelevant to greedy decoding, fixed for reproducibility)
 * @param nativeLibPath  directory holding a user-built {@code libjllama.so} (e.g. with CUDA), or null for the bundled CPU build
 * @param chatFormat     force a chat format, or null to read it from the model
 */
public record GgufEngineConfig(Path modelPath, int contextSize, int threads, int gpuLayers, int maxTokens, boolean grammar,
                               List<String> stopStrings, int seed, Path nativeLibPath, ChatFormat chatFormat) {

    public static final int DEFAULT_CONTEXT = 2048;
    public static final int DEFAULT_MAX_TOKENS = 96;
    public static final int DEFAULT_SEED = 42;

    public GgufEngineConfig {
        if (modelPath == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "the gguf engine needs a model file (.gguf), e.g. Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf");
        }
        check(contextSize == 0 || (contextSize >= 64 && contextSize <= 1 << 20), "contextSize must be 0 (automatic) or 64..1048576", contextSize);
        check(threads >= 1 && threads <= 512, "threads must be 1..512", threads);
        check(gpuLayers >= 0 && gpuLayers <= 10_000, "gpuLayers must be 0..10000", gpuLayers);
        check(maxTokens >= 1 && maxTokens <= 8192, "maxTokens must be 1..8192", maxTokens);
        stopStrings = List.copyOf(Objects.requireNonNull(stopStrings, "stopStrings"));
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "stop strings must not be empty");
            }
        }
    }

    private static void check(boolean ok, String rule, int value) {
        if (!ok) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, rule + ", got " + value);
        }
    }

    /**
     * A thread count that suits the host: half the cores, at most 4, at least 1. llama.cpp's token
     * generation is memory-bound and its threads spin; on a 2-core machine one thread measured up to
     * 10x faster than two (the second thread fights the JVM and the OS for the other core).
     */
    public static int defaultThreads() {
        return defaultThreads(Runtime.getRuntime().availableProcessors());
    }

    static int defaultThreads(int cores) {
        return Math.max(1, Math.min(4, cores / 2));
    }

    public Optional<Path> nativeLibrary() {
        return Optional.ofNullable(nativeLibPath);
    }

    public Optional<ChatFormat> forcedChatFormat() {
        return Optional.ofNullable(chatFormat);
    }

    public static Builder builder(Path modelPath) {
        return new Builder(modelPath);
    }

    public Builder toBuilder() {
        Builder b = new Builder(modelPath);
        b.contextSize = contextSize;
        b.threads = threads;
        b.gpuLayers = gpuLayers;
        b.maxTokens = maxTokens;
        b.grammar = grammar;
        b.stopStrings = new ArrayList<>(stopStrings);
        b.seed = seed;
        b.nativeLibPath = nativeLibPath;
        b.chatFormat = chatFormat;
        return b;
    }

    /**
     * Reads {@link EngineSettings}: the model path plus options {@code contextSize}, {@code threads},
     * {@code gpuLayers}, {@code maxTokens}, {@code grammar} (true/false), {@code stop} (comma-separated;
     * {@code \n}, {@code \t}, {@code \,} and {@code \\} escapes), {@code seed}, {@code nativeLibPath},
     * {@code chatFormat} (chatml, llama2, llama3, mistral-v1, mistral-v3, mistral-v7, gemma, phi3, phi4).
     */
    public static GgufEngineConfig fromSettings(EngineSettings settings) {
        Path model = settings.model().orElseThrow(() -> new ConfigurationException(ErrorCode.CONFIGURATION,
                "the gguf engine needs a model file: pass --model FILE.gguf (for example Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf,"
                        + " downloaded once from Hugging Face and kept locally)"));
        Builder b = builder(model)
                .contextSize(settings.intOption("contextSize", 0))
                .threads(settings.intOption("threads", defaultThreads()))
                .gpuLayers(settings.intOption("gpuLayers", 0))
                .maxTokens(settings.intOption("maxTokens", DEFAULT_MAX_TOKENS))
                .grammar(settings.booleanOption("grammar", true))
                .seed(settings.intOption("seed", DEFAULT_SEED));
        settings.option("stop").ifPresent(s -> b.stopStrings(splitStops(s)));
        settings.option("nativeLibPath").filter(s -> !s.isBlank()).ifPresent(s -> b.nativeLibPath(Path.of(s.trim())));
        settings.option("chatFormat").filter(s -> !s.isBlank() && !s.equalsIgnoreCase("auto")).ifPresent(s -> {
            try {
                b.chatFormat(ChatFormat.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, e.getMessage());
            }
        });
        return b.build();
    }

    /** Splits the {@code stop} option: comma-separated, with {@code \n}, {@code \t}, {@code \r}, {@code \,} and {@code \\} escapes. */
    public static List<String> splitStops(String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                char n = spec.charAt(++i);
                cur.append(switch (n) {
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

    /** Builds a {@link GgufEngineConfig} with defaults that work on any host. */
    public static final class Builder {
        private final Path modelPath;
        private int contextSize;
        private int threads = defaultThreads();
        private int gpuLayers;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private boolean grammar = true;
        private List<String> stopStrings = new ArrayList<>();
        private int seed = DEFAULT_SEED;
        private Path nativeLibPath;
        private ChatFormat chatFormat;

        private Builder(Path modelPath) {
            this.modelPath = modelPath;
        }

        public Builder contextSize(int tokens) {
            this.contextSize = tokens;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder gpuLayers(int layers) {
            this.gpuLayers = layers;
            return this;
        }

        public Builder maxTokens(int tokens) {
            this.maxTokens = tokens;
            return this;
        }

        public Builder grammar(boolean oneLine) {
            this.grammar = oneLine;
            return this;
        }

        public Builder stopStrings(List<String> stops) {
            this.stopStrings = new ArrayList<>(stops);
            return this;
        }

        public Builder seed(int seed) {
            this.seed = seed;
            return this;
        }

        public Builder nativeLibPath(Path directory) {
            this.nativeLibPath = directory;
            return this;
        }

        public Builder chatFormat(ChatFormat format) {
            this.chatFormat = format;
            return this;
        }

        public GgufEngineConfig build() {
            return new GgufEngineConfig(modelPath, contextSize, threads, gpuLayers, maxTokens, grammar, stopStrings, seed,
                    nativeLibPath, chatFormat);
        }
    }
}
