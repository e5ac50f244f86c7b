package io.clituner.inference.remote.routing;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.egress.RequestIds;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.metrics.MetricsSnapshot;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.remote.metrics.EndpointMetrics;
import io.clituner.inference.remote.metrics.EndpointStats;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.AliasState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates through the registry's routing: the capability's route picks a version (weights,
 * permissions, cool-down, as {@link io.clituner.provenance.registry.facade.Routes#route(String, io.clituner.provenance.registry.access.Caller) Routes.route} decides), its serving spec opens the engine
 * (an endpoint opens a {@link io.clituner.inference.remote.RemoteEngine}), and a request whose engine
 * fails falls back, within the same call, to the route's other candidates (primaries by weight,
 * then fallbacks, skipping those this process has seen failing) and finally to a local engine.
 *
 * <p>Every candidate runs the full {@link Pipeline} — ingress, extraction, guardrail, provenance,
 * audit — so a fallback's response carries its own engine's identity. Each attempt is also
 * audited as a {@code route.attempt} event sharing one {@code routeId}, with its latency and error
 * code. A DANGEROUS command, a rejected request or output, or a no-suggestion answer ends the
 * request: those are answers, not engine failures, and are never retried elsewhere.
 *
 * <p>The route's shadow version, when set, gets a copy of each request after the response is
 * made, on a bounded background queue, with no audit sink or signer of its own; only a
 * {@code route.shadow} event and the counters record how it compared.
 */
public final class RoutedTranslator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutedTranslator.class);
    static final String LOCAL = "local";

    private final ModelRegistry registry;
    private final String capability;
    private final Caller caller;
    private final @Nullable AuditSink audit;
    private final EndpointMetrics endpointMetrics = new EndpointMetrics();
    private final HealthTracker health;
    private final Clock clock;
    private final ServedPipelines pipelines;
    private final ShadowRunner shadows;
    private final LongAdder requests = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder localFallbacks = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private volatile boolean closed;

    private record Candidate(TargetRef target, VersionRef version) {}

    private RoutedTranslator(Builder b) {
        this.registry = b.registry;
        this.capability = b.capability;
        this.caller = b.caller;
        this.audit = b.audit;
        this.clock = b.clock;
        this.health = new HealthTracker(b.clock, b.failureThreshold, b.coolDown);
        this.pipelines = new ServedPipelines(
                b.registry, b.pipelineSettings, b.audit, b.signer, b.localEngine, b.opener, endpointMetrics);
        this.shadows = new ShadowRunner(b.capability, b.caller, pipelines, b.audit, b.clock, b.shadowQueue);
    }

    public static Builder builder(ModelRegistry registry, String capability, Caller caller) {
        return new Builder(registry, capability, caller);
    }

    public CommandResponse translate(String query) {
        return route(CommandRequest.of(query)).response();
    }

    public CommandResponse translate(CommandRequest request) {
        return route(request).response();
    }

    /**
     * Routes one request, falling back as needed.
     *
     * @throws CliTunerException the answer's own error (blocked, rejected, no suggestion), or the last
     *                           engine failure when every candidate failed (earlier ones suppressed)
     */
    public RoutedResult route(CommandRequest request) {
        if (closed) {
            throw new InferenceException(ErrorCode.ENGINE_CLOSED, "routed translator for " + capability + " is closed");
        }
        requests.increment();
        String routeId = RequestIds.next(clock.millis()).toString();
        List<RouteAttempt> attempts = new ArrayList<>();
        List<Candidate> order;
        Optional<VersionRef> shadow = Optional.empty();
        CliTunerException last = null;
        try {
            RouteDecision decision = registry.routes().route(capability, caller);
            shadow = Optional.ofNullable(decision.shadow());
            order = candidates(decision);
        } catch (CliTunerException noRoute) {
            if (!pipelines.hasLocal()) {
                throw noRoute;
            }
            order = List.of();
            last = noRoute;
        }
        for (Candidate c : order) {
            if (attempts.size() > 0 && health.cooling(c.version())) {
                continue;
            }
            long t = System.nanoTime();
            Served served;
            try {
                served = pipelines.primary(c.version());
            } catch (CliTunerException e) {
                last = failed(routeId, attempts, c.version().toString(), null, e, t, c.version());
                continue;
            }
            try {
                CommandResponse response = served.pipeline().translate(request);
                attempts.add(attempt(
                        routeId,
                        attempts.size(),
                        c.version().toString(),
                        served,
                        "returned",
                        null,
                        t,
                        response.provenance().requestId()));
                reportSuccess(c.version());
                return done(routeId, request, response, attempts, shadow, false);
            } catch (CliTunerException e) {
                if (!engineFailure(e)) {
                    attempts.add(attempt(
                            routeId,
                            attempts.size(),
                            c.version().toString(),
                            served,
                            answerOutcome(e),
                            e.code().name(),
                            t,
                            requestIdOf(e)));
                    reportSuccess(c.version()); // the engine answered; the answer was refused
                    submitShadow(routeId, request, shadow, null);
                    throw e;
                }
                last = failed(routeId, attempts, c.version().toString(), served, e, t, c.version());
            }
        }
        Served local = pipelines.local();
        if (local != null) {
            return viaLocal(routeId, request, local, attempts, shadow, last);
        }
        throw Objects.requireNonNull(last, "no candidate was tried");
    }

    /** The last resort: the local engine's answer, or its error with the last routed failure suppressed in it. */
    private RoutedResult viaLocal(
            String routeId,
            CommandRequest request,
            Served served,
            List<RouteAttempt> attempts,
            Optional<VersionRef> shadow,
            @Nullable CliTunerException last) {
        long t = System.nanoTime();
        try {
            CommandResponse response = served.pipeline().translate(request);
            attempts.add(attempt(
                    routeId,
                    attempts.size(),
                    LOCAL,
                    served,
                    "returned",
                    null,
                    t,
                    response.provenance().requestId()));
            localFallbacks.increment();
            return done(routeId, request, response, attempts, shadow, true);
        } catch (CliTunerException e) {
            attempts.add(attempt(
                    routeId,
                    attempts.size(),
                    LOCAL,
                    served,
                    engineFailure(e) ? "failed" : answerOutcome(e),
                    e.code().name(),
                    t,
                    requestIdOf(e)));
            if (last != null && last != e) {
                e.addSuppressed(last);
            }
            throw e;
        }
    }

    private RoutedResult done(
            String routeId,
            CommandRequest request,
            CommandResponse response,
            List<RouteAttempt> attempts,
            Optional<VersionRef> shadow,
            boolean local) {
        if (attempts.size() > 1 && !local) {
            fallbacks.increment();
        }
        submitShadow(routeId, request, shadow, response.provenance().commandHash());
        return new RoutedResult(routeId, response, attempts);
    }

    private CliTunerException failed(
            String routeId,
            List<RouteAttempt> attempts,
            String target,
            @Nullable Served served,
            CliTunerException e,
            long start,
            VersionRef version) {
        attempts.add(attempt(
                routeId, attempts.size(), target, served, "failed", e.code().name(), start, requestIdOf(e)));
        failedAttempts.increment();
        health.failure(version);
        registry.routes().reportFailure(version);
        LOG.debug("route {} attempt on {} failed: {}", routeId, target, e.code());
        return e;
    }

    private void reportSuccess(VersionRef v) {
        health.success(v);
        registry.routes().reportSuccess(v);
    }

    /** Engine failures fall back; answers (blocked, rejected, no suggestion) do not. */
    static boolean engineFailure(CliTunerException e) {
        if (e instanceof CommandBlockedException) {
            return false;
        }
        return e instanceof InferenceException
                || e instanceof ConfigurationException
                || e instanceof io.clituner.core.error.ModelFileException;
    }

    static String answerOutcome(CliTunerException e) {
        return e instanceof CommandBlockedException ? "blocked" : "rejected";
    }

    private static @Nullable String requestIdOf(CliTunerException e) {
        return e.provenance().map(GenerationProvenance::requestId).orElse(null);
    }

    private RouteAttempt attempt(
            String routeId,
            int index,
            String target,
            @Nullable Served served,
            String outcome,
            @Nullable String error,
            long start,
            @Nullable String requestId) {
        long micros = (System.nanoTime() - start) / 1000;
        String engine = served == null ? null : served.engine().model().engine();
        RouteAttempt a = new RouteAttempt(index, target, engine, outcome, error, micros, requestId);
        if (audit != null) {
            Map<String, String> attrs = new HashMap<>();
            attrs.put("routeId", routeId);
            attrs.put("capability", capability);
            attrs.put("attempt", Integer.toString(index));
            attrs.put("target", target);
            attrs.put("outcome", outcome);
            attrs.put("latencyMicros", Long.toString(micros));
            put(attrs, "engine", engine);
            put(attrs, "errorCode", error);
            put(attrs, "requestId", requestId);
            if (served != null) {
                attrs.put("modelSha256", served.engine().model().sha256());
            }
            audit.append(new AuditEvent("route.attempt", caller.toString(), clock.instant(), attrs));
        }
        return a;
    }

    static void put(Map<String, String> m, String k, @Nullable String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** The routed choice first, then the route's other primaries by weight, then its fallbacks; each version once. */
    private List<Candidate> candidates(RouteDecision decision) {
        List<Candidate> out = new ArrayList<>();
        Set<VersionRef> seen = new LinkedHashSet<>();
        out.add(new Candidate(decision.via(), decision.version()));
        seen.add(decision.version());
        Optional<CapabilityRoute> route = registry.store().findRoute(capability);
        if (route.isEmpty()) {
            return out;
        }
        List<RouteCandidate> byWeight = new ArrayList<>(route.get().primaries());
        byWeight.sort(Comparator.comparingInt(RouteCandidate::weight).reversed());
        List<TargetRef> rest = new ArrayList<>();
        byWeight.forEach(c -> rest.add(c.target()));
        rest.addAll(route.get().fallbacks());
        for (TargetRef t : rest) {
            VersionRef v = resolve(t);
            if (v != null
                    && seen.add(v)
                    && servable(v)
                    && registry.access().checkAccess(caller, Permission.USE, t).allowed()) {
                out.add(new Candidate(t, v));
            }
        }
        return out;
    }

    private @Nullable VersionRef resolve(TargetRef t) {
        VersionRef v = t.versionRef();
        String alias = t.alias();
        if (v != null || alias == null) {
            return v; // a whole-model target names no one version
        }
        return registry.store()
                .findAlias(t.model(), alias)
                .map(AliasState::version)
                .orElse(null);
    }

    private boolean servable(VersionRef v) {
        return registry.store().findVersion(v).map(mv -> mv.stage().servable()).orElse(false);
    }

    private void submitShadow(
            String routeId, CommandRequest request, Optional<VersionRef> shadow, @Nullable String primaryCommandHash) {
        if (shadow.isEmpty() || closed) {
            return;
        }
        shadows.submit(routeId, request, shadow.get(), primaryCommandHash);
    }

    /** Per-endpoint calls, failures by kind, retries, tokens and latency of every remote engine this translator opened. */
    public List<EndpointStats> endpointStats() {
        return endpointMetrics.snapshot();
    }

    /** The pipeline metrics of each target served so far ({@code model@version} or {@code local}). */
    public Map<String, MetricsSnapshot> pipelineMetrics() {
        return pipelines.metrics();
    }

    public RoutingStats stats() {
        return new RoutingStats(
                requests.sum(),
                fallbacks.sum(),
                localFallbacks.sum(),
                failedAttempts.sum(),
                shadows.runs(),
                shadows.agreements(),
                shadows.disagreements(),
                shadows.failures(),
                shadows.dropped());
    }

    /** Waits up to {@code timeout} for queued shadow requests to finish (for tests and orderly shutdown). */
    public boolean awaitShadows(Duration timeout) throws InterruptedException {
        return shadows.await(timeout);
    }

    /** Stops the shadow queue and closes every engine and pipeline it opened (not the local engine, which the host owns). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shadows.close();
        pipelines.close();
    }

    public static final class Builder {
        private final ModelRegistry registry;
        private final String capability;
        private final Caller caller;
        private @Nullable Consumer<Pipeline.Builder> pipelineSettings;
        private @Nullable AuditSink audit;
        private @Nullable ProvenanceSigner signer;
        private @Nullable InferenceEngine localEngine;
        private BiFunction<ModelVersion, EndpointMetrics, InferenceEngine> opener = RegistryEngines::open;
        private int failureThreshold = 3;
        private Duration coolDown = Duration.ofSeconds(30);
        private int shadowQueue = 64;
        private Clock clock = Clock.systemUTC();

        private Builder(ModelRegistry registry, String capability, Caller caller) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.capability = Objects.requireNonNull(capability, "capability");
            this.caller = Objects.requireNonNull(caller, "caller");
        }

        /**
         * Settings applied to every pipeline (validator, few-shot, cache…); engine, audit sink and signer are set
         * here, not in {@code settings} (the pipeline builder refuses a setting given twice).
         */
        public Builder pipeline(Consumer<Pipeline.Builder> settings) {
            this.pipelineSettings = settings;
            return this;
        }

        /** Where generation.* and route.* events go; shadow pipelines never write to it. */
        public Builder auditSink(AuditSink sink) {
            this.audit = sink;
            return this;
        }

        /** Signs the responses of primary and local pipelines; shadow pipelines never sign. */
        public Builder signer(ProvenanceSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The last resort when every routed candidate fails; owned and closed by the caller. */
        public Builder localFallback(InferenceEngine engine) {
            this.localEngine = engine;
            return this;
        }

        /** How a version's engine is opened; by default {@link RegistryEngines#open}. */
        public Builder engines(BiFunction<ModelVersion, EndpointMetrics, InferenceEngine> opener) {
            this.opener = Objects.requireNonNull(opener, "opener");
            return this;
        }

        /** Failures in a row after which this process skips a fallback candidate for {@code coolDown}. */
        public Builder health(int failures, Duration coolDown) {
            if (failures < 1 || coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
                throw new ConfigurationException(
                        ErrorCode.CONFIGURATION, "health needs failures >= 1 and a positive cool-down");
            }
            this.failureThreshold = failures;
            this.coolDown = coolDown;
            return this;
        }

        /** Shadow requests waiting at most; more are dropped (and counted), never queued without bound. */
        public Builder shadowQueue(int size) {
            if (size < 1) {
                throw new ConfigurationException(ErrorCode.CONFIGURATION, "shadow queue size must be >= 1");
            }
            this.shadowQueue = size;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public RoutedTranslator build() {
            return new RoutedTranslator(this);
        }
    }
}
