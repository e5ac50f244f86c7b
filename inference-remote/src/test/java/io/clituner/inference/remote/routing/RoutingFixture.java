package io.clituner.inference.remote.routing;

import io.clituner.core.egress.AuditEvent;
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
import io.clituner.provenance.registry.gate.GatePolicy;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A real SQLite registry and a real audit log in a temporary directory, for routing tests. */
final class RoutingFixture implements AutoCloseable {
    static final Caller PLATFORM = Caller.service("platform");
    static final Caller ASSISTANT = Caller.service("shell-assistant");
    static final String CAPABILITY = "code-generation";

    final Path dir;
    final RegistryStore store;
    final AuditLog audit;
    final Signer manifestKey = Ed25519Signer.generate();
    final ModelRegistry registry;
    private boolean granted;

    RoutingFixture(Path dir, int failuresBeforeCoolDown) {
        this.dir = dir;
        this.store = RegistryStores.open("jdbc:sqlite:" + dir.resolve("registry.db"));
        this.audit = AuditLog.open(dir.resolve("audit.log"));
        this.registry = ModelRegistry.builder(store, audit)
                .gates(GatePolicy.none())
                .manifestKeys(List.of(manifestKey.publicKey()))
                .health(failuresBeforeCoolDown, Duration.ofMinutes(5))
                .random(new SplittableRandom(7))
                .bootstrapAdmin("platform")
                .build();
        // an administrator's explicit, signed decision that INTERNAL needs no gate here: these tests are about routing
        registry.access().addPrincipal(PLATFORM, PLATFORM, manifestKey.publicKey());
        registry.promotions()
                .setGatePolicy(new GatePolicyChange(
                                "*", Stage.INTERNAL, StagePolicy.builder().build(), 0, Instant.now())
                        .sign(manifestKey));
    }

    /** Registers coder@VERSION served at {@code endpoint} with these serving options, promoted to INTERNAL. */
    ModelVersion served(String version, String endpoint, Map<String, String> serving) throws IOException {
        Path artifacts = Files.createDirectories(dir.resolve("artifacts-" + version));
        Files.writeString(artifacts.resolve("config.json"), "{\"served\":\"" + version + "\"}");
        NewVersion.Builder b = NewVersion.builder("coder", version)
                .artifacts(artifacts, List.of(manifestKey))
                .capability(CAPABILITY)
                .serving("endpoint", endpoint)
                .serving("model", "stories260K");
        serving.forEach(b::serving);
        ModelVersion v = registry.versions().register(PLATFORM, b.build());
        if (!granted) {
            registry.access().grant(PLATFORM, Grant.of(ASSISTANT, TargetRef.model("coder"), Permission.USE));
            granted = true;
        }
        registry.promotions().promote(PLATFORM, PromotionRequest.to(v.ref(), Stage.INTERNAL, PromotionEvidence.NONE));
        return registry.store().findVersion(v.ref()).orElseThrow();
    }

    List<AuditEvent> events(String type) {
        List<AuditEvent> out = new ArrayList<>();
        for (long i = 0; i < audit.size(); i++) {
            AuditEvent e = audit.read(i).event();
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        audit.close();
        store.close();
    }
}
