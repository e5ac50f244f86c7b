package io.clituner.provenance.registry.facade;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import io.clituner.provenance.registry.AliasMove;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.VersionRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.GateResult;
import io.clituner.provenance.registry.gate.PromotionContext;
import io.clituner.provenance.registry.gate.PromotionGate;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.gate.StoredEvaluation;
import io.clituner.provenance.registry.identity.Principal;
import io.clituner.provenance.registry.policy.EvaluationRecordGate;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StoredGatePolicy;
import io.clituner.provenance.registry.store.AliasState;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Moving versions between stages and aliases between versions: promotion through gates (the host's
 * plus the signed policy stored in the registry; a servable stage with neither is closed), the signed
 * evaluation records gates read, alias moves and rollbacks, and the gate policies themselves.
 */
public final class Promotions extends RegistryFacade {
    Promotions(Parts parts) {
        super(parts);
    }

    /**
     * Runs every gate configured for the target stage; if any fails, throws
     * {@link PromotionRejectedException} with every reason and changes nothing. Otherwise moves the
     * stage with a compare-and-set on the version's revision and records the gate results.
     */
    public PromotionRecord promote(Caller actor, PromotionRequest request) {
        VersionRef ref = request.version();
        Stage target = request.target();
        access.require(actor, Permission.PROMOTE, TargetRef.version(ref), ref);
        ModelVersion v = requireVersion(ref);
        Long pinned = request.expectedRevision();
        long expected = pinned != null ? pinned : v.revision();
        if (v.revision() != expected) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_CONFLICT,
                    ref + " is at revision " + v.revision() + ", not the expected " + expected
                            + "; someone changed it since you looked");
        }
        String problem = v.stage().transitionProblem(target);
        if (problem != null) {
            ErrorCode code = v.stage() == target
                    ? ErrorCode.REGISTRY_CONFLICT
                    : v.stage() == Stage.UPSTREAM ? ErrorCode.REGISTRY_INVALID : ErrorCode.PROMOTION_REJECTED;
            auditRejection(actor, v, target, problem, null);
            throw new CliTunerException(code, "cannot promote " + ref + ": " + problem);
        }
        StoredGatePolicy policy = effectivePolicy(ref.model(), target).orElse(null);
        String policyText = policy == null ? "" : policy.scope() + "@" + policy.revision();
        List<GateResult> results = runGates(actor, v, request, policy, policyText);
        PromotionRecord record =
                new PromotionRecord(ref, v.stage(), target, actor.toString(), clock.instant(), results);
        write(tx -> {
            tx.updateStage(ref, v.stage(), expected, record);
            audit.append(
                    tx,
                    "promotion.accept",
                    actor,
                    "version",
                    ref.toString(),
                    "from",
                    v.stage().name(),
                    "to",
                    target.name(),
                    "gates",
                    String.join(",", results.stream().map(GateResult::gateId).toList()),
                    "policy",
                    policyText);
            return null;
        });
        changed();
        return record;
    }

    /**
     * Runs the host's gates and the stored policy's for the request's stage, all of them; throws
     * (audited) when a servable stage has no gate policy at all, or when any gate fails.
     */
    private List<GateResult> runGates(
            Caller actor,
            ModelVersion v,
            PromotionRequest request,
            @Nullable StoredGatePolicy policy,
            String policyText) {
        Stage target = request.target();
        List<PromotionGate> gateList = new ArrayList<>(gates.gatesFor(target));
        if (policy != null) {
            gateList.addAll(policy.policy().toGates());
        }
        if (gateList.isEmpty() && policy == null && target.servable()) {
            String why = "no gate policy is set for " + target + " (neither for "
                    + v.ref().model() + " nor as the registry default);"
                    + " a registry administrator sets one with `clituner registry policy set`";
            auditRejection(actor, v, target, why, null);
            throw new CliTunerException(ErrorCode.PROMOTION_REJECTED, "cannot promote " + v.ref() + ": " + why);
        }
        PromotionContext ctx = new PromotionContext(
                v, target, request.evidence(), clock.instant(), store.evaluations(v.ref()), proposerKeys(actor, v));
        List<GateResult> results = new ArrayList<>();
        for (PromotionGate g : gateList) {
            GateResult r = g.evaluate(ctx);
            results.add(Objects.requireNonNull(r, () -> "gate " + g.id() + " returned no result"));
        }
        if (results.stream().anyMatch(r -> !r.passed())) {
            PromotionRejectedException rejected =
                    new PromotionRejectedException("promotion of " + v.ref() + " to " + target, results);
            auditRejection(actor, v, target, String.join(" | ", rejected.reasons()), policyText);
            throw rejected;
        }
        return results;
    }

    /** The audit event of a refused promotion; {@code policyText} only once a policy was looked up. */
    private void auditRejection(
            Caller actor, ModelVersion v, Stage target, String reasons, @Nullable String policyText) {
        List<String> attributes = new ArrayList<>(List.of(
                "version", v.ref().toString(), "from", v.stage().name(), "to", target.name(), "reasons", reasons));
        if (policyText != null) {
            attributes.add("policy");
            attributes.add(policyText);
        }
        audit.appendNow("promotion.reject", actor, attributes.toArray(String[]::new));
    }

    /** The version's stage changes, each with the gate results that allowed it. */
    public List<PromotionRecord> history(Caller caller, VersionRef ref) {
        access.require(caller, Permission.READ, TargetRef.version(ref), ref);
        requireVersion(ref);
        return store.promotions(ref);
    }

    /** Points {@code model@alias} at a servable version of the same model, recording the move. */
    public AliasMove moveAlias(Caller actor, String model, String alias, VersionRef to, String reason) {
        Names.model(model);
        Names.alias(alias);
        access.require(actor, Permission.PROMOTE, TargetRef.alias(model, alias), null);
        if (!to.model().equals(model)) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "alias " + model + "@" + alias + " can only point at versions of " + model + ", not " + to);
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
            throw new CliTunerException(
                    ErrorCode.REGISTRY_NOT_FOUND, "alias " + model + "@" + alias + " was never assigned");
        }
        AliasMove last = history.get(history.size() - 1);
        if (last.from() == null) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "alias " + model + "@" + alias + " has no earlier version to roll back to");
        }
        requireServable(requireVersion(last.from()));
        return move(actor, model, alias, last.sequence(), last.from(), reason, "alias.rollback");
    }

    public List<AliasMove> aliasHistory(Caller caller, String model, String alias) {
        access.require(caller, Permission.READ, TargetRef.alias(model, alias), null);
        return store.aliasHistory(model, Names.alias(alias));
    }

    private AliasMove move(
            Caller actor, String model, String alias, long expectedSeq, VersionRef to, String reason, String event) {
        String why = reason == null || reason.isBlank() ? "(no reason given)" : reason;
        AliasMove m = write(tx -> {
            AliasMove moved = tx.moveAlias(model, alias, expectedSeq, to, actor.toString(), why, clock.instant());
            audit.append(
                    tx,
                    event,
                    actor,
                    "alias",
                    model + "@" + alias,
                    "from",
                    moved.from() == null ? "" : moved.from().toString(),
                    "to",
                    to.toString(),
                    "sequence",
                    Long.toString(moved.sequence()),
                    "reason",
                    why);
            return moved;
        });
        changed();
        return m;
    }

    /**
     * Applies an administrator's signed {@link GatePolicyChange}: the envelope must verify under the
     * key of a registered principal who holds ADMIN on the change's scope (the model, or the whole
     * registry for the default), and the stored policy must still be at the change's expected
     * revision. The envelope is stored with the policy and its digest, signer and content audited.
     */
    public StoredGatePolicy setGatePolicy(SignedEnvelope signedChange) {
        GatePolicyChange change = GatePolicyChange.fromEnvelope(signedChange);
        boolean defaultScope = GatePolicyChange.DEFAULT_SCOPE.equals(change.scope());
        Principal admin = signingAdministrator(signedChange, defaultScope ? null : TargetRef.model(change.scope()));
        if (admin == null) {
            audit.appendNow(
                    "policy.refused",
                    UNAUTHENTICATED,
                    "scope",
                    change.scope(),
                    "stage",
                    change.stage().name(),
                    "signers",
                    String.join(
                            ",",
                            signedChange.signatures().stream()
                                    .map(SignedEnvelope.Signature::keyid)
                                    .toList()));
            throw new CliTunerException(
                    ErrorCode.ACCESS_DENIED,
                    "gate policy change for " + change.scope() + " " + change.stage()
                            + " is not signed by the key of a registered administrator of "
                            + (defaultScope ? "the registry" : change.scope()));
        }
        if (!defaultScope && store.findModel(change.scope()).isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_NOT_FOUND,
                    "no model named '" + change.scope() + "'; use * for the registry default");
        }
        StoredGatePolicy stored = new StoredGatePolicy(
                change.scope(),
                change.stage(),
                change.policy(),
                signedChange,
                change.expectedRevision() + 1,
                admin.caller().toString(),
                clock.instant());
        Caller by = admin.caller();
        String key = admin.keyId();
        write(tx -> {
            tx.putGatePolicy(stored);
            audit.append(
                    tx,
                    "policy.set",
                    by,
                    "scope",
                    stored.scope(),
                    "stage",
                    stored.stage().name(),
                    "revision",
                    Long.toString(stored.revision()),
                    "key",
                    key,
                    "envelopeSha256",
                    Digests.sha256Hex(Dsse.toJson(signedChange)),
                    "policy",
                    new String(CanonicalJson.write(stored.policy()), StandardCharsets.UTF_8));
            return null;
        });
        changed();
        return stored;
    }

    /**
     * The first principal whose registered key signed {@code signedChange} and who is an administrator
     * of {@code scope} (null: the whole registry); null when there is none (checks audited).
     */
    private @Nullable Principal signingAdministrator(SignedEnvelope signedChange, @Nullable TargetRef scope) {
        Map<String, PublicKey> known = new TreeMap<>();
        store.listPrincipals().forEach(p -> known.put(p.keyId(), p.publicKey()));
        List<String> signers;
        try {
            signers = known.isEmpty()
                    ? List.of()
                    : Dsse.verify(signedChange, known, 1).verifiedKeyIds();
        } catch (CliTunerException e) {
            signers = List.of();
        }
        for (String keyId : signers) {
            Principal p = store.findPrincipal(keyId).orElse(null);
            if (p != null
                    && access.check(p.caller(), Permission.ADMIN, scope, null).allowed()) {
                return p;
            }
        }
        return null;
    }

    /**
     * The policy that governs promotions of {@code model} to {@code stage}: the model's own, else the
     * registry default (the default alone when {@code model} is null).
     */
    public Optional<StoredGatePolicy> gatePolicy(Caller caller, @Nullable String model, Stage stage) {
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

    private Optional<StoredGatePolicy> effectivePolicy(@Nullable String model, Stage stage) {
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
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    ref + " is an upstream snapshot and immutable; evaluate a derived version");
        }
        if (!EvaluationSigning.PAYLOAD_TYPE.equals(signedRecord.payloadType())) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "envelope holds a " + signedRecord.payloadType() + ", not an evaluation record");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(signedRecord.payload());
        } catch (IllegalArgumentException e) {
            throw new CliTunerException(ErrorCode.REGISTRY_INVALID, "evaluation record payload is not base64");
        }
        EvaluationRecord r = EvaluationSigning.parse(payload);
        if (!EvaluationRecordGate.modelDigests(v).contains(r.modelSha256())) {
            throw new CliTunerException(
                    ErrorCode.REGISTRY_INVALID,
                    "the evaluation record is about model " + r.modelSha256() + ", not " + ref + " (root digest "
                            + v.manifest().rootDigest() + ")");
        }
        StoredEvaluation e = new StoredEvaluation(
                ref, Digests.sha256Hex(Dsse.toJson(signedRecord)), signedRecord, actor.toString(), clock.instant());
        write(tx -> {
            boolean inserted = tx.insertEvaluation(e);
            audit.append(
                    tx,
                    "version.evaluation",
                    actor,
                    "version",
                    ref.toString(),
                    "record",
                    r.sha256(),
                    "envelopeSha256",
                    e.digest(),
                    "dataset",
                    r.datasetSha256(),
                    "tasks",
                    Integer.toString(r.taskCount()),
                    "metrics",
                    r.metrics().toString(),
                    "signers",
                    String.join(
                            ",",
                            signedRecord.signatures().stream()
                                    .map(SignedEnvelope.Signature::keyid)
                                    .toList()),
                    "new",
                    Boolean.toString(inserted));
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
}
