package io.clituner.provenance.registry;

import io.clituner.core.error.CliTunerException;
import io.clituner.provenance.crypto.Ed25519Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.gate.PromotionEvidence;
import io.clituner.provenance.registry.gate.PromotionRequest;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Second-JVM half of {@link TwoProcessPromotionTest}: waits for the go file, then promotes
 * {@code model@version} to INTERNAL at the given revision. Prints {@code READY} once the store is open, then
 * {@code OK} or {@code ERR <code>}.
 * Args: jdbcUrl goFile model version expectedRevision.
 */
public final class PromoteMain {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path go = Path.of(args[1]);
        VersionRef ref = VersionRef.of(args[2], args[3]);
        long revision = Long.parseLong(args[4]);
        try (RegistryStore store = RegistryStores.open(url)) {
            ModelRegistry registry = ModelRegistry.builder(store, new RecordingAuditSink())
                    .manifestKeys(List.of(Ed25519Signer.generate().publicKey()))
                    .build();
            System.out.println("READY"); // the parent starts the race only once both children got here
            System.out.flush();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            try {
                registry.promotions()
                        .promote(
                                Caller.service("platform"),
                                new PromotionRequest(ref, Stage.INTERNAL, PromotionEvidence.NONE, revision));
                System.out.println("OK");
            } catch (CliTunerException e) {
                System.out.println("ERR " + e.code() + " " + e.getMessage());
            }
        }
    }
}
