package io.clituner.inference.remote;

import static io.clituner.inference.remote.server.ScriptedServer.ok;
import static io.clituner.inference.remote.server.ScriptedServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RawModelOutput;
import io.clituner.core.error.ErrorCode;
import io.clituner.inference.remote.failure.RemoteFailure;
import io.clituner.inference.remote.failure.RemoteInferenceException;
import io.clituner.inference.remote.server.ScriptedServer;
import io.clituner.inference.remote.server.ScriptedServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retries, typed failures, the concurrency limit and the API key, over real HTTP against a
 * scripted server (llama-server cannot be made to answer 429, 401, 503 or broken JSON).
 */
class RemoteRetriesTest {
    @TempDir
    Path dir;

    private static RemoteEngineConfig.Builder config(ScriptedServer s) {
        return RemoteEngineConfig.builder(s.baseUrl(), "scripted")
                .maxRetries(2)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .timeout(Duration.ofSeconds(5))
                .probe(false);
    }

    private static RawModelOutput call(RemoteEngine engine) {
        return engine.generate(
                InferenceEngineContract.prompt("list files"), InferenceEngineContract.request("list files"));
    }

    @ParameterizedTest(name = "{0} then 200: retried, answered on attempt 2")
    @CsvSource({"429", "503", "500", "502"})
    void retriableStatusesAreRetried(int code) throws Exception {
        try (ScriptedServer s = ScriptedServer.of(status(code), ok("ls -la"));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            RawModelOutput out = call(engine);
            assertEquals("ls -la", out.text());
            assertEquals("2", out.details().get("attempts"));
            assertEquals(2, s.chatCalls());
            assertEquals(1, engine.endpointStats().get(0).retries());
        }
    }

    @ParameterizedTest(name = "{0}: {1}, not retried")
    @CsvSource({
        "401, AUTHENTICATION",
        "403, AUTHENTICATION",
        "400, BAD_REQUEST",
        "404, MODEL_NOT_FOUND",
        "422, BAD_REQUEST"
    })
    void otherStatusesFailAtOnce(int code, RemoteFailure kind) throws Exception {
        try (ScriptedServer s = ScriptedServer.of(status(code), ok("ls"));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
            assertEquals(kind, e.failure());
            assertEquals(kind.code(), e.code());
            assertEquals(1, s.chatCalls(), "no retry");
            assertEquals(1L, engine.endpointStats().get(0).failures().get(kind.name()));
        }
    }

    @Test
    void rateLimitsThatPersistEndRateLimitedAfterAllAttempts() throws Exception {
        try (ScriptedServer s = ScriptedServer.of(status(429));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
            assertEquals(ErrorCode.REMOTE_RATE_LIMITED, e.code());
            assertEquals(3, e.attempts());
            assertEquals(3, s.chatCalls());
        }
    }

    @ParameterizedTest(name = "malformed: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json",
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}",
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}"
            })
    void malformedResponsesAreTypedAndNotRetried(String body) throws Exception {
        try (ScriptedServer s = ScriptedServer.of(new Reply(200, body, 0));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
            assertEquals(RemoteFailure.MALFORMED_RESPONSE, e.failure());
            assertEquals(1, s.chatCalls());
        }
    }

    @ParameterizedTest(name = "{0} through the pipeline: typed, with provenance and an audit event")
    @CsvSource(
            delimiter = '|',
            value = {
                "REMOTE_RATE_LIMITED|429|{\"error\":{\"message\":\"slow down\"}}",
                "REMOTE_MALFORMED_RESPONSE|200|{broken",
                "REMOTE_REFUSED|200|{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}"
            })
    void remoteFailuresReachTheCallerTypedWithProvenance(ErrorCode code, int status, String body) throws Exception {
        RecordingAuditSink audit = new RecordingAuditSink();
        try (ScriptedServer s = ScriptedServer.of(new Reply(status, body, 0));
                RemoteEngine engine = RemoteEngine.open(config(s).maxRetries(1).build());
                io.clituner.core.pipeline.Pipeline pipeline = io.clituner.core.pipeline.Pipeline.builder()
                        .engine(engine)
                        .auditSink(audit)
                        .noCache()
                        .build()) {
            var e = assertThrows(RemoteInferenceException.class, () -> pipeline.translate("list all files here"));
            assertEquals(code, e.code());
            var p = e.provenance().orElseThrow();
            assertEquals("remote:" + s.baseUrl(), p.engine());
            assertEquals("scripted", p.modelId());
            assertEquals(io.clituner.core.ValidationOutcome.ENGINE_FAILED, p.outcome());
            assertEquals(
                    code.name(),
                    audit.ofType("generation.failed").get(0).attributes().get("errorCode"));
        }
    }

    @Test
    void aContentFilterStopIsARefusal() throws Exception {
        String filtered =
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"scripted\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}";
        try (ScriptedServer s = ScriptedServer.of(new Reply(200, filtered, 0));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
            assertEquals(ErrorCode.REMOTE_REFUSED, e.code());
        }
    }

    @Test
    void aNothingListeningEndpointIsUnavailableAtOpen() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var e = assertThrows(
                RemoteInferenceException.class,
                () -> RemoteEngine.open(RemoteEngineConfig.builder("http://127.0.0.1:" + port, "m")
                        .build()));
        assertEquals(ErrorCode.REMOTE_UNAVAILABLE, e.code());
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void theConcurrencyLimitMakesExtraCallersWaitThenFailSaturated() throws Exception {
        try (ScriptedServer s = ScriptedServer.of(new Reply(200, ScriptedServer.completion("ls"), 1500));
                RemoteEngine engine = RemoteEngine.open(config(s)
                        .maxConcurrent(1)
                        .acquireTimeout(Duration.ofMillis(200))
                        .build())) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<RawModelOutput> first = pool.submit(() -> call(engine));
                s.awaitChatCalls(1);
                var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
                assertEquals(ErrorCode.REMOTE_SATURATED, e.code());
                assertEquals("ls", first.get().text());
                assertEquals(1, s.chatCalls(), "the saturated call never reached the server");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theKeyFromAFileIsSentAsBearerAndNeverShown() throws Exception {
        String secret = "sk-test-" + Long.toHexString(System.nanoTime()) + "-do-not-log";
        Path keyFile = Files.writeString(dir.resolve("key"), secret + "\n");
        try (ScriptedServer s = ScriptedServer.of(ok("ls"), status(401));
                RemoteEngine engine = RemoteEngine.open(
                        config(s).apiKey(ApiKey.fromFile(keyFile)).build())) {
            call(engine);
            var e = assertThrows(RemoteInferenceException.class, () -> call(engine));
            assertEquals(List.of("Bearer " + secret, "Bearer " + secret), s.authorizations());
            for (String shown : List.of(
                    e.getMessage(),
                    e.toString(),
                    engine.model().toString(),
                    engine.config().toString(),
                    engine.config().apiKey().toString())) {
                assertFalse(shown.contains(secret), "key leaked into: " + shown);
            }
            assertTrue(engine.model().metadata().get("apiKey").contains(keyFile.toString()));
        }
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSent() throws Exception {
        try (ScriptedServer s = ScriptedServer.of(ok("ls"));
                RemoteEngine engine = RemoteEngine.open(config(s).build())) {
            call(engine);
            assertEquals(List.of(""), s.authorizations());
        }
    }

    @Test
    void withoutAConfiguredRevisionAOneTokenProbeReadsTheFingerprint() throws Exception {
        try (ScriptedServer s = ScriptedServer.of(ok("ls"));
                RemoteEngine engine = RemoteEngine.open(config(s).probe(true).build())) {
            assertEquals("fingerprint:fp_test", engine.model().version());
            assertEquals(1, s.chatCalls());
        }
        try (ScriptedServer s = ScriptedServer.of(status(401))) {
            var e = assertThrows(
                    RemoteInferenceException.class,
                    () -> RemoteEngine.open(config(s).probe(true).build()));
            assertEquals(
                    ErrorCode.REMOTE_AUTHENTICATION,
                    e.code(),
                    "a bad key fails at open, not on the first user request");
        }
    }

    @Test
    void theServersFingerprintAndTokenCountsAreRecorded() throws Exception {
        try (ScriptedServer s = ScriptedServer.of(ok("ls -la"));
                RemoteEngine engine =
                        RemoteEngine.open(config(s).revision("sha256:abc").build())) {
            RawModelOutput out = call(engine);
            assertEquals("fp_test", out.details().get("systemFingerprint"));
            assertEquals(12, out.promptTokens());
            assertEquals(3, out.completionTokens());
            assertEquals(RemoteEngine.TERMINATION_METHOD, out.confidenceMethod(), "no logprobs in the scripted reply");
            assertEquals(0.75, out.confidence());
            assertEquals("sha256:abc", engine.model().version());
        }
    }
}
