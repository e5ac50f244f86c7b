package io.clituner.inference.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.NormalizedRequest;
import io.clituner.core.RawModelOutput;
import io.clituner.core.SafetyLevel;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.ModelIdentity;
import io.clituner.core.engine.Prompt;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.core.prompt.PromptBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InferenceEngine} promises, whatever runs the model: a complete identity for
 * provenance, untrusted text with honest accounting, the same text for the same prompt at
 * temperature 0, safety under concurrent callers, ENGINE_CLOSED after close, and a pipeline that
 * either returns a response or throws a typed error, both carrying the engine's identity in their
 * provenance and audit event. Subclasses say how to open the engine.
 */
public abstract class InferenceEngineContract {
    private static final PromptBuilder PROMPTS = new PromptBuilder();

    /** A fresh engine the test closes. */
    protected abstract InferenceEngine openEngine();

    protected static Prompt prompt(String query) {
        return PROMPTS.build(request(query), List.of());
    }

    protected static NormalizedRequest request(String query) {
        return NormalizedRequest.of(query, SafetyLevel.STRICT);
    }

    @Test
    void identityIsCompleteForProvenance() {
        try (InferenceEngine engine = openEngine()) {
            ModelIdentity id = engine.model();
            assertFalse(id.id().isBlank());
            assertFalse(id.version().isBlank());
            assertTrue(id.sha256().matches("[0-9a-f]{64}"), id.sha256());
            assertFalse(id.engine().isBlank());
        }
    }

    @Test
    void generatesUntrustedTextWithAccounting() {
        try (InferenceEngine engine = openEngine()) {
            RawModelOutput out =
                    engine.generate(prompt("list all files in the current directory"), request("list all files"));
            assertNotNull(out.text());
            assertTrue(out.confidence() >= 0 && out.confidence() <= 1);
            assertFalse(out.confidenceMethod().isBlank());
            assertTrue(out.completionTokens() > 0, "tokens generated: " + out.completionTokens());
            assertTrue(out.elapsed().compareTo(Duration.ZERO) > 0);
        }
    }

    @Test
    void samePromptSameTextAtTemperatureZero() {
        try (InferenceEngine engine = openEngine()) {
            Prompt p = prompt("show disk usage of the home directory");
            String first = engine.generate(p, request("show disk usage")).text();
            assertEquals(first, engine.generate(p, request("show disk usage")).text());
        }
    }

    @Test
    void concurrentCallersGetTheSequentialAnswers() throws Exception {
        List<String> queries = List.of(
                "count lines in all java files",
                "find files larger than 10 MB",
                "show the last 20 lines of a log",
                "list running processes");
        try (InferenceEngine engine = openEngine()) {
            List<String> sequential = new ArrayList<>();
            for (String q : queries) {
                sequential.add(engine.generate(prompt(q), request(q)).text());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> futures = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (String q : queries) {
                        futures.add(pool.submit(
                                () -> engine.generate(prompt(q), request(q)).text()));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals(
                            sequential.get(i % queries.size()),
                            futures.get(i).get(),
                            "query " + queries.get(i % queries.size()));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void usedAfterCloseIsEngineClosed() {
        InferenceEngine engine = openEngine();
        engine.close();
        engine.close(); // idempotent
        InferenceException e = assertThrows(
                InferenceException.class, () -> engine.generate(prompt("list files here"), request("list files here")));
        assertEquals(ErrorCode.ENGINE_CLOSED, e.code());
    }

    @Test
    void pipelineRecordsTheEngineInProvenanceAndAudit() {
        RecordingAuditSink audit = new RecordingAuditSink();
        try (InferenceEngine engine = openEngine();
                Pipeline pipeline = Pipeline.builder()
                        .engine(engine)
                        .auditSink(audit)
                        .noCache()
                        .build()) {
            ModelIdentity id = engine.model();
            GenerationProvenance p;
            try {
                CommandResponse r = pipeline.translate("list all pdf files in this directory");
                p = r.provenance();
                assertFalse(r.command().isBlank());
            } catch (CliTunerException e) {
                // a tiny model's text may be no command at all: then a typed error, with provenance
                p = e.provenance().orElseThrow(() -> new AssertionError("no provenance on " + e));
            }
            assertEquals(id.sha256(), p.modelSha256());
            assertEquals(id.id(), p.modelId());
            assertEquals(id.version(), p.modelVersion());
            assertEquals(id.engine(), p.engine());
            assertNotNull(p.promptHash(), "the engine was reached");
            List<AuditEvent> events = audit.events();
            assertEquals(1, events.size());
            assertEquals(id.sha256(), events.get(0).attributes().get("modelSha256"));
            assertEquals(id.engine(), events.get(0).attributes().get("engine"));
            assertEquals(p.requestId(), events.get(0).attributes().get("requestId"));
        }
    }
}
