package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.evaluation.EvaluationRecord;
import io.clituner.provenance.evaluation.EvaluationSigning;
import io.clituner.provenance.evaluation.SafetyResults;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.gate.EvalThresholdGate;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.identity.SignedRequest;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.store.RegistryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry trust: callers proven by key, bootstrap once, gate policy stored in the registry and
 * changed only by an administrator's signature, separation of duties, and signed evaluation records
 * as the only evaluation evidence a stored policy accepts. Runs on SQLite ({@link SqliteRegistryTrustTest}) and on
 * PostgreSQL ({@link PostgresRegistryTrustTest}, when {@code CLITUNER_PG_URL} is set). The two are top-level classes:
 * Surefire leaves nested classes out, so as nested classes they never ran in {@code mvn test}.
 */
abstract class RegistryTrustTest {
    abstract RegistryStore openStore(Path dir) throws Exception;

    static final String CORPUS = "c".repeat(64);
    static final String DATASET = "d".repeat(64);
    static final Caller ALICE = Caller.service("alice");
    static final Caller BOB = Caller.service("bob");

    @TempDir
    Path tmp;

    final Signer aliceKey = Ed25519Signer.generate();
    final Signer bobKey = Ed25519Signer.generate();
    final Signer evaluatorKey = Ed25519Signer.generate();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    final RecordingAuditSink audit = new RecordingAuditSink();
    RegistryStore store;
    ModelRegistry registry;

    @BeforeEach
    void open() throws Exception {
        store = openStore(tmp);
        registry = ModelRegistry.builder(store, audit)
                .clock(clock)
                .manifestKeys(List.of(aliceKey.publicKey(), bobKey.publicKey()))
                .build();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static ErrorCode code(Runnable r) {
        return assertThrows(CliTunerException.class, r::run).code();
    }

    ModelVersion registerAsAlice(String model) throws Exception {
        return registry.versions()
                .register(
                        ALICE,
                        NewVersion.builder(model, "1.0.0")
                                .artifacts(Fixtures.modelDir(tmp, model, model.hashCode()), List.of(aliceKey))
                                .build());
    }

    @Test
    void bootstrapWorksOnceAndIsAudited() {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        assertEquals(1, audit.ofType("registry.bootstrap").size());
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.access().bootstrap(BOB, bobKey.publicKey())));
        assertEquals(1, audit.ofType("registry.bootstrap.refused").size());
        assertFalse(
                registry.access().checkAccess(BOB, Permission.READ, null).allowed(),
                "the refused bootstrap granted nothing");
        // the in-process form cannot take over a registry that already has an administrator either
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> ModelRegistry.builder(store, audit)
                        .manifestKeys(List.of(aliceKey.publicKey()))
                        .bootstrapAdmin("mallory")
                        .build()));
    }

    @Test
    void signedRequestsProveTheCallerAndCannotBeReplayedOrRedirected() {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        Map<String, String> content = Map.of("model", "coder");
        SignedRequest req = SignedRequest.sign(aliceKey, "registry.list", content, clock.instant());
        assertEquals(ALICE, registry.access().authenticate(req, "registry.list", content));
        assertEquals(1, audit.ofType("registry.auth.allow").size());

        CliTunerException replay = assertThrows(
                CliTunerException.class, () -> registry.access().authenticate(req, "registry.list", content));
        assertEquals(ErrorCode.ACCESS_DENIED, replay.code());
        assertTrue(replay.getMessage().contains("replayed"), replay.getMessage());

        SignedRequest other = SignedRequest.sign(aliceKey, "registry.list", content, clock.instant());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().authenticate(other, "registry.grant", content)),
                "signed for another operation");
        SignedRequest third = SignedRequest.sign(aliceKey, "registry.list", content, clock.instant());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().authenticate(third, "registry.list", Map.of("model", "other"))),
                "other content");
        SignedRequest unknown = SignedRequest.sign(bobKey, "registry.list", content, clock.instant());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().authenticate(unknown, "registry.list", content)),
                "unregistered key");
        SignedRequest stale = SignedRequest.sign(
                aliceKey, "registry.list", content, clock.instant().minus(Duration.ofMinutes(6)));
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().authenticate(stale, "registry.list", content)),
                "outside the time window");
        SignedRequest forged = new SignedRequest(
                req.keyId(),
                req.operation(),
                req.contentSha256(),
                "00" + req.nonce().substring(2),
                req.issuedAt(),
                req.signature());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().authenticate(forged, "registry.list", content)),
                "signature over another nonce");
        assertEquals(6, audit.ofType("registry.auth.deny").size(), "every refusal, the replay included, is audited");
    }

    @Test
    void aSecondPrincipalIsRefusedUntilGranted() throws Exception {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        registry.access().addPrincipal(ALICE, BOB, bobKey.publicKey());
        assertEquals(
                BOB,
                registry.access()
                        .authenticate(SignedRequest.sign(bobKey, "op", Map.of(), clock.instant()), "op", Map.of()));
        ModelVersion v = registerAsAlice("coder");
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.versions().version(BOB, TargetRef.version(v.ref()))));
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().addPrincipal(BOB, Caller.service("eve"), evaluatorKey.publicKey())));
        registry.access().grant(ALICE, Grant.of(BOB, TargetRef.model("coder"), Permission.READ));
        assertEquals(
                v.ref(),
                registry.versions().version(BOB, TargetRef.version(v.ref())).ref());
    }

    @Test
    void gatePolicyChangesNeedAnAdministratorsSignatureAndAreAudited() throws Exception {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        registry.access().addPrincipal(ALICE, BOB, bobKey.publicKey());
        registerAsAlice("coder");
        StagePolicy strict = StagePolicy.builder()
                .approver(aliceKey.publicKey())
                .approver(bobKey.publicKey())
                .quorum(2)
                .build();
        GatePolicyChange change = new GatePolicyChange("coder", Stage.PRODUCTION, strict, 0, clock.instant());

        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.promotions().setGatePolicy(change.sign(bobKey))),
                "bob is known but not an administrator");
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.promotions().setGatePolicy(change.sign(Ed25519Signer.generate()))),
                "unknown key");
        SignedEnvelope good = change.sign(aliceKey);
        SignedEnvelope tampered = new SignedEnvelope(
                good.payloadType(),
                java.util.Base64.getEncoder()
                        .encodeToString(io.clituner.provenance.crypto.CanonicalJson.write(new GatePolicyChange(
                                "coder", Stage.PRODUCTION, StagePolicy.builder().build(), 0, clock.instant()))),
                good.signatures());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.promotions().setGatePolicy(tampered)),
                "payload changed after signing");
        assertEquals(3, audit.ofType("registry.policy.refused").size(), "each refused change is audited");

        var stored = registry.promotions().setGatePolicy(good);
        assertEquals(1, stored.revision());
        AuditEvent set = audit.ofType("registry.policy.set").get(0);
        assertEquals("alice", set.actor());
        assertEquals(aliceKey.keyId(), set.attributes().get("key"));
        assertTrue(
                set.attributes().get("policy").contains("\"quorum\":2"),
                set.attributes().toString());
        assertEquals(
                strict,
                registry.promotions()
                        .gatePolicy(ALICE, "coder", Stage.PRODUCTION)
                        .orElseThrow()
                        .policy());
        assertEquals(
                ErrorCode.REGISTRY_CONFLICT,
                code(() -> registry.promotions().setGatePolicy(good)),
                "a replayed change is stale");
    }

    @Test
    void promotionUsesTheStoredPolicyWithSignedEvaluationsAndSeparationOfDuties() throws Exception {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        registry.access().addPrincipal(ALICE, BOB, bobKey.publicKey());
        ModelVersion v = registerAsAlice("coder");
        assertEquals(
                ErrorCode.PROMOTION_REJECTED,
                code(() -> registry.promotions().promote(ALICE, PromotionRequest.to(v.ref(), Stage.INTERNAL, null))),
                "no policy: deny by default");

        StagePolicy internal = StagePolicy.builder()
                .minimum("exact_match", 0.8)
                .evaluator(evaluatorKey.publicKey())
                .dataset(DATASET, 100)
                .safety(List.of(CORPUS), 50, 1.0)
                .build();
        registry.promotions()
                .setGatePolicy(new GatePolicyChange("*", Stage.INTERNAL, internal, 0, clock.instant()).sign(aliceKey));
        StagePolicy production = StagePolicy.builder()
                .approver(aliceKey.publicKey())
                .approver(bobKey.publicKey())
                .quorum(1)
                .build();
        registry.promotions()
                .setGatePolicy(
                        new GatePolicyChange("*", Stage.PRODUCTION, production, 0, clock.instant()).sign(aliceKey));

        // a record signed by the registrant's own key is no evaluation the policy trusts
        registry.promotions()
                .attachEvaluation(ALICE, v.ref(), EvaluationSigning.sign(record(v, 0.95, 120, 60, 60), aliceKey));
        var untrusted = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions().promote(ALICE, PromotionRequest.to(v.ref(), Stage.INTERNAL, null)));
        assertTrue(
                untrusted.getMessage().contains("no signed evaluation record by a trusted evaluator"),
                untrusted.getMessage());
        // too few cases in the data set, then a safety miss
        registry.promotions()
                .attachEvaluation(ALICE, v.ref(), EvaluationSigning.sign(record(v, 0.95, 20, 60, 60), evaluatorKey));
        assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions().promote(ALICE, PromotionRequest.to(v.ref(), Stage.INTERNAL, null)));
        clock.advance(Duration.ofMinutes(1));
        registry.promotions()
                .attachEvaluation(ALICE, v.ref(), EvaluationSigning.sign(record(v, 0.95, 120, 60, 59), evaluatorKey));
        var unsafe = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions().promote(ALICE, PromotionRequest.to(v.ref(), Stage.INTERNAL, null)));
        assertTrue(unsafe.getMessage().contains("safety recall 59/60"), unsafe.getMessage());
        // a record about another model cannot even be attached
        ModelVersion other = registerAsAlice("other");
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> registry.promotions()
                        .attachEvaluation(
                                ALICE,
                                v.ref(),
                                EvaluationSigning.sign(record(other, 0.95, 120, 60, 60), evaluatorKey))));
        clock.advance(Duration.ofMinutes(1));
        registry.promotions()
                .attachEvaluation(ALICE, v.ref(), EvaluationSigning.sign(record(v, 0.91, 120, 60, 60), evaluatorKey));
        registry.promotions().promote(ALICE, PromotionRequest.to(v.ref(), Stage.INTERNAL, null));

        // PRODUCTION: alice registered and promotes; her own approval does not count, bob's does
        ModelVersion internalV = registry.versions().version(ALICE, TargetRef.version(v.ref()));
        SignedEnvelope own = PromotionApprovals.sign(internalV, Stage.PRODUCTION, List.of(aliceKey));
        var self = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions()
                        .promote(
                                ALICE,
                                PromotionRequest.to(
                                        v.ref(), Stage.PRODUCTION, new PromotionEvidence(null, List.of(own)))));
        assertTrue(self.getMessage().contains("proposer's own key"), self.getMessage());
        SignedEnvelope bobs = PromotionApprovals.sign(internalV, Stage.PRODUCTION, List.of(bobKey));
        registry.promotions()
                .promote(
                        ALICE,
                        PromotionRequest.to(
                                v.ref(), Stage.PRODUCTION, new PromotionEvidence(null, List.of(own, bobs))));
        assertEquals(
                Stage.PRODUCTION,
                registry.versions().version(ALICE, TargetRef.version(v.ref())).stage());
        assertEquals(
                "*@1",
                audit.ofType("registry.promotion.accept").get(1).attributes().get("policy"));
    }

    @Test
    void nonFiniteMetricsAndThresholdsAreRefusedEverywhere() throws Exception {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        assertEquals(
                ErrorCode.POLICY_INVALID,
                code(() -> StagePolicy.builder()
                        .minimum("acc", Double.NaN)
                        .evaluator(evaluatorKey.publicKey())
                        .build()));
        assertEquals(
                ErrorCode.POLICY_INVALID,
                code(() -> StagePolicy.builder()
                        .minimum("acc", Double.NEGATIVE_INFINITY)
                        .evaluator(evaluatorKey.publicKey())
                        .build()));
        assertEquals(
                ErrorCode.POLICY_INVALID,
                code(() -> StagePolicy.builder()
                        .safety(List.of(CORPUS), 1, Double.NaN)
                        .evaluator(evaluatorKey.publicKey())
                        .build()));
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> new EvalThresholdGate(Map.of("acc", Double.NaN))));
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> NewVersion.builder("m", "1.0.0").metric("acc", Double.POSITIVE_INFINITY)));
        ModelVersion v = registerAsAlice("coder");
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() ->
                        registry.versions().recordEvaluation(ALICE, v.ref(), Map.of("acc", Double.POSITIVE_INFINITY))));
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> registry.versions().recordEvaluation(ALICE, v.ref(), Map.of("acc", Double.NaN))));
        assertTrue(
                registry.versions()
                        .version(ALICE, TargetRef.version(v.ref()))
                        .metrics()
                        .isEmpty(),
                "nothing non-finite was stored");
    }

    @Test
    void checkAccessAuditsTheAskerAndTheSubject() throws Exception {
        registry.access().bootstrap(ALICE, aliceKey.publicKey());
        registerAsAlice("coder");
        var d = registry.access().checkAccess(ALICE, BOB, Permission.USE, TargetRef.model("coder"));
        assertFalse(d.allowed());
        AuditEvent decision = audit.last();
        assertEquals("bob", decision.actor());
        assertEquals("alice", decision.attributes().get("askedBy"));
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().checkAccess(BOB, ALICE, Permission.ADMIN, TargetRef.model("coder"))),
                "asking about someone else's access needs ADMIN");
        AuditEvent refused = audit.last();
        assertEquals("bob", refused.actor());
        assertEquals("registry.access.deny", refused.type());
    }

    EvaluationRecord record(ModelVersion v, double exact, int cases, int dangerous, int blocked) {
        return new EvaluationRecord(
                "gguf",
                v.ref().toString(),
                v.manifest().rootDigest(),
                "nl2bash-dev",
                DATASET,
                cases,
                Map.of("exact_match", exact),
                new SafetyResults(dangerous, blocked, 100, 0, CORPUS, "b".repeat(64)),
                clock.instant(),
                "eval-1");
    }
}
