package io.clituner.inference.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.ModelParameters;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.inference.gguf.format.GgufFile;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.ModelDigests;
import io.clituner.inference.gguf.generation.Generation;
import io.clituner.inference.gguf.generation.TerminationConfidence;
import io.clituner.inference.gguf.grammar.CommandGrammar;
import io.clituner.inference.gguf.internal.binding.Completions;
import io.clituner.inference.gguf.internal.binding.LoadedModelCache;
import io.clituner.inference.gguf.internal.binding.ModelKey;
import io.clituner.inference.gguf.internal.binding.NativeLibrary;
import io.clituner.inference.gguf.internal.binding.SharedModel;
import io.clituner.inference.gguf.template.ChatFormat;
import io.clituner.inference.gguf.template.ChatTemplates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InferenceEngine} on llama.cpp through de.kherud:llama 4.2.0.
 *
 * <p>Opening validates the GGUF header in Java (a bad file never reaches native code), hashes the
 * file (cached), and borrows the natively loaded model from a {@link LoadedModelCache}, which loads
 * each model once per process. Generation renders the prompt with the model's chat format, then
 * decodes greedily with a fixed seed, no prompt cache, the one-line GBNF grammar (unless switched
 * off) and stop strings.
 *
 * <p>Thread-safe: calls on engines sharing a model are serialized by that model's fair lock (one
 * generation at a time per model, in arrival order), which also keeps outputs independent of
 * concurrent traffic. {@link #close()} releases this engine's reference; later calls throw
 * {@link InferenceException} with {@link ErrorCode#ENGINE_CLOSED}.
 */
public final class GgufEngine implements InferenceEngine {
    public static final String ENGINE_NAME = GgufEngineProvider.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(GgufEngine.class);

    private final GgufEngineConfig config;
    private final SharedModel.Lease lease;
    private final SharedModel model;
    private final ChatFormat format;
    private final List<String> stopStrings;
    private final @Nullable String grammar;
    private final int contextSize;
    private final ModelIdentity identity;
    private final InferenceParameters requestParameters;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Daemon threads that tokenize prompts for their token counts, off the generation's critical path. */
    private static final ExecutorService TOKEN_COUNTER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clituner-gguf-token-counter");
        t.setDaemon(true);
        return t;
    });

    private GgufEngine(
            GgufEngineConfig config,
            SharedModel.Lease lease,
            ChatFormat format,
            String formatSource,
            int contextSize,
            NativeLibrary.Loaded nativeLibrary) {
        this.config = config;
        this.lease = lease;
        this.model = lease.model();
        this.format = format;
        this.contextSize = contextSize;
        this.grammar = config.grammar() ? CommandGrammar.ONE_LINE : null;
        LinkedHashSet<String> stops = new LinkedHashSet<>(config.stopStrings());
        stops.addAll(format.endOfTurn());
        this.stopStrings = List.copyOf(stops);
        this.requestParameters = Completions.parameters("", config.maxTokens(), config.seed(), grammar, stopStrings);
        this.identity = identity(model.header(), model.key(), format, formatSource, nativeLibrary);
    }

    /**
     * Opens an engine on the model, loaded once per process by the {@link LoadedModelCache#shared() cache}.
     *
     * @throws io.clituner.core.error.ModelFileException    the file is missing, truncated, corrupt, not GGUF, or llama.cpp refused it
     * @throws io.clituner.core.error.ConfigurationException the native library cannot be loaded, the settings are inconsistent,
     *                                                      or the cache's limit of loaded models is reached
     */
    public static GgufEngine open(GgufEngineConfig config) {
        LoadedModelCache cache = LoadedModelCache.shared();
        GgufFile header = GgufReader.read(config.modelPath());
        String sha256 = ModelDigests.sha256(header);
        NativeLibrary.Loaded nativeLibrary =
                NativeLibrary.ensureLoaded(config.nativeLibPath().orElse(null));

        int gpuLayers = config.gpuLayers();
        if (gpuLayers > 0 && nativeLibrary.build() == NativeLibrary.Build.BUNDLED_CPU) {
            LOG.warn(
                    "gpuLayers={} requested, but the native library bundled with de.kherud:llama 4.2.0 is CPU-only: running on"
                            + " the CPU. Give a CUDA build of llama.cpp's JNI library with nativeLibPath (-D{}) to offload layers.",
                    gpuLayers,
                    NativeLibrary.LIB_PATH_PROPERTY);
            gpuLayers = 0;
        }
        long trained = header.contextLength().orElse((long) GgufEngineConfig.DEFAULT_CONTEXT);
        int contextSize = config.contextSize() > 0
                ? config.contextSize()
                : (int) Math.max(64, Math.min(GgufEngineConfig.DEFAULT_CONTEXT, trained));
        if (contextSize > trained) {
            LOG.warn(
                    "contextSize {} exceeds the {} tokens {} was trained with; quality may drop",
                    contextSize,
                    trained,
                    config.modelPath().getFileName());
        }
        ChatTemplates.Choice choice = config.chatFormat()
                .map(f -> new ChatTemplates.Choice(f, "configured"))
                .orElseGet(() -> ChatTemplates.choose(header));

        ModelKey key = new ModelKey(sha256, contextSize, config.threads(), gpuLayers);
        int layers = gpuLayers;
        SharedModel.Lease shared = cache.acquire(key, header, () -> {
            ModelParameters p = new ModelParameters()
                    .setModel(config.modelPath().toAbsolutePath().toString())
                    .setCtxSize(contextSize)
                    .setThreads(config.threads())
                    .setThreadsBatch(config.threads())
                    .setParallel(1)
                    .setSeed(config.seed())
                    .disableLog();
            if (layers > 0) {
                p.setGpuLayers(layers);
            }
            return p;
        });
        try {
            return new GgufEngine(config, shared, choice.format(), choice.source(), contextSize, nativeLibrary);
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    private static ModelIdentity identity(
            GgufFile header, ModelKey key, ChatFormat format, String formatSource, NativeLibrary.Loaded nativeLibrary) {
        String id = ModelFacts.id(header);
        Map<String, String> meta = ModelFacts.of(header);
        meta.put("chatFormat", format.llamaCppName());
        meta.put("chatFormatSource", formatSource);
        meta.put("contextSize", Integer.toString(key.contextSize()));
        meta.put("threads", Integer.toString(key.threads()));
        meta.put("gpuLayers", Integer.toString(key.gpuLayers()));
        meta.put("nativeLibrary", nativeLibrary.build().name());
        meta.put("binding", "de.kherud:llama:4.2.0");
        return new ModelIdentity(id, header.quantization(), key.sha256(), ENGINE_NAME, meta);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    public GgufEngineConfig config() {
        return config;
    }

    public ChatFormat chatFormat() {
        return format;
    }

    /** The exact text the model sees for this prompt. */
    public String render(Prompt prompt) {
        return format.apply(prompt.messages());
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        ensureOpen();
        String rendered = render(prompt);
        long start = System.nanoTime();
        // Every token covers at least one byte of text, except BOS and SentencePiece's dummy prefix.
        boolean mayOverflow = rendered.getBytes(StandardCharsets.UTF_8).length + 2 + config.maxTokens() > contextSize;
        record Result(Generation generation, int promptTokens) {}
        Result result;
        try {
            result = model.exclusive(llama -> {
                ensureOpen();
                if (mayOverflow) {
                    int promptTokens = llama.encode(rendered).length;
                    checkFits(promptTokens);
                    return new Result(Completions.run(llama, parameters(rendered), config.maxTokens()), promptTokens);
                }
                // The prompt provably fits; count its tokens on another core while the forward passes run
                // (tokenizing concurrently with generation is how llama-server itself works).
                Future<Integer> promptTokens = TOKEN_COUNTER.submit(() -> llama.encode(rendered).length);
                Generation g;
                try {
                    g = Completions.run(llama, parameters(rendered), config.maxTokens());
                } finally {
                    // Joined before the model lock is released: the model may be freed afterwards.
                    awaitQuietly(promptTokens);
                }
                return new Result(g, tokenCount(promptTokens));
            });
        } catch (CliTunerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "llama.cpp failed to generate: " + e.getMessage(), e);
        }
        Generation g = result.generation();
        if (g.text().isBlank()) {
            throw new NoSuggestionException(
                    ErrorCode.NO_SUGGESTION,
                    "the model produced no text for this request (" + g.completionTokens() + " tokens, "
                            + g.stopReason() + ")");
        }
        if (grammar != null && !g.text().endsWith("\n")) {
            // The grammar's line is complete only with its newline: this command was cut off by maxTokens, and a
            // truncated command can mean something else entirely ("rm -rf /tmp/x" cut to "rm -rf /").
            throw new NoSuggestionException(
                    ErrorCode.NO_SUGGESTION,
                    "the model did not finish its command within maxTokens=" + config.maxTokens() + " ("
                            + g.text().length() + " characters so far); raise maxTokens");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stopReason", g.stopReason().name());
        details.put("chatFormat", format.llamaCppName());
        details.put("grammar", grammar != null ? "one-line" : "off");
        details.put("nativeNanos", Long.toString(g.nativeNanos()));
        return new RawModelOutput(
                g.text(),
                TerminationConfidence.of(g),
                TerminationConfidence.METHOD,
                result.promptTokens(),
                g.completionTokens(),
                Duration.ofNanos(System.nanoTime() - start),
                details);
    }

    /**
     * The request parameters with this prompt. One instance per engine, built once (escaping the grammar
     * and stop strings into JSON costs tens of µs), reused under the model's lock, which serializes
     * every use of it.
     */
    private InferenceParameters parameters(String rendered) {
        return requestParameters.setPrompt(rendered);
    }

    private void checkFits(int promptTokens) {
        if (promptTokens + config.maxTokens() > contextSize) {
            // Past the context llama.cpp would silently shift (drop) the start of the prompt.
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED,
                    "the prompt has " + promptTokens
                            + " tokens; with maxTokens " + config.maxTokens() + " it does not fit the context of "
                            + contextSize
                            + " tokens: raise contextSize or shorten the query");
        }
    }

    private static int tokenCount(Future<Integer> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "interrupted while counting prompt tokens", e);
        } catch (ExecutionException e) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "llama.cpp failed to tokenize the prompt: " + e.getCause(), e);
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported by the caller's get()
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new InferenceException(
                    ErrorCode.ENGINE_CLOSED,
                    "the gguf engine for " + config.modelPath().getFileName() + " is closed");
        }
    }

    /** Releases this engine's reference to the shared model (which stays loaded for reuse; see {@link LoadedModelCache}). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lease.close();
        }
    }
}
