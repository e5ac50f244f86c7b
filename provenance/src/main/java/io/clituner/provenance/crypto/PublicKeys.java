package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/** Public keys as PEM "PUBLIC KEY" (SubjectPublicKeyInfo) text and files, and their algorithm. */
public final class PublicKeys {
    private PublicKeys() {}

    public static String toPem(PublicKey key) {
        return Pem.encode(Pem.PUBLIC_KEY, key.getEncoded());
    }

    public static PublicKey fromPem(String pem) {
        return fromDer(Pem.decode(Pem.PUBLIC_KEY, pem));
    }

    /** Parses a DER SubjectPublicKeyInfo holding an Ed25519 or a P-256 key. */
    public static PublicKey fromDer(byte[] spki) {
        ASN1ObjectIdentifier oid;
        try {
            oid = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "not a DER SubjectPublicKeyInfo (" + e.getClass().getSimpleName() + ")");
        }
        try {
            if (Oids.ED25519.equals(oid)) {
                return KeyFactory.getInstance("Ed25519", BouncyCastle.PROVIDER)
                        .generatePublic(new X509EncodedKeySpec(spki));
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
                PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
                int bits = ((java.security.interfaces.ECPublicKey) k)
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize();
                if (bits != 256) {
                    throw new CliTunerException(
                            ErrorCode.KEY_ERROR, "EC public key is not on P-256 (field size " + bits + ")");
                }
                return k;
            }
        } catch (GeneralSecurityException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "invalid public key for " + oid + ": " + e.getMessage());
        }
        throw new CliTunerException(
                ErrorCode.KEY_ERROR,
                "unsupported public key algorithm " + oid + "; expected Ed25519 (1.3.101.112) or EC P-256");
    }

    public static PublicKey read(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "cannot read public key file " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, PublicKey key) {
        try {
            Files.writeString(file, toPem(key), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR, "cannot write public key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The algorithm of a key this library can verify with. */
    public static KeyAlgorithm algorithmOf(PublicKey key) {
        String a = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(a) || "EdDSA".equalsIgnoreCase(a)) {
            return KeyAlgorithm.ED25519;
        }
        if ("EC".equalsIgnoreCase(a) || "ECDSA".equalsIgnoreCase(a)) {
            return KeyAlgorithm.ECDSA_P256;
        }
        throw new CliTunerException(ErrorCode.KEY_ERROR, "unsupported public key algorithm " + a);
    }

    /** Q = d·G; PKCS#8 EC keys need not carry the public point, so derive it. */
    static PublicKey ecPublicFromPrivate(ECPrivateKey key) {
        ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = p256.getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "cannot derive P-256 public key: " + e.getClass().getSimpleName());
        }
    }
}
