package io.clituner.core.pipeline;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.RiskLevel;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.FewShotExample;
import io.clituner.core.engine.FewShotSource;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.InvalidRequestException;
import io.clituner.core.error.NoSuggestionException;
import io.clituner.core.error.OutputRejectedException;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.ingress.DefaultIngressGuard;
import io.clituner.core.ingress.IngressGuard;
import io.clituner.core.internal.cache.CachedGeneration;
import io.clituner.core.internal.cache.ResponseCache;
import io.clituner.core.internal.cache.ResponseKey;
import io.clituner.core.internal.egress.ProvenanceFactory;
import io.clituner.core.lifecycle.CloseGate;
import io.clituner.core.metrics.MetricsSnapshot;
import io.clituner.core.metrics.PipelineMetrics;
import io.clituner.core.metrics.PipelineStage;
import io.clituner.core.prompt.PromptBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Natural language in, validated command out, through explicit trust boundaries:
 * <ol>
 *   <li>ingress guard — validate the untrusted request, strip chat tokens, flag injection;</li>
 *   <li>normalize + prompt — build the model-independent prompt (with few-shot examples);</li>
 *   <li>inference — the engine produces untrusted text;</li>
 *   <li>output validation — extract one command, judge it with the guardrail;</li>
 *   <li>egress — response with provenance (signed when a signer is set), audit event;</li>
 *   <li>execution — never done by the library.</li>
 * </ol>
 * A DANGEROUS command is never returned: {@link #translate} throws {@link CommandBlockedException}.
 * Thread-safe; close it to release the engine it owns.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final InferenceEngine engine;
    private final boolean ownsEngine;
    private final IngressGuard ingress;
    private final PromptBuilder prompts;
    private final @Nullable FewShotSource fewShot;
    private final int fewShotK;
    private final OutputValidator validator;
    private final @Nullable ProvenanceSigner signer;
    private final @Nullable AuditSink audit;
    private final @Nullable ResponseCache cache;
    private final ProvenanceFactory provenance;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final String promptFingerprint;
    private final CloseGate gate = new CloseGate("the pipeline");

    private Pipeline(Builder b, InferenceEngine engine, OutputValidator validator) {
        this.engine = engine;
        this.ownsEngine = b.ownsEngine;
        this.ingress = b.ingress != null ? b.ingress : new DefaultIngressGuard();
        this.prompts = b.prompts != null ? b.prompts : new PromptBuilder();
        this.fewShot = b.fewShot;
        this.fewShotK = b.fewShotK;
        this.validator = validator;
        this.signer = b.signer;
        this.audit = b.audit;
        this.cache = b.cacheSize > 0 ? new ResponseCache(b.cacheSize, b.cacheTtl) : null;
        this.provenance = new ProvenanceFactory(
                b.clock != null ? b.clock : Clock.systemUTC(), b.userSalt != null ? b.userSalt : randomSalt());
        this.promptFingerprint = prompts.fingerprint()
                + (fewShot != null && engine.usesFewShotExamples() && fewShotK > 0
                        ? "/" + fewShot.fingerprint() + "/k" + fewShotK
                        : "");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Translates a query with default settings (bash, STRICT, anonymous). */
    public CommandResponse translate(String query) {
        return translate(CommandRequest.of(query));
    }

    /**
     * Translates one request through every stage.
     *
     * @throws InvalidRequestException  the request failed the ingress guard
     * @throws CommandBlockedException  the generated command was judged DANGEROUS
     * @throws OutputRejectedException  the model produced no single well-formed command
     * @throws NoSuggestionException    the engine had no confident answer
     * @throws InferenceException       the engine failed
     */
    public CommandResponse translate(CommandRequest request) {
        // close() waits for this call, so the engine is never closed under a running request.
        return gate.call(() -> translateOpen(request));
    }

    private CommandResponse translateOpen(CommandRequest request) {
        long start = System.nanoTime();
        ModelIdentity model = engine.model();
        NormalizedRequest normalized = null;
        String promptHash = null;
        List<String> fewShotIds = List.of();
        try {
            // 1. ingress
            long t = System.nanoTime();
            normalized = ingress.admit(request);
            metrics.recordLatency(PipelineStage.INGRESS, System.nanoTime() - t);

            ResponseKey key = cache == null
                    ? null
                    : new ResponseKey(
                            model.sha256(),
                            normalized.text(),
                            normalized.safetyLevel(),
                            validator.policyVersion(),
                            promptFingerprint);
            CachedGeneration hit =
                    key == null || cache == null ? null : cache.get(key).orElse(null);
            if (hit != null) {
                metrics.recordCacheHit();
                return egress(request, normalized, model, hit, true, start);
            }

            // 2. normalize + prompt
            t = System.nanoTime();
            List<FewShotExample> examples = fewShot != null && fewShotK > 0 && engine.usesFewShotExamples()
                    ? fewShot.nearest(normalized.text(), fewShotK)
                    : List.of();
            Prompt prompt = prompts.build(normalized, examples);
            promptHash = prompt.sha256();
            fewShotIds = exampleIds(examples);
            metrics.recordLatency(PipelineStage.PROMPT, System.nanoTime() - t);

            // 3. inference: untrusted text
            t = System.nanoTime();
            RawModelOutput raw = engine.generate(prompt, normalized);
            metrics.recordLatency(PipelineStage.INFERENCE, System.nanoTime() - t);

            // 4. output validation
            t = System.nanoTime();
            ValidatedCommand validated = validator.validate(raw, normalized);

            List<CommandResponse.Alternative> alternatives =
                    raw.alternatives().isEmpty() ? List.of() : alternatives(raw, normalized);
            metrics.recordLatency(PipelineStage.VALIDATION, System.nanoTime() - t);

            CachedGeneration generation =
                    new CachedGeneration(validated, raw.confidence(), promptHash, fewShotIds, alternatives);
            if (key != null && cache != null) {
                cache.put(key, generation);
            }
            // 5. egress
            return egress(request, normalized, model, generation, false, start);
        } catch (CommandBlockedException e) {
            throw e;
        } catch (InvalidRequestException e) {
            fail(request, null, model, null, List.of(), ValidationOutcome.REJECTED_INGRESS, e, start);
            throw e;
        } catch (OutputRejectedException e) {
            fail(request, normalized, model, promptHash, fewShotIds, ValidationOutcome.REJECTED_OUTPUT, e, start);
            throw e;
        } catch (NoSuggestionException e) {
            fail(request, normalized, model, promptHash, fewShotIds, ValidationOutcome.NO_SUGGESTION, e, start);
            throw e;
        } catch (CliTunerException e) {
            fail(request, normalized, model, promptHash, fewShotIds, ValidationOutcome.ENGINE_FAILED, e, start);
            throw e;
        } catch (RuntimeException e) {
            // An engine or validator bug must not escape as a raw NPE; report it typed, keep the cause.
            InferenceException typed =
                    new InferenceException(ErrorCode.INFERENCE_FAILED, "unexpected failure in the pipeline: " + e, e);
            fail(request, normalized, model, promptHash, fewShotIds, ValidationOutcome.ENGINE_FAILED, typed, start);
            throw typed;
        }
    }

    private CommandResponse egress(
            CommandRequest request,
            NormalizedRequest normalized,
            ModelIdentity model,
            CachedGeneration generation,
            boolean cacheHit,
            long start) {
        long t = System.nanoTime();
        ValidatedCommand validated = generation.command();
        metrics.recordRisk(validated.risk());
        if (validated.risk() == RiskLevel.DANGEROUS) {
            GenerationProvenance p = provenance.create(
                    request.query(),
                    request.userId(),
                    normalized,
                    model,
                    generation.promptHash(),
                    validated,
                    ValidationOutcome.BLOCKED,
                    generation.fewShotExampleIds(),
                    cacheHit);
            metrics.recordOutcome(ValidationOutcome.BLOCKED);
            metrics.recordFailure(ErrorCode.COMMAND_BLOCKED.name());
            audit("generation.blocked", p);
            // Per-request outcomes are DEBUG: a host's log is not the audit log (the audit sink records every outcome).
            LOG.debug("request {} blocked: rules={}", p.requestId(), p.ruleIds());
            metrics.recordLatency(PipelineStage.EGRESS, System.nanoTime() - t);
            metrics.recordLatency(PipelineStage.TOTAL, System.nanoTime() - start);
            throw new CommandBlockedException(validated.verdict(), p);
        }
        GenerationProvenance p = provenance.create(
                request.query(),
                request.userId(),
                normalized,
                model,
                generation.promptHash(),
                validated,
                ValidationOutcome.RETURNED,
                generation.fewShotExampleIds(),
                cacheHit);
        CommandResponse response = new CommandResponse(
                validated.command(),
                validated.risk(),
                generation.confidence(),
                validated.warning(),
                p,
                null,
                generation.alternatives());
        if (signer != null) {
            response = response.withSignature(signer.sign(response));
        }
        audit("generation.returned", p);
        metrics.recordOutcome(ValidationOutcome.RETURNED);
        metrics.recordLatency(PipelineStage.EGRESS, System.nanoTime() - t);
        metrics.recordLatency(PipelineStage.TOTAL, System.nanoTime() - start);
        if (LOG.isDebugEnabled()) {
            LOG.debug("request {} returned risk={} cacheHit={}", p.requestId(), p.risk(), cacheHit);
        }
        return response;
    }

    /**
     * The engine's other answers through the same validator as the main one: DANGEROUS ones and output
     * the validator rejects are dropped (they are alternatives, not the answer), duplicates kept once.
     */
    private List<CommandResponse.Alternative> alternatives(RawModelOutput raw, NormalizedRequest normalized) {
        List<CommandResponse.Alternative> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawModelOutput.Candidate c : raw.alternatives()) {
            ValidatedCommand v;
            try {
                v = validator.validate(
                        new RawModelOutput(
                                c.text(), c.confidence(), raw.confidenceMethod(), 0, 0, Duration.ZERO, Map.of()),
                        normalized);
            } catch (OutputRejectedException e) {
                continue;
            }
            if (v.risk() != RiskLevel.DANGEROUS && seen.add(v.command())) {
                out.add(new CommandResponse.Alternative(v.command(), v.risk(), c.confidence(), v.warning()));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> exampleIds(List<FewShotExample> examples) {
        if (examples.isEmpty()) {
            return List.of();
        }
        String[] ids = new String[examples.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = examples.get(i).id();
        }
        return List.of(ids);
    }

    private void fail(
            CommandRequest request,
            @Nullable NormalizedRequest normalized,
            ModelIdentity model,
            @Nullable String promptHash,
            List<String> fewShotIds,
            ValidationOutcome outcome,
            CliTunerException e,
            long start) {
        metrics.recordOutcome(outcome);
        metrics.recordFailure(e.code().name());
        metrics.recordLatency(PipelineStage.TOTAL, System.nanoTime() - start);
        LOG.debug("request ended {}: {}", outcome, e.code());
        String query = request != null ? request.query() : null;
        String user = request != null ? request.userId() : null;
        GenerationProvenance p =
                provenance.create(query, user, normalized, model, promptHash, null, outcome, fewShotIds, false);
        e.attachProvenance(p);
        if (audit != null) {
            Map<String, String> extra = new HashMap<>();
            extra.put("errorCode", e.code().name());
            audit(outcomeEventType(outcome), p, extra);
        }
    }

    private static String outcomeEventType(ValidationOutcome outcome) {
        return switch (outcome) {
            case REJECTED_INGRESS -> "generation.rejected-ingress";
            case REJECTED_OUTPUT -> "generation.rejected-output";
            case NO_SUGGESTION -> "generation.no-suggestion";
            default -> "generation.failed";
        };
    }

    private void audit(String type, GenerationProvenance p) {
        audit(type, p, Map.of());
    }

    private void audit(String type, GenerationProvenance p, Map<String, String> extra) {
        if (audit == null) {
            return;
        }
        Map<String, String> attrs = new HashMap<>(extra);
        attrs.put("requestId", p.requestId());
        put(attrs, "modelSha256", p.modelSha256());
        put(attrs, "engine", p.engine());
        put(attrs, "queryHash", p.queryHash());
        put(attrs, "promptHash", p.promptHash());
        put(attrs, "commandHash", p.commandHash());
        put(attrs, "risk", p.risk() == null ? null : p.risk().name());
        put(attrs, "policyVersion", p.policyVersion());
        attrs.put("outcome", p.outcome().name());
        if (!p.ruleIds().isEmpty()) {
            attrs.put("rules", String.join(",", p.ruleIds()));
        }
        if (!p.ingressFlags().isEmpty()) {
            attrs.put("ingressFlags", String.join(",", p.ingressFlags()));
        }
        attrs.put("cacheHit", Boolean.toString(p.cacheHit()));
        String actor = p.userIdHash() != null ? "user:" + p.userIdHash() : "pipeline";
        audit.append(new AuditEvent(type, actor, p.timestamp(), attrs));
    }

    private static void put(Map<String, String> m, String k, @Nullable String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    public MetricsSnapshot metrics() {
        return metrics.snapshot();
    }

    public ModelIdentity model() {
        return engine.model();
    }

    public InferenceEngine engine() {
        return engine;
    }

    /** Forgets cached responses (e.g. after a policy or bank change that kept its version). */
    public void invalidateCache() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Idempotent and thread-safe: waits for requests in flight, then closes the engine if the pipeline opened it. */
    @Override
    public void close() {
        gate.close(() -> {
            if (ownsEngine) {
                engine.close();
            }
        });
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    /**
     * Builds a {@link Pipeline}; only an engine (or engine settings) is required. Every setting may be given
     * once: a second call throws {@link IllegalStateException} naming the value already set, a null argument
     * throws {@link NullPointerException} naming the parameter (as Caffeine's builder does), so a
     * configuration cannot silently override itself.
     */
    public static final class Builder {
        private @Nullable InferenceEngine engine;
        private @Nullable EngineSettings engineSettings;
        private boolean ownsEngine;
        private @Nullable IngressGuard ingress;
        private @Nullable PromptBuilder prompts;
        private @Nullable FewShotSource fewShot;
        private int fewShotK = 3;
        private @Nullable OutputValidator validator;
        private @Nullable ProvenanceSigner signer;
        private @Nullable AuditSink audit;
        private boolean cacheSet;
        private long cacheSize = 10_000;
        private Duration cacheTtl = Duration.ofHours(1);
        private @Nullable Clock clock;
        private byte @Nullable [] userSalt;

        private Builder() {}

        private static void requireUnset(@Nullable Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " was already set to " + current);
            }
        }

        private void requireNoEngine() {
            requireUnset(engine, "engine");
            requireUnset(engineSettings, "engine");
        }

        /** Uses an engine the caller owns and closes. */
        public Builder engine(InferenceEngine engine) {
            Objects.requireNonNull(engine, "engine");
            requireNoEngine();
            this.engine = engine;
            return this;
        }

        /** Opens an engine found with ServiceLoader; the pipeline owns it and closes it. */
        public Builder engine(EngineSettings settings) {
            Objects.requireNonNull(settings, "settings");
            requireNoEngine();
            this.engineSettings = settings;
            return this;
        }

        public Builder ingressGuard(IngressGuard guard) {
            Objects.requireNonNull(guard, "guard");
            requireUnset(ingress, "ingressGuard");
            this.ingress = guard;
            return this;
        }

        public Builder promptBuilder(PromptBuilder builder) {
            Objects.requireNonNull(builder, "builder");
            requireUnset(prompts, "promptBuilder");
            this.prompts = builder;
            return this;
        }

        /** Few-shot examples for generative engines; {@code k = 0} switches them off. */
        public Builder fewShot(FewShotSource source, int k) {
            Objects.requireNonNull(source, "source");
            if (k < 0) {
                throw new IllegalArgumentException("few-shot k must be >= 0, got " + k);
            }
            requireUnset(fewShot, "fewShot");
            this.fewShot = source;
            this.fewShotK = k;
            return this;
        }

        /** The output validator; by default the first one ServiceLoader finds (module guardrails). */
        public Builder outputValidator(OutputValidator validator) {
            Objects.requireNonNull(validator, "validator");
            requireUnset(this.validator, "outputValidator");
            this.validator = validator;
            return this;
        }

        public Builder signer(ProvenanceSigner signer) {
            Objects.requireNonNull(signer, "signer");
            requireUnset(this.signer, "signer");
            this.signer = signer;
            return this;
        }

        public Builder auditSink(AuditSink sink) {
            Objects.requireNonNull(sink, "sink");
            requireUnset(audit, "auditSink");
            this.audit = sink;
            return this;
        }

        /** Response cache size; 0 disables the cache. Default: 10,000 responses for an hour. */
        public Builder cache(long maximumSize, Duration expireAfterWrite) {
            Objects.requireNonNull(expireAfterWrite, "expireAfterWrite");
            if (maximumSize < 0) {
                throw new IllegalArgumentException("cache maximumSize must be >= 0, got " + maximumSize);
            }
            requireCacheUnset();
            this.cacheSize = maximumSize;
            this.cacheTtl = expireAfterWrite;
            return this;
        }

        public Builder noCache() {
            requireCacheUnset();
            this.cacheSize = 0;
            return this;
        }

        private void requireCacheUnset() {
            if (cacheSet) {
                throw new IllegalStateException("cache was already set to "
                        + (cacheSize == 0 ? "none" : "maximumSize=" + cacheSize + ", expireAfterWrite=" + cacheTtl));
            }
            cacheSet = true;
        }

        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            requireUnset(this.clock, "clock");
            this.clock = clock;
            return this;
        }

        /** Salt for user-id hashes; random per pipeline unless set (set it to link users across restarts). */
        public Builder userIdSalt(byte[] salt) {
            Objects.requireNonNull(salt, "salt");
            if (userSalt != null) {
                // The salt is a secret: say that it was set, not what it was.
                throw new IllegalStateException("userIdSalt was already set");
            }
            this.userSalt = salt.clone();
            return this;
        }

        public Pipeline build() {
            OutputValidator v = validator != null ? validator : discoverValidator();
            InferenceEngine e = engine;
            ownsEngine = e == null;
            if (e == null) {
                if (engineSettings == null) {
                    throw new ConfigurationException(
                            ErrorCode.CONFIGURATION,
                            "no engine: call engine(InferenceEngine) or engine(EngineSettings)");
                }
                e = InferenceEngines.open(engineSettings);
            }
            return new Pipeline(this, e, v);
        }

        private static OutputValidator discoverValidator() {
            Iterator<OutputValidator> it =
                    ServiceLoader.load(OutputValidator.class).iterator();
            boolean found;
            try {
                found = it.hasNext();
            } catch (java.util.ServiceConfigurationError broken) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "a registered OutputValidator cannot be loaded (broken class path?): " + broken.getMessage(),
                        broken);
            }
            if (!found) {
                // Fail closed: a pipeline without output validation would return untrusted text.
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION,
                        "no OutputValidator on the class path: add clituner-guardrails (the pipeline never runs unvalidated)");
            }
            return it.next();
        }
    }
}
