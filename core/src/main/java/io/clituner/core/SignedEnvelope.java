package io.clituner.core;

import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse): the signed payload, base64, with
 * its type and one or more signatures over the DSSE pre-authentication encoding.
 */
public record SignedEnvelope(String payloadType, String payload, List<Signature> signatures) {
    /** One signature: key id (SHA-256 of the public key, hex) and the base64 signature. */
    public record Signature(String keyid, String sig) {
        public Signature {
            Objects.requireNonNull(keyid, "keyid");
            Objects.requireNonNull(sig, "sig");
        }
    }

    public SignedEnvelope {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        signatures = List.copyOf(signatures);
    }
}
