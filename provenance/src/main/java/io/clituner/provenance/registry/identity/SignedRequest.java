package io.clituner.provenance.registry.identity;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import io.clituner.provenance.crypto.CanonicalJson;
import io.clituner.provenance.crypto.Signer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A caller's proof of identity for one registry request: a signature, by a key the registry knows
 * as a {@link Principal}, over the request's operation, the SHA-256 of its canonical content, a
 * fresh random nonce and the time it was made. The registry checks the signature, that the content
 * is what it is about to act on, that the time is within its window and that the nonce is new,
 * before it looks at a single grant (see {@code ModelRegistry.authenticate}).
 *
 * @param keyId         id of the signing key (lower-case hex SHA-256 of its SubjectPublicKeyInfo)
 * @param operation     what is asked, e.g. {@code registry.promote}
 * @param contentSha256 SHA-256 of the RFC 8785 JSON of the request's arguments
 * @param signature     base64 signature over {@link #signedBytes()}
 */
public record SignedRequest(
        String keyId, String operation, String contentSha256, String nonce, Instant issuedAt, String signature) {
    /** Domain separation: a registry request signature can never pass as a DSSE or manifest signature. */
    public static final String DOMAIN = "clituner-registry-request/v1";

    private static final SecureRandom RANDOM = new SecureRandom();

    public SignedRequest {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs {@code operation} over {@code content} (any value {@link CanonicalJson} can write) with a fresh nonce. */
    public static SignedRequest sign(Signer signer, String operation, Object content, Instant now) {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        SignedRequest unsigned = new SignedRequest(
                signer.keyId(), operation, digest(content), HexFormat.of().formatHex(n), now, "");
        return new SignedRequest(
                unsigned.keyId,
                operation,
                unsigned.contentSha256,
                unsigned.nonce,
                now,
                Base64.getEncoder().encodeToString(signer.sign(unsigned.signedBytes())));
    }

    /** SHA-256 of the content's canonical JSON. */
    public static String digest(Object content) {
        return Digests.sha256Hex(CanonicalJson.write(content == null ? Map.of() : content));
    }

    /** The bytes the signature covers: the RFC 8785 JSON of everything but the signature, with the domain. */
    public byte[] signedBytes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("contentSha256", contentSha256);
        doc.put("domain", DOMAIN);
        doc.put("issuedAt", issuedAt.toString());
        doc.put("keyId", keyId);
        doc.put("nonce", nonce);
        doc.put("operation", operation);
        return CanonicalJson.write(doc);
    }

    public byte[] signatureBytes() {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new CliTunerException(ErrorCode.ACCESS_DENIED, "request signature is not base64");
        }
    }
}
