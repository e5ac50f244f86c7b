package io.clituner.provenance.registry.manifest;

import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.VerifiedEnvelope;
import io.clituner.provenance.intoto.Statement;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs an {@link ArtifactManifest} the way OpenSSF model-signing v1.0 does: an in-toto Statement
 * whose subject is the model's root digest and whose predicate lists every file
 * ({@code resources: [{name, algorithm, digest}]}, {@code serialization.method = "files"}), in a
 * DSSE envelope. Ed25519 or ECDSA P-256, whichever {@link Signer}s are given.
 */
public final class ManifestSigning {
    public static final String PREDICATE_TYPE = "https://model_signing/signature/v1.0";

    /** The manifest as a signed statement says it: subject name, root digest and file digests by path. */
    public record SignedManifest(
            String subjectName, String rootDigest, Map<String, String> digestsByPath, List<String> keyIds) {}

    private ManifestSigning() {}

    public static Statement statement(String subjectName, ArtifactManifest manifest) {
        Map<String, Object> serialization = new LinkedHashMap<>();
        serialization.put("method", "files");
        serialization.put("hash_type", "sha256");
        serialization.put("allow_symlinks", false);
        serialization.put("ignore_paths", List.of());
        List<Map<String, String>> resources = new ArrayList<>();
        for (FileDigest f : manifest.files()) {
            resources.add(Map.of("name", f.path(), "algorithm", "sha256", "digest", f.sha256()));
        }
        Map<String, Object> predicate = new LinkedHashMap<>();
        predicate.put("serialization", serialization);
        predicate.put("resources", resources);
        return Statement.of(
                List.of(Statement.Subject.sha256(subjectName, manifest.rootDigest())), PREDICATE_TYPE, predicate);
    }

    public static SignedEnvelope sign(String subjectName, ArtifactManifest manifest, List<Signer> signers) {
        return Dsse.sign(
                Statement.PAYLOAD_TYPE, statement(subjectName, manifest).toCanonicalJson(), signers);
    }

    /**
     * Checks the signatures (SIGNATURE_INVALID when no trusted key verifies) and reads what was signed.
     */
    public static SignedManifest verify(SignedEnvelope envelope, Map<String, PublicKey> trusted, int threshold) {
        VerifiedEnvelope v = Dsse.verify(envelope, trusted, threshold);
        if (!Statement.PAYLOAD_TYPE.equals(v.payloadType())) {
            throw new CliTunerException(
                    ErrorCode.SIGNATURE_INVALID,
                    "manifest envelope has payload type " + v.payloadType() + ", expected " + Statement.PAYLOAD_TYPE);
        }
        Statement s = Statement.parse(v.payload());
        if (!PREDICATE_TYPE.equals(s.predicateType())
                || s.subject().size() != 1
                || s.subject().get(0).sha256() == null) {
            throw new CliTunerException(
                    ErrorCode.SIGNATURE_INVALID,
                    "signed statement is not a model-signing v1.0 manifest (predicate " + s.predicateType() + ")");
        }
        Map<String, String> byPath = new TreeMap<>();
        for (var r : s.predicate().path("resources")) {
            byPath.put(r.path("name").asText(), r.path("digest").asText());
        }
        return new SignedManifest(s.subject().get(0).name(), s.subject().get(0).sha256(), byPath, v.verifiedKeyIds());
    }

    /**
     * Verifies the envelope and that it signs exactly {@code expected} under {@code subjectName};
     * MANIFEST_MISMATCH names every file whose signed digest differs.
     */
    public static SignedManifest verifyMatches(
            SignedEnvelope envelope, String subjectName, ArtifactManifest expected, Map<String, PublicKey> trusted) {
        SignedManifest signed = verify(envelope, trusted, 1);
        List<String> problems = new ArrayList<>();
        if (!signed.subjectName().equals(subjectName)) {
            problems.add("signed for '" + signed.subjectName() + "', not '" + subjectName + "'");
        }
        Map<String, String> remaining = new TreeMap<>(signed.digestsByPath());
        for (FileDigest f : expected.files()) {
            String d = remaining.remove(f.path());
            if (d == null) {
                problems.add("not in signed manifest: " + f.path());
            } else if (!d.equals(f.sha256())) {
                problems.add("digest differs from signed manifest: " + f.path());
            }
        }
        remaining.keySet().forEach(p -> problems.add("signed but not in manifest: " + p));
        if (problems.isEmpty() && !signed.rootDigest().equals(expected.rootDigest())) {
            problems.add("signed root digest " + signed.rootDigest() + " differs from " + expected.rootDigest());
        }
        if (!problems.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.MANIFEST_MISMATCH, "signed manifest does not match: " + String.join("; ", problems));
        }
        return signed;
    }
}
