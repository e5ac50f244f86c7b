package io.clituner.provenance.registry;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.egress.SignedEnvelope;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.Signatures;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.identity.SignedRequest;
import io.clituner.provenance.registry.policy.EvaluationRecordGate;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.registry.store.StoredEvaluation;
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
 * grants, and capability routing. Every call names its caller — proven by a {@link SignedRequest}
 * ({@link #authenticate}) or vouched for by a host that authenticates its own users; every access
 * decision and every change is audited, a change's event through the store's outbox in the same
 * transaction (see {@link RegistryAudit}), so a change and its event exist together or not at all.
 * Promotion gates come from the policy stored in the registry ({@link #setGatePolicy}, signed by an
 * administrator) plus any the host configures; stages without either are closed.
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
    /** How far a signed request's time may be from the registry's clock. */
    public static final Duration REQUEST_WINDOW = Duration.ofMinutes(5);
    /** The actor of audit events about requests whose signer is not (yet) known. */
    private static final Caller UNAUTHENTICATED = Caller.service("unauthenticated");

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
        write(tx -> {
            if (store.findModel(ref.model()).isEmpty()) {
                tx.insertModel(new RegisteredModel(ref.model(), v.description(), actor.toString(), now));
                audit.append(tx, "model.create", actor, "model", ref.model());
            }
            tx.insertVersion(version);
            for (NewVersion.Parent p : v.parents()) {
                tx.insertLineage(new LineageEdge(ref, p.ref(), p.method(), p.details()));
            }
            audit.append(tx, event, actor, "version", ref.toString(), "stage", stage.name(), "rootDigest", v.manifest().rootDigest(),
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
        write(tx -> {
            tx.insertLineage(edge);
            audit.append(tx, "lineage.add", actor, "child", edge.child().toString(), "parent", edge.parent().toString(),
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
        ModelVersion updated = write(tx -> {
            ModelVersion u = tx.updateMetrics(ref, v.revision(), merged);
            audit.append(tx, "version.evaluate", actor, "version", ref.toString(), "metrics", new TreeMap<>(metrics).toString());
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
        if (caller == null || store.grantsFor(caller.serviceId()).stream().noneMatch(g -> g.agentId() == null || g.agentId().equals(caller.agentId()))) {
            access.require(caller, Permission.READ, null, null);
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
            audit.appendNow("promotion.reject", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(), "reasons", problem);
            throw new CliTunerException(code, "cannot promote " + ref + ": " + problem);
        }
        List<PromotionGate> gateList = new ArrayList<>(gates.gatesFor(request.target()));
        Optional<StoredGatePolicy> policy = effectivePolicy(ref.model(), request.target());
        policy.ifPresent(p -> gateList.addAll(p.policy().toGates()));
        if (gateList.isEmpty() && policy.isEmpty() && request.target().servable()) {
            String why = "no gate policy is set for " + request.target() + " (neither for " + ref.model() + " nor as the registry default);"
                    + " a registry administrator sets one with `clituner registry policy set`";
            audit.appendNow("promotion.reject", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(), "reasons", why);
            throw new CliTunerException(ErrorCode.PROMOTION_REJECTED, "cannot promote " + ref + ": " + why);
        }
        PromotionContext ctx = new PromotionContext(v, request.target(), request.evidence(), clock.instant(), store.evaluations(ref),
                proposerKeys(actor, v));
        String policyText = policy.map(p -> p.scope() + "@" + p.revision()).orElse("");
        List<GateResult> results = new ArrayList<>();
        for (PromotionGate g : gateList) {
            GateResult r = g.evaluate(ctx);
            results.add(Objects.requireNonNull(r, () -> "gate " + g.id() + " returned no result"));
        }
        if (results.stream().anyMatch(r -> !r.passed())) {
            PromotionRejectedException rejected = new PromotionRejectedException("promotion of " + ref + " to " + request.target(), results);
            audit.appendNow("promotion.reject", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(),
                    "reasons", String.join(" | ", rejected.reasons()), "policy", policyText);
            throw rejected;
        }
        PromotionRecord record = new PromotionRecord(ref, v.stage(), request.target(), actor.toString(), clock.instant(), results);
        write(tx -> {
            tx.updateStage(ref, v.stage(), expected, record);
            audit.append(tx, "promotion.accept", actor, "version", ref.toString(), "from", v.stage().name(), "to", request.target().name(),
                    "gates", String.join(",", results.stream().map(GateResult::gateId).toList()), "policy", policyText);
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
        AliasMove m = write(tx -> {
            AliasMove moved = tx.moveAlias(model, alias, expectedSeq, to, actor.toString(), why, clock.instant());
            audit.append(tx, event, actor, "alias", model + "@" + alias, "from", moved.from() == null ? "" : moved.from().toString(),
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
        write(tx -> {
            tx.insertDataset(d);
            audit.append(tx, "dataset.register", actor, "dataset", d.name(), "sha256", d.sha256(), "licence", d.licence(), "pii", Boolean.toString(d.pii()));
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
        write(tx -> {
            tx.insertPiiApproval(a);
            audit.append(tx, "dataset.pii_approve", actor, "sha256", sha256, "reason", reason);
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
        write(tx -> {
            boolean inserted = tx.insertRun(digest, run, actor.toString(), clock.instant());
            audit.append(tx, "run.record", actor, "digest", digest, "model", forModel, "new", Boolean.toString(inserted));
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
        write(tx -> {
            boolean inserted = tx.insertGrant(g);
            audit.append(tx, "grant.add", actor, "grantee", new Caller(g.serviceId(), g.agentId()).toString(), "target", g.targetText(),
                    "permission", g.permission().name(), "new", Boolean.toString(inserted));
            return null;
        });
        changed();
        return g;
    }

    public boolean revoke(Caller actor, Grant grant) {
        access.require(actor, Permission.ADMIN, grant.target() == null ? null : TargetRef.model(grant.target().model()), null);
        boolean removed = write(tx -> {
            boolean r = tx.deleteGrant(grant);
            audit.append(tx, "grant.revoke", actor, "grantee", new Caller(grant.serviceId(), grant.agentId()).toString(),
                    "target", grant.targetText(), "permission", grant.permission().name(), "existed", Boolean.toString(r));
            return r;
        });
        changed();
        return removed;
    }

    /** Decides (deny by default) and audits whether {@code caller} may exercise {@code permission} on {@code target}. */
    public AccessDecision checkAccess(Caller caller, Permission permission, TargetRef target) {
        return checkAccess(caller, caller, permission, target);
    }

    /**
     * Whether {@code subject} may exercise {@code permission} on {@code target}, asked by {@code asker}.
     * Asking about someone else needs ADMIN on the target's model (that check is audited as the
     * asker's); the decision about the subject is audited with {@code askedBy}, so the log names both.
     */
    public AccessDecision checkAccess(Caller asker, Caller subject, Permission permission, TargetRef target) {
        if (asker == null || !asker.equals(subject)) {
            access.require(asker, Permission.ADMIN, target == null ? null : TargetRef.model(target.model()), null);
        }
        VersionRef resolved = target == null || target.isModel() ? null : resolveOrNull(target);
        AccessDecision d = access.decide(subject, permission, target, resolved);
        access.record(d, Map.of("askedBy", asker.toString()));
        return d;
    }

    public List<Grant> grants(Caller caller) {
        access.require(caller, Permission.ADMIN, null, null);
        return store.listGrants();
    }

    // ------------------------------------------------------------------ routing

    public void defineRoute(Caller actor, CapabilityRoute route) {
        access.require(actor, Permission.ADMIN, null, null);
        write(tx -> {
            tx.putRoute(route, actor.toString(), clock.instant());
            audit.append(tx, "route.define", actor, "capability", route.capability(),
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

    /** Routes on behalf of {@code subject}; asking for someone else needs ADMIN on the registry (audited as the asker's). */
    public RouteDecision route(String capability, Caller asker, Caller subject) {
        if (asker == null || !asker.equals(subject)) {
            access.require(asker, Permission.ADMIN, null, null);
        }
        if (subject != null && store.grantsFor(subject.serviceId()).isEmpty()) {
            access.require(subject, Permission.USE, null, null); // no grant at all: denied before anything about the route is revealed
        }
        return router.route(capability, subject);
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

    // ------------------------------------------------------------------ identity

    /**
     * Checks a caller's signed request (see {@link SignedRequest}) and returns the caller its key
     * names: the key must belong to a registered principal, the signature must verify over exactly
     * {@code operation} and {@code content} (what the registry is about to act on), the request
     * time must be within {@link #REQUEST_WINDOW} of the registry's clock, and the nonce must be new
     * (replays are refused). Both outcomes are audited. Hosts that authenticate their users
     * themselves pass a {@link Caller} directly instead.
     *
     * @throws CliTunerException ACCESS_DENIED saying what failed
     */
    public Caller authenticate(SignedRequest request, String operation, Object content) {
        Objects.requireNonNull(request, "signed request");
        Instant now = clock.instant();
        Principal p = store.findPrincipal(request.keyId()).orElse(null);
        String problem;
        if (p == null) {
            problem = "key " + request.keyId() + " is not registered with this registry; an administrator adds it with"
                    + " `clituner registry principal add NAME --public-key KEY.pub`";
        } else if (!request.operation().equals(operation)) {
            problem = "the request was signed for " + request.operation() + ", not " + operation;
        } else if (!request.contentSha256().equals(SignedRequest.digest(content))) {
            problem = "the request's content is not what was signed";
        } else if (!Signatures.verify(p.publicKey(), request.signedBytes(), request.signatureBytes())) {
            problem = "the request signature does not verify under key " + request.keyId();
        } else if (Duration.between(request.issuedAt(), now).abs().compareTo(REQUEST_WINDOW) > 0) {
            problem = "the request was signed at " + request.issuedAt() + ", more than " + REQUEST_WINDOW.toMinutes()
                    + " minutes from the registry's time " + now + "; check the clock and sign again";
        } else {
            problem = null;
        }
        if (problem == null) {
            Principal who = p;
            boolean fresh = write(tx -> {
                boolean f = tx.insertNonce(request.keyId(), request.nonce(), request.issuedAt(), now.minus(REQUEST_WINDOW.multipliedBy(2)));
                if (f) {
                    audit.append(tx, "auth.allow", who.caller(), "key", request.keyId(), "operation", operation, "nonce", request.nonce(),
                            "content", request.contentSha256(), "issuedAt", request.issuedAt().toString());
                }
                return f;
            });
            if (fresh) {
                return p.caller();
            }
            problem = "nonce " + request.nonce() + " was already used by key " + request.keyId() + " (a replayed request)";
        }
        audit.appendNow("auth.deny", UNAUTHENTICATED, "key", request.keyId(), "operation", operation, "reason", problem);
        throw new CliTunerException(ErrorCode.ACCESS_DENIED, "authentication failed: " + problem);
    }

    /**
     * Creates the first administrator: {@code admin} gets ADMIN on every model and is known by
     * {@code key}. Only an empty registry (no principal, no grant) can be bootstrapped; the event is
     * audited, and every later attempt fails (and is audited too).
     *
     * @throws CliTunerException ACCESS_DENIED when the registry already has principals or grants
     */
    public Principal bootstrap(Caller admin, PublicKey key) {
        Instant now = clock.instant();
        Principal p = new Principal(admin, key, "bootstrap", now);
        try {
            write(tx -> {
                if (!store.listPrincipals().isEmpty() || !store.listGrants().isEmpty()) {
                    throw new CliTunerException(ErrorCode.ACCESS_DENIED, "this registry already has an administrator; bootstrapping works"
                            + " only once, on an empty registry. Ask an administrator to add your key"
                            + " (`clituner registry principal add NAME --public-key KEY.pub`) and to grant you what you need");
                }
                tx.insertPrincipal(p);
                tx.insertGrant(Grant.of(admin, null, Permission.ADMIN).recorded("bootstrap", now));
                audit.append(tx, "bootstrap", admin, "key", p.keyId(), "grantee", admin.toString(), "target", "*", "permission", "ADMIN");
                return null;
            });
        } catch (CliTunerException e) {
            if (e.code() == ErrorCode.ACCESS_DENIED) {
                audit.appendNow("bootstrap.refused", admin, "key", p.keyId(), "reason", e.getMessage());
            }
            throw e;
        }
        changed();
        return p;
    }

    /** The in-process form of bootstrapping ({@link Builder#bootstrapAdmin}): a no-op when the service already is administrator. */
    private void ensureBootstrapAdmin(Caller admin) {
        write(tx -> {
            boolean already = store.grantsFor(admin.serviceId()).stream()
                    .anyMatch(x -> x.target() == null && x.agentId() == null && x.permission() == Permission.ADMIN);
            if (already) {
                return null;
            }
            if (!store.listPrincipals().isEmpty() || !store.listGrants().isEmpty()) {
                throw new CliTunerException(ErrorCode.ACCESS_DENIED, "cannot make " + admin + " the bootstrap administrator: this registry"
                        + " already has grants; an administrator must grant " + admin + " ADMIN");
            }
            tx.insertGrant(Grant.of(admin, null, Permission.ADMIN).recorded("bootstrap", clock.instant()));
            audit.append(tx, "bootstrap", admin, "grantee", admin.toString(), "target", "*", "permission", "ADMIN");
            return null;
        });
        changed();
    }

    /** Registers {@code key} as {@code who}'s; needs ADMIN on the whole registry. */
    public Principal addPrincipal(Caller actor, Caller who, PublicKey key) {
        access.require(actor, Permission.ADMIN, null, null);
        Principal p = new Principal(who, key, actor.toString(), clock.instant());
        write(tx -> {
            if (!tx.insertPrincipal(p)) {
                throw new CliTunerException(ErrorCode.REGISTRY_CONFLICT, "key " + p.keyId() + " is already registered to "
                        + store.findPrincipal(p.keyId()).map(x -> x.caller().toString()).orElse("another caller") + "; each key names one caller");
            }
            audit.append(tx, "principal.add", actor, "principal", who.toString(), "key", p.keyId());
            return null;
        });
        return p;
    }

    /** Forgets a key; requests signed with it fail from now on. Needs ADMIN on the whole registry. */
    public boolean removePrincipal(Caller actor, String keyId) {
        access.require(actor, Permission.ADMIN, null, null);
        return write(tx -> {
            boolean r = tx.deletePrincipal(keyId);
            audit.append(tx, "principal.remove", actor, "key", keyId, "existed", Boolean.toString(r));
            return r;
        });
    }

    public List<Principal> principals(Caller caller) {
        access.require(caller, Permission.ADMIN, null, null);
        return store.listPrincipals();
    }

    // ------------------------------------------------------------------ gate policy and evaluations

    /**
     * Applies an administrator's signed {@link GatePolicyChange}: the envelope must verify under the
     * key of a registered principal who holds ADMIN on the change's scope (the model, or the whole
     * registry for the default), and the stored policy must still be at the change's expected
     * revision. The envelope is stored with the policy and its digest, signer and content audited.
     */
    public StoredGatePolicy setGatePolicy(SignedEnvelope signedChange) {
        GatePolicyChange change = GatePolicyChange.fromEnvelope(signedChange);
        Map<String, PublicKey> known = new TreeMap<>();
        store.listPrincipals().forEach(p -> known.put(p.keyId(), p.publicKey()));
        List<String> signers;
        try {
            signers = known.isEmpty() ? List.of() : Dsse.verify(signedChange, known, 1).verifiedKeyIds();
        } catch (CliTunerException e) {
            signers = List.of();
        }
        boolean defaultScope = GatePolicyChange.DEFAULT_SCOPE.equals(change.scope());
        TargetRef scopeTarget = defaultScope ? null : TargetRef.model(change.scope());
        Caller admin = null;
        String adminKey = null;
        for (String keyId : signers) {
            Caller c = store.findPrincipal(keyId).map(Principal::caller).orElseThrow();
            if (access.check(c, Permission.ADMIN, scopeTarget, null).allowed()) {
                admin = c;
                adminKey = keyId;
                break;
            }
        }
        if (admin == null) {
            audit.appendNow("policy.refused", UNAUTHENTICATED, "scope", change.scope(), "stage", change.stage().name(),
                    "signers", String.join(",", signedChange.signatures().stream().map(SignedEnvelope.Signature::keyid).toList()));
            throw new CliTunerException(ErrorCode.ACCESS_DENIED, "gate policy change for " + change.scope() + " " + change.stage()
                    + " is not signed by the key of a registered administrator of " + (defaultScope ? "the registry" : change.scope()));
        }
        if (!defaultScope && store.findModel(change.scope()).isEmpty()) {
            throw new CliTunerException(ErrorCode.REGISTRY_NOT_FOUND, "no model named '" + change.scope() + "'; use * for the registry default");
        }
        StoredGatePolicy stored = new StoredGatePolicy(change.scope(), change.stage(), change.policy(), signedChange,
                change.expectedRevision() + 1, admin.toString(), clock.instant());
        Caller by = admin;
        String key = adminKey;
        write(tx -> {
            tx.putGatePolicy(stored);
            audit.append(tx, "policy.set", by, "scope", stored.scope(), "stage", stored.stage().name(), "revision", Long.toString(stored.revision()),
                    "key", key, "envelopeSha256", Digests.sha256Hex(Dsse.toJson(signedChange)),
                    "policy", new String(CanonicalJson.write(stored.policy()), java.nio.charset.StandardCharsets.UTF_8));
            return null;
        });
        changed();
        return stored;
    }

    /** The policy that governs promotions of {@code model} to {@code stage}: the model's own, else the registry default. */
    public Optional<StoredGatePolicy> gatePolicy(Caller caller, String model, Stage stage) {
        access.require(caller, Permission.READ, model == null ? null : TargetRef.model(Names.model(model)), null);
        return effectivePolicy(model, stage);
    }

    /** The policy stored for exactly this scope (a model, or {@code "*"}) and stage, without falling back to the default. */
    public Optional<StoredGatePolicy> storedGatePolicy(Caller caller, String scope, Stage stage) {
        boolean all = GatePolicyChange.DEFAULT_SCOPE.equals(scope);
        access.require(caller, Permission.READ, all ? null : TargetRef.model(Names.model(scope)), null);
        return store.findGatePolicy(scope, stage);
    }

    public List<StoredGatePolicy> gatePolicies(Caller caller) {
        access.require(caller, Permission.READ, null, null);
        return store.listGatePolicies();
    }

    private Optional<StoredGatePolicy> effectivePolicy(String model, Stage stage) {
        Optional<StoredGatePolicy> own = model == null ? Optional.empty() : store.findGatePolicy(model, stage);
        return own.isPresent() ? own : store.findGatePolicy(GatePolicyChange.DEFAULT_SCOPE, stage);
    }

    /**
     * Attaches a signed evaluation record (from {@code clituner eval --sign-key}) to a version. The
     * record must be about this version's model digest; whether its signer is trusted, and whether
     * its data set and numbers are enough, is decided by the gate policy at promotion time.
     */
    public StoredEvaluation attachEvaluation(Caller actor, VersionRef ref, SignedEnvelope signedRecord) {
        access.require(actor, Permission.PROMOTE, TargetRef.version(ref), ref);
        ModelVersion v = requireVersion(ref);
        if (v.stage() == Stage.UPSTREAM) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, ref + " is an upstream snapshot and immutable; evaluate a derived version");
        }
        if (!EvaluationSigning.PAYLOAD_TYPE.equals(signedRecord.payloadType())) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "envelope holds a " + signedRecord.payloadType() + ", not an evaluation record");
        }
        byte[] payload;
        try {
            payload = java.util.Base64.getDecoder().decode(signedRecord.payload());
        } catch (IllegalArgumentException e) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "evaluation record payload is not base64");
        }
        EvaluationRecord r = EvaluationSigning.parse(payload);
        if (!EvaluationRecordGate.modelDigests(v).contains(r.modelSha256())) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "the evaluation record is about model " + r.modelSha256() + ", not "
                    + ref + " (root digest " + v.manifest().rootDigest() + ")");
        }
        StoredEvaluation e = new StoredEvaluation(ref, Digests.sha256Hex(Dsse.toJson(signedRecord)), signedRecord, actor.toString(), clock.instant());
        write(tx -> {
            boolean inserted = tx.insertEvaluation(e);
            audit.append(tx, "version.evaluation", actor, "version", ref.toString(), "record", r.sha256(), "envelopeSha256", e.digest(),
                    "dataset", r.datasetSha256(), "tasks", Integer.toString(r.taskCount()), "metrics", r.metrics().toString(),
                    "signers", String.join(",", signedRecord.signatures().stream().map(SignedEnvelope.Signature::keyid).toList()),
                    "new", Boolean.toString(inserted));
            return null;
        });
        return e;
    }

    public List<StoredEvaluation> evaluations(Caller caller, VersionRef ref) {
        access.require(caller, Permission.READ, TargetRef.version(ref), ref);
        requireVersion(ref);
        return store.evaluations(ref);
    }

    /** The keys of the promoting caller and of the version's registrant, whose approvals do not count by default. */
    private Set<String> proposerKeys(Caller actor, ModelVersion v) {
        Set<String> keys = new HashSet<>();
        for (Principal p : store.listPrincipals()) {
            if (p.caller().equals(actor) || p.caller().toString().equals(v.createdBy())) {
                keys.add(p.keyId());
            }
        }
        return keys;
    }

    // ------------------------------------------------------------------ helpers

    /** One transaction, then its audit events moved to the sink (see {@link RegistryAudit}). */
    private <T> T write(java.util.function.Function<io.clituner.provenance.registry.store.RegistryTransaction, T> work) {
        T result = store.transaction(work);
        audit.drain(store);
        return result;
    }

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

        /**
         * For in-process hosts: makes this service the administrator (ADMIN on every model) of an
         * empty registry; a no-op when it already is one; {@code ACCESS_DENIED} at {@link #build()}
         * when the registry already has other grants (bootstrapping happens once).
         */
        public Builder bootstrapAdmin(String serviceId) {
            bootstrapAdmins.add(serviceId);
            return this;
        }

        public ModelRegistry build() {
            if (manifestKeys.isEmpty()) {
                throw new CliTunerException(ErrorCode.CONFIGURATION, "the registry needs at least one trusted manifest key (manifestKeys)");
            }
            ModelRegistry r = new ModelRegistry(this);
            r.audit.drain(store); // a change committed by a process that died before moving its event
            for (String admin : bootstrapAdmins) {
                r.ensureBootstrapAdmin(Caller.service(admin));
            }
            return r;
        }
    }
}
