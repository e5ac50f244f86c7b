package io.clituner.provenance.crypto;

import java.security.PublicKey;

/**
 * SPI: where named signing keys live. The default, {@link FileKeyProvider}, keeps PKCS#8 PEM files
 * readable by the owner only; a KMS, HSM or PKCS#11 provider returns a {@link Signer} whose private
 * key never enters this process.
 */
public interface KeyProvider {
    /** The signer for an existing key; KEY_ERROR when there is none or it cannot be read. */
    Signer signer(String keyName);

    /** The public half of an existing key (needs no access to the private key). */
    PublicKey publicKey(String keyName);

    /** Creates a new key; KEY_ERROR when one of that name already exists. */
    Signer generate(String keyName, KeyAlgorithm algorithm);

    /**
     * Replaces a key with a fresh one of the same name. The retired public key stays available to
     * verify what it signed; the retired private key is destroyed.
     *
     * @return the new signer
     */
    Signer rotate(String keyName, KeyAlgorithm algorithm);
}
