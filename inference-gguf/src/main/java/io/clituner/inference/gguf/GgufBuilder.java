package io.clituner.inference.gguf;

import io.clituner.core.engine.options.OptionSpec;
import io.clituner.core.engine.options.OptionValues;
import io.clituner.inference.gguf.template.ChatFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings both GGUF engine configs share, with one setter each, read from engine options in one place
 * ({@link #apply}); {@code GgufEngineConfig.Builder} and {@code LlamaCppConfig.Builder} add only their own.
 * Defaults are the {@link GgufOptions} specs' defaults.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class GgufBuilder<B extends GgufBuilder<B>> {
    protected final Path modelPath;
    protected int contextSize = GgufOptions.CONTEXT_SIZE.defaultValue().orElseThrow();
    protected int threads;
    protected int gpuLayers = GgufOptions.GPU_LAYERS.defaultValue().orElseThrow();
    protected int maxTokens = GgufOptions.MAX_TOKENS.defaultValue().orElseThrow();
    protected List<String> stopStrings = new ArrayList<>();
    protected int seed = GgufOptions.SEED.defaultValue().orElseThrow();
    protected @Nullable Path nativeLibPath;
    protected @Nullable ChatFormat chatFormat;
    private final OptionSpec<Integer> threadsSpec;

    protected GgufBuilder(Path modelPath, OptionSpec<Integer> threadsSpec) {
        this.modelPath = modelPath;
        this.threadsSpec = threadsSpec;
        this.threads = threadsSpec.defaultValue().orElseThrow();
    }

    protected abstract B self();

    /** Sets every shared option the values hold (given or defaulted). */
    public B apply(OptionValues v) {
        contextSize = v.get(GgufOptions.CONTEXT_SIZE);
        threads = v.get(threadsSpec);
        gpuLayers = v.get(GgufOptions.GPU_LAYERS);
        maxTokens = v.get(GgufOptions.MAX_TOKENS);
        stopStrings = new ArrayList<>(v.get(GgufOptions.STOP));
        seed = v.get(GgufOptions.SEED);
        nativeLibPath = v.optional(GgufOptions.NATIVE_LIB_PATH).orElse(null);
        chatFormat = v.get(GgufOptions.CHAT_FORMAT).orElse(null);
        return self();
    }

    public B contextSize(int tokens) {
        this.contextSize = tokens;
        return self();
    }

    public B threads(int threads) {
        this.threads = threads;
        return self();
    }

    public B gpuLayers(int layers) {
        this.gpuLayers = layers;
        return self();
    }

    public B maxTokens(int tokens) {
        this.maxTokens = tokens;
        return self();
    }

    public B stopStrings(List<String> stops) {
        this.stopStrings = new ArrayList<>(Objects.requireNonNull(stops, "stops"));
        return self();
    }

    public B seed(int seed) {
        this.seed = seed;
        return self();
    }

    /** A directory of user-built llama.cpp libraries, or null for the bundled CPU build. */
    public B nativeLibPath(@Nullable Path directory) {
        this.nativeLibPath = directory;
        return self();
    }

    /** A chat format to force, or null for the model's own. */
    public B chatFormat(@Nullable ChatFormat format) {
        this.chatFormat = format;
        return self();
    }
}
