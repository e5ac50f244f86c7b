package io.clituner.provenance.dsse;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;

/** A signed object failed verification; {@link #problem()} says why, the message says where. */
public final class SignatureInvalidException extends CliTunerException {
    private static final long serialVersionUID = 1L;

    /** What was wrong, for callers that branch on it. */
    public enum Problem {
        /** Not a DSSE envelope: missing fields, bad base64, bad JSON. */
        MALFORMED,
        /** The envelope carries no signature at all. */
        NO_SIGNATURES,
        /** No signature is by a key the verifier trusts. */
        UNTRUSTED_KEY,
        /** A signature by a trusted key does not verify (payload, type or signature altered). */
        BAD_SIGNATURE,
        /** Fewer distinct trusted keys verified than the threshold asks for. */
        THRESHOLD_NOT_MET,
        /** The envelope verified but holds the wrong kind of payload. */
        WRONG_PAYLOAD_TYPE,
        /** The signed statement does not describe the object it came with. */
        SUBJECT_MISMATCH
    }

    private final Problem problem;

    public SignatureInvalidException(Problem problem, String message) {
        super(ErrorCode.SIGNATURE_INVALID, message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
