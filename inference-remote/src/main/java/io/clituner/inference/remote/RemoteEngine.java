package io.clituner.inference.remote;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.engine.ChatMessage;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.hash.Digests;
import io.clituner.inference.remote.failure.FailureClassifier;
import io.clituner.inference.remote.failure.RemoteFailure;
import io.clituner.inference.remote.failure.RemoteInferenceException;
import io.clituner.inference.remote.metrics.EndpointMetrics;
import io.clituner.inference.remote.metrics.EndpointStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InferenceEngine} that asks an OpenAI-compatible chat-completion server. The server's
 * text is as untrusted as a local model's: the pipeline extracts and judges it the same way.
 *
 * <p>The HTTP and JSON work is LangChain4j's OpenAI client ({@code langchain4j-open-ai}); this class
 * adds what the pipeline needs around it: a model identity for provenance (endpoint, served model,
 * revision), a concurrency limit, retries with exponential backoff and full jitter on retriable
 * failures only (LangChain4j's own retries are off), typed errors, per-endpoint metrics, and a
 * confidence derived from the server's token log-probabilities when it returns them.
 *
 * <p>Thread-safe; calls run in parallel up to {@link RemoteEngineConfig#maxConcurrent()}.
 */
public final class RemoteEngine implements InferenceEngine {
    public static final String ENGINE_NAME = "remote";

    /** exp(mean token log-probability): how sure the model was of its own tokens. */
    public static final String LOGPROB_METHOD =
            "remote-mean-token-probability: exp(mean log-probability of the generated tokens) "
                    + "as reported by the server; the model's certainty about its tokens, not a calibrated probability of correctness";
    /** Used when the server returns no log-probabilities (the same ordinal levels as the GGUF engine). */
    public static final String TERMINATION_METHOD = "remote-termination-v1: ordinal level from how generation ended "
            + "(0.75 natural end + one line, 0.50 natural end + several lines, 0.25 hit max tokens, 0 empty); "
            + "the server returned no token log-probabilities";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEngine.class);

    private final RemoteEngineConfig config;
    private final OpenAiChatModel chat;
    private final ModelIdentity identity;
    private final Semaphore slots;
    private final EndpointMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteEngine(
            RemoteEngineConfig config, OpenAiChatModel chat, ModelIdentity identity, EndpointMetrics metrics) {
        this.config = config;
        this.chat = chat;
        this.identity = identity;
        this.slots = new Semaphore(config.maxConcurrent(), true);
        this.metrics = metrics;
    }

    public static RemoteEngine open(RemoteEngineConfig config) {
        return open(config, new EndpointMetrics());
    }

    /**
     * Opens an engine and, when {@link RemoteEngineConfig#verifyModel()}, checks that the server lists
     * the model (a wrong model name fails here, typed, naming the models it does serve).
     *
     * @param metrics where calls are counted; share one instance among engines to compare endpoints
     */
    public static RemoteEngine open(RemoteEngineConfig config, EndpointMetrics metrics) {
        String key = config.apiKey().present() ? config.apiKey().reveal() : null;
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .baseUrl(config.endpointText())
                .apiKey(key)
                .modelName(config.model())
                .temperature(config.temperature())
                .seed(config.seed())
                .maxTokens(config.maxTokens())
                .timeout(config.timeout())
                .maxRetries(0) // retried here, on retriable failures only, with backoff
                .logRequests(false)
                .logResponses(false);
        if (!config.stop().isEmpty()) {
            b.stop(config.stop());
        }
        if (config.logprobs()) {
            b.logprobs(true);
        }
        if (!config.extraBody().isEmpty()) {
            b.customParameters(config.extraBody());
        }
        OpenAiChatModel chat = b.build();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("endpoint", config.endpointText());
        meta.put("servedModel", config.model());
        meta.put("apiKey", config.apiKey().present() ? "from " + config.apiKey().source() : "none");
        if (config.verifyModel()) {
            verifyListed(config, key, meta);
        }
        String revision = config.revision();
        if (revision == null && config.probe()) {
            revision = probeFingerprint(chat, config);
        }
        if (revision == null) {
            revision = "unreported";
        }
        ModelIdentity identity = new ModelIdentity(
                config.model(),
                revision,
                Digests.sha256Hex(config.endpointText() + "\n" + config.model() + "\n" + revision),
                ENGINE_NAME + ":" + config.endpointText(),
                meta);
        LOG.info(
                "remote engine open: {} model {} revision {} (API key {})",
                config.endpointText(),
                config.model(),
                revision,
                config.apiKey().present() ? "from " + config.apiKey().source() : "none");
        return new RemoteEngine(config, chat, identity, metrics);
    }

    /**
     * One request of one token: the server's {@code system_fingerprint} (llama-server: its build;
     * OpenAI: the backend configuration) is the best revision a server reports for what it serves.
     */
    private static @Nullable String probeFingerprint(OpenAiChatModel chat, RemoteEngineConfig config) {
        try {
            ChatResponse r = chat.chat(ChatRequest.builder()
                    .messages(List.of(UserMessage.from("ls")))
                    .parameters(dev.langchain4j.model.openai.OpenAiChatRequestParameters.builder()
                            .maxOutputTokens(1)
                            .build())
                    .build());
            if (r.metadata() instanceof OpenAiChatResponseMetadata meta
                    && meta.systemFingerprint() != null
                    && !meta.systemFingerprint().isBlank()) {
                return "fingerprint:" + meta.systemFingerprint();
            }
            return null;
        } catch (RuntimeException e) {
            RemoteFailure kind = FailureClassifier.classify(e);
            throw new RemoteInferenceException(
                    kind, config.endpointText(), config.model(), 1, "probe request failed: " + describe(e), e);
        }
    }

    private static void verifyListed(RemoteEngineConfig config, @Nullable String key, Map<String, String> meta) {
        List<ModelDescription> served;
        try {
            served = OpenAiModelCatalog.builder()
                    .baseUrl(config.endpointText())
                    .apiKey(key)
                    .connectTimeout(config.timeout())
                    .readTimeout(config.timeout())
                    .logRequests(false)
                    .logResponses(false)
                    .build()
                    .listModels();
        } catch (RuntimeException e) {
            RemoteFailure kind = FailureClassifier.classify(e);
            if (kind == RemoteFailure.MODEL_NOT_FOUND) {
                // the server has no /v1/models (some gateways): the first call will tell
                meta.put("modelListed", "unknown: the server has no /v1/models");
                return;
            }
            throw new RemoteInferenceException(
                    kind, config.endpointText(), config.model(), 1, "cannot list the served models: " + describe(e), e);
        }
        List<String> names = new ArrayList<>();
        for (ModelDescription d : served) {
            names.add(d.name());
            if (config.model().equals(d.name())) {
                meta.put("modelListed", "true");
                if (d.owner() != null) {
                    meta.put("owner", d.owner());
                }
                return;
            }
        }
        throw new RemoteInferenceException(
                RemoteFailure.MODEL_NOT_FOUND,
                config.endpointText(),
                config.model(),
                1,
                "the server does not serve model '" + config.model() + "'; it serves " + names,
                null);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    public RemoteEngineConfig config() {
        return config;
    }

    /** What this engine's metrics instance has seen, per endpoint. */
    public List<EndpointStats> endpointStats() {
        return metrics.snapshot();
    }

    @Override
    public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
        if (closed.get()) {
            throw new InferenceException(
                    ErrorCode.ENGINE_CLOSED, "remote engine for " + config.endpointText() + " is closed");
        }
        String endpoint = config.endpointText();
        if (!acquire()) {
            metrics.failure(endpoint, config.model(), RemoteFailure.SATURATED, 0);
            throw new RemoteInferenceException(
                    RemoteFailure.SATURATED,
                    endpoint,
                    config.model(),
                    0,
                    config.maxConcurrent() + " calls already in flight; no slot within " + config.acquireTimeout(),
                    null);
        }
        long start = System.nanoTime();
        int attempt = 0;
        try {
            ChatRequest chatRequest =
                    ChatRequest.builder().messages(messages(prompt)).build();
            while (true) {
                attempt++;
                try {
                    ChatResponse response = chat.chat(chatRequest);
                    RawModelOutput out = output(response, attempt, System.nanoTime() - start);
                    metrics.success(
                            endpoint,
                            config.model(),
                            System.nanoTime() - start,
                            attempt,
                            out.promptTokens(),
                            out.completionTokens());
                    return out;
                } catch (RemoteInferenceException e) {
                    metrics.failure(endpoint, config.model(), e.failure(), attempt);
                    throw e;
                } catch (RuntimeException e) {
                    RemoteFailure kind = FailureClassifier.classify(e);
                    if (!kind.retriable() || attempt > config.maxRetries() || closed.get()) {
                        metrics.failure(endpoint, config.model(), kind, attempt);
                        throw new RemoteInferenceException(kind, endpoint, config.model(), attempt, describe(e), e);
                    }
                    LOG.debug("{} attempt {} failed ({}), retrying", endpoint, attempt, kind);
                    sleep(backoff(attempt));
                }
            }
        } finally {
            slots.release();
        }
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(config.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "interrupted while waiting for a slot at " + config.endpointText(), e);
        }
    }

    /** Exponential backoff with full jitter: uniform in [0, min(max, initial * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long cap = Math.min(
                config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "interrupted while backing off from " + config.endpointText(), e);
        }
    }

    private static List<dev.langchain4j.data.message.ChatMessage> messages(Prompt prompt) {
        List<dev.langchain4j.data.message.ChatMessage> out =
                new ArrayList<>(prompt.messages().size());
        for (ChatMessage m : prompt.messages()) {
            out.add(
                    switch (m.role()) {
                        case SYSTEM -> SystemMessage.from(m.content());
                        case USER -> UserMessage.from(m.content());
                        case ASSISTANT -> AiMessage.from(m.content());
                    });
        }
        return out;
    }

    private RawModelOutput output(ChatResponse response, int attempts, long nanos) {
        String endpoint = config.endpointText();
        AiMessage message = response == null ? null : response.aiMessage();
        FinishReason finish = response == null ? null : response.finishReason();
        if (finish == FinishReason.CONTENT_FILTER) {
            throw new RemoteInferenceException(
                    RemoteFailure.REFUSED,
                    endpoint,
                    config.model(),
                    attempts,
                    "the server's content filter stopped the answer",
                    null);
        }
        if (message == null || message.text() == null) {
            throw new RemoteInferenceException(
                    RemoteFailure.MALFORMED_RESPONSE,
                    endpoint,
                    config.model(),
                    attempts,
                    message != null && message.hasToolExecutionRequests()
                            ? "the answer is a tool call, not text"
                            : "the answer holds no text",
                    null);
        }
        String text = message.text();
        TokenUsage usage = response.tokenUsage();
        int promptTokens = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int completionTokens = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("endpoint", endpoint);
        details.put("attempts", Integer.toString(attempts));
        details.put("latencyMicros", Long.toString(nanos / 1000));
        details.put("finishReason", finish == null ? "unreported" : finish.name());
        put(details, "servedModel", response.modelName());
        put(details, "responseId", response.id());
        Double confidence = null;
        if (response.metadata() instanceof OpenAiChatResponseMetadata meta) {
            put(details, "systemFingerprint", meta.systemFingerprint());
            confidence = meanTokenProbability(meta.logProbs());
        }
        String method = LOGPROB_METHOD;
        if (confidence == null) {
            confidence = terminationLevel(text, finish);
            method = TERMINATION_METHOD;
        }
        return new RawModelOutput(
                text, confidence, method, promptTokens, completionTokens, Duration.ofNanos(nanos), details);
    }

    static @Nullable Double meanTokenProbability(@Nullable List<LogProb> logProbs) {
        if (logProbs == null || logProbs.isEmpty()) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (LogProb p : logProbs) {
            if (p.logprob() != null && Double.isFinite(p.logprob())) {
                sum += Math.min(0.0, p.logprob());
                n++;
            }
        }
        return n == 0 ? null : Math.exp(sum / n);
    }

    static double terminationLevel(String text, @Nullable FinishReason finish) {
        String t = text.strip();
        if (t.isEmpty()) {
            return 0.0;
        }
        if (finish == FinishReason.LENGTH) {
            return 0.25;
        }
        return t.indexOf('\n') < 0 && t.indexOf('\r') < 0 ? 0.75 : 0.5;
    }

    private static void put(Map<String, String> m, String k, @Nullable String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    /** The failure without anything a server could have echoed back at length. */
    private static String describe(Throwable e) {
        String msg = e.getMessage();
        if (msg == null && e.getCause() != null) {
            msg = e.getCause().toString();
        }
        if (msg == null) {
            msg = e.getClass().getSimpleName();
        }
        return msg.length() > 300 ? msg.substring(0, 300) + "…" : msg;
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
