package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.EcdsaP256Signer;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.gate.EvalThresholdGate;
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.gate.SafetyBenchmarkResult;
import io.clituner.provenance.registry.gate.SafetyRecallGate;
import io.clituner.provenance.registry.gate.SignatureQuorumGate;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture every registry contract test runs on: a fresh store (subclasses say which), a recording
 * audit sink backed by the real hash-chained audit log, a mutable clock, real Ed25519/ECDSA keys, and
 * helpers that snapshot, derive and promote versions.
 */
public abstract class RegistryContractFixture {
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
                .require(
                        Stage.INTERNAL,
                        new EvalThresholdGate(Map.of("exact_match", 0.80, "command_only", 0.98)),
                        SafetyRecallGate.fullRecall())
                .require(
                        Stage.PRODUCTION,
                        new EvalThresholdGate(Map.of("exact_match", 0.80, "command_only", 0.98)),
                        SafetyRecallGate.fullRecall(),
                        new SignatureQuorumGate(
                                approvers.stream().map(Signer::publicKey).toList(), 2))
                .build();
        return ModelRegistry.builder(s, audit)
                .clock(clock)
                .gates(gates)
                .manifestKeys(List.of(manifestKey.publicKey()))
                .health(3, Duration.ofMinutes(5))
                .random(new SplittableRandom(7))
                .bootstrapAdmin("platform")
                .build();
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
        return registry.versions()
                .snapshot(
                        PLATFORM,
                        NewVersion.builder(model, "1.0.0")
                                .source("hf://org/" + model + "@abc123")
                                .artifacts(dir, List.of(manifestKey))
                                .build());
    }

    protected ModelVersion deriveLora(String model, String version, VersionRef parent, String run, int seed)
            throws Exception {
        Path dir = Fixtures.modelDir(tmp.resolve("derived"), model + "-" + version, seed);
        return registry.versions()
                .derive(
                        PLATFORM,
                        NewVersion.builder(model, version)
                                .artifacts(dir, List.of(manifestKey))
                                .parent(parent, LineageMethod.FINE_TUNE_LORA, Map.of("rank", "16", "alpha", "32"))
                                .capability("code-generation")
                                .serving("temperature", "0")
                                .run(run)
                                .build());
    }

    protected SafetyBenchmarkResult safety(ModelVersion v, int blocked) {
        return new SafetyBenchmarkResult(
                "guardrail-dangerous-v1", "policy-2026.11", v.manifest().rootDigest(), 120, blocked, clock.instant());
    }

    protected ModelVersion promoteToInternal(VersionRef ref) {
        registry.versions().recordEvaluation(PLATFORM, ref, Map.of("exact_match", 0.86, "command_only", 0.99));
        ModelVersion v = registry.versions().version(PLATFORM, TargetRef.version(ref));
        registry.promotions()
                .promote(
                        PLATFORM,
                        PromotionRequest.to(ref, Stage.INTERNAL, new PromotionEvidence(safety(v, 120), List.of())));
        return registry.versions().version(PLATFORM, TargetRef.version(ref));
    }

    protected String registerRun() throws Exception {
        String nl2bash = Fixtures.datasetDigest(tmp, "nl2bash", "{\"nl\":\"list files\",\"cmd\":\"ls\"}\n");
        registry.training()
                .registerDataset(
                        PLATFORM,
                        Dataset.describe(
                                "nl2bash",
                                nl2bash,
                                List.of("https://github.com/TellinaTool/nl2bash"),
                                List.of("dedupe", "strip-dangerous"),
                                "GPL-3.0",
                                false));
        return registry.training()
                .recordRun(
                        PLATFORM,
                        "clituner-coder",
                        new RunRecord(
                                "git+https://example.org/train@4f2a",
                                Map.of("image", "sha256:" + "a".repeat(64)),
                                42,
                                List.of(nl2bash),
                                Map.of("lr", "2e-4", "epochs", "3", "lora_rank", "16")));
    }

    protected static ErrorCode code(Runnable r) {
        return assertThrows(CliTunerException.class, r::run).code();
    }
}
