package io.clituner.examples.cli;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.audit.AuditLog;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.facade.ModelRegistry;
import io.clituner.provenance.registry.identity.SignedRequest;
import io.clituner.provenance.registry.store.RegistryStore;
import io.clituner.provenance.registry.store.RegistryStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clituner registry …}: the model registry from the command line. Every subcommand opens the
 * store ({@code --db}) and the audit log ({@code --audit}) and acts as the principal whose private
 * key is {@code --key}: the request is signed with it (with a fresh nonce and the time) and the
 * registry checks the signature before any grant. There is no way to name a caller without its
 * key. {@code --bootstrap-admin NAME} makes the key's owner the first administrator of an empty
 * registry, once. Gates come from the policy stored in the registry ({@code registry policy set},
 * signed by an administrator); {@code promote} has no option that loosens them.
 *
 * <p>The subcommands live with their concern: {@link RegistryVersionCommands} (versions, lineage,
 * manifests), {@link RegistryPromotionCommands} (evaluations, approvals, promotion, aliases),
 * {@link RegistryAccessCommands} (grants, access checks, routing), {@link RegistryPrincipalCommand}
 * and {@link RegistryPolicyCommand}; this class holds what they share.
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "Model registry: snapshots, lineage, gated promotion, aliases, grants and capability routing.",
        footer = {
            "",
            "Every subcommand needs --key YOUR.key (your identity; requests are signed with it).",
            "Exit codes: 0 done, 1 refused (access denied, gate failed, mismatch), 2 usage error."
        },
        subcommands = {
            RegistryVersionCommands.Register.class,
            RegistryVersionCommands.Snapshot.class,
            RegistryVersionCommands.Derive.class,
            RegistryVersionCommands.ListModels.class,
            RegistryVersionCommands.Show.class,
            RegistryVersionCommands.LineageCmd.class,
            RegistryPromotionCommands.Evaluate.class,
            RegistryPromotionCommands.Promote.class,
            RegistryPromotionCommands.Alias.class,
            RegistryAccessCommands.GrantCmd.class,
            RegistryAccessCommands.CheckAccess.class,
            RegistryAccessCommands.Route.class,
            RegistryVersionCommands.Verify.class,
            RegistryPromotionCommands.Approve.class,
            RegistryPrincipalCommand.class,
            RegistryPolicyCommand.class,
        })
public final class RegistryCommand extends CommandGroup {
    /** Options every subcommand shares. */
    static final class Common {
        @Option(
                names = "--db",
                defaultValue = "./.clituner/registry.db",
                description = "SQLite file, or a jdbc:postgresql:// URL (default: ${DEFAULT-VALUE})")
        String db;

        @Option(
                names = "--audit",
                defaultValue = "./.clituner/registry-audit.log",
                description = "audit log file (default: ${DEFAULT-VALUE})")
        Path audit;

        @Option(
                names = "--key",
                required = true,
                paramLabel = "PRIVATE.key",
                description =
                        "your private key (PKCS#8 PEM, Ed25519 or ECDSA P-256): proves who you are; also signs manifests and approvals")
        Path key;

        @Option(
                names = "--trust",
                split = ",",
                paramLabel = "PUBLIC.pem",
                description =
                        "extra public key(s) whose manifest signatures are accepted (registered principals' keys always are)")
        List<Path> trust = new ArrayList<>();

        @Option(
                names = "--bootstrap-admin",
                paramLabel = "NAME",
                description =
                        "on an empty registry only: make NAME, known by --key, the first administrator (fails once the registry has one)")
        String bootstrapAdmin;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        private @Nullable Signer signer;

        Signer signer() {
            Signer s = signer;
            if (s == null) {
                s = KeyFiles.signer(key);
                signer = s;
            }
            return s;
        }

        <T> T run(CommandSpec spec, RegistryWork<T> work) {
            Signer me = signer();
            try (RegistryStore store =
                            db.startsWith("jdbc:") ? RegistryStores.open(db) : RegistryStores.sqlite(Path.of(db));
                    AuditLog log = AuditLog.open(audit)) {
                List<PublicKey> keys = new ArrayList<>();
                trust.forEach(p -> keys.add(PublicKeys.read(p)));
                keys.add(me.publicKey());
                store.listPrincipals().forEach(p -> keys.add(p.publicKey()));
                ModelRegistry registry =
                        ModelRegistry.builder(store, log).manifestKeys(keys).build();
                if (bootstrapAdmin != null) {
                    registry.access().bootstrap(Caller.parse(bootstrapAdmin), me.publicKey());
                }
                String operation =
                        spec.qualifiedName(".").replace("clituner.", "").replace(' ', '.');
                Map<String, Object> content =
                        Map.of("args", spec.commandLine().getParseResult().originalArgs());
                Caller caller = registry.access()
                        .authenticate(SignedRequest.sign(me, operation, content, Instant.now()), operation, content);
                return work.apply(registry, caller);
            }
        }
    }

    @FunctionalInterface
    interface RegistryWork<T> {
        T apply(ModelRegistry registry, Caller caller);
    }

    @Command(mixinStandardHelpOptions = true)
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        <T> T run(RegistryWork<T> work) {
            return common.run(spec, work);
        }

        void print(Object value, String text) {
            out().println(common.json ? Json.write(value) : text);
        }
    }

    /** A JSON object with its members in the order given (Map.of has none). */
    static Map<String, Object> ordered(@Nullable Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
