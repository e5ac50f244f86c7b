package io.clituner.provenance.registry;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.registry.access.AccessControl;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.gate.GateResult;
import io.clituner.provenance.registry.gate.PromotionContext;
import io.clituner.provenance.registry.gate.PromotionGate;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import io.clituner.provenance.registry.manifest.ManifestVerification;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.CapabilityRouter;
import io.clituner.provenance.registry.routing.HealthTracker;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.AliasState;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.StoredRun;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.PiiApproval;
import io.clituner.provenance.registry.training.RunRecord;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The model registry: models and versions with signed artifact manifests, a lineage DAG, stages
 * moved only through gates, aliases with history, datasets and reproducible runs, deny-by-default
 * grants, and capability routing. Every call names its caller; every access decision and every
 * change is appended to the audit sink, changes inside the same transaction as the write, so
 * nothing changes without an audit record.
 *
 * <pre>{@code
 * try (RegistryStore store = RegistryStores.sqlite(Path.of(".clituner/registry.db"))) {
 *     ModelRegistry registry = ModelRegistry.builder(store, auditLog).manifestKeys(List.of(key.publicKey()))
 *             .bootstrapAdmin("platform").build();
 *     RouteDecision d = registry.route("code-generation", Caller.service("shell-assistant"));
 * }
 * }</pre>
 */
public final class ModelRegistry {
    private final RegistryStore store;
    private final RegistryAudit audit;
    private final Clock clock;
    private final GatePolicy gates;
    private final Map<String, PublicKey> manifestKeys;
    private final AccessControl access;
    private final HealthTracker health;
    private final CapabilityRouter router;

    private ModelRegistry(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.audit = new RegistryAudit(b.audit, b.clock);
        this.gates = b.gates;
        this.manifestKeys = Map.copyOf(b.manifestKeys);
        this.access = new AccessControl(b.store, b.audit, b.clock, b.cacheTtl);
        this.health = new HealthTracker(b.clock, b.failureThreshold, b.coolDown);
        this.router = new CapabilityRouter(b.store, access, health, b.cacheTtl, b.random);
    }

    public static Builder builder(RegistryStore store, AuditSink audit) {
        return new Builder(store, audit);
    }

    // ------------------------------------------------------------------ models and versions

    /** Registers an upstream model as an immutable, never-servable snapshot (stage UPSTREAM). */
    public ModelVersion snapshot(Caller actor, NewVersion v) {
        if (v.source() == null || v.source().isBlank()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a snapshot needs the upstream source it was taken from (e.g. hf://Qwen/Qwen2.5-Coder-0.5B@<commit>)");
        }
        if (!v.parents().isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a snapshot has no parents in the registry; use derive for models made from registered versions");
        }
        return insert(actor, v, Stage.UPSTREAM, "version.snapshot");
    }

    /** Registers a version made here from scratch (no registered parents), at RESEARCH. */
    public ModelVersion register(Caller actor, NewVersion v) {
        if (!v.parents().isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "version " + v.ref() + " has parents; use derive");
        }
        if (v.source() != null) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "version " + v.ref() + " names an upstream source; use snapshot");
        }
        return insert(actor, v, Stage.RESEARCH, "version.register");
    }

    /** Registers a version derived from registered parents (fine-tune, quantize, merge, distill), at RESEARCH. */
    public ModelVersion derive(Caller actor, NewVersion v) {
        if (v.parents().isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "derive needs at least one parent version and method");
        }
        if (v.source() != null) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "a derived version has no upstream source; its parents are its origin");
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
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "run " + v.runDigest() + " is not registered; record the run first");
        }
        Instant now = clock.instant();
        ModelVersion version = new ModelVersion(ref, stage, actor.toString(), now, v.source(), v.manifest(), v.manifestEnvelope(),
                v.metrics(), v.capabilities(), v.servingConfig(), v.runDigest(), 1);
        store.transaction(tx -> {
            if (store.findModel(ref.model()).isEmpty()) {
                tx.insertModel(new RegisteredModel(ref.model(), v.description(), actor.toString(), now));
                audit.append("model.create", actor, "model", ref.model());
            }
            tx.insertVersion(version);
            for (NewVersion.Parent p : v.parents()) {
                tx.insertLineage(new LineageEdge(ref, p.ref(), p.method(), p.details()));
            }
            audit.append(event, actor, "version", ref.toString(), "stage", stage.name(), "rootDigest", v.manifest().rootDigest(),
                    "parents", String.join(",", v.parents().stream().map(p -> p.ref() + ":" + p.method()).toList()),
                    "source", v.source(), "run", v.runDigest());
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
        store.transaction(tx -> {
            tx.insertLineage(edge);
            audit.append("lineage.add", actor, "child", edge.child().toString(), "parent", edge.parent().toString(),
                    "method", edge.method().name());
            return null;
        });
        changed();
    }

    /** Records evaluation results on a version (merged with earlier ones). Upstream snapshots are immutable. */
    public ModelVersion recordEvaluation(Caller actor, VersionRef ref, Map<String, Double> metrics) {
        access.require(actor, Permission.PROMOTE, TargetRef.version(ref), ref);
        ModelVersion v = requireVersion(ref);
        if (v.stage() == Stage.UPSTREAM) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, ref + " is an upstream snapshot and immutable; evaluate a derived version");
        }
        Map<String, Double> merged = new TreeMap<>(v.metrics());
        metrics.forEach((k, val) -> {
            if (k == null || k.isBlank() || val == null || val.isNaN() || val.isInfinite()) {
                throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "metric '" + k + "' = " + val + " is not a finite number");
            }
            merged.put(k, val);
        });
        ModelVersion updated = store.transaction(tx -> {
            ModelVersion u = tx.updateMetrics(ref, v.revision(), merged);
            audit.append("version.evaluate", actor, "version", ref.toString(), "metrics", new TreeMap<>(metrics).toString());
            return u;
        });
        changed();
        return updated;
    }

    /** The models the caller may READ (each decision audited); a missing caller is denied outright. */
    public List<RegisteredModel> models(Caller caller) {
        if (caller == null) {
            access.require(null, Permission.READ, null, null);
        }
        List<RegisteredModel> out = new ArrayList<>();
        for (RegisteredModel m : store.listModels()) {
            if (access.check(caller, Permission.READ, TargetRef.model(m.name()), null).allowed()) {
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

    public List<PromotionRecord> promotions(Caller caller, VersionRef ref) {
        access.require(caller, Permission.READ, TargetRef.version(ref), ref);
        requireVersion(ref);
        return store.promotions(ref);
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
        var signed = ManifestSigning.verifyMatches(v.manifestEnvelope(), v.ref().toString(), v.manifest(), manifestKeys);
        List<String> diffs = ManifestHasher.differences(v.manifest(), artifacts);
        if (!diffs.isEmpty()) {
            throw new CliTunerException(ErrorCode.MANIFEST_MISMATCH, "artifacts at " + artifacts + " do not match " + v.ref()
                    + ": " + String.join("; ", diffs));
        }
        return new ManifestVerification(v.ref(), v.manifest().rootDigest(), v.manifest().files().size(), v.manifest().totalSize(), signed.keyIds());
    }

    // ------------------------------------------------------------------ promotion and aliases

    /**
     * Runs every gate configured for the target stage; if any fails, throws
     * {@link PromotionRejectedException} with every reason and changes nothing. Otherwise moves the
     * stage with a compare-and-set on the version's revision and records the gate results.
     */
    public PromotionRecord promote(Caller actor, PromotionRequest request) {
        VersionRef ref = request.version();
        access.require(actor, Permission.PROMOTE, TargetRef.version(ref), ref);
        ModelVersion v = requireVersion(ref);
        long expected = request.expectedRevision() != null ? request.expectedRevision() : v.revision();
        if (v.revision() != expected) {
            throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, ref + " is at revision " + v.revision() + ", not the expected "
                    + expected + "; someone changed it since you looked");
        }
        String problem = v.stage().transitionProblem(request.target());
        if (problem != null) {
            ErrorCode code = v.stage() == request.target() ? ErrorCode.REGISTRY_CONFLICT
                    : v.stage() == Stage.UPSTREAM ? ErrorCode.REGISTRY_INVALID : ErrorCode.PROMOTION_REJECTED;
            audit.append("promotion.reject", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(), "reasons", problem);
            throw new CliTunerException(code, "cannot promote " + ref + ": " + problem);
        }
        PromotionContext ctx = new PromotionContext(v, request.target(), request.evidence(), clock.instant());
        List<GateResult> results = new ArrayList<>();
        for (PromotionGate g : gates.gatesFor(request.target())) {
            GateResult r = g.evaluate(ctx);
            results.add(Objects.requireNonNull(r, () -> "gate " + g.id() + " returned no result"));
        }
        if (results.stream().anyMatch(r -> !r.passed())) {
            PromotionRejectedException rejected = new PromotionRejectedException("promotion of " + ref + " to " + request.target(), results);
            audit.append("promotion.reject", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(),
                    "reasons", String.join(" | ", rejected.reasons()));
            throw rejected;
        }
        PromotionRecord record = new PromotionRecord(ref, v.stage(), request.target(), actor.toString(), clock.instant(), results);
        store.transaction(tx -> {
            tx.updateStage(ref, v.stage(), expected, record);
            audit.append("promotion.accept", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(),
                    "gates", String.join(",", results.stream().map(GateResult::gateId).toList()));
            return null;
        });
        changed();
        return record;
    }

    /** Points {@code model@alias} at a servable version of the same model, recording the move. */
    public AliasMove moveAlias(Caller actor, String model, String alias, VersionRef to, String reason) {
        Names.model(model);
        Names.alias(alias);
        access.require(actor, Permission.PROMOTE, TargetRef.alias(model, alias), null);
        if (!to.model().equals(model)) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "alias " + model + "@" + alias + " can only point at versions of " + model + ", not " + to);
        }
        requireServable(requireVersion(to));
        long seq = store.findAlias(model, alias).map(AliasState::sequence).orElse(0L);
        return move(actor, model, alias, seq, to, reason, "alias.move");
    }

    /** Moves an alias back to where it pointed before its latest move: the rollback, atomic and audited. */
    public AliasMove rollbackAlias(Caller actor, String model, String alias, String reason) {
        Names.model(model);
        Names.alias(alias);
        access.require(actor, Permission.PROMOTE, TargetRef.alias(model, alias), null);
        List<AliasMove> history = store.aliasHistory(model, alias);
        if (history.isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "alias " + model + "@" + alias + " was never assigned");
        }
        AliasMove last = history.get(history.size() - 1);
        if (last.from() == null) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "alias " + model + "@" + alias + " has no earlier version to roll back to");
        }
        requireServable(requireVersion(last.from()));
        return move(actor, model, alias, last.sequence(), last.from(), reason, "alias.rollback");
    }

    public List<AliasMove> aliasHistory(Caller caller, String model, String alias) {
        access.require(caller, Permission.READ, TargetRef.alias(model, alias), null);
        return store.aliasHistory(model, Names.alias(alias));
    }

    private AliasMove move(Caller actor, String model, String alias, long expectedSeq, VersionRef to, String reason, String event) {
        String why = reason == null || reason.isBlank() ? "(no reason given)" : reason;
        AliasMove m = store.transaction(tx -> {
            AliasMove moved = tx.moveAlias(model, alias, expectedSeq, to, actor.toString(), why, clock.instant());
            audit.append(event, actor, "alias", model + "@" + alias, "from", moved.from() == null ? "" : moved.from().toString(),
                    "to", to.toString(), "sequence", Long.toString(moved.sequence()), "reason", why);
            return moved;
        });
        changed();
        return m;
    }

    // ------------------------------------------------------------------ datasets and runs

    public Dataset registerDataset(Caller actor, Dataset dataset) {
        access.require(actor, Permission.ADMIN, null, null);
        Dataset d = dataset.registered(actor.toString(), clock.instant());
        store.transaction(tx -> {
            tx.insertDataset(d);
            audit.append("dataset.register", actor, "dataset", d.name(), "sha256", d.sha256(), "licence", d.licence(), "pii", Boolean.toString(d.pii()));
            return null;
        });
        return d;
    }

    /** Records that a PII dataset may be used for training; only registry administrators decide this. */
    public PiiApproval approvePii(Caller actor, String sha256, String reason) {
        access.require(actor, Permission.ADMIN, null, null);
        Dataset d = store.findDataset(sha256).orElseThrow(() -> new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no dataset with sha256 " + sha256));
        if (!d.pii()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "dataset " + d.name() + " is not flagged PII; there is nothing to approve");
        }
        PiiApproval a = new PiiApproval(sha256, actor.toString(), Names.required(reason, "approval reason"), clock.instant());
        store.transaction(tx -> {
            tx.insertPiiApproval(a);
            audit.append("dataset.pii_approve", actor, "sha256", sha256, "reason", reason);
            return null;
        });
        return a;
    }

    public Optional<Dataset> dataset(Caller caller, String sha256) {
        access.require(caller, Permission.READ, null, null);
        return store.findDataset(sha256);
    }

    /**
     * Stores a run's reproducibility record and returns its digest; registering the same inputs again
     * returns the same digest and stores nothing new. Every dataset must be registered, and a PII
     * dataset must have an approval.
     */
    public String recordRun(Caller actor, String forModel, RunRecord run) {
        access.require(actor, Permission.ADMIN, TargetRef.model(Names.model(forModel)), null);
        for (String digest : run.datasetDigests()) {
            Dataset d = store.findDataset(digest).orElseThrow(() -> new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND,
                    "run uses dataset " + digest + ", which is not registered; register it first"));
            if (d.pii() && store.piiApprovals(digest).isEmpty()) {
                throw new CliTunerException(ErrorCode.DATASET_PII_UNAPPROVED, "dataset " + d.name() + " (" + digest
                        + ") is flagged PII and has no recorded approval; a registry administrator must approve it before training uses it");
            }
        }
        String digest = run.digest();
        store.transaction(tx -> {
            boolean inserted = tx.insertRun(digest, run, actor.toString(), clock.instant());
            audit.append("run.record", actor, "digest", digest, "model", forModel, "new", Boolean.toString(inserted));
            return null;
        });
        return digest;
    }

    public Optional<StoredRun> run(Caller caller, String digest) {
        access.require(caller, Permission.READ, null, null);
        return store.findRun(digest);
    }

    // ------------------------------------------------------------------ access control

    /** Grants a permission; needs ADMIN on the grant's target (ADMIN on every model for registry-wide grants). */
    public Grant grant(Caller actor, Grant grant) {
        access.require(actor, Permission.ADMIN, grant.target() == null ? null : TargetRef.model(grant.target().model()), null);
        if (grant.target() != null && store.findModel(grant.target().model()).isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no model named '" + grant.target().model() + "'; grants name registered models");
        }
        Grant g = grant.recorded(actor.toString(), clock.instant());
        store.transaction(tx -> {
            boolean inserted = tx.insertGrant(g);
            audit.append("grant.add", actor, "grantee", new Caller(g.serviceId(), g.agentId()).toString(), "target", g.targetText(),
                    "permission", g.permission().name(), "new", Boolean.toString(inserted));
            return null;
        });
        changed();
        return g;
    }

    public boolean revoke(Caller actor, Grant grant) {
        access.require(actor, Permission.ADMIN, grant.target() == null ? null : TargetRef.model(grant.target().model()), null);
        boolean removed = store.transaction(tx -> {
            boolean r = tx.deleteGrant(grant);
            audit.append("grant.revoke", actor, "grantee", new Caller(grant.serviceId(), grant.agentId()).toString(),
                    "target", grant.targetText(), "permission", grant.permission().name(), "existed", Boolean.toString(r));
            return r;
        });
        changed();
        return removed;
    }

    /** Decides (deny by default) and audits whether {@code caller} may exercise {@code permission} on {@code target}. */
    public AccessDecision checkAccess(Caller caller, Permission permission, TargetRef target) {
        VersionRef resolved = target == null || target.isModel() ? null : resolveOrNull(target);
        return access.check(caller, permission, target, resolved);
    }

    public List<Grant> grants(Caller caller) {
        access.require(caller, Permission.ADMIN, null, null);
        return store.listGrants();
    }

    // ------------------------------------------------------------------ routing

    public void defineRoute(Caller actor, CapabilityRoute route) {
        access.require(actor, Permission.ADMIN, null, null);
        store.transaction(tx -> {
            tx.putRoute(route, actor.toString(), clock.instant());
            audit.append("route.define", actor, "capability", route.capability(),
                    "primaries", String.join(",", route.primaries().stream().map(c -> c.target() + "=" + c.weight()).toList()),
                    "fallbacks", String.join(",", route.fallbacks().stream().map(TargetRef::toString).toList()),
                    "shadow", route.shadow() == null ? "" : route.shadow().toString());
            return null;
        });
        changed();
    }

    /** The version that serves {@code capability} for {@code caller} now; see {@link CapabilityRouter}. */
    public RouteDecision route(String capability, Caller caller) {
        return router.route(capability, caller);
    }

    public List<CapabilityRoute> routes(Caller caller) {
        access.require(caller, Permission.READ, null, null);
        return store.listRoutes();
    }

    /** Serving outcome reported by the host; repeated failures cool a version down. */
    public void reportFailure(VersionRef v) {
        health.failure(v);
    }

    public void reportSuccess(VersionRef v) {
        health.success(v);
    }

    public RegistryStore store() {
        return store;
    }

    /**
     * Drops cached grants and route resolutions. Changes made through this instance do this by
     * themselves; call it when another process is known to have changed the registry, rather than
     * waiting for the cache TTL.
     */
    public void invalidateCaches() {
        changed();
    }

    // ------------------------------------------------------------------ helpers

    private void changed() {
        access.invalidate();
        router.invalidate();
    }

    private VersionRef resolve(TargetRef target) {
        if (target.isModel()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "'" + target + "' names a model; name a version (model@1.0.0) or an alias (model@champion)");
        }
        VersionRef ref = resolveOrNull(target);
        if (ref == null) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "alias " + target + " is not assigned");
        }
        return ref;
    }

    private VersionRef resolveOrNull(TargetRef target) {
        if (target.version() != null) {
            return target.versionRef();
        }
        return store.findAlias(target.model(), target.alias()).map(AliasState::version).orElse(null);
    }

    private ModelVersion requireVersion(VersionRef ref) {
        return store.findVersion(ref).orElseThrow(() -> notFound(ref));
    }

    private static void requireServable(ModelVersion v) {
        if (!v.stage().servable()) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, v.ref() + " is " + v.stage()
                    + "; aliases point only at servable (INTERNAL or PRODUCTION) versions");
        }
    }

    private static CliTunerException notFound(VersionRef ref) {
        return new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no version " + ref + " in the registry");
    }

    /** Builder; store, audit sink and at least one manifest key are required. */
    public static final class Builder {
        private final RegistryStore store;
        private final AuditSink audit;
        private Clock clock = Clock.systemUTC();
        private GatePolicy gates = GatePolicy.none();
        private final Map<String, PublicKey> manifestKeys = new TreeMap<>();
        private Duration cacheTtl = Duration.ofSeconds(30);
        private int failureThreshold = 3;
        private Duration coolDown = Duration.ofMinutes(1);
        private RandomGenerator random = RandomGenerator.getDefault();
        private final List<String> bootstrapAdmins = new ArrayList<>();

        private Builder(RegistryStore store, AuditSink audit) {
            this.store = Objects.requireNonNull(store, "store");
            this.audit = Objects.requireNonNull(audit, "audit sink");
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder gates(GatePolicy g) {
            this.gates = g;
            return this;
        }

        /** Keys whose signatures on artifact manifests the registry accepts. */
        public Builder manifestKeys(List<PublicKey> keys) {
            keys.forEach(k -> manifestKeys.put(KeyIds.of(k), k));
            return this;
        }

        /**
         * How long cached grants and route resolutions live. Changes made through this registry
         * invalidate them at once; this bounds how long a change made by another process goes unseen.
         */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        public Builder health(int consecutiveFailures, Duration coolDownFor) {
            this.failureThreshold = consecutiveFailures;
            this.coolDown = coolDownFor;
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        /** Ensures this service holds ADMIN on every model: the first key to the otherwise closed registry. */
        public Builder bootstrapAdmin(String serviceId) {
            bootstrapAdmins.add(serviceId);
            return this;
        }

        public ModelRegistry build() {
            if (manifestKeys.isEmpty()) {
                throw new CliTunerException(ErrorCode.CONFIGURATION, "the registry needs at least one trusted manifest key (manifestKeys)");
            }
            ModelRegistry r = new ModelRegistry(this);
            for (String admin : bootstrapAdmins) {
                Caller c = Caller.service(admin);
                Grant g = Grant.of(c, null, Permission.ADMIN).recorded("bootstrap", clock.instant());
                boolean exists = store.grantsFor(admin).stream().anyMatch(x -> x.target() == null && x.agentId() == null && x.permission() == Permission.ADMIN);
                if (!exists) {
                    store.transaction(tx -> {
                        if (tx.insertGrant(g)) {
                            r.audit.append("grant.bootstrap", c, "grantee", admin, "target", "*", "permission", "ADMIN");
                        }
                        return null;
                    });
                }
            }
            return r;
        }
    }
}
