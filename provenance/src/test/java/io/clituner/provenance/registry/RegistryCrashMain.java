package io.clituner.provenance.registry;

import io.clituner.core.egress.AuditEvent;
import io.clituner.core.egress.AuditSink;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM half of {@link RegistryAuditOutboxTest}: registers {@code coder@1.0.0} on a bootstrapped
 * registry and kills its own JVM ({@code Runtime.halt}, no shutdown hooks, no finally blocks) at
 * the critical point, when the audit sink is handed the version's event: before appending it
 * ({@code before}) or right after it is durable ({@code after}). Args: db auditLog modelDir mode.
 */
public final class RegistryCrashMain {
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Path log = Path.of(args[1]);
        Path model = Path.of(args[2]);
        boolean after = "after".equals(args[3]);
        Signer key = Ed25519Signer.generate();
        try (RegistryStore store = RegistryStores.sqlite(db);
                AuditLog audit = AuditLog.open(log)) {
            AuditSink killing = (AuditEvent e) -> {
                boolean critical = e.type().equals("registry.version.register");
                if (critical && !after) {
                    Runtime.getRuntime().halt(9);
                }
                audit.append(e);
                if (critical) {
                    Runtime.getRuntime().halt(9);
                }
            };
            ModelRegistry registry = ModelRegistry.builder(store, killing)
                    .manifestKeys(List.of(key.publicKey()))
                    .bootstrapAdmin("platform")
                    .build();
            registry.versions()
                    .register(
                            Caller.service("platform"),
                            NewVersion.builder("coder", "1.0.0")
                                    .artifacts(model, List.of(key))
                                    .build());
        }
        System.exit(0); // not reached: the sink halts the JVM
    }
}
