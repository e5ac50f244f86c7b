package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.policy.GatePolicyChange;
import io.clituner.provenance.registry.policy.StagePolicy;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs promote the same version at the same revision against one store (a SQLite file, and
 * PostgreSQL when CLITUNER_PG_URL is set): exactly one wins,
 * the other gets a typed REGISTRY_CONFLICT, and the store holds one promotion.
 */
class TwoProcessPromotionTest {
    @TempDir
    Path tmp;

    @Test
    void sqliteFromTwoJvms() throws Exception {
        concurrentPromotionsGiveOneSuccessAndOneConflict("jdbc:sqlite:" + tmp.resolve("registry.db"));
    }

    @Test
    void postgresFromTwoJvms() throws Exception {
        assumeTrue(
                PostgresRegistryContractTest.URL != null && !PostgresRegistryContractTest.URL.isBlank(),
                "CLITUNER_PG_URL is not set; run eval \"$(bash .ci/start-postgres.sh)\" to run the PostgreSQL registry tests");
        PostgresRegistryContractTest.resetSchema();
        concurrentPromotionsGiveOneSuccessAndOneConflict(PostgresRegistryContractTest.URL);
    }

    private void concurrentPromotionsGiveOneSuccessAndOneConflict(String db) throws Exception {
        Signer key = Ed25519Signer.generate();
        VersionRef ref;
        long revision;
        try (RegistryStore store = RegistryStores.open(db)) {
            ModelRegistry registry = ModelRegistry.builder(store, new RecordingAuditSink())
                    .manifestKeys(List.of(key.publicKey()))
                    .bootstrapAdmin("platform")
                    .build();
            ModelVersion v = registry.versions()
                    .register(
                            Caller.service("platform"),
                            NewVersion.builder("coder", "1.0.0")
                                    .artifacts(Fixtures.modelDir(tmp, "coder", 1), List.of(key))
                                    .build());
            ref = v.ref();
            revision = v.revision();
            // an administrator's explicit, signed decision that INTERNAL needs nothing here: this test is about the
            // race
            registry.access().addPrincipal(Caller.service("platform"), Caller.service("platform"), key.publicKey());
            registry.promotions()
                    .setGatePolicy(new GatePolicyChange(
                                    "*", Stage.INTERNAL, StagePolicy.builder().build(), 0, java.time.Instant.now())
                            .sign(key));
        }
        Path go = tmp.resolve("go");
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            procs.add(new ProcessBuilder(
                            javaBinary(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            PromoteMain.class.getName(),
                            db,
                            go.toString(),
                            ref.model(),
                            ref.version().toString(),
                            Long.toString(revision))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }
        // Barrier: each child says READY once it has opened the store; only then does the race start.
        List<java.io.BufferedReader> outputs = new ArrayList<>();
        for (Process p : procs) {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine(), "child JVM did not open the store");
            outputs.add(out);
        }
        Files.writeString(go, "go");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < procs.size(); i++) {
            assertTrue(procs.get(i).waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
            outcomes.add(read(outputs.get(i)).strip());
        }
        assertEquals(1, outcomes.stream().filter(o -> o.equals("OK")).count(), outcomes.toString());
        assertEquals(
                1,
                outcomes.stream()
                        .filter(o -> o.startsWith("ERR REGISTRY_CONFLICT"))
                        .count(),
                outcomes.toString());
        try (RegistryStore store = RegistryStores.open(db)) {
            ModelVersion after = store.findVersion(ref).orElseThrow();
            assertEquals(Stage.INTERNAL, after.stage());
            assertEquals(revision + 1, after.revision());
            assertEquals(1, store.promotions(ref).size(), "exactly one promotion recorded");
            assertEquals(Map.of(), after.metrics());
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(java.io.BufferedReader out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
