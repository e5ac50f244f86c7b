package io.clituner.inference.gguf;

import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.options.EngineOptions;
import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.engine.options.OptionValues;
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
 * @param nativeLibPath  directory holding a user-built {@code libjllama.so} (e.g. with CUDA); empty for the bundled CPU build
 * @param chatFormat     a forced chat format; empty to read it from the model
 */
public record GgufEngineConfig(
        Path modelPath,
        int contextSize,
        int threads,
        int gpuLayers,
        int maxTokens,
        boolean grammar,
        List<String> stopStrings,
        int seed,
        Optional<Path> nativeLibPath,
        Optional<ChatFormat> chatFormat) {

    public static final int DEFAULT_CONTEXT = GgufOptions.DEFAULT_CONTEXT;
    public static final int DEFAULT_MAX_TOKENS = GgufOptions.DEFAULT_MAX_TOKENS;
    public static final int DEFAULT_SEED = GgufOptions.DEFAULT_SEED;

    public static final OptionSpec<Integer> THREADS = GgufOptions.threads(defaultThreads());
    public static final OptionSpec<Boolean> GRAMMAR =
            OptionSpec.bool("grammar", "constrain output to one line of command text (false: free generation)", true);
    /** The options of the {@code java-llama.cpp} engine: the shared GGUF options plus {@code grammar}. */
    public static final EngineOptions OPTIONS = EngineOptions.of(GgufEngineProvider.NAME, withGrammar());

    private static List<OptionSpec<?>> withGrammar() {
        List<OptionSpec<?>> all = new ArrayList<>(GgufOptions.common(THREADS));
        all.add(GRAMMAR);
        return all;
    }

    public GgufEngineConfig {
        GgufOptions.requireModel(modelPath);
        stopStrings = GgufOptions.checkCommon(THREADS, contextSize, threads, gpuLayers, maxTokens, stopStrings);
        Objects.requireNonNull(nativeLibPath, "nativeLibPath (Optional.empty() for the bundled build)");
        Objects.requireNonNull(chatFormat, "chatFormat (Optional.empty() for the model's own)");
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

    public static Builder builder(Path modelPath) {
        return new Builder(modelPath);
    }

    public Builder toBuilder() {
        Builder b = new Builder(modelPath)
                .contextSize(contextSize)
                .threads(threads)
                .gpuLayers(gpuLayers)
                .maxTokens(maxTokens)
                .grammar(grammar)
                .stopStrings(stopStrings)
                .seed(seed)
                .nativeLibPath(nativeLibPath.orElse(null))
                .chatFormat(chatFormat.orElse(null));
        return b;
    }

    /**
     * Reads {@link EngineSettings}: the model path plus the options of {@link #OPTIONS} (unknown keys and bad values
     * are {@link io.clituner.core.error.ConfigurationException}s naming the key and the accepted values).
     */
    public static GgufEngineConfig fromSettings(EngineSettings settings) {
        Path model = GgufOptions.requireModel(settings.model().orElse(null));
        OptionValues v = OPTIONS.parse(settings.options());
        return builder(model).apply(v).grammar(v.get(GRAMMAR)).build();
    }

    /** As {@link GgufOptions#splitStops}. */
    public static List<String> splitStops(String spec) {
        return GgufOptions.splitStops(spec);
    }

    /** Builds a {@link GgufEngineConfig} with defaults that work on any host. */
    public static final class Builder extends GgufBuilder<Builder> {
        private boolean grammar = GRAMMAR.defaultValue().orElseThrow();

        private Builder(Path modelPath) {
            super(modelPath, THREADS);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder grammar(boolean oneLine) {
            this.grammar = oneLine;
            return this;
        }

        public GgufEngineConfig build() {
            return new GgufEngineConfig(
                    modelPath,
                    contextSize,
                    threads,
                    gpuLayers,
                    maxTokens,
                    grammar,
                    stopStrings,
                    seed,
                    Optional.ofNullable(nativeLibPath),
                    Optional.ofNullable(chatFormat));
        }
    }
}
