package io.clituner.provenance.crypto;

import java.security.PublicKey;

/**
 * Something that signs bytes with one private key. The private key itself never leaves the
 * implementation, which is what lets a KMS, an HSM or PKCS#11 token stand behind this interface.
 */
public interface Signer {
    /** Lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo; see {@link KeyIds#of}. */
    String keyId();

    /** {@code "ed25519"} or {@code "ecdsa-p256"}. */
    String algorithm();

    /** Signs {@code data}: a raw 64-byte Ed25519 signature, or a DER-encoded ECDSA signature. */
    byte[] sign(byte[] data);

    PublicKey publicKey();
}
