package io.clituner.provenance.registry.facade;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.Lineage;
import io.clituner.provenance.registry.LineageEdge;
import io.clituner.provenance.registry.ManifestVerification;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.NewVersion;
import io.clituner.provenance.registry.RegisteredModel;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Models, versions and their lineage: registering snapshots, own and derived versions (each with a
 * signed artifact manifest checked against the registry's manifest keys), evaluation metrics, and
 * reading versions, aliases and the lineage DAG. Every call is access-checked; every change is
 * audited in its own transaction.
 */
public final class Versions extends RegistryFacade {
    Versions(Parts parts) {
        super(parts);
    }

    /** Registers an upstream model as an immutable, never-servable snapshot (stage UPSTREAM). */
    public ModelVersion snapshot(Caller actor, NewVersion v) {
        if (v.source() == null || v.source().isBlank()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "a snapshot needs the upstream source it was taken from (e.g. hf://Qwen/Qwen2.5-Coder-0.5B@<commit>)");
        }
        if (!v.parents().isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "a snapshot has no parents in the registry; use derive for models made from registered versions");
        }
        return insert(actor, v, Stage.UPSTREAM, "version.snapshot");
    }

    /** Registers a version made here from scratch (no registered parents), at RESEARCH. */
    public ModelVersion register(Caller actor, NewVersion v) {
        if (!v.parents().isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "version " + v.ref() + " has parents; use derive");
        }
        if (v.source() != null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "version " + v.ref() + " names an upstream source; use snapshot");
        }
        return insert(actor, v, Stage.RESEARCH, "version.register");
    }

    /** Registers a version derived from registered parents (fine-tune, quantize, merge, distill), at RESEARCH. */
    public ModelVersion derive(Caller actor, NewVersion v) {
        if (v.parents().isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "derive needs at least one parent version and method");
        }
        if (v.source() != null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID, "a derived version has no upstream source; its parents are its origin");
        }
        return insert(actor, v, Stage.RESEARCH, "version.derive");
    }

    private ModelVersion insert(Caller actor, NewVersion v, Stage stage, String event) {
        VersionRef ref = v.ref();
        access.require(actor, Permission.ADMIN, TargetRef.model(ref.model()), null);
        ManifestSigning.verifyMatches(v.manifestEnvelope(), ref.toString(), v.manifest(), manifestKeys);
        for (NewVersion.Parent p : v.parents()) {
            if (store.findVersion(p.ref()).isEmpty()) {
                throw notFound(p.ref());
            }
        }
        if (v.runDigest() != null && store.findRun(v.runDigest()).isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_NOT_FOUND, "run " + v.runDigest() + " is not registered; record the run first");
        }
        Instant now = clock.instant();
        ModelVersion version = new ModelVersion(
                ref,
                stage,
                actor.toString(),
                now,
                v.source(),
                v.manifest(),
                v.manifestEnvelope(),
                v.metrics(),
                v.capabilities(),
                v.servingConfig(),
                v.runDigest(),
                1);
        write(tx -> {
            if (store.findModel(ref.model()).isEmpty()) {
                tx.insertModel(new RegisteredModel(ref.model(), v.description(), actor.toString(), now));
                audit.append(tx, "model.create", actor, "model", ref.model());
            }
            tx.insertVersion(version);
            for (NewVersion.Parent p : v.parents()) {
                tx.insertLineage(new LineageEdge(ref, p.ref(), p.method(), p.details()));
            }
            audit.append(
                    tx,
                    event,
                    actor,
                    "version",
                    ref.toString(),
                    "stage",
                    stage.name(),
                    "rootDigest",
                    v.manifest().rootDigest(),
                    "parents",
                    String.join(
                            ",",
                            v.parents().stream()
                                    .map(p -> p.ref() + ":" + p.method())
                                    .toList()),
                    "source",
                    v.source(),
                    "run",
                    v.runDigest());
            return null;
        });
        changed();
        return version;
    }

    /** Adds a lineage edge between two registered versions (e.g. a distillation recorded later). */
    public void addLineage(Caller actor, LineageEdge edge) {
        access.require(actor, Permission.ADMIN, TargetRef.model(edge.child().model()), null);
        requireVersion(edge.child());
        requireVersion(edge.parent());
        write(tx -> {
            tx.insertLineage(edge);
            audit.append(
                    tx,
                    "lineage.add",
                    actor,
                    "child",
                    edge.child().toString(),
                    "parent",
                    edge.parent().toString(),
                    "method",
                    edge.method().name());
            return null;
        });
        changed();
    }

    /** Records evaluation results on a version (merged with earlier ones). Upstream snapshots are immutable. */
    public ModelVersion recordEvaluation(Caller actor, VersionRef ref, Map<String, Double> metrics) {
        access.require(actor, Permission.PROMOTE, TargetRef.version(ref), ref);
        ModelVersion v = requireVersion(ref);
        if (v.stage() == Stage.UPSTREAM) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    ref + " is an upstream snapshot and immutable; evaluate a derived version");
        }
        Map<String, Double> merged = new TreeMap<>(v.metrics());
        metrics.forEach((k, val) -> {
            if (k == null || k.isBlank() || val == null || val.isNaN() || val.isInfinite()) {
                throw new CliTunerException(
                        ErrorCode.REGISTRY_INVALID, "metric '" + k + "' = " + val + " is not a finite number");
            }
            merged.put(k, val);
        });
        ModelVersion updated = write(tx -> {
            ModelVersion u = tx.updateMetrics(ref, v.revision(), merged);
            audit.append(
                    tx,
                    "version.evaluate",
                    actor,
                    "version",
                    ref.toString(),
                    "metrics",
                    new TreeMap<>(metrics).toString());
            return u;
        });
        changed();
        return updated;
    }

    /**
     * The models the caller may READ (each decision audited); a missing caller, or one that holds no
     * grant at all, is denied outright.
     */
    public List<RegisteredModel> models(Caller caller) {
        if (caller == null
                || store.grantsFor(caller.serviceId()).stream()
                        .noneMatch(g -> g.agentId() == null || g.agentId().equals(caller.agentId()))) {
            access.require(caller, Permission.READ, null, null);
        }
        List<RegisteredModel> out = new ArrayList<>();
        for (RegisteredModel m : store.listModels()) {
            if (access.check(caller, Permission.READ, TargetRef.model(m.name()), null)
                    .allowed()) {
                out.add(m);
            }
        }
        return out;
    }

    public List<ModelVersion> versions(Caller caller, String model) {
        access.require(caller, Permission.READ, TargetRef.model(Names.model(model)), null);
        if (store.findModel(model).isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no model named '" + model + "' in the registry");
        }
        return store.listVersions(model);
    }

    /** A version by number or alias ({@code model@champion}). */
    public ModelVersion version(Caller caller, TargetRef target) {
        VersionRef ref = resolve(target);
        access.require(caller, Permission.READ, target, ref);
        return requireVersion(ref);
    }

    public Map<String, VersionRef> aliases(Caller caller, String model) {
        access.require(caller, Permission.READ, TargetRef.model(Names.model(model)), null);
        Map<String, VersionRef> out = new TreeMap<>();
        store.aliases(model).forEach(a -> out.put(a.alias(), a.version()));
        return out;
    }

    /** Walks the lineage DAG from a version towards its roots and towards its descendants. */
    public Lineage lineage(Caller caller, VersionRef ref) {
        access.require(caller, Permission.READ, TargetRef.version(ref), ref);
        requireVersion(ref);
        return new Lineage(ref, walk(ref, true), walk(ref, false));
    }

    private List<LineageEdge> walk(VersionRef start, boolean up) {
        List<LineageEdge> edges = new ArrayList<>();
        Set<VersionRef> seen = new HashSet<>(Set.of(start));
        ArrayDeque<VersionRef> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            VersionRef v = queue.poll();
            for (LineageEdge e : up ? store.parents(v) : store.children(v)) {
                edges.add(e);
                VersionRef next = up ? e.parent() : e.child();
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return edges;
    }

    /** Re-hashes the files at {@code artifacts} and checks them against the version's signed manifest. */
    public ManifestVerification verify(Caller caller, TargetRef target, Path artifacts) {
        ModelVersion v = version(caller, target);
        var signed =
                ManifestSigning.verifyMatches(v.manifestEnvelope(), v.ref().toString(), v.manifest(), manifestKeys);
        List<String> diffs = ManifestHasher.differences(v.manifest(), artifacts);
        if (!diffs.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.MANIFEST_MISMATCH,
                    "artifacts at " + artifacts + " do not match " + v.ref() + ": " + String.join("; ", diffs));
        }
        return new ManifestVerification(
                v.ref(),
                v.manifest().rootDigest(),
                v.manifest().files().size(),
                v.manifest().totalSize(),
                signed.keyIds());
    }
}
