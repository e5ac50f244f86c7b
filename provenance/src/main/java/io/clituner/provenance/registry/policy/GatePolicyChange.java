package io.clituner.provenance.registry.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.Dsse;
import io.clituner.provenance.registry.Names;
import io.clituner.provenance.registry.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * An administrator's signed instruction to set the gate policy of one stage, for one model
 * ({@code scope} = its name) or as the registry default ({@code scope = "*"}). The registry applies
 * it only if the signature is by the key of a principal holding ADMIN on the scope, and only at
 * {@code expectedRevision} (0 for a first policy), so an old change cannot be replayed over a newer
 * one. The envelope is stored with the policy and its digest goes into the audit log.
 */
public record GatePolicyChange(String scope, Stage stage, StagePolicy policy, long expectedRevision, Instant issuedAt) {
    public static final String PAYLOAD_TYPE = "application/vnd.clituner.registry.gate-policy+json";
    public static final String DEFAULT_SCOPE = "*";

    public GatePolicyChange {
        Objects.requireNonNull(scope, "scope");
        if (!DEFAULT_SCOPE.equals(scope)) {
            Names.model(scope);
        }
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (stage == Stage.UPSTREAM || stage == Stage.RESEARCH) {
            throw new CliTunerException(
                    ErrorCode.POLICY_INVALID,
                    "no promotion goes to " + stage + "; gate policies are for INTERNAL, PRODUCTION or DEPRECATED");
        }
        if (expectedRevision < 0) {
            throw new CliTunerException(
                    ErrorCode.POLICY_INVALID,
                    "expected revision must be 0 (new) or the current revision, was " + expectedRevision);
        }
    }

    /** Signs this change with an administrator's key. */
    public SignedEnvelope sign(Signer admin) {
        return Dsse.sign(PAYLOAD_TYPE, CanonicalJson.write(this), admin);
    }

    /** Reads the change out of an envelope's payload (the signature is checked by the registry). */
    public static GatePolicyChange fromEnvelope(SignedEnvelope envelope) {
        if (!PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new CliTunerException(
                    ErrorCode.POLICY_INVALID,
                    "envelope holds a " + envelope.payloadType() + ", not a gate policy change");
        }
        byte[] payload;
        try {
            payload = java.util.Base64.getDecoder().decode(envelope.payload());
        } catch (IllegalArgumentException e) {
            throw new CliTunerException(ErrorCode.POLICY_INVALID, "gate policy change payload is not base64");
        }
        JsonNode tree = CanonicalJson.parse(payload);
        GatePolicyChange change = CanonicalJson.read(tree, GatePolicyChange.class);
        if (!java.util.Arrays.equals(CanonicalJson.write(change), payload)) {
            throw new CliTunerException(
                    ErrorCode.POLICY_INVALID, "gate policy change is not in canonical form or has unknown fields");
        }
        return change;
    }
}
