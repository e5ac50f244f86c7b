package io.clituner.inference.remote.routing;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.egress.ProvenanceSigner;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.metrics.MetricsSnapshot;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.remote.metrics.EndpointMetrics;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.facade.ModelRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The pipelines a {@link RoutedTranslator} runs: one per primary version and one per shadow version, each opened on first
 * use and kept, plus the local fallback's. Primary and local pipelines get the audit sink and the signer; shadow pipelines
 * get neither (their answers are compared, never returned or audited as generations). Thread-safe.
 */
final class ServedPipelines {
    private final ModelRegistry registry;
    private final @Nullable Consumer<Pipeline.Builder> settings;
    private final @Nullable AuditSink audit;
    private final @Nullable ProvenanceSigner signer;
    private final @Nullable InferenceEngine localEngine;
    private final BiFunction<ModelVersion, EndpointMetrics, InferenceEngine> opener;
    private final EndpointMetrics endpointMetrics;
    private final Map<VersionRef, Served> primaries = new ConcurrentHashMap<>();
    private final Map<VersionRef, Served> shadows = new ConcurrentHashMap<>();
    private volatile @Nullable Pipeline localPipeline;

    ServedPipelines(
            ModelRegistry registry,
            @Nullable Consumer<Pipeline.Builder> settings,
            @Nullable AuditSink audit,
            @Nullable ProvenanceSigner signer,
            @Nullable InferenceEngine localEngine,
            BiFunction<ModelVersion, EndpointMetrics, InferenceEngine> opener,
            EndpointMetrics endpointMetrics) {
        this.registry = registry;
        this.settings = settings;
        this.audit = audit;
        this.signer = signer;
        this.localEngine = localEngine;
        this.opener = opener;
        this.endpointMetrics = endpointMetrics;
    }

    /** The primary pipeline of {@code v}, opened on first use. */
    Served primary(VersionRef v) {
        return primaries.computeIfAbsent(v, x -> open(x, true));
    }

    /** The shadow pipeline of {@code v} (no audit sink, no signer), opened on first use. */
    Served shadow(VersionRef v) {
        return shadows.computeIfAbsent(v, x -> open(x, false));
    }

    boolean hasLocal() {
        return localEngine != null;
    }

    /** The local fallback with its pipeline (built on first use), or null when the translator has none. */
    @Nullable
    Served local() {
        InferenceEngine engine = localEngine;
        if (engine == null) {
            return null;
        }
        Pipeline p = localPipeline;
        if (p == null) {
            synchronized (this) {
                p = localPipeline;
                if (p == null) {
                    p = build(engine, true);
                    localPipeline = p;
                }
            }
        }
        return new Served(engine, p);
    }

    private Served open(VersionRef v, boolean primary) {
        ModelVersion version = registry.store()
                .findVersion(v)
                .orElseThrow(() -> new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, v + " is not registered"));
        InferenceEngine engine;
        try {
            engine = opener.apply(version, endpointMetrics);
        } catch (CliTunerException e) {
            throw e;
        } catch (RuntimeException e) {
            // an engine's own bug must not escape untyped: the request falls back like any engine failure
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "cannot open the engine of " + v + ": " + e, e);
        }
        try {
            return new Served(engine, build(engine, primary));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private Pipeline build(InferenceEngine engine, boolean audited) {
        Pipeline.Builder b = Pipeline.builder();
        if (settings != null) {
            settings.accept(b);
        }
        b.engine(engine);
        if (audited) {
            if (audit != null) {
                b.auditSink(audit);
            }
            if (signer != null) {
                b.signer(signer);
            }
        }
        return b.build();
    }

    /** The pipeline metrics of each target served so far ({@code model@version} or {@code local}). */
    Map<String, MetricsSnapshot> metrics() {
        Map<String, MetricsSnapshot> out = new TreeMap<>();
        primaries.forEach((v, s) -> out.put(v.toString(), s.pipeline().metrics()));
        Pipeline local = localPipeline;
        if (local != null) {
            out.put(RoutedTranslator.LOCAL, local.metrics());
        }
        return out;
    }

    /** Closes every pipeline and engine opened here, then the local pipeline (not the local engine, which the host owns). */
    void close() {
        for (Map<VersionRef, Served> m : List.of(primaries, shadows)) {
            for (Served s : m.values()) {
                s.pipeline().close();
                s.engine().close();
            }
        }
        Pipeline local = localPipeline;
        if (local != null) {
            local.close();
        }
    }
}
