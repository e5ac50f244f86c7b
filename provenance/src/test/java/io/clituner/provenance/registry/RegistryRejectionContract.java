package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.manifest.ArtifactManifest;
import io.clituner.provenance.registry.manifest.ManifestHasher;
import io.clituner.provenance.registry.manifest.ManifestSigning;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry's answers to each kind of bad input, run against every {@link RegistryStore}: unknown
 * ids, conflicts, cycles, skipped stages, failed gates, tampered artifacts and manifests, wrong keys,
 * unapproved PII data, denied access and stale writers.
 */
public abstract class RegistryRejectionContract extends RegistryContractFixture {

    @Test
    void unknownIdsAreNotFound() {
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                code(() -> registry.versions().version(PLATFORM, TargetRef.parse("ghost@1.0.0"))));
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                code(() -> registry.versions().version(PLATFORM, TargetRef.parse("ghost@champion"))));
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                code(() -> registry.promotions()
                        .promote(
                                PLATFORM, PromotionRequest.to(VersionRef.of("ghost", "1.0.0"), Stage.INTERNAL, null))));
        assertEquals(ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.routes().route("code-generation", PLATFORM)));
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND, code(() -> registry.versions().versions(PLATFORM, "ghost")));
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                code(() -> registry.training().approvePii(PLATFORM, "0".repeat(64), "ok")));
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
        CliTunerException cycle = assertThrows(
                CliTunerException.class,
                () -> registry.versions()
                        .addLineage(PLATFORM, new LineageEdge(a.ref(), c.ref(), LineageMethod.DISTILL, Map.of())));
        assertEquals(ErrorCode.LINEAGE_CYCLE, cycle.code());
        assertTrue(cycle.getMessage().contains("a@1.0.0 is already an ancestor of c@1.0.0"), cycle.getMessage());
        assertEquals(
                ErrorCode.LINEAGE_CYCLE, code(() -> new LineageEdge(a.ref(), a.ref(), LineageMethod.MERGE, Map.of())));
        assertEquals(1, store.parents(a.ref()).size());
        // a DAG that is not a tree is fine: c also distilled from a
        registry.versions()
                .addLineage(PLATFORM, new LineageEdge(c.ref(), a.ref(), LineageMethod.DISTILL, Map.of("teacher", "a")));
        assertEquals(
                2,
                registry.versions().lineage(PLATFORM, c.ref()).ancestors().stream()
                        .filter(e -> e.child().equals(c.ref()))
                        .count());
    }

    @Test
    void promotionMayNotSkipAStageAndUpstreamNeverMoves() throws Exception {
        ModelVersion base = snapshot("base", 1);
        ModelVersion a = deriveLora("a", "1.0.0", base.ref(), registerRun(), 2);
        CliTunerException skip = assertThrows(
                CliTunerException.class,
                () -> registry.promotions()
                        .promote(PLATFORM, PromotionRequest.to(a.ref(), Stage.PRODUCTION, PromotionEvidence.NONE)));
        assertEquals(ErrorCode.PROMOTION_REJECTED, skip.code());
        assertTrue(skip.getMessage().contains("skips INTERNAL"), skip.getMessage());
        // refused before any gate policy is looked up: the event names no policy
        assertEquals("registry.promotion.reject", audit.last().type());
        assertEquals(
                Set.of("version", "from", "to", "reasons"),
                audit.last().attributes().keySet());
        assertEquals(a.ref().toString(), audit.last().attributes().get("version"));
        assertTrue(audit.last().attributes().get("reasons").contains("skips INTERNAL"));
        assertEquals(
                Stage.RESEARCH,
                registry.versions()
                        .version(PLATFORM, TargetRef.version(a.ref()))
                        .stage());
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> registry.promotions()
                        .promote(PLATFORM, PromotionRequest.to(base.ref(), Stage.RESEARCH, null))));
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> registry.versions().recordEvaluation(PLATFORM, base.ref(), Map.of("exact_match", 1.0))));
        assertEquals(
                ErrorCode.REGISTRY_INVALID,
                code(() -> registry.promotions().moveAlias(PLATFORM, "base", "champion", base.ref(), "try")),
                "upstream snapshots are never servable");
    }

    @Test
    void failedGatesReportEveryReason() throws Exception {
        ModelVersion a = deriveLora("a", "1.0.0", snapshot("base", 1).ref(), registerRun(), 2);
        registry.versions().recordEvaluation(PLATFORM, a.ref(), Map.of("exact_match", 0.5));
        var e = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions()
                        .promote(PLATFORM, PromotionRequest.to(a.ref(), Stage.INTERNAL, PromotionEvidence.NONE)));
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
        CliTunerException e = assertThrows(
                CliTunerException.class,
                () -> registry.versions().verify(PLATFORM, TargetRef.version(base.ref()), dir));
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
                .map(f -> f.path().equals("config.json")
                        ? new io.clituner.provenance.registry.manifest.FileDigest(f.path(), "0".repeat(64), f.size())
                        : f)
                .toList());
        CliTunerException e = assertThrows(
                CliTunerException.class,
                () -> registry.versions()
                        .register(
                                PLATFORM,
                                NewVersion.builder("m", "1.0.0")
                                        .signedManifest(forged, env)
                                        .build()));
        assertEquals(ErrorCode.MANIFEST_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        assertTrue(store.findModel("m").isEmpty());
    }

    @Test
    void wrongKeySignaturesAreRejected() throws Exception {
        Path dir = Fixtures.modelDir(tmp, "m", 1);
        Signer stranger = Ed25519Signer.generate();
        assertEquals(
                ErrorCode.SIGNATURE_INVALID,
                code(() -> registry.versions()
                        .register(
                                PLATFORM,
                                NewVersion.builder("m", "1.0.0")
                                        .artifacts(dir, List.of(stranger))
                                        .build())));
        assertTrue(store.findModel("m").isEmpty());

        ModelVersion a = deriveLora("a", "1.0.0", snapshot("base", 1).ref(), registerRun(), 2);
        ModelVersion internal = promoteToInternal(a.ref());
        SignedEnvelope byStrangers =
                PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(stranger, Ed25519Signer.generate()));
        SignedEnvelope wrongStage =
                PromotionApprovals.sign(internal, Stage.INTERNAL, List.of(approvers.get(0), approvers.get(1)));
        var e = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions()
                        .promote(
                                PLATFORM,
                                PromotionRequest.to(
                                        a.ref(),
                                        Stage.PRODUCTION,
                                        new PromotionEvidence(
                                                safety(internal, 120), List.of(byStrangers, wrongStage)))));
        assertTrue(e.getMessage().contains("approval #1 rejected"), e.getMessage());
        assertTrue(e.getMessage().contains("approval #2 rejected"), e.getMessage());
        assertEquals(
                Stage.INTERNAL,
                registry.versions()
                        .version(PLATFORM, TargetRef.version(a.ref()))
                        .stage());
    }

    @Test
    void piiDatasetNeedsApprovalBeforeTraining() throws Exception {
        String pii = Fixtures.datasetDigest(tmp, "pii", "alice@example.org");
        registry.training()
                .registerDataset(PLATFORM, Dataset.describe("crm", pii, List.of(), List.of(), "proprietary", true));
        RunRecord run = new RunRecord("git+x@1", Map.of("jdk", "17"), 1, List.of(pii), Map.of());
        assertEquals(
                ErrorCode.DATASET_PII_UNAPPROVED, code(() -> registry.training().recordRun(PLATFORM, "m", run)));
        assertTrue(store.findRun(run.digest()).isEmpty());
        assertEquals(
                ErrorCode.REGISTRY_NOT_FOUND,
                code(() -> registry.training()
                        .recordRun(
                                PLATFORM,
                                "m",
                                new RunRecord("git+x@1", Map.of("jdk", "17"), 1, List.of("f".repeat(64)), Map.of()))));
        assertEquals(
                ErrorCode.REGISTRY_CONFLICT,
                code(() -> registry.training()
                        .registerDataset(
                                PLATFORM,
                                Dataset.describe("crm-again", pii, List.of(), List.of(), "proprietary", true))));
        registry.training().approvePii(PLATFORM, pii, "privacy review PR-9");
        assertEquals(run.digest(), registry.training().recordRun(PLATFORM, "m", run));
    }

    @Test
    void accessIsDeniedByDefaultAndEveryDecisionAudited() throws Exception {
        ModelVersion base = snapshot("base", 1);
        int before = audit.events().size();
        assertEquals(
                ErrorCode.ACCESS_DENIED, code(() -> registry.versions().version(null, TargetRef.version(base.ref()))));
        assertEquals("anonymous", audit.last().actor());
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.versions().version(ASSISTANT, TargetRef.version(base.ref()))));
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> Caller.parse("")));
        assertEquals(
                ErrorCode.ACCESS_DENIED,
                code(() -> registry.access().grant(ASSISTANT, Grant.of(ASSISTANT, null, Permission.ADMIN))));

        // an agent-scoped grant covers that agent only; a service grant covers all its agents
        Caller agent7 = new Caller("shell-assistant", "agent-7");
        registry.access().grant(PLATFORM, Grant.of(agent7, TargetRef.model("base"), Permission.READ));
        assertTrue(registry.access()
                .checkAccess(agent7, Permission.READ, TargetRef.version(base.ref()))
                .allowed());
        assertFalse(registry.access()
                .checkAccess(new Caller("shell-assistant", "agent-8"), Permission.READ, TargetRef.version(base.ref()))
                .allowed());
        assertFalse(registry.access()
                .checkAccess(ASSISTANT, Permission.READ, TargetRef.version(base.ref()))
                .allowed());
        assertFalse(
                registry.access()
                        .checkAccess(agent7, Permission.PROMOTE, TargetRef.version(base.ref()))
                        .allowed(),
                "READ does not imply PROMOTE");
        registry.access().revoke(PLATFORM, Grant.of(agent7, TargetRef.model("base"), Permission.READ));
        assertFalse(
                registry.access()
                        .checkAccess(agent7, Permission.READ, TargetRef.version(base.ref()))
                        .allowed(),
                "revocation invalidates the cache");

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
        CliTunerException e = assertThrows(
                CliTunerException.class,
                () -> registry.promotions()
                        .promote(
                                PLATFORM,
                                new PromotionRequest(
                                        a.ref(),
                                        Stage.INTERNAL,
                                        new PromotionEvidence(safety(seen, 120), List.of()),
                                        seen.revision())));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, e.code());
        assertEquals(
                Stage.RESEARCH,
                registry.versions()
                        .version(PLATFORM, TargetRef.version(a.ref()))
                        .stage());
    }

    @Test
    void storeCompareAndSetRejectsStaleWriters() throws Exception {
        ModelVersion a = registry.versions()
                .register(
                        PLATFORM,
                        NewVersion.builder("a", "1.0.0")
                                .artifacts(Fixtures.modelDir(tmp, "a", 1), List.of(manifestKey))
                                .build());
        var record =
                new PromotionRecord(a.ref(), Stage.RESEARCH, Stage.INTERNAL, "platform", clock.instant(), List.of());
        store.transaction(tx -> tx.updateStage(a.ref(), Stage.RESEARCH, a.revision(), record));
        CliTunerException stale = assertThrows(
                CliTunerException.class,
                () -> store.transaction(tx -> tx.updateStage(a.ref(), Stage.RESEARCH, a.revision(), record)));
        assertEquals(ErrorCode.REGISTRY_CONFLICT, stale.code());
        assertEquals(1, store.promotions(a.ref()).size());

        store.transaction(tx -> tx.moveAlias("a", "champion", 0, a.ref(), "platform", "first", clock.instant()));
        assertEquals(
                ErrorCode.REGISTRY_CONFLICT,
                code(() -> store.transaction(
                        tx -> tx.moveAlias("a", "champion", 0, a.ref(), "platform", "stale", clock.instant()))));
        assertEquals(1, store.aliasHistory("a", "champion").size());

        // a failure inside a transaction rolls back the writes made before it
        assertThrows(
                IllegalStateException.class,
                () -> store.transaction(tx -> {
                    tx.moveAlias("a", "champion", 1, a.ref(), "platform", "second", clock.instant());
                    throw new IllegalStateException("audit sink down");
                }));
        assertEquals(1, store.aliasHistory("a", "champion").size());
        assertEquals(1L, store.findAlias("a", "champion").orElseThrow().sequence());
    }
}
