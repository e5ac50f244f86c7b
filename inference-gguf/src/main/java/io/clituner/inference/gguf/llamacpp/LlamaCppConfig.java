package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.engine.options.OptionValues;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.gguf.GgufBuilder;
import io.clituner.inference.gguf.GgufOptions;
import io.clituner.inference.gguf.generation.Sampling;
import io.clituner.inference.gguf.output.OutputMode;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param nativeLibPath  a directory of llama.cpp libraries (e.g. a CUDA or Vulkan build); empty for the bundled CPU build
 * @param chatFormat     one of llama.cpp's built-in templates forced instead of the model's own; empty for the model's own
 */
public record LlamaCppConfig(
        Path modelPath,
        int contextSize,
        int threads,
        int gpuLayers,
        int maxTokens,
        OutputMode output,
        List<String> stopStrings,
        Sampling sampling,
        FlashAttention flashAttention,
        int promptChunk,
        boolean kvReuse,
        Optional<Path> nativeLibPath,
        Optional<ChatFormat> chatFormat) {
    public static final int DEFAULT_PROMPT_CHUNK = 64;

    public static final OptionSpec<Integer> THREADS = GgufOptions.threads(CpuCores.defaultThreads());
    public static final OptionSpec<OutputMode> OUTPUT = OptionSpec.oneOf(
            "output",
            "grammar: one-line grammar from the first token; parser: free generation, first command line extracted",
            OutputMode.GRAMMAR,
            List.of(OutputMode.values()),
            OutputMode::option);
    public static final OptionSpec<Double> TEMPERATURE = OptionSpec.decimal(
            "temperature",
            "0 = greedy (the default); above 0 = top-k, top-p, temperature, then a seeded draw",
            0.0,
            0.0,
            10.0);
    public static final OptionSpec<Integer> TOP_K =
            OptionSpec.integer("topK", "candidates kept before a draw (0 = all)", 40, 0, Integer.MAX_VALUE);
    public static final OptionSpec<Double> TOP_P = OptionSpec.custom(
            "topP", "nucleus mass kept before a draw (1 = all)", "a number in (0, 1]", 0.95, LlamaCppConfig::topP);
    public static final OptionSpec<FlashAttention> FLASH_ATTENTION = OptionSpec.oneOf(
            "flashAttention",
            "flash attention; auto picks by model size (module README)",
            FlashAttention.AUTO,
            FlashAttention.class);
    public static final OptionSpec<Integer> PROMPT_CHUNK = OptionSpec.integer(
            "promptChunk",
            "prompt tokens per decode call, also the KV-reuse granularity",
            DEFAULT_PROMPT_CHUNK,
            1,
            8192);
    public static final OptionSpec<Boolean> KV_REUSE = OptionSpec.bool(
            "kvReuse", "keep the KV cache of the common prompt prefix between requests (output unchanged)", true);
    /** The options of the {@code gguf} engine: the shared GGUF options plus its own. */
    public static final EngineOptions OPTIONS = EngineOptions.of(LlamaCppEngine.ENGINE_NAME, all());

    private static List<OptionSpec<?>> all() {
        List<OptionSpec<?>> all = new ArrayList<>(GgufOptions.common(THREADS));
        all.addAll(List.of(OUTPUT, TEMPERATURE, TOP_K, TOP_P, FLASH_ATTENTION, PROMPT_CHUNK, KV_REUSE));
        return all;
    }

    private static Double topP(String raw) {
        double v = Double.parseDouble(raw);
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("out of range");
        }
        return v;
    }

    public LlamaCppConfig {
        GgufOptions.requireModel(modelPath);
        stopStrings = GgufOptions.checkCommon(THREADS, contextSize, threads, gpuLayers, maxTokens, stopStrings);
        PROMPT_CHUNK.check(promptChunk);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(flashAttention, "flashAttention");
        Objects.requireNonNull(nativeLibPath, "nativeLibPath (Optional.empty() for the bundled build)");
        Objects.requireNonNull(chatFormat, "chatFormat (Optional.empty() for the model's own)");
    }

    public static Builder builder(Path modelPath) {
        return new Builder(modelPath);
    }

    /**
     * Reads {@link EngineSettings}: the model path plus the options of {@link #OPTIONS} (unknown keys and bad values are
     * {@link ConfigurationException}s naming the key and the accepted values).
     */
    public static LlamaCppConfig fromSettings(EngineSettings settings) {
        Path model = GgufOptions.requireModel(settings.model().orElse(null));
        OptionValues v = OPTIONS.parse(settings.options());
        return builder(model)
                .apply(v)
                .output(v.get(OUTPUT))
                .temperature(v.get(TEMPERATURE).floatValue())
                .topK(v.get(TOP_K))
                .topP(v.get(TOP_P).floatValue())
                .flashAttention(v.get(FLASH_ATTENTION))
                .promptChunk(v.get(PROMPT_CHUNK))
                .kvReuse(v.get(KV_REUSE))
                .build();
    }

    /** Builds a {@link LlamaCppConfig} with defaults that work on any host; greedy unless a temperature is set. */
    public static final class Builder extends GgufBuilder<Builder> {
        private OutputMode output = OUTPUT.defaultValue().orElseThrow();
        private float temperature;
        private int topK = TOP_K.defaultValue().orElseThrow();
        private float topP = TOP_P.defaultValue().orElseThrow().floatValue();
        private FlashAttention flashAttention = FLASH_ATTENTION.defaultValue().orElseThrow();
        private int promptChunk = DEFAULT_PROMPT_CHUNK;
        private boolean kvReuse = KV_REUSE.defaultValue().orElseThrow();

        private Builder(Path modelPath) {
            super(modelPath, THREADS);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder output(OutputMode mode) {
            this.output = mode;
            return this;
        }

        public Builder temperature(float temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder topP(float topP) {
            this.topP = topP;
            return this;
        }

        /** All four sampling settings at once (temperature, topK, topP, seed). */
        public Builder sampling(Sampling sampling) {
            return temperature(sampling.temperature())
                    .topK(sampling.topK())
                    .topP(sampling.topP())
                    .seed(sampling.seed());
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

        public LlamaCppConfig build() {
            Sampling sampling;
            try {
                sampling = temperature == 0f ? Sampling.greedy() : new Sampling(temperature, topK, topP, seed);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, Objects.requireNonNullElse(e.getMessage(), "bad sampling settings"));
            }
            return new LlamaCppConfig(
                    modelPath,
                    contextSize,
                    threads,
                    gpuLayers,
                    maxTokens,
                    output,
                    stopStrings,
                    sampling,
                    flashAttention,
                    promptChunk,
                    kvReuse,
                    Optional.ofNullable(nativeLibPath),
                    Optional.ofNullable(chatFormat));
        }
    }
}
