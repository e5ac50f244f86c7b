package io.clituner.provenance.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clituner.core.SignedEnvelope;
import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.Signatures;
import io.clituner.provenance.crypto.Signer;
import io.clituner.provenance.dsse.SignatureInvalidException.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DSSE v1 (https://github.com/secure-systems-lab/dsse/blob/master/protocol.md): signatures are over
 * the pre-authentication encoding {@code PAE(type, payload)}, so the payload type is authenticated
 * too and no JSON canonicalization is needed to verify.
 */
public final class Dsse {
    private Dsse() {}

    /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload}, lengths as ASCII decimal of the byte counts. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + type.length + payload.length);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Signs {@code payload} with every signer; the envelope carries one signature per signer. */
    public static SignedEnvelope sign(String payloadType, byte[] payload, List<Signer> signers) {
        if (payloadType == null || payloadType.isEmpty()) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "a DSSE payload type is required");
        }
        if (payload == null) {
            throw new CliTunerException(ErrorCode.INVALID_REQUEST, "a DSSE payload is required");
        }
        if (signers == null || signers.isEmpty()) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "no signer given; configure at least one signing key");
        }
        byte[] pae = pae(payloadType, payload);
        Base64.Encoder b64 = Base64.getEncoder();
        List<SignedEnvelope.Signature> sigs = new ArrayList<>(signers.size());
        for (Signer s : signers) {
            sigs.add(new SignedEnvelope.Signature(s.keyId(), b64.encodeToString(s.sign(pae))));
        }
        return new SignedEnvelope(payloadType, b64.encodeToString(payload), sigs);
    }

    /** Convenience for one signer. */
    public static SignedEnvelope sign(String payloadType, byte[] payload, Signer signer) {
        return sign(payloadType, payload, List.of(signer));
    }

    /**
     * Verifies an envelope against trusted keys.
     *
     * @param trustedKeysById keys the caller trusts, by key id
     * @param threshold       how many distinct trusted keys must have signed (≥ 1)
     * @throws SignatureInvalidException naming the first problem found
     */
    public static VerifiedEnvelope verify(SignedEnvelope env, Map<String, PublicKey> trustedKeysById, int threshold) {
        if (threshold < 1) {
            throw new CliTunerException(ErrorCode.CONFIGURATION, "DSSE threshold must be at least 1, got " + threshold);
        }
        if (trustedKeysById == null || trustedKeysById.isEmpty()) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "no trusted public keys given; pass the signer's public key");
        }
        if (env == null) {
            throw new SignatureInvalidException(Problem.MALFORMED, "no envelope given");
        }
        if (env.signatures().isEmpty()) {
            throw new SignatureInvalidException(
                    Problem.NO_SIGNATURES, "envelope of type " + env.payloadType() + " carries no signature");
        }
        byte[] payload = decode(env.payload(), "payload");
        byte[] pae = pae(env.payloadType(), payload);
        Set<String> verified = new LinkedHashSet<>();
        List<String> failed = new ArrayList<>();
        List<String> untrusted = new ArrayList<>();
        for (SignedEnvelope.Signature s : env.signatures()) {
            PublicKey key = trustedKeysById.get(s.keyid());
            if (key == null) {
                untrusted.add(s.keyid());
                continue;
            }
            byte[] sig;
            try {
                sig = decode(s.sig(), "signature");
            } catch (SignatureInvalidException e) {
                failed.add(s.keyid());
                continue;
            }
            if (Signatures.verify(key, pae, sig)) {
                verified.add(s.keyid());
            } else {
                failed.add(s.keyid());
            }
        }
        if (verified.size() >= threshold) {
            return new VerifiedEnvelope(env.payloadType(), payload, List.copyOf(verified));
        }
        if (!failed.isEmpty()) {
            throw new SignatureInvalidException(
                    Problem.BAD_SIGNATURE,
                    "signature by key " + failed.get(0)
                            + " does not verify over payload type " + env.payloadType()
                            + ": the payload, its type or the signature was altered");
        }
        if (verified.isEmpty()) {
            throw new SignatureInvalidException(
                    Problem.UNTRUSTED_KEY,
                    "envelope is signed only by untrusted key(s) " + untrusted + "; trusted: "
                            + trustedKeysById.keySet());
        }
        throw new SignatureInvalidException(
                Problem.THRESHOLD_NOT_MET,
                verified.size() + " trusted key(s) verified " + verified + ", threshold is " + threshold);
    }

    /** The DSSE JSON envelope, canonical: {@code {"payload":…,"payloadType":…,"signatures":[{"keyid":…,"sig":…}]}}. */
    public static byte[] toJson(SignedEnvelope env) {
        return CanonicalJson.write(toTree(env));
    }

    public static ObjectNode toTree(SignedEnvelope env) {
        ObjectNode root = CanonicalJson.mapper().createObjectNode();
        root.put("payload", env.payload());
        root.put("payloadType", env.payloadType());
        ArrayNode sigs = root.putArray("signatures");
        for (SignedEnvelope.Signature s : env.signatures()) {
            sigs.addObject().put("keyid", s.keyid()).put("sig", s.sig());
        }
        return root;
    }

    public static SignedEnvelope fromJson(byte[] json) {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (CliTunerException e) {
            throw new SignatureInvalidException(Problem.MALFORMED, "not a DSSE envelope: " + e.getMessage());
        }
        return fromTree(root);
    }

    public static SignedEnvelope fromTree(JsonNode root) {
        if (!root.isObject()) {
            throw new SignatureInvalidException(
                    Problem.MALFORMED, "not a DSSE envelope: JSON " + root.getNodeType() + " instead of an object");
        }
        String payloadType = text(root, "payloadType");
        String payload = text(root, "payload");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray()) {
            throw new SignatureInvalidException(Problem.MALFORMED, "DSSE envelope has no 'signatures' array");
        }
        List<SignedEnvelope.Signature> list = new ArrayList<>();
        for (JsonNode s : sigs) {
            if (!s.isObject()) {
                throw new SignatureInvalidException(Problem.MALFORMED, "DSSE signature entry is not an object");
            }
            // keyid is optional in DSSE; an empty one can only match no trusted key.
            String keyid = s.hasNonNull("keyid") ? s.get("keyid").asText() : "";
            list.add(new SignedEnvelope.Signature(keyid, text(s, "sig")));
        }
        return new SignedEnvelope(payloadType, payload, list);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new SignatureInvalidException(
                    Problem.MALFORMED, "DSSE envelope field '" + field + "' is missing or not a string");
        }
        return v.textValue();
    }

    /**
     * Strict base64: the text must be exactly what the encoder would produce, so that a flipped
     * padding bit cannot leave the decoded bytes (and hence the signature) unchanged.
     */
    static byte[] decode(String b64, String what) {
        try {
            byte[] bytes = Base64.getDecoder().decode(b64);
            if (Base64.getEncoder().encodeToString(bytes).equals(b64)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the URL-safe alphabet, which DSSE also allows
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(b64);
            if (Base64.getUrlEncoder().encodeToString(bytes).equals(b64)
                    || Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(bytes)
                            .equals(b64)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new SignatureInvalidException(Problem.MALFORMED, "DSSE " + what + " is not canonical base64");
    }
}
