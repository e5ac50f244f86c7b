package io.clituner.inference.gguf.llamacpp;

import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.inference.gguf.ModelFacts;
import io.clituner.inference.gguf.format.GgufFile;
import io.clituner.inference.gguf.format.GgufReader;
import io.clituner.inference.gguf.format.ModelDigests;
import io.clituner.inference.gguf.grammar.CommandGrammar;
import io.clituner.inference.gguf.internal.decode.Completion;
import io.clituner.inference.gguf.internal.decode.DecodeRequest;
import io.clituner.inference.gguf.internal.decode.DecodeSession;
import io.clituner.inference.gguf.internal.decode.TextStop;
import io.clituner.inference.gguf.internal.llamacpp.LlamaRuntime;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import io.clituner.inference.gguf.output.FirstCommand;
import io.clituner.inference.gguf.output.OutputMode;
import io.clituner.inference.gguf.template.ChatFormat;
import io.clituner.inference.gguf.template.ChatTemplates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InferenceEngine} on the pinned current llama.cpp through this module's own binding ({@code binding}) and
 * decode loop ({@code decode}).
 *
 * <p>Opening validates the GGUF header in Java (a bad file never reaches native code), hashes the file (cached),
 * borrows the process-wide {@link NativeModel} for that file and creates this engine's own context. Generation
 * renders the prompt with llama.cpp's template engine, reuses the KV cache of the common prompt prefix, and decodes
 * greedily (or seeded) with the one-line grammar or the first-command parser ({@link OutputMode}). The confidence is
 * the geometric mean of the model's token probabilities.
 *
 * <p>Thread-safe: calls are serialized per engine by a fair lock (one context, one generation at a time); engines on
 * the same file share the weights and run in parallel. A call is cancelled by interrupting its thread or through the
 * {@link #generate(Prompt, BooleanSupplier)} overload, between decode calls.
 */
public final class LlamaCppEngine implements InferenceEngine {
    public static final String ENGINE_NAME = "gguf";
    public static final String CONFIDENCE_METHOD =
            "gguf-logprob-v1: geometric mean of the model's probabilities of the generated"
                    + " tokens (softmax of the raw logits, before grammar and sampler); 0 when cut off by maxTokens";
    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppEngine.class);

    private final LlamaCppConfig config;
    private final NativeModel model;
    private final DecodeSession session;
    private final ChatRenderer renderer;
    private final List<String> stopStrings;
    private final @Nullable String grammar;
    private final ModelIdentity identity;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicBoolean closed = new AtomicBoolean();

    private LlamaCppEngine(
            LlamaCppConfig config,
            NativeModel model,
            DecodeSession session,
            ChatRenderer renderer,
            ChatFormat format,
            ModelIdentity identity) {
        this.config = config;
        this.model = model;
        this.session = session;
        this.renderer = renderer;
        this.identity = identity;
        this.grammar = config.output() == OutputMode.GRAMMAR ? CommandGrammar.ONE_LINE : null;
        LinkedHashSet<String> stops = new LinkedHashSet<>(config.stopStrings());
        stops.addAll(format.endOfTurn());
        this.stopStrings = List.copyOf(stops);
    }

    /**
     * @throws io.clituner.core.error.ModelFileException    the file is missing, truncated, corrupt, not GGUF, or llama.cpp refused it
     * @throws io.clituner.core.error.ConfigurationException the native libraries cannot be loaded or the settings are inconsistent
     */
    public static LlamaCppEngine open(LlamaCppConfig config) {
        GgufFile header = GgufReader.read(config.modelPath());
        String sha256 = ModelDigests.sha256(config.modelPath());
        LlamaRuntime.Loaded runtime =
                LlamaRuntime.ensureLoaded(config.nativeLibPath().orElse(null));
        int gpuLayers = config.gpuLayers();
        if (gpuLayers > 0 && !runtime.gpuAvailable()) {
            LOG.warn(
                    "gpuLayers={} requested, but llama.cpp ({}) found no GPU (devices: {}): running on the CPU",
                    gpuLayers,
                    runtime.npmPackage(),
                    runtime.devices().stream()
                            .map(LlamaRuntime.Device::description)
                            .toList());
            gpuLayers = 0;
        }
        NativeModel model = NativeModel.acquire(config.modelPath(), new NativeModel.Key(sha256, gpuLayers));
        DecodeSession session = null;
        try {
            long trained = model.trainedContext() > 0 ? model.trainedContext() : 2048;
            int contextSize =
                    config.contextSize() > 0 ? config.contextSize() : (int) Math.max(64, Math.min(2048, trained));
            int flash = config.flashAttention().nativeValue(header.parameterCount());
            session = new DecodeSession(
                    model,
                    contextSize,
                    config.threads(),
                    Math.min(config.promptChunk(), contextSize),
                    flash,
                    config.kvReuse());
            ChatFormat fallback = config.chatFormat()
                    .orElseGet(() -> ChatTemplates.choose(header).format());
            ChatRenderer renderer = ChatRenderer.choose(
                    model.chatTemplate(), config.chatFormat().orElse(null), fallback);
            ModelIdentity identity = identity(
                    header, sha256, config, runtime, renderer, fallback, session.contextSize(), gpuLayers, flash);
            return new LlamaCppEngine(config, model, session, renderer, fallback, identity);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            model.release();
            throw e;
        }
    }

    private static ModelIdentity identity(
            GgufFile header,
            String sha256,
            LlamaCppConfig config,
            LlamaRuntime.Loaded runtime,
            ChatRenderer renderer,
            ChatFormat fallback,
            int contextSize,
            int gpuLayers,
            int flash) {
        String id = ModelFacts.id(header);
        Map<String, String> meta = ModelFacts.of(header);
        meta.put("chatFormat", fallback.llamaCppName());
        meta.put("chatFormatSource", renderer.source());
        meta.put("contextSize", Integer.toString(contextSize));
        meta.put("threads", Integer.toString(config.threads()));
        meta.put("gpuLayers", Integer.toString(gpuLayers));
        meta.put("flashAttention", flash == 1 ? "on" : "off");
        meta.put("output", config.output().option());
        meta.put("binding", "clituner JNA direct mapping of llama.h");
        meta.put("llamaCppRelease", runtime.llamaCppRelease());
        meta.put("nativePackage", runtime.npmPackage());
        meta.put("nativePackageIntegrity", runtime.integrity());
        meta.put("libllamaSha256", runtime.libllamaSha256());
        meta.put("nativeLibrary", runtime.bundled() ? "BUNDLED" : "USER_SUPPLIED");
        return new ModelIdentity(id, header.quantization(), sha256, ENGINE_NAME, meta);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    public LlamaCppConfig config() {
        return config;
    }

    /** The exact text the model sees for this prompt. */
    public String render(Prompt prompt) {
        return renderer.render(prompt.messages());
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        Thread caller = Thread.currentThread();
        return generate(prompt, caller::isInterrupted);
    }

    /**
     * Generates with a cancellation check polled before every decode call.
     *
     * @throws InferenceException INFERENCE_FAILED "generation cancelled" when {@code cancelled} turned true
     */
    public RawModelOutput generate(Prompt prompt, BooleanSupplier cancelled) {
        ensureOpen();
        long start = System.nanoTime();
        String rendered = render(prompt);
        Completion c;
        lock.lock();
        try {
            ensureOpen();
            int[] tokens = session.tokenize(rendered, true);
            TextStop textStop = grammar != null
                    ? TextStop.NEVER
                    : text -> FirstCommand.find(text, false).isPresent() ? text.length() : -1;
            DecodeRequest r =
                    new DecodeRequest(tokens, config.maxTokens(), config.sampling(), stopStrings, textStop, true);
            c = session.generate(r, grammar, cancelled);
        } catch (CliTunerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "llama.cpp failed to generate: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        return output(c, System.nanoTime() - start);
    }

    private RawModelOutput output(Completion c, long nanos) {
        String text = c.text();
        if (grammar != null) {
            if (text.isBlank()) {
                throw new NoSuggestionException(
                        ErrorCode.NO_SUGGESTION,
                        "the model produced no text for this request (" + c.tokens().length + " tokens, " + c.finish()
                                + ")");
            }
            if (!text.endsWith("\n")) {
                // The grammar's line is complete only with its newline: cut off by maxTokens, and a truncated command
                // can mean something else entirely ("rm -rf /tmp/x" cut to "rm -rf /").
                throw new NoSuggestionException(
                        ErrorCode.NO_SUGGESTION,
                        "the model did not finish its command within maxTokens=" + config.maxTokens() + " ("
                                + text.length() + " characters so far); raise maxTokens");
            }
        } else {
            Optional<String> first = FirstCommand.find(text, c.finish().natural());
            if (first.isEmpty()) {
                throw new NoSuggestionException(
                        ErrorCode.NO_SUGGESTION,
                        "the model's text holds no complete command line (" + c.tokens().length + " tokens, "
                                + c.finish() + ")");
            }
            text = first.get();
        }
        double p = c.meanTokenProbability();
        double confidence = c.finish().natural() && !Double.isNaN(p) ? Math.max(0.0, Math.min(1.0, p)) : 0.0;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("stopReason", c.finish().name());
        details.put("output", config.output().option());
        details.put("reusedPromptTokens", Integer.toString(c.reusedTokens()));
        details.put("promptNanos", Long.toString(c.promptNanos()));
        details.put("generateNanos", Long.toString(c.generateNanos()));
        details.put("nativeNanos", Long.toString(c.promptNanos() + c.generateNanos()));
        details.put("meanLogProb", Double.toString(c.logProbs().length == 0 ? Double.NaN : Math.log(p)));
        return new RawModelOutput(
                text,
                confidence,
                CONFIDENCE_METHOD,
                c.promptTokens(),
                c.tokens().length,
                Duration.ofNanos(nanos),
                details);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new InferenceException(
                    ErrorCode.ENGINE_CLOSED,
                    "the gguf engine for " + config.modelPath().getFileName() + " is closed");
        }
    }

    /** Frees this engine's context and releases the shared model (freed with its last engine). Waits for a running call. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lock.lock();
            try {
                session.close();
                model.release();
            } finally {
                lock.unlock();
            }
        }
    }
}
