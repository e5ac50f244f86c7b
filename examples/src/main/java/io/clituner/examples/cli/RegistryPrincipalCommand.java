package io.clituner.examples.cli;

import static io.clituner.examples.cli.RegistryCommand.ordered;

import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.registry.access.Caller;
import io.clituner.provenance.registry.identity.Principal;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clituner registry principal …}: the callers the registry knows by public key. */
@Command(
        name = "principal",
        mixinStandardHelpOptions = true,
        description = "Callers the registry knows by public key (administrators).",
        subcommands = {
            RegistryPrincipalCommand.Add.class,
            RegistryPrincipalCommand.ListPrincipals.class,
            RegistryPrincipalCommand.Remove.class
        })
public final class RegistryPrincipalCommand extends CommandGroup {
    @Command(
            name = "add",
            description =
                    "Register PUBLIC.pem as the key of NAME (SERVICE or SERVICE/AGENT); grants are given separately.")
    static final class Add extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--public-key", required = true, paramLabel = "PUBLIC.pem")
        Path publicKey;

        @Override
        public Integer call() {
            PublicKey k = PublicKeys.read(publicKey);
            Principal p = run((r, caller) -> r.access().addPrincipal(caller, Caller.parse(name), k));
            print(principalDoc(p), "principal " + p.caller() + " added with key " + p.keyId());
            return 0;
        }
    }

    @Command(name = "list", description = "List the registered principals and their key ids.")
    static final class ListPrincipals extends RegistryCommand.Sub {
        @Override
        public Integer call() {
            List<Principal> ps = run((r, caller) -> r.access().principals(caller));
            print(
                    ps.stream().map(RegistryPrincipalCommand::principalDoc).toList(),
                    String.join(
                            "\n",
                            ps.stream()
                                    .map(p -> p.caller() + "  " + p.keyId() + "  added by " + p.addedBy() + " at "
                                            + p.addedAt())
                                    .toList()));
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a key (by key id); requests signed with it fail from now on.")
    static final class Remove extends RegistryCommand.Sub {
        @Parameters(index = "0", paramLabel = "KEY_ID")
        String keyId;

        @Override
        public Integer call() {
            boolean removed = run((r, caller) -> r.access().removePrincipal(caller, keyId));
            print(ordered("removed", removed), removed ? "removed " + keyId : "no principal has key " + keyId);
            return removed ? 0 : 1;
        }
    }

    static Map<String, Object> principalDoc(Principal p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("principal", p.caller().toString());
        d.put("keyId", p.keyId());
        d.put("addedBy", p.addedBy());
        d.put("addedAt", p.addedAt().toString());
        return d;
    }
}
