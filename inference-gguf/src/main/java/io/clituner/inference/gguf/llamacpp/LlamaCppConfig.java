package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.GgufEngineConfig;
import io.clituner.inference.gguf.output.OutputMode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.clituner.inference.gguf.generation.Sampling;

/**
 * How {@link LlamaCppEngine} runs a GGUF model.
 *
 * @param modelPath      the .gguf file
 * @param contextSize    tokens of context; 0 = min(2048, the model's own)
 * @param threads        CPU threads for generation and prompt processing (default: {@link CpuCores#defaultThreads()})
 * @param gpuLayers      layers to offload to a GPU (needs a GPU build in {@code nativeLibPath}; without a GPU: CPU, one log line)
 * @param maxTokens      most new tokens per command
 * @param output         one-line grammar or free generation with the first command extracted ({@link OutputMode})
 * @param stopStrings    extra strings that end generation
 * @param sampling       greedy (default) or seeded sampling
 * @param flashAttention explicit flash-attention setting
 * @param promptChunk    prompt tokens per decode call (llama.cpp's batch), also the KV-reuse granularity
 * @param kvReuse        keep the KV cache of the common prompt prefix between requests (output unchanged; tested)
 * @param nativeLibPath  a directory of llama.cpp libraries (e.g. a CUDA or Vulkan build) instead of the bundled CPU build
 * @param chatFormat     force one of llama.cpp's built-in templates instead of the model's own
 */
public record LlamaCppConfig(Path modelPath, int contextSize, int threads, int gpuLayers, int maxTokens, OutputMode output,
                             List<String> stopStrings, Sampling sampling, FlashAttention flashAttention, int promptChunk,
                             boolean kvReuse, Path nativeLibPath, ChatFormat chatFormat) {
    public static final int DEFAULT_PROMPT_CHUNK = 64;

    public LlamaCppConfig {
        if (modelPath == null) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION,
                    "the gguf engine needs a model file (.gguf), e.g. Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf");
        }
        check(contextSize == 0 || (contextSize >= 64 && contextSize <= 1 << 20), "contextSize must be 0 (automatic) or 64..1048576", contextSize);
        check(threads >= 1 && threads <= 512, "threads must be 1..512", threads);
        check(gpuLayers >= 0 && gpuLayers <= 10_000, "gpuLayers must be 0..10000", gpuLayers);
        check(maxTokens >= 1 && maxTokens <= 8192, "maxTokens must be 1..8192", maxTokens);
        check(promptChunk >= 1 && promptChunk <= 8192, "promptChunk must be 1..8192", promptChunk);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(flashAttention, "flashAttention");
        stopStrings = List.copyOf(Objects.requireNonNull(stopStrings, "stopStrings"));
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "stop strings must not be empty");
        }
    }

    private static void check(boolean ok, String rule, int value) {
        if (!ok) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, rule + ", got " + value);
        }
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

    /**
     * Reads {@link EngineSettings}: the options of {@link GgufEngineConfig#fromSettings} ({@code contextSize},
     * {@code threads}, {@code gpuLayers}, {@code maxTokens}, {@code grammar}, {@code stop}, {@code seed},
     * {@code nativeLibPath}, {@code chatFormat}) plus {@code output} (grammar|parser; {@code grammar=false} means
     * parser), {@code temperature}, {@code topK}, {@code topP}, {@code flashAttention} (on|off|auto),
     * {@code promptChunk} and {@code kvReuse}.
     */
    public static LlamaCppConfig fromSettings(EngineSettings settings) {
        GgufEngineConfig common = GgufEngineConfig.fromSettings(settings);
        Builder b = builder(common.modelPath())
                .contextSize(common.contextSize())
                .threads(settings.intOption("threads", CpuCores.defaultThreads()))
                .gpuLayers(common.gpuLayers())
                .maxTokens(common.maxTokens())
                .stopStrings(common.stopStrings())
                .promptChunk(settings.intOption("promptChunk", DEFAULT_PROMPT_CHUNK))
                .kvReuse(settings.booleanOption("kvReuse", true))
                .nativeLibPath(common.nativeLibPath())
                .chatFormat(common.chatFormat());
        b.output(settings.option("output").map(OutputMode::parse).orElse(common.grammar() ? OutputMode.GRAMMAR : OutputMode.PARSER));
        b.flashAttention(settings.option("flashAttention").map(FlashAttention::parse).orElse(FlashAttention.AUTO));
        float temperature = floatOption(settings, "temperature", 0f);
        try {
            b.sampling(new Sampling(temperature, settings.intOption("topK", 40), floatOption(settings, "topP", 0.95f), common.seed()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, e.getMessage());
        }
        return b.build();
    }

    private static float floatOption(EngineSettings settings, String key, float fallback) {
        Optional<String> v = settings.option(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Float.parseFloat(v.get().trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(ErrorCode.CONFIGURATION, "option " + key + " must be a number, got '" + v.get() + "'");
        }
    }

    /** Builds a {@link LlamaCppConfig} with defaults that work on any host. */
    public static final class Builder {
        private final Path modelPath;
        private int contextSize;
        private int threads = CpuCores.defaultThreads();
        private int gpuLayers;
        private int maxTokens = GgufEngineConfig.DEFAULT_MAX_TOKENS;
        private OutputMode output = OutputMode.GRAMMAR;
        private List<String> stopStrings = new ArrayList<>();
        private Sampling sampling = Sampling.greedy();
        private FlashAttention flashAttention = FlashAttention.AUTO;
        private int promptChunk = DEFAULT_PROMPT_CHUNK;
        private boolean kvReuse = true;
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

        public Builder output(OutputMode mode) {
            this.output = mode;
            return this;
        }

        public Builder stopStrings(List<String> stops) {
            this.stopStrings = new ArrayList<>(stops);
            return this;
        }

        public Builder sampling(Sampling sampling) {
            this.sampling = sampling;
            return this;
        }

        public Builder flashAttention(FlashAttention mode) {
            this.flashAttention = mode;
            return this;
        }

        public Builder promptChunk(int tokens) {
            this.promptChunk = tokens;
            return this;
        }

        public Builder kvReuse(boolean on) {
            this.kvReuse = on;
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

        public LlamaCppConfig build() {
            return new LlamaCppConfig(modelPath, contextSize, threads, gpuLayers, maxTokens, output, stopStrings, sampling,
                    flashAttention, promptChunk, kvReuse, nativeLibPath, chatFormat);
        }
    }
}
