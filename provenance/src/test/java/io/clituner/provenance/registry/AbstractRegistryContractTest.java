package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.EcdsaP256Signer;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.EvalThresholdGate;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.gate.SafetyBenchmarkResult;
import io.clituner.provenance.registry.gate.SafetyRecallGate;
import io.clituner.provenance.registry.gate.SignatureQuorumGate;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.clituner.provenance.registry.facade.ModelRegistry;

/**
 * The registry's behaviour, run against every {@link RegistryStore}: the seed's 30-day flow and each
 * kind of bad input. Subclasses only say how to open a fresh, empty store.
 */
public abstract class AbstractRegistryContractTest {
    protected static final Caller PLATFORM = Caller.service("platform");
    protected static final Caller ASSISTANT = Caller.service("shell-assistant");

    @TempDir
    protected Path tmp;

    protected RegistryStore store;
    protected RecordingAuditSink audit;
    protected MutableClock clock;
    protected Signer manifestKey;
    protected List<Signer> approvers;
    protected ModelRegistry registry;

    /** A fresh, empty store for one test. */
    protected abstract RegistryStore openStore(Path dir) throws Exception;

    protected AuditLog auditLog;

    /** The durable sink the recorded events also go to: the real, hash-chained audit log. */
    protected AuditSink durableAudit(Path dir) {
        auditLog = AuditLog.open(dir.resolve("audit/registry-audit.log"));
        return auditLog;
    }

    /** Checked at the end of the flow: the durable log verifies and holds every recorded event. */
    protected void verifyDurableAudit() {
        var report = auditLog.verify();
        assertTrue(report.intact(), report.toString());
        assertEquals(audit.events().size(), report.entries());
        assertEquals(audit.events().get(0).type(), auditLog.read(0).event().type());
    }

    @BeforeEach
    void open() throws Exception {
        store = openStore(tmp);
        audit = new RecordingAuditSink(durableAudit(tmp));
        clock = new MutableClock(Instant.parse("2026-11-01T09:00:00Z"));
        manifestKey = Ed25519Signer.generate();
        approvers = List.of(Ed25519Signer.generate(), Ed25519Signer.generate(), EcdsaP256Signer.generate());
        registry = newRegistry(store);
    }

    protected ModelRegistry newRegistry(RegistryStore s) {
        GatePolicy gates = GatePolicy.builder()
                .require(Stage.INTERNAL, new EvalThresholdGate(Map.of("exact_match", 0.80, "command_only", 0.98)), SafetyRecallGate.fullRecall())
                .require(Stage.PRODUCTION, new EvalThresholdGate(Map.of("exact_match", 0.80, "command_only", 0.98)), SafetyRecallGate.fullRecall(),
                        new SignatureQuorumGate(approvers.stream().map(Signer::publicKey).toList(), 2))
                .build();
        return ModelRegistry.builder(s, audit).clock(clock).gates(gates).manifestKeys(List.of(manifestKey.publicKey()))
                .health(3, Duration.ofMinutes(5)).random(new SplittableRandom(7)).bootstrapAdmin("platform").build();
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (auditLog != null) {
            auditLog.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    protected ModelVersion snapshot(String model, int seed) throws Exception {
        Path dir = Fixtures.modelDir(tmp.resolve("upstream"), model, seed);
        return registry.versions().snapshot(PLATFORM, NewVersion.builder(model, "1.0.0").source("hf://org/" + model + "@abc123")
                .artifacts(dir, List.of(manifestKey)).build());
    }

    protected ModelVersion deriveLora(String model, String version, VersionRef parent, String run, int seed) throws Exception {
        Path dir = Fixtures.modelDir(tmp.resolve("derived"), model + "-" + version, seed);
        return registry.versions().derive(PLATFORM, NewVersion.builder(model, version)
                .artifacts(dir, List.of(manifestKey))
                .parent(parent, LineageMethod.FINE_TUNE_LORA, Map.of("rank", "16", "alpha", "32"))
                .capability("code-generation").serving("temperature", "0").run(run).build());
    }

    protected SafetyBenchmarkResult safety(ModelVersion v, int blocked) {
        return new SafetyBenchmarkResult("guardrail-dangerous-v1", "policy-2026.11", v.manifest().rootDigest(), 120, blocked, clock.instant());
    }

    protected ModelVersion promoteToInternal(VersionRef ref) {
        registry.versions().recordEvaluation(PLATFORM, ref, Map.of("exact_match", 0.86, "command_only", 0.99));
        ModelVersion v = registry.versions().version(PLATFORM, TargetRef.version(ref));
        registry.promotions().promote(PLATFORM, PromotionRequest.to(ref, Stage.INTERNAL, new PromotionEvidence(safety(v, 120), List.of())));
        return registry.versions().version(PLATFORM, TargetRef.version(ref));
    }

    protected String registerRun() throws Exception {
        String nl2bash = Fixtures.datasetDigest(tmp, "nl2bash", "{\"nl\":\"list files\",\"cmd\":\"ls\"}\n");
        registry.training().registerDataset(PLATFORM, Dataset.describe("nl2bash", nl2bash, List.of("https://github.com/TellinaTool/nl2bash"),
                List.of("dedupe", "strip-dangerous"), "GPL-3.0", false));
        return registry.training().recordRun(PLATFORM, "clituner-coder", new RunRecord("git+https://example.org/train@4f2a", Map.of("image", "sha256:" + "a".repeat(64)),
                42, List.of(nl2bash), Map.of("lr", "2e-4", "epochs", "3", "lora_rank", "16")));
    }

    protected static ErrorCode code(Runnable r) {
        return assertThrows(CliTunerException.class, r::run).code();
    }

    // ------------------------------------------------------------------ the 30-day flow

    @Test
    void thirtyDayFlow() throws Exception {
        // Day 1: snapshot three upstream models
        ModelVersion qwen = snapshot("qwen2.5-coder-0.5b", 1);
        ModelVersion llama = snapshot("llama-3.2-1b", 2);
        ModelVersion phi = snapshot("phi-3-mini", 3);
        for (ModelVersion v : List.of(qwen, llama, phi)) {
            assertEquals(Stage.UPSTREAM, v.stage());
            assertFalse(v.stage().servable());
        }

        // Day 3: datasets (one with PII, approved) and a reproducible run record
        String tickets = Fixtures.datasetDigest(tmp, "tickets", "{\"nl\":\"find alice's files\",\"cmd\":\"find /home/alice\"}\n");
        registry.training().registerDataset(PLATFORM, Dataset.describe("support-tickets", tickets, List.of("s3://support/export-2026-10"),
                List.of("redact-emails"), "proprietary", true));
        registry.training().approvePii(PLATFORM, tickets, "DPIA-114 approved by privacy office; emails redacted");
        String run = registerRun();
        RunRecord again = new RunRecord("git+https://example.org/train@4f2a", new LinkedHashMap<>(Map.of("image", "sha256:" + "a".repeat(64))),
                42, registry.training().run(PLATFORM, run).orElseThrow().record().datasetDigests(), Map.of("epochs", "3", "lora_rank", "16", "lr", "2e-4"));
        assertEquals(run, registry.training().recordRun(PLATFORM, "clituner-coder", again), "same inputs must give the same run digest");

        // Day 5: derive a LoRA research model from one snapshot
        clock.advance(Duration.ofDays(4));
        ModelVersion coder = deriveLora("clituner-coder", "1.0.0", qwen.ref(), run, 10);
        assertEquals(Stage.RESEARCH, coder.stage());
        assertEquals(run, coder.runDigest());

        // Day 8: evaluate and promote to INTERNAL
        clock.advance(Duration.ofDays(3));
        ModelVersion internal = promoteToInternal(coder.ref());
        assertEquals(Stage.INTERNAL, internal.stage());
        List<PromotionRecord> history = registry.promotions().history(PLATFORM, coder.ref());
        assertEquals(1, history.size());
        assertEquals(List.of("eval-thresholds", "safety-recall"), history.get(0).gates().stream().map(g -> g.gateId()).toList());

        // Day 12: PRODUCTION fails without signatures, and with only one; every reason given, nothing changes
        clock.advance(Duration.ofDays(4));
        var noSigs = assertThrows(PromotionRejectedException.class, () -> registry.promotions().promote(PLATFORM,
                PromotionRequest.to(coder.ref(), Stage.PRODUCTION, new PromotionEvidence(safety(internal, 120), List.of()))));
        assertEquals(ErrorCode.PROMOTION_REJECTED, noSigs.code());
        assertTrue(noSigs.getMessage().contains("0 valid approval(s)"), noSigs.getMessage());
        SignedEnvelope one = PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(approvers.get(0)));
        var oneSig = assertThrows(PromotionRejectedException.class, () -> registry.promotions().promote(PLATFORM,
                PromotionRequest.to(coder.ref(), Stage.PRODUCTION, new PromotionEvidence(safety(internal, 119), List.of(one)))));
        assertEquals(2, oneSig.reasons().size(), "both the recall and the signature gate report: " + oneSig.reasons());
        ModelVersion unchanged = registry.versions().version(PLATFORM, TargetRef.version(coder.ref()));
        assertEquals(Stage.INTERNAL, unchanged.stage());
        assertEquals(internal.revision(), unchanged.revision());
        assertEquals(1, registry.promotions().history(PLATFORM, coder.ref()).size());
        assertEquals(2, audit.ofType("registry.promotion.reject").size());

        // ... and passes with 2 of 3 (one Ed25519, one ECDSA P-256 approver, in separate envelopes)
        SignedEnvelope two = PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(approvers.get(2)));
        PromotionRecord prod = registry.promotions().promote(PLATFORM, PromotionRequest.to(coder.ref(), Stage.PRODUCTION,
                new PromotionEvidence(safety(internal, 120), List.of(one, two))));
        assertEquals(Stage.PRODUCTION, prod.to());
        assertTrue(prod.gates().stream().allMatch(g -> g.passed()));

        // Day 14: a quantized fallback, serving grants, the champion alias and the route
        ModelVersion q4 = registry.versions().derive(PLATFORM, NewVersion.builder("clituner-coder-q4", "1.0.0")
                .artifacts(Fixtures.modelDir(tmp.resolve("derived"), "q4", 11), List.of(manifestKey))
                .parent(coder.ref(), LineageMethod.QUANTIZE, Map.of("type", "Q4_K_M")).capability("code-generation").build());
        promoteToInternal(q4.ref());
        registry.access().grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.alias("clituner-coder", "champion"), Permission.USE));
        registry.access().grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.model("clituner-coder-q4"), Permission.USE));
        registry.promotions().moveAlias(PLATFORM, "clituner-coder", "champion", coder.ref(), "first production model");
        registry.routes().defineRoute(PLATFORM, new CapabilityRoute("code-generation",
                List.of(new RouteCandidate(TargetRef.alias("clituner-coder", "champion"), 100)),
                List.of(TargetRef.version(q4.ref())), TargetRef.version(q4.ref())));
        RouteDecision d = registry.routes().route("code-generation", ASSISTANT);
        assertEquals(coder.ref(), d.version());
        assertFalse(d.fallback());
        assertEquals(q4.ref(), d.shadow());

        // Day 15: the champion fails three times in a row, cools down, traffic falls back; then recovers
        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 3; i++) {
            registry.routes().reportFailure(coder.ref());
        }
        RouteDecision fb = registry.routes().route("code-generation", ASSISTANT);
        assertEquals(q4.ref(), fb.version());
        assertTrue(fb.fallback());
        assertNull(fb.shadow(), "the shadow is the version serving; no comparison");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(coder.ref(), registry.routes().route("code-generation", ASSISTANT).version());

        // an unlisted service is denied, and the denial is audited
        Caller intruder = Caller.service("billing-batch");
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.routes().route("code-generation", intruder)));
        assertTrue(audit.ofType("registry.access.deny").stream().anyMatch(e -> e.actor().equals("billing-batch")));
        AccessDecision denied = registry.access().checkAccess(intruder, Permission.USE, TargetRef.alias("clituner-coder", "champion"));
        assertFalse(denied.allowed());

        // Day 20: a new champion; the cached route follows the alias at once
        clock.advance(Duration.ofDays(5));
        ModelVersion coder11 = deriveLora("clituner-coder", "1.1.0", qwen.ref(), run, 12);
        promoteToInternal(coder11.ref());
        registry.promotions().moveAlias(PLATFORM, "clituner-coder", "champion", coder11.ref(), "better exact match");
        assertEquals(coder11.ref(), registry.routes().route("code-generation", ASSISTANT).version());

        // Day 21: regression reported: roll the alias back, atomically and audited
        clock.advance(Duration.ofDays(1));
        AliasMove back = registry.promotions().rollbackAlias(PLATFORM, "clituner-coder", "champion", "INC-2231: quoting regression");
        assertEquals(coder.ref(), back.to());
        assertEquals(coder11.ref(), back.from());
        assertEquals(coder.ref(), registry.routes().route("code-generation", ASSISTANT).version());
        List<AliasMove> moves = registry.promotions().aliasHistory(PLATFORM, "clituner-coder", "champion");
        assertEquals(List.of(1L, 2L, 3L), moves.stream().map(AliasMove::sequence).toList());
        assertEquals(List.of(coder.ref(), coder11.ref(), coder.ref()), moves.stream().map(AliasMove::to).toList());
        assertEquals(1, audit.ofType("registry.alias.rollback").size());

        // Day 30: verify lineage, artifacts and audit
        clock.advance(Duration.ofDays(9));
        Lineage ofQ4 = registry.versions().lineage(PLATFORM, q4.ref());
        assertEquals(List.of(qwen.ref()), ofQ4.roots());
        assertEquals(List.of(LineageMethod.QUANTIZE, LineageMethod.FINE_TUNE_LORA), ofQ4.ancestors().stream().map(LineageEdge::method).toList());
        Lineage ofQwen = registry.versions().lineage(PLATFORM, qwen.ref());
        assertEquals(3, ofQwen.descendants().size());
        assertTrue(registry.versions().lineage(PLATFORM, llama.ref()).descendants().isEmpty());
        var verified = registry.versions().verify(PLATFORM, TargetRef.alias("clituner-coder", "champion"), tmp.resolve("derived/clituner-coder-1.0.0"));
        assertEquals(coder.manifest().rootDigest(), verified.rootDigest());
        assertEquals(List.of(manifestKey.keyId()), verified.signerKeyIds());
        assertTrue(audit.ofType("registry.access.allow").size() >= 5);
        assertTrue(audit.events().stream().allMatch(e -> e.type().startsWith("registry.")));
        verifyDurableAudit();
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void unknownIdsAreNotFound() {
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.versions().version(PLATFORM, TargetRef.parse("ghost@1.0.0"))));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.versions().version(PLATFORM, TargetRef.parse("ghost@champion"))));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.promotions().promote(PLATFORM, PromotionRequest.to(VersionRef.of("ghost", "1.0.0"), Stage.INTERNAL, null))));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.routes().route("code-generation", PLATFORM)));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.versions().versions(PLATFORM, "ghost")));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.training().approvePii(PLATFORM, "0".repeat(64), "ok")));
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> VersionRef.parse("coder@1.0")));
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> TargetRef.parse("bad name!@1.0.0")));
    }

    @Test
    void duplicateVersionIsAConflictAndChangesNothing() throws Exception {
        ModelVersion qwen = snapshot("qwen", 1);
        CliTunerException e = assertThrows(CliTunerException.class, () -> snapshot("qwen", 2));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("qwen@1.0.0 already exists"), e.getMessage());
        assertEquals(List.of(qwen), registry.versions().versions(PLATFORM, "qwen"));
    }

    @Test
    void lineageCyclesAreRejected() throws Exception {
        ModelVersion base = snapshot("base", 1);
        String run = registerRun();
        ModelVersion a = deriveLora("a", "1.0.0", base.ref(), run, 2);
        ModelVersion b = deriveLora("b", "1.0.0", a.ref(), run, 3);
        ModelVersion c = deriveLora("c", "1.0.0", b.ref(), run, 4);
        CliTunerException cycle = assertThrows(CliTunerException.class,
                () -> registry.versions().addLineage(PLATFORM, new LineageEdge(a.ref(), c.ref(), LineageMethod.DISTILL, Map.of())));
        assertEquals(ErrorCode.LINEAGE_CYCLE, cycle.code());
        assertTrue(cycle.getMessage().contains("a@1.0.0 is already an ancestor of c@1.0.0"), cycle.getMessage());
        assertEquals(ErrorCode.LINEAGE_CYCLE, code(() -> new LineageEdge(a.ref(), a.ref(), LineageMethod.MERGE, Map.of())));
        assertEquals(1, store.parents(a.ref()).size());
        // a DAG that is not a tree is fine: c also distilled from a
        registry.versions().addLineage(PLATFORM, new LineageEdge(c.ref(), a.ref(), LineageMethod.DISTILL, Map.of("teacher", "a")));
        assertEquals(2, registry.versions().lineage(PLATFORM, c.ref()).ancestors().stream().filter(e -> e.child().equals(c.ref())).count());
    }

    @Test
    void promotionMayNotSkipAStageAndUpstreamNeverMoves() throws Exception {
        ModelVersion base = snapshot("base", 1);
        ModelVersion a = deriveLora("a", "1.0.0", base.ref(), registerRun(), 2);
        CliTunerException skip = assertThrows(CliTunerException.class, () -> registry.promotions().promote(PLATFORM,
                PromotionRequest.to(a.ref(), Stage.PRODUCTION, PromotionEvidence.NONE)));
        assertEquals(ErrorCode.PROMOTION_REJECTED, skip.code());
        assertTrue(skip.getMessage().contains("skips INTERNAL"), skip.getMessage());
        assertEquals(Stage.RESEARCH, registry.versions().version(PLATFORM, TargetRef.version(a.ref())).stage());
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> registry.promotions().promote(PLATFORM, PromotionRequest.to(base.ref(), Stage.RESEARCH, null))));
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> registry.versions().recordEvaluation(PLATFORM, base.ref(), Map.of("exact_match", 1.0))));
        assertEquals(ErrorCode.REGISTRY_INVALID, code(() -> registry.promotions().moveAlias(PLATFORM, "base", "champion", base.ref(), "try")),
                "upstream snapshots are never servable");
    }

    @Test
    void failedGatesReportEveryReason() throws Exception {
        ModelVersion a = deriveLora("a", "1.0.0", snapshot("base", 1).ref(), registerRun(), 2);
        registry.versions().recordEvaluation(PLATFORM, a.ref(), Map.of("exact_match", 0.5));
        var e = assertThrows(PromotionRejectedException.class, () -> registry.promotions().promote(PLATFORM,
                PromotionRequest.to(a.ref(), Stage.INTERNAL, PromotionEvidence.NONE)));
        assertEquals(3, e.reasons().size(), e.reasons().toString());
        assertTrue(e.getMessage().contains("exact_match = 0.5 is below the minimum 0.8"));
        assertTrue(e.getMessage().contains("command_only was never recorded"));
        assertTrue(e.getMessage().contains("no safety benchmark result"));
        assertTrue(registry.promotions().history(PLATFORM, a.ref()).isEmpty());
    }

    @Test
    void tamperedArtifactsAreNamed() throws Exception {
        ModelVersion base = snapshot("base", 1);
        Path dir = tmp.resolve("upstream/base");
        Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("extra.bin"), "x");
        CliTunerException e = assertThrows(CliTunerException.class, () -> registry.versions().verify(PLATFORM, TargetRef.version(base.ref()), dir));
        assertEquals(ErrorCode.MANIFEST_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("changed: model.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected: extra.bin"), e.getMessage());
        assertFalse(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void tamperedManifestIsRejectedAtRegistration() throws Exception {
        Path dir = Fixtures.modelDir(tmp, "m", 1);
        ArtifactManifest real = ManifestHasher.hash(dir);
        SignedEnvelope env = ManifestSigning.sign("m@1.0.0", real, List.of(manifestKey));
        ArtifactManifest forged = ArtifactManifest.of(real.files().stream()
                .map(f -> f.path().equals("config.json") ? new io.clituner.provenance.registry.manifest.FileDigest(f.path(), "0".repeat(64), f.size()) : f).toList());
        CliTunerException e = assertThrows(CliTunerException.class, () -> registry.versions().register(PLATFORM,
                NewVersion.builder("m", "1.0.0").signedManifest(forged, env).build()));
        assertEquals(ErrorCode.MANIFEST_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        assertTrue(store.findModel("m").isEmpty());
    }

    @Test
    void wrongKeySignaturesAreRejected() throws Exception {
        Path dir = Fixtures.modelDir(tmp, "m", 1);
        Signer stranger = Ed25519Signer.generate();
        assertEquals(ErrorCode.SIGNATURE_INVALID, code(() -> registry.versions().register(PLATFORM,
                NewVersion.builder("m", "1.0.0").artifacts(dir, List.of(stranger)).build())));
        assertTrue(store.findModel("m").isEmpty());

        ModelVersion a = deriveLora("a", "1.0.0", snapshot("base", 1).ref(), registerRun(), 2);
        ModelVersion internal = promoteToInternal(a.ref());
        SignedEnvelope byStrangers = PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(stranger, Ed25519Signer.generate()));
        SignedEnvelope wrongStage = PromotionApprovals.sign(internal, Stage.INTERNAL, List.of(approvers.get(0), approvers.get(1)));
        var e = assertThrows(PromotionRejectedException.class, () -> registry.promotions().promote(PLATFORM, PromotionRequest.to(a.ref(), Stage.PRODUCTION,
                new PromotionEvidence(safety(internal, 120), List.of(byStrangers, wrongStage)))));
        assertTrue(e.getMessage().contains("approval #1 rejected"), e.getMessage());
        assertTrue(e.getMessage().contains("approval #2 rejected"), e.getMessage());
        assertEquals(Stage.INTERNAL, registry.versions().version(PLATFORM, TargetRef.version(a.ref())).stage());
    }

    @Test
    void piiDatasetNeedsApprovalBeforeTraining() throws Exception {
        String pii = Fixtures.datasetDigest(tmp, "pii", "alice@example.org");
        registry.training().registerDataset(PLATFORM, Dataset.describe("crm", pii, List.of(), List.of(), "proprietary", true));
        RunRecord run = new RunRecord("git+x@1", Map.of("jdk", "17"), 1, List.of(pii), Map.of());
        assertEquals(ErrorCode.DATASET_PII_UNAPPROVED, code(() -> registry.training().recordRun(PLATFORM, "m", run)));
        assertTrue(store.findRun(run.digest()).isEmpty());
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.training().recordRun(PLATFORM, "m",
                new RunRecord("git+x@1", Map.of("jdk", "17"), 1, List.of("f".repeat(64)), Map.of()))));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, code(() -> registry.training().registerDataset(PLATFORM,
                Dataset.describe("crm-again", pii, List.of(), List.of(), "proprietary", true))));
        registry.training().approvePii(PLATFORM, pii, "privacy review PR-9");
        assertEquals(run.digest(), registry.training().recordRun(PLATFORM, "m", run));
    }

    @Test
    void accessIsDeniedByDefaultAndEveryDecisionAudited() throws Exception {
        ModelVersion base = snapshot("base", 1);
        int before = audit.events().size();
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.versions().version(null, TargetRef.version(base.ref()))));
        assertEquals("anonymous", audit.last().actor());
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.versions().version(ASSISTANT, TargetRef.version(base.ref()))));
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> Caller.parse("")));
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.access().grant(ASSISTANT, Grant.of(ASSISTANT, null, Permission.ADMIN))));

        // an agent-scoped grant covers that agent only; a service grant covers all its agents
        Caller agent7 = new Caller("shell-assistant", "agent-7");
        registry.access().grant(PLATFORM, Grant.of(agent7, TargetRef.model("base"), Permission.READ));
        assertTrue(registry.access().checkAccess(agent7, Permission.READ, TargetRef.version(base.ref())).allowed());
        assertFalse(registry.access().checkAccess(new Caller("shell-assistant", "agent-8"), Permission.READ, TargetRef.version(base.ref())).allowed());
        assertFalse(registry.access().checkAccess(ASSISTANT, Permission.READ, TargetRef.version(base.ref())).allowed());
        assertFalse(registry.access().checkAccess(agent7, Permission.PROMOTE, TargetRef.version(base.ref())).allowed(), "READ does not imply PROMOTE");
        registry.access().revoke(PLATFORM, Grant.of(agent7, TargetRef.model("base"), Permission.READ));
        assertFalse(registry.access().checkAccess(agent7, Permission.READ, TargetRef.version(base.ref())).allowed(), "revocation invalidates the cache");

        long decisions = audit.count(e -> e.type().startsWith("registry.access."));
        assertTrue(decisions >= 9, "every decision is audited, got " + decisions);
        assertTrue(audit.events().size() > before);
    }

    @Test
    void staleRevisionIsAConflict() throws Exception {
        ModelVersion a = deriveLora("a", "1.0.0", snapshot("base", 1).ref(), registerRun(), 2);
        registry.versions().recordEvaluation(PLATFORM, a.ref(), Map.of("exact_match", 0.9, "command_only", 0.99));
        ModelVersion seen = registry.versions().version(PLATFORM, TargetRef.version(a.ref()));
        registry.versions().recordEvaluation(PLATFORM, a.ref(), Map.of("exact_match", 0.91));
        CliTunerException e = assertThrows(CliTunerException.class, () -> registry.promotions().promote(PLATFORM,
                new PromotionRequest(a.ref(), Stage.INTERNAL, new PromotionEvidence(safety(seen, 120), List.of()), seen.revision())));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, e.code());
        assertEquals(Stage.RESEARCH, registry.versions().version(PLATFORM, TargetRef.version(a.ref())).stage());
    }

    @Test
    void storeCompareAndSetRejectsStaleWriters() throws Exception {
        ModelVersion a = registry.versions().register(PLATFORM, NewVersion.builder("a", "1.0.0")
                .artifacts(Fixtures.modelDir(tmp, "a", 1), List.of(manifestKey)).build());
        var record = new PromotionRecord(a.ref(), Stage.RESEARCH, Stage.INTERNAL, "platform", clock.instant(), List.of());
        store.transaction(tx -> tx.updateStage(a.ref(), Stage.RESEARCH, a.revision(), record));
        CliTunerException stale = assertThrows(CliTunerException.class,
                () -> store.transaction(tx -> tx.updateStage(a.ref(), Stage.RESEARCH, a.revision(), record)));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, stale.code());
        assertEquals(1, store.promotions(a.ref()).size());

        store.transaction(tx -> tx.moveAlias("a", "champion", 0, a.ref(), "platform", "first", clock.instant()));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, code(() ->
                store.transaction(tx -> tx.moveAlias("a", "champion", 0, a.ref(), "platform", "stale", clock.instant()))));
        assertEquals(1, store.aliasHistory("a", "champion").size());

        // a failure inside a transaction rolls back the writes made before it
        assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            tx.moveAlias("a", "champion", 1, a.ref(), "platform", "second", clock.instant());
            throw new IllegalStateException("audit sink down");
        }));
        assertEquals(1, store.aliasHistory("a", "champion").size());
        assertEquals(1L, store.findAlias("a", "champion").orElseThrow().sequence());
    }

    @Test
    void aStoreReopenedKeepsEverything() throws Exception {
        ModelVersion base = snapshot("base", 1);
        registry.access().grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.model("base"), Permission.READ));
        assertEquals(base, store.findVersion(base.ref()).orElseThrow());
        assertEquals(2, store.listGrants().size());
        assertNotEquals(0, store.listModels().size());
    }
}
