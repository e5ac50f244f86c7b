package io.clituner.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.egress.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.FileKeyProvider;
import io.clituner.provenance.crypto.KeyAlgorithm;
import io.clituner.provenance.crypto.PublicKeys;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.SignatureInvalidException;
import io.clituner.provenance.signing.ProvenanceVerifier;
import io.clituner.provenance.signing.VerifiedProvenance;
import io.clituner.provenance.signing.VerifiedStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clituner provenance verify|keygen}: check signed provenance offline; create signing keys. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Verify signed provenance (DSSE + in-toto) and manage signing keys.",
        subcommands = {ProvenanceCommand.Verify.class, ProvenanceCommand.Keygen.class})
public final class ProvenanceCommand extends CommandGroup {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify FILE: a response JSON (as printed by `translate --json`) carrying its signature, or a bare DSSE envelope.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--key", paramLabel = "PUB.pem", required = true,
                description = "trusted public key (PEM); repeat for several")
        List<Path> keys;

        @Option(names = "--threshold", defaultValue = "1", description = "distinct trusted keys that must have signed (default: ${DEFAULT-VALUE})")
        int threshold;

        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            try {
                List<PublicKey> trusted = keys.stream().map(PublicKeys::read).toList();
                ProvenanceVerifier verifier = ProvenanceVerifier.trusting(trusted, threshold);
                JsonNode root = CanonicalJson.parse(read(file));
                if (root.has("payloadType")) {
                    SignedEnvelope env = Dsse.fromTree(root);
                    VerifiedStatement vs = verifier.verifyStatement(env, null);
                    out.put("verified", true);
                    out.put("kind", "envelope");
                    out.put("keyIds", vs.keyIds());
                    out.put("predicateType", vs.statement().predicateType());
                    out.put("subject", vs.statement().subject());
                    out.put("predicate", vs.statement().predicate());
                } else if (root.has("provenance")) {
                    CommandResponse response = CanonicalJson.read(root, CommandResponse.class);
                    VerifiedProvenance vp = verifier.verify(response);
                    out.put("verified", true);
                    out.put("kind", "response");
                    out.put("keyIds", vp.keyIds());
                    out.put("responseSha256", vp.responseSha256());
                    out.put("provenance", vp.provenance());
                } else {
                    throw new CliTunerException(ErrorCode.INVALID_REQUEST, file + " is neither a DSSE envelope nor a response with provenance");
                }
            } catch (SignatureInvalidException e) {
                out.put("verified", false);
                out.put("problem", e.problem().name());
                out.put("message", e.getMessage());
            } catch (CliTunerException e) {
                if (!json) {
                    throw e;
                }
                out.put("verified", false);
                out.put("problem", e.code().name());
                out.put("message", e.getMessage());
            }
            boolean ok = Boolean.TRUE.equals(out.get("verified"));
            if (json) {
                spec.commandLine().getOut().println(Json.write(out));
            } else if (ok) {
                spec.commandLine().getOut().println("OK: " + out.get("kind") + " verified by key(s) " + out.get("keyIds"));
            } else {
                spec.commandLine().getOut().println("FAILED (" + out.get("problem") + "): " + out.get("message"));
            }
            return ok ? 0 : 1;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create a signing key: DIR/NAME.key (PKCS#8 PEM, mode 0600) and DIR/NAME.pub.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR")
        Path dir;

        @Option(names = "--name", defaultValue = "provenance", description = "key name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--algorithm", defaultValue = "ed25519", description = "ed25519 or ecdsa-p256 (default: ${DEFAULT-VALUE})")
        String algorithm;

        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        @Override
        public Integer call() {
            FileKeyProvider keys = new FileKeyProvider(dir);
            Signer s = keys.generate(name, KeyAlgorithm.fromLabel(algorithm));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("keyId", s.keyId());
            out.put("algorithm", s.algorithm());
            out.put("privateKey", keys.privateKeyFile(name).toString());
            out.put("publicKey", keys.publicKeyFile(name).toString());
            spec.commandLine().getOut().println(json ? Json.write(out)
                    : s.algorithm() + " key " + s.keyId() + "\n  private: " + out.get("privateKey") + "\n  public:  " + out.get("publicKey"));
            return 0;
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
