package io.clituner.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.SignedEnvelope;
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
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clituner provenance verify|keygen}: check signed provenance offline; create signing keys. */
@Command(
        name = "provenance",
        mixinStandardHelpOptions = true,
        description = "Verify signed provenance (DSSE + in-toto) and manage signing keys.",
        subcommands = {ProvenanceCommand.Verify.class, ProvenanceCommand.Keygen.class})
public final class ProvenanceCommand extends CommandGroup {
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Verify FILE: a response JSON (as printed by `translate --json`) carrying its signature, or a bare DSSE envelope.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(
                names = "--key",
                paramLabel = "PUB.pem",
                required = true,
                description = "trusted public key (PEM); repeat for several")
        List<Path> keys;

        @Option(
                names = "--threshold",
                defaultValue = "1",
                description = "distinct trusted keys that must have signed (default: ${DEFAULT-VALUE})")
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
                JsonNode root = strictParse(read(file));
                if (root.has("payloadType")) {
                    SignedEnvelope env = Dsse.fromTree(root);
                    requireSame(root, Dsse.toTree(env), "a DSSE envelope");
                    VerifiedStatement vs = verifier.verifyStatement(env, null);
                    out.put("verified", true);
                    out.put("kind", "envelope");
                    out.put("keyIds", vs.keyIds());
                    out.put("predicateType", vs.statement().predicateType());
                    out.put("subject", vs.statement().subject());
                    out.put("predicate", vs.statement().predicate());
                } else if (root.has("provenance")) {
                    CommandResponse response = CanonicalJson.read(root, CommandResponse.class);
                    requireSame(root, Json.MAPPER.valueToTree(response), "a response as `translate --json` writes it");
                    VerifiedProvenance vp = verifier.verify(response);
                    out.put("verified", true);
                    out.put("kind", "response");
                    out.put("keyIds", vp.keyIds());
                    out.put("responseSha256", vp.responseSha256());
                    out.put("provenance", vp.provenance());
                } else {
                    throw new CliTunerException(
                            ErrorCode.INVALID_REQUEST,
                            file + " is neither a DSSE envelope nor a response with provenance");
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
                spec.commandLine()
                        .getOut()
                        .println("OK: " + out.get("kind") + " verified by key(s) " + out.get("keyIds"));
            } else {
                spec.commandLine().getOut().println("FAILED (" + out.get("problem") + "): " + out.get("message"));
            }
            return ok ? 0 : 1;
        }
    }

    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description = "Create a signing key: DIR/NAME.key (PKCS#8 PEM, mode 0600) and DIR/NAME.pub.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR")
        Path dir;

        @Option(names = "--name", defaultValue = "provenance", description = "key name (default: ${DEFAULT-VALUE})")
        String name;

        @Option(
                names = "--algorithm",
                defaultValue = "ed25519",
                description = "ed25519 or ecdsa-p256 (default: ${DEFAULT-VALUE})")
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
            spec.commandLine()
                    .getOut()
                    .println(
                            json
                                    ? Json.write(out)
                                    : s.algorithm() + " key " + s.keyId() + "\n  private: " + out.get("privateKey")
                                            + "\n  public:  " + out.get("publicKey"));
            return 0;
        }
    }

    /** Parses JSON refusing duplicate member names: two values for one key let a reader and a verifier see different documents. */
    static JsonNode strictParse(byte[] bytes) {
        try {
            JsonNode n = Json.MAPPER
                    .copy()
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw new SignatureInvalidException(SignatureInvalidException.Problem.MALFORMED, "empty JSON document");
            }
            return n;
        } catch (IOException e) {
            throw new SignatureInvalidException(
                    SignatureInvalidException.Problem.MALFORMED,
                    "not accepted JSON: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()));
        }
    }

    /** The document must be exactly what the verified value writes: no unknown, missing or altered members. */
    static void requireSame(JsonNode given, JsonNode expected, String what) {
        String diff = firstDifference("", given, expected);
        if (diff != null) {
            throw new SignatureInvalidException(
                    SignatureInvalidException.Problem.MALFORMED, "not " + what + ": " + diff);
        }
    }

    private static @Nullable String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            for (var it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!b.has(f)) {
                    return "unknown member " + path + "/" + f;
                }
                String d = firstDifference(path + "/" + f, a.get(f), b.get(f));
                if (d != null) {
                    return d;
                }
            }
            for (var it = b.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!a.has(f)) {
                    return "missing member " + path + "/" + f;
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                String d = firstDifference(path + "/" + i, a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0
                    ? null
                    : "altered value at " + (path.isEmpty() ? "/" : path);
        }
        return a.equals(b) ? null : "altered value at " + (path.isEmpty() ? "/" : path);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
