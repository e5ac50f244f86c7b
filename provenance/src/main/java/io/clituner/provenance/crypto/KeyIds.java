package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.hash.Digests;
import java.security.PublicKey;

/** Key ids: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, so anyone holding the public key derives the same id. */
public final class KeyIds {
    private KeyIds() {}

    public static String of(PublicKey key) {
        if (key == null) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "no public key given to derive a key id from");
        }
        byte[] spki = key.getEncoded();
        if (spki == null) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "public key of type " + key.getAlgorithm() + " has no X.509 encoding; cannot derive a key id");
        }
        return Digests.sha256Hex(spki);
    }
}
