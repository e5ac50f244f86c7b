package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Turns PKCS#8 private keys of either supported algorithm into a {@link Signer}. */
public final class PrivateKeys {
    private PrivateKeys() {}

    /** A signer from a PEM "PRIVATE KEY" block; the algorithm is read from the key itself. */
    public static Signer signerFromPkcs8Pem(String pem) {
        byte[] der = Pem.decode(Pem.PRIVATE_KEY, pem);
        ASN1ObjectIdentifier oid;
        try {
            oid = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "not a PKCS#8 PrivateKeyInfo (" + e.getClass().getSimpleName() + ")");
        }
        if (Oids.ED25519.equals(oid)) {
            return Ed25519Signer.fromPkcs8(der);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return EcdsaP256Signer.fromPkcs8(der);
        }
        throw new CliTunerException(
                ErrorCode.KEY_ERROR, "unsupported private key algorithm " + oid + "; expected Ed25519 or EC P-256");
    }

    /** PEM PKCS#8 of a signer this package created; the text is private key material, handle it as such. */
    static String toPkcs8Pem(Signer signer) {
        byte[] der;
        if (signer instanceof Ed25519Signer ed) {
            der = ed.pkcs8();
        } else if (signer instanceof EcdsaP256Signer ec) {
            der = ec.pkcs8();
        } else {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "signer " + signer.keyId() + " (" + signer.getClass().getSimpleName()
                            + ") does not expose its private key; it cannot be stored in a file");
        }
        return Pem.encode(Pem.PRIVATE_KEY, der);
    }
}
