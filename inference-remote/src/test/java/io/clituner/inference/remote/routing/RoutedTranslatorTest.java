package io.clituner.inference.remote.routing;

import static io.clituner.inference.remote.routing.RoutingFixture.ASSISTANT;
import static io.clituner.inference.remote.routing.RoutingFixture.CAPABILITY;
import static io.clituner.inference.remote.routing.RoutingFixture.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.RiskLevel;
import io.clituner.core.egress.AuditEvent;
import io.clituner.core.engine.EngineSettings;
import io.clituner.core.engine.InferenceEngine;
import io.clituner.core.engine.InferenceEngines;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.ingress.CommandRequest;
import io.clituner.inference.remote.RemoteEngine;
import io.clituner.inference.remote.metrics.EndpointMetrics;
import io.clituner.inference.remote.metrics.EndpointStats;
import io.clituner.inference.remote.server.LlamaServer;
import io.clituner.inference.remote.server.LlamaServerExtension;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry routing over real llama-server processes. Each serving spec forces the answer with a
 * llama.cpp grammar ({@code extra.grammar}), so the tiny model gives a known command whatever it
 * would otherwise write.
 */
class RoutedTranslatorTest {
    private static final Map<String, String> LS =
            Map.of("extra.grammar", "root ::= \"ls -la\"", "maxRetries", "1", "backoffMs", "10");
    private static final Map<String, String> WIPE = Map.of("extra.grammar", "root ::= \"rm -rf / --no-preserve-root\"");

    @TempDir
    Path dir;

    private LlamaServer a;
    private LlamaServer b;
    private RoutingFixture fx;

    @BeforeEach
    void start() throws Exception {
        a = LlamaServerExtension.startStories(1);
        b = LlamaServerExtension.startStories(1);
        fx = new RoutingFixture(dir, 3);
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private RoutedTranslator.Builder translator() {
        return RoutedTranslator.builder(fx.registry, CAPABILITY, ASSISTANT)
                .auditSink(fx.audit)
                .pipeline(p -> p.noCache());
    }

    @Test
    void aStoppedEndpointFallsBackToALiveOneWithinOneRequestAndTheAuditShowsBoth() throws Exception {
        ModelVersion onA = fx.served("1.0.0", a.baseUrl(), LS);
        ModelVersion onB = fx.served("1.1.0", b.baseUrl(), LS);
        fx.registry
                .routes()
                .defineRoute(
                        PLATFORM,
                        new CapabilityRoute(
                                CAPABILITY,
                                List.of(new RouteCandidate(TargetRef.version(onA.ref()), 1)),
                                List.of(TargetRef.version(onB.ref())),
                                null));
        try (RoutedTranslator router = translator().build()) {
            RoutedResult first = router.route(CommandRequest.of("list all files with details"));
            assertEquals("ls -la", first.response().command());
            assertEquals("remote:" + a.baseUrl(), first.response().provenance().engine());
            assertFalse(first.fellBack());

            a.close(); // endpoint A goes away between requests

            RoutedResult second = router.route(CommandRequest.of("list all files with details"));
            assertEquals("ls -la", second.response().command());
            assertEquals(
                    "remote:" + b.baseUrl(), second.response().provenance().engine(), "B's identity in the provenance");
            assertEquals(2, second.attempts().size());
            RouteAttempt failed = second.attempts().get(0);
            RouteAttempt served = second.attempts().get(1);
            assertEquals("coder@1.0.0", failed.target());
            assertEquals("failed", failed.outcome());
            assertEquals("REMOTE_UNAVAILABLE", failed.errorCode());
            assertEquals("coder@1.1.0", served.target());
            assertTrue(served.succeeded());

            // the durable audit log holds both attempts of the second request, tied to their generation events
            List<AuditEvent> attempts = fx.events("route.attempt").stream()
                    .filter(e -> e.attributes().get("routeId").equals(second.routeId()))
                    .toList();
            assertEquals(2, attempts.size());
            assertEquals("REMOTE_UNAVAILABLE", attempts.get(0).attributes().get("errorCode"));
            assertEquals("remote:" + a.baseUrl(), attempts.get(0).attributes().get("engine"));
            assertEquals("returned", attempts.get(1).attributes().get("outcome"));
            String failedRequest = attempts.get(0).attributes().get("requestId");
            assertTrue(fx.events("generation.failed").stream()
                    .anyMatch(e -> e.attributes().get("requestId").equals(failedRequest)
                            && e.attributes().get("errorCode").equals("REMOTE_UNAVAILABLE")));
            assertTrue(fx.events("generation.returned").stream()
                    .anyMatch(e -> e.attributes()
                            .get("requestId")
                            .equals(second.response().provenance().requestId())));
            assertTrue(fx.audit.verify().intact());

            // per-endpoint latency and errors
            Map<String, EndpointStats> stats = new java.util.HashMap<>();
            router.endpointStats().forEach(s -> stats.put(s.endpoint(), s));
            assertEquals(1, stats.get(a.baseUrl()).successes());
            assertEquals(1L, stats.get(a.baseUrl()).failures().get("UNAVAILABLE"));
            assertEquals(1, stats.get(b.baseUrl()).successes());
            assertTrue(stats.get(b.baseUrl()).latency().count() == 1
                    && stats.get(b.baseUrl()).latency().p50Micros() > 0);
            assertEquals(1, router.stats().fallbacks());
            assertEquals(1, router.stats().failedAttempts());
            assertEquals(
                    Map.of("coder@1.0.0", 1L, "coder@1.1.0", 1L),
                    Map.of(
                            "coder@1.0.0",
                                    router.pipelineMetrics()
                                            .get("coder@1.0.0")
                                            .outcomes()
                                            .get(io.clituner.core.ValidationOutcome.RETURNED),
                            "coder@1.1.0",
                                    router.pipelineMetrics()
                                            .get("coder@1.1.0")
                                            .outcomes()
                                            .get(io.clituner.core.ValidationOutcome.RETURNED)));
        }
    }

    @Test
    void afterRepeatedFailuresTheRegistryCoolsTheEndpointDownAndRoutesPastIt() throws Exception {
        fx.close();
        fx = new RoutingFixture(dir.resolve("one-strike"), 1);
        ModelVersion onA = fx.served("1.0.0", a.baseUrl(), LS);
        ModelVersion onB = fx.served("1.1.0", b.baseUrl(), LS);
        fx.registry
                .routes()
                .defineRoute(
                        PLATFORM,
                        new CapabilityRoute(
                                CAPABILITY,
                                List.of(new RouteCandidate(TargetRef.version(onA.ref()), 1)),
                                List.of(TargetRef.version(onB.ref())),
                                null));
        a.close();
        try (RoutedTranslator router = translator().build()) {
            assertEquals(
                    2,
                    router.route(CommandRequest.of("list all files with details"))
                            .attempts()
                            .size());
            RoutedResult later = router.route(CommandRequest.of("list all files with details"));
            assertEquals(1, later.attempts().size(), "A is cooling down: routed straight to the fallback");
            assertEquals("coder@1.1.0", later.attempts().get(0).target());
        }
    }

    @Test
    void whenEveryEndpointFailsTheLocalEngineIsTriedInTheSameRequest() throws Exception {
        ModelVersion onA = fx.served("1.0.0", a.baseUrl(), LS);
        fx.registry
                .routes()
                .defineRoute(
                        PLATFORM,
                        new CapabilityRoute(
                                CAPABILITY,
                                List.of(new RouteCandidate(TargetRef.version(onA.ref()), 1)),
                                List.of(),
                                null));
        a.close();
        try (InferenceEngine local = InferenceEngines.open(EngineSettings.builder()
                        .model(LlamaServerExtension.requireModel(LlamaServerExtension.STORIES))
                        .option("threads", 1)
                        .option("maxTokens", 16)
                        .build());
                RoutedTranslator router = translator().localFallback(local).build()) {
            String routeId;
            try {
                RoutedResult r = router.route(CommandRequest.of("list all files with details"));
                assertEquals("gguf", r.response().provenance().engine());
                routeId = r.routeId();
            } catch (CliTunerException e) {
                // the tiny local model may give no command: still an answer from the local engine, audited
                routeId = null;
            }
            List<AuditEvent> attempts = fx.events("route.attempt");
            assertEquals(2, attempts.size());
            assertEquals("coder@1.0.0", attempts.get(0).attributes().get("target"));
            assertEquals("REMOTE_UNAVAILABLE", attempts.get(0).attributes().get("errorCode"));
            assertEquals("local", attempts.get(1).attributes().get("target"));
            assertEquals("gguf", attempts.get(1).attributes().get("engine"));
            assertEquals(
                    attempts.get(0).attributes().get("routeId"),
                    attempts.get(1).attributes().get("routeId"));
            if (routeId != null) {
                assertEquals(routeId, attempts.get(1).attributes().get("routeId"));
                assertEquals(1, router.stats().localFallbacks());
            }
        }
    }

    @Test
    void theShadowRunsOnACopyAndNeverChangesTheResponse() throws Exception {
        ModelVersion onB = fx.served("1.1.0", b.baseUrl(), LS);
        ModelVersion shadow =
                fx.served("2.0.0-rc.1", a.baseUrl(), WIPE); // a candidate that would emit a DANGEROUS command
        fx.registry
                .routes()
                .defineRoute(
                        PLATFORM,
                        new CapabilityRoute(
                                CAPABILITY,
                                List.of(new RouteCandidate(TargetRef.version(onB.ref()), 1)),
                                List.of(),
                                TargetRef.version(shadow.ref())));
        try (RoutedTranslator router = translator().build()) {
            RoutedResult r = router.route(CommandRequest.of("list all files with details"));
            assertTrue(router.awaitShadows(Duration.ofSeconds(30)));
            assertEquals("ls -la", r.response().command());
            assertEquals(RiskLevel.SAFE, r.response().risk());
            assertEquals("remote:" + b.baseUrl(), r.response().provenance().engine());
            assertEquals(1, r.attempts().size());

            RoutingStats stats = router.stats();
            assertEquals(1, stats.shadowRuns());
            assertEquals(1, stats.shadowDisagreements());
            List<AuditEvent> shadows = fx.events("route.shadow");
            assertEquals(1, shadows.size());
            assertEquals("blocked", shadows.get(0).attributes().get("outcome"));
            assertEquals("false", shadows.get(0).attributes().get("agrees"));
            assertEquals(r.routeId(), shadows.get(0).attributes().get("routeId"));
            assertNotEquals(
                    r.response().provenance().commandHash(),
                    shadows.get(0).attributes().get("commandHash"));
            assertTrue(
                    fx.events("generation.blocked").isEmpty(), "the shadow's pipeline writes nothing to the audit log");
            assertEquals(1, fx.events("generation.returned").size());
        }
    }

    @Test
    void aVersionWhoseServingSpecNamesAnEndpointOpensAsARemoteEngine() throws Exception {
        ModelVersion onB = fx.served("1.1.0", b.baseUrl(), Map.of("maxTokens", "8"));
        try (InferenceEngine engine = RegistryEngines.open(onB, new EndpointMetrics())) {
            assertTrue(engine instanceof RemoteEngine);
            assertEquals("stories260K", engine.model().id());
            assertEquals(
                    "sha256:" + onB.manifest().rootDigest(),
                    engine.model().version(),
                    "the registered weights' digest");
            assertEquals("remote:" + b.baseUrl(), engine.model().engine());
            assertEquals(8, ((RemoteEngine) engine).config().maxTokens());
        }
    }

    @Test
    void withoutARouteAndWithoutALocalEngineTheRegistrysErrorIsRaised() {
        try (RoutedTranslator router = translator().build()) {
            var e = assertThrows(CliTunerException.class, () -> router.translate("list all files"));
            assertEquals(io.clituner.core.error.ErrorCode.REGISTRY_NOT_FOUND, e.code());
        }
    }
}
