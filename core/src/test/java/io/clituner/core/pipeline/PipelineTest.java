package io.clituner.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.RiskLevel;
import io.clituner.core.SafetyLevel;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.ValidationOutcome;
import io.clituner.core.analysis.Finding;
import io.clituner.core.analysis.OutputValidator;
import io.clituner.core.analysis.ValidatedCommand;
import io.clituner.core.analysis.Verdict;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.engine.FewShotExample;
import io.clituner.core.engine.FewShotSource;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CommandBlockedException;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.error.InvalidRequestException;
import io.clituner.core.error.OutputRejectedException;
import io.clituner.core.hash.Digests;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.core.metrics.MetricsSnapshot;
import io.clituner.core.metrics.PipelineStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's stage wiring, with a scripted engine (the real engines have their own
 * integration tests) and a validator that judges by the command's first word.
 */
class PipelineTest {
    /** An engine that answers from a function of the user message and counts calls. */
    static final class ScriptedEngine implements InferenceEngine {
        final AtomicInteger calls = new AtomicInteger();
        final List<Prompt> prompts = new CopyOnWriteArrayList<>();
        final Function<String, String> answer;
        boolean closed;

        ScriptedEngine(Function<String, String> answer) {
            this.answer = answer;
        }

        @Override
        public ModelIdentity model() {
            return new ModelIdentity("scripted", "1", "ab".repeat(32), "scripted", Map.of());
        }

        @Override
        public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
            calls.incrementAndGet();
            prompts.add(prompt);
            return new RawModelOutput(
                    answer.apply(prompt.userMessage()), 0.75, "scripted", 10, 5, Duration.ofMillis(1), Map.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** rm → DANGEROUS, sudo → REVIEW, anything else SAFE; empty output rejected. */
    static final class FirstWordValidator implements OutputValidator {
        @Override
        public ValidatedCommand validate(RawModelOutput output, NormalizedRequest request) {
            String cmd = output.text().strip();
            if (cmd.isEmpty()) {
                throw new OutputRejectedException(ErrorCode.OUTPUT_EMPTY, "empty output");
            }
            List<Finding> findings = new ArrayList<>();
            if (cmd.startsWith("rm ")) {
                findings.add(new Finding("test.rm", RiskLevel.DANGEROUS, "deletes", 0, 2));
            } else if (cmd.startsWith("sudo ")) {
                findings.add(new Finding("test.sudo", RiskLevel.REVIEW, "runs as root", 0, 4));
            }
            return new ValidatedCommand(cmd, Verdict.of(findings), "test-1");
        }

        @Override
        public String policyVersion() {
            return "test-1";
        }
    }

    private static Pipeline.Builder builder(ScriptedEngine engine) {
        return Pipeline.builder().engine(engine).outputValidator(new FirstWordValidator());
    }

    @Test
    void returnsValidatedCommandWithProvenance() {
        ScriptedEngine engine = new ScriptedEngine(q -> "ls -la");
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        try (Pipeline p = builder(engine).auditSink(audit::add).build()) {
            CommandResponse r = p.translate(CommandRequest.of("list files").withUserId("alice"));
            assertEquals("ls -la", r.command());
            assertEquals(RiskLevel.SAFE, r.risk());
            assertEquals(0.75, r.confidence());
            assertNull(r.warning());
            GenerationProvenance prov = r.provenance();
            assertEquals(ValidationOutcome.RETURNED, prov.outcome());
            assertEquals("ls -la", prov.command());
            assertEquals(Digests.sha256Hex("ls -la"), prov.commandHash());
            assertEquals(Digests.sha256Hex("list files"), prov.queryHash());
            assertEquals(engine.prompts.get(0).sha256(), prov.promptHash());
            assertEquals("ab".repeat(32), prov.modelSha256());
            assertNotNull(prov.userIdHash());
            assertNotEquals(Digests.sha256Hex("alice"), prov.userIdHash(), "user hash must be salted");
            assertEquals(1, audit.size());
            assertEquals("generation.returned", audit.get(0).type());
            assertEquals(prov.requestId(), audit.get(0).attributes().get("requestId"));
        }
        assertFalse(engine.closed, "a caller-owned engine is not closed by the pipeline");
    }

    @Test
    void alternativesAreValidatedDangerousOnesDroppedAndCachedWithTheAnswer() {
        InferenceEngine engine = new InferenceEngine() {
            @Override
            public ModelIdentity model() {
                return new ModelIdentity("scripted", "1", "ab".repeat(32), "scripted", Map.of());
            }

            @Override
            public void close() {}

            @Override
            public RawModelOutput generate(Prompt prompt, NormalizedRequest request) {
                return new RawModelOutput(
                        "ls -la",
                        0.8,
                        "scripted",
                        0,
                        0,
                        Duration.ZERO,
                        Map.of(),
                        List.of(
                                new RawModelOutput.Candidate("sudo ls -la /root", 0.5),
                                new RawModelOutput.Candidate("rm -rf /", 0.4),
                                new RawModelOutput.Candidate("   ", 0.3),
                                new RawModelOutput.Candidate("ls -1", 0.2)));
            }
        };
        try (Pipeline p = Pipeline.builder()
                .engine(engine)
                .outputValidator(new FirstWordValidator())
                .build()) {
            for (int round = 0; round < 2; round++) { // the second answer comes from the cache
                CommandResponse r = p.translate("list files");
                assertEquals(
                        List.of(
                                new CommandResponse.Alternative(
                                        "sudo ls -la /root", RiskLevel.REVIEW, 0.5, "runs as root [test.sudo]"),
                                new CommandResponse.Alternative("ls -1", RiskLevel.SAFE, 0.2, null)),
                        r.alternatives());
            }
        }
    }

    @Test
    void responsesWithoutAlternativesKeepTheirShape() {
        try (Pipeline p = builder(new ScriptedEngine(q -> "ls")).build()) {
            assertEquals(List.of(), p.translate("list files").alternatives());
        }
    }

    @Test
    void dangerousCommandIsNeverReturned() {
        ScriptedEngine engine = new ScriptedEngine(q -> "rm -rf /");
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        try (Pipeline p = builder(engine).auditSink(audit::add).build()) {
            CommandBlockedException e =
                    assertThrows(CommandBlockedException.class, () -> p.translate("delete everything"));
            assertEquals(ErrorCode.COMMAND_BLOCKED, e.code());
            assertEquals(RiskLevel.DANGEROUS, e.verdict().risk());
            assertEquals(List.of("test.rm"), e.provenance().orElseThrow().ruleIds());
            assertEquals(ValidationOutcome.BLOCKED, e.provenance().orElseThrow().outcome());
            assertNull(e.provenance().orElseThrow().command(), "the blocked command is only present as a hash");
            assertEquals(
                    Digests.sha256Hex("rm -rf /"), e.provenance().orElseThrow().commandHash());
            assertFalse(e.getMessage().contains("rm -rf /"));
            assertEquals("generation.blocked", audit.get(0).type());
            // a cached blocked generation is blocked again
            assertThrows(CommandBlockedException.class, () -> p.translate("delete everything"));
            assertEquals(1, engine.calls.get());
            assertEquals(2L, p.metrics().outcomes().get(ValidationOutcome.BLOCKED));
        }
    }

    @Test
    void reviewCommandCarriesWarning() {
        try (Pipeline p = builder(new ScriptedEngine(q -> "sudo apt update")).build()) {
            CommandResponse r = p.translate("update package lists");
            assertEquals(RiskLevel.REVIEW, r.risk());
            assertTrue(r.warning().contains("runs as root") && r.warning().contains("test.sudo"), r.warning());
        }
    }

    @Test
    void cacheHitSkipsInferenceButMakesFreshProvenance() {
        ScriptedEngine engine = new ScriptedEngine(q -> "ls");
        try (Pipeline p = builder(engine).build()) {
            CommandResponse first = p.translate("list files");
            CommandResponse second = p.translate("  list   files ");
            assertEquals(1, engine.calls.get(), "normalized queries share a cache entry");
            assertEquals(first.command(), second.command());
            assertNotEquals(first.provenance().requestId(), second.provenance().requestId());
            assertFalse(first.provenance().cacheHit());
            assertTrue(second.provenance().cacheHit());
            assertEquals(1, p.metrics().cacheHits());
            p.translate(CommandRequest.of("list files").withSafetyLevel(SafetyLevel.MODERATE));
            assertEquals(2, engine.calls.get(), "the safety level is part of the cache key");
        }
    }

    @Test
    void noCacheCallsEngineEveryTime() {
        ScriptedEngine engine = new ScriptedEngine(q -> "ls");
        try (Pipeline p = builder(engine).noCache().build()) {
            p.translate("list files");
            p.translate("list files");
            assertEquals(2, engine.calls.get());
        }
    }

    @Test
    void ingressRejectionIsTypedAuditedAndCounted() {
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        ScriptedEngine engine = new ScriptedEngine(q -> "ls");
        try (Pipeline p = builder(engine).auditSink(audit::add).build()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> p.translate("x"));
            assertEquals(ErrorCode.QUERY_TOO_SHORT, e.code());
            assertEquals(0, engine.calls.get());
            MetricsSnapshot m = p.metrics();
            assertEquals(1L, m.outcomes().get(ValidationOutcome.REJECTED_INGRESS));
            assertEquals(1L, m.failures().get("QUERY_TOO_SHORT"));
            assertEquals("generation.rejected-ingress", audit.get(0).type());
            assertEquals("QUERY_TOO_SHORT", audit.get(0).attributes().get("errorCode"));
        }
    }

    @Test
    void outputRejectionIsTyped() {
        try (Pipeline p = builder(new ScriptedEngine(q -> "   ")).build()) {
            assertEquals(
                    ErrorCode.OUTPUT_EMPTY,
                    assertThrows(OutputRejectedException.class, () -> p.translate("list files"))
                            .code());
            assertEquals(1L, p.metrics().outcomes().get(ValidationOutcome.REJECTED_OUTPUT));
            OutputRejectedException e =
                    assertThrows(OutputRejectedException.class, () -> p.translate("list other files"));
            GenerationProvenance prov = e.provenance().orElseThrow();
            assertEquals(ValidationOutcome.REJECTED_OUTPUT, prov.outcome());
            assertEquals(Digests.sha256Hex("list other files"), prov.queryHash());
            assertNotNull(prov.promptHash());
            assertNull(prov.command());
        }
    }

    @Test
    void engineBugBecomesTypedError() {
        ScriptedEngine engine = new ScriptedEngine(q -> {
            throw new NullPointerException("engine bug");
        });
        try (Pipeline p = builder(engine).build()) {
            InferenceException e = assertThrows(InferenceException.class, () -> p.translate("list files"));
            assertEquals(ErrorCode.INFERENCE_FAILED, e.code());
            assertTrue(e.getCause() instanceof NullPointerException);
        }
    }

    @Test
    void fewShotExamplesGoIntoPromptAndProvenance() {
        ScriptedEngine engine = new ScriptedEngine(q -> "ls *.pdf");
        FewShotSource bank = new FewShotSource() {
            @Override
            public List<FewShotExample> nearest(String query, int k) {
                return List.of(
                                new FewShotExample("ex-1", "list text files", "ls *.txt", 0.9),
                                new FewShotExample("ex-2", "list images", "ls *.png", 0.8))
                        .subList(0, k);
            }

            @Override
            public String fingerprint() {
                return "bank-1";
            }
        };
        try (Pipeline p = builder(engine).fewShot(bank, 2).build()) {
            CommandResponse r = p.translate("list pdf files");
            assertEquals(List.of("ex-1", "ex-2"), r.provenance().fewShotExampleIds());
            Prompt prompt = engine.prompts.get(0);
            assertEquals(6, prompt.messages().size(), "system + 2 example turns + user");
            assertEquals("list pdf files", prompt.userMessage());
        }
    }

    @Test
    void signerSignsReturnedResponses() {
        SignedEnvelope envelope = new SignedEnvelope(
                "application/vnd.in-toto+json", "e30=", List.of(new SignedEnvelope.Signature("k", "s")));
        try (Pipeline p = builder(new ScriptedEngine(q -> "ls"))
                .signer(r -> {
                    assertNull(r.signature());
                    return envelope;
                })
                .build()) {
            assertEquals(envelope, p.translate("list files").signature());
        }
    }

    @Test
    void metricsRecordEveryStage() {
        try (Pipeline p = builder(new ScriptedEngine(q -> "ls")).noCache().build()) {
            for (int i = 0; i < 20; i++) {
                p.translate("list files " + i);
            }
            MetricsSnapshot m = p.metrics();
            for (PipelineStage s : PipelineStage.values()) {
                assertEquals(20, m.latency().get(s).count(), s.name());
                assertTrue(m.latency().get(s).p99Micros() >= m.latency().get(s).p50Micros());
            }
            assertEquals(20L, m.risks().get(RiskLevel.SAFE));
            assertEquals(20L, m.outcomes().get(ValidationOutcome.RETURNED));
        }
    }

    @Test
    void closedPipelineRefusesWork() {
        ScriptedEngine engine = new ScriptedEngine(q -> "ls");
        Pipeline p = builder(engine).build();
        p.close();
        assertEquals(
                ErrorCode.ENGINE_CLOSED,
                assertThrows(InferenceException.class, () -> p.translate("list files"))
                        .code());
    }

    @Test
    void refusesToBuildWithoutAnOutputValidator() {
        // core alone has no OutputValidator on its class path: fail closed, never run unvalidated
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Pipeline.builder().engine(new ScriptedEngine(q -> "ls")).build());
        assertTrue(e.getMessage().contains("guardrails"), e.getMessage());
    }

    @Test
    void dangerousResponseCannotBeConstructed() {
        GenerationProvenance prov;
        try (Pipeline p = builder(new ScriptedEngine(q -> "ls")).build()) {
            prov = p.translate("list files").provenance();
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new CommandResponse("rm -rf /", RiskLevel.DANGEROUS, 1, null, prov, null));
    }
}
