package io.clituner.provenance.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.core.CommandResponse;
import io.clituner.core.GenerationProvenance;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.SignatureInvalidException;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import io.clituner.provenance.dsse.VerifiedEnvelope;
import io.clituner.provenance.intoto.Statement;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks signed statements offline against a set of trusted public keys: signature, payload type,
 * predicate type, and that the subject digest matches the object presented with it.
 */
public final class ProvenanceVerifier {
    private final Map<String, PublicKey> trusted;
    private final int threshold;

    private ProvenanceVerifier(Map<String, PublicKey> trusted, int threshold) {
        if (trusted.isEmpty()) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "a verifier needs at least one trusted public key");
        }
        if (threshold < 1 || threshold > trusted.size()) {
            throw new CliTunerException(
                    ErrorCode.CONFIGURATION,
                    "threshold " + threshold + " must be between 1 and the " + trusted.size() + " trusted key(s)");
        }
        this.trusted = Map.copyOf(trusted);
        this.threshold = threshold;
    }

    /** Trusts each key; one valid signature suffices. */
    public static ProvenanceVerifier trusting(PublicKey... keys) {
        return trusting(Arrays.asList(keys), 1);
    }

    /** Trusts each key; {@code threshold} distinct trusted keys must have signed. */
    public static ProvenanceVerifier trusting(List<PublicKey> keys, int threshold) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey k : keys) {
            byId.put(KeyIds.of(k), k);
        }
        return new ProvenanceVerifier(byId, threshold);
    }

    /** Verifies the envelope and parses its statement, requiring the given predicate type. */
    public VerifiedStatement verifyStatement(SignedEnvelope envelope, @Nullable String predicateType) {
        VerifiedEnvelope v = Dsse.verify(envelope, trusted, threshold);
        if (!Statement.PAYLOAD_TYPE.equals(v.payloadType())) {
            throw new SignatureInvalidException(
                    Problem.WRONG_PAYLOAD_TYPE,
                    "payload type is " + v.payloadType() + ", expected " + Statement.PAYLOAD_TYPE);
        }
        Statement statement;
        try {
            statement = Statement.parse(v.payload());
        } catch (CliTunerException e) {
            throw new SignatureInvalidException(
                    Problem.MALFORMED, "signed payload is not an in-toto statement: " + e.getMessage());
        }
        if (predicateType != null && !predicateType.equals(statement.predicateType())) {
            throw new SignatureInvalidException(
                    Problem.WRONG_PAYLOAD_TYPE,
                    "predicate type is " + statement.predicateType() + ", expected " + predicateType);
        }
        return new VerifiedStatement(statement, v.verifiedKeyIds());
    }

    /**
     * Verifies a response's own signed provenance: the signature, that the statement's subject is
     * this very response, and that the signed predicate equals the provenance it carries in clear.
     */
    public VerifiedProvenance verify(CommandResponse response) {
        if (response.signature() == null) {
            throw new SignatureInvalidException(
                    Problem.NO_SIGNATURES,
                    "response " + response.provenance().requestId()
                            + " carries no signed provenance; configure a ProvenanceSigner on the pipeline");
        }
        VerifiedStatement vs = verifyStatement(response.signature(), PredicateTypes.GENERATION);
        ObjectNode tree = ResponseDigest.unsignedTree(response);
        String actual = Digests.sha256Hex(CanonicalJson.write(tree));
        String signed = vs.statement().subject().get(0).sha256();
        if (!actual.equals(signed)) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH,
                    "response was altered after signing: its SHA-256 is " + actual + " but the signed subject is "
                            + signed);
        }
        // The subject digest covers the clear provenance; the predicate must say the same thing.
        if (!Arrays.equals(
                CanonicalJson.write(vs.statement().predicate()), CanonicalJson.write(tree.get("provenance")))) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH, "provenance shown in clear differs from the signed one");
        }
        GenerationProvenance p = response.provenance();
        return new VerifiedProvenance(p, signed, vs.keyIds());
    }

    /** Verifies a model provenance envelope and, if given, that it is about the model file with this digest. */
    public ModelProvenance verifyModel(SignedEnvelope envelope, @Nullable String expectedModelSha256) {
        VerifiedStatement vs = verifyStatement(envelope, PredicateTypes.MODEL);
        ModelProvenance m = predicate(vs, ModelProvenance.class);
        checkSubject(vs, m.sha256(), expectedModelSha256, "model");
        return m;
    }

    /** Verifies a data provenance envelope and, if given, that it is about the data file with this digest. */
    public DataProvenance verifyData(SignedEnvelope envelope, @Nullable String expectedDataSha256) {
        VerifiedStatement vs = verifyStatement(envelope, PredicateTypes.DATA);
        DataProvenance d = predicate(vs, DataProvenance.class);
        checkSubject(vs, d.sha256(), expectedDataSha256, "data set");
        return d;
    }

    private static void checkSubject(
            VerifiedStatement vs, String predicateDigest, @Nullable String expected, String what) {
        String subject = vs.statement().subject().get(0).sha256();
        if (!predicateDigest.equals(subject)) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH,
                    what + " predicate digest " + predicateDigest + " differs from the statement subject " + subject);
        }
        if (expected != null && !expected.equals(subject)) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH,
                    "statement is about the " + what + " with SHA-256 " + subject + ", not " + expected);
        }
    }

    private static <T> T predicate(VerifiedStatement vs, Class<T> type) {
        JsonNode predicate = vs.statement().predicate();
        try {
            return CanonicalJson.read(predicate, type);
        } catch (CliTunerException e) {
            throw new SignatureInvalidException(
                    Problem.MALFORMED, "signed predicate is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
