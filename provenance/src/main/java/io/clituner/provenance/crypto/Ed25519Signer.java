package io.clituner.provenance.crypto;

import io.clituner.core.error.CliTunerException;
import io.clituner.core.error.ErrorCode;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Ed25519 (RFC 8032) signing with Bouncy Castle's lightweight API, which avoids a JCA
 * {@code Signature} lookup per call. Thread-safe: signing is a pure function of key and data.
 */
public final class Ed25519Signer implements Signer {
    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private Ed25519Signer(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        Ed25519PublicKeyParameters pub = privateKey.generatePublicKey();
        try {
            byte[] spki =
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded();
            this.publicKey = KeyFactory.getInstance("Ed25519", BouncyCastle.PROVIDER)
                    .generatePublic(new X509EncodedKeySpec(spki));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "cannot encode Ed25519 public key: " + e.getClass().getSimpleName());
        }
        this.keyId = KeyIds.of(publicKey);
    }

    /** A fresh key pair from a strong random source. */
    public static Ed25519Signer generate() {
        return new Ed25519Signer(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** From a PEM "PRIVATE KEY" (PKCS#8) block. */
    public static Ed25519Signer fromPkcs8Pem(String pem) {
        return fromPkcs8(Pem.decode(Pem.PRIVATE_KEY, pem));
    }

    /** From DER PKCS#8 bytes. */
    public static Ed25519Signer fromPkcs8(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "not a PKCS#8 private key (" + e.getClass().getSimpleName() + ")");
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
            throw new CliTunerException(
                    ErrorCode.KEY_ERROR,
                    "PKCS#8 key is not Ed25519 but "
                            + key.getClass().getSimpleName().replace("PrivateKeyParameters", ""));
        }
        return new Ed25519Signer(ed);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return KeyAlgorithm.ED25519.label();
    }

    @Override
    public byte[] sign(byte[] data) {
        byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        privateKey.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, data, 0, data.length, sig, 0);
        return sig;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * DER PKCS#8 as RFC 8410 §7 writes it: version 0 (v1), id-Ed25519 with no parameters, the seed
     * as a CurvePrivateKey, no public key. Bouncy Castle's default (version 1 with the public key
     * attached) is refused by OpenSSL 3 and Python's cryptography; {@link #fromPkcs8} reads both.
     * Package-private so that only a {@link KeyProvider} in this package can persist it.
     */
    byte[] pkcs8() {
        try {
            return new PrivateKeyInfo(
                            new AlgorithmIdentifier(Oids.ED25519), new DEROctetString(privateKey.getEncoded()))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CliTunerException(ErrorCode.KEY_ERROR, "cannot encode Ed25519 private key as PKCS#8");
        }
    }

    @Override
    public String toString() {
        return "Ed25519Signer[keyId=" + keyId + "]";
    }
}
