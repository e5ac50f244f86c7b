package io.clituner.provenance.registry;

import io.clituner.core.SignedEnvelope;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One registered version of a model.
 *
 * @param source            where an upstream snapshot came from (URI); null for versions made here
 * @param manifest          per-file digests and the root digest of the artifacts
 * @param manifestEnvelope  the DSSE envelope signing the manifest as an in-toto statement
 * @param metrics           evaluation results (e.g. {@code exact_match → 0.91})
 * @param capabilities      what the version can serve (e.g. {@code code-generation})
 * @param servingConfig     engine settings the host applies when serving it
 * @param runDigest         digest of the reproducibility record of the run that produced it; null if none
 * @param revision          optimistic-concurrency counter, bumped by every change to the row
 */
public record ModelVersion(
        VersionRef ref,
        Stage stage,
        String createdBy,
        Instant createdAt,
        @Nullable String source,
        ArtifactManifest manifest,
        SignedEnvelope manifestEnvelope,
        Map<String, Double> metrics,
        List<String> capabilities,
        Map<String, String> servingConfig,
        @Nullable String runDigest,
        long revision) {
    public ModelVersion {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestEnvelope, "manifestEnvelope");
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
        capabilities = List.copyOf(new TreeSet<>(capabilities == null ? List.of() : capabilities));
        servingConfig =
                java.util.Collections.unmodifiableMap(new TreeMap<>(servingConfig == null ? Map.of() : servingConfig));
    }

    public ModelVersion withStage(Stage newStage, long newRevision) {
        return new ModelVersion(
                ref,
                newStage,
                createdBy,
                createdAt,
                source,
                manifest,
                manifestEnvelope,
                metrics,
                capabilities,
                servingConfig,
                runDigest,
                newRevision);
    }

    public ModelVersion withMetrics(Map<String, Double> newMetrics, long newRevision) {
        return new ModelVersion(
                ref,
                stage,
                createdBy,
                createdAt,
                source,
                manifest,
                manifestEnvelope,
                newMetrics,
                capabilities,
                servingConfig,
                runDigest,
                newRevision);
    }
}
