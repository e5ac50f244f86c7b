package io.clituner.benchmarks;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.ModelVersion;
import io.clituner.provenance.registry.NewVersion;
import io.clituner.provenance.registry.Stage;
import io.clituner.provenance.registry.TargetRef;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.access.Grant;
import io.clituner.provenance.registry.access.Permission;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRecord;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.routing.CapabilityRoute;
import io.clituner.provenance.registry.routing.RouteCandidate;
import io.clituner.provenance.registry.routing.RouteDecision;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How fast does the registry answer "which model serves code-generation for this caller, and may it
 * use it"? Cached (Caffeine hit), uncached (SQLite reads), and how long a durable promotion takes
 * with gates excluded (SQLite commit with synchronous=FULL plus the audit append).
 *
 * <p>{@code audit=memory} measures the registry itself (decisions appended to an in-memory sink);
 * {@code audit=durable} appends every decision to the fsynced {@link AuditLog}, so each call also
 * pays for one durable write.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmark {
    static final Caller ADMIN = Caller.service("platform");
    static final Caller ASSISTANT = Caller.service("shell-assistant");

    /** Counts events, keeps none: the cost of building the decision event without any I/O. */
    static final class CountingSink implements AuditSink {
        final AtomicLong events = new AtomicLong();

        @Override
        public void append(AuditEvent event) {
            events.incrementAndGet();
        }
    }

    /** A registry in a temporary directory, with one admin key and a model directory to register. */
    static final class TempRegistry {
        final Path dir;
        final RegistryStore store;
        final @Nullable AuditLog auditLog;
        final ModelRegistry registry;
        final Signer key;
        final Path artifacts;
        int next = 1;

        private TempRegistry(String audit) throws IOException {
            dir = Files.createTempDirectory("clituner-registry-bench");
            store = RegistryStores.sqlite(dir.resolve("registry.db"));
            AuditSink sink;
            if ("durable".equals(audit)) {
                AuditLog log = AuditLog.open(dir.resolve("audit.log"));
                auditLog = log;
                sink = log;
            } else {
                auditLog = null;
                sink = new CountingSink();
            }
            key = Ed25519Signer.generate();
            registry = ModelRegistry.builder(store, sink)
                    .manifestKeys(List.of(key.publicKey()))
                    .bootstrapAdmin("platform")
                    .build();
            artifacts = Files.createDirectories(dir.resolve("model"));
            Files.write(artifacts.resolve("model.gguf"), new byte[1 << 16]);
            Files.writeString(artifacts.resolve("config.json"), "{\"arch\":\"qwen2\"}");
        }

        static TempRegistry open(String audit) throws IOException {
            return new TempRegistry(audit);
        }

        ModelVersion newVersion() {
            return registry.versions()
                    .register(
                            ADMIN,
                            NewVersion.builder("coder", next++ + ".0.0")
                                    .artifacts(artifacts, List.of(key))
                                    .capability("code-generation")
                                    .build());
        }

        void close() throws IOException {
            store.close();
            if (auditLog != null) {
                auditLog.close();
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Routing {
        @Param({"memory", "durable"})
        String audit;

        TempRegistry fixture;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            fixture = TempRegistry.open(audit);
            ModelRegistry registry = fixture.registry;
            ModelVersion v = fixture.newVersion();
            registry.promotions().promote(ADMIN, PromotionRequest.to(v.ref(), Stage.INTERNAL, PromotionEvidence.NONE));
            registry.promotions().moveAlias(ADMIN, "coder", "champion", v.ref(), "bench");
            registry.access().grant(ADMIN, Grant.of(ASSISTANT, TargetRef.alias("coder", "champion"), Permission.USE));
            registry.routes()
                    .defineRoute(
                            ADMIN,
                            new CapabilityRoute(
                                    "code-generation",
                                    List.of(new RouteCandidate(TargetRef.alias("coder", "champion"), 100)),
                                    List.of(),
                                    null));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            fixture.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Promotion {
        TempRegistry fixture;
        ModelVersion candidate;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            fixture = TempRegistry.open("durable");
        }

        @Setup(Level.Invocation)
        public void register() {
            candidate = fixture.newVersion();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            fixture.close();
        }
    }

    /** Cached: grants and route resolution come from Caffeine; the decision is still evaluated and audited. */
    @Benchmark
    public RouteDecision routeCached(Routing s) {
        return s.fixture.registry.routes().route("code-generation", ASSISTANT);
    }

    /** Uncached: the route, the alias, the version and the caller's grants are read from SQLite. */
    @Benchmark
    public RouteDecision routeUncached(Routing s) {
        s.fixture.registry.invalidateCaches();
        return s.fixture.registry.routes().route("code-generation", ASSISTANT);
    }

    /** RESEARCH → INTERNAL with no gates: access check, SQLite compare-and-set commit (synchronous=FULL), durable audit append. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PromotionRecord promoteDurable(Promotion s) {
        return s.fixture
                .registry
                .promotions()
                .promote(ADMIN, PromotionRequest.to(s.candidate.ref(), Stage.INTERNAL, PromotionEvidence.NONE));
    }
}
