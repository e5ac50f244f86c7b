package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.registry.access.AccessDecision;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.gate.PromotionApprovals;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRejectedException;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.training.Dataset;
import io.clituner.provenance.registry.training.RunRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry's behaviour, run against every {@link RegistryStore}: the seed's 30-day flow and a reopened
 * store (here), each kind of bad input ({@link RegistryRejectionContract}). Subclasses only say how to open a
 * fresh, empty store ({@link RegistryContractFixture#openStore}).
 */
public abstract class AbstractRegistryContractTest extends RegistryRejectionContract {
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
        String tickets = Fixtures.datasetDigest(
                tmp, "tickets", "{\"nl\":\"find alice's files\",\"cmd\":\"find /home/alice\"}\n");
        registry.training()
                .registerDataset(
                        PLATFORM,
                        Dataset.describe(
                                "support-tickets",
                                tickets,
                                List.of("s3://support/export-2026-10"),
                                List.of("redact-emails"),
                                "proprietary",
                                true));
        registry.training().approvePii(PLATFORM, tickets, "DPIA-114 approved by privacy office; emails redacted");
        String run = registerRun();
        RunRecord again = new RunRecord(
                "git+https://example.org/train@4f2a",
                new LinkedHashMap<>(Map.of("image", "sha256:" + "a".repeat(64))),
                42,
                registry.training().run(PLATFORM, run).orElseThrow().record().datasetDigests(),
                Map.of("epochs", "3", "lora_rank", "16", "lr", "2e-4"));
        assertEquals(
                run,
                registry.training().recordRun(PLATFORM, "clituner-coder", again),
                "same inputs must give the same run digest");

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
        assertEquals(
                List.of("eval-thresholds", "safety-recall"),
                history.get(0).gates().stream().map(g -> g.gateId()).toList());

        // Day 12: PRODUCTION fails without signatures, and with only one; every reason given, nothing changes
        clock.advance(Duration.ofDays(4));
        var noSigs = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions()
                        .promote(
                                PLATFORM,
                                PromotionRequest.to(
                                        coder.ref(),
                                        Stage.PRODUCTION,
                                        new PromotionEvidence(safety(internal, 120), List.of()))));
        assertEquals(ErrorCode.PROMOTION_REJECTED, noSigs.code());
        assertTrue(noSigs.getMessage().contains("0 valid approval(s)"), noSigs.getMessage());
        SignedEnvelope one = PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(approvers.get(0)));
        var oneSig = assertThrows(
                PromotionRejectedException.class,
                () -> registry.promotions()
                        .promote(
                                PLATFORM,
                                PromotionRequest.to(
                                        coder.ref(),
                                        Stage.PRODUCTION,
                                        new PromotionEvidence(safety(internal, 119), List.of(one)))));
        assertEquals(2, oneSig.reasons().size(), "both the recall and the signature gate report: " + oneSig.reasons());
        ModelVersion unchanged = registry.versions().version(PLATFORM, TargetRef.version(coder.ref()));
        assertEquals(Stage.INTERNAL, unchanged.stage());
        assertEquals(internal.revision(), unchanged.revision());
        assertEquals(1, registry.promotions().history(PLATFORM, coder.ref()).size());
        assertEquals(2, audit.ofType("registry.promotion.reject").size());
        // refused by the gates: the event carries the policy that was applied
        assertEquals(
                Set.of("version", "from", "to", "reasons", "policy"),
                audit.ofType("registry.promotion.reject").get(1).attributes().keySet());

        // ... and passes with 2 of 3 (one Ed25519, one ECDSA P-256 approver, in separate envelopes)
        SignedEnvelope two = PromotionApprovals.sign(internal, Stage.PRODUCTION, List.of(approvers.get(2)));
        PromotionRecord prod = registry.promotions()
                .promote(
                        PLATFORM,
                        PromotionRequest.to(
                                coder.ref(),
                                Stage.PRODUCTION,
                                new PromotionEvidence(safety(internal, 120), List.of(one, two))));
        assertEquals(Stage.PRODUCTION, prod.to());
        assertTrue(prod.gates().stream().allMatch(g -> g.passed()));

        // Day 14: a quantized fallback, serving grants, the champion alias and the route
        ModelVersion q4 = registry.versions()
                .derive(
                        PLATFORM,
                        NewVersion.builder("clituner-coder-q4", "1.0.0")
                                .artifacts(Fixtures.modelDir(tmp.resolve("derived"), "q4", 11), List.of(manifestKey))
                                .parent(coder.ref(), LineageMethod.QUANTIZE, Map.of("type", "Q4_K_M"))
                                .capability("code-generation")
                                .build());
        promoteToInternal(q4.ref());
        registry.access()
                .grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.alias("clituner-coder", "champion"), Permission.USE));
        registry.access().grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.model("clituner-coder-q4"), Permission.USE));
        registry.promotions().moveAlias(PLATFORM, "clituner-coder", "champion", coder.ref(), "first production model");
        registry.routes()
                .defineRoute(
                        PLATFORM,
                        new CapabilityRoute(
                                "code-generation",
                                List.of(new RouteCandidate(TargetRef.alias("clituner-coder", "champion"), 100)),
                                List.of(TargetRef.version(q4.ref())),
                                TargetRef.version(q4.ref())));
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
        assertEquals(
                coder.ref(),
                registry.routes().route("code-generation", ASSISTANT).version());

        // an unlisted service is denied, and the denial is audited
        Caller intruder = Caller.service("billing-batch");
        assertEquals(ErrorCode.ACCESS_DENIED, code(() -> registry.routes().route("code-generation", intruder)));
        assertTrue(audit.ofType("registry.access.deny").stream()
                .anyMatch(e -> e.actor().equals("billing-batch")));
        AccessDecision denied =
                registry.access().checkAccess(intruder, Permission.USE, TargetRef.alias("clituner-coder", "champion"));
        assertFalse(denied.allowed());

        // Day 20: a new champion; the cached route follows the alias at once
        clock.advance(Duration.ofDays(5));
        ModelVersion coder11 = deriveLora("clituner-coder", "1.1.0", qwen.ref(), run, 12);
        promoteToInternal(coder11.ref());
        registry.promotions().moveAlias(PLATFORM, "clituner-coder", "champion", coder11.ref(), "better exact match");
        assertEquals(
                coder11.ref(),
                registry.routes().route("code-generation", ASSISTANT).version());

        // Day 21: regression reported: roll the alias back, atomically and audited
        clock.advance(Duration.ofDays(1));
        AliasMove back = registry.promotions()
                .rollbackAlias(PLATFORM, "clituner-coder", "champion", "INC-2231: quoting regression");
        assertEquals(coder.ref(), back.to());
        assertEquals(coder11.ref(), back.from());
        assertEquals(
                coder.ref(),
                registry.routes().route("code-generation", ASSISTANT).version());
        List<AliasMove> moves = registry.promotions().aliasHistory(PLATFORM, "clituner-coder", "champion");
        assertEquals(
                List.of(1L, 2L, 3L), moves.stream().map(AliasMove::sequence).toList());
        assertEquals(
                List.of(coder.ref(), coder11.ref(), coder.ref()),
                moves.stream().map(AliasMove::to).toList());
        assertEquals(1, audit.ofType("registry.alias.rollback").size());

        // Day 30: verify lineage, artifacts and audit
        clock.advance(Duration.ofDays(9));
        Lineage ofQ4 = registry.versions().lineage(PLATFORM, q4.ref());
        assertEquals(List.of(qwen.ref()), ofQ4.roots());
        assertEquals(
                List.of(LineageMethod.QUANTIZE, LineageMethod.FINE_TUNE_LORA),
                ofQ4.ancestors().stream().map(LineageEdge::method).toList());
        Lineage ofQwen = registry.versions().lineage(PLATFORM, qwen.ref());
        assertEquals(3, ofQwen.descendants().size());
        assertTrue(
                registry.versions().lineage(PLATFORM, llama.ref()).descendants().isEmpty());
        var verified = registry.versions()
                .verify(
                        PLATFORM,
                        TargetRef.alias("clituner-coder", "champion"),
                        tmp.resolve("derived/clituner-coder-1.0.0"));
        assertEquals(coder.manifest().rootDigest(), verified.rootDigest());
        assertEquals(List.of(manifestKey.keyId()), verified.signerKeyIds());
        assertTrue(audit.ofType("registry.access.allow").size() >= 5);
        assertTrue(audit.events().stream().allMatch(e -> e.type().startsWith("registry.")));
        verifyDurableAudit();
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
