package io.clituner.inference.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.GenerationProvenance;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.pipeline.Pipeline;
import io.clituner.inference.remote.failure.RemoteFailure;
import io.clituner.inference.remote.failure.RemoteInferenceException;
import io.clituner.inference.remote.metrics.EndpointStats;
import io.clituner.inference.remote.server.LlamaServer;
import io.clituner.inference.remote.server.LlamaServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures with the real llama-server: a wrong model name, a server stopped mid-request, a slow server. */
class RemoteFailurePathsTest {
    @RegisterExtension
    static final LlamaServerExtension SERVER = LlamaServerExtension.stories();

    @Test
    void aWrongModelNameFailsAtOpenNamingTheServedModels() {
        var e = assertThrows(
                RemoteInferenceException.class,
                () -> RemoteEngine.open(RemoteEngineConfig.builder(SERVER.baseUrl(), "qwen2.5-coder-7b")
                        .build()));
        assertEquals(RemoteFailure.MODEL_NOT_FOUND, e.failure());
        assertEquals(ErrorCode.REMOTE_MODEL_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("stories260K"), e.getMessage());
        assertTrue(e.getMessage().contains(SERVER.baseUrl()), e.getMessage());
    }

    @Test
    void aServerStoppedMidRequestIsUnavailableWithProvenanceAndAudit() throws Exception {
        LlamaServer own = LlamaServerExtension.startStories(1);
        RecordingAuditSink audit = new RecordingAuditSink();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (RemoteEngine engine = RemoteEngine.open(longGeneration(own.baseUrl())
                        .maxRetries(1)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(20))
                        .build());
                Pipeline pipeline = Pipeline.builder()
                        .engine(engine)
                        .auditSink(audit)
                        .noCache()
                        .build()) {
            Future<?> call = pool.submit(() -> pipeline.translate("write a very long story about files"));
            awaitBusySlot(own);
            own.close(); // SIGKILL while the response is being generated
            var e = assertThrows(java.util.concurrent.ExecutionException.class, call::get);
            RemoteInferenceException remote = assertCause(e.getCause());
            assertEquals(RemoteFailure.UNAVAILABLE, remote.failure());
            assertEquals(2, remote.attempts(), "one retry, refused: the server is gone");
            GenerationProvenance p = remote.provenance().orElseThrow();
            assertEquals("remote:" + own.baseUrl(), p.engine());
            assertEquals(engine.model().sha256(), p.modelSha256());
            AuditEvent failed = audit.ofType("generation.failed").get(0);
            assertEquals("REMOTE_UNAVAILABLE", failed.attributes().get("errorCode"));
            assertEquals("remote:" + own.baseUrl(), failed.attributes().get("engine"));
            EndpointStats stats = engine.endpointStats().get(0);
            assertEquals(1L, stats.failures().get("UNAVAILABLE"));
            assertEquals(1, stats.retries());
        } finally {
            own.close();
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowServerTimesOutAfterRetries() throws Exception {
        LlamaServer own = LlamaServerExtension.startStories(1);
        HttpClient http = HttpClient.newHttpClient();
        // opened while the server is idle; then its one slot is held by a long generation, so the
        // engine's request waits in the server's queue past the timeout
        try (RemoteEngine engine = RemoteEngine.open(RemoteEngineConfig.builder(own.baseUrl(), "stories260K")
                .timeout(Duration.ofMillis(400))
                .maxRetries(1)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20))
                .build())) {
            CompletableFuture<HttpResponse<String>> hog = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(own.baseUrl() + "/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"tell a story\"}],"
                                            + "\"max_tokens\":100000,\"ignore_eos\":true}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitBusySlot(own);
            var e = assertThrows(
                    RemoteInferenceException.class,
                    () -> engine.generate(
                            InferenceEngineContract.prompt("list files"),
                            InferenceEngineContract.request("list files")));
            assertEquals(RemoteFailure.TIMEOUT, e.failure());
            assertEquals(ErrorCode.REMOTE_TIMEOUT, e.code());
            assertEquals(2, e.attempts());
            assertEquals(1L, engine.endpointStats().get(0).failures().get("TIMEOUT"));
            hog.cancel(true);
        } finally {
            own.close();
        }
    }

    /** A request that keeps the server generating for many seconds (no EOS, context shifting). */
    private static RemoteEngineConfig.Builder longGeneration(String baseUrl) {
        return RemoteEngineConfig.builder(baseUrl, "stories260K")
                .timeout(Duration.ofSeconds(60))
                .maxTokens(30_000)
                .extra("ignore_eos", true);
    }

    /** Polls llama-server's /slots until one is generating. */
    static void awaitBusySlot(LlamaServer server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String slots = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slots"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (slots.contains("\"is_processing\":true")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("llama-server never started generating");
    }

    private static RemoteInferenceException assertCause(Throwable t) {
        assertTrue(t instanceof RemoteInferenceException, "expected a RemoteInferenceException, got " + t);
        assertFalse(((CliTunerException) t).provenance().isEmpty(), "the pipeline attaches provenance");
        return (RemoteInferenceException) t;
    }
}
