package io.clituner.provenance.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry change and its audit event exist together or not at all: the event is written to the
 * store's outbox in the change's transaction and moved to the audit log after the commit; a writer
 * killed in between leaves the event queued, and the next registry on the store appends it.
 */
class RegistryAuditOutboxTest {
    static final VersionRef CODER = VersionRef.of("coder", "1.0.0");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "killed {0} appending the event")
    @ValueSource(strings = {"before", "after"})
    void aWriterKilledAtTheCriticalPointLeavesChangeAndEventTogether(String mode) throws Exception {
        Path db = tmp.resolve("reg.db");
        Path log = tmp.resolve("audit.log");
        Path model = Fixtures.modelDir(tmp, "coder", 1);
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RegistryCrashMain.class.getName(),
                        db.toString(),
                        log.toString(),
                        model.toString(),
                        mode)
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(9, p.exitValue(), "the child must die inside the audit sink: " + output);

        try (RegistryStore store = RegistryStores.sqlite(db);
                AuditLog audit = AuditLog.open(log)) {
            assertTrue(store.findVersion(CODER).isPresent(), "the change was committed before its event was appended");
            ModelRegistry.builder(store, audit)
                    .manifestKeys(List.of(Ed25519Signer.generate().publicKey()))
                    .build(); // recovery
            List<AuditEvent> registered = events(audit, "registry.version.register");
            assertTrue(registered.size() >= 1, "after recovery the committed change has its event");
            assertTrue(
                    registered.stream().distinct().count() == 1,
                    "a re-appended event is the identical event: " + registered);
            assertEquals(List.of(), store.pendingEvents(), "the outbox is empty once the events are in the log");
            assertTrue(audit.verify().intact(), "the log verifies");
        }
    }

    @Test
    void aRolledBackChangeHasNoEventAndASinkFailureKeepsTheEventQueued() throws Exception {
        Signer key = Ed25519Signer.generate();
        List<AuditEvent> appended = new ArrayList<>();
        boolean[] failing = {false};
        AuditSink sink = e -> {
            if (failing[0] && e.type().equals("registry.version.register")) {
                throw new CliTunerException(ErrorCode.AUDIT_IO, "disk full (injected)");
            }
            appended.add(e);
        };
        try (RegistryStore store = RegistryStores.sqlite(tmp.resolve("reg.db"))) {
            ModelRegistry registry = ModelRegistry.builder(store, sink)
                    .manifestKeys(List.of(key.publicKey()))
                    .bootstrapAdmin("platform")
                    .build();
            Caller platform = Caller.service("platform");
            NewVersion v = NewVersion.builder("coder", "1.0.0")
                    .artifacts(Fixtures.modelDir(tmp, "coder", 1), List.of(key))
                    .build();
            registry.versions().register(platform, v);
            int before = appended.size();
            assertEquals(
                    ErrorCode.REGISTRY_CONFLICT,
                    assertThrows(
                                    CliTunerException.class,
                                    () -> registry.versions().register(platform, v))
                            .code());
            assertEquals(
                    0,
                    appended.stream()
                            .skip(before)
                            .filter(e -> e.type().startsWith("registry.version"))
                            .count(),
                    "the duplicate registration rolled back and left no event");

            failing[0] = true;
            NewVersion v2 = NewVersion.builder("coder", "1.1.0")
                    .artifacts(Fixtures.modelDir(tmp, "coder2", 2), List.of(key))
                    .build();
            CliTunerException e = assertThrows(
                    CliTunerException.class, () -> registry.versions().register(platform, v2));
            assertEquals(ErrorCode.AUDIT_IO, e.code());
            assertTrue(e.getMessage().contains("committed"), e.getMessage());
            assertTrue(store.findVersion(v2.ref()).isPresent());
            assertEquals(1, store.pendingEvents().size());

            failing[0] = false;
            ModelRegistry.builder(store, sink)
                    .manifestKeys(List.of(key.publicKey()))
                    .build();
            assertEquals(List.of(), store.pendingEvents());
            assertEquals(
                    1,
                    appended.stream()
                            .filter(x -> x.type().equals("registry.version.register")
                                    && x.attributes().get("version").equals("coder@1.1.0"))
                            .count());
        }
    }

    private static List<AuditEvent> events(AuditLog log, String type) {
        List<AuditEvent> out = new ArrayList<>();
        for (long i = 0; i < log.size(); i++) {
            AuditEvent e = log.read(i).event();
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }
}
