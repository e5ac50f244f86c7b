package io.clituner.provenance.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.KeyIds;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.dsse.SignatureInvalidException;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import io.clituner.provenance.dsse.VerifiedEnvelope;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs evaluation records into DSSE envelopes and verifies them. The payload is the record's RFC 8785
 * JSON and nothing else: a payload that is not exactly the canonical form of the record it parses to
 * is refused, so one record has one digest and unknown members cannot ride along unsigned-in-effect.
 */
public final class EvaluationSigning {
    /** DSSE payload type of a signed evaluation record. */
    public static final String PAYLOAD_TYPE = "application/vnd.clituner.evaluation+json";

    private EvaluationSigning() {}

    /** One signature per signer over the record's canonical JSON. */
    public static SignedEnvelope sign(EvaluationRecord record, List<Signer> signers) {
        if (record == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "no evaluation record given");
        }
        return Dsse.sign(PAYLOAD_TYPE, record.toCanonicalJson(), signers);
    }

    public static SignedEnvelope sign(EvaluationRecord record, Signer signer) {
        return sign(record, List.of(signer));
    }

    /** Verifies against any one of these keys. */
    public static VerifiedEvaluation verify(SignedEnvelope envelope, PublicKey... trusted) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey k : trusted) {
            byId.put(KeyIds.of(k), k);
        }
        return verify(envelope, byId, 1);
    }

    /**
     * Verifies the signatures ({@code threshold} distinct trusted keys), the payload type and the
     * payload's form.
     *
     * @throws SignatureInvalidException with {@link Problem#WRONG_PAYLOAD_TYPE} for another kind of
     *         envelope, {@link Problem#MALFORMED} for a payload that is not a canonical record, or the
     *         DSSE problem of the signatures
     */
    public static VerifiedEvaluation verify(
            SignedEnvelope envelope, Map<String, PublicKey> trustedKeysById, int threshold) {
        VerifiedEnvelope v = Dsse.verify(envelope, trustedKeysById, threshold);
        if (!PAYLOAD_TYPE.equals(v.payloadType())) {
            throw new SignatureInvalidException(
                    Problem.WRONG_PAYLOAD_TYPE,
                    "expected an evaluation record (" + PAYLOAD_TYPE + "), got payload type " + v.payloadType());
        }
        return new VerifiedEvaluation(parse(v.payload()), v.verifiedKeyIds());
    }

    /**
     * {@link #verify(SignedEnvelope, Map, int)} and that the record is about this model and this data
     * set ({@link Problem#SUBJECT_MISMATCH} otherwise); a {@code null} expectation is not checked.
     */
    public static VerifiedEvaluation verify(
            SignedEnvelope envelope,
            Map<String, PublicKey> trustedKeysById,
            int threshold,
            String expectedModelSha256,
            String expectedDatasetSha256) {
        VerifiedEvaluation v = verify(envelope, trustedKeysById, threshold);
        EvaluationRecord r = v.record();
        if (expectedModelSha256 != null && !expectedModelSha256.equals(r.modelSha256())) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH,
                    "evaluation record is about the model with SHA-256 " + r.modelSha256() + ", not "
                            + expectedModelSha256);
        }
        if (expectedDatasetSha256 != null && !expectedDatasetSha256.equals(r.datasetSha256())) {
            throw new SignatureInvalidException(
                    Problem.SUBJECT_MISMATCH,
                    "evaluation record is about the data set with SHA-256 " + r.datasetSha256() + ", not "
                            + expectedDatasetSha256);
        }
        return v;
    }

    /** Reads a record from its canonical JSON (unsigned; use {@code verify} for anything you rely on). */
    public static EvaluationRecord parse(byte[] canonicalJson) {
        EvaluationRecord record;
        try {
            JsonNode tree = CanonicalJson.parse(canonicalJson);
            record = CanonicalJson.read(tree, EvaluationRecord.class);
        } catch (CliTunerException e) {
            throw new SignatureInvalidException(Problem.MALFORMED, "not an evaluation record: " + e.getMessage());
        }
        if (!Arrays.equals(record.toCanonicalJson(), canonicalJson)) {
            throw new SignatureInvalidException(
                    Problem.MALFORMED,
                    "evaluation record payload is not in canonical form (RFC 8785) or carries unknown members");
        }
        return record;
    }
}
